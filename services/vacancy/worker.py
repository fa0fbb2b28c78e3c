"""The vacancy service's background worker: relays the outbox to Kafka and keeps the service's copy of
the labour-shortage lists from ``kohtaanto.shortages.v1``.

Run one per database: ``python -m services.vacancy.worker``.
"""

from __future__ import annotations

from services.vacancy.config import Settings
from services.vacancy.events import SHORTAGE_LISTS
from services.vacancy.repository import UnitOfWork, metadata, outbox
from shared.worker import exit_process, group_consumer, run_worker


def main() -> None:
    settings = Settings.from_env()
    run_worker(
        settings.common,
        metadata,
        outbox,
        consumers=[group_consumer(SHORTAGE_LISTS, lambda engine: lambda: UnitOfWork(engine), log_each=True)],
    )
    exit_process()


if __name__ == "__main__":
    main()
