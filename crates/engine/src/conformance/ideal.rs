//! The ideal process, four ways in: chosen variants, an ordered list of steps, an imported
//! model file (BPMN or PNML), or a model discovered with the Inductive Miner. Each becomes a
//! Petri net the cases are checked against.

use serde::{Deserialize, Serialize};

use super::bpmn::{BpmnModel, from_petri_net, read_bpmn, to_petri_net};
use super::inductive::discover;
use super::net::PetriNet;
use super::pnml::{read_pnml, write_pnml};
use super::tree::{Operator, ProcessTree};
use crate::log::{EventLog, Selection};

/// One block of an ordered list of steps.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(tag = "kind", rename_all = "snake_case")]
pub enum StepBlock {
    /// One activity, which may be skipped or repeated.
    Step {
        /// The activity.
        activity: String,
        /// It may be skipped.
        #[serde(default)]
        optional: bool,
        /// It may happen several times in a row.
        #[serde(default)]
        repeatable: bool,
    },
    /// Exactly one of the activities (or none, when optional).
    OneOf {
        /// The alternatives.
        activities: Vec<String>,
        /// None of them may happen.
        #[serde(default)]
        optional: bool,
    },
    /// All of the activities, in any order.
    AnyOrder {
        /// The activities.
        activities: Vec<String>,
    },
}

impl StepBlock {
    fn tree(&self) -> ProcessTree {
        let leaf = |a: &String| ProcessTree::Activity(a.clone());
        match self {
            StepBlock::Step { activity, optional, repeatable } => {
                let mut t = leaf(activity);
                if *repeatable {
                    t = ProcessTree::Node(Operator::Loop, vec![t, ProcessTree::Tau]);
                }
                if *optional {
                    t = ProcessTree::Node(Operator::Xor, vec![ProcessTree::Tau, t]);
                }
                t
            }
            StepBlock::OneOf { activities, optional } => {
                let mut children: Vec<ProcessTree> = activities.iter().map(leaf).collect();
                if *optional {
                    children.insert(0, ProcessTree::Tau);
                }
                ProcessTree::Node(Operator::Xor, children)
            }
            StepBlock::AnyOrder { activities } => {
                ProcessTree::Node(Operator::Parallel, activities.iter().map(leaf).collect())
            }
        }
    }
}

/// Where the ideal process comes from.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(tag = "source", rename_all = "snake_case")]
pub enum IdealModel {
    /// Discovered from the cases with the Inductive Miner (`noise` 0 is IM, above IMf).
    Discovered {
        /// IMf's noise threshold.
        noise: f64,
    },
    /// These variants, each a path the process may take.
    Variants {
        /// The paths, as activity lists.
        paths: Vec<Vec<String>>,
    },
    /// An ordered list of steps.
    Steps {
        /// The blocks, in order.
        steps: Vec<StepBlock>,
    },
    /// A model file: BPMN 2.0 or PNML.
    Imported {
        /// The file's name, as shown.
        name: String,
        /// Its text.
        text: String,
    },
}

impl Default for IdealModel {
    /// The model IMf discovers with PM4Py's usual threshold, 0.2.
    fn default() -> Self {
        IdealModel::Discovered { noise: 0.2 }
    }
}

/// An ideal model that cannot be used, and why.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct IdealError(pub String);

impl std::fmt::Display for IdealError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(&self.0)
    }
}

impl std::error::Error for IdealError {}

impl IdealModel {
    /// The process tree, for the sources that are trees (not imported files).
    pub fn tree(&self, log: &EventLog, selection: Selection<'_>) -> Option<ProcessTree> {
        match self {
            IdealModel::Discovered { noise } => Some(discover(log, selection, *noise)),
            IdealModel::Variants { paths } => Some(
                ProcessTree::Node(
                    Operator::Xor,
                    paths
                        .iter()
                        .map(|p| {
                            if p.is_empty() {
                                ProcessTree::Tau
                            } else {
                                ProcessTree::Node(
                                    Operator::Sequence,
                                    p.iter().map(|a| ProcessTree::Activity(a.clone())).collect(),
                                )
                            }
                        })
                        .collect(),
                )
                .fold(),
            ),
            IdealModel::Steps { steps } => {
                Some(ProcessTree::Node(Operator::Sequence, steps.iter().map(StepBlock::tree).collect()).fold())
            }
            IdealModel::Imported { .. } => None,
        }
    }

    /// The Petri net the cases are checked against.
    pub fn net(&self, log: &EventLog, selection: Selection<'_>) -> Result<PetriNet, IdealError> {
        self.build(log, selection).map(|b| b.net)
    }

    /// The model made once: its net, its tree (for the sources that are trees) and its BPMN
    /// form (for every net BPMN can draw).
    pub fn build(&self, log: &EventLog, selection: Selection<'_>) -> Result<BuiltModel, IdealError> {
        match self {
            IdealModel::Variants { paths } if paths.is_empty() => Err(IdealError("no variant was chosen".into())),
            IdealModel::Steps { steps } if steps.is_empty() => Err(IdealError("the list of steps is empty".into())),
            IdealModel::Imported { name, text } => {
                let trimmed = text.trim_start_matches('\u{feff}').trim_start();
                let (net, bpmn) = if trimmed.contains("<pnml") {
                    let net = read_pnml(text).map_err(|e| IdealError(format!("{name}: {e}")))?.net;
                    let bpmn = from_petri_net(&net).ok();
                    (net, bpmn)
                } else {
                    let bpmn = read_bpmn(text).map_err(|e| IdealError(format!("{name}: {e}")))?;
                    (to_petri_net(&bpmn), Some(bpmn))
                };
                net.validate().map_err(|e| IdealError(format!("{name}: {e}")))?;
                Ok(BuiltModel { net, tree: None, bpmn })
            }
            other => {
                let tree = other.tree(log, selection).unwrap_or(ProcessTree::Tau);
                let net = tree.to_petri_net();
                let bpmn = from_petri_net(&net).ok();
                Ok(BuiltModel { net, tree: Some(tree), bpmn })
            }
        }
    }
}

/// An ideal model made usable (see [`IdealModel::build`]).
#[derive(Clone, Debug)]
pub struct BuiltModel {
    /// The Petri net the cases are checked against.
    pub net: PetriNet,
    /// The process tree, when the model is one.
    pub tree: Option<ProcessTree>,
    /// The model as BPMN, when the net is a workflow net BPMN can draw.
    pub bpmn: Option<BpmnModel>,
}

impl BuiltModel {
    /// The model as PNML.
    pub fn pnml(&self) -> String {
        write_pnml(&self.net)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::conformance::align::Aligner;

    fn deviations(model: &IdealModel, trace: &[&str]) -> u64 {
        let net = model.net(&EventLog::default(), Selection::All).unwrap();
        Aligner::new(&net).unwrap().align(trace).unwrap().cost / 10_000
    }

    #[test]
    fn steps_become_the_process_they_describe() {
        let steps = IdealModel::Steps {
            steps: vec![
                StepBlock::Step { activity: "Acknowledge".into(), optional: false, repeatable: false },
                StepBlock::Step { activity: "Assign".into(), optional: true, repeatable: true },
                StepBlock::AnyOrder { activities: vec!["Investigate".into(), "Call customer".into()] },
                StepBlock::OneOf { activities: vec!["Resolve".into(), "Cancel".into()], optional: false },
            ],
        };
        let tree = steps.tree(&EventLog::default(), Selection::All).unwrap();
        assert_eq!(
            tree.to_string(),
            "->( 'Acknowledge', X( tau, *( 'Assign', tau ) ), +( 'Investigate', 'Call customer' ), X( 'Resolve', 'Cancel' ) )"
        );
        assert_eq!(deviations(&steps, &["Acknowledge", "Call customer", "Investigate", "Cancel"]), 0);
        assert_eq!(
            deviations(&steps, &["Acknowledge", "Assign", "Assign", "Investigate", "Call customer", "Resolve"]),
            0
        );
        assert_eq!(deviations(&steps, &["Assign", "Investigate", "Call customer", "Resolve"]), 1);
    }

    #[test]
    fn an_optional_step_is_drawn_as_a_choice_without_a_parallel_gateway() {
        let step = |a: &str, optional: bool| StepBlock::Step { activity: a.into(), optional, repeatable: false };
        let steps = IdealModel::Steps { steps: vec![step("a", false), step("b", true), step("c", false)] };
        let built = steps.build(&EventLog::default(), Selection::All).unwrap();
        let bpmn = built.bpmn.expect("a tree's net is a workflow net");
        use crate::conformance::bpmn::BpmnKind;
        let kinds: Vec<BpmnKind> = bpmn.nodes.iter().map(|n| n.kind).collect();
        assert!(!kinds.contains(&BpmnKind::ParallelGateway), "{kinds:?}");
        assert_eq!(kinds.iter().filter(|k| **k == BpmnKind::ExclusiveGateway).count(), 2, "{kinds:?}");
        // The drawn model allows what the steps allow.
        let back = crate::conformance::bpmn::to_petri_net(&bpmn);
        let aligner = Aligner::new(&back).unwrap();
        for (trace, deviations) in [(&["a", "b", "c"][..], 0), (&["a", "c"], 0), (&["a"], 1), (&["b", "c"], 1)] {
            assert_eq!(aligner.align(trace).unwrap().cost / 10_000, deviations, "{trace:?}");
        }
    }

    #[test]
    fn chosen_variants_allow_exactly_those_paths() {
        let happy = IdealModel::Variants { paths: vec![vec!["a".into(), "b".into()], vec!["a".into(), "c".into()]] };
        assert_eq!(deviations(&happy, &["a", "b"]), 0);
        assert_eq!(deviations(&happy, &["a", "c"]), 0);
        assert_eq!(deviations(&happy, &["a", "b", "c"]), 1);
        assert!(IdealModel::Variants { paths: vec![] }.net(&EventLog::default(), Selection::All).is_err());
    }

    #[test]
    fn imported_files_are_read_by_their_content() {
        let pnml = crate::conformance::pnml::write_pnml(&PetriNet::sequence(&["a", "b"]));
        let model = IdealModel::Imported { name: "model.pnml".into(), text: pnml };
        assert_eq!(deviations(&model, &["a", "b"]), 0);
        let broken = IdealModel::Imported { name: "broken.bpmn".into(), text: "<definitions/>".into() };
        let error = broken.net(&EventLog::default(), Selection::All).unwrap_err();
        assert!(error.0.starts_with("broken.bpmn: "), "{error}");
    }
}
