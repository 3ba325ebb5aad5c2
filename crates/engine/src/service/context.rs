//! The [`ServiceContext`]: what the log offers the service analyses, worked out once per log
//! (the vocabulary applied to its activity and resource names, the service columns found and
//! their per-case values parsed), so that the per-case facts and every analysis read it
//! instead of the raw columns.

use super::need::Need;
use super::vocabulary::{Matcher, Step, Vocabulary};
use crate::ingest::timestamp::infer_format;
use crate::log::{Attribute, CaseIndex, EventLog, Level, ResourceId, ServiceField, ValueId};
use crate::time::Micros;

/// What the log offers the service analyses: the vocabulary applied to its activities and
/// resources, and the service columns found and parsed. Cheap to build (a pass over the
/// distinct names and the cases).
#[derive(Debug, Clone)]
pub struct ServiceContext {
    /// The vocabulary.
    pub matcher: Matcher,
    /// The step of each activity (by id).
    pub steps: Vec<Option<Step>>,
    /// Whether each resource (by id) is an automation.
    pub automation: Vec<bool>,
    /// The attribute index of each service field the log has.
    fields: [Option<usize>; ServiceField::ALL.len()],
    /// The SLA due time of each case, when the log has a due-date column.
    pub sla_due: Option<Vec<Option<Micros>>>,
    /// The CSAT score of each case, when the log has a CSAT column.
    pub csat: Option<Vec<Option<f64>>>,
    /// Whether each case is flagged escalated, when the log has an escalated column.
    pub escalated_flag: Option<Vec<bool>>,
    /// Whether the tool counted each case as within its SLA (its last yes/no value), when the
    /// log has such a column (ServiceNow's `made_sla`).
    pub sla_met: Option<Vec<Option<bool>>>,
    /// How often each case was reopened by the tool's own count (its last value), when the log
    /// has such a column.
    pub reopen_count: Option<Vec<Option<u32>>>,
    /// How often each case was reassigned by the tool's own count, when the log has such a
    /// column.
    pub reassignment_count: Option<Vec<Option<u32>>>,
    /// The latest time in the log.
    pub now: Micros,
    /// Whether resolution comes from Resolved / Closed activities (else from case ends).
    pub resolution_from_steps: bool,
}

fn field_index(field: ServiceField) -> usize {
    ServiceField::ALL.iter().position(|f| *f == field).expect("every field is in ALL")
}

/// The value id of an attribute for each event of a case, in order (case-level attributes
/// repeat their one value).
pub(crate) fn case_values<'a>(
    attribute: &'a Attribute,
    log: &'a EventLog,
    case: CaseIndex,
) -> impl Iterator<Item = ValueId> + 'a {
    let events = log.case_events(case);
    events.map(move |e| attribute.id(case, e))
}

/// A number in a CSAT-like value: `4`, `4.5`, `4,5`, `80%`, `4/5` (the part before the slash).
pub fn parse_score(value: &str) -> Option<f64> {
    let value = value.trim();
    let value = value.split('/').next().unwrap_or(value).trim().trim_end_matches('%').trim();
    value.replace(',', ".").parse::<f64>().ok().filter(|v| v.is_finite())
}

/// Each case's last value of `attribute` that `parse` accepts.
fn per_case_last<T: Copy>(log: &EventLog, attribute: &Attribute, parse: impl Fn(&str) -> Option<T>) -> Vec<Option<T>> {
    let parsed: Vec<Option<T>> = attribute.values.names().map(parse).collect();
    CaseIndex::all(log.case_count())
        .map(|case| match attribute.level {
            // One value per case: no need to walk its events.
            Level::Case => parsed.get(attribute.id_at(case.index()).index()).copied().flatten(),
            Level::Event => case_values(attribute, log, case)
                .filter(|&id| id != ValueId::MISSING)
                .filter_map(|id| parsed[id.index()])
                .last(),
        })
        .collect()
}

impl ServiceContext {
    /// The context of `log` with a vocabulary.
    pub fn new(log: &EventLog, vocabulary: &Vocabulary) -> ServiceContext {
        let matcher = Matcher::new(vocabulary);
        let steps: Vec<Option<Step>> = log.activities.names().map(|name| matcher.step(name)).collect();
        let automation = log.resources.names().map(|name| matcher.is_automation(name)).collect();
        let mut fields = [None; ServiceField::ALL.len()];
        for (index, attribute) in log.attributes.iter().enumerate() {
            if let Some(field) = attribute.field {
                fields[field_index(field)].get_or_insert(index);
            }
        }
        let sla_due = fields[field_index(ServiceField::SlaDue)].map(|index| {
            let attribute = &log.attributes[index];
            let format = attribute.time_format.or_else(|| infer_format(attribute.values.names()).map(|i| i.format));
            // The importer's parser (with its cache of days): a due date per case is many values.
            let parser = std::cell::RefCell::new(format.map(crate::ingest::timestamp::Parser::new));
            per_case_last(log, attribute, |value| parser.borrow_mut().as_mut().and_then(|p| p.parse(value)))
        });
        let csat = fields[field_index(ServiceField::Csat)]
            .map(|index| per_case_last(log, &log.attributes[index], parse_score))
            .filter(|scores| scores.iter().any(Option::is_some));
        let escalated_flag = fields[field_index(ServiceField::Escalated)].map(|index| {
            let attribute = &log.attributes[index];
            let yes: Vec<bool> = attribute.values.names().map(|v| matcher.is_yes(v)).collect();
            CaseIndex::all(log.case_count())
                .map(|case| match attribute.level {
                    Level::Case => yes.get(attribute.id_at(case.index()).index()).copied().unwrap_or(false),
                    Level::Event => {
                        case_values(attribute, log, case).any(|id| id != ValueId::MISSING && yes[id.index()])
                    }
                })
                .collect()
        });
        let count =
            |value: &str| value.trim().parse::<f64>().ok().filter(|v| v.is_finite() && *v >= 0.0).map(|v| v as u32);
        let counted = |field: ServiceField| {
            fields[field_index(field)]
                .map(|index| per_case_last(log, &log.attributes[index], count))
                .filter(|counts| counts.iter().any(Option::is_some))
        };
        let reopen_count = counted(ServiceField::ReopenCount);
        let reassignment_count = counted(ServiceField::ReassignmentCount);
        let sla_met = fields[field_index(ServiceField::SlaMet)]
            .map(|index| per_case_last(log, &log.attributes[index], |v| matcher.yes_or_no(v)))
            .filter(|flags| flags.iter().any(Option::is_some));
        let resolution_from_steps = steps.iter().any(|s| matches!(s, Some(Step::Resolved | Step::Closed)));
        ServiceContext {
            now: log.time.iter().copied().max().unwrap_or(0),
            matcher,
            steps,
            automation,
            fields,
            sla_due,
            csat,
            escalated_flag,
            sla_met,
            reopen_count,
            reassignment_count,
            resolution_from_steps,
        }
    }

    /// Whether reopenings can be counted: an activity recognised as a reopening, or the tool's
    /// reopen count.
    pub fn knows_reopens(&self) -> bool {
        self.has_step(Step::Reopened) || self.reopen_count.is_some()
    }

    /// The same context with another "now" (for a filtered log: the whole log's latest time,
    /// so that open cases are measured up to the same moment whatever the filters).
    pub fn with_now(mut self, now: Option<Micros>) -> ServiceContext {
        if let Some(now) = now {
            self.now = now;
        }
        self
    }

    /// The attribute of a service field, if the log has one.
    pub fn field<'l>(&self, log: &'l EventLog, field: ServiceField) -> Option<&'l Attribute> {
        self.fields[field_index(field)].map(|index| &log.attributes[index])
    }

    /// What figures resting on resolution (resolution times, open cases, first-contact
    /// resolution) need when no activity is recognised as a resolution or a closure: such an
    /// activity. Reports that have such figures name it in their `needs`.
    pub fn resolution_need(&self) -> Option<Need> {
        (!self.resolution_from_steps).then_some(Need::Activity(Step::Resolved))
    }

    /// Whether some activity of the log is recognised as `step`.
    pub fn has_step(&self, step: Step) -> bool {
        self.steps.contains(&Some(step))
    }

    /// The step of an event's activity.
    pub fn step_of(&self, log: &EventLog, event: usize) -> Option<Step> {
        self.steps[log.activity.get(event).index()]
    }

    /// Whether an event was done by a person (it has a resource that is no automation).
    pub fn by_person(&self, log: &EventLog, event: usize) -> bool {
        let resource = log.resource.get(event);
        resource != ResourceId::MISSING && !self.automation[resource.index()]
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn scores() {
        assert_eq!(parse_score("4"), Some(4.0));
        assert_eq!(parse_score(" 4,5 "), Some(4.5));
        assert_eq!(parse_score("80%"), Some(80.0));
        assert_eq!(parse_score("4/5"), Some(4.0));
        assert_eq!(parse_score("good"), None);
    }
}
