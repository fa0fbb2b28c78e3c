"""The ad-limit warning's misses (outside tester 40, T40-3): a sex or an age group as a plain noun with a word
of preference or priority ("Kvinnor föredras", "Naiset etusijalla", "Miehet etusijalla", "Män föredras",
"Kvinnor prioriteras"), and a health requirement said without "täysin" ("Hakijalta edellytetään hyvää
terveyttä", "Sökande ska vara frisk"); further wordings of each kind in Finnish, Swedish and English, and beside
them the ads that must not warn (a care home for women, a shop of women's clothing, a men's sauna, a
preference for experience or a language, a wellness benefit, a health certificate for food work)."""

from functools import partial

import pytest

from services.kernel.ad_limits import limits as _limits
from shared.pii import as_meant

limits = partial(_limits, as_meant=as_meant)


def grounds(text: str) -> set[str]:
    return {limit.ground.value for limit in limits(text)}


TESTER = [
    ("Hemvård av äldre klienter. Kvinnor föredras.", "sex"),
    ("Hemvård av äldre klienter. Män föredras.", "sex"),
    ("Hemvård av äldre klienter. Kvinnor prioriteras.", "sex"),
    ("Hemvård av äldre klienter. Naiset etusijalla.", "sex"),
    ("Hemvård av äldre klienter. Miehet etusijalla.", "sex"),
    ("Hemvård av äldre klienter. Hakijalta edellytetään hyvää terveyttä.", "health"),
    ("Hemvård av äldre klienter. Sökande ska vara frisk.", "health"),
]

SAME_KINDS = [
    # a sex preferred: the word of preference before the noun, inflected and definite forms
    ("Etusijalla naiset.", "sex"),
    ("Etusija naisille.", "sex"),
    ("Vi föredrar kvinnor.", "sex"),
    ("Kvinnorna har företräde.", "sex"),
    ("Män prioriteras i första hand.", "sex"),
    ("Men are preferred.", "sex"),
    ("Priority to women.", "sex"),
    ("Girls preferred for the cash desk.", "sex"),
    ("Miehiä toivotaan.", "sex"),
    # an age group preferred
    ("Nuoret etusijalla.", "age"),
    ("Unga prioriteras.", "age"),
    ("Young applicants preferred.", "age"),
    # health required without "täysin"
    ("Hyvä terveys on edellytys.", "health"),
    ("Hakijan tulee olla terve.", "health"),
    ("Terveydentilan tulee olla hyvä.", "health"),
    ("Du måste vara frisk.", "health"),
    ("God hälsa krävs.", "health"),
    ("Must be in good health.", "health"),
    ("Good health is required.", "health"),
]

NO_LIMIT = [
    "Palvelutalo naisille, hoitajan tehtävä.",
    "Myyjä naisten vaatetusliikkeeseen.",
    "Saunavastaava miesten saunaan.",
    "Vi är ett boende för kvinnor.",
    "Kvinnor föredrar våra produkter.",
    "Asiakkaamme ovat naisia; kokemus etusijalla.",
    "Kokemus etusijalla.",
    "B-ajokortti etusijalla.",
    "Svenska språket prioriteras.",
    "Experience preferred.",
    "Priority to applicants with a forklift licence.",
    "Kannustamme sekä naisia että miehiä hakemaan, kokemus etusijalla.",
    "Our customers are young people; experience preferred.",
    "Nuorten kanssa työskentely on etusijalla.",
    "Erfarenhet av demensvård prioriteras.",
    "Tarjoamme työterveyshuollon ja liikuntaedut.",
    "Hyvä fyysinen kunto on eduksi.",
    "Terveystodistus vaaditaan elintarviketyöhön.",
    "Vi erbjuder friskvårdsbidrag.",
    "We promote good health at work.",
]


@pytest.mark.parametrize(("text", "ground"), TESTER + SAME_KINDS)
def test_a_group_preferred_or_health_required_warns(text: str, ground: str) -> None:
    assert ground in grounds(text)


@pytest.mark.parametrize("text", NO_LIMIT)
def test_a_place_for_a_group_or_another_preference_does_not_warn(text: str) -> None:
    assert grounds(text) == set()
