"""Settings: declared once, read from the environment once, frozen.

Every setting an operator can change is one field declared with :func:`env` in a settings class:
``KafkaSettings``, ``AuthSettings``, ``CommonSettings`` and ``ServerSettings`` here, and each
service's ``Settings`` in ``services/<name>/config.py``. ``from_env()`` reads them with
pydantic-settings and fails with one line naming the variable; constructing a settings class
directly never reads the environment, so tests pass settings directly. The README's configuration
table is generated from these declarations (``python -m deploy.configuration --write``) and a test
keeps it equal to them.
"""

from __future__ import annotations

import os
from collections.abc import Iterator
from contextlib import contextmanager
from contextvars import ContextVar
from pathlib import Path
from typing import Annotated, Any, Self

from pydantic import Field, ValidationError, field_validator, model_validator
from pydantic.fields import FieldInfo
from pydantic_core import PydanticUndefined
from pydantic_settings import BaseSettings, NoDecode, PydanticBaseSettingsSource, SettingsConfigDict
from sqlalchemy.engine import make_url

from shared.messaging import topics

REPO_ROOT = Path(__file__).resolve().parent.parent


class ConfigError(ValueError):
    """A required setting is missing or malformed; the message is one line naming the variable."""


def env(
    variable: str,
    default: Any = PydanticUndefined,
    description: str = "",
    *,
    shown_default: str | None = None,
    secret: bool = False,
    **constraints: Any,
) -> Any:
    """Declare a setting read from the environment variable ``variable``.

    ``description`` and ``shown_default`` (how the README shows a default computed at run time)
    go into the generated configuration table; ``secret`` keeps the value out of ``repr`` (and so
    out of logs). ``constraints`` are pydantic's (``ge=1``, ``min_length=32``, ...). Without a
    ``default`` the variable is required.
    """
    return Field(
        default,
        validation_alias=variable,
        description=description,
        repr=not secret,
        json_schema_extra={"env": variable, "shown_default": shown_default, "secret": secret},
        **constraints,
    )


_READING_ENV: ContextVar[bool] = ContextVar("kohtaanto_reading_env", default=False)


@contextmanager
def _reading_env() -> Iterator[None]:
    token = _READING_ENV.set(True)
    try:
        yield
    finally:
        _READING_ENV.reset(token)


def env_variable(field: FieldInfo) -> str | None:
    """The environment variable a field is read from (None for fields set only in code)."""
    return field.validation_alias if isinstance(field.validation_alias, str) else None


class _DeclaredEnvironment(PydanticBaseSettingsSource):
    """The process environment, but only the variables declared with ``env()`` and only inside
    ``from_env()``: a settings object built directly in code (a test) never sees the environment."""

    def __init__(self, settings_cls: type[BaseSettings], environment: PydanticBaseSettingsSource) -> None:
        super().__init__(settings_cls)
        self.environment = environment
        self.declared = {v for f in settings_cls.model_fields.values() if (v := env_variable(f))}

    def get_field_value(self, field: FieldInfo, field_name: str) -> tuple[Any, str, bool]:
        return None, field_name, False  # everything happens in __call__

    def __call__(self) -> dict[str, Any]:
        if not _READING_ENV.get():
            return {}
        return {k: v for k, v in self.environment().items() if k in self.declared}


class EnvSettings(BaseSettings):
    """Base of every settings class: frozen, strict about unknown fields, environment only through
    ``read_env``."""

    model_config = SettingsConfigDict(
        frozen=True,
        extra="forbid",
        case_sensitive=True,
        env_ignore_empty=True,
        validate_by_name=True,
        validate_by_alias=True,
    )

    @classmethod
    def settings_customise_sources(
        cls,
        settings_cls: type[BaseSettings],
        init_settings: PydanticBaseSettingsSource,
        env_settings: PydanticBaseSettingsSource,
        dotenv_settings: PydanticBaseSettingsSource,
        file_secret_settings: PydanticBaseSettingsSource,
    ) -> tuple[PydanticBaseSettingsSource, ...]:
        return (init_settings, _DeclaredEnvironment(settings_cls, env_settings))

    @classmethod
    def read_env(cls, **given: Any) -> Self:
        """These settings from the environment (``given`` values, e.g. nested settings, win).

        Raises ``ConfigError`` with one line per bad variable when one is missing or malformed.
        """
        try:
            with _reading_env():
                return cls(**given)
        except ValidationError as exc:
            raise ConfigError(_describe(exc)) from None


def _describe(exc: ValidationError) -> str:
    problems = []
    for error in exc.errors(include_url=False, include_input=False):
        where = ".".join(str(part) for part in error["loc"]) or "settings"
        problems.append(f"{where}: {error['msg']}")
    return "invalid configuration: " + "; ".join(problems)


DEFAULT_BOOTSTRAP_SERVERS = "127.0.0.1:19092"


SECURITY_PROTOCOLS = ("SASL_SSL", "SASL_PLAINTEXT", "SSL", "PLAINTEXT")


class KafkaSettings(EnvSettings):
    """How a service reaches the broker and who it is there.

    Every service authenticates (SASL/SCRAM as ``username``, by default its service name) and the
    broker's ACLs let it write only its own topics (``shared/messaging/topics.py``). ``SASL_SSL`` in
    production; ``SASL_PLAINTEXT`` on loopback (the local broker). Topic names are not settings: they
    are part of the event contract, declared once in ``shared.messaging.topics``.
    """

    bootstrap_servers: str = env(
        "KAFKA_BOOTSTRAP_SERVERS",
        DEFAULT_BOOTSTRAP_SERVERS,
        "Kafka brokers, comma-separated `host:port` (the default is the local broker of `make broker`)",
    )
    client_id: str = "kohtaanto"
    security_protocol: str = env(
        "KAFKA_SECURITY_PROTOCOL",
        "SASL_PLAINTEXT",
        "`SASL_SSL` in production, `SASL_PLAINTEXT` on loopback (the local broker); every client "
        "authenticates (docs/events.md, Security)",
        pattern="^(" + "|".join(SECURITY_PROTOCOLS) + ")$",
    )
    sasl_mechanism: str = env(
        "KAFKA_SASL_MECHANISM", "SCRAM-SHA-512", "SASL mechanism (the services are SCRAM users)"
    )
    username: str = env(
        "KAFKA_USERNAME",
        "",
        "the Kafka user the service authenticates as; its ACLs allow only the service's own topics",
        shown_default="the service's name",
    )
    password: str = env(
        "KAFKA_PASSWORD",
        "",
        "the Kafka user's password (required with SASL; the local broker generates them into "
        "`.kafka/credentials.json`, docker-compose reads `KOHTAANTO_KAFKA_<SERVICE>_PASSWORD`)",
        secret=True,
    )
    ssl_cafile: str | None = env(
        "KAFKA_SSL_CAFILE", None, "the CA that signed the brokers' certificates (with `SASL_SSL`)"
    )

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
    def paths_topic(self) -> str:
        return topics.PATHS.name

    @property
    def training_topic(self) -> str:
        return topics.TRAINING.name

    @property
    def ratings_topic(self) -> str:
        return topics.RATINGS.name

    @property
    def dead_letter_topic(self) -> str:
        return topics.DEADLETTER.name

    @classmethod
    def from_env(cls, client_id: str = "kohtaanto", username: str = "") -> KafkaSettings:
        """From the environment; ``username`` when ``KAFKA_USERNAME`` is not set."""
        settings = cls.read_env(client_id=client_id)
        if not settings.username and username:
            settings = settings.model_copy(update={"username": username})
        return settings


class AuthSettings(EnvSettings):
    """How bearer tokens are checked (``shared.auth.TokenCodec``): an HS256 secret (demo, tests) or the
    JWKS URL of the city's identity provider (RS256/ES256), never both; the audience names this
    deployment (RFC 8725); tokens live at most ``max_lifetime_s`` seconds."""

    jwt_secret: str | None = env(
        "KOHTAANTO_JWT_SECRET",
        None,
        "key that signs and checks the bearer tokens (HS256), at least 32 bytes; the demo's is in "
        "`.demo/secrets.json`. Required unless `KOHTAANTO_JWT_JWKS_URL` is set (never both)",
        shown_default="**required** (or a JWKS URL)",
        secret=True,
        min_length=32,
    )
    jwks_url: str | None = env(
        "KOHTAANTO_JWT_JWKS_URL",
        None,
        "the city's identity provider's JWK Set URL: tokens are then RS256/ES256, checked against its "
        "published keys (cached 5 min); needs `KOHTAANTO_JWT_AUDIENCE`",
    )
    algorithms: Annotated[tuple[str, ...], NoDecode] = env(
        "KOHTAANTO_JWT_ALGORITHMS",
        (),
        "with a JWKS URL: the accepted asymmetric algorithms, comma-separated",
        shown_default="`RS256,ES256`",
    )
    issuer: str = env("KOHTAANTO_JWT_ISSUER", "kohtaanto", "the tokens' issuer (`iss`)")
    audience: str = env(
        "KOHTAANTO_JWT_AUDIENCE",
        "kohtaanto",
        "this deployment's name in the tokens' audience (`aud`, RFC 8725); required with a JWKS URL",
        min_length=1,
    )
    max_lifetime_s: int = env(
        "KOHTAANTO_JWT_MAX_LIFETIME_S",
        12 * 3600,
        "longest token lifetime accepted, in seconds (`exp - iat` and `exp - now`)",
        ge=60,
    )

    @field_validator("algorithms", mode="before")
    @classmethod
    def _algorithms(cls, value: Any) -> Any:
        if isinstance(value, str):
            return tuple(a.strip() for a in value.split(",") if a.strip())
        return value

    @model_validator(mode="after")
    def _one_key_source(self) -> Self:
        if bool(self.jwt_secret) == bool(self.jwks_url):
            raise ValueError("set KOHTAANTO_JWT_SECRET or KOHTAANTO_JWT_JWKS_URL (exactly one)")
        if self.jwks_url and self.audience == "kohtaanto":
            raise ValueError("KOHTAANTO_JWT_AUDIENCE (this deployment's name) is required with a JWKS URL")
        return self

    @classmethod
    def from_env(cls) -> AuthSettings:
        return cls.read_env()


class RateLimitSettings(EnvSettings):
    """Per-caller limits (``shared.ratelimit``) in the ``limits`` notation ("120 per minute; 2000 per
    hour")."""

    enabled: bool = env("KOHTAANTO_RATE_LIMITS", True, "`0` switches the per-caller rate limits off")
    storage_uri: str = env(
        "KOHTAANTO_RATE_LIMIT_STORAGE",
        "",
        "where the counters live: empty for the service's own database (shared by every worker), or a "
        "`limits` storage URI (`redis://…`; `memory://` for one process only)",
    )
    write: str = env(
        "KOHTAANTO_RATE_LIMIT_WRITE",
        "120 per minute; 2000 per hour",
        "writes (POST, PUT, PATCH, DELETE) per caller and endpoint",
    )
    contact_lookup: str = env(
        "KOHTAANTO_RATE_LIMIT_CONTACT_LOOKUP",
        "1000 per 10 minutes; 5000 per day",
        "contact look-ups per caller, counted in candidate ids asked about (profile)",
    )
    login: str = env(
        "KOHTAANTO_RATE_LIMIT_LOGIN", "30 per minute; 300 per hour", "sign-ins per client address (matching)"
    )
    batch_read: str = env(
        "KOHTAANTO_RATE_LIMIT_BATCH_READ",
        "30 per minute; 300 per hour",
        "reads that rank many vacancies at once per caller (matching's `GET /shortlists?region=…`: "
        "every open vacancy of a region, megabytes and seconds of CPU each)",
    )
    recognition: str = env(
        "KOHTAANTO_RATE_LIMIT_RECOGNITION",
        "300 per minute; 3000 per hour",
        "skill recognition per caller (matching's `POST /skills/recognise`), counted in units of the text "
        "read: one per started 200 characters of each sentence read (an ordinary sentence is one unit; a "
        "text reads at most 50 sentences and 8,000 characters, so one request costs at most 90 units; a "
        "unit costs at most about 35 CPU-milliseconds, `benchmarks/recognition_cost.py`); what is left "
        "unread is named in the answer's `warning` (outside tester 36, H4)",
    )

    refused: str = env(
        "KOHTAANTO_RATE_LIMIT_REFUSED",
        "100 per 10 minutes; 1000 per day",
        "refused requests naming a candidate per caller, counted in candidate ids refused (matching: "
        "each is an entry in the profile service's audit log; over it, 429 on every request naming a "
        "candidate, so probing random ids cannot flood the log)",
    )

    @classmethod
    def from_env(cls) -> RateLimitSettings:
        return cls.read_env()


class CommonSettings(EnvSettings):
    """What every service needs: its database, the broker, the token key, the reference data."""

    service: str
    database_url: str = env(
        "DATABASE_URL",
        "",
        "SQLAlchemy URL of the service's own database, e.g. "
        "`postgresql+psycopg://kohtaanto@db:5432/kohtaanto_vacancy`",
        shown_default="SQLite file `<service>.db` in `KOHTAANTO_DATA_DIR`",
        secret=True,  # it may carry a password
    )
    data_dir: Path = env("KOHTAANTO_DATA_DIR", REPO_ROOT / "var", "where the embedded SQLite databases live")
    database_password: str | None = env(
        "KOHTAANTO_DB_PASSWORD",
        None,
        "password put into `DATABASE_URL` (keeps the secret out of the URL); docker-compose also "
        "gives it to PostgreSQL",
        secret=True,
    )
    migrate_on_start: bool = env(
        "KOHTAANTO_MIGRATE_ON_START",
        True,
        "migrate the database to the code's schema on start-up (under a lock); `0` only checks "
        "and refuses to start unless `python -m deploy.migrate <service> upgrade` has been run",
    )
    worker_metrics: str | None = env(
        "KOHTAANTO_WORKER_METRICS",
        None,
        "`host:port` the service's worker process (outbox relay, consumers) serves `/metrics` on, "
        "e.g. `0.0.0.0:9100` in a container; unset: none",
        pattern=r"^[^\s:]*:\d{1,5}$",
    )
    worker_stop_seconds: float = env(
        "KOHTAANTO_WORKER_STOP_SECONDS",
        3.0,
        "on SIGTERM the worker waits at most this long for its relay and consumers, then exits "
        "(keep it under the orchestrator's grace period, 10 s in Docker); a send or a handler cut "
        "short is repeated after the restart, so no outbox row or event is lost",
        gt=0,
    )
    # A running relay publishes a row within a second (it polls every 0.2 s, backing off to 10 s while
    # the broker fails): a minute means it is down or the broker has been gone a while. The page
    # (KohtaantoOutboxStuck, deploy/prometheus/alerts.yml) waits longer: over 300 s for 5 minutes.
    outbox_max_lag_seconds: float = env(
        "KOHTAANTO_OUTBOX_MAX_LAG_SECONDS",
        60.0,
        "`/health/ready` reports the service `degraded` (still 200: writes wait safely in the outbox) "
        "while its oldest unpublished outbox row is older than this many seconds: its worker's relay "
        "is down or the broker unreachable (`checks.outbox` gives the age and this limit)",
        gt=0,
    )
    # A live consumer polls at least every 0.5 s and its beat is written every 5 s
    # (shared.messaging.heartbeat); a worker killed and restarted at once rejoins its group only when
    # the dead member's session has expired (kafka-python's session timeout: 45 s), so a shorter
    # limit would flap on every hard restart. 90 s is that, a rebalance and some beats to spare.
    worker_max_silence_seconds: float = env(
        "KOHTAANTO_WORKER_MAX_SILENCE_SECONDS",
        90.0,
        "`/health/ready` reports the service `degraded` (still 200) while one of its consumers has not "
        "polled holding a partition for this many seconds (its worker is dead, hangs, or is stuck in a "
        "rebalance; an idle topic is no silence: the consumer beats on every poll). `checks.workers` "
        "names it, with each consumer's heartbeat age",
        gt=0,
    )
    kafka: KafkaSettings = Field(default_factory=KafkaSettings)
    auth: AuthSettings = Field(default_factory=AuthSettings)
    reference_dir: Path = env(
        "KOHTAANTO_REFERENCE_DIR", REPO_ROOT / "data", "ESCO, ISCO, municipalities and barometer files"
    )
    cors_origins: Annotated[tuple[str, ...], NoDecode] = env(
        "KOHTAANTO_CORS_ORIGINS",
        (),
        "comma-separated origins whose pages may read from the APIs in a browser (with credentials: the "
        "profile service lists matching's for the meeting page's name look-up). With the session cookie "
        "alone such an origin may only make that look-up (`POST /api/v1/contacts/lookup`); any change it "
        "starts — PUT, POST, DELETE — is a 403 unless it sends `Authorization: Bearer`, and its other "
        "reads need a bearer token too",
    )
    organisations_file: Path | None = env(
        "KOHTAANTO_ORGANISATIONS_FILE",
        None,
        "the operator's registry of organisations (CSV: id, name, kind, regions served); consent may name "
        "only these, and an organisation acts only for the regions it serves",
        shown_default="`<KOHTAANTO_REFERENCE_DIR>/organisations.csv`",
    )
    rate_limits: RateLimitSettings = Field(default_factory=RateLimitSettings)

    @property
    def organisations_path(self) -> Path:
        return self.organisations_file or self.reference_dir / "organisations.csv"

    @field_validator("cors_origins", mode="before")
    @classmethod
    def _comma_separated(cls, value: Any) -> Any:
        if isinstance(value, str):
            return tuple(o.strip() for o in value.split(",") if o.strip())
        return value

    @model_validator(mode="after")
    def _effective_database_url(self) -> Self:
        """An empty ``database_url`` means the SQLite file ``<data_dir>/<service>.db``; a
        ``database_password`` is set into the URL."""
        url = self.database_url or f"sqlite:///{self.data_dir / f'{self.service}.db'}"
        if self.database_password:
            url = make_url(url).set(password=self.database_password).render_as_string(hide_password=False)
        object.__setattr__(self, "database_url", url)  # frozen: set once, during validation
        return self

    @classmethod
    def from_env(cls, service: str) -> CommonSettings:
        kafka = KafkaSettings.from_env(client_id=f"kohtaanto-{service}", username=service)
        return cls.read_env(
            service=service,
            kafka=kafka,
            auth=AuthSettings.from_env(),
            rate_limits=RateLimitSettings.from_env(),
        )


def reference_data_dir() -> Path:
    """``KOHTAANTO_REFERENCE_DIR`` as ``CommonSettings`` declares it, for code without settings at hand."""
    field = CommonSettings.model_fields["reference_dir"]
    value = os.environ.get(env_variable(field) or "")
    return Path(value) if value else Path(field.default)


MAX_REQUEST_BODY_BYTES = 2 * 1024 * 1024
"""The largest request body the services accept (bytes; Flask's ``MAX_CONTENT_LENGTH``, 413 above it).
gunicorn's worker (``deploy/gunicorn_edge.py``) gathers a request up to this size before a thread
takes it."""


class ServerSettings(EnvSettings):
    """gunicorn's settings (``deploy/gunicorn.conf.py``), the same for the three services."""

    service: str | None = env(
        "KOHTAANTO_SERVICE",
        None,
        "which app gunicorn serves when no app is named on its command line: `vacancy`, `profile` "
        "or `matching` (how the container image picks its service)",
        pattern="^(vacancy|profile|matching)$",
    )
    bind_host: str = env(
        "BIND_HOST",
        "127.0.0.1",
        "address gunicorn listens on; loopback by default, containers set `0.0.0.0`",
    )
    port: int = env("PORT", 8000, "port gunicorn listens on", ge=1, le=65535)
    request_read_seconds: float = env(
        "KOHTAANTO_REQUEST_READ_SECONDS",
        30.0,
        "seconds a client has to send a whole request (line, headers and body) once it has started; "
        "slower clients are disconnected, so a few stalled connections cannot hold every worker thread",
        gt=0,
        le=600,
    )
    response_write_seconds: float = env(
        "KOHTAANTO_RESPONSE_WRITE_SECONDS",
        60.0,
        "seconds a client has to take a whole answer once its first bytes are sent; a client that reads "
        "slower is disconnected, so a few unread answers cannot hold every worker thread",
        gt=0,
        le=3600,
    )
    workers: int = env(
        "WEB_CONCURRENCY",
        2,
        "gunicorn worker processes (run matching with 1: its index lives in the worker's memory)",
        ge=1,
    )
    metrics_dir: Path | None = env(
        "PROMETHEUS_MULTIPROC_DIR",
        None,
        "prometheus-client's own: where gunicorn's workers share their metrics; emptied at start",
        shown_default="a fresh temporary directory",
    )
    log_level: str = env(
        "GUNICORN_LOG_LEVEL",
        "info",
        "gunicorn's own log level",
        pattern="^(debug|info|warning|error|critical)$",
    )

    @classmethod
    def from_env(cls) -> ServerSettings:
        return cls.read_env()
