"""Session 22: "today" was the UTC date (``now.date()``, ``datetime.now(UTC).date()``, ``date.today()``),
2–3 hours late in Finland. Every day taken from a clock now goes through ``local_day`` (the kernel's or
``shared.days``'): this test keeps the kind fixed by finding, in the services, the shared plumbing and
the deploy scripts, any ``<instant>.date()`` or ``date.today()`` outside the two functions themselves."""

import ast
from pathlib import Path

ROOT = Path(__file__).resolve().parents[3]
#: (file, source) of the calls that are not a day taken from the clock: the two conversions themselves,
#: a moment already in Helsinki time (the pages' ``day_time``), a spreadsheet cell's own date.
ALLOWED = {
    ("services/kernel/calendar.py", "instant.astimezone(SERVICE_TIME_ZONE).date()"),
    ("shared/days.py", "instant.astimezone(SERVICE_TIME_ZONE).date()"),
    ("services/matching/team/web.py", "local.date()"),
    ("shared/tables.py", "value.date()"),
}


def _days_from_clocks() -> list[str]:
    found = []
    for folder in ("services", "shared", "deploy"):
        for path in sorted((ROOT / folder).rglob("*.py")):
            source = path.read_text()
            name = str(path.relative_to(ROOT))
            for node in ast.walk(ast.parse(source)):
                if not (isinstance(node, ast.Call) and isinstance(node.func, ast.Attribute)):
                    continue
                attr, target = node.func.attr, node.func.value
                is_date = attr == "date" and not node.args and not node.keywords
                is_today = (
                    attr == "today" and isinstance(target, ast.Name) and target.id in ("date", "datetime")
                )
                if not (is_date or is_today):
                    continue
                text = ast.get_source_segment(source, node) or ""
                if (name, text) not in ALLOWED:
                    found.append(f"{name}:{node.lineno}: {text}")
    return found


def test_every_day_taken_from_a_clock_is_the_day_in_finland():
    assert _days_from_clocks() == [], "use services.kernel.calendar.local_day (shared.days.local_day)"
