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
      organisation: none), and ``totals.open_follow_ups`` counts those; of a row's ``week_steps``,
      its own;
    * of last week's proposals and hires (``totals.proposed_last_week``/``hired_last_week``), its
      own organisation's (outside tester 26, F11: the team's totals showed agency B how many
      candidates agency A proposed and hired);
    * of the service paths (``paths``), the counts only: no row, so no candidate id (their
      follow-up is the employment services' task, outside tester 10, L11), and of the counts by
      the organisation that must act (``by_org``), its own;
    * of the satisfaction figures, its own organisation's (``satisfaction_by_org``), not the
      region's (which less its own would give another organisation's away).

    Meetings stored before these rules are shown by today's rules too (re-filtered here, at every
    read, rather than migrated: the stored content stays as the team saw it, and no row has to be
    attributed after the fact): a last-week row of a meeting stored before rows were built per
    organisation (no ``rows_by_organisation``) shows only its latest status, which is the viewer's
    own, not a ``history`` that may hold other organisations' steps; a candidate row stored before
    agencies' statuses were kept apart (no ``agencies`` key) shows no ``status``, which may be
    another agency's.

    Every figure of ``totals`` about candidates or organisations' work is counted over what the
    viewer is shown (``_shown_counted``): the employment services' over the candidates they may see,
    anyone else's over that and its own organisation's work; a meeting stored before last-week rows
    kept their ``week_steps`` shows proposals and hires as None unless the stored team total is the
    viewer's figure too (``_week_counts``).

    A meeting stored while a partner agency's hire made a row of its own shows that row joined to
    the agency's row of the same pair (``rejoined_rows``), as meetings are prepared now.

    Returns a new dict; ``content`` is not changed."""
    content = rejoined_rows(content)
    if viewer.everyone:
        return content
    org = viewer.org
    regional = team_view(org_kind)
    stored_rows = len(content.get("last_week", []))
    if regional:  # the region's jobseekers on a service path: the viewer serves the region
        path_ids = candidate_ids_in(content.get("paths"))
        outside = {k: v for k, v in content.items() if k != "paths"}
        hidden = {c for c in candidate_ids_in(outside) - path_ids if not sees(c)}
    else:
        hidden = {c for c in candidate_ids_in(content) if not sees(c)}
    for candidate_id in sorted(hidden):
        content, _ = without_candidate(content, candidate_id)
    content = dict(content)
    # last week's proposals and hires: every organisation's about the candidates shown to the
    # employment services, the viewer's own organisation's to anyone else (outside tester 26, F11)
    week_counts = _week_counts(
        content,
        None if regional else org,
        whole=regional and len(content.get("last_week", [])) == stored_rows,
    )
    if not regional:
        content["vacancies"] = [
            {**v, "candidates": [_own_statuses(c, org) for c in v.get("candidates", [])]}
            for v in content.get("vacancies", [])
        ]
        own_rows = [r for r in content.get("last_week", []) if r.get("recorded_by_org") == org]
        if not content.get("rows_by_organisation"):  # stored before: the history may mix organisations
            own_rows = [{**r, "history": [r.get("status")]} for r in own_rows]
        own_rows = [_own_steps(r, org) for r in own_rows]
        content["last_week"] = own_rows
        content["follow_ups"] = [r for r in content.get("follow_ups", []) if r.get("recorded_by_org") == org]
        if isinstance(content.get("paths"), dict):  # the counts, and of "whose turn" its own only
            paths = content["paths"]
            content["paths"] = {**paths, "rows": [], "by_org": _own_keys(paths.get("by_org"), org)}
        content["satisfaction"] = _own_satisfaction(content, org)
        content.pop("satisfaction_by_org", None)
    return _shown_counted(content, week_counts)


def visible_satisfaction(facts: Iterable[Any], org: str, org_kind: str | None) -> list[Any]:
    """Of satisfaction ratings (``satisfaction.RatingFact``, for ``GET /api/v1/satisfaction``), those
    a caller's figures are computed over: the employment services and the operator (``team_view``)
    every organisation's; anyone else (a partner agency, an education provider) its own
    organisation's only — how many of another agency's referrals were rated, and how well, is that
    agency's business data, and the region's figures less its own would give them away (outside
    tester 26, F11)."""
    if team_view(org_kind):
        return list(facts)
    return [f for f in facts if f.rated_org == org]


def _own_satisfaction(content: dict[str, Any], org: str) -> dict[str, Any] | None:
    """The satisfaction section a viewer outside the employment services is shown: its own
    organisation's figures (``satisfaction_by_org``), with no rating of its organisation the
    region's weeks at zero; None (no section) for a meeting stored before they were kept."""
    region = content.get("satisfaction")
    by_org = content.get("satisfaction_by_org")
    if not isinstance(region, dict) or not isinstance(by_org, list):
        return None
    own = next((x.get("figures") for x in by_org if isinstance(x, dict) and x.get("org") == org), None)
    if isinstance(own, dict):
        return own

    def none(figure: dict[str, Any]) -> dict[str, Any]:
        return {**figure, "count": 0, "mean": None, "distribution": None, "counted": None}

    return {
        **region,
        "weeks": [none(f) for f in region.get("weeks", [])],
        "by_org": [],
        "by_rater": [none(f) for f in region.get("by_rater", [])],
        "by_subject": [none(f) for f in region.get("by_subject", [])],
        "total": none(region.get("total") or {"key": "all"}),
    }


def _own_keys(counts: Any, org: str) -> list[Any]:
    """Of a list of ``{key: organisation, …}`` figures, ``org``'s own."""
    return [c for c in counts or [] if isinstance(c, dict) and c.get("key") == org]


def _week_counts(content: dict[str, Any], own: str | None, *, whole: bool) -> dict[str, int | None]:
    """``proposed_last_week`` and ``hired_last_week`` for one viewer, counted over the last-week
    rows left in ``content`` (about candidates the viewer may see): every organisation's steps
    (``own`` None: the employment services), or only ``own`` organisation's (anyone else), wherever
    the row stands. A row stored before rows kept their ``week_steps`` cannot be counted per
    organisation: then the stored team total is shown only when it is the viewer's figure too (the
    employment services shown every row, ``whole``; or a total of 0), else None ("–")."""
    stored = content.get("totals")
    totals: dict[str, Any] = stored if isinstance(stored, dict) else {}
    rows = content.get("last_week", [])
    counts: dict[str, int | None] = {}
    for status in ("proposed", "hired"):
        key = f"{status}_last_week"
        if all(isinstance(r.get("week_steps"), list) for r in rows):
            counted = sum(
                1
                for r in rows
                for step in r["week_steps"]
                if step.get("status") == status and (own is None or step.get("org") == own)
            )
            counts[key] = counted
        else:
            counts[key] = totals.get(key) if whole or totals.get(key) == 0 else None
    return counts


def _shown_counted(content: dict[str, Any], week_counts: dict[str, int | None]) -> dict[str, Any]:
    """``content`` with every figure of its ``totals`` that is about candidates or organisations'
    work counted over what this viewer is shown, not over what was prepared for the whole team: the
    candidate rows and the people (distinct candidates; outside tester 18, P18: the tile counted
    rows), the open follow-ups listed, and last week's proposals and hires (``week_counts``;
    outside tester 26, F11: agency B's tiles showed agency A's proposals and hires). The vacancies
    and openings stay the region's (public vacancy data); the service-path count is the region's
    (its rows are the employment services' only, docs/meeting.md)."""
    if not isinstance(content.get("totals"), dict):
        return content
    ids = [c.get("candidate_id") for v in content.get("vacancies", []) for c in v.get("candidates", [])]
    content["totals"] = {
        **content["totals"],
        "candidates_shown": len(ids),
        "people_shown": len(set(ids)),
        "open_follow_ups": len(content.get("follow_ups", [])),
        **week_counts,
    }
    return content


def rejoined_rows(content: dict[str, Any]) -> dict[str, Any]:
    """``content`` with its last-week rows of one candidate, vacancy and organisation joined into
    one, in the order they happened (``occurred_on``, ISO dates): the latest row's status, reason,
    comment and day, every row's ``history`` and ``week_steps`` in turn. Meetings stored before
    2026-12-05 made a partner agency's hire a row of its own beside the agency's row of its
    proposal, so a hired candidate was listed twice, once at the step before (outside tester 35,
    F4); a meeting prepared since has one row per pair and organisation and is returned as it is.
    A row without a list of ``week_steps`` (stored before they were kept) makes the joined row's
    None."""
    rows = content.get("last_week")
    if not isinstance(rows, list):
        return content
    groups: dict[tuple[Any, Any, Any], list[dict[str, Any]]] = {}
    for r in rows:
        groups.setdefault((r.get("vacancy_id"), r.get("candidate_id"), r.get("recorded_by_org")), []).append(
            r
        )
    if all(len(g) == 1 for g in groups.values()):
        return content
    joined = []
    for group in groups.values():
        ordered = sorted(group, key=lambda r: str(r.get("occurred_on") or ""))
        steps = [x for r in ordered if isinstance(x := r.get("week_steps"), list)]
        joined.append(
            {
                **ordered[-1],
                "history": [h for r in ordered for h in r.get("history") or [r.get("status")]],
                "week_steps": [s for x in steps for s in x] if len(steps) == len(ordered) else None,
            }
        )
    return {**content, "last_week": joined}


def _own_steps(row: dict[str, Any], org: str) -> dict[str, Any]:
    """A last-week row with, of its ``week_steps``, ``org``'s own (a team row may hold the steps of
    the employment services or of another agency's hire)."""
    if not isinstance(row.get("week_steps"), list):
        return row
    return {**row, "week_steps": [s for s in row["week_steps"] if s.get("org") == org]}


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
    "visible_satisfaction",
]
