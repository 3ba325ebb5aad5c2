//! Time as the event log stores it: [`Micros`] since 1970, calendar days, ISO 8601 output,
//! and the description of how a column's dates are written ([`TimeFormat`]).
//!
//! These are shared by the log (which stores times and remembers a column's format) and by
//! the import, the filters and the analyses. Reading dates from text lives in the import
//! ([`ingest::timestamp`](crate::ingest::timestamp)): the log needs the types, not the parser.

use serde::{Deserialize, Serialize};

/// Microseconds since 1970-01-01 00:00:00 UTC. Values without a zone are wall-clock times
/// stored as if they were UTC.
pub type Micros = i64;

/// One second in [`Micros`].
pub const SECOND: Micros = 1_000_000;

/// One day in [`Micros`].
pub const DAY: Micros = 86_400 * SECOND;

/// The day of the week of a day counted from 1970-01-01: 0 for Monday to 6 for Sunday.
pub fn weekday(day: i64) -> i64 {
    (day + 3).rem_euclid(7)
}

/// The Monday of the week a day (counted from 1970-01-01) falls in.
pub fn week_start(day: i64) -> i64 {
    day - weekday(day)
}

/// A day counted from 1970-01-01 as `YYYY-MM-DD`.
pub fn day_string(day: i64) -> String {
    let (year, month, day) = civil_from_days(day);
    format!("{year:04}-{month:02}-{day:02}")
}

/// The proleptic Gregorian date of a day counted from 1970-01-01 (Howard Hinnant's
/// `civil_from_days`): year, month 1 to 12, day 1 to 31. Written out rather than through a
/// calendar crate's formatter, which would put its whole formatting machinery into the page.
pub fn civil_from_days(days: i64) -> (i64, u32, u32) {
    let z = days + 719_468;
    let era = z.div_euclid(146_097);
    let doe = z.rem_euclid(146_097);
    let yoe = (doe - doe / 1_460 + doe / 36_524 - doe / 146_096) / 365;
    let doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
    let mp = (5 * doy + 2) / 153;
    let day = (doy - (153 * mp + 2) / 5 + 1) as u32;
    let month = if mp < 10 { mp + 3 } else { mp - 9 } as u32;
    let year = yoe + era * 400 + i64::from(month <= 2);
    (year, month, day)
}

/// The order of the parts of a calendar date.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum DateOrder {
    /// 2024-01-05
    YearMonthDay,
    /// 05/01/2024 (Europe, most of the world)
    DayMonthYear,
    /// 01/05/2024 (United States)
    MonthDayYear,
}

/// How the values of a timestamp column are written.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case", tag = "kind")]
pub enum TimeFormat {
    /// A calendar date, optionally with a time of day and a zone.
    Calendar {
        /// The order of year, month and day.
        order: DateOrder,
    },
    /// Seconds since 1970-01-01 UTC.
    EpochSeconds,
    /// Milliseconds since 1970-01-01 UTC.
    EpochMillis,
}

impl TimeFormat {
    /// A short description for people: `YYYY-MM-DD hh:mm:ss`, `DD/MM/YYYY`, `epoch seconds`...
    pub fn describe(self) -> &'static str {
        match self {
            TimeFormat::Calendar { order: DateOrder::YearMonthDay } => "year-month-day",
            TimeFormat::Calendar { order: DateOrder::DayMonthYear } => "day/month/year",
            TimeFormat::Calendar { order: DateOrder::MonthDayYear } => "month/day/year",
            TimeFormat::EpochSeconds => "epoch seconds",
            TimeFormat::EpochMillis => "epoch milliseconds",
        }
    }
}

/// Formats [`Micros`] as ISO 8601 (`2024-01-05T10:22:00Z`, with milliseconds when they are
/// not zero).
pub fn to_iso(micros: Micros) -> String {
    // jiff's range: years -9999 to 9999.
    const LIMIT: Micros = 253_402_300_799 * SECOND;
    if !(-377_705_116_800 * SECOND..=LIMIT).contains(&micros) {
        return micros.to_string();
    }
    let (year, month, day) = civil_from_days(micros.div_euclid(DAY));
    let in_day = micros.rem_euclid(DAY);
    let (hour, minute, second) = (in_day / (3_600 * SECOND), in_day / (60 * SECOND) % 60, in_day / SECOND % 60);
    let fraction = in_day % SECOND;
    let sign = if year < 0 { "-" } else { "" };
    let date = format!("{sign}{:04}-{month:02}-{day:02}T{hour:02}:{minute:02}:{second:02}", year.abs());
    if fraction == 0 { format!("{date}Z") } else { format!("{date}.{:03}Z", fraction / 1000) }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn iso_and_days_agree_with_the_calendar() {
        // Against jiff, over four centuries around 1970 and some odd instants.
        for days in (-150_000i64..150_000).step_by(37) {
            let date = jiff::civil::Date::constant(1970, 1, 1).checked_add(jiff::Span::new().days(days)).unwrap();
            assert_eq!(civil_from_days(days), (i64::from(date.year()), date.month() as u32, date.day() as u32));
            assert_eq!(day_string(days), date.to_string());
        }
        for micros in [
            0,
            1,
            999,
            1_000,
            86_399_999_999,
            -1,
            -1_000,
            1_704_450_120_000_000,
            1_704_450_120_500_000,
            -2_208_988_800_000_000,
        ] {
            let ts = jiff::Timestamp::from_microsecond(micros).unwrap();
            let expected = if micros.rem_euclid(SECOND) == 0 {
                ts.strftime("%Y-%m-%dT%H:%M:%SZ").to_string()
            } else {
                ts.strftime("%Y-%m-%dT%H:%M:%S%.3fZ").to_string()
            };
            assert_eq!(to_iso(micros), expected, "{micros}");
        }
    }
}
