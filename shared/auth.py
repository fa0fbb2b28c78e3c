"""Who is calling: signed bearer tokens (JWT, HS256) naming the caller's role and organisation.

The signing key comes from ``KOHTAANTO_JWT_SECRET``. ``python -m shared.auth mint`` mints tokens for the
demo and the tests. In production the city's identity provider would issue these tokens; the claims
(``sub``, ``role``, ``org``) are what every service authorises on.
"""

from __future__ import annotations

import argparse
import functools
import sys
from collections.abc import Callable
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from enum import StrEnum
from typing import Any, TypeVar

import jwt


class Role(StrEnum):
    EMPLOYER = "employer"
    COACH = "coach"
    RECRUITER = "recruiter"
    TEAM_MEMBER = "team_member"
    OPERATOR = "operator"


@dataclass(frozen=True, slots=True)
class Principal:
    subject: str
    role: Role
    org: str


class TokenError(ValueError):
    """A token is missing, malformed, expired or not signed with our key."""


class TokenCodec:
    def __init__(self, secret: str, issuer: str = "kohtaanto") -> None:
        if len(secret.encode()) < 32:
            raise ValueError("the JWT signing key (KOHTAANTO_JWT_SECRET) must be at least 32 bytes")
        self._secret = secret
        self.issuer = issuer

    def mint(self, principal: Principal, ttl: timedelta = timedelta(hours=12)) -> str:
        now = datetime.now(UTC)
        claims = {
            "sub": principal.subject,
            "role": principal.role.value,
            "org": principal.org,
            "iss": self.issuer,
            "iat": now,
            "exp": now + ttl,
        }
        return jwt.encode(claims, self._secret, algorithm="HS256")

    def verify(self, token: str) -> Principal:
        try:
            claims = jwt.decode(
                token,
                self._secret,
                algorithms=["HS256"],
                issuer=self.issuer,
                options={"require": ["sub", "role", "org", "exp", "iss"]},
            )
            return Principal(subject=str(claims["sub"]), role=Role(claims["role"]), org=str(claims["org"]))
        except jwt.ExpiredSignatureError:
            raise TokenError("token expired") from None
        except (jwt.InvalidTokenError, ValueError) as exc:
            raise TokenError(f"invalid token: {exc}") from None


# --- Flask edge -----------------------------------------------------------------------------------

SESSION_COOKIE = "kohtaanto_token"
F = TypeVar("F", bound=Callable[..., Any])


def init_auth(app: Any, codec: TokenCodec) -> None:
    app.extensions["kohtaanto.auth"] = codec


def current_principal() -> Principal:
    """The verified caller of this request; aborts with 401 when there is none.

    The token comes from ``Authorization: Bearer …``; browser pages may carry it in the
    ``kohtaanto_token`` cookie set by a service's ``/login`` page.
    """
    from flask import current_app, g, request

    from shared.http import abort

    cached = g.get("principal")
    if cached is not None:
        return cached
    header = request.headers.get("Authorization", "")
    token = (
        header[7:].strip() if header.lower().startswith("bearer ") else request.cookies.get(SESSION_COOKIE)
    )
    challenge = {"WWW-Authenticate": 'Bearer realm="kohtaanto"'}
    if not token:
        abort(401, message="A bearer token is required.", headers=challenge)
    try:
        principal = current_app.extensions["kohtaanto.auth"].verify(token)
    except TokenError as exc:
        abort(401, message=str(exc), headers=challenge)
    g.principal = principal
    return principal


def require_role(*roles: Role) -> Callable[[F], F]:
    """View decorator: the caller must hold one of ``roles`` (401 without a token, 403 otherwise)."""

    def decorator(view: F) -> F:
        @functools.wraps(view)
        def wrapper(*args: Any, **kwargs: Any) -> Any:
            from shared.http import abort

            principal = current_principal()
            if principal.role not in roles:
                abort(403, message=f"Role {principal.role.value} may not do this.")
            return view(*args, **kwargs)

        return wrapper  # type: ignore[return-value]

    return decorator


def main(argv: list[str] | None = None) -> int:
    from shared.config import AuthSettings, ConfigError

    parser = argparse.ArgumentParser(prog="python -m shared.auth", description=__doc__)
    sub = parser.add_subparsers(dest="command", required=True)
    mint = sub.add_parser("mint", help="mint a signed token (key from KOHTAANTO_JWT_SECRET)")
    mint.add_argument("--role", required=True, choices=[r.value for r in Role])
    mint.add_argument("--org", required=True, help="the caller's organisation id")
    mint.add_argument("--sub", default=None, help="the caller's user id (default: role@org)")
    mint.add_argument("--hours", type=float, default=12.0)
    args = parser.parse_args(argv)
    try:
        codec = TokenCodec(AuthSettings.from_env().jwt_secret)
    except ConfigError as exc:
        sys.stderr.write(f"python -m shared.auth: {exc}\n")
        return 2
    principal = Principal(args.sub or f"{args.role}@{args.org}", Role(args.role), args.org)
    sys.stdout.write(codec.mint(principal, timedelta(hours=args.hours)) + "\n")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
