//! Phase 3 of the layout: the layered graph. Every edge is made to point down (reversed where
//! it breaks a cycle) and an edge spanning several ranks is split into a chain of dummy nodes,
//! one per rank in between; the middle one is as wide as the edge's label and carries it. The
//! phases after it (order, x, routes) work on this graph.

use super::types::{EdgeSpec, Graph};

/// Width of a dummy node that carries no label.
pub(super) const DUMMY_WIDTH: f64 = 12.0;

/// How far a self-loop reaches right of its box.
pub(super) const SELF_LOOP: f64 = 22.0;

pub(super) struct Layered {
    /// Nodes below this index are the graph's; the rest are dummies.
    pub(super) real: usize,
    pub(super) rank: Vec<usize>,
    pub(super) width: Vec<f64>,
    /// (node, weight) neighbours in the rank above and below.
    pub(super) up: Vec<Vec<(usize, f64)>>,
    pub(super) down: Vec<Vec<(usize, f64)>>,
    /// The chain of layered nodes of each original edge, top to bottom.
    pub(super) chains: Vec<Vec<usize>>,
    pub(super) label_node: Vec<Option<usize>>,
}

pub(super) fn directed(edge: &EdgeSpec, reversed: bool) -> (usize, usize) {
    if reversed { (edge.to, edge.from) } else { (edge.from, edge.to) }
}

pub(super) fn add_dummies(graph: &Graph, reversed: &[bool], rank: &[usize]) -> Layered {
    let n = graph.nodes.len();
    let mut layered = Layered {
        real: n,
        rank: rank.to_vec(),
        width: graph.nodes.iter().map(|s| s.width).collect(),
        up: vec![Vec::new(); n],
        down: vec![Vec::new(); n],
        chains: Vec::with_capacity(graph.edges.len()),
        label_node: vec![None; graph.edges.len()],
    };
    for (i, e) in graph.edges.iter().enumerate() {
        if e.from == e.to {
            // Room for the side loop and its label right of the box (kept symmetric so the
            // box stays centred on its place).
            let needed = graph.nodes[e.from].width + 2.0 * (SELF_LOOP + 4.0 + e.label.width);
            layered.width[e.from] = layered.width[e.from].max(needed);
            layered.chains.push(vec![e.from]);
            continue;
        }
        let (a, b) = directed(e, reversed[i]);
        let mut chain = vec![a];
        let span = rank[b] - rank[a];
        for step in 1..span {
            let d = layered.rank.len();
            layered.rank.push(rank[a] + step);
            let carries_label = step == span / 2;
            layered.width.push(if carries_label { e.label.width.max(DUMMY_WIDTH) } else { DUMMY_WIDTH });
            if carries_label {
                layered.label_node[i] = Some(d);
            }
            layered.up.push(Vec::new());
            layered.down.push(Vec::new());
            chain.push(d);
        }
        chain.push(b);
        // As in dot: segments between dummy nodes pull 8 times harder, and those with one
        // dummy end twice as hard, so long edges run straight instead of zigzagging.
        for pair in chain.windows(2) {
            let dummies = usize::from(pair[0] >= n) + usize::from(pair[1] >= n);
            let weight = e.weight.max(1.0) * [1.0, 2.0, 8.0][dummies];
            layered.down[pair[0]].push((pair[1], weight));
            layered.up[pair[1]].push((pair[0], weight));
        }
        layered.chains.push(chain);
    }
    layered
}
