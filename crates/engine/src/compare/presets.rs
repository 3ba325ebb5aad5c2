//! The comparisons people ask for most, as pairs of filter chains: before and after a date,
//! one value of a column against another, one value against the rest, and a period against
//! the one before it. Any other pair of chains compares just as well (`casemap compare --a
//! --b`); these are the page's one-click choices.

use serde::{Deserialize, Serialize};

use super::before_after;
use crate::filter::{Filter, FilterChain, TimeMode, parse_time};
use crate::time::{DAY, day_string};

/// A preset pair of segments.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(tag = "kind", rename_all = "snake_case")]
pub enum Preset {
    /// Cases started before `date` (A) against those started from it (B).
    BeforeAfter {
        /// ISO 8601 day or time.
        date: String,
    },
    /// Cases with `a` in `column` against those with `b`.
    Values {
        /// The column.
        column: String,
        /// Segment A's value.
        a: String,
        /// Segment B's value.
        b: String,
    },
    /// Cases with `value` in `column` (B) against all the others (A).
    ValueVsRest {
        /// The column.
        column: String,
        /// The value.
        value: String,
    },
    /// Cases started in the `days` days before `end` (B) against those started in the `days`
    /// days before those (A).
    PeriodVsPrevious {
        /// The end of the period, an ISO 8601 day (excluded).
        end: String,
        /// Its length in days.
        days: u32,
    },
}

fn attribute(column: &str, value: &str, exclude: bool) -> FilterChain {
    FilterChain {
        filters: vec![Filter::Attribute {
            column: column.to_owned(),
            values: vec![value.to_owned()],
            exclude,
            events: false,
        }],
    }
}

fn started(from: i64, to: i64) -> FilterChain {
    FilterChain {
        filters: vec![Filter::TimeFrame {
            from: format!("{}T00:00:00", day_string(from)),
            to: format!("{}T00:00:00", day_string(to)),
            mode: TimeMode::Started,
        }],
    }
}

impl Preset {
    /// Segments A and B; `None` when a date is not ISO 8601 or a period has no days.
    pub fn chains(&self) -> Option<(FilterChain, FilterChain)> {
        match self {
            Preset::BeforeAfter { date } => {
                parse_time(date, false)?;
                Some(before_after(date))
            }
            Preset::Values { column, a, b } => Some((attribute(column, a, false), attribute(column, b, false))),
            Preset::ValueVsRest { column, value } => {
                Some((attribute(column, value, true), attribute(column, value, false)))
            }
            Preset::PeriodVsPrevious { end, days } => {
                let end = parse_time(end, false)?.div_euclid(DAY);
                let days = i64::from(*days);
                (days > 0).then(|| (started(end - 2 * days, end - days), started(end - days, end)))
            }
        }
    }
}

/// The day halfway between two ISO 8601 times (a before/after date to start from).
pub fn midpoint(first: &str, last: &str) -> Option<String> {
    let (a, b) = (parse_time(first, false)?, parse_time(last, false)?);
    Some(day_string((a + (b - a) / 2).div_euclid(DAY)))
}

/// The day after an ISO 8601 time (a period that ends with the log's last day).
pub fn day_after(time: &str) -> Option<String> {
    Some(day_string(parse_time(time, false)?.div_euclid(DAY) + 1))
}

/// The last day a [`Preset::PeriodVsPrevious`] segment's frame covers: the day before its
/// (excluded) end.
pub fn day_before(day: &str) -> Option<String> {
    Some(day_string(parse_time(day, false)?.div_euclid(DAY) - 1))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_period_is_set_against_the_one_before_it() {
        let (a, b) = Preset::PeriodVsPrevious { end: "2025-05-01".into(), days: 30 }.chains().unwrap();
        let frame = |c: &FilterChain| match &c.filters[..] {
            [Filter::TimeFrame { from, to, mode: TimeMode::Started }] => (from.clone(), to.clone()),
            other => panic!("{other:?}"),
        };
        assert_eq!(frame(&a), ("2025-03-02T00:00:00".to_owned(), "2025-04-01T00:00:00".to_owned()));
        assert_eq!(frame(&b), ("2025-04-01T00:00:00".to_owned(), "2025-05-01T00:00:00".to_owned()));
        assert_eq!(Preset::PeriodVsPrevious { end: "2025-05-01".into(), days: 0 }.chains(), None);
        assert_eq!(Preset::PeriodVsPrevious { end: "May".into(), days: 7 }.chains(), None);
    }

    #[test]
    fn default_days_come_from_the_log_span() {
        assert_eq!(midpoint("2025-01-01T08:00:00Z", "2025-03-02T10:00:00Z").as_deref(), Some("2025-01-31"));
        assert_eq!(day_after("2025-06-30T23:59:00").as_deref(), Some("2025-07-01"));
        assert_eq!(day_before("2025-03-01").as_deref(), Some("2025-02-28"));
        assert_eq!(midpoint("never", "2025-01-01"), None);
    }

    #[test]
    fn a_value_is_set_against_the_rest_or_another() {
        let (rest, email) = Preset::ValueVsRest { column: "Channel".into(), value: "Email".into() }.chains().unwrap();
        assert!(matches!(&rest.filters[0], Filter::Attribute { exclude: true, values, .. } if values == &["Email"]));
        assert!(matches!(&email.filters[0], Filter::Attribute { exclude: false, .. }));
        let (a, b) =
            Preset::Values { column: "Channel".into(), a: "Email".into(), b: "Phone".into() }.chains().unwrap();
        assert!(matches!(&a.filters[0], Filter::Attribute { values, .. } if values == &["Email"]));
        assert!(matches!(&b.filters[0], Filter::Attribute { values, .. } if values == &["Phone"]));
        assert_eq!(Preset::BeforeAfter { date: "14/04/2025".into() }.chains(), None);
        assert_eq!(Preset::BeforeAfter { date: "2025-04-14".into() }.chains(), Some(before_after("2025-04-14")));
    }
}
