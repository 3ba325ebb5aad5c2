//! First-contact resolution: the share of resolved cases that needed only the parts the user
//! switches on (one contact, one agent, no reopening), each part apart, per channel and type.
//! A part the log cannot tell is shown as unknown, never as a confident 100 %.

use casemap_engine::format::{self, Lang};
use casemap_engine::log::ServiceField;
use casemap_engine::service::Rate;
use casemap_engine::service::fcr::{FcrParts, FcrReport};
use leptos::prelude::*;

use super::common::{
    I18n, by_label, column_of, pct, percent_axis, rate_figure, resolution_unknown, segment_rows, value_filter,
};
use crate::context::texts;
use crate::i18n::*;
use crate::protocol::FilterChoices;
use crate::state::AppState;
use crate::widgets::{BarChart, Figure, GroupTable, GroupTables, NeedsNotice};

/// The body of the fcr analysis.
pub(super) fn fcr(i18n: I18n, state: AppState, r: FcrReport, choices: Option<&FilterChoices>, lang: Lang) -> AnyView {
    let unknown = resolution_unknown(&r.needs);
    let rate = rate_figure(
        r.rate.and_then(pct),
        r.rate
            .map(|x| {
                t_string!(
                    i18n,
                    fcr.of_resolved,
                    count = x.of,
                    part = format::count(x.count, lang),
                    total = format::count(x.of, lang)
                )
                .to_string()
            })
            .unwrap_or_default(),
        || if unknown { t_string!(i18n, kpis.why_resolution) } else { t_string!(i18n, kpis.why_fcr_parts) }.to_string(),
        lang,
    );
    /// One part of first-contact resolution: its name, its switch, its figure.
    struct Part {
        switch_id: &'static str,
        figure_id: &'static str,
        label: String,
        asked: bool,
        used: bool,
        rate: Rate,
        why: String,
        flip: fn(&mut FcrParts),
    }
    let parts = [
        Part {
            switch_id: "fcr-one-contact",
            figure_id: "fig-one-contact",
            label: t_string!(i18n, fcr.one_contact).to_string(),
            asked: r.asked.one_contact,
            used: r.used.one_contact,
            rate: r.one_contact,
            why: t_string!(i18n, fcr.why_contact).to_string(),
            flip: |p| p.one_contact = !p.one_contact,
        },
        Part {
            switch_id: "fcr-one-agent",
            figure_id: "fig-one-agent",
            label: t_string!(i18n, fcr.one_agent).to_string(),
            asked: r.asked.one_agent,
            used: r.used.one_agent,
            rate: r.one_agent,
            why: t_string!(i18n, kpis.why_agent).to_string(),
            flip: |p| p.one_agent = !p.one_agent,
        },
        Part {
            switch_id: "fcr-no-reopen",
            figure_id: "fig-no-reopen",
            label: t_string!(i18n, fcr.no_reopen).to_string(),
            asked: r.asked.no_reopen,
            used: r.used.no_reopen,
            rate: r.no_reopen,
            why: t_string!(i18n, kpis.why_reopen).to_string(),
            flip: |p| p.no_reopen = !p.no_reopen,
        },
    ];
    let switches = parts
        .iter()
        .map(|p| {
            let flip = p.flip;
            view! {
                <label class="check" class:muted=!p.used>
                    <input
                        type="checkbox"
                        data-testid=p.switch_id
                        prop:checked=p.asked
                        on:change=move |_| state.edit_setup(|s| flip(&mut s.options.fcr))
                    />
                    {p.label.clone()}
                </label>
            }
        })
        .collect_view();
    // A part the log cannot tell holds for every case: no 100 % for it.
    let figures = parts
        .into_iter()
        .map(|p| {
            let told = !unknown && (p.used || !p.asked);
            let (value, note) = rate_figure(
                pct(p.rate).filter(|_| told),
                String::new(),
                || if unknown { t_string!(i18n, kpis.why_resolution).to_string() } else { p.why },
                lang,
            );
            view! { <Figure testid=p.figure_id label=p.label value=value note=note /> }
        })
        .collect_view();
    let channel_column = column_of(choices, ServiceField::Channel);
    let (channel_rows, chart) = segment_rows(i18n, &r.by_channel, channel_column.clone());
    let fcr_filters = by_label(&chart, |l| value_filter(&channel_column, &Some(l.to_owned())));
    let (type_rows, _) = segment_rows(i18n, &r.by_case_type, column_of(choices, ServiceField::CaseType));
    let columns = texts![i18n; fcr.resolved, fcr.fcr_cases, kpis.fcr];
    view! {
        <div class="form-row fcr-parts" data-testid="fcr-parts">
            <span>{t!(i18n, fcr.parts)}</span>
            {switches}
        </div>
        <NeedsNotice needs=r.needs.clone() />
        <div class="figures">
            <Figure testid="fig-fcr" label=t_string!(i18n, kpis.fcr).to_string() value=rate.0 note=rate.1 />
            {figures}
        </div>
        <BarChart
            testid="chart-fcr"
            title=t_string!(i18n, fcr.by_channel).to_string()
            items=chart
            format=percent_axis(lang)
            filters=fcr_filters
        />
        <GroupTables
            tables=vec![
                GroupTable {
                    testid: "table-fcr-channel",
                    group: t_string!(i18n, roles.channel).to_string(),
                    rows: channel_rows,
                },
                GroupTable {
                    testid: "table-fcr-type",
                    group: t_string!(i18n, roles.case_type).to_string(),
                    rows: type_rows,
                },
            ]
            columns=columns
            lang=lang
        />
    }
    .into_any()
}
