"""Outside tester 29, F3 and F4: gaming by the candidate side.

F3: a coach pushed a profile claiming every essential and optional skill of cook, building cleaner
and welder (187 skills, level expert, no work history). On three text-only ads read surely as cook,
building cleaner and welder (the employer confirmed no skill) it read 57.5 and 59.1 through the
confirmed skills' agreement (0.75) and "welder 1.0" / 91.4 through the occupation inference. Two
faults: (a) the inference took a claim-everything profile as certain of the trade explaining most
of it (`RankingParams.occupation_several`: a breadth term and a "no single occupation"
alternative); (b) the confirmed skills' agreement counted the essential skills adopted from a read
text as confirmed (`query.confirmed_agreement` now counts the employer's own essential skills).

F4: current spells (no `ended_year`) in several trades each counted fully: six current ten-year
jobs ranked third on ads of each, and `occupations` contradicted `occupation_agreement`. Spells now
share the calendar (`vectors.overlap_shares`): a person's work-years per calendar year never exceed
one.

Real ESCO, the service's recogniser and title reader, default parameters, the tester's inputs."""

from __future__ import annotations

import pytest

from services.matching.index.domain.model import WorkExperience
from services.matching.index.domain.params import RankingParams
from services.matching.index.domain.recognition import enrich_vacancy
from services.matching.index.domain.vectors import overlap_shares

from .conftest import TODAY, candidate, esco_occupation, vacancy

TRADES = ("cook", "building cleaner", "welder")
ADS = {
    "cook": (
        "Kock till lunchrestaurang",
        "Vi söker en kock till vår lunchrestaurang i Åbo. Du tillagar lunch för 150 gäster, bakar bröd "
        "och ansvarar för hygien och egenkontroll.",
    ),
    "building cleaner": (
        "Toimistosiivooja",
        "Etsimme toimistosiivoojaa Espooseen. Työ sisältää toimistotilojen siivousta, lattioiden hoitoa "
        "ja jätehuoltoa.",
    ),
    "welder": (
        "Welder (MIG/MAG)",
        "We are looking for a welder for MIG/MAG welding of steel structures. You read drawings and "
        "follow safety procedures.",
    ),
}


_occupation = esco_occupation


def _profile(esco, label: str) -> list[str]:
    o = esco.occupation_index[_occupation(esco, label)]
    return [esco.skill_uris[j] for j in (*esco.essential[o].indices, *esco.optional[o].indices)]


def _every_skill(esco, trades=TRADES) -> dict[str, str]:
    return {uri: "expert" for t in trades for uri in _profile(esco, t)}


def _people(esco) -> list:
    spell = WorkExperience
    honest = {
        "cook": (spell(_occupation(esco, "cook"), 5.0),),
        "chef": (spell(_occupation(esco, "chef"), 10.0, 2024),),
        "building-cleaner": (spell(_occupation(esco, "building cleaner"), 5.0),),
        "welder": (spell(_occupation(esco, "welder"), 6.0),),
    }
    people = [candidate(cid, experience=history) for cid, history in honest.items()]
    every = _every_skill(esco)
    # F3: every skill of three trades, no work history (t29-gamer2)
    people.append(candidate("claims-all", every, max_commute_km=500))
    # F4: three current six-year spells and every skill (t29-gamer)
    trades = tuple(spell(_occupation(esco, t), 6.0) for t in TRADES)
    people.append(candidate("spells-and-claims", every, experience=trades, max_commute_km=500))
    # F4: six current ten-year spells, no claims (t29-gamer3)
    six = (*TRADES, "chef", "domestic cleaner", "sheet metal worker")
    people.append(
        candidate(
            "six-spells", experience=tuple(spell(_occupation(esco, t), 10.0) for t in six), max_commute_km=500
        )
    )
    # a new graduate: every skill of one trade claimed, no history (claims-only evidence still counts)
    people.append(candidate("graduate-cook", _every_skill(esco, ("cook",))))
    return people


@pytest.fixture(scope="module")
def engine(esco, make_esco_engine):
    return make_esco_engine(_people(esco))


@pytest.fixture(scope="module")
def ads(esco_recognizer):
    return {
        trade: enrich_vacancy(vacancy(title=title, vacancy_id=f"v-{i}"), text, esco_recognizer)
        for i, (trade, (title, text)) in enumerate(ADS.items())
    }


def _entries(engine, ad):
    return {
        e.candidate_id: e for e in engine.shortlist(engine.prepare(ad), k=20, viewer_org=None, today=TODAY)
    }


@pytest.mark.parametrize("trade", TRADES)
def test_claiming_three_trades_earns_no_more_than_another_occupation_s_skill_overlap(
    esco, engine, ads, trade
):
    ad = ads[trade]
    prepared = engine.prepare(ad)
    assert prepared.query.kind == "text-read"
    # (b) nothing confirmed by the employer: the confirmed skills' agreement is not used
    assert prepared.query.confirmed_agreement == 0.0
    by_id = _entries(engine, ad)
    gamer = by_id["claims-all"]
    assert gamer.agreement is not None
    assert gamer.agreement.source == "essential_skills"
    assert gamer.agreement.value <= RankingParams().overlap_agreement + 1e-9
    assert gamer.match < 10
    # (a) the inference keeps no occupation for it (tester: "welder 1.0")
    assert all(p < 0.5 for _, p in gamer.occupations)
    # the honest person of the trade ranks above every gamer
    honest = {"cook": "cook", "building cleaner": "building-cleaner", "welder": "welder"}[trade]
    assert by_id[honest].match > 90
    assert all(by_id[honest].rank < by_id[g].rank for g in ("claims-all", "spells-and-claims", "six-spells"))


def test_the_chef_s_agreement_is_the_skill_overlap_not_confirmed_skills(engine, ads):
    """(b): the tester's chef holding most of the cook's essential skills read `confirmed_skills`."""
    chef = _entries(engine, ads["cook"])["chef"]
    assert chef.agreement is not None and chef.agreement.source == "essential_skills"
    assert 0 < chef.agreement.value <= RankingParams().overlap_agreement


def test_a_claims_only_candidate_of_one_trade_is_still_inferred(esco, engine, ads):
    """No work history (a new graduate): claims alone still say what the person is."""
    entry = _entries(engine, ads["cook"])["graduate-cook"]
    cooks = {_occupation(esco, "cook")}
    assert entry.occupations and entry.occupations[0][0] in cooks
    assert entry.occupations[0][1] >= 0.5
    assert (
        entry.agreement is not None and entry.agreement.source == "inferred" and entry.agreement.value > 0.5
    )
    assert entry.match > 50


def test_the_failing_input_read_welder_without_the_alternative(esco):
    """The tester's reading, kept: without `occupation_several` the three-trade profile is a welder."""
    from services.matching.index.domain.vectors import build_skill_space

    space = build_skill_space(esco, RankingParams(occupation_several=(0.0, 0.0)))
    import numpy as np
    import scipy.sparse as sp

    cols = sorted({esco.skill_index[u] for u in _every_skill(esco)})
    x = sp.csr_matrix(
        (np.ones(len(cols)), (np.zeros(len(cols), int), cols)), shape=(1, esco.n_skills + esco.n_occupations)
    )
    occ, prob = space.occupations.predict_top(x, 1)
    assert esco.occupation_uris[occ[0, 0]] == _occupation(esco, "welder") and prob[0, 0] > 0.99
    occ, prob = build_skill_space(esco, RankingParams()).occupations.predict_top(x, 1)
    assert prob[0, 0] < 0.01


@pytest.mark.parametrize("trade", TRADES)
def test_concurrent_current_spells_share_the_calendar(engine, ads, trade):
    """F4: six current ten-year jobs weigh 1/30 each, three current six-year jobs 1/6 each (more than
    two at once count 1 / (k - 1) work-years per year in all, outside tester 31, F10); the
    agreement and the inferred occupations tell one story (neither reads the person as of one trade)."""
    by_id = _entries(engine, ads[trade])
    six, three = by_id["six-spells"], by_id["spells-and-claims"]
    assert six.agreement is not None and six.agreement.source == "work_history"
    assert six.agreement.spell_weight == pytest.approx(1 / 30, abs=0.01)
    # the spell's, plus the little the share held at that weight adds (`band_order`: 0.3 x share
    # since session 32, decayed at the spell's closeness)
    assert six.agreement.value <= 1 / 30 + 0.02
    assert all(p < 0.5 for _, p in six.occupations)
    assert six.match < 10
    # (each spell 1/6; the claims are all of those trades', so the history's share, split equally, reads)
    assert three.agreement is not None and three.agreement.value <= 1 / 3 + 0.01
    assert all(p < 0.5 for _, p in three.occupations)
    honest = {"cook": "cook", "building cleaner": "building-cleaner", "welder": "welder"}[trade]
    assert by_id[honest].rank < min(six.rank, three.rank)
    assert three.match < by_id[honest].match - 40


def test_overlap_shares():
    spell = WorkExperience
    # six current ten-year spells (the tester's t29-gamer3): 1/5 work-year a year shared by six
    assert overlap_shares([spell("o", 10.0)] * 6, 2026) == pytest.approx([1 / 30] * 6)
    # four (tester 31's t31-att-concurrent): 1/12 each; three: 1/6, below held_spell_weight
    assert overlap_shares([spell("o", 10.0)] * 4, 2026) == pytest.approx([1 / 12] * 4)
    assert overlap_shares([spell("o", 10.0)] * 3, 2026) == pytest.approx([1 / 6] * 3)
    # two current part-time jobs: half each (the choice: work-years per calendar year at most one)
    assert overlap_shares([spell("a", 4.0), spell("b", 4.0)], 2026) == pytest.approx([0.5, 0.5])
    # a career that follows one job with another keeps both whole
    assert overlap_shares([spell("a", 5.0), spell("b", 3.0, 2021)], 2026) == [1.0, 1.0]
    # a year's overlap at a change of job: the new job holds it, the one before keeps the rest
    assert overlap_shares([spell("a", 6.0), spell("b", 3.0, 2021)], 2026) == pytest.approx([1.0, 2 / 3])
    # staggered ends do not dodge it: ten-year spells ending 2026, 2025, 2024
    shares = overlap_shares([spell("a", 10.0), spell("b", 10.0, 2025), spell("c", 10.0, 2024)], 2026)
    assert shares == pytest.approx([1.0, 0.1, 0.1])
    # a single spell, a spell of no length, and no history
    assert overlap_shares([spell("a", 40.0)], 2026) == [1.0]
    assert overlap_shares([spell("a", 0.0), spell("b", 2.0)], 2026) == [1.0, 1.0]
    assert overlap_shares([], 2026) == []
