//! Buttons that leave the current step of a job: back to the drop zone, back to the mapping,
//! on to the warehouse query.

use leptos::prelude::*;

use crate::i18n::*;
use crate::state::use_app_state;

/// "Choose another file": back to the drop zone.
#[component]
pub fn ChooseAnother(primary: bool) -> impl IntoView {
    let i18n = use_i18n();
    let state = use_app_state();
    view! {
        <button
            type="button"
            class="button"
            class:button-primary=primary
            class:button-secondary=!primary
            data-testid="choose-another"
            on:click=move |_| state.reset()
        >
            {t!(i18n, job.choose_another)}
        </button>
    }
}

/// "Change the column roles": back to the mapping step.
#[component]
pub fn BackToMapping(
    /// Test id (`back-to-mapping` unless given).
    #[prop(optional)]
    testid: Option<&'static str>,
) -> impl IntoView {
    let i18n = use_i18n();
    let state = use_app_state();
    view! {
        <button
            type="button"
            class="button button-secondary"
            data-testid=testid.unwrap_or("back-to-mapping")
            on:click=move |_| state.back_to_mapping()
        >
            {t!(i18n, loaded.back_to_mapping)}
        </button>
    }
}

/// "Map from a warehouse": on to the form that writes the warehouse query.
#[component]
pub fn WarehouseStart(
    /// Test id.
    testid: &'static str,
    /// Extra classes (the size of the button).
    #[prop(optional)]
    class: &'static str,
) -> impl IntoView {
    let i18n = use_i18n();
    let state = use_app_state();
    view! {
        <button
            type="button"
            class=format!("button button-secondary {class}")
            data-testid=testid
            on:click=move |_| state.warehouse_setup()
        >
            {t!(i18n, landing.warehouse_button)}
        </button>
    }
}
