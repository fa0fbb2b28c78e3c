"""Satisfaction figures: by week and organisation, small groups hidden."""

from services.matching.team.satisfaction import RatingFact, satisfaction

WEEKS = ["2026-W47", "2026-W48"]


def fact(i, week="2026-W48", org="agency-a", rater="jobseeker", score=4, kind="referral"):
    return RatingFact(f"r{i}", "pirkanmaa", org, kind, rater, score, week)


def test_figures_by_week_and_organisation_hide_the_mean_of_fewer_than_five():
    facts = [fact(i, score=s) for i, s in enumerate([5, 4, 4, 3, 5, 2])]
    facts += [fact(10 + i, org="agency-b", rater="employer") for i in range(3)]
    facts += [fact(30 + i, org="agency-c", score=5) for i in range(5)]
    facts += [fact(20, week="2026-W40")]  # outside the weeks asked for
    s = satisfaction(facts, WEEKS)
    weeks = {f.key: f for f in s.weeks}
    assert weeks["2026-W47"].count == 0 and not weeks["2026-W47"].suppressed
    assert weeks["2026-W48"].count == 14 and weeks["2026-W48"].mean == round(60 / 14, 2)
    orgs = {f.key: f for f in s.by_org}
    assert orgs["agency-a"].mean == 3.83 and orgs["agency-a"].distribution == [0, 1, 1, 2, 2]
    assert orgs["agency-b"].count == 3 and orgs["agency-b"].mean is None and orgs["agency-b"].suppressed
    assert orgs["agency-b"].distribution is None
    # with the total shown, agency-b's 3 would be total − a − c: c (the smallest shown) is hidden too
    assert orgs["agency-c"].suppressed
    raters = {f.key: f for f in s.by_rater}
    assert (
        raters["employer"].suppressed and raters["jobseeker"].count == 11 and raters["jobseeker"].suppressed
    )
    assert s.total.count == 14 and s.total.distribution == [0, 1, 1, 5, 7]


def test_a_lone_small_organisation_cannot_be_read_off_as_the_total_minus_the_others():
    """An outside tester: one jobseeker's 1/5 for an agency was the total minus the other agencies."""
    facts = [fact(i, org="agency-a", score=5) for i in range(8)]
    facts += [fact(10 + i, org="agency-b", score=4) for i in range(6)]
    facts += [fact(20, org="agency-c", score=1)]
    s = satisfaction(facts, WEEKS)
    shown = [f for f in s.by_org if not f.suppressed and f.count]
    hidden = [f for f in s.by_org if f.suppressed]
    if s.total.distribution is not None:
        assert sum(f.count for f in hidden) >= 5  # what the difference gives away is 5 ratings or more
    assert {f.key for f in hidden} == {"agency-b", "agency-c"} and [f.key for f in shown] == ["agency-a"]
