//! Graphs for the layout's tests and benchmarks: small ones given by hand ([`graph`]), and
//! seeded process-map-like ones ([`seeded_map`]): a Start, an End, a main path, branches,
//! rework loops back, self-loops and rare skips, with frequencies that fall off along the way,
//! as directly-follows graphs of service processes look.
//!
//! Only built for the engine's tests, or with the `fixtures` feature (which its benchmarks,
//! examples and integration tests turn on): it is not part of the library.

use rand::{RngExt, SeedableRng};
use rand_pcg::Pcg64Mcg;

use super::types::{EdgeSpec, Graph, NodeSize};

/// A graph of `n` same-sized nodes (0 first, `n - 1` last) with the given weighted edges, for
/// tests that draw a graph by hand.
pub fn graph(edges: &[(usize, usize, f64)], n: usize) -> Graph {
    Graph {
        nodes: vec![NodeSize { width: 80.0, height: 30.0 }; n],
        edges: edges
            .iter()
            .map(|&(from, to, weight)| EdgeSpec { from, to, weight, label: NodeSize { width: 30.0, height: 14.0 } })
            .collect(),
        first: Some(0),
        last: Some(n - 1),
    }
}

/// A graph of `nodes` nodes (Start is 0, End is the last) and about `edges` edges.
pub fn seeded_map(nodes: usize, edges: usize, seed: u64) -> Graph {
    let nodes = nodes.max(3);
    let mut rng = Pcg64Mcg::seed_from_u64(seed);
    let (start, end) = (0, nodes - 1);
    let mut list: Vec<(usize, usize, f64)> = Vec::new();
    let add = |from: usize, to: usize, weight: f64, list: &mut Vec<(usize, usize, f64)>| {
        if from != end && to != start && !list.iter().any(|&(a, b, _)| (a, b) == (from, to)) {
            list.push((from, to, weight));
        }
    };
    // A main path through every activity, thinning out.
    for v in 0..end {
        let weight = 1000.0 / (1.0 + v as f64 * 0.3);
        add(v, v + 1, weight, &mut list);
    }
    // Small graphs cannot hold every edge asked for: stop trying after a while.
    let mut attempts = 0;
    while list.len() < edges && attempts < edges * 50 {
        attempts += 1;
        let from = rng.random_range(0..end);
        let kind = rng.random_range(0..10);
        let to = match kind {
            // Forward skips, short ones more likely.
            0..=4 => (from + 1 + rng.random_range(0..4.min(end - from))).min(end),
            // Rework: back a few steps.
            5..=7 if from > 1 => from - 1 - rng.random_range(0..3.min(from - 1)),
            // A self-loop now and then.
            8 if from > 0 => from,
            // Anything.
            _ => rng.random_range(1..nodes),
        };
        let weight = (1000.0 * rng.random::<f64>().powi(3)).max(1.0);
        add(from, to, weight, &mut list);
    }
    Graph {
        nodes: (0..nodes)
            .map(|v| {
                if v == start || v == end {
                    NodeSize { width: 26.0, height: 26.0 }
                } else {
                    NodeSize { width: 90.0 + (v * 37 % 80) as f64, height: 42.0 }
                }
            })
            .collect(),
        edges: list
            .into_iter()
            .map(|(from, to, weight)| EdgeSpec {
                from,
                to,
                weight,
                label: NodeSize { width: 8.0 + 7.0 * (libm::log10(weight).floor() + 1.0), height: 16.0 },
            })
            .collect(),
        first: Some(start),
        last: Some(end),
    }
}

/// The seeded fixtures the layout is judged on (against Graphviz dot's figures, committed in
/// `crates/engine/tests/layout-dot.json`): (name, graph), 12 to 600 nodes.
pub fn fixtures() -> Vec<(String, Graph)> {
    const SIZES: &[(usize, usize, u64)] = &[
        (12, 30, 1),
        (14, 35, 12),
        (16, 40, 2),
        (20, 60, 3),
        (24, 70, 4),
        (28, 90, 13),
        (32, 120, 5),
        (36, 130, 14),
        (40, 150, 6),
        (48, 200, 15),
        (56, 250, 16),
        (62, 300, 7),
        (62, 300, 17),
        (80, 350, 18),
        (100, 400, 8),
        (150, 700, 9),
        (300, 1_200, 10),
        (600, 2_500, 11),
    ];
    SIZES
        .iter()
        .map(|&(nodes, edges, seed)| (format!("seeded-{nodes}-{edges}-{seed}"), seeded_map(nodes, edges, seed)))
        .collect()
}

/// The graph with its rarest edge removed (a path-slider step); ties go to the last edge.
pub fn without_rarest_edge(graph: &Graph) -> Graph {
    let mut out = graph.clone();
    if let Some(rarest) =
        (0..graph.edges.len()).min_by(|&a, &b| graph.edges[a].weight.total_cmp(&graph.edges[b].weight).then(b.cmp(&a)))
    {
        out.edges.remove(rarest);
    }
    out
}

/// The graph without node `v` and its edges (an activity-slider step, without bridging),
/// and for each remaining node its index in `graph`.
pub fn without_node(graph: &Graph, v: usize) -> (Graph, Vec<usize>) {
    let kept: Vec<usize> = (0..graph.nodes.len()).filter(|&u| u != v).collect();
    let new_index = |u: usize| if u > v { u - 1 } else { u };
    let out = Graph {
        nodes: kept.iter().map(|&u| graph.nodes[u]).collect(),
        edges: graph
            .edges
            .iter()
            .filter(|e| e.from != v && e.to != v)
            .map(|e| EdgeSpec { from: new_index(e.from), to: new_index(e.to), ..*e })
            .collect(),
        first: graph.first.filter(|&f| f != v).map(new_index),
        last: graph.last.filter(|&l| l != v).map(new_index),
    };
    (out, kept)
}
