//! Catching panics quietly: while a call runs under [`catch`], a panic prints nothing and
//! its message, location and the engine function it happened in are kept instead. Panics
//! elsewhere (a test's failed assertion) go to the hook that was there before, unchanged.

use std::backtrace::Backtrace;
use std::cell::{Cell, RefCell};
use std::panic::{self, AssertUnwindSafe};
use std::sync::Once;

/// A panic caught under [`catch`].
#[derive(Clone, Debug)]
pub struct Caught {
    /// What the panic said (`Multiplication overflowed`).
    pub message: String,
    /// Where `panic!` was called (often inside a dependency such as rust_decimal).
    pub location: String,
    /// The innermost frame of the engine (the `mtfs` crate) on the stack, with its file
    /// and line when the build has line tables: the engine's own panic site.
    pub engine_frame: Option<String>,
}

impl Caught {
    /// Where the engine panicked: its own innermost frame, or where `panic!` was called.
    pub fn site(&self) -> String {
        self.engine_frame
            .clone()
            .unwrap_or_else(|| self.location.clone())
    }
}

thread_local! {
    /// How many `catch` calls are active on this thread (they nest).
    static DEPTH: Cell<u32> = const { Cell::new(0) };
    static LAST: RefCell<Option<Caught>> = const { RefCell::new(None) };
}

static INSTALL: Once = Once::new();

fn install() {
    INSTALL.call_once(|| {
        let previous = panic::take_hook();
        panic::set_hook(Box::new(move |info| {
            if DEPTH.with(Cell::get) == 0 {
                previous(info);
                return;
            }
            let payload = info.payload();
            let message = payload
                .downcast_ref::<&str>()
                .map(|s| (*s).to_string())
                .or_else(|| payload.downcast_ref::<String>().cloned())
                .unwrap_or_else(|| "(a panic without a message)".to_string());
            let location = info
                .location()
                .map_or_else(String::new, |l| format!("{}:{}", l.file(), l.line()));
            // Inside the engine's own code the location names the site; inside a
            // dependency (rust_decimal's `Add`, say) the stack must say which engine
            // function called it.
            let engine_frame = if location.starts_with("src/") {
                None
            } else {
                engine_frame(&Backtrace::force_capture().to_string())
            };
            LAST.with(|l| {
                *l.borrow_mut() = Some(Caught {
                    message,
                    location,
                    engine_frame,
                })
            });
        }));
    });
}

/// The innermost frame of the engine in a formatted backtrace: the first whose source is
/// the package's own `src/` (std's frames are under /rustc/, dependencies' in the cargo
/// registry, the harness's under tests/). Line tables give each frame's name without its
/// module path, so the file says which module: `walk_observed (src/trace.rs:301)`.
pub fn engine_frame(backtrace: &str) -> Option<String> {
    let lines: Vec<&str> = backtrace.lines().collect();
    let root = concat!(env!("CARGO_MANIFEST_DIR"), "/");
    for (i, line) in lines.iter().enumerate() {
        // "  12: walk_observed" then "             at ./src/trace.rs:301:17".
        let Some((number, name)) = line.trim_start().split_once(": ") else {
            continue;
        };
        if number.is_empty() || !number.bytes().all(|b| b.is_ascii_digit()) {
            continue;
        }
        let Some(path) = lines
            .get(i + 1)
            .map(|l| l.trim_start())
            .and_then(|l| l.strip_prefix("at "))
        else {
            continue;
        };
        let path = path
            .strip_prefix("./")
            .or_else(|| path.strip_prefix(root))
            .unwrap_or(path);
        if !path.starts_with("src/") {
            continue;
        }
        // Keep file and line, not the column.
        let at = match path.rsplit_once(':') {
            Some((file_line, col)) if col.bytes().all(|b| b.is_ascii_digit()) => file_line,
            _ => path,
        };
        return Some(format!("{} ({at})", short_name(strip_hash(name))));
    }
    None
}

/// A function's own name, without its module path or generic arguments: builds with full
/// debug info name a frame `mtfs::trace::Walker::walk_observed`, builds with line tables
/// only `walk_observed<()>`; both become `walk_observed`, so a finding reads the same in
/// either (a closure is `{closure}`).
fn short_name(name: &str) -> &str {
    let mut n = name;
    if !n.starts_with('<') && n.ends_with('>') {
        if let Some(k) = n.find('<') {
            n = &n[..k];
        }
    }
    let own = match n.rfind("::") {
        Some(k) => &n[k + 2..],
        None => n,
    };
    // `{closure#0}` with line tables, `{{closure}}` with full debug info.
    if own.starts_with('{') && own.contains("closure") {
        "{closure}"
    } else {
        own
    }
}

/// Symbol names end in `::h0123456789abcdef` in some formats.
fn strip_hash(name: &str) -> &str {
    match name.rsplit_once("::h") {
        Some((head, hash)) if hash.len() == 16 && hash.bytes().all(|b| b.is_ascii_hexdigit()) => {
            head
        }
        _ => name,
    }
}

/// Runs `f`, catching a panic quietly.
pub fn catch<T>(f: impl FnOnce() -> T) -> Result<T, Caught> {
    install();
    DEPTH.with(|d| d.set(d.get() + 1));
    LAST.with(|l| *l.borrow_mut() = None);
    let result = panic::catch_unwind(AssertUnwindSafe(f));
    DEPTH.with(|d| d.set(d.get() - 1));
    result.map_err(|payload| {
        LAST.with(|l| l.borrow_mut().take())
            .unwrap_or_else(|| Caught {
                message: payload
                    .downcast_ref::<&str>()
                    .map(|s| (*s).to_string())
                    .or_else(|| payload.downcast_ref::<String>().cloned())
                    .unwrap_or_else(|| "(a panic the hook did not see)".to_string()),
                location: String::new(),
                engine_frame: None,
            })
    })
}
