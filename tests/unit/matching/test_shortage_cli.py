"""``python -m services.matching.team.cli import-shortages``: the same import as the API, from a file."""

import json
import os

from sqlalchemy import create_engine, select

from services.matching.config import Settings
from services.matching.team.cli import main
from services.matching.team.repository import metadata, outbox, shortage_lists
from shared.config import REPO_ROOT
from shared.migrations import service_migrations, upgrade
from tests.helpers import MATCHING_KEY, common_settings, sqlite_url

SEED = REPO_ROOT / "data" / "barometer" / "fi_shortage_occupations_national_illustrative.csv"


def settings(tmp_path, create=True):
    """The matching service's settings; with ``create``, its database as the service leaves it."""
    chosen = Settings(
        common=common_settings("matching", sqlite_url(tmp_path, "matching")),
        cache_dir=REPO_ROOT / ".cache" / "matching",
        start_feed=False,
        record_key=MATCHING_KEY,
    )
    if create:
        upgrade(create_engine(chosen.common.database_url), service_migrations("matching", metadata))
    return chosen


def stored(tmp_path):
    engine = create_engine(sqlite_url(tmp_path, "matching"))
    with engine.connect() as conn:
        return conn.execute(select(shortage_lists)).all(), conn.execute(select(outbox)).all()


def test_the_cli_imports_the_demo_seed_and_queues_one_event_per_list(tmp_path, capsys):
    assert main(["import-shortages", str(SEED), "--source", "illustrative"], settings(tmp_path)) == 0
    lists, events = stored(tmp_path)
    assert sorted(r.period for r in lists) == ["2021H1", "2021H2", "2022H2"]
    assert [e.message_key for e in events] == ["national|2021H1", "national|2021H2", "national|2022H2"]
    assert json.loads(events[0].value)["payload"]["source"] == "illustrative"
    assert "imported 3 list(s)" in capsys.readouterr().out


def test_the_cli_rejects_a_bad_file_with_line_numbers_and_imports_nothing(tmp_path, capsys):
    bad = tmp_path / "bad.csv"
    bad.write_text(
        "occupation,region,period,level\n5321,national,2026H2,shortage\n5321,mars,2026H2,shortage\n"
    )
    assert main(["import-shortages", str(bad)], settings(tmp_path)) == 1
    assert "line 3: Unknown region 'mars'" in capsys.readouterr().err
    assert stored(tmp_path) == ([], [])


def test_without_the_services_environment_the_cli_says_so_in_one_line(monkeypatch, capsys):
    """An outside tester got a 27-line traceback."""
    for name in list(os.environ):
        if name.startswith("KOHTAANTO_"):
            monkeypatch.delenv(name)
    assert main(["import-shortages", str(SEED)]) == 2
    err = capsys.readouterr().err
    assert err.count("\n") == 1 and "environment" in err and "Traceback" not in err


def test_the_cli_never_creates_a_database_of_its_own(tmp_path, capsys):
    """Outside tester 3 (tester 2's F14): without the service's data directory the import went into a
    new database nobody reads, and the CLI said the worker would publish it (exit 0)."""
    assert main(["import-shortages", str(SEED)], settings(tmp_path, create=False)) == 2
    err = capsys.readouterr().err
    assert "no matching-service database" in err and err.count("\n") == 1
    assert not (tmp_path / "matching.db").exists()
    assert main(["withdraw-shortages", "national", "2021H1", "--reason", "x"], settings(tmp_path, False)) == 2


def test_the_cli_refuses_a_file_removing_most_of_a_stored_list_until_confirmed_and_dry_runs(tmp_path, capsys):
    """Outside tester 34, F13: the same rule as the API's."""
    codes = ["7212", "2221", "5120", "9112", "7411", "2512", "5321", "7231", "7115", "8332", "2341", "4110"]
    full, one = tmp_path / "full.csv", tmp_path / "one.csv"
    full.write_text(
        "occupation,region,period,level\n" + "".join(f"{c},national,2026H2,shortage\n" for c in codes)
    )
    one.write_text("occupation,region,period,level\n7212,national,2026H2,shortage\n")
    chosen = settings(tmp_path)
    assert main(["import-shortages", str(full)], chosen) == 0
    before = stored(tmp_path)
    capsys.readouterr()
    assert main(["import-shortages", str(one)], chosen) == 1
    assert "national|2026H2: 11 of 12 rows" in capsys.readouterr().err
    assert main(["import-shortages", str(one), "--dry-run"], chosen) == 0
    out = capsys.readouterr().out
    assert "11 removed of 12" in out and "dry run: nothing imported" in out
    assert stored(tmp_path) == before
    assert main(["import-shortages", str(one), "--confirm-removal"], chosen) == 0
    [only] = stored(tmp_path)[0]
    assert [e["occupation"] for e in only.payload["entries"]] == ["7212"]
