//! Handoffs: how often cases change hands between agents and teams, ping-pong, the agents and
//! teams that hand over to each other (automations apart), and what each handoff costs.

use casemap_engine::filter::Filter;
use casemap_engine::format::{self, Lang};
use casemap_engine::service::handoffs::{HandoffReport, Handover};
use leptos::prelude::*;

use super::common::{I18n, duration_axis, duration_text, pct, percent_text, resolution_unknown};
use crate::context::texts;
use crate::i18n::*;
use crate::widgets::{BarChart, Cell, DataTable, Figure, NeedsNotice, Row};

/// The body of the handoffs analysis.
pub(super) fn handoffs(i18n: I18n, r: HandoffReport, lang: Lang) -> AnyView {
    let automated: u64 = r.pairs.iter().filter(|p| p.automated).map(|p| p.count).sum();
    let pair_headers = texts![i18n; handoffs.from, handoffs.to, analyses.times, handoffs.pickup];
    let buckets: Vec<(String, f64)> = r
        .by_handoffs
        .iter()
        .filter_map(|b| {
            Some((if b.or_more { format!("{}+", b.handoffs) } else { b.handoffs.to_string() }, b.resolution?.median))
        })
        .collect();
    // Resolution times are unknown without a recognised resolution: no cost per handoff.
    let unknown = resolution_unknown(&r.needs);
    let chains: Vec<Row> = r
        .chains
        .iter()
        .map(|c| {
            Row::new(vec![
                Cell::Text(c.teams.join(" → ")),
                Cell::Count(c.cases),
                Cell::Duration(c.median_resolution_s.filter(|_| !unknown)),
            ])
        })
        .collect();
    let (per_handoff, per_handoff_note) = if unknown {
        ("–".to_owned(), t_string!(i18n, kpis.why_resolution).to_string())
    } else {
        (duration_text(r.seconds_per_handoff, lang), String::new())
    };
    let reassignments = r.reassignments_per_case;
    view! {
        <NeedsNotice needs=r.needs.clone() />
        <div class="figures">
            <Figure
                testid="fig-handoffs"
                label=t_string!(i18n, kpis.handoffs).to_string()
                value=r.handoffs_per_case.map_or_else(|| "–".into(), |h| format::decimal(h, 2, lang))
            />
            <Figure
                testid="fig-team-changes"
                label=t_string!(i18n, handoffs.team_changes).to_string()
                value=r.team_changes_per_case.map_or_else(|| "–".into(), |h| format::decimal(h, 2, lang))
            />
            <Figure
                testid="fig-ping-pong"
                label=t_string!(i18n, handoffs.ping_pong).to_string()
                value=format::count(r.ping_pong_cases, lang)
                note=percent_text(pct(r.ping_pong), lang)
            />
            <Figure
                testid="fig-single-owner"
                label=t_string!(i18n, handoffs.single_owner).to_string()
                value=percent_text(pct(r.single_owner), lang)
            />
            {reassignments
                .map(|x| {
                    view! {
                        <Figure
                            testid="fig-reassignments"
                            label=t_string!(i18n, handoffs.reassignments).to_string()
                            value=format::decimal(x, 2, lang)
                            note=t_string!(i18n, handoffs.reassignments_note).to_string()
                        />
                    }
                })}
            <Figure
                testid="fig-per-handoff"
                label=t_string!(i18n, handoffs.cost).to_string()
                value=per_handoff
                note=per_handoff_note
            />
        </div>
        {(!unknown)
            .then(|| {
                view! {
                    <BarChart
                        testid="chart-handoffs"
                        title=t_string!(i18n, handoffs.by_count).to_string()
                        items=buckets
                        format=duration_axis(lang)
                    />
                }
            })}
        <h3>{t!(i18n, handoffs.network)}</h3>
        {(automated > 0)
            .then(|| {
                view! {
                    <p class="muted" data-testid="automated-handoffs">
                        {t_string!(i18n, handoffs.automated, count = automated, n = format::count(automated, lang))
                            .to_string()}
                    </p>
                }
            })}
        <DataTable testid="table-handovers" headers=pair_headers.clone() rows=pair_rows(&r.pairs, false) lang=lang />
        {(!r.team_pairs.is_empty())
            .then(|| {
                view! {
                    <h3>{t!(i18n, handoffs.team_network)}</h3>
                    <DataTable
                        testid="table-team-handovers"
                        headers=pair_headers
                        rows=pair_rows(&r.team_pairs, true)
                        lang=lang
                    />
                }
            })}
        {(!chains.is_empty())
            .then(|| {
                view! {
                    <h3>{t!(i18n, handoffs.chains)}</h3>
                    <DataTable
                        testid="table-chains"
                        headers=texts![i18n; handoffs.teams, analyses.cases, analyses.median_resolution]
                        rows=chains
                        lang=lang
                    />
                }
            })}
    }
    .into_any()
}

/// Who hands over to whom, people only (automations are counted apart), at most 30 pairs; a
/// click on a pair of agents keeps the cases either worked on.
fn pair_rows(pairs: &[Handover], team: bool) -> Vec<Row> {
    pairs
        .iter()
        .filter(|p| !p.automated)
        .take(30)
        .map(|p| {
            let filter = if team {
                None
            } else {
                Some(Filter::Resources { resources: vec![p.from.clone(), p.to.clone()], exclude: false, events: false })
            };
            Row::filtering(
                vec![
                    Cell::Text(p.from.clone()),
                    Cell::Text(p.to.clone()),
                    Cell::Count(p.count),
                    Cell::Duration(Some(p.median_pickup_s)),
                ],
                filter,
            )
        })
        .collect()
}
