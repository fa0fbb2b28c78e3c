"""Telling errors apart by kind: is it the record's fault (permanent) or the world's (temporary)?

Used by the outbox relay (park a record that can never be sent, retry the rest) and by the consumer
loop (dead-letter poison, retry outages). The kinds are decided by exception class, from
kafka-python's error hierarchy (``kafka.errors``) and SQLAlchemy's (``sqlalchemy.exc``).
"""

from __future__ import annotations

import enum


class ErrorKind(enum.Enum):
    RECORD = "record"  # the record itself can never be sent or handled as it is
    TEMPORARY = "temporary"  # an outage, a timeout: the same action may succeed later
    UNEXPECTED = "unexpected"  # anything else (a bug meeting data it did not foresee)


class EventTooLargeError(ValueError):
    """An event is larger than the event size budget (``topics.MAX_EVENT_BYTES``).

    ``size`` and ``limit`` are in bytes.
    """

    def __init__(self, event_type: str, size: int, limit: int) -> None:
        super().__init__(f"{event_type} event of {size} bytes exceeds the {limit}-byte event budget")
        self.event_type = event_type
        self.size = size
        self.limit = limit


def _record_error_types() -> tuple[type[BaseException], ...]:
    from kafka import errors as k

    return (
        EventTooLargeError,
        k.MessageSizeTooLargeError,  # client-side (max_request_size) or broker-side (max.message.bytes)
        k.RecordListTooLargeError,
        k.InvalidRecordError,  # the broker's validation rejected the record
        k.UnsupportedForMessageFormatError,
        k.InvalidTopicError,
    )


def _temporary_error_types() -> tuple[type[BaseException], ...]:
    from kafka import errors as k
    from sqlalchemy import exc as sa

    return (
        OSError,  # connection refused/reset, timeouts (TimeoutError is an OSError)
        k.KafkaConnectionError,
        k.KafkaTimeoutError,
        k.NodeNotReadyError,
        k.AuthorizationError,  # a missing ACL is fixed by an operator, not by dropping records
        k.SaslAuthenticationFailedError,
        sa.OperationalError,  # the database went away, a lock timed out
        sa.InterfaceError,
        sa.DisconnectionError,
        sa.TimeoutError,  # connection pool exhausted
    )


def is_record_error(exc: BaseException) -> bool:
    """True when ``exc`` says the record itself can never be sent (too large, invalid)."""
    return isinstance(exc, _record_error_types())


def classify(exc: BaseException) -> ErrorKind:
    """The kind of ``exc``: a record error, a temporary one (retriable Kafka errors included), or
    unexpected."""
    if is_record_error(exc):
        return ErrorKind.RECORD
    if isinstance(exc, _temporary_error_types()):
        return ErrorKind.TEMPORARY
    if getattr(exc, "retriable", False):  # kafka.errors.RetriableError and its kin
        return ErrorKind.TEMPORARY
    return ErrorKind.UNEXPECTED
