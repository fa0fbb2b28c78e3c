"""Use cases of service-voucher pilots: operators register pilots, coaches issue vouchers and record
the jobseeker's choice of provider (a path step and the provider's consent, in one transaction),
providers see their voucher clients and record hires, and anyone in the ecosystem reads the results
(aggregated, small cells suppressed)."""

from __future__ import annotations

from collections.abc import Callable, Collection
from dataclasses import dataclass, fields, replace
from datetime import date

from services.kernel.calendar import local_day
from services.kernel.texts import N_
from services.profile.domain import Profile
from services.profile.paths.access import Clock, new_id, now, own_profile, region
from services.profile.paths.domain import (
    EndReason,
    NewStep,
    PathGroup,
    PathNotFoundError,
    StepKind,
    open_path,
)
from services.profile.paths.handlers import Jobseeker
from services.profile.paths.repository import JourneyUnitOfWork
from services.profile.paths.vouchers import (
    Facts,
    InvalidVoucherError,
    Pilot,
    Results,
    Voucher,
    VoucherStateError,
    issue,
    results,
)
from shared.auth import Principal, Role
from shared.db import retry_on_conflict
from shared.entitlement import NATIONAL, acts_everywhere

PROVIDER_ROLES = (Role.RECRUITER, Role.COACH, Role.TEAM_MEMBER)


class PilotInUseError(VoucherStateError):
    """A provider that vouchers chose cannot leave the pilot."""


class RegionNotServedError(PermissionError):
    """The caller's organisation does not serve the pilot's region (``errors``: field → reasons;
    ``field`` is ``"region"`` for the region asked for, ``"pilot_id"`` for the stored pilot's)."""

    def __init__(self, field: str, region: str) -> None:
        super().__init__(f"{field}: {region}")
        self.field = field
        self.region = region


class ProvidersOutsideRegionError(ValueError):
    """A pilot's providers must serve its region (``providers``: those that do not)."""

    def __init__(self, region: str, providers: list[str]) -> None:
        super().__init__(f"{region}: {', '.join(providers)}")
        self.region = region
        self.providers = providers


@dataclass(frozen=True, slots=True)
class Client:
    """A provider's voucher client: the voucher and what the provider may see of the jobseeker."""

    voucher: Voucher
    jobseeker: Jobseeker


class VoucherHandlers:
    def __init__(
        self,
        uow_factory: Callable[[], JourneyUnitOfWork],
        *,
        region_of: Callable[[str], str],
        acts_for: Callable[[str, str, str], bool] = acts_everywhere,
        regions_served: Callable[[str], Collection[str]] | None = None,
        clock: Clock = now,
        new_id: Callable[[], str] = new_id,
    ) -> None:
        """``acts_for(role, org, region)``: whether a caller may change a region's pilots (the
        registry's ``Registry.acts_for``; the default, for in-process tools, allows every region).
        ``regions_served(org)``: the region ids a provider serves (``Registry.regions``); None (in-process
        tools) does not check the providers."""
        self.uow_factory = uow_factory
        self.region_of = region_of
        self.acts_for = acts_for
        self.regions_served = regions_served
        self.clock = clock
        self.new_id = new_id

    # -- operators -----------------------------------------------------------------------------------
    @retry_on_conflict()  # (two first PUTs of one pilot: the loser's insert hits the key, its retry replaces)
    def put_pilot(self, caller: Principal, pilot: Pilot) -> bool:
        """Register or replace a pilot; returns whether it is new. Providers chosen by vouchers stay.

        Only for a region the caller's organisation serves, both the stored pilot's and the new one
        (``acts_for``): raises ``RegionNotServedError`` otherwise (audited as refused, nothing
        stored); a regional pilot's providers must serve its region (``ProvidersOutsideRegionError``,
        nothing stored). Every change is in the audit log (``pilot.created`` / ``pilot.changed``: who,
        when, which fields), a refusal too (``pilot.refused``)."""
        with self.uow_factory() as uow:
            stored = uow.vouchers.pilot(pilot.id)
            refusal = None
            if stored is not None and not self._may(caller, stored.region):
                refusal = RegionNotServedError("pilot_id", stored.region or NATIONAL)
            elif not self._may(caller, pilot.region):
                refusal = RegionNotServedError("region", pilot.region or NATIONAL)
            if refusal is not None:
                self._audit_pilot(uow, caller, "pilot.refused", pilot, f"region {refusal.region} not served")
                uow.commit()
                raise refusal
            if pilot.region and self.regions_served is not None:
                # A voucher buys a service where the jobseeker lives: a provider that does not serve
                # the pilot's region could not deliver it there (outside tester 8, J7).
                outside = [p for p in pilot.providers if pilot.region not in self.regions_served(p)]
                if outside:
                    raise ProvidersOutsideRegionError(pilot.region, outside)
            chosen = {v.provider for v in uow.vouchers.of_pilot(pilot.id) if v.provider}
            if chosen - set(pilot.providers):
                raise PilotInUseError(
                    N_("vouchers chose %(providers)s")
                    % {"providers": ", ".join(sorted(chosen - set(pilot.providers)))}
                )
            created = uow.vouchers.put_pilot(pilot, caller.subject, self.clock())
            if created:
                self._audit_pilot(uow, caller, "pilot.created", pilot, "")
            else:
                assert stored is not None
                changed = [f.name for f in fields(pilot) if getattr(pilot, f.name) != getattr(stored, f.name)]
                self._audit_pilot(uow, caller, "pilot.changed", pilot, ", ".join(changed) or "nothing")
            uow.commit()
        return created

    def _may(self, caller: Principal, region: str | None) -> bool:
        return self.acts_for(caller.role.value, caller.org, region or NATIONAL)

    @staticmethod
    def _audit_pilot(uow: JourneyUnitOfWork, caller: Principal, action: str, pilot: Pilot, what: str) -> None:
        uow.audit.record(
            actor=caller.subject,
            role=caller.role.value,
            org=caller.org,
            action=action,
            granted=action != "pilot.refused",
            purpose=f"pilot {pilot.id} (region {pilot.region or NATIONAL})" + (f": {what}" if what else ""),
        )

    def pilots(self) -> list[Pilot]:
        with self.uow_factory() as uow:
            return uow.vouchers.pilots()

    def pilot(self, pilot_id: str) -> Pilot:
        with self.uow_factory() as uow:
            pilot = uow.vouchers.pilot(pilot_id)
        if pilot is None:
            raise PathNotFoundError(pilot_id)
        return pilot

    def results(self, pilot_id: str) -> Results:
        with self.uow_factory() as uow:
            pilot = uow.vouchers.pilot(pilot_id)
            if pilot is None:
                raise PathNotFoundError(pilot_id)
            return results(pilot, uow.vouchers.of_pilot(pilot_id), local_day(self.clock()))

    # -- coaches -------------------------------------------------------------------------------------
    # (at most one voucher in use per jobseeker: a unique partial index; the retry's answer is the 409)
    @retry_on_conflict()
    def issue(
        self, caller: Principal, profile_id: str, pilot_id: str, age_years: int, unemployed_since: date
    ) -> Voucher:
        """Issue a voucher to a jobseeker of the caller's organisation who chose to take part.

        Raises ``VoucherStateError`` (the API's 409) when the jobseeker already has a voucher in use
        (issued or in progress, of any pilot), also when another issue commits first at the same
        moment: its insert trips ``uq_vouchers_in_use_candidate`` and the retry reads the winner's
        voucher (outside tester 28, T28-11)."""
        now = self.clock()
        with self.uow_factory() as uow:
            profile = own_profile(uow, caller, profile_id)
            pilot = uow.vouchers.pilot(pilot_id)
            if pilot is None:
                raise PathNotFoundError(pilot_id)
            assert profile.details is not None
            uow.vouchers.release_expired(profile.candidate_id, local_day(now))
            if any(
                v.state_on(local_day(now)).value in ("issued", "in_progress")
                for v in uow.vouchers.of_candidate(profile.candidate_id)
            ):
                raise VoucherStateError(N_("the jobseeker already has a voucher in use"))
            facts = Facts(age_years, profile.details.education_level.value, unemployed_since, local_day(now))
            voucher = issue(
                self.new_id(),
                pilot,
                profile.candidate_id,
                profile.coach_org,
                facts,
                caller.subject,
                home_region=region(self.region_of, profile),
                issuer_serves=not pilot.region or self._may(caller, pilot.region),
            )
            uow.vouchers.add(voucher)
            self._audit(uow, caller, "voucher.issue", profile, voucher)
            uow.commit()
        return voucher

    def of_profile(self, caller: Principal, profile_id: str) -> list[Voucher]:
        """The jobseeker's vouchers, each read audited (``voucher.read``); a read that finds none is audited too
        (one entry, purpose "service vouchers: none"), as reading ratings, training or a path is: who looked
        whether a jobseeker has a voucher is itself an access (outside tester 35, F9)."""
        with self.uow_factory() as uow:
            profile = own_profile(uow, caller, profile_id)
            found = uow.vouchers.of_candidate(profile.candidate_id)
            for v in found:
                self._audit(uow, caller, "voucher.read", profile, v)
            if not found:
                uow.audit.record(
                    actor=caller.subject,
                    role=caller.role,
                    org=caller.org,
                    action="voucher.read",
                    granted=True,
                    profile_id=profile.id,
                    subject_org=profile.coach_org,
                    candidate_id=profile.candidate_id,
                    purpose="service vouchers: none",
                )
            uow.commit()
        return found

    @retry_on_conflict()
    def choose(self, caller: Principal, voucher_id: str, provider: str) -> Voucher:
        """Record the jobseeker's choice: a step with the provider on the jobseeker's path (a path is
        opened when there is none) and the provider's consent, granted as the jobseeker's choice."""
        now = self.clock()
        today = local_day(now)
        with self.uow_factory() as uow:
            voucher, profile = self._own_voucher(uow, caller, voucher_id)
            pilot = uow.vouchers.pilot(voucher.pilot_id)
            assert pilot is not None and profile.details is not None
            step_id = self.new_id()
            chosen = voucher.choose(provider, pilot, step_id, today)
            home_region = region(self.region_of, profile)
            self._serves_home(provider, home_region)
            path = next((p for p in uow.paths.for_candidate(voucher.candidate_id) if p.is_open), None)
            if path is None:
                path = open_path(
                    self.new_id(),
                    voucher.candidate_id,
                    profile.coach_org,
                    caller.subject,
                    PathGroup(pilot.path_group),
                    False,
                    home_region,
                    now,
                )
                uow.paths.add(path)
            step = NewStep(
                StepKind.RECRUITMENT_BY_PROVIDER, provider, today, voucher.valid_until, voucher_id=voucher.id
            )
            path = replace(path.add_step(step_id, step, now), region=home_region or path.region)
            uow.paths.save(path)
            uow.publish_path(path)
            uow.vouchers.save_choice(chosen)
            # the stored consented_orgs holds the organisations of the choices' grants too: one consented
            # by an earlier choice alone (its voucher expired or hired, its grant lasting) is not the
            # jobseeker's own consent (review 40)
            own = profile.details.consented_orgs - uow.grants.by_choice_only(voucher.candidate_id)
            preexisting = provider in own
            uow.grants.grant(voucher.candidate_id, provider, f"voucher:{voucher.id}", preexisting, now)
            if provider not in profile.details.consented_orgs:
                details = replace(profile.details, consented_orgs=profile.details.consented_orgs | {provider})
                updated = profile.update(details, now)
                uow.profiles.save(updated)
                uow.publish_candidate(updated)
            self._audit(uow, caller, "voucher.choice", profile, chosen)
            uow.commit()
        return chosen

    @retry_on_conflict()
    def withdraw(self, caller: Principal, voucher_id: str) -> Voucher:
        """The jobseeker stops taking part: the provider's consent from the choice is withdrawn (unless
        it was given before) and the provider's step ends."""
        now = self.clock()
        today = local_day(now)
        with self.uow_factory() as uow:
            voucher, profile = self._own_voucher(uow, caller, voucher_id)
            withdrawn = voucher.withdraw(today)
            uow.vouchers.save(withdrawn)
            revoked = [
                org
                for org, before in uow.grants.withdraw(voucher.candidate_id, f"voucher:{voucher.id}", now)
                if not before
                and org
                not in uow.grants.active(voucher.candidate_id)
                - uow.lapsed_choices(voucher.candidate_id, today)
            ]
            if revoked and profile.details is not None:
                details = replace(
                    profile.details, consented_orgs=profile.details.consented_orgs - set(revoked)
                )
                updated = profile.update(details, now)
                uow.profiles.save(updated)
                uow.publish_candidate(updated)
            for path in uow.paths.for_candidate(voucher.candidate_id):
                step = next(
                    (s for s in path.steps if s.id == voucher.step_id and s.state.value == "open"), None
                )
                if path.is_open and step is not None:
                    ended = path.end_step(
                        step.id, max(step.starts_on, local_day(now)), EndReason.INTERRUPTED, now
                    )
                    uow.paths.save(ended)
                    uow.publish_path(ended)
            self._audit(uow, caller, "voucher.withdraw", profile, withdrawn)
            uow.commit()
        return withdrawn

    # -- providers -----------------------------------------------------------------------------------
    def clients(self, caller: Principal) -> list[Client]:
        """The caller's organisation's voucher clients: name and contact, since choosing the provider
        granted it consent (after a withdrawal only the pseudonymous id). Audited."""
        out = []
        today = local_day(self.clock())
        with self.uow_factory() as uow:
            for v in uow.vouchers.of_provider(caller.org):
                found = uow.profiles.by_candidate([v.candidate_id])
                profile = found[0] if found else None
                details = profile.details if profile else None
                # a choice whose voucher has ended (expired, hired) consents no more (review 40)
                lapsed = uow.lapsed_choices(v.candidate_id, today)
                if details is not None and caller.org in details.consented_orgs - lapsed:
                    who = Jobseeker(
                        v.candidate_id,
                        None,
                        details.personal.name,
                        details.personal.email,
                        details.personal.phone,
                    )
                    if profile is not None:
                        self._audit(uow, caller, "voucher.client.read", profile, v)
                else:
                    who = Jobseeker(v.candidate_id)
                out.append(Client(v, who))
            uow.commit()
        return out

    @retry_on_conflict()
    def record_hire(self, caller: Principal, voucher_id: str, on: date) -> Voucher:
        """The chosen provider (or the jobseeker's coach) records the hire: it counts for the voucher
        when it falls within the voucher period; the profile is marked hired and the path closes."""
        now = self.clock()
        with self.uow_factory() as uow:
            voucher = uow.vouchers.get(voucher_id)
            if voucher is None or not self._may_record(caller, voucher):
                raise PathNotFoundError(voucher_id)
            if on > local_day(now):  # bad input, not a state (outside tester 27, T27-14 g: was a 409)
                raise InvalidVoucherError(
                    {"hired_on": [N_("A hire is recorded once it has happened: not after today.")]}
                )
            hired = voucher.hired(on)
            if hired is None:
                reasons = voucher.hire_day_reasons(on)
                if reasons:  # a day the voucher does not cover: bad input, named (T27-14 g)
                    raise InvalidVoucherError({"hired_on": reasons})
                if voucher.hired_on is not None:
                    raise VoucherStateError(
                        N_("the voucher's hire is already recorded (%(day)s)")
                        % {"day": voucher.hired_on.isoformat()}
                    )
                raise VoucherStateError(
                    N_("no provider has been chosen on this voucher: a hire counts from the choice on")
                )
            uow.vouchers.save(hired)
            for profile in uow.profiles.by_candidate([voucher.candidate_id]):
                marked = profile.mark_hired(now)
                if marked is not profile and marked.details is not None:
                    # the hire ends the choice's consent (review 40): the record matching gets says so
                    lapsed = uow.lapsed_choices(voucher.candidate_id, local_day(now))
                    consented = marked.details.consented_orgs - lapsed
                    marked = replace(marked, details=replace(marked.details, consented_orgs=consented))
                    uow.profiles.save(marked)
                    uow.publish_candidate(marked)
                self._audit(uow, caller, "voucher.hired", profile, hired)
            uow.hired_related(voucher.candidate_id, now, on)
            uow.commit()
        return hired

    # -- helpers -------------------------------------------------------------------------------------
    def _serves_home(self, provider: str, home_region: str) -> None:
        """Raise ``InvalidVoucherError`` on ``provider`` when the registry says it does not serve the
        jobseeker's home region: a voucher buys a service where the jobseeker lives, and the choice
        grants the provider consent and a step (outside tester 27, T27-9). Unchecked without a
        registry (in-process tools) or with the home region unknown."""
        if self.regions_served is None or not home_region or home_region in self.regions_served(provider):
            return
        reason = N_(
            "%(provider)s does not serve the jobseeker's region %(region)s (the organisation registry)."
        ) % {"provider": provider, "region": home_region}
        raise InvalidVoucherError({"provider": [reason]})

    @staticmethod
    def _may_record(caller: Principal, voucher: Voucher) -> bool:
        if caller.role is Role.COACH and caller.org == voucher.coach_org:
            return True
        return caller.role in PROVIDER_ROLES and caller.org == voucher.provider

    @staticmethod
    def _own_voucher(uow: JourneyUnitOfWork, caller: Principal, voucher_id: str) -> tuple[Voucher, Profile]:
        voucher = uow.vouchers.get(voucher_id)
        if voucher is None or caller.role is not Role.COACH or voucher.coach_org != caller.org:
            raise PathNotFoundError(voucher_id)
        found = uow.profiles.by_candidate([voucher.candidate_id])
        if not found or found[0].details is None:
            raise VoucherStateError(N_("the profile has been withdrawn"))
        return voucher, found[0]

    @staticmethod
    def _audit(
        uow: JourneyUnitOfWork, caller: Principal, action: str, profile: Profile, voucher: Voucher
    ) -> None:
        uow.audit.record(
            actor=caller.subject,
            role=caller.role,
            org=caller.org,
            action=action,
            granted=True,
            # Stored for the profile's own organisation whoever acted; AuditLog.entries hides it
            # from the others.
            profile_id=profile.id,
            subject_org=profile.coach_org,
            candidate_id=voucher.candidate_id,
            purpose=f"service voucher {voucher.id} (pilot {voucher.pilot_id})",
        )
