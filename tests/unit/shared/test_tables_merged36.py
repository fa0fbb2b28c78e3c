"""Outside tester 36, H10: a workbook's merged ranges are read as Excel shows them. A range's value stands in every
data cell it covers, and each such cell is named in the table's warnings with its range; titles, notes and the
header merged across the columns stay as they were (``shared.tables.read_table``)."""

import io
import zipfile

from openpyxl import Workbook

from shared.tables import read_table

HEADER = ["occupation", "region", "period", "level"]


def workbook(rows, merges=(), hidden=()):
    book = Workbook()
    for cells in rows:
        book.active.append(cells)
    for cells_range in merges:
        book.active.merge_cells(cells_range)
    for row in hidden:
        book.active.row_dimensions[row].hidden = True
    out = io.BytesIO()
    book.save(out)
    return out.getvalue()


def is_header(cells):
    return [c.strip().lower() for c in cells[:4]] == HEADER


def test_a_region_merged_over_three_rows_is_read_on_each_and_each_covered_cell_is_named():
    table = read_table(
        workbook(
            [HEADER, ["2221", "pirkanmaa", "2026H2", "shortage"], ["5321", None, "2026H2", "shortage"],
             ["7512", None, "2026H2", "balance"]],
            merges=["B2:B4"],
        )
    )  # fmt: skip
    assert [cells[1] for _, cells in table.rows] == ["pirkanmaa"] * 3
    warnings = table.note_warnings()
    assert set(warnings) == {3, 4}
    assert warnings[3] == [
        "Cell B3 is part of the merged cells B2:B4: read as 'pirkanmaa', as Excel shows it."
    ]


def test_a_range_across_rows_and_columns_fills_every_cell_it_covers_and_names_them_per_row():
    table = read_table(
        workbook(
            [HEADER, ["2221", "pirkanmaa", "2026H2", "shortage"], ["5321", None, None, "shortage"]],
            merges=["B2:C3"],
        )
    )
    assert table.rows[1][1][1:3] == ["pirkanmaa", "pirkanmaa"]
    assert table.rows[0][1][2] == "pirkanmaa"  # Excel shows the range's value across its first row too
    assert any("B3:C3" in w for w in table.note_warnings()[3]), table.note_warnings()


def test_a_title_and_a_note_merged_across_the_columns_stay_a_title_and_a_note():
    table = read_table(
        workbook(
            [["Työvoimabarometri 2026H2"], HEADER, ["2221", "pirkanmaa", "2026H2", "shortage"],
             ["Lähde: Työ- ja elinkeinoministeriö"]],
            merges=["A1:D1", "A4:D4"],
        ),
        header=is_header,
    )  # fmt: skip
    assert table.header == HEADER and len(table.rows) == 1
    assert table.notes == [(4, "Lähde: Työ- ja elinkeinoministeriö")]
    assert not any("merged" in w for ws in table.note_warnings().values() for w in ws)


def test_an_empty_merged_range_and_a_range_from_a_hidden_row_fill_nothing():
    table = read_table(
        workbook(
            [HEADER, ["2221", None, "2026H2", "shortage"], ["5321", None, "2026H2", "shortage"],
             ["7512", "pirkanmaa", "2026H2", "shortage"], ["7513", None, "2026H2", "shortage"]],
            merges=["B2:B3", "B4:B5"],
            hidden=[4],
        )
    )  # fmt: skip
    assert [cells[1] for _, cells in table.rows] == ["", "", ""]
    assert table.merged == []


def test_a_range_declared_over_the_whole_sheet_reads_only_the_rows_and_columns_there_are():
    data = workbook([HEADER, ["2221", "pirkanmaa", "2026H2", "shortage"]], merges=["B2:C2"])
    out = io.BytesIO()
    with zipfile.ZipFile(io.BytesIO(data)) as source, zipfile.ZipFile(out, "w") as target:
        for item in source.infolist():  # the range as a file may declare it, which openpyxl would not write
            part = source.read(item.filename)
            target.writestr(item, part.replace(b'ref="B2:C2"', b'ref="B2:XFD1048576"'))
    table = read_table(out.getvalue())
    assert table.rows == [(2, ["2221", "pirkanmaa", "pirkanmaa", "pirkanmaa"] + ["pirkanmaa"] * 252)]
