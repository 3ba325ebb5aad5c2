//! The compare view: two sets of cases (before and after a change, one value against another
//! or the rest, a period against the one before), what changed between them and whether it is
//! more than noise, where the time went, the difference map and the variants.

mod diff;
mod figures;
mod segments;
mod time;

use casemap_engine::compare::summary::findings;
use leptos::prelude::*;

use crate::context::use_lang;
use crate::i18n::*;
use crate::state::use_app_state;
use diff::DiffMapPanel;
use figures::{KpiTable, Summary, segment_line, segment_names};
use segments::SegmentForm;
use time::{VariantChanges, WhereTimeWent};

/// The compare view.
#[component]
pub fn ComparePanel() -> impl IntoView {
    let i18n = use_i18n();
    let state = use_app_state();
    let c = state.compare;
    // The choices name the columns and the log's span: the form needs them.
    state.request_choices();
    view! {
        <section class="panel compare" data-testid="compare">
            <h2 class="panel-title">{t!(i18n, compare.title)}</h2>
            <p class="panel-lead">{t!(i18n, compare.intro)}</p>
            <SegmentForm />
            {move || match c.preset.get() {
                None => {
                    view! {
                        <p class="muted" data-testid="compare-start">
                            {t!(i18n, compare.start_hint)}
                        </p>
                    }
                        .into_any()
                }
                Some(_) => view! { <Results /> }.into_any(),
            }}
        </section>
    }
}

/// What the comparison found.
#[component]
fn Results() -> impl IntoView {
    let i18n = use_i18n();
    let lang = use_lang();
    let state = use_app_state();
    let c = state.compare;
    let body = move || {
        let lang = lang();
        let Some(preset) = c.preset.get() else { return ().into_any() };
        match c.result.get() {
            None => view! {
                <p class="muted" data-testid="compare-running">
                    {t!(i18n, compare.running)}
                </p>
            }
            .into_any(),
            Some(Err(error)) => view! {
                <p class="error" data-testid="compare-failed">
                    {t!(i18n, compare.failed, error = error.to_string())}
                </p>
            }
            .into_any(),
            Some(Ok(comparison)) => {
                let (name_a, name_b) = segment_names(i18n, &preset);
                let empty = [("A", &name_a, comparison.a.cases), ("B", &name_b, comparison.b.cases)]
                    .into_iter()
                    .find(|s| s.2 == 0)
                    .map(|(letter, _, _)| {
                        view! {
                            <p class="warning" data-testid="compare-empty">
                                {t!(i18n, compare.empty_segment, name = letter)}
                            </p>
                        }
                    });
                view! {
                    <div class="compare-sets" data-testid="compare-sets">
                        <p data-testid="compare-a" data-cases=comparison.a.cases.to_string()>
                            {segment_line(i18n, "A", &name_a, &comparison.a, lang)}
                        </p>
                        <p data-testid="compare-b" data-cases=comparison.b.cases.to_string()>
                            {segment_line(i18n, "B", &name_b, &comparison.b, lang)}
                        </p>
                    </div>
                    {empty}
                    <Summary findings=findings(&comparison) lang=lang />
                    <KpiTable comparison=comparison.clone() lang=lang />
                    <DiffMapPanel />
                    <WhereTimeWent split=comparison.time.clone() lang=lang />
                    <VariantChanges variants=comparison.variants lang=lang />
                }
                .into_any()
            }
        }
    };
    view! {
        <div class="compare-results" data-testid="compare-results">
            {body}
        </div>
    }
}

/// A table of the compare view; `numeric(i)` says which columns hold numbers (right-aligned).
fn table(testid: &'static str, headers: Vec<String>, numeric: fn(usize) -> bool, rows: impl IntoView) -> impl IntoView {
    let head = headers
        .into_iter()
        .enumerate()
        .map(|(i, h)| {
            let class = if numeric(i) { "num" } else { "" };
            view! {
                <th scope="col" class=class>
                    {h}
                </th>
            }
        })
        .collect_view();
    view! {
        <div class="table-scroll">
            <table class="table data-table" data-testid=testid>
                <thead>
                    <tr>{head}</tr>
                </thead>
                <tbody>{rows}</tbody>
            </table>
        </div>
    }
}
