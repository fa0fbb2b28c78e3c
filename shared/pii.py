"""A privacy guard for free text: finds (and masks) Finnish personal identity codes, e-mail addresses
and phone numbers, so that text typed by people never carries a jobseeker's identity where it must
not (the pseudonymous topics, the matching service's store, URLs, logs).

Text is read as typed (``as_typed``): full-width and other compatibility characters as their plain
forms (NFKC), typographic dashes as ``-``, no-break spaces as spaces, invisible characters dropped, so
``040–765 4321`` (Word's en dash) is the phone number ``040-765 4321``; findings keep the positions of
the original text.

Standard library (and Babel's territory names for nationalities, Unicode's confusables through
``confusable-homoglyphs``); any service may use it (``shared`` plumbing, no domain rule in here). What
counts as which:

* **Personal identity code** (henkilötunnus): ``DDMMYY`` + century sign + individual number (3 digits)
  + check character, e.g. ``131052-308T``. Century signs: ``+`` (1800s), ``-`` and since 2023 ``U``–``Y``
  (1900s), ``A`` and since 2023 ``B``–``F`` (2000s); a typographic dash (‐ ‑ – − ) is read as ``-``.
  Source: Digital and Population Data Services Agency (DVV), "Henkilötunnus" and the 2023 reform
  (Valtioneuvoston asetus 128/2010, muutos 2022). A code with a wrong check character is still
  found: a mistyped identity code is still personal data.
* **E-mail address**: ``local@domain.tld`` (Unicode letters allowed).
* **Phone number**: international (``+358 40 123 4567``, ``+358 (0)40 1234567``, ``00358…``, other
  country codes) or Finnish national with a trunk ``0`` (``040 123 4567``, ``040-1234567``,
  ``(09) 123 4567``, ``0800 123 456``, ``040.123.4567``, ``040/1234567``): 7–13 digits with spaces,
  hyphens, dots or slashes; dates such as ``01-12-2025`` or ``01.12.2025`` are not phone numbers.
* An identity code typed **without its century sign** (``131052308T``) or with a space instead
  (``131052 308T``) counts when its check character is right (so product codes rarely do).
* An identity code **spelled out otherwise** (an outside tester got these past the screen): the
  birth date with separators or a four-digit year before the individual number and check
  character: ``13.10.52-308T``, ``13.10.1952-308T``, ``1310-52-308T``, ``19521013-308T``,
  ``13101952-308T``, or a doubled sign or a four-digit number (``131052--308T``, ``131052-0308T``).
  These need the check character, in running text and in identifiers alike (so dated case and
  order numbers such as ``asiakas-20240115-001`` pass).
* An identity code with **spaces beside its century sign or another separator** (outside tester 34, F3):
  ``131052 -308T``, ``131052- 308T``, ``010190 A 123M``, ``131052/308T``, ``131052.308T``,
  ``13 10 52-308T``, ``131052-308 T``; only with a right check character, which is what tells them from
  a phone number, a date or a time (``13.10.2026 - 1500``) and an order number (``131052 / 3084``).
* **Look-alikes** (outside tester 34, F5): a letter of another script that imitates a Latin one (a
  Cyrillic ``а`` in ``rаskaana``; Unicode's confusables through ``confusable-homoglyphs``) is read as
  that letter in a word that mixes them with Latin letters or is made of them alone, and the letters
  O, o, I and l typed inside a number are read as 0 and 1 (``04O1234567``).
* **Street address**: a street word (Finnish ``katu``, ``tie``, ``kuja``, ``polku``, ``raitti``,
  ``väylä``, ``puisto``, ``rinne``, ``kaari``, ``piha``, ``ranta``, ``aukio``, ``tori``, also inflected:
  ``Hämeenkadulla``, ``Hämeenpuistossa``; Swedish ``gatan``, ``vägen``, ``gränd``…) ending a
  capitalised name, or written apart after one (``Aleksis Kiven katu``, ``Hervannan valtaväylä``),
  then a house number (not one followed by a unit: ``Satamapihalla 3 vuotta`` is text), with the
  postal code and post office after it (``Koivukuja 3, 33100 Tampere``); a post-office box (``PL 123,
  00101 Helsinki``); or a house number, staircase letter and flat number on their own (``20 A 3``, ``12 as. 3``). Ordinary numbers
  (``B1-tason kurssi 2 kk``, ``Ajokortti C 2025``, ``SFS 6002``, ``vuoro 7-15``) are not addresses.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any
from urllib.parse import unquote_plus

from shared import pii_words
from shared.text import TYPOGRAPHIC_DASHES, hidden_text, plain_typography

IDENTITY_CODE = "personal_identity_code"
EMAIL = "email"
PHONE = "phone"
STREET_ADDRESS = "street_address"
IBAN = "iban"
BIRTH_DATE = "birth_date"
HEALTH = "health_data"
AGE = "age"
ETHNIC_ORIGIN = "ethnic_origin"
RELIGION = "religion"
SEXUAL_ORIENTATION = "sexual_orientation"
TRADE_UNION = "trade_union_membership"
FAMILY = "family_status"
POLITICS = pii_words.POLITICS
CRIMINAL = pii_words.CRIMINAL
IMMIGRATION = pii_words.IMMIGRATION
SOCIAL_WELFARE = pii_words.SOCIAL_WELFARE

CHECK_CHARACTERS = "0123456789ABCDEFHJKLMNPRSTUVWXY"
_DASHES = TYPOGRAPHIC_DASHES  # read as "-" (shared.text)
_IDENTITY = re.compile(
    r"(?<![0-9A-Za-z])"
    r"(?P<day>0[1-9]|[12]\d|3[01])(?P<month>0[1-9]|1[0-2])(?P<year>\d\d)"
    rf"(?P<sign>[-+A-FU-Ya-fu-y{_DASHES}])"
    r"(?P<number>\d{3})(?P<check>[0-9A-FHJ-NPR-Ya-fhj-npr-y])"
    r"(?![0-9A-Za-z])"
)
_IDENTITY_UNSIGNED = re.compile(
    r"(?<![0-9A-Za-z])"
    r"(?P<day>0[1-9]|[12]\d|3[01])(?P<month>0[1-9]|1[0-2])(?P<year>\d\d) ?"
    r"(?P<number>\d{3})(?P<check>[0-9A-FHJ-NPR-Ya-fhj-npr-y])"
    r"(?![0-9A-Za-z])"
)
# The code with spaces or another separator around or instead of the century sign, or between the parts of
# its birth date (outside tester 34, F3: "131052 -308T", "131052- 308T", "010190 A 123M", "131052/308T",
# "131052.308T", "13 10 52-308T"). Read only with a right check character: that is what tells such a
# spelling from a phone number, a date and a time, or an order number.
_IDENTITY_LOOSE = re.compile(
    r"(?<![0-9A-Za-z])"
    r"(?P<day>0[1-9]|[12]\d|3[01])(?P<gap>[ ./-]?)(?P<month>0[1-9]|1[0-2])(?P=gap)(?P<year>\d\d)"
    rf"[ \t]{{0,2}}(?:[-+/._:|\\,A-FU-Ya-fu-y{_DASHES}][ \t]{{0,2}})?"
    r"(?P<number>\d{3})(?P<check>\d|[ \t]?[A-FHJ-NPR-Ya-fhj-npr-y])"
    r"(?![0-9A-Za-z])"
)
# Letters typed for digits inside a number ("04O1234567", "O4O 123 4567", "131052-3O8T": outside tester 34,
# F5): a run of digits and O, o, I, l (single separators between) with at least six digits.
# (An identity code's check letter may follow the run: "131052-3O8T".)
_NUMBER_LOOKALIKES = re.compile(r"(?<![^\W_])[0-9OoIl](?:[ ./-]?[0-9OoIl]){5,}(?=[A-Za-z]?(?![^\W_]))")
_AS_DIGITS = str.maketrans("OoIl", "0011")
_LOOKALIKE_BESIDE_DIGIT = re.compile(r"\d[ ./-]?[OoIl]|[OoIl][ ./-]?\d")
# Without its check character (it is computed from the other nine, so the rest identifies as well)
_IDENTITY_NO_CHECK = re.compile(
    r"(?<![0-9A-Za-z])"
    r"(?:0[1-9]|[12]\d|3[01])(?:0[1-9]|1[0-2])\d\d"
    rf"[-+A-FU-Ya-fu-y{_DASHES}]"
    r"\d{3}"
    r"(?![0-9A-Za-z])"
)
# The birth date spelled otherwise (separators, a four-digit year), then a sign or two and the number
_BIRTH_DATE_SPELLED = (
    r"(?:(?:0?[1-9]|[12]\d|3[01])[./-](?:0?[1-9]|1[0-2])[./-](?:(?:18|19|20)\d\d|\d\d)"  # 13.10.52
    r"|(?:0[1-9]|[12]\d|3[01])(?:0[1-9]|1[0-2])[./-]\d\d"  # 1310-52
    r"|(?:18|19|20)\d\d(?:0[1-9]|1[0-2])(?:0[1-9]|[12]\d|3[01])"  # 19521013
    r"|(?:0[1-9]|[12]\d|3[01])(?:0[1-9]|1[0-2])(?:18|19|20)\d\d"  # 13101952
    r"|(?:0[1-9]|[12]\d|3[01])(?:0[1-9]|1[0-2])\d\d(?=[-+A-FU-Ya-fu-y][-+A-FU-Ya-fu-y]|[-+A-FU-Ya-fu-y]\d{4}))"
)
_IDENTITY_SPELLED = re.compile(
    rf"(?<![0-9A-Za-z]){_BIRTH_DATE_SPELLED}[-+A-FU-Ya-fu-y{_DASHES}]{{1,2}}\d{{3,4}}"
    r"[0-9A-FHJ-NPR-Ya-fhj-npr-y](?![0-9A-Za-z])"
)
_ID_IDENTITY_SPELLED = re.compile(
    rf"(?<!\d){_BIRTH_DATE_SPELLED}[-+A-Ya-y._:{_DASHES}]{{1,2}}\d{{3,4}}"
    r"[0-9A-FHJ-NPR-Ya-fhj-npr-y](?![0-9A-Za-z])"
)
# A Finnish mobile number written without its trunk 0 (40-1234567, 50 123 4567), as a whole identifier
_ID_MOBILE = re.compile(r"^(?:4\d|50)\d{6,8}$")
# In an identifier (no spaces, any separator or none): the birth date, a separator and the number
_ID_IDENTITY = re.compile(r"(?<!\d)(?:0[1-9]|[12]\d|3[01])(?:0[1-9]|1[0-2])\d\d[-+A-Ya-y._:]?\d{3}(?!\d)")
# In an identifier with its separators removed: a Finnish number, national (0 and an area or mobile
# prefix) or international without the + (358)
_ID_PHONE = re.compile(r"(?<!\d)(?:358|0[1-9])\d{6,11}(?!\d)")
_ID_SEPARATORS = re.compile(r"[._:\-\s]")
_EMAIL = re.compile(r"(?<![\w.%+'-])[\w.%+'-]{1,64}@[\w-]{1,63}(?:\.[\w-]{1,63}){0,8}\.[^\W\d_]{2,24}")
# E-mail addresses as people write them to dodge harvesters: "aino.virtanen (at) example.fi",
# "aino.virtanen[ät]example.fi", "aino.virtanen@example .fi", "… (piste) fi" (an outside tester).
_AT = r"(?:\s*@\s*|\s*[(\[{<]\s*(?:at|ät|a|miuku|kissanhäntä|snabel-a)\s*[)\]}>]\s*|\s+(?:at|ät)\s+)"
_DOT = r"(?:\s*[.·•∙‧⋅]\s*|\s*[(\[{<]\s*(?:dot|piste|punkt)\s*[)\]}>]\s*|\s+(?:dot|piste|punkt)\s+)"
# (Every repeat is bounded and a match starts only where a local part or a street name can start:
# unbounded, a 10 KB run of letters cost seconds of backtracking per request.)
_EMAIL_SPELLED = re.compile(
    rf"(?<![\w.%+'-])[\w.%+'-]{{1,64}}{_AT}[\w-]{{1,63}}(?:{_DOT}[\w-]{{1,63}}){{0,4}}{_DOT}"
    r"(?:fi|se|com|net|org|eu|ax|info|io)\b",
    re.I,
)
# A Finnish or Swedish street address: a street name and a house number ("Hämeenkatu 1 A 2",
# "Storgatan 5", "Koivukuja 3 B"). Finnish puts the street in a case as often as not ("asuu
# Hämeenkadulla 12", "Koivukujan 3", "Hämeenpuistossa 20 A 3"), so each street word is matched in its
# basic form and as its oblique stem with a case ending (outside tester 10, L14).
_FI_STREET_WORDS = "katu|tie|kuja|polku|raitti|väylä|puisto|rinne|kaari|piha|ranta|aukio|tori"
_FI_STREET_STEMS = "kadu|tie|kuja|polu|raiti|väylä|puisto|rintee|kaare|piha|ranna|aukio|tori"
_FI_CASES = "n|ll[aä]|lle|lt[aä]|ss[aä]|st[aä]"
_SV_STREET_WORDS = "gatan|vägen|gränd(?:en)?|stigen|gata|väg|allén|torget|backen|stranden"
_STREET_ENDINGS = rf"(?:{_FI_STREET_WORDS}|(?:{_FI_STREET_STEMS})(?:{_FI_CASES})|{_SV_STREET_WORDS})"
# After the house number: a staircase letter and a flat number ("20 A 3", "5 B 7", "12 as. 3")
_FLAT_TAIL = r"(?:\s?[A-Za-z]\b(?:\s?\d{1,3})?|\s(?:as\.?|asunto)\s?\d{1,3})"
# A number that counts something else ("Satamapihalla 3 vuotta") is no house number.
_NOT_HOUSE = (
    r"(?!\s*(?:v\b|vuo\w*|kk\b|kuukau\w*|tun\w*|h\b|min\w*|km\b|m\b|€|eur\w*|%|päiv\w*|pv\b"
    r"|viik\w*|vk\b|hlö\w*|henk\w*|år\b|dag\w*|vecko\w*|timm\w*))"
)
_STREET = re.compile(
    rf"(?<![\w-])[A-ZÅÄÖ][\wåäöÅÄÖ-]{{0,40}}?{_STREET_ENDINGS}"
    rf"\s+\d{{1,4}}(?!\d){_NOT_HOUSE}(?:{_FLAT_TAIL})?"
)
# The official name written apart, the street word in lower case after a capitalised word:
# "Aleksis Kiven katu 5 B 7", "Hervannan valtaväylä 12 A 3". Basic forms only, and the house number
# must end the address (a flat tail, punctuation or the end), so "Helsingin tie 5 km" stays text.
_STREET_APART = re.compile(
    r"(?<![\w-])[A-ZÅÄÖ][\wåäöÅÄÖ-]{0,30}\s+(?:[A-ZÅÄÖ][\wåäöÅÄÖ-]{0,30}\s+)?"
    rf"[a-zåäö]?[\wåäö-]{{0,30}}?(?:katu|tie|kuja|polku|raitti|väylä|rinne|kaari|{_SV_STREET_WORDS})"
    rf"\s+\d{{1,4}}(?!\d)(?:{_FLAT_TAIL}|(?=\s*(?:$|[,;.)]|\n)))"
)
# A house number, staircase letter and flat number on their own ("20 A 3", "5 B 7", "12 as. 3"):
# the Finnish flat address's tail is a strong signal even without the street. Upper-case staircase
# letters A–H, spaced, so "B1-kurssi 2", "2 x 3" or "Ajokortti C 2025" stay text.
# An English address, the house number first (outside tester 26, T26-1: "Lives at 12 Main Street, Vaasa"):
# a number, one to three capitalised words, a street word. "route 12 on Main Street" has no number before
# the name and stays text.
_STREET_EN = re.compile(
    r"(?<![\w.,/-])\d{1,4}[A-Za-z]?,?\s+(?:[A-Z][\w'’-]{1,30}\s+){1,3}"
    r"(?:Street|St\.?|Road|Rd\.?|Avenue|Ave\.?|Lane|Drive|Way|Close|Court|Place|Boulevard|Square|Crescent"
    r"|Terrace|Gardens|Grove|Hill|Row|Walk)(?!\w)"
)
_FLAT_ADDRESS = re.compile(r"(?<![\w.,/-])\d{1,4}\s(?:[A-H]|as\.?|asunto)\s\d{1,3}(?![\w,./-]*\d)(?!\w)")
# A post-office box ("PL 123", "PB 45", "PO Box 7"), and the postal code and post office after an
# address ("Koivukuja 3, 33100 Tampere", "PL 123, 00101 Helsinki"): Finnish postal codes have 5 digits.
_PO_BOX = re.compile(r"(?<![\w-])(?:PL|PB|P\.?\s?O\.?\s?Box)\s?\d{1,5}(?!\d)")
_POSTAL_TAIL = re.compile(r",?\s{1,3}(?:FI-|SF-)?\d{5}(?!\d)(?:\s{1,3}[A-ZÅÄÖ][\wåäöÅÄÖ-]{1,40})?")
# A phone number in words, digit by digit: "nolla neljä nolla yksi kaksi …" (an outside tester);
# Finnish, Swedish and English digits, seven or more in a row.
_DIGIT_WORDS = (
    "nolla|yksi|kaksi|kolme|neljä|viisi|kuusi|seitsemän|kahdeksan|yhdeksän"
    # spoken Finnish (outside tester 20, P1: "nolla neljä viisi kuus seittemän kasi …")
    "|yks|kaks|viis|kuus|seittemän|seiska|kaheksan|kasi|yheksän|ysi|nelonen|vitonen|kutonen"
    "|noll|ett|två|tre|fyra|fem|sex|sju|åtta|nio"
    "|zero|oh|one|two|three|four|five|six|seven|eight|nine"
)
_PHONE_WORDS = re.compile(
    rf"(?<!\w)(?:(?:{_DIGIT_WORDS})[\s,./-]{{1,3}}){{6,14}}(?:{_DIGIT_WORDS})(?!\w)", re.I
)
_DIGIT_VALUES = {
    word: str(digit)
    for words in (
        ("nolla", "yksi", "kaksi", "kolme", "neljä", "viisi", "kuusi", "seitsemän", "kahdeksan", "yhdeksän"),
        ("noll", "ett", "två", "tre", "fyra", "fem", "sex", "sju", "åtta", "nio"),
        ("zero", "one", "two", "three", "four", "five", "six", "seven", "eight", "nine"),
    )
    for digit, word in enumerate(words)
}
_DIGIT_VALUES["oh"] = "0"
_DIGIT_VALUES.update(
    {"yks": "1", "kaks": "2", "viis": "5", "kuus": "6", "seittemän": "7", "seiska": "7", "kaheksan": "8"}
    | {"kasi": "8", "yheksän": "9", "ysi": "9", "nelonen": "4", "vitonen": "5", "kutonen": "6"}
)
_DIGIT_WORD = re.compile(rf"(?<!\w)(?:(?:{_DIGIT_WORDS})(?!\w)|plus\s*(?=\d|(?:{_DIGIT_WORDS})(?!\w)))", re.I)
_PHONE_INTERNATIONAL = re.compile(r"(?<![\w+])(?:\+|00)\d{1,3}(?:[ -]?\(0\))?(?:[ ./-]?\d){6,12}(?!\w)")
_PHONE_NATIONAL = re.compile(r"(?<![\w+])(?:\(0\d{1,3}\)|0(?:[ ./-]?\d){1,3})(?:[ ./-]?\d){5,10}(?!\w)")
_DATE_LIKE = re.compile(r"^\d{1,2}[ ./-]\d{1,2}[ ./-](?:\d{2}|\d{4})$")
# An international bank account number (ISO 13616): country, two check digits, 11-30 letters and digits,
# in groups of four or not; counted only when its mod-97 check holds (outside tester 24, T3).
_IBAN = re.compile(
    r"(?<![0-9A-Za-z])[A-Za-z]{2}\d{2}(?: ?[0-9A-Za-z]{4}){2,7}(?: ?[0-9A-Za-z]{1,3})?(?![0-9A-Za-z])"
)
_TOKEN_PARAM = re.compile(r"((?:^|[?&])(?:token|access_token|id_token)=)[^&\s]*", re.IGNORECASE)


@dataclass(frozen=True, slots=True)
class Finding:
    """One piece of personal data in a text: its kind and ``text[start:end]``."""

    kind: str
    start: int
    end: int


def identity_code_is_valid(code: str) -> bool:
    """Whether ``code`` is a personal identity code with the right check character (DVV's mod-31 rule:
    the 9 digits ``DDMMYYNNN`` modulo 31 index ``CHECK_CHARACTERS``)."""
    m = _IDENTITY.fullmatch(code.strip())
    if m is None:
        return False
    digits = int(m["day"] + m["month"] + m["year"] + m["number"])
    return CHECK_CHARACTERS[digits % 31] == m["check"].upper()


def iban_is_valid(text: str) -> bool:
    """Whether ``text`` (spaces allowed) is an IBAN whose ISO 13616 mod-97 check holds (``FI21 1234 5600
    0007 85``): the first four characters moved to the end, letters as 10-35, the number modulo 97 is 1."""
    compact = text.replace(" ", "").upper()
    if not 15 <= len(compact) <= 34 or not compact.isalnum():
        return False
    digits = "".join(str(int(ch, 36)) for ch in compact[4:] + compact[:4])
    return int(digits) % 97 == 1


def as_typed(text: str) -> tuple[str, list[int]]:
    """``text`` as the patterns read it, and for each of its characters the position in ``text`` it
    came from: compatibility forms as their plain characters (Unicode NFKC, character by character:
    full-width ``０４０`` is ``040``, ``＠`` is ``@``), typographic dashes as ``-``, no-break spaces as
    spaces, invisible characters dropped (``shared.text.plain_typography``). An outside tester got
    ``040–765 4321`` (Word's en dash), ``040‑765 4321`` (a non-breaking hyphen) and full-width digits
    past the phone check (tester 13, P4). Then look-alikes of Latin letters from other scripts as the
    letters they imitate (``_without_lookalikes``: a Cyrillic ``а`` in ``rаskaana``, tester 34, F5)."""
    out: list[str] = []
    origin: list[int] = []
    for i, ch in enumerate(text):
        if ch.isascii():
            out.append(ch)
            origin.append(i)
            continue
        plain = plain_typography(unicodedata.normalize("NFKC", ch))
        out.append(plain)
        origin.extend([i] * len(plain))
    return _without_lookalikes("".join(out)), origin


def _lookalike_table() -> dict[int, str]:
    """Each non-ASCII character that Unicode's confusables (UTS #39, ``confusables.txt``, through the
    ``confusable-homoglyphs`` library, MIT) give a one-character ASCII letter or digit look-alike → that
    character, a letter preferred (Cyrillic ``а`` → ``a``, Greek ``ο`` → ``o``, Cyrillic ``О`` → ``O``)."""
    global _LOOKALIKES
    if _LOOKALIKES is None:
        from confusable_homoglyphs.confusables import confusables_data  # loaded on the first such text

        table: dict[int, str] = {}
        for char, glyphs in confusables_data.items():
            if len(char) != 1 or char.isascii():
                continue
            plain = [g["c"] for g in glyphs if len(g["c"]) == 1 and g["c"].isascii() and g["c"].isalnum()]
            if plain:
                table[ord(char)] = sorted(plain, key=str.isdigit)[0]
        _LOOKALIKES = table
    return _LOOKALIKES


_LOOKALIKES: dict[int, str] | None = None
_WORD = re.compile(r"\w+")


def _is_latin(char: str) -> bool:
    """Whether ``char`` is an ASCII letter or digit or a Latin letter (``ä``, ``å``, ``é``)."""
    return (char.isascii() and char.isalnum()) or unicodedata.name(char, "").startswith("LATIN ")


def _without_lookalikes(text: str) -> str:
    """``text`` with the look-alikes of ASCII letters and digits (``_lookalike_table``) read as those, in
    each word that mixes them with Latin letters or digits or is made of them alone ("rаskaana" with a
    Cyrillic а: outside tester 34, F5); a word of another script ("Ольга") is left as it is. Same length."""
    if text.isascii():
        return text
    table = _lookalike_table()
    if not any(ord(ch) in table for ch in text):
        return text

    def fold(m: re.Match[str]) -> str:
        word = m.group()
        alike = [ord(ch) in table for ch in word]
        if not any(alike):
            return word
        if all(a or _is_latin(ch) for a, ch in zip(alike, word, strict=True)):
            return word.translate(table)
        return word

    return _WORD.sub(fold, text)


def find_personal_data(text: str) -> list[Finding]:
    """Every identity code, e-mail address, phone number and street address in ``text`` (the module
    docstring says what counts), in order of position in ``text`` (overlaps resolved in favour of the
    earlier, longer finding). The text is read as meant but for letters typed apart (``_meant_at``: ``as_typed``
    and the capital-I rule of ``as_meant``): a number written with an en dash or in full-width digits counts as
    the same number, a look-alike letter of another script in a check character as that letter."""
    typed, origin = _meant_at(text)
    if typed == text:
        return _find(text)
    found = []
    for f in _find(typed):
        end = origin[f.end - 1] + 1 if f.end > f.start else origin[f.start]
        found.append(Finding(f.kind, origin[f.start], end))
    return found


def _digits_as_meant(text: str) -> str:
    """``text`` with the letters O, o, I and l read as the digits 0 and 1 inside a number
    (``_NUMBER_LOOKALIKES``: "04O1234567" is "0401234567"); the same length, so positions hold."""
    if not _LOOKALIKE_BESIDE_DIGIT.search(text):
        return text

    def digits(m: re.Match[str]) -> str:
        run = m.group()
        if sum(ch.isdigit() for ch in run) < 6 or not any(ch in "OoIl" for ch in run):
            return run
        return run.translate(_AS_DIGITS)

    return _NUMBER_LOOKALIKES.sub(digits, text)


def _loose_identity_codes(text: str) -> list[Finding]:
    """The identity codes of ``_IDENTITY_LOOSE`` whose check character is right."""
    found = []
    for m in _IDENTITY_LOOSE.finditer(text):
        check = m["check"].strip().upper()
        if CHECK_CHARACTERS[int(m["day"] + m["month"] + m["year"] + m["number"]) % 31] == check:
            found.append(Finding(IDENTITY_CODE, m.start(), m.end()))
    return found


def _find(text: str) -> list[Finding]:
    """``find_personal_data`` of text already read as typed."""
    text = _digits_as_meant(text)
    found = [Finding(IDENTITY_CODE, m.start(), m.end()) for m in _IDENTITY.finditer(text)]
    found += _loose_identity_codes(text)
    found += [
        Finding(IDENTITY_CODE, m.start(), m.end())
        for m in _IDENTITY_UNSIGNED.finditer(text)
        if CHECK_CHARACTERS[int(m["day"] + m["month"] + m["year"] + m["number"]) % 31] == m["check"].upper()
    ]
    found += [Finding(IDENTITY_CODE, m.start(), m.end()) for m in _IDENTITY_NO_CHECK.finditer(text)]
    found += [Finding(IDENTITY_CODE, m.start(), m.end()) for m in _IDENTITY_SPELLED.finditer(text)]
    found += [Finding(EMAIL, m.start(), m.end()) for m in _EMAIL.finditer(text)]
    found += [Finding(IBAN, m.start(), m.end()) for m in _IBAN.finditer(text) if iban_is_valid(m.group())]
    found += [Finding(EMAIL, m.start(), m.end()) for m in _EMAIL_SPELLED.finditer(text)]
    for pattern in (_STREET, _STREET_APART, _STREET_EN, _FLAT_ADDRESS, _PO_BOX):
        for m in pattern.finditer(text):
            # the postal code and post office after it belong to the address (tester 16, P6)
            tail = _POSTAL_TAIL.match(text, m.end())
            found.append(Finding(STREET_ADDRESS, m.start(), tail.end() if tail else m.end()))
    found += [Finding(PHONE, m.start(), m.end()) for m in _PHONE_WORDS.finditer(text)]
    found += _phone_in_mixed_words(text)
    for pattern in (_PHONE_INTERNATIONAL, _PHONE_NATIONAL):
        found += [
            Finding(PHONE, m.start(), m.end())
            for m in pattern.finditer(text)
            if not _DATE_LIKE.match(m.group())
        ]
    found = [_without_quotes(text, f) for f in found]
    if "-" in text:  # a UUID's groups of digits are an id, never a phone number (outside tester 22, R4)
        ids = [m.span() for m in _UUID.finditer(text)]
        found = [f for f in found if f.kind != PHONE or not any(a <= f.start and f.end <= b for a, b in ids)]
    return _without_overlaps(found)


#: A UUID (an ESCO concept's, a candidate's id): 8-4-4-4-12 hexadecimal digits.
_UUID = re.compile(r"(?<![0-9A-Za-z])[0-9A-Fa-f]{8}(?:-[0-9A-Fa-f]{4}){3}-[0-9A-Fa-f]{12}(?![0-9A-Za-z])")


def _phone_in_mixed_words(text: str) -> list[Finding]:
    """Phone numbers written partly in words and partly in digits ("nolla neljä nolla 123 45 67",
    outside tester 16, P6): every digit word read as its digit, then the phone patterns applied;
    only numbers with at least one word in them are returned (the rest are found as typed)."""
    if not _DIGIT_WORD.search(text):
        return []
    out: list[str] = []
    origin: list[int] = []  # for each character of the digit text, (start) position in text
    ends: list[int] = []  # and its end position in text
    at = 0
    for m in _DIGIT_WORD.finditer(text):
        for i in range(at, m.start()):
            out.append(text[i])
            origin.append(i)
            ends.append(i + 1)
        word = m.group().lower()
        out.append("+" if word.startswith("plus") else _DIGIT_VALUES[word])
        origin.append(m.start())
        ends.append(m.end())
        at = m.end()
    for i in range(at, len(text)):
        out.append(text[i])
        origin.append(i)
        ends.append(i + 1)
    digits = "".join(out)
    found = []
    for pattern in (_PHONE_INTERNATIONAL, _PHONE_NATIONAL):
        for m in pattern.finditer(digits):
            start, end = origin[m.start()], ends[m.end() - 1]
            if end - start != m.end() - m.start() and not _DATE_LIKE.match(m.group()):
                found.append(Finding(PHONE, start, end))
    return found


QUOTES = frozenset("'\"`‘’‚‛“”„«»‹›")
"""Quotation marks: never part of a finding's edges (an e-mail address may hold an apostrophe, but
a message quoting the input, "Unknown municipality 'maija@example.fi'", keeps its opening quote
around the placeholder: outside tester 16, P11)."""


def _without_quotes(text: str, f: Finding) -> Finding:
    """``f`` without the quotation marks at its start and end (``QUOTES``)."""
    start, end = f.start, f.end
    while start < end - 1 and text[start] in QUOTES:
        start += 1
    while end - 1 > start and text[end - 1] in QUOTES:
        end -= 1
    return f if (start, end) == (f.start, f.end) else Finding(f.kind, start, end)


def identifier_holds_personal_data(identifier: str) -> bool:
    """Whether an identifier (e.g. an organisation's own id for a jobseeker) holds an identity code or a
    phone number in any spelling: with any separator or none, without its check character
    (``131052-308``, ``131052A308``, ``131052.308T``), or a phone number written with other separators
    or without the + (``040_1234567``, ``358401234567``). Stricter than ``find_personal_data``, which
    reads running text; an id like ``asiakas-150124-001`` (a date and a number) is refused too, as
    it cannot be told from an identity code."""
    identifier = _meant_at(identifier)[0]
    if contains_personal_data(identifier) or _ID_IDENTITY.search(identifier):
        return True
    if _ID_IDENTITY_SPELLED.search(identifier):
        return True
    digits = _ID_SEPARATORS.sub("", identifier)
    return bool(_ID_PHONE.search(digits) or _ID_MOBILE.match(digits))


def contains_personal_data(text: str) -> bool:
    """Whether ``find_personal_data`` finds anything in ``text`` (an identity code, e-mail address,
    phone number or street address)."""
    return bool(find_personal_data(text))


PLACEHOLDERS = {
    IDENTITY_CODE: "[henkilötunnus]",
    EMAIL: "[sähköposti]",
    PHONE: "[puhelin]",
    STREET_ADDRESS: "[osoite]",
    IBAN: "[tilinumero]",
}
#: The placeholders in the language of the text they go into (an error message in English says
#: ``[phone]``, not ``[puhelin]``: outside tester 22, R4); Finnish is ``PLACEHOLDERS``.
PLACEHOLDERS_IN = {
    "fi": PLACEHOLDERS,
    "sv": {
        IDENTITY_CODE: "[personbeteckning]",
        EMAIL: "[e-post]",
        PHONE: "[telefon]",
        STREET_ADDRESS: "[adress]",
        IBAN: "[kontonummer]",
    },
    "en": {
        IDENTITY_CODE: "[identity code]",
        EMAIL: "[e-mail]",
        PHONE: "[phone]",
        STREET_ADDRESS: "[address]",
        IBAN: "[account number]",
    },
}


def mask(text: str, lang: str = "fi") -> str:
    """``text`` with every finding replaced by a placeholder naming its kind in ``lang`` (fi, sv or
    en; ``[henkilötunnus]``, ``[sähköposti]``, ``[puhelin]`` in Finnish, ``[phone]`` in English), and
    every run of four or more ASCII letters and digits of a finding (``131052`` of ``131052-308T``)
    that the text repeats elsewhere replaced by the same placeholder."""
    placeholders = PLACEHOLDERS_IN.get(lang, PLACEHOLDERS)
    found = find_personal_data(text)
    # A message may quote a part of what it masked as well (outside tester 26, T26-4: "'[identity code]': give
    # the language alone, e.g. '131052'", the code's birth date): every run of four or more letters and digits
    # of a finding is masked wherever else it stands in the text, as a whole run of letters and digits. Found
    # by one fixed pattern and a look-up, not a pattern made of the part: `re` keeps the last 512 patterns it
    # compiled, so an identity code's or an e-mail address's part stayed in the process's memory (erase39).
    parts: dict[str, str] = {}
    for f in found:
        for part in _FRAGMENT.findall(text[f.start : f.end]):
            parts.setdefault(part, placeholders[f.kind])

    def quoted(segment: str) -> str:
        return _RUN.sub(lambda m: parts.get(m.group(), m.group()), segment) if parts else segment

    out, at = [], 0
    for f in found:
        out.append(quoted(text[at : f.start]))
        out.append(placeholders[f.kind])
        at = f.end
    out.append(quoted(text[at:]))
    return "".join(out)


#: A run of letters and digits long enough to identify when quoted apart from the finding it was part of.
_FRAGMENT = re.compile(r"[0-9A-Za-z]{4,}")
#: A whole run of ASCII letters and digits (a quoted part is masked only as a whole run).
_RUN = re.compile(r"[0-9A-Za-z]+")


def mask_url_part(value: str) -> str:
    """A path, query string or request line fit for an access log: token parameters' values and
    personal data removed (looked for in the percent-decoded text)."""
    decoded = unquote_plus(value) if "%" in value or "+" in value else value
    scrubbed = _TOKEN_PARAM.sub(r"\1[redacted]", decoded)
    masked = mask(scrubbed)
    return value if masked == decoded else masked


REFUSAL = (
    "Must not contain personal data: no personal identity code, e-mail address, phone number or "
    "street address (refer to the candidate by the pseudonymous id)."
)

#: Why a screened text carrying text nobody sees is refused (``shared.text.hidden_text``; outside tester 37, K1,
#: and 37b, L1).
HIDDEN_TEXT_REFUSAL = (
    "Must not contain hidden text: invisible characters where they change nothing a reader sees (a variation "
    "selector after a letter, zero-width characters in a run or between Latin letters, Unicode tag characters "
    "outside an emoji flag) carry text that a reader cannot see."
)


def refuse_hidden_text(text: str | None) -> None:
    """marshmallow validator, and the last step of every screen below (what shows is
    screened first, so a refusal names the personal data a reader sees): raises ``marshmallow.ValidationError``
    (``HIDDEN_TEXT_REFUSAL``) when ``text`` carries text a reader cannot see (``shared.text.hidden_text``: any
    default-ignorable code point where it changes nothing a reader sees — tag characters outside an emoji
    subdivision flag, a variation selector after a letter, zero-width characters in a run or between Latin
    letters; outside tester 37b, L1). The screens read text without
    its default-ignorable code points (``as_typed``), so such a text would be screened as what shows and stored
    with what does not: " raskaana, hetu 131052-308T" in tag characters after "Hyvä puhelu." was stored and
    shown to other organisations. A joiner in Persian, Hindi or an emoji sequence, one selector after an emoji
    or an ideograph, an RLM in Arabic text pass: they change what a reader sees."""
    if text and hidden_text(text):
        from marshmallow import ValidationError

        raise ValidationError(HIDDEN_TEXT_REFUSAL)


#: The reason for a text the jobseeker wrote (a rating comment, told to the coach or typed on the rating
#: page): the jobseeker has no pseudonymous id to refer to (outside tester 27, T27-14 c).
OWN_WORDS_REFUSAL = (
    "Must not contain personal data: the jobseeker's comment is kept without an identity code, e-mail "
    "address, phone number or street address, so leave them out."
)


def refuse_personal_data(text: str | None, reason: str = REFUSAL) -> None:
    """marshmallow validator: raises ``marshmallow.ValidationError`` (``reason`` and the kinds found,
    ``Found: phone.``) when ``text`` carries personal data, or ``HIDDEN_TEXT_REFUSAL`` when it carries hidden
    text (``refuse_hidden_text``)."""
    if text and contains_personal_data(text):
        from marshmallow import ValidationError

        kinds = sorted({f.kind for f in find_personal_data(text)})
        raise ValidationError(f"{reason} Found: {', '.join(kinds)}.")
    refuse_hidden_text(text)


def refuse_personal_data_in_own_words(text: str | None) -> None:
    """``refuse_personal_data`` for what the jobseeker wrote, with ``OWN_WORDS_REFUSAL``: the staff's
    advice (refer to the candidate by the pseudonymous id) means nothing to its author."""
    refuse_personal_data(text, OWN_WORDS_REFUSAL)


def refusing(max_length: int | None = None, *, own_words: bool = False) -> list[Callable[[str], Any]]:
    """Validators for a free-text field that refuses personal data (and is at most ``max_length``);
    ``own_words``: the text is the jobseeker's own (``OWN_WORDS_REFUSAL``)."""
    validators: list[Callable[[str], Any]] = [
        refuse_personal_data_in_own_words if own_words else refuse_personal_data
    ]
    if max_length is not None:
        from marshmallow import validate

        validators.insert(0, validate.Length(max=max_length))
    return validators


#: The kinds of ``find_personal_data`` that identify a person wherever they are written: what a short
#: text field (a name, a title, an address, an id) must not hold (``refuse_identifiers``).
IDENTIFIER_KINDS = frozenset({IDENTITY_CODE, EMAIL, PHONE, IBAN})
IDENTIFIER_REFUSAL = (
    "Must not contain an identifier: no personal identity code, e-mail address, phone number or bank "
    "account number (IBAN)."
)


def find_identifiers(text: str) -> list[Finding]:
    """The identifiers in ``text`` (``IDENTIFIER_KINDS``: identity codes in every spelling
    ``find_personal_data`` reads, 1900s and 2000s century signs ``-``, ``U``-``Y``, ``A``-``F`` and
    ``+``; e-mail addresses; phone numbers; IBANs), in order of position. Street addresses are left
    out: an address field holds one by right, and a name or title rarely looks like one."""
    return [f for f in find_personal_data(text) if f.kind in IDENTIFIER_KINDS]


def refuse_identifiers(text: str | None) -> None:
    """marshmallow validator for every short text field of the three services' APIs (a jobseeker's
    name, a vacancy's title, a pilot's name, a course id, a source or a purpose): raises
    ``marshmallow.ValidationError`` naming the kinds found (``Found: personal_identity_code.``) when
    ``text`` holds an identifier (``find_identifiers``; outside tester 24, T3: a name field stored
    ``131052-308T``), or ``HIDDEN_TEXT_REFUSAL`` when it carries hidden text (``refuse_hidden_text``)."""
    if not text:
        return
    kinds = sorted({f.kind for f in find_identifiers(text)})
    if kinds:
        from marshmallow import ValidationError

        raise ValidationError(f"{IDENTIFIER_REFUSAL} Found: {', '.join(kinds)}.")
    refuse_hidden_text(text)


IDENTITY_CODE_REFUSAL = "Must not contain a personal identity code (a job ad names no jobseeker)."


def refuse_identity_codes(text: str | None) -> None:
    """marshmallow validator for a long text that may name its writer's own contact person but never a
    jobseeker (a vacancy's description, read by partner agencies and the weekly meeting: an ad says
    "Lisätietoja: Matti Mäkinen, 040 123 4567" by right): raises ``marshmallow.ValidationError``
    (``Found: personal_identity_code.``) when ``text`` holds a personal identity code in any spelling
    ``find_personal_data`` reads (outside tester 24, T1's sweep of the unscreened fields), or
    ``HIDDEN_TEXT_REFUSAL`` when it carries hidden text (``refuse_hidden_text``)."""
    if text and any(f.kind == IDENTITY_CODE for f in find_personal_data(text)):
        from marshmallow import ValidationError

        raise ValidationError(f"{IDENTITY_CODE_REFUSAL} Found: {IDENTITY_CODE}.")
    refuse_hidden_text(text)


#: Longest staff member's name or user id (characters).
MAX_STAFF_NAME = 100
#: A staff member's name or user id: letters of any script, spaces and ``. ' ’ - _ @``; no digits,
#: at least one letter first (``Mirja Salminen``, ``opettaja@tredu``, ``coach@tampere-tyollisyys``).
STAFF_NAME_PATTERN = r"^[^\W\d_]+(?:[ .'’@_-]+[^\W\d_]+)*\.?$"
_STAFF_NAME = re.compile(STAFF_NAME_PATTERN)
STAFF_NAME_REFUSAL = (
    "A person's name or user id: letters, spaces and . ' - _ @ only, no digits, at most 100 characters."
)


def is_staff_name(text: str) -> bool:
    """Whether ``text`` has the shape of a staff member's name or user id (``STAFF_NAME_PATTERN``, at
    most ``MAX_STAFF_NAME`` characters). NFKC first: a decomposed "Sjöholm" is letters, full-width
    digits are digits."""
    return len(text) <= MAX_STAFF_NAME and bool(_STAFF_NAME.match(unicodedata.normalize("NFKC", text)))


def staff_name_shape(text: str | None) -> None:
    """marshmallow validator: ``text`` names a staff member (``is_staff_name``); raises
    ``marshmallow.ValidationError`` otherwise."""
    if text is None:
        return
    if not is_staff_name(text):
        from marshmallow import ValidationError

        raise ValidationError(STAFF_NAME_REFUSAL)


def staff_name() -> list[Callable[[str], Any]]:
    """Validators of a field that names a staff member (a step's responsible ``person``, a path's
    ``coach``, who takes over a handover, a follow-up's owner): the shape (``staff_name_shape``) and
    the screen of free text written to another organisation (``refuse_sensitive_data``), so neither a
    phone number nor a diagnosis passes as a name (outside tester 24, T1)."""
    return [staff_name_shape, refuse_sensitive_data]


# --- Stricter kinds for text that matching stores (outcome comments, follow-up actions) -------------
# Matching holds no personal data (README, "Privacy"), so where its users type free text about a
# candidate, birth dates and health data are refused as well (outside tester 16, P6). They are not
# part of ``find_personal_data``: the profile service's notes, held for the entitled, may mention them.
#
# * **Birth date**: a date or a year after a birth word ("syntynyt 13.10.1985", "s. 1985", "synt.
#   13.10.85", "born 13 October 1985", "b. 1985", "född 1985-10-13"; a bare two-digit number after
#   "s." is not a year: "s. 12" is a page), or a full date
#   d.m.yyyy whose year is 1930–2010 (a working-age person's birth year; a comment about a proposal
#   rarely needs a date that old, and the 422 asks the writer to rephrase).
# * **Health data** (GDPR art. 9 special category; pregnancy is also a discrimination ground,
#   tasa-arvolaki 609/1986 § 7): a short list of fi/sv/en words for pregnancy, illness, diagnoses,
#   sick and maternity leave. Job titles (``sairaanhoitaja``, ``sairaala``) are not in it.
#
# * **Health data**, also the remarks a recruiter most often writes about manual work: pain and
#   musculoskeletal complaints (``selkäkipuja``, ``ryggont``, ``back pain``), lifting and other work
#   restrictions (``ei voi nostaa``, ``nostorajoitus``, ``kan inte lyfta``), injuries, allergies,
#   asthma (outside tester 17, P6).
# * The other **special categories of GDPR art. 9** and the grounds of the Non-Discrimination Act
#   (yhdenvertaisuuslaki 1325/2014, § 8) that a comment about a candidate has no business holding:
#   **age** (``41-vuotias``, ``41 years old``, ``41-åring``, ``ikä 41``, ``liian vanha``; plural forms
#   such as ``15–17-vuotiaiden`` are about a group, not the candidate, and pass), **ethnic origin**
#   (``etninen tausta``, ``ihonväri``, ``syntyperä``, ``maahanmuuttajatausta``, and a nationality said
#   of the person: ``Hän on ukrainalainen``, ``ukrainalainen mies``, ``Hon är rysk``, ``She is
#   Polish``: a word whose stem begins a country's name in that language, CLDR's territory names via
#   Babel, not one describing food, a company, a market or a language: ``tekee thaimaalaista
#   ruokaa``, ``virolainen yritys``, ``fluent in Polish``; and a country of origin said as a place or
#   citizenship: ``kotoisin Virosta``, ``Hän on Virosta``, ``syntynyt Irakissa``, ``Viron
#   kansalainen``, ``han är från Irak``, ``född i Polen``, ``she is from Iraq``, ``born in Somalia``;
#   a town is no origin: ``kotoisin Tampereelta``), **religion** (``muslimi``, ``kristitty``, ``juutalainen``, ``uskonto``, ``troende``,
#   ``religious``…), **sexual orientation** and **trade-union membership**. A foreign degree or a
#   right to work (``ulkomainen tutkinto``, ``EU-kansalainen``) is not origin and passes.
#
# Names cannot be found reliably (any word may be a name, and most names are ordinary words): they
# are not looked for, and the field's help text and the README say so.
# A birth decade (outside tester 23, S2: "syntynyt 60-luvulla", "born in the seventies", "född på 50-talet"), read
# after a birth word or a birth year's word ("syntymävuosi", "year of birth"); "Talo on rakennettu 60-luvulla"
# has none and passes.
_DECADE = (
    r"(?:(?:19)?[2-9]0\s?-?\s?(?:luvu\w*|luku\w*|l\.)|(?:19)?[2-9]0-?tal\w*"
    r"|(?:tjugo|trettio|fyrtio|femtio|sextio|sjuttio|åttio|nittio)tal\w*|(?:19)?[2-9]0['’]?s"
    r"|twenties|thirties|forties|fifties|sixties|seventies|eighties|nineties)"
)
_BIRTH_WORD = (
    r"(?:syntynyt|synt\.?|s\.|born|b\.|född|f\.|födelsedag|syntymäaika|syntymäpäivä|date of birth|DOB)"
)
_MONTH_NAMES = (
    r"(?:tammi|helmi|maalis|huhti|touko|kesä|heinä|elo|syys|loka|marras|joulu)kuuta"
    r"|january|february|march|april|may|june|july|august|september|october|november|december"
    r"|januari|februari|mars|april|maj|juni|juli|augusti|september|oktober|november|december"
)
_ANY_DATE = (
    r"(?:(?:0?[1-9]|[12]\d|3[01])\.?\s*(?:[./-]\s*(?:0?[1-9]|1[0-2])\s*[./-]\s*|\s+(?:"
    + _MONTH_NAMES
    + r")\s+)"
    r"(?:(?:19|20)\d\d|\d\d)"
    r"|(?:19|20)\d\d-(?:0?[1-9]|1[0-2])-(?:0?[1-9]|[12]\d|3[01])"
    r"|(?:19|20)\d\d)"
)
_BIRTH_DATE = re.compile(
    rf"(?<!\w){_BIRTH_WORD}:?\s*(?:on\s+|vuonna\s+|år\s+|in\s+)?{_ANY_DATE}(?!\d)"
    # a two-digit year after a dash or an apostrophe (outside tester 26, T26-1: "Syntynyt -72", "s. -79")
    rf"|(?<!\w){_BIRTH_WORD}:?\s*(?:vuonna\s+|år\s+|in\s+)?[-'’]\d\d(?!\d)"
    rf"|(?<!\w)(?:{_BIRTH_WORD}|syntymävuo\w*|födelseår\w*|year\s+of\s+birth|birth\s+year)(?<!\.):?\s+"
    rf"(?:(?:on|oli|vuonna|år|in|på|i|during|the|early|late|mid-?|början|slutet|mitten|av|of)\s+){{0,4}}"
    rf"(?:{_DECADE}|(?:19|20)\d\d|['’]\d\d)(?!\w)"
    rf"|(?<!\w)(?:{_DECADE}|(?:19|20)\d\d)\s+(?:syntyn\w*|född\w*|born)(?!\w)"
    r"|(?<!\w)(?:(?:19)?[2-9]0-?|tjugo|trettio|fyrtio|femtio|sextio|sjuttio|åttio|nittio)talist\w*",
    re.I,
)
_OLD_FULL_DATE = re.compile(
    r"(?<![\w.])(?:0?[1-9]|[12]\d|3[01])\.(?:0?[1-9]|1[0-2])\.(?:19[3-9]\d|200\d|2010)(?!\d)"
)
_HEALTH_WORDS = (
    # Finnish
    r"raskaana|raskau\w*|odottaa\s+lasta|odottaa\s+vauvaa|äitiyslom\w*|sairauslom\w*|sairaslom\w*"
    r"|sairas|sairaana|sairastu\w*|sairasta\w*|sairau\w*|diagnoo\w*|masennu\w*|masentu\w*|syöpä\w*|syöv\w*"
    r"|diabe\w*|epilepsi\w*|mielenterveysongelm\w*|uupumu\w*|burn\s?out\w*|keskenmeno\w*"
    r"|mielisair\w*|skitsofren\w*|kaksisuuntai\w*|leikkaukse\w*"
    # Swedish
    r"|gravid\w*|mammaledig\w*|föräldraledig\w*|sjukskriv\w*|sjukledig\w*|sjukdom\w*|sjuk|diagnos\w*"
    r"|depression\w*|deprimerad\w*|cancer\w*|utbränd\w*|missfall\w*"
    # English
    r"|pregnan\w*|expecting\s+a\s+baby|maternity\s+leave|sick\s+leave|sickness|illness\w*|ill|diagnos\w*"
    r"|depressed|depression|cancer|miscarriage\w*|disabilit\w*|mental\s+health\s+(?:issue|problem)\w*"
    # the allergy itself as a word or a compound's end (outside tester 28, T28-7: "allergia puhdistusaineille",
    # "pähkinäallergia", "Nötallergi", "nut allergy"); "allergiaruokavaliot", "allergikost", "allergen" pass
    # pain, injuries, allergies and work restrictions (outside tester 17, P6); "kivuton"/"kivuttomasti"
    # (painless, "smoothly") is everyday language and passes
    r"|\w*kipu\w*|\w*kipuj\w*|\w*kivu(?!t)\w*|\w*kipe(?:ä|ät|iä|ytt)\w*|\w*säry\w*|\w*särky\w*|\w+vaiv(?:a|oja|oista|at)"
    r"|nivelrikk\w*|reuma\w*|välilevy\w*|iskias\w*|migreen\w*|allergine\w*|allergis(?:et|ia)|[\w-]*allergi(?:a|aa|an|aan|assa|asta|at|oita|oista|oihin|ansa|aansa|n|er|erna)?|[\w-]*allerg(?:y|ies)|allergisoitu\w*|astma\w*|loukkaantu\w*|vammautu\w*"
    r"|(?:ei|eivät)\s+(?:voi|saa|pysty)\s+nostaa\w*|nostorajoit\w*|työrajoit\w*|liikuntarajoit\w*|kuntoutustu\w*"
    r"|ont\s+i\s+(?:ryggen|nacken|axeln|axlarna|knät|knäna|huvudet|magen|lederna)|ryggont|\w*värk\w*|\w*smärt\w*|\w+besvär|skada\w*\s+(?:rygg|axel|knä)\w*"
    r"|(?:kan|får)\s+inte\s+lyfta|lyftbegränsning\w*|allergisk\w*|astma\w*"
    r"|(?:back|neck|shoulder|knee|joint|chronic)\s+pain\w*|(?:back|neck|shoulder|knee)\s+(?:problem|injur)\w*"
    r"|(?:can(?:no|')t|could\s+not|must\s+not)\s+lift\w*|lifting\s+restriction\w*|injur(?:y|ies|ed)|allergic|asthma\w*"
    r"|arthritis|rheumat\w*|migraine\w*"
    # diseases and diagnoses by their everyday names, disability and its benefits (outside tester 18, P10):
    # "MS-tauti", "sydäntauti", "vammaistuki", "työkyvyttömyyseläke", "funktionsnedsättning", "bad back"
    r"|[\w-]*taut(?:i|ia|iin|in|ien|eja|ista|ina)|[\w-]+tauti(?:nen|sen|sena|set|sia|siksi)|\w+infarkt\w*"
    r"|\w+sairas|\w+sairaana|sockersjuk\w*|\w+sjuk(?:a|e)?|[\w-]*taud(?:in|it|ista|issa|ille|eista)|adhd|autismi\w*|asperger\w*|hiv"
    r"|päihdeongelm\w*|alkoholiongelm\w*|alkoholismi\w*|vammai(?:nen|sen|sena|set)|vammaistu\w*|vammaisetuu\w*"
    r"|invalidi\w*|työkyvyttömyy\w*|sairauseläk\w*|osatyökyky\w*|kehitysvamm(?:a|ainen|aisena)"
    r"|funktionsnedsätt\w*|funktionshind\w*|handikapp\w*|sjukpension\w*|invalidpension\w*|aktivitetsersättning\w*"
    r"|disabled|handicap\w*|wheelchair\w*|autis\w*|alcoholi\w*|substance\s+abuse|(?:bad|weak|injured|sore)\s+(?:back|knees?|shoulders?|hips?|neck)"
    r"|(?:back|knee|shoulder|hip)\s+(?:trouble|issues?)"
)
_HEALTH = re.compile(rf"(?<!\w)(?:{_HEALTH_WORDS})(?!\w)", re.I)
# A health word as the field of someone's *work* is a skill, not their health (outside tester 18, P11):
# "Diabeteshoidon osaaminen", "hoitanut diabeetikkoja", "muistisairauksien hoito", "tartuntatautien
# torjunta", "patients with diabetes", "vård av patienter med demens", "erfarenhet av diabetesvård".
_CARE = (
    r"hoi[dt]\w*|potila\w*|asiakkai\w*|torjun\w*|ehkäi\w*|ohja\w*|kuntoutu\w*|osasto\w*|yksikö\w*|yksikkö\w*"
    r"|vård\w*|patient\w*|avdelning\w*|care|caring|nursing|ward|unit|clinic\w*|prevention|treatment"
    # a place of treatment as a workplace: "addiction rehab centre", "behandlingshem för missbrukare"
    r"|rehab\w*|behandlingshem\w*"
    # the field as a job title: "työkykykoordinaattori", "diabetesasiantuntija", "work ability coordinator"
    r"|koordinaat\w*|asiantunti\w*|coordinator\w*|specialist\w*|samordnare\w*"
)
_CARE_AFTER = re.compile(rf"[\s-]*(?:{_CARE})(?!\w)", re.I)
# a list before the health word continues the care word's object: "patients with dementia and diabetes"
_LIST_BEFORE = r"(?:[\w-]+(?:,\s+[\w-]+){0,3}\s+(?:and|ja|och|sekä|tai|or|eller)\s+)?"
_CARE_BEFORE = re.compile(
    rf"(?:(?<!\w)(?:{_CARE}|hoitanut|hoitaa|hoitamaan|hoitamisesta|vårdat|vårdar|cared\s+for|caring\s+for"
    r"|nursed|nurses|patients?\s+with|patienter\s+med|potilaiden|asiakkaiden|asiakkaan|people\s+with|personer\s+med"
    r"|solve|solves|solving|resolve\w*|work\s+out|ratkais\w*|support\s+workers?|support\s+staff|care\s+workers?)\s+"
    rf"(?:\w+\s+)?{_LIST_BEFORE})$",
    re.I,
)
# Knowing a disease's medication or treatment is a skill (outside tester 21, Q2: "knows diabetes medication
# well", "Tuntee diabeteslääkkeet"), taking it is not ("Käyttää diabeteslääkettä"): a word of knowledge
# before the health word, and a word of medication after it or in its compound.
_KNOWS_BEFORE = re.compile(
    r"(?:(?<!\w)(?:knows|knew|know|knowledge\s+of|expertise\s+in|familiar\s+with|experience\s+(?:in|of|with)"
    r"|experienced\s+in|skilled\s+in|osaa|tuntee|tuntemus\w*|osaaminen|osaamista|asiantuntemus\w*|kokemusta"
    r"|perehtynyt|känner\s+till|kunskap\w*\s+(?:om|i)|erfarenhet\s+av|kunnig\s+(?:i|om))\s+"
    rf"(?:\w+\s+)?{_LIST_BEFORE})$",
    re.I,
)
_MEDICATION = r"lääk\w*|medic\w*|läkemed\w*|insulin\w*|drugs?|hoito\w*|hoidon|treatment\w*|behandling\w*"
_MEDICATION_AFTER = re.compile(rf"[\s-]*(?:{_MEDICATION})(?!\w)", re.I)
_MEDICATION_INSIDE = re.compile(rf"(?:{_MEDICATION})", re.I)
_CARE_INSIDE = re.compile(rf"(?:{_CARE})", re.I)
# The same without the words of treatment, for a word whose own "hoito" is the person's treatment
# ("katkaisuhoidossa") while a unit after it is work ("katkaisuhoitoyksikön sairaanhoitaja").
_UNIT_INSIDE = re.compile("(?:" + _CARE.replace("hoi[dt]\\w*|", "").replace("|kuntoutu\\w*", "") + ")", re.I)


# A disease's treatment is the field of someone's work ("Syöpähoitojen osaaminen", "Has worked in cancer
# treatment") unless its clause makes it the person's own (outside tester 40, T40-4: "Syöpähoidot päättyivät
# kesällä", "Cancer treatment ended in June", "Hänen syöpähoitonsa ovat kesken"): a verb of receiving, starting,
# continuing or ending it, a word of time around it ("jälkeen", "during"), or a possessive, with no word of work
# in the clause (``shared.pii_words.in_work_sentence``) and no word of knowing before it.
_TREATMENT_INSIDE = re.compile(r"hoi(?:to|do)|behandling|terapi|therap|vård", re.I)
_TREATMENT_AFTER = re.compile(
    r"[\s-]*(?:hoi(?:to|do)\w*|treatments?|therapy|behandling\w*|terapi\w*|vård\w*)(?!\w)", re.I
)
_OWN_TREATMENT = re.compile(
    r"(?<!\w)(?:sai|saa|saanut|saavat|saaneet|saamassa|päätty\w*|loppu(?:i|ivat|neet|vat)|jatku\w*|alko(?:i|ivat)"
    r"|alkavat|alkaa|alkanut|aloitti|aloitettiin|kesken|käy|kävi|käynyt|läpikäy\w*|jälkeen|aikana|takia|vuoksi|hänen"
    r"|fick|får|fått|avslutat|avslutade|avslutas|avslutar|pågår|pågick|påbörja\w*|började|börjar|genomgår|genomgick"
    r"|genomgått|efter|sin|sina|hans|hennes|had|has|having|got|gets|received|receives|receiving|underwent"
    r"|undergo\w*|finished|finishes|ended|ends|completed|started|starts|continues|continuing|during|after|his|her"
    r"|their|i\s+fjol|i\s+våras|i\s+höstas|i\s+somras|förra\s+året|viime\s+\w+|last\s+(?:year|month|week|spring"
    r"|summer|autumn|winter)|(?:19|20)\d\d)(?!\w)",
    re.I,
)
_OWN_SUFFIX = re.compile(r"\w{6,}(?:nsa|nsä|aan|ään)$", re.I)


def _own_treatment(text: str, start: int, end: int) -> bool:
    """Whether the health word ``text[start:end]``, excused as a field of work by a word of treatment in its
    compound or right after it, is the person's own treatment (the comment above says when)."""
    word = text[start:end].split()[0] if text[start:end].strip() else text[start:end]
    after = _TREATMENT_AFTER.match(text, end)
    if not (_TREATMENT_INSIDE.search(word, 4) or after):
        return False
    if _KNOWS_BEFORE.search(text[max(0, start - 80) : start]) or pii_words.in_work_sentence(text, start, end):
        return False
    stop = after.end() if after else end
    treatment = text[start:stop].split()[-1]
    if _OWN_SUFFIX.match(treatment.rstrip(".,;:!?")):
        return True
    cs, ce = pii_words.clause_around(text, start, stop)
    return bool(_OWN_TREATMENT.search(text[cs:start] + " " + text[stop:ce]))


@dataclass(frozen=True, slots=True)
class _Span:
    """``text[start:end]`` with the three parts of ``re.Match`` that ``_of_work`` reads."""

    text: str
    s: int
    e: int

    def __getitem__(self, group: int) -> str:
        return self.text[self.s : self.e]

    def start(self) -> int:
        return self.s

    def end(self) -> int:
        return self.e


def _of_work(text: str, m: re.Match[str] | _Span, *, compounds: bool = True) -> bool:
    """Whether the health word ``m`` in ``text`` names the field of someone's work (care of a
    disease, its patients or unit) rather than the candidate's health: a compound whose later part is
    a care word (``diabeteshoidon``), or a care word right after it or at most two words before it.
    ``compounds=False`` leaves treatment words out of the compound test, for words whose own care part
    is the person's treatment (``katkaisuhoidossa``, ``korvaushoito``: ``shared.pii_words``) while a
    unit after it is work (``katkaisuhoitoyksikön``)."""
    word = m[0].split()[0] if m[0].strip() else m[0]  # a compound is one word: the first of a phrase
    if len(word) > 6 and (_CARE_INSIDE if compounds else _UNIT_INSIDE).search(word, 4):
        return True
    before = text[max(0, m.start() - 80) : m.start()]
    if _CARE_AFTER.match(text, m.end()) or _CARE_BEFORE.search(before):
        return True
    return bool(
        _KNOWS_BEFORE.search(before)
        and (_MEDICATION_AFTER.match(text, m.end()) or (len(word) > 6 and _MEDICATION_INSIDE.search(word, 4)))
    )


_AGE = re.compile(
    r"(?<![\w.,])\d{1,3}\s?-?\s?vuotia(?:s|ana|aksi|aalla|aalle|asta)(?!\w)"
    r"|(?<!\w)(?:ikä|iältään|ikää|ålder|age|aged)\s*:?\s*\d{1,3}(?![\d,.]\d)(?!\s*(?:%|kk|h\b|€))"
    # not a range, which is a group's ("children aged 3 to 5", "lapset iältään 3–5")
    r"(?!\s*(?:-|to|till|and|och|ja)\s*\d)"
    r"|(?<![\w.,])\d{1,3}\s?-?\s?åring\w*|(?<![\w.,])\d{1,3}\s+år\s+gammal\w*"
    r"|(?<![\w.,])\d{1,3}[\s-]years?[\s-]old(?!\w)|(?<![\w.,])\d{1,2}\s?y/?o(?!\w)"
    # an age in years as a clause of its own (outside tester 26, T26-1: "Nuori, 19 v., ensimmäinen työpaikka"):
    # at the start of the text or after , ; . ! ? and before one of them; "Työskennellyt 10 v. rakennuksilla"
    # and "Kokemus: 20 v." (a colon) are experience and pass
    r"|(?:^|(?<=[,;.!?(\n])|(?<=[,;.!?(\n]\s))(?:1[5-9]|[2-9]\d)\s?(?:v\.?|vuotta|vuotias|år|yrs?\.?)"
    r"(?=\s*(?:[,;.!?)\n]|$))"
    r"|(?<!\w)(?:liian|turhan)\s+(?:vanha|nuori|iäkäs)\w*|(?<!\w)(?:too)\s+(?:old|young)(?!\w)"
    r"|(?<!\w)för\s+(?:gammal|ung)(?!\w)|(?<!\w)eläkeikä\w*|(?<!\w)retirement\s+age"
    # a number said of the person (outside tester 18, P10): "Hän on 58 v.", "Hän on 58.", "Han är 45",
    # "Candidate is 52 and …"; not "Hänellä on 5 v. kokemusta", "is 52 km away", "on 3. vuorossa"
    r"|(?<!\w)(?:hän|ehdokas|hakija|henkilö|asiakas|työnhakija|han|hon|hen|kandidaten|sökanden|he|she"
    r"|(?:the\s+)?(?:candidate|applicant))\s+(?:on|oli|är|var|is|was)\s+(?:nyt\s+|nu\s+|now\s+)?(?:1[5-9]|[2-9]\d)"
    r"(?:\s?v\.?|\s?år|\s?vuotta|\s+years)?(?![\w,./]\d|\s*(?:%|€|e\b|km|kg|h\b|t\b|kk|min|m\b|metri|euro|tuntia|timmar|hours|st\b|kpl|vuotta\s+kokemusta|år\s+erfarenhet|years\s+of))",
    re.I,
)
# Family status (a ground of the Non-Discrimination Act 1325/2014 § 8, "perhesuhteet"; outside tester 18,
# P10): single parenthood, marriage and divorce, children of the person. Children as the *object* of work
# ("kokemusta lasten kanssa", "hoitanut 3 lasta") pass.
_FAMILY = re.compile(
    r"(?<!\w)(?:yksinhuoltaj\w*|yh-äiti\w*|yh-isä\w*|naimisissa|eronnut|eronneena|avioero\w*|leski|perhevapaa\w*"
    r"|hoitovapaa\w*|vanhempainvapaa\w*|isyysvapaa\w*|ensamstående|ensamförälder\w*|ensamstående\s+(?:mamma|pappa)|skild|änka|änkling"
    r"|gift\s+och|pappaledig\w*|single\s+(?:parent|mother|father|mom|dad)|married|divorced|widow\w*|paternity\s+leave|parental\s+leave)(?!\w)"
    r"|(?<!\w)(?:hänellä|hakijalla|ehdokkaalla|asiakkaalla|heillä)\s+on\s+(?:\w+\s+)?(?:\d{1,2}|yksi|kaksi|kolme|neljä|viisi|kuusi|pieniä|pienet|pieni|alaikäisiä|kouluikäisiä)?\s*(?:lapsi|lasta|lapsia|lapset)(?!\w)"
    r"|(?<!\w)(?:han|hon|hen|kandidaten|sökanden|och)\s+har\s+(?:\w+\s+)?(?:\d{1,2}|ett|två|tre|fyra|fem|sex|små)?\s*(?:barn)(?!\w)"
    r"|(?<!\w)(?:he|she|they|the\s+candidate|the\s+applicant|and)\s+(?:has|have)\s+(?:\w+\s+)?(?:\d{1,2}|one|two|three|four|five|six|small|young)?\s*(?:child|children|kids)(?!\w)",
    re.I,
)
_ORIGIN_WORDS = re.compile(
    r"(?<!\w)(?:etni(?:nen|sen|stä|siä|syy\w*|sel\w*|sest\w*)|rotu\w*|ihonvär\w*|tummaihoi\w*|syntyperä\w*"
    r"|maahanmuuttajataust\w*|maahanmuuttotaust\w*|ulkomaalaistaust\w*|pakolaistaust\w*|romanitaust\w*"
    r"|ulkomaalai(?:nen|sena|set|sia|sta)|etnisk\w*|hudfärg\w*|invandrarbakgrund\w*|utländsk\s+bakgrund"
    r"|flyktingbakgrund\w*|ethnic\w*|ethnicity|skin\s+colou?r|(?:immigrant|refugee|foreign)\s+background|race)(?!\w)",
    re.I,
)
_RELIGION = re.compile(
    r"(?<!\w)(?:muslimi\w*|islamilai\w*|islaminusko\w*|islamin\s+usko\w*|kristitty|kristity\w*|juutalai\w*"
    r"|buddhalai\w*|hindu\w*|ateisti\w*|uskonno\w*|uskonto\w*|uskova\w*|jehovan\s+todistaj\w*|hijab\w*|burk(?:a|ha)\w*"
    r"|muslim\w*|kristen|kristna|judisk\w*|jude|judar|buddhist\w*|religion\w*|religiö\w*|ateist\w*|troende"
    r"|christian|christians|jewish|jews?|atheist\w*|religio\w*|ramadan\w*|ramazan\w*)(?!\w)",
    re.I,
)
_ORIENTATION = re.compile(
    r"(?<!\w)(?:homo|homoseksuaal\w*|lesbo\w*|biseksuaal\w*|seksuaali(?:nen|sen)\s+suuntautumi\w*|sukupuoli-?identitee\w*"
    r"|transsukupuoli\w*|homosexu\w*|bisexu\w*|sexuell\w*\s+läggning|lesbian\w*|gay|sexual\s+orientation|transgender)(?!\w)",
    re.I,
)
_TRADE_UNION = re.compile(
    r"(?<!\w)(?:ammattiliiton\s+jäsen\w*|liiton\s+jäsen\w*|ay-aktiiv\w*|luottamusmie\w*"
    r"|fackligt\s+aktiv\w*|fackmedlem\w*|union\s+member\w*|member\s+of\s+(?:a|the)\s+(?:trade\s+)?union"
    r"|shop\s+steward\w*)(?!\w)",
    re.I,
)
# A union as an organisation: the field of someone's work when the sentence says so ("Worked for the trade
# union's member services as a clerk", like a church or a party: outside tester 23, S1); membership stays refused.
_TRADE_UNION_ORG = re.compile(r"(?<!\w)(?:ammattiliito\w*|fackförening\w*|trade\s+union\w*)(?!\w)", re.I)
# A nationality said of the person: "Hän on 41-vuotias ukrainalainen", "ukrainalainen mies", "Hon är
# rysk", "She is Polish". Only a word whose stem begins a country's name (``_is_country_stem``), and
# not one that describes food, a cuisine, a company, a market, a product or a language
# (``_NOT_A_PERSON``: "Hän on kokki, tekee thaimaalaista ruokaa", "virolainen yritys", "She is a
# Thai food chef"; session 18). Finnish says a person's nationality in the nominative ("Hän on
# thaimaalainen"); the partitive ("thaimaalaista") is of a mass noun, so it counts only before a
# word of descent ("virolaista sukua").
_FI_PERSON = r"(?:hän|ehdokas|hakija|henkilö|asiakas|työnhakija|kandidaatti)"
_FI_PEOPLE = r"(?:he|ehdokkaat|hakijat|henkilöt|asiakkaat|työnhakijat)"
_FI_DEMONYM = r"(\w+?)(?:lai|läi)(?:nen|set|sia|siä|sta|stä|sena|senä)"
_FI_DESCENT = r"(?:sukua|syntyperää|alkuperää|taustaa|juurta|juuria|verta|sukujuuria)"
_FI_GROUPS = r"(?:kurdi|somali|afgaani|tšetšeeni|romani|arabi|tataari|uiguuri)"
"""Nationalities and ethnic groups Finnish names with a noun of its own, not a "-lainen" word."""
_EN_WORDS = (
    r"(?:Greek|Swiss|Slovak|Kazakh|Uzbek|Filipino|Filipina|Welsh|Tajik|Kyrgyz|Uyghur|Chechen|Turkmen|Irish"
    r"|Kurd|Roma|Sami|Sámi|Saami|Arab|Czech|Dane|Swede|Finn|Pole|Turk|Scot|Brit|Somali|Afghan|Icelandic|Kosovar)"
)
"""English nationalities and ethnic groups not made of a country's name and "-ian", "-ish" …"""
# Named groups: ``p…`` a word said of the person ("Hän on …", "She is …"), read only when it does
# not describe what follows it; ``n…`` a word before a noun of a person or of descent.
_NATIONALITY_FI = re.compile(
    rf"(?<!\w){_FI_PERSON}\s+(?:on|oli)\s+(?:[\w-]+,?\s+){{0,2}}?(?:(?P<p1>\w+?)(?:lai|läi)(?:nen|sena|senä)"
    rf"|(?P<p2>{_FI_GROUPS}))(?!\w)"
    r"|(?<!\w)(?P<n1>\w+?)(?:lai|läi)(?:nen|set|sia|siä|sta|stä|sena|senä)\s+(?:mies|nainen|hakija|ehdokas"
    r"|henkilö|työnhakija|nuori|kaveri|tyttö|poika)(?!\w)"
    rf"|(?<!\w){_FI_PEOPLE}\s+(?:ovat|olivat)\s+(?:[\w-]+,?\s+){{0,2}}?(?P<p3>\w+?)(?:lai|läi)(?:set|sia|siä)(?!\w)"
    rf"|(?<!\w)(?P<n2>\w+?)(?:lai|läi)(?:sta|stä|sten|sia|siä)\s+{_FI_DESCENT}(?!\w)",
    re.I,
)
_NATIONALITY_SV = re.compile(
    r"(?<!\w)(?:han|hon|hen|de|kandidaten|sökanden|personen|klienten)\s+är\s+(?:[\w-]+,?\s+){0,2}?"
    r"(?P<p1>\w+?)(?:iska|isk|ska|sk)(?!\w)"
    r"|(?<!\w)(?P<n1>\w+?)(?:iska|isk|ska|sk)\s+(?:man|kvinna|sökande|kandidat|medborgare|bakgrund|ursprung"
    r"|härkomst)(?!\w)",
    re.I,
)
_NATIONALITY_EN = re.compile(
    r"(?<!\w)(?:[Hh]e|[Ss]he|[Tt]hey|[Tt]he\s+(?:candidate|applicant|client|jobseeker))\s+(?:is|are|was|were)\s+"
    r"(?:an?\s+)?(?:[\w-]+,?\s+){0,2}?"
    rf"(?:(?P<p2>{_EN_WORDS})|(?P<p1>[A-Z][a-z]+?)(?:ian|an|ish|ese|i|ch))(?!\w)"
    rf"|(?<!\w)(?:(?P<n2>{_EN_WORDS})|(?P<n1>[A-Z][a-z]+?)(?:ian|an|ish|ese|i|ch))\s+(?:man|woman|applicant"
    r"|candidate|national|citizen|origin|descent|background|heritage|roots|nationality)(?!\w)"
)
# Skin colour said of the person (outside tester 34, F5: "He is black", "Han är svart", "Hän on musta" were
# stored; "tummaihoinen", "hudfärg", "skin colour" are ``_ORIGIN_WORDS``): a colour after "Hän on", "Han är",
# "She is" that ends the clause ("Hän on musta, puhuu …", "He is black and …"), or before a word of a person
# ("musta mies", "svart kvinna", "a black woman"). A colour of a thing, or before any other word, passes:
# "musta kahvi", "Auto on musta", "svart bil", "He is a black belt", "Hän on musta vyö judossa".
_FI_COLOURS = r"(?:musta|mustia|tumma|tummia|valkoinen|valkoisia|ruskea|ruskeita|mustaihoi\w*|valkoihoi\w*)"
_SV_COLOURS = r"(?:svart|svarta|mörk|mörka|vit|vita|brun|bruna|färgad|färgade|mörkhyad\w*|ljushyad\w*)"
_EN_COLOURS = r"(?:black|white|brown|colou?red|dark-skinned|light-skinned|a\s+person\s+of\s+colou?r)"
_COLOUR_ENDS = r"(?=\s*(?:[,.;:!?)\n]|$|(?:ja|mutta|eikä|och|men|samt|and|but)(?!\w)))"
_SKIN_COLOUR = re.compile(
    rf"(?<!\w)(?:{_FI_PERSON}|{_FI_PEOPLE})\s+(?:on|oli|ovat|olivat)\s+(?:(?:aika|melko|hyvin|todella|vähän)\s+)?"
    rf"{_FI_COLOURS}{_COLOUR_ENDS}"
    r"|(?<!\w)(?:han|hon|hen|de|kandidaten|sökanden|personen|klienten)\s+(?:är|var)\s+(?:(?:ganska|mycket|lite)\s+)?"
    rf"{_SV_COLOURS}{_COLOUR_ENDS}"
    r"|(?<!\w)(?:he|she|they|the\s+(?:candidate|applicant|client|jobseeker))\s+(?:is|are|was|were)\s+"
    rf"(?:(?:quite|very|rather)\s+)?{_EN_COLOURS}{_COLOUR_ENDS}"
    rf"|(?<!\w)(?:he|she)['’]s\s+(?:black|white|brown){_COLOUR_ENDS}"
    rf"|(?<!\w){_FI_COLOURS}\s+(?:mies|miehe\w*|nainen|naise\w*|henkilö\w*|hakija\w*|ehdokas|nuori|nuorukai\w*"
    r"|kaveri|tyttö|poika)(?!\w)"
    rf"|(?<!\w){_SV_COLOURS}\s+(?:man|mannen|kvinna|kvinnan|kille|tjej|person|sökande|kandidat)(?!\w)"
    rf"|(?<!\w)(?:black|white|brown)\s+(?:man|men|woman|women|guy|girl|boy|lady|person|candidate|applicant"
    r"|male|female|jobseeker)(?!\w)",
    re.I,
)
# A person's country of origin said as a place: "hän on kotoisin Virosta", "syntynyt Irakissa",
# "Viron kansalainen", "han är från Irak", "född i Polen", "she is from Iraq", "born in Syria"
# (session 18). Only a country's name counts (``_is_country_stem``): "kotoisin Tampereelta", "born in
# Tampere" name a town, not an origin.
_FI_FROM = r"([A-ZÅÄÖ][\w-]+?)(?:sta|stä|lta|ltä)(?!\w)"
_ORIGIN_PLACE = (
    (
        "fi",
        re.compile(
            rf"(?<!\w)(?i:kotoisin|syntyisin|lähtöisin|alkujaan|alun\s+perin)\s+(?:\w+\s+)?{_FI_FROM}"
            rf"|(?<!\w)(?i:(?:{_FI_PERSON}|{_FI_PEOPLE})\s+(?:on|oli|ovat|olivat|tuli|tulivat|muutti|muuttivat|pakeni"
            rf"|saapui|(?:on|ovat)\s+(?:tullut|tulleet|muuttanut|muuttaneet|paennut|paenneet|saapunut)))"
            rf"\s+(?:Suomeen\s+)?(?:vuonna\s+)?(?:\d{{4}}\s+)?{_FI_FROM}"
            r"|(?<!\w)(?i:syntynyt|syntyi|synt\.)\s+([A-ZÅÄÖ][\w-]+?)(?:ssa|ssä|lla|llä)(?!\w)"
            r"|(?<![\w-])([A-ZÅÄÖ][\w]+?)n\s+kansalai(?:nen|sena|set|suus|suuden|suutta)(?!\w)"
            r"|(?<!\w)(?i:kansalaisuu(?:s|deltaan))\s*:?\s+([A-ZÅÄÖ][\w]+?)(?:n|lainen|läinen)?(?!\w)",
        ),
    ),
    (
        "sv",
        re.compile(
            r"(?<!\w)(?i:(?:han|hon|hen|de|kandidaten|sökanden|personen|klienten)\s+(?:är|var|kommer|kom|härstammar"
            r"|flydde|flyttade|har\s+flytt|har\s+flyttat)\s+(?:hit\s+|till\s+Finland\s+)?(?:ursprungligen\s+)?"
            r"från)\s+([A-ZÅÄÖ][\w-]+)"
            r"|(?<!\w)(?i:född|uppvuxen|uppväxt)\s+i\s+([A-ZÅÄÖ][\w-]+)"
            r"|(?<!\w)(?i:medborgare)\s+i\s+([A-ZÅÄÖ][\w-]+)",
        ),
    ),
    (
        "en",
        re.compile(
            r"(?<!\w)(?:[Hh]e|[Ss]he|[Tt]hey|[Tt]he\s+(?:candidate|applicant|client|jobseeker))\s+(?:is|are|was|were"
            r"|comes?|came|hails|fled|moved\s+here|immigrated|has\s+(?:come|fled|moved))\s+(?:here\s+|to\s+Finland\s+)?"
            r"(?:originally\s+)?from\s+(?:the\s+)?([A-Z][\w-]+)"
            r"|(?<!\w)(?:[Bb]orn|[Rr]aised|[Gg]rew\s+up)\s+in\s+(?:the\s+)?([A-Z][\w-]+)"
            r"|(?<!\w)(?:citizen|national|native)\s+of\s+(?:the\s+)?([A-Z][\w-]+)"
        ),
    ),
)
_NOT_A_PERSON = re.compile(
    r"\s+(?:"
    # Finnish: food and cooking, companies and markets, products, culture, documents, language
    r"\w*ruok\w*|\w*ruoa\w*|\w*ruoi\w*|\w*keittiö\w*|\w*ravintol\w*|\w*yrity\w*|\w*yhtiö\w*|\w*firm\w*"
    r"|\w*markkin\w*|\w*kaup(?:pa|an|assa|aan|oissa|oihin|at)\w*|asiak\w*|\w*kiel\w*|\w*tuott?e\w*|\w*merk\w*"
    r"|\w*brändi\w*|auto\w*|\w*musiik\w*|\w*kulttuur\w*|\w*elokuv\w*|\w*tyyli\w*|\w*viin\w*|\w*olut|\w*olue\w*"
    r"|\w*juust\w*|\w*leivon\w*|\w*kahvi\w*|\w*resept\w*|\w*maust\w*|\w*annoks\w*|\w*annos|\w*työnantaj\w*"
    r"|\w*työpaik\w*|\w*organisaati\w*|\w*konserni\w*|\w*tehta\w*|\w*tehdas|\w*laiva\w*|\w*kumppan\w*"
    r"|\w*toimittaj\w*|\w*omistaj\w*|\w*pank\w*|\w*tutkin\w*|\w*todistu\w*|\w*ajokort\w*|\w*kortti\w*"
    r"|\w*koulu\w*|\w*yliopist\w*|\w*sairaal\w*|\w*kone\w*|\w*laite\w*|\w*laittei\w*|\w*tekniik\w*"
    r"|\w*ohjelm\w*|\w*projekt\w*|\w*ketju\w*|\w*perinte\w*|\w*kirjallisuu\w*|\w*taide\w*|\w*tapo\w*"
    # Swedish
    r"|mat|maten|\w*mat(?:en|rätt\w*|lagning)|\w*kök\w*|\w*rätter|\w*restaurang\w*|\w*företag\w*|\w*bolag\w*"
    r"|\w*firma\w*|\w*marknad\w*|\w*kund\w*|\w*språk\w*|\w*produkt\w*|\w*märke\w*|bil|bilar|\w*musik\w*"
    r"|\w*kultur\w*|\w*stil|\w*vin|\w*viner|öl|\w*ost|\w*ostar|\w*arbetsgivar\w*|\w*koncern\w*|\w*fabrik\w*"
    r"|\w*examen|\w*utbildning\w*|\w*körkort\w*|\w*recept\w*|\w*krydd\w*|\w*maskin\w*|\w*skola\w*|\w*ägare\w*"
    r"|\w*leverantör\w*|\w*partner\w*|\w*lärare|\w*talare|\w*lag|\w*lagar"
    # English
    r"|food\w*|cuisine\w*|dish\w*|restaurant\w*|compan\w*|firms?|business\w*|market\w*|customers?|clients?"
    r"|languages?|products?|brands?|cars?|music|culture\w*|style\w*|wines?|beers?|cheeses?|cooking|kitchen\w*"
    r"|recipes?|employers?|owners?|group|subsidiar\w*|office\w*|degrees?|licen[cs]es?|qualifications?"
    r"|teachers?|speakers?|tutors?|interpret\w*|translat\w*|machine\w*|equipment|schools?|universit\w*"
    r"|laws?|standards?|suppliers?|partners?|projects?|literature|spices?|bakery|bakeries|pastr\w*|tea|coffee"
    r"|chains?|street\s+food|dishes)(?!\w)",
    re.I,
)
_LANGUAGE_BEFORE = re.compile(
    r"(?<!\w)(?:in|at|på|i|speaks?|speaking|learning|learns|studying|studies|talar|pratar|studerar|läser)\s+$",
    re.I,
)
"""A language's name, not a nationality, follows these: "She is fluent in Polish", "Hon är duktig på finska"."""
_SPEAKING = re.compile(r"-(?:speaking|speaker|talande|språkig|kielinen)", re.I)
"""A language's name before these: "She is Swedish-speaking"."""
_NOT_A_COUNTRY = frozenset(
    {"monday", "march", "may", "mars", "maj", "june", "july", "mon", "sat", "sun", "jan", "man", "men"}
)
_COUNTRY_NAMES: dict[str, tuple[str, ...]] = {}
_DEMONYM_STEMS: dict[str, tuple[str, ...]] = {
    # nationalities and ethnic groups whose word does not begin their country's name in CLDR
    "fi": (
        *("amerikka", "englanti", "britti", "skotlanti", "hollanti", "afrikka", "korea", "saame", "kurdi"),
        *("valkovenä", "tiibet", "somali", "afgaani", "tšetšeeni", "romani", "arabi", "tataari", "uiguuri"),
        "romaani",  # the Roma in the Finnish of the authorities ("romaanitaustainen", outside tester 35, F3's set)
        "suomenruotsa",  # Finland's own language groups too (outside tester 18, P10: "Han är finlandssvensk")
    ),
    "sv": (
        *("svensk", "estnisk", "kinesisk", "thailänd", "vietnamesisk", "marockansk", "brasiliansk"),
        *("koreansk", "kanadensisk", "amerikansk", "engelsk", "brittisk", "holländsk", "nederländsk"),
        *("afrikansk", "kurdisk", "samisk", "schweizisk", "finländsk", "isländsk", "irländsk", "portugisisk"),
        *("libanesisk", "sudanesisk", "kongolesisk", "nepalesisk", "mexikansk", "skotsk", "jemenitisk"),
        "finlandssvensk",
    ),
    "en": (
        *("america", "english", "british", "dutch", "korea", "kurdish", "scottish", "africa", "filipin"),
        *("finnish", "danish", "norwegian", "icelandic", "spanish", "greek", "swiss", "slovak", "kosovar"),
        *("kazakh", "uzbek", "lankan", "burmese", "irish", "welsh", "tibetan", "uyghur", "chechen", "tajik"),
        *("turkmen", "kyrgyz", "kurd", "roma", "sami", "arab", "czech", "dane", "swede", "finn", "pole"),
        *("turk", "scot", "brit", "somali", "afghan"),
    ),
}


def _is_country_stem(stem: str, language: str) -> bool:
    """Whether ``stem`` (a nationality word without its ending: ``ukraina`` of ``ukrainalainen``,
    ``ry`` of ``rysk``, ``Pol`` of ``Polish``; or a country's name or its stem in a case: ``Viro``
    of ``Virosta``, ``Irak``) begins the name of a country or territory in ``language`` (``fi``,
    ``sv``, ``en``; CLDR's territory names through Babel, BSD-3-Clause), or one of the demonyms
    and ethnic groups CLDR's names do not begin (``_DEMONYM_STEMS``: ``thailändsk``, ``American``,
    ``saamelainen``). The stem's last letter may differ (``ruotsa``lainen: Ruotsi; ``venä``läinen:
    Venäjä)."""
    names = _COUNTRY_NAMES.get(language)
    if names is None:
        from babel import Locale  # Babel comes with flask-babel; loaded only when a comment is checked

        names = (
            tuple(name.casefold() for code, name in Locale(language).territories.items() if code.isalpha())
            + _DEMONYM_STEMS[language]
        )
        _COUNTRY_NAMES[language] = names
    stem = stem.casefold()
    if len(stem) < (2 if language == "sv" else 3) or stem in _NOT_A_COUNTRY:
        return False
    prefix = stem[:-1] if len(stem) >= 5 else stem
    return any(name.startswith(prefix) for name in names)


_PLACE_NAMES: dict[str, frozenset[str]] = {}
_OTHER_PLACES = {
    # countries of origin that CLDR names only within another territory
    "fi": ("englanti", "skotlanti", "wales", "kurdistan", "tšetšenia"),
    "sv": ("england", "skottland", "wales", "kurdistan", "tjetjenien"),
    "en": ("england", "scotland", "wales", "kurdistan", "chechnya"),
}
_DIRECTIONS = frozenset(
    {"south", "north", "east", "west", "central", "etelä", "pohjois", "itä", "länsi", "syd", "nord"}
)


def _is_country_name(word: str, language: str) -> bool:
    """Whether ``word`` (a capitalised place name as written after "from", "kotoisin", "född i",
    or the stem of its Finnish case: ``Viro`` of ``Virosta``, ``Iraki`` of ``Irakista``,
    ``Englanni`` of ``Englannista``) is the name of a country or territory in ``language`` (CLDR's
    territory names through Babel, also the first word of a multi-word name: ``United``), not a
    town's ("Salo", "Tampere")."""
    names = _PLACE_NAMES.get(language)
    if names is None:
        from babel import Locale

        full = [n.casefold() for c, n in Locale(language).territories.items() if c.isalpha()]
        firsts = [re.split(r"[\s-]", n)[0] for n in full if re.search(r"[\s-]", n)]
        names = frozenset(
            full + [f for f in firsts if len(f) >= 5 and f not in _DIRECTIONS] + list(_OTHER_PLACES[language])
        )
        _PLACE_NAMES[language] = names
    w = word.casefold()
    if len(w) < 3 or w in _NOT_A_COUNTRY:
        return False
    if w in names or (language == "fi" and w.endswith("i") and w[:-1] in names):
        return True  # "Viro", "Iraki" (Irak)
    # Finnish consonant gradation: "Englanni" (Englanti), "Turki" (Turkki)
    return (
        language == "fi"
        and len(w) >= 5
        and any(n.startswith(w[:-2]) and abs(len(n) - len(w)) <= 1 for n in names)
    )


# A nationality or origin as a clause of its own, the way a note begins (outside tester 26, T26-1:
# "Venäläinen, muutti Suomeen 2015.", "Romani, haluaa näyttää osaamisensa.", "Somalialaistaustainen, puhuu
# hyvää suomea."): at the start of the text or of a sentence, before a comma or the sentence's end; and a
# "-taustainen" compound whose first part is a country's or a people's ("irakilaistaustainen", "Venäjä-
# taustainen"; "IT-taustainen", "hoitotaustainen" are no origin). Only a word whose stem begins a country's
# name counts (``_is_country_stem``), so "Tamperelainen, oma auto" passes.
_CLAUSE_START = r"(?:^|(?<=[.;!?\n])\s*|(?<=[.;!?\n]\s)\s*)"
_CLAUSE_END_AHEAD = r"(?=\s*(?:[,.;:!?\n]|$))"
_OWN_CLAUSE = (
    (
        "fi",
        re.compile(
            rf"{_CLAUSE_START}(?:(?P<c1>\w+?)(?:lai|läi)(?:nen|set)|(?P<c2>{_FI_GROUPS}))(?:-?mies|-?nainen)?"
            rf"{_CLAUSE_END_AHEAD}",
            re.I,
        ),
    ),
    ("sv", re.compile(rf"{_CLAUSE_START}(?P<c1>\w+?)(?:isk|sk){_CLAUSE_END_AHEAD}", re.I)),
    (
        "en",
        # a language's name begins such a clause too ("Finnish, fluent"): not before a word of a level
        re.compile(
            rf"{_CLAUSE_START}(?:(?P<c2>{_EN_WORDS})|(?P<c1>[A-Z][a-z]+?)(?:ian|an|ish|ese|i|ch)),\s+"
            r"(?!(?:and|or|native|fluent\w*|basic\w*|good|excellent|spoken|written|level|mother|intermediate"
            r"|beginner|advanced|conversational|some|working|business|professional|[abc][12])\b)(?=[a-z])"
        ),
    ),
)
_FI_BACKGROUND = re.compile(
    r"(?<!\w)(\w+?)(?:lais|läis)?-?taust(?:ai(?:nen|sena|set|sia|sta)|aa|a)(?!\w)", re.I
)


def _nationalities(text: str) -> list[tuple[int, int]]:
    """(start, end) of each nationality or country of origin said of the person in ``text``
    (``_NATIONALITY_*``, ``_ORIGIN_PLACE``), not one describing food, a company, a market or a
    language (``_NOT_A_PERSON``, ``_LANGUAGE_BEFORE``)."""
    spans = []
    for pattern, language in ((_NATIONALITY_FI, "fi"), (_NATIONALITY_SV, "sv"), (_NATIONALITY_EN, "en")):
        for m in pattern.finditer(text):
            group = next(name for name, g in m.groupdict().items() if g is not None)
            if not _is_country_stem(m[group], language):
                continue
            if group.startswith("p") and (  # said of the person: "Hän on …", "She is …"
                _NOT_A_PERSON.match(text, m.end())
                or _SPEAKING.match(text, m.end())
                or (language != "fi" and _LANGUAGE_BEFORE.search(text, 0, m.start(group)))
            ):
                continue  # not when it describes what follows: "tekee thaimaalaista ruokaa", "fluent in Polish"
            spans.append((m.start(group), m.end()))  # the nationality word on, not "Hän on …"
    for language, pattern in _OWN_CLAUSE:
        for m in pattern.finditer(text):
            group = next(name for name, g in m.groupdict().items() if g is not None)
            if group == "c2" or _is_country_stem(m[group], language):
                spans.append((m.start(group), m.end(group) if language == "en" else m.end()))
    for m in _FI_BACKGROUND.finditer(text):
        if _is_country_stem(m[1], "fi"):
            spans.append((m.start(), m.end()))
    for language, pattern in _ORIGIN_PLACE:
        for m in pattern.finditer(text):
            name = next(g for g in m.groups() if g is not None)
            if _is_country_name(name, language) and not _REQUIREMENT_BEFORE.search(text, 0, m.start()):
                spans.append((m.start(), m.end()))
    return spans


# A citizenship the job requires is the job's condition, not the person's origin (outside tester 27, T27-8's
# guards): "Tehtävä edellyttää Suomen kansalaisuutta", "kräver finskt medborgarskap", "requires citizenship of".
_REQUIREMENT_BEFORE = re.compile(
    r"(?<!\w)(?:edellyt\w*|vaati\w*|vaadi\w*|vaadittava\w*|kräv\w*|förutsätt\w*|requir\w*)\s+(?:\w+\s+)?\Z",
    re.I,
)


# A leave as the *job* is a fixed-term post, not the writer's news of the person (outside tester 21, Q2):
# "äitiyslomasijainen", "Sijaisuus kestää äitiysloman ajan", "vanhempainvapaan sijaisena",
# "föräldraledighetsvikariat", "vikarie för en föräldraledig lärare", "maternity cover", "sick-leave cover".
# A leave word counts as a cover when a word of cover is in its compound, follows it within two words, or
# comes earlier in the same clause; "Hän on äitiyslomalla, hakee sijaisuuksia" is still refused.
_LEAVE = re.compile(
    r"(?:äitiys|isyys|vanhempain|perhe|hoito|sairaus|sairas|erityisäitiys)(?:lom|vapa)\w*|mammaledig\w*"
    r"|pappaledig\w*|föräldraledig\w*|moderskapsledig\w*|sjukledig\w*|sjukskriv\w*"
    r"|(?:maternity|paternity|parental|sick)[\s-]+leave\w*",
    re.I,
)
_COVER = (
    r"sijai\w*|sijaisuu\w*|vikari\w*|vikarie\w*|cover\w*|substitut\w*|replacement\w*|replacing|locum\w*"
    r"|stand-in|ersättare\w*|tuuraa\w*|tuurau\w*"
)
_COVER_INSIDE = re.compile(rf"(?:{_COVER})", re.I)
_COVER_AFTER = re.compile(rf"(?:[\s-]+\w+){{0,2}}?[\s-]+(?:{_COVER})(?!\w)", re.I)
_COVER_BEFORE = re.compile(rf"(?<!\w)(?:{_COVER})(?!\w)", re.I)
_CLAUSE_END = re.compile(r"[.;!?\n,:]|(?<!\w)(?:mutta|vaikka|men|fast|but|although|though)(?!\w)", re.I)


def _word_at(text: str, start: int, end: int) -> tuple[int, int]:
    """The whole word (letters, digits, hyphens) around ``text[start:end]``."""
    while start > 0 and (text[start - 1].isalnum() or text[start - 1] == "-"):
        start -= 1
    while end < len(text) and (text[end].isalnum() or text[end] == "-"):
        end += 1
    return start, end


def _clause_before(text: str, start: int) -> str:
    """The text from the start of the clause that ``start`` is in up to ``start``."""
    ends = [m.end() for m in _CLAUSE_END.finditer(text, 0, start)]
    return text[ends[-1] if ends else 0 : start]


def _is_leave_cover(text: str, start: int, end: int) -> bool:
    """Whether the leave word at ``text[start:end]`` names a cover post ("äitiyslomasijainen")."""
    ws, we = _word_at(text, start, end)
    if not _LEAVE.search(text, ws, we):
        return False
    word = text[ws:we]
    if _COVER_INSIDE.search(word) or _COVER_AFTER.match(text, we):
        return True
    return bool(_COVER_BEFORE.search(_clause_before(text, ws)))


# The criminal-record extract that the law asks of people who will work with children (laki lasten kanssa
# työskentelevien rikostaustan selvittämisestä 504/2002; Sweden's belastningsregister extract; the UK's
# DBS check) is a routine step of hiring, the same for everyone in the post: a comment that it is to be
# requested, shown or checked passes (outside tester 21, Q2: "Tarkista rikostaustaote ennen sijoitusta").
# What it shows is the person's criminal data (GDPR art. 10): a sentence with a word of its result
# ("merkintöjä", "puhdas", "kunnossa", "ren", "anmärkning", "clean", "entries", "ok") is refused.
_EXTRACT = re.compile(
    r"(?:rikosrekisteri|rikostausta)(?:ote|otteen|otetta|otteet|otteita|otteesta|otteessa|otteeseen|otteella"
    r"|otteelle|otteiden|otteeseen)(?!\w)"
    r"|(?:rikostaustan|rikosrekisterin)\s+(?:selvit\w*|tarkist\w*)"
    r"|(?:belastningsregister|brottsregister)utdrag\w*|utdrag\s+(?:ur|från)\s+(?:belastnings|brotts)regist\w*"
    r"|criminal\s+(?:records?|background)\s+(?:check|checks|checked|checking|extract|disclosure)(?!\w)",
    re.I,
)
_EXTRACT_RESULT = re.compile(
    r"(?<!\w)(?:merkin\w*|puhdas\w*|puhtaa\w*|puhtaan|moitteet\w*|tuomi\w*|rikke\w*|löyty\w*|näkyy|näkyi"
    r"|sisält\w*|ok|okei|kunnossa|hyväksy\w*|positiivi\w*|negatiivi\w*|anmärkning\w*|ren|rent|inga|prickfri\w*"
    r"|dom|domar|domen|clean|entr(?:y|ies)|shows?|showed|found|conviction\w*|passed|approved|okay|fine"
    r"|nothing|negative|positive|ei\s+ole|ei\s+mitään|ingenting)(?!\w)",
    re.I,
)


def _is_extract_step(text: str, start: int, end: int) -> bool:
    """Whether the criminal-record word at ``text[start:end]`` is part of the extract or check named as a
    step of hiring, in a sentence that says nothing of its result (``_EXTRACT``, ``_EXTRACT_RESULT``)."""
    ws, we = _word_at(text, start, end)
    lo = max(0, ws - 20)
    for m in _EXTRACT.finditer(text, lo, min(len(text), we + 30)):
        if (m.start() <= start and m.end() >= end) or (m.start() <= ws and m.end() >= we):
            s_end = [x.end() for x in re.finditer(r"[.;!?\n]", text[: m.start()])]
            sentence_start = s_end[-1] if s_end else 0
            after = re.search(r"[.;!?\n]", text[m.end() :])
            sentence_end = m.end() + after.start() if after else len(text)
            return not _EXTRACT_RESULT.search(text, sentence_start, sentence_end)
    return False


MATCHING_PLACEHOLDERS = {
    **PLACEHOLDERS,
    BIRTH_DATE: "[syntymäaika]",
    HEALTH: "[terveystieto]",
    AGE: "[ikä]",
    ETHNIC_ORIGIN: "[alkuperä]",
    RELIGION: "[uskonto]",
    SEXUAL_ORIENTATION: "[suuntautuminen]",
    TRADE_UNION: "[ammattiliitto]",
    FAMILY: "[perhesuhteet]",
    POLITICS: "[poliittinen kanta]",
    CRIMINAL: "[rikostieto]",
    IMMIGRATION: "[maahanmuuttoasema]",
    SOCIAL_WELFARE: "[sosiaalihuollon asiakkuus]",
}


def find_sensitive_data(text: str) -> list[Finding]:
    """``find_personal_data`` and, for text stored in matching, birth dates and health data (the
    comment block above says what counts), in order of position, overlaps resolved as there. The text is
    read as meant (``as_meant``): a word typed with its letters apart ("R A S K A A N A", ``_SPACED_LETTERS``)
    is read as the word as well, a capital ``I`` for ``l`` ("vammaispaIveluissa") as the ``l``, and a word
    starting with a capital ``I`` before a lower-case vowel both as typed and with ``l`` ("Iaskettu aika",
    ``_INITIAL_I_FOR_L``)."""
    typed, origin = _meant_at(text)
    found = list(find_personal_data(text)) + _wordings(typed, origin)
    if _SPACED_LETTERS.search(typed):  # "R A S K A A N A" read as "RASKAANA" too (outside tester 34, F5)
        joined, where = _letters_joined(typed, origin)
        found += _wordings(_CAPITAL_I_FOR_L.sub(_as_l, joined), where)
    if _INITIAL_I_FOR_L.search(typed):  # "Iaskettu aika" read as "laskettu aika" too, "Iäkäs" still as typed
        found += _wordings(_INITIAL_I_FOR_L.sub("l", typed), origin)
    return _without_overlaps(found)


def as_meant(text: str) -> str:
    """``text`` (any length) as every screen reads it (the comment screen, ``find_sensitive_data``; the
    identifier checks, ``find_personal_data``; the vacancy's ad-limit warning, outside tester 35b, G3):
    ``as_typed`` (compatibility forms, typographic dashes such as the non-breaking hyphen as ``-``,
    invisible characters such as the zero-width space dropped, look-alikes of other scripts as Latin
    letters), a capital ``I`` inside a lower-case word as the ``l`` it imitates ("aIle" → "alle",
    ``_CAPITAL_I_FOR_L``; "ICT", "IT-tuki", "VoIP", "iPhone" unchanged), and a word typed with its letters
    apart as the word (``_SPACED_LETTERS``: "a l l e" → "alle"). The positions are not kept (use
    ``find_sensitive_data`` for those). Never raises."""
    typed, origin = _meant_at(text)
    if _SPACED_LETTERS.search(typed):
        typed = _CAPITAL_I_FOR_L.sub(_as_l, _letters_joined(typed, origin)[0])
    return typed


def _meant_at(text: str) -> tuple[str, list[int]]:
    """``text`` read as meant but for letters typed apart (``as_typed``, then ``_CAPITAL_I_FOR_L``), and for
    each of its characters the position in ``text`` it came from (the capital-I rule keeps the length)."""
    typed, origin = as_typed(text) if not text.isascii() else (text, list(range(len(text))))
    if "I" in typed:
        typed = _CAPITAL_I_FOR_L.sub(_as_l, typed)
    return typed, origin


def _as_l(m: re.Match[str]) -> str:
    """A match of ``_CAPITAL_I_FOR_L`` read as as many ``l``."""
    return "l" * len(m.group())


# A capital I (or two, "eläkkeeIIä") standing for a lower-case l inside a word of lower-case letters ("aIle",
# "vuotiaIle"); a word in capitals ("ICT", "IT-tuki") or a capital I starting a word ("Ilmoittaudu") is left as it
# is. The replacement has the same length, so positions hold.
_CAPITAL_I_FOR_L = re.compile(r"(?<=[a-zäöå])I{1,2}(?=[a-zäöå])|(?<=[a-zäöå]{2})I{1,2}(?![^\W_])")
# A capital I starting a word before a lower-case vowel and letter ("Iaskettu" for "laskettu"): the comment screen
# reads such a text twice, as typed and with l, since real words start so too ("Iäkäs", "Iso"); "Ilmoittaudu",
# "Ikä", "IoT", "Iisalmi" are read once.
_INITIAL_I_FOR_L = re.compile(r"(?<![^\W_])I(?=[aeouyäöå][a-zäöå])")


# A word typed with its letters apart ("R A S K A A N A", "r-a-s-k-a-a-n-a", "m.u.s.t.a"): four or more single
# letters, each after one or two spaces, dots, hyphens, underscores or asterisks. Each letter stands alone, so
# "Ajokortti C 2025" and the flat tail "20 A 3" are not such runs.
_SPACED_LETTERS = re.compile(r"(?<![^\W_])[^\W\d_](?:[ .*_-]{1,2}[^\W\d_]){3,}(?![^\W_])")


def _letters_joined(typed: str, origin: list[int]) -> tuple[str, list[int]]:
    """``typed`` with each ``_SPACED_LETTERS`` run's separators removed, and each remaining character's
    position in the original text (``origin`` maps ``typed``'s)."""
    out: list[str] = []
    where: list[int] = []
    at = 0
    for m in _SPACED_LETTERS.finditer(typed):
        out.append(typed[at : m.start()])
        where.extend(origin[at : m.start()])
        for i in range(m.start(), m.end()):
            if typed[i].isalpha():
                out.append(typed[i])
                where.append(origin[i])
        at = m.end()
    out.append(typed[at:])
    where.extend(origin[at:])
    return "".join(out), where


def _wordings(typed: str, origin: list[int]) -> list[Finding]:
    """The birth dates and special-category wordings of ``find_sensitive_data`` in ``typed`` (text read as
    typed), at the positions ``origin`` gives in the original text."""
    found: list[Finding] = []
    for kind, pattern in (
        (BIRTH_DATE, _BIRTH_DATE),
        (BIRTH_DATE, _OLD_FULL_DATE),
        (HEALTH, _HEALTH),
        (AGE, _AGE),
        (ETHNIC_ORIGIN, _ORIGIN_WORDS),
        (ETHNIC_ORIGIN, _SKIN_COLOUR),
        (RELIGION, _RELIGION),
        (SEXUAL_ORIENTATION, _ORIENTATION),
        (TRADE_UNION, _TRADE_UNION),
        (TRADE_UNION, _TRADE_UNION_ORG),
        (FAMILY, _FAMILY),
    ):
        for m in pattern.finditer(typed):
            if kind == HEALTH and _of_work(typed, m) and not _own_treatment(typed, m.start(), m.end()):
                continue
            if pattern is _TRADE_UNION_ORG and pii_words.in_work_sentence(
                typed, m.start(), m.end(), clause=False
            ):
                continue
            if kind in (HEALTH, FAMILY) and _is_leave_cover(typed, m.start(), m.end()):
                continue
            found.append(Finding(kind, origin[m.start()], origin[m.end() - 1] + 1))
    for kind, start, end in pii_words.find_terms(typed):  # the everyday wordings (outside tester 20, P1)
        span = _Span(typed, start, end)
        if (
            kind == HEALTH
            and _of_work(typed, span, compounds=False)
            and not _own_treatment(typed, start, end)
        ):
            continue
        if kind in (HEALTH, FAMILY) and _is_leave_cover(typed, start, end):
            continue
        if kind == CRIMINAL and _is_extract_step(typed, start, end):
            continue
        found.append(Finding(kind, origin[start], origin[end - 1] + 1))
    for start, end in _nationalities(typed):
        found.append(Finding(ETHNIC_ORIGIN, origin[start], origin[end - 1] + 1))
    return found


MATCHING_REFUSAL = (
    "Must not contain personal data: no personal identity code, birth date, e-mail address, phone "
    "number, street address, health information (pregnancy, illness, pain, work restrictions), age, "
    "ethnic origin or nationality, religion, political opinion, sexual orientation or sex life, trade-union "
    "membership, family status, criminal record, immigration status or social-welfare clienthood (refer to the "
    "candidate by the pseudonymous id; names are not detected automatically, so do not write them either)."
)


def refuse_sensitive_data(text: str | None) -> None:
    """marshmallow validator for free text stored in matching: raises ``marshmallow.ValidationError``
    naming the kinds found (e.g. ``Found: birth_date, health_data.``) when ``text`` carries any
    ``find_sensitive_data`` finding, or ``HIDDEN_TEXT_REFUSAL`` when it carries hidden text
    (``refuse_hidden_text``)."""
    if not text:
        return
    kinds = sorted({f.kind for f in find_sensitive_data(text)})
    if kinds:
        from marshmallow import ValidationError

        raise ValidationError(f"{MATCHING_REFUSAL} Found: {', '.join(kinds)}.")
    refuse_hidden_text(text)


def _without_overlaps(found: list[Finding]) -> list[Finding]:
    """`found` in order of position, each finding that overlaps an earlier-starting (or, at the
    same start, a longer) one dropped."""
    found.sort(key=lambda f: (f.start, -(f.end - f.start)))
    kept: list[Finding] = []
    for f in found:
        if not kept or f.start >= kept[-1].end:
            kept.append(f)
    return kept


# --- Names that travel with every jobseeker they concern (outside tester 28, T28-8) ----------------
# A service-voucher pilot's id and name are shown beside each of its clients (a provider's worklist, audit
# purposes, the results page): what they say about "the pilot's clients" they say about each client. They
# may state the pilot's rule (age, education, length of unemployment: every participant reads the rule
# anyway), and nothing else of a special category: "mielenterveyskuntoutujat-pirkanmaa" or "Päihdekuntoutujien
# palveluseteli" tells every provider that each client is in mental-health or substance rehabilitation.
GROUP_NAME_REFUSAL = (
    "A name shown beside each jobseeker it concerns may state the rule of who takes part (age, education, "
    "unemployment) but no health, origin, religion, family status or other special category of personal data "
    "about them. Found: %(kinds)s."
)
GROUP_NAME_ALLOWED = frozenset({AGE})
"""The kinds a group's name may state: its rule's own (an age bound: "yli 50-vuotiaat", "ikääntyneet")."""
_ID_WORD_SPLIT = re.compile(r"[-_\s]+")
# "people with …" is a field of care work in a comment ("patients with diabetes"); in a group's name the
# people are the group: "Tjänstesedel för personer med funktionsnedsättning"
_PEOPLE_WITH = re.compile(r"(?<!\w)(?:people|persons|patients|personer|patienter)\s+(?:with|med)(?!\w)", re.I)
_FOLDED_VOWELS = {"a": "aä", "o": "oö", "A": "AÄ", "O": "OÖ"}
_MAX_FOLDED = 9  # at most 2**9 spellings of one word


def _spellings(word: str) -> list[str]:
    """``word`` and, for an ASCII word, the spellings with ä/ö for its first ``_MAX_FOLDED`` a/o: an id is
    ASCII, so "paihdekuntoutujat" is "päihdekuntoutujat" and "osatyokykyiset" "osatyökykyiset"."""
    if not word.isascii():
        return [word]
    out = [""]
    folded = 0
    for ch in word:
        if ch in _FOLDED_VOWELS and folded < _MAX_FOLDED:
            folded += 1
            out = [o + c for o in out for c in _FOLDED_VOWELS[ch]]
        else:
            out = [o + ch for o in out]
    return out


def group_name_kinds(text: str, *, identifier: bool = False) -> list[str]:
    """The special-category kinds (``find_sensitive_data``'s ``Finding.kind`` strings, sorted, each once)
    that the name ``text`` of a group of jobseekers states, those of ``GROUP_NAME_ALLOWED`` left out.
    ``identifier=True`` reads ``text`` as an id: its words split at hyphens and underscores, each word also
    in its spellings with ä/ö (ids are ASCII). Pure; raises nothing."""
    if not text:
        return []
    if identifier:
        lines = [" ".join(_spellings(w)) for w in _ID_WORD_SPLIT.split(text) if w]
        text = ".\n".join(lines)
    text = _PEOPLE_WITH.sub("they have", text)
    return sorted({f.kind for f in find_sensitive_data(text)} - GROUP_NAME_ALLOWED)


def refuse_special_categories_in_group_name(text: str | None) -> None:
    """marshmallow validator for the name of a group of jobseekers (a pilot's): raises
    ``marshmallow.ValidationError`` with ``GROUP_NAME_REFUSAL`` naming the kinds (``group_name_kinds``), or
    ``HIDDEN_TEXT_REFUSAL`` when it carries hidden text (``refuse_hidden_text``)."""
    kinds = group_name_kinds(text or "")
    if kinds:
        from marshmallow import ValidationError

        raise ValidationError(GROUP_NAME_REFUSAL % {"kinds": ", ".join(kinds)})
    refuse_hidden_text(text)
