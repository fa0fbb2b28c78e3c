"""The topics as the broker tools see them. The topics themselves are declared once, in
``shared.messaging.topics`` (re-exported here for the deploy scripts); this module turns them into
``kafka-topics.sh`` and ``kafka-acls.sh`` arguments (used by ``deploy/kafka/compose.py``).
"""

from __future__ import annotations

from shared.messaging.topics import (
    CANDIDATES,
    DEADLETTER,
    OUTCOMES,
    PATHS,
    RATINGS,
    SHORTAGES,
    TOPICS,
    TRAINING,
    VACANCIES,
    AclRule,
    TopicSpec,
    acl_rules,
    by_name,
    names,
)

__all__ = [
    "CANDIDATES",
    "DEADLETTER",
    "OUTCOMES",
    "PATHS",
    "RATINGS",
    "SHORTAGES",
    "TOPICS",
    "TRAINING",
    "VACANCIES",
    "AclRule",
    "TopicSpec",
    "acl_rules",
    "by_name",
    "kafka_acls_args",
    "kafka_topics_create_args",
    "names",
]


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


def kafka_acls_args(rule: AclRule) -> list[str]:
    """kafka-acls.sh arguments (after `--bootstrap-server X --command-config F`) that add `rule`."""
    resource = {"TOPIC": "--topic", "GROUP": "--group"}[rule.resource]
    operation = {"WRITE": "Write", "READ": "Read", "DESCRIBE": "Describe"}[rule.operation]
    return [
        "--add",
        "--allow-principal",
        rule.principal,
        "--operation",
        operation,
        resource,
        rule.name,
        "--resource-pattern-type",
        rule.pattern.lower(),
    ]
