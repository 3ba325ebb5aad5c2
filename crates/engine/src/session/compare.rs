//! The session's comparisons: the whole log's change point, and two segments compared and
//! drawn as a difference map. The segments of the last comparison are kept (each chain
//! applied, each segment's graph), so that the difference map's sliders and measures redraw
//! without filtering again.

use super::{Computed, Session};
use crate::compare::change_point::ChangePoint;
use crate::compare::diff_map::{DiffMap, DiffMeasure, SegmentGraph, diff_map};
use crate::compare::{CompareOptions, Comparison, compare_filtered};
use crate::discovery::map::MapOptions;
use crate::filter::{FilterChain, FilterError, Filtered, apply};
use crate::format::Lang;
use crate::log::EventLog;
use crate::service::AnalysisSetup;

/// Two segments: their chains, what each keeps of the whole log, and (once drawn) their graphs.
pub(super) struct Segments {
    chains: (FilterChain, FilterChain),
    filtered: (Filtered, Filtered),
    graphs: Option<(SegmentGraph, SegmentGraph)>,
}

impl Session {
    /// The whole log's suggested change point under `setup`'s vocabulary and SLA rules (found
    /// once per setup: it does not depend on the filters).
    pub fn change_point(&mut self, setup: &AnalysisSetup) -> Option<ChangePoint> {
        let options = compare_options(setup);
        match &self.change_point {
            Some((known, point)) if *known == options => point.clone(),
            _ => {
                let point = crate::compare::suggest(&self.log, &options);
                self.change_point = Some((options, point.clone()));
                point
            }
        }
    }

    /// The cases chain `a` keeps against those `b` keeps, each applied to the whole log (the
    /// filters in force do not apply), with the change point.
    ///
    /// # Errors
    /// When a chain cannot be applied.
    pub fn compare(
        &mut self,
        a: &FilterChain,
        b: &FilterChain,
        setup: &AnalysisSetup,
    ) -> Result<Comparison, FilterError> {
        let options = compare_options(setup);
        let segments = segments(&self.log, &mut self.segments, &mut self.computed, a, b)?;
        let (fa, fb) = (&segments.filtered.0, &segments.filtered.1);
        let mut c = compare_filtered(&self.log, (fa, fb), &options);
        c.change_point = self.change_point(setup);
        Ok(c)
    }

    /// The difference map of the cases chain `a` keeps against those `b` keeps, at the slider
    /// positions of `options`.
    ///
    /// # Errors
    /// When a chain cannot be applied.
    pub fn diff_map(
        &mut self,
        a: &FilterChain,
        b: &FilterChain,
        options: MapOptions,
        measure: DiffMeasure,
        lang: Lang,
    ) -> Result<DiffMap, FilterError> {
        let (log, computed) = (&self.log, &mut self.computed);
        let segments = segments(log, &mut self.segments, computed, a, b)?;
        let (fa, fb) = (&segments.filtered.0, &segments.filtered.1);
        let (la, lb) = (fa.log(log), fb.log(log));
        let (ga, gb) = segments.graphs.get_or_insert_with(|| {
            computed.full_graphs += 2;
            (SegmentGraph::new(la, fa.selection()), SegmentGraph::new(lb, fb.selection()))
        });
        Ok(diff_map((la, fa.selection(), ga), (lb, fb.selection(), gb), options, measure, lang))
    }
}

/// The segments chains `a` and `b` keep of `log`, applied once per pair and kept in `known`.
fn segments<'s>(
    log: &EventLog,
    known: &'s mut Option<Segments>,
    computed: &mut Computed,
    a: &FilterChain,
    b: &FilterChain,
) -> Result<&'s mut Segments, FilterError> {
    if !known.as_ref().is_some_and(|s| s.chains.0 == *a && s.chains.1 == *b) {
        *known = None;
        let filtered = (apply(log, a)?, apply(log, b)?);
        computed.filters += 2;
        *known = Some(Segments { chains: (a.clone(), b.clone()), filtered, graphs: None });
    }
    Ok(known.as_mut().expect("set just above"))
}

/// The comparison's options from an analysis setup.
fn compare_options(setup: &AnalysisSetup) -> CompareOptions {
    CompareOptions { vocabulary: setup.vocabulary.clone(), sla_rules: setup.options.sla_rules.clone() }
}
