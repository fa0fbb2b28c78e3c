"""Index snapshots: written atomically, loaded into an index that serves the same shortlists, and
refused (never served) when corrupt, incompatible, too old or not fitting the topics; older files are
deleted so a withdrawn candidate does not outlive the next snapshot."""

from __future__ import annotations

import os
import stat
from dataclasses import replace
from datetime import UTC, datetime, timedelta

import numpy as np
import pytest

from services.matching.index.domain.engine import MatchingEngine
from services.matching.index.domain.model import WorkExperience
from services.matching.index.events import VacancyRecord
from services.matching.index.snapshot import SnapshotError, SnapshotStore, fingerprint
from services.matching.index.state import MatchingState

from .conftest import MUNICIPALITIES, TODAY, build_small_taxonomy, candidate, vacancy

WELDER = vacancy(essential=("s:weld", "s:mig"), optional=("s:blue",))
NOW = datetime(2025, 3, 1, 12, 0, tzinfo=UTC)
OFFSETS = {("kohtaanto.candidates.v1", 0): 7, ("kohtaanto.vacancies.v1", 0): 2}


def new_engine(taxonomy) -> MatchingEngine:
    return MatchingEngine(taxonomy, MUNICIPALITIES, clock=lambda: TODAY)


def filled_engine(taxonomy) -> MatchingEngine:
    engine = new_engine(taxonomy)
    engine.bulk_load(
        [
            candidate(
                "c1", {"s:weld": "expert", "s:mig": "advanced"}, consented_orgs=frozenset({"agency-a"})
            ),
            candidate("c2", {"s:weld": "basic"}, languages={"fi": "native", "sv": "B1", "et": "C1"}),
            candidate(
                "c3",
                {"s:blue": "advanced"},
                experience=(WorkExperience("o:welder", 5.0, None),),
                consented_orgs=frozenset({"agency-b"}),
                municipality="536",
            ),
            candidate("c4", {"s:cook": "expert"}),
        ]
    )
    engine.upsert_candidate(candidate("c5", {"s:weld": "advanced", "s:tig": "basic"}))  # in the delta
    return engine


def record(status: str = "open", vacancy_id: str = "v1") -> VacancyRecord:
    v = replace(WELDER, status=status, vacancy_id=vacancy_id)
    return VacancyRecord(v, v, "06", "Hitsaaja Tampereelle", 2, None, None, NOW, frozenset({"s:tig"}))


def shortlists(engine: MatchingEngine) -> dict[str, list[tuple[str, float]]]:
    out = {}
    for org in (None, "agency-a", "agency-b"):
        entries = engine.shortlist(WELDER, viewer_org=org, today=TODAY)
        out[str(org)] = [(e.candidate_id, round(e.score, 6)) for e in entries]
    return out


@pytest.fixture
def store(tmp_path) -> SnapshotStore:
    return SnapshotStore(tmp_path / "snapshots", max_age_s=3600)


def write(store: SnapshotStore, engine: MatchingEngine, *, now: datetime = NOW, vacancies=()):
    return store.write(engine.image(), list(vacancies), OFFSETS, fingerprint(engine, TODAY.year), now=now)


def test_a_loaded_snapshot_serves_the_same_shortlists_explanations_and_vacancies(taxonomy, store):
    engine = filled_engine(taxonomy)
    before = shortlists(engine)
    explained = engine.explain(WELDER, "c2", today=TODAY)
    path = write(store, engine, vacancies=[record(), replace(record("closed", "v2"), close_reason="filled")])
    restored = MatchingState(new_engine(taxonomy), None)
    snapshot = store.load(path, fingerprint(restored.engine, TODAY.year), now=NOW)
    restored.restore(snapshot.image, snapshot.vacancies)

    assert snapshot.offsets == OFFSETS
    # as little memory as the index that wrote it (before: the claim levels' copy of the claims'
    # structure came back as a second copy, +64 B/profile at 1M, 472 B against the 450 B budget)
    assert restored.engine.memory_bytes() == engine.memory_bytes()
    assert shortlists(restored.engine) == before
    assert restored.engine.explain(WELDER, "c2", today=TODAY) == explained
    assert restored.engine.indexed_version("c5") == 1 and len(restored.engine) == 5
    [open_one] = [v for v in restored.vacancies() if v.is_open]
    assert open_one.query is not None and open_one.rejected_skills == frozenset({"s:tig"})
    # warmed at the restore: its first shortlist reads its weights and stage-1 bounds
    assert id(open_one.query) in restored.engine._weights_cache
    assert any(held[0] is open_one.query for held in restored.engine._bounds_cache.values())
    assert open_one.updated_at == NOW and open_one.description == "Hitsaaja Tampereelle"
    # the restored index takes updates like any other
    restored.engine.upsert_candidate(candidate("c6", {"s:weld": "expert", "s:mig": "expert"}))
    assert "c6" in [e.candidate_id for e in restored.engine.shortlist(WELDER, viewer_org=None, today=TODAY)]


def test_a_withdrawn_candidate_is_not_in_the_next_snapshot_and_older_files_are_deleted(taxonomy, store):
    engine = filled_engine(taxonomy)
    first = write(store, engine)
    engine.remove_candidate("c1")
    second = write(store, engine, now=NOW + timedelta(seconds=5))
    assert store.paths() == [second] and not first.exists()
    with np.load(second) as data:
        assert not any(b"c1" in data[name].tobytes() for name in data.files if data[name].dtype.kind == "S")
    snapshot = store.load(second, fingerprint(engine, TODAY.year), now=NOW)
    assert b"c1" not in set(snapshot.image.main.ids.tolist())


def flip(data: bytes) -> bytes:
    """One bit flipped in the stored IDF array (inside an array, not in the zip's headers)."""
    at = data.index(b"idf.npy") + 200
    return data[:at] + bytes([data[at] ^ 1]) + data[at + 1 :]


@pytest.mark.parametrize(
    "damage",
    [
        lambda p: p.write_bytes(p.read_bytes()[: len(p.read_bytes()) // 2]),  # cut short by a crash
        lambda p: p.write_bytes(b"PK\x03\x04" + b"\x00" * 100),  # not a zip
        lambda p: p.write_bytes(flip(p.read_bytes())),  # a bit flipped on disk
    ],
    ids=["truncated", "garbage", "flipped"],
)
def test_a_corrupt_snapshot_is_refused(taxonomy, store, damage):
    engine = filled_engine(taxonomy)
    path = write(store, engine)
    damage(path)
    with pytest.raises(SnapshotError):
        store.load(path, fingerprint(engine, TODAY.year), now=NOW)


def test_an_incompatible_or_old_snapshot_is_refused_and_an_older_valid_one_is_used(taxonomy, store, caplog):
    engine = filled_engine(taxonomy)
    expected = fingerprint(engine, TODAY.year)
    path = write(store, engine)
    for name, value in [("esco", "another ESCO"), ("code", "another release"), ("year", TODAY.year + 1)]:
        with pytest.raises(SnapshotError, match=name):
            store.load(path, {**expected, name: value}, now=NOW)
    with pytest.raises(SnapshotError, match="too old"):
        store.load(path, expected, now=NOW + timedelta(hours=2))

    # a newer file that is corrupt: logged, skipped, the previous valid one is used
    newer = store.directory / path.name.replace("20250301T12", "20250301T13")
    newer.write_bytes(b"not a snapshot")
    snapshot, rejected = store.newest(expected, now=NOW)
    assert snapshot is not None and snapshot.path == path and rejected == 1
    assert "index snapshot ignored" in caplog.text

    def refuse(_snapshot):
        raise SnapshotError("offsets outside the topic")

    assert store.newest(expected, accept=refuse, now=NOW) == (None, 2)


def test_the_fingerprint_covers_esco_and_the_ranking_parameters(taxonomy):
    base = fingerprint(new_engine(taxonomy), 2025)
    assert fingerprint(new_engine(build_small_taxonomy()), 2025) == base
    other_params = MatchingEngine(
        taxonomy, MUNICIPALITIES, replace(new_engine(taxonomy).params, suggested_claim_factor=0.4)
    )
    assert fingerprint(other_params, 2025)["params"] != base["params"]
    assert fingerprint(new_engine(taxonomy), 2026) != base


def test_a_state_catching_up_collects_then_indexes_once_and_applies_withdrawals_last(taxonomy):
    state = MatchingState(new_engine(taxonomy), None)
    state.begin_bulk()
    state.buffer_candidate(candidate("c1", {"s:weld": "expert"}))
    state.buffer_candidate(candidate("c2", {"s:weld": "basic"}))
    state.withdraw_candidate("c1")
    state.buffer_candidate(candidate("c3", {"s:weld": "basic"}))
    state.withdraw_candidate("c3")
    state.buffer_candidate(candidate("c3", {"s:weld": "advanced"}, version=2))  # back after withdrawal
    assert len(state.engine) == 0  # nothing served before catching up
    assert state.end_bulk() == 2
    assert sorted(e.candidate_id for e in state.engine.shortlist(WELDER, viewer_org=None, today=TODAY)) == [
        "c2",
        "c3",
    ]
    # a restored index catching up: a withdrawal in the tail removes a snapshot's candidate
    engine = filled_engine(taxonomy)
    image = engine.image()
    restored = MatchingState(new_engine(taxonomy), None)
    restored.restore(image, [])
    restored.begin_bulk()
    restored.withdraw_candidate("c1")
    restored.buffer_candidate(candidate("c2", {"s:weld": "expert", "s:mig": "expert"}, version=2))
    restored.end_bulk()
    assert "c1" not in restored.engine and restored.engine.indexed_version("c2") == 2


def test_the_tenure_matrix_shares_the_work_historys_structure_as_built_merged_and_restored(taxonomy, store):
    """`Segment.experience_tenure` holds one entry per work-history occupation, as the work history
    does: it keeps only its own values (7 B per profile less at 1,000,000 profiles, session 22),
    in a segment built from profiles (the delta), merged (the main one) and read back from a
    snapshot or an image that holds a copy of the structure."""
    engine = filled_engine(taxonomy)
    engine.index_params = replace(engine.index_params, delta_max_share=1.0)  # c7 stays in the delta
    engine.upsert_candidate(
        candidate("c7", {"s:weld": "basic"}, experience=(WorkExperience("o:welder", 1.0, TODAY.year - 3),))
    )
    snap = engine._snapshot
    assert len(snap.delta) == 1 and len(snap.main) == 5
    for seg in (snap.main, snap.delta):
        assert np.shares_memory(seg.experience_tenure.indices, seg.experience.indices)
        assert np.shares_memory(seg.experience_tenure.indptr, seg.experience.indptr)
    # c7's tenure (a year, ended three years ago) is below its work-history weight: its own values
    row = snap.delta.find(b"c7")
    assert snap.delta.experience_tenure[row].sum() < snap.delta.experience[row].sum()
    image = engine.image()  # merged: c7 in the main segment now
    before = shortlists(engine)
    copied = replace(
        image.main, experience_tenure=image.main.experience_tenure.copy()
    )  # as a pickle holds it
    restored = new_engine(taxonomy)
    restored.restore(replace(image, main=copied))
    main = restored._snapshot.main
    assert np.shares_memory(main.experience_tenure.indices, main.experience.indices)
    np.testing.assert_array_equal(main.experience_tenure.data, image.main.experience_tenure.data)
    assert restored.memory_bytes() == engine.memory_bytes()
    assert shortlists(restored) == before
    path = write(store, engine)
    loaded = store.load(path, fingerprint(engine, TODAY.year), now=NOW).image.main
    assert np.shares_memory(loaded.experience_tenure.indices, loaded.experience.indices)


def test_a_snapshot_and_a_directory_it_creates_are_readable_by_their_owner_only(taxonomy, tmp_path):
    """Outside tester 34, F12: snapshots (pseudonymous profiles' vectors) were 0644 in a 0755 directory."""
    store = SnapshotStore(tmp_path / "data" / "index-snapshots", max_age_s=3600)
    old = os.umask(0o022)  # a permissive umask, as on the tester's host
    try:
        path = write(store, filled_engine(taxonomy))
        again = write(store, filled_engine(taxonomy), now=NOW + timedelta(minutes=1))
    finally:
        os.umask(old)
    assert stat.S_IMODE(store.directory.stat().st_mode) == 0o700
    assert stat.S_IMODE(again.stat().st_mode) == 0o600 and not path.exists()
