//! Cases: every case of the filtered log in a sortable, paged list (the worker sorts and
//! sends one page at a time, so a hundred thousand cases cost the page fifty rows), a search
//! by id that narrows the list, and the timeline of the case clicked: activities, agents,
//! waits and attributes.

use casemap_engine::discovery::cases::{CasePage, CaseRow, CaseSort};
use casemap_engine::format::{self, Lang};
use leptos::prelude::*;

use crate::analysis::CASE_PAGE_ROWS;
use crate::context::use_lang;
use crate::i18n::*;
use crate::state::use_app_state;

mod detail;
mod time;

use detail::CaseDetailPanel;
use time::{readable_time, short_time, time_parts};

type I18n = leptos_i18n::I18nContext<Locale>;

/// How long the search waits after a keystroke before it asks the worker.
const SEARCH_PAUSE: std::time::Duration = std::time::Duration::from_millis(250);

/// The cases view.
#[component]
pub fn CasesView() -> impl IntoView {
    let i18n = use_i18n();
    let state = use_app_state();
    let analysis = state.analysis;
    view! {
        <section class="panel cases-view" data-testid="cases-view">
            <div class="panel-head">
                <h2 class="panel-title">{t!(i18n, cases.title)}</h2>
                <CaseSearch />
            </div>
            {move || analysis.case.with(Option::is_some).then(|| view! { <CaseDetailPanel /> })}
            <CaseList />
        </section>
    }
}

/// The search by id: it narrows the list as the user types (after a short pause).
#[component]
fn CaseSearch() -> impl IntoView {
    let i18n = use_i18n();
    let state = use_app_state();
    let query = state.analysis.case_query;
    let text = RwSignal::new(query.with_untracked(|q| q.id_contains.clone()));
    let typed = StoredValue::new(0u32);
    let search = move || {
        let wanted = text.get_untracked();
        if query.with_untracked(|q| q.id_contains != wanted) {
            state.set_case_query(|q| {
                q.id_contains = wanted;
                q.offset = 0;
            });
        }
    };
    let on_input = move |event| {
        text.set(event_target_value(&event));
        typed.update_value(|n| *n = n.wrapping_add(1));
        let mine = typed.get_value();
        set_timeout(
            move || {
                if typed.try_get_value() == Some(mine) {
                    search();
                }
            },
            SEARCH_PAUSE,
        );
    };
    view! {
        <form
            class="case-search"
            role="search"
            on:submit=move |event| {
                event.prevent_default();
                search();
            }
        >
            <label class="field">
                <span>{t!(i18n, cases.search)}</span>
                <input
                    type="search"
                    data-testid="case-search"
                    placeholder=move || t_string!(i18n, cases.placeholder).to_string()
                    prop:value=move || text.get()
                    on:input=on_input
                />
            </label>
            <button type="submit" class="button button-secondary" data-testid="case-search-go">
                {t!(i18n, cases.find)}
            </button>
        </form>
    }
}

/// The columns of the list: how each is sorted, its title, and whether its numbers are
/// right-aligned.
const COLUMNS: [CaseSort; 7] = [
    CaseSort::Id,
    CaseSort::Start,
    CaseSort::End,
    CaseSort::Duration,
    CaseSort::Events,
    CaseSort::LastActivity,
    CaseSort::Status,
];

fn column_code(sort: CaseSort) -> &'static str {
    match sort {
        CaseSort::Id => "id",
        CaseSort::Start => "start",
        CaseSort::End => "end",
        CaseSort::Duration => "duration",
        CaseSort::Events => "events",
        CaseSort::LastActivity => "last-activity",
        CaseSort::Status => "status",
    }
}

fn column_title(i18n: I18n, sort: CaseSort) -> String {
    match sort {
        CaseSort::Id => t_string!(i18n, cases.col_id),
        CaseSort::Start => t_string!(i18n, cases.col_start),
        CaseSort::End => t_string!(i18n, cases.col_end),
        CaseSort::Duration => t_string!(i18n, cases.duration),
        CaseSort::Events => t_string!(i18n, cases.events),
        CaseSort::LastActivity => t_string!(i18n, cases.col_last_activity),
        CaseSort::Status => t_string!(i18n, fields.status),
    }
    .to_string()
}

/// Counts and durations are looked at largest first; names and times from the start.
fn first_descending(sort: CaseSort) -> bool {
    matches!(sort, CaseSort::Duration | CaseSort::Events)
}

fn numeric(sort: CaseSort) -> bool {
    matches!(sort, CaseSort::Duration | CaseSort::Events)
}

/// The sortable list, its count and its pager.
#[component]
fn CaseList() -> impl IntoView {
    let i18n = use_i18n();
    let lang = use_lang();
    let state = use_app_state();
    let a = state.analysis;
    move || {
        let Some(page) = a.case_page.get() else {
            return view! {
                <p class="muted" data-testid="case-list-loading">
                    {t!(i18n, cases.loading_list)}
                </p>
            }
            .into_any();
        };
        if page.total == 0 {
            return view! {
                <p class="notice notice-warning" data-testid="case-list-total">
                    {t!(i18n, cases.none)}
                </p>
            }
            .into_any();
        }
        let columns: Vec<CaseSort> =
            COLUMNS.into_iter().filter(|c| *c != CaseSort::Status || page.has_status).collect();
        let head = columns.iter().map(|&c| view! { <SortHeader column=c /> }).collect_view();
        let rows = page.rows.iter().map(|row| case_row(row.clone(), &columns, lang(), state)).collect_view();
        let total = page.total;
        view! {
            <p class="muted case-list-total" data-testid="case-list-total">
                {move || range_text(i18n, &page, lang())}
            </p>
            <div class="table-scroll">
                <table class="table case-list-table" data-testid="case-list">
                    <thead>
                        <tr>{head}</tr>
                    </thead>
                    <tbody>{rows}</tbody>
                </table>
            </div>
            <Pager total=total />
        }
        .into_any()
    }
}

/// "1–50 of 2,000 cases".
fn range_text(i18n: I18n, page: &CasePage, lang: Lang) -> String {
    let from = page.offset + 1;
    let to = page.offset + page.rows.len() as u64;
    t_string!(
        i18n,
        cases.range,
        count = page.total,
        from = format::count(from, lang),
        to = format::count(to, lang),
        total = format::count(page.total, lang)
    )
    .to_string()
}

/// A column title that sorts the list: a click sorts by it, a second click turns the order.
#[component]
fn SortHeader(column: CaseSort) -> impl IntoView {
    let i18n = use_i18n();
    let state = use_app_state();
    let query = state.analysis.case_query;
    let sorted = move || query.with(|q| (q.sort == column).then_some(q.descending));
    let aria = move || match sorted() {
        Some(true) => "descending",
        Some(false) => "ascending",
        None => "none",
    };
    let arrow = move || match sorted() {
        Some(true) => "▼",
        Some(false) => "▲",
        None => "",
    };
    let on_click = move |_| {
        state.set_case_query(|q| {
            q.descending = if q.sort == column { !q.descending } else { first_descending(column) };
            q.sort = column;
            q.offset = 0;
        })
    };
    view! {
        <th scope="col" class=format!("col-{}", column_code(column)) class:num=numeric(column) aria-sort=aria>
            <button
                type="button"
                class="sort-button"
                data-testid=format!("sort-{}", column_code(column))
                on:click=on_click
            >
                {move || column_title(i18n, column)}
                <span class="sort-arrow" aria-hidden="true">
                    {arrow}
                </span>
            </button>
        </th>
    }
}

fn case_row(row: CaseRow, columns: &[CaseSort], lang: Lang, state: crate::state::AppState) -> impl IntoView + use<> {
    let id = row.id.clone();
    let open = {
        let id = id.clone();
        move || state.show_case(id.clone())
    };
    let open_key = open.clone();
    let current = {
        let id = id.clone();
        move || state.analysis.case.with(|c| c.as_ref().is_some_and(|(shown, _)| *shown == id))
    };
    let cells = columns
        .iter()
        .map(|&c| match c {
            CaseSort::Id => view! { <td class="name case-id">{row.id.clone()}</td> }.into_any(),
            CaseSort::Start => view! {
                <td class="case-time col-start" title=readable_time(&row.start)>
                    {time_parts(&short_time(&row.start))}
                </td>
            }
            .into_any(),
            CaseSort::End => view! {
                <td class="case-time col-end" title=readable_time(&row.end)>
                    {time_parts(&short_time(&row.end))}
                </td>
            }
            .into_any(),
            CaseSort::Duration => view! {
                <td class="num nowrap" data-testid="case-duration-cell">
                    {format::duration(row.duration_s, lang)}
                </td>
            }
            .into_any(),
            CaseSort::Events => view! { <td class="num">{format::count(row.events, lang)}</td> }.into_any(),
            CaseSort::LastActivity => view! { <td>{row.last_activity.clone()}</td> }.into_any(),
            CaseSort::Status => view! { <td>{row.status.clone().unwrap_or_default()}</td> }.into_any(),
        })
        .collect_view();
    view! {
        <tr
            class="clickable"
            class:current=current
            data-testid="case-row"
            data-case=id
            data-duration=row.duration_s.to_string()
            tabindex="0"
            on:click=move |_| open()
            on:keydown=move |event: web_sys::KeyboardEvent| {
                if matches!(event.key().as_str(), "Enter" | " ") {
                    event.prevent_default();
                    open_key();
                }
            }
        >
            {cells}
        </tr>
    }
}

/// Previous and next page.
#[component]
fn Pager(total: u64) -> impl IntoView {
    let i18n = use_i18n();
    let lang = use_lang();
    let state = use_app_state();
    let query = state.analysis.case_query;
    let pages = total.div_ceil(CASE_PAGE_ROWS as u64).max(1);
    let at = move || query.with(|q| q.offset / CASE_PAGE_ROWS) as u64 + 1;
    let on_first = move || at() <= 1;
    let on_last = move || at() >= pages;
    let go = move |delta: i64| {
        state.set_case_query(|q| {
            let offset = q.offset as i64 + delta * CASE_PAGE_ROWS as i64;
            q.offset = offset.clamp(0, ((pages - 1) * CASE_PAGE_ROWS as u64) as i64) as usize;
        })
    };
    (pages > 1).then(|| {
        view! {
            <nav class="pager" aria-label=move || t_string!(i18n, cases.pages).to_string()>
                <button
                    type="button"
                    class="button button-secondary button-small"
                    data-testid="case-page-previous"
                    disabled=on_first
                    on:click=move |_| go(-1)
                >
                    {t!(i18n, cases.previous)}
                </button>
                <span class="muted" data-testid="case-page">
                    {move || {
                        t_string!(
                            i18n, cases.page, page = format::count(at(), lang()), pages = format::count(pages, lang())
                        )
                            .to_string()
                    }}
                </span>
                <button
                    type="button"
                    class="button button-secondary button-small"
                    data-testid="case-page-next"
                    disabled=on_last
                    on:click=move |_| go(1)
                >
                    {t!(i18n, cases.next)}
                </button>
            </nav>
        }
    })
}
