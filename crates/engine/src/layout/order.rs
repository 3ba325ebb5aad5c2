//! Phase 4 of the layout: the order of the nodes within each rank, chosen to cross few edges.
//! Two starting orders (breadth-first from the top and from the bottom) are each improved by
//! weighted median sweeps with transposition, crossings counted by Barth, Juenger and Mutzel's
//! accumulator tree; the best order found within a work budget is kept.

use super::layered::Layered;
use super::types::Graph;

/// Most median sweeps per start of the ordering phase (as dot).
const ORDER_SWEEPS: usize = 24;

/// Sweeps without a gain of at least 0.5 % after which the ordering stops (dot waits 8; 6 gave
/// the same crossings on every fixture of `scripts/layout-reference.sh`, a third faster).
const MIN_QUIT: usize = 6;
const CONVERGENCE: f64 = 0.995;

/// Most passes of transposition after each sweep (6 gave more crossings on the larger fixtures
/// than 4: the median sweeps that follow do better from a less polished order).
pub(super) const TRANSPOSE_PASSES: usize = 4;

/// The ordering's work budget, in visits of layered edges: large maps get fewer sweeps, so
/// the result is the best found within the budget (and the same on every run).
const ORDER_WORK: usize = 1_000_000;

/// Buffers the crossing counter reuses from one pair of ranks to the next.
#[derive(Default)]
struct Scratch {
    ends: Vec<usize>,
    tree: Vec<u64>,
}

/// Crossings between two adjacent ranks (`upper` above a rank of `lower_len` nodes), counted
/// by Barth, Juenger and Mutzel's accumulator tree in O(e log n): the edges sorted by their
/// upper end, every pair whose lower ends come in the other order crosses.
fn crossings_with(layered: &Layered, upper: &[usize], lower_len: usize, position: &[usize], s: &mut Scratch) -> u64 {
    // The upper rank is walked in order, so the edges come sorted by their upper end; only
    // each node's own few lower ends need sorting.
    s.ends.clear();
    for &u in upper {
        let from = s.ends.len();
        s.ends.extend(layered.down[u].iter().map(|&(w, _)| position[w]));
        s.ends[from..].sort_unstable();
    }
    let mut leaves = 1;
    while leaves < lower_len.max(1) {
        leaves *= 2;
    }
    s.tree.clear();
    s.tree.resize(2 * leaves - 1, 0);
    let tree = &mut s.tree;
    let mut count = 0;
    for &w in &s.ends {
        let mut index = w + leaves - 1;
        tree[index] += 1;
        while index > 0 {
            // A left child: every edge already counted in its right sibling ends further right
            // and started further left (or at the same node), so it crosses this one.
            if index % 2 == 1 {
                count += tree[index + 1];
            }
            index = (index - 1) / 2;
            tree[index] += 1;
        }
    }
    count
}

fn total_crossings(layered: &Layered, order: &[Vec<usize>], position: &[usize]) -> u64 {
    let mut scratch = Scratch::default();
    order.windows(2).map(|pair| crossings_with(layered, &pair[0], pair[1].len(), position, &mut scratch)).sum()
}

/// The initial order of each rank: a breadth-first search from the top (`downward`, from the
/// first node, heavier edges first) or from the bottom, so related nodes start side by side.
fn initial_order(layered: &Layered, ranks_count: usize, graph: &Graph, downward: bool) -> Vec<Vec<usize>> {
    let total = layered.rank.len();
    let mut order: Vec<Vec<usize>> = vec![Vec::new(); ranks_count];
    let mut seen = vec![false; total];
    let roots: Vec<usize> = if downward {
        graph.first.into_iter().chain(0..total).collect()
    } else {
        graph.last.into_iter().chain((0..total).rev()).collect()
    };
    let mut queue = roots;
    let mut head = 0;
    while head < queue.len() {
        let v = queue[head];
        head += 1;
        if seen[v] {
            continue;
        }
        seen[v] = true;
        order[layered.rank[v]].push(v);
        let mut next: Vec<(usize, f64)> = if downward { layered.down[v].clone() } else { layered.up[v].clone() };
        next.sort_by(|a, b| b.1.total_cmp(&a.1).then(a.0.cmp(&b.0)));
        queue.extend(next.into_iter().map(|(w, _)| w));
    }
    order
}

pub(super) fn set_positions(order: &[Vec<usize>], position: &mut [usize]) {
    for rank in order {
        for (i, &v) in rank.iter().enumerate() {
            position[v] = i;
        }
    }
}

/// The weighted median of Gansner et al.: the middle neighbour position, or for an even
/// number the two middle ones weighted towards the side where the neighbours are packed
/// closer. `None` for a node without neighbours.
fn median_value(neighbours: &[(usize, f64)], position: &[usize], scratch: &mut Vec<f64>) -> Option<f64> {
    scratch.clear();
    scratch.extend(neighbours.iter().map(|&(w, _)| position[w] as f64));
    scratch.sort_by(f64::total_cmp);
    let p = &scratch[..];
    let m = p.len();
    match m {
        0 => None,
        _ if m % 2 == 1 => Some(p[m / 2]),
        2 => Some((p[0] + p[1]) / 2.0),
        _ => {
            let (left, right) = (p[m / 2 - 1] - p[0], p[m - 1] - p[m / 2]);
            if left + right == 0.0 {
                Some((p[m / 2 - 1] + p[m / 2]) / 2.0)
            } else {
                Some((p[m / 2 - 1] * right + p[m / 2] * left) / (left + right))
            }
        }
    }
}

/// One sweep: each rank (top to bottom, or bottom to top) sorted by the median position of
/// its neighbours in the rank just done; nodes without neighbours there keep their places.
fn median_sweep(layered: &Layered, order: &mut [Vec<usize>], position: &mut [usize], downward: bool) {
    let ranks_count = order.len();
    let mut scratch = Vec::new();
    let mut medians: Vec<Option<f64>> = Vec::new();
    let mut movable: Vec<(f64, usize, usize)> = Vec::new();
    for step in 0..ranks_count.saturating_sub(1) {
        let r = if downward { step + 1 } else { ranks_count - 2 - step };
        let rank = &mut order[r];
        medians.clear();
        medians.extend(
            rank.iter().map(|&v| {
                median_value(if downward { &layered.up[v] } else { &layered.down[v] }, position, &mut scratch)
            }),
        );
        movable.clear();
        movable.extend(rank.iter().zip(&medians).enumerate().filter_map(|(i, (&v, m))| m.map(|m| (m, i, v))));
        movable.sort_unstable_by(|a, b| a.0.total_cmp(&b.0).then(a.1.cmp(&b.1)));
        // Nodes without a median keep their places; the others fill the remaining slots in
        // the order of their medians.
        let mut next = movable.iter().map(|&(_, _, v)| v);
        for (slot, m) in rank.iter_mut().zip(&medians) {
            if m.is_some()
                && let Some(v) = next.next()
            {
                *slot = v;
            }
        }
        for (i, &v) in rank.iter().enumerate() {
            position[v] = i;
        }
    }
}

/// Crossings between two nodes' edges to one neighbouring rank, the first node left of the
/// second: pairs of neighbour positions (`a` of the first, `b` of the second, both sorted)
/// with `a > b`, counted by merging in O(|a| + |b|).
fn pair_crossings(a: &[usize], b: &[usize]) -> u64 {
    let (mut count, mut below) = (0u64, 0usize);
    for &x in a {
        while below < b.len() && b[below] < x {
            below += 1;
        }
        count += below as u64;
    }
    count
}

/// Transposition: neighbours in a rank trade places while that removes crossings (or, with
/// `ties`, while it does not add any, which lets equal nodes move past each other), until no
/// swap helps or `passes` passes over all ranks are done. Returns the passes made.
pub(super) fn transpose(
    layered: &Layered,
    order: &mut [Vec<usize>],
    position: &mut [usize],
    passes: usize,
    ties: bool,
    fixed: Option<&[bool]>,
) -> usize {
    let both_fixed = |v: usize, w: usize| fixed.is_some_and(|f| f[v] && f[w]);
    // Sorted neighbour positions of the rank's nodes, in one buffer: (start, end) per node.
    let (mut flat, mut up_range, mut down_range) = (Vec::new(), Vec::new(), Vec::new());
    // Only ranks that changed, or whose neighbours changed, are looked at again.
    let mut dirty = vec![true; order.len()];
    for pass in 0..passes {
        let mut improved = false;
        let mut next_dirty = vec![false; order.len()];
        for (r, rank) in order.iter_mut().enumerate() {
            if rank.len() < 2 || !dirty[r] {
                continue;
            }
            // The neighbouring ranks stay as they are while this one is transposed.
            flat.clear();
            up_range.clear();
            down_range.clear();
            for &v in rank.iter() {
                for (neighbours, ranges) in [(&layered.up[v], &mut up_range), (&layered.down[v], &mut down_range)] {
                    let start = flat.len();
                    flat.extend(neighbours.iter().map(|&(w, _)| position[w]));
                    flat[start..].sort_unstable();
                    ranges.push((start, flat.len()));
                }
            }
            let list = |r: (usize, usize)| &flat[r.0..r.1];
            for i in 0..rank.len() - 1 {
                if both_fixed(rank[i], rank[i + 1]) {
                    continue;
                }
                let (u0, u1, d0, d1) = (up_range[i], up_range[i + 1], down_range[i], down_range[i + 1]);
                let now = pair_crossings(list(u0), list(u1)) + pair_crossings(list(d0), list(d1));
                let swapped = pair_crossings(list(u1), list(u0)) + pair_crossings(list(d1), list(d0));
                if swapped < now || (ties && swapped == now && now > 0) {
                    let (v, w) = (rank[i], rank[i + 1]);
                    rank.swap(i, i + 1);
                    up_range.swap(i, i + 1);
                    down_range.swap(i, i + 1);
                    position[v] = i + 1;
                    position[w] = i;
                    if swapped < now {
                        improved = true;
                        for near in r.saturating_sub(1)..(r + 2).min(next_dirty.len()) {
                            next_dirty[near] = true;
                        }
                    }
                }
            }
        }
        if !improved {
            return pass + 1;
        }
        dirty = next_dirty;
    }
    passes
}

/// Weighted median sweeps with transposition from `order`, alternating down and up, keeping
/// the order with the fewest crossings; stops after `MIN_QUIT` sweeps without a real gain,
/// after `ORDER_SWEEPS`, or when the work `budget` (in visits of layered edges) is spent.
fn improve_order(layered: &Layered, mut order: Vec<Vec<usize>>, budget: &mut usize) -> (Vec<Vec<usize>>, u64) {
    let segments: usize = layered.down.iter().map(Vec::len).sum::<usize>().max(1);
    let mut spend = |visits: usize| {
        *budget = budget.saturating_sub(visits * segments);
        *budget > 0
    };
    let mut position = vec![0usize; layered.rank.len()];
    set_positions(&order, &mut position);
    let passes = transpose(layered, &mut order, &mut position, TRANSPOSE_PASSES, false, None);
    let mut best = order.clone();
    let mut best_crossings = total_crossings(layered, &order, &position);
    let mut left = spend(passes + 1);
    let mut without_gain = 0;
    for sweep in 0..ORDER_SWEEPS {
        if !left || best_crossings == 0 || without_gain >= MIN_QUIT {
            break;
        }
        median_sweep(layered, &mut order, &mut position, sweep % 2 == 0);
        // As dot: every other pair of sweeps, equal swaps are allowed too.
        let passes = transpose(layered, &mut order, &mut position, TRANSPOSE_PASSES, sweep % 4 >= 2, None);
        let count = total_crossings(layered, &order, &position);
        left = spend(passes + 2);
        if (count as f64) < CONVERGENCE * best_crossings as f64 {
            without_gain = 0;
        } else {
            without_gain += 1;
        }
        if count < best_crossings {
            best_crossings = count;
            best = order.clone();
        }
    }
    (best, best_crossings)
}

/// Phase 4: the order within each rank. Two starts (from the top and from the bottom), each
/// improved by median sweeps with transposition; the one with fewer crossings wins. Both
/// share one work budget: a very large map gets fewer sweeps (the second start perhaps none
/// beyond its first transposition), and the best order found within the budget is kept. The
/// budget counts work, not time, so the result is the same on every run and machine.
pub(super) fn order_ranks(layered: &Layered, graph: &Graph) -> Vec<Vec<usize>> {
    let ranks_count = layered.rank.iter().max().map_or(0, |r| r + 1);
    let mut budget = ORDER_WORK;
    let (mut best, mut best_crossings) = (Vec::new(), u64::MAX);
    for downward in [true, false] {
        // The second start gets what the first left, but at least a few sweeps' worth.
        let segments: usize = layered.down.iter().map(Vec::len).sum::<usize>().max(1);
        if !downward {
            budget = budget.max(ORDER_WORK / 4).max(segments * 4);
        }
        let (order, count) = improve_order(layered, initial_order(layered, ranks_count, graph, downward), &mut budget);
        if count < best_crossings {
            best = order;
            best_crossings = count;
        }
    }
    best
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::layout::layered::add_dummies;
    use crate::layout::sample::graph;

    #[test]
    fn crossings_are_counted_like_the_pairs_that_cross() {
        // Two ranks of 6 and 7 nodes with pseudo-random edges between them: the accumulator
        // tree counts what checking every pair of edges counts.
        let (top, bottom) = (6, 7);
        let mut edges = Vec::new();
        let mut seed = 7u64;
        for _ in 0..25 {
            seed = seed.wrapping_mul(6_364_136_223_846_793_005).wrapping_add(1_442_695_040_888_963_407);
            let (u, w) = ((seed >> 33) as usize % top, top + (seed >> 45) as usize % bottom);
            if !edges.iter().any(|&(a, b, _)| (a, b) == (u, w)) {
                edges.push((u, w, 1.0));
            }
        }
        let g = Graph { first: None, last: None, ..graph(&edges, top + bottom) };
        let rank: Vec<usize> = (0..top + bottom).map(|v| usize::from(v >= top)).collect();
        let layered = add_dummies(&g, &vec![false; edges.len()], &rank);
        let position: Vec<usize> = (0..top + bottom).map(|v| if v < top { v } else { v - top }).collect();
        let mut brute = 0;
        for (i, &(a, b, _)) in edges.iter().enumerate() {
            for &(c, d, _) in &edges[i + 1..] {
                let (a, b, c, d) = (position[a], position[b], position[c], position[d]);
                if (a < c && b > d) || (a > c && b < d) {
                    brute += 1;
                }
            }
        }
        assert!(brute > 10);
        let counted =
            crossings_with(&layered, &(0..top).collect::<Vec<_>>(), bottom, &position, &mut Scratch::default());
        assert_eq!(counted, brute);
    }
}
