//! The overview's KPI cards (each with its weekly trend line) and a trend chart of one KPI
//! per week or month (drawn by [`crate::views::trend`]).

use casemap_engine::format::{self, Lang};
use casemap_engine::service::kpis::{FEW_CASES, KpiValues, TrendPoint};
use leptos::prelude::*;

use crate::app::use_lang;
use crate::i18n::*;
use crate::protocol::{AnalysisKind, AnalysisReport};
use crate::state::use_app_state;
use crate::views::trend::KpiTrend;
use crate::views::widgets::{Figure, NeedsNotice};

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
        let cards = Kpi::ALL
            .iter()
            .map(|&kpi| {
                let value = kpi.value(&kpis.values);
                // Weeks the log covers in part, or rates of few cases, are left out: no false dips.
                let sure = |w: &TrendPoint| !w.partial && (kpi == Kpi::Cases || w.kpis.cases >= FEW_CASES);
                let trend: Vec<Option<f64>> = kpis.weeks.iter().map(|w| kpi.value(&w.kpis).filter(|_| sure(w))).collect();
                let note = match kpi {
                    Kpi::Resolution => kpis.values.p90_resolution_s.map(|p| t_string!(i18n, kpis.p90, time = format::duration(p, lang)).to_string()),
                    Kpi::Cases => Some(t_string!(i18n, kpis.open, count = format::count(kpis.open, lang)).to_string()),
                    _ => value.is_none().then(|| t_string!(i18n, kpis.unavailable).to_string()),
                };
                view! {
                    <button type="button" class="figure-button" class:chosen=move || chosen.get() == kpi on:click=move |_| chosen.set(kpi) data-testid=format!("kpi-{}", kpi.code())>
                        <Figure
                            testid="kpi"
                            label=kpi.name(i18n)
                            value=value.map_or_else(|| "–".to_owned(), |v| kpi.format(v, lang))
                            note=note.unwrap_or_default()
                            trend=trend
                        />
                    </button>
                }
            })
            .collect_view();
        let resolution_note = (!kpis.resolution_from_activities).then(|| {
            view! {
                <p class="notice notice-warning" data-testid="resolution-note">{t!(i18n, kpis.resolution_from_end)}</p>
            }
        });
        view! {
            <section class="panel" data-testid="kpi-panel">
                <div class="panel-head">
                    <h2 class="panel-title">{t!(i18n, kpis.title)}</h2>
                </div>
                {resolution_note}
                <NeedsNotice needs=kpis.needs.clone() />
                <div class="figures">{cards}</div>
                <KpiTrend kpis=kpis.clone() chosen=chosen monthly=monthly />
            </section>
        }
        .into_any()
    }
}
