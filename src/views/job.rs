//! The current job: progress while the worker reads, then what it found.

use casemap_engine::format;
use casemap_engine::scan::{FileKind, LineEndings, ScanSummary, TextEncoding};
use leptos::prelude::*;
use leptos_i18n::I18nContext;

use crate::app::use_lang;
use crate::i18n::*;
use crate::state::{JobView, Progress, Source, use_app_state};

/// Progress, result, cancellation or failure of the current job.
#[component]
pub fn JobPanel() -> impl IntoView {
    let state = use_app_state();
    move || match state.job.get() {
        JobView::Idle => ().into_any(),
        JobView::Running { source, started_ms, .. } => view! { <Running source started_ms /> }.into_any(),
        JobView::Done { source, summary, seconds } => view! { <Done source summary seconds /> }.into_any(),
        JobView::Cancelled { source } => view! { <Cancelled source /> }.into_any(),
        JobView::Failed { source, message } => view! { <Failed source message /> }.into_any(),
    }
}

/// The name to show for a job's source ("Sample data" is translated).
fn source_name(i18n: I18nContext<Locale>, source: &Source) -> String {
    match source {
        Source::File(name) => name.clone(),
        Source::Sample => t_string!(i18n, job.sample_name).to_string(),
    }
}

#[component]
fn Running(source: Source, started_ms: f64) -> impl IntoView {
    let i18n = use_i18n();
    let lang = use_lang();
    let state = use_app_state();
    let title = move || match &source {
        Source::Sample => t_string!(i18n, job.generating_sample).to_string(),
        Source::File(name) => t_string!(i18n, job.reading, name = name.clone()).to_string(),
    };
    let progress = state.progress;
    let bytes = move || {
        let Progress { done, total, .. } = progress.get();
        t_string!(i18n, job.progress, done = format::bytes(done, lang()), total = format::bytes(total, lang()))
            .to_string()
    };
    let lines =
        move || t_string!(i18n, job.lines_so_far, lines = format::count(progress.get().lines, lang())).to_string();
    let rate = move || {
        let done = progress.get().done;
        let now = web_sys::window().and_then(|w| w.performance()).map_or(started_ms, |p| p.now());
        let seconds = (now - started_ms) / 1000.0;
        if seconds > 0.05 && done > 0 { format::byte_rate(done as f64 / seconds, lang()) } else { String::new() }
    };
    view! {
        <div class="panel" data-testid="job-running">
            <h2 class="panel-title">{title}</h2>
            <progress
                class="progress"
                max=move || progress.get().total.max(1)
                value=move || progress.get().done
                data-testid="progress"
            ></progress>
            <div class="panel-figures">
                <span data-testid="progress-bytes">{bytes}</span>
                <span>{lines}</span>
                <span>{rate}</span>
            </div>
            <div class="panel-actions">
                <button type="button" class="button button-secondary" data-testid="cancel" on:click=move |_| state.cancel()>
                    {t!(i18n, job.cancel)}
                </button>
            </div>
        </div>
    }
}

#[component]
fn Done(source: Source, summary: ScanSummary, seconds: f64) -> impl IntoView {
    let i18n = use_i18n();
    let lang = use_lang();
    let name = {
        let source = source.clone();
        move || source_name(i18n, &source)
    };
    let problem = match summary.kind {
        FileKind::Empty => Some(
            view! { <p class="notice notice-warning" data-testid="job-problem">{t!(i18n, job.empty)}</p> }.into_any(),
        ),
        kind if !kind.is_text() => Some(
            view! { <p class="notice notice-warning" data-testid="job-problem">{t!(i18n, job.not_text)}</p> }
                .into_any(),
        ),
        _ => None,
    };
    let text = summary.kind.is_text();
    let ScanSummary { bytes, lines, line_endings, kind, .. } = summary;
    view! {
        <div class="panel" data-testid="job-done">
            <h2 class="panel-title">{move || t_string!(i18n, job.done_title, name = name()).to_string()}</h2>
            {problem}
            <dl class="facts">
                <Fact label=move || t_string!(i18n, job.kind).to_string() testid="fact-kind">
                    {move || kind_name(i18n, kind)}
                </Fact>
                <Fact label=move || t_string!(i18n, job.size).to_string() testid="fact-size">
                    {move || format::bytes(bytes, lang())}
                </Fact>
                <Show when=move || text>
                    <Fact label=move || t_string!(i18n, job.lines).to_string() testid="fact-lines">
                        {move || format::count(lines, lang())}
                    </Fact>
                    <Fact label=move || t_string!(i18n, job.line_endings).to_string() testid="fact-endings">
                        {move || endings_name(i18n, line_endings)}
                    </Fact>
                </Show>
                <Fact label=move || t_string!(i18n, job.read_in).to_string() testid="fact-seconds">
                    {move || format::elapsed(seconds, lang())}
                </Fact>
            </dl>
            <ChooseAnother primary=false />
        </div>
    }
}

/// "Choose another file": back to the drop zone.
#[component]
fn ChooseAnother(primary: bool) -> impl IntoView {
    let i18n = use_i18n();
    let state = use_app_state();
    view! {
        <div class="panel-actions">
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
        </div>
    }
}

#[component]
fn Fact(label: impl Fn() -> String + Send + 'static, testid: &'static str, children: Children) -> impl IntoView {
    view! {
        <div class="fact" data-testid=testid>
            <dt>{label}</dt>
            <dd>{children()}</dd>
        </div>
    }
}

#[component]
fn Cancelled(source: Source) -> impl IntoView {
    let i18n = use_i18n();
    view! {
        <div class="panel" data-testid="job-cancelled">
            <p class="panel-title">{move || t_string!(i18n, job.cancelled, name = source_name(i18n, &source)).to_string()}</p>
            <ChooseAnother primary=true />
        </div>
    }
}

#[component]
fn Failed(source: Source, message: String) -> impl IntoView {
    let i18n = use_i18n();
    view! {
        <div class="panel" data-testid="job-failed" role="alert">
            <p class="panel-title">
                {move || t_string!(i18n, job.failed, name = source_name(i18n, &source), message = message.clone()).to_string()}
            </p>
            <p>{t!(i18n, job.try_again)}</p>
            <ChooseAnother primary=true />
        </div>
    }
}

fn kind_name(i18n: I18nContext<Locale>, kind: FileKind) -> String {
    match kind {
        FileKind::Empty => t_string!(i18n, kind.empty),
        FileKind::Text(TextEncoding::Utf8) => t_string!(i18n, kind.utf8),
        FileKind::Text(TextEncoding::Utf8Bom) => t_string!(i18n, kind.utf8_bom),
        FileKind::Text(TextEncoding::Utf16Le) => t_string!(i18n, kind.utf16_le),
        FileKind::Text(TextEncoding::Utf16Be) => t_string!(i18n, kind.utf16_be),
        FileKind::Zip => t_string!(i18n, kind.zip),
        FileKind::Gzip => t_string!(i18n, kind.gzip),
        FileKind::Pdf => t_string!(i18n, kind.pdf),
        FileKind::Image => t_string!(i18n, kind.image),
        FileKind::Binary => t_string!(i18n, kind.binary),
    }
    .to_string()
}

fn endings_name(i18n: I18nContext<Locale>, endings: LineEndings) -> String {
    match endings {
        LineEndings::None => t_string!(i18n, endings.none),
        LineEndings::Lf => t_string!(i18n, endings.lf),
        LineEndings::CrLf => t_string!(i18n, endings.crlf),
        LineEndings::Cr => t_string!(i18n, endings.cr),
        LineEndings::Mixed => t_string!(i18n, endings.mixed),
    }
    .to_string()
}
