//! Token-based replay with PM4Py's semantics (`tokenreplay/variants/token_replay.py`, default
//! parameters): the fast check for very large logs.
//!
//! A trace is replayed on the net from the initial marking, counting tokens produced (`p`),
//! consumed (`c`), missing (`m`: added because a transition had to fire without them) and
//! remaining (`r`: left over at the end). An event whose activity no transition carries is
//! ignored. Before a transition that is not enabled fires, silent transitions are fired along
//! the shortest silent paths from the marked places to the places that lack tokens (two levels
//! deep); at the end, along the shortest silent paths to the final marking. Trace fitness is
//! `0.5 (1 - m/c) + 0.5 (1 - r/p)`; the log's sums these over cases. Every step follows
//! PM4Py's order where PM4Py fixes one (places sorted by id, paths stably sorted by length,
//! the last transition by id for a label). Where PM4Py walks Python sets (the arcs of a place
//! or transition) casemap takes the file's order, so on a model with equally short silent
//! paths a few variants can differ from a given PM4Py run, as PM4Py's runs differ from each
//! other (see `docs/DESIGN.md`).

use serde::{Deserialize, Serialize};

use super::net::{Node, PetriNet};

type HashMap<K, V> = hashbrown::HashMap<K, V, foldhash::fast::FixedState>;
type HashSet<K> = hashbrown::HashSet<K, foldhash::fast::FixedState>;

/// PM4Py's depth limit of the search for silent paths between places.
const MAX_PATH_DEPTH: usize = 50;
/// PM4Py's recursion limit when enabling a transition through silent ones.
const MAX_HIDDEN_DEPTH: usize = 2;
/// PM4Py's rounds of silent firing towards the final marking.
const FINAL_ROUNDS: usize = 5;

/// Token counts of one replayed trace.
#[derive(Clone, Copy, Debug, Default, PartialEq, Serialize, Deserialize)]
pub struct TokenCounts {
    /// Tokens that had to be added.
    pub missing: u64,
    /// Tokens left at the end.
    pub remaining: u64,
    /// Tokens consumed (the final marking's included).
    pub consumed: u64,
    /// Tokens produced (the initial marking's included).
    pub produced: u64,
}

/// One trace replayed.
#[derive(Clone, Copy, Debug, PartialEq, Serialize, Deserialize)]
pub struct TraceReplay {
    /// Its token counts.
    pub tokens: TokenCounts,
    /// `0.5 (1 - m/c) + 0.5 (1 - r/p)`, 1 when nothing was consumed or produced.
    pub fitness: f64,
    /// No token was missing during the replay and none remained.
    pub fit: bool,
}

/// A marking that keeps places in the order they first got tokens (as PM4Py's `Counter`).
#[derive(Clone, Debug, PartialEq, Eq)]
struct Tokens(Vec<(usize, u64)>);

impl Tokens {
    fn get(&self, p: usize) -> u64 {
        self.0.iter().find(|e| e.0 == p).map_or(0, |e| e.1)
    }

    fn add(&mut self, p: usize, n: u64) {
        match self.0.iter_mut().find(|e| e.0 == p) {
            Some(e) => e.1 += n,
            None => self.0.push((p, n)),
        }
    }

    fn take(&mut self, p: usize, n: u64) {
        if let Some(i) = self.0.iter().position(|e| e.0 == p) {
            self.0[i].1 -= n;
            if self.0[i].1 == 0 {
                self.0.remove(i);
            }
        }
    }
}

/// A net prepared for replaying many traces.
#[derive(Clone, Debug)]
pub struct Replayer<'n> {
    net: &'n PetriNet,
    pre: Vec<Vec<(usize, u64)>>,
    post: Vec<Vec<(usize, u64)>>,
    /// For each activity, the transition PM4Py falls back on: the last by id.
    by_label: HashMap<&'n str, usize>,
    /// Per place, the shortest path of silent transitions to each place it reaches.
    paths: Vec<HashMap<usize, Vec<usize>>>,
    /// Places sorted by id.
    by_id: Vec<usize>,
}

struct Run {
    marking: Tokens,
    tokens: TokenCounts,
    /// The transitions fired, in order.
    fired: Vec<usize>,
}

impl<'n> Replayer<'n> {
    /// Prepares `net`.
    pub fn new(net: &'n PetriNet) -> Replayer<'n> {
        let mut pre = vec![Vec::new(); net.transitions.len()];
        let mut post = vec![Vec::new(); net.transitions.len()];
        let mut place_out: Vec<Vec<usize>> = vec![Vec::new(); net.places.len()];
        for arc in &net.arcs {
            match (arc.source, arc.target) {
                (Node::Place(p), Node::Transition(t)) => {
                    pre[t].push((p, u64::from(arc.weight)));
                    place_out[p].push(t);
                }
                (Node::Transition(t), Node::Place(p)) => post[t].push((p, u64::from(arc.weight))),
                _ => {}
            }
        }
        let mut order: Vec<usize> = (0..net.transitions.len()).collect();
        order.sort_by(|&a, &b| net.transitions[a].id.cmp(&net.transitions[b].id));
        let mut by_label = HashMap::default();
        for t in order {
            if let Some(label) = &net.transitions[t].label {
                by_label.insert(label.as_str(), t);
            }
        }
        let mut by_id: Vec<usize> = (0..net.places.len()).collect();
        by_id.sort_by(|&a, &b| net.places[a].id.cmp(&net.places[b].id));
        let mut replayer = Replayer { net, pre, post, by_label, paths: Vec::new(), by_id };
        replayer.paths = (0..net.places.len())
            .map(|p| {
                let mut found = HashMap::default();
                replayer.silent_paths(&place_out, p, &mut Vec::new(), 0, &mut found);
                found
            })
            .collect();
        replayer
    }

    /// PM4Py's depth-first search for the shortest silent paths from a place: a path is kept
    /// when it is strictly shorter than the one known, so ties go to the first found.
    fn silent_paths(
        &self,
        place_out: &[Vec<usize>],
        from: usize,
        path: &mut Vec<usize>,
        depth: usize,
        found: &mut HashMap<usize, Vec<usize>>,
    ) {
        if depth > MAX_PATH_DEPTH {
            return;
        }
        for &t in &place_out[from] {
            if self.net.transitions[t].label.is_some() {
                continue;
            }
            for &(next, _) in &self.post[t] {
                if found.get(&next).is_none_or(|known| path.len() + 1 < known.len()) {
                    path.push(t);
                    found.insert(next, path.clone());
                    self.silent_paths(place_out, next, path, depth + 1, found);
                    path.pop();
                }
            }
        }
    }

    fn enabled(&self, m: &Tokens, t: usize) -> bool {
        self.pre[t].iter().all(|&(p, w)| m.get(p) >= w)
    }

    /// Fires an enabled transition, counting its tokens.
    fn fire(&self, run: &mut Run, t: usize) {
        run.fired.push(t);
        for &(p, w) in &self.pre[t] {
            run.marking.take(p, w);
            run.tokens.consumed += w;
        }
        for &(p, w) in &self.post[t] {
            run.marking.add(p, w);
            run.tokens.produced += w;
        }
    }

    /// The silent paths from the marked places (by id) to the `targets` (by id), shortest
    /// first (a stable sort, as PM4Py's).
    fn paths_between(&self, marking: &Tokens, targets: &[usize]) -> Vec<&[usize]> {
        let mut out: Vec<&[usize]> = Vec::new();
        for &from in self.by_id.iter().filter(|&&p| marking.get(p) > 0) {
            for &to in self.by_id.iter().filter(|p| targets.contains(p)) {
                if let Some(path) = self.paths[from].get(&to) {
                    out.push(path);
                }
            }
        }
        out.sort_by_key(|p| p.len());
        out
    }

    /// PM4Py's `enable_hidden_transitions`: round robin over the paths, firing what is
    /// enabled and not yet fired, until `t` is enabled or a round fires nothing.
    fn walk_paths(&self, run: &mut Run, t: usize, paths: &[&[usize]], visited: &mut HashSet<usize>) {
        let mut next = vec![0usize; paths.len()];
        for z in 0.. {
            let g = z % paths.len();
            let mut changed = false;
            while next[g] < paths[g].len() {
                let t3 = paths[g][next[g]];
                if t3 != t && self.enabled(&run.marking, t3) && !visited.contains(&t3) {
                    self.fire(run, t3);
                    visited.insert(t3);
                    changed = true;
                }
                next[g] += 1;
                if self.enabled(&run.marking, t) {
                    break;
                }
            }
            if self.enabled(&run.marking, t) || !changed {
                break;
            }
        }
    }

    /// PM4Py's `apply_hidden_trans`: tries to enable `t` by firing silent transitions.
    fn enable_through_silent(&self, run: &mut Run, t: usize, depth: usize, visited: &mut HashSet<usize>) {
        if depth >= MAX_HIDDEN_DEPTH || !visited.insert(t) {
            return;
        }
        let lacking: Vec<usize> =
            self.pre[t].iter().filter(|&&(p, w)| run.marking.get(p) < w).map(|&(p, _)| p).collect();
        let paths = self.paths_between(&run.marking, &lacking);
        if paths.is_empty() {
            return;
        }
        self.walk_paths(run, t, &paths, visited);
        if self.enabled(&run.marking, t) {
            return;
        }
        let again: Vec<Vec<usize>> =
            self.paths_between(&run.marking, &lacking).into_iter().map(<[usize]>::to_vec).collect();
        for path in again {
            for t4 in path {
                if t4 == t || visited.contains(&t4) {
                    continue;
                }
                if !self.enabled(&run.marking, t4) {
                    self.enable_through_silent(run, t4, depth + 1, visited);
                }
                if self.enabled(&run.marking, t4) {
                    self.fire(run, t4);
                    visited.insert(t4);
                }
            }
        }
        // PM4Py then calls itself again for `t` when the marking changed, which returns at
        // once: `t` is already visited.
    }

    fn final_reached(&self, marking: &Tokens) -> bool {
        self.net.final_marking.0.iter().all(|&(p, _)| marking.get(p) > 0)
    }

    /// Replays one trace (its activities in order).
    pub fn replay<S: AsRef<str>>(&self, trace: &[S]) -> TraceReplay {
        self.replay_firing(trace).0
    }

    /// Replays one trace and lists the transitions fired, in order.
    pub fn replay_firing<S: AsRef<str>>(&self, trace: &[S]) -> (TraceReplay, Vec<usize>) {
        let net = self.net;
        let (mut run, _) = self.play(trace, false);
        self.towards_final(&mut run);
        let mut remaining = 0;
        let mut lacking = 0;
        for &(p, n) in &net.final_marking.0 {
            lacking += u64::from(n).saturating_sub(run.marking.get(p));
        }
        for &(p, n) in &run.marking.0 {
            let goal = net.final_marking.0.iter().find(|e| e.0 == p).map_or(0, |e| u64::from(e.1));
            remaining += n.saturating_sub(goal);
        }
        let fit = run.tokens.missing == 0 && remaining == 0;
        let mut tokens = run.tokens;
        tokens.consumed += net.final_marking.tokens();
        tokens.missing += lacking;
        tokens.remaining = remaining;
        let fitness = if tokens.consumed > 0 && tokens.produced > 0 {
            0.5 * (1.0 - tokens.missing as f64 / tokens.consumed as f64)
                + 0.5 * (1.0 - tokens.remaining as f64 / tokens.produced as f64)
        } else {
            1.0
        };
        (TraceReplay { tokens, fitness, fit }, run.fired)
    }

    /// Replays the events from the initial marking. With `stop_unfit` it stops at the first
    /// event whose transition cannot fire even through silent ones (PM4Py's
    /// `stop_immediately_unfit`); otherwise that transition fires on missing tokens. Whether
    /// it stopped.
    fn play<S: AsRef<str>>(&self, trace: &[S], stop_unfit: bool) -> (Run, bool) {
        let net = self.net;
        let mut run = Run { marking: Tokens(Vec::new()), tokens: TokenCounts::default(), fired: Vec::new() };
        for &(p, n) in &net.initial.0 {
            run.marking.add(p, u64::from(n));
            run.tokens.produced += u64::from(n);
        }
        for activity in trace {
            let Some(&fallback) = self.by_label.get(activity.as_ref()) else { continue };
            let t = (0..net.transitions.len())
                .find(|&x| {
                    net.transitions[x].label.as_deref() == Some(activity.as_ref()) && self.enabled(&run.marking, x)
                })
                .unwrap_or(fallback);
            if !self.enabled(&run.marking, t) {
                self.enable_through_silent(&mut run, t, 0, &mut HashSet::default());
            }
            if !self.enabled(&run.marking, t) {
                if stop_unfit {
                    run.tokens.missing += 1;
                    return (run, true);
                }
                // PM4Py adds the arc's whole weight to a place that lacks tokens, and counts
                // the deficit as missing.
                for &(p, w) in &self.pre[t] {
                    let have = run.marking.get(p);
                    if have < w {
                        run.tokens.missing += w - have;
                        run.marking.add(p, w);
                    }
                }
            }
            self.fire(&mut run, t);
        }
        (run, false)
    }

    /// The labels of the visible transitions enabled after replaying `prefix` (directly or
    /// through silent transitions), or `None` when the prefix does not fit (PM4Py's replay
    /// for precision: stop at the first unfit event, no walk to the final marking).
    pub fn enabled_after<S: AsRef<str>>(&self, prefix: &[S]) -> Option<Vec<&'n str>> {
        let (run, stopped) = self.play(prefix, true);
        (!stopped).then(|| self.eventually_enabled(&run.marking))
    }

    /// The labels of the visible transitions enabled in `marking` or after silent
    /// transitions, explored as PM4Py's `get_visible_transitions_eventually_enabled_by_marking`
    /// does (a list of transitions, each with the marking it was last found enabled in).
    fn eventually_enabled(&self, marking: &Tokens) -> Vec<&'n str> {
        let key = |m: &Tokens| {
            let mut k = m.0.clone();
            k.sort_unstable();
            k
        };
        let enabled_sorted = |m: &Tokens| {
            let mut ts: Vec<usize> = (0..self.net.transitions.len()).filter(|&t| self.enabled(m, t)).collect();
            ts.sort_by(|&a, &b| self.net.transitions[a].id.cmp(&self.net.transitions[b].id));
            ts
        };
        let mut list = enabled_sorted(marking);
        let mut at: HashMap<usize, Tokens> = list.iter().map(|&t| (t, marking.clone())).collect();
        let mut visited: HashSet<(usize, Vec<(usize, u64)>)> = HashSet::default();
        let mut visible: Vec<&'n str> = Vec::new();
        let mut i = 0;
        while i < list.len() {
            let t = list[i];
            let m = at[&t].clone();
            if visited.insert((t, key(&m))) {
                match &self.net.transitions[t].label {
                    Some(label) => visible.push(label.as_str()),
                    None if self.enabled(&m, t) => {
                        let mut run = Run { marking: m, tokens: TokenCounts::default(), fired: Vec::new() };
                        self.fire(&mut run, t);
                        for t2 in enabled_sorted(&run.marking) {
                            list.push(t2);
                            at.insert(t2, run.marking.clone());
                        }
                    }
                    None => {}
                }
            }
            i += 1;
        }
        visible.sort_unstable();
        visible.dedup();
        visible
    }

    /// PM4Py's end of a replay: up to five rounds along the silent paths from the marked
    /// places to the final marking's; then, for a final marking of one place, up to five
    /// rounds along the paths to it from the places marked then (in the order they got
    /// their tokens).
    fn towards_final(&self, run: &mut Run) {
        let finals: Vec<usize> = self.net.final_marking.0.iter().map(|e| e.0).collect();
        for _ in 0..FINAL_ROUNDS {
            if self.final_reached(&run.marking) {
                return;
            }
            let paths: Vec<Vec<usize>> =
                self.paths_between(&run.marking, &finals).into_iter().map(<[usize]>::to_vec).collect();
            for path in paths {
                for t in path {
                    if self.enabled(&run.marking, t) {
                        self.fire(run, t);
                    }
                }
                // PM4Py stops after the path that reaches the final marking.
                if self.final_reached(&run.marking) {
                    return;
                }
            }
        }
        if self.final_reached(&run.marking) || finals.len() != 1 {
            return;
        }
        let sink = finals[0];
        let mut connections: Vec<Vec<usize>> =
            run.marking.0.iter().filter_map(|&(p, _)| self.paths[p].get(&sink).cloned()).collect();
        connections.sort_by_key(Vec::len);
        for _ in 0..FINAL_ROUNDS {
            for path in &connections {
                for &t in path {
                    if !self.enabled(&run.marking, t) {
                        break;
                    }
                    self.fire(run, t);
                }
            }
        }
    }
}

/// PM4Py's log fitness of token replay from the summed counts.
pub fn log_fitness(total: TokenCounts) -> f64 {
    if total.consumed == 0 || total.produced == 0 {
        return 0.0;
    }
    0.5 * (1.0 - total.missing as f64 / total.consumed as f64)
        + 0.5 * (1.0 - total.remaining as f64 / total.produced as f64)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::conformance::net::Marking;

    /// a, then (b or skip), then c.
    fn net() -> PetriNet {
        let mut net = PetriNet::default();
        let p: Vec<usize> = (0..4).map(|i| net.add_place(format!("p{i}"))).collect();
        let mut t = |label: Option<&str>, from: usize, to: usize| {
            let id = net.transitions.len();
            let t = net.add_transition(format!("t{id}"), label.map(str::to_owned));
            net.add_arc(Node::Place(from), Node::Transition(t));
            net.add_arc(Node::Transition(t), Node::Place(to));
        };
        t(Some("a"), p[0], p[1]);
        t(Some("b"), p[1], p[2]);
        t(None, p[1], p[2]);
        t(Some("c"), p[2], p[3]);
        net.initial = Marking::new([(p[0], 1)]);
        net.final_marking = Marking::new([(p[3], 1)]);
        net
    }

    fn replay(trace: &[&str]) -> TraceReplay {
        let net = net();
        Replayer::new(&net).replay(trace)
    }

    #[test]
    fn a_fitting_trace_counts_its_tokens() {
        let r = replay(&["a", "b", "c"]);
        assert!(r.fit);
        assert_eq!(r.tokens, TokenCounts { missing: 0, remaining: 0, consumed: 4, produced: 4 });
        assert_eq!(r.fitness, 1.0);
    }

    #[test]
    fn a_skippable_step_is_skipped_through_the_silent_transition() {
        let r = replay(&["a", "c"]);
        assert!(r.fit);
        assert_eq!(r.tokens, TokenCounts { missing: 0, remaining: 0, consumed: 4, produced: 4 });
    }

    #[test]
    fn a_missing_step_costs_a_missing_and_a_remaining_token() {
        // c without a: c fires on a missing token in p2; the initial token stays in p0.
        let r = replay(&["c"]);
        assert!(!r.fit);
        assert_eq!(r.tokens, TokenCounts { missing: 1, remaining: 1, consumed: 2, produced: 2 });
        assert_eq!(r.fitness, 0.5 * (1.0 - 0.5) + 0.5 * (1.0 - 0.5));
        // Unknown activities are ignored.
        assert_eq!(replay(&["a", "x", "b", "c"]), replay(&["a", "b", "c"]));
    }

    #[test]
    fn an_unfinished_trace_leaves_its_token_and_lacks_the_final_one() {
        // After a, p1 holds the token; no silent path leads from p1 to the end (c is
        // visible), so p1's token remains and the final place lacks one.
        let r = replay(&["a"]);
        assert!(!r.fit);
        assert_eq!(r.tokens, TokenCounts { missing: 1, remaining: 1, consumed: 2, produced: 2 });
    }

    #[test]
    fn log_fitness_sums_the_counts() {
        let total = TokenCounts { missing: 1, remaining: 1, consumed: 6, produced: 6 };
        assert_eq!(log_fitness(total), 0.5 * (1.0 - 1.0 / 6.0) + 0.5 * (1.0 - 1.0 / 6.0));
        assert_eq!(log_fitness(TokenCounts::default()), 0.0);
    }
}
