"""The matching service's worker: relays its outbox (outcomes, shortage lists) to Kafka and keeps the
service-path watch points the weekly meeting counts.

``python -m services.matching.worker``
"""

from __future__ import annotations

from services.matching.config import Settings
from services.matching.team.consumer import paths_consumer, ratings_consumer
from services.matching.team.repository import metadata, outbox
from shared.worker import exit_process, run_worker


def main() -> None:
    settings = Settings.from_env()
    run_worker(
        settings.common,
        metadata,
        outbox,
        consumers=[paths_consumer(settings.common), ratings_consumer(settings.common)],
    )
    exit_process()


if __name__ == "__main__":
    main()
