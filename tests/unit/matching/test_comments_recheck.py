"""Stored free text re-checked for personal data (``services.matching.team.comments``; outside tester
16, P6 rest)."""

from services.matching.team.comments import Found, kinds_in, masked, masked_content, typed_texts


def test_the_tester_s_comments_are_found_by_kind_and_masked_in_place():
    assert kinds_in("Olena Kovalenko, syntynyt 13.10.1985, raskaana") == ("birth_date", "health_data")
    assert (
        masked("Olena Kovalenko, syntynyt 13.10.1985, raskaana")
        == "Olena Kovalenko, [syntymäaika], [terveystieto]"
    )
    assert masked("Soita numeroon nolla neljä nolla 123 45 67") == "Soita numeroon [puhelin]"
    assert kinds_in("Haastattelu 13.10.2026, hyvä") == () and masked("Hyvä") == "Hyvä"
    assert kinds_in("") == () and kinds_in(None) == ()


def test_a_meeting_s_typed_texts_are_found_by_path_and_only_they_are_masked():
    content = {
        "title": "Sairaanhoitaja",
        "last_week": [
            {"comment": "Hyvä", "candidate_id": "c-1"},
            {"comment": "raskaana", "status": "proposed"},
        ],
        "follow_ups": [{"action": "Soita 040 123 4567", "due": "2026-11-27"}],
    }
    assert list(typed_texts(content)) == [
        ("last_week/0/comment", "Hyvä"),
        ("last_week/1/comment", "raskaana"),
        ("follow_ups/0/action", "Soita 040 123 4567"),
    ]
    assert masked_content(content) == {
        "title": "Sairaanhoitaja",
        "last_week": [
            {"comment": "Hyvä", "candidate_id": "c-1"},
            {"comment": "[terveystieto]", "status": "proposed"},
        ],
        "follow_ups": [{"action": "Soita [puhelin]", "due": "2026-11-27"}],
    }


def test_a_finding_s_line_never_holds_the_text():
    line = Found("outcome o-1", "comment", ("birth_date",), "v-1", "agency-a", "2026-11-18").line()
    assert line == "outcome o-1\tcomment\tbirth_date\tvacancy=v-1 org=agency-a on=2026-11-18"
