//! The trend chart of one KPI per week or month, as wide as its box, drawn by
//! [`crate::widgets::line`]: each point tells, on hover, its period, its figure and the cases
//! it rests on; a point over few cases or a period covered in part is drawn faint.

use casemap_engine::service::kpis::{FEW_CASES, Kpis};
use leptos::prelude::*;

use super::kpi::Kpi;
use crate::context::use_lang;
use crate::i18n::*;
use crate::widgets::drawn::DrawnChart;
use crate::widgets::line::{FaintNote, TrendPoint, trend_svg};
use crate::widgets::plot::{Axis, use_width};

/// The axis of a KPI's values.
pub fn kpi_axis(kpi: Kpi, lang: casemap_engine::format::Lang) -> Axis {
    match kpi {
        Kpi::Cases => Axis::Count(lang),
        Kpi::Resolution | Kpi::Acknowledgement => Axis::Duration(lang),
        Kpi::Handoffs => Axis::Decimal(lang),
        _ => Axis::Percent(lang),
    }
}

/// The trend of the chosen KPI, per week or per month.
#[component]
pub fn KpiTrend(
    /// The KPIs with their trends.
    kpis: Kpis,
    /// The KPI shown.
    chosen: RwSignal<Kpi>,
    /// Per month rather than per week.
    monthly: RwSignal<bool>,
) -> impl IntoView {
    let i18n = use_i18n();
    let lang = use_lang();
    let node = NodeRef::<leptos::html::Div>::new();
    let width = use_width(node);
    let kpis = StoredValue::new(kpis);
    let points = move || -> Vec<TrendPoint> {
        let kpi = chosen.get();
        kpis.with_value(|k| {
            if monthly.get() { &k.months } else { &k.weeks }
                .iter()
                .map(|p| TrendPoint {
                    start: p.start.clone(),
                    value: kpi.value(&p.kpis),
                    cases: Some(p.kpis.cases),
                    // A count of cases rests on no sample: only a rate or a median over few cases is weak.
                    sampled: kpi != Kpi::Cases,
                    partial: p.partial,
                })
                .collect()
        })
    };
    let faint = move || points().iter().any(|p| p.value.is_some() && p.weak());
    let chart = move || {
        let (width, lang, kpi) = (width.get()?, lang(), chosen.get());
        let period = if monthly.get() { t_string!(i18n, kpis.month_of) } else { t_string!(i18n, kpis.week_of) };
        let tip = |p: &TrendPoint| {
            let value = p.value.map_or_else(|| "–".to_owned(), |v| kpi.format(v, lang));
            let cases = casemap_engine::format::count(p.cases.unwrap_or(0), lang);
            let mut text =
                t_string!(i18n, kpis.point_tip, period = period, start = p.start.clone(), value = value, cases = cases)
                    .to_string();
            if p.partial {
                text.push('\n');
                text.push_str(t_string!(i18n, kpis.partial_period));
            } else if p.weak() {
                text.push('\n');
                text.push_str(&t_string!(i18n, kpis.few_cases, least = FEW_CASES.to_string()).to_string());
            }
            text
        };
        match trend_svg(&points(), kpi_axis(kpi, lang), width, &tip) {
            Ok(drawn) => drawn.map(|drawn| view! { <DrawnChart drawn testid="trend-point" /> }),
            Err(e) => {
                web_sys::console::error_1(&format!("casemap: chart: {e}").into());
                None
            }
        }
    };
    view! {
        <figure class="chart trend-chart" data-testid="kpi-trend">
            <figcaption>
                <span class="chart-title">
                    {move || t_string!(i18n, kpis.trend, kpi = chosen.get().name(i18n)).to_string()}
                </span>
                <span class="segmented">
                    <button
                        type="button"
                        aria-pressed=move || (!monthly.get()).to_string()
                        data-testid="trend-weeks"
                        on:click=move |_| monthly.set(false)
                    >
                        {t!(i18n, kpis.weekly)}
                    </button>
                    <button
                        type="button"
                        aria-pressed=move || monthly.get().to_string()
                        data-testid="trend-months"
                        on:click=move |_| monthly.set(true)
                    >
                        {t!(i18n, kpis.monthly)}
                    </button>
                </span>
            </figcaption>
            <div class="chart-svg" node_ref=node>
                {chart}
            </div>
            {move || faint().then(|| view! { <FaintNote /> })}
        </figure>
    }
}
