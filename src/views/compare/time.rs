//! Where the time went (the change of the mean case duration split over paths and
//! activities) and the variants that grew, shrank or are new.

use casemap_engine::compare::split::{Part, TimeSplit};
use casemap_engine::compare::{VariantChange, kpis::points};
use casemap_engine::format::{self, Lang};
use leptos::prelude::*;

use super::table;
use crate::context::texts;
use crate::i18n::*;

type I18n = leptos_i18n::I18nContext<Locale>;

/// Parts listed: the largest contributions (either sign).
const PARTS: usize = 12;
/// Variants listed.
const VARIANTS: usize = 15;

fn signed(seconds: f64, lang: Lang) -> String {
    format::signed_duration(seconds, lang)
}

/// A part's name: its path, or the activity's own working time.
fn part_name(i18n: I18n, p: &Part, activity: bool) -> String {
    let end = |n: &Option<String>, start: bool| {
        n.clone()
            .unwrap_or_else(|| if start { t_string!(i18n, map.start) } else { t_string!(i18n, map.end) }.to_string())
    };
    if activity {
        t_string!(i18n, compare.own_time, activity = end(&p.from, true)).to_string()
    } else {
        format!("{} → {}", end(&p.from, true), end(&p.to, false))
    }
}

/// The change of the mean case duration and the parts that carry most of it.
#[component]
pub(super) fn WhereTimeWent(split: TimeSplit, lang: Lang) -> impl IntoView {
    let i18n = use_i18n();
    let (na, nb) = split.cases;
    let mut parts: Vec<(&Part, bool)> =
        split.edges.iter().map(|p| (p, false)).chain(split.activities.iter().map(|p| (p, true))).collect();
    parts.sort_by(|x, y| y.0.contribution_s.abs().total_cmp(&x.0.contribution_s.abs()));
    let per_case = |n: u64, of: u64| if of == 0 { 0.0 } else { n as f64 / of as f64 };
    let rows = parts
        .into_iter()
        .take(PARTS)
        .map(|(p, activity)| {
            let taken = format!(
                "{} → {}",
                format::decimal(per_case(p.a.frequency, na), 2, lang),
                format::decimal(per_case(p.b.frequency, nb), 2, lang)
            );
            let wait = |w: Option<f64>| w.map_or_else(|| "–".to_owned(), |w| format::duration(w, lang));
            let waits = format!("{} → {}", wait(p.a.mean_wait_s), wait(p.b.mean_wait_s));
            view! {
                <tr data-testid="row" data-contribution=p.contribution_s.to_string()>
                    <td class="name">{part_name(i18n, p, activity)}</td>
                    <td class="num">{taken}</td>
                    <td class="num">{waits}</td>
                    <td class="num">{signed(p.frequency_part_s, lang)}</td>
                    <td class="num">{signed(p.speed_part_s, lang)}</td>
                    <td class="num strong">{signed(p.contribution_s, lang)}</td>
                </tr>
            }
        })
        .collect_view();
    let headers = texts![
        i18n; compare.path, compare.taken, compare.wait, compare.frequency_part, compare.speed_part, compare.contribution
    ];
    let total = t_string!(
        i18n,
        compare.time_total,
        a = format::duration(split.mean_s.0, lang),
        b = format::duration(split.mean_s.1, lang),
        change = signed(split.change_s, lang)
    )
    .to_string();
    view! {
        <section class="compare-time">
            <h3>{t!(i18n, compare.time)}</h3>
            <p data-testid="compare-time-total" data-change=split.change_s.to_string()>
                {total}
            </p>
            {table("compare-time", headers, |i| i >= 1, rows)}
            <p class="note">{t!(i18n, compare.time_note)}</p>
        </section>
    }
}

/// The variants whose share of cases changed most.
#[component]
pub(super) fn VariantChanges(variants: Vec<VariantChange>, lang: Lang) -> impl IntoView {
    let i18n = use_i18n();
    let rows = variants
        .into_iter()
        .take(VARIANTS)
        .map(|v| {
            let tag = match (v.a_cases, v.b_cases) {
                (0, _) => Some(("tag tag-new", t_string!(i18n, compare.tag_new).to_string())),
                (_, 0) => Some(("tag tag-gone", t_string!(i18n, compare.tag_gone).to_string())),
                _ => None,
            };
            let cases = |n: u64, share: f64| format!("{} ({})", format::count(n, lang), format::percent(share, lang));
            let change = points(v.b_share - v.a_share, lang);
            view! {
                <tr data-testid="row">
                    <td class="name variant-path">
                        {tag
                            .map(|(class, text)| {
                                view! {
                                    <span class=class>{text}</span>
                                    " "
                                }
                            })} {v.activities.join(" → ")}
                    </td>
                    <td class="num">{cases(v.a_cases, v.a_share)}</td>
                    <td class="num">{cases(v.b_cases, v.b_share)}</td>
                    <td class="num">{t_string!(i18n, compare.pp, n = change).to_string()}</td>
                </tr>
            }
        })
        .collect_view();
    let headers = texts![i18n; compare.variant, compare.cases_a, compare.cases_b, compare.share_change];
    view! {
        <section class="compare-variants">
            <h3>{t!(i18n, compare.variants)}</h3>
            {table("compare-variants", headers, |i| i >= 1, rows)}
        </section>
    }
}
