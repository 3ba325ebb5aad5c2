//! Numbers the way people read them, in each of casemap's four languages.
//!
//! Counts get thousands separators (`21,348` / `21.348` / `21 348`), durations use the two
//! largest units that matter (`2 d 4 h`, `35 min`, `42 s`), ratios become percentages and byte
//! counts decimal units (`2.8 MB`). The browser app and the CLI share these, so a figure reads
//! the same everywhere.
//!
//! ```
//! use casemap_engine::format::{count, duration, percent, Lang};
//!
//! assert_eq!(count(1_234_567, Lang::En), "1,234,567");
//! assert_eq!(count(1_234_567, Lang::It), "1.234.567");
//! assert_eq!(duration(187_200.0, Lang::En), "2 d 4 h");
//! assert_eq!(duration(187_200.0, Lang::Zh), "2天4小时");
//! assert_eq!(percent(0.125, Lang::It), "12,5%");
//! ```

use serde::{Deserialize, Serialize};

/// A user-interface language: it decides separators and unit names.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Default, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Lang {
    /// English.
    #[default]
    En,
    /// Italian.
    It,
    /// Russian.
    Ru,
    /// Chinese (simplified).
    Zh,
}

impl Lang {
    /// Every supported language, English first.
    pub const ALL: [Lang; 4] = [Lang::En, Lang::It, Lang::Ru, Lang::Zh];

    /// The language's BCP 47 code (`en`, `it`, `ru`, `zh`).
    pub fn code(self) -> &'static str {
        match self {
            Lang::En => "en",
            Lang::It => "it",
            Lang::Ru => "ru",
            Lang::Zh => "zh",
        }
    }

    /// The language for a code such as `it` or `zh-CN` (only the primary subtag counts).
    pub fn from_code(code: &str) -> Option<Lang> {
        let primary = code.split(['-', '_']).next()?.to_ascii_lowercase();
        Lang::ALL.into_iter().find(|lang| lang.code() == primary)
    }

    fn style(self) -> &'static Style {
        match self {
            Lang::En => &EN,
            Lang::It => &IT,
            Lang::Ru => &RU,
            Lang::Zh => &ZH,
        }
    }
}

struct Style {
    group: &'static str,
    decimal: char,
    /// Between a number and its unit.
    unit_gap: &'static str,
    /// Between two number-unit pairs of one duration.
    part_gap: &'static str,
    percent: &'static str,
    /// Day, hour, minute, second.
    time_units: [&'static str; 4],
    /// Millisecond.
    millis: &'static str,
    /// Byte, kilobyte, megabyte, gigabyte, terabyte.
    byte_units: [&'static str; 5],
}

const EN: Style = Style {
    group: ",",
    decimal: '.',
    unit_gap: " ",
    part_gap: " ",
    percent: "%",
    time_units: ["d", "h", "min", "s"],
    millis: "ms",
    byte_units: ["B", "KB", "MB", "GB", "TB"],
};
const IT: Style = Style {
    group: ".",
    decimal: ',',
    unit_gap: " ",
    part_gap: " ",
    percent: "%",
    time_units: ["g", "h", "min", "s"],
    millis: "ms",
    byte_units: ["B", "KB", "MB", "GB", "TB"],
};
const RU: Style = Style {
    // Russian groups digits with a (non-breaking) space.
    group: "\u{a0}",
    decimal: ',',
    unit_gap: " ",
    part_gap: " ",
    percent: "\u{a0}%",
    time_units: ["д", "ч", "мин", "с"],
    millis: "мс",
    byte_units: ["Б", "КБ", "МБ", "ГБ", "ТБ"],
};
const ZH: Style = Style {
    group: ",",
    decimal: '.',
    unit_gap: "",
    part_gap: "",
    percent: "%",
    time_units: ["天", "小时", "分钟", "秒"],
    millis: "毫秒",
    byte_units: ["B", "KB", "MB", "GB", "TB"],
};

/// An integer with thousands separators.
pub fn count(n: u64, lang: Lang) -> String {
    group_digits(&n.to_string(), lang.style().group)
}

/// A signed integer with thousands separators.
pub fn signed_count(n: i64, lang: Lang) -> String {
    let body = count(n.unsigned_abs(), lang);
    if n < 0 { format!("-{body}") } else { body }
}

/// A number with `digits` decimals, thousands separators and the language's decimal mark.
/// Not-a-number and infinities are shown as `–`.
pub fn decimal(x: f64, digits: usize, lang: Lang) -> String {
    if !x.is_finite() {
        return "–".to_owned();
    }
    let style = lang.style();
    let text = format!("{:.*}", digits, x.abs());
    let (int, frac) = match text.split_once('.') {
        Some((int, frac)) => (int, Some(frac)),
        None => (text.as_str(), None),
    };
    let mut out = String::new();
    // "-0.0" is shown as "0.0".
    if x < 0.0 && text.bytes().any(|b| b.is_ascii_digit() && b != b'0') {
        out.push('-');
    }
    out.push_str(&group_digits(int, style.group));
    if let Some(frac) = frac {
        out.push(style.decimal);
        out.push_str(frac);
    }
    out
}

/// A ratio (0.125) as a percentage (`12.5%`), rounded to one decimal; the decimal is left
/// out when it is zero (`50%`).
pub fn percent(ratio: f64, lang: Lang) -> String {
    if !ratio.is_finite() {
        return "–".to_owned();
    }
    let style = lang.style();
    let value = ratio * 100.0;
    let rounded = (value * 10.0).round() / 10.0;
    let digits = if rounded.fract() == 0.0 { 0 } else { 1 };
    format!("{}{}", decimal(rounded, digits, lang), style.percent)
}

/// A byte count in decimal units: `512 B`, `2.8 MB`, `1.05 GB`.
pub fn bytes(n: u64, lang: Lang) -> String {
    let style = lang.style();
    if n < 1000 {
        return format!("{}{}{}", n, style.unit_gap_or_space(), style.byte_units[0]);
    }
    let mut value = n as f64;
    let mut unit = 0;
    while value >= 999.95 && unit < style.byte_units.len() - 1 {
        value /= 1000.0;
        unit += 1;
    }
    let digits = if value < 10.0 {
        2
    } else if value < 100.0 {
        1
    } else {
        0
    };
    format!("{}{}{}", decimal(value, digits, lang), style.unit_gap_or_space(), style.byte_units[unit])
}

/// A data rate: bytes per second as `45.2 MB/s`.
pub fn byte_rate(bytes_per_second: f64, lang: Lang) -> String {
    if !bytes_per_second.is_finite() || bytes_per_second < 0.0 {
        return "–".to_owned();
    }
    format!("{}/s", bytes(bytes_per_second.round() as u64, lang))
}

/// A duration in seconds in human units: the two largest units that are not zero, from days
/// down to seconds (`2 d 4 h`, `3 h 12 min`, `35 min`, `42 s`). Under ten seconds one decimal
/// is kept (`0.4 s`); negative durations (out-of-order events) get a minus sign.
pub fn duration(seconds: f64, lang: Lang) -> String {
    if !seconds.is_finite() {
        return "–".to_owned();
    }
    let style = lang.style();
    let [d, h, m, s] = style.time_units;
    let sign = if seconds < 0.0 { "-" } else { "" };
    let abs = seconds.abs();
    if abs < 9.95 {
        let digits = if abs == abs.trunc() { 0 } else { 1 };
        return format!("{sign}{}{}{s}", decimal(abs, digits, lang), style.unit_gap);
    }
    let total = abs.round() as u64;
    let parts = [(total / 86_400, d), ((total % 86_400) / 3600, h), ((total % 3600) / 60, m), (total % 60, s)];
    let first = parts.iter().position(|(value, _)| *value > 0).unwrap_or(3);
    let mut out = String::from(sign);
    out.push_str(&format!("{}{}{}", count(parts[first].0, lang), style.unit_gap, parts[first].1));
    if let Some((value, unit)) = parts.get(first + 1)
        && *value > 0
    {
        out.push_str(&format!("{}{}{}{}", style.part_gap, value, style.unit_gap, unit));
    }
    out
}

/// How long something took to compute: milliseconds under a second (`35 ms`), then as
/// [`duration`] (`1.4 s`, `2 min 5 s`).
pub fn elapsed(seconds: f64, lang: Lang) -> String {
    if seconds.is_finite() && (0.0..0.9995).contains(&seconds) {
        let style = lang.style();
        return format!("{}{}{}", (seconds * 1000.0).round() as u64, style.unit_gap, style.millis);
    }
    duration(seconds, lang)
}

impl Style {
    fn unit_gap_or_space(&self) -> &'static str {
        if self.unit_gap.is_empty() { " " } else { self.unit_gap }
    }
}

fn group_digits(digits: &str, group: &str) -> String {
    let len = digits.len();
    let mut out = String::with_capacity(len + len / 3 * group.len());
    for (i, ch) in digits.chars().enumerate() {
        if i > 0 && (len - i).is_multiple_of(3) {
            out.push_str(group);
        }
        out.push(ch);
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn counts_group_thousands_per_language() {
        assert_eq!(count(0, Lang::En), "0");
        assert_eq!(count(999, Lang::En), "999");
        assert_eq!(count(1000, Lang::En), "1,000");
        assert_eq!(count(21_348, Lang::It), "21.348");
        assert_eq!(count(1_050_000, Lang::Ru), "1\u{a0}050\u{a0}000");
        assert_eq!(count(262_200, Lang::Zh), "262,200");
        assert_eq!(signed_count(-1234, Lang::En), "-1,234");
    }

    #[test]
    fn decimals_use_the_language_mark() {
        assert_eq!(decimal(1234.567, 2, Lang::En), "1,234.57");
        assert_eq!(decimal(1234.567, 1, Lang::It), "1.234,6");
        assert_eq!(decimal(-0.04, 1, Lang::En), "0.0");
        assert_eq!(decimal(-2.5, 1, Lang::Ru), "-2,5");
        assert_eq!(decimal(f64::NAN, 1, Lang::En), "–");
    }

    #[test]
    fn percentages() {
        assert_eq!(percent(0.125, Lang::En), "12.5%");
        assert_eq!(percent(0.125, Lang::It), "12,5%");
        assert_eq!(percent(0.5, Lang::En), "50%");
        assert_eq!(percent(1.0, Lang::Zh), "100%");
        assert_eq!(percent(0.0004, Lang::En), "0%");
        assert_eq!(percent(0.9996, Lang::En), "100%");
    }

    #[test]
    fn byte_sizes() {
        assert_eq!(bytes(0, Lang::En), "0 B");
        assert_eq!(bytes(999, Lang::En), "999 B");
        assert_eq!(bytes(2_827_374, Lang::En), "2.83 MB");
        assert_eq!(bytes(27_550_264, Lang::It), "27,6 MB");
        assert_eq!(bytes(999_999, Lang::En), "1.00 MB");
        assert_eq!(bytes(1_050_000_000, Lang::Ru), "1,05 ГБ");
        assert_eq!(bytes(123_456, Lang::Zh), "123 KB");
        assert_eq!(byte_rate(45_200_000.0, Lang::En), "45.2 MB/s");
    }

    #[test]
    fn durations_show_two_units() {
        assert_eq!(duration(0.0, Lang::En), "0 s");
        assert_eq!(duration(0.42, Lang::En), "0.4 s");
        assert_eq!(duration(42.0, Lang::En), "42 s");
        assert_eq!(duration(35.0 * 60.0, Lang::En), "35 min");
        assert_eq!(duration(35.0 * 60.0 + 7.0, Lang::En), "35 min 7 s");
        assert_eq!(duration(3.0 * 3600.0 + 12.0 * 60.0 + 59.0, Lang::En), "3 h 12 min");
        assert_eq!(duration(2.0 * 86_400.0 + 4.0 * 3600.0, Lang::En), "2 d 4 h");
        assert_eq!(duration(2.0 * 86_400.0 + 59.0, Lang::En), "2 d");
        assert_eq!(duration(1_500.0 * 86_400.0, Lang::En), "1,500 d");
        assert_eq!(duration(-90.0, Lang::En), "-1 min 30 s");
        assert_eq!(duration(2.0 * 86_400.0 + 4.0 * 3600.0, Lang::It), "2 g 4 h");
        assert_eq!(duration(2.0 * 86_400.0 + 4.0 * 3600.0, Lang::Ru), "2 д 4 ч");
        assert_eq!(duration(35.0 * 60.0, Lang::Zh), "35分钟");
        assert_eq!(duration(f64::INFINITY, Lang::En), "–");
    }

    #[test]
    fn elapsed_times() {
        assert_eq!(elapsed(0.0, Lang::En), "0 ms");
        assert_eq!(elapsed(0.0347, Lang::En), "35 ms");
        assert_eq!(elapsed(0.0347, Lang::Zh), "35毫秒");
        assert_eq!(elapsed(0.0347, Lang::Ru), "35 мс");
        assert_eq!(elapsed(1.44, Lang::En), "1.4 s");
        assert_eq!(elapsed(125.0, Lang::En), "2 min 5 s");
    }

    #[test]
    fn language_codes() {
        assert_eq!(Lang::from_code("zh-CN"), Some(Lang::Zh));
        assert_eq!(Lang::from_code("IT"), Some(Lang::It));
        assert_eq!(Lang::from_code("fr"), None);
        for lang in Lang::ALL {
            assert_eq!(Lang::from_code(lang.code()), Some(lang));
        }
    }
}
