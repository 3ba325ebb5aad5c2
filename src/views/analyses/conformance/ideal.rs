//! Where the ideal process comes from, four ways in: discovered from the cases (the
//! Inductive Miner, with its noise threshold on a slider), the variants chosen in the variants
//! view, an ordered list of steps built here, or a BPMN or PNML file. And how cases are
//! checked: alignments (exact) or token replay (fast).

use casemap_engine::conformance::Method;
use casemap_engine::conformance::ideal::{IdealModel, StepBlock};
use casemap_engine::format;
use leptos::prelude::*;
use wasm_bindgen::JsCast;

use super::super::common::I18n;
use crate::analysis::Tab;
use crate::context::use_lang;
use crate::i18n::*;
use crate::state::use_app_state;
use crate::widgets::CheckField;

/// The sources, by the names the picker's radio buttons carry.
const SOURCES: [&str; 4] = ["discovered", "variants", "steps", "file"];

fn source_of(model: &IdealModel) -> &'static str {
    match model {
        IdealModel::Discovered { .. } => "discovered",
        IdealModel::Variants { .. } => "variants",
        IdealModel::Steps { .. } => "steps",
        IdealModel::Imported { .. } => "file",
    }
}

fn source_label(i18n: I18n, source: &str) -> String {
    match source {
        "discovered" => t_string!(i18n, conformance.source_discovered),
        "variants" => t_string!(i18n, conformance.source_variants),
        "steps" => t_string!(i18n, conformance.source_steps),
        _ => t_string!(i18n, conformance.source_file),
    }
    .to_string()
}

/// A block of steps in words: "Assign (may be skipped, may repeat)", "one of: A | B".
pub(super) fn block_text(i18n: I18n, block: &StepBlock) -> String {
    match block {
        StepBlock::Step { activity, optional, repeatable } => {
            let mut marks = Vec::new();
            if *optional {
                marks.push(t_string!(i18n, conformance.optional).to_string());
            }
            if *repeatable {
                marks.push(t_string!(i18n, conformance.repeatable).to_string());
            }
            if marks.is_empty() { activity.clone() } else { format!("{activity} ({})", marks.join(", ")) }
        }
        StepBlock::OneOf { activities, optional } => {
            let text = format!("{}: {}", t_string!(i18n, conformance.kind_one_of), activities.join(" | "));
            if *optional { format!("{text} ({})", t_string!(i18n, conformance.optional)) } else { text }
        }
        StepBlock::AnyOrder { activities } => {
            format!("{}: {}", t_string!(i18n, conformance.kind_any_order), activities.join(", "))
        }
    }
}

/// The picker.
#[component]
pub(crate) fn IdealPicker() -> impl IntoView {
    let i18n = use_i18n();
    let lang = use_lang();
    let state = use_app_state();
    let a = state.analysis;
    state.request_choices();
    let model = a.setup.with_untracked(|s| s.options.conformance.model.clone());
    let method = a.setup.with_untracked(|s| s.options.conformance.method);
    let source = RwSignal::new(source_of(&model));
    let noise = RwSignal::new(match model {
        IdealModel::Discovered { noise } => noise,
        _ => 0.2,
    });
    let radios = SOURCES
        .iter()
        .map(|&s| {
            view! {
                <label class="check">
                    <input
                        type="radio"
                        name="ideal-source"
                        data-testid=format!("ideal-{s}")
                        prop:checked=move || source.get() == s
                        on:change=move |_| {
                            source.set(s);
                            if s == "discovered" {
                                state
                                    .edit_setup(|x| {
                                        x.options.conformance.model = IdealModel::Discovered {
                                            noise: noise.get_untracked(),
                                        }
                                    });
                            }
                        }
                    />
                    {source_label(i18n, s)}
                </label>
            }
        })
        .collect_view();
    let paths = match &model {
        IdealModel::Variants { paths } => paths.clone(),
        _ => Vec::new(),
    };
    let file_name = match &model {
        IdealModel::Imported { name, .. } => Some(name.clone()),
        _ => None,
    };
    let steps = match &model {
        IdealModel::Steps { steps } => steps.clone(),
        _ => Vec::new(),
    };
    view! {
        <fieldset class="ideal-picker" data-testid="ideal-picker">
            <legend>{t!(i18n, conformance.ideal)}</legend>
            <div class="form-row">{radios}</div>
            {move || match source.get() {
                "discovered" => {
                    view! {
                        <div class="form-row">
                            <label class="field field-wide">
                                <span>
                                    {move || {
                                        t_string!(i18n, conformance.noise, share = format::percent(noise.get(), lang()))
                                            .to_string()
                                    }}
                                </span>
                                <input
                                    type="range"
                                    min="0"
                                    max="0.5"
                                    step="0.05"
                                    data-testid="ideal-noise"
                                    prop:value=move || noise.get().to_string()
                                    on:input=move |e| noise.set(event_target_value(&e).parse().unwrap_or(0.2))
                                    on:change=move |_| {
                                        state
                                            .edit_setup(|x| {
                                                x.options.conformance.model = IdealModel::Discovered {
                                                    noise: noise.get_untracked(),
                                                }
                                            })
                                    }
                                />
                            </label>
                        </div>
                        <p class="muted">{t!(i18n, conformance.discovered_hint)}</p>
                    }
                        .into_any()
                }
                "variants" => {
                    let count = paths.len() as u64;
                    let listed = paths.iter().map(|p| view! { <li>{p.join(" → ")}</li> }).collect_view();
                    view! {
                        {(count > 0)
                            .then(|| {
                                view! {
                                    <p data-testid="ideal-paths">
                                        {t_string!(
                                            i18n, conformance.n_paths, count = count, n = format::count(count, lang())
                                        )
                                            .to_string()}
                                    </p>
                                    <ul class="ideal-paths">{listed}</ul>
                                }
                            })}
                        <p class="muted">
                            {t!(i18n, conformance.variants_hint)} " "
                            <button
                                type="button"
                                class="button button-secondary button-small"
                                data-testid="ideal-open-variants"
                                on:click=move |_| state.open_tab(Tab::Variants, lang())
                            >
                                {t!(i18n, conformance.open_variants)}
                            </button>
                        </p>
                    }
                        .into_any()
                }
                "steps" => view! { <StepsEditor initial=steps.clone() /> }.into_any(),
                _ => view! { <ModelFile name=file_name.clone() /> }.into_any(),
            }}
            <div class="form-row">
                <label class="field">
                    <span>{t!(i18n, conformance.method)}</span>
                    <select
                        data-testid="ideal-method"
                        on:change=move |e| {
                            let method = if event_target_value(&e) == "token_replay" {
                                Method::TokenReplay
                            } else {
                                Method::Alignments
                            };
                            state.edit_setup(|x| x.options.conformance.method = method);
                        }
                    >
                        <option value="alignments" selected=method == Method::Alignments>
                            {t!(i18n, conformance.alignments)}
                        </option>
                        <option value="token_replay" selected=method == Method::TokenReplay>
                            {t!(i18n, conformance.token_replay)}
                        </option>
                    </select>
                </label>
            </div>
        </fieldset>
    }
}

/// The selected options of a `<select multiple>`.
fn selected_values(event: &leptos::ev::Event) -> Vec<String> {
    let Some(select) = event.target().and_then(|t| t.dyn_into::<web_sys::HtmlSelectElement>().ok()) else {
        return Vec::new();
    };
    let options = select.selected_options();
    (0..options.length())
        .filter_map(|i| options.item(i))
        .filter_map(|o| o.dyn_into::<web_sys::HtmlOptionElement>().ok())
        .map(|o| o.value())
        .collect()
}

/// The ordered list of steps, edited here and checked when the user says so.
#[component]
fn StepsEditor(initial: Vec<StepBlock>) -> impl IntoView {
    let i18n = use_i18n();
    let state = use_app_state();
    let a = state.analysis;
    let blocks = RwSignal::new(initial);
    let kind = RwSignal::new("step".to_owned());
    let chosen = RwSignal::new(Vec::<String>::new());
    let optional = RwSignal::new(false);
    let repeatable = RwSignal::new(false);
    let activities = move || {
        a.choices
            .with(|c| c.as_ref().map(|c| c.activities.iter().map(|v| v.value.clone()).collect::<Vec<_>>()))
            .unwrap_or_default()
    };
    let add = move |_| {
        let picked = chosen.get_untracked();
        let block = match kind.get_untracked().as_str() {
            "one_of" if !picked.is_empty() => {
                StepBlock::OneOf { activities: picked, optional: optional.get_untracked() }
            }
            "any_order" if !picked.is_empty() => StepBlock::AnyOrder { activities: picked },
            "step" if !picked.is_empty() => StepBlock::Step {
                activity: picked[0].clone(),
                optional: optional.get_untracked(),
                repeatable: repeatable.get_untracked(),
            },
            _ => return,
        };
        blocks.update(|b| b.push(block));
    };
    let listed = move || {
        blocks
            .get()
            .iter()
            .enumerate()
            .map(|(n, block)| {
                view! {
                    <li data-testid="ideal-step">
                        {block_text(i18n, block)} " "
                        <button
                            type="button"
                            class="button button-secondary button-small"
                            data-testid="ideal-step-remove"
                            aria-label=move || t_string!(i18n, conformance.remove).to_string()
                            on:click=move |_| {
                                blocks
                                    .update(|b| {
                                        b.remove(n);
                                    })
                            }
                        >
                            "×"
                        </button>
                    </li>
                }
            })
            .collect_view()
    };
    view! {
        <div class="steps-editor" data-testid="steps-editor">
            <Show when=move || blocks.with(Vec::is_empty)>
                <p class="muted">{t!(i18n, conformance.steps_empty)}</p>
            </Show>
            <ol class="ideal-steps">{listed}</ol>
            <div class="form-row">
                <label class="field">
                    <span>{t!(i18n, conformance.step_kind)}</span>
                    <select
                        data-testid="ideal-step-kind"
                        on:change=move |e| {
                            kind.set(event_target_value(&e));
                            chosen.set(Vec::new());
                        }
                    >
                        <option value="step">{t!(i18n, conformance.kind_step)}</option>
                        <option value="one_of">{t!(i18n, conformance.kind_one_of)}</option>
                        <option value="any_order">{t!(i18n, conformance.kind_any_order)}</option>
                    </select>
                </label>
                <label class="field">
                    <span>{t!(i18n, conformance.activities)}</span>
                    <select
                        data-testid="ideal-step-activity"
                        multiple=move || kind.get() != "step"
                        size=move || if kind.get() == "step" { "1" } else { "5" }
                        on:change=move |e| chosen.set(selected_values(&e))
                    >
                        {move || {
                            let first = (kind.get() == "step").then(|| view! { <option value="">"–"</option> });
                            let options = activities()
                                .into_iter()
                                .map(|name| view! { <option value=name.clone()>{name.clone()}</option> })
                                .collect_view();
                            view! {
                                {first}
                                {options}
                            }
                        }}
                    </select>
                </label>
                <Show when=move || kind.get() != "any_order">
                    <CheckField testid="ideal-step-optional" value=optional>
                        {t!(i18n, conformance.optional)}
                    </CheckField>
                </Show>
                <Show when=move || kind.get() == "step">
                    <CheckField testid="ideal-step-repeatable" value=repeatable>
                        {t!(i18n, conformance.repeatable)}
                    </CheckField>
                </Show>
                <button
                    type="button"
                    class="button button-secondary button-small"
                    data-testid="ideal-step-add"
                    on:click=add
                >
                    {t!(i18n, conformance.add)}
                </button>
            </div>
            <button
                type="button"
                class="button button-primary button-small"
                data-testid="ideal-steps-check"
                disabled=move || blocks.with(Vec::is_empty)
                on:click=move |_| {
                    let steps = blocks.get_untracked();
                    state.edit_setup(|x| x.options.conformance.model = IdealModel::Steps { steps });
                }
            >
                {t!(i18n, conformance.steps_check)}
            </button>
        </div>
    }
}

/// A BPMN or PNML file of the ideal process, read in the page (it is small) and sent with the
/// analysis's setup.
#[component]
fn ModelFile(name: Option<String>) -> impl IntoView {
    let i18n = use_i18n();
    let state = use_app_state();
    let error = RwSignal::new(None::<String>);
    let on_change = move |e: leptos::ev::Event| {
        let Some(input) = e.target().and_then(|t| t.dyn_into::<web_sys::HtmlInputElement>().ok()) else { return };
        let Some(file) = input.files().and_then(|f| f.get(0)) else { return };
        let name = file.name();
        wasm_bindgen_futures::spawn_local(async move {
            match wasm_bindgen_futures::JsFuture::from(file.text()).await {
                Ok(text) => {
                    let text = text.as_string().unwrap_or_default();
                    error.try_set(None);
                    state.edit_setup(|x| x.options.conformance.model = IdealModel::Imported { name, text });
                }
                Err(e) => {
                    error.try_set(Some(e.as_string().unwrap_or_else(|| format!("{e:?}"))));
                }
            }
        });
    };
    view! {
        <div class="form-row">
            <label class="field">
                <span>{t!(i18n, conformance.file_choose)}</span>
                <input type="file" accept=".bpmn,.pnml,.xml" data-testid="ideal-file-input" on:change=on_change />
            </label>
            {name
                .map(|name| {
                    view! {
                        <span data-testid="ideal-file-name">
                            {t_string!(i18n, conformance.file_loaded, name = name).to_string()}
                        </span>
                    }
                })}
        </div>
        {move || {
            error
                .get()
                .map(|e| {
                    view! {
                        <p class="notice notice-warning">
                            {t_string!(i18n, conformance.file_unreadable, error = e).to_string()}
                        </p>
                    }
                })
        }}
    }
}
