"""The weekly meeting's content for a fixed data set: vacancies, candidates, changes, outcomes."""

from dataclasses import replace
from datetime import UTC, date, datetime

import pytest

from services.matching.team.meeting import (
    AgencyStatus,
    CandidateFacts,
    IsoWeek,
    MeetingContent,
    MeetingFacts,
    SkillRef,
    VacancyFacts,
    build_meeting,
    meeting_day,
)
from services.matching.team.outcomes import FollowUp, Outcome, Reason, Status

WEEK = IsoWeek(2026, 48)  # Monday 23 November 2026
TODAY = date(2026, 11, 24)
AS_OF = datetime(2026, 11, 24, 8, 0, tzinfo=UTC)
A, B, C = (SkillRef(f"skill:{x}", f"taito {x}") for x in "abc")


def vacancy(
    vid, title, *, level="shortage", status="open", reason=None, deadline=date(2026, 12, 10), openings=1
):
    return VacancyFacts(
        vid,
        title,
        "hyvinvointialue",
        "sairaanhoitaja",
        "Tampere",
        openings,
        deadline,
        status,
        reason,
        level,
        "2026H2" if level else None,
        "barometer" if level else None,
    )


def candidate(cid, rank, *missing):
    """A candidate for a vacancy asking ten essential skills, lacking ``missing``."""
    return CandidateFacts(
        cid,
        rank,
        1 - rank / 10,
        (SkillRef("skill:x", "taito x"),),
        tuple(missing),
        12.0,
        date(2026, 11, 1),
        10,
    )


def outcome(oid, vid, cid, status, on, *, reason=None, follow_up=None, recorded=None, title=None):
    at = recorded or datetime.combine(on, datetime.min.time(), UTC).replace(hour=12)
    return Outcome(
        oid,
        vid,
        cid,
        Status(status),
        Reason(reason) if reason else None,
        f"note {oid}",
        follow_up,
        on,
        "rekrytoija@agency-a",
        "agency-a",
        at,
        "pirkanmaa",
        title or {"v-nurse": "Sairaanhoitaja", "v-cook": "Kokki"}.get(vid, vid),
    )


VACANCIES = [
    vacancy("v-nurse", "Sairaanhoitaja", openings=2),
    vacancy("v-lahi", "Lähihoitaja", level="severe_shortage", deadline=date(2026, 12, 20), openings=3),
    vacancy("v-weld", "Hitsaaja", level=None),
    vacancy("v-cook", "Kokki", status="closed", reason="filled"),
    vacancy("v-old", "Vanha", level=None),
]
SHORTLISTS = {
    "v-nurse": [candidate("c-1", 1, A), candidate("c-2", 2, A, B), candidate("c-3", 3)],
    "v-lahi": [candidate("c-4", 1, A), candidate("c-5", 2, C)],
}
OUTCOMES = [
    outcome("o1", "v-nurse", "c-1", "proposed", date(2026, 11, 17)),
    outcome(
        "o2",
        "v-nurse",
        "c-1",
        "interviewed",
        date(2026, 11, 19),
        follow_up=FollowUp("Kerro tulos valmentajalle", "rekrytoija@agency-a", date(2026, 11, 20)),
    ),
    outcome("o3", "v-cook", "c-7", "hired", date(2026, 11, 18)),
    outcome(
        "o4",
        "v-nurse",
        "c-8",
        "not_hired",
        date(2026, 11, 20),
        reason="language",
        follow_up=FollowUp("Suomen kielen kurssi B1", "valmentaja@tampere", date(2026, 12, 15)),
    ),
    outcome("o5", "v-lahi", "c-4", "proposed", date(2026, 11, 10)),
    outcome(
        "o6",
        "v-lahi",
        "c-5",
        "proposed",
        date(2026, 11, 24),
        recorded=datetime(2026, 11, 24, 9, 0, tzinfo=UTC),
    ),
    outcome(
        "o7",
        "v-nurse",
        "c-2",
        "proposed",
        date(2026, 11, 12),
        follow_up=FollowUp("Soita ehdokkaalle", "valmentaja@tampere", date(2026, 11, 14)),
    ),
    outcome("o8", "v-nurse", "c-2", "contacted", date(2026, 11, 14)),
]


def previous_meeting():
    facts = MeetingFacts(
        "pirkanmaa",
        "Pirkanmaa",
        WEEK.previous(),
        date(2026, 11, 16),
        datetime(2026, 11, 16, 8, tzinfo=UTC),
        "valmentaja@tampere",
        [
            vacancy("v-nurse", "Sairaanhoitaja"),
            vacancy("v-cook", "Kokki"),
            vacancy("v-old", "Vanha"),
            vacancy("v-removed", "Poistettu"),
        ],
        {"v-nurse": [candidate("c-1", 1), candidate("c-9", 2)]},
        [],
    )
    return build_meeting(facts)


def week_facts(outcomes=OUTCOMES, previous=None, **more):
    """This week's facts: the fixed vacancies and shortlists, with ``outcomes``."""
    return MeetingFacts(
        "pirkanmaa",
        "Pirkanmaa",
        WEEK,
        TODAY,
        AS_OF,
        "valmentaja@tampere",
        VACANCIES,
        SHORTLISTS,
        outcomes,
        previous,
        **more,
    )


def region_facts(vacancies, shortlists):
    """Pirkanmaa's week 48 with these vacancies and shortlists, no outcomes and no earlier meeting."""
    return MeetingFacts(
        "pirkanmaa", "Pirkanmaa", WEEK, TODAY, AS_OF, "valmentaja@tampere", vacancies, shortlists, []
    )


def meeting(previous=None):
    return build_meeting(week_facts(previous=previous, count_cap=3))


@pytest.fixture(scope="module")
def content():
    return meeting(previous_meeting())


def test_only_open_shortage_vacancies_are_on_the_agenda_most_severe_first(content):
    assert [v.vacancy_id for v in content.vacancies] == ["v-lahi", "v-nurse"]
    assert content.vacancies[0].shortage_level == "severe_shortage"
    assert [(v.candidate_count, v.qualified_count, v.count_capped) for v in content.vacancies] == [
        (2, 0, False),
        (3, 1, True),
    ]


def test_each_vacancy_lists_its_top_candidates_with_reasons_and_current_status(content):
    nurse = content.vacancies[1]
    assert [(c.rank, c.candidate_id, c.status) for c in nurse.candidates] == [
        (1, "c-1", "interviewed"),
        (2, "c-2", "contacted"),
        (3, "c-3", None),
    ]
    assert nurse.candidates[1].missing == [A, B]
    assert nurse.candidates[0].matched == [SkillRef("skill:x", "taito x")]
    assert content.vacancies[0].candidates[0].status == "proposed"
    assert content.vacancies[0].candidates[1].status is None, "recorded after the meeting was prepared"


def test_what_changed_compares_with_the_previous_weeks_stored_meeting(content):
    changes = content.changes
    assert changes.previous_week == "2026-W47"
    assert [v.vacancy_id for v in changes.new_vacancies] == ["v-lahi"]
    assert [(n.vacancy_id, n.candidate_id, n.rank) for n in changes.new_candidates] == [
        ("v-nurse", "c-2", 2),
        ("v-nurse", "c-3", 3),
    ]
    assert [(v.vacancy_id, v.why) for v in changes.gone_vacancies] == [
        ("v-cook", "filled"),
        ("v-removed", "removed"),
        ("v-old", "no_longer_shortage"),
    ]
    assert content.vacancies[0].new and not content.vacancies[1].new


def test_without_an_earlier_meeting_nothing_is_called_new():
    content = meeting(None)
    assert content.changes.previous_week is None
    assert not content.changes.new_vacancies and not content.changes.gone_vacancies
    assert not any(v.new or any(c.new_in_top for c in v.candidates) for v in content.vacancies)


def test_last_weeks_proposals_show_their_latest_outcome_and_history(content):
    rows = [(r.vacancy_id, r.candidate_id, r.status, r.reason, r.history) for r in content.last_week]
    assert rows == [
        ("v-cook", "c-7", "hired", None, ["hired"]),
        ("v-nurse", "c-1", "interviewed", None, ["proposed", "interviewed"]),
        ("v-nurse", "c-8", "not_hired", "language", ["not_hired"]),
    ]
    assert content.last_week[1].comment == "note o2"


def test_open_follow_ups_name_their_owner_and_overdue_ones_are_marked(content):
    rows = [(f.candidate_id, f.owner, f.due, f.overdue) for f in content.follow_ups]
    assert rows == [
        ("c-1", "rekrytoija@agency-a", date(2026, 11, 20), True),
        ("c-8", "valmentaja@tampere", date(2026, 12, 15), False),
    ], "the follow-up on c-2 was closed by the later 'contacted' outcome"


def test_missing_skills_are_counted_over_the_top_candidates_of_every_vacancy(content):
    counts = [(m.uri, m.candidates, m.vacancies) for m in content.missing_skills]
    assert counts == [("skill:a", 3, 2), ("skill:b", 1, 1), ("skill:c", 1, 1)]


def test_totals_summarise_the_agenda(content):
    t = content.totals
    assert (t.vacancies, t.openings, t.candidates_shown) == (2, 5, 5)
    ids = [c.candidate_id for v in content.vacancies for c in v.candidates]
    assert t.people_shown == len(set(ids))  # one person on two lists counts once (tester 18, P18)
    assert (t.proposed_last_week, t.hired_last_week, t.open_follow_ups) == (1, 1, 2)


def test_the_stored_snapshot_reads_back_unchanged(content):
    stored = content.to_dict()
    assert stored["week"] == "2026-W48" and stored["vacancies"][0]["application_deadline"] == "2026-12-20"
    assert MeetingContent.from_dict(stored) == content


def test_iso_weeks_parse_and_step():
    assert str(IsoWeek.parse("2026-W48")) == "2026-W48"
    assert IsoWeek.parse("2026-W01").previous() == IsoWeek(2025, 52)
    assert IsoWeek(2026, 53).next() == IsoWeek(2027, 1)
    # 9999-W52 once crashed the meeting page (its next week does not exist): years are 2000-2099
    for bad in ("2025-W53", "2026-48", "2026-W4", "26-W48", "2026-W00", "9999-W52", "1999-W10", "2100-W01"):
        with pytest.raises(ValueError):
            IsoWeek.parse(bad)


def test_candidates_are_ranked_for_today_in_the_current_week_and_for_the_monday_otherwise():
    assert meeting_day(WEEK, TODAY) == TODAY
    assert meeting_day(WEEK.next(), TODAY) == date(2026, 11, 30)
    assert meeting_day(WEEK.previous(), TODAY) == date(2026, 11, 16)


def test_only_the_top_candidates_are_shown_and_missing_skills_count_the_best_who_lack_something():
    ranked = [candidate(f"c-{i}", i) for i in range(1, 6)] + [
        candidate("c-6", 6, A, B),
        candidate("c-7", 7, A),
    ]
    content = build_meeting(
        region_facts([vacancy("v-nurse", "Sairaanhoitaja")], {"v-nurse": ranked}), top_k=3, gap_pool=1
    )
    nurse = content.vacancies[0]
    assert [c.candidate_id for c in nurse.candidates] == ["c-1", "c-2", "c-3"]
    assert (nurse.candidate_count, nurse.qualified_count) == (7, 5)
    assert [(m.uri, m.candidates) for m in content.missing_skills] == [("skill:a", 1), ("skill:b", 1)], (
        "only c-6, the best candidate short of a full match"
    )


def test_a_partner_agencys_own_outcome_is_shown_as_that_agencys_not_as_the_teams_status():
    """Tester 7's H16: pirkan-rekry-oy's own ``not_hired`` (reason language) showed in the team's
    status column as "not hired", without whose decision it was; it holds for that agency only."""
    outcomes = [
        replace(
            outcome("e1", "v-nurse", "c-1", "interviewed", date(2026, 11, 19)), recorded_by_org="employer"
        ),
        outcome("a1", "v-nurse", "c-1", "proposed", date(2026, 11, 20)),
        outcome("a2", "v-nurse", "c-1", "not_hired", date(2026, 11, 21), reason="language"),
        replace(outcome("b1", "v-nurse", "c-2", "proposed", date(2026, 11, 22)), recorded_by_org="agency-b"),
    ]
    content = build_meeting(week_facts(outcomes, agencies_own=frozenset({"a1", "a2", "b1"})))
    nurse = content.vacancies[1]
    first, second, third = nurse.candidates
    assert first.status == "interviewed", "the employer's outcome is the team's status"
    assert first.agencies == [AgencyStatus("agency-a", "not_hired")]
    assert second.status is None and second.agencies == [AgencyStatus("agency-b", "proposed")]
    assert third.agencies == []
    assert MeetingContent.from_dict(content.to_dict()) == content, "the stored snapshot reads back"


def test_a_vacancy_naming_no_essential_skill_has_nobody_counted_as_fully_qualified():
    # outside tester 12, N12: a description-only vacancy (its recognised skills stay optional) showed
    # "156 fully qualified / 156 eligible": everyone "had every essential skill" of none
    ranked = [CandidateFacts(f"c-{i}", i, 1 - i / 10, (), (), 5.0, date(2026, 11, 1), 0) for i in range(1, 4)]
    facts = region_facts(
        [vacancy("v-text", "Varhaiskasvatuksen opettaja"), vacancy("v-nurse", "Sairaanhoitaja")],
        {"v-text": ranked, "v-nurse": [candidate("c-9", 1)]},
    )
    nurse, text = sorted(build_meeting(facts).vacancies, key=lambda v: v.vacancy_id)
    assert (text.vacancy_id, text.essential_count, text.names_essential_skills) == ("v-text", 0, False)
    assert (nurse.essential_count, nurse.names_essential_skills) == (10, True)
    stored = build_meeting(facts).to_dict()
    for row in stored["vacancies"]:
        row.pop("essential_count")  # a meeting stored before the count was kept
    assert all(v.names_essential_skills for v in MeetingContent.from_dict(stored).vacancies), (
        "shown as before"
    )


def test_a_partner_agencys_hire_ends_its_own_row_and_the_candidate_is_listed_once_at_hired():
    """Outside tester 35, F4: an agency's recruiter recorded proposed → interviewed → hired; the
    meeting listed the candidate twice, "interviewed" (the agency's own row) and "hired" (a hire
    holds for everyone, so it made a team row of its own). The agency's hire ends its own row."""
    outcomes = [
        outcome("a1", "v-nurse", "c-1", "proposed", date(2026, 11, 17)),
        outcome("a2", "v-nurse", "c-1", "interviewed", date(2026, 11, 19)),
        outcome("a3", "v-nurse", "c-1", "hired", date(2026, 11, 20)),
    ]
    # as the handler computes it: every outcome of the agency's but its hire
    content = build_meeting(week_facts(outcomes, agencies_own=frozenset({"a1", "a2"})))
    rows = [r for r in content.last_week if (r.vacancy_id, r.candidate_id) == ("v-nurse", "c-1")]
    assert len(rows) == 1, rows
    (row,) = rows
    assert (row.status, row.recorded_by_org) == ("hired", "agency-a")
    assert row.history == ["proposed", "interviewed", "hired"]
    assert [s.status for s in row.week_steps or ()] == ["proposed", "interviewed", "hired"]
    assert (content.totals.proposed_last_week, content.totals.hired_last_week) == (1, 1)


def test_an_agencys_hire_stays_out_of_the_teams_row_of_the_same_candidate():
    """The employer's own interview is the team's row; the agency's proposal and hire are the
    agency's row, one each, never the agency's hire as a third row or mixed into the team's."""
    outcomes = [
        replace(
            outcome("e1", "v-nurse", "c-1", "interviewed", date(2026, 11, 18)), recorded_by_org="employer"
        ),
        outcome("a1", "v-nurse", "c-1", "proposed", date(2026, 11, 17)),
        outcome("a2", "v-nurse", "c-1", "hired", date(2026, 11, 20)),
    ]
    content = build_meeting(week_facts(outcomes, agencies_own=frozenset({"a1"})))
    rows = {
        r.recorded_by_org: r.history
        for r in content.last_week
        if (r.vacancy_id, r.candidate_id) == ("v-nurse", "c-1")
    }
    assert rows == {"employer": ["interviewed"], "agency-a": ["proposed", "hired"]}
