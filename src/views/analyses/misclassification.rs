//! Misclassification: cases whose type was corrected or that were rerouted to another team,
//! what that cost them (resolution time, handoffs), and which type changes happen.

use casemap_engine::format::{self, Lang};
use casemap_engine::log::ServiceField;
use casemap_engine::service::misclassification::MisclassificationReport;
use leptos::prelude::*;

use super::common::{
    I18n, by_label, column_of, median, pct, percent_axis, percent_text, resolution_unknown, segment_rows, value_filter,
};
use crate::context::texts;
use crate::i18n::*;
use crate::protocol::FilterChoices;
use crate::widgets::{BarChart, Cell, DataTable, Figure, NeedsNotice, Row};

/// The body of the misclassification analysis.
pub(super) fn misclassification(
    i18n: I18n,
    mut r: MisclassificationReport,
    choices: Option<&FilterChoices>,
    lang: Lang,
) -> AnyView {
    if resolution_unknown(&r.needs) {
        for c in [&mut r.type_changed, &mut r.rerouted].into_iter().flatten() {
            (c.changed.resolution, c.unchanged.resolution) = (None, None);
        }
    }
    let comparison = |label: String, c: &casemap_engine::service::misclassification::Comparison| -> Vec<Row> {
        vec![
            Row::new(vec![
                Cell::Text(label.clone()),
                Cell::Text(t_string!(i18n, misclassification.changed).to_string()),
                Cell::Count(c.changed.cases),
                Cell::Duration(median(&c.changed.resolution)),
                Cell::Number(c.changed.handoffs, 2),
            ]),
            Row::new(vec![
                Cell::Text(label),
                Cell::Text(t_string!(i18n, misclassification.unchanged).to_string()),
                Cell::Count(c.unchanged.cases),
                Cell::Duration(median(&c.unchanged.resolution)),
                Cell::Number(c.unchanged.handoffs, 2),
            ]),
        ]
    };
    let mut rows = Vec::new();
    if let Some(c) = &r.type_changed {
        rows.extend(comparison(t_string!(i18n, misclassification.type_changed).to_string(), c));
    }
    if let Some(c) = &r.rerouted {
        rows.extend(comparison(t_string!(i18n, misclassification.rerouted).to_string(), c));
    }
    let type_column = column_of(choices, ServiceField::CaseType);
    let (by_type, chart) = segment_rows(i18n, &r.by_case_type, type_column.clone());
    let type_filters = by_label(&chart, |l| value_filter(&type_column, &Some(l.to_owned())));
    let changes: Vec<Row> = r
        .type_changes
        .iter()
        .map(|c| Row::new(vec![Cell::Text(c.from.clone()), Cell::Text(c.to.clone()), Cell::Count(c.count)]))
        .collect();
    view! {
        <NeedsNotice needs=r.needs.clone() />
        <div class="figures">
            {[
                ("fig-type-changed", t_string!(i18n, misclassification.type_changed), &r.type_changed),
                ("fig-rerouted", t_string!(i18n, misclassification.rerouted), &r.rerouted),
            ]
                .into_iter()
                .filter_map(|(testid, label, c)| {
                    let c = c.as_ref()?;
                    Some(
                        view! {
                            <Figure
                                testid=testid
                                label=label.to_string()
                                value=percent_text(pct(c.rate), lang)
                                note=t_string!(i18n, analyses.n_cases, count = format::count(c.rate.count, lang))
                                    .to_string()
                            />
                        },
                    )
                })
                .collect_view()}
        </div>
        <DataTable
            hide_empty=true
            heading=t_string!(i18n, misclassification.cost).to_string()
            testid="table-misclassification"
            headers=vec![
                String::new(),
                String::new(),
                t_string!(i18n, analyses.cases).to_string(),
                t_string!(i18n, analyses.median_resolution).to_string(),
                t_string!(i18n, kpis.handoffs).to_string(),
            ]
            rows=rows
            lang=lang
        />
        <BarChart
            testid="chart-misclassification"
            title=t_string!(i18n, misclassification.by_type).to_string()
            items=chart
            format=percent_axis(lang)
            filters=type_filters
        />
        <DataTable
            hide_empty=true
            testid="table-type"
            headers=texts![i18n; roles.case_type, analyses.cases, misclassification.changed, analyses.share]
            rows=by_type
            lang=lang
        />
        {(!changes.is_empty())
            .then(|| {
                view! {
                    <h3>{t!(i18n, misclassification.changes)}</h3>
                    <DataTable
                        testid="table-type-changes"
                        headers=texts![i18n; handoffs.from, handoffs.to, analyses.times]
                        rows=changes
                        lang=lang
                    />
                }
            })}
    }
    .into_any()
}
