//! The overview's KPI cards (each with its weekly trend line and its definition a hover or a
//! keyboard focus away) and a trend chart of one KPI per week or month (drawn by [`crate::views::trend`]). A KPI that rests on
//! something the log or the vocabulary lacks shows "–" and says why, never a confident 0 %.

use casemap_engine::format::{self, Lang};
use casemap_engine::service::kpis::{FEW_CASES, KpiValues, Kpis, TrendPoint};
use casemap_engine::service::{Need, Step};
use leptos::prelude::*;

use crate::app::use_lang;
use crate::i18n::*;
use crate::protocol::{AnalysisKind, AnalysisReport};
use crate::state::use_app_state;
use crate::views::endings::Endings;
use crate::views::trend::KpiTrend;
use crate::views::widgets::Figure;

type I18n = leptos_i18n::I18nContext<Locale>;

/// The KPIs shown, in order.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Kpi {
    /// Cases.
    Cases,
    /// Median resolution time.
    Resolution,
    /// SLA compliance.
    Sla,
    /// First-contact resolution.
    Fcr,
    /// Reopen rate.
    Reopen,
    /// Escalation rate.
    Escalation,
    /// Handoffs per case.
    Handoffs,
    /// Rework rate.
    Rework,
    /// Median time to first acknowledgement.
    Acknowledgement,
}

impl Kpi {
    const ALL: [Kpi; 9] = [
        Kpi::Cases,
        Kpi::Resolution,
        Kpi::Sla,
        Kpi::Fcr,
        Kpi::Reopen,
        Kpi::Escalation,
        Kpi::Handoffs,
        Kpi::Rework,
        Kpi::Acknowledgement,
    ];

    fn code(self) -> &'static str {
        match self {
            Kpi::Cases => "cases",
            Kpi::Resolution => "resolution",
            Kpi::Sla => "sla",
            Kpi::Fcr => "fcr",
            Kpi::Reopen => "reopen",
            Kpi::Escalation => "escalation",
            Kpi::Handoffs => "handoffs",
            Kpi::Rework => "rework",
            Kpi::Acknowledgement => "acknowledgement",
        }
    }

    /// The KPI's name.
    pub fn name(self, i18n: I18n) -> String {
        match self {
            Kpi::Cases => t_string!(i18n, kpis.cases),
            Kpi::Resolution => t_string!(i18n, kpis.resolution),
            Kpi::Sla => t_string!(i18n, kpis.sla),
            Kpi::Fcr => t_string!(i18n, kpis.fcr),
            Kpi::Reopen => t_string!(i18n, kpis.reopen),
            Kpi::Escalation => t_string!(i18n, kpis.escalation),
            Kpi::Handoffs => t_string!(i18n, kpis.handoffs),
            Kpi::Rework => t_string!(i18n, kpis.rework),
            Kpi::Acknowledgement => t_string!(i18n, kpis.acknowledgement),
        }
        .to_string()
    }

    /// What the KPI is, as the engine defines it (`service::kpis`).
    fn definition(self, i18n: I18n) -> String {
        match self {
            Kpi::Cases => t_string!(i18n, kpis.def_cases),
            Kpi::Resolution => t_string!(i18n, kpis.def_resolution),
            Kpi::Sla => t_string!(i18n, kpis.def_sla),
            Kpi::Fcr => t_string!(i18n, kpis.def_fcr),
            Kpi::Reopen => t_string!(i18n, kpis.def_reopen),
            Kpi::Escalation => t_string!(i18n, kpis.def_escalation),
            Kpi::Handoffs => t_string!(i18n, kpis.def_handoffs),
            Kpi::Rework => t_string!(i18n, kpis.def_rework),
            Kpi::Acknowledgement => t_string!(i18n, kpis.def_acknowledgement),
        }
        .to_string()
    }

    /// The KPI's value among `v`.
    pub fn value(self, v: &KpiValues) -> Option<f64> {
        match self {
            Kpi::Cases => Some(v.cases as f64),
            Kpi::Resolution => v.median_resolution_s,
            Kpi::Sla => v.sla_compliance,
            Kpi::Fcr => v.fcr_rate,
            Kpi::Reopen => v.reopen_rate,
            Kpi::Escalation => v.escalation_rate,
            Kpi::Handoffs => v.handoffs_per_case,
            Kpi::Rework => v.rework_rate,
            Kpi::Acknowledgement => v.median_ack_s,
        }
    }

    /// A value as people read it.
    pub fn format(self, value: f64, lang: Lang) -> String {
        match self {
            Kpi::Cases => format::count(value.round() as u64, lang),
            Kpi::Resolution | Kpi::Acknowledgement => format::duration(value, lang),
            Kpi::Handoffs => format::decimal(value, 2, lang),
            _ => format::percent(value, lang),
        }
    }

    /// Why the KPI has no value, in words: what the log or the vocabulary lacks for it.
    fn reason(self, kpis: &Kpis, i18n: I18n) -> String {
        let v = &kpis.values;
        let lacks = |need: Need| kpis.needs.contains(&need);
        if v.cases == 0 {
            return t_string!(i18n, kpis.no_cases).to_string();
        }
        match self {
            Kpi::Resolution | Kpi::Fcr if !kpis.open_known => t_string!(i18n, kpis.why_resolution),
            Kpi::Fcr
                if lacks(Need::Activity(Step::WaitingForCustomer))
                    && lacks(Need::Resource)
                    && lacks(Need::Activity(Step::Reopened)) =>
            {
                t_string!(i18n, kpis.why_fcr_parts)
            }
            Kpi::Resolution | Kpi::Fcr => t_string!(i18n, kpis.why_unresolved),
            Kpi::Sla if lacks(Need::SlaDue) => t_string!(i18n, kpis.why_sla),
            Kpi::Sla => t_string!(i18n, kpis.why_sla_undecided),
            Kpi::Reopen => t_string!(i18n, kpis.why_reopen),
            Kpi::Escalation => t_string!(i18n, kpis.why_escalation),
            Kpi::Handoffs => t_string!(i18n, kpis.why_agent),
            Kpi::Acknowledgement => t_string!(i18n, kpis.why_ack),
            Kpi::Cases | Kpi::Rework => t_string!(i18n, kpis.no_cases),
        }
        .to_string()
    }

    /// The line under a value: what it rests on, or a second figure.
    fn note(self, kpis: &Kpis, i18n: I18n, lang: Lang) -> Option<String> {
        let v = &kpis.values;
        match self {
            Kpi::Cases if kpis.open_known => {
                Some(t_string!(i18n, kpis.open, count = format::count(kpis.open, lang)).to_string())
            }
            Kpi::Cases => Some(t_string!(i18n, kpis.open_unknown).to_string()),
            Kpi::Resolution => {
                v.p90_resolution_s.map(|p| t_string!(i18n, kpis.p90, time = format::duration(p, lang)).to_string())
            }
            Kpi::Fcr => {
                // The parts the log can tell, when it cannot tell them all.
                let lacks = |need: Need| kpis.needs.contains(&need);
                let parts: Vec<String> = [
                    (Need::Activity(Step::WaitingForCustomer), t_string!(i18n, fcr.one_contact).to_string()),
                    (Need::Resource, t_string!(i18n, fcr.one_agent).to_string()),
                    (Need::Activity(Step::Reopened), t_string!(i18n, fcr.no_reopen).to_string()),
                ]
                .into_iter()
                .filter(|(need, _)| !lacks(*need))
                .map(|(_, part)| part)
                .collect();
                let separator = if lang == Lang::Zh { "、" } else { ", " };
                (parts.len() < 3).then(|| t_string!(i18n, kpis.fcr_parts, parts = parts.join(separator)).to_string())
            }
            Kpi::Handoffs => v
                .reassignments_per_case
                .map(|r| t_string!(i18n, kpis.reassignments, value = format::decimal(r, 2, lang)).to_string()),
            _ => None,
        }
    }
}

/// One KPI card: a button that charts the KPI's trend, described by its definition, which
/// shows on hover and on keyboard focus (Escape hides it again).
#[component]
fn KpiCard(
    kpi: Kpi,
    /// The card's figure.
    label: String,
    value: String,
    note: String,
    trend: Vec<Option<f64>>,
    /// The definition (translated).
    definition: String,
    /// The KPI the trend chart shows.
    chosen: RwSignal<Kpi>,
) -> impl IntoView {
    let dismissed = RwSignal::new(false);
    let id = format!("kpi-def-{}", kpi.code());
    view! {
        <div class="kpi-card" class:dismissed=move || dismissed.get() on:mouseenter=move |_| dismissed.set(false)>
            <button
                type="button"
                class="figure-button"
                class:chosen=move || chosen.get() == kpi
                aria-pressed=move || (chosen.get() == kpi).to_string()
                aria-describedby=id.clone()
                data-testid=format!("kpi-{}", kpi.code())
                on:click=move |_| chosen.set(kpi)
                on:focus=move |_| dismissed.set(false)
                on:keydown=move |event: web_sys::KeyboardEvent| {
                    if event.key() == "Escape" {
                        dismissed.set(true);
                    }
                }
            >
                <Figure testid="kpi" label=label value=value note=note trend=trend />
            </button>
            <p role="tooltip" id=id class="kpi-definition" data-testid=format!("kpi-definition-{}", kpi.code())>
                {definition}
            </p>
        </div>
    }
}

/// The KPI cards and the trend chart.
#[component]
pub fn KpiPanel() -> impl IntoView {
    let i18n = use_i18n();
    let lang = use_lang();
    let state = use_app_state();
    let a = state.analysis;
    let chosen = RwSignal::new(Kpi::Resolution);
    let monthly = RwSignal::new(false);
    move || {
        let Some(AnalysisReport::Kpis(kpis)) = a.report(AnalysisKind::Kpis) else {
            return view! { <section class="panel"><p class="muted">{t!(i18n, kpis.loading)}</p></section> }.into_any();
        };
        let lang = lang();
        // How the resolution differs from the case duration, with both figures when known.
        let case_duration = a.overview.with(|o| o.as_ref().and_then(|o| o.durations).map(|d| d.median));
        let resolution_here = kpis.values.median_resolution_s.zip(case_duration).map(|(resolution, duration)| {
            t_string!(
                i18n,
                kpis.def_resolution_here,
                resolution = format::duration(resolution, lang),
                duration = format::duration(duration, lang)
            )
            .to_string()
        });
        let cards = Kpi::ALL
            .iter()
            .map(|&kpi| {
                let value = kpi.value(&kpis.values);
                // Weeks the log covers in part, or rates of few cases, are left out: no false dips.
                let sure = |w: &TrendPoint| !w.partial && (kpi == Kpi::Cases || w.kpis.cases >= FEW_CASES);
                let trend: Vec<Option<f64>> =
                    kpis.weeks.iter().map(|w| kpi.value(&w.kpis).filter(|_| sure(w))).collect();
                let (shown, note) = match value {
                    Some(v) => (kpi.format(v, lang), kpi.note(&kpis, i18n, lang).unwrap_or_default()),
                    None => ("–".to_owned(), kpi.reason(&kpis, i18n)),
                };
                let mut definition = kpi.definition(i18n);
                if let (Kpi::Resolution, Some(here)) = (kpi, &resolution_here) {
                    // Chinese sentences follow each other without a space.
                    definition = format!("{definition}{}{here}", if lang == Lang::Zh { "" } else { " " });
                }
                view! { <KpiCard kpi label=kpi.name(i18n) value=shown note trend definition chosen /> }
            })
            .collect_view();
        // A KPI without values over time says why instead of an empty chart.
        let trend_data = StoredValue::new(kpis.clone());
        let trend_empty = move || {
            let kpi = chosen.get();
            trend_data.with_value(|k| {
                let points = if monthly.get() { &k.months } else { &k.weeks };
                (!points.iter().any(|p| kpi.value(&p.kpis).is_some()))
                    .then(|| view! { <p class="muted trend-empty" data-testid="trend-empty">{kpi.reason(k, i18n)}</p> })
            })
        };
        // Each card says what its figure lacks (no list of needs above them); the endings say
        // it for resolution, with a way to mark one.
        let endings = StoredValue::new(kpis.clone());
        view! {
            <section class="panel" data-testid="kpi-panel">
                <div class="panel-head">
                    <h2 class="panel-title">{t!(i18n, kpis.title)}</h2>
                </div>
                {(!kpis.open_known).then(|| view! { <Endings kpis=endings.get_value() /> })}
                <div class="figures kpi-cards">{cards}</div>
                {kpis.open_known.then(|| view! { <Endings kpis=endings.get_value() /> })}
                <KpiTrend kpis=kpis.clone() chosen=chosen monthly=monthly />
                {trend_empty}
            </section>
        }
        .into_any()
    }
}
