//! A loaded log: its figures, and the rows that were skipped, by reason, with their row
//! numbers and a download of them all.

use casemap_engine::format;
use casemap_engine::ingest::SkipReason;
use leptos::prelude::*;

use crate::context::use_lang;
use crate::i18n::*;
use crate::names::source_name;
use crate::state::{JobView, use_app_state};
use crate::views::messages::{skip_reason_name, warning_message};
use crate::widgets::{BackToMapping, ChooseAnother};

/// Skipped rows shown per reason (all of them are in the download).
const SHOWN_PER_REASON: usize = 5;

/// The date of an ISO 8601 time (`2024-01-05T10:22:00Z` -> `2024-01-05`).
fn date_of(iso: &str) -> String {
    iso.get(..10).unwrap_or(iso).to_owned()
}

/// The loaded log.
#[component]
pub fn LoadedLog() -> impl IntoView {
    let i18n = use_i18n();
    let lang = use_lang();
    let state = use_app_state();
    let JobView::Loaded { source, report, back } = state.job.get_untracked() else {
        return ().into_any();
    };
    let report = StoredValue::new(*report);
    let can_go_back = back.is_some();
    let summary = report.with_value(|r| r.summary.clone());
    let span = match (&summary.first, &summary.last) {
        (Some(first), Some(last)) => Some((date_of(first), date_of(last))),
        _ => None,
    };
    let count = move |n: u64| format::count(n, lang());
    let rows = report.with_value(|r| r.rows);
    let skipped_total = report.with_value(|r| r.skipped.total);
    let skipped_text = move || {
        let (skipped, rows) = (count(skipped_total), count(rows));
        t_string!(i18n, loaded.skipped_some, count = skipped_total, skipped = skipped, rows = rows).to_string()
    };
    let seconds = report.with_value(|r| r.seconds);
    let parts = report.with_value(|r| r.parts);
    let memory = report.with_value(|r| r.memory);
    let collapsed = report.with_value(|r| r.collapsed);
    let warnings = report.with_value(|r| r.warnings.clone());
    let (events, cases, activities, resources) = (summary.events, summary.cases, summary.activities, summary.resources);
    view! {
        <div class="panel" data-testid="job-done" data-worker-memory=memory>
            <h2 class="panel-title">
                {move || t_string!(i18n, loaded.title, name = source_name(i18n, &source)).to_string()}
            </h2>
            <dl class="facts">
                <Fact label=move || t_string!(i18n, loaded.events).to_string() testid="fact-events">
                    {move || count(events)}
                </Fact>
                <Fact label=move || t_string!(i18n, loaded.cases).to_string() testid="fact-cases">
                    {move || count(cases)}
                </Fact>
                <Fact label=move || t_string!(i18n, loaded.activities).to_string() testid="fact-activities">
                    {move || count(activities)}
                </Fact>
                <Fact label=move || t_string!(i18n, loaded.resources).to_string() testid="fact-resources">
                    {move || count(resources)}
                </Fact>
                <Fact label=move || t_string!(i18n, loaded.time_span).to_string() testid="fact-span" wide=true>
                    {span.clone().map(|(first, last)| format!("{first} – {last}")).unwrap_or_default()}
                </Fact>
                <Fact label=move || t_string!(i18n, loaded.read_in).to_string() testid="fact-seconds">
                    {move || format::elapsed(seconds, lang())}
                    <Show when=move || { parts > 1 }>
                        <span class="fact-note" data-testid="fact-parts">
                            {move || {
                                t_string!(i18n, loaded.in_parallel, count = parts, n = count(u64::from(parts)))
                                    .to_string()
                            }}
                        </span>
                    </Show>
                </Fact>
            </dl>
            {warnings
                .into_iter()
                .map(|warning| {
                    view! {
                        <p class="notice notice-warning" data-testid="loaded-warning">
                            {move || warning_message(i18n, &warning)}
                        </p>
                    }
                })
                .collect_view()}
            <Show when=move || { collapsed > 0 }>
                <p class="notice notice-ok" data-testid="collapsed">
                    {move || t_string!(i18n, loaded.collapsed, count = collapsed, n = count(collapsed)).to_string()}
                </p>
            </Show>
            <div class="skipped" data-testid="skipped">
                <Show
                    when=move || { skipped_total > 0 }
                    fallback=move || {
                        view! {
                            <p class="notice notice-ok" data-testid="skipped-none">
                                {move || {
                                    t_string!(i18n, loaded.skipped_none, count = rows, rows = count(rows)).to_string()
                                }}
                            </p>
                        }
                    }
                >
                    <p class="notice notice-warning" data-testid="skipped-some">
                        {skipped_text}
                    </p>
                    <SkippedTable report />
                    <button
                        type="button"
                        class="button button-secondary"
                        data-testid="download-skipped"
                        on:click=move |_| state.download_skipped()
                    >
                        {t!(i18n, loaded.download_skipped)}
                    </button>
                </Show>
            </div>
            <div class="panel-actions">
                <Show when=move || can_go_back>
                    <BackToMapping />
                </Show>
                <ChooseAnother primary=false />
            </div>
        </div>
    }
    .into_any()
}

/// The skipped rows by reason: how many, and the first of each with row, column and value.
#[component]
fn SkippedTable(report: StoredValue<crate::protocol::ImportReport>) -> impl IntoView {
    let i18n = use_i18n();
    let lang = use_lang();
    let by_reason: Vec<(SkipReason, u64)> =
        report.with_value(|r| r.skipped.by_reason.iter().map(|(k, v)| (*k, *v)).collect());
    view! {
        <table class="skipped-table" data-testid="skipped-table">
            <thead>
                <tr>
                    <th scope="col">{t!(i18n, loaded.reason)}</th>
                    <th scope="col">{t!(i18n, loaded.row)}</th>
                    <th scope="col">{t!(i18n, loaded.column)}</th>
                    <th scope="col">{t!(i18n, loaded.value)}</th>
                </tr>
            </thead>
            <tbody>
                {by_reason
                    .into_iter()
                    .map(|(reason, total)| {
                        let examples: Vec<_> = report
                            .with_value(|r| {
                                r.skipped
                                    .examples
                                    .iter()
                                    .filter(|e| e.reason == reason)
                                    .take(SHOWN_PER_REASON)
                                    .cloned()
                                    .collect()
                            });
                        let shown = examples.len() as u64;
                        view! {
                            <tr class="skipped-reason" data-testid="skipped-reason">
                                <th scope="rowgroup" colspan="4">
                                    {move || skip_reason_name(i18n, reason)}
                                    " · "
                                    <span data-testid="skipped-count">{move || format::count(total, lang())}</span>
                                </th>
                            </tr>
                            {examples
                                .into_iter()
                                .map(|example| {
                                    view! {
                                        <tr data-testid="skipped-row">
                                            <td></td>
                                            <td class="number">{move || format::count(example.row, lang())}</td>
                                            <td>{example.column.clone().unwrap_or_default()}</td>
                                            <td>
                                                {if example.value.is_empty() {
                                                    view! {
                                                        <span class="empty-value">{t!(i18n, loaded.empty_value)}</span>
                                                    }
                                                        .into_any()
                                                } else {
                                                    view! { <code>{example.value.clone()}</code> }.into_any()
                                                }}
                                            </td>
                                        </tr>
                                    }
                                })
                                .collect_view()}
                            <Show when=move || { total > shown }>
                                <tr>
                                    <td></td>
                                    <td colspan="3" class="more">
                                        {move || {
                                            t_string!(
                                                i18n, loaded.more_rows, count = format::count(total - shown, lang())
                                            )
                                                .to_string()
                                        }}
                                    </td>
                                </tr>
                            </Show>
                        }
                    })
                    .collect_view()}
            </tbody>
        </table>
    }
}

#[component]
fn Fact(
    label: impl Fn() -> String + Send + 'static,
    testid: &'static str,
    #[prop(optional)] wide: bool,
    children: Children,
) -> impl IntoView {
    view! {
        <div class="fact" class:fact-wide=wide data-testid=testid>
            <dt>{label}</dt>
            <dd>{children()}</dd>
        </div>
    }
}
