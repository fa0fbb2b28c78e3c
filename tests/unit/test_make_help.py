"""``make help`` lists every target a newcomer can run."""

from __future__ import annotations

import re
import subprocess

from shared.config import REPO_ROOT


def test_make_help_lists_every_phony_target() -> None:
    makefile = (REPO_ROOT / "Makefile").read_text()
    phony = re.search(r"^\.PHONY:(.*?)(?<!\\)$", makefile, re.M | re.S)
    assert phony
    targets = set(phony.group(1).replace("\\\n", " ").split())
    shown = subprocess.run(["make", "-s", "help"], cwd=REPO_ROOT, capture_output=True, text=True, check=True)
    listed = {line.split()[1] for line in shown.stdout.splitlines() if line.startswith("make ")}
    assert targets == listed
