"""The registry of organisations: the operator maintains it as a CSV file; services validate against it.

Only registered organisations may be named where an organisation id travels as data (a jobseeker's
``consented_orgs``, published on the pseudonymous candidates topic): free text there could carry an
identity code or a phone number. The file (``KOHTAANTO_ORGANISATIONS_FILE``, default
``<reference dir>/organisations.csv``) has the columns ``id`` (a lower-case slug), ``name`` and ``kind``
(``employment_services``: a city's or region's employment services, whose coaches own profiles;
``partner``: a private recruitment agency; ``employer``; ``education``: a vocational school or other
education provider on a jobseeker's service path; ``operator``: whoever runs the system). Which
roles a token of each kind may carry is ``shared.entitlement.ROLE_KINDS``. It is
read once at start; a bad file stops the service with every bad line named.
"""

from __future__ import annotations

import csv
import re
from collections.abc import Iterator
from dataclasses import dataclass
from enum import StrEnum
from functools import lru_cache
from pathlib import Path

from shared.pii import contains_personal_data

ORG_ID_PATTERN = r"^[a-z0-9][a-z0-9-]{1,62}[a-z0-9]$"
_ORG_ID = re.compile(ORG_ID_PATTERN)


class OrgKind(StrEnum):
    EMPLOYMENT_SERVICES = "employment_services"
    PARTNER = "partner"
    EMPLOYER = "employer"
    EDUCATION = "education"
    OPERATOR = "operator"


@dataclass(frozen=True, slots=True)
class Organisation:
    id: str
    name: str
    kind: OrgKind


class RegistryError(ValueError):
    """The registry file is unreadable or has bad lines (``errors``: line number → reasons)."""

    def __init__(self, path: Path, errors: dict[int, list[str]]) -> None:
        lines = "; ".join(f"line {n}: {', '.join(r)}" for n, r in sorted(errors.items()))
        super().__init__(f"organisation registry {path}: {lines}")
        self.errors = errors


@dataclass(frozen=True, slots=True)
class Registry:
    organisations: dict[str, Organisation]

    def __contains__(self, org_id: object) -> bool:
        return org_id in self.organisations

    def __iter__(self) -> Iterator[Organisation]:
        return iter(self.organisations.values())

    def __len__(self) -> int:
        return len(self.organisations)

    def kind(self, org_id: str) -> str | None:
        """The organisation's kind (``OrgKind`` value), or None when it is not registered."""
        found = self.organisations.get(org_id)
        return found.kind.value if found else None

    def ids(self, *kinds: OrgKind) -> list[str]:
        """Registered ids, sorted, of the given kinds (all when none is given)."""
        return sorted(o.id for o in self if not kinds or o.kind in kinds)


def load_registry(path: Path) -> Registry:
    """Read and validate the registry file; raises ``RegistryError`` naming every bad line."""
    errors: dict[int, list[str]] = {}
    found: dict[str, Organisation] = {}
    try:
        with open(path, encoding="utf-8", newline="") as handle:
            rows = list(csv.DictReader(handle))
            header = set(rows[0]) if rows else set()
    except (OSError, UnicodeDecodeError, csv.Error) as exc:
        raise RegistryError(path, {0: [f"unreadable ({type(exc).__name__})"]}) from None
    if rows and not {"id", "name", "kind"} <= header:
        raise RegistryError(path, {1: ["the header must name the columns id, name and kind"]})
    for line, row in enumerate(rows, start=2):
        reasons = []
        org_id, name, kind = ((row.get(c) or "").strip() for c in ("id", "name", "kind"))
        if not _ORG_ID.match(org_id):
            reasons.append(f"id {org_id!r} is not a lower-case slug of 3-64 characters")
        elif org_id in found:
            reasons.append(f"id {org_id!r} is listed twice")
        if not name or len(name) > 200:
            reasons.append("name must be 1-200 characters")
        if contains_personal_data(f"{org_id} {name}"):
            reasons.append("id or name looks like personal data")
        if kind not in {k.value for k in OrgKind}:
            reasons.append(f"kind must be one of {', '.join(OrgKind)}")
        if reasons:
            errors[line] = reasons
        else:
            found[org_id] = Organisation(org_id, name, OrgKind(kind))
    if errors:
        raise RegistryError(path, errors)
    if not found:
        raise RegistryError(path, {1: ["no organisations"]})
    return Registry(found)


@lru_cache(maxsize=8)
def registry(path: Path) -> Registry:
    """The registry in ``path``, read once per process."""
    return load_registry(path)


# -- marshmallow edge ----------------------------------------------------------------------------------
def current_registry() -> Registry:
    from flask import current_app

    return current_app.extensions["kohtaanto.organisations"]


def org_kind(org_id: str) -> str | None:
    """The kind of a registered organisation in this app's registry (None: not registered)."""
    return current_registry().kind(org_id)


def known_organisation(org_id: str) -> None:
    """marshmallow validator: the id must be registered."""
    if org_id not in current_registry():
        from marshmallow import ValidationError

        raise ValidationError("Not a registered organisation (the operator keeps the registry).")
