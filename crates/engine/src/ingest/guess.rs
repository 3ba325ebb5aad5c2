//! The guess: which column plays which role, from the columns' names, their contents and the
//! file's [`Shape`].
//!
//! # How roles are guessed
//! - **Case id** ([`choose_case`]): a column named like one (`Case ID`, `number`, `Issue key`,
//!   `工单号`, or a generic `ID` / `Key`), never a name that makes it a category or a person
//!   (`Issue Type`, `Incident Zip`, `Requester ID`); an exact name beats a partial one, and
//!   among partial names the one whose values look like identifiers and are the most distinct.
//!   Without a name: the leftmost identifier-like column whose values repeat, else (a list with
//!   one row per ticket) the leftmost unique one.
//! - **Shape**: when nearly every case has a single row, no column is named like an activity and
//!   at least two date columns are there, the file is a list with one row per ticket: each date
//!   column is a [`Role::Milestone`] and each filled date becomes an event named after its
//!   column ([`milestone_name`](super::names::milestone_name)), except due or planned dates
//!   and the last update (`Updated at` moves with every touch of a ticket: it is kept as a case
//!   attribute, and the user can make it a milestone).
//! - **Activity** (one row per event): a column named like one that is not an old value
//!   (`Status Change From` never is; `Status Change To` is preferred), preferring columns that
//!   change within cases; else the status column; else the text column with the fewest distinct
//!   values.
//! - **Times**: XES's `time:timestamp` wins when it is there. Otherwise only columns that change
//!   within cases can be an event's time (a creation or closure date repeated on every row of a
//!   case is a case attribute). A start and an end column are paired only when their names say
//!   so and the end is not before the start in nearly every row ([`PAIRED`]); else the event
//!   time is the best-named changing column (timestamp names, then end names, then start
//!   names), the one that changes in most cases first.
//! - **Service fields** (resource, team, priority, channel, type, status, SLA due, SLA met,
//!   CSAT, escalated, reopen and reassignment counts): by name, checked against contents (an SLA
//!   due date is a date, CSAT a number, a flag yes/no); the earlier name in a role's list wins
//!   (`priority` over `urgency`); with no agent column the team is the resource.
//!
//! Every other column is an attribute (case-level when constant within each case).

use super::mapping::{ColumnMapping, Mapping};
use super::names::{NameMatch, NameScore, is_new_value, is_xes_time, name_score, normalize};
use super::presets::Preset;
use super::profile::ColumnProfile;
use super::role::Role;
use super::shape::{PAIRED, Shape};

/// The column that identifies cases; see the [module docs](self).
pub fn choose_case(profiles: &[ColumnProfile]) -> Option<usize> {
    let usable = |p: &ColumnProfile| !p.is_time() && p.present > 0 && !is_decimal(p);
    let mut best: Option<(usize, NameScore)> = None;
    for (index, profile) in profiles.iter().enumerate() {
        let Some(score) = name_score(&profile.name, Role::CaseId) else { continue };
        // A partial name needs contents that can identify cases: not a handful of categories.
        if !usable(profile)
            || (score.quality == NameMatch::Partial
                && (profile.distinct < 2 || profile.distinct * 50 < profile.present))
        {
            continue;
        }
        let better = match best {
            None => true,
            Some((other, other_score)) => {
                if score.quality != other_score.quality {
                    score.quality > other_score.quality
                } else if score.quality == NameMatch::Exact {
                    score.rank < other_score.rank
                } else {
                    let key = |p: &ColumnProfile, s: NameScore| (p.id_like, p.distinct, std::cmp::Reverse(s.rank));
                    key(profile, score) > key(&profiles[other], other_score)
                }
            }
        };
        if better {
            best = Some((index, score));
        }
    }
    if let Some((index, _)) = best {
        return Some(index);
    }
    let repeats = |p: &ColumnProfile| p.distinct >= 2 && p.distinct < p.present && p.distinct * 20 > p.present;
    let id_repeats = |p: &ColumnProfile| repeats(p) && p.id_like;
    let unique = |p: &ColumnProfile| p.distinct >= 2 && p.distinct == p.present && p.id_like;
    let rules: [&dyn Fn(&ColumnProfile) -> bool; 3] = [&id_repeats, &repeats, &unique];
    rules.into_iter().find_map(|fits| profiles.iter().position(|p| usable(p) && fits(p)))
}

/// Numbers with decimals (coordinates, amounts) never identify cases.
fn is_decimal(profile: &ColumnProfile) -> bool {
    profile.numeric && profile.examples.iter().any(|e| e.contains('.') || e.contains(','))
}

/// XES's case attributes (`case:startDate`): never an event's time.
fn is_xes_case_key(name: &str) -> bool {
    name.trim().starts_with("case:")
}

/// Date columns of a ticket list that are no step of its process: the last update or view
/// (it moves with every touch, so it is no milestone) and dates that are due or planned.
fn is_no_milestone(name: &str) -> bool {
    const TOUCH: [&str; 8] =
        ["updated", "modified", "changed", "viewed", "aggiornato", "aggiornamento", "обновлен", "更新"];
    const NOISE: [&str; 10] = ["date", "time", "datetime", "timestamp", "at", "on", "last", "sys", "dt", "ts"];
    let normal = normalize(name);
    let words: Vec<&str> = normal.split(' ').filter(|w| !NOISE.contains(w)).collect();
    is_due_like(name) || matches!(words.as_slice(), [word] if TOUCH.contains(word))
}

/// Date columns that say when something is due or planned, not when it happened: never an
/// event, never a milestone.
fn is_due_like(name: &str) -> bool {
    let name = normalize(name);
    name_score(&name, Role::SlaDue).is_some()
        || name.split(' ').any(|word| {
            matches!(
                word,
                "due"
                    | "deadline"
                    | "planned"
                    | "target"
                    | "expected"
                    | "estimated"
                    | "scheduled"
                    | "sla"
                    | "breach"
                    | "viewed"
                    | "birth"
                    | "dob"
                    | "scadenza"
                    | "frist"
                    | "srok"
                    | "срок"
            )
        })
        || name.contains("截止")
}

/// Guesses a mapping; see the [module docs](self).
pub fn guess(profiles: &[ColumnProfile], shape: &Shape) -> Mapping {
    let mut guesser = Guesser { profiles, shape, roles: vec![None; profiles.len()] };
    let case = shape.case.filter(|&c| c < profiles.len()).or_else(|| choose_case(profiles));
    if let Some(case) = case {
        guesser.roles[case] = Some(Role::CaseId);
    }
    if guesser.is_ticket_list() {
        guesser.milestones();
    } else {
        guesser.activity();
        guesser.times();
    }
    guesser.service_fields();
    guesser.fallbacks();
    Mapping {
        preset: None,
        columns: profiles
            .iter()
            .zip(guesser.roles)
            .map(|(profile, role)| {
                let role = role.unwrap_or(Role::Attribute);
                let format = if role.has_dates() { profile.time.as_ref().map(|time| time.format) } else { None };
                ColumnMapping { name: profile.name.clone(), role, format, label: None }
            })
            .collect(),
    }
}

/// Whether a column (by index and profile) can have a role.
type Fits<'f> = dyn Fn(usize, &ColumnProfile) -> bool + 'f;

struct Guesser<'a> {
    profiles: &'a [ColumnProfile],
    shape: &'a Shape,
    roles: Vec<Option<Role>>,
}

impl Guesser<'_> {
    fn has(&self, role: Role) -> bool {
        self.roles.contains(&Some(role))
    }

    fn free(&self, index: usize) -> bool {
        self.roles[index].is_none()
    }

    /// The free column that `fits`, with the best name for `role` (ties: the higher `prefer`).
    fn pick<K: Ord>(
        &self,
        role: Role,
        fits: impl Fn(usize, &ColumnProfile) -> bool,
        prefer: impl Fn(usize, &ColumnProfile) -> K,
    ) -> Option<usize> {
        let mut best: Option<(usize, NameScore, K)> = None;
        for (index, profile) in self.profiles.iter().enumerate() {
            if !self.free(index) || !fits(index, profile) {
                continue;
            }
            let Some(score) = name_score(&profile.name, role) else { continue };
            let key = prefer(index, profile);
            let better = match &best {
                None => true,
                Some((_, s, k)) => {
                    score.quality > s.quality
                        || (score.quality == s.quality && (key > *k || (key == *k && score.beats(*s))))
                }
            };
            if better {
                best = Some((index, score, key));
            }
        }
        best.map(|(index, _, _)| index)
    }

    fn set(&mut self, index: Option<usize>, role: Role) -> bool {
        match index {
            Some(index) => {
                self.roles[index] = Some(role);
                true
            }
            None => false,
        }
    }

    fn dates(&self) -> Vec<usize> {
        (0..self.profiles.len()).filter(|&i| self.free(i) && self.profiles[i].is_time()).collect()
    }

    /// One row per ticket with dates of its steps; see the [module docs](self).
    fn is_ticket_list(&self) -> bool {
        let named_activity = self.profiles.iter().any(|p| {
            !p.is_time() && name_score(&p.name, Role::Activity).is_some_and(|s| s.quality == NameMatch::Exact)
        });
        let steps = self.dates().into_iter().filter(|&i| !is_no_milestone(&self.profiles[i].name)).count();
        self.shape.one_row_per_case() && !named_activity && steps >= 2
    }

    fn milestones(&mut self) {
        let due = self.pick(Role::SlaDue, |_, p| p.is_time(), |_, _| ());
        self.set(due, Role::SlaDue);
        for index in self.dates() {
            if !is_no_milestone(&self.profiles[index].name) {
                self.roles[index] = Some(Role::Milestone);
            }
        }
    }

    /// The activity of event rows by name: not an old value, preferably changing within cases
    /// and a new value.
    fn activity(&mut self) {
        let shape = self.shape;
        let prefer = |i: usize, p: &ColumnProfile| (shape.event_level(i), is_new_value(&normalize(&p.name)));
        let by_name = self.pick(Role::Activity, |_, p| !p.is_time(), prefer);
        self.set(by_name, Role::Activity);
    }

    /// The event times; see the [module docs](self).
    fn times(&mut self) {
        // A due date of the case: one value per case (a due date per event is an attribute).
        let shape = self.shape;
        let due = self.pick(
            Role::SlaDue,
            |i, p| {
                p.is_time()
                    && !is_xes_time(&p.name)
                    && !self.is_named_event_time(i)
                    && shape.varies(i).is_none_or(|v| v < super::shape::EVENT_LEVEL)
            },
            |_, _| (),
        );
        self.set(due, Role::SlaDue);
        let dates = self.dates();
        if dates.is_empty() {
            return;
        }
        let paired = |start: usize, end: usize| shape.not_before(start, end).is_some_and(|share| share >= PAIRED);
        if let Some(&xes) = dates.iter().find(|&&i| is_xes_time(&self.profiles[i].name)) {
            let start = self.pick(
                Role::StartTime,
                |i, p| i != xes && p.is_time() && shape.event_level(i) && !is_xes_case_key(&p.name) && paired(i, xes),
                |_, _| (),
            );
            if self.set(start, Role::StartTime) {
                self.roles[xes] = Some(Role::EndTime);
            } else {
                self.roles[xes] = Some(Role::Timestamp);
            }
            return;
        }
        let event_dates: Vec<usize> = dates.iter().copied().filter(|&i| shape.event_level(i)).collect();
        let is_event_date = |i: usize| event_dates.contains(&i);
        // A named pair.
        let end = self.pick(
            Role::EndTime,
            |i, _| {
                is_event_date(i)
                    && event_dates.iter().any(|&s| s != i && paired(s, i) && self.named(s, Role::StartTime))
            },
            |_, _| (),
        );
        if let Some(end) = end {
            let start = self.pick(Role::StartTime, |i, _| i != end && is_event_date(i) && paired(i, end), |_, _| ());
            if let Some(start) = start {
                self.roles[start] = Some(Role::StartTime);
                self.roles[end] = Some(Role::EndTime);
                return;
            }
        }
        // The one event time: the best-named among the changing dates (all dates when none
        // changes), the one that changes in most cases first.
        let candidates = if event_dates.is_empty() { dates.clone() } else { event_dates.clone() };
        let class = |i: usize| -> (u8, Option<NameScore>) {
            for (class, role) in [(3u8, Role::Timestamp), (2, Role::EndTime), (1, Role::StartTime)] {
                if let Some(score) = name_score(&self.profiles[i].name, role) {
                    return (class, Some(score));
                }
            }
            (0, None)
        };
        let mut best: Option<usize> = None;
        for &i in &candidates {
            let better = match best {
                None => true,
                Some(b) => {
                    let ((ci, si), (cb, sb)) = (class(i), class(b));
                    let (vi, vb) = (shape.varies(i).unwrap_or(0.0), shape.varies(b).unwrap_or(0.0));
                    if ci != cb {
                        ci > cb
                    } else if let (Some(si), Some(sb)) = (si, sb)
                        && si.quality != sb.quality
                    {
                        si.quality > sb.quality
                    } else if vi != vb {
                        vi > vb
                    } else {
                        matches!((si, sb), (Some(si), Some(sb)) if si.beats(sb))
                    }
                }
            };
            if better {
                best = Some(i);
            }
        }
        let Some(time) = best else { return };
        // Two unnamed changing dates, the second never before the first: a start and an end.
        if class(time).0 == 0
            && let [first, second] = event_dates[..]
            && class(first).0 == 0
            && class(second).0 == 0
            && paired(first, second)
            && !paired(second, first)
        {
            self.roles[first] = Some(Role::StartTime);
            self.roles[second] = Some(Role::EndTime);
            return;
        }
        self.roles[time] = Some(Role::Timestamp);
    }

    fn named(&self, index: usize, role: Role) -> bool {
        name_score(&self.profiles[index].name, role).is_some()
    }

    /// True for a date column named as an event time (so that `Due` never takes it).
    fn is_named_event_time(&self, index: usize) -> bool {
        [Role::Timestamp, Role::StartTime, Role::EndTime]
            .into_iter()
            .any(|role| name_score(&self.profiles[index].name, role).is_some_and(|s| s.quality == NameMatch::Exact))
    }

    /// The service fields by name, checked against contents.
    fn service_fields(&mut self) {
        let shape = self.shape;
        let not_time = |_: usize, p: &ColumnProfile| !p.is_time();
        let per_case = |i: usize| shape.varies(i).is_none_or(|v| v < super::shape::EVENT_LEVEL);
        let counts = |_: usize, p: &ColumnProfile| p.numeric && !is_decimal(p);
        let fields: [(Role, &Fits<'_>); 10] = [
            (Role::Resource, &not_time),
            (Role::SlaDue, &|i, p: &ColumnProfile| p.is_time() && per_case(i)),
            (Role::SlaMet, &|_, p: &ColumnProfile| p.flag),
            (Role::Csat, &|_, p: &ColumnProfile| p.numeric),
            (Role::Escalated, &|_, p: &ColumnProfile| p.flag),
            (Role::ReopenCount, &counts),
            (Role::ReassignmentCount, &counts),
            (Role::Priority, &|_, _| true),
            (Role::Channel, &not_time),
            (Role::CaseType, &not_time),
        ];
        for (role, fits) in fields {
            if !self.has(role) {
                let index = self.pick(role, fits, |_, _| ());
                self.set(index, role);
            }
        }
        // The status that changes within cases, and a new value over a plain one.
        let prefer = |i: usize, p: &ColumnProfile| (shape.event_level(i), is_new_value(&normalize(&p.name)));
        let status = self.pick(Role::Status, not_time, prefer);
        self.set(status, Role::Status);
        let team = self.pick(Role::Team, not_time, |_, _| ());
        self.set(team, Role::Team);
    }

    fn fallbacks(&mut self) {
        let milestones = self.has(Role::Milestone);
        // Exports of case status (a report with one row per status change) have no activity
        // column: the status is what happened.
        if !milestones
            && !self.has(Role::Activity)
            && let Some(slot) = self.roles.iter_mut().find(|role| **role == Some(Role::Status))
        {
            *slot = Some(Role::Activity);
        }
        if !milestones && !self.has(Role::Activity) {
            let shape = self.shape;
            let candidate = self
                .profiles
                .iter()
                .enumerate()
                .filter(|(i, p)| self.free(*i) && !p.is_time() && !p.numeric && p.distinct >= 2)
                .min_by_key(|(i, p)| (!shape.event_level(*i), p.distinct))
                .map(|(i, _)| i);
            self.set(candidate, Role::Activity);
        }
        // No agent column: the team or queue that did the work is the resource (the template's
        // "agent" is a user or a queue).
        if !self.has(Role::Resource)
            && let Some(slot) = self.roles.iter_mut().find(|role| **role == Some(Role::Team))
        {
            *slot = Some(Role::Resource);
        }
        // A lone end time (no start) reads better as the timestamp.
        if self.has(Role::EndTime)
            && !self.has(Role::StartTime)
            && !self.has(Role::Timestamp)
            && let Some(slot) = self.roles.iter_mut().find(|role| **role == Some(Role::EndTime))
        {
            *slot = Some(Role::Timestamp);
        }
    }
}

/// The mapping for a history preset: the preset's columns get their roles (for a
/// field-history preset the activity is made from the field, so no column is the activity),
/// the other columns keep the roles of [`guess`]. `None` when the header lacks the preset's
/// columns.
pub fn for_preset(preset: Preset, profiles: &[ColumnProfile], shape: &Shape) -> Option<Mapping> {
    let header: Vec<String> = profiles.iter().map(|p| p.name.clone()).collect();
    let mut mapping = guess(profiles, shape);
    mapping.preset = Some(preset);
    let roles: Vec<(usize, Role)> = if let Some(columns) = preset.history_columns(&header) {
        let mut roles = vec![(columns.case, Role::CaseId), (columns.time, Role::Timestamp)];
        roles.extend(columns.user.map(|user| (user, Role::Resource)));
        roles.extend([columns.field, columns.new].map(|c| (c, Role::Attribute)));
        roles.extend(columns.old.map(|old| (old, Role::Attribute)));
        roles
    } else {
        let columns = preset.snapshot_columns(&header)?;
        let mut roles =
            vec![(columns.case, Role::CaseId), (columns.state, Role::Activity), (columns.time, Role::Timestamp)];
        roles.extend(columns.user.map(|user| (user, Role::Resource)));
        roles
    };
    // Rows are events under a preset: no milestones.
    for column in &mut mapping.columns {
        if column.role == Role::Milestone {
            column.role = Role::Attribute;
            column.format = None;
        }
    }
    // Clear the roles the preset sets, then set them.
    for (_, role) in &roles {
        if role.is_unique() {
            for column in &mut mapping.columns {
                if column.role == *role || (role.is_time() && column.role.is_time()) {
                    column.role = Role::Attribute;
                    column.format = None;
                }
            }
        }
    }
    for (index, role) in roles {
        let column = &mut mapping.columns[index];
        column.role = role;
        column.format = if role.is_time() { profiles[index].time.as_ref().map(|t| t.format) } else { None };
    }
    Some(mapping)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::time::{DateOrder, TimeFormat};

    /// The guess for a header and rows, as `inspect` makes it.
    fn guessed(header: &[&str], rows: &[&[&str]]) -> Mapping {
        let profiles: Vec<ColumnProfile> = header
            .iter()
            .enumerate()
            .map(|(i, name)| ColumnProfile::new(name, rows.iter().map(|row| Some(row[i]).filter(|v| !v.is_empty()))))
            .collect();
        let values: Vec<Vec<Option<&str>>> =
            rows.iter().map(|row| row.iter().map(|v| Some(*v).filter(|v| !v.is_empty())).collect()).collect();
        let shape = Shape::of(&values, &profiles, choose_case(&profiles));
        guess(&profiles, &shape)
    }

    fn roles(mapping: &Mapping) -> Vec<Role> {
        mapping.columns.iter().map(|column| column.role).collect()
    }

    fn role_of(mapping: &Mapping, role: Role) -> Vec<&str> {
        mapping.columns.iter().filter(|c| c.role == role).map(|c| c.name.as_str()).collect()
    }

    #[test]
    fn template_columns_map_by_name() {
        let header: Vec<&str> = crate::template::Column::ALL.iter().map(|c| c.name()).collect();
        let rows: Vec<[&str; 13]> = crate::template::EXAMPLE_ROWS.to_vec();
        let rows: Vec<&[&str]> = rows.iter().map(|row| &row[..]).collect();
        let mapping = guessed(&header, &rows);
        assert_eq!(
            roles(&mapping),
            [
                Role::CaseId,
                Role::Activity,
                Role::StartTime,
                Role::EndTime,
                Role::Resource,
                Role::Team,
                Role::Priority,
                Role::Channel,
                Role::CaseType,
                Role::Status,
                Role::SlaDue,
                Role::Csat,
                Role::Escalated
            ]
        );
        assert_eq!(mapping.columns[2].format, Some(TimeFormat::Calendar { order: DateOrder::YearMonthDay }));
        assert!(mapping.validate().is_ok());
    }

    #[test]
    fn xes_style_columns_map_by_name() {
        let header = ["case:concept:name", "concept:name", "time:timestamp", "org:resource", "lifecycle:transition"];
        let rows: &[&[&str]] = &[
            &["1", "Assign seriousness", "2012-10-09 14:50:17+00:00", "Value 1", "complete"],
            &["1", "Take in charge ticket", "2012-10-09 14:51:01+00:00", "Value 1", "complete"],
        ];
        let mapping = guessed(&header, rows);
        assert_eq!(roles(&mapping), [Role::CaseId, Role::Activity, Role::Timestamp, Role::Resource, Role::Attribute]);
    }

    #[test]
    fn contents_decide_when_names_say_nothing() {
        let header = ["A", "B", "C", "D"];
        let rows: &[&[&str]] = &[
            &["x1", "Open", "05.01.2024 10:22", "17"],
            &["x1", "Close", "06.01.2024 10:22", "3"],
            &["x2", "Open", "13.01.2024 09:00", "8"],
            &["x2", "Close", "14.01.2024 10:00", "5"],
        ];
        let mapping = guessed(&header, rows);
        assert_eq!(roles(&mapping), [Role::CaseId, Role::Activity, Role::Timestamp, Role::Attribute]);
        assert_eq!(mapping.columns[2].format, Some(TimeFormat::Calendar { order: DateOrder::DayMonthYear }));
    }

    #[test]
    fn a_status_report_takes_the_status_as_the_activity() {
        let mapping = guessed(
            &["Case Number", "Status", "Date/Time Opened"],
            &[&["00001026", "New", "1/5/2024, 10:22 AM"], &["00001026", "Closed", "1/13/2024, 3:05 PM"]],
        );
        assert_eq!(roles(&mapping), [Role::CaseId, Role::Activity, Role::Timestamp]);
    }

    #[test]
    fn a_mapping_without_a_time_is_refused() {
        let mut mapping = guessed(&["case", "activity"], &[&["1", "a"], &["1", "b"]]);
        assert_eq!(mapping.preset, None);
        assert_eq!(mapping.validate(), Err(super::super::mapping::MappingError::Missing { role: Role::Timestamp }));
        assert_eq!(
            mapping.assign("nope", Role::Timestamp, &[]),
            Err(super::super::mapping::MappingError::UnknownColumn { name: "nope".into() })
        );
    }

    #[test]
    fn assigning_a_unique_role_moves_it() {
        let header = ["Case ID", "Ticket", "Activity", "Time"];
        let rows: &[&[&str]] = &[&["1", "9", "a", "2024-01-01"], &["1", "9", "b", "2024-01-02"]];
        let profiles: Vec<ColumnProfile> =
            header.iter().enumerate().map(|(i, n)| ColumnProfile::new(n, rows.iter().map(|r| Some(r[i])))).collect();
        let mut mapping = guessed(&header, rows);
        assert_eq!(mapping.columns[0].role, Role::CaseId);
        mapping.assign("Ticket", Role::CaseId, &profiles).unwrap();
        assert_eq!(mapping.columns[0].role, Role::Attribute);
        assert_eq!(mapping.columns[1].role, Role::CaseId);
        mapping.assign("Case ID", Role::CaseId, &profiles).unwrap();
        assert_eq!(role_of(&mapping, Role::CaseId), ["Case ID"]);
    }

    #[test]
    fn the_case_id_is_never_a_category() {
        // A Jira status changelog: the issue type has a few values, the key identifies issues.
        let mapping = guessed(
            &[
                "Issue_Type",
                "ID",
                "Issue Key",
                "Status Change Date",
                "Status Change From",
                "Status Change To",
                "Created",
            ],
            &[
                &["Bug", "101", "HADOOP-1", "2016-03-01 10:00:00", "Open", "In Progress", "2016-03-01 09:00:00"],
                &["Bug", "101", "HADOOP-1", "2016-03-02 10:00:00", "In Progress", "Resolved", "2016-03-01 09:00:00"],
                &["Task", "102", "HADOOP-2", "2016-03-01 11:00:00", "Open", "Resolved", "2016-03-01 08:00:00"],
                &["Task", "102", "HADOOP-2", "2016-03-03 11:00:00", "Resolved", "Closed", "2016-03-01 08:00:00"],
                &["Bug", "103", "HADOOP-3", "2016-03-04 11:00:00", "Open", "Closed", "2016-03-04 08:00:00"],
                &["Bug", "103", "HADOOP-3", "2016-03-05 11:00:00", "Closed", "Reopened", "2016-03-04 08:00:00"],
            ],
        );
        assert_eq!(role_of(&mapping, Role::CaseId), ["Issue Key"]);
        assert_eq!(role_of(&mapping, Role::Activity), ["Status Change To"]);
        assert_eq!(role_of(&mapping, Role::Timestamp), ["Status Change Date"]);
        assert_eq!(role_of(&mapping, Role::CaseType), ["Issue_Type"]);
        // A zip code repeats like a case id would, but its name says what it is.
        let mut rows: Vec<Vec<String>> = Vec::new();
        for i in 0..40 {
            rows.push(vec![
                format!("{}", 5000 + i),
                format!("1{:04}", i % 7),
                format!("2024-01-{:02} 10:00", i % 28 + 1),
                "Noise".into(),
            ]);
        }
        let rows: Vec<Vec<&str>> = rows.iter().map(|r| r.iter().map(String::as_str).collect()).collect();
        let rows: Vec<&[&str]> = rows.iter().map(|r| &r[..]).collect();
        let mapping = guessed(&["Unique Key", "Incident Zip", "Created Date", "Complaint Type"], &rows);
        assert_eq!(role_of(&mapping, Role::CaseId), ["Unique Key"]);
    }

    #[test]
    fn a_date_repeated_on_every_row_of_a_case_is_no_event_time() {
        let mapping = guessed(
            &["number", "incident_state", "sys_created_at", "sys_updated_at", "urgency", "priority"],
            &[
                &["INC1", "New", "1/3/2016 09:00", "1/3/2016 09:00", "2 - Medium", "3 - Moderate"],
                &["INC1", "Active", "1/3/2016 09:00", "2/3/2016 10:00", "2 - Medium", "3 - Moderate"],
                &["INC1", "Resolved", "1/3/2016 09:00", "4/3/2016 10:00", "2 - Medium", "3 - Moderate"],
                &["INC2", "New", "", "13/3/2016 09:00", "1 - High", "1 - Critical"],
                &["INC2", "Closed", "", "14/3/2016 09:00", "1 - High", "1 - Critical"],
            ],
        );
        assert_eq!(role_of(&mapping, Role::Timestamp), ["sys_updated_at"]);
        assert_eq!(role_of(&mapping, Role::Priority), ["priority"]);
        assert_eq!(role_of(&mapping, Role::Activity), ["incident_state"]);
    }

    #[test]
    fn xes_time_wins_and_an_unrelated_date_is_no_end() {
        let mapping = guessed(
            &["case:concept:name", "concept:name", "time:timestamp", "dateFinished"],
            &[
                &["1", "a", "2010-10-05 09:00:00+02:00", "2010-10-04 09:00:00+02:00"],
                &["1", "b", "2010-10-06 09:00:00+02:00", "2010-10-08 09:00:00+02:00"],
                &["2", "a", "2010-10-05 09:00:00+02:00", "2010-10-01 09:00:00+02:00"],
                &["2", "b", "2010-10-07 09:00:00+02:00", "2010-10-09 09:00:00+02:00"],
            ],
        );
        assert_eq!(role_of(&mapping, Role::Timestamp), ["time:timestamp"]);
        assert!(role_of(&mapping, Role::EndTime).is_empty());
        // Without the XES key, an end column before its start is no pair either.
        let mapping = guessed(
            &["Case", "Activity", "Start", "End Date"],
            &[
                &["1", "a", "2024-01-05 09:00", "2023-12-31 00:00"],
                &["1", "b", "2024-01-06 09:00", "2023-12-31 00:00"],
                &["2", "a", "2024-01-05 10:00", "2023-11-30 00:00"],
                &["2", "b", "2024-01-07 10:00", "2023-11-30 00:00"],
            ],
        );
        assert_eq!(roles(&mapping), [Role::CaseId, Role::Activity, Role::Timestamp, Role::Attribute]);
        // A true pair is kept.
        let mapping = guessed(
            &["Case", "Activity", "Start", "Finish"],
            &[
                &["1", "a", "2024-01-05 09:00", "2024-01-05 09:30"],
                &["1", "b", "2024-01-06 09:00", "2024-01-06 11:00"],
                &["2", "a", "2024-01-05 10:00", "2024-01-05 10:00"],
            ],
        );
        assert_eq!(roles(&mapping), [Role::CaseId, Role::Activity, Role::StartTime, Role::EndTime]);
    }

    #[test]
    fn a_ticket_list_becomes_milestones() {
        let mapping = guessed(
            &["Case Number", "Status", "Priority", "Date/Time Opened", "Date/Time Closed", "Due Date"],
            &[
                &["001", "Closed", "High", "1/5/2024, 10:22 AM", "1/6/2024, 3:05 PM", "1/7/2024, 10:22 AM"],
                &["002", "New", "Low", "1/8/2024, 9:00 AM", "", ""],
                &["003", "Closed", "Low", "1/9/2024, 9:00 AM", "1/19/2024, 9:00 AM", "1/12/2024, 9:00 AM"],
            ],
        );
        assert_eq!(role_of(&mapping, Role::Milestone), ["Date/Time Opened", "Date/Time Closed"]);
        assert_eq!(role_of(&mapping, Role::SlaDue), ["Due Date"]);
        assert_eq!(role_of(&mapping, Role::Status), ["Status"]);
        assert!(role_of(&mapping, Role::Activity).is_empty());
        assert_eq!(mapping.validate(), Ok(()));
        let names: Vec<String> =
            mapping.columns.iter().filter(|c| c.role == Role::Milestone).map(ColumnMapping::milestone_name).collect();
        assert_eq!(names, ["Opened", "Closed"]);
    }
}
