//! Layered (top-to-bottom) layout of a directed graph, for the process map, after Graphviz
//! dot's design (implemented from the papers, not from dot's code):
//! 1. **Cycles** ([`rank`]): a depth-first search from the first node, following heavier edges
//!    first; an edge back to a node still on the search stack (a rework loop) is reversed for
//!    the layout and drawn upwards. Self-loops are drawn as side loops.
//! 2. **Ranks** ([`rank`]): network simplex (Gansner et al. 1993), edges weighted by the
//!    logarithm of their frequency, rare edges only keeping their direction; the first node
//!    alone on top, the last alone at the bottom.
//! 3. **Dummy nodes** (`layered`): an edge spanning several ranks passes through one dummy node
//!    per rank in between; the middle one is as wide as the edge's label and carries it, so
//!    labels never sit on a node.
//! 4. **Order** (`order`): two starting orders (breadth-first from the top and from the
//!    bottom), each improved by weighted median sweeps with transposition (equal swaps allowed
//!    every other pair of sweeps, as dot), crossings counted by Barth-Juenger-Mutzel; the best
//!    order is kept. A work budget (counted in edge visits, not time, so results never vary)
//!    bounds very large maps.
//! 5. **x** (`place`): each node is pulled to the weighted mean of its neighbours' centres,
//!    rank by rank, with the order and spacing kept exactly (a least-squares fit with order
//!    constraints, solved by pool-adjacent-violators); long edges pull 8 times harder, so they
//!    run straight. Brandes-Koepf ([`place`], [`Placement::BrandesKoepf`]) is built too and
//!    measured worse on the fixtures (`scripts/layout-reference.sh`); the fit also takes
//!    anchors, which stability needs.
//! 6. **Edges** (`route`): runs of a long edge's dummy nodes that can share one x are given it,
//!    so long edges run straight and bend only where neighbours force them. Each edge leaves
//!    its upper box and enters its lower box at a port; the ports of a box are spread along its
//!    side in the order of the nodes they lead to, so edges at a box do not cross. The curve
//!    leaves and arrives vertically, passes each rank that holds boxes straight down at its
//!    dummy's x, and bends smoothly between ranks ([`EdgeRoute::bezier_pieces`]): it never cuts
//!    a box.
//! 7. **Stability** ([`layout_stable`]): a simplification of a graph is laid out with the
//!    ranks, orders and x of the full graph's layout as anchors; only transposition of the
//!    long edges and x-placement run, so the nodes that stay keep their places.
//!
//! The output is plain data and deterministic: the same graph gives the same layout.
//!
//! The data in and out ([`Graph`], [`Layout`], [`Anchor`], ...) is defined in `types`, one
//! module per phase holds its code, and [`quality`] measures drawings (crossings, area,
//! overlaps, stability) for the tests and the reference table. The seeded sample graphs of the
//! tests and benchmarks (`sample`) are built only for tests and with the `fixtures` feature.

use self::layered::add_dummies;
use self::order::order_ranks;
use self::place::place_x;
use self::route::{finish, straighten};
pub use self::types::{Anchor, CORRIDOR_SLOPE, EdgeRoute, EdgeSpec, Graph, Layout, NodeSize, Placement, Point, Rect};

mod layered;
mod order;
mod place;
pub mod quality;
mod rank;
mod route;
#[cfg(any(test, feature = "fixtures"))]
pub mod sample;
mod stable;
mod types;

/// Most exchanges of the network simplex (ranking).
const PIVOTS: usize = 2_000;

/// Lays out `graph`.
pub fn layout(graph: &Graph) -> Layout {
    layout_with(graph, Placement::default())
}

/// Lays out `graph` with the given x-placement.
pub fn layout_with(graph: &Graph, placement: Placement) -> Layout {
    let reversed = rank::break_cycles(graph);
    let rank = rank::ranks(graph, &reversed, PIVOTS);
    let layered = add_dummies(graph, &reversed, &rank);
    let order = order_ranks(&layered, graph);
    let x = match placement {
        Placement::LeastSquares => place_x(&layered, &order, None, None),
        Placement::BrandesKoepf => place::brandes_koepf(&layered, &order),
        Placement::BrandesKoepfRefined => {
            let start = place::brandes_koepf(&layered, &order);
            place_x(&layered, &order, None, Some(&start))
        }
    };
    let x = straighten(&layered, &order, x);
    finish(graph, &reversed, &layered, &order, &x, false)
}

/// Lays out `graph` keeping its nodes where an earlier layout put them (`anchors`, one per
/// node; typically the layout of the full map, of which `graph` is a simplification). Only the
/// cheap phases run: nodes keep their ranks (a node moves down only where an edge would
/// otherwise be flat), nodes keep their left-to-right order in each rank,
/// long edges find their way between them by transposition, and x-placement pulls every node
/// to its anchor. Without an anchor for every node, this is [`layout`].
pub fn layout_stable(graph: &Graph, anchors: &[Option<Anchor>]) -> Layout {
    match anchors.iter().copied().collect::<Option<Vec<Anchor>>>().filter(|a| a.len() == graph.nodes.len()) {
        Some(anchors) => stable::anchored(graph, &anchors),
        None => layout(graph),
    }
}

#[cfg(test)]
mod tests {
    use super::sample::graph;
    use super::*;

    fn overlaps(a: &Rect, b: &Rect) -> bool {
        a.x < b.x + b.width && b.x < a.x + a.width && a.y < b.y + b.height && b.y < a.y + a.height
    }

    #[test]
    fn start_on_top_end_at_the_bottom_and_no_overlaps() {
        // start -> a -> b -> end, b -> a (rework), a -> a (self-loop), a -> end.
        let g = graph(&[(0, 1, 10.0), (1, 2, 8.0), (2, 3, 8.0), (2, 1, 3.0), (1, 1, 2.0), (1, 3, 2.0)], 4);
        let layout = layout(&g);
        let top = |i: usize| layout.nodes[i].y;
        assert!(top(0) < top(1) && top(1) < top(2) && top(2) < top(3));
        for i in 0..4 {
            for j in i + 1..4 {
                assert!(!overlaps(&layout.nodes[i], &layout.nodes[j]), "{i} and {j} overlap");
            }
        }
        assert!(layout.edges[3].reversed, "the rework edge goes up");
        assert!(!layout.edges[1].reversed);
        // The rework edge is drawn from b (below) to a (above).
        let rework = &layout.edges[3].points;
        assert!(rework[0].y > rework[rework.len() - 1].y);
        assert_eq!(layout, super::layout(&g), "the same graph gives the same layout");
        assert!(layout.edges.iter().all(|e| e.svg_path().starts_with('M')));
    }

    #[test]
    fn a_long_edge_carries_its_label_between_the_ranks() {
        let g = graph(&[(0, 1, 5.0), (1, 2, 5.0), (2, 3, 5.0), (0, 3, 1.0)], 4);
        let layout = layout(&g);
        let label = layout.edges[3].label;
        for r in &layout.nodes {
            let inside = label.x > r.x - 15.0
                && label.x < r.x + r.width + 15.0
                && label.y > r.y - 7.0
                && label.y < r.y + r.height + 7.0;
            assert!(!inside, "the label at {label:?} is on the node {r:?}");
        }
    }
}
