"""Use cases of satisfaction ratings: the jobseeker rates through their coach or a single-use link,
an employer rates a referral to its vacancy or a step at its workplace; each rating is published as
figures only (``rating.recorded``: no candidate id, no comment) for the weekly meeting."""

from __future__ import annotations

import secrets
from collections.abc import Callable
from datetime import date, timedelta

from services.kernel.calendar import local_day
from services.kernel.texts import N_
from services.profile.domain import Profile
from services.profile.paths.access import Clock, new_id, now, own_profile, region
from services.profile.paths.domain import STEP_KIND_LABELS, PathNotFoundError, ServicePath
from services.profile.paths.ratings import (
    Channel,
    InvalidRatingError,
    RaterKind,
    Rating,
    RatingError,
    RatingLink,
    Subject,
    SubjectKind,
    SubjectText,
)
from services.profile.paths.repository import JourneyUnitOfWork
from shared.auth import Principal, Role

LINK_DAYS = 30


class AlreadyRatedError(RatingError):
    """The jobseeker (or the employer) already rated this referral or step."""


class LinkUnusableError(RatingError):
    """The link is unknown, used or expired."""


class RatingHandlers:
    def __init__(
        self,
        uow_factory: Callable[[], JourneyUnitOfWork],
        *,
        region_of: Callable[[str], str],
        clock: Clock = now,
    ) -> None:
        self.uow_factory = uow_factory
        self.region_of = region_of
        self.clock = clock

    # -- the jobseeker, through the coach -------------------------------------------------------------
    def rate_as_jobseeker(
        self, caller: Principal, profile_id: str, kind: SubjectKind, ref: str, score: int, comment: str
    ) -> Rating:
        with self.uow_factory() as uow:
            profile = own_profile(uow, caller, profile_id)
            subject = self._subject(uow, profile.candidate_id, kind, ref)
            rating = self._record(
                uow, profile, subject, RaterKind.JOBSEEKER, Channel.COACH, None, score, comment
            )
            uow.commit()
        return rating

    def link(self, caller: Principal, profile_id: str, kind: SubjectKind, ref: str) -> RatingLink:
        """A single-use link, valid ``LINK_DAYS`` days, for the jobseeker to rate without an account.
        Raises ``AlreadyRatedError`` when the jobseeker has rated the subject (a link could not be
        used)."""
        with self.uow_factory() as uow:
            profile = own_profile(uow, caller, profile_id)
            subject = self._subject(uow, profile.candidate_id, kind, ref)
            if uow.ratings.already(profile.candidate_id, subject, RaterKind.JOBSEEKER):
                raise AlreadyRatedError(subject.key())
            link = RatingLink(
                secrets.token_urlsafe(32),
                profile.candidate_id,
                subject,
                caller.subject,
                local_day(self.clock()) + timedelta(days=LINK_DAYS),
            )
            uow.ratings.add_link(link)
            uow.commit()
        return link

    def link_subject(self, token: str) -> tuple[RatingLink, SubjectText]:
        """The usable link and what it rates (the vacancy's title or the step's kind, and the
        organisation rated). Raises
        ``LinkUnusableError`` (unknown, used or expired) or ``AlreadyRatedError`` (the jobseeker rated
        the subject another way, e.g. through the coach)."""
        with self.uow_factory() as uow:
            link = uow.ratings.link(token)
            if link is None or not link.usable_on(local_day(self.clock())):
                raise LinkUnusableError(token[:6])
            if uow.ratings.already(link.candidate_id, link.subject, RaterKind.JOBSEEKER):
                raise AlreadyRatedError(link.subject.key())
            return link, self._describe(uow, link.candidate_id, link.subject)

    def rate_by_link(self, token: str, score: int, comment: str) -> Rating:
        with self.uow_factory() as uow:
            link = uow.ratings.link(token)
            if link is None or not link.usable_on(local_day(self.clock())):
                raise LinkUnusableError(token[:6])
            found = uow.profiles.by_candidate([link.candidate_id])
            if not found or found[0].details is None:
                raise LinkUnusableError(token[:6])
            rating = self._record(
                uow, found[0], link.subject, RaterKind.JOBSEEKER, Channel.LINK, None, score, comment
            )
            if not uow.ratings.use_link(token, self.clock()):
                raise LinkUnusableError(token[:6])
            uow.commit()
        return rating

    # -- employers ------------------------------------------------------------------------------------
    def rate_as_employer(
        self, caller: Principal, kind: SubjectKind, ref: str, candidate_id: str, score: int, comment: str
    ) -> Rating:
        """A referral to the caller's own vacancy, or a step held at the caller's workplace. Whatever
        the caller may not rate — an unknown or withdrawn jobseeker, a referral not to its vacancy or
        without consent, a step not at its workplace — raises ``PathNotFoundError`` (the 404) before
        any check that reads the record: ``InvalidRatingError`` (422, e.g. a step not begun yet) and
        ``AlreadyRatedError`` (409) only for what the employer may rate."""
        with self.uow_factory() as uow:
            found = uow.profiles.by_candidate([candidate_id])
            profile = found[0] if found else None
            if profile is None or profile.details is None or caller.role is not Role.EMPLOYER:
                raise PathNotFoundError(candidate_id)
            if kind is SubjectKind.REFERRAL:
                # Only a referral of a jobseeker who consented to the employer (else the same 404 as
                # an unknown one: whether, and by whom, someone was proposed stays unsaid), and only
                # an agency's referral: one the employer recorded itself is not one to rate (F10).
                referral = uow.ratings.referral(candidate_id, ref)
                if (
                    referral is None
                    or referral.employer_org != caller.org
                    or referral.recruiter_org == caller.org
                    or caller.org not in profile.details.consented_orgs
                ):
                    raise PathNotFoundError(ref)
            if kind is SubjectKind.PATH_STEP:
                # Only a step at the employer's workplace, and checked before anything that reads the
                # jobseeker's path (``_subject``'s 422 "No such step"): a jobseeker the employer may
                # not rate answers the unknown one's 404, or the 422 would tell that the pseudonym is
                # a living jobseeker (outside tester 28, T28-1).
                step = next(
                    (s for p in uow.paths.for_candidate(candidate_id) for s in p.steps if s.id == ref), None
                )
                if step is None or step.workplace_org != caller.org:
                    raise PathNotFoundError(ref)
            subject = self._subject(uow, candidate_id, kind, ref)
            rating = self._record(
                uow, profile, subject, RaterKind.EMPLOYER, Channel.EMPLOYER, caller.org, score, comment
            )
            uow.commit()
        return rating

    def of_profile(
        self, caller: Principal, profile_id: str
    ) -> tuple[list[Rating], list[tuple[str, str, SubjectText]]]:
        """The jobseeker's ratings and what they may still rate (kind, ref, what): own coaches. A
        step is offered once it has begun (``Step.has_begun``)."""
        today = local_day(self.clock())
        with self.uow_factory() as uow:
            profile = own_profile(uow, caller, profile_id)
            given = uow.ratings.of_candidate(profile.candidate_id)
            rated = {(r.subject.kind, r.subject.ref) for r in given if r.rater is RaterKind.JOBSEEKER}
            open_items = [
                (SubjectKind.REFERRAL.value, r.vacancy_id, SubjectText(r.vacancy_title, r.recruiter_org))
                for r in uow.ratings.referrals_of(profile.candidate_id)
                if (SubjectKind.REFERRAL, r.vacancy_id) not in rated
            ]
            for path in uow.paths.for_candidate(profile.candidate_id):
                open_items += [
                    (SubjectKind.PATH_STEP.value, s.id, SubjectText(STEP_KIND_LABELS[s.kind], s.org))
                    for s in path.steps
                    if s.has_begun(today) and (SubjectKind.PATH_STEP, s.id) not in rated
                ]
            uow.audit.record(
                actor=caller.subject,
                role=caller.role,
                org=caller.org,
                action="rating.read",
                granted=True,
                profile_id=profile.id,
                subject_org=profile.coach_org,
                candidate_id=profile.candidate_id,
                purpose="satisfaction ratings",
            )
            uow.commit()
        return given, open_items

    # -- helpers --------------------------------------------------------------------------------------
    def _record(
        self,
        uow: JourneyUnitOfWork,
        profile: Profile,
        subject: Subject,
        rater: RaterKind,
        channel: Channel,
        rater_org: str | None,
        score: int,
        comment: str,
    ) -> Rating:
        if uow.ratings.already(profile.candidate_id, subject, rater):
            raise AlreadyRatedError(subject.key())
        rating = Rating.record(
            new_id(),
            profile.candidate_id,
            subject,
            rater,
            channel,
            rater_org,
            score,
            comment,
            self.clock(),
            region(self.region_of, profile),
        )
        uow.ratings.add(rating)
        uow.publish_rating(rating)
        return rating

    def _subject(self, uow: JourneyUnitOfWork, candidate_id: str, kind: SubjectKind, ref: str) -> Subject:
        if kind is SubjectKind.REFERRAL:
            referral = uow.ratings.referral(candidate_id, ref)
            if referral is None:
                raise InvalidRatingError(
                    {"vacancy_id": [N_("The jobseeker was not proposed to this vacancy.")]}
                )
            return Subject(kind, ref, referral.recruiter_org)
        today = local_day(self.clock())
        for path in uow.paths.for_candidate(candidate_id):
            for s in path.steps:
                if s.id == ref and s.has_begun(today):  # J8: not before the service has begun
                    return Subject(kind, ref, s.org)
        raise InvalidRatingError(
            {"step_id": [N_("No such step (started or ended) on the jobseeker's path.")]}
        )

    @staticmethod
    def _describe(uow: JourneyUnitOfWork, candidate_id: str, subject: Subject) -> SubjectText:
        if subject.kind is SubjectKind.REFERRAL:
            referral = uow.ratings.referral(candidate_id, subject.ref)
            title = referral.vacancy_title if referral else ""
            return SubjectText(title, referral.recruiter_org if referral else subject.rated_org)
        paths: list[ServicePath] = uow.paths.for_candidate(candidate_id)
        step = next((s for p in paths for s in p.steps if s.id == subject.ref), None)
        return (
            SubjectText(STEP_KIND_LABELS[step.kind], step.org) if step else SubjectText("", subject.rated_org)
        )


def expires(day: date) -> date:
    return day + timedelta(days=LINK_DAYS)
