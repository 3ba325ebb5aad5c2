//! What a column means, in words: a column with a service meaning (team, priority, SLA due
//! date, ...) is shown by its display name in the UI language, with the file's own column
//! name beside it when that name says something else ("Team / queue (assignment_group)");
//! any other column by its own name. Never the internal snake_case key.
//!
//! Also the names of service steps, of what a log lacks, and of a job's source. Views and
//! widgets both name things: this module imports neither.

use casemap_engine::log::ServiceField;
use casemap_engine::service::{Need, Step};

use crate::i18n::*;
use crate::protocol::FilterChoices;
use crate::state::Source;

type I18n = leptos_i18n::I18nContext<Locale>;

/// The display name of a service field.
pub fn field_name(i18n: I18n, field: ServiceField) -> String {
    match field {
        ServiceField::Team => t_string!(i18n, fields.team),
        ServiceField::Priority => t_string!(i18n, fields.priority),
        ServiceField::Channel => t_string!(i18n, fields.channel),
        ServiceField::CaseType => t_string!(i18n, fields.case_type),
        ServiceField::Status => t_string!(i18n, fields.status),
        ServiceField::SlaDue => t_string!(i18n, fields.sla_due),
        ServiceField::SlaMet => t_string!(i18n, fields.sla_met),
        ServiceField::Csat => t_string!(i18n, fields.csat),
        ServiceField::Escalated => t_string!(i18n, fields.escalated),
        ServiceField::ReopenCount => t_string!(i18n, fields.reopen_count),
        ServiceField::ReassignmentCount => t_string!(i18n, fields.reassignment_count),
    }
    .to_string()
}

/// Letters and digits only, lower case: `Case Type`, `case_type` and `CASE-TYPE` agree.
fn folded(text: &str) -> String {
    text.chars().filter(|c| c.is_alphanumeric()).flat_map(char::to_lowercase).collect()
}

/// Whether the file's column name adds something to the display name: it is neither the
/// field's key nor the display name written another way.
pub fn column_says_more(column: &str, field: ServiceField, display: &str) -> bool {
    let column = folded(column);
    column != folded(field.into()) && column != folded(display) && !column.is_empty()
}

/// How a column is named on the page: the display name of its service meaning (with the
/// file's name beside it when that says more), or its own name.
pub fn column_label(i18n: I18n, column: &str, field: Option<ServiceField>) -> String {
    let Some(field) = field else { return column.to_owned() };
    let display = field_name(i18n, field);
    if column_says_more(column, field, &display) {
        t_string!(i18n, fields.with_column, name = display, column = column.to_owned()).to_string()
    } else {
        display
    }
}

/// The service meaning of the column `column`, as the filter choices know it.
pub fn field_of(choices: Option<&FilterChoices>, column: &str) -> Option<ServiceField> {
    choices?.columns.iter().find(|c| c.name == column).and_then(|c| c.field)
}

/// [`column_label`] of a column known by name only, its meaning looked up in the choices.
pub fn label_of_column(i18n: I18n, choices: Option<&FilterChoices>, column: &str) -> String {
    column_label(i18n, column, field_of(choices, column))
}

/// The display name alone (no file name beside it), for short places such as table cells.
pub fn short_label_of_column(i18n: I18n, choices: Option<&FilterChoices>, column: &str) -> String {
    field_of(choices, column).map_or_else(|| column.to_owned(), |field| field_name(i18n, field))
}

/// The name of what a log lacks, for "this needs …" notices.
pub fn need_name(i18n: I18n, need: Need) -> String {
    match need {
        Need::Resource => t_string!(i18n, needs.resource).to_string(),
        Need::Team => t_string!(i18n, needs.team).to_string(),
        Need::Priority => t_string!(i18n, needs.priority).to_string(),
        Need::Channel => t_string!(i18n, needs.channel).to_string(),
        Need::CaseType => t_string!(i18n, needs.case_type).to_string(),
        Need::SlaDue => t_string!(i18n, needs.sla_due).to_string(),
        Need::Csat => t_string!(i18n, needs.csat).to_string(),
        Need::StartTime => t_string!(i18n, needs.start_time).to_string(),
        Need::Activity(step) => t_string!(i18n, needs.activity, step = step_name(i18n, step)).to_string(),
    }
}

/// A service step's name.
pub fn step_name(i18n: I18n, step: Step) -> String {
    match step {
        Step::Reopened => t_string!(i18n, steps.reopened),
        Step::Reassigned => t_string!(i18n, steps.reassigned),
        Step::Escalated => t_string!(i18n, steps.escalated),
        Step::SlaViolated => t_string!(i18n, steps.sla_violated),
        Step::TypeChanged => t_string!(i18n, steps.type_changed),
        Step::PriorityChanged => t_string!(i18n, steps.priority_changed),
        Step::Acknowledged => t_string!(i18n, steps.acknowledged),
        Step::WaitingForCustomer => t_string!(i18n, steps.waiting_for_customer),
        Step::CustomerResponded => t_string!(i18n, steps.customer_responded),
        Step::CustomerContact => t_string!(i18n, steps.customer_contact),
        Step::Resolved => t_string!(i18n, steps.resolved),
        Step::Closed => t_string!(i18n, steps.closed),
        Step::Assigned => t_string!(i18n, steps.assigned),
        Step::Created => t_string!(i18n, steps.created),
    }
    .to_string()
}

/// The name to show for a job's source ("Sample data" is translated).
pub fn source_name(i18n: I18n, source: &Source) -> String {
    match source {
        Source::File { name, .. } => name.clone(),
        Source::Sample => t_string!(i18n, job.sample_name).to_string(),
    }
}
