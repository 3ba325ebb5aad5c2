//! First-contact resolution (FCR): the share of resolved cases that needed no second
//! contact, no second agent and no reopening.
//!
//! A resolved case counts as resolved at first contact when every part switched on holds:
//! - **one contact**: the desk never waited for the customer ([`Step::WaitingForCustomer`]),
//!   the customer never had to answer ([`Step::CustomerResponded`]), and the desk contacted
//!   the customer at most once ([`Step::CustomerContact`]);
//! - **one agent**: at most one person worked on it (automations such as auto-replies do
//!   not count);
//! - **no reopen**: it was never reopened.
//!
//! FCR rate = such cases / resolved cases. A part the log cannot tell (no resource column for
//! "one agent", no activity recognised as a reopening for "no reopen", no customer-contact
//! activity for "one contact") is left out of the definition and named in `needs`. When no
//! activity is recognised as a resolution or a closure, the rate is unknown (`None`).

use serde::{Deserialize, Serialize};

use super::context::ServiceContext;
use super::facts::CaseFacts;
use super::need::Need;
use super::segments::{Segment, group};
use super::stats::Rate;
use super::vocabulary::Step;
use crate::log::EventLog;

/// Which parts make up the definition.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub struct FcrParts {
    /// One contact with the customer.
    pub one_contact: bool,
    /// One agent.
    pub one_agent: bool,
    /// Never reopened.
    pub no_reopen: bool,
}

impl Default for FcrParts {
    fn default() -> Self {
        FcrParts { one_contact: true, one_agent: true, no_reopen: true }
    }
}

/// The FCR rate of one segment value.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct SegmentRate {
    /// The value (`None`: cases without one).
    pub value: Option<String>,
    /// The rate.
    #[serde(flatten)]
    pub rate: Rate,
}

/// The FCR report.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct FcrReport {
    /// The parts asked for.
    pub asked: FcrParts,
    /// The parts used (asked for and supported by the log).
    pub used: FcrParts,
    /// FCR among resolved cases; `None` when no part can be used.
    pub rate: Option<Rate>,
    /// How many resolved cases satisfy each part on its own.
    pub one_contact: Rate,
    /// See `one_contact`.
    pub one_agent: Rate,
    /// See `one_contact`.
    pub no_reopen: Rate,
    /// FCR by channel.
    pub by_channel: Vec<SegmentRate>,
    /// FCR by case type.
    pub by_case_type: Vec<SegmentRate>,
    /// What the log lacks for the full definition.
    pub needs: Vec<Need>,
}

fn one_contact(f: &CaseFacts) -> bool {
    f.customer_waits == 0 && f.customer_responses == 0 && f.customer_contacts <= 1
}

/// Whether a case was resolved at first contact under `used`.
pub fn is_fcr(f: &CaseFacts, used: FcrParts) -> bool {
    f.resolved.is_some()
        && (!used.one_contact || one_contact(f))
        && (!used.one_agent || f.agents <= 1)
        && (!used.no_reopen || f.reopens == 0)
}

/// The parts of `asked` that the log supports, and what it lacks.
pub fn usable(log: &EventLog, ctx: &ServiceContext, asked: FcrParts) -> (FcrParts, Vec<Need>) {
    let mut needs = Vec::new();
    let contact =
        [Step::WaitingForCustomer, Step::CustomerResponded, Step::CustomerContact].iter().any(|s| ctx.has_step(*s));
    if asked.one_contact && !contact {
        needs.push(Need::Activity(Step::WaitingForCustomer));
    }
    let agents = !log.resources.is_empty();
    if asked.one_agent && !agents {
        needs.push(Need::Resource);
    }
    let reopen = ctx.knows_reopens();
    if asked.no_reopen && !reopen {
        needs.push(Need::Activity(Step::Reopened));
    }
    (
        FcrParts {
            one_contact: asked.one_contact && contact,
            one_agent: asked.one_agent && agents,
            no_reopen: asked.no_reopen && reopen,
        },
        needs,
    )
}

/// This analysis as the [registry](super::registry) runs it.
pub fn run(i: &super::Inputs<'_>) -> FcrReport {
    report(i.log, i.ctx, i.facts, i.options.fcr)
}

/// The FCR report of `facts`.
pub fn report(log: &EventLog, ctx: &ServiceContext, facts: &[CaseFacts], asked: FcrParts) -> FcrReport {
    let (used, mut needs) = usable(log, ctx, asked);
    needs.extend(ctx.resolution_need());
    // Without a recognised resolution every case would count as resolved at its last event:
    // no rate can be told.
    let any = (used.one_contact || used.one_agent || used.no_reopen) && ctx.resolution_from_steps;
    let resolved: Vec<&CaseFacts> = facts.iter().filter(|f| f.resolved.is_some()).collect();
    let rate_of =
        |cases: &[&CaseFacts]| Rate::of(cases.iter().copied().filter(|f| f.resolved.is_some()), |f| is_fcr(f, used));
    let by = |segment: Segment| -> Vec<SegmentRate> {
        if !any {
            return Vec::new();
        }
        group(log, ctx, facts, segment)
            .into_iter()
            .map(|(value, cases)| SegmentRate { value, rate: rate_of(&cases) })
            .collect()
    };
    FcrReport {
        asked,
        used,
        rate: any.then(|| rate_of(&resolved)),
        one_contact: Rate::of(resolved.iter().copied(), one_contact),
        one_agent: Rate::of(resolved.iter().copied(), |f| f.agents <= 1),
        no_reopen: Rate::of(resolved.iter().copied(), |f| f.reopens == 0),
        by_channel: by(Segment::Channel),
        by_case_type: by(Segment::CaseType),
        needs,
    }
}

#[cfg(test)]
mod tests {
    use super::super::tests::{DESK, facts};
    use super::*;

    #[test]
    fn only_the_simple_case_is_resolved_at_first_contact() {
        let (log, ctx, facts) = facts(DESK);
        let report = report(&log, &ctx, &facts, FcrParts::default());
        // Resolved: C1 and C2 (C3 is open). C1: no wait, one person (Anna; the auto-reply
        // and auto-close are automations), never reopened. C2: three agents, reopened.
        let rate = report.rate.unwrap();
        assert_eq!((rate.count, rate.of), (1, 2));
        assert_eq!((report.one_agent.count, report.no_reopen.count, report.one_contact.count), (1, 1, 2));
        let email = &report.by_channel.iter().find(|r| r.value.as_deref() == Some("Email")).unwrap().rate;
        assert_eq!((email.count, email.of), (1, 1));
        // Switching parts off: without "one agent" and "no reopen", C2 counts too.
        let loose =
            super::report(&log, &ctx, &facts, FcrParts { one_contact: true, one_agent: false, no_reopen: false });
        assert_eq!(loose.rate.unwrap().count, 2);
    }

    #[test]
    fn parts_the_log_cannot_tell_are_named() {
        let (log, ctx, facts) = facts("case,activity,time\n1,Case Resolved,2025-01-01 10:00\n");
        let report = report(&log, &ctx, &facts, FcrParts::default());
        assert_eq!(report.used, FcrParts { one_contact: false, one_agent: false, no_reopen: false });
        assert_eq!(report.rate, None);
        assert_eq!(
            report.needs,
            [Need::Activity(Step::WaitingForCustomer), Need::Resource, Need::Activity(Step::Reopened)]
        );
    }
}
