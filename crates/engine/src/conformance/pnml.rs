//! PNML (ISO/IEC 15909-2) Petri nets with ProM's and PM4Py's conventions: silent transitions
//! carry `<toolspecific tool="ProM" activity="$invisible$"/>`, the final marking sits in
//! `<finalmarkings>`.
//!
//! Reading follows PM4Py's importer where it matters for the numbers (a transition's label is
//! its name's text, or its id; a ProM `invisible` activity makes it silent; with no final
//! marking in the file, every place without outgoing arcs holds one token at the end) and is
//! more general where PM4Py would silently lose parts: places, transitions and arcs are read
//! from every page, however nested. Elements casemap cannot check against (inhibitor and
//! reset arcs, reference nodes) are named in the error.

use std::collections::HashMap;
use std::fmt::Write as _;

use super::net::{Arc, Marking, Node, PetriNet, Place, Transition};

/// Why a PNML file could not be read.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct PnmlError(pub String);

impl std::fmt::Display for PnmlError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "PNML: {}", self.0)
    }
}

impl std::error::Error for PnmlError {}

/// What was read, and what the reader had to decide.
#[derive(Clone, Debug)]
pub struct PnmlModel {
    /// The net with its markings.
    pub net: PetriNet,
    /// The file had no final marking; the places without outgoing arcs were taken.
    pub guessed_final_marking: bool,
}

fn local<'a>(node: roxmltree::Node<'a, '_>) -> &'a str {
    node.tag_name().name()
}

fn child<'a, 'i>(node: roxmltree::Node<'a, 'i>, name: &str) -> Option<roxmltree::Node<'a, 'i>> {
    node.children().find(|c| c.is_element() && local(*c) == name)
}

/// The text of `<name><text>…</text></name>` style children (`name`, `initialMarking`,
/// `inscription`).
fn text_of(node: roxmltree::Node<'_, '_>, name: &str) -> Option<String> {
    let text = child(child(node, name)?, "text")?.text()?.trim();
    (!text.is_empty()).then(|| text.to_owned())
}

fn count(text: &str, what: &str, id: &str) -> Result<u32, PnmlError> {
    text.trim()
        .parse::<u32>()
        .map_err(|_| PnmlError(format!("{what} of \"{id}\" is \"{text}\", not a whole number of tokens")))
}

/// Reads a PNML document.
pub fn read_pnml(text: &str) -> Result<PnmlModel, PnmlError> {
    let doc = roxmltree::Document::parse(text).map_err(|e| PnmlError(format!("not well-formed XML: {e}")))?;
    let root = doc.root_element();
    if local(root) != "pnml" {
        return Err(PnmlError(format!("the document is <{}>, not <pnml>", local(root))));
    }
    let net_el = child(root, "net").ok_or_else(|| PnmlError("no <net> element".into()))?;
    if root.children().filter(|c| c.is_element() && local(*c) == "net").count() > 1 {
        return Err(PnmlError("the file holds several nets; casemap checks against one".into()));
    }
    let mut net = PetriNet {
        name: text_of(net_el, "name").or_else(|| net_el.attribute("id").map(str::to_owned)).unwrap_or_default(),
        ..PetriNet::default()
    };
    let mut places: HashMap<&str, usize> = HashMap::new();
    let mut transitions: HashMap<&str, usize> = HashMap::new();
    let mut initial = Vec::new();
    let mut arcs = Vec::new();
    // Every element under the net (pages nest), except the final markings.
    for el in net_el.descendants().filter(|n| n.is_element()) {
        if el.ancestors().any(|a| a.is_element() && local(a) == "finalmarkings") {
            continue;
        }
        let id = el.attribute("id").unwrap_or_default();
        match local(el) {
            "place" => {
                if places.contains_key(id) || transitions.contains_key(id) {
                    return Err(PnmlError(format!("the id \"{id}\" is used twice")));
                }
                let name = text_of(el, "name").unwrap_or_else(|| id.to_owned());
                places.insert(id, net.places.len());
                if let Some(tokens) = text_of(el, "initialMarking") {
                    let tokens = count(&tokens, "the initial marking", id)?;
                    initial.push((net.places.len(), tokens));
                }
                net.places.push(Place { id: id.to_owned(), name });
            }
            "transition" => {
                if places.contains_key(id) || transitions.contains_key(id) {
                    return Err(PnmlError(format!("the id \"{id}\" is used twice")));
                }
                let name = text_of(el, "name").unwrap_or_else(|| id.to_owned());
                let silent = el.children().any(|c| {
                    c.is_element()
                        && local(c) == "toolspecific"
                        && c.attribute("tool").is_some_and(|t| t.contains("ProM"))
                        && c.attribute("activity").is_some_and(|a| a.contains("invisible"))
                });
                transitions.insert(id, net.transitions.len());
                net.transitions.push(Transition { id: id.to_owned(), label: (!silent).then_some(name) });
            }
            "arc" => arcs.push(el),
            "referencePlace" | "referenceTransition" => {
                return Err(PnmlError(format!("<{}> \"{id}\" (references across pages) is not supported", local(el))));
            }
            _ => {}
        }
    }
    for el in arcs {
        let id = el.attribute("id").unwrap_or("?");
        if let Some(kind) = text_of(el, "arctype")
            && kind != "normal"
        {
            return Err(PnmlError(format!("arc \"{id}\" is a {kind} arc; casemap checks plain arcs only")));
        }
        let end = |attr: &str| -> Result<Node, PnmlError> {
            let key = el.attribute(attr).ok_or_else(|| PnmlError(format!("arc \"{id}\" has no {attr}")))?;
            places
                .get(key)
                .map(|&p| Node::Place(p))
                .or_else(|| transitions.get(key).map(|&t| Node::Transition(t)))
                .ok_or_else(|| PnmlError(format!("arc \"{id}\" points to \"{key}\", which is no place or transition")))
        };
        let (source, target) = (end("source")?, end("target")?);
        if matches!((source, target), (Node::Place(_), Node::Place(_)) | (Node::Transition(_), Node::Transition(_))) {
            return Err(PnmlError(format!("arc \"{id}\" joins two places or two transitions")));
        }
        let weight = match text_of(el, "inscription") {
            Some(w) => count(&w, "the inscription", id)?,
            None => 1,
        };
        net.arcs.push(Arc { source, target, weight });
    }
    net.initial = Marking::new(initial);
    let mut guessed_final_marking = false;
    match child(net_el, "finalmarkings") {
        Some(finals) => {
            // PM4Py reads the last <marking> (each one overwrites the previous).
            let marking = finals.children().rfind(|c| c.is_element() && local(*c) == "marking");
            let mut pairs = Vec::new();
            for p in marking.into_iter().flat_map(|m| m.children().filter(|c| c.is_element())) {
                let idref = p.attribute("idref").unwrap_or_default();
                let place = *places
                    .get(idref)
                    .ok_or_else(|| PnmlError(format!("the final marking names \"{idref}\", which is no place")))?;
                let tokens = child(p, "text").and_then(|t| t.text()).unwrap_or("0");
                pairs.push((place, count(tokens, "the final marking", idref)?));
            }
            net.final_marking = Marking::new(pairs);
        }
        None => {
            net.final_marking = Marking::new(net.sink_places().into_iter().map(|p| (p, 1)));
            guessed_final_marking = true;
        }
    }
    net.validate().map_err(|e| PnmlError(e.to_string()))?;
    Ok(PnmlModel { net, guessed_final_marking })
}

fn escape(text: &str) -> std::borrow::Cow<'_, str> {
    quick_xml::escape::escape(text)
}

/// Writes a net as PNML that ProM, PM4Py and casemap read back to the same net.
pub fn write_pnml(net: &PetriNet) -> String {
    let mut out = String::from("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<pnml>\n");
    let name = if net.name.is_empty() { "net" } else { &net.name };
    let _ = writeln!(
        out,
        "  <net id=\"{}\" type=\"http://www.pnml.org/version-2009/grammar/pnmlcoremodel\">\n    <name>\n      <text>{}</text>\n    </name>\n    <page id=\"n0\">",
        escape(name),
        escape(name)
    );
    let initial: HashMap<usize, u32> = net.initial.0.iter().copied().collect();
    for (i, place) in net.places.iter().enumerate() {
        let _ = write!(
            out,
            "      <place id=\"{}\">\n        <name>\n          <text>{}</text>\n        </name>\n",
            escape(&place.id),
            escape(&place.name)
        );
        if let Some(tokens) = initial.get(&i) {
            let _ =
                write!(out, "        <initialMarking>\n          <text>{tokens}</text>\n        </initialMarking>\n");
        }
        out.push_str("      </place>\n");
    }
    for t in &net.transitions {
        let shown = t.label.as_deref().unwrap_or(&t.id);
        let _ = write!(
            out,
            "      <transition id=\"{}\">\n        <name>\n          <text>{}</text>\n        </name>\n",
            escape(&t.id),
            escape(shown)
        );
        if t.label.is_none() {
            let _ = writeln!(
                out,
                "        <toolspecific tool=\"ProM\" version=\"6.4\" activity=\"$invisible$\" localNodeID=\"{}\"/>",
                escape(&t.id)
            );
        }
        out.push_str("      </transition>\n");
    }
    let id_of = |node: Node| match node {
        Node::Place(p) => &net.places[p].id,
        Node::Transition(t) => &net.transitions[t].id,
    };
    for (i, arc) in net.arcs.iter().enumerate() {
        let _ = write!(
            out,
            "      <arc id=\"a{}\" source=\"{}\" target=\"{}\"",
            i + 1,
            escape(id_of(arc.source)),
            escape(id_of(arc.target))
        );
        if arc.weight == 1 {
            out.push_str("/>\n");
        } else {
            let _ = write!(
                out,
                ">\n        <inscription>\n          <text>{}</text>\n        </inscription>\n      </arc>\n",
                arc.weight
            );
        }
    }
    out.push_str("    </page>\n    <finalmarkings>\n      <marking>\n");
    for &(p, tokens) in &net.final_marking.0 {
        let _ = writeln!(
            out,
            "        <place idref=\"{}\">\n          <text>{tokens}</text>\n        </place>",
            escape(&net.places[p].id)
        );
    }
    out.push_str("      </marking>\n    </finalmarkings>\n  </net>\n</pnml>\n");
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    const PM4PY_STYLE: &str = r#"<?xml version='1.0' encoding='UTF-8'?>
<pnml>
  <net id="imported" type="http://www.pnml.org/version-2009/grammar/pnmlcoremodel">
    <name><text>demo</text></name>
    <page id="n0">
      <place id="source"><name><text>source</text></name><initialMarking><text>1</text></initialMarking></place>
      <place id="p1"><name><text>p1</text></name></place>
      <place id="sink"><name><text>sink</text></name></place>
      <transition id="t1"><name><text>Open &amp; log</text></name></transition>
      <transition id="skip"><name><text>tau_1</text></name>
        <toolspecific tool="ProM" version="6.4" activity="$invisible$" localNodeID="x"/></transition>
      <transition id="t2"><name><text>Close</text></name></transition>
      <arc id="a1" source="source" target="t1"/>
      <arc id="a2" source="t1" target="p1"/>
      <arc id="a3" source="p1" target="t2"/>
      <arc id="a4" source="t2" target="sink"><inscription><text>2</text></inscription></arc>
      <arc id="a5" source="p1" target="skip"/>
      <arc id="a6" source="skip" target="sink"/>
    </page>
    <finalmarkings><marking><place idref="sink"><text>1</text></place></marking></finalmarkings>
  </net>
</pnml>"#;

    #[test]
    fn reads_labels_silent_transitions_weights_and_markings() {
        let model = read_pnml(PM4PY_STYLE).unwrap();
        let net = &model.net;
        assert!(!model.guessed_final_marking);
        assert_eq!(net.name, "demo");
        assert_eq!(net.places.len(), 3);
        let labels: Vec<_> = net.transitions.iter().map(|t| t.label.as_deref()).collect();
        assert_eq!(labels, vec![Some("Open & log"), None, Some("Close")]);
        assert_eq!(net.arcs[3].weight, 2);
        assert_eq!(net.initial, Marking(vec![(0, 1)]));
        assert_eq!(net.final_marking, Marking(vec![(2, 1)]));
    }

    #[test]
    fn writing_and_reading_back_gives_the_same_net() {
        let net = read_pnml(PM4PY_STYLE).unwrap().net;
        let again = read_pnml(&write_pnml(&net)).unwrap().net;
        assert_eq!(again, net);
    }

    #[test]
    fn a_missing_final_marking_is_guessed_from_the_sinks() {
        let text = PM4PY_STYLE.replace(
            r#"<finalmarkings><marking><place idref="sink"><text>1</text></place></marking></finalmarkings>"#,
            "",
        );
        let model = read_pnml(&text).unwrap();
        assert!(model.guessed_final_marking);
        assert_eq!(model.net.final_marking, Marking(vec![(2, 1)]));
    }

    #[test]
    fn broken_files_say_what_is_wrong() {
        let bad_arc = PM4PY_STYLE.replace(r#"target="t2"/>"#, r#"target="nowhere"/>"#);
        assert!(read_pnml(&bad_arc).unwrap_err().0.contains("\"nowhere\""));
        assert!(read_pnml("<bpmn/>").unwrap_err().0.contains("not <pnml>"));
        assert!(read_pnml("<pnml><net>").unwrap_err().0.contains("not well-formed"));
        let bad_tokens = PM4PY_STYLE.replace("<initialMarking><text>1</text>", "<initialMarking><text>one</text>");
        assert!(read_pnml(&bad_tokens).unwrap_err().0.contains("\"one\""));
    }
}
