"""The vacancy service's background worker: relays the outbox to Kafka.

Run one per database: ``python -m services.vacancy.worker``.
"""

from __future__ import annotations

from services.vacancy.config import Settings
from services.vacancy.repository import metadata, outbox
from shared.worker import run_worker


def main() -> None:
    settings = Settings.from_env()
    run_worker(settings.common, metadata, outbox, consumers=[])


if __name__ == "__main__":
    main()
