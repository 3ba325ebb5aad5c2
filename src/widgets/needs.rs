//! The notice that names what a log lacks for an analysis (a column, a recognised step).

use casemap_engine::service::Need;
use leptos::prelude::*;

use crate::i18n::*;
use crate::names::need_name;
use crate::state::{JobView, use_app_state};
use crate::widgets::actions::BackToMapping;

/// What the log lacks for an analysis, with a way back to the mapping step when there is one.
#[component]
pub fn NeedsNotice(needs: Vec<Need>) -> impl IntoView {
    let i18n = use_i18n();
    let state = use_app_state();
    let can_map = matches!(state.job.get_untracked(), JobView::Loaded { back: Some(_), .. });
    (!needs.is_empty()).then(|| {
        let items = needs
            .into_iter()
            .map(|need| view! { <li data-testid="need">{move || need_name(i18n, need)}</li> })
            .collect_view();
        view! {
            <div class="notice notice-warning needs" data-testid="needs">
                <p>{t!(i18n, needs.lead)}</p>
                <ul>{items}</ul>
                {can_map
                    .then(|| {
                        view! {
                            <div class="panel-actions">
                                <BackToMapping testid="needs-to-mapping" />
                            </div>
                        }
                    })}
            </div>
        }
    })
}
