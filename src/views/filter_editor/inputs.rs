//! What the forms of the filter editor hold ([`Inputs`]), the kinds of step, and the step an
//! editor's inputs make.

use casemap_engine::filter::{Filter, Presence, TimeMode};
use leptos::prelude::*;

use crate::i18n::*;

type I18n = leptos_i18n::I18nContext<Locale>;

/// The kinds of step the editor offers.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(super) enum Kind {
    TimeFrame,
    Attribute,
    Activities,
    Resources,
    Duration,
    Start,
    End,
    FollowedBy,
    Cases,
}

impl Kind {
    pub(super) const ALL: [Kind; 9] = [
        Kind::TimeFrame,
        Kind::Attribute,
        Kind::Activities,
        Kind::Resources,
        Kind::Duration,
        Kind::Start,
        Kind::End,
        Kind::FollowedBy,
        Kind::Cases,
    ];

    pub(super) fn code(self) -> &'static str {
        match self {
            Kind::TimeFrame => "time_frame",
            Kind::Attribute => "attribute",
            Kind::Activities => "activities",
            Kind::Resources => "resources",
            Kind::Duration => "duration",
            Kind::Start => "start_activities",
            Kind::End => "end_activities",
            Kind::FollowedBy => "followed_by",
            Kind::Cases => "cases",
        }
    }

    pub(super) fn name(self, i18n: I18n) -> String {
        match self {
            Kind::TimeFrame => t_string!(i18n, filters.k_time_frame),
            Kind::Attribute => t_string!(i18n, filters.k_attribute),
            Kind::Activities => t_string!(i18n, filters.k_activities),
            Kind::Resources => t_string!(i18n, filters.k_resources),
            Kind::Duration => t_string!(i18n, filters.k_duration),
            Kind::Start => t_string!(i18n, filters.k_start),
            Kind::End => t_string!(i18n, filters.k_end),
            Kind::FollowedBy => t_string!(i18n, filters.k_followed_by),
            Kind::Cases => t_string!(i18n, filters.k_cases),
        }
        .to_string()
    }
}

/// Seconds per unit of the duration inputs.
pub(super) const UNITS: [(&str, f64); 3] = [("min", 60.0), ("h", 3600.0), ("d", 86_400.0)];

pub(super) fn unit_name(i18n: I18n, unit: &str) -> String {
    match unit {
        "min" => t_string!(i18n, filters.u_minutes),
        "h" => t_string!(i18n, filters.u_hours),
        _ => t_string!(i18n, filters.u_days),
    }
    .to_string()
}

pub(super) fn seconds(value: &str, unit: &str) -> Option<f64> {
    let per = UNITS.iter().find(|(u, _)| *u == unit).map_or(1.0, |(_, s)| *s);
    value.trim().replace(',', ".").parse::<f64>().ok().filter(|v| v.is_finite() && *v >= 0.0).map(|v| v * per)
}

/// What the forms of the editor hold; each kind reads the inputs it needs.
#[derive(Debug, Clone, Copy)]
pub(super) struct Inputs {
    pub(super) kind: RwSignal<Kind>,
    pub(super) from: RwSignal<String>,
    pub(super) to: RwSignal<String>,
    pub(super) mode: RwSignal<String>,
    pub(super) column: RwSignal<String>,
    pub(super) picked: RwSignal<Vec<String>>,
    pub(super) exclude: RwSignal<bool>,
    pub(super) events: RwSignal<bool>,
    pub(super) presence: RwSignal<String>,
    pub(super) min: RwSignal<String>,
    pub(super) min_unit: RwSignal<&'static str>,
    pub(super) max: RwSignal<String>,
    pub(super) max_unit: RwSignal<&'static str>,
    pub(super) first: RwSignal<String>,
    pub(super) second: RwSignal<String>,
    pub(super) directly: RwSignal<bool>,
    pub(super) within: RwSignal<String>,
    pub(super) within_unit: RwSignal<&'static str>,
    pub(super) ids: RwSignal<String>,
}

impl Inputs {
    pub(super) fn new() -> Inputs {
        Inputs {
            kind: RwSignal::new(Kind::Attribute),
            from: RwSignal::new(String::new()),
            to: RwSignal::new(String::new()),
            mode: RwSignal::new("started".to_owned()),
            column: RwSignal::new(String::new()),
            picked: RwSignal::new(Vec::new()),
            exclude: RwSignal::new(false),
            events: RwSignal::new(false),
            presence: RwSignal::new("any".to_owned()),
            min: RwSignal::new(String::new()),
            min_unit: RwSignal::new("h"),
            max: RwSignal::new(String::new()),
            max_unit: RwSignal::new("d"),
            first: RwSignal::new(String::new()),
            second: RwSignal::new(String::new()),
            directly: RwSignal::new(false),
            within: RwSignal::new(String::new()),
            within_unit: RwSignal::new("h"),
            ids: RwSignal::new(String::new()),
        }
    }

    /// The picked values, if any were picked.
    pub(super) fn picked(&self) -> Option<Vec<String>> {
        Some(self.picked.get_untracked()).filter(|p| !p.is_empty())
    }

    /// The step the form describes, when it is complete.
    pub(super) fn build(&self) -> Option<Filter> {
        let exclude = self.exclude.get_untracked();
        Some(match self.kind.get_untracked() {
            Kind::TimeFrame => Filter::TimeFrame {
                from: self.from.get_untracked(),
                to: self.to.get_untracked(),
                mode: match self.mode.get_untracked().as_str() {
                    "contained" => TimeMode::Contained,
                    "intersecting" => TimeMode::Intersecting,
                    "completed" => TimeMode::Completed,
                    "trim" => TimeMode::Trim,
                    _ => TimeMode::Started,
                },
            },
            Kind::Attribute => Filter::Attribute {
                column: self.column.get_untracked(),
                values: self.picked()?,
                exclude,
                events: self.events.get_untracked(),
            },
            Kind::Activities => Filter::Activities {
                activities: self.picked()?,
                mode: match self.presence.get_untracked().as_str() {
                    "all" => Presence::All,
                    "none" => Presence::None,
                    "events" => Presence::Events,
                    _ => Presence::Any,
                },
            },
            Kind::Resources => {
                Filter::Resources { resources: self.picked()?, exclude, events: self.events.get_untracked() }
            }
            Kind::Duration => {
                let (lo, hi) = (
                    seconds(&self.min.get_untracked(), self.min_unit.get_untracked()),
                    seconds(&self.max.get_untracked(), self.max_unit.get_untracked()),
                );
                if lo.is_none() && hi.is_none() {
                    return None;
                }
                Filter::Duration { min_s: lo, max_s: hi }
            }
            Kind::Start => Filter::StartActivities { activities: self.picked()?, exclude },
            Kind::End => Filter::EndActivities { activities: self.picked()?, exclude },
            Kind::FollowedBy => Filter::FollowedBy {
                from: self.first.get_untracked(),
                to: self.second.get_untracked(),
                directly: self.directly.get_untracked(),
                within_s: seconds(&self.within.get_untracked(), self.within_unit.get_untracked()),
                exclude,
            },
            Kind::Cases => {
                let list: Vec<String> = self
                    .ids
                    .get_untracked()
                    .split(|c: char| c == ',' || c == ';' || c.is_whitespace())
                    .filter(|s| !s.is_empty())
                    .map(str::to_owned)
                    .collect();
                Filter::Cases { ids: (!list.is_empty()).then_some(list)?, exclude }
            }
        })
    }
}
