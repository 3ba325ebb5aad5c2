//! How the open cases end: their last activities (every case's, when no activity is recognised
//! as a resolution or a closure), each with two buttons that mark it as a resolution or a
//! closure. A mark adds the activity's name to the vocabulary the page sends with each
//! analysis, so every figure is computed again with it; the last mark can be undone.

use casemap_engine::format;
use casemap_engine::service::Step;
use casemap_engine::service::kpis::{Ending, Kpis};
use leptos::prelude::*;

use crate::context::use_lang;
use crate::i18n::*;
use crate::names::step_name;
use crate::state::use_app_state;

/// One ending: the activity, how many cases end there, and the two marks.
#[component]
fn EndingItem(ending: Ending) -> impl IntoView {
    let i18n = use_i18n();
    let lang = use_lang();
    let state = use_app_state();
    let name = StoredValue::new(ending.activity);
    let cases = ending.cases;
    let mark = move |step: Step| state.mark_activity(name.get_value(), step);
    view! {
        <li class="ending" data-testid="ending">
            <span class="ending-name" data-testid="ending-name">
                {name.get_value()}
            </span>
            <span class="ending-count" data-testid="ending-count">
                {move || format::count(cases, lang())}
            </span>
            <span class="ending-actions">
                <button
                    type="button"
                    class="button button-secondary button-small"
                    data-testid="mark-resolved"
                    aria-label=move || t_string!(i18n, endings.mark_resolution, activity = name.get_value()).to_string()
                    on:click=move |_| mark(Step::Resolved)
                >
                    {t!(i18n, endings.as_resolution)}
                </button>
                <button
                    type="button"
                    class="button button-secondary button-small"
                    data-testid="mark-closed"
                    aria-label=move || t_string!(i18n, endings.mark_closure, activity = name.get_value()).to_string()
                    on:click=move |_| mark(Step::Closed)
                >
                    {t!(i18n, endings.as_closure)}
                </button>
            </span>
        </li>
    }
}

/// The endings of the open cases (of all cases when resolution is unknown, as a warning that
/// says what cannot be told), with the last mark and its undo.
#[component]
pub fn Endings(kpis: Kpis) -> impl IntoView {
    let i18n = use_i18n();
    let lang = use_lang();
    let state = use_app_state();
    let a = state.analysis;
    let known = kpis.open_known;
    if known && kpis.endings.is_empty() && a.marked.with_untracked(Option::is_none) {
        return ().into_any();
    }
    let has_endings = !kpis.endings.is_empty();
    let items = kpis.endings.into_iter().map(|ending| view! { <EndingItem ending /> }).collect_view();
    let (lead, hint) = if known {
        (t_string!(i18n, endings.open_end_in).to_string(), t_string!(i18n, endings.hint).to_string())
    } else {
        (t_string!(i18n, endings.cases_end_in).to_string(), t_string!(i18n, endings.unknown_hint).to_string())
    };
    let marked = move || {
        a.marked.get().map(|m| {
            let text = t_string!(i18n, endings.marked, activity = m.activity.clone(), step = step_name(i18n, m.step));
            view! {
                <p class="marked" data-testid="marked">
                    <span>{text.to_string()}</span>
                    " "
                    <button
                        type="button"
                        class="link-button"
                        data-testid="undo-mark"
                        on:click=move |_| state.undo_mark()
                    >
                        {t!(i18n, endings.undo)}
                    </button>
                </p>
            }
        })
    };
    view! {
        <div class="endings" class:notice=!known class:notice-warning=!known data-testid="endings">
            {(!known)
                .then(|| {
                    view! {
                        <p class="endings-unknown" data-testid="resolution-unknown">
                            {t!(i18n, endings.unknown)}
                        </p>
                    }
                })}
            {has_endings
                .then(|| {
                    view! {
                        <p class="endings-lead">{lead}</p>
                        <ul class="ending-list" data-testid="ending-list">
                            {items}
                        </ul>
                        <p class="endings-hint">
                            {hint} " "
                            <button
                                type="button"
                                class="link-button"
                                data-testid="endings-vocabulary"
                                on:click=move |_| state.open_vocabulary(lang())
                            >
                                {t!(i18n, endings.vocabulary)}
                            </button>
                        </p>
                    }
                })}
            <div role="status" aria-live="polite">
                {marked}
            </div>
        </div>
    }
    .into_any()
}
