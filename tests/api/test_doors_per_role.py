"""The README's table of doors per role is the code's: every route's role rule (``require_role``, and
the meeting pages' own check, ``roles_checked_inside``) read from the three apps, grouped per service
by the roles that may pass (outside tester 20, P7: the README read as if employers could read
shortlists; they get 403). When a route or a role rule changes, this test fails and prints the table
to paste between the README's ``doors`` markers."""

from __future__ import annotations

import re
from collections import defaultdict
from pathlib import Path
from typing import Any

import pytest

from services.profile.app import create_app as create_profile_app
from services.profile.config import Settings as ProfileSettings
from services.vacancy.app import create_app as create_vacancy_app
from services.vacancy.config import Settings as VacancySettings
from shared.auth import Role
from shared.config import REPO_ROOT
from tests.api.matching_world import Clock, matching_app
from tests.helpers import PSEUDONYM_KEY, common_settings, sqlite_url

#: The table's columns, in the README's order.
ROLES = (
    Role.EMPLOYER,
    Role.COACH,
    Role.RECRUITER,
    Role.TEAM_MEMBER,
    Role.OPERATOR,
    Role.DATA_PROTECTION_OFFICER,
    Role.SYSTEM_AUDITOR,
)
START, END = "<!-- doors:start -->", "<!-- doors:end -->"


Door = tuple[frozenset[Role], frozenset[str] | None]


def doors(service: str, app: Any) -> dict[Door, list[str]]:
    """The app's doors that need a role, grouped by the roles that may pass and the organisation kinds
    they must work for (None: any their role fits; outside tester 24, T2): ``METHOD /path`` with
    ``/api/v1`` left out and ``<name>`` as ``{name}``; a page (not under ``/api/``) as ``page METHOD
    /path``."""
    grouped: dict[Door, list[str]] = defaultdict(list)
    for rule in sorted(app.url_map.iter_rules(), key=lambda r: r.rule):
        view = app.view_functions[rule.endpoint]
        view_class = getattr(view, "view_class", None)
        for method in sorted((rule.methods or set()) - {"HEAD", "OPTIONS"}):
            function = getattr(view_class, method.lower(), None) if view_class else view
            roles = getattr(function, "kohtaanto_roles", None)
            if roles is None:
                assert not rule.rule.startswith("/api/"), f"{service} {method} {rule.rule} has no role rule"
                continue
            path = re.sub(r"<(?:\w+:)?(\w+)>", r"{\1}", rule.rule.removeprefix("/api/v1"))
            page = "" if rule.rule.startswith("/api/") else "page "
            kinds = getattr(function, "kohtaanto_kinds", None)
            grouped[(frozenset(roles), kinds)].append(f"{page}{method} {path}")
    return grouped


def table(apps: dict[str, Any]) -> str:
    head = "| service | doors (`/api/v1` left out of the API's paths) | " + " | ".join(
        r.value.replace("_", " ") for r in ROLES
    )
    lines = [head + " |", "|" + "---|" * (len(ROLES) + 2)]
    for service, app in apps.items():
        rows = sorted(doors(service, app).items(), key=lambda kv: (-len(kv[0][0]), kv[1][0]))
        for (roles, kinds), routes in rows:
            only = f" ({', '.join(k.replace('_', ' ') for k in sorted(kinds))} only)" if kinds else ""
            marks = " | ".join(f"✓{only}" if r in roles else "" for r in ROLES)
            lines.append(f"| {service} | {', '.join(f'`{d}`' for d in routes)} | {marks} |")
    return "\n".join(lines)


@pytest.fixture(scope="module")
def apps(tmp_path_factory: pytest.TempPathFactory) -> dict[str, Any]:
    tmp = tmp_path_factory.mktemp("doors")
    vacancy = VacancySettings(common=common_settings("vacancy", sqlite_url(tmp, "vacancy")))
    profile = ProfileSettings(
        common=common_settings("profile", sqlite_url(tmp, "profile")), pseudonym_key=PSEUDONYM_KEY
    )
    return {
        "vacancy": create_vacancy_app(vacancy, testing=True),
        "profile": create_profile_app(profile, testing=True),
        "matching": matching_app(sqlite_url(tmp, "matching"), Clock()),
    }


def test_the_readmes_table_of_doors_per_role_is_the_codes(apps: dict[str, Any]) -> None:
    readme = (Path(REPO_ROOT) / "README.md").read_text(encoding="utf-8")
    shown = readme.split(START, 1)[1].split(END, 1)[0].strip()
    expected = table(apps)
    assert shown == expected, f"paste this between the README's {START} and {END}:\n{expected}"


def test_an_employer_has_no_shortlist_door(apps: dict[str, Any]) -> None:
    """P7 itself: the employer's doors in matching are its vacancy's outcomes and skills, the skill
    recogniser, nothing that lists candidates."""
    employer = {
        d
        for (roles, _), ds in doors("matching", apps["matching"]).items()
        if Role.EMPLOYER in roles
        for d in ds
    }
    assert employer == {
        "POST /vacancies/{vacancy_id}/outcomes",
        "GET /vacancies/{vacancy_id}/skills",
        "POST /skills/recognise",
    }
