"""A stored meeting's data labels in the viewer's language: skills and occupations by URI from the
label source, regions and municipalities from the Finnish and Swedish names."""

from dataclasses import replace

from services.matching.team.handlers import Places
from services.matching.team.localise import localise
from services.matching.team.meeting import ONLINE, CourseRef, SkillRef
from tests.unit.matching.test_meeting import meeting, previous_meeting


class Labels:
    """A fake label source: ``<lang>:<uri>``, and no labels at all for ``skill:gone``."""

    def skill_label(self, uri: str, lang: str = "en") -> str:
        if uri == "skill:gone":
            raise KeyError(uri)
        return f"{lang}:{uri}"

    def occupation_label(self, uri: str, lang: str = "en") -> str:
        return f"{lang}:{uri}"


PLACES = Places(
    {"fi": {"pohjanmaa": "Pohjanmaa"}, "sv": {"pohjanmaa": "Österbotten"}},
    {"fi": {"905": "Vaasa", "837": "Tampere"}, "sv": {"905": "Vasa", "837": "Tammerfors"}},
)


def stored():
    m = meeting(previous_meeting())
    first = m.vacancies[0]
    course = CourseRef(
        "p", "c", "Hitsaus", ONLINE, False, m.today, titles={"fi": "Hitsaus", "sv": "Svetsning"}
    )
    skill = replace(m.missing_skills[0], courses=[course])
    return replace(
        m,
        region="pohjanmaa",
        region_name="Pohjanmaa",
        vacancies=[replace(first, municipality="Vaasa", occupation_uri="occ:nurse"), *m.vacancies[1:]],
        missing_skills=[skill, *m.missing_skills[1:]],
    )


def test_finnish_is_the_stored_language_and_shows_the_meeting_as_stored():
    m = stored()
    assert localise(m, "fi", Labels(), PLACES) is m


def test_swedish_relabels_skills_occupation_region_municipality_and_online_from_the_data():
    m = localise(stored(), "sv", Labels(), PLACES, online="på nätet")
    v = m.vacancies[0]
    assert m.region_name == "Österbotten"
    assert v.municipality == "Vasa" and v.occupation == "sv:occ:nurse"
    assert all(s.label == f"sv:{s.uri}" for c in v.candidates for s in (*c.matched, *c.missing))
    assert m.missing_skills[0].label == f"sv:{m.missing_skills[0].uri}"
    assert (
        m.missing_skills[0].courses[0].place == "på nätet"
        and m.missing_skills[0].courses[0].title == "Svetsning"
    ), "the course's Swedish title from the catalogue"


def test_english_keeps_finnish_place_names_and_what_the_data_cannot_relabel():
    m = stored()
    old = replace(m.vacancies[1], occupation_uri="")  # stored before the occupation's URI was kept
    cand = replace(old.candidates[0], matched=[SkillRef("skill:gone", "vanha taito")])
    m = replace(m, vacancies=[m.vacancies[0], replace(old, candidates=[cand, *old.candidates[1:]])])
    en = localise(m, "en", Labels(), PLACES)
    assert en.region_name == "Pohjanmaa" and en.vacancies[0].municipality == "Vaasa"
    assert en.vacancies[1].occupation == old.occupation, "no URI stored: the stored label"
    assert en.vacancies[1].candidates[0].matched == [SkillRef("skill:gone", "vanha taito")]
    assert en.missing_skills[0].courses[0].title == "Hitsaus", "no English title in the catalogue: as stored"


def test_a_course_stored_before_titles_were_kept_per_language_keeps_its_title():
    m = stored()
    old = replace(m.missing_skills[0].courses[0], titles={})
    m = replace(m, missing_skills=[replace(m.missing_skills[0], courses=[old]), *m.missing_skills[1:]])
    assert localise(m, "sv", Labels(), PLACES).missing_skills[0].courses[0].title == "Hitsaus"


def test_a_language_the_place_data_names_is_used_without_code_changes():
    """English region names are not in data/geo yet: once the data has them they are shown."""
    with_english = Places(
        {**PLACES.region_names, "en": {"pohjanmaa": "Ostrobothnia"}}, PLACES.municipality_names
    )
    assert with_english.region_name("pohjanmaa", "en") == "Ostrobothnia"
    assert PLACES.region_name("pohjanmaa", "en") == "Pohjanmaa"


def test_places_name_regions_and_municipalities_in_finnish_and_swedish():
    assert PLACES.region_name("pohjanmaa", "sv") == "Österbotten"
    assert PLACES.region_name("pohjanmaa", "en") == "Pohjanmaa"
    assert (
        PLACES.municipality_name("905", "sv") == "Vasa" and PLACES.municipality_name("905", "fi") == "Vaasa"
    )
    assert PLACES.translate_municipality("Tampere", "sv") == "Tammerfors"
    assert PLACES.translate_municipality("Nowhere", "sv") == "Nowhere"
