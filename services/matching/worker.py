"""The matching service's worker: relays its outbox (outcomes, shortage lists) to Kafka, keeps the
service-path watch points the weekly meeting counts, and erases withdrawn candidates from what the
team part stores (``team.erasure``).

``python -m services.matching.worker``
"""

from __future__ import annotations

from services.matching.config import Settings
from services.matching.team.consumer import paths_consumer
from services.matching.team.erasure import erasure_consumer
from services.matching.team.repository import UnitOfWork, metadata, outbox
from shared.db import make_engine
from shared.worker import run_worker


def main() -> None:
    settings = Settings.from_env()
    engine = make_engine(settings.common.database_url)
    run_worker(
        settings.common,
        metadata,
        outbox,
        consumers=[paths_consumer(settings.common), erasure_consumer(settings, lambda: UnitOfWork(engine))],
    )


if __name__ == "__main__":
    main()
