"""HTTP endpoints of the matching service: shortlists, explanations, skill recognition."""

from __future__ import annotations

import math
from collections.abc import Iterable
from typing import Any

from flask import current_app, g, jsonify
from flask.views import MethodView
from flask_smorest import Blueprint, abort

from services.matching.index.domain.model import ShortlistEntry
from services.matching.index.domain.taxonomy import Taxonomy
from services.matching.index.events import VacancyRecord
from services.matching.index.handlers import (
    MatchingHandlers,
    RecognitionUnavailableError,
    Shortlist,
    VacancyUnknownError,
)
from services.matching.index.schemas import (
    ExplanationSchema,
    IndexVersionsQuerySchema,
    IndexVersionsSchema,
    RecognisedListSchema,
    RecogniseSchema,
    ShortlistArgs,
    ShortlistSchema,
)
from shared.auth import Role, current_principal, require_role

blp = Blueprint(
    "matching",
    __name__,
    url_prefix="/api/v1",
    description="Ranked, explained shortlists of candidates for vacancies.",
)

SHORTLIST_ROLES = (Role.RECRUITER, Role.TEAM_MEMBER, Role.COACH, Role.OPERATOR)


def handlers() -> MatchingHandlers:
    return current_app.extensions["kohtaanto.matching.handlers"]


def taxonomy() -> Taxonomy:
    return current_app.extensions["kohtaanto.matching.taxonomy"]


class SkillLabels:
    """The label of every skill URI an entry mentions, in one language, collected while rendering
    so that a response carries each label once (``skills``) however many entries mention it."""

    def __init__(self, lang: str) -> None:
        self.taxonomy = taxonomy()
        self.lang = lang
        self.labels: dict[str, str] = {}

    def add(self, uris: Iterable[str]) -> list[str]:
        labels = self.labels
        for uri in uris:
            if uri not in labels:
                labels[uri] = self.taxonomy.skill_label(uri, self.lang)
        return list(uris)


def render_entry(e: ShortlistEntry, labels: SkillLabels) -> dict[str, Any]:
    """One entry; skills appear as URIs, their labels go to `labels`."""
    add = labels.add
    related = []
    for r in e.related:
        add((r.vacancy_skill, r.candidate_skill))
        related.append(
            {
                "vacancy_skill": r.vacancy_skill,
                "candidate_skill": r.candidate_skill,
                "credit": round(r.credit, 4),
                "reason": r.reason,
            }
        )
    return {
        "rank": e.rank,
        "candidate_id": e.candidate_id,
        "score": round(e.score, 4),
        "components": {k: round(v, 4) for k, v in e.components.items()},
        "matched_essential": add(e.matched_essential),
        "matched_optional": add(e.matched_optional),
        "related": related,
        "missing_essential": add(e.missing_essential),
        "distance_km": None if math.isnan(e.distance_km) else round(e.distance_km, 1),
        "available_from": e.available_from.isoformat(),
        "filters": list(e.filters),
    }


def shortage_for(record: VacancyRecord) -> dict[str, Any] | None:
    """The vacancy's shortage flag (level, period, list, source, age, stale), or None; lists read once
    per request."""
    team = current_app.extensions["kohtaanto.matching.team"]
    if "kohtaanto_shortages" not in g:
        g.kohtaanto_shortages = team.shortage_book()
    return team.flag_dict(g.kohtaanto_shortages.flag(record.region, record.vacancy.occupation_uri))  # type: ignore[no-any-return]


def render_shortlist(s: Shortlist, lang: str) -> dict[str, Any]:
    """The shortlist as the JSON document `ShortlistSchema` describes (dates as ISO 8601 strings),
    built once and returned as is: marshmallow re-serialising fifty explained entries cost more
    than ranking a million profiles."""
    v = s.record.vacancy
    tax = taxonomy()
    labels = SkillLabels(lang)
    entries = [render_entry(e, labels) for e in s.entries]
    return {
        "vacancy": {
            "id": v.vacancy_id,
            "title": v.title,
            "employer_org": v.employer_org,
            "occupation_uri": v.occupation_uri,
            "occupation_label": tax.occupation_label(v.occupation_uri, lang) if v.occupation_uri else None,
            "municipality": v.municipality,
            "region": s.record.region,
            "status": v.status,
            "version": v.version,
            "chosen_skills": [
                {"uri": sk.uri, "label": tax.skill_label(sk.uri, lang), "essential": sk.essential}
                for sk in s.record.chosen.skills
            ],
            "suggested_skills": [
                {"uri": sk.uri, "label": tax.skill_label(sk.uri, lang)} for sk in v.skills if sk.suggested
            ],
            "shortage": shortage_for(s.record),
        },
        "generated_at": s.generated_at.isoformat(),
        "consent_filtered_for": s.consent_filtered_for,
        "candidates_indexed": s.candidates_indexed,
        "skills": labels.labels,
        "entries": entries,
    }


@blp.route("/vacancies/<vacancy_id>/shortlist")
class ShortlistView(MethodView):
    @require_role(*SHORTLIST_ROLES)
    @blp.arguments(ShortlistArgs, location="query")
    @blp.response(200, ShortlistSchema)
    def get(self, args: dict[str, Any], vacancy_id: str) -> Any:
        """The top-k candidates for a vacancy, each with its score broken down and its reasons.

        A partner recruiter gets only candidates who consented to the recruiter's organisation.
        """
        k = args["k"] or current_app.config["KOHTAANTO_DEFAULT_K"]
        try:
            shortlist = handlers().shortlist(current_principal(), vacancy_id, k)
        except VacancyUnknownError:
            abort(404, message="No such vacancy (or not yet received by the matching service).")
        return jsonify(render_shortlist(shortlist, args["lang"]))


@blp.route("/vacancies/<vacancy_id>/candidates/<candidate_id>/explanation")
class ExplanationView(MethodView):
    @require_role(*SHORTLIST_ROLES)
    @blp.arguments(ShortlistArgs, location="query")
    @blp.response(200, ExplanationSchema)
    def get(self, args: dict[str, Any], vacancy_id: str, candidate_id: str) -> Any:
        """Why one candidate ranks where they do for a vacancy, and which hard filters they fail."""
        try:
            entry = handlers().explain(current_principal(), vacancy_id, candidate_id)
        except VacancyUnknownError:
            abort(404, message="No such vacancy.")
        if entry is not None:
            labels = SkillLabels(args["lang"])
            return jsonify({**render_entry(entry, labels), "skills": labels.labels})
        abort(404, message="No such candidate.")


NO_SKILL_WARNING = (
    "No skill was recognised in this text: it reads as being about the employer, benefits or "
    "applying, or it names no task or requirement. Describe the tasks and requirements, or choose "
    "skills or an occupation."
)


@blp.route("/skills/recognise")
class RecogniseView(MethodView):
    @require_role(*Role)
    @blp.arguments(RecogniseSchema)
    @blp.response(200, RecognisedListSchema)
    def post(self, data: dict[str, Any]) -> Any:
        """ESCO skills recognised in free text (Finnish, Swedish or English), best first: a
        ranking, never cut to empty while the text says what a job needs or a person can do.
        Sentences about the employer, benefits or applying are not read. The text is neither
        stored nor logged."""
        try:
            lang, found = handlers().recognise(data["text"], data["top_k"], data["lang"])
        except RecognitionUnavailableError as exc:
            abort(503, message=str(exc))
        body: dict[str, Any] = {
            "lang": lang,
            "items": [
                {
                    "uri": s.uri,
                    "label": s.label_fi if lang == "fi" and s.label_fi else s.label_en,
                    "score": round(s.score, 4),
                }
                for s in found
            ],
        }
        if not found:
            body["warning"] = NO_SKILL_WARNING
        return body


@blp.route("/index/versions")
class IndexVersionsView(MethodView):
    @require_role(Role.OPERATOR)
    @blp.arguments(IndexVersionsQuerySchema)
    @blp.response(200, IndexVersionsSchema)
    def post(self, data: dict[str, Any]) -> Any:
        """Which version of each given candidate this replica serves (operators: compare replicas,
        check that a restart or a fault lost nothing). Pseudonymous ids and versions only."""
        state = current_app.extensions["kohtaanto.matching.state"]
        engine = state.engine
        return {
            "candidates": len(engine),
            "vacancies": len(state.vacancies()),
            "versions": {cid: engine.indexed_version(cid) for cid in data["candidate_ids"]},
        }
