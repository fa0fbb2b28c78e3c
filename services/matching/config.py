"""Matching service settings, declared once (``shared.config.env``) and read from the environment once."""

from __future__ import annotations

from pathlib import Path

from services.matching.team.shortages import PeriodRules
from shared.config import REPO_ROOT, CommonSettings, EnvSettings, env


class Settings(EnvSettings):
    common: CommonSettings
    record_key: bytes = env(
        "KOHTAANTO_MATCHING_KEY",
        description="key of the keyed hashes matching keeps instead of a jobseeker's pseudonym: the marker "
        "that a withdrawn candidate stays erased (`erased_candidates`) and the tags and fingerprints of "
        "retried POSTs (`Idempotency-Key`); at least 32 bytes; must never change once a candidate was "
        "erased (the markers made with another key no longer match) and never be given to another service",
        secret=True,
        min_length=32,
    )
    cache_dir: Path = env(
        "KOHTAANTO_CACHE_DIR",
        REPO_ROOT / ".cache" / "matching",
        "where the compiled taxonomy and skill recogniser are cached (rebuilt when missing)",
    )
    embedding_cache_dir: Path = env(
        "KOHTAANTO_EMBEDDING_CACHE_DIR",
        Path.home() / ".cache" / "kohtaanto",
        "where the skill-label embeddings of recognition are cached (English and Finnish labels, one "
        "file per language, built once per machine, about 5–8 CPU-minutes each; shared by every "
        "checkout and CI run; keyed by the labels, model and code)",
        shown_default="`~/.cache/kohtaanto`",
    )
    recognition_threads: int = env(
        "KOHTAANTO_RECOGNITION_THREADS",
        1,
        "threads of the recogniser's multilingual model in each call (the process runs one call at a "
        "time): `1` leaves the other core to the service's other requests and to the other services "
        "of a 2-core host; `2` shortens a sentence's wall time only on an idle host "
        "(docs/benchmarks.md, recognition latency)",
        ge=1,
        le=64,
    )
    start_feed: bool = env(
        "KOHTAANTO_START_FEED",
        True,
        "`0` starts the API without consuming the topics (no index: for tools and benchmarks)",
    )
    index_snapshot_dir: Path | None = env(
        "KOHTAANTO_INDEX_SNAPSHOT_DIR",
        None,
        "where the matching index writes its snapshots (local disk, one directory per replica): a "
        "restart loads the newest and reads only the topics' tail (docs/reliability.md)",
        shown_default="`<KOHTAANTO_DATA_DIR>/index-snapshots`",
    )
    index_snapshot_seconds: float = env(
        "KOHTAANTO_INDEX_SNAPSHOT_SECONDS",
        300.0,
        "seconds between index snapshots (one is also written on shutdown); a withdrawn profile "
        "stays in a snapshot file at most this long; `0` writes none (a start still loads one)",
        ge=0,
    )
    index_snapshot_max_age_hours: float = env(
        "KOHTAANTO_INDEX_SNAPSHOT_MAX_AGE_HOURS",
        24.0,
        "an older snapshot is ignored (rebuild from the topics); keep it well below the candidates "
        "topic's tombstone retention (`delete.retention.ms`, 7 days)",
        gt=0,
    )
    default_k: int = env("KOHTAANTO_DEFAULT_K", 20, "shortlist length when a request names none", ge=1)
    max_k: int = 200
    availability_window_days: int = env(
        "KOHTAANTO_AVAILABILITY_WINDOW_DAYS",
        28,
        "a vacancy without a start date shortlists candidates available within this many days "
        "(a request may set its own with `available_within_days`)",
        ge=0,
        le=365,
    )
    profile_public_url: str = env(
        "KOHTAANTO_PROFILE_PUBLIC_URL",
        "http://127.0.0.1:8002",
        "where viewers' browsers reach the profile service (the meeting page fetches names from it); "
        "must list the matching service's origin in its `KOHTAANTO_CORS_ORIGINS`",
    )
    meeting_top_k: int = env(
        "KOHTAANTO_MEETING_TOP_K", 5, "candidates shown per vacancy in the weekly meeting", ge=1
    )
    shortage_stale_months: int = env(
        "KOHTAANTO_SHORTAGE_STALE_MONTHS",
        12,
        "a shortage list whose period started this many months ago is marked stale (API and meeting page)",
        ge=1,
    )
    shortage_max_months_ahead: int = env(
        "KOHTAANTO_SHORTAGE_MAX_MONTHS_AHEAD",
        12,
        "an imported shortage list's period may start at most this many months ahead (refuses typos such as 2062H2)",
        ge=0,
    )
    meeting_late_prepare: bool = env(
        "KOHTAANTO_MEETING_LATE_PREPARE",
        False,
        "demo seeding only: a week that has ended and was never prepared may be prepared once, afterwards "
        "(marked prepared after the week). `make demo` runs matching with it only while it seeds last "
        "week's meeting and restarts it without; off, as the running demo and production are, it is a 422",
    )
    numba: bool = env(
        "KOHTAANTO_NUMBA",
        True,
        "`0` walks the inverted index with scipy instead of the compiled loop (same results, slower); "
        "read by the ranking kernel itself",
    )
    numba_cache_dir: Path | None = env(
        "NUMBA_CACHE_DIR",
        None,
        "numba's own: where the compiled ranking loop is cached; read by numba itself",
        shown_default="`__pycache__` beside the code",
    )

    @property
    def snapshot_dir(self) -> Path:
        return self.index_snapshot_dir or self.common.data_dir / "index-snapshots"

    @property
    def period_rules(self) -> PeriodRules:
        return PeriodRules(self.shortage_max_months_ahead, self.shortage_stale_months)

    @classmethod
    def from_env(cls) -> Settings:
        return cls.read_env(common=CommonSettings.from_env("matching"))
