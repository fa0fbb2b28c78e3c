"""The profile service's worker: relays the outbox and consumes outcomes (hired → profile marked).

``python -m services.profile.worker``
"""

from __future__ import annotations

from services.profile.config import Settings
from services.profile.events import OUTCOMES_CONSUMER
from services.profile.handlers import ProfileHandlers
from services.profile.repository import UnitOfWork, metadata, outbox
from shared.worker import group_consumer, run_worker


def main() -> None:
    settings = Settings.from_env()
    handlers = group_consumer(
        OUTCOMES_CONSUMER,
        lambda engine: ProfileHandlers(lambda: UnitOfWork(engine), settings.pseudonym_key),
    )
    run_worker(settings.common, metadata, outbox, consumers=[handlers])


if __name__ == "__main__":
    main()
