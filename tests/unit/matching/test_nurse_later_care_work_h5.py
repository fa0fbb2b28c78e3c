"""Outside tester 36, H5 (issue 11; tester 35 F1's kind): a nurse who keeps working in care as a
healthcare assistant (lähihoitaja) while her degree is recognised ranked below one idle since 2022.

On a nurse vacancy (occupation *nurse responsible for general care*, Tampere) five profiles alike but
for their history, each holding all 88 essential skills from it, read (the tester's figures; this
file's pool reads them within 0.5): 6 years current 93.3, ended 2025 91.6, ended 2022 and nothing
since 68.7, 9 years ended 2023 + 2 years as a healthcare assistant still going on 62.5, 6 years
ended 2022 + 3 years of it current 60.5.

Two causes, measured here (`RankingParams.other_trades_outside` 0.1 on, the default):

1. The assistant's own skills, implied by her years of it, lie outside the vacancy and lower the
   skill similarity. Beside the nurse's spell a *shorter or older* other trade's implied skills now
   count at their share (`other_trades_outside`): the 9-year nurse's similarity 0.270 -> 0.290 of
   0.3 (62.6 -> 64.1). The 6-year nurse's 3 current years are as long and more recent than her
   nursing (tenure = length x recency), so they count whole by that rule's design (a person whose
   current trade is another is read as of it: `test_other_trades_outside.py`): 0.267 stays.
2. Later work in another trade discounts the nurse's spell itself (the README's "halved every five
   years"): its agreement 0.871 idle, 0.825 and 0.778 with the assistant's years. That is the
   career-change rule, not the outside part's; whether care work as an assistant is "another
   trade" for a nurse awaiting recognition is the lead's question (docs/benchmarks.md, outside37).

What a user relies on, kept as tests: the later care work never lowers the skill similarity of a
nurse more than her implied assistant's skills beside a longer nursing spell allow (rule 1, passes);
and the tester's expectation (strict xfail until cause 2 and the longer-current case are decided):
a nurse still in care work reads at least as well as one idle since 2022."""

from __future__ import annotations

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
    """{history: shortlist entry} with the defaults, and with `other_trades_outside` off."""
    on = RankingParams()
    assert on.other_trades_outside < 1.0, "the rule is on by default"
    return _read(esco, on), _read(esco, RankingParams(other_trades_outside=1.0))


def test_each_history_holds_the_vacancy_s_trade_and_the_tester_s_order_of_the_nurses_alone(read):
    on, _ = read
    assert len(on) == 5
    for e in on.values():
        assert e.agreement is not None and e.agreement.source == "work_history"
    assert on["current"].match > on["ended 2025"].match > on["idle since 2022"].match


def test_a_shorter_later_job_as_an_assistant_costs_the_nurse_s_similarity_little(read):
    """Rule 1: beside 9 years of nursing, 2 years as an assistant (shorter, so counting at their
    share) leave the similarity within 5 % of the idle nurse's; off, it was more than 8 % below."""
    on, off = read
    idle = on["idle since 2022"].components["skill_similarity"]
    key = "9 y to 2023 + assistant 2 y current"
    assert on[key].components["skill_similarity"] >= 0.95 * idle, (on[key].components, idle)
    assert off[key].components["skill_similarity"] < 0.92 * idle  # the fault, kept
    assert on[key].match >= off[key].match


def test_the_later_care_work_never_lowers_a_nurse_s_match_with_the_rule_on(read):
    on, off = read
    for key in on:
        assert on[key].match >= off[key].match - 1e-9, key


@pytest.mark.xfail(
    strict=True,
    reason="outside tester 36, H5, open in part: later work in another trade discounts the nurse's spell "
    "(agreement 0.871 idle against 0.825 and 0.778), and 3 current years as an assistant beside 6 older years "
    "of nursing count whole in the outside part (as long and more recent: the other-trades rule's design). "
    "With `other_trades_outside` 0.1 the two read 64.1 and 60.6 against 69.1 idle (62.6 / 60.6 off). "
    "Session 37, helper outside37; docs/benchmarks.md. The lead decides whether care work is another trade here.",
)
def test_a_nurse_still_in_care_work_reads_at_least_as_well_as_one_idle_since_2022(read):
    on, _ = read
    idle = on["idle since 2022"].match
    for key in ("9 y to 2023 + assistant 2 y current", "6 y to 2022 + assistant 3 y current"):
        assert on[key].match >= idle - 2.0, (key, on[key].match, idle)
