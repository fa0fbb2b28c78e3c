"""One thing, one Swedish word (outside tester 8, J10): the meeting page said "överföring" where the
profile API said "överlämning" for a handover, and "anvisning" where the page's tiles said "förslag"
for a candidate proposed to a vacancy. The Swedish catalogue names each one way."""

from babel.messages.pofile import read_po

from shared.i18n import CATALOGUES

#: English term → (the Swedish word used, the synonyms that must not appear)
TERMS = {"handover": ("överlämning", ("överföring",)), "referral": ("förslag", ("anvisning",))}


def test_the_swedish_catalogue_names_a_handover_and_a_referral_one_way():
    with (CATALOGUES / "sv" / "LC_MESSAGES" / "messages.po").open("rb") as fh:
        catalog = read_po(fh, locale="sv")
    texts = [str(m.string).lower().replace("överföringskodning", "") for m in catalog if m.id]
    for term, (word, synonyms) in TERMS.items():
        # ("överföringskodning", chunked transfer encoding, is another thing)
        assert any(word in t for t in texts), term
        for synonym in synonyms:
            assert not [t for t in texts if synonym in t], (term, synonym)
