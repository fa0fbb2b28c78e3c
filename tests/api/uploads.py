"""What an operator uploads to the matching service in API tests: a vocational school's training catalogue (as
Excel's CSV or an .xlsx workbook) and the import request itself. Shared by the catalogue, import and outside
testers' test files; the world they upload into is ``matching_world.welding_shortage_world``."""

from __future__ import annotations

import io
from collections.abc import Iterable, Sequence
from typing import Any

from tests.api.matching_world import WELDER, essential
from tests.helpers import auth

XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
OPERATOR = auth("operator", "kohtaanto")
HEADER = ["course_id", "provider", "title_fi", "title_sv", "skills", "length_weeks", "municipality", "online",
          "apprenticeship", "start_dates", "url"]  # fmt: skip
"""A training catalogue's columns, as ``POST /api/v1/training/catalogue`` reads them."""


def catalogue_rows() -> list[list[str]]:
    """Tredu's three welding courses (a new list each call: tests change cells): ``HITS-24`` in Tampere
    teaching the welder's last six essential skills, the apprenticeship ``HITS-OPPI`` in Nokia teaching the
    last one, and the online ``TURVA`` teaching the last but one."""
    skills = essential(WELDER, 100)
    return [
        ["HITS-24", "tredu", "Hitsauksen perusteet", "Grunder i svetsning", " | ".join(skills[-6:]), "8", "Tampere",
         "ei", "ei", "11.1.2027 | 1.3.2027", "https://www.tredu.fi/hitsaus"],
        ["HITS-OPPI", "tredu", "Hitsaajan oppisopimus", "", skills[-1], "52", "Nokia", "ei", "kyllä", "jatkuva haku", ""],
        ["TURVA", "tredu", "Työturvallisuus verkossa", "Arbetssäkerhet på nätet", skills[-2], "1", "", "kyllä", "ei",
         "2026-12-07", ""],
    ]  # fmt: skip


def csv_bytes(rows: Iterable[Sequence[str]], sep: str = ";") -> bytes:
    """``rows`` under :data:`HEADER` as Excel saves CSV: a byte-order mark, ``sep`` between cells, CRLF
    line ends, UTF-8."""
    return ("\ufeff" + "\r\n".join(sep.join(r) for r in [HEADER, *rows]) + "\r\n").encode()


def workbook(rows: Iterable[Sequence[Any]], merges: Iterable[str] = ()) -> bytes:
    """An .xlsx file whose first sheet holds ``rows`` (the first is the header; ``None``: an empty cell) with
    the cell ranges ``merges`` (``"B2:B4"``) merged, as Excel saves it."""
    from openpyxl import Workbook

    book = Workbook()
    for cells in rows:
        book.active.append(list(cells))
    for cells_range in merges:
        book.active.merge_cells(cells_range)
    out = io.BytesIO()
    book.save(out)
    return out.getvalue()


def import_catalogue(client: Any, data: bytes, content_type: str = "text/csv", **headers: str) -> Any:
    """``POST /api/v1/training/catalogue`` of ``data`` as the operator, with ``headers`` added
    (``Accept-Language``); returns the answer, whatever its status."""
    return client.post(
        "/api/v1/training/catalogue",
        data=data,
        headers={**OPERATOR, "Content-Type": content_type, **headers},
    )
