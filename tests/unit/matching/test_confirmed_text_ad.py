"""Outside tester 34, F1: confirming a surely read text ad's suggestions, as the vacancy service's
`requirements_unconfirmed` warning asks, must not drop the occupation read from the text.

The tester's Finnish cook ad "Kokki lounasravintolaan" (read as cook 1.0) ranked three cooks of years
at 96.6/96.5/96.4, 16/16 essential skills held; after the employer confirmed its five confident
suggestions (three essential) they read 66.8-72.1, "2/3", each missing *work in teams*, and the
same on a practical nurse's and a bus driver's ad (*administer prescribed medication*, *drive
vehicles*); naming the cook plus the same five skills read 95.5-95.7. Why: a vacancy with any
chosen skill was read by its skills alone ("few-skills"), the profile of the occupation its text
was read as (`query.inferred_profile`) asked for only while nothing was chosen. Now a vacancy with a
description (`Vacancy.described`) keeps that profile and the employer's skills are added to it, as
to a named occupation's; a vacancy of chosen skills and no description is read as before.

Real ESCO, the service's recogniser and title reader, default parameters, a small pool (figures
move with the pool's IDF; the equalities do not)."""

from __future__ import annotations

from dataclasses import replace

import pytest

from services.matching.index.domain.model import Vacancy, VacancySkill, WorkExperience
from services.matching.index.domain.recognition import RULE_SCORE, suggest_for_vacancy
from services.matching.index.domain.skill_plus import asked_as_essential, said_as_plus

from .conftest import TODAY, candidate, esco_occupation, vacancy

COOK_AD = (
    "Kokki lounasravintolaan, Tampere keskusta",
    "Pyynikin Ravintolat Oy etsii kokkia lounasravintolaamme. Valmistat päivittäin lounaan noin 250 "
    "asiakkaalle, vastaat salaattipöydästä ja erityisruokavalioista sekä osallistut tilauksiin ja "
    "omavalvontaan.\n\nOdotamme sinulta:\n- kokin ammattitutkintoa tai vastaavaa työkokemusta\n"
    "- hygieniapassia\n- kokemusta suurkeittiöstä tai lounasravintolasta\n- reipasta otetta ja hyviä "
    "yhteistyötaitoja\n\nAnniskelupassi katsotaan eduksi. Työaika ma-pe klo 7-15. Palkka majoitus- ja "
    "ravitsemisalan TES:n mukaan.",
    "cook",
)
NURSE_AD = (
    "Lähihoitaja kotihoitoon",
    "Kotihoidossa tuet ikääntyneiden asiakkaiden kotona asumista. Työhösi kuuluu asiakkaiden "
    "perushoito, lääkehoidon toteuttaminen, haavahoito, ravitsemuksesta huolehtiminen sekä voinnin "
    "seuranta ja kirjaaminen. Liikut asiakaskäynneillä autolla.\n\nEdellytämme:\n- lähihoitajan "
    "tutkinto tai muu soveltuva sosiaali- ja terveysalan tutkinto\n- voimassa olevat lääkeluvat (LOVE) "
    "tai valmius suorittaa ne\n- B-ajokortti\n- hyvä suomen kielen taito suullisesti ja kirjallisesti\n\n"
    "Eduksi katsotaan:\n- kokemus kotihoidosta tai muistisairaiden hoitotyöstä\n- ruotsin kielen taito",
    "healthcare assistant",
)
BUS_AD = (
    "Linja-autonkuljettaja",
    "Linja-autonkuljettajia Tampereen seudun joukkoliikenteeseen!\n\nTampereen Seutuliikenne Oy hakee kokoaikaisia ja osa-aikaisia linja-autonkuljettajia kaupunki- ja "
    "seutuliikenteeseen. Työ on vuorotyötä, myös viikonloppuisin.\n\nEdellytämme:\n- D-luokan ajokortti "
    "ja voimassa oleva ammattipätevyys (AP)\n- kuljettajakortti (digikortti)\n- asiakaspalveluhenkinen "
    "asenne ja hyvä suomen kielen taito\n- kykyä toimia itsenäisesti ja turvallisesti liikenteessä\n\n"
    "Kokemus kaupunkiliikenteestä on eduksi.",
    "bus driver",
)
ADS = {"cook": COOK_AD, "nurse": NURSE_AD, "bus": BUS_AD}


def _essential(esco, label: str) -> list[str]:
    o = esco.tables.occupation_labels["en"].index(label)
    return [
        esco.skill_uris[j]
        for j in esco.essential.indices[esco.essential.indptr[o] : esco.essential.indptr[o + 1]]
    ]


@pytest.fixture(scope="module")
def pool(esco, make_esco_engine):
    """Per trade three of years holding every essential skill (claims and a current spell), a
    graduate claiming half of them, and one of years with no claim at all."""
    people = []
    for _, _, label in ADS.values():
        ess, uri = _essential(esco, label), esco_occupation(esco, label)
        for i in range(3):
            people.append(
                candidate(
                    f"{label}/{i}",
                    dict.fromkeys(ess[i:], "advanced"),
                    experience=(WorkExperience(uri, 6.0 + i),),
                )
            )
        people.append(candidate(f"{label}/graduate", dict.fromkeys(ess[: len(ess) // 2], "intermediate")))
        people.append(candidate(f"{label}/history", experience=(WorkExperience(uri, 8.0),)))
    return make_esco_engine(people)


def _confirmed(ad, esco_recognizer, pool) -> tuple[Vacancy, Vacancy, tuple[VacancySkill, ...]]:
    """The text-only ad as the service enriches it, and the same ad after its employer confirmed
    the suggestions a rule names (score 1.0, as the tester did) with the flag the service offers
    (`essential` unless said as a plus) and the service enriched it again (the others left offered)."""
    title, text, _ = ad
    posted = replace(vacancy(title=title, vacancy_id="text"), described=True)
    read = suggest_for_vacancy(posted, text, esco_recognizer, title_occupations=pool.title_occupations(title))
    offered = [s for s in read.vacancy.skills if s.suggested]
    sure = [s for s in offered if s.score is not None and s.score >= RULE_SCORE]
    chosen = tuple(
        VacancySkill(s.uri, not (s.plus if s.plus is not None else said_as_plus(s.source))) for s in sure
    )
    assert chosen and any(s.essential for s in chosen)
    rest = tuple(s for s in offered if s not in sure)
    updated = replace(posted, version=2, skills=chosen + rest)
    again = suggest_for_vacancy(
        updated, text, esco_recognizer, title_occupations=pool.title_occupations(title)
    )
    return read.vacancy, again.vacancy, chosen


def _entries(engine, ad) -> dict:
    return {
        e.candidate_id: e for e in engine.shortlist(engine.prepare(ad), k=20, viewer_org=None, today=TODAY)
    }


@pytest.mark.parametrize("which", sorted(ADS))
def test_confirming_the_suggestions_keeps_the_occupation_read_from_the_text(
    esco, esco_recognizer, pool, which
):
    """The kind: on every trade's ad the confirmed ad is still ranked by the occupation read, its
    essential skills those of the occupation plus the employer's, and each candidate reads what
    they read on the ad naming the occupation with the same confirmed skills."""
    _, _, label = ADS[which]
    occupation = esco.occupation_index[esco_occupation(esco, label)]
    text_only, confirmed, chosen = _confirmed(ADS[which], esco_recognizer, pool)
    # the ad naming the occupation, with the same skills (the confirmed ones, and those still offered)
    named = replace(confirmed, vacancy_id="named", occupation_uri=esco_occupation(esco, label))
    q_text, q_conf, q_named = (pool.prepare(v).query for v in (text_only, confirmed, named))
    assert q_text.kind == "text-read" and q_text.profile == occupation
    assert q_conf.kind == "text-read" and q_conf.profile == occupation, q_conf.kind
    n_occ = len(_essential(esco, label))
    assert len(q_conf.essential) == len(q_named.essential) >= n_occ
    assert sum(s.essential for s in chosen) <= len(q_conf.essential) - n_occ + len(chosen)
    assert q_conf.ideal == pytest.approx(q_named.ideal, rel=1e-3)  # the named one's query, scaled

    before, after, as_named = (_entries(pool, v) for v in (text_only, confirmed, named))
    for cid in as_named:
        assert after[cid].score == pytest.approx(as_named[cid].score, abs=0.002), cid
        assert after[cid].match == pytest.approx(as_named[cid].match, abs=1.0), cid
    for i in range(3):  # those of years still hold every essential skill of the occupation
        # (here cooks 97.0-97.1 on the text ad, 96.5-96.6 confirmed; nurses 95.3 and 93.8-93.9; bus
        # drivers 94.0 and 92.1-92.2, missing "customer service" and "drive vehicles", which ESCO's
        # bus driver profile does not list; 69-73 confirmed before the fix)
        e = after[f"{label}/{i}"]
        assert len(e.matched_essential) >= n_occ and e.match > 85, (i, e.match, len(e.matched_essential))
        # only what the employer added, or a suggestion left unconfirmed that the ad asks for as
        # essential (shown so, as `/skills` shows it: outside tester 38, M1)
        asked = {s.uri for s in confirmed.skills if s.suggested and asked_as_essential(s)}
        assert set(e.missing_essential) <= {s.uri for s in chosen} | asked
        assert e.match > before[f"{label}/{i}"].match - 3  # confirming costs little, not 25-30 points
    # and the order of the kinds of candidate stays: the trade's people of years first
    top = sorted(after, key=lambda c: after[c].rank)[:3]
    assert all(c.startswith(f"{label}/") and c[-1].isdigit() for c in top), top
    assert after[f"{label}/graduate"].match < after[f"{label}/0"].match


def test_skills_chosen_without_a_description_are_read_by_the_skills_alone(esco, esco_recognizer, pool):
    """The other kinds rank as before: the same confirmed skills on a vacancy with no description
    (skills only, as the ranking benchmark's skills and sparse vacancies) ask for no occupation's
    profile."""
    _, confirmed, chosen = _confirmed(COOK_AD, esco_recognizer, pool)
    bare = replace(confirmed, described=False, skills=chosen)
    q = pool.prepare(bare).query
    assert q.kind == ("few-skills" if len(chosen) <= 5 else "skills") and q.profile == -1
    assert len(q.essential) == sum(s.essential for s in chosen)
