"""Outside tester 36, H9: a withdrawn profile's row keeps no pseudonym (``erased_placeholder``), yet the
case number of an erased person an access names is found with the key alone (``erased_holder``), for the
withdrawn person and for every earlier holder of a case number used again; nobody else's."""

import re
from datetime import UTC, date, datetime

import pytest
from sqlalchemy import select

from services.profile.domain import (
    EducationLevel,
    Language,
    PersonalData,
    Profile,
    ProfileDetails,
    SkillEntry,
    Status,
    pseudonym,
)
from services.profile.repository import (
    ERASED_PREFIX,
    AuditLog,
    ProfileRepository,
    erased_placeholder,
    profiles,
)
from services.profile.repository import metadata as profile_metadata
from shared.db import make_engine
from shared.messaging.topics import CANDIDATE_ID_PATTERN
from tests.helpers import PSEUDONYM_KEY

NOW = datetime(2026, 12, 5, 16, 30, tzinfo=UTC)
ORG = "tampere-tyollisyys"


@pytest.fixture
def conn(tmp_path):
    engine = make_engine(f"sqlite:///{tmp_path / 'p.db'}")
    profile_metadata.create_all(engine)
    with engine.begin() as conn:
        yield conn


def details():
    return ProfileDetails(
        personal=PersonalData("Zyxwvu Qwertyson", "zyxwvu.qwertyson@example.fi", "040 765 4321"),
        skills=(SkillEntry("skill:weld", "advanced"),),
        suggested_skills=(),
        work_history=(),
        education_level=EducationLevel.VOCATIONAL,
        languages=(Language("fi", "native"),),
        municipality="837",
        max_commute_km=40,
        available_from=date(2026, 12, 1),
        working_time="any",
        target_groups=(),
        consented_orgs=frozenset({"nordic-staffing-ab"}),
    )


def created(conn, profile_id, generation=0):
    cid = pseudonym(PSEUDONYM_KEY, ORG, profile_id, generation)
    profile = Profile.create(profile_id, cid, ORG, details(), NOW, generation)
    repo = ProfileRepository(conn, PSEUDONYM_KEY)
    (repo.add if generation == 0 else repo.recreate)(profile)
    return profile


def withdrawn(conn, profile):
    gone = profile.withdraw(NOW)
    ProfileRepository(conn, PSEUDONYM_KEY).save(gone)
    return gone


@pytest.mark.parametrize("key", [PSEUDONYM_KEY, None], ids=["keyed", "random"])
def test_a_placeholder_is_never_a_pseudonym_and_never_the_same_for_two(key):
    cids = [pseudonym(PSEUDONYM_KEY, ORG, f"case-{i}") for i in range(1000)]
    made = [erased_placeholder(key, cid) for cid in cids]
    assert len(set(made)) == 1000
    for value, cid in zip(made, cids, strict=True):
        assert value.startswith(ERASED_PREFIX) and len(value) <= 32
        assert not re.fullmatch(CANDIDATE_ID_PATTERN, value) and cid[2:] not in value
    if key is not None:  # the same person's placeholder is found again, with the key only
        assert [erased_placeholder(key, cid) for cid in cids] == made
        assert erased_placeholder(b"another-key-0123456789abcdef0123456789", cids[0]) != made[0]


def test_a_withdrawn_row_holds_the_case_number_but_not_the_pseudonym(conn):
    living = created(conn, "t36-stays")
    gone = withdrawn(conn, created(conn, "t36-erase-1"))
    rows = {r.id: r for r in conn.execute(select(profiles)).all()}
    assert rows["t36-stays"].candidate_id == living.candidate_id
    erased = rows["t36-erase-1"]
    assert erased.status == Status.WITHDRAWN.value and erased.details is None
    assert erased.candidate_id != gone.candidate_id and erased.candidate_id.startswith(ERASED_PREFIX)
    assert ProfileRepository(conn).by_candidate([gone.candidate_id]) == []


def test_the_erased_holder_is_found_with_the_key_for_each_erased_generation_only(conn):
    repo = ProfileRepository(conn)
    first = created(conn, "t36-reuse")
    withdrawn(conn, first)
    second = created(conn, "t36-reuse", generation=1)
    living = created(conn, "t36-living")
    withdrawn(conn, created(conn, "t36-gone"))
    gone = pseudonym(PSEUDONYM_KEY, ORG, "t36-gone")
    assert repo.erased_holder(PSEUDONYM_KEY, first.candidate_id) == ("t36-reuse", ORG)
    assert repo.erased_holder(PSEUDONYM_KEY, gone) == ("t36-gone", ORG)
    # the living holders are no erased person, an unknown id nobody's, another key finds nothing
    assert repo.erased_holder(PSEUDONYM_KEY, second.candidate_id) is None
    assert repo.erased_holder(PSEUDONYM_KEY, living.candidate_id) is None
    assert repo.erased_holder(PSEUDONYM_KEY, "c-0123456789abcdef01234567") is None
    assert repo.erased_holder(b"another-key-0123456789abcdef0123456789", gone) is None


@pytest.mark.parametrize("key", [PSEUDONYM_KEY, None], ids=["with-the-key", "without"])
def test_an_entry_naming_an_erased_pseudonym_never_stores_it(conn, key):
    """With the key the entry is the case number's (F9); without it, it names no case number: either way the
    pseudonym and the case number are never in one row."""
    gone = withdrawn(conn, created(conn, "t36-erase-2"))
    log = AuditLog(conn, key)
    log.record(
        actor="recruiter@nordic-staffing-ab",
        role="recruiter",
        org="nordic-staffing-ab",
        action="explanation.read",
        granted=True,
        candidate_id=gone.candidate_id,
        purpose="matching: 200 GET /api/v1/vacancies/<vacancy_id>/candidates/<candidate_id>/explanation",
    )
    (entry,) = log.entries(scope_org=None)
    if key is None:
        assert entry["profile_id"] is None
    else:
        assert (entry["profile_id"], entry["subject_org"], entry["candidate_id"]) == (
            "t36-erase-2",
            ORG,
            None,
        )
        assert entry["purpose"] == "[erased with the profile]"
