//! Engine speed, measured: `cargo run --release --example bench`.
//!
//! Prints the time for one Hampshire projection (levers already resolved, and through
//! the public `project_scenario` call that resolves a scenario first), and for 10,000
//! projections with random levers. Record the figures in README.md with date and machine.

use mtfs::scenario::Levers;
use rust_decimal::Decimal;
use std::hint::black_box;
use std::time::{Duration, Instant};

/// A small deterministic generator, so every run times the same 10,000 scenarios.
struct XorShift(u64);

impl XorShift {
    fn next(&mut self) -> u64 {
        self.0 ^= self.0 << 13;
        self.0 ^= self.0 >> 7;
        self.0 ^= self.0 << 17;
        self.0
    }
    /// A decimal from lo to hi with two decimal places.
    fn between(&mut self, lo: i64, hi: i64) -> Decimal {
        let span = ((hi - lo) * 100 + 1) as u64;
        Decimal::new(lo * 100 + (self.next() % span) as i64, 2)
    }
}

fn random_levers(plan: &Levers, rng: &mut XorShift) -> Levers {
    let mut l = plan.clone();
    for v in l.core_pct.iter_mut().chain(l.asc_pct.iter_mut()) {
        *v = rng.between(0, 5);
    }
    for v in &mut l.inflation_adjust_pp {
        *v = rng.between(-2, 5);
    }
    for v in &mut l.growth_factor {
        *v = rng.between(0, 2);
    }
    for v in &mut l.delivery_pct {
        *v = rng.between(0, 100);
    }
    for v in &mut l.delay_years {
        *v = (rng.next() % 3) as usize;
    }
    for stream in &mut l.funding_change_pct {
        for v in stream {
            *v = rng.between(-20, 10);
        }
    }
    l
}

/// Median of `rounds` timings of `per_round` calls of `f`, per call.
fn time_per_call(rounds: usize, per_round: usize, mut f: impl FnMut()) -> Duration {
    let mut samples: Vec<Duration> = (0..rounds)
        .map(|_| {
            let start = Instant::now();
            for _ in 0..per_round {
                f();
            }
            start.elapsed() / per_round as u32
        })
        .collect();
    samples.sort();
    samples[rounds / 2]
}

/// A lever move's call as the browser's `viewAndLink` makes it (src/wasm.rs), less the
/// crossings: the scenario read by the engine's own reader, resolved once, its view written
/// as JSON and its link's fragment.
fn lever_move(council: &mtfs::Council, scenario: &str) -> (String, String) {
    let scenario: mtfs::Scenario = mtfs::json_reader::read(scenario, true).expect("valid");
    let levers = scenario.resolve(council).expect("valid");
    let view = mtfs::project_levers_view(council, &levers).expect("projects");
    let link = mtfs::link::encode_resolved(council, &scenario, &levers).expect("links");
    (view.to_json().expect("writes"), link)
}

/** The scenario timed here and, in the browser, by scripts/bench-page.mjs (keep them equal). */
const SCENARIO: &str = r#"{"core_pct": {"2021/22": "2.5"}, "delivery_pct": {"tt2021": "80"}, "delay_years": {"tt2021": 1}, "growth_factor": {"social_care": "1.5"}}"#;

fn main() {
    let text =
        std::fs::read_to_string("data/hampshire.json").expect("run from the repository root");
    let (_, council) = mtfs::load_data_json(&text).expect("the Hampshire data set is valid");
    let plan = Levers::plan(&council);
    let scenario = mtfs::scenario_from_json(SCENARIO).expect("a valid scenario");

    // `bench view N`: only N of the page's view calls, for counting instructions
    // (`valgrind --tool=callgrind`), which a busy machine does not disturb as it does time.
    let args: Vec<String> = std::env::args().collect();
    if let [_, mode, n] = args.as_slice() {
        let n: usize = n.parse().expect("a number of calls");
        for _ in 0..n {
            if mode == "lever" {
                black_box(lever_move(&council, black_box(SCENARIO)));
                continue;
            }
            let s = mtfs::scenario_from_json(black_box(SCENARIO)).expect("valid");
            let result = match mode.as_str() {
                "view" => mtfs::project_scenario_view(&council, &s)
                    .expect("valid")
                    .to_json(),
                _ => serde_json::to_string(&mtfs::project_scenario(&council, &s).expect("valid")),
            };
            black_box(result.expect("writes"));
        }
        return;
    }

    // Warm up caches and the allocator.
    for _ in 0..2_000 {
        let _ = black_box(mtfs::project(&council, black_box(&plan)));
    }
    let one = time_per_call(31, 2_000, || {
        let _ = black_box(mtfs::project(&council, black_box(&plan)));
    });
    let with_scenario = time_per_call(31, 2_000, || {
        black_box(mtfs::project_scenario(&council, black_box(&scenario)).expect("valid"));
    });

    // What the page's engine call does, natively: the scenario read from JSON, projected,
    // and the result written as JSON text (the browser's `Calculator.project`, src/wasm.rs,
    // does the same, then `JSON.parse`): `make bench-page` prints it beside the browser's.
    let scenario_text = SCENARIO;
    let as_json = time_per_call(31, 2_000, || {
        let scenario = mtfs::scenario_from_json(black_box(scenario_text)).expect("valid");
        let result = mtfs::project_scenario(&council, &scenario).expect("valid");
        black_box(serde_json::to_string(&result).expect("writes"));
    });

    let as_view = time_per_call(31, 2_000, || {
        let scenario = mtfs::scenario_from_json(black_box(scenario_text)).expect("valid");
        let result = mtfs::project_scenario_view(&council, &scenario).expect("valid");
        black_box(result.to_json().expect("writes"));
    });

    let lever = time_per_call(31, 2_000, || {
        black_box(lever_move(&council, black_box(scenario_text)));
    });

    // The data set read from JSON and checked: the page's `new Calculator(data)`, once, as
    // the engine starts (in the browser it reads a JS object instead of text).
    let loading = time_per_call(11, 20, || {
        black_box(mtfs::load_data_json(black_box(&text)).expect("valid"));
    });

    let mut rng = XorShift(0x9E37_79B9_7F4A_7C15);
    let levers: Vec<Levers> = (0..10_000)
        .map(|_| random_levers(&plan, &mut rng))
        .collect();
    let mut batch = Vec::new();
    for _ in 0..5 {
        let start = Instant::now();
        for l in &levers {
            let _ = black_box(mtfs::project(&council, black_box(l)));
        }
        batch.push(start.elapsed());
    }
    batch.sort();

    println!(
        "{} ({} years, {} service lines, {} programmes, {} reserves)",
        council.name,
        council.horizon(),
        council.services.len(),
        council.programmes.len(),
        council.reserves.len()
    );
    println!(
        "one projection (plan levers):          {:>8.2} µs (median of 31 rounds of 2,000)",
        one.as_secs_f64() * 1e6
    );
    println!(
        "one projection (scenario resolved):    {:>8.2} µs",
        with_scenario.as_secs_f64() * 1e6
    );
    println!(
        "one engine call as the page makes it:  {:>8.2} µs (scenario read from JSON, projected, result written as JSON)",
        as_json.as_secs_f64() * 1e6
    );
    println!(
        "the same for the page's view:          {:>8.2} µs (a lever move's call: the projection without its lines)",
        as_view.as_secs_f64() * 1e6
    );
    println!(
        "a lever move's call, view and link:    {:>8.2} µs (the browser's viewAndLink, without the crossings)",
        lever.as_secs_f64() * 1e6
    );
    println!(
        "the data set read and checked:         {:>8.2} µs (the engine's start)",
        loading.as_secs_f64() * 1e6
    );
    println!(
        "10,000 projections with random levers: {:>8.2} ms (median of 5)",
        batch[2].as_secs_f64() * 1e3
    );
}
