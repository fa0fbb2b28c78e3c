"""kafka-python clients, created on demand (never at import time) from ``KafkaSettings``."""

from __future__ import annotations

import contextlib
import logging
from collections.abc import Sequence
from typing import Any

from shared.config import ConfigError, KafkaSettings
from shared.messaging.outbox import SendResult
from shared.messaging.topics import MAX_MESSAGE_BYTES

log = logging.getLogger(__name__)


def security_config(settings: KafkaSettings) -> dict[str, Any]:
    """kafka-python's connection-security options for ``settings`` (SASL/SCRAM, TLS).

    Raises ``ConfigError`` when a SASL protocol is chosen without a username and password.
    """
    config: dict[str, Any] = {"security_protocol": settings.security_protocol}
    if settings.security_protocol.startswith("SASL_"):
        if not settings.username or not settings.password:
            raise ConfigError(
                f"Kafka {settings.security_protocol} needs KAFKA_USERNAME and KAFKA_PASSWORD "
                f"(client {settings.client_id})"
            )
        config.update(
            sasl_mechanism=settings.sasl_mechanism,
            sasl_plain_username=settings.username,
            sasl_plain_password=settings.password,
        )
    if settings.ssl_cafile:
        config["ssl_cafile"] = settings.ssl_cafile
    return config


class KafkaSender:
    """A durable producer: acks from all in-sync replicas, idempotent, ordered per partition.

    Records above ``MAX_MESSAGE_BYTES`` are refused by the client itself (``MessageSizeTooLargeError``,
    a record error), the same limit the topics declare as ``max.message.bytes``.
    """

    def __init__(self, settings: KafkaSettings, *, timeout_s: float = 30.0) -> None:
        from kafka import KafkaProducer

        self.timeout_s = timeout_s
        self._producer = KafkaProducer(
            bootstrap_servers=settings.bootstrap_servers,
            client_id=settings.client_id,
            acks="all",
            enable_idempotence=True,
            linger_ms=5,
            max_request_size=MAX_MESSAGE_BYTES,
            max_block_ms=int(timeout_s * 1000),
            request_timeout_ms=int(timeout_s * 1000),
            **security_config(settings),
        )

    def send_all(self, messages: Sequence[tuple[str, str, bytes | None]]) -> SendResult:
        """Send in order and wait for the acks; the result says how many, from the first, were
        acknowledged and what stopped the next one."""
        from kafka.errors import KafkaError

        futures = []
        stopped: Exception | None = None
        for topic, key, value in messages:
            try:
                futures.append(self._producer.send(topic, key=key.encode(), value=value))
            except KafkaError as exc:  # refused before sending (too large, no metadata in time)
                stopped = exc
                break
        self._producer.flush(timeout=self.timeout_s)
        acked = 0
        for future in futures:
            try:
                future.get(timeout=self.timeout_s)
            except Exception as exc:
                log.warning("send failed", extra={"error": repr(exc)})
                return SendResult(acked, exc)
            acked += 1
        return SendResult(acked, stopped)

    def send(
        self, topic: str, key: str, value: bytes | None, headers: list[tuple[str, bytes]] | None = None
    ) -> None:
        self._producer.send(topic, key=key.encode(), value=value, headers=headers or []).get(
            timeout=self.timeout_s
        )

    def close(self, timeout_s: float = 5.0) -> None:
        """Close within about ``timeout_s``. Messages the broker has not acknowledged by then are
        dropped here: their outbox rows are not marked published, so the relay sends them again."""
        try:
            self._producer.close(timeout=timeout_s)
        except Exception:
            # kafka-python 3.0's close stops at its flush when the broker is away, leaving its I/O
            # thread running and its __del__ to try (and fail, noisily) again: end both here.
            sender = getattr(self._producer, "_sender", None)
            if sender is not None:
                with contextlib.suppress(Exception):
                    sender.force_close()
            self._producer._closed = True


def make_consumer(settings: KafkaSettings, *, group_id: str | None, **overrides: Any) -> Any:
    """A consumer with auto-commit off: offsets are committed only after the effect."""
    from kafka import KafkaConsumer

    config: dict[str, Any] = {
        "bootstrap_servers": settings.bootstrap_servers,
        "client_id": settings.client_id,
        "group_id": group_id,
        "enable_auto_commit": False,
        "auto_offset_reset": "earliest",
        "max_poll_records": 500,
        "isolation_level": "read_committed",
        **security_config(settings),
    }
    config.update(overrides)
    return KafkaConsumer(**config)


def make_admin(settings: KafkaSettings, timeout_s: float = 10.0) -> Any:
    """A kafka-python admin client for ``settings``."""
    from kafka import KafkaAdminClient

    return KafkaAdminClient(
        bootstrap_servers=settings.bootstrap_servers,
        client_id=f"{settings.client_id}-admin",
        request_timeout_ms=int(timeout_s * 1000),
        bootstrap_timeout_ms=int(timeout_s * 1000),
        **security_config(settings),
    )


def broker_reachable(settings: KafkaSettings, timeout_s: float = 2.0) -> bool:
    """True when the bootstrap broker answers a metadata request (with these credentials)."""
    from kafka.errors import KafkaError

    try:
        admin = make_admin(settings, timeout_s)
    except (KafkaError, OSError, ValueError):
        return False
    try:
        admin.list_topics()
        return True
    except (KafkaError, OSError):
        return False
    finally:
        admin.close()
