"""Kohtaanto's Kafka topics, as data.

One topic per aggregate stream, keyed by the aggregate's id. The names are fixed; services read
them from their settings with these names as defaults. docker-compose.yml's `kafka-init` creates
the same topics with kafka-topics.sh (tests/integration/test_docker_compose.py keeps the two in
step through `kafka_topics_create_args`).
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field

_DAY_MS = 24 * 60 * 60 * 1000

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
}


@dataclass(frozen=True)
class TopicSpec:
    """A topic as created on the broker: name, partition count, topic-level configs."""

    name: str
    partitions: int
    config: dict[str, str] = field(default_factory=dict)
    key: str = ""  # what the record key is (documentation)


VACANCIES = TopicSpec(
    name="kohtaanto.vacancies.v1",
    partitions=3,
    config=dict(_COMPACTED),
    key="vacancy id",
)

CANDIDATES = TopicSpec(
    name="kohtaanto.candidates.v1",
    partitions=3,
    config={
        **_COMPACTED,
        # A withdrawal is a tombstone. The record it supersedes holds a candidate's profile, so
        # bound how long it may linger: the cleaner must compact a record at the latest 7 days
        # after it was written (this also rolls the active segment, which is never compacted).
        "max.compaction.lag.ms": str(7 * _DAY_MS),
    },
    key="pseudonymous candidate id (tombstone = withdrawal)",
)

OUTCOMES = TopicSpec(
    name="kohtaanto.outcomes.v1",
    partitions=3,
    config={"cleanup.policy": "delete", "retention.ms": str(400 * _DAY_MS)},
    key="chosen by the producing service (audit trail of recruiters' outcomes)",
)

SHORTAGES = TopicSpec(
    name="kohtaanto.shortages.v1",
    partitions=1,
    config=dict(_COMPACTED),
    key="region and period (labour-shortage occupations)",
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
)

TRAINING = TopicSpec(
    name="kohtaanto.training.v1",
    partitions=3,
    config={**_COMPACTED, "max.compaction.lag.ms": str(7 * _DAY_MS)},
    key="pseudonymous candidate id (the candidate's skill gaps and the courses suggested for them)",
)

RATINGS = TopicSpec(
    name="kohtaanto.ratings.v1",
    partitions=1,
    config={"cleanup.policy": "delete", "retention.ms": str(400 * _DAY_MS)},
    key="the organisation rated (figures only: no candidate id, no comment)",
)

DEADLETTER = TopicSpec(
    name="kohtaanto.deadletter.v1",
    partitions=1,
    config={"cleanup.policy": "delete", "retention.ms": str(30 * _DAY_MS)},
    key="key of the failed record",
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
    """The topic called `name`; KeyError if it is not one of Kohtaanto's."""
    for topic in TOPICS:
        if topic.name == name:
            return topic
    raise KeyError(name)


def kafka_topics_create_args(topic: TopicSpec, replication_factor: int = 1) -> list[str]:
    """kafka-topics.sh arguments (after `--bootstrap-server X`) that create `topic`."""
    args = [
        "--create",
        "--if-not-exists",
        "--topic",
        topic.name,
        "--partitions",
        str(topic.partitions),
        "--replication-factor",
        str(replication_factor),
    ]
    for key, value in sorted(topic.config.items()):
        args += ["--config", f"{key}={value}"]
    return args


def names(topics: Iterable[TopicSpec] = TOPICS) -> list[str]:
    return [topic.name for topic in topics]
