//! The toast that says a click added a filter step ("Filter added: Priority = High · Undo"):
//! announced politely to screen readers, focusable, gone after a few seconds unless the
//! pointer or the focus is on it.

use std::time::Duration;

use leptos::html::Div;
use leptos::prelude::*;

use crate::context::use_lang;
use crate::i18n::*;
use crate::state::use_app_state;
use crate::views::filters::describe;

/// How long a toast stays when nobody is reading it.
const SHOWN_FOR: Duration = Duration::from_millis(6_000);

/// The live region of filter toasts (always in the page, so that what appears in it is read
/// out).
#[component]
pub fn FilterToast() -> impl IntoView {
    let i18n = use_i18n();
    let lang = use_lang();
    let state = use_app_state();
    let a = state.analysis;
    let holder = NodeRef::<Div>::new();
    // Hides toast `id` when its time is up; while it is pointed at or focused, waits again.
    fn expire(toast: RwSignal<Option<crate::analysis::Toast>>, holder: NodeRef<Div>, id: u32) {
        set_timeout(
            move || {
                // The page may have moved on (another file chosen) while the timer ran: then
                // the toast and its holder are gone, and there is nothing left to hide.
                if toast.try_with_untracked(|t| t.as_ref().map(|t| t.id)).flatten() != Some(id) {
                    return;
                }
                let Some(holder_div) = holder.try_get_untracked() else { return };
                let busy = holder_div.is_some_and(|div| {
                    div.matches(":focus-within").unwrap_or(false) || div.matches(":hover").unwrap_or(false)
                });
                if busy {
                    expire(toast, holder, id)
                } else {
                    toast.try_set(None);
                }
            },
            SHOWN_FOR,
        );
    }
    Effect::new(move |_| {
        if let Some(id) = a.toast.with(|t| t.as_ref().map(|t| t.id)) {
            expire(a.toast, holder, id);
        }
    });
    let text = move || {
        a.toast.with(|t| {
            t.as_ref().map(|t| {
                let what = a.choices.with(|c| describe(i18n, &t.filter, lang(), c.as_ref()));
                t_string!(i18n, toast.added, what = what).to_string()
            })
        })
    };
    view! {
        <div class="toast-region" role="status" aria-live="polite" data-testid="toast-region" node_ref=holder>
            <Show when=move || a.toast.with(Option::is_some)>
                <div class="toast" data-testid="toast">
                    <span class="toast-text" data-testid="toast-text">
                        {text}
                    </span>
                    <button
                        type="button"
                        class="toast-undo"
                        data-testid="toast-undo"
                        on:click=move |_| state.undo_toast()
                    >
                        {t!(i18n, toast.undo)}
                    </button>
                    <button
                        type="button"
                        class="toast-close"
                        data-testid="toast-close"
                        aria-label=move || t_string!(i18n, toast.dismiss).to_string()
                        title=move || t_string!(i18n, toast.dismiss).to_string()
                        on:click=move |_| a.toast.set(None)
                    >
                        "×"
                    </button>
                </div>
            </Show>
        </div>
    }
}
