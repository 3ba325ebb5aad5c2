//! A Petri net under construction, with PM4Py's simple reduction (silent transitions in
//! series fused): shared by the BPMN and process-tree translations.

use std::collections::{HashMap, HashSet};

use super::net::{Arc, Marking, Node, PetriNet, Place, Transition};

/// `wanted`, or `wanted_2`, `wanted_3`, ... the first not in `used`; claimed.
pub(crate) fn unique(used: &mut HashSet<String>, wanted: &str) -> String {
    let mut id = wanted.to_owned();
    let mut n = 1;
    while used.contains(&id) {
        n += 1;
        id = format!("{wanted}_{n}");
    }
    used.insert(id.clone());
    id
}

/// A net under construction, with arcs that can be removed (the reduction).
#[derive(Default)]
pub(crate) struct Builder {
    pub(crate) places: Vec<(String, bool)>,
    pub(crate) transitions: Vec<(String, Option<String>, bool)>,
    /// (source, target, alive).
    pub(crate) arcs: Vec<(Node, Node, bool)>,
    pub(crate) place_in: Vec<Vec<usize>>,
    pub(crate) place_out: Vec<Vec<usize>>,
    pub(crate) trans_in: Vec<Vec<usize>>,
    pub(crate) trans_out: Vec<Vec<usize>>,
    pub(crate) ids: HashSet<String>,
}

impl Builder {
    /// A builder holding `net`'s places, transitions and arcs (arcs of weight w become w arcs).
    pub(crate) fn from_net(net: &PetriNet) -> Builder {
        let mut b = Builder::default();
        for p in &net.places {
            b.place(&p.id);
        }
        for t in &net.transitions {
            b.transition(&t.id, t.label.clone());
        }
        for arc in &net.arcs {
            for _ in 0..arc.weight {
                b.arc(arc.source, arc.target);
            }
        }
        b
    }

    pub(crate) fn place(&mut self, id: &str) -> usize {
        let id = unique(&mut self.ids, id);
        self.places.push((id, true));
        self.place_in.push(Vec::new());
        self.place_out.push(Vec::new());
        self.places.len() - 1
    }

    pub(crate) fn transition(&mut self, id: &str, label: Option<String>) -> usize {
        let id = unique(&mut self.ids, id);
        self.transitions.push((id, label, true));
        self.trans_in.push(Vec::new());
        self.trans_out.push(Vec::new());
        self.transitions.len() - 1
    }

    pub(crate) fn arc(&mut self, source: Node, target: Node) {
        let a = self.arcs.len();
        self.arcs.push((source, target, true));
        match (source, target) {
            (Node::Place(p), Node::Transition(t)) => {
                self.place_out[p].push(a);
                self.trans_in[t].push(a);
            }
            (Node::Transition(t), Node::Place(p)) => {
                self.trans_out[t].push(a);
                self.place_in[p].push(a);
            }
            _ => unreachable!("arcs join a place and a transition"),
        }
    }

    pub(crate) fn live<'a>(&'a self, arcs: &'a [usize]) -> impl Iterator<Item = usize> + 'a {
        arcs.iter().copied().filter(|&a| self.arcs[a].2)
    }

    fn remove_transition(&mut self, t: usize) {
        self.transitions[t].2 = false;
        for a in self.trans_in[t].iter().chain(&self.trans_out[t]) {
            self.arcs[*a].2 = false;
        }
    }

    fn remove_place(&mut self, p: usize) {
        self.places[p].1 = false;
        for a in self.place_in[p].iter().chain(&self.place_out[p]) {
            self.arcs[*a].2 = false;
        }
    }

    /// A silent transition fed by a place that only it empties and only one transition
    /// fills: the filling transition takes over its outputs (PM4Py's
    /// `reduce_single_entry_transitions`, one step). Whether one was found.
    fn single_entry_step(&mut self) -> bool {
        for t in 0..self.transitions.len() {
            let (_, label, alive) = &self.transitions[t];
            if !*alive || label.is_some() {
                continue;
            }
            let ins: Vec<usize> = self.live(&self.trans_in[t]).collect();
            let [a] = ins[..] else { continue };
            let Node::Place(p) = self.arcs[a].0 else { continue };
            let fills: Vec<usize> = self.live(&self.place_in[p]).collect();
            let [fill] = fills[..] else { continue };
            if !self.live(&self.place_out[p]).all(|b| self.arcs[b].1 == Node::Transition(t)) {
                continue;
            }
            let Node::Transition(s) = self.arcs[fill].0 else { continue };
            if s == t {
                continue;
            }
            let outputs: Vec<Node> = self.live(&self.trans_out[t]).map(|b| self.arcs[b].1).collect();
            self.remove_transition(t);
            self.remove_place(p);
            for q in outputs {
                self.arc(Node::Transition(s), q);
            }
            return true;
        }
        false
    }

    /// A silent transition that alone fills a place that feeds one transition: its inputs feed
    /// that transition directly (PM4Py's `reduce_single_exit_transitions`, one step).
    fn single_exit_step(&mut self) -> bool {
        for t in 0..self.transitions.len() {
            let (_, label, alive) = &self.transitions[t];
            if !*alive || label.is_some() {
                continue;
            }
            let outs: Vec<usize> = self.live(&self.trans_out[t]).collect();
            let [a] = outs[..] else { continue };
            let Node::Place(p) = self.arcs[a].1 else { continue };
            let empties: Vec<usize> = self.live(&self.place_out[p]).collect();
            let [empty] = empties[..] else { continue };
            if !self.live(&self.place_in[p]).all(|b| self.arcs[b].0 == Node::Transition(t)) {
                continue;
            }
            let Node::Transition(u) = self.arcs[empty].1 else { continue };
            if u == t {
                continue;
            }
            let inputs: Vec<Node> = self.live(&self.trans_in[t]).map(|b| self.arcs[b].0).collect();
            self.remove_transition(t);
            self.remove_place(p);
            for q in inputs {
                self.arc(q, Node::Transition(u));
            }
            return true;
        }
        false
    }

    /// PM4Py's `apply_simple_reduction`: single-entry, then single-exit fusions, until
    /// neither finds anything.
    pub(crate) fn simple_reduction(&mut self) {
        loop {
            let mut changed = false;
            while self.single_entry_step() {
                changed = true;
            }
            while self.single_exit_step() {
                changed = true;
            }
            if !changed {
                break;
            }
        }
    }

    /// The net with the live elements, places without arcs dropped unless marked, parallel
    /// arcs merged into one of their summed weight.
    pub(crate) fn finish(self, name: String, source: usize, sink: usize) -> PetriNet {
        let mut net = PetriNet { name, ..PetriNet::default() };
        let mut place_at = vec![usize::MAX; self.places.len()];
        for (p, (id, alive)) in self.places.iter().enumerate() {
            let used = self.place_in[p].iter().chain(&self.place_out[p]).any(|&a| self.arcs[a].2);
            if *alive && (used || p == source || p == sink) {
                place_at[p] = net.places.len();
                net.places.push(Place { id: id.clone(), name: id.clone() });
            }
        }
        let mut trans_at = vec![usize::MAX; self.transitions.len()];
        for (t, (id, label, alive)) in self.transitions.iter().enumerate() {
            if *alive {
                trans_at[t] = net.transitions.len();
                net.transitions.push(Transition { id: id.clone(), label: label.clone() });
            }
        }
        let map = |n: Node| match n {
            Node::Place(p) => Node::Place(place_at[p]),
            Node::Transition(t) => Node::Transition(trans_at[t]),
        };
        let mut seen: HashMap<(Node, Node), usize> = HashMap::new();
        for &(s, t, alive) in &self.arcs {
            if !alive {
                continue;
            }
            let (s, t) = (map(s), map(t));
            match seen.get(&(s, t)) {
                Some(&i) => net.arcs[i].weight += 1,
                None => {
                    seen.insert((s, t), net.arcs.len());
                    net.arcs.push(Arc { source: s, target: t, weight: 1 });
                }
            }
        }
        net.initial = Marking::new([(place_at[source], 1)]);
        net.final_marking = Marking::new([(place_at[sink], 1)]);
        net
    }
}

/// Fuses silent transitions in series (PM4Py's `apply_simple_reduction`) and drops places
/// left without arcs; the net must have one initial and one final place.
pub(crate) fn simple_reduction(net: &mut PetriNet) {
    let (Some(&(source, _)), Some(&(sink, _))) = (net.initial.0.first(), net.final_marking.0.first()) else { return };
    let mut b = Builder::from_net(net);
    b.simple_reduction();
    let name = std::mem::take(&mut net.name);
    *net = b.finish(name, source, sink);
}
