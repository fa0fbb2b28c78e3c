"""What the team part publishes is what its declarations say, and the largest shortage list the
import can produce (every ESCO occupation and every ISCO-08 group once, the longest source) fits the
event budget."""

from datetime import UTC, date, datetime

from services.matching.team import events
from services.matching.team.outcomes import Outcome, Reason, Status
from services.matching.team.shortages import Level, Period, ShortageEntry, ShortageList
from shared.messaging.topics import MAX_EVENT_BYTES

NOW = datetime(2026, 11, 30, 12, 0, tzinfo=UTC)


def test_the_largest_shortage_list_the_catalogue_allows_fits_the_event_budget(esco):
    codes = sorted({code[:n] for code in esco._isco for n in range(1, len(code) + 1)})
    occupations = list(esco.occupation_uris)
    entries = [ShortageEntry(uri, Level.SEVERE_SHORTAGE) for uri in occupations]
    entries += [ShortageEntry(code, Level.SEVERE_SURPLUS) for code in codes]
    largest = ShortageList(
        "national",
        Period(2026, 2),
        tuple(entries),
        dict.fromkeys(occupations, Level.SEVERE_SHORTAGE),
        "\x01" * events.MAX_SOURCE_CHARS,
    )
    payload = {**largest.to_payload(), "import_id": "i" * 36, "imported_at": NOW.isoformat()}
    assert events.ShortageListPayload().validate(payload) == {}
    envelope = events.SHORTAGE_LIST_IMPORTED.envelope(largest.key, payload, events.PRODUCER)
    assert len(envelope.encode()) <= MAX_EVENT_BYTES


def test_an_outcome_event_carries_the_declared_payload():
    outcome = Outcome.record(
        outcome_id="o-1",
        vacancy_id="v-1",
        candidate_id="c-1",
        status=Status.NOT_HIRED,
        reason=Reason("skills"),
        comment="never published",
        follow_up=None,
        occurred_on=date(2026, 11, 30),
        recorded_by="recruiter@agency-a",
        recorded_by_org="agency-a",
        now=NOW,
    )
    assert events.OutcomePayload().validate(outcome.event_payload()) == {}
    assert "comment" not in outcome.event_payload()
