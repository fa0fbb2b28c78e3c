"""Confirming a suggested skill never lowers a jobseeker, and a higher level never reads lower
(outside tester 36, H1), on the real ESCO data.

The tester's text-only bakery ad ("Leipuri aamuvuoroon. Leivot leipiä ja pullia."): a profile holding
five of its suggestions only as unconfirmed `suggested_skills` ranked first (match 4.4), the same
five confirmed by the coach ranked 2nd to 7th (3.8-4.1) at every level, even expert. A suggestion
counted as half a claim's evidence in the occupation inference, which left the posterior spread onto
the vacancy's own occupation (baker) where the confirmed claims read as confectioner 0.996: the
inference is not monotone in a claim's evidence weight. The kind: any vacancy (occupation, skills,
text), any level, any share of the skills confirmed, with and without work history. A suggestion
now counts in the inference as a claim and weighs half a basic claim in the skill vector.

Each case is one engine: a background of other people and, for one set of five of the vacancy's
skills, the same person with each skill suggested or claimed at each level. Rank is the number of
background people listed before the person (the person's variants do not push each other)."""

from __future__ import annotations

from dataclasses import replace
from datetime import date
from itertools import pairwise

import pytest

from services.matching.index.domain.model import SKILL_LEVELS, WorkExperience
from services.matching.index.domain.params import RankingParams
from services.matching.index.domain.vectors import SUGGESTED_BIT, claim_evidence, claim_table

from .conftest import candidate, esco_occupation, vacancy

TODAY = date(2026, 12, 1)
#: The tester's five: the first five suggestions of the bakery ad (GET …/skills).
BAKERY_FIVE = (
    "bake confections",
    "manufacturing of confectionery",
    "prepare bakery products",
    "bake goods",
    "bakery production methods",
)
BAKER, COOK, WELDER = "baker", "cook", "welder"


def _essential(esco, occupation: str) -> list[str]:
    row = esco.essential[esco.occupation_index[occupation]]
    return sorted(esco.skill_uris[int(j)] for j in row.indices)


def _cases(esco) -> dict[str, tuple]:
    """name -> (vacancy, the five skills, work history of the person, background occupations)."""
    skill = {esco.skill_label(u): u for u in reversed(esco.skill_uris)}
    baker, cook, welder = (esco_occupation(esco, o) for o in (BAKER, COOK, WELDER))
    bakery = tuple(skill[label] for label in BAKERY_FIVE)
    cooks, welders = _essential(esco, cook), _essential(esco, welder)
    text_ad = vacancy(suggested=bakery, title="Leipuri aamuvuoroon")
    return {
        # the tester's: a text-only ad, its suggestions
        "bakery text ad": (text_ad, bakery, (), (baker, cook)),
        "bakery text ad, a former cook": (text_ad, bakery, (WorkExperience(cook, 3.0, 2019),), (baker, cook)),
        "baker named": (replace(vacancy(occupation=baker), title="Leipuri"), bakery, (), (baker, cook)),
        "cook named, five essential skills": (
            replace(vacancy(occupation=cook), title="Kokki"),
            tuple(cooks[:5]),
            (),
            (cook, baker),
        ),
        "skills listed": (vacancy(tuple(cooks[:5]), tuple(cooks[5:7])), tuple(cooks[2:7]), (), (cook, baker)),
        "welder named, a current welder": (
            replace(vacancy(occupation=welder), title="Hitsaaja"),
            tuple(welders[3:8]),
            (WorkExperience(welder, 1.0, None),),
            (welder, cook),
        ),
    }


def _variants(skills: tuple[str, ...]) -> dict[str, tuple[dict[str, str], tuple[str, ...]]]:
    """name -> (claims {uri: level}, suggestions): all suggested; all claimed at each level; the
    first k claimed at each level and the rest suggested."""
    out = {"suggested": ({}, skills)}
    for level in SKILL_LEVELS:
        out[f"claimed {level}"] = (dict.fromkeys(skills, level), ())
        for k in (1, 3):
            out[f"{k} {level}"] = (dict.fromkeys(skills[:k], level), skills[k:])
    return out


def _pairs() -> list[tuple[str, str]]:
    """(before, after): after confirms suggestions of before, or raises its levels."""
    pairs = []
    for level in SKILL_LEVELS:
        pairs += [
            ("suggested", f"1 {level}"),
            (f"1 {level}", f"3 {level}"),
            (f"3 {level}", f"claimed {level}"),
        ]
        pairs.append(("suggested", f"claimed {level}"))
    for low, high in pairwise(SKILL_LEVELS):
        pairs += [(f"{k} {low}", f"{k} {high}") for k in (1, 3)] + [(f"claimed {low}", f"claimed {high}")]
    return pairs


@pytest.fixture(scope="module")
def ranked(esco, make_esco_engine):
    """case -> ({variant: entry}, {variant: background people listed before it})."""
    out = {}
    for name, (vac, skills, history, trades) in _cases(esco).items():
        background = []
        for t, occupation in enumerate(trades):
            own = _essential(esco, occupation)
            for i in range(4):
                background.append(
                    candidate(
                        f"bg-{t}-{i}",
                        dict.fromkeys(own[i : i + 3 + 2 * i], SKILL_LEVELS[i]),
                        experience=(WorkExperience(occupation, 1.0 + 2 * i, None if i % 2 else 2021),),
                        available_from=TODAY,
                    )
                )
        background.append(candidate("bg-skills", dict.fromkeys(skills[:2], "expert"), available_from=TODAY))
        people = [
            candidate(f"p:{v}", claims, suggested=suggested, experience=history, available_from=TODAY)
            for v, (claims, suggested) in _variants(skills).items()
        ]
        engine = make_esco_engine([*background, *people])
        order = engine.shortlist(vac, k=len(background) + len(people), viewer_org=None, today=TODAY)
        entries, before, seen = {}, {}, 0
        for e in order:
            if e.candidate_id.startswith("p:"):
                entries[e.candidate_id[2:]] = e
                before[e.candidate_id[2:]] = seen
            else:
                seen += 1
        out[name] = (entries, before)
    return out


@pytest.mark.parametrize("case", ["bakery text ad"])
def test_the_testers_confirmed_bakers_rank_above_the_unconfirmed_one(ranked, case):
    entries, before = ranked[case]
    for level in SKILL_LEVELS:
        confirmed = entries[f"claimed {level}"]
        assert confirmed.match >= entries["suggested"].match, (level, confirmed.match)
        assert confirmed.score > entries["suggested"].score, level
        assert before[f"claimed {level}"] <= before["suggested"], (level, before)
    # the evidence still says which are suggestions
    assert {e.kind for e in entries["suggested"].evidence.values()} == {"suggested"}


@pytest.mark.parametrize(
    "case",
    [
        "bakery text ad",
        "bakery text ad, a former cook",
        "baker named",
        "cook named, five essential skills",
        "skills listed",
        "welder named, a current welder",
    ],
)
def test_confirming_a_suggestion_or_raising_a_level_never_lowers_similarity_match_or_rank(ranked, case):
    entries, before = ranked[case]
    assert set(entries) == set(_variants(("x",) * 5)), sorted(entries)  # everyone is listed
    for low, high in _pairs():
        a, b = entries[low], entries[high]
        assert b.components["skill_similarity"] >= a.components["skill_similarity"] - 1e-12, (low, high)
        assert b.score >= a.score - 1e-12, (low, high, a.components, b.components)
        assert b.match >= a.match, (low, high)
        assert before[high] <= before[low], (low, high, before)


def test_a_suggestion_weighs_less_than_a_claim_at_every_level_and_is_evidence_as_one():
    for p in (RankingParams(), RankingParams(level_weights=(0.2, 0.5, 0.9, 1.0), suggested_claim_factor=0.9)):
        table = claim_table(p)
        lowest = min(table[(level, False)][0] for level in SKILL_LEVELS)
        assert all(table[(level, True)][0] < lowest for level in SKILL_LEVELS), table
        weights = [table[(level, False)][0] for level in SKILL_LEVELS]
        assert weights == sorted(weights)
        evidence = claim_evidence(p)
        for i in range(len(SKILL_LEVELS)):
            assert evidence[i | SUGGESTED_BIT] == evidence[i]


@pytest.mark.parametrize(
    "changes",
    [
        {"level_weights": (0.6, 0.8, 1.0, 0.9)},
        {"level_weights": (0.0, 0.8, 1.0, 1.0)},
        {"suggested_claim_factor": 1.0},
        {"suggested_claim_factor": -0.1},
    ],
)
def test_params_where_a_suggestion_or_a_lower_level_could_outweigh_are_refused(changes):
    with pytest.raises(ValueError, match=r"level_weights|suggested_claim_factor"):
        RankingParams(**changes)


@pytest.mark.xfail(
    strict=True,
    reason="outside tester 36, H1, open for skills the vacancy does not ask for: a claim outside them "
    "dilutes the similarity by its weight (`scoring.similarity`'s b), so confirming an outside suggestion "
    "(0.3 -> 0.6-1.0) or raising its level lowers it: a cook named, five of its essential skills advanced "
    "and three welder skills, 93.7 suggested, 93.3 basic, 92.6 expert (2026-12-05). Outside claims and "
    "stage 1's bound are helper f2on36's part this session; the lead decides (a level-independent "
    "outside weight changes every family's b)",
)
def test_confirming_or_raising_a_skill_the_vacancy_does_not_ask_for_never_lowers_the_match(
    esco, make_esco_engine
):
    cook, welder = esco_occupation(esco, COOK), esco_occupation(esco, WELDER)
    inside, outside = _essential(esco, cook)[:5], tuple(_essential(esco, welder)[:3])
    people = [
        candidate("suggested", dict.fromkeys(inside, "advanced"), suggested=outside, available_from=TODAY)
    ]
    people += [
        candidate(
            level,
            {**dict.fromkeys(inside, "advanced"), **dict.fromkeys(outside, level)},
            available_from=TODAY,
        )
        for level in SKILL_LEVELS
    ]
    engine = make_esco_engine(people)
    entries = engine.shortlist(
        replace(vacancy(occupation=cook), title="Kokki"), k=10, viewer_org=None, today=TODAY
    )
    match = {e.candidate_id: e.match for e in entries}
    for low, high in pairwise(("suggested", *SKILL_LEVELS)):
        assert match[high] >= match[low], (low, high, match)
