"""The demo broker's data and logs are its owner's only (outside tester 34, F12: `.kafka/data`'s log segments,
holding every ``candidate.upserted`` event, were 0644 files in 0755 directories on a shared host)."""

from __future__ import annotations

import os
import stat
from pathlib import Path
from typing import Any

import pytest

from deploy.kafka import broker as module
from deploy.kafka.broker import BROKER_UMASK, LocalBroker, owner_only


def mode(path: Path) -> int:
    return stat.S_IMODE(path.lstat().st_mode)


def test_owner_only_narrows_a_home_started_before_to_0700_directories_and_0600_files(tmp_path):
    data = tmp_path / "data"
    topic = data / "kohtaanto.candidates.v1-0"
    topic.mkdir(parents=True, mode=0o755)
    data.chmod(0o755)
    segment = topic / "00000000000000000000.log"
    segment.write_bytes(b"candidate.upserted")
    segment.chmod(0o644)
    (tmp_path / "elsewhere").write_text("not the broker's")
    (topic / "link").symlink_to(tmp_path / "elsewhere")
    owner_only(data)
    assert (mode(data), mode(topic), mode(segment)) == (0o700, 0o700, 0o600)
    assert mode(tmp_path / "elsewhere") == 0o644  # a link's target is not the broker's
    owner_only(tmp_path / "new" / "logs")
    assert mode(tmp_path / "new" / "logs") == 0o700


def test_the_broker_and_its_storage_tool_run_with_an_owner_only_umask(tmp_path, monkeypatch):
    """What the JVM creates (segments, checkpoints, metadata) is then 0600 in 0700 directories."""
    started: dict[str, Any] = {}
    ran: dict[str, Any] = {}

    class Process:
        pid = 424242

        def __init__(self, command: list[str], **kwargs: Any) -> None:
            started.update(kwargs)

    def run(command: list[str], **kwargs: Any) -> Any:
        ran.update(kwargs)
        return type("Done", (), {"returncode": 0, "stdout": "uuid\n", "stderr": ""})()

    monkeypatch.setattr(module.subprocess, "Popen", Process)
    monkeypatch.setattr(module.subprocess, "run", run)
    monkeypatch.setattr(module, "_port_open", lambda port: False)
    monkeypatch.setattr(module.reaper, "tie_to_owner", lambda *a, **k: None)
    monkeypatch.setattr(LocalBroker, "_java", lambda self: "/bin/true")
    home = tmp_path / "kafka"
    broker = LocalBroker(home, 29731, libs=tmp_path / "libs")
    old = os.umask(0o022)
    try:
        assert broker._launch() == 424242
    finally:
        os.umask(old)
    assert started["umask"] == BROKER_UMASK == 0o077 and ran["umask"] == BROKER_UMASK
    assert (mode(home), mode(broker.data_dir), mode(broker.logs_dir)) == (0o700, 0o700, 0o700)
    assert mode(broker.properties_file) == 0o600 and mode(broker.logs_dir / "kafka.out") == 0o600


@pytest.mark.parametrize("name", ["credentials.json"])
def test_the_passwords_file_stays_0600(tmp_path, name):
    module.load_credentials(tmp_path / name)
    assert mode(tmp_path / name) == 0o600
