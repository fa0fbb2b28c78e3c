"""What bounds a family with work history under both readings: oracles, history off, top-10 make-up.

    python -m benchmarks.ranking_current_job --tune        # tuning half and seed (the only use)
    python -m benchmarks.ranking_current_job --tune --rankers idf-cosine,engine,told

`benchmarks.ranking_quality` grades a candidate by the one occupation they were generated from (the
label) and, for the families with work history, also as a recruiter does: the label or the current
job (`ranking_quality.recruiter_relevance`; half of ``two-occupations``' people work now in their
second occupation). This tool ranks one family (default ``two-occupations``) by IDF-cosine, the
engine and variants of it that bound where the engine loses:

- ``engine``: `RankingParams()`, as `ranking_quality` runs it;
- ``history 0``: work history out of the occupation agreement (`history_agreement_scale` 0; the
  inference and the spell's implied skills keep it);
- ``no history``: the candidates indexed without their work history at all (claims only);
- ``told``: the vacancy's occupation distribution replaced by its true occupation (all mass there;
  `query.vacancy_target` patched for the call), its skill vector as posted: an oracle of the
  vacancy-side occupation inference (on occupation vacancies the same as ``engine``);
- ``named``: the vacancy posted with its true occupation named beside its skills (the occupation's
  ESCO profile in the vector too): what an employer naming the occupation gets;
- ``anchor 0.5``, ``anchor 0.25``, ``anchor 0``, ``lineage 0``, ``anchor 0, lineage 0``: the engine with
  `RankingParams.occupation_history_anchor` and / or `RankingParams.occupation_lineage_share` at those
  values (session 40, `hist40`: the two rules that moved the label's people working elsewhere out of
  the occupation vacancies' top 10 and the unit group's relatives into it; not run by default).

Printed per vacancy variant: NDCG@10 under the label and the recruiter's reading with paired
differences to IDF-cosine (± s.e.; for the ablations also to the engine, "engine"), and the mean
make-up of each ranker's top 10 by whom the vacancy's occupation names: label and current job both,
label only (working elsewhere), current job only (labelled with another occupation), a relative of
the same ISCO-08 unit group under the recruiter's reading (relevance 2), anyone else; and the ideal
top 10's make-up under the recruiter's reading.
With ``engine`` and ``told`` both run, per skills / sparse variant the vacancies split by the
engine's most probable vacancy occupation (the true one, a relative of its unit group, another;
`inference_split`): their count, the truth's mean probability, both rankers' NDCG@10 under the
recruiter's reading and the group's share of the mean loss; and the inference's calibration (mean
top-1 probability against the share of vacancies whose top-1 is the truth).
Tuning half only (`--tune`): the report half is the lead's, measured once.
"""

from __future__ import annotations

import argparse
import dataclasses
from collections.abc import Callable, Iterator, Sequence
from contextlib import contextmanager

import numpy as np

from benchmarks import ranking_quality as rq
from benchmarks.ranking_families import FAMILIES, VARIANTS, Hierarchy, generate_family
from services.matching.index.domain import query as query_module
from services.matching.index.domain.params import RankingParams
from services.matching.index.domain.taxonomy import Taxonomy
from services.matching.index.reference import load_recognizer, load_taxonomy, load_title_reader

GROUPS = ("label+job", "label only", "job only", "unit group", "other")


def current_job_relevance(taxonomy, data, vacancy_occupation: str, benchmark: np.ndarray) -> np.ndarray:  # type: ignore[no-untyped-def]
    """(n,) int8: the recruiter's reading (`ranking_quality.recruiter_relevance`)."""
    return rq.recruiter_relevance(taxonomy, vacancy_occupation, benchmark, rq.current_jobs(data))


def make_up(label: np.ndarray, recruiter: np.ndarray, job_same: np.ndarray, top: np.ndarray) -> np.ndarray:
    """(5,) counts of `top`'s candidates in `GROUPS`: of the vacancy's occupation by label and
    current job, by label only, by current job only, else relevance 2 under the recruiter's reading,
    else anyone. label, recruiter: (n,) relevance; job_same: (n,) bool, the current job is the
    vacancy's occupation; top: positions."""
    lab, job, rec = label[top] == 3, job_same[top], recruiter[top]
    groups = np.where(lab & job, 0, np.where(lab, 1, np.where(job, 2, np.where(rec == 2, 3, 4))))
    return np.bincount(groups, minlength=len(GROUPS))


@contextmanager
def told_occupation(occupation: int) -> Iterator[None]:
    """Inside: every vacancy's occupation distribution is all mass on `occupation` (a position),
    whatever its skills and title say (an oracle of the vacancy-side inference; the query is built
    from the returned distribution as from an inferred one)."""
    real = query_module.vacancy_target

    def told(model, skill_weights, title_occupations=(), **kwargs):  # type: ignore[no-untyped-def]
        out = np.zeros(len(real(model, skill_weights, title_occupations, **kwargs)))
        out[occupation] = 1.0
        return out

    query_module.vacancy_target = told  # type: ignore[assignment]
    try:
        yield
    finally:
        query_module.vacancy_target = real


def told_ranker(taxonomy: Taxonomy, p: rq.Prepared) -> rq.Ranker:
    """The engine, each vacancy prepared with its true occupation's distribution (`told_occupation`)."""
    engine = rq.MatchingEngine(
        taxonomy, rq.MUNICIPALITIES, RankingParams(), clock=lambda: rq.REFERENCE_DAY, titles=p.titles
    )
    engine.bulk_load(p.data.candidates)
    position = {c.candidate_id: i for i, c in enumerate(p.data.candidates)}

    def rank(variant: str, i: int) -> np.ndarray:
        with told_occupation(taxonomy.occupation_index[p.data.vacancy_occupations[i]]):
            prepared = engine.prepare(p.vacancies[variant][i])
        entries = engine.shortlist(prepared, k=rq.K, viewer_org=None, today=rq.REFERENCE_DAY)
        return np.asarray([position[e.candidate_id] for e in entries], dtype=np.int64)

    return rank


def named_ranker(taxonomy: Taxonomy, p: rq.Prepared) -> rq.Ranker:
    """The engine on each vacancy posted with its true occupation named beside what it lists."""
    named = {
        variant: [
            dataclasses.replace(v, occupation_uri=o)
            for v, o in zip(p.vacancies[variant], p.data.vacancy_occupations, strict=True)
        ]
        for variant in VARIANTS
    }
    return rq.engine_ranker(taxonomy, dataclasses.replace(p, vacancies=named))


def without_history(taxonomy: Taxonomy, p: rq.Prepared) -> rq.Ranker:
    """The engine over the same candidates indexed without their work history."""
    bare = [dataclasses.replace(c, experience=()) for c in p.data.candidates]
    shown = dataclasses.replace(p, data=dataclasses.replace(p.data, candidates=bare))
    return rq.engine_ranker(taxonomy, shown)


RANKERS: dict[str, Callable[[Taxonomy, rq.Prepared], rq.Ranker]] = {
    "idf-cosine": rq.idf_cosine_ranker,
    "engine": rq.engine_ranker,
    "history 0": lambda t, p: rq.engine_ranker(t, p, RankingParams(history_agreement_scale=0.0)),
    "no history": without_history,
    "told": told_ranker,
    "named": named_ranker,
    # ablations (session 40): not run unless named
    "anchor 0.5": lambda t, p: rq.engine_ranker(t, p, RankingParams(occupation_history_anchor=0.5)),
    "anchor 0.25": lambda t, p: rq.engine_ranker(t, p, RankingParams(occupation_history_anchor=0.25)),
    "anchor 0": lambda t, p: rq.engine_ranker(t, p, RankingParams(occupation_history_anchor=0.0)),
    "lineage 0": lambda t, p: rq.engine_ranker(t, p, RankingParams(occupation_lineage_share=0.0)),
    "anchor 0, lineage 0": lambda t, p: rq.engine_ranker(
        t, p, RankingParams(occupation_history_anchor=0.0, occupation_lineage_share=0.0)
    ),
}
ABLATIONS = ("anchor 0.5", "anchor 0.25", "anchor 0", "lineage 0", "anchor 0, lineage 0")


def inference_split(
    taxonomy: Taxonomy, p: rq.Prepared, variant: str, engine: np.ndarray, told: np.ndarray
) -> list[str]:
    """Lines of `engine`'s loss against `told` ((n_vacancies,) NDCG@10 of a variant under one
    reading) split by the engine's most probable occupation of each vacancy (its query's target):
    the truth, a relative of the truth's ISCO-08 unit group, another; and the calibration line."""
    space = rq.MatchingEngine(
        taxonomy, rq.MUNICIPALITIES, RankingParams(), clock=lambda: rq.REFERENCE_DAY, titles=p.titles
    )
    space.bulk_load(p.data.candidates[:1])  # the vacancy's occupation reading needs no pool
    group, truth, top1 = [], [], []
    for v, o in zip(p.vacancies[variant], p.data.vacancy_occupations, strict=True):
        target = space.prepare(v).query.target
        if target is None:
            raise ValueError(f"no occupation reading for a {variant} vacancy")
        best, own = int(np.argmax(target)), taxonomy.occupation_index[o]
        unit = taxonomy.occupation_isco(taxonomy.occupation_uris[best]) == taxonomy.occupation_isco(o)
        group.append(0 if best == own else 1 if unit else 2)
        truth.append(float(target[own]))
        top1.append(float(target[best]))
    g, t = np.asarray(group), np.asarray(truth)
    lines = []
    for k, name in enumerate(("the true one", "a relative of its unit group", "another")):
        m = g == k
        if m.any():
            lines.append(
                f"  {variant}: most probable {name}: {int(m.sum())} vacancies, P(truth) {t[m].mean():.3f}, "
                f"engine {engine[m].mean():.3f}, told {told[m].mean():.3f}, "
                f"loss x share {(told[m] - engine[m]).sum() / len(g):.3f}"
            )
    lines.append(
        f"  {variant}: mean top-1 probability {np.mean(top1):.3f}, top-1 is the truth {np.mean(g == 0):.3f}"
    )
    return lines


def main(argv: Sequence[str] | None = None) -> None:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--tune", action="store_true", help="tuning half and seed")
    parser.add_argument("--family", default="two-occupations")
    parser.add_argument("--candidates", type=int, default=20_000)
    parser.add_argument("--vacancies", type=int, default=200)
    parser.add_argument(
        "--rankers",
        help="names separated by ';' (or ',' when none has one; default: all but the ablations): "
        + ", ".join(RANKERS),
    )
    args = parser.parse_args(argv)
    split = rq.TUNING if args.tune else rq.REPORT
    taxonomy = load_taxonomy()
    recognizer = load_recognizer(taxonomy)
    family = {f.name: f for f in FAMILIES}[args.family]
    data = generate_family(
        taxonomy,
        family,
        rq.occupation_half(taxonomy, split["half"]),
        n_candidates=args.candidates,
        n_vacancies=args.vacancies,
        seed=split["seed"],
        hierarchy=Hierarchy(taxonomy),
    )
    p = rq.prepare(taxonomy, data, recognizer)
    p.titles = load_title_reader(taxonomy, recognizer)
    if p.recruiter is None:
        raise SystemExit(f"{args.family} has no work history: both readings are the label's")
    jobs = rq.current_jobs(data)
    job_same = [np.asarray([j == o for j in jobs]) for o in data.vacancy_occupations]
    chosen = args.rankers.split(";" if ";" in (args.rankers or "") else ",") if args.rankers else None
    names = [
        n
        for n in RANKERS
        if (chosen is None and n not in ABLATIONS)
        or (chosen is not None and n in chosen)
        or n == "idf-cosine"
    ]
    print(
        f"# {args.family}, {split['name']} half (seed {split['seed']}), {args.candidates} candidates, "
        f"{args.vacancies} vacancies per variant; NDCG@10 label / label or current job "
        f"(difference to idf-cosine ± s.e.); top-10 make-up {' / '.join(GROUPS)}"
    )
    n = len(p.relevance)
    ideal = np.mean(
        [
            make_up(p.relevance[i], p.recruiter[i], job_same[i], rq._top(p.recruiter[i].astype(float)))
            for i in range(n)
        ],
        axis=0,
    )
    print("ideal top 10 (recruiter's reading): " + " / ".join(f"{x:.2f}" for x in ideal))
    scores: dict[str, dict[str, tuple[np.ndarray, np.ndarray, np.ndarray]]] = {}
    for name in names:
        rank = RANKERS[name](taxonomy, p)
        scores[name] = {}
        for variant in VARIANTS:
            tops = [rank(variant, i) for i in range(n)]
            label = np.asarray([rq.ndcg(p.relevance[i][t], p.relevance[i]) for i, t in enumerate(tops)])
            both = np.asarray([rq.ndcg(p.recruiter[i][t], p.recruiter[i]) for i, t in enumerate(tops)])
            mix = np.mean(
                [make_up(p.relevance[i], p.recruiter[i], job_same[i], t) for i, t in enumerate(tops)], axis=0
            )
            scores[name][variant] = (label, both, mix)
            base = scores["idf-cosine"][variant]
            if name == "idf-cosine":
                cell = f"{label.mean():.3f} / {both.mean():.3f}"
            else:
                d1, s1 = rq.paired(label, base[0])
                d2, s2 = rq.paired(both, base[1])
                cell = f"{label.mean():.3f} ({d1:+.3f} ± {s1:.3f}) / {both.mean():.3f} ({d2:+.3f} ± {s2:.3f})"
                if name in ABLATIONS and "engine" in scores:
                    e1, u1 = rq.paired(label, scores["engine"][variant][0])
                    e2, u2 = rq.paired(both, scores["engine"][variant][1])
                    cell += f" engine {e1:+.4f} ± {u1:.4f} / {e2:+.4f} ± {u2:.4f}"
            print(
                f"{name:11s} {variant:10s} {cell}  top 10: " + " / ".join(f"{x:.2f}" for x in mix), flush=True
            )
    if "engine" in scores and "told" in scores:
        print("the recruiter's reading by the engine's reading of the vacancy's occupation:")
        for variant in ("skills", "sparse"):
            engine, told = scores["engine"][variant][1], scores["told"][variant][1]
            for line in inference_split(taxonomy, p, variant, engine, told):
                print(line, flush=True)


if __name__ == "__main__":
    main()
