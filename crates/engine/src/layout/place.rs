//! Phase 5 of the layout: x-coordinates.
//!
//! # Least squares (the default)
//! Each node is pulled to the weighted mean of its neighbours' centres (and to its anchor in a
//! stable layout), rank by rank, keeping the order and the spacing exactly: a least-squares fit
//! with order constraints, solved by pool-adjacent-violators ([`place_x`]).
//!
//! # Brandes and Koepf
//! x-coordinates by Brandes and Koepf ("Fast and simple horizontal
//! coordinate assignment", 2001), with the corrections of Brandes, Walter and Zink's erratum
//! (arXiv 2008.01252) taken into account.
//!
//! 1. **Conflicts**: a segment between two dummy nodes (the inside of a long edge) must stay
//!    straight; every other segment that crosses one is marked and never aligned.
//! 2. **Vertical alignment**, four times (aligned to the upper or lower neighbours, preferring
//!    the left or the right median): each node is aligned with a median neighbour unless that
//!    would cross an alignment already made in the rank; aligned nodes form blocks that share
//!    one x, so long edges run straight and nodes sit above their median neighbour.
//! 3. **Horizontal compaction**: each block as far left as the separation from the block left
//!    of it in every rank allows, by longest path over the blocks in topological order. This
//!    is where the erratum corrects the original: a block (or class of blocks) must respect
//!    every neighbour it has, not only the first one the recursion meets, and shifts must
//!    accumulate; the longest path does both by construction.
//! 4. **Balancing**: the four placements are aligned to the narrowest one and each node takes
//!    the mean of its two median coordinates; a final order-preserving fit restores the exact
//!    separation the averaging may have shaved off.

use super::layered::Layered;
use super::types::{MARGIN, NODE_GAP};

/// How hard a node is pulled to its anchor (its place in an earlier layout), against the
/// pull of its edges (weighted by frequency, up to 8x for long edges).
const ANCHOR_WEIGHT: f64 = 1e6;

/// Sweeps of the x-placement phase.
const X_SWEEPS: usize = 8;

/// Layered graphs with more nodes (dummies included) than this get a third of the sweeps: a
/// very large map (hundreds of activities, thousands of paths) is drawn in a second or two
/// rather than many, at some cost in crossings.
const LARGE: usize = 20_000;

fn sweeps(nodes: usize, full: usize) -> usize {
    if nodes > LARGE { full.div_ceil(3) } else { full }
}

/// Pool-adjacent-violators: the non-decreasing sequence closest (least squares) to `target`.
fn isotonic(target: &[f64], weight: &[f64]) -> Vec<f64> {
    let mut blocks: Vec<(f64, f64, usize)> = Vec::new(); // (mean, weight, length)
    for (&t, &w) in target.iter().zip(weight) {
        blocks.push((t, w, 1));
        while blocks.len() > 1 && blocks[blocks.len() - 2].0 > blocks[blocks.len() - 1].0 {
            let (m2, w2, l2) = blocks.pop().expect("two blocks");
            let (m1, w1, l1) = blocks.pop().expect("two blocks");
            blocks.push(((m1 * w1 + m2 * w2) / (w1 + w2), w1 + w2, l1 + l2));
        }
    }
    blocks.into_iter().flat_map(|(m, _, l)| std::iter::repeat_n(m, l)).collect()
}

/// Phase 5: x centres. Each node is pulled to the weighted mean of its neighbours' centres
/// (and to its anchor, with [`ANCHOR_WEIGHT`], where one is given), rank by rank, keeping the
/// order and the spacing exactly: a least-squares fit with order constraints, solved by
/// pool-adjacent-violators.
pub(super) fn place_x(
    layered: &Layered,
    order: &[Vec<usize>],
    anchors: Option<&[Option<f64>]>,
    start: Option<&[f64]>,
) -> Vec<f64> {
    let mut x = vec![0.0f64; layered.rank.len()];
    let anchor = |v: usize| anchors.and_then(|a| a.get(v).copied().flatten());
    // Anchored layouts live in the earlier drawing's coordinates: nothing may go left of its
    // margin (clamping the fit is the best fit with that bound), so the drawing is never
    // shifted as a whole, which would move every node.
    let left_bound = |rank: &[usize]| match (anchors, rank.first()) {
        (Some(_), Some(&first)) => MARGIN + layered.width[first] / 2.0,
        _ => f64::NEG_INFINITY,
    };
    // Minimum centre-to-centre offsets within each rank.
    let offsets: Vec<Vec<f64>> = order
        .iter()
        .map(|rank| {
            let mut offset = 0.0;
            rank.iter()
                .enumerate()
                .map(|(i, &v)| {
                    if i > 0 {
                        offset += layered.width[rank[i - 1]] / 2.0 + NODE_GAP + layered.width[v] / 2.0;
                    }
                    offset
                })
                .collect()
        })
        .collect();
    for (rank, offset) in order.iter().zip(&offsets) {
        let middle = offset.last().copied().unwrap_or(0.0) / 2.0;
        for (&v, &o) in rank.iter().zip(offset) {
            x[v] = start.map_or(o - middle, |s| s[v]);
        }
        if anchors.is_some() {
            // Start where the anchors are (dummies at their place in the packed rank).
            let target: Vec<f64> = rank.iter().zip(offset).map(|(&v, &o)| anchor(v).unwrap_or(x[v]) - o).collect();
            let weights: Vec<f64> =
                rank.iter().map(|&v| if anchor(v).is_some() { ANCHOR_WEIGHT } else { 1e-3 }).collect();
            let bound = left_bound(rank);
            for ((&v, &o), f) in rank.iter().zip(offset).zip(isotonic(&target, &weights)) {
                x[v] = f.max(bound) + o;
            }
        }
    }
    for sweep in 0..sweeps(layered.rank.len(), X_SWEEPS) {
        let downward = sweep % 2 == 0;
        let ranks: Vec<usize> =
            if downward { (1..order.len()).collect() } else { (0..order.len().saturating_sub(1)).rev().collect() };
        for r in ranks {
            let rank = &order[r];
            let mut target = Vec::with_capacity(rank.len());
            let mut weights = Vec::with_capacity(rank.len());
            for (&v, &o) in rank.iter().zip(&offsets[r]) {
                let (mut weight, mut pull) = (0.0, 0.0);
                for &(w, k) in layered.up[v].iter().chain(&layered.down[v]) {
                    weight += k;
                    pull += x[w] * k;
                }
                if let Some(a) = anchor(v) {
                    weight += ANCHOR_WEIGHT;
                    pull += a * ANCHOR_WEIGHT;
                }
                let desired = if weight > 0.0 { pull / weight } else { x[v] };
                target.push(desired - o);
                weights.push(weight.max(1e-3));
            }
            let fitted = isotonic(&target, &weights);
            let bound = left_bound(rank);
            for ((&v, &o), f) in rank.iter().zip(&offsets[r]).zip(fitted) {
                x[v] = f.max(bound) + o;
            }
        }
    }
    x
}

/// x centres of every layered node for the ranks in `order`.
pub(super) fn brandes_koepf(layered: &Layered, order: &[Vec<usize>]) -> Vec<f64> {
    let total = layered.rank.len();
    if total == 0 {
        return Vec::new();
    }
    let n_real = layered.real;
    let mut position = vec![0usize; total];
    for rank in order {
        for (i, &v) in rank.iter().enumerate() {
            position[v] = i;
        }
    }
    let marked = type1_conflicts(layered, order, &position, n_real);
    let mut placements: Vec<Vec<f64>> = Vec::with_capacity(4);
    for downward in [true, false] {
        for leftward in [true, false] {
            // The problem seen from the chosen corner: ranks in the order aligned against,
            // nodes in each rank from the chosen side.
            let ranks: Vec<Vec<usize>> = {
                let mut r: Vec<Vec<usize>> = order
                    .iter()
                    .map(|rank| if leftward { rank.clone() } else { rank.iter().rev().copied().collect() })
                    .collect();
                if !downward {
                    r.reverse();
                }
                r
            };
            let mut pos = vec![0usize; total];
            for rank in &ranks {
                for (i, &v) in rank.iter().enumerate() {
                    pos[v] = i;
                }
            }
            let neighbours = |v: usize| if downward { &layered.up[v] } else { &layered.down[v] };
            let root = align(&ranks, &pos, neighbours, &marked);
            let x = compact(layered, &ranks, &root);
            placements.push(if leftward { x } else { x.into_iter().map(|x| -x).collect() });
        }
    }
    balance(layered, order, placements)
}

/// Marks the segments (upper, lower) that cross a segment between two dummy nodes.
fn type1_conflicts(layered: &Layered, order: &[Vec<usize>], position: &[usize], n_real: usize) -> Vec<(usize, usize)> {
    let is_dummy = |v: usize| v >= n_real;
    let mut marked = Vec::new();
    for pair in order.windows(2) {
        let (upper, lower) = (&pair[0], &pair[1]);
        let mut k0 = 0usize;
        let mut start = 0usize;
        for (l1, &v) in lower.iter().enumerate() {
            let inner =
                if is_dummy(v) { layered.up[v].iter().find(|&&(u, _)| is_dummy(u)).map(|&(u, _)| u) } else { None };
            if l1 + 1 == lower.len() || inner.is_some() {
                let k1 = inner.map_or(upper.len().saturating_sub(1), |u| position[u]);
                for &w in &lower[start..=l1] {
                    for &(u, _) in &layered.up[w] {
                        let k = position[u];
                        if (k < k0 || k > k1) && !(is_dummy(u) && is_dummy(w)) {
                            marked.push((u, w));
                        }
                    }
                }
                start = l1 + 1;
                k0 = k1;
            }
        }
    }
    marked.sort_unstable();
    marked.dedup();
    marked
}

/// Vertical alignment: the root (the block's first node) of every node's block.
fn align<'a>(
    ranks: &[Vec<usize>],
    pos: &[usize],
    neighbours: impl Fn(usize) -> &'a Vec<(usize, f64)>,
    marked: &[(usize, usize)],
) -> Vec<usize> {
    let total = pos.len();
    let mut root: Vec<usize> = (0..total).collect();
    let mut align: Vec<usize> = (0..total).collect();
    let is_marked = |a: usize, b: usize| marked.binary_search(&(a, b)).is_ok() || marked.binary_search(&(b, a)).is_ok();
    let mut sorted: Vec<usize> = Vec::new();
    for rank in ranks.iter().skip(1) {
        // The position of the last alignment made in this rank, in the rank above.
        let mut last: Option<usize> = None;
        for &v in rank {
            sorted.clear();
            sorted.extend(neighbours(v).iter().map(|&(u, _)| u));
            if sorted.is_empty() {
                continue;
            }
            sorted.sort_by_key(|&u| pos[u]);
            sorted.dedup();
            let d = sorted.len();
            for m in [(d - 1) / 2, d / 2] {
                if align[v] != v {
                    break;
                }
                let u = sorted[m];
                if !is_marked(u, v) && last.is_none_or(|r| r < pos[u]) {
                    align[u] = v;
                    root[v] = root[u];
                    align[v] = root[v];
                    last = Some(pos[u]);
                }
            }
        }
    }
    root
}

/// Horizontal compaction: every block as far left as its neighbours in every rank allow.
fn compact(layered: &Layered, ranks: &[Vec<usize>], root: &[usize]) -> Vec<f64> {
    let total = root.len();
    // Separation constraints between blocks: (left root, right root, distance).
    let mut successors: Vec<Vec<(usize, f64)>> = vec![Vec::new(); total];
    let mut indegree = vec![0usize; total];
    for rank in ranks {
        for pair in rank.windows(2) {
            let (u, v) = (pair[0], pair[1]);
            let gap = (layered.width[u] + layered.width[v]) / 2.0 + NODE_GAP;
            successors[root[u]].push((root[v], gap));
            indegree[root[v]] += 1;
        }
    }
    let mut block_x = vec![0.0f64; total];
    let mut queue: Vec<usize> = (0..total).filter(|&v| root[v] == v && indegree[v] == 0).collect();
    let mut head = 0;
    while head < queue.len() {
        let b = queue[head];
        head += 1;
        for &(c, gap) in &successors[b] {
            block_x[c] = block_x[c].max(block_x[b] + gap);
            indegree[c] -= 1;
            if indegree[c] == 0 {
                queue.push(c);
            }
        }
    }
    (0..total).map(|v| block_x[root[v]]).collect()
}

/// The four placements aligned to the narrowest, each node at the mean of its two median
/// coordinates, then fitted back to exact separation in each rank.
fn balance(layered: &Layered, order: &[Vec<usize>], placements: Vec<Vec<f64>>) -> Vec<f64> {
    let total = layered.rank.len();
    let extent = |x: &[f64]| {
        (0..total).fold((f64::INFINITY, f64::NEG_INFINITY), |(lo, hi), v| {
            (lo.min(x[v] - layered.width[v] / 2.0), hi.max(x[v] + layered.width[v] / 2.0))
        })
    };
    let extents: Vec<(f64, f64)> = placements.iter().map(|x| extent(x)).collect();
    let narrowest =
        (0..4).min_by(|&a, &b| (extents[a].1 - extents[a].0).total_cmp(&(extents[b].1 - extents[b].0))).unwrap_or(0);
    let (low, high) = extents[narrowest];
    // Placements 0 and 2 were compacted to the left, 1 and 3 to the right.
    let shifted: Vec<Vec<f64>> = placements
        .iter()
        .enumerate()
        .map(|(k, x)| {
            let delta = if k % 2 == 0 { low - extents[k].0 } else { high - extents[k].1 };
            x.iter().map(|x| x + delta).collect()
        })
        .collect();
    let mut x: Vec<f64> = (0..total)
        .map(|v| {
            let mut values = [shifted[0][v], shifted[1][v], shifted[2][v], shifted[3][v]];
            values.sort_by(f64::total_cmp);
            (values[1] + values[2]) / 2.0
        })
        .collect();
    // Averaging can bring neighbours closer than their separation: the closest placement
    // (least squares) that keeps the order and the separation.
    for rank in order {
        let mut offset = 0.0;
        let offsets: Vec<f64> = rank
            .iter()
            .enumerate()
            .map(|(i, &v)| {
                if i > 0 {
                    offset += (layered.width[rank[i - 1]] + layered.width[v]) / 2.0 + NODE_GAP;
                }
                offset
            })
            .collect();
        let target: Vec<f64> = rank.iter().zip(&offsets).map(|(&v, o)| x[v] - o).collect();
        let fitted = isotonic(&target, &vec![1.0; rank.len()]);
        for ((&v, o), f) in rank.iter().zip(&offsets).zip(fitted) {
            x[v] = f + o;
        }
    }
    x
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn isotonic_fit_keeps_the_order() {
        assert_eq!(isotonic(&[1.0, 3.0, 2.0], &[1.0, 1.0, 1.0]), vec![1.0, 2.5, 2.5]);
    }
}
