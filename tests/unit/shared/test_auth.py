import json
import subprocess
import sys
import threading
from collections.abc import Iterator
from datetime import UTC, datetime, timedelta
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from typing import Any

import jwt
import pytest
from cryptography.hazmat.primitives.asymmetric import ec, rsa

from shared.auth import (
    INVALID,
    KeySetUnavailableError,
    Principal,
    Role,
    TokenCodec,
    TokenError,
    audit_scope,
)
from shared.config import REPO_ROOT, AuthSettings, ConfigError
from tests.helpers import JWT_SECRET

CODEC = TokenCodec(JWT_SECRET)
ALICE = Principal("alice", Role.RECRUITER, "agency-a")


def claims(**overrides: Any) -> dict[str, Any]:
    now = datetime.now(UTC)
    base = {
        "sub": "alice",
        "role": "recruiter",
        "org": "agency-a",
        "iss": "kohtaanto",
        "aud": "kohtaanto",
        "iat": now,
        "exp": now + timedelta(hours=1),
    }
    base.update(overrides)
    return {k: v for k, v in base.items() if v is not None}


def hs256(**overrides: Any) -> str:
    return jwt.encode(claims(**overrides), JWT_SECRET, algorithm="HS256")


def test_a_minted_token_names_the_callers_role_and_organisation():
    assert CODEC.verify(CODEC.mint(ALICE)) == ALICE


def test_a_token_signed_with_another_key_is_refused():
    other = TokenCodec("another-signing-key-that-is-long-enough-0123")
    with pytest.raises(TokenError):
        CODEC.verify(other.mint(Principal("mallory", Role.OPERATOR, "x")))


def test_an_expired_token_is_refused():
    token = CODEC.mint(Principal("bob", Role.COACH, "tampere"), ttl=timedelta(seconds=-60))
    with pytest.raises(TokenError, match="expired"):
        CODEC.verify(token)


def test_a_short_signing_key_is_not_accepted():
    with pytest.raises(ValueError):
        TokenCodec("short")


def test_a_token_living_a_hundred_years_is_refused():
    with pytest.raises(TokenError):
        CODEC.verify(hs256(exp=datetime.now(UTC) + timedelta(days=36500)))


def test_a_token_issued_in_the_future_is_refused():
    later = datetime.now(UTC) + timedelta(days=1)
    with pytest.raises(TokenError):
        CODEC.verify(hs256(iat=later, exp=later + timedelta(hours=1)))


def test_a_token_issued_long_ago_with_a_far_expiry_is_refused_though_exp_minus_now_is_short():
    now = datetime.now(UTC)
    with pytest.raises(TokenError):
        CODEC.verify(hs256(iat=now - timedelta(days=30), exp=now + timedelta(hours=1)))


def test_the_maximum_lifetime_is_configurable_and_minting_beyond_it_is_refused():
    short = TokenCodec(JWT_SECRET, max_lifetime=timedelta(minutes=10))
    with pytest.raises(ValueError):
        short.mint(ALICE, timedelta(hours=1))
    with pytest.raises(TokenError):
        short.verify(CODEC.mint(ALICE, timedelta(hours=1)))


@pytest.mark.parametrize("aud", ["another-deployment", None])
def test_a_token_for_another_audience_or_none_is_refused(aud):
    with pytest.raises(TokenError):
        CODEC.verify(hs256(aud=aud))


def test_a_deployment_accepts_only_its_own_audience():
    tampere = TokenCodec(JWT_SECRET, audience="kohtaanto:tampere")
    assert tampere.verify(tampere.mint(ALICE)) == ALICE
    with pytest.raises(TokenError):
        tampere.verify(CODEC.mint(ALICE))


@pytest.mark.parametrize("missing", ["sub", "role", "org", "iat", "exp", "iss"])
def test_a_token_without_a_required_claim_is_refused(missing):
    with pytest.raises(TokenError):
        CODEC.verify(hs256(**{missing: None}))


@pytest.mark.parametrize(
    "overrides",
    [
        {"sub": "a\x00b"},  # outside tester 4, F1: stored as the audit log's actor (PostgreSQL refuses NUL)
        {"sub": "a\x01<script>"},
        {"sub": "line\nbreak"},
        {"sub": "\ud800"},
        {"sub": "x" * 257},
        {"org": "agency-a\x00"},
    ],
)
def test_a_token_whose_subject_or_organisation_cannot_be_stored_is_refused(overrides):
    with pytest.raises(TokenError) as refused:
        CODEC.verify(hs256(**overrides))
    assert str(refused.value) == INVALID
    with pytest.raises(ValueError):
        CODEC.mint(Principal(overrides.get("sub", "alice"), Role.RECRUITER, overrides.get("org", "agency-a")))


def test_ordinary_user_ids_are_accepted():
    for sub in ("alice", "matti.meikäläinen@tampere.fi", "ÅSA-öberg", "u-1234|ad", "x" * 256):
        assert CODEC.verify(CODEC.mint(Principal(sub, Role.RECRUITER, "agency-a"))).subject == sub


def test_an_unsigned_token_is_refused():
    with pytest.raises(TokenError):
        CODEC.verify(jwt.encode(claims(), None, algorithm="none"))


def test_refusals_say_one_fixed_sentence_never_the_libraries_text():
    for bad in (
        "garbage",
        hs256(aud="x"),
        hs256(role="king"),
        hs256(exp=datetime.now(UTC) + timedelta(days=9)),
    ):
        with pytest.raises(TokenError) as caught:
            CODEC.verify(bad)
        assert str(caught.value) == INVALID


def test_audit_scope_is_the_own_organisation_except_for_the_system_auditor():
    assert audit_scope(Principal("d", Role.DATA_PROTECTION_OFFICER, "tampere")) == "tampere"
    assert audit_scope(Principal("s", Role.SYSTEM_AUDITOR, "kohtaanto")) is None
    for role in (Role.RECRUITER, Role.OPERATOR):  # the log is personal data (outside tester 6, G3)
        with pytest.raises(PermissionError):
            audit_scope(Principal("r", role, "agency-a"))


# -- asymmetric tokens against a JWKS URL (the city's identity provider) ------------------------------
class JwksServer:
    """Serves a JWK Set on 127.0.0.1 like an identity provider's ``/.well-known/jwks.json``."""

    def __init__(self, keys: list[dict[str, Any]]) -> None:
        body = json.dumps({"keys": keys}).encode()

        class Handler(BaseHTTPRequestHandler):
            def do_GET(self) -> None:
                self.send_response(200)
                self.send_header("Content-Type", "application/json")
                self.end_headers()
                self.wfile.write(body)

            def log_message(self, *args: Any) -> None:
                pass

        self.server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        self.url = f"http://127.0.0.1:{self.server.server_port}/.well-known/jwks.json"
        self.thread = threading.Thread(target=self.server.serve_forever, daemon=True)
        self.thread.start()

    def close(self) -> None:
        self.server.shutdown()
        self.server.server_close()


def public_jwk(private_key: Any, kid: str, alg: str) -> dict[str, Any]:
    jwk = json.loads(jwt.algorithms.get_default_algorithms()[alg].to_jwk(private_key.public_key()))
    return {**jwk, "kid": kid, "alg": alg, "use": "sig"}


RSA_KEY = rsa.generate_private_key(public_exponent=65537, key_size=2048)
EC_KEY = ec.generate_private_key(ec.SECP256R1())


@pytest.fixture(scope="module")
def jwks() -> Iterator[JwksServer]:
    server = JwksServer([public_jwk(RSA_KEY, "rsa-1", "RS256"), public_jwk(EC_KEY, "ec-1", "ES256")])
    yield server
    server.close()


def idp_token(key: Any, kid: str, alg: str, **overrides: Any) -> str:
    return jwt.encode(
        claims(**{"aud": "kohtaanto:tampere", "iss": "https://idp.tampere.example", **overrides}),
        key,
        algorithm=alg,
        headers={"kid": kid},
    )


def idp_codec(url: str) -> TokenCodec:
    return TokenCodec(issuer="https://idp.tampere.example", audience="kohtaanto:tampere", jwks_url=url)


@pytest.mark.parametrize(("key", "kid", "alg"), [(RSA_KEY, "rsa-1", "RS256"), (EC_KEY, "ec-1", "ES256")])
def test_tokens_of_the_identity_provider_are_verified_against_its_jwks(jwks, key, kid, alg):
    assert idp_codec(jwks.url).verify(idp_token(key, kid, alg)) == ALICE


def test_a_jwks_deployment_refuses_hs256_tokens(jwks):
    """Algorithms are pinned (RFC 8725 §3.1): an HS256 token is refused whatever key signed it."""
    with pytest.raises(TokenError):
        idp_codec(jwks.url).verify(hs256(aud="kohtaanto:tampere", iss="https://idp.tampere.example"))


def test_a_jwks_deployment_refuses_a_key_it_does_not_publish(jwks):
    stranger = rsa.generate_private_key(public_exponent=65537, key_size=2048)
    with pytest.raises(TokenError):
        idp_codec(jwks.url).verify(idp_token(stranger, "rsa-1", "RS256"))
    with pytest.raises(TokenError):
        idp_codec(jwks.url).verify(idp_token(RSA_KEY, "unknown-kid", "RS256"))


def test_a_jwks_deployment_enforces_audience_and_lifetime(jwks):
    codec = idp_codec(jwks.url)
    with pytest.raises(TokenError):
        codec.verify(idp_token(RSA_KEY, "rsa-1", "RS256", aud="kohtaanto:helsinki"))
    with pytest.raises(TokenError):
        codec.verify(idp_token(RSA_KEY, "rsa-1", "RS256", exp=datetime.now(UTC) + timedelta(days=3650)))


def test_an_unreachable_jwks_is_a_key_set_error_not_an_invalid_token():
    codec = idp_codec("http://127.0.0.1:9/jwks.json")
    with pytest.raises(KeySetUnavailableError):
        codec.verify(idp_token(RSA_KEY, "rsa-1", "RS256"))


def test_a_jwks_deployment_mints_nothing_and_allows_only_asymmetric_algorithms(jwks):
    with pytest.raises(ValueError):
        idp_codec(jwks.url).mint(ALICE)
    with pytest.raises(ValueError):
        TokenCodec(audience="a", jwks_url=jwks.url, algorithms=["HS256"])
    with pytest.raises(ValueError):
        TokenCodec(JWT_SECRET, jwks_url=jwks.url)


def test_settings_need_exactly_one_key_source_and_an_audience_with_jwks(monkeypatch):
    for name in ("KOHTAANTO_JWT_SECRET", "KOHTAANTO_JWT_JWKS_URL", "KOHTAANTO_JWT_AUDIENCE"):
        monkeypatch.delenv(name, raising=False)
    with pytest.raises(ConfigError):
        AuthSettings.from_env()
    monkeypatch.setenv("KOHTAANTO_JWT_JWKS_URL", "https://idp/jwks")
    with pytest.raises(ConfigError):
        AuthSettings.from_env()  # no audience
    monkeypatch.setenv("KOHTAANTO_JWT_AUDIENCE", "kohtaanto:tampere")
    settings = AuthSettings.from_env()
    assert settings.jwks_url == "https://idp/jwks" and settings.jwt_secret is None
    monkeypatch.setenv("KOHTAANTO_JWT_SECRET", "x" * 40)
    with pytest.raises(ConfigError):
        AuthSettings.from_env()  # both


def test_mint_without_the_secret_prints_one_line_not_a_traceback():
    env = {"PATH": "/usr/bin:/bin"}
    done = subprocess.run(
        [sys.executable, "-m", "shared.auth", "mint", "--role", "coach", "--org", "tampere"],
        cwd=REPO_ROOT,
        env=env,
        capture_output=True,
        text=True,
        check=False,
    )
    assert done.returncode == 2
    assert done.stdout == ""
    assert len(done.stderr.strip().splitlines()) == 1
    assert "KOHTAANTO_JWT_SECRET" in done.stderr and "Traceback" not in done.stderr


@pytest.mark.parametrize(
    "sub", ["131052-308T", "131052A308T", "010594Y903B", "040 123 4567", "FI21 1234 5600 0007 85"]
)
def test_a_token_whose_subject_is_a_personal_identifier_is_refused(sub):
    """Outside tester 26, T26-3: ``sub`` "131052-308T" was stored as ``recorded_by`` and the audit ``actor``;
    the reason names the requirement, never the value."""
    with pytest.raises(TokenError) as err:
        CODEC.verify(hs256(sub=sub))
    assert "pseudonymous user id" in str(err.value) and sub not in str(err.value) + err.value.reason
    with pytest.raises(ValueError, match="pseudonymous"):
        CODEC.mint(Principal(sub, Role.RECRUITER, "agency-a"))


@pytest.mark.parametrize("sub", ["alice", "coach@tampere-tyollisyys", "3f2b9c1e-7a4d-4e0b-9c1a-0401234567ab"])
def test_a_pseudonymous_subject_is_accepted(sub):
    assert CODEC.verify(hs256(sub=sub)).subject == sub


@pytest.mark.parametrize(
    "sub",
    [
        "Liisa, asiakas on raskaana ja hänellä on MS-tauti",  # outside tester 27, T27-5
        "<img src=x onerror=alert(1)>\"'",
        "Mirja Salminen MS-tauti",  # the shape of a name, a special category in it
        "asiakas on raskaana",
        "coach 2",
    ],
)
def test_a_subject_that_is_no_staff_user_id_is_refused_at_admission(sub):
    """Outside tester 27, T27-5: a free-text ``sub`` was stored as a path's coach, a handover's sender
    and a meeting's preparer, while the same text typed in a field was a 422."""
    with pytest.raises(TokenError) as refused:
        CODEC.verify(hs256(sub=sub))
    assert "not a user id" in str(refused.value) and sub not in refused.value.reason
    with pytest.raises(ValueError):
        CODEC.mint(Principal(sub, Role.COACH, "tampere-tyollisyys"))


def test_staff_names_and_identity_providers_opaque_ids_are_user_ids():
    for sub in ("Mirja Salminen", "coach@tampere-tyollisyys", "3f2504e0-4f89-11d3-9a0c-0305e82c3301",
                "auth0|5f7c8ec7c33c6c004bbafe82", "AAAAAAAAAAAAAAAAAAAAAIkzqFVrSaSaFHy782bbtaQ"):  # fmt: skip
        assert CODEC.verify(CODEC.mint(Principal(sub, Role.COACH, "tampere-tyollisyys"))).subject == sub
