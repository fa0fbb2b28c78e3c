"""Language codes as people write them (ISO 639-1 or ISO 639-3, any case), stored in one form.

Validation and normalisation come from ``langcodes`` (MIT), which ships the IANA language subtag
registry (BCP 47): the stored form is the shortest registered code, so ``FI``, ``fin`` → ``fi``;
``sme`` (ISO 639-3, Northern Sámi) → ``se``; ``swe`` → ``sv``; Inari Sámi ``smn``, Skolt Sámi ``sms``,
Finnish Sign Language ``fse`` and Finland-Swedish Sign Language ``fss`` stay as they are. Two
spellings of one language therefore compare equal everywhere after normalisation.
"""

from __future__ import annotations

import re
from functools import lru_cache

from langcodes import Language, standardize_tag, tag_is_valid
from langcodes.registry_parser import parse_registry

#: The form every stored and published language code has (``normalise_language``), as the schemas and the
#: event catalogue describe it: not ISO 639-1 alone (tester 35's leftover: ``vacancy.*`` said so while ``smn``
#: was sent).
CODE_FORM = (
    "BCP 47 primary language subtag, lower case, as `langcodes` normalises it from the IANA registry: the ISO "
    "639-1 code where the language has one ('fi', 'sv', 'se' Northern Sámi), else the ISO 639-3 code ('smn' "
    "Inari Sámi, 'sms' Skolt Sámi, 'fse' Finnish Sign Language, 'fss' Finland-Swedish Sign Language); no region"
)

_CODE = re.compile(r"^[A-Za-z]{2,3}$")
_NOT_ONE_LANGUAGE = {"collection", "special", "private-use"}


# The languages of the user interface and of data labels (ESCO, regions, municipalities), the first
# the default: one list for the whole system (shared/i18n.py selects among them per request).
UI_LANGUAGES: tuple[str, ...] = ("fi", "sv", "en")
DEFAULT_LANGUAGE = UI_LANGUAGES[0]
# The JSON APIs' (``/api/``) default when a request names no language: their callers are programs
# (case systems, agencies' integrations) that send no Accept-Language, read ``code`` and ``errors``,
# and show ``message`` to a developer; English is what such a developer expects and what every API
# answered before the messages were translated.
API_DEFAULT_LANGUAGE = "en"


class UnknownLanguageError(ValueError):
    """Not an ISO 639-1 or ISO 639-3 code of one language; the message says why."""


@lru_cache(maxsize=1)
def _scopes() -> dict[str, str]:
    """Registry scope of the language subtags that have one (macrolanguage, collection, special, ...)."""
    return {
        item["Subtag"].lower(): item["Scope"]
        for item in parse_registry()
        if item.get("Type") == "language" and "Scope" in item
    }


def language_name(code: str, lang: str = "en") -> str:
    """The language's name in ``lang`` (``"se"`` → ``"Northern Sami"``; ``"fi"`` → ``"pohjoissaame"``)."""
    return str(Language.get(code).display_name(lang))


def normalise_language(code: str) -> str:
    """The stored form of an ISO 639-1 or ISO 639-3 code (also ISO 639-2/T), any case.

    Returns the shortest registered code (ISO 639-1 where the language has one): ``"SME"`` → ``"se"``;
    a code langcodes would write as a variety of another language keeps its own form (``"prs"`` Dari,
    not ``"fa-AF"``), so every stored form is accepted back and normalises to itself. A macrolanguage
    is one language as people name it (``ar`` Arabic, ``et`` Estonian, ``no`` Norwegian: matching
    counts its members, ``arb``, ``ekk``, ``nb``, as meeting it) and is kept as given. A legacy tag the
    IANA registry gives one language as its preferred value (``sgn-SE`` → ``swl`` Swedish Sign
    Language, ``zh-yue`` → ``yue``, ``no-bok`` → ``nb``) is that language.
    Raises ``UnknownLanguageError`` for anything else, with a hint of its own kind (``language_hint``):
    a tag with a region (``sv-FI``: ``sv``; ``sgn-FI``: Finland's sign languages ``fse``, ``fss``), an
    unassigned code, a group of languages (``smi``: the Sámi languages; ``sgn``: sign languages) or a
    special code (``und``, ``mul``, ``qaa``).
    """
    raw = str(code).strip()
    from shared.pii import find_personal_data, identifier_holds_personal_data

    if find_personal_data(raw) or identifier_holds_personal_data(raw):
        # no hint made of its parts: the first subtag of "131052-308T" is its birth date (outside tester 26, T26-4)
        raise UnknownLanguageError(
            f"{raw!r} is not a language code: ISO 639-1 (2 letters, e.g. 'fi') or ISO 639-3 "
            "(3 letters, e.g. 'smn' Inari Sámi)."
        )
    if "-" in raw or "_" in raw:
        preferred = _preferred_value(raw.replace("_", "-"))
        if preferred is not None:
            return normalise_language(preferred)
        raise UnknownLanguageError(
            f"{raw!r}: give the language alone, e.g. {_tag_hint(raw.replace('_', '-'))}, "
            "not a tag with a region or script."
        )
    if not _CODE.match(raw):
        raise UnknownLanguageError(
            f"{raw!r} is not a language code: ISO 639-1 (2 letters, e.g. 'fi') or ISO 639-3 "
            "(3 letters, e.g. 'smn' Inari Sámi)."
        )
    tag = standardize_tag(raw.lower())
    if "-" in tag:
        # langcodes writes a few codes as a variety of another language: Dari ``prs`` (and ``drw``,
        # ``tnf``) as ``fa-AF``, Serbo-Croatian ``sh`` as ``sr-Latn``, Montenegrin ``cnr`` as ``sr-ME``,
        # Congo Swahili ``swc`` as ``sw-CD``. A tag with a region or script is refused above, so such a
        # stored form failed the read-then-PUT round trip (outside tester 22, R3): keep the code itself.
        tag = raw.lower()
    if not tag_is_valid(tag) or "qaa" <= tag <= "qtz":
        raise UnknownLanguageError(f"{raw!r} is not an assigned ISO 639 language code.")
    scope = _scopes().get(tag)
    if scope in _NOT_ONE_LANGUAGE:
        members = _members(tag)
        if not members:  # "und", "mul", "gem" Germanic languages: no member names the group
            raise UnknownLanguageError(
                f"{raw!r} ({language_name(tag)}) is not one language: give the language itself, by its "
                "ISO 639-1 or ISO 639-3 code."
            )
        raise UnknownLanguageError(
            f"{raw!r} ({language_name(tag)}) is not one language: give the language itself, "
            f"e.g. {_examples(members)}."
        )
    return tag


# -- hints: which single languages a refused code or tag may have meant ------------------------------
#: How many languages a hint names.
HINT_SIZE = 4
#: The territory whose languages a hint names first (the services' users are in Finland).
HOME_TERRITORY = "FI"


@lru_cache(maxsize=1)
def _registry() -> tuple[dict[str, str], dict[str, str], dict[str, list[str]]]:
    """From the IANA registry (langcodes' copy): language subtag → its (first) description; a legacy
    or redundant tag (lower case) → its preferred value; prefix → its extended language subtags
    (``sgn`` → the sign languages)."""
    names: dict[str, str] = {}
    preferred: dict[str, str] = {}
    extlangs: dict[str, list[str]] = {}
    for item in parse_registry():
        kind = item.get("Type")
        if kind == "language":
            names[item["Subtag"].lower()] = item["Description"][0]
        elif kind in ("grandfathered", "redundant") and "Preferred-Value" in item:
            preferred[item["Tag"].lower()] = item["Preferred-Value"]
        elif kind == "extlang":
            for prefix in item.get("Prefix", ()):
                extlangs.setdefault(prefix.lower(), []).append(item["Subtag"].lower())
    return names, preferred, extlangs


def _preferred_value(tag: str) -> str | None:
    """The one language a legacy tag stands for (``sgn-SE`` → ``swl``, ``zh-yue`` → ``yue``, also an
    extended-language form ``sgn-fse`` → ``fse``), or None (``sv-FI``, ``sgn-FI``)."""
    _, preferred, extlangs = _registry()
    value = preferred.get(tag.lower())
    if value is None:
        prefix, _, rest = tag.lower().partition("-")
        value = rest if rest in extlangs.get(prefix, ()) else None
    return value if value is not None and "-" not in value else None


def _home_first(codes: list[str]) -> list[str]:
    """``codes`` with those of the home territory (langcodes' likely territory) first, then by the
    number of speakers langcodes knows, then alphabetically."""

    def key(code: str) -> tuple[bool, int, str]:
        language = Language.get(code)
        return (language.maximize().territory != HOME_TERRITORY, -language.speaking_population(), code)

    return sorted(codes, key=key)


def _sign_languages_of(territory: str) -> list[str]:
    """The sign languages of a territory by their registered names: named after the territory
    (``Finland-Swedish Sign Language``) or after its main language (``Finnish Sign Language``)."""
    names, _, extlangs = _registry()
    place = Language.get(f"und-{territory}")
    main = place.maximize().language or ""
    words = {str(place.territory_name()), str(Language.get(main).language_name()) if main else ""}
    return [
        code
        for code in extlangs.get("sgn", ())
        if any(names.get(code, "").startswith((f"{w} ", f"{w}-")) for w in words if w)
    ]


def _members(tag: str) -> list[str]:
    """Single languages a group code stands for, the likeliest meant first: the sign languages of
    Finland and of the user interface's languages for ``sgn``; for a collection named "X languages",
    the languages whose registered name has X (``smi`` Sami languages → ``se``, ``smn``, ``sms``, …)."""
    names, _, extlangs = _registry()
    if tag == "sgn":
        ui = [
            code
            for code in extlangs.get("sgn", ())
            if any(names.get(code) == f"{language_name(lang)} Sign Language" for lang in UI_LANGUAGES)
        ]
        return list(dict.fromkeys([*_sign_languages_of(HOME_TERRITORY), *ui]))
    stem = names.get(tag, "").removesuffix(" languages")
    if not stem or stem == names.get(tag) or len(stem) < 3:
        return []
    found = [
        code
        for code, name in names.items()
        if code != tag and stem in name and _scopes().get(code) not in _NOT_ONE_LANGUAGE
    ]
    return _home_first(found)


def _examples(codes: list[str]) -> str:
    """``'fse' Finnish Sign Language, 'fss' Finland-Swedish Sign Language, …`` (at most ``HINT_SIZE``;
    the system's own languages when none is known: a tag whose group has no named member)."""
    chosen = codes[:HINT_SIZE] or list(UI_LANGUAGES)
    return ", ".join(f"'{code}' {language_name(code)}" for code in chosen)


def _tag_hint(tag: str) -> str:
    """The languages a tag with a region or script may mean, quoted: its language (``sv-FI`` →
    ``'sv'``), the sign languages of the region for ``sgn-FI``, and for a group before the region
    its members."""
    language, _, rest = tag.partition("-")
    code = language.lower()
    if code == "sgn":
        region = rest.split("-")[0].upper()
        found = _sign_languages_of(region) if len(region) == 2 and region.isalpha() else []
        return _examples(found or _members("sgn"))
    if _scopes().get(code) in _NOT_ONE_LANGUAGE:
        return _examples(_members(code))
    return repr(code)


_EXAMPLE = re.compile(r"'([a-z]{2,3})' [^,]+")


def examples_in(text: str, lang: str) -> str:
    """A hint's examples (``_examples``: ``'smn' Inari Sami, 'sms' Skolt Sami``) with each language
    named in ``lang`` where langcodes knows the name (``'smn' inarinsaame``), else as given; for
    ``shared.i18n.translate_text``, which shows a refusal in the request's language."""
    return _EXAMPLE.sub(lambda m: f"'{m[1]}' {language_name(m[1], lang)}", text)
