"""Matching service settings, read from the environment once."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from pathlib import Path

from services.matching.team.shortages import PeriodRules
from shared.config import REPO_ROOT, CommonSettings, env_bool, env_int, env_str


@dataclass(frozen=True, slots=True)
class Settings:
    common: CommonSettings
    cache_dir: Path
    start_feed: bool = True
    default_k: int = 20
    max_k: int = 200
    profile_public_url: str = "http://127.0.0.1:8002"  # where viewers' browsers reach the profile service
    meeting_top_k: int = 5  # candidates shown per vacancy in the weekly meeting
    shortage_stale_months: int = 12  # a shortage list whose period started this long ago is stale
    shortage_max_months_ahead: int = 12  # an imported period may start at most this far ahead

    @property
    def period_rules(self) -> PeriodRules:
        return PeriodRules(self.shortage_max_months_ahead, self.shortage_stale_months)

    @classmethod
    def from_env(cls, env: Mapping[str, str] | None = None) -> Settings:
        return cls(
            common=CommonSettings.from_env("matching", env),
            cache_dir=Path(env_str("KOHTAANTO_CACHE_DIR", str(REPO_ROOT / ".cache" / "matching"), env)),
            start_feed=env_bool("KOHTAANTO_START_FEED", True, env),
            default_k=env_int("KOHTAANTO_DEFAULT_K", 20, env),
            profile_public_url=env_str("KOHTAANTO_PROFILE_PUBLIC_URL", "http://127.0.0.1:8002", env),
            meeting_top_k=env_int("KOHTAANTO_MEETING_TOP_K", 5, env),
            shortage_stale_months=env_int("KOHTAANTO_SHORTAGE_STALE_MONTHS", 12, env),
            shortage_max_months_ahead=env_int("KOHTAANTO_SHORTAGE_MAX_MONTHS_AHEAD", 12, env),
        )
