"""docs/events.md says what the code declares: topics, who writes and reads them, event types and
versions, consumers, payload fields; and the declarations agree with each other."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from services.matching.index import events as index_events
from services.matching.team import events as team_events
from services.profile import events as profile_events
from services.vacancy import events as vacancy_events
from shared.config import REPO_ROOT
from shared.messaging.events import ConsumerSpec, Published
from shared.messaging.topics import DEADLETTER, SERVICES, TOPICS, by_name, consumer_group_prefix

DOC = REPO_ROOT / "docs" / "events.md"

PUBLISHERS: dict[str, tuple[Published, ...]] = {
    "vacancy": vacancy_events.PUBLISHES,
    "profile": profile_events.PUBLISHES,
    "matching": team_events.PUBLISHES,
}
CONSUMERS: tuple[ConsumerSpec, ...] = (
    *vacancy_events.CONSUMES,
    *profile_events.CONSUMES,
    *index_events.CONSUMES,
    *team_events.CONSUMES,
)
EVENT_MODULES = {vacancy_events, profile_events, team_events, index_events}


def sections(text: str) -> dict[str, str]:
    parts = re.split(r"^## (.+)$", text, flags=re.M)
    return {title.strip(): body for title, body in zip(parts[1::2], parts[2::2], strict=True)}


def tables(body: str) -> list[tuple[str, list[str], list[list[str]]]]:
    """(the paragraph before the table, header cells, rows) for each table in ``body``."""
    found = []
    lines = body.splitlines()
    i = 0
    while i < len(lines):
        if lines[i].startswith("|") and i + 1 < len(lines) and re.match(r"^\|[-| ]+\|$", lines[i + 1]):
            start = i
            while start > 0 and not lines[start - 1].strip():
                start -= 1
            end = start
            while start > 0 and lines[start - 1].strip():
                start -= 1
            before = " ".join(lines[start:end])
            header = cells(lines[i])
            rows = []
            i += 2
            while i < len(lines) and lines[i].startswith("|"):
                rows.append(cells(lines[i]))
                i += 1
            found.append((before, header, rows))
        else:
            i += 1
    return found


def cells(line: str) -> list[str]:
    parts = re.split(r"(?<!\\)\|", line.strip())[1:-1]
    return [p.strip().replace("\\|", "|") for p in parts]


def ticked(text: str) -> list[str]:
    return re.findall(r"`([^`]+)`", text)


def table(body: str, first_column: str) -> list[list[str]]:
    matches = [rows for _, header, rows in tables(body) if header and header[0] == first_column]
    assert len(matches) == 1, f"expected one table starting with '{first_column}'"
    return matches[0]


@pytest.fixture(scope="module")
def doc() -> dict[str, str]:
    return sections(DOC.read_text())


def topic_section(doc: dict[str, str], name: str) -> str:
    [title] = [t for t in doc if t.startswith(f"`{name}`")]
    return doc[title]


def test_every_events_module_in_the_services_is_in_this_catalogue() -> None:
    found = {p.relative_to(REPO_ROOT) for p in (REPO_ROOT / "services").rglob("events.py")}
    known = {Path(m.__file__).relative_to(REPO_ROOT) for m in EVENT_MODULES}  # type: ignore[arg-type]
    assert found == known


def test_the_topics_table_is_the_declared_topics(doc: dict[str, str]) -> None:
    rows = table(doc["Topics"], "topic")
    documented = {ticked(r[0])[0]: r for r in rows}
    assert list(documented) == [t.name for t in TOPICS]
    for topic in TOPICS:
        _, partitions, cleanup, key, writers, readers = documented[topic.name]
        assert int(partitions) == topic.partitions, topic.name
        assert cleanup.split()[0] == topic.cleanup_policy, topic.name
        assert key.replace("`", "") == topic.key.replace("`", ""), topic.name
        assert [w.strip() for w in writers.split(",")] == list(topic.writers), topic.name
        assert [r.strip() for r in readers.split(",")] == (list(topic.readers) or ["operators (admin) only"])


def test_each_topic_section_heading_gives_its_partitions(doc: dict[str, str]) -> None:
    for topic in TOPICS:
        [title] = [t for t in doc if t.startswith(f"`{topic.name}`")]
        assert f"{topic.partitions} partition" in title


def test_each_topic_lists_exactly_the_events_published_on_it(doc: dict[str, str]) -> None:
    published = [p for ps in PUBLISHERS.values() for p in ps]
    for topic in TOPICS:
        if topic is DEADLETTER:
            continue
        rows = table(topic_section(doc, topic.name), "event_type")
        documented = {(ticked(r[0])[0], int(r[1]), r[2]) for r in rows}
        declared = {(p.event_type, p.schema_version, p.when) for p in published if p.topic is topic}
        assert documented == declared, topic.name


def test_each_topic_lists_its_consumers_with_what_they_handle_ignore_and_do_with_tombstones(
    doc: dict[str, str],
) -> None:
    for topic in TOPICS:
        if topic is DEADLETTER:
            continue
        rows = table(topic_section(doc, topic.name), "consumer")
        documented = {ticked(r[0])[0]: r for r in rows}
        readers = [c for c in CONSUMERS if topic.name in c.topic_names()]
        assert set(documented) == {c.name for c in readers}, topic.name
        for consumer in readers:
            _, handles, ignores, tombstone = documented[consumer.name]
            handled = {h.event_type: h.versions for h in consumer.handles if h.topic is topic}
            pairs = re.findall(r"`([^`]+)` \(([\d, ]+)\)", handles)
            assert {t: frozenset(int(v) for v in vs.split(",")) for t, vs in pairs} == handled
            assert set(ticked(ignores)) == {t for tp, t in consumer.ignores if tp == topic.name}
            assert (tombstone != "—") == (topic.name in consumer.tombstones), (consumer.name, topic.name)


def test_each_payload_table_lists_the_fields_of_the_declared_payload_schema(doc: dict[str, str]) -> None:
    published = {p.event_type: p for ps in PUBLISHERS.values() for p in ps}
    documented_types: set[str] = set()
    for topic in TOPICS:
        for before, header, rows in tables(topic_section(doc, topic.name)):
            if header[:2] != ["field", "type"]:
                continue
            assert before.startswith("Payload of"), before
            version = int(re.search(r"schema_version (\d+)", before).group(1))  # type: ignore[union-attr]
            types = [t for t in ticked(before.split("(schema_version")[0])]
            fields = {ticked(r[0])[0] for r in rows}
            for event_type in types:
                declared = published[event_type]
                assert declared.schema_version == version, event_type
                assert fields == set(declared.payload().fields), event_type
                documented_types.add(event_type)
    assert documented_types == set(published)


def test_a_service_publishes_only_on_topics_it_owns_and_consumes_only_topics_it_may_read() -> None:
    for service, published in PUBLISHERS.items():
        for p in published:
            assert service in p.topic.writers, (service, p.event_type)
    for consumer in CONSUMERS:
        for topic in consumer.topics:
            assert consumer.service in topic.readers, (consumer.name, topic.name)
        if consumer.group is not None:
            assert consumer.group.startswith(consumer_group_prefix(consumer.service)), consumer.name


def test_every_owner_and_reader_declared_on_a_topic_publishes_or_consumes_there() -> None:
    for topic in TOPICS:
        if topic is DEADLETTER:
            consuming = {c.service for c in CONSUMERS}
            assert set(topic.writers) == consuming and topic.readers == ()
            continue
        writers = {s for s, ps in PUBLISHERS.items() if any(p.topic is topic for p in ps)}
        readers = {c.service for c in CONSUMERS if topic in c.topics}
        assert set(topic.writers) == writers, topic.name
        assert set(topic.readers) == readers, topic.name
        assert set(topic.writers) | set(topic.readers) <= set(SERVICES)


def test_topic_names_are_found_by_name() -> None:
    assert all(by_name(t.name) is t for t in TOPICS)


def test_the_envelope_table_lists_every_field_an_envelope_carries(doc: dict[str, str]) -> None:
    from shared.messaging.envelope import Envelope

    documented = {ticked(r[0])[0] for r in table(doc["The envelope"], "field")}
    envelope = Envelope("vacancy.posted", "v-1", {}, "vacancy-service", correlation_id="req-1")
    assert documented == set(envelope.to_dict())


def test_the_dead_letter_headers_are_the_ones_a_dead_letter_carries(doc: dict[str, str]) -> None:
    from types import SimpleNamespace

    from shared.messaging.consumer import DeadLetters

    sent: list[list[tuple[str, bytes]]] = []

    class Sink:
        def send(self, topic: str, key: str, value: bytes | None, headers: list | None = None) -> None:
            sent.append(list(headers or []))

    record = SimpleNamespace(topic="kohtaanto.vacancies.v1", partition=0, offset=7, key=b"v-1")
    DeadLetters(Sink(), consumer_name="c", max_message_bytes=8192).send(
        SimpleNamespace(**vars(record), value=b"x" * 100), "whole"
    )
    DeadLetters(Sink(), consumer_name="c", max_message_bytes=8192).send(
        SimpleNamespace(**vars(record), value=b"x" * 100_000), "cut"
    )
    text = doc["Failures, dead letters and parked records"]
    documented = {name.split(":")[0] for name in ticked(text) if name.startswith("dlq.")}
    assert {name for headers in sent for name, _ in headers} == documented


def test_the_sizes_paragraph_gives_the_bounds_the_producers_enforce(doc: dict[str, str]) -> None:
    from services.vacancy import domain as vacancy_domain

    text = " ".join(doc["Sizes"].split())
    vacancy_part, profile_part = text.split("a profile's", 1)
    vacancy_bounds = {
        "a vacancy's title": vacancy_events.MAX_TITLE_CHARS,
        "description": vacancy_events.MAX_DESCRIPTION_CHARS,
        "skills": vacancy_events.MAX_SKILLS,
        "rejected skills": vacancy_events.MAX_REJECTED_SKILLS,
        "languages": vacancy_events.MAX_LANGUAGES,
        "other work sites": vacancy_domain.MAX_OTHER_MUNICIPALITIES,
    }
    profile_bounds = {
        "skills": profile_events.MAX_SKILLS,
        "suggested skills": profile_events.MAX_SUGGESTED_SKILLS,
        "work history": profile_events.MAX_WORK_HISTORY,
        "languages": profile_events.MAX_LANGUAGES,
        "consenting organisations": profile_events.MAX_CONSENTED_ORGS,
    }
    for part, bounds in ((vacancy_part, vacancy_bounds), (profile_part, profile_bounds)):
        for words, bound in bounds.items():
            assert f"{words} ({bound:,}" in part, words
