"""Settings are declared once, read from the environment only by ``from_env``, and documented from
the same declaration."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from deploy import configuration
from services.matching.config import Settings as MatchingSettings
from services.profile.config import Settings as ProfileSettings
from shared import auth
from shared.config import REPO_ROOT, AuthSettings, CommonSettings, ConfigError, ServerSettings
from tests.helpers import JWT_SECRET, MATCHING_KEY, PSEUDONYM_KEY, common_settings

SECRET = "s" * 40


@pytest.fixture
def environment(monkeypatch: pytest.MonkeyPatch) -> pytest.MonkeyPatch:
    """A process environment with none of the project's variables set."""
    for row in configuration.rows():
        monkeypatch.delenv(row.variable, raising=False)
    return monkeypatch


def test_the_readme_configuration_table_is_the_one_generated_from_the_declarations() -> None:
    readme = configuration.README.read_text(encoding="utf-8")
    assert configuration.render(readme) == readme, "run: python -m deploy.configuration --write"


def test_every_environment_variable_the_code_reads_is_declared() -> None:
    declared = {row.variable for row in configuration.rows()}
    pattern = re.compile(r"""(?:environ\.get|getenv|environ\[)\(?\s*["']([A-Z][A-Z0-9_]+)["']""")
    sources = [*REPO_ROOT.glob("services/**/*.py"), *REPO_ROOT.glob("shared/**/*.py")]
    sources.append(REPO_ROOT / "deploy" / "gunicorn.conf.py")
    read = {(m.group(1), p.relative_to(REPO_ROOT)) for p in sources for m in pattern.finditer(p.read_text())}
    assert {(name, str(path)) for name, path in read if name not in declared} == set()


def test_the_issues_variables_are_all_in_the_table() -> None:
    table = configuration.table()
    for variable in (
        "BIND_HOST",
        "KOHTAANTO_PROFILE_PUBLIC_URL",
        "KOHTAANTO_DEFAULT_K",
        "KOHTAANTO_MEETING_TOP_K",
        "KOHTAANTO_START_FEED",
        "KOHTAANTO_SERVICE",
        "GUNICORN_LOG_LEVEL",
        "KOHTAANTO_DB_PASSWORD",
    ):
        assert f"`{variable}`" in table


def test_gunicorn_listens_on_loopback_unless_told_otherwise(environment: pytest.MonkeyPatch) -> None:
    assert ServerSettings.from_env().bind_host == "127.0.0.1"
    environment.setenv("BIND_HOST", "0.0.0.0")
    assert ServerSettings.from_env().bind_host == "0.0.0.0"


def test_from_env_reads_the_declared_variables(environment: pytest.MonkeyPatch, tmp_path: Path) -> None:
    environment.setenv("KOHTAANTO_JWT_SECRET", SECRET)
    environment.setenv("KOHTAANTO_MATCHING_KEY", SECRET)
    environment.setenv("KOHTAANTO_DATA_DIR", str(tmp_path))
    environment.setenv("KOHTAANTO_CORS_ORIGINS", "http://a.example, http://b.example ,")
    environment.setenv("KOHTAANTO_DEFAULT_K", "7")
    environment.setenv("KOHTAANTO_START_FEED", "0")
    environment.setenv("KAFKA_BOOTSTRAP_SERVERS", "kafka:9092")
    settings = MatchingSettings.from_env()
    assert settings.default_k == 7
    assert settings.start_feed is False
    assert settings.common.cors_origins == ("http://a.example", "http://b.example")
    assert settings.common.database_url == f"sqlite:///{tmp_path / 'matching.db'}"
    assert settings.common.kafka.bootstrap_servers == "kafka:9092"
    assert settings.common.kafka.client_id == "kohtaanto-matching"
    assert settings.common.auth.jwt_secret == SECRET


def test_the_recognition_models_threads_are_one_unless_told_otherwise(
    environment: pytest.MonkeyPatch,
) -> None:
    environment.setenv("KOHTAANTO_JWT_SECRET", SECRET)
    environment.setenv("KOHTAANTO_MATCHING_KEY", SECRET)
    assert MatchingSettings.from_env().recognition_threads == 1
    environment.setenv("KOHTAANTO_RECOGNITION_THREADS", "2")
    assert MatchingSettings.from_env().recognition_threads == 2
    environment.setenv("KOHTAANTO_RECOGNITION_THREADS", "0")
    with pytest.raises(ConfigError, match="KOHTAANTO_RECOGNITION_THREADS"):
        MatchingSettings.from_env()


def test_an_empty_variable_counts_as_unset(environment: pytest.MonkeyPatch) -> None:
    environment.setenv("KOHTAANTO_JWT_SECRET", SECRET)
    environment.setenv("KOHTAANTO_MATCHING_KEY", SECRET)
    environment.setenv("KOHTAANTO_DEFAULT_K", "")
    assert MatchingSettings.from_env().default_k == 20


def test_the_database_password_is_set_into_the_url_and_kept_out_of_repr(
    environment: pytest.MonkeyPatch,
) -> None:
    environment.setenv("KOHTAANTO_JWT_SECRET", SECRET)
    environment.setenv("DATABASE_URL", "postgresql+psycopg://kohtaanto@db:5432/kohtaanto_vacancy")
    environment.setenv("KOHTAANTO_DB_PASSWORD", "p@ss:word")
    common = CommonSettings.from_env("vacancy")
    assert common.database_url == "postgresql+psycopg://kohtaanto:p%40ss%3Aword@db:5432/kohtaanto_vacancy"
    assert "p@ss" not in repr(common) and "word" not in repr(common)
    assert SECRET not in repr(common)


@pytest.mark.parametrize(
    ("variable", "value"),
    [
        ("KOHTAANTO_JWT_SECRET", None),
        ("KOHTAANTO_JWT_SECRET", "too-short"),
        ("KOHTAANTO_PSEUDONYM_KEY", None),
        ("KOHTAANTO_PSEUDONYM_KEY", "short"),
    ],
)
def test_a_missing_or_malformed_secret_is_one_line_naming_the_variable(
    environment: pytest.MonkeyPatch, variable: str, value: str | None
) -> None:
    environment.setenv("KOHTAANTO_JWT_SECRET", SECRET)
    environment.setenv("KOHTAANTO_PSEUDONYM_KEY", SECRET)
    if value is None:
        environment.delenv(variable)
    else:
        environment.setenv(variable, value)
    with pytest.raises(ConfigError) as raised:
        ProfileSettings.from_env()
    assert variable in str(raised.value)
    assert "\n" not in str(raised.value)


@pytest.mark.parametrize("value", [None, "short"])
def test_matching_without_its_own_record_key_is_one_line_naming_the_variable(
    environment: pytest.MonkeyPatch, value: str | None
) -> None:
    """privacy37: the erased candidates' markers and retried POSTs' records are keyed with matching's own
    secret; like the pseudonym key it has no default."""
    environment.setenv("KOHTAANTO_JWT_SECRET", SECRET)
    if value is not None:
        environment.setenv("KOHTAANTO_MATCHING_KEY", value)
    with pytest.raises(ConfigError) as raised:
        MatchingSettings.from_env()
    assert "KOHTAANTO_MATCHING_KEY" in str(raised.value) and "\n" not in str(raised.value)
    assert "short" not in str(raised.value)


def test_a_malformed_number_is_one_line_naming_the_variable(environment: pytest.MonkeyPatch) -> None:
    environment.setenv("KOHTAANTO_JWT_SECRET", SECRET)
    environment.setenv("PORT", "eighty")
    with pytest.raises(ConfigError, match="PORT"):
        ServerSettings.from_env()


def test_settings_built_in_code_never_read_the_environment(environment: pytest.MonkeyPatch) -> None:
    environment.setenv("KOHTAANTO_DEFAULT_K", "3")
    environment.setenv("KOHTAANTO_CORS_ORIGINS", "http://elsewhere.example")
    environment.setenv("KOHTAANTO_JWT_SECRET", SECRET)
    settings = MatchingSettings(
        common=common_settings("matching", "sqlite://"), cache_dir=Path("/tmp"), record_key=MATCHING_KEY
    )
    assert settings.default_k == 20
    assert settings.common.cors_origins == ()
    assert settings.common.auth.jwt_secret == JWT_SECRET
    assert ProfileSettings(common=settings.common, pseudonym_key=PSEUDONYM_KEY).pseudonym_key == PSEUDONYM_KEY


def test_settings_are_frozen() -> None:
    settings = AuthSettings(jwt_secret=SECRET)
    with pytest.raises(ValueError):
        settings.jwt_secret = "x" * 40  # type: ignore[misc]


def test_minting_a_token_without_the_key_is_one_line_not_a_traceback(
    environment: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    assert auth.main(["mint", "--role", "recruiter", "--org", "pirkan-rekry-oy"]) == 2
    err = capsys.readouterr().err
    assert err.count("\n") == 1 and "KOHTAANTO_JWT_SECRET" in err and "Traceback" not in err


# Variables read outside the services' settings: the Kafka users' passwords (docker-compose and
# kafka-init, deploy.kafka.compose.password_variable) and whatever a script, a test tool or a benchmark
# reads from its environment itself (deploy.reaper's owner, the fault suite's scale, …).
_KAFKA_PASSWORD = re.compile(r"KOHTAANTO_KAFKA_(?:[A-Z]+|<SERVICE>)_PASSWORD$")
_READ_BY_A_TOOL = re.compile(
    r"""(?:environ\.get|getenv|environ\[|_ENV\s*=)\(?\s*["'](KOHTAANTO_[A-Z0-9_]+)["']"""
)


def test_every_setting_a_doc_or_message_names_is_one_the_code_reads() -> None:
    """Outside tester 27 (T27-6): docs/meeting.md and the shortage CLI's own error message named
    `KOHTAANTO_DATABASE_URL`, which nothing reads (the setting is `DATABASE_URL`); shared/metrics.py
    named `KOHTAANTO_WORKER_METRICS_PORT` (it is `KOHTAANTO_WORKER_METRICS`). Every project variable
    named in a doc, a README, a message or a docstring is a declared setting."""
    declared = {row.variable for row in configuration.rows()}
    tools = [
        *REPO_ROOT.glob("deploy/**/*.py"),
        *REPO_ROOT.glob("tests/**/*.py"),
        *REPO_ROOT.glob("benchmarks/**/*.py"),
    ]
    declared |= {m.group(1) for p in tools for m in _READ_BY_A_TOOL.finditer(p.read_text(encoding="utf-8"))}
    texts = [
        *REPO_ROOT.glob("*.md"),
        *REPO_ROOT.glob("docs/**/*.md"),
        *REPO_ROOT.glob("services/**/*.py"),
        *REPO_ROOT.glob("shared/**/*.py"),
        *REPO_ROOT.glob("deploy/**/*.py"),
        *REPO_ROOT.glob("deploy/**/*.yaml"),
        REPO_ROOT / "docker-compose.yml",
        REPO_ROOT / "Makefile",
    ]
    named = re.compile(r"\b(?:KOHTAANTO_[A-Z0-9_<>]*[A-Z0-9>]|[A-Z]+_DATABASE_URL)\b")
    unknown = {
        (m.group(0), str(p.relative_to(REPO_ROOT)))
        for p in texts
        for m in named.finditer(p.read_text(encoding="utf-8"))
        if m.group(0) not in declared and not _KAFKA_PASSWORD.match(m.group(0))
    }
    assert unknown == set()
