"""Uploaded tables as offices make them: Excel's CSV variants and .xlsx workbooks."""

import io
from datetime import date

import pytest
from openpyxl import Workbook, load_workbook

from shared.config import REPO_ROOT
from shared.tables import TableError, read_table, write_xlsx

FIXTURES = REPO_ROOT / "tests" / "fixtures" / "shortages"
EXPECTED_ROWS = [
    (2, ["2221", "pirkanmaa", "2026H2", "severe_shortage", "Sairaanhoitajat; kätilöt"]),
    (3, ["5321", "pirkanmaa", "2026H2", "shortage", ""]),
    (4, ["7212", "national", "2026H2", "shortage", "Hitsaajat ja kaasuleikkaajat"]),
]


@pytest.mark.parametrize(
    ("name", "described"),
    [
        ("excel_fi_utf8_bom_semicolon_crlf.csv", "CSV, ';'-separated, UTF-8 with BOM, CRLF line ends"),
        ("excel_fi_ansi_semicolon_crlf.csv", "CSV, ';'-separated, Windows-1252, CRLF line ends"),
    ],
)
def test_a_csv_saved_by_finnish_excel_reads_as_its_columns(name, described):
    table = read_table((FIXTURES / name).read_bytes())
    assert table.header == ["occupation", "region", "period", "level", "huomautus"]
    assert table.rows == EXPECTED_ROWS
    assert table.described == described


def test_comma_and_tab_separated_files_read_the_same():
    for sep in (",", "\t"):
        text = (
            sep.join(["occupation", "region", "period", "level"])
            + "\n"
            + sep.join(["2221", "pirkanmaa", "2026H2", "shortage"])
        )
        table = read_table(text.encode())
        assert table.rows == [(2, ["2221", "pirkanmaa", "2026H2", "shortage"])]


def test_an_xlsx_workbook_reads_with_numbers_and_dates_as_people_see_them():
    book = Workbook()
    ws = book.active
    ws.title = "Taul1"
    ws.append(["Ammatti", "Alue", "Kuukausi", "Arvio"])
    ws.append([2221, "Pirkanmaa", date(2026, 3, 1), 5.0])
    ws.append([None, None, None, None])
    ws.append([7212, "Österbotten", "2026-03", 4])
    out = io.BytesIO()
    book.save(out)
    table = read_table(out.getvalue(), "barometri.xlsx")
    assert table.found == ["Ammatti", "Alue", "Kuukausi", "Arvio"]
    assert table.rows == [
        (2, ["2221", "Pirkanmaa", "2026-03-01", "5"]),
        (4, ["7212", "Österbotten", "2026-03", "4"]),
    ]
    assert table.described == "Excel workbook, sheet 'Taul1'"


@pytest.mark.parametrize(
    ("data", "reason"),
    [
        (b"", "empty"),
        (b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1rest", "old Excel .xls"),
        (b"PK\x03\x04not really a zip", "Not a readable .xlsx"),
    ],
)
def test_what_cannot_be_read_is_named(data, reason):
    with pytest.raises(TableError, match=reason):
        read_table(data)


def test_a_written_workbook_keeps_types_and_never_runs_text_as_a_formula():
    data = write_xlsx(["score", "day", "note"], [[0.75, date(2026, 11, 24), "=HYPERLINK(1)"]])
    ws = load_workbook(io.BytesIO(data)).active
    score, day, note = ws[2]
    assert score.value == 0.75 and day.value.date() == date(2026, 11, 24)
    assert note.value == "=HYPERLINK(1)" and note.data_type == "s"


@pytest.mark.parametrize("odd", ["\u000b", "\u0008", "\u001f", "\ufffe", "\uffff"])
def test_a_workbook_is_written_whatever_control_characters_the_text_holds(odd):
    """An employer's vacancy title with a vertical tab (Word's line break) made the meeting's Excel
    download a 500; U+FFFE made a file Excel calls corrupt (an outside tester)."""
    import zipfile
    from xml.dom.minidom import parseString

    data = write_xlsx([f"title{odd}"], [[f"Sairaanhoitaja{odd} X"]])
    with zipfile.ZipFile(io.BytesIO(data)) as z:
        for name in z.namelist():
            if name.endswith(".xml"):
                parseString(z.read(name))  # well-formed XML, as Excel needs
    ws = load_workbook(io.BytesIO(data)).active
    assert ws["A2"].value == "Sairaanhoitaja  X" and ws["A1"].value == "title "


@pytest.mark.parametrize(
    ("text", "line"),
    [
        # Excel's own separator line (an outside tester's 422 "Found: 'sep='")
        ("sep=;\r\nAmmatti;Alue;Ajankohta;Arvio\r\n2221;Pirkanmaa;2026H2;Paljon pulaa\r\n", 3),
        ('"sep=;"\nAmmatti;Alue;Ajankohta;Arvio\n2221;Pirkanmaa;2026H2;Paljon pulaa\n', 3),
        # a statistics export's title above the table
        (
            "Työvoimabarometri 2026H2\r\n\r\nAmmatti;Alue;Ajankohta;Arvio\r\n2221;Pirkanmaa;2026H2;Paljon pulaa\r\n",
            4,
        ),
    ],
)
def test_excels_separator_line_and_title_lines_above_the_header_are_read_past(text, line):
    table = read_table(text.encode())
    assert table.header == ["ammatti", "alue", "ajankohta", "arvio"]
    assert table.rows == [(line, ["2221", "Pirkanmaa", "2026H2", "Paljon pulaa"])]
    assert "';'-separated" in table.described


def test_a_workbooks_title_rows_above_the_header_are_read_past_as_in_csv():
    book = Workbook()
    ws = book.active
    ws.append(["Työvoimabarometri 2026H2"])
    ws.append([])
    ws.append(["Ammatti", "Alue", "Ajankohta", "Arvio"])
    ws.append([2221, "Pirkanmaa", "2026H2", "Paljon pulaa"])
    out = io.BytesIO()
    book.save(out)
    table = read_table(out.getvalue())
    assert table.header == ["ammatti", "alue", "ajankohta", "arvio"]
    assert table.rows == [(4, ["2221", "Pirkanmaa", "2026H2", "Paljon pulaa"])]


def _workbook(*rows, stray=None):
    import io

    import openpyxl

    book = openpyxl.Workbook()
    for row in rows:
        book.active.append(row)
    if stray:
        book.active.cell(row=stray[0], column=stray[1], value="x")
    out = io.BytesIO()
    book.save(out)
    return out.getvalue()


def test_a_sheet_claiming_the_whole_excel_range_is_refused_at_once():
    """Outside tester 4, F13: a 4.9 KB workbook with one cell at XFD1048576 pinned a service thread
    for minutes (the reader walked every empty cell)."""
    data = _workbook(["occupation", "region"], ["2221", "pirkanmaa"], stray=(1_048_576, 16_384))
    with pytest.raises(TableError) as refused:
        read_table(data, "huge.xlsx")
    assert "used range reaches row 1048576" in refused.value.errors[1][0]
    wide = _workbook(["occupation", "region"], ["2221", "pirkanmaa"], stray=(2, 300))
    with pytest.raises(TableError):
        read_table(wide, "wide.xlsx")
    fine = read_table(_workbook(["occupation", "region"], ["2221", "pirkanmaa"], stray=(40, 20)), "ok.xlsx")
    assert fine.rows[0][0] == 2 and fine.rows[0][1][:2] == ["2221", "pirkanmaa"]


def test_a_workbook_with_an_xml_entity_bomb_is_a_table_error_not_a_crash():
    """Outside tester 4, F14: a DTD with nested entities in the sheet's XML answered 500."""
    import io
    import zipfile

    data = _workbook(["occupation", "region"], ["2221", "pirkanmaa"])
    source, out = zipfile.ZipFile(io.BytesIO(data)), io.BytesIO()
    bomb = (
        '<?xml version="1.0"?><!DOCTYPE lolz [<!ENTITY lol "lol">'
        + "".join(
            f'<!ENTITY lol{i} "{("&lol" + (str(i - 1) if i > 1 else "") + ";") * 10}">' for i in range(1, 10)
        )
        + "]>"
    )
    with zipfile.ZipFile(out, "w") as target:
        for item in source.infolist():
            content = source.read(item.filename)
            if item.filename == "xl/worksheets/sheet1.xml":
                text = content.decode()
                root = text.index("<worksheet")
                text = bomb + text[root:].replace("2221", "&lol9;")
                content = text.encode()
            target.writestr(item, content)
    with pytest.raises(TableError) as refused:
        read_table(out.getvalue(), "bomb.xlsx")
    assert refused.value.errors[1][0].startswith("Not a readable .xlsx workbook bomb.xlsx")


def test_a_workbook_that_unpacks_to_many_megabytes_is_refused_before_it_is_read():
    """Outside tester 5, F8: a 146 KB workbook whose sheet unpacks to 37 MB (200,000 identical rows)
    cost a minute of the service's CPU before its row count was refused."""
    import io
    import zipfile

    data = _workbook(["occupation", "region"], ["2221", "pirkanmaa"])
    source, out = zipfile.ZipFile(io.BytesIO(data)), io.BytesIO()
    row = '<row r="{n}"><c r="A{n}" t="inlineStr"><is><t>7212;pohjanmaa;2026H2;shortage</t></is></c></row>'
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as target:
        for item in source.infolist():
            content = source.read(item.filename)
            if item.filename == "xl/worksheets/sheet1.xml":
                text = content.decode()
                rows = "".join(row.format(n=n) for n in range(3, 100_003))
                content = text.replace("</sheetData>", rows + "</sheetData>").encode()
            target.writestr(item, content)
    bomb = out.getvalue()
    assert len(bomb) < 2 * 2**20  # under the request body limit
    with pytest.raises(TableError) as refused:
        read_table(bomb, "bomb.xlsx")
    assert "unpacks to" in refused.value.errors[1][0]
    with pytest.raises(TableError) as broken:
        read_table(b"PK\x03\x04 not really a zip", "broken.xlsx")
    assert "Not a readable .xlsx workbook" in broken.value.errors[1][0]


# -- outside tester 26, F6/F7: real exports carry titles above the header and notes below the data --
def _book(*rows):
    book = Workbook()
    for row in rows:
        book.active.append(list(row))
    out = io.BytesIO()
    book.save(out)
    return out.getvalue()


BAROMETER = ["Ammatti", "Alue", "Ajankohta", "Arvio"]


def test_a_source_footnote_after_the_data_is_a_note_with_its_line_not_a_row():
    """F7: "Lähde: …" under the table failed the whole workbook (its cells read as a data row)."""
    data = _book(
        ["Työvoimabarometri 2026H2"],
        [],
        BAROMETER,
        [2221, "Pirkanmaa", "2026H2", "Paljon pulaa"],
        [],
        ["Lähde: Työ- ja elinkeinoministeriö, Työvoimabarometri"],
        ["Arviot päivitetty 1.9.2026"],
    )
    table = read_table(data)
    assert table.header == ["ammatti", "alue", "ajankohta", "arvio"]
    assert table.rows == [(4, ["2221", "Pirkanmaa", "2026H2", "Paljon pulaa"])]
    assert table.notes == [
        (6, "Lähde: Työ- ja elinkeinoministeriö, Työvoimabarometri"),
        (7, "Arviot päivitetty 1.9.2026"),
    ]
    assert list(table.note_warnings()) == [6, 7] and "skipped" in table.note_warnings()[6][0]
    assert "header on line 3" in table.described


def test_the_same_footnote_in_a_csv_saved_from_excel_is_a_note_too():
    text = "Työvoimabarometri 2026H2;;;\r\nAmmatti;Alue;Ajankohta;Arvio\r\n2221;Pirkanmaa;2026H2;Pulaa\r\n;;;\r\nLähde: TEM;;;\r\n"
    table = read_table(text.encode("utf-8-sig"))
    assert table.rows == [(3, ["2221", "Pirkanmaa", "2026H2", "Pulaa"])]
    assert table.notes == [(5, "Lähde: TEM")]


def test_a_row_of_one_cell_inside_or_at_the_end_of_the_data_stays_a_data_row_for_the_importer_to_name():
    """A truncated row ("HITS-24", "2221") is no note: the importer names what it lacks."""
    table = read_table(b"Ammatti;Alue;Ajankohta;Arvio\n2221\n5120;Pirkanmaa;2026H2;Pulaa\n7212\n")
    assert [line for line, _ in table.rows] == [2, 3, 4] and table.notes == []
    marked = read_table(
        b"Ammatti;Alue;Ajankohta;Arvio\n2221;Pirkanmaa;2026H2;Pulaa\nHuom. arvio muuttui\n5120;Pirkanmaa;2026H2;Pulaa\n"
    )
    assert [line for line, _ in marked.rows] == [2, 4] and marked.notes == [(3, "Huom. arvio muuttui")]


def test_the_caller_recognises_its_header_below_title_rows_of_two_cells():
    """A title row of two cells ("Päivitetty:", a date) was taken for the header."""
    data = _book(
        ["Työvoimabarometri", "2026H2"],
        ["Päivitetty:", "1.9.2026"],
        BAROMETER,
        [2221, "Pirkanmaa", "2026H2", "Pulaa"],
    )
    table = read_table(
        data, header=lambda cells: [c.lower() for c in cells[:4]] == ["ammatti", "alue", "ajankohta", "arvio"]
    )
    assert table.header == ["ammatti", "alue", "ajankohta", "arvio"]
    assert table.rows == [(4, ["2221", "Pirkanmaa", "2026H2", "Pulaa"])]


@pytest.mark.parametrize(
    ("text", "day"),
    [
        ("46082", date(2026, 3, 1)),
        ("46082.0", date(2026, 3, 1)),  # a date cell read as a float
        ("46082,5", date(2026, 3, 1)),  # noon, as a Finnish CSV writes the decimal
        ("36526", date(2000, 1, 1)),
        ("73415", date(2100, 12, 31)),
        ("36525", None),  # 31.12.1999: no date an import means
        ("73416", None),
        ("2221", None),
        ("1.3.2026", None),
        ("", None),
    ],
)
def test_an_excel_date_serial_is_read_with_openpyxls_own_conversion(text, day):
    from shared.tables import excel_date

    assert excel_date(text) == day


def test_a_title_holding_a_comma_above_a_semicolon_header_does_not_decide_the_separator():
    text = "Työvoimabarometri, Pirkanmaa\r\nAmmatti;Alue;Ajankohta;Arvio\r\n2221;Pirkanmaa;2026H2;Pulaa\r\n"
    table = read_table(text.encode(), header=lambda cells: "ammatti" in [c.lower() for c in cells])
    assert table.header == ["ammatti", "alue", "ajankohta", "arvio"] and "';'-separated" in table.described


def test_a_cell_over_the_csv_limit_is_a_table_error_when_the_caller_looks_for_its_header_too():
    """The header probe split each line on its own and crashed on a 1 MB cell (tests/api/test_bad_input.py)."""
    data = b"Ammatti;Alue\n" + b"x" * 2**20 + b";y\n"
    with pytest.raises(TableError, match="Not valid CSV"):
        read_table(data, header=lambda cells: "ammatti" in [c.lower() for c in cells])


# -- outside tester 26, T26-11: footnotes of any form, an instructions sheet first ------------------
def test_any_one_cell_line_of_several_words_below_the_data_is_a_note_as_blank_rows_are_skipped():
    """T26-11: a footnote not starting with a letter or "*" ("1) …", "(c) …") sank the file; a single
    word there ("7212") is still a data row cut short, and a footnote filling several cells is data."""
    data = _book(
        ["Työvoimabarometri 2026H2"],
        ["Päivitetty 1.12.2026"],
        [],
        BAROMETER,
        [2221, "Pirkanmaa", date(2026, 12, 1), "Pulaa"],
        [5120, "Pirkanmaa", date(2026, 12, 1), "Pulaa"],
        [],
        ["Lähde: KEHA-keskus / Työmarkkinatori. * = arvio perustuu alle kolmeen vastaukseen."],
        ["* = arvio perustuu alle kolmeen vastaukseen"],
        ["1) Ennakkotieto, tarkentuu"],
        ["(c) KEHA-keskus 2026"],
    )
    table = read_table(data)
    assert [line for line, _ in table.rows] == [5, 6]
    assert [line for line, _ in table.notes] == [8, 9, 10, 11]
    assert table.notes[2] == (10, "1) Ennakkotieto, tarkentuu")
    cut = read_table(b"Ammatti;Alue;Ajankohta;Arvio\n2221;Pirkanmaa;2026H2;Pulaa\n7212\n1) arvio\n")
    assert [line for line, _ in cut.rows] == [2, 3] and cut.notes == [(4, "1) arvio")]
    wide = read_table(b"Ammatti;Alue;Ajankohta;Arvio\n2221;Pirkanmaa;2026H2;Pulaa\nLahde: TEM;2026;;\n")
    assert [line for line, _ in wide.rows] == [2, 3] and wide.notes == []


def _sheets(**sheets):
    book = Workbook()
    book.remove(book.active)
    for title, rows in sheets.items():
        sheet = book.create_sheet(title)
        for row in rows:
            sheet.append(list(row))
    out = io.BytesIO()
    book.save(out)
    return out.getvalue()


def _is_barometer(cells):
    return [c.strip().lower() for c in cells[:4]] == ["ammatti", "alue", "ajankohta", "arvio"]


@pytest.mark.parametrize("first", ["Tietoja", "Ohjeet", "Info"])
def test_a_workbook_whose_first_sheet_is_instructions_is_read_from_the_sheet_with_the_header(first):
    """T26-11: the table on "Data" after a "Tietoja" sheet was refused as "Missing column(s) … sheet 'Tietoja'"."""
    data = _sheets(
        **{
            first: [
                ["Tämä työkirja sisältää työvoimabarometrin arviot."],
                ["Arvio", "1 = ylitarjontaa … 5 = pulaa"],
            ]
        },
        Data=[["Työvoimabarometri"], BAROMETER, [2221, "Pirkanmaa", "2026H2", "Pulaa"], ["Lähde: TEM"]],
    )
    table = read_table(data, header=_is_barometer)
    assert table.header == ["ammatti", "alue", "ajankohta", "arvio"]
    assert table.rows == [(3, ["2221", "Pirkanmaa", "2026H2", "Pulaa"])] and table.notes == [
        (4, "Lähde: TEM")
    ]
    assert table.described == (
        f"Excel workbook, sheet 'Data' (the first with the header row; skipped '{first}'), header on line 2"
    )


def test_a_workbook_with_no_sheet_holding_the_header_reads_its_first_and_names_the_others():
    data = _sheets(Tietoja=[["Ohje"], ["a", "b"]], Data=[["x", "y"], ["1", "2"]])
    table = read_table(data, header=_is_barometer)
    assert table.header == ["a", "b"]
    assert "sheet 'Tietoja' (no sheet has the header row; the others: 'Data')" in table.described
    assert read_table(data).described == "Excel workbook, sheet 'Tietoja', header on line 2"


def test_a_formula_without_a_saved_value_is_named_on_the_sheet_that_is_read():
    data = _sheets(Ohjeet=[["Lue tämä"]], Data=[BAROMETER, [2221, "Pirkanmaa", "2026H2", "=A1"]])
    with pytest.raises(TableError) as refused:
        read_table(data, header=_is_barometer)
    assert "Cell D2 is a formula" in refused.value.errors[2][0]


@pytest.mark.parametrize(
    ("data", "line", "column"),
    [
        (b"course_id;title_fi\nc1;A\x00B\n", 2, "'title_fi'"),  # outside tester 34, F9: stored as "A\x00B"
        (b"course_id,title_fi\nc1,ok\nc2,\x00\n", 3, "'title_fi'"),
        (b"\xef\xbb\xbfcourse_id;title_fi\r\n\x00c1;ok\r\n", 2, "'course_id'"),
        (b"course_id;title\x00_fi\nc1;ok\n", 1, "2"),  # in the header: by its number
        ("course_id\ttitle_fi\nc1\tA\x00B\n".encode("utf-16"), 2, "'title_fi'"),
    ],
)
def test_a_nul_in_any_cell_is_refused_naming_its_line_and_column(data, line, column):
    """No database stores NUL (PostgreSQL refuses it in text): a file's cell is refused as a JSON body's
    string is, with the line and the column named, and nothing is read."""
    with pytest.raises(TableError) as raised:
        read_table(data)
    [reason] = raised.value.errors[line]
    assert reason.startswith(f"Column {column}: NUL"), reason


def _workbook_with_a_hidden_first_sheet() -> bytes:
    book = Workbook()
    hidden = book.active
    hidden.title = "Vanha"
    hidden.append(["course_id", "title_fi"])
    hidden.append(["OLD-1", "Hidden course"])
    shown = book.create_sheet("Kurssit")
    shown.append(["course_id", "title_fi"])
    shown.append(["NEW-1", "Shown course"])
    hidden.sheet_state = "hidden"
    out = io.BytesIO()
    book.save(out)
    return out.getvalue()


@pytest.mark.parametrize("header", [None, lambda cells: "course_id" in cells])
def test_a_hidden_first_sheet_is_never_read_the_first_visible_one_is(header):
    """Outside tester 35, F8: a shortage workbook whose first sheet was hidden was imported from it, not from the
    sheet the operator saw."""
    table = read_table(_workbook_with_a_hidden_first_sheet(), "kurssit.xlsx", header=header)
    assert [cells for _, cells in table.rows] == [["NEW-1", "Shown course"]]
    assert "'Kurssit'" in table.described and "Vanha" not in table.described


def test_a_hidden_row_of_the_visible_sheet_is_skipped_and_named_as_a_warning():
    """Outside tester 35b, G8: a hidden row of a visible sheet was imported without a word; what is read is what
    the operator sees in Excel, and the row skipped is named on its line."""
    book = Workbook()
    sheet = book.active
    for cells in (
        ["course_id", "title_fi"],
        ["SEEN-1", "Näkyvä"],
        ["hidden-row-1", "Piilossa"],
        ["SEEN-2", "Toinen"],
    ):
        sheet.append(cells)
    sheet.row_dimensions[3].hidden = True
    out = io.BytesIO()
    book.save(out)
    table = read_table(out.getvalue(), "catalogue.xlsx")
    assert [cells[0] for _, cells in table.rows] == ["SEEN-1", "SEEN-2"]
    assert table.hidden == [3]
    assert list(table.note_warnings()) == [3] and "hidden row" in table.note_warnings()[3][0]
    shown = io.BytesIO()
    sheet.row_dimensions[3].hidden = False
    book.save(shown)
    assert read_table(shown.getvalue(), "catalogue.xlsx").note_warnings() == {}


@pytest.mark.parametrize(("end", "name"), [("\r\n", "CRLF"), ("\n", "LF"), ("\r", "CR")])
def test_a_csvs_line_ends_are_read_and_named_as_the_file_has_them(end, name):
    """Outside tester 35: a file with a lone CR at each line end (classic Mac OS, some exports) was read right but
    reported as "LF line ends"."""
    lines = [
        "occupation;region;period;level",
        "2221;pirkanmaa;2026H2;shortage",
        "5321;national;2026H2;shortage",
    ]
    table = read_table((end.join(lines) + end).encode())
    assert table.header == ["occupation", "region", "period", "level"]
    assert table.rows == [
        (2, ["2221", "pirkanmaa", "2026H2", "shortage"]),
        (3, ["5321", "national", "2026H2", "shortage"]),
    ]
    assert table.described == f"CSV, ';'-separated, UTF-8, {name} line ends"


def test_a_line_break_inside_a_cell_does_not_decide_the_files_line_ends():
    """Excel ends its records with CRLF and a line break inside a quoted cell with LF."""
    text = 'occupation;region;note\r\n2221;pirkanmaa;"two\nlines"\r\n'
    assert read_table(text.encode()).described == "CSV, ';'-separated, UTF-8, CRLF line ends"
