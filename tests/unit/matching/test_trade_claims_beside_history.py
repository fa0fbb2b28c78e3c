"""Outside tester 34, F2: skills a coach confirms from a real CV pull an experienced candidate far
down, even when they belong to the trade.

A practical nurse of twelve years as a healthcare assistant (eight current, four ended 2018) read
94.4 on the tester's text-only "Lähihoitaja kotihoitoon" ad on work history alone, 63.5 with one
true skill of the trade confirmed (*use electronic health records management system*, "kirjaaminen
Pegasokseen") and 64.9 with the ten skills recognised from her CV, still 32 of 32 essential skills
held. The mechanism (measured here, this small pool: 94.4 on history alone, 72.3 with the one claim,
65.0 with the ten): the occupation part does not move (work history agrees 0.999); the skill
similarity falls (0.2898 -> 0.2063 of its 0.3 with the one claim, 0.1644 with the ten),
since `scoring.similarity` counts a candidate's skills outside the vacancy's whole
(`RankingParams.outside_skill_weight` 1, kept for the two-occupations family, session 18) and
her skills inside it come from work history at `experience_essential_weight` 0.3 while the claim
weighs its level's 0.6-1.0 at a high IDF (few in the pool claim it): one claim outweighs several
of the trade's skills shown by her years. The same claim beside the 32 essential skills claimed
costs about 1.5 points. The steep top of the match scale turns the score's 0.896 -> 0.813 into 94
-> 72. Not fixed: lowering the outside weight cost the two-occupations family 0.076 NDCG@10
(session 18), and a rule for claims beside work history in the vacancy's occupation needs the
lead's decision and the tuning half's guard (docs/benchmarks.md, session 34, confirm34).

Real ESCO, the service's recogniser and title reader, default parameters, a small pool."""

from __future__ import annotations

from dataclasses import replace

import pytest

from services.matching.index.domain.model import WorkExperience
from services.matching.index.domain.recognition import suggest_for_vacancy

from .conftest import TODAY, candidate, esco_occupation, vacancy
from .test_confirmed_text_ad import NURSE_AD

# the skills recognised from the tester's CV (/tmp/t34/cv_nurse.txt), by English label
CV = (
    "Finnish",
    "provide first aid",
    "administer prescribed medication",
    "provide basic support to patients",
    "tend to elderly people",
    "drive vehicles",
    "safe management of medicines",
    "geriatrics",
    "use electronic health records management system",
    "English",
)
RECORDS = "use electronic health records management system"


def _skill(esco, label: str) -> str:
    return esco.skill_uris[esco.tables.skill_labels["en"].index(label)]


def _essential(esco, label: str) -> list[str]:
    o = esco.tables.occupation_labels["en"].index(label)
    return [
        esco.skill_uris[j]
        for j in esco.essential.indices[esco.essential.indptr[o] : esco.essential.indptr[o + 1]]
    ]


@pytest.fixture(scope="module")
def shortlist(esco, esco_recognizer, make_esco_engine):
    ha = esco_occupation(esco, "healthcare assistant")
    years = (WorkExperience(ha, 8.0), WorkExperience(ha, 4.0, 2018))
    ess = _essential(esco, "healthcare assistant")
    title, text, _ = NURSE_AD
    people = [
        candidate("history", experience=years),
        candidate("records", {_skill(esco, RECORDS): "intermediate"}, experience=years),
        candidate("cv", dict.fromkeys((_skill(esco, s) for s in CV), "intermediate"), experience=years),
    ]
    people += [
        candidate(
            f"ha{i}", dict.fromkeys(ess[3 * i :], "advanced"), experience=(WorkExperience(ha, 3.0 + i),)
        )
        for i in range(4)
    ]
    for other in ("cook", "bus driver", "child care worker"):
        people.append(
            candidate(
                other,
                dict.fromkeys(_essential(esco, other), "advanced"),
                experience=(WorkExperience(esco_occupation(esco, other), 5.0),),
            )
        )
    engine = make_esco_engine(people)
    posted = replace(vacancy(title=title, vacancy_id="nurse"), described=True)
    ad = suggest_for_vacancy(posted, text, esco_recognizer, title_occupations=engine.title_occupations(title))
    asked = {s.uri for s in ad.vacancy.skills}
    # her CV's skills that the ad itself suggests: more of what the vacancy asks for
    engine.upsert_candidate(
        candidate(
            "cv-of-the-ad",
            dict.fromkeys((_skill(esco, s) for s in CV if _skill(esco, s) in asked), "intermediate"),
            experience=years,
        )
    )
    entries = engine.shortlist(engine.prepare(ad.vacancy), k=20, viewer_org=None, today=TODAY)
    return {e.candidate_id: e for e in entries}


def test_what_her_claims_change_is_the_skill_similarity_not_the_occupation(shortlist):
    """The mechanism, kept as it is today: her years agree with the vacancy's occupation whatever she
    claims, all 32 essential skills held each time; the similarity is what falls."""
    history = shortlist["history"]
    for cid in ("records", "cv"):
        e = shortlist[cid]
        assert e.components["occupation_match"] == pytest.approx(
            history.components["occupation_match"], abs=1e-3
        )
        assert len(e.matched_essential) >= len(history.matched_essential)
        assert e.components["skill_similarity"] < history.components["skill_similarity"]


def test_more_of_what_the_ad_asks_for_never_lowers_her_match(shortlist):
    """The README's promise, which holds: the CV's skills the ad suggests itself."""
    assert shortlist["cv-of-the-ad"].match >= shortlist["history"].match - 0.5


@pytest.mark.xfail(
    strict=True,
    reason="outside tester 34, F2, open: a claim outside the vacancy's skills dilutes the similarity of a "
    "candidate whose inside skills come from work history (weight 0.3) by far more than of one who claims "
    "them; lowering `outside_skill_weight` cost the two-occupations family 0.076 NDCG@10 (session 18). "
    "The lead decides the rule (docs/benchmarks.md, confirm34). Every claim at phi 0.3 (outside34) cost the "
    "two-occupations family beyond s.e. (outside35); the narrower `trade_claim_units` (claims of the history's "
    "ISCO unit group, f2rule35) does not reach her: the records skill is in no profile of ISCO 5321 or 532.",
)
@pytest.mark.parametrize("cid", ["records", "cv"])
def test_a_true_skill_of_the_trade_costs_a_nurse_of_twelve_years_little(shortlist, cid):
    """What she relies on: one skill of her own trade confirmed by her coach does not take her from
    the top of the list to far below the people who only carry a work history."""
    assert shortlist[cid].match >= shortlist["history"].match - 5, (
        shortlist[cid].match,
        shortlist["history"].match,
    )
