"""HTTP endpoints of service-voucher pilots: pilots, vouchers, the choice of provider, results."""

from __future__ import annotations

import re
from dataclasses import asdict
from typing import Any, NoReturn

from flask import current_app
from flask.views import MethodView
from flask_babel import gettext
from flask_smorest import Blueprint

from services.kernel.calendar import local_day
from services.kernel.texts import N_
from services.profile.api import PROFILE_ID_PARAMETER, checked_id, id_named_with_body
from services.profile.paths.api import jobseeker_dict
from services.profile.paths.domain import PathConflictError, PathNotFoundError
from services.profile.paths.handlers import Jobseeker
from services.profile.paths.schemas import (
    ChoiceSchema,
    HireSchema,
    IssueSchema,
    PilotInSchema,
    PilotListSchema,
    PilotOutSchema,
    ResultsSchema,
    VoucherListSchema,
    VoucherOutSchema,
)
from services.profile.paths.voucher_handlers import (
    ProvidersOutsideRegionError,
    RegionNotServedError,
    VoucherHandlers,
)
from services.profile.paths.vouchers import (
    SMALL_CELL,
    Cell,
    EligibilityRule,
    InvalidVoucherError,
    NotEligibleError,
    Pilot,
    Results,
    Voucher,
    VoucherStateError,
)
from shared.auth import Role, current_principal, require_role
from shared.entitlement import PROFILE_OWNER_KINDS
from shared.http import abort
from shared.i18n import translate_text
from shared.idempotency import idempotent
from shared.organisations import region_not_served
from shared.pii import GROUP_NAME_REFUSAL, group_name_kinds
from shared.schemas import EmptyBody

blp = Blueprint(
    "vouchers",
    __name__,
    url_prefix="/api/v1",
    description="Service-voucher pilots: free choice of provider, results by provider and month.",
)
ECOSYSTEM = (Role.OPERATOR, Role.COACH, Role.RECRUITER, Role.TEAM_MEMBER)
PROVIDER_ROLES = (Role.RECRUITER, Role.COACH, Role.TEAM_MEMBER)


def vouchers() -> VoucherHandlers:
    return current_app.extensions["kohtaanto.profile.vouchers"]


def translate(exc: Exception) -> NoReturn:
    if isinstance(exc, RegionNotServedError):
        reason = region_not_served(exc.region)
        abort(
            403, message=reason, errors={"path" if exc.field == "pilot_id" else "json": {exc.field: [reason]}}
        )
    if isinstance(exc, ProvidersOutsideRegionError):
        reason = N_(
            "%(providers)s do not serve the pilot's region %(region)s (the organisation registry)."
        ) % {
            "providers": ", ".join(exc.providers),
            "region": exc.region,
        }
        abort(422, message=N_("The pilot breaks a rule."), errors={"json": {"providers": [reason]}})
    if isinstance(exc, PathNotFoundError):
        abort(404, message=N_("No such pilot, voucher or profile (or not yours to see)."))
    if isinstance(exc, NotEligibleError):
        abort(422, message=N_("The jobseeker does not meet the pilot's rule."), errors={"json": exc.errors})
    if isinstance(exc, InvalidVoucherError):
        abort(
            422, message=N_("The input does not fit the voucher: see the field."), errors={"json": exc.errors}
        )
    if isinstance(exc, VoucherStateError | PathConflictError):
        abort(409, message=str(exc))
    raise exc


def rule_text(rule: EligibilityRule) -> str:
    """The rule's conditions in the request's language (English by default on the API: the same
    text as ``rule.describe()``)."""
    return ", ".join(
        gettext(message, **{k: translate_text(str(v)) for k, v in values.items()})
        for message, values in rule.describe_parts()
    )


def pilot_dict(p: Pilot) -> dict[str, Any]:
    return {
        "id": p.id,
        "name": p.name,
        "rule": asdict(p.rule),
        "rule_text": rule_text(p.rule),
        "voucher_months": p.voucher_months,
        "providers": list(p.providers),
        "starts_on": p.starts_on,
        "ends_on": p.ends_on,
        "region": p.region,
        "path_group": p.path_group,
    }


def voucher_dict(v: Voucher, *, own: bool, jobseeker: Jobseeker | None = None) -> dict[str, Any]:
    day = local_day(vouchers().clock())
    return {
        "id": v.id,
        "pilot_id": v.pilot_id,
        "candidate_id": v.candidate_id,
        "state": v.state_on(day).value,
        "issued_on": v.issued_on,
        "valid_until": v.valid_until,
        "provider": v.provider,
        "chosen_on": v.chosen_on,
        "step_id": v.step_id,
        "hired_on": v.hired_on,
        "withdrawn_on": v.withdrawn_on,
        "eligibility": {
            "age_years": v.facts.age_years,
            "education_level": v.facts.education_level,
            "unemployed_since": v.facts.unemployed_since.isoformat(),
            "unemployed_months": v.facts.unemployed_months,
        }
        if own
        else {},
        "jobseeker": jobseeker_dict(jobseeker) if jobseeker else None,
    }


def cell(c: Cell) -> dict[str, Any]:
    return {"value": c.value, "suppressed": c.suppressed}


def results_dict(r: Results) -> dict[str, Any]:
    chosen, _, chosen_totals, _ = r.tables["chosen"]
    progress, _, _, _ = r.tables["in_progress"]
    hired, _, hired_totals, _ = r.tables["hired"]
    return {
        "pilot": pilot_dict(r.pilot),
        "day": r.day,
        "small_cell": SMALL_CELL,
        "issued": [{"month": m, **cell(r.issued[m])} for m in r.months],
        "issued_total": cell(r.issued_total),
        "rows": [
            {
                "month": m,
                "provider": p,
                "chosen": cell(chosen[(m, p)]),
                "in_progress": cell(progress[(m, p)]),
                "hired": cell(hired[(m, p)]),
            }
            for m in r.months
            for p in r.pilot.providers
        ],
        "providers": [
            {"provider": p, "chosen": cell(chosen_totals[p]), "hired": cell(hired_totals[p])}
            for p in r.pilot.providers
        ],
    }


@blp.route("/pilots")
class Pilots(MethodView):
    @require_role(*ECOSYSTEM)
    @blp.response(200, PilotListSchema)
    def get(self) -> Any:
        """The service-voucher pilots, with their rules and providers."""
        return {"items": [pilot_dict(p) for p in vouchers().pilots()]}


PILOT_ID_PATTERN = "^[A-Za-z0-9][A-Za-z0-9-]{0,63}$"


@blp.route(
    "/pilots/<pilot_id>",
    parameters=[
        {
            "in": "path",
            "name": "pilot_id",
            "description": "The pilot's id: 1-64 ASCII letters, digits and '-', starting with a letter or "
            "digit. Providers see it beside each client's name (`GET /vouchers`) and every participant reads "
            "the pilot's rule (`GET /pilots/{pilot_id}`), so the id may name the programme and its rule "
            "(`pirkanmaa-50plus`) but nothing the rule does not say about its clients (no health, origin or "
            "other special category; read as words split at '-', each also with ä/ö for a/o: 422 naming the "
            "kind): see docs/architecture.md, Service-voucher pilots",
            "schema": {"type": "string", "pattern": PILOT_ID_PATTERN, "example": "pirkanmaa-50plus"},
        }
    ],
)
class PilotById(MethodView):
    @require_role(Role.OPERATOR)
    @blp.arguments(PilotInSchema)
    @blp.response(200, PilotOutSchema)
    @blp.alt_response(201, schema=PilotOutSchema, description="Created")
    def put(self, data: dict[str, Any], pilot_id: str) -> Any:
        """Register or replace a pilot (operators): the eligibility rule (e.g. age ≥ 50, at least a
        bachelor's degree, unemployed 3–6 months), the voucher's length and the providers. A provider
        that vouchers already chose stays (409). Only for a region the caller's organisation serves
        (the registry's ``regions``), both the stored pilot's and the new one; a pilot without a
        region only by the system operator (403 otherwise, nothing stored). Each change is
        audit-logged (``pilot.created``/``pilot.changed``/``pilot.refused``). The id and the name are
        shown to the pilot's providers beside their clients' names: they may say the rule (which
        every participant reads here anyway) and nothing more about the clients."""
        if not re.fullmatch(PILOT_ID_PATTERN, pilot_id):
            abort(
                422,
                message=N_("Invalid pilot id."),
                errors={"path": {"pilot_id": [N_("1-64 letters, digits, '-'.")]}},
            )
        # the id is shown beside each client as the name is (outside tester 28, T28-8), read as words
        if kinds := group_name_kinds(pilot_id, identifier=True):
            abort(
                422,
                message=N_("Invalid pilot id."),
                errors={"path": {"pilot_id": [GROUP_NAME_REFUSAL % {"kinds": ", ".join(kinds)}]}},
            )
        pilot = Pilot(
            pilot_id,
            data["name"],
            EligibilityRule(**data["rule"]),
            data["voucher_months"],
            tuple(data["providers"]),
            data["starts_on"],
            data["ends_on"],
            data["region"],
            data["path_group"],
        )
        errors = pilot.check(local_day(vouchers().clock()))
        if errors:
            abort(422, message=N_("The pilot breaks a rule."), errors={"json": errors})
        try:
            created = vouchers().put_pilot(current_principal(), pilot)
        except Exception as exc:
            translate(exc)
        return pilot_dict(pilot), (201 if created else 200)

    @require_role(*ECOSYSTEM)
    @blp.response(200, PilotOutSchema)
    def get(self, pilot_id: str) -> Any:
        try:
            return pilot_dict(vouchers().pilot(pilot_id))
        except Exception as exc:
            translate(exc)


@blp.route("/pilots/<pilot_id>/results")
class PilotResults(MethodView):
    @require_role(*ECOSYSTEM)
    @blp.response(200, ResultsSchema)
    def get(self, pilot_id: str) -> Any:
        """Results per provider and month: vouchers issued, providers chosen, in progress and hired
        within the voucher period. Aggregated; a count under 5, and any cell that would reveal one,
        is null with ``suppressed: true``. The page ``/pilots/<id>/results`` shows the same."""
        try:
            return results_dict(vouchers().results(pilot_id))
        except Exception as exc:
            translate(exc)


@blp.route("/profiles/<profile_id>/vouchers", parameters=[PROFILE_ID_PARAMETER])
class ProfileVouchers(MethodView):
    @require_role(Role.COACH, kinds=PROFILE_OWNER_KINDS)
    @idempotent
    @id_named_with_body
    @blp.arguments(IssueSchema)
    @blp.response(201, VoucherOutSchema)
    def post(self, data: dict[str, Any], profile_id: str) -> Any:
        """Issue a voucher to an eligible jobseeker of the caller's organisation who chose to take
        part (422 naming every unmet condition; 409 with a voucher already in use). A regional
        pilot's voucher goes only to a jobseeker living in its region (422 on ``municipality``) and is
        issued only by an organisation serving that region (422 on ``pilot_id``)."""
        try:
            v = vouchers().issue(
                current_principal(),
                checked_id(profile_id),
                data["pilot_id"],
                data["age_years"],
                data["unemployed_since"],
            )
        except Exception as exc:
            translate(exc)
        return voucher_dict(v, own=True)

    @require_role(Role.COACH, kinds=PROFILE_OWNER_KINDS)
    @blp.response(200, VoucherListSchema)
    def get(self, profile_id: str) -> Any:
        """The jobseeker's vouchers (own organisation's coaches; audited)."""
        try:
            found = vouchers().of_profile(current_principal(), checked_id(profile_id))
        except Exception as exc:
            translate(exc)
        return {"items": [voucher_dict(v, own=True) for v in found]}


@blp.route("/vouchers/<voucher_id>/choice")
class Choice(MethodView):
    @require_role(Role.COACH, kinds=PROFILE_OWNER_KINDS)
    @blp.arguments(ChoiceSchema)
    @blp.response(200, VoucherOutSchema)
    def post(self, data: dict[str, Any], voucher_id: str) -> Any:
        """Record the jobseeker's choice of provider (through the coach): a step with the provider on
        the jobseeker's service path, and consent for the provider to see the profile, recorded as
        the jobseeker's choice (withdrawn with ``/withdraw``). Publishes the candidate and the path.
        422 on ``provider`` for one not in the pilot, or one the registry does not list as serving
        the jobseeker's home region."""
        try:
            return voucher_dict(
                vouchers().choose(current_principal(), voucher_id, data["provider"]), own=True
            )
        except Exception as exc:
            translate(exc)


@blp.route("/vouchers/<voucher_id>/withdraw")
class Withdraw(MethodView):
    @require_role(Role.COACH, kinds=PROFILE_OWNER_KINDS)
    @blp.arguments(EmptyBody, required=False, description="None, or `{}`")
    @blp.response(200, VoucherOutSchema)
    def post(self, _body: dict[str, Any], voucher_id: str) -> Any:
        """The jobseeker stops taking part: the provider's consent from the choice is withdrawn and the
        provider's step ends."""
        try:
            return voucher_dict(vouchers().withdraw(current_principal(), voucher_id), own=True)
        except Exception as exc:
            translate(exc)


@blp.route("/vouchers/<voucher_id>/hired")
class Hired(MethodView):
    @require_role(*PROVIDER_ROLES)
    @blp.arguments(HireSchema)
    @blp.response(200, VoucherOutSchema)
    def post(self, data: dict[str, Any], voucher_id: str) -> Any:
        """The chosen provider (or the jobseeker's coach) records the hire; it counts when it falls
        within the voucher period. A ``hired_on`` the voucher does not cover — after today, before the
        provider's choice, after the voucher period, from its withdrawal on — is a 422 naming
        ``hired_on``; a voucher on which no day would do (no provider chosen, a hire already recorded)
        is a 409. The profile is marked hired and the path closes."""
        caller = current_principal()
        try:
            v = vouchers().record_hire(caller, voucher_id, data["hired_on"] or local_day(vouchers().clock()))
        except Exception as exc:
            translate(exc)
        return voucher_dict(v, own=caller.org == v.coach_org)


@blp.route("/vouchers")
class ProviderClients(MethodView):
    @require_role(*PROVIDER_ROLES)
    @blp.response(200, VoucherListSchema)
    def get(self) -> Any:
        """The caller's organisation's voucher clients (a provider's view): each voucher with the
        jobseeker's name and contact while the chosen provider has consent (audited)."""
        clients = vouchers().clients(current_principal())
        return {"items": [voucher_dict(c.voucher, own=False, jobseeker=c.jobseeker) for c in clients]}
