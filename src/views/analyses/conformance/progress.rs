//! A long conformance check in progress: the variants aligned so far with a button that stops
//! the check, and once stopped, a button that goes on from where it stopped (the worker keeps
//! what it aligned).

use casemap_engine::format;
use leptos::prelude::*;

use crate::analysis::Aligning;
use crate::context::use_lang;
use crate::i18n::*;
use crate::protocol::AnalysisKind;
use crate::state::use_app_state;

/// Progress of the conformance check asked for, or what to do once it was stopped.
#[component]
pub fn AlignProgress() -> impl IntoView {
    let i18n = use_i18n();
    let lang = use_lang();
    let state = use_app_state();
    let aligning = state.analysis.aligning;
    move || {
        let Aligning { done, total, stopped, .. } = aligning.get()?;
        let (done_text, total_text) = (format::count(done, lang()), format::count(total, lang()));
        Some(if stopped {
            view! {
                <div class="align-progress" data-testid="conformance-stopped">
                    <p>{t_string!(i18n, conformance.stopped, done = done_text, total = total_text).to_string()}</p>
                    <button
                        type="button"
                        class="button"
                        data-testid="conformance-resume"
                        on:click=move |_| state.request_analysis(AnalysisKind::Conformance)
                    >
                        {t!(i18n, conformance.resume)}
                    </button>
                </div>
            }
            .into_any()
        } else {
            view! {
                <div class="align-progress" data-testid="conformance-progress">
                    <progress class="progress" max=total.max(1) value=done></progress>
                    <p data-testid="conformance-aligned">
                        {(total > 0)
                            .then(|| {
                                t_string!(i18n, conformance.aligning, done = done_text, total = total_text).to_string()
                            })}
                    </p>
                    <button
                        type="button"
                        class="button"
                        data-testid="conformance-stop"
                        on:click=move |_| state.stop_conformance()
                    >
                        {t!(i18n, conformance.stop)}
                    </button>
                </div>
            }
            .into_any()
        })
    }
}
