#!/usr/bin/env python3
"""Compute PM4Py conformance-checking reference results and store them as JSON.

Run through `tests/reference/regenerate.sh --conformance [logs...]`, which sets up the
pinned environment (requirements.txt). For every log (same list and same reading as
generate.py, whose functions are imported, not copied) it writes:

  tests/reference/models/<log>.imf.pnml   IMf (noise 0.2) process tree as a Petri net
  tests/reference/models/<log>.imf.bpmn   the same tree as BPMN
  tests/reference/models/<log>.top.pnml   strict sequence of the most frequent variant
  tests/reference/expected/conformance/<log>.json[.gz]
                                          alignments, token-based replay, precision
  tests/reference/expected/conformance/timings.json
                                          wall-clock seconds (kept apart: not reproducible)

Every model is read back from its file (read_pnml; read_bpmn + convert_to_petri_net) and the
checks run on what was read, so the Rust tests can load exactly the same models.

Options (before the log names):
  --budget SECONDS   time limit for each alignment / precision call (default 2400). A call
                     over the limit is stopped and recorded as skipped.
  --runs N           token-based replays per model (default 10)
  --precision-runs N precision computations per IMf model (default 3)
  --models-only      write the model files only
  --by-variant       align variant by variant (alignments.algorithm.apply per variant),
                     appending each result to tests/reference/checkpoints/ and resuming
                     from there: for logs whose alignments take hours (bpic2012). The budget
                     then bounds the whole call; a stopped run writes nothing but keeps its
                     checkpoint
  --shard K/N        with --by-variant: align only the variants whose rank (by frequency)
                     is K modulo N, in a checkpoint file of its own, and stop there. Run N
                     shards side by side (one per core), then once more without --shard to
                     gather them and finish the log
  --models K1,K2     check only these of imf, imf_bpmn, top (default all three); the others
                     are recorded as {"skipped": "not run (--models)"}

Environment: CASEMAP_DATA, CASEMAP_CLI as for generate.py.
See README.md beside this file for the format and the PM4Py semantics.
"""

import contextlib
import gzip
import hashlib
import itertools
import json
import math
import os
import platform
import signal
import subprocess
import sys
import tempfile
import time
import uuid
import warnings
from collections import Counter
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))
import generate  # noqa: E402  (reads the logs; also imports pm4py quietly)

import pandas as pd  # noqa: E402
import pm4py  # noqa: E402
from lxml import etree  # noqa: E402
from pm4py.algo.conformance.alignments.petri_net import algorithm as alignments_algo  # noqa: E402
from pm4py.algo.evaluation.replay_fitness.variants import alignment_based, token_replay as tbr_fitness  # noqa: E402
from pm4py.objects.log.obj import Event, Trace  # noqa: E402
from pm4py.objects.petri_net.obj import Marking, PetriNet  # noqa: E402
from pm4py.objects.petri_net.utils import petri_utils  # noqa: E402
from pm4py.util import pandas_utils  # noqa: E402
from pm4py.util.lp import solver as lp_solver  # noqa: E402

REPO = generate.REPO
MODELS_DIR = HERE / "models"
OUT_DIR = HERE / "expected" / "conformance"
TIMINGS = OUT_DIR / "timings.json"
# Per-variant alignment results of --by-variant runs, kept between runs and sessions. They are
# committed while a log's reference is unfinished (a fresh checkout must not lose hours of
# PM4Py work) and deleted once the log's expected file is written.
CHECKPOINTS = HERE / "checkpoints"
CASE, ACT = generate.CASE, generate.ACT
NOISE = 0.2
MODEL_KEYS = ("imf", "imf_bpmn", "top")
DEFAULT_BUDGET = 2400.0
DEFAULT_RUNS = 10  # token-based replays per model; see run_token_replay
DEFAULT_PRECISION_RUNS = 3
# If the alignments took less than this, pm4py.fitness_alignments (which aligns the whole
# log again) is also called and must give the same aggregates as evaluate() on our alignments.
RECHECK_FITNESS_UNDER_SECONDS = 120.0


def log(msg: str) -> None:
    print(msg, flush=True)


# ---------------------------------------------------------------------------------------
# Deterministic model files
# ---------------------------------------------------------------------------------------

@contextlib.contextmanager
def counter_uuids():
    """PM4Py names visible transitions, BPMN nodes, flows and processes with uuid.uuid4(),
    and the PNML writer gives each silent transition a random localNodeID. Inside this
    block uuid4 returns 00000000-0000-0000-0000-000000000001, ...002, ... in creation order,
    so the names depend only on the (deterministic) order of the conversion."""
    original = uuid.uuid4
    counter = itertools.count(1)
    uuid.uuid4 = lambda: uuid.UUID(int=next(counter))
    try:
        yield
    finally:
        uuid.uuid4 = original


def natural_key(s: str):
    """'p_10' after 'p_9'."""
    out = []
    for digits, group in itertools.groupby(s, key=str.isdigit):
        text = "".join(group)
        out.append((0, int(text), "") if digits else (1, 0, text))
    return out


def canonical_pnml(path: Path, net_id: str) -> None:
    """Rewrite a PNML file written by pm4py.write_pnml so the bytes do not depend on the run:
    the net id (PM4Py: "imdf_net_<time.time()>") becomes `net_id`; places, transitions and
    arcs (written in set order, i.e. by memory address) are sorted by id, arcs by
    (source, target); arc ids (PM4Py: hash(arc), the memory address) become a1, a2, ...;
    a silent transition's localNodeID (PM4Py: a random uuid4) becomes
    uuid5(NAMESPACE_URL, "<net_id>/<transition id>")."""
    parser = etree.XMLParser(remove_blank_text=True)
    tree = etree.parse(str(path), parser)
    root = tree.getroot()
    net = root.find("net")
    net.set("id", net_id)
    net.find("name/text").text = net_id
    page = net.find("page")
    places = sorted(page.findall("place"), key=lambda e: natural_key(e.get("id")))
    transitions = sorted(page.findall("transition"), key=lambda e: natural_key(e.get("id")))
    arcs = sorted(
        page.findall("arc"), key=lambda e: (natural_key(e.get("source")), natural_key(e.get("target")))
    )
    for t in transitions:
        for tool in t.findall("toolspecific"):
            if tool.get("localNodeID") is not None:
                # PM4Py: uuid4() per silent transition; here derived from the net and the id.
                tool.set("localNodeID", str(uuid.uuid5(uuid.NAMESPACE_URL, f"{net_id}/{t.get('id')}")))
    for e in list(page):
        page.remove(e)
    for e in places + transitions:
        page.append(e)
    for i, e in enumerate(arcs, 1):
        e.set("id", f"a{i}")
        page.append(e)
    for marking in net.findall("finalmarkings/marking"):
        ps = sorted(marking.findall("place"), key=lambda e: natural_key(e.get("idref")))
        for e in list(marking):
            marking.remove(e)
        for e in ps:
            marking.append(e)
    tree.write(str(path), pretty_print=True, xml_declaration=True, encoding="utf-8")


def canonical_bpmn(path: Path) -> None:
    """Rewrite a BPMN file written by pm4py.write_bpmn: nodes and flows (written in set
    order) sorted by element kind and id, incoming/outgoing references sorted, diagram
    shapes and edges sorted by the element they show."""
    parser = etree.XMLParser(remove_blank_text=True)
    tree = etree.parse(str(path), parser)
    root = tree.getroot()
    ns = {"bpmn": "http://www.omg.org/spec/BPMN/20100524/MODEL", "bpmndi": "http://www.omg.org/spec/BPMN/20100524/DI"}

    def resort(parent, key):
        children = sorted(list(parent), key=key)
        for c in list(parent):
            parent.remove(c)
        for c in children:
            parent.append(c)

    kind_order = ["startEvent", "endEvent", "task", "exclusiveGateway", "parallelGateway",
                  "inclusiveGateway", "sequenceFlow"]

    def kind(e):
        local = etree.QName(e).localname
        return (kind_order.index(local) if local in kind_order else len(kind_order), local)

    for process in root.findall("bpmn:process", ns):
        for node in process:
            resort(node, lambda c: (etree.QName(c).localname, c.text or ""))
        resort(process, lambda e: (kind(e), natural_key(e.get("id", ""))))
    for plane in root.findall("bpmndi:BPMNDiagram/bpmndi:BPMNPlane", ns):
        resort(plane, lambda e: (etree.QName(e).localname, natural_key(e.get("bpmnElement", ""))))
    tree.write(str(path), pretty_print=True, xml_declaration=True, encoding="utf-8")


# ---------------------------------------------------------------------------------------
# Models
# ---------------------------------------------------------------------------------------

def net_signature(net: PetriNet) -> tuple:
    """The structure of a net independent of object identity and transition names: arcs as
    (source, target) with places by name and visible transitions by label."""
    def node(x):
        if isinstance(x, PetriNet.Transition):
            return ("t", x.label) if x.label is not None else ("tau", x.name)
        return ("p", x.name)
    return (
        sorted(p.name for p in net.places),
        sorted((t.label is None, t.label or t.name) for t in net.transitions),
        sorted((node(a.source), node(a.target), a.weight) for a in net.arcs),
    )


def bpmn_signature(bpmn) -> tuple:
    from pm4py.objects.bpmn.obj import BPMN

    kinds = (BPMN.StartEvent, BPMN.EndEvent, BPMN.Task, BPMN.ExclusiveGateway, BPMN.ParallelGateway,
             BPMN.InclusiveGateway)

    def node(n):
        # read_bpmn gives a NormalStartEvent where convert_to_bpmn made a StartEvent.
        kind = next((k.__name__ for k in kinds if isinstance(n, k)), type(n).__name__)
        return (kind, n.get_name())
    return (
        sorted(node(n) for n in bpmn.get_nodes()),
        sorted((node(f.get_source()), node(f.get_target())) for f in bpmn.get_flows()),
    )


def most_frequent_variant(traces: list) -> tuple:
    counts = Counter(traces)
    return min(counts, key=lambda v: (-counts[v], list(v)))


def sequence_net(activities: tuple, name: str):
    """place p_0 -> t_1 -> p_1 -> ... -> t_n -> p_n, visible transitions labelled by the
    activities, initial marking p_0, final marking p_n."""
    net = PetriNet(name)
    places = [PetriNet.Place(f"p_{i}") for i in range(len(activities) + 1)]
    for p in places:
        net.places.add(p)
    for i, act in enumerate(activities, 1):
        t = PetriNet.Transition(f"t_{i}", act)
        net.transitions.add(t)
        petri_utils.add_arc_from_to(places[i - 1], t, net)
        petri_utils.add_arc_from_to(t, places[i], net)
    return net, Marking({places[0]: 1}), Marking({places[-1]: 1})


def write_models(name: str, df: pd.DataFrame, traces: list) -> dict:
    """Discover and write the three model files; return facts about them for the JSON."""
    MODELS_DIR.mkdir(parents=True, exist_ok=True)
    with counter_uuids():
        tree = pm4py.discover_process_tree_inductive(df, noise_threshold=NOISE)
        net, im, fm = pm4py.convert_to_petri_net(tree)
        bpmn = pm4py.convert_to_bpmn(tree)
    # The one-call APIs build the same tree and therefore the same models.
    api_net, api_im, api_fm = pm4py.discover_petri_net_inductive(df, noise_threshold=NOISE)
    assert net_signature(api_net) == net_signature(net), "discover_petri_net_inductive differs"
    assert sorted(p.name for p in api_im) == sorted(p.name for p in im)
    assert sorted(p.name for p in api_fm) == sorted(p.name for p in fm)
    api_bpmn = pm4py.discover_bpmn_inductive(df, noise_threshold=NOISE)
    assert bpmn_signature(api_bpmn) == bpmn_signature(bpmn), "discover_bpmn_inductive differs"

    imf_pnml = MODELS_DIR / f"{name}.imf.pnml"
    imf_bpmn = MODELS_DIR / f"{name}.imf.bpmn"
    top_pnml = MODELS_DIR / f"{name}.top.pnml"
    with counter_uuids():
        pm4py.write_pnml(net, im, fm, str(imf_pnml))
        # auto_layout=False: the layout needs Graphviz's `dot` and follows set order.
        pm4py.write_bpmn(bpmn, str(imf_bpmn), auto_layout=False)
    canonical_pnml(imf_pnml, f"{name}.imf")
    canonical_bpmn(imf_bpmn)

    top = most_frequent_variant(traces)
    tnet, tim, tfm = sequence_net(top, f"{name}.top")
    pm4py.write_pnml(tnet, tim, tfm, str(top_pnml))
    canonical_pnml(top_pnml, f"{name}.top")

    # What is read back is what was discovered.
    for path, (n, i, f) in ((imf_pnml, (net, im, fm)), (top_pnml, (tnet, tim, tfm))):
        rn, ri, rf = pm4py.read_pnml(str(path))
        assert net_signature(rn) == net_signature(n), f"{path.name} reads back differently"
        assert sorted(p.name for p in ri) == sorted(p.name for p in i)
        assert sorted(p.name for p in rf) == sorted(p.name for p in f)
    assert bpmn_signature(pm4py.read_bpmn(str(imf_bpmn))) == bpmn_signature(bpmn), f"{imf_bpmn.name} reads back differently"
    return {"tree": str(tree), "top_variant": list(top)}


def load_model(path: Path):
    """The Petri net PM4Py aligns against, read back from the file."""
    if path.suffix == ".bpmn":
        return pm4py.convert_to_petri_net(pm4py.read_bpmn(str(path)))
    return pm4py.read_pnml(str(path))


def model_path(name: str, key: str) -> Path:
    return MODELS_DIR / {"imf": f"{name}.imf.pnml", "imf_bpmn": f"{name}.imf.bpmn", "top": f"{name}.top.pnml"}[key]


# ---------------------------------------------------------------------------------------
# Conformance
# ---------------------------------------------------------------------------------------

class OverBudget(Exception):
    pass


@contextlib.contextmanager
def time_limit(seconds: float):
    def handler(signum, frame):
        raise OverBudget()

    old = signal.signal(signal.SIGALRM, handler)
    signal.setitimer(signal.ITIMER_REAL, seconds)
    try:
        yield
    finally:
        signal.setitimer(signal.ITIMER_REAL, 0)
        signal.signal(signal.SIGALRM, old)


def num(x):
    """A number for JSON: integral costs as int, NaN as None, everything else a float."""
    if isinstance(x, bool):
        return x
    if isinstance(x, int):
        return int(x)
    x = float(x)
    return None if math.isnan(x) else x


def per_variant(results: list, traces: list) -> dict:
    """Group PM4Py's per-case results (in get_traces order) by activity sequence; every case
    of a variant must have the same result."""
    assert len(results) == len(traces), (len(results), len(traces))
    out = {}
    for trace, res in zip(traces, results):
        if trace in out:
            assert out[trace] == res, f"cases of one variant differ: {out[trace]} vs {res}"
        else:
            out[trace] = res
    return out


def run_alignments(df, traces, net, im, fm, budget: float) -> tuple:
    """Per-variant cost/bwc/fitness, log aggregates, seconds."""
    t0 = time.perf_counter()
    try:
        with time_limit(budget):
            diag = pm4py.conformance_diagnostics_alignments(df, net, im, fm)
    except OverBudget:
        seconds = time.perf_counter() - t0
        return None, None, seconds, None
    seconds = time.perf_counter() - t0
    assert all(d is not None for d in diag), "an alignment returned None"
    variants, aggregates = alignment_aggregates(diag, traces, net, im, fm)
    recheck = None
    if seconds < RECHECK_FITNESS_UNDER_SECONDS:
        t1 = time.perf_counter()
        api = pm4py.fitness_alignments(df, net, im, fm)
        recheck = time.perf_counter() - t1
        assert api == alignment_based.evaluate(diag), f"fitness_alignments {api} != evaluate(diagnostics)"
    return variants, aggregates, seconds, recheck


def alignment_aggregates(diag: list, traces: list, net, im, fm) -> tuple:
    """Per-variant results and the log's figures from one alignment per case."""
    results = [
        {"cost": num(d["cost"]), "bwc": num(d["bwc"]), "fitness": num(d["fitness"])} for d in diag
    ]
    variants = per_variant(results, traces)
    # The model's best-worst cost: the optimal alignment of the empty trace.
    bwc_model = num(alignments_algo.apply(Trace(), net, im, fm)["cost"])
    for trace, r in variants.items():
        assert r["bwc"] == 10000 * len(trace) + bwc_model, (trace, r, bwc_model)
        assert (r["fitness"] == 1.0) == (r["cost"] < 10000)
    agg = alignment_based.evaluate(diag)
    aggregates = {
        "bwc_model": bwc_model,
        "cases": len(diag),
        "log_fitness": num(agg["log_fitness"]),
        "average_trace_fitness": num(agg["average_trace_fitness"]),
        "percentage_of_fitting_traces": num(agg["percentage_of_fitting_traces"]),
    }
    return variants, aggregates


def run_alignments_by_variant(checkpoint: Path, traces, net, im, fm, budget: float, shard=None) -> tuple:
    """As run_alignments, but one `alignments.algorithm.apply` per variant (what PM4Py's
    apply_log does for each variant, with the same default variant and costs), each result
    appended to a checkpoint (JSON lines) as soon as it is known. A run stopped by the budget
    or by hand resumes there: bpic2012's alignments take hours. `checkpoint` names the
    unsharded file; every file that starts with its stem counts as done work, and shard K of N
    appends to `<stem>.<K>of<N>.jsonl` and aligns only the ranks that are K modulo N. Returns
    None for the results while variants are missing (always, for a shard)."""
    done = {}
    for f in sorted(checkpoint.parent.glob(checkpoint.stem + "*.jsonl")):
        for line in f.read_text().splitlines():
            try:
                d = json.loads(line)
            except json.JSONDecodeError:
                continue  # blank, or a last line cut short (the file was copied mid-write)
            done[tuple(d["activities"])] = d
    counts = Counter(traces)
    order = sorted(counts, key=lambda v: (-counts[v], list(v)))
    if shard is not None:
        k, n = shard
        checkpoint = checkpoint.with_name(f"{checkpoint.stem}.{k}of{n}.jsonl")
    log(f"    checkpoint {checkpoint.relative_to(REPO)}: {len(done)} of {len(order)} variants done")
    checkpoint.parent.mkdir(parents=True, exist_ok=True)
    t0 = time.perf_counter()
    with checkpoint.open("a") as out:
        for i, v in enumerate(order):
            if v in done or (shard is not None and i % shard[1] != shard[0]):
                continue
            if time.perf_counter() - t0 > budget:
                log(f"    stopped by the budget; {len(done)} of {len(order)} variants done")
                return None, None, time.perf_counter() - t0, None
            a = alignments_algo.apply(Trace([Event({"concept:name": x}) for x in v]), net, im, fm)
            assert a is not None, f"no alignment for {v}"
            r = {"activities": list(v), "cost": num(a["cost"]), "bwc": num(a["bwc"]), "fitness": num(a["fitness"])}
            out.write(json.dumps(r) + "\n")
            out.flush()
            done[v] = r
            if len(done) % 100 == 0:
                log(f"    {len(done)} of {len(order)} variants, {time.perf_counter() - t0:.0f} s")
    seconds = time.perf_counter() - t0
    if shard is not None:
        log(f"    shard {shard[0]} of {shard[1]} done in {seconds:.0f} s")
        return None, None, seconds, None
    diag = [done[t] for t in traces]
    variants, aggregates = alignment_aggregates(diag, traces, net, im, fm)
    return variants, aggregates, seconds, None


TBR_FIELDS = ("missing_tokens", "remaining_tokens", "consumed_tokens", "produced_tokens", "trace_fitness", "trace_is_fit")


def result_order(r: dict) -> tuple:
    return (r["missing_tokens"], r["remaining_tokens"], r["consumed_tokens"], r["produced_tokens"], -r["trace_fitness"])


def run_token_replay(df, traces, path: Path, runs: int) -> tuple:
    """Replay `runs` times, each on a freshly read model (new objects, so new memory
    addresses and a new set order), keeping every model alive so the addresses differ.

    A variant whose result differs between runs is "unstable": its stored numbers are the
    smallest result in (missing, remaining, consumed, produced) order, the other results seen
    are its "alternatives". Variants are replayed independently (PM4Py's caches are off), so
    any combination of per-variant results is what some PM4Py run returns; the log
    aggregates are evaluate() over the stored (smallest) results. Without unstable variants
    they equal pm4py.fitness_token_based_replay's, which is checked."""
    keep_alive = []
    per_run = []
    seconds = []
    for _ in range(runs):
        net, im, fm = load_model(path)
        keep_alive.append((net, im, fm))
        t0 = time.perf_counter()
        diag = pm4py.conformance_diagnostics_token_based_replay(df, net, im, fm)
        seconds.append(time.perf_counter() - t0)
        results = [{k: num(d[k]) for k in TBR_FIELDS} for d in diag]
        per_run.append((per_variant(results, traces), tbr_fitness.evaluate(diag)))
    net, im, fm = load_model(path)
    keep_alive.append((net, im, fm))
    t0 = time.perf_counter()
    api = pm4py.fitness_token_based_replay(df, net, im, fm)
    seconds_fitness = time.perf_counter() - t0

    variants = {}
    for trace in per_run[0][0]:
        seen = []
        for run, _ in per_run:
            if run[trace] not in seen:
                seen.append(run[trace])
        seen.sort(key=result_order)
        entry = dict(seen[0])
        if len(seen) > 1:
            entry["unstable"] = True
            entry["alternatives"] = seen[1:]
        variants[trace] = entry
    unstable = sum(1 for v in variants.values() if v.get("unstable"))
    canonical = tbr_fitness.evaluate([{k: variants[t][k] for k in TBR_FIELDS} for t in traces])
    agg_runs = [a for _, a in per_run]
    if unstable == 0:
        assert all(a == api for a in agg_runs), f"token replay aggregates differ: {agg_runs} vs {api}"
        assert canonical == api, (canonical, api)
    aggregates = {
        "cases": len(traces),
        "log_fitness": num(canonical["log_fitness"]),
        "average_trace_fitness": num(canonical["average_trace_fitness"]),
        "percentage_of_fitting_traces": num(canonical["percentage_of_fitting_traces"]),
        "unstable_variants": unstable,
        "unstable_cases": sum(c for t, c in Counter(traces).items() if variants[t].get("unstable")),
        "runs": runs,
    }
    return variants, aggregates, seconds, seconds_fitness


def run_precision(df, path: Path, runs: int, budget: float) -> tuple:
    values, seconds, keep_alive = [], [], []
    for _ in range(runs):
        net, im, fm = load_model(path)
        keep_alive.append(net)
        t0 = time.perf_counter()
        try:
            with time_limit(budget):
                values.append(num(pm4py.precision_token_based_replay(df, net, im, fm)))
        except OverBudget:
            seconds.append(time.perf_counter() - t0)
            return None, seconds
        seconds.append(time.perf_counter() - t0)
    distinct = sorted(set(values))
    out = {"precision": distinct[0]}
    if len(distinct) > 1:
        out["precision_unstable"] = True
        out["precision_alternatives"] = distinct[1:]
    return out, seconds


def check_variants_against_expected(name: str, traces: list) -> None:
    """The variants must be the ones generate.py stored for this log."""
    for p in (generate.OUT_DIR / f"{name}.json", generate.OUT_DIR / f"{name}.json.gz"):
        if p.exists():
            data = p.read_bytes()
            if p.suffix == ".gz":
                data = gzip.decompress(data)
            expected = json.loads(data)
            got = {tuple(v["activities"]): v["cases"] for v in expected["variants"]}
            assert got == dict(Counter(traces)), f"{name}: variants differ from {p.name}; regenerate it first"
            return
    log(f"  note: no expected/{name}.json to compare the variants with")


def compute(name: str, spec: dict, path: Path, budget: float, runs: int, precision_runs: int,
            models_only: bool, model_keys: tuple = MODEL_KEYS, by_variant: bool = False,
            shard=None) -> tuple:
    raw = generate.read_log(path, spec)
    df = generate.fmt(raw, spec)
    traces = pandas_utils.get_traces(df, CASE, ACT)
    traces = [tuple(str(a) for a in t) for t in traces]
    check_variants_against_expected(name, traces)
    counts = Counter(traces)
    order = sorted(counts, key=lambda v: (-counts[v], list(v)))

    facts = write_models(name, df, traces)
    log(f"  models written; tree: {facts['tree'][:120]}{'...' if len(facts['tree']) > 120 else ''}")
    if models_only:
        return None, None

    timings = {}
    models = {}
    variant_results = {t: {"alignments": {}, "token_replay": {}} for t in order}
    for key in MODEL_KEYS:
        path_m = model_path(name, key)
        if key not in model_keys:
            models[key] = {
                "file": str(path_m.relative_to(REPO)),
                "sha256": hashlib.sha256(path_m.read_bytes()).hexdigest(),
                "alignments": {"skipped": "not run (--models)"},
                "token_replay": None,
                "precision": None,
            }
            log(f"  {key}: not run (--models)")
            continue
        net, im, fm = load_model(path_m)
        info = {
            "file": str(path_m.relative_to(REPO)),
            "sha256": hashlib.sha256(path_m.read_bytes()).hexdigest(),
            "places": len(net.places),
            "transitions": len(net.transitions),
            "silent_transitions": sum(1 for t in net.transitions if t.label is None),
            "arcs": len(net.arcs),
        }
        t_key = {}
        log(f"  {key}: {info['places']} places, {info['transitions']} transitions "
            f"({info['silent_transitions']} silent), {info['arcs']} arcs; aligning...")

        if by_variant:
            checkpoint = CHECKPOINTS / f"{name}.{key}.{info['sha256'][:12]}.jsonl"
            var_al, agg_al, secs, recheck = run_alignments_by_variant(checkpoint, traces, net, im, fm, budget,
                                                                     shard)
            if var_al is None:
                log(f"  {key}: alignments unfinished; run again to go on from the checkpoint")
                return None, None
        else:
            var_al, agg_al, secs, recheck = run_alignments(df, traces, net, im, fm, budget)
        t_key["seconds_alignments"] = secs
        if recheck is not None:
            t_key["seconds_fitness_alignments"] = recheck
        if var_al is None:
            info["alignments"] = {"skipped": f"stopped after {budget:g} s (time budget)", "budget_seconds": budget}
            log(f"  {key}: alignments SKIPPED after {secs:.0f} s")
        else:
            info["alignments"] = agg_al
            for t in order:
                variant_results[t]["alignments"][key] = var_al[t]
            log(f"  {key}: alignments {secs:.1f} s, log fitness {agg_al['log_fitness']!r}, "
                f"bwc_model {agg_al['bwc_model']}")

        var_tr, agg_tr, secs_tr, secs_fit = run_token_replay(df, traces, path_m, runs)
        t_key["seconds_token_replay"] = secs_tr
        t_key["seconds_fitness_token_based_replay"] = secs_fit
        info["token_replay"] = agg_tr
        for t in order:
            variant_results[t]["token_replay"][key] = var_tr[t]
        log(f"  {key}: token replay {min(secs_tr):.1f} s, log fitness {agg_tr['log_fitness']!r}, "
            f"{agg_tr['unstable_variants']} unstable variants")

        if key in ("imf", "imf_bpmn"):
            prec, secs_p = run_precision(df, path_m, precision_runs, budget)
            t_key["seconds_precision"] = secs_p
            if prec is None:
                info["precision"] = None
                info["precision_skipped"] = f"stopped after {budget:g} s (time budget)"
                log(f"  {key}: precision SKIPPED")
            else:
                info.update(prec)
                log(f"  {key}: precision {prec['precision']!r} ({min(secs_p):.1f} s)")
        models[key] = info
        timings[key] = t_key

    result = {
        "pm4py_version": pm4py.__version__,
        "log": spec.get("file") or ("casemap " + " ".join(spec["generate"])),
        "events": int(len(df)),
        "cases": len(traces),
        "noise_threshold": NOISE,
        "process_tree": facts["tree"],
        "top_variant": facts["top_variant"],
        "alignment_variant": str(alignments_algo.DEFAULT_VARIANT.name),
        "lp_solver": str(lp_solver.DEFAULT_LP_SOLVER_VARIANT),
        "models": models,
        "variants": [
            {"activities": list(t), "cases": counts[t], **variant_results[t]} for t in order
        ],
    }
    return result, timings


def write(name: str, result: dict) -> Path:
    return generate.write(name, result, OUT_DIR)


def write_timings(name: str, timings: dict) -> None:
    """Merge one log's timings into timings.json (other logs keep theirs)."""
    data = json.loads(TIMINGS.read_text()) if TIMINGS.exists() else {}
    data.setdefault("logs", {})[name] = timings
    data["machine"] = {
        "python": platform.python_version(),
        "cpus": os.cpu_count(),
        "platform": platform.platform(),
    }
    TIMINGS.write_text(json.dumps(data, sort_keys=True, indent=1) + "\n")


def main(argv: list) -> int:
    budget, runs, precision_runs, models_only = DEFAULT_BUDGET, DEFAULT_RUNS, DEFAULT_PRECISION_RUNS, False
    model_keys = MODEL_KEYS
    by_variant = False
    shard = None
    args = list(argv)
    names = []
    while args:
        a = args.pop(0)
        if a == "--budget":
            budget = float(args.pop(0))
        elif a == "--runs":
            runs = int(args.pop(0))
        elif a == "--precision-runs":
            precision_runs = int(args.pop(0))
        elif a == "--models-only":
            models_only = True
        elif a == "--by-variant":
            by_variant = True
        elif a == "--shard":
            k, n = (int(x) for x in args.pop(0).split("/"))
            if not 0 <= k < n:
                print(f"--shard K/N needs 0 <= K < N, not {k}/{n}", file=sys.stderr)
                return 2
            shard = (k, n)
        elif a == "--models":
            model_keys = tuple(args.pop(0).split(","))
            bad = [k for k in model_keys if k not in MODEL_KEYS]
            if bad:
                print(f"unknown model(s): {', '.join(bad)}; known: {', '.join(MODEL_KEYS)}", file=sys.stderr)
                return 2
        else:
            names.append(a)
    if shard is not None and not by_variant:
        print("--shard works with --by-variant only", file=sys.stderr)
        return 2
    names = names or list(generate.LOGS)
    unknown = [n for n in names if n not in generate.LOGS]
    if unknown:
        print(f"unknown log(s): {', '.join(unknown)}; known: {', '.join(generate.LOGS)}", file=sys.stderr)
        return 2
    assert alignments_algo.DEFAULT_VARIANT == alignments_algo.Variants.VERSION_STATE_EQUATION_A_STAR, \
        f"default alignment variant is {alignments_algo.DEFAULT_VARIANT} (PM4PY_DEFAULT_ALIGNMENTS_VARIANT set?)"
    data = generate.data_dir()
    log(f"pm4py {pm4py.__version__}, LP solver {lp_solver.DEFAULT_LP_SOLVER_VARIANT}; data: {data}; "
        f"budget {budget:g} s, {runs} token-replay runs, {precision_runs} precision runs")
    warnings.simplefilter("ignore")
    with tempfile.TemporaryDirectory() as tmp:
        for name in names:
            spec = generate.LOGS[name]
            t0 = time.perf_counter()
            if "generate" in spec:
                path = Path(tmp) / f"{name}.csv"
                cmd = generate.cli_command() + spec["generate"] + ["-o", str(path)]
                log(f"{name}: running {' '.join(cmd)}")
                subprocess.run(cmd, check=True, cwd=REPO, stdout=subprocess.DEVNULL)
                log(f"  generated CSV sha256 {hashlib.sha256(path.read_bytes()).hexdigest()}")
            else:
                path = data / spec["file"]
                log(f"{name}: {path}")
            result, timings = compute(name, spec, path, budget, runs, precision_runs, models_only, model_keys,
                                     by_variant, shard)
            if result is None:
                continue
            timings["seconds_total"] = time.perf_counter() - t0
            out = write(name, result)
            write_timings(name, timings)
            log(f"{name}: -> {out.relative_to(REPO)} ({out.stat().st_size} bytes), "
                f"{timings['seconds_total']:.0f} s in all")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
