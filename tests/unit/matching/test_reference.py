"""The reference loader on a tiny copy of the ESCO file formats written by the test itself."""

import csv
import gzip
import io
import shutil
import zipfile
from pathlib import Path

import pytest

from services.matching.index import reference
from services.matching.index.domain.recognition import SkillRecognizer

W = "http://data.europa.eu/esco/skill/weld"
M = "http://data.europa.eu/esco/skill/mig"
B = "http://data.europa.eu/esco/skill/blueprints"
G = "http://data.europa.eu/esco/skill/group-metal"
OCC = "http://data.europa.eu/esco/occupation/welder"
GONE = "http://data.europa.eu/esco/occupation/removed"
PIPE = "http://data.europa.eu/esco/occupation/pipe-welder"


def _csv(rows: list[dict[str, str]]) -> str:
    out = io.StringIO()
    writer = csv.DictWriter(out, fieldnames=list(rows[0]))
    writer.writeheader()
    writer.writerows(rows)
    return out.getvalue()


def _gz(path: Path, rows: list[dict[str, str]]) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    with gzip.open(path, "wt", encoding="utf-8", newline="") as f:
        f.write(_csv(rows))


def _zip(path: Path, members: dict[str, list[dict[str, str]]]) -> None:
    with zipfile.ZipFile(path, "w") as zf:
        for name, rows in members.items():
            zf.writestr(name, _csv(rows))


def _skill(uri: str, en: str, fi: str, alt: str = "") -> dict[str, str]:
    return {
        "conceptUri": uri,
        "skillType": "skill/competence",
        "reuseLevel": "sector-specific",
        "preferredLabel_en": en,
        "preferredLabel_fi": fi,
        "altLabels_en": alt,
        "description_en": f"Ability to {en}.",
        "description_fi": f"{fi.capitalize()}.",
    }


@pytest.fixture(scope="module")
def embeddings(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The e5 encoder's and label embeddings' cache, shared by the module's recognisers: keyed by
    what is embedded and by the model, so sharing it changes no result; each test keeps a reference
    cache of its own (tmp_path / "cache"), which is what the tests check is built once and then read.
    A cache per test made every test build the encoder and embed the labels again (about 60 s each
    on a loaded machine)."""
    return tmp_path_factory.mktemp("emb")


@pytest.fixture
def data_dir(tmp_path: Path) -> Path:
    root = tmp_path / "data"
    shutil.copytree(Path(reference.DEFAULT_DATA_DIR) / "recognition", root / "recognition")
    _gz(
        root / "esco/skills_en_fi.csv.gz",
        [
            _skill(W, "weld metal", "hitsata metallia", "welding|weld  metal|welding"),
            _skill(M, "perform MIG welding", "suorittaa MIG-hitsausta"),
            _skill(B, "read blueprints", "lukea piirustuksia", "interpret drawings"),
        ],
    )
    _gz(
        root / "esco/occupations_en_fi.csv.gz",
        [
            {
                "conceptUri": OCC,
                "iscoGroup": "7212",
                "escoCode": "7212.1",
                "preferredLabel_en": "welder",
                "preferredLabel_fi": "hitsaaja",
                "altLabels_en": "welding operative",
                "altLabels_fi": "hitsari",
                "description_en": "Welders weld.",
                "description_fi": "Hitsaajat hitsaavat.",
                "fi_source_iscoGroup": "7212",
            },
            {
                "conceptUri": PIPE,
                "iscoGroup": "7212",
                "escoCode": "7212.1.1",
                "preferredLabel_en": "pipe welder",
                "preferredLabel_fi": "putkihitsaaja",
                "altLabels_en": "",
                "altLabels_fi": "",
                "description_en": "Pipe welders weld pipes.",
                "description_fi": "Putkihitsaajat hitsaavat putkia.",
                "fi_source_iscoGroup": "7212",
            },
        ],
    )
    relation = {
        "occupationUri": OCC,
        "skillUri": W,
        "relationType": "essential",
        "skillType": "skill/competence",
    }
    _gz(
        root / "esco/occupation_skill_relations.csv.gz",
        [
            relation,
            {**relation, "skillUri": M},
            {**relation, "skillUri": B, "relationType": "optional"},
            {**relation, "occupationUri": GONE},
        ],
    )
    _zip(
        root / "esco/esco-v1.1.1-relations-csv.zip",
        {
            "skillSkillRelations.csv": [
                {
                    "originalSkillUri": B,
                    "originalSkillType": "skill/competence",
                    "relationType": "optional",
                    "relatedSkillType": "skill/competence",
                    "relatedSkillUri": W,
                }
            ],
            "broaderRelationsOccPillar.csv": [
                {
                    "conceptType": "Occupation",
                    "conceptUri": OCC,
                    "broaderType": "ISCOGroup",
                    "broaderUri": "http://data.europa.eu/esco/isco/C7212",
                },
                {
                    "conceptType": "Occupation",
                    "conceptUri": PIPE,
                    "broaderType": "Occupation",
                    "broaderUri": OCC,
                },
                {
                    "conceptType": "Occupation",
                    "conceptUri": GONE,
                    "broaderType": "Occupation",
                    "broaderUri": OCC,
                },
            ],
            "broaderRelationsSkillPillar.csv": [
                {
                    "conceptType": "KnowledgeSkillCompetence",
                    "conceptUri": W,
                    "broaderType": "SkillGroup",
                    "broaderUri": G,
                },
                {
                    "conceptType": "KnowledgeSkillCompetence",
                    "conceptUri": B,
                    "broaderType": "SkillGroup",
                    "broaderUri": G,
                },
                {
                    "conceptType": "KnowledgeSkillCompetence",
                    "conceptUri": M,
                    "broaderType": "KnowledgeSkillCompetence",
                    "broaderUri": W,
                },
            ],
        },
    )
    hierarchy = {f"Level {i} {k}": "" for i in range(4) for k in ("URI", "preferred term")}
    _zip(
        root / "esco/esco-v1.1.1-classification-en-csv.zip",
        {
            "skillGroups_en.csv": [
                {"conceptType": "SkillGroup", "conceptUri": G, "preferredLabel": "metal work"}
            ],
            "skillsHierarchy_en.csv": [
                {
                    **hierarchy,
                    "Level 0 URI": "http://data.europa.eu/esco/skill/S",
                    "Level 0 preferred term": "skills",
                }
            ],
        },
    )
    _gz(
        root / "isco/isco08_groups_en.csv.gz",
        [
            {
                "code": "7212",
                "level": "4",
                "parentCode": "721",
                "preferredLabel_en": "Welders and flamecutters",
                "conceptUri": "",
                "description_en": "",
            },
        ],
    )
    return root


def test_the_esco_files_are_parsed_into_a_taxonomy(data_dir: Path, tmp_path: Path):
    tax = reference.load_taxonomy(data_dir, tmp_path / "cache")
    assert tax.n_skills == 3 and tax.n_occupations == 2
    assert tax.skill_label(W, "fi") == "hitsata metallia"
    assert tax.tables.skill_alt_labels_en[tax.skill_index[W]] == ("welding", "weld metal")
    assert tax.occupation_skills(OCC) == ((W, M), (B,))
    assert tax.skipped_relation_rows == 1  # the removed occupation
    assert tax.occupation_isco(OCC) == "7212" and tax.isco_label("7212") == "Welders and flamecutters"
    assert tax.skill_group_labels(B) == ["metal work"]
    assert tax.skill_group_labels(M) == ["weld metal"]
    assert tax.find_occupations("hitsari", "fi") == [OCC]
    # ESCO's occupation pillar: the pipe welder is a narrower occupation of the welder (the ISCO
    # group's row and the removed occupation's are left out)
    assert (
        tax.occupation_relation(PIPE, OCC) == "narrower" and tax.occupation_relation(OCC, PIPE) == "broader"
    )
    assert tax.occupation_lineage.nnz == 2


def test_the_second_load_comes_from_the_cache(data_dir: Path, tmp_path: Path, monkeypatch):
    first = reference.load_taxonomy(data_dir, tmp_path / "cache")
    assert list((tmp_path / "cache").glob("taxonomy-*.pkl"))

    def no_parsing(_: Path):
        raise AssertionError("parsed again")

    monkeypatch.setattr(reference, "read_tables", no_parsing)
    again = reference.load_taxonomy(data_dir, tmp_path / "cache")
    assert again.skill_uris == first.skill_uris
    assert again.occupation_skills(OCC) == first.occupation_skills(OCC)


def test_changed_data_files_are_compiled_again(data_dir: Path, tmp_path: Path):
    key = reference.cache_key(data_dir)
    _gz(data_dir / "esco/skills_en_fi.csv.gz", [_skill(W, "weld metal", "hitsata")])
    assert reference.cache_key(data_dir) != key
    assert reference.load_taxonomy(data_dir, tmp_path / "cache").n_skills == 1


def test_the_recognizer_is_fitted_once_and_then_loaded(
    data_dir: Path, tmp_path: Path, monkeypatch, embeddings: Path
):
    tax = reference.load_taxonomy(data_dir, tmp_path / "cache")
    fitted = reference.load_recognizer(tax, data_dir, tmp_path / "cache", embedding_cache=embeddings)
    expected = fitted.recognise("MIG-hitsaus", top_k=2, min_score=0.0)

    def no_fitting(self, taxonomy, label_embeddings=None):
        raise AssertionError("fitted again")

    def no_mixing(self, by_lang, lang):
        raise AssertionError("label matrices mixed again")

    monkeypatch.setattr(SkillRecognizer, "fit", no_fitting)
    monkeypatch.setattr(SkillRecognizer, "_mix", no_mixing)
    loaded = reference.load_recognizer(tax, data_dir, tmp_path / "cache", embedding_cache=embeddings)
    assert loaded.recognise("MIG-hitsaus", top_k=2, min_score=0.0) == expected
    assert loaded.recognise("Welding experience.", top_k=2, min_score=0.0) == fitted.recognise(
        "Welding experience.", top_k=2, min_score=0.0
    )
    assert expected[0].uri == M


def test_the_recognizers_esco_word_sets_are_built_once_and_then_read_from_the_cache(
    data_dir: Path, tmp_path: Path, monkeypatch, embeddings: Path
):
    """The word sets the unknown-word rule and the Finnish words of English sentences read
    (about 1 CPU-s to build) are cached beside the index: a restarted service has them before its
    first sentence, equal to building them."""
    tax = reference.load_taxonomy(data_dir, tmp_path / "cache")
    fitted = reference.load_recognizer(tax, data_dir, tmp_path / "cache", embedding_cache=embeddings)
    english, known = fitted.english_words_, fitted.known_words_
    assert english and known and english <= known and "welding" in english
    assert list((tmp_path / "cache").glob(f"{reference.WORDS_VERSION}-*.pkl"))

    def no_building(self):
        raise AssertionError("word sets built again")

    monkeypatch.setattr(SkillRecognizer, "word_sets", no_building)
    loaded = reference.load_recognizer(tax, data_dir, tmp_path / "cache", embedding_cache=embeddings)
    assert loaded.english_words_ == english and loaded.known_words_ == known
    assert loaded.titles_ == fitted._titles() and "welder" in loaded.titles_[0]
    text = "We are hiring a kokki to our ravintola. Kubernetes ja Terraform."
    assert loaded.recognise(text, top_k=5, min_score=0.0) == fitted.recognise(text, top_k=5, min_score=0.0)


def test_a_recognizer_cached_by_the_earlier_version_is_converted_without_fitting(
    data_dir: Path, tmp_path: Path, monkeypatch, embeddings: Path
):
    """A cache written as one `.npz` (before the cache was memory-mapped) is read once and
    rewritten as the mapped directory: an upgrade does not fit the index again."""
    import numpy as np
    import scipy.sparse as sp

    tax = reference.load_taxonomy(data_dir, tmp_path / "cache")
    fitted = reference.load_recognizer(tax, data_dir, tmp_path / "cache", embedding_cache=embeddings)
    expected = fitted.recognise("MIG-hitsaus", top_k=2, min_score=0.0)
    [mapped] = [p for p in (tmp_path / "cache").glob("recognizer-*") if p.is_dir()]
    arrays = {}  # as the earlier version wrote them
    for name, value in fitted.index_.arrays().items():
        if sp.issparse(value):
            arrays[f"{name}__data"], arrays[f"{name}__indices"] = value.data, value.indices
            arrays[f"{name}__indptr"], arrays[f"{name}__shape"] = value.indptr, np.array(value.shape)
        else:
            arrays[name] = np.asarray(value)
    np.savez(mapped.with_name(mapped.name + ".npz"), **arrays)
    shutil.rmtree(mapped)

    def no_fitting(self, taxonomy, label_embeddings=None):
        raise AssertionError("fitted again")

    monkeypatch.setattr(SkillRecognizer, "fit", no_fitting)
    loaded = reference.load_recognizer(tax, data_dir, tmp_path / "cache", embedding_cache=embeddings)
    assert loaded.recognise("MIG-hitsaus", top_k=2, min_score=0.0) == expected
    assert mapped.is_dir()


def test_a_missing_file_is_a_reference_data_error(data_dir: Path, tmp_path: Path):
    (data_dir / "isco/isco08_groups_en.csv.gz").unlink()
    with pytest.raises(reference.ReferenceDataError):
        reference.load_taxonomy(data_dir, tmp_path / "cache")


def test_the_apis_esco_catalogue_comes_from_the_loaded_taxonomy_and_equals_the_files(esco):
    """Matching reads ESCO once: what its API validates against is derived from the taxonomy."""
    from shared.reference import esco_catalogue

    from_files = esco_catalogue(reference.DEFAULT_DATA_DIR)
    derived = reference.esco_catalogue_of(esco, reference.DEFAULT_DATA_DIR)
    assert derived.version == from_files.version
    assert derived.skills == from_files.skills and derived.occupations == from_files.occupations
