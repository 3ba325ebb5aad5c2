//! "Where cases wait": transitions and activities ranked by their waiting time, the waits after
//! a resolution apart (an automatic closure days later is no wait of the customer's), and the
//! open cases that do not move.

use casemap_engine::filter::{Filter, Presence};
use casemap_engine::format::{self, Lang};
use casemap_engine::service::Need;
use casemap_engine::service::bottlenecks::{BottleneckReport, Transition};
use leptos::prelude::*;

use super::common::{I18n, duration_axis, percent_text, resolution_unknown};
use crate::context::texts;
use crate::i18n::*;
use crate::widgets::{BarChart, Cell, DataTable, Figure, NeedsNotice, Row};

/// The filter that keeps the cases that took a transition.
fn followed_by(t: &Transition) -> Filter {
    Filter::FollowedBy { from: t.from.clone(), to: t.to.clone(), directly: true, within_s: None, exclude: false }
}

fn transition_row(t: &Transition) -> Row {
    Row::filtering(
        vec![
            Cell::Text(format!("{} → {}", t.from, t.to)),
            Cell::Count(t.frequency),
            Cell::Duration(Some(t.waiting.median)),
            Cell::Duration(Some(t.waiting.total)),
            Cell::Share(t.share_of_case_time),
        ],
        Some(followed_by(t)),
    )
}

fn transition_headers(i18n: I18n) -> Vec<String> {
    texts![i18n; analyses.transition, analyses.times, analyses.median_wait, analyses.total_wait, analyses.share_of_time]
}

/// The waits that leave a resolution or a closure, apart from the ranking, with what they are.
fn after_resolution(i18n: I18n, transitions: &[Transition], lang: Lang) -> Option<AnyView> {
    let rows: Vec<Row> = transitions.iter().map(transition_row).collect();
    (!rows.is_empty()).then(|| {
        view! {
            <section class="after-resolution" data-testid="after-resolution">
                <h3>{t!(i18n, analyses.after_resolution)}</h3>
                <p class="muted" data-testid="after-resolution-note">
                    {t!(i18n, analyses.after_resolution_note)}
                </p>
                <DataTable testid="table-after-resolution" headers=transition_headers(i18n) rows=rows lang=lang />
            </section>
        }
        .into_any()
    })
}

/// The open cases that do not move, or why there is no such list.
fn stuck(i18n: I18n, r: &BottleneckReport, unknown: bool, lang: Lang) -> AnyView {
    if unknown {
        return view! {
            <p class="muted" data-testid="no-stuck">
                {t!(i18n, analyses.open_unknown)}
            </p>
        }
        .into_any();
    }
    if r.stuck.is_empty() {
        return view! {
            <p class="muted" data-testid="no-stuck">
                {t!(i18n, analyses.none_stuck)}
            </p>
        }
        .into_any();
    }
    let rows: Vec<Row> = r
        .stuck
        .iter()
        .map(|s| {
            Row::filtering(
                vec![
                    Cell::Text(s.case.clone()),
                    Cell::Text(s.last_activity.clone()),
                    Cell::Duration(Some(s.idle_s)),
                    Cell::Duration(Some(s.age_s)),
                ],
                Some(Filter::Cases { ids: vec![s.case.clone()], exclude: false }),
            )
        })
        .collect();
    let headers = texts![i18n; analyses.case, analyses.last_activity, analyses.idle, analyses.age];
    view! { <DataTable testid="table-stuck" headers=headers rows=rows lang=lang /> }.into_any()
}

/// The body of "Where cases wait".
pub(super) fn bottlenecks(i18n: I18n, r: BottleneckReport, lang: Lang) -> AnyView {
    let unknown = resolution_unknown(&r.needs);
    let chart: Vec<(String, f64)> =
        r.by_total.iter().take(10).map(|t| (format!("{} → {}", t.from, t.to), t.waiting.total)).collect();
    let chart_filters: Vec<Option<Filter>> = r.by_total.iter().take(10).map(|t| Some(followed_by(t))).collect();
    let activities: Vec<Row> = r
        .activities
        .iter()
        .map(|w| {
            Row::filtering(
                vec![
                    Cell::Text(w.activity.clone()),
                    Cell::Duration(w.waiting.map(|s| s.median)),
                    Cell::Duration(w.waiting.map(|s| s.total)),
                    Cell::Share(w.share_of_case_time),
                    Cell::Duration(w.working.map(|s| s.median)),
                ],
                Some(Filter::Activities { activities: vec![w.activity.clone()], mode: Presence::Any }),
            )
        })
        .collect();
    let activity_headers = texts![i18n; analyses.activity, analyses.median_wait_before, analyses.total_wait_before, analyses.share_of_time, analyses.median_working];
    // Start times have their own line below the figures.
    let needs: Vec<Need> = r.needs.iter().copied().filter(|n| *n != Need::StartTime).collect();
    let (open, open_note) = if unknown {
        ("–".to_owned(), t_string!(i18n, kpis.why_resolution).to_string())
    } else {
        (format::count(r.open, lang), String::new())
    };
    let ww = r.waiting_working;
    let working_note = ww
        .map(|w| {
            let (working, waiting) = (format::duration(w.working_s, lang), format::duration(w.waiting_s, lang));
            t_string!(i18n, analyses.working_waiting, working = working, waiting = waiting).to_string()
        })
        .unwrap_or_default();
    view! {
        <NeedsNotice needs=needs />
        <div class="figures">
            <Figure
                testid="fig-total-time"
                label=t_string!(i18n, analyses.total_case_time).to_string()
                value=format::duration(r.total_case_time_s, lang)
            />
            <Figure
                testid="fig-open"
                label=t_string!(i18n, analyses.open_cases).to_string()
                value=open
                note=open_note
            />
            {ww
                .map(|w| {
                    view! {
                        <Figure
                            testid="fig-working"
                            label=t_string!(i18n, analyses.working_share).to_string()
                            value=percent_text(w.median_working_share, lang)
                            note=working_note
                        />
                    }
                })}
        </div>
        {ww
            .is_none()
            .then(|| {
                view! {
                    <p class="muted" data-testid="needs-start">
                        {t!(i18n, analyses.needs_start_times)}
                    </p>
                }
            })}
        <BarChart
            testid="chart-bottlenecks"
            title=t_string!(i18n, analyses.longest_total).to_string()
            items=chart
            format=duration_axis(lang)
            filters=chart_filters
        />
        <h3>{t!(i18n, analyses.by_total)}</h3>
        <DataTable
            testid="table-by-total"
            headers=transition_headers(i18n)
            rows=r.by_total.iter().map(transition_row).collect()
            lang=lang
        />
        <h3>{t!(i18n, analyses.by_median)}</h3>
        <DataTable
            testid="table-by-median"
            headers=transition_headers(i18n)
            rows=r.by_median.iter().map(transition_row).collect()
            lang=lang
        />
        {after_resolution(i18n, &r.after_resolution, lang)}
        <h3>{t!(i18n, analyses.activity_waits)}</h3>
        <DataTable testid="table-activities" headers=activity_headers rows=activities lang=lang />
        <h3>{t!(i18n, analyses.stuck)}</h3>
        {stuck(i18n, &r, unknown, lang)}
    }
    .into_any()
}
