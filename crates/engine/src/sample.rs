//! A seeded generator of realistic customer-service case logs.
//!
//! It makes the app's "Try the sample data" log and the benchmark logs of any size, in the
//! columns of the [data template](crate::template). The same options and seed always give the
//! same bytes, on every platform.
//!
//! # What the simulated service desk does
//! - Cases arrive on weekdays mostly (a few at weekends), by Email, Phone, Web, Chat or Social,
//!   with a priority (Low, Medium, High, Urgent) and a type (Question, Problem, Incident,
//!   Feature Request). The SLA due date is the creation time plus 4 h (Urgent), 1 d (High),
//!   3 d (Medium) or 5 d (Low).
//! - Email and Web cases get an automatic acknowledgement; Phone and Chat cases are picked up
//!   at once. Queued cases wait for an L1 agent in working hours (Monday to Friday, 08:00 to
//!   18:00); agents work only then, customers answer at any time.
//! - Agents investigate, link knowledge articles, ask the customer for information (and wait
//!   for the answer, which sometimes never comes), hand cases to colleagues (sometimes back and
//!   forth: ping-pong), route them to the wrong team, change priorities and case types.
//! - Until the process change (by default the start of week 14), hard cases escalate through
//!   tiers L1 -> L2 Technical -> L3 Engineering, each with its own queue. From the change on,
//!   the L1 owner pulls experts into a "Swarm Session" instead and keeps the case: fewer
//!   handoffs, shorter cases, so a before/after comparison has something to find.
//! - Breached cases get an "SLA Milestone Violated" event at the due time. Some resolved
//!   cases are reopened. Cases close automatically two days after resolution unless the
//!   customer confirms sooner. About half of the customers leave a CSAT score (1 to 5), lower
//!   after breaches, reopens and many handoffs.
//!
//! ```
//! use casemap_engine::sample::{generate_csv, SampleOptions};
//!
//! let csv = generate_csv(&SampleOptions { cases: 20, ..SampleOptions::default() });
//! assert!(csv.starts_with(b"case_id,activity,start_time,end_time,agent,team,"));
//! assert_eq!(csv, generate_csv(&SampleOptions { cases: 20, ..SampleOptions::default() }));
//! ```

use std::io::{self, Write};

use jiff::civil::Date;
use rand::{RngExt, SeedableRng};
use rand_pcg::Pcg64Mcg;

use crate::template::Column;

/// What to generate.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SampleOptions {
    /// Number of cases.
    pub cases: u32,
    /// Seed of the random generator: the same seed gives the same log.
    pub seed: u64,
    /// The first day of the log (cases arrive from then on).
    pub start: Date,
    /// Weeks over which cases arrive.
    pub weeks: u32,
    /// The week (counted from `start`, 0-based) from which swarming replaces tiered
    /// escalation; `None` keeps tiered escalation throughout.
    pub change_week: Option<u32>,
}

impl Default for SampleOptions {
    /// 2,000 cases over 26 weeks from Monday 2025-01-06, seed 42, the process change in week
    /// 14: the app's sample data.
    fn default() -> Self {
        SampleOptions { cases: 2_000, seed: 42, start: jiff::civil::date(2025, 1, 6), weeks: 26, change_week: Some(14) }
    }
}

/// Figures about a generated log.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub struct SampleStats {
    /// Cases written.
    pub cases: u64,
    /// Event rows written (the header not counted).
    pub events: u64,
}

const MINUTE: i64 = 60;
const HOUR: i64 = 3600;
const DAY: i64 = 86_400;
const OPEN_HOUR: i64 = 8;
const CLOSE_HOUR: i64 = 18;

const L1: &str = "L1 Support";
const L2: &str = "L2 Technical";
const L3: &str = "L3 Engineering";
const BILLING: &str = "Billing";
const SWARM: &str = "Swarm";

const L1_AGENTS: &[&str] = &[
    "Anna Rossi",
    "Li Wei",
    "Emma Clark",
    "Marco Bianchi",
    "Olga Smirnova",
    "James Wilson",
    "Zhang Min",
    "Sofia Conti",
    "Lucas Martin",
    "Aisha Khan",
];
const L2_AGENTS: &[&str] =
    &["Ivan Petrov", "Giulia Ferrari", "Chen Jing", "Noah Brown", "Elena Kuznetsova", "Omar Haddad"];
const L3_AGENTS: &[&str] = &["Dmitri Volkov", "Wang Fang", "Hannah Becker", "Luca Romano"];
const BILLING_AGENTS: &[&str] = &["Maria Garcia", "Tom Evans", "Yuki Tanaka"];

const CHANNELS: &[(&str, f64)] = &[("Email", 0.38), ("Phone", 0.24), ("Web", 0.21), ("Chat", 0.14), ("Social", 0.03)];
const PRIORITIES: &[(&str, f64)] = &[("Low", 0.30), ("Medium", 0.45), ("High", 0.20), ("Urgent", 0.05)];
const TYPES: &[(&str, f64)] = &[("Question", 0.40), ("Problem", 0.30), ("Incident", 0.20), ("Feature Request", 0.10)];

/// One event row of a case.
#[derive(Debug, Clone)]
struct Event {
    activity: &'static str,
    start: i64,
    end: i64,
    agent: &'static str,
    team: &'static str,
    status: &'static str,
    priority: &'static str,
    case_type: &'static str,
}

/// The simulation of one case.
struct Case<'r> {
    rng: &'r mut Pcg64Mcg,
    t: i64,
    events: Vec<Event>,
    owner: &'static str,
    team: &'static str,
    priority: &'static str,
    case_type: &'static str,
    handoffs: u32,
    escalated: bool,
}

impl Case<'_> {
    fn push(
        &mut self,
        activity: &'static str,
        start: i64,
        end: i64,
        agent: &'static str,
        team: &'static str,
        status: &'static str,
    ) {
        self.events.push(Event {
            activity,
            start,
            end,
            agent,
            team,
            status,
            priority: self.priority,
            case_type: self.case_type,
        });
    }

    /// An instant event by the current owner.
    fn owner_event(&mut self, activity: &'static str, status: &'static str) {
        let (agent, team, t) = (self.owner, self.team, self.t);
        self.push(activity, t, t, agent, team, status);
    }

    /// Work by the owner taking `minutes` of working time (mean), as one event with a start and
    /// an end.
    fn work(&mut self, activity: &'static str, minutes: f64, status: &'static str) {
        let start = to_working_time(self.t);
        let end = add_working(start, (exponential(self.rng, minutes).max(2.0) * MINUTE as f64) as i64);
        let (agent, team) = (self.owner, self.team);
        self.push(activity, start, end, agent, team, status);
        self.t = end;
    }

    /// A wait in a queue, counted in working time.
    fn queue_wait(&mut self, minutes: f64) {
        self.t = add_working(to_working_time(self.t), (exponential(self.rng, minutes) * MINUTE as f64) as i64);
    }

    /// A wait counted in calendar time (customers answer at any hour).
    fn calendar_wait(&mut self, hours: f64) {
        self.t += (exponential(self.rng, hours) * HOUR as f64) as i64 + MINUTE;
    }

    fn assign(&mut self, team: &'static str, agents: &'static [&'static str]) {
        let agent = pick_agent(self.rng, agents, Some(self.owner));
        if !self.owner.is_empty() && agent != self.owner {
            self.handoffs += 1;
        }
        self.owner = agent;
        self.team = team;
        self.owner_event("Case Assigned", "In Progress");
    }

    fn reassign_to(&mut self, agent: &'static str, team: &'static str) {
        self.queue_wait(20.0);
        self.handoffs += 1;
        self.owner = agent;
        self.team = team;
        self.owner_event("Case Reassigned", "In Progress");
    }
}

fn pick_weighted<'a>(rng: &mut Pcg64Mcg, items: &[(&'a str, f64)]) -> &'a str {
    let mut x: f64 = rng.random();
    for (item, weight) in items {
        if x < *weight {
            return item;
        }
        x -= weight;
    }
    items[items.len() - 1].0
}

/// Agents are not equally busy: the first of a pool gets the most cases.
fn pick_agent(rng: &mut Pcg64Mcg, agents: &'static [&'static str], avoid: Option<&str>) -> &'static str {
    loop {
        let weights: f64 = (1..=agents.len()).map(|i| 1.0 / (i as f64).sqrt()).sum();
        let mut x = rng.random::<f64>() * weights;
        let mut chosen = agents[agents.len() - 1];
        for (i, agent) in agents.iter().enumerate() {
            let weight = 1.0 / ((i + 1) as f64).sqrt();
            if x < weight {
                chosen = agent;
                break;
            }
            x -= weight;
        }
        if avoid != Some(chosen) || agents.len() == 1 {
            return chosen;
        }
    }
}

/// An exponentially distributed value with the given mean.
fn exponential(rng: &mut Pcg64Mcg, mean: f64) -> f64 {
    let u: f64 = rng.random();
    // libm, not f64::ln: the platform's logarithm may differ in the last bit between native
    // and wasm builds, and the log must be the same bytes everywhere.
    -mean * libm::log(1.0 - u)
}

fn is_working_time(t: i64) -> bool {
    let day = t.div_euclid(DAY);
    let hour = t.rem_euclid(DAY) / HOUR;
    day.rem_euclid(7) < 5 && (OPEN_HOUR..CLOSE_HOUR).contains(&hour)
}

/// The first moment at or after `t` within working hours.
fn to_working_time(t: i64) -> i64 {
    if is_working_time(t) {
        return t;
    }
    let mut day = t.div_euclid(DAY);
    if t.rem_euclid(DAY) >= CLOSE_HOUR * HOUR {
        day += 1;
    }
    while day.rem_euclid(7) >= 5 {
        day += 1;
    }
    (day * DAY + OPEN_HOUR * HOUR).max(t)
}

/// `t` plus `seconds` of working time.
fn add_working(t: i64, seconds: i64) -> i64 {
    let mut t = to_working_time(t);
    let mut left = seconds.max(0);
    loop {
        let close = t.div_euclid(DAY) * DAY + CLOSE_HOUR * HOUR;
        if t + left < close {
            return t + left;
        }
        left -= close - t;
        t = to_working_time(close);
    }
}

/// When case number `index` of `count` arrives: spread over the weeks, weekdays busier than
/// weekends, office hours busier than nights (Phone and Chat only in office hours).
fn arrival(rng: &mut Pcg64Mcg, index: u32, count: u32, weeks: u32, channel: &str) -> i64 {
    let span = i64::from(weeks.max(1)) * 7 * DAY;
    let base = span * i64::from(index) / i64::from(count.max(1));
    let mut day = (base + (rng.random::<f64>() * DAY as f64) as i64).div_euclid(DAY);
    // Weekend arrivals are rarer: most move to the Monday.
    if day.rem_euclid(7) >= 5 && rng.random::<f64>() < 0.8 {
        day += 7 - day.rem_euclid(7);
    }
    let office = matches!(channel, "Phone" | "Chat") || rng.random::<f64>() < 0.85;
    let seconds = if office {
        // Two peaks: mid-morning and early afternoon.
        let peak = if rng.random_bool(0.55) { 10.0 } else { 14.5 };
        let hour = (peak + (rng.random::<f64>() - 0.5) * 4.0).clamp(8.0, 17.9);
        (hour * HOUR as f64) as i64
    } else {
        (rng.random::<f64>() * DAY as f64) as i64
    };
    day * DAY + seconds
}

fn sla_hours(priority: &str) -> i64 {
    match priority {
        "Urgent" => 4,
        "High" => 24,
        "Medium" => 72,
        _ => 120,
    }
}

/// Mean minutes (working time) a case waits for its first L1 agent.
fn assignment_wait(priority: &str, channel: &str) -> f64 {
    if matches!(channel, "Phone" | "Chat") {
        return 3.0;
    }
    match priority {
        "Urgent" => 10.0,
        "High" => 35.0,
        "Medium" => 120.0,
        _ => 240.0,
    }
}

/// A simulated case: its events in time order and its case-level values.
struct SimulatedCase {
    events: Vec<Event>,
    channel: &'static str,
    due: i64,
    csat: Option<u8>,
    escalated: bool,
}

/// Simulates case number `index`.
fn simulate(rng: &mut Pcg64Mcg, index: u32, options: &SampleOptions) -> SimulatedCase {
    let channel = pick_weighted(rng, CHANNELS);
    let priority = pick_weighted(rng, PRIORITIES);
    let case_type = pick_weighted(rng, TYPES);
    let created = arrival(rng, index, options.cases, options.weeks, channel);
    let swarming = options.change_week.is_some_and(|week| created >= i64::from(week) * 7 * DAY);
    let due = created + sla_hours(priority) * HOUR;
    let mut case = Case {
        rng,
        t: created,
        events: Vec::with_capacity(16),
        owner: "",
        team: "",
        priority,
        case_type,
        handoffs: 0,
        escalated: false,
    };
    case.push("Case Created", created, created, "", "", "New");

    // First response.
    if matches!(channel, "Email" | "Web") && case.rng.random_bool(0.85) {
        case.t += MINUTE + (case.rng.random::<f64>() * 4.0 * MINUTE as f64) as i64;
        let t = case.t;
        case.push("Initial Acknowledgement Sent", t, t, "Auto-reply", "", "New");
    }
    let wait = assignment_wait(priority, channel);
    case.queue_wait(wait);
    case.assign(L1, L1_AGENTS);
    if matches!(channel, "Email" | "Social") && case.rng.random_bool(0.3) {
        case.queue_wait(15.0);
        case.owner_event("Customer Contact Initiated", "In Progress");
    }

    // Misrouted to billing (and back), or a wrong case type.
    if case.rng.random_bool(0.06) {
        let agent = pick_agent(case.rng, BILLING_AGENTS, None);
        case.reassign_to(agent, BILLING);
        case.work("Agent Investigates Issue", 20.0, "In Progress");
        let agent = pick_agent(case.rng, L1_AGENTS, None);
        case.reassign_to(agent, L1);
    }
    if case.rng.random_bool(0.05) {
        case.case_type = match case.case_type {
            "Question" => "Problem",
            "Problem" => "Incident",
            "Incident" => "Problem",
            _ => "Question",
        };
        case.queue_wait(30.0);
        case.owner_event("Case Type Changed", "In Progress");
    }

    case.queue_wait(25.0);
    case.work("Agent Investigates Issue", 35.0, "In Progress");
    if case.rng.random_bool(0.25) {
        case.owner_event("Knowledge Article Linked", "In Progress");
    }
    if case.rng.random_bool(0.05) {
        case.priority = match case.priority {
            "Low" => "Medium",
            "Medium" => "High",
            _ => "Urgent",
        };
        case.owner_event("Priority Changed", "In Progress");
    }

    // Waiting for the customer; 8 % never answer and the case is closed.
    let mut info_rounds = 0;
    while info_rounds < 3 && case.rng.random_bool(if info_rounds == 0 { 0.35 } else { 0.2 }) {
        info_rounds += 1;
        case.work("Information Requested", 6.0, "On Hold");
        if case.rng.random_bool(0.08) {
            case.t += 7 * DAY;
            let t = case.t;
            case.push("Case Closed", t, t, "Auto-close", case.team, "Closed");
            return finish(case, channel, due, swarming);
        }
        case.calendar_wait(18.0);
        let (t, team) = (case.t, case.team);
        case.push("Customer Responded", t, t, "", team, "In Progress");
        case.queue_wait(40.0);
        case.work("Agent Investigates Issue", 25.0, "In Progress");
    }

    // Hand-offs between L1 agents, sometimes back and forth.
    if case.rng.random_bool(0.12) {
        let first = case.owner;
        let other = pick_agent(case.rng, L1_AGENTS, Some(first));
        case.reassign_to(other, L1);
        case.work("Agent Investigates Issue", 20.0, "In Progress");
        if case.rng.random_bool(0.35) {
            case.reassign_to(first, L1);
            case.work("Agent Investigates Issue", 20.0, "In Progress");
        }
    }

    // Hard cases: tiered escalation before the change, swarming after.
    let hard: f64 = match case.case_type {
        "Incident" => 0.40,
        "Problem" => 0.35,
        "Feature Request" => 0.20,
        _ => 0.07,
    } * if matches!(case.priority, "High" | "Urgent") { 1.4 } else { 1.0 };
    if case.rng.random_bool(hard.min(0.9)) {
        if swarming {
            case.queue_wait(45.0);
            let experts = if case.rng.random_bool(0.7) { L2_AGENTS } else { L3_AGENTS };
            let expert = pick_agent(case.rng, experts, None);
            let start = to_working_time(case.t);
            let end = add_working(start, (exponential(case.rng, 60.0).max(10.0) * MINUTE as f64) as i64);
            case.push("Swarm Session", start, end, expert, SWARM, "In Progress");
            case.t = end;
            if case.rng.random_bool(0.12) {
                case.escalated = true;
                case.owner_event("Case Escalated", "Escalated");
                case.queue_wait(120.0);
                case.assign(L3, L3_AGENTS);
                case.work("Agent Investigates Issue", 180.0, "In Progress");
            } else {
                case.work("Agent Investigates Issue", 30.0, "In Progress");
            }
        } else {
            case.escalated = true;
            case.owner_event("Case Escalated", "Escalated");
            case.queue_wait(180.0);
            case.assign(L2, L2_AGENTS);
            case.work("Agent Investigates Issue", 120.0, "In Progress");
            if case.rng.random_bool(0.3) {
                case.owner_event("Case Escalated", "Escalated");
                case.queue_wait(360.0);
                case.assign(L3, L3_AGENTS);
                case.work("Agent Investigates Issue", 300.0, "In Progress");
                if case.rng.random_bool(0.4) {
                    // L3 hands the fix back to L2 to roll out.
                    let agent = pick_agent(case.rng, L2_AGENTS, None);
                    case.reassign_to(agent, L2);
                    case.work("Agent Investigates Issue", 60.0, "In Progress");
                }
            }
        }
    }

    case.queue_wait(30.0);
    case.work("Case Resolved", 12.0, "Resolved");

    // Reopened by the customer: back to an agent, resolved again.
    let reopen = 0.06 + if case.handoffs > 2 { 0.06 } else { 0.0 };
    if case.rng.random_bool(reopen) {
        case.calendar_wait(20.0);
        let t = case.t;
        case.push("Case Reopened", t, t, "", case.team, "In Progress");
        if case.rng.random_bool(0.4) {
            case.assign(L1, L1_AGENTS);
        }
        case.queue_wait(60.0);
        case.work("Agent Investigates Issue", 45.0, "In Progress");
        case.queue_wait(20.0);
        case.work("Case Resolved", 10.0, "Resolved");
    }

    // Closed by the customer's confirmation, or automatically after two days.
    if case.rng.random_bool(0.3) {
        case.calendar_wait(6.0);
        let (t, team) = (case.t, case.team);
        case.push("Case Closed", t, t, "", team, "Closed");
    } else {
        case.t += 2 * DAY;
        let (t, team) = (case.t, case.team);
        case.push("Case Closed", t, t, "Auto-close", team, "Closed");
    }
    finish(case, channel, due, swarming)
}

/// Adds the SLA violation event, orders the events and scores CSAT.
fn finish(mut case: Case<'_>, channel: &'static str, due: i64, swarming: bool) -> SimulatedCase {
    let resolved = case
        .events
        .iter()
        .find(|event| matches!(event.activity, "Case Resolved" | "Case Closed"))
        .map_or(case.t, |event| event.end);
    let breached = resolved > due;
    if breached {
        let at = case.events.iter().take_while(|event| event.start <= due).count();
        let before = &case.events[at.saturating_sub(1)];
        let (team, priority, case_type) = (before.team, before.priority, before.case_type);
        case.events.insert(
            at,
            Event {
                activity: "SLA Milestone Violated",
                start: due,
                end: due,
                agent: "",
                team,
                status: "In Progress",
                priority,
                case_type,
            },
        );
    }
    let reopened = case.events.iter().any(|event| event.activity == "Case Reopened");
    let csat = case.rng.random_bool(0.55).then(|| {
        let mut score = 4.6 + (case.rng.random::<f64>() - 0.5) * 1.2;
        score -= if breached { 1.2 } else { 0.0 };
        score -= if reopened { 1.0 } else { 0.0 };
        score -= 0.35 * f64::from(case.handoffs.saturating_sub(1));
        score -= if case.escalated { 0.3 } else { 0.0 };
        score += if swarming { 0.2 } else { 0.0 };
        score.round().clamp(1.0, 5.0) as u8
    });
    SimulatedCase { events: case.events, channel, due, csat, escalated: case.escalated }
}

/// Writes a generated log as CSV (the template's columns, comma-separated, UTF-8, LF) and
/// returns what was written.
///
/// # Errors
/// When writing to `out` fails.
pub fn write_csv<W: Write>(options: &SampleOptions, out: W) -> io::Result<SampleStats> {
    let mut rng = Pcg64Mcg::seed_from_u64(options.seed);
    let mut writer = csv::Writer::from_writer(out);
    writer.write_record(Column::ALL.iter().map(|c| c.name()))?;
    let mut days = DayNames::new(options.start);
    let mut stats = SampleStats::default();
    let width = options.cases.max(1).to_string().len().max(4);
    let mut start_text = String::new();
    let mut end_text = String::new();
    let mut due_text = String::new();
    for index in 0..options.cases {
        let SimulatedCase { events, channel, due, csat, escalated } = simulate(&mut rng, index, options);
        let case_id = format!("CS-{:0width$}", index + 1);
        days.format(due, &mut due_text);
        let csat = csat.map(|score| score.to_string()).unwrap_or_default();
        let escalated = if escalated { "yes" } else { "no" };
        for event in &events {
            days.format(event.start, &mut start_text);
            days.format(event.end, &mut end_text);
            writer.write_record([
                case_id.as_str(),
                event.activity,
                &start_text,
                &end_text,
                event.agent,
                event.team,
                event.priority,
                channel,
                event.case_type,
                event.status,
                &due_text,
                &csat,
                escalated,
            ])?;
        }
        stats.cases += 1;
        stats.events += events.len() as u64;
    }
    writer.flush()?;
    Ok(stats)
}

/// A generated log as CSV bytes.
pub fn generate_csv(options: &SampleOptions) -> Vec<u8> {
    let mut out = Vec::with_capacity(options.cases as usize * 1_500);
    // Writing into a Vec cannot fail.
    write_csv(options, &mut out).expect("writing CSV to memory");
    out
}

/// Formats offsets from the log's first day as `YYYY-MM-DD HH:MM:SS`, computing each day's
/// date once.
struct DayNames {
    start: Date,
    days: Vec<String>,
}

impl DayNames {
    fn new(start: Date) -> Self {
        DayNames { start, days: Vec::new() }
    }

    fn format(&mut self, t: i64, out: &mut String) {
        use std::fmt::Write as _;
        let day = t.div_euclid(DAY).max(0) as usize;
        while self.days.len() <= day {
            let offset = self.days.len() as i64;
            let date = self.start.checked_add(jiff::Span::new().days(offset)).unwrap_or(self.start);
            self.days.push(date.to_string());
        }
        let seconds = t.rem_euclid(DAY);
        out.clear();
        let _ = write!(
            out,
            "{} {:02}:{:02}:{:02}",
            self.days[day],
            seconds / HOUR,
            seconds % HOUR / MINUTE,
            seconds % MINUTE
        );
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::collections::{BTreeMap, BTreeSet};

    fn rows(options: &SampleOptions) -> Vec<csv::StringRecord> {
        let bytes = generate_csv(options);
        csv::Reader::from_reader(bytes.as_slice()).records().collect::<Result<_, _>>().unwrap()
    }

    #[test]
    fn same_seed_same_bytes_other_seed_other_bytes() {
        let options = SampleOptions { cases: 200, ..SampleOptions::default() };
        assert_eq!(generate_csv(&options), generate_csv(&options));
        assert_ne!(generate_csv(&options), generate_csv(&SampleOptions { seed: 7, ..options }));
    }

    #[test]
    fn working_time_skips_nights_and_weekends() {
        // Day 0 is a Monday.
        assert_eq!(to_working_time(3 * HOUR), 8 * HOUR);
        assert_eq!(to_working_time(19 * HOUR), DAY + 8 * HOUR);
        assert_eq!(to_working_time(4 * DAY + 18 * HOUR), 7 * DAY + 8 * HOUR);
        assert_eq!(add_working(17 * HOUR, 2 * HOUR), DAY + 9 * HOUR);
        assert_eq!(add_working(4 * DAY + 17 * HOUR, HOUR), 7 * DAY + 8 * HOUR);
    }

    #[test]
    fn every_case_is_a_plausible_service_case() {
        let options = SampleOptions { cases: 500, ..SampleOptions::default() };
        let rows = rows(&options);
        let mut cases: BTreeMap<String, Vec<&csv::StringRecord>> = BTreeMap::new();
        for row in &rows {
            assert_eq!(row.len(), Column::ALL.len());
            cases.entry(row[0].to_owned()).or_default().push(row);
        }
        assert_eq!(cases.len(), 500);
        for (id, events) in &cases {
            assert_eq!(&events[0][1], "Case Created", "{id} does not start with its creation");
            assert_eq!(&events[events.len() - 1][1], "Case Closed", "{id} does not end closed");
            for pair in events.windows(2) {
                assert!(pair[0][2] <= pair[1][2], "{id}: events out of time order");
            }
            for event in events {
                assert!(event[2] <= event[3], "{id}: an event ends before it starts");
                // Case-level values are constant within a case.
                assert_eq!(&event[7], &events[0][7]);
                assert_eq!(&event[10], &events[0][10]);
                assert_eq!(&event[11], &events[0][11]);
            }
        }
    }

    #[test]
    fn the_log_has_what_the_analyses_need() {
        let options = SampleOptions::default();
        let rows = rows(&options);
        let activities: BTreeSet<&str> = rows.iter().map(|row| row.get(1).unwrap()).collect();
        for expected in [
            "Case Created",
            "Initial Acknowledgement Sent",
            "Case Assigned",
            "Case Reassigned",
            "Agent Investigates Issue",
            "Information Requested",
            "Customer Responded",
            "Knowledge Article Linked",
            "Case Escalated",
            "Swarm Session",
            "Priority Changed",
            "Case Type Changed",
            "SLA Milestone Violated",
            "Case Resolved",
            "Case Reopened",
            "Case Closed",
        ] {
            assert!(activities.contains(expected), "no {expected} in the sample");
        }
        let channels: BTreeSet<&str> = rows.iter().map(|row| row.get(7).unwrap()).collect();
        assert_eq!(channels.len(), 5);
        let cases_with = |activity: &str| {
            rows.iter().filter(|row| &row[1] == activity).map(|row| row[0].to_owned()).collect::<BTreeSet<_>>().len()
        };
        let share = |activity: &str| cases_with(activity) as f64 / f64::from(options.cases);
        assert!((0.03..0.15).contains(&share("Case Reopened")), "reopen rate {}", share("Case Reopened"));
        assert!((0.1..0.4).contains(&share("Case Escalated")), "escalation rate {}", share("Case Escalated"));
        assert!(
            (0.05..0.5).contains(&share("SLA Milestone Violated")),
            "breach rate {}",
            share("SLA Milestone Violated")
        );
        let events_per_case = rows.len() as f64 / f64::from(options.cases);
        assert!((7.0..16.0).contains(&events_per_case), "{events_per_case} events per case");
    }

    #[test]
    fn escalation_gives_way_to_swarming_after_the_change() {
        let options = SampleOptions::default();
        let change = format!("{}", options.start.checked_add(jiff::Span::new().days(14 * 7)).unwrap());
        let rows = rows(&options);
        let before = |row: &csv::StringRecord| row[2] < *change.as_str();
        let escalations_before = rows.iter().filter(|row| &row[1] == "Case Escalated" && before(row)).count();
        let escalations_after = rows.iter().filter(|row| &row[1] == "Case Escalated" && !before(row)).count();
        let swarms_before = rows.iter().filter(|row| &row[1] == "Swarm Session" && before(row)).count();
        assert_eq!(swarms_before, 0);
        assert!(escalations_before > 3 * escalations_after, "{escalations_before} before, {escalations_after} after");
    }
}
