//! Numbers the way people read them, in each of casemap's four languages.
//!
//! Counts get thousands separators (`21,348` / `21.348` / `21 348`), durations use the two
//! largest units that matter (`2 d 4 h`, `35 min`, `42 s`; whole days from 100 days on),
//! ratios become percentages and byte counts decimal units (`2.8 MB`). The browser app and the
//! CLI share these, so a figure reads the same everywhere. Chart axes write their round ticks
//! with [`duration_tick`] (`6 h`, `2 wk`, `3 mo`).
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
use strum::{IntoStaticStr, VariantArray};

use crate::ticks::{MONTH, TickUnit, WEEK, YEAR};

/// A user-interface language: it decides separators and unit names.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Default, Serialize, Deserialize, VariantArray, IntoStaticStr)]
#[serde(rename_all = "lowercase")]
#[strum(serialize_all = "lowercase")]
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
    /// Every supported language, English first. (The enum's order: strum lists the variants.)
    pub const ALL: &'static [Lang] = <Lang as VariantArray>::VARIANTS;

    /// The language's BCP 47 code (`en`, `it`, `ru`, `zh`).
    pub fn code(self) -> &'static str {
        self.into()
    }

    /// The language for a code such as `it` or `zh-CN` (only the primary subtag counts).
    pub fn from_code(code: &str) -> Option<Lang> {
        let primary = code.split(['-', '_']).next()?.to_ascii_lowercase();
        Lang::ALL.iter().copied().find(|lang| lang.code() == primary)
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
    /// Week, on chart axes (an abbreviation that needs no plural).
    week: &'static str,
    /// Month of 30 days, on chart axes: the forms for 1, for few (Russian 2-4) and for many.
    month: [&'static str; 3],
    /// Year of 365 days, on chart axes: the forms for 1, few and many.
    year: [&'static str; 3],
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
    week: "wk",
    month: ["mo", "mo", "mo"],
    year: ["yr", "yr", "yr"],
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
    week: "sett",
    month: ["mese", "mesi", "mesi"],
    year: ["anno", "anni", "anni"],
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
    week: "нед",
    month: ["мес", "мес", "мес"],
    year: ["год", "года", "лет"],
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
    week: "周",
    month: ["个月", "个月", "个月"],
    year: ["年", "年", "年"],
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

/// From this many days on, a duration is written in whole days (`1,157 d`, not `1,157 d 9 h`):
/// the hours no longer matter, and the figure stays short enough for one line.
pub const WHOLE_DAYS_FROM: u64 = 100;

/// A duration in seconds in human units: the two largest units that are not zero, from days
/// down to seconds (`2 d 4 h`, `3 h 12 min`, `35 min`, `42 s`), whole days from
/// [`WHOLE_DAYS_FROM`] days on (`327,300 d`). Under ten seconds one decimal is kept (`0.4 s`);
/// negative durations (out-of-order events) get a minus sign.
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
        && !(first == 0 && parts[0].0 >= WHOLE_DAYS_FROM)
    {
        out.push_str(&format!("{}{}{}{}", style.part_gap, value, style.unit_gap, unit));
    }
    out
}

/// A change of a duration, signed: `+3 h 10 min`, `-1 d 2 h`.
pub fn signed_duration(seconds: f64, lang: Lang) -> String {
    format!("{}{}", if seconds > 0.0 { "+" } else { "" }, duration(seconds, lang))
}

/// A signed number with so many decimals: `+0.25`, `-1.5`.
pub fn signed_decimal(x: f64, digits: usize, lang: Lang) -> String {
    format!("{}{}", if x > 0.0 { "+" } else { "" }, decimal(x, digits, lang))
}

/// A tick of a duration axis ([`crate::ticks`]) in the unit of its step: `0`, then as
/// [`duration`] for steps up to days (`6 h`, `1 d 12 h`), and in weeks, months of 30 days or
/// years of 365 days for longer steps (`2 wk`, `3 mo`, `5 yr`).
pub fn duration_tick(seconds: f64, unit: TickUnit, lang: Lang) -> String {
    if !seconds.is_finite() {
        return "–".to_owned();
    }
    if seconds.abs() < 1e-9 {
        return "0".to_owned();
    }
    let style = lang.style();
    let whole = |size: f64| (seconds / size).round() as i64;
    let (n, name) = match unit {
        TickUnit::Clock | TickUnit::Number => return duration(seconds, lang),
        TickUnit::Weeks => (whole(WEEK), style.week),
        TickUnit::Months => {
            let n = whole(MONTH);
            (n, style.month[plural_form(n.unsigned_abs(), lang)])
        }
        TickUnit::Years => {
            let n = whole(YEAR);
            (n, style.year[plural_form(n.unsigned_abs(), lang)])
        }
    };
    format!("{}{}{name}", signed_count(n, lang), style.unit_gap)
}

/// Which of a unit's three forms goes with `n`: 0 for one, 1 for few, 2 for many. Russian
/// has all three (1 год, 2 года, 5 лет, 21 год); Italian and English one and many; Chinese
/// one form.
fn plural_form(n: u64, lang: Lang) -> usize {
    match lang {
        Lang::Ru => match (n % 10, n % 100) {
            (1, r) if r != 11 => 0,
            (2..=4, r) if !(12..=14).contains(&r) => 1,
            _ => 2,
        },
        Lang::En | Lang::It => usize::from(n != 1) * 2,
        Lang::Zh => 0,
    }
}

/// Whether a line may break before or after `c` without a space: CJK ideographs, kana and
/// hangul are words of their own.
fn breaks_alone(c: char) -> bool {
    matches!(c as u32, 0x2E80..=0x9FFF | 0xAC00..=0xD7AF | 0xF900..=0xFAFF | 0xFF00..=0xFFEF | 0x20000..=0x2FFFF)
}

/// A label as at most `max_lines` lines no wider than `max_width` (as `measure` finds it),
/// broken only between words: at spaces, and between CJK characters. A label that does not fit
/// ends its last line with `…` after a whole word, so no word is ever cut; only a single word
/// wider than a whole line is shortened (nothing else can make it fit).
///
/// ```
/// use casemap_engine::format::wrap;
///
/// let width = |text: &str| text.chars().count() as f64;
/// let lines = wrap("Information Requested -> Customer Responded", 24.0, 2, &width);
/// assert_eq!(lines, ["Information Requested ->", "Customer Responded"]);
/// assert_eq!(wrap("Information Requested -> Customer Responded", 24.0, 1, &width), ["Information Requested …"]);
/// ```
pub fn wrap(text: &str, max_width: f64, max_lines: usize, measure: &dyn Fn(&str) -> f64) -> Vec<String> {
    // Words, each with the gap before it: a space, or nothing next to a CJK character.
    let mut words: Vec<(&str, String)> = Vec::new();
    for chunk in text.split_whitespace() {
        let mut gap = if words.is_empty() { "" } else { " " };
        let mut word = String::new();
        for c in chunk.chars() {
            if breaks_alone(c) {
                if !word.is_empty() {
                    words.push((gap, std::mem::take(&mut word)));
                    gap = "";
                }
                words.push((gap, c.to_string()));
                gap = "";
            } else {
                word.push(c);
            }
        }
        if !word.is_empty() {
            words.push((gap, word));
        }
    }
    let render = |line: &[(&str, String)]| -> String {
        let mut out = String::new();
        for (i, (gap, word)) in line.iter().enumerate() {
            if i > 0 {
                out.push_str(gap);
            }
            out.push_str(word);
        }
        out
    };
    let max_lines = max_lines.max(1);
    let mut lines: Vec<Vec<(&str, String)>> = vec![Vec::new()];
    for (gap, word) in &words {
        let line = lines.last_mut().expect("one line at least");
        line.push((gap, word.clone()));
        if measure(&render(line)) <= max_width {
            continue;
        }
        line.pop();
        if line.is_empty() || lines.len() == max_lines {
            // A word wider than a whole line, or no line left: the label ends here.
            let mut last = lines.pop().unwrap_or_default();
            let mut out: Vec<String> = lines.iter().map(|l| render(l)).collect();
            if last.is_empty() {
                out.push(shorten(word, max_width, measure));
                return out;
            }
            loop {
                let text = render(&last);
                let gap = if text.chars().last().is_some_and(breaks_alone) { "" } else { " " };
                let candidate = format!("{text}{gap}…");
                if measure(&candidate) <= max_width {
                    out.push(candidate);
                    return out;
                }
                if last.len() <= 1 {
                    // Not even one word and "…" fit: that word is shortened.
                    out.push(shorten(&format!("{text}…"), max_width, measure));
                    return out;
                }
                last.pop();
            }
        }
        lines.push(vec![(*gap, word.clone())]);
        if measure(word) > max_width {
            lines.pop();
            let mut out: Vec<String> = lines.iter().map(|l| render(l)).collect();
            out.push(shorten(word, max_width, measure));
            return out;
        }
    }
    lines.into_iter().filter(|l| !l.is_empty()).map(|l| render(&l)).collect()
}

/// A single word too wide for a line, cut to fit with `…`.
fn shorten(word: &str, max_width: f64, measure: &dyn Fn(&str) -> f64) -> String {
    let chars: Vec<char> = word.chars().collect();
    (1..chars.len())
        .rev()
        .map(|n| format!("{}…", chars[..n].iter().collect::<String>()))
        .find(|candidate| measure(candidate) <= max_width)
        .unwrap_or_else(|| "…".to_owned())
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
        // From 100 days on, whole days: the value stays on one line.
        assert_eq!(duration(99.0 * 86_400.0 + 5.0 * 3600.0, Lang::En), "99 d 5 h");
        assert_eq!(duration(1_157.0 * 86_400.0 + 9.0 * 3600.0, Lang::En), "1,157 d");
        assert_eq!(duration(327_300.0 * 86_400.0 + 21.0 * 3600.0, Lang::En), "327,300 d");
        assert_eq!(duration(-(150.0 * 86_400.0 + 3600.0), Lang::Ru), "-150 д");
        assert_eq!(duration(-90.0, Lang::En), "-1 min 30 s");
        assert_eq!(duration(2.0 * 86_400.0 + 4.0 * 3600.0, Lang::It), "2 g 4 h");
        assert_eq!(duration(2.0 * 86_400.0 + 4.0 * 3600.0, Lang::Ru), "2 д 4 ч");
        assert_eq!(duration(35.0 * 60.0, Lang::Zh), "35分钟");
        assert_eq!(duration(f64::INFINITY, Lang::En), "–");
    }

    #[test]
    fn duration_ticks_read_in_the_unit_of_their_step() {
        use crate::ticks::DAY;
        assert_eq!(duration_tick(0.0, TickUnit::Clock, Lang::En), "0");
        assert_eq!(duration_tick(6.0 * 3600.0, TickUnit::Clock, Lang::En), "6 h");
        assert_eq!(duration_tick(1.5 * DAY, TickUnit::Clock, Lang::En), "1 d 12 h");
        assert_eq!(duration_tick(2.0 * WEEK, TickUnit::Weeks, Lang::En), "2 wk");
        assert_eq!(duration_tick(3.0 * MONTH, TickUnit::Months, Lang::En), "3 mo");
        assert_eq!(duration_tick(1_000.0 * YEAR, TickUnit::Years, Lang::En), "1,000 yr");
        assert_eq!(duration_tick(4.0 * WEEK, TickUnit::Weeks, Lang::It), "4 sett");
        assert_eq!(duration_tick(MONTH, TickUnit::Months, Lang::It), "1 mese");
        assert_eq!(duration_tick(6.0 * MONTH, TickUnit::Months, Lang::It), "6 mesi");
        assert_eq!(duration_tick(YEAR, TickUnit::Years, Lang::It), "1 anno");
        assert_eq!(duration_tick(2.0 * WEEK, TickUnit::Weeks, Lang::Ru), "2 нед");
        assert_eq!(duration_tick(YEAR, TickUnit::Years, Lang::Ru), "1 год");
        assert_eq!(duration_tick(2.0 * YEAR, TickUnit::Years, Lang::Ru), "2 года");
        assert_eq!(duration_tick(5.0 * YEAR, TickUnit::Years, Lang::Ru), "5 лет");
        assert_eq!(duration_tick(11.0 * YEAR, TickUnit::Years, Lang::Ru), "11 лет");
        assert_eq!(duration_tick(21.0 * YEAR, TickUnit::Years, Lang::Ru), "21 год");
        assert_eq!(duration_tick(3.0 * MONTH, TickUnit::Months, Lang::Zh), "3个月");
        assert_eq!(duration_tick(2.0 * WEEK, TickUnit::Weeks, Lang::Zh), "2周");
        assert_eq!(duration_tick(f64::NAN, TickUnit::Weeks, Lang::En), "–");
    }

    #[test]
    fn labels_wrap_between_words_and_never_cut_one() {
        let width = |text: &str| text.chars().count() as f64;
        let label = "Information Requested -> Customer Responded";
        assert_eq!(wrap(label, 100.0, 2, &width), [label]);
        assert_eq!(wrap(label, 30.0, 2, &width), ["Information Requested ->", "Customer Responded"]);
        assert_eq!(wrap(label, 22.0, 2, &width), ["Information Requested", "-> Customer Responded"]);
        // Too long for two lines: the second ends with "…" after a whole word.
        assert_eq!(wrap(label, 16.0, 2, &width), ["Information", "Requested -> …"]);
        assert_eq!(wrap(label, 13.0, 1, &width), ["Information …"]);
        assert_eq!(wrap(label, 12.0, 1, &width), ["Information…"]);
        // Every line is a run of whole words of the label.
        for max in 12..60 {
            for lines in 1..4 {
                let wrapped = wrap(label, max as f64, lines, &width);
                assert!(wrapped.len() <= lines && wrapped.iter().all(|l| width(l) <= max as f64), "{wrapped:?}");
                let shown = wrapped.join(" ");
                let shown = shown.trim_end_matches('…').trim_end();
                assert!(label.starts_with(shown), "{shown:?}");
                let next = label[shown.len()..].chars().next();
                assert!(next.is_none() || next == Some(' '), "{max}: {wrapped:?} cuts a word");
            }
        }
        // A single word wider than a line is the only thing shortened.
        assert_eq!(wrap("Afgehandeld_definitief", 10.0, 2, &width), ["Afgehande…"]);
        assert_eq!(wrap("", 10.0, 2, &width), Vec::<String>::new());
        // Chinese breaks between characters, without spaces.
        assert_eq!(wrap("等待客户回复的时间", 4.0, 3, &width), ["等待客户", "回复的时", "间"]);
        assert_eq!(wrap("等待客户回复的时间", 4.0, 2, &width), ["等待客户", "回复的…"]);
        assert_eq!(wrap("案例 Resolved 已关闭", 9.0, 3, &width), ["案例", "Resolved", "已关闭"]);
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
        for &lang in Lang::ALL {
            assert_eq!(Lang::from_code(lang.code()), Some(lang));
        }
    }
}
