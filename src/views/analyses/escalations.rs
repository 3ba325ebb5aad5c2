//! Escalations: the escalation rate, resolution times of escalated cases and the others, how
//! soon cases escalate, what precedes an escalation, and the rate per segment.

use casemap_engine::format::{self, Lang};
use casemap_engine::service::escalations::EscalationReport;
use leptos::prelude::*;

use super::common::{
    I18n, by_label, column_of, duration_text, in_order, median, pct, percent_axis, rate_figure, resolution_figure,
    resolution_unknown, segment_field, segment_filter, segment_name, segment_rows,
};
use crate::context::texts;
use crate::i18n::*;
use crate::protocol::FilterChoices;
use crate::widgets::{BarChart, Cell, DataTable, Figure, NeedsNotice, Row};

/// The body of the escalations analysis.
pub(super) fn escalations(i18n: I18n, r: EscalationReport, choices: Option<&FilterChoices>, lang: Lang) -> AnyView {
    let unknown = resolution_unknown(&r.needs);
    let rate = rate_figure(
        r.rate.and_then(pct),
        r.rate
            .map(|x| t_string!(i18n, analyses.n_cases, count = format::count(x.count, lang)).to_string())
            .unwrap_or_default(),
        || t_string!(i18n, kpis.why_escalation).to_string(),
        lang,
    );
    let escalated = resolution_figure(i18n, unknown, median(&r.escalated), String::new(), lang);
    let not_escalated = resolution_figure(i18n, unknown, median(&r.not_escalated), String::new(), lang);
    type Segment = (String, Vec<Row>, Vec<(String, f64)>);
    let segments: Vec<Segment> = in_order(&r.by_segment)
        .into_iter()
        .map(|(key, rows)| {
            let column = segment_field(key).and_then(|f| column_of(choices, f));
            let (table, chart) = segment_rows(i18n, rows, column);
            (segment_name(i18n, key), table, chart)
        })
        .collect();
    let chart = segments.iter().find(|(_, _, c)| !c.is_empty()).map(|(_, _, c)| c.clone()).unwrap_or_default();
    let chart_key = in_order(&r.by_segment)
        .into_iter()
        .map(|(k, _)| k.clone())
        .find(|k| r.by_segment[k].iter().any(|row| row.value.is_some() && row.rate.of > 0));
    let escalation_filters = chart_key
        .map(|key| by_label(&chart, |l| segment_filter(choices, &key, &Some(l.to_owned()))))
        .unwrap_or_default();
    let before: Vec<Row> =
        r.preceded_by.iter().map(|b| Row::new(vec![Cell::Text(b.activity.clone()), Cell::Count(b.count)])).collect();
    view! {
        <NeedsNotice needs=r.needs.clone() />
        <div class="figures">
            <Figure
                testid="fig-escalation-rate"
                label=t_string!(i18n, kpis.escalation).to_string()
                value=rate.0
                note=rate.1
            />
            <Figure
                testid="fig-escalated"
                label=t_string!(i18n, escalations.escalated).to_string()
                value=escalated.0
                note=escalated.1
            />
            <Figure
                testid="fig-not-escalated"
                label=t_string!(i18n, escalations.not_escalated).to_string()
                value=not_escalated.0
                note=not_escalated.1
            />
            <Figure
                testid="fig-time-to"
                label=t_string!(i18n, escalations.time_to).to_string()
                value=duration_text(median(&r.time_to_escalation), lang)
            />
            <Figure
                testid="fig-wait-before"
                label=t_string!(i18n, escalations.wait_before).to_string()
                value=duration_text(median(&r.wait_before), lang)
            />
        </div>
        <BarChart
            testid="chart-escalations"
            title=t_string!(i18n, escalations.rate_by).to_string()
            items=chart
            format=percent_axis(lang)
            filters=escalation_filters
        />
        {(!before.is_empty())
            .then(|| {
                view! {
                    <h3>{t!(i18n, escalations.preceded_by)}</h3>
                    <DataTable
                        testid="table-preceded-by"
                        headers=texts![i18n; analyses.activity, analyses.times]
                        rows=before
                        lang=lang
                    />
                }
            })}
        {segments
            .into_iter()
            .map(|(name, rows, _)| {
                view! {
                    <h3>{t_string!(i18n, escalations.by_segment, segment = name.clone()).to_string()}</h3>
                    <DataTable
                        testid="table-escalation-segment"
                        headers=vec![
                            name,
                            t_string!(i18n, analyses.cases).to_string(),
                            t_string!(i18n, escalations.escalated_cases).to_string(),
                            t_string!(i18n, kpis.escalation).to_string(),
                        ]
                        rows=rows
                        lang=lang
                    />
                }
            })
            .collect_view()}
    }
    .into_any()
}
