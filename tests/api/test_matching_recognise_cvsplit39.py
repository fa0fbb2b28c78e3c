"""POST /api/v1/skills/recognise with `context: cv`, through the endpoint (issue 12, session 39,
helper `cvsplit39`; outside tester 39b, Q1–Q7, Q9, Q12): a CV line is read whole (a spaced dash or
"v."/"n." ends no sentence), arrows and year-first months are periods, each title takes the spans
after it up to the next title, one occupation on several lines is one row of all its spans,
durations are read as written, and a row left out for the profile's 60 years says why. The unit
tests of `period_of` passed while the endpoint failed, since the endpoint split the line first:
these go through the endpoint. The readings themselves: tests/unit/matching/test_cv_split_cvsplit39.py."""

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


@pytest.fixture
def client(database_url):
    return matching_app(database_url, Clock(NOW)).test_client()


def answer(client, text, lang=None):
    body = {"text": text, "context": "cv"} | ({"lang": lang} if lang else {})
    r = client.post(URL + "?lang=fi", json=body, headers=COACH)  # (labels in Finnish)
    assert r.status_code == 200, r.get_json()
    return r.get_json()


def rows(client, text, lang=None):
    """{Finnish label: (years, ended_year)} of the `work_history` rows."""
    a = answer(client, text, lang)
    label = {n["occupation_uri"]: n["label"] for n in a["named_work"]}
    return {label[r["occupation_uri"]]: (r["years"], r["ended_year"]) for r in a["work_history"]}


def named(client, text, lang=None):
    """{Finnish label: (years, ended_year)} of every occupation named."""
    return {n["label"]: (n["years"], n["ended_year"]) for n in answer(client, text, lang)["named_work"]}


def years_since(year, month=None):
    """Years to today as the endpoint counts them: whole for a year, to a tenth from a month."""
    if month is None:
        return Y - year
    return round(((Y - year) * 12 + NOW.month - month) / 12, 1)


@pytest.mark.parametrize(
    ("text", "label", "period"),
    [
        # Q1: a spaced en/em dash (or a no-break space beside it) is no sentence end
        ("Kokki 2015 – nyt.", "kokki", (years_since(2015), None)),
        ("Kokki 2015 — nyt.", "kokki", (years_since(2015), None)),
        ("Kokki 2015\u00a0–\u00a0nyt.", "kokki", (years_since(2015), None)),
        ("Cook March 2015 – August 2019.", "kokki", (4.5, 2019)),
        ("Kokki maaliskuu 2015 – elokuu 2019.", "kokki", (4.5, 2019)),
        # Q6: "v.", "vv.", "n." before a number are abbreviations
        ("Kokki v. 2008–2011.", "kokki", (3, 2011)),
        ("Kokki vv. 2008–2011.", "kokki", (3, 2011)),
        ("Kokki v. 2008–11.", "kokki", (3, 2011)),
        # Q3/Q9: arrows and year-first months
        ("Lähihoitaja, Koukkuniemen hoivakoti 03/2019 → nyt", "lähihoitaja", (years_since(2019, 3), None)),
        ("Lähihoitaja 2019 → 2022", "lähihoitaja", (3, 2022)),
        ("Lähihoitaja 2019->2022", "lähihoitaja", (3, 2022)),
        ("Lastenhoitaja 2019/08–2021/05", "lastenhoitaja", (1.8, 2021)),
        ("Lastenhoitaja 2019-08 – 2021-05", "lastenhoitaja", (1.8, 2021)),
    ],
)
def test_the_whole_line_gives_its_period(client, text, label, period):
    assert rows(client, text)[label] == period


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # Q2: one occupation on several lines is one row of all its spans, ended at the latest
        (
            "Kokki 2005–2008.\nTarjoilija 2008–2015.\nKokki 2015–nyt.",
            {"kokki": (3 + years_since(2015), None)},
        ),
        ("Kokki 2015–nyt.\nKokki 2005–2008.", {"kokki": (3 + years_since(2015), None)}),
        ("Hitsaaja 2010–2015.\nHitsaaja 2016–2019.", {"hitsaaja": (8, 2019)}),
        # Q4: spans after a title are its own, whatever words join them
        ("Kokki 2012–2016 ja jälleen 2018–2020.", {"kokki": (6, 2020)}),
        ("Kokki 2012–2016 sekä uudelleen 2018–2020.", {"kokki": (6, 2020)}),
        ("Kokki 2012–2016 ja taas 2018–.", {"kokki": (4 + years_since(2018), None)}),
        ("Cook 2013–2016 and again 2018–.", {"kokki": (3 + years_since(2018), None)}),
        # Q5: each title takes the spans after it up to the next title
        ("Kokki 2010–2012, tarjoilija 2012–2015.", {"kokki": (2, 2012), "tarjoilija": (3, 2015)}),
        (
            "Sairaanhoitaja 2019–2021, sitä ennen lähihoitaja 2015–2019.",
            {"sairaanhoitaja": (2, 2021), "lähihoitaja": (4, 2019)},
        ),
        ("2015–2018 kokki, 2018–2020 tarjoilija.", {"kokki": (3, 2018), "tarjoilija": (2, 2020)}),
    ],
)
def test_spans_belong_to_their_title(client, text, expected):
    got = rows(client, text, "en" if text.startswith("Cook") else "fi")
    assert {k: got.get(k) for k in expected} == expected, got


def test_a_second_title_on_a_line_in_english_is_named_with_its_own_span(client):
    got = rows(client, "Electrician 2010–2012, plumber 2012–2016.", "en")
    assert sorted(got.values()) == [(2, 2012), (4, 2016)], got


@pytest.mark.parametrize(
    ("text", "label", "years"),
    [
        # Q7: durations as written
        ("Myyjä 3 v 6 kk.", "myyjä", 3.5),
        ("Myyjä 3 v ja 6 kk.", "myyjä", 3.5),
        ("Myyjä 3 vuotta 6 kuukautta.", "myyjä", 3.5),
        ("Myyjä 2v", "myyjä", 2),
        ("Myyjä 2 v (K-Market Hervanta).", "myyjä", 2),
        ("Kokki n. 3 vuotta.", "kokki", 3),
        ("Kokki – 5 vuotta.", "kokki", 5),
        # a dash glued to a number is a range or a bullet, never a sign: not 5 years
        ("Kokki -5 vuotta.", "kokki", None),
        ("Kokki 3-5 vuotta.", "kokki", None),
    ],
)
def test_durations(client, text, label, years):
    assert named(client, text, "fi")[label][0] == years


def test_half_a_year_in_swedish(client):
    [work] = answer(client, "Lokalvårdare ett halvår.", "sv")["named_work"]
    assert work["years"] == 0.5 and work["missing"] == ["ended_year"]


def test_a_row_left_out_for_the_profiles_sixty_years_says_why(client):
    a = answer(client, "Kokki 1975–2010.\nHitsaaja 1990–2026.\nSiivooja 2000–nyt.", "fi")
    by_label = {n["label"]: n for n in a["named_work"]}
    assert sum(r["years"] for r in a["work_history"]) <= 60
    assert by_label["kokki"]["in_work_history"] and by_label["kokki"]["left_out"] is None
    assert not by_label["hitsaaja"]["in_work_history"]
    assert by_label["hitsaaja"]["left_out"] == "career_over_60_years"
    assert by_label["hitsaaja"]["missing"] == []


def test_the_items_of_other_contexts_are_read_as_before(client):
    text = "Kokki 2015 – nyt. Rakennusmies v. 2008–2011."
    ad = client.post(URL, json={"text": text}, headers=COACH).get_json()
    cv = answer(client, text)
    assert "work_history" not in ad and "named_work" not in ad
    assert [i["uri"] for i in ad["items"]][:1] == [i["uri"] for i in cv["items"]][:1]
