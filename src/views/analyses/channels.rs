//! Channels: per channel the cases, resolution time, SLA, first-contact resolution,
//! escalations and satisfaction, channel switches, and each channel's most frequent paths.

use casemap_engine::format::{self, Lang};
use casemap_engine::log::ServiceField;
use casemap_engine::service::channels::ChannelReport;
use leptos::prelude::*;

use super::common::{
    I18n, ValueBars, column_of, duration_axis, median, none_label, pct, percent_text, resolution_unknown, value_filter,
};
use crate::context::texts;
use crate::i18n::*;
use crate::protocol::FilterChoices;
use crate::widgets::{Cell, DataTable, Figure, NeedsNotice, Row};

/// The body of the channels analysis.
pub(super) fn channels(i18n: I18n, mut r: ChannelReport, choices: Option<&FilterChoices>, lang: Lang) -> AnyView {
    let unknown = resolution_unknown(&r.needs);
    r.rows.iter_mut().filter(|_| unknown).for_each(|row| (row.resolution, row.sla.compliance) = (None, None));
    let column = column_of(choices, ServiceField::Channel);
    let chart: Vec<(String, f64)> =
        r.rows.iter().filter_map(|row| Some((row.value.clone()?, row.resolution?.median))).collect();
    let rows: Vec<Row> = r
        .rows
        .iter()
        .map(|row| {
            Row::filtering(
                vec![
                    none_label(i18n, &row.value),
                    Cell::Count(row.cases),
                    Cell::Share(row.share),
                    Cell::Duration(median(&row.resolution)),
                    Cell::Percent(row.sla.compliance),
                    Cell::Percent(row.fcr.and_then(pct)),
                    Cell::Percent(pct(row.escalated)),
                    Cell::Number(row.csat, 2),
                ],
                value_filter(&column, &row.value),
            )
        })
        .collect();
    let has_rows = !r.rows.is_empty();
    let variants = r
        .rows
        .iter()
        .map(|row| {
            let name = row.value.clone().unwrap_or_else(|| t_string!(i18n, analyses.no_value).to_string());
            let paths = row
                .top_variants
                .iter()
                .map(|v| {
                    view! {
                        <li>
                            <span class="num">{format::count(v.cases, lang)}</span>
                            " · "
                            {v.activities.join(" → ")}
                        </li>
                    }
                })
                .collect_view();
            view! {
                <div class="channel-variants">
                    <h4>{name}</h4>
                    <ol>{paths}</ol>
                </div>
            }
        })
        .collect_view();
    view! {
        <NeedsNotice needs=r.needs.clone() />
        <div class="figures">
            <Figure
                testid="fig-switches"
                label=t_string!(i18n, channels.switches).to_string()
                value=r
                    .switches
                    .map_or_else(|| t_string!(i18n, channels.no_switches).to_string(), |s| percent_text(pct(s), lang))
                note=r
                    .switches
                    .map(|s| t_string!(i18n, analyses.n_cases, count = format::count(s.count, lang)).to_string())
                    .unwrap_or_default()
            />
        </div>
        <ValueBars
            testid="chart-channels"
            title=t_string!(i18n, channels.chart).to_string()
            items=chart
            format=duration_axis(lang)
            column=column.clone()
        />
        <DataTable
            hide_empty=true
            testid="table-channels"
            headers=texts![
                i18n; roles.channel, analyses.cases, analyses.share, analyses.median_resolution, kpis.sla, kpis.fcr, kpis.escalation, roles.csat
            ]
            rows=rows
            lang=lang
        />
        {has_rows
            .then(|| {
                view! {
                    <h3>{t!(i18n, channels.variants)}</h3>
                    <div class="channel-variant-list">{variants}</div>
                }
            })}
    }
    .into_any()
}
