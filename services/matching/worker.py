"""The matching service's worker: relays its outbox (outcomes, shortage lists) to Kafka and keeps the
service-path watch points the weekly meeting counts.

``python -m services.matching.worker``
"""

from __future__ import annotations

from services.matching.config import Settings
from services.matching.team.events import PATHS_CONSUMER
from services.matching.team.repository import UnitOfWork, metadata, outbox
from shared.worker import group_consumer, run_worker


def main() -> None:
    settings = Settings.from_env()
    paths = group_consumer(PATHS_CONSUMER, lambda engine: lambda: UnitOfWork(engine))
    run_worker(settings.common, metadata, outbox, consumers=[paths])


if __name__ == "__main__":
    main()
