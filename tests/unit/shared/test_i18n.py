"""Languages as data: every UI message is in the fi/sv/en catalogues, and a request's language is
chosen by ``?lang``, the cookie, ``Accept-Language``, else Finnish."""

import re
from pathlib import Path

import pytest
from babel.messages.extract import extract_from_dir
from babel.messages.frontend import parse_mapping_cfg
from babel.messages.pofile import read_po
from flask import Flask, render_template_string

from services.matching.index.domain.taxonomy import LANGS
from shared.config import REPO_ROOT
from shared.i18n import (
    CATALOGUES,
    LANG_COOKIE,
    LANGUAGES,
    catalogue_files,
    compile_catalogues,
    format_week,
    init_i18n,
    supported,
)
from shared.languages import DEFAULT_LANGUAGE, UI_LANGUAGES

PLACEHOLDER = re.compile(r"%\(\w+\)[sd]|%[sd]")


def catalogue(lang: str):
    with (CATALOGUES / lang / "LC_MESSAGES" / "messages.po").open("rb") as fh:
        return read_po(fh, locale=lang)


def extracted() -> dict[str, object]:
    """Every message the code and templates ask for, as ``make translations`` extracts them."""
    with (REPO_ROOT / "babel.cfg").open() as fh:
        method_map, options_map = parse_mapping_cfg(fh)
    found: dict[str, object] = {}
    for _, _, message, _, _ in extract_from_dir(
        REPO_ROOT,
        method_map,
        options_map,
        keywords={"_": None, "gettext": None, "ngettext": (1, 2), "lazy_gettext": None, "N_": None},
    ):
        found[message[0] if isinstance(message, tuple) else message] = message
    return found


def test_the_supported_languages_are_one_list_finnish_first_and_the_taxonomy_knows_each():
    assert LANGUAGES == UI_LANGUAGES == ("fi", "sv", "en") and DEFAULT_LANGUAGE == "fi"
    assert set(UI_LANGUAGES) <= set(LANGS), "ESCO labels are looked up in every UI language"
    assert [lang for lang, _ in catalogue_files()] == list(UI_LANGUAGES)


def test_every_message_the_code_uses_is_in_every_catalogue():
    wanted = extracted()
    assert len(wanted) > 150, "the extraction found the templates and the Python messages"
    for lang in UI_LANGUAGES:
        have = {(m.id[0] if isinstance(m.id, tuple) else m.id) for m in catalogue(lang) if m.id}
        missing = sorted(set(wanted) - have)
        assert not missing, f"{lang}: run `make translations` and translate: {missing[:5]}"


def test_every_catalogue_message_is_still_extracted_so_make_translations_keeps_it():
    # `pybabel update --ignore-obsolete` drops a translated message the extraction no longer finds: a
    # refusal the API sends but nothing marks (e.g. shared.pii.HIDDEN_TEXT_REFUSAL, session 38) would
    # go back to English in fi and sv
    wanted = extracted()
    for lang in UI_LANGUAGES:
        have = {(m.id[0] if isinstance(m.id, tuple) else m.id) for m in catalogue(lang) if m.id}
        unmarked = sorted(have - set(wanted))
        assert not unmarked, f"{lang}: mark these for extraction (shared/api_messages.py): {unmarked[:5]}"


@pytest.mark.parametrize("lang", UI_LANGUAGES)
def test_every_catalogue_message_is_translated_and_keeps_its_placeholders(lang):
    messages = [m for m in catalogue(lang) if m.id]
    assert messages
    for m in messages:
        ids = m.id if isinstance(m.id, tuple) else (m.id,)
        strings = m.string if isinstance(m.string, tuple) else (m.string,)
        assert "fuzzy" not in m.flags, f"{lang}: fuzzy (unchecked) translation of {ids[0]!r}"
        assert all(s and s.strip() for s in strings), f"{lang}: no translation of {ids[0]!r}"
        want = sorted(set(PLACEHOLDER.findall(ids[-1])))
        for s in strings:
            assert sorted(set(PLACEHOLDER.findall(s))) == want, f"{lang}: placeholders of {ids[0]!r} in {s!r}"


def test_swedish_and_finnish_are_translations_not_copies_of_the_english():
    for lang in ("fi", "sv"):
        same = [m.id for m in catalogue(lang) if m.id and not isinstance(m.id, tuple) and m.string == m.id]
        # a few words are the same in both languages (e.g. "Status", "Organisation", "Region")
        assert len(same) <= 5, f"{lang}: {same}"


def test_the_catalogues_compile_to_a_directory_flask_babel_reads(tmp_path: Path):
    target = compile_catalogues(target=tmp_path)
    assert sorted(p.parent.parent.name for p in target.glob("*/LC_MESSAGES/messages.mo")) == sorted(
        UI_LANGUAGES
    )


@pytest.fixture(scope="module")
def app():
    app = Flask(__name__)
    init_i18n(app)

    @app.get("/")
    def page():
        return render_template_string(
            '<html lang="{{ lang }}">{{ _("Sign in") }}|'
            '{% for code in languages %}<a href="{{ lang_url(code) }}">{{ code }}</a>{% endfor %}</html>'
        )

    return app


@pytest.mark.parametrize(
    ("query", "cookie", "accept", "lang", "text"),
    [
        ("", None, None, "fi", "Kirjaudu sisään"),
        ("", None, "sv-FI,sv;q=0.9,en;q=0.5", "sv", "Logga in"),
        ("", None, "de-DE,en;q=0.7,fi;q=0.5", "en", "Sign in"),
        ("", None, "de-DE", "fi", "Kirjaudu sisään"),
        ("", "en", "sv", "en", "Sign in"),
        ("?lang=sv", "en", "fi", "sv", "Logga in"),
        ("?lang=xx", None, "en", "en", "Sign in"),
    ],
)
def test_the_language_comes_from_lang_then_the_cookie_then_accept_language_else_finnish(
    app, query, cookie, accept, lang, text
):
    client = app.test_client()
    if cookie:
        client.set_cookie(LANG_COOKIE, cookie)
    r = client.get(f"/{query}", headers={"Accept-Language": accept} if accept else {})
    page = r.get_data(as_text=True)
    assert f'<html lang="{lang}">' in page and text in page
    assert 'href="/?lang=sv"' in page and 'href="/?lang=en"' in page and 'href="/?lang=fi"' in page


def test_choosing_a_language_is_remembered_in_a_cookie():
    app = Flask(__name__)
    init_i18n(app)
    app.get("/")(lambda: render_template_string("{{ lang }}"))
    client = app.test_client()
    r = client.get("/?lang=en")
    assert f"{LANG_COOKIE}=en" in r.headers["Set-Cookie"] and "SameSite=Lax" in r.headers["Set-Cookie"]
    assert client.get("/", headers={"Accept-Language": "sv"}).get_data(as_text=True) == "en"


@pytest.mark.parametrize(
    ("given", "code"), [("SV", "sv"), ("sv-FI", "sv"), ("fi_FI", "fi"), ("de", None), ("", None)]
)
def test_a_language_tag_is_reduced_to_a_supported_code(given, code):
    assert supported(given) == code


@pytest.mark.parametrize("lang", ["fi", "sv"])
def test_an_untranslated_english_sentence_is_left_whole_not_half_translated(app, lang):
    """Outside tester 3, F11: "%(date)s at %(time)s" matched any sentence with " at " in it, so "asks
    for at least" became "asks for klo least" (fi) / "kl. least" (sv)."""
    from shared.i18n import translate_text

    text = "The plan asks for at least one more meeting."  # no catalogue message
    with app.test_request_context(f"/?lang={lang}"):
        assert translate_text(text) == text
        assert translate_text("The bearer token is not valid.") != "The bearer token is not valid."


def test_an_api_text_is_translated_with_its_values_and_a_value_that_is_a_message_too(app):
    from shared.i18n import translate_text

    nested = "Bad period '2026H3': a period is a half-year (half 1 or 2) or a month (1–12)."
    with app.test_request_context("/api/v1/x", headers={"Accept-Language": "sv"}):
        assert translate_text(nested) == (
            "Felaktig period '2026H3': en period är ett halvår (1 eller 2) eller en månad (1–12)."
        )
        assert translate_text("step s-1 is ended") == "steget s-1 är avslutat"  # the state word too
    with app.test_request_context("/api/v1/x"):  # the API's default: English, as the code wrote it
        assert translate_text(nested) == nested and translate_text("step s-1 is ended") == "step s-1 is ended"


MATCH_HEADING = "Match 0–100"
MATCH_TOOLTIP = (
    "100: of the vacancy's occupation (or of one that asks for every skill it asks for) and holding every "
    "essential skill; 50: of it, holding none; 0: of another occupation. Candidates shown with this match "
    "average about this. The same meaning for a few accepted skills, a named occupation or only a title. It "
    "follows the order of the list and never reads 100: it is an estimate, and a complete match (of the "
    "occupation, every essential skill held) reads about 92–97, so look for what a candidate lacks in the Lacks "
    "column, not in the gap to 100. Skills outside the vacancy lower it: a candidate holding every essential "
    "skill among many others can read about 60, so read it with the next column."
)
OTHER_FINNISH_WORDS_FOR_MATCH = ("osuvuu", "osuma", "vastaavuu", "yhteensopivuu")


@pytest.mark.parametrize("lang", UI_LANGUAGES)
def test_the_meeting_page_names_the_match_with_one_term_in_each_language(lang):
    """Tester 7's H15: the Finnish heading said "Sopivuus", its tooltip "osuvuudella" and "osuma"."""
    texts = {m.id: m.string for m in catalogue(lang) if m.id and not isinstance(m.id, tuple)}
    term = texts[MATCH_HEADING].split()[0].lower()
    tooltip = texts[MATCH_TOOLTIP].lower()
    assert term[:-1] in tooltip, f"{lang}: the tooltip does not use the heading's term {term!r}"
    if lang == "fi":
        every_text = " ".join(str(s) for s in texts.values()).lower()
        assert not [w for w in OTHER_FINNISH_WORDS_FOR_MATCH if w in every_text]


@pytest.mark.parametrize(
    ("value", "written"),
    [
        ("2026-W48", "48/2026"),
        ("2027-W01", "1/2027"),
        (None, ""),
        ("", ""),
        ("week 48", "week 48"),
        ("2026-Wxx", "2026-Wxx"),
    ],
)
def test_an_iso_week_is_written_number_first_as_people_do(value, written):
    assert format_week(value) == written


def test_map_reasons_changes_every_reason_at_any_depth_and_keeps_keys() -> None:
    from shared.http import without_personal_data
    from shared.i18n import map_reasons

    tree = {"json": {"skills": {0: ["bad uri"], "note": ("x", "y")}, "title": ["too long"]}, "code": 422}
    assert map_reasons(tree, str.upper) == {
        "json": {"skills": {0: ["BAD URI"], "note": ["X", "Y"]}, "title": ["TOO LONG"]},
        "code": 422,
    }
    assert map_reasons("one message", str.upper) == "ONE MESSAGE"
    masked = without_personal_data({"json": {"municipality": ["Unknown municipality '010190-123A'"]}})
    assert "010190-123A" not in repr(masked)
