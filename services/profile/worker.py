"""The profile service's worker: relays the outbox and consumes outcomes (hired → profile marked) and
matching's course suggestions (kept for the coach).

``python -m services.profile.worker``
"""

from __future__ import annotations

from services.profile.config import Settings
from services.profile.events import OUTCOMES_CONSUMER, TRAINING_CONSUMER
from services.profile.handlers import ProfileHandlers
from services.profile.paths.repository import JourneyUnitOfWork
from services.profile.repository import metadata, outbox
from shared.worker import exit_process, group_consumer, run_worker


def main() -> None:
    settings = Settings.from_env()
    outcomes = group_consumer(
        OUTCOMES_CONSUMER,
        lambda engine: ProfileHandlers(
            lambda: JourneyUnitOfWork(engine, settings.pseudonym_key), settings.pseudonym_key
        ),
        log_each=True,
    )
    training = group_consumer(
        TRAINING_CONSUMER, lambda engine: lambda: JourneyUnitOfWork(engine, settings.pseudonym_key)
    )
    run_worker(settings.common, metadata, outbox, consumers=[outcomes, training])
    exit_process()


if __name__ == "__main__":
    main()
