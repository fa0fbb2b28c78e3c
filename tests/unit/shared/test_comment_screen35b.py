"""Outside tester 35b, G1: outcome comments that still passed the special-category screen — a psychiatric
outpatient clinic, clienthood as the noun "asiakkuus" before the service, income support in Swedish, a social
worker of the person's own, family counselling, vocational rehabilitation in English and Swedish — and the kinds
around them in fi/sv/en; ordinary comments, work in these services among them, still pass."""

from __future__ import annotations

import pytest

from shared.pii import find_sensitive_data


def _kinds(text: str) -> set[str]:
    return {f.kind for f in find_sensitive_data(text)}


TESTER = [
    ("Psykiatrisen poliklinikan asiakas.", "health_data"),
    ("Käy psykiatrisella poliklinikalla.", "health_data"),
    ("Asiakkuus vammaispalveluissa.", "health_data"),
    ("Hänellä on asiakkuus vammaispalveluissa.", "health_data"),
    ("Asiakkuus lastensuojelussa.", "family_status"),
    ("Hon får ekonomiskt bistånd.", "social_welfare_client"),
    ("Has a social worker.", "social_welfare_client"),
    ("Hänellä on oma sosiaalityöntekijä.", "social_welfare_client"),
    ("Har en socialsekreterare.", "social_welfare_client"),
    ("Perheneuvolan asiakas.", "family_status"),
    ("Work trial through vocational rehabilitation.", "health_data"),
    ("Arbetsprövning via yrkesinriktad rehabilitering.", "health_data"),
]

SAME_KINDS = [
    # a clinic or an outpatient service as the person's own
    ("Psykiatrian poliklinikan asiakkaana keväästä.", "health_data"),
    ("Kävi psykiatrian poliklinikalla viime viikolla.", "health_data"),
    ("Asioi mielenterveystoimistossa.", "health_data"),
    ("Käy nuorisopsykiatrisella poliklinikalla.", "health_data"),
    ("Går på psykiatrisk öppenvårdsmottagning.", "health_data"),
    ("Är patient på psykiatriska mottagningen.", "health_data"),
    ("Attends a psychiatric outpatient clinic.", "health_data"),
    ("Is an outpatient at the mental health clinic.", "health_data"),
    # the clienthood noun before the service
    ("Asiakkuus päihdepalveluissa jatkuu.", "health_data"),
    ("Asiakkuus aikuissosiaalityössä.", "social_welfare_client"),
    ("Asiakkuus alkoi lastensuojelussa 2024.", "family_status"),
    ("Hänellä on asiakkuus sosiaalitoimessa.", "social_welfare_client"),
    ("Asiakkaana perheneuvolassa.", "family_status"),
    # income support in Swedish, English
    ("Uppbär ekonomiskt bistånd sedan i våras.", "social_welfare_client"),
    ("Han har ekonomiskt bistånd.", "social_welfare_client"),
    # a social worker of the person's own
    ("She has a social worker.", "social_welfare_client"),
    ("He has his own social worker.", "social_welfare_client"),
    ("Hänen sosiaalityöntekijänsä soitti.", "social_welfare_client"),
    ("Oma sosiaaliohjaaja on mukana.", "social_welfare_client"),
    ("Hon har en socialsekreterare på socialen.", "social_welfare_client"),
    ("Hennes socialsekreterare ringde.", "social_welfare_client"),
    # family counselling
    ("Käy perheneuvolassa.", "family_status"),
    ("Klient hos familjerådgivningen.", "family_status"),
    ("Known to family counselling services.", "family_status"),
    # vocational rehabilitation as the person's own
    ("Työkokeilu ammatillisen kuntoutuksen kautta.", "health_data"),
    ("Placement via vocational rehabilitation services.", "health_data"),
    ("In vocational rehabilitation since May.", "health_data"),
    ("Arbetsträning genom yrkesinriktad rehabilitering.", "health_data"),
    ("Deltar i yrkesinriktad rehabilitering.", "health_data"),
]


@pytest.mark.parametrize(("text", "kind"), TESTER + SAME_KINDS)
def test_clienthood_of_a_service_or_clinic_is_refused_with_its_kind(text, kind):
    assert kind in _kinds(text), (text, _kinds(text))


INNOCENT = [
    "Työskenteli psykiatrisella poliklinikalla sairaanhoitajana.",
    "Sihteerinä psykiatrian poliklinikalla.",
    "Hoitanut psykiatrisen poliklinikan asiakkaita.",
    "Sosiaalityöntekijä, kokemusta aikuissosiaalityöstä.",
    "Hän on sosiaalityöntekijä.",
    "Toiminut sosiaalityöntekijänä lastensuojelussa.",
    "Has a social worker qualification.",
    "Has a social worker's degree from Tampere.",
    "Worked as a social worker in child protection.",
    "Har en socialsekreterare-examen.",
    "Har jobbat som socialsekreterare i fem år.",
    "Handläggare för ekonomiskt bistånd på socialkontoret.",
    "Asiakkuuksien hallinta ja myynti.",
    "Vastasi asiakkuuksista vammaispalveluissa.",
    "Ohjasi asiakkaita perheneuvolassa.",
    "Worked as a vocational rehabilitation counsellor.",
    "Arbetat med yrkesinriktad rehabilitering som handledare.",
    "Työkokeilu alkaa maanantaina.",
    "Outpatient clinic receptionist, two years.",
    "Siivooja poliklinikalla, aamuvuoro.",
]


@pytest.mark.parametrize("text", INNOCENT)
def test_work_in_these_services_and_ordinary_comments_pass(text):
    assert _kinds(text) == set(), (text, _kinds(text))
