//! Labelled form fields bound to signals: a text, date or number input, and a checkbox.

use leptos::prelude::*;

/// An `<input>` of the given type under its label, two-way bound to `value`.
#[component]
pub fn InputField(
    /// The input's type: "text", "date" or "number" (numbers are non-negative, any step).
    kind: &'static str,
    /// Test id of the input.
    testid: &'static str,
    /// The text the input holds.
    value: RwSignal<String>,
    /// The label.
    children: Children,
) -> impl IntoView {
    let number = kind == "number";
    view! {
        <label class="field">
            <span>{children()}</span>
            <input
                type=kind
                min=number.then_some("0")
                step=number.then_some("any")
                data-testid=testid
                prop:value=move || value.get()
                on:input=move |e| value.set(event_target_value(&e))
            />
        </label>
    }
}

/// A checkbox with its label, two-way bound to `value`.
#[component]
pub fn CheckField(
    /// Test id of the checkbox.
    #[prop(optional)]
    testid: Option<&'static str>,
    /// Whether it is ticked.
    value: RwSignal<bool>,
    /// The label.
    children: Children,
) -> impl IntoView {
    view! {
        <label class="check">
            <input
                type="checkbox"
                data-testid=testid
                prop:checked=move || value.get()
                on:change=move |_| value.update(|b| *b = !*b)
            />
            {children()}
        </label>
    }
}
