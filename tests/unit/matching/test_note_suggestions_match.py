"""A coach's note read as suggested skills raises a candidate, never re-labels them (outside
tester 8, J6), on the real ESCO data.

The tester pushed a bus driver of six years with the skills recognised in the coach's note
("Ajanut linja-autoa … kuusi vuotta. D-ajokortti, ammattipätevyys ja kuljettajakortti voimassa.
Asiakaspalvelu sujuu."): the note's noise (supervise drivers, recruit bus drivers, lead customer
service, transport fish) made matching infer a trainer of professional drivers, and the person
ranked behind bus drivers holding one skill each."""

from __future__ import annotations

from dataclasses import replace
from datetime import date

from services.matching.index.domain.engine import MatchingEngine
from services.matching.index.domain.model import WorkExperience
from services.matching.index.domain.params import RankingParams

from .conftest import MUNICIPALITIES, candidate, vacancy

TODAY = date(2026, 12, 1)
#: What recognition suggested from the tester's note (Finnish ESCO labels), noise included.
NOTE_SKILLS = (
    "ajaa ajoneuvoja",
    "ohjata raskaita ajoneuvoja",
    "asiakaspalvelu",
    "johtaa asiakaspalvelua",
    "ylläpitää asiakaspalvelua",
    "valvoa kuljettajia",
    "ohjata linja-autoa",
    "kuljettajantutkinto",
    "kuljettaa kaloja",
    "rekrytoida linja-autonkuljettajia",
)


def test_a_bus_drivers_noted_skills_keep_them_among_the_bus_drivers(esco):
    skill = {esco.skill_label(u, "fi"): u for u in reversed(esco.skill_uris)}
    occupation = {esco.occupation_label(u, "fi"): u for u in esco.occupation_uris}
    bus, trainer = occupation["linja-autonkuljettaja"], occupation["ammattikuljettajien kouluttaja"]
    note = tuple(skill[label] for label in NOTE_SKILLS)
    six_years = (WorkExperience(bus, 6.0, None),)

    def person(cid, history, *, suggested=(), skills=()):
        return candidate(
            cid,
            dict.fromkeys(skills, "intermediate"),
            suggested=suggested,
            experience=history,
            available_from=TODAY,
        )

    people = [
        person("noted", six_years, suggested=note),
        person("not-noted", six_years),
        *(person(f"bus-{i}", (WorkExperience(bus, 3.0 + i, None),), skills=(note[6],)) for i in range(4)),
        person("trainer", (WorkExperience(trainer, 6.0, None),), skills=(note[0], note[1])),
    ]
    engine = MatchingEngine(esco, MUNICIPALITIES, RankingParams(), clock=lambda: TODAY)
    engine.bulk_load(people)
    ranked = engine.shortlist(
        replace(vacancy(occupation=bus), title="Linja-autonkuljettaja"), k=10, viewer_org=None, today=TODAY
    )
    order = [e.candidate_id for e in ranked]
    match = {e.candidate_id: e.match for e in ranked}
    assert order.index("noted") < order.index("trainer"), order
    # the note's skills outside the bus driver's profile dilute the skill part (`scoring.similarity`),
    # and since the match counts the essential skills held (tester 14, P10) the raw score cannot tell
    # that from lacking skills: 62.9 against 92.9 on 2026-12-03 08:10 UTC (62.9 against 93.5 with the
    # plain cosine, earlier that day; 92.7 against 99.6 when the match
    # was the occupation alone, 2026-12-01; 29.5 against 56.8 at the tester's)
    assert match["noted"] >= 0.6 * match["not-noted"], match
    assert match["noted"] > 50, match  # still above "of the occupation, holding none"
