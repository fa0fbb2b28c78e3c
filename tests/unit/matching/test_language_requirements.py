"""Language requirements read from job ads: the language and the CEFR level the words give
(outside tester N4: "Edellytämme sujuvaa suomen kielen taitoa" became only the ESCO skill "Finnish")."""

from __future__ import annotations

import pytest

from services.matching.index.domain.language_requirements import language_requirements


def read(text: str, lang: str, esco) -> list[tuple[str, str | None]]:
    return [(r.code, r.level) for r in language_requirements(text, esco, lang)]


@pytest.mark.parametrize(
    ("text", "lang", "expected"),
    [
        # the tester's three sentences
        ("Edellytämme sujuvaa suomen kielen taitoa.", "fi", [("fi", "B2")]),
        ("Du talar flytande svenska.", "sv", [("sv", "B2")]),
        ("Fluent Finnish required.", "en", [("fi", "B2")]),
        # levels said in words, in brackets, as CEFR codes, after the name
        (
            "Kielitaito: suomi (äidinkieli), ruotsi (hyvä), englanti B2.",
            "fi",
            [("fi", "native"), ("sv", "B2"), ("en", "B2")],
        ),
        ("Hallitset ruotsin kielen erinomaisesti sekä suullisesti että kirjallisesti.", "fi", [("sv", "C1")]),
        ("Hyvä suomen kielen taito B1-tasolla.", "fi", [("fi", "B1")]),
        ("Modersmål svenska, god finska.", "sv", [("sv", "native"), ("fi", "B2")]),
        ("Native or near-native English and good Finnish.", "en", [("en", "native"), ("fi", "B2")]),
        # one cue for coordinated names; none for a language named without one
        ("Vi förutsätter goda kunskaper i svenska och finska.", "sv", [("sv", "B2"), ("fi", "B2")]),
        ("Äidinkielesi on suomi ja osaat englantia.", "fi", [("fi", "native"), ("en", None)]),
        ("You speak English and have basic Swedish.", "en", [("en", None), ("sv", "A2")]),
        # a country, a company, an adjective: no language
        ("Suomen suurin konepaja hakee hitsaajaa.", "fi", []),
        ("Svenska företag söker svetsare.", "sv", []),
        ("We are a Finnish company.", "en", []),
    ],
)
def test_a_language_requirement_is_read_with_the_level_its_words_give(esco, text, lang, expected):
    assert read(text, lang, esco) == expected


def test_a_language_named_twice_keeps_its_highest_level(esco):
    text = "Puhut suomea. Edellytämme erinomaista suomen kielen taitoa."
    assert read(text, "fi", esco) == [("fi", "C1")]


@pytest.mark.parametrize(
    ("text", "lang", "expected"),
    [
        # outside tester 13, P5: "either" read as "both"
        # a choice is one requirement, of the language named first (tester 14, P5)
        ("Äidinkielesi on suomi tai ruotsi.", "fi", [("fi", "native", ("sv",))]),
        ("Du talar svenska eller finska flytande.", "sv", [("sv", "B2", ("fi",))]),
        ("Fluent Finnish, Swedish or English.", "en", [("fi", "B2", ("sv", "en"))]),
        ("Basic Finnish or English is enough.", "en", [("fi", "A2", ("en",))]),
        # each required
        (
            "Suomen, ruotsin ja englannin kielen taito.",
            "fi",
            [("fi", None, ()), ("sv", None, ()), ("en", None, ())],
        ),
        (
            "Äidinkieli suomi tai ruotsi, hyvä englannin kielen taito.",
            "fi",
            [("fi", "native", ("sv",)), ("en", "B2", ())],
        ),
    ],
)
def test_languages_offered_as_a_choice_are_alternatives_of_each_other(esco, text, lang, expected):
    assert [(r.code, r.level, r.alternatives) for r in language_requirements(text, esco, lang)] == expected


def test_a_language_required_alone_somewhere_is_no_longer_a_choice(esco):
    text = "Puhut suomea tai ruotsia. Edellytämme sujuvaa suomen kielen taitoa."
    found = {r.code: (r.level, r.alternatives) for r in language_requirements(text, esco, "fi")}
    assert found["fi"] == ("B2", ())
    assert "sv" not in found  # the choice is met by the Finnish required anyway


@pytest.mark.parametrize(
    ("text", "lang", "expected"),
    [
        # outside tester 14, P5: a plus is no hard requirement
        ("Fluent English required, Finnish is a plus.", "en", [("en", "B2", True), ("fi", None, False)]),
        (
            "Goda kunskaper i svenska krävs, finska är en fördel.",
            "sv",
            [("sv", "B2", True), ("fi", None, False)],
        ),
        ("Goda kunskaper i svenska, finska är en merit.", "sv", [("sv", "B2", True), ("fi", None, False)]),
        (
            "Työkieli on englanti, suomen kielen taito on plussaa.",
            "fi",
            [("en", None, True), ("fi", None, False)],
        ),
        (
            "Vaatimukset:\nB-ajokortti\nsuomen kieli\n\nEduksi katsotaan:\n- ruotsin kielen taito\n- hygieniapassi",
            "fi",
            [("fi", None, True), ("sv", None, False)],
        ),
        ("Meriterande: finska.", "sv", [("fi", None, False)]),
        (
            "We are an international team. You have fluent English; Finnish is an advantage.",
            "en",
            [("en", "B2", True), ("fi", None, False)],
        ),
        (
            "Fluent English and Finnish are required, Swedish is a plus.",
            "en",
            [("en", "B2", True), ("fi", "B2", True), ("sv", None, False)],
        ),
        # a plus and later a requirement: required
        (
            "Ruotsin kielen taito on eduksi. Edellytämme hyvää ruotsin kielen taitoa.",
            "fi",
            [("sv", "B2", True)],
        ),
    ],
)
def test_a_language_that_is_only_a_plus_is_not_required(esco, text, lang, expected):
    assert [(r.code, r.level, r.required) for r in language_requirements(text, esco, lang)] == expected


@pytest.mark.parametrize(
    ("text", "lang", "expected"),
    [
        # outside tester 14, P12: the level in the text
        ("Suomen kieli B1-tasolla, arabia äidinkieli.", "fi", [("fi", "B1"), ("ar", "native")]),
        ("Ruotsin kielen taito vähintään tyydyttävä.", "fi", [("sv", "B1")]),
        ("Klienten talar flytande svenska och lite finska.", "sv", [("sv", "B2"), ("fi", "A1")]),
        ("Engelska på B2-nivå.", "sv", [("en", "B2")]),
        # a licence class is no level
        ("Suomen kielen taito ja C1-ajokortti.", "fi", [("fi", None)]),
    ],
)
def test_a_level_written_in_the_text_is_read(esco, text, lang, expected):
    assert read(text, lang, esco) == expected


@pytest.mark.parametrize(
    ("text", "lang"),
    [
        # outside tester 14, P4: the country's adjective names no language
        ("Valid Finnish hygiene passport required.", "en"),
        ("You hold a valid Finnish security guard card.", "en"),
        ("A Finnish driving licence is required.", "en"),
        # session 15: an -ly noun is no adverb; Swedish writes the adjective in lower case too
        ("Finnish family company looking for a cleaner. Experience required.", "en"),
        ("Du har det finska hygienpasset, det krävs.", "sv"),
        ("Du betjänar svenska kunder, och körkort krävs.", "sv"),
        ("Goda kunskaper om finska företag krävs.", "sv"),
    ],
)
def test_an_adjective_of_a_country_is_no_language(esco, text, lang):
    assert read(text, lang, esco) == []


@pytest.mark.parametrize(
    ("text", "lang"),
    [
        # outside tester 15, P1: a language the ad says is not needed is no requirement
        ("Suomen kielen taitoa ei vaadita.", "fi"),
        ("Suomen kieltä ei tarvitse osata.", "fi"),
        ("Finnish language skills are not required.", "en"),
        ("Knowledge of Finnish is not necessary.", "en"),
        ("Finska krävs inte.", "sv"),
        ("Kunskaper i finska är inte nödvändiga.", "sv"),
        # the same kind, other words
        ("Suomen kielen taitoa ei edellytetä.", "fi"),
        ("Suomen kieli ei välttämätön.", "fi"),
        ("Et tarvitse suomen kielen taitoa.", "fi"),
        ("Voit työskennellä ilman suomen kielen taitoa.", "fi"),
        ("Svenska är inte nödvändigt.", "sv"),
        ("Inga kunskaper i finska krävs.", "sv"),
        ("Du behöver inte kunna finska.", "sv"),
        ("No Finnish needed.", "en"),
        ("You don't need to speak Finnish.", "en"),
        ("You can work here without Finnish.", "en"),
        ("Du klarar dig utan kunskaper i finska.", "sv"),
        ("Finnish, Swedish or English not required.", "en"),
        # a note saying someone lacks a language states no requirement either
        ("Asiakas ei puhu suomea.", "fi"),
        ("Hakea voivat myös ne, jotka eivät puhu suomea.", "fi"),
        ("Finnish is not a must.", "en"),
    ],
)
def test_a_language_the_text_says_is_not_needed_is_no_requirement(esco, text, lang):
    assert language_requirements(text, esco, lang) == []


@pytest.mark.parametrize(
    ("text", "lang", "expected"),
    [
        # outside tester 15, P1
        ("Työkieli on englanti, suomen kielen taito ei ole välttämätön.", "fi", [("en", None, True)]),
        ("Ruotsin kielen taito ei ole välttämätön mutta eduksi.", "fi", [("sv", None, False)]),
        ("Finnish is not required but is a plus.", "en", [("fi", None, False)]),
        ("Finska krävs inte men är en merit.", "sv", [("fi", None, False)]),
        ("Suomen kieltä ei vaadita, mutta englanti on eduksi.", "fi", [("en", None, False)]),
        ("Englannin kieli vaaditaan ja suomea ei vaadita.", "fi", [("en", None, True)]),
        # a negation elsewhere in the sentence leaves the language required
        ("No experience needed, fluent Finnish required.", "en", [("fi", "B2", True)]),
        ("Kokemusta ei vaadita, mutta sujuva suomen kieli on välttämätön.", "fi", [("fi", "B2", True)]),
        ("Jos et osaa suomea, edellytämme sujuvaa englantia.", "fi", [("en", "B2", True)]),
        ("Suomen kieli on eduksi, ei välttämätön.", "fi", [("fi", None, False)]),
        ("Finnish is an advantage but not required.", "en", [("fi", None, False)]),
        ("Finnish (optional).", "en", [("fi", None, False)]),
        ("Vi söker en person som talar finska.", "sv", [("fi", None, True)]),
        ("Du talar inte svenska utan finska.", "sv", [("fi", None, True)]),
        # a plus about a clause of condition
        ("Ei haittaa, jos puhut myös ruotsia.", "fi", [("sv", None, False)]),
        ("Plussaa, jos osaat ruotsia.", "fi", [("sv", None, False)]),
        ("Jos puhut ruotsia, se on eduksi.", "fi", [("sv", None, False)]),
        ("Det är en fördel, om du talar finska.", "sv", [("fi", None, False)]),
        # a plus said by negating a harm is a plus
        ("Ruotsin kielen taito ei ole pahitteeksi.", "fi", [("sv", None, False)]),
        (
            "Sujuva suomen kieli vaaditaan, ruotsin kielen taito ei ole pahitteeksi.",
            "fi",
            [("fi", "B2", True), ("sv", None, False)],
        ),
        ("Vi kräver inte kunskaper i svenska utan i finska.", "sv", [("fi", None, True)]),
        # a negated level says no level
        ("Non-native Finnish speakers are welcome.", "en", [("fi", None, True)]),
        # the gaps lang.md left (session 16): a verb of need names the language, a plus by litotes,
        # a capitalised partitive opening the sentence
        ("Vi kräver inte svenska utan finska.", "sv", [("fi", None, True)]),
        ("Vi behöver inte svenska utan finska.", "sv", [("fi", None, True)]),
        ("Swedish wouldn't hurt.", "en", [("sv", None, False)]),
        ("Swedish doesn’t hurt.", "en", [("sv", None, False)]),
        ("Svenska skadar inte.", "sv", [("sv", None, False)]),
        ("Englantia vaaditaan.", "fi", [("en", None, True)]),
        ("Ruotsia edellytetään, englanti on eduksi.", "fi", [("sv", None, True), ("en", None, False)]),
        ("Englanti eduksi.", "fi", [("en", None, False)]),
        ("Englantia käytetään päivittäin.", "fi", [("en", None, True)]),
        ("Swedish would be nice.", "en", [("sv", None, False)]),
        ("Det skadar inte om du kan svenska.", "sv", [("sv", None, False)]),
        ("No Finnish required, but Swedish would not hurt.", "en", [("sv", None, False)]),
        ("Finnish isn't required.", "en", []),
        ("Finska är inget krav, men svenska krävs.", "sv", [("sv", None, True)]),
        # a country stays a country
        ("Ruotsi vaatii hakijoilta paljon.", "fi", []),
        ("Asuin Saksassa ja Ruotsissa.", "fi", []),
    ],
)
def test_only_what_is_not_negated_is_required(esco, text, lang, expected):
    assert [(r.code, r.level, r.required) for r in language_requirements(text, esco, lang)] == expected


@pytest.mark.parametrize(
    ("text", "lang", "expected"),
    [
        (
            "Vaatimukset:\nB-ajokortti\nsujuva englannin kieli\n\nEmme edellytä:\n- suomen kielen taitoa\n"
            "- aiempaa kokemusta",
            "fi",
            [("en", "B2", True)],
        ),
        (
            "Requirements:\n- fluent English\n\nNot required:\n- Finnish\n- Swedish",
            "en",
            [("en", "B2", True)],
        ),
        ("Ei vaadita:\nsuomen kieltä\nEdellytämme:\nenglannin kieltä", "fi", [("en", None, True)]),
        ("Kokemusta ei vaadita, mutta edellytämme:\n- suomen kielen taitoa", "fi", [("fi", None, True)]),
    ],
)
def test_a_list_under_a_heading_saying_not_needed_is_no_requirement(esco, text, lang, expected):
    """Outside tester 15, P1, the same kind: the list under "Emme edellytä:" read as required."""
    assert [(r.code, r.level, r.required) for r in language_requirements(text, esco, lang)] == expected


@pytest.mark.parametrize(
    ("text", "lang", "expected"),
    [
        # outside tester 15, P8: a plus after a comma is its own entry, no alternative
        (
            "Svenska eller finska, engelska är en merit.",
            "sv",
            [("sv", ("fi",), True), ("en", (), False)],
        ),
        ("Puhut suomea tai ruotsia, englanti on plussaa.", "fi", [("fi", ("sv",), True), ("en", (), False)]),
        ("Finnish or Swedish, English is an advantage.", "en", [("fi", ("sv",), True), ("en", (), False)]),
        # a list that a joining word ends is still one choice; "and" ends the choice
        ("Fluent Finnish, Swedish or English.", "en", [("fi", ("sv", "en"), True)]),
        ("Puhut suomea ja ruotsia tai englantia.", "fi", [("fi", (), True), ("sv", ("en",), True)]),
    ],
)
def test_alternatives_are_only_the_languages_joined_by_or(esco, text, lang, expected):
    got = [(r.code, r.alternatives, r.required) for r in language_requirements(text, esco, lang)]
    assert got == expected


@pytest.mark.parametrize(
    ("text", "lang", "expected"),
    [
        # outside tester 15, P9: a level word belongs to the language it is written with
        (
            "Asiakas puhuu venäjää ja ukrainaa äidinkielenään sekä englantia sujuvasti.",
            "fi",
            [("ru", "native"), ("uk", "native"), ("en", "B2")],
        ),
        ("Englanti B2 ja ruotsi B1.", "fi", [("en", "B2"), ("sv", "B1")]),
        ("Puhut suomea ja englantia sujuvasti.", "fi", [("fi", "B2"), ("en", "B2")]),
        ("You speak English fluently and Finnish.", "en", [("en", "B2"), ("fi", None)]),
        ("Suomi (äidinkieli) ja ruotsi.", "fi", [("fi", "native"), ("sv", None)]),
        ("Kielitaito: suomi ja englanti (B2).", "fi", [("fi", None), ("en", "B2")]),
        ("Kielitaito: suomi ja englanti B2.", "fi", [("fi", "B2"), ("en", "B2")]),
        (
            "Du talar ryska och ukrainska som modersmål samt engelska flytande.",
            "sv",
            [("ru", "native"), ("uk", "native"), ("en", "B2")],
        ),
        ("Du talar svenska och finska flytande.", "sv", [("sv", "B2"), ("fi", "B2")]),
        # the Finnish state's scale (asetus 481/2003): tyydyttävä B1, hyvä B2, erinomainen C1
        ("Hyvä suomen kielen taito.", "fi", [("fi", "B2")]),
        ("Edellytämme tyydyttävää ruotsin kielen taitoa.", "fi", [("sv", "B1")]),
        ("Erinomainen suomen kielen taito.", "fi", [("fi", "C1")]),
        ("Nöjaktiga kunskaper i finska.", "sv", [("fi", "B1")]),
        ("Good Finnish skills.", "en", [("fi", "B2")]),
    ],
)
def test_a_level_belongs_to_the_language_it_is_written_with(esco, text, lang, expected):
    assert read(text, lang, esco) == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Du talar svenska och finska.", {"sv", "fi"}),
        ("Svenska språket är ett krav.", {"sv"}),
        ("Du kan svenska muntligt och skriftligt.", {"sv"}),
        ("Svenska kunder är viktiga, och goda kunskaper i finska krävs.", {"fi"}),
    ],
)
def test_a_swedish_language_name_used_as_the_language_is_read(esco, text, expected):
    assert {code for code, _ in read(text, "sv", esco)} == expected


@pytest.mark.parametrize(
    ("text", "lang", "expected"),
    [
        # outside tester 17, P4: a Swedish level word after the language was lost or given to the next
        ("Talar finska nöjaktigt.", "sv", [("fi", "B1")]),
        ("Kundens modersmål är svenska, talar finska nöjaktigt.", "sv", [("sv", "native"), ("fi", "B1")]),
        ("Hon talar finska nöjaktigt och engelska flytande.", "sv", [("fi", "B1"), ("en", "B2")]),
        ("Hon skriver svenska utmärkt.", "sv", [("sv", "C1")]),
        ("Han talar svenska bra och finska lite.", "sv", [("sv", "B2"), ("fi", "A1")]),
        (
            "Talar svenska flytande, finska nöjaktigt och engelska lite.",
            "sv",
            [("sv", "B2"), ("fi", "B1"), ("en", "A1")],
        ),
        ("Han skriver finska dåligt men talar svenska utmärkt.", "sv", [("fi", "A1"), ("sv", "C1")]),
        # the same kind in Finnish (P5: "hyvin", the adverb of "hyvä") and English
        ("Hän puhuu suomea hyvin ja ruotsia vähän.", "fi", [("fi", "B2"), ("sv", "A1")]),
        (
            "Puhun suomea hyvin, ruotsia tyydyttävästi ja englantia erinomaisesti.",
            "fi",
            [("fi", "B2"), ("sv", "B1"), ("en", "C1")],
        ),
        ("Hän osaa ruotsia auttavasti ja suomea äidinkielenään.", "fi", [("sv", "A2"), ("fi", "native")]),
        ("Osaa englantia hyvin vähän.", "fi", [("en", "A1")]),
        ("She speaks Finnish well and English fluently.", "en", [("fi", "B2"), ("en", "B2")]),
        (
            "Speaks Finnish fluently, Swedish satisfactorily and English well.",
            "en",
            [("fi", "B2"), ("sv", "B1"), ("en", "B2")],
        ),
        ("Writes Swedish poorly but speaks Finnish excellently.", "en", [("sv", "A1"), ("fi", "C1")]),
        ("He speaks Finnish as well.", "en", [("fi", None)]),
    ],
)
def test_a_level_word_after_the_language_is_that_languages(esco, text, lang, expected):
    assert read(text, lang, esco) == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # outside tester 17, P5: "perusteet" (basics) said no level, or no language at all
        ("Englannin perusteet ovat tarpeen.", [("en", "A2")]),
        ("Suomen kielen perusteet riittävät.", [("fi", "A2")]),
        ("Suomen kielen alkeet.", [("fi", "A1")]),
        ("Puhuu suomea heikosti.", [("fi", "A1")]),
        ("Puhuu suomea auttavasti.", [("fi", "A2")]),
    ],
)
def test_finnish_words_of_basics_and_weak_skills_give_their_level(esco, text, expected):
    assert read(text, "fi", esco) == expected


@pytest.mark.parametrize(
    ("text", "lang", "expected"),
    [
        # outside tester 17, P5: either level suffices, so the lower one is the requirement
        ("Puhut suomea äidinkielenäsi tai erinomaisesti.", "fi", [("fi", "C1")]),
        ("Suomen kielen taito äidinkielen tasoinen tai erinomainen.", "fi", [("fi", "C1")]),
        ("Hyvä tai erinomainen suomen kielen taito.", "fi", [("fi", "B2")]),
        ("Englannin kieli B2 tai C1.", "fi", [("en", "B2")]),
        ("Native or excellent Finnish.", "en", [("fi", "C1")]),
        ("Finnish at native or excellent level.", "en", [("fi", "C1")]),
        ("Finnish: native or excellent.", "en", [("fi", "C1")]),
        ("Svenska som modersmål eller utmärkt svenska.", "sv", [("sv", "C1")]),
        (
            "Kielitaito: suomi (hyvä tai erinomainen), ruotsi (tyydyttävä).",
            "fi",
            [("fi", "B2"), ("sv", "B1")],
        ),
    ],
)
def test_levels_offered_as_alternatives_require_the_lower(esco, text, lang, expected):
    assert read(text, lang, esco) == expected


@pytest.mark.parametrize(
    ("text", "lang"),
    [
        # outside tester 17, P9: a country's document is no language requirement
        ("Client has worked as a bus driver in Syria and has a Finnish D licence since 2024.", "en"),
        ("A Finnish B licence is needed.", "en"),
        ("Valid Finnish or EU driving licence required.", "en"),
        ("Finnish ID card and Swedish passport.", "en"),
        ("Finnish or Swedish citizenship.", "en"),
        ("Holds a Finnish degree in nursing.", "en"),
        ("Finnish Red Cross first aid certificate required.", "en"),
        ("Suomen kansalaisuus vaaditaan.", "fi"),
        ("Edellytämme Suomen tai EU:n ajokorttia.", "fi"),
        ("Suomen Punaisen Ristin EA1-kortti vaaditaan.", "fi"),
        ("Edellytämme Suomen EU-ajokorttia.", "fi"),
        ("Vaadimme Suomen tai muun EU-maan ajokortin.", "fi"),
        ("Suomen kansalaisuus tai oleskelulupa vaaditaan.", "fi"),
        ("A Finnish or Swedish C licence is required.", "en"),
        ("Finskt eller EU-körkort krävs.", "sv"),
        ("Har finska D-körkort sedan 2024.", "sv"),
    ],
)
def test_a_countrys_licence_permit_passport_or_degree_names_no_language(esco, text, lang):
    assert read(text, lang, esco) == []


@pytest.mark.parametrize(
    ("text", "lang", "expected"),
    [
        ("Finnish language certificate B1 required.", "en", [("fi", "B1")]),
        ("Finnish B2 certificate required.", "en", [("fi", "B2")]),
        ("Finnish and a driving licence required.", "en", [("fi", None)]),
        ("Has a Swedish passport and speaks Finnish.", "en", [("fi", None)]),
        ("Ruotsin passi ja suomen kielen taito.", "fi", [("fi", None)]),
        ("Suomen kieli ja B-ajokortti.", "fi", [("fi", None)]),
        ("Suomen kielen YKI-todistus vaaditaan.", "fi", [("fi", None)]),
        ("Finnish residence permit and Finnish B2 required.", "en", [("fi", "B2")]),
        ("Vi kräver finska och körkort B.", "sv", [("fi", None)]),
    ],
)
def test_a_language_beside_a_document_is_still_the_language(esco, text, lang, expected):
    assert read(text, lang, esco) == expected


def labels(recognizer, text: str, lang: str) -> list[str]:
    return [r.label("en") for r in recognizer.recognise(text, top_k=10, lang=lang)]


@pytest.mark.parametrize(
    ("text", "lang", "expected"),
    [
        # outside tester 17: the language skills recognition suggests for the same sentences, and
        # nothing read from the level words ("reflexion", "deliver outstanding service", maritime English)
        ("Talar finska nöjaktigt.", "sv", ["Finnish"]),
        ("Hon talar finska nöjaktigt och engelska flytande.", "sv", ["Finnish", "English"]),
        ("Englannin perusteet ovat tarpeen.", "fi", ["English"]),
        ("Hän puhuu suomea hyvin ja ruotsia vähän.", "fi", ["Finnish", "Swedish"]),
        ("Puhut suomea äidinkielenäsi tai erinomaisesti.", "fi", ["Finnish"]),
    ],
)
def test_recognition_suggests_the_language_and_nothing_from_its_level_words(
    esco_recognizer, text, lang, expected
):
    assert labels(esco_recognizer, text, lang) == expected


def test_a_countrys_licence_is_no_language_skill(esco_recognizer):
    found = labels(
        esco_recognizer,
        "Client has worked as a bus driver in Syria and has a Finnish D licence since 2024.",
        "en",
    )
    assert "Finnish" not in found and "manoeuvre bus" in found, found


@pytest.mark.parametrize(
    ("text", "lang", "expected"),
    [
        # the same kind as outside tester 17, P4/P5: each language with its own level word, before or
        # after it, and the common words of how well ("vahva", "starka", "strong": B2)
        ("Han talar flytande finska men svenska bara lite.", "sv", [("fi", "B2"), ("sv", "A1")]),
        ("Speaks Finnish and English very well.", "en", [("fi", "B2"), ("en", "B2")]),
        ("Englanti - hyvä, ruotsi - tyydyttävä.", "fi", [("en", "B2"), ("sv", "B1")]),
        ("English: fluent; Finnish: basic.", "en", [("en", "B2"), ("fi", "A2")]),
        ("Vahva suomen kielen taito.", "fi", [("fi", "B2")]),
        ("Starka kunskaper i finska.", "sv", [("fi", "B2")]),
        ("Strong Finnish skills.", "en", [("fi", "B2")]),
        ("Suomen kielen taito on kohtuullinen.", "fi", [("fi", "B1")]),
        ("Working knowledge of Finnish.", "en", [("fi", "B1")]),
        ("Conversational Finnish.", "en", [("fi", "B1")]),
    ],
)
def test_each_language_keeps_its_own_level_word_in_every_language(esco, text, lang, expected):
    assert read(text, lang, esco) == expected


@pytest.mark.parametrize(
    ("text", "lang", "expected"),
    [
        ("Han talar flytande finska men svenska bara lite.", "sv", ["Finnish", "Swedish"]),
        ("Speaks Finnish and English very well.", "en", ["Finnish", "English"]),
        ("Conversational Finnish.", "en", ["Finnish"]),
        ("Suomen kielen taito on kohtuullinen.", "fi", ["Finnish"]),
    ],
)
def test_the_level_words_suggest_no_skill_of_their_own(esco_recognizer, text, lang, expected):
    """ "bara lite" gave *handle bar equipment*, "conversational" *communication* 0.72."""
    assert labels(esco_recognizer, text, lang) == expected


@pytest.mark.parametrize(
    ("text", "lang", "expected"),
    [
        # "hyvin", "well", "bra" are adverbs of any verb: a level only right beside the name
        ("You speak Finnish and work well in a team.", "en", [("fi", None)]),
        ("Puhut suomea ja toimit hyvin tiimissä.", "fi", [("fi", None)]),
        ("Toimit hyvin tiimissä ja puhut suomea.", "fi", [("fi", None)]),
        ("Du talar finska och samarbetar bra med andra.", "sv", [("fi", None)]),
        ("Du samarbetar bra och talar finska.", "sv", [("fi", None)]),
        ("Hän puhuu hyvin suomea.", "fi", [("fi", "B2")]),
        ("Puhuu suomea todella hyvin.", "fi", [("fi", "B2")]),
        ("Speaks Finnish really well.", "en", [("fi", "B2")]),
    ],
)
def test_an_adverb_of_another_verb_is_no_level(esco, text, lang, expected):
    assert read(text, lang, esco) == expected


@pytest.mark.parametrize(
    ("text", "lang", "expected"),
    [
        # session 18: a capitalised country genitive before what is not about language is the
        # country ("Englannin markkinoiden tuntemus vaaditaan" gave English)
        ("Englannin markkinoiden tuntemus vaaditaan.", "fi", []),
        ("Ruotsin myyntiin tarvitaan kokenut myyjä.", "fi", []),
        ("Saksan markkinoille suuntautuva myynti edellyttää matkustamista.", "fi", []),
        ("Venäjän kaupan tuntemus on eduksi.", "fi", []),
        ("Suomen ja Venäjän kauppa vaatii osaamista.", "fi", []),
        ("Ruotsin toimistoon haetaan myyjää, ruotsin kieli vaaditaan.", "fi", [("sv", None)]),
        ("Kunskap om Finlands marknad krävs.", "sv", []),
        ("Erfarenhet av den svenska marknaden krävs.", "sv", []),
        ("Knowledge of the German market is required.", "en", []),
        ("Experience of the Finnish market and fluent Finnish required.", "en", [("fi", "B2")]),
        # … while a word of knowing, learning or using it, a level or a postposition keeps the language
        ("Englannin osaaminen vaaditaan.", "fi", [("en", None)]),
        ("Englannin tuntemus vaaditaan.", "fi", [("en", None)]),
        ("Ruotsin kieli on eduksi.", "fi", [("sv", None)]),
        ("Englannin sujuva taito vaaditaan.", "fi", [("en", "B2")]),
        ("Englannin B2-taso vaaditaan.", "fi", [("en", "B2")]),
        ("Englannin ja saksan taito vaaditaan.", "fi", [("en", None), ("de", None)]),
        ("Englannin lisäksi edellytämme ruotsia.", "fi", [("en", None), ("sv", None)]),
    ],
)
def test_a_countrys_market_trade_or_office_is_no_language(esco, text, lang, expected):
    assert read(text, lang, esco) == expected


@pytest.mark.parametrize(
    ("text", "lang", "expected"),
    [
        # fi-dev5-052: "Suomessa" (in Finland) was read as Finnish, and the level of "suomen kieli"
        # went to it; a capitalised local case is a place
        ("Hakee Suomessa terveydenhoitajan töitä; suomen kieli B1.", "fi", [("fi", "B1")]),
        (
            "Asiakas on ulkomailla koulutettu sairaanhoitaja, joka hakee Suomessa terveydenhoitajan "
            "töitä; suomen kieli on vielä B1-tasolla.",
            "fi",
            [("fi", "B1")],
        ),
        ("Tulit Virosta, puhut viroa sujuvasti.", "fi", [("et", "B2")]),
        ("Olet asunut Ruotsissa ja osaat englantia.", "fi", [("en", None)]),
        ("Työskentely Ruotsissa edellyttää joustavuutta.", "fi", []),
        ("Muutit Saksaan ja edellytämme matkustamista.", "fi", []),
        ("Suomessa vaaditaan suomen kieltä.", "fi", [("fi", None)]),
        ("Du har bott i Sverige och talar finska flytande.", "sv", [("fi", "B2")]),
        ("Arbete i Finland kräver goda kunskaper i svenska.", "sv", [("sv", "B2")]),
        ("You have lived in Finland and speak fluent English.", "en", [("en", "B2")]),
        # … and so is a country typed in lower case where someone lives, moved, was born or works
        ("Olen asunut suomessa 5 vuotta ja puhun englantia.", "fi", [("en", None)]),
        ("Asuu suomessa, puhuu venäjää.", "fi", [("ru", None)]),
        ("Muutti suomeen 2015, puhuu arabiaa ja englantia.", "fi", [("ar", None), ("en", None)]),
        ("Hän on syntynyt saksassa.", "fi", []),
        ("Tulee virosta töihin, osaa viroa sujuvasti.", "fi", [("et", "B2")]),
        ("Käännät tekstejä englannista suomeen.", "fi", [("en", None), ("fi", None)]),
        # a capitalised adessive opening the sentence, with a cue, is the language
        ("Englannilla pärjää.", "fi", [("en", None)]),
        ("Ruotsilla pärjää hyvin.", "fi", [("sv", "B2")]),
        ("Englannilla tulee toimeen.", "fi", [("en", None)]),
        ("Saksalla on suuret markkinat.", "fi", []),
        ("Saksalla on vahva talous, joten saksan kielen taito on eduksi.", "fi", [("de", None)]),
        ("Myynti Englannilla pärjää.", "fi", []),
    ],
)
def test_a_country_or_place_in_a_local_case_is_no_language(esco, text, lang, expected):
    assert read(text, lang, esco) == expected


@pytest.mark.parametrize(
    ("text", "lang", "expected"),
    [
        # a capitalised nominative opening a list of requirements
        ("Suomi ja ajokortti.", "fi", [("fi", None)]),
        ("Suomi, ruotsi ja trukkikortti.", "fi", [("fi", None), ("sv", None)]),
        ("Suomi ja Ruotsi tekevät yhteistyötä.", "fi", []),
        ("Suomi ja muut Pohjoismaat ovat tärkeitä.", "fi", []),
        # a comma list of a verb's objects shares the level after it
        ("Puhuu suomea, englantia hyvin.", "fi", [("fi", "B2"), ("en", "B2")]),
        ("Puhuu suomea, ruotsia, englantia sujuvasti.", "fi", [("fi", "B2"), ("sv", "B2"), ("en", "B2")]),
        ("Talar svenska, finska flytande.", "sv", [("sv", "B2"), ("fi", "B2")]),
        ("Speaks Finnish, English fluently.", "en", [("fi", "B2"), ("en", "B2")]),
        # … not a list with a CEFR code after one name, nor a clause of its own
        ("Suomi, englanti B2.", "fi", [("fi", None), ("en", "B2")]),
        ("Kielitaito: suomi, englanti eduksi.", "fi", [("fi", None), ("en", None)]),
    ],
)
def test_a_list_of_requirements_or_a_verbs_objects_names_the_languages(esco, text, lang, expected):
    assert read(text, lang, esco) == expected


@pytest.mark.parametrize(
    ("text", "lang", "expected"),
    [
        ("Englannin markkinoiden tuntemus vaaditaan.", "fi", False),
        ("Hakee Suomessa terveydenhoitajan töitä; suomen kieli B1.", "fi", True),
        ("Englannilla pärjää.", "fi", True),
        ("Suomi ja ajokortti.", "fi", True),
    ],
)
def test_recognition_names_the_language_only_where_the_requirement_does(
    esco_recognizer, text, lang, expected
):
    found = labels(esco_recognizer, text, lang)
    language = {"Englannin markkinoiden tuntemus vaaditaan.": "English", "Englannilla pärjää.": "English"}
    assert (language.get(text, "Finnish") in found) is expected, found


def read_required(text: str, lang: str, esco) -> list[tuple[str, str | None, bool]]:
    return [(r.code, r.level, r.required) for r in language_requirements(text, esco, lang)]


@pytest.mark.parametrize(
    ("text", "lang", "expected"),
    [
        # outside tester 18, P5: a Swedish list under a Finnish or English requirement heading
        ("Vaatimukset: svenska och finska.", "sv", [("sv", None, True), ("fi", None, True)]),
        ("Vaatimukset: svenska och finska.", "fi", [("sv", None, True), ("fi", None, True)]),
        ("Vaatimukset:\n- svenska och finska", "sv", [("sv", None, True), ("fi", None, True)]),
        ("Vaatimukset:\n- svenska", "sv", [("sv", None, True)]),
        ("Requirements: svenska", "en", [("sv", None, True)]),
        ("Vi förutsätter:\n- svenska", "sv", [("sv", None, True)]),
        ("Krav: svenska och finska.", "sv", [("sv", None, True), ("fi", None, True)]),
        # … and a list item that is nothing but language names, under any heading
        (
            "BUSSINKULJETTAJA / BUSSCHAUFFÖR / BUS DRIVER\n1) D-kortti\n3) Svenska och finska\n4) English is a plus",
            "fi",
            [("sv", None, True), ("fi", None, True), ("en", None, False)],
        ),
        # still the country's adjective, and nothing under a plus heading is required
        ("Vaatimukset:\n- svenska kunder", "sv", []),
        ("Meriterande:\n- svenska och finska", "sv", [("sv", None, False), ("fi", None, False)]),
        # P6: the plus of one language is not the other's
        (
            "Vi förutsätter:\n- god svenska, finska är en merit",
            "sv",
            [("sv", "B2", True), ("fi", None, False)],
        ),
        # P9: gladness to hire speakers of a language is a welcome, a plus at most
        ("We are also happy to hire English-speaking cooks!", "en", [("en", None, False)]),
        ("Haemme kokkia. We are also happy to hire English-speaking cooks!", "fi", [("en", None, False)]),
        ("Otamme mielellämme vastaan myös englanninkielisiä hakijoita.", "fi", [("en", None, False)]),
        ("Vi anställer gärna även engelskspråkiga kockar.", "sv", [("en", None, False)]),
    ],
)
def test_a_language_under_a_requirement_heading_is_required_and_a_welcome_is_not(esco, text, lang, expected):
    assert read_required(text, lang, esco) == expected


@pytest.mark.parametrize(
    ("text", "lang", "essential"),
    [
        # outside tester 18, P6: Swedish stayed optional because Finnish was a plus in its sentence
        ("Vi förutsätter:\n- god svenska, finska är en merit", "sv", {"Swedish": True, "Finnish": False}),
        # P9: a welcome is no requirement of the language skill either
        ("We are also happy to hire English-speaking cooks!", "en", {"English": False}),
    ],
)
def test_a_language_skill_is_essential_exactly_when_its_requirement_is(
    esco, esco_recognizer, text, lang, essential
):
    from services.matching.index.domain.recognition import offered_as_plus
    from services.matching.index.domain.skill_plus import said_as_plus

    found = esco_recognizer.recognise(text, top_k=10, lang=lang)
    plus = offered_as_plus(found, esco_recognizer, lang=lang, occupations=(), top_k=10)
    flags = {esco.skill_label(r.uri, "en"): not plus.get(r.uri, said_as_plus(r.source)) for r in found}
    assert {k: flags.get(k) for k in essential} == essential, flags


@pytest.mark.parametrize(
    ("text", "lang", "expected"),
    [
        # a CV's language line with the level after the name and no colon (outside tester 34, F4: the
        # developer's English was lost, and the employer's English B2 filtered them out)
        ("Languages: English fluent, Finnish native.", "en", [("en", "B2"), ("fi", "native")]),
        ("English fluent.", "en", [("en", "B2")]),
        ("Swedish native, English good.", "en", [("sv", "native"), ("en", "B2")]),
        ("Finnish excellent, Swedish basic.", "en", [("fi", "C1"), ("sv", "A2")]),
        ("Språk: svenska modersmål, finska nöjaktigt.", "sv", [("sv", "native"), ("fi", "B1")]),
        ("Svenska modersmål, finska nöjaktigt.", "sv", [("sv", "native"), ("fi", "B1")]),
        # the country's adjective before a noun stays no language
        ("Completed Finnish basic education in 2010.", "en", []),
        ("We follow Finnish good practice in care.", "en", []),
    ],
)
def test_a_cv_language_line_with_the_level_after_the_name_keeps_the_language(esco, text, lang, expected):
    assert read(text, lang, esco) == expected


@pytest.mark.parametrize(
    ("text", "lang", "expected"),
    [
        # outside tester 35b, G6: "useful" is a plus
        ("Ruotsin kielen taidosta on hyötyä.", "fi", [("sv", False)]),
        # "X is not enough" asks for something else, not for X
        ("Finnish is required; English is not enough.", "en", [("fi", True)]),
        ("Sujuva suomi vaaditaan, pelkkä englanti ei riitä.", "fi", [("fi", True)]),
        ("Svenska krävs, engelska räcker inte.", "sv", [("sv", True)]),
        # a double negative requires the language
        ("You cannot work here without fluent Finnish.", "en", [("fi", True)]),
        ("Ilman sujuvaa suomea et voi toimia tehtävässä.", "fi", [("fi", True)]),
        ("Et voi työskennellä ilman sujuvaa suomea.", "fi", [("fi", True)]),
        # a "without" with no "cannot" in its clause still waives
        ("You can apply without Finnish, but you cannot start before May.", "en", []),
    ],
)
def test_tester35b_useful_not_enough_and_a_double_negative(esco, text, lang, expected):
    assert [(r.code, r.required) for r in language_requirements(text, esco, lang)] == expected
