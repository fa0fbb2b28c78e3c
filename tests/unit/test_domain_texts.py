"""Every text the services produce for people goes through the message catalogues.

Walks the source of every service: a refusal's message (``abort(message=…)``), its field-level
reasons (``errors=…``, ``errors[field] = [...]``, ``reasons.append(...)``, marshmallow's
``ValidationError``) and the text of a domain error that an API shows (``raise XError("…")``) must be
marked with ``N_()`` (domain, ``services.kernel.texts``) or ``gettext``: then ``make translations``
extracts it, ``tests/unit/shared/test_i18n.py`` checks it has a Finnish, Swedish and English
wording, and the edge (``shared.i18n.translate_text``) shows it in the caller's language. A value goes
in as a ``%(name)s`` placeholder, never an f-string (the edge recognises the message by its
placeholders). Before this test, paths/vouchers/ratings, training-catalogue, shortage-file and
outcome reasons reached Swedish and Finnish callers in English.
"""

from __future__ import annotations

import ast
from collections.abc import Iterator
from pathlib import Path

from shared.config import REPO_ROOT

MARKERS = {"N_", "gettext", "_", "lazy_gettext", "ngettext"}

#: Exceptions whose argument no person reads as a sentence: programming errors and what operators
#: read in logs or dead letters (``PoisonMessageError``, reference/snapshot/record errors), and
#: errors that carry an id or key while the API answers with a fixed, catalogued message.
NOT_SHOWN = {
    "AssertionError",
    "KeyError",
    "LookupError",
    "NotImplementedError",
    "RuntimeError",
    "SystemExit",
    "TypeError",
    "ValueError",  # shown only where caught and re-worded; the shortage-file ones are marked anyway
    "PoisonMessageError",
    "InvalidRecordError",
    "ReferenceDataError",
    "SnapshotError",
    "MeetingNotPreparedError",
    "MeetingTooFarAheadError",
    "MeetingLockedError",
    "MeetingWeekEndedError",
    "AlreadyRatedError",
    "LinkUnusableError",
    "OutcomeConflictError",
    "CandidateUnknownError",
    "VacancyUnknownError",
    "ShortageListUnknownError",
}


def _name(node: ast.expr) -> str | None:
    return node.id if isinstance(node, ast.Name) else node.attr if isinstance(node, ast.Attribute) else None


def _marked(node: ast.expr) -> bool:
    if isinstance(node, ast.Call) and _name(node.func) in MARKERS:
        return True
    return isinstance(node, ast.BinOp) and isinstance(node.op, ast.Mod) and _marked(node.left)


def _bare(node: ast.expr) -> Iterator[ast.expr]:
    """The texts in ``node`` (a string, f-string, or a dict/list/tuple of them) not marked."""
    if _marked(node):
        return
    if isinstance(node, ast.JoinedStr) or (isinstance(node, ast.Constant) and isinstance(node.value, str)):
        yield node
    elif isinstance(node, ast.Dict):
        for value in node.values:
            yield from _bare(value)
    elif isinstance(node, ast.List | ast.Tuple):
        for value in node.elts:
            yield from _bare(value)


def _shown(tree: ast.AST) -> Iterator[ast.expr]:
    """Every unmarked text in a place a person reads it (see the module doc)."""
    for node in ast.walk(tree):
        if isinstance(node, ast.Raise) and isinstance(node.exc, ast.Call):
            cls = _name(node.exc.func) or ""
            if cls not in NOT_SHOWN and not cls.endswith("NotFoundError"):
                for arg in node.exc.args[:1]:
                    yield from _bare(arg)
        elif isinstance(node, ast.Call) and _name(node.func) == "abort":
            for kw in node.keywords:
                if kw.arg in ("message", "errors"):
                    yield from _bare(kw.value)
        elif isinstance(node, ast.Call) and _name(node.func) == "ValidationError":
            for arg in node.args[:1]:
                yield from _bare(arg)
        elif (
            isinstance(node, ast.Assign)
            and isinstance(node.targets[0], ast.Subscript)
            and _name(node.targets[0].value) == "errors"
        ):
            yield from _bare(node.value)
        elif isinstance(node, ast.Call) and isinstance(node.func, ast.Attribute):
            if node.func.attr == "append" and _name(node.func.value) in ("reasons", "errors"):
                for arg in node.args[:1]:
                    yield from _bare(arg)
        elif isinstance(node, ast.AugAssign) and _name(node.target) == "reasons":
            yield from _bare(node.value)


def _sources() -> Iterator[tuple[Path, ast.AST]]:
    for path in sorted((REPO_ROOT / "services").rglob("*.py")):
        if "migrations" not in path.parts:
            yield path, ast.parse(path.read_text(encoding="utf-8"))


def test_every_text_a_person_reads_in_a_refusal_is_marked_for_the_catalogues():
    unmarked = sorted(
        {
            f"{path.relative_to(REPO_ROOT)}:{node.lineno}: {ast.unparse(node)[:80]}"
            for path, tree in _sources()
            for node in _shown(tree)
        }
    )
    assert not unmarked, "mark with N_()/gettext and run `make translations`:\n" + "\n".join(unmarked)


def test_a_marked_text_is_a_literal_so_that_the_catalogues_can_hold_it():
    """``N_(f"…")`` or ``gettext(variable)`` would be extracted as nothing and shown in English."""
    bad = [
        f"{path.relative_to(REPO_ROOT)}:{node.lineno}: {ast.unparse(node)[:80]}"
        for path, tree in _sources()
        for node in ast.walk(tree)
        if isinstance(node, ast.Call)
        and _name(node.func) in ("N_", "lazy_gettext")
        and not (node.args and isinstance(node.args[0], ast.Constant) and isinstance(node.args[0].value, str))
    ]
    assert not bad, "\n".join(bad)


def test_the_walk_finds_what_it_looks_for():
    """The walk itself: an unmarked reason, message and domain error are found; marked ones are not."""
    source = """
def view():
    abort(409, message="Bare.", errors={"json": {"x": ["Bare too."]}})
    abort(409, message=gettext("Marked."))
    errors["x"] = [f"Bare {x}."]
    errors["y"] = [N_("Marked %(x)s.") % {"x": x}]
    reasons.append("Bare.")
    raise PathConflictError(f"step {x} is closed")
    raise PathConflictError(N_("step %(id)s is closed") % {"id": x})
    raise PathNotFoundError(f"step {x}")
"""
    found = {(n.lineno, ast.unparse(n)) for n in _shown(ast.parse(source))}
    assert sorted(found) == [
        (3, "'Bare too.'"),
        (3, "'Bare.'"),
        (5, "f'Bare {x}.'"),
        (7, "'Bare.'"),
        (8, "f'step {x} is closed'"),
    ]
