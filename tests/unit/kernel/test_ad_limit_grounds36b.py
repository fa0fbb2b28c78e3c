"""The ad-limit warning's misses (outside tester 36b, J7), each kind per ground and language: skin colour, a
group excluded from applying ("Inga muslimer", "Romer behöver inte söka", "Vi anställer inte homosexuella",
"… need not apply"), a faith or a church's membership required, free of illness, a girl or a boy sought, a decade
of life. Beside them the sentences that must not warn: the tester's 22 innocent ads and look-alikes of the new
wordings (clients, products, colours of things, sick days)."""

from functools import partial

import pytest

from services.kernel.ad_limits import limits as _limits
from shared.pii import as_meant

limits = partial(_limits, as_meant=as_meant)


def grounds(text: str) -> set[str]:
    return {limit.ground.value for limit in limits(text)}


@pytest.mark.parametrize(
    ("text", "ground"),
    [
        # the tester's misses
        ("Haemme valkoihoista myyjää.", "origin"),
        ("Hakijan tulee olla kristitty.", "religion"),
        ("Hakijan tulee olla evankelis-luterilaisen kirkon jäsen.", "religion"),
        ("Sökande får inte bära slöja.", "religion"),
        ("Inga muslimer, tack.", "religion"),
        ("Romer behöver inte söka.", "origin"),
        ("Vi anställer inte homosexuella.", "sexual_orientation"),
        ("Du ska vara fri från allergier och sjukdomar.", "health"),
        ("Candidates with a history of mental illness need not apply.", "health"),
        ("Haemme reipasta tyttöä kassalle.", "sex"),
        ("Ideal for someone in their twenties.", "age"),
        # more of the kind, per ground and language
        ("Vi söker en ljushyad receptionist.", "origin"),
        ("White-skinned staff only.", "origin"),
        ("Romaneja emme palkkaa, eikä maahanmuuttajia.", "origin"),
        ("Gypsies need not apply.", "origin"),
        ("Invandrare behöver inte ansöka.", "origin"),
        ("Muslimit eivät kelpaa.", "religion"),
        ("Sökanden ska vara kristen.", "religion"),
        ("You must be a practising Christian.", "religion"),
        ("No Muslims or Jews.", "religion"),
        ("Ei homoja eikä lesboja.", "sexual_orientation"),
        ("Gays need not apply.", "sexual_orientation"),
        ("Bögar behöver inte söka.", "sexual_orientation"),
        ("Hakijan tulee olla vapaa sairauksista.", "health"),
        ("You must be free from any illness or allergies.", "health"),
        ("Psykiskt sjuka behöver inte söka.", "health"),
        ("Ei mielenterveysongelmaisia.", "health"),
        ("Vi söker en glad tjej till kassan.", "sex"),
        ("Looking for a strong lad for the warehouse.", "sex"),
        ("Etsimme poikaa varastoon.", "sex"),
        ("Du är i 20-årsåldern.", "age"),
        ("Haemme parikymppistä myyjää.", "age"),
        ("Applicants in their early thirties preferred.", "age"),
    ],
)
def test_a_limit_the_warning_missed_is_read(text, ground):
    assert ground in grounds(text)


@pytest.mark.parametrize(
    "text",
    [
        # the tester's 22 innocent ads
        "Työskentelet monikulttuurisessa tiimissä, jossa on eri uskontojen ja kansallisuuksien edustajia.",
        "Asiakkaina on maahanmuuttajia, turvapaikanhakijoita ja eri uskontokuntien jäseniä.",
        "Hoidat muistisairaita ja mielenterveyskuntoutujia palvelutalossa.",
        "Työ on fyysisesti raskasta ja vaatii hyvää kuntoa.",
        "Ravintolamme valmistaa halal- ja kosher-ruokaa.",
        "Ohjaat sateenkaarinuorten ryhmää nuorisotalolla.",
        "Olemme suomalainen perheyritys vuodesta 1952.",
        "Our customers are mostly Finnish pensioners and families with children.",
        "Hoidat terveysaseman asiakkaiden ajanvaraukset.",
        "Församlingen söker en vaktmästare till kyrkan och begravningsplatsen.",
        "We welcome applicants regardless of origin, religion, health or sexual orientation.",
        "Toivotamme tervetulleiksi hakijat taustasta, uskonnosta ja seksuaalisesta suuntautumisesta riippumatta.",
        "Elintarvikehygienia edellyttää terveystodistusta salmonellasta.",
        "Du säljer till finska och svenska kunder.",
        "Bartender for a popular gay bar in the city centre.",
        "Tulkkaat kuuroille asiakkaille viittomakielellä.",
        "Native English speaker preferred.",
        "Työ sopii myös osatyökykyiselle.",
        "Hoidat mielenterveyspotilaita akuuttiosastolla.",
        "Myyt Pride-tuotteita sateenkaarimyymälässämme.",
        "Myyt ihonhoitotuotteita ja annat terveysneuvontaa.",
        "Toivomme savuttomuutta.",
        # look-alikes of the new wordings
        "Myyt tyttöjen ja poikien vaatteita lastenosastolla.",
        "Palvelet seurakunnan jäseniä ja muita kävijöitä.",
        "Arbetsskorna får inte vara svarta.",
        "No sick days are lost: you get paid sick leave.",
        "Our clients are people with a history of mental illness.",
        "Valkoinen työasu pestään joka päivä.",
        "Du hjälper muslimska och kristna kunder med halal- och koshervaror.",
    ],
)
def test_an_innocent_ad_warns_of_nothing(text):
    assert grounds(text) == set()
