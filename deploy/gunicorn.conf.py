"""gunicorn settings shared by the three services.

    gunicorn -c deploy/gunicorn.conf.py 'services.vacancy.app:create_app()'

Without an app argument, KOHTAANTO_SERVICE (vacancy, profile or matching) picks the app, which is
how the container image runs. Each worker builds its own app after fork (no preload), so database
engines and Kafka producers are never shared across processes.
"""

import gc
import os
import shutil
import tempfile
from pathlib import Path

from shared.config import ServerSettings

_settings = ServerSettings.from_env()
if _settings.service:
    wsgi_app = f"services.{_settings.service}.app:create_app()"

# Loopback unless told otherwise: containers (docker-compose, deploy/k8s) set BIND_HOST=0.0.0.0.
bind = [f"{_settings.bind_host}:{_settings.port}"]
# gthread, with gunicorn's own error answers (414, 431, 400) in the services' JSON error shape.
worker_class = "deploy.gunicorn_edge.JsonErrorWorker"
workers = _settings.workers
threads = 4
preload_app = False

timeout = 60  # a worker silent this long is killed and replaced
graceful_timeout = 30  # on SIGTERM, in-flight requests get this long to finish
keepalive = 5

# The apps log one JSON access line per request themselves (shared/logging.py: the route template,
# status, duration and request id; no path ids, query strings or client addresses), so gunicorn's
# own access log is off. Its error log (worker starts and exits) goes to stdout too.
accesslog = None
logconfig_dict = {
    "version": 1,
    "disable_existing_loggers": False,
    "formatters": {
        "json": {"()": "shared.logging.JsonFormatter", "service": _settings.service or "gunicorn"}
    },
    "handlers": {
        "stdout": {"class": "logging.StreamHandler", "formatter": "json", "stream": "ext://sys.stdout"}
    },
    "root": {"handlers": ["stdout"], "level": "INFO"},
    "loggers": {
        "gunicorn.error": {"handlers": ["stdout"], "level": _settings.log_level.upper(), "propagate": False}
    },
}
# Were the access log switched on, its lines would still carry no token or personal data.
logger_class = "deploy.gunicorn_edge.ScrubbingLogger"
errorlog = "-"
loglevel = _settings.log_level

# gunicorn >= 25.1 opens a control socket at ~/.gunicorn/gunicorn.ctl by default: one path for
# every gunicorn of the same user, so the three services (and the e2e tests) would fight over it.
# Older gunicorn ignores the unknown setting.
control_socket_disable = True


def post_worker_init(worker):  # type: ignore[no-untyped-def]
    """Once the app is built, move everything it allocated (reference data: the ESCO taxonomy's
    hundreds of thousands of objects) out of the garbage collector's reach. A full collection
    otherwise walks all of it (about 50 ms in the matching service) in the middle of a request."""
    gc.collect()
    gc.freeze()


def on_starting(server):  # type: ignore[no-untyped-def]
    """Before any worker exists: give the workers an empty directory to share their Prometheus
    samples in (shared/metrics.py), so /metrics adds up every worker whichever one answers."""
    directory = _settings.metrics_dir
    if directory is None:
        directory = Path(tempfile.mkdtemp(prefix="kohtaanto-metrics-"))
        server._kohtaanto_metrics_tmp = directory
    else:
        directory.mkdir(parents=True, exist_ok=True)
        for stale in directory.glob("*.db"):  # a previous run's samples would be added in
            stale.unlink()
    os.environ["PROMETHEUS_MULTIPROC_DIR"] = str(directory)


def child_exit(server, worker):  # type: ignore[no-untyped-def]
    """A worker's live gauges go with it (its counters stay in the sums)."""
    from prometheus_client import multiprocess

    multiprocess.mark_process_dead(worker.pid)


def on_exit(server):  # type: ignore[no-untyped-def]
    directory = getattr(server, "_kohtaanto_metrics_tmp", None)
    if directory is not None:
        shutil.rmtree(directory, ignore_errors=True)
