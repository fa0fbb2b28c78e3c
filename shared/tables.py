"""Tables as offices really send them: CSV in any common dialect, or an Excel workbook (.xlsx).

``read_table`` turns an upload into a header and rows of text, whatever made it: Finnish Excel's
"CSV (semicolon)" with a UTF-8 byte-order mark and CRLF line ends, a Windows-1252 CSV, a tab-separated
export, or an ``.xlsx`` workbook (read with ``openpyxl``, MIT). The dialect is detected with the
standard library's ``csv.Sniffer`` and checked against the header line. Real exports (the Labour
Force Barometer's, a provider's catalogue) carry a title above the header and notes below the data
("Lähde: …"): the header is found among the first rows (the caller may say what it looks like) and
notes after the data are set aside as ``Table.notes``, never read as data rows (outside tester 26, F7).
``excel_date`` reads a date Excel saved as its serial number (``46082``). ``write_xlsx`` writes rows to
a workbook that opens correctly in any locale's Excel (numbers stay numbers, dates dates).
``csv_writer`` is the one way the project writes CSV: every text cell a spreadsheet could run as a
formula is neutralised (``formula_safe``, OWASP "CSV injection"; outside tester 26, T26-6).
"""

from __future__ import annotations

import bisect
import contextlib
import csv
import io
import itertools
import re
import zipfile
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, field, replace
from datetime import date, datetime
from typing import Any

from shared.i18n import N_

DELIMITERS = ";,\t|"
XLSX_MAGIC = b"PK\x03\x04"
OLE_MAGIC = b"\xd0\xcf\x11\xe0"  # the old binary .xls format
MAX_ROWS = 100_000
#: Columns of a table read (its data needs a handful; a sheet formatted to the last column has 16,384).
MAX_COLUMNS = 256
#: Row numbers of a sheet read, blank rows included (room for blank lines between MAX_ROWS rows).
MAX_SHEET_ROWS = 2 * MAX_ROWS
#: Bytes a workbook may unpack to (its XML parts together): about 40,000 rows of a few columns.
#: Reading the XML costs CPU in proportion (~3 s per MB on the development machine), and an upload
#: of 146 KB unpacked to 37 MB cost a minute of the service's CPU before its row count was refused
#: (an outside tester); a CSV upload is bounded by the 2 MiB body limit instead.
MAX_UNPACKED_BYTES = 8 * 2**20


class TableError(ValueError):
    """The upload is not a table this reader understands; ``errors`` maps a line (1 = header) to reasons."""

    def __init__(self, errors: dict[int, list[str]]) -> None:
        self.errors = errors
        super().__init__("; ".join(f"line {n}: {', '.join(r)}" for n, r in sorted(errors.items())))


@dataclass(frozen=True, slots=True)
class Table:
    """A header and its data rows as text. ``rows`` are ``(line, cells)``: ``line`` is the file's
    line number (CSV) or row number (workbook) where the row starts, for error messages."""

    header: list[str]
    rows: list[tuple[int, list[str]]]
    described: str  # how it was read, e.g. "CSV, ';'-separated, UTF-8 with BOM, CRLF line ends"
    found: list[str] = field(default_factory=list)  # the header cells as written (for messages)
    #: ``(line, text)`` of the notes below the table (a source footnote "Lähde: …"), not data rows:
    #: an importer reports each as a warning naming its line
    notes: list[tuple[int, str]] = field(default_factory=list)
    #: row numbers of a workbook's hidden rows, skipped: not in ``rows`` (outside tester 35b, G8)
    hidden: list[int] = field(default_factory=list)
    #: ``(line, cells, merged range, value)`` of each data row's cells that a workbook's merged range covers and
    #: that were given its value, as Excel shows it ("B3", "B2:B4", "Pirkanmaa"; outside tester 36, H10)
    merged: list[tuple[int, str, str, str]] = field(default_factory=list)

    def note_warnings(self) -> dict[int, list[str]]:
        """Line → the warnings that the note on it, or the hidden row it is, was skipped, and that a cell of
        it was read from the merged range covering it (``MERGED_CELL_READ``) (English; ``N_``-marked for
        translation)."""
        warnings = {
            line: [NOTE_SKIPPED % {"text": repr(text if len(text) <= 80 else text[:77] + "…")}]
            for line, text in self.notes
        }
        for line in self.hidden:
            warnings.setdefault(line, []).append(HIDDEN_ROW_SKIPPED)
        for line, cells, merged, value in self.merged:
            shown = repr(value if len(value) <= 80 else value[:77] + "…")
            warnings.setdefault(line, []).append(
                MERGED_CELL_READ % {"cells": cells, "range": merged, "value": shown}
            )
        return warnings


#: Marked for translation where it is shown (``shared.api_messages``).
NOTE_SKIPPED = "A note below the table, not a data row: skipped (%(text)s)."
#: A hidden row of the sheet read is skipped, as a hidden sheet is: what is imported is what the operator sees in
#: Excel (outside tester 35b, G8). Marked for translation where it is shown (``shared.api_messages``).
HIDDEN_ROW_SKIPPED = "A hidden row of the sheet: skipped (show the row in Excel to import it)."
#: A cell that a merged range covers holds nothing in the file (Excel keeps the value in the range's first
#: cell only) but shows the range's value: read as that, with this warning (outside tester 36, H10: a region
#: merged over three rows read "Unknown region ''" for the second and third). Marked for translation where it
#: is shown (``shared.api_messages``).
MERGED_CELL_READ = (
    "Cell %(cells)s is part of the merged cells %(range)s: read as %(value)s, as Excel shows it."
)

HeaderTest = Callable[[list[str]], bool]
"""Whether a row's cells (as written) are the header a reader expects (its column names)."""


def read_table(data: bytes, filename: str = "", header: HeaderTest | None = None) -> Table:
    """Read an uploaded CSV or ``.xlsx`` file (the content decides; ``filename`` only helps messages).
    ``header``: how the caller recognises its header row; the header is the first of the first
    ``TITLE_LINES + 1`` non-blank rows it accepts (title rows, blank rows and notes above it are
    skipped), else the first row of two or more cells. Notes after the data are ``Table.notes``.

    Raises ``TableError`` for an empty file, an old ``.xls`` workbook, undecodable text or broken CSV."""
    if not data.strip():
        raise TableError({1: [N_("The file is empty: a header row is required.")]})
    if data.startswith(OLE_MAGIC):
        raise TableError({1: [N_("This is an old Excel .xls workbook: save it as .xlsx or as CSV.")]})
    if data.startswith(XLSX_MAGIC):
        return _read_xlsx(data, filename, header)
    return _read_csv(data, header)


def _decode(data: bytes) -> tuple[str, str]:
    if data.startswith(b"\xef\xbb\xbf"):
        return data[3:].decode("utf-8", errors="strict"), "UTF-8 with BOM"
    if data.startswith((b"\xff\xfe", b"\xfe\xff")):
        return data.decode("utf-16"), "UTF-16"
    try:
        return data.decode("utf-8"), "UTF-8"
    except UnicodeDecodeError:
        pass
    try:
        # Excel's "CSV (comma/semicolon delimited)" on Finnish Windows writes Windows-1252 (ANSI)
        return data.decode("cp1252"), "Windows-1252"
    except UnicodeDecodeError:
        raise TableError(
            {1: [N_("The file is neither UTF-8 nor Windows-1252 text, nor an .xlsx workbook.")]}
        ) from None


#: Excel's own first line naming the separator (``sep=;``), which Excel honours and some exports write.
_EXCEL_SEP = re.compile(r'\A"?sep=(.)"?[ \t]*(?:\r\n|\n|\r)', re.IGNORECASE)
#: How many lines above the header may be titles (a statistics export's "Työvoimabarometri 2026H2",
#: its date, notes on the method).
TITLE_LINES = 10


def _read_csv(data: bytes, header: HeaderTest | None = None) -> Table:
    try:
        text, encoding = _decode(data)
    except UnicodeDecodeError as exc:
        raise TableError(
            {
                1: [
                    N_("The file is not valid UTF-8 text after its byte-order mark: %(why)s.")
                    % {"why": exc.reason}
                ]
            }
        ) from None
    skipped = 0
    if (directive := _EXCEL_SEP.match(text)) and directive[1] in DELIMITERS:
        delimiter, text, skipped = directive[1], text[directive.end() :], 1
    else:
        lines = [line for line in text.splitlines() if line.strip()][: TITLE_LINES + 1]
        # the separator that splits a line into the header the caller expects (a title above it may
        # hold a comma: "Työvoimabarometri, Pirkanmaa"); else the first line a separator splits
        expected = [d for d in DELIMITERS for ln in lines if header is not None and header(_split(ln, d))]
        first = next((ln for ln in lines if any(d in ln for d in DELIMITERS)), lines[0] if lines else "")
        delimiter = expected[0] if expected else _delimiter(text, first)
    line_ends = _line_ends(text)
    described = N_("CSV, %(delimiter)s-separated, %(encoding)s, %(ends)s line ends") % {
        "delimiter": _name(delimiter),
        "encoding": encoding,
        "ends": line_ends,
    }
    reader = csv.reader(io.StringIO(text, newline=""), delimiter=delimiter)
    rows: list[tuple[int, list[str]]] = []
    while True:
        start = reader.line_num + 1 + skipped
        try:
            cells = next(reader)
        except StopIteration:
            break
        except csv.Error as exc:
            raise TableError(
                {start: [N_("Not valid CSV (%(read_as)s): %(why)s.") % {"read_as": described, "why": exc}]}
            ) from None
        if not any(c.strip() for c in cells):
            continue
        rows.append((start, cells))
        if len(rows) > MAX_ROWS + TITLE_LINES + 1:
            raise TableError({start: [TOO_MANY_ROWS % {"max": MAX_ROWS}]})
    if not rows:
        raise TableError({1: [N_("The file is empty: a header row is required.")]})
    return _table(*_header_and_rows(rows, header), described)


#: A line end as a CSV file may have it: Windows' CRLF, Unix's LF, or a lone CR (classic Mac OS, some exports).
_LINE_END = re.compile(r"\r\n|\r|\n")


def _line_ends(text: str) -> str:
    """The name of ``text``'s line ends, as the file's first line has it: ``"CRLF"``, ``"LF"`` or ``"CR"``
    (``"LF"`` for a file of one line). The first decides: Excel ends its records with CRLF but a line
    break inside a cell with LF (a CR-only file was called "LF line ends", outside tester 35)."""
    found = _LINE_END.search(text)
    return {"\r\n": "CRLF", "\r": "CR"}.get(found[0], "LF") if found else "LF"


def _split(line: str, delimiter: str) -> list[str]:
    """One line's cells, or none when it is no CSV by itself (a cell over the csv module's limit,
    a quote opened for the next line): the reader names such a line where it reads it."""
    try:
        return next(csv.reader([line], delimiter=delimiter), [])
    except csv.Error:
        return []


def _filled(cells: Sequence[str]) -> int:
    return sum(1 for c in cells if c.strip())


def _header_and_rows(
    rows: list[tuple[int, list[str]]], header: HeaderTest | None = None
) -> tuple[list[str], list[tuple[int, list[str]]], list[tuple[int, str]], int]:
    """The header, the data rows below it, the notes after them and the header's line. The header is
    the first of the first ``TITLE_LINES + 1`` rows that ``header`` accepts, else the first with two
    or more cells (titles above it are one cell), else the first row."""
    first = rows[: TITLE_LINES + 1]
    at = next((i for i, (_, cells) in enumerate(first) if header is not None and header(cells)), None)
    if at is None:
        at = next((i for i, (_, cells) in enumerate(first) if _filled(cells) > 1), 0)
    data, notes = _notes_apart(rows[at + 1 :], _filled(rows[at][1]))
    return rows[at][1], data, notes, rows[at][0]


#: The words a note below a table starts with: source, remark, update, explanation (fi, sv, en).
_NOTE = re.compile(
    r"^\W*(lähde|lähteet|huom|huomautus|huomioi|päivitetty|tiedot|selite|källa|källor|obs|anmärkning"
    r"|uppdaterad|förklaring|source|sources|note|notes|updated|remark)\b",
    re.IGNORECASE,
)


def _is_note(cells: Sequence[str]) -> bool:
    """A row of prose in its first cell alone ("Lähde: Työ- ja elinkeinoministeriö", "* arvio")."""
    text = cells[0].strip() if cells else ""
    return _filled(cells) == 1 and bool(text) and (bool(_NOTE.match(text)) or bool(_PROSE.match(text)))


#: Prose: starts with a letter or an asterisk and has a space or colon after it ("Arviot: TEM").
_PROSE = re.compile(r"^(?:\*|[^\W\d_]).*[\s:]")


def _is_trailing_note(cells: Sequence[str]) -> bool:
    """A row below the last data row that fills only its first cell: a note (a source line, a
    footnote "1) arvio …", "(c) KEHA-keskus", "* = arvio …"), unless that cell is one word alone
    ("7212", "HITS-24": a data row cut short, which the importer names). Outside tester 26, T26-11:
    a footnote not starting with a letter or "*" sank the file."""
    text = cells[0].strip() if cells else ""
    return _filled(cells) == 1 and bool(text) and (_is_note(cells) or len(text.split()) > 1)


def _notes_apart(
    rows: list[tuple[int, list[str]]], width: int
) -> tuple[list[tuple[int, list[str]]], list[tuple[int, str]]]:
    """The data rows and the notes after them: below a header of two or more columns, the rows after
    the last data row that fill only their first cell (``_is_trailing_note``: a source line, a
    footnote; a single word there is a data row cut short). A row of one cell inside the data is a
    data row (the reader names what it lacks) unless it starts like a note ("Lähde:", "Huom.",
    "Källa:", "Source:", "*"). A note that fills several cells is a data row (its fields are named)."""
    if width < 2:
        return rows, []
    end = len(rows)
    while end and _is_trailing_note(rows[end - 1][1]):
        end -= 1
    data: list[tuple[int, list[str]]] = []
    notes = [(line, cells[0].strip()) for line, cells in rows[end:]]
    for line, cells in rows[:end]:
        first = cells[0].strip() if cells else ""
        if _filled(cells) == 1 and first and (_NOTE.match(first) or first.startswith("*")):
            notes.append((line, first))
        else:
            data.append((line, cells))
    return data, sorted(notes)


def _delimiter(text: str, first_line: str) -> str:
    """The separator: ``csv.Sniffer`` on a sample, checked against the header line (a header is
    split by its separator into several cells); else the candidate splitting the header most."""
    try:
        sniffed = csv.Sniffer().sniff(text[:16_384], delimiters=DELIMITERS).delimiter
    except csv.Error:
        sniffed = ""
    counts = {d: first_line.count(d) for d in DELIMITERS}
    if sniffed and counts.get(sniffed, 0) > 0:
        return sniffed
    best = max(counts, key=lambda d: counts[d])
    return best if counts[best] > 0 else ","


def _name(delimiter: str) -> str:
    return {"\t": "tab", ";": "';'", ",": "','", "|": "'|'"}[delimiter]


def _read_xlsx(data: bytes, filename: str, header: HeaderTest | None = None) -> Table:
    from openpyxl import load_workbook

    _check_unpacked_size(data, filename)
    try:
        book = load_workbook(io.BytesIO(data), read_only=True, data_only=True)
    except Exception as exc:  # openpyxl raises several types for a damaged or foreign zip
        raise TableError({1: [_unreadable(filename, exc)]}) from None
    try:
        visible = [i for i, s in enumerate(book.worksheets) if s.sheet_state == "visible"]
        if not visible:
            raise TableError(
                {1: [N_("The workbook has no visible sheet: show the sheet that holds the table.")]}
            )
        at, described = _sheet_with_header([book.worksheets[i] for i in visible], header)
        at = visible[
            at
        ]  # the sheet's place among all sheets (hidden ones too), as the formula check reads it
        sheet = book.worksheets[at]
        _check_used_range(sheet)
        rows: list[tuple[int, list[str]]] = []
        limit = MAX_ROWS + TITLE_LINES + 1
        hidden, merged = _sheet_layout(sheet)
        skipped: list[int] = []
        for number, cells in _sheet_rows(sheet):
            if number in hidden:
                skipped.append(number)
                continue
            rows.append((number, cells))
            if len(rows) > limit:
                raise TableError({number: [TOO_MANY_ROWS % {"max": MAX_ROWS}]})
        if not rows:
            raise TableError(
                {
                    1: [
                        N_("The sheet %(sheet)s is empty: a header row is required.")
                        % {"sheet": repr(sheet.title)}
                    ]
                }
            )
        _check_formulas_have_values(data, rows, at)
        head, body, notes, header_line = _header_and_rows(rows, header)
        body, filled = _fill_merged(body, merged)
        table = _table(head, body, notes, header_line, described)
        return replace(table, hidden=skipped, merged=filled)
    except TableError:
        raise
    except Exception as exc:  # e.g. XML with a DTD bomb (expat's amplification limit: ParseError)
        raise TableError({1: [_unreadable(filename, type(exc).__name__)]}) from None
    finally:
        book.close()


def _sheet_layout(sheet: Any) -> tuple[set[int], list[Any]]:
    """The row numbers (1-based) that ``sheet`` (an openpyxl read-only worksheet) marks hidden (``<row
    hidden="1">``) and its merged ranges (``<mergeCell ref="B2:B4">`` as openpyxl ``CellRange`` objects, what a
    full worksheet's ``merged_cells`` holds), neither of which the read-only reader exposes: its XML read
    again, row and merge elements only, with the same parser openpyxl uses. A range openpyxl cannot read is
    left out."""
    from openpyxl.worksheet.cell_range import CellRange
    from openpyxl.xml.functions import iterparse

    hidden: set[int] = set()
    merged: list[Any] = []
    main = "{http://schemas.openxmlformats.org/spreadsheetml/2006/main}"
    with sheet._get_source() as source:  # the sheet's part in the archive (openpyxl's read-only worksheet)
        for _, element in iterparse(source):
            if element.tag == main + "row":
                if element.get("hidden") in ("1", "true") and (element.get("r") or "").isdigit():
                    hidden.add(int(element.get("r")))
                element.clear()
            elif element.tag == main + "mergeCell" and len(merged) < MAX_MERGED_RANGES:
                with contextlib.suppress(TypeError, ValueError):
                    merged.append(CellRange(element.get("ref") or ""))
    return hidden, merged


#: Merged ranges of a sheet read (a sheet of MAX_ROWS rows grouped by pairs has half as many).
MAX_MERGED_RANGES = MAX_ROWS


def _fill_merged(
    rows: list[tuple[int, list[str]]], merged: Sequence[Any]
) -> tuple[list[tuple[int, list[str]]], list[tuple[int, str, str, str]]]:
    """``rows`` (the data rows, ``(row number, cells)``) with each cell that a merged range covers given the
    value of the range's first (top-left) cell, as Excel shows it, and ``Table.merged``'s record of each
    (line, cells, range, value). Only a range whose first cell is in a data row and holds a value is read:
    a title or a note merged across the columns stays one cell, and the header is never filled. The rows are
    copied, the columns bounded by ``MAX_COLUMNS``."""
    if not merged or not rows:
        return rows, []
    from openpyxl.utils import get_column_letter

    out = [(line, list(cells)) for line, cells in rows]
    at = {line: i for i, (line, _) in enumerate(out)}
    lines = sorted(at)
    filled: list[tuple[int, str, str, str]] = []
    for cells_range in merged:
        first = at.get(cells_range.min_row)
        if first is None or cells_range.min_col > MAX_COLUMNS:
            continue
        anchor = out[first][1]
        value = anchor[cells_range.min_col - 1] if cells_range.min_col <= len(anchor) else ""
        if not value.strip():
            continue
        last_col = min(cells_range.max_col, MAX_COLUMNS)
        start = bisect.bisect_left(lines, cells_range.min_row)
        end = bisect.bisect_right(lines, cells_range.max_row)
        for line in lines[start:end]:
            cells = out[at[line]][1]
            cells.extend([""] * (last_col - len(cells)))
            columns = [
                c
                for c in range(cells_range.min_col, last_col + 1)
                if (line, c) != (cells_range.min_row, cells_range.min_col) and cells[c - 1] != value
            ]
            for c in columns:
                cells[c - 1] = value
            if columns:
                named = [f"{get_column_letter(c)}{line}" for c in (columns[0], columns[-1])]
                shown = named[0] if named[0] == named[1] else ":".join(named)
                filled.append((line, shown, cells_range.coord, value))
    return out, sorted(filled)


#: Cell values of a blank cell as openpyxl reads them (none, or an empty inline string).
_BLANK = frozenset({None, ""})


def _sheet_rows(sheet: Any) -> Iterable[tuple[int, list[str]]]:
    """``(row number, cells as text)`` of every non-blank row of ``sheet``, bounded whatever the sheet
    claims: a stray cell at XFD1048576 made the reader walk a billion empty cells, pinning a thread
    of the service (an outside tester). A row is as wide as the declared used range, else up to its last
    filled cell. The work per row is in C (a set test, a slice) until a row has a filled cell, and
    only the cells up to the last filled one are made text: a sheet without a declared range is read
    ``MAX_COLUMNS`` wide, and turning each of its blank cells into text cost 25-30 s of CPU for 100,000
    empty rows in a 15 KB upload, or for a single cell on row 1,048,576 (outside tester 40, T40-1)."""
    declared = sheet.max_column  # rows are as wide as the used range (None: not declared)
    width = min(declared or MAX_COLUMNS, MAX_COLUMNS)
    for number, values in enumerate(
        sheet.iter_rows(values_only=True, max_row=MAX_SHEET_ROWS, max_col=width), 1
    ):
        if _BLANK.issuperset(values):
            continue
        blank = list(map(_BLANK.__contains__, values))
        last = len(blank) - blank[::-1].index(False)
        cells = [cell_text(v) for v in values[:last]]
        if declared:
            cells += [""] * (len(values) - last)
        if any(c.strip() for c in cells):
            yield number, cells


def _sheet_with_header(sheets: Sequence[Any], header: HeaderTest | None) -> tuple[int, str]:
    """Which sheet holds the table, and how to say so (``Table.described``): the first sheet whose
    first ``TITLE_LINES + 1`` non-blank rows include one ``header`` accepts, so a workbook whose first
    sheet is instructions ("Tietoja", "Ohjeet", "Info") and whose table is on another is read from
    that one (outside tester 26, T26-11); else (no ``header`` test, or no sheet has the header) the
    first sheet, its description naming the others so a message about missing columns says where
    else was looked."""
    names = [s.title for s in sheets]
    if header is not None and len(sheets) > 1:
        for i, sheet in enumerate(sheets):
            if (sheet.max_row or 0) > MAX_SHEET_ROWS or (sheet.max_column or 0) > MAX_COLUMNS:
                continue  # refused when read; never the one a table is looked for on
            first = itertools.islice(_sheet_rows(sheet), TITLE_LINES + 1)
            if any(header(cells) for _, cells in first):
                if i == 0:
                    break
                skipped = ", ".join(repr(n) for n in names[:i])
                return (
                    i,
                    N_("Excel workbook, sheet %(sheet)s (the first with the header row; skipped %(skipped)s)")
                    % {"sheet": repr(names[i]), "skipped": skipped},
                )
        else:
            others = ", ".join(repr(n) for n in names[1:])
            return (
                0,
                N_("Excel workbook, sheet %(sheet)s (no sheet has the header row; the others: %(others)s)")
                % {"sheet": repr(names[0]), "others": others},
            )
    return 0, N_("Excel workbook, sheet %(sheet)s") % {"sheet": repr(names[0])} if names else "Excel workbook"


#: The descriptions of a table whose header is below line 1 (``_table`` adds ", header on line n"): catalogue
#: messages too, so that a message quoting the description is translated whole, the longer pattern first
#: (outside tester 27, T27-4: "(luettu muodossa Excel workbook, sheet 'Barometri', header on line 4)").
HEADER_LINE_DESCRIPTIONS = (
    N_("Excel workbook, sheet %(sheet)s, header on line %(line)s"),
    N_(
        "Excel workbook, sheet %(sheet)s (the first with the header row; skipped %(skipped)s), header on line %(line)s"
    ),
    N_(
        "Excel workbook, sheet %(sheet)s (no sheet has the header row; the others: %(others)s), header on line "
        "%(line)s"
    ),
    N_("CSV, %(delimiter)s-separated, %(encoding)s, %(ends)s line ends, header on line %(line)s"),
)


def _check_formulas_have_values(data: bytes, rows: list[tuple[int, list[str]]], sheet_at: int = 0) -> None:
    """Refuse a sheet with formula cells that hold no saved value (a workbook written by a program,
    e.g. openpyxl, that does not compute formulas; Excel and LibreOffice save the value): ``TableError``
    naming each such cell and its formula per line. Before, such a cell read as empty and the line's
    reason was "length_weeks: a number of weeks" (outside tester 22, R4). Read only when the sheet's
    XML has a formula at all."""
    from openpyxl import load_workbook
    from openpyxl.utils import get_column_letter

    with zipfile.ZipFile(io.BytesIO(data)) as archive:
        if not any(b"<f" in archive.read(n) for n in archive.namelist() if n.startswith("xl/worksheets/")):
            return
    read = dict(rows)
    book = load_workbook(io.BytesIO(data), read_only=True, data_only=False)
    try:
        sheet = book.worksheets[sheet_at]
        errors: dict[int, list[str]] = {}
        declared = sheet.max_column
        cells_of = sheet.iter_rows(values_only=True, max_row=MAX_SHEET_ROWS, max_col=declared or MAX_COLUMNS)
        for number, values in enumerate(cells_of, start=1):
            if _BLANK.issuperset(values):
                continue  # no formula; the test is in C (T40-1: 100,000 blank rows, 256 cells wide)
            seen = read.get(number, [])
            for i, value in enumerate(values):
                if isinstance(value, str) and value.startswith("=") and not (i < len(seen) and seen[i]):
                    errors.setdefault(number, []).append(
                        N_(
                            "Cell %(cell)s is a formula (%(formula)s) with no saved value: open the workbook in "
                            "Excel or LibreOffice and save it (or paste the values)."
                        )
                        % {"cell": f"{get_column_letter(i + 1)}{number}", "formula": value[:60]}
                    )
    finally:
        book.close()
    if errors:
        raise TableError(errors)


def _check_unpacked_size(data: bytes, filename: str) -> None:
    """Refuse a workbook whose parts unpack to more than ``MAX_UNPACKED_BYTES`` (the sizes its zip
    directory declares, which bound what the zip reader gives), before any XML is read."""
    try:
        with zipfile.ZipFile(io.BytesIO(data)) as archive:
            unpacked = sum(item.file_size for item in archive.infolist())
    except (zipfile.BadZipFile, ValueError) as exc:
        raise TableError({1: [_unreadable(filename, exc)]}) from None
    if unpacked > MAX_UNPACKED_BYTES:
        raise TableError(
            {
                1: [
                    N_(
                        "The workbook unpacks to %(size)s MB: at most %(max)s MB (about 40,000 rows) are read. "
                        "Send the table as CSV, or in parts."
                    )
                    % {"size": f"{unpacked / 2**20:.1f}", "max": MAX_UNPACKED_BYTES // 2**20}
                ]
            }
        )


def _check_used_range(sheet: Any) -> None:
    """Refuse a sheet whose declared used range (its ``dimension``) is beyond what a table here can
    be: ``TableError`` naming the range, at once, instead of reading it."""
    rows, columns = sheet.max_row, sheet.max_column  # None when the file declares no dimension
    if (rows or 0) > MAX_SHEET_ROWS or (columns or 0) > MAX_COLUMNS:
        raise TableError(
            {
                1: [
                    N_(
                        "The sheet %(sheet)s: its used range reaches row %(rows)s and column %(columns)s: at most "
                        "%(max_rows)s rows and %(max_columns)s columns are read. Delete the cells beyond the "
                        "table (or copy the table into a new workbook) and send it again."
                    )
                    % {
                        "sheet": repr(sheet.title),
                        "rows": rows,
                        "columns": columns,
                        "max_rows": MAX_ROWS,
                        "max_columns": MAX_COLUMNS,
                    }
                ]
            }
        )


def cell_text(value: Any) -> str:
    """A workbook cell as the text a person sees: ``2221.0`` → ``"2221"``, a date → ``"2026-03-01"``."""
    if value is None:
        return ""
    if isinstance(value, bool):
        return "TRUE" if value else "FALSE"
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    if isinstance(value, datetime):
        return value.date().isoformat() if value.time() == datetime.min.time() else value.isoformat()
    if isinstance(value, date):
        return value.isoformat()
    return str(value)


#: The reasons of a file the import cannot read, as catalogue messages (outside tester 27, T27-4: every
#: user-facing text of an import in the request's language).
TOO_MANY_ROWS = N_("More than %(max)s rows.")


def _unreadable(filename: str | None, why: object) -> str:
    """The reason of a workbook that does not open (``why``: the library's words, kept as they are)."""
    if filename:
        return N_("Not a readable .xlsx workbook %(filename)s: %(why)s.") % {"filename": filename, "why": why}
    return N_("Not a readable .xlsx workbook: %(why)s.") % {"why": why}


def _table(
    header: list[str],
    rows: list[tuple[int, list[str]]],
    notes: list[tuple[int, str]],
    header_line: int,
    described: str,
) -> Table:
    found = [h.strip() for h in header]
    while found and not found[-1]:
        found.pop()
    _refuse_unstorable(found, rows, notes, header_line)
    if header_line > 1:
        described += f", header on line {header_line}"  # HEADER_LINE_DESCRIPTIONS
    return Table([h.lower() for h in found], rows, described, found, notes)


#: A cell's reason when it holds what no database stores (NUL, a lone UTF-16 surrogate), as the JSON APIs refuse
#: it in a body (``shared.http.check_text``; outside tester 34, F9: a NUL in a catalogue's title was stored).
UNSTORABLE = N_(
    "Column %(column)s: NUL characters and lone surrogates are not allowed (no database stores them)."
)
_UNSTORABLE = re.compile("[\x00\ud800-\udfff]")


def _refuse_unstorable(
    header: list[str], rows: list[tuple[int, list[str]]], notes: list[tuple[int, str]], header_line: int
) -> None:
    """Raise ``TableError`` naming each line and column (by its header, else its number) whose cell holds
    NUL or a lone surrogate; a note below the table likewise (column 1)."""
    errors: dict[int, list[str]] = {}

    def check(line: int, cells: Sequence[str]) -> None:
        for i, cell in enumerate(cells):
            if _UNSTORABLE.search(cell):
                column = (
                    repr(header[i]) if i < len(header) and header[i] and line != header_line else str(i + 1)
                )
                errors.setdefault(line, []).append(UNSTORABLE % {"column": column})

    check(header_line, header)
    for line, cells in rows:
        check(line, cells)
    for line, text in notes:
        check(line, [text])
    if errors:
        raise TableError(errors)


#: Excel's serial day numbers of 1.1.2000 and 31.12.2100: a number outside them is no date an import means.
_SERIALS = (36526, 73415)
_SERIAL = re.compile(r"^\d{5}(?:[.,]\d+)?$")


def excel_date(text: str) -> date | None:
    """The day of an Excel date serial number written as text (``"46082"`` → 1.3.2026; a fraction is
    the time of day, dropped): a date cell a spreadsheet or its CSV export gave as a number. Only
    serials of the years 2000–2100; None for anything else. Converted with openpyxl's own
    ``openpyxl.utils.datetime.from_excel`` (the 1900 date system, as Excel on Windows saves)."""
    from openpyxl.utils.datetime import from_excel

    raw = text.strip()
    if not _SERIAL.match(raw):
        return None
    serial = float(raw.replace(",", "."))
    if not _SERIALS[0] <= serial < _SERIALS[1] + 1:
        return None
    value = from_excel(serial)
    return value.date() if isinstance(value, datetime) else None


#: Characters XML 1.0 does not allow (its ``Char`` production): C0 controls other than tab, LF and CR,
#: surrogates and U+FFFE/U+FFFF. openpyxl refuses some of them with an error and writes others into
#: a file Excel calls corrupt; text may hold them (Word's line break is U+000B).
#: A formula start (OWASP "CSV injection": ``= + - @``, and their full-width forms) at the start of a
#: cell or after any delimiter a spreadsheet may split on (``,`` ``;`` tab ``|`` line breaks), also
#: behind blanks or quotes.
_FORMULA = re.compile(r"(?:^|[,;\t|\r\n])[\s\"']*[=+\-@\uff1d\uff0b\uff0d\uff20]")


def formula_safe(value: Any) -> Any:
    """``value`` as a CSV cell no spreadsheet runs as a formula: a ``str`` that starts with a tab or
    CR, or has a formula start (``= + - @``, full-width too) at its start or after a delimiter a
    spreadsheet may split on (``,`` ``;`` tab ``|`` line breaks), also behind blanks or quotes, is
    prefixed with an apostrophe (OWASP's advice); any other value (numbers, dates, None, other
    text) is returned unchanged. So ``"=HYPERLINK(...)"`` becomes ``"'=HYPERLINK(...)"`` and a
    negative number stays a number, but a text ``"-5"`` or ``"+358 Sairaanhoitaja"`` gets the
    apostrophe too: a program reading the CSV sees it (the JSON downloads keep values as stored)."""
    if isinstance(value, str) and (value[:1] in ("\t", "\r") or _FORMULA.search(value)):
        return "'" + value
    return value


class SafeCsvWriter:
    """A ``csv.writer`` whose every cell passes ``formula_safe`` (``csv_writer``)."""

    def __init__(self, out: Any, **fmtparams: Any) -> None:
        self._writer = csv.writer(out, **fmtparams)

    def writerow(self, row: Iterable[Any]) -> Any:
        """Write one row (as ``csv.writer.writerow``), every cell through ``formula_safe``."""
        return self._writer.writerow([formula_safe(x) for x in row])

    def writerows(self, rows: Iterable[Iterable[Any]]) -> None:
        """Write rows (as ``csv.writer.writerows``), every cell through ``formula_safe``."""
        for row in rows:
            self.writerow(row)


def csv_writer(out: Any, **fmtparams: Any) -> SafeCsvWriter:
    """The project's CSV writer: ``csv.writer(out, **fmtparams)`` (``out`` a text stream opened with
    ``newline=""``; the standard library's dialect parameters) with every cell neutralised by
    ``formula_safe``. Every CSV the project writes goes through it (the meeting's ``content.csv`` in
    all its forms, the reference data builds), so no employer-written title reaches a spreadsheet
    as a live formula (outside tester 26, T26-6)."""
    return SafeCsvWriter(out, **fmtparams)


_NOT_XML = re.compile("[^\t\n\r\x20-\ud7ff\ue000-\ufffd\U00010000-\U0010ffff]")


def xml_text(value: str) -> str:
    """``value`` with every character XML 1.0 cannot hold replaced by a space."""
    return _NOT_XML.sub(" ", value)


def write_xlsx(
    header: Sequence[str],
    rows: Iterable[Sequence[Any]],
    sheet: str = "Sheet1",
    *,
    date_format: str | None = None,
) -> bytes:
    """An ``.xlsx`` workbook with one sheet: a bold, frozen header row and the rows as typed cells
    (numbers, dates and text; ``None`` is an empty cell) with an auto-filter over them. Text starting
    with ``= + - @`` is stored as text (with Excel's quote prefix), never as a formula; characters a workbook cannot hold (``xml_text``) become spaces.
    ``date_format``: the Excel number format of date cells (e.g. ``d.m.yyyy`` as Finnish and
    Swedish-in-Finland pages write dates; default openpyxl's ``yyyy-mm-dd``); they stay real dates."""
    from openpyxl import Workbook
    from openpyxl.styles import Font
    from openpyxl.utils import get_column_letter

    book = Workbook(write_only=False)
    ws = book.active
    ws.title = sheet[:31]
    ws.append([xml_text(h) for h in header])
    for cell in ws[1]:
        cell.font = Font(bold=True)
    ws.freeze_panes = "A2"
    for row in rows:
        ws.append([xml_text(v) if isinstance(v, str) else v for v in row])
        for cell in ws[ws.max_row]:
            if date_format is not None and cell.is_date:
                cell.number_format = date_format
            if isinstance(cell.value, str) and cell.value[:1] in ("=", "+", "-", "@"):
                cell.data_type = "s"
                # Excel's own mark of such text (the apostrophe its formula bar shows, never part of
                # the value): editing the cell keeps it text instead of making it a formula
                cell.quotePrefix = True
    # a filter button on every column (outside tester 14, P19)
    ws.auto_filter.ref = f"A1:{get_column_letter(max(ws.max_column, 1))}{ws.max_row}"
    out = io.BytesIO()
    book.save(out)
    return out.getvalue()
