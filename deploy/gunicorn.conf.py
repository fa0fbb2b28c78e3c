"""gunicorn settings shared by the three services.

    gunicorn -c deploy/gunicorn.conf.py 'services.vacancy.app:create_app()'

Without an app argument, KOHTAANTO_SERVICE (vacancy, profile or matching) picks the app, which is
how the container image runs. Each worker builds its own app after fork (no preload), so database
engines and Kafka producers are never shared across processes.
"""

import gc

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

# JSON lines on stdout, like the services' own logs (shared/logging.py). gunicorn escapes double
# quotes inside values; %(b)s is "-" when no body was sent.
accesslog = "-"
access_log_format = (
    '{"ts": "%(t)s", "logger": "gunicorn.access", "remote": "%(h)s", "method": "%(m)s", '
    '"path": "%(U)s", "query": "%(q)s", "status": %(s)s, "bytes": "%(b)s", '
    '"duration_ms": %(M)s, "request_id": "%({x-request-id}i)s", "user_agent": "%(a)s"}'
)
# Access-log lines never carry a token (/login?token=…) or personal data in a path or query.
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
