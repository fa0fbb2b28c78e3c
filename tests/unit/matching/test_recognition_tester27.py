"""Outside tester 27's recognition findings (issue 12), by kind, on the real ESCO taxonomy:

- T27-2: a well-known product named in the text ("Windows 11", "Microsoft 365", "Microsoft Teams")
  gives no skill that only looks like it (*assemble windows*, *set window*), whether or not ESCO
  names the product, and *Windows Phone* only where the text names it
  (`recognition.WELL_KNOWN_PRODUCTS`, `_PRODUCT_FAMILIES`);
- T27-15: a hiring line with a place and a workplace ("Haemme Turkuun kokkia lounasravintolaan",
  "Vi söker en lokalvårdare till Jakobstad för morgonskift") suggests no skill of the occupation it
  recruits for in `POST /skills/recognise` either (`recognition.beside_hiring_lines`);
- T27-7: a wish line after another sentence on the same line ("Hygienpass finns. Önskemål: …") and a
  wish said by its verb ("Toivoo …", "Prefers …") suggests nothing, so the work history keeps its
  places; "Hygienpass finns." is the card only (no *fine arts*).
"""

from __future__ import annotations

import pytest

from services.matching.index.domain.recognition import (
    CONFIDENT_SCORE,
    beside_hiring_lines,
    suggestable,
)
from services.matching.index.domain.recognition_text import without_not_needed_lists

WINDOW_LOOKALIKES = {
    "assemble windows",
    "set window",
    "install roof windows",
    "Windows Phone",
    "change window displays",
}


def labels(esco, found):
    return [esco.skill_label(r.uri) for r in found]


def recognise_as_the_api(recognizer, text, lang=None, top_k=10):
    """`POST /skills/recognise`'s reading (without the language list): hiring lines, then the lines."""
    found = recognizer.recognise(text, top_k=top_k + 5, lang=lang)
    kept = beside_hiring_lines(found, recognizer, text, lang=lang)
    if len(kept) < len(found):
        more = recognizer.recognise(text, top_k=top_k + 5 + len(found) - len(kept), lang=lang)
        kept = beside_hiring_lines(more, recognizer, text, lang=lang)
    return kept[:top_k]


@pytest.mark.parametrize(
    "text",
    [
        "Good knowledge of Windows 11 and Microsoft 365.",
        "Requirements:\n- Good knowledge of Windows 11 and Microsoft 365\n- Fluent English",
        "Hyvä Windows 11- ja Microsoft 365 -osaaminen.",
        "Kunskap om Windows och Office 365.",
    ],
)
def test_a_well_known_product_gives_no_lookalike(esco, esco_recognizer, text):
    shown = labels(esco, esco_recognizer.recognise(text, top_k=10))
    assert "use microsoft office" in shown, shown
    assert not WINDOW_LOOKALIKES & set(shown), shown


def test_windows_phone_where_the_text_names_it(esco, esco_recognizer):
    shown = labels(esco, esco_recognizer.recognise("Experience developing apps for Windows Phone.", top_k=10))
    assert "Windows Phone" in shown, shown


def test_windows_of_a_building_are_still_read(esco, esco_recognizer):
    """A sentence's first word "Windows" without a version is the building's (a cleaner's ad)."""
    shown = labels(esco, esco_recognizer.recognise("Windows and floors are cleaned weekly.", top_k=10))
    assert "clean building floors" in shown, shown


def test_microsoft_teams_is_no_team_work(esco, esco_recognizer):
    found = esco_recognizer.recognise("Experience with Microsoft Teams and Outlook.", top_k=10)
    assert not any(
        "team" in x.lower()
        for x in labels(esco, found)
        if x != "use communication and collaboration software"
    ), labels(esco, found)


@pytest.mark.parametrize(
    ("text", "unwanted", "expected"),
    [
        (
            "Haemme Turkuun kokkia lounasravintolaan. Työtehtäviin kuuluu lounaan valmistus noin 200 "
            "asiakkaalle, tilaukset ja omavalvonta. Edellytämme: kokin ammattitutkinto tai vastaava kokemus, "
            "hygieniapassi. Ruotsin kielen taito on eduksi.",
            {"cook seafood", "food science", "cook meat dishes", "cook vegetable products"},
            {"comply with food safety and hygiene", "use cooking techniques"},
        ),
        (
            "Vi söker en lokalvårdare till Jakobstad för morgonskift. Arbetet omfattar städning av kontor och "
            "trapphus samt fönstertvätt. Vi förutsätter: erfarenhet av städning, körkort B. Meriterande: "
            "yrkesexamen inom rengöring. Du behärskar svenska eller finska.",
            {"clean furniture", "clean equipment", "cleaning products", "clean rooms"},
            {"clean glass surfaces", "drive vehicles"},
        ),
        (
            "We are hiring a cook for our lunch restaurant in Turku. You prepare lunch for 200 guests. "
            "Requirements: hygiene passport.",
            {"cook seafood", "cook meat dishes"},
            {"comply with food safety and hygiene"},
        ),
    ],
)
def test_a_hiring_line_with_a_place_names_whom_not_what(esco, esco_recognizer, text, unwanted, expected):
    found = recognise_as_the_api(esco_recognizer, text)
    from_hiring_line = [r for r in found if r.source == text.split(". ")[0] + "."]
    assert not unwanted & set(labels(esco, from_hiring_line)), labels(esco, found)
    assert expected <= set(labels(esco, found)), labels(esco, found)


def test_the_hiring_line_keeps_what_its_other_words_say(esco, esco_recognizer):
    shown = labels(esco, recognise_as_the_api(esco_recognizer, "Haemme lähihoitajaa kotihoitoon."))
    assert "provide domestic care" in shown, shown


@pytest.mark.parametrize(
    ("text", "kept"),
    [
        ("Hygienpass finns. Önskemål: dagtid, gärna lunchrestaurang.", "Hygienpass finns."),
        (
            "Kunden har jobbat som kock i 6 år. Önskemål: dagtid, gärna lunchrestaurang. Talar svenska.",
            "Kunden har jobbat som kock i 6 år. Talar svenska.",
        ),
        ("Hygieniapassi on. Toiveet: päivätyö, lounasravintola.", "Hygieniapassi on."),
        ("Has a hygiene passport. Wishes: day shifts, a lunch restaurant.", "Has a hygiene passport."),
        ("Vi söker en kock. Krav: hygienpass.", "Vi söker en kock. Krav: hygienpass."),
    ],
)
def test_a_wish_list_after_another_sentence_goes(text, kept):
    assert without_not_needed_lists(text) == kept


SWEDISH_NOTE = (
    "Kunden har jobbat som kock på Hotel Arkipelag i 6 år och som kallskänka innan dess. Hygienpass finns. "
    "Talar svenska som modersmål och finska nöjaktigt. Önskemål: dagtid, gärna lunchrestaurang."
)


@pytest.mark.parametrize(
    ("text", "lang"),
    [
        ("Hygienpass finns. Önskemål: dagtid, gärna lunchrestaurang.", "sv"),
        (SWEDISH_NOTE, "sv"),
        (SWEDISH_NOTE, None),
        (
            "Asiakas on työskennellyt kokkina hotellissa 6 vuotta. Hygieniapassi on. Toiveet: päivätyö, "
            "mieluiten lounasravintola.",
            "fi",
        ),
        (
            "Asiakas on työskennellyt kokkina hotellissa 6 vuotta. Hygieniapassi on. Toivoo päivätyötä "
            "lounasravintolasta.",
            "fi",
        ),
        (
            "The client has worked as a cook in a hotel for 6 years. Has a hygiene passport. Prefers day "
            "shifts in a lunch restaurant.",
            "en",
        ),
        (
            "Kunden har jobbat som kock i 6 år. Hygienpass finns. Önskar dagtid, gärna på en lunchrestaurang.",
            "sv",
        ),
    ],
)
def test_wishes_are_never_skills_and_the_work_history_is_shown(esco, esco_recognizer, text, lang):
    found = esco_recognizer.recognise(text, top_k=10, lang=lang)
    wishes = ("Önskemål", "Toiveet", "Toivoo", "Prefers", "Önskar")
    assert not [r for r in found if r.source and r.source.startswith(wishes)], labels(esco, found)
    shown = set(labels(esco, suggestable(found)))
    assert "comply with food safety and hygiene" in shown, shown
    assert "fine arts" not in labels(esco, found)
    if "6" in text:  # the six years as a cook
        assert any(r.score >= CONFIDENT_SCORE and "cook" in esco.skill_label(r.uri) for r in found), shown


@pytest.mark.parametrize(
    "text",
    [
        "Experience with Jira Service Management and Active Directory.",
        "Kokemus Jira Service Managementista ja ServiceNow'sta.",
        "TOPdeskin ja Zendeskin käyttö.",
    ],
)
def test_a_service_desks_ticketing_system_is_its_skill_not_customer_service(esco, esco_recognizer, text):
    """ESCO names neither Jira nor ServiceNow: "Jira Service Management" gave *manage customer
    service*, *manage facilities services*, *manage restaurant service* and no ticketing system."""
    found = esco_recognizer.recognise(text, top_k=10)
    shown = labels(esco, suggestable(found))
    assert "use ICT ticketing system" in shown, shown
    assert not {"manage customer service", "manage facilities services", "manage restaurant service"} & set(
        shown
    ), shown
    assert "follow directions of on-site director" not in shown, shown


@pytest.mark.parametrize(
    "text",
    ["We use Jira Software for sprint planning.", "Daily standups, staying in touch using Slack or Jira."],
)
def test_a_developers_jira_is_no_ticketing_system(esco, esco_recognizer, text):
    shown = labels(esco, esco_recognizer.recognise(text, top_k=10))
    assert "use ICT ticketing system" not in shown, shown
