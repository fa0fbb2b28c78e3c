"""Profile service settings, read from the environment once."""

from __future__ import annotations

from shared.config import CommonSettings, EnvSettings, env


class Settings(EnvSettings):
    common: CommonSettings
    pseudonym_key: bytes = env(
        "KOHTAANTO_PSEUDONYM_KEY",
        description="key of the keyed hash that turns profile ids into the pseudonymous candidate "
        "ids matching sees, at least 32 bytes; never give it to another service",
        secret=True,
        min_length=32,
    )
    handover_ack_working_days: int = env(
        "KOHTAANTO_HANDOVER_ACK_WORKING_DAYS",
        3,
        "working days (Finnish public holidays excluded) a receiving organisation has to acknowledge "
        "a handover before it is on the coach's list and in the weekly meeting's follow-ups",
        ge=0,
        le=30,
    )

    @classmethod
    def from_env(cls) -> Settings:
        return cls.read_env(common=CommonSettings.from_env("profile"))
