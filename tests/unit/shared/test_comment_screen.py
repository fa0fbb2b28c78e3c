"""The special-category screen of outcome comments and other free text that reaches other organisations
(outside tester 20, P1): each labelled line of data/comment_screen.tsv, per category and language, and
the inflected forms the stems are there for."""

from __future__ import annotations

import pytest

from benchmarks.comment_screen import FRESH as FRESH_PATH
from benchmarks.comment_screen import FRESH21 as FRESH21_PATH
from benchmarks.comment_screen import FRESH22 as FRESH22_PATH
from benchmarks.comment_screen import FRESH23 as FRESH23_PATH
from benchmarks.comment_screen import load
from shared.pii import find_sensitive_data

ROWS = load()


def _kinds(text: str) -> set[str]:
    return {f.kind for f in find_sensitive_data(text)}


@pytest.mark.parametrize(
    ("expected", "language", "text"),
    [r for r in ROWS if r[0] != "pass"],
    ids=[f"{r[0]}-{r[1]}-{i}" for i, r in enumerate(r for r in ROWS if r[0] != "pass")],
)
def test_a_special_category_wording_is_found_with_its_kind(expected, language, text):
    assert expected in _kinds(text), (language, text, _kinds(text))


@pytest.mark.parametrize(
    ("language", "text"),
    [r[1:] for r in ROWS if r[0] == "pass"],
    ids=[f"pass-{r[1]}-{i}" for i, r in enumerate(r for r in ROWS if r[0] == "pass")],
)
def test_an_ordinary_work_comment_passes(language, text):
    assert _kinds(text) == set(), (language, text)


def test_the_labelled_set_covers_every_category_in_numbers():
    """At least ten wordings per category across the three languages, each language in each category, and
    at least 60 ordinary comments (the brief of session 20)."""
    by_kind: dict[str, set[str]] = {}
    counts: dict[str, int] = {}
    for expected, language, _ in ROWS:
        by_kind.setdefault(expected, set()).add(language)
        counts[expected] = counts.get(expected, 0) + 1
    assert counts.pop("pass") >= 60
    for kind in (
        "birth_date",
    ):  # a birth year among the age wordings of session 21, not a category of the set
        counts.pop(kind, None)
        by_kind.pop(kind, None)
    assert all(n >= 10 for n in counts.values()), counts
    assert all(by_kind[k] == {"fi", "sv", "en"} for k in counts), by_kind
    assert {"criminal_record", "immigration_status", "political_opinion"} <= set(counts)


@pytest.mark.parametrize(
    ("text", "kind"),
    [
        # Finnish cases and consonant gradation: one stem, every form
        ("Liikkuu pyörätuolilla.", "health_data"),
        ("Pyörätuolinkäyttäjä.", "health_data"),
        ("Kuuron on vaikea asioida puhelimessa.", "health_data"),
        ("Merkintä rikosrekisterissä.", "criminal_record"),
        ("Vapautui vankilasta keväällä.", "criminal_record"),
        ("Oleskeluluvan jatko haettu.", "immigration_status"),
        ("Turvapaikkahakemus käsittelyssä.", "immigration_status"),
        ("Kokoomuksen jäsen.", "political_opinion"),
        ("Ammattiliiton jäsen.", "trade_union_membership"),
        ("Lapsensa ovat pieniä.", "family_status"),
        # Swedish and English inflection
        ("Uppehållstillståndet går ut i mars.", "immigration_status"),
        ("Han dömdes för misshandel.", "criminal_record"),
        ("Convicted of fraud.", "criminal_record"),
        ("Asylum-seeker status pending.", "immigration_status"),
        ("Wheelchairs are not a problem for her, she uses one.", "health_data"),
        # a phone number entirely in spoken-Finnish numerals
        ("nolla viis nolla yks kaks kolme nelonen viis kuus seiska", "phone"),
    ],
)
def test_inflected_and_compound_forms_are_found(text, kind):
    assert kind in _kinds(text), (text, _kinds(text))


@pytest.mark.parametrize(
    "text",
    [
        # the same words as the field of someone's work pass
        "Kokemusta vankien ohjauksesta.",
        "Work experience with refugees at a reception centre.",
        "Arbetat med asylsökande barn som handledare.",
        "Kokemusta kuurojen asiakkaiden kanssa.",
        "Katkaisuhoitoyksikön sairaanhoitaja.",
        # words that only begin like a listed stem
        "Toimii puolueettomasti.",
        "Beroende på vädret.",
        "Makes protest signs and protective gear.",
    ],
)
def test_the_work_sense_and_look_alike_words_pass(text):
    assert _kinds(text) == set(), (text, _kinds(text))


FRESH = load(FRESH_PATH)
KNOWN_MISSES = {"Selkä leikattu keväällä."}
"""Fresh-set lines still missed: a bare "leikattu" is also a haircut or a cut price."""


@pytest.mark.parametrize(
    ("expected", "language", "text"),
    [r for r in FRESH if r[2] not in KNOWN_MISSES],
    ids=[f"fresh-{r[0]}-{r[1]}-{i}" for i, r in enumerate(r for r in FRESH if r[2] not in KNOWN_MISSES)],
)
def test_the_fresh_set_as_labelled_since_its_misses_were_added(expected, language, text):
    """comment_screen_fresh.tsv was measured once untuned (30 of 40 refused, 24 of 24 passed; docs/benchmarks.md);
    its misses were then added to the lists (English diseases and aids, "in his fifties", "single mum",
    party names, "fackligt förtroendevald", "lesbisk") and are kept here."""
    kinds = _kinds(text)
    assert (not kinds) if expected == "pass" else (expected in kinds), (language, text, kinds)


FRESH21 = load(FRESH21_PATH)
KNOWN_MISSES21 = {
    "Vähän yli 50 vuotta vanha.",  # "N vuotta vanha" is as often a company's or a building's age
    "Vie lapset hoitoon ennen töitä.",  # "töitä" reads "lapset" as the field of work
}
"""Fresh21 lines still not as labelled after its misses were added (22:25 UTC)."""


@pytest.mark.parametrize(
    ("expected", "language", "text"),
    [r for r in FRESH21 if r[2] not in KNOWN_MISSES21],
    ids=[
        f"fresh21-{r[0]}-{r[1]}-{i}" for i, r in enumerate(r for r in FRESH21 if r[2] not in KNOWN_MISSES21)
    ],
)
def test_the_session_21_fresh_set_as_labelled_since_its_misses_were_added(expected, language, text):
    """comment_screen_fresh21.tsv was written before session 21's changes and measured on main (13 of 85
    refused, 50 of 62 passed) and once after tuning on other sets (71/85, 59/62; docs/benchmarks.md); its
    misses were then added to the lists, so it is a tuning set now."""
    kinds = _kinds(text)
    assert (not kinds) if expected == "pass" else (expected in kinds), (language, text, kinds)


@pytest.mark.parametrize("text", sorted(KNOWN_MISSES21))
def test_the_session_21_known_misses_are_still_missed(text):
    """When one of these starts reading as labelled, move it out of KNOWN_MISSES21."""
    expected = next(r[0] for r in FRESH21 if r[2] == text)
    kinds = _kinds(text)
    assert ((not kinds) if expected == "pass" else (expected in kinds)) is False, (text, kinds)


FRESH22 = load(FRESH22_PATH)
NOT_AS_LABELLED22 = {
    "Jakaa puolueensa vaalimainoksia viikonloppuisin",
    "Stood as a Green candidate in the council elections",
    "Very vocal about his far-right views",
    "Toimii ammattiosaston puheenjohtajana",
    "Hon är fackombud på sin arbetsplats",
    "She organised a union drive at her last warehouse job",
    "Tuli kaapista viime keväänä",
    "Hän on aseksuaali",
    "Hon lever i en samkönad relation",
    "Hen är ickebinär",
    "He came out to the team last month",
    "Is in the middle of transitioning",
    "Han har fotboja fram till juni",
    "He is on a community service order",
    "Käy säännöllisesti fysioterapiassa olkapään takia",
    "Hänellä todettiin keväällä rintasyöpä",
    "She is undergoing chemotherapy",
    "Perheeseen syntyi kaksoset",
    "Observes Shabbat, so no Friday evening shifts",
    "Har jobbat som kontorist på ett fackförbund i Helsingfors",
    "Erfarenhet av arbete med missbrukare på ett härbärge",
    "Family support worker visiting parents with newborns",
}
"""Fresh22 lines not as labelled when it was measured after session 22's changes (05:39 UTC). The set is kept
untuned: these are not to be fixed by looking at them; the test only guards the lines that read as labelled."""


@pytest.mark.parametrize(
    ("expected", "language", "text"),
    [r for r in FRESH22 if r[2] not in NOT_AS_LABELLED22],
    ids=[
        f"fresh22-{r[0]}-{r[1]}-{i}"
        for i, r in enumerate(r for r in FRESH22 if r[2] not in NOT_AS_LABELLED22)
    ],
)
def test_the_session_22_fresh_set_reads_as_measured(expected, language, text):
    """comment_screen_fresh22.tsv was written before session 22's changes, measured on main (60 of 92 refused,
    57 of 65 passed) and once after tuning on other sets (73/92, 62/65; docs/benchmarks.md). Untuned: a line
    that reads as labelled must keep doing so; NOT_AS_LABELLED22 is what it measured short."""
    kinds = _kinds(text)
    assert (not kinds) if expected == "pass" else (expected in kinds), (language, text, kinds)


FRESH23 = load(FRESH23_PATH)
#: Said of the person only through a partner's sex: no wording to find (the writer is told by the README).
NOT_AS_LABELLED23 = {"Hänellä on vaimo, vaikka on itse nainen"}


@pytest.mark.parametrize(
    ("expected", "language", "text"),
    [r for r in FRESH23 if r[2] not in NOT_AS_LABELLED23],
    ids=[
        f"fresh23-{r[0]}-{r[1]}-{i}"
        for i, r in enumerate(r for r in FRESH23 if r[2] not in NOT_AS_LABELLED23)
    ],
)
def test_the_session_23_set_reads_as_labelled(expected, language, text):
    """comment_screen_fresh23.tsv (outside tester 24's earlier-left: sexual orientation and political activity,
    with work-context traps such as a party's office or LGBT+ youth work as the job) was written before session
    23's changes and measured on main (4 of 35 refused, 19 of 26 passed), then tuned on (60 of 61 as
    labelled): a tuning set now (docs/benchmarks.md)."""
    kinds = _kinds(text)
    assert (not kinds) if expected == "pass" else (expected in kinds), (language, text, kinds)


FRESH26 = load(FRESH23_PATH.with_name("comment_screen_fresh26.tsv"))


@pytest.mark.parametrize(
    ("expected", "language", "text"),
    FRESH26,
    ids=[f"fresh26-{r[0]}-{r[1]}-{i}" for i, r in enumerate(FRESH26)],
)
def test_the_session_26_set_reads_as_labelled(expected, language, text):
    """comment_screen_fresh26.tsv was written before session 26's changes and measured on main (14 of 38
    refused, 27 of 27 passed); after the changes, which were made for the tester's own inputs, 38/38 and
    27/27 (docs/benchmarks.md)."""
    kinds = _kinds(text)
    assert (not kinds) if expected == "pass" else (expected in kinds), (language, text, kinds)


FRESH27 = load(FRESH23_PATH.with_name("comment_screen_fresh27.tsv"))


@pytest.mark.parametrize(
    ("expected", "language", "text"),
    FRESH27,
    ids=[f"fresh27-{r[0]}-{r[1]}-{i}" for i, r in enumerate(FRESH27)],
)
def test_the_session_27_set_reads_as_labelled(expected, language, text):
    """Outside tester 27, T27-8: medication, pregnancy without the word "child" ("Hän odottaa kolmatta", "Hon
    väntar sitt tredje"), drug use, a pending citizenship or work-permit application and a shelter or child
    protection passed handover notes. comment_screen_fresh27.tsv holds the tester's notes and other wordings
    of those kinds with job-related traps ("Lääkehoito", "turvallisuus", "odottaa vastausta", a shelter as
    the workplace, a citizenship the job requires); written before session 27's changes and measured on main
    (3 of 34 refused, 16 of 17 passed), then tuned on: 34/34 and 17/17 (docs/benchmarks.md)."""
    kinds = _kinds(text)
    assert (not kinds) if expected == "pass" else (expected in kinds), (language, text, kinds)


@pytest.mark.parametrize(
    ("text", "kind"),
    [
        ("Venäläinen, muutti Suomeen 2015.", "ethnic_origin"),
        ("Somalialaistaustainen, puhuu hyvää suomea.", "ethnic_origin"),
        ("Romani, haluaa näyttää osaamisensa.", "ethnic_origin"),
        ("Käyttää huivia työssä.", "religion"),
        ("Syntynyt -72, kokenut hitsaaja.", "birth_date"),
        ("Nuori, 19 v., ensimmäinen työpaikka.", "age"),
        ("Toipuu loppuunpalamisesta, jaksaa vain osa-aikatyötä.", "health_data"),
        ("Käy fysioterapiassa polven takia, ei raskaita nostoja.", "health_data"),
        ("aino.virtanen@gmail·com", "email"),
        ("Lives at 12 Main Street, Vaasa.", "street_address"),
    ],
)
def test_outside_tester_26s_comments_are_refused_with_their_kind(text, kind):
    """Outside tester 26, T26-1: each was stored (201) as an outcome comment or a handover note."""
    assert kind in _kinds(text)


@pytest.mark.parametrize(
    "text",
    [
        "Tamperelainen, oma auto.",
        "Finnish, native; English, good.",
        "Kokemus: 20 v.",
        "Hitsaus 20 v., MIG.",
        "IT-taustainen, osaa Excelin.",
        "Venäjän kieli, sujuva.",
        "Drove route 12 on Main Street line for two years.",
    ],
)
def test_work_wordings_near_the_new_rules_pass(text):
    assert not _kinds(text)


FRESH28 = load(FRESH23_PATH.with_name("comment_screen_fresh28.tsv"))


@pytest.mark.parametrize(
    ("expected", "language", "text"),
    FRESH28,
    ids=[f"fresh28-{r[0]}-{r[1]}-{i}" for i, r in enumerate(FRESH28)],
)
def test_the_session_28_set_reads_as_labelled(expected, language, text):
    """Outside tester 28, T28-7: marriage and divorce in Finnish and Swedish ("Meni naimisiin", "avioliiton
    myötä", "Hon gifte sig", "Han skilde sig"), a hospital stay ("Oli sairaalassa", "låg på sjukhus"), a
    doctor's visit ("Kävi lääkärissä", "Var hos läkaren") and an allergy ("allergia puhdistusaineille") passed
    outcome comments while their English twins or other Finnish forms were refused. comment_screen_fresh28.tsv
    holds the tester's notes, other wordings of those kinds in fi/sv/en and job-related traps (a hospital or a
    doctor's surgery as the workplace, allergies as a cook's knowledge, weddings as catering, "erosi" as
    resigning); written before session 28's changes and measured on main (0 of 51 refused, 26 of 26 passed),
    then tuned on: 51/51 and 26/26 (docs/benchmarks.md)."""
    kinds = _kinds(text)
    assert (not kinds) if expected == "pass" else (expected in kinds), (language, text, kinds)


@pytest.mark.parametrize(
    ("text", "kind"),
    [
        # inflected forms of the same kinds (Finnish cases, Swedish and English tenses)
        ("Joutui sairaalahoitoon keväällä.", "health_data"),
        ("Sairaalareissun jälkeen jaksaa taas.", "health_data"),
        ("Hon har varit inlagd två veckor.", "health_data"),
        ("Was hospitalized twice this year.", "health_data"),
        ("Lääkärikäynnit vievät aikaa.", "health_data"),
        ("Har läkarbesök på torsdag.", "health_data"),
        ("Kävi terveyskeskuksessa maanantaina.", "health_data"),
        ("Allergian takia ei voi siivota.", "health_data"),
        ("Antibiotic allergy, cannot take penicillin.", "health_data"),
        ("Hon har skilt sig.", "family_status"),
        ("Gifte sig 2020.", "family_status"),
        ("Avioitui toukokuussa.", "family_status"),
        ("Erosivat viime vuonna.", "family_status"),
        ("Got engaged last week.", "family_status"),
    ],
)
def test_other_forms_of_tester_28s_kinds_are_refused(text, kind):
    assert kind in _kinds(text)


@pytest.mark.parametrize(
    "text",
    [
        "Tulokset erosivat toisistaan selvästi.",
        "Erosi yhdistyksen hallituksesta.",
        "Resultatet skilde sig från förra året.",
        "Gift wrapping at Christmas.",
        "Worked in a hospital kitchen.",
        "Siivoaa terveyskeskuksessa iltaisin.",
        "Wedding planner with five years experience.",
        "Avioliittoon vihkiminen tuttua maistraatin työstä.",
    ],
)
def test_work_and_everyday_wordings_near_tester_28s_kinds_pass(text):
    assert not _kinds(text)


@pytest.mark.parametrize(
    ("text", "identifier", "kinds"),
    [
        ("mielenterveyskuntoutujat-pirkanmaa", True, ["health_data"]),
        ("paihdekuntoutujat_tampere", True, ["health_data"]),
        ("osatyokykyiset-pirkanmaa", True, ["health_data"]),
        ("yksinhuoltajat-espoo", True, ["family_status"]),
        ("yli50-korkeakoulutetut", True, []),
        ("ikaantyneet-pirkanmaa", True, []),
        ("Mielenterveyskuntoutujien ja päihdekuntoutujien palveluseteli (Pirkanmaa)", False, ["health_data"]),
        ("Service voucher for people with disabilities", False, ["health_data"]),
        ("Korkeakoulutetut yli 50-vuotiaat, palveluseteli", False, []),
        ("Ikääntyneiden työnhakijoiden palveluseteli", False, []),
    ],
)
def test_a_group_name_may_state_its_age_rule_but_no_other_special_category(text, identifier, kinds):
    """Outside tester 28, T28-8 (``shared.pii.group_name_kinds``): a pilot's id and name travel with its clients."""
    from shared.pii import group_name_kinds

    assert group_name_kinds(text, identifier=identifier) == kinds
