"""The vacancy aggregate and its rules. Pure Python: no Flask, SQL, Kafka or marshmallow."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import asdict, dataclass, replace
from datetime import date, datetime
from enum import StrEnum
from typing import Any

from services.kernel.calendar import local_day
from services.kernel.read_only import read_only_changes
from services.kernel.texts import N_

#: How far a vacancy's start date may lie from the day it is written, in days: a year back (a
#: "start at once" vacancy kept open for months), three years ahead (an outside tester posted 2020-01-01
#: and 9999-12-31; both pass no plausible recruitment).
START_DAYS_BEHIND, START_DAYS_AHEAD = 365, 3 * 365


class VacancyError(Exception):
    """Base of the vacancy service's domain errors."""


class VacancyNotFoundError(VacancyError):
    pass


class NotOwnerError(VacancyError):
    """Only the employer organisation that posted a vacancy may change it."""


class VacancyClosedError(VacancyError):
    """A closed vacancy cannot be changed."""


class VacancyOpenError(VacancyError):
    """An open vacancy cannot be reopened (F10: only a closed one can)."""


class VersionConflictError(VacancyError):
    """The caller changed a version of the vacancy that is no longer the current one."""


class VersionRequiredError(VacancyError):
    """A change to a vacancy names no version (no ``If-Match``): it could overwrite a colleague's
    change unseen (RFC 6585 §3, 428). A replay identical to the stored vacancy needs none."""


class InvalidVacancyError(VacancyError):
    """A rule across fields is broken; ``errors`` maps field names to reasons (a nested field such as
    ``salary`` to its own field → reasons)."""

    def __init__(self, errors: dict[str, Any]) -> None:
        super().__init__("; ".join(f"{k}: {v}" for k, v in errors.items()))
        self.errors = errors


class Status(StrEnum):
    OPEN = "open"
    CLOSED = "closed"


class CloseReason(StrEnum):
    FILLED = "filled"
    CANCELLED = "cancelled"
    EXPIRED = "expired"


class WorkMode(StrEnum):
    """Where the work is done (outside tester 26, F9). ``remote``: from anywhere in Finland, so the
    commute does not limit who is matched; ``hybrid``: partly at the site(s), so it still does."""

    ON_SITE = "on_site"
    HYBRID = "hybrid"
    REMOTE = "remote"


class SalaryPeriod(StrEnum):
    HOUR = "hour"
    MONTH = "month"


#: The one currency a salary is stated in.
CURRENCIES = ("EUR",)
#: Typo guards on a salary's amounts, in euros per period: above them an amount is surely per another
#: period (4 500 "per hour") or a slip of the keyboard.
MAX_SALARY = {SalaryPeriod.HOUR: 500.0, SalaryPeriod.MONTH: 50_000.0}
#: ... and below them (outside tester 27, T27-14 e: 1e-300 €/hour was stored): no Finnish job pays under
#: a euro an hour or a hundred a month; such an amount is a slip ("0.15" for "15") or per another period.
MIN_SALARY = {SalaryPeriod.HOUR: 1.0, SalaryPeriod.MONTH: 100.0}
#: How many work sites a vacancy may name besides its main municipality.
MAX_OTHER_MUNICIPALITIES = 30


@dataclass(frozen=True, slots=True)
class Salary:
    """What the ad says of pay: a range (``minimum``/``maximum`` in ``currency`` per ``period``; either
    end may be left open), and/or ``collective_agreement``: "according to the collective agreement
    (TES)". Shown to people; not used for ranking (the domain names no rule for it)."""

    minimum: float | None = None
    maximum: float | None = None
    currency: str = "EUR"
    period: SalaryPeriod | None = None
    collective_agreement: bool = False

    def to_dict(self) -> dict[str, Any]:
        return {
            "min": self.minimum,
            "max": self.maximum,
            "currency": self.currency,
            "period": self.period.value if self.period else None,
            "collective_agreement": self.collective_agreement,
        }

    @classmethod
    def from_dict(cls, data: Mapping[str, Any]) -> Salary:
        period = data.get("period")
        return cls(
            minimum=_amount(data.get("min")),
            maximum=_amount(data.get("max")),
            currency=data.get("currency") or "EUR",
            period=SalaryPeriod(period) if period else None,
            collective_agreement=bool(data.get("collective_agreement")),
        )


def _amount(value: Any) -> float | None:
    return None if value is None else float(value)


def salary_errors(salary: Mapping[str, Any]) -> dict[str, list[str]]:
    """Field (``min``, ``max``, ``period``; ``_schema`` for the whole) → reasons (N_ message ids) for
    each rule across a salary's fields that it breaks, the salary as the API validated its fields
    (``min``, ``max``, ``currency``, ``period``, ``collective_agreement``); empty when none."""
    low, high, period = salary.get("min"), salary.get("max"), salary.get("period")
    errors: dict[str, list[str]] = {}
    if low is None and high is None and not salary.get("collective_agreement"):
        errors["_schema"] = [
            N_("Give an amount (min and/or max, with its period) or collective_agreement: true.")
        ]
    if (low is not None or high is not None) and not period:
        errors["period"] = [N_("Say per what period the amounts are: hour or month.")]
    if low is not None and high is not None and low > high:
        errors["min"] = [N_("The minimum salary is above the maximum.")]
    unit = SalaryPeriod(period) if period in set(SalaryPeriod) else None
    bound = MAX_SALARY.get(unit) if unit else None
    floor = MIN_SALARY.get(unit) if unit else None
    for name, amount in (("min", low), ("max", high)):
        if amount is None:
            continue
        if bound is not None and amount > bound:
            errors.setdefault(name, []).append(
                N_("Above %(bound)s euros per %(period)s: check the amount and its period.")
                % {"bound": f"{bound:.0f}", "period": period}
            )
        if floor is not None and amount < floor:
            errors.setdefault(name, []).append(
                N_("Below %(bound)s euros per %(period)s: check the amount and its period.")
                % {"bound": f"{floor:.0f}", "period": period}
            )
        if abs(amount * 100 - round(amount * 100)) > 1e-6:
            errors.setdefault(name, []).append(N_("Euros with at most two decimals (cents)."))
    return errors


@dataclass(frozen=True, slots=True)
class RequiredSkill:
    uri: str
    essential: bool = True


@dataclass(frozen=True, slots=True)
class LanguageRequirement:
    code: str
    level: str


@dataclass(frozen=True, slots=True)
class VacancyDetails:
    """What an employer says about the job; replaced as a whole on update."""

    title: str
    occupation_uri: str | None  # None: the employer described the job in words only
    description: str
    municipality: str
    region: str
    working_time: str
    openings: int
    skills: tuple[RequiredSkill, ...] = ()
    languages: tuple[LanguageRequirement, ...] = ()
    start_date: date | None = None
    application_deadline: date | None = None
    rejected_skills: tuple[str, ...] = ()  # suggestions from recognition the employer turned down
    work_mode: WorkMode = WorkMode.ON_SITE
    other_municipalities: tuple[str, ...] = ()  # further work sites, municipality codes (F9)
    salary: Salary | None = None

    @property
    def municipalities(self) -> tuple[str, ...]:
        """Every work site's municipality code, the main one (``municipality``) first."""
        return (self.municipality, *self.other_municipalities)

    def to_dict(self) -> dict[str, Any]:
        """Plain JSON-ready data: for the event payload and the stored row alike."""
        data = asdict(self)
        data["skills"] = [dict(s) for s in data["skills"]]
        data["languages"] = [dict(x) for x in data["languages"]]
        data["rejected_skills"] = list(data["rejected_skills"])
        data["work_mode"] = self.work_mode.value
        data["other_municipalities"] = list(self.other_municipalities)
        data["salary"] = self.salary.to_dict() if self.salary else None
        for name in ("start_date", "application_deadline"):
            data[name] = data[name].isoformat() if data[name] else None
        return data

    @classmethod
    def from_dict(cls, data: Mapping[str, Any]) -> VacancyDetails:
        """The details of ``to_dict``'s data (stored rows), or of the API's validated input (dates as
        ``date``); a rejected skill given twice is kept once. Data stored before outside tester 26's F9
        lacks ``work_mode``, ``other_municipalities`` and ``salary``: on site, one site, no salary."""

        def day(value: str | date | None) -> date | None:
            return date.fromisoformat(value) if isinstance(value, str) else value

        return cls(
            **{
                k: data[k]
                for k in (
                    "title",
                    "occupation_uri",
                    "description",
                    "municipality",
                    "region",
                    "working_time",
                    "openings",
                )
            },
            skills=tuple(RequiredSkill(s["uri"], s["essential"]) for s in data["skills"]),
            languages=tuple(LanguageRequirement(x["code"], x["level"]) for x in data["languages"]),
            start_date=day(data["start_date"]),
            application_deadline=day(data["application_deadline"]),
            rejected_skills=tuple(dict.fromkeys(data.get("rejected_skills") or ())),
            work_mode=WorkMode(data.get("work_mode") or WorkMode.ON_SITE),
            other_municipalities=tuple(data.get("other_municipalities") or ()),
            salary=Salary.from_dict(data["salary"]) if data.get("salary") else None,
        )

    def normalised(self) -> VacancyDetails:
        """These details with every list in one canonical order (skills, languages and rejected
        skills are sets to the service), for telling whether a ``PUT`` is identical to the stored
        vacancy. The API has already brought the rest to one form: a municipality or region by name
        or code is its code, a date ``1.12.2026`` or ``2026-12-01`` a ``date`` (outside tester 21, Q6)."""
        return replace(
            self,
            skills=tuple(sorted(self.skills, key=lambda s: (s.uri, s.essential))),
            languages=tuple(sorted(self.languages, key=lambda x: (x.code, x.level))),
            rejected_skills=tuple(sorted(self.rejected_skills)),
            other_municipalities=tuple(sorted(self.other_municipalities)),
        )

    def check(self, today: date) -> None:
        """Raises ``InvalidVacancyError`` with every broken rule (``rule_errors``)."""
        errors = rule_errors(
            {
                "occupation_uri": self.occupation_uri,
                "description": self.description,
                "skills": [{"uri": s.uri} for s in self.skills],
                "rejected_skills": self.rejected_skills,
                "languages": [{"code": x.code} for x in self.languages],
                "start_date": self.start_date,
                "application_deadline": self.application_deadline,
                "municipality": self.municipality,
                "other_municipalities": self.other_municipalities,
                "salary": self.salary.to_dict() if self.salary else None,
            },
            today,
        )
        if errors:
            raise InvalidVacancyError(errors)


def rule_errors(values: Mapping[str, Any], today: date) -> dict[str, Any]:
    """The rules across a vacancy's fields, field → reasons (N_ message ids), over ``values`` as the
    API validated them (``skills``/``languages`` as lists of dicts, dates as ``date``). ``values`` may
    be partial: a field that failed its own validation is absent, and a rule needing it is skipped,
    so the API can answer every broken rule at once with the field errors (outside tester 13, P6: a
    start date before the deadline was told only after the municipality was fixed)."""
    errors: dict[str, Any] = {}
    if {"occupation_uri", "skills", "description"} <= values.keys() and (
        values["occupation_uri"] is None and not values["skills"] and not str(values["description"]).strip()
    ):
        # A title alone is refused on purpose (outside tester 14, P17): it is read to infer the
        # occupation, which can be confidently wrong (P8: "Kuljettaja (C/CE)" read as a skipper), and
        # the vacancy then has nothing the employer confirmed; a sentence of description is enough.
        reason = N_(
            "A title alone is not enough to match on: add a description of the work (a sentence is "
            "enough), its essential skills or its occupation (occupation_uri)."
        )
        errors["occupation_uri"] = [reason]
        errors["description"] = [reason]
    uris = [s["uri"] for s in values.get("skills") or ()]
    if len(set(uris)) != len(uris):
        errors["skills"] = [N_("A skill is listed more than once.")]
    if set(uris) & set(values.get("rejected_skills") or ()):
        errors["rejected_skills"] = [N_("A skill cannot be both required and rejected.")]
    codes = [x["code"] for x in values.get("languages") or ()]
    if len(set(codes)) != len(codes):
        errors["languages"] = [N_("A language is listed more than once.")]
    deadline: date | None = values.get("application_deadline")
    start: date | None = values.get("start_date")
    if deadline and deadline < today:
        errors["application_deadline"] = [N_("The application deadline has passed.")]
    elif deadline and (deadline - today).days > START_DAYS_AHEAD:
        # the start date's typo guard (outside tester 10, L4: 2099-01-01 kept a vacancy "open")
        errors["application_deadline"] = [N_("The application deadline is more than three years ahead.")]
    if start and (start - today).days < -START_DAYS_BEHIND:
        errors.setdefault("start_date", []).append(N_("The start date is more than a year in the past."))
    elif start and (start - today).days > START_DAYS_AHEAD:
        errors.setdefault("start_date", []).append(N_("The start date is more than three years ahead."))
    if start and deadline and start < deadline:
        errors.setdefault("start_date", []).append(N_("The start date is before the application deadline."))
    sites = list(values.get("other_municipalities") or ())
    if len(set(sites)) != len(sites):
        errors.setdefault("other_municipalities", []).append(N_("A municipality is listed more than once."))
    if values.get("municipality") in sites:
        errors.setdefault("other_municipalities", []).append(
            N_("The main municipality (municipality) is not listed again among the other work sites.")
        )
    if values.get("salary") and (reasons := salary_errors(values["salary"])):
        errors["salary"] = reasons
    return errors


#: What a vacancy's ``GET`` shows that the service keeps: a ``PUT`` may send them back as read
#: (``Vacancy.read_only_changes``; the version is the ``If-Match`` the API reads from the body).
READ_ONLY_FIELDS = (
    "id",
    "employer_org",
    "status",
    "close_reason",
    "version",
    "created_at",
    "updated_at",
    "reopened_at",
)
#: What a ``GET`` shows that the service derives afresh for each answer (the occupation's label, the
#: shortage flag of the lists in force, warnings and notices in the caller's language): accepted on a
#: ``PUT`` whatever their value and never stored, as they are computed, not kept.
DERIVED_FIELDS = ("occupation_label", "shortage", "warnings", "notices")
STATUS_READ_ONLY = N_(
    "Read-only: a vacancy is closed with POST /api/v1/vacancies/<id>/close and reopened with POST "
    "/api/v1/vacancies/<id>/reopen, not by a PUT. Send the status as you read it (GET) or leave it out."
)


@dataclass(frozen=True, slots=True)
class Vacancy:
    id: str
    employer_org: str
    details: VacancyDetails
    created_at: datetime
    updated_at: datetime
    status: Status = Status.OPEN
    version: int = 1
    close_reason: CloseReason | None = None
    reopened_at: datetime | None = None  # when it was last reopened; None: never

    @classmethod
    def post(cls, vacancy_id: str, employer_org: str, details: VacancyDetails, now: datetime) -> Vacancy:
        details.check(local_day(now))
        return cls(vacancy_id, employer_org, details, created_at=now, updated_at=now)

    def update(
        self,
        details: VacancyDetails,
        now: datetime,
        expected_version: int | None = None,
        versioned: bool = True,
        read_only: Mapping[str, Any] | None = None,
    ) -> Vacancy:
        """The vacancy with ``details``, a new version; ``self`` itself when ``details`` are the stored
        ones in their normalised form (``VacancyDetails.normalised``: an identical replay, e.g. a
        retry, changes nothing: no new version, no event; outside testers 20, P4, and 21, Q6).
        ``versioned``: the caller sent ``If-Match`` (a version, checked as ``expected_version``, or
        ``*``); without it only an identical replay passes, as for a profile. Raises
        ``VersionConflictError`` (stale ``expected_version``), ``VacancyClosedError``,
        ``VersionRequiredError`` (a change without ``If-Match``), ``InvalidVacancyError`` (also for
        ``read_only``, the read-only fields the body sent back, when one is not as stored:
        ``read_only_changes``; outside tester 23, S6)."""
        self._expect(expected_version)
        if self.status is Status.CLOSED:
            raise VacancyClosedError(
                N_("vacancy %(id)s is closed: reopen it (POST /api/v1/vacancies/%(id)s/reopen) to change it")
                % {"id": self.id}
            )
        if errors := self.read_only_changes(read_only or {}):
            raise InvalidVacancyError(errors)
        if details.normalised() == self.details.normalised():
            return self
        if not versioned:
            raise VersionRequiredError(self.id)
        details.check(local_day(now))
        return replace(self, details=details, updated_at=now, version=self.version + 1)

    def read_only_changes(self, sent: Mapping[str, Any]) -> dict[str, list[str]]:
        """Field → [reason] for each read-only field of a ``PUT`` body (``READ_ONLY_FIELDS``, as
        loaded) that differs from this vacancy's: exactly, timestamps as instants, the status and close
        reason by their values (a closed vacancy's ``PUT`` is a 409 before this). Empty when all are
        as read."""
        stored = {name: getattr(self, name) for name in READ_ONLY_FIELDS}
        return read_only_changes(
            sent, stored, reasons={"status": STATUS_READ_ONLY, "close_reason": STATUS_READ_ONLY}
        )

    def close(self, reason: CloseReason, now: datetime, expected_version: int | None = None) -> Vacancy:
        self._expect(expected_version)
        if self.status is Status.CLOSED:
            raise VacancyClosedError(N_("vacancy %(id)s is already closed") % {"id": self.id})
        return replace(
            self, status=Status.CLOSED, close_reason=reason, updated_at=now, version=self.version + 1
        )

    def reopen(
        self,
        now: datetime,
        expected_version: int | None = None,
        application_deadline: date | None = None,
        keep_deadline: bool = True,
    ) -> Vacancy:
        """The closed vacancy open again, a new version, its close reason gone (closed by mistake, or
        the person hired withdrew; outside tester 26, F10). ``keep_deadline`` False replaces the
        application deadline with ``application_deadline`` (None: no deadline); the details must then
        pass today's rules (a deadline that has passed is a 422 naming it: give a new one). Raises
        ``VersionConflictError``, ``VacancyOpenError`` (it is open), ``InvalidVacancyError``."""
        self._expect(expected_version)
        if self.status is Status.OPEN:
            raise VacancyOpenError(
                N_("vacancy %(id)s is open: only a closed vacancy is reopened") % {"id": self.id}
            )
        details = (
            self.details
            if keep_deadline
            else replace(self.details, application_deadline=application_deadline)
        )
        details.check(local_day(now))
        return replace(
            self,
            details=details,
            status=Status.OPEN,
            close_reason=None,
            updated_at=now,
            reopened_at=now,
            version=self.version + 1,
        )

    def _expect(self, expected_version: int | None) -> None:
        if expected_version is not None and expected_version != self.version:
            raise VersionConflictError(
                N_("vacancy %(id)s is at version %(version)s, not %(expected)s")
                % {"id": self.id, "version": self.version, "expected": expected_version}
            )


@dataclass(frozen=True, slots=True)
class VacancyEvent:
    """What the vacancy service tells the others: the vacancy's full state after a change."""

    event_type: str  # POSTED, UPDATED, CLOSED or REOPENED (declared in services/vacancy/events.py)
    vacancy: Vacancy

    @property
    def key(self) -> str:
        return self.vacancy.id

    def payload(self) -> dict[str, Any]:
        v = self.vacancy
        return {
            "vacancy_id": v.id,
            "version": v.version,
            "employer_org": v.employer_org,
            "status": v.status.value,
            "close_reason": v.close_reason.value if v.close_reason else None,
            **v.details.to_dict(),
            "updated_at": v.updated_at.isoformat(),
            "reopened_at": v.reopened_at.isoformat() if v.reopened_at else None,
        }


POSTED = "vacancy.posted"
UPDATED = "vacancy.updated"
CLOSED = "vacancy.closed"
REOPENED = "vacancy.reopened"
