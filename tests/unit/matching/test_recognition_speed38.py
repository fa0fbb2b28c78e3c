"""The recogniser's machinery made cheaper without changing what it reads (issue 12, latency;
session 38, helper `speed38`). Each test compares a faster path with the plain computation it
replaced, on text written for this file as an ad or a CV says it: a recruiter relies on the same
skills, scores and glosses whichever path computed them.

1. Glossary phrases ("tar emot beställ", "laga mat") are tried only at the words that may start
   them (`swedish_word_initials`), and not at all once their gloss is found.
2. The lexical scores of documents text in one language does not read go to a spare column
   (`SkillRecognizer._doc_columns`) instead of being zeroed one by one.
3. The occupations a text names are read once per text (`occupations_in`, remembered), and the
   model's tokenizer reads a text once for its token count and its embedding.
"""

from __future__ import annotations

import numpy as np
import pytest

from services.matching.index.domain.recognition import (
    SWEDISH_HEAD_ENDINGS,
    _gloss_index,
    _tfidf,
)
from services.matching.index.domain.recognition_text import (
    swedish_word_initials,
    swedish_word_matches,
    words,
)

TEXTS = {
    "sv": [
        "Jag tog emot beställningar och delade ut post i tre år.",
        "Du tar emot kunder, ger råd och sköter kassan.",
        "Hon har lagat mat i ett storkök och gav råd om specialkost.",
        "Svetsare med MIG-svetsning och truckkort sökes till verkstaden i Vasa.",
        "Städaren ansvarar för underhållsstädning av kontor och skolor.",
    ],
    "fi": [
        "Laitat ruokaa ja otat vastaan tilauksia lounasravintolassa.",
        "Kokemusta asiakaspalvelusta ja kassatyöstä, hygieniapassi.",
        "Haemme hitsaajaa konepajaan Tampereelle, MIG/MAG-hitsaus.",
    ],
    "en": ["Knowledge of SQL and experience of customer service.", "You will weld and grind steel parts."],
}


def _glossed_word_by_word(recognizer, text: str, lang: str) -> str:
    """`SkillRecognizer._glossed` as it was before session 38: every phrase tried at every word."""
    pairs = recognizer.tools.glossary.get(lang)
    if not pairs:
        return text
    found: dict[str, None] = {}
    tokens = words(text)
    index = _gloss_index(tuple(pairs), SWEDISH_HEAD_ENDINGS if lang == "sv" else frozenset())
    for word in tokens:
        for k in index.matches(word):
            found.setdefault(pairs[k][1], None)
    same = swedish_word_matches if lang == "sv" else str.startswith
    for stem, gloss in pairs:
        if " " in stem:
            parts = stem.split()
            for i in range(len(tokens) - len(parts) + 1):
                if all(same(tokens[i + k], p) for k, p in enumerate(parts)):
                    found.setdefault(gloss, None)
                    break
    return f"{text} ({', '.join(found)})" if found else text


@pytest.mark.parametrize("lang", ["sv", "fi"])
def test_a_text_is_glossed_as_when_every_phrase_was_tried_at_every_word(esco_recognizer, lang):
    for text in TEXTS[lang]:
        assert esco_recognizer._glossed(text, lang) == _glossed_word_by_word(esco_recognizer, text, lang)


def test_a_cvs_past_tense_still_finds_the_ads_phrase():
    for token, word in (("tog", "tar"), ("tagit", "tar"), ("delade", "delar"), ("gav", "ge")):
        assert swedish_word_matches(token, word)
        assert token[:1] in swedish_word_initials(word)


def test_every_word_a_glossary_phrase_matches_starts_as_its_initials_say(esco_recognizer):
    """Over the Swedish and Finnish glossaries' phrases and the words of this file's texts and of
    the glossaries themselves: a word that matches a phrase's first word starts with one of the
    characters `swedish_word_initials` gives for it (so the phrases skipped could not match)."""
    vocabulary = {w for texts in TEXTS.values() for t in texts for w in words(t)}
    for lang in ("sv", "fi"):
        vocabulary |= {w for stem, _ in esco_recognizer.tools.glossary.get(lang, ()) for w in words(stem)}
    vocabulary |= {"tog", "tagit", "gav", "givit", "skötte", "skött", "lagade", "lagat"}
    for lang in ("sv", "fi"):
        same = swedish_word_matches if lang == "sv" else str.startswith
        firsts = {stem.split()[0] for stem, _ in esco_recognizer.tools.glossary.get(lang, ()) if " " in stem}
        assert firsts
        for first in firsts:
            initials = swedish_word_initials(first)
            assert all(w[:1] in initials for w in vocabulary if same(w, first)), first


def _lexical_zeroing_other_documents(recognizer, texts: list[str], lang: str) -> np.ndarray:
    """`SkillRecognizer._lexical` as it was before session 38: the cosines of the documents `lang`
    does not read set to 0 before each skill's best is taken."""
    counts = recognizer._vectorizer().transform(texts).tocsr()
    queries = _tfidf(counts, recognizer.index_.idf)
    from services.matching.index.domain.char_hashing import normalize_rows_l2

    normalize_rows_l2(queries)
    per_doc = (queries.astype(np.float32, copy=False) @ recognizer.index_.postings).tocsr()
    out = np.zeros((len(texts), len(recognizer.skill_uris_)), dtype=np.float32)
    start, docs, values = per_doc.indptr, per_doc.indices, per_doc.data
    if (other := recognizer._other_language_docs(lang)) is not None:
        values = np.where(other[docs], np.float32(0.0), values)
    for i in range(len(texts)):
        np.maximum.at(
            out[i],
            recognizer.index_.doc_skill[docs[start[i] : start[i + 1]]],
            values[start[i] : start[i + 1]],
        )
    return out


@pytest.mark.parametrize("lang", ["sv", "fi", "en"])
def test_lexical_scores_are_those_of_the_documents_the_language_reads(esco_recognizer, lang):
    texts = [esco_recognizer._lexical_text(t, lang) for t in TEXTS[lang]]
    got = esco_recognizer._lexical(texts, lang)
    expected = _lexical_zeroing_other_documents(esco_recognizer, texts, lang)
    assert got.shape == expected.shape and got.dtype == np.float32 and got.flags.c_contiguous
    assert got.tobytes() == expected.tobytes()


def test_the_occupations_a_text_names_are_the_same_read_again_or_afresh(esco_recognizer):
    text = "Haemme hitsaajaa konepajaan Tampereelle, MIG/MAG-hitsaus."
    first = esco_recognizer.occupations_in(text, "fi")
    assert first  # (a welder is named)
    assert esco_recognizer.occupations_in(text, "fi") == first
    esco_recognizer.forget_queries()
    assert (
        esco_recognizer.occupations_in(text, "fi") == first == esco_recognizer._find_occupations(text, "fi")
    )


def test_a_sentence_reads_the_same_skills_after_its_tokens_were_counted(esco_recognizer):
    """The encoder tokenises a text again to embed it after counting its tokens (it keeps no
    text's pieces: erase39): what `recognise` returns is the same with the caches of recent texts
    emptied or kept."""
    text = TEXTS["sv"][0] + " " + TEXTS["sv"][3]
    esco_recognizer.forget_queries()
    fresh = [(r.uri, r.score) for r in esco_recognizer.recognise(text, top_k=10)]
    again = [(r.uri, r.score) for r in esco_recognizer.recognise(text, top_k=10)]
    encoder = esco_recognizer.encoder
    assert encoder.token_counts([text]) == encoder.token_counts([text])
    assert fresh == again and fresh


CUED = [
    "Työ on kolmivuorotyötä.",  # shift work: the skills of managing shifts are weighed
    "Three-shift work in a paper mill.",  # a count of shifts: the labels holding a number
    "Vi förutsätter svetscertifikat.",  # a certificate held: the inspection labels
    "Ylläpidät asiakasrekisteriä ja hoidat laskutuksen.",  # upkeep: the objects maintained
    "Muotoilen taikinat ja paistan pullat.",  # a verb of several senses: the objects it is read of
    "Haemme hitsaajaa konepajaan.",  # a worker's trade: the skills of designing elsewhere
]


def test_the_first_sentence_naming_shifts_certificates_or_upkeep_builds_nothing(esco):
    """What a sentence's cues read against ESCO's labels is built when the recogniser loads
    (`build_first_use`), not by the first sentence that needs it (which paid 10–100 CPU-ms)."""
    from services.matching.index.reference import load_recognizer

    recognizer = load_recognizer(esco)
    built = {
        "shift managing": recognizer.shift_managing_,
        "lookalikes": dict(recognizer.lookalikes_),
        "design": recognizer.designing_.get(()),
        "maintained": dict(getattr(recognizer, "verb_objects_", {})),
    }
    assert built["shift managing"] is not None and built["design"] is not None and built["maintained"]
    assert {("numbered labels",), ("inspection labels",)} <= set(built["lookalikes"])
    for text in CUED:
        assert recognizer.recognise(text, top_k=5)
    assert recognizer.shift_managing_ is built["shift managing"]
    assert recognizer.designing_.get(()) is built["design"]
    for verb, objects in built["maintained"].items():
        assert recognizer.verb_objects_[verb] is objects
    for key, value in built["lookalikes"].items():
        assert recognizer.lookalikes_[key] is value
