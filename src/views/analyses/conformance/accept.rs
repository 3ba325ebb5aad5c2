//! The allow-list: deviations the user accepts ("skipping the acknowledgement on Chat is
//! fine"), everywhere or only for one value of a segment (a channel, a team, a priority, a case
//! type); an accepted deviation no longer makes a case deviate.

use casemap_engine::service::conformance::{Accepted, Deviation};
use casemap_engine::service::segments::Segment;
use leptos::prelude::*;

use super::kind_name;
use crate::i18n::*;
use crate::names::field_name;
use crate::state::AppState;

/// Segments a deviation can be accepted for, with the values the log has (by its columns).
fn scopes(state: AppState) -> Vec<(Segment, String, String)> {
    let i18n = use_i18n();
    state.analysis.choices.with_untracked(|c| {
        let Some(c) = c else { return Vec::new() };
        Segment::ALL
            .iter()
            .filter_map(|&segment| {
                let field = segment.field()?;
                let column = c.columns.iter().find(|col| col.field == Some(field))?;
                Some(column.values.iter().map(move |v| (segment, field_name(i18n, field), v.value.clone())))
            })
            .flatten()
            .collect()
    })
}

fn accepted_text(i18n: leptos_i18n::I18nContext<Locale>, a: &Accepted) -> String {
    let what = format!("{}: {}", kind_name(i18n, a.kind), a.activity);
    match &a.only {
        None => what,
        Some((segment, value)) => {
            let name = segment.field().map(|f| field_name(i18n, f)).unwrap_or_else(|| segment.key().to_owned());
            format!("{what} ({name}: {value})")
        }
    }
}

/// Accepted deviations, and a choice of the others to accept, where.
#[component]
pub(super) fn AcceptList(
    state: AppState,
    acceptable: Vec<(Deviation, String)>,
    accepted: Vec<Accepted>,
) -> impl IntoView {
    let i18n = use_i18n();
    let chosen = RwSignal::new(0usize);
    let scope = RwSignal::new(0usize);
    let scopes = scopes(state);
    let options = acceptable
        .iter()
        .enumerate()
        .map(|(n, (kind, activity))| {
            view! { <option value=n.to_string()>{format!("{}: {activity}", kind_name(i18n, *kind))}</option> }
        })
        .collect_view();
    let where_options = std::iter::once(t_string!(i18n, conformance.everywhere).to_string())
        .chain(scopes.iter().map(|(_, name, value)| format!("{name}: {value}")))
        .enumerate()
        .map(|(n, label)| view! { <option value=n.to_string()>{label}</option> })
        .collect_view();
    let has_choice = !acceptable.is_empty();
    let accept = move |_| {
        let Some((kind, activity)) = acceptable.get(chosen.get_untracked()).cloned() else { return };
        let only = scope
            .get_untracked()
            .checked_sub(1)
            .and_then(|n| scopes.get(n))
            .map(|(segment, _, value)| (*segment, value.clone()));
        state.edit_setup(|s| s.options.conformance.accepted.push(Accepted { kind, activity, only }));
    };
    let listed = accepted
        .iter()
        .enumerate()
        .map(|(n, a)| {
            view! {
                <li data-testid="accepted-deviation">
                    {accepted_text(i18n, a)} " "
                    <button
                        type="button"
                        class="button button-secondary button-small"
                        data-testid="accepted-remove"
                        on:click=move |_| {
                            state
                                .edit_setup(|s| {
                                    s.options.conformance.accepted.remove(n);
                                })
                        }
                    >
                        {t!(i18n, conformance.remove)}
                    </button>
                </li>
            }
        })
        .collect_view();
    view! {
        <details class="accept-list" data-testid="accept-list" open=!accepted.is_empty()>
            <summary>{t!(i18n, conformance.accept_title)}</summary>
            <p class="muted">{t!(i18n, conformance.accept_hint)}</p>
            <ul class="rule-list">{listed}</ul>
            {has_choice
                .then(|| {
                    view! {
                        <div class="form-row">
                            <select
                                data-testid="accept-choice"
                                on:change=move |e| chosen.set(event_target_value(&e).parse().unwrap_or(0))
                            >
                                {options}
                            </select>
                            <select
                                data-testid="accept-where"
                                on:change=move |e| scope.set(event_target_value(&e).parse().unwrap_or(0))
                            >
                                {where_options}
                            </select>
                            <button
                                type="button"
                                class="button button-secondary button-small"
                                data-testid="accept-add"
                                on:click=accept
                            >
                                {t!(i18n, conformance.accept)}
                            </button>
                        </div>
                    }
                })}
        </details>
    }
}
