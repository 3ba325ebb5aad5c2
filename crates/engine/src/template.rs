//! The data template: the columns casemap recommends for a case export, with example rows.
//!
//! The app offers it as "Download the data template", the CLI writes it with
//! `casemap template`. Only [`Column::CaseId`], [`Column::Activity`] and one of the two time
//! columns are required; the others unlock the service analyses (SLA, handoffs, channels,
//! CSAT, ...). Case-level values (priority, channel, SLA due date, CSAT, ...) may repeat on
//! every row of a case, as most exports write them.
//!
//! ```
//! let csv = casemap_engine::template::csv();
//! assert!(csv.starts_with("case_id,activity,start_time,end_time,agent,team,"));
//! ```

use serde::Serialize;
use strum::{IntoStaticStr, VariantArray};

/// A column of the data template, in the template's order.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, VariantArray, IntoStaticStr)]
#[serde(rename_all = "snake_case")]
#[strum(serialize_all = "snake_case")]
pub enum Column {
    /// Ticket / case / service-request number; links all events of one case.
    CaseId,
    /// What happened: Case Created, Assigned, Escalated, Resolved, Closed, ...
    Activity,
    /// When the activity started.
    StartTime,
    /// When the activity completed.
    EndTime,
    /// The user or queue that did the work (the resource).
    Agent,
    /// Team, queue or assignment group.
    Team,
    /// Low / Medium / High / Urgent, or P1..P4.
    Priority,
    /// Where the case came from: Email, Phone, Web, Chat, Social, ...
    Channel,
    /// Question, Problem, Incident, Feature Request, ...
    CaseType,
    /// New, In Progress, On Hold, Resolved, Closed, ...
    Status,
    /// The date and time by which the case should be resolved.
    SlaDue,
    /// The satisfaction score given after resolution.
    Csat,
    /// Whether the case was escalated (yes / no).
    Escalated,
}

impl Column {
    /// Every column, in the template's order. (The enum's order: strum lists the variants.)
    pub const ALL: &'static [Column] = <Column as VariantArray>::VARIANTS;

    /// The header name in the template (`case_id`, `activity`, ...).
    pub fn name(self) -> &'static str {
        self.into()
    }

    /// Whether an export needs this column. The two time columns are each optional, but one
    /// of them must be present.
    pub fn requirement(self) -> Requirement {
        match self {
            Column::CaseId | Column::Activity => Requirement::Required,
            Column::StartTime | Column::EndTime => Requirement::OneOfTimes,
            _ => Requirement::Recommended,
        }
    }
}

/// How much a column is needed.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Requirement {
    /// Every row must have it.
    Required,
    /// One of the start and end time columns must be there (both give activity durations).
    OneOfTimes,
    /// Optional; unlocks more analyses.
    Recommended,
}

/// Example rows: three cases that show a tiered escalation, a quick first-contact resolution
/// and a reopened case waiting for the customer. One value per column of [`Column::ALL`].
#[rustfmt::skip]
pub const EXAMPLE_ROWS: &[[&str; 13]] = &[
    ["CS-1001", "Case Created", "2025-03-03 09:12:00", "2025-03-03 09:12:00", "", "", "High", "Email", "Problem", "New", "2025-03-04 09:12:00", "4", "yes"],
    ["CS-1001", "Initial Acknowledgement Sent", "2025-03-03 09:13:00", "2025-03-03 09:13:00", "Auto-reply", "L1 Support", "High", "Email", "Problem", "New", "2025-03-04 09:12:00", "4", "yes"],
    ["CS-1001", "Case Assigned", "2025-03-03 09:40:00", "2025-03-03 09:40:00", "Anna Rossi", "L1 Support", "High", "Email", "Problem", "In Progress", "2025-03-04 09:12:00", "4", "yes"],
    ["CS-1001", "Agent Investigates Issue", "2025-03-03 09:55:00", "2025-03-03 10:30:00", "Anna Rossi", "L1 Support", "High", "Email", "Problem", "In Progress", "2025-03-04 09:12:00", "4", "yes"],
    ["CS-1001", "Case Escalated", "2025-03-03 10:31:00", "2025-03-03 10:31:00", "Anna Rossi", "L2 Technical", "High", "Email", "Problem", "Escalated", "2025-03-04 09:12:00", "4", "yes"],
    ["CS-1001", "Case Reassigned", "2025-03-03 10:45:00", "2025-03-03 10:45:00", "Ivan Petrov", "L2 Technical", "High", "Email", "Problem", "In Progress", "2025-03-04 09:12:00", "4", "yes"],
    ["CS-1001", "Case Resolved", "2025-03-04 13:20:00", "2025-03-04 14:05:00", "Ivan Petrov", "L2 Technical", "High", "Email", "Problem", "Resolved", "2025-03-04 09:12:00", "4", "yes"],
    ["CS-1001", "Case Closed", "2025-03-06 14:05:00", "2025-03-06 14:05:00", "", "L2 Technical", "High", "Email", "Problem", "Closed", "2025-03-04 09:12:00", "4", "yes"],
    ["CS-1002", "Case Created", "2025-03-03 10:02:00", "2025-03-03 10:02:00", "", "", "Low", "Phone", "Question", "New", "2025-03-06 10:02:00", "5", "no"],
    ["CS-1002", "Case Assigned", "2025-03-03 10:02:00", "2025-03-03 10:02:00", "Li Wei", "L1 Support", "Low", "Phone", "Question", "In Progress", "2025-03-06 10:02:00", "5", "no"],
    ["CS-1002", "Case Resolved", "2025-03-03 10:04:00", "2025-03-03 10:15:00", "Li Wei", "L1 Support", "Low", "Phone", "Question", "Resolved", "2025-03-06 10:02:00", "5", "no"],
    ["CS-1002", "Case Closed", "2025-03-05 10:15:00", "2025-03-05 10:15:00", "", "L1 Support", "Low", "Phone", "Question", "Closed", "2025-03-06 10:02:00", "5", "no"],
    ["CS-1003", "Case Created", "2025-03-03 16:48:00", "2025-03-03 16:48:00", "", "", "Medium", "Chat", "Incident", "New", "2025-03-05 16:48:00", "2", "no"],
    ["CS-1003", "Case Assigned", "2025-03-04 08:05:00", "2025-03-04 08:05:00", "Li Wei", "L1 Support", "Medium", "Chat", "Incident", "In Progress", "2025-03-05 16:48:00", "2", "no"],
    ["CS-1003", "Information Requested", "2025-03-04 08:20:00", "2025-03-04 08:26:00", "Li Wei", "L1 Support", "Medium", "Chat", "Incident", "On Hold", "2025-03-05 16:48:00", "2", "no"],
    ["CS-1003", "Customer Responded", "2025-03-05 11:02:00", "2025-03-05 11:02:00", "", "L1 Support", "Medium", "Chat", "Incident", "In Progress", "2025-03-05 16:48:00", "2", "no"],
    ["CS-1003", "Case Resolved", "2025-03-05 11:30:00", "2025-03-05 11:48:00", "Li Wei", "L1 Support", "Medium", "Chat", "Incident", "Resolved", "2025-03-05 16:48:00", "2", "no"],
    ["CS-1003", "Case Reopened", "2025-03-06 09:15:00", "2025-03-06 09:15:00", "", "L1 Support", "Medium", "Chat", "Incident", "In Progress", "2025-03-05 16:48:00", "2", "no"],
    ["CS-1003", "Case Resolved", "2025-03-06 10:00:00", "2025-03-06 10:40:00", "Anna Rossi", "L1 Support", "Medium", "Chat", "Incident", "Resolved", "2025-03-05 16:48:00", "2", "no"],
    ["CS-1003", "Case Closed", "2025-03-08 10:40:00", "2025-03-08 10:40:00", "", "L1 Support", "Medium", "Chat", "Incident", "Closed", "2025-03-05 16:48:00", "2", "no"],
];

/// The file name the template is offered under.
pub const FILE_NAME: &str = "casemap-template.csv";

/// The template as CSV text: a header row with [`Column::ALL`] and the [`EXAMPLE_ROWS`],
/// comma-separated, UTF-8 without byte-order mark, LF line endings.
pub fn csv() -> String {
    let mut writer = ::csv::Writer::from_writer(Vec::new());
    // Writing into a Vec cannot fail.
    writer
        .write_record(Column::ALL.iter().map(|c| c.name()))
        .and_then(|()| EXAMPLE_ROWS.iter().try_for_each(|row| writer.write_record(row)))
        .expect("writing CSV to memory");
    let bytes = writer.into_inner().expect("flushing CSV to memory");
    String::from_utf8(bytes).expect("the template is UTF-8")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn header_lists_every_column_in_order() {
        let text = csv();
        let header = text.lines().next().unwrap();
        assert_eq!(
            header,
            "case_id,activity,start_time,end_time,agent,team,priority,channel,case_type,status,sla_due,csat,escalated"
        );
    }

    #[test]
    fn example_rows_parse_back_with_every_column() {
        let text = csv();
        let mut reader = ::csv::Reader::from_reader(text.as_bytes());
        let rows: Vec<_> = reader.records().collect::<Result<_, _>>().unwrap();
        assert_eq!(rows.len(), EXAMPLE_ROWS.len());
        for (row, expected) in rows.iter().zip(EXAMPLE_ROWS) {
            assert_eq!(row.iter().collect::<Vec<_>>(), expected.to_vec());
        }
    }

    #[test]
    fn examples_are_a_usable_log() {
        // Every row has a case id, an activity and both times; each case starts with
        // "Case Created" and ends with "Case Closed", in time order.
        let mut by_case: std::collections::BTreeMap<&str, Vec<&[&str; 13]>> = Default::default();
        for row in EXAMPLE_ROWS {
            assert!(!row[0].is_empty() && !row[1].is_empty() && !row[2].is_empty() && !row[3].is_empty());
            assert!(row[2] <= row[3], "start after end in {row:?}");
            by_case.entry(row[0]).or_default().push(row);
        }
        assert_eq!(by_case.len(), 3);
        for rows in by_case.values() {
            assert_eq!(rows.first().unwrap()[1], "Case Created");
            assert_eq!(rows.last().unwrap()[1], "Case Closed");
            assert!(rows.windows(2).all(|w| w[0][2] <= w[1][2]));
        }
    }
}
