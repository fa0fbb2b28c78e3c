"""docs/architecture.md's diagrams name what the code has: every topic is a declared one and every
declared topic is shown, every module a box of the matching diagram names exists, and the domain box
names exactly the libraries the domain core imports (session 35, docs35: it named four of seven)."""

from __future__ import annotations

import ast
import re
import sys

from shared.config import REPO_ROOT
from shared.messaging.topics import names as topic_names

DOC = REPO_ROOT / "docs" / "architecture.md"
MATCHING = REPO_ROOT / "services" / "matching"


def diagrams() -> list[str]:
    return re.findall(r"```mermaid\n(.*?)```", DOC.read_text(), flags=re.S)


def test_the_page_has_the_system_diagram_and_the_matching_service_diagram() -> None:
    assert len(diagrams()) == 2


def test_every_topic_in_the_system_diagram_is_declared() -> None:
    shown = set(re.findall(r"kohtaanto\.[a-z]+\.v\d+", diagrams()[0]))
    assert shown == set(topic_names())


def test_every_module_a_box_of_the_matching_diagram_names_exists_in_its_part() -> None:
    inner = diagrams()[1]
    parts = {
        "team": MATCHING / "team",
        "index": MATCHING / "index",
        "domain": MATCHING / "index" / "domain",
    }
    missing = []
    for line in inner.splitlines():
        modules = re.findall(r"\b([a-z_0-9]+\.py)\b", line)
        if not modules:
            continue
        homes = [MATCHING, *parts.values()]
        for module in modules:
            if not any((home / module).exists() for home in homes):
                missing.append(module)
    assert missing == []


def test_the_domain_box_names_every_library_the_domain_core_imports() -> None:
    label = re.search(r'subgraph domain\["domain/ — ([^"]+) only"\]', diagrams()[1])
    assert label is not None
    named = {name.strip().replace("scikit-learn", "sklearn") for name in label.group(1).split("·")}
    imported: set[str] = set()
    for path in (MATCHING / "index" / "domain").glob("*.py"):
        for node in ast.walk(ast.parse(path.read_text())):
            if isinstance(node, ast.Import):
                imported |= {alias.name.split(".")[0] for alias in node.names}
            elif isinstance(node, ast.ImportFrom) and node.level == 0 and node.module:
                imported.add(node.module.split(".")[0])
    libraries = imported - set(sys.stdlib_module_names) - {"services", "__future__"}
    assert named == libraries
