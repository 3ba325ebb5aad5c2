//! Phases 1 and 2: which edges point upwards (cycles broken), and the rank of every node.
//!
//! Ranks come from the network simplex of Gansner, Koutsofios, North and Vo ("A technique
//! for drawing directed graphs", 1993): the ranks that minimise the sum over all edges of
//! weight x length, every edge at least one rank long. It starts from a feasible spanning tree
//! of tight edges, and while a tree edge has a negative cut value it swaps that edge for the
//! non-tree edge of least slack that reconnects the tree, which moves a whole subtree closer.

use super::types::Graph;

/// Marks the edges to reverse: back edges of a depth-first search from the first node,
/// heavier edges first, so the rework loops (rarer than the flow they leave) point back.
/// Self-loops are never reversed; edges into the first node or out of the last always are.
pub(super) fn break_cycles(graph: &Graph) -> Vec<bool> {
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
    let mut state = vec![0u8; n]; // 0 new, 1 on the stack, 2 done
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
    for (i, e) in graph.edges.iter().enumerate() {
        if e.from != e.to && (Some(e.to) == graph.first || Some(e.from) == graph.last) {
            reversed[i] = true;
        }
    }
    reversed
}

/// An edge of the ranking problem: `to` at least `minlen` ranks below `from`.
#[derive(Debug, Clone, Copy)]
struct Constraint {
    from: usize,
    to: usize,
    minlen: i64,
    weight: f64,
}

/// Ranks of the nodes: network simplex on the edges as directed (`reversed`), weighted by the
/// logarithm of their frequency, edges of less than 1 % of the heaviest edge's frequency with
/// weight 0 (they only keep their direction, as bupaR's "process highway" does). The first
/// node is alone on rank 0 and the last alone on the last rank. At most `pivots` exchanges
/// (the result is feasible at any point; more pivots only make edges shorter).
pub(super) fn ranks(graph: &Graph, reversed: &[bool], pivots: usize) -> Vec<usize> {
    let n = graph.nodes.len();
    if n == 0 {
        return Vec::new();
    }
    let heaviest = graph.edges.iter().map(|e| e.weight).fold(0.0, f64::max);
    let mut constraints: Vec<Constraint> = Vec::new();
    for (i, e) in graph.edges.iter().enumerate() {
        if e.from == e.to {
            continue;
        }
        let (from, to) = if reversed[i] { (e.to, e.from) } else { (e.from, e.to) };
        let weight = if e.weight < heaviest / 100.0 { 0.0 } else { libm::log(1.0 + e.weight.max(1.0)) };
        constraints.push(Constraint { from, to, minlen: 1, weight });
    }
    // The first node above, the last below everything else; weight 0, so they only constrain.
    for v in 0..n {
        if let Some(first) = graph.first.filter(|&f| f != v) {
            constraints.push(Constraint { from: first, to: v, minlen: 1, weight: 0.0 });
        }
        if let Some(last) = graph.last.filter(|&l| l != v) {
            constraints.push(Constraint { from: v, to: last, minlen: 1, weight: 0.0 });
        }
    }
    // Parallel constraints become one: the weights add up, the longest minimum length holds.
    constraints.sort_by_key(|c| (c.from, c.to));
    let mut merged: Vec<Constraint> = Vec::with_capacity(constraints.len());
    for c in constraints {
        match merged.last_mut() {
            Some(last) if (last.from, last.to) == (c.from, c.to) => {
                last.weight += c.weight;
                last.minlen = last.minlen.max(c.minlen);
            }
            _ => merged.push(c),
        }
    }
    let mut simplex = Simplex::new(n, merged);
    simplex.solve(pivots);
    let low = simplex.rank.iter().copied().min().unwrap_or(0);
    simplex.rank.iter().map(|&r| (r - low) as usize).collect()
}

/// The network simplex's state.
struct Simplex {
    n: usize,
    edges: Vec<Constraint>,
    /// Edges at each node (in and out).
    incident: Vec<Vec<usize>>,
    rank: Vec<i64>,
    in_tree: Vec<bool>,
    /// Per node: the tree edge to its parent (none at the root).
    parent_edge: Vec<Option<usize>>,
    /// Per node: postorder number of the node and the least one in its subtree.
    lim: Vec<usize>,
    low: Vec<usize>,
    cut: Vec<f64>,
}

impl Simplex {
    fn new(n: usize, edges: Vec<Constraint>) -> Simplex {
        let mut incident = vec![Vec::new(); n];
        for (i, e) in edges.iter().enumerate() {
            incident[e.from].push(i);
            incident[e.to].push(i);
        }
        let m = edges.len();
        Simplex {
            n,
            edges,
            incident,
            rank: vec![0; n],
            in_tree: vec![false; m],
            parent_edge: vec![None; n],
            lim: vec![0; n],
            low: vec![0; n],
            cut: vec![0.0; m],
        }
    }

    fn slack(&self, e: usize) -> i64 {
        let c = &self.edges[e];
        self.rank[c.to] - self.rank[c.from] - c.minlen
    }

    /// Longest-path ranks: every node as high as its constraints allow.
    fn initial_ranks(&mut self) {
        let mut indegree = vec![0usize; self.n];
        for c in &self.edges {
            indegree[c.to] += 1;
        }
        let mut queue: Vec<usize> = (0..self.n).filter(|&v| indegree[v] == 0).collect();
        let mut head = 0;
        while head < queue.len() {
            let v = queue[head];
            head += 1;
            for &e in &self.incident[v] {
                let c = self.edges[e];
                if c.from == v {
                    self.rank[c.to] = self.rank[c.to].max(self.rank[v] + c.minlen);
                    indegree[c.to] -= 1;
                    if indegree[c.to] == 0 {
                        queue.push(c.to);
                    }
                }
            }
        }
    }

    /// A spanning tree of tight edges: grown from node 0 over tight edges; when it stops, the
    /// incident edge of least slack is made tight by moving the whole tree, and it grows on.
    /// Components the constraints do not connect are joined by their own trees' roots.
    fn feasible_tree(&mut self) {
        let mut in_tree_node = vec![false; self.n];
        for root in 0..self.n {
            if in_tree_node[root] {
                continue;
            }
            in_tree_node[root] = true;
            let mut members = vec![root];
            loop {
                // Grow over tight edges.
                let mut stack = members.clone();
                while let Some(v) = stack.pop() {
                    for &e in &self.incident[v] {
                        let c = self.edges[e];
                        let w = if c.from == v { c.to } else { c.from };
                        if !in_tree_node[w] && self.slack(e) == 0 {
                            in_tree_node[w] = true;
                            self.in_tree[e] = true;
                            members.push(w);
                            stack.push(w);
                        }
                    }
                }
                // The incident edge of least slack, if any leaves the tree.
                let mut best: Option<(i64, usize)> = None;
                for &v in &members {
                    for &e in &self.incident[v] {
                        let c = self.edges[e];
                        if in_tree_node[c.from] != in_tree_node[c.to] {
                            let s = self.slack(e);
                            if best.is_none_or(|(b, be)| (s, e) < (b, be)) {
                                best = Some((s, e));
                            }
                        }
                    }
                }
                let Some((s, e)) = best else { break };
                let delta = if in_tree_node[self.edges[e].from] { s } else { -s };
                for &v in &members {
                    self.rank[v] += delta;
                }
            }
        }
    }

    /// Parent edges and postorder numbers of the tree (a forest when the constraints do not
    /// connect every node), by an iterative depth-first search.
    fn number(&mut self) {
        let mut seen = vec![false; self.n];
        let mut counter = 0;
        for root in 0..self.n {
            if seen[root] {
                continue;
            }
            seen[root] = true;
            self.parent_edge[root] = None;
            let mut stack: Vec<(usize, usize, usize)> = vec![(root, 0, counter)];
            while let Some(&mut (v, ref mut next, low)) = stack.last_mut() {
                if let Some(&e) = self.incident[v].get(*next) {
                    *next += 1;
                    if !self.in_tree[e] {
                        continue;
                    }
                    let c = self.edges[e];
                    let w = if c.from == v { c.to } else { c.from };
                    if !seen[w] {
                        seen[w] = true;
                        self.parent_edge[w] = Some(e);
                        stack.push((w, 0, counter));
                    }
                } else {
                    self.low[v] = low;
                    self.lim[v] = counter;
                    counter += 1;
                    stack.pop();
                }
            }
        }
    }

    fn is_descendant(&self, v: usize, of: usize) -> bool {
        self.low[of] <= self.lim[v] && self.lim[v] <= self.lim[of]
    }

    /// Cut values of all tree edges, children before parents: the cut value of the edge above
    /// a node follows from the node's other edges and the cut values of the edges below it.
    fn cut_values(&mut self) {
        let mut by_lim: Vec<usize> = (0..self.n).collect();
        by_lim.sort_by_key(|&v| self.lim[v]);
        for v in by_lim {
            let Some(tree_edge) = self.parent_edge[v] else { continue };
            let t = self.edges[tree_edge];
            // The tree edge seen from v: does it leave v (v is its tail)?
            let v_is_tail = t.from == v;
            let mut value = t.weight;
            for &e in &self.incident[v] {
                if e == tree_edge {
                    continue;
                }
                let c = self.edges[e];
                let out_of_v = c.from == v;
                let other = if out_of_v { c.to } else { c.from };
                // An edge that crosses the cut the way the tree edge does adds its weight.
                let same_way = out_of_v == v_is_tail;
                value += if same_way { c.weight } else { -c.weight };
                if self.in_tree[e] && self.parent_edge[other] == Some(e) {
                    // A tree edge to a child: its cut counts the edges below it, which cross
                    // this cut too, the other way round when the child's edge points the
                    // same way as v's.
                    value += if same_way { -self.cut[e] } else { self.cut[e] };
                }
            }
            self.cut[tree_edge] = value;
        }
    }

    /// Exchanges while a tree edge has a negative cut value, at most `pivots` times.
    fn solve(&mut self, pivots: usize) {
        self.initial_ranks();
        self.feasible_tree();
        self.number();
        self.cut_values();
        let m = self.edges.len();
        let mut start = 0;
        for _ in 0..pivots {
            // The leaving edge: the next tree edge with a negative cut value, searched
            // cyclically from where the last search stopped.
            let leaving = (0..m).map(|k| (start + k) % m).find(|&e| self.in_tree[e] && self.cut[e] < -1e-9);
            let Some(leaving) = leaving else { break };
            start = (leaving + 1) % m;
            let l = self.edges[leaving];
            // The side of the tree below the leaving edge (the endpoint with the smaller lim).
            let (child, child_is_tail) = if self.lim[l.from] < self.lim[l.to] { (l.from, true) } else { (l.to, false) };
            // The entering edge crosses the cut the other way, with the least slack.
            let mut entering: Option<(i64, usize)> = None;
            for e in 0..m {
                if self.in_tree[e] {
                    continue;
                }
                let c = self.edges[e];
                let (tail_below, head_below) = (self.is_descendant(c.from, child), self.is_descendant(c.to, child));
                let crosses_back = if child_is_tail { head_below && !tail_below } else { tail_below && !head_below };
                if crosses_back {
                    let s = self.slack(e);
                    if entering.is_none_or(|(b, be)| (s, e) < (b, be)) {
                        entering = Some((s, e));
                    }
                }
            }
            let Some((slack, entering)) = entering else { break };
            // Move the subtree below the leaving edge so that the entering edge is tight.
            let delta = if child_is_tail { slack } else { -slack };
            if delta != 0 {
                for v in 0..self.n {
                    if self.is_descendant(v, child) {
                        self.rank[v] -= delta;
                    }
                }
            }
            self.in_tree[leaving] = false;
            self.in_tree[entering] = true;
            self.number();
            self.cut_values();
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::layout::sample::graph;

    fn cost(g: &Graph, rank: &[usize]) -> f64 {
        g.edges.iter().map(|e| e.weight * (rank[e.to] as f64 - rank[e.from] as f64).abs()).sum()
    }

    #[test]
    fn a_heavy_edge_is_kept_short() {
        // 0 -> 1 -> 2 -> 3 -> 5 and 0 -> 4 -> 5 with 4 -> 5 heavy: the longest path puts 4 on
        // rank 1 and stretches 4 -> 5 over three ranks; the simplex moves 4 down next to 5.
        let g = graph(&[(0, 1, 100.0), (1, 2, 100.0), (2, 3, 100.0), (3, 5, 100.0), (0, 4, 1.0), (4, 5, 100.0)], 6);
        let reversed = break_cycles(&g);
        let rank = ranks(&g, &reversed, 1000);
        assert_eq!(rank[0], 0);
        assert_eq!(rank[5], 4);
        assert_eq!(rank[4], 3, "the heavy 4 -> 5 edge is one rank long: {rank:?}");
        let longest = [0, 1, 2, 3, 1, 4];
        assert!(cost(&g, &rank) < cost(&g, &longest));
    }

    #[test]
    fn every_edge_points_down_and_first_and_last_are_alone() {
        for seed in 0..20 {
            let g = crate::layout::sample::seeded_map(30, 100, seed);
            let reversed = break_cycles(&g);
            let rank = ranks(&g, &reversed, 10_000);
            for (i, e) in g.edges.iter().enumerate() {
                if e.from != e.to {
                    let (a, b) = if reversed[i] { (e.to, e.from) } else { (e.from, e.to) };
                    assert!(rank[b] > rank[a], "seed {seed}: edge {i} spans {} -> {}", rank[a], rank[b]);
                }
            }
            let last = g.nodes.len() - 1;
            assert!((1..last).all(|v| rank[v] > rank[0] && rank[v] < rank[last]), "seed {seed}");
        }
    }
}
