//! Process trees: block-structured models (sequence, exclusive choice, parallel, loop), what
//! the Inductive Miner discovers and what an ordered list of steps describes. A tree becomes
//! a sound workflow net with PM4Py's translation.

use std::fmt;

use serde::{Deserialize, Serialize};

use super::net::{Marking, Node, PetriNet};

/// The operator of an inner node.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Operator {
    /// The children one after the other.
    Sequence,
    /// Exactly one of the children.
    Xor,
    /// All children, in any interleaving.
    Parallel,
    /// The first child, then any number of times (a later child, then the first again).
    Loop,
}

impl Operator {
    /// PM4Py's symbol.
    pub fn symbol(self) -> &'static str {
        match self {
            Operator::Sequence => "->",
            Operator::Xor => "X",
            Operator::Parallel => "+",
            Operator::Loop => "*",
        }
    }
}

/// A process tree.
#[derive(Clone, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum ProcessTree {
    /// A silent step.
    Tau,
    /// One activity.
    Activity(String),
    /// An operator over its children.
    Node(Operator, Vec<ProcessTree>),
}

impl fmt::Display for ProcessTree {
    /// PM4Py's notation: `->( 'a', X( tau, 'b' ) )`.
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            ProcessTree::Tau => f.write_str("tau"),
            ProcessTree::Activity(a) => write!(f, "'{a}'"),
            ProcessTree::Node(op, children) => {
                write!(f, "{}( ", op.symbol())?;
                for (i, c) in children.iter().enumerate() {
                    if i > 0 {
                        f.write_str(", ")?;
                    }
                    c.fmt(f)?;
                }
                f.write_str(" )")
            }
        }
    }
}

impl ProcessTree {
    /// An activity leaf.
    pub fn activity(name: impl Into<String>) -> ProcessTree {
        ProcessTree::Activity(name.into())
    }

    /// The activities of the tree's leaves, in order, with repeats.
    pub fn activities(&self) -> Vec<&str> {
        let mut out = Vec::new();
        self.visit(&mut |t| {
            if let ProcessTree::Activity(a) = t {
                out.push(a.as_str());
            }
        });
        out
    }

    fn visit<'a>(&'a self, f: &mut impl FnMut(&'a ProcessTree)) {
        f(self);
        if let ProcessTree::Node(_, children) = self {
            for c in children {
                c.visit(f);
            }
        }
    }

    /// The tree with the children of every choice and parallel block in PM4Py's order
    /// (`tree_sort`): by the sum over their leaves of the MD5 of each activity name, read as
    /// a number; the sort is stable. Trees print and translate to nets exactly as PM4Py's.
    pub fn pm4py_order(self) -> ProcessTree {
        self.sorted_with_sum().0
    }

    fn sorted_with_sum(self) -> (ProcessTree, HashSum) {
        match self {
            ProcessTree::Tau => (ProcessTree::Tau, HashSum::default()),
            ProcessTree::Activity(a) => {
                use md5::Digest;
                let digest: [u8; 16] = md5::Md5::digest(a.as_bytes()).into();
                let sum = HashSum::of(u128::from_be_bytes(digest));
                (ProcessTree::Activity(a), sum)
            }
            ProcessTree::Node(op, children) => {
                let mut total = HashSum::default();
                let mut sorted: Vec<(ProcessTree, HashSum)> =
                    children.into_iter().map(ProcessTree::sorted_with_sum).collect();
                for (_, s) in &sorted {
                    total.add(*s);
                }
                if matches!(op, Operator::Xor | Operator::Parallel) {
                    sorted.sort_by_key(|(_, s)| *s);
                }
                (ProcessTree::Node(op, sorted.into_iter().map(|(t, _)| t).collect()), total)
            }
        }
    }

    fn is_tau(&self) -> bool {
        matches!(self, ProcessTree::Tau)
    }

    /// The tree without redundant structure, as PM4Py folds a discovered tree: silent
    /// children of sequences and parallel blocks go, an exclusive choice keeps one silent
    /// child, nested sequences, choices and parallel blocks merge into their parent of the
    /// same operator, and an operator with one child is that child.
    pub fn fold(self) -> ProcessTree {
        let ProcessTree::Node(op, children) = self else { return self };
        let mut flat: Vec<ProcessTree> = Vec::with_capacity(children.len());
        for child in children.into_iter().map(ProcessTree::fold) {
            match child {
                ProcessTree::Node(inner, grand) if inner == op && op != Operator::Loop => flat.extend(grand),
                other => flat.push(other),
            }
        }
        let had_tau = op != Operator::Loop && flat.iter().any(ProcessTree::is_tau);
        let mut out: Vec<ProcessTree> =
            if op == Operator::Loop { flat } else { flat.into_iter().filter(|c| !c.is_tau()).collect() };
        match op {
            Operator::Xor if had_tau => out.insert(0, ProcessTree::Tau),
            Operator::Sequence | Operator::Parallel if out.is_empty() => return ProcessTree::Tau,
            _ => {}
        }
        if op == Operator::Xor && out.is_empty() {
            return ProcessTree::Tau;
        }
        if out.len() == 1 && op != Operator::Loop {
            return out.pop().unwrap_or(ProcessTree::Tau);
        }
        if op == Operator::Loop && out.iter().all(ProcessTree::is_tau) {
            return ProcessTree::Tau;
        }
        ProcessTree::Node(op, out)
    }

    /// The tree as a sound workflow net (PM4Py's `convert_to_petri_net` construction: a
    /// source and a sink place, silent split and join transitions around parallel blocks,
    /// silent entry, exit and back transitions around loops), then silent transitions in
    /// series fused.
    pub fn to_petri_net(&self) -> PetriNet {
        let mut b =
            TreeNet { net: PetriNet { name: "process tree".into(), ..PetriNet::default() }, hidden: 0, visible: 0 };
        let source = b.net.add_place("source");
        let sink = b.net.add_place("sink");
        b.net.initial = Marking::new([(source, 1)]);
        b.net.final_marking = Marking::new([(sink, 1)]);
        // PM4Py adds a silent first and last step when the tree starts or ends with a choice,
        // a parallel block or a loop, so that the source and sink places are not shared.
        let start = if self.needs_entry() {
            let p = b.place();
            let t = b.hidden("tau");
            b.arc_pt(source, t);
            b.arc_tp(t, p);
            p
        } else {
            source
        };
        let end = if self.needs_exit() {
            let p = b.place();
            let t = b.hidden("tau");
            b.arc_pt(p, t);
            b.arc_tp(t, sink);
            p
        } else {
            sink
        };
        b.add(self, Entry::Place(start), Some(Entry::Place(end)));
        super::builder::simple_reduction(&mut b.net);
        b.net
    }

    fn children(&self) -> &[ProcessTree] {
        match self {
            ProcessTree::Node(_, c) => c,
            _ => &[],
        }
    }

    fn op(&self) -> Option<Operator> {
        match self {
            ProcessTree::Node(op, _) => Some(*op),
            _ => None,
        }
    }

    /// PM4Py's `check_terminal_loop`: the last child, descending through operators, is a loop.
    fn terminal_loop(&self) -> bool {
        match self.children().last() {
            Some(c) if c.op() == Some(Operator::Loop) => true,
            Some(c) if c.op().is_some() => c.terminal_loop(),
            _ => false,
        }
    }

    /// PM4Py's `check_loop_to_first_operator` (and to the last, with `last`).
    fn loop_at_edge(&self, last: bool) -> bool {
        if self.op() == Some(Operator::Loop) {
            return true;
        }
        let edge = if last { self.children().last() } else { self.children().first() };
        match edge {
            Some(c) if c.op() == Some(Operator::Loop) => true,
            Some(c) => c.loop_at_edge(last),
            None => false,
        }
    }

    /// PM4Py's `check_tau_mandatory_at_initial_marking`: whether the net needs a silent
    /// first step out of the source place.
    fn needs_entry(&self) -> bool {
        // `check_initial_loop`: the first child is a loop, or ends (sic) in one.
        let initial_loop = match self.children().first() {
            Some(c) if c.op() == Some(Operator::Loop) => true,
            Some(c) if c.op().is_some() => c.terminal_loop(),
            _ => false,
        };
        initial_loop || self.loop_at_edge(false) || matches!(self.op(), Some(Operator::Xor | Operator::Parallel))
    }

    /// PM4Py's `check_tau_mandatory_at_final_marking`.
    fn needs_exit(&self) -> bool {
        self.terminal_loop() || self.loop_at_edge(true) || matches!(self.op(), Some(Operator::Xor | Operator::Parallel))
    }
}

/// A sum of 128-bit hashes without overflow: (high, low) limbs, compared as one number.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, PartialOrd, Ord)]
struct HashSum(u64, u128);

impl HashSum {
    fn of(h: u128) -> HashSum {
        HashSum(0, h)
    }

    fn add(&mut self, other: HashSum) {
        let (low, carry) = self.1.overflowing_add(other.1);
        self.1 = low;
        self.0 += other.0 + u64::from(carry);
    }
}

/// Where a subtree is attached: to a place, or (parallel blocks) to a transition that needs
/// a place of its own.
#[derive(Clone, Copy)]
enum Entry {
    Place(usize),
    Transition(usize),
}

struct TreeNet {
    net: PetriNet,
    hidden: usize,
    visible: usize,
}

impl TreeNet {
    /// A new place, named as PM4Py names them (`p_3` onwards: the source and the sink took
    /// the first two numbers): replay visits places in name order.
    fn place(&mut self) -> usize {
        let n = self.net.places.len() + 1;
        self.net.add_place(format!("p_{n}"))
    }

    fn hidden(&mut self, kind: &str) -> usize {
        self.hidden += 1;
        self.net.add_transition(format!("{kind}_{}", self.hidden), None)
    }

    fn arc_pt(&mut self, p: usize, t: usize) {
        self.net.add_arc(Node::Place(p), Node::Transition(t));
    }

    fn arc_tp(&mut self, t: usize, p: usize) {
        self.net.add_arc(Node::Transition(t), Node::Place(p));
    }

    /// Adds `tree` between `from` and `to` (a new place when `None`); returns its final place.
    fn add(&mut self, tree: &ProcessTree, from: Entry, to: Option<Entry>) -> usize {
        let initial = match from {
            Entry::Place(p) => p,
            Entry::Transition(t) => {
                let p = self.place();
                self.arc_tp(t, p);
                p
            }
        };
        let last = match to {
            Some(Entry::Place(p)) => p,
            other => {
                let p = self.place();
                if let Some(Entry::Transition(t)) = other {
                    self.arc_pt(p, t);
                }
                p
            }
        };
        match tree {
            ProcessTree::Tau => {
                let t = self.hidden("skip");
                self.arc_pt(initial, t);
                self.arc_tp(t, last);
            }
            ProcessTree::Activity(label) => {
                self.visible += 1;
                let t = self.net.add_transition(format!("t_{}", self.visible), Some(label.clone()));
                self.arc_pt(initial, t);
                self.arc_tp(t, last);
            }
            ProcessTree::Node(Operator::Xor, children) => {
                for c in children {
                    self.add(c, Entry::Place(initial), Some(Entry::Place(last)));
                }
            }
            ProcessTree::Node(Operator::Parallel, children) => {
                let split = self.hidden("tauSplit");
                self.arc_pt(initial, split);
                let join = self.hidden("tauJoin");
                self.arc_tp(join, last);
                for c in children {
                    self.add(c, Entry::Transition(split), Some(Entry::Transition(join)));
                }
            }
            ProcessTree::Node(Operator::Sequence, children) => {
                let mut at = initial;
                for (i, c) in children.iter().enumerate() {
                    let to = (i + 1 == children.len()).then_some(Entry::Place(last));
                    at = self.add(c, Entry::Place(at), to);
                }
            }
            ProcessTree::Node(Operator::Loop, children) => {
                let entry = self.place();
                let init = self.hidden("init_loop");
                self.arc_pt(initial, init);
                self.arc_tp(init, entry);
                let back = self.hidden("loop");
                if children.len() == 1 {
                    self.add(&children[0], Entry::Place(entry), Some(Entry::Place(last)));
                    self.arc_pt(last, back);
                    self.arc_tp(back, entry);
                } else {
                    let done = self.add(&children[0], Entry::Place(entry), None);
                    let mut redo_end = None;
                    for c in &children[1..] {
                        redo_end = Some(self.add(c, Entry::Place(done), redo_end.map(Entry::Place)));
                    }
                    self.add(&ProcessTree::Tau, Entry::Place(done), Some(Entry::Place(last)));
                    if let Some(r) = redo_end {
                        self.arc_pt(r, back);
                    }
                    self.arc_tp(back, entry);
                }
            }
        }
        last
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::conformance::align::Aligner;

    fn a(s: &str) -> ProcessTree {
        ProcessTree::activity(s)
    }

    fn node(op: Operator, c: Vec<ProcessTree>) -> ProcessTree {
        ProcessTree::Node(op, c)
    }

    #[test]
    fn prints_as_pm4py_does() {
        let t = node(Operator::Sequence, vec![a("a"), node(Operator::Xor, vec![ProcessTree::Tau, a("b")])]);
        assert_eq!(t.to_string(), "->( 'a', X( tau, 'b' ) )");
    }

    #[test]
    fn folding_removes_what_changes_nothing() {
        let t = node(
            Operator::Sequence,
            vec![
                a("a"),
                ProcessTree::Tau,
                node(Operator::Sequence, vec![a("b"), a("c")]),
                node(Operator::Xor, vec![ProcessTree::Tau, node(Operator::Xor, vec![ProcessTree::Tau, a("d")])]),
                node(Operator::Parallel, vec![a("e")]),
            ],
        );
        assert_eq!(t.fold().to_string(), "->( 'a', 'b', 'c', X( tau, 'd' ), 'e' )");
    }

    fn cost(tree: &ProcessTree, trace: &[&str]) -> u64 {
        let net = tree.to_petri_net();
        net.validate().unwrap();
        Aligner::new(&net).unwrap().align(trace).unwrap().cost / 10_000
    }

    #[test]
    fn the_net_accepts_the_trees_language() {
        let t = node(
            Operator::Sequence,
            vec![
                a("a"),
                node(Operator::Parallel, vec![a("b"), a("c")]),
                node(Operator::Loop, vec![a("d"), a("e")]),
                node(Operator::Xor, vec![ProcessTree::Tau, a("f")]),
            ],
        );
        for fits in
            [&["a", "b", "c", "d"][..], &["a", "c", "b", "d", "e", "d", "f"], &["a", "b", "c", "d", "e", "d", "e", "d"]]
        {
            assert_eq!(cost(&t, fits), 0, "{fits:?}");
        }
        assert_eq!(cost(&t, &["a", "b", "d"]), 1); // c skipped
        assert_eq!(cost(&t, &["a", "b", "c", "d", "e"]), 1); // the loop must end with d
        assert_eq!(cost(&t, &["a", "b", "c", "d", "f", "f"]), 1);
    }
}
