//! The warehouse path: the form that writes the query for the user's warehouse, and an opened
//! result with its map and variants (no events: no filters, cases or service analyses).

use casemap_engine::format;
use casemap_engine::warehouse::{Dialect, SqlRequest, sql};
use leptos::html;
use leptos::prelude::*;

use crate::analysis::Tab;
use crate::context::use_lang;
use crate::i18n::*;
use crate::names::source_name;
use crate::state::{JobView, use_app_state};
use crate::views::map::MapPanel;
use crate::views::variants::VariantsPanel;
use crate::widgets::{ChooseAnother, InputField};

/// The dialects as the select lists them.
fn dialect_label(d: Dialect) -> &'static str {
    match d {
        Dialect::Duckdb => "DuckDB",
        Dialect::Postgres => "PostgreSQL",
        Dialect::Spark => "Spark SQL / Databricks",
        Dialect::Bigquery => "BigQuery",
        Dialect::Snowflake => "Snowflake",
    }
}

/// The query's form, the query, and the picker of its saved result.
#[component]
pub fn WarehouseSetup() -> impl IntoView {
    let i18n = use_i18n();
    let dialect = RwSignal::new(Dialect::Snowflake);
    let table = RwSignal::new("support.case_events".to_owned());
    let case = RwSignal::new("case_id".to_owned());
    let activity = RwSignal::new("activity".to_owned());
    let timestamp = RwSignal::new("event_time".to_owned());
    let resource = RwSignal::new(String::new());
    let order = RwSignal::new(String::new());
    let top = RwSignal::new("1000".to_owned());
    let optional = |s: String| (!s.trim().is_empty()).then(|| s.trim().to_owned());
    let query = Memo::new(move |_| {
        let request = SqlRequest {
            dialect: dialect.get(),
            table: table.get(),
            case: case.get(),
            activity: activity.get(),
            timestamp: timestamp.get(),
            resource: optional(resource.get()),
            order: optional(order.get()),
            filter: Default::default(),
            top: top.get().trim().parse().unwrap_or(1000),
        };
        // The only error without a filter chain: an empty name (the table's too).
        if request.table.trim().is_empty() {
            return None;
        }
        sql(&request).ok()
    });
    let save = move |_| {
        if let Some(text) = query.get_untracked()
            && let Err(error) = crate::download::save_text("casemap-map.sql", &text, "application/sql;charset=utf-8")
        {
            web_sys::console::error_2(&"casemap: cannot save the query".into(), &error);
        }
    };
    view! {
        <section class="panel warehouse" data-testid="warehouse-setup">
            <h2 class="panel-title">{t!(i18n, warehouse.title)}</h2>
            <p class="panel-lead">{t!(i18n, warehouse.lead)}</p>
            <ol class="warehouse-steps">
                <li>
                    <h3>{t!(i18n, warehouse.step_query)}</h3>
                    <div class="warehouse-form">
                        <label class="field">
                            <span>{t!(i18n, warehouse.dialect)}</span>
                            <select
                                data-testid="warehouse-dialect"
                                on:change=move |e| {
                                    if let Ok(d) = event_target_value(&e).parse() {
                                        dialect.set(d);
                                    }
                                }
                            >
                                {Dialect::ALL
                                    .into_iter()
                                    .map(|d| {
                                        view! {
                                            <option value=d.name() selected=move || dialect.get() == d>
                                                {dialect_label(d)}
                                            </option>
                                        }
                                    })
                                    .collect_view()}
                            </select>
                        </label>
                        <InputField kind="text" testid="warehouse-table" value=table>
                            {t!(i18n, warehouse.table)}
                        </InputField>
                        <InputField kind="text" testid="warehouse-case" value=case>
                            {t!(i18n, warehouse.case)}
                        </InputField>
                        <InputField kind="text" testid="warehouse-activity" value=activity>
                            {t!(i18n, warehouse.activity)}
                        </InputField>
                        <InputField kind="text" testid="warehouse-timestamp" value=timestamp>
                            {t!(i18n, warehouse.timestamp)}
                        </InputField>
                        <InputField kind="text" testid="warehouse-resource" value=resource>
                            {t!(i18n, warehouse.resource)}
                        </InputField>
                        <InputField kind="text" testid="warehouse-order" value=order>
                            {t!(i18n, warehouse.order)}
                        </InputField>
                        <InputField kind="number" testid="warehouse-top" value=top>
                            {t!(i18n, warehouse.top)}
                        </InputField>
                    </div>
                    {move || match query.get() {
                        Some(text) => {
                            view! {
                                <pre class="warehouse-sql" data-testid="warehouse-sql" tabindex="0">
                                    {text}
                                </pre>
                            }
                                .into_any()
                        }
                        None => {
                            view! {
                                <p class="notice notice-error" data-testid="warehouse-sql-error">
                                    {t!(i18n, warehouse.fill_columns)}
                                </p>
                            }
                                .into_any()
                        }
                    }}
                    <p class="muted">{t!(i18n, warehouse.query_hint)}</p>
                    <div class="panel-actions">
                        <button
                            type="button"
                            class="button button-secondary"
                            data-testid="warehouse-save-sql"
                            disabled=move || query.with(Option::is_none)
                            on:click=save
                        >
                            {t!(i18n, warehouse.save_sql)}
                        </button>
                    </div>
                </li>
                <ResultPicker />
            </ol>
        </section>
    }
}

/// The second step: open the saved result.
#[component]
fn ResultPicker() -> impl IntoView {
    let i18n = use_i18n();
    let state = use_app_state();
    let input = NodeRef::<html::Input>::new();
    let on_pick = move |_| {
        if let Some(input) = input.get() {
            if let Some(file) = input.files().and_then(|files| files.get(0)) {
                state.open_warehouse(file);
            }
            input.set_value("");
        }
    };
    view! {
        <li>
            <h3>{t!(i18n, warehouse.step_result)}</h3>
            <p>{t!(i18n, warehouse.result_hint)}</p>
            <div class="panel-actions">
                <button
                    type="button"
                    class="button button-primary"
                    data-testid="warehouse-open"
                    on:click=move |_| {
                        if let Some(input) = input.get() {
                            input.click();
                        }
                    }
                >
                    {t!(i18n, warehouse.open_result)}
                </button>
                <ChooseAnother primary=false />
            </div>
            <input
                type="file"
                class="visually-hidden"
                accept=".csv,.json,.tsv,.txt,text/csv,application/json"
                data-testid="warehouse-file"
                node_ref=input
                on:change=on_pick
                tabindex="-1"
            />
        </li>
    }
}

/// An opened result: what it holds, then its map and variants as tabs.
#[component]
pub fn WarehouseWorkspace() -> impl IntoView {
    let i18n = use_i18n();
    let lang = use_lang();
    let state = use_app_state();
    let JobView::Warehouse { source, summary } = state.job.get_untracked() else {
        return ().into_any();
    };
    let analysis = state.analysis;
    let summary = *summary;
    let coverage = summary.coverage;
    let headline = {
        let summary = summary.clone();
        move || {
            let l = lang();
            t_string!(
                i18n,
                warehouse.summary,
                count = summary.cases,
                cases = format::count(summary.cases, l),
                events = format::count(summary.events, l),
                activities = format::count(summary.activities, l),
            )
            .to_string()
        }
    };
    let period = {
        let (first, last) = (summary.first.clone(), summary.last.clone());
        move || match (&first, &last) {
            (Some(a), Some(b)) => format!("{} – {}", &a[..a.len().min(10)], &b[..b.len().min(10)]),
            _ => String::new(),
        }
    };
    let coverage_text = move || {
        let l = lang();
        if coverage.complete() {
            t_string!(
                i18n,
                warehouse.coverage_complete,
                count = coverage.variants,
                variants = format::count(coverage.variants, l)
            )
            .to_string()
        } else {
            let share = coverage.listed_cases as f64 / coverage.cases.max(1) as f64;
            t_string!(
                i18n,
                warehouse.coverage_partial,
                listed = format::count(coverage.listed_variants, l),
                variants = format::count(coverage.variants, l),
                share = format::percent(share, l)
            )
            .to_string()
        }
    };
    let skipped = summary.skipped_rows;
    let tab = analysis.tab;
    let open = move |t: Tab| state.open_tab(t, lang());
    let tab_button = move |t: Tab, testid: &'static str, label: Box<dyn Fn() -> String + Send + Sync>| {
        view! {
            <button
                type="button"
                role="tab"
                class="tab"
                data-testid=testid
                aria-selected=move || (tab.get() == t).to_string()
                on:click=move |_| open(t)
            >
                {label}
            </button>
        }
    };
    view! {
        <section class="panel warehouse-loaded" data-testid="warehouse-loaded">
            <h2 class="panel-title">{move || source_name(i18n, &source)}</h2>
            <p class="panel-figures">
                <span data-testid="warehouse-summary">{headline}</span>
                <span>{period}</span>
            </p>
            <p
                class="notice"
                class:notice-ok=coverage.complete()
                class:notice-warning=!coverage.complete()
                data-testid="warehouse-coverage"
            >
                {coverage_text}
                " "
                {t!(i18n, warehouse.bridged_waits)}
            </p>
            <Show when=move || { skipped > 0 }>
                <p class="notice notice-warning" data-testid="warehouse-skipped">
                    {move || {
                        t_string!(i18n, warehouse.skipped_rows, count = skipped, rows = format::count(skipped, lang()))
                            .to_string()
                    }}
                </p>
            </Show>
            <div class="panel-actions">
                <ChooseAnother primary=false />
            </div>
        </section>
        <div class="tabs" role="tablist">
            {tab_button(Tab::Map, "tab-map", Box::new(move || t_string!(i18n, workspace.map).to_string()))}
            {tab_button(
                Tab::Variants,
                "tab-variants",
                Box::new(move || t_string!(i18n, workspace.variants).to_string()),
            )}
        </div>
        <div class="tab-panel" role="tabpanel" data-testid="tab-panel">
            {move || match tab.get() {
                Tab::Variants => view! { <VariantsPanel /> }.into_any(),
                _ => view! { <MapPanel /> }.into_any(),
            }}
        </div>
    }
    .into_any()
}
