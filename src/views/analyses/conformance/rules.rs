//! The service rules of the conformance analysis: each rule with the cases it applies to and
//! those that violate it (a row keeps the violating cases), and a small editor. Without rules
//! of the user's, the vocabulary's defaults are checked; the first edit starts from them.

use casemap_engine::conformance::rules::{Check, Rule, RuleResult, Target};
use casemap_engine::filter::Filter;
use casemap_engine::format;
use casemap_engine::service::Step;
use leptos::prelude::*;

use super::super::common::I18n;
use crate::context::{texts, use_lang};
use crate::i18n::*;
use crate::names::step_name;
use crate::state::use_app_state;
use crate::widgets::{Cell, DataTable, Row};

fn target_name(i18n: I18n, target: &Target) -> String {
    match target {
        Target::Activity(a) => a.clone(),
        Target::Step(step) => format!("[{}]", step_name(i18n, *step)),
    }
}

/// A rule in words (its name first when the user gave one).
pub(super) fn rule_text(i18n: I18n, rule: &Rule, lang: format::Lang) -> String {
    let t = |target: &Target| target_name(i18n, target);
    let text = match &rule.check {
        Check::Before { first, then } => {
            t_string!(i18n, conformance.rule_before, a = t(first), b = t(then)).to_string()
        }
        Check::Precedes { step, requires } => {
            t_string!(i18n, conformance.rule_precedes, a = t(requires), b = t(step)).to_string()
        }
        Check::AtMost { step, times } => {
            t_string!(i18n, conformance.rule_at_most, a = t(step), n = format::count(u64::from(*times), lang))
                .to_string()
        }
        Check::Within { step, after, seconds, business_hours } => {
            let text = t_string!(
                i18n,
                conformance.rule_within,
                a = t(after),
                b = t(step),
                d = format::duration(*seconds, lang)
            )
            .to_string();
            if business_hours.is_some() { format!("{text} ({})", t_string!(i18n, sla.business_hours)) } else { text }
        }
        Check::Occurs { step } => t_string!(i18n, conformance.rule_occurs, a = t(step)).to_string(),
        Check::EndsWith { step } => t_string!(i18n, conformance.rule_ends_with, a = t(step)).to_string(),
    };
    match &rule.name {
        Some(name) => format!("{name}: {text}"),
        None => text,
    }
}

/// The kinds of rule the editor offers, by their serde names.
const KINDS: [&str; 6] = ["before", "precedes", "at_most", "within", "occurs", "ends_with"];

fn kind_label(i18n: I18n, kind: &str) -> String {
    match kind {
        "before" => t_string!(i18n, conformance.kind_before),
        "precedes" => t_string!(i18n, conformance.kind_precedes),
        "at_most" => t_string!(i18n, conformance.kind_at_most),
        "within" => t_string!(i18n, conformance.kind_within),
        "occurs" => t_string!(i18n, conformance.kind_occurs),
        _ => t_string!(i18n, conformance.kind_ends_with),
    }
    .to_string()
}

/// A target chosen in a select: `step:<key>` or `activity:<name>`.
fn parse_target(value: &str) -> Option<Target> {
    if let Some(key) = value.strip_prefix("step:") {
        return Step::ALL.iter().copied().find(|s| s.key() == key).map(Target::Step);
    }
    value.strip_prefix("activity:").filter(|a| !a.is_empty()).map(|a| Target::Activity(a.to_owned()))
}

/// The rule the editor's fields describe, if they describe one.
fn make_rule(kind: &str, a: &str, b: &str, number: &str) -> Option<Rule> {
    let (a, b) = (parse_target(a), parse_target(b));
    let number = number.trim().replace(',', ".").parse::<f64>().ok().filter(|n| *n >= 0.0);
    let check = match kind {
        "before" => Check::Before { first: a?, then: b? },
        "precedes" => Check::Precedes { step: b?, requires: a? },
        "at_most" => Check::AtMost { step: a?, times: number? as u32 },
        "within" => Check::Within { step: b?, after: a?, seconds: number? * 3600.0, business_hours: None },
        "occurs" => Check::Occurs { step: a? },
        _ => Check::EndsWith { step: a? },
    };
    Some(Rule { name: None, check })
}

/// The rules checked, and the editor.
#[component]
pub(super) fn RulesCheck(results: Vec<RuleResult>, filters: Vec<Filter>) -> impl IntoView {
    let i18n = use_i18n();
    let lang_now = use_lang()();
    let checked: Vec<Rule> = results.iter().map(|r| r.rule.clone()).collect();
    let rows: Vec<Row> = results
        .iter()
        .zip(filters)
        .map(|(r, filter)| {
            Row::filtering(
                vec![
                    Cell::Text(rule_text(i18n, &r.rule, lang_now)),
                    Cell::Count(r.applies),
                    Cell::Count(r.violating.len() as u64),
                    Cell::Percent(r.violation_rate()),
                ],
                (!r.violating.is_empty()).then_some(filter),
            )
        })
        .collect();
    let headers =
        texts![i18n; conformance.rule, conformance.applies, conformance.violating, conformance.violation_rate];
    view! {
        <h3>{t!(i18n, conformance.rules)}</h3>
        {if rows.is_empty() {
            view! { <p class="muted">{t!(i18n, conformance.no_rules)}</p> }.into_any()
        } else {
            view! { <DataTable testid="table-rules" headers=headers rows=rows lang=lang_now /> }.into_any()
        }}
        <RulesEditor checked />
    }
}

/// The rules checked, each with a button that removes it, and a form that adds one.
#[component]
fn RulesEditor(checked: Vec<Rule>) -> impl IntoView {
    let i18n = use_i18n();
    let lang_now = use_lang()();
    let state = use_app_state();
    let a = state.analysis;
    let kind = RwSignal::new("before".to_owned());
    let first = RwSignal::new(String::new());
    let second = RwSignal::new(String::new());
    let number = RwSignal::new("2".to_owned());
    let targets = move || {
        let steps = Step::ALL.iter().map(|s| (format!("step:{}", s.key()), format!("[{}]", step_name(i18n, *s))));
        let activities = a.choices.with(|c| {
            c.as_ref()
                .map(|c| {
                    c.activities.iter().map(|v| (format!("activity:{}", v.value), v.value.clone())).collect::<Vec<_>>()
                })
                .unwrap_or_default()
        });
        std::iter::once((String::new(), "–".to_owned()))
            .chain(activities)
            .chain(steps)
            .map(|(value, label)| view! { <option value=value>{label}</option> })
            .collect_view()
    };
    let removable = checked.clone();
    let listed = checked
        .iter()
        .enumerate()
        .map(|(n, rule)| {
            let rules = removable.clone();
            view! {
                <li data-testid="conformance-rule">
                    {rule_text(i18n, rule, lang_now)} " "
                    <button
                        type="button"
                        class="button button-secondary button-small"
                        data-testid="conformance-rule-remove"
                        on:click=move |_| {
                            let mut rules = rules.clone();
                            rules.remove(n);
                            state.edit_setup(|s| s.options.conformance.rules = Some(rules));
                        }
                    >
                        {t!(i18n, conformance.remove)}
                    </button>
                </li>
            }
        })
        .collect_view();
    let add = move |_| {
        let Some(rule) =
            make_rule(&kind.get_untracked(), &first.get_untracked(), &second.get_untracked(), &number.get_untracked())
        else {
            return;
        };
        let mut rules = checked.clone();
        rules.push(rule);
        state.edit_setup(|s| s.options.conformance.rules = Some(rules));
    };
    let needs_second = move || matches!(kind.get().as_str(), "before" | "precedes" | "within");
    let needs_number = move || matches!(kind.get().as_str(), "at_most" | "within");
    let custom = a.setup.with_untracked(|s| s.options.conformance.rules.is_some());
    view! {
        <details class="sla-rules" data-testid="conformance-rules-editor">
            <summary>{t!(i18n, conformance.edit_rules)}</summary>
            <ul class="rule-list">{listed}</ul>
            <div class="form-row">
                <label class="field">
                    <span>{t!(i18n, conformance.rule)}</span>
                    <select data-testid="rule-kind" on:change=move |e| kind.set(event_target_value(&e))>
                        {KINDS.iter().map(|k| view! { <option value=*k>{kind_label(i18n, k)}</option> }).collect_view()}
                    </select>
                </label>
                <label class="field">
                    <span>"A"</span>
                    <select data-testid="rule-a" on:change=move |e| first.set(event_target_value(&e))>
                        {targets}
                    </select>
                </label>
                <Show when=needs_second>
                    <label class="field">
                        <span>"B"</span>
                        <select data-testid="rule-b" on:change=move |e| second.set(event_target_value(&e))>
                            {targets}
                        </select>
                    </label>
                </Show>
                <Show when=needs_number>
                    <label class="field">
                        <span>
                            {move || {
                                if kind.get() == "within" {
                                    t_string!(i18n, sla.rule_hours).to_string()
                                } else {
                                    t_string!(i18n, conformance.times).to_string()
                                }
                            }}
                        </span>
                        <input
                            type="number"
                            min="0"
                            step="any"
                            data-testid="rule-number"
                            prop:value=move || number.get()
                            on:input=move |e| number.set(event_target_value(&e))
                        />
                    </label>
                </Show>
                <button type="button" class="button button-secondary button-small" data-testid="rule-add" on:click=add>
                    {t!(i18n, conformance.add)}
                </button>
                {custom
                    .then(|| {
                        view! {
                            <button
                                type="button"
                                class="button button-secondary button-small"
                                data-testid="rules-default"
                                on:click=move |_| state.edit_setup(|s| s.options.conformance.rules = None)
                            >
                                {t!(i18n, conformance.default_rules)}
                            </button>
                        }
                    })}
            </div>
        </details>
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_editor_fields_make_the_rule_they_say() {
        let rule = make_rule("precedes", "step:acknowledged", "step:escalated", "").unwrap();
        assert_eq!(
            rule.check,
            Check::Precedes { step: Target::Step(Step::Escalated), requires: Target::Step(Step::Acknowledged) }
        );
        let rule = make_rule("within", "activity:Case Created", "activity:Case Resolved", "1,5").unwrap();
        assert_eq!(
            rule.check,
            Check::Within {
                step: Target::Activity("Case Resolved".into()),
                after: Target::Activity("Case Created".into()),
                seconds: 5400.0,
                business_hours: None
            }
        );
        assert!(make_rule("before", "activity:A", "", "").is_none(), "B is missing");
        assert!(make_rule("at_most", "activity:A", "", "x").is_none(), "no number");
    }
}
