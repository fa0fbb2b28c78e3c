"""A stored meeting's data labels in the viewer's language.

A meeting is stored once, with its labels in ``CONTENT_LANGUAGE`` (Finnish): what the team saw.
A viewer who reads Swedish or English gets the same content with the labels that have a language
in the reference data relabelled: ESCO skills (by URI) and occupations (by URI, meetings stored
since the URI is kept), the region's and the municipalities' names (fi/sv from Statistics Finland's
classification; English uses the Finnish names) and "online" for courses. Free text (titles,
comments) stays as written; a course shows its title in the viewer's language when the catalogue
gave one (``CourseRef.titles``; meetings stored before keep the stored title). Where the reference data has no label in the language
(Swedish ESCO labels are not in ``data/`` yet), the label source's own fallback applies
(``Taxonomy``: English), so adding Swedish labels is a data change.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import replace

from services.matching.team.handlers import Labels, Places
from services.matching.team.meeting import CONTENT_LANGUAGE, ONLINE, MeetingContent, SkillRef


def localise(
    m: MeetingContent, lang: str, labels: Labels, places: Places, online: str = ONLINE
) -> MeetingContent:
    """``m`` with its data labels in ``lang`` (one of ``shared.languages.UI_LANGUAGES``); ``m``
    itself when ``lang`` is the stored language. ``online``: the word for an online course's place.
    A URI the labels no longer know keeps its stored label."""
    if lang == CONTENT_LANGUAGE:
        return m

    def skill(ref: SkillRef) -> SkillRef:
        try:
            return SkillRef(ref.uri, labels.skill_label(ref.uri, lang))
        except KeyError:
            return ref

    def occupation(uri: str, stored: str) -> str:
        try:
            return labels.occupation_label(uri, lang) if uri else stored
        except KeyError:
            return stored

    def place(name: str) -> str:
        return online if name == ONLINE else places.translate_municipality(name, lang)

    return replace(
        m,
        region_name=places.region_name(m.region, lang),
        vacancies=[
            replace(
                v,
                occupation=occupation(v.occupation_uri, v.occupation),
                municipality=places.translate_municipality(v.municipality, lang),
                other_municipalities=[places.translate_municipality(x, lang) for x in v.other_municipalities],
                candidates=[
                    replace(
                        c,
                        matched=[skill(s) for s in c.matched],
                        missing=[skill(s) for s in c.missing],
                        inferred=[skill(s) for s in c.inferred],
                    )
                    for c in v.candidates
                ],
            )
            for v in m.vacancies
        ],
        missing_skills=[
            replace(
                s,
                label=skill(SkillRef(s.uri, s.label)).label,
                courses=[
                    replace(c, title=c.titles.get(lang, c.title), place=place(c.place)) for c in s.courses
                ],
            )
            for s in m.missing_skills
        ],
    )


def fallback_uris(m: MeetingContent, lang: str, labels: Labels) -> frozenset[str]:
    """The skill and occupation URIs whose label on a ``lang`` page is the English fallback (the
    reference data has no ``lang`` label for them): the page marks them ``lang="en"`` so a screen
    reader does not read "nurse responsible for general care" with Swedish pronunciation (outside
    tester 8, J10). Empty for an English page. A ``lang`` label that happens to equal the English one
    ("SQL") is marked too, which reads it the same."""
    if lang == "en":
        return frozenset()
    found: set[str] = set()

    def check(uri: str, label: str, english: Callable[[str, str], str]) -> None:
        try:
            if uri and label == english(uri, "en"):
                found.add(uri)
        except KeyError:
            pass

    for v in m.vacancies:
        check(v.occupation_uri, v.occupation, labels.occupation_label)
        for c in v.candidates:
            for ref in (*c.matched, *c.missing, *c.inferred):
                check(ref.uri, ref.label, labels.skill_label)
    for s in m.missing_skills:
        check(s.uri, s.label, labels.skill_label)
    return frozenset(found)
