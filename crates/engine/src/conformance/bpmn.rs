//! BPMN 2.0 process models: reading the XML that Camunda Modeler, Signavio, bpmn.io and PM4Py
//! write, turning a model into the Petri net PM4Py checks against, and writing models back with
//! a diagram (BPMN DI) laid out by the [layered layout](crate::layout).
//!
//! **Reading** ([`read_bpmn`]) matches elements by local name, so any namespace prefix works.
//! It keeps the control flow: tasks of every kind (and call activities) become [`Task`]s,
//! labelled by their trimmed `name` (the id when there is none); start, end and intermediate
//! events; exclusive, parallel and inclusive gateways (event-based gateways count as
//! exclusive); sequence flows. Subprocesses are flattened: the flows into a subprocess lead to
//! its start event, and its end event (or an exclusive merge of its end events) leads on to
//! the flows out of it. Flow nodes whose meaning casemap cannot check (complex gateways,
//! boundary events, transactions, ad-hoc and event subprocesses, choreographies) are refused
//! with an error naming the element and its id, as is a file in which more than one process
//! (pool) has flow nodes. Conditions, loop and multi-instance markers, lanes, data and
//! annotations are ignored, as PM4Py ignores them.
//!
//! **Converting** ([`to_petri_net`]) gives the net `pm4py.convert_to_petri_net` gives (PM4Py
//! 2.7, `objects/conversion/bpmn/variants/to_petri_net.py`, then `apply_simple_reduction`):
//! the same places, transitions and silent transitions, so the same alignment costs, silent
//! moves included. PM4Py's semantics are kept where they differ from BPMN's: several flows
//! out of a task or an event are a choice, not a parallel split, and an inclusive split starts
//! every branch, each of which may skip ahead to the nearest inclusive join. casemap departs
//! from PM4Py only where PM4Py's net would be broken or lose an activity: PM4Py leaves the
//! flows of intermediate events, event-based gateways and subprocesses unconnected (casemap
//! passes through them silently, as an exclusive gateway), and makes a task without a name
//! silent (casemap labels it with its id). On the models PM4Py itself writes (tasks, start
//! and end events, exclusive and parallel gateways) the nets are identical.
//!
//! **Writing** ([`write_bpmn`]) gives a file with a diagram that bpmn.io and Camunda Modeler
//! open laid out left to right; [`from_petri_net`] turns a workflow net (one start place, one
//! end place) into a model to write.
//!
//! [`Task`]: BpmnKind::Task

use std::collections::{HashMap, HashSet, VecDeque};
use std::fmt::Write as _;

use super::builder::{Builder, unique};
use super::net::{Marking, Node, PetriNet};
use crate::layout::{self, EdgeSpec, Graph, NodeSize, Rect};

/// Why a BPMN file could not be read, or a net could not become BPMN.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct BpmnError(pub String);

impl std::fmt::Display for BpmnError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "BPMN: {}", self.0)
    }
}

impl std::error::Error for BpmnError {}

/// What a flow node is.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, serde::Serialize, serde::Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum BpmnKind {
    /// A task of any kind (user, service, manual, script, send, receive, business rule) or a
    /// call activity: one step of the process, an activity of the log.
    Task,
    /// Where a case starts.
    StartEvent,
    /// Where a case ends.
    EndEvent,
    /// An intermediate event (thrown or caught), or a subprocess's start or end event once
    /// flattened: a silent step.
    IntermediateEvent,
    /// An exclusive (XOR) gateway: one branch out, any branch in. Event-based gateways too.
    ExclusiveGateway,
    /// A parallel (AND) gateway: every branch out, every branch in.
    ParallelGateway,
    /// An inclusive (OR) gateway, translated as PM4Py translates it.
    InclusiveGateway,
}

impl BpmnKind {
    /// The BPMN element written for this kind.
    pub fn element(self) -> &'static str {
        match self {
            BpmnKind::Task => "task",
            BpmnKind::StartEvent => "startEvent",
            BpmnKind::EndEvent => "endEvent",
            BpmnKind::IntermediateEvent => "intermediateThrowEvent",
            BpmnKind::ExclusiveGateway => "exclusiveGateway",
            BpmnKind::ParallelGateway => "parallelGateway",
            BpmnKind::InclusiveGateway => "inclusiveGateway",
        }
    }

    /// Whether it is a gateway.
    pub fn is_gateway(self) -> bool {
        matches!(self, BpmnKind::ExclusiveGateway | BpmnKind::ParallelGateway | BpmnKind::InclusiveGateway)
    }

    /// Whether it is an event.
    pub fn is_event(self) -> bool {
        matches!(self, BpmnKind::StartEvent | BpmnKind::EndEvent | BpmnKind::IntermediateEvent)
    }
}

/// A flow node: a task, an event or a gateway.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct BpmnNode {
    /// Identifier, unique in the model.
    pub id: String,
    /// What it is.
    pub kind: BpmnKind,
    /// Its name, trimmed, line breaks made spaces (empty when it has none).
    pub name: String,
}

impl BpmnNode {
    /// The activity a task stands for: its name, or its id when it has none. `None` for
    /// events and gateways.
    pub fn label(&self) -> Option<&str> {
        match self.kind {
            BpmnKind::Task if self.name.is_empty() => Some(&self.id),
            BpmnKind::Task => Some(&self.name),
            _ => None,
        }
    }
}

/// A sequence flow between two flow nodes.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct SequenceFlow {
    /// Identifier, unique in the model.
    pub id: String,
    /// Where it starts, by index into [`BpmnModel::nodes`].
    pub source: usize,
    /// Where it leads, by index into [`BpmnModel::nodes`].
    pub target: usize,
}

/// A process's control flow: flow nodes and the sequence flows between them.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct BpmnModel {
    /// The process's id.
    pub id: String,
    /// The process's name (empty when it has none).
    pub name: String,
    /// Tasks, events and gateways, in the file's order (a subprocess's after those before it).
    pub nodes: Vec<BpmnNode>,
    /// Sequence flows.
    pub flows: Vec<SequenceFlow>,
}

impl BpmnModel {
    /// Flows into each node and out of each node, as counts.
    fn degrees(&self) -> (Vec<usize>, Vec<usize>) {
        let mut ins = vec![0; self.nodes.len()];
        let mut outs = vec![0; self.nodes.len()];
        for f in &self.flows {
            outs[f.source] += 1;
            ins[f.target] += 1;
        }
        (ins, outs)
    }
}

// ---------------------------------------------------------------------------------------------
// Reading

fn local<'a>(node: roxmltree::Node<'a, '_>) -> &'a str {
    node.tag_name().name()
}

/// Elements that are tasks for casemap.
const TASKS: &[&str] = &[
    "task",
    "userTask",
    "serviceTask",
    "manualTask",
    "scriptTask",
    "sendTask",
    "receiveTask",
    "businessRuleTask",
    "callActivity",
];

/// Flow nodes casemap refuses, and why.
const UNSUPPORTED: &[(&str, &str)] = &[
    ("complexGateway", "complex gateways"),
    ("boundaryEvent", "boundary events"),
    ("transaction", "transactions"),
    ("adHocSubProcess", "ad-hoc subprocesses"),
    ("callChoreography", "choreographies"),
    ("choreographyTask", "choreographies"),
    ("subChoreography", "choreographies"),
    ("implicitThrowEvent", "implicit throw events"),
];

const SUPPORTED: &str = "casemap reads tasks, call activities, start, end and intermediate events, exclusive, \
                         parallel, inclusive and event-based gateways, and subprocesses";

fn is_flow_node(name: &str) -> bool {
    TASKS.contains(&name)
        || UNSUPPORTED.iter().any(|u| u.0 == name)
        || matches!(
            name,
            "startEvent"
                | "endEvent"
                | "intermediateCatchEvent"
                | "intermediateThrowEvent"
                | "exclusiveGateway"
                | "eventBasedGateway"
                | "parallelGateway"
                | "inclusiveGateway"
                | "subProcess"
        )
}

/// A name as shown: trimmed, each line break (with the blanks around it) one space.
fn clean_name(raw: &str) -> String {
    raw.split(['\r', '\n']).map(str::trim).filter(|l| !l.is_empty()).collect::<Vec<_>>().join(" ")
}

/// A subprocess being flattened: its start and end events (as node indices).
struct SubProcess {
    id: String,
    name: String,
    starts: Vec<usize>,
    ends: Vec<usize>,
}

#[derive(Default)]
struct Reader {
    nodes: Vec<BpmnNode>,
    index: HashMap<String, usize>,
    subprocesses: Vec<SubProcess>,
    /// Sequence flows as (id, sourceRef, targetRef), the refs from `<outgoing>`/`<incoming>`
    /// when the flow lacks them.
    flows: Vec<(String, Option<String>, Option<String>)>,
    declared_out: HashMap<String, String>,
    declared_in: HashMap<String, String>,
    ids: HashSet<String>,
}

impl Reader {
    fn claim(&mut self, id: &str, element: &str) -> Result<(), BpmnError> {
        if !self.ids.insert(id.to_owned()) {
            return Err(BpmnError(format!("the id \"{id}\" is used twice (second use: <{element}>)")));
        }
        Ok(())
    }

    fn add_node(&mut self, el: roxmltree::Node<'_, '_>, kind: BpmnKind) -> Result<usize, BpmnError> {
        let element = local(el);
        let id = el.attribute("id").ok_or_else(|| BpmnError(format!("a <{element}> has no id")))?;
        self.claim(id, element)?;
        let name = clean_name(el.attribute("name").unwrap_or_default());
        for c in el.children().filter(|c| c.is_element()) {
            let flow = c.text().unwrap_or_default().trim();
            match local(c) {
                "incoming" if !flow.is_empty() => {
                    self.declared_in.entry(flow.to_owned()).or_insert_with(|| id.to_owned());
                }
                "outgoing" if !flow.is_empty() => {
                    self.declared_out.entry(flow.to_owned()).or_insert_with(|| id.to_owned());
                }
                _ => {}
            }
        }
        self.index.insert(id.to_owned(), self.nodes.len());
        self.nodes.push(BpmnNode { id: id.to_owned(), kind, name });
        Ok(self.nodes.len() - 1)
    }

    /// Reads the flow elements of a process or subprocess; `inside` is the subprocess.
    fn container(&mut self, el: roxmltree::Node<'_, '_>, inside: Option<usize>) -> Result<(), BpmnError> {
        for c in el.children().filter(|c| c.is_element()) {
            let name = local(c);
            let id = c.attribute("id").unwrap_or("?");
            if let Some((_, what)) = UNSUPPORTED.iter().find(|u| u.0 == name) {
                return Err(BpmnError(format!("<{name}> \"{id}\": {what} are not supported ({SUPPORTED})")));
            }
            let kind = match name {
                n if TASKS.contains(&n) => BpmnKind::Task,
                "startEvent" if inside.is_some() => BpmnKind::IntermediateEvent,
                "startEvent" => BpmnKind::StartEvent,
                "endEvent" if inside.is_some() => BpmnKind::IntermediateEvent,
                "endEvent" => BpmnKind::EndEvent,
                "intermediateCatchEvent" | "intermediateThrowEvent" => BpmnKind::IntermediateEvent,
                "exclusiveGateway" | "eventBasedGateway" => BpmnKind::ExclusiveGateway,
                "parallelGateway" => BpmnKind::ParallelGateway,
                "inclusiveGateway" => BpmnKind::InclusiveGateway,
                "subProcess" => {
                    if c.attribute("triggeredByEvent") == Some("true") {
                        return Err(BpmnError(format!(
                            "<subProcess> \"{id}\" is an event subprocess, which is not supported ({SUPPORTED})"
                        )));
                    }
                    let id = c.attribute("id").ok_or_else(|| BpmnError("a <subProcess> has no id".into()))?;
                    self.claim(id, name)?;
                    for f in c.children().filter(|f| f.is_element()) {
                        let flow = f.text().unwrap_or_default().trim().to_owned();
                        match local(f) {
                            "incoming" if !flow.is_empty() => {
                                self.declared_in.entry(flow).or_insert_with(|| id.to_owned());
                            }
                            "outgoing" if !flow.is_empty() => {
                                self.declared_out.entry(flow).or_insert_with(|| id.to_owned());
                            }
                            _ => {}
                        }
                    }
                    self.subprocesses.push(SubProcess {
                        id: id.to_owned(),
                        name: clean_name(c.attribute("name").unwrap_or_default()),
                        starts: Vec::new(),
                        ends: Vec::new(),
                    });
                    let sub = self.subprocesses.len() - 1;
                    self.container(c, Some(sub))?;
                    continue;
                }
                "sequenceFlow" => {
                    let id = c.attribute("id").ok_or_else(|| BpmnError("a <sequenceFlow> has no id".into()))?;
                    self.claim(id, name)?;
                    let end = |a: &str| c.attribute(a).map(str::trim).filter(|s| !s.is_empty()).map(str::to_owned);
                    self.flows.push((id.to_owned(), end("sourceRef"), end("targetRef")));
                    continue;
                }
                _ => continue,
            };
            let node = self.add_node(c, kind)?;
            if let Some(sub) = inside {
                match name {
                    "startEvent" => self.subprocesses[sub].starts.push(node),
                    "endEvent" => self.subprocesses[sub].ends.push(node),
                    _ => {}
                }
            }
        }
        Ok(())
    }
}

/// Reads a BPMN 2.0 document (see the [module](self) for what is kept).
pub fn read_bpmn(text: &str) -> Result<BpmnModel, BpmnError> {
    let doc = roxmltree::Document::parse(text).map_err(|e| BpmnError(format!("not well-formed XML: {e}")))?;
    let root = doc.root_element();
    if local(root) != "definitions" {
        return Err(BpmnError(format!("the document is <{}>, not BPMN <definitions>", local(root))));
    }
    let processes: Vec<_> = root.children().filter(|c| c.is_element() && local(*c) == "process").collect();
    let with_nodes: Vec<_> = processes
        .iter()
        .copied()
        .filter(|p| p.descendants().any(|d| d.is_element() && is_flow_node(local(d))))
        .collect();
    let process = match with_nodes.as_slice() {
        [one] => *one,
        [] if processes.is_empty() => return Err(BpmnError("the file holds no <process>".into())),
        [] => return Err(BpmnError("the process has no tasks, events or gateways".into())),
        many => {
            let ids: Vec<String> = many.iter().map(|p| format!("\"{}\"", p.attribute("id").unwrap_or("?"))).collect();
            return Err(BpmnError(format!(
                "the file holds {} processes (pools) with flow nodes ({}); casemap checks against one",
                many.len(),
                ids.join(", ")
            )));
        }
    };
    let mut reader = Reader::default();
    reader.container(process, None)?;
    let Reader { mut nodes, mut index, subprocesses, flows, declared_out, declared_in, mut ids } = reader;

    // Flattening: where a flow into or out of each subprocess goes instead.
    let mut entry: HashMap<String, usize> = HashMap::new();
    let mut exit: HashMap<String, usize> = HashMap::new();
    let mut extra_flows: Vec<SequenceFlow> = Vec::new();
    for sub in &subprocesses {
        let start = match sub.starts.as_slice() {
            [one] => *one,
            [] => {
                return Err(BpmnError(format!(
                    "<subProcess> \"{}\" has no start event; casemap reads subprocesses with one",
                    sub.id
                )));
            }
            many => {
                return Err(BpmnError(format!(
                    "<subProcess> \"{}\" has {} start events; casemap reads subprocesses with one",
                    sub.id,
                    many.len()
                )));
            }
        };
        let end = match sub.ends.as_slice() {
            [] => {
                return Err(BpmnError(format!(
                    "<subProcess> \"{}\" has no end event; casemap reads subprocesses with at least one",
                    sub.id
                )));
            }
            [one] => *one,
            many => {
                // The subprocess is done when any of its end events is reached (as PM4Py reads
                // several end events of a process): an exclusive merge, with the subprocess's id.
                let merge = nodes.len();
                nodes.push(BpmnNode { id: sub.id.clone(), kind: BpmnKind::ExclusiveGateway, name: sub.name.clone() });
                index.insert(sub.id.clone(), merge);
                for &e in many {
                    let id = unique(&mut ids, &format!("{}_to_{}", nodes[e].id, sub.id));
                    extra_flows.push(SequenceFlow { id, source: e, target: merge });
                }
                merge
            }
        };
        entry.insert(sub.id.clone(), start);
        exit.insert(sub.id.clone(), end);
    }

    let mut model = BpmnModel {
        id: process.attribute("id").unwrap_or_default().to_owned(),
        name: clean_name(process.attribute("name").unwrap_or_default()),
        nodes,
        flows: Vec::new(),
    };
    for (id, source, target) in flows {
        let source = source.or_else(|| declared_out.get(&id).cloned());
        let target = target.or_else(|| declared_in.get(&id).cloned());
        let (Some(source), Some(target)) = (source, target) else {
            return Err(BpmnError(format!("<sequenceFlow> \"{id}\" lacks its sourceRef or targetRef")));
        };
        let find = |key: &str, via: &HashMap<String, usize>, what: &str| -> Result<usize, BpmnError> {
            via.get(key).or_else(|| index.get(key)).copied().ok_or_else(|| {
                BpmnError(format!("<sequenceFlow> \"{id}\" {what} \"{key}\", which is no flow node of the process"))
            })
        };
        let source = find(&source, &exit, "starts at")?;
        let target = find(&target, &entry, "leads to")?;
        model.flows.push(SequenceFlow { id, source, target });
    }
    model.flows.extend(extra_flows);
    if !model.nodes.iter().any(|n| n.kind == BpmnKind::StartEvent) {
        return Err(BpmnError("the process has no start event: no case could start".into()));
    }
    if !model.nodes.iter().any(|n| n.kind == BpmnKind::EndEvent) {
        return Err(BpmnError("the process has no end event: no case could end".into()));
    }
    Ok(model)
}

// ---------------------------------------------------------------------------------------------
// Converting to a Petri net

/// The Petri net `pm4py.convert_to_petri_net` makes of the model (see the [module](self)):
///
/// - places `source` (initial marking) and `sink` (final marking), one place per flow, and an
///   entry and an exit place per node with a transition between them (labelled for a task,
///   silent otherwise);
/// - a silent transition from `source` into each start event, and from each end event into
///   `sink`;
/// - a parallel or inclusive gateway with several flows out gets a silent transition that
///   fills them all, with several flows in one that empties them all; every other node's exit
///   place leads into each flow out through a silent transition of its own (a choice), and
///   each flow in into its entry place through another;
/// - each flow out of an inclusive split gets a silent skip to the nearest flow into an
///   inclusive join (fewest steps; ties: the first found);
/// - then silent transitions in series are fused (PM4Py's `apply_simple_reduction`: a
///   silent transition whose only input place has one producer and no other consumer merges
///   into that producer; one whose only output place has one consumer and no other producer
///   merges into that consumer; repeated until nothing changes) and unused places dropped.
pub fn to_petri_net(model: &BpmnModel) -> PetriNet {
    let mut b = Builder::default();
    let source = b.place("source");
    let sink = b.place("sink");
    let (ins, outs) = model.degrees();
    let flow_place: Vec<usize> = model.flows.iter().map(|f| b.place(&f.id)).collect();

    // What each node's flows attach to: a place (each flow gets its own silent transition) or
    // a transition (the flows attach to it directly).
    let mut entering = Vec::with_capacity(model.nodes.len());
    let mut exiting = Vec::with_capacity(model.nodes.len());
    for (i, node) in model.nodes.iter().enumerate() {
        let ent = b.place(&format!("ent_{}", node.id));
        let exi = b.place(&format!("exi_{}", node.id));
        let t = b.transition(&node.id, node.label().map(str::to_owned));
        b.arc(Node::Place(ent), Node::Transition(t));
        b.arc(Node::Transition(t), Node::Place(exi));
        let mut enter = Node::Place(ent);
        let mut exit = Node::Place(exi);
        if matches!(node.kind, BpmnKind::ParallelGateway | BpmnKind::InclusiveGateway) {
            if outs[i] > 1 {
                let split = b.transition(&format!("{}_split", node.id), None);
                b.arc(Node::Place(exi), Node::Transition(split));
                exit = Node::Transition(split);
            }
            if ins[i] > 1 {
                let join = b.transition(&format!("{}_join", node.id), None);
                b.arc(Node::Transition(join), Node::Place(ent));
                enter = Node::Transition(join);
            }
        }
        match node.kind {
            BpmnKind::StartEvent => {
                let start = b.transition(&format!("{}_start", node.id), None);
                b.arc(Node::Place(source), Node::Transition(start));
                b.arc(Node::Transition(start), Node::Place(ent));
            }
            BpmnKind::EndEvent => {
                let end = b.transition(&format!("{}_end", node.id), None);
                b.arc(Node::Place(exi), Node::Transition(end));
                b.arc(Node::Transition(end), Node::Place(sink));
            }
            _ => {}
        }
        entering.push(enter);
        exiting.push(exit);
    }
    for (f, flow) in model.flows.iter().enumerate() {
        let from = match exiting[flow.source] {
            Node::Place(p) => {
                let t = b.transition(&format!("sfl_{}", flow.id), None);
                b.arc(Node::Place(p), Node::Transition(t));
                t
            }
            Node::Transition(t) => t,
        };
        let to = match entering[flow.target] {
            Node::Place(p) => {
                let t = b.transition(&format!("tfl_{}", flow.id), None);
                b.arc(Node::Transition(t), Node::Place(p));
                t
            }
            Node::Transition(t) => t,
        };
        b.arc(Node::Transition(from), Node::Place(flow_place[f]));
        b.arc(Node::Place(flow_place[f]), Node::Transition(to));
    }
    inclusive_skips(model, &mut b, &flow_place, &ins, &outs);
    b.simple_reduction();
    let name = if model.name.is_empty() { model.id.clone() } else { model.name.clone() };
    b.finish(name, source, sink)
}

/// PM4Py's translation of inclusive gateways: every flow out of an inclusive split may be
/// skipped by a silent transition to the nearest flow into an inclusive join (shortest path
/// in the graph of places joined through a transition).
fn inclusive_skips(model: &BpmnModel, b: &mut Builder, flow_place: &[usize], ins: &[usize], outs: &[usize]) {
    let inclusive = |n: usize| model.nodes[n].kind == BpmnKind::InclusiveGateway;
    let mut exits = Vec::new();
    let mut entries = HashSet::new();
    for (f, flow) in model.flows.iter().enumerate() {
        if inclusive(flow.source) && outs[flow.source] > 1 {
            exits.push(f);
        } else if inclusive(flow.target) && ins[flow.target] > 1 {
            entries.insert(flow_place[f]);
        }
    }
    if exits.is_empty() || entries.is_empty() {
        return;
    }
    // Place -> places reachable by firing one transition.
    let mut next: Vec<Vec<usize>> = vec![Vec::new(); b.places.len()];
    for t in 0..b.transitions.len() {
        let inputs: Vec<usize> = b
            .live(&b.trans_in[t])
            .filter_map(|a| match b.arcs[a].0 {
                Node::Place(p) => Some(p),
                Node::Transition(_) => None,
            })
            .collect();
        let outputs: Vec<usize> = b
            .live(&b.trans_out[t])
            .filter_map(|a| match b.arcs[a].1 {
                Node::Place(p) => Some(p),
                Node::Transition(_) => None,
            })
            .collect();
        for &p in &inputs {
            next[p].extend(&outputs);
        }
    }
    let mut skips = Vec::new();
    for f in exits {
        let start = flow_place[f];
        let mut seen = vec![false; b.places.len()];
        seen[start] = true;
        let mut queue = VecDeque::from([start]);
        let mut found = None;
        'search: while let Some(p) = queue.pop_front() {
            for &q in &next[p] {
                if !seen[q] {
                    seen[q] = true;
                    if entries.contains(&q) {
                        found = Some(q);
                        break 'search;
                    }
                    queue.push_back(q);
                }
            }
        }
        if let Some(target) = found {
            skips.push((f, start, target));
        }
    }
    for (f, from, to) in skips {
        let t = b.transition(&format!("skip_{}", model.flows[f].id), None);
        b.arc(Node::Place(from), Node::Transition(t));
        b.arc(Node::Transition(t), Node::Place(to));
    }
}

// ---------------------------------------------------------------------------------------------
// From a Petri net

/// A model of a workflow net (one place marked at the start, one at the end, plain arcs, every
/// transition with input and output places), with the same visible language:
///
/// - a visible transition becomes a task (with a parallel gateway before it when it has several
///   input places, after it when several output places), a silent one a parallel gateway;
/// - a place with one way in and one way out becomes a sequence flow, any other place an
///   exclusive gateway;
/// - a start event leads into the initial place, the final place into an end event.
///
/// The alignments against the model's net ([`to_petri_net`]) have the same deviations and
/// trace fitness as against `net`; the silent moves, and so the raw costs, may differ.
pub fn from_petri_net(net: &PetriNet) -> Result<BpmnModel, BpmnError> {
    let single = |m: &Marking, what: &str| match m.0.as_slice() {
        [(p, 1)] => Ok(*p),
        _ => Err(BpmnError(format!(
            "the net's {what} marking is not one token in one place, so the net is no workflow net BPMN can draw"
        ))),
    };
    let initial = single(&net.initial, "initial")?;
    let finish = single(&net.final_marking, "final")?;
    let mut pre: Vec<Vec<usize>> = vec![Vec::new(); net.transitions.len()];
    let mut post: Vec<Vec<usize>> = vec![Vec::new(); net.transitions.len()];
    let mut place_in: Vec<Vec<usize>> = vec![Vec::new(); net.places.len()];
    let mut place_out: Vec<Vec<usize>> = vec![Vec::new(); net.places.len()];
    for arc in &net.arcs {
        if arc.weight != 1 {
            return Err(BpmnError(format!("an arc of the net moves {} tokens; BPMN flows move one", arc.weight)));
        }
        match (arc.source, arc.target) {
            (Node::Place(p), Node::Transition(t)) => {
                pre[t].push(p);
                place_out[p].push(t);
            }
            (Node::Transition(t), Node::Place(p)) => {
                post[t].push(p);
                place_in[p].push(t);
            }
            _ => return Err(BpmnError("an arc of the net joins two places or two transitions".into())),
        }
    }
    for (t, tr) in net.transitions.iter().enumerate() {
        if pre[t].is_empty() || post[t].is_empty() {
            return Err(BpmnError(format!(
                "transition \"{}\" has no {} place; BPMN cannot draw it",
                tr.id,
                if pre[t].is_empty() { "input" } else { "output" }
            )));
        }
    }
    let mut model = BpmnModel { id: "process".into(), name: net.name.clone(), ..BpmnModel::default() };
    let mut counter: HashMap<&'static str, usize> = HashMap::new();
    let mut add = |model: &mut BpmnModel, kind: BpmnKind, name: String| {
        let prefix = match kind {
            BpmnKind::Task => "task",
            BpmnKind::StartEvent => "start",
            BpmnKind::EndEvent => "end",
            BpmnKind::IntermediateEvent => "event",
            _ => "gateway",
        };
        let n = counter.entry(prefix).or_default();
        *n += 1;
        model.nodes.push(BpmnNode { id: format!("{prefix}_{n}"), kind, name });
        model.nodes.len() - 1
    };
    let flow = |model: &mut BpmnModel, source: usize, target: usize| {
        let id = format!("flow_{}", model.flows.len() + 1);
        model.flows.push(SequenceFlow { id, source, target });
    };
    let start = add(&mut model, BpmnKind::StartEvent, String::new());
    let mut enter = Vec::with_capacity(net.transitions.len());
    let mut leave = Vec::with_capacity(net.transitions.len());
    for (t, tr) in net.transitions.iter().enumerate() {
        match &tr.label {
            Some(label) => {
                let task = add(&mut model, BpmnKind::Task, label.clone());
                let mut into = task;
                if pre[t].len() > 1 {
                    into = add(&mut model, BpmnKind::ParallelGateway, String::new());
                    flow(&mut model, into, task);
                }
                let mut out = task;
                if post[t].len() > 1 {
                    out = add(&mut model, BpmnKind::ParallelGateway, String::new());
                    flow(&mut model, task, out);
                }
                enter.push(into);
                leave.push(out);
            }
            None => {
                let gateway = add(&mut model, BpmnKind::ParallelGateway, String::new());
                enter.push(gateway);
                leave.push(gateway);
            }
        }
    }
    let end = add(&mut model, BpmnKind::EndEvent, String::new());
    for p in 0..net.places.len() {
        let mut sources: Vec<usize> = place_in[p].iter().map(|&t| leave[t]).collect();
        let mut targets: Vec<usize> = place_out[p].iter().map(|&t| enter[t]).collect();
        if p == initial {
            sources.insert(0, start);
        }
        if p == finish {
            targets.push(end);
        }
        match (sources.as_slice(), targets.as_slice()) {
            ([], []) => {}
            ([s], [t]) => flow(&mut model, *s, *t),
            _ => {
                let gateway = add(&mut model, BpmnKind::ExclusiveGateway, String::new());
                for s in sources {
                    flow(&mut model, s, gateway);
                }
                for t in targets {
                    flow(&mut model, gateway, t);
                }
            }
        }
    }
    drop_pass_through(&mut model);
    Ok(model)
}

/// Drops the gateways with one flow in and one flow out (a silent transition between two
/// places, the skip of an optional step): they only pass the token on, and in a drawing they
/// read as a parallel split that is none. A gateway is kept where dropping it would join two
/// nodes already joined (two flows between the same nodes would mean something else for a
/// parallel gateway).
fn drop_pass_through(model: &mut BpmnModel) {
    loop {
        let (ins, outs) = model.degrees();
        let found = (0..model.nodes.len()).find_map(|g| {
            if !model.nodes[g].kind.is_gateway() || ins[g] != 1 || outs[g] != 1 {
                return None;
            }
            let into = model.flows.iter().position(|f| f.target == g)?;
            let out = model.flows.iter().position(|f| f.source == g)?;
            let (source, target) = (model.flows[into].source, model.flows[out].target);
            let joined = model.flows.iter().any(|f| f.source == source && f.target == target);
            (source != g && target != g && !joined).then_some((g, into, out, target))
        });
        let Some((g, into, out, target)) = found else { return };
        model.flows[into].target = target;
        model.flows.remove(out);
        model.nodes.remove(g);
        for f in &mut model.flows {
            f.source -= usize::from(f.source > g);
            f.target -= usize::from(f.target > g);
        }
    }
}

// ---------------------------------------------------------------------------------------------
// Writing

/// Size of a node's shape in the diagram (bpmn.io's defaults).
fn shape_size(kind: BpmnKind) -> (f64, f64) {
    match kind {
        BpmnKind::Task => (100.0, 80.0),
        k if k.is_gateway() => (50.0, 50.0),
        _ => (36.0, 36.0),
    }
}

/// The diagram: each node's bounds and each flow's waypoints, left to right (the layered
/// layout, which runs top to bottom, on the transposed sizes, then transposed back).
fn diagram(model: &BpmnModel) -> (Vec<Rect>, Vec<Vec<layout::Point>>) {
    let only = |kind: BpmnKind| {
        let mut it = model.nodes.iter().enumerate().filter(|(_, n)| n.kind == kind);
        match (it.next(), it.next()) {
            (Some((i, _)), None) => Some(i),
            _ => None,
        }
    };
    let graph = Graph {
        nodes: model
            .nodes
            .iter()
            .map(|n| {
                let (w, h) = shape_size(n.kind);
                NodeSize { width: h, height: w }
            })
            .collect(),
        edges: model
            .flows
            .iter()
            .map(|f| EdgeSpec {
                from: f.source,
                to: f.target,
                weight: 1.0,
                label: NodeSize { width: 0.0, height: 0.0 },
            })
            .collect(),
        first: only(BpmnKind::StartEvent),
        last: only(BpmnKind::EndEvent),
    };
    let drawn = layout::layout(&graph);
    let nodes = drawn.nodes.iter().map(|r| Rect { x: r.y, y: r.x, width: r.height, height: r.width }).collect();
    let edges = drawn
        .edges
        .iter()
        .map(|e| {
            let mut points: Vec<layout::Point> = e.points.iter().map(|p| layout::Point { x: p.y, y: p.x }).collect();
            points.dedup_by(|a, b| (a.x - b.x).abs() < 0.5 && (a.y - b.y).abs() < 0.5);
            points
        })
        .collect();
    (nodes, edges)
}

/// A model laid out for drawing: each node's box and each flow's line, left to right (the
/// diagram [`write_bpmn`] writes).
#[derive(Clone, Debug, PartialEq, serde::Serialize, serde::Deserialize)]
pub struct ModelDrawing {
    /// The nodes, in the model's order.
    pub nodes: Vec<DrawnNode>,
    /// The flows' lines, as waypoints.
    pub flows: Vec<Vec<layout::Point>>,
    /// Width of the drawing.
    pub width: f64,
    /// Height of the drawing.
    pub height: f64,
}

/// One node of a [`ModelDrawing`].
#[derive(Clone, Debug, PartialEq, serde::Serialize, serde::Deserialize)]
pub struct DrawnNode {
    /// What it is.
    pub kind: BpmnKind,
    /// The activity of a task (empty for events and gateways).
    pub label: String,
    /// Where it is.
    pub bounds: Rect,
}

impl BpmnModel {
    /// The model laid out for drawing.
    pub fn drawing(&self) -> ModelDrawing {
        let (mut rects, mut flows) = diagram(self);
        // From (0, 0): the layout may leave room above and left of the first node.
        let left = rects.iter().map(|r| r.x).chain(flows.iter().flatten().map(|p| p.x)).fold(f64::INFINITY, f64::min);
        let top = rects.iter().map(|r| r.y).chain(flows.iter().flatten().map(|p| p.y)).fold(f64::INFINITY, f64::min);
        let (left, top) = (if left.is_finite() { left } else { 0.0 }, if top.is_finite() { top } else { 0.0 });
        for r in &mut rects {
            r.x -= left;
            r.y -= top;
        }
        for p in flows.iter_mut().flatten() {
            p.x -= left;
            p.y -= top;
        }
        let right = rects.iter().map(|r| r.x + r.width).chain(flows.iter().flatten().map(|p| p.x));
        let bottom = rects.iter().map(|r| r.y + r.height).chain(flows.iter().flatten().map(|p| p.y));
        ModelDrawing {
            width: right.fold(0.0, f64::max),
            height: bottom.fold(0.0, f64::max),
            nodes: self
                .nodes
                .iter()
                .zip(rects)
                .map(|(n, bounds)| DrawnNode { kind: n.kind, label: n.label().unwrap_or_default().to_owned(), bounds })
                .collect(),
            flows,
        }
    }
}

fn escape(text: &str) -> std::borrow::Cow<'_, str> {
    quick_xml::escape::escape(text)
}

/// Writes the model as BPMN 2.0 XML with its diagram (BPMN DI: a shape with bounds for every
/// node, waypoints for every flow), laid out left to right by the [layered
/// layout](crate::layout), so that bpmn.io, Camunda Modeler and PM4Py open it drawn. It reads
/// back ([`read_bpmn`]) to the same model.
pub fn write_bpmn(model: &BpmnModel) -> String {
    let mut ids: HashSet<String> = model.nodes.iter().map(|n| n.id.clone()).collect();
    ids.extend(model.flows.iter().map(|f| f.id.clone()));
    let process = if model.id.is_empty() || ids.contains(&model.id) {
        unique(&mut ids, "process")
    } else {
        ids.insert(model.id.clone());
        model.id.clone()
    };
    let definitions = unique(&mut ids, "definitions");
    let diagram_id = unique(&mut ids, "diagram");
    let plane = unique(&mut ids, "plane");
    let (ins, outs) = model.degrees();
    let mut incoming: Vec<Vec<&str>> = vec![Vec::new(); model.nodes.len()];
    let mut outgoing: Vec<Vec<&str>> = vec![Vec::new(); model.nodes.len()];
    for f in &model.flows {
        outgoing[f.source].push(&f.id);
        incoming[f.target].push(&f.id);
    }

    let mut out = String::from("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n");
    let _ = writeln!(
        out,
        "<bpmn:definitions xmlns:bpmn=\"http://www.omg.org/spec/BPMN/20100524/MODEL\" \
         xmlns:bpmndi=\"http://www.omg.org/spec/BPMN/20100524/DI\" \
         xmlns:dc=\"http://www.omg.org/spec/DD/20100524/DC\" \
         xmlns:di=\"http://www.omg.org/spec/DD/20100524/DI\" id=\"{}\" \
         targetNamespace=\"http://bpmn.io/schema/bpmn\" exporter=\"casemap\" exporterVersion=\"{}\">",
        escape(&definitions),
        env!("CARGO_PKG_VERSION")
    );
    let _ = write!(out, "  <bpmn:process id=\"{}\" isExecutable=\"false\"", escape(&process));
    if !model.name.is_empty() {
        let _ = write!(out, " name=\"{}\"", escape(&model.name));
    }
    out.push_str(">\n");
    for (i, node) in model.nodes.iter().enumerate() {
        let element = node.kind.element();
        let _ = write!(out, "    <bpmn:{element} id=\"{}\"", escape(&node.id));
        if !node.name.is_empty() {
            let _ = write!(out, " name=\"{}\"", escape(&node.name));
        }
        if node.kind.is_gateway() {
            let direction = match (ins[i] > 1, outs[i] > 1) {
                (true, true) => Some("Mixed"),
                (true, false) => Some("Converging"),
                (false, true) => Some("Diverging"),
                (false, false) => None,
            };
            if let Some(direction) = direction {
                let _ = write!(out, " gatewayDirection=\"{direction}\"");
            }
        }
        if incoming[i].is_empty() && outgoing[i].is_empty() {
            out.push_str("/>\n");
            continue;
        }
        out.push_str(">\n");
        for f in &incoming[i] {
            let _ = writeln!(out, "      <bpmn:incoming>{}</bpmn:incoming>", escape(f));
        }
        for f in &outgoing[i] {
            let _ = writeln!(out, "      <bpmn:outgoing>{}</bpmn:outgoing>", escape(f));
        }
        let _ = writeln!(out, "    </bpmn:{element}>");
    }
    for f in &model.flows {
        let _ = writeln!(
            out,
            "    <bpmn:sequenceFlow id=\"{}\" sourceRef=\"{}\" targetRef=\"{}\"/>",
            escape(&f.id),
            escape(&model.nodes[f.source].id),
            escape(&model.nodes[f.target].id)
        );
    }
    out.push_str("  </bpmn:process>\n");

    let (bounds, waypoints) = diagram(model);
    let _ = writeln!(out, "  <bpmndi:BPMNDiagram id=\"{}\">", escape(&diagram_id));
    let _ = writeln!(out, "    <bpmndi:BPMNPlane id=\"{}\" bpmnElement=\"{}\">", escape(&plane), escape(&process));
    let coordinate = |v: f64| (v * 10.0).round() / 10.0;
    for (node, r) in model.nodes.iter().zip(&bounds) {
        let shape = unique(&mut ids, &format!("{}_di", node.id));
        let _ = write!(out, "      <bpmndi:BPMNShape id=\"{}\" bpmnElement=\"{}\"", escape(&shape), escape(&node.id));
        if node.kind == BpmnKind::ExclusiveGateway {
            out.push_str(" isMarkerVisible=\"true\"");
        }
        let _ = write!(
            out,
            ">\n        <dc:Bounds x=\"{}\" y=\"{}\" width=\"{}\" height=\"{}\"/>\n      </bpmndi:BPMNShape>\n",
            coordinate(r.x),
            coordinate(r.y),
            coordinate(r.width),
            coordinate(r.height)
        );
    }
    for (f, points) in model.flows.iter().zip(&waypoints) {
        let edge = unique(&mut ids, &format!("{}_di", f.id));
        let _ = writeln!(out, "      <bpmndi:BPMNEdge id=\"{}\" bpmnElement=\"{}\">", escape(&edge), escape(&f.id));
        for p in points {
            let _ = writeln!(out, "        <di:waypoint x=\"{}\" y=\"{}\"/>", coordinate(p.x), coordinate(p.y));
        }
        out.push_str("      </bpmndi:BPMNEdge>\n");
    }
    out.push_str("    </bpmndi:BPMNPlane>\n  </bpmndi:BPMNDiagram>\n</bpmn:definitions>\n");
    out
}

#[cfg(test)]
mod tests {
    use super::super::align::Aligner;
    use super::*;

    /// A BPMN document (default namespace, as bpmn.io writes it) around process content.
    fn doc(content: &str) -> String {
        format!(
            "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<definitions xmlns=\"http://www.omg.org/spec/BPMN/20100524/MODEL\" \
             id=\"d\" targetNamespace=\"x\">\n<process id=\"p\" name=\"Demo\">\n{content}</process>\n</definitions>\n"
        )
    }

    /// Nodes as (element, id, name) and flows f1, f2, ... as (source, target).
    fn model(nodes: &[(&str, &str, &str)], flows: &[(&str, &str)]) -> String {
        let mut content = String::new();
        for (element, id, name) in nodes {
            let name = if name.is_empty() { String::new() } else { format!(" name=\"{name}\"") };
            content.push_str(&format!("<{element} id=\"{id}\"{name}/>\n"));
        }
        for (i, (a, b)) in flows.iter().enumerate() {
            content.push_str(&format!("<sequenceFlow id=\"f{}\" sourceRef=\"{a}\" targetRef=\"{b}\"/>\n", i + 1));
        }
        doc(&content)
    }

    fn choice(gateway: &str) -> String {
        model(
            &[
                ("startEvent", "s", ""),
                (gateway, "x1", ""),
                ("task", "a", "A"),
                ("task", "b", "B"),
                (gateway, "x2", ""),
                ("endEvent", "e", ""),
            ],
            &[("s", "x1"), ("x1", "a"), ("x1", "b"), ("a", "x2"), ("b", "x2"), ("x2", "e")],
        )
    }

    /// (places, transitions, silent transitions) and the optimal cost of each trace.
    fn check(text: &str) -> (NetSize, impl Fn(&[&str]) -> u64 + use<>) {
        let net = to_petri_net(&read_bpmn(text).unwrap());
        net.validate().unwrap();
        let size = net.size();
        (size, move |trace: &[&str]| Aligner::new(&net).unwrap().align(trace).unwrap().cost)
    }

    use super::super::net::NetSize;
    fn size(places: usize, transitions: usize, silent_transitions: usize) -> NetSize {
        NetSize { places, transitions, silent_transitions }
    }

    // The sizes and costs below are PM4Py 2.7's (`pm4py.convert_to_petri_net`, alignments) on
    // the same files.

    #[test]
    fn the_drawing_starts_at_the_origin_and_holds_every_node() {
        let text = model(
            &[("startEvent", "s", ""), ("task", "a", "A"), ("task", "b", "B"), ("endEvent", "e", "")],
            &[("s", "a"), ("a", "b"), ("b", "a"), ("b", "e")],
        );
        let d = read_bpmn(&text).unwrap().drawing();
        let left = d.nodes.iter().map(|n| n.bounds.x).fold(f64::INFINITY, f64::min);
        let top = d.nodes.iter().map(|n| n.bounds.y).fold(f64::INFINITY, f64::min);
        assert!(left.abs() < 1e-9 || d.flows.iter().flatten().any(|p| p.x.abs() < 1e-9));
        assert!(top.abs() < 1e-9 || d.flows.iter().flatten().any(|p| p.y.abs() < 1e-9));
        for n in &d.nodes {
            assert!(n.bounds.x + n.bounds.width <= d.width + 1e-9 && n.bounds.y + n.bounds.height <= d.height + 1e-9);
        }
        // Left to right: the start event before the first task, the end event last.
        assert!(d.nodes[0].bounds.x < d.nodes[1].bounds.x && d.nodes[2].bounds.x < d.nodes[3].bounds.x);
        assert_eq!(d.nodes[1].label, "A");
        assert_eq!(d.flows.len(), 4);
    }

    #[test]
    fn a_sequence_reduces_to_its_tasks() {
        let text = model(
            &[("startEvent", "s", ""), ("task", "a", "A"), ("userTask", "b", " B\n"), ("endEvent", "e", "")],
            &[("s", "a"), ("a", "b"), ("b", "e")],
        );
        let m = read_bpmn(&text).unwrap();
        assert_eq!((m.id.as_str(), m.name.as_str()), ("p", "Demo"));
        assert_eq!(m.nodes[2].label(), Some("B"));
        let (size_of, cost) = check(&text);
        assert_eq!(size_of, size(3, 2, 0));
        assert_eq!([cost(&[]), cost(&["A"]), cost(&["A", "B"]), cost(&["B", "A"])], [20000, 10000, 0, 20000]);
    }

    #[test]
    fn an_exclusive_choice() {
        let (size_of, cost) = check(&choice("exclusiveGateway"));
        assert_eq!(size_of, size(4, 4, 2));
        assert_eq!([cost(&["A"]), cost(&["B"]), cost(&["A", "B"]), cost(&[])], [2, 2, 10002, 10002]);
        // An event-based gateway is read as an exclusive one.
        let (_, cost) = check(&choice("eventBasedGateway"));
        assert_eq!(cost(&["B"]), 2);
    }

    #[test]
    fn a_parallel_block() {
        let (size_of, cost) = check(&choice("parallelGateway"));
        assert_eq!(size_of, size(6, 4, 2));
        assert_eq!([cost(&["A", "B"]), cost(&["B", "A"]), cost(&["A"]), cost(&[])], [2, 2, 10002, 20002]);
    }

    #[test]
    fn inclusive_gateways_as_pm4py_translates_them() {
        let (size_of, cost) = check(&choice("inclusiveGateway"));
        assert_eq!(size_of, size(6, 6, 4));
        let costs = [cost(&["A"]), cost(&["B"]), cost(&["A", "B"]), cost(&["B", "A"]), cost(&[])];
        assert_eq!(costs, [3, 3, 2, 2, 4]);
        let three = model(
            &[
                ("startEvent", "s", ""),
                ("task", "z", "Z"),
                ("inclusiveGateway", "x1", ""),
                ("task", "a", "A"),
                ("task", "b", "B"),
                ("task", "c", "C"),
                ("inclusiveGateway", "x2", ""),
                ("endEvent", "e", ""),
            ],
            &[
                ("s", "z"),
                ("z", "x1"),
                ("x1", "a"),
                ("x1", "b"),
                ("x1", "c"),
                ("a", "x2"),
                ("b", "x2"),
                ("c", "x2"),
                ("x2", "e"),
            ],
        );
        let (size_of, cost) = check(&three);
        assert_eq!(size_of, size(8, 8, 4));
        let costs = [
            cost(&["Z", "A"]),
            cost(&["Z", "C", "A"]),
            cost(&["Z", "A", "B", "C"]),
            cost(&["Z"]),
            cost(&["Z", "B", "B"]),
        ];
        assert_eq!(costs, [3, 2, 1, 4, 10003]);
    }

    #[test]
    fn a_gateway_looping_back() {
        let text = model(
            &[
                ("startEvent", "s", ""),
                ("exclusiveGateway", "j", ""),
                ("task", "a", "A"),
                ("exclusiveGateway", "k", ""),
                ("task", "b", "B"),
                ("endEvent", "e", ""),
            ],
            &[("s", "j"), ("j", "a"), ("a", "k"), ("k", "j"), ("k", "b"), ("b", "e")],
        );
        let (size_of, cost) = check(&text);
        assert_eq!(size_of, size(4, 4, 2));
        let costs = [cost(&["A", "B"]), cost(&["A", "A", "B"]), cost(&["B"]), cost(&["A", "A", "A", "B"])];
        assert_eq!(costs, [1, 2, 10001, 3]);
    }

    #[test]
    fn a_subprocess_is_flattened() {
        // Prefixed namespace, as Camunda Modeler and Signavio write it; the subprocess has two
        // end events (either ends it) and an intermediate event.
        let text = r#"<?xml version="1.0" encoding="UTF-8"?>
<bpmn2:definitions xmlns:bpmn2="http://www.omg.org/spec/BPMN/20100524/MODEL" id="d">
  <bpmn2:process id="p">
    <bpmn2:startEvent id="s"/>
    <bpmn2:subProcess id="sub" name="Handle">
      <bpmn2:startEvent id="s2"/>
      <bpmn2:serviceTask id="a" name="A"/>
      <bpmn2:intermediateCatchEvent id="wait" name="Wait"><bpmn2:timerEventDefinition/></bpmn2:intermediateCatchEvent>
      <bpmn2:exclusiveGateway id="x"/>
      <bpmn2:endEvent id="e2"/>
      <bpmn2:endEvent id="e3"/>
      <bpmn2:sequenceFlow id="g1" sourceRef="s2" targetRef="a"/>
      <bpmn2:sequenceFlow id="g2" sourceRef="a" targetRef="wait"/>
      <bpmn2:sequenceFlow id="g3" sourceRef="wait" targetRef="x"/>
      <bpmn2:sequenceFlow id="g4" sourceRef="x" targetRef="e2"/>
      <bpmn2:sequenceFlow id="g5" sourceRef="x" targetRef="e3"/>
    </bpmn2:subProcess>
    <bpmn2:manualTask id="b" name="B"/>
    <bpmn2:endEvent id="e"/>
    <bpmn2:sequenceFlow id="f1" sourceRef="s" targetRef="sub"/>
    <bpmn2:sequenceFlow id="f2" sourceRef="sub" targetRef="b"/>
    <bpmn2:sequenceFlow id="f3" sourceRef="b" targetRef="e"/>
  </bpmn2:process>
</bpmn2:definitions>"#;
        let m = read_bpmn(text).unwrap();
        let kind = |id: &str| m.nodes.iter().find(|n| n.id == id).unwrap().kind;
        assert_eq!(kind("s2"), BpmnKind::IntermediateEvent);
        assert_eq!(kind("e2"), BpmnKind::IntermediateEvent);
        assert_eq!(kind("sub"), BpmnKind::ExclusiveGateway, "the merge of the subprocess's ends");
        let ends = |id: &str| {
            let i = m.nodes.iter().position(|n| n.id == id).unwrap();
            m.flows.iter().filter(|f| f.source == i).map(|f| m.nodes[f.target].id.as_str()).collect::<Vec<_>>()
        };
        assert_eq!(ends("s"), ["s2"]);
        assert_eq!(ends("sub"), ["b"]);
        assert_eq!(ends("e3"), ["sub"]);
        let (_, cost) = check(text);
        assert!(cost(&["A", "B"]) < 10_000);
        assert_eq!(cost(&["B"]) / 10_000, 1);
        assert_eq!(cost(&["A", "A", "B"]) / 10_000, 1);
    }

    #[test]
    fn unsupported_elements_are_named() {
        let text = model(
            &[("startEvent", "s", ""), ("complexGateway", "cg", ""), ("endEvent", "e", "")],
            &[("s", "cg"), ("cg", "e")],
        );
        let err = read_bpmn(&text).unwrap_err().to_string();
        assert!(err.contains("<complexGateway> \"cg\"") && err.contains("not supported"), "{err}");
        let boundary = doc("<startEvent id=\"s\"/><task id=\"t\"/><boundaryEvent id=\"timer\" attachedToRef=\"t\"/>");
        assert!(read_bpmn(&boundary).unwrap_err().0.contains("<boundaryEvent> \"timer\""));
        let event_sub = doc("<subProcess id=\"es\" triggeredByEvent=\"true\"><startEvent id=\"x\"/></subProcess>");
        assert!(read_bpmn(&event_sub).unwrap_err().0.contains("\"es\" is an event subprocess"));
        let dangling = model(&[("startEvent", "s", ""), ("endEvent", "e", "")], &[("s", "nowhere")]);
        assert!(read_bpmn(&dangling).unwrap_err().0.contains("\"f1\" leads to \"nowhere\""));
        assert!(read_bpmn("<pnml/>").unwrap_err().0.contains("not BPMN"));
        assert!(read_bpmn("<definitions>").unwrap_err().0.contains("not well-formed"));
        let no_start = model(&[("task", "a", "A"), ("endEvent", "e", "")], &[("a", "e")]);
        assert!(read_bpmn(&no_start).unwrap_err().0.contains("no start event"));
    }

    #[test]
    fn several_pools_are_refused_unless_one_has_the_flow() {
        let two = r#"<definitions xmlns="http://www.omg.org/spec/BPMN/20100524/MODEL">
  <collaboration id="c"><participant id="p1" processRef="a"/><participant id="p2" processRef="b"/></collaboration>
  <process id="a"><startEvent id="s1"/><endEvent id="e1"/><sequenceFlow id="f1" sourceRef="s1" targetRef="e1"/></process>
  <process id="b"><startEvent id="s2"/><endEvent id="e2"/><sequenceFlow id="f2" sourceRef="s2" targetRef="e2"/></process>
</definitions>"#;
        let err = read_bpmn(two).unwrap_err().0;
        assert!(err.contains("2 processes") && err.contains("\"a\", \"b\""), "{err}");
        let one = two.replace(
            r#"<startEvent id="s2"/><endEvent id="e2"/><sequenceFlow id="f2" sourceRef="s2" targetRef="e2"/>"#,
            "",
        );
        assert_eq!(read_bpmn(&one).unwrap().id, "a");
    }

    #[test]
    fn a_task_without_a_name_is_labelled_by_its_id() {
        let text = model(
            &[("startEvent", "s", ""), ("task", "Activity_1", ""), ("sendTask", "b", "  "), ("endEvent", "e", "")],
            &[("s", "Activity_1"), ("Activity_1", "b"), ("b", "e")],
        );
        let net = to_petri_net(&read_bpmn(&text).unwrap());
        assert_eq!(net.labels(), ["Activity_1", "b"]);
    }

    #[test]
    fn flows_declared_only_on_the_nodes_are_read() {
        let text = doc("<startEvent id=\"s\"><outgoing>f1</outgoing></startEvent>\
             <task id=\"a\" name=\"A\"><incoming>f1</incoming><outgoing>f2</outgoing></task>\
             <endEvent id=\"e\"><incoming>f2</incoming></endEvent>\
             <sequenceFlow id=\"f1\"/><sequenceFlow id=\"f2\"/>");
        let (size_of, cost) = check(&text);
        assert_eq!(size_of, size(2, 1, 0));
        assert_eq!(cost(&["A"]), 0);
    }

    #[test]
    fn written_models_have_a_diagram_and_read_back() {
        let text =
            choice("parallelGateway").replace("<task id=\"b\" name=\"B\"/>", "<task id=\"b\" name=\"B &amp; C\"/>");
        let m = read_bpmn(&text).unwrap();
        let written = write_bpmn(&m);
        assert_eq!(read_bpmn(&written).unwrap(), m);
        assert_eq!(written.matches("<bpmndi:BPMNShape ").count(), m.nodes.len());
        assert_eq!(written.matches("<bpmndi:BPMNEdge ").count(), m.flows.len());
        assert!(written.contains("gatewayDirection=\"Diverging\"") && written.contains("name=\"B &amp; C\""));
        // Left to right: the start event left of the tasks, the tasks left of the end event.
        let doc = roxmltree::Document::parse(&written).unwrap();
        let x_of = |id: &str| -> f64 {
            let shape = doc.descendants().find(|n| n.attribute("bpmnElement") == Some(id)).unwrap();
            let bounds = shape.children().find(|c| c.is_element()).unwrap();
            bounds.attribute("x").unwrap().parse().unwrap()
        };
        assert!(x_of("s") < x_of("a") && x_of("a") < x_of("e"));
        for edge in doc.descendants().filter(|n| n.tag_name().name() == "BPMNEdge") {
            assert!(edge.children().filter(|c| c.is_element()).count() >= 2);
        }
    }

    #[test]
    fn workflow_nets_become_models_with_the_same_language() {
        // A loop with a silent redo around a parallel block of a and b, then c or skip.
        let mut net = PetriNet { name: "wf".into(), ..PetriNet::default() };
        let p: Vec<usize> = (0..6).map(|i| net.add_place(format!("p{i}"))).collect();
        let t = |net: &mut PetriNet, id: &str, label: Option<&str>, ins: &[usize], outs: &[usize]| {
            let t = net.add_transition(id, label.map(str::to_owned));
            for &i in ins {
                net.add_arc(Node::Place(i), Node::Transition(t));
            }
            for &o in outs {
                net.add_arc(Node::Transition(t), Node::Place(o));
            }
        };
        t(&mut net, "split", None, &[p[0]], &[p[1], p[2]]);
        t(&mut net, "a", Some("a"), &[p[1]], &[p[3]]);
        t(&mut net, "b", Some("b"), &[p[2]], &[p[4]]);
        t(&mut net, "join", Some("j"), &[p[3], p[4]], &[p[5]]);
        t(&mut net, "redo", None, &[p[5]], &[p[0]]);
        net.initial = Marking::new([(p[0], 1)]);
        net.final_marking = Marking::new([(p[5], 1)]);
        let m = from_petri_net(&net).unwrap();
        let back = to_petri_net(&read_bpmn(&write_bpmn(&m)).unwrap());
        let (ours, theirs) = (Aligner::new(&net).unwrap(), Aligner::new(&back).unwrap());
        for trace in [
            &["a", "b", "j"][..],
            &["b", "a", "j"],
            &["a", "j"],
            &["a", "b", "j", "b", "a", "j"],
            &["j"],
            &[],
            &["a", "b", "b", "j"],
        ] {
            let (x, y) = (ours.align(trace).unwrap().cost, theirs.align(trace).unwrap().cost);
            assert_eq!(x / 10_000, y / 10_000, "{trace:?}");
        }
        let mut weighted = net.clone();
        weighted.arcs[0].weight = 2;
        assert!(from_petri_net(&weighted).unwrap_err().0.contains("moves 2 tokens"));
        let mut two_starts = net.clone();
        two_starts.initial = Marking::new([(p[0], 1), (p[1], 1)]);
        assert!(from_petri_net(&two_starts).unwrap_err().0.contains("initial marking"));
    }
}
