"""Profile service settings, read from the environment once."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass

from shared.config import CommonSettings, env_str


@dataclass(frozen=True, slots=True)
class Settings:
    common: CommonSettings
    pseudonym_key: bytes

    @classmethod
    def from_env(cls, env: Mapping[str, str] | None = None) -> Settings:
        key = env_str("KOHTAANTO_PSEUDONYM_KEY", None, env).encode()
        if len(key) < 32:
            raise ValueError("KOHTAANTO_PSEUDONYM_KEY must be at least 32 bytes")
        return cls(common=CommonSettings.from_env("profile", env), pseudonym_key=key)
