"""Cell values of uploaded tables as Finnish, Swedish and English spreadsheets write them (outside tester 37,
K4): yes and no (``yes_no``: the words, and Excel's booleans as fi-FI and sv-FI Excel save them into a CSV,
TOSI/EPÄTOSI and SANT/FALSKT), numbers with a decimal comma and digit groups (``decimal_number``, Babel's
``parse_decimal``), and Excel's error values (``excel_error``: #N/A, #PUUTTUU!, #SAKNAS!, …), which are never
read as data but are a reason naming the column (``error_reasons``). Every import of the team reads its
cells through these (the training catalogue, ``training``; the shortage lists, ``shortages``).

Pure: openpyxl (its list of error codes) and Babel (number parsing), no Flask nor the shared plumbing, so
the domain core ``training`` may import it (import-linter's domain contract).
"""

from __future__ import annotations

import math
import re
from collections.abc import Mapping

from services.kernel.texts import N_

#: Yes and no as a table's cell may write them: the words in English, Finnish and Swedish and their
#: initials, 1/0 and "x", and the boolean values as each locale's Excel writes a boolean cell into a CSV
#: (the names of its TRUE and FALSE functions: TOSI/EPÄTOSI in Finnish Excel, SANT/FALSKT in Swedish;
#: an .xlsx keeps a boolean cell as a boolean, ``shared.tables.cell_text`` gives TRUE/FALSE). Compared case-folded.
YES_WORDS = frozenset({"yes", "y", "kyllä", "kylla", "k", "ja", "j", "true", "1", "x", "tosi", "sant"})
NO_WORDS = frozenset({"no", "n", "ei", "e", "nej", "false", "0", "", "epätosi", "epatosi", "falskt"})


def yes_no(text: str) -> bool | None:
    """``text`` (a table's cell) as yes (True) or no (False) by ``YES_WORDS``/``NO_WORDS``, case and
    surrounding blanks ignored (an empty cell is no); None for anything else, an Excel error value
    (``excel_error``) included: the caller's reason names the column."""
    folded = " ".join(text.split()).casefold()
    if folded in YES_WORDS:
        return True
    if folded in NO_WORDS:
        return False
    return None


#: Excel's error values as a formula cell shows them and a CSV saved from it holds them, in English (as an
#: .xlsx stores them whatever the locale: openpyxl's ``openpyxl.cell.cell.ERROR_CODES``), Finnish and Swedish
#: Excel (#N/A = #PUUTTUU! = #SAKNAS!), and the newer ones of Microsoft 365 (#SPILL!, #CALC!, …).
EXCEL_ERRORS_LOCALISED = frozenset(
    {
        "#PUUTTUU!", "#JAKO/0!", "#ARVO!", "#VIITTAUS!", "#NIMI?", "#LUKU!", "#TYHJÄ!",
        "#SAKNAS!", "#DIVISION/0!", "#VÄRDEFEL!", "#REFERENS!", "#NAMN?", "#OGILTIGT!", "#SKÄRNING!",
        "#SPILL!", "#CALC!", "#FIELD!", "#BLOCKED!", "#CONNECT!", "#BUSY!", "#UNKNOWN!", "#GETTING_DATA",
    }
)  # fmt: skip
#: The shape of any locale's error value: "#", capitals (digits, "/" or "_" inside), and "!" or "?".
_EXCEL_ERROR_SHAPE = re.compile(r"#[A-ZÅÄÖÜ][A-ZÅÄÖÜ0-9/_]*[!?]")


def excel_error(text: str) -> str | None:
    """The error value ``text`` is (``"#N/A"``, ``"#PUUTTUU!"``, ``"#DIV/0!"``: a formula that found no value,
    as Excel shows it and saves it into a CSV), else None. Known values are those of openpyxl's
    ``ERROR_CODES`` and ``EXCEL_ERRORS_LOCALISED``; any other text of their shape (``_EXCEL_ERROR_SHAPE``, in
    capitals) is taken as one of another locale. Such a cell is never read as data: ``error_reasons``."""
    from openpyxl.cell.cell import ERROR_CODES

    raw = text.strip()
    if raw in ERROR_CODES or raw.upper() in EXCEL_ERRORS_LOCALISED or _EXCEL_ERROR_SHAPE.fullmatch(raw):
        return raw
    return None


#: A cell holding an error value: the line's reason for its column. Marked for translation where it is shown.
EXCEL_ERROR_CELL = N_(
    "%(column)s: the cell holds the spreadsheet error %(value)s (a formula that gave no value), not data: "
    "correct the cell and save the file again."
)


def error_reasons(cells: Mapping[str, str]) -> dict[str, str]:
    """Column → its reason (``EXCEL_ERROR_CELL``) for each of ``cells`` (column → cell text) holding an Excel
    error value (``excel_error``); empty when none does. An importer reports these per line instead of
    reading such a cell (a #N/A in a yes/no column is no "no", a #DIV/0! no length)."""
    return {
        column: EXCEL_ERROR_CELL % {"column": column, "value": found}
        for column, text in cells.items()
        if (found := excel_error(text)) is not None
    }


#: Spaces that Finnish and Swedish number formats put between digit groups (CLDR's fi and sv group symbol
#: is the no-break space; Excel and other programs write a space, a narrow no-break or a thin space).
_GROUP_SPACES = re.compile(r"(?<=\d)[ \u00a0\u202f\u2009](?=\d{3}(?:\D|$))")


def decimal_number(text: str) -> float | None:
    """A number as Finnish, Swedish or English spreadsheets write it: a decimal comma or point (``12,5``,
    ``12.5``), digit groups set apart by a space, no-break, narrow no-break or thin space (``1 234,5``),
    a sign; parsed by Babel's ``babel.numbers.parse_decimal`` in its strict mode with the fi_FI locale
    (which takes ``.`` as the decimal point too, and refuses misplaced groups: ``1 23``), once each group
    space is the locale's no-break space. None for anything else, a percentage (``50 %``: no column takes
    one), an Excel error value, infinity and NaN included."""
    from babel.numbers import NumberFormatError, parse_decimal

    raw = text.strip()
    if not raw or not re.fullmatch(r"[-+−]?[\d \u00a0\u202f\u2009]*\d(?:[.,]\d+)?", raw):
        return None
    try:
        value = float(
            parse_decimal(_GROUP_SPACES.sub("\u00a0", raw.replace("−", "-")), locale="fi_FI", strict=True)
        )
    except (NumberFormatError, ValueError):
        return None
    return value if math.isfinite(value) else None
