"""Who is calling: signed bearer tokens (JWT) naming the caller's role and organisation.

Two key modes, one per deployment (RFC 8725: the accepted algorithms are pinned, never read from
the token):

* **HS256 with a shared secret** (``KOHTAANTO_JWT_SECRET``, at least 32 bytes): the demo and the tests.
  ``python -m shared.auth mint`` mints such tokens.
* **RS256/ES256 against the JWKS of the city's identity provider** (``KOHTAANTO_JWT_JWKS_URL``): the
  keys are fetched from the URL (and cached) by PyJWT's ``PyJWKClient``; this service holds no
  signing key and mints nothing.

Every token must name our issuer (``iss``) and this deployment's audience (``aud``), carry ``sub``,
``role``, ``org``, ``iat`` and ``exp``, and live at most ``max_lifetime`` (12 h by default): a token
whose ``exp`` lies further ahead, or whose ``iat`` lies in the future, is refused. What a refused
caller is told is one of two fixed sentences; the JWT library's own text goes to the log only.
"""

from __future__ import annotations

import argparse
import functools
import logging
import re
import sys
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from enum import StrEnum
from typing import Any, TypeVar

import jwt

log = logging.getLogger(__name__)


class Role(StrEnum):
    EMPLOYER = "employer"
    COACH = "coach"
    RECRUITER = "recruiter"
    TEAM_MEMBER = "team_member"
    OPERATOR = "operator"
    #: An organisation's data-protection officer: reads the audit log of its own organisation.
    DATA_PROTECTION_OFFICER = "data_protection_officer"
    #: System level (the service operator's supervisory role): reads every organisation's audit log.
    SYSTEM_AUDITOR = "system_auditor"


@dataclass(frozen=True, slots=True)
class Principal:
    subject: str
    role: Role
    org: str


class TokenError(ValueError):
    """A token is missing, malformed, expired, too long-lived or not signed with a key we trust.

    ``str(error)`` is safe to show the caller (a fixed sentence); ``reason`` is for the log.
    """

    def __init__(self, message: str, reason: str = "") -> None:
        super().__init__(message)
        self.reason = reason or message


class NotAdmittedError(TokenError):
    """A valid token the organisation registry does not admit: its organisation is not registered
    (``status`` 401) or its role does not fit the organisation's kind (403;
    ``shared.entitlement.ROLE_KINDS``)."""

    def __init__(self, message: str, reason: str, status: int, principal: Principal) -> None:
        super().__init__(message, reason)
        self.status = status
        self.principal = principal


class KeySetUnavailableError(TokenError):
    """The identity provider's key set (JWKS) could not be fetched: not the caller's fault."""


INVALID = "The bearer token is not valid."
EXPIRED = "The bearer token has expired."
ASYMMETRIC = ("RS256", "RS384", "RS512", "ES256", "ES384", "ES512", "PS256", "PS384", "PS512", "EdDSA")
REQUIRED_CLAIMS = ["sub", "role", "org", "iat", "exp", "iss", "aud"]
#: Longest ``sub`` or ``org`` accepted (characters): user ids of identity providers are far shorter.
MAX_ID_LENGTH = 256
_UNPRINTABLE = re.compile(r"[\x00-\x1f\x7f-\x9f\ud800-\udfff]")


SUBJECT_IDENTIFIER = (
    "The bearer token's subject (sub) is a personal identifier (a personal identity code, phone number or "
    "bank account number): the identity provider must give a pseudonymous user id."
)


def _subject_identifier_kinds(subject: str) -> list[str]:
    """The kinds of identifier ``shared.pii.find_identifiers`` finds in a token's ``sub`` (the screen of a
    follow-up's ``owner``), e-mail addresses left out: ``sub`` is stored and shown to other organisations as
    ``recorded_by``, the audit log's ``actor`` and ``prepared_by``, and published in ``outcome.recorded``
    (outside tester 26, T26-3: an identity provider that uses the identity code ``131052-308T`` as the
    subject). A staff member's work e-mail address is many identity providers' user name (an Entra ID UPN,
    ``matti.meikäläinen@tampere.fi``) and names the staff member, not a jobseeker: it is accepted."""
    from shared.pii import EMAIL, find_identifiers

    return sorted({f.kind for f in find_identifiers(subject) if f.kind != EMAIL})


SUBJECT_NOT_STAFF = (
    "The bearer token's subject (sub) is not a user id: it must be a staff member's name or user id "
    "(letters, spaces and . ' - _ @) or an opaque id (ASCII letters, digits and . _ : | @ + = -, no "
    "spaces), without special-category words."
)
#: An identity provider's opaque user id: a GUID, a pairwise base64url ``sub``, ``auth0|5f7c…``.
#: No spaces, no markup: it cannot carry a sentence.
_OPAQUE_SUBJECT = re.compile(r"^[A-Za-z0-9][A-Za-z0-9._:|@+=-]{0,255}$")  # MAX_ID_LENGTH


def _subject_not_staff(subject: str) -> list[str]:
    """Why a token's ``sub`` is no staff member's user id (empty when it is one). ``sub`` becomes a
    path's ``coach``, a handover's ``sent_by``/``answered_by``, a step's ``person``, a meeting's
    ``prepared_by`` and the audit log's ``actor``, all shown to other people, so it is held to the rule
    of those fields when typed (outside tester 27, T27-5: ``Liisa, asiakas on raskaana ja hänellä on
    MS-tauti`` and ``<img src=x onerror=alert(1)>`` were stored as a path's coach, the same text sent
    as ``coach`` a 422). A valid subject is either a staff name or user id
    (``shared.pii.is_staff_name``: ``Mirja Salminen``, ``coach@tampere-tyollisyys``,
    ``matti.meikäläinen@tampere.fi``) or an opaque id (``_OPAQUE_SUBJECT``: a GUID, ``auth0|…``), and in
    either case carries no special-category finding of ``shared.pii.find_sensitive_data`` (health,
    pregnancy, religion…; a work e-mail address is allowed, as in ``_subject_identifier_kinds``).
    Returns the reasons for the log (kinds only, never the value)."""
    from shared.pii import EMAIL, find_sensitive_data, is_staff_name

    reasons = []
    if not (is_staff_name(subject) or _OPAQUE_SUBJECT.match(subject)):
        reasons.append("shape")
    reasons += sorted({f.kind for f in find_sensitive_data(subject) if f.kind != EMAIL})
    return reasons


def _printable_id(value: str) -> bool:
    """Whether a token's ``sub`` or ``org`` can be stored and shown: no C0/C1 control character or
    lone surrogate, at most ``MAX_ID_LENGTH`` characters."""
    return len(value) <= MAX_ID_LENGTH and not _UNPRINTABLE.search(value)


class TokenCodec:
    """Verifies (and, in HS256 mode, mints) the bearer tokens of one deployment.

    ``secret`` (HS256, ≥ 32 bytes) or ``jwks_url`` (asymmetric, ``algorithms`` from ``ASYMMETRIC``),
    not both. ``max_lifetime`` bounds ``exp - iat`` and ``exp - now``; ``leeway_s`` (seconds) absorbs
    clock skew. Raises ``ValueError`` for a configuration that would be unsafe.
    """

    def __init__(
        self,
        secret: str | None = None,
        issuer: str = "kohtaanto",
        audience: str = "kohtaanto",
        *,
        max_lifetime: timedelta = timedelta(hours=12),
        jwks_url: str | None = None,
        algorithms: Sequence[str] | None = None,
        leeway_s: int = 30,
        jwks_client: jwt.PyJWKClient | None = None,
    ) -> None:
        if bool(secret) == bool(jwks_url or jwks_client):
            raise ValueError("configure exactly one of KOHTAANTO_JWT_SECRET and KOHTAANTO_JWT_JWKS_URL")
        if secret is not None and len(secret.encode()) < 32:
            raise ValueError("the JWT signing key (KOHTAANTO_JWT_SECRET) must be at least 32 bytes")
        if not audience:
            raise ValueError("the token audience (KOHTAANTO_JWT_AUDIENCE) must not be empty")
        if max_lifetime <= timedelta(0):
            raise ValueError("the maximum token lifetime must be positive")
        self._secret = secret
        self.issuer = issuer
        self.audience = audience
        self.max_lifetime = max_lifetime
        self.leeway_s = leeway_s
        if secret:
            self.algorithms: tuple[str, ...] = ("HS256",)
            self._jwks: jwt.PyJWKClient | None = None
        else:
            chosen = tuple(algorithms or ("RS256", "ES256"))
            unsafe = [a for a in chosen if a not in ASYMMETRIC]
            if unsafe:
                raise ValueError(f"only asymmetric algorithms may be used with a JWKS URL, not {unsafe}")
            self.algorithms = chosen
            self._jwks = jwks_client or jwt.PyJWKClient(str(jwks_url), cache_keys=True, lifespan=300)

    @classmethod
    def from_settings(cls, settings: Any) -> TokenCodec:
        """From ``shared.config.AuthSettings``."""
        return cls(
            settings.jwt_secret or None,
            settings.issuer,
            settings.audience,
            max_lifetime=timedelta(seconds=settings.max_lifetime_s),
            jwks_url=settings.jwks_url or None,
            algorithms=settings.algorithms or None,
        )

    @property
    def can_mint(self) -> bool:
        return self._secret is not None

    def mint(self, principal: Principal, ttl: timedelta | None = None) -> str:
        """An HS256 token for ``principal`` valid for ``ttl`` (default and maximum: ``max_lifetime``).

        Raises ``ValueError`` in JWKS mode (the identity provider mints), when ``ttl`` exceeds the
        maximum lifetime, when the subject or organisation is not printable (``_printable_id``), or
        when the subject is an identifier or no staff user id (``_subject_not_staff``).
        """
        if self._secret is None:
            raise ValueError("tokens are minted by the identity provider in JWKS mode")
        if not (_printable_id(principal.subject) and _printable_id(principal.org)):
            raise ValueError(f"sub and org must be printable text of at most {MAX_ID_LENGTH} characters")
        if _subject_identifier_kinds(principal.subject):
            raise ValueError(SUBJECT_IDENTIFIER)
        if _subject_not_staff(principal.subject):
            raise ValueError(SUBJECT_NOT_STAFF)
        ttl = self.max_lifetime if ttl is None else ttl
        if ttl > self.max_lifetime:
            raise ValueError(f"a token may live at most {self.max_lifetime}")
        now = datetime.now(UTC)
        claims = {
            "sub": principal.subject,
            "role": principal.role.value,
            "org": principal.org,
            "iss": self.issuer,
            "aud": self.audience,
            "iat": now,
            "exp": now + ttl,
        }
        return jwt.encode(claims, self._secret, algorithm="HS256")

    def verify(self, token: str) -> Principal:
        """The principal a valid token names; raises ``TokenError`` (``KeySetUnavailableError`` when
        the identity provider's keys cannot be fetched; ``SUBJECT_IDENTIFIER`` when ``sub`` holds an
        identity code, phone number or IBAN, the screen of a follow-up's ``owner``; ``SUBJECT_NOT_STAFF``
        when it is neither a staff name or user id nor an opaque id, or carries a special category)."""
        try:
            key: Any = self._secret
            if self._jwks is not None:
                key = self._jwks.get_signing_key_from_jwt(token).key
            claims = jwt.decode(
                token,
                key,
                algorithms=list(self.algorithms),
                issuer=self.issuer,
                audience=self.audience,
                leeway=self.leeway_s,
                options={"require": REQUIRED_CLAIMS},
            )
        except jwt.ExpiredSignatureError:
            raise TokenError(EXPIRED, "expired") from None
        except jwt.PyJWKClientConnectionError as exc:
            raise KeySetUnavailableError(
                "The identity provider's keys are unavailable; try again shortly.", str(exc)
            ) from None
        except (jwt.PyJWKClientError, jwt.InvalidTokenError) as exc:
            raise TokenError(INVALID, f"{type(exc).__name__}: {exc}") from None
        self._check_lifetime(claims)
        try:
            role = Role(claims["role"])
        except ValueError:
            raise TokenError(INVALID, "unknown role") from None
        if not all(isinstance(claims[c], str) and claims[c] for c in ("sub", "org")):
            raise TokenError(INVALID, "sub and org must be non-empty strings")
        if not all(_printable_id(claims[c]) for c in ("sub", "org")):
            # they are stored (the audit log's actor): NUL, control characters and lone surrogates
            # would not be (PostgreSQL refuses NUL), nor are they an identity provider's user ids
            raise TokenError(
                INVALID, f"sub and org must be printable text of at most {MAX_ID_LENGTH} characters"
            )
        kinds = _subject_identifier_kinds(claims["sub"])
        if kinds:  # the reason names the kinds only, never the value
            raise TokenError(SUBJECT_IDENTIFIER, f"sub holds {', '.join(kinds)}")
        kinds = _subject_not_staff(claims["sub"])
        if kinds:
            raise TokenError(SUBJECT_NOT_STAFF, f"sub is no user id: {', '.join(kinds)}")
        return Principal(subject=claims["sub"], role=role, org=claims["org"])

    def _check_lifetime(self, claims: dict[str, Any]) -> None:
        now = datetime.now(UTC).timestamp()
        iat, exp = claims["iat"], claims["exp"]
        if not isinstance(iat, int | float) or not isinstance(exp, int | float):
            raise TokenError(INVALID, "iat and exp must be numbers")
        limit = self.max_lifetime.total_seconds() + self.leeway_s
        if iat > now + self.leeway_s:
            raise TokenError(INVALID, "iat in the future")
        if exp - iat > limit or exp - now > limit:
            raise TokenError(INVALID, f"lifetime over the maximum of {self.max_lifetime}")


# --- who may read what (explicit rules other modules call) ----------------------------------------

AUDIT_READERS = (Role.DATA_PROTECTION_OFFICER, Role.SYSTEM_AUDITOR)
"""Who reads the audit log. Not an ``operator``: the log is personal data itself (who looked at whom,
the profile id beside the pseudonym, the purposes people typed), and an operator, refused every
profile and contact, read names and addresses typed into purposes there (outside tester 6, G3)."""


def audit_scope(principal: Principal) -> str | None:
    """The organisation whose audit entries ``principal`` may read, or None for every organisation.

    A data-protection officer reads its own organisation's entries: accesses made by its people and
    accesses to its jobseekers' data. Only the system-level ``system_auditor`` reads all. Raises ``PermissionError`` for any other role.
    """
    if principal.role is Role.SYSTEM_AUDITOR:
        return None
    if principal.role in AUDIT_READERS:
        return principal.org
    raise PermissionError(f"role {principal.role.value} may not read the audit log")


# --- Flask edge -----------------------------------------------------------------------------------

SESSION_COOKIE = "kohtaanto_token"
F = TypeVar("F", bound=Callable[..., Any])


UNREGISTERED = "The token's organisation is not registered in this deployment."


class RegistryGate:
    """A ``TokenCodec`` whose ``verify`` also admits the principal against the organisation registry
    (``shared.entitlement.admission_refusal``): raises ``NotAdmittedError`` for an unregistered
    organisation or a role that does not fit the organisation's kind, ``TokenError`` as the codec."""

    def __init__(self, codec: TokenCodec, org_kind: Callable[[str], str | None]) -> None:
        self.codec = codec
        self.org_kind = org_kind

    def verify(self, token: str) -> Principal:
        from shared.entitlement import admission_refusal

        principal = self.codec.verify(token)
        kind = self.org_kind(principal.org)
        refusal = admission_refusal(principal.role.value, kind)
        if refusal is None:
            return principal
        if kind is None:
            raise NotAdmittedError(UNREGISTERED, refusal, 401, principal)
        message = f"Role {principal.role.value} is not held in an organisation of kind {kind}."
        raise NotAdmittedError(message, refusal, 403, principal)


def log_refusal(exc: NotAdmittedError) -> None:
    """The security log line for a token the registry refused: why, the organisation and role."""
    from shared.pii import mask

    org = exc.principal.org[:64]  # an unregistered "organisation" may be anything: masked, bounded
    log.warning(
        "token refused by the organisation registry",
        extra={"reason": exc.reason, "org": mask(org), "role": exc.principal.role.value},
    )


def refuse(exc: NotAdmittedError) -> None:
    """Log the refusal and stop the request: 401 (unregistered organisation) or 403, JSON error shape."""
    from shared.http import abort

    log_refusal(exc)
    headers = (
        {"WWW-Authenticate": 'Bearer realm="kohtaanto", error="invalid_token"'} if exc.status == 401 else {}
    )
    abort(exc.status, message=str(exc), headers=headers)


def init_auth(app: Any, codec: TokenCodec, org_kind: Callable[[str], str | None] | None = None) -> None:
    """Verify callers with ``codec``; with ``org_kind`` (the registry's kind of an organisation id,
    None when unregistered) every token is also admitted against the registry, and a request whose
    ``Authorization`` header carries a token the registry refuses is answered 401/403 before any
    view runs. (A refused session cookie is treated as no sign-in: the pages then offer ``/login``.)"""
    app.extensions["kohtaanto.auth"] = codec if org_kind is None else RegistryGate(codec, org_kind)
    if org_kind is None:
        return

    @app.before_request
    def admit_bearer() -> None:
        from flask import request

        header = request.headers.get("Authorization", "")
        if not header.lower().startswith("bearer ") or not header[7:].strip():
            return
        try:
            app.extensions["kohtaanto.auth"].verify(header[7:].strip())
        except NotAdmittedError as exc:
            refuse(exc)
        except TokenError:
            return  # left to the views that need a caller (401 there, as before)


def bearer_token() -> str | None:
    """The raw token of this request: ``Authorization: Bearer …`` or the session cookie."""
    from flask import request

    header = request.headers.get("Authorization", "")
    token = (
        header[7:].strip() if header.lower().startswith("bearer ") else request.cookies.get(SESSION_COOKIE)
    )
    return token or None


def verified_principal() -> Principal | None:
    """The verified caller of this request, or None (no token, or an invalid one); never aborts."""
    from flask import current_app, g

    if "principal" in g:
        return g.principal
    token = bearer_token()
    if token is None:
        return None
    try:
        principal = current_app.extensions["kohtaanto.auth"].verify(token)
    except TokenError:
        return None
    g.principal = principal
    return principal


def current_principal() -> Principal:
    """The verified caller of this request; aborts with 401 when there is none.

    The token comes from ``Authorization: Bearer …``; browser pages may carry it in the
    ``kohtaanto_token`` cookie set by a service's ``/login`` page.
    """
    from flask import current_app, g

    from shared.http import abort

    cached = g.get("principal")
    if cached is not None:
        return cached
    token = bearer_token()
    challenge = {"WWW-Authenticate": 'Bearer realm="kohtaanto"'}
    if not token:
        abort(401, message="A bearer token is required.", headers=challenge)
    try:
        principal = current_app.extensions["kohtaanto.auth"].verify(token)
    except KeySetUnavailableError as exc:
        log.warning("identity provider keys unavailable", extra={"reason": exc.reason})
        abort(503, message=str(exc), headers={"Retry-After": "30"})
    except NotAdmittedError as exc:
        refuse(exc)
    except TokenError as exc:
        log.info("token refused", extra={"reason": exc.reason})
        abort(
            401,
            message=str(exc),
            headers={"WWW-Authenticate": 'Bearer realm="kohtaanto", error="invalid_token"'},
        )
    g.principal = principal
    return principal


def require_role(
    *roles: Role,
    on_denied: Callable[[Principal], None] | None = None,
    kinds: frozenset[str] | None = None,
) -> Callable[[F], F]:
    """View decorator: the caller must hold one of ``roles`` (401 without a token, 403 otherwise).

    ``kinds``: the caller's organisation must also be of one of these kinds (the registry's,
    ``shared.organisations``; an app without a registry refuses), else 403: the doors only the owner
    of a jobseeker's profile passes take ``shared.entitlement.PROFILE_OWNER_KINDS`` (outside tester
    24, T2: a vocational school's teacher, role ``coach``, created profiles); the 403's message names
    that rule, the only use of ``kinds``.
    ``on_denied`` is called with the caller before either 403 (e.g. to audit the attempt).
    """

    def decorator(view: F) -> F:
        @functools.wraps(view)
        def wrapper(*args: Any, **kwargs: Any) -> Any:
            from shared.http import abort

            principal = current_principal()
            if principal.role not in roles:
                if on_denied is not None:
                    on_denied(principal)
                abort(403, message=f"Role {principal.role.value} may not do this.")
            if kinds is not None:
                kind = _org_kind(principal.org)
                if kind not in kinds:
                    if on_denied is not None:
                        on_denied(principal)
                    abort(
                        403,
                        message=f"Role {principal.role.value} of an organisation of kind {kind} may not do "
                        "this: only the employment services' coaches own jobseekers' profiles.",
                    )
            return view(*args, **kwargs)

        # read by the README's table of doors per role (tests/api/test_doors_per_role.py): the
        # decorators above this one keep it (functools.wraps copies the function's __dict__)
        wrapper.kohtaanto_roles = frozenset(roles)  # type: ignore[attr-defined]
        wrapper.kohtaanto_kinds = kinds  # type: ignore[attr-defined]
        return wrapper  # type: ignore[return-value]

    return decorator


def _org_kind(org: str) -> str | None:
    """The registry's kind of ``org`` in this app (None: unregistered, or no registry)."""
    from flask import current_app

    registry = current_app.extensions.get("kohtaanto.organisations")
    return registry.kind(org) if registry is not None else None


def roles_checked_inside(*roles: Role) -> Callable[[F], F]:
    """Marks a view (a page) that checks its caller's role itself among ``roles`` (a page answers a
    sign-in page or an error page of its own, not ``require_role``'s JSON 403): only read by the
    README's table of doors per role and its test, as ``require_role``'s ``kohtaanto_roles``."""

    def mark(view: F) -> F:
        view.kohtaanto_roles = frozenset(roles)  # type: ignore[attr-defined]
        return view

    return mark


def main(argv: list[str] | None = None) -> int:
    from shared.config import AuthSettings, ConfigError

    parser = argparse.ArgumentParser(prog="python -m shared.auth", description=__doc__)
    sub = parser.add_subparsers(dest="command", required=True)
    mint = sub.add_parser("mint", help="mint a signed token (key from KOHTAANTO_JWT_SECRET)")
    mint.add_argument("--role", required=True, choices=[r.value for r in Role])
    mint.add_argument("--org", required=True, help="the caller's organisation id")
    mint.add_argument("--sub", default=None, help="the caller's user id (default: role@org)")
    mint.add_argument("--hours", type=float, default=None, help="lifetime (default and maximum: 12 h)")
    args = parser.parse_args(argv)
    try:
        codec = TokenCodec.from_settings(AuthSettings.from_env())
        principal = Principal(args.sub or f"{args.role}@{args.org}", Role(args.role), args.org)
        ttl = None if args.hours is None else timedelta(hours=args.hours)
        sys.stdout.write(codec.mint(principal, ttl) + "\n")
    except (ConfigError, ValueError) as exc:
        sys.stderr.write(f"shared.auth mint: {exc}\n")
        return 2
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
