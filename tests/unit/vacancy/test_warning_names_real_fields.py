"""The vacancy service's warnings name the matching API's fields as they are (outside tester 34, F11:
the unconfirmed-requirements warning sent employers to a field "suggestions", which is
`suggested_skills`)."""

import re

from services.matching.index.schemas import VacancySkillsSchema
from services.vacancy.api import UNCONFIRMED


def test_the_unconfirmed_warning_names_fields_of_the_matching_skills_answer():
    listed = re.search(r"lists the suggestions \(([^)]*)\)", UNCONFIRMED)
    assert listed is not None, UNCONFIRMED
    names = [n.strip() for n in listed.group(1).split(",")]
    assert names and all(n in VacancySkillsSchema().fields for n in names), names
