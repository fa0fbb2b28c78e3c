"""Whose proposals and hires each viewer's meeting tiles count (outside tester 26, F11: a recruiter
of a private agency saw in the meeting totals how many candidates a competing agency had proposed
and hired). Two partner agencies and the region's employment services record outcomes in the
previous week; each viewer's totals count only what that viewer may see: an agency its own
organisation's work, the employment services every organisation's work about the candidates they may
see, the system operator everything."""

from datetime import UTC, date, datetime

import pytest

from services.matching.team.access import visible_content
from services.matching.team.meeting import (
    CandidateFacts,
    IsoWeek,
    MeetingContent,
    MeetingFacts,
    SkillRef,
    VacancyFacts,
    build_meeting,
)
from services.matching.team.outcomes import Outcome, Status
from shared.entitlement import viewer

WEEK = IsoWeek(2026, 48)
LAST_WEEK = date(2026, 11, 18)  # Wednesday of 2026-W47
ES, A, B = "tampere-tyollisyys", "agency-a", "agency-b"
KIND = {ES: "employment_services", A: "partner", B: "partner", "kohtaanto": "operator"}
REGIONS = {ES: {"pirkanmaa"}, A: {"pirkanmaa"}, B: {"pirkanmaa"}}
# candidate -> (home region, organisations it consented to)
PEOPLE = {
    "c-1": ("pirkanmaa", {A}),
    "c-2": ("pirkanmaa", {A, B}),
    "c-3": ("pirkanmaa", {B}),
    "c-4": ("pirkanmaa", set()),
    "c-out": ("pohjanmaa", {A}),  # lives elsewhere, consented to agency A only: not the ES's to see
}


def outcome(n, cid, status, org, on=LAST_WEEK):
    return Outcome(
        f"o{n}",
        "v-weld",
        cid,
        Status(status),
        None,
        "",
        None,
        on,
        f"someone@{org}",
        org,
        datetime.combine(on, datetime.min.time(), UTC).replace(hour=9 + n),
        "pirkanmaa",
        "Hitsaaja",
    )


OUTCOMES = [
    outcome(1, "c-1", "proposed", A),
    outcome(2, "c-2", "proposed", A),
    outcome(3, "c-out", "proposed", A),
    outcome(4, "c-1", "hired", A),  # a hire holds for the team: in the team's row, still agency A's
    outcome(5, "c-2", "proposed", B),
    outcome(6, "c-3", "proposed", B),
    outcome(7, "c-4", "proposed", ES),
    outcome(8, "c-3", "proposed", B, on=date(2026, 11, 10)),  # the week before: never counted
]
# a partner agency's own outcomes hold for it only (``outcomes.holding_for``); its hire and the
# employment services' outcomes hold for the team
AGENCIES_OWN = frozenset(
    o.outcome_id for o in OUTCOMES if o.recorded_by_org != ES and o.status.value != "hired"
)


def stored() -> dict:
    facts = MeetingFacts(
        "pirkanmaa",
        "Pirkanmaa",
        WEEK,
        date(2026, 11, 24),
        datetime(2026, 11, 24, 8, tzinfo=UTC),
        "valmentaja@tampere",
        [
            VacancyFacts(
                "v-weld",
                "Hitsaaja",
                "konepaja",
                "hitsaaja",
                "Tampere",
                2,
                None,
                "open",
                None,
                "shortage",
                "2026H2",
                "barometer",
            )
        ],
        {
            "v-weld": [
                CandidateFacts("c-2", 1, 0.9, (SkillRef("s:a", "a"),), (), 3.0, date(2026, 11, 1), 1),
                CandidateFacts("c-3", 2, 0.8, (SkillRef("s:a", "a"),), (), 3.0, date(2026, 11, 1), 1),
            ]
        },
        OUTCOMES,
        agencies_own=AGENCIES_OWN,
    )
    return build_meeting(facts).to_dict()


def seen_by(org):
    who = viewer(org, KIND[org], REGIONS.get(org, ()))
    return who, KIND[org], lambda cid: cid in PEOPLE and who.sees(PEOPLE[cid][1], PEOPLE[cid][0])


def tiles(content):
    t = content["totals"]
    return t["proposed_last_week"], t["hired_last_week"]


def test_the_stored_totals_are_the_teams_and_the_operator_sees_them():
    content = stored()
    assert tiles(content) == (6, 1)  # everything dated last week, whoever recorded it
    assert visible_content(content, *seen_by("kohtaanto")) == content


def test_agency_b_never_sees_agency_as_proposals_or_hires_in_the_totals():
    """The outside tester's input: agency B's tiles showed the team's 6 proposed and 1 hired, of
    which agency A's were 3 and 1."""
    assert tiles(visible_content(stored(), *seen_by(B))) == (2, 0)


def test_each_agency_counts_its_own_work_only():
    assert tiles(visible_content(stored(), *seen_by(A))) == (3, 1)


def test_the_employment_services_count_every_organisations_work_about_the_candidates_they_may_see():
    # c-out lives in another region and consented to agency A only: its proposal is not counted
    assert tiles(visible_content(stored(), *seen_by(ES))) == (5, 1)


@pytest.mark.parametrize("org", [ES, A, B])
def test_every_tile_counts_what_the_viewer_is_shown(org):
    shown = visible_content(stored(), *seen_by(org))
    ids = [c["candidate_id"] for v in shown["vacancies"] for c in v["candidates"]]
    assert shown["totals"]["candidates_shown"] == len(ids)
    assert shown["totals"]["open_follow_ups"] == len(shown["follow_ups"])
    steps = [s for r in shown["last_week"] for s in r["week_steps"]]
    assert all(s["org"] == org for s in steps) or org == ES, "a partner's rows carry its own steps only"
    if org != ES:  # a partner's tiles are its own rows' steps: what its list shows
        assert tiles(shown) == (
            sum(s["status"] == "proposed" for s in steps),
            sum(s["status"] == "hired" for s in steps),
        )


def test_the_week_steps_round_trip_through_the_stored_json():
    content = stored()
    assert MeetingContent.from_dict(content).to_dict() == content


def old(content, *, keep=lambda r: True):
    """``content`` as stored before last-week rows kept their ``week_steps``."""
    rows = [{k: v for k, v in r.items() if k != "week_steps"} for r in content["last_week"] if keep(r)]
    return {**content, "last_week": rows}


def test_a_meeting_stored_before_shows_a_partner_no_team_total_that_may_hold_another_agencys_work():
    for org in (A, B):
        assert tiles(visible_content(old(stored()), *seen_by(org))) == (None, None)
    # but a team total of nothing is nobody's work
    empty = {
        **old(stored(), keep=lambda r: False),
        "totals": {**stored()["totals"], "proposed_last_week": 0, "hired_last_week": 0},
    }
    assert tiles(visible_content(empty, *seen_by(B))) == (0, 0)
    assert tiles(visible_content(old(stored()), *seen_by("kohtaanto"))) == (6, 1)


def test_a_meeting_stored_before_shows_the_employment_services_the_team_total_only_if_they_see_every_row():
    assert tiles(visible_content(old(stored()), *seen_by(ES))) == (None, None)  # c-out's row is hidden
    without_out = old(stored(), keep=lambda r: r["candidate_id"] != "c-out")
    assert tiles(visible_content(without_out, *seen_by(ES))) == (6, 1)  # as stored: the rows say all


def test_an_agency_sees_its_own_satisfaction_figures_none_when_nobody_rated_it_and_never_the_regions():
    """The region's satisfaction figures less an agency's own would give another agency's away: a
    partner agency is shown its own organisation's figures only (all zero when nobody rated it); the
    employment services the region's, every organisation's."""
    from dataclasses import replace as changed

    from services.matching.team.satisfaction import RatingFact

    ratings = [RatingFact(f"r{i}", "pirkanmaa", A, "referral", "jobseeker", 4, "2026-W47") for i in range(6)]
    ratings += [RatingFact(f"s{i}", "pirkanmaa", B, "referral", "employer", 2, "2026-W47") for i in range(6)]
    facts = MeetingFacts(
        "pirkanmaa",
        "Pirkanmaa",
        WEEK,
        date(2026, 11, 24),
        datetime(2026, 11, 24, 8, tzinfo=UTC),
        "x",
        [],
        {},
        [],
    )
    content = build_meeting(changed(facts, ratings=ratings)).to_dict()

    def total(org):
        shown = visible_content(content, *seen_by(org))
        return (
            shown["satisfaction"]["total"]["count"],
            shown["satisfaction"]["total"]["mean"],
            shown["satisfaction"]["by_org"],
        )

    assert total(ES)[:2] == (12, 3.0) and [f["key"] for f in total(ES)[2]] == [A, B]
    assert total(A)[:2] == (6, 4.0) and [f["key"] for f in total(A)[2]] == [A]
    assert total(B)[:2] == (6, 2.0) and [f["key"] for f in total(B)[2]] == [B]
    nobody_rated = viewer("pirkan-rekry-oy", "partner", {"pirkanmaa"}), "partner", lambda cid: False
    unrated = visible_content(content, *nobody_rated)["satisfaction"]
    assert (unrated["total"]["count"], unrated["total"]["mean"], unrated["by_org"]) == (0, None, [])
    assert "satisfaction_by_org" not in visible_content(content, *seen_by(B))
    old = {k: v for k, v in content.items() if k != "satisfaction_by_org"}  # stored before
    assert visible_content(old, *seen_by(B))["satisfaction"] is None
