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
* **Seeing a candidate** (pseudonymous data: shortlists, region overviews, exclusion counts,
  explanations, meetings, outcomes and their comments, training suggestions): one rule, ``viewer``
  (minimum necessary; outside tester 15, P2/P3). The system operator (kind ``operator``) sees every
  candidate. An ``employment_services`` organisation sees the candidates living in the regions it
  serves (the registry's ``regions``; the candidate's home municipality's region) and those who
  consented to it (``consented_orgs``, its own jobseekers included) wherever they live: Vaasa's
  coach finds Pirkanmaa vacancies for Vaasa's own jobseekers, but sees no Tampere jobseeker. A
  partner agency, an employer, an education provider (or an unregistered organisation) sees only
  candidates who consented to it.
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
from dataclasses import dataclass

#: The employment services' staff and the system operator: their outcomes on a vacancy hold for
#: every organisation (``speaks_for_vacancy``), and they follow up service paths (``team_view``).
STAFF_KINDS = frozenset({"employment_services", "operator"})
#: Kinds that see every candidate in the country (``viewer``).
SEES_EVERYONE_KINDS = frozenset({"operator"})
#: Kinds that also see the candidates living in the regions they serve (``viewer``).
REGIONAL_KINDS = frozenset({"employment_services"})
OUTCOME_ROLES = frozenset({"recruiter", "employer", "coach"})
#: Kinds whose coaches own jobseekers' profiles (README: the public employment services, city and TE
#: services): create, read, replace and withdraw a profile, open and run its service path, issue
#: vouchers and rating links. An education provider's coach (a vocational school's teacher) works on
#: a step it was handed over, never on the profile (outside tester 24, T2).
PROFILE_OWNER_KINDS = frozenset({"employment_services"})

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


@dataclass(frozen=True, slots=True)
class Viewer:
    """Whom one organisation may see (pseudonymously): the candidates who consented to ``org``,
    and those living in ``regions``; everyone when ``everyone``. Built by ``viewer``; hashable (the
    index keys cached answers by it)."""

    org: str
    regions: frozenset[str] = frozenset()
    everyone: bool = False

    def sees(self, consented_orgs: Collection[str], home_region: str | None) -> bool:
        """Whether this viewer may see a candidate with these ``consented_orgs`` (the candidates
        topic's, the own organisation included) living in ``home_region`` (a region id; None or ""
        when the home municipality is unknown)."""
        if self.everyone or self.org in consented_orgs:
            return True
        return bool(home_region) and home_region in self.regions


def viewer(org: str, org_kind: str | None, org_regions: Collection[str] = ()) -> Viewer:
    """The one rule of who sees which candidates (module docstring, "Seeing a candidate"): the
    system operator everyone; an employment-services organisation the residents of
    ``org_regions`` (the registry's ``regions`` of ``org``) and the candidates who consented to it;
    any other kind (or an unregistered organisation: ``org_kind`` None) consenting candidates only.
    Every door (the index's shortlists, overviews, exclusion counts and explanations, the team's
    outcomes and meetings) applies it through this function."""
    if org_kind in SEES_EVERYONE_KINDS:
        return Viewer(org, everyone=True)
    if org_kind in REGIONAL_KINDS:
        return Viewer(org, frozenset(org_regions))
    return Viewer(org)


def sees_all_candidates(org_kind: str | None) -> bool:
    """Whether an organisation of this kind sees every candidate (pseudonymously): the operator."""
    return org_kind in SEES_EVERYONE_KINDS


def team_view(org_kind: str | None) -> bool:
    """Whether an organisation of this kind reads a region's meeting as the employment services'
    staff do (service-path rows, every organisation's outcomes), still only about the candidates
    it may see (``viewer``): the employment services and the operator."""
    return org_kind in STAFF_KINDS


def may_see_candidate(
    org: str,
    org_kind: str | None,
    consented_orgs: Collection[str],
    org_regions: Collection[str] = (),
    home_region: str | None = None,
) -> bool:
    """Pseudonymous data about a candidate (score, skills, distance, availability, outcomes):
    ``viewer(org, org_kind, org_regions).sees(consented_orgs, home_region)``."""
    return viewer(org, org_kind, org_regions).sees(consented_orgs, home_region)


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
    return org == employer_org or org_kind in STAFF_KINDS


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


# -- regional scope: what an organisation may change for a region -------------------------------------
#: The organisation kind that acts for every region (whoever runs the system).
EVERY_REGION_KINDS = frozenset({"operator"})
#: The "region" of what belongs to no single region (national shortage lists, a pilot without a
#: region, online-only courses): only the system operator acts for it.
NATIONAL = "national"


def may_act_for_region(role: str, org_kind: str | None, org_regions: Collection[str], region: str) -> bool:
    """Whether a caller may change what belongs to one region: create or change a service-voucher
    pilot of the region, add or replace training courses held there, import or withdraw its shortage
    lists, prepare its weekly meeting. The role itself (operator, a team member…) is checked by each
    endpoint; this is the organisation-wide power's *area*: an organisation acts only for the regions
    it serves (``org_regions``, the registry's ``regions`` column), the system operator (kind
    ``operator``) for every region including ``national`` lists. An unregistered organisation
    (``org_kind`` None) acts nowhere.

    ``role`` is the token's role, ``region`` a region id (``pirkanmaa``) or ``national``."""
    if org_kind is None or not role:
        return False
    if org_kind in EVERY_REGION_KINDS:
        return True
    return region != NATIONAL and region in org_regions


def acts_everywhere(role: str, org: str, region: str) -> bool:
    """An ``acts_for(role, org, region)`` for in-process tools (the team CLI, unit tests of use
    cases) that no token reaches: every region. The apps pass ``Registry.acts_for``."""
    return True
