"""What matching's views of a vacancy show of its ad's limits (`grounds`): the grounds a title or description sets,
each once, in the law's order, whichever text sets them."""

from functools import partial

from services.kernel.ad_limits import Ground
from services.kernel.ad_limits import grounds as _grounds
from shared.pii import as_meant

grounds = partial(_grounds, as_meant=as_meant)


def test_the_grounds_of_a_title_and_a_description_are_named_once_in_the_order_of_ground():
    assert grounds("Svetsare, ej för gravida", "Haemme alle 30-vuotiasta miestä hitsaajaksi.") == (
        Ground.AGE.value,
        Ground.SEX.value,
        Ground.PREGNANCY.value,
    )
    assert grounds("Svetsare, ej för gravida", "Sökes svetsare, högst 35 år. Högst 40 år.") == (
        "age",
        "pregnancy",
    )


def test_an_ad_without_limits_or_with_an_equality_statement_has_none():
    assert grounds("Hitsaaja", "") == ()
    assert (
        grounds(
            "Hitsaaja", "Kannustamme sekä naisia että miehiä hakemaan. We welcome applicants of all ages."
        )
        == ()
    )
