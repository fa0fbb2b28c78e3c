"""The registry of organisations: the operator maintains it as a CSV file; services validate against it.

Only registered organisations may be named where an organisation id travels as data (a jobseeker's
``consented_orgs``, published on the pseudonymous candidates topic): free text there could carry an
identity code or a phone number. The file (``KOHTAANTO_ORGANISATIONS_FILE``, default
``<reference dir>/organisations.csv``) has the columns ``id`` (a lower-case slug), ``name``, ``kind``
(``employment_services``: a city's or region's employment services, whose coaches own profiles;
``partner``: a private recruitment agency; ``employer``; ``education``: a vocational school or other
education provider on a jobseeker's service path; ``operator``: whoever runs the system) and
``regions``: the regions (maakunta) the organisation serves, as region ids (``pirkanmaa``,
``pohjanmaa``: ``shared.geography.region_id`` of the Finnish name, ``data/geo/regions_2025.csv``)
separated by ``|`` or spaces, ``*`` for all 19, empty for none. An organisation acts only for the
regions it serves (``shared.entitlement.may_act_for_region``: pilots, training courses held there,
shortage lists, the weekly meeting); the system operator (kind ``operator``) acts everywhere. Which
roles a token of each kind may carry is ``shared.entitlement.ROLE_KINDS``. It is read once at start;
a bad file (an unknown region included) stops the service with every bad line named.
"""

from __future__ import annotations

import csv
import re
from collections.abc import Collection, Iterator
from dataclasses import dataclass
from enum import StrEnum
from functools import lru_cache
from pathlib import Path

from shared.entitlement import may_act_for_region
from shared.pii import contains_personal_data

ORG_ID_PATTERN = r"^[a-z0-9][a-z0-9-]{1,62}[a-z0-9]$"
_ORG_ID = re.compile(ORG_ID_PATTERN)
#: ``regions`` cell: region ids separated by ``|``, ``;``, ``,`` or white space.
_REGION_SPLIT = re.compile(r"[|;,\s]+")
ALL_REGIONS = "*"
COLUMNS = ("id", "name", "kind", "regions")


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
    #: The region ids the organisation serves (``*`` in the file: every region).
    regions: frozenset[str] = frozenset()


class RegistryError(ValueError):
    """The registry file is unreadable or has bad lines (``errors``: line number → reasons)."""

    def __init__(self, path: Path, errors: dict[int, list[str]]) -> None:
        lines = "; ".join(f"line {n}: {', '.join(r)}" for n, r in sorted(errors.items()))
        super().__init__(f"organisation registry {path}: {lines}")
        self.errors = errors


@dataclass(frozen=True, slots=True)
class Registry:
    """The organisation registry (``data/organisations.csv``): organisation id → ``Organisation``.
    ``org_id in registry`` asks whether an id is registered; iterating gives the organisations.
    Look-ups of an unregistered id answer None, an empty set or the id itself (see each method),
    never raise."""

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

    def name(self, org_id: str) -> str:
        """The organisation's registered name (people read it instead of the id); the id itself when
        it is not registered."""
        found = self.organisations.get(org_id)
        return found.name if found else org_id

    def regions(self, org_id: str) -> frozenset[str]:
        """The region ids the organisation serves (empty when none or not registered)."""
        found = self.organisations.get(org_id)
        return found.regions if found else frozenset()

    def acts_for(self, role: str, org_id: str, region: str) -> bool:
        """Whether a caller (``role`` in organisation ``org_id``) may act for ``region``: change its
        pilots, shortage lists or training courses, prepare its weekly meeting
        (``shared.entitlement.may_act_for_region``)."""
        return may_act_for_region(role, self.kind(org_id), self.regions(org_id), region)


def _known_regions() -> frozenset[str]:
    from shared.reference import geography

    return frozenset(geography().regions)


def load_registry(path: Path, known_regions: Collection[str] | None = None) -> Registry:
    """Read and validate the registry file; raises ``RegistryError`` naming every bad line.

    ``known_regions``: the region ids a ``regions`` cell may name (default: the 19 regions of
    ``data/geo``)."""
    known = frozenset(known_regions) if known_regions is not None else _known_regions()
    errors: dict[int, list[str]] = {}
    found: dict[str, Organisation] = {}
    try:
        with open(path, encoding="utf-8", newline="") as handle:
            rows = list(csv.DictReader(handle))
            header = set(rows[0]) if rows else set()
    except (OSError, UnicodeDecodeError, csv.Error) as exc:
        raise RegistryError(path, {0: [f"unreadable ({type(exc).__name__})"]}) from None
    if rows and not set(COLUMNS) <= header:
        raise RegistryError(path, {1: [f"the header must name the columns {', '.join(COLUMNS)}"]})
    for line, row in enumerate(rows, start=2):
        reasons = []
        org_id, name, kind = ((row.get(c) or "").strip() for c in ("id", "name", "kind"))
        if not _ORG_ID.match(org_id):
            reasons.append(f"id {org_id!r} is not a lower-case slug of 3-64 characters")
        elif org_id in found:
            reasons.append(f"id {org_id!r} is listed twice")
        if not name or len(name) > 200:
            reasons.append("name must be 1-200 characters")
        if "\x00" in name:  # no database stores it (outside tester 34, F9: an import stored one)
            reasons.append("name must not contain a NUL character")
        if contains_personal_data(f"{org_id} {name}"):
            reasons.append("id or name looks like personal data")
        if kind not in {k.value for k in OrgKind}:
            reasons.append(f"kind must be one of {', '.join(OrgKind)}")
        named = [r for r in _REGION_SPLIT.split((row.get("regions") or "").strip()) if r]
        regions = known if named == [ALL_REGIONS] else frozenset(named)
        unknown = sorted(regions - known)
        if unknown:
            reasons.append(
                f"regions: {', '.join(map(repr, unknown))} not a region id (one of {', '.join(sorted(known))}, "
                f"or {ALL_REGIONS} alone for all)"
            )
        if reasons:
            errors[line] = reasons
        else:
            found[org_id] = Organisation(org_id, name, OrgKind(kind), regions)
    if errors:
        raise RegistryError(path, errors)
    if not found:
        raise RegistryError(path, {1: ["no organisations"]})
    return Registry(found)


@lru_cache(maxsize=8)
def registry(path: Path, known_regions: frozenset[str] | None = None) -> Registry:
    """The registry in ``path``, read once per process (``known_regions``: see ``load_registry``)."""
    return load_registry(path, known_regions)


# -- marshmallow edge ----------------------------------------------------------------------------------
def current_registry() -> Registry:
    """This app's registry (``app.extensions["kohtaanto.organisations"]``). Raises ``RuntimeError``
    outside an application context."""
    from flask import current_app

    return current_app.extensions["kohtaanto.organisations"]


def org_kind(org_id: str) -> str | None:
    """The kind of a registered organisation in this app's registry (None: not registered)."""
    return current_registry().kind(org_id)


def known_organisation(org_id: str) -> None:
    """marshmallow validator: the id must be registered in this app's registry. Raises
    marshmallow's ``ValidationError`` (a 422 naming the field) otherwise."""
    if org_id not in current_registry():
        from marshmallow import ValidationError

        raise ValidationError("Not a registered organisation (the operator keeps the registry).")


def region_not_served(region: str) -> str:
    """The refusal's reason (in the request's language) when the caller's organisation does not
    serve ``region`` (``Registry.acts_for``): the message and the field reason of the 403."""
    from flask_babel import gettext

    return gettext(
        "Your organisation does not serve the region %(region)s: only the system operator or an "
        "organisation serving that region may change what belongs to it.",
        region=region,
    )
