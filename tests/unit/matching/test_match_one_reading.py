"""Outside tester 31, F12 and F11: one reading of the 0-100 match for a text ad read surely as one
occupation and a vacancy naming it.

F12: on a Finnish text-only cook ad ("Kokki lounasravintolaan", read surely as cook, p 1.0,
`essential_skills: true`) a cook graduate claiming 12 of the cook's 16 essential skills read 47.7
(raw 0.4611); on an ad naming the cook 23.2 (raw 0.4629); a cook turned bus driver 1.6 and 0.6, a
gamer of four concurrent jobs 1.9 and 0.7, a waiter 0.3 and 0.1, complete holders 96.5 and 96.9.
Why: the surely read text's query is the named one's scaled (`query.vacancy_query`, since session
31) and its ideal the same, so the same candidate gets the same share of the ideal on both, but each
kind had a scale of its own, and the "text-read" one (fitted in session 23) was fitted to another
truth: the benchmark graded a text vacancy's candidates by the four to seven essential skills its
text was written from, so a sibling occupation whose profile lists those few "fitted" it
(`benchmarks.ranking_quality.target_variant`). Since session 32 both kinds read one scale.

F11: "about 92" for a complete holder holds for one holding every essential skill and nothing else
(the ideal: `query.ideal_score`); a current spell in the occupation shows its optional skills too,
which the ideal's profile does not hold, and reads 94-98 (more the more optional skills ESCO lists).

Real ESCO, the service's recogniser and title reader, the tester's kinds of candidate, default
parameters; a small pool (figures move with the pool's IDF; the equalities do not)."""

from __future__ import annotations

import numpy as np
import pytest

from services.matching.index.domain.match_score import MatchScale, match_scores
from services.matching.index.domain.model import WorkExperience
from services.matching.index.domain.params import RankingParams
from services.matching.index.domain.query import VACANCY_KINDS
from services.matching.index.domain.recognition import enrich_vacancy

from .conftest import TODAY, candidate, esco_occupation, vacancy

TEXT = (
    "Haemme kokkia lounasravintolaamme Tampereelle. Valmistat lounaan noin 200 asiakkaalle, leivot "
    "leivät ja huolehdit hygieniasta ja omavalvonnasta.\n\nEdellytämme kokin ammattitutkintoa ja "
    "hygieniapassia."
)

# the "text-read" scale of sessions 23-31 (its knots, kept as the failing input)
OLD_TEXT_READ = (
    (0.126, 0.152, 0.304, 0.356, 0.363, 0.372, 0.377, 0.383, 0.389, 0.396, 0.404, 0.411, 0.423, 0.437, 0.446,
     0.454, 0.465, 0.486, 0.516, 0.64, 0.816, 0.851, 0.872, 0.891, 0.91, 0.929, 0.947, 0.968, 0.989, 1.0),
    (0.3, 1.1, 2.1, 2.2, 2.3, 3.4, 4.2, 6.5, 7.0, 7.5, 8.6, 11.5, 12.0, 14.1, 18.8, 22.6, 29.2, 33.8, 43.8,
     49.6, 59.7, 60.1, 63.3, 63.5, 64.6, 67.4, 70.2, 76.6, 83.5, 91.3),
)  # fmt: skip


def _row(m, o: int) -> np.ndarray:
    return m.indices[m.indptr[o] : m.indptr[o + 1]]


def _essential(esco, label: str) -> list[str]:
    o = esco.tables.occupation_labels["en"].index(label)
    return [esco.skill_uris[j] for j in _row(esco.essential, o)]


def _people(esco) -> list:
    """The tester's kinds: a cook of six current years claiming all 16 essential skills; the
    graduate claiming 12 (not ordering supplies, control of expenses, handing over the food
    preparation area, a safe, hygienic and secure working environment); a cook of ten years to 2018,
    bus driver since, claiming three bus skills; a waiter of seven years claiming two cook skills;
    four concurrent ten-year jobs with two claims each of cook and bus driver; a diet cook; a
    building cleaner."""
    labels = esco.tables.skill_labels["en"]
    cook, bus = _essential(esco, "cook"), _essential(esco, "bus driver")
    left_out = (
        "order supplies",
        "control of expenses",
        "handover the food preparation area",
        "maintain a safe",
    )
    grad = [u for u in cook if not labels[esco.skill_index[u]].startswith(left_out)]
    assert len(cook) == 16 and len(grad) == 12

    def spell(label: str, years: float, ended: int | None = None) -> WorkExperience:
        return WorkExperience(esco_occupation(esco, label), years, ended)

    four = ("cook", "bus driver", "child care worker", "chef")
    return [
        candidate("cook", dict.fromkeys(cook, "advanced"), experience=(spell("cook", 6.0),)),
        candidate("graduate", dict.fromkeys(grad, "intermediate")),
        candidate(
            "cook-to-bus",
            dict.fromkeys(bus[:3], "advanced"),
            experience=(spell("cook", 10.0, 2018), spell("bus driver", 6.0)),
        ),
        candidate("waiter", dict.fromkeys(cook[:2], "advanced"), experience=(spell("waiter/waitress", 7.0),)),
        candidate(
            "four-jobs",
            dict.fromkeys(cook[:2] + bus[:2], "advanced"),
            experience=tuple(spell(o, 10.0) for o in four),
        ),
        candidate("diet-cook", experience=(spell("diet cook", 5.0),)),
        candidate("cleaner", experience=(spell("building cleaner", 5.0),)),
    ]


@pytest.fixture(scope="module")
def ads(esco, esco_recognizer):
    text = enrich_vacancy(
        vacancy(title="Kokki lounasravintolaan", vacancy_id="v-text"), TEXT, esco_recognizer
    )
    named = vacancy(title="Kokki", occupation=esco_occupation(esco, "cook"), vacancy_id="v-named")
    return text, named


def _entries(engine, ad) -> dict:
    entries = engine.shortlist(engine.prepare(ad), k=20, viewer_org=None, today=TODAY)
    for e in entries:
        assert sum(e.points.values()) == pytest.approx(e.match, abs=0.1)  # the parts add up
    return {e.candidate_id: e for e in entries}


def test_the_text_ad_is_read_surely_as_the_cook_and_asks_for_its_profile(esco, ads, make_esco_engine):
    engine = make_esco_engine(_people(esco))
    text, named = (engine.prepare(ad).query for ad in ads)
    assert text.kind == "text-read" and named.kind == "occupation"
    assert text.profile == named.occupation and len(text.essential) == len(named.essential) == 16
    assert text.ideal == pytest.approx(named.ideal, rel=1e-3)  # the same ideal: the query is scaled


def test_a_candidate_reads_the_same_on_the_text_ad_and_on_the_ad_naming_the_cook(esco, ads, make_esco_engine):
    """The tester's case: the graduate 47.7 / 23.2, the career changer 1.6 / 0.6, the four jobs 1.9 /
    0.7, the waiter 0.3 / 0.1 (here before: 47.0 / 20.2, 1.9 / 0.7, 2.1 / 0.7, 0.3 / 0.1)."""
    engine = make_esco_engine(_people(esco))
    text, named = (_entries(engine, ad) for ad in ads)
    assert text.keys() == named.keys()
    for cid in text:
        assert text[cid].score == pytest.approx(named[cid].score, abs=0.002), cid
        assert text[cid].match == pytest.approx(named[cid].match, abs=1.0), (
            cid,
            text[cid].match,
            named[cid].match,
        )
    assert sorted(text, key=lambda c: text[c].rank) == sorted(named, key=lambda c: named[c].rank)
    # the scale keeps its meaning: the cooks read high, the graduate in between, others near 0
    assert text["cook"].match > 90 and text["diet-cook"].match > 85
    assert 10 < text["graduate"].match < 60
    assert max(text[c].match for c in ("waiter", "four-jobs", "cleaner")) < 5
    # ten years as a cook to 2018, a bus driver since: a rusty cook since session 33 (outside tester 32:
    # a long former trade keeps `former_spell_share`), above the other trades, below the current cooks
    others = max(text[c].match for c in ("waiter", "four-jobs", "cleaner"))
    assert others < text["cook-to-bus"].match < text["diet-cook"].match


def test_the_two_kinds_read_one_scale():
    """The kind, not only the example: a surely read text and a named occupation read one scale, so
    equal shares of their (equal) ideals read equal matches for every candidate."""
    p = RankingParams()
    occupation, read = (p.match_scales[VACANCY_KINDS.index(k)] for k in ("occupation", "text-read"))
    assert occupation == read
    shares = np.linspace(0.0, 1.3, 131)
    a, b = (match_scores(shares * 0.77, MatchScale(*s), 0.77) for s in (occupation, read))
    assert np.array_equal(a, b)


def test_the_scales_of_sessions_23_to_31_read_the_graduate_apart(esco, ads, make_esco_engine):
    """The failing input, kept: with the old "text-read" scale the graduate reads about twice as
    high on the text ad as on the named one (the graduate read as before F2: its grill cook reading
    as another occupation of the cook's unit group, `inferred_lineage_share` 0)."""
    scales = list(RankingParams().match_scales)
    scales[VACANCY_KINDS.index("text-read")] = OLD_TEXT_READ
    engine = make_esco_engine(
        _people(esco), RankingParams(match_scales=tuple(scales), inferred_lineage_share=0.0)
    )
    text, named = (_entries(engine, ad)["graduate"].match for ad in ads)
    assert text > 1.8 * named and text - named > 15, (text, named)


HOLDERS = ("cook", "child care worker", "bus driver", "electrician", "welder", "building cleaner")


@pytest.fixture(scope="module")
def holders(esco, make_esco_engine):
    """Per occupation of `HOLDERS` one claiming every essential skill and nothing else, and one
    claiming them with six current years in it (a pool of six trades, so that no trade's skills are
    all rare)."""
    people = []
    for label in HOLDERS:
        ess, uri = _essential(esco, label), esco_occupation(esco, label)
        people.append(candidate(f"{label}/claims", dict.fromkeys(ess, "advanced")))
        people.append(
            candidate(
                f"{label}/spell", dict.fromkeys(ess, "advanced"), experience=(WorkExperience(uri, 6.0),)
            )
        )
    return make_esco_engine(people)


@pytest.mark.parametrize("label", HOLDERS)
def test_a_complete_holder_reads_about_92_and_a_current_spell_of_it_a_little_more(esco, label, holders):
    """F11: holding every essential skill by claims and nothing else is the ideal (about 92 on every
    kind); a current spell in the occupation also shows its optional skills, beyond the ideal's
    profile, and reads 94-98: the more optional skills ESCO lists for it, the more (the tester's
    cook 96.5, child care worker 96.8, bus driver 92.7 in the demo's pool)."""
    o = esco.tables.occupation_labels["en"].index(label)
    by_id = _entries(holders, vacancy(occupation=esco_occupation(esco, label)))
    claims, spell = by_id[f"{label}/claims"].match, by_id[f"{label}/spell"].match
    if label != "cook":  # the cook's claims alone read grill cook too (F2, another helper's)
        assert 90 <= claims <= 94, claims
    assert 93 <= spell < 99 and spell > claims, spell
    if len(_row(esco.optional, o)) > 20:
        assert spell >= 96, spell
