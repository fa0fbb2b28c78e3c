"""Satisfaction figures: by week and organisation, small groups hidden."""

from services.matching.team.satisfaction import RatingFact, satisfaction

WEEKS = ["2026-W47", "2026-W48"]


def fact(i, week="2026-W48", org="agency-a", rater="jobseeker", score=4, kind="referral"):
    return RatingFact(f"r{i}", "pirkanmaa", org, kind, rater, score, week)


def test_figures_by_week_and_organisation_hide_the_mean_of_fewer_than_five():
    facts = [fact(i, score=s) for i, s in enumerate([5, 4, 4, 3, 5, 2])]
    facts += [fact(10 + i, org="agency-b", rater="employer") for i in range(3)]
    facts += [fact(20, week="2026-W40")]  # outside the weeks asked for
    s = satisfaction(facts, WEEKS)
    weeks = {f.key: f for f in s.weeks}
    assert weeks["2026-W47"].count == 0 and not weeks["2026-W47"].suppressed
    assert weeks["2026-W48"].count == 9 and weeks["2026-W48"].mean == round(35 / 9, 2)
    orgs = {f.key: f for f in s.by_org}
    assert orgs["agency-a"].mean == 3.83 and orgs["agency-a"].distribution == [0, 1, 1, 2, 2]
    assert orgs["agency-b"].count == 3 and orgs["agency-b"].mean is None and orgs["agency-b"].suppressed
    assert orgs["agency-b"].distribution is None
    raters = {f.key: f for f in s.by_rater}
    assert raters["employer"].suppressed and raters["jobseeker"].count == 6
    assert s.total.count == 9
