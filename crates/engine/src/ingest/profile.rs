//! Column profiles: what the sample rows tell about each column on its own (how many values
//! are missing or distinct, whether they read as times, numbers, flags or identifiers).
//!
//! [`inspect`](super::inspect) profiles every column once; the [`shape`](super::shape) of the
//! file and the [`guess`](super::guess) of the mapping are worked out from the profiles, and
//! [`Mapping::assign`](super::Mapping::assign) takes a new time column's format from its
//! profile.

use serde::{Deserialize, Serialize};

use super::timestamp::{Inference, infer_format};

/// What the sample rows tell about one column.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct ColumnProfile {
    /// The header name.
    pub name: String,
    /// Sample values that are not missing.
    pub present: usize,
    /// Sample values that are missing.
    pub missing: usize,
    /// Distinct non-missing sample values.
    pub distinct: usize,
    /// How the values read as timestamps, when most of them do.
    pub time: Option<Inference>,
    /// True when every present value is a number.
    pub numeric: bool,
    /// True when every present value is a yes/no flag (yes, no, true, false, 1, 0, y, n).
    pub flag: bool,
    /// Up to three distinct example values.
    pub examples: Vec<String>,
    /// True when nearly every value looks like an identifier: short, with no spaces
    /// (`INC0010045`, `HADOOP-1234`, `4711`), unlike names, addresses or free text.
    #[serde(default)]
    pub id_like: bool,
}

impl ColumnProfile {
    /// Profiles a column from its sample values (`None` = missing).
    pub fn new<'a>(name: &str, values: impl IntoIterator<Item = Option<&'a str>>) -> ColumnProfile {
        let mut present = Vec::new();
        let mut missing = 0;
        for value in values {
            match value {
                Some(value) => present.push(value),
                None => missing += 1,
            }
        }
        let mut distinct: Vec<&str> = present.clone();
        distinct.sort_unstable();
        distinct.dedup();
        // Most values must read as times (a few bad ones are skipped rows, not a text column).
        let time = infer_format(present.iter().copied()).filter(|inference| inference.coverage() >= 0.8);
        let numeric = !present.is_empty() && present.iter().all(|v| v.trim().parse::<f64>().is_ok());
        let flag = !present.is_empty()
            && present.iter().all(|v| {
                matches!(
                    v.trim().to_ascii_lowercase().as_str(),
                    "yes" | "no" | "true" | "false" | "1" | "0" | "y" | "n"
                )
            });
        let mut examples = Vec::new();
        for value in &present {
            if examples.len() == 3 {
                break;
            }
            if !examples.iter().any(|e: &String| e == value) {
                examples.push((*value).to_owned());
            }
        }
        let short_words = present.iter().filter(|v| v.len() <= 40 && !v.trim().contains(char::is_whitespace)).count();
        let id_like = !present.is_empty() && short_words * 10 >= present.len() * 9;
        ColumnProfile {
            id_like,
            name: name.to_owned(),
            present: present.len(),
            missing,
            distinct: distinct.len(),
            time,
            numeric,
            flag,
            examples,
        }
    }

    /// True when most values read as times.
    pub fn is_time(&self) -> bool {
        self.time.is_some()
    }
}
