"""Kinds of Swedish (and Finnish) recognition faults of the older unseen sets (issue 12, session 25,
helper `swedish2`; `sv-dev5`, `sv-dev7`, `fi-dev11` as tuning data, per-sentence output read). Each
sentence below failed on main and is kept as a test; a sentence passes when the skills a recruiter
expects are among the five suggestions, on the real ESCO taxonomy.

1. Running tests is executing them, not driving: Swedish "köra" and Finnish "ajaa" are the verbs of
   driving, and "kör regressionstester" gave *drive vehicles* first (`skill_rules.csv`, term row).
2. A glossary stem inside a longer one it matched names no skill of its own: "säkerhetskopiering"
   (backup) was glossed *safety* as well and read as safety engineering; "trädgård" (garden) holds
   "träd" (trees) and "barnträdgård" holds both (`_GlossIndex.matches`).
3. Everyday Swedish words of whole occupations the glossary lacked were read by their letters
   ("sotar" → sort waste, "posten" → postediting, "glasögon" → glassware, "fordonsförsäkringar" →
   vehicles): postal work, insurance claims, software testing, tower cranes, opticians, chimney
   sweeps, arborists, locksmiths (`sv_glossary.csv`).
"""

from __future__ import annotations

import pytest

RUNNING_TESTS = [
    (
        "Vi söker en testare som planerar testfall, kör regressionstester och rapporterar buggar.",
        {"execute software tests"},
    ),
    (
        "Kunden har jobbat med mjukvarutestning och kört automatiska tester varje natt.",
        {"execute software tests"},
    ),
    ("Testaajana ajat regressiotestit ja raportoit virheet.", {"execute software tests"}),
]

COMPOUNDS = [
    (
        "Vi söker systemexpert som sköter servrar och säkerhetskopiering.",
        {"perform backups", "maintain ICT server"},
    ),
]

VOCABULARY = [
    (
        "Sotare till Närpes: du sotar eldstäder och rökkanaler och gör brandsäkerhetskontroller.",
        {"clean chimney"},
    ),
    (
        "Brevbärare till Borgå: du sorterar posten i utdelningsordning och delar ut den med elcykel.",
        {"organise mail deliveries"},
    ),
    (
        "Som skadehandläggare behandlar du skadeanmälningar inom hem- och fordonsförsäkringar.",
        {"handle incoming insurance claims"},
    ),
    (
        "Arborist sökes för trädfällning med klättring och nedfirning av grenar.",
        {"fell trees", "climb trees"},
    ),
    (
        "Motorsågskort och erfarenhet av arbete med skylift krävs.",
        {"operate chainsaw", "operate aerial work platforms"},
    ),
    ("Tornkranförare till byggarbetsplats i Vanda, lyften sköts med radiostyrning.", {"operate tower crane"}),
    (
        "Optiker sökes: synundersökningar, utprovning av kontaktlinser och försäljning av glasögon.",
        {"sell optical products"},
    ),
]


@pytest.mark.parametrize(("text", "expected"), RUNNING_TESTS + COMPOUNDS + VOCABULARY)
def test_the_skills_a_recruiter_expects_are_suggested(esco, esco_recognizer, text, expected):
    shown = [esco.skill_label(r.uri) for r in esco_recognizer.recognise(text, top_k=5)]
    assert expected <= set(shown), (text, shown)


@pytest.mark.parametrize("text", [t for t, _ in RUNNING_TESTS])
def test_running_tests_is_not_driving(esco, esco_recognizer, text):
    shown = [esco.skill_label(r.uri) for r in esco_recognizer.recognise(text, top_k=5)]
    assert not {"drive vehicles", "manage test drives", "drive automatic car"} & set(shown), (text, shown)


def test_driving_a_lorry_is_still_driving(esco, esco_recognizer):
    shown = [
        esco.skill_label(r.uri)
        for r in esco_recognizer.recognise("Vi söker en chaufför som kör lastbil.", top_k=5)
    ]
    assert "drive vehicles" in shown
    assert "execute software tests" not in shown


def test_a_stem_inside_a_longer_matched_stem_is_left_out():
    from services.matching.index.domain.recognition import _gloss_index

    pairs = (
        ("säkerhet", "safety"),
        ("säkerhetskopi", "backups"),
        ("^träd", "trees"),
        ("trädgård", "garden"),
        ("barnträdgård", "kindergarten"),
        ("barn", "children"),
        ("svets", "welding"),
    )
    index = _gloss_index(pairs)

    def glosses(word: str) -> list[str]:
        return [pairs[k][1] for k in index.matches(word)]

    assert glosses("säkerhetskopiering") == ["backups"]
    assert glosses("arbetssäkerhet") == ["safety"]
    assert glosses("trädgårdsarbete") == ["garden"]
    assert glosses("trädfällning") == ["trees"]
    assert glosses("barnträdgårdslärare") == ["kindergarten"]
    assert glosses("barngrupp") == ["children"]
    # two stems side by side, neither inside the other, both count
    assert glosses("svetsarbetssäkerhet") == ["safety", "welding"]
