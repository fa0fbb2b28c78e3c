"""The jobseeker profile, its pseudonym, consent and the minimised view published for matching.

Pure Python: no Flask, SQL, Kafka or marshmallow.
"""

from __future__ import annotations

import hashlib
import hmac
from collections.abc import Mapping
from dataclasses import dataclass, replace
from datetime import date, datetime
from enum import StrEnum
from typing import Any

from services.kernel.calendar import local_day
from services.kernel.read_only import read_only_changes
from services.kernel.texts import N_

#: How far ahead a jobseeker's availability date may lie, in days: a vacancy's start date's typo guard
#: (services/vacancy/domain.py START_DAYS_AHEAD), three years.
AVAILABLE_DAYS_AHEAD = 3 * 365


class ProfileError(Exception):
    """Base of the profile service's domain errors."""


class ProfileNotFoundError(ProfileError):
    pass


class NotPermittedError(ProfileError):
    """The caller's organisation may not see or change this profile."""


class ProfileWithdrawnError(ProfileError):
    pass


class ProfileVersionConflictError(ProfileError):
    """The caller's ``If-Match`` names a version the profile is no longer (or not) at."""


class ProfileAbsentError(ProfileVersionConflictError):
    """The caller's ``If-Match`` names a version (or ``*``) of a profile that does not exist: never
    pushed, withdrawn, or another organisation's id (outside tester 28, T28-10)."""


class ProfileVersionRequiredError(ProfileError):
    """A change to an existing profile names no version (no ``If-Match``): it could overwrite a
    colleague's change unseen (outside tester 14, P16)."""


class InvalidProfileError(ProfileError):
    def __init__(self, errors: dict[str, Any]) -> None:
        super().__init__("; ".join(f"{k}: {v}" for k, v in errors.items()))
        self.errors = errors


class Status(StrEnum):
    ACTIVE = "active"
    HIRED = "hired"
    WITHDRAWN = "withdrawn"


class TargetGroup(StrEnum):
    LONG_TERM_UNEMPLOYED = "long_term_unemployed"
    YOUNG_PERSON = "young_person"
    IMMIGRANT = "immigrant"
    RECENTLY_LAID_OFF = "recently_laid_off"
    PARTIAL_WORK_ABILITY = "partial_work_ability"
    OVER_50 = "over_50"


class EducationLevel(StrEnum):
    BASIC = "basic"  # perusaste
    UPPER_SECONDARY = "upper_secondary"  # lukio
    VOCATIONAL = "vocational"  # ammatillinen perustutkinto
    BACHELOR = "bachelor"
    MASTER = "master"
    DOCTORATE = "doctorate"


@dataclass(frozen=True, slots=True)
class SkillEntry:
    uri: str
    level: str = "intermediate"


@dataclass(frozen=True, slots=True)
class Experience:
    occupation_uri: str
    years: float
    ended_year: int | None = None


MAX_JOBS_AT_ONCE = 2
"""Jobs a person can hold at once (a main job and one beside it): more overlapping spells are
accepted with a warning (`jobs_at_once`); matching counts their shared years at a fraction
(`services.matching.index.domain.vectors.overlap_shares`)."""


def jobs_at_once(work_history: tuple[Experience, ...], current_year: int) -> tuple[int, ...]:
    """Positions (in ``work_history``'s order) of the spells that overlap with more than
    `MAX_JOBS_AT_ONCE` - 1 others at some time; () when none. A spell covers the years
    [end - years, end], end = ``ended_year`` or ``current_year`` for a current job (at most
    ``current_year``); spells only touching at an end do not overlap, nor do spells of no length.
    Outside tester 31, F10: four current ten-year jobs were accepted without a word."""
    spans = []
    for work in work_history:
        end = float(current_year if work.ended_year is None else min(work.ended_year, current_year))
        spans.append((end - max(0.0, float(work.years)), end))
    found: set[int] = set()
    for a in sorted({a for a, b in spans if b > a}):
        # at the start of each spell, the spells covering the moment just after it
        at = [i for i, (lo, hi) in enumerate(spans) if lo <= a < hi]
        if len(at) > MAX_JOBS_AT_ONCE:
            found.update(at)
    return tuple(sorted(found))


WORKING_LIFE_YEARS = 50
"""Years a working life spans at most (from about 17 to the oldest pension age, 68, and a little
more): a spell longer than this, or one that started more than this many years before the current
year, is accepted with a warning (`implausible_spells`)."""


def implausible_spells(work_history: tuple[Experience, ...], current_year: int) -> tuple[int, ...]:
    """Positions (in ``work_history``'s order) of the spells no working life holds: longer than
    `WORKING_LIFE_YEARS`, or starting more than that many years before ``current_year`` (a start is
    ``ended_year`` or ``current_year`` for a current job, at most ``current_year``, less ``years``);
    () when none. Outside tester 32: a 60-year spell and one starting in 1945 were accepted without a
    word (the schema takes up to 60 years a spell: a typo is more likely than a refusal is kind)."""
    found = []
    for i, work in enumerate(work_history):
        end = current_year if work.ended_year is None else min(work.ended_year, current_year)
        if work.years > WORKING_LIFE_YEARS or end - work.years < current_year - WORKING_LIFE_YEARS:
            found.append(i)
    return tuple(found)


@dataclass(frozen=True, slots=True)
class Language:
    code: str
    level: str


@dataclass(frozen=True, slots=True)
class PersonalData:
    """Confidential: never published, never logged; shown only to the coach's organisation and to
    partner organisations the jobseeker consented to, and every showing is audit-logged."""

    name: str
    email: str | None = None
    phone: str | None = None


@dataclass(frozen=True, slots=True)
class ProfileDetails:
    personal: PersonalData
    skills: tuple[SkillEntry, ...]
    suggested_skills: tuple[str, ...]
    work_history: tuple[Experience, ...]
    education_level: EducationLevel
    languages: tuple[Language, ...]
    municipality: str
    max_commute_km: float
    available_from: date
    working_time: str
    target_groups: tuple[TargetGroup, ...]
    consented_orgs: frozenset[str]

    def normalised(self) -> ProfileDetails:
        """These details with every list in one canonical order (skills, suggested skills, work
        history, languages and target groups are sets to the service: nothing reads their order), for
        telling whether a push is identical to the stored profile. The API has already brought the
        rest to one form: a municipality by name or code is its code, a date ``1.12.2026`` or
        ``2026-12-01`` a ``date``."""
        return replace(
            self,
            skills=tuple(sorted(self.skills, key=lambda s: (s.uri, s.level))),
            suggested_skills=tuple(sorted(self.suggested_skills)),
            work_history=tuple(
                sorted(
                    self.work_history,
                    key=lambda e: (e.occupation_uri, e.years, -1 if e.ended_year is None else e.ended_year),
                )
            ),
            languages=tuple(sorted(self.languages, key=lambda x: (x.code, x.level))),
            target_groups=tuple(sorted(self.target_groups, key=lambda t: t.value)),
        )

    def to_dict(self) -> dict[str, Any]:
        """Plain JSON-ready data, personal data included: for storage here, never for events."""
        d = self
        return {
            "personal": {"name": d.personal.name, "email": d.personal.email, "phone": d.personal.phone},
            "skills": [{"uri": s.uri, "level": s.level} for s in d.skills],
            "suggested_skills": list(d.suggested_skills),
            "work_history": [
                {"occupation_uri": e.occupation_uri, "years": e.years, "ended_year": e.ended_year}
                for e in d.work_history
            ],
            "education_level": d.education_level.value,
            "languages": [{"code": x.code, "level": x.level} for x in d.languages],
            "municipality": d.municipality,
            "max_commute_km": d.max_commute_km,
            "available_from": d.available_from.isoformat(),
            "working_time": d.working_time,
            "target_groups": [t.value for t in d.target_groups],
            "consented_orgs": sorted(d.consented_orgs),
        }

    @classmethod
    def from_dict(cls, data: Mapping[str, Any]) -> ProfileDetails:
        """The details of ``to_dict``'s data (stored rows), or of the API's validated input (a date as
        ``date``); a suggested skill or target group given twice is kept once."""
        day = data["available_from"]
        return cls(
            personal=PersonalData(**data["personal"]),
            skills=tuple(SkillEntry(s["uri"], s["level"]) for s in data["skills"]),
            suggested_skills=tuple(dict.fromkeys(data["suggested_skills"])),
            work_history=tuple(Experience(**e) for e in data["work_history"]),
            education_level=EducationLevel(data["education_level"]),
            languages=tuple(Language(x["code"], x["level"]) for x in data["languages"]),
            municipality=data["municipality"],
            max_commute_km=float(data["max_commute_km"]),
            available_from=date.fromisoformat(day) if isinstance(day, str) else day,
            working_time=data["working_time"],
            target_groups=tuple(TargetGroup(t) for t in dict.fromkeys(data["target_groups"])),
            consented_orgs=frozenset(data["consented_orgs"]),
        )

    def check(self, today: date) -> None:
        """Rules across fields, and the typo guards of dates (``today``: the service clock's day);
        raises InvalidProfileError mapping field names (``work_history`` → index → field) to reasons."""
        errors: dict[str, Any] = {}
        if (self.available_from - today).days > AVAILABLE_DAYS_AHEAD:
            # outside tester 10, L4: the same guard as a vacancy's start date (2099 is a typo)
            errors["available_from"] = [N_("The availability date is more than three years ahead.")]
        ended = {
            str(i): {
                "ended_year": [
                    N_("The job ends in a future year: leave ended_year out (null) for a current job.")
                ]
            }
            for i, work in enumerate(self.work_history)
            if work.ended_year is not None and work.ended_year > today.year
        }
        if ended:
            errors["work_history"] = ended
        chosen = {s.uri for s in self.skills}
        if len(chosen) != len(self.skills):
            errors["skills"] = [N_("A skill is listed more than once.")]
        if chosen & set(self.suggested_skills):
            errors["suggested_skills"] = [N_("A suggested skill is already among the chosen skills.")]
        if len({lang.code for lang in self.languages}) != len(self.languages):
            errors["languages"] = [N_("A language is listed more than once.")]
        if errors:
            raise InvalidProfileError(errors)


def pseudonym(key: bytes, coach_org: str, profile_id: str, generation: int = 0) -> str:
    """The candidate id other services see: stable per profile (an organisation's id) and identity,
    not reversible without the key. HMAC-SHA-256, 96 bits, hex with the prefix ``c-``.

    ``generation`` counts the people who have held the profile id: a withdrawal ends an identity, and
    a profile created again under the same id (organisations reuse case numbers) is generation + 1,
    so the new person never inherits the erased person's pseudonym. Generation 0 is the original
    form (the same ids as before generations existed)."""
    message = f"{coach_org}\x1f{profile_id}".encode()
    if generation:
        message += f"\x1f{generation}".encode()
    return "c-" + hmac.new(key, message, hashlib.sha256).hexdigest()[:24]


MATCHING_FIELDS = (
    "skills",
    "suggested_skills",
    "work_history",
    "languages",
    "municipality",
    "max_commute_km",
    "available_from",
    "working_time",
)
"""The details ``candidate.upserted`` carries (as ``ProfileDetails.to_dict`` writes them), besides the
candidate id, version, status and consented organisations: what ranking needs, nothing more."""

#: What a profile's ``GET`` shows that the service sets: a ``PUT`` may send them back as read
#: (``Profile.read_only_changes``; the version is the ``If-Match`` the API reads from the body).
READ_ONLY_FIELDS = ("id", "candidate_id", "coach_org", "version", "created_at", "updated_at")


@dataclass(frozen=True, slots=True)
class Profile:
    id: str
    candidate_id: str
    coach_org: str
    details: ProfileDetails | None  # None once withdrawn: the personal data is erased
    status: Status
    version: int
    created_at: datetime
    updated_at: datetime
    #: How many identities held this profile id before (see ``pseudonym``); kept after a withdrawal.
    generation: int = 0

    @classmethod
    def create(
        cls,
        profile_id: str,
        candidate_id: str,
        coach_org: str,
        details: ProfileDetails,
        now: datetime,
        generation: int = 0,
    ) -> Profile:
        details.check(local_day(now))
        return cls(profile_id, candidate_id, coach_org, details, Status.ACTIVE, 1, now, now, generation)

    def same_as(self, details: ProfileDetails, status: Status | None) -> bool:
        """Whether a push of ``details`` (and ``status``, None: kept) would change nothing the coach
        pushed: a retry or a repeated push, which needs no ``If-Match`` (it cannot lose a change).
        Compared in the normalised form (``ProfileDetails.normalised``): the lists in another order
        are the same profile (outside tester 21, Q6)."""
        return (
            self.details is not None
            and self.details.normalised() == details.normalised()
            and (status is None or status is self.status)
        )

    def read_only_changes(self, sent: Mapping[str, Any]) -> dict[str, list[str]]:
        """Field → [reason] for each read-only field of a ``PUT`` body (``READ_ONLY_FIELDS``, as loaded:
        text, an integer version, aware datetimes) that differs from this profile's (the stored one, or
        the one the push creates): the id without letter case, as ids are compared; the rest exactly,
        timestamps as instants. Empty when all are as read (outside tester 23, S6)."""
        stored = {name: getattr(self, name) for name in READ_ONLY_FIELDS}
        return read_only_changes(sent, stored, folded=("id",))

    def update(self, details: ProfileDetails, now: datetime) -> Profile:
        """A new version of a profile that is not withdrawn (a withdrawn one is created anew, as a new
        identity: ``ProfileHandlers.upsert``)."""
        details.check(local_day(now))
        status = Status.ACTIVE if self.status is Status.WITHDRAWN else self.status
        return replace(self, details=details, status=status, version=self.version + 1, updated_at=now)

    def withdraw(self, now: datetime) -> Profile:
        if self.status is Status.WITHDRAWN:
            raise ProfileWithdrawnError(self.id)
        return replace(self, details=None, status=Status.WITHDRAWN, version=self.version + 1, updated_at=now)

    def mark_hired(self, now: datetime) -> Profile:
        if self.status is not Status.ACTIVE:
            return self
        return replace(self, status=Status.HIRED, version=self.version + 1, updated_at=now)

    def with_status(self, status: Status | None) -> Profile:
        """The coach's correction of the status (``active`` or ``hired``); None keeps it."""
        if status is None or self.status is Status.WITHDRAWN:
            return self
        if status is Status.WITHDRAWN:
            raise InvalidProfileError({"status": [N_("Withdraw a profile with DELETE.")]})
        return replace(self, status=status)

    def visible_to_partner(self, org: str) -> bool:
        return self.details is not None and org in self.details.consented_orgs

    def for_matching(self) -> dict[str, Any]:
        """The minimised, pseudonymous payload of ``candidate.upserted``: only what ranking needs.

        No name, contact, profile id, education or target group (special-category or not needed to rank).
        """
        if self.details is None:
            raise ProfileWithdrawnError(self.id)
        stored = self.details.to_dict()
        return {
            "candidate_id": self.candidate_id,
            "version": self.version,
            "status": self.status.value,
            **{name: stored[name] for name in MATCHING_FIELDS},
            # The jobseeker's own employment-services organisation is listed too: the consent rules
            # of every service (shared/entitlement.py) treat it as consented.
            "consented_orgs": sorted(self.details.consented_orgs | {self.coach_org}),
        }


# -- who may see what (explicit rules: the API, the consumer and later features call these) --------
PARTNER_ROLES = frozenset({"recruiter", "team_member", "coach"})


def may_manage(caller_role: str, caller_org: str, profile: Profile) -> bool:
    """Read in full, change, withdraw, correct the status: the coaches of the owning organisation."""
    return caller_role == "coach" and caller_org == profile.coach_org


def may_see_contact(caller_role: str, caller_org: str, profile: Profile) -> bool:
    """Name and contact details: the own coaches, and the recruiters, team members and coaches of an
    organisation the jobseeker consented to (while the profile is not withdrawn)."""
    if profile.details is None:
        return False
    return may_manage(caller_role, caller_org, profile) or (
        caller_role in PARTNER_ROLES and profile.visible_to_partner(caller_org)
    )


CANDIDATE_UPSERTED = "candidate.upserted"
