"""The profile service's worker: relays the outbox and consumes outcomes (hired → profile marked).

``python -m services.profile.worker``
"""

from __future__ import annotations

import threading
from collections.abc import Callable

from services.profile.config import Settings
from services.profile.consumer import handle_outcome
from services.profile.handlers import ProfileHandlers
from services.profile.paths.consumer import training_consumer
from services.profile.paths.repository import JourneyUnitOfWork
from services.profile.repository import metadata, outbox
from shared.db import make_engine
from shared.messaging.consumer import ConsumerLoop, DeadLetters
from shared.messaging.kafka import make_consumer
from shared.worker import LazySender, exit_process, run_worker


def outcomes_consumer(settings: Settings) -> Callable[[threading.Event, LazySender], Callable[[], None]]:
    def factory(stop: threading.Event, sender: LazySender) -> Callable[[], None]:
        common = settings.common
        engine = make_engine(common.database_url)
        handlers = ProfileHandlers(
            lambda: JourneyUnitOfWork(
                engine, common.kafka.candidates_topic, common.kafka.paths_topic, common.kafka.ratings_topic
            ),
            settings.pseudonym_key,
        )

        def run() -> None:
            consumer = make_consumer(common.kafka, group_id="profile-service.outcomes")
            consumer.subscribe([common.kafka.outcomes_topic])
            loop = ConsumerLoop(
                consumer,
                lambda r: handle_outcome(handlers, r),
                DeadLetters(sender, common.kafka.dead_letter_topic, "profile.outcomes"),
                name="profile.outcomes",
                log_each=True,
            )
            loop.run(stop)

        return run

    return factory


def main() -> None:
    settings = Settings.from_env()
    run_worker(
        settings.common,
        metadata,
        outbox,
        consumers=[outcomes_consumer(settings), training_consumer(settings.common)],
    )
    exit_process()


if __name__ == "__main__":
    main()
