"""Service-voucher pilots: eligibility, the voucher's life and results with small cells suppressed."""

from dataclasses import replace
from datetime import date

import pytest

from services.profile.paths.vouchers import (
    EligibilityRule,
    Facts,
    InvalidVoucherError,
    NotEligibleError,
    Pilot,
    Voucher,
    VoucherState,
    VoucherStateError,
    add_months,
    issue,
    months_between,
    results,
    suppress,
)

OVER_50 = EligibilityRule(
    min_age=50, min_education="bachelor", min_unemployed_months=3, max_unemployed_months=6
)
PILOT = Pilot(
    "yli50-2026",
    "Yli 50-vuotiaat korkeakoulutetut",
    OVER_50,
    4,
    ("provider-a", "provider-b", "provider-c"),
    date(2026, 9, 1),
    date(2027, 6, 30),
)
ISSUE = date(2026, 11, 30)


def facts(age=55, education="master", since=date(2026, 7, 15), on=ISSUE):
    return Facts(age, education, since, on)


def test_an_eligible_jobseeker_gets_a_voucher_valid_for_the_pilots_length():
    v = issue(
        "v1",
        PILOT,
        "c-1",
        "tampere-tyollisyys",
        facts(),
        "coach@t",
        home_region="pirkanmaa",
        issuer_serves=True,
    )
    assert v.valid_until == date(2027, 3, 29) and v.state_on(ISSUE) is VoucherState.ISSUED


@pytest.mark.parametrize(
    ("f", "field"),
    [
        (facts(age=49), "age_years"),
        (facts(education="vocational"), "education_level"),
        (facts(since=date(2026, 9, 1)), "unemployed_since"),  # under 3 whole months
        (facts(since=date(2026, 4, 30)), "unemployed_since"),  # 7 whole months
        (facts(since=date(2026, 12, 5)), "unemployed_since"),  # in the future
    ],
)
def test_every_unmet_condition_is_named(f, field):
    with pytest.raises(NotEligibleError) as err:
        issue("v1", PILOT, "c-1", "o", f, "x", home_region="pirkanmaa", issuer_serves=True)
    assert field in err.value.errors


def test_unemployment_of_three_to_six_whole_months_is_eligible_at_both_ends():
    assert months_between(date(2026, 8, 30), ISSUE) == 3
    assert months_between(date(2026, 5, 30), ISSUE) == 6
    issue(
        "v1",
        PILOT,
        "c",
        "o",
        facts(since=date(2026, 8, 30)),
        "x",
        home_region="pirkanmaa",
        issuer_serves=True,
    )
    issue(
        "v2",
        PILOT,
        "c",
        "o",
        facts(since=date(2026, 5, 30)),
        "x",
        home_region="pirkanmaa",
        issuer_serves=True,
    )


def test_no_voucher_outside_the_pilots_issuing_period():
    with pytest.raises(VoucherStateError):
        issue(
            "v1",
            PILOT,
            "c",
            "o",
            facts(on=date(2027, 7, 1), since=date(2027, 2, 1)),
            "x",
            home_region="pirkanmaa",
            issuer_serves=True,
        )


def test_a_provider_is_chosen_once_from_the_pilots_providers_and_a_hire_counts_within_the_period():
    v = issue("v1", PILOT, "c", "o", facts(), "x", home_region="pirkanmaa", issuer_serves=True)
    with pytest.raises(InvalidVoucherError):  # bad input, not an unmet rule (outside tester 27, T27-14 b)
        v.choose("someone-else", PILOT, "s1", ISSUE)
    chosen = v.choose("provider-b", PILOT, "s1", date(2026, 12, 2))
    assert chosen.state_on(date(2026, 12, 2)) is VoucherState.IN_PROGRESS
    with pytest.raises(VoucherStateError):
        chosen.choose("provider-a", PILOT, "s2", date(2026, 12, 3))
    assert chosen.hired(date(2027, 3, 30)) is None  # after the voucher period
    hired = chosen.hired(date(2027, 2, 1))
    assert hired is not None and hired.state_on(date(2027, 2, 1)) is VoucherState.HIRED
    assert chosen.state_on(date(2027, 3, 30)) is VoucherState.EXPIRED


def test_a_withdrawn_voucher_is_not_hired_afterwards():
    v = issue("v1", PILOT, "c", "o", facts(), "x", home_region="pirkanmaa", issuer_serves=True).choose(
        "provider-a", PILOT, "s", ISSUE
    )
    w = v.withdraw(date(2026, 12, 10))
    assert w.state_on(date(2026, 12, 10)) is VoucherState.WITHDRAWN and w.hired(date(2026, 12, 20)) is None
    with pytest.raises(VoucherStateError):
        w.withdraw(date(2026, 12, 11))


def test_add_months_keeps_the_day_or_takes_the_months_last():
    assert add_months(date(2026, 10, 31), 4) == date(2027, 2, 28)
    assert add_months(date(2026, 11, 30), 3) == date(2027, 2, 28)


def test_counts_under_five_are_suppressed_and_a_lone_suppressed_cell_gets_a_companion():
    rows, cols = ["2026-11", "2026-12"], ["a", "b", "c"]
    counts = {
        ("2026-11", "a"): 7,
        ("2026-11", "b"): 3,
        ("2026-11", "c"): 9,
        ("2026-12", "a"): 6,
        ("2026-12", "b"): 8,
    }
    cells, _, _, grand = suppress(rows, cols, counts)
    assert cells[("2026-11", "b")].suppressed and cells[("2026-11", "b")].value is None
    # row 2026-11 (total 19 shown) had one suppressed cell: its smallest other cell goes too
    assert cells[("2026-11", "a")].suppressed and not cells[("2026-11", "c")].suppressed
    # column b (total 11 shown) then has one suppressed cell: the 8 goes too, and so on until stable
    assert cells[("2026-12", "b")].suppressed
    for line in [[(r, c) for c in cols] for r in rows] + [[(r, c) for r in rows] for c in cols]:
        assert sum(cells[m].suppressed for m in line) != 1
    assert grand.value == 33 and cells[("2026-12", "c")].value == 0


def test_results_count_per_month_and_provider_and_never_show_fewer_than_five():
    vouchers: list[Voucher] = []
    for i in range(17):
        on = date(2026, 10, 1 + i)
        v = issue(
            f"v{i}",
            PILOT,
            f"c{i}",
            "o",
            facts(on=on, since=date(2026, 6, 20)),
            "x",
            home_region="pirkanmaa",
            issuer_serves=True,
        )
        provider = "provider-a" if i < 8 else "provider-b" if i < 14 else "provider-c"
        v = v.choose(provider, PILOT, f"s{i}", on)
        if i < 6:
            v = v.hired(date(2026, 11, 10)) or v
        vouchers.append(v)
    r = results(PILOT, vouchers, date(2026, 11, 30))
    assert r.months == ["2026-10", "2026-11"]
    assert r.issued["2026-10"].value == 17 and r.issued["2026-11"].value == 0
    chosen, *_ = r.tables["chosen"]
    # provider-c's 3 is suppressed, and with it the next smallest of the month (provider-b's 6)
    assert chosen[("2026-10", "provider-a")].value == 8
    assert chosen[("2026-10", "provider-c")].suppressed and chosen[("2026-10", "provider-b")].suppressed
    in_progress, _, _, _ = r.tables["in_progress"]
    assert in_progress[("2026-10", "provider-a")].value == 8
    # 2 of provider-a's 8 are still in progress in November: hidden, and so is November's 6 hired,
    # from which the 2 would follow (8 chose, 6 hired, nobody withdrew)
    assert in_progress[("2026-11", "provider-a")].suppressed
    hired, _, _, _ = r.tables["hired"]
    assert hired[("2026-11", "provider-a")].suppressed
    for cells, *_ in r.tables.values():
        assert all(c.value is None or c.value == 0 or c.value >= 5 for c in cells.values())


def test_a_cell_hidden_in_one_measure_is_hidden_in_the_others_of_the_same_provider_and_month():
    """An outside tester's case: a provider with 9 chosen and 7 in progress in a month showed its
    hired cell suppressed, but 9 − 7 = 2 (no withdrawals) gave it away."""
    pilot = replace(PILOT, providers=("provider-a", "provider-b"))
    vouchers: list[Voucher] = []
    for i in range(16):
        on = date(2026, 10, 1 + i)
        v = issue(
            f"v{i}",
            pilot,
            f"c{i}",
            "o",
            facts(on=on, since=date(2026, 6, 20)),
            "x",
            home_region="pirkanmaa",
            issuer_serves=True,
        )
        v = v.choose("provider-a" if i < 9 else "provider-b", pilot, f"s{i}", on)
        if i in (0, 1):
            v = v.hired(date(2026, 10, 20)) or v
        vouchers.append(v)
    r = results(pilot, vouchers, date(2026, 10, 31))
    key = ("2026-10", "provider-a")
    cells = {measure: table[0][key] for measure, table in r.tables.items()}
    assert cells["hired"].suppressed  # 2
    assert cells["chosen"].suppressed and cells["in_progress"].suppressed, cells
    for table, *_ in r.tables.values():
        assert all(c.value is None or c.value == 0 or c.value >= 5 for c in table.values())


def test_a_regional_pilot_is_for_its_residents_and_issued_by_the_organisations_serving_its_region():
    """Outside tester 27, T27-9."""
    regional = replace(PILOT, region="pirkanmaa")
    assert regional.region_reasons("pirkanmaa", True) == {}
    assert set(regional.region_reasons("pohjanmaa", False)) == {"municipality", "pilot_id"}
    assert set(regional.region_reasons("", True)) == {"municipality"}
    assert PILOT.region_reasons("pohjanmaa", False) == {}  # a national pilot asks neither
    with pytest.raises(NotEligibleError) as refused:
        issue("v1", regional, "c", "o", facts(age=40), "x", home_region="pohjanmaa", issuer_serves=True)
    assert set(refused.value.errors) == {"age_years", "municipality"}  # every unmet condition at once
