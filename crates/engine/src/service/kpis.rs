//! The overview KPIs and their trends.
//!
//! | KPI | definition |
//! | --- | --- |
//! | cases, events | in the selection |
//! | time span | the first and the last event's time |
//! | resolution time | median, mean and 90th percentile (linear interpolation) of the resolution times of resolved cases (see the [definitions](super)); `None` when no activity is recognised as a resolution or closure (the case duration is no resolution time) |
//! | SLA compliance | met / (met + breached), see [`sla`](super::sla); `None` without a due date or rules |
//! | FCR rate | see [`fcr`](super::fcr), all parts the log supports; `None` when no activity is recognised as a resolution or closure |
//! | reopen rate | cases with a reopening / cases; `None` when no activity is recognised as a reopening and the log has no reopen count |
//! | reassignments per case | the mean of the tool's own reassignment count (`reassignment_count`); `None` without such a column |
//! | escalation rate | cases escalated (an escalation activity or the escalated flag) / cases; `None` when the log has neither |
//! | handoffs per case | the mean over cases of their resource changes (events without a resource left out); `None` without a resource column |
//! | rework rate | cases in which some activity occurs more than once / cases |
//! | time to first acknowledgement | median over cases of the time from creation to the first acknowledgement or action by a resource ([`acknowledgement`](super::acknowledgement)) |
//!
//! **Open cases** are those not resolved; when no activity is recognised as a resolution or
//! closure, no case can be told open or resolved (`open_known` is false). `endings` names the
//! last activities of the open cases (of every case when resolution is unknown), the most
//! frequent first: the page offers to mark one as a resolution or a closure.
//!
//! Trends: the same KPIs for the cases created in each week (Monday to Sunday) and each
//! calendar month, from the first to the last period with cases. A period is **partial** when
//! the cases' time span (the first case's creation day to the last event's day) covers only
//! some of its days: the log starts or ends in it. Each point carries its `cases`; a point
//! resting on fewer than [`FEW_CASES`] cases is a weak one (the page draws it faint, and it
//! does not set the chart's scale).

use serde::{Deserialize, Serialize};

use super::context::ServiceContext;
use super::facts::CaseFacts;
use super::fcr::{FcrParts, is_fcr, usable};
use super::need::Need;
use super::sla::{Clock, Compliance, SlaEvaluation};
use super::stats::{distribution, mean};
use super::vocabulary::Step;
use crate::log::{ActivityId, EventLog};
use crate::time::{DAY, day_string, to_iso, week_start};

/// The KPIs of a set of cases.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct KpiValues {
    /// Cases.
    pub cases: u64,
    /// Resolved cases.
    pub resolved: u64,
    /// Median resolution time, seconds.
    pub median_resolution_s: Option<f64>,
    /// Mean resolution time, seconds.
    pub mean_resolution_s: Option<f64>,
    /// 90th percentile of the resolution time, seconds.
    pub p90_resolution_s: Option<f64>,
    /// SLA compliance (0 to 1).
    pub sla_compliance: Option<f64>,
    /// First-contact resolution rate.
    pub fcr_rate: Option<f64>,
    /// Reopen rate.
    pub reopen_rate: Option<f64>,
    /// Escalation rate.
    pub escalation_rate: Option<f64>,
    /// Mean resource changes per case.
    pub handoffs_per_case: Option<f64>,
    /// Rework rate.
    pub rework_rate: Option<f64>,
    /// Median time to first acknowledgement, seconds.
    pub median_ack_s: Option<f64>,
    /// Mean of the tool's reassignment count.
    #[serde(default)]
    pub reassignments_per_case: Option<f64>,
}

/// A last activity of cases counted as open, and how many.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Ending {
    /// The activity.
    pub activity: String,
    /// Cases whose last event it is.
    pub cases: u64,
}

/// Endings listed.
pub const ENDINGS: usize = 8;

/// A trend point resting on fewer cases than this is weak: its figure may swing by chance.
pub const FEW_CASES: u64 = 20;

/// One period of a trend.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct TrendPoint {
    /// First day of the period, `YYYY-MM-DD`.
    pub start: String,
    /// The cases' time span covers only some days of the period (a first or last one).
    #[serde(default)]
    pub partial: bool,
    /// The KPIs of the cases created in it.
    #[serde(flatten)]
    pub kpis: KpiValues,
}

/// The overview KPIs.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Kpis {
    /// Events.
    pub events: u64,
    /// The first event's time, ISO 8601.
    pub first: Option<String>,
    /// The last event's time, ISO 8601.
    pub last: Option<String>,
    /// Open cases (not resolved).
    pub open: u64,
    /// Whether open cases can be told from resolved ones (some activity is recognised as a
    /// resolution or a closure).
    #[serde(default)]
    pub open_known: bool,
    /// The last activities of open cases (of every case when `open_known` is false), the
    /// most frequent first (at most [`ENDINGS`]).
    #[serde(default)]
    pub endings: Vec<Ending>,
    /// Whether resolution comes from activities (else every case resolves at its end).
    pub resolution_from_activities: bool,
    /// The KPIs of all cases.
    #[serde(flatten)]
    pub values: KpiValues,
    /// Per week.
    pub weeks: Vec<TrendPoint>,
    /// Per month.
    pub months: Vec<TrendPoint>,
    /// What the log lacks for some KPI.
    pub needs: Vec<Need>,
}

/// What the KPIs depend on beyond the facts.
struct Inputs<'a> {
    /// Resolution is known (an activity is recognised as a resolution or closure).
    resolution: bool,
    /// Each case's reassignment count by the tool, when the log has one.
    reassignments: Option<&'a [Option<u32>]>,
    fcr: Option<FcrParts>,
    reopen: bool,
    escalation: bool,
    resources: bool,
    sla: &'a [Option<Clock>],
}

fn values(facts: &[&CaseFacts], index: &[usize], inputs: &Inputs<'_>) -> KpiValues {
    let cases = facts.len() as u64;
    let rate = |property: &dyn Fn(&CaseFacts) -> bool| -> Option<f64> {
        (cases > 0).then(|| facts.iter().filter(|f| property(f)).count() as f64 / cases as f64)
    };
    let resolution = distribution(facts.iter().copied(), CaseFacts::resolution);
    let resolved: Vec<&&CaseFacts> = facts.iter().filter(|f| f.resolved.is_some()).collect();
    let resolution = resolution.filter(|_| inputs.resolution);
    KpiValues {
        cases,
        resolved: resolved.len() as u64,
        median_resolution_s: resolution.map(|d| d.median),
        mean_resolution_s: resolution.map(|d| d.mean),
        p90_resolution_s: resolution.map(|d| d.p90),
        sla_compliance: Compliance::of(index.iter().map(|&i| &inputs.sla[i])).compliance,
        fcr_rate: inputs.fcr.filter(|_| inputs.resolution).and_then(|parts| {
            (!resolved.is_empty())
                .then(|| resolved.iter().filter(|f| is_fcr(f, parts)).count() as f64 / resolved.len() as f64)
        }),
        reopen_rate: if inputs.reopen { rate(&|f| f.reopens > 0) } else { None },
        escalation_rate: if inputs.escalation { rate(&|f| f.escalated) } else { None },
        handoffs_per_case: if inputs.resources { mean(facts.iter().map(|f| f64::from(f.handoffs))) } else { None },
        rework_rate: rate(&|f| f.rework),
        median_ack_s: distribution(facts.iter().copied(), |f| f.acknowledged.map(|a| a - f.created)).map(|d| d.median),
        reassignments_per_case: inputs.reassignments.and_then(|counts| {
            mean(facts.iter().filter_map(|f| counts.get(f.case.index()).copied().flatten()).map(f64::from))
        }),
    }
}

/// The last activities of the open cases (of all cases when resolution is unknown).
fn endings(log: &EventLog, facts: &[CaseFacts], resolution_known: bool) -> Vec<Ending> {
    let mut counts = vec![0u64; log.activities.len()];
    for f in facts.iter().filter(|f| !resolution_known || f.resolved.is_none()) {
        let last = log.case_events(f.case).end - 1;
        counts[log.activity.get(last).index()] += 1;
    }
    let mut list: Vec<Ending> = counts
        .iter()
        .enumerate()
        .filter(|(_, n)| **n > 0)
        .map(|(a, n)| Ending {
            activity: log.activities.get(ActivityId::from_index(a)).unwrap_or_default().to_owned(),
            cases: *n,
        })
        .collect();
    list.sort_by(|a, b| b.cases.cmp(&a.cases).then_with(|| a.activity.cmp(&b.activity)));
    list.truncate(ENDINGS);
    list
}

fn month_of(day: i64) -> i64 {
    let date = jiff::civil::Date::constant(1970, 1, 1).checked_add(jiff::Span::new().days(day)).unwrap_or_default();
    let first = date.first_of_month();
    first.since(jiff::civil::Date::constant(1970, 1, 1)).map_or(day, |span| i64::from(span.get_days()))
}

fn trend(
    facts: &[CaseFacts],
    inputs: &Inputs<'_>,
    period_of: impl Fn(i64) -> i64,
    next: impl Fn(i64) -> i64,
) -> Vec<TrendPoint> {
    let mut keyed: Vec<(i64, usize)> =
        facts.iter().enumerate().map(|(i, f)| (period_of(f.created.div_euclid(DAY)), i)).collect();
    keyed.sort_unstable();
    let (Some(&(first, _)), Some(&(last, _))) = (keyed.first(), keyed.last()) else { return Vec::new() };
    // The days the cases span, from the first creation to the last event.
    let span_first = facts.iter().map(|f| f.created.div_euclid(DAY)).min().unwrap_or(first);
    let span_last = facts.iter().map(|f| f.ended.div_euclid(DAY)).max().unwrap_or(last).max(span_first);
    let mut points = Vec::new();
    let mut at = 0;
    let mut period = first;
    while period <= last {
        let end = keyed[at..].iter().position(|&(p, _)| p != period).map_or(keyed.len(), |n| at + n);
        let index: Vec<usize> = keyed[at..end].iter().map(|&(_, i)| i).collect();
        let cases: Vec<&CaseFacts> = index.iter().map(|&i| &facts[i]).collect();
        let following = next(period);
        let partial = period < span_first || following - 1 > span_last;
        points.push(TrendPoint { start: day_string(period), partial, kpis: values(&cases, &index, inputs) });
        at = end;
        period = following;
    }
    points
}

/// This analysis as the [registry](super::registry) runs it.
pub fn run(i: &super::Inputs<'_>) -> Kpis {
    kpis(i.log, i.ctx, i.facts, i.evaluation())
}

/// The KPIs of `facts`, with the SLA clocks of [`sla::evaluate`](super::sla::evaluate) on the
/// same facts.
pub fn kpis(log: &EventLog, ctx: &ServiceContext, facts: &[CaseFacts], sla: &SlaEvaluation) -> Kpis {
    let (inputs, needs) = prepare(log, ctx, sla);
    let all: Vec<&CaseFacts> = facts.iter().collect();
    let index: Vec<usize> = (0..facts.len()).collect();
    let first = facts.iter().map(|f| f.created).min();
    let last = facts.iter().map(|f| f.ended).max();
    let events = facts.iter().map(|f| u64::from(f.events)).sum();
    Kpis {
        events,
        first: first.map(to_iso),
        last: last.map(to_iso),
        open: facts.iter().filter(|f| f.resolved.is_none()).count() as u64,
        open_known: ctx.resolution_from_steps,
        endings: endings(log, facts, ctx.resolution_from_steps),
        resolution_from_activities: ctx.resolution_from_steps,
        values: values(&all, &index, &inputs),
        weeks: trend(facts, &inputs, week_start, |w| w + 7),
        months: trend(facts, &inputs, month_of, |m| month_of(m + 31)),
        needs,
    }
}

/// Only the KPIs of `facts` (what [`kpis`] gives as `values`), without trends and endings.
pub fn kpi_values(log: &EventLog, ctx: &ServiceContext, facts: &[CaseFacts], sla: &SlaEvaluation) -> KpiValues {
    let (inputs, _) = prepare(log, ctx, sla);
    let all: Vec<&CaseFacts> = facts.iter().collect();
    let index: Vec<usize> = (0..facts.len()).collect();
    values(&all, &index, &inputs)
}

/// What a KPI rests on, for a test of a difference between two sets of cases.
#[derive(Debug, Clone, PartialEq)]
pub enum Sample {
    /// One value per case (a duration, a count) to rank.
    Values(Vec<f64>),
    /// Cases with the property among the cases it is measured on.
    Counts {
        /// With the property (a breach met, an escalation...).
        successes: u64,
        /// Measured.
        trials: u64,
    },
}

/// The sample behind each KPI of [`KpiValues`] (by its field name) that the log can tell, for
/// the cases of `facts` with their SLA clocks in `sla` (as for [`kpis`]). The three resolution
/// KPIs rest on the same resolution times.
pub fn samples(
    log: &EventLog,
    ctx: &ServiceContext,
    facts: &[CaseFacts],
    sla: &SlaEvaluation,
) -> Vec<(&'static str, Sample)> {
    let (inputs, _) = prepare(log, ctx, sla);
    let counts =
        |successes: usize, trials: usize| Sample::Counts { successes: successes as u64, trials: trials as u64 };
    let of = |property: &dyn Fn(&CaseFacts) -> bool| counts(facts.iter().filter(|f| property(f)).count(), facts.len());
    let values = |value: &dyn Fn(&CaseFacts) -> Option<f64>| Sample::Values(facts.iter().filter_map(value).collect());
    let mut out = Vec::new();
    if inputs.resolution {
        let resolution = values(&|f| f.resolution().map(|r| r as f64));
        out.push(("median_resolution_s", resolution.clone()));
        out.push(("mean_resolution_s", resolution.clone()));
        out.push(("p90_resolution_s", resolution));
    }
    // The clocks are per fact, in the order of `facts`.
    let sla = Compliance::of(inputs.sla.iter());
    if sla.met + sla.breached > 0 {
        out.push(("sla_compliance", Sample::Counts { successes: sla.met, trials: sla.met + sla.breached }));
    }
    if let Some(parts) = inputs.fcr.filter(|_| inputs.resolution) {
        let resolved: Vec<&CaseFacts> = facts.iter().filter(|f| f.resolved.is_some()).collect();
        out.push(("fcr_rate", counts(resolved.iter().filter(|f| is_fcr(f, parts)).count(), resolved.len())));
    }
    if inputs.reopen {
        out.push(("reopen_rate", of(&|f| f.reopens > 0)));
    }
    if inputs.escalation {
        out.push(("escalation_rate", of(&|f| f.escalated)));
    }
    if inputs.resources {
        out.push(("handoffs_per_case", values(&|f| Some(f64::from(f.handoffs)))));
    }
    out.push(("rework_rate", of(&|f| f.rework)));
    out.push(("median_ack_s", values(&|f| f.acknowledged.map(|a| (a - f.created) as f64))));
    if let Some(reassigned) = inputs.reassignments {
        out.push((
            "reassignments_per_case",
            values(&|f| reassigned.get(f.case.index()).copied().flatten().map(f64::from)),
        ));
    }
    out
}

/// What the KPIs depend on beyond the facts, and what the log lacks for some of them.
fn prepare<'a>(log: &EventLog, ctx: &'a ServiceContext, sla: &'a SlaEvaluation) -> (Inputs<'a>, Vec<Need>) {
    let (parts, fcr_needs) = usable(log, ctx, FcrParts::default());
    let mut needs = fcr_needs;
    let inputs = Inputs {
        resolution: ctx.resolution_from_steps,
        reassignments: ctx.reassignment_count.as_deref(),
        fcr: (parts.one_contact || parts.one_agent || parts.no_reopen).then_some(parts),
        reopen: ctx.knows_reopens(),
        escalation: ctx.has_step(Step::Escalated) || ctx.escalated_flag.is_some(),
        resources: !log.resources.is_empty(),
        sla: &sla.overall,
    };
    if !inputs.escalation {
        needs.push(Need::Activity(Step::Escalated));
    }
    if sla.source.is_none() {
        needs.push(Need::SlaDue);
    }
    if !ctx.resolution_from_steps {
        needs.push(Need::Activity(Step::Resolved));
    }
    needs.sort_by_key(|n| format!("{n:?}"));
    needs.dedup();
    (inputs, needs)
}

#[cfg(test)]
mod tests {
    use super::super::sla::evaluate;
    use super::super::tests::{DESK, facts};
    use super::*;

    #[test]
    fn desk_kpis_are_hand_computed() {
        let (log, ctx, facts) = facts(DESK);
        let kpis = kpis(&log, &ctx, &facts, &evaluate(&log, &ctx, &facts, &[]));
        let v = &kpis.values;
        assert_eq!((v.cases, v.resolved, kpis.open, kpis.events), (3, 2, 1, 19));
        // Resolution: C1 2 h, C2 3 d 2 h: median = mean = their mean; p90 interpolates.
        let (c1, c2) = (2.0 * 3600.0, 74.0 * 3600.0);
        assert_eq!(v.median_resolution_s, Some((c1 + c2) / 2.0));
        assert_eq!(v.mean_resolution_s, Some((c1 + c2) / 2.0));
        assert_eq!(v.p90_resolution_s, Some(c1 + 0.9 * (c2 - c1)));
        assert_eq!(v.sla_compliance, Some(1.0 / 3.0));
        assert_eq!(v.fcr_rate, Some(0.5));
        assert_eq!(v.reopen_rate, Some(1.0 / 3.0));
        assert_eq!(v.escalation_rate, Some(1.0 / 3.0));
        // Handoffs: C1 2, C2 3, C3 0 (Anna throughout).
        assert_eq!(v.handoffs_per_case, Some(5.0 / 3.0));
        // Rework: C2 (Reassigned twice, ...) and C3 (Case Assigned twice).
        assert_eq!(v.rework_rate, Some(2.0 / 3.0));
        // First acknowledgement: C1 5 min, C2 10 min (assigned), C3 60 min: median 10 min.
        assert_eq!(v.median_ack_s, Some(600.0));
        assert!(kpis.needs.is_empty(), "{:?}", kpis.needs);
        // All three cases were created in the week of Monday 2025-01-06, in January.
        assert_eq!(kpis.weeks.len(), 1);
        assert_eq!(kpis.weeks[0].start, "2025-01-06");
        assert_eq!(kpis.weeks[0].kpis, kpis.values);
        assert_eq!(kpis.months[0].start, "2025-01-01");
        // The desk's cases span a few days of that week and month: both partial.
        assert!(kpis.weeks[0].partial && kpis.months[0].partial);
    }

    #[test]
    fn trends_have_every_period_between_the_first_and_the_last() {
        let csv = "case,activity,time\n\
            1,Case Created,2025-01-30 10:00\n1,Case Resolved,2025-01-30 12:00\n\
            2,Case Created,2025-03-03 10:00\n2,Case Resolved,2025-03-03 11:00\n";
        let (log, ctx, facts) = facts(csv);
        let kpis = kpis(&log, &ctx, &facts, &evaluate(&log, &ctx, &facts, &[]));
        let months: Vec<(&str, u64)> = kpis.months.iter().map(|p| (p.start.as_str(), p.kpis.cases)).collect();
        assert_eq!(months, [("2025-01-01", 1), ("2025-02-01", 0), ("2025-03-01", 1)]);
        assert_eq!(kpis.weeks.len(), 6);
        assert_eq!(kpis.weeks[0].start, "2025-01-27");
        // Thursday 30 January to Monday 3 March: the first and last week and month are cut,
        // those between are whole.
        let partial = |points: &[TrendPoint]| points.iter().map(|p| p.partial).collect::<Vec<_>>();
        assert_eq!(partial(&kpis.weeks), [true, false, false, false, false, true]);
        assert_eq!(partial(&kpis.months), [true, false, true]);
        assert_eq!(kpis.weeks[1].kpis.median_resolution_s, None);
        // No resource column, no escalation, no reopening, no SLA: named.
        assert!(kpis.needs.contains(&Need::Resource));
        assert!(kpis.needs.contains(&Need::SlaDue));
        assert_eq!(kpis.values.handoffs_per_case, None);
        assert_eq!(kpis.values.reopen_rate, None);
    }
}
