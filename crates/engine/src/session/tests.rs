//! The session's caching: each thing is made once, a filter change drops exactly what
//! depends on the filtered log, and a cached answer equals a fresh one.

use super::*;
use crate::filter::Filter;
use crate::ingest::{ImportOptions, import_bytes};
use crate::sample::{SampleOptions, generate_csv};
use crate::service::{Step, Vocabulary};

/// A session on 300 cases of the sample service desk.
fn session() -> Session {
    let csv = generate_csv(&SampleOptions { cases: 300, ..SampleOptions::default() });
    let imported = import_bytes(&csv, &ImportOptions::default()).expect("the sample imports");
    Session::new(imported.log, imported.skipped)
}

fn at(activities: usize) -> MapOptions {
    MapOptions { activities: Some(activities), paths: None }
}

fn email_only() -> FilterChain {
    FilterChain {
        filters: vec![Filter::Attribute {
            column: "channel".into(),
            values: vec!["Email".into()],
            exclude: false,
            events: false,
        }],
    }
}

#[test]
fn nothing_is_computed_before_it_is_asked_for() {
    let session = session();
    assert_eq!(session.computed(), Computed::default());
}

#[test]
fn a_slider_position_is_computed_once() {
    let mut session = session();
    let first = session.map(at(8), Measure::Cases, Lang::En);
    let computed = session.computed();
    assert_eq!(computed.full_graphs, 1);
    // The same position again, the path slider moved, another measure: no graph is made.
    let again = session.map(at(8), Measure::Cases, Lang::En);
    session.map(MapOptions { activities: Some(8), paths: Some(10.0) }, Measure::Median, Lang::En);
    assert_eq!(session.computed(), computed);
    assert_eq!(first, again);
    // Another position is one more projection; going back to the first is none.
    session.map(at(9), Measure::Cases, Lang::En);
    assert_eq!(session.computed().projections, computed.projections + 1);
    session.map(at(8), Measure::Cases, Lang::En);
    assert_eq!(session.computed().projections, computed.projections + 1);
    assert_eq!(session.computed().full_graphs, 1);
}

#[test]
fn idle_preparation_ends_and_leaves_the_next_steps_ready() {
    let mut session = session();
    session.map(at(8), Measure::Cases, Lang::En);
    let mut pieces = 0;
    while session.prepare() {
        pieces += 1;
        assert!(pieces < 1_000, "preparation never ends");
    }
    assert!(pieces > 0);
    let prepared = session.computed();
    for kept in [7, 9, 10] {
        session.map(at(kept), Measure::Cases, Lang::En);
    }
    assert_eq!(session.computed().projections, prepared.projections, "the steps next to 8 were prepared");
    assert_eq!(session.computed().anchors, prepared.anchors);
}

#[test]
fn a_filter_change_drops_what_depends_on_the_filtered_log_and_keeps_the_choices() {
    let mut session = session();
    let setup = AnalysisSetup::default();
    session.map(at(8), Measure::Cases, Lang::En);
    session.variants();
    session.analysis(AnalysisKind::Sla, &setup);
    session.case_page(&CaseListQuery { limit: 25, ..CaseListQuery::default() });
    let all_choices = session.choices().clone();
    let before = session.computed();

    let state = session.set_filters(&email_only());
    assert_eq!(state.error, None);
    assert!(state.steps[0].cases < state.total_cases);
    session.map(at(8), Measure::Cases, Lang::En);
    session.variants();
    session.analysis(AnalysisKind::Sla, &setup);
    session.case_page(&CaseListQuery { limit: 25, ..CaseListQuery::default() });
    let after = session.computed();
    assert_eq!(after.full_graphs, before.full_graphs + 1);
    assert_eq!(after.variants, before.variants + 1);
    assert_eq!(after.facts, before.facts + 1);
    assert_eq!(after.case_orders, before.case_orders + 1);
    // The choices describe the whole log: a filter does not change them.
    assert_eq!(session.choices(), &all_choices);
    assert_eq!(session.computed().choices, 1);
}

#[test]
fn a_chain_that_fails_keeps_the_previous_one_and_its_caches() {
    let mut session = session();
    session.set_filters(&email_only());
    let map = session.map(at(8), Measure::Cases, Lang::En);
    let before = session.computed();
    let state = session.set_filters(&FilterChain {
        filters: vec![Filter::Attribute { column: "nope".into(), values: vec![], exclude: false, events: false }],
    });
    assert!(state.error.is_some());
    assert_eq!(state.steps.len(), 1, "the email filter is still in force");
    assert_eq!(session.map(at(8), Measure::Cases, Lang::En), map);
    assert_eq!(session.computed(), before);
}

#[test]
fn facts_are_kept_for_one_vocabulary() {
    let mut session = session();
    let setup = AnalysisSetup::default();
    let sla = session.analysis(AnalysisKind::Sla, &setup);
    session.analysis(AnalysisKind::Handoffs, &setup);
    assert_eq!(session.computed().facts, 1);
    let mut other = setup.clone();
    other.vocabulary = Vocabulary::default();
    assert!(other.vocabulary.mark("Case Assigned", Step::Escalated));
    session.analysis(AnalysisKind::Escalations, &other);
    assert_eq!(session.computed().facts, 2);
    // Back to the first vocabulary: made again, and the same answer.
    assert_eq!(session.analysis(AnalysisKind::Sla, &setup), sla);
    assert_eq!(session.computed().facts, 3);
}

#[test]
fn pages_of_one_search_and_sort_sort_once() {
    let mut session = session();
    let query = CaseListQuery { limit: 25, ..CaseListQuery::default() };
    let first = session.case_page(&query);
    let second = session.case_page(&CaseListQuery { offset: 25, ..query.clone() });
    assert_eq!(session.computed().case_orders, 1);
    assert_ne!(first.rows[0].id, second.rows[0].id);
    session.case_page(&CaseListQuery { descending: true, ..query });
    assert_eq!(session.computed().case_orders, 2);
}

#[test]
fn cached_answers_equal_those_of_a_fresh_session() {
    let mut warm = session();
    warm.set_filters(&email_only());
    for kept in [5, 8, 12, 8] {
        warm.map(at(kept), Measure::Cases, Lang::En);
    }
    while warm.prepare() {}
    let setup = AnalysisSetup::default();
    for kind in AnalysisKind::ALL {
        warm.analysis(kind, &setup);
    }
    let mut cold = session();
    cold.set_filters(&email_only());
    // Anchors follow the rung of the position asked for, so the cold session sees 8 first too.
    assert_eq!(warm.map(at(8), Measure::Median, Lang::En), cold.map(at(8), Measure::Median, Lang::En));
    assert_eq!(warm.variants_view(), cold.variants_view());
    for kind in AnalysisKind::ALL {
        assert_eq!(warm.analysis(kind, &setup), cold.analysis(kind, &setup), "{}", kind.key());
    }
}

#[test]
fn conformance_runs_once_per_setup_and_again_after_a_filter() {
    let mut session = session();
    let setup = AnalysisSetup::default();
    let first = session.analysis(AnalysisKind::Conformance, &setup);
    // Other analyses, and the same one again, do not run it again.
    session.analysis(AnalysisKind::Sla, &setup);
    assert_eq!(session.analysis(AnalysisKind::Conformance, &setup), first);
    assert_eq!(session.computed().on_demand, 1);
    let AnalysisReport::Conformance(report) = &first else { panic!("{first:?}") };
    let analysis = report.analysis.as_ref().expect("the discovered model checks");
    assert_eq!(analysis.fitness.cases, 300);
    assert_eq!(report.deviation_filters.len(), analysis.deviations.len());
    assert!(report.drawing.as_ref().is_some_and(|d| d.nodes.len() > 5), "the model is drawn");
    // Another method is another setup.
    let mut replay = setup.clone();
    replay.options.conformance.method = crate::conformance::Method::TokenReplay;
    session.analysis(AnalysisKind::Conformance, &replay);
    assert_eq!(session.computed().on_demand, 2);
    // A filter drops it.
    session.set_filters(&email_only());
    let email = session.analysis(AnalysisKind::Conformance, &setup);
    assert_eq!(session.computed().on_demand, 3);
    assert_ne!(email, first);
}

#[test]
fn conformance_aligned_in_slices_gives_the_report_of_one_go() {
    let setup = AnalysisSetup::default();
    let whole = session().analysis(AnalysisKind::Conformance, &setup);
    let mut session = session();
    let (net, traces) = session.pending_alignments(&setup).expect("the discovered model needs alignments");
    assert!(traces.len() > 10, "{} variants", traces.len());
    // Three variants, then a stop: three are known, the rest still pending.
    let mut budget = 3;
    let more = |budget: &mut i32| {
        *budget -= 1;
        *budget >= 0
    };
    assert_eq!(session.align(&net, &traces, || more(&mut budget)), Ok(3));
    let (again, all) = session.pending_alignments(&setup).expect("not all are aligned");
    assert_eq!((again, all.len()), (net.clone(), traces.len()), "the same model and variants");
    assert_eq!(session.align(&net, &traces, || true), Ok(traces.len()));
    assert_eq!(session.pending_alignments(&setup), None, "nothing left to align");
    assert_eq!(session.analysis(AnalysisKind::Conformance, &setup), whole);
    // Known once the report is made: nothing pending for it.
    assert_eq!(session.pending_alignments(&setup), None);
    // Token replay aligns nothing.
    let mut replay = setup.clone();
    replay.options.conformance.method = crate::conformance::Method::TokenReplay;
    assert_eq!(session.pending_alignments(&replay), None);
}

#[test]
fn a_comparison_ignores_the_filters_in_force_and_finds_the_change_point_once() {
    let csv = generate_csv(&SampleOptions::default());
    let imported = import_bytes(&csv, &ImportOptions::default()).expect("the sample imports");
    let mut session = Session::new(imported.log, imported.skipped);
    let setup = AnalysisSetup::default();
    let point = session.change_point(&setup).expect("the sample's change");
    let (before, after) = crate::compare::before_after(&point.week_start);
    let whole = session.compare(&before, &after, &setup).unwrap();
    session.set_filters(&email_only());
    let filtered = session.compare(&before, &after, &setup).unwrap();
    assert_eq!(filtered, whole);
    assert_eq!(whole.a.cases + whole.b.cases, 2000);
    assert_eq!(whole.change_point, Some(point));
    assert_eq!(whole, crate::compare::compare(session.log(), &before, &after, &Default::default()).unwrap());
}

#[test]
fn the_difference_map_redraws_without_filtering_the_segments_again() {
    use crate::compare::diff_map::DiffMeasure;
    let csv = generate_csv(&SampleOptions::default());
    let imported = import_bytes(&csv, &ImportOptions::default()).expect("the sample imports");
    let mut session = Session::new(imported.log, imported.skipped);
    let (before, after) = crate::compare::before_after("2025-04-14");
    let setup = AnalysisSetup::default();
    let comparison = session.compare(&before, &after, &setup).unwrap();
    let first = session.diff_map(&before, &after, MapOptions::default(), DiffMeasure::Cases, Lang::En).unwrap();
    assert_eq!(first.cases, (comparison.a.cases, comparison.b.cases));
    let fewer = MapOptions { activities: Some(4), paths: Some(0.0) };
    let smaller = session.diff_map(&before, &after, fewer, DiffMeasure::Median, Lang::En).unwrap();
    assert!(smaller.drawing.nodes.len() < first.drawing.nodes.len());
    // One pair of chains applied, one pair of graphs made, for the comparison and both maps.
    assert_eq!((session.computed().filters, session.computed().full_graphs), (2, 2));
    // Another pair is applied afresh.
    session.diff_map(&after, &before, fewer, DiffMeasure::Cases, Lang::En).unwrap();
    assert_eq!(session.computed().filters, 4);
}
