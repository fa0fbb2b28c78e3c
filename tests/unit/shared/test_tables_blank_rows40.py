"""Outside tester 40, T40-1: a workbook without a declared used range is read 256 columns wide, and each
blank cell was made text: 100,000 empty rows (15 KB on the wire) or one cell on row 1,048,576 (3 KB) cost
25-33 s of the service's CPU before "No courses in the file". Blank rows are now passed over in C and
only a row's cells up to its last filled one are made text; what is read is unchanged. (Contents are
asserted here; the CPU figures are in notes/fix40.md.)"""

import io
import zipfile

from shared.tables import read_table

HEADER = ["course_id", "provider", "title_fi"]


def inline(value):
    return f'<c t="inlineStr"><is><t>{value}</t></is></c>'


def workbook(rows_xml: str, dimension: str | None = None) -> bytes:
    """The tester's workbook (``mkx.py``): one sheet of inline strings, no ``<dimension>`` unless given."""
    main = "http://schemas.openxmlformats.org/spreadsheetml/2006/main"
    rel = "http://schemas.openxmlformats.org/officeDocument/2006/relationships"
    pkg = "http://schemas.openxmlformats.org/package/2006"
    sheet = (
        f'<worksheet xmlns="{main}">'
        + (f'<dimension ref="{dimension}"/>' if dimension else "")
        + "<sheetData><row>"
        + "".join(inline(h) for h in HEADER)
        + "</row>"
        + rows_xml
        + "</sheetData></worksheet>"
    )
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as z:
        z.writestr(
            "[Content_Types].xml",
            f'<Types xmlns="{pkg}/content-types"><Default Extension="rels" '
            f'ContentType="application/vnd.openxmlformats-package.relationships+xml"/>'
            '<Default Extension="xml" ContentType="application/xml"/><Override PartName="/xl/workbook.xml" '
            'ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml"/>'
            '<Override PartName="/xl/worksheets/sheet1.xml" '
            'ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml"/></Types>',
        )
        z.writestr(
            "_rels/.rels",
            f'<Relationships xmlns="{pkg}/relationships"><Relationship Id="rId1" '
            f'Type="{rel}/officeDocument" Target="xl/workbook.xml"/></Relationships>',
        )
        z.writestr(
            "xl/workbook.xml",
            f'<workbook xmlns="{main}" xmlns:r="{rel}"><sheets><sheet name="Sheet1" sheetId="1" r:id="rId1"/>'
            "</sheets></workbook>",
        )
        z.writestr(
            "xl/_rels/workbook.xml.rels",
            f'<Relationships xmlns="{pkg}/relationships"><Relationship Id="rId1" '
            f'Type="{rel}/worksheet" Target="worksheets/sheet1.xml"/></Relationships>',
        )
        z.writestr("xl/worksheets/sheet1.xml", sheet)
    return out.getvalue()


def test_empty_rows_of_empty_inline_strings_read_as_no_rows():
    table = read_table(workbook(f"<row>{inline('')}</row>" * 5_000), "r.xlsx")
    assert (table.header, table.rows) == (HEADER, [])


def test_a_row_after_blank_ones_is_read_to_its_last_filled_cell_with_its_line_number():
    rows = f"<row>{inline('')}</row>" * 300 + '<row r="500"><c r="A500" t="inlineStr"><is><t>k1</t></is></c>'
    rows += '<c r="C500" t="inlineStr"><is><t>Hitsaus</t></is></c><c r="H500" t="inlineStr"><is><t></t></is></c></row>'
    table = read_table(workbook(rows), "r.xlsx")
    assert table.rows == [(500, ["k1", "", "Hitsaus"])]


def test_a_declared_used_range_keeps_a_rows_blank_cells_to_its_width():
    rows = '<row r="2"><c r="A2" t="inlineStr"><is><t>k1</t></is></c><c r="B2"><v>0</v></c></row>'
    table = read_table(workbook(rows, dimension="A1:E2"), "r.xlsx")
    assert table.rows == [(2, ["k1", "0", "", "", ""])]


def test_a_single_cell_far_below_the_rows_read_is_not_read():
    far = '<row r="1048576"><c r="XFD1048576" t="inlineStr"><is><t>x</t></is></c></row>'
    table = read_table(workbook(f"<row>{inline('')}</row>" * 10 + far), "r.xlsx")
    assert table.rows == []
