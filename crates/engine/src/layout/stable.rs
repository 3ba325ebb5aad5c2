//! Stable layouts: a simplification of a graph (fewer activities or paths) laid out on the
//! ranks, orders and x of the full graph's layout, so that the nodes that stay keep their
//! places while a slider moves.

use super::layered::{add_dummies, directed};
use super::order::{TRANSPOSE_PASSES, set_positions, transpose};
use super::place::place_x;
use super::route::{finish, straighten};
use super::types::{Anchor, Graph, Layout};

/// Lays out `graph` with a complete set of `anchors` (one per node); see
/// [`layout_stable`](super::layout_stable).
pub(super) fn anchored(graph: &Graph, anchors: &[Anchor]) -> Layout {
    let n = graph.nodes.len();
    // Ranks stay as they were, so nothing moves up or down when a node goes (a rank left
    // with no node is drawn thin).
    let mut rank: Vec<usize> = anchors.iter().map(|a| a.rank).collect();
    // Nodes in reading order (rank, then x): every edge points forward in it, so it is
    // acyclic; an edge pointing back in it is drawn reversed.
    let mut reading: Vec<usize> = (0..n).collect();
    reading.sort_by(|&a, &b| {
        anchors[a].rank.cmp(&anchors[b].rank).then(anchors[a].x.total_cmp(&anchors[b].x)).then(a.cmp(&b))
    });
    let mut place = vec![0usize; n];
    for (i, &v) in reading.iter().enumerate() {
        place[v] = i;
    }
    let reversed: Vec<bool> = graph
        .edges
        .iter()
        .map(|e| {
            e.from != e.to && (place[e.from] > place[e.to] || Some(e.to) == graph.first || Some(e.from) == graph.last)
        })
        .collect();
    // Each node at its rank, or lower where an edge from above needs room.
    let mut preds: Vec<Vec<usize>> = vec![Vec::new(); n];
    for (i, e) in graph.edges.iter().enumerate() {
        if e.from != e.to {
            let (a, b) = directed(e, reversed[i]);
            preds[b].push(a);
        }
    }
    for &v in &reading {
        if Some(v) == graph.last {
            continue;
        }
        let below = preds[v].iter().map(|&u| rank[u] + 1).max().unwrap_or(0);
        rank[v] = rank[v].max(below);
    }
    if let Some(last) = graph.last {
        let below = (0..n).filter(|&v| v != last).map(|v| rank[v] + 1).max().unwrap_or(0);
        rank[last] = rank[last].max(below);
    }
    let layered = add_dummies(graph, &reversed, &rank);
    // Order: nodes by their anchors; a dummy where its edge passes, on a straight line
    // between its two ends' anchors.
    let ranks_count = layered.rank.iter().max().map_or(0, |r| r + 1);
    let mut key = vec![0.0f64; layered.rank.len()];
    for v in 0..n {
        key[v] = anchors[v].x;
    }
    for chain in &layered.chains {
        if chain.len() > 2 {
            let (top, bottom) = (chain[0], chain[chain.len() - 1]);
            let span = (layered.rank[bottom] - layered.rank[top]) as f64;
            for &d in &chain[1..chain.len() - 1] {
                let t = (layered.rank[d] - layered.rank[top]) as f64 / span;
                key[d] = key[top] + (key[bottom] - key[top]) * t;
            }
        }
    }
    let mut order: Vec<Vec<usize>> = vec![Vec::new(); ranks_count];
    for v in 0..layered.rank.len() {
        order[layered.rank[v]].push(v);
    }
    for rank in &mut order {
        rank.sort_by(|&a, &b| key[a].total_cmp(&key[b]).then(a.cmp(&b)));
    }
    let mut position = vec![0usize; layered.rank.len()];
    set_positions(&order, &mut position);
    // Long edges move past nodes to cross fewer edges; nodes keep their order.
    let fixed: Vec<bool> = (0..layered.rank.len()).map(|v| v < n).collect();
    transpose(&layered, &mut order, &mut position, TRANSPOSE_PASSES, false, Some(&fixed));
    let anchor_x: Vec<Option<f64>> = anchors.iter().map(|a| Some(a.x)).collect();
    let x = place_x(&layered, &order, Some(&anchor_x), None);
    let x = straighten(&layered, &order, x);
    finish(graph, &reversed, &layered, &order, &x, true)
}
