"""deploy/ensure-test-tools.sh waits for the dpkg lock instead of failing on a busy new VM."""

from __future__ import annotations

import re

from shared.config import REPO_ROOT


def test_every_apt_run_waits_for_the_dpkg_lock() -> None:
    script = (REPO_ROOT / "deploy" / "ensure-test-tools.sh").read_text()
    assert re.search(r"APT=\(apt-get -o DPkg::Lock::Timeout=\d{3,}\)", script)
    for line in script.splitlines():
        code = line.split("#", 1)[0]
        if re.search(r"^\s*(\"\$\{APT\[@\]\}\"|apt-get)\s+(-\S+\s+)*(install|update|upgrade)\b", code):
            assert "${APT[@]}" in code, line
