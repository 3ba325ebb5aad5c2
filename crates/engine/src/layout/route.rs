//! Phase 6 of the layout: y by rank, and the edges' routes. Long edges are straightened
//! through their dummy nodes, each edge gets a port on the side of its boxes (in the order of
//! the nodes it leads to, so edges at a box do not cross), and the points the curve passes
//! through are laid out rank by rank, with the labels on their dummy nodes or beside short
//! edges.

use super::layered::{Layered, SELF_LOOP};
use super::order::set_positions;
use super::types::{EdgeRoute, Graph, Layout, MARGIN, NODE_GAP, Point, RANK_GAP, Rect};

/// Phase 6 for a layered, ordered, placed graph: y by rank, ports, curves and labels.
/// `anchored` layouts keep their coordinates (no shift to the margin unless something would
/// leave the drawing).
pub(super) fn finish(
    graph: &Graph,
    reversed: &[bool],
    layered: &Layered,
    order: &[Vec<usize>],
    x: &[f64],
    anchored: bool,
) -> Layout {
    let n = graph.nodes.len();
    let ranks_count = order.len();

    // y: each rank as tall as its tallest box.
    let mut rank_height = vec![0.0f64; ranks_count];
    for v in 0..n {
        rank_height[layered.rank[v]] = rank_height[layered.rank[v]].max(graph.nodes[v].height);
    }
    if anchored {
        // Every rank keeps the same height whether or not a box is left in it, so a node that
        // goes never moves the ranks below it.
        let tallest = rank_height.iter().copied().fold(0.0, f64::max);
        rank_height.iter_mut().for_each(|h| *h = tallest);
    }
    // A rank of dummy nodes only (edges passing) needs less room than one with boxes.
    let gap = |r: usize| if rank_height[r] > 0.0 { RANK_GAP } else { RANK_GAP / 2.0 };
    let mut rank_top = vec![MARGIN; ranks_count];
    for r in 1..ranks_count {
        rank_top[r] = rank_top[r - 1] + rank_height[r - 1] + gap(r - 1);
    }
    // With anchors the drawing keeps the earlier coordinates (no shift): nodes that stay do
    // not move.
    let min_x = (0..layered.rank.len()).map(|v| x[v] - layered.width[v] / 2.0).fold(f64::INFINITY, f64::min);
    let shift = match anchored {
        true => (MARGIN - min_x).max(0.0),
        false if min_x.is_finite() => MARGIN - min_x,
        false => 0.0,
    };
    let center_y = |v: usize| rank_top[layered.rank[v]] + rank_height[layered.rank[v]] / 2.0;
    let nodes: Vec<Rect> = (0..n)
        .map(|v| {
            let size = graph.nodes[v];
            Rect {
                x: x[v] + shift - size.width / 2.0,
                y: center_y(v) - size.height / 2.0,
                width: size.width,
                height: size.height,
            }
        })
        .collect();
    let ports = ports(graph, layered, x, &nodes);
    let mut max_x = (0..layered.rank.len()).map(|v| x[v] + shift + layered.width[v] / 2.0).fold(0.0, f64::max);
    let edges: Vec<EdgeRoute> = graph
        .edges
        .iter()
        .enumerate()
        .map(|(i, edge)| {
            if edge.from == edge.to {
                let r = nodes[edge.from];
                let right = r.x + r.width;
                let loop_x = right + SELF_LOOP;
                max_x = max_x.max(loop_x + edge.label.width + 4.0);
                return EdgeRoute {
                    points: vec![
                        Point { x: right - 6.0, y: r.y },
                        Point { x: loop_x, y: r.y + r.height / 2.0 },
                        Point { x: right - 6.0, y: r.y + r.height },
                    ],
                    label: Point { x: loop_x + 4.0 + edge.label.width / 2.0, y: r.y + r.height / 2.0 },
                    reversed: false,
                };
            }
            let chain = &layered.chains[i];
            let (top, bottom) = (nodes[chain[0]], nodes[chain[chain.len() - 1]]);
            let (out_port, in_port) = ports[i];
            let mut points = vec![Point { x: out_port + shift, y: top.y + top.height }];
            // Through each dummy node in its corridor: from the top of its rank to the bottom
            // where the rank holds boxes, so the curve passes them at the dummy's x.
            for &d in &chain[1..chain.len() - 1] {
                let (r, dx) = (layered.rank[d], x[d] + shift);
                if rank_height[r] > 0.0 {
                    points.push(Point { x: dx, y: rank_top[r] });
                    points.push(Point { x: dx, y: rank_top[r] + rank_height[r] });
                } else {
                    points.push(Point { x: dx, y: center_y(d) });
                }
            }
            points.push(Point { x: in_port + shift, y: bottom.y });
            let label = match layered.label_node[i] {
                Some(d) => Point { x: x[d] + shift, y: center_y(d) },
                None => {
                    // A short edge: its label on the middle of the curve, or beside it for a
                    // back edge, which often runs next to the forward edge between the same
                    // two activities.
                    let (a, b) = (points[0], points[points.len() - 1]);
                    let beside = if reversed[i] { edge.label.width / 2.0 + 4.0 } else { 0.0 };
                    Point { x: (a.x + b.x) / 2.0 + beside, y: (a.y + b.y) / 2.0 }
                }
            };
            if reversed[i] {
                points.reverse();
            }
            EdgeRoute { points, label, reversed: reversed[i] }
        })
        .collect();
    let height = rank_top.last().map_or(MARGIN, |t| t + rank_height[ranks_count - 1]) + MARGIN;
    Layout { nodes, edges, width: max_x + MARGIN, height, ranks: layered.rank[..n].to_vec() }
}

/// Long edges made straight: along each edge's chain of dummy nodes, runs of consecutive
/// dummies that can share one x (each stays between its neighbours in its rank, separation
/// kept) move to the run's mean x, clamped to what all of them allow. The edge then runs
/// straight down through those ranks and bends only where its neighbours force it to.
pub(super) fn straighten(layered: &Layered, order: &[Vec<usize>], mut x: Vec<f64>) -> Vec<f64> {
    let mut position = vec![0usize; layered.rank.len()];
    set_positions(order, &mut position);
    // The interval dummy `d` may move in, given its neighbours' current places.
    let room = |d: usize, x: &[f64]| -> (f64, f64) {
        let rank = &order[layered.rank[d]];
        let i = position[d];
        let gap = |a: usize, b: usize| (layered.width[a] + layered.width[b]) / 2.0 + NODE_GAP;
        let low = if i > 0 { x[rank[i - 1]] + gap(rank[i - 1], d) } else { f64::NEG_INFINITY };
        let high = if i + 1 < rank.len() { x[rank[i + 1]] - gap(d, rank[i + 1]) } else { f64::INFINITY };
        (low, high)
    };
    for chain in &layered.chains {
        if chain.len() < 4 {
            continue;
        }
        let dummies = &chain[1..chain.len() - 1];
        let mut start = 0;
        while start < dummies.len() {
            // Grow the run while the dummies' rooms still overlap.
            let (mut low, mut high) = room(dummies[start], &x);
            let mut end = start + 1;
            while end < dummies.len() {
                let (l, h) = room(dummies[end], &x);
                if l.max(low) > h.min(high) {
                    break;
                }
                low = low.max(l);
                high = high.min(h);
                end += 1;
            }
            if end - start > 1 {
                let mean = dummies[start..end].iter().map(|&d| x[d]).sum::<f64>() / (end - start) as f64;
                let at = mean.clamp(low, high);
                for &d in &dummies[start..end] {
                    x[d] = at;
                }
            }
            start = end;
        }
    }
    x
}

/// Where each edge leaves its upper node and enters its lower one (x, before the drawing's
/// shift): the segments at a node spread along its bottom (and top) side in the order of the
/// nodes they lead to, so edges at a node do not cross each other.
fn ports(graph: &Graph, layered: &Layered, x: &[f64], nodes: &[Rect]) -> Vec<(f64, f64)> {
    let n = graph.nodes.len();
    let mut below: Vec<Vec<(f64, usize)>> = vec![Vec::new(); n];
    let mut above: Vec<Vec<(f64, usize)>> = vec![Vec::new(); n];
    for (i, chain) in layered.chains.iter().enumerate() {
        if chain.len() < 2 {
            continue;
        }
        below[chain[0]].push((x[chain[1]], i));
        above[chain[chain.len() - 1]].push((x[chain[chain.len() - 2]], i));
    }
    let mut ports: Vec<(f64, f64)> = vec![(0.0, 0.0); graph.edges.len()];
    for v in 0..n {
        let width = nodes[v].width;
        for (side, is_below) in [(&mut below[v], true), (&mut above[v], false)] {
            side.sort_by(|a, b| a.0.total_cmp(&b.0).then(a.1.cmp(&b.1)));
            let k = side.len() as f64;
            // Spread over the middle of the side, closer together when there are few.
            let span = width * (0.7f64).min(0.2 * k);
            for (j, &(_, i)) in side.iter().enumerate() {
                let at = x[v] - span / 2.0 + span * (j as f64 + 0.5) / k;
                if is_below {
                    ports[i].0 = at;
                } else {
                    ports[i].1 = at;
                }
            }
        }
    }
    ports
}
