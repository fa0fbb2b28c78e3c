"""The label-embedding cache is built once per machine, also when several processes start together
(outside tester 4: on a fresh machine the matching web and worker processes each spent the
CPU-minutes of embedding ESCO's labels, and the first ``make demo`` timed out)."""

from __future__ import annotations

import threading
import time

import numpy as np

from services.matching.index.reference import load_label_embeddings


class SlowEncoder:
    """A fake encoder that takes its time and counts the texts it embeds."""

    model_id = "fake-slow"

    def __init__(self) -> None:
        self.embedded = 0
        self.lock = threading.Lock()

    def encode(self, texts, *, query):
        time.sleep(0.2)
        with self.lock:
            self.embedded += len(texts)
        return np.ones((len(texts), 8), dtype=np.float32) / np.sqrt(8)


def test_loaders_starting_together_embed_the_labels_once_and_all_get_them(taxonomy, tmp_path):
    encoder = SlowEncoder()
    results: list[tuple[np.ndarray, np.ndarray, np.ndarray]] = []

    def load() -> None:
        results.append(load_label_embeddings(taxonomy, encoder, tmp_path, ("en",)))

    threads = [threading.Thread(target=load) for _ in range(3)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    labelled = sum(1 for label in taxonomy.tables.skill_labels["en"] if label)
    assert encoder.embedded == labelled  # once, not three times
    assert len(results) == 3
    for vectors, skills, _langs in results:
        assert vectors.shape == (labelled, 8) and np.array_equal(skills, results[0][1])
    assert len(list(tmp_path.glob("skill-labels-*.npz"))) == 1


def test_a_language_s_descriptions_are_cached_apart_from_its_labels(taxonomy, tmp_path):
    """ "fi-description" (`recognition.label_texts`) embeds the Finnish descriptions, in a cache file
    of its own: adding it to `dense_langs` does not embed the labels again."""
    encoder = SlowEncoder()
    load_label_embeddings(taxonomy, encoder, tmp_path, ("en", "fi"))
    labelled = encoder.embedded
    vectors, skills, langs = load_label_embeddings(
        taxonomy, encoder, tmp_path, ("en", "fi", "fi-description")
    )
    described = [i for i, d in enumerate(taxonomy.tables.skill_descriptions["fi"]) if d]
    assert encoder.embedded - labelled == len(described)  # only the descriptions are new
    assert skills[langs == 2].tolist() == described and len(vectors) == len(skills)
    assert len(list(tmp_path.glob("skill-labels-*.npz"))) == 3


def test_a_skill_s_alternative_labels_are_embedded_apart_and_pooled_into_one_vector(taxonomy, tmp_path):
    """ "en-alt" (`recognition.label_texts`) embeds every distinct English label of each skill,
    preferred and alternative, in a cache file of its own, and keeps one vector per skill."""
    encoder = SlowEncoder()
    load_label_embeddings(taxonomy, encoder, tmp_path, ("en",))
    labelled = encoder.embedded
    vectors, skills, langs = load_label_embeddings(taxonomy, encoder, tmp_path, ("en", "en-alt"))
    t = taxonomy.tables
    distinct = sum(
        len({x for x in (label, *alts) if x})
        for label, alts in zip(t.skill_labels["en"], t.skill_alt_labels_en, strict=True)
    )
    assert encoder.embedded - labelled == distinct
    assert skills[langs == 1].tolist() == [i for i, label in enumerate(t.skill_labels["en"]) if label]
    assert np.allclose(np.linalg.norm(vectors[langs == 1].astype(np.float32), axis=1), 1.0, atol=1e-2)
    assert len(list(tmp_path.glob("skill-labels-*.npz"))) == 2
