//! Conformance: how far the cases are from a model of the ideal process.
//!
//! - [`net`]: Petri nets with initial and final markings, what every model becomes.
//! - [`pnml`]: reading and writing PNML.
//! - [`bpmn`]: reading BPMN 2.0 and converting it to a net as PM4Py does; writing BPMN with a
//!   laid-out diagram.
//! - [`ideal`]: the ideal process four ways in (variants, steps, a file, discovered).
//! - [`align`]: optimal alignments with PM4Py's costs.
//! - [`inductive`]: the Inductive Miner (IM, IMf), a process tree from the log.
//! - [`tree`]: process trees and their workflow nets.
//! - [`precision`]: ETC precision, how much the model allows that the log never shows.
//! - [`replay`]: token-based replay with PM4Py's semantics, the fast check.
//! - [`rules`]: service rules (A before B, at most N times, within a time...) checked per case.
//!
//! [`check_alignments`] aligns each variant of a selection once and reports PM4Py's fitness
//! figures (`fitness_alignments`), every variant's cost and moves, and the deviations ranked
//! by the cases they touch; [`check_token_replay`] replays each variant once and reports
//! PM4Py's `fitness_token_based_replay` figures and every variant's token counts.

pub mod align;
pub mod bpmn;
mod builder;
pub mod follows;
pub mod ideal;
pub mod inductive;
pub mod net;
pub mod pnml;
pub mod precision;
pub mod replay;
pub mod rules;
pub mod tree;

type HashMap<K, V> = hashbrown::HashMap<K, V, foldhash::fast::FixedState>;
use serde::{Deserialize, Serialize};

use crate::discovery::variants::variants;
use crate::log::{EventLog, Selection};
use align::{AlignError, Aligner, Move, trace_fitness};
use net::{NetSize, PetriNet};

/// How the cases were checked.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "kebab-case")]
pub enum Method {
    /// Optimal alignments (exact).
    #[default]
    Alignments,
    /// Token-based replay (fast, approximate).
    TokenReplay,
}

/// Fitness of the selected cases, with PM4Py's formulas.
#[derive(Clone, Copy, Debug, PartialEq, Serialize, Deserialize)]
pub struct Fitness {
    /// Log fitness: one minus the sum of costs over the sum of best-worst costs, over cases.
    pub log: f64,
    /// The mean of the cases' trace fitness.
    pub average_case: f64,
    /// Cases that fit the model (trace fitness 1).
    pub fitting_cases: u64,
    /// `100 × fitting / cases`, as PM4Py's `percentage_of_fitting_traces`.
    pub fitting_percent: f64,
    /// Cases checked.
    pub cases: u64,
}

/// One variant checked against the model.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct VariantConformance {
    /// Its activities in order.
    pub activities: Vec<String>,
    /// Its cases.
    pub cases: u64,
    /// Trace fitness.
    pub fitness: f64,
    /// What the method found.
    #[serde(flatten)]
    pub detail: VariantDetail,
}

/// What a method found for one variant.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(untagged)]
pub enum VariantDetail {
    /// An optimal alignment.
    Alignment {
        /// Its cost in PM4Py's units (10,000 a deviation, 1 a silent move).
        cost: u64,
        /// The best-worst cost of a trace this long.
        bwc: u64,
        /// Activities of the events the model did not allow there (extra steps), in trace
        /// order.
        log_moves: Vec<String>,
        /// Activities the model required and the case skipped, in model order.
        model_moves: Vec<String>,
    },
    /// A token replay.
    Tokens {
        /// Tokens that had to be added.
        missing: u64,
        /// Tokens left at the end.
        remaining: u64,
        /// Tokens consumed.
        consumed: u64,
        /// Tokens produced.
        produced: u64,
    },
}

/// The kind of a deviation.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum DeviationKind {
    /// An extra step: an event the model did not allow where it happened.
    LogMove,
    /// A skipped step: an activity the model required that did not happen.
    ModelMove,
}

/// A deviation and the cases it occurs in.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Deviation {
    /// Its kind.
    pub kind: DeviationKind,
    /// The activity.
    pub activity: String,
    /// Cases with at least one such move.
    pub cases: u64,
}

/// A selection checked against a model.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct ConformanceReport {
    /// The model's size.
    pub model: NetSize,
    /// How the cases were checked.
    pub method: Method,
    /// Fitness figures.
    pub fitness: Fitness,
    /// The cheapest complete run of the model (the cost of aligning an empty case); with
    /// alignments only.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub bwc_model: Option<u64>,
    /// Every variant, the most frequent first.
    pub variants: Vec<VariantConformance>,
    /// Deviations, the most widespread first.
    pub deviations: Vec<Deviation>,
}

/// Optimal alignments already found against one net, by variant (its activities). A long
/// check fills it in slices (with progress and a chance to stop between them, see
/// [`AlignmentMemo::fill`]) and the report is then made from it; a filter that changes the
/// cases does not change a variant's alignment, so it stays valid for the same net.
#[derive(Debug, Clone, Default)]
pub struct AlignmentMemo {
    net: Option<PetriNet>,
    done: HashMap<Vec<String>, align::Alignment>,
}

impl AlignmentMemo {
    /// The alignments against `net`; those against another net are forgotten.
    fn against(&mut self, net: &PetriNet) -> &mut HashMap<Vec<String>, align::Alignment> {
        if self.net.as_ref() != Some(net) {
            self.net = Some(net.clone());
            self.done.clear();
        }
        &mut self.done
    }

    /// How many of `traces` are known against `net`.
    pub fn known(&self, net: &PetriNet, traces: &[Vec<String>]) -> usize {
        if self.net.as_ref() != Some(net) {
            return 0;
        }
        traces.iter().filter(|t| self.done.contains_key(*t)).count()
    }

    /// Aligns the traces not known yet against `net`, asking `more()` before each one and
    /// stopping when it says no. Returns how many of `traces` are known.
    ///
    /// # Errors
    /// When the net cannot be aligned against (see [`AlignError`]).
    pub fn fill(
        &mut self,
        net: &PetriNet,
        traces: &[Vec<String>],
        mut more: impl FnMut() -> bool,
    ) -> Result<usize, AlignError> {
        let aligner = Aligner::new(net)?;
        let done = self.against(net);
        for trace in traces {
            if done.contains_key(trace) {
                continue;
            }
            if !more() {
                break;
            }
            done.insert(trace.clone(), aligner.align(trace)?);
        }
        Ok(traces.iter().filter(|t| done.contains_key(*t)).count())
    }
}

/// Aligns every variant of `selection` against `net` and sums up as PM4Py's
/// `fitness_alignments` does (each case counts, in case order).
pub fn check_alignments(
    log: &EventLog,
    selection: Selection<'_>,
    net: &PetriNet,
) -> Result<ConformanceReport, AlignError> {
    check_alignments_with(log, selection, net, &mut AlignmentMemo::default())
}

/// [`check_alignments`], taking the alignments `memo` already has and keeping the new ones.
pub fn check_alignments_with(
    log: &EventLog,
    selection: Selection<'_>,
    net: &PetriNet,
    memo: &mut AlignmentMemo,
) -> Result<ConformanceReport, AlignError> {
    let aligner = Aligner::new(net)?;
    let memo = memo.against(net);
    let name = |a| log.activities.get(a).unwrap_or_default().to_owned();
    let mut per_case: Vec<Option<(u64, u64, f64)>> = vec![None; log.case_count()];
    let mut deviation_cases: HashMap<(DeviationKind, String), u64> = HashMap::default();
    let mut out = Vec::new();
    for variant in variants(log, selection) {
        let activities: Vec<String> = variant.activities.iter().map(|&a| name(a)).collect();
        let alignment = match memo.get(&activities) {
            Some(known) => known.clone(),
            None => {
                let found = aligner.align(&activities)?;
                memo.insert(activities.clone(), found.clone());
                found
            }
        };
        let bwc = aligner.bwc(activities.len());
        let fitness = trace_fitness(alignment.cost, bwc);
        let mut log_moves = Vec::new();
        let mut model_moves = Vec::new();
        for m in &alignment.moves {
            match *m {
                Move::Log { event } => log_moves.push(activities[event].clone()),
                Move::Model { transition } => {
                    if let Some(label) = &net.transitions[transition].label {
                        model_moves.push(label.clone());
                    }
                }
                Move::Sync { .. } => {}
            }
        }
        let cases = variant.cases.len() as u64;
        let mut kinds: Vec<(DeviationKind, &String)> = log_moves
            .iter()
            .map(|a| (DeviationKind::LogMove, a))
            .chain(model_moves.iter().map(|a| (DeviationKind::ModelMove, a)))
            .collect();
        kinds.sort_unstable();
        kinds.dedup();
        for (kind, activity) in kinds {
            *deviation_cases.entry((kind, activity.clone())).or_default() += cases;
        }
        for &case in &variant.cases {
            per_case[case.index()] = Some((alignment.cost, bwc, fitness));
        }
        out.push(VariantConformance {
            activities,
            cases,
            fitness,
            detail: VariantDetail::Alignment { cost: alignment.cost, bwc, log_moves, model_moves },
        });
    }
    // PM4Py sums over cases in case order (floats: the order decides the last bit).
    let (mut cases, mut fitting, mut sum_fitness, mut sum_cost, mut sum_bwc) = (0u64, 0u64, 0.0f64, 0.0f64, 0.0f64);
    for &(cost, bwc, fitness) in per_case.iter().flatten() {
        cases += 1;
        fitting += u64::from(fitness == 1.0);
        sum_fitness += fitness;
        sum_cost += cost as f64;
        sum_bwc += bwc as f64;
    }
    let fitness = Fitness {
        log: if sum_bwc > 0.0 { 1.0 - sum_cost / sum_bwc } else { 1.0 },
        average_case: if cases > 0 { sum_fitness / cases as f64 } else { 0.0 },
        fitting_cases: fitting,
        fitting_percent: if cases > 0 { 100.0 * fitting as f64 / cases as f64 } else { 0.0 },
        cases,
    };
    let mut deviations: Vec<Deviation> =
        deviation_cases.into_iter().map(|((kind, activity), cases)| Deviation { kind, activity, cases }).collect();
    deviations
        .sort_by(|a, b| b.cases.cmp(&a.cases).then(a.kind.cmp(&b.kind)).then_with(|| a.activity.cmp(&b.activity)));
    Ok(ConformanceReport {
        model: net.size(),
        method: Method::Alignments,
        fitness,
        bwc_model: Some(aligner.bwc_model()),
        variants: out,
        deviations,
    })
}

/// Replays every variant of `selection` on `net` once and sums up as PM4Py's
/// `fitness_token_based_replay` does (each case counts, in case order). Token replay locates
/// no moves, so `deviations` is empty: alignments name the skipped and extra steps.
pub fn check_token_replay(log: &EventLog, selection: Selection<'_>, net: &PetriNet) -> ConformanceReport {
    let replayer = replay::Replayer::new(net);
    let name = |a| log.activities.get(a).unwrap_or_default().to_owned();
    let mut per_case: Vec<Option<replay::TraceReplay>> = vec![None; log.case_count()];
    let mut out = Vec::new();
    for variant in variants(log, selection) {
        let activities: Vec<String> = variant.activities.iter().map(|&a| name(a)).collect();
        let r = replayer.replay(&activities);
        for &case in &variant.cases {
            per_case[case.index()] = Some(r);
        }
        let t = r.tokens;
        out.push(VariantConformance {
            activities,
            cases: variant.cases.len() as u64,
            fitness: r.fitness,
            detail: VariantDetail::Tokens {
                missing: t.missing,
                remaining: t.remaining,
                consumed: t.consumed,
                produced: t.produced,
            },
        });
    }
    let (mut cases, mut fitting, mut sum_fitness) = (0u64, 0u64, 0.0f64);
    let mut total = replay::TokenCounts::default();
    for r in per_case.iter().flatten() {
        cases += 1;
        fitting += u64::from(r.fit);
        sum_fitness += r.fitness;
        total.missing += r.tokens.missing;
        total.remaining += r.tokens.remaining;
        total.consumed += r.tokens.consumed;
        total.produced += r.tokens.produced;
    }
    // PM4Py reports zeros when nothing was replayed or no token moved.
    let counted = cases > 0 && total.consumed > 0 && total.produced > 0;
    let fitness = Fitness {
        log: replay::log_fitness(total),
        average_case: if counted { sum_fitness / cases as f64 } else { 0.0 },
        fitting_cases: fitting,
        fitting_percent: if counted { 100.0 * fitting as f64 / cases as f64 } else { 0.0 },
        cases,
    };
    ConformanceReport {
        model: net.size(),
        method: Method::TokenReplay,
        fitness,
        bwc_model: None,
        variants: out,
        deviations: Vec::new(),
    }
}
