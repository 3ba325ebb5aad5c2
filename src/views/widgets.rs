//! Building blocks of the analysis views: figure cards, ranked tables whose rows can become
//! filters, horizontal bar charts ([`crate::views::bars`]), and the notice that names a missing
//! column.
//!
//! Every text goes in as a text node or through plotters (which escapes it): activity names,
//! values and agents are untrusted input.

use casemap_engine::filter::Filter;
use casemap_engine::format::{self, Lang};
use casemap_engine::service::{Need, Step};
use leptos::prelude::*;

use crate::i18n::*;
use crate::state::{JobView, use_app_state};
pub use crate::views::bars::BarChart;
use crate::views::job::BackToMapping;
pub use crate::views::plot::Axis;

/// One cell of a ranked table.
#[derive(Debug, Clone, PartialEq)]
pub enum Cell {
    /// Text (a name, a value).
    Text(String),
    /// Text shown faint (a missing value's placeholder).
    Faint(String),
    /// A count, with thousands separators.
    Count(u64),
    /// A duration in seconds, in d/h/min.
    Duration(Option<f64>),
    /// A ratio (0 to 1) as a percentage.
    Percent(Option<f64>),
    /// A ratio (0 to 1) as a bar and a percentage.
    Share(f64),
    /// A number with so many decimals.
    Number(Option<f64>, usize),
    /// A multiplier (`3.1×`).
    Times(Option<f64>),
}

impl Cell {
    fn numeric(&self) -> bool {
        !matches!(self, Cell::Text(_) | Cell::Faint(_) | Cell::Share(_))
    }

    /// The cell as text.
    pub fn text(&self, lang: Lang) -> String {
        let none = || "–".to_owned();
        match self {
            Cell::Text(t) | Cell::Faint(t) => t.clone(),
            Cell::Count(n) => format::count(*n, lang),
            Cell::Duration(d) => d.map_or_else(none, |d| format::duration(d, lang)),
            Cell::Percent(p) => p.map_or_else(none, |p| format::percent(p, lang)),
            Cell::Share(p) => format::percent(*p, lang),
            Cell::Number(x, digits) => x.map_or_else(none, |x| format::decimal(x, *digits, lang)),
            Cell::Times(x) => x.map_or_else(none, |x| format!("{}×", format::decimal(x, 1, lang))),
        }
    }
}

/// A row: its cells, and the filter a click on it adds (if any).
#[derive(Debug, Clone, PartialEq)]
pub struct Row {
    /// The cells.
    pub cells: Vec<Cell>,
    /// What clicking the row keeps.
    pub filter: Option<Filter>,
}

impl Row {
    /// A row that is not clickable.
    pub fn new(cells: Vec<Cell>) -> Row {
        Row { cells, filter: None }
    }

    /// A row that filters on click.
    pub fn filtering(cells: Vec<Cell>, filter: Option<Filter>) -> Row {
        Row { cells, filter }
    }
}

/// A ranked table. `headers` are the column titles (already translated); rows with a filter
/// are buttons that add it to the chain.
#[component]
pub fn DataTable(
    /// Test id of the table.
    testid: &'static str,
    /// Column titles.
    headers: Vec<String>,
    /// Rows.
    rows: Vec<Row>,
    /// Number and unit language.
    lang: Lang,
) -> impl IntoView {
    let i18n = use_i18n();
    let state = use_app_state();
    let numeric: Vec<bool> = rows.first().map(|r| r.cells.iter().map(Cell::numeric).collect()).unwrap_or_default();
    let head = headers
        .into_iter()
        .enumerate()
        .map(|(i, h)| {
            let class = if numeric.get(i).copied().unwrap_or(false) { "num" } else { "" };
            view! { <th scope="col" class=class>{h}</th> }
        })
        .collect_view();
    let body = rows
        .into_iter()
        .map(|row| {
            let clickable = row.filter.is_some();
            let filter = StoredValue::new(row.filter);
            let cells = row
                .cells
                .into_iter()
                .enumerate()
                .map(|(i, cell)| {
                    let text = cell.text(lang);
                    match cell {
                        Cell::Share(p) => view! {
                            <td class="share-cell">
                                <progress class="share-bar" max="1" value=p.clamp(0.0, 1.0).to_string()></progress>
                                <span class="num">{text}</span>
                            </td>
                        }
                        .into_any(),
                        Cell::Faint(_) => view! { <td class="muted">{text}</td> }.into_any(),
                        other => {
                            let class = if other.numeric() { "num" } else if i == 0 { "name" } else { "" };
                            view! { <td class=class>{text}</td> }.into_any()
                        }
                    }
                })
                .collect_view();
            view! {
                <tr
                    class:clickable=clickable
                    data-testid="row"
                    title=move || if clickable { t_string!(i18n, analyses.click_to_filter).to_string() } else { String::new() }
                    tabindex=if clickable { "0" } else { "-1" }
                    on:click=move |_| {
                        if let Some(filter) = filter.get_value() {
                            state.add_filter(filter);
                        }
                    }
                    on:keydown=move |event: web_sys::KeyboardEvent| {
                        // Keyboard users reach clickable rows with Tab and choose them with
                        // Enter or Space.
                        if matches!(event.key().as_str(), "Enter" | " ")
                            && let Some(filter) = filter.get_value()
                        {
                            event.prevent_default();
                            state.add_filter(filter);
                        }
                    }
                >
                    {cells}
                </tr>
            }
        })
        .collect_view();
    view! {
        <div class="table-scroll">
            <table class="table data-table" data-testid=testid>
                <thead><tr>{head}</tr></thead>
                <tbody>{body}</tbody>
            </table>
        </div>
    }
}

/// A figure card: a label, a value, and an optional line below.
#[component]
pub fn Figure(
    /// Test id.
    testid: &'static str,
    /// The label (translated).
    label: String,
    /// The value, formatted.
    value: String,
    /// A line under the value.
    #[prop(optional)]
    note: Option<String>,
    /// A small trend line (values per period; `None` where a period has none).
    #[prop(optional)]
    trend: Option<Vec<Option<f64>>>,
) -> impl IntoView {
    view! {
        <div class="figure" data-testid=testid>
            <span class="figure-label">{label}</span>
            <span class="figure-value" data-testid="figure-value">{value}</span>
            {note.map(|n| view! { <span class="figure-note">{n}</span> })}
            {trend.filter(|t| t.iter().flatten().count() >= 2).map(|t| view! { <Sparkline values=t /> })}
        </div>
    }
}

/// A tiny line of values, scaled to its own range (no axes: a shape, not a chart).
#[component]
pub fn Sparkline(values: Vec<Option<f64>>) -> impl IntoView {
    let (w, h) = (120.0, 28.0);
    let known: Vec<f64> = values.iter().flatten().copied().collect();
    let (lo, hi) = known.iter().fold((f64::INFINITY, f64::NEG_INFINITY), |(a, b), &v| (a.min(v), b.max(v)));
    let span = if hi > lo { hi - lo } else { 1.0 };
    let step = if values.len() > 1 { w / (values.len() - 1) as f64 } else { w };
    let mut d = String::new();
    let mut pen_down = false;
    for (i, v) in values.iter().enumerate() {
        match v {
            Some(v) => {
                let (x, y) = (i as f64 * step, h - 2.0 - (v - lo) / span * (h - 4.0));
                d.push_str(&format!("{}{x:.1},{y:.1} ", if pen_down { "L" } else { "M" }));
                pen_down = true;
            }
            None => pen_down = false,
        }
    }
    view! {
        <svg class="sparkline" viewBox=format!("0 0 {w} {h}") preserveAspectRatio="none" aria-hidden="true">
            <path d=d />
        </svg>
    }
}

/// The name of what a log lacks, for "this needs …" notices.
pub fn need_name(i18n: leptos_i18n::I18nContext<Locale>, need: Need) -> String {
    match need {
        Need::Resource => t_string!(i18n, needs.resource).to_string(),
        Need::Team => t_string!(i18n, needs.team).to_string(),
        Need::Priority => t_string!(i18n, needs.priority).to_string(),
        Need::Channel => t_string!(i18n, needs.channel).to_string(),
        Need::CaseType => t_string!(i18n, needs.case_type).to_string(),
        Need::SlaDue => t_string!(i18n, needs.sla_due).to_string(),
        Need::Csat => t_string!(i18n, needs.csat).to_string(),
        Need::StartTime => t_string!(i18n, needs.start_time).to_string(),
        Need::Activity(step) => t_string!(i18n, needs.activity, step = step_name(i18n, step)).to_string(),
    }
}

/// A service step's name.
pub fn step_name(i18n: leptos_i18n::I18nContext<Locale>, step: Step) -> String {
    match step {
        Step::Reopened => t_string!(i18n, steps.reopened),
        Step::Reassigned => t_string!(i18n, steps.reassigned),
        Step::Escalated => t_string!(i18n, steps.escalated),
        Step::SlaViolated => t_string!(i18n, steps.sla_violated),
        Step::TypeChanged => t_string!(i18n, steps.type_changed),
        Step::PriorityChanged => t_string!(i18n, steps.priority_changed),
        Step::Acknowledged => t_string!(i18n, steps.acknowledged),
        Step::WaitingForCustomer => t_string!(i18n, steps.waiting_for_customer),
        Step::CustomerResponded => t_string!(i18n, steps.customer_responded),
        Step::CustomerContact => t_string!(i18n, steps.customer_contact),
        Step::Resolved => t_string!(i18n, steps.resolved),
        Step::Closed => t_string!(i18n, steps.closed),
        Step::Assigned => t_string!(i18n, steps.assigned),
        Step::Created => t_string!(i18n, steps.created),
    }
    .to_string()
}

/// What the log lacks for an analysis, with a way back to the mapping step when there is one.
#[component]
pub fn NeedsNotice(needs: Vec<Need>) -> impl IntoView {
    let i18n = use_i18n();
    let state = use_app_state();
    let can_map = matches!(state.job.get_untracked(), JobView::Loaded { back: Some(_), .. });
    (!needs.is_empty()).then(|| {
        let items = needs
            .into_iter()
            .map(|need| view! { <li data-testid="need">{move || need_name(i18n, need)}</li> })
            .collect_view();
        view! {
            <div class="notice notice-warning needs" data-testid="needs">
                <p>{t!(i18n, needs.lead)}</p>
                <ul>{items}</ul>
                {can_map.then(|| view! { <div class="panel-actions"><BackToMapping testid="needs-to-mapping" /></div> })}
            </div>
        }
    })
}
