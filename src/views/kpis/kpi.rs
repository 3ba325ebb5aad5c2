//! The KPIs of the overview: their names, definitions, values and why one has none.

use casemap_engine::format::{self, Lang};
use casemap_engine::service::kpis::{KpiValues, Kpis};
use casemap_engine::service::{Need, Step};

use crate::i18n::*;

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
    pub(super) const ALL: [Kpi; 9] = [
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

    pub(super) fn code(self) -> &'static str {
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
    pub(super) fn definition(self, i18n: I18n) -> String {
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
    pub(super) fn reason(self, kpis: &Kpis, i18n: I18n) -> String {
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
    pub(super) fn note(self, kpis: &Kpis, i18n: I18n, lang: Lang) -> Option<String> {
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
