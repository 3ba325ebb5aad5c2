//! The Inductive Miner: a process tree discovered from the variants of a log, with PM4Py's
//! definitions (`algo/discovery/inductive/`): IM with no noise threshold, IMf above.
//!
//! At every step, on the current sub-log (variants with counts):
//! 1. empty traces: with more than `noise × traces` of them the result is
//!    `X(tau, IMf(the others))`, otherwise they are dropped (IM: always the choice);
//! 2. base cases: no traces is `tau`, one variant of one activity is that activity;
//! 3. cuts on the sub-log's directly-follows graph, in order exclusive choice, strict
//!    sequence, concurrency, loop; the cut splits the traces into sub-logs, mined in turn;
//! 4. IMf only: the same cuts on the graph without its infrequent edges (an edge is kept when
//!    its count is above `noise ×` the largest count leaving its source, or its end count)
//!    and infrequent start activities; a cut found there splits the unfiltered traces;
//! 5. fall-throughs on the unfiltered sub-log: an activity once per trace, an activity
//!    concurrent to the rest, a strict tau loop, a tau loop, and last the flower model.
//!
//! The tree is then folded ([`ProcessTree::fold`]) and the children of choices and parallel
//! blocks put in PM4Py's order ([`ProcessTree::pm4py_order`]).

use std::collections::{BTreeMap, BTreeSet};

use super::tree::{Operator, ProcessTree};
use crate::discovery::variants::variants;
use crate::log::{EventLog, Selection};

type Act = u32;
type Log = BTreeMap<Vec<Act>, u64>;

/// A directly-follows graph with start and end counts.
#[derive(Clone, Debug, Default)]
struct Dfg {
    edges: BTreeMap<(Act, Act), u64>,
    start: BTreeMap<Act, u64>,
    end: BTreeMap<Act, u64>,
}

impl Dfg {
    fn of(log: &Log) -> Dfg {
        let mut dfg = Dfg::default();
        for (trace, &n) in log {
            for w in trace.windows(2) {
                *dfg.edges.entry((w[0], w[1])).or_default() += n;
            }
            if let (Some(&first), Some(&last)) = (trace.first(), trace.last()) {
                *dfg.start.entry(first).or_default() += n;
                *dfg.end.entry(last).or_default() += n;
            }
        }
        dfg
    }

    /// The activities of the edges, start and end activities, sorted.
    fn vertices(&self) -> Vec<Act> {
        let mut v: BTreeSet<Act> = self.start.keys().chain(self.end.keys()).copied().collect();
        for &(a, b) in self.edges.keys() {
            v.insert(a);
            v.insert(b);
        }
        v.into_iter().collect()
    }

    fn has(&self, a: Act, b: Act) -> bool {
        self.edges.contains_key(&(a, b))
    }

    /// Activities reachable from each activity by one or more edges (itself excluded, as
    /// networkx's `descendants`), and those that reach it.
    fn reach(&self, alphabet: &[Act]) -> (BTreeMap<Act, BTreeSet<Act>>, BTreeMap<Act, BTreeSet<Act>>) {
        let mut next: BTreeMap<Act, Vec<Act>> = BTreeMap::new();
        for &(a, b) in self.edges.keys() {
            next.entry(a).or_default().push(b);
        }
        let mut succ: BTreeMap<Act, BTreeSet<Act>> = BTreeMap::new();
        for &a in alphabet {
            let mut seen = BTreeSet::new();
            let mut stack: Vec<Act> = next.get(&a).cloned().unwrap_or_default();
            while let Some(x) = stack.pop() {
                if seen.insert(x) {
                    stack.extend(next.get(&x).into_iter().flatten().copied());
                }
            }
            seen.remove(&a);
            succ.insert(a, seen);
        }
        let mut pred: BTreeMap<Act, BTreeSet<Act>> = alphabet.iter().map(|&a| (a, BTreeSet::new())).collect();
        for (&a, s) in &succ {
            for &b in s {
                pred.entry(b).or_default().insert(a);
            }
        }
        (pred, succ)
    }

    /// IMf's filtered graph (see the module docs).
    fn filtered(&self, noise: f64) -> Dfg {
        let mut most: BTreeMap<Act, u64> = BTreeMap::new();
        for (&(a, _), &n) in &self.edges {
            let m = most.entry(a).or_insert(n);
            *m = (*m).max(n);
            if let Some(&e) = self.end.get(&a) {
                *m = (*m).max(e);
            }
        }
        let edges = self
            .edges
            .iter()
            .filter(|&(&(a, _), &n)| n as f64 > noise * most[&a] as f64)
            .map(|(&k, &n)| (k, n))
            .collect();
        let top = self.start.values().copied().max().unwrap_or(0);
        let start =
            self.start.iter().filter(|&(_, &n)| n as f64 >= top as f64 * noise).map(|(&k, &n)| (k, n)).collect();
        Dfg { edges, start, end: self.end.clone() }
    }
}

/// A cut: the operator and the groups of activities, in child order.
type Cut = (Operator, Vec<BTreeSet<Act>>);

fn xor_cut(dfg: &Dfg) -> Option<Vec<BTreeSet<Act>>> {
    let vertices = dfg.vertices();
    let index: BTreeMap<Act, usize> = vertices.iter().enumerate().map(|(i, &a)| (a, i)).collect();
    let mut parent: Vec<usize> = (0..vertices.len()).collect();
    fn root(parent: &mut [usize], mut x: usize) -> usize {
        while parent[x] != x {
            parent[x] = parent[parent[x]];
            x = parent[x];
        }
        x
    }
    for &(a, b) in dfg.edges.keys() {
        let (ra, rb) = (root(&mut parent, index[&a]), root(&mut parent, index[&b]));
        parent[ra] = rb;
    }
    let mut groups: BTreeMap<usize, BTreeSet<Act>> = BTreeMap::new();
    for (i, &a) in vertices.iter().enumerate() {
        let r = root(&mut parent, i);
        groups.entry(r).or_default().insert(a);
    }
    let mut groups: Vec<BTreeSet<Act>> = groups.into_values().collect();
    // PM4Py sorts the groups by their sorted members.
    groups.sort();
    (groups.len() > 1).then_some(groups)
}

fn sequence_groups(dfg: &Dfg) -> Option<Vec<BTreeSet<Act>>> {
    let alphabet = dfg.vertices();
    if alphabet.is_empty() {
        return None;
    }
    let (pred, succ) = dfg.reach(&alphabet);
    let mut groups: Vec<BTreeSet<Act>> = alphabet.iter().map(|&a| BTreeSet::from([a])).collect();
    let merge = |g1: &BTreeSet<Act>, g2: &BTreeSet<Act>| {
        g1.iter().any(|a1| {
            g2.iter().any(|a2| {
                let (forward, back) = (succ[a1].contains(a2), succ[a2].contains(a1));
                forward == back
            })
        })
    };
    loop {
        let before = groups.len();
        let mut i = 0;
        while i < groups.len() {
            let mut j = i + 1;
            while j < groups.len() {
                if merge(&groups[i], &groups[j]) {
                    let g = groups.remove(j);
                    groups[i].extend(g);
                    continue;
                }
                j += 1;
            }
            i += 1;
        }
        if groups.len() == before {
            break;
        }
    }
    let n = alphabet.len();
    groups.sort_by_key(|g| {
        let a = g.iter().next().copied().unwrap_or_default();
        pred[&a].len() + (n - succ[&a].len())
    });
    (groups.len() > 1).then_some(groups)
}

fn strict_sequence_cut(dfg: &Dfg) -> Option<Vec<BTreeSet<Act>>> {
    let mut c = sequence_groups(dfg)?;
    let start: BTreeSet<Act> = dfg.start.keys().copied().collect();
    let end: BTreeSet<Act> = dfg.end.keys().copied().collect();
    let group_of: BTreeMap<Act, usize> =
        c.iter().enumerate().flat_map(|(i, g)| g.iter().map(move |&a| (a, i))).collect();
    let mut mf: Vec<i64> =
        c.iter().map(|g| if g.iter().any(|a| start.contains(a)) { i64::MIN } else { i64::MAX }).collect();
    let mut mt: Vec<i64> =
        c.iter().map(|g| if g.iter().any(|a| end.contains(a)) { i64::MAX } else { i64::MIN }).collect();
    for &(a, b) in dfg.edges.keys() {
        let (ga, gb) = (group_of[&a], group_of[&b]);
        mf[gb] = mf[gb].min(ga as i64);
        mt[ga] = mt[ga].max(gb as i64);
    }
    let skippable = |p: usize, c: &[BTreeSet<Act>]| {
        for i in 0..p {
            for j in p + 1..c.len() {
                if c[i].iter().any(|&a| c[j].iter().any(|&b| dfg.has(a, b))) {
                    return true;
                }
            }
        }
        c[p + 1..].iter().any(|g| g.iter().any(|a| start.contains(a)))
            || c[..p].iter().any(|g| g.iter().any(|a| end.contains(a)))
    };
    for p in 0..c.len() {
        if skippable(p, &c) {
            let mut q = p as i64 - 1;
            while q >= 0 && mt[q as usize] <= p as i64 {
                let g = std::mem::take(&mut c[q as usize]);
                c[p].extend(g);
                q -= 1;
            }
            let mut q = p + 1;
            while q < mf.len() && mf[q] >= p as i64 {
                let g = std::mem::take(&mut c[q]);
                c[p].extend(g);
                q += 1;
            }
        }
    }
    c.retain(|g| !g.is_empty());
    (c.len() > 1).then_some(c)
}

fn concurrency_cut(dfg: &Dfg) -> Option<Vec<BTreeSet<Act>>> {
    let alphabet = dfg.vertices();
    if alphabet.is_empty() {
        return None;
    }
    let mut groups: Vec<BTreeSet<Act>> = alphabet.iter().map(|&a| BTreeSet::from([a])).collect();
    'outer: loop {
        for i in 0..groups.len() {
            for j in i + 1..groups.len() {
                let apart = groups[i].iter().any(|&a| groups[j].iter().any(|&b| !dfg.has(a, b) || !dfg.has(b, a)));
                if apart {
                    let g = groups.remove(j);
                    groups[i].extend(g);
                    continue 'outer;
                }
            }
        }
        break;
    }
    groups.sort_by_key(BTreeSet::len);
    let mut i = 0;
    while i < groups.len() && groups.len() > 1 {
        let g = &groups[i];
        if g.iter().any(|a| dfg.start.contains_key(a)) && g.iter().any(|a| dfg.end.contains_key(a)) {
            i += 1;
            continue;
        }
        let g = groups.remove(i);
        let into = if i == 0 { 0 } else { i - 1 };
        groups[into].extend(g);
    }
    (groups.len() > 1).then_some(groups)
}

fn loop_cut(dfg: &Dfg) -> Option<Vec<BTreeSet<Act>>> {
    if dfg.edges.is_empty() {
        return None;
    }
    let start: BTreeSet<Act> = dfg.start.keys().copied().collect();
    let end: BTreeSet<Act> = dfg.end.keys().copied().collect();
    let mut groups: Vec<BTreeSet<Act>> = vec![start.union(&end).copied().collect()];
    // Components of the graph without the start and end activities and their edges.
    let inner: Vec<Act> = dfg.vertices().into_iter().filter(|a| !start.contains(a) && !end.contains(a)).collect();
    let mut comp: BTreeMap<Act, usize> = inner.iter().enumerate().map(|(i, &a)| (a, i)).collect();
    loop {
        let mut changed = false;
        for &(a, b) in dfg.edges.keys() {
            if let (Some(&ca), Some(&cb)) = (comp.get(&a), comp.get(&b))
                && ca != cb
            {
                let (lo, hi) = (ca.min(cb), ca.max(cb));
                for c in comp.values_mut() {
                    if *c == hi {
                        *c = lo;
                    }
                }
                changed = true;
            }
        }
        if !changed {
            break;
        }
    }
    let mut comps: BTreeMap<usize, BTreeSet<Act>> = BTreeMap::new();
    for (&a, &c) in &comp {
        comps.entry(c).or_default().insert(a);
    }
    groups.extend(comps.into_values());
    let find = |groups: &[BTreeSet<Act>], x: Act| groups.iter().position(|g| g.contains(&x));
    let merge_to_front = |groups: &mut Vec<BTreeSet<Act>>, a: Act, b: Act| {
        let (Some(ga), Some(gb)) = (find(groups, a), find(groups, b)) else { return };
        let mut merged = groups[ga].clone();
        merged.extend(groups[gb].iter().copied());
        let (ga_set, gb_set) = (groups[ga].clone(), groups[gb].clone());
        groups.retain(|g| *g != ga_set && *g != gb_set);
        groups.insert(0, merged);
    };
    for &a in start.difference(&end) {
        for &(x, b) in dfg.edges.keys() {
            if x == a {
                merge_to_front(&mut groups, a, b);
            }
        }
    }
    for &b in end.difference(&start) {
        for &(a, x) in dfg.edges.keys() {
            if x == b {
                merge_to_front(&mut groups, a, b);
            }
        }
    }
    // Start completeness: a redo activity that leads to a start activity must lead to all.
    let mut i = 1;
    while i < groups.len() {
        let merge = groups[i].iter().any(|&a| {
            dfg.edges.keys().any(|&(x, b)| x == a && start.contains(&b)) && start.iter().any(|&s| !dfg.has(a, s))
        });
        if merge {
            let g = groups.remove(i);
            groups[0].extend(g);
            continue;
        }
        i += 1;
    }
    // End completeness: a redo activity reached from an end activity must be reached from all.
    let mut i = 1;
    while i < groups.len() {
        let merge = groups[i].iter().any(|&a| {
            dfg.edges.keys().any(|&(b, x)| x == a && end.contains(&b)) && end.iter().any(|&e| !dfg.has(e, a))
        });
        if merge {
            let g = groups.remove(i);
            groups[0].extend(g);
            continue;
        }
        i += 1;
    }
    groups.retain(|g| !g.is_empty());
    if groups.len() <= 1 {
        return None;
    }
    let redo: BTreeSet<Act> = groups[1..].iter().flatten().copied().collect();
    Some(vec![groups.swap_remove(0), redo])
}

fn find_cut(dfg: &Dfg) -> Option<Cut> {
    if let Some(g) = xor_cut(dfg) {
        return Some((Operator::Xor, g));
    }
    if let Some(g) = strict_sequence_cut(dfg) {
        return Some((Operator::Sequence, g));
    }
    if let Some(g) = concurrency_cut(dfg) {
        return Some((Operator::Parallel, g));
    }
    loop_cut(dfg).map(|g| (Operator::Loop, g))
}

fn add(log: &mut Log, trace: Vec<Act>, n: u64) {
    *log.entry(trace).or_default() += n;
}

fn project(log: &Log, op: Operator, groups: &[BTreeSet<Act>]) -> Vec<Log> {
    let mut logs: Vec<Log> = vec![Log::new(); groups.len()];
    match op {
        Operator::Xor => {
            for (t, &n) in log {
                // The group with the most events; ties go to the later group, as PM4Py's sort.
                let best = (0..groups.len())
                    .max_by_key(|&i| (t.iter().filter(|e| groups[i].contains(e)).count(), i))
                    .unwrap_or(0);
                add(&mut logs[best], t.iter().copied().filter(|e| groups[best].contains(e)).collect(), n);
            }
        }
        Operator::Sequence => {
            for (t, &n) in log {
                let mut split = 0;
                let mut seen: BTreeSet<Act> = BTreeSet::new();
                for (i, g) in groups.iter().enumerate() {
                    let next = split_point(t, g, split, &seen);
                    add(&mut logs[i], t[split..next].iter().copied().filter(|e| g.contains(e)).collect(), n);
                    split = next;
                    seen.extend(g.iter().copied());
                }
            }
        }
        Operator::Parallel => {
            for (t, &n) in log {
                for (i, g) in groups.iter().enumerate() {
                    add(&mut logs[i], t.iter().copied().filter(|e| g.contains(e)).collect(), n);
                }
            }
        }
        Operator::Loop => {
            let (do_set, redo) = (&groups[0], &groups[1]);
            for (t, &n) in log {
                let (mut do_trace, mut redo_trace) = (Vec::new(), Vec::new());
                for &e in t {
                    if do_set.contains(&e) {
                        do_trace.push(e);
                        if !redo_trace.is_empty() {
                            add(&mut logs[1], std::mem::take(&mut redo_trace), n);
                        }
                    } else if redo.contains(&e) {
                        redo_trace.push(e);
                        if !do_trace.is_empty() {
                            add(&mut logs[0], std::mem::take(&mut do_trace), n);
                        }
                    } else {
                        if !do_trace.is_empty() {
                            add(&mut logs[0], std::mem::take(&mut do_trace), n);
                        }
                        if !redo_trace.is_empty() {
                            add(&mut logs[1], std::mem::take(&mut redo_trace), n);
                        }
                    }
                }
                if !redo_trace.is_empty() {
                    add(&mut logs[1], redo_trace, n);
                }
                // PM4Py keeps the last do part even when it is empty.
                add(&mut logs[0], do_trace, n);
            }
        }
    }
    logs
}

/// Where the sequence cut ends a group's part of a trace: the position after which the
/// group's events outnumber the others most (PM4Py's `_find_split_point`).
fn split_point(t: &[Act], group: &BTreeSet<Act>, start: usize, ignore: &BTreeSet<Act>) -> usize {
    let (mut least, mut at, mut cost) = (0i64, start, 0i64);
    for (i, e) in t.iter().enumerate().skip(start) {
        if group.contains(e) {
            cost -= 1;
        } else if !ignore.contains(e) {
            cost += 1;
        }
        if cost < least {
            least = cost;
            at = i + 1;
        }
    }
    at
}

struct Miner {
    noise: f64,
}

impl Miner {
    fn node(&self, op: Operator, logs: Vec<Log>) -> ProcessTree {
        ProcessTree::Node(op, logs.into_iter().map(|l| self.mine(l)).collect())
    }

    fn mine(&self, log: Log) -> ProcessTree {
        let dfg = Dfg::of(&log);
        self.mine_with(log, dfg, false).unwrap_or(ProcessTree::Tau)
    }

    fn mine_with(&self, mut log: Log, mut dfg: Dfg, second: bool) -> Option<ProcessTree> {
        if let Some(&empty) = log.get(&Vec::new()) {
            let total: u64 = log.values().sum();
            if total > empty {
                if empty as f64 > self.noise * total as f64 {
                    log.remove(&Vec::new());
                    return Some(self.node(Operator::Xor, vec![Log::new(), log]));
                }
                log.remove(&Vec::new());
                dfg = Dfg::of(&log);
            }
        }
        // Base cases.
        if log.is_empty() {
            return Some(ProcessTree::Tau);
        }
        if log.len() == 1 {
            let only = log.keys().next().cloned().unwrap_or_default();
            match only.as_slice() {
                [] => return Some(ProcessTree::Tau),
                [a] => return Some(ProcessTree::Activity(a.to_string())),
                _ => {}
            }
        }
        if let Some((op, groups)) = find_cut(&dfg) {
            let logs = project(&log, op, &groups);
            return Some(self.node(op, logs));
        }
        if second {
            return None;
        }
        if self.noise > 0.0
            && let Some(tree) = self.mine_with(log.clone(), dfg.filtered(self.noise), true)
        {
            return Some(tree);
        }
        Some(self.fall_through(log))
    }

    fn fall_through(&self, log: Log) -> ProcessTree {
        let alphabet: BTreeSet<Act> = log.keys().flatten().copied().collect();
        let split_off = |a: Act| -> (Log, Log) {
            let (mut only, mut rest) = (Log::new(), Log::new());
            for (t, &n) in &log {
                add(&mut only, t.iter().copied().filter(|&e| e == a).collect(), n);
                add(&mut rest, t.iter().copied().filter(|&e| e != a).collect(), n);
            }
            (only, rest)
        };
        // An activity that happens exactly once in every trace.
        let once = alphabet.iter().copied().find(|&a| log.keys().all(|t| t.iter().filter(|&&e| e == a).count() == 1));
        if let Some(a) = once {
            let (only, rest) = split_off(a);
            return self.node(Operator::Parallel, vec![only, rest]);
        }
        // An activity without which a cut exists.
        for &a in &alphabet {
            let (only, rest) = split_off(a);
            if find_cut(&Dfg::of(&rest)).is_some() {
                return self.node(Operator::Parallel, vec![only, rest]);
            }
        }
        // Tau loops: traces cut where a start activity follows an end activity (strict), or
        // before every start activity.
        let starts: BTreeSet<Act> = log.keys().filter_map(|t| t.first().copied()).collect();
        let ends: BTreeSet<Act> = log.keys().filter_map(|t| t.last().copied()).collect();
        for strict in [true, false] {
            let mut proj = Log::new();
            for (t, &n) in &log {
                let mut x = 0;
                for i in 1..t.len() {
                    if starts.contains(&t[i]) && (!strict || ends.contains(&t[i - 1])) {
                        add(&mut proj, t[x..i].to_vec(), n);
                        x = i;
                    }
                }
                add(&mut proj, t[x..].to_vec(), n);
            }
            if proj.values().sum::<u64>() > log.values().sum::<u64>() {
                return self.node(Operator::Loop, vec![proj, Log::new()]);
            }
        }
        // The flower model: any activity, any number of times.
        let flower: Log = alphabet.iter().map(|&a| (vec![a], 1)).collect();
        self.node(Operator::Loop, vec![Log::new(), flower])
    }
}

/// Discovers a process tree from the selected cases (each variant with its count); `noise`
/// 0 is IM, above 0 IMf with that threshold.
pub fn discover(log: &EventLog, selection: Selection<'_>, noise: f64) -> ProcessTree {
    // Activities are numbered in name order, so that sorting numbers sorts names.
    let mut names: Vec<(&str, u32)> = log.activities.names().enumerate().map(|(i, n)| (n, i as u32)).collect();
    names.sort();
    let mut rank = vec![0u32; names.len()];
    for (r, &(_, id)) in names.iter().enumerate() {
        rank[id as usize] = r as u32;
    }
    let mut traces = Log::new();
    for v in variants(log, selection) {
        add(&mut traces, v.activities.iter().map(|a| rank[a.index()]).collect(), v.cases.len() as u64);
    }
    let miner = Miner { noise: noise.max(0.0) };
    let tree = miner.mine(traces).fold();
    rename(tree, &names).pm4py_order()
}

fn rename(tree: ProcessTree, names: &[(&str, u32)]) -> ProcessTree {
    match tree {
        ProcessTree::Activity(rank) => ProcessTree::Activity(
            rank.parse::<usize>().ok().and_then(|r| names.get(r)).map_or(rank, |n| n.0.to_owned()),
        ),
        ProcessTree::Node(op, children) => {
            ProcessTree::Node(op, children.into_iter().map(|c| rename(c, names)).collect())
        }
        ProcessTree::Tau => ProcessTree::Tau,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn mine(traces: &[(&str, u64)], noise: f64) -> String {
        let mut log = Log::new();
        for &(t, n) in traces {
            add(&mut log, t.bytes().map(|b| u32::from(b - b'a')).collect(), n);
        }
        let names: Vec<(&str, u32)> =
            ["a", "b", "c", "d", "e", "f"].iter().enumerate().map(|(i, n)| (*n, i as u32)).collect();
        rename(Miner { noise }.mine(log).fold(), &names).pm4py_order().to_string()
    }

    /// Trees PM4Py 2.7.23.11 discovers from the same logs, as it prints them.
    #[test]
    fn the_same_trees_as_pm4py() {
        type Case<'a> = (&'a [(&'a str, u64)], f64, &'a str);
        let cases: [Case; 8] = [
            (&[("abd", 3), ("acd", 2)], 0.0, "->( 'a', X( 'c', 'b' ), 'd' )"),
            (&[("abcd", 1), ("acbd", 1)], 0.0, "->( 'a', +( 'c', 'b' ), 'd' )"),
            (&[("abd", 1), ("abcbd", 1)], 0.0, "->( 'a', *( 'b', 'c' ), 'd' )"),
            (&[("abc", 50), ("acb", 1)], 0.2, "->( 'a', +( 'c', 'b' ) )"),
            (&[("abcd", 50), ("acbd", 1), ("abd", 1)], 0.2, "->( 'a', +( 'c', 'b' ), 'd' )"),
            (&[("abc", 10), ("ac", 1), ("abbc", 1)], 0.2, "->( 'a', *( 'b', tau ), 'c' )"),
            (&[("abcde", 5), ("aced", 3), ("aebcd", 1)], 0.0, "->( 'a', +( 'c', 'd', X( tau, 'b' ), 'e' ) )"),
            (&[("ab", 5), ("ba", 5), ("abab", 1)], 0.0, "+( *( 'a', tau ), *( 'b', tau ) )"),
        ];
        for (traces, noise, theirs) in cases {
            assert_eq!(mine(traces, noise), theirs, "{traces:?} with noise {noise}");
        }
        assert_eq!(mine(&[("ab", 1), ("", 1)], 0.0), "X( tau, ->( 'a', 'b' ) )");
    }
}
