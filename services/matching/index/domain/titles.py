"""The occupation a vacancy's job title names, in Finnish, Swedish or English.

An employer who names no occupation still writes a title ("Sairaanhoitaja", "Sjuksköterska",
"Nurse", "Sjuksköterska / sairaanhoitaja", "Senior welder"). Matching ranks a vacancy by its
occupation (given, or inferred from its skills and title), so what the title names must not
depend on the language or on the title being an ESCO label verbatim (an outside tester, H1/H11:
the Swedish and English nurse vacancies were ranked as healthcare assistants' because only an
exact Finnish or English ESCO label counted).

How a title is read (`TitleReader.read`):

1. Parts. The title is split at "/", "|", ",", ";", " - ", " – " and parentheses: bilingual titles
   ("Sjuksköterska / sairaanhoitaja") and "title, place" are common. Words that say how senior a
   post is (senior, junior, experienced, kokenut, erfaren …) and gender markers ("m/f", "m/n")
   are dropped, as any recruiter reads past them; "assistant" is kept (an assistant nurse is
   another occupation).
   A part that is no title as it stands but starts with one followed by a complement saying
   where or for whom ("Närvårdare till hemvården", "Cook for our restaurant", Finnish
   "Lähihoitaja kotihoitoon") is read as that title (`TitleReader._core`).
2. Exact labels. Each part is normalised (case, punctuation and spacing aside; Finnish words
   lemmatised as the recogniser does) and looked up among the occupations' preferred and
   alternative labels in every language the data has. A hit is certain (confidence 1), unless the
   part is one occupation's preferred label and only an alternative label of the others it hits:
   those others get `alternative_confidence` (ESCO lists "lähihoitaja", the practical nurse's
   own Finnish name, as an alternative label of the home care aide too: an outside tester's
   "Lähihoitaja" vacancy was read as a home care aide and fell out of the practical-nurse
   shortage list). A part whose hits are only alternative labels is read through the job-title
   glossary (below) when it has an entry there, and then names the glossary's occupation alone
   ("siivooja", in ESCO only the domestic cleaner's alternative label, is in Finnish ads an office
   or building cleaner: an outside tester's office-cleaner ad was read as a home's cleaner).
   A part with no exact hit is read again through the job-title glossary
   (`data/recognition/job_titles.csv`: everyday Swedish and English titles -> the Finnish title a
   bilingual recruiter reads them as, "sjuksköterska" -> "sairaanhoitaja", "nurse" ->
   "sairaanhoitaja"; Swedish ones also as a compound's end, "specialsjuksköterska").
   Finnish abbreviations of titles ("lto", "sh", "lh": rows of language "fi-title") are whole
   titles there. A Finnish title is looked up as written and with its words run together
   (`closed`: "Yhdistelmäajoneuvon kuljettaja" is "yhdistelmäajoneuvonkuljettaja"), and a Swedish
   glossary title with "i" also with "inom" and back ("lärare i/inom småbarnspedagogik"). A
   licence class before a driver's title ("CE-kuljettaja") chooses the driver as one after it does.
3. Dense labels (when an encoder and the occupation-label embeddings are given). A part with no
   exact hit is embedded by the recogniser's multilingual model (multilingual-e5-small) and
   compared with the embeddings of every occupation's English preferred label (the model maps
   Finnish, Swedish and English onto one space), computed once at build time and cached
   (`reference.load_occupation_embeddings`). This is what reads Swedish ("Sjuksköterska",
   "Svetsare": ESCO's Swedish labels are not in data/) and titles that are no label ("Nurse").
   The cosine is rescaled from [`dense_floor`, 1] to [0, 1]; occupations within `dense_margin`
   of the part's best one and above `min_confidence` are kept (a title names one occupation,
   but "nurse" is near several nursing occupations), each with its rescaled score.

The result is evidence, not a verdict: `occupations.vacancy_target` combines it with the
vacancy's skills (a title occupation counts like a current job of weight confidence x
`RankingParams.title_weight`, and the title's occupations are the prior the skills weigh against:
`RankingParams.title_floor`).
"""

from __future__ import annotations

import re
import threading
import unicodedata
from collections import OrderedDict
from collections.abc import Callable, Sequence
from dataclasses import dataclass

import numpy as np

from .recognition import TextEncoder
from .taxonomy import Taxonomy

SPLIT = re.compile(r"\s*(?:/|\||,|;|\s[-–—]\s|\(|\)|\[|\])\s*")
"""Where a title has several parts: a bilingual title, a title and a place, a parenthesis."""

QUALIFIERS = frozenset(
    {
        # English
        "senior",
        "junior",
        "experienced",
        "lead",
        "trainee",
        "new",
        # Finnish
        "kokenut",
        "vanhempi",
        "nuorempi",
        "uusi",
        "vastaava",
        # Swedish
        "erfaren",
        "ny",
    }
)
"""Words that say how senior a post is (or that it is new), not which occupation: dropped from a
title part before it is read (a "senior welder" is a welder). General recruiting usage."""

GENDER = re.compile(r"\b(?:m|f|w|d|n|x)(?:\s*/\s*(?:m|f|w|d|n|x))+\b", re.IGNORECASE)
"""Gender markers of job titles: "(m/f)", "m/w/d", "m/n"."""

COMPLEMENT = frozenset(
    {
        # Swedish: "Närvårdare till hemvården", "Sjukskötare i hemsjukvården", "Kock på lunchrestaurang"
        "till",
        "i",
        "på",
        "vid",
        "inom",
        "för",
        "åt",
        "hos",
        # English: "Cook for a lunch restaurant", "Nurse in home care", "Cleaner at schools"
        "for",
        "in",
        "at",
        "to",
        "within",
    }
)
"""Words that start a complement after a job title (where, for whom: Swedish and English
prepositions). Finnish says the same with a case ending ("Lähihoitaja kotihoitoon"): see
`TitleReader._core`."""

LICENCE = re.compile(
    r"(?:(?:c1e|c1|ce|c|d1e|d1|de|d|be|b|e)(?:\s*\+\s*|\s+ja\s+|\s+och\s+|\s+and\s+|\s+)?)+"
    r"(?:\s*(?:ajokortti|kortti|luokka|körkort|korkort|licen[cs]e|driving\s+licen[cs]e))?",
    re.IGNORECASE,
)
"""A title part that only names driving-licence classes ("C/CE" is split at "/": "C", "CE";
"CE-kortti", "C1 + E", "D-ajokortti"), after `normalise`."""

LICENCE_DRIVERS = {
    "c": "tavaraliikenteen kuljettaja",
    "c1": "tavaraliikenteen kuljettaja",
    "ce": "tavaraliikenteen kuljettaja",
    "c1e": "tavaraliikenteen kuljettaja",
    "d": "linja-autonkuljettaja",
    "d1": "linja-autonkuljettaja",
    "de": "linja-autonkuljettaja",
    "d1e": "linja-autonkuljettaja",
}
"""The driver (Finnish ESCO label) a licence class in a title says the post is for: C classes
drive lorries (ESCO cargo vehicle driver), D classes buses (bus driver); B and BE any car.
Finnish driving-licence classes (Traficom); an outside tester's "Kuljettaja (C/CE)" was a
skipper's ad at 0.999 (session 14, P8)."""

LICENCE_CLASSES = frozenset({*LICENCE_DRIVERS, "b", "be"})
"""Licence classes a title may start with ("CE-kuljettaja", "C-chaufför"): see `TitleReader._read`."""

FINNISH_COMPLEMENT_ENDINGS = (
    # illative (into, to: "konepajaan", "päiväkotiin", "Ouluun", "Helsinkiin", "kesätöihin", "Espooseen")
    *("aan", "ään", "een", "iin", "oon", "uun", "yyn", "öön", "hin", "seen", "siin"),
    # allative and adessive (to, at: "Tampereelle", "meille", "telakalle", "Raumalla")
    *("lle", "lla", "llä"),
    # inessive, elative, ablative (in, from: "Vaasassa", "Oulusta")
    *("ssa", "ssä", "sta", "stä", "lta", "ltä"),
    # translative (for a time, as: "kesäksi", "talvikaudeksi")
    "ksi",
    # possessive (our, your: "tiimiimme", "ravintolaamme", "liikkeeseemme")
    *("mme", "nne"),
)
"""Finnish case and possessive endings of a word that says where, when or for whom after a job
title (`TitleReader._inflected`). A title's own words are nominatives or genitives
("Varhaiskasvatuksen opettaja"), which none of these ends; a complement's words are read only
after a run of words that is a title by itself."""

DESTINATION = frozenset({"till", "på", "vid", "för", "åt", "hos", "for", "at", "to"})
"""Prepositions of `COMPLEMENT` that only say where or for whom (not which field: "i", "inom",
"in", "within" may: "Lärare i matematik"): a title part with no known title is read by the
multilingual model without what follows the first of them (`TitleReader._core`)."""

Lemmatiser = Callable[[str, str], str]  # (word, language) -> lemma


@dataclass(frozen=True, slots=True)
class TitleOccupation:
    """An occupation a job title names: `occupation` its position in the taxonomy, `confidence`
    in (0, 1] (1: a label of the occupation, exactly; less: how close the title's meaning is to
    one of its labels), `part` the part of the title that names it."""

    occupation: int
    confidence: float
    part: str


_WORD = re.compile(r"[^\W_]+")


def normalise(text: str) -> str:
    """Casefolded words of `text` (letters and digits, Unicode-normalised), one space apart."""
    return " ".join(_WORD.findall(unicodedata.normalize("NFC", text).casefold()))


def closed(text: str) -> str:
    """`text` normalised with its words run together: the key under which a Finnish title written
    as two words ("Yhdistelmäajoneuvon kuljettaja", a genitive and its head) and as one compound
    ("yhdistelmäajoneuvonkuljettaja") are the same title. ESCO lists both forms for some titles
    ("lähettiauton kuljettaja", "lähettiautonkuljettaja") and one of them for most; Finnish ads
    write either (an outside tester's "Yhdistelmäajoneuvon kuljettaja", session 15 P7, was read as a
    live-animal transporter: only the compound was in the glossary)."""
    return normalise(text).replace(" ", "")


SWEDISH_OF = ("i", "inom")
"""Swedish prepositions that say which field a title is in ("lärare i småbarnspedagogik",
"lärare inom småbarnspedagogik": both are written for the same post); a glossary entry with one
is read with the other too (outside tester 15, P6: the official title "Lärare i
småbarnspedagogik" was read as a youth programme director; the glossary had the "inom" form)."""


def _field_variants(key: str) -> list[str]:
    """`key` (normalised) and, when it has one of `SWEDISH_OF`, the same with the other."""
    words = key.split()
    out = [key]
    for i, w in enumerate(words):
        if w in SWEDISH_OF and 0 < i < len(words) - 1:
            for other in SWEDISH_OF:
                if other != w:
                    out.append(" ".join([*words[:i], other, *words[i + 1 :]]))
    return out


def title_parts(title: str) -> list[str]:
    """The parts of a job title that may each name an occupation, in order, without seniority
    words and gender markers; empty parts and duplicates dropped. ("Sjuksköterska / sairaanhoitaja"
    -> ["Sjuksköterska", "sairaanhoitaja"]; "Senior welder (m/f), Tampere" -> ["welder", "Tampere"])."""
    title = GENDER.sub(" ", title)
    out: list[str] = []
    seen: set[str] = set()
    for part in SPLIT.split(title):
        kept = " ".join(w for w in part.split() if normalise(w) not in QUALIFIERS)
        key = normalise(kept)
        if key and key not in seen:
            seen.add(key)
            out.append(kept.strip())
    return out


_SETTING_WORDS = frozenset(
    {
        *("city", "urban", "local", "regional", "rural", "municipal", "public", "night", "evening"),
        *("weekend", "morning", "summer", "winter", "seasonal", "temporary", "permanent", "part-time"),
        *("full-time", "part", "time", "full", "relief", "on-call", "experienced", "skilled", "qualified"),
        *("stads", "stad", "natt", "kvälls", "helg", "sommar", "säsong"),
        *("tillfällig", "deltids", "heltids", "erfaren", "kommunal", "lokal"),
    }
)
"""Words of where, when or how long before a title ("City bus driver", "Night cleaner", "Summer
cook"): `TitleReader._tail` reads the title after them. Other words say which job it is ("Test
automation engineer" is no automation engineer, "Assistant nurse" no nurse) and are kept, and so are
words that also name whom or what the work is for: "day" ("Day care teacher"), "senior" ("Senior care
worker": elderly care), "new" ("New car salesman"), "junior"."""


class TitleReader:
    """Job title -> the occupations it names (`read`). Safe to share between threads.

    taxonomy : the ESCO taxonomy (its occupations' preferred and alternative labels)
    lemmatise : (word, language) -> lemma, the recogniser's Finnish lemmas (None: words as written)
    glossary : (language, title, Finnish title) triples (`data/recognition/job_titles.csv`): a
        part with no exact hit is read again as the Finnish title its glossary entry gives (an
        English or multi-word title: the whole part; a Swedish word: also as a compound's end);
        several Finnish titles joined by "|" name each of their occupations (a generic title:
        "kuljettaja", a lorry, bus, delivery-van or taxi driver, as the ad's skills say)
    encoder : a sentence encoder (`recognition.TextEncoder`: `encode(texts, query=True)` -> (n, dim)
        float32 L2-normalised), None for exact labels only
    embeddings : ((n, dim) float16 L2-normalised label embeddings, (n,) int32 occupation
        positions), what `embed_occupation_labels` returns; required with `encoder`
    dense_floor : cosine mapped to confidence 0 (e5 cosines of unrelated short texts sit near 0.75)
    min_confidence : rescaled dense score below which a part names no occupation
    dense_margin : occupations within this (rescaled) of a part's best are kept too
    max_per_part : at most this many occupations per part
    cache_size : titles whose reading is kept (vacancies are prepared again on restart/update)
    alternative_confidence : confidence of an occupation a part names only by an alternative label
        when the part is another occupation's preferred label (in any language); with the title
        prior (`RankingParams.title_floor`) the odds the title gives the preferred label's
        occupation over it. 0.1: "kokki" is the cook's Finnish name and only an alternative label
        of the chef (keittiömestari), and at 0.5 (before 2026-12-02 evening) the skills read from
        the title "Kokki" alone made it a chef's ad at 0.66 (session 13 outside tester). Title set,
        tuning half: the same 40/40 units and 30/31 occupations at 0.1 and 0.5
    Raises ValueError when `encoder` is given without `embeddings` or their shapes disagree."""

    def __init__(
        self,
        taxonomy: Taxonomy,
        lemmatise: Lemmatiser | None = None,
        encoder: TextEncoder | None = None,
        embeddings: tuple[np.ndarray, np.ndarray] | None = None,
        *,
        dense_floor: float = 0.8,
        min_confidence: float = 0.45,
        dense_margin: float = 0.05,
        max_per_part: int = 3,
        cache_size: int = 4096,
        glossary: Sequence[tuple[str, str, str]] = (),
        alternative_confidence: float = 0.1,
        min_head: int = 5,
    ) -> None:
        if encoder is not None and embeddings is None:
            raise ValueError("a dense title reader needs the occupation-label embeddings")
        self.n_occupations = taxonomy.n_occupations
        self.lemmatise = lemmatise
        self.encoder = encoder
        self.dense_floor = dense_floor
        self.min_confidence = min_confidence
        self.dense_margin = dense_margin
        self.max_per_part = max_per_part
        self.alternative_confidence = alternative_confidence
        self.min_head = min_head
        self.whole: dict[str, str] = {}
        for lang, entry, fi in glossary:
            if lang.startswith("cv-"):  # (a CV line's everyday title: `cv_lines.CvTitles` only)
                continue
            for key in _field_variants(normalise(entry)) if lang == "sv" else [normalise(entry)]:
                if key:
                    self.whole.setdefault(key, fi)
        self.whole_closed = {k.replace(" ", ""): fi for k, fi in self.whole.items()}
        # one-word Finnish titles of the glossary a compound may end with (`_head`): "lääkäri" in
        # "terveyskeskuslääkäri", "osastonhoitaja" in "apulaisosastonhoitaja" (abbreviations and
        # entries naming several titles aside: "metsäkoneenkuljettaja" is no road driver)
        self.finnish_glossed: dict[str, str] = {
            key: fi
            for lang, entry, fi in glossary
            if lang in ("fi", "fi-title")
            and " " not in (key := normalise(entry))
            and len(key) >= 6
            and "|" not in fi  # a generic title ("kuljettaja": any road driver) says nothing of a compound
        }
        # longest first: "bilmekaniker" before "mekaniker", "elmontör" before "montör"
        self.endings = sorted(
            ((normalise(t), fi) for lang, t, fi in glossary if lang == "sv" and " " not in normalise(t)),
            key=lambda g: -len(g[0]),
        )
        t = taxonomy.tables
        found: dict[str, set[int]] = {}
        preferred: dict[str, set[int]] = {}
        for lang, labels in t.occupation_labels.items():
            alts = t.occupation_alt_labels.get(lang, [])
            for o, pref in enumerate(labels):
                for label in (pref, *(alts[o] if o < len(alts) else ())):
                    plain = normalise(label)
                    if not plain:
                        continue
                    keys = [plain]
                    if lang == "fi" and self.lemmatise is not None:  # Finnish labels also by their lemmas
                        keys.append(self._lemmas(plain))
                    for key in keys:
                        found.setdefault(key, set()).add(o)
                        if label is pref:
                            preferred.setdefault(key, set()).add(o)
        self.finnish_preferred = frozenset(
            plain for plain in map(normalise, t.occupation_labels.get("fi", [])) if plain and " " not in plain
        )
        # one-word Finnish alternative labels of one occupation only, which a compound may end with too
        # (`_head`): "bussinkuljettaja" (the bus driver's) in "kaupunkibussinkuljettaja"
        owners: dict[str, set[int]] = {}
        for o, finnish_alts in enumerate(t.occupation_alt_labels.get("fi", [])):
            for alt in finnish_alts:
                one = normalise(alt)
                if one and " " not in one and len(one) >= 8:
                    owners.setdefault(one, set()).add(o)
        self.finnish_alternative = frozenset(
            k for k, v in owners.items() if len(v) == 1 and k not in self.finnish_preferred
        )
        self.exact: dict[str, tuple[int, ...]] = {k: tuple(sorted(v)) for k, v in found.items()}
        self.preferred: dict[str, frozenset[int]] = {k: frozenset(v) for k, v in preferred.items()}
        # the same labels with their words run together (`closed`), as written (not lemmatised)
        closed_found: dict[str, set[int]] = {}
        closed_preferred: dict[str, set[int]] = {}
        for lang, labels in t.occupation_labels.items():
            alts = t.occupation_alt_labels.get(lang, [])
            for o, pref in enumerate(labels):
                for label in (pref, *(alts[o] if o < len(alts) else ())):
                    if key := closed(label):
                        closed_found.setdefault(key, set()).add(o)
                        if label is pref:
                            closed_preferred.setdefault(key, set()).add(o)
        self.closed = {k: tuple(sorted(v)) for k, v in closed_found.items()}
        self.closed_preferred = {k: frozenset(v) for k, v in closed_preferred.items()}
        self.vectors: np.ndarray | None = None
        self.owner: np.ndarray | None = None
        if embeddings is not None:
            vectors, owner = embeddings
            if vectors.shape[0] != len(owner) or (len(owner) and int(owner.max()) >= self.n_occupations):
                raise ValueError("occupation-label embeddings do not fit this taxonomy")
            self.vectors = np.asarray(vectors, dtype=np.float32)
            self.owner = np.asarray(owner, dtype=np.int64)
        self._cache: OrderedDict[str, tuple[TitleOccupation, ...]] = OrderedDict()
        self._cache_size = cache_size
        self._lock = threading.Lock()

    @property
    def dense(self) -> bool:
        """Whether titles that are no exact label are read by the multilingual model."""
        return self.encoder is not None and self.vectors is not None

    def _key(self, text: str) -> str:
        return self._lemmas(normalise(text))

    def _lemmas(self, plain: str) -> str:
        """`plain` (normalised words) with each word replaced by its Finnish lemma."""
        if self.lemmatise is None:
            return plain
        return " ".join(self.lemmatise(w, "fi") for w in plain.split())

    def read(self, title: str) -> tuple[TitleOccupation, ...]:
        """The occupations `title` names, best first (an occupation named by several parts keeps
        its best confidence); empty for an empty title or one that names none."""
        title = " ".join(title.split())
        if not title:
            return ()
        with self._lock:
            if title in self._cache:
                self._cache.move_to_end(title)
                return self._cache[title]
        found = self._read(title)
        with self._lock:
            self._cache[title] = found
            while len(self._cache) > self._cache_size:
                self._cache.popitem(last=False)
        return found

    def _read(self, title: str) -> tuple[TitleOccupation, ...]:
        best: dict[int, TitleOccupation] = {}
        unread: list[str] = []
        licensed: set[int] = set()  # the drivers the title's licence classes name
        parts: list[str] = []
        for part in title_parts(title):
            if LICENCE.fullmatch(normalise(part)):
                for code in normalise(part).split():
                    if code in LICENCE_DRIVERS:
                        licensed.update(self._exact(LICENCE_DRIVERS[code]))
                continue
            words = normalise(part).split()
            if len(words) > 1 and words[0] in LICENCE_CLASSES and self._known(" ".join(words[1:])):
                # "CE-kuljettaja", "C-chaufför": a licence class written before the driver's title
                if words[0] in LICENCE_DRIVERS:
                    licensed.update(self._exact(LICENCE_DRIVERS[words[0]]))
                part = " ".join(words[1:])
            if not self._exact(part) and len(pieces := self._titles_joined(part)) > 1:
                parts.extend(pieces)  # "Levyseppä-hitsaaja": a post of two occupations
            else:
                parts.append(part)
        for part in parts:
            part = self._core(part)
            hits = self._exact(part)
            named = self._preferred(part)
            glossed = part
            if not hits or not named:
                # the glossary's reading of an everyday title beats ESCO's alternative labels: a
                # Finnish ad's "Siivooja" cleans offices (the glossary: laitossiivooja, building
                # cleaner), though ESCO lists "siivooja" only under the domestic cleaner
                glossed = self._glossed(part)
                if glossed != part and (via := self._exact(glossed)):
                    named = self._preferred(glossed) or frozenset(via)
                    hits = via
            if not hits and (head := self._head(part)):
                # a Finnish compound whose end is a title: "Lounaskokki", "Laitoskokki" (a cook),
                # or a glossary's title: "Terveyskeskuslääkäri" (a general practitioner), or an
                # alternative label of one occupation: "Kaupunkibussinkuljettaja" (a bus driver)
                if head in self.finnish_glossed and head not in self.finnish_preferred:
                    head = self.finnish_glossed[head]
                hits, named = self._exact(head), self._preferred(head)
            if not hits and (tail := self._tail(part)):
                # a title with a word of where or when before it: "City bus driver", "Night cleaner"
                hits, named = self._exact(tail), self._preferred(tail)
            if hits:
                for o in hits:
                    c = 1.0 if not named or o in named else self.alternative_confidence
                    if o not in best or best[o].confidence < c:
                        best[o] = TitleOccupation(o, c, part)
            else:
                unread.append(glossed)
        if unread and self.dense and not best:
            for part, found in zip(unread, self._dense(unread), strict=True):
                for o, c in found:
                    if o not in best or best[o].confidence < c:
                        best[o] = TitleOccupation(o, c, part)
        if licensed and licensed & best.keys():
            # "Kuljettaja (C/CE)": of the drivers the title names, those its licence classes drive
            best = {o: t for o, t in best.items() if o in licensed}
        return tuple(sorted(best.values(), key=lambda t: (-t.confidence, t.occupation)))

    def _titles_joined(self, part: str) -> list[str]:
        """The titles a hyphenated `part` joins when each of its pieces is a title (`_known`):
        "Levyseppä-hitsaaja" -> ["Levyseppä", "hitsaaja"]; [`part`] otherwise ("Linja-autonkuljettaja":
        "linja" is no title)."""
        pieces = [p for p in re.split(r"\s*-\s*", part) if p.strip()]
        if len(pieces) > 1 and all(self._known(normalise(p)) for p in pieces):
            return pieces
        return [part]

    def _head(self, part: str) -> str:
        """The Finnish title a one-word `part` ends with, when `part` is no title itself: the
        longest ending of at least `min_head` letters, after at least 3 letters, that is a Finnish
        occupation's preferred label ("Lounaskokki" -> "kokki") or a one-word Finnish title of
        the glossary of at least 6 letters ("Terveyskeskuslääkäri" -> "lääkäri") or a one-word Finnish
        alternative label of one occupation only ("Kaupunkibussinkuljettaja" -> "bussinkuljettaja");
        "" when none.
        Finnish writes a specialised title as one compound; ESCO lists few of them (tester 14:
        "Lounaskokki"- and "Laitoskokki"-like titles named no occupation; tester 15, P7:
        "Terveyskeskuslääkäri")."""
        words = normalise(part).split()
        if len(words) != 1:
            return ""
        word = words[0]
        for start in range(3, len(word) - self.min_head + 1):
            head = word[start:]
            if (
                head in self.finnish_preferred
                or head in self.finnish_glossed
                or head in self.finnish_alternative
            ):
                return head
        return ""

    def _tail(self, part: str) -> str:
        """The title (`_exact`) that a part of several words ends with once the words before it are
        dropped, each of which says where, when or how long (`_SETTING_WORDS`; "Assistant nurse" is no
        nurse, "Test automation engineer" no automation engineer): "City bus driver" -> "bus driver";
        "" when none. Outside tester 23, S3: "City bus driver"
        named no occupation, while "Bus driver" names the bus driver."""
        words = normalise(part).split()
        for k in range(1, len(words)):
            if words[k - 1] not in _SETTING_WORDS:
                return ""
            tail = " ".join(words[k:])
            if self._exact(tail):
                return tail
        return ""

    def _exact(self, part: str) -> tuple[int, ...]:
        if "|" in part:  # a glossary entry naming several titles (a title part never holds "|")
            return tuple(dict.fromkeys(o for p in part.split("|") for o in self._exact(p)))
        return (
            self.exact.get(normalise(part))
            or self.exact.get(self._key(part))
            or self.closed.get(closed(part))
            or ()
        )

    def _known(self, words: str) -> bool:
        """Whether `words` (normalised) is a title: an occupation's label, or one the glossary
        reads as a label (a whole entry or, Swedish, a compound's end)."""
        if self._exact(words):
            return True
        glossed = self._glossed(words)
        return glossed != words and bool(self._exact(glossed))

    def _inflected(self, word: str) -> bool:
        """Whether a Finnish `word` (normalised, one word) is not in its base form: the lemmatiser
        changes it, or it ends with a case or possessive ending that says where, when or for whom
        (`FINNISH_COMPLEMENT_ENDINGS`: "konepajaan", "Tampereelle", "kesäksi", "tiimiimme"; the
        lemmatiser leaves most compounds and place names as written)."""
        if self.lemmatise is not None and self.lemmatise(word, "fi") != word:
            return True
        return len(word) >= 5 and word.endswith(FINNISH_COMPLEMENT_ENDINGS)

    def _core(self, part: str) -> str:
        """The title `part` names, without a complement saying where, when or for whom: the longest
        run of its first words that is a title (`_known`) and whose other words are a complement --
        starting with a preposition ("Närvårdare till hemvården", "Cook for our lunch restaurant")
        or all inflected Finnish words (`_inflected`: "Lähihoitaja kotihoitoon", "Hitsaaja
        konepajaan", "Kokki Leville talvikaudeksi", "Siivooja osa-aikaiseen työsuhteeseen": of a
        hyphenated word its last piece). `part` itself when it is a title as it stands or has no
        such run. Words before the title are kept: they often say which occupation it is
        ("Linja-auton kuljettaja" is a bus driver, not any driver). (An outside tester's
        "Närvårdare till hemvården", the usual Swedish title of a practical nurse in home care,
        named no occupation at all, while "Närvårdare" alone was read right; tester 23, T4:
        "Hitsaaja konepajaan" was a laundry supervisor's ad, "Kokki lounasravintolaan" a
        pizzaiolo's: the lemmatiser does not know the compounds.)"""
        tokens = [t for t in part.split() if normalise(t)]
        if len(tokens) < 2 or self._known(normalise(part)):
            return part
        for size in range(len(tokens) - 1, 0, -1):
            core = normalise(" ".join(tokens[:size]))
            after = [normalise(t).split() for t in tokens[size:]]
            complement = after[0][0] in COMPLEMENT or all(self._inflected(w[-1]) for w in after)
            if complement and self._known(core):
                return core
        for size in range(1, len(tokens)):
            # no title the labels know: the words before a preposition of where or for whom, for the
            # multilingual model to read ("Early childhood teacher to our daycare")
            if normalise(tokens[size]) in DESTINATION:
                return " ".join(tokens[:size])
        return part

    def _preferred(self, part: str) -> frozenset[int]:
        """The occupations whose preferred label (any language) `part` is; empty when none."""
        if "|" in part:
            return frozenset(o for p in part.split("|") for o in self._preferred(p))
        return (
            self.preferred.get(normalise(part))
            or self.preferred.get(self._key(part))
            or self.closed_preferred.get(closed(part))
            or frozenset()
        )

    def _glossed(self, part: str) -> str:
        """`part` with its Swedish title words (or the whole part, for a title of several words)
        replaced by their Finnish titles; `part` itself when the glossary names none. A Finnish
        title that is no ESCO label (or only an alternative label) but the glossary's own everyday
        title is read on as that entry says ("personlig assistent" -> "henkilökohtainen avustaja" ->
        "kodinhoitaja")."""
        glossed = self._glossed_once(part)
        if glossed != part and not self._preferred(glossed) and (further := self._whole(glossed)):
            # also when the Finnish title is only an ESCO alternative label the glossary reads
            # otherwise ("ämneslärare" -> "aineenopettaja": in ESCO the primary school teacher's)
            return further
        return glossed

    def _whole(self, part: str) -> str:
        """The Finnish title(s) the glossary gives for the whole of `part` (written as one compound
        or as separate words: `closed`); "" when it has no entry."""
        return self.whole.get(normalise(part)) or self.whole_closed.get(closed(part)) or ""

    def _glossed_once(self, part: str) -> str:
        key = normalise(part)
        if whole := self._whole(part):
            return whole
        out, changed = [], False
        for word in key.split():
            for ending, finnish in self.endings:
                if word.endswith(ending):
                    out.append(finnish)
                    changed = True
                    break
            else:
                out.append(word)
        return " ".join(out) if changed else part

    def _dense(self, parts: list[str]) -> list[list[tuple[int, float]]]:
        assert self.vectors is not None and self.owner is not None and self.encoder is not None
        q = np.asarray(self.encoder.encode(parts, query=True), dtype=np.float32)
        cos = q @ self.vectors.T  # (n_parts, n_labels)
        out = []
        for row in cos:
            per = np.full(self.n_occupations, -1.0)
            np.maximum.at(per, self.owner, row)
            score = np.clip((per - self.dense_floor) / (1.0 - self.dense_floor), 0.0, 1.0)
            top = np.argsort(-score, kind="stable")[: self.max_per_part]
            line = max(self.min_confidence, float(score[top[0]]) - self.dense_margin)
            out.append([(int(o), float(score[o])) for o in top if score[o] >= line])
        return out


def embed_occupation_labels(taxonomy: Taxonomy, encoder: TextEncoder) -> tuple[np.ndarray, np.ndarray]:
    """Embeddings of every occupation's English preferred label: ((n, dim) float16 L2-normalised,
    (n,) int32 occupation positions). About 3,000 short texts (about 2 CPU-minutes): the reference
    loader caches them per machine. (Finnish titles are mostly read exactly, through the lemmatised
    Finnish labels; embedding the Finnish labels too would double the cost, the 33,000 English
    alternative labels would cost about 20 CPU-minutes.)"""
    texts, owner = occupation_label_texts(taxonomy)
    vectors = np.zeros((0, 384), dtype=np.float16)
    batches = [np.asarray(encoder.encode(texts[s : s + 256], query=True)) for s in range(0, len(texts), 256)]
    if batches:
        vectors = np.concatenate(batches).astype(np.float16)
    return vectors, np.asarray(owner, dtype=np.int32)


def occupation_label_texts(taxonomy: Taxonomy) -> tuple[list[str], list[int]]:
    """(label texts, occupation positions) that `embed_occupation_labels` embeds, in order."""
    t = taxonomy.tables
    texts: list[str] = []
    owner: list[int] = []
    for o, label in enumerate(t.occupation_labels.get("en", [])):
        if label:
            texts.append(label)
            owner.append(o)
    return texts, owner
