//! SLA compliance: from a due-date column, the user's rules or the tool's own verdict per case,
//! by segment, with what breached cases had last done, late reassignments and open cases at
//! risk (the last three only where deadlines are known).

use casemap_engine::filter::{Filter, Presence};
use casemap_engine::format::{self, Lang};
use casemap_engine::log::ServiceField;
use casemap_engine::service::sla::{BreachAfter, Compliance, SlaReport, SlaSource};
use leptos::prelude::*;

use super::common::{
    I18n, by_label, column_of, in_order, none_label, pct, percent_axis, percent_text, resolution_unknown,
    segment_filter, segment_name, value_filter,
};
use super::sla_rules::SlaRules;
use crate::context::texts;
use crate::i18n::*;
use crate::protocol::FilterChoices;
use crate::widgets::{BarChart, Cell, DataTable, Figure, NeedsNotice, Row};

/// The body of the SLA analysis.
pub(super) fn sla(i18n: I18n, r: SlaReport, choices: Option<&FilterChoices>, lang: Lang) -> AnyView {
    let source = source_text(i18n, r.source);
    let segments: Vec<(String, Vec<Row>)> = in_order(&r.by_segment)
        .into_iter()
        .map(|(key, rows)| {
            (
                segment_name(i18n, key),
                rows.iter()
                    .map(|row| {
                        compliance_row(i18n, &row.value, &row.compliance, segment_filter(choices, key, &row.value))
                    })
                    .collect(),
            )
        })
        .collect();
    let chart: Vec<(String, f64)> = r
        .by_segment
        .get("priority")
        .or_else(|| r.by_segment.values().next())
        .map(|rows| {
            rows.iter().filter_map(|row| Some((row.value.clone()?, row.compliance.compliance?))).take(12).collect()
        })
        .unwrap_or_default();
    let sla_filters = if r.by_segment.contains_key("priority") {
        let column = column_of(choices, ServiceField::Priority);
        by_label(&chart, |l| value_filter(&column, &Some(l.to_owned())))
    } else {
        Vec::new()
    };
    let rules: Vec<Row> =
        r.rules.iter().map(|rule| compliance_row(i18n, &Some(rule.name.clone()), &rule.compliance, None)).collect();
    let after = breach_rows(&r.breaches_after);
    let hot = r.hot_potato;
    let hot_note = hot
        .map(|hot| {
            t_string!(
                i18n,
                sla.hot_potato_note,
                count = hot.with_reassignment.of,
                with = format::count(hot.with_reassignment.of, lang),
                other = percent_text(pct(hot.without_reassignment), lang)
            )
            .to_string()
        })
        .unwrap_or_default();
    // Outcomes measured at a resolution the vocabulary does not find are unknown.
    let unknown = resolution_unknown(&r.needs);
    let (compliance, compliance_note) = if unknown {
        ("–".to_owned(), t_string!(i18n, kpis.why_resolution).to_string())
    } else if r.source.is_none() {
        ("–".to_owned(), t_string!(i18n, kpis.why_sla).to_string())
    } else {
        (percent_text(r.overall.compliance, lang), String::new())
    };
    // The tool's verdict has no deadlines: nothing is known about cases running late.
    let deadlines = r.source != Some(SlaSource::Flag) && !unknown;
    view! {
        <NeedsNotice needs=r.needs.clone() />
        {(!source.is_empty())
            .then(|| {
                view! {
                    <p class="muted" data-testid="sla-source">
                        {source}
                    </p>
                }
            })}
        <div class="figures">
            <Figure
                testid="fig-sla-compliance"
                label=t_string!(i18n, sla.compliance).to_string()
                value=compliance
                note=compliance_note
            />
            <Figure
                testid="fig-sla-met"
                label=t_string!(i18n, sla.met).to_string()
                value=format::count(r.overall.met, lang)
            />
            <Figure
                testid="fig-sla-breached"
                label=t_string!(i18n, sla.breached).to_string()
                value=format::count(r.overall.breached, lang)
            />
            <Figure
                testid="fig-sla-pending"
                label=t_string!(i18n, sla.pending).to_string()
                value=format::count(r.overall.pending, lang)
            />
            {hot
                .map(|hot| {
                    view! {
                        <Figure
                            testid="fig-hot-potato"
                            label=t_string!(i18n, sla.hot_potato).to_string()
                            value=percent_text(pct(hot.with_reassignment), lang)
                            note=hot_note
                        />
                    }
                })}
        </div>
        <SlaRules />
        <DataTable
            hide_empty=true
            testid="table-sla-rules"
            headers=compliance_headers(i18n, t_string!(i18n, sla.rule).to_string())
            rows=rules
            lang=lang
        />
        <BarChart
            testid="chart-sla"
            title=t_string!(i18n, sla.by_priority).to_string()
            items=chart.clone()
            format=percent_axis(lang)
            filters=sla_filters
        />
        {segments
            .into_iter()
            .map(|(name, rows)| {
                view! {
                    <h3>{t_string!(i18n, sla.by_segment, segment = name.clone()).to_string()}</h3>
                    <DataTable testid="table-sla-segment" headers=compliance_headers(i18n, name) rows=rows lang=lang />
                }
            })
            .collect_view()}
        {(!after.is_empty())
            .then(|| {
                view! {
                    <h3>{t!(i18n, sla.breaches_after)}</h3>
                    <DataTable
                        testid="table-breaches-after"
                        headers=texts![i18n; analyses.activity, analyses.cases, analyses.share]
                        rows=after
                        lang=lang
                    />
                }
            })}
        {deadlines.then(|| at_risk(i18n, &r, lang))}
    }
    .into_any()
}

/// A row of compliance figures: met, breached, pending and the share met.
fn compliance_row(i18n: I18n, value: &Option<String>, c: &Compliance, filter: Option<Filter>) -> Row {
    Row::filtering(
        vec![
            none_label(i18n, value),
            Cell::Count(c.met),
            Cell::Count(c.breached),
            Cell::Count(c.pending),
            Cell::Percent(c.compliance),
        ],
        filter,
    )
}

/// The open cases closest to their deadline, and how many cases run late.
fn at_risk(i18n: I18n, r: &SlaReport, lang: Lang) -> AnyView {
    let risk: Vec<Row> = r
        .at_risk
        .iter()
        .map(|x| {
            Row::filtering(
                vec![
                    Cell::Text(x.case.clone()),
                    Cell::Text(x.deadline.replacen('T', " ", 1).trim_end_matches('Z').to_owned()),
                    Cell::Duration(Some(x.left_s)),
                    Cell::Text(x.last_activity.clone()),
                ],
                Some(Filter::Cases { ids: vec![x.case.clone()], exclude: false }),
            )
        })
        .collect();
    view! {
        <h3 data-testid="at-risk-title">
            {t_string!(i18n, sla.at_risk, count = format::count(r.at_risk_total, lang)).to_string()}
        </h3>
        <DataTable
            hide_empty=true
            testid="table-at-risk"
            headers=texts![i18n; analyses.case, sla.deadline, sla.left, analyses.last_activity]
            rows=risk
            lang=lang
        />
    }
    .into_any()
}

/// What breached cases had done last; a click keeps the cases with that activity.
fn breach_rows(breaches: &[BreachAfter]) -> Vec<Row> {
    breaches
        .iter()
        .map(|b| {
            Row::filtering(
                vec![Cell::Text(b.activity.clone()), Cell::Count(b.cases), Cell::Share(b.share)],
                Some(Filter::Activities { activities: vec![b.activity.clone()], mode: Presence::Any }),
            )
        })
        .collect()
}

/// The column titles of a compliance table whose first column is `first`.
fn compliance_headers(i18n: I18n, first: String) -> Vec<String> {
    vec![
        first,
        t_string!(i18n, sla.met).to_string(),
        t_string!(i18n, sla.breached).to_string(),
        t_string!(i18n, sla.pending).to_string(),
        t_string!(i18n, sla.compliance).to_string(),
    ]
}

/// Where the verdicts come from (a due-date column, the user's rules, the tool's own flag).
fn source_text(i18n: I18n, source: Option<SlaSource>) -> String {
    match source {
        Some(SlaSource::DueDate) => t_string!(i18n, sla.from_due_date).to_string(),
        Some(SlaSource::Rules) => t_string!(i18n, sla.from_rules).to_string(),
        Some(SlaSource::Flag) => t_string!(i18n, sla.from_flag).to_string(),
        None => String::new(),
    }
}
