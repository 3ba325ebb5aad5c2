//! "Rework and reopens": activities done more than once in a case, reopened cases, resolution
//! times with and without rework, and what was done last before a reopening.

use casemap_engine::filter::{Filter, Presence};
use casemap_engine::format::{self, Lang};
use casemap_engine::service::rework::ReworkReport;
use leptos::prelude::*;

use super::common::{I18n, by_label, count_axis, median, pct, percent_text, resolution_figure, resolution_unknown};
use crate::context::texts;
use crate::i18n::*;
use crate::widgets::{BarChart, Cell, DataTable, Figure, NeedsNotice, Row};

/// The body of the rework analysis.
pub(super) fn rework(i18n: I18n, r: ReworkReport, lang: Lang) -> AnyView {
    let unknown = resolution_unknown(&r.needs);
    let with_rework = resolution_figure(i18n, unknown, median(&r.with_rework), String::new(), lang);
    let without_rework = resolution_figure(i18n, unknown, median(&r.without_rework), String::new(), lang);
    let chart: Vec<(String, f64)> =
        r.activities.iter().filter(|a| a.cases > 0).take(12).map(|a| (a.activity.clone(), a.cases as f64)).collect();
    let rows: Vec<Row> = r
        .activities
        .iter()
        .map(|a| {
            Row::filtering(
                vec![
                    Cell::Text(a.activity.clone()),
                    Cell::Count(a.cases),
                    Cell::Count(a.extra_events),
                    Cell::Count(a.self_loops),
                ],
                Some(Filter::Activities { activities: vec![a.activity.clone()], mode: Presence::Any }),
            )
        })
        .collect();
    let before: Vec<Row> =
        r.before_reopen.iter().map(|b| Row::new(vec![Cell::Text(b.activity.clone()), Cell::Count(b.count)])).collect();
    view! {
        <NeedsNotice needs=r.needs.clone() />
        <div class="figures">
            <Figure
                testid="fig-rework"
                label=t_string!(i18n, kpis.rework).to_string()
                value=percent_text(pct(r.rate), lang)
                note=t_string!(i18n, analyses.n_cases, count = format::count(r.rate.count, lang)).to_string()
            />
            {r
                .reopened
                .map(|re| {
                    view! {
                        <Figure
                            testid="fig-reopened"
                            label=t_string!(i18n, kpis.reopen).to_string()
                            value=percent_text(pct(re), lang)
                            note=t_string!(i18n, analyses.n_cases, count = format::count(re.count, lang)).to_string()
                        />
                    }
                })}
            <Figure
                testid="fig-with-rework"
                label=t_string!(i18n, rework.with).to_string()
                value=with_rework.0
                note=with_rework.1
            />
            <Figure
                testid="fig-without-rework"
                label=t_string!(i18n, rework.without).to_string()
                value=without_rework.0
                note=without_rework.1
            />
        </div>
        <BarChart
            testid="chart-rework"
            title=t_string!(i18n, rework.per_activity).to_string()
            items=chart.clone()
            format=count_axis(lang)
            filters=by_label(
                &chart,
                |a| Some(Filter::Activities {
                    activities: vec![a.to_owned()],
                    mode: Presence::Any,
                }),
            )
        />
        <DataTable
            testid="table-rework"
            headers=texts![i18n; analyses.activity, rework.cases, rework.extra, rework.loops]
            rows=rows
            lang=lang
        />
        {(!before.is_empty())
            .then(|| {
                view! {
                    <h3>{t!(i18n, rework.before_reopen)}</h3>
                    <DataTable
                        testid="table-before-reopen"
                        headers=texts![i18n; analyses.activity, analyses.times]
                        rows=before
                        lang=lang
                    />
                }
            })}
    }
    .into_any()
}
