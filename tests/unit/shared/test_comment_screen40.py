"""Outside tester 40, T40-4: outcome comments and handover notes naming events and treatments of serious illness
were stored while the illness named as a state was refused — a heart attack or a stroke (en, sv), cancer
treatment and chemotherapy (fi, sv, en), "sokeritautinen", a lost limb, back surgery, "sectioned". The kind is
read by word structure: an event noun after a verb of having it, an operation's compound (a body part and the
operation), a verb of losing with a limb or a sense, a disease's treatment with a verb or a possessive that
makes it the person's own; further examples of each kind in Finnish, Swedish and English; ordinary work in
these fields still passes."""

from __future__ import annotations

import pytest

from shared.pii import find_sensitive_data


def _kinds(text: str) -> set[str]:
    return {f.kind for f in find_sensitive_data(text)}


TESTER = [
    "He had a heart attack last year.",
    "He suffered a heart attack.",
    "Had a heart attack in 2024.",
    "Han fick en hjärtinfarkt.",
    "He had a stroke last year.",
    "Han fick en stroke i fjol.",
    "Syöpähoidot päättyivät kesällä.",
    "Syöpähoidot jatkuvat.",
    "Sai sytostaattihoitoja keväällä.",
    "Cancer treatment ended in June.",
    "She finished chemotherapy in June.",
    "Hon fick cellgifter i våras.",
    "Hän on sokeritautinen.",
    "He was sectioned last year.",
    "He lost his leg in an accident.",
    "Hän menetti kätensä onnettomuudessa.",
    "Hänelle tehtiin selkäleikkaus.",
]

SAME_KINDS = [
    # illness events, Finnish cases and compounds
    "Sai sydäninfarktin keväällä.",
    "Sai aivohalvauksen 2023.",
    "Aivohalvauksen jälkeen hän vaihtoi alaa.",
    "Hän on sydänsairas.",
    "Hän on keuhkotautinen.",
    # Swedish definite and indefinite forms
    "Hon har haft en stroke.",
    "Efter sin hjärtattack har han varit sjukskriven.",
    "Han drabbades av en hjärnblödning.",
    "Hon är sockersjuk.",
    "Han är hjärtsjuk.",
    # English
    "She is recovering from a stroke.",
    "After her heart attack she changed jobs.",
    "He had a seizure at his last job.",
    "She had a nervous breakdown in 2022.",
    # treatments
    "Hänen syöpähoitonsa ovat kesken.",
    "Kävi sädehoidossa syksyllä.",
    "Hänellä todettiin syöpä, hoidot alkoivat.",
    "Han får strålbehandling.",
    "Hon avslutade cancerbehandlingen i maj.",
    "He has had chemo.",
    "She is on chemotherapy.",
    "His cancer treatment continues.",
    # operations
    "Odottaa polven tekonivelleikkausta.",
    "Hänelle tehtiin ohitusleikkaus.",
    "Han genomgick en ryggoperation i våras.",
    "Knäoperationen gick bra.",
    "He underwent surgery in May.",
    "She had hip replacement surgery.",
    "He is having an operation next week.",
    "She had an operation on her knee.",
    # a lost limb or sense
    "Menetti näkönsä toisesta silmästä.",
    "Jalka amputoitiin.",
    "Han förlorade armen i en olycka.",
    "Hon har mist synen.",
    "She lost her sight.",
    "He lost both his legs.",
    # compulsory psychiatric admission
    "Oli pakkohoidossa keväällä.",
    "Han tvångsvårdades i fjol.",
    "She was detained under the Mental Health Act.",
    # sick leave
    "He's on medical leave.",
]

WORK = [
    # the tester's and the brief's work words
    "Hoitaa syöpäpotilaita.",
    "Works in a stroke unit.",
    "Sairaanhoitaja",
    "Sairaanhoitaja, kokemusta syöpähoidoista.",
    "Hän hoitaa syöpäpotilaita ja antaa sytostaattihoitoja.",
    "Experienced nurse in cancer care.",
    "Worked on a cardiac ward caring for heart attack patients.",
    "Sairaanhoitaja syöpäosastolla.",
    "Kokemusta sädehoitoyksiköstä röntgenhoitajana.",
    "Hän on työskennellyt leikkaussalissa sairaanhoitajana.",
    "Arbetar som sjuksköterska på strokeenheten.",
    "Har erfarenhet av cancervård.",
    "Sjuksköterska på onkologen, ger cellgiftsbehandlingar.",
    "Nurse on the chemotherapy ward.",
    "Radiographer with radiotherapy experience.",
    "Osaa sydänleikkauspotilaiden hoidon.",
    "Experience with knee surgery patients.",
    "Syöpähoitojen osaaminen on vahvaa.",
    "Has worked in cancer treatment for five years.",
    # the same words in other senses
    "Osaa kaasuleikkauksen ja plasmaleikkauksen.",
    "Hiustenleikkaus ja värjäys sujuvat.",
    "Hän tekee leikkauksia tarkasti metallilevyihin.",
    "Swimming: good backstroke technique.",
    "A stroke of luck: the employer called back.",
    "He lost his job last year.",
    "Hän menetti työpaikkansa lomautuksessa.",
    "Han förlorade jobbet i höstas.",
    "Genomgick en utbildning i svetsning.",
    "Operated the forklift safely.",
    "Laser cutting and back office work.",
    "Had a great interview.",
]


@pytest.mark.parametrize("text", TESTER + SAME_KINDS)
def test_an_event_or_treatment_of_illness_is_health_data(text: str) -> None:
    assert "health_data" in _kinds(text)


@pytest.mark.parametrize("text", WORK)
def test_work_in_the_field_and_other_senses_pass(text: str) -> None:
    assert _kinds(text) == set()


STILL_REFUSED = [
    # the tester's "refused correctly" list: the illness as a state, and the other kinds around it
    ("Sai sydänkohtauksen viime vuonna.", "health_data"),
    ("Sydänkohtaus 2024.", "health_data"),
    ("Sai aivoinfarktin.", "health_data"),
    ("Sairastaa syöpää.", "health_data"),
    ("Hänellä todettiin syöpä.", "health_data"),
    ("He was diagnosed with cancer.", "health_data"),
    ("Hon har avslutat sin cancerbehandling.", "health_data"),
    ("Hän on diabeetikko.", "health_data"),
    ("He is diabetic.", "health_data"),
    ("He had surgery on his back.", "health_data"),
    ("Hän on ollut mielisairaalassa.", "health_data"),
    ("She is in a wheelchair.", "health_data"),
    ("Hän sairastaa epilepsiaa.", "health_data"),
    ("He has epilepsy.", "health_data"),
    ("Hän käy dialyysissä.", "health_data"),
    ("Hänellä on masennus.", "health_data"),
    ("Perheenlisäystä tulossa.", "health_data"),
    ("Jäi vanhempainvapaalle.", "family_status"),
    ("Had knee surgery in May.", "health_data"),
    ("Han har suttit i fängelse.", "criminal_record"),
    ("He served time for theft.", "criminal_record"),
    ("Hän on pakolainen.", "immigration_status"),
    ("Hon fick missfall i våras.", "health_data"),
]


@pytest.mark.parametrize(("text", "kind"), STILL_REFUSED)
def test_what_was_refused_stays_refused(text: str, kind: str) -> None:
    assert kind in _kinds(text)
