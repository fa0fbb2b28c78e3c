"""Use cases of the training catalogue and of course suggestions for the skills candidates lack.

Why matching's team part owns the catalogue: the suggestions start from what only matching knows —
the essential skills a near-match candidate lacks for an open shortage vacancy (the shortlist's
explanation), the meeting's "skills most often missing", and the skills an employer said a rejected
candidate lacks (``not_hired`` with reason ``skills``). The coach's per-jobseeker view needs the
pseudonymous id turned back into a person, which only the profile service can do: so matching
publishes, per pseudonymous candidate, the gaps and the chosen courses (``training.suggested`` on
``kohtaanto.training.v1``), and the profile service shows them to the jobseeker's own coach. No
name ever reaches matching; no catalogue logic is duplicated in the profile service.
"""

from __future__ import annotations

import hashlib
import json
import logging
import uuid
from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from datetime import UTC, date, datetime
from typing import TYPE_CHECKING, Any, Protocol

from services.kernel.calendar import local_day
from services.kernel.texts import N_
from services.matching.team import events
from services.matching.team.replacing import Replacement, changes, refuse_unconfirmed
from services.matching.team.repository import SkillGap, UnitOfWork
from services.matching.team.training import (
    CatalogueError,
    Course,
    Places,
    Plan,
    is_header,
    read_catalogue,
    suggest,
    teaching,
)
from shared.auth import Principal
from shared.db import retry_on_conflict
from shared.entitlement import NATIONAL, acts_everywhere
from shared.languages import DEFAULT_LANGUAGE

if TYPE_CHECKING:
    from services.matching.index.handlers import MatchingHandlers

log = logging.getLogger(__name__)

NEAR_MATCH = "near_match"
EMPLOYER_FEEDBACK = "employer_feedback"
Clock = Callable[[], datetime]


class Labels(Protocol):
    def skill_label(self, uri: str, lang: str = "en") -> str: ...


@dataclass(frozen=True, slots=True)
class ImportedCatalogue:
    """What an import did. ``added``/``updated``: course ids new to the catalogue / replacing a stored
    course of the same provider and id; ``removed``: ``(provider, course_id)`` of stored courses the
    import deleted because the file replaces the provider's catalogue (its courses held where the caller
    acts) and did not list them (outside tester 25's F2: a partial file silently wiped the rest)."""

    import_id: str
    providers: list[str]
    courses: int
    described: str
    added: int = 0
    updated: int = 0
    removed: tuple[tuple[str, str], ...] = ()
    #: line → what was read otherwise than written (a former municipality name) or skipped (a note)
    warnings: dict[int, list[str]] = field(default_factory=dict)
    #: per provider in the file: course ids added, changed (same id, other content) and removed
    changes: tuple[Replacement, ...] = ()
    #: a dry run: nothing was stored or published (``import_id`` names no import)
    dry_run: bool = False


@dataclass(frozen=True, slots=True)
class GapPlan:
    gap: SkillGap
    plan: Plan


def outside_rows(
    found: list[Course], lines: list[int], within: frozenset[str], stored: list[Course], served: list[str]
) -> dict[int, list[str]]:
    """Row-level reasons (line → reasons) for the courses of an import by an organisation that serves
    only some regions (``within``: their municipality codes; ``served``: their ids): every course must
    be held in one of them, and may not take the id of a provider's course held elsewhere."""
    elsewhere = {c.key for c in stored if c.municipality is None or c.municipality not in within}
    area = ", ".join(served) or "none"
    errors: dict[int, list[str]] = {}
    for line, course in zip(lines, found, strict=True):
        reasons = []
        if course.municipality is None:
            reasons.append(
                N_(
                    "municipality: an online-only course reaches every region; only the system operator "
                    "imports it (or name the municipality that runs it; your organisation's regions: "
                    "%(regions)s)."
                )
                % {"regions": area}
            )
        elif course.municipality not in within:
            reasons.append(
                N_(
                    "municipality: %(municipality)s is outside your organisation's regions (%(regions)s); "
                    "courses held elsewhere are imported by an organisation serving that region."
                )
                % {"municipality": course.municipality, "regions": area}
            )
        elif course.key in elsewhere:
            reasons.append(
                N_(
                    "course_id: %(course)s of %(provider)s is held outside your organisation's regions "
                    "(%(regions)s); it stays as it is."
                )
                % {"course": repr(course.course_id), "provider": course.provider, "regions": area}
            )
        if reasons:
            errors[line] = reasons
    return errors


def replaced_courses(
    found: list[Course], stored: list[Course], within: frozenset[str] | None
) -> tuple[tuple[tuple[str, str], ...], int]:
    """What replacing the providers in ``found`` does to ``stored`` (the rule of
    ``replace_providers``): the ``(provider, course_id)`` pairs removed, sorted, and how many of
    ``found`` replace a stored course with the same key. ``within``: municipality codes the caller acts
    for (None: the provider's whole catalogue)."""
    providers = {c.provider for c in found}
    keys = {(c.provider, c.course_id) for c in found}
    stored_keys = {(c.provider, c.course_id) for c in stored}
    removed = sorted(
        (c.provider, c.course_id)
        for c in stored
        if c.provider in providers
        and (c.provider, c.course_id) not in keys
        and (within is None or c.municipality in within)
    )
    return tuple(removed), len(keys & stored_keys)


def provider_changes(
    found: list[Course], stored: list[Course], within: frozenset[str] | None
) -> tuple[Replacement, ...]:
    """Per provider in ``found`` (sorted), what replacing its stored courses (those held ``within``
    these municipality codes; None: all of them) with its courses in ``found`` does, by course id."""

    def content(c: Course) -> str:
        return json.dumps(c.to_dict(), sort_keys=True, default=str)

    result = []
    for provider in sorted({c.provider for c in found}):
        before = {
            c.course_id: content(c)
            for c in stored
            if c.provider == provider and (within is None or c.municipality in within)
        }
        after = {c.course_id: content(c) for c in found if c.provider == provider}
        result.append(changes(provider, before, after))
    return tuple(result)


def _now() -> datetime:
    return datetime.now(UTC)


class TrainingHandlers:
    def __init__(
        self,
        uow_factory: Callable[[], UnitOfWork],
        index: MatchingHandlers,
        labels: Labels,
        places: Places,
        region_codes: Mapping[str, set[str]],
        *,
        read_table: Callable[..., Any],
        acts_for: Callable[[str, str, str], bool] = acts_everywhere,
        clock: Clock = _now,
    ) -> None:
        """``acts_for(role, org, region)``: whether a caller may add or replace courses held in a
        region (the registry's ``Registry.acts_for``; the default, for in-process tools and unit
        tests, allows every region)."""
        self.uow_factory = uow_factory
        self.index = index  # the index's use cases: where candidates live, whether they are indexed
        self.labels = labels
        self.places = places
        self.region_codes = region_codes
        self.read_table = read_table
        self.acts_for = acts_for
        self.clock = clock

    # -- the catalogue ---------------------------------------------------------------------------------
    @retry_on_conflict()  # (two first imports of one provider: the loser's claim hits the key)
    def import_catalogue(
        self,
        data: bytes,
        filename: str,
        caller: Principal,
        *,
        dry_run: bool = False,
        confirm_removal: bool = False,
    ) -> ImportedCatalogue:
        """Validate the whole file (raises ``TableError`` or ``CatalogueError``), then replace each
        provider's courses and refresh every candidate's suggestions.

        A file that would remove more than half of a provider's stored courses, and at least 10
        (``replacing.removal_needs_confirming``), raises ``RemovalNotConfirmedError`` naming those
        providers unless ``confirm_removal`` (outside tester 34, F13), and nothing is stored.
        ``dry_run``: the same checks and the same answer (what would be added, changed and removed),
        but nothing is stored or published and no confirmation is needed.

        The system operator replaces each provider's whole catalogue. An organisation serving only
        some regions (``acts_for``) adds or replaces courses held there only: a row held elsewhere,
        online only, or taking the id of the provider's course held elsewhere is a row-level
        ``CatalogueError`` (nothing stored), and the provider's courses elsewhere stay.

        Imports naming the same provider run one after the other (``lock_providers``), so each
        answer's ``added``/``updated``/``removed`` is what that import did to the catalogue the one
        before it left (outside tester 28, T28-14)."""
        table = self.read_table(data, filename, header=is_header)
        read = read_catalogue(table.header, table.rows, self.places, table.note_warnings())
        found = read.courses
        import_id, now = str(uuid.uuid4()), self.clock()
        role, org = caller.role.value, caller.org
        within: frozenset[str] | None = None  # the system operator: every provider's whole catalogue
        with self.uow_factory() as uow:
            uow.training.lock_providers((c.provider for c in found), import_id, now)
            if not self.acts_for(role, org, NATIONAL):  # NATIONAL: online-only courses, every region
                served = sorted(r for r in self.region_codes if self.acts_for(role, org, r))
                within = frozenset(code for r in served for code in self.region_codes[r])
                lines = [line for line, _ in table.rows]  # every row became a course (else raised)
                errors = outside_rows(found, lines, within, uow.training.catalogue(), served)
                if errors:
                    raise CatalogueError(errors)
            stored = uow.training.catalogue()
            removed, updated = replaced_courses(found, stored, within)
            replacements = provider_changes(found, stored, within)
            if not dry_run:
                refuse_unconfirmed(replacements, confirm_removal)
                uow.training.replace_providers(found, import_id, now, within=within)
                self._publish(uow, uow.training.gap_candidates())
                uow.commit()
        providers = sorted({c.provider for c in found})
        log.info(
            "training catalogue checked (dry run)" if dry_run else "training catalogue imported",
            extra={
                "import_id": import_id,
                "courses": len(found),
                "removed": len(removed),
                "removal_confirmed": confirm_removal and any(r.needs_confirming for r in replacements),
                "by": caller.subject,
            },
        )
        return ImportedCatalogue(
            import_id,
            providers,
            len(found),
            table.described,
            added=len(found) - updated,
            updated=updated,
            removed=removed,
            warnings=read.warnings,
            changes=replacements,
            dry_run=dry_run,
        )

    def courses(self, skill: str | None = None, region: str | None = None) -> list[Course]:
        """Courses with a start to come, teaching ``skill`` and held in ``region`` or online."""
        today = local_day(self.clock())
        with self.uow_factory() as uow:
            found = [c for c in uow.training.catalogue() if c.next_start(today) is not None]
        if skill is not None:
            found = [c for c in found if skill in c.skills]
        if region is not None:
            codes = self.region_codes.get(region, set())
            found = [c for c in found if c.online or c.municipality in codes]
        return sorted(found, key=lambda c: (c.next_start(today) or date.max, c.title(), c.key))

    def teaching(self, skills: Iterable[str], region: str, limit: int = 3) -> dict[str, list[Course]]:
        """For each skill, up to ``limit`` courses teaching it in the region or online, soonest first."""
        today = local_day(self.clock())
        with self.uow_factory() as uow:
            catalogue = uow.training.catalogue()
        codes = self.region_codes.get(region, set())
        return {s: teaching(s, catalogue, today, codes, limit) for s in dict.fromkeys(skills)}

    # -- suggestions -----------------------------------------------------------------------------------
    def plan(
        self, candidate_id: str, missing: Iterable[str], catalogue: Sequence[Course] | None = None
    ) -> Plan:
        """Courses for ``missing``, near the candidate's home (from the index) and soonest first."""
        home = self.index.home(candidate_id)
        if catalogue is None:
            with self.uow_factory() as uow:
                catalogue = uow.training.catalogue()
        return suggest(
            missing,
            catalogue,
            today=local_day(self.clock()),
            home=home[0] if home else None,
            reach_km=home[1] if home else 0.0,
            coordinates=self.places.coordinates,
            road_networks=self.places.road_networks,
        )

    def suggestions(self, candidate_id: str) -> list[GapPlan]:
        with self.uow_factory() as uow:
            gaps = uow.training.gaps(candidate_id)
            catalogue = uow.training.catalogue()
        return [GapPlan(g, self.plan(candidate_id, g.missing, catalogue)) for g in gaps]

    def after_outcome(
        self,
        uow: UnitOfWork,
        candidate_id: str,
        vacancy_id: str,
        region: str,
        title: str,
        missing: Sequence[str],
        on: date,
    ) -> None:
        """An employer's ``not_hired`` for lack of skills: the skills feed the candidate's suggestions."""
        if not missing:
            return
        uow.training.put_gap(
            SkillGap(candidate_id, vacancy_id, EMPLOYER_FEEDBACK, region, title, tuple(missing), on)
        )
        self._publish(uow, [candidate_id])

    def after_meeting(
        self,
        uow: UnitOfWork,
        region: str,
        near: Mapping[str, tuple[str, Sequence[tuple[str, Sequence[str]]]]],
    ) -> int:
        """The region's near matches as the meeting ranked them (vacancy id → (title, [(candidate,
        missing skills)])) become the near-match gaps; changed suggestions are published. Returns
        how many candidates' suggestions were (re)published."""
        today = local_day(self.clock())
        gaps = [
            SkillGap(cid, vid, NEAR_MATCH, region, title, tuple(missing), today)
            for vid, (title, pairs) in near.items()
            for cid, missing in pairs
            if missing
        ]
        touched = uow.training.replace_near_matches(region, gaps)
        return self._publish(uow, sorted(touched))

    def _publish(self, uow: UnitOfWork, candidate_ids: Iterable[str]) -> int:
        """Publish each candidate's current suggestions when they changed (a tombstone when none)."""
        catalogue = uow.training.catalogue()
        sent = 0
        for cid in dict.fromkeys(candidate_ids):
            if not self.index.has_candidate(cid):
                uow.training.erase(cid)
            gaps = uow.training.gaps(cid)
            payload = (
                self._payload(cid, [GapPlan(g, self.plan(cid, g.missing, catalogue)) for g in gaps])
                if gaps
                else None
            )
            digest = (
                hashlib.sha256(json.dumps(payload, sort_keys=True).encode()).hexdigest() if payload else None
            )
            if digest == uow.training.published_digest(cid):
                continue
            if payload is None:
                uow.publish_tombstone(events.TRAINING_SUGGESTED.topic, cid)
            else:
                stamped = {**payload, "updated_at": self.clock().isoformat()}
                uow.publish(events.TRAINING_SUGGESTED, cid, stamped)
            uow.training.mark_published(cid, digest)
            sent += 1
        return sent

    def _payload(self, candidate_id: str, plans: list[GapPlan]) -> dict[str, Any]:
        """The ``training.suggested`` payload: pseudonymous; skills, vacancies and public courses only."""
        return {
            "candidate_id": candidate_id,
            "gaps": [
                {
                    "vacancy_id": p.gap.vacancy_id,
                    "vacancy_title": p.gap.vacancy_title,
                    "source": p.gap.source,
                    "recorded_on": p.gap.recorded_on.isoformat(),
                    "missing": [
                        {"uri": u, "label": self.labels.skill_label(u, DEFAULT_LANGUAGE)}
                        for u in p.gap.missing
                    ],
                    "courses": [s.to_dict() for s in p.plan.suggestions],
                    "uncovered": sorted(p.plan.uncovered),
                }
                for p in plans
            ],
        }
