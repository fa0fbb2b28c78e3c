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


class VersionConflictError(VacancyError):
    """The caller changed a version of the vacancy that is no longer the current one."""


class VersionRequiredError(VacancyError):
    """A change to a vacancy names no version (no ``If-Match``): it could overwrite a colleague's
    change unseen (RFC 6585 §3, 428). A replay identical to the stored vacancy needs none."""


class InvalidVacancyError(VacancyError):
    """A rule across fields is broken; ``errors`` maps field names to reasons."""

    def __init__(self, errors: dict[str, list[str]]) -> None:
        super().__init__("; ".join(f"{k}: {', '.join(v)}" for k, v in errors.items()))
        self.errors = errors


class Status(StrEnum):
    OPEN = "open"
    CLOSED = "closed"


class CloseReason(StrEnum):
    FILLED = "filled"
    CANCELLED = "cancelled"
    EXPIRED = "expired"


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

    def to_dict(self) -> dict[str, Any]:
        """Plain JSON-ready data: for the event payload and the stored row alike."""
        data = asdict(self)
        data["skills"] = [dict(s) for s in data["skills"]]
        data["languages"] = [dict(x) for x in data["languages"]]
        data["rejected_skills"] = list(data["rejected_skills"])
        for name in ("start_date", "application_deadline"):
            data[name] = data[name].isoformat() if data[name] else None
        return data

    @classmethod
    def from_dict(cls, data: Mapping[str, Any]) -> VacancyDetails:
        """The details of ``to_dict``'s data (stored rows), or of the API's validated input (dates as
        ``date``); a rejected skill given twice is kept once."""

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
            },
            today,
        )
        if errors:
            raise InvalidVacancyError(errors)


def rule_errors(values: Mapping[str, Any], today: date) -> dict[str, list[str]]:
    """The rules across a vacancy's fields, field → reasons (N_ message ids), over ``values`` as the
    API validated them (``skills``/``languages`` as lists of dicts, dates as ``date``). ``values`` may
    be partial: a field that failed its own validation is absent, and a rule needing it is skipped,
    so the API can answer every broken rule at once with the field errors (outside tester 13, P6: a
    start date before the deadline was told only after the municipality was fixed)."""
    errors: dict[str, list[str]] = {}
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
)
#: What a ``GET`` shows that the service derives afresh for each answer (the occupation's label, the
#: shortage flag of the lists in force, warnings and notices in the caller's language): accepted on a
#: ``PUT`` whatever their value and never stored, as they are computed, not kept.
DERIVED_FIELDS = ("occupation_label", "shortage", "warnings", "notices")
STATUS_READ_ONLY = N_(
    "Read-only: a vacancy is closed with POST /api/v1/vacancies/<id>/close, not by a PUT. Send the "
    "status as you read it (GET) or leave it out."
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
            raise VacancyClosedError(N_("vacancy %(id)s is closed") % {"id": self.id})
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

    def _expect(self, expected_version: int | None) -> None:
        if expected_version is not None and expected_version != self.version:
            raise VersionConflictError(
                N_("vacancy %(id)s is at version %(version)s, not %(expected)s")
                % {"id": self.id, "version": self.version, "expected": expected_version}
            )


@dataclass(frozen=True, slots=True)
class VacancyEvent:
    """What the vacancy service tells the others: the vacancy's full state after a change."""

    event_type: str  # POSTED, UPDATED or CLOSED (declared in services/vacancy/events.py)
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
        }


POSTED = "vacancy.posted"
UPDATED = "vacancy.updated"
CLOSED = "vacancy.closed"
