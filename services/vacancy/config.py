"""Vacancy service settings, read from the environment once."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass

from shared.config import CommonSettings


@dataclass(frozen=True, slots=True)
class Settings:
    common: CommonSettings

    @classmethod
    def from_env(cls, env: Mapping[str, str] | None = None) -> Settings:
        return cls(common=CommonSettings.from_env("vacancy", env))
