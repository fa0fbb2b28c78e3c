"""Outside tester 36, H9: a withdrawn person's earlier pseudonymous events stay on the compacted topics until
the log cleaner compacts them, which the README did not say. Every compacted topic keyed by the pseudonym
bounds it (``max.compaction.lag.ms``, which also rolls the active segment at the next write), and the
README's erasure section states the bound the declarations set."""

from pathlib import Path

from shared.messaging.topics import TOPICS

DAY_MS = 24 * 3600 * 1000
README = Path(__file__).resolve().parents[3] / "README.md"


def pseudonymous_compacted():
    return [t for t in TOPICS if t.cleanup_policy == "compact" and "pseudonymous candidate id" in t.key]


def test_every_compacted_topic_keyed_by_the_pseudonym_bounds_how_long_a_superseded_event_stays():
    topics = pseudonymous_compacted()
    assert {t.name for t in topics} >= {
        "kohtaanto.candidates.v1",
        "kohtaanto.paths.v1",
        "kohtaanto.training.v1",
    }
    for topic in topics:
        lag = int(topic.config.get("max.compaction.lag.ms", "0"))
        assert 0 < lag <= 7 * DAY_MS, topic.name
        assert int(topic.config.get("segment.ms", str(7 * DAY_MS))) <= 7 * DAY_MS, topic.name
        assert int(topic.config["delete.retention.ms"]) <= 7 * DAY_MS, topic.name


def test_the_readme_states_the_bound_the_topics_set():
    text = " ".join(README.read_text(encoding="utf-8").split())
    section = text[text.index("## Operations: erasure leaves no copy") :]
    section = section[: section.index("## ", 5)]
    days = {int(t.config["max.compaction.lag.ms"]) // DAY_MS for t in pseudonymous_compacted()}
    assert days == {7}
    assert "`max.compaction.lag.ms` (7 days" in section
    assert "`delete.retention.ms` (7 days)" in section
    assert "No stored row links the case number to the pseudonym" in section
