"""Outside tester 34's recognition findings, each kept as a kind.

F6: the working hours written as days and clock times are terms of the employment, not skills ("Työaika
ma-pe klo 7-15." suggested *measure working time in goods production* 0.51 and *follow work schedule*;
"Working hours Mon-Fri 7-15." *calculate rates per hours*); a shift word still names *work in shifts*.

F7: a trade's variant of a general skill counts where the sentence names its trade, also when the
variant's Finnish label uses another verb than the general one's ("toimia itsenäisesti myyjänä" beside
"työskennellä itsenäisesti": "kykyä toimia itsenäisesti" on a bus ad gave *work independently in
sales* first, above *work independently*)."""

import pytest

from services.matching.index.domain.recognition import CONFIDENT_SCORE

pytestmark = pytest.mark.usefixtures("esco_recognizer")


def labels(recognizer, text, lang=None, top_k=10):
    return [(r.label("en"), r.score) for r in recognizer.recognise(text, top_k=top_k, lang=lang)]


@pytest.mark.parametrize(
    ("text", "lang"),
    [
        ("Työaika ma-pe klo 7-15.", "fi"),
        ("Työajat arkisin klo 7-15.", "fi"),
        ("Työaika: ma–pe klo 6.30–14.30.", "fi"),
        ("Working hours Mon-Fri 7-15.", "en"),
        ("Working hours: Monday to Friday 8-16.", "en"),
        ("Arbetstid mån-fre kl. 7-15.", "sv"),
        ("Arbetstid: vardagar kl. 7-15.", "sv"),
    ],
)
def test_working_hours_as_days_and_clock_times_name_no_skill(esco_recognizer, text, lang):
    for given in (lang, None):
        got = labels(esco_recognizer, text, given)
        assert not [label for label, score in got if score >= CONFIDENT_SCORE], (given, got)


@pytest.mark.parametrize(
    ("text", "lang"),
    [("Työaika: vuorotyö.", "fi"), ("Työaika on kaksivuorotyö.", "fi"), ("Arbetstid: skiftarbete.", "sv")],
)
def test_a_shift_word_in_the_working_hours_still_names_work_in_shifts(esco_recognizer, text, lang):
    got = labels(esco_recognizer, text, lang)
    assert got and got[0][0] == "work in shifts", got


@pytest.mark.parametrize(
    "text",
    [
        "Edellytämme kykyä toimia itsenäisesti ja turvallisesti liikenteessä.",
        "Kykyä toimia itsenäisesti.",
        "Osaat toimia itsenäisesti ja vastuullisesti.",
    ],
)
def test_acting_independently_without_a_trade_is_the_general_skill_first(esco_recognizer, text):
    got = labels(esco_recognizer, text, "fi")
    assert got[0][0] == "work independently", got
    confident = {label for label, score in got if score >= CONFIDENT_SCORE}
    assert not {"work independently in sales", "work independently in rental services"} & confident, got


def test_acting_independently_as_a_salesperson_keeps_the_trades_variant(esco_recognizer):
    got = labels(esco_recognizer, "Toimit itsenäisesti myyjänä kaupassa.", "fi")
    assert got[0][0] == "work independently in sales", got


@pytest.mark.parametrize(
    ("text", "lang"),
    [
        ("Haluaa siirtyä kuljettajaksi, mieluiten aamuvuoroja.", "fi"),
        ("Wants to switch to bus driving.", "en"),
        ("Vill byta till busschaufför.", "sv"),
    ],
)
def test_a_jobseekers_wish_to_move_into_a_trade_is_no_skill(esco_recognizer, text, lang):
    """F8: a wish said by "haluaa siirtyä" / "wants to switch" / "vill byta" (the README: a note's
    wishes are not suggested; "Toivoo päivätyötä" was already none). Going on in a trade ("Haluaa jatkaa
    kuljettajana", "vill fortsätta arbeta med små barn") says the person does it now: still read."""
    assert labels(esco_recognizer, text, lang) == []


def test_going_on_in_a_trade_is_read_as_doing_it(esco_recognizer):
    got = labels(esco_recognizer, "Haluaa jatkaa kuljettajana, mieluiten aamuvuoroja.", "fi")
    assert "manoeuvre bus" in [label for label, _ in got], got


def test_an_ads_wish_for_the_hire_still_names_the_trade(esco_recognizer):
    got = labels(esco_recognizer, "Söker dig som vill fortsätta utvecklas som busschaufför.", "sv")
    assert "manoeuvre bus" in [label for label, _ in got], got
