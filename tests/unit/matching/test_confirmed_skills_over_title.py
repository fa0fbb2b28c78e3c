"""Outside tester 18, P1 (open): an employer posts "Lähihoitaja, kotihoito" as text (the occupation
is read from the title) and confirms seven essential skills; a candidate claiming all seven, with
no work history, ranks below every candidate of the title's occupation by work history, including
those holding two of the seven (58.7 against 65.8-93.8 here, rank 11; in the tester's demo, match 58
and rank 36, off the shortlist). A recruiter reads "holds everything the employer asked for" as a
top candidate. The occupation agreement (60 % of the score, by the occupation inferred from the
title) outweighs the skills the employer confirmed; changing that balance moves the ranking
benchmark's title and text cells, so it needs the tuning-half check (see the session 18 closing
note). Real ESCO, one small pool, default parameters."""

from __future__ import annotations

import numpy as np
import pytest

from services.matching.index.domain.engine import MatchingEngine
from services.matching.index.domain.model import Vacancy, VacancySkill, WorkExperience
from services.matching.index.domain.params import RankingParams

from .conftest import MUNICIPALITIES, TODAY, candidate

SKILL = "http://data.europa.eu/esco/skill/"
CONFIRMED = tuple(
    SKILL + u
    for u in (
        "1fd57242-267e-46df-bd8c-849fdd593a50",  # administer prescribed medication
        "24f980ba-b44f-4739-b563-205104c3190d",  # provide basic support to patients
        "2a82241a-216e-44d8-bb50-6b9a0ef82084",  # drive vehicles
        "2d6904db-9e16-42a5-bc12-c5acb8bfab18",  # safe management of medicines
        "f98e06f5-a09a-4356-b6a8-d55a7d3c5356",  # implement nursing care
        "d9449998-c1f5-478c-a103-2255398cf0b6",  # apply hygiene standards (the tester's seventh)
        "0e3493f4-0cad-4fbc-8e02-025f169b8114",  # Finnish
    )
)


@pytest.fixture(scope="module")
def ranked(esco):
    en = esco.tables.occupation_labels["en"]
    assistant = esco.occupation_uris[en.index("healthcare assistant")]
    engine = MatchingEngine(esco, MUNICIPALITIES, RankingParams(), clock=lambda: TODAY)
    rng = np.random.default_rng(18)
    essential = esco.essential
    for k, other in enumerate(rng.choice(esco.n_occupations, 400, replace=False)):
        own = essential.indices[essential.indptr[other] : essential.indptr[other + 1]]
        if len(own):
            picked = rng.choice(own, min(len(own), 12), replace=False)
            engine.upsert_candidate(candidate(f"other{k}", {esco.skill_uris[j]: "advanced" for j in picked}))
    for i in range(10):  # of the title's occupation by work history, holding 0-2 of the seven by claim
        held = CONFIRMED[i % 6 : i % 6 + i % 3]
        engine.upsert_candidate(
            candidate(
                f"assistant{i}",
                dict.fromkeys(held, "intermediate"),
                experience=(WorkExperience(assistant, 3.0 + i),),
            )
        )
    engine.upsert_candidate(
        candidate(
            "all-seven", dict.fromkeys(CONFIRMED[:6], "intermediate"), languages={"fi": "B2", "sv": "native"}
        )
    )
    vacancy = Vacancy(
        vacancy_id="v1",
        version=1,
        employer_org="employer",
        title="Lähihoitaja, kotihoito",
        occupation_uri=None,
        skills=tuple(VacancySkill(u, True) for u in CONFIRMED),
        languages={"fi": "B2"},
        municipality="837",
        working_time="any",
        start_date=None,
    )
    entries = engine.shortlist(engine.prepare(vacancy), k=40, viewer_org=None, today=TODAY)
    return {e.candidate_id: (rank, e) for rank, e in enumerate(entries, start=1)}


def test_the_candidate_holding_every_confirmed_skill_holds_them_all(ranked):
    _rank, entry = ranked["all-seven"]
    assert set(entry.matched_essential) == set(CONFIRMED)


@pytest.mark.xfail(
    strict=True,
    reason="open (outside tester 18, P1): the occupation read from the title outweighs the skills the employer "
    "confirmed; the fix needs the ranking benchmark's tuning-half check",
)
def test_holding_every_confirmed_skill_ranks_in_the_top_five_and_above_two_of_seven(ranked):
    rank, entry = ranked["all-seven"]
    two_of_seven = [e.match for r, e in ranked.values() if r != rank and len(set(e.matched_essential)) <= 3]
    assert rank <= 5
    assert entry.match > max(two_of_seven)
