//! Layered (top-to-bottom) layout of a directed graph, for the process map.
//!
//! This is the first version of the layout: the phases of Graphviz dot's design, each in a
//! simple form:
//! 1. **Cycles**: a depth-first search from the first node, following heavier edges first;
//!    an edge back to a node still on the search stack (a rework loop) is reversed for the
//!    layout and drawn upwards. Self-loops are drawn as side loops.
//! 2. **Ranks**: longest-path layering from the sources; the last node (End) gets a rank of
//!    its own below all others.
//! 3. **Dummy nodes**: an edge spanning several ranks passes through one dummy node per rank
//!    in between; the middle one is as wide as the edge's label and carries it, so labels
//!    never sit on a node.
//! 4. **Order**: weighted barycenter sweeps down and up, keeping the order with the fewest
//!    crossings.
//! 5. **x**: each node is pulled to the weighted mean of its neighbours' centres, rank by rank,
//!    with the order and spacing kept exactly (a least-squares fit with order constraints,
//!    solved by pool-adjacent-violators).
//! 6. **Edges** are smooth curves through their dummy nodes ([`EdgeRoute::svg_path`]).
//!
//! The output is plain data and deterministic: the same graph gives the same layout.

use serde::{Deserialize, Serialize};

pub mod quality;
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
    /// The curve through the points as cubic Bezier pieces `[from, control, control, to]`
    /// (Catmull-Rom splines).
    pub fn bezier_pieces(&self) -> Vec<[Point; 4]> {
        let p = &self.points;
        (0..p.len().saturating_sub(1))
            .map(|i| {
                let p0 = if i == 0 { p[i] } else { p[i - 1] };
                let (p1, p2) = (p[i], p[i + 1]);
                let p3 = if i + 2 < p.len() { p[i + 2] } else { p2 };
                let c1 = Point { x: p1.x + (p2.x - p0.x) / 6.0, y: p1.y + (p2.y - p0.y) / 6.0 };
                let c2 = Point { x: p2.x - (p3.x - p1.x) / 6.0, y: p2.y - (p3.y - p1.y) / 6.0 };
                [p1, c1, c2, p2]
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
}

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
/// Sweeps of the ordering phase.
const ORDER_SWEEPS: usize = 12;
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
    rank: Vec<usize>,
    width: Vec<f64>,
    /// (node, weight) neighbours in the rank above and below.
    up: Vec<Vec<(usize, f64)>>,
    down: Vec<Vec<(usize, f64)>>,
    /// The chain of layered nodes of each original edge, top to bottom.
    chains: Vec<Vec<usize>>,
    label_node: Vec<Option<usize>>,
}

/// Lays out `graph`.
pub fn layout(graph: &Graph) -> Layout {
    let n = graph.nodes.len();
    let reversed = break_cycles(graph);
    let rank = ranks(graph, &reversed);
    let layered = add_dummies(graph, &reversed, &rank);
    let ranks_count = layered.rank.iter().max().map_or(0, |r| r + 1);
    let order = order_ranks(&layered, ranks_count, graph);
    let x = place_x(&layered, &order);
    // y: each rank as tall as its tallest box.
    let mut rank_height = vec![0.0f64; ranks_count];
    for v in 0..n {
        rank_height[rank[v]] = rank_height[rank[v]].max(graph.nodes[v].height);
    }
    let mut rank_top = vec![MARGIN; ranks_count];
    for r in 1..ranks_count {
        rank_top[r] = rank_top[r - 1] + rank_height[r - 1] + RANK_GAP;
    }
    let min_x = (0..layered.rank.len()).map(|v| x[v] - layered.width[v] / 2.0).fold(f64::INFINITY, f64::min);
    let shift = if min_x.is_finite() { MARGIN - min_x } else { 0.0 };
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
            // Back edges leave and enter off-centre, so they do not share ports with the
            // forward edges.
            let offset = if reversed[i] { 0.3 } else { 0.0 };
            let mut points = vec![Point { x: top.x + top.width * (0.5 + offset), y: top.y + top.height }];
            // One point per dummy node: the curve passes through the middle of its corridor.
            points.extend(chain[1..chain.len() - 1].iter().map(|&d| Point { x: x[d] + shift, y: center_y(d) }));
            points.push(Point { x: bottom.x + bottom.width * (0.5 + offset), y: bottom.y });
            let label = match layered.label_node[i] {
                Some(d) => Point { x: x[d] + shift, y: center_y(d) },
                None => {
                    let (a, b) = (points[0], points[points.len() - 1]);
                    Point {
                        x: (a.x + b.x) / 2.0 + if reversed[i] { edge.label.width / 2.0 + 4.0 } else { 0.0 },
                        y: (a.y + b.y) / 2.0,
                    }
                }
            };
            if reversed[i] {
                points.reverse();
            }
            EdgeRoute { points, label, reversed: reversed[i] }
        })
        .collect();
    let height = rank_top.last().map_or(MARGIN, |t| t + rank_height[ranks_count - 1]) + MARGIN;
    Layout { nodes, edges, width: max_x + MARGIN, height }
}

/// Marks the edges to reverse: back edges of a depth-first search from the first node,
/// heavier edges first. Self-loops are never reversed.
fn break_cycles(graph: &Graph) -> Vec<bool> {
    let n = graph.nodes.len();
    let mut out: Vec<Vec<usize>> = vec![Vec::new(); n];
    for (i, e) in graph.edges.iter().enumerate() {
        if e.from != e.to {
            out[e.from].push(i);
        }
    }
    for edges in &mut out {
        edges.sort_by(|&a, &b| graph.edges[b].weight.total_cmp(&graph.edges[a].weight).then(a.cmp(&b)));
    }
    let mut state = vec![0u8; n]; // 0 new, 1 on stack, 2 done
    let mut reversed = vec![false; graph.edges.len()];
    let roots = graph.first.into_iter().chain(0..n).filter(|&v| Some(v) != graph.last).chain(graph.last);
    for root in roots {
        if state[root] != 0 {
            continue;
        }
        let mut stack = vec![(root, 0usize)];
        state[root] = 1;
        while let Some(&mut (v, ref mut next)) = stack.last_mut() {
            if let Some(&i) = out[v].get(*next) {
                *next += 1;
                let w = graph.edges[i].to;
                match state[w] {
                    0 => {
                        state[w] = 1;
                        stack.push((w, 0));
                    }
                    1 => reversed[i] = true,
                    _ => {}
                }
            } else {
                state[v] = 2;
                stack.pop();
            }
        }
    }
    // Edges into the first node or out of the last always point the other way.
    for (i, e) in graph.edges.iter().enumerate() {
        if e.from != e.to && (Some(e.to) == graph.first || Some(e.from) == graph.last) {
            reversed[i] = true;
        }
    }
    reversed
}

fn directed(edge: &EdgeSpec, reversed: bool) -> (usize, usize) {
    if reversed { (edge.to, edge.from) } else { (edge.from, edge.to) }
}

/// Longest-path ranks of the acyclic graph; the last node below every other.
fn ranks(graph: &Graph, reversed: &[bool]) -> Vec<usize> {
    let n = graph.nodes.len();
    let mut indegree = vec![0usize; n];
    let mut out: Vec<Vec<usize>> = vec![Vec::new(); n];
    for (i, e) in graph.edges.iter().enumerate() {
        if e.from != e.to {
            let (a, b) = directed(e, reversed[i]);
            out[a].push(b);
            indegree[b] += 1;
        }
    }
    let mut rank = vec![0usize; n];
    let mut queue: Vec<usize> = (0..n).filter(|&v| indegree[v] == 0).collect();
    let mut head = 0;
    while head < queue.len() {
        let v = queue[head];
        head += 1;
        for &w in &out[v] {
            rank[w] = rank[w].max(rank[v] + 1);
            indegree[w] -= 1;
            if indegree[w] == 0 {
                queue.push(w);
            }
        }
    }
    if let Some(last) = graph.last {
        let below = (0..n).filter(|&v| v != last).map(|v| rank[v] + 1).max().unwrap_or(0);
        rank[last] = below;
    }
    rank
}

fn add_dummies(graph: &Graph, reversed: &[bool], rank: &[usize]) -> Layered {
    let n = graph.nodes.len();
    let mut layered = Layered {
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
fn crossings(layered: &Layered, upper: &[usize], lower_len: usize, position: &[usize]) -> u64 {
    let mut ends: Vec<(usize, usize)> = Vec::new();
    for &u in upper {
        for &(w, _) in &layered.down[u] {
            ends.push((position[u], position[w]));
        }
    }
    ends.sort_unstable();
    let mut leaves = 1;
    while leaves < lower_len.max(1) {
        leaves *= 2;
    }
    let mut tree = vec![0u64; 2 * leaves - 1];
    let mut count = 0;
    for &(_, w) in &ends {
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
    order.windows(2).map(|pair| crossings(layered, &pair[0], pair[1].len(), position)).sum()
}

fn order_ranks(layered: &Layered, ranks_count: usize, graph: &Graph) -> Vec<Vec<usize>> {
    let total = layered.rank.len();
    let mut order: Vec<Vec<usize>> = vec![Vec::new(); ranks_count];
    // Initial order: breadth-first from the top, so related nodes start close together.
    let mut seen = vec![false; total];
    let mut queue: Vec<usize> = graph.first.into_iter().chain(0..total).collect();
    let mut head = 0;
    while head < queue.len() {
        let v = queue[head];
        head += 1;
        if seen[v] {
            continue;
        }
        seen[v] = true;
        order[layered.rank[v]].push(v);
        let mut next: Vec<(usize, f64)> = layered.down[v].clone();
        next.sort_by(|a, b| b.1.total_cmp(&a.1).then(a.0.cmp(&b.0)));
        queue.extend(next.into_iter().map(|(w, _)| w));
    }
    let mut position = vec![0usize; total];
    let set_positions = |order: &[Vec<usize>], position: &mut [usize]| {
        for rank in order {
            for (i, &v) in rank.iter().enumerate() {
                position[v] = i;
            }
        }
    };
    set_positions(&order, &mut position);
    let mut best = order.clone();
    let mut best_crossings = total_crossings(layered, &order, &position);
    for sweep in 0..sweeps(total, ORDER_SWEEPS) {
        let downward = sweep % 2 == 0;
        let ranks: Vec<usize> =
            if downward { (1..ranks_count).collect() } else { (0..ranks_count.saturating_sub(1)).rev().collect() };
        for r in ranks {
            let keyed: Vec<(f64, usize)> = order[r]
                .iter()
                .enumerate()
                .map(|(i, &v)| {
                    let neighbours = if downward { &layered.up[v] } else { &layered.down[v] };
                    let weight: f64 = neighbours.iter().map(|n| n.1).sum();
                    let key = if weight > 0.0 {
                        neighbours.iter().map(|&(w, k)| position[w] as f64 * k).sum::<f64>() / weight
                    } else {
                        i as f64
                    };
                    (key, v)
                })
                .collect();
            let mut keyed = keyed;
            keyed.sort_by(|a, b| a.0.total_cmp(&b.0).then(position[a.1].cmp(&position[b.1])));
            order[r] = keyed.into_iter().map(|(_, v)| v).collect();
            for (i, &v) in order[r].iter().enumerate() {
                position[v] = i;
            }
        }
        let count = total_crossings(layered, &order, &position);
        if count < best_crossings {
            best_crossings = count;
            best = order.clone();
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

fn place_x(layered: &Layered, order: &[Vec<usize>]) -> Vec<f64> {
    let mut x = vec![0.0f64; layered.rank.len()];
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
            x[v] = o - middle;
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
                let desired = if weight > 0.0 { pull / weight } else { x[v] };
                target.push(desired - o);
                weights.push(weight.max(1e-3));
            }
            let fitted = isotonic(&target, &weights);
            for ((&v, &o), f) in rank.iter().zip(&offsets[r]).zip(fitted) {
                x[v] = f + o;
            }
        }
    }
    x
}

#[cfg(test)]
mod tests {
    use super::*;

    fn graph(edges: &[(usize, usize, f64)], n: usize) -> Graph {
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
        assert_eq!(crossings(&layered, &(0..top).collect::<Vec<_>>(), bottom, &position), brute);
    }

    #[test]
    fn isotonic_fit_keeps_the_order() {
        assert_eq!(isotonic(&[1.0, 3.0, 2.0], &[1.0, 1.0, 1.0]), vec![1.0, 2.5, 2.5]);
    }
}
