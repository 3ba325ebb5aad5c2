//! The analysis registry: every service analysis declared once.
//!
//! Each analysis is a module of [`service`](super) with a `run(&Inputs) -> Report` function;
//! the one [`registry!`] line below names its key (the module's name), its variant and its
//! report type. From that line come:
//!
//! - [`AnalysisKind`] (what the page asks for, with [`AnalysisKind::ALL`] in the order the
//!   page lists them and [`AnalysisKind::key`]);
//! - [`AnalysisReport`] (one analysis, as the worker answers it);
//! - [`ServiceReport`] and [`analyze`] (every analysis at once: the CLI's `analyze --json`,
//!   whose keys are the analyses' keys in this order);
//! - [`AnalysisKind::run`] (the worker's dispatch).
//!
//! Analyses declared after `@on_demand` are run only when asked for by themselves: they are
//! in [`AnalysisKind`] and the page's list, not in [`ServiceReport`] (conformance, whose
//! alignments can take seconds, has its own CLI command).
//!
//! Adding an analysis is a new module with its `run` plus one line here; the compiler then
//! points at the page's views (an exhaustive `match`), and tests check the docs and locale
//! strings.

use std::cell::{OnceCell, RefCell};

use serde::{Deserialize, Serialize};

use super::sla::{self, SlaEvaluation};
use super::{
    CaseFacts, ServiceContext, Vocabulary, acknowledgement, bottlenecks, case_facts, channels, conformance, csat,
    distribution, drivers, escalations, fcr, handoffs, kpis, misclassification, priority, rework, workload,
};
use crate::conformance::AlignmentMemo;
use crate::log::EventLog;
use crate::log::Selection;

/// The choices behind a full service report.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub struct ServiceOptions {
    /// SLA rules (used for the overall figures when the log has no due-date column).
    #[serde(default)]
    pub sla_rules: Vec<sla::SlaRule>,
    /// The parts of first-contact resolution.
    #[serde(default)]
    pub fcr: fcr::FcrParts,
    /// The outcome whose drivers are sought (`None`: SLA breaches when the log has SLAs,
    /// else resolution longer than the 90th percentile).
    #[serde(default)]
    pub drivers: Option<drivers::DriverOutcome>,
    /// Least support of a single driver (`None`: [`drivers::default_min_support`]).
    #[serde(default)]
    pub min_support: Option<u64>,
    /// The ideal process and how cases are checked against it.
    #[serde(default)]
    pub conformance: conformance::ConformanceOptions,
}

/// What the service analyses depend on besides the log: kept by the page (and saved with an
/// analysis setup), sent with each request.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub struct AnalysisSetup {
    /// The vocabulary.
    pub vocabulary: Vocabulary,
    /// SLA rules, FCR parts, the drivers' outcome.
    pub options: ServiceOptions,
}

/// Everything an analysis reads: the log, its service context, the facts of the selected
/// cases and the user's options. The SLA evaluation, which several analyses share, is made
/// once, when the first of them asks.
pub struct Inputs<'a> {
    /// The log.
    pub log: &'a EventLog,
    /// The vocabulary applied to it, and its service columns.
    pub ctx: &'a ServiceContext,
    /// The facts of the selected cases.
    pub facts: &'a [CaseFacts],
    /// SLA rules, FCR parts, the drivers' outcome.
    pub options: &'a ServiceOptions,
    /// Alignments found before (conformance takes them and keeps the new ones).
    pub alignments: Option<&'a RefCell<AlignmentMemo>>,
    evaluation: OnceCell<SlaEvaluation>,
}

impl<'a> Inputs<'a> {
    /// The inputs of the analyses of `facts`.
    pub fn new(
        log: &'a EventLog,
        ctx: &'a ServiceContext,
        facts: &'a [CaseFacts],
        options: &'a ServiceOptions,
    ) -> Inputs<'a> {
        Inputs { log, ctx, facts, options, alignments: None, evaluation: OnceCell::new() }
    }

    /// The same inputs, with alignments found before.
    pub fn with_alignments(self, memo: &'a RefCell<AlignmentMemo>) -> Inputs<'a> {
        Inputs { alignments: Some(memo), ..self }
    }

    /// Each case's SLA clock and outcome under the options' rules.
    pub fn evaluation(&self) -> &SlaEvaluation {
        self.evaluation.get_or_init(|| sla::evaluate(self.log, self.ctx, self.facts, &self.options.sla_rules))
    }

    /// The drivers' outcome: the user's, else [`default_outcome`].
    pub fn outcome(&self) -> drivers::DriverOutcome {
        self.options.drivers.unwrap_or_else(|| default_outcome(self.facts, self.evaluation()))
    }
}

/// The default drivers outcome for these facts: SLA breaches when SLAs are known, else
/// resolution longer than the 90th percentile.
pub fn default_outcome(facts: &[CaseFacts], evaluation: &SlaEvaluation) -> drivers::DriverOutcome {
    if evaluation.source.is_some() {
        return drivers::DriverOutcome::SlaBreach;
    }
    let p90 = distribution(facts, CaseFacts::resolution).map_or(0.0, |d| d.p90);
    drivers::DriverOutcome::LongerThan { seconds: p90 }
}

/// Declares the analyses: `key => Variant(ReportType)`, one line each, `key` being the
/// module that holds `run`. The order is the page's and the JSON's.
macro_rules! registry {
    (
        $($(#[$doc:meta])* $key:ident => $variant:ident($report:ty),)*
        @on_demand
        $($(#[$odoc:meta])* $okey:ident => $ovariant:ident($oreport:ty, $orun:path),)*
    ) => {
        /// The service analyses, as the page asks for them (serde names are the keys).
        #[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
        #[serde(rename_all = "snake_case")]
        pub enum AnalysisKind {
            $($(#[$doc])* $variant,)*
            $($(#[$odoc])* $ovariant,)*
        }

        impl AnalysisKind {
            /// Every analysis, in the order the page lists them.
            pub const ALL: [AnalysisKind; [$(stringify!($key),)* $(stringify!($okey),)*].len()] =
                [$(AnalysisKind::$variant,)* $(AnalysisKind::$ovariant,)*];

            /// Whether the analysis runs only when asked for by itself (it is not part of
            /// [`analyze`] and the CLI's `analyze --json`, which it would slow down).
            pub const fn on_demand(self) -> bool {
                match self {
                    $(AnalysisKind::$variant => false,)*
                    $(AnalysisKind::$ovariant => true,)*
                }
            }

            /// Its key: the serde name, the CLI's JSON key, the page's anchor.
            pub const fn key(self) -> &'static str {
                match self {
                    $(AnalysisKind::$variant => stringify!($key),)*
                    $(AnalysisKind::$ovariant => stringify!($okey),)*
                }
            }

            /// Runs the analysis.
            pub fn run(self, inputs: &Inputs<'_>) -> AnalysisReport {
                match self {
                    $(AnalysisKind::$variant => AnalysisReport::$variant($key::run(inputs)),)*
                    $(AnalysisKind::$ovariant => AnalysisReport::$ovariant(Box::new($orun(inputs))),)*
                }
            }
        }

        /// One analysis, as the worker answers it.
        #[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
        #[serde(rename_all = "snake_case", tag = "kind", content = "report")]
        pub enum AnalysisReport {
            $($(#[$doc])* $variant($report),)*
            $($(#[$odoc])* $ovariant(Box<$oreport>),)*
        }

        impl AnalysisReport {
            /// Which analysis this is.
            pub fn kind(&self) -> AnalysisKind {
                match self {
                    $(AnalysisReport::$variant(_) => AnalysisKind::$variant,)*
                    $(AnalysisReport::$ovariant(_) => AnalysisKind::$ovariant,)*
                }
            }
        }

        /// Every service analysis of one selection, under the analyses' keys.
        #[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
        pub struct ServiceReport {
            $($(#[$doc])* pub $key: $report,)*
        }

        /// Every service analysis of the selected cases.
        pub fn analyze(
            log: &EventLog,
            ctx: &ServiceContext,
            selection: Selection<'_>,
            options: &ServiceOptions,
        ) -> ServiceReport {
            let facts = case_facts(log, ctx, selection);
            let inputs = Inputs::new(log, ctx, &facts, options);
            ServiceReport { $($key: $key::run(&inputs),)* }
        }
    };
}

registry! {
    /// Overview KPIs and trends (shown on the overview, not in the list of analyses).
    kpis => Kpis(kpis::Kpis),
    /// Where cases wait.
    bottlenecks => Bottlenecks(bottlenecks::BottleneckReport),
    /// SLA compliance.
    sla => Sla(sla::SlaReport),
    /// Handoffs and ping-pong.
    handoffs => Handoffs(handoffs::HandoffReport),
    /// Rework, loops and reopened cases.
    rework => Rework(rework::ReworkReport),
    /// Escalations and what precedes them.
    escalations => Escalations(escalations::EscalationReport),
    /// First-contact resolution.
    fcr => Fcr(fcr::FcrReport),
    /// Whether higher priorities are faster.
    priority => Priority(priority::PriorityReport),
    /// Channels.
    channels => Channels(channels::ChannelReport),
    /// Workload per agent and team.
    workload => Workload(workload::WorkloadReport),
    /// Time to the first acknowledgement.
    acknowledgement => Acknowledgement(acknowledgement::AckReport),
    /// Cases whose type or team changed.
    misclassification => Misclassification(misclassification::MisclassificationReport),
    /// Satisfaction against the path a case took.
    csat => Csat(csat::CsatReport),
    /// What drives an outcome.
    drivers => Drivers(drivers::DriversReport),
    @on_demand
    /// The cases against the ideal process (alignments can take seconds on a big log).
    conformance => Conformance(conformance::ConformanceReport, conformance::report),
}

impl AnalysisKind {
    /// The analysis shown on the overview rather than in the list of analyses.
    pub const OVERVIEW: AnalysisKind = AnalysisKind::Kpis;

    /// The analyses the page lists, in order (every one but the overview's).
    pub fn listed() -> impl Iterator<Item = AnalysisKind> {
        AnalysisKind::ALL.iter().copied().filter(|kind| *kind != AnalysisKind::OVERVIEW)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::service::tests::{DESK, facts};
    use crate::service::{Need, Step};

    #[test]
    fn keys_are_the_serde_names_and_unique() {
        let mut seen = std::collections::BTreeSet::new();
        for kind in AnalysisKind::ALL {
            let json = serde_json::to_string(&kind).expect("a kind serialises");
            assert_eq!(json, format!("\"{}\"", kind.key()));
            assert!(seen.insert(kind.key()), "{} twice", kind.key());
        }
    }

    #[test]
    fn one_analysis_equals_its_part_of_the_full_report() {
        let (log, ctx, facts) = facts(DESK);
        let options = ServiceOptions::default();
        let report = analyze(&log, &ctx, Selection::All, &options);
        // The top-level keys in the order written (a JSON value would sort them).
        let text = serde_json::to_string_pretty(&report).expect("serialises");
        let keys: Vec<&str> =
            text.lines().filter_map(|line| line.strip_prefix("  \"")?.split_once('"').map(|(key, _)| key)).collect();
        let listed: Vec<&str> = AnalysisKind::ALL.iter().filter(|k| !k.on_demand()).map(|k| k.key()).collect();
        assert_eq!(keys, listed, "the JSON keys follow the registry, without the analyses on demand");
        let full = serde_json::to_value(&report).expect("serialises");
        let inputs = Inputs::new(&log, &ctx, &facts, &options);
        for kind in AnalysisKind::ALL.into_iter().filter(|k| !k.on_demand()) {
            let report = kind.run(&inputs);
            assert_eq!(report.kind(), kind);
            let tagged = serde_json::to_value(&report).expect("serialises");
            assert_eq!(tagged["kind"], kind.key());
            assert_eq!(tagged["report"], full[kind.key()], "{}", kind.key());
        }
    }

    #[test]
    fn the_overview_is_not_listed() {
        assert!(AnalysisKind::listed().all(|kind| kind != AnalysisKind::Kpis));
        assert_eq!(AnalysisKind::listed().count(), AnalysisKind::ALL.len() - 1);
    }

    #[test]
    fn figures_resting_on_resolution_name_it_when_no_activity_is_one() {
        let need = Need::Activity(Step::Resolved);
        let options = ServiceOptions::default();
        // The desk knows its resolutions: no analysis asks for one.
        let (log, ctx, _) = facts(DESK);
        let known = analyze(&log, &ctx, Selection::All, &options);
        assert!(known.fcr.rate.is_some());
        // The same desk with resolutions and closures its own way: what rests on them is named.
        let desk = DESK.replace("Case Resolved", "Stage R9").replace("Case Closed", "Stage C9");
        let (log, ctx, _) = facts(&desk);
        assert_eq!(ctx.resolution_need(), Some(need));
        let unknown = analyze(&log, &ctx, Selection::All, &options);
        let needs = |r: &ServiceReport| {
            [
                ("bottlenecks", r.bottlenecks.needs.clone()),
                ("sla", r.sla.needs.clone()),
                ("handoffs", r.handoffs.needs.clone()),
                ("rework", r.rework.needs.clone()),
                ("escalations", r.escalations.needs.clone()),
                ("fcr", r.fcr.needs.clone()),
                ("priority", r.priority.needs.clone()),
                ("channels", r.channels.needs.clone()),
                ("workload", r.workload.needs.clone()),
                ("misclassification", r.misclassification.needs.clone()),
            ]
        };
        for ((name, with), (_, without)) in needs(&unknown).into_iter().zip(needs(&known)) {
            assert!(with.contains(&need), "{name}: {with:?}");
            assert!(!without.contains(&need), "{name}: {without:?}");
        }
        // First response does not rest on resolution.
        assert!(!unknown.acknowledgement.needs.contains(&need));
        // Every case "resolved" at its last event would be a rate of something else.
        assert_eq!(unknown.fcr.rate, None);
        assert!(unknown.fcr.by_channel.is_empty());
        assert!(unknown.channels.rows.iter().all(|row| row.fcr.is_none()));
        assert_eq!(unknown.kpis.values.fcr_rate, None);
    }
}
