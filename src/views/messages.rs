//! The engine's errors, roles and formats in the user's language: every message names what
//! was found and what is needed.

use casemap_engine::ingest::mapping::MappingError;
use casemap_engine::ingest::timestamp::{DateOrder, TimeFormat};
use casemap_engine::ingest::{ImportError, Role, SkipReason, Warning};
use leptos_i18n::I18nContext;

use crate::i18n::*;

type I18n = I18nContext<Locale>;

/// A file kind named in an error (`zip`, `gzip`, `PDF`, `image`, `binary`).
fn kind_name(i18n: I18n, found: &str) -> String {
    match found {
        "zip" => t_string!(i18n, kind.zip),
        "gzip" => t_string!(i18n, kind.gzip),
        "PDF" => t_string!(i18n, kind.pdf),
        "image" => t_string!(i18n, kind.image),
        _ => t_string!(i18n, kind.binary),
    }
    .to_string()
}

/// Why a file cannot be imported, and what to do.
pub fn import_error_message(i18n: I18n, error: &ImportError) -> String {
    match error {
        ImportError::Empty => t_string!(i18n, errors.empty).to_string(),
        ImportError::NotText { found } => t_string!(i18n, errors.not_text, kind = kind_name(i18n, found)).to_string(),
        ImportError::NoRows => t_string!(i18n, errors.no_rows).to_string(),
        ImportError::OneColumn { header } => t_string!(i18n, errors.one_column, header = header.clone()).to_string(),
        ImportError::NoTimestampColumn { columns } => {
            t_string!(i18n, errors.no_timestamp, columns = columns.join(", ")).to_string()
        }
        ImportError::Mapping(error) => mapping_error_message(i18n, error),
        ImportError::AllRowsSkipped { rows } => {
            let shown = casemap_engine::format::count(*rows, crate::context::lang_of(i18n.get_locale()));
            t_string!(i18n, errors.all_rows_skipped, count = *rows, rows = shown).to_string()
        }
        ImportError::Malformed { format, message } => {
            t_string!(i18n, errors.malformed, format = format.clone(), message = message.clone()).to_string()
        }
    }
}

/// The browser could not read the file.
pub fn read_error_message(i18n: I18n, message: &str) -> String {
    t_string!(i18n, errors.read, message = message.to_owned()).to_string()
}

/// Why a file is not a result of the warehouse query.
pub fn warehouse_error_message(i18n: I18n, error: &casemap_engine::warehouse::result::ReadError) -> String {
    use casemap_engine::warehouse::result::ReadError;
    match error {
        ReadError::Format { why } => t_string!(i18n, warehouse.error_format, why = why.clone()).to_string(),
        ReadError::MissingColumn { column } => {
            t_string!(i18n, warehouse.error_column, column = column.clone()).to_string()
        }
        ReadError::BadValue { row, column, value } => {
            t_string!(i18n, warehouse.error_value, row = *row, column = column.clone(), value = value.clone())
                .to_string()
        }
        ReadError::NoLogRow => t_string!(i18n, warehouse.error_no_log).to_string(),
    }
}

/// Why a mapping cannot make a log.
pub fn mapping_error_message(i18n: I18n, error: &MappingError) -> String {
    match error {
        MappingError::Missing { role: Role::CaseId } => t_string!(i18n, mapping.missing_case).to_string(),
        MappingError::Missing { role: Role::Activity } => t_string!(i18n, mapping.missing_activity).to_string(),
        MappingError::Missing { .. } => t_string!(i18n, mapping.missing_time).to_string(),
        MappingError::Twice { role, columns } => t_string!(
            i18n,
            mapping.twice,
            first = columns[0].clone(),
            second = columns[1].clone(),
            role = role_name(i18n, *role)
        )
        .to_string(),
        MappingError::NoFormat { column } => t_string!(i18n, mapping.no_format, column = column.clone()).to_string(),
        MappingError::UnknownColumn { name } => {
            t_string!(i18n, mapping.unknown_column, column = name.clone()).to_string()
        }
        MappingError::MilestonesWithEvents { column } => {
            t_string!(i18n, mapping.milestones_with_events, column = column.clone()).to_string()
        }
    }
}

/// What the user should know about a mapping, as a sentence.
pub fn warning_message(i18n: I18n, warning: &Warning) -> String {
    match warning {
        Warning::AmbiguousDates { column, .. } => {
            t_string!(i18n, mapping.ambiguous, column = column.clone()).to_string()
        }
        Warning::SharedTimes { column, percent, instead } => {
            let mut text =
                t_string!(i18n, mapping.shared_times, column = column.clone(), percent = percent.to_string())
                    .to_string();
            if let Some(other) = instead {
                text.push(' ');
                text.push_str(&t_string!(i18n, mapping.shared_times_instead, column = other.clone()).to_string());
            }
            text
        }
    }
}

/// A role's name.
pub fn role_name(i18n: I18n, role: Role) -> String {
    match role {
        Role::CaseId => t_string!(i18n, roles.case_id),
        Role::Activity => t_string!(i18n, roles.activity),
        Role::Timestamp => t_string!(i18n, roles.timestamp),
        Role::StartTime => t_string!(i18n, roles.start_time),
        Role::EndTime => t_string!(i18n, roles.end_time),
        Role::Milestone => t_string!(i18n, roles.milestone),
        Role::SlaMet => t_string!(i18n, roles.sla_met),
        Role::ReopenCount => t_string!(i18n, roles.reopen_count),
        Role::ReassignmentCount => t_string!(i18n, roles.reassignment_count),
        Role::Resource => t_string!(i18n, roles.resource),
        Role::Team => t_string!(i18n, roles.team),
        Role::Priority => t_string!(i18n, roles.priority),
        Role::Channel => t_string!(i18n, roles.channel),
        Role::CaseType => t_string!(i18n, roles.case_type),
        Role::Status => t_string!(i18n, roles.status),
        Role::SlaDue => t_string!(i18n, roles.sla_due),
        Role::Csat => t_string!(i18n, roles.csat),
        Role::Escalated => t_string!(i18n, roles.escalated),
        Role::Attribute => t_string!(i18n, roles.attribute),
        Role::Ignore => t_string!(i18n, roles.ignore),
    }
    .to_string()
}

/// The time formats a user can pick, in menu order.
pub const TIME_FORMATS: [TimeFormat; 5] = [
    TimeFormat::Calendar { order: DateOrder::YearMonthDay },
    TimeFormat::Calendar { order: DateOrder::DayMonthYear },
    TimeFormat::Calendar { order: DateOrder::MonthDayYear },
    TimeFormat::EpochSeconds,
    TimeFormat::EpochMillis,
];

/// A time format's name.
pub fn time_format_name(i18n: I18n, format: TimeFormat) -> String {
    match format {
        TimeFormat::Calendar { order: DateOrder::YearMonthDay } => t_string!(i18n, time_formats.year_month_day),
        TimeFormat::Calendar { order: DateOrder::DayMonthYear } => t_string!(i18n, time_formats.day_month_year),
        TimeFormat::Calendar { order: DateOrder::MonthDayYear } => t_string!(i18n, time_formats.month_day_year),
        TimeFormat::EpochSeconds => t_string!(i18n, time_formats.epoch_seconds),
        TimeFormat::EpochMillis => t_string!(i18n, time_formats.epoch_millis),
    }
    .to_string()
}

/// Why rows were skipped.
pub fn skip_reason_name(i18n: I18n, reason: SkipReason) -> String {
    match reason {
        SkipReason::MissingCaseId => t_string!(i18n, skip.missing_case_id),
        SkipReason::MissingActivity => t_string!(i18n, skip.missing_activity),
        SkipReason::MissingTimestamp => t_string!(i18n, skip.missing_timestamp),
        SkipReason::BadTimestamp => t_string!(i18n, skip.bad_timestamp),
        SkipReason::WrongFieldCount => t_string!(i18n, skip.wrong_field_count),
    }
    .to_string()
}

/// A history preset's name.
pub fn preset_name(i18n: I18n, preset: casemap_engine::ingest::presets::Preset) -> String {
    use casemap_engine::ingest::presets::Preset;
    match preset {
        Preset::SalesforceCaseHistory => t_string!(i18n, presets.salesforce_case_history),
        Preset::ServiceNowAudit => t_string!(i18n, presets.servicenow_audit),
        Preset::JiraChangelog => t_string!(i18n, presets.jira_changelog),
        Preset::ZendeskTicketEvents => t_string!(i18n, presets.zendesk_ticket_events),
        Preset::ServiceNowSnapshots => t_string!(i18n, presets.servicenow_snapshots),
    }
    .to_string()
}
