"""Outside tester 31, F2 and F3 (issue 11): the occupations read beside work history and claims.

F3: `occupations` ("the candidate's own, from their work history") named a sibling the person never
held: the history's share of the claims/history mixture went to the joint posterior within the
spell's unit and minor group, where two or three claims chose among the siblings. A child day care
worker of 6 current years with 3 child-care claims read child care worker 0.71, babysitter 0.23, while
`occupation_agreement` named child day care worker (`relation: narrower`); a truck driver of 10 years
with 3 bus claims read trolley bus driver 0.44; a building cleaner of 12 years with 4 cook claims room
attendant 0.51; an early years teaching assistant with 2 claims child care worker 0.65; a taxi
driver of 7 years motorcycle delivery person 0.27. Now each spell's share reads the spell's own
occupation (`OccupationModel`'s `anchor`); the claims add a second occupation, they do not rename.

F2: a cook graduate claiming 12 of cook's 16 essential skills (no history) read grill cook 0.68
(ESCO's grill cook: cook's essentials less one, a narrower occupation of cook), cook 0.16, and 47.7 on
a text-only cook ad, below the README's "50: of it, holding none". ESCO's narrower / broader
occupations now count close to the vacancy's for inferred occupations too (`query.
occupation_agreement`, `RankingParams.occupation_lineage_share`), and the agreement names the
relative (`relation: narrower`).

Real ESCO, the service's recogniser and title reader, default parameters, the tester's inputs
(`/tmp/t31/profiles.json` of that session: the same skills by their English labels)."""

from __future__ import annotations

import numpy as np
import pytest
import scipy.sparse as sp

from services.matching.index.domain.model import WorkExperience
from services.matching.index.domain.recognition import enrich_vacancy

from .conftest import TODAY, candidate, esco_occupation, vacancy
from .stage_one import stage_one

CHILD = ("play with children", "supervise children", "attend to children's basic physical needs")
BUS = ("drive in urban areas", "road traffic laws", "focus on passengers")
COOK4 = ("use cooking techniques", "use food preparation techniques", "comply with food safety and hygiene",
         "use food cutting tools")  # fmt: skip
COOK12 = (
    *COOK4,
    "store raw food materials",
    "use reheating techniques",
    "use culinary finishing techniques",
    "ensure cleanliness of food preparation area",
    "maintain kitchen equipment at correct temperature",
    "work in a hospitality team",
    "receive kitchen supplies",
    "dispose waste",
)  # cook's essentials less order supplies, control of expenses, handover, safe environment

# the tester's people with work history: (claims, the spell's occupation, years)
HISTORY = {
    "daycare": (CHILD, "child day care worker", 6.0),
    "truck": (BUS, "cargo vehicle driver", 10.0),
    "cleaner": (COOK4, "building cleaner", 12.0),
    "eyta": (CHILD[:2], "early years teaching assistant", 5.0),
    "taxi": (BUS[:2], "taxi driver", 7.0),
}

COOK_AD = (
    "Kokki lounasravintolaan",
    "Haemme Tampereen keskustan lounasravintolaamme kokkia vakituiseen työsuhteeseen. Työtehtäviisi "
    "kuuluvat lounaan valmistus, kylmäkeittiön tehtävät, erityisruokavalioiden huomioiminen sekä tavaran "
    "vastaanotto ja omavalvonta.\n\nEdellytämme:\n- kokin ammattitutkintoa tai alan kokemusta\n"
    "- voimassa olevaa hygieniapassia\n- hyvää suomen kielen taitoa",
)
CHILD_AD = (
    "Barnskötare till svenskspråkigt daghem",
    "Vi söker en barnskötare till vårt svenskspråkiga daghem i Tammerfors.\n\nVi förutsätter:\n"
    "- examen som barnskötare eller annan lämplig utbildning\n- goda kunskaper i svenska och finska\n\n"
    "Till arbetsuppgifterna hör att ta hand om barnens grundläggande behov, leka med barnen, sköta "
    "vardagliga rutiner samt samarbeta med vårdnadshavarna.",
)

BUS_AD = (
    "Bus driver, city routes",
    "We are hiring bus drivers for Tampere city routes. Requirements: a valid D-class driving licence, the "
    "professional qualification for bus drivers and a driver card. You must speak basic Finnish and serve "
    "passengers in a friendly way.",
)


def _skills(esco, labels) -> dict[str, str]:
    en = esco.tables.skill_labels["en"]
    return {esco.skill_uris[en.index(label)]: "intermediate" for label in labels}


def _people(esco) -> list:
    people = [
        candidate(cid, _skills(esco, claims), experience=(WorkExperience(esco_occupation(esco, occ), years),))
        for cid, (claims, occ, years) in HISTORY.items()
    ]
    people.append(candidate("cookgrad", _skills(esco, COOK12)))  # F2: no history
    people.append(
        candidate(
            "cook-6y", _skills(esco, COOK4), experience=(WorkExperience(esco_occupation(esco, "cook"), 6.0),)
        )
    )
    return people


@pytest.fixture(scope="module")
def prepared(esco, esco_recognizer, make_esco_engine):
    """The engine holding the tester's people and the three text-only ads, prepared (read surely)."""
    engine = make_esco_engine(_people(esco))
    ads = {}
    for name, (title, text) in {"cook": COOK_AD, "child": CHILD_AD, "bus": BUS_AD}.items():
        ads[name] = engine.prepare(
            enrich_vacancy(vacancy(title=title, vacancy_id=f"v-{name}"), text, esco_recognizer)
        )
        assert ads[name].query.kind == "text-read" and ads[name].query.close_occupation >= 0
    return engine, ads


@pytest.fixture(scope="module")
def shortlists(prepared):
    engine, ads = prepared
    return {
        name: {e.candidate_id: e for e in engine.shortlist(ad, k=20, viewer_org=None, today=TODAY)}
        for name, ad in ads.items()
    }


def _row(esco, claims, spell: str | None):
    x = np.zeros(esco.n_skills + esco.n_occupations)
    for uri in _skills(esco, claims):
        x[esco.skill_index[uri]] = 1.0
    if spell is not None:
        x[esco.n_skills + esco.occupation_index[esco_occupation(esco, spell)]] = 1.0
    return sp.csr_matrix(x)


@pytest.mark.parametrize("cid", sorted(HISTORY))
def test_the_spell_names_the_occupation_the_claims_only_add_one(esco, esco_space, shortlists, cid):
    """F3: the spell's own occupation leads `occupations`, and no other occupation reads above what
    the same claims read with no history (a claim adds an occupation, it does not rename one)."""
    claims, occ, _ = HISTORY[cid]
    entry = next(by_id[cid] for by_id in shortlists.values() if cid in by_id)
    assert entry.occupations[0][0] == esco_occupation(esco, occ) and entry.occupations[0][1] > 0.8
    model = esco_space.occupations
    o_alone, p_alone = model.predict_top(_row(esco, claims, None), 8)
    alone = {int(o): float(p) for o, p in zip(o_alone[0], p_alone[0], strict=True) if o >= 0}
    o_both, p_both = model.predict_top(_row(esco, claims, occ), 8)
    own = esco.occupation_index[esco_occupation(esco, occ)]
    for o, p in zip(o_both[0], p_both[0], strict=True):
        if o >= 0 and o != own:
            assert p <= alone.get(int(o), 0.0) + 1e-6, (cid, esco.tables.occupation_labels["en"][o], p)


def test_the_truck_driver_is_no_trolley_bus_driver(esco, shortlists):
    """F3: on the bus ad the truck driver (ISCO 8332, bus driver's minor group) reads its own
    occupation, and it agrees no more than that: no trolley bus driver (0.44 before) lifts it into the
    bus driver's unit group."""
    entry = shortlists["bus"]["truck"]
    trolley = esco_occupation(esco, "trolley bus driver")
    assert entry.occupations[0][0] == esco_occupation(esco, "cargo vehicle driver")
    assert dict(entry.occupations).get(trolley, 0.0) < 0.05
    assert entry.agreement is not None and entry.agreement.value < 3 / 7


def test_the_day_care_worker_reads_one_story(esco, shortlists):
    """F3: on the child-care ad `occupations` and `occupation_agreement` name the same occupation
    (before: agreement child day care worker, narrower; occupations child care worker, babysitter)."""
    entry = shortlists["child"]["daycare"]
    day = esco_occupation(esco, "child day care worker")
    assert entry.agreement is not None and entry.agreement.occupation == day
    assert entry.agreement.relation == "narrower"
    assert entry.occupations[0][0] == day
    babysitter = esco_occupation(esco, "babysitter")
    assert dict(entry.occupations).get(babysitter, 0.0) < 0.05


@pytest.mark.xfail(
    strict=True,
    reason="RankingParams.inferred_lineage_share is 0 by default: at 0.9 (which passes this) the tuning "
    "half's guard fails, team-1/team-2 occupation -0.017/-0.013, ECE occupation 0.86 -> 3.88 "
    "(docs/benchmarks.md, session 32); the lead's decision",
)
def test_the_cook_graduate_reads_close_to_a_cook(esco, shortlists):
    """F2: 12 of cook's 16 essential skills, no history, read mostly as grill cook (narrower of cook):
    close to a cook on a cook ad, at least the README's "of it, holding none" (47.7 before), named
    by the agreement; below a cook of six current years."""
    by_id = shortlists["cook"]
    grad = by_id["cookgrad"]
    assert grad.match >= 50, grad.match
    assert grad.agreement is not None and grad.agreement.value > 0.9
    assert grad.agreement.source == "inferred" and grad.agreement.relation == "narrower"
    assert grad.agreement.occupation == grad.occupations[0][0]  # one story: the most probable, named
    assert grad.rank > by_id["cook-6y"].rank
    # the other trades' histories stay below the graduate: their cook claims buy no cook
    assert all(by_id[c].match < grad.match for c in HISTORY if c in by_id)


def test_the_stage_one_bound_covers_the_inferred_close_occupations(prepared):
    """Every row's stage-1 bound reaches its exact score where inferred occupations earn the
    narrower / broader level (`kernels.range_bounds` walks `query.agreement`, which carries it)."""
    from services.matching.index.domain.scoring import EPS

    engine, ads = prepared
    for ad in ads.values():
        one = stage_one(engine, ad)
        assert len(one.rows) >= 3
        assert np.all(one.exact <= one.ub + one.slack() + EPS)


def test_a_relative_read_by_the_inference_agrees_as_close_to_the_occupation(esco, esco_space):
    """F2 at the level of one inferred slot: on a cook ad a slot of grill cook (ESCO: narrower of cook)
    earns `inferred_lineage_share` of the occupation level (its unit group's slot the unit group's
    3/7: 0.943 together when certain); share 0 gives the failing reading (0: the unit group only)."""
    from dataclasses import replace

    from services.matching.index.domain.params import RankingParams
    from services.matching.index.domain.query import occupation_agreement

    cook = esco.occupation_index[esco_occupation(esco, "cook")]
    grill = esco.occupation_index[esco_occupation(esco, "grill cook")]
    target = np.zeros(esco.n_occupations)
    target[cook] = 1.0
    lw = np.asarray(esco_space.params.occupation_level_weights, dtype=np.float64)
    level = lw[0] / lw.sum()
    on = replace(esco_space, params=RankingParams(inferred_lineage_share=0.9))
    agree = occupation_agreement(target, on, cook)
    assert agree[cook] == pytest.approx(level)
    assert agree[grill] == pytest.approx(0.9 * level)
    assert occupation_agreement(target, on)[grill] == 0.0  # no vacancy occupation read surely
    off = replace(esco_space, params=RankingParams(inferred_lineage_share=0.0))
    assert occupation_agreement(target, off, cook)[grill] == 0.0  # the default: the failing reading
