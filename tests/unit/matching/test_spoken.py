"""A candidate's declared languages meet a vacancy's ESCO language skills (outside tester N4:
"Fluent Finnish required" became the ESCO skill "Finnish", and a native speaker whose profile says
`languages: [{code: "fi", level: "native"}]` showed it as a missing essential skill)."""

from __future__ import annotations

import numpy as np
import pytest
from langcodes.registry_parser import parse_registry

from services.matching.index.domain.engine import MatchingEngine
from services.matching.index.domain.model import SkillEvidence
from services.matching.index.domain.scoring import exact_scores
from services.matching.index.domain.spoken import (
    _members,
    _registry,
    _scopes,
    language_of,
    language_skill_map,
    meeting_codes,
    query_languages,
)
from services.matching.index.domain.taxonomy import SkillRow, Taxonomy
from services.matching.index.domain.vectors import smooth_idf

from .conftest import (
    BROADER,
    GROUPS,
    ISCO,
    MUNICIPALITIES,
    OCCUPATION_SKILLS,
    OCCUPATIONS,
    SKILL_RELATIONS,
    SKILLS,
    TODAY,
    candidate,
    vacancy,
)

LANGUAGE_SKILLS = [
    SkillRow("s:fi", "Finnish", "suomi"),
    SkillRow("s:speak-fi", "speak Finnish", "puhua suomea"),
    SkillRow("s:read-sv", "understand written Swedish", "ymmärtää kirjoitettua ruotsia"),
    SkillRow("s:sv", "Swedish", "ruotsi"),
    SkillRow("s:no", "Norwegian", "norja"),
    SkillRow("s:speak-no", "speak Norwegian", "puhua norjaa"),
    SkillRow("s:berber", "Berber", "berberi"),
    SkillRow("s:speak-berber", "speak Berber", "puhua berberiä"),
]


@pytest.fixture(scope="module")
def spoken_taxonomy() -> Taxonomy:
    return Taxonomy.from_rows(
        SKILLS + LANGUAGE_SKILLS, OCCUPATIONS, OCCUPATION_SKILLS, SKILL_RELATIONS, GROUPS, BROADER, ISCO
    )


@pytest.fixture
def engine(spoken_taxonomy: Taxonomy) -> MatchingEngine:
    return MatchingEngine(spoken_taxonomy, MUNICIPALITIES, clock=lambda: TODAY)


def ids(entries):
    return [e.candidate_id for e in entries]


# -- the map from ESCO language skills to ISO 639 codes -----------------------------------------
def test_english_language_names_are_read_by_langcodes():
    assert language_of("Finnish") == "fi"
    assert language_of("Swedish") == "sv"
    assert language_of("Ancient Greek") == "grc"
    assert language_of("Norwegian") == "no"
    assert language_of("Berber") is None  # a group of languages, not one
    assert language_of("Montenegrin") is None  # langcodes: Serbian of Montenegro (sr-ME)
    assert language_of("welding") is None


def test_a_macrolanguage_is_met_by_its_member_languages():
    assert {"no", "nb", "nn"} <= meeting_codes("no")
    assert "cmn" in meeting_codes("zh")
    assert meeting_codes("fi") == {"fi"}


def test_every_form_of_a_language_skill_maps_to_its_language(spoken_taxonomy):
    m = language_skill_map(spoken_taxonomy)
    by_uri = m.uri_codes(spoken_taxonomy)
    assert by_uri == {
        "s:fi": "fi",
        "s:speak-fi": "fi",
        "s:read-sv": "sv",
        "s:sv": "sv",
        "s:no": "no",
        "s:speak-no": "no",
    }


def test_the_real_esco_language_skills_map_to_codes(esco):
    by_uri = language_skill_map(esco).uri_codes(esco)
    labels = {esco.skill_label(uri, "en"): code for uri, code in by_uri.items()}
    assert labels["Finnish"] == "fi"
    assert labels["interact verbally in Finnish"] == "fi"
    assert "use maritime English" not in labels  # a special register, not the language
    assert labels["understand spoken Finnish"] == "fi"
    assert labels["understand written Swedish"] == "sv"
    assert labels["interact verbally in English"] == "en"
    assert labels["write Latin"] == "la"
    assert len({*by_uri.values()}) >= 65  # ESCO v1.1.1 names 72 languages; Berber, Montenegrin left out
    assert "weld metal parts" not in labels


def test_a_query_groups_its_language_positions_by_language(spoken_taxonomy):
    engine = MatchingEngine(spoken_taxonomy, MUNICIPALITIES, clock=lambda: TODAY)
    q = engine.prepare(vacancy(essential=("s:weld", "s:speak-fi"), optional=("s:fi", "s:read-sv"))).query
    langs = query_languages(q.skills, spoken_taxonomy)
    assert langs.codes == ("fi", "sv")
    skill_of = {int(u): spoken_taxonomy.skill_uris[int(q.skills[u])] for u in np.concatenate(langs.positions)}
    assert sorted(skill_of.values()) == ["s:fi", "s:read-sv", "s:speak-fi"]
    assert not engine.prepare(vacancy(essential=("s:weld",))).query.languages


# -- scoring and explanations ------------------------------------------------------------------
FINNISH_WELDER = vacancy(essential=("s:weld", "s:mig", "s:fi"), optional=("s:blue",))


def _welders(engine: MatchingEngine) -> None:
    welds = {"s:weld": "advanced", "s:mig": "advanced"}
    engine.upsert_candidates(
        [
            candidate("native", welds, languages={"fi": "native"}),
            candidate("b2", welds, languages={"fi": "B2", "en": "C1"}),
            candidate("a1", welds, languages={"fi": "A1"}),
            candidate("esco-only", welds | {"s:fi": "intermediate"}, languages={}),
            candidate("esco-expert", welds | {"s:fi": "expert"}, languages={}),
            candidate("english", welds, languages={"en": "native"}),
            candidate("finnish-cook", {"s:cook": "expert"}, languages={"fi": "native"}),
        ]
    )


def test_a_declared_language_meets_the_esco_skill_and_ranks_a_native_speaker_first(engine):
    _welders(engine)
    entries = engine.shortlist(FINNISH_WELDER, viewer_org=None, today=TODAY)
    order = ids(entries)
    by_id = {e.candidate_id: e for e in entries}
    # the tester's case: the native speaker never below anyone who merely listed the ESCO skill.
    # Listing it no longer dilutes the similarity either (a skill the vacancy asks for never
    # lowers the match: outside tester 16, P1): these welders hold nothing outside the vacancy,
    # so at the same strength they read alike, and coverage orders them by strength
    assert by_id["native"].score >= by_id["esco-expert"].score
    assert by_id["native"].score >= by_id["esco-only"].score
    assert order.index("native") < order.index("esco-only")
    assert by_id["b2"].score >= by_id["esco-only"].score  # the same claim weight
    assert order[-1] == "english"  # lacks the language in both forms
    assert "finnish-cook" not in order  # a language alone is no evidence for a welder's vacancy
    by_id = {e.candidate_id: e for e in entries}
    native = by_id["native"]
    assert native.missing_essential == ()
    assert "s:fi" in native.matched_essential
    assert native.evidence["s:fi"] == SkillEvidence("language", "native", "fi")
    assert by_id["b2"].evidence["s:fi"] == SkillEvidence("language", "B2", "fi")
    assert by_id["esco-only"].evidence["s:fi"] == SkillEvidence("claimed", "intermediate")
    assert by_id["english"].missing_essential == ("s:fi",)
    # levels grade the credit as a claim's level does: A1 counts as a basic claim. Without
    # anything outside the vacancy's skills the similarity has no scale to grade against, and the
    # order (coverage) grades them; with a skill outside it, the score does
    assert by_id["native"].score >= by_id["b2"].score >= by_id["a1"].score > by_id["english"].score
    assert order.index("native") < order.index("b2") < order.index("a1") < order.index("english")
    assert by_id["a1"].evidence["s:fi"] == SkillEvidence("language", "A1", "fi")
    cooks = {"s:weld": "advanced", "s:mig": "advanced", "s:cook": "basic"}
    engine.upsert_candidates(
        [candidate(f"cook-{level}", cooks, languages={"fi": level}) for level in ("native", "B2", "A1")]
    )
    by_id = {e.candidate_id: e for e in engine.shortlist(FINNISH_WELDER, k=20, viewer_org=None, today=TODAY)}
    assert by_id["cook-native"].score > by_id["cook-B2"].score > by_id["cook-A1"].score


def test_the_shortlist_equals_an_exact_scan_with_declared_languages(engine):
    _welders(engine)
    entries = engine.shortlist(FINNISH_WELDER, k=3, viewer_org=None, today=TODAY)
    everyone = engine.explain_many(
        FINNISH_WELDER,
        ["native", "b2", "a1", "esco-only", "esco-expert", "english", "finnish-cook"],
        today=TODAY,
    )
    best = sorted((e for e in everyone.values() if e.score > 0), key=lambda e: (-e.score, e.candidate_id))
    # the same scores; among equal scores the engine orders by coverage, then id
    assert [e.score for e in entries] == [e.score for e in best[:3]]
    assert {e.candidate_id for e in best if e.score > entries[-1].score} <= set(ids(entries))
    assert everyone["finnish-cook"].score == 0  # no evidence but the language: not listed, not scored
    assert (
        engine.rank_of(FINNISH_WELDER, "b2", today=TODAY)
        == ids(engine.shortlist(FINNISH_WELDER, viewer_org=None, today=TODAY)).index("b2") + 1
    )


def test_stage_one_bounds_cover_the_declared_languages(engine):
    _welders(engine)
    prepared = engine.prepare(FINNISH_WELDER)
    snap = engine._snapshot
    qw = engine._weights(snap, prepared, prune=True)
    from services.matching.index.domain.pool import candidate_pools, near_rows

    (pool,) = candidate_pools(
        [(s, p) for s, p in ((snap.main, snap.present), (snap.delta, snap.delta_present)) if len(s)],
        qw,
        prepared.distances,
        True,
        (),
    )
    rows = near_rows(pool.seg, pool.near).astype(np.int64)
    ex = exact_scores(pool.seg, np.sort(rows), qw, engine.params)
    bound = dict(zip(np.sort(rows).tolist(), [0.0] * len(rows), strict=True))
    for r, ub in zip(rows.tolist(), pool.ub.tolist(), strict=True):
        bound[r] = ub
    for r, score in zip(ex.rows.tolist(), ex.score.tolist(), strict=True):
        assert score <= bound[r] + qw.pruned_bound + 1e-4


def test_a_member_language_meets_a_macrolanguage_skill(engine):
    engine.upsert_candidates(
        [
            candidate("bokmal", {"s:weld": "advanced"}, languages={"nb": "C1"}),
            candidate("none", {"s:weld": "advanced"}, languages={}),
        ]
    )
    entries = engine.shortlist(vacancy(essential=("s:weld", "s:speak-no")), viewer_org=None, today=TODAY)
    assert ids(entries) == ["bokmal", "none"]
    assert entries[0].evidence["s:speak-no"] == SkillEvidence("language", "C1", "nb")


def test_a_suggested_language_skill_is_met_too(engine):
    _welders(engine)
    v = vacancy(essential=("s:weld", "s:mig"), suggested=("s:speak-fi",))
    by_id = {e.candidate_id: e for e in engine.shortlist(v, viewer_org=None, today=TODAY)}
    assert by_id["native"].score > by_id["english"].score
    # (a suggestion the ad does not offer as a plus is shown essential, as `/skills` shows it:
    # outside tester 38, M1)
    assert "s:speak-fi" not in by_id["native"].missing_essential + by_id["native"].missing_optional
    assert "s:speak-fi" in by_id["english"].missing_essential


def test_a_vacancy_without_language_skills_ranks_as_before(spoken_taxonomy):
    welds = {"s:weld": "advanced", "s:mig": "advanced"}
    people = [("native", {"fi": "native"}), ("b2", {"fi": "B2", "en": "C1"}), ("english", {"en": "native"})]
    speaking = MatchingEngine(spoken_taxonomy, MUNICIPALITIES, clock=lambda: TODAY)
    speaking.upsert_candidates([candidate(c, welds, languages=langs) for c, langs in people])
    silent = MatchingEngine(spoken_taxonomy, MUNICIPALITIES, clock=lambda: TODAY)
    silent.upsert_candidates([candidate(c, welds, languages={}) for c, _ in people])  # no language declared
    v = vacancy(essential=("s:weld", "s:mig"), optional=("s:blue",))
    with_langs = speaking.shortlist(v, viewer_org=None, today=TODAY)
    assert [(e.candidate_id, e.score) for e in with_langs] == [
        (e.candidate_id, e.score) for e in silent.shortlist(v, viewer_org=None, today=TODAY)
    ]
    assert all(ev.kind != "language" for e in with_langs for ev in e.evidence.values())


def test_declared_languages_count_in_the_language_skills_document_frequency(engine, spoken_taxonomy):
    _welders(engine)
    engine.merge()
    idf = engine._snapshot.idf
    at = spoken_taxonomy.skill_index
    # four of the seven declare Finnish and two list the ESCO skill: counted as the six holding
    # it, as the six welders holding MIG welding
    assert idf[at["s:fi"]] == idf[at["s:mig"]] == smooth_idf(np.array([6]), 7)[0]
    assert idf[at["s:speak-fi"]] == smooth_idf(np.array([4]), 7)[0]  # declared only
    assert idf[at["s:read-sv"]] == smooth_idf(np.array([0]), 7)[0]  # nobody declares Swedish


def test_one_registry_parse_gives_the_scopes_and_members_a_parse_each_gave():
    """`_registry` reads the IANA registry once for both tables (made at engine start by `warm_up`);
    they equal what one parse per table gave before."""
    items = [item for item in parse_registry() if item.get("Type") == "language"]
    scopes = {item["Subtag"].lower(): item["Scope"] for item in items if "Scope" in item}
    members: dict[str, set[str]] = {}
    for item in items:
        if "Macrolanguage" in item:
            members.setdefault(item["Macrolanguage"].lower(), set()).add(item["Subtag"].lower())
    assert _scopes() == scopes and scopes["zh"] == "macrolanguage"
    assert _members() == {k: frozenset(v) for k, v in members.items()}


def test_an_engine_reads_the_language_registry_when_it_starts(spoken_taxonomy):
    """Not in the first request whose vacancy names a language (about 30 ms there)."""
    _registry.cache_clear()
    language_skill_map.cache_clear()
    MatchingEngine(spoken_taxonomy, MUNICIPALITIES, clock=lambda: TODAY)
    assert _registry.cache_info().currsize == 1
    assert language_skill_map.cache_info().currsize == 1
