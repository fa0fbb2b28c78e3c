"""Every example of the README's CV paragraph (section "Skill recognition", `"context": "cv"`) sent
through `POST /api/v1/skills/recognise` as a coach's client sends it, and its rows checked (issue 12,
session 39, helper `cvsplit39`; outside tester 39b: the README's own "Kokki 2015 – nyt." and "Cook
March 2015 – August 2019." gave no row through the endpoint while the unit tests of the period
passed). A change to that paragraph changes this list with it."""

from datetime import UTC, datetime

import pytest

from tests.api.matching_world import Clock, matching_app
from tests.helpers import auth

# recognition reads no storage: the PostgreSQL half is opt-in (KOHTAANTO_TEST_POSTGRES_ALL=1, tests/api/conftest.py)
pytestmark = pytest.mark.storage_independent

COACH = auth("coach", "tampere-tyollisyys")
URL = "/api/v1/skills/recognise"
NOW = datetime.now(UTC).replace(
    hour=12, minute=0, second=0, microsecond=0
)  # noon UTC: the same day in Finland (the service reads local_day)
Y = NOW.year
TITLE = {"fi": "Kokki", "sv": "Kock", "en": "Cook"}
ONGOING = object()
"""`ended_year` null and `ongoing`."""


def to_now(year, month=None):
    return Y - year if month is None else round(((Y - year) * 12 + NOW.month - month) / 12, 1)


@pytest.fixture(scope="module")
def client(tmp_path_factory):
    url = f"sqlite:///{tmp_path_factory.mktemp('readme') / 'matching.db'}"
    return matching_app(url, Clock(NOW)).test_client()


def answer(client, text, lang):
    r = client.post(URL + "?lang=fi", json={"text": text, "context": "cv", "lang": lang}, headers=COACH)
    assert r.status_code == 200, r.get_json()
    return r.get_json()


# (language, the period as the README writes it, years, ended_year or ONGOING, in work_history)
PERIODS = [
    ("fi", "lounasravintolassa 2010-2022.", 12, 2022, True),
    ("sv", "på lunchrestaurang 2010-2022.", 12, 2022, True),
    ("en", "at a lunch restaurant 2010-2022.", 12, 2022, True),
    ("fi", "2015-19", 4, 2019, True),
    ("fi", "1998–03", 5, 2003, True),
    ("fi", "vuodesta 2010 vuoteen 2015", 5, 2015, True),
    ("sv", "från 2010 till 2015", 5, 2015, True),
    ("fi", "3/2015–8/2019", 4.5, 2019, True),
    ("fi", "1.3.2015–31.8.2019", 4.5, 2019, True),
    ("fi", "maaliskuu 2015 – elokuu 2019", 4.5, 2019, True),
    ("en", "March 2015 – August 2019", 4.5, 2019, True),
    ("fi", "2015 – nyt.", to_now(2015), ONGOING, True),
    ("en", "March 2015 – August 2019.", 4.5, 2019, True),
    ("fi", "kevät 2021 –", to_now(2021, 4), ONGOING, True),
    ("fi", "2015–", to_now(2015), ONGOING, True),
    ("fi", "2019–nyt", to_now(2019), ONGOING, True),
    ("fi", "2019–nykyään", to_now(2019), ONGOING, True),
    ("en", "2018–present", to_now(2018), ONGOING, True),
    ("sv", "2019–nu", to_now(2019), ONGOING, True),
    ("sv", "sedan 2019", to_now(2019), ONGOING, True),
    ("en", "since 2019", to_now(2019), ONGOING, True),
    ("fi", "vuodesta 2019", to_now(2019), ONGOING, True),
    ("fi", "2019 lähtien", to_now(2019), ONGOING, True),
    ("fi", "03/2019 → nyt", to_now(2019, 3), ONGOING, True),
    ("fi", "2019 → 2022", 3, 2022, True),
    ("en", "2019->2022", 3, 2022, True),
    ("fi", "2019/08–2021/05", 1.8, 2021, True),
    ("fi", "2019-08 – 2021-05", 1.8, 2021, True),
    ("fi", "v. 2008–2011", 3, 2011, True),
    ("fi", "vv. 2008–2011", 3, 2011, True),
    ("fi", "2019–2020, 2022–nyt", 1 + to_now(2022), ONGOING, True),
    ("fi", "2012–2016 ja taas 2018–2020", 6, 2020, True),
    ("sv", "2013–2016 och igen 2018–", 3 + to_now(2018), ONGOING, True),
    ("fi", "2000–2010, 2005–2015", 15, 2015, True),
    ("fi", "2019–2027", to_now(2019), ONGOING, True),
    ("fi", "vuoteen 2015 asti", None, 2015, False),
    ("en", "until 2015", None, 2015, False),
    ("sv", "fram till 2015", None, 2015, False),
    ("fi", "1,5 vuotta", 1.5, None, False),
    ("fi", "kolme vuotta", 3, None, False),
    ("fi", "n. 3 vuotta", 3, None, False),
    ("fi", "3 v 6 kk", 3.5, None, False),
    ("fi", "3 vuotta 6 kuukautta", 3.5, None, False),
    ("fi", "2v", 2, None, False),
    ("fi", "-5 vuotta", None, None, False),
    ("fi", "3-5 vuotta", None, None, False),
    ("fi", "– 5 vuotta", 5, None, False),
    ("sv", "två år", 2, None, False),
    ("sv", "ett halvår", 0.5, None, False),
    ("en", "two years", 2, None, False),
    ("fi", "2027–", None, None, False),
    ("fi", "2019–2015", None, None, False),
    ("fi", "1899–1905", None, None, False),
    ("fi", "2015–2019 (osa-aikainen)", 4, 2019, True),
    # a bare end year after a month to its December, a bare start year from its January (cvread40)
    ("fi", "3/2015–2019", 4.8, 2019, True),
    ("fi", "01/03/2015 – 31/12/2019", 4.8, 2019, True),
    ("fi", "2015–8/2019", 4.7, 2019, True),
    ("fi", "2015–2019, 3/2020–5/2021", 5.2, 2021, True),
]


@pytest.mark.parametrize(("lang", "period", "years", "ended", "row"), PERIODS)
def test_the_readmes_periods(client, lang, period, years, ended, row):
    a = answer(client, f"{TITLE[lang]} {period}", lang)
    [work] = a["named_work"]
    assert work["label"] == "kokki"
    assert work["years"] == years
    if ended is ONGOING:
        assert work["ended_year"] is None and work["ongoing"]
    else:
        assert work["ended_year"] == ended and not work["ongoing"]
    assert work["in_work_history"] is row
    assert [r["occupation_uri"] for r in a["work_history"]] == ([work["occupation_uri"]] if row else [])


def test_a_bare_asti_gives_no_period(client):
    [work] = answer(client, "Kokki 2015 asti", "fi")["named_work"]
    assert (work["years"], work["ended_year"], work["missing"]) == (None, None, ["years", "ended_year"])


# (text, language or None, the Finnish labels of `work_history` in order / of `named_work` when no row)
TITLES = [
    ("Valmistunut lähihoitajaksi 2026.", "fi", []),
    ("Olen lähihoitaja.", "fi", []),
    ("Warehouse worker 2014-2021.", "en", ["varastotyöntekijä"]),
    ("Worked as a bus driver in Tampere 2015–2020.", "en", ["linja-autonkuljettaja"]),
    ("Welder, engineering workshop, 2005-2019.", "en", ["hitsaaja"]),
    ("Arbetade som lagerarbetare 2014-2021.", "sv", ["varastotyöntekijä"]),
    ("Toimin betonipumppuauton kuljettajana 2014-2021.", "fi", ["betonipumppuauton kuljettaja"]),
    ("Kassamyyjä 2014-2021.", "fi", ["myyjä"]),
    ("Työskentelin kassamyyjänä 2014-2021.", "fi", ["myyjä"]),
    ("Kassatyöntekijä 2014-2021.", "fi", ["kassanhoitaja"]),
    ("Truck driver 2015–2020.", None, ["tavaraliikenteen kuljettaja"]),
    ("Cleaner at Lassila & Tikanoja 2020-2024.", None, ["laitossiivooja"]),
    ("Butikssäljare 2018–2020.", None, ["myyjä"]),
    ("Linja-autonkuljettaja, Tampereen Seudun Joukkoliikenne 2019–", "fi", ["linja-autonkuljettaja"]),
    ("Kuorma-autonkuljettaja 2015–2020.", "fi", ["tavaraliikenteen kuljettaja"]),
    ("Kuljettaja 2015-2020.", "fi", ["tavaraliikenteen kuljettaja"]),
    ("Kokki 2010–2012, tarjoilija 2012–2015.", "fi", ["kokki", "tarjoilija"]),
    ("Kokki 2005–2008.\nTarjoilija 2008–2015.\nKokki 2015–nyt.", "fi", ["kokki", "tarjoilija"]),
    ("Sairaanhoitaja 2019–2021, sitä ennen lähihoitaja 2015–2019.", "fi", ["sairaanhoitaja", "lähihoitaja"]),
    ("2015–2018 kokki, 2018–2020 tarjoilija", "fi", ["kokki", "tarjoilija"]),
    ("Rekkakuski 2015–2020.", "fi", ["tavaraliikenteen kuljettaja"]),
    ("Opiskelen leipuri-kondiittoriksi.", "fi", []),
    ("Haluan palata lastenhoitajaksi.", "fi", []),
    ("Vill bli busschaufför.", "sv", []),
    ("I would like to work as a cook.", "en", []),
    ("Jag tar examen som kock i vår.", "sv", []),
    # a period on a line of its own (outside tester 39c, R3; cvread40)
    ("Bussinkuljettaja\n2015–2022 Koiviston Auto", "fi", ["linja-autonkuljettaja"]),
    ("Lähihoitaja, Kotihoito Oy\n03/2018 – nyt", "fi", ["lähihoitaja"]),
    ("2015–2022\nBus driver, Helsinki City Transport", "en", ["linja-autonkuljettaja"]),
    ("Kokki, Amica\n2010–2013 Tampereen ammattiopisto", "fi", []),
    ("Asiakas on toiminut kokkina.\nTyöttömänä 2023 lähtien.", "fi", []),
    # a bare head word names no narrow occupation (R4)
    ("Driver 2015–2020.", None, ["tavaraliikenteen kuljettaja"]),
    ("Förare 2015–2020.", "sv", ["tavaraliikenteen kuljettaja"]),
    ("Supervisor 2015–2020.", "en", []),
    ("Teacher 2015–2020.", "en", []),
    ("Tutkija 2015–2020.", "fi", []),
    ("Myyjä 2015–2020.", "fi", ["myyjä"]),
    ("Cook 2015–2020.", "en", ["kokki"]),
    # the glossary's rows for CV lines (R7)
    ("Työnjohtaja 2015–2020.", "fi", ["työnjohtaja, rakennustoiminta"]),
    ("Vuoromestari 2015–2020.", None, ["työnjohtaja, tuotanto"]),
    ("Vuoroesimies 2015–2020.", "fi", ["työnjohtaja, tuotanto"]),
    ("Shift supervisor 2015–2020.", "en", ["työnjohtaja, tuotanto"]),
    ("Skiftledare 2015–2020.", "sv", ["työnjohtaja, tuotanto"]),
    ("Kassabiträde 2015–2020.", None, ["kassanhoitaja"]),
    ("Kassörska 2015–2020.", "sv", ["kassanhoitaja"]),
    ("Mansikanpoimija 2015–2020.", "fi", ["hedelmien ja vihannesten poimija"]),
    ("Työskentelin mansikanpoimijana 2015–2020.", "fi", ["hedelmien ja vihannesten poimija"]),
    ("Mansikanpoimijat 2015–2020.", "fi", ["hedelmien ja vihannesten poimija"]),
    ("Jordgubbsplockare 2015–2020.", "sv", ["hedelmien ja vihannesten poimija"]),
    ("Strawberry picker 2015–2020.", None, ["hedelmien ja vihannesten poimija"]),
    ("Hyllyttäjä 2015–2020.", "fi", ["hyllyjen täyttäjä"]),
    ("Tehdastyöntekijä 2015–2020.", "fi", ["valmistusalan avustava työntekijä"]),
    ("Byggarbetare 2015–2020.", "sv", ["rakennusalan avustava työntekijä"]),
    ("Caretaker 2015–2020.", "en", ["kiinteistöhuollon työntekijä"]),
]


@pytest.mark.parametrize(("text", "lang", "labels"), TITLES)
def test_the_readmes_titles(client, text, lang, labels):
    body = {"text": text, "context": "cv"} | ({"lang": lang} if lang else {})
    a = client.post(URL + "?lang=fi", json=body, headers=COACH).get_json()
    label = {n["occupation_uri"]: n["label"] for n in a["named_work"]}
    assert [label[r["occupation_uri"]] for r in a["work_history"]] == labels, a["named_work"]


def test_the_readmes_two_jobs_on_one_line_and_alternatives(client):
    a = answer(client, "Hitsaaja ja rekkakuski 2010–2015.", "fi")
    assert len(a["work_history"]) == 2 and all(r["years"] == 5 for r in a["work_history"])
    [driver] = answer(client, "Kuljettaja 2015-2020.", "fi")["named_work"]
    assert "linja-autonkuljettaja" in [x["label"] for x in driver["alternatives"]]
    [welder] = answer(client, "Hitsaaja-levyseppä 2010–2015.", "fi")["work_history"]
    assert welder["years"] == 5
    for text, labels in (
        ("Kokki 2010–2012, tarjoilija 2012–2015.", {"kokki": (2, 2012), "tarjoilija": (3, 2015)}),
        ("2015–2018 kokki, 2018–2020 tarjoilija", {"kokki": (3, 2018), "tarjoilija": (2, 2020)}),
        ("Kokki 2012–2016 ja taas 2018–2020", {"kokki": (6, 2020)}),
    ):
        named = {n["label"]: (n["years"], n["ended_year"]) for n in answer(client, text, "fi")["named_work"]}
        assert named == labels
    # an occupation a line names as its own job is no other row's alternative (cvread40)
    a = answer(client, "Kuljettaja 2015-2020.\nLinja-autonkuljettaja 2012-2015.", "fi")
    assert [n["label"] for n in a["named_work"]] == ["tavaraliikenteen kuljettaja", "linja-autonkuljettaja"]
    assert "linja-autonkuljettaja" not in [x["label"] for x in a["named_work"][0]["alternatives"]]
    a = answer(client, "Kokki 2005–2008.\nTarjoilija 2008–2015.\nKokki 2015–nyt.", "fi")
    cook = next(n for n in a["named_work"] if n["label"] == "kokki")
    assert (cook["years"], cook["ended_year"], cook["ongoing"]) == (3 + to_now(2015), None, True)
