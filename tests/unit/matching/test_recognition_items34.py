"""A list item's place in a short list (issue 12, session 34, helper `items34`).

Each list item's best skill is shown ahead of the sentences' (`SkillRecognizer.item_quota`), so that
a requirement list shows a skill for each item. With five places and five or more items, the items'
own best skills, weak look-alikes among them, took every place, and the text's strongest skills that
were no item's own best were not shown at all, though asking for ten put them first. The items now
take at most `item_share` of the places (four of five); the rest go by score. The sentences are
written for this file, as an ad says it (none is copied from the sets).
"""

from __future__ import annotations

import pytest


def _top(recognizer, text: str, k: int) -> list[tuple[str, float]]:
    return [(r.label("en"), r.score) for r in recognizer.recognise(text, top_k=k)]


LONG_LISTS = [
    "Puheterapeuttina arvioit ja kuntoutat puheen, äänen ja nielemisen häiriöitä, ohjaat omaisia, "
    "kirjaat käynnit ja teet yhteistyötä koulujen kanssa.",
    "Hitsaajana hitsaat, hiot, leikkaat, taivutat ja maalaat teräsrakenteita.",
    "Kiinteistönhoitajana huollat lämmitys- ja vesijärjestelmiä, teet lumityöt, leikkaat nurmikot, "
    "vaihdat lamput ja korjaat ovia.",
]


@pytest.mark.parametrize("text", LONG_LISTS)
def test_a_long_lists_five_shown_hold_the_two_strongest_skills_of_its_ten(esco_recognizer, text):
    ten = _top(esco_recognizer, text, 10)
    strongest = [label for label, _ in sorted(ten, key=lambda x: -x[1])[:2]]
    five = [label for label, _ in _top(esco_recognizer, text, 5)]
    assert set(strongest) <= set(five), (strongest, five)


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        (LONG_LISTS[0], "treat swallowing disorders"),  # "nielemisen häiriöitä"
        (LONG_LISTS[1], "cutting technologies"),  # "leikkaat", not *cut tiles*
    ],
)
def test_an_items_skill_the_text_scores_high_is_shown_in_five(esco_recognizer, text, expected):
    assert expected in [label for label, _ in _top(esco_recognizer, text, 5)]


def test_a_list_still_shows_a_skill_for_its_items_in_five(esco_recognizer):
    five = [
        label
        for label, _ in _top(
            esco_recognizer, "Som svetsare svetsar, slipar, skär och bockar du stålkonstruktioner.", 5
        )
    ]
    assert "operate welding equipment" in five or "welding techniques" in five
    assert any("bending" in label for label in five), five  # "bockar", the last item


def test_every_place_can_go_to_the_items_of_a_longer_list(esco_recognizer):
    """A vacancy's suggestions (ten places) still show most items' own skills."""
    ten = [label for label, _ in _top(esco_recognizer, LONG_LISTS[2], 10)]
    assert "remove snow" in ten  # "teet lumityöt"
    assert "provide lawn care" in ten  # "leikkaat nurmikot"
