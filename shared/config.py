"""Reading settings from the environment, once, into frozen dataclasses.

Services call these helpers from their own ``Settings.from_env()``; tests build settings directly.
"""

from __future__ import annotations

import os
from collections.abc import Mapping
from dataclasses import dataclass
from pathlib import Path

REPO_ROOT = Path(__file__).resolve().parent.parent


class ConfigError(ValueError):
    """A required setting is missing or malformed."""


def env_str(name: str, default: str | None = None, env: Mapping[str, str] | None = None) -> str:
    env = os.environ if env is None else env
    value = env.get(name, default)
    if value is None or value == "":
        raise ConfigError(f"environment variable {name} is required")
    return value


def env_int(name: str, default: int, env: Mapping[str, str] | None = None) -> int:
    raw = (os.environ if env is None else env).get(name)
    if raw is None or raw == "":
        return default
    try:
        return int(raw)
    except ValueError:
        raise ConfigError(f"{name} must be an integer, got {raw!r}") from None


def env_bool(name: str, default: bool, env: Mapping[str, str] | None = None) -> bool:
    raw = (os.environ if env is None else env).get(name)
    if raw is None or raw == "":
        return default
    return raw.strip().lower() in {"1", "true", "yes", "on"}


def data_dir(env: Mapping[str, str] | None = None) -> Path:
    """Where the embedded SQLite databases live (``KOHTAANTO_DATA_DIR``, default ``./var``)."""
    return Path(env_str("KOHTAANTO_DATA_DIR", str(REPO_ROOT / "var"), env))


def reference_data_dir(env: Mapping[str, str] | None = None) -> Path:
    """ESCO, ISCO, barometer and municipality files (``KOHTAANTO_REFERENCE_DIR``, default ``./data``)."""
    return Path(env_str("KOHTAANTO_REFERENCE_DIR", str(REPO_ROOT / "data"), env))


def database_url(service: str, env: Mapping[str, str] | None = None) -> str:
    """``DATABASE_URL`` when set (PostgreSQL in production), else an SQLite file under the data dir."""
    env = os.environ if env is None else env
    url = env.get("DATABASE_URL")
    if url:
        return url
    directory = data_dir(env)
    directory.mkdir(parents=True, exist_ok=True)
    return f"sqlite:///{directory / f'{service}.db'}"


DEFAULT_BOOTSTRAP_SERVERS = "127.0.0.1:19092"


@dataclass(frozen=True, slots=True)
class KafkaSettings:
    bootstrap_servers: str = DEFAULT_BOOTSTRAP_SERVERS
    client_id: str = "kohtaanto"
    vacancies_topic: str = "kohtaanto.vacancies.v1"
    candidates_topic: str = "kohtaanto.candidates.v1"
    outcomes_topic: str = "kohtaanto.outcomes.v1"
    shortages_topic: str = "kohtaanto.shortages.v1"
    dead_letter_topic: str = "kohtaanto.deadletter.v1"

    @classmethod
    def from_env(cls, client_id: str, env: Mapping[str, str] | None = None) -> KafkaSettings:
        env = os.environ if env is None else env
        return cls(
            bootstrap_servers=env_str("KAFKA_BOOTSTRAP_SERVERS", DEFAULT_BOOTSTRAP_SERVERS, env),
            client_id=client_id,
        )


@dataclass(frozen=True, slots=True)
class AuthSettings:
    """How bearer tokens are verified (``shared.auth.TokenCodec``): an HS256 secret (demo, tests) or the
    JWKS URL of the city's identity provider (RS256/ES256), never both; the audience names this
    deployment (RFC 8725); tokens live at most ``max_lifetime_s`` seconds."""

    jwt_secret: str | None = None
    issuer: str = "kohtaanto"
    audience: str = "kohtaanto"
    max_lifetime_s: int = 12 * 3600
    jwks_url: str | None = None
    algorithms: tuple[str, ...] = ()

    @classmethod
    def from_env(cls, env: Mapping[str, str] | None = None) -> AuthSettings:
        source = os.environ if env is None else env
        jwks_url = source.get("KOHTAANTO_JWT_JWKS_URL") or None
        secret = source.get("KOHTAANTO_JWT_SECRET") or None
        if jwks_url is None and secret is None:
            raise ConfigError(
                "environment variable KOHTAANTO_JWT_SECRET (HS256) or KOHTAANTO_JWT_JWKS_URL "
                "(the identity provider's keys) is required"
            )
        if jwks_url and secret:
            raise ConfigError("set KOHTAANTO_JWT_SECRET or KOHTAANTO_JWT_JWKS_URL, not both")
        if jwks_url and not source.get("KOHTAANTO_JWT_AUDIENCE"):
            raise ConfigError("KOHTAANTO_JWT_AUDIENCE is required with KOHTAANTO_JWT_JWKS_URL")
        algorithms = source.get("KOHTAANTO_JWT_ALGORITHMS", "")
        return cls(
            jwt_secret=secret,
            issuer=env_str("KOHTAANTO_JWT_ISSUER", "kohtaanto", env),
            audience=env_str("KOHTAANTO_JWT_AUDIENCE", "kohtaanto", env),
            max_lifetime_s=env_int("KOHTAANTO_JWT_MAX_LIFETIME_S", 12 * 3600, env),
            jwks_url=jwks_url,
            algorithms=tuple(a.strip() for a in algorithms.split(",") if a.strip()),
        )


@dataclass(frozen=True, slots=True)
class RateLimitSettings:
    """Per-caller limits (``shared.ratelimit``), in the ``limits`` notation ("120 per minute; 2000 per
    hour"): ``write`` per endpoint for every write, ``contact_lookup`` counted in candidate ids asked
    about, ``login`` per client address. ``storage_uri`` empty: the service's own database."""

    enabled: bool = True
    storage_uri: str = ""
    write: str = "120 per minute; 2000 per hour"
    contact_lookup: str = "1000 per 10 minutes; 5000 per day"
    login: str = "10 per minute; 100 per hour"

    @classmethod
    def from_env(cls, env: Mapping[str, str] | None = None) -> RateLimitSettings:
        d = cls()
        return cls(
            enabled=env_bool("KOHTAANTO_RATE_LIMITS", True, env),
            storage_uri=(os.environ if env is None else env).get("KOHTAANTO_RATE_LIMIT_STORAGE", ""),
            write=env_str("KOHTAANTO_RATE_LIMIT_WRITE", d.write, env),
            contact_lookup=env_str("KOHTAANTO_RATE_LIMIT_CONTACT_LOOKUP", d.contact_lookup, env),
            login=env_str("KOHTAANTO_RATE_LIMIT_LOGIN", d.login, env),
        )


@dataclass(frozen=True, slots=True)
class CommonSettings:
    """What every service needs: its database, the broker, the token key, the reference data."""

    service: str
    database_url: str
    kafka: KafkaSettings
    auth: AuthSettings
    reference_dir: Path
    cors_origins: tuple[str, ...] = ()
    organisations_file: Path | None = None  # the registry; default <reference_dir>/organisations.csv
    rate_limits: RateLimitSettings = RateLimitSettings()

    @property
    def organisations_path(self) -> Path:
        return self.organisations_file or self.reference_dir / "organisations.csv"

    @classmethod
    def from_env(cls, service: str, env: Mapping[str, str] | None = None) -> CommonSettings:
        source = os.environ if env is None else env
        origins = source.get("KOHTAANTO_CORS_ORIGINS", "")
        return cls(
            service=service,
            database_url=database_url(service, env),
            kafka=KafkaSettings.from_env(f"kohtaanto-{service}", env),
            auth=AuthSettings.from_env(env),
            reference_dir=reference_data_dir(env),
            cors_origins=tuple(o.strip() for o in origins.split(",") if o.strip()),
            organisations_file=Path(registry)
            if (registry := source.get("KOHTAANTO_ORGANISATIONS_FILE"))
            else None,
        )
