//! A warehouse result opened in the page: the map with both sliders, the variants, the case
//! durations. There are no events, so there are no filters, cases or service analyses (those
//! run in the warehouse: `casemap sql --filter`).

use serde::{Deserialize, Serialize};

use super::Computed;
use super::map::{MapCache, MapSource};
use super::views::{MapView, VARIANT_ROWS_LIMIT, VariantRow, VariantsView};
use crate::discovery::cases::Distribution;
use crate::discovery::draw::Measure;
use crate::discovery::map::MapOptions;
use crate::format::Lang;
use crate::warehouse::graphs::{AggregateGraphs, Coverage};
use crate::warehouse::result::Aggregate;

/// What the page shows of a warehouse result besides the map and the variants.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct WarehouseSummary {
    /// Events of the mapped cases.
    pub events: u64,
    /// Cases.
    pub cases: u64,
    /// Distinct activities.
    pub activities: u64,
    /// Distinct resources (none when the query had no resource column).
    pub resources: Option<u64>,
    /// The first event time, ISO 8601.
    pub first: Option<String>,
    /// The last event time.
    pub last: Option<String>,
    /// Table rows the query left out (no case id, activity or time).
    pub skipped_rows: u64,
    /// How much of the log the listed variants hold.
    pub coverage: Coverage,
    /// Case durations, seconds.
    pub case_durations: Option<Distribution>,
    /// Events per case.
    pub events_per_case: Option<Distribution>,
}

/// A warehouse result with its map's caches.
pub struct WarehouseSession {
    aggregate: Aggregate,
    graphs: AggregateGraphs,
    map: MapCache,
    computed: Computed,
}

impl WarehouseSession {
    /// A session on a result read with [`crate::warehouse::result::read`].
    pub fn new(aggregate: Aggregate) -> WarehouseSession {
        let graphs = AggregateGraphs::new(&aggregate);
        WarehouseSession { aggregate, graphs, map: MapCache::default(), computed: Computed::default() }
    }

    /// The figures besides the map.
    pub fn summary(&self) -> WarehouseSummary {
        let a = &self.aggregate;
        let (first, last) = a.period();
        WarehouseSummary {
            events: a.events,
            cases: a.cases,
            activities: a.activities.len() as u64,
            resources: a.resources,
            first,
            last,
            skipped_rows: a.skipped,
            coverage: self.graphs.coverage,
            case_durations: a.case_durations,
            events_per_case: a.events_per_case,
        }
    }

    /// The map at the slider positions of `options`.
    pub fn map(&mut self, options: MapOptions, measure: Measure, lang: Lang) -> MapView {
        self.map.map(MapSource::Aggregate(&self.graphs), options, measure, lang, &mut self.computed)
    }

    /// One piece of idle work for the map; `false` when nothing is left.
    pub fn prepare(&mut self) -> bool {
        self.map.prepare(MapSource::Aggregate(&self.graphs), &mut self.computed)
    }

    /// The listed variants as the variants view lists them.
    pub fn variants_view(&self) -> VariantsView {
        let cases = self.aggregate.cases.max(1) as f64;
        let names = &self.graphs.names.activities;
        let mut covered = 0;
        let rows = self
            .aggregate
            .variants
            .iter()
            .take(VARIANT_ROWS_LIMIT)
            .filter_map(|v| {
                let activities = v.activities.iter().map(|n| names.find(n)).collect::<Option<Vec<_>>>()?;
                covered += v.cases;
                Some(VariantRow {
                    activities,
                    cases: v.cases,
                    share: v.cases as f64 / cases,
                    coverage: covered as f64 / cases,
                    median_duration_s: v.median_s,
                    mean_duration_s: v.mean_s,
                })
            })
            .collect();
        VariantsView {
            total: self.aggregate.variant_count,
            cases: self.aggregate.cases,
            rows,
            activity_names: names.names().map(str::to_owned).collect(),
        }
    }

    /// How often the session made each thing it caches.
    pub fn computed(&self) -> Computed {
        self.computed
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::warehouse::result::read;

    const RESULT: &str = "\
kind,activity,target,rank,events,cases,max_repetitions,count,total,mean,median,min,max,p90,stdev
skipped,,,,0,,,,,,,,,,
log,,,,7,3,,,,,,1736150400,1736323200,,
activity,Open,,,3,3,1,0,,,,,,,
activity,Check,,,1,1,1,0,,,,,,,
activity,Close,,,3,3,1,0,,,,,,,
edge,Open,Check,,1,1,1,1,3600,3600,3600,3600,3600,,
edge,Check,Close,,1,1,1,1,7200,7200,7200,7200,7200,,
edge,Open,Close,,2,2,1,2,1800,900,900,600,1200,,424.26
start,Open,,,,3,,,,,,,,,
end,Close,,,,3,,,,,,,,,
variants,,,,,,,2,,,,,,,
variant,Open\u{1f}Close,,1,2,2,,,1800,900,900,600,1200,,
variant,Open\u{1f}Check\u{1f}Close,,2,3,1,,,10800,10800,10800,10800,10800,,
case_duration,,,,,,,3,12600,4200,1200,600,10800,8880,
events_per_case,,,,,,,3,7,2.33,2,2,3,2.8,
";

    #[test]
    fn the_map_bridges_hidden_activities_from_the_listed_variants() {
        let mut session = WarehouseSession::new(read(RESULT.as_bytes()).unwrap());
        let summary = session.summary();
        assert_eq!((summary.cases, summary.activities, summary.coverage.complete()), (3, 3, true));
        assert_eq!(summary.first.as_deref(), Some("2025-01-06T08:00:00Z"));
        let all = session.map(MapOptions { activities: Some(3), paths: Some(100.0) }, Measure::Cases, Lang::En);
        assert_eq!(all.dfg.edges.len(), 5);
        // Without Check, the case Open -> Check -> Close goes Open -> Close: three cases, and
        // its wait is unknown (bridged).
        let two = session.map(MapOptions { activities: Some(2), paths: Some(100.0) }, Measure::Median, Lang::En);
        let names = &session.graphs.names.activities;
        let (open, close) = (names.find("Open").unwrap(), names.find("Close").unwrap());
        use crate::discovery::dfg::Node;
        let edge = two.dfg.edge(Node::Activity(open), Node::Activity(close)).unwrap();
        assert_eq!((edge.frequency, edge.cases, edge.waiting), (3, 3, None));
        assert!(two.drawing.to_svg().contains("data-from=\"Open\""));
        let variants = session.variants_view();
        assert_eq!((variants.total, variants.rows.len(), variants.rows[1].coverage), (2, 2, 1.0));
        assert_eq!(variants.names(&variants.rows[1]).collect::<Vec<_>>(), ["Open", "Check", "Close"]);
    }
}
