import pytest

from deploy.stack import Stack
from services.matching.index.reference import load_taxonomy
from tests.helpers import JWT_SECRET, MATCHING_KEY, PSEUDONYM_KEY, TEST_ORGANISATIONS


@pytest.fixture(scope="session")
def taxonomy():
    return load_taxonomy()


@pytest.fixture(scope="package")  # stopped when the e2e tier ends: fewer idle processes later
def stack(kafka_broker, tmp_path_factory, free_ports):
    services = ("vacancy", "profile", "matching")
    allocated = free_ports(6)
    ports = dict(zip(services, allocated[:3], strict=True))
    stack = Stack.on_broker(
        kafka_broker,
        tmp_path_factory.mktemp("stack"),
        worker_metrics_ports=dict(zip(services, allocated[3:], strict=True)),
        ports=ports,
        env={
            "KOHTAANTO_JWT_SECRET": JWT_SECRET,
            "KOHTAANTO_PSEUDONYM_KEY": PSEUDONYM_KEY.decode(),
            "KOHTAANTO_MATCHING_KEY": MATCHING_KEY.decode(),
            "KOHTAANTO_ORGANISATIONS_FILE": str(TEST_ORGANISATIONS),
            # The tests load data through the API as one caller per role: a bulk load.
            "KOHTAANTO_RATE_LIMIT_WRITE": "10000 per minute",
        },
    )
    try:
        stack.start(timeout=240)
        yield stack
    finally:
        stack.stop()
