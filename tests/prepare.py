"""Builds the reference caches the tests read, once, before `make test` starts its pytest-xdist workers:

    python -m tests.prepare

The compiled ESCO taxonomy, the Finnish lemmas and the fitted skill recogniser (``.cache/matching``)
and the label embeddings (``~/.cache/kohtaanto``) take CPU-minutes on a fresh clone or machine; the
first test to need them would build them in each worker at once (only the embeddings are built under a
lock). So do the compiled ranking kernels (numba's cache, ``__pycache__`` beside the code or
``NUMBA_CACHE_DIR``): 10-20 s of CPU per kernel variant, compiled by every worker and by every
matching service the e2e, faults and demo stacks start until one has written the cache. Here one
process builds them, with the same defaults as the tests' fixtures and the services the tests start;
afterwards every worker and service reads them in seconds. A no-op when they exist.
"""

from __future__ import annotations

import logging
import time

from services.matching.index.domain.kernels import warm_up
from services.matching.index.reference import load_recognizer, load_taxonomy, load_title_reader


def main() -> None:
    logging.basicConfig(level=logging.INFO, format="tests.prepare: %(message)s")
    started = time.monotonic()
    warm_up()
    taxonomy = load_taxonomy()
    recognizer = load_recognizer(taxonomy)
    recognizer.recognise("Knowledge of SQL.", top_k=1)
    load_title_reader(taxonomy, recognizer).read("Sjuksköterska")
    print(f"tests.prepare: reference caches ready in {time.monotonic() - started:.1f} s")


if __name__ == "__main__":
    main()
