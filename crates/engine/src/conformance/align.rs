//! Optimal alignments of traces against a Petri net, with PM4Py's standard costs.
//!
//! An alignment pairs a trace with a run of the model from the initial to the final marking:
//! a *synchronous move* fires a transition with the event's label (cost 0), a *log move*
//! skips an event (10,000), a *model move* fires a transition with no event (10,000 for a
//! visible one, 1 for a silent one). The search is A* over (events consumed, marking) with a
//! consistent heuristic (every remaining event whose activity no transition carries must be
//! a log move), so the cost it returns is the optimal one: unique, and equal to PM4Py's
//! (`state_equation_a_star`) to the unit. The moves are one optimal alignment; ties make
//! others equally right. Costs and fitness follow `docs/DESIGN.md` "Conformance" and
//! PM4Py's `alignments/petri_net/algorithm.py`.

use std::cmp::Reverse;
use std::collections::BinaryHeap;

type HashMap<K, V> = hashbrown::HashMap<K, V, foldhash::fast::FixedState>;
use serde::{Deserialize, Serialize};

use super::net::{Node, PetriNet};

/// Cost of a log move and of a model move on a visible transition.
pub const DEVIATION_COST: u64 = 10_000;
/// Cost of a model move on a silent transition.
pub const SILENT_COST: u64 = 1;
/// The search gives up after this many states (a model whose state space explodes).
pub const MAX_STATES: usize = 4_000_000;

/// One step of an alignment.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(tag = "kind", rename_all = "snake_case")]
pub enum Move {
    /// The event at `event` and the transition fired together.
    Sync {
        /// Position of the event in the trace.
        event: usize,
        /// Index of the transition.
        transition: usize,
    },
    /// The event at `event` happened where the model allowed no such step.
    Log {
        /// Position of the event in the trace.
        event: usize,
    },
    /// The model fired `transition` with no event: a skipped step when it is visible,
    /// routing when it is silent.
    Model {
        /// Index of the transition.
        transition: usize,
    },
}

/// An optimal alignment of one trace.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Alignment {
    /// Its cost in PM4Py's units.
    pub cost: u64,
    /// The moves, in order.
    pub moves: Vec<Move>,
    /// States the search took from the queue (a measure of its work).
    pub visited: usize,
}

/// Why a trace could not be aligned.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum AlignError {
    /// The final marking cannot be reached from the initial one: the model is not sound.
    Unreachable,
    /// The search passed [`MAX_STATES`] states.
    TooLarge {
        /// States stored when it stopped.
        states: usize,
    },
    /// A place would hold more than 255 tokens: the model is unbounded.
    Unbounded,
}

impl std::fmt::Display for AlignError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            AlignError::Unreachable => f.write_str(
                "the model's final marking cannot be reached from its initial marking (the model is not sound)",
            ),
            AlignError::TooLarge { states } => write!(f, "the alignment search passed {states} states and was stopped"),
            AlignError::Unbounded => {
                f.write_str("a place of the model would hold more than 255 tokens (the model is unbounded)")
            }
        }
    }
}

impl std::error::Error for AlignError {}

/// A net prepared for aligning many traces.
#[derive(Clone, Debug)]
pub struct Aligner<'n> {
    net: &'n PetriNet,
    /// Input arcs per transition: (place, weight).
    pre: Vec<Vec<(u32, u8)>>,
    /// Output arcs per transition, as signed changes: (place, output − input).
    delta: Vec<Vec<(u32, i16)>>,
    /// Transitions that consume from each place.
    consumers: Vec<Vec<u32>>,
    /// Transitions with no input place: enabled in every marking.
    sources: Vec<u32>,
    /// Label index per transition (`None` for silent ones).
    label: Vec<Option<u32>>,
    /// Label names to their index.
    labels: HashMap<String, u32>,
    initial: Box<[u8]>,
    finish: Box<[u8]>,
    bwc_model: u64,
    /// Per place, the labels (bits by label index) of every transition reachable from it
    /// along the arcs, ignoring the other tokens a transition needs: what a token there could
    /// still lead to.
    reachable: Vec<Vec<u64>>,
    /// The labels reachable from transitions without input places (always enabled).
    from_sources: Vec<u64>,
    /// For nets of at most 128 places with arcs of weight 1: each transition's input and
    /// output places as bits, so that a marking of a safe net is one number.
    bits: Option<(Vec<u128>, Vec<u128>)>,
}

/// Why a search stopped without an alignment.
enum Stop {
    Error(AlignError),
    /// A place would hold two tokens: the bit-set search cannot go on (the dense one can).
    NotSafe,
}

impl From<AlignError> for Stop {
    fn from(e: AlignError) -> Stop {
        Stop::Error(e)
    }
}

/// A marking as the search holds it.
trait Mark: Clone + Eq + std::hash::Hash {
    /// Calls `f` with every place that holds a token.
    fn each_marked(&self, f: impl FnMut(usize));
    fn enabled(&self, a: &Aligner<'_>, t: usize) -> bool;
    fn fire(&self, a: &Aligner<'_>, t: usize) -> Result<Self, Stop>;
}

impl Mark for Box<[u8]> {
    fn each_marked(&self, mut f: impl FnMut(usize)) {
        for (p, &tokens) in self.iter().enumerate() {
            if tokens > 0 {
                f(p);
            }
        }
    }

    fn enabled(&self, a: &Aligner<'_>, t: usize) -> bool {
        a.pre[t].iter().all(|&(p, w)| self[p as usize] >= w)
    }

    fn fire(&self, a: &Aligner<'_>, t: usize) -> Result<Self, Stop> {
        Ok(a.fire(self, t)?)
    }
}

/// A marking of a safe net: bit `p` set when place `p` holds its token.
#[derive(Clone, Copy, PartialEq, Eq, Hash)]
struct Bits(u128);

impl Mark for Bits {
    fn each_marked(&self, mut f: impl FnMut(usize)) {
        let mut rest = self.0;
        while rest != 0 {
            let p = rest.trailing_zeros() as usize;
            f(p);
            rest &= rest - 1;
        }
    }

    fn enabled(&self, a: &Aligner<'_>, t: usize) -> bool {
        let pre = a.bits.as_ref().map_or(0, |b| b.0[t]);
        self.0 & pre == pre
    }

    fn fire(&self, a: &Aligner<'_>, t: usize) -> Result<Self, Stop> {
        let Some((pre, post)) = &a.bits else { return Err(Stop::NotSafe) };
        let rest = self.0 & !pre[t];
        if rest & post[t] != 0 {
            return Err(Stop::NotSafe);
        }
        Ok(Bits(rest | post[t]))
    }
}

impl Bits {
    fn of(places: &[u8]) -> Option<Bits> {
        let mut bits = 0u128;
        for (p, &n) in places.iter().enumerate() {
            match n {
                0 => {}
                1 => bits |= 1 << p,
                _ => return None,
            }
        }
        Some(Bits(bits))
    }
}

fn dense(places: usize, marking: &super::net::Marking) -> Result<Box<[u8]>, AlignError> {
    let mut out = vec![0u8; places];
    for &(p, n) in &marking.0 {
        out[p] = u8::try_from(n).map_err(|_| AlignError::Unbounded)?;
    }
    Ok(out.into_boxed_slice())
}

/// A search state: a marking (interned) and how many events are consumed.
#[derive(Clone, Copy)]
struct State {
    marking: u32,
    event: u32,
    cost: u64,
    parent: u32,
    step: Step,
}

#[derive(Clone, Copy)]
enum Step {
    Start,
    Sync(u32),
    Log,
    Model(u32),
}

impl<'n> Aligner<'n> {
    /// Prepares `net` (checked with [`PetriNet::validate`] by the caller) and computes the
    /// cost of its cheapest run, the best-worst cost PM4Py adds to every trace's.
    pub fn new(net: &'n PetriNet) -> Result<Aligner<'n>, AlignError> {
        let places = net.places.len();
        let transitions = net.transitions.len();
        let mut pre = vec![Vec::new(); transitions];
        let mut change: Vec<HashMap<u32, i32>> = vec![HashMap::default(); transitions];
        for arc in &net.arcs {
            let weight = i32::try_from(arc.weight).unwrap_or(i32::MAX);
            match (arc.source, arc.target) {
                (Node::Place(p), Node::Transition(t)) => {
                    pre[t].push((p as u32, u8::try_from(arc.weight).map_err(|_| AlignError::Unbounded)?));
                    *change[t].entry(p as u32).or_default() -= weight;
                }
                (Node::Transition(t), Node::Place(p)) => *change[t].entry(p as u32).or_default() += weight,
                _ => {}
            }
        }
        let mut consumers = vec![Vec::new(); places];
        let mut sources = Vec::new();
        for (t, inputs) in pre.iter_mut().enumerate() {
            // Two arcs from one place to one transition add up.
            inputs.sort_unstable();
            let mut merged: Vec<(u32, u8)> = Vec::with_capacity(inputs.len());
            for &(p, w) in inputs.iter() {
                match merged.last_mut() {
                    Some(last) if last.0 == p => last.1 = last.1.checked_add(w).ok_or(AlignError::Unbounded)?,
                    _ => merged.push((p, w)),
                }
            }
            *inputs = merged;
            if inputs.is_empty() {
                sources.push(t as u32);
            }
            for &(p, _) in inputs.iter() {
                consumers[p as usize].push(t as u32);
            }
        }
        let delta = change
            .into_iter()
            .map(|c| {
                let mut d: Vec<(u32, i16)> =
                    c.into_iter().filter(|&(_, v)| v != 0).map(|(p, v)| (p, v.clamp(-255, 255) as i16)).collect();
                d.sort_unstable();
                d
            })
            .collect();
        let mut labels = HashMap::default();
        let label: Vec<Option<u32>> = net
            .transitions
            .iter()
            .map(|t| {
                t.label.as_ref().map(|l| {
                    let next = labels.len() as u32;
                    *labels.entry(l.clone()).or_insert(next)
                })
            })
            .collect();
        let words = labels.len().div_ceil(64).max(1);
        let mut outputs: Vec<Vec<usize>> = vec![Vec::new(); transitions];
        for arc in &net.arcs {
            if let (Node::Transition(t), Node::Place(p)) = (arc.source, arc.target) {
                outputs[t].push(p);
            }
        }
        // Transitions reachable from each place: a search per place (nets are small).
        let reach_from = |starts: &[u32]| -> Vec<u64> {
            let mut bits = vec![0u64; words];
            let mut seen = vec![false; transitions];
            let mut stack: Vec<usize> = starts.iter().map(|&t| t as usize).collect();
            while let Some(t) = stack.pop() {
                if std::mem::replace(&mut seen[t], true) {
                    continue;
                }
                if let Some(l) = label[t] {
                    bits[l as usize / 64] |= 1 << (l % 64);
                }
                for &p in &outputs[t] {
                    stack.extend(consumers[p].iter().map(|&x| x as usize));
                }
            }
            bits
        };
        let reachable = (0..places).map(|p| reach_from(&consumers[p])).collect();
        let from_sources = reach_from(&sources);
        let unit = places <= 128
            && net.arcs.iter().all(|a| a.weight == 1)
            && pre.iter().all(|i| i.iter().all(|&(_, w)| w == 1));
        let bits = unit.then(|| {
            let mut pre_bits = vec![0u128; transitions];
            let mut post_bits = vec![0u128; transitions];
            for arc in &net.arcs {
                match (arc.source, arc.target) {
                    (Node::Place(p), Node::Transition(t)) => pre_bits[t] |= 1 << p,
                    (Node::Transition(t), Node::Place(p)) => post_bits[t] |= 1 << p,
                    _ => {}
                }
            }
            (pre_bits, post_bits)
        });
        let mut aligner = Aligner {
            net,
            pre,
            delta,
            consumers,
            sources,
            label,
            labels,
            initial: dense(places, &net.initial)?,
            finish: dense(places, &net.final_marking)?,
            bwc_model: 0,
            reachable,
            from_sources,
            bits,
        };
        aligner.bwc_model = aligner.align::<&str>(&[])?.cost;
        Ok(aligner)
    }

    /// The net being aligned against.
    pub fn net(&self) -> &'n PetriNet {
        self.net
    }

    /// The cost of aligning the empty trace: the model's cheapest complete run.
    pub fn bwc_model(&self) -> u64 {
        self.bwc_model
    }

    /// PM4Py's best-worst cost of a trace of `events` events: all of them log moves, then the
    /// model's cheapest run.
    pub fn bwc(&self, events: usize) -> u64 {
        DEVIATION_COST * events as u64 + self.bwc_model
    }

    fn fire(&self, marking: &[u8], t: usize) -> Result<Box<[u8]>, AlignError> {
        let mut next: Box<[u8]> = marking.into();
        for &(p, d) in &self.delta[t] {
            let v = i16::from(next[p as usize]) + d;
            next[p as usize] = u8::try_from(v).map_err(|_| AlignError::Unbounded)?;
        }
        Ok(next)
    }

    /// An optimal alignment of one trace (its activities in order).
    pub fn align<S: AsRef<str>>(&self, trace: &[S]) -> Result<Alignment, AlignError> {
        let events: Vec<Option<u32>> = trace.iter().map(|a| self.labels.get(a.as_ref()).copied()).collect();
        // A safe net searches with markings as numbers; should a place get a second token,
        // the search starts again with token counts.
        if self.bits.is_some()
            && let (Some(initial), Some(finish)) = (Bits::of(&self.initial), Bits::of(&self.finish))
        {
            match self.search(&events, initial, finish) {
                Ok(a) => return Ok(a),
                Err(Stop::Error(e)) => return Err(e),
                Err(Stop::NotSafe) => {}
            }
        }
        match self.search(&events, self.initial.clone(), self.finish.clone()) {
            Ok(a) => Ok(a),
            Err(Stop::Error(e)) => Err(e),
            Err(Stop::NotSafe) => Err(AlignError::Unbounded),
        }
    }

    /// A* over (events consumed, marking); see the [module docs](self).
    fn search<M: Mark>(&self, events: &[Option<u32>], initial: M, finish: M) -> Result<Alignment, Stop> {
        let n = events.len();
        // Heuristic: every remaining event whose activity no transition carries, or whose
        // transitions no token of the marking can reach any more, must be a log move.
        let mut foreign = vec![0u64; n + 1];
        for i in (0..n).rev() {
            foreign[i] = foreign[i + 1] + u64::from(events[i].is_none());
        }
        let kinds = self.labels.len();
        // suffix[i * kinds + l]: events from `i` on with label `l`.
        let mut suffix = vec![0u32; (n + 1) * kinds];
        for i in (0..n).rev() {
            let (head, tail) = suffix.split_at_mut((i + 1) * kinds);
            head[i * kinds..].copy_from_slice(&tail[..kinds]);
            if let Some(l) = events[i] {
                head[i * kinds + l as usize] += 1;
            }
        }
        let future = |marking: &M| -> Vec<u64> {
            let mut bits = self.from_sources.clone();
            marking.each_marked(|p| {
                for (b, r) in bits.iter_mut().zip(&self.reachable[p]) {
                    *b |= r;
                }
            });
            bits
        };
        let h = |event: usize, future: &[u64]| -> u64 {
            let counts = &suffix[event * kinds..(event + 1) * kinds];
            let stranded: u64 = counts
                .iter()
                .enumerate()
                .filter(|&(l, &c)| c > 0 && future[l / 64] & (1 << (l % 64)) == 0)
                .map(|(_, &c)| u64::from(c))
                .sum();
            (foreign[event] + stranded) * DEVIATION_COST
        };
        let mut futures: Vec<Vec<u64>> = Vec::new();

        let mut markings: Vec<M> = Vec::new();
        let mut marking_ids: HashMap<M, u32> = HashMap::default();
        let mut intern = |m: M, markings: &mut Vec<M>| -> u32 {
            if let Some(&id) = marking_ids.get(&m) {
                return id;
            }
            let id = markings.len() as u32;
            markings.push(m.clone());
            marking_ids.insert(m, id);
            id
        };
        futures.push(future(&initial));
        let start = intern(initial, &mut markings);
        let mut states = vec![State { marking: start, event: 0, cost: 0, parent: u32::MAX, step: Step::Start }];
        let mut best: HashMap<u64, u32> = HashMap::default();
        best.insert(u64::from(start) << 32, 0);
        let mut closed: hashbrown::HashSet<u64, foldhash::fast::FixedState> = hashbrown::HashSet::default();
        // (f, more events consumed first, state)
        let mut queue = BinaryHeap::new();
        queue.push(Reverse((h(0, &futures[0]), Reverse(0u32), 0u32)));
        let mut candidates: Vec<u32> = Vec::new();
        let mut stamp = vec![u32::MAX; self.pre.len()];
        let mut visited = 0usize;
        while let Some(Reverse((_, _, id))) = queue.pop() {
            let state = states[id as usize];
            let key = (u64::from(state.marking) << 32) | u64::from(state.event);
            if !closed.insert(key) {
                continue;
            }
            visited += 1;
            let event = state.event as usize;
            let marking = markings[state.marking as usize].clone();
            if event == n && marking == finish {
                return Ok(Alignment { cost: state.cost, moves: self.moves(&states, id), visited });
            }
            let mut push = |marking: u32,
                            event: usize,
                            cost: u64,
                            step: Step,
                            states: &mut Vec<State>,
                            futures: &[Vec<u64>]|
             -> Result<(), Stop> {
                let key = (u64::from(marking) << 32) | event as u64;
                if closed.contains(&key) {
                    return Ok(());
                }
                match best.get(&key) {
                    Some(&s) if states[s as usize].cost <= cost => return Ok(()),
                    _ => {}
                }
                if states.len() >= MAX_STATES {
                    return Err(Stop::Error(AlignError::TooLarge { states: states.len() }));
                }
                let new = states.len() as u32;
                states.push(State { marking, event: event as u32, cost, parent: id, step });
                best.insert(key, new);
                queue.push(Reverse((cost + h(event, &futures[marking as usize]), Reverse(event as u32), new)));
                Ok(())
            };
            if event < n {
                push(state.marking, event + 1, state.cost + DEVIATION_COST, Step::Log, &mut states, &futures)?;
            }
            candidates.clear();
            marking.each_marked(|p| {
                for &t in &self.consumers[p] {
                    if stamp[t as usize] != id {
                        stamp[t as usize] = id;
                        candidates.push(t);
                    }
                }
            });
            candidates.extend_from_slice(&self.sources);
            for &t in &candidates {
                let t = t as usize;
                if !marking.enabled(self, t) {
                    continue;
                }
                let next = intern(marking.fire(self, t)?, &mut markings);
                if next as usize == futures.len() {
                    futures.push(future(&markings[next as usize]));
                }
                match self.label[t] {
                    None => push(next, event, state.cost + SILENT_COST, Step::Model(t as u32), &mut states, &futures)?,
                    Some(label) => {
                        if event < n && events[event] == Some(label) {
                            push(next, event + 1, state.cost, Step::Sync(t as u32), &mut states, &futures)?;
                        }
                        push(next, event, state.cost + DEVIATION_COST, Step::Model(t as u32), &mut states, &futures)?;
                    }
                }
            }
        }
        Err(Stop::Error(AlignError::Unreachable))
    }

    fn moves(&self, states: &[State], mut id: u32) -> Vec<Move> {
        let mut moves = Vec::new();
        while id != u32::MAX {
            let s = states[id as usize];
            let event = s.event as usize;
            match s.step {
                Step::Start => {}
                Step::Sync(t) => moves.push(Move::Sync { event: event - 1, transition: t as usize }),
                Step::Log => moves.push(Move::Log { event: event - 1 }),
                Step::Model(t) => moves.push(Move::Model { transition: t as usize }),
            }
            id = s.parent;
        }
        moves.reverse();
        moves
    }
}

/// PM4Py's trace fitness: one minus the deviations over the trace's best-worst deviations
/// (integer divisions by the deviation cost, so silent moves do not count); 0 when the
/// best-worst cost is under one deviation.
pub fn trace_fitness(cost: u64, bwc: u64) -> f64 {
    let den = bwc / DEVIATION_COST;
    if den > 0 { 1.0 - (cost / DEVIATION_COST) as f64 / den as f64 } else { 0.0 }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::conformance::net::Marking;

    /// a, then b and c in either order (a parallel block), then d; or a then e then d.
    fn net() -> PetriNet {
        let mut net = PetriNet::default();
        let p: Vec<usize> = (0..7).map(|i| net.add_place(format!("p{i}"))).collect();
        let t = |net: &mut PetriNet, label: Option<&str>, ins: &[usize], outs: &[usize]| {
            let id = net.transitions.len();
            let t = net.add_transition(format!("t{id}"), label.map(str::to_owned));
            for &i in ins {
                net.add_arc(Node::Place(i), Node::Transition(t));
            }
            for &o in outs {
                net.add_arc(Node::Transition(t), Node::Place(o));
            }
        };
        t(&mut net, Some("a"), &[p[0]], &[p[1]]);
        t(&mut net, None, &[p[1]], &[p[2], p[3]]); // and-split
        t(&mut net, Some("b"), &[p[2]], &[p[4]]);
        t(&mut net, Some("c"), &[p[3]], &[p[5]]);
        t(&mut net, None, &[p[4], p[5]], &[p[6]]); // and-join
        t(&mut net, Some("e"), &[p[1]], &[p[6]]);
        let end = net.add_place("end");
        t(&mut net, Some("d"), &[p[6]], &[end]);
        net.initial = Marking::new([(p[0], 1)]);
        net.final_marking = Marking::new([(end, 1)]);
        net
    }

    fn cost(trace: &[&str]) -> u64 {
        let net = net();
        Aligner::new(&net).unwrap().align(trace).unwrap().cost
    }

    #[test]
    fn costs_by_hand() {
        // The cheapest run is a, e, d: three visible model moves.
        assert_eq!(Aligner::new(&net()).unwrap().bwc_model(), 30_000);
        assert_eq!(cost(&["a", "e", "d"]), 0);
        assert_eq!(cost(&["a", "b", "c", "d"]), 2); // two silent moves
        assert_eq!(cost(&["a", "c", "b", "d"]), 2);
        assert_eq!(cost(&["a", "d"]), 10_000); // skip e
        assert_eq!(cost(&["a", "b", "d"]), 10_002); // skip c, or log-move b and skip e (cost 20,000)
        assert_eq!(cost(&["a", "x", "e", "d"]), 10_000); // x is a log move
        assert_eq!(cost(&["a", "e", "e", "d"]), 10_000);
        assert_eq!(cost(&[]), 30_000);
        assert_eq!(cost(&["d", "a"]), 30_000); // d, a are log moves, plus a or d... one sync
    }

    #[test]
    fn the_moves_add_up_to_the_cost() {
        let net = net();
        let aligner = Aligner::new(&net).unwrap();
        let a = aligner.align(&["a", "b", "d"]).unwrap();
        let cost: u64 = a
            .moves
            .iter()
            .map(|m| match *m {
                Move::Sync { .. } => 0,
                Move::Log { .. } => DEVIATION_COST,
                Move::Model { transition } if net.transitions[transition].label.is_none() => SILENT_COST,
                Move::Model { .. } => DEVIATION_COST,
            })
            .sum();
        assert_eq!(cost, a.cost);
        let events: Vec<usize> = a
            .moves
            .iter()
            .filter_map(|m| match *m {
                Move::Sync { event, .. } | Move::Log { event } => Some(event),
                Move::Model { .. } => None,
            })
            .collect();
        assert_eq!(events, vec![0, 1, 2]);
    }

    #[test]
    fn fitness_counts_deviations_not_silent_moves() {
        let net = net();
        let aligner = Aligner::new(&net).unwrap();
        let bwc = aligner.bwc(3);
        assert_eq!(bwc, 60_000);
        assert_eq!(trace_fitness(10_002, bwc), 1.0 - 1.0 / 6.0);
        assert_eq!(trace_fitness(2, aligner.bwc(4)), 1.0);
        assert_eq!(trace_fitness(0, 0), 0.0);
    }

    #[test]
    fn an_unsound_model_is_refused() {
        let mut net = net();
        net.final_marking = Marking::new([(0, 2)]);
        assert_eq!(Aligner::new(&net).unwrap_err(), AlignError::Unreachable);
    }
}
