//! The structure-aware fuzzer: `make fuzz INPUTS=… SEED=… JOBS=…` (docs/fuzzing.md).
//!
//!     cargo test --profile fuzz --test fuzz -- --inputs 100000 --seed 1 --jobs 2
//!
//! Input `i` of seed `s` is always the same input, whatever the number of jobs: each is
//! drawn from its own ChaCha generator seeded with (s, i). Every input goes through every
//! entry point (tests/fuzz/harness); the first inputs showing each new kind of finding are
//! shrunk to a minimal one that still shows it and written to tests/fuzz-corpus/.
//! Progress goes to stderr; stdout gets exactly one line at the end:
//!
//!     N inputs, P panics, V invariant violations
//!
//! (P counts inputs on which some entry point panicked, V inputs on which some invariant
//! did not hold.) The exit status is 0 only when both are 0; 2 means the harness itself
//! failed. Run by a plain `cargo test` (no `--inputs`), it makes a short smoke pass and
//! writes nothing.

mod harness;

use harness::{corpus, gen, Input, Report};
use proptest::strategy::{BoxedStrategy, Strategy, ValueTree};
use proptest::test_runner::{Config, RngAlgorithm, TestRng, TestRunner};
use std::collections::BTreeMap;
use std::path::PathBuf;
use std::process::ExitCode;
use std::sync::atomic::{AtomicBool, AtomicU64, Ordering};
use std::sync::Mutex;
use std::time::{Duration, Instant};

const USAGE: &str = "usage: fuzz [--inputs N] [--seed S] [--jobs J] [--save K] [--corpus DIR]
            [--shrink STEPS] [--timeout SECONDS] [--start I] [--show I] [--quiet]

  --inputs N      inputs to run (without it: a smoke pass of 64 that saves nothing)
  --seed S        the run's seed (default 1); input i of seed S is always the same
  --jobs J        threads (default 2)
  --save K        minimise and save at most K new kinds of finding (default 8; 0: none)
  --corpus DIR    where to save them (default tests/fuzz-corpus)
  --shrink STEPS  most runs of proptest's shrinking for one finding (default 2000;
                  then up to 5 times as many reducing its JSON)
  --timeout SECS  an input running longer is saved as a hang and the run stops (default 300)
  --start I       the first input's index (default 0)
  --show I        print input I of the seed as a corpus file, with its findings, and stop
  --quiet         no progress lines (the summary at the end stays)";

struct Options {
    inputs: u64,
    seed: u64,
    jobs: usize,
    save: usize,
    corpus: PathBuf,
    shrink: u32,
    timeout: Duration,
    start: u64,
    show: Option<u64>,
    quiet: bool,
}

fn options(args: &[String]) -> Result<Option<Options>, String> {
    let mut o = Options {
        inputs: 64,
        seed: 1,
        jobs: 2,
        save: 0,
        corpus: PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("tests/fuzz-corpus"),
        shrink: 2_000,
        timeout: Duration::from_secs(300),
        start: 0,
        show: None,
        quiet: false,
    };
    let mut save = None;
    let mut filters = Vec::new();
    let mut it = args.iter();
    while let Some(arg) = it.next() {
        let mut value = |name: &str| -> Result<u64, String> {
            let v = it.next().ok_or(format!("{name} needs a value"))?;
            v.parse()
                .map_err(|_| format!("{name}: expected a whole number (got {v:?})"))
        };
        match arg.as_str() {
            "--inputs" => {
                o.inputs = value("--inputs")?;
                save.get_or_insert(8);
            }
            "--seed" => o.seed = value("--seed")?,
            "--jobs" => o.jobs = value("--jobs")?.clamp(1, 256) as usize,
            "--save" => save = Some(value("--save")? as usize),
            "--shrink" => o.shrink = value("--shrink")? as u32,
            "--timeout" => o.timeout = Duration::from_secs(value("--timeout")?.max(1)),
            "--start" => o.start = value("--start")?,
            "--show" => o.show = Some(value("--show")?),
            "--corpus" => {
                o.corpus = PathBuf::from(it.next().ok_or("--corpus needs a directory")?);
            }
            "--quiet" | "-q" => o.quiet = true,
            "--help" | "-h" => return Err(USAGE.to_string()),
            // What `cargo test` may pass on to every test binary.
            "--list" => {
                println!("fuzz: test");
                return Ok(None);
            }
            a if a.starts_with("--") => {}
            filter => filters.push(filter.to_string()),
        }
    }
    // `cargo test some_filter` runs this binary with the filter: run only if it matches.
    if !filters.is_empty() && !filters.iter().any(|f| "fuzz".contains(f.as_str())) {
        return Ok(None);
    }
    o.save = save.unwrap_or(0);
    Ok(Some(o))
}

/// The strategy's value tree for input `index` of `seed`.
fn tree(
    strategy: &BoxedStrategy<Input>,
    seed: u64,
    index: u64,
) -> Result<Box<dyn ValueTree<Value = Input>>, String> {
    let mut bytes = [0u8; 32];
    bytes[..8].copy_from_slice(&seed.to_le_bytes());
    bytes[8..16].copy_from_slice(&index.to_le_bytes());
    bytes[16..24].copy_from_slice(b"mtfsfuzz");
    let rng = TestRng::from_seed(RngAlgorithm::ChaCha, &bytes);
    let mut runner = TestRunner::new_with_rng(Config::default(), rng);
    strategy
        .new_tree(&mut runner)
        .map_err(|e| format!("input {index}: the generator gave up: {e}"))
}

/// One kind of finding, across the run.
struct Kind {
    example: String,
    inputs: u64,
    first: u64,
    saved: Option<String>,
    known: Option<String>,
}

struct Shared {
    next: AtomicU64,
    done: AtomicU64,
    panics: AtomicU64,
    violations: AtomicU64,
    reached: [AtomicU64; 6],
    kinds: Mutex<BTreeMap<String, Kind>>,
    saves_left: Mutex<usize>,
    harness_errors: Mutex<Vec<String>>,
    /// Per worker: the input it is running and since when.
    running: Vec<Mutex<Option<(u64, Instant)>>>,
    stop: AtomicBool,
    /// The slowest input so far: (milliseconds, index).
    slowest: Mutex<(u128, u64)>,
    refusals: Mutex<BTreeMap<String, u64>>,
}

fn count(shared: &Shared, report: &Report) {
    let r = report.reached;
    for (i, hit) in [
        r.data,
        r.scenario,
        r.projection,
        r.simulation,
        r.goal,
        r.drivers,
    ]
    .into_iter()
    .enumerate()
    {
        if hit {
            shared.reached[i].fetch_add(1, Ordering::Relaxed);
        }
    }
    if report.panicked() {
        shared.panics.fetch_add(1, Ordering::Relaxed);
    }
    if report.violated() {
        shared.violations.fetch_add(1, Ordering::Relaxed);
    }
}

fn lock<T>(m: &Mutex<T>) -> std::sync::MutexGuard<'_, T> {
    // A worker that panicked in the harness leaves the data usable: take it.
    m.lock().unwrap_or_else(|e| e.into_inner())
}

/// Shrinks a failing input to a small one with the same finding.
fn shrink(
    tree: &mut dyn ValueTree<Value = Input>,
    signature: &str,
    steps: u32,
    slot: &Mutex<Option<(u64, Instant)>>,
    index: u64,
) -> (Input, u32) {
    let mut best = tree.current();
    let mut used = 0;
    if !tree.simplify() {
        return (best, used);
    }
    while used < steps {
        used += 1;
        let candidate = tree.current();
        *lock(slot) = Some((index, Instant::now()));
        let still = harness::run(&candidate)
            .findings
            .iter()
            .any(|f| f.signature() == signature);
        if still {
            best = candidate;
            if !tree.simplify() {
                break;
            }
        } else if !tree.complicate() {
            break;
        }
    }
    (best, used)
}

fn worker(o: &Options, shared: &Shared, id: usize) {
    let strategy = gen::input();
    let slot = &shared.running[id];
    loop {
        if shared.stop.load(Ordering::Relaxed) {
            break;
        }
        let n = shared.next.fetch_add(1, Ordering::Relaxed);
        if n >= o.inputs {
            break;
        }
        let index = o.start + n;
        let t = match tree(&strategy, o.seed, index) {
            Ok(t) => t,
            Err(e) => {
                lock(&shared.harness_errors).push(e);
                shared.done.fetch_add(1, Ordering::Relaxed);
                continue;
            }
        };
        let input = t.current();
        let began = Instant::now();
        *lock(slot) = Some((index, began));
        let report = harness::run(&input);
        *lock(slot) = None;
        let ms = began.elapsed().as_millis();
        {
            let mut slowest = lock(&shared.slowest);
            if ms > slowest.0 {
                *slowest = (ms, index);
            }
        }
        count(shared, &report);
        if !report.refusals.is_empty() {
            let mut refusals = lock(&shared.refusals);
            for r in &report.refusals {
                *refusals.entry(r.clone()).or_insert(0) += 1;
            }
        }
        for e in &report.harness_errors {
            lock(&shared.harness_errors).push(format!("input {index}: {e}"));
        }
        // Each new kind of finding: count it, and minimise and save the first few.
        let mut to_save = Vec::new();
        {
            let mut kinds = lock(&shared.kinds);
            let mut seen = Vec::new();
            for f in &report.findings {
                let sig = f.signature();
                if seen.contains(&sig) {
                    continue;
                }
                seen.push(sig.clone());
                let kind = kinds.entry(sig.clone()).or_insert_with(|| Kind {
                    example: f.describe(),
                    inputs: 0,
                    first: index,
                    saved: None,
                    known: None,
                });
                if kind.inputs == 0 {
                    kind.first = index;
                    kind.example = f.describe();
                }
                kind.inputs += 1;
                if kind.inputs == 1 && kind.known.is_none() {
                    let mut left = lock(&shared.saves_left);
                    if *left > 0 {
                        *left -= 1;
                        to_save.push((sig, f.is_panic(), f.describe()));
                    }
                }
            }
        }
        for (sig, panic, what) in to_save {
            // A fresh tree for each kind: shrinking one moves the tree on.
            let (small, shrunk) = match tree(&strategy, o.seed, index) {
                Ok(mut fresh) => shrink(fresh.as_mut(), &sig, o.shrink, slot, index),
                Err(_) => (input.clone(), 0),
            };
            // Then on the JSON itself: fewer years, members, simpler values.
            let mut still = |candidate: &Input| {
                *lock(slot) = Some((index, Instant::now()));
                harness::run(candidate)
                    .findings
                    .iter()
                    .any(|f| f.signature() == sig)
            };
            let (small, reduced) = harness::reduce::reduce(small, &mut still, o.shrink * 5);
            let used = shrunk + reduced;
            *lock(slot) = None;
            // Describe the minimised input's own finding of this kind.
            let what = harness::run(&small)
                .findings
                .iter()
                .find(|f| f.signature() == sig)
                .map_or(what, |f| f.describe());
            let found = format!(
                "make fuzz SEED={}: input {index}, minimised in {used} runs",
                o.seed
            );
            match corpus::save(&o.corpus, &small, panic, &what, &found) {
                Ok(path) => {
                    let name = path
                        .file_name()
                        .map_or_else(String::new, |n| n.to_string_lossy().to_string());
                    if !o.quiet {
                        eprintln!("fuzz: saved {name}: {what}");
                    }
                    if let Some(k) = lock(&shared.kinds).get_mut(&sig) {
                        k.saved = Some(name);
                    }
                }
                Err(e) => lock(&shared.harness_errors).push(format!("saving a finding: {e}")),
            }
        }
        shared.done.fetch_add(1, Ordering::Relaxed);
    }
}

/// Kinds of finding the corpus already shows, so a run saves only new ones. (Not
/// tests/repro's: those are whole data sets, and a minimised input says more.)
fn known(o: &Options, shared: &Shared) {
    let files = corpus::corpus_inputs(&o.corpus);
    let mut kinds = lock(&shared.kinds);
    for (path, input) in files {
        let Ok(input) = input else { continue };
        let name = path
            .file_name()
            .map_or_else(String::new, |n| n.to_string_lossy().to_string());
        for f in harness::run(&input).findings {
            kinds.entry(f.signature()).or_insert_with(|| Kind {
                example: f.describe(),
                inputs: 0,
                first: 0,
                saved: None,
                known: Some(name.clone()),
            });
        }
    }
}

fn show(o: &Options, index: u64) -> ExitCode {
    let input = match tree(&gen::input(), o.seed, index) {
        Ok(t) => t.current(),
        Err(e) => {
            eprintln!("fuzz: {e}");
            return ExitCode::from(2);
        }
    };
    let report = harness::run(&input);
    let what: Vec<String> = report.findings.iter().map(|f| f.describe()).collect();
    print!(
        "{}",
        corpus::render(
            &input,
            &what.join("\n"),
            &format!("make fuzz SEED={}: input {index}", o.seed)
        )
    );
    for w in &what {
        eprintln!("fuzz: {w}");
    }
    for e in &report.harness_errors {
        eprintln!("fuzz: harness error: {e}");
    }
    eprintln!("fuzz: reached {:?}", report.reached);
    ExitCode::SUCCESS
}

fn pct(part: u64, whole: u64) -> u64 {
    (part * 100).checked_div(whole).unwrap_or(0)
}

fn main() -> ExitCode {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let o = match options(&args) {
        Ok(Some(o)) => o,
        Ok(None) => return ExitCode::SUCCESS,
        Err(e) => {
            eprintln!("{e}");
            return ExitCode::from(2);
        }
    };
    if let Some(index) = o.show {
        return show(&o, index);
    }
    let shared = Shared {
        next: AtomicU64::new(0),
        done: AtomicU64::new(0),
        panics: AtomicU64::new(0),
        violations: AtomicU64::new(0),
        reached: Default::default(),
        kinds: Mutex::new(BTreeMap::new()),
        saves_left: Mutex::new(o.save),
        harness_errors: Mutex::new(Vec::new()),
        running: (0..o.jobs).map(|_| Mutex::new(None)).collect(),
        stop: AtomicBool::new(false),
        slowest: Mutex::new((0, 0)),
        refusals: Mutex::new(BTreeMap::new()),
    };
    if o.save > 0 {
        known(&o, &shared);
    }
    if !o.quiet {
        eprintln!(
            "fuzz: {} inputs from seed {} (first index {}), {} jobs{}",
            o.inputs,
            o.seed,
            o.start,
            o.jobs,
            if o.save > 0 {
                format!(
                    ", saving up to {} new findings in {}",
                    o.save,
                    o.corpus.display()
                )
            } else {
                String::new()
            }
        );
    }
    let started = Instant::now();
    let mut hang: Option<u64> = None;
    std::thread::scope(|s| {
        let workers: Vec<_> = (0..o.jobs)
            .map(|id| {
                let (o, shared) = (&o, &shared);
                s.spawn(move || worker(o, shared, id))
            })
            .collect();
        let mut last_progress = Instant::now();
        while !workers.iter().all(|w| w.is_finished()) {
            std::thread::sleep(Duration::from_millis(100));
            for slot in &shared.running {
                if let Some((index, since)) = *lock(slot) {
                    if since.elapsed() > o.timeout && hang.is_none() {
                        hang = Some(index);
                        shared.stop.store(true, Ordering::Relaxed);
                    }
                }
            }
            if hang.is_some() {
                break;
            }
            if !o.quiet && last_progress.elapsed() >= Duration::from_secs(10) {
                last_progress = Instant::now();
                let done = shared.done.load(Ordering::Relaxed);
                let r: Vec<u64> = shared
                    .reached
                    .iter()
                    .map(|a| pct(a.load(Ordering::Relaxed), done))
                    .collect();
                eprintln!(
                    "fuzz: {done}/{} inputs ({:.0}/s), {} panics, {} violations; reached: data {}%, scenario {}%, projection {}%, risk {}%, goal seek {}%, drivers {}%",
                    o.inputs,
                    done as f64 / started.elapsed().as_secs_f64(),
                    shared.panics.load(Ordering::Relaxed),
                    shared.violations.load(Ordering::Relaxed),
                    r[0], r[1], r[2], r[3], r[4], r[5]
                );
            }
        }
        if let Some(index) = hang {
            // A stuck worker cannot be stopped: save the input and end the process.
            let input = tree(&gen::input(), o.seed, index).map(|t| t.current());
            let mut note = String::new();
            if let (Ok(input), true) = (input, o.save > 0) {
                let what = format!(
                    "hang: input {index} ran for more than {} seconds",
                    o.timeout.as_secs()
                );
                let found = format!("make fuzz SEED={}: input {index}", o.seed);
                match corpus::save(&o.corpus, &input, false, &what, &found) {
                    Ok(p) => note = format!(" (saved as {})", p.display()),
                    Err(e) => note = format!(" (not saved: {e})"),
                }
            }
            eprintln!(
                "fuzz: input {index} of seed {} ran for more than {} seconds{note}; stopping",
                o.seed,
                o.timeout.as_secs()
            );
            println!(
                "{} inputs, {} panics, {} invariant violations",
                shared.done.load(Ordering::Relaxed) + 1,
                shared.panics.load(Ordering::Relaxed),
                shared.violations.load(Ordering::Relaxed) + 1
            );
            std::process::exit(1);
        }
        for w in workers {
            if w.join().is_err() {
                lock(&shared.harness_errors).push("a worker thread panicked".into());
            }
        }
    });

    let elapsed = started.elapsed();
    let done = shared.done.load(Ordering::Relaxed);
    let panics = shared.panics.load(Ordering::Relaxed);
    let violations = shared.violations.load(Ordering::Relaxed);
    let kinds = lock(&shared.kinds);
    let found: Vec<(&String, &Kind)> = kinds.iter().filter(|(_, k)| k.inputs > 0).collect();
    {
        let r: Vec<u64> = shared
            .reached
            .iter()
            .map(|a| pct(a.load(Ordering::Relaxed), done))
            .collect();
        eprintln!(
            "fuzz: {done} inputs in {:.1} s ({:.0}/s); reached: data {}%, scenario {}%, projection {}%, risk {}%, goal seek {}%, drivers {}%",
            elapsed.as_secs_f64(),
            done as f64 / elapsed.as_secs_f64().max(1e-9),
            r[0], r[1], r[2], r[3], r[4], r[5]
        );
        let (ms, index) = *lock(&shared.slowest);
        eprintln!("fuzz: the slowest input took {ms} ms (input {index})");
        let refusals = lock(&shared.refusals);
        let mut top: Vec<(&String, &u64)> = refusals.iter().collect();
        top.sort_by(|a, b| b.1.cmp(a.1));
        eprintln!("fuzz: the commonest refusals (an input may have several):");
        for (why, n) in top.iter().take(15) {
            eprintln!("  {n:>8}  {why}");
        }
        if !found.is_empty() {
            eprintln!("fuzz: {} kinds of finding:", found.len());
        }
        for (sig, k) in &found {
            let place = match (&k.saved, &k.known) {
                (Some(f), _) => format!("saved as {f}"),
                (None, Some(f)) => format!("already shown by {f}"),
                (None, None) => "not saved".to_string(),
            };
            eprintln!(
                "  {sig}\n    {} inputs, first input {}; {place}\n    e.g. {}",
                k.inputs, k.first, k.example
            );
        }
    }
    let errors = lock(&shared.harness_errors);
    for e in errors.iter().take(20) {
        eprintln!("fuzz: HARNESS ERROR (a bug in tests/fuzz, not the engine): {e}");
    }
    println!("{done} inputs, {panics} panics, {violations} invariant violations");
    if !errors.is_empty() {
        ExitCode::from(2)
    } else if panics > 0 || violations > 0 {
        ExitCode::FAILURE
    } else {
        ExitCode::SUCCESS
    }
}
