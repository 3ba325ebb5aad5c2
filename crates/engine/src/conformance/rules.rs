//! Service rules: a declarative check list, each rule reported per case.
//!
//! A rule names its steps by activity name or by the service step the vocabulary recognises
//! (`{"step": "escalated"}` matches every activity the vocabulary reads as an escalation).
//! Each rule *applies* to some cases and is *violated* by some of them:
//!
//! | rule | applies to | violated when |
//! | --- | --- | --- |
//! | `before` A, B | cases with both | the first B comes before the first A |
//! | `precedes` B needs A | cases with B | no A happened before the first B |
//! | `at_most` A, N | every case | A happens more than N times |
//! | `within` B after A, D | cases with A | no B follows the first A within D (working time when business hours are given) |
//! | `occurs` A | every case | A never happens |
//! | `ends_with` A | every case | the last event is not A |

use serde::{Deserialize, Serialize};

use crate::log::{CaseIndex, EventLog, Selection};
use crate::service::sla::BusinessHours;
use crate::service::{ServiceContext, Step};
use crate::time::SECOND;

/// What a rule speaks of: one activity, or every activity of a service step.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Target {
    /// An activity, by its name in the log.
    Activity(String),
    /// Every activity the vocabulary reads as this step.
    Step(Step),
}

/// The check a rule makes.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(tag = "kind", rename_all = "snake_case")]
pub enum Check {
    /// In a case with both, the first `first` comes before the first `then`.
    Before {
        /// What must come first.
        first: Target,
        /// What must come after.
        then: Target,
    },
    /// `step` never happens without `requires` before it.
    Precedes {
        /// What needs a predecessor.
        step: Target,
        /// The predecessor.
        requires: Target,
    },
    /// `step` happens at most `times` times in a case.
    AtMost {
        /// What is counted.
        step: Target,
        /// The most times allowed.
        times: u32,
    },
    /// `step` follows the first `after` within `seconds`.
    Within {
        /// What must follow.
        step: Target,
        /// What starts the clock.
        after: Target,
        /// The time allowed, seconds.
        seconds: f64,
        /// Count only working time, in these hours.
        #[serde(default, skip_serializing_if = "Option::is_none")]
        business_hours: Option<BusinessHours>,
    },
    /// `step` happens in every case.
    Occurs {
        /// What must happen.
        step: Target,
    },
    /// Every case ends with `step`.
    EndsWith {
        /// The last step.
        step: Target,
    },
}

/// A rule: a check with an optional name the user gave it.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Rule {
    /// The user's name for it.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub name: Option<String>,
    /// The check.
    #[serde(flatten)]
    pub check: Check,
}

/// One rule checked on a selection.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct RuleResult {
    /// The rule.
    pub rule: Rule,
    /// Cases the rule applies to.
    pub applies: u64,
    /// Cases that violate it, in log order.
    pub violating: Vec<CaseIndex>,
}

impl RuleResult {
    /// Violating cases as a share of the cases the rule applies to (`None` when none).
    pub fn violation_rate(&self) -> Option<f64> {
        (self.applies > 0).then(|| self.violating.len() as f64 / self.applies as f64)
    }
}

/// The rules a service desk starts from, for the steps the vocabulary found in this log:
/// no escalation without an acknowledgement before it, and at most two reassignments.
pub fn default_rules(ctx: &ServiceContext) -> Vec<Rule> {
    let mut rules = Vec::new();
    if ctx.has_step(Step::Escalated) && ctx.has_step(Step::Acknowledged) {
        rules.push(Rule {
            name: None,
            check: Check::Precedes { step: Target::Step(Step::Escalated), requires: Target::Step(Step::Acknowledged) },
        });
    }
    if ctx.has_step(Step::Reassigned) {
        rules.push(Rule { name: None, check: Check::AtMost { step: Target::Step(Step::Reassigned), times: 2 } });
    }
    rules
}

/// Which activities a target covers, by activity id.
fn mask(log: &EventLog, ctx: &ServiceContext, target: &Target) -> Vec<bool> {
    log.activities
        .names()
        .enumerate()
        .map(|(i, name)| match target {
            Target::Activity(wanted) => name == wanted.as_str(),
            Target::Step(step) => ctx.steps.get(i).copied().flatten() == Some(*step),
        })
        .collect()
}

/// A check with its targets resolved to activity masks.
struct Prepared<'r> {
    check: &'r Check,
    masks: Vec<Vec<bool>>,
}

impl Prepared<'_> {
    /// Whether the rule applies to the case, and whether the case violates it.
    fn check_case(&self, log: &EventLog, case: CaseIndex) -> (bool, bool) {
        let events = log.case_events(case);
        let is = |m: usize, e: usize| self.masks[m][log.activity.get(e).index()];
        let first = |m: usize| events.clone().find(|&e| is(m, e));
        match self.check {
            Check::Before { .. } => match (first(0), first(1)) {
                (Some(a), Some(b)) => (true, b < a),
                _ => (false, false),
            },
            Check::Precedes { .. } => match first(0) {
                Some(b) => (true, !(events.start..b).any(|e| is(1, e))),
                None => (false, false),
            },
            Check::AtMost { times, .. } => (true, events.clone().filter(|&e| is(0, e)).count() > *times as usize),
            Check::Within { seconds, business_hours, .. } => match first(1) {
                Some(a) => {
                    let start = log.time[a];
                    let limit = (seconds * SECOND as f64).round() as i64;
                    let late = (a + 1..events.end).find(|&e| is(0, e)).is_none_or(|b| {
                        let taken = match business_hours {
                            Some(hours) => hours.between(start, log.time[b]),
                            None => log.time[b] - start,
                        };
                        taken > limit
                    });
                    (true, late)
                }
                None => (false, false),
            },
            Check::Occurs { .. } => (true, first(0).is_none()),
            Check::EndsWith { .. } => (true, events.clone().next_back().is_none_or(|e| !is(0, e))),
        }
    }
}

impl Check {
    /// The targets, in the order `Prepared::check_case` reads their masks.
    fn targets(&self) -> Vec<&Target> {
        match self {
            Check::Before { first, then } => vec![first, then],
            Check::Precedes { step, requires } => vec![step, requires],
            Check::Within { step, after, .. } => vec![step, after],
            Check::AtMost { step, .. } | Check::Occurs { step } | Check::EndsWith { step } => vec![step],
        }
    }
}

/// Checks every rule on the selected cases.
pub fn check_rules(log: &EventLog, ctx: &ServiceContext, selection: Selection<'_>, rules: &[Rule]) -> Vec<RuleResult> {
    rules
        .iter()
        .map(|rule| {
            let mut applies = 0;
            let mut violating = Vec::new();
            let prepared = Prepared {
                check: &rule.check,
                masks: rule.check.targets().into_iter().map(|t| mask(log, ctx, t)).collect(),
            };
            for case in selection.iter(log) {
                let (applicable, violated) = prepared.check_case(log, case);
                applies += u64::from(applicable);
                if violated {
                    violating.push(case);
                }
            }
            RuleResult { rule: rule.clone(), applies, violating }
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::service::Vocabulary;

    fn log() -> EventLog {
        let csv = "case,activity,time\n\
            c1,Ticket created,2025-01-06 09:00\nc1,Auto-reply sent,2025-01-06 09:05\nc1,Escalated to L2,2025-01-06 10:00\nc1,Resolved,2025-01-06 12:00\n\
            c2,Ticket created,2025-01-06 09:00\nc2,Escalated to L2,2025-01-06 09:30\nc2,Auto-reply sent,2025-01-06 09:40\nc2,Resolved,2025-01-07 09:00\n\
            c3,Ticket created,2025-01-10 17:00\nc3,Reassigned,2025-01-10 17:10\nc3,Reassigned,2025-01-10 17:20\nc3,Reassigned,2025-01-10 17:30\nc3,Resolved,2025-01-13 09:30\n";
        crate::ingest::import_bytes(csv.as_bytes(), &crate::ingest::ImportOptions::default()).unwrap().log
    }

    fn run(check: Check) -> (u64, Vec<String>) {
        let log = log();
        let ctx = ServiceContext::new(&log, &Vocabulary::default());
        let r = &check_rules(&log, &ctx, Selection::All, &[Rule { name: None, check }])[0];
        (r.applies, r.violating.iter().map(|&c| log.case_ids[c.index()].to_string()).collect())
    }

    fn step(s: Step) -> Target {
        Target::Step(s)
    }

    #[test]
    fn each_rule_applies_and_is_violated_as_documented() {
        let ack = || step(Step::Acknowledged);
        let esc = || step(Step::Escalated);
        assert_eq!(run(Check::Before { first: ack(), then: esc() }), (2, vec!["c2".into()]));
        assert_eq!(run(Check::Precedes { step: esc(), requires: ack() }), (2, vec!["c2".into()]));
        assert_eq!(run(Check::AtMost { step: step(Step::Reassigned), times: 2 }), (3, vec!["c3".into()]));
        assert_eq!(run(Check::Occurs { step: ack() }), (3, vec!["c3".into()]));
        assert_eq!(run(Check::EndsWith { step: Target::Activity("Resolved".into()) }), (3, vec![]));
        // Resolved within a day of creation: c2 takes 24 h exactly (on time), c3 takes 2.7 days.
        let within = |business_hours| Check::Within {
            step: step(Step::Resolved),
            after: step(Step::Created),
            seconds: 86_400.0,
            business_hours,
        };
        assert_eq!(run(within(None)), (3, vec!["c3".into()]));
        // In working hours (Mon-Fri 8-18) c3 took 1 h + 1.5 h: on time.
        assert_eq!(run(within(Some(BusinessHours::default()))), (3, vec![]));
    }

    #[test]
    fn defaults_come_from_the_steps_the_log_has() {
        let log = log();
        let ctx = ServiceContext::new(&log, &Vocabulary::default());
        let rules = default_rules(&ctx);
        assert_eq!(rules.len(), 2);
        let json = serde_json::to_string(&rules).unwrap();
        assert_eq!(
            json,
            r#"[{"kind":"precedes","step":{"step":"escalated"},"requires":{"step":"acknowledged"}},{"kind":"at_most","step":{"step":"reassigned"},"times":2}]"#
        );
        let back: Vec<Rule> = serde_json::from_str(&json).unwrap();
        assert_eq!(back, rules);
    }
}
