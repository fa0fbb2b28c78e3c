"""The vacancy service's background worker: relays the outbox to Kafka and keeps the service's copy of
the labour-shortage lists from ``kohtaanto.shortages.v1``.

Run one per database: ``python -m services.vacancy.worker``.
"""

from __future__ import annotations

import threading
from collections.abc import Callable

from services.vacancy.config import Settings
from services.vacancy.repository import UnitOfWork, metadata, outbox
from services.vacancy.shortages import CONSUMER, handle_shortage_record
from shared.db import make_engine
from shared.messaging.consumer import ConsumerLoop, DeadLetters
from shared.messaging.kafka import make_consumer
from shared.worker import LazySender, exit_process, run_worker


def shortages_consumer(settings: Settings) -> Callable[[threading.Event, LazySender], Callable[[], None]]:
    def factory(stop: threading.Event, sender: LazySender) -> Callable[[], None]:
        common = settings.common
        engine = make_engine(common.database_url)

        def run() -> None:
            consumer = make_consumer(common.kafka, group_id="vacancy-service.shortages")
            consumer.subscribe([common.kafka.shortages_topic])
            loop = ConsumerLoop(
                consumer,
                lambda r: handle_shortage_record(lambda: UnitOfWork(engine, common.kafka.vacancies_topic), r),
                DeadLetters(sender, common.kafka.dead_letter_topic, CONSUMER),
                name=CONSUMER,
                log_each=True,
            )
            loop.run(stop)

        return run

    return factory


def main() -> None:
    settings = Settings.from_env()
    run_worker(settings.common, metadata, outbox, consumers=[shortages_consumer(settings)])
    exit_process()


if __name__ == "__main__":
    main()
