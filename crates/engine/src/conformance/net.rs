//! Petri nets with an initial and a final marking: what a model becomes before a log is
//! checked against it, whether it was drawn in BPMN, written as PNML, listed as steps or
//! discovered.

use serde::{Deserialize, Serialize};

/// A place: a condition that holds tokens.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Place {
    /// Identifier, unique in the net (PNML `id`).
    pub id: String,
    /// Display name (PNML `name`), the id when the file gives none.
    pub name: String,
}

/// A transition: an activity of the process, or a silent step (`label` is `None`) that only
/// routes tokens.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Transition {
    /// Identifier, unique in the net (PNML `id`).
    pub id: String,
    /// The activity it stands for; `None` for a silent (invisible, tau) transition.
    pub label: Option<String>,
}

/// One end of an arc.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub enum Node {
    /// A place, by index into [`PetriNet::places`].
    Place(usize),
    /// A transition, by index into [`PetriNet::transitions`].
    Transition(usize),
}

/// An arc from a place to a transition or back, moving `weight` tokens.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Arc {
    /// Where the tokens come from.
    pub source: Node,
    /// Where they go.
    pub target: Node,
    /// How many tokens it moves (1 unless the model says otherwise).
    pub weight: u32,
}

/// Tokens per place, as (place index, count) pairs sorted by place, counts above zero.
#[derive(Clone, Debug, Default, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub struct Marking(pub Vec<(usize, u32)>);

impl Marking {
    /// A marking from (place, count) pairs in any order; counts of one place add up and
    /// zero counts are dropped.
    pub fn new(pairs: impl IntoIterator<Item = (usize, u32)>) -> Marking {
        let mut all: Vec<(usize, u32)> = pairs.into_iter().filter(|p| p.1 > 0).collect();
        all.sort_unstable();
        let mut merged: Vec<(usize, u32)> = Vec::with_capacity(all.len());
        for (place, count) in all {
            match merged.last_mut() {
                Some(last) if last.0 == place => last.1 += count,
                _ => merged.push((place, count)),
            }
        }
        Marking(merged)
    }

    /// Whether no place holds a token.
    pub fn is_empty(&self) -> bool {
        self.0.is_empty()
    }

    /// All tokens in the marking.
    pub fn tokens(&self) -> u64 {
        self.0.iter().map(|p| u64::from(p.1)).sum()
    }
}

/// A Petri net with the marking a case starts in and the one it must end in.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct PetriNet {
    /// Name of the net (PNML `net` id or name, BPMN process name).
    pub name: String,
    /// Places.
    pub places: Vec<Place>,
    /// Transitions.
    pub transitions: Vec<Transition>,
    /// Arcs, each between a place and a transition.
    pub arcs: Vec<Arc>,
    /// The marking a case starts in.
    pub initial: Marking,
    /// The marking a case must end in.
    pub final_marking: Marking,
}

/// Counts that describe a net (the CLI's `model` object).
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct NetSize {
    /// Places.
    pub places: usize,
    /// Transitions, silent ones included.
    pub transitions: usize,
    /// Silent transitions.
    pub silent_transitions: usize,
}

/// A net that cannot be used for checking, and why.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum NetError {
    /// An arc joins two places or two transitions.
    ArcKinds {
        /// The arc's position in the list.
        arc: usize,
    },
    /// The net has no initial marking: no case could start.
    NoInitialMarking,
    /// The net has no final marking, and none could be guessed.
    NoFinalMarking,
}

impl std::fmt::Display for NetError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            NetError::ArcKinds { arc } => write!(f, "arc {} joins two places or two transitions", arc + 1),
            NetError::NoInitialMarking => {
                f.write_str("the model has no initial marking (no place holds a token at the start)")
            }
            NetError::NoFinalMarking => {
                f.write_str("the model has no final marking and no place without outgoing arcs to end in")
            }
        }
    }
}

impl std::error::Error for NetError {}

impl PetriNet {
    /// Counts of places, transitions and silent transitions.
    pub fn size(&self) -> NetSize {
        NetSize {
            places: self.places.len(),
            transitions: self.transitions.len(),
            silent_transitions: self.transitions.iter().filter(|t| t.label.is_none()).count(),
        }
    }

    /// Adds a place and returns its index.
    pub fn add_place(&mut self, id: impl Into<String>) -> usize {
        let id = id.into();
        self.places.push(Place { name: id.clone(), id });
        self.places.len() - 1
    }

    /// Adds a transition (silent when `label` is `None`) and returns its index.
    pub fn add_transition(&mut self, id: impl Into<String>, label: Option<String>) -> usize {
        self.transitions.push(Transition { id: id.into(), label });
        self.transitions.len() - 1
    }

    /// Adds an arc of weight 1.
    pub fn add_arc(&mut self, source: Node, target: Node) {
        self.arcs.push(Arc { source, target, weight: 1 });
    }

    /// The places with no arc leaving them: where a workflow net ends.
    pub fn sink_places(&self) -> Vec<usize> {
        let mut leaves = vec![false; self.places.len()];
        for arc in &self.arcs {
            if let Node::Place(p) = arc.source {
                leaves[p] = true;
            }
        }
        (0..self.places.len()).filter(|&p| !leaves[p]).collect()
    }

    /// Checks what every algorithm relies on: arcs join a place and a transition, and both
    /// markings exist.
    pub fn validate(&self) -> Result<(), NetError> {
        for (i, arc) in self.arcs.iter().enumerate() {
            if matches!(
                (arc.source, arc.target),
                (Node::Place(_), Node::Place(_)) | (Node::Transition(_), Node::Transition(_))
            ) {
                return Err(NetError::ArcKinds { arc: i });
            }
        }
        if self.initial.is_empty() {
            return Err(NetError::NoInitialMarking);
        }
        if self.final_marking.is_empty() {
            return Err(NetError::NoFinalMarking);
        }
        Ok(())
    }

    /// The distinct activity labels of the visible transitions, sorted.
    pub fn labels(&self) -> Vec<&str> {
        let mut labels: Vec<&str> = self.transitions.iter().filter_map(|t| t.label.as_deref()).collect();
        labels.sort_unstable();
        labels.dedup();
        labels
    }

    /// A strict sequence of the given activities: one visible transition each, between
    /// places `p0` … `pn`; a case starts in `p0` and ends in `pn`.
    pub fn sequence<S: AsRef<str>>(activities: &[S]) -> PetriNet {
        let mut net = PetriNet { name: "sequence".into(), ..PetriNet::default() };
        let mut place = net.add_place("p0");
        net.initial = Marking::new([(place, 1)]);
        for (i, activity) in activities.iter().enumerate() {
            let t = net.add_transition(format!("t{}", i + 1), Some(activity.as_ref().to_owned()));
            let next = net.add_place(format!("p{}", i + 1));
            net.add_arc(Node::Place(place), Node::Transition(t));
            net.add_arc(Node::Transition(t), Node::Place(next));
            place = next;
        }
        net.final_marking = Marking::new([(place, 1)]);
        net
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn markings_merge_and_sort() {
        assert_eq!(Marking::new([(3, 1), (1, 2), (3, 1), (2, 0)]), Marking(vec![(1, 2), (3, 2)]));
        assert_eq!(Marking::new([(3, 1), (1, 2)]).tokens(), 3);
    }

    #[test]
    fn a_sequence_is_a_valid_net_ending_in_its_sink() {
        let net = PetriNet::sequence(&["a", "b"]);
        assert_eq!(net.size(), NetSize { places: 3, transitions: 2, silent_transitions: 0 });
        assert_eq!(net.sink_places(), vec![2]);
        assert_eq!(net.labels(), vec!["a", "b"]);
        net.validate().unwrap();
    }
}
