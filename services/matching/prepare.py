"""Build the matching service's reference caches ahead of time (the compiled ESCO taxonomy, the skill
recogniser and its label embeddings, the occupations' label embeddings job titles are read with), so that no
service start pays for them:

    python -m services.matching.prepare

The Docker image runs it at build time; `KOHTAANTO_REFERENCE_DIR`, `KOHTAANTO_CACHE_DIR` and
`KOHTAANTO_EMBEDDING_CACHE_DIR` say where (services/matching/index/reference.py).
"""

from __future__ import annotations

import logging

from services.matching.config import Settings
from services.matching.index.reference import load_recognizer, load_taxonomy, load_title_reader


def main() -> None:
    logging.basicConfig(level=logging.INFO, format="%(message)s")
    settings = Settings.from_env()
    data_dir, cache_dir = settings.common.reference_dir, settings.cache_dir
    taxonomy = load_taxonomy(data_dir, cache_dir)
    recognizer = load_recognizer(taxonomy, data_dir, cache_dir, embedding_cache=settings.embedding_cache_dir)
    recognizer.recognise("Knowledge of SQL.", top_k=1)
    load_title_reader(taxonomy, recognizer, settings.embedding_cache_dir).read("Sjuksköterska")


if __name__ == "__main__":
    main()
