"""The occupations a CV or a coach's note names as the person's own work (issue 12, session 38,
helper `cv38`; outside tester 38, M1/M2).

In an ad the occupation named is the job hired for, and recognition sets it aside (its skills come
from the title). In a CV ("Kokki lounasravintolassa 2010-2022.", "Kock på lunchrestaurang
2010-2022.", "Cook at a lunch restaurant 2010-2022.", "Valmistunut lähihoitajaksi 2026.") it is
the person's experience: `named_work` returns each such occupation once, with the years the line
gives, so the coach can add it as a work-history row (the index infers the occupation's essential
skills from that row, evidence kind "inferred"). A line about studying for an occupation or wishing
for one ("Opiskelen leipuri-kondiittoriksi", "Haluan palata varhaiskasvatukseen", "Vill bli
busschaufför") names no experience and gives none.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass
from datetime import date

from services.matching.index.domain.cv_periods import NO_PERIOD, Period, period_of
from services.matching.index.domain.recognition_text import affirmed, words

NOT_HELD = re.compile(
    r"\b(?:"
    # Finnish: studying, graduating later, wishing, aiming
    # (verb forms only: "Opiskelijaruokalan kokki", "Tavoitteellinen myyjä", the name Toivonen are work)
    r"opiskel(?:en|ee|emme|evat|emassa|ija|ijana)|valmistun|valmistuu|valmistumassa|haluai?s\w*|haluan|"
    r"haluaa|toivo(?:n|isin|isi|vat|mme)|toiveeni|tavoittel\w*|tavoitteena|tavoitteeni|"
    r"suunnittele\w+\s+(?:alan|uraa)|kiinnost\w*|"
    # Swedish
    r"studera\w*|studier|vill|önska\w*|målet|siktar|tar\s+examen|ska\s+bli|kommer\s+att\s+bli|"
    # English
    r"studying|will\s+graduate|want\w*|wish\w*|would\s+like|hop(?:e|es|ing)\s+to|aim\w*|"
    r"interested"
    r")\b",
    re.I,
)
"""Words saying the person is not (yet) in the occupation the line names: studies, wishes, aims."""


@dataclass(frozen=True)
class NamedWork:
    """An occupation the text names as the person's own (`uri`: ESCO occupation URI), in the
    sentence `source` (as written), with the sentence's `period` (`cv_periods.period_of`:
    "2010-2022": 12 years, ended 2022; "2018–nyt": the years to today, ongoing; none when it gives
    none: "Olen lähihoitaja.", "Valmistunut lähihoitajaksi 2026.")."""

    uri: str
    source: str
    period: Period = NO_PERIOD

    @property
    def years(self) -> float | None:
        return self.period.years

    @property
    def ended_year(self) -> int | None:
        return self.period.ended_year


def named_work(
    parts: Sequence[str],
    occupations_in: Callable[[str], Sequence[str]],
    today: date,
    limit: int = 10,
    months: Mapping[str, int] | None = None,
) -> list[NamedWork]:
    """The occupations the sentences `parts` of a CV or coach's note name as the person's own, in
    the text's order, each URI once (its first sentence; at most `limit`). `occupations_in(sentence)`
    gives the ESCO occupation URIs a sentence names (the recogniser's, in the text's language). A
    sentence saying the person studies for, wishes or aims at an occupation (`NOT_HELD`) names none, nor
    what it says the person lacks or seeks (`recognition_text.affirmed`: "Ei kokemusta hitsaajana.",
    "Looking for work as a welder."; the lead's before-stop read, session 38). Each sentence's
    period is read on `today` (the caller's clock) with the month names `months`
    (`cv_periods.period_of`)."""
    found: dict[str, NamedWork] = {}
    for sentence in parts:
        if len(found) >= limit:
            break
        held = affirmed(sentence)  # "Ei kokemusta hitsaajana.", "Söker jobb som svetsare.": none held
        if NOT_HELD.search(sentence) or not re.search(r"\w", held):
            continue
        uris = occupations_in(held)
        if not uris:
            continue
        period = period_of(sentence, today, months)
        for uri in uris:
            if uri not in found and len(found) < limit:
                found[uri] = NamedWork(uri, sentence, period)
    return list(found.values())


MAX_CAREER_YEARS = 60
"""Years a profile's work history may add up to (the profile service's `MAX_CAREER_YEARS`)."""


def profile_rows(found: Sequence[NamedWork], max_total: float = MAX_CAREER_YEARS) -> list[NamedWork]:
    """Those of `found` (in order) that a profile's `work_history` takes as they are: the period
    complete (years, and an end year or ongoing: `Period.complete`) and their years adding up to at
    most `max_total`, a later one left out when it would go over."""
    rows: list[NamedWork] = []
    total = 0.0
    for work in found:
        if work.period.complete and total + (work.years or 0) <= max_total:
            rows.append(work)
            total += work.years or 0
    return rows


_OPENERS = frozenset({"as", "som"})
"""Words after which a one-word English or Swedish title is the job held ("worked as a welder",
"arbetade som svetsare"), as at a line's opening ("Welder, engineering workshop, 2005-2019.")."""
_ARTICLES = frozenset({"a", "an", "en", "ett"})
_FI_ENDINGS = ("na", "nä", "ksi", "a", "ä", "n")
"""Finnish case endings of a title in a CV line: essive ("kassamyyjänä"), translative, partitive, genitive."""
_LOCAL_CASES = ("ssa", "ssä", "sta", "stä", "lta", "ltä", "lla", "llä")
"""Finnish local case endings: a word in them is where the person worked, not a title's word."""
_FI_GENERIC_HEADS = ("työntekijä",)
"""Finnish heads that say "a worker of" their modifier ("kassatyöntekijä": the till's worker)."""


class CvTitles:
    """The ESCO occupations a CV line names by any preferred or alternative label in its own
    language, inflected as CVs write it (issue 12, helper `cvfix38`; outside tester 38b, N1/N2):
    English and Swedish labels of two words or more anywhere ("Warehouse worker at a logistics
    centre", "Worked as a bus driver"), of one word at the line's opening or after "as (a)"/"som"
    ("Welder, engineering workshop"); a Finnish word (at the line's opening or in the essive or
    translative: "Kassamyyjä …", "Työskentelin kassamyyjänä …", "Valmistuin kokiksi") that is a
    label, or a compound whose head (5 letters or more) is one ("kassamyyjä" → myyjä), or whose
    generic head "työntekijä" follows a modifier that opens a preferred label in the genitive
    ("kassatyöntekijä" → kassanhoitaja). It reads only lines already known to be a CV's
    (`named_work`), where a title word is the person's work, not an ad's everyday word.

    `labels[lang][o]`, `alt_labels[lang][o]`: occupation o's preferred and alternative labels;
    `uris[o]` its URI; `lemmatise(word, lang)` a Finnish lemmatiser (None: case endings only). A
    label shared by several occupations names the one whose preferred label it is, else all that
    share it (at most `max_shared`; more names none)."""

    def __init__(
        self,
        labels: Mapping[str, Sequence[str | None]],
        alt_labels: Mapping[str, Sequence[Sequence[str]]],
        uris: Sequence[str],
        lemmatise: Callable[[str, str], str] | None = None,
        max_shared: int = 3,
    ) -> None:
        self.uris = tuple(uris)
        self.lemmatise = lemmatise
        self.max_shared = max_shared
        self.titles: dict[str, dict[str, tuple[int, ...]]] = {}
        self.preferred_fi: list[tuple[str, int]] = []
        for lang, prefs in labels.items():
            alts = alt_labels.get(lang, [])
            exact: dict[str, set[int]] = {}
            preferred: dict[str, set[int]] = {}
            for o, pref in enumerate(prefs):
                for label in (pref, *(alts[o] if o < len(alts) else ())):
                    key = " ".join(words(label or ""))
                    if key:
                        exact.setdefault(key, set()).add(o)
                        if label is pref:
                            preferred.setdefault(key, set()).add(o)
                            if lang == "fi" and "," not in (pref or ""):
                                self.preferred_fi.append((key, o))
            self.titles[lang] = {k: tuple(sorted(preferred.get(k) or v)) for k, v in exact.items()}
        self.longest = max((len(k.split(" ")) for t in self.titles.values() for k in t), default=1)

    def __call__(self, sentence: str, lang: str, named: Sequence[str] = ()) -> tuple[str, ...]:
        """URIs of the occupations `sentence` (a CV line, language `lang`: "fi", "sv" or "en")
        names by a label, in the line's order, each once; () when none. A label of two words or
        more ("Betonipumppuauton kuljettaja", "bus driver") is read before `named` (the URIs
        another reader found, e.g. the recogniser's `occupations_in`, which may read only its last
        word: "kuljettaja"), and `named` before a label of one word."""
        titles = self.titles.get(lang)
        if not titles:
            return tuple(named)
        tokens = words(sentence)
        long: list[int] = []
        short: list[int] = []
        i = 0
        while i < len(tokens):
            for n in range(min(self.longest, len(tokens) - i), 1, -1):
                if hit := self._phrase(tokens[i : i + n], lang, titles):
                    long += hit
                    i += n - 1
                    break
            else:
                if lang == "fi":
                    short += self._finnish(tokens[i], i == 0, titles)
                elif (hit := titles.get(tokens[i], ())) and self._held_at(tokens, i):
                    short += self._named(hit)
            i += 1
        if long:
            return tuple(dict.fromkeys(self.uris[o] for o in long))
        if named:
            return tuple(named)
        return tuple(dict.fromkeys(self.uris[o] for o in short))

    def _phrase(
        self, tokens: Sequence[str], lang: str, titles: Mapping[str, tuple[int, ...]]
    ) -> tuple[int, ...]:
        """The occupations (positions) a label of several words `tokens` is: as written, or in
        Finnish with its last word in a case other than a local one ("kuljettajana", "kuljettajaksi")."""
        *before, last = tokens
        keys = [last]
        if lang == "fi" and not last.endswith(_LOCAL_CASES):  # ("lastenhoitaja päiväkodissa" is no
            # "lastenhoitaja, päiväkoti": a place the person worked in, not the label's specialism)
            keys += [last[: -len(e)] for e in _FI_ENDINGS if last.endswith(e)]
            if self.lemmatise is not None:
                keys.append(self.lemmatise(last, "fi"))
        for key in dict.fromkeys(keys):
            if hit := titles.get(" ".join([*before, key])):
                return self._named(hit)
        return ()

    def _named(self, hit: tuple[int, ...]) -> tuple[int, ...]:
        return hit if len(hit) <= self.max_shared else ()

    @staticmethod
    def _held_at(tokens: Sequence[str], i: int) -> bool:
        """Whether a one-word title at `tokens[i]` is the job held: the line opens with it, or it
        follows "as"/"som" (with an article between or not)."""
        if i == 0:
            return True
        before = tokens[i - 1]
        if before in _ARTICLES and i >= 2:
            before = tokens[i - 2]
        return before in _OPENERS

    def _finnish(self, w: str, opening: bool, titles: Mapping[str, tuple[int, ...]]) -> tuple[int, ...]:
        """The occupations (positions) a Finnish word names: read at the line's opening, or in the
        essive or translative ("kassamyyjänä", "kokiksi")."""
        role = w.endswith(("na", "nä", "ksi"))
        if not (opening or role) or len(w) < 4:
            return ()
        stems = [w, *(w[: -len(e)] for e in _FI_ENDINGS if w.endswith(e))]
        if self.lemmatise is not None:
            stems.insert(1, self.lemmatise(w, "fi"))
        stems = [s for s in dict.fromkeys(stems) if len(s) >= 4]
        for stem in stems:
            if hit := titles.get(stem):
                return self._named(hit)
        for stem in stems:
            for start in range(3, len(stem) - 4):
                head, modifier = stem[start:], stem[:start]
                if head in _FI_GENERIC_HEADS:
                    opened = sorted(
                        (len(k), o)
                        for k, o in self.preferred_fi
                        if " " not in k and k.startswith(modifier + "n")
                    )
                    if opened:
                        return (opened[0][1],)
                    continue
                if hit := titles.get(head):
                    return self._named(hit)
        return ()
