"""Outside tester 36, H5 (issue 11; tester 35 F1's kind): a nurse who keeps working in care as a
healthcare assistant (lähihoitaja) while her degree is recognised ranked below one idle since 2022.

On a nurse vacancy (occupation *nurse responsible for general care*, Tampere) five profiles alike but
for their history, each holding all 88 essential skills from it, read (the tester's figures; this
file's pool reads them within 0.5): 6 years current 93.3, ended 2025 91.6, ended 2022 and nothing
since 68.7, 9 years ended 2023 + 2 years as a healthcare assistant still going on 62.5, 6 years
ended 2022 + 3 years of it current 60.5.

Three causes, measured here with the defaults:

1. The assistant's own skills, implied by her years of it, lie outside the vacancy and lower the
   skill similarity. Beside the nurse's spell a *shorter or older* other trade's implied skills
   count at their share (`RankingParams.other_trades_outside`, session 37): the 9-year nurse's
   similarity 0.270 -> 0.290 of 0.3. The 6-year nurse's 3 current years are as long and more recent
   than her nursing (tenure = length x recency), so they count whole by that rule's design (a person
   whose current trade is another is read as of it: `test_other_trades_outside.py`): 0.270.
2. Later work discounted the nurse's spell as a career change (halved every five years): agreement
   0.871 idle, 0.825 and 0.778 with the assistant's years. Later work in a trade close to the
   earlier one is no career change away from it (`RankingParams.trade_closeness`, session 38): the
   two trades share most of one's specific essential skills (`SkillSpace.trade_closeness`: 0.60 of
   the assistant's are in the nurse's ESCO profile), so her assistant years no longer discount the
   nursing: 0.872 and 0.842, 64.1 -> 67.9 and 60.6 -> 63.4.
3. A year without work between the nursing and the assistant's job still counts as a year of
   career change (`vectors.experience_weight` reads every year from a spell's end to the latest
   as later work): the 6-year nurse's 0.842 against the idle nurse's 0.871; the 9-year nurse's
   year 2023-2024 costs her 0.901 -> 0.872.

What a user relies on, kept as tests: the later care work never lowers the skill similarity of a
nurse more than her implied assistant's skills beside a longer nursing spell allow (cause 1); the
9-year nurse still in care work reads at least the idle nurse's match - 2 (cause 2, closed); the
rule lifts both and lowers no one; and the tester's expectation for the 6-year nurse (strict xfail
until causes 1 and 3 are decided for her): she reads at least as well as one idle since 2022."""

from __future__ import annotations

from dataclasses import replace
from datetime import date

import pytest

from services.matching.index.domain.engine import MatchingEngine
from services.matching.index.domain.model import WorkExperience
from services.matching.index.domain.params import RankingParams

from .conftest import MUNICIPALITIES, candidate, esco_occupation, vacancy
from .test_career_change_f1 import demo_pool

DAY = date(2026, 12, 5)  # the tester's day


def _histories(esco) -> dict[str, tuple[WorkExperience, ...]]:
    nurse = esco_occupation(esco, "nurse responsible for general care")
    hca = esco_occupation(esco, "healthcare assistant")
    return {
        "current": (WorkExperience(nurse, 6.0),),
        "ended 2025": (WorkExperience(nurse, 6.0, 2025),),
        "idle since 2022": (WorkExperience(nurse, 6.0, 2022),),
        "9 y to 2023 + assistant 2 y current": (WorkExperience(nurse, 9.0, 2023), WorkExperience(hca, 2.0)),
        "6 y to 2022 + assistant 3 y current": (WorkExperience(nurse, 6.0, 2022), WorkExperience(hca, 3.0)),
    }


def _read(esco, params: RankingParams) -> dict:
    engine = MatchingEngine(esco, MUNICIPALITIES, params, clock=lambda: DAY)
    h = _histories(esco)
    engine.bulk_load(
        demo_pool(esco) + [candidate(k, experience=v, languages={"fi": "native"}) for k, v in h.items()]
    )
    nurse = esco_occupation(esco, "nurse responsible for general care")
    prepared = engine.prepare(vacancy(occupation=nurse, vacancy_id="h5-nurse"))
    entries = engine.shortlist(prepared, k=400, viewer_org=None, today=DAY)
    return {e.candidate_id: e for e in entries if e.candidate_id in h}


@pytest.fixture(scope="module")
def read(esco):
    """{history: shortlist entry} with the defaults, with `other_trades_outside` off, and with
    `trade_closeness` off."""
    on = RankingParams()
    assert on.other_trades_outside < 1.0, "the rule is on by default"
    assert on.trade_closeness is not None, "the rule is on by default"
    return (
        _read(esco, on),
        _read(esco, replace(on, other_trades_outside=1.0)),
        _read(esco, replace(on, trade_closeness=None)),
    )


NINE = "9 y to 2023 + assistant 2 y current"
SIX = "6 y to 2022 + assistant 3 y current"


def test_each_history_holds_the_vacancy_s_trade_and_the_tester_s_order_of_the_nurses_alone(read):
    on, _, _ = read
    assert len(on) == 5
    for e in on.values():
        assert e.agreement is not None and e.agreement.source == "work_history"
    assert on["current"].match > on["ended 2025"].match > on["idle since 2022"].match


def test_a_shorter_later_job_as_an_assistant_costs_the_nurse_s_similarity_little(read):
    """Cause 1: beside 9 years of nursing, 2 years as an assistant (shorter, so counting at their
    share) leave the similarity within 5 % of the idle nurse's; off, it was more than 8 % below."""
    on, off, _ = read
    idle = on["idle since 2022"].components["skill_similarity"]
    assert on[NINE].components["skill_similarity"] >= 0.95 * idle, (on[NINE].components, idle)
    assert off[NINE].components["skill_similarity"] < 0.92 * idle  # the fault, kept
    assert on[NINE].match >= off[NINE].match


def test_the_later_care_work_never_lowers_a_nurse_s_match_with_either_rule_on(read):
    on, off, apart = read
    for key in on:
        assert on[key].match >= off[key].match - 1e-9, key
        assert on[key].match >= apart[key].match - 1e-9, key


def test_a_nurse_still_in_care_work_as_an_assistant_reads_as_a_nurse(read):
    """Cause 2: the 9-year nurse now an assistant reads at least the idle nurse's match - 2 (the
    tester's expectation), her nursing weighed as the idle nurse's at least (her assistant years
    are no career change); with `trade_closeness` off the fault is kept: 64.1 against 69.1."""
    on, _, apart = read
    idle = on["idle since 2022"]
    assert on[NINE].match >= idle.match - 2.0, (on[NINE].match, idle.match)
    assert on[NINE].agreement is not None and idle.agreement is not None
    assert on[NINE].agreement.value >= idle.agreement.value - 0.005
    assert apart[NINE].match < idle.match - 2.0  # the fault, kept
    for key in (NINE, SIX):  # the rule lifts both nurses in care work
        assert on[key].agreement.value > apart[key].agreement.value + 0.02, key


@pytest.mark.xfail(
    strict=True,
    reason="outside tester 36, H5, open for the 6-year nurse: with `trade_closeness` on she reads 63.4 against "
    "69.1 idle (60.6 off). Two causes remain: her 3 current years as an assistant are as long and more recent "
    "than her 6 years of nursing and so count whole in the outside part (similarity 0.270 against 0.300: the "
    "other-trades rule's design), and the year without work 2022-2023 before the assistant's job counts as a "
    "year of career change (agreement 0.842 against 0.871). Session 38, helper rank38; docs/benchmarks.md.",
)
def test_a_nurse_of_six_years_now_an_assistant_reads_at_least_as_well_as_one_idle_since_2022(read):
    on, _, _ = read
    idle = on["idle since 2022"].match
    assert on[SIX].match >= idle - 2.0, (on[SIX].match, idle)
