"""Outside tester 30, T30-4: a Swedish text-only ad ("Närvårdare till hemvården", a "Vi förutsätter:"
list) read surely as healthcare assistant (p 1.0, its ESCO profile asked for) gave its complete holder
(32/32 essential skills, five current years) 77.8 (occupation 58.0 + similarity 18.8), where the README
promises about 92 for a surely read text and the Finnish and English ads read 94.2 and 93.4.

Why: a surely read text asks for its occupation's profile at `inferred_profile_share` (0.25) of a named
occupation's weights, but its suggestions kept their whole `suggested_skill_weight` (0.3), above the
profile's. The recogniser's guesses outside the profile ("work independently as an artist", "Swedish",
"drive vehicles" …; which guesses a text gives depends on its language) are rare in a real pool, their
IDF high, so they outweighed the profile and diluted the complete holder's similarity, which the
vacancy's ideal (no IDF) does not foresee. Since session 31 the suggestions weigh the same share
(`query.vacancy_query`): a surely read text's query is its occupation's named query with the same
suggestions, scaled, and the language of the text no longer changes the scale.

Real ESCO, the service's recogniser and title reader, the demo's pool of profiles (its IDF: many care,
metal and food workers), the tester's kind of candidate, default parameters."""

from __future__ import annotations

from datetime import date

import numpy as np
import pytest

from deploy import demo_data
from services.matching.index.domain.engine import MatchingEngine
from services.matching.index.domain.model import WorkExperience
from services.matching.index.domain.params import RankingParams
from services.matching.index.domain.query import vacancy_query
from services.matching.index.domain.recognition import suggest_for_vacancy

from .conftest import MUNICIPALITIES, TODAY, candidate, vacancy

ADS = {
    "sv": (
        "Närvårdare till hemvården",
        "Hemvården i Jakobstad söker närvårdare till ett vikariat. I arbetet ingår att stödja klienterna i "
        "deras vardag i hemmet, ge personlig omvårdnad, dela ut mediciner, sköta sår och mäta blodtryck samt "
        "dokumentera vården. Du samarbetar med sjukskötare och läkare.\n\n"
        "Vi förutsätter:\n- närvårdarexamen eller motsvarande\n- erfarenhet av äldreomsorg\n"
        "- B-körkort och tillgång till egen bil\n- goda kunskaper i svenska och finska\n"
        "- förmåga att arbeta självständigt\n\nVi erbjuder en trevlig arbetsgemenskap.",
    ),
    "fi": (
        "Lähihoitaja kotihoitoon",
        "Haemme lähihoitajaa kotihoitoon Tampereelle. Autat ikääntyneitä asiakkaita päivittäisissä toimissa, "
        "henkilökohtaisessa hygieniassa ja lääkehoidossa sekä kirjaat havainnot potilastietojärjestelmään.\n\n"
        "Edellytämme:\n- lähihoitajan tutkinto\n- hyvä suomen kielen taito\n- B-ajokortti\n\n"
        "Tarjoamme vakituisen työsuhteen.",
    ),
    "en": (
        "Practical nurse",
        "We are looking for a practical nurse to join our home care team in Tampere. You will help elderly "
        "clients with daily activities, personal hygiene and medication, monitor their health and record "
        "observations in the patient information system. You work with nurses and physicians.\n\n"
        "Requirements:\n- qualification as a practical nurse\n- good Finnish skills\n- driving licence B\n\n"
        "We offer a permanent position.",
    ),
}


def _row(m, o: int) -> np.ndarray:
    return m.indices[m.indptr[o] : m.indptr[o + 1]]


@pytest.fixture(scope="module")
def world(esco, esco_recognizer):
    """The engine over the demo's first 1,500 profiles and the tester's candidate ('all': the 32
    essential skills claimed, five current years as a healthcare assistant); the three ads, enriched
    as the service enriches them (`MatchingState.enrich_pending`)."""
    from services.matching.index.reference import load_title_reader

    o = next(i for i, label in enumerate(esco.tables.occupation_labels["fi"]) if label == "lähihoitaja")
    essential = [esco.skill_uris[j] for j in _row(esco.essential, o)]
    engine = MatchingEngine(
        esco, MUNICIPALITIES, RankingParams(), clock=lambda: TODAY, titles=load_title_reader(esco, None)
    )
    people = [
        candidate(
            pid,
            {s["uri"]: s["level"] for s in body["skills"]},
            experience=tuple(
                WorkExperience(h["occupation_uri"], h["years"], h["ended_year"]) for h in body["work_history"]
            ),
            languages={lang["code"]: lang["level"] for lang in body["languages"]},
        )
        for _, pid, body in demo_data.profiles(esco, date(2026, 12, 5), 1500)
    ]
    engine.bulk_load(people)
    history = (WorkExperience(esco.occupation_uris[o], 5.0),)
    engine.upsert_candidate(candidate("all", dict.fromkeys(essential, "advanced"), experience=history))
    ads = {
        lang: suggest_for_vacancy(
            vacancy(title=title, vacancy_id=f"v-{lang}"),
            text,
            esco_recognizer,
            title_occupations=engine.title_occupations(title),
        ).vacancy
        for lang, (title, text) in ADS.items()
    }
    return engine, o, ads


def _complete_holder(engine, v):  # type: ignore[no-untyped-def]
    entries = engine.shortlist(engine.prepare(v), k=50, viewer_org=None, today=TODAY)
    (entry,) = (e for e in entries if e.candidate_id == "all")
    assert sum(entry.points.values()) == pytest.approx(entry.match, abs=0.1)  # the parts add up
    return entry


def test_each_ad_is_read_surely_as_the_healthcare_assistant(esco, world):
    engine, o, ads = world
    for ad in ads.values():
        q = engine.prepare(ad).query
        assert ad.occupation_uri is None and all(s.suggested for s in ad.skills) and len(ad.skills) >= 5
        assert q.kind == "text-read" and q.profile == o and len(q.essential) == 32


def test_the_complete_holder_reads_about_92_whatever_the_language_of_the_text(esco, world):
    """The tester's case: 77.8 on the Swedish ad (58.0 + 18.8), 94.2 / 93.4 on Finnish / English ones;
    here before the fix 78.1 / 88.7 / 80.5 (the demo pool's IDF), now each as the named occupation's."""
    engine, o, ads = world
    named = _complete_holder(engine, vacancy(occupation=esco.occupation_uris[o])).match
    read = {lang: _complete_holder(engine, ad).match for lang, ad in ads.items()}
    assert min(read.values()) >= 88, read
    assert max(read.values()) - min(read.values()) <= 3, read
    assert all(abs(m - named) <= 5 for m in read.values()), (read, named)


def test_a_surely_read_texts_query_is_its_named_occupations_with_the_same_suggestions_scaled(esco, world):
    """The kind: whichever suggestions a text gives (in or outside the profile), the surely read
    text's skill weights are `inferred_profile_share` x those of the vacancy naming the occupation
    with the same suggestions, so the similarity (a cosine) and its scale are the named one's."""
    engine, o, ads = world
    space = engine._space
    share = space.params.inferred_profile_share
    for ad in ads.values():
        text = vacancy_query(ad, space)
        named = vacancy_query(
            vacancy(occupation=esco.occupation_uris[o], suggested=tuple(s.uri for s in ad.skills)), space
        )
        assert text.profile == o and named.occupation == o
        w_text = dict(
            zip(text.skills[: text.n_own].tolist(), text.weight[: text.n_own].tolist(), strict=True)
        )
        w_named = dict(
            zip(named.skills[: named.n_own].tolist(), named.weight[: named.n_own].tolist(), strict=True)
        )
        assert w_text.keys() == w_named.keys()
        assert all(w_text[j] == pytest.approx(share * w_named[j], rel=1e-6) for j in w_text)
        outside = set(w_text) - set(_row(esco.essential, o)) - set(_row(esco.optional, o))
        assert outside  # the recogniser's guesses outside the profile are there, at the share
