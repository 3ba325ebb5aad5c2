//! Layered (top-to-bottom) layout of a directed graph, for the process map, after Graphviz
//! dot's design (implemented from the papers, not from dot's code):
//! 1. **Cycles** ([`rank`]): a depth-first search from the first node, following heavier edges
//!    first; an edge back to a node still on the search stack (a rework loop) is reversed for
//!    the layout and drawn upwards. Self-loops are drawn as side loops.
//! 2. **Ranks** ([`rank`]): network simplex (Gansner et al. 1993), edges weighted by the
//!    logarithm of their frequency, rare edges only keeping their direction; the first node
//!    alone on top, the last alone at the bottom.
//! 3. **Dummy nodes**: an edge spanning several ranks passes through one dummy node per rank
//!    in between; the middle one is as wide as the edge's label and carries it, so labels
//!    never sit on a node.
//! 4. **Order**: two starting orders (breadth-first from the top and from the bottom), each
//!    improved by weighted median sweeps with transposition (equal swaps allowed every other
//!    pair of sweeps, as dot), crossings counted by Barth-Juenger-Mutzel; the best order is
//!    kept. A work budget (counted in edge visits, not time, so results never vary) bounds
//!    very large maps.
//! 5. **x**: each node is pulled to the weighted mean of its neighbours' centres, rank by rank,
//!    with the order and spacing kept exactly (a least-squares fit with order constraints,
//!    solved by pool-adjacent-violators); long edges pull 8 times harder, so they run straight.
//!    Brandes-Koepf ([`place`], [`Placement::BrandesKoepf`]) is built too and measured worse
//!    on the fixtures (`scripts/layout-reference.sh`); the fit also takes anchors, which
//!    stability needs.
//! 6. **Edges**: runs of a long edge's dummy nodes that can share one x are given it, so long
//!    edges run straight and bend only where neighbours force them. Each edge leaves its upper
//!    box and enters its lower box at a port; the ports of a box are spread along its side in
//!    the order of the nodes they lead to, so edges at a box do not cross. The curve leaves
//!    and arrives vertically, passes each rank that holds boxes straight down at its dummy's
//!    x, and bends smoothly between ranks ([`EdgeRoute::bezier_pieces`]): it never cuts a box.
//! 7. **Stability** ([`layout_stable`]): a simplification of a graph is laid out with the
//!    ranks, orders and x of the full graph's layout as anchors; only transposition of the
//!    long edges and x-placement run, so the nodes that stay keep their places.
//!
//! The output is plain data and deterministic: the same graph gives the same layout.

use serde::{Deserialize, Serialize};

mod place;
pub mod quality;
mod rank;
pub mod sample;

/// A node to place: its box size.
#[derive(Debug, Clone, Copy, PartialEq, Serialize, Deserialize)]
pub struct NodeSize {
    /// Width.
    pub width: f64,
    /// Height.
    pub height: f64,
}

/// An edge to route.
#[derive(Debug, Clone, Copy, PartialEq, Serialize, Deserialize)]
pub struct EdgeSpec {
    /// Source node index.
    pub from: usize,
    /// Target node index.
    pub to: usize,
    /// Weight (frequency): heavier edges are kept straight and forward.
    pub weight: f64,
    /// Size of the edge's label box.
    pub label: NodeSize,
}

/// The graph to lay out.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub struct Graph {
    /// Nodes.
    pub nodes: Vec<NodeSize>,
    /// Edges.
    pub edges: Vec<EdgeSpec>,
    /// The node placed first (Start), if any.
    pub first: Option<usize>,
    /// The node placed last (End), if any.
    pub last: Option<usize>,
}

/// A point.
#[derive(Debug, Clone, Copy, PartialEq, Serialize, Deserialize)]
pub struct Point {
    /// x.
    pub x: f64,
    /// y.
    pub y: f64,
}

/// A box, by its top-left corner.
#[derive(Debug, Clone, Copy, PartialEq, Serialize, Deserialize)]
pub struct Rect {
    /// Left.
    pub x: f64,
    /// Top.
    pub y: f64,
    /// Width.
    pub width: f64,
    /// Height.
    pub height: f64,
}

impl Rect {
    /// The centre.
    pub fn center(&self) -> Point {
        Point { x: self.x + self.width / 2.0, y: self.y + self.height / 2.0 }
    }
}

/// How an edge is drawn.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct EdgeRoute {
    /// The points the curve passes through, from the source to the target.
    pub points: Vec<Point>,
    /// Centre of the label.
    pub label: Point,
    /// Whether the edge was reversed to break a cycle (it is drawn upwards).
    pub reversed: bool,
}

impl EdgeRoute {
    /// The curve through the points as cubic Bezier pieces `[from, control, control, to]`:
    /// it leaves the first point and reaches the last one vertically (ports on a box's top or
    /// bottom side) and passes smoothly through the points between (a Catmull-Rom spline whose
    /// slope there is limited to [`CORRIDOR_SLOPE`]).
    pub fn bezier_pieces(&self) -> Vec<[Point; 4]> {
        let p = &self.points;
        let last = p.len().saturating_sub(1);
        let tangent = |i: usize| -> (f64, f64) {
            if i == 0 {
                (0.0, p[1].y - p[0].y)
            } else if i == last {
                (0.0, p[last].y - p[last - 1].y)
            } else {
                // Through a dummy node the curve stays steep, so that within its rank it keeps
                // to its corridor between the boxes.
                let (tx, ty) = ((p[i + 1].x - p[i - 1].x) / 2.0, (p[i + 1].y - p[i - 1].y) / 2.0);
                (tx.clamp(-CORRIDOR_SLOPE * ty.abs(), CORRIDOR_SLOPE * ty.abs()), ty)
            }
        };
        (0..last)
            .map(|i| {
                let (t0, t1) = (tangent(i), tangent(i + 1));
                let (a, b) = (p[i], p[i + 1]);
                [
                    a,
                    Point { x: a.x + t0.0 / 3.0, y: a.y + t0.1 / 3.0 },
                    Point { x: b.x - t1.0 / 3.0, y: b.y - t1.1 / 3.0 },
                    b,
                ]
            })
            .collect()
    }

    /// An SVG path (`M ... C ...`) of the [pieces](Self::bezier_pieces).
    pub fn svg_path(&self) -> String {
        let mut d = String::new();
        let Some(first) = self.points.first() else { return d };
        d.push_str(&format!("M{:.1},{:.1}", first.x, first.y));
        for [_, c1, c2, to] in self.bezier_pieces() {
            d.push_str(&format!(" C{:.1},{:.1} {:.1},{:.1} {:.1},{:.1}", c1.x, c1.y, c2.x, c2.y, to.x, to.y));
        }
        d
    }
}

/// A finished layout: boxes in node order, routes in edge order, and the drawing's size.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Layout {
    /// Node boxes.
    pub nodes: Vec<Rect>,
    /// Edge routes.
    pub edges: Vec<EdgeRoute>,
    /// Width of the drawing.
    pub width: f64,
    /// Height of the drawing.
    pub height: f64,
    /// Each node's rank (row), from 0 at the top.
    pub ranks: Vec<usize>,
}

/// Most horizontal run per vertical rise of a curve where it passes a dummy node: steep
/// enough to stay in the corridor between the boxes of that rank.
pub const CORRIDOR_SLOPE: f64 = 0.5;
/// Horizontal gap between boxes in a rank.
const NODE_GAP: f64 = 28.0;
/// Vertical gap between ranks (room for the edges and their labels).
const RANK_GAP: f64 = 56.0;
/// Margin around the drawing.
const MARGIN: f64 = 24.0;
/// Width of a dummy node that carries no label.
const DUMMY_WIDTH: f64 = 12.0;
/// How far a self-loop reaches right of its box.
const SELF_LOOP: f64 = 22.0;
/// Most exchanges of the network simplex (ranking).
const PIVOTS: usize = 2_000;
/// Most median sweeps per start of the ordering phase (as dot).
const ORDER_SWEEPS: usize = 24;
/// Sweeps without a gain of at least 0.5 % after which the ordering stops (dot waits 8; 6 gave
/// the same crossings on every fixture of `scripts/layout-reference.sh`, a third faster).
const MIN_QUIT: usize = 6;
const CONVERGENCE: f64 = 0.995;
/// Most passes of transposition after each sweep (6 gave more crossings on the larger fixtures
/// than 4: the median sweeps that follow do better from a less polished order).
const TRANSPOSE_PASSES: usize = 4;
/// The ordering's work budget, in visits of layered edges: large maps get fewer sweeps, so
/// the result is the best found within the budget (and the same on every run).
const ORDER_WORK: usize = 1_000_000;
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

struct Layered {
    /// Nodes below this index are the graph's; the rest are dummies.
    real: usize,
    rank: Vec<usize>,
    width: Vec<f64>,
    /// (node, weight) neighbours in the rank above and below.
    up: Vec<Vec<(usize, f64)>>,
    down: Vec<Vec<(usize, f64)>>,
    /// The chain of layered nodes of each original edge, top to bottom.
    chains: Vec<Vec<usize>>,
    label_node: Vec<Option<usize>>,
}

/// How x-coordinates are found in a fresh layout.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Serialize, Deserialize)]
pub enum Placement {
    /// Each node pulled to its neighbours, order and spacing kept (least squares): the default,
    /// because it gives the smaller drawings with fewer crossings on the fixtures.
    #[default]
    LeastSquares,
    /// Brandes and Koepf's four alignments, balanced ([`place`]); kept to compare against.
    BrandesKoepf,
    /// Brandes and Koepf's placement as the start of the least-squares sweeps.
    BrandesKoepfRefined,
}

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

/// Where a node sat in an earlier layout: its rank and the x of its centre.
#[derive(Debug, Clone, Copy, PartialEq, Serialize, Deserialize)]
pub struct Anchor {
    /// Rank (row).
    pub rank: usize,
    /// x of the centre.
    pub x: f64,
}

impl Layout {
    /// Each node's place, to lay out a part of this graph with [`layout_stable`].
    pub fn anchors(&self) -> Vec<Anchor> {
        self.nodes.iter().zip(&self.ranks).map(|(r, &rank)| Anchor { rank, x: r.center().x }).collect()
    }
}

/// Lays out `graph` keeping its nodes where an earlier layout put them (`anchors`, one per
/// node; typically the layout of the full map, of which `graph` is a simplification). Only the
/// cheap phases run: nodes keep their ranks (a node moves down only where an edge would
/// otherwise be flat), nodes keep their left-to-right order in each rank,
/// long edges find their way between them by transposition, and x-placement pulls every node
/// to its anchor. Without an anchor for every node, this is [`layout`].
pub fn layout_stable(graph: &Graph, anchors: &[Option<Anchor>]) -> Layout {
    let n = graph.nodes.len();
    let Some(anchors) = anchors.iter().copied().collect::<Option<Vec<Anchor>>>().filter(|a| a.len() == n) else {
        return layout(graph);
    };
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

/// Phases 5 and 6 for a layered, ordered, placed graph: y by rank, ports, curves and labels.
/// `anchored` layouts keep their coordinates (no shift to the margin unless something would
/// leave the drawing).
fn finish(
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
fn straighten(layered: &Layered, order: &[Vec<usize>], mut x: Vec<f64>) -> Vec<f64> {
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

fn directed(edge: &EdgeSpec, reversed: bool) -> (usize, usize) {
    if reversed { (edge.to, edge.from) } else { (edge.from, edge.to) }
}

fn add_dummies(graph: &Graph, reversed: &[bool], rank: &[usize]) -> Layered {
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

/// Crossings between two adjacent ranks (`upper` above a rank of `lower_len` nodes), counted
/// by Barth, Juenger and Mutzel's accumulator tree in O(e log n): the edges sorted by their
/// upper end, every pair whose lower ends come in the other order crosses.
/// Buffers the crossing counter reuses from one pair of ranks to the next.
#[derive(Default)]
struct Scratch {
    ends: Vec<usize>,
    tree: Vec<u64>,
}

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

fn set_positions(order: &[Vec<usize>], position: &mut [usize]) {
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
fn transpose(
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

/// Phase 3: the order within each rank. Two starts (from the top and from the bottom), each
/// improved by median sweeps with transposition; the one with fewer crossings wins. Both
/// share one work budget: a very large map gets fewer sweeps (the second start perhaps none
/// beyond its first transposition), and the best order found within the budget is kept. The
/// budget counts work, not time, so the result is the same on every run and machine.
fn order_ranks(layered: &Layered, graph: &Graph) -> Vec<Vec<usize>> {
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

/// Phase 4: x centres. Each node is pulled to the weighted mean of its neighbours' centres
/// (and to its anchor, with [`ANCHOR_WEIGHT`], where one is given), rank by rank, keeping the
/// order and the spacing exactly: a least-squares fit with order constraints, solved by
/// pool-adjacent-violators.
fn place_x(
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

#[cfg(test)]
pub(crate) mod tests {
    use super::*;

    /// A graph of `n` same-sized nodes (0 first, `n - 1` last) with the given weighted edges.
    pub(crate) fn graph(edges: &[(usize, usize, f64)], n: usize) -> Graph {
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

    #[test]
    fn isotonic_fit_keeps_the_order() {
        assert_eq!(isotonic(&[1.0, 3.0, 2.0], &[1.0, 1.0, 1.0]), vec![1.0, 2.5, 2.5]);
    }
}
