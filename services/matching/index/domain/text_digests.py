"""Caches of recent texts that hold no text (privacy by design; session 39, `erase39`).

Coaches send CV text and notes to `POST /api/v1/skills/recognise`; the recogniser remembers the
recent texts' embeddings, occupations and derived verbs so that a text read again (a vacancy
prepared again, a one-sentence text read as the whole and as its sentence) costs nothing. A cache
keyed by the text itself keeps a sentence naming a person or a diagnosis in matching's memory (and
in a core dump) after the person has withdrawn. These caches are keyed instead by a keyed digest of
the text (`text_digest`: BLAKE2b, 16 bytes, under a random key made once per process and never
stored), so equal texts still hit while the process holds nothing a text can be read back from or
confirmed against without the key. What a cache keeps as its value must not spell the text either
(an embedding, ESCO URIs and vocabulary verbs do not; a text's token ids would, and are not cached).
"""

from __future__ import annotations

import hashlib
import secrets
import threading
from collections import OrderedDict
from collections.abc import Callable, Iterable, Mapping
from typing import Generic, TypeVar

T = TypeVar("T")

_KEY = secrets.token_bytes(32)
"""The digests' key: random per process (so a digest found in a dump cannot be tested against a
guessed sentence), never written anywhere."""


def text_digest(*parts: str | None) -> bytes:
    """16-byte keyed BLAKE2b of `parts` (each a str or None; ("a", "b") and ("ab",) differ, and so
    do None and ""). Equal parts give equal digests within one process, others unrelated ones.
    A lone surrogate is hashed as written ("surrogatepass")."""
    if len(parts) == 1 and parts[0] is not None:
        return hashlib.blake2b(parts[0].encode("utf-8", "surrogatepass"), key=_KEY, digest_size=16).digest()
    h = hashlib.blake2b(key=_KEY, digest_size=16)
    for part in parts:
        if part is None:
            h.update(b"\x00")
        else:
            data = part.encode("utf-8", "surrogatepass")
            h.update(b"\x01" + len(data).to_bytes(8, "little") + data)
    return h.digest()


class DigestLru(Generic[T]):
    """A bounded map text → value keyed by the texts' `text_digest`, least recently used first out,
    safe across threads: it holds no text. `size` 0 (or less) remembers nothing."""

    def __init__(self, size: int) -> None:
        self.size = size
        self._items: OrderedDict[bytes, T] = OrderedDict()
        self._lock = threading.Lock()

    def get_many(self, texts: Iterable[str]) -> dict[str, T]:
        """The remembered values of `texts` (those not remembered are left out), marked recently used."""
        keys = {t: text_digest(t) for t in texts}
        with self._lock:
            found = {t: self._items[k] for t, k in keys.items() if k in self._items}
            for t in found:
                self._items.move_to_end(keys[t])
        return found

    def put_many(self, values: Mapping[str, T]) -> None:
        """Remember `values` (text → value), dropping the least recently used beyond `size`."""
        self._put({text_digest(t): v for t, v in values.items()})

    def _get(self, key: bytes) -> tuple[bool, T | None]:
        with self._lock:
            if key in self._items:
                self._items.move_to_end(key)
                return True, self._items[key]
        return False, None

    def _put(self, values: Mapping[bytes, T]) -> None:
        if self.size <= 0:
            return
        with self._lock:
            for key, value in values.items():
                self._items[key] = value
                self._items.move_to_end(key)
            while len(self._items) > self.size:
                self._items.popitem(last=False)

    def __len__(self) -> int:
        """How many values are remembered."""
        return len(self._items)

    def clear(self) -> None:
        """Forget every value."""
        with self._lock:
            self._items.clear()


class DigestMemo(Generic[T]):
    """`function(*texts)` remembered for the `maxsize` most recently used distinct arguments (str
    or None), least recently used first out, keyed by their `text_digest`: as `functools.lru_cache`,
    but the cache holds no argument (a `DigestLru`). Safe across threads (two threads missing the
    same key may both compute it). `maxsize` 0 remembers nothing; ValueError when negative."""

    def __init__(self, function: Callable[..., T], maxsize: int) -> None:
        if maxsize < 0:
            raise ValueError(f"maxsize must be 0 or more, got {maxsize}")
        self.function = function
        self.maxsize = maxsize
        self._store: DigestLru[T] = DigestLru(maxsize)

    def __call__(self, *texts: str | None) -> T:
        key = text_digest(*texts)
        found, value = self._store._get(key)
        if found:
            return value  # type: ignore[return-value]
        value = self.function(*texts)
        self._store._put({key: value})
        return value

    def __len__(self) -> int:
        """How many results are remembered."""
        return len(self._store)

    def cache_clear(self) -> None:
        """Forget every result (as `functools.lru_cache`'s)."""
        self._store.clear()
