"""Vacancy service settings, declared once (``shared.config.env``) and read from the environment once."""

from __future__ import annotations

from shared.config import CommonSettings, EnvSettings


class Settings(EnvSettings):
    common: CommonSettings

    @classmethod
    def from_env(cls) -> Settings:
        return cls.read_env(common=CommonSettings.from_env("vacancy"))
