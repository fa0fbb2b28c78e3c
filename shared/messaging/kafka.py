"""kafka-python clients, created on demand (never at import time) from ``KafkaSettings``."""

from __future__ import annotations

import contextlib
import logging
from collections.abc import Sequence
from typing import Any

from shared.config import KafkaSettings

log = logging.getLogger(__name__)


class KafkaSender:
    """A durable producer: acks from all in-sync replicas, idempotent, ordered per partition."""

    def __init__(self, settings: KafkaSettings, *, timeout_s: float = 30.0) -> None:
        from kafka import KafkaProducer

        self.timeout_s = timeout_s
        self._producer = KafkaProducer(
            bootstrap_servers=settings.bootstrap_servers,
            client_id=settings.client_id,
            acks="all",
            enable_idempotence=True,
            linger_ms=5,
            max_block_ms=int(timeout_s * 1000),
            request_timeout_ms=int(timeout_s * 1000),
        )

    def send_all(self, messages: Sequence[tuple[str, str, bytes | None]]) -> int:
        futures = [
            self._producer.send(topic, key=key.encode(), value=value) for topic, key, value in messages
        ]
        self._producer.flush(timeout=self.timeout_s)
        acked = 0
        for future in futures:
            try:
                future.get(timeout=self.timeout_s)
            except Exception as exc:
                log.warning("send failed", extra={"error": repr(exc)})
                break
            acked += 1
        return acked

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
    }
    config.update(overrides)
    return KafkaConsumer(**config)


def broker_reachable(settings: KafkaSettings, timeout_s: float = 2.0) -> bool:
    """True when the bootstrap broker answers a metadata request."""
    from kafka import KafkaAdminClient
    from kafka.errors import KafkaError

    try:
        admin = KafkaAdminClient(
            bootstrap_servers=settings.bootstrap_servers,
            client_id=f"{settings.client_id}-probe",
            request_timeout_ms=int(timeout_s * 1000),
            bootstrap_timeout_ms=int(timeout_s * 1000),
        )
    except (KafkaError, OSError, ValueError):
        return False
    try:
        admin.list_topics()
        return True
    except (KafkaError, OSError):
        return False
    finally:
        admin.close()
