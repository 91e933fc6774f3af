//! Risk, goal seek and drivers speed, measured: `cargo run --release --example bench_risk`.
//!
//! Prints the time for 10,000 Monte Carlo paths over Hampshire's horizon (seed 42, as the
//! page runs them), for a goal seek and for the drivers (waterfalls and sensitivity).
//! Record the figures in README.md ("Risk and goal seek") with date and machine.

use mtfs::Scenario;
use std::hint::black_box;
use std::time::{Duration, Instant};

/// Median of `rounds` timings of `f`.
fn median(rounds: usize, mut f: impl FnMut()) -> Duration {
    let mut samples: Vec<Duration> = (0..rounds)
        .map(|_| {
            let start = Instant::now();
            f();
            start.elapsed()
        })
        .collect();
    samples.sort();
    samples[rounds / 2]
}

fn ms(d: Duration) -> f64 {
    d.as_secs_f64() * 1e3
}

fn main() {
    let text =
        std::fs::read_to_string("data/hampshire.json").expect("run from the repository root");
    let (_, council) = mtfs::load_data_json(&text).expect("the Hampshire data set is valid");
    let plan = Scenario::default();
    let failing =
        mtfs::scenario_from_json(r#"{"delivery_pct": {"tt2023": "0"}}"#).expect("a valid scenario");

    // Warm up.
    black_box(mtfs::simulate_scenario(&council, &plan, 1_000, 1).expect("runs"));
    let ten_thousand = median(5, || {
        black_box(mtfs::simulate_scenario(&council, &plan, 10_000, 42).expect("runs"));
    });
    let thousand = median(11, || {
        black_box(mtfs::simulate_scenario(&council, &plan, 1_000, 42).expect("runs"));
    });
    let goal_plan = median(21, || {
        black_box(mtfs::seek_scenario(&council, &plan).expect("seeks"));
    });
    let goal_failing = median(21, || {
        black_box(mtfs::seek_scenario(&council, &failing).expect("seeks"));
    });
    let drivers = median(21, || {
        black_box(mtfs::drivers_scenario(&council, &plan).expect("drivers"));
    });

    println!(
        "{} ({} years, {} programmes)",
        council.name,
        council.horizon(),
        council.programmes.len()
    );
    println!(
        "Monte Carlo, 10,000 paths:          {:>8.2} ms (median of 5)",
        ms(ten_thousand)
    );
    println!(
        "Monte Carlo, 1,000 paths:           {:>8.2} ms (median of 11)",
        ms(thousand)
    );
    println!(
        "goal seek, the plan:                {:>8.3} ms (median of 21)",
        ms(goal_plan)
    );
    println!(
        "goal seek, Tt2023 delivers nothing: {:>8.3} ms (median of 21)",
        ms(goal_failing)
    );
    println!(
        "drivers (waterfalls, sensitivity):  {:>8.3} ms (median of 21)",
        ms(drivers)
    );
}
