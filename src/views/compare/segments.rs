//! The choice of the two sets of cases: the suggested change point as a one-click
//! before/after, and a form for the four presets.

use casemap_engine::compare::change_point::ChangePoint;
use casemap_engine::compare::presets::{Preset, day_after, midpoint};
use casemap_engine::log::{Level, ServiceField};
use leptos::prelude::*;

use super::figures::kpi_name;
use crate::context::use_lang;
use crate::i18n::*;
use crate::protocol::FilterChoices;
use crate::state::use_app_state;

type I18n = leptos_i18n::I18nContext<Locale>;

/// Which preset the form shows.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Kind {
    BeforeAfter,
    Values,
    Rest,
    Period,
}

impl Kind {
    const ALL: [Kind; 4] = [Kind::BeforeAfter, Kind::Values, Kind::Rest, Kind::Period];

    fn code(self) -> &'static str {
        match self {
            Kind::BeforeAfter => "before_after",
            Kind::Values => "values",
            Kind::Rest => "rest",
            Kind::Period => "period",
        }
    }

    fn label(self, i18n: I18n) -> String {
        match self {
            Kind::BeforeAfter => t_string!(i18n, compare.p_before_after),
            Kind::Values => t_string!(i18n, compare.p_values),
            Kind::Rest => t_string!(i18n, compare.p_rest),
            Kind::Period => t_string!(i18n, compare.p_period),
        }
        .to_string()
    }

    fn of(preset: &Preset) -> Kind {
        match preset {
            Preset::BeforeAfter { .. } => Kind::BeforeAfter,
            Preset::Values { .. } => Kind::Values,
            Preset::ValueVsRest { .. } => Kind::Rest,
            Preset::PeriodVsPrevious { .. } => Kind::Period,
        }
    }
}

/// The case columns worth comparing by: a few values each (all of them known), those with a
/// service meaning (channel, team, priority...) first.
fn columns(choices: &FilterChoices) -> Vec<(String, Vec<String>)> {
    let mut list: Vec<_> = choices
        .columns
        .iter()
        .filter(|c| c.level == Level::Case && c.values.len() >= 2 && c.distinct as usize == c.values.len())
        .filter(|c| c.values.len() <= 50)
        .collect();
    let rank = |f: Option<ServiceField>| match f {
        Some(ServiceField::Channel) => 0,
        Some(ServiceField::Team) => 1,
        Some(ServiceField::Priority) => 2,
        Some(_) => 3,
        None => 4,
    };
    list.sort_by_key(|c| rank(c.field));
    list.into_iter().map(|c| (c.name.clone(), c.values.iter().map(|v| v.value.clone()).collect())).collect()
}

/// A KPI's name inside a sentence: lower-cased unless it starts with an abbreviation (SLA).
fn in_sentence(name: String) -> String {
    let mut chars = name.chars();
    match (chars.next(), chars.next()) {
        (Some(first), Some(second)) if !second.is_uppercase() => {
            first.to_lowercase().chain(name.chars().skip(1)).collect()
        }
        _ => name,
    }
}

/// "Something changed around the week of ...", with the one-click before/after.
#[component]
pub(super) fn Suggestion(
    /// Sets the form's date when the suggestion is taken.
    on_take: Callback<String>,
) -> impl IntoView {
    let i18n = use_i18n();
    let lang = use_lang();
    let state = use_app_state();
    let point = state.compare.change_point;
    move || match point.get() {
        None => view! {
            <p class="muted" data-testid="compare-looking">
                {t!(i18n, compare.looking)}
            </p>
        }
        .into_any(),
        Some(None) => view! {
            <p class="muted" data-testid="compare-no-change">
                {t!(i18n, compare.no_change)}
            </p>
        }
        .into_any(),
        Some(Some(ChangePoint { week_start, kpi, before, after, .. })) => {
            let show = |v: f64| casemap_engine::compare::kpis::display(&kpi, v, lang());
            let text = t_string!(
                i18n,
                compare.suggested,
                week = week_start.clone(),
                kpi = in_sentence(kpi_name(i18n, &kpi)),
                before = show(before),
                after = show(after)
            )
            .to_string();
            let week = week_start.clone();
            view! {
                <div class="compare-suggestion" data-testid="compare-suggestion" data-week=week_start>
                    <p>{text}</p>
                    <button
                        type="button"
                        class="button primary"
                        data-testid="compare-suggested"
                        on:click=move |_| {
                            on_take.run(week.clone());
                            state
                                .compare(
                                    Preset::BeforeAfter {
                                        date: week.clone(),
                                    },
                                    lang(),
                                );
                        }
                    >
                        {t!(i18n, compare.use_suggested)}
                    </button>
                </div>
            }
            .into_any()
        }
    }
}

/// The `<option>`s of `list`, the one `value` holds selected.
fn options(list: Vec<String>, value: RwSignal<String>) -> impl IntoView {
    list.into_iter()
        .map(|o| {
            let (selected, text) = (o == value.get_untracked(), o.clone());
            view! {
                <option value=o selected=selected>
                    {text}
                </option>
            }
        })
        .collect_view()
}

/// A `<select>` of `list` bound to `value`.
fn select(testid: &'static str, label: String, list: Vec<String>, value: RwSignal<String>) -> impl IntoView {
    let options = options(list, value);
    view! {
        <label class="field">
            <span>{label}</span>
            <select
                data-testid=testid
                prop:value=move || value.get()
                on:change=move |e| value.set(event_target_value(&e))
            >
                {options}
            </select>
        </label>
    }
}

/// The form's fields, as signals (Copy: closures take it whole).
#[derive(Clone, Copy)]
struct Form {
    kind: RwSignal<Kind>,
    date: RwSignal<String>,
    column: RwSignal<String>,
    a: RwSignal<String>,
    b: RwSignal<String>,
    end: RwSignal<String>,
    days: RwSignal<u32>,
    /// The columns to compare by, with their values.
    columns: Memo<Vec<(String, Vec<String>)>>,
}

impl Form {
    /// The fields of the preset last compared (empty for a first comparison).
    fn new(last: Option<Preset>, columns: Memo<Vec<(String, Vec<String>)>>) -> Form {
        let kind = last.as_ref().map_or(Kind::BeforeAfter, Kind::of);
        let (mut date, mut column, mut a, mut b, mut end, mut days) =
            (String::new(), String::new(), String::new(), String::new(), String::new(), 30u32);
        match last {
            Some(Preset::BeforeAfter { date: d }) => date = d,
            Some(Preset::Values { column: c, a: x, b: y }) => (column, a, b) = (c, x, y),
            Some(Preset::ValueVsRest { column: c, value }) => (column, a) = (c, value),
            Some(Preset::PeriodVsPrevious { end: e, days: n }) => (end, days) = (e, n),
            None => {}
        }
        Form {
            kind: RwSignal::new(kind),
            date: RwSignal::new(date),
            column: RwSignal::new(column),
            a: RwSignal::new(a),
            b: RwSignal::new(b),
            end: RwSignal::new(end),
            days: RwSignal::new(days),
            columns,
        }
    }

    /// The values of the chosen column.
    fn values(self) -> Vec<String> {
        let name = self.column.get();
        self.columns.with(|list| list.iter().find(|(n, _)| *n == name).map(|(_, v)| v.clone()).unwrap_or_default())
    }

    /// Chooses a column, and its two most frequent values.
    fn choose_column(self, name: String) {
        self.column.set(name);
        let values = self.values();
        self.a.set(values.first().cloned().unwrap_or_default());
        self.b.set(values.get(1).cloned().unwrap_or_default());
    }

    /// The preset the fields describe, when they are complete and valid.
    fn preset(self) -> Option<Preset> {
        let filled = |s: RwSignal<String>| Some(s.get()).filter(|s| !s.is_empty());
        match self.kind.get() {
            Kind::BeforeAfter => Some(Preset::BeforeAfter { date: filled(self.date)? }),
            Kind::Values => {
                Some(Preset::Values { column: filled(self.column)?, a: filled(self.a)?, b: filled(self.b)? })
            }
            Kind::Rest => Some(Preset::ValueVsRest { column: filled(self.column)?, value: filled(self.a)? }),
            Kind::Period => Some(Preset::PeriodVsPrevious { end: filled(self.end)?, days: self.days.get() }),
        }
        .filter(|p| p.chains().is_some())
    }

    /// Fills what is still empty once the log's span, its columns and the change point are
    /// known: the suggested week (else the log's middle day), the first column and its two
    /// most frequent values, a period ending with the log's last day.
    fn fill_defaults(self, choices: Option<&FilterChoices>, point: Option<Option<ChangePoint>>) {
        let Some(c) = choices else { return };
        if self.date.get_untracked().is_empty() {
            let suggested = point.flatten().map(|p| p.week_start);
            let middle = c.first.as_deref().zip(c.last.as_deref()).and_then(|(f, l)| midpoint(f, l));
            if let Some(d) = suggested.or(middle) {
                self.date.set(d);
            }
        }
        if self.end.get_untracked().is_empty()
            && let Some(d) = c.last.as_deref().and_then(day_after)
        {
            self.end.set(d);
        }
        if self.column.get_untracked().is_empty()
            && let Some((name, _)) = self.columns.get_untracked().into_iter().next()
        {
            self.choose_column(name);
        }
    }
}

/// The column choice.
fn column_field(i18n: I18n, form: Form) -> AnyView {
    let names: Vec<String> = form.columns.with(|l| l.iter().map(|(n, _)| n.clone()).collect());
    if names.is_empty() {
        return view! {
            <p class="muted" data-testid="compare-no-columns">
                {t!(i18n, compare.no_columns)}
            </p>
        }
        .into_any();
    }
    let options = options(names, form.column);
    view! {
        <label class="field">
            <span>{t!(i18n, compare.column)}</span>
            <select
                data-testid="compare-column"
                prop:value=move || form.column.get()
                on:change=move |e| form.choose_column(event_target_value(&e))
            >
                {options}
            </select>
        </label>
    }
    .into_any()
}

/// A date field.
fn date_field(testid: &'static str, label: String, value: RwSignal<String>) -> impl IntoView {
    view! {
        <label class="field">
            <span>{label}</span>
            <input
                type="date"
                data-testid=testid
                prop:value=move || value.get()
                on:change=move |e| value.set(event_target_value(&e))
            />
        </label>
    }
}

/// The fields of the chosen preset.
fn fields(i18n: I18n, form: Form) -> AnyView {
    match form.kind.get() {
        Kind::BeforeAfter => {
            date_field("compare-date", t_string!(i18n, compare.date).to_string(), form.date).into_any()
        }
        Kind::Values => {
            let values = form.values();
            view! {
                {column_field(i18n, form)}
                {select("compare-value-a", t_string!(i18n, compare.value_a).to_string(), values.clone(), form.a)}
                {select("compare-value-b", t_string!(i18n, compare.value_b).to_string(), values, form.b)}
            }
            .into_any()
        }
        Kind::Rest => {
            let values = form.values();
            view! {
                {column_field(i18n, form)}
                {select("compare-value", t_string!(i18n, compare.value).to_string(), values, form.a)}
            }
            .into_any()
        }
        Kind::Period => view! {
            {date_field("compare-end", t_string!(i18n, compare.period_end).to_string(), form.end)}
            <label class="field">
                <span>{t!(i18n, compare.days)}</span>
                <input
                    type="number"
                    min="1"
                    max="3660"
                    data-testid="compare-days"
                    prop:value=move || form.days.get().to_string()
                    on:change=move |e| {
                        if let Ok(n) = event_target_value(&e).parse::<u32>() {
                            form.days.set(n.clamp(1, 3660));
                        }
                    }
                />
            </label>
        }
        .into_any(),
    }
}

/// The preset form.
#[component]
pub(super) fn SegmentForm() -> impl IntoView {
    let i18n = use_i18n();
    let lang = use_lang();
    let state = use_app_state();
    let choices = state.analysis.choices;
    let columns = Memo::new(move |_| choices.with(|c| c.as_ref().map(columns).unwrap_or_default()));
    let form = Form::new(state.compare.preset.get_untracked(), columns);
    Effect::new(move |_| {
        let point = state.compare.change_point.get();
        columns.track();
        choices.with(|c| form.fill_defaults(c.as_ref(), point));
    });
    let kinds = Kind::ALL
        .iter()
        .map(|&k| {
            view! {
                <option value=k.code() selected=move || form.kind.get() == k>
                    {move || k.label(i18n)}
                </option>
            }
        })
        .collect_view();
    view! {
        <Suggestion on_take=Callback::new(move |week: String| {
            form.kind.set(Kind::BeforeAfter);
            form.date.set(week);
        }) />
        <form
            class="compare-form"
            data-testid="compare-form"
            on:submit=move |e| {
                e.prevent_default();
                if let Some(p) = form.preset() {
                    state.compare(p, lang());
                }
            }
        >
            <label class="field">
                <span>{t!(i18n, compare.how)}</span>
                <select
                    data-testid="compare-kind"
                    on:change=move |e| {
                        let code = event_target_value(&e);
                        if let Some(k) = Kind::ALL.iter().find(|k| k.code() == code) {
                            form.kind.set(*k);
                        }
                    }
                >
                    {kinds}
                </select>
            </label>
            {move || fields(i18n, form)}
            <button
                type="submit"
                class="button primary"
                data-testid="compare-run"
                disabled=move || form.preset().is_none()
            >
                {t!(i18n, compare.run)}
            </button>
        </form>
    }
}

#[cfg(test)]
mod tests {
    use super::in_sentence;

    #[test]
    fn a_name_inside_a_sentence_keeps_its_abbreviations() {
        assert_eq!(in_sentence("Escalation rate".to_owned()), "escalation rate");
        assert_eq!(in_sentence("SLA compliance".to_owned()), "SLA compliance");
        assert_eq!(in_sentence("升级率".to_owned()), "升级率");
        assert_eq!(in_sentence("Доля эскалаций".to_owned()), "доля эскалаций");
    }
}
