//! What the filters can choose from: every column's values, activities and resources with
//! their counts, and the time span of the whole log.

use super::views::{CHOICE_VALUES, ColumnChoice, FilterChoices, ValueCount};
use crate::ingest::timestamp::to_iso;
use crate::log::{EventLog, Id, ValueId};

/// How often each id occurs in `ids`, for ids below `n`.
fn count_ids<I: Id>(ids: impl IntoIterator<Item = I>, n: usize) -> Vec<u64> {
    let mut counts = vec![0u64; n];
    for id in ids {
        if let Some(count) = counts.get_mut(id.index()) {
            *count += 1;
        }
    }
    counts
}

/// The ids that occur, with their counts, the most frequent first (ties by name), at most
/// `limit`.
fn ranked<I: Id>(counts: &[u64], name: impl Fn(I) -> String, limit: usize) -> Vec<ValueCount> {
    let mut list: Vec<ValueCount> = counts
        .iter()
        .enumerate()
        .filter(|(_, n)| **n > 0)
        .map(|(i, n)| ValueCount { value: name(I::from_index(i)), count: *n })
        .collect();
    list.sort_by(|a, b| b.count.cmp(&a.count).then_with(|| a.value.cmp(&b.value)));
    list.truncate(limit);
    list
}

/// What filters can choose from, on the whole log (not the filtered one: a filter can always
/// be widened again).
pub fn filter_choices(log: &EventLog) -> FilterChoices {
    let columns = log
        .attributes
        .iter()
        .map(|a| {
            let counts = count_ids(a.ids.iter().map(ValueId), a.values.len());
            ColumnChoice {
                name: a.name.clone(),
                level: a.level,
                field: a.field,
                distinct: counts.iter().filter(|&&n| n > 0).count() as u64,
                values: ranked(&counts, |v| a.values.get(v).unwrap_or_default().to_owned(), CHOICE_VALUES),
            }
        })
        .collect();
    let span = log.time_span();
    let activities = count_ids(log.activity.iter(), log.activities.len());
    let resources = count_ids(log.resource.iter(), log.resources.len());
    FilterChoices {
        columns,
        activities: ranked(&activities, |a| log.activities.get(a).unwrap_or_default().to_owned(), usize::MAX),
        resources: ranked(&resources, |r| log.resources.get(r).unwrap_or_default().to_owned(), CHOICE_VALUES),
        first: span.map(|(first, _)| to_iso(first)),
        last: span.map(|(_, last)| to_iso(last)),
    }
}
