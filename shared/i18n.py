"""Languages as data: the supported languages, how a request's language is chosen, and the message
catalogues every page and human error text is read from.

Library: Flask-Babel (BSD-3-Clause) over Babel (BSD-3-Clause). The catalogues are
``shared/translations/<lang>/LC_MESSAGES/messages.po`` (msgids are English; one catalogue per
language, English included so wording is edited in one place). They are compiled to ``.mo`` when an
app starts (``compile_catalogues``; no network, a few milliseconds) into a cache directory, so the
package may be read-only. Developers refresh them with ``make translations`` (``pybabel extract``,
``update``, ``compile --statistics``; see ``babel.cfg``).

A request's language, first that applies:

1. ``?lang=fi|sv|en`` (``shared.languages.UI_LANGUAGES``) (and the choice is remembered in the ``kohtaanto_lang`` cookie for a year);
2. the ``kohtaanto_lang`` cookie;
3. the best match of ``Accept-Language`` among ``LANGUAGES``;
4. ``DEFAULT_LANGUAGE`` (Finnish) for pages, ``API_DEFAULT_LANGUAGE`` (English) for the JSON APIs
   under ``/api/`` and downloads (``DOWNLOAD_SUFFIXES``) (``shared.languages`` says why).

The JSON APIs' human texts (an error's ``message`` and its field-level reasons) are produced in
English by the code, marshmallow and the domain, and translated once, at the edge, when the error is
rendered (``translate_text``, ``translate_errors``): a text is looked up as a msgid, else matched
against the msgids with ``%(name)s`` placeholders ("Length must be between 1 and 200." is
"Length must be between %(min)s and %(max)s."). Error ``code``s, ``status`` and field names stay the
same in every language: they are for programs.

A new language: add its code to ``shared.languages.UI_LANGUAGES``, run ``pybabel init -i shared/translations/messages.pot
-d shared/translations -l XX``, translate the ``.po``. Data labels (ESCO, regions, municipalities)
come from the reference data in the language asked for, with the fallback the data source defines.
"""

from __future__ import annotations

import hashlib
import os
import re
import tempfile
import threading
from collections.abc import Callable, Iterator, Mapping
from datetime import date
from functools import cache
from pathlib import Path
from typing import Any
from urllib.parse import urlencode

from babel.messages.mofile import write_mo
from babel.messages.pofile import read_po
from flask import Flask, has_request_context, request
from flask_babel import Babel, format_date, get_locale, gettext

from shared.languages import API_DEFAULT_LANGUAGE, DEFAULT_LANGUAGE, UI_LANGUAGES, examples_in

LANGUAGES = UI_LANGUAGES
LANGUAGE_NAMES = {"fi": "suomi", "sv": "svenska", "en": "English"}  # each in its own language
LANG_COOKIE = "kohtaanto_lang"
LANG_PARAM = "lang"
CATALOGUES = Path(__file__).parent / "translations"
DOMAIN = "messages"
API_PREFIX = "/api/"


def N_(message: str) -> str:
    """Mark ``message`` for the catalogues (``make translations`` extracts it) without translating it
    here: it is translated where it is shown (an API error: ``translate_text`` at the edge)."""
    return message


def supported(lang: str | None) -> str | None:
    """``lang`` normalised (``"SV"``, ``"sv-FI"`` → ``"sv"``) if supported, else None."""
    if not lang:
        return None
    code = lang.strip().lower().replace("_", "-").split("-")[0]
    return code if code in LANGUAGES else None


def stated_language() -> str | None:
    """The language the current request asks for (``?lang``, then the cookie, then
    ``Accept-Language``; one of ``LANGUAGES``), or None when it names none of them."""
    return (
        supported(request.args.get(LANG_PARAM))
        or supported(request.cookies.get(LANG_COOKIE))
        or request.accept_languages.best_match(LANGUAGES)
    )


def select_language() -> str:
    """The current request's language code (one of ``LANGUAGES``), by the order in the module doc."""
    return stated_language() or (API_DEFAULT_LANGUAGE if read_by_programs(request.path) else DEFAULT_LANGUAGE)


#: Endings of the paths programs read besides the API (downloads: a meeting's content.json/.csv/.xlsx).
DOWNLOAD_SUFFIXES = (".json", ".csv", ".xlsx")


def read_by_programs(path: str) -> bool:
    """Whether a path answers programs by default (the JSON APIs and downloads): their default
    language is ``API_DEFAULT_LANGUAGE``, a page's ``DEFAULT_LANGUAGE``."""
    return path.startswith(API_PREFIX) or path.endswith(DOWNLOAD_SUFFIXES)


def current_language() -> str:
    """The language of the request being served (``DEFAULT_LANGUAGE`` outside a request)."""
    locale = get_locale()
    return supported(str(locale)) or DEFAULT_LANGUAGE if locale is not None else DEFAULT_LANGUAGE


_PLACEHOLDER = re.compile(r"%\((\w+)\)[sd]")


#: The least literal text (characters outside placeholders) a placeholder message needs to be matched
#: inside produced English text by ``translate_text``.
MIN_PATTERN_LITERAL = 8


@cache
def _patterns(directory: Path = CATALOGUES) -> tuple[tuple[re.Pattern[str], str], ...]:
    """(pattern, msgid) of every catalogue message with ``%(name)s`` placeholders, the most specific
    (longest literal text) first, so "Must be ≥ %(min)s and ≤ %(max)s." is tried before "Must be ≥
    %(min)s.". Messages with less than ``MIN_PATTERN_LITERAL`` characters of literal text are page
    formats, not messages (an outside tester saw "%(date)s at %(time)s" turn every " at " of an
    untranslated English sentence into "klo"): they are looked up only as they are."""
    with (directory / "en" / "LC_MESSAGES" / f"{DOMAIN}.po").open("rb") as fh:
        catalog = read_po(fh, locale="en")
    found: list[tuple[int, re.Pattern[str], str]] = []
    for m in catalog:
        msgid = m.id
        if not isinstance(msgid, str) or not _PLACEHOLDER.search(msgid):
            continue  # the header, plurals, and messages without placeholders (looked up as they are)
        parts, seen, regex = _PLACEHOLDER.split(msgid), set(), ""
        for i, part in enumerate(parts):
            if i % 2 == 0:
                regex += re.escape(part)
            else:
                regex += f"(?P={part})" if part in seen else f"(?P<{part}>.+?)"
                seen.add(part)
        literal = sum(len(p) for p in parts[::2])
        if literal < MIN_PATTERN_LITERAL:
            continue
        found.append((literal, re.compile(regex + r"\Z", re.DOTALL), msgid))
    found.sort(key=lambda x: -x[0])
    return tuple((pattern, msgid) for _, pattern, msgid in found)


#: Placeholders whose value is several catalogue messages joined by a separator (an import notice's
#: ``%(changes)s``: "2026-12 now decides 6 of the 6 ESCO occupations it rates; 2026H2 still decides 14
#: of the 14 it rates"): ``translate_text`` translates each on its own. Read as one value, a pattern could
#: match across the joints and give a wrong translation, or none (outside tester 27, T27-4).
JOINED_MESSAGES = {"changes": "; ", "grounds": ", ", "readings": "; "}  # grounds: an ad's limits, "age, sex"


def translate_text(text: str, _depth: int = 0) -> str:
    """``text`` (an English message the code produced) in the request's language: the catalogue's
    translation of the msgid ``text``, or of the placeholder msgid it is an instance of (the values
    kept as given, except a value that is itself a catalogue message, e.g. the state ``ended`` or a
    nested reason, which is translated too, and an ISO date, written as the pages write dates:
    ``format_day``); unknown texts are returned as they are."""
    if not text or not has_request_context():
        return text
    translated = gettext(text)
    if translated != text:
        return translated
    for pattern, msgid in _patterns():
        if match := pattern.match(text):
            values = match.groupdict()
            if _depth < 2:  # a value that is itself a message (a state word, a nested reason) in kind
                values = {
                    k: JOINED_MESSAGES[k].join(
                        translate_text(x, _depth + 1) for x in v.split(JOINED_MESSAGES[k])
                    )
                    if k in JOINED_MESSAGES
                    else translate_text(v, _depth + 1)
                    for k, v in values.items()
                }
            if "examples" in values:  # languages a refused code may mean, named in the request's language
                values["examples"] = examples_in(values["examples"], current_language())
            if "kinds" in values:  # personal-data kinds found, by name (outside tester 17, P18)
                values["kinds"] = ", ".join(gettext(kind) for kind in values["kinds"].split(", "))
            return gettext(msgid, **{k: _local_places(_local_day(v)) for k, v in values.items()})
    return text


#: The names of places in each UI language, for the values of translated messages (``register_place_names``)
_PLACE_NAMES: dict[
    str, dict[str, str]
] = {}  # language → a region's or former municipality's name → its name there
_MUNICIPALITY_NAMES: dict[str, dict[str, str]] = {}  # language → municipality code → its name there
_NAMED_WITH_CODE = re.compile(r"'([^']+)' \(([0-9]{3})\)")  # "'Tampere' (837)", as suggestions write them
_CODE_THEN_NAME = re.compile(r"\b([0-9]{3}) ([^\W\d][^,]*?)(?= and |\Z)")  # "837 Tampere and 536 Nokia"


def register_place_names(
    places: Mapping[str, Mapping[str, str]], municipalities: Mapping[str, Mapping[str, str]]
) -> None:
    """Teach ``translate_text`` the names of places: ``places`` maps each Finnish and Swedish name of a
    region or of a municipality abolished by a merger to ``{language: name}``, ``municipalities`` each municipality code to ``{language: name}``
    (``shared.reference.geography`` registers Statistics Finland's names when it loads them). A
    message's placeholder value that is such a name, or names municipalities as the code writes
    them (``'Tampere' (837)``, ``837 Tampere``), is then given in the request's language (outside tester 16,
    P12: the Swedish message said "… i Pirkanmaa", not Birkaland). English keeps the names as given."""
    for name, names in places.items():
        for lang, local in names.items():
            _PLACE_NAMES.setdefault(lang, {})[name] = local
    for code, names in municipalities.items():
        for lang, local in names.items():
            _MUNICIPALITY_NAMES.setdefault(lang, {})[code] = local


def _local_places(value: str) -> str:
    """A placeholder ``value`` with the places it names in the request's language (``register_place_names``);
    other values, and every value in a language without registered names, as given."""
    lang = current_language() if has_request_context() else ""
    places, municipalities = _PLACE_NAMES.get(lang), _MUNICIPALITY_NAMES.get(lang)
    if not places and not municipalities:
        return value
    if places and value in places:
        return places[value]
    if municipalities:
        value = _NAMED_WITH_CODE.sub(lambda m: f"'{municipalities.get(m[2], m[1])}' ({m[2]})", value)
        value = _CODE_THEN_NAME.sub(lambda m: f"{m[1]} {municipalities.get(m[1], m[2])}", value)
    return value


_ISO_DAY = re.compile(r"[0-9]{4}-[0-9]{2}-[0-9]{2}\Z")


def _local_day(value: str) -> str:
    """A placeholder value that is an ISO date (``2027-06-01``), written as every page writes dates
    in the request's language (``format_day``: ``1.6.2027``, ``1 Jun 2027``); other values as given.
    (Outside tester 10, L12: explanations' Finnish reasons printed ISO dates.)"""
    if not _ISO_DAY.match(value):
        return value
    try:
        return format_day(date.fromisoformat(value))
    except ValueError:  # shaped like a date but none (2026-02-30): as given
        return value


def map_reasons(errors: Any, change: Callable[[str], str]) -> Any:
    """The field-level ``errors`` tree (``{location: {field: [reason]}}``, any depth; or one message)
    with ``change`` applied to every reason string; keys (field names, list indices) and non-string
    leaves stay as they are, tuples become lists (the JSON error shape)."""
    if isinstance(errors, str):
        return change(errors)
    if isinstance(errors, dict):
        return {key: map_reasons(value, change) for key, value in errors.items()}
    if isinstance(errors, list | tuple):
        return [map_reasons(value, change) for value in errors]
    return errors


def translate_errors(errors: object) -> object:
    """Every reason in a field-level ``errors`` tree (``{location: {field: [reason]}}``, any depth)
    translated with ``translate_text``; keys (field names, list indices) stay as they are."""
    return map_reasons(errors, translate_text)


def catalogue_files(directory: Path = CATALOGUES) -> Iterator[tuple[str, Path]]:
    """(language, path of its ``messages.po``) for every language in ``LANGUAGES``; raises
    ``FileNotFoundError`` naming a missing catalogue."""
    for lang in LANGUAGES:
        po = directory / lang / "LC_MESSAGES" / f"{DOMAIN}.po"
        if not po.is_file():
            raise FileNotFoundError(f"no message catalogue for {lang!r}: {po}")
        yield lang, po


def compile_catalogues(directory: Path = CATALOGUES, target: Path | None = None) -> Path:
    """Compile every ``.po`` under ``directory`` to ``.mo`` under ``target`` (default: a directory in
    the system's temp dir named by the catalogues' hash, reused by every process of this version).
    Returns the directory to give Flask-Babel. Fuzzy entries are left out, as ``pybabel compile``
    does."""
    sources = list(catalogue_files(directory))
    digest = hashlib.sha256(b"".join(po.read_bytes() for _, po in sources)).hexdigest()[:16]
    target = target or Path(tempfile.gettempdir()) / f"kohtaanto-i18n-{digest}"
    for lang, po in sources:
        mo = target / lang / "LC_MESSAGES" / f"{DOMAIN}.mo"
        if mo.is_file():
            continue
        mo.parent.mkdir(parents=True, exist_ok=True)
        with po.open("rb") as fh:
            catalog = read_po(fh, locale=lang)
        # one name per process: two workers compiling at once wrote (and renamed) one file, and the
        # second rename failed, so a fresh catalogue could stop a worker from booting
        partial = mo.with_suffix(f".{os.getpid()}.{threading.get_ident()}.tmp")
        with partial.open("wb") as fh:
            write_mo(fh, catalog, use_fuzzy=False)
        partial.replace(mo)  # atomic: parallel workers never read half a file
    return target


def format_day(value: date | None) -> str:
    """A date as the viewer's language writes it on every page: ``30.11.2026`` (fi, sv), ``30 Nov
    2026`` (en); ``""`` for None. (An outside tester found one page writing ``10/2/26`` in English.)"""
    if not value:
        return ""
    if current_language() == "en":
        return format_date(value, "d MMM y")
    return f"{value.day}.{value.month}.{value.year}"


def format_month(value: str | date | None) -> str:
    """A month (``"2026-12"`` or a date in it) as the viewer's language names it: ``joulukuu 2026``
    (fi), ``december 2026`` (sv), ``December 2026`` (en), by the CLDR data of Babel (BSD-3-Clause);
    ``""`` for None; a string that is no ``YYYY-MM`` month is returned as given. (Outside tester 10,
    L5: the pilot results page printed ISO months beside Finnish dates.)"""
    if not value:
        return ""
    if isinstance(value, date):
        return format_date(value, "LLLL y")
    try:
        year, month = (int(part) for part in value.split("-"))
        return format_date(date(year, month, 1), "LLLL y")
    except ValueError:
        return value


def format_week(value: str | None) -> str:
    """An ISO week (``"2026-W48"``, the meetings' key) as people write it in Finland and Sweden:
    ``48/2026``, the number first, in every language (the surrounding text says "viikko", "vecka"
    or "week"); ``""`` for None; a string that is no ISO week is returned as given. (Outside tester
    11, M4: the Finnish meeting page wrote ``2026-W48`` in its text, buttons and tables.)"""
    if not value:
        return ""
    year, sep, week = value.partition("-W")
    if not (sep and year.isdigit() and week.isdigit()):
        return value
    return f"{int(week)}/{year}"


def lang_url(lang: str) -> str:
    """The current page's URL with ``?lang=`` set to ``lang`` (other query parameters kept)."""
    args = request.args.to_dict(flat=False)
    args[LANG_PARAM] = [lang]
    return f"{request.path}?{urlencode(args, doseq=True)}"


def init_i18n(app: Flask) -> None:
    """Flask-Babel on ``app``: language selection, compiled catalogues, the ``?lang`` cookie, and
    ``lang``/``languages``/``lang_url`` in every template (``<html lang="{{ lang }}">``)."""
    app.config.setdefault("BABEL_DEFAULT_LOCALE", DEFAULT_LANGUAGE)
    Babel(
        app,
        locale_selector=select_language,
        default_translation_directories=str(compile_catalogues()),
        default_domain=DOMAIN,
    )

    app.add_template_filter(format_day, "day")
    app.add_template_filter(format_month, "month")
    app.add_template_filter(format_week, "week")

    @app.context_processor
    def languages() -> dict[str, Any]:
        return {
            "lang": current_language(),
            "languages": LANGUAGE_NAMES,
            "lang_url": lang_url,
        }

    @app.after_request
    def remember_language(response: Any) -> Any:
        chosen = supported(request.args.get(LANG_PARAM))
        api = request.path.startswith(API_PREFIX)  # a program's ?lang is for that answer only
        if chosen and not api and request.cookies.get(LANG_COOKIE) != chosen:
            response.set_cookie(
                LANG_COOKIE, chosen, max_age=365 * 86400, samesite="Lax", path="/", secure=request.is_secure
            )
        if response.mimetype == "text/html":
            response.vary.update(("Accept-Language", "Cookie"))
        return response
