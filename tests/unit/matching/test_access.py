"""Each viewer's part of a stored meeting and of a vacancy's outcomes (``team.access``), by the one
rule of ``shared.entitlement.viewer`` (outside tester 15, P2/P3)."""

from dataclasses import dataclass

from services.matching.team.access import visible_content, visible_outcomes
from shared.entitlement import viewer

# Who lives where and belongs or consented to whom (the index's view of three candidates).
HOME = {"c-tampere": "pirkanmaa", "c-vaasa-own": "pirkanmaa", "c-vaasa-home": "pohjanmaa"}
CONSENT = {
    "c-tampere": {"tampere-tyollisyys", "pirkan-rekry-oy"},
    "c-vaasa-own": {"vaasa-tyollisyys"},
    "c-vaasa-home": {"agency-c"},
}
KIND = {
    "tampere-tyollisyys": "employment_services",
    "vaasa-tyollisyys": "employment_services",
    "pirkan-rekry-oy": "partner",
    "kohtaanto": "operator",
}
REGIONS = {
    "tampere-tyollisyys": {"pirkanmaa"},
    "vaasa-tyollisyys": {"pohjanmaa"},
    "pirkan-rekry-oy": {"pirkanmaa"},
}


def seen_by(org):
    who = viewer(org, KIND[org], REGIONS.get(org, ()))
    return who, KIND[org], lambda cid: cid in HOME and who.sees(CONSENT[cid], HOME[cid])


def row(cid, org, comment):
    return {"candidate_id": cid, "recorded_by_org": org, "status": "interviewed", "comment": comment}


CONTENT = {
    "rows_by_organisation": True,
    "vacancies": [
        {
            "vacancy_id": "v-weld",
            "candidates": [
                {"candidate_id": c, "agencies": [{"org": "pirkan-rekry-oy", "status": "proposed"}]}
                for c in HOME
            ],
        }
    ],
    "last_week": [
        row("c-tampere", "pirkan-rekry-oy", "Haastattelussa jännitti kovasti, ei sopinut tiimiin."),
        row("c-vaasa-own", "vaasa-tyollisyys", "Muuttaa Tampereelle."),
    ],
    "follow_ups": [row("c-tampere", "tampere-tyollisyys", "Soita perjantaina.")],
    "totals": {"open_follow_ups": 1},
    "paths": {"followed": 1, "rows": [{"candidate_id": "c-path-only", "reason": "step_overdue"}]},
}


def ids(content):
    return [c["candidate_id"] for v in content["vacancies"] for c in v["candidates"]]


def test_the_regions_employment_services_see_its_residents_with_every_organisations_comments():
    mine = visible_content(CONTENT, *seen_by("tampere-tyollisyys"))
    assert ids(mine) == ["c-tampere", "c-vaasa-own"]  # residents of Pirkanmaa, whoever owns them
    assert [r["comment"] for r in mine["last_week"]] == [r["comment"] for r in CONTENT["last_week"]]
    assert mine["follow_ups"] == CONTENT["follow_ups"]
    assert mine["paths"]["rows"] == CONTENT["paths"]["rows"]  # the region's jobseekers on a path


def test_another_regions_employment_services_see_no_jobseeker_and_no_comment_they_may_not_see():
    theirs = visible_content(CONTENT, *seen_by("vaasa-tyollisyys"))
    assert ids(theirs) == ["c-vaasa-own", "c-vaasa-home"]
    assert "c-tampere" not in str(theirs) and "jännitti" not in str(theirs)
    assert [r["candidate_id"] for r in theirs["last_week"]] == ["c-vaasa-own"]


def test_a_partner_sees_its_consenting_candidates_and_its_own_comments_only_and_the_operator_all():
    agency = visible_content(CONTENT, *seen_by("pirkan-rekry-oy"))
    assert ids(agency) == ["c-tampere"]
    # the tile counts what this viewer is shown, rows and people (outside tester 18, P18)
    assert (agency["totals"]["candidates_shown"], agency["totals"]["people_shown"]) == (1, 1)
    assert [r["recorded_by_org"] for r in agency["last_week"]] == ["pirkan-rekry-oy"]
    assert agency["follow_ups"] == [] and agency["paths"]["rows"] == []
    assert visible_content(CONTENT, *seen_by("kohtaanto")) == CONTENT


@dataclass(frozen=True)
class Outcome:
    candidate_id: str
    recorded_by_org: str


def test_the_outcomes_list_follows_the_same_rule():
    outcomes = [
        Outcome("c-tampere", "pirkan-rekry-oy"),
        Outcome("c-vaasa-own", "vaasa-tyollisyys"),
        Outcome("c-vaasa-home", "agency-c"),
        Outcome("c-gone", "tampere-tyollisyys"),  # no longer indexed: nobody but the operator
    ]
    assert visible_outcomes(outcomes, *seen_by("vaasa-tyollisyys")) == outcomes[1:3]
    assert visible_outcomes(outcomes, *seen_by("tampere-tyollisyys")) == outcomes[:2]
    assert visible_outcomes(outcomes, *seen_by("pirkan-rekry-oy")) == outcomes[:1]
    assert visible_outcomes(outcomes, *seen_by("kohtaanto")) == outcomes


def split_hire(org="pirkan-rekry-oy"):
    """A last-week section as meetings stored before 2026-12-05 held an agency's hire: a row of its
    own beside the agency's row of its proposal and interview (outside tester 35, F4)."""
    step = {"vacancy_id": "v-weld", "candidate_id": "c-tampere", "recorded_by_org": org, "reason": None}
    return [
        {
            **step,
            "status": "interviewed",
            "comment": "",
            "occurred_on": "2026-11-26",
            "history": ["proposed", "interviewed"],
            "week_steps": [{"status": "proposed", "org": org}, {"status": "interviewed", "org": org}],
        },
        {
            **step,
            "status": "hired",
            "comment": "Aloittaa kuun alussa.",
            "occurred_on": "2026-11-27",
            "history": ["hired"],
            "week_steps": [{"status": "hired", "org": org}],
        },
    ]


def test_a_stored_meeting_that_split_an_agencys_hire_off_lists_the_candidate_once_at_hired_for_everyone():
    stored = {**CONTENT, "last_week": split_hire()}
    for org in ("pirkan-rekry-oy", "tampere-tyollisyys", "kohtaanto"):
        shown = visible_content(stored, *seen_by(org))
        (row,) = shown["last_week"]
        assert (row["status"], row["comment"]) == ("hired", "Aloittaa kuun alussa."), org
        assert row["history"] == ["proposed", "interviewed", "hired"], org
        assert [s["status"] for s in row["week_steps"]] == ["proposed", "interviewed", "hired"], org
        assert (shown["totals"].get("proposed_last_week"), shown["totals"].get("hired_last_week")) in (
            (1, 1),
            (None, None),
        ), org
    assert len(stored["last_week"]) == 2, "the stored content is not changed"
