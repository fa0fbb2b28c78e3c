"""The matching service's worker: relays its outbox (outcomes, shortage lists) to Kafka.

``python -m services.matching.worker``
"""

from __future__ import annotations

from services.matching.config import Settings
from services.matching.team.repository import metadata, outbox
from shared.worker import run_worker


def main() -> None:
    settings = Settings.from_env()
    run_worker(settings.common, metadata, outbox, consumers=[])


if __name__ == "__main__":
    main()
