"""Reading settings from the environment, once, into frozen dataclasses.

Services call these helpers from their own ``Settings.from_env()``; tests build settings directly.
"""

from __future__ import annotations

import os
from collections.abc import Mapping
from dataclasses import dataclass, field
from pathlib import Path

from shared.messaging import topics

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
SECURITY_PROTOCOLS = ("SASL_SSL", "SASL_PLAINTEXT", "SSL", "PLAINTEXT")


@dataclass(frozen=True, slots=True)
class KafkaSettings:
    """How a service reaches the broker and who it is there.

    Every service authenticates (SASL/SCRAM as ``username``, by default its service name) and the
    broker's ACLs let it write only its own topics (``shared/messaging/topics.py``). ``SASL_SSL`` in
    production; ``SASL_PLAINTEXT`` on loopback (the local broker). Topic names are not settings: they
    are declared once, in ``shared.messaging.topics``.
    """

    bootstrap_servers: str = DEFAULT_BOOTSTRAP_SERVERS
    client_id: str = "kohtaanto"
    security_protocol: str = "SASL_PLAINTEXT"
    sasl_mechanism: str = "SCRAM-SHA-512"
    username: str = ""
    password: str = field(default="", repr=False)
    ssl_cafile: str | None = None

    @property
    def vacancies_topic(self) -> str:
        return topics.VACANCIES.name

    @property
    def candidates_topic(self) -> str:
        return topics.CANDIDATES.name

    @property
    def outcomes_topic(self) -> str:
        return topics.OUTCOMES.name

    @property
    def shortages_topic(self) -> str:
        return topics.SHORTAGES.name

    @property
    def dead_letter_topic(self) -> str:
        return topics.DEADLETTER.name

    @classmethod
    def from_env(
        cls, client_id: str, env: Mapping[str, str] | None = None, *, username: str = ""
    ) -> KafkaSettings:
        """``KAFKA_BOOTSTRAP_SERVERS``, ``KAFKA_SECURITY_PROTOCOL`` (default ``SASL_PLAINTEXT``),
        ``KAFKA_SASL_MECHANISM`` (``SCRAM-SHA-512``), ``KAFKA_USERNAME`` (default ``username``),
        ``KAFKA_PASSWORD`` and ``KAFKA_SSL_CAFILE``. Raises ``ConfigError`` for an unknown protocol."""
        env = os.environ if env is None else env
        protocol = env_str("KAFKA_SECURITY_PROTOCOL", "SASL_PLAINTEXT", env).upper()
        if protocol not in SECURITY_PROTOCOLS:
            raise ConfigError(f"KAFKA_SECURITY_PROTOCOL must be one of {', '.join(SECURITY_PROTOCOLS)}")
        return cls(
            bootstrap_servers=env_str("KAFKA_BOOTSTRAP_SERVERS", DEFAULT_BOOTSTRAP_SERVERS, env),
            client_id=client_id,
            security_protocol=protocol,
            sasl_mechanism=env_str("KAFKA_SASL_MECHANISM", "SCRAM-SHA-512", env),
            username=env.get("KAFKA_USERNAME") or username,
            password=env.get("KAFKA_PASSWORD", ""),
            ssl_cafile=env.get("KAFKA_SSL_CAFILE") or None,
        )


@dataclass(frozen=True, slots=True)
class AuthSettings:
    jwt_secret: str
    issuer: str = "kohtaanto"

    @classmethod
    def from_env(cls, env: Mapping[str, str] | None = None) -> AuthSettings:
        return cls(jwt_secret=env_str("KOHTAANTO_JWT_SECRET", None, env))


@dataclass(frozen=True, slots=True)
class CommonSettings:
    """What every service needs: its database, the broker, the token key, the reference data."""

    service: str
    database_url: str
    kafka: KafkaSettings
    auth: AuthSettings
    reference_dir: Path
    cors_origins: tuple[str, ...] = ()

    @classmethod
    def from_env(cls, service: str, env: Mapping[str, str] | None = None) -> CommonSettings:
        origins = (os.environ if env is None else env).get("KOHTAANTO_CORS_ORIGINS", "")
        return cls(
            service=service,
            database_url=database_url(service, env),
            kafka=KafkaSettings.from_env(f"kohtaanto-{service}", env, username=service),
            auth=AuthSettings.from_env(env),
            reference_dir=reference_data_dir(env),
            cors_origins=tuple(o.strip() for o in origins.split(",") if o.strip()),
        )
