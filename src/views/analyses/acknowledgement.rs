//! First response: time from a case's creation to its first acknowledgement and to its first
//! agent, the share answered within fixed limits, a histogram and the times per segment.

use casemap_engine::format::{self, Lang};
use casemap_engine::log::ServiceField;
use casemap_engine::service::acknowledgement::AckReport;
use leptos::prelude::*;

use super::common::{I18n, column_of, count_axis, duration_text, median, none_label, pct, percent_text, value_filter};
use crate::context::texts;
use crate::i18n::*;
use crate::protocol::FilterChoices;
use crate::widgets::{BarChart, Cell, Figure, GroupTable, GroupTables, NeedsNotice, Row};

/// The body of the acknowledgement analysis.
pub(super) fn acknowledgement(i18n: I18n, r: AckReport, choices: Option<&FilterChoices>, lang: Lang) -> AnyView {
    let hist: Vec<(String, f64)> = r
        .histogram
        .iter()
        .map(|b| {
            let label = if b.from >= 86_400.0 {
                format!("≥ {}", format::duration(86_400.0, lang))
            } else {
                format!("{}–{}", format::duration(b.from, lang), format::duration(b.to, lang))
            };
            (label, b.cases as f64)
        })
        .collect();
    let seg_rows = |rows: &[casemap_engine::service::acknowledgement::SegmentAck], field: ServiceField| -> Vec<Row> {
        let column = column_of(choices, field);
        rows.iter()
            .map(|s| {
                Row::filtering(
                    vec![
                        none_label(i18n, &s.value),
                        Cell::Count(s.cases),
                        Cell::Duration(median(&s.acknowledgement)),
                        Cell::Duration(s.acknowledgement.map(|d| d.p90)),
                        Cell::Duration(median(&s.first_agent)),
                    ],
                    value_filter(&column, &s.value),
                )
            })
            .collect()
    };
    let columns = texts![i18n; analyses.cases, ack.median, ack.p90, ack.first_agent];
    let within = r.within.clone();
    let limits = ["1 h", "4 h", "1 d", "3 d"];
    let by_channel = seg_rows(&r.by_channel, ServiceField::Channel);
    let by_priority = seg_rows(&r.by_priority, ServiceField::Priority);
    view! {
        <NeedsNotice needs=r.needs.clone() />
        <div class="figures">
            <Figure
                testid="fig-ack-median"
                label=t_string!(i18n, ack.median).to_string()
                value=duration_text(median(&r.acknowledgement), lang)
                note=r
                    .acknowledgement
                    .map_or_else(
                        || t_string!(i18n, kpis.why_ack).to_string(),
                        |d| t_string!(i18n, ack.p90_note, time = format::duration(d.p90, lang)).to_string(),
                    )
            />
            <Figure
                testid="fig-first-agent"
                label=t_string!(i18n, ack.first_agent).to_string()
                value=duration_text(median(&r.first_agent), lang)
            />
            {within
                .iter()
                .zip([3600.0, 4.0 * 3600.0, 86_400.0, 3.0 * 86_400.0])
                .zip(limits)
                .map(|((rate, limit), id)| {
                    view! {
                        <Figure
                            testid="fig-ack-within"
                            label=t_string!(i18n, ack.within, time = format::duration(limit, lang)).to_string()
                            value=percent_text(pct(*rate), lang)
                            note=id.to_owned()
                        />
                    }
                })
                .collect_view()}
        </div>
        <BarChart
            testid="chart-ack"
            title=t_string!(i18n, ack.histogram).to_string()
            items=hist
            format=count_axis(lang)
        />
        <GroupTables
            tables=vec![
                GroupTable {
                    testid: "table-ack-channel",
                    group: t_string!(i18n, roles.channel).to_string(),
                    rows: by_channel,
                },
                GroupTable {
                    testid: "table-ack-priority",
                    group: t_string!(i18n, roles.priority).to_string(),
                    rows: by_priority,
                },
            ]
            columns=columns
            lang=lang
        />
    }
    .into_any()
}
