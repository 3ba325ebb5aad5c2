//! Times of the case list and the timeline, as the log wrote them (its own clock; no zone
//! games).

use leptos::prelude::*;

/// `2024-01-05T10:22:00Z` -> `2024-01-05 10:22:00` (the log's own clock; no zone games).
pub(super) fn readable_time(iso: &str) -> String {
    iso.trim_end_matches('Z').replacen('T', " ", 1)
}

/// A time as a date and a clock time that a narrow column may put on two lines.
pub(super) fn time_parts(iso: &str) -> impl IntoView + use<> {
    let time = readable_time(iso);
    let (date, clock) =
        time.split_once(' ').map_or((time.clone(), String::new()), |(d, c)| (d.to_owned(), c.to_owned()));
    view! {
        <span class="nowrap">{date}</span>
        " "
        <span class="nowrap">{clock}</span>
    }
}

/// A time as the list shows it: to the minute (the full time is in the cell's title).
pub(super) fn short_time(iso: &str) -> String {
    readable_time(iso).chars().take(16).collect()
}
