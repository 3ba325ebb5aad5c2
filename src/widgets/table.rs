//! Ranked tables: rows of cells (names, counts, durations, shares) whose rows can become
//! filters when clicked or chosen with the keyboard.
//!
//! Every text goes in as a text node: activity names, values and agents are untrusted input.

use casemap_engine::filter::Filter;
use casemap_engine::format::{self, Lang};
use leptos::prelude::*;

use crate::i18n::*;
use crate::state::use_app_state;

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
    /// Render nothing, not an empty table, when there are no rows.
    #[prop(optional)]
    hide_empty: bool,
    /// A heading shown above the table (and hidden with it).
    #[prop(optional, into)]
    heading: Option<String>,
) -> impl IntoView {
    if hide_empty && rows.is_empty() {
        return ().into_any();
    }
    let i18n = use_i18n();
    let state = use_app_state();
    let numeric: Vec<bool> = rows.first().map(|r| r.cells.iter().map(Cell::numeric).collect()).unwrap_or_default();
    let head = headers
        .into_iter()
        .enumerate()
        .map(|(i, h)| {
            let class = if numeric.get(i).copied().unwrap_or(false) { "num" } else { "" };
            view! {
                <th scope="col" class=class>
                    {h}
                </th>
            }
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
                            let class = if other.numeric() {
                                "num"
                            } else if i == 0 {
                                "name"
                            } else {
                                ""
                            };
                            view! { <td class=class>{text}</td> }.into_any()
                        }
                    }
                })
                .collect_view();
            view! {
                <tr
                    class:clickable=clickable
                    data-testid="row"
                    title=move || {
                        if clickable { t_string!(i18n, analyses.click_to_filter).to_string() } else { String::new() }
                    }
                    tabindex=if clickable { "0" } else { "-1" }
                    on:click=move |_| {
                        if let Some(filter) = filter.get_value() {
                            state.add_filter(filter);
                        }
                    }
                    on:keydown=move |event: web_sys::KeyboardEvent| {
                        if matches!(event.key().as_str(), "Enter" | " ") && let Some(filter) = filter.get_value() {
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
        {heading.map(|h| view! { <h3>{h}</h3> })}
        <div class="table-scroll">
            <table class="table data-table" data-testid=testid>
                <thead>
                    <tr>{head}</tr>
                </thead>
                <tbody>{body}</tbody>
            </table>
        </div>
    }
    .into_any()
}

/// One of several tables with the same columns, each for one grouping (by channel, by team...).
pub struct GroupTable {
    /// Test id of the table.
    pub testid: &'static str,
    /// Title of the first column: what the rows are grouped by.
    pub group: String,
    /// Rows.
    pub rows: Vec<Row>,
}

/// Tables of one shape, one per grouping; a grouping with no rows shows no table.
#[component]
pub fn GroupTables(
    /// The groupings.
    tables: Vec<GroupTable>,
    /// Titles of the columns after the first, the same in every table.
    columns: Vec<String>,
    /// Number and unit language.
    lang: Lang,
) -> impl IntoView {
    tables
        .into_iter()
        .map(|t| {
            let headers = std::iter::once(t.group).chain(columns.iter().cloned()).collect();
            view! { <DataTable hide_empty=true testid=t.testid headers=headers rows=t.rows lang=lang /> }
        })
        .collect_view()
}
