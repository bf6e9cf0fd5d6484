//! What every timing bench shares: medians, the bench's own arguments, and
//! the `yusuan` binary built beside it. The benches are `harness = false`
//! programs run by `cargo bench` (or `cargo bench --bench NAME -- ARGS`);
//! they are not examples so that `cargo test` does not build and link them.
#![allow(dead_code, reason = "each bench uses its own part of this file")]

use std::path::PathBuf;
use std::time::Instant;

/// The middle value (the upper one of the two middles for an even count).
pub fn median(mut v: Vec<f64>) -> f64 {
    v.sort_by(f64::total_cmp);
    v[v.len() / 2]
}

/// Milliseconds of each of `runs` calls of `f`, after one warm-up call.
pub fn runs_ms(runs: usize, mut f: impl FnMut()) -> Vec<f64> {
    f();
    (0..runs)
        .map(|_| {
            let start = Instant::now();
            f();
            start.elapsed().as_secs_f64() * 1000.0
        })
        .collect()
}

/// Median milliseconds of `f` over `runs` calls, after one warm-up call.
pub fn median_ms(runs: usize, f: impl FnMut()) -> f64 {
    median(runs_ms(runs, f))
}

/// The arguments given after `--`, without the `--bench` flag that
/// `cargo bench` adds.
pub fn args() -> Vec<String> {
    std::env::args()
        .skip(1)
        .filter(|a| a != "--bench")
        .collect()
}

/// The `yusuan` binary cargo built for this bench (same profile), or the
/// one `YUSUAN_BIN` names.
pub fn yusuan_binary() -> PathBuf {
    std::env::var_os("YUSUAN_BIN")
        .map(PathBuf::from)
        .unwrap_or_else(|| PathBuf::from(env!("CARGO_BIN_EXE_yusuan")))
}
