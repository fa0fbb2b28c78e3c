"""Use cases of the profile service. Personal data is read only here, and every read is audited."""

from __future__ import annotations

import logging
from collections.abc import Callable, Mapping
from dataclasses import dataclass, replace
from datetime import UTC, date, datetime
from typing import Any

from services.kernel.calendar import local_day
from services.profile.domain import (
    InvalidProfileError,
    Profile,
    ProfileAbsentError,
    ProfileDetails,
    ProfileNotFoundError,
    ProfileVersionConflictError,
    ProfileVersionRequiredError,
    Status,
    may_manage,
    may_see_contact,
    pseudonym,
)
from services.profile.repository import REFUSED_ACTION, UnitOfWork, processed
from shared.auth import Principal, audit_scope
from shared.db import retry_on_conflict
from shared.entitlement import may_mark_hired
from shared.i18n import N_
from shared.messaging.idempotency import claim

Clock = Callable[[], datetime]
#: The doors matching reports granted (``access.granted``'s ``action``): an audit entry's action as sent.
MATCHING_ACTIONS = frozenset(
    {"explanation.read", "course_plan.read", "outcome.write", "index_versions.read", "request.granted"}
)
log = logging.getLogger(__name__)


def _now() -> datetime:
    return datetime.now(UTC)


def _check_read_only(profile: Profile, sent: Mapping[str, Any] | None) -> None:
    """Raises ``InvalidProfileError`` when ``sent`` (read-only fields of the body) differs from ``profile``."""
    errors = profile.read_only_changes(sent or {})
    if errors:
        raise InvalidProfileError(errors)


def _check_choice_read_only(by_choice: frozenset[str], sent: frozenset[str] | None) -> None:
    """Raises ``InvalidProfileError`` on ``consent_by_choice`` when the body sent another set than stored."""
    if sent is not None and sent != by_choice:
        raise InvalidProfileError(
            {
                "consent_by_choice": [
                    N_(
                        "Read-only: the organisations the jobseeker consented to by a choice (a service "
                        "voucher's provider) are as stored; to give the jobseeker's own consent, list the "
                        "organisation in consented_orgs."
                    )
                ]
            }
        )


@dataclass(frozen=True, slots=True)
class ConsentChange:
    """What a profile ``PUT`` changed in the jobseeker's consent to organisations also consented by a choice
    (a voucher's provider; outside tester 40, T40-2): ``made_own``, consented by the choice alone and listed
    in ``consented_orgs``, are the jobseeker's own consent from now on (kept when the choice is
    withdrawn); ``left_to_choice``, the jobseeker's own consent as well and left out, are consented by the
    choice alone from now on (withdrawn with it)."""

    made_own: frozenset[str]
    left_to_choice: frozenset[str]
    #: the organisations consented by a choice alone after the write (the answer's ``consent_by_choice``)
    by_choice: frozenset[str] = frozenset()

    def __bool__(self) -> bool:
        return bool(self.made_own or self.left_to_choice)

    def purpose(self) -> str | None:
        """The ``profile.write`` audit entry's purpose naming the change (generated, not typed), or None."""
        parts = []
        if self.made_own:
            parts.append("own consent, was by choice only: " + ", ".join(sorted(self.made_own)))
        if self.left_to_choice:
            parts.append("by choice only, own consent ended: " + ", ".join(sorted(self.left_to_choice)))
        return "; ".join(parts) or None


@dataclass(frozen=True, slots=True)
class ContactCard:
    candidate_id: str
    name: str
    email: str | None
    phone: str | None


class ProfileHandlers:
    def __init__(
        self, uow_factory: Callable[[], UnitOfWork], pseudonym_key: bytes, clock: Clock = _now
    ) -> None:
        self.uow_factory = uow_factory
        self.pseudonym_key = pseudonym_key
        self.clock = clock

    @retry_on_conflict()
    def upsert(
        self,
        caller: Principal,
        profile_id: str,
        details: ProfileDetails,
        status: Status | None = None,
        expected_version: int | None = None,
        must_exist: bool = False,
        read_only: Mapping[str, Any] | None = None,
        choice_sent: frozenset[str] | None = None,
    ) -> tuple[Profile, bool, ConsentChange]:
        """Create or replace a profile of the caller's organisation; returns it and whether it was
        created. Profile ids are per organisation: another organisation's profile of the same id is
        untouched and unseen. ``status`` (``active`` or ``hired``) is the coach's correction of the
        status; None keeps it (a re-push never undoes ``hired`` by itself). ``expected_version`` (the
        caller's ``If-Match``): the profile must be at that version, else
        ``ProfileVersionConflictError`` and nothing changes (two coaches' full replacements do not
        overwrite each other unseen: an outside tester). Ids are compared without letter case: "T5-CASE"
        replaces "t5-case" (outside testers 5, F23, and 7, H9/H10). ``must_exist`` (``If-Match: *``), or
        an ``expected_version`` of a profile that does not exist: ``ProfileAbsentError`` (a
        ``ProfileVersionConflictError``) instead of creating one (outside testers 10, L13, and 28,
        T28-10). Replacing an
        existing profile needs one of the two: ``ProfileVersionRequiredError`` without either, and
        nothing changes (outside tester 14, P16: a read-change-put lost a colleague's change); a
        re-push of exactly what is stored (a retry, simultaneous first pushes) loses nothing and needs
        neither; it changes nothing either (the stored profile is returned at its version, nothing
        published; audited with purpose ``unchanged``: outside tester 20, P4). ``read_only``: the
        read-only fields the body sent back (``Profile.read_only_changes``): as stored (or, creating,
        as the new profile gets them) they are ignored; another value raises ``InvalidProfileError``
        naming the field, after the version checks, and nothing changes (outside tester 23, S6).
        ``choice_sent``: the body's ``consent_by_choice`` (read-only as well: as stored it is ignored,
        another set is an ``InvalidProfileError`` on it). ``details.consented_orgs`` is the jobseeker's own
        consent: an organisation consented by a choice alone that it lists becomes their own consent too,
        one that was both and is left out is the choice's alone again; the choice's organisations stay
        consented either way while the choice lasts (``ConsentChange``, returned third: the answer's
        warnings; outside tester 40, T40-2)."""
        with self.uow_factory() as uow:
            existing = uow.profiles.get(caller.org, profile_id)
            created = existing is None or existing.status is Status.WITHDRAWN
            if created and (must_exist or expected_version is not None):
                raise ProfileAbsentError(N_("profile %(id)s does not exist") % {"id": profile_id})
            unversioned = expected_version is None and not must_exist
            if unversioned and existing is not None and not created and not existing.same_as(details, status):
                raise ProfileVersionRequiredError(N_("profile %(id)s exists") % {"id": profile_id})
            if expected_version is not None and existing.version != expected_version:  # type: ignore[union-attr]
                raise ProfileVersionConflictError(
                    N_("profile %(id)s is not at version %(expected)s")
                    % {"id": profile_id, "expected": expected_version}
                )
            if created:
                # A withdrawal ended the previous identity: the id is a new person's now, with a new
                # pseudonym, version history and creation time (outside tester 3, F14).
                generation = existing.generation + 1 if existing is not None else 0
                candidate_id = pseudonym(self.pseudonym_key, caller.org, profile_id, generation)
                profile = Profile.create(
                    profile_id, candidate_id, caller.org, details, self.clock(), generation
                ).with_status(status)
                _check_read_only(profile, read_only)
                _check_choice_read_only(frozenset(), choice_sent)
                change = ConsentChange(frozenset(), frozenset())
                if existing is None:
                    uow.profiles.add(profile)
                else:
                    uow.profiles.recreate(profile)
            else:
                assert existing is not None
                _check_read_only(existing, read_only)
                cid = existing.candidate_id
                # a choice that has ended (its voucher expired, hired or withdrawn) consents no more,
                # though its grant was never withdrawn (review 40); a body read before it ended may still
                # send it back in ``consent_by_choice``, as read
                lapsed = uow.lapsed_choices(cid, local_day(self.clock()))
                granted, by_choice = uow.granted_orgs(cid) - lapsed, uow.consent_by_choice(cid) - lapsed
                if choice_sent != by_choice | (lapsed & (choice_sent or frozenset())):
                    _check_choice_read_only(by_choice, choice_sent)
                # listing such an organisation again is the jobseeker's own consent
                uow.consent_restated(cid, lapsed & details.consented_orgs)
                # ``consented_orgs`` is the jobseeker's own consent (``GET`` shows the choice's apart, in
                # ``consent_by_choice``): an organisation consented by a choice alone (a voucher's
                # provider) that the coach lists is now the jobseeker's own consent too (F13); one that
                # was their own too and is left out is the choice's alone again (outside tester 40,
                # T40-2: a body read and sent back made the choice permanent).
                change = ConsentChange(
                    by_choice & details.consented_orgs,
                    granted - by_choice - details.consented_orgs,
                    (by_choice - details.consented_orgs) | (granted - by_choice - details.consented_orgs),
                )
                uow.consent_restated(cid, change.made_own)
                uow.consent_unstated(cid, change.left_to_choice)
                if granted - details.consented_orgs:
                    details = replace(details, consented_orgs=details.consented_orgs | granted)
                if not change and existing.same_as(details, status):
                    # An identical replay (a retry, a re-push of what is stored) is a no-op: the same
                    # version and ETag, nothing published, so a colleague's If-Match stays valid
                    # (outside tester 20, P4). Audited all the same: the caller sent this jobseeker's
                    # personal data and it was compared with the stored copy.
                    self._audit(uow, caller, "profile.write", True, profile_id, existing, "unchanged")
                    uow.commit()
                    return existing, False, change
                profile = existing.update(details, self.clock()).with_status(status)
                # written only over the version read: a change committed meanwhile makes this run again
                # on it (with If-Match the check above then answers 412; without, this replaces it)
                uow.profiles.save(profile)
            uow.publish_candidate(profile)
            self._audit(uow, caller, "profile.write", True, profile_id, profile, change.purpose())
            uow.commit()
        return profile, created, change

    @retry_on_conflict()
    def withdraw(self, caller: Principal, profile_id: str, expected_version: int | None = None) -> Profile:
        """Withdraw (erase) a profile of the caller's organisation; ``ProfileNotFoundError`` when the
        organisation has no such profile (audited as a denied attempt). ``expected_version`` (the
        caller's ``If-Match``): the profile must be at that version, else ``ProfileVersionConflictError``
        and nothing is erased (erasure cannot be undone: outside tester 10, L13). A profile already
        withdrawn is returned as it is, whatever ``expected_version``: erasure is idempotent, so a
        case-management system retrying a DELETE whose answer it lost learns that what it asked for
        holds, not that the profile "changed since read" (outside tester 16, P10); the attempt is
        audited, nothing else happens."""
        with self.uow_factory() as uow:
            profile = self._own(uow, caller, profile_id, "profile.withdraw")
            if profile.status is Status.WITHDRAWN:
                self._audit(uow, caller, "profile.withdraw", True, profile_id, profile)
                uow.commit()
                return profile
            if expected_version is not None and profile.version != expected_version:
                raise ProfileVersionConflictError(
                    N_("profile %(id)s is not at version %(expected)s")
                    % {"id": profile_id, "expected": expected_version}
                )
            withdrawn = profile.withdraw(self.clock())
            uow.profiles.save(withdrawn)
            uow.publish_candidate(withdrawn)
            uow.erase_related(profile.candidate_id)
            uow.audit.forget_erased_person(profile.candidate_id, profile.id, profile.coach_org)
            # the entry names the case number, never the erased pseudonym (the row no longer holds it)
            uow.audit.record(
                actor=caller.subject,
                role=caller.role,
                org=caller.org,
                action="profile.withdraw",
                granted=True,
                profile_id=profile.id,
                subject_org=profile.coach_org,
                erased=True,
            )
            uow.commit()
            uow.forget_erased()  # no copy left in SQLite's write-ahead log (outside tester 18, P12)
        return withdrawn

    def read(self, caller: Principal, profile_id: str) -> tuple[Profile, frozenset[str]]:
        """A coach of the profile's organisation reads the whole profile, personal data included; returns it
        and the organisations of its ``consented_orgs`` consented by a choice alone (a voucher's provider:
        ``UnitOfWork.consent_by_choice``), which the answer shows apart."""
        with self.uow_factory() as uow:
            profile = self._own(uow, caller, profile_id, "profile.read")
            self._audit(uow, caller, "profile.read", True, profile_id, profile)
            profile = self.in_force(uow, profile, self.clock())
            by_choice = self.consent_by_choice(uow, profile)
            uow.commit()
        return profile, by_choice

    @staticmethod
    def in_force(uow: UnitOfWork, profile: Profile, now: datetime) -> Profile:
        """``profile`` with ``consented_orgs`` as in force at ``now`` (aware): without the organisations
        consented by a choice that has ended though no withdrawal was written — a voucher expired or
        hired (``UnitOfWork.lapsed_choices``; review 40: the provider kept the name and e-mail after
        the voucher). The stored profile is unchanged (same version); the next write stores it so.
        Raises nothing."""
        if profile.details is None:
            return profile
        lapsed = uow.lapsed_choices(profile.candidate_id, local_day(now)) & profile.details.consented_orgs
        if not lapsed:
            return profile
        return replace(
            profile, details=replace(profile.details, consented_orgs=profile.details.consented_orgs - lapsed)
        )

    @staticmethod
    def consent_by_choice(uow: UnitOfWork, profile: Profile) -> frozenset[str]:
        """Organisation ids of ``profile``'s ``consented_orgs`` consented by a choice alone (a voucher's
        provider, ``UnitOfWork.consent_by_choice``); empty for a withdrawn profile. Raises nothing."""
        if profile.details is None:
            return frozenset()
        return uow.consent_by_choice(profile.candidate_id) & profile.details.consented_orgs

    def contacts(self, caller: Principal, candidate_ids: list[str], purpose: str) -> list[ContactCard]:
        """Contact cards of those candidates the caller may see (``may_see_contact``).

        The others are simply absent (not even their existence is confirmed). Every candidate asked
        about is audited, granted or not.
        """
        cards: list[ContactCard] = []
        with self.uow_factory() as uow:
            now = self.clock()
            found = {
                p.candidate_id: self.in_force(uow, p, now) for p in uow.profiles.by_candidate(candidate_ids)
            }
            for candidate_id in candidate_ids:
                profile = found.get(candidate_id)
                granted = profile is not None and may_see_contact(caller.role, caller.org, profile)
                held = None if profile else self._erased_holder(uow, candidate_id)
                uow.audit.record(
                    actor=caller.subject,
                    role=caller.role,
                    org=caller.org,
                    action="contact.read",
                    granted=granted,
                    profile_id=profile.id if profile else held[0] if held else None,
                    candidate_id=None if held else candidate_id,
                    purpose=purpose,
                    subject_org=profile.coach_org if profile else held[1] if held else None,
                    erased=held is not None,
                    resolved=profile is None,
                )
                if granted and profile is not None and profile.details is not None:
                    personal = profile.details.personal
                    cards.append(ContactCard(candidate_id, personal.name, personal.email, personal.phone))
            uow.commit()
        return cards

    @retry_on_conflict()
    def outcome_recorded(self, event_id: str, outcome: dict[str, Any]) -> bool:
        """Consumer side of ``outcome.recorded``: the referral is noted (what the jobseeker and the
        employer may rate), and a ``hired`` outcome marks the profile hired and republishes it, but
        only when the recorder is entitled for this jobseeker (``shared.entitlement.may_mark_hired``,
        re-checked here whatever matching checked: the recorder's role and organisation travel in
        the event). Every ``hired`` is audited, a refused one as denied, and a refused one changes
        nothing. Returns whether the candidate has a profile here."""
        role, org = outcome.get("recorded_by_role"), outcome.get("recorded_by_org")
        with self.uow_factory() as uow:
            if not claim(uow.conn, processed, "profile.outcomes", event_id):
                return False
            matches = uow.profiles.by_candidate([outcome["candidate_id"]])
            if matches:
                uow.referral_noted(outcome)
            for profile in matches if outcome["status"] == "hired" else []:
                consented = profile.details.consented_orgs if profile.details else frozenset()
                entitled = may_mark_hired(role, org, profile.coach_org, consented)
                uow.audit.record(
                    actor=outcome.get("recorded_by") or f"outcome:{event_id}",
                    role=role or "unknown",
                    org=org or "unknown",
                    action="profile.hired",
                    granted=entitled,
                    profile_id=profile.id,
                    candidate_id=profile.candidate_id,
                    subject_org=profile.coach_org,
                )
                if not entitled:
                    log.warning(
                        "hired outcome from a recorder not entitled: ignored", extra={"event_id": event_id}
                    )
                    continue
                hired = profile.mark_hired(self.clock())
                if hired is not profile:
                    uow.profiles.save(hired)
                    uow.publish_candidate(hired)
                    uow.hired_related(
                        profile.candidate_id, self.clock(), date.fromisoformat(outcome["occurred_on"])
                    )
            uow.commit()
        return bool(matches)

    def access_refused(self, event_id: str, refusal: dict[str, Any]) -> bool:
        """Consumer side of ``access.refused`` (matching refused a request naming the candidate,
        ``services.matching.team.refusals``): one ``granted: no`` entry, action ``request.refused``,
        the route, status and reason in ``purpose`` (``matching: 404 GET /api/v1/… (reason), vacancy
        <id>``), at the time matching refused it. ``AuditLog.record`` adds the profile id and its
        organisation when the candidate has a profile here, so the owner's officer finds it by
        ``?profile_id=``; the actor's organisation's officer and the system auditor by ``?actor=``.
        Idempotent by event id (at-least-once delivery); returns whether it was recorded now."""
        purpose = f"matching: {refusal['status']} {refusal['route']} ({refusal['reason']})"
        if refusal.get("vacancy_id"):
            purpose += f", vacancy {refusal['vacancy_id']}"
        with self.uow_factory() as uow:
            if not claim(uow.conn, processed, "profile.outcomes", event_id):
                return False
            held = None
            if not uow.profiles.by_candidate([refusal["candidate_id"]]):
                held = self._erased_holder(uow, refusal["candidate_id"])
            uow.audit.record(
                actor=refusal["actor"],
                role=refusal["actor_role"],
                org=refusal["actor_org"],
                action=REFUSED_ACTION,
                granted=False,
                # an erased earlier holder of a profile id used again: its case number, no pseudonym, and the
                # purpose marked as the erased person's (the text is matching's own, no one typed it)
                profile_id=held[0] if held else None,
                subject_org=held[1] if held else None,
                candidate_id=None if held else refusal["candidate_id"],
                purpose=purpose,
                at=refusal["refused_at"],
                erased=held is not None,
                resolved=True,
            )
            uow.commit()
        return True

    def _erased_holder(self, uow: UnitOfWork, candidate_id: str) -> tuple[str, str] | None:
        """(profile id, organisation) of the erased person whose pseudonym was ``candidate_id`` — a profile
        withdrawn, or an earlier holder of a profile id created again since — None when it was nobody's.
        Derived with the key (``ProfileRepository.erased_holder``), as no row stores an erased person's
        pseudonym (outside testers 35, F9, and 36, H9), so an access or refusal naming the erased person is
        found by the owner's ``?profile_id=…&identities=all``."""
        return uow.profiles.erased_holder(self.pseudonym_key, candidate_id)

    def access_granted(self, event_id: str, access: dict[str, Any]) -> bool:
        """Consumer side of ``access.granted`` (matching gave the caller a candidate's explanation or course
        plan, recorded an outcome …: ``services.matching.team.refusals``; outside tester 36, H8): one
        ``granted: yes`` entry, the door as its action (``MATCHING_ACTIONS``; another reads
        ``request.granted``), the route and vacancy in ``purpose`` (``matching: 201 POST /api/v1/…, vacancy
        <id>``: generated, nothing anyone typed), at the time matching answered. ``AuditLog.record`` adds the
        profile id and its organisation, so the owner's officer finds it by ``?profile_id=``; about an erased
        person it keeps the case number, who, when and the action only (``erased_purpose``). Idempotent by event
        id (at-least-once delivery); returns whether it was recorded now."""
        action = access["action"] if access["action"] in MATCHING_ACTIONS else "request.granted"
        purpose = f"matching: {access['status']} {access['route']}"
        if access.get("vacancy_id"):
            purpose += f", vacancy {access['vacancy_id']}"
        with self.uow_factory() as uow:
            if not claim(uow.conn, processed, "profile.outcomes", event_id):
                return False
            held = None
            if not uow.profiles.by_candidate([access["candidate_id"]]):
                held = self._erased_holder(uow, access["candidate_id"])
            uow.audit.record(
                actor=access["actor"],
                role=access["actor_role"],
                org=access["actor_org"],
                action=action,
                granted=True,
                profile_id=held[0] if held else None,
                subject_org=held[1] if held else None,
                candidate_id=None if held else access["candidate_id"],
                purpose=purpose,
                at=access["accessed_at"],
                erased=held is not None,
                resolved=True,
            )
            uow.commit()
        return True

    def _own(self, uow: UnitOfWork, caller: Principal, profile_id: str, action: str) -> Profile:
        profile = uow.profiles.get(caller.org, profile_id)
        if profile is None or not may_manage(caller.role, caller.org, profile):
            self._audit(uow, caller, action, False, profile_id, None)
            uow.commit()
            raise ProfileNotFoundError(profile_id)
        return profile

    def read_audit(
        self, caller: Principal, *, profile_id: str | None, candidate_id: str | None, **query: Any
    ) -> list[dict[str, Any]]:
        """Audit entries ``caller`` may read (``audit_scope``), filtered as ``AuditLog.entries`` says;
        the read is recorded as an ``audit.read`` entry naming the profile or candidate asked about
        (the log is personal data too: who looked up whose history shows in it). Raises
        ``PermissionError`` for a role that may not read it."""
        scope = audit_scope(caller)
        with self.uow_factory() as uow:
            entries = uow.audit.entries(
                scope_org=scope, profile_id=profile_id, candidate_id=candidate_id, **query
            )
            # an id asked about by the own officer is in its organisation's namespace
            subject = uow.profiles.get(scope, profile_id) if profile_id and scope else None
            uow.audit.record(
                actor=caller.subject,
                role=caller.role,
                org=caller.org,
                action="audit.read",
                granted=True,
                profile_id=profile_id,
                candidate_id=candidate_id or (subject.candidate_id if subject else None),
                subject_org=scope if profile_id else None,
            )
            uow.commit()
        return entries

    @staticmethod
    def _audit(
        uow: UnitOfWork,
        caller: Principal,
        action: str,
        granted: bool,
        profile_id: str | None,
        profile: Profile | None,
        purpose: str | None = None,
    ) -> None:
        uow.audit.record(
            actor=caller.subject,
            role=caller.role,
            org=caller.org,
            action=action,
            granted=granted,
            profile_id=profile.id if profile else profile_id,  # the stored spelling of the id
            candidate_id=profile.candidate_id if profile else None,
            # A denied attempt concerns the caller's own namespace of ids: there is no other owner.
            subject_org=profile.coach_org if profile else caller.org,
            purpose=purpose,
        )
