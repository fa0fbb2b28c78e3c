"""Kohtaanto's Kafka topics, declared once: names, partitions, configs, who writes and who reads them.

One topic per aggregate stream, keyed by the aggregate's id. Everything else is derived from this
module: the local broker creates the topics and ACLs from it (``deploy/kafka/broker.py``),
docker-compose's ``kafka-init`` runs the script generated from it (``deploy/kafka/compose.py``), the
services take topic names from it, and ``tests/unit/test_event_catalogue.py`` checks docs/events.md
against it.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field

_DAY_MS = 24 * 60 * 60 * 1000

#: The services, which are also the Kafka principals (SASL users) they authenticate as.
SERVICES: tuple[str, ...] = ("vacancy", "profile", "matching")

#: Largest record the broker accepts on Kohtaanto's topics (``max.message.bytes``) and the
#: producers send (``max_request_size``), in bytes. Kafka's default; stated so the two agree.
MAX_MESSAGE_BYTES = 1024 * 1024

#: The budget of one event (the encoded envelope), in bytes. The rest of ``MAX_MESSAGE_BYTES`` is
#: headroom for what a dead letter adds (headers with origin and reason, at most ~2 KiB), so any
#: event can be dead-lettered whole. The APIs bound their inputs so that no event can exceed it.
MAX_EVENT_BYTES = 900_000

# Compacted topics hold "latest state per key" tables that consumers rebuild their views from.
#
# min.cleanable.dirty.ratio=0.1 (default 0.5): these tables are small and rewritten often, so let
#   the cleaner run once a tenth of the log is superseded, not half; a consumer rebuilding from
#   offset 0 then reads few stale versions, at the cost of a little more cleaner I/O.
# delete.retention.ms=7 days (default 1 day): how long a tombstone survives after compaction. A
#   consumer that is down, or lagging, for longer than this misses the deletion for good (it
#   would resume past a tombstone that no longer exists), so give consumers a week, not a day.
_COMPACTED = {
    "cleanup.policy": "compact",
    "min.cleanable.dirty.ratio": "0.1",
    "delete.retention.ms": str(7 * _DAY_MS),
    "max.message.bytes": str(MAX_MESSAGE_BYTES),
}


@dataclass(frozen=True)
class TopicSpec:
    """A topic as created on the broker, and who may use it.

    ``writers`` and ``readers`` are service names (``SERVICES``); the broker's ACLs allow exactly
    those principals to write (WRITE, DESCRIBE) and read (READ, DESCRIBE) the topic.
    """

    name: str
    partitions: int
    config: Mapping[str, str] = field(default_factory=dict)
    key: str = ""  # what the record key is (documentation)
    writers: tuple[str, ...] = ()
    readers: tuple[str, ...] = ()

    @property
    def cleanup_policy(self) -> str:
        return self.config.get("cleanup.policy", "delete")


VACANCIES = TopicSpec(
    name="kohtaanto.vacancies.v1",
    partitions=3,
    config=dict(_COMPACTED),
    key="vacancy id",
    writers=("vacancy",),
    readers=("matching",),
)

#: A pseudonymous candidate id, the candidates and outcomes topics' key: "c-" and the first 24 hex
#: digits of an HMAC-SHA-256 (services/profile/domain.py `pseudonym`; docs/events.md).
CANDIDATE_ID_PATTERN = r"^c-[0-9a-f]{24}$"

CANDIDATES = TopicSpec(
    name="kohtaanto.candidates.v1",
    partitions=3,
    config={
        **_COMPACTED,
        # A withdrawal is a tombstone. The record it supersedes holds a candidate's profile, so
        # bound how long it may linger: the cleaner must compact a record at the latest 7 days
        # after it was written (this also rolls the active segment, which is never compacted, at the
        # partition's next write once its first record is this old: Kafka rolls a segment only on a
        # write; README, "Operations: erasure leaves no copy").
        "max.compaction.lag.ms": str(7 * _DAY_MS),
    },
    key="pseudonymous candidate id (tombstone = withdrawal)",
    writers=("profile",),
    readers=("matching",),
)

OUTCOMES = TopicSpec(
    name="kohtaanto.outcomes.v1",
    partitions=3,
    config={
        "cleanup.policy": "delete",
        "retention.ms": str(400 * _DAY_MS),
        "max.message.bytes": str(MAX_MESSAGE_BYTES),
    },
    key="pseudonymous candidate id (one candidate's outcomes stay in order)",
    writers=("matching",),
    readers=("profile",),
)

SHORTAGES = TopicSpec(
    name="kohtaanto.shortages.v1",
    partitions=1,
    config=dict(_COMPACTED),
    key="`<region>|<period>` (one labour-shortage list)",
    writers=("matching",),
    readers=("vacancy",),
)

PATHS = TopicSpec(
    name="kohtaanto.paths.v1",
    partitions=3,
    config={
        **_COMPACTED,
        # A withdrawal is a tombstone: bound how long a superseded record about a person lingers.
        "max.compaction.lag.ms": str(7 * _DAY_MS),
    },
    key="pseudonymous candidate id (who must act on the jobseeker's service path, from when)",
    writers=("profile",),
    readers=("matching",),
)

TRAINING = TopicSpec(
    name="kohtaanto.training.v1",
    partitions=3,
    config={**_COMPACTED, "max.compaction.lag.ms": str(7 * _DAY_MS)},
    key="pseudonymous candidate id (the candidate's skill gaps and the courses suggested for them)",
    writers=("matching",),
    readers=("profile",),
)

RATINGS = TopicSpec(
    name="kohtaanto.ratings.v1",
    partitions=1,
    config={
        "cleanup.policy": "delete",
        "retention.ms": str(400 * _DAY_MS),
        "max.message.bytes": str(MAX_MESSAGE_BYTES),
    },
    key="the organisation rated (figures only: no candidate id, no comment)",
    writers=("profile",),
    readers=("matching",),
)

# Every consuming service writes its poison here; nobody but operators (the admin principal) reads
# it: a dead letter may hold another service's data (e.g. a candidate payload).
DEADLETTER = TopicSpec(
    name="kohtaanto.deadletter.v1",
    partitions=1,
    config={
        "cleanup.policy": "delete",
        "retention.ms": str(30 * _DAY_MS),
        "max.message.bytes": str(MAX_MESSAGE_BYTES),
    },
    key="key of the failed record",
    writers=("vacancy", "profile", "matching"),
    readers=(),
)

TOPICS: tuple[TopicSpec, ...] = (
    VACANCIES,
    CANDIDATES,
    OUTCOMES,
    SHORTAGES,
    PATHS,
    TRAINING,
    RATINGS,
    DEADLETTER,
)


def by_name(name: str) -> TopicSpec:
    """The topic called ``name``; KeyError if it is not one of Kohtaanto's."""
    for topic in TOPICS:
        if topic.name == name:
            return topic
    raise KeyError(name)


def names(topics: Iterable[TopicSpec] = TOPICS) -> list[str]:
    return [topic.name for topic in topics]


def consumer_group_prefix(service: str) -> str:
    """Consumer groups a service may join start with this (e.g. ``vacancy-service.shortages``)."""
    return f"{service}-service."


@dataclass(frozen=True, order=True)
class AclRule:
    """One ACL: ``principal`` may do ``operation`` on a resource (``TOPIC`` or ``GROUP``) whose name
    is ``name`` (pattern ``LITERAL``) or starts with it (``PREFIXED``)."""

    principal: str
    resource: str
    name: str
    pattern: str
    operation: str


def acl_rules(topics: Iterable[TopicSpec] = TOPICS, services: Iterable[str] = SERVICES) -> list[AclRule]:
    """The ACLs that let each service write the topics it owns, read the topics it consumes and use
    its own consumer groups, and nothing else. Everything not allowed is denied (the broker runs an
    authorizer and only the admin principal is a super user)."""
    rules: set[AclRule] = set()
    for topic in topics:
        for service in topic.writers:
            for op in ("WRITE", "DESCRIBE"):
                rules.add(AclRule(f"User:{service}", "TOPIC", topic.name, "LITERAL", op))
        for service in topic.readers:
            for op in ("READ", "DESCRIBE"):
                rules.add(AclRule(f"User:{service}", "TOPIC", topic.name, "LITERAL", op))
    for service in services:
        rules.add(AclRule(f"User:{service}", "GROUP", consumer_group_prefix(service), "PREFIXED", "READ"))
    return sorted(rules)
