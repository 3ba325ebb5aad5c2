//! Priority: resolution and response times per priority at creation, and whether urgent cases
//! are really resolved faster (the verdict is left out when resolution is unknown).

use casemap_engine::format::Lang;
use casemap_engine::log::ServiceField;
use casemap_engine::service::priority::{PriorityReport, Verdict};
use leptos::prelude::*;

use super::common::{
    I18n, ValueBars, column_of, duration_axis, duration_text, median, none_label, pct, resolution_unknown, value_filter,
};
use crate::context::texts;
use crate::i18n::*;
use crate::protocol::FilterChoices;
use crate::widgets::{Cell, DataTable, NeedsNotice, Row};

/// The body of the priority analysis.
pub(super) fn priority(i18n: I18n, mut r: PriorityReport, choices: Option<&FilterChoices>, lang: Lang) -> AnyView {
    // Resolution times and SLA outcomes are unknown without a recognised resolution.
    let unknown = resolution_unknown(&r.needs);
    r.rows.iter_mut().filter(|_| unknown).for_each(|row| (row.resolution, row.sla.compliance) = (None, None));
    let column = column_of(choices, ServiceField::Priority);
    let (urgent, low) = (duration_text(r.most_urgent_median_s, lang), duration_text(r.least_urgent_median_s, lang));
    let verdict = match r.verdict {
        Verdict::Faster => t_string!(i18n, priority.faster, urgent = urgent, low = low).to_string(),
        Verdict::Partly => t_string!(i18n, priority.partly, urgent = urgent, low = low).to_string(),
        Verdict::NotFaster => t_string!(i18n, priority.not_faster, urgent = urgent, low = low).to_string(),
        Verdict::Undecided => t_string!(i18n, priority.undecided).to_string(),
    };
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
                    Cell::Duration(median(&row.resolution)),
                    Cell::Duration(row.resolution.map(|d| d.mean)),
                    Cell::Duration(median(&row.acknowledgement)),
                    Cell::Percent(row.sla.compliance),
                    Cell::Percent(pct(row.escalated)),
                ],
                value_filter(&column, &row.value),
            )
        })
        .collect();
    view! {
        <NeedsNotice needs=r.needs.clone() />
        {(!r.rows.is_empty() && !unknown)
            .then(|| {
                view! {
                    <p class="verdict" data-testid="priority-verdict">
                        {verdict}
                    </p>
                }
            })}
        <ValueBars
            testid="chart-priority"
            title=t_string!(i18n, priority.chart).to_string()
            items=chart
            format=duration_axis(lang)
            column=column.clone()
        />
        <DataTable
            hide_empty=true
            testid="table-priority"
            headers=texts![
                i18n; roles.priority, analyses.cases, analyses.median_resolution, analyses.mean_resolution, kpis.acknowledgement, kpis.sla, kpis.escalation
            ]
            rows=rows
            lang=lang
        />
    }
    .into_any()
}
