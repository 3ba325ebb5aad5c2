//! A loaded log's views: overview, process map, variants, cases and the service analyses,
//! as tabs under the filter chain that all of them reflect.

use leptos::prelude::*;

use crate::analysis::Tab;
use crate::app::use_lang;
use crate::i18n::*;
use crate::state::use_app_state;
use crate::views::analyses::AnalysesView;
use crate::views::cases::CasesView;
use crate::views::charts::OverviewCharts;
use crate::views::filters::FilterBar;
use crate::views::kpis::KpiPanel;
use crate::views::loaded::LoadedLog;
use crate::views::map::MapPanel;
use crate::views::variants::VariantsPanel;

/// The tabs and the open view.
#[component]
pub fn Workspace() -> impl IntoView {
    let i18n = use_i18n();
    let state = use_app_state();
    let lang = use_lang();
    let tab = state.analysis.tab;
    // Rebuild the view only when another tab opens (not when the same one is set again).
    let open = Memo::new(move |_| tab.get());
    let button = move |which: Tab, testid: &'static str, label: Signal<String>| {
        view! {
            <button
                type="button"
                role="tab"
                class="tab"
                data-testid=testid
                aria-selected=move || (tab.get() == which).to_string()
                on:click=move |_| state.open_tab(which, lang())
            >
                {move || label.get()}
            </button>
        }
    };
    view! {
        <nav class="tabs" role="tablist" aria-label=move || t_string!(i18n, workspace.label).to_string()>
            {button(Tab::Overview, "tab-overview", Signal::derive(move || t_string!(i18n, workspace.overview).to_string()))}
            {button(Tab::Map, "tab-map", Signal::derive(move || t_string!(i18n, workspace.map).to_string()))}
            {button(Tab::Variants, "tab-variants", Signal::derive(move || t_string!(i18n, workspace.variants).to_string()))}
            {button(Tab::Cases, "tab-cases", Signal::derive(move || t_string!(i18n, workspace.cases).to_string()))}
            {button(Tab::Analyses, "tab-analyses", Signal::derive(move || t_string!(i18n, workspace.analyses).to_string()))}
        </nav>
        <FilterBar />
        {move || match open.get() {
            Tab::Overview => view! { <KpiPanel /> <OverviewCharts /> <LoadedLog /> }.into_any(),
            Tab::Map => view! { <MapPanel /> }.into_any(),
            Tab::Variants => view! { <VariantsPanel /> }.into_any(),
            Tab::Cases => view! { <CasesView /> }.into_any(),
            Tab::Analyses => view! { <AnalysesView /> }.into_any(),
        }}
    }
}
