"""Service-voucher pilots with free choice of provider: eligibility, the voucher's life, and results
with small cells suppressed. Pure Python.

An operator registers a pilot (an eligibility rule, the voucher's length, the providers taking
part). A coach issues a voucher to an eligible jobseeker who chooses to take part; the jobseeker
(through the coach) chooses one provider, which opens a path step with that provider and grants it
consent (the jobseeker's choice, withdrawable). A voucher is **hired** when the jobseeker is hired
within the voucher period.

Results are counts per month and provider. Statistics on people are published only when no cell
can single out fewer than ``SMALL_CELL`` people: a count from 1 to 4 is suppressed (shown as
``None``), and so is, in any line whose total is shown, a second cell when only one cell of the line
was suppressed (else the suppressed one could be computed from the total). The three measures of a
provider's month are linked (chosen − in progress − withdrawn = hired), so a cell hidden in one of them
is hidden in all three. The rule follows Statistics Finland's threshold practice for frequency tables
(at least 3, here 5 as the issue asks). It is not an audited cell suppression (as τ-ARGUS does with
linear programming): flows across months (last month's stock plus this month's choices) can still
narrow a hidden cell to a range.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, replace
from datetime import date, timedelta
from enum import StrEnum
from typing import Any

from services.kernel.texts import N_

SMALL_CELL = 5


class VoucherError(Exception):
    """Base of the voucher errors."""


class NotEligibleError(VoucherError):
    """The jobseeker does not meet the pilot's rule; ``errors`` maps the fact to the reason."""

    def __init__(self, errors: dict[str, list[str]]) -> None:
        super().__init__("; ".join(f"{k}: {', '.join(v)}" for k, v in errors.items()))
        self.errors = errors


class InvalidVoucherError(VoucherError):
    """The request breaks a rule of the voucher (a provider outside the pilot or its area, a hire
    date ahead); ``errors`` maps the field to the reason (a 422, as bad input)."""

    def __init__(self, errors: dict[str, list[str]]) -> None:
        super().__init__("; ".join(f"{k}: {', '.join(v)}" for k, v in errors.items()))
        self.errors = errors


class VoucherStateError(VoucherError):
    """The change does not fit the voucher's state (already chosen, withdrawn, expired…)."""


class VoucherState(StrEnum):
    ISSUED = "issued"  # waiting for the jobseeker's choice of provider
    IN_PROGRESS = "in_progress"  # with the chosen provider
    HIRED = "hired"  # hired within the voucher period
    EXPIRED = "expired"  # the voucher period passed without a hire
    WITHDRAWN = "withdrawn"  # the jobseeker stopped taking part


#: Why a provider cannot be chosen, per state: whole sentences, since a state word alone translates
#: as a person's state ("hired" is "anställd", a person employed; outside tester 28, T28-3)
CHOICE_REFUSALS: dict[VoucherState, str] = {
    VoucherState.IN_PROGRESS: N_(
        "A provider has already been chosen for this voucher: a provider is chosen once."
    ),
    VoucherState.HIRED: N_("The voucher has already led to a hire: a provider is chosen once, before that."),
    VoucherState.EXPIRED: N_("The voucher's period has ended: no provider can be chosen any more."),
    VoucherState.WITHDRAWN: N_("The voucher has been withdrawn: no provider can be chosen any more."),
}

#: Why a voucher cannot be withdrawn, per state (whole sentences, as ``CHOICE_REFUSALS``)
WITHDRAWAL_REFUSALS: dict[VoucherState, str] = {
    VoucherState.HIRED: N_("The voucher has already led to a hire: it can no longer be withdrawn."),
    VoucherState.EXPIRED: N_("The voucher's period has ended: there is nothing to withdraw."),
    VoucherState.WITHDRAWN: N_("The voucher has already been withdrawn."),
}

#: Education levels, lowest first (each a catalogue word: shown translated where the rule is described)
EDUCATION_ORDER = (
    N_("basic"),
    N_("upper_secondary"),
    N_("vocational"),
    N_("bachelor"),
    N_("master"),
    N_("doctorate"),
)


def months_between(start: date, end: date) -> int:
    """Whole calendar months from ``start`` to ``end`` (0 when ``end`` is less than a month later)."""
    months = (end.year - start.year) * 12 + end.month - start.month
    return months - 1 if end.day < start.day else months


def add_months(day: date, months: int) -> date:
    """``day`` plus ``months`` calendar months (the month's last day when it is shorter)."""
    month0 = day.month - 1 + months
    year, month = day.year + month0 // 12, month0 % 12 + 1
    for d in range(day.day, 27, -1):
        try:
            return date(year, month, d)
        except ValueError:
            continue
    return date(year, month, day.day)


@dataclass(frozen=True, slots=True)
class EligibilityRule:
    """Who may take part. Every bound is optional; ages in whole years, unemployment in whole months
    on the day the voucher is issued."""

    min_age: int | None = None
    max_age: int | None = None
    min_education: str | None = None  # an EDUCATION_ORDER value: at least this level
    min_unemployed_months: int | None = None
    max_unemployed_months: int | None = None

    def check(self) -> dict[str, list[str]]:
        """Errors in the rule itself (field → reasons)."""
        errors: dict[str, list[str]] = {}
        if self.min_age is not None and self.max_age is not None and self.min_age > self.max_age:
            errors["max_age"] = [N_("Below the minimum age.")]
        lo, hi = self.min_unemployed_months, self.max_unemployed_months
        if lo is not None and hi is not None and lo > hi:
            errors["max_unemployed_months"] = [N_("Below the minimum.")]
        if self.min_education is not None and self.min_education not in EDUCATION_ORDER:
            errors["min_education"] = [N_("One of %(choices)s.") % {"choices": ", ".join(EDUCATION_ORDER)}]
        return errors

    def reasons(self, facts: Facts) -> dict[str, list[str]]:
        """Why ``facts`` do not meet the rule (fact → reasons); empty when eligible."""
        errors: dict[str, list[str]] = {}
        if self.min_age is not None and facts.age_years < self.min_age:
            errors["age_years"] = [
                N_("The pilot is for people aged %(age)s or over.") % {"age": self.min_age}
            ]
        if self.max_age is not None and facts.age_years > self.max_age:
            errors["age_years"] = [
                N_("The pilot is for people aged %(age)s or under.") % {"age": self.max_age}
            ]
        if self.min_education is not None and EDUCATION_ORDER.index(
            facts.education_level
        ) < EDUCATION_ORDER.index(self.min_education):
            errors["education_level"] = [
                N_("The pilot asks for at least %(level)s education.") % {"level": self.min_education}
            ]
        months = facts.unemployed_months
        if months < 0:
            errors["unemployed_since"] = [N_("Unemployment cannot start after the voucher is issued.")]
        elif self.min_unemployed_months is not None and months < self.min_unemployed_months:
            errors["unemployed_since"] = [
                N_("Unemployed %(months)s whole months; the pilot asks for at least %(min)s.")
                % {"months": months, "min": self.min_unemployed_months}
            ]
        elif self.max_unemployed_months is not None and months > self.max_unemployed_months:
            errors["unemployed_since"] = [
                N_("Unemployed %(months)s whole months; the pilot is for at most %(max)s.")
                % {"months": months, "max": self.max_unemployed_months}
            ]
        return errors

    def describe_parts(self) -> list[tuple[str, dict[str, Any]]]:
        """The rule's conditions for people: (catalogue message, its values) each, for the edge to
        show in the request's language (``N_`` messages; a value that is a catalogue word, such as an
        education level, is translated too); ``[("everyone", {})]`` for a rule without conditions."""
        parts: list[tuple[str, dict[str, Any]]] = []
        if self.min_age is not None:
            parts.append((N_("age ≥ %(age)s"), {"age": self.min_age}))
        if self.max_age is not None:
            parts.append((N_("age ≤ %(age)s"), {"age": self.max_age}))
        if self.min_education:
            parts.append((N_("education ≥ %(level)s"), {"level": self.min_education}))
        lo, hi = self.min_unemployed_months, self.max_unemployed_months
        if lo is not None or hi is not None:
            parts.append(
                (
                    N_("unemployed %(min)s–%(max)s months"),
                    {"min": lo or 0, "max": hi if hi is not None else "∞"},
                )
            )
        return parts or [(N_("everyone"), {})]

    def describe(self) -> str:
        """The rule in one line (English), e.g. ``"age ≥ 50, unemployed 3–∞ months"``."""
        return ", ".join(message % values for message, values in self.describe_parts())


@dataclass(frozen=True, slots=True)
class Facts:
    """What eligibility is judged on: checked by the coach, stored with the voucher as the evidence.
    The age (not the date of birth) and the unemployment start are all that is kept."""

    age_years: int
    education_level: str
    unemployed_since: date
    issued_on: date

    @property
    def unemployed_months(self) -> int:
        if self.unemployed_since > self.issued_on:
            return -1
        return months_between(self.unemployed_since, self.issued_on)


#: How far ahead a pilot's first and last day may lie, in days: the typo guard of a vacancy's start date
#: and a service-path step's end (services/vacancy/domain.py START_DAYS_AHEAD), three years.
PILOT_DAYS_AHEAD = 3 * 365


@dataclass(frozen=True, slots=True)
class Pilot:
    id: str
    name: str
    rule: EligibilityRule
    voucher_months: int
    providers: tuple[str, ...]  # organisation ids taking part
    starts_on: date
    ends_on: date  # last day a voucher may be issued
    region: str | None = None  # None: any region
    path_group: str = "highly_educated_over_50"  # the service path a voucher's step joins

    def check(self, today: date) -> dict[str, list[str]]:
        """Field → reasons for what breaks a rule ({} when none): the eligibility rule's, an end before
        the start, a provider listed twice, and a start or end more than ``PILOT_DAYS_AHEAD`` days
        after ``today`` (the typo guard of every date: "2099" for "2029")."""
        errors = self.rule.check()
        if (self.starts_on - today).days > PILOT_DAYS_AHEAD:
            errors["starts_on"] = [N_("More than three years ahead.")]
        if (self.ends_on - today).days > PILOT_DAYS_AHEAD:
            errors["ends_on"] = [N_("More than three years ahead.")]
        elif self.ends_on < self.starts_on:
            errors["ends_on"] = [N_("Before the start.")]
        if len(set(self.providers)) != len(self.providers):
            errors["providers"] = [N_("A provider is listed twice.")]
        return errors

    def issuable_on(self, day: date) -> bool:
        return self.starts_on <= day <= self.ends_on

    def region_reasons(self, home_region: str, issuer_serves: bool) -> dict[str, list[str]]:
        """Why a regional pilot's voucher may not be issued here (fact → reasons; {} when it may).

        A regional pilot is the region's budget buying a service where the jobseeker lives (outside
        tester 27, T27-9: Vaasa's coach issued Pirkanmaa's vouchers to a Vaasa resident): the
        jobseeker's home municipality (``home_region``, a region id; "" unknown) must lie in the
        pilot's region (``municipality``), and the issuing organisation must serve that region
        (``issuer_serves``, the registry's ``regions``; ``pilot_id``). A pilot without a region asks
        neither."""
        if not self.region:
            return {}
        errors: dict[str, list[str]] = {}
        if home_region != self.region:
            errors["municipality"] = [
                N_(
                    "The pilot is for jobseekers living in the region %(region)s; the jobseeker's home "
                    "municipality is in %(home)s."
                )
                % {"region": self.region, "home": home_region or "-"}
            ]
        if not issuer_serves:
            errors["pilot_id"] = [
                N_(
                    "A pilot of the region %(region)s: its vouchers are issued by the employment "
                    "services serving that region, not by your organisation."
                )
                % {"region": self.region}
            ]
        return errors


@dataclass(frozen=True, slots=True)
class Voucher:
    id: str
    pilot_id: str
    candidate_id: str
    coach_org: str
    issued_on: date
    valid_until: date  # the last day of the voucher period
    facts: Facts
    issued_by: str
    provider: str | None = None
    chosen_on: date | None = None
    step_id: str | None = None
    hired_on: date | None = None
    withdrawn_on: date | None = None

    def state_on(self, day: date) -> VoucherState:
        """The voucher's state on ``day`` (events after ``day`` not yet happened)."""
        if self.hired_on is not None and self.hired_on <= day:
            return VoucherState.HIRED
        if self.withdrawn_on is not None and self.withdrawn_on <= day:
            return VoucherState.WITHDRAWN
        if day > self.valid_until:
            return VoucherState.EXPIRED
        if self.chosen_on is not None and self.chosen_on <= day:
            return VoucherState.IN_PROGRESS
        return VoucherState.ISSUED

    def choose(self, provider: str, pilot: Pilot, step_id: str, on: date) -> Voucher:
        state = self.state_on(on)
        if state is not VoucherState.ISSUED:
            raise VoucherStateError(CHOICE_REFUSALS[state])
        if provider not in pilot.providers:
            raise InvalidVoucherError(
                {
                    "provider": [
                        N_("Not a provider of this pilot: choose one of %(providers)s.")
                        % {"providers": ", ".join(pilot.providers)}
                    ]
                }
            )
        return replace(self, provider=provider, chosen_on=on, step_id=step_id)

    def withdraw(self, on: date) -> Voucher:
        state = self.state_on(on)
        if state not in (VoucherState.ISSUED, VoucherState.IN_PROGRESS):
            raise VoucherStateError(WITHDRAWAL_REFUSALS[state])
        return replace(self, withdrawn_on=on)

    def hired(self, on: date) -> Voucher | None:
        """The voucher with the hire recorded, or None when the hire does not count for it (before
        the choice, after the period, after a withdrawal, or already hired)."""
        if (
            self.chosen_on is None
            or self.hired_on is not None
            or on < self.chosen_on
            or on > self.valid_until
        ):
            return None
        if self.withdrawn_on is not None and self.withdrawn_on <= on:
            return None
        return replace(self, hired_on=on)

    def hire_day_reasons(self, on: date) -> list[str]:
        """Why a hire on ``on`` does not count though the voucher could record one on another day:
        before the provider's choice, after the voucher period, or from its withdrawal on (reasons of
        the field ``hired_on``, 422: outside tester 27, T27-14 g). Empty when the hire counts or when
        no day would do (no provider chosen, a hire already recorded: the voucher's state, 409)."""
        if self.chosen_on is None or self.hired_on is not None:
            return []
        reasons = []
        if on < self.chosen_on:
            reasons.append(
                N_("A hire counts from the provider's choice (%(day)s) on.")
                % {"day": self.chosen_on.isoformat()}
            )
        if on > self.valid_until:
            reasons.append(
                N_("A hire counts within the voucher period, until %(day)s.")
                % {"day": self.valid_until.isoformat()}
            )
        if self.withdrawn_on is not None and self.withdrawn_on <= on:
            reasons.append(
                N_("The voucher was withdrawn on %(day)s: a hire counts only before then.")
                % {"day": self.withdrawn_on.isoformat()}
            )
        return reasons


def issue(
    voucher_id: str,
    pilot: Pilot,
    candidate_id: str,
    coach_org: str,
    facts: Facts,
    issued_by: str,
    *,
    home_region: str,
    issuer_serves: bool,
) -> Voucher:
    """A voucher for an eligible jobseeker; raises ``NotEligibleError`` naming every unmet condition
    (the rule's, and a regional pilot's ``Pilot.region_reasons``: ``home_region`` is the region id of
    the jobseeker's home municipality, ``issuer_serves`` whether the issuing organisation serves the
    pilot's region) and ``VoucherStateError`` outside the pilot's issuing period."""
    if not pilot.issuable_on(facts.issued_on):
        raise VoucherStateError(
            N_("the pilot issues vouchers %(start)s–%(end)s")
            % {"start": pilot.starts_on, "end": pilot.ends_on}
        )
    errors = {**pilot.rule.reasons(facts), **pilot.region_reasons(home_region, issuer_serves)}
    if errors:
        raise NotEligibleError(errors)
    valid_until = add_months(facts.issued_on, pilot.voucher_months) - timedelta(days=1)
    return Voucher(
        voucher_id, pilot.id, candidate_id, coach_org, facts.issued_on, valid_until, facts, issued_by
    )


# -- results -----------------------------------------------------------------------------------------
@dataclass(frozen=True, slots=True)
class Cell:
    value: int | None  # None: suppressed
    suppressed: bool = False


def suppress(
    rows: Sequence[str],
    cols: Sequence[str],
    counts: Mapping[tuple[str, str], int],
    threshold: int = SMALL_CELL,
    *,
    column_totals: bool = True,
    also: Iterable[tuple[str, str]] = (),
) -> tuple[dict[tuple[str, str], Cell], dict[str, Cell], dict[str, Cell], Cell]:
    """Suppress a frequency table with its row totals, column totals and grand total (without
    ``column_totals``, e.g. for a stock counted per month, the columns are not summed: column totals
    and the grand total are all suppressed and only rows are protected).

    Primary: a count in ``1 … threshold-1`` is suppressed (0 is shown: nobody is described), and so is
    every non-zero cell named in ``also`` (hidden in a linked table, see ``results``). Then, as long as
    some line (a row or a column) with a shown total has exactly one suppressed member, the smallest
    shown non-zero member of that line is suppressed too; with none, the line's total is.
    Returns (cells, row totals, column totals, grand total).
    """
    value = {(r, c): counts.get((r, c), 0) for r in rows for c in cols}
    hidden = {k for k, v in value.items() if 0 < v < threshold}
    hidden |= {k for k in also if value.get(k, 0) > 0}
    row_total = {r: sum(value[(r, c)] for c in cols) for r in rows}
    col_total = {c: sum(value[(r, c)] for r in rows) for c in cols}
    hidden_rows = {r for r, v in row_total.items() if 0 < v < threshold}
    hidden_cols = {c for c, v in col_total.items() if 0 < v < threshold or not column_totals}
    changed = True
    while changed:
        changed = False
        lines = [(("r", r), [(r, c) for c in cols]) for r in rows] + [
            (("c", c), [(r, c) for r in rows]) for c in cols
        ]
        for (kind, key), members in lines:
            total_hidden = key in (hidden_rows if kind == "r" else hidden_cols)
            if total_hidden or sum(1 for m in members if m in hidden) != 1:
                continue
            shown = [m for m in members if m not in hidden and value[m] > 0]
            if shown:
                hidden.add(min(shown, key=lambda m: (value[m], m)))
            else:
                (hidden_rows if kind == "r" else hidden_cols).add(key)
            changed = True
    grand = sum(value.values())
    cells = {k: Cell(None, True) if k in hidden else Cell(v) for k, v in value.items()}
    rt = {r: Cell(None, True) if r in hidden_rows else Cell(v) for r, v in row_total.items()}
    ct = {c: Cell(None, True) if c in hidden_cols else Cell(v) for c, v in col_total.items()}
    hide_grand = 0 < grand < threshold or not column_totals
    return cells, rt, ct, Cell(None, True) if hide_grand else Cell(grand)


MEASURES = ("chosen", "in_progress", "hired")


@dataclass(frozen=True, slots=True)
class Results:
    """A pilot's results as of ``day``: per month (``YYYY-MM``) and provider, suppressed.

    ``issued``: vouchers issued per month (whoever they chose later). Per provider and month:
    ``chosen`` (vouchers that chose the provider that month), ``in_progress`` (with the provider at
    the month's end, or on ``day`` for the current month), ``hired`` (hired within the voucher period,
    that month).
    """

    pilot: Pilot
    day: date
    months: list[str]
    issued: dict[str, Cell]
    issued_total: Cell
    tables: dict[str, tuple[dict[tuple[str, str], Cell], dict[str, Cell], dict[str, Cell], Cell]]


def month_key(day: date) -> str:
    return f"{day.year:04d}-{day.month:02d}"


def _month_end(key: str, day: date) -> date:
    year, month = int(key[:4]), int(key[5:])
    end = add_months(date(year, month, 1), 1) - timedelta(days=1)
    return min(end, day)


def results(pilot: Pilot, vouchers: Iterable[Voucher], day: date) -> Results:
    """Counts per month and provider of ``pilot``'s vouchers as of ``day``, small cells suppressed."""
    mine = [v for v in vouchers if v.pilot_id == pilot.id and v.issued_on <= day]
    months: list[str] = []
    if mine:
        cursor = date(min(v.issued_on for v in mine).year, min(v.issued_on for v in mine).month, 1)
        while cursor <= day:
            months.append(month_key(cursor))
            cursor = add_months(cursor, 1)
    issued_counts = {(m, "all"): sum(1 for v in mine if month_key(v.issued_on) == m) for m in months}
    cells, _, _, issued_total = suppress(months, ["all"], issued_counts)
    per_measure: dict[str, dict[tuple[str, str], int]] = {}
    for measure in MEASURES:
        counts: dict[tuple[str, str], int] = {}
        for m in months:
            end = _month_end(m, day)
            for v in mine:
                if v.provider is None:
                    continue
                if measure == "chosen":
                    hit = v.chosen_on is not None and month_key(v.chosen_on) == m
                elif measure == "in_progress":
                    hit = v.state_on(end) is VoucherState.IN_PROGRESS
                else:
                    hit = v.hired_on is not None and month_key(v.hired_on) == m and v.hired_on <= day
                if hit:
                    counts[(m, v.provider)] = counts.get((m, v.provider), 0) + 1
        per_measure[measure] = counts
    # The three measures of a provider's month are linked (chosen − in progress − withdrawn = hired, and
    # withdrawals are rare), so a cell hidden in one measure is hidden in all three, and the
    # complementary suppression runs again until no measure hides a cell the others show (an outside
    # tester computed a suppressed "hired" from the shown "chosen" and "in progress").
    linked: set[tuple[str, str]] = set()
    while True:
        tables = {
            # in_progress is a stock, not a flow: its sums over months mean nothing and are not shown
            measure: suppress(
                months,
                list(pilot.providers),
                per_measure[measure],
                column_totals=measure != "in_progress",
                also=linked,
            )
            for measure in MEASURES
        }
        hidden = {k for cells_, _, _, _ in tables.values() for k, c in cells_.items() if c.suppressed}
        if hidden <= linked:
            break
        linked |= hidden
    return Results(pilot, day, months, {m: cells[(m, "all")] for m in months}, issued_total, tables)
