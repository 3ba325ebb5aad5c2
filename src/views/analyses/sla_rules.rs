//! The SLA rules editor of the SLA analysis: rules from one endpoint to another within so many
//! hours (per priority if wanted, in business hours if wanted), used when the log has no
//! due-date column and shown per rule beside it when it has one.

use casemap_engine::format;
use casemap_engine::log::ServiceField;
use casemap_engine::service::Step;
use casemap_engine::service::sla::{BusinessHours, Endpoint, SlaRule};
use leptos::prelude::*;

use super::common::I18n;
use crate::context::use_lang;
use crate::i18n::*;
use crate::names::step_name;
use crate::state::{AppState, use_app_state};
use crate::widgets::{CheckField, InputField};

/// The SLA rules, editable: used when the log has no due-date column (and shown per rule
/// beside it when it has one).
#[component]
pub(super) fn SlaRules() -> impl IntoView {
    let i18n = use_i18n();
    let lang = use_lang();
    let state = use_app_state();
    let a = state.analysis;
    state.request_choices();
    let name = RwSignal::new(String::new());
    let from = RwSignal::new("created".to_owned());
    let to = RwSignal::new("resolved".to_owned());
    let within = RwSignal::new("24".to_owned());
    let business = RwSignal::new(false);
    // Hours per priority value (as written in the file); empty: the general limit.
    let per_priority = RwSignal::new(Vec::<(String, String)>::new());
    let add = move |_| {
        let Ok(hours) = within.get_untracked().replace(',', ".").parse::<f64>() else { return };
        if hours <= 0.0 {
            return;
        }
        let rule = SlaRule {
            name: Some(name.get_untracked()).filter(|n| !n.trim().is_empty()).unwrap_or_else(|| {
                format!(
                    "{} → {}",
                    endpoint_name(i18n, &parse_endpoint(&from.get_untracked())),
                    endpoint_name(i18n, &parse_endpoint(&to.get_untracked()))
                )
            }),
            from: parse_endpoint(&from.get_untracked()),
            to: parse_endpoint(&to.get_untracked()),
            within_s: Some(hours * 3600.0),
            per_priority: per_priority
                .get_untracked()
                .into_iter()
                .filter_map(|(p, h)| {
                    h.replace(',', ".").parse::<f64>().ok().filter(|h| *h > 0.0).map(|h| (p, h * 3600.0))
                })
                .collect(),
            business_hours: business.get_untracked().then(BusinessHours::default),
        };
        state.edit_setup(|s| s.options.sla_rules.push(rule));
        name.set(String::new());
    };
    view! {
        <details class="sla-rules" data-testid="sla-rules">
            <summary>
                {move || {
                    let count = a.setup.with(|s| s.options.sla_rules.len()) as u64;
                    t_string!(i18n, sla.rules_title, count = format::count(count, lang())).to_string()
                }}
            </summary>
            <p class="muted">{t!(i18n, sla.rules_hint)}</p>
            <ul class="rule-list">
                <RuleList />
            </ul>
            <div class="form-row">
                <InputField kind="text" testid="sla-rule-name" value=name>
                    {t!(i18n, sla.rule_name)}
                </InputField>
                <label class="field">
                    <span>{t!(i18n, sla.rule_from)}</span>
                    <select data-testid="sla-rule-from" on:change=move |e| from.set(event_target_value(&e))>
                        {move || endpoint_options(i18n, state, "created")}
                    </select>
                </label>
                <label class="field">
                    <span>{t!(i18n, sla.rule_to)}</span>
                    <select data-testid="sla-rule-to" on:change=move |e| to.set(event_target_value(&e))>
                        {move || endpoint_options(i18n, state, "resolved")}
                    </select>
                </label>
                <InputField kind="number" testid="sla-rule-hours" value=within>
                    {t!(i18n, sla.rule_hours)}
                </InputField>
                <CheckField testid="sla-rule-business" value=business>
                    {t!(i18n, sla.business_hours)}
                </CheckField>
                <button
                    type="button"
                    class="button button-secondary button-small"
                    data-testid="sla-rule-add"
                    on:click=add
                >
                    {t!(i18n, sla.add_rule)}
                </button>
            </div>
            <PerPriority per_priority />
        </details>
    }
}

/// The rules set so far, each with a button that removes it.
#[component]
fn RuleList() -> impl IntoView {
    let i18n = use_i18n();
    let lang = use_lang();
    let state = use_app_state();
    let a = state.analysis;
    view! {
        {move || {
            a.setup
                .with(|s| s.options.sla_rules.clone())
                .into_iter()
                .enumerate()
                .map(|(i, rule)| {
                    let text = t_string!(
                        i18n, sla.rule_text, from = endpoint_name(i18n, &rule.from), to = endpoint_name(i18n, &rule.to),
                within = rule.within_s.map(|w| format::duration(w, lang())).unwrap_or_default()
                    )
                        .to_string();
                    view! {
                        <li data-testid="sla-rule">
                            <strong>{rule.name.clone()}</strong>
                            " · "
                            {text}
                            {(!rule.per_priority.is_empty())
                                .then(|| {
                                    let parts: Vec<String> = rule
                                        .per_priority
                                        .iter()
                                        .map(|(p, s)| format!("{p} {}", format::duration(*s, lang())))
                                        .collect();
                                    view! {
                                        " ("
                                        {parts.join(", ")}
                                        ")"
                                    }
                                })}
                            {rule
                                .business_hours
                                .is_some()
                                .then(|| {
                                    view! {
                                        " · "
                                        {t!(i18n, sla.business_hours)}
                                    }
                                })}
                            <button
                                type="button"
                                class="chip-remove"
                                aria-label=move || {
                                    t_string!(i18n, filters.remove, what = rule.name.clone()).to_string()
                                }
                                on:click=move |_| {
                                    state
                                        .edit_setup(|s| {
                                            s.options.sla_rules.remove(i);
                                        })
                                }
                            >
                                "×"
                            </button>
                        </li>
                    }
                })
                .collect_view()
        }}
    }
}

/// Hours per priority value (as written in the file) for the rule being written; empty: the
/// general limit.
#[component]
fn PerPriority(per_priority: RwSignal<Vec<(String, String)>>) -> impl IntoView {
    let i18n = use_i18n();
    let a = use_app_state().analysis;
    let priorities = move || {
        a.choices.with(|c| {
            c.as_ref()
                .and_then(|c| c.columns.iter().find(|col| col.field == Some(ServiceField::Priority)))
                .map(|col| col.values.iter().take(12).map(|v| v.value.clone()).collect::<Vec<_>>())
                .unwrap_or_default()
        })
    };
    view! {
        {move || {
            let values = priorities();
            (!values.is_empty())
                .then(|| {
                    view! {
                        <div class="form-row per-priority" data-testid="sla-rule-priorities">
                            <span class="muted">{t!(i18n, sla.per_priority)}</span>
                            {values
                                .into_iter()
                                .map(|value| {
                                    let key = value.clone();
                                    let shown = value.clone();
                                    view! {
                                        <label class="field">
                                            <span>{value.clone()}</span>
                                            <input
                                                type="number"
                                                min="0"
                                                step="any"
                                                class="narrow"
                                                data-testid="sla-rule-priority-hours"
                                                prop:value=move || {
                                                    per_priority
                                                        .with(|p| {
                                                            p.iter()
                                                                .find(|(k, _)| *k == shown)
                                                                .map(|(_, h)| h.clone())
                                                                .unwrap_or_default()
                                                        })
                                                }
                                                on:input=move |e| {
                                                    let hours = event_target_value(&e);
                                                    let key = key.clone();
                                                    per_priority
                                                        .update(|p| {
                                                            p.retain(|(k, _)| *k != key);
                                                            p.push((key, hours));
                                                        });
                                                }
                                            />
                                        </label>
                                    }
                                })
                                .collect_view()}
                        </div>
                    }
                })
        }}
    }
}

/// An endpoint of a rule, in words.
fn endpoint_name(i18n: I18n, e: &Endpoint) -> String {
    match e {
        Endpoint::Created => t_string!(i18n, sla.created).to_string(),
        Endpoint::Resolved => t_string!(i18n, sla.resolution).to_string(),
        Endpoint::Activity(a) => a.clone(),
        Endpoint::Step(s) => step_name(i18n, *s),
    }
}

/// The endpoint an option of the endpoint menus stands for (`created`, `resolved`,
/// `step:<key>` or `activity:<name>`).
fn parse_endpoint(code: &str) -> Endpoint {
    match code {
        "created" => Endpoint::Created,
        "resolved" => Endpoint::Resolved,
        other => other
            .strip_prefix("step:")
            .and_then(|s| Step::ALL.iter().find(|x| x.key() == s).copied())
            .map(Endpoint::Step)
            .unwrap_or_else(|| Endpoint::Activity(other.trim_start_matches("activity:").to_owned())),
    }
}

/// The options of an endpoint menu: creation (`first` = `created`) or resolution, the
/// service steps, then every activity of the log.
fn endpoint_options(i18n: I18n, state: AppState, first: &'static str) -> impl IntoView {
    let a = state.analysis;
    let activities = a.choices.with(|c| c.as_ref().map(|c| c.activities.clone()).unwrap_or_default());
    let fixed = if first == "created" {
        view! { <option value="created">{t!(i18n, sla.created)}</option> }.into_any()
    } else {
        view! { <option value="resolved">{t!(i18n, sla.resolution)}</option> }.into_any()
    };
    let steps = [Step::Acknowledged, Step::Assigned, Step::Escalated, Step::Resolved, Step::Closed]
        .into_iter()
        .map(|s| {
            view! {
                <option value=format!(
                    "step:{}",
                    s.key(),
                )>{move || t_string!(i18n, sla.any_step, step = step_name(i18n, s)).to_string()}</option>
            }
        })
        .collect_view();
    let named = activities
        .into_iter()
        .map(|v| view! { <option value=format!("activity:{}", v.value)>{v.value.clone()}</option> })
        .collect_view();
    view! {
        {fixed}
        {steps}
        {named}
    }
}
