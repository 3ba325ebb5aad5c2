//! Timestamps as service exports write them: inferred once per column, then parsed fast.
//!
//! # What is recognised
//! - Calendar dates in year-month-day, day-month-year or month-day-year order, with `-`, `/`
//!   or `.` between the parts, with or without zero padding (`2024-01-05`, `5/1/2024`,
//!   `05.01.2024`, `29/2/2016`), two- or four-digit years (`05/01/24`).
//! - An optional time of day after a space, a `T` or a comma (`2024-01-05T10:22`,
//!   `1/5/2024, 10:22 AM`), with optional seconds and a fraction of any length
//!   (`2014/10/22 11:15:41.000`), and a 12-hour clock with AM/PM.
//! - An optional zone: `Z`, `UTC`, `GMT`, `+01:00`, `+0100`, `+01`. A value with a zone becomes
//!   an instant (UTC); a value without one stays the wall-clock time of the log (and is stored as
//!   if it were UTC, as PM4Py does).
//! - Epoch seconds and milliseconds (integers from 1990 to 2100).
//!
//! # Inference
//! [`infer_format`] looks at sample values of a column. The date order is decided by a value
//! that allows only one reading (a first number above 12 means day first, a second number
//! above 12 means month first); when no value decides, the order is *ambiguous* and the
//! separator decides the default: dots mean day first (`05.01.2024`), a 12-hour clock means
//! month first (US), anything else day first. The inference says so, and the caller shows it.
//!
//! # Speed
//! [`TimeFormat::parse`] is a single pass over the bytes with no allocation. The calendar
//! maths (days since 1970 for a date) is done by `jiff`, once per distinct date: consecutive
//! events of an export mostly share their date, and [`Parser`] remembers the last one.

use serde::{Deserialize, Serialize};
// The page and the worker name these by their place in the import, where they were first.
pub use crate::time::{DateOrder, TimeFormat, to_iso};
use crate::time::{Micros, SECOND};

/// A parsed value before calendar maths.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
struct Fields {
    year: i32,
    month: u8,
    day: u8,
    /// Microseconds since midnight.
    time: i64,
    /// Offset from UTC in seconds, when the value has a zone.
    offset: Option<i32>,
}

/// The date parts of a value in the order written, with what the value tells about the
/// order.
#[derive(Debug, Clone, Copy)]
struct Raw {
    parts: [u32; 3],
    digits: [u8; 3],
    separator: u8,
    time: i64,
    offset: Option<i32>,
    twelve_hour: bool,
}

/// Parsing belongs to the import; the type itself lives in [`crate::time`], where the log can
/// record it without depending on the import.
impl TimeFormat {
    /// Parses one value without a cache (see [`Parser`] for the fast path).
    pub fn parse(self, value: &str) -> Option<Micros> {
        Parser::new(self).parse(value)
    }
}

/// Parses the values of one column in a fixed format, remembering the last date's day number.
#[derive(Debug, Clone)]
pub struct Parser {
    format: TimeFormat,
    /// Days since 1970 of recently seen dates, by a small hash of the date: the events of an
    /// export cluster on a few hundred dates, and the calendar maths runs once per date.
    days: Box<[(u32, i64); DAY_CACHE]>,
}

/// Entries of [`Parser`]'s date cache.
const DAY_CACHE: usize = 512;

impl Parser {
    /// A parser for `format`.
    pub fn new(format: TimeFormat) -> Self {
        Parser { format, days: Box::new([(u32::MAX, 0); DAY_CACHE]) }
    }

    /// The format this parser reads.
    pub fn format(&self) -> TimeFormat {
        self.format
    }

    /// Parses a value; `None` when it is not a valid timestamp in this format.
    pub fn parse(&mut self, value: &str) -> Option<Micros> {
        let order = match self.format {
            TimeFormat::EpochSeconds => return parse_epoch(value, SECOND),
            TimeFormat::EpochMillis => return parse_epoch(value, 1_000),
            TimeFormat::Calendar { order } => order,
        };
        let bytes = value.as_bytes();
        let fields = match order {
            // The fast path: the zero-padded layout nearly every system writes.
            DateOrder::YearMonthDay => match padded_year_first(bytes) {
                Some(fields) => fields,
                None => arrange(&scan(bytes)?, order)?,
            },
            _ => arrange(&scan(bytes)?, order)?,
        };
        let days = self.days(fields.year, fields.month, fields.day)?;
        let offset = i64::from(fields.offset.unwrap_or(0)) * SECOND;
        Some(days * 86_400 * SECOND + fields.time - offset)
    }

    #[inline]
    fn days(&mut self, year: i32, month: u8, day: u8) -> Option<i64> {
        // Years 0..=9999 (jiff's range) give distinct keys below u32::MAX.
        let key = u32::try_from(year).ok()? * 512 + u32::from(month) * 32 + u32::from(day);
        let slot = &mut self.days[(key as usize).wrapping_mul(0x9e37) % DAY_CACHE];
        if slot.0 == key {
            return Some(slot.1);
        }
        let date = jiff::civil::Date::new(i16::try_from(year).ok()?, month as i8, day as i8).ok()?;
        let midnight = jiff::tz::Offset::UTC.to_timestamp(date.to_datetime(jiff::civil::Time::midnight())).ok()?;
        let days = midnight.as_second().div_euclid(86_400);
        *slot = (key, days);
        Some(days)
    }
}

fn parse_epoch(value: &str, unit: Micros) -> Option<Micros> {
    let value = value.trim();
    let (negative, digits) = match value.strip_prefix('-') {
        Some(rest) => (true, rest),
        None => (false, value),
    };
    // Epoch values may carry a decimal fraction ("1704450120.5").
    let (whole, fraction) = digits.split_once('.').unwrap_or((digits, ""));
    if whole.is_empty() || !whole.bytes().all(|b| b.is_ascii_digit()) || !fraction.bytes().all(|b| b.is_ascii_digit()) {
        return None;
    }
    let whole: i64 = whole.parse().ok()?;
    let mut micros = whole.checked_mul(unit)?;
    let mut scale = unit / 10;
    for digit in fraction.bytes().take(6) {
        micros += i64::from(digit - b'0') * scale;
        scale /= 10;
    }
    Some(if negative { -micros } else { micros })
}

/// Reads a number of at most `max` digits; returns it and how many digits it had.
fn number(bytes: &[u8], at: &mut usize, max: usize) -> Option<(u32, u8)> {
    let start = *at;
    let mut value: u32 = 0;
    while *at < bytes.len() && bytes[*at].is_ascii_digit() {
        if *at - start == max {
            return None;
        }
        value = value * 10 + u32::from(bytes[*at] - b'0');
        *at += 1;
    }
    let digits = (*at - start) as u8;
    (digits > 0).then_some((value, digits))
}

fn skip_spaces(bytes: &[u8], at: &mut usize) {
    while *at < bytes.len() && bytes[*at] == b' ' {
        *at += 1;
    }
}

/// Two ASCII digits at `i` as a number.
#[inline(always)]
fn two_digits(b: &[u8], i: usize) -> Option<u32> {
    let (x, y) = (b.get(i)?.wrapping_sub(b'0'), b.get(i + 1)?.wrapping_sub(b'0'));
    (x < 10 && y < 10).then_some(u32::from(x) * 10 + u32::from(y))
}

/// Reads `YYYY-MM-DD` (or `/`), then optionally ` hh:mm`, `:ss`, a fraction and a zone, at
/// fixed positions; `None` for anything else (the general scanner then tries).
#[inline]
fn padded_year_first(b: &[u8]) -> Option<Fields> {
    if b.len() < 10 {
        return None;
    }
    let separator = b[4];
    if (separator != b'-' && separator != b'/') || b[7] != separator {
        return None;
    }
    let year = two_digits(b, 0)? * 100 + two_digits(b, 2)?;
    let (month, day) = (two_digits(b, 5)?, two_digits(b, 8)?);
    if !(1..=12).contains(&month) || !(1..=31).contains(&day) {
        return None;
    }
    let mut at = 10;
    let mut time = 0;
    if b.len() >= 16 && (b[10] == b' ' || b[10] == b'T') && b[13] == b':' {
        let (hour, minute) = (two_digits(b, 11)?, two_digits(b, 14)?);
        at = 16;
        let mut second = 0;
        if b.get(at) == Some(&b':') {
            second = two_digits(b, at + 1)?;
            at += 3;
        }
        if hour > 23 || minute > 59 || second > 60 {
            return None;
        }
        let mut micros = 0;
        if matches!(b.get(at), Some(b'.' | b',')) {
            at += 1;
            let mut scale = 100_000;
            while let Some(&digit) = b.get(at).filter(|d| d.is_ascii_digit()) {
                micros += i64::from(digit - b'0') * scale;
                scale /= 10;
                at += 1;
            }
        }
        time = (i64::from(hour) * 3600 + i64::from(minute) * 60 + i64::from(second.min(59))) * SECOND + micros;
    }
    let offset = if at == b.len() { None } else { zone(b, &mut at)? };
    (at == b.len()).then_some(Fields { year: year as i32, month: month as u8, day: day as u8, time, offset })
}

/// Tokenises a calendar value: three date parts, then an optional time, AM/PM and zone.
fn scan(bytes: &[u8]) -> Option<Raw> {
    let mut at = 0;
    skip_spaces(bytes, &mut at);
    let (first, first_digits) = number(bytes, &mut at, 4)?;
    let separator = *bytes.get(at)?;
    if !matches!(separator, b'-' | b'/' | b'.') {
        return None;
    }
    at += 1;
    let (second, second_digits) = number(bytes, &mut at, 2)?;
    if bytes.get(at) != Some(&separator) {
        return None;
    }
    at += 1;
    let (third, third_digits) = number(bytes, &mut at, 4)?;
    let mut raw = Raw {
        parts: [first, second, third],
        digits: [first_digits, second_digits, third_digits],
        separator,
        time: 0,
        offset: None,
        twelve_hour: false,
    };
    // A trailing dot after a dotted date ("05.01.2024.") is not allowed; a comma, a space or
    // 'T' may introduce the time.
    if at < bytes.len() && bytes[at] == b',' {
        at += 1;
    }
    if at < bytes.len() && (bytes[at] == b'T' || bytes[at] == b't') {
        at += 1;
    }
    skip_spaces(bytes, &mut at);
    if at < bytes.len() && bytes[at].is_ascii_digit() {
        let (hour, _) = number(bytes, &mut at, 2)?;
        if bytes.get(at) != Some(&b':') {
            return None;
        }
        at += 1;
        let (minute, minute_digits) = number(bytes, &mut at, 2)?;
        let mut second = 0;
        let mut micros = 0;
        if bytes.get(at) == Some(&b':') {
            at += 1;
            second = number(bytes, &mut at, 2)?.0;
            if matches!(bytes.get(at), Some(b'.' | b',')) && bytes.get(at + 1).is_some_and(u8::is_ascii_digit) {
                at += 1;
                let mut scale = 100_000;
                while at < bytes.len() && bytes[at].is_ascii_digit() {
                    micros += i64::from(bytes[at] - b'0') * scale;
                    scale /= 10;
                    at += 1;
                }
            }
        }
        if minute_digits != 2 || minute > 59 || second > 60 {
            return None;
        }
        skip_spaces(bytes, &mut at);
        let mut hour = hour;
        if let Some(pm) = meridiem(bytes, &mut at) {
            if !(1..=12).contains(&hour) {
                return None;
            }
            hour = hour % 12 + if pm { 12 } else { 0 };
            raw.twelve_hour = true;
            skip_spaces(bytes, &mut at);
        }
        if hour > 23 {
            return None;
        }
        raw.time = (i64::from(hour) * 3600 + i64::from(minute) * 60 + i64::from(second.min(59))) * SECOND + micros;
    }
    raw.offset = zone(bytes, &mut at)?;
    skip_spaces(bytes, &mut at);
    (at == bytes.len()).then_some(raw)
}

/// AM or PM (also `a.m.`, `p.m.`, any case): `Some(true)` for PM.
fn meridiem(bytes: &[u8], at: &mut usize) -> Option<bool> {
    let rest = &bytes[*at..];
    let first = rest.first()?.to_ascii_lowercase();
    if first != b'a' && first != b'p' {
        return None;
    }
    for candidate in [&b"m"[..], b".m."] {
        if rest.len() > candidate.len() && rest[1..=candidate.len()].eq_ignore_ascii_case(candidate) {
            let end = 1 + candidate.len();
            if rest.get(end).is_none_or(|b| !b.is_ascii_alphabetic()) {
                *at += end;
                return Some(first == b'p');
            }
        }
    }
    None
}

/// An optional zone after the time: `Some(None)` when there is none, `None` when what
/// follows is not a zone.
fn zone(bytes: &[u8], at: &mut usize) -> Option<Option<i32>> {
    let mut i = *at;
    skip_spaces(bytes, &mut i);
    let Some(&first) = bytes.get(i) else {
        return Some(None);
    };
    let named = |name: &[u8]| bytes.len() >= i + 3 && bytes[i..i + 3].eq_ignore_ascii_case(name);
    if first == b'Z' || first == b'z' {
        *at = i + 1;
        return Some(Some(0));
    }
    if named(b"UTC") || named(b"GMT") {
        i += 3;
        if !matches!(bytes.get(i), Some(b'+' | b'-')) {
            *at = i;
            return Some(Some(0));
        }
    } else if first != b'+' && first != b'-' {
        return None;
    }
    // +hh, +hhmm or +hh:mm
    let sign = if bytes[i] == b'-' { -1 } else { 1 };
    i += 1;
    let two = |i: usize| -> Option<i32> {
        let (a, b) = (*bytes.get(i)?, *bytes.get(i + 1)?);
        (a.is_ascii_digit() && b.is_ascii_digit()).then(|| i32::from(a - b'0') * 10 + i32::from(b - b'0'))
    };
    let hours = two(i)?;
    i += 2;
    if bytes.get(i) == Some(&b':') {
        i += 1;
    }
    let minutes = match two(i) {
        Some(minutes) => {
            i += 2;
            minutes
        }
        None => 0,
    };
    if hours > 18 || minutes > 59 {
        return None;
    }
    *at = i;
    Some(Some(sign * (hours * 3600 + minutes * 60)))
}

/// Puts the date parts in place for `order`, checking ranges.
fn arrange(raw: &Raw, order: DateOrder) -> Option<Fields> {
    let [a, b, c] = raw.parts;
    let (year, year_digits, month, day) = match order {
        DateOrder::YearMonthDay => (a, raw.digits[0], b, c),
        DateOrder::DayMonthYear => (c, raw.digits[2], b, a),
        DateOrder::MonthDayYear => (c, raw.digits[2], a, b),
    };
    let year = match year_digits {
        4 => year as i32,
        // Two-digit years: 00-69 are 2000-2069, 70-99 are 1970-1999.
        2 => (if year < 70 { 2000 } else { 1900 }) + year as i32,
        _ => return None,
    };
    if !(1..=12).contains(&month) || !(1..=31).contains(&day) {
        return None;
    }
    Some(Fields { year, month: month as u8, day: day as u8, time: raw.time, offset: raw.offset })
}

/// What [`infer_format`] found out about a column.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Inference {
    /// The format that reads the most sample values.
    pub format: TimeFormat,
    /// Sample values it reads.
    pub parsed: usize,
    /// Sample values it does not read.
    pub failed: usize,
    /// True when no value decided between day-first and month-first.
    pub ambiguous: bool,
    /// True when the values carry a zone (they are instants, converted to UTC).
    pub zoned: bool,
}

impl Inference {
    /// The share of sample values the format reads (1.0 when there were none).
    pub fn coverage(&self) -> f64 {
        let total = self.parsed + self.failed;
        if total == 0 { 1.0 } else { self.parsed as f64 / total as f64 }
    }
}

/// Infers the format of a column from sample values (missing values already left out).
/// `None` when no format reads any value.
pub fn infer_format<'a>(values: impl IntoIterator<Item = &'a str>) -> Option<Inference> {
    let mut total = 0;
    let mut calendar = 0;
    let mut first_above_12 = 0;
    let mut second_above_12 = 0;
    let mut year_first = 0;
    let mut dotted = 0;
    let mut twelve_hour = 0;
    let mut zoned = 0;
    let mut epoch_seconds = 0;
    let mut epoch_millis = 0;
    let mut raws = Vec::new();
    for value in values {
        total += 1;
        if let Some(raw) = scan(value.as_bytes()) {
            calendar += 1;
            if raw.digits[0] == 4 {
                year_first += 1;
            } else if raw.parts[0] > 12 {
                first_above_12 += 1;
            } else if raw.parts[1] > 12 {
                second_above_12 += 1;
            }
            dotted += usize::from(raw.separator == b'.');
            twelve_hour += usize::from(raw.twelve_hour);
            zoned += usize::from(raw.offset.is_some());
            raws.push(raw);
        } else if let Some(micros) = parse_epoch(value, SECOND) {
            // 1990-01-01 .. 2100-01-01 in seconds, or in milliseconds.
            const FROM: i64 = 631_152_000;
            const TO: i64 = 4_102_444_800;
            let seconds = micros / SECOND;
            if (FROM..TO).contains(&seconds) {
                epoch_seconds += 1;
            } else if (FROM * 1000..TO * 1000).contains(&seconds) {
                epoch_millis += 1;
            }
        }
    }
    if total == 0 {
        return None;
    }
    if epoch_seconds + epoch_millis > calendar {
        let format = if epoch_millis > epoch_seconds { TimeFormat::EpochMillis } else { TimeFormat::EpochSeconds };
        let parsed = epoch_seconds.max(epoch_millis);
        return Some(Inference { format, parsed, failed: total - parsed, ambiguous: false, zoned: true });
    }
    if calendar == 0 {
        return None;
    }
    let (order, ambiguous) = if year_first * 2 >= calendar {
        (DateOrder::YearMonthDay, false)
    } else if first_above_12 > 0 && second_above_12 == 0 {
        (DateOrder::DayMonthYear, false)
    } else if second_above_12 > 0 && first_above_12 == 0 {
        (DateOrder::MonthDayYear, false)
    } else if dotted * 2 >= calendar {
        (DateOrder::DayMonthYear, first_above_12 == 0)
    } else if twelve_hour * 2 >= calendar {
        (DateOrder::MonthDayYear, second_above_12 == 0)
    } else {
        // Mixed evidence (both kinds of value) or none: day first, flagged as ambiguous.
        (DateOrder::DayMonthYear, true)
    };
    let parsed = raws.iter().filter(|raw| arrange(raw, order).is_some()).count();
    Some(Inference {
        format: TimeFormat::Calendar { order },
        parsed,
        failed: total - parsed,
        ambiguous,
        zoned: zoned * 2 > calendar,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The micros of a UTC (or wall-clock) date-time.
    fn at(y: i16, mo: i8, d: i8, h: i8, mi: i8, s: i8, micro: i32) -> Micros {
        let dt = jiff::civil::DateTime::new(y, mo, d, h, mi, s, micro * 1000).unwrap();
        jiff::tz::Offset::UTC.to_timestamp(dt).unwrap().as_microsecond()
    }

    macro_rules! parses_to {
        ($($name:ident: $format:expr, $value:expr => $expected:expr;)*) => {$(
            #[test]
            fn $name() {
                assert_eq!($format.parse($value), $expected, "{:?}", $value);
            }
        )*};
    }

    const YMD: TimeFormat = TimeFormat::Calendar { order: DateOrder::YearMonthDay };
    const DMY: TimeFormat = TimeFormat::Calendar { order: DateOrder::DayMonthYear };
    const MDY: TimeFormat = TimeFormat::Calendar { order: DateOrder::MonthDayYear };

    parses_to! {
        iso_with_t: YMD, "2024-01-05T10:22:00" => Some(at(2024, 1, 5, 10, 22, 0, 0));
        iso_with_space: YMD, "2024-01-05 10:22:07" => Some(at(2024, 1, 5, 10, 22, 7, 0));
        iso_zulu: YMD, "2024-01-05T10:22:00Z" => Some(at(2024, 1, 5, 10, 22, 0, 0));
        iso_offset_colon: YMD, "2010-12-30T11:02:00.000+01:00" => Some(at(2010, 12, 30, 10, 2, 0, 0));
        iso_offset_compact: YMD, "2010-12-30T11:02:00+0100" => Some(at(2010, 12, 30, 10, 2, 0, 0));
        iso_offset_hours: YMD, "2010-12-30 11:02:00-05" => Some(at(2010, 12, 30, 16, 2, 0, 0));
        iso_millis: YMD, "2014/10/22 11:15:41.000" => Some(at(2014, 10, 22, 11, 15, 41, 0));
        iso_micros: YMD, "2016-01-04 12:09:44.123456" => Some(at(2016, 1, 4, 12, 9, 44, 123_456));
        iso_date_only: YMD, "2024-01-05" => Some(at(2024, 1, 5, 0, 0, 0, 0));
        iso_no_seconds: YMD, "2024-01-05 10:22" => Some(at(2024, 1, 5, 10, 22, 0, 0));
        utc_suffix: YMD, "2024-01-05 10:22:00 UTC" => Some(at(2024, 1, 5, 10, 22, 0, 0));
        day_first_slash: DMY, "29/2/2016 01:16" => Some(at(2016, 2, 29, 1, 16, 0, 0));
        day_first_dots: DMY, "05.01.2024 10:22" => Some(at(2024, 1, 5, 10, 22, 0, 0));
        month_first_salesforce: MDY, "1/5/2024, 10:22 AM" => Some(at(2024, 1, 5, 10, 22, 0, 0));
        month_first_pm: MDY, "12/31/2023 11:59 PM" => Some(at(2023, 12, 31, 23, 59, 0, 0));
        noon_is_12_pm: MDY, "1/5/2024 12:00 PM" => Some(at(2024, 1, 5, 12, 0, 0, 0));
        midnight_is_12_am: MDY, "1/5/2024 12:30 am" => Some(at(2024, 1, 5, 0, 30, 0, 0));
        dotted_meridiem: MDY, "1/5/2024 1:05 p.m." => Some(at(2024, 1, 5, 13, 5, 0, 0));
        two_digit_year: DMY, "05/01/24 08:00" => Some(at(2024, 1, 5, 8, 0, 0, 0));
        not_a_leap_day: DMY, "29/2/2015 01:16" => None;
        month_13: DMY, "05/13/2024" => None;
        hour_24: YMD, "2024-01-05 24:00" => None;
        thirteen_pm: MDY, "1/5/2024 13:00 PM" => None;
        trailing_garbage: YMD, "2024-01-05 10:22 tomorrow" => None;
        text: YMD, "yesterday" => None;
        empty: YMD, "" => None;
        mixed_separators: YMD, "2024-01/05" => None;
        epoch_seconds: TimeFormat::EpochSeconds, "1704450120" => Some(at(2024, 1, 5, 10, 22, 0, 0));
        epoch_millis: TimeFormat::EpochMillis, "1704450120500" => Some(at(2024, 1, 5, 10, 22, 0, 500_000));
        epoch_fraction: TimeFormat::EpochSeconds, "1704450120.25" => Some(at(2024, 1, 5, 10, 22, 0, 250_000));
        epoch_not_a_number: TimeFormat::EpochSeconds, "17044x" => None;
    }

    #[test]
    fn inference_reads_the_order_from_a_deciding_value() {
        let day_first = infer_format(["01/02/2024 10:00", "13/02/2024 11:00", "05/03/2024 09:00"]).unwrap();
        assert_eq!(day_first.format, DMY);
        assert!(!day_first.ambiguous);
        assert_eq!(day_first.parsed, 3);
        let month_first = infer_format(["01/02/2024 10:00", "02/13/2024 11:00"]).unwrap();
        assert_eq!(month_first.format, MDY);
        assert!(!month_first.ambiguous);
    }

    #[test]
    fn inference_says_when_it_had_to_guess() {
        let dotted = infer_format(["05.01.2024 10:22", "06.01.2024 10:22"]).unwrap();
        assert_eq!(dotted.format, DMY);
        assert!(dotted.ambiguous);
        let salesforce = infer_format(["1/5/2024, 10:22 AM", "1/6/2024, 3:01 PM"]).unwrap();
        assert_eq!(salesforce.format, MDY);
        assert!(salesforce.ambiguous);
        let slashes = infer_format(["01/02/2024", "03/04/2024"]).unwrap();
        assert!(slashes.ambiguous);
    }

    #[test]
    fn inference_of_iso_and_zones() {
        let iso = infer_format(["2010-12-30T11:02:00.000+01:00", "2011-01-04T08:12:00.000+01:00"]).unwrap();
        assert_eq!(iso.format, YMD);
        assert!(iso.zoned);
        assert_eq!(iso.coverage(), 1.0);
    }

    #[test]
    fn inference_of_epochs() {
        assert_eq!(infer_format(["1704450120", "1704450180"]).unwrap().format, TimeFormat::EpochSeconds);
        assert_eq!(infer_format(["1704450120000", "1704450180000"]).unwrap().format, TimeFormat::EpochMillis);
        // Small integers are ids or counts, not times.
        assert!(infer_format(["1", "2", "3"]).is_none());
    }

    #[test]
    fn inference_counts_what_fails() {
        let inference = infer_format(["2024-01-05", "soon", "2024-01-07"]).unwrap();
        assert_eq!((inference.parsed, inference.failed), (2, 1));
        assert!(infer_format(["Case Created", "Closed"]).is_none());
    }

    #[test]
    fn the_fast_path_agrees_with_the_scanner() {
        for value in [
            "2024-01-05T10:22:00",
            "2024-01-05 10:22",
            "2024/01/05 10:22:07.123",
            "2010-12-30T11:02:00.000+01:00",
            "2024-01-05",
            "2024-01-05T10:22:00Z",
            "2024-01-05 23:59:59 -0530",
            "2024-1-5 10:22",
            "2024-01-05 10:22 PM",
        ] {
            let general = scan(value.as_bytes()).and_then(|raw| arrange(&raw, DateOrder::YearMonthDay));
            if let Some(fast) = padded_year_first(value.as_bytes()) {
                assert_eq!(Some(fast), general, "{value}");
            }
        }
        assert!(padded_year_first(b"2024-01-05 10:22").is_some());
        assert!(padded_year_first(b"2024-1-5 10:22").is_none());
        assert!(padded_year_first(b"2024-13-05").is_none());
    }

    #[test]
    fn the_date_cache_gives_the_same_results() {
        let mut parser = Parser::new(YMD);
        let values = ["2024-01-05 10:00", "2024-01-05 11:00", "2024-02-29 00:00", "2024-01-05 12:00"];
        for value in values {
            assert_eq!(parser.parse(value), YMD.parse(value));
        }
    }

    #[test]
    fn iso_output() {
        assert_eq!(to_iso(at(2024, 1, 5, 10, 22, 0, 0)), "2024-01-05T10:22:00Z");
        assert_eq!(to_iso(at(2024, 1, 5, 10, 22, 0, 500_000)), "2024-01-05T10:22:00.500Z");
    }
}
