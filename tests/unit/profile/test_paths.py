"""The service-path rules: handovers, and who must act so that nobody falls off the path."""

from datetime import UTC, date, datetime

import pytest

from services.kernel.calendar import FinnishWorkingDays
from services.profile.paths.domain import (
    CloseReason,
    EndReason,
    HandoverState,
    InvalidPathError,
    NewStep,
    PathConflictError,
    PathGroup,
    Reason,
    StepKind,
    StepState,
    attention,
    open_path,
    sight,
    watch_payload,
)

CAL = FinnishWorkingDays()
MON = datetime(2026, 11, 30, 9, tzinfo=UTC)  # Monday of ISO week 49


def at(day: date, hour: int = 9) -> datetime:
    return datetime(day.year, day.month, day.day, hour, tzinfo=UTC)


def coaching_path(now=MON):
    path = open_path(
        "p1", "c-1", "tampere-tyollisyys", "coach@tampere", PathGroup.YOUNG_PEOPLE, False, "pirkanmaa", now
    )
    return path.add_step(
        "s1",
        NewStep(
            StepKind.COACHING, "tampere-tyollisyys", date(2026, 11, 2), date(2026, 12, 18), "coach@tampere"
        ),
        now,
    )


def hand_over(path, now=MON, **kw):
    args = dict(
        consent=True,
        shared={"name", "skills"},
        purpose="",
        note="Motivated; wants welding.",
        sent_by="coach@tampere",
        now=now,
        calendar=CAL,
        acknowledge_within=3,
        by_owner=True,
    )
    args.update(kw)
    to = NewStep(StepKind.TRAINING, "tredu", date(2026, 12, 7), date(2027, 3, 31))
    return path.send_handover("h1", "s2", "s1", to, **args)


def test_finnish_working_days_skip_weekends_and_public_holidays():
    assert CAL.add(date(2026, 11, 30), 3) == date(2026, 12, 3)
    # Friday 4.12. + 3: Independence Day (Sun 6.12.) changes nothing; Mon, Tue, Wed
    assert CAL.add(date(2026, 12, 4), 3) == date(2026, 12, 9)
    # Christmas Eve, Christmas Day and Boxing Day are off: Wed 23.12. + 1 is Mon 28.12.
    assert CAL.add(date(2026, 12, 23), 1) == date(2026, 12, 28)
    # Midsummer Eve 2026 is Friday 19.6.
    assert CAL.add(date(2026, 6, 18), 1) == date(2026, 6, 22)
    # Easter 2027: Good Friday 26.3., Easter Monday 29.3.
    assert CAL.add(date(2027, 3, 25), 1) == date(2027, 3, 30)
    assert CAL.add(date(2026, 12, 6), 0) == date(2026, 12, 7)
    assert CAL.between(date(2026, 12, 23), date(2026, 12, 31)) == 4


def test_an_active_step_on_time_needs_no_attention_and_an_overdue_one_does():
    path = coaching_path()
    assert path.attention(date(2026, 12, 18)) == []
    [late] = path.attention(date(2026, 12, 19))
    assert (late.reason, late.org, late.person, late.ref) == (
        Reason.STEP_OVERDUE,
        "tampere-tyollisyys",
        "coach@tampere",
        "s1",
    )


def test_a_path_with_no_open_step_needs_its_coach_from_the_day_the_last_step_ended():
    path = coaching_path().end_step("s1", date(2026, 11, 27), EndReason.INTERRUPTED, MON)
    [gap] = path.attention(date(2026, 11, 30))
    assert gap.reason is Reason.NO_ACTIVE_STEP and gap.from_day == date(2026, 11, 27)
    assert (gap.org, gap.person) == ("tampere-tyollisyys", "coach@tampere")
    fresh = open_path("p2", "c-2", "o", "coach@o", PathGroup.IMMIGRANTS, False, "", MON)
    assert [w.reason for w in fresh.attention(MON.date())] == [Reason.NO_ACTIVE_STEP]


def test_an_upcoming_step_keeps_the_jobseeker_on_the_path():
    path = coaching_path().end_step("s1", date(2026, 11, 27), EndReason.COMPLETED, MON)
    path = path.add_step(
        "s3", NewStep(StepKind.WORK_TRIAL, "konepaja-oy", date(2027, 1, 11), date(2027, 2, 28)), MON
    )
    assert path.attention(date(2026, 12, 15)) == []
    assert [w.reason for w in path.attention(date(2027, 3, 1))] == [Reason.STEP_OVERDUE]


def test_a_handover_not_acknowledged_within_three_working_days_needs_the_receiver():
    path = hand_over(coaching_path())
    [h] = path.handovers
    assert h.acknowledge_by == date(2026, 12, 3) and h.state is HandoverState.PENDING
    assert path.step("s1").state is StepState.OPEN  # the sender stays responsible meanwhile
    assert path.attention(date(2026, 12, 3)) == []
    [late] = path.attention(date(2026, 12, 4))
    assert (late.reason, late.org, late.ref) == (Reason.HANDOVER_UNACKNOWLEDGED, "tredu", "h1")


def test_acknowledging_hands_responsibility_over():
    path = hand_over(coaching_path()).acknowledge("h1", "opettaja@tredu", at(date(2026, 12, 2)))
    assert path.handover("h1").state is HandoverState.ACKNOWLEDGED
    sent, received = path.step("s1"), path.step("s2")
    assert (sent.state, sent.ended_on, sent.end_reason) == (
        StepState.ENDED,
        date(2026, 12, 2),
        EndReason.HANDED_OVER,
    )
    assert (received.state, received.person) == (StepState.OPEN, "opettaja@tredu")
    assert path.attention(date(2027, 3, 31)) == []
    assert [w.org for w in path.attention(date(2027, 4, 1))] == ["tredu"]


def test_a_declined_handover_leaves_the_sending_step_open():
    path = hand_over(coaching_path()).decline("h1", "opettaja@tredu", "Course full", at(date(2026, 12, 1)))
    assert path.step("s2").state is StepState.CANCELLED and path.step("s1").state is StepState.OPEN
    assert path.attention(date(2026, 12, 10)) == []
    with pytest.raises(PathConflictError):
        path.acknowledge("h1", "x", MON)


@pytest.mark.parametrize(
    ("kw", "field"),
    [
        ({"consent": False}, "consent"),
        ({"shared": {"name", "work_ability"}}, "purpose"),
        ({"shared": {"passport"}}, "shared"),
    ],
)
def test_a_handover_shares_nothing_without_consent_and_special_categories_only_with_a_purpose(kw, field):
    with pytest.raises(InvalidPathError) as err:
        hand_over(coaching_path(), **kw)
    assert field in err.value.errors


def test_a_handover_without_consent_may_still_pass_the_step_on_pseudonymously():
    path = hand_over(coaching_path(), consent=False, shared=set())
    assert path.handover("h1").shared == frozenset()


def test_a_handover_goes_to_another_organisation_and_one_at_a_time():
    path = coaching_path()
    with pytest.raises(InvalidPathError) as err:
        path.send_handover(
            "h",
            "s",
            "s1",
            NewStep(StepKind.TRAINING, "tampere-tyollisyys", MON.date(), MON.date()),
            consent=False,
            shared=(),
            purpose="",
            note="",
            sent_by="x",
            now=MON,
            calendar=CAL,
            acknowledge_within=3,
            by_owner=True,
        )
    assert "to.org" in err.value.errors
    with pytest.raises(InvalidPathError) as err:
        hand_over(hand_over(coaching_path()))
    assert "from_step" in err.value.errors


def test_closing_a_path_ends_its_steps_and_clears_every_watch_point():
    path = hand_over(coaching_path()).close(date(2026, 12, 1), CloseReason.EMPLOYED, at(date(2026, 12, 1)))
    assert path.watch_points() == [] and path.attention(date(2027, 6, 1)) == []
    assert path.step("s1").end_reason is EndReason.EMPLOYED and path.step("s2").state is StepState.CANCELLED
    with pytest.raises(PathConflictError):
        path.add_step("s9", NewStep(StepKind.COACHING, "o", MON.date(), MON.date()), MON)


def test_the_published_watch_points_carry_no_special_category_data_and_give_the_same_answer():
    path = hand_over(coaching_path(), shared={"work_ability"}, purpose="Needs an adapted workstation")
    payload = watch_payload(path)
    text = str(payload)
    for secret in (
        "young_people",
        "work_ability",
        "coaching",
        "training",
        "coach@tampere",
        "Motivated",
        "adapted",
    ):
        assert secret not in text
    from services.profile.paths.domain import Watch

    copy = [
        Watch(Reason(w["reason"]), date.fromisoformat(w["from"]), w["org"], None, w["ref"])
        for w in payload["watch"]
    ]
    for day in (date(2026, 12, 3), date(2026, 12, 4), date(2026, 12, 19)):
        assert [(w.reason, w.ref) for w in attention(copy, day)] == [
            (w.reason, w.ref) for w in path.attention(day)
        ]


def test_a_step_ends_today_at_the_latest_and_not_before_it_starts():
    path = coaching_path()
    with pytest.raises(InvalidPathError):
        path.end_step("s1", date(2026, 12, 5), EndReason.COMPLETED, MON)
    with pytest.raises(InvalidPathError):
        path.end_step("s1", date(2026, 10, 1), EndReason.COMPLETED, MON)


def test_a_path_closes_neither_before_it_was_opened_nor_in_the_future_nor_before_its_steps():
    """Outside tester 8, J12: a path opened 2026-12-01 was closed on 2020-01-01 (200), its future work
    trial then "ended" after the close."""
    path = coaching_path()  # opened 2026-11-30, step s1 from 2026-11-02
    for on in (date(2020, 1, 1), date(2026, 11, 29), date(2026, 12, 1)):
        with pytest.raises(InvalidPathError) as err:
            path.close(on, CloseReason.EMPLOYED, MON)
        assert list(err.value.errors) == ["closed_on"]
    later = at(date(2026, 12, 10))
    ended = path.end_step("s1", date(2026, 12, 9), EndReason.COMPLETED, later)
    with pytest.raises(InvalidPathError):
        ended.close(date(2026, 12, 8), CloseReason.MOVED, later)  # before the step it ends ended
    assert ended.close(date(2026, 12, 9), CloseReason.MOVED, later).closed_on == date(2026, 12, 9)
    assert path.closable_from(MON.date()) == date(2026, 11, 30)


def test_at_close_a_begun_step_ends_that_day_and_one_that_has_not_begun_is_cancelled():
    future = NewStep(StepKind.WORK_TRIAL, "tampere-tyollisyys", date(2026, 12, 7), date(2027, 1, 29))
    path = coaching_path().add_step("s3", future, MON)
    closed = path.close(date(2026, 12, 1), CloseReason.EMPLOYED, at(date(2026, 12, 1)))
    assert (closed.step("s1").state, closed.step("s1").ended_on) == (StepState.ENDED, date(2026, 12, 1))
    assert closed.step("s3").state is StepState.CANCELLED and closed.step("s3").ended_on is None
    for s in closed.steps:
        assert s.ended_on is None or s.ended_on <= closed.closed_on


def test_a_hire_reported_before_the_path_was_opened_closes_it_on_the_first_day_the_rules_allow():
    path = coaching_path()
    closed = path.close(date(2026, 1, 5), CloseReason.EMPLOYED, MON, clamp=True)
    assert closed.closed_on == MON.date() and closed.step("s1").ended_on == MON.date()


def test_a_step_has_begun_from_its_start_day_when_open_or_once_ended():
    """Outside tester 8, J8: only a step that has begun is rated."""
    path = hand_over(coaching_path())
    assert path.step("s1").has_begun(MON.date())
    assert not path.step("s2").has_begun(date(2027, 1, 1)), "pending"
    path = path.acknowledge("h1", "teacher@tredu", MON)
    assert not path.step("s2").has_begun(date(2026, 12, 6)) and path.step("s2").has_begun(date(2026, 12, 7))
    assert path.step("s1").has_begun(date(2020, 1, 1)), "ended"


def test_another_organisation_sees_only_its_part_of_the_path_and_special_categories_only_as_shared():
    """Outside tester 27, T27-10: the step organisation's answer was the owner's whole path."""
    onward = NewStep(StepKind.WORK_TRIAL, "agency-b", date(2026, 12, 8), date(2027, 1, 31))
    path = hand_over(coaching_path(), consent=False, shared=set())
    path = path.acknowledge("h1", "teacher@tredu", MON)
    path = path.send_handover(
        "h2", "s3", "s2", onward, consent=False, shared=(), purpose="", note="", sent_by="teacher@tredu",
        now=MON, calendar=CAL, acknowledge_within=3, by_owner=False,
    )  # fmt: skip
    school = sight(path, "tredu", owner=False)
    assert (school.whole, school.group, school.partial_work_ability, school.coach) == (
        False,
        None,
        None,
        None,
    )
    assert [h.id for h in school.handovers] == ["h1", "h2"] and {s.id for s in school.steps} == {
        "s1",
        "s2",
        "s3",
    }
    agency = sight(path, "agency-b", owner=False)
    assert [h.id for h in agency.handovers] == ["h2"] and {s.id for s in agency.steps} == {"s2", "s3"}
    assert {w.org for w in agency.watch} == {"agency-b"} and not agency.special_category
    owner = sight(path, "tampere-tyollisyys", owner=True, profile_id="asiakas-1")
    assert owner.whole and owner.group is PathGroup.YOUNG_PEOPLE and owner.profile_id == "asiakas-1"
    assert len(owner.steps) == 3


def test_a_receiver_sees_the_target_group_only_while_the_path_is_open_and_the_handover_shared_it():
    path = hand_over(coaching_path(), shared={"target_group"}, purpose="Nuorten palvelut.")
    assert sight(path, "tredu", owner=False).group is PathGroup.YOUNG_PEOPLE
    assert sight(path, "tredu", owner=False).partial_work_ability is None
    declined = path.decline("h1", "teacher@tredu", "full", MON)
    assert sight(declined, "tredu", owner=False).group is None
    closed = path.close(date(2026, 12, 1), CloseReason.MOVED, at(date(2026, 12, 1)))
    assert sight(closed, "tredu", owner=False).group is None
