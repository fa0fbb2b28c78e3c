"""Profile service settings, read from the environment once."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass

from shared.config import CommonSettings, ConfigError, env_int, env_str


@dataclass(frozen=True, slots=True)
class Settings:
    common: CommonSettings
    pseudonym_key: bytes
    #: Working days a receiving organisation has to acknowledge a handover before it is chased.
    handover_ack_working_days: int = 3

    @classmethod
    def from_env(cls, env: Mapping[str, str] | None = None) -> Settings:
        key = env_str("KOHTAANTO_PSEUDONYM_KEY", None, env).encode()
        if len(key) < 32:
            raise ValueError("KOHTAANTO_PSEUDONYM_KEY must be at least 32 bytes")
        ack_days = env_int("KOHTAANTO_HANDOVER_ACK_WORKING_DAYS", 3, env)
        if not 0 <= ack_days <= 30:
            raise ConfigError("KOHTAANTO_HANDOVER_ACK_WORKING_DAYS must be 0-30 working days")
        return cls(
            common=CommonSettings.from_env("profile", env),
            pseudonym_key=key,
            handover_ack_working_days=ack_days,
        )
