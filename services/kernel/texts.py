"""Texts the domain produces for people (reasons, refusals), marked for the message catalogues.

A domain rule writes its text in English inside ``N_()``: ``N_`` returns the text unchanged and
``make translations`` (``pybabel extract``, keyword ``N_``) puts it in
``shared/translations/*/LC_MESSAGES/messages.po``, where it gets its Finnish, Swedish and English
wording. The text is translated where it is shown, once, at the edge (``shared.i18n.translate_text``
when an API error is rendered). A value in the text is a ``%(name)s`` placeholder filled with ``%``
(``N_("step %(id)s is closed") % {"id": step_id}``), never an f-string: the edge recognises the
message by its placeholders and keeps the values; a value that is itself a lower-case word of the
catalogue (an enum value such as ``ended``) is shown translated too.

Pure (standard library only), so every domain core may import it (import-linter's domain contract);
``shared.i18n.N_`` is the same marker for the shared plumbing, which may not import a service.
"""

from __future__ import annotations


def N_(message: str) -> str:
    """``message`` unchanged: marks it for the catalogues (see the module doc)."""
    return message
