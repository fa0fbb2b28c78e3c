"""Use cases of the profile service. Personal data is read only here, and every read is audited."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, replace
from datetime import UTC, datetime

from services.profile.domain import (
    NotPermittedError,
    Profile,
    ProfileDetails,
    ProfileNotFoundError,
    pseudonym,
)
from services.profile.repository import UnitOfWork, processed
from shared.auth import Principal, Role
from shared.messaging.idempotency import claim

Clock = Callable[[], datetime]


def _now() -> datetime:
    return datetime.now(UTC)


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

    def upsert(self, caller: Principal, profile_id: str, details: ProfileDetails) -> tuple[Profile, bool]:
        """Create or replace a profile; returns it and whether it was created."""
        with self.uow_factory() as uow:
            existing = uow.profiles.get(profile_id)
            if existing is None:
                profile = Profile.create(
                    profile_id, pseudonym(self.pseudonym_key, profile_id), caller.org, details, self.clock()
                )
                uow.profiles.add(profile)
            else:
                self._own(caller, existing)
                granted = uow.granted_orgs(existing.candidate_id)
                if granted - details.consented_orgs:
                    details = replace(details, consented_orgs=details.consented_orgs | granted)
                profile = existing.update(details, self.clock())
                uow.profiles.save(profile)
            uow.publish_candidate(profile)
            uow.commit()
        return profile, existing is None

    def withdraw(self, caller: Principal, profile_id: str) -> Profile:
        with self.uow_factory() as uow:
            profile = self._get(uow, profile_id)
            self._own(caller, profile)
            withdrawn = profile.withdraw(self.clock())
            uow.profiles.save(withdrawn)
            uow.publish_candidate(withdrawn)
            uow.erase_related(profile.candidate_id)
            uow.audit.record(
                actor=caller.subject,
                role=caller.role,
                org=caller.org,
                action="profile.withdraw",
                granted=True,
                profile_id=profile_id,
                candidate_id=profile.candidate_id,
            )
            uow.commit()
        return withdrawn

    def read(self, caller: Principal, profile_id: str) -> Profile:
        """A coach of the profile's organisation reads the whole profile, personal data included."""
        with self.uow_factory() as uow:
            profile = self._get(uow, profile_id)
            granted = caller.org == profile.coach_org
            uow.audit.record(
                actor=caller.subject,
                role=caller.role,
                org=caller.org,
                action="profile.read",
                granted=granted,
                profile_id=profile_id,
                candidate_id=profile.candidate_id,
            )
            uow.commit()
        if not granted:
            raise ProfileNotFoundError(profile_id)
        return profile

    def contacts(self, caller: Principal, candidate_ids: list[str], purpose: str) -> list[ContactCard]:
        """Contact cards of those candidates who consented to the caller's organisation.

        A partner recruiter or team member gets only consented candidates; the others are simply
        absent (not even their existence is confirmed). Every candidate asked about is audited.
        """
        cards: list[ContactCard] = []
        with self.uow_factory() as uow:
            found = {p.candidate_id: p for p in uow.profiles.by_candidate(candidate_ids)}
            for candidate_id in candidate_ids:
                profile = found.get(candidate_id)
                granted = (
                    profile is not None
                    and profile.details is not None
                    and (
                        profile.visible_to_partner(caller.org)
                        or (caller.role is Role.COACH and caller.org == profile.coach_org)
                    )
                )
                uow.audit.record(
                    actor=caller.subject,
                    role=caller.role,
                    org=caller.org,
                    action="contact.read",
                    granted=granted,
                    profile_id=profile.id if profile else None,
                    candidate_id=candidate_id,
                    purpose=purpose,
                )
                if granted and profile is not None and profile.details is not None:
                    personal = profile.details.personal
                    cards.append(ContactCard(candidate_id, personal.name, personal.email, personal.phone))
            uow.commit()
        return cards

    def candidate_hired(self, event_id: str, candidate_id: str) -> bool:
        """Consumer side of ``outcome.recorded`` (hired): mark the profile and republish it."""
        with self.uow_factory() as uow:
            if not claim(uow.conn, processed, "profile.outcomes", event_id):
                return False
            matches = uow.profiles.by_candidate([candidate_id])
            for profile in matches:
                hired = profile.mark_hired(self.clock())
                if hired is not profile:
                    uow.profiles.save(hired)
                    uow.publish_candidate(hired)
                    uow.hired_related(candidate_id, self.clock())
            uow.commit()
        return bool(matches)

    @staticmethod
    def _get(uow: UnitOfWork, profile_id: str) -> Profile:
        profile = uow.profiles.get(profile_id)
        if profile is None:
            raise ProfileNotFoundError(profile_id)
        return profile

    @staticmethod
    def _own(caller: Principal, profile: Profile) -> None:
        if caller.org != profile.coach_org:
            raise NotPermittedError(profile.id)
