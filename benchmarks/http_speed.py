"""HTTP shortlist latency through gunicorn, against a matching service holding N generated profiles.

    python -m benchmarks.http_speed --profiles 1000000 --requests 500 [--json FILE]

Builds the real matching app (``create_app``), bulk-loads N seeded candidates into its index (what
the index feed does from the candidates topic, minus Kafka), serves it with gunicorn (1 worker,
gthread, as in production) in a child process, and times sequential ``GET …/shortlist?k=50`` calls
over a keep-alive connection from this process. Reports p50/p99 and response sizes.
"""

from __future__ import annotations

import argparse
import gc
import http.client
import json
import multiprocessing
import os
import statistics
import tempfile
import time
from datetime import date
from pathlib import Path
from typing import Any

from benchmarks.generate import ORGS, REFERENCE_DAY, generate_candidates, generate_vacancies
from services.matching.config import Settings
from services.matching.index.domain.model import Vacancy
from shared.auth import Principal, Role, TokenCodec
from shared.config import REPO_ROOT, AuthSettings, CommonSettings, KafkaSettings
from shared.messaging.consumer import Record
from shared.messaging.envelope import Envelope

SECRET = "benchmark-signing-key-0123456789-abcdefghij"


def vacancy_payload(v: Vacancy) -> dict[str, Any]:
    return {
        "vacancy_id": v.vacancy_id,
        "version": v.version,
        "employer_org": v.employer_org,
        "title": v.title,
        "occupation_uri": v.occupation_uri,
        "status": "open",
        "region": "pirkanmaa",
        "description": "",
        "skills": [{"uri": s.uri, "essential": s.essential} for s in v.skills],
        "languages": [{"code": c, "level": lv} for c, lv in v.languages.items()],
        "municipality": v.municipality,
        "working_time": v.working_time,
        "start_date": v.start_date.isoformat() if v.start_date else None,
        "updated_at": "2026-01-01T00:00:00+00:00",
    }


def _organisations(workdir: Path) -> Path:
    """The organisation registry of the benchmark's callers (a token of an unregistered organisation
    is refused): the generated agencies as partners, the city as employment services."""
    path = workdir / "organisations.csv"
    rows = [f"{org},{org},partner,*" for org in ORGS if not org.startswith("city")]
    rows += ["city-tampere,city-tampere,employment_services,*", "city,city,employment_services,*"]
    path.write_text("id,name,kind,regions\n" + "\n".join(rows) + "\n", encoding="utf-8")
    return path


def build_app(n: int, seed: int, workdir: Path) -> tuple[Any, list[str], dict[str, float]]:
    from services.matching.app import create_app
    from services.matching.index.reference import load_taxonomy

    common = CommonSettings(
        service="matching",
        database_url=f"sqlite:///{workdir / 'matching.db'}",
        kafka=KafkaSettings(bootstrap_servers="127.0.0.1:1"),
        auth=AuthSettings(jwt_secret=SECRET),
        reference_dir=REPO_ROOT / "data",
        organisations_file=_organisations(workdir),
    )
    settings = Settings(
        common=common,
        cache_dir=REPO_ROOT / ".cache" / "matching",
        start_feed=False,
        record_key=b"benchmark-matching-record-key-0123456789",
    )
    app = create_app(settings)
    state = app.extensions["kohtaanto.matching.state"]
    app.extensions["kohtaanto.matching.handlers"].today = lambda: REFERENCE_DAY
    taxonomy = load_taxonomy()
    started = time.perf_counter()
    state.engine.bulk_load(generate_candidates(taxonomy, n, seed))
    build = time.perf_counter() - started
    ids = []
    for v in generate_vacancies(taxonomy, 50, seed + 1):
        state.apply(
            Record(
                common.kafka.vacancies_topic,
                0,
                0,
                v.vacancy_id,
                Envelope("vacancy.posted", v.vacancy_id, vacancy_payload(v), "bench"),
            )
        )
        ids.append(v.vacancy_id)
    return app, ids, {"index_build_s": build}


def serve(app: Any, port: int) -> None:
    """gunicorn as deploy/gunicorn.conf.py runs it, except that the app (with its index) is built
    before the fork: the worker must then not reuse the parent's database connections."""
    import importlib.util

    from gunicorn.app.base import BaseApplication

    spec = importlib.util.spec_from_file_location("gunicorn_conf", REPO_ROOT / "deploy" / "gunicorn.conf.py")
    assert spec is not None and spec.loader is not None
    production = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(production)

    def post_fork(_server: Any, _worker: Any) -> None:
        app.extensions["kohtaanto.engine"].dispose(close=False)

    class Server(BaseApplication):  # type: ignore[misc]
        def load_config(self) -> None:
            for key, value in {
                "bind": f"127.0.0.1:{port}",
                "workers": 1,
                "worker_class": production.worker_class,  # JSON errors and the request-read deadline
                "threads": 4,
                "preload_app": True,
                "accesslog": None,
                "loglevel": "warning",
                "control_socket_disable": True,
                "timeout": 300,
                "post_fork": post_fork,
                "post_worker_init": production.post_worker_init,
            }.items():
                if key in self.cfg.settings:
                    self.cfg.set(key, value)

        def load(self) -> Any:
            return app

    Server().run()


def measure(port: int, ids: list[str], requests: int, role: Role, org: str) -> dict[str, float]:
    token = TokenCodec(SECRET).mint(Principal("bench", role, org))
    headers = {"Authorization": f"Bearer {token}"}
    conn = http.client.HTTPConnection("127.0.0.1", port, timeout=60)
    latencies, sizes, entries = [], [], []
    for i in range(requests + 20):
        vid = ids[i % len(ids)]
        started = time.perf_counter()
        conn.request("GET", f"/api/v1/vacancies/{vid}/shortlist?k=50", headers=headers)
        response = conn.getresponse()
        body = response.read()
        elapsed = time.perf_counter() - started
        if response.status != 200:
            raise RuntimeError(f"{response.status}: {body[:300]!r}")
        if i >= 20:  # warm-up excluded
            latencies.append(elapsed * 1000)
            sizes.append(len(body))
            entries.append(len(json.loads(body)["entries"]))
    conn.close()
    latencies.sort()
    return {
        "p50_ms": round(statistics.median(latencies), 2),
        "p99_ms": round(latencies[int(len(latencies) * 0.99) - 1], 2),
        "max_ms": round(latencies[-1], 2),
        "mean_entries": round(statistics.mean(entries), 1),
        "mean_response_kb": round(statistics.mean(sizes) / 1024, 1),
    }


def wait_up(port: int, timeout: float = 120.0) -> None:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        try:
            conn = http.client.HTTPConnection("127.0.0.1", port, timeout=2)
            conn.request("GET", "/health/live")
            if conn.getresponse().status == 200:
                return
        except OSError:
            time.sleep(0.2)
    raise RuntimeError("the benchmark server did not come up")


def run(n: int, requests: int, seed: int = 7) -> dict[str, Any]:
    import socket

    with tempfile.TemporaryDirectory() as tmp:
        app, ids, figures = build_app(n, seed, Path(tmp))
        with socket.socket() as s:
            s.bind(("127.0.0.1", 0))
            port = s.getsockname()[1]
        child = multiprocessing.get_context("fork").Process(target=serve, args=(app, port), daemon=True)
        child.start()
        try:
            wait_up(port)
            gc.collect()  # this process is only the client now: keep its collector out of the timings
            gc.freeze()
            figures["recruiter (consent-filtered)"] = measure(port, ids, requests, Role.RECRUITER, ORGS[0])
            figures["team member (all candidates)"] = measure(port, ids, requests, Role.TEAM_MEMBER, "city")
        finally:
            child.terminate()
            child.join(timeout=30)
    return {
        "profiles": n,
        "requests": requests,
        "date": date.today().isoformat(),
        "cpus": os.cpu_count(),
        **figures,
    }


def main() -> None:
    parser = argparse.ArgumentParser(prog="python -m benchmarks.http_speed")
    parser.add_argument("--profiles", type=int, nargs="+", default=[100_000, 1_000_000])
    parser.add_argument("--requests", type=int, default=500)
    parser.add_argument("--json", help="also write the results (a list, one entry per size) to this file")
    args = parser.parse_args()
    results = []
    for n in args.profiles:
        results.append(run(n, args.requests))
        print(json.dumps(results[-1], indent=2), flush=True)
        if args.json:  # after each size, so a long run that is cut short keeps what it measured
            with open(args.json, "w", encoding="utf-8") as f:
                json.dump(results, f, indent=2)


if __name__ == "__main__":
    main()
