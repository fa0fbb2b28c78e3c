"""What one caller may see of the matching service's candidates: the one rule of
``shared.entitlement.viewer`` applied to stored meetings and to outcomes here (the index applies it
to shortlists, region overviews, exclusion counts and explanations).

A stored meeting is prepared once for the region's team; each viewer is shown only the candidates
their organisation may see: the system operator all of them, an employment-services organisation
the residents of the regions it serves and the candidates who consented to it, a partner agency
only those who consented to it. Of what the team recorded (``visible_content``, the one place
deciding it for the page, JSON, CSV and XLSX), a viewer outside the employment services sees its
own organisation's outcomes, reasons, comments and follow-ups only (consent to see a jobseeker is
not consent to receive a competitor's assessment of them: outside tester 10, L1), and no
service-path rows (their follow-up is the employment services' task: L11). An employment-services
organisation sees every organisation's outcomes and comments, but only about candidates it may
see (outside tester 15, P2).
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from typing import Any

from services.matching.team.erasure import without_candidate
from shared.entitlement import Viewer, may_record_outcome, may_see_candidate, team_view

#: (candidate id, organisation) -> whether the candidate consented to it; None: candidate unknown.
ConsentLookup = Callable[[str, str], bool | None]
#: candidate id -> whether this viewer may see the (indexed) candidate: ``Viewer.sees`` over the
#: index (``MatchingHandlers.sees``); False for a candidate not indexed.
Sees = Callable[[str], bool]


def candidate_ids_in(content: Any) -> set[str]:
    """Every ``candidate_id`` value anywhere in JSON-like content."""
    found: set[str] = set()
    stack = [content]
    while stack:
        node = stack.pop()
        if isinstance(node, dict):
            cid = node.get("candidate_id")
            if isinstance(cid, str):
                found.add(cid)
            stack.extend(node.values())
        elif isinstance(node, list):
            stack.extend(node)
    return found


def visible_content(
    content: dict[str, Any], viewer: Viewer, org_kind: str | None, sees: Sees
) -> dict[str, Any]:
    """A stored meeting's content (``MeetingContent.to_dict()`` form) as one viewer may see it
    (the caller reads the region's meeting at all only when its organisation serves the region:
    ``TeamHandlers.may_view``).

    The system operator (``viewer.everyone``) sees it all. Everyone else sees only rows about
    candidates it may see (``sees``). For an employment-services organisation that is all: every
    organisation's statuses, outcomes, comments and follow-ups about those candidates, and the
    service-path rows (the region's jobseekers by the profile service's published region: it
    serves the region). Anyone else (a partner agency's recruiter or team member, an education
    provider's coach) sees moreover:

    * of the candidates' partner-agency statuses (``vacancies[].candidates[].agencies``), its own
      organisation's only;
    * of last week's outcomes (``last_week``) and the open follow-ups (``follow_ups``), those its own
      organisation recorded (a follow-up of a meeting stored before follow-ups named their
      organisation: none), and ``totals.open_follow_ups`` counts those;
    * of the service paths (``paths``), the counts only: no row, so no candidate id (their
      follow-up is the employment services' task, outside tester 10, L11).

    Meetings stored before these rules are shown by today's rules too (re-filtered here, at every
    read, rather than migrated: the stored content stays as the team saw it, and no row has to be
    attributed after the fact): a last-week row of a meeting stored before rows were built per
    organisation (no ``rows_by_organisation``) shows only its latest status, which is the viewer's
    own, not a ``history`` that may hold other organisations' steps; a candidate row stored before
    agencies' statuses were kept apart (no ``agencies`` key) shows no ``status``, which may be
    another agency's.

    Returns a new dict; ``content`` is not changed."""
    if viewer.everyone:
        return content
    org = viewer.org
    regional = team_view(org_kind)
    if regional:  # the region's jobseekers on a service path: the viewer serves the region
        path_ids = candidate_ids_in(content.get("paths"))
        outside = {k: v for k, v in content.items() if k != "paths"}
        hidden = {c for c in candidate_ids_in(outside) - path_ids if not sees(c)}
    else:
        hidden = {c for c in candidate_ids_in(content) if not sees(c)}
    for candidate_id in sorted(hidden):
        content, _ = without_candidate(content, candidate_id)
    content = _shown_counted(dict(content))
    if regional:
        return content
    content["vacancies"] = [
        {**v, "candidates": [_own_statuses(c, org) for c in v.get("candidates", [])]}
        for v in content.get("vacancies", [])
    ]
    own_rows = [r for r in content.get("last_week", []) if r.get("recorded_by_org") == org]
    if not content.get("rows_by_organisation"):  # stored before: the history may mix organisations
        own_rows = [{**r, "history": [r.get("status")]} for r in own_rows]
    content["last_week"] = own_rows
    content["follow_ups"] = [r for r in content.get("follow_ups", []) if r.get("recorded_by_org") == org]
    if isinstance(content.get("totals"), dict):  # the tile counts the follow-ups the list shows
        content["totals"] = {**content["totals"], "open_follow_ups": len(content["follow_ups"])}
    if isinstance(content.get("paths"), dict):
        content["paths"] = {**content["paths"], "rows": []}
    return content


def _shown_counted(content: dict[str, Any]) -> dict[str, Any]:
    """``content`` with its ``totals`` counting the candidate rows and the people (distinct
    candidates) this viewer is shown, not those prepared for the whole team (outside tester 18,
    P18: the tile counted rows; a viewer who may not see a candidate got the team's count)."""
    if not isinstance(content.get("totals"), dict):
        return content
    ids = [c.get("candidate_id") for v in content.get("vacancies", []) for c in v.get("candidates", [])]
    content["totals"] = {**content["totals"], "candidates_shown": len(ids), "people_shown": len(set(ids))}
    return content


def _own_statuses(row: dict[str, Any], org: str) -> dict[str, Any]:
    """A meeting's candidate row with, of the partner agencies' statuses, ``org``'s own; a row
    stored before they were kept apart (no ``agencies``) without its ``status``, which may be
    another agency's."""
    if "agencies" not in row:
        return {**row, "status": None, "agencies": []}
    return {**row, "agencies": [a for a in row["agencies"] if a.get("org") == org]}


def visible_outcomes(outcomes: Iterable[Any], viewer: Viewer, org_kind: str | None, sees: Sees) -> list[Any]:
    """The outcomes a caller may read: everything for the system operator; for an
    employment-services organisation, every organisation's outcomes about candidates it may see
    (``sees``: not another region's jobseeker who did not consent to it, outside tester 15, P2);
    for a partner or employer, its own organisation's outcomes about candidates it may see."""
    if viewer.everyone:
        return list(outcomes)
    if team_view(org_kind):
        return [o for o in outcomes if sees(o.candidate_id)]
    return [o for o in outcomes if o.recorded_by_org == viewer.org and sees(o.candidate_id)]


def entitled_to_record(
    role: str, org: str, org_kind: str | None, candidate_id: str, employer_org: str, consents: ConsentLookup
) -> bool:
    """``shared.entitlement.may_record_outcome`` for a candidate of the index."""
    if not consents(candidate_id, org):
        return False
    return may_record_outcome(role, org, org_kind, {org}, employer_org)


__all__ = [
    "ConsentLookup",
    "Sees",
    "candidate_ids_in",
    "entitled_to_record",
    "may_see_candidate",
    "visible_content",
    "visible_outcomes",
]
