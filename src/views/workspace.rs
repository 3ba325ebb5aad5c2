//! A loaded log's views: overview, process map, variants, cases, the service analyses and
//! the comparison of two sets of cases,
//! as tabs under the filter chain that all of them reflect.
//!
//! The tabs follow the ARIA tabs pattern: one tab stop (the open tab), Left/Right move to the
//! previous/next tab and open it, Home/End to the first/last. When a log has just loaded, the
//! focus goes to the open tab, so that keyboard and screen-reader users start in the views
//! and not at the top of the page.

use leptos::html::Button;
use leptos::prelude::*;

use crate::analysis::Tab;
use crate::context::use_lang;
use crate::i18n::*;
use crate::state::use_app_state;
use crate::views::analyses::AnalysesView;
use crate::views::cases::CasesView;
use crate::views::charts::OverviewCharts;
use crate::views::compare::ComparePanel;
use crate::views::filters::FilterBar;
use crate::views::kpis::KpiPanel;
use crate::views::loaded::LoadedLog;
use crate::views::map::MapPanel;
use crate::views::toast::FilterToast;
use crate::views::variants::VariantsPanel;

/// The tabs in order.
const TABS: [Tab; 6] = [Tab::Overview, Tab::Map, Tab::Variants, Tab::Cases, Tab::Analyses, Tab::Compare];

/// The id of the element holding the open view.
const PANEL_ID: &str = "workspace-panel";

fn code(tab: Tab) -> &'static str {
    match tab {
        Tab::Overview => "overview",
        Tab::Map => "map",
        Tab::Variants => "variants",
        Tab::Cases => "cases",
        Tab::Analyses => "analyses",
        Tab::Compare => "compare",
    }
}

fn tab_label(i18n: leptos_i18n::I18nContext<Locale>, tab: Tab) -> String {
    match tab {
        Tab::Overview => t_string!(i18n, workspace.overview),
        Tab::Map => t_string!(i18n, workspace.map),
        Tab::Variants => t_string!(i18n, workspace.variants),
        Tab::Cases => t_string!(i18n, workspace.cases),
        Tab::Analyses => t_string!(i18n, workspace.analyses),
        Tab::Compare => t_string!(i18n, workspace.compare),
    }
    .to_string()
}

/// The tab a key moves to from `at`, if the key moves at all.
fn moved(key: &str, at: usize) -> Option<usize> {
    let last = TABS.len() - 1;
    match key {
        "ArrowRight" => Some(if at == last { 0 } else { at + 1 }),
        "ArrowLeft" => Some(if at == 0 { last } else { at - 1 }),
        "Home" => Some(0),
        "End" => Some(last),
        _ => None,
    }
}

/// The tabs and the open view.
#[component]
pub fn Workspace() -> impl IntoView {
    let i18n = use_i18n();
    let state = use_app_state();
    let lang = use_lang();
    let tab = state.analysis.tab;
    // Rebuild the view only when another tab opens (not when the same one is set again).
    let open = Memo::new(move |_| tab.get());
    let refs: [NodeRef<Button>; 6] = std::array::from_fn(|_| NodeRef::new());
    let focus = move |i: usize| {
        if let Some(button) = refs[i].get_untracked() {
            let _ = button.focus();
        }
    };
    // A log was just loaded (this view is made once per load): start at the open tab.
    Effect::new(move |done: Option<bool>| {
        if done != Some(true) {
            let at = TABS.iter().position(|t| *t == tab.get_untracked()).unwrap_or(0);
            if refs[at].get().is_some() {
                focus(at);
                return true;
            }
        }
        done.unwrap_or(false)
    });
    let on_key = move |event: web_sys::KeyboardEvent| {
        let at = TABS.iter().position(|t| *t == tab.get_untracked()).unwrap_or(0);
        if let Some(to) = moved(&event.key(), at) {
            event.prevent_default();
            state.open_tab(TABS[to], lang());
            focus(to);
        }
    };
    let buttons = TABS
        .iter()
        .enumerate()
        .map(|(i, &which)| {
            let selected = move || tab.get() == which;
            view! {
                <button
                    type="button"
                    role="tab"
                    class="tab"
                    id=format!("tab-{}", code(which))
                    data-testid=format!("tab-{}", code(which))
                    aria-selected=move || selected().to_string()
                    aria-controls=PANEL_ID
                    tabindex=move || if selected() { "0" } else { "-1" }
                    node_ref=refs[i]
                    on:click=move |_| state.open_tab(which, lang())
                >
                    {move || tab_label(i18n, which)}
                </button>
            }
        })
        .collect_view();
    view! {
        <div
            class="tabs"
            role="tablist"
            aria-label=move || t_string!(i18n, workspace.label).to_string()
            on:keydown=on_key
        >
            {buttons}
        </div>
        <FilterBar />
        <div
            class="tab-panel"
            role="tabpanel"
            id=PANEL_ID
            aria-labelledby=move || format!("tab-{}", code(tab.get()))
            data-testid="tab-panel"
        >
            {move || match open.get() {
                Tab::Overview => {
                    view! {
                        <KpiPanel />
                        <OverviewCharts />
                        <LoadedLog />
                    }
                        .into_any()
                }
                Tab::Map => view! { <MapPanel /> }.into_any(),
                Tab::Variants => view! { <VariantsPanel /> }.into_any(),
                Tab::Cases => view! { <CasesView /> }.into_any(),
                Tab::Analyses => view! { <AnalysesView /> }.into_any(),
                Tab::Compare => view! { <ComparePanel /> }.into_any(),
            }}
        </div>
        <FilterToast />
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn arrow_keys_wrap_and_home_end_jump() {
        assert_eq!(moved("ArrowRight", 0), Some(1));
        assert_eq!(moved("ArrowRight", 5), Some(0));
        assert_eq!(moved("ArrowLeft", 0), Some(5));
        assert_eq!(moved("Home", 3), Some(0));
        assert_eq!(moved("End", 1), Some(5));
        assert_eq!(moved("Enter", 1), None);
    }
}
