"""HTTP endpoints of the vacancy service. Views translate; rules live in the domain and handlers."""

from __future__ import annotations

from typing import Any, NoReturn

from flask import current_app, g, request
from flask.views import MethodView
from flask_babel import gettext
from flask_smorest import Blueprint

from services.kernel.ad_limits import Ground, limits
from services.kernel.calendar import local_day
from services.kernel.sentences import MAX_READ_CHARS, MAX_SENTENCES, sentences
from services.kernel.texts import N_
from services.vacancy.domain import (
    CloseReason,
    InvalidVacancyError,
    NotOwnerError,
    Status,
    Vacancy,
    VacancyClosedError,
    VacancyDetails,
    VacancyNotFoundError,
    VacancyOpenError,
    VersionConflictError,
    VersionRequiredError,
)
from services.vacancy.handlers import VacancyHandlers
from services.vacancy.repository import VacancyFilter
from services.vacancy.requirement_words import language_of_skill, named_requirements
from services.vacancy.schemas import (
    CloseSchema,
    ReopenSchema,
    VacancyInSchema,
    VacancyOutSchema,
    VacancyPageSchema,
    VacancyPutSchema,
    VacancyQuerySchema,
)
from shared.auth import Role, current_principal, require_role
from shared.http import IF_MATCH_PARAMETER, abort, if_match_version
from shared.i18n import current_language
from shared.idempotency import idempotent
from shared.languages import language_name
from shared.pii import as_meant
from shared.schemas import Shown, input_notices, reference

blp = Blueprint(
    "vacancies",
    __name__,
    url_prefix="/api/v1/vacancies",
    description="Employers post, update, close and reopen vacancies.",
)

ALL_ROLES = tuple(Role)


def handlers() -> VacancyHandlers:
    return current_app.extensions["kohtaanto.vacancy.handlers"]


def shortage_of(v: Vacancy) -> dict[str, Any] | None:
    """``{level, period, region, source}`` when the vacancy is a labour-shortage role (lists read once
    per request from the copy kept from kohtaanto.shortages.v1), else None."""
    if "kohtaanto_shortages" not in g:
        with handlers().uow_factory() as uow:
            g.kohtaanto_shortages = uow.shortages.book(on=local_day(handlers().clock()))
    flag = g.kohtaanto_shortages.flag(v.details.region, v.details.occupation_uri)
    return flag.to_dict() if flag else None


def shown(v: Vacancy, **extra: Any) -> Shown:
    """The vacancy with what the API adds to it (dumped by ``VacancyOutSchema``)."""
    label = (
        reference().catalogue.occupation_label(v.details.occupation_uri) if v.details.occupation_uri else None
    )
    return Shown(
        v, {"occupation_label": label, "shortage": shortage_of(v), "warnings": warnings_of(v), **extra}
    )


def expected_version() -> int | None:
    """The version named by ``If-Match: "N"`` (optimistic concurrency), if any."""
    return if_match_version(gettext('If-Match must be a vacancy version, e.g. "3".'))


def translate(exc: Exception) -> NoReturn:
    """Domain errors become HTTP errors, here and only here."""
    if isinstance(exc, VacancyNotFoundError):
        abort(404, message=gettext("No such vacancy."))
    if isinstance(exc, NotOwnerError):
        # the answer for an unknown vacancy, as a read gives: no confirming another employer's ids
        abort(404, message=gettext("No such vacancy."))
    if isinstance(exc, VacancyClosedError | VacancyOpenError):
        abort(409, message=str(exc))
    if isinstance(exc, VersionConflictError):
        abort(412, message=str(exc))
    if isinstance(exc, VersionRequiredError):
        reason = gettext(
            'Send If-Match with the version you read (the ETag, e.g. "3"), or * to replace any version.'
        )
        abort(428, message=reason, errors={"header": {"If-Match": [reason]}})
    if isinstance(exc, InvalidVacancyError):
        abort(422, message=gettext("The vacancy breaks a rule."), errors={"json": exc.errors})
    raise exc


#: The ``PUT``'s ``If-Match``: required for a change, not for an identical replay.
VACANCY_IF_MATCH_PARAMETER = {
    **IF_MATCH_PARAMETER,
    "description": 'The version you read (the ETag, e.g. `"3"`): required to change the vacancy (412 when '
    "it is no longer at that version, 428 without the header); `*` replaces whatever version is stored. "
    "A body identical to the stored vacancy (a retry: lists in any order, a municipality by name or code, "
    "dates as d.m.yyyy or ISO) needs none and changes nothing. The body's `version` (as GET shows it) stands for "
    "it when the header is left out.",
}


def with_etag(v: Vacancy) -> tuple[Shown, int, dict[str, str]]:
    """The vacancy, the notices about how this request's input was stored, and its version as ETag."""
    return shown(v, notices=input_notices()), 200, {"ETag": f'"{v.version}"'}


DESCRIPTION_ONLY = N_(
    "This vacancy names no skills and no occupation: candidates are matched only on the skills "
    "that recognition finds in its title and description (sentences about the employer, benefits "
    "or applying are not read). Check the suggestions (POST /api/v1/skills/recognise on the "
    "matching service) and add the right ones to skills, or name the occupation."
)
NO_OCCUPATION = N_(
    "This vacancy names no occupation: matching infers one from its title and skills, and the vacancy "
    "counts as a labour-shortage role (and so reaches the recruitment team's weekly meeting) only when "
    "that inference is confident. Naming the occupation is surer."
)

DESCRIPTION_PARTLY_READ = N_(
    "The description has %(total)d sentences and skill recognition reads at most %(limit)d: about "
    "%(unread)d will not be read. The sections on what the job requires (headings such as "
    '"Edellytämme:", "Vi förutsätter:", "Requirements:") and sentences that state a requirement are '
    "read first, sentences about the employer, benefits or applying last. Shorten the description, "
    "or choose the skills the job needs (GET /api/v1/vacancies/<id>/skills on the matching service "
    "shows what was read)."
)

DESCRIPTION_LONG = N_(
    "The description's sentences have %(total)d characters and skill recognition reads at most "
    "%(limit)d: about %(unread)d will not be read (a sentence that long is read in part). The sections "
    'on what the job requires (headings such as "Edellytämme:", "Vi förutsätter:", "Requirements:") '
    "and sentences that state a requirement are read first, sentences about the employer, benefits or "
    "applying last. Shorten the description, end its sentences with full stops, or choose the skills "
    "the job needs (GET /api/v1/vacancies/<id>/skills on the matching service shows what was read)."
)

UNCONFIRMED = N_(
    "The title and description name %(requirements)s: matching offers them only as suggestions, and "
    "until you confirm them they filter no candidate and count in scores only as optional suggestions "
    "(never essential). Confirm a "
    "language by adding it to languages (code and minimum level: a filter), a licence, card or "
    "skill by adding its ESCO skill to skills; GET /api/v1/vacancies/<id>/skills on the matching "
    "service lists the suggestions (suggested_skills, suggested_languages). Turn one down with rejected_skills."
)
ONLY_A_PLUS = N_(
    "The title and description name %(languages)s only as a plus: no requirement, so do not add it to "
    "languages; it counts in scores as an optional suggestion until you accept its ESCO skill in skills "
    "or turn it down with rejected_skills."
)
LIMIT_BY = {
    Ground.AGE: N_('%(field)s limits applicants by age ("%(words)s").'),
    Ground.SEX: N_('%(field)s limits applicants by sex ("%(words)s").'),
    Ground.PREGNANCY: N_('%(field)s limits applicants by pregnancy ("%(words)s").'),
    Ground.FAMILY: N_('%(field)s limits applicants by family plans ("%(words)s").'),
    Ground.ORIGIN: N_('%(field)s limits applicants by origin ("%(words)s").'),
    Ground.NATIONALITY: N_(
        '%(field)s limits applicants by nationality ("%(words)s"). Some public posts may lawfully require '
        "Finnish citizenship (State Civil Servants Act 750/1994, section 7); other jobs may not."
    ),
    Ground.RELIGION: N_('%(field)s limits applicants by religion or belief ("%(words)s").'),
    Ground.HEALTH: N_('%(field)s limits applicants by health or disability ("%(words)s").'),
    Ground.ORIENTATION: N_('%(field)s limits applicants by sexual orientation ("%(words)s").'),
}
LIMIT_LAW = N_(
    "A job ad must not limit applicants by age, sex, pregnancy, family plans, origin, nationality, religion or "
    "belief, health, disability or sexual orientation without an acceptable reason (Equality Act 609/1986, "
    "sections 8 and 14; Non-Discrimination Act 1325/2014, section 8). The vacancy is published and everyone "
    "who reads it sees this warning; whether the limit is lawful (a youth summer-job scheme may be) is a "
    "person's judgement. Reword the ad if it is not."
)
FIELD_NAMES = {"title": N_("The ad's title"), "description": N_("The ad's description")}
UNCONFIRMED_SKILLS = N_("the skills recognition finds in the text")
A_DRIVING_LICENCE = N_("a driving licence")
LISTED = N_("%(items)s and %(last)s")

#: ESCO skills that confirm (or, rejected, turn down) a driving licence: what matching's licence
#: rules (data/recognition/skill_rules.csv) map every licence class to.
DRIVING = frozenset(
    {
        "http://data.europa.eu/esco/skill/2a82241a-216e-44d8-bb50-6b9a0ef82084",  # drive vehicles
        "http://data.europa.eu/esco/skill/8215bbba-2f6d-4530-bf41-904d871eaf72",  # manoeuvre heavy trucks
        "http://data.europa.eu/esco/skill/4f8f9d1e-6672-4e58-abb2-258e8b1c700f",  # manoeuvre bus
    }
)


def unconfirmed_requirements(v: Vacancy) -> tuple[list[str], list[str]]:
    """The requirements the vacancy's title and description name that the employer has neither
    confirmed nor turned down, as the caller's language names them: languages it requires that are
    not in `languages` and whose ESCO language skill is not in `rejected_skills`, a driving licence
    without its ESCO skill in `skills` or `rejected_skills`, work cards (in their base form,
    "trukkikortti": `card_name`) and the text's skills when the vacancy has chosen no skill at all;
    then, apart, the languages it names only as a plus, neither in `languages` nor accepted or
    turned down as an ESCO skill (outside tester 35, F2: a plus was named as a filter to add, and
    turning it down did not clear it). (`services.vacancy.requirement_words`; outside tester 23, T5.)"""
    d = v.details
    named = named_requirements((d.title, d.description))
    lang = current_language()
    chosen = {s.uri for s in d.skills} | set(d.rejected_skills)
    catalogue = reference().catalogue
    rejected = {language_of_skill(catalogue.skill_label(uri)) for uri in d.rejected_skills}
    accepted = {language_of_skill(catalogue.skill_label(s.uri)) for s in d.skills}
    declared = {x.code for x in d.languages}
    out = [language_name(c, lang) for c in named.languages if c not in declared | rejected]
    if named.licence and not chosen & DRIVING:
        out.append(gettext(A_DRIVING_LICENCE))
    if not chosen:
        out.extend(named.cards)
        if out:
            out.append(gettext(UNCONFIRMED_SKILLS))
    settled = declared | rejected | accepted
    return out, [language_name(c, lang) for c in named.optional_languages if c not in settled]


def _listed(names: list[str]) -> str:
    """`names` (at least one) as one phrase: "A", "A and B", "A, B and C" (in the caller's language)."""
    if len(names) == 1:
        return names[0]
    return gettext(LISTED, items=", ".join(names[:-1]), last=names[-1])


def warnings_of(v: Vacancy) -> list[dict[str, str]]:
    """Warnings for the employer about how the vacancy will be matched: what it names
    (`skills_from_description_only`, `occupation_not_named`), and `description_partly_read` when
    its description has more sentences than skill recognition reads (`MAX_SENTENCES`; outside
    tester 16, P2: the rest was dropped and nothing said so) or more characters in them
    (`MAX_READ_CHARS`; outside tester 36, H4), and `requirements_unconfirmed` naming
    the languages, driving licence and cards its text names that the employer has not confirmed
    (`unconfirmed_requirements`); `discriminatory_limit`, with the `field` (title, description), for each
    limit by a ground of the law its text sets (`ad_limits.Ground`: age, sex, pregnancy, family plans, origin,
    nationality, religion, health or disability, sexual orientation; `ad_limits.limits`; outside tester 35,
    F7, tester 36, H6: a warning, not a refusal, as phrases have lawful uses and the legal judgement is a
    person's).
    None for a closed vacancy: it is
    matched no more (outside tester 19, P11: its close was answered with "names no occupation")."""
    if v.status is Status.CLOSED:
        return []
    d = v.details
    out: list[dict[str, str]] = []
    if d.occupation_uri is None and not d.skills:
        # (the skills-only warning below also applies; one warning says both, see DESCRIPTION_ONLY)
        out.append(
            {
                "code": "skills_from_description_only",
                "message": f"{gettext(DESCRIPTION_ONLY)} {gettext(NO_OCCUPATION)}",
            }
        )
    elif d.occupation_uri is None:
        out.append({"code": "occupation_not_named", "message": gettext(NO_OCCUPATION)})
    said_sentences = sentences(d.description)
    total, chars = len(said_sentences), sum(map(len, said_sentences))
    if total > MAX_SENTENCES:
        message = gettext(
            DESCRIPTION_PARTLY_READ, total=total, limit=MAX_SENTENCES, unread=total - MAX_SENTENCES
        )
        out.append({"code": "description_partly_read", "message": message})
    elif chars > MAX_READ_CHARS:  # (outside tester 36, H4: one long "sentence" read in part)
        message = gettext(DESCRIPTION_LONG, total=chars, limit=MAX_READ_CHARS, unread=chars - MAX_READ_CHARS)
        out.append({"code": "description_partly_read", "message": message})
    for field, text in (("title", d.title), ("description", d.description)):
        for limit in limits(text, as_meant=as_meant):
            said = gettext(LIMIT_BY[limit.ground], field=gettext(FIELD_NAMES[field]), words=limit.words)
            out.append(
                {"code": "discriminatory_limit", "field": field, "message": f"{said} {gettext(LIMIT_LAW)}"}
            )
    unconfirmed, optional = unconfirmed_requirements(v)
    said = [gettext(UNCONFIRMED, requirements=_listed(unconfirmed))] if unconfirmed else []
    if optional:
        said.append(gettext(ONLY_A_PLUS, languages=_listed(optional)))
    if said:
        out.append({"code": "requirements_unconfirmed", "message": " ".join(said)})
    return out


@blp.route("")
class Vacancies(MethodView):
    @require_role(*ALL_ROLES)
    @blp.arguments(VacancyQuerySchema, location="query")
    @blp.response(200, VacancyPageSchema)
    def get(self, args: dict[str, Any]) -> dict[str, Any]:
        """List vacancies (an employer sees only its own organisation's)."""
        principal = current_principal()
        if principal.role is Role.EMPLOYER and args["employer_org"] not in (None, principal.org):
            # outside tester 9, K4: the filter was silently replaced by the caller's own organisation
            abort(
                403,
                message=N_("An employer lists only its own organisation's vacancies."),
                errors={"query": {"employer_org": [N_("Not your organisation.")]}},
            )
        org = principal.org if principal.role is Role.EMPLOYER else args["employer_org"]
        f = VacancyFilter(
            employer_org=org,
            status=Status(args["status"]) if args["status"] else None,
            region=args["region"],
            occupation_uri=args["occupation_uri"],
            limit=args["limit"],
            offset=args["offset"],
        )
        with handlers().uow_factory() as uow:
            items, total = uow.vacancies.list(f)
        return {"items": [shown(v) for v in items], "total": total, "limit": f.limit, "offset": f.offset}

    @require_role(Role.EMPLOYER)
    @idempotent
    @blp.arguments(VacancyInSchema)
    @blp.response(201, VacancyOutSchema)
    def post(self, details: VacancyDetails) -> Any:
        """Post a vacancy for the caller's organisation. With ``Idempotency-Key`` a retry gets the
        first answer (``Idempotent-Replayed: true``) and posts nothing again (outside tester 36, H7)."""
        try:
            vacancy = handlers().post(current_principal().org, details)
        except Exception as exc:
            translate(exc)
        body, _, headers = with_etag(vacancy)
        headers["Location"] = f"{blp.url_prefix}/{vacancy.id}"
        return body, 201, headers


@blp.route("/<vacancy_id>")
class VacancyById(MethodView):
    @require_role(*ALL_ROLES)
    @blp.response(200, VacancyOutSchema)
    def get(self, vacancy_id: str) -> Any:
        """Read one vacancy."""
        with handlers().uow_factory() as uow:
            vacancy = uow.vacancies.get(vacancy_id)
        principal = current_principal()
        if vacancy is None or (principal.role is Role.EMPLOYER and vacancy.employer_org != principal.org):
            abort(404, message=gettext("No such vacancy."))
        return with_etag(vacancy)

    @require_role(Role.EMPLOYER)
    @blp.arguments(VacancyPutSchema)
    @blp.response(200, VacancyOutSchema)
    @blp.doc(
        parameters=[VACANCY_IF_MATCH_PARAMETER],
        responses={
            "400": {"$ref": "#/components/responses/DEFAULT_ERROR"},
            "412": {"$ref": "#/components/responses/DEFAULT_ERROR"},
            "428": {"$ref": "#/components/responses/DEFAULT_ERROR"},
        },
    )
    def put(self, data: dict[str, Any], vacancy_id: str) -> Any:
        """Replace a vacancy's details. ``If-Match: "<version>"`` (the ETag you read) is required for
        a change, so that a colleague's change made meanwhile is not overwritten unseen: 412 when the
        vacancy is no longer at that version, 428 without the header (outside tester 14, P16);
        ``If-Match: *`` replaces whatever version is stored. A ``PUT`` identical to the stored vacancy
        (a retry; compared after normalising, ``VacancyDetails.normalised``) needs none and changes
        nothing: 200 with the same version, no event (outside testers 20, P4, and 21, Q6), as a
        profile's. A body read with ``GET`` may be sent back as it is or edited: its read-only fields
        (``id``, ``employer_org``, ``status``, ``close_reason``, ``version``, ``created_at``,
        ``updated_at``) are ignored when they are as stored, ``version`` stands for ``If-Match``, and
        another value of one of them is a 422 naming the field; the derived ones
        (``occupation_label``, ``shortage``, ``warnings``, ``notices``) are ignored whatever their
        value, being computed for each answer (outside tester 23, S6)."""
        read_only = dict(data["read_only"])
        in_body = read_only.pop("version", None)
        try:
            header = expected_version()
            if header is not None and in_body is not None and header != in_body:
                raise VersionConflictError(
                    N_("If-Match names version %(header)s and the body version %(body)s")
                    % {"header": header, "body": in_body}
                )
            vacancy = handlers().update(
                vacancy_id,
                current_principal().org,
                data["details"],
                header if header is not None else in_body,
                versioned=request.headers.get("If-Match") is not None or in_body is not None,
                read_only=read_only,
            )
        except Exception as exc:
            translate(exc)
        return with_etag(vacancy)


@blp.route("/<vacancy_id>/close")
class CloseVacancy(MethodView):
    @require_role(Role.EMPLOYER)
    @blp.arguments(CloseSchema)
    @blp.response(200, VacancyOutSchema)
    def post(self, data: dict[str, Any], vacancy_id: str) -> Any:
        """Close a vacancy: filled, cancelled or expired."""
        try:
            vacancy = handlers().close(
                vacancy_id, current_principal().org, CloseReason(data["reason"]), expected_version()
            )
        except Exception as exc:
            translate(exc)
        return with_etag(vacancy)


@blp.route("/<vacancy_id>/reopen")
class ReopenVacancy(MethodView):
    @require_role(Role.EMPLOYER)
    @blp.arguments(ReopenSchema, required=False)
    @blp.response(200, VacancyOutSchema)
    @blp.doc(responses={"412": {"$ref": "#/components/responses/DEFAULT_ERROR"}})
    def post(self, data: dict[str, Any], vacancy_id: str) -> Any:
        """Reopen a closed vacancy (closed by mistake, or the person hired withdrew): open again, a new
        version, its close reason gone, published as ``vacancy.reopened`` (matching shortlists it
        again). 409 when it is open; a stored application deadline that has passed is a 422 naming
        ``application_deadline``: send a new one (or null) in the body. ``If-Match`` is optional, as
        for a close (outside tester 26, F10)."""
        try:
            vacancy = handlers().reopen(
                vacancy_id,
                current_principal().org,
                expected_version(),
                application_deadline=(data or {}).get("application_deadline"),
                keep_deadline="application_deadline" not in (data or {}),
            )
        except Exception as exc:
            translate(exc)
        return with_etag(vacancy)
