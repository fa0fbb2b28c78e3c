"""What the path, voucher and rating use cases share: the clock, new ids, the caller's own jobseeker
and the jobseeker's region. The one place that looks a coach's jobseeker up by the organisation's id."""

from __future__ import annotations

import uuid
from collections.abc import Callable
from datetime import UTC, datetime

from services.kernel.texts import N_
from services.profile.domain import Profile
from services.profile.paths.domain import PathConflictError, PathNotFoundError
from services.profile.repository import UnitOfWork
from shared.auth import Principal, Role

Clock = Callable[[], datetime]


def now() -> datetime:
    return datetime.now(UTC)


def new_id() -> str:
    return str(uuid.uuid4())


def own_profile(uow: UnitOfWork, caller: Principal, profile_id: str) -> Profile:
    """The caller's organisation's jobseeker ``profile_id``, for one of its coaches.

    Raises ``PathNotFoundError`` for anyone else (no existence signal) and ``PathConflictError`` for
    a withdrawn profile (nothing may be attached to it any more)."""
    profile = uow.profiles.get(caller.org, profile_id)  # profile ids are per organisation
    if profile is None or caller.role is not Role.COACH or profile.coach_org != caller.org:
        raise PathNotFoundError(profile_id)
    if profile.details is None:
        raise PathConflictError(N_("the profile has been withdrawn"))
    return profile


def region(region_of: Callable[[str], str], profile: Profile | None) -> str:
    """The region id of the jobseeker's home municipality ("" when unknown or withdrawn)."""
    if profile is None or profile.details is None:
        return ""
    try:
        return region_of(profile.details.municipality)
    except KeyError:
        return ""
