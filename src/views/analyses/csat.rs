//! Satisfaction (CSAT): scores against the path a case took, by variant, channel, team,
//! number of handoffs, reopening and SLA outcome.

use casemap_engine::filter::Filter;
use casemap_engine::format::{self, Lang};
use casemap_engine::log::ServiceField;
use casemap_engine::service::csat::{CsatReport, Satisfaction, VariantSatisfaction};
use leptos::prelude::*;

use super::common::{I18n, ValueBars, column_of, none_label, pct, percent_text, value_filter};
use crate::context::texts;
use crate::i18n::*;
use crate::protocol::FilterChoices;
use crate::widgets::{Cell, DataTable, Figure, GroupTable, GroupTables, NeedsNotice, Row};

/// The body of the csat analysis.
pub(super) fn csat(i18n: I18n, r: CsatReport, choices: Option<&FilterChoices>, lang: Lang) -> AnyView {
    let plain = |g: &Option<String>| none_label(i18n, g);
    let channel_column = column_of(choices, ServiceField::Channel);
    let team_column = column_of(choices, ServiceField::Team);
    let no_filter = |_: &Option<String>| None;
    let chart: Vec<(String, f64)> = r.by_channel.iter().filter_map(|s| Some((s.group.clone()?, s.mean?))).collect();
    let variants = variant_rows(&r.by_variant);
    let overall = r.overall.clone();
    let threshold = r.threshold;
    view! {
        <NeedsNotice needs=r.needs.clone() />
        {overall
            .map(|o| {
                view! {
                    <div class="figures">
                        <Figure
                            testid="fig-csat-mean"
                            label=t_string!(i18n, csat.mean).to_string()
                            value=o.mean.map_or_else(|| "–".into(), |m| format::decimal(m, 2, lang))
                        />
                        <Figure
                            testid="fig-csat-satisfied"
                            label=t_string!(i18n, csat.satisfied).to_string()
                            value=percent_text(pct(o.satisfied), lang)
                            note=threshold
                                .map(|t| {
                                    t_string!(i18n, csat.threshold, score = format::decimal(t, 0, lang)).to_string()
                                })
                                .unwrap_or_default()
                        />
                        <Figure
                            testid="fig-csat-responses"
                            label=t_string!(i18n, csat.responses).to_string()
                            value=format::count(r.responses.count, lang)
                            note=percent_text(pct(r.responses), lang)
                        />
                    </div>
                }
            })}
        <ValueBars
            testid="chart-csat"
            title=t_string!(i18n, csat.by_channel).to_string()
            items=chart
            format=crate::widgets::Axis::Decimal(lang)
            column=channel_column.clone()
        />
        <DataTable
            hide_empty=true
            heading=t_string!(i18n, csat.by_variant).to_string()
            testid="table-csat-variant"
            headers=std::iter::once(t_string!(i18n, csat.variant).to_string()).chain(columns(i18n)).collect()
            rows=variants
            lang=lang
        />
        <GroupTables
            tables=vec![
                GroupTable {
                    testid: "table-csat-channel",
                    group: t_string!(i18n, roles.channel).to_string(),
                    rows: sat_rows(&r.by_channel, &plain, &|g| value_filter(&channel_column, g)),
                },
                GroupTable {
                    testid: "table-csat-team",
                    group: t_string!(i18n, roles.team).to_string(),
                    rows: sat_rows(&r.by_team, &plain, &|g| value_filter(&team_column, g)),
                },
                GroupTable {
                    testid: "table-csat-handoffs",
                    group: t_string!(i18n, kpis.handoffs).to_string(),
                    rows: sat_rows(&r.by_handoffs, &plain, &no_filter),
                },
                GroupTable {
                    testid: "table-csat-reopen",
                    group: t_string!(i18n, kpis.reopen).to_string(),
                    rows: sat_rows(&r.by_reopen, &|g| yes_no(i18n, g), &no_filter),
                },
                GroupTable {
                    testid: "table-csat-sla",
                    group: t_string!(i18n, kpis.sla).to_string(),
                    rows: sat_rows(&r.by_sla, &|g| yes_no(i18n, g), &no_filter),
                },
            ]
            columns=columns(i18n)
            lang=lang
        />
    }
    .into_any()
}

/// Rows of satisfaction per group: cases, responses, mean score and the share satisfied.
fn sat_rows(
    rows: &[Satisfaction],
    label: &dyn Fn(&Option<String>) -> Cell,
    filter: &dyn Fn(&Option<String>) -> Option<Filter>,
) -> Vec<Row> {
    rows.iter()
        .map(|s| {
            Row::filtering(
                vec![
                    label(&s.group),
                    Cell::Count(s.cases),
                    Cell::Count(s.satisfied.of),
                    Cell::Number(s.mean, 2),
                    Cell::Percent(pct(s.satisfied)),
                ],
                filter(&s.group),
            )
        })
        .collect()
}

/// The name of a yes/no or met/breached group.
fn yes_no(i18n: I18n, group: &Option<String>) -> Cell {
    Cell::Text(match group.as_deref() {
        Some("yes") => t_string!(i18n, csat.reopened).to_string(),
        Some("no") => t_string!(i18n, csat.not_reopened).to_string(),
        Some("met") => t_string!(i18n, sla.met).to_string(),
        Some("breached") => t_string!(i18n, sla.breached).to_string(),
        Some(other) => other.to_owned(),
        None => String::new(),
    })
}

/// The column titles of a satisfaction table after the first (what it groups by).
fn columns(i18n: I18n) -> Vec<String> {
    texts![i18n; analyses.cases, csat.responses, csat.mean, csat.satisfied]
}

/// Satisfaction per variant (path); a click keeps the variant's cases.
fn variant_rows(variants: &[VariantSatisfaction]) -> Vec<Row> {
    variants
        .iter()
        .map(|v| {
            Row::filtering(
                vec![
                    Cell::Text(v.activities.join(" → ")),
                    Cell::Count(v.satisfaction.cases),
                    Cell::Count(v.satisfaction.satisfied.of),
                    Cell::Number(v.satisfaction.mean, 2),
                    Cell::Percent(pct(v.satisfaction.satisfied)),
                ],
                Some(Filter::Variants { variants: vec![v.activities.clone()], exclude: false }),
            )
        })
        .collect()
}
