//! The vocabulary editor: which activity names count as which service step.

use casemap_engine::service::Step;
use casemap_engine::service::vocabulary::Matcher;
use leptos::prelude::*;

use crate::i18n::*;
use crate::names::step_name;
use crate::state::use_app_state;

/// The vocabulary: which activity names count as which service step, editable; the
/// activities of this log that each step recognises are listed beside it.
#[component]
pub(super) fn VocabularyEditor() -> impl IntoView {
    let i18n = use_i18n();
    let state = use_app_state();
    let a = state.analysis;
    move || {
        let vocabulary = a.setup.with(|s| s.vocabulary.clone());
        let matcher = Matcher::new(&vocabulary);
        let activities: Vec<String> = a
            .choices
            .with(|c| c.as_ref().map(|c| c.activities.iter().map(|v| v.value.clone()).collect()).unwrap_or_default());
        let unrecognised: Vec<String> = activities.iter().filter(|n| matcher.step(n).is_none()).cloned().collect();
        let rows = Step::ALL
            .iter()
            .map(|&step| {
                let patterns: Vec<String> =
                    vocabulary.steps.iter().filter(|s| s.step == step).flat_map(|s| s.patterns.clone()).collect();
                let matched: Vec<String> =
                    activities.iter().filter(|n| matcher.step(n) == Some(step)).cloned().collect();
                let text = patterns.join(", ");
                view! {
                    <tr data-testid="vocabulary-step">
                        <th scope="row">{step_name(i18n, step)}</th>
                        <td>
                            <textarea
                                rows="2"
                                class="patterns"
                                data-testid=format!("patterns-{}", step.key())
                                prop:value=text
                                on:change=move |e| {
                                    let new: Vec<String> = event_target_value(&e)
                                        .split(',')
                                        .map(|p| p.trim().to_owned())
                                        .filter(|p| !p.is_empty())
                                        .collect();
                                    state
                                        .edit_setup(|s| {
                                            s.vocabulary.steps.retain(|x| x.step != step);
                                            s.vocabulary
                                                .steps
                                                .push(casemap_engine::service::vocabulary::StepPatterns {
                                                    step,
                                                    patterns: new,
                                                });
                                        });
                                }
                            ></textarea>
                        </td>
                        <td class="matched" data-testid="vocabulary-matched">
                            {matched.join(", ")}
                        </td>
                    </tr>
                }
            })
            .collect_view();
        view! {
            <section class="panel analysis" data-testid="vocabulary-view">
                <h2 class="panel-title">{t!(i18n, vocabulary.title)}</h2>
                <p class="definition">{t!(i18n, vocabulary.lead)}</p>
                <div class="table-scroll">
                    <table class="table vocabulary">
                        <thead>
                            <tr>
                                <th>{t!(i18n, vocabulary.step)}</th>
                                <th>{t!(i18n, vocabulary.patterns)}</th>
                                <th>{t!(i18n, vocabulary.matched)}</th>
                            </tr>
                        </thead>
                        <tbody>{rows}</tbody>
                    </table>
                </div>
                <p class="muted" data-testid="vocabulary-unrecognised">
                    {t_string!(i18n, vocabulary.unrecognised, activities = unrecognised.join(", ")).to_string()}
                </p>
                <button
                    type="button"
                    class="button button-secondary button-small"
                    data-testid="vocabulary-reset"
                    on:click=move |_| {
                        state.analysis.marked.set(None);
                        state.edit_setup(|s| s.vocabulary = Default::default());
                    }
                >
                    {t!(i18n, vocabulary.reset)}
                </button>
            </section>
        }
    }
}
