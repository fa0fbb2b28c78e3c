"""The matching service's worker: relays its outbox (outcomes, shortage lists, course suggestions) to
Kafka, keeps the service-path watch points the weekly meeting counts and the satisfaction ratings'
figures, and erases withdrawn candidates from what the team part stores (``team.erasure``).

``python -m services.matching.worker``
"""

from __future__ import annotations

from services.matching.config import Settings
from services.matching.team import ratings_feed  # noqa: F401 - defines the rating_figures table
from services.matching.team.events import ERASURE_CONSUMER, PATHS_CONSUMER, RATINGS_CONSUMER
from services.matching.team.repository import UnitOfWork, metadata, outbox
from shared.worker import exit_process, group_consumer, run_worker


def main() -> None:
    settings = Settings.from_env()
    consumers = [
        group_consumer(spec, lambda engine: lambda: UnitOfWork(engine, settings.record_key))
        for spec in (PATHS_CONSUMER, RATINGS_CONSUMER, ERASURE_CONSUMER)
    ]
    run_worker(settings.common, metadata, outbox, consumers=consumers)
    exit_process()


if __name__ == "__main__":
    main()
