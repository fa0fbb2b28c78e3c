"""Outside tester 27, T27-3 (the remainder): on a Swedish text-only cook ad in Turku ("Kock till
lunchrestaurang i Åbo", read surely as cook) a chef of ten years (ESCO chef, ISCO 3434, claiming plan
menus and manage staff; 12 of the cook's 16 essential skills through the work history) read 0.3/100,
ranked below a kitchen assistant of two years (ISCO 9412, 9 of 16) at 0.7: neither shares an ISCO group
with the cook (5120), so both are "another occupation" (about 0 by the score's definition) and the
order inside that band was the skill similarity's, which the chef's wider ESCO profile dilutes. A
recruiter ranks by closeness in the hierarchy, then by the share of the vacancy's essential skills
held: `RankingParams.overlap_agreement` now gives an occupation agreement of 0.3 x that share (a
claim or full-weight work history holds a skill; 0.125 x its square below the sub-major group's 1/7
before session 32, outside tester 31, F4/F5). Real ESCO, the
service's recogniser and title reader, default parameters, the tester's candidates as described."""

from __future__ import annotations

import pytest

from services.matching.index.domain.model import WorkExperience
from services.matching.index.domain.params import RankingParams
from services.matching.index.domain.recognition import enrich_vacancy

from .conftest import TODAY, candidate, esco_occupation, vacancy

TEXT = (
    "Vi söker en kock till vår lunchrestaurang i Åbo. Du tillagar lunch för 150 gäster, bakar bröd och "
    "ansvarar för hygien och egenkontroll.\n\nVi förutsätter yrkesexamen som kock och hygienpass."
)


_occupation = esco_occupation


def _skill(esco, label: str) -> str:
    return esco.skill_uris[esco.tables.skill_labels["en"].index(label)]


def _people(esco) -> list:
    people = {
        "cook": (None, WorkExperience(_occupation(esco, "cook"), 8.0)),
        "chef": (("plan menus", "manage staff"), WorkExperience(_occupation(esco, "chef"), 10.0)),
        "kitchen-assistant": (None, WorkExperience(_occupation(esco, "kitchen assistant"), 2.0)),
        "kitchen-porter": (None, WorkExperience(_occupation(esco, "kitchen porter"), 3.0)),
        "cleaner": (None, WorkExperience(_occupation(esco, "building cleaner"), 5.0)),
    }
    return [
        candidate(cid, {_skill(esco, s): "advanced" for s in claims or ()}, experience=(spell,))
        for cid, (claims, spell) in people.items()
    ]


@pytest.fixture(scope="module")
def text_ad(esco_recognizer):
    return enrich_vacancy(
        vacancy(title="Kock till lunchrestaurang i Åbo", vacancy_id="v-cook"), TEXT, esco_recognizer
    )


def _entries(engine, ad):
    return {
        e.candidate_id: e for e in engine.shortlist(engine.prepare(ad), k=10, viewer_org=None, today=TODAY)
    }


def test_the_chef_ranks_above_the_kitchen_assistant_on_the_text_only_cook_ad(esco, text_ad, make_esco_engine):
    engine = make_esco_engine(_people(esco))
    assert engine.prepare(text_ad).query.kind == "text-read"
    by_id = _entries(engine, text_ad)
    order = sorted(by_id, key=lambda c: by_id[c].rank)
    assert order[:3] == ["cook", "chef", "kitchen-assistant"], order
    chef, assistant = by_id["chef"], by_id["kitchen-assistant"]
    assert len(chef.matched_essential) > len(assistant.matched_essential)
    assert chef.score > assistant.score and chef.match >= assistant.match
    # the scale keeps its meaning: another occupation reads near 0, the cook as before
    assert chef.match < 10 and by_id["cook"].match > 90
    assert chef.agreement is not None and chef.agreement.source == "essential_skills"
    assert 0 < chef.agreement.value <= RankingParams().overlap_agreement
    # the parts still add up to the score
    assert sum(chef.components.values()) == pytest.approx(chef.score, abs=1e-6)
    assert sum(chef.points.values()) == pytest.approx(chef.match, abs=0.05)


def test_the_order_was_the_tester_s_without_the_skill_overlap(esco, text_ad, make_esco_engine):
    """The failing input, kept: without the overlap's agreement the kitchen assistant ranks above, on
    the tester's parameters (`trade_claim_units` 1 too: since session 36 the chef's claims of his own
    trade, plan menus and manage staff, count at 0.3 beside his ten years, which lifts him above the
    kitchen assistant even without the overlap)."""
    params = RankingParams(overlap_agreement=0.0, trade_claim_units=1.0)
    by_id = _entries(make_esco_engine(_people(esco), params), text_ad)
    assert by_id["kitchen-assistant"].rank < by_id["chef"].rank


def test_the_chef_ranks_above_the_kitchen_assistant_on_a_vacancy_naming_the_cook(esco, make_esco_engine):
    """The same kind on the other vacancy kinds: the cook named as the occupation."""
    engine = make_esco_engine(_people(esco))
    ad = vacancy(occupation=_occupation(esco, "cook"), vacancy_id="v-cook-named")
    by_id = _entries(engine, ad)
    assert by_id["cook"].rank == 1
    assert by_id["chef"].rank < by_id["kitchen-assistant"].rank < by_id["cleaner"].rank


def test_the_overlap_stays_below_the_unit_group():
    """Hierarchy first down to the unit group: the most the overlap gives a candidate the hierarchy
    does not join stays below what the same unit group earns (below it the share held decides:
    outside tester 31, F4/F5, `tests/unit/matching/test_band_share_order.py`)."""
    from services.matching.index.domain.params import unit_level

    p = RankingParams()
    assert p.overlap_agreement < unit_level(p)
    with pytest.raises(ValueError):
        RankingParams(overlap_agreement=1.0)


def test_the_stage_1_bound_holds_both_agreements_of_held_skills():
    """`kernels.confirmed_bound_of` from the one share stage 1 walks (work history at full weight
    holds a skill, unclipped) bounds the larger of the confirmed skills' agreement (a claim holds a
    skill, power 8) and the overlap's (power 2), as `scoring.exact_scores` computes them."""
    import numpy as np

    from services.matching.index.domain.kernels import confirmed_bound_of

    p = RankingParams()
    unit, claim = p.experience_essential_weight, p.level_weights[0]
    rng = np.random.default_rng(28)
    for _ in range(2000):
        n = int(rng.integers(1, 20))
        w = rng.dirichlet(np.ones(n))
        raw = rng.choice([0.0, 0.1, 0.3, 0.6, 0.8, 1.0, 1.3], size=n) * rng.uniform(0.5, 1.0, size=n)
        held, overlap = float(rng.uniform(0, 1)), p.overlap_agreement
        confirmed = held * min(1.0, float(np.minimum(raw / claim, 1.0) @ w)) ** p.confirmed_agreement_power
        skill = overlap * min(1.0, float(np.minimum(raw / unit, 1.0) @ w)) ** p.overlap_agreement_power
        walked = np.float32((raw / unit) @ w)
        bound = confirmed_bound_of(
            walked, held, p.confirmed_agreement_power, overlap, unit / claim, p.overlap_agreement_power
        )
        assert bound >= max(confirmed, skill) - 1e-9
