"""marshmallow building blocks every service's API uses: languages, ESCO URIs, municipalities, pages.

Reference data is looked up through the running app (``app.extensions['kohtaanto.reference']``), so
the same schema validates against whatever data directory the service was configured with.
"""

from __future__ import annotations

from typing import Any

import marshmallow as ma
from marshmallow import ValidationError, fields, validate

LANGUAGE_LEVELS = ("A1", "A2", "B1", "B2", "C1", "C2", "native")


class Reference:
    """The reference data one app validates against."""

    def __init__(self, catalogue: Any, municipalities: Any) -> None:
        self.catalogue = catalogue
        self.municipalities = municipalities


def reference() -> Reference:
    from flask import current_app

    return current_app.extensions["kohtaanto.reference"]


def known_skill(uri: str) -> None:
    if not reference().catalogue.has_skill(uri):
        raise ValidationError("Unknown ESCO skill URI.")


def known_occupation(uri: str) -> None:
    if not reference().catalogue.has_occupation(uri):
        raise ValidationError("Unknown ESCO occupation URI.")


def known_municipality(code: str) -> None:
    if code not in reference().municipalities:
        raise ValidationError("Unknown municipality code (Statistics Finland code, e.g. '837' for Tampere).")


class StrictSchema(ma.Schema):
    """Input schemas reject unknown fields, so a typo is an error rather than silently ignored."""

    class Meta:
        unknown = ma.RAISE


class LanguageSchema(StrictSchema):
    code = fields.String(
        required=True,
        validate=validate.Regexp(r"^[a-z]{2}$", error="ISO 639-1 code, e.g. 'fi'."),
        metadata={"example": "fi"},
    )
    level = fields.String(
        required=True,
        validate=validate.OneOf(LANGUAGE_LEVELS),
        metadata={"description": "CEFR level A1–C2, or native"},
    )


def unique_by(key: str, what: str) -> Any:
    def check(items: list[dict[str, Any]]) -> None:
        seen = [item[key] for item in items]
        if len(seen) != len(set(seen)):
            raise ValidationError(f"{what} listed more than once.")

    return check


class PageArgs(StrictSchema):
    limit = fields.Integer(load_default=50, validate=validate.Range(1, 500))
    offset = fields.Integer(
        load_default=0,
        validate=validate.Range(0, 2**31 - 1),
        metadata={"description": "Items to skip (a database offset: at most 2^31 - 1)"},
    )


def region_of(municipality: str) -> str:
    return reference().municipalities[municipality].region
