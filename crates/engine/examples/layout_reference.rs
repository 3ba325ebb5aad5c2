//! The layout against Graphviz dot, on the layout's fixtures.
//!
//! - `cargo run --release -p casemap-engine --example layout_reference -- --dot` runs
//!   `dot -Tplain` (Debian package graphviz) on every fixture, with the same box sizes, label
//!   sizes and gaps as casemap's layout, counts the crossings of dot's curves with casemap's own
//!   counter and writes the figures to `crates/engine/tests/layout-dot.json` (committed: CI
//!   does not need dot). `scripts/layout-reference.sh` does the same.
//! - Without `--dot`, it prints the table: per fixture, casemap's crossings, area and time
//!   against dot's, read from that file, and the stability of slider steps.
// dot, the shared logs and serde_json (a native dev-dependency) exist natively only: for wasm32
// this example is an empty program.
#[cfg(not(target_arch = "wasm32"))]
#[path = "../tests/common/mod.rs"]
mod common;
#[cfg(not(target_arch = "wasm32"))]
#[path = "../tests/layout_fixtures/mod.rs"]
mod layout_fixtures;

#[cfg(not(target_arch = "wasm32"))]
mod native {
    use super::{common, layout_fixtures};

    use std::fmt::Write as _;
    use std::io::Write as _;
    use std::path::PathBuf;
    use std::process::{Command, Stdio};
    use std::time::{Duration, Instant};

    use casemap_engine::layout::quality::{area, crossings, crossings_of};
    use casemap_engine::layout::{Graph, Placement, Point, Rect, layout, layout_with};
    use serde_json::{Value, json};

    /// dot gets this long per fixture; bigger maps take it many minutes.
    const DOT_TIMEOUT: Duration = Duration::from_secs(240);
    /// Points per inch (dot's plain output is in inches).
    const PT: f64 = 72.0;

    fn reference_file() -> PathBuf {
        PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("tests/layout-dot.json")
    }

    /// The fixture in dot's language, with casemap's sizes: fixed-size boxes, labels as wide as
    /// casemap's (a Helvetica digit at 12.6 pt is 7 pt wide, as casemap estimates a character),
    /// casemap's gaps as `nodesep` and `ranksep`, weights as the logarithm of the frequency.
    fn to_dot(graph: &Graph) -> String {
        let mut dot = String::from(
            "digraph G {\n  rankdir=TB; nodesep=0.389; ranksep=0.778;\n  node [shape=box fixedsize=true label=\"\"];\n  edge [arrowhead=none fontname=Helvetica fontsize=12.6];\n",
        );
        for (v, size) in graph.nodes.iter().enumerate() {
            let _ = writeln!(dot, "  n{v} [width={:.4} height={:.4}];", size.width / PT, size.height / PT);
        }
        if let Some(first) = graph.first {
            let _ = writeln!(dot, "  {{rank=source; n{first}}}");
        }
        if let Some(last) = graph.last {
            let _ = writeln!(dot, "  {{rank=sink; n{last}}}");
        }
        for e in &graph.edges {
            let chars = ((e.label.width - 8.0) / 7.0).round().max(1.0) as usize;
            let weight = 1 + e.weight.max(1.0).log2().floor() as u32;
            let _ = writeln!(dot, "  n{} -> n{} [weight={weight} label=\"{}\"];", e.from, e.to, "0".repeat(chars));
        }
        dot.push_str("}\n");
        dot
    }

    /// dot's figures for `graph`: crossings of its curves (counted by casemap's counter), its
    /// area and its time; `None` when dot does not finish within the timeout.
    fn run_dot(graph: &Graph) -> Option<(u64, f64, f64)> {
        let started = Instant::now();
        let mut child = Command::new("timeout")
            .arg(DOT_TIMEOUT.as_secs().to_string())
            .args(["dot", "-Tplain"])
            .stdin(Stdio::piped())
            .stdout(Stdio::piped())
            .spawn()
            .expect("dot (Debian package graphviz) and timeout");
        child.stdin.take().expect("stdin").write_all(to_dot(graph).as_bytes()).expect("dot reads the graph");
        let output = child.wait_with_output().expect("dot runs");
        let seconds = started.elapsed().as_secs_f64();
        if !output.status.success() {
            return None;
        }
        let text = String::from_utf8(output.stdout).expect("dot writes text");
        let mut height = 0.0;
        let mut drawing_area = 0.0;
        let mut nodes = vec![Rect { x: 0.0, y: 0.0, width: 0.0, height: 0.0 }; graph.nodes.len()];
        let mut curves: Vec<Vec<[Point; 4]>> = Vec::new();
        for line in text.lines() {
            let t: Vec<&str> = line.split_whitespace().collect();
            let num = |i: usize| t[i].parse::<f64>().expect("a number in dot's output");
            match t.first() {
                Some(&"graph") => {
                    height = num(3);
                    drawing_area = num(2) * PT * num(3) * PT;
                }
                Some(&"node") => {
                    let v: usize = t[1][1..].parse().expect("node n<index>");
                    let (w, h) = (num(4) * PT, num(5) * PT);
                    nodes[v] =
                        Rect { x: num(2) * PT - w / 2.0, y: (height - num(3)) * PT - h / 2.0, width: w, height: h };
                }
                Some(&"edge") => {
                    let n: usize = t[3].parse().expect("point count");
                    let points: Vec<Point> =
                        (0..n).map(|i| Point { x: num(4 + 2 * i) * PT, y: (height - num(5 + 2 * i)) * PT }).collect();
                    curves.push(points.windows(4).step_by(3).map(|w| [w[0], w[1], w[2], w[3]]).collect());
                }
                _ => {}
            }
        }
        Some((crossings_of(&curves, &nodes), drawing_area, seconds))
    }

    fn median(mut values: Vec<f64>) -> f64 {
        values.sort_by(f64::total_cmp);
        values[values.len() / 2]
    }

    pub fn main() {
        let fixtures = layout_fixtures::all(&common::shared_data());
        if std::env::args().any(|a| a == "--dot") {
            let version = Command::new("dot").arg("-V").output().expect("dot -V");
            let version = String::from_utf8_lossy(&version.stderr).trim().to_string();
            let mut rows = Vec::new();
            for (name, graph) in &fixtures {
                let figures = run_dot(graph);
                eprintln!("{name}: {figures:?}");
                rows.push(json!({
                    "name": name,
                    "nodes": graph.nodes.len(),
                    "edges": graph.edges.len(),
                    "dot": figures.map(|(c, a, s)| json!({"crossings": c, "area": a.round(), "seconds": (s * 100.0).round() / 100.0})),
                }));
            }
            let file = json!({
                "generator": "cargo run --release -p casemap-engine --example layout_reference -- --dot",
                "dot_version": version,
                "dot_timeout_s": DOT_TIMEOUT.as_secs(),
                "fixtures": rows,
            });
            std::fs::write(reference_file(), serde_json::to_string_pretty(&file).expect("json") + "\n")
                .expect("written");
            eprintln!("wrote {}", reference_file().display());
            return;
        }
        let reference: Value = std::fs::read_to_string(reference_file()).map_or(json!({"fixtures": []}), |text| {
            serde_json::from_str(&text).expect("tests/layout-dot.json is JSON")
        });
        println!(
            "| fixture | nodes / edges | crossings (dot) | ratio | area (dot) | ratio | time ms (dot s) | slider step: mean move, reversed pairs (worst) | Brandes-Koepf: crossings, area ratio | Brandes-Koepf refined: crossings, area ratio |"
        );
        println!("|---|---|---|---|---|---|---|---|---|---|");
        let (mut all_moves, mut all_flips) = (Vec::new(), Vec::new());
        let (mut crossing_ratios, mut area_ratios) = (Vec::new(), Vec::new());
        for (name, graph) in &fixtures {
            let times: Vec<f64> = (0..5)
                .map(|_| {
                    let t = Instant::now();
                    std::hint::black_box(layout(graph));
                    t.elapsed().as_secs_f64() * 1e3
                })
                .collect();
            let drawn = layout(graph);
            let (ours, our_area) = (crossings(&drawn), area(&drawn));
            let dot = reference["fixtures"].as_array().expect("fixtures").iter().find(|f| f["name"] == name.as_str());
            let dot = dot.and_then(|f| f["dot"].as_object());
            let cell = |ours: f64, theirs: Option<f64>, ratios: &mut Vec<f64>| match theirs {
                Some(theirs) => {
                    let ratio = ours.max(1.0) / theirs.max(1.0);
                    ratios.push(ratio);
                    (format!("{ours:.0} ({theirs:.0})"), format!("{ratio:.2}"))
                }
                None => (format!("{ours:.0} (-)"), "-".to_string()),
            };
            let (c, cr) =
                cell(ours as f64, dot.map(|d| d["crossings"].as_f64().expect("crossings")), &mut crossing_ratios);
            let (a, ar) = cell(our_area, dot.map(|d| d["area"].as_f64().expect("area")), &mut area_ratios);
            let dot_time = dot.map_or("did not finish".to_string(), |d| format!("{}", d["seconds"]));
            let bk = layout_with(graph, Placement::BrandesKoepf);
            let bk_area =
                dot.map_or("-".to_string(), |d| format!("{:.2}", area(&bk) / d["area"].as_f64().expect("area")));
            let bk = format!("{}, {bk_area}", crossings(&bk));
            let refined = layout_with(graph, Placement::BrandesKoepfRefined);
            let refined_area =
                dot.map_or("-".to_string(), |d| format!("{:.2}", area(&refined) / d["area"].as_f64().expect("area")));
            let refined = format!("{}, {refined_area}", crossings(&refined));
            let steps = layout_fixtures::slider_steps(graph);
            let (moves, flips): (Vec<f64>, Vec<f64>) = steps.into_iter().unzip();
            let worst = |v: &[f64]| v.iter().copied().fold(0.0, f64::max);
            let stable = format!(
                "{:.3}, {:.1} % ({:.3}, {:.1} %)",
                moves.iter().sum::<f64>() / moves.len() as f64,
                100.0 * flips.iter().sum::<f64>() / flips.len() as f64,
                worst(&moves),
                100.0 * worst(&flips)
            );
            all_moves.extend(moves);
            all_flips.extend(flips);
            println!(
                "| {name} | {} / {} | {c} | {cr} | {a} | {ar} | {:.1} ({dot_time}) | {stable} | {bk} | {refined} |",
                graph.nodes.len(),
                graph.edges.len(),
                median(times)
            );
        }
        if !crossing_ratios.is_empty() {
            println!(
                "\nmedian crossings ratio {:.2}, worst {:.2}; median area ratio {:.2}, worst {:.2}",
                median(crossing_ratios.clone()),
                crossing_ratios.iter().copied().fold(0.0, f64::max),
                median(area_ratios.clone()),
                area_ratios.iter().copied().fold(0.0, f64::max)
            );
        }
        println!(
            "slider steps: mean node move {:.3} node widths (worst step {:.3}), mean reversed pairs {:.2} % (worst step {:.2} %)",
            all_moves.iter().sum::<f64>() / all_moves.len().max(1) as f64,
            all_moves.iter().copied().fold(0.0, f64::max),
            100.0 * all_flips.iter().sum::<f64>() / all_flips.len().max(1) as f64,
            100.0 * all_flips.iter().copied().fold(0.0, f64::max)
        );
    }
}

#[cfg(not(target_arch = "wasm32"))]
fn main() {
    native::main();
}

#[cfg(target_arch = "wasm32")]
fn main() {}
