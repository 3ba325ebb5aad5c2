//! Drivers: which attribute values and path features most raise the rate of an outcome.
//!
//! # Outcomes and the cases they are measured on
//! - **SLA breach**: among cases whose SLA is decided (met or breached, see [`sla`](super::sla)).
//! - **Longer than a threshold**: among resolved cases, resolution time above the threshold.
//! - **Reopen** and **escalation**: among all cases.
//!
//! # Features
//! - every value of the case's priority, channel and case type at creation, and of every
//!   other case-level column with at most [`MAX_VALUES`] distinct values (not the SLA due
//!   date, CSAT, status or the escalated flag, which is the `escalated` feature);
//! - every team the case passed through;
//! - every activity the case contains, except those that record the outcome itself (SLA
//!   violations for breaches, reopenings for reopens, escalations for escalations);
//! - handoffs: 2 or more, 4 or more; ping-pong; escalated; reopened; rework; type changed;
//!   re-routed (each unless it is the outcome).
//!
//! # Figures
//! For a feature (or a pair of features, both present): **support** = cases with it,
//! **rate** = share of them with the outcome, **lift** = rate / base rate (the outcome's rate
//! among all measured cases). Single features need at least `min_support` cases. Pairs are
//! formed from the [`PAIR_CANDIDATES`] single features of highest lift, and are listed only
//! when their lift exceeds both parts' lifts. A feature that holds exactly the same cases as
//! one ranked before it is left out (`escalated` and `has Case Escalated` in a log where only
//! that activity escalates). The list holds features with lift above 1,
//! highest lift first (ties: larger support first), at most [`LISTED`].

use serde::{Deserialize, Serialize};

use super::context::{ServiceContext, case_values};
use super::facts::CaseFacts;
use super::need::Need;
use super::sla::{Outcome, SlaEvaluation};
use super::stats::Rate;
use super::vocabulary::Step;
use crate::log::{ActivityId, EventLog, Level, ServiceField, ValueId};

/// Most distinct values of a column used as features.
pub const MAX_VALUES: usize = 50;
/// Single features combined into pairs.
pub const PAIR_CANDIDATES: usize = 20;
/// Most drivers listed.
pub const LISTED: usize = 30;

/// The outcome to explain.
#[derive(Debug, Clone, Copy, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case", tag = "kind")]
pub enum DriverOutcome {
    /// SLA breached.
    SlaBreach,
    /// Resolution took longer than `seconds`.
    LongerThan {
        /// The threshold, seconds.
        seconds: f64,
    },
    /// Reopened.
    Reopen,
    /// Escalated.
    Escalation,
}

/// A feature of a case.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(rename_all = "snake_case", tag = "kind")]
pub enum Feature {
    /// A column has this value.
    Value {
        /// The column.
        column: String,
        /// The value.
        value: String,
    },
    /// The case passed through this team.
    Team {
        /// The team.
        team: String,
    },
    /// The case contains this activity.
    Activity {
        /// The activity.
        activity: String,
    },
    /// At least this many handoffs.
    Handoffs {
        /// The count.
        at_least: u32,
    },
    /// Ping-pong between resources.
    PingPong,
    /// Escalated.
    Escalated,
    /// Reopened.
    Reopened,
    /// Some activity repeated.
    Rework,
    /// The case type changed.
    TypeChanged,
    /// Moved to another team without an escalation.
    Rerouted,
}

impl Feature {
    /// The feature in English, as the CLI prints it.
    pub fn label(&self) -> String {
        match self {
            Feature::Value { column, value } => format!("{column} = {value}"),
            Feature::Team { team } => format!("through team {team}"),
            Feature::Activity { activity } => format!("has {activity}"),
            Feature::Handoffs { at_least } => format!("{at_least}+ handoffs"),
            Feature::PingPong => "ping-pong".into(),
            Feature::Escalated => "escalated".into(),
            Feature::Reopened => "reopened".into(),
            Feature::Rework => "rework".into(),
            Feature::TypeChanged => "type changed".into(),
            Feature::Rerouted => "re-routed".into(),
        }
    }
}

/// One driver: a feature or a pair.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Driver {
    /// One or two features, all present.
    pub features: Vec<Feature>,
    /// The features in English, joined with ` + `.
    pub label: String,
    /// Cases with the features, and how many of them had the outcome.
    pub rate: Rate,
    /// rate / base rate.
    pub lift: f64,
}

/// The drivers report.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct DriversReport {
    /// The outcome explained.
    pub outcome: DriverOutcome,
    /// The outcome among all measured cases.
    pub base: Rate,
    /// Least cases a single feature needs.
    pub min_support: u64,
    /// The drivers, highest lift first.
    pub drivers: Vec<Driver>,
    /// What the log lacks.
    pub needs: Vec<Need>,
}

/// The default least support: 1 % of the measured cases, at least 10.
pub fn default_min_support(cases: usize) -> u64 {
    (cases as u64).div_ceil(100).max(10)
}

struct Bits(Vec<u64>);

impl Bits {
    fn new(n: usize) -> Bits {
        Bits(vec![0; n.div_ceil(64)])
    }
    fn set(&mut self, i: usize) {
        self.0[i / 64] |= 1 << (i % 64);
    }
    fn count(&self) -> u64 {
        self.0.iter().map(|w| u64::from(w.count_ones())).sum()
    }
    fn and_count(&self, other: &Bits) -> u64 {
        self.0.iter().zip(&other.0).map(|(a, b)| u64::from((a & b).count_ones())).sum()
    }
    fn and3_count(&self, other: &Bits, third: &Bits) -> u64 {
        self.0.iter().zip(&other.0).zip(&third.0).map(|((a, b), c)| u64::from((a & b & c).count_ones())).sum()
    }
}

/// This analysis as the [registry](super::registry) runs it.
pub fn run(i: &super::Inputs<'_>) -> DriversReport {
    report(i.log, i.ctx, i.facts, i.evaluation(), i.outcome(), i.options.min_support)
}

/// The drivers of `outcome` among `facts` (with their SLA clocks), singles needing
/// `min_support` cases (`None`: [`default_min_support`]).
pub fn report(
    log: &EventLog,
    ctx: &ServiceContext,
    facts: &[CaseFacts],
    sla: &SlaEvaluation,
    outcome: DriverOutcome,
    min_support: Option<u64>,
) -> DriversReport {
    // The measured cases and whether each had the outcome.
    let measured: Vec<(&CaseFacts, bool)> = match outcome {
        DriverOutcome::SlaBreach => facts
            .iter()
            .zip(&sla.overall)
            .filter_map(|(f, c)| match c.map(|c| c.outcome) {
                Some(Outcome::Met) => Some((f, false)),
                Some(Outcome::Breached) => Some((f, true)),
                _ => None,
            })
            .collect(),
        DriverOutcome::LongerThan { seconds } => facts
            .iter()
            .filter_map(|f| f.resolution().map(|r| (f, crate::discovery::stats::seconds(r) > seconds)))
            .collect(),
        DriverOutcome::Reopen => facts.iter().map(|f| (f, f.reopens > 0)).collect(),
        DriverOutcome::Escalation => facts.iter().map(|f| (f, f.escalated)).collect(),
    };
    let mut needs = Vec::new();
    match outcome {
        DriverOutcome::SlaBreach if sla.source.is_none() => needs.push(Need::SlaDue),
        DriverOutcome::Reopen if !ctx.knows_reopens() => needs.push(Need::Activity(Step::Reopened)),
        DriverOutcome::Escalation if !ctx.has_step(Step::Escalated) && ctx.escalated_flag.is_none() => {
            needs.push(Need::Activity(Step::Escalated))
        }
        _ => {}
    }
    let n = measured.len();
    let min_support = min_support.unwrap_or_else(|| default_min_support(n));
    let mut hit = Bits::new(n);
    for (i, (_, yes)) in measured.iter().enumerate() {
        if *yes {
            hit.set(i);
        }
    }
    let base = Rate::new(hit.count(), n as u64);
    if !needs.is_empty() || n == 0 || base.count == 0 {
        return DriversReport { outcome, base, min_support, drivers: Vec::new(), needs };
    }
    let mut features: Vec<(Feature, Bits)> = Vec::new();
    // Column values: the service segments at creation, and other case-level columns.
    // Teams come as "through team"; the escalated flag is the `escalated` feature.
    let excluded_fields =
        [ServiceField::SlaDue, ServiceField::Csat, ServiceField::Team, ServiceField::Status, ServiceField::Escalated];
    for attribute in &log.attributes {
        if attribute.field.is_some_and(|f| excluded_fields.contains(&f)) || attribute.values.len() > MAX_VALUES {
            continue;
        }
        let segment =
            matches!(attribute.field, Some(ServiceField::Priority | ServiceField::Channel | ServiceField::CaseType));
        if attribute.level != Level::Case && !segment {
            continue;
        }
        let mut bits: Vec<Bits> = (0..attribute.values.len()).map(|_| Bits::new(n)).collect();
        for (i, (f, _)) in measured.iter().enumerate() {
            let value = match attribute.field {
                Some(ServiceField::Priority) => f.priority,
                Some(ServiceField::Channel) => f.channel,
                Some(ServiceField::CaseType) => f.case_type,
                _ => attribute.id_at(f.case.index()),
            };
            if value != ValueId::MISSING {
                bits[value.index()].set(i);
            }
        }
        for (value, b) in bits.into_iter().enumerate() {
            let value = attribute.values.get(ValueId::from_index(value)).unwrap_or_default().to_owned();
            features.push((Feature::Value { column: attribute.name.clone(), value }, b));
        }
    }
    if let Some(team) = ctx.field(log, ServiceField::Team) {
        let mut bits: Vec<Bits> = (0..team.values.len()).map(|_| Bits::new(n)).collect();
        for (i, (f, _)) in measured.iter().enumerate() {
            for v in case_values(team, log, f.case).filter(|&v| v != ValueId::MISSING) {
                bits[v.index()].set(i);
            }
        }
        for (value, b) in bits.into_iter().enumerate() {
            features.push((
                Feature::Team { team: team.values.get(ValueId::from_index(value)).unwrap_or_default().to_owned() },
                b,
            ));
        }
    }
    let own_step = match outcome {
        DriverOutcome::SlaBreach => Some(Step::SlaViolated),
        DriverOutcome::Reopen => Some(Step::Reopened),
        DriverOutcome::Escalation => Some(Step::Escalated),
        DriverOutcome::LongerThan { .. } => None,
    };
    let mut activity_bits: Vec<Bits> = (0..log.activities.len()).map(|_| Bits::new(n)).collect();
    for (i, (f, _)) in measured.iter().enumerate() {
        for e in log.case_events(f.case) {
            activity_bits[log.activity.get(e).index()].set(i);
        }
    }
    for (a, b) in activity_bits.into_iter().enumerate() {
        if own_step.is_some() && ctx.steps[a] == own_step {
            continue;
        }
        features.push((
            Feature::Activity {
                activity: log.activities.get(ActivityId::from_index(a)).unwrap_or_default().to_owned(),
            },
            b,
        ));
    }
    type Test = fn(&CaseFacts) -> bool;
    let flags: [(Feature, Test); 8] = [
        (Feature::Handoffs { at_least: 2 }, |f| f.handoffs >= 2),
        (Feature::Handoffs { at_least: 4 }, |f| f.handoffs >= 4),
        (Feature::PingPong, |f| f.ping_pong),
        (Feature::Escalated, |f| f.escalated),
        (Feature::Reopened, |f| f.reopens > 0),
        (Feature::Rework, |f| f.rework),
        (Feature::TypeChanged, |f| f.type_changed),
        (Feature::Rerouted, |f| f.reroutes > 0),
    ];
    for (feature, test) in flags {
        if (feature == Feature::Escalated && outcome == DriverOutcome::Escalation)
            || (feature == Feature::Reopened && outcome == DriverOutcome::Reopen)
        {
            continue;
        }
        let mut b = Bits::new(n);
        for (i, (f, _)) in measured.iter().enumerate() {
            if test(f) {
                b.set(i);
            }
        }
        features.push((feature, b));
    }
    // Singles.
    let lift = |rate: Rate| if base.rate > 0.0 { rate.rate / base.rate } else { 0.0 };
    let mut singles: Vec<(usize, Rate, f64)> = features
        .iter()
        .enumerate()
        .filter_map(|(i, (_, b))| {
            let support = b.count();
            (support >= min_support && support < n as u64).then(|| {
                let rate = Rate::new(b.and_count(&hit), support);
                (i, rate, lift(rate))
            })
        })
        .collect();
    let order = |a: &(usize, Rate, f64), b: &(usize, Rate, f64)| {
        b.2.total_cmp(&a.2).then(b.1.of.cmp(&a.1.of)).then_with(|| features[a.0].0.cmp(&features[b.0].0))
    };
    singles.sort_by(order);
    // Features that hold exactly the same cases as a better-ranked one say nothing new
    // ("escalated" and "has Case Escalated"): keep the first.
    let mut seen: hashbrown::HashSet<&[u64], foldhash::fast::FixedState> = hashbrown::HashSet::default();
    singles.retain(|(i, _, _)| seen.insert(features[*i].1.0.as_slice()));
    let mut drivers: Vec<(Vec<usize>, Rate, f64)> = singles.iter().map(|&(i, r, l)| (vec![i], r, l)).collect();
    let candidates: Vec<&(usize, Rate, f64)> = singles.iter().take(PAIR_CANDIDATES).collect();
    for (x, a) in candidates.iter().enumerate() {
        for b in &candidates[x + 1..] {
            let (fa, fb) = (&features[a.0].1, &features[b.0].1);
            let support = fa.and_count(fb);
            if support < min_support {
                continue;
            }
            let rate = Rate::new(fa.and3_count(fb, &hit), support);
            let l = lift(rate);
            if l > a.2 && l > b.2 {
                let mut pair = vec![a.0, b.0];
                pair.sort_by(|p, q| features[*p].0.cmp(&features[*q].0));
                drivers.push((pair, rate, l));
            }
        }
    }
    drivers.retain(|d| d.2 > 1.0);
    drivers.sort_by(|a, b| {
        b.2.total_cmp(&a.2).then(b.1.of.cmp(&a.1.of)).then_with(|| {
            let names = |d: &Vec<usize>| d.iter().map(|&i| features[i].0.clone()).collect::<Vec<_>>();
            names(&a.0).cmp(&names(&b.0))
        })
    });
    drivers.truncate(LISTED);
    let drivers = drivers
        .into_iter()
        .map(|(index, rate, lift)| {
            let features: Vec<Feature> = index.iter().map(|&i| features[i].0.clone()).collect();
            Driver { label: features.iter().map(Feature::label).collect::<Vec<_>>().join(" + "), features, rate, lift }
        })
        .collect();
    DriversReport { outcome, base, min_support, drivers, needs }
}

#[cfg(test)]
mod tests {
    use super::super::sla::evaluate;
    use super::super::tests::facts;
    use super::*;

    /// 40 cases: Email cases that were escalated breach their SLA (10 of 10), other Email
    /// cases half the time (5 of 10), Phone cases never (0 of 20).
    fn log() -> String {
        let mut csv = String::from("case_id,activity,timestamp,channel,sla_due\n");
        for i in 0..40 {
            let (channel, escalated, breached) = match i {
                0..10 => ("Email", true, true),
                10..20 => ("Email", false, i % 2 == 0),
                _ => ("Phone", false, false),
            };
            let due = if breached { "2025-01-06 10:00" } else { "2025-01-07 10:00" };
            csv.push_str(&format!("c{i:02},Case Created,2025-01-06 09:00,{channel},{due}\n"));
            if escalated {
                csv.push_str(&format!("c{i:02},Case Escalated,2025-01-06 09:30,{channel},{due}\n"));
            }
            csv.push_str(&format!("c{i:02},Case Resolved,2025-01-06 12:00,{channel},{due}\n"));
        }
        csv
    }

    #[test]
    fn escalated_email_cases_drive_breaches() {
        let (log, ctx, facts) = facts(&log());
        let sla = evaluate(&log, &ctx, &facts, &[]);
        let report = report(&log, &ctx, &facts, &sla, DriverOutcome::SlaBreach, Some(5));
        // Breached: 10 + 5 of 40.
        assert_eq!((report.base.count, report.base.of), (15, 40));
        let first = &report.drivers[0];
        // Escalated (10 cases, all breached): lift 1 / (15/40) = 2.67; Email + escalated is
        // the same set, so it is no better and not listed as a pair.
        assert_eq!(first.rate.of, 10);
        assert_eq!(first.rate.count, 10);
        assert!((first.lift - 40.0 / 15.0).abs() < 1e-12);
        let labels: Vec<&str> = report.drivers.iter().map(|d| d.label.as_str()).collect();
        assert!(labels.contains(&"channel = Email"), "{labels:?}");
        // Email: 15 of 20 breached, lift 2.
        let email = report.drivers.iter().find(|d| d.label == "channel = Email").unwrap();
        assert_eq!((email.rate.count, email.rate.of, email.lift), (15, 20, 2.0));
        // Phone never breaches: lift 0, not listed.
        assert!(!labels.iter().any(|l| l.contains("Phone")));
    }

    #[test]
    fn outcomes_the_log_cannot_measure() {
        let (log, ctx, facts) = facts("case,activity,time\n1,a,2025-01-01 10:00\n");
        let sla = evaluate(&log, &ctx, &facts, &[]);
        let report = report(&log, &ctx, &facts, &sla, DriverOutcome::SlaBreach, None);
        assert_eq!(report.needs, [Need::SlaDue]);
        assert!(report.drivers.is_empty());
        let longer = super::report(&log, &ctx, &facts, &sla, DriverOutcome::LongerThan { seconds: 0.0 }, None);
        assert!(longer.needs.is_empty());
        assert_eq!(longer.base.count, 0);
    }
}
