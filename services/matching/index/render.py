"""Shortlists, explanations and vacancies as the JSON documents the matching API returns, rendered
in one place for every endpoint that returns them (the index's own and the team's batch views).

Built once as plain dicts and returned as they are: marshmallow re-serialising fifty explained
entries cost more than ranking a million profiles. The shapes are the ones ``schemas`` documents.
"""

from __future__ import annotations

import math
from collections.abc import Iterable, Mapping, Sequence
from typing import Any, Protocol

from services.kernel.texts import N_
from services.matching.index.domain.explain import evidenced
from services.matching.index.domain.model import SkillEvidence, VacancySkill
from services.matching.index.domain.query import ranked_occupation
from services.matching.index.domain.recognition import CONFIDENT_SCORE
from services.matching.index.domain.skill_plus import asked_as_essential
from services.matching.index.events import Salary
from services.matching.index.handlers import Shortlist, ShortlistEntry, VacancyRecord
from shared.i18n import translate_text

NO_CONFIDENT_SUGGESTION_WARNING = N_(
    "No skill was recognised with confidence in this vacancy's text, so matching suggests none and "
    "ranks candidates only by the occupation and skills you chose (and by an occupation the job "
    "title names exactly). Describe the tasks and requirements, or choose skills or an occupation."
)


UNREAD_TITLE_WARNING = N_(
    'The job title "%(title)s" names no occupation matching knows, and no skill was recognised '
    "with confidence in the vacancy's text, so no candidate can be ranked. Choose an occupation or skills, "
    "or describe the tasks and requirements."
)


def suggestion_warning(record: VacancyRecord) -> str | None:
    """`NO_CONFIDENT_SUGGESTION_WARNING` in the request's language when the vacancy's text was read
    (its description; its title too when nothing was chosen) and nothing in it reached the
    recogniser's confidence line, so no suggestion is ranked with (outside tester 5, F18: weak
    guesses were, and rejecting them brought in the next weak ones); `UNREAD_TITLE_WARNING`, naming
    the title, instead when nothing was chosen and the title names no occupation either, so the
    vacancy has nothing to rank by (outside tester 15, P7: "Lto" gave an empty shortlist under a
    warning that spoke of "the occupation and skills you chose"); else None."""
    v = record.vacancy
    chose_nothing = not v.occupation_uri and not record.chosen.skills
    had_text = bool(record.description.strip()) or (chose_nothing and bool(v.title.strip()))
    if record.enriched and had_text and not any(s.suggested for s in v.skills):
        if (
            chose_nothing
            and v.title.strip()
            and (record.query is None or ranked_occupation(record.query.query) is None)
        ):
            return translate_text(UNREAD_TITLE_WARNING % {"title": " ".join(v.title.split())})
        return translate_text(NO_CONFIDENT_SUGGESTION_WARNING)
    return None


INFERRED_OCCUPATION_NOTE = N_(
    "The employer named no occupation: matching ranks this vacancy as the occupation shown, inferred "
    "from its job title and skills (its probability is shown). Naming the occupation is surer."
)
INFERRED_PROFILE_NOTE = N_(
    "The employer named no occupation: matching ranks this vacancy as the occupation shown, read from "
    "its job title and text (its probability is shown); the essential skills held and missing are "
    "those of the occupation read from the title. Naming the occupation is surer."
)
UNCERTAIN_OCCUPATION_NOTE = N_(
    "The employer named no occupation, and its job title and skills fit several occupations: matching "
    "ranks this vacancy mostly by its skills. Naming the occupation is surer."
)


class Labels(Protocol):
    @property
    def occupation_uris(self) -> Sequence[str]: ...

    def skill_label(self, uri: str, lang: str = "en") -> str: ...

    def occupation_label(self, uri: str, lang: str = "en") -> str: ...


def render_suggestion(skill: VacancySkill, labels: Labels, lang: str) -> dict[str, Any]:
    """`SuggestedSkillSchema`: a skill recognised in the vacancy's text, its label in `lang`, the
    recogniser's score (0-1) and the sentence of the vacancy's own text it came from (outside tester
    13, P5: the employer could not tell why a suggestion was made); score and source are None for a
    suggestion kept from before they were (a snapshot's); ``essential`` False when the ad offers it as
    a plus (`VacancySkill.plus`, decided on the clause naming it: "Edellytämme hygieniapassia,
    anniskelupassi on eduksi"; else `skill_plus.said_as_plus` on its sentence: "Trukkikortti katsotaan
    eduksi"), for the employer to accept it as optional; ``below_line`` True for a score under the
    confidence line (`CONFIDENT_SCORE`: a guess; False when the score is not known)."""
    return {
        "uri": skill.uri,
        "label": labels.skill_label(skill.uri, lang),
        "score": skill.score,
        "source": skill.source,
        # a plus in the ad stays optional when accepted as suggested (outside tester 16, P3); the
        # explanation shows the same split (outside tester 38, M1)
        "essential": asked_as_essential(skill),
        "below_line": skill.score is not None and skill.score < CONFIDENT_SCORE,
    }


def render_ranked_occupation(record: VacancyRecord, labels: Labels, lang: str) -> dict[str, Any] | None:
    """`RankedOccupationSchema`: the occupation the vacancy is ranked as (the employer's, or the one
    inferred from its title and skills, with its probability and a note in the request's language);
    None for a closed vacancy or one that gives nothing to infer from (outside tester 7, H5: the
    occupation a text vacancy was ranked as was shown nowhere)."""
    if record.query is None or (found := ranked_occupation(record.query.query)) is None:
        return None
    uri = labels.occupation_uris[found.occupation]
    out: dict[str, Any] = {
        "uri": uri,
        "label": labels.occupation_label(uri, lang),
        "inferred": found.inferred,
        "probability": found.probability,
        "confident": found.confident,
    }
    profile = record.query.query.profile >= 0  # its essential skills are the vacancy's
    out["essential_skills"] = profile or not found.inferred
    if found.inferred:
        out["note"] = translate_text(
            INFERRED_PROFILE_NOTE
            if profile
            else INFERRED_OCCUPATION_NOTE
            if found.confident
            else UNCERTAIN_OCCUPATION_NOTE
        )
    return out


class SkillLabels:
    """The label of every skill URI an entry mentions, in one language, collected while rendering
    so that a response carries each label once (``skills``) however many entries mention it."""

    def __init__(self, labels: Labels, lang: str) -> None:
        self.taxonomy = labels
        self.lang = lang
        self.labels: dict[str, str] = {}

    def add(self, uris: Iterable[str]) -> list[str]:
        labels = self.labels
        for uri in uris:
            if uri not in labels:
                labels[uri] = self.taxonomy.skill_label(uri, self.lang)
        return list(uris)


def render_entry(e: ShortlistEntry, labels: SkillLabels) -> dict[str, Any]:
    """One entry (`EntrySchema`); skills appear as URIs, their labels go to `labels`."""
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
    add(e.evidence)  # every skill the evidence names is labelled in `skills` too (an outside
    # tester found bare URIs there)
    # an inferred occupation is shown only on evidence (a spell of it, or enough claimed skills of its
    # profile): outside tester 38, M1 read "hospital pharmacist 0.953" from two medication claims
    support = e.occupation_support or ((0, False),) * len(e.occupations)
    shown = [(o, s) for o, s in zip(e.occupations, support, strict=True) if evidenced(*s)]
    return {
        "rank": e.rank,
        "candidate_id": e.candidate_id,
        "match": e.match,
        "points": dict(e.points),
        "score": round(e.score, 4),
        "components": {k: round(v, 4) for k, v in e.components.items()},
        "evidence": {uri: _evidence(ev) for uri, ev in e.evidence.items()},
        "occupations": [
            {
                "uri": uri,
                "label": labels.taxonomy.occupation_label(uri, labels.lang),
                "probability": p,
                "supporting_skills": n,
                "work_history": spell,
            }
            for (uri, p), (n, spell) in shown
        ],
        "occupations_withheld": len(e.occupations) - len(shown),
        "occupation_agreement": _agreement(e, labels),
        "essential_held": essential_held(e),
        "matched_essential": add(e.matched_essential),
        "matched_optional": add(e.matched_optional),
        "related": related,
        "missing_essential": add(e.missing_essential),
        "missing_optional": add(e.missing_optional),
        "distance_km": None if math.isnan(e.distance_km) else round(e.distance_km, 1),
        "sea_crossing": e.sea_crossing,
        "available_from": e.available_from.isoformat(),
        "filters": [translate_text(f.detail) for f in e.filters],  # (in the request's language)
    }


def essential_held(e: ShortlistEntry) -> dict[str, int] | None:
    """`EssentialHeldSchema`: how many of the vacancy's essential skills the entry holds, of how
    many, and of those held how many the candidate claimed (or a coach's notes suggested, or a
    declared language holds) and how many only the work history shows (evidence kind "inferred").
    Outside tester 21, Q5: "32 held" read the same for all skills claimed and for half of them
    claimed and the rest inferred from two years' work history. None when the vacancy names no
    essential skill (a text ad whose occupation is not read surely: its recognised skills stay
    optional), as the meeting page and downloads show no count there: "0 of 0" read as "holds
    nothing" (outside tester 27, T27-14 f)."""
    if not e.matched_essential and not e.missing_essential:
        return None
    held = len(e.matched_essential)
    inferred = sum(
        1 for uri in e.matched_essential if getattr(e.evidence.get(uri), "kind", None) == "inferred"
    )
    return {
        "held": held,
        "of": held + len(e.missing_essential),
        "claimed": held - inferred,
        "from_work_history": inferred,
    }


def _evidence(ev: SkillEvidence) -> dict[str, Any]:
    """`EvidenceSchema`: kind and level, and the declared language's code for kind "language"."""
    out: dict[str, Any] = {"kind": ev.kind, "level": ev.level}
    if ev.language is not None:
        out["language"] = ev.language
    return out


def _agreement(e: ShortlistEntry, labels: SkillLabels) -> dict[str, Any] | None:
    """`OccupationAgreementSchema` of an entry (None when the vacancy has no occupation to agree with)."""
    a = e.agreement
    if a is None:
        return None
    occupation = (
        {"uri": a.occupation, "label": labels.taxonomy.occupation_label(a.occupation, labels.lang)}
        if a.occupation
        else None
    )
    return {
        "value": a.value,
        "source": a.source,
        "occupation": occupation,
        "spell_weight": a.spell_weight,
        "relation": a.relation,
    }


def render_explanation(e: ShortlistEntry, labels: Labels, lang: str, k: int) -> dict[str, Any]:
    """An explanation (`ExplanationSchema`): the entry (rank null when not listed), whether it is
    within the first `k`, and its skills' labels."""
    skill_labels = SkillLabels(labels, lang)
    rank = e.rank or None
    return {
        **render_entry(e, skill_labels),
        "rank": rank,
        "k": k,
        "shortlisted": rank is not None and rank <= k,
        "skills": skill_labels.labels,
    }


def render_salary(salary: Salary | None) -> dict[str, Any] | None:
    """`VacancySalarySchema`'s fields of a vacancy's salary; None when it states none."""
    if salary is None:
        return None
    return {
        "min": salary.minimum,
        "max": salary.maximum,
        "currency": salary.currency,
        "period": salary.period,
        "collective_agreement": salary.collective_agreement,
    }


#: What a vacancy whose ad text limits applicants by a ground the law names says to whoever reads it in
#: matching (`VacancyRecord.ad_limits`; tester 35's leftover: only the weekly meeting said so, not the recruiter's shortlist):
#: the grounds, as the meeting page names them, and the law, as its tooltip says it.
AD_LIMITS_NOTE = N_("The ad text limits applicants by %(grounds)s: check it.")
AD_LIMITS_LAW = N_(
    "A job ad must not limit applicants by age, sex, pregnancy, family plans, origin, nationality, religion or "
    "belief, health, disability or sexual orientation without an acceptable reason (Equality Act 609/1986, "
    "Non-Discrimination Act 1325/2014). A phrase reading found it; whether it is lawful is for a person to "
    "judge (some public posts may lawfully require Finnish citizenship)."
)
#: A ground's name in the note (the meeting page's words).
GROUND_NAMES = {
    "age": N_("age"),
    "sex": N_("sex"),
    "pregnancy": N_("pregnancy"),
    "family_plans": N_("family plans"),
    "origin": N_("origin"),
    "nationality": N_("nationality"),
    "religion": N_("religion or belief"),
    "health": N_("health or disability"),
    "sexual_orientation": N_("sexual orientation"),
}


def ad_limits_note(limits: Sequence[str]) -> str:
    """`AD_LIMITS_NOTE` naming `limits` (`Ground` values), then `AD_LIMITS_LAW`, in the request's language."""
    named = AD_LIMITS_NOTE % {"grounds": ", ".join(GROUND_NAMES[g] for g in limits)}
    return f"{translate_text(named)} {translate_text(AD_LIMITS_LAW)}"


def render_vacancy(
    record: VacancyRecord, labels: Labels, lang: str, shortage: Mapping[str, Any] | None
) -> dict[str, Any]:
    """What every vacancy the matching API returns says about itself (`VacancyFieldsSchema`)."""
    v = record.vacancy
    limits = record.ad_limits
    return {
        "id": v.vacancy_id,
        "title": v.title,
        "employer_org": v.employer_org,
        "occupation_uri": v.occupation_uri,
        "occupation_label": labels.occupation_label(v.occupation_uri, lang) if v.occupation_uri else None,
        "municipality": v.municipality,
        "other_municipalities": list(v.other_municipalities),
        "work_mode": record.work_mode,
        "salary": render_salary(record.salary),
        "region": record.region,
        "status": v.status,
        "shortage": None if shortage is None else dict(shortage),
        "ad_limits": list(limits),
        **({"ad_limits_note": ad_limits_note(limits)} if limits else {}),
    }


def render_exclusions(s: Shortlist) -> dict[str, Any] | None:
    """`ExclusionsSchema`: what the hard filters removed; None when not counted (a closed vacancy)."""
    x = s.exclusions
    if x is None:
        return None
    return {
        "scope": x.scope.value,
        "considered": x.considered,
        "excluded": x.excluded,
        "by_filter": dict(x.by_reason),
    }


def render_shortlist(
    s: Shortlist, labels: Labels, lang: str, shortage: Mapping[str, Any] | None
) -> dict[str, Any]:
    """The shortlist as `ShortlistSchema` describes it (dates as ISO 8601 strings); `shortage` is
    the vacancy's shortage flag or None."""
    v = s.record.vacancy
    skill_labels = SkillLabels(labels, lang)
    entries = [render_entry(e, skill_labels) for e in s.entries]
    return {
        "vacancy": {
            **render_vacancy(s.record, labels, lang, shortage),
            "version": v.version,
            "chosen_skills": [
                {"uri": sk.uri, "label": labels.skill_label(sk.uri, lang), "essential": sk.essential}
                for sk in s.record.chosen.skills
            ],
            "suggested_skills": [render_suggestion(sk, labels, lang) for sk in v.skills if sk.suggested],
            "ranked_occupation": render_ranked_occupation(s.record, labels, lang),
            **({"warning": w} if (w := suggestion_warning(s.record)) else {}),
        },
        "generated_at": s.generated_at.isoformat(),
        "consent_filtered_for": s.consent_filtered_for,
        **({} if s.candidates_indexed is None else {"candidates_indexed": s.candidates_indexed}),
        "exclusions": render_exclusions(s),
        "availability": None
        if s.availability is None
        else {
            "available_by": s.availability.available_by.isoformat(),
            "window_days": s.availability.window_days,
            "rule": "start_date" if s.availability.window_days is None else "window",
        },
        "page": {
            "offset": s.offset,
            "k": s.k,
            "next_offset": s.offset + len(s.entries) if s.more else None,
        },
        "skills": skill_labels.labels,
        "entries": entries,
    }
