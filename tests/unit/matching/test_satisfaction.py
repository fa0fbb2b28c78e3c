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


def test_two_periods_differing_by_one_rating_do_not_give_it_away():
    """An outside tester (F15 of the second test round): six weeks to W48 against six weeks to W49,
    or one week against two, differed by a single new rating, whose score was then 6 × mean₂ − 5 × mean₁."""
    facts = [fact(i, week="2026-W47", score=s) for i, s in enumerate([5, 5, 4, 4, 5])]
    facts.append(fact(9, week="2026-W48", score=1))  # the only rating of agency-a in W48
    one = {f.key: f for f in satisfaction(facts, ["2026-W47"]).by_org}["agency-a"]
    two = {f.key: f for f in satisfaction(facts, ["2026-W47", "2026-W48"]).by_org}["agency-a"]
    assert one.mean == 4.6 and one.count == 5 and not one.partial
    assert two.count == 6 and two.mean == one.mean and two.distribution == one.distribution
    assert two.counted == 5 and two.partial  # the page and API say what the mean covers
    totals = satisfaction(facts, ["2026-W47", "2026-W48"]).total
    assert totals.mean == 4.6 and totals.counted == 5


def test_figures_over_several_weeks_are_sums_of_what_each_week_showed():
    """The release rule behind the test above, over random ratings and every window of an 8-week
    span: a figure over several weeks is a function of the single weeks' shown figures, so no choice
    of periods can reveal what a week hid."""
    import random

    rnd = random.Random(7)
    weeks = [f"2026-W{n:02d}" for n in range(40, 48)]
    orgs = ["agency-a", "agency-b", "agency-c", "te-palvelut"]
    facts = [
        fact(
            i,
            week=rnd.choice(weeks),
            org=rnd.choice(orgs),
            rater=rnd.choice(["jobseeker", "employer"]),
            kind=rnd.choice(["referral", "path_step"]),
            score=rnd.randint(1, 5),
        )
        for i in range(160)
    ]
    single = {w: satisfaction(facts, [w]) for w in weeks}
    for start in range(len(weeks)):
        for end in range(start + 1, len(weeks) + 1):
            window = weeks[start:end]
            s = satisfaction(facts, window)
            for attr in ("by_org", "by_rater", "by_subject"):
                for f in getattr(s, attr):
                    parts = [
                        g.distribution
                        for w in window
                        for g in getattr(single[w], attr)
                        if g.key == f.key and g.distribution is not None
                    ]
                    expected = [sum(p[i] for p in parts) for i in range(5)] if parts else None
                    assert f.distribution == expected, (attr, f.key, window)
            shown_totals = [single[w].total.distribution for w in window]
            parts = [d for d in shown_totals if d is not None]
            assert s.total.distribution == ([sum(p[i] for p in parts) for i in range(5)] if parts else None)
            assert [f.distribution for f in s.weeks] == shown_totals


def test_an_open_week_shows_counts_only_until_it_has_ended():
    """Outside tester 5, F17: an agency read the open week's figures before and after one referral's
    rating and saw "one more rating, and it is a 1"."""
    facts = [fact(i, week="2026-W48", score=4) for i in range(6)]
    facts += [fact(10 + i, week="2026-W47", score=5) for i in range(5)]
    weeks = ["2026-W47", "2026-W48"]
    live = satisfaction(facts, weeks, open_from="2026-W48")
    assert [(w.count, w.mean) for w in live.weeks] == [(5, 5.0), (6, None)]
    assert [(f.count, f.mean) for f in live.by_org] == [(11, 5.0)]
    assert live.by_org[0].counted == 5  # the mean covers the ended week only
    ended = satisfaction(facts, weeks, open_from="2026-W49")
    assert [(w.count, w.mean) for w in ended.weeks] == [(5, 5.0), (6, 4.0)]
