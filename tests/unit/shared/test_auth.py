from datetime import timedelta

import pytest

from shared.auth import Principal, Role, TokenCodec, TokenError
from tests.helpers import JWT_SECRET

CODEC = TokenCodec(JWT_SECRET)


def test_a_minted_token_names_the_callers_role_and_organisation():
    principal = Principal("alice", Role.RECRUITER, "agency-a")
    assert CODEC.verify(CODEC.mint(principal)) == principal


def test_a_token_signed_with_another_key_is_refused():
    other = TokenCodec("another-signing-key-that-is-long-enough-0123")
    with pytest.raises(TokenError):
        CODEC.verify(other.mint(Principal("mallory", Role.OPERATOR, "x")))


def test_an_expired_token_is_refused():
    token = CODEC.mint(Principal("bob", Role.COACH, "tampere"), ttl=timedelta(seconds=-1))
    with pytest.raises(TokenError, match="expired"):
        CODEC.verify(token)


def test_a_short_signing_key_is_not_accepted():
    with pytest.raises(ValueError):
        TokenCodec("short")
