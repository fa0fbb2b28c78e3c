"""Skill recognition on the real ESCO taxonomy with the service's recogniser (multilingual-e5,
Finnish lemmas, rules): every failure example of issue 12, asserting what a recruiter expects.
The recogniser is loaded once per test session (`esco_recognizer` in conftest.py)."""

import re
from dataclasses import replace

import numpy as np
import pytest

from services.matching.index.domain.recognition import CONFIDENT_SCORE, enrich_vacancy

from .conftest import vacancy

pytestmark = pytest.mark.usefixtures("esco_recognizer")


def labels(recognizer, text, top_k=5, **kwargs):
    return [r.label("en") for r in recognizer.recognise(text, top_k=top_k, **kwargs)]


def test_knowledge_of_sql_finds_sql_not_knowledge_skills(esco_recognizer):
    found = labels(esco_recognizer, "Knowledge of SQL.", top_k=3)
    assert "SQL" in found
    assert not {"product comprehension", "manage business knowledge", "mining engineering"} & set(found)


def test_proven_experience_in_welding_finds_welding(esco_recognizer):
    found = labels(esco_recognizer, "Proven experience in welding.", top_k=3)
    assert any("weld" in label for label in found), found
    assert "use experience map" not in found


def test_clean_efficient_code_is_about_programming_not_energy(esco_recognizer):
    found = labels(esco_recognizer, "Write clean, efficient code.")
    assert not {"gas consumption", "energy efficiency"} & set(found), found
    assert any(w in " ".join(found).lower() for w in ("program", "code", "software")), found


def test_short_tool_names_are_recognised(esco_recognizer):
    assert "C#" in labels(esco_recognizer, "Solid grasp of C# and .NET.", top_k=3)
    excel = labels(esco_recognizer, "Excel", top_k=10)
    assert excel[0] == "use spreadsheets software", excel
    assert "demand excellence from performers" not in excel[:3]
    assert "programmable logic controller" in labels(esco_recognizer, "PLC-ohjelmointi")


@pytest.mark.parametrize(
    ("text", "expected", "not_expected"),
    [
        (
            "Osaat ohjelmoida Pythonilla ja TypeScriptillä.",
            {"Python (computer programming)", "TypeScript"},
            set(),
        ),
        ("Vahva osaaminen Javasta ja PostgreSQL:stä.", {"Java (computer programming)", "PostgreSQL"}, set()),
        (
            "We built the front end from scratch in JavaScript.",
            {"JavaScript"},
            {"Scratch (computer programming)"},
        ),
    ],
)
def test_products_and_programming_languages_are_named_in_any_case_form(
    esco_recognizer, text, expected, not_expected
):
    found = set(labels(esco_recognizer, text))
    assert expected <= found, found
    assert not not_expected & found


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("C-ajokortti", "drive vehicles"),
        ("trukkikortti", "operate forklift"),
        ("trukinkuljettaja", "operate forklift"),
        ("Hygieniapassi", "comply with food safety and hygiene"),
        ("Tulityökortti", "follow safety precautions in work practices"),
        ("Työturvallisuuskortti", "follow health and safety procedures in construction"),
        ("hyvät vuorovaikutustaidot", "communication"),
    ],
)
def test_finnish_cards_compounds_and_short_forms(esco_recognizer, text, expected):
    found = labels(esco_recognizer, text, top_k=3)
    assert expected in found, (text, found)
    assert "manage well interaction" not in found


def test_a_degree_names_no_skill_and_is_not_a_driving_test(esco_recognizer):
    found = labels(esco_recognizer, "AMK-tutkinto", top_k=5)
    assert not any("driv" in label for label in found), found
    assert any("nurs" in label for label in labels(esco_recognizer, "Sairaanhoitaja (AMK)", top_k=5))


def test_a_one_sentence_finnish_requirement_list_yields_its_items(esco_recognizer):
    text = (
        "Edellytämme lähihoitajan tutkintoa, voimassa olevia lääkehoitolupia, B-ajokorttia, "
        "hygieniapassia ja hyviä vuorovaikutustaitoja sekä kokemusta muistisairaiden hoidosta."
    )
    found = labels(esco_recognizer, text, top_k=10)
    expected = {
        "administer prescribed medication",
        "drive vehicles",
        "comply with food safety and hygiene",
        "communication",
    }
    assert expected <= set(found), found
    assert any(w in " ".join(found) for w in ("elderly", "geriatric", "older adults", "dementia")), found


def test_a_clause_after_a_semicolon_does_not_win_alone(esco_recognizer):
    found = labels(esco_recognizer, "Fluent in Dutch and English; both spoken and written.", top_k=3)
    assert "English" in found and any("Dutch" in label for label in found), found
    assert not {"Latin", "Polish"} & set(found)


def test_a_swedish_welder_vacancy_is_recognised(esco_recognizer):
    text = (
        "Svetsare till verkstad i Vasa.\n"
        "Vi söker en erfaren svetsare till vår verkstad i Vasa. Du behärskar MIG/MAG-svetsning och "
        "kan läsa ritningar. Erfarenhet av TIG-svetsning är meriterande. Vi erbjuder ett "
        "omväxlande arbete och konkurrenskraftig lön."
    )
    found = labels(esco_recognizer, text, top_k=8)
    assert sum("weld" in label for label in found) >= 2, found
    assert esco_recognizer.language(text) == "sv"


def test_company_boilerplate_never_becomes_vacancy_skills(esco_recognizer):
    text = (
        "Haemme lähihoitajaa kotihoitoon. Työhön kuuluu lääkehoitoa ja asiakkaiden avustamista "
        "päivittäisissä toimissa.\n"
        "Olemme yhdenvertainen työnantaja ja käsittelemme hakemukset saapumisjärjestyksessä.\n"
        "Tarjoamme kattavan työterveyshuollon, lounasedun ja liikuntaedun."
    )
    enriched = enrich_vacancy(vacancy(), text, esco_recognizer)
    names = {esco_recognizer.labels_["en"][esco_recognizer.skill_index_[s.uri]] for s in enriched.skills}
    assert names, "the requirement sentences still give suggestions"
    assert not {"process applications", "occupational health care", "apply for employment"} & names, names


# -- outside tester 4 ------------------------------------------------------------------------------
DRIVING = {"drive vehicles", "operate forklift"}


@pytest.mark.parametrize(
    ("text", "absent"),
    [
        ("Asiakkaalla ei ole ajokorttia eikä trukkikorttia.", DRIVING),
        ("The client has no driving licence and no forklift licence.", DRIVING),
        ("Klienten har inget körkort.", {"drive vehicles"}),
        ("Suomen kieli sujuvaa, ei ajokorttia.", {"drive vehicles"}),
        (
            "Hygieniapassi puuttuu, tulityökortti vanhentunut.",
            {"comply with food safety and hygiene", "perform first fire intervention"},
        ),
        ("Kiinnostunut myös siivousalasta.", {"conduct cleaning tasks", "manage cleaning activities"}),
        # a licence or card lost, revoked, suspended or lapsed (outside tester 26, T26-9)
        ("Körkortet indraget i fjol.", {"drive vehicles"}),
        ("Körkortet återkallat.", {"drive vehicles"}),
        ("Driving licence suspended until March.", {"drive vehicles"}),
        ("Lost his driving licence last year.", {"drive vehicles"}),
        ("Ajokortti menetetty, saa takaisin 2027.", {"drive vehicles"}),
        ("Ajokortti hyllyllä.", {"drive vehicles"}),
        ("Hygieniapassi on ollut hyllyllä.", {"comply with food safety and hygiene"}),
        (
            "Tulityökortti umpeutunut, uusittava.",
            {"perform first fire intervention", "follow safety precautions in work practices"},
        ),
    ],
)
def test_what_a_note_says_someone_lacks_or_only_wishes_for_is_not_suggested(esco_recognizer, text, absent):
    """F4: a coach's "ei ajokorttia" suggested driving at the rules' full score (a coach accepting the
    top suggestions would record the opposite of the truth)."""
    found = set(labels(esco_recognizer, text, top_k=10))
    assert not absent & found, found


@pytest.mark.parametrize(
    "text",
    [
        "Haluaisi töihin vanhustenhoitoon.",  # outside tester 6, G7
        "Vill gärna jobba inom äldreomsorgen.",
        "Toiveena työ vanhustenhoidossa.",
        "Hon skulle vilja arbeta inom äldreomsorgen.",
        "Wants to work in elderly care.",
        # a training or job only considered (session 13)
        "Asiakas harkitsee vanhustyön koulutusta.",
        "Hon överväger en utbildning inom äldreomsorgen.",
        "Is considering a career in elderly care.",
    ],
)
def test_a_wish_in_the_conditional_is_not_suggested_as_a_skill(esco_recognizer, text):
    """G7: what a coach noted the jobseeker would like to do was suggested as skills above the
    confidence line ("hoitaa vanhusten sairauksia", "geriatrics")."""
    found = labels(esco_recognizer, text, top_k=10)
    assert not [f for f in found if "elder" in f or "older adult" in f or "geriatr" in f], found


def test_what_a_note_affirms_before_a_training_only_considered_is_found(esco_recognizer):
    found = labels(
        esco_recognizer, "Asiakas on ajanut taksia ja harkitsee linja-autonkuljettajan koulutusta."
    )
    assert "manoeuvre bus" not in found, found


def test_an_ads_own_wishes_are_still_requirements(esco_recognizer):
    """An ad's "toivomme sinulta", "vi vill gärna att du" state what the job asks for."""
    assert any(
        "weld" in f for f in labels(esco_recognizer, "Toivomme sinulta kokemusta MIG-hitsauksesta.", top_k=5)
    )
    found = labels(esco_recognizer, "Vi vill gärna att du har truckkort.", top_k=5)
    assert "operate forklift" in found, found


@pytest.mark.parametrize(
    "text",
    [
        # outside tester 12, N9: how ads say a requirement is not needed
        "Ajokorttia ei vaadita.",
        "Körkort krävs inte.",
        "Työ ei edellytä aiempaa kokemusta eikä ajokorttia.",
        "Aiempaa kokemusta ei tarvita, perehdytämme.",
        "Hygieniapassia ei edellytetä.",
        "Sinun ei tarvitse osata ruotsia.",
        "Ajokortti ei ole välttämätön.",
        "Körkort behövs inte.",
        "Körkort är inget krav.",
        "Vi kräver inte körkort.",
        "A driving licence is not required.",
        "No driving licence required.",
        "You don't need a forklift licence.",
        "Körkort behövs inte men är en merit.",
    ],
)
def test_a_requirement_the_ad_says_is_not_needed_gives_no_skill(esco_recognizer, text):
    """N9: "Ajokorttia ei vaadita." suggested "drive vehicles" at the rules' full score, first of the
    vacancy: every candidate without a licence would have been shown as lacking it."""
    assert labels(esco_recognizer, text, top_k=10) == []


def test_what_an_ad_requires_beside_what_it_does_not_is_still_found(esco_recognizer):
    text = (
        "Työ sisältää koulun siivousta ja jätehuoltoa. Ajokorttia ei vaadita. Aiempaa kokemusta ei tarvita."
    )
    found = labels(esco_recognizer, text, top_k=10)
    assert "waste management" in found and "drive vehicles" not in found, found
    assert not [f for f in found if "experience" in f], found
    found = labels(esco_recognizer, "Hygieniapassi vaaditaan, mutta ajokorttia ei tarvita.", top_k=5)
    assert "comply with food safety and hygiene" in found and "drive vehicles" not in found, found


@pytest.mark.parametrize(
    "text",
    [
        # outside tester 15, P1: a language the ad says is not needed, in every form
        "Suomen kielen taitoa ei vaadita.",
        "Suomen kieli ei välttämätön.",
        "Et tarvitse suomen kielen taitoa.",
        "Voit työskennellä ilman suomen kielen taitoa.",
        "Hakea voivat myös ne, jotka eivät puhu suomea.",
        "Inga kunskaper i finska krävs.",
        "Finska krävs inte.",
        "No Finnish needed.",
        "Finnish, Swedish or English not required.",
        "You can work here without Finnish.",
    ],
)
def test_a_language_the_ad_says_is_not_needed_gives_no_language_skill(esco_recognizer, text):
    found = labels(esco_recognizer, text, top_k=10)
    assert not {"Finnish", "Swedish", "English"} & set(found), found


@pytest.mark.parametrize(
    ("text", "skill"),
    [
        # a negation ends at its clause or at a contrast: what follows is still required
        ("No experience needed, fluent Finnish required.", "Finnish"),
        ("Du talar inte svenska utan finska.", "Finnish"),
    ],
)
def test_a_language_after_a_negated_clause_is_still_found(esco_recognizer, text, skill):
    found = labels(esco_recognizer, text, top_k=10)
    assert skill in found and "Swedish" not in found, found


@pytest.mark.parametrize(
    "text",
    [
        "Klienten kan svetsa och behöver inte handledning.",
        "Osaa hitsata ja ei tarvitse ohjausta.",
        "Can weld and does not need supervision.",
    ],
)
def test_what_a_note_affirms_before_and_does_not_need_is_still_found(esco_recognizer, text):
    """A coach's "kan svetsa och behöver inte handledning": the second predicate's "not needed" does
    not take back the first one's skill."""
    assert any("weld" in f for f in labels(esco_recognizer, text, top_k=5))


@pytest.mark.parametrize(
    ("text", "needed", "not_needed"),
    [
        # outside tester (session 13): the not-needed clause took the whole sentence with it
        (
            "Hygieniapassi vaaditaan ja ajokorttia ei vaadita.",
            "comply with food safety and hygiene",
            "drive vehicles",
        ),
        (
            "Ajokorttia ei vaadita ja hygieniapassi vaaditaan.",
            "comply with food safety and hygiene",
            "drive vehicles",
        ),
        ("Trukkikortti on eduksi ja ajokorttia ei tarvita.", "operate forklift", "drive vehicles"),
        ("Truckkort krävs och körkort behövs inte.", "operate forklift", "drive vehicles"),
        (
            "A forklift licence is required and a driving licence is not needed.",
            "operate forklift",
            "drive vehicles",
        ),
    ],
)
def test_what_an_ad_requires_in_a_clause_of_its_own_survives_a_not_needed_clause(
    esco_recognizer, text, needed, not_needed
):
    found = labels(esco_recognizer, text, top_k=5)
    assert needed in found and not_needed not in found, found


def test_vaaditaan_is_a_stock_phrase_not_a_skill(esco_recognizer):
    """ "X vaaditaan" (X is required) says X is needed, as "edellytämme" does: the verb itself
    ("vaatia", to demand) names no skill."""
    from services.matching.index.domain.recognition_text import strip_stock

    assert strip_stock("Hygieniapassi vaaditaan.", "fi") == "Hygieniapassi"
    assert strip_stock("Työssä tarvitaan B-ajokorttia.", "fi") == "B-ajokorttia"  # (a frame: fiframe32)
    found = labels(esco_recognizer, "Hygieniapassi vaaditaan.", top_k=3)
    assert found[0] == "comply with food safety and hygiene", found


def test_two_things_an_ad_does_not_need_are_both_dropped(esco_recognizer):
    for text in ("Ajokorttia ja trukkikorttia ei vaadita.", "Körkort och truckkort krävs inte."):
        assert labels(esco_recognizer, text, top_k=10) == [], text


def test_what_a_note_affirms_beside_a_negation_is_still_found(esco_recognizer):
    found = labels(esco_recognizer, "Ei ajokorttia, mutta trukkikortti on voimassa.", top_k=5)
    assert "operate forklift" in found and "drive vehicles" not in found, found
    found = labels(esco_recognizer, "Asiakkaalla on hygieniapassi ja anniskelupassi, ei ajokorttia.", top_k=5)
    assert "comply with food safety and hygiene" in found and "drive vehicles" not in found, found


@pytest.mark.parametrize(
    "text",
    [
        "Kaikki hakijat sukupuolesta, iästä, etnisestä taustasta, vammaisuudesta tai seksuaalisesta "
        "suuntautumisesta riippumatta ovat tervetulleita.",
        "Henkilökuntaruokailu ja ilmainen pysäköinti.",
        "Olemme kasvava yritys ja tarjoamme hyvät työsuhde-edut. Lue lisää kotisivuiltamme. Hae heti!",
        "Tervetuloa töihin meille!",
        "Free parking and staff meals. Read more on our website.",
        "Vi erbjuder friskvårdsbidrag och personalrabatt. Läs mer på vår hemsida.",
        # outside tester 12, N6 / N10: applying by a date, Swedish equal opportunity
        "Meillä on hyvä ilmapiiri ja mukava työyhteisö. Tarjoamme kilpailukykyisen palkan. Tule meille "
        "töihin! Hae 31.12.2026 mennessä.",
        "Hae 31.12.2026 mennessä.",
        "Sök tjänsten senast 20.12.2026.",
        "Vi välkomnar sökande oberoende av kön, ålder och bakgrund.",
        "Vi värdesätter mångfald.",
    ],
)
def test_equal_opportunity_benefit_and_website_sentences_give_no_skill(esco_recognizer, text):
    """F5/F6: such sentences gave "define the sex of animals", "parking regulations", "read books"."""
    assert labels(esco_recognizer, text, top_k=10) == []


def test_a_title_adds_no_guesses_when_the_employer_named_the_occupation(esco_recognizer):
    """F9: an occupation-only welder vacancy titled "Hitsaaja" got "weld underwater", "research welding
    techniques", … from its title, which weighed in the ranking beside the occupation's own skills."""
    welder = "http://data.europa.eu/esco/occupation/7aedaa07-3884-4c5b-88f9-80997b2aa54b"
    named = enrich_vacancy(replace(vacancy(occupation=welder), title="Hitsaaja"), "", esco_recognizer)
    assert named.skills == ()
    described = enrich_vacancy(
        replace(vacancy(occupation=welder), title="Hitsaaja"), "Edellytämme tulityökorttia.", esco_recognizer
    )
    names = {esco_recognizer.labels_["en"][esco_recognizer.skill_index_[s.uri]] for s in described.skills}
    assert "perform first fire intervention" in names and not any("underwater" in n for n in names), names
    unnamed = enrich_vacancy(replace(vacancy(), title="Hitsaaja"), "", esco_recognizer)
    assert unnamed.skills, "without an occupation the title is still read"


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Körkort B krävs.", ["drive vehicles"]),
        ("Ajokortti B.", ["drive vehicles"]),
        ("Driving licence B required.", ["drive vehicles"]),
        ("Truckkort krävs.", ["operate forklift"]),
    ],
)
def test_what_the_rules_leave_of_a_licence_sentence_is_not_matched_on_its_own(
    esco_recognizer, text, expected
):
    """F15: the class letter "B" and the word "krävs" gave "algebra", "R", "provide necessary documents"."""
    assert labels(esco_recognizer, text, top_k=5) == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Anniskelupassi on eduksi.", "apply regulations regarding the sale of alcoholic beverages"),
        ("Henkilönostinkortti on oltava voimassa.", "operate aerial work platforms"),
        ("Telinekortti ja tulityökortti ovat edellytys.", "build scaffolding"),
        ("JV-kortti katsotaan eduksi.", "ensure public safety and security"),
    ],
)
def test_more_finnish_cards_are_mapped_to_the_skills_they_certify(esco_recognizer, text, expected):
    assert expected in labels(esco_recognizer, text, top_k=3)


def test_a_card_list_leaves_nothing_to_match_wrongly(esco_recognizer):
    found = labels(esco_recognizer, "Tulityökortti ja trukkikortti ovat eduksi.")
    assert "operate forklift" in found
    assert not {"Java (computer programming)", "JavaScript"} & set(found), found


def test_finnish_action_nouns_are_read_as_their_verbs(esco_recognizer):
    lemma = esco_recognizer.tools.lemmatise
    assert lemma("tilaaminen", "fi") == "tilata"  # ESCO: "tilata tarvikkeita" (order supplies)
    assert lemma("johtamisesta", "fi") == "johtaa"
    assert lemma("pinoamista", "fi") == "pinota"


def test_text_pasted_with_soft_hyphens_or_zero_width_spaces_reads_as_typed(esco_recognizer):
    """F18: "hygienia\\u00adpassi" and "trukki\\u00adkortti" (Word, web pages, PDF) defeated the card rules."""
    pasted = labels(esco_recognizer, "Edellytämme hygienia\u00adpassia ja trukki\u200bkorttia.", top_k=2)
    assert pasted == labels(esco_recognizer, "Edellytämme hygieniapassia ja trukkikorttia.", top_k=2)
    assert {"comply with food safety and hygiene", "operate forklift"} <= set(pasted)


def test_a_huge_word_or_text_is_read_only_as_far_as_a_real_one_goes(esco_recognizer):
    """F19: recognition cost grew faster than a word's length (a 20 KB "word" ran for minutes, holding a
    service thread); now a word is read to its first MAX_WORD_CHARS and a text to its first
    MAX_SENTENCES sentences, so such input costs what a real sentence does."""
    from services.matching.index.domain.recognition_text import MAX_SENTENCES, MAX_WORD_CHARS, readable

    huge = "hitsaus" * 2800
    assert readable(huge) == huge[:MAX_WORD_CHARS]
    assert labels(esco_recognizer, huge) == labels(esco_recognizer, huge[:MAX_WORD_CHARS])
    assert readable("a" + "\u0301" * 15_000) == "á"
    scores, _ = esco_recognizer.sentence_scores(" ".join(["Hitsausta vaaditaan."] * 400), lang="fi")
    assert scores.shape[0] <= MAX_SENTENCES


@pytest.mark.parametrize(
    ("card", "expected"),
    [
        ("hygieniaosaamistodistus", {"comply with food safety and hygiene"}),
        ("kuumatyökortti", {"perform first fire intervention"}),
        ("tieturvakortti", {"follow health and safety procedures in construction"}),
        ("vartijakortti", {"ensure public safety and security"}),
        # bus and truck drivers both hold these: driving, not the vehicle (session 13, N5)
        ("YKV", {"drive vehicles"}),
        ("digipiirturikortti", {"drive vehicles"}),
        ("rikostaustaote", set()),
        ("Valttikortti", set()),
    ],
)
def test_more_cards_and_documents_of_finnish_ads(esco_recognizer, card, expected):
    """F23: these gave "deal cards", "credit card payments", "create digital images", "criminal law"."""
    found = set(labels(esco_recognizer, f"Edellytämme: {card}.", top_k=3, lang="fi"))
    assert expected <= found and (found if expected else not found), found


def test_list_headings_give_no_skill_of_their_own(esco_recognizer):
    """F26: "Requirements:" and "Nice to have:" gave "meet the requirements of legal bodies" and
    "identify customer requirements" beside the listed cards."""
    text = "Requirements:\n- forklift licence\n- hot work licence\nNice to have:\n- C driving licence"
    found = labels(esco_recognizer, text, top_k=10)
    assert "operate forklift" in found and not any("requirements" in label for label in found), found
    assert labels(esco_recognizer, "Vaatimukset:", top_k=5, lang="fi") == []


def test_finnish_task_nouns_match_the_verbs_of_escos_labels(esco_recognizer):
    """ESCO's Finnish labels are verb phrases ("valaa betonia", "hoitaa haavaa"); ads name the task
    ("betonivalu", "haavanhoito", "myyntityö"): a task noun, also inside a compound, adds its verb."""
    verbs = esco_recognizer.tools.verbs
    assert verbs["siivous"] == "siivota" and verbs["hoito"] == "hoitaa" and verbs["valu"] == "valaa"
    assert "hitsaaja" not in verbs  # job titles are lexicalised: no verb
    lexical = esco_recognizer._lexical_text("haavanhoitoa ja myyntityötä", "fi").split()
    assert {"hoito", "hoitaa", "myydä"} <= set(lexical)
    assert "pour concrete" in labels(esco_recognizer, "Betonivalut ja muottityöt.")


@pytest.mark.parametrize(
    "text",
    [
        "Tarjoamme:\n- kilpailukykyisen palkan ja työsuhdepyörän\n- liikunta- ja kulttuurisetelit, ePassi\n"
        "- työterveyshuollon, joka kattaa myös yleislääkäritason sairaanhoidon",
        "We offer:\n- flexible hours and remote work\n- lunch benefit and a MacBook\n- occupational health care",
        "Vi erbjuder:\n- konkurrenskraftig lön\n- friskvårdsbidrag och flexibla arbetstider",
        "About us: Hervanta Tech is a fast-growing SaaS scale-up in Tampere with 80 people from 20 countries.",
        "Pirkan Kiinteistöpalvelu Oy on perheyritys. Arvojamme ovat asiakaslähtöisyys, vastuullisuus ja "
        "yhdessä tekeminen.",
    ],
)
def test_a_benefits_list_and_the_company_blurb_give_no_skill(esco_recognizer, text):
    """Outside tester 5, F1/F2: the benefits as a bullet list under "Tarjoamme:" / "We offer:" gave
    "varmistaa hintojen kilpailukyky", "kulttuuriprojektit", "advise healthcare users on occupational
    health"; "About us: … SaaS scale-up" gave SaaS at 1.0; a family firm's values gave
    "varmistaa asiakaslähtöisyys"."""
    assert labels(esco_recognizer, text, top_k=10) == []


def test_the_requirements_after_a_benefits_list_are_read(esco_recognizer):
    """The section about benefits ends at the next heading; a requirement inside it is still read."""
    text = (
        "Tarjoamme:\n- kilpailukykyisen palkan\n- työterveyshuollon\nEdellytämme:\n- trukkikorttia\n"
        "- B-ajokorttia"
    )
    found = labels(esco_recognizer, text, top_k=10, lang="fi")
    assert "operate forklift" in found and "drive vehicles" in found, found
    assert not any("health" in label for label in found), found
    within = labels(esco_recognizer, "We offer:\n- training\n- forklift licence required", top_k=10)
    assert "operate forklift" in within, within


def test_a_title_adds_no_guesses_when_the_employer_chose_skills(esco_recognizer):
    """Outside tester 5, F6: a vacancy with MIG/MAG welding and forklift chosen, titled
    "Tehdastyöntekijä" (factory worker), got "evaluate employees", "coach employees", … from its title."""
    mag = "http://data.europa.eu/esco/skill/2ee57de4-bffd-4194-b009-0060edec77cc"
    chosen = replace(vacancy((mag,)), title="Tehdastyöntekijä")
    assert enrich_vacancy(chosen, "", esco_recognizer).skills == chosen.skills


def test_the_lexical_stage_on_the_real_index_is_exactly_the_reference_computation(esco_recognizer):
    from .test_recognition import _reference_lexical

    texts = [
        "Knowledge of SQL and PostgreSQL.",
        "Edellytämme lähihoitajan tutkintoa, hygieniapassia ja hyviä vuorovaikutustaitoja.",
        "trukinkuljettaja",
        "Erfarenhet av svetsning krävs.",
    ]
    lexical = [esco_recognizer._lexical_text(t, "fi") for t in texts]
    assert np.array_equal(esco_recognizer._lexical(lexical), _reference_lexical(esco_recognizer, lexical))


def test_pronoun_and_copula_lemmas_are_not_added_to_finnish_text(esco_recognizer):
    """simplemma lemmatises "sinulle" and also "työ" to "sinä", and "ovat" to "olla" (which ESCO's
    "olla yhteydessä" shares): such lemmas match nothing the text says."""
    lexical = esco_recognizer._lexical_text("Siivoustyö on sinulle tuttua.", "fi").split()
    assert not {"sinä", "olla"} & set(lexical), lexical
    assert "siivota" in lexical


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Puhuu sujuvaa arabiaa.", {"Arabic"}),
        ("Osaa arabiaa ja persiaa.", {"Arabic", "Persian"}),
        ("Hän puhuu arabiaksi ja venäjäksi.", {"Arabic", "Russian"}),
        ("Arabian kielen taito on eduksi.", {"Arabic"}),
        ("Kielitaito: somali (äidinkieli), suomi B1, englanti B2.", {"Finnish", "English"}),
        ("Kääntää tekstejä englannista suomeen.", {"English", "Finnish"}),
        ("Puhun Kreikkaa ja Turkkia.", {"Greek", "Turkish"}),
    ],
)
def test_finnish_language_names_are_read_in_their_case_forms(esco_recognizer, text, expected):
    """Outside tester 5, F11: "Puhuu sujuvaa arabiaa" and "Osaa arabiaa ja persiaa" gave "puhua eri
    kieliä", "Teradata Database" …, not Arabic (ESCO's Finnish label "arabia"), while "venäjää"
    and "englantia" were read: every ESCO language named in Finnish, in its case forms."""
    found = set(labels(esco_recognizer, text, top_k=5, lang="fi"))
    assert expected <= found, found


@pytest.mark.parametrize(
    ("text", "absent"),
    [
        ("Työskentelin kolme vuotta Saksassa varastotyössä.", "German"),
        ("Palvelemme asiakkaitamme koko Suomessa.", "Finnish"),
        ("Myymme turkkeja ja nahkatakkeja.", "Turkish"),
    ],
)
def test_a_country_or_a_common_word_is_not_a_language(esco_recognizer, text, absent):
    """Finnish writes countries with a capital ("Saksassa": in Germany); "turkki" is also a fur."""
    assert absent not in labels(esco_recognizer, text, top_k=10, lang="fi")


def test_third_infinitive_forms_are_read_as_their_verbs(esco_recognizer):
    """Outside tester 5, F16: "Pääset hitsaamaan teräsrakenteita" (you get to weld) gave
    "purkaa rakenteita" and no welding; "lukemaan" was read as the noun "lukema" (a meter reading)."""
    lemma = esco_recognizer.tools.lemmatise
    assert lemma("lukemaan", "fi") == "lukea"
    assert {lemma(w, "fi") for w in ("hitsaamaan", "hitsaamassa", "hitsaamasta", "hitsaamalla")} == {
        "hitsata"
    }
    assert lemma("myymään", "fi") == "myydä" and lemma("pesemään", "fi") == "pestä"
    welding = labels(esco_recognizer, "Pääset hitsaamaan teräsrakenteita.", top_k=3)
    assert any("weld" in label for label in welding), welding
    found = labels(
        esco_recognizer, "Meillä pääset:\n- hitsaamaan teräsrakenteita\n- lukemaan konepiirustuksia"
    )
    assert any("weld" in label for label in found) and "read standard blueprints" in found, found
    found = labels(esco_recognizer, "Pääset siivoamaan toimistoja ja kokkaamaan lounasta.", top_k=6)
    assert any("clean" in label for label in found), found


def test_swedish_everyday_verbs_are_not_read_as_product_names(esco_recognizer):
    """Outside tester 5, F12: "Talar svenska och finska" (speaks) gave Taleo, an HR software;
    "självständigt" gave "assist with self-medication"; "treskift" (three-shift work) no shift work;
    "lagar mat" (cooks) no cooking skill (beside "specialdieter" in the tester's sentence the diet
    skills still rank first: docs/benchmarks.md)."""
    note = (
        "Klienten har arbetat som lastbilschaufför i 10 år och har C-körkort och truckkort. "
        "Har inget hygienpass. Talar svenska och finska."
    )
    found = labels(esco_recognizer, note, top_k=10)
    assert "Taleo" not in found and {"Swedish", "Finnish", "operate forklift"} <= set(found), found
    found = labels(
        esco_recognizer,
        "Arbetet sker i treskift. Du ska ha hygienpass och kunna arbeta självständigt.",
        top_k=5,
    )
    assert "work in shifts" in found and "work independently" in found, found
    assert "assist with self-medication" not in found
    found = labels(esco_recognizer, "Du lagar mat från grunden.", top_k=3)
    assert "use cooking techniques" in found, found


@pytest.mark.parametrize(
    ("text", "expected", "absent"),
    [
        ("Experience with Docker and Linux", {"operating systems"}, {"Kali Linux"}),
        ("Experience with Kotlin and Git.", set(), {"Kali Linux", "LINQ", "Apache Tomcat"}),
        (
            "Experience with React, TypeScript and Kotlin is a plus. Knowledge of Git and agile methods (Scrum).",
            {"TypeScript"},
            {"CoffeeScript", "Kali Linux", "LINQ"},
        ),
        (
            "Penetration testing with Kali Linux and Apache Tomcat hardening.",
            {"Kali Linux", "Apache Tomcat"},
            set(),
        ),
    ],
)
def test_a_product_is_suggested_only_where_the_text_names_it(esco_recognizer, text, expected, absent):
    """Outside tester 5, F3/F12: ESCO v1.1.1 has no Linux, Docker, Kotlin or Git skill, and "Linux"
    gave Kali Linux (a penetration-testing distribution) at 0.66, "Kotlin and Git" Kali Linux,
    LINQ and Apache Tomcat: a product skill counts only where its name is written; Linux is an
    operating system."""
    found = set(labels(esco_recognizer, text, top_k=6))
    assert expected <= found and not absent & found, found


def test_finnish_verb_forms_are_embedded_as_escos_infinitives(esco_recognizer):
    """ESCO's Finnish labels are first infinitives with an object ("hitsata veden alla", "lukea
    tavanomaisia piirustuksia"); ads write "Hitsaat", "Pääset lukemaan": the model reads the
    infinitive. Other languages are embedded as written."""
    assert esco_recognizer._dense_text("Hitsaat teräsrakenteita", "fi") == "hitsata teräsrakenteita"
    assert esco_recognizer._dense_text("lukemaan konepiirustuksia", "fi") == "lukea konepiirustuksia"
    assert esco_recognizer._dense_text("Talar svenska", "sv") == "Talar svenska"


def test_a_vacancy_is_ranked_only_with_suggestions_past_the_confidence_line(esco_recognizer):
    """Outside tester 5, F18: "Hitsaaja" alone (no occupation, no skill chosen) gave ten suggestions
    however weak (histology 0.26, history 0.24), and rejecting them brought in the next ten
    (histopathology, TypeScript, AJAX … at 0.22-0.24), all of them ranked with."""
    v = replace(vacancy(), title="Hitsaaja")
    # the title names the welder: its suggestions are the welder's essential skills (tester 15, P10)
    welder = esco_recognizer.occupations_named("Hitsaaja")
    essential = {u for o in welder for u in esco_recognizer.occupation_taxonomy_.occupation_skills(o)[0]}
    # and so does the title alone as a text (tester 17, P11: "Lähihoitaja, Kuopio" gave guesses only)
    scores = {r.uri: r.score for r in esco_recognizer.recognise("Hitsaaja", top_k=40)}
    assert scores and set(scores) <= essential and min(scores.values()) >= CONFIDENT_SCORE, scores
    first = enrich_vacancy(v, "", esco_recognizer)
    assert first.skills and all(s.suggested for s in first.skills)
    assert all(s.uri in essential for s in first.skills), first.skills
    rejected = {s.uri for s in first.skills}
    again = enrich_vacancy(v, "", esco_recognizer, exclude=rejected)
    assert again.skills == (), again.skills  # rejecting them brings in nothing weaker
    # a title naming no occupation is read as text, and only its confident skills are suggested
    unread = replace(vacancy(), title="Hitsausjutut")
    scores = {r.uri: r.score for r in esco_recognizer.recognise("Hitsausjutut", top_k=40)}
    assert all(scores[s.uri] >= CONFIDENT_SCORE for s in enrich_vacancy(unread, "", esco_recognizer).skills)


# -- outside tester 7 ------------------------------------------------------------------------------
def test_a_generic_title_and_an_atmosphere_sentence_give_no_suggestion(esco_recognizer):
    """H7: "Työntekijä" (employee) + "Tule meille töihin! Tehtävät sovitaan tarkemmin
    haastattelussa. Meillä on hyvä ilmapiiri." gave evaluate/coach/train employees and monitor
    organisation climate as confident suggestions and no warning: the text names no task, so the
    vacancy gets no suggestion (and the API its no-confident-skill warning)."""
    text = "Tule meille töihin! Tehtävät sovitaan tarkemmin haastattelussa. Meillä on hyvä ilmapiiri."
    assert esco_recognizer.recognise(text) == []
    for title in ("Työntekijä", "Kesätyöntekijä", "Employee", "Anställd"):
        enriched = enrich_vacancy(replace(vacancy(), title=title), text, esco_recognizer)
        assert enriched.skills == (), (title, enriched.skills)


def test_a_generic_head_in_a_title_leaves_the_work_it_names(esco_recognizer):
    enriched = enrich_vacancy(replace(vacancy(), title="Varastotyöntekijä"), "", esco_recognizer)
    names = {esco_recognizer.labels_["en"][esco_recognizer.skill_index_[s.uri]] for s in enriched.skills}
    assert any("warehouse" in n for n in names), names
    assert not any("employee" in n for n in names), names


def test_application_handling_sentences_give_no_suggestion(esco_recognizer):
    """H4: an English welder ad got "prepare for job interview" (0.436) from its application lines."""
    text = (
        "We are looking for a welder for our workshop. The work includes MIG and MAG welding and "
        "assembly of steel structures. A forklift licence is an advantage. Interviews are held as "
        "applications arrive. Selected candidates will be invited to an interview."
    )
    enriched = enrich_vacancy(replace(vacancy(), title="Welder"), text, esco_recognizer)
    names = {esco_recognizer.labels_["en"][esco_recognizer.skill_index_[s.uri]] for s in enriched.skills}
    assert {
        "operate forklift",
        "perform metal active gas welding",
        "perform metal inert gas welding",
    } <= names
    assert not any("interview" in n for n in names), names


def _suggested(recognizer, title, text):
    enriched = enrich_vacancy(replace(vacancy(), title=title), text, recognizer)
    return {recognizer.labels_["en"][recognizer.skill_index_[s.uri]] for s in enriched.skills}


WELDING = {"perform metal active gas welding", "perform metal inert gas welding", "operate forklift"}


@pytest.mark.parametrize(
    ("title", "text", "expected", "absent"),
    [
        (
            "Welder",
            "We are looking for a welder for our workshop. The work includes MIG and MAG welding and "
            "assembly of steel structures. A forklift licence is an advantage.",
            WELDING | {"welding techniques"},
            {"weld mining machinery", "prepare for job interview"},
        ),
        (
            "Hitsaaja",
            "Haemme konepajaamme hitsaajaa. Työ sisältää MIG- ja MAG-hitsausta sekä teräsrakenteiden "
            "kokoonpanoa. Trukkikortti on eduksi.",
            WELDING | {"welding techniques"},
            {"coordinate assembling room in footwear manufacturing", "weld mining machinery"},
        ),
        (
            "Svetsare",
            "Vi söker en svetsare till vår verkstad i Vasa. Arbetet omfattar MIG- och MAG-svetsning "
            "samt montering av stålkonstruktioner. Truckkort är meriterande.",
            WELDING,
            {"monitor construction site", "construction methods"},
        ),
        (
            "Nurse",
            "We are looking for a nurse for our internal medicine ward. The work includes patient care, "
            "medication and documentation. A nursing degree is required.",
            # (the degree names the nurse, no skill of its words: *nursing science* was its look-alike
            # reading; degree35c, data/recognition/degrees.csv)
            {"safe management of medicines"},
            {"nurse plants", "nurse trees"},
        ),
    ],
)
def test_a_vacancys_suggestions_keep_to_its_occupation(esco_recognizer, title, text, expected, absent):
    """Outside tester 7, H4: the same welder ad in three languages got "coordinate assembling room in
    footwear manufacturing" (0.406), "monitor construction site", "weld mining machinery", and an
    English nurse ad "nurse plants" and "nurse trees", as confident suggestions. What the vacancy is
    about (its title's occupation, or the occupations its rule-named skills share) weighs the
    skills of other occupations down."""
    found = _suggested(esco_recognizer, title, text)
    assert expected <= found, found
    assert not absent & found, found


def test_titles_name_occupations_by_their_label_or_their_head(esco_recognizer):
    named = esco_recognizer.occupations_named
    assert named("Hitsaaja") and named("Welder") and named("Sairaanhoitaja")
    assert named("Nurse"), "one word ending several nurses' titles"
    assert named("Manager") == (), "the head of hundreds of titles says nothing"
    assert named("") == ()


@pytest.mark.parametrize(
    ("text", "expected", "absent"),
    [
        (
            "Experience with Docker and Kubernetes.",
            "manage ICT virtualisation environments",
            "dock operations",
        ),
        ("Kokemus Dockerista on eduksi.", "manage ICT virtualisation environments", "dock operations"),
        ("Pääset kokkaamaan lounasravintolassa.", "use cooking techniques", "feed livestock"),
        ("Du lagar mat från grunden och tillagar specialdieter.", "use cooking techniques", None),
        # a waiter "takes orders" (tar emot beställningar), not a buyer's "order supplies" (sv-dev)
        (
            "Servitören tar emot beställningar från gästerna.",
            "take food and beverage orders from customers",
            None,
        ),
    ],
)
def test_container_platforms_and_everyday_cooking_words_name_their_skill(
    esco_recognizer, text, expected, absent
):
    """Left from the last wave (outside testers' inputs): "Docker" gave "dock operations" (ESCO has no Docker skill; its
    "manage ICT virtualisation environments" has the alternative label "manage containerization");
    the colloquial "kokkaamaan" (to cook) gave no cooking skill; a Swedish cook's "lagar mat"
    ranked below the diets of the same sentence."""
    found = labels(esco_recognizer, text, top_k=5)
    assert found[0] == expected, found
    assert absent not in found


def test_finnish_text_names_the_occupation_it_is_about(esco_recognizer):
    """An ad's "Haemme kokkia", a CV's "Olen työskennellyt lähihoitajana": the occupation the text
    is about weighs the skills of other occupations down (`occupations_in`)."""
    occupations = esco_recognizer.occupations_in
    assert occupations("Haemme kokkia lounasravintolaan.", "fi")
    assert occupations("Olen työskennellyt lähihoitajana palvelutalossa.", "fi")
    assert occupations("Haemme sähköasentajaa kiinteistöjen huoltotöihin.", "fi")
    assert occupations("Write a device driver in C.", "en") == ()


def test_a_vacancys_title_is_read_once_for_ranking_and_for_its_suggestions(esco, esco_recognizer):
    """Tester 8's J4: the Swedish "Städare" ad was suggested "clean stalls" (animal pens) beside
    office cleaning. The title names the building cleaner in Swedish (the job-title glossary); the
    recogniser weighs skills of other occupations less when it knows what the vacancy is about,
    so it takes the ranking's reading of the title (`MatchingEngine.title_occupations`)."""
    from services.matching.index.domain.engine import MatchingEngine
    from services.matching.index.reference import load_title_reader

    engine = MatchingEngine(esco, {"905": (63.1, 21.6)}, titles=load_title_reader(esco, None))
    title = "Städare"
    text = "Vi söker en städare till kontorsstädning i Vasa. Du städar kontor och trapphus och sköter avfallshantering."
    occupations = engine.title_occupations(title)
    assert [esco.occupation_label(o, "en") for o in occupations] == ["building cleaner"]
    ad = replace(vacancy(), title=title, occupation_uri=None, skills=())
    suggested = enrich_vacancy(ad, text, esco_recognizer, lang="sv", title_occupations=occupations)
    labels = [esco.skill_label(s.uri, "en") for s in suggested.skills]
    assert "clean stalls" not in labels, labels
    # the text's skills, then the building cleaner's central ones (tester 15, P10: not the title's look-alikes)
    assert "cleaning techniques" in labels and "clean building floors" in labels, labels


@pytest.mark.parametrize(
    ("text", "expected", "absent"),
    [
        # an outside tester (J4): Finland-Swedish care and early-education words lost their skills
        (
            "I arbetet ingår grundvård, läkemedelsbehandling och uppföljning av klienternas hälsa samt "
            "dokumentation.",
            {"administer prescribed medication", "provide basic support to patients"},
            set(),
        ),
        (
            "Vi förutsätter examen som närvårdare och körkort (B).",
            {"drive vehicles", "provide basic support to patients"},
            {"provide professional care in nursing", "analyse quality of nurse care"},
        ),
        ("Lärare inom småbarnspedagogik", {"teach kindergarten class content"}, {"advise on music pedagogy"}),
        (
            "Arbetet omfattar formsättning, armering och gjutning.",
            {"reinforce concrete", "pour concrete"},
            set(),
        ),
        # J2: a construction ad's tasks are read as the site's work, not as a designer's
        (
            "Tehtävät: muottityöt, raudoitus, betonointi ja yleiset työmaatehtävät.",
            {"types of concrete forms", "reinforce concrete", "pour concrete"},
            {"draft building plans", "design buildings"},
        ),
        # the job-word glossary: task nouns of Finnish ads across occupations
        (
            "Tehtäviin kuuluu lääkehoito ja haavanhoito asiakkaiden kotona.",
            {"administer prescribed medication", "carry out wound care"},
            set(),
        ),
        ("Vastaat kirjanpidosta ja palkanlaskennasta.", {"manage payroll"}, set()),
        (
            "Työhösi kuuluu ylläpitosiivous, lattianhoito ja ikkunanpesu.",
            {"operate floor cleaning equipment", "clean glass surfaces"},
            set(),
        ),
    ],
)
def test_job_words_of_finnish_and_swedish_ads_name_their_skills(esco_recognizer, text, expected, absent):
    found = labels(esco_recognizer, text)
    assert expected <= set(found), found
    assert not absent & set(found), found


def test_a_construction_ads_tasks_rank_above_a_designers_skills(esco_recognizer):
    """An outside tester (J2): the cards and the degree of a construction-worker ad gave "draft
    building plans", "design buildings" and no formwork, rebar or concrete skill."""
    text = (
        "Haemme rakennusmiehiä kerrostalotyömaalle Tampereelle. Tehtävät: muottityöt, raudoitus, "
        "betonointi ja yleiset työmaatehtävät. Edellytämme työturvallisuuskorttia, tulityökorttia ja "
        "valttikorttia. Talonrakennusalan perustutkinto katsotaan eduksi."
    )
    found = labels(esco_recognizer, text, top_k=8)
    assert {"reinforce concrete", "pour concrete", "types of concrete forms"} <= set(found), found
    assert not {"draft building plans", "design buildings"} & set(found), found


# -- outside tester 8 (J3, J13): what a vacancy's enrichment suggests ------------------------------
@pytest.fixture(scope="module")
def title_engine(esco):
    """The ranking's reading of job titles (`MatchingEngine.title_occupations`), as the service
    passes it to `enrich_vacancy`."""
    from services.matching.index.domain.engine import MatchingEngine
    from services.matching.index.reference import load_title_reader

    return MatchingEngine(esco, {"837": (61.5, 23.8)}, titles=load_title_reader(esco, None))


def _vacancy_suggestions(esco, recognizer, engine, title, text, lang=None):
    ad = replace(vacancy(), title=title, occupation_uri=None, skills=())
    enriched = enrich_vacancy(
        ad, text, recognizer, lang=lang, title_occupations=engine.title_occupations(title)
    )
    return [esco.skill_label(s.uri, "en") for s in enriched.skills]


CLEANER_AD = (
    "Haemme Tampereelle siivoojaa toimisto- ja porraskäytävien ylläpitosiivoukseen. Työ on "
    "aamupainotteista, arkisin klo 6-14.\nTehtäviisi kuuluu:\n- toimistotilojen ylläpitosiivous\n"
    "- lattioiden koneellinen pesu ja vahaus\n- jätehuolto ja kierrätys\nEdellytämme puhtausalan "
    "ammattitutkintoa tai kokemusta siivoustyöstä. Puhtaanapidon perustiedot ja siivouskemikaalien "
    "turvallinen käyttö ovat hallussa. Ajokortti on eduksi. Tarjoamme työsuhdepolkupyörän ja hyvän "
    "työyhteisön."
)
BUS_AD = (
    "Etsimme linja-autonkuljettajia Tampereen seudun joukkoliikenteeseen, vakituiseen kokoaikaiseen "
    "työsuhteeseen. Edellytämme D-luokan ajokorttia, voimassa olevaa ammattipätevyyttä ja "
    "kuljettajakorttia. Hoidat lipunmyynnin ja asiakaspalvelun, ajat aikataulun mukaisia vuoroja ja "
    "teet ajoneuvon päivittäiset tarkastukset. Vuorotyö sisältää ilta- ja viikonloppuvuoroja. "
    "Hakemukset 15.12. mennessä."
)


def test_a_cleaners_ad_suggests_cleaning_not_supervising_cleaners(esco, esco_recognizer, title_engine):
    """J3: the Siivooja ad's ten sentences and list items each kept their own best skill whatever
    its score, in the order of the text, until the places ran out: "cleaning techniques" (0.58,
    what the ad is most about) was left out, "supervise the work of cleaning staff" (read from the
    title's "Siivooja") kept."""
    found = _vacancy_suggestions(
        esco, esco_recognizer, title_engine, "Siivooja, toimitilasiivous", CLEANER_AD
    )
    assert "cleaning techniques" in found, found
    assert not {"supervise the work of cleaning staff", "manage cleaning activities"} & set(found), found


def test_a_bus_drivers_ad_suggests_driving_the_bus_not_a_dispatchers_work(
    esco, esco_recognizer, title_engine
):
    """J3/J13: the Linja-autonkuljettaja ad lost "manoeuvre bus" and kept "recruit bus drivers" and
    "monitor drivers" (the title and "Etsimme linja-autonkuljettajia" read as skill phrases);
    the English twin kept "schedule and dispatch drivers"."""
    found = _vacancy_suggestions(esco, esco_recognizer, title_engine, "Linja-autonkuljettaja", BUS_AD)
    assert "manoeuvre bus" in found, found
    assert not {"recruit bus drivers", "monitor drivers", "schedule shifts"} & set(found), found
    english = (
        "We are hiring bus drivers for public transport in the Tampere region. You need a category D "
        "driving licence, a valid professional competence (CPC) and a driver card. You drive scheduled "
        "routes, sell tickets and check the vehicle daily. Shift work."
    )
    found = _vacancy_suggestions(esco, esco_recognizer, title_engine, "Bus driver (D licence)", english)
    assert "manoeuvre bus" in found, found
    assert not {"recruit bus drivers", "schedule and dispatch drivers"} & set(found), found


def test_supervising_the_occupations_workers_counts_when_the_ad_asks_for_it(esco, esco_recognizer):
    """The other side of J3: an ad that says the job leads cleaners keeps the supervising skill."""
    cleaner = next(
        esco.occupation_uris[i]
        for i, x in enumerate(esco.tables.occupation_labels["en"])
        if x == "domestic cleaner"
    )
    text = (
        "Johdat ja ohjaat siivoojien työtä kohteissamme. Vastaat siivoojien työvuoroista ja perehdytyksestä."
    )
    asked = labels(esco_recognizer, text, top_k=10, occupations=(cleaner,))
    assert "supervise the work of cleaning staff" in asked, asked
    unasked = labels(esco_recognizer, "Siivooja. Siivoat toimistoja.", top_k=10, occupations=(cleaner,))
    assert "supervise the work of cleaning staff" not in unasked, unasked


def test_a_swedish_cleaners_ad_keeps_its_suggestions(esco, esco_recognizer, title_engine):
    """A late attempt of session 9 (not reading the title's occupation noun) left the Städare ad
    with no suggestion at all."""
    text = (
        "Vasa Verkstad Ab söker en städare för städning av kontor och personalutrymmen. Arbetstiden är "
        "vardagar kl. 6–14. Du sköter daglig städning, golvvård och avfallshantering. Yrkesexamen inom "
        "rengöringsbranschen är en merit."
    )
    found = _vacancy_suggestions(esco, esco_recognizer, title_engine, "Städare", text)
    assert "cleaning techniques" in found, found
    assert "supervise the work of cleaning staff" not in found, found


def test_a_place_name_is_not_read_as_a_method(esco_recognizer):
    """J13: "daghem i Smedsby" (Smedsby, a village in Korsholm) gave SMED, a lean-manufacturing
    method: an acronym takes a Finnish case ending after a colon only ("SQL:ää", "SMED:iä")."""
    found = labels(
        esco_recognizer,
        "Korsholms kommun söker en lärare inom småbarnspedagogik till ett daghem i Smedsby.",
        top_k=10,
    )
    assert "SMED" not in found, found
    assert "SMED" in labels(esco_recognizer, "Erfarenhet av SMED och 5S.", top_k=10)
    assert "SQL" in labels(esco_recognizer, "Osaat SQL:ää ja Pythonia.", top_k=10)


def test_an_early_years_teachers_ad_plans_pedagogy_not_plain_planning(esco, esco_recognizer, title_engine):
    """J13: "Suunnittelet ja toteutat pedagogista toimintaa" suggested the bare "plan"."""
    text = (
        "Tampereen kaupungin varhaiskasvatus hakee varhaiskasvatuksen opettajaa 3–5-vuotiaiden ryhmään. "
        "Suunnittelet ja toteutat pedagogista toimintaa tiimissä, laadit lapsen varhaiskasvatussuunnitelmat "
        "ja teet yhteistyötä huoltajien kanssa."
    )
    found = _vacancy_suggestions(esco, esco_recognizer, title_engine, "Varhaiskasvatuksen opettaja", text)
    assert "plan" not in found, found
    assert "pedagogy" in found, found


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # cards and certificates of Finnish ads (tester 8's J13: "kuljettajakortti", "S2 pätevyys")
        ("Edellytämme C-ajokorttia, ammattipätevyyttä ja kuljettajakorttia.", {"manoeuvre heavy trucks"}),
        ("Sinulla on S2-pätevyys.", {"comply with electrical safety regulations"}),
        ("Hätäensiapukurssi on eduksi.", {"provide first aid"}),
        # everyday words of ads: office software, shift work, Swedish care tasks
        ("Hallitset taulukkolaskennan ja tekstinkäsittelyn.", {"use spreadsheets software"}),
        ("Työ on kolmivuorotyötä.", {"work in shifts"}),
        ("Du ansvarar för kanylering och journalföring.", {"perform venous cannulation"}),
    ],
)
def test_cards_and_everyday_job_words_name_their_skills(esco_recognizer, text, expected):
    found = labels(esco_recognizer, text, top_k=3)
    assert expected <= set(found), found


# -- a job title or a qualification alone names an occupation, not a task (session 11) ------------
def test_a_swedish_job_title_alone_is_read_as_its_occupation(esco, esco_recognizer):
    """ "Städare" alone in POST /skills/recognise gave "clean stalls" (a stable hand's skill) 3rd to
    6th: a single title word read as a skill of a neighbouring occupation. The Swedish title names
    the building cleaner (the job-title glossary), whose skills count in full."""
    occupations = esco_recognizer.occupations_in("Städare", "sv")
    assert [esco.occupation_label(o, "en") for o in occupations] == ["building cleaner"]
    found = labels(esco_recognizer, "Städare", top_k=8)
    assert "clean stalls" not in found, found
    # (a title alone suggests its occupation's most central skills, as a vacancy's title: tester 17, P11)
    essential = {u for o in occupations for u in esco.occupation_skills(o)[0]}
    assert found and {r.uri for r in esco_recognizer.recognise("Städare", top_k=8)} <= essential, found
    assert "clean surfaces" in found, found
    assert esco_recognizer.occupations_in("Vi söker två städare till sjukhuset.", "sv") == occupations


@pytest.mark.parametrize(
    ("text", "occupation", "expected", "absent"),
    [
        (
            "Kasvatus- ja ohjausalan perustutkinto",
            "child care worker",
            {"supervise children"},
            {"grow plants", "manage livestock", "breed rabbits"},
        ),
        (
            "Puhtausalan ammattitutkinto",
            "building cleaner",
            {"clean rooms", "cleaning techniques"},  # (the profile's, confident)
            {"value properties", "provide information on properties", "test oxygen purity"},
        ),
        (
            "Puhtaus- ja kiinteistöpalvelualan ammattitutkinto",
            "building cleaner",
            {"clean rooms", "cleaning techniques"},  # (the profile's, confident)
            {"value properties", "provide information on properties", "sell services"},
        ),
        (
            "Logistiikan perustutkinto",
            "warehouse worker",
            {"store warehouse goods"},
            {"logic", "linguistics"},
        ),
        ("Talonrakennusalan perustutkinto", "house builder", {"carpentry"}, set()),
    ],
)
def test_a_vocational_qualification_names_the_occupation_it_trains_for(
    esco, esco_recognizer, text, occupation, expected, absent
):
    """ "Talonrakennusalan perustutkinto" gave "plan construction of houses" first, "Kasvatus- ja
    ohjausalan perustutkinto" (early-childhood education) "grow plants": a qualification's field
    read word by word as a task. A qualification names the occupation it trains for
    (`data/recognition/qualifications.csv`), and is read as that occupation's title."""
    occupations = esco_recognizer.occupations_in(text, "fi")
    assert occupation in {esco.occupation_label(o, "en") for o in occupations}
    found = labels(esco_recognizer, text, top_k=5)
    assert expected <= set(found), found
    assert not absent & set(found), found
    assert found[0] != "plan construction of houses", found


def test_a_qualification_in_a_sentence_keeps_the_rest_of_the_sentence(esco_recognizer):
    """Only the qualification's name is read as its occupation: the experience beside it still
    counts, and a Swedish qualification names its occupation too."""
    found = labels(
        esco_recognizer,
        "Asiakas on suorittanut kone- ja tuotantotekniikan perustutkinnon ja hänellä on kokemusta levytöistä.",
    )
    assert "repair metal sheets" in found, found
    assert esco_recognizer.occupations_in("Grundexamen inom social- och hälsovårdsbranschen", "sv")
    assert esco_recognizer.occupations_in("Hon har närvårdarexamen.", "sv")


# -- everyday Finnish job titles and compound modifiers (session 12) -------------------------------
@pytest.mark.parametrize(
    ("text", "occupation", "expected"),
    [
        ("Haemme laitoshuoltajaa.", "building cleaner", {"perform cleaning duties"}),
        ("Lastentarhanopettaja", "early years teacher", {"teach kindergarten class content"}),
        ("Perhepäivähoitaja", "child care worker", {"supervise children"}),
        ("Etsimme kuorma-autonkuljettajaa.", "cargo vehicle driver", set()),
        ("Olen työskennellyt koulunkäynninohjaajana.", "primary school teaching assistant", set()),
    ],
)
def test_an_everyday_finnish_job_title_names_its_occupation(
    esco, esco_recognizer, text, occupation, expected
):
    """ "Laitoshuoltaja", "kuorma-autonkuljettaja", "lastentarhanopettaja" are what Finnish ads write,
    but no ESCO label: they named no occupation, so other occupations' skills weighed in full. The
    Finnish rows of `data/recognition/job_titles.csv` name the ESCO occupation."""
    occupations = esco_recognizer.occupations_in(text, "fi")
    assert occupation in {esco.occupation_label(o, "en") for o in occupations}
    assert expected <= set(labels(esco_recognizer, text, top_k=6))


def test_a_hot_work_card_is_fire_not_came(esco_recognizer):
    """ "tulityökortti" was split as tulla (came) + työ + kortti."""
    assert esco_recognizer.splitter_.split("tulityökortti") == ["tuli", "työ", "kortti"]


def test_who_the_worker_works_with_is_not_the_occupation_sought(esco, esco_recognizer):
    """ "yhteistyö lääkärien ja fysioterapeuttien kanssa" (working with doctors and
    physiotherapists) in a nurse's ad named physiotherapists as the occupation, so their skills
    weighed in full; "samarbetar med … polisen" named police officers."""
    assert esco_recognizer.occupations_in("Suunnittelet hoitoa yhdessä lääkärin kanssa.", "fi") == ()
    assert (
        esco_recognizer.occupations_in("Teet yhteistyötä lääkärien ja fysioterapeuttien kanssa.", "fi") == ()
    )
    assert esco_recognizer.occupations_in("Du samarbetar med skolor och polisen.", "sv") == ()
    nurse = esco_recognizer.occupations_in("Sairaanhoitajana työskentelet lääkärin kanssa.", "fi")
    assert {esco.occupation_label(o, "en") for o in nurse} == {"nurse responsible for general care"}


# -- outside tester of session 13: titles, licences, cooks, Swedish early education ---------------
def _title_labels(esco, title):
    from services.matching.index.reference import load_title_reader

    reader = load_title_reader(esco, None)
    return [
        (esco.occupation_label(esco.occupation_uris[t.occupation], "en"), t.confidence)
        for t in reader.read(title)
    ]


def test_a_title_that_is_one_occupations_name_and_anothers_alternative_names_the_first(esco):
    """N2: "Lähihoitaja" is the healthcare assistant's (practical nurse's) preferred Finnish label
    and an alternative label of the home care aide: the vacancy was read as a home care aide and
    fell out of the practical-nurse shortage meeting."""
    found = _title_labels(esco, "Lähihoitaja")
    assert found[0] == ("healthcare assistant", 1.0), found
    assert ("home care aide", 1.0) not in found, found
    assert _title_labels(esco, "Kokki")[0] == ("cook", 1.0)


def test_an_everyday_cleaners_title_names_the_building_cleaner_not_a_homes_cleaner(esco, title_engine):
    """N1: ESCO has "siivooja" only as an alternative label of the domestic cleaner (kotisiivooja);
    in a Finnish ad a "siivooja" or "toimistosiivooja" cleans offices and buildings."""
    building = next(u for u in esco.occupation_uris if esco.occupation_label(u, "en") == "building cleaner")
    assert title_engine.title_occupations("Siivooja") == (building,)
    for title in ("Siivooja", "Toimistosiivooja", "Siivooja, toimitilasiivous", "Städare"):
        found = _title_labels(esco, title)
        assert found[0] == ("building cleaner", 1.0), (title, found)
        assert ("domestic cleaner", 1.0) not in found, (title, found)
    assert _title_labels(esco, "Kotisiivooja")[0] == ("domestic cleaner", 1.0)


@pytest.mark.parametrize(
    ("text", "expected", "absent"),
    [
        ("Edellytämme D-ajokorttia.", {"manoeuvre bus"}, {"manoeuvre heavy trucks"}),
        ("D-luokan ajokortti ja ammattipätevyys vaaditaan.", {"manoeuvre bus"}, {"manoeuvre heavy trucks"}),
        ("Du har körkort i klass D.", {"manoeuvre bus"}, {"manoeuvre heavy trucks"}),
        ("Edellytämme C-ajokorttia.", {"manoeuvre heavy trucks"}, {"manoeuvre bus"}),
        (
            "Kuljettajakortti ja ammattipätevyys ovat voimassa.",
            {"drive vehicles"},
            {"manoeuvre heavy trucks"},
        ),
    ],
)
def test_a_licence_category_names_the_vehicle_it_is_for(esco_recognizer, text, expected, absent):
    """N5: "D-ajokortti" (buses) was read as driving heavy trucks."""
    found = set(labels(esco_recognizer, text, top_k=5))
    assert expected <= found and not absent & found, found


def test_a_cooks_ad_suggests_cooking(esco, esco_recognizer, title_engine):
    """N2/N3: "Kokki" named the cook and, as an alternative label, the chef, both with certainty, so
    the ad's occupation was uncertain and its suggestions had no cooking skill."""
    text = (
        "Haemme kokkia henkilöstöravintolaamme. Valmistat lounasta noin 300 ruokailijalle ja vastaat "
        "erityisruokavalioista. Tehtäviin kuuluu ruoanvalmistus, leivonta ja keittiön siisteydestä "
        "huolehtiminen. Hygieniapassi vaaditaan."
    )
    found = _vacancy_suggestions(esco, esco_recognizer, title_engine, "Kokki", text)
    assert {"use cooking techniques", "comply with food safety and hygiene"} <= set(found), found
    assert title_engine.title_occupations("Kokki")[0] == next(
        u for u in esco.occupation_uris if esco.occupation_label(u, "en") == "cook"
    )


def test_a_swedish_early_years_teachers_ad_gets_its_tasks(esco, esco_recognizer, title_engine):
    """N14: a Swedish early-childhood-education teacher's ad got two or three thin suggestions;
    "Du planerar och genomför …" gave the bare "plan" (the two verbs share their object) and
    "vårdnadshavarna" (the guardians) was read as care."""
    text = (
        "Vi söker en lärare inom småbarnspedagogik till vårt daghem i Vasa. Du planerar och genomför den "
        "pedagogiska verksamheten tillsammans med teamet och gör upp barnens planer för "
        "småbarnspedagogik. Du samarbetar med vårdnadshavarna. Behörighet som barnträdgårdslärare krävs."
    )
    found = _vacancy_suggestions(esco, esco_recognizer, title_engine, "Barnträdgårdslärare", text)
    assert len(found) >= 4, found
    assert {"teach kindergarten class content", "maintain relations with children's parents"} <= set(found), (
        found
    )
    assert "plan" not in found, found


@pytest.mark.parametrize(
    "text",
    [
        "We are hiring a customer service agent. Knowledge of Swedish is a plus.",
        "Haemme asiakaspalvelijaa. Sujuva suomen kielen taito ja ruotsin kielen taito.",
    ],
)
def test_a_language_is_suggested_once_not_as_five_skills_of_it(esco_recognizer, text):
    """Outside tester 13, P1: "Knowledge of Swedish is a plus" gave Swedish, write Swedish, understand
    spoken and written Swedish and interact verbally in Swedish; the language is suggested as a
    `languages` requirement besides, and declared languages meet the one skill."""
    enriched = enrich_vacancy(vacancy(), text, esco_recognizer)
    codes = [esco_recognizer.language_codes_.get(s.uri) for s in enriched.skills]
    named = [c for c in codes if c is not None]
    assert len(named) == len(set(named)), [
        esco_recognizer.labels_["en"][esco_recognizer.skill_index_[s.uri]] for s in enriched.skills
    ]


@pytest.mark.parametrize(
    ("text", "language"),
    [
        # outside tester 13, P5: a language-level phrase read as a skill
        ("Suomen kielen perustaito riittää.", "Finnish"),
        ("Englannin kielen perustaidot ovat eduksi.", "English"),
        ("Äidinkielesi on suomi tai ruotsi.", "Finnish"),
        ("Svenska som modersmål och goda kunskaper i finska.", "Swedish"),
    ],
)
def test_a_language_level_phrase_names_the_language_and_nothing_else(esco_recognizer, text, language):
    """Kind: language-level words ("perustaito riittää", "äidinkielesi on", "kunskaper i") are part of
    the language requirement; read as words they gave "apply basic programming skills"."""
    found = labels(esco_recognizer, text, top_k=10)
    assert language in found, found
    assert all(f in {"Finnish", "Swedish", "English"} for f in found), found


def test_a_language_requirement_leaves_the_rest_of_its_sentence_to_be_read(esco_recognizer):
    found = labels(
        esco_recognizer,
        "Hyvät suomen kielen suulliset ja kirjalliset viestintätaidot sekä kokemusta asiakaspalvelusta.",
    )
    assert {"Finnish", "communication", "customer service"} <= set(found), found


@pytest.mark.parametrize(
    "text",
    [
        # outside tester 13, P5: a professional registration read as a product registration
        "Lähihoitajan tutkinto ja Valviran rekisteröinti.",
        "Edellytämme sairaanhoitajan laillistusta.",
        "Terhikki-rekisteröinti ja voimassa oleva ammattioikeus vaaditaan.",
        "Legitimerad sjukskötare, registrerad hos Valvira.",
    ],
)
def test_a_professional_registration_is_no_registration_skill(esco_recognizer, text):
    """Kind: the right to practise (laillistus, Valviran rekisteröinti, legitimation) is a
    qualification of the occupation, not a skill of registering things."""
    found = labels(esco_recognizer, text, top_k=10)
    assert not [f for f in found if "regist" in f], found


def test_registering_customers_is_still_a_registration_task(esco_recognizer):
    found = labels(esco_recognizer, "Vastaanotossa hoidat asiakkaiden rekisteröinnin ja laskutuksen.")
    assert "register visitors" in found, found


def test_a_clinical_examination_is_not_research(esco_recognizer):
    """Kind: polysemy. Finnish "tutkimus" is research and examination; ESCO's Finnish labels use it
    for both, and a psychologist's assessments gave *conduct psychological research* first (fi-dev2)."""
    found = labels(
        esco_recognizer, "Psykologina teet lasten ja nuorten psykologisia tutkimuksia ja annat lyhytterapiaa."
    )
    assert "conduct psychological research" not in found, found
    assert {"interpret psychological tests", "psychological interventions"} & set(found), found
    research = labels(esco_recognizer, "Teet tieteellistä tutkimusta psykologian laitoksella.")
    assert "conduct psychological research" in research, research


@pytest.mark.parametrize(
    "text",
    [
        "Hallitsen TIG-hitsauksen ruostumattomalle teräkselle ja osaan lukea konepiirustuksia.",
        "Asiakkaalla on LVI-alan perustutkinto ja hän osaa lukea LVI-piirustuksia.",
        "Asennat putket piirustusten mukaisesti.",
        "Du kan läsa ritningar.",
    ],
)
def test_reading_drawings_is_reading_blueprints_not_technical_drawing(esco_recognizer, text):
    """Kind: a gloss or a word naming the knowledge ("technical drawings", "make technical
    drawings") where the sentence names the task of reading them (fi tune, fi-dev, fi-dev2)."""
    found = labels(esco_recognizer, text)
    assert "read standard blueprints" in found, found
    assert "make technical drawings of fashion pieces" not in found, found


def test_making_drawings_is_still_drawing(esco_recognizer):
    found = labels(esco_recognizer, "Teet piirustuksia AutoCADilla.")
    assert found[0] == "create AutoCAD drawings", found


def test_a_modifier_whose_head_is_left_out_is_read_with_it(esco_recognizer):
    """Kind: compounds. "vuorovaikutus- ja viestintätaidot" left "vuorovaikutus-" to be read on its
    own (*design interaction model* 0.66, over the line); "puhtaus- ja kiinteistöpalvelualan
    perustutkinto" still names its qualification."""
    found = labels(esco_recognizer, "Hyvät vuorovaikutus- ja viestintätaidot ovat eduksi.", top_k=10)
    assert found == ["communication"], found
    found = labels(
        esco_recognizer, "Asiakas on suorittanut puhtaus- ja kiinteistöpalvelualan perustutkinnon."
    )
    # (the building cleaner's own skills: ESCO's "perform cleaning duties" is the food industry's)
    assert {"conduct cleaning tasks", "perform cleaning duties", "clean rooms", "cleaning techniques"} & set(
        found
    ), found


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Puhut sujuvaa ruotsia ja osaat käyttää Exceliä.", ["use spreadsheets software", "Swedish"]),
        ("Du kan använda Excel.", ["use spreadsheets software"]),
    ],
)
def test_a_verb_whose_object_a_rule_read_names_nothing_more(esco_recognizer, text, expected):
    """Kind: what the rules leave ("osaat käyttää", "kan använda") was read alone: *use hand tools*,
    *use shims* 0.40, over the line."""
    assert labels(esco_recognizer, text, top_k=10) == expected


# -- outside tester 14 (session 14) ------------------------------------------------------------
WELDER_AD = """Konepaja hakee kokenutta hitsaajaa.
Hitsaat MIG/MAG- ja TIG-menetelmillä teräs- ja alumiinirakenteita.
Ymmärrät konepiirustuksia.
Tulityökortti ja trukkikortti ovat eduksi.
Hitsaajan pätevyyskoe (SFS-EN ISO 9606-1) katsotaan eduksi."""


def test_an_ads_top_ten_does_not_cut_a_strong_skill_for_much_weaker_ones(esco_recognizer):
    # P2: list items and sentences kept their own 0.36, 0.35, 0.30 while the drawing skill 0.57 was cut
    shown = esco_recognizer.recognise(WELDER_AD, top_k=10)
    deeper = esco_recognizer.recognise(WELDER_AD, top_k=20)
    shown_uris = {s.uri for s in shown}
    weakest = min(s.score for s in shown)
    cut = [s for s in deeper if s.uri not in shown_uris]
    assert all(s.score < weakest / 0.85 for s in cut), (weakest, [(s.label("en"), s.score) for s in cut])
    assert any("blueprint" in s.label("en") or "drawing" in s.label("en") for s in shown)
    assert [s.score for s in shown] == sorted((s.score for s in shown), reverse=True)


@pytest.mark.parametrize(
    ("text", "lang", "named"),
    [
        # outside tester 14, P3: stray languages from sentences about Finnish or Swedish
        ("Hallitset suomen kielen sujuvasti suullisesti ja kirjallisesti.", "fi", {"fi"}),
        ("Du är serviceinriktad och talar svenska och finska.", "sv", {"sv", "fi"}),
        ("Klienten talar flytande svenska och lite finska.", "sv", {"sv", "fi"}),
        ("Du talar flytande svenska och finska.", "sv", {"sv", "fi"}),
        ("Basic Finnish or English is enough.", "en", {"fi", "en"}),
        ("Fluent English required, Finnish is a plus.", "en", {"en", "fi"}),
        # P4: the country's adjective names no language
        ("Valid Finnish hygiene passport required.", "en", set()),
        ("You hold a valid Finnish security guard card.", "en", set()),
    ],
)
def test_only_the_languages_a_text_names_are_suggested(esco_recognizer, text, lang, named):
    """Kind: a language skill is suggested only when the text names that language, once (its bare
    skill), also deep in the list (rejecting one must not bring the next: Estonian, then Maltese)."""
    found = esco_recognizer.recognise(text, top_k=60, min_score=0.0, lang=lang)
    codes = [esco_recognizer.language_codes_.get(r.uri) for r in found]
    languages = [c for c in codes if c is not None]
    assert sorted(languages) == sorted(named), [
        r.label("en") for r in found if r.uri in esco_recognizer.language_codes_
    ]
    assert not any(
        r.uri in set(esco_recognizer.skill_uris_[i] for i in esco_recognizer.language_skills_.tolist())
        and esco_recognizer.language_codes_.get(r.uri) is None
        for r in found
    )


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Työ alkaa heti ja edellyttää trukkikorttia.", "operate forklift"),
        ("Aloitus sopimuksen mukaan, B-ajokortti välttämätön.", "drive vehicles"),
        ("Työ alkaa tammikuussa ja vaatii hygieniapassin.", "comply with food safety and hygiene"),
        ("Työ alkaa aikaisin aamulla, joten oma auto ja B-ajokortti ovat tarpeen.", "drive vehicles"),
        ("Työ alkaa aamulla kello 6, joten tarvitset oman auton.", "drive vehicles"),
    ],
)
def test_a_start_time_clause_does_not_drop_the_requirement_of_its_sentence(esco_recognizer, text, expected):
    # outside tester 14, P1: these Finnish sentences were skipped whole as boilerplate
    assert expected in labels(esco_recognizer, text, top_k=3)


def test_an_interview_clause_does_not_drop_the_requirement_of_its_sentence(esco_recognizer):
    found = labels(esco_recognizer, "Haastattelut pidetään viikolla 50, hitsauskokemus on välttämätön.")
    assert any("weld" in label for label in found), found
    assert not any("interview" in label for label in found), found


def test_the_employers_promise_to_train_is_no_training_skill(esco_recognizer):
    # outside tester 14, P9: "perehdytämme sinut tehtäviin" gave "train employees"
    assert labels(esco_recognizer, "Työ ei edellytä kokemusta, perehdytämme sinut tehtäviin.") == []


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Vaadimme C1-ajokortin.", {"drive vehicles", "manoeuvre heavy trucks"}),
        ("Tieturva 1 -kortti on eduksi.", {"follow health and safety procedures in construction"}),
        ("Sinulla on taksinkuljettajan ajolupa.", {"drive vehicles"}),
        (
            "Vaadimme CE-ajokortin, ammattipätevyyden ja ADR-luvan.",
            {"drive vehicles", "manoeuvre heavy trucks", "transport dangerous goods"},
        ),
    ],
)
def test_licences_in_their_inflected_forms_are_mapped(esco_recognizer, text, expected):
    # outside tester 14, P13
    found = labels(esco_recognizer, text, top_k=5)
    assert expected <= set(found), found
    assert "deal cards" not in found


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        (
            "Edellytämme sosiaali- ja terveysalan perustutkintoa (lähihoitaja).",
            "provide basic support to patients",
        ),
        ("Sinulla on lähihoitajan tutkinto.", "provide basic support to patients"),
        ("Sinulla on kokin ammattitutkinto.", "use cooking techniques"),
        ("Sinulla on datanomin tutkinto.", "provide ICT support"),
        ("Edellytämme varhaiskasvatuksen opettajan kelpoisuutta.", "teach kindergarten class content"),
        ("Sinulla on Valviran myöntämä laillistus sairaanhoitajana.", "implement nursing care"),
    ],
)
def test_a_qualification_names_the_skill_it_certifies(esco_recognizer, text, expected):
    # outside tester 14, P7: the lähihoitaja degree gave "act as a game host", the cook's coquilles
    found = labels(esco_recognizer, text, top_k=3)
    assert expected in found, found
    assert not {"operate games", "construct coquilles", "data mining", "issue licences"} & set(found), found


@pytest.mark.parametrize(
    "note",
    [
        "Asiakas on kiinnostunut kokin töistä mutta hänellä ei ole alan koulutusta.",
        "Asiakas haluaa kouluttautua lähihoitajaksi oppisopimuksella.",
    ],
)
def test_a_coach_notes_asiakas_is_the_jobseeker_not_customer_service(esco_recognizer, note):
    # outside tester 14, P6: "Asiakas …" gave assist customers 0.51, customer service 0.46
    found = esco_recognizer.recognise(note, top_k=10)
    assert not [s for s in found if "customer" in s.label("en") or "client" in s.label("en")], found
    assert all(s.score < CONFIDENT_SCORE for s in found), found


def test_an_ads_customers_are_still_customer_service(esco_recognizer):
    assert "customer service" in labels(esco_recognizer, "Palvelet asiakkaita kassalla.")


NURSE_QUALIFICATION = "provide basic support to patients"


@pytest.mark.parametrize(
    "note",
    [
        "Asiakkaan kanssa sovittiin, että hän hakee lähihoitajakoulutukseen.",  # outside tester 15, P5
        "Asiakas aikoo hakea lähihoitajakoulutukseen.",
        "Hän hakeutuu lähihoitajakoulutukseen syksyllä.",
        "Hän suunnittelee opiskelevansa lähihoitajaksi.",
        "Asiakas haluaisi kouluttautua lähihoitajaksi.",
        "Klienten söker till närvårdarutbildning.",
        "Kunden planerar att studera till närvårdare.",
        "She plans to apply for nurse training.",
        "He has applied to practical nurse training.",
    ],
)
def test_applying_to_or_planning_a_training_is_no_qualification(esco_recognizer, note):
    """P5 (outside tester 15): applying to practical-nurse training gave the qualification's skill at
    the rule's full score, with customer-talk skills; an intention is no skill (the note keeps it)."""
    found = esco_recognizer.recognise(note, top_k=10)
    assert NURSE_QUALIFICATION not in [s.label("en") for s in found], found
    assert all(s.score < CONFIDENT_SCORE for s in found), found


def test_a_recommended_training_is_no_licence(esco_recognizer):
    assert "operate forklift" not in labels(
        esco_recognizer, "Asiakkaalle suositeltiin trukkikorttikoulutusta."
    )


def test_what_a_note_affirms_beside_an_intention_is_kept(esco_recognizer):
    found = labels(
        esco_recognizer, "Asiakkaalla on hygieniapassi ja hän aikoo hakea lähihoitajakoulutukseen."
    )
    assert "comply with food safety and hygiene" in found, found
    assert NURSE_QUALIFICATION not in found, found


@pytest.mark.parametrize(
    "text",
    [
        "Kotihoito hakee lähihoitajaa, jolla on lähihoitajan tutkinto.",
        "Haemme lähihoitajaa. Edellytämme lähihoitajan tutkintoa.",
    ],
)
def test_an_employer_seeking_a_qualified_worker_still_asks_for_the_qualification(esco_recognizer, text):
    assert NURSE_QUALIFICATION in labels(esco_recognizer, text), text


@pytest.mark.parametrize(
    ("note", "expected"),
    [
        ("Asiakkaan vahvuuksia ovat täsmällisyys ja ahkeruus.", None),  # outside tester 15, P5
        ("Asiakkaan äidinkieli on arabia.", "Arabic"),
        ("Asiakkaan kanssa keskusteltiin työnhausta.", None),
        ("Kunden har B-körkort.", "drive vehicles"),
        ("Kundens modersmål är arabiska.", "Arabic"),
        ("The client's mother tongue is Arabic.", "Arabic"),
    ],
)
def test_the_client_in_any_case_is_the_jobseeker_not_customer_service(esco_recognizer, note, expected):
    """P5 (outside tester 15): the genitive "Asiakkaan …" gave *assist customers* 0.51."""
    found = esco_recognizer.recognise(note, top_k=10)
    assert not [s for s in found if "customer" in s.label("en") or "client" in s.label("en")], found
    if expected is not None:
        assert found[0].label("en") == expected, found


def test_an_ads_customer_in_the_genitive_is_still_customer_work(esco_recognizer):
    found = labels(esco_recognizer, "Asiakkaan kanssa toimiminen on sinulle luontevaa.")
    assert any("customer" in f for f in found), found


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Valid Finnish hygiene passport required.", "comply with food safety and hygiene"),
        ("You hold a valid Finnish security guard card.", "ensure public safety and security"),
    ],
)
def test_a_card_named_with_its_country_is_the_card(esco_recognizer, text, expected):
    """Outside tester 14, P4: "a valid Finnish security guard card" gave only Finnish language skills."""
    assert labels(esco_recognizer, text, top_k=3, lang="en")[0] == expected


CLEANER_AD = """Siivooja / laitoshuoltaja
Haemme siivoojaa toimistokohteisiin Tampereen keskustaan.
Työ sisältää ylläpitosiivousta, roskien tyhjennystä ja lattioiden konepesua.
Arvostamme puhtausalan perustutkintoa tai kokemusta siivoustyöstä.
Työ alkaa aikaisin aamulla, joten oma auto ja B-ajokortti ovat tarpeen.
Työ ei edellytä kokemusta, perehdytämme sinut tehtäviin."""


def test_a_cleaners_ad_promising_to_train_the_hire_asks_for_no_supervisor(esco_recognizer):
    # outside tester 14, P9 (and P1: the B licence of the start-time sentence)
    found = labels(esco_recognizer, CLEANER_AD, top_k=10)
    assert "drive vehicles" in found, found
    assert not {
        "supervise the work of cleaning staff",
        "manage cleaning activities",
        "train employees",
        "introduce new employees",
    } & set(found), found


def test_mastering_a_language_is_the_language_and_nothing_else(esco_recognizer):
    """Outside tester 14, P3: "Hallitset … sujuvasti … kirjallisesti" also gave Estonian and
    literature, and then "manage data" (hallita: to master a language, here)."""
    found = labels(
        esco_recognizer,
        "Hallitset suomen kielen sujuvasti suullisesti ja kirjallisesti.",
        top_k=10,
        lang="fi",
    )
    assert found == ["Finnish"], found


def test_list_items_are_cut_from_the_compounds_written_in_full(esco_recognizer):
    """Kind: compounds with the shared part left out (recog2, session 14): a welder's "MIG/MAG- ja
    TIG-menetelmillä teräs- ja alumiinirakenteita" was cut into the item "TIG-menetelmillä teräs-"."""
    units = esco_recognizer._units(
        "Hitsaat MIG/MAG- ja TIG-menetelmillä teräs- ja alumiinirakenteita.", "fi"
    )[0]
    texts = [u.dense for u in units]
    assert any("teräsrakenteita" in t for t in texts) and not any(t.rstrip().endswith("-") for t in texts), (
        texts
    )
    found = labels(esco_recognizer, "Hitsaat MIG/MAG- ja TIG-menetelmillä teräs- ja alumiinirakenteita.")
    assert {"perform metal active gas welding", "perform tungsten inert gas welding"} <= set(found), found


@pytest.mark.parametrize(
    ("text", "expected", "not_expected"),
    [
        (  # fi-dev2: the title gave physiotherapy research, services, diagnosis first
            "Fysioterapeuttina toteutat kuntouttavaa terapiaa tuki- ja liikuntaelinsairauksista kärsiville potilaille.",
            {"rehabilitation", "diagnose musculoskeletal conditions"},
            {"engage in physiotherapy research"},
        ),
        (  # fi-dev3: ESCO spells the title otherwise; the essive before "teet" is still the role
            "Kirvesmiehenä teet muottitöitä, runkotöitä ja sisävalmistusta uudiskohteissa.",
            {"place concrete forms"},
            set(),
        ),
        (  # fi-dev3: the pharmacy's knowledge skills (products, chemistry, pharmacognosy) crowded the tasks
            "Apteekin farmaseuttina toimitat reseptilääkkeitä ja annat lääkeneuvontaa asiakkaille.",
            {"provide pharmaceutical advice", "dispense medicines"},
            {"pharmacognosy", "pharmaceutical chemistry"},
        ),
        (  # fi-dev: the genitive before the title names the setting and is kept
            "Lastensuojelun sosiaalityöntekijänä teet palvelutarpeen arviointeja ja asiakassuunnitelmia.",
            {"child protection"},
            set(),
        ),
    ],
)
def test_an_opening_job_title_does_not_pull_in_its_whole_field(esco_recognizer, text, expected, not_expected):
    """Kind: titles in the sentence. "<Title>na teet …" opens many Finnish ads; the title is the
    occupation (read as context), not words the sentence's skills should match."""
    found = set(labels(esco_recognizer, text, top_k=6))
    assert expected <= found and not (not_expected & found), found


def test_an_opening_essive_is_dropped_only_when_it_is_the_role(esco_recognizer):
    # "Kotona" (at home) is an essive too, but neither a title nor before a verb of "you"
    assert (
        esco_recognizer._without_opening_title("Kotona asuvana lapset leikkivät.")
        == "Kotona asuvana lapset leikkivät."
    )
    assert esco_recognizer._without_opening_title("Kirvesmiehenä teet muottitöitä.") == "teet muottitöitä."
    assert esco_recognizer._without_opening_title("Neuvolan terveydenhoitajana seuraat") == "Neuvolan seuraat"


@pytest.mark.parametrize(
    ("text", "expected", "not_expected"),
    [
        (  # fi-dev3: a midwife's ad
            "Synnytyssalin kätilönä hoidat synnyttäjiä ja avustat normaaleissa alatiesynnytyksissä.",
            {"conduct spontaneous child deliveries"},
            {"assist animal birth"},
        ),
        (  # the same words about animals still read as animals
            "Hoidat eläinten synnytyksiä ja avustat eläinlääkäriä.",
            {"assist animal birth"},
            set(),
        ),
    ],
)
def test_skills_about_animals_need_a_text_that_names_animals(esco_recognizer, text, expected, not_expected):
    """Kind: off-topic dense hits (a domain the label names that the text does not)."""
    found = set(labels(esco_recognizer, text, top_k=6))
    assert expected <= found and not (not_expected & found), found


def test_a_cvs_first_person_verbs_of_doing_are_no_skills(esco_recognizer):
    """Kind: verbs of doing read as skills (fi-dev3: "tein yhteistyötä" put colleagues first)."""
    found = labels(
        esco_recognizer,
        "Työskentelin perhepäivähoitajana viisi vuotta ja tein päivittäistä yhteistyötä vanhempien kanssa.",
    )
    assert found[0] == "maintain relations with children's parents", found


def test_a_skills_source_is_the_sentence_as_written(esco_recognizer):
    # README: the source is the sentence as written, also when a boilerplate clause of it was not read
    text = "Työ alkaa heti ja edellyttää trukkikorttia."
    found = esco_recognizer.recognise(text, top_k=3)
    assert [r.label("en") for r in found][:1] == ["operate forklift"]
    assert found[0].source == text


@pytest.mark.parametrize(
    "text",
    [
        "<script>alert(1)</script>",
        "<style>p { color: red }</style>",
        "Eduksi katsotaan:",
        "klo 7",
        "Kokemus Terraformista ja Pulumista",
    ],
)
def test_markup_headings_times_and_unknown_terms_give_no_confident_skill(esco_recognizer, text):
    # outside tester 14, P14: analyse a script 0.59, watch scenes 0.41, inspect clocks 0.47, cybernetics 0.37
    found = esco_recognizer.recognise(text, top_k=5)
    assert all(r.score < CONFIDENT_SCORE for r in found), [(r.label("en"), r.score) for r in found]


def test_markup_is_read_as_its_text(esco_recognizer):
    text = "<ul><li>Hygieniapassi</li><li>B-ajokortti</li></ul><p>Osaat hitsata &amp; lukea piirustuksia.</p>"
    found = labels(esco_recognizer, text, top_k=8)
    assert {"comply with food safety and hygiene", "drive vehicles", "read standard blueprints"} <= set(found)
    assert not any("script" in label or "HTML" in label for label in found), found


@pytest.mark.parametrize(
    ("text", "not_expected"),
    [
        ("Line cook, Helsinki", "philosophy"),
        ("Kotihoidon lähihoitaja, Tampere", "monitor tamping car"),
        ("Työpaikka sijaitsee Tampereella, hitsaat teräsrakenteita.", "monitor tamping car"),
    ],
)
def test_a_place_named_in_a_title_is_no_skill(esco_recognizer, text, not_expected):
    # outside tester 14, P14: the city of a title matched a tamping machine and philosophy
    found = labels(esco_recognizer, text, top_k=10)
    assert found and not_expected not in found, found


@pytest.mark.parametrize(
    ("text", "expected", "not_expected"),
    [
        ("CI/CD pipelines", "DevOps", {"types of pipelines", "repair pipelines"}),
        ("Spring Boot", "Java (computer programming)", {"types of spring"}),
        ("Hitsaat MIG/MAG-menetelmällä", "perform metal active gas welding", {"5S methodology"}),
    ],
)
def test_tool_and_process_names_are_not_read_as_common_words(esco_recognizer, text, expected, not_expected):
    found = labels(esco_recognizer, text, top_k=6)
    assert found[:2].count(expected) == 1 or found[0] == expected, found
    assert not not_expected & set(found), found


@pytest.mark.parametrize(
    ("text", "word"),
    [
        ("Han har jobbat som svetsare på ett varv i Åbo.", "weld"),  # outside tester 14, P15
        ("Jag har jobbat som kock på en lunchrestaurang.", "cook"),
        ("Jag är utbildad kock.", "cook"),
        ("Har arbetat som busschaufför i fem år.", "bus"),
        ("Jobbade som städare på ett hotell i Vasa.", "clean"),
        ("He has worked as a welder at a shipyard in Turku.", "weld"),
        ("Vi söker en kock till vår lunchrestaurang i Jakobstad.", "cook"),  # the job sought (sv tune)
    ],
)
def test_a_job_held_names_its_skills_with_confidence(esco_recognizer, text, word):
    found = esco_recognizer.recognise(text, top_k=5)
    # (the job's skill among the best: a bus driver's title also names *drive vehicles* at the same
    # score since session 33, sv33, and ties go by URI)
    best = [r.label("en").lower() for r in found if found and r.score >= found[0].score]
    assert any(word in label for label in best), [(r.label("en"), r.score) for r in found]
    assert found[0].score >= CONFIDENT_SCORE, [(r.label("en"), r.score) for r in found]


@pytest.mark.parametrize(
    ("text", "named", "not_named"),
    [
        ("Du har det finska hygienpasset.", "comply with food safety and hygiene", "Finnish"),
        ("Finnish family company looking for a cleaner.", None, "Finnish"),
        ("Du talar svenska och finska.", "Finnish", None),
    ],
)
def test_a_countrys_adjective_is_no_language_skill(esco_recognizer, text, named, not_named):
    found = labels(esco_recognizer, text, top_k=10)
    if named:
        assert named in found, found
    if not_named:
        assert not_named not in found, found


_FOOD = "comply with food safety and hygiene"
_ALCOHOL = "apply regulations regarding the sale of alcoholic beverages"


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # outside tester 15, P11: the short names gave "hygiene in a health care setting" and no forklift
        ("Kortit: hygienia, anniskelu, trukki.", {_FOOD, _ALCOHOL, "operate forklift"}),
        ("Kortit:\n- hygienia\n- anniskelu\n- trukki", {_FOOD, _ALCOHOL, "operate forklift"}),
        (
            "Kortit: hygieniapassi, työturvallisuuskortti, tulityökortti",
            {_FOOD, "follow health and safety procedures in construction", "perform first fire intervention"},
        ),
        ("Passit: hygienia- ja anniskelupassi", {_FOOD, _ALCOHOL}),
        ("Voimassa olevat kortit: työturvallisuus, henkilönostin", {"operate aerial work platforms"}),
        ("Ajokortti: C", {"drive vehicles", "manoeuvre heavy trucks"}),
        ("Ajokorttiluokat: B, CE", {"drive vehicles", "manoeuvre heavy trucks"}),
        ("Körkortsbehörighet: C", {"drive vehicles", "manoeuvre heavy trucks"}),
        ("Hygieniakortti ja anniskelukortti vaaditaan.", {_FOOD, _ALCOHOL}),
        ("Kort: hygien, truck.", {_FOOD, "operate forklift"}),
        # the same kind for programs, vehicles and machines (session 16)
        (
            "Ohjelmat: Word, PowerPoint, Excel.",
            {"use word processing software", "use presentation software", "use spreadsheets software"},
        ),
        ("Ohjelmat:\n- Word\n- PowerPoint", {"use word processing software", "use presentation software"}),
        ("Tools: Word, Excel, Office.", {"use word processing software", "use microsoft office"}),
        ("Koneet: trukki, henkilönostin.", {"operate forklift", "operate aerial work platforms"}),
        ("Cards: hygiene, forklift", {_FOOD, "operate forklift"}),
    ],
)
def test_a_card_list_by_short_names_gives_each_cards_rule(esco_recognizer, text, expected):
    """Each card as its full name gives it: with score 1.0, and the heading ("Kortit", cards) no
    skill of its own ("deal cards")."""
    found = esco_recognizer.recognise(text, top_k=8)
    ruled = {r.label("en") for r in found if r.score >= 1.0}
    assert expected <= ruled, [(r.label("en"), r.score) for r in found]
    assert "deal cards" not in {r.label("en") for r in found}


def test_a_card_list_ends_at_the_next_heading_or_sentence(esco_recognizer):
    found = labels(esco_recognizer, "Kortit:\n- trukki\nTehtävät:\n- hygienia", top_k=8, lang="fi")
    assert "operate forklift" in found and _FOOD not in found, found
    found = labels(esco_recognizer, "Kortit:\n- trukki\nOhjelmat:\n- Word", top_k=8, lang="fi")
    assert {"operate forklift", "use word processing software"} <= set(found), found
    assert not any("program" in label for label in found), found


@pytest.mark.parametrize(
    "text",
    [
        # outside tester 15, P11: the register or the authority named beside the title
        "Sairaanhoitaja AMK, laillistus Valviran rekisterissä.",
        "Valviran laillistama sairaanhoitaja.",
        "Sairaanhoitaja, JulkiTerhikki.",
        "Edellytämme sairaanhoitajan pätevyyttä.",
        "Terveydenhoitajan laillistus.",
        "Sjuksköterskelegitimation krävs.",
    ],
)
def test_a_nurses_registration_gives_the_nursing_rule_however_it_is_named(esco_recognizer, text):
    found = esco_recognizer.recognise(text, top_k=5)
    assert (found[0].label("en"), found[0].score) == ("implement nursing care", 1.0), found


@pytest.mark.parametrize(
    "text",
    [
        "varhaiskasvatuksen lastenhoitajan kelpoisuus",  # outside tester 15, P11
        "Edellytämme varhaiskasvatuksen lastenhoitajan kelpoisuutta.",
        "Behörighet som barnskötare.",
    ],
)
def test_a_child_carers_eligibility_gives_the_child_carers_skills_not_the_teachers(esco_recognizer, text):
    found = esco_recognizer.recognise(text, top_k=5)
    ruled = {r.label("en") for r in found if r.score >= 1.0}
    assert ruled == {"implement care programmes for children", "support children's wellbeing"}, found
    assert "teach kindergarten class content" not in {r.label("en") for r in found}


@pytest.mark.parametrize(
    "text",
    ["Lähihoitajan kelpoisuus.", "Lähihoitaja, JulkiTerhikki-rekisteröinti.", "Nimikesuojattu lähihoitaja."],
)
def test_a_practical_nurses_eligibility_or_registration_is_read_as_the_degree(esco_recognizer, text):
    found = esco_recognizer.recognise(text, top_k=3, lang="fi")
    assert (found[0].label("en"), found[0].score) == ("provide basic support to patients", 1.0), found


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Vi kräver inte svenska utan finska.", ["Finnish"]),
        ("Englantia vaaditaan.", ["English"]),
        # a plus by litotes: the language, and the words of the litotes name nothing
        ("Swedish wouldn't hurt.", ["Swedish"]),
        ("Svenska skadar inte.", ["Swedish"]),
        ("Ruotsin kielen taito ei ole pahitteeksi.", ["Swedish"]),
        ("Det skadar inte om du kan svenska.", ["Swedish"]),
        ("Swedish would be nice.", ["Swedish"]),
        ("Finnish isn't required.", []),
        # the words of a language sentence and its contrast name nothing (not history, hair, daily work)
        ("Finska är inget krav, men svenska krävs.", ["Swedish"]),
        ("Englantia käytetään päivittäin.", ["English"]),
        ("Suomea ei tarvitse osata, englantia pitää osata.", ["English"]),
    ],
)
def test_the_language_skill_is_the_language_the_ad_wants(esco_recognizer, text, expected):
    assert labels(esco_recognizer, text) == expected


@pytest.mark.parametrize(
    ("text", "absent", "present"),
    [
        ("Emme edellytä:\n- ajokorttia\n- kokemusta", {"drive vehicles"}, set()),
        ("Emme edellytä: ajokorttia, kokemusta.", {"drive vehicles"}, set()),
        (
            "Vaatimukset:\n- hygieniapassi\n\nEi vaadita:\n- ajokorttia\n- trukkikorttia\n\n"
            "Työ alkaa heti, B-ajokortti on eduksi.",
            {"operate forklift"},
            {"comply with food safety and hygiene", "drive vehicles"},
        ),
        (
            "Not required:\n- driving licence\n- forklift licence\nRequired:\n- hygiene passport",
            {"drive vehicles", "operate forklift"},
            {"comply with food safety and hygiene"},
        ),
        ("Krävs inte:\n- körkort\n- truckkort", {"drive vehicles", "operate forklift"}, set()),
        (
            "Kokemusta ei vaadita, mutta edellytämme:\n- hygieniapassia",
            set(),
            {"comply with food safety and hygiene"},
        ),
        ("Ei välttämätön, mutta eduksi:\n- trukkikortti", set(), {"operate forklift"}),
        (
            "Emme edellytä:\n- suomen kielen taitoa\n\nEdellytämme:\n- englannin kieltä",
            {"Finnish"},
            {"English"},
        ),
    ],
)
def test_a_list_under_a_heading_saying_not_needed_gives_no_skill(esco_recognizer, text, absent, present):
    """Session 16 (lang.md, left alone in session 15): the list's skills were suggested, driving at 1.0."""
    found = set(labels(esco_recognizer, text, top_k=10))
    assert not absent & found and present <= found, found


@pytest.mark.parametrize(
    ("text", "kept", "dropped"),
    [
        # a negation ends at a comma that opens a clause with a predicate of its own (lang.md)
        ("Ei ajokorttia, hygieniapassi on.", {"comply with food safety and hygiene"}, {"drive vehicles"}),
        (
            "No driving licence, has a hygiene passport.",
            {"comply with food safety and hygiene"},
            {"drive vehicles"},
        ),
        ("Har inte körkort, har hygienpass.", {"comply with food safety and hygiene"}, {"drive vehicles"}),
        # a list and a relative clause stay in the negation
        (
            "Asiakkaalla ei ole ajokorttia, trukkikorttia tai hygieniapassia.",
            set(),
            {"drive vehicles", "operate forklift", "comply with food safety and hygiene"},
        ),
        ("Asiakkaalla ei ole trukkikorttia, joka on työssä välttämätön.", set(), {"operate forklift"}),
    ],
)
def test_a_negation_is_bounded_by_the_clause_that_says_it(esco_recognizer, text, kept, dropped):
    found = esco_recognizer.recognise(text, top_k=5)
    got = {r.label("en") for r in found}
    assert kept <= got and not dropped & got, [(r.label("en"), r.score) for r in found]
    assert all(r.score >= 1.0 for r in found), "the words of having name nothing (not hair, history)"


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # outside tester 15, P11: inflected tool names, after a colon or not
        (
            "Kokemus SAP:sta ja Excelistä.",
            {"use spreadsheets software", "manage standard enterprise resource planning system"},
        ),
        ("Hallitset Excelin.", {"use spreadsheets software"}),
        ("Osaat käyttää Teamsiä ja SQL:ää.", {"use communication and collaboration software", "SQL"}),
        (
            "Excel-taulukot ja Wordin käyttö sujuvat.",
            {"use spreadsheets software", "use word processing software"},
        ),
        (
            "Erfarenhet av SAP och Microsoft Teams.",
            {
                "manage standard enterprise resource planning system",
                "use communication and collaboration software",
            },
        ),
    ],
)
def test_inflected_tool_names_are_the_tool(esco_recognizer, text, expected):
    found = esco_recognizer.recognise(text, top_k=5)
    named = {s.label("en") for s in found if s.score >= CONFIDENT_SCORE}
    assert expected <= named, found
    assert "lean manufacturing" not in named, found


def test_the_english_word_teams_is_no_product(esco_recognizer):
    assert "use communication and collaboration software" not in labels(
        esco_recognizer, "You work well in teams."
    )


@pytest.mark.parametrize(
    ("text", "expected", "strays"),
    [
        # outside tester 15, P10: look-alike words above or near the confidence line
        (
            "Valid hygiene passport and B driving licence required.",
            {"comply with food safety and hygiene", "drive vehicles"},
            ("valid",),
        ),
        ("Vartijakortti voimassa.", {"ensure public safety and security"}, ("expiry", "validity")),
        ("Knowledge of Kubernetes is a plus.", {"manage ICT virtualisation environments"}, ("cybernetic",)),
        (
            "Experience with Python, TypeScript and AWS.",
            {"TypeScript", "Python (computer programming)"},
            ("typesetting", "scripts"),
        ),
        (
            "Bus driver, D licence and professional competence (CPC) required.",
            {"drive vehicles", "manoeuvre bus"},
            ("recruit",),
        ),
        ("Du har körkort B och egen bil.", {"drive vehicles"}, ("algebra",)),
    ],
)
def test_look_alike_words_give_no_stray_skill(esco_recognizer, text, expected, strays):
    found = esco_recognizer.recognise(text, top_k=6)
    confident = {s.label("en") for s in found if s.score >= CONFIDENT_SCORE}
    assert expected <= confident, found
    assert not [s for s in found if any(w in s.label("en") for w in strays)], found


def test_a_double_job_title_names_both_occupations(esco_recognizer, esco):
    """Outside tester 15, P10: "Hitsaaja-levyseppä" named no occupation, and "leikkaus" gave *wood
    cuts* 0.37 on a sheet-metal worker's ad."""
    occupations = esco_recognizer.occupations_in("Hitsaaja-levyseppä, kokemusta levytöistä.", "fi")
    assert {esco.occupation_label(o, "en") for o in occupations} >= {"welder", "sheet metal worker"}
    found = esco_recognizer.recognise("Hitsaaja-levyseppä, kokemusta levytöistä (särmäys, leikkaus).")
    assert all(s.score < CONFIDENT_SCORE for s in found if "wood" in s.label("en")), found


def test_an_ad_that_recruits_keeps_the_recruiting_skill(esco_recognizer):
    found = labels(esco_recognizer, "You recruit and supervise bus drivers.", top_k=5)
    assert any("bus drivers" in f for f in found), found


def test_an_unknown_product_gets_no_confident_look_alike(esco_recognizer):
    found = esco_recognizer.recognise("Knowledge of Terraform and Pulumi is a plus.", top_k=5)
    assert all(s.score < CONFIDENT_SCORE for s in found), found


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # outside tester 15, P6: "pedagogy" 0.30 and a warning, then nothing
        (
            "Barnträdgårdslärare till Korsholms daghem, behörighet som lärare inom småbarnspedagogik.",
            "teach kindergarten class content",
        ),
        ("Behörig lärare inom småbarnspedagogik (pedagogie kandidat).", "teach kindergarten class content"),
        ("Du är behörig barnträdgårdslärare.", "teach kindergarten class content"),
        ("Legitimerad sjukskötare till bäddavdelningen.", "implement nursing care"),
        ("Du har legitimation som sjukskötare.", "implement nursing care"),
        ("Vi söker en utbildad närvårdare.", "provide basic support to patients"),
        ("Du har kockexamen eller motsvarande utbildning.", "use cooking techniques"),
        ("Qualified early childhood education teacher wanted.", "teach kindergarten class content"),
    ],
)
def test_a_swedish_qualification_names_the_skill_it_certifies(esco_recognizer, text, expected):
    """The Swedish (and English) wording of the Finnish qualification rules: the Finnish
    "varhaiskasvatuksen opettajan kelpoisuus" gave its rule at 1.0, the Swedish nothing confident."""
    found = esco_recognizer.recognise(text, top_k=5)
    assert expected in [r.label("en") for r in found][:3], [(r.label("en"), r.score) for r in found]
    assert "assess candidates" not in [r.label("en") for r in found]  # "(pedagogie kandidat)"


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # the Finland-Swedish name of työturvallisuuskortti gave *safety engineering*, *ICT safety*
        (
            "Vi förutsätter B-körkort, hygienpass och arbetssäkerhetskort.",
            "follow health and safety procedures in construction",
        ),
        ("Du har giltigt arbetssäkerhetskort.", "follow health and safety procedures in construction"),
        # Swedish task compounds of the shortage jobs that gave look-alikes (session 18)
        ("Du ansvarar för egenkontrollen i köket.", "comply with food safety and hygiene"),
        ("Du säkrar lasten och fyller i fraktsedlar.", "secure goods"),
        ("Erfarenhet av versionshantering med Git.", "tools for software configuration management"),
        ("Du installerar belysning, uttag och elcentraler i nybyggen.", "install electricity sockets"),
        ("Du kör linjetrafik och skolskjuts.", "manoeuvre bus"),
        ("Avfallssortering och återvinning hör till arbetet.", "sort waste"),
        ("Goda datakunskaper.", "have computer literacy"),  # gave data mining, database
        # window cleaning gave *remove glass from windows*, *set window* first
        ("Han har putsat fönster på kontor.", "clean glass surfaces"),
        ("Fönsterputsare sökes till Vasa.", "clean glass surfaces"),
        ("Jag har svetsat tryckkärl med pinnsvets.", "apply arc welding techniques"),  # stick welding
        ("Du dokumenterar vården i patientdatasystemet.", "use electronic health records in nursing"),
        ("Erfarenhet av reparation och service av tunga fordon.", "carry out repair of vehicles"),
        # the Swedish S1–S3 electrical work qualification (sähköpätevyys) named nothing
        (
            "Behörighet: elmontörsexamen, S2-behörighet och arbetssäkerhetskort.",
            "comply with electrical safety regulations",
        ),
    ],
)
def test_swedish_cards_and_task_compounds_name_their_skills(esco_recognizer, text, expected):
    found = labels(esco_recognizer, text)
    assert expected in found, found


@pytest.mark.parametrize(
    ("text", "word"),
    [
        # outside tester 15, P6: a warning, the best "cleaning techniques" 0.32
        ("Städaren ansvarar för underhållsstädning av kontor och skolor.", "clean"),
        (
            "Vi söker en städare till Jakobstad. Arbetet består av städning av kontor, trappor och "
            "sanitetsutrymmen.",
            "clean",
        ),
        ("Arbetet består av att städa kontor och tömma papperskorgar.", "clean"),
        ("Han har arbetat som kock i tio år.", "cook"),
        ("Kunden har jobbat som kock i tio år, har hygienpass och kan laga specialkost.", "cook"),
        ("Svetsaren svetsar stålkonstruktioner enligt ritning.", "weld"),
        ("Byggnadsarbetare till nybyggen, arbetet består av formsättning och gjutning.", "concrete"),
        ("Programmeraren utvecklar webbapplikationer.", "programming"),
    ],
)
def test_swedish_sentences_about_shortage_jobs_name_their_skills_with_confidence(esco_recognizer, text, word):
    found = esco_recognizer.recognise(text, top_k=6, lang="sv")
    confident = [r.label("en").lower() for r in found if r.score >= CONFIDENT_SCORE]
    assert any(word in label for label in confident), [(r.label("en"), r.score) for r in found]


@pytest.mark.parametrize(
    "text",
    [
        "Hygienpass krävs inte, vi utbildar dig.",  # outside tester 15, P11: instruct others 0.36
        "Ingen erfarenhet behövs, vi lär upp dig.",
        "Introduktion ges.",
        "Du kommer att få en grundlig introduktion.",
        "No experience needed, we will train you.",
        "Training provided.",
        "Full training is given.",
    ],
)
def test_the_employers_promise_to_train_is_no_skill(esco_recognizer, text):
    found = esco_recognizer.recognise(text, top_k=6)
    assert not [r for r in found if r.score >= CONFIDENT_SCORE], [(r.label("en"), r.score) for r in found]
    assert not {"instruct others", "provide technical training", "introduce new employees"} & {
        r.label("en") for r in found
    }


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("You will provide training to new staff.", "provide technical training"),
        ("We are hiring a cook to our restaurant in Tampere.", "use cooking techniques"),
    ],
)
def test_training_others_and_a_job_sought_are_still_read(esco_recognizer, text, expected):
    assert expected in labels(esco_recognizer, text, top_k=6, lang="en")


MIXED_AD = (
    "We are hiring a kokki to our ravintola in Tampere. Hygieniapassi required, English työkieli. "
    "Du talar svenska? Plus!"
)


def test_a_mixed_language_ad_is_read_sentence_by_sentence(esco_recognizer):
    """Outside tester 15, P12: read whole as English, it gave no cook skill, and "aviation English"
    0.52, "use maritime English" 0.47 for the working language."""
    found = esco_recognizer.recognise(MIXED_AD, top_k=8)
    named = [r.label("en") for r in found]
    assert {"comply with food safety and hygiene", "English", "Swedish"} <= set(named), named
    # The fault was no cook skill at all. Where the cook's skill falls among the top 8 depends on
    # near-ties with the two hygiene skills the hygiene passport also names, which the model's
    # float sums order differently on different CPUs (6th on this session's AMD EPYC, top 5 before).
    assert any("cook" in n for n in named), named
    assert not {"aviation English", "use maritime English"} & set(named), named


@pytest.mark.parametrize(
    ("sentence", "text_lang", "expected"),
    [
        ("Du talar svenska och finska?", "en", "sv"),
        ("Hygieniapassi ja kokemus keittiötyöstä vaaditaan.", "en", "fi"),
        ("Plus!", "en", "en"),  # too short to tell
        ("Knowledge of SQL.", "fi", "en"),  # an English sentence of a Finnish ad
    ],
)
def test_a_sentence_is_read_in_its_own_language_when_it_clearly_has_one(
    esco_recognizer, sentence, text_lang, expected
):
    assert esco_recognizer._sentence_language(sentence, text_lang) == expected


def test_a_finnish_job_word_in_an_english_sentence_is_glossed(esco_recognizer):
    glossed = esco_recognizer._finnish_words_glossed("We are hiring a kokki to our restaurant.")
    assert "cook" in glossed.split("(", 1)[1], glossed
    same = "We are hiring a cook to our restaurant."
    assert esco_recognizer._finnish_words_glossed(same) == same


def test_the_language_given_by_the_caller_is_kept_for_every_sentence(esco_recognizer):
    found = labels(esco_recognizer, "Vi söker en svetsare. Knowledge of SQL.", top_k=10, lang="sv")
    assert "SQL" in found, found


@pytest.mark.parametrize(
    ("note", "lacking"),
    [
        # outside tester 16, P7: a skill the note says does not go well is no skill of the person's
        ("Tig-hitsaus ei suju.", "perform tungsten inert gas welding"),
        ("Trukin ajo ei onnistu.", "operate forklift"),
        ("Ruotsia ei osaa.", "Swedish"),
        ("Excel heikko.", "use spreadsheets software"),
        ("Klarar inte svetsning.", "welding techniques"),
        ("Svetsning klarar hon inte.", "welding techniques"),
        ("Struggles with welding.", "welding techniques"),
        ("He has difficulties with Excel.", "use spreadsheets software"),
    ],
)
def test_what_a_note_says_the_person_cannot_do_is_no_skill(esco_recognizer, note, lacking):
    found = esco_recognizer.recognise(note, top_k=10)
    assert lacking not in [s.label("en") for s in found], found
    assert all(s.score < CONFIDENT_SCORE for s in found), found


def test_what_goes_well_beside_what_does_not_is_kept(esco_recognizer):
    found = labels(esco_recognizer, "Osaa hitsata puikolla ja MIG:llä, tig-hitsaus ei suju.", top_k=10)
    assert "perform metal inert gas welding" in found, found
    assert "perform tungsten inert gas welding" not in found, found  # P7 (outside tester 16): it was 1.00


@pytest.mark.parametrize(
    ("text", "kept"),
    [
        ("Autat asiakkaita joilla on vaikeuksia liikkua.", "assist customers"),
        ("Ohjaat huonosti näkeviä asiakkaita.", "assist customers"),
        ("Handle difficult customers politely.", "manage difficult clients"),
    ],
)
def test_an_ads_words_of_difficulty_about_customers_are_no_negation(esco_recognizer, text, kept):
    assert kept in labels(esco_recognizer, text), text


@pytest.mark.parametrize(
    ("note", "lang", "expected"),
    [
        # sv-dev3's coach note (session 22): "Kunden" read as a customer gave *communicate with
        # customers*, *customer service* first
        ("Kunden lyssnar aktivt.", "sv", "listen actively"),
        ("Asiakas tuntee kassajärjestelmän hyvin.", "fi", "operate cash register"),
    ],
)
def test_a_note_of_what_the_client_does_is_not_about_customers(esco_recognizer, note, lang, expected):
    found = labels(esco_recognizer, note, lang=lang)
    assert found[0] == expected, found
    assert not [x for x in found if "customer" in x], found


def test_a_note_of_a_card_the_client_completed_gives_the_card_only(esco_recognizer):
    """P7 (outside tester 16): "Asiakas" gave *perform customer management* 0.44."""
    found = esco_recognizer.recognise("Asiakas suoritti trukkikortin syksyllä 2025.", top_k=10)
    assert [s.label("en") for s in found if s.score >= CONFIDENT_SCORE] == ["operate forklift"], found
    assert not [s for s in found if "customer" in s.label("en")], found


@pytest.mark.parametrize(
    "cv", ["Työkokemus: siivooja (3 v), keittiöapulainen (1 v)", "Työkokemus: siivooja, keittiöapulainen"]
)
def test_a_cvs_list_of_jobs_held_is_read_as_work_history(esco_recognizer, cv):
    """P7 (outside tester 16): the list gave only a warning ("siivota" 0.34)."""
    found = esco_recognizer.recognise(cv, top_k=5)
    assert found[0].label("en") == "perform cleaning duties" and found[0].score >= CONFIDENT_SCORE, found


def test_an_inline_heading_in_another_language_is_no_skill(esco_recognizer):
    """P8 (outside tester 16): "Requirements" gave *define part requirements* 0.54."""
    found = esco_recognizer.recognise("Requirements: CE licence, ADR-kortti, trukkikortti.", top_k=10)
    assert not [s for s in found if "requirement" in s.label("en")], found
    assert "operate forklift" in [s.label("en") for s in found]


@pytest.mark.parametrize(
    "text",
    [
        "Lagerarbetare till vårt logistikcenter, du plockar order och kör truck.",
        "Du har vana att köra truck.",
    ],
)
def test_driving_a_forklift_in_swedish_is_the_forklift(esco_recognizer, text):
    assert labels(esco_recognizer, text, top_k=3, lang="sv")[0] == "operate forklift"


@pytest.mark.parametrize(
    "text",
    [
        # outside tester 16, P8: an administrative check or the pay clause names no skill
        "Rikostaustaote vaaditaan lasten kanssa työskentelyyn.",
        "Palkka TES:n mukaan.",
        "Palkkaus Kiinteistöpalvelualan TES:n mukaan.",
        "Lön enligt kollektivavtal.",
    ],
)
def test_an_administrative_check_or_the_pay_clause_gives_no_skill(esco_recognizer, text):
    assert esco_recognizer.recognise(text, top_k=5) == []


@pytest.mark.parametrize(
    "text",
    [
        "Noudatamme kiinteistöpalvelualan työehtosopimusta.",
        "Työsuhteessa sovelletaan rakennusalan TES:iä.",
        "Työehtosopimuksen mukainen palkka.",
    ],
)
def test_the_employer_s_terms_by_a_collective_agreement_give_no_skill(esco_recognizer, text):
    assert esco_recognizer.recognise(text, top_k=5) == []


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # fi-dev10 (session 21): both came back empty, every clause naming "työehtosopimus" dropped
        (
            "Tunnet työlainsäädännön ja työehtosopimukset ja neuvot esihenkilöitä työsuhdeasioissa.",
            "employment law",
        ),
        (
            "Asiakkaalla on taloushallinnon tradenomin tutkinto ja hän tuntee työehtosopimusten "
            "palkkamääräykset hyvin.",
            "financial management",
        ),
    ],
)
def test_knowing_the_collective_agreements_is_read_as_a_skill(esco_recognizer, text, expected):
    assert expected in labels(esco_recognizer, text)


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # a word the boilerplate reads (an invitation's "tervetulleita", the employer's web pages)
        # as the object of a task: the clause was dropped before session 22 (fi-dev8, fi-dev5)
        (
            "Vastaanottovirkailijana toivotat vieraat tervetulleiksi, kerrot hotellin palveluista ja "
            "hoidat reklamaatiot.",
            "greet guests",
        ),
        ("Päivität verkkosivuja ja somekanavia.", "manage website"),
    ],
)
def test_a_task_on_a_word_the_boilerplate_knows_is_read(esco_recognizer, text, expected):
    assert expected in labels(esco_recognizer, text)


def test_the_employer_s_web_pages_give_no_skill(esco_recognizer):
    assert esco_recognizer.recognise("Tutustu verkkosivuihimme osoitteessa www.esimerkki.fi.", top_k=5) == []


def test_a_check_listed_with_a_card_keeps_the_card(esco_recognizer):
    assert "comply with food safety and hygiene" in labels(
        esco_recognizer, "Rikostaustaote ja hygieniapassi vaaditaan."
    )


def test_preparing_pay_by_the_agreement_is_still_payroll(esco_recognizer):
    assert "prepare paychecks" in labels(esco_recognizer, "Laadit palkkalaskelmat TES:n mukaan.")


@pytest.mark.parametrize(
    ("note", "languages"),
    [
        # outside tester 16, P7: "learning actively" gave *listen actively* 0.67
        ("Native Ukrainian speaker, Finnish at A2 level, learning actively.", {"Finnish", "Ukrainian"}),
        ("Opiskelee suomea aktiivisesti, taso A2.", {"Finnish"}),
    ],
)
def test_learning_a_language_is_the_language_only(esco_recognizer, note, languages):
    found = esco_recognizer.recognise(note, top_k=10)
    assert {s.label("en") for s in found if s.score >= CONFIDENT_SCORE} == languages, found


def test_listening_actively_is_still_a_skill(esco_recognizer):
    assert labels(esco_recognizer, "You listen actively to customers.")[0] == "listen actively"


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # outside tester 16, P7: the caretaker's qualification gave real-estate valuation 0.37
        ("Kiinteistönhoitajan ammattitutkinto", "manage ground maintenance"),
        ("Olen suorittanut kiinteistönhoitajan ammattitutkinnon vuonna 2019.", "manage ground maintenance"),
        ("Yrkesexamen för fastighetsskötare", "manage ground maintenance"),
        # P8: "recognised nowhere"; it names the field, read as the building cleaner's title
        ("Puhtausalan ammattitutkinto", "cleaning techniques"),
    ],
)
def test_a_qualification_named_after_a_job_gives_the_jobs_central_skills(esco_recognizer, text, expected):
    found = esco_recognizer.recognise(text, top_k=10)
    confident = [s.label("en") for s in found if s.score >= CONFIDENT_SCORE]
    assert expected in confident, found
    assert not [s for s in found if "propert" in s.label("en") or "real estate" in s.label("en")], found


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Lähihoitajan tutkinto", "provide basic support to patients"),
        ("Kokin ammattitutkinto", "use cooking techniques"),
    ],
)
def test_a_qualification_a_rule_reads_keeps_the_rules_skill(esco_recognizer, text, expected):
    assert labels(esco_recognizer, text)[0] == expected


def test_a_qualification_beside_what_the_person_did_leaves_that_first(esco_recognizer):
    """The occupation's general skills are read only when the sentence says nothing confidently
    itself (as the job held is): the sheet-metal work stays first."""
    found = labels(
        esco_recognizer,
        "Asiakas on suorittanut kone- ja tuotantotekniikan perustutkinnon ja hänellä on kokemusta levytöistä.",
    )
    assert found[0] == "repair metal sheets", found


@pytest.mark.parametrize(
    ("cv", "expected"),
    [
        # outside tester 16, P7: a CV's list on lines of its own read "Työkokemus:" as *describe
        # artistic experience* 0.40 and each line without the heading
        (
            "Työkokemus:\n- siivooja\n- keittiöapulainen",
            {"perform cleaning duties", "monitor kitchen supplies"},
        ),
        ("Työkokemus:\n- siivooja (3 v)\n- keittiöapulainen (1 v)", {"perform cleaning duties"}),
        ("Arbetserfarenhet:\n- städare\n- kock", {"cleaning techniques", "use cooking techniques"}),
        ("Work experience:\n• cleaner\n• kitchen assistant", {"clean equipment", "receive kitchen supplies"}),
    ],
)
def test_a_cvs_list_of_jobs_on_lines_of_their_own_is_work_history(esco_recognizer, cv, expected):
    found = esco_recognizer.recognise(cv, top_k=8)
    confident = {s.label("en") for s in found if s.score >= CONFIDENT_SCORE}
    assert expected <= confident, found
    assert not [s for s in found if "experience" in s.label("en")], found


@pytest.mark.parametrize(
    "text",
    [
        # outside tester 16, P8: *centre lenses* 0.54 and *person centred care* 0.50
        "Cleaner, Vaasa city centre offices",
        "Siivooja, Vaasan keskustan toimistot",
        "Städare, kontor i centrum av Vasa",
    ],
)
def test_where_in_town_the_work_is_names_no_skill(esco_recognizer, text):
    found = esco_recognizer.recognise(text, top_k=8)
    assert found and "clean" in found[0].label("en"), found
    assert not [s for s in found if re.search(r"centre|center|office|discussion|consult", s.label("en"))], (
        found
    )


def test_two_joined_verbs_are_not_read_as_a_verb_and_its_object(esco_recognizer):
    """Outside tester 16, P8: "design and build" gave *design buildings* 0.47."""
    for text in (
        "You will design and build backend services in Python and Django.",
        "design and build backend services",
    ):
        assert "design buildings" not in labels(esco_recognizer, text, top_k=10), text
    assert labels(esco_recognizer, "You design buildings.", top_k=3)[0] == "design buildings"


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # outside tester 16, P8: *cope with challenging demands* 0.43, *record evidence* 0.40
        ("Suomen kielen taitoa ei vaadita, englannilla pärjää.", {"English"}),
        ("Suomen kieli vähintään B1, YKI-todistus tai vastaava.", {"Finnish"}),
        ("YKI-todistus vaaditaan.", set()),
        ("Du klarar dig på engelska.", {"English"}),
        # a coach's note without a language given: the Swedish verb of learning is the language's
        ("Lär sig svenska aktivt.", {"Swedish"}),
    ],
)
def test_words_about_a_language_are_the_language_only(esco_recognizer, text, expected):
    found = esco_recognizer.recognise(text, top_k=8)
    assert {s.label("en") for s in found if s.score >= CONFIDENT_SCORE} == expected, found
    assert not [s for s in found if "evidence" in s.label("en") or "listen" in s.label("en")], found


def test_getting_by_with_customers_is_still_read(esco_recognizer):
    assert "communicate with customers" in labels(
        esco_recognizer, "Pärjäät hyvin asiakkaiden kanssa.", top_k=3
    )


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # outside tester 16, P8: *create moving images* 0.47
        ("Ajokortti B on välttämätön, koska työ on liikkuvaa.", ["drive vehicles"]),
        ("Työ on liikkuvaa.", []),
        ("Työ on fyysistä.", []),
        ("Arbetet är rörligt och omväxlande.", []),
        ("The work is mobile and varied, a driving licence is required.", ["drive vehicles"]),
    ],
)
def test_what_the_work_is_like_names_no_skill(esco_recognizer, text, expected):
    found = esco_recognizer.recognise(text, top_k=5)
    assert [s.label("en") for s in found if s.score >= CONFIDENT_SCORE] == expected, found
    assert not [s for s in found if "moving" in s.label("en") or "physical" in s.label("en")], found


@pytest.mark.parametrize(
    ("text", "kept"),
    [
        ("Työ on itsenäistä ja vaihtelevaa.", "work independently"),  # independence is a skill
        ("Huollat liikkuvaa kalustoa.", "inspect manufacture of rolling stock"),  # mobile equipment
    ],
)
def test_a_trait_that_is_a_skill_or_an_object_is_still_read(esco_recognizer, text, kept):
    assert kept in labels(esco_recognizer, text, top_k=3)


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # outside tester 16, P8: "recognised nowhere" (lift heavy weights 0.26), Kotlin, the crane
        ("Hakijalta edellytetään kykyä nostaa 20 kg taakkoja", ["lift heavy weights"]),
        ("Du ska kunna lyfta 25 kg.", ["lift heavy weights"]),
        ("Must be able to lift up to 25 kg.", ["lift heavy weights"]),
        ("Kotlin", ["computer programming"]),
        ("siltanosturin käyttökokemus", ["operate cranes"]),
    ],
)
def test_a_weight_to_lift_kotlin_and_an_overhead_crane_are_named(esco_recognizer, text, expected):
    found = esco_recognizer.recognise(text, top_k=5)
    assert [s.label("en") for s in found if s.score >= CONFIDENT_SCORE] == expected, found


def test_a_sheet_metal_workers_cutting_is_not_wood(esco_recognizer):
    """Outside tester 15, P10 (left in session 16): *wood cuts* 0.33 for the sheet-metal list."""
    text = "Hitsaaja-levyseppä, töitä ovat hitsaus ja ohutlevytyöt (särmäys, leikkaus)."
    found = labels(esco_recognizer, text, top_k=10)
    assert not [x for x in found if "wood" in x], found
    assert {"cutting technologies", "metal bending techniques"} & set(found), found


def test_a_carpenters_wood_is_still_wood(esco_recognizer):
    found = labels(esco_recognizer, "Kokemusta puun sahauksesta ja höyläyksestä.", top_k=5)
    assert "operate wood sawing equipment" in found, found


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # outside tester 16 (session 16 note): Swedish words in an English sentence were read by their letters
        ("We need a städare for our offices in Vasa.", "clean"),
        ("You will do svetsning and grinding in our workshop.", "weld"),
    ],
)
def test_swedish_words_in_an_english_sentence_are_glossed(esco_recognizer, text, expected):
    found = esco_recognizer.recognise(text, top_k=3)
    assert found and expected in found[0].label("en") and found[0].score >= CONFIDENT_SCORE, found


# -- session 17, issue 12: a job title in a sentence that says a task implies the job's core skills ----
@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # the secretary's essential skills: the switchboard is *communicate by telephone*
        (
            "Toimistosihteerinä vastaat postin käsittelystä, asiakirjojen arkistoinnista ja puhelinvaihteen "
            "hoitamisesta.",
            {"handle mail", "file documents", "communicate by telephone"},
        ),
        # the electrician's: service is maintenance (not a fourth installing skill)
        (
            "Vi söker en elmontör för elinstallationer och service i fastigheter.",
            {"install electrical and electronic equipment", "maintain electrical equipment"},
        ),
        # the radiographer's: the knowledge of radiation protection beside complying with its rules
        (
            "Edellytämme röntgenhoitajan laillistusta ja säteilyturvallisuusmääräysten tuntemusta.",
            {"ensure compliance with radiation protection regulations", "radiation protection"},
        ),
        # the occupational therapist's: treatment programmes, not rehabilitation as a field
        (
            "Toimintaterapeuttina arvioit asiakkaiden toimintakykyä ja suunnittelet yksilöllisiä "
            "kuntoutusjaksoja.",
            {"develop a rehabilitation programme", "create individual treatment programmes"},
        ),
    ],
)
def test_a_title_beside_a_task_implies_the_jobs_core_skills(esco_recognizer, text, expected):
    found = labels(esco_recognizer, text)
    assert expected <= set(found), found


@pytest.mark.parametrize(
    ("sentence", "lang", "says_task"),
    [
        ("Haemme laitoshuoltajaa.", "fi", False),
        ("Talonrakennusalan perustutkinto katsotaan eduksi.", "fi", False),
        ("Haemme rakennusmiehiä kerrostalotyömaalle Tampereelle.", "fi", False),
        ("Vi söker en städare.", "sv", False),
        # Swedish writes its pronouns, possessives, prepositions and numbers as words of their own
        # (Finnish folds them into the noun): they say no task (session 18)
        ("Vi söker två städare till sjukhuset.", "sv", False),
        ("Vi söker till vårt team en svetsare.", "sv", False),
        ("Vi söker en erfaren svetsare till vår verkstad i Vasa.", "sv", False),
        ("Han har jobbat som svetsare på ett varv i Åbo.", "sv", False),
        ("Toimistosihteerinä vastaat postin käsittelystä.", "fi", True),
        ("Vi söker en städare till kontorsstädning och trappstädning.", "sv", True),
        ("Som lokalvårdare gör du underhållsstädning på sjukhusets avdelningar.", "sv", True),
        ("Vi söker en elmontör för elinstallationer och service i fastigheter.", "sv", True),
    ],
)
def test_a_sentence_that_only_names_the_job_implies_no_core_skill(esco_recognizer, sentence, lang, says_task):
    """The job's essential skills weigh more only where the sentence says a task beside the title
    (`own_skill_weight`): in a title, a qualification or a place alone they pushed the tasks the
    ad names out of the top places (session 16)."""
    assert esco_recognizer._says_task(sentence, lang) is says_task


def test_an_ads_cards_sentence_is_not_weighed_by_its_title(esco_recognizer):
    text = "Haemme laitoshuoltajaa. Edellytämme hygieniapassia ja työturvallisuuskorttia."
    weight = esco_recognizer.own_skill_weight
    try:
        esco_recognizer.own_skill_weight = 1.0
        before = labels(esco_recognizer, text, top_k=8)
    finally:
        esco_recognizer.own_skill_weight = weight
    assert labels(esco_recognizer, text, top_k=8) == before


@pytest.mark.parametrize(
    ("word", "lemma"),
    [
        ("rokotuksia", "rokotus"),  # "Annat rokotuksia" (fi-dev2): no Finnish skill label has the word
        ("lakanat", "lakana"),  # "vaihtaa lakanat" (fi-dev4): only *make the beds*' description has it
        ("piirustuksia", "piirustus"),  # a label word: read as before
    ],
)
def test_finnish_words_only_esco_descriptions_use_are_lemmatised(esco_recognizer, word, lemma):
    """Issue 12, session 18: the lemma table also holds the forms of the words of ESCO's Finnish
    skill descriptions, so that an ad's everyday word meets the description's lemma document."""
    assert esco_recognizer.tools.lemmatise(word, "fi") == lemma


def test_a_description_is_indexed_by_the_lemmas_no_label_uses(esco_recognizer):
    """The Finnish description of *make the beds* ("Vaihtaa puhtaat lakanat, kääntää patjat, …") is
    also indexed by its lemmas that no Finnish skill label uses ("lakana", "patja"); the words the
    labels use ("vaihtaa", "puhdas") are left to the labels: with them, descriptions outweighed
    the skill a label names (*answer incoming calls* over *communicate by telephone*)."""
    lemmas = esco_recognizer._unlabelled_lemmas(
        "Vaihtaa puhtaat lakanat, kääntää patjat, pöyhiä tyynyt ja vaihtaa tyynyliinat."
    )
    assert "lakana" in lemmas
    assert not {"vaihtaa", "puhdas", "kääntää"} & set(lemmas)


def test_a_machine_driven_in_an_ad_is_operated_in_esco(esco_recognizer):
    """Issue 12: "Osaan ajaa trukkia" named *drive vehicles* first and the forklift fourth; ESCO's
    Finnish labels *use* a machine ("käyttää haarukkatrukkia"), ads *drive* it (`FINNISH_LABEL_VERBS`)."""
    assert "operate forklift" in labels(esco_recognizer, "Osaan ajaa trukkia.", top_k=3)


def _occupation_labels(recognizer, text, lang):
    taxonomy = recognizer.occupation_taxonomy_
    english = taxonomy.tables.occupation_labels["en"]
    return {english[taxonomy.occupation_index[u]] for u in recognizer.occupations_in(text, lang)}


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # a word in a local case that only its lemma makes a title names a thing ("malli": a model)
        ("Opettaja vastaa oppimisen tuen kolmiportaisesta mallista.", set()),
        # a title of two words before its last word alone (ESCO's "assistentti" is a lecturer's)
        ("Olen työskennellyt johdon assistenttina.", {"executive assistant"}),
        # an alternative label shared by an occupation and its specialisations names the general one
        ("Olen koulutukseltani autonasentaja.", {"vehicle technician"}),
        # a compound whose head is a title names that occupation, or the closest ESCO one
        ("Haemme kouluterveydenhoitajaa.", {"nurse responsible for general care"}),
        ("Päivystyslääkäri", {"general practitioner"}),
        ("Haemme kunnossapitoasentajaa.", {"industrial machinery mechanic"}),
        # … and the titles ending with the whole compound come first: a vet, not a doctor
        (
            "Haemme eläinlääkäriä.",
            {"specialised veterinarian", "official veterinarian", "general veterinarian"},
        ),
        # the glossary's reading of the personal assistant of a disabled person (ISCO 5322)
        ("Haemme henkilökohtaista avustajaa.", {"home care aide"}),
        # everyday nouns that end odd titles name none ("asiakas", "oppilas")
        ("Kokemusta asiakkaiden ja oppilaiden kohtaamisesta.", set()),
    ],
)
def test_a_finnish_text_names_the_occupation_a_recruiter_reads(esco_recognizer, text, expected):
    assert _occupation_labels(esco_recognizer, text, "fi") == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("I have worked as a practical nurse for five years.", {"healthcare assistant"}),
        (
            "We need registered nurses and practical nurses for our ward.",
            {"nurse responsible for general care", "healthcare assistant"},
        ),
        ("She worked as a cleaner in a hotel.", {"building cleaner"}),
        ("Cleaner for offices in the city centre.", {"building cleaner"}),
        # a one-word title that is an everyday word too is read only as the job held or sought
        ("Cleaner environments are safer.", set()),
        ("A cleaner environment for all.", set()),
    ],
)
def test_english_prose_names_the_glossarys_titles(esco_recognizer, text, expected):
    assert _occupation_labels(esco_recognizer, text, "en") == expected


def test_a_practical_nurse_in_english_prose_is_no_gardener(esco_recognizer):
    found = labels(esco_recognizer, "I have worked as a practical nurse for five years.", top_k=8)
    assert not {"nurse plants", "nurse trees"} & set(found), found
    assert "support nurses" in found[:3], found


def test_cleaning_offices_is_cleaning_not_office_equipment(esco_recognizer):
    found = labels(esco_recognizer, "Cleaner for offices in the city centre.", top_k=5)
    assert all("clean" in label for label in found[:3]), found
    assert "office equipment" not in found, found


@pytest.mark.parametrize(
    ("text", "absent", "expected"),
    [
        # the label's distinguishing place is absent: a kitchen is no farm, a weld no mine
        (
            "Huolehdit keittiön puhtaudesta.",
            "perform farm equipment hygiene",
            "maintain work area cleanliness",
        ),
        ("You will weld.", "weld mining machinery", "operate welding equipment"),
    ],
)
def test_a_label_whose_place_of_work_the_text_does_not_name_weighs_less(
    esco_recognizer, text, absent, expected
):
    found = labels(esco_recognizer, text, top_k=5)
    assert found[0] == expected, found
    assert absent not in found, found


def test_a_farm_named_keeps_its_farm_skills(esco_recognizer):
    found = labels(esco_recognizer, "Huolehdit maatilan koneiden puhtaudesta.", top_k=5)
    assert "perform farm equipment hygiene" in found, found


def test_who_can_get_by_in_a_language_says_nothing_more(esco_recognizer):
    assert labels(esco_recognizer, "You can get by in English.", top_k=5) == ["English"]


def test_an_english_title_one_works_with_is_not_the_job(esco_recognizer):
    text = "You'll be working closely with our backend developer and designers."
    assert esco_recognizer.occupations_in(text, "en") == ()


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # outside tester 18, P2: the registration without the title beside it gave nothing
        ("Sairaanhoitaja\nEdellytämme laillistusta Valviran rekisterissä.", "implement nursing care"),
        (
            "<p><strong>Sairaanhoitaja</strong></p><ul><li>Laillistus Valviran rekisteriss&auml;</li></ul>",
            "implement nursing care",
        ),
        ("Lähihoitaja, kotihoito\n- Laillistus Valviran rekisterissä", "provide basic support to patients"),
        ("Sjukskötare till hemvården\nLegitimation hos Valvira krävs.", "implement nursing care"),
    ],
)
def test_a_registration_in_an_ad_naming_a_registered_title_gives_its_skill(esco_recognizer, text, expected):
    found = esco_recognizer.recognise(text, top_k=5)
    assert (found[0].label("en"), found[0].score) == (expected, 1.0), [r.label("en") for r in found]


def test_a_registration_alone_names_no_skill_and_is_told(esco_recognizer):
    from services.matching.index.domain.recognition import names_registration

    text = "Edellytämme laillistusta Valviran rekisterissä."
    assert esco_recognizer.recognise(text, top_k=5) == []
    assert names_registration(text) and not names_registration("Tarjoamme lounasedun.")


@pytest.mark.parametrize(
    ("text", "word"),
    [
        ("We are hiring a hitsaaja to our konepaja.", "weld"),  # outside tester 18, P7
        ("Looking for a hitsaaja with tulityökortti for our konepaja in Nokia.", "weld"),
        ("We need a putkiasentaja for our sites.", "pip"),
    ],
)
def test_a_finnish_occupation_title_in_an_english_sentence_is_read_as_the_occupation(
    esco_recognizer, text, word
):
    found = [r.label("en") for r in esco_recognizer.recognise(text, top_k=5)]
    assert any(word in f for f in found), found
    assert "welder" in esco_recognizer._finnish_words_glossed("a hitsaaja to our konepaja")


def test_a_title_line_and_a_qualification_named_after_the_job_give_the_same_skills(esco_recognizer):
    """One step reads an occupation a sentence names (`_add_central`): a line that is the job
    title alone and a qualification named after it whose words are not read both give the
    occupation's most central skills at the confidence line, in the same order."""
    line = esco_recognizer.recognise("Kiinteistönhoitaja, Vaasa", top_k=5, lang="fi")
    qualification = esco_recognizer.recognise("Kiinteistönhoitajan ammattitutkinto", top_k=5, lang="fi")
    assert [r.uri for r in line] == [r.uri for r in qualification]
    assert all(r.score >= CONFIDENT_SCORE for r in line)


@pytest.mark.parametrize("heading", ["TEHTÄVÄSI", "VAATIMUKSET", "EDELLYTÄMME:", "Vi förutsätter:"])
def test_an_ads_section_heading_alone_names_no_skill(esco_recognizer, heading):
    """Outside tester 18, P8: "TEHTÄVÄSI" gave *meet commitments* 0.49, "VAATIMUKSET" *meet picking
    standards* 0.47; the lines under it are still read."""
    assert esco_recognizer.recognise(heading, top_k=5) == []
    found = esco_recognizer.recognise(f"{heading}\n- Trukkikortti", top_k=5)
    assert found and found[0].label("en") == "operate forklift", [r.label("en") for r in found]


@pytest.mark.parametrize(
    "line", ["OFFER: Kilpailukykyinen palkka & hyvät työvuorot.", "Competitive salary and benefits."]
)
def test_a_line_offering_pay_names_no_skill(esco_recognizer, line):
    """Outside tester 18, P8: it gave *ensure price competitiveness* 0.39."""
    assert esco_recognizer.recognise(line, top_k=5) == []


@pytest.mark.parametrize(
    ("text", "lang"),
    [
        ("Arvostamme kokemusta Apotti-järjestelmän käytöstä.", "fi"),
        ("Kirjaukset tehdään Lifecareen ja lähetteet Pegasoksen kautta.", "fi"),
        ("Olen käyttänyt Efficaa ja Uranusta osastotyössä.", "fi"),
        ("Kokemus Omni360-potilastietojärjestelmästä on eduksi.", "fi"),
        ("Meriterande är vana att dokumentera i Apotti.", "sv"),
        ("Experience with Apotti or Lifecare is an advantage.", "en"),
    ],
)
def test_finnish_patient_record_systems_name_electronic_health_records(esco_recognizer, text, lang):
    """Issue 12, session 19: Finland's patient-record systems, named by product in any language and
    case, are ESCO's electronic-health-record skills (a rule: no ESCO label names them)."""
    found = labels(esco_recognizer, text, lang=lang, top_k=5)
    assert {
        "use electronic health records management system",
        "use electronic health records in nursing",
    } <= set(found)


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Valid driving licence required.", "drive vehicles"),
        ("B-ajokortti ja tulityökortti.", "perform first fire intervention"),
        ("Install suspended ceilings.", "install drop ceiling"),
        ("Hyllytät tuotteet myymälän hyllyille.", "stock shelves"),
    ],
)
def test_licence_words_that_negate_only_next_to_a_licence(esco_recognizer, text, expected):
    """T26-9's cues ("suspended", "hyllyllä") negate a licence, not an ad's suspended ceiling or shelf."""
    assert expected in labels(esco_recognizer, text, top_k=5)


def test_a_cards_validity_date_suggests_nothing_of_its_own(esco_recognizer):
    """T26-10: "valid until 2028" gave *validate raw materials* 0.48 beside the licence."""
    assert labels(esco_recognizer, "Driving licence valid until 2028.", top_k=5) == ["drive vehicles"]


@pytest.mark.parametrize(
    "text",
    ["Training on our routes is provided.", "Training for the role is given by our senior drivers."],
)
def test_the_employers_promise_to_train_with_words_between_suggests_nothing(esco_recognizer, text):
    """Outside tester 26, T26-8: on a bus-driver ad "Training on our routes is provided." gave *train
    routes* and *provide technical training* as the vacancy's suggestions."""
    assert labels(esco_recognizer, text) == []


def test_training_the_job_asks_for_is_still_read(esco_recognizer):
    """The promise's pattern is passive: a trainer's duty ("Provide training to new staff.") stays."""
    assert "provide technical training" in labels(esco_recognizer, "Provide training to new staff.")
