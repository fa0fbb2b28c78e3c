"""HTTP endpoints of satisfaction ratings, and the jobseeker's rating page behind a single-use link."""

from __future__ import annotations

import re
from collections.abc import Callable
from typing import Any, NoReturn
from urllib.parse import unquote_to_bytes

import marshmallow as ma
from flask import Blueprint as FlaskBlueprint
from flask import current_app, render_template, request
from flask.views import MethodView
from flask_babel import gettext
from flask_smorest import Blueprint
from marshmallow import ValidationError, fields, validate, validates_schema

from services.kernel.texts import N_
from services.profile.api import PROFILE_ID_PARAMETER, checked_id, id_named_with_body
from services.profile.paths.domain import STEP_KIND_LABELS, PathConflictError, PathNotFoundError
from services.profile.paths.rating_handlers import AlreadyRatedError, LinkUnusableError, RatingHandlers
from services.profile.paths.ratings import InvalidRatingError, Rating, SubjectKind, SubjectText
from shared.auth import Role, current_principal, require_role
from shared.entitlement import PROFILE_OWNER_KINDS
from shared.http import abort
from shared.i18n import translate_errors
from shared.idempotency import idempotent
from shared.pii import OWN_WORDS_REFUSAL, refuse_sensitive_data, refusing
from shared.schemas import BoundedList, CandidateId, JsonInteger, StrictSchema

blp = Blueprint(
    "ratings",
    __name__,
    url_prefix="/api/v1",
    description="Satisfaction ratings of referrals and path steps by jobseekers and employers.",
)
pages = FlaskBlueprint("rating_pages", __name__, template_folder="templates")
# An employer's comment is one organisation writing to another (the jobseeker's coaches) about a jobseeker: the
# outcome comment's full screen, special categories too (outside tester 40, T40-7: "Hakija kertoi olevansa
# raskaana, joten ei sovi vuorotyöhön." was stored and shown to the coach)
COMMENT: list[Callable[[str], Any]] = [validate.Length(max=1000), refuse_sensitive_data]
OWN_COMMENT = refusing(1000, own_words=True)  # the jobseeker's comment (told to the coach, or the page's)


def ratings() -> RatingHandlers:
    return current_app.extensions["kohtaanto.profile.ratings"]


def translate(exc: Exception) -> NoReturn:
    if isinstance(exc, PathNotFoundError):
        abort(404, message=N_("No such profile, referral or step (or not yours to rate)."))
    if isinstance(exc, InvalidRatingError):
        abort(422, message=N_("The rating breaks a rule."), errors={"json": exc.errors})
    if isinstance(exc, AlreadyRatedError):
        abort(409, message=N_("Already rated: a referral or a step is rated once by each side."))
    if isinstance(exc, PathConflictError):
        abort(409, message=str(exc))
    raise exc


class SubjectFields(StrictSchema):
    kind = fields.String(required=True, validate=validate.OneOf([k.value for k in SubjectKind]))
    vacancy_id = fields.String(
        load_default=None,
        validate=validate.Length(1, 64),
        metadata={"description": "Required when `kind` is `referral` (422 otherwise)"},
    )
    step_id = fields.String(
        load_default=None,
        validate=validate.Length(1, 64),
        metadata={"description": "Required when `kind` is `path_step` (422 otherwise)"},
    )

    @validates_schema
    def _one(self, data: dict[str, Any], **_: Any) -> None:
        if data["kind"] == "referral" and not data["vacancy_id"]:
            raise ValidationError(N_("A referral is named by its vacancy_id."), "vacancy_id")
        if data["kind"] == "path_step" and not data["step_id"]:
            raise ValidationError(N_("A path step is named by its step_id."), "step_id")


class RatingInSchema(StrictSchema):
    subject = fields.Nested(SubjectFields, required=True)
    score = JsonInteger(
        required=True, validate=validate.Range(1, 5), metadata={"description": "1 poor … 5 excellent"}
    )
    comment = fields.String(
        load_default="",
        validate=OWN_COMMENT,
        metadata={
            "description": "Optional, the jobseeker's own words; refused when it contains personal data "
            "(identity code, e-mail, phone, street address), with a reason for the jobseeker's words"
        },
    )


class EmployerRatingInSchema(RatingInSchema):
    candidate_id = CandidateId(required=True)
    comment = fields.String(
        load_default="",
        validate=COMMENT,
        metadata={
            "description": "Optional; refused when it contains personal data (identity code, birth date, e-mail, "
            "phone, street address) or special-category data (health, pregnancy, age, family status, origin, "
            "religion, political opinion, union membership, sexual orientation, criminal record, immigration "
            "status), as an outcome comment: refer to the candidate by `candidate_id`"
        },
    )


class LinkInSchema(StrictSchema):
    subject = fields.Nested(SubjectFields, required=True)


class RatingOutSchema(ma.Schema):
    id = fields.String()
    subject_kind = fields.String()
    subject_ref = fields.String()
    rated_org = fields.String()
    rater = fields.String()
    channel = fields.String()
    score = fields.Integer()
    comment = fields.String()
    recorded_at = fields.DateTime()


class RatingListSchema(ma.Schema):
    items = BoundedList(fields.Nested(RatingOutSchema))
    to_rate = BoundedList(
        fields.Dict(),
        metadata={
            "description": "[{kind, ref, what}] not yet rated by the jobseeker (a step once it has begun); "
            "`what` in the request's language: the vacancy's title or the step's kind, and the "
            "organisation rated by its registry name"
        },
    )


class LinkOutSchema(ma.Schema):
    url = fields.String(metadata={"description": "Give it to the jobseeker; single use"})
    expires_on = fields.Date()


def what_text(what: SubjectText) -> str:
    """What is rated in the request's language (outside tester 8, J9: internal codes were shown):
    "Työkokeilu — Pohjanmaan Henkilöstöpalvelu Oy", "Hitsaaja — Pirkan Rekry Oy"."""
    org = current_app.extensions["kohtaanto.organisations"].name(what.org)
    name = gettext(what.name) if what.name in STEP_KIND_LABELS.values() else what.name
    return f"{name} — {org}" if name else org


def rating_dict(r: Rating, *, comment: bool = True) -> dict[str, Any]:
    return {
        "id": r.id,
        "subject_kind": r.subject.kind.value,
        "subject_ref": r.subject.ref,
        "rated_org": r.subject.rated_org,
        "rater": r.rater.value,
        "channel": r.channel.value,
        "score": r.score,
        "comment": r.comment if comment else "",
        "recorded_at": r.recorded_at,
    }


def _ref(subject: dict[str, Any]) -> tuple[SubjectKind, str]:
    kind = SubjectKind(subject["kind"])
    return kind, subject["vacancy_id"] if kind is SubjectKind.REFERRAL else subject["step_id"]


@blp.route("/profiles/<profile_id>/ratings", parameters=[PROFILE_ID_PARAMETER])
class JobseekerRatings(MethodView):
    @require_role(Role.COACH, kinds=PROFILE_OWNER_KINDS)
    @idempotent
    @id_named_with_body
    @blp.arguments(RatingInSchema)
    @blp.response(201, RatingOutSchema)
    def post(self, data: dict[str, Any], profile_id: str) -> Any:
        """Record the jobseeker's rating of a referral or a path step, as told to their coach. Publishes
        ``rating.recorded`` (figures only: no candidate id, no comment)."""
        kind, ref = _ref(data["subject"])
        try:
            return rating_dict(
                ratings().rate_as_jobseeker(
                    current_principal(), checked_id(profile_id), kind, ref, data["score"], data["comment"]
                )
            )
        except Exception as exc:
            translate(exc)

    @require_role(Role.COACH, kinds=PROFILE_OWNER_KINDS)
    @blp.response(200, RatingListSchema)
    def get(self, profile_id: str) -> Any:
        """The jobseeker's ratings and what they may still rate (own coaches; audited)."""
        try:
            given, to_rate = ratings().of_profile(current_principal(), checked_id(profile_id))
        except Exception as exc:
            translate(exc)
        return {
            "items": [rating_dict(r) for r in given],
            "to_rate": [{"kind": k, "ref": ref, "what": what_text(what)} for k, ref, what in to_rate],
        }


@blp.route("/profiles/<profile_id>/rating-links", parameters=[PROFILE_ID_PARAMETER])
class RatingLinks(MethodView):
    @require_role(Role.COACH, kinds=PROFILE_OWNER_KINDS)
    @idempotent
    @id_named_with_body
    @blp.arguments(LinkInSchema)
    @blp.response(201, LinkOutSchema)
    def post(self, data: dict[str, Any], profile_id: str) -> Any:
        """A single-use link (30 days) for the jobseeker to rate a referral or a step themselves."""
        kind, ref = _ref(data["subject"])
        try:
            link = ratings().link(current_principal(), checked_id(profile_id), kind, ref)
        except Exception as exc:
            translate(exc)
        return {"url": f"{request.host_url.rstrip('/')}/rate/{link.token}", "expires_on": link.expires_on}


@blp.route("/ratings")
class EmployerRatings(MethodView):
    @require_role(Role.EMPLOYER)
    @idempotent
    @blp.arguments(EmployerRatingInSchema)
    @blp.response(201, RatingOutSchema)
    def post(self, data: dict[str, Any]) -> Any:
        """An employer rates a referral to its own vacancy (the recruiter organisation that proposed
        the candidate is rated) or a path step held at its workplace (the step's organisation is)."""
        kind, ref = _ref(data["subject"])
        try:
            r = ratings().rate_as_employer(
                current_principal(), kind, ref, data["candidate_id"], data["score"], data["comment"]
            )
        except Exception as exc:
            translate(exc)
        return rating_dict(r)


# -- the jobseeker's page behind the link ---------------------------------------------------------------
_ESCAPES = re.compile(r"(?:%[0-9A-Fa-f]{2})+")


def _form_is_utf8() -> bool:
    """Whether the posted form was UTF-8: werkzeug leaves percent-escapes that do not decode as
    UTF-8 in the value as typed (``%ED%A0%80``), or puts U+FFFD for raw bad bytes; such a comment
    would be stored garbled and spend the single-use link."""
    for value in request.form.values():
        if "\ufffd" in value:
            return False
        for run in _ESCAPES.findall(value):
            try:
                unquote_to_bytes(run).decode("utf-8")
            except UnicodeDecodeError:
                return False
    return True


def _jobseeker_errors(messages: Any) -> dict[str, list[str]]:
    """The form's field reasons in the page's language; a comment refused for personal data is told
    in the words of the page (without the API's list of the kinds found), beside any other reason
    (a comment too long and holding a phone number is told both)."""
    errors: dict[str, list[str]] = {}
    for name, reasons in (messages or {}).items():
        errors[name] = [
            gettext("Do not write an identity code, e-mail address, phone number or street address.")
            if name == "comment" and str(r).startswith(OWN_WORDS_REFUSAL)
            else str(translate_errors(r))
            for r in (reasons if isinstance(reasons, list) else [reasons])
        ]
    return errors


@pages.route("/rate/<token>", methods=["GET", "POST"])
def rate(token: str) -> Any:
    """The rating form (Finnish, Swedish, English); the link is the permission, used once."""
    try:
        _, subject = ratings().link_subject(token)
        what = what_text(subject)
    except LinkUnusableError:
        return render_template("profile/rate.html", state="gone", what="", errors={}), 404
    except AlreadyRatedError:
        status = 200 if request.method == "GET" else 409
        return render_template("profile/rate.html", state="rated", what="", errors={}), status
    if request.method == "GET":
        return render_template("profile/rate.html", state="form", what=what, errors={})
    # the page's form sends each field once; a doubled score ("score=3&score=4") would be read as
    # whichever came first (outside tester 13, P11): refused as the JSON APIs refuse a repeated parameter
    repeated = sorted(name for name in request.form if len(request.form.getlist(name)) > 1)
    if repeated:
        errors = {name: [gettext("Give this parameter once.")] for name in repeated}
        return render_template("profile/rate.html", state="form", what=what, errors=errors), 422
    if not _form_is_utf8():
        errors = {"comment": [gettext("The text is not readable (not UTF-8): write it again.")]}
        return render_template("profile/rate.html", state="form", what=what, errors=errors), 422
    try:
        score = request.form.get("score", "")
        # a form sends text; the JSON body's integer rule (a string is "Not a valid integer.") applies
        # to what the jobseeker picked, so "3" is read here as the number it is
        data = RatingInSchema(only=("score", "comment")).load(
            {
                "score": int(score) if score.isascii() and score.isdigit() and len(score) < 4 else score,
                "comment": request.form.get("comment", ""),
            }
        )
    except ValidationError as exc:
        errors = _jobseeker_errors(exc.messages)
        return render_template("profile/rate.html", state="form", what=what, errors=errors), 422
    try:
        ratings().rate_by_link(token, data["score"], data["comment"])
    except (LinkUnusableError, AlreadyRatedError):
        return render_template("profile/rate.html", state="gone", what=what, errors={}), 409
    return render_template("profile/rate.html", state="thanks", what=what, errors={})
