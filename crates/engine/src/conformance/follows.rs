//! Which steps a model allows to follow each other directly: the pairs (a, b) such that some
//! run of the model fires the visible transition b right after a, with only silent ones
//! between; the start (`None` before the first step) and the end (`None` after the last).
//! The map marks the paths of the log outside this relation.
//!
//! Found by a search of the model's states, each a marking with the last visible step; a model
//! whose states pass a limit (a wide parallel block of many steps) gives `None` rather than a
//! long wait.

use std::collections::{BTreeSet, HashSet, VecDeque};

use super::net::{Node, PetriNet};

/// A step of a directly-follows pair: an activity, or `None` for the start or the end.
pub type FollowsStep = Option<String>;

/// Most states searched.
pub const FOLLOWS_STATES: usize = 200_000;

/// The directly-follows pairs the model allows, or `None` when its states pass `limit` or a
/// place would hold more than 255 tokens (the model is unbounded).
pub fn model_follows(net: &PetriNet, limit: usize) -> Option<BTreeSet<(FollowsStep, FollowsStep)>> {
    let places = net.places.len();
    let mut pre: Vec<Vec<(usize, u32)>> = vec![Vec::new(); net.transitions.len()];
    let mut post: Vec<Vec<(usize, u32)>> = vec![Vec::new(); net.transitions.len()];
    for arc in &net.arcs {
        match (arc.source, arc.target) {
            (Node::Place(p), Node::Transition(t)) => pre[t].push((p, arc.weight)),
            (Node::Transition(t), Node::Place(p)) => post[t].push((p, arc.weight)),
            _ => {}
        }
    }
    let dense = |pairs: &[(usize, u32)]| {
        let mut m = vec![0u8; places];
        for &(p, n) in pairs {
            m[p] = u8::try_from(n).unwrap_or(u8::MAX);
        }
        m
    };
    let finish = dense(&net.final_marking.0);
    let label = |t: usize| net.transitions[t].label.clone();
    // Steps with one label are one step: a state keeps the label's first transition, so that a
    // label on several transitions does not multiply states.
    let canonical: Vec<usize> = (0..net.transitions.len())
        .map(|t| (0..=t).find(|&u| net.transitions[u].label == net.transitions[t].label).unwrap_or(t))
        .collect();
    let mut out: BTreeSet<(FollowsStep, FollowsStep)> = BTreeSet::new();
    let start = (dense(&net.initial.0), None::<usize>);
    let mut seen: HashSet<(Vec<u8>, Option<usize>)> = HashSet::from([start.clone()]);
    let mut queue = VecDeque::from([start]);
    while let Some((marking, last)) = queue.pop_front() {
        let last_label = last.and_then(label);
        if marking == finish {
            out.insert((last_label.clone(), None));
        }
        for t in 0..net.transitions.len() {
            if !pre[t].iter().all(|&(p, w)| u32::from(marking[p]) >= w) {
                continue;
            }
            let mut next = marking.clone();
            for &(p, w) in &pre[t] {
                next[p] -= w as u8;
            }
            for &(p, w) in &post[t] {
                next[p] = u8::try_from(u32::from(next[p]) + w).ok()?;
            }
            let after = match net.transitions[t].label {
                Some(ref b) => {
                    out.insert((last_label.clone(), Some(b.clone())));
                    Some(canonical[t])
                }
                None => last,
            };
            let state = (next, after);
            if seen.insert(state.clone()) {
                if seen.len() > limit {
                    return None;
                }
                queue.push_back(state);
            }
        }
    }
    Some(out)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::conformance::ideal::{IdealModel, StepBlock};
    use crate::log::{EventLog, Selection};

    fn pair(a: Option<&str>, b: Option<&str>) -> (FollowsStep, FollowsStep) {
        (a.map(str::to_owned), b.map(str::to_owned))
    }

    #[test]
    fn a_sequence_with_an_optional_step_and_a_parallel_block() {
        let step = |a: &str, optional: bool| StepBlock::Step { activity: a.into(), optional, repeatable: false };
        let model = IdealModel::Steps {
            steps: vec![
                step("a", false),
                step("b", true),
                StepBlock::AnyOrder { activities: vec!["c".into(), "d".into()] },
            ],
        };
        let net = model.net(&EventLog::default(), Selection::All).unwrap();
        let follows = model_follows(&net, FOLLOWS_STATES).unwrap();
        let expected: BTreeSet<_> = [
            pair(None, Some("a")),
            pair(Some("a"), Some("b")),
            pair(Some("a"), Some("c")),
            pair(Some("a"), Some("d")),
            pair(Some("b"), Some("c")),
            pair(Some("b"), Some("d")),
            pair(Some("c"), Some("d")),
            pair(Some("d"), Some("c")),
            pair(Some("c"), None),
            pair(Some("d"), None),
        ]
        .into_iter()
        .collect();
        assert_eq!(follows, expected);
    }

    #[test]
    fn a_loop_follows_itself_and_a_limit_gives_up() {
        let model = IdealModel::Steps {
            steps: vec![StepBlock::Step { activity: "a".into(), optional: false, repeatable: true }],
        };
        let net = model.net(&EventLog::default(), Selection::All).unwrap();
        let follows = model_follows(&net, FOLLOWS_STATES).unwrap();
        assert!(follows.contains(&pair(Some("a"), Some("a"))));
        assert_eq!(model_follows(&net, 1), None);
    }
}
