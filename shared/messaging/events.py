"""Events declared in code: what a service publishes and what it consumes, and the dispatch that follows.

Each service has one ``events`` module that declares

* the events it **publishes**: ``Published(type, topic, schema_version, payload schema, when)``; the
  producer builds every envelope through its declaration, so type, topic and version cannot drift;
* the events it **consumes**: a ``ConsumerSpec`` listing, per topic, the event types it handles (with
  the schema versions it understands, its own tolerant reader of the payload, and the handler), the
  types it knowingly ignores, and what a tombstone does.

The rule for what a consumer does not understand (docs/events.md, "Unknown events"):

* a type it handles, at a version it understands: read the payload, run the handler;
* a type it handles, at another version: dead letter (never guess what a payload means);
* a type it declares as ignored: skipped, and the skip is logged;
* any other type: dead letter.

A producer therefore adds a new event type only after every consumer of the topic declares it
(handled or ignored), and bumps ``schema_version`` only for changes a tolerant reader cannot absorb,
after the consumers understand the new version. New optional fields need no new version: readers
ignore fields they do not know.
"""

from __future__ import annotations

import logging
from collections.abc import Callable, Collection, Mapping
from dataclasses import dataclass, field
from typing import Any, Generic, TypeVar

import marshmallow as ma

from shared.messaging.consumer import PoisonMessageError, Record
from shared.messaging.envelope import Envelope
from shared.messaging.topics import TopicSpec, by_name

log = logging.getLogger(__name__)

C = TypeVar("C")  # what a consumer's handlers work on (a unit-of-work factory, the index state...)
T = TypeVar("T")  # what a payload reader returns


class UnknownEventError(PoisonMessageError):
    """An event type the consumer neither handles nor ignores on this topic."""


class UnsupportedVersionError(PoisonMessageError):
    """An event type the consumer handles, at a schema version it does not understand."""


@dataclass(frozen=True)
class Published:
    """An event type a service publishes: on which topic, at which payload schema version.

    ``payload`` is the marshmallow schema of the payload as published (its fields are the contract
    docs/events.md documents; the producer's tests check its payloads against it).
    """

    event_type: str
    topic: TopicSpec
    schema_version: int
    payload: type[ma.Schema]
    when: str

    def envelope(self, key: str, payload: Mapping[str, Any], producer: str) -> Envelope:
        """The envelope for one event of this type (a fresh event id, now as its time)."""
        return Envelope(self.event_type, key, payload, producer, schema_version=self.schema_version)


@dataclass(frozen=True)
class Handles(Generic[C, T]):
    """A consumer handles ``event_type`` on ``topic`` at ``versions``: ``read`` turns the payload into
    what ``handle`` applies (raising ``PoisonMessageError`` when it cannot), ``handle(context, record,
    value)`` applies it."""

    topic: TopicSpec
    event_type: str
    versions: frozenset[int]
    read: Callable[[Mapping[str, Any]], T]
    handle: Callable[[C, Record, T], None]


@dataclass(frozen=True)
class ConsumerSpec(Generic[C]):
    """One consumer of a service: its name (logs, dead letters, processed-event records), its consumer
    group (None when it assigns partitions itself), what it handles, ignores and does on tombstones.

    ``ignores`` holds (topic name, event type) pairs the consumer knows of and needs not;
    ``tombstones`` maps a topic name to what a tombstone (null value) on it does.
    """

    service: str
    name: str
    group: str | None
    handles: tuple[Handles[C, Any], ...]
    ignores: frozenset[tuple[str, str]] = frozenset()
    tombstones: Mapping[str, Callable[[C, Record], None]] = field(default_factory=dict)

    @property
    def topics(self) -> list[TopicSpec]:
        """The topics this consumer reads, in declaration order: those it handles events of, then
        those it only acts on tombstones of (e.g. an erasure consumer) or only ignores events on."""
        seen: dict[str, TopicSpec] = {}
        for h in self.handles:
            seen.setdefault(h.topic.name, h.topic)
        for name in [*self.tombstones, *(topic for topic, _ in sorted(self.ignores))]:
            if name not in seen:
                seen[name] = by_name(name)
        return list(seen.values())

    def topic_names(self) -> list[str]:
        return [t.name for t in self.topics]

    def handled(self, topic: str) -> dict[str, Handles[C, Any]]:
        return {h.event_type: h for h in self.handles if h.topic.name == topic}

    def dispatcher(self, context: C) -> Callable[[Record], None]:
        """The record handler for ``ConsumerLoop``: routes each record by topic and event type."""
        return Dispatcher(self, context)


class Dispatcher(Generic[C]):
    """Routes a record to its declared handler; applies the unknown-event rule (module docstring)."""

    def __init__(self, spec: ConsumerSpec[C], context: C) -> None:
        self.spec = spec
        self.context = context
        self._routes: dict[str, dict[str, Handles[C, Any]]] = {t: spec.handled(t) for t in spec.topic_names()}
        self.skipped = 0

    def __call__(self, record: Record) -> None:
        routes = self._routes.get(record.topic)
        if routes is None:
            raise UnknownEventError(f"{self.spec.name} does not consume topic {record.topic}")
        envelope = record.envelope
        if envelope is None:
            on_tombstone = self.spec.tombstones.get(record.topic)
            if on_tombstone is None:
                raise UnknownEventError(f"{self.spec.name} has no use for a tombstone on {record.topic}")
            on_tombstone(self.context, record)
            return
        route = routes.get(envelope.event_type)
        if route is None:
            if (record.topic, envelope.event_type) in self.spec.ignores:
                self.skipped += 1
                log.info(
                    "event skipped: declared as ignored",
                    extra={
                        "consumer": self.spec.name,
                        "event_type": envelope.event_type,
                        "topic": record.topic,
                        "offset": record.offset,
                    },
                )
                return
            raise UnknownEventError(
                f"unknown event type {envelope.event_type!r} on {record.topic} "
                f"(handled: {', '.join(sorted(routes))})"
            )
        if envelope.schema_version not in route.versions:
            raise UnsupportedVersionError(
                f"{envelope.event_type} schema_version {envelope.schema_version} is not understood "
                f"(understood: {', '.join(map(str, sorted(route.versions)))})"
            )
        route.handle(self.context, record, route.read(envelope.payload))


def load_with(schema: ma.Schema, what: str) -> Callable[[Mapping[str, Any]], dict[str, Any]]:
    """A payload reader from a marshmallow schema (declare it with ``unknown = EXCLUDE`` to be
    tolerant of added fields); validation errors make the message poison."""

    def read(payload: Mapping[str, Any]) -> dict[str, Any]:
        try:
            return dict(schema.load(payload))
        except ma.ValidationError as exc:
            raise PoisonMessageError(f"{what} payload unusable: {exc.messages}") from None

    return read


def versions(*numbers: int) -> frozenset[int]:
    return frozenset(numbers)


def published_types(published: Collection[Published]) -> dict[str, Published]:
    """Event type → declaration; ValueError if a type is declared twice."""
    out: dict[str, Published] = {}
    for p in published:
        if p.event_type in out:
            raise ValueError(f"event type {p.event_type} declared twice")
        out[p.event_type] = p
    return out
