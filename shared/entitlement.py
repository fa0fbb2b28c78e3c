"""Who may see or act on a jobseeker: the consent and outcome-entitlement rules, as plain functions.

Every service applies the same rules (the profile service to personal data and to ``hired``
outcomes it consumes, the matching service to shortlists, explanations and outcomes), so they live
here once, beside ``shared.auth``. They take plain values (role, organisation id, the organisation's
kind from the registry, the candidate's consent) and know no framework. Later features (service
paths, vouchers) call them too rather than restating them.

The rules (docs/architecture.md, "Consent and entitlement"):

* A jobseeker's **own organisation** is the employment-services organisation whose coach owns the
  profile. The candidates topic lists it among ``consented_orgs`` (the jobseeker's consent covers
  the organisation that serves them), so every service can apply the rules without personal data.
* **Seeing a candidate** (pseudonymous data: shortlists, explanations, meetings, outcomes):
  organisations of kind ``employment_services`` or ``operator`` see every candidate; a partner
  agency or an employer sees only candidates who consented to it.
* **Recording an outcome** for (vacancy, candidate): a recruiter of an organisation the candidate
  consented to; an employer for its own vacancy, when the candidate consented to it; a coach of the
  candidate's own organisation (who may also correct a wrong status). Nobody else.
* **Who may sign in at all** (every service, before any view): the token's organisation must be
  registered, and its role must fit the organisation's kind (``ROLE_KINDS``): an employer works
  for an employer, a coach for employment services or an education provider (a vocational school's
  teacher on a service path), a recruiter for a partner agency, a team member for employment
  services or a partner, an operator for the operator or employment services (a city's operator
  reads its own audit entries), the system auditor for the operator; every organisation has its
  data-protection officer.
* **Whose outcome holds for whom** (``speaks_for_vacancy``): the vacancy's employer and employment
  services speak for the vacancy, so their outcomes hold for everyone; a partner agency's outcome is
  about its own process and holds for that agency only (two agencies may each propose a jobseeker who
  consented to both; neither closes the candidate for the other); a hire holds for everyone, and an
  agency reports one only for a candidate it proposed for that vacancy (matching's
  ``team.outcomes.agency_may_report_hire``).
* **Marking a profile hired** (the profile service, on ``outcome.recorded``): only an outcome whose
  recorder satisfies the rule above for that profile; anything else is ignored and audited.
"""

from __future__ import annotations

from collections.abc import Collection

SEE_ALL_KINDS = frozenset({"employment_services", "operator"})
OUTCOME_ROLES = frozenset({"recruiter", "employer", "coach"})

ALL_KINDS = frozenset({"employment_services", "partner", "employer", "education", "operator"})
#: The kinds of registered organisation (``shared.organisations.OrgKind``) each role may belong to.
ROLE_KINDS: dict[str, frozenset[str]] = {
    "employer": frozenset({"employer"}),
    "coach": frozenset({"employment_services", "education"}),
    "recruiter": frozenset({"partner"}),
    "team_member": frozenset({"employment_services", "partner"}),
    "operator": frozenset({"operator", "employment_services"}),
    "data_protection_officer": ALL_KINDS,
    "system_auditor": frozenset({"operator"}),
}


def admission_refusal(role: str, org_kind: str | None) -> str | None:
    """Why a caller with a valid token is not let in, or None when it is: ``"unregistered"`` (its
    organisation is not in the registry: ``org_kind`` is None) or ``"role does not fit the
    organisation's kind"`` (``ROLE_KINDS``)."""
    if org_kind is None:
        return "unregistered"
    if org_kind not in ROLE_KINDS.get(role, frozenset()):
        return "role does not fit the organisation's kind"
    return None


def sees_all_candidates(org_kind: str | None) -> bool:
    """Whether an organisation of this kind sees every candidate (pseudonymously)."""
    return org_kind in SEE_ALL_KINDS


def consent_scope(org: str, org_kind: str | None) -> str | None:
    """The organisation whose consent filters what the caller sees, or None for no filter."""
    return None if sees_all_candidates(org_kind) else org


def may_see_candidate(org: str, org_kind: str | None, consented_orgs: Collection[str]) -> bool:
    """Pseudonymous data about a candidate (score, skills, distance, availability, outcomes)."""
    return sees_all_candidates(org_kind) or org in consented_orgs


def may_record_outcome(
    role: str,
    org: str,
    org_kind: str | None,
    consented_orgs: Collection[str],
    vacancy_employer_org: str | None = None,
) -> bool:
    """Whether a caller may record (or correct) an outcome for the candidate on a vacancy.

    ``consented_orgs`` is what the candidates topic carries (consent plus the own organisation);
    ``vacancy_employer_org`` the vacancy's employer.
    """
    if org not in consented_orgs:
        return False
    if role == "recruiter":
        return True
    if role == "employer":
        return vacancy_employer_org is not None and org == vacancy_employer_org
    if role == "coach":
        return org_kind == "employment_services"
    return False


def speaks_for_vacancy(org: str, org_kind: str | None, employer_org: str | None) -> bool:
    """Whether an organisation's outcomes on a vacancy hold for every organisation: the vacancy's
    employer's and employment services' (and the operator's) do; a partner agency's hold for itself
    only, except a hire."""
    return org == employer_org or sees_all_candidates(org_kind)


def may_mark_hired(
    recorded_by_role: str | None,
    recorded_by_org: str | None,
    owner_org: str,
    consented_orgs: Collection[str],
) -> bool:
    """The profile service's re-check of a consumed ``hired`` outcome (defence in depth): the
    recorder must be a recruiter or employer of an organisation the jobseeker consented to, or a
    coach of the profile's own organisation or of one the jobseeker consented to (matching checked
    that a coach's organisation is an employment-services one: `may_record_outcome`). Both services
    thus apply one rule, so matching never hides as hired someone the profile service keeps active.
    An event without the recorder's role is refused."""
    if not recorded_by_role or not recorded_by_org:
        return False
    if recorded_by_role == "coach":
        return recorded_by_org == owner_org or recorded_by_org in consented_orgs
    return recorded_by_role in ("recruiter", "employer") and recorded_by_org in consented_orgs
