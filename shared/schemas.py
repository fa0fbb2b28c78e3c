"""marshmallow building blocks every service's API uses: languages, ESCO URIs, municipalities, regions,
pages.

Reference data is looked up through the running app (``app.extensions['kohtaanto.reference']``), so
the same schema validates against whatever data directory the service was configured with. Fields
that accept several spellings (``MunicipalityCode``, ``RegionId``, ``LanguageCode``, ``EscoUri``)
load the one stored form; when an input was changed in meaning-preserving but non-obvious ways (an
abolished municipality code mapped to its successor) the field records a notice, which write endpoints
return as ``notices`` (``input_notices()``).
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Mapping
from dataclasses import dataclass, field
from datetime import UTC, date
from typing import Any, Literal

import marshmallow as ma
from marshmallow import ValidationError, fields, validate

from shared.days import today as finnish_today
from shared.geography import Geography, Municipality, UnknownPlaceError
from shared.i18n import N_, translate_text
from shared.languages import CODE_FORM, UnknownLanguageError, normalise_language
from shared.messaging.topics import CANDIDATE_ID_PATTERN
from shared.reference import EscoCatalogue, Kind, UnknownConceptError
from shared.text import MAX_STACKED_MARKS, plain_typography, stacked_marks

LANGUAGE_LEVELS = ("A1", "A2", "B1", "B2", "C1", "C2", "native")
MAX_TEXT = 200  # longest municipality, region or language text looked up


class Reference:
    """The reference data one app validates against."""

    def __init__(self, catalogue: EscoCatalogue, geography: Geography) -> None:
        self.catalogue = catalogue
        self.geography = geography

    @property
    def municipalities(self) -> Mapping[str, Municipality]:
        return self.geography.municipalities

    def describe(self) -> dict[str, Any]:
        """What ``/health/ready`` reports about the reference data."""
        g = self.geography
        return {
            "ok": True,
            "esco_version": self.catalogue.version,
            "esco_skills": len(self.catalogue.skills),
            "esco_occupations": len(self.catalogue.occupations),
            "municipalities": len(g.municipalities),
            "regions": len(g.regions),
            "abolished_municipality_codes": len(g.abolished),
        }


def reference() -> Reference:
    """This app's reference data (``app.extensions["kohtaanto.reference"]``). Raises
    ``RuntimeError`` outside an application context."""
    from flask import current_app

    return current_app.extensions["kohtaanto.reference"]


# -- notices ----------------------------------------------------------------------------------------
def add_notice(field: str, given: Any, used: Any, message: str) -> None:
    """Record, for this request's response, that input ``given`` of ``field`` was stored as ``used``;
    ``message`` (English, as the code writes it) in the request's language (``translate_text``: a
    Swedish answer said "… was abolished …" in English, outside tester 16, P12 rest)."""
    from flask import g, has_app_context

    if has_app_context():
        g.setdefault("kohtaanto_notices", []).append(
            {"field": field, "given": given, "used": used, "message": translate_text(message)}
        )


def input_notices() -> list[dict[str, Any]]:
    """The notices recorded while loading this request's input (``[]`` when none)."""
    from flask import g, has_app_context

    return list(g.get("kohtaanto_notices", [])) if has_app_context() else []


class NoticeSchema(ma.Schema):
    field = fields.String(metadata={"description": "The input field"})
    given = fields.Raw(metadata={"description": "What was sent"})
    used = fields.Raw(metadata={"description": "What was stored instead"})
    message = fields.String()


NOTICES = fields.List(
    fields.Nested(NoticeSchema),
    metadata={
        "description": "Inputs stored in another form than sent, and why (e.g. a municipality code "
        "abolished by a merger, stored as its successor's)"
    },
)


# -- responses ------------------------------------------------------------------------------------
@dataclass(frozen=True, slots=True)
class Shown:
    """An aggregate as a response shows it: the domain object and what the API adds to it (``extra``:
    labels, flags, warnings, notices), dumped by an ``AggregateOutSchema``."""

    aggregate: Any
    extra: Mapping[str, Any] = field(default_factory=dict)


class AggregateOutSchema(ma.Schema):
    """A response schema that dumps the domain object itself (an aggregate or a ``Shown``): each field
    is read from ``extra``, else from the aggregate, else from its ``details`` (none, e.g. a withdrawn
    profile's: the field is left out). This is the API's one conversion of an aggregate; storage and
    events use the domain's ``to_dict``/``from_dict``."""

    def get_attribute(self, obj: Any, attr: str, default: Any) -> Any:
        shown = obj if isinstance(obj, Shown) else Shown(obj)
        if attr in shown.extra:
            return shown.extra[attr]
        for source in (shown.aggregate, getattr(shown.aggregate, "details", None)):
            if source is not None and hasattr(source, attr):
                return getattr(source, attr)
        return default


#: The most item errors a list reads before it stops reading items: an error answer lists 50 reasons
#: (``shared.http.MAX_LISTED_ERRORS``), so the reading of further items (a near-miss search per unknown
#: name) is work no one is shown (outside tester 40, T40-5).
MAX_ITEM_ERRORS = 50


class BoundedList(fields.List):
    """A list input field whose documented bound comes first: its ``validate.Length`` validators run on the
    list as sent before any item is read, so an over-long list is a 422 naming the length (the message
    marshmallow gives, "Longer than maximum length 30.") at the cost of ``len`` instead of each item's
    reading (outside tester 40, T40-5: 10,000 unknown municipalities, each with its near-miss search,
    cost 76 s of CPU before the 422 named them, and no length error). Within the bound, the items are
    read until ``MAX_ITEM_ERRORS`` of them are refused (the answer shows no more). Otherwise
    ``fields.List``: the other validators run after the items, on the loaded list."""

    def _deserialize(
        self, value: Any, attr: str | None, data: Mapping[str, Any] | None, **kwargs: Any
    ) -> Any:
        if isinstance(value, list | tuple):
            for validator in self.validators:
                if isinstance(validator, validate.Length):
                    validator(value)
            errors: dict[int, Any] = {}
            out = []
            for index, each in enumerate(value):
                try:
                    out.append(self.inner.deserialize(each, **kwargs))
                except ValidationError as error:
                    if error.valid_data is not None:
                        out.append(error.valid_data)
                    errors[index] = error.messages
                    if len(errors) >= MAX_ITEM_ERRORS:
                        break
            if errors:
                raise ValidationError(errors, valid_data=out)
            return out
        return super()._deserialize(value, attr, data, **kwargs)


class SortedList(fields.List):
    """A list dumped in sorted order (for a set: the same bytes every time)."""

    def _serialize(self, value: Any, attr: str | None, obj: Any, **kwargs: Any) -> list[Any] | None:
        out = super()._serialize(value, attr, obj, **kwargs)
        return sorted(out) if out is not None else None


# -- fields ---------------------------------------------------------------------------------------
class _Text(fields.String):
    def _text(self, value: Any, attr: str | None, data: Mapping[str, Any] | None, **kwargs: Any) -> str:
        text = super()._deserialize(value, attr, data, **kwargs)
        if len(text) > MAX_TEXT:
            raise ValidationError(f"Longer than {MAX_TEXT} characters.")
        return text


# Control characters, and bidirectional embeddings, overrides and isolates ("\u202eanittiV oniA"
# shows as "Aino Vittina"); spaces and invisible format characters (a lone byte-order mark).
_HIDDEN = "\\x00-\\x1f\\x7f-\\x9f\\u202a-\\u202e\\u2066-\\u2069"
_INVISIBLE = "\\s\\u00ad\\u200b-\\u200f\\u2060\\ufeff"
#: What a `DisplayText` must match (also its OpenAPI ``pattern``, so clients and property-based tests
#: know it): no hidden character, and at least one that shows.
DISPLAY_TEXT_PATTERN = f"^[^{_HIDDEN}]*[^{_HIDDEN}{_INVISIBLE}][^{_HIDDEN}]*$"
_DISPLAY_TEXT = re.compile(DISPLAY_TEXT_PATTERN)
_HIDDEN_CHAR = re.compile(f"[{_HIDDEN}]")


#: Invisible characters that only split a word: zero-width space, word joiner, byte-order mark, soft hyphen.
_SPLITTING_INVISIBLE = re.compile("[\u200b\u2060\ufeff\u00ad]")


#: Why a name or short text is refused when a character carries a stack of combining marks (``stacked_marks``).
STACKED_MARKS = N_(
    "Too many accents or other combining marks on one character: %(character)s carries %(marks)s (at most "
    "%(max)s, and not the same mark twice in a row)."
)


def refuse_stacked_marks(text: str | None) -> None:
    """marshmallow validator of a name or short text: raises ``ValidationError`` (``STACKED_MARKS``, naming the
    character and its count of marks) when a character carries more than ``MAX_STACKED_MARKS`` combining marks
    or the same mark twice in a row (``shared.text.stacked_marks``, UTS #39 5.4). A code point limit lets "Z" and
    150 × U+0336 through as one character drawn over the lines around it (outside tester 36, H10); names with
    diacritics ("Áile Čárdá", "Nguyễn Thị Ánh Tuyết", "Jääskeläinen") pass."""
    if text and (found := stacked_marks(text)) is not None:
        character, marks = found
        raise ValidationError(
            STACKED_MARKS % {"character": repr(character), "marks": marks, "max": MAX_STACKED_MARKS}
        )


class ScreenedText(fields.String):
    """A free text people write or paste (an ad's description, an outcome comment, a note): stored without the
    invisible characters that only split a word (zero-width space, word joiner, byte-order mark, soft hyphen),
    which text pasted from a web page or a word processor carries and which show nothing. Removed rather than
    refused (``shared.text.hidden_text`` refuses them where they stay): a reader cannot tell the texts apart,
    an ad pasted with ``&shy;`` hyphenation is not refused, and a bit hidden in each gap is not stored."""

    def _deserialize(
        self, value: Any, attr: str | None, data: Mapping[str, Any] | None, **kwargs: Any
    ) -> str:
        return _SPLITTING_INVISIBLE.sub("", super()._deserialize(value, attr, data, **kwargs))


class DisplayText(fields.String):
    """A text people read as a heading or a name (a vacancy's title, a jobseeker's name, a pilot's
    name, a reason): it must show something — at least one character besides spaces and invisible
    format characters (" ", a lone byte-order mark) — and hold no control character and no
    bidirectional override, which would make it show empty or as another text (an outside tester),
    and no character under a stack of combining marks ("Zalgo" text, ``refuse_stacked_marks``: 422
    ``STACKED_MARKS``). Letters of every script, punctuation and emoji pass (`DISPLAY_TEXT_PATTERN`); an
    empty text is left to `validate` (its reason names the length)."""

    default_error_messages = {  # noqa: RUF012 - marshmallow merges the class attribute
        "blank": "Must contain a visible character.",
        "control": "Must not contain control characters or bidirectional overrides.",
    }

    def __init__(self, *, tidy: bool = False, **kwargs: Any) -> None:
        """Stored without invisible characters that only split a word (zero-width space, word joiner,
        byte-order mark, soft hyphen; as ``ScreenedText``). ``tidy`` (a person's name): also NFC-normalised and
        without surrounding spaces, so one name is stored in one form (outside tester 22, R5: NFD "Sjöholm", "  Ulla  ",
        "Ulla\u200bSjöholm" were kept as sent). The zero-width (non-)joiners stay: Persian and Indic
        names and emoji need them."""
        self.tidy = tidy
        metadata = {"pattern": DISPLAY_TEXT_PATTERN, **kwargs.pop("metadata", {})}
        super().__init__(metadata=metadata, **kwargs)

    def _deserialize(
        self, value: Any, attr: str | None, data: Mapping[str, Any] | None, **kwargs: Any
    ) -> str:
        text = _SPLITTING_INVISIBLE.sub("", super()._deserialize(value, attr, data, **kwargs))
        if self.tidy:
            text = unicodedata.normalize("NFC", text).strip()
        if _HIDDEN_CHAR.search(text):
            raise self.make_error("control")
        if text and not _DISPLAY_TEXT.match(text):
            raise self.make_error("blank")
        refuse_stacked_marks(text)
        return text


#: RFC 5321 4.5.3.1.1 and 4.5.3.1.3: a local part of at most 64 octets, a path of at most 256 octets, which
#: with its angle brackets leaves 254 for the address (RFC 3696 errata 1690).
MAX_EMAIL_LOCAL_OCTETS, MAX_EMAIL_OCTETS = 64, 254
EMAIL_TOO_LONG = N_(
    "An e-mail address is at most %(max)s octets (RFC 5321): this one has %(octets)s, so no mail server "
    "would deliver to it."
)
EMAIL_LOCAL_TOO_LONG = N_(
    "The part of an e-mail address before the @ is at most %(max)s octets (RFC 5321): this one has "
    "%(octets)s."
)


def refuse_undeliverable_email(text: str | None) -> None:
    """marshmallow validator of an e-mail address: raises ``ValidationError`` when it is longer than RFC 5321
    lets a mail server take: the local part (before the last ``@``) over ``MAX_EMAIL_LOCAL_OCTETS`` or the whole
    address over ``MAX_EMAIL_OCTETS`` octets, counted in UTF-8 (an internationalised address's octets, RFC 6531).
    marshmallow's ``Email`` checks the form only (outside tester 36, H10: 311 characters were stored)."""
    if not text:
        return
    octets = len(text.encode("utf-8", errors="surrogatepass"))
    local = len(text.rpartition("@")[0].encode("utf-8", errors="surrogatepass"))
    if local > MAX_EMAIL_LOCAL_OCTETS:
        raise ValidationError(EMAIL_LOCAL_TOO_LONG % {"max": MAX_EMAIL_LOCAL_OCTETS, "octets": local})
    if octets > MAX_EMAIL_OCTETS:
        raise ValidationError(EMAIL_TOO_LONG % {"max": MAX_EMAIL_OCTETS, "octets": octets})


class EmailAddress(fields.Email):
    """An e-mail address: marshmallow's ``Email`` (the form) within RFC 5321's lengths
    (``refuse_undeliverable_email``: 422 naming the limit and the length)."""

    def __init__(self, **kwargs: Any) -> None:
        metadata = {
            "maxLength": MAX_EMAIL_OCTETS,
            "description": f"At most {MAX_EMAIL_LOCAL_OCTETS} octets before the @ and {MAX_EMAIL_OCTETS} in all "
            "(RFC 5321; UTF-8 octets), 422 otherwise",
            **kwargs.pop("metadata", {}),
        }
        super().__init__(metadata=metadata, **kwargs)
        self.validators.append(refuse_undeliverable_email)


#: Why an identifier may not hold an invisible (format, Unicode category Cf) character.
INVISIBLE_IN_ID = N_(
    "Must not contain invisible characters (a zero-width space or joiner, a soft hyphen, a direction mark): two "
    "ids that look the same would differ."
)


#: Why an identifier is not of the strict set ``is_strict_id`` keeps (outside tester 35b, G8).
ID_CHARACTERS = N_(
    "Only letters, digits and - _ . : / in composed form, with no space, blank, filler or combining mark: two "
    "ids that look the same would differ."
)
#: The punctuation an identifier may hold besides letters and digits.
ID_PUNCTUATION = frozenset("-_.:/")


def is_strict_id(text: str) -> bool:
    """Whether ``text`` is an id of the strict set: in Unicode NFC already (a letter and a combining accent,
    "c\u0301", is a second spelling of "ć") and each character a letter (category L*) or a decimal digit (Nd),
    not a compatibility form (a fullwidth "１" whose NFKC differs) nor a blank letter (the Hangul fillers
    U+3164, U+115F, U+1160, U+FFA0, category Lo but drawn as nothing), or one of ``ID_PUNCTUATION``. A space,
    a no-break space (Zs), a braille blank (So), a combining mark left over (Mn) or any other category is
    outside it (outside tester 35b, G8). ``text``: any string; "" is strict (length is the caller's rule)."""
    if unicodedata.normalize("NFC", text) != text:
        return False
    return all(
        c in ID_PUNCTUATION
        or (
            (unicodedata.category(c)[0] == "L" or unicodedata.category(c) == "Nd")
            and unicodedata.normalize("NFKC", c) == c
            and "FILLER" not in unicodedata.name(c, "")
        )
        for c in text
    )


def short_text_refusals(text: str, identifier: bool | Literal["url"] = False) -> list[str]:
    """Why ``text`` may not be stored as a short text field other organisations read, when it comes in a file
    rather than a request (a course's id and titles in an imported catalogue, outside tester 35, F8): the rules
    of the API's own fields, reused — a control character or a bidirectional override (`DisplayText`), a
    character under a stack of combining marks (``refuse_stacked_marks``), a personal
    identity code, an e-mail address, a phone number or an IBAN (``shared.pii.refuse_identifiers``), and for an
    ``identifier`` also any invisible character (a zero-width space that `DisplayText` lets a title keep) and any
    character outside the strict set (``is_strict_id``: a no-break space, a braille blank, a Hangul filler, a
    combining accent); ``"url"``: the invisible characters but not the strict set (an address has ``?``, ``%``, ``=``).
    Returns the reasons (English catalogue messages, as the fields raise them); [] when ``text`` may be stored."""
    from shared.pii import HIDDEN_TEXT_REFUSAL, refuse_identifiers

    reasons: list[str] = []
    if _HIDDEN_CHAR.search(text):
        reasons.append(str(DisplayText.default_error_messages["control"]))
    elif identifier and any(unicodedata.category(c) == "Cf" for c in text):
        reasons.append(INVISIBLE_IN_ID)
    elif identifier is True and not is_strict_id(text):
        reasons.append(ID_CHARACTERS)
    try:
        refuse_stacked_marks(text)
    except ValidationError as exc:
        reasons += [str(m) for m in exc.messages] if isinstance(exc.messages, list) else [str(exc.messages)]
    try:
        refuse_identifiers(text)
    except ValidationError as exc:
        own = (INVISIBLE_IN_ID, ID_CHARACTERS, str(DisplayText.default_error_messages["control"]))
        said = any(reason in own for reason in reasons)
        messages = exc.messages if isinstance(exc.messages, list) else [exc.messages]
        # an invisible character already named by the field's own rule is not named again as hidden text
        reasons += [str(m) for m in messages if not (said and str(m) == HIDDEN_TEXT_REFUSAL)]
    return reasons


#: OpenAPI ``format`` of each field whose valid values are reference data, not a pattern: a client (and
#: a property-based test, tests/api/test_schemathesis.py) knows that only members of that data pass.
REFERENCE_FORMATS = {
    "esco-skill-uri": "esco-skill-uri",  # a skill of the ESCO version the service speaks
    "esco-occupation-uri": "esco-occupation-uri",  # an occupation of that version
    "municipality": "municipality",  # a Finnish municipality code or name (data/geo)
    "region": "region",  # a region (maakunta) id, name or code (data/geo)
    "region-or-national": "region-or-national",  # the same, or "national"
    "language-code": "language-code",  # an ISO 639-1/639-3 code of one language
    "organisation": "organisation",  # an id in the organisation registry (data/organisations.csv)
    "iso-week": "iso-week",  # an ISO 8601 week that exists, 2000-W01 to 2099-W52 (2026-W53 does)
}

#: Examples for the OpenAPI documents: "perform metal active gas welding" and "welder" (ESCO v1.1.1).
ESCO_EXAMPLES = {
    "skill": "http://data.europa.eu/esco/skill/60ff3eac-7d4d-4e51-87b8-74c3b5d62498",
    "occupation": "http://data.europa.eu/esco/occupation/7aedaa07-3884-4c5b-88f9-80997b2aa54b",
    # "perform tungsten inert gas welding": a second skill, for fields that must differ from the first
    "other skill": "http://data.europa.eu/esco/skill/a51adea8-bf02-488a-a0d8-b0961caca5b0",
}


class EscoUri(_Text):
    """An ESCO skill or occupation URI, loaded in its canonical form (``https://``, upper-case UUIDs,
    trailing slashes and ESCO portal addresses are accepted); unknown concepts are refused with the
    ESCO version the service speaks."""

    def __init__(self, kind: Kind, **kwargs: Any) -> None:
        metadata = {
            "description": f"ESCO {kind} URI of the ESCO version the service speaks, canonically "
            f"`http://data.europa.eu/esco/{kind}/<UUID>`; `https://`, upper-case UUIDs, a trailing "
            "slash and ESCO portal addresses are read as that URI. A concept the version does not "
            "have is refused (422)",
            "example": ESCO_EXAMPLES[kind],
            "format": REFERENCE_FORMATS[f"esco-{kind}-uri"],
            **kwargs.pop("metadata", {}),
        }
        super().__init__(metadata=metadata, **kwargs)
        self.kind = kind

    def _deserialize(
        self, value: Any, attr: str | None, data: Mapping[str, Any] | None, **kwargs: Any
    ) -> str:
        text = self._text(value, attr, data, **kwargs)
        try:
            return reference().catalogue.resolve(text, self.kind)
        except UnknownConceptError as exc:
            raise ValidationError(str(exc)) from None


class MunicipalityCode(_Text):
    """A municipality: its Statistics Finland code (zero padding optional), its Finnish, Swedish or
    Sámi name or a form of it (``shared.geography``), or a code abolished by a merger (stored as the
    successor's, with a notice)."""

    def __init__(self, **kwargs: Any) -> None:
        metadata = {
            "description": "Statistics Finland municipality code of 2025 (e.g. '837' Tampere, '020' Akaa; "
            "'20' is read as '020'; 'KU837' as in Statistics Finland's files), or the Finnish or Swedish name "
            "('Vaasa', 'Vasa'; also as a title: 'Tampereen kaupunki', 'Helsingin kaupunki', 'Iin kunta', 'Vasa stad', 'Jakobstads stad'; "
            "'Hki'), or a Sámi name of the four municipalities of the Sámi homeland ('Ohcejohka', 'Anár'). A code "
            "abolished by a merger since 2005 is stored as its successor's and a notice says so; a near miss is a "
            "422 naming the closest names.",
            "example": "837",
            "format": REFERENCE_FORMATS["municipality"],
            **kwargs.pop("metadata", {}),
        }
        super().__init__(metadata=metadata, **kwargs)

    def _deserialize(
        self, value: Any, attr: str | None, data: Mapping[str, Any] | None, **kwargs: Any
    ) -> str:
        text = self._text(value, attr, data, **kwargs)
        try:
            found = reference().geography.municipality(text)
        except UnknownPlaceError as exc:
            raise ValidationError(str(exc)) from None
        if found.notice:
            add_notice(self.data_key or attr or "municipality", text, found.code, found.notice)
        return found.code


class RegionId(_Text):
    """A region (maakunta): its id (``pirkanmaa``), Finnish or Swedish name (``Österbotten``) or
    maakunta code (``15``), in any case; loaded as the id. Unknown: the error names the known ids."""

    def __init__(self, *, allow_national: bool = False, **kwargs: Any) -> None:
        metadata = {
            "description": "Region (maakunta) id, e.g. 'pirkanmaa'; Finnish or Swedish names "
            "('Pohjanmaa', 'Österbotten') and maakunta codes ('15') are accepted, in any case"
            + ("; or 'national'" if allow_national else ""),
            "example": "pirkanmaa",
            "format": REFERENCE_FORMATS["region-or-national" if allow_national else "region"],
            **kwargs.pop("metadata", {}),
        }
        super().__init__(metadata=metadata, **kwargs)
        self.allow_national = allow_national

    def _deserialize(
        self, value: Any, attr: str | None, data: Mapping[str, Any] | None, **kwargs: Any
    ) -> str:
        text = self._text(value, attr, data, **kwargs)
        if self.allow_national and plain_typography(text).strip().lower() == "national":
            return "national"
        try:
            return reference().geography.region(text).id
        except UnknownPlaceError as exc:
            raise ValidationError(str(exc)) from None


#: The notice of a legacy tag read as the one language the IANA registry gives for it.
LEGACY_LANGUAGE_TAG = N_("A legacy tag of one language (IANA registry): stored as that language's code.")


class LanguageCode(_Text):
    """An ISO 639-1 or ISO 639-3 code in any case, loaded in its shortest registered form
    (``FI`` → ``fi``, ``sme`` → ``se``); a legacy tag registered for one language (``sgn-SE``) as that
    language's code (``swl``), with a notice."""

    def __init__(self, **kwargs: Any) -> None:
        metadata = {"format": REFERENCE_FORMATS["language-code"], **kwargs.pop("metadata", {})}
        super().__init__(metadata=metadata, **kwargs)

    def _deserialize(
        self, value: Any, attr: str | None, data: Mapping[str, Any] | None, **kwargs: Any
    ) -> str:
        text = self._text(value, attr, data, **kwargs)
        try:
            code = normalise_language(text)
        except UnknownLanguageError as exc:
            raise ValidationError(str(exc)) from None
        if "-" in text or "_" in text:  # a legacy tag of one language: say what it was stored as
            add_notice(self.data_key or attr or "code", text, code, LEGACY_LANGUAGE_TAG)
        return code


# -- validators kept for callers that validate without loading -------------------------------------
def known_skill(uri: str) -> None:
    """marshmallow validator: ``uri`` names an ESCO skill of this app's catalogue (any harmless
    spelling, ``EscoCatalogue.resolve``). Raises ``ValidationError`` saying why not."""
    try:
        reference().catalogue.resolve(uri, "skill")
    except UnknownConceptError as exc:
        raise ValidationError(str(exc)) from None


def known_occupation(uri: str) -> None:
    """marshmallow validator: ``uri`` names an ESCO occupation of this app's catalogue. Raises
    ``ValidationError`` saying why not."""
    try:
        reference().catalogue.resolve(uri, "occupation")
    except UnknownConceptError as exc:
        raise ValidationError(str(exc)) from None


def known_municipality(code: str) -> None:
    """marshmallow validator: ``code`` is a municipality this app's geography knows (a code or a
    name, ``Geography.municipality``). Raises ``ValidationError`` saying why not."""
    try:
        reference().geography.municipality(code)
    except UnknownPlaceError as exc:
        raise ValidationError(str(exc)) from None


# -- JSON body scalars -----------------------------------------------------------------------------
# marshmallow reads "0837" as 837 and "true" as True. A JSON body states its types, and the OpenAPI
# says integer/number/boolean, so a string there is refused (outside tester 10, L3: "openings": "0837"
# was stored as 837). Query parameters arrive as strings and keep marshmallow's own fields.
class JsonInteger(fields.Integer):
    """An integer in a JSON body: a JSON number without a fraction (``3`` or ``3.0``; ``3.5`` is
    StrictSchema's "Not a whole number."). A string or a boolean is a ValidationError "Not a valid
    integer."."""

    def _validated(self, value: Any) -> int:
        if isinstance(value, str):
            raise self.make_error("invalid", input=value)
        return super()._validated(value)


class JsonNumber(fields.Float):
    """A number in a JSON body (float). A string or a boolean is a ValidationError "Not a valid
    number."; NaN and infinities are refused as by ``fields.Float``."""

    def _validated(self, value: Any) -> float:
        if isinstance(value, str):
            raise self.make_error("invalid", input=value)
        return super()._validated(value)


class JsonBoolean(fields.Boolean):
    """A boolean in a JSON body: ``true`` or ``false`` only; a string ("true", "kyllä"), a number or
    null-as-value is a ValidationError "Not a valid boolean."."""

    def _deserialize(self, value: Any, attr: str | None, data: Any, **kwargs: Any) -> bool:
        if value is True or value is False:
            return value
        raise self.make_error("invalid", input=value)


CANDIDATE_ID_RULE = N_("A candidate id is c- and 24 hex digits.")


class CandidateId(fields.String):
    """A pseudonymous candidate id (``c-`` and 24 lower-case hex digits, ``CANDIDATE_ID_PATTERN``),
    else a ValidationError "A candidate id is c- and 24 hex digits." — so an identity code, phone
    number, e-mail address or profile id sent as one is refused before anything is stored or audited."""

    def __init__(self, **kwargs: Any) -> None:
        metadata = {
            "description": "Pseudonymous candidate id (`c-` and 24 hex digits)",
            "example": "c-3f9a0c41d2b7e85f6a1c0d94",
            **kwargs.pop("metadata", {}),
        }
        validators = [validate.Regexp(CANDIDATE_ID_PATTERN, error=CANDIDATE_ID_RULE)]
        extra = kwargs.pop("validate", None)
        if extra is not None:
            validators += list(extra) if isinstance(extra, list | tuple) else [extra]
        super().__init__(validate=validators, metadata=metadata, **kwargs)


class StrictSchema(ma.Schema):
    """Input schemas reject unknown fields, so a typo is an error rather than silently ignored, and a
    fractional number for an integer field (marshmallow would cut ``1.5`` openings to 1)."""

    class Meta:
        unknown = ma.RAISE

    @ma.pre_load
    def _whole_numbers(self, data: Any, **kwargs: Any) -> Any:
        if not isinstance(data, Mapping):
            return data
        errors = {
            field.data_key or name: [N_("Not a whole number.")]
            for name, field in self.load_fields.items()
            if isinstance(field, fields.Integer)
            and isinstance(value := data.get(field.data_key or name), float)
            and not value.is_integer()
        }
        if errors:
            raise ValidationError(errors)
        return data


def read_only(description: str) -> dict[str, Any]:
    """The OpenAPI metadata of a field a ``GET`` shows and a ``PUT`` accepts back only as read
    (``readOnly``: a client need not send it; sent unchanged it is ignored, changed it is a 422 naming
    the field; outside tester 23, S6)."""
    return {
        "readOnly": True,
        "description": f"{description}. Read-only: may be sent back as read (ignored); another value is a 422",
    }


class EmptyBody(StrictSchema):
    """The body of an action that takes no input (``@blp.arguments(EmptyBody, required=False)``): no
    body or ``{}``; anything else is a 422 as on every other endpoint (a field is "Unknown field.", a
    list "Invalid input type."), so a client sending input it thinks is read is told it is not."""


_LEVEL_CANONICAL = {level.lower(): level for level in LANGUAGE_LEVELS}


class LanguageLevel(fields.String):
    """A CEFR level or ``native`` in any case, stored as ``LANGUAGE_LEVELS`` writes it (``b2`` → ``B2``,
    ``Native`` → ``native``), as language codes are read in any case (outside tester 22, R5)."""

    def _deserialize(self, value: Any, attr: str | None, data: Any, **kwargs: Any) -> str:
        text = super()._deserialize(value, attr, data, **kwargs)
        return _LEVEL_CANONICAL.get(text.strip().lower(), text)


class LanguageSchema(StrictSchema):
    code = LanguageCode(
        required=True,
        metadata={
            "description": "ISO 639-1 or ISO 639-3 code, any case; stored in its shortest form "
            "('FI' → 'fi', 'sme' → 'se'). E.g. 'smn' Inari Sámi, 'sms' Skolt Sámi, 'fse' Finnish "
            "Sign Language, 'fss' Finland-Swedish Sign Language. A macrolanguage ('ar', 'et', 'no') is "
            "kept as given; a legacy tag the IANA registry gives one language for ('sgn-SE', 'zh-yue') "
            "is stored as that language's code ('swl', 'yue', with a notice); a group ('sgn', 'smi') or "
            "a tag with a region ('sv-FI', 'sgn-FI') is a 422 naming the languages it may mean",
            "example": "fi",
        },
    )
    level = LanguageLevel(
        required=True,
        validate=validate.OneOf(LANGUAGE_LEVELS),
        metadata={
            "description": "CEFR level A1–C2, or native; any case ('b2' is stored as 'B2')",
            "enum": [*LANGUAGE_LEVELS, *(x.swapcase() for x in LANGUAGE_LEVELS)],
        },
    )


class LanguageOutSchema(ma.Schema):
    """A language and its level as responses show it (``LanguageSchema``'s output)."""

    code = fields.String(metadata={"description": CODE_FORM, "example": "fi"})
    level = fields.String(metadata={"description": "CEFR level A1–C2, or native"})


def unique_items_by(key: str) -> dict[str, Any]:
    """The OpenAPI metadata of a list validated with ``unique_by(key, ...)``: JSON Schema's
    ``uniqueItems`` compares whole items, so the rule is stated as the extension ``x-unique-by`` (and
    in words)."""
    return {"x-unique-by": key, "description": f"Each item's `{key}` at most once (422 otherwise)."}


def unique_by(key: str, what: str) -> Any:
    """A marshmallow validator for a list of objects: each item's ``key`` at most once. The
    validator raises ``ValidationError`` ("<what> listed more than once.") otherwise."""

    def check(items: list[dict[str, Any]]) -> None:
        seen = [item[key] for item in items]
        if len(seen) != len(set(seen)):
            raise ValidationError(f"{what} listed more than once.")

    return check


#: How an input was read as the municipality it collides with (``Geography.reading``), named in the refusal.
MUNICIPALITY_READINGS = {
    "code": N_("%(given)s is the code of %(municipality)s"),
    "swedish": N_("%(given)s is the Swedish name of %(municipality)s"),
    "sami": N_("%(given)s is the Sámi name of %(municipality)s"),
    "merged": N_("%(given)s was merged on 1.1.%(year)s into what is today %(municipality)s"),
    "renamed": N_("%(given)s was renamed %(municipality)s on 1.1.%(year)s"),
    "form": N_("%(given)s is read as %(municipality)s"),
}
#: A list of municipalities naming one twice, in two spellings or by a former municipality (outside tester 36,
#: H10: "Birkala", "Ylöjärvi", "Kuru" was refused as "listed more than once", naming neither entry nor why).
SAME_MUNICIPALITY = N_("%(entries)s are one municipality, %(municipality)s: list it once.")
SAME_MUNICIPALITY_READ = N_(
    "%(entries)s are one municipality, %(municipality)s: list it once (%(readings)s)."
)
MAIN_MUNICIPALITY_AGAIN = N_(
    "%(entries)s is the main municipality (municipality), %(municipality)s: leave it out of the other work sites."
)
MAIN_MUNICIPALITY_AGAIN_READ = N_(
    "%(entries)s is the main municipality (municipality), %(municipality)s: leave it out of the other work "
    "sites (%(readings)s)."
)


def same_municipalities(entries: Any, main: Any = None) -> list[str]:
    """Why a list of municipalities as written (``entries``: a request's raw list) names one municipality
    twice: a reason per municipality named more than once, and one per entry that is ``main`` (the main
    municipality, as written) again, each naming the entries as written, the municipality they are (code and
    Finnish name) and how an entry other than its Finnish name was read (a code, the Swedish or Sámi name, a
    municipality merged into it, a former name, an inflected form: ``MUNICIPALITY_READINGS``). Entries that
    are not text or not a municipality are left out (their own field errors name them). [] when none
    collide. Reference data through the running app (``reference()``)."""
    geography = reference().geography

    def read(text: Any) -> tuple[str, str] | None:  # (code, reading or "")
        if not isinstance(text, str):
            return None
        try:
            code, how, year = geography.reading(text)
        except (UnknownPlaceError, ValueError):
            return None
        if how == "name":
            return code, ""
        values = {"given": repr(text), "municipality": named(code), "year": year}
        return code, MUNICIPALITY_READINGS[how] % values

    def named(code: str) -> str:
        return f"{code} {geography.municipalities[code].name_fi}"

    readings = [
        (text, found) for text in (entries if isinstance(entries, list) else []) if (found := read(text))
    ]
    main_code = found[0] if (found := read(main)) else None
    by_code: dict[str, list[tuple[str, str]]] = {}
    for text, (code, how) in readings:
        by_code.setdefault(code, []).append((text, how))
    reasons: list[str] = []
    for code, items in by_code.items():
        said = "; ".join(dict.fromkeys(how for _, how in items if how))
        values = {"entries": ", ".join(repr(text) for text, _ in items), "municipality": named(code)}
        if code == main_code:
            main_read = read(main)
            said = "; ".join(dict.fromkeys(x for x in [main_read[1] if main_read else "", said] if x))
            message = MAIN_MUNICIPALITY_AGAIN_READ if said else MAIN_MUNICIPALITY_AGAIN
        elif len(items) > 1:
            message = SAME_MUNICIPALITY_READ if said else SAME_MUNICIPALITY
        else:
            continue
        reasons.append(message % {**values, "readings": said})
    return reasons


class PageArgs(StrictSchema):
    limit = fields.Integer(load_default=50, validate=validate.Range(1, 500))
    offset = fields.Integer(
        load_default=0,
        validate=validate.Range(0, 2**31 - 1),
        metadata={"description": "Items to skip (a database offset: at most 2^31 - 1)"},
    )


def region_of(municipality: str) -> str:
    """The region id of a current municipality code, from this app's geography. Raises
    ``KeyError`` for any other code (validate with ``known_municipality`` first)."""
    return reference().geography.region_of(municipality)


class ShortageFlagSchema(ma.Schema):
    """Why a vacancy is a labour-shortage role (the ``kohtaanto.shortages.v1`` lists' rule): shown by
    the vacancy and matching services alike."""

    level = fields.String(metadata={"description": "severe_shortage or shortage"})
    period = fields.String(
        metadata={
            "description": "The half-year (2026H2) or month (2026-03) whose list applies",
            "example": "2026H2",
        }
    )
    region = fields.String(metadata={"description": "Whose list: the vacancy's region or 'national'"})
    source = fields.String(metadata={"description": "Where the list comes from, as the operator imported it"})


DAY_RULE = N_("Not a valid date: write it as year-month-day (2026-12-31) or day.month.year (31.12.2026).")
_DOTTED_DAY = re.compile(r"\s*([0-9]{1,2})\.([0-9]{1,2})\.([0-9]{4})\s*\Z")


DAY_TOO_OLD = N_("The date is more than %(years)s years in the past: a typo?")
DAY_TOO_FAR = N_("The date is more than %(years)s years ahead: a typo?")


def _years_before(day: date, years: int) -> date:
    """``day`` ``years`` calendar years earlier (29 February → 28 February)."""
    year = day.year - years
    return day.replace(year=year) if (day.month, day.day) != (2, 29) else date(year, 2, 28)


def implausible_day(
    day: date, *, years_back: int = 100, years_ahead: int = 10, today: date | None = None
) -> str | None:
    """Why ``day`` is no plausible day a user means, by the rule of every date the API takes (`Day`): more than
    ``years_back`` calendar years before ``today`` (default: today in Finland, ``shared.days``) is `DAY_TOO_OLD`,
    more than ``years_ahead`` after it `DAY_TOO_FAR` (English catalogue messages naming the bound); None when it
    is plausible. Also the rule of a day read from an uploaded file (a training catalogue's start dates: outside
    tester 35, ``2099-01-01`` passed)."""
    today = today or finnish_today()
    if day < _years_before(today, years_back):
        return DAY_TOO_OLD % {"years": years_back}
    if day > _years_before(today, -years_ahead):
        return DAY_TOO_FAR % {"years": years_ahead}
    return None


class Day(fields.Date):
    """A calendar day (``datetime.date``): ISO 8601 (``2026-12-31``) or day.month.year as Finnish and
    Swedish users write it (``31.12.2026``, ``1.6.2027``); always returned in ISO 8601. Anything
    else, or a day that does not exist (``31.2.2026``), is a ValidationError `DAY_RULE`, which names
    both forms (outside tester 17, P16: "31.12.2026" got "Not a valid date." and no hint). The
    dotted form is unambiguous: no locale writes month.day.year with dots.

    Every day a user sends is a plausible one: at most ``years_back`` calendar years before today
    (in Finland: ``shared.days``) and at most ``years_ahead`` after it, else a ValidationError naming the bound
    (``DAY_TOO_OLD``, ``DAY_TOO_FAR``: `implausible_day`; outside tester 20, P6:
    ``available_from: "0001-01-01"`` was stored). Defaults: a century back, ten years ahead, a guard
    against absurd days only; a field whose meaning allows less says so (``available_from``: ten years
    back), and services keep their own tighter rules on top (a vacancy's start date, an outcome's day,
    a path step's). Output schemas never deserialise, so the window only guards input."""

    def __init__(self, *args: Any, years_back: int = 100, years_ahead: int = 10, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.years_back, self.years_ahead = years_back, years_ahead

    def _deserialize(
        self, value: Any, attr: str | None, data: Mapping[str, Any] | None, **kwargs: Any
    ) -> date:
        day = self._parse(value, attr, data, **kwargs)
        if why := implausible_day(day, years_back=self.years_back, years_ahead=self.years_ahead):
            raise ValidationError(why)
        return day

    def _parse(self, value: Any, attr: str | None, data: Mapping[str, Any] | None, **kwargs: Any) -> date:
        if isinstance(value, str) and (dotted := _DOTTED_DAY.match(value)):
            try:
                return date(int(dotted[3]), int(dotted[2]), int(dotted[1]))
            except ValueError:
                raise ValidationError(DAY_RULE) from None
        try:
            return super()._deserialize(value, attr, data, **kwargs)
        except ValidationError:
            raise ValidationError(DAY_RULE) from None


class Instant(fields.AwareDateTime):
    """A point in time (ISO 8601), returned in UTC; without an offset it is read as UTC. One whose UTC
    time falls outside years 1–9999 (``0001-01-01T00:00:00+14:00``) is a 422, not the 500 of an
    ``OverflowError`` deeper down (an outside tester's audit-log filters)."""

    def __init__(self, **kwargs: Any) -> None:
        super().__init__(default_timezone=UTC, **kwargs)

    def _deserialize(
        self, value: Any, attr: str | None, data: Mapping[str, Any] | None, **kwargs: Any
    ) -> Any:
        moment = super()._deserialize(value, attr, data, **kwargs)
        try:
            return moment.astimezone(UTC)
        except OverflowError:
            raise ValidationError("Not an instant that exists in UTC (years 1–9999).") from None
