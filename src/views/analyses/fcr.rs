//! First-contact resolution: the share of resolved cases that needed only the parts the user
//! switches on (one contact, one agent, no reopening), each part apart, per channel and type.
//! A part the log cannot tell is shown as unknown, never as a confident 100 %.

use casemap_engine::format::{self, Lang};
use casemap_engine::log::ServiceField;
use casemap_engine::service::Rate;
use casemap_engine::service::fcr::FcrReport;
use leptos::prelude::*;

use super::common::{
    I18n, by_label, column_of, pct, percent_axis, rate_figure, resolution_unknown, segment_rows, value_filter,
};
use crate::i18n::*;
use crate::protocol::FilterChoices;
use crate::state::AppState;
use crate::widgets::{BarChart, DataTable, Figure, NeedsNotice};

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
    // A part the log cannot tell holds for every case: no 100 % for it.
    let part = |asked: bool, used: bool, rate: Rate, why: String| {
        let told = !unknown && (used || !asked);
        rate_figure(
            pct(rate).filter(|_| told),
            String::new(),
            || if unknown { t_string!(i18n, kpis.why_resolution).to_string() } else { why },
            lang,
        )
    };
    let one_contact =
        part(r.asked.one_contact, r.used.one_contact, r.one_contact, t_string!(i18n, fcr.why_contact).to_string());
    let one_agent = part(r.asked.one_agent, r.used.one_agent, r.one_agent, t_string!(i18n, kpis.why_agent).to_string());
    let no_reopen =
        part(r.asked.no_reopen, r.used.no_reopen, r.no_reopen, t_string!(i18n, kpis.why_reopen).to_string());
    let channel_column = column_of(choices, ServiceField::Channel);
    let (channel_rows, chart) = segment_rows(i18n, &r.by_channel, channel_column.clone());
    let fcr_filters = by_label(&chart, |l| value_filter(&channel_column, &Some(l.to_owned())));
    let (type_rows, _) = segment_rows(i18n, &r.by_case_type, column_of(choices, ServiceField::CaseType));
    let part = move |label: String,
                     testid: &'static str,
                     on: bool,
                     used: bool,
                     flip: fn(&mut casemap_engine::service::fcr::FcrParts)| {
        view! {
            <label class="check" class:muted=!used>
                <input
                    type="checkbox"
                    data-testid=testid
                    prop:checked=on
                    on:change=move |_| state.edit_setup(|s| flip(&mut s.options.fcr))
                />
                {label}
            </label>
        }
    };
    let headers = |first: String| {
        vec![
            first,
            t_string!(i18n, fcr.resolved).to_string(),
            t_string!(i18n, fcr.fcr_cases).to_string(),
            t_string!(i18n, kpis.fcr).to_string(),
        ]
    };
    view! {
        <div class="form-row fcr-parts" data-testid="fcr-parts">
            <span>{t!(i18n, fcr.parts)}</span>
            {part(
                t_string!(i18n, fcr.one_contact).to_string(),
                "fcr-one-contact",
                r.asked.one_contact,
                r.used.one_contact,
                |p| p.one_contact = !p.one_contact,
            )}
            {part(
                t_string!(i18n, fcr.one_agent).to_string(),
                "fcr-one-agent",
                r.asked.one_agent,
                r.used.one_agent,
                |p| p.one_agent = !p.one_agent,
            )}
            {part(
                t_string!(i18n, fcr.no_reopen).to_string(),
                "fcr-no-reopen",
                r.asked.no_reopen,
                r.used.no_reopen,
                |p| p.no_reopen = !p.no_reopen,
            )}
        </div>
        <NeedsNotice needs=r.needs.clone() />
        <div class="figures">
            <Figure testid="fig-fcr" label=t_string!(i18n, kpis.fcr).to_string() value=rate.0 note=rate.1 />
            <Figure
                testid="fig-one-contact"
                label=t_string!(i18n, fcr.one_contact).to_string()
                value=one_contact.0
                note=one_contact.1
            />
            <Figure
                testid="fig-one-agent"
                label=t_string!(i18n, fcr.one_agent).to_string()
                value=one_agent.0
                note=one_agent.1
            />
            <Figure
                testid="fig-no-reopen"
                label=t_string!(i18n, fcr.no_reopen).to_string()
                value=no_reopen.0
                note=no_reopen.1
            />
        </div>
        <BarChart
            testid="chart-fcr"
            title=t_string!(i18n, fcr.by_channel).to_string()
            items=chart
            format=percent_axis(lang)
            filters=fcr_filters
        />
        {(!channel_rows.is_empty())
            .then(|| {
                view! {
                    <DataTable
                        testid="table-fcr-channel"
                        headers=headers(t_string!(i18n, roles.channel).to_string())
                        rows=channel_rows
                        lang=lang
                    />
                }
            })}
        {(!type_rows.is_empty())
            .then(|| {
                view! {
                    <DataTable
                        testid="table-fcr-type"
                        headers=headers(t_string!(i18n, roles.case_type).to_string())
                        rows=type_rows
                        lang=lang
                    />
                }
            })}
    }
    .into_any()
}
