//! The layout's speed natively and in headless Chromium, for the bar "in the browser at most
//! 2.5x native". Not a test (speed goals live in benchmarks): ignored unless asked for, by
//! `scripts/bench-layout.sh`, which runs it both ways and prints the medians.

#[cfg(target_arch = "wasm32")]
wasm_bindgen_test::wasm_bindgen_test_configure!(run_in_browser);

#[cfg(target_arch = "wasm32")]
use wasm_bindgen_test::wasm_bindgen_test as test;

use casemap_engine::layout::layout;
use casemap_engine::layout::sample::seeded_map;

/// Milliseconds since some fixed point.
#[cfg(target_arch = "wasm32")]
fn now_ms() -> f64 {
    js_sys::Date::now()
}

#[cfg(not(target_arch = "wasm32"))]
fn now_ms() -> f64 {
    use std::sync::OnceLock;
    static START: OnceLock<std::time::Instant> = OnceLock::new();
    START.get_or_init(std::time::Instant::now).elapsed().as_secs_f64() * 1e3
}

#[test]
#[ignore = "a benchmark: scripts/bench-layout.sh"]
fn layout_speed() {
    let platform = if cfg!(target_arch = "wasm32") { "chromium" } else { "native" };
    for (nodes, edges, seed, runs) in [(62, 300, 7, 30), (150, 700, 9, 10), (600, 2_500, 11, 3)] {
        let graph = seeded_map(nodes, edges, seed);
        let mut times: Vec<f64> = (0..runs)
            .map(|_| {
                let t = now_ms();
                std::hint::black_box(layout(&graph));
                now_ms() - t
            })
            .collect();
        times.sort_by(f64::total_cmp);
        let line = format!("layout {platform} {nodes}/{edges}: median {:.1} ms", times[times.len() / 2]);
        #[cfg(target_arch = "wasm32")]
        wasm_bindgen_test::console_log!("{line}");
        #[cfg(not(target_arch = "wasm32"))]
        println!("{line}");
    }
}
