"""HTTP endpoints of the matching service: shortlists, explanations, skill recognition."""

from __future__ import annotations

import re
import time
from collections.abc import Mapping, Sequence
from typing import Any

from flask import current_app, g, has_request_context, jsonify, request
from flask.views import MethodView
from flask_babel import gettext
from flask_smorest import Blueprint, abort

from services.kernel.language_clauses import dash_before_level
from services.kernel.sentences import cut_to
from services.kernel.texts import N_
from services.matching.index.domain.cv_lines import NOT_HELD, NamedWork, cv_sentences, profile_rows
from services.matching.index.domain.filters import Scope
from services.matching.index.domain.language_requirements import language_requirements
from services.matching.index.domain.model import RecognisedSkill, language_rank
from services.matching.index.domain.recognition import (
    CONFIDENT_SCORE,
    LEFT_OUT_LOOKAHEAD,
    SENTENCE_PLACES,
    beside_hiring_lines,
    guessed_sentences,
    names_registration,
    requirements_first,
    sentence_places,
    suggestable,
    unshown_sentences,
)
from services.matching.index.domain.recognition_text import (
    MAX_READ_CHARS,
    MAX_SENTENCES,
    Reading,
    readable,
    reading_units,
    sentences,
    sentences_to_read,
    without_not_needed_lists,
)
from services.matching.index.domain.spoken import language_skill_map
from services.matching.index.domain.taxonomy import Taxonomy
from services.matching.index.handlers import (
    MatchingHandlers,
    RecognitionUnavailableError,
    VacancyRecord,
    VacancyUnknownError,
)
from services.matching.index.render import (
    render_explanation,
    render_ranked_occupation,
    render_shortlist,
    render_suggestion,
    suggestion_warning,
)
from services.matching.index.schemas import (
    MAX_TEXT_CHARS,
    NO_COUNTS,
    ExplanationSchema,
    IndexVersionsQuerySchema,
    IndexVersionsSchema,
    RecognisedListSchema,
    RecogniseSchema,
    ShortlistArgs,
    ShortlistSchema,
    VacancySkillsArgs,
    VacancySkillsSchema,
)
from shared.auth import Role, current_principal, require_role
from shared.http import abort as http_abort
from shared.i18n import stated_language
from shared.languages import language_name
from shared.messaging.topics import CANDIDATE_ID_PATTERN
from shared.metrics import SHORTLIST_DURATION
from shared.ratelimit import rate_limited
from shared.refusals import mark_refused
from shared.schemas import CANDIDATE_ID_RULE

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


@blp.route("/vacancies/<vacancy_id>/shortlist")
class ShortlistView(MethodView):
    @require_role(*SHORTLIST_ROLES)
    @blp.arguments(ShortlistArgs, location="query")
    @blp.response(200, ShortlistSchema)
    def get(self, args: dict[str, Any], vacancy_id: str) -> Any:
        """The top-k candidates for a vacancy (a page of them from `offset`), each with its score
        broken down and its reasons; what each hard filter removed (`exclusions`) and the
        availability rule applied.

        A partner recruiter gets only candidates who consented to the recruiter's organisation.
        """
        k = args["k"] or current_app.config["KOHTAANTO_DEFAULT_K"]
        index = handlers()
        started = time.perf_counter()
        try:
            shortlist = index.shortlist(
                current_principal(),
                vacancy_id,
                k,
                available_within_days=args["available_within_days"],
                offset=args["offset"],
                count_exclusions=args["exclusions"] != NO_COUNTS,
                exclusion_scope=Scope(args["exclusions"].replace(NO_COUNTS, Scope.REACH.value)),
            )
        except VacancyUnknownError:
            abort(404, message=gettext("No such vacancy (or not yet received by the matching service)."))
        SHORTLIST_DURATION.observe(time.perf_counter() - started)
        shortage = index.shortage_flag(shortlist.record)
        body = render_shortlist(shortlist, taxonomy(), args["lang"], shortage)
        if not shortlist.record.is_open:  # why it is empty (outside testers 16, P4, and 17, P13)
            body["vacancy_status"] = shortlist.record.vacancy.status
            body["close_reason"] = shortlist.record.close_reason
            body["notice"] = closed_shortlist_notice(shortlist.record.close_reason)
        return jsonify(body)


CANDIDATE_ID_PARAMETER = {
    "in": "path",
    "name": "candidate_id",
    "required": True,
    "description": "Pseudonymous candidate id from a shortlist (`c-` and 24 hex digits)",
    "schema": {"type": "string", "pattern": CANDIDATE_ID_PATTERN, "example": "c-3f9a0c41d2b7e85f6a1c0d94"},
}
_CANDIDATE_ID = re.compile(CANDIDATE_ID_PATTERN)


@blp.route(
    "/vacancies/<vacancy_id>/candidates/<candidate_id>/explanation", parameters=[CANDIDATE_ID_PARAMETER]
)
class ExplanationView(MethodView):
    @require_role(*SHORTLIST_ROLES)
    @blp.arguments(ShortlistArgs, location="query")
    @blp.response(200, ExplanationSchema)
    def get(self, args: dict[str, Any], vacancy_id: str, candidate_id: str) -> Any:
        """Why one candidate ranks where they do for a vacancy, and which hard filters they fail:
        their real rank on the caller's shortlist (null when not listed) and whether it is within
        the first `k`.

        404 for a candidate the caller may not see (a partner recruiter: one who did not consent to
        the recruiter's organisation), exactly as for an unknown one."""
        if not _CANDIDATE_ID.match(candidate_id):
            # the same rule as every candidate id in a body (an identity code here is a 422, not a 404)
            http_abort(
                422, message=N_("Invalid input."), errors={"path": {"candidate_id": [CANDIDATE_ID_RULE]}}
            )
        try:
            entry = handlers().explain(
                current_principal(),
                vacancy_id,
                candidate_id,
                available_within_days=args["available_within_days"],
                with_rank=True,
            )
        except VacancyUnknownError:
            mark_refused("unknown_vacancy")
            abort(404, message=gettext("No such vacancy."))
        if entry is not None:
            k = args["k"] or current_app.config["KOHTAANTO_DEFAULT_K"]
            body = render_explanation(entry, taxonomy(), args["lang"], k)
            record = handlers().vacancy(vacancy_id)
            body["vacancy_status"] = record.vacancy.status
            if not record.is_open:
                body["notice"] = gettext(CLOSED_NOTICE)
            return jsonify(body)
        mark_refused("candidate_not_visible")  # audited by the profile service (team.refusals)
        abort(404, message=gettext("No such candidate."))


# Why a vacancy closed, in the 409 for a step recorded on it and on its empty shortlist (outside
# testers 16, P4, and 17, P13).
CLOSED_MESSAGES: dict[str | None, str] = {
    "filled": N_("The vacancy is closed: it was filled."),
    "cancelled": N_("The vacancy is closed: the employer cancelled it."),
    "expired": N_("The vacancy is closed: its application period ended."),
    None: N_("The vacancy is closed."),
}
NO_SHORTLIST = N_("A closed vacancy has no shortlist: its candidates are no longer ranked.")


def closed_shortlist_notice(close_reason: str | None) -> str:
    """Why a closed vacancy's shortlist is empty, in the request's language: the reason it closed
    (`CLOSED_MESSAGES`; an unknown reason reads as none) and that it has no shortlist."""
    reason = gettext(CLOSED_MESSAGES.get(close_reason, CLOSED_MESSAGES[None]))
    return f"{reason} {gettext(NO_SHORTLIST)}"


CLOSED_NOTICE = N_(
    "The vacancy is closed: it has no shortlist, so the candidate has no rank on it. The score and "
    "reasons are how they would have matched."
)
NO_SKILL_WARNING = N_(
    "No skill was recognised in this text: it names no task, requirement or skill that recognition "
    "reads (sentences about an employer, benefits or applying are not read). Describe the tasks, the "
    "requirements or what the person can do, or choose skills or an occupation."
)
"""Worded for any text the endpoint reads, an ad or a coach's note (outside tester 30, T30-6: "it
reads as being about the employer" was said of a note about a jobseeker)."""
REGISTRATION_WARNING = N_(
    "No skill was recognised in this text: it names a professional registration (laillistus, "
    "Valvira, Terhikki, legitimation), but not the profession registered, and a registration alone "
    'is no skill. Name the profession beside it or in the title ("Sairaanhoitaja", "laillistus '
    'sairaanhoitajana"), or choose the skills.'
)
LOW_CONFIDENCE_WARNING = N_(
    "No skill was recognised with confidence: the skills below are only guesses from similar "
    "words. Describe the tasks and requirements, or choose skills or an occupation."
)

GUESSED_SENTENCES_WARNING = N_(
    "Some sentences gave no skill with confidence: the skills recognised from them are only guesses "
    "from similar words (%(sentences)s). Describe those tasks in other words, or choose the skills."
)


def guessed_sentences_warning(found: list[RecognisedSkill]) -> str | None:
    """`GUESSED_SENTENCES_WARNING` in the request's language, quoting each sentence whose shown skills
    are all guesses while another sentence's are confident (`guessed_sentences`), else None."""
    guessed = guessed_sentences(found)
    if not guessed:
        return None
    return gettext(GUESSED_SENTENCES_WARNING, sentences="; ".join(f'"{s}"' for s in guessed))


NOT_HELD_WARNING = N_(
    "Some sentences name studies, a wish or an aim, not work done: the skills recognised from them "
    "are not shown experience (%(sentences)s). Choose only the skills the person has."
)


def not_held_warning(found: list[RecognisedSkill]) -> str | None:
    """`NOT_HELD_WARNING` in the request's language, quoting each sentence (`source`) of `found` that
    says the person studies for, wishes or aims at the work (`cv_lines.NOT_HELD`: "Haluaisin
    työskennellä hitsaajana."), else None. For `context: cv` only: in an ad "haluamme" is the
    employer's (outside tester 38b, N5: a wish claimed a welding skill at 0.67 with no warning)."""
    sentences = dict.fromkeys(r.source for r in found if r.source is not None and NOT_HELD.search(r.source))
    if not sentences:
        return None
    return gettext(NOT_HELD_WARNING, sentences="; ".join(f'"{s}"' for s in sentences))


PARTLY_READ_WARNING = N_(
    "This text has %(total)d sentences and recognition reads at most %(limit)d: %(unread)d were not "
    'read. The sections on what the job requires (headings such as "Edellytämme:", "Vi '
    'förutsätter:", "Requirements:") and sentences that state a requirement are read first, '
    "sentences about the employer, benefits or applying last. Shorten the text, or choose the "
    "skills the job needs."
)


LONG_TEXT_WARNING = N_(
    "This text's sentences have %(total)d characters and recognition reads at most %(limit)d: "
    "%(unread)d were not read (a sentence that long is read in part). The sections on what the job "
    'requires (headings such as "Edellytämme:", "Vi förutsätter:", "Requirements:") and sentences that '
    "state a requirement are read first, sentences about the employer, benefits or applying last. "
    "Shorten the text, end its sentences with full stops, or choose the skills the job needs."
)


def reading_of(text: str) -> Reading:
    """The sentences of `text` (its first `MAX_TEXT_CHARS` characters, markup dropped: `readable`; a
    list of what is not needed taken out) that recognition reads (`sentences_to_read`: at most
    `MAX_SENTENCES` sentences and `MAX_READ_CHARS` characters); once per text and request (the rate
    limit's cost, the warning and the languages ask for it)."""
    readings: dict[str, Reading] = g.setdefault("readings", {}) if has_request_context() else {}
    if (reading := readings.get(text)) is None:
        cut = text[:MAX_TEXT_CHARS]
        reading = readings[text] = sentences_to_read(sentences(without_not_needed_lists(readable(cut))))
    return reading


def cv_lines_of(text: str) -> list[str]:
    """The sentences of `text` as a CV's work history is read (`cv_lines.cv_sentences`: a CV line
    whole, a dash or "v." ends none; tester 39b, Q1/Q6): of its first `MAX_TEXT_CHARS` characters,
    markup dropped (`readable`), at most `MAX_SENTENCES` of them and `MAX_READ_CHARS` characters,
    in the text's order. The items are read from `reading_of`'s sentences, as in any context."""
    out: list[str] = []
    room = MAX_READ_CHARS
    for line in cv_sentences(readable(text[:MAX_TEXT_CHARS]))[:MAX_SENTENCES]:
        if room <= 0:
            break
        out.append(cut_to(line, room))
        room -= len(line)
    return out


def partly_read_warning(text: str) -> str | None:
    """`PARTLY_READ_WARNING` in the request's language when recognition leaves sentences of `text`
    (its first `MAX_TEXT_CHARS` characters, as read) unread (more than `MAX_SENTENCES`:
    `sentences_to_read`), else `LONG_TEXT_WARNING` when it leaves characters unread (more than
    `MAX_READ_CHARS`), else None. Outside tester 16 (P2): only the first 50 sentences were
    read, and nothing told the employer."""
    reading = reading_of(text)
    if reading.total > MAX_SENTENCES:
        return gettext(
            PARTLY_READ_WARNING,
            total=reading.total,
            limit=MAX_SENTENCES,
            unread=reading.total - MAX_SENTENCES,
        )
    if reading.chars_unread:
        total = reading.chars_unread + sum(map(len, reading.read))
        return gettext(LONG_TEXT_WARNING, total=total, limit=MAX_READ_CHARS, unread=reading.chars_unread)
    return None


LEFT_OUT_WARNING = N_(
    "Only %(shown)d suggestions are shown: sentences whose skills were recognised with confidence but "
    "left out: %(num)d. The skills of the sentences that state requirements are shown first: choose "
    "any others the job needs yourself."
)


def left_out_warning(left_out: int, shown: int) -> str | None:
    """`LEFT_OUT_WARNING` in the request's language when the cut to the `shown` left `left_out` (> 0)
    sentences with skills over the confidence lines with none shown (`recognition.unshown_sentences`;
    outside tester 19, P6: a whole ad's answer was cut to 10 with no word), else None."""
    return gettext(LEFT_OUT_WARNING, shown=shown, num=left_out) if left_out > 0 else None


def joined(*warnings: str | None) -> str | None:
    """The warnings given (not None), one after the other; None when there is none."""
    given = [w for w in warnings if w]
    return " ".join(given) if given else None


@blp.route("/vacancies/<vacancy_id>/skills")
class VacancySkillsView(MethodView):
    @require_role(Role.EMPLOYER, *SHORTLIST_ROLES)
    @blp.arguments(VacancySkillsArgs, location="query")
    @blp.response(200, VacancySkillsSchema)
    def get(self, args: dict[str, Any], vacancy_id: str) -> Any:
        """The skills matching ranks this vacancy with: the employer's own, those recognised in its
        text (suggestions to confirm or reject) and those rejected. The vacancy's employer reads its
        own (an employer cannot read matching's shortlists, and the suggestions a vacancy gets
        differ from what `POST /skills/recognise` answers for the text alone)."""
        principal, unknown = (
            current_principal(),
            gettext("No such vacancy (or not yet received by the matching service)."),
        )
        try:
            record = handlers().vacancy(vacancy_id)
        except VacancyUnknownError:
            http_abort(404, unknown)
        if principal.role is Role.EMPLOYER and record.vacancy.employer_org != principal.org:
            http_abort(404, unknown)  # another employer's vacancy answers as an unknown one
        lang, t = args["lang"], taxonomy()
        body: dict[str, Any] = {}
        read_part = partly_read_warning(record.description) if record.enriched else None
        left_out = record.suggestions_left_out if record.enriched else 0
        shown = sum(1 for s in record.vacancy.skills if s.suggested)
        if warning := joined(suggestion_warning(record), read_part, left_out_warning(left_out, shown)):
            body["warning"] = warning
        body["suggestions_left_out"] = left_out
        return body | {
            "vacancy_id": vacancy_id,
            "version": record.vacancy.version,
            "text_read": record.enriched or not record.is_open,
            "chosen_skills": [
                {"uri": s.uri, "label": t.skill_label(s.uri, lang), "essential": s.essential}
                for s in record.chosen.skills
            ],
            "suggested_skills": [render_suggestion(s, t, lang) for s in record.vacancy.skills if s.suggested],
            "rejected_skills": [
                {"uri": uri, "label": t.skill_label(uri, lang)} for uri in sorted(record.rejected_skills)
            ],
            "ranked_occupation": render_ranked_occupation(record, t, lang),
            "occupation_skills": occupation_skills(record, t, lang),
            "suggested_languages": suggested_languages(
                record.description,
                handlers().text_language(record.description),
                lang,
                record.vacancy.languages,
            ),
        }


def suggested_languages(
    text: str, text_lang: str, reader: str, required: Mapping[str, str]
) -> list[dict[str, Any]]:
    """`SuggestedLanguageSchema` of each language requirement `text` states
    (`language_requirements`; the sentences recognition reads: `sentences_to_read`), labelled
    in `reader` (the text as recognition reads it, `readable`: markup removed and entities decoded,
    outside tester 18, P3); without those `required` already holds at that level or higher, and without a
    choice ("suomi tai ruotsi") one of whose languages `required` already holds."""
    # "Estonian – basic": the level stays with its name through the sentence split (outside tester 36, H3)
    read = "\n".join(sentences_to_read(sentences(dash_before_level(readable(text[:MAX_TEXT_CHARS])))).read)
    out = []
    for r in language_requirements(read, taxonomy(), text_lang):
        have = required.get(r.code)
        if have is not None and (r.level is None or language_rank(have) >= language_rank(r.level)):
            continue
        if any(code in required for code in r.alternatives):
            continue  # "suomi tai ruotsi": the vacancy already requires one of them
        out.append(
            {
                "code": r.code,
                "level": r.level,
                "label": language_name(r.code, reader),
                "alternatives": list(r.alternatives),
                "required": r.required,
            }
        )
    return out


def occupation_skills(record: VacancyRecord, t: Taxonomy, lang: str) -> list[dict[str, Any]]:
    """The skills of the vacancy's occupation it is ranked with beside the employer's own: its ESCO
    essential ones then its optional ones, without those the employer chose. The occupation is the
    named one (full weight), or, for a vacancy of only a title and text whose occupation was read
    surely, the one read from the title (`ranked_occupation`, `essential_skills` true; its profile
    at `RankingParams.inferred_profile_share` of the weights: `query.inferred_profile`; outside
    tester 21 / helper textrank's session-20 note: such a vacancy showed none although ranked by
    them). Empty otherwise (outside tester 7, H5: an occupation-only vacancy showed no skill at all)."""
    uri = record.vacancy.occupation_uri
    if not uri or not t.has_occupation(uri):
        profile = record.query.query.profile if record.query is not None else -1
        if profile < 0:
            return []
        uri = t.occupation_uris[profile]
    chosen = {s.uri for s in record.chosen.skills}
    essential, optional = t.occupation_skills(uri)
    return [
        {"uri": s, "label": t.skill_label(s, lang), "essential": flag}
        for group, flag in ((essential, True), (optional, False))
        for s in group
        if s not in chosen
    ]


def recognition_units() -> int:
    """Rate-limit cost of a recognition request: the work its text gives the recogniser, one unit per
    started `CHARS_PER_UNIT` characters of each sentence read (`reading_units` of `reading_of`: at
    least 1; at most 90 for the longest text, `MAX_READ_CHARS` over at most `MAX_SENTENCES`
    sentences). Outside tester 36, H4: counted in sentences, one 18,200-character comma list with no
    full stop cost 1 unit and seconds of CPU. The body is not validated yet (a bad one is a 422, not
    charged); a text the schema refuses for its length (empty, over `MAX_TEXT_CHARS`) is 1 and is not
    read (outside tester 36b, J1: its 422 came after seconds of reading)."""
    if (units := g.get("recognition_units")) is None:  # (the limiter asks twice: to test, to charge)
        body = request.get_json(silent=True)
        text = body.get("text") if isinstance(body, dict) else None
        # a text the schema refuses for its length is not read first (tester 36b, J1: a 422 after 6.8 s)
        units = g.recognition_units = (
            max(1, reading_units(reading_of(text).read))
            if isinstance(text, str) and 0 < len(text) <= MAX_TEXT_CHARS
            else 1
        )
    return int(units)


def work_history_rows(
    text: str,
    lang: str | None,
    reader: str,
    named: Sequence[tuple[NamedWork, tuple[str, ...]]] | None = None,
) -> tuple[list[dict[str, Any]], list[dict[str, Any]]]:
    """(`work_history`, `named_work`) of `POST /skills/recognise` with `context: cv`: the occupations
    the lines of `text` name as the person's own (`cv_lines_of`; `named`, else
    `MatchingHandlers.work_named`'s): those with a complete period as rows in exactly a profile's
    `work_history` shape (`cv_lines.profile_rows`), and every one for display, labelled in
    `reader`'s language, with its sentence, what a row misses, its inferred skills and the
    occupations the same title names as truly (`alternatives`)."""
    t = taxonomy()
    found = named if named is not None else handlers().work_named(cv_lines_of(text), lang)
    rows = {w.uri for w in profile_rows([w for w, _ in found])}  # (each URI once)
    history = [
        {"occupation_uri": w.uri, "years": w.years, "ended_year": w.ended_year}
        for w, _ in found
        if w.uri in rows
    ]
    named_rows = [
        {
            "occupation_uri": work.uri,
            "label": t.occupation_label(work.uri, reader),
            "years": work.years,
            "ended_year": work.ended_year,
            "ongoing": work.period.ongoing,
            "in_work_history": work.uri in rows,
            # complete but left out: its years would take the rows over the profile's 60 (tester 39b, Q12)
            "left_out": "career_over_60_years" if work.period.complete and work.uri not in rows else None,
            "missing": [
                name
                for name, absent in (
                    ("years", work.years is None),
                    ("ended_year", work.ended_year is None and not work.period.ongoing),
                )
                if absent
            ],
            "source": work.source[:300],
            "inferred_skills": [
                {"uri": uri, "label": t.skill_label(uri, reader), "evidence": "inferred"} for uri in skills
            ],
            "alternatives": [
                {"occupation_uri": uri, "label": t.occupation_label(uri, reader)} for uri in work.alternatives
            ],
        }
        for work, skills in found
    ]
    return history, named_rows


@blp.route("/skills/recognise")
class RecogniseView(MethodView):
    @require_role(*Role)
    @rate_limited("recognition", cost=recognition_units)
    @blp.arguments(RecogniseSchema)
    @blp.response(200, RecognisedListSchema)
    def post(self, data: dict[str, Any]) -> Any:
        """ESCO skills recognised in free text (Finnish, Swedish or English), best first: a
        ranking, never cut to empty while the text says what a job needs or a person can do.
        Sentences about the employer, benefits or applying are not read. The text is neither
        stored nor logged."""
        try:
            top_k = data["top_k"]
            lang, found = handlers().recognise(data["text"], top_k + LEFT_OUT_LOOKAHEAD, data["lang"])
            # more confident skills than asked for: the requirement sentences' first, and say so
            # (outside tester 19, P6)
            recognizer = handlers().state.recognizer
            if recognizer is not None:  # a hiring line names whom, not what (outside tester 27, T27-15)
                kept = beside_hiring_lines(found, recognizer, data["text"], lang=data["lang"])
                if len(kept) < len(found):  # its places go to the other sentences' skills
                    wanted = top_k + LEFT_OUT_LOOKAHEAD + len(found) - len(kept)
                    more = handlers().recognise(data["text"], wanted, data["lang"])[1]
                    kept = beside_hiring_lines(more, recognizer, data["text"], lang=data["lang"])
                found = kept
            work = None
            if data["context"] == "cv":  # the own job's leading skills are an ad's guess (tester 39, P7)
                work = handlers().work_named(cv_lines_of(data["text"]), data["lang"])
                found = handlers().beside_own_work(found, work)
            # one sentence gives at most `SENTENCE_PLACES` of them (a rule's skills aside), as for a
            # vacancy's suggestions (outside tester 32, F11: a plus line took 7 of 10 places here)
            found = sentence_places(found, SENTENCE_PLACES, "")
            confident = suggestable(found)
            if len(confident) > top_k and recognizer is not None:
                found = requirements_first(confident, top_k, data["text"], recognizer)
            found = found[:top_k]
            left_out = unshown_sentences(found, confident)
            essential = handlers().essential_of(found, top_k, data["lang"], data["text"])
        except RecognitionUnavailableError as exc:
            abort(503, message=str(exc))
        # labels for the reader: in the language the request asks for (``?lang``, cookie,
        # Accept-Language), else in the text's (tester 8's J5: ``?lang=fi`` gave English labels)
        reader = stated_language() or lang
        body: dict[str, Any] = {
            "lang": lang,
            "items": [
                {
                    "uri": s.uri,
                    "label": taxonomy().skill_label(s.uri, reader),
                    "score": round(s.score, 4),
                    "source": s.source,
                    "essential": essential[s.uri],
                    # a guess is marked as one, item by item (outside tester 32, F9)
                    "below_line": s.score < CONFIDENT_SCORE,
                }
                for s in found
            ],
        }
        body["languages"] = suggested_languages(data["text"], lang, reader, {})
        # a language skill suggested is its language's requirement too: the two never disagree
        # silently (outside tester 18, P5: the skills came, `languages` stayed empty)
        codes = language_skill_map(taxonomy()).uri_codes(taxonomy())
        named = {r["code"] for r in body["languages"]} | {
            c for r in body["languages"] for c in r["alternatives"]
        }
        for item in body["items"]:
            code = codes.get(item["uri"])
            if code is not None and code not in named and item["score"] >= CONFIDENT_SCORE:
                named.add(code)
                body["languages"].append(
                    {
                        "code": code,
                        "level": None,
                        "label": language_name(code, reader),
                        "alternatives": [],
                        "required": item["essential"],
                    }
                )
        if not found:  # (true reasons only: a registration alone is no employer wording; tester 18, P2)
            registration = names_registration(data["text"])
            body["warning"] = gettext(REGISTRATION_WARNING if registration else NO_SKILL_WARNING)
        elif max(s.score for s in found) < CONFIDENT_SCORE:
            # ranked, not cut (a weak match can still be the right one), but the employer is told
            body["warning"] = gettext(LOW_CONFIDENCE_WARNING)
        elif guessed := guessed_sentences_warning(found):
            body["warning"] = guessed  # a confident line (a language, a card) does not vouch for the others
        if warning := joined(
            body.get("warning"), partly_read_warning(data["text"]), left_out_warning(left_out, len(found))
        ):
            body["warning"] = warning
        body["suggestions_left_out"] = left_out
        if data["context"] == "cv":  # the occupation a CV names is the person's own (tester 38, M2)
            body["work_history"], body["named_work"] = work_history_rows(
                data["text"], data["lang"], reader, work
            )
            if warning := joined(body.get("warning"), not_held_warning(found)):
                body["warning"] = warning
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
