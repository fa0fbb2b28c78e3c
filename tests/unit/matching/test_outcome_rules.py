"""Whose outcome holds for whom (``team.outcomes``): the employer and employment services speak for
the vacancy, a partner agency for itself, a hire for everyone; an agency reports a hire only for a
candidate it proposed for that vacancy."""

from datetime import UTC, date, datetime

from services.matching.team.outcomes import (
    Outcome,
    Reason,
    Status,
    agency_may_report_hire,
    allowed_after_close,
    settled_candidates,
)

EMPLOYER, CITY = "konepaja-oy", "tampere-tyollisyys"


def speaks_for(org: str) -> bool:
    return org in (EMPLOYER, CITY)


def outcome(n: int, cid: str, status: str, org: str, vid: str = "v-1") -> Outcome:
    return Outcome(
        f"o{n}",
        vid,
        cid,
        Status(status),
        Reason.OTHER if status == "not_hired" else None,
        "",
        None,
        date(2026, 11, 20),
        f"someone@{org}",
        org,
        datetime(2026, 11, 20, 10, n, tzinfo=UTC),
        "pirkanmaa",
        "Hitsaaja",
    )


def test_an_agency_s_rejection_settles_the_candidate_for_that_agency_only():
    rows = [outcome(1, "c-1", "interviewed", "agency-a"), outcome(2, "c-1", "not_hired", "agency-b")]
    assert settled_candidates(rows, "agency-b", speaks_for) == {"c-1"}
    assert settled_candidates(rows, "agency-a", speaks_for) == set()
    assert settled_candidates(rows, CITY, speaks_for) == set()
    assert settled_candidates(rows, None, speaks_for) == set(), "the team's meeting"


def test_the_employer_and_employment_services_speak_for_the_vacancy_and_a_hire_holds_for_everyone():
    rejected = [outcome(1, "c-1", "proposed", "agency-a"), outcome(2, "c-1", "not_hired", EMPLOYER)]
    assert all(settled_candidates(rejected, v, speaks_for) == {"c-1"} for v in ("agency-a", "agency-b", None))
    hired = [outcome(1, "c-2", "proposed", "agency-a"), outcome(2, "c-2", "hired", "agency-a")]
    assert all(settled_candidates(hired, v, speaks_for) == {"c-2"} for v in ("agency-a", "agency-b", None))
    corrected = [*hired, outcome(3, "c-2", "interviewed", CITY)]
    assert settled_candidates(corrected, "agency-b", speaks_for) == set(), "the coach's correction"


def test_an_agency_reports_a_hire_only_after_proposing_the_candidate_for_the_vacancy():
    assert not agency_may_report_hire([], "agency-a")
    assert not agency_may_report_hire([outcome(1, "c-1", "proposed", "agency-b")], "agency-a")
    assert not agency_may_report_hire([outcome(1, "c-1", "not_hired", "agency-a")], "agency-a")
    for status in ("proposed", "contacted", "interviewed"):
        assert agency_may_report_hire([outcome(1, "c-1", status, "agency-a")], "agency-a")


def test_a_closed_vacancy_takes_final_outcomes_and_steps_from_before_it_closed_only():
    """Outside tester 16, P4: a proposal for a filled vacancy was accepted."""
    closed_on, before = date(2026, 12, 3), date(2026, 12, 2)
    for status in (Status.PROPOSED, Status.CONTACTED, Status.INTERVIEWED):
        assert not allowed_after_close(status, closed_on, closed_on)
        assert allowed_after_close(status, before, closed_on), "a step recorded late"
    for status in (Status.HIRED, Status.NOT_HIRED):
        assert allowed_after_close(status, closed_on, closed_on)
