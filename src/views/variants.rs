//! The variants: cases grouped by their path, the most frequent first, with share bars and
//! durations; chosen variants become a filter step and are shown on the map.

use casemap_engine::format;
use leptos::prelude::*;

use crate::context::use_lang;
use crate::i18n::*;
use crate::protocol::VariantRow;
use crate::state::use_app_state;

/// Activities of a variant shown before the rest is summarised.
const SHOWN_STEPS: usize = 12;

/// Variants listed at first, and added by each "show more" (a table of a thousand rows of
/// chips takes a second to build; the first hundred cover most cases).
const PAGE_ROWS: usize = 100;

/// The columns whose cells say what they are when a phone stacks them (`data-label`).
#[derive(Clone, Copy)]
enum Column {
    Cases,
    Coverage,
    Median,
    Mean,
}

/// The variants view.
#[component]
pub fn VariantsPanel() -> impl IntoView {
    let i18n = use_i18n();
    let lang = use_lang();
    let state = use_app_state();
    let analysis = state.analysis;
    // Variants ticked in this view; the button keeps only their cases (a filter step) and
    // shows the map.
    let ticked = RwSignal::new(Vec::<u32>::new());
    let listed = RwSignal::new(PAGE_ROWS);
    move || {
        let Some(head) = analysis.variants.with(|v| v.as_ref().map(|v| (v.total, v.cases, v.rows.len()))) else {
            return view! {
                <section class="panel">
                    <p class="muted">{t!(i18n, variants.loading)}</p>
                </section>
            }
            .into_any();
        };
        let (total, _cases, shown) = head;
        let top10 = analysis
            .variants
            .with(|v| v.as_ref().and_then(|v| v.rows.get(shown.min(10).saturating_sub(1)).map(|r| r.coverage)));
        let rows = analysis.variants.with(|v| {
            v.as_ref()
                .map(|v| {
                    v.rows
                        .iter()
                        .take(listed.get())
                        .enumerate()
                        .map(|(i, row)| {
                            let shown_steps: Vec<String> = v.names(row).take(SHOWN_STEPS).map(str::to_owned).collect();
                            view! { <VariantLine rank=i + 1 row=row.clone() shown_steps ticked /> }
                        })
                        .collect_view()
                })
                .unwrap_or_default()
        });
        let coverage_text = move |coverage: f64| {
            let share = format::percent(coverage, lang());
            t_string!(i18n, variants.coverage, count = shown.min(10), n = shown.min(10), share = share).to_string()
        };
        let limited_text = move || {
            let (shown, total_text) = (format::count(shown as u64, lang()), format::count(total, lang()));
            t_string!(i18n, variants.limited, count = total, shown = shown, total = total_text).to_string()
        };
        view! {
            <section class="panel" data-testid="variants-view">
                <div class="panel-head">
                    <h2 class="panel-title" data-testid="variants-title">
                        {move || {
                            t_string!(i18n, variants.title, count = total, n = format::count(total, lang())).to_string()
                        }}
                    </h2>
                    <Show when=move || !state.is_warehouse()>
                        <div class="panel-actions panel-actions-inline">
                            <button
                                type="button"
                                class="button button-primary button-small"
                                data-testid="variants-show"
                                disabled=move || ticked.with(Vec::is_empty)
                                on:click=move |_| state.choose_variants(ticked.get_untracked())
                            >
                                {t!(i18n, variants.show_selected)}
                            </button>
                            <button
                                type="button"
                                class="button button-secondary button-small"
                                data-testid="variants-ideal"
                                disabled=move || ticked.with(Vec::is_empty)
                                on:click=move |_| state.variants_as_ideal(ticked.get_untracked())
                            >
                                {t!(i18n, variants.as_ideal)}
                            </button>
                            <button
                                type="button"
                                class="button button-secondary button-small"
                                disabled=move || ticked.with(Vec::is_empty)
                                on:click=move |_| ticked.set(Vec::new())
                            >
                                {t!(i18n, variants.clear)}
                            </button>
                        </div>
                    </Show>
                </div>
                {top10
                    .map(|coverage| {
                        view! {
                            <p class="panel-lead" data-testid="variants-coverage">
                                {move || coverage_text(coverage)}
                            </p>
                        }
                    })}
                {((shown as u64) < total)
                    .then(|| {
                        view! { <p class="muted">{limited_text}</p> }
                    })}
                <div class="table-scroll">
                    <table class="table variants-table">
                        <thead>
                            <tr>
                                <th></th>
                                <th class="num">{t!(i18n, variants.rank)}</th>
                                <th class="num">{t!(i18n, variants.cases)}</th>
                                <th>{t!(i18n, variants.share)}</th>
                                <th class="num" title=move || t_string!(i18n, variants.coverage_hint).to_string()>
                                    {t!(i18n, variants.coverage_column)}
                                </th>
                                <th class="num">{t!(i18n, variants.median)}</th>
                                <th class="num">{t!(i18n, variants.mean)}</th>
                                <th>{t!(i18n, variants.steps)}</th>
                            </tr>
                        </thead>
                        <tbody>{rows}</tbody>
                    </table>
                </div>
                {(listed.get() < shown)
                    .then(|| {
                        let more = (shown - listed.get()).min(PAGE_ROWS);
                        view! {
                            <button
                                type="button"
                                class="button button-secondary"
                                data-testid="variants-more"
                                on:click=move |_| listed.update(|n| *n += PAGE_ROWS)
                            >
                                {move || t_string!(i18n, variants.more, count = more).to_string()}
                            </button>
                        }
                    })}
            </section>
        }
        .into_any()
    }
}

/// One variant of the list: a box that ticks it, its figures and its first steps.
#[component]
fn VariantLine(
    /// Its place in the list, from 1.
    rank: usize,
    /// The variant.
    row: VariantRow,
    /// The names of its first [`SHOWN_STEPS`] activities.
    shown_steps: Vec<String>,
    /// The variants ticked, by index in the list.
    ticked: RwSignal<Vec<u32>>,
) -> impl IntoView {
    let i18n = use_i18n();
    let lang = use_lang();
    let state = use_app_state();
    let (i, index) = (rank - 1, (rank - 1) as u32);
    let steps = row.activities.len();
    let more = steps.saturating_sub(SHOWN_STEPS);
    let (share, cases, median, mean) = (row.share, row.cases, row.median_duration_s, row.mean_duration_s);
    let coverage = row.coverage;
    let label = move |column: Column| column_label(i18n, column);
    let toggle = move |i: u32| {
        ticked.update(|t| {
            if let Some(at) = t.iter().position(|&x| x == i) {
                t.remove(at);
            } else {
                t.push(i);
                t.sort_unstable();
            }
        })
    };
    view! {
        <tr data-testid="variant-row">
            <td class="variant-pick">
                <input
                    type="checkbox"
                    hidden=move || state.is_warehouse()
                    data-testid="variant-pick"
                    aria-label=move || { t_string!(i18n, variants.select, rank = i + 1).to_string() }
                    prop:checked=move || ticked.with(|t| t.contains(&index))
                    on:change=move |_| toggle(index)
                />
            </td>
            <td class="num variant-rank">{i + 1}</td>
            <td class="num variant-cases" data-testid="variant-cases" data-label=label(Column::Cases)>
                {move || format::count(cases, lang())}
            </td>
            <td class="variant-share">
                <progress class="share-bar" max="1" value=share.to_string()></progress>
                <span class="num">{move || format::percent(share, lang())}</span>
            </td>
            <td class="num variant-more" data-testid="variant-coverage" data-label=label(Column::Coverage)>
                {move || format::percent(coverage, lang())}
            </td>
            <td class="num variant-more" data-label=label(Column::Median)>
                {move || format::duration(median, lang())}
            </td>
            <td class="num variant-more" data-label=label(Column::Mean)>
                {move || format::duration(mean, lang())}
            </td>
            <td class="variant-steps" data-testid="variant-steps">
                <span class="muted">
                    {move || {
                        t_string!(i18n, variants.n_steps, count = steps, n = format::count(steps as u64, lang()))
                            .to_string()
                    }}
                </span>
                <ol class="steps">
                    {shown_steps.into_iter().map(|s| view! { <li>{s}</li> }).collect_view()}
                    {(more > 0).then(|| view! { <li class="muted">{format!("+{more}")}</li> })}
                </ol>
            </td>
        </tr>
    }
}

/// A column's title, tracked (for the `data-label` of its cells).
fn column_label(i18n: leptos_i18n::I18nContext<Locale>, column: Column) -> impl Fn() -> String + Copy {
    move || {
        match column {
            Column::Cases => t_string!(i18n, variants.cases),
            Column::Coverage => t_string!(i18n, variants.coverage_column),
            Column::Median => t_string!(i18n, variants.median),
            Column::Mean => t_string!(i18n, variants.mean),
        }
        .to_string()
    }
}
