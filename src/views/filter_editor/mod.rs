//! The editor of a new filter step: time frame, attribute values, activities, resources,
//! duration, start and end activities, "followed by", case ids. Each kind has its own form;
//! they share one set of inputs ([`Inputs`]), so switching kinds keeps what was typed.

use leptos::prelude::*;

use crate::i18n::*;
use crate::state::use_app_state;

mod forms;
mod inputs;

use forms::{
    ActivitiesForm, AttributeForm, CasesForm, DurationForm, EndsForm, FollowedByForm, ResourcesForm, TimeFrameForm,
};
use inputs::{Inputs, Kind};

/// The editor of a new step.
#[component]
pub fn FilterEditor(on_done: Callback<()>) -> impl IntoView {
    let i18n = use_i18n();
    let state = use_app_state();
    let a = state.analysis;
    let inputs = Inputs::new();
    // Defaults from the log once its choices are known.
    Effect::new(move |_| {
        a.choices.with(|c| {
            let Some(c) = c else { return };
            if inputs.from.get_untracked().is_empty() {
                inputs.from.set(c.first.as_deref().map(|t| t[..10].to_owned()).unwrap_or_default());
                inputs.to.set(c.last.as_deref().map(|t| t[..10].to_owned()).unwrap_or_default());
            }
            if inputs.column.get_untracked().is_empty()
                && let Some(col) = c.columns.iter().find(|col| col.distinct <= 50).or(c.columns.first())
            {
                inputs.column.set(col.name.clone());
            }
            if inputs.first.get_untracked().is_empty() && !c.activities.is_empty() {
                inputs.first.set(c.activities[0].value.clone());
                inputs.second.set(c.activities.get(1).unwrap_or(&c.activities[0]).value.clone());
            }
        })
    });
    let apply = move |_| {
        if let Some(filter) = inputs.build() {
            state.apply_filter(filter);
            on_done.run(());
        }
    };
    let body = move || {
        if a.choices.with(Option::is_none) {
            return view! { <p class="muted">{t!(i18n, filters.loading)}</p> }.into_any();
        }
        match inputs.kind.get() {
            Kind::TimeFrame => view! { <TimeFrameForm inputs=inputs /> }.into_any(),
            Kind::Attribute => view! { <AttributeForm inputs=inputs /> }.into_any(),
            Kind::Activities => view! { <ActivitiesForm inputs=inputs /> }.into_any(),
            Kind::Resources => view! { <ResourcesForm inputs=inputs /> }.into_any(),
            Kind::Duration => view! { <DurationForm inputs=inputs /> }.into_any(),
            Kind::Start | Kind::End => view! { <EndsForm inputs=inputs /> }.into_any(),
            Kind::FollowedBy => view! { <FollowedByForm inputs=inputs /> }.into_any(),
            Kind::Cases => view! { <CasesForm inputs=inputs /> }.into_any(),
        }
    };
    let choose_kind = move |e| {
        let code = event_target_value(&e);
        if let Some(k) = Kind::ALL.iter().find(|k| k.code() == code) {
            inputs.kind.set(*k);
            inputs.picked.set(Vec::new());
            inputs.exclude.set(false);
            inputs.events.set(false);
        }
    };
    view! {
        <div class="filter-editor" data-testid="filter-editor">
            <label class="field">
                <span>{t!(i18n, filters.kind)}</span>
                <select data-testid="filter-kind" on:change=choose_kind>
                    {Kind::ALL
                        .iter()
                        .map(|k| {
                            let k = *k;
                            view! {
                                <option value=k.code() selected=move || inputs.kind.get() == k>
                                    {move || k.name(i18n)}
                                </option>
                            }
                        })
                        .collect_view()}
                </select>
            </label>
            {body}
            <div class="panel-actions">
                <button
                    type="button"
                    class="button button-primary button-small"
                    data-testid="filter-apply"
                    on:click=apply
                >
                    {t!(i18n, filters.apply)}
                </button>
                <button type="button" class="button button-secondary button-small" on:click=move |_| on_done.run(())>
                    {t!(i18n, filters.cancel)}
                </button>
            </div>
        </div>
    }
}
