//! The root component: i18n, app state, the page frame (header, main, footer).

use leptos::prelude::*;

use crate::i18n::*;
use crate::state::{JobView, provide_app_state, use_app_state};
use crate::views::job::JobPanel;
use crate::views::landing::{DropZone, PrivacyCard, TemplateCard, WarehouseCard};

/// Where the chosen language is remembered between visits (this browser only).
const LANG_STORAGE_KEY: &str = "casemap.lang";

/// The whole app.
#[component]
pub fn App() -> impl IntoView {
    view! {
        <I18nContextProvider>
            <Page />
        </I18nContextProvider>
    }
}

fn local_storage() -> Option<web_sys::Storage> {
    // Storage may be disabled (privacy settings, some file:// contexts): then nothing is kept.
    web_sys::window()?.local_storage().ok().flatten()
}

#[component]
fn Page() -> impl IntoView {
    let i18n = use_i18n();
    if let Some(saved) = local_storage().and_then(|storage| storage.get_item(LANG_STORAGE_KEY).ok().flatten())
        && let Ok(locale) = saved.parse::<Locale>()
    {
        i18n.set_locale(locale);
    }
    let state = provide_app_state();
    // Remove the static loading placeholder of index.html once the app is mounted.
    if let Some(boot) = web_sys::window().and_then(|w| w.document()).and_then(|d| d.get_element_by_id("boot")) {
        boot.remove();
    }
    let idle = move || matches!(state.job.get(), JobView::Idle);
    view! {
        <a class="skip-link" href="#main">
            {t!(i18n, app.skip_to_content)}
        </a>
        <Header />
        <main
            id="main"
            class="page"
            data-testid="app"
            data-worker=move || if state.worker_ready.get() { "ready" } else { "starting" }
        >
            <CrashBanner />
            // The landing view; once a file is chosen, the job takes the whole page.
            <Show
                when=idle
                fallback=|| {
                    view! {
                        <section class="workspace">
                            <JobPanel />
                        </section>
                    }
                }
            >
                <section class="hero">
                    <h1>{t!(i18n, landing.title)}</h1>
                    <p class="lead">{t!(i18n, landing.lead)}</p>
                </section>
                <section class="workspace">
                    <DropZone />
                </section>
                <section class="cards">
                    <TemplateCard />
                    <div class="card-stack">
                        <PrivacyCard />
                        <WarehouseCard />
                    </div>
                </section>
            </Show>
        </main>
        <footer class="footer">
            <span>{t!(i18n, footer.version, version = env!("CARGO_PKG_VERSION"))}</span>
            <span aria-hidden="true">"·"</span>
            <span>{t!(i18n, footer.offline)}</span>
        </footer>
    }
}

#[component]
fn Header() -> impl IntoView {
    let i18n = use_i18n();
    view! {
        <header class="topbar">
            <div class="topbar-inner">
                <div class="brand">
                    <Logo />
                    <span class="brand-name">"casemap"</span>
                    <span class="brand-tagline">{t!(i18n, app.tagline)}</span>
                </div>
                <div class="topbar-end">
                    <span class="badge" data-testid="offline-badge">
                        <LockIcon />
                        {t!(i18n, app.offline_badge)}
                    </span>
                    <LanguageSwitch />
                </div>
            </div>
        </header>
    }
}

/// The language menu: names each language in itself, remembers the choice.
#[component]
fn LanguageSwitch() -> impl IntoView {
    let i18n = use_i18n();
    let on_change = move |event| {
        if let Ok(locale) = event_target_value(&event).parse::<Locale>() {
            i18n.set_locale(locale);
            if let Some(storage) = local_storage() {
                let _ = storage.set_item(LANG_STORAGE_KEY, locale.as_str());
            }
        }
    };
    let options = [(Locale::en, "English"), (Locale::it, "Italiano"), (Locale::ru, "Русский"), (Locale::zh, "中文")];
    view! {
        <label class="lang-switch">
            <span class="visually-hidden">{t!(i18n, app.language)}</span>
            <select on:change=on_change data-testid="language" prop:value=move || i18n.get_locale().as_str()>
                {options
                    .into_iter()
                    .map(|(locale, name)| {
                        view! {
                            <option value=locale.as_str() selected=move || i18n.get_locale() == locale>
                                {name}
                            </option>
                        }
                    })
                    .collect_view()}
            </select>
        </label>
    }
}

/// Shown when the worker died: nothing more can run until the page is reloaded.
#[component]
fn CrashBanner() -> impl IntoView {
    let i18n = use_i18n();
    let state = use_app_state();
    move || {
        state.crashed.get().map(|detail| {
            view! {
                <div class="banner banner-error" role="alert" data-testid="crash-banner">
                    <p>{t!(i18n, job.worker_crashed)}</p>
                    <p class="banner-detail">{detail}</p>
                </div>
            }
        })
    }
}

/// The casemap mark: three connected steps.
#[component]
pub fn Logo() -> impl IntoView {
    view! {
        <svg class="logo" viewBox="0 0 32 32" aria-hidden="true" focusable="false">
            <rect x="2" y="3" width="12" height="8" rx="2.5" class="logo-box" />
            <rect x="18" y="12" width="12" height="8" rx="2.5" class="logo-box logo-accent" />
            <rect x="2" y="21" width="12" height="8" rx="2.5" class="logo-box" />
            <path d="M14 7 H20 Q24 7 24 11 V12 M24 20 V21 Q24 25 20 25 H14" class="logo-line" />
        </svg>
    }
}

#[component]
fn LockIcon() -> impl IntoView {
    view! {
        <svg class="icon" viewBox="0 0 24 24" aria-hidden="true" focusable="false">
            <rect x="5" y="11" width="14" height="10" rx="2" />
            <path d="M8 11 V8 a4 4 0 0 1 8 0 V11" />
        </svg>
    }
}
