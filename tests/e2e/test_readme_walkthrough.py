"""The README's "From a clone to your own shortlist" runs as written — only the ports are the test
stack's — and ends with the newcomer's own jobseeker on the shortlist they asked for (real broker,
real services)."""

from __future__ import annotations

import json
import os
import re
import subprocess
from pathlib import Path

from shared.config import REPO_ROOT
from tests.helpers import JWT_SECRET

DEMO_PORTS = {"vacancy": 8001, "profile": 8002, "matching": 8003}


def walkthrough() -> str:
    """The shell block of the README's walkthrough section."""
    text = (REPO_ROOT / "README.md").read_text(encoding="utf-8")
    section = text.split("\n## From a clone to your own shortlist\n", 1)[1].split("\n## ", 1)[0]
    (block,) = re.findall(r"```sh\n(.*?)```", section, flags=re.S)
    return block


def test_the_readme_walkthrough_gets_a_newcomer_their_own_shortlist(stack, tmp_path: Path) -> None:
    script = walkthrough()
    for service, port in DEMO_PORTS.items():
        assert f"http://127.0.0.1:{port}/" in script, service
        script = script.replace(f"http://127.0.0.1:{port}/", f"http://127.0.0.1:{stack.ports[service]}/")
    # A clone after `make demo`: the demo's signing key in .demo/secrets.json, the venv in .venv.
    (tmp_path / ".demo").mkdir()
    (tmp_path / ".demo" / "secrets.json").write_text(json.dumps({"KOHTAANTO_JWT_SECRET": JWT_SECRET}))
    (tmp_path / ".venv").symlink_to(REPO_ROOT / ".venv")
    env = {k: v for k, v in os.environ.items() if not k.startswith(("KOHTAANTO_", "KAFKA_"))}
    done = subprocess.run(
        ["bash", "-eu", "-c", script], cwd=tmp_path, env=env, capture_output=True, text=True, timeout=300
    )
    shortlist = tmp_path / "shortlist.json"
    assert done.returncode == 0, (
        done.stderr[-3000:],
        shortlist.read_text()[:1500] if shortlist.exists() else None,
    )
    rank, candidate, score = done.stdout.split()
    assert int(rank) >= 1 and float(score) > 0
    assert candidate in (tmp_path / "shortlist.json").read_text()
