"""Organisations shown by the registry's name on pages (``{{ v.employer_org|org_name }}``).

The ids stay what programs, downloads and the JSON APIs carry; people reading a page see "Hervannan
Konepaja Oy", not ``hervannan-konepaja-oy`` (an outside tester found every page printing slugs). An id
the registry does not know (an old stored meeting) is shown as it is."""

from __future__ import annotations

from typing import Any

from markupsafe import Markup, escape


def registered_name(org_id: Any) -> str:
    """The registered name of ``org_id`` as plain text (for downloads), or the id as it is when it
    is not registered or no app is serving."""
    from flask import current_app, has_app_context

    text = "" if org_id is None else str(org_id)
    found = current_app.extensions.get("kohtaanto.organisations") if has_app_context() else None
    organisation = found.organisations.get(text) if found is not None else None
    return text if organisation is None else str(organisation.name)


def org_name(org_id: Any) -> Markup:
    """The registered name of ``org_id`` with the id as its tooltip (``<span title="id">``), or the
    id itself (escaped) when it is not registered or no app is serving."""
    from flask import current_app, has_app_context

    text = "" if org_id is None else str(org_id)
    if not has_app_context():
        return escape(text)
    found = current_app.extensions.get("kohtaanto.organisations")
    organisation = found.organisations.get(text) if found is not None else None
    if organisation is None:
        return escape(text)
    return Markup('<span title="{}">{}</span>').format(text, organisation.name)


def init_org_names(app: Any) -> None:
    """Register the ``org_name`` template filter on a Flask app."""
    app.add_template_filter(org_name, "org_name")
