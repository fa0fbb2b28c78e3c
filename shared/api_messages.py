"""The English texts that the JSON APIs' errors carry without the project writing them at the call
site, marked for the catalogues so that ``shared.i18n.translate_text`` can give them in the request's
language: marshmallow's default field reasons, werkzeug's descriptions of HTTP errors, and the reasons
of the shared validators and guards (ESCO URIs, municipalities, regions, language codes, personal
data, organisations, tokens, bad JSON).

Each msgid is the text exactly as produced, with ``%(name)s`` where the producer puts a value
(marshmallow's ``{min}`` is ``%(min)s`` here); the placeholders' values are kept as given.
``tests/api/test_api_languages.py`` sends bad requests that raise each kind and checks the answers
in fi, sv and en. Nothing here is imported at run time: it is a list for ``make translations``.
"""

from __future__ import annotations

from shared.i18n import N_

MARSHMALLOW = (
    N_("Missing data for required field."),
    N_("Field may not be null."),
    N_("Invalid value."),
    N_("Invalid input."),
    N_("Not a valid string."),
    N_("Not a valid integer."),
    N_("Not a valid number."),
    N_("Number too large."),
    N_("Special numeric values (nan or infinity) are not permitted."),
    N_("Not a valid boolean."),
    N_("Not a valid date."),
    N_("Not a valid datetime."),
    N_("Not a valid mapping type."),
    N_("Not a valid email address."),
    N_("Not a valid list."),
    N_("Not a valid URL."),
    N_("Not a valid UUID."),
    N_("Invalid type."),
    N_("Invalid input type."),
    N_("Unknown field."),
    N_("String does not match expected pattern."),
    N_("Must be one of: %(choices)s."),
    N_("Length must be between %(min)s and %(max)s."),
    N_("Length must be %(equal)s."),
    N_("Longer than maximum length %(max)s."),
    N_("Shorter than minimum length %(min)s."),
    N_("Must be greater than or equal to %(min)s and less than or equal to %(max)s."),
    N_("Must be greater than or equal to %(min)s."),
    N_("Must be less than or equal to %(max)s."),
)

WERKZEUG = (
    N_("The request was well-formed but was unable to be followed due to semantic errors."),
    N_(
        "The requested URL was not found on the server. If you entered the URL manually please check "
        "your spelling and try again."
    ),
    N_("The method is not allowed for the requested URL."),
    N_("The browser (or proxy) sent a request that this server could not understand."),
    N_("The data value transmitted exceeds the capacity limit."),
)

SHARED_VALIDATORS = (
    # shared.reference.EscoCatalogue.resolve
    N_("Not an ESCO skill URI: expected %(base)sskill/<UUID> (ESCO %(version)s)."),
    N_("Not an ESCO occupation URI: expected %(base)soccupation/<UUID> (ESCO %(version)s)."),
    N_("Not an ESCO skill URI: expected %(base)sskill/<UUID>."),
    N_("Not an ESCO occupation URI: expected %(base)soccupation/<UUID>."),
    N_("This is an ESCO occupation URI; an ESCO skill URI is expected here."),
    N_("This is an ESCO skill URI; an ESCO occupation URI is expected here."),
    N_(
        "Unknown ESCO skill URI: not in ESCO %(version)s, the version this service uses. Concepts added "
        "in later ESCO versions are not known yet; choose the closest %(version)s concept (see "
        "docs/reference-data.md on ESCO upgrades)."
    ),
    N_(
        "Unknown ESCO occupation URI: not in ESCO %(version)s, the version this service uses. Concepts "
        "added in later ESCO versions are not known yet; choose the closest %(version)s concept (see "
        "docs/reference-data.md on ESCO upgrades)."
    ),
    # shared.geography.Geography
    N_("Give a municipality code (e.g. '837' for Tampere) or name."),
    N_(
        "Unknown municipality code %(code)s: not a Statistics Finland code of %(year)s (3 digits, e.g. "
        "'837' Tampere, '020' Akaa) nor one abolished by a merger."
    ),
    N_(
        "Unknown municipality %(name)s: give the Statistics Finland code (e.g. '837') or the Finnish or "
        "Swedish name (e.g. 'Vaasa' or 'Vasa'). A district or village (e.g. Hervanta) is not a "
        "municipality: give the municipality it is in."
    ),
    N_(
        "%(code)s is a postal code, not a municipality: give the municipality's name or its Statistics "
        "Finland code (e.g. 'Tampere' or '837')."
    ),
    N_(
        "%(name)s names several municipalities: give one of %(choices)s (the one where the work is done "
        "or the person lives)."
    ),
    N_(
        "Unknown municipality %(name)s: did you mean %(suggestions)s? Give the Statistics Finland code "
        "(e.g. '837') or the Finnish or Swedish name (e.g. 'Vaasa' or 'Vasa')."
    ),
    N_(
        "Municipality %(code)s %(name)s was split in %(year)s between %(successors)s: give the current municipality."
    ),
    N_(
        "Municipality code %(code)s (%(name)s) was abolished in a merger on 1.1.%(year)s; its area is today "
        "in %(successor)s: using that."
    ),
    N_(
        "Municipality %(given)s (%(name)s) was abolished in a merger on 1.1.%(year)s; its area is today in "
        "%(successor)s: using that."
    ),
    # shared.geography: a municipality of the area ceded in 1944 (outside tester 37, K5), by its code and name
    N_(
        "Municipality code %(code)s (%(name)s) was in the area Finland ceded in %(year)s: no Finnish "
        "municipality holds it today. Give the current municipality where the work is done or the person lives."
    ),
    N_(
        "Municipality %(given)s (%(name)s) was in the area Finland ceded in %(year)s: no Finnish municipality "
        "holds it today. Give the current municipality where the work is done or the person lives."
    ),
    N_(
        "Municipality %(given)s was renamed on 1.1.%(year)s: today it is %(code)s %(name)s (%(name_sv)s): "
        "using that."
    ),
    # shared.tables: a note below an imported table (Table.note_warnings)
    N_("A note below the table, not a data row: skipped (%(text)s)."),
    # shared.tables: a hidden row of an imported sheet (Table.note_warnings; outside tester 35b, G8)
    N_("A hidden row of the sheet: skipped (show the row in Excel to import it)."),
    # shared.tables: a cell of a merged range read as the range's value (Table.note_warnings; outside tester 36, H10)
    N_("Cell %(cells)s is part of the merged cells %(range)s: read as %(value)s, as Excel shows it."),
    N_(
        "%(name)s is a region, not a municipality: give the municipality of %(region)s where the work is "
        "done or the person lives (its name or Statistics Finland code)."
    ),
    N_(
        "Unknown region %(region)s. Known regions: %(regions)s (Finnish or Swedish names and maakunta "
        "codes are accepted too)."
    ),
    # shared.languages.normalise_language
    N_("%(code)s: give the language alone, e.g. %(language)s, not a tag with a region or script."),
    N_(
        "%(code)s is not a language code: ISO 639-1 (2 letters, e.g. 'fi') or ISO 639-3 (3 letters, "
        "e.g. 'smn' Inari Sámi)."
    ),
    N_("%(code)s is not an assigned ISO 639 language code."),
    N_("%(code)s (%(name)s) is not one language: give the language itself, e.g. %(examples)s."),
    N_(
        "%(code)s (%(name)s) is not one language: give the language itself, by its ISO 639-1 or ISO 639-3 code."
    ),
    # shared.schemas, shared.pii, shared.organisations
    N_("Longer than %(max)s characters."),
    N_("Must contain a visible character."),
    N_("Must not contain control characters or bidirectional overrides."),
    N_(
        "Must not contain hidden text: invisible characters where they change nothing a reader sees (a variation "
        "selector after a letter, zero-width characters in a run or between Latin letters, Unicode tag characters "
        "outside an emoji flag) carry text that a reader cannot see."
    ),
    N_(
        "Must not contain personal data: no personal identity code, e-mail address, phone number or "
        "street address (refer to the candidate by the pseudonymous id). Found: %(kinds)s."
    ),
    N_(
        "Must not contain personal data: the jobseeker's comment is kept without an identity code, e-mail "
        "address, phone number or street address, so leave them out. Found: %(kinds)s."
    ),
    N_(
        "Must not contain personal data: no personal identity code, birth date, e-mail address, phone "
        "number, street address, health information (pregnancy, illness, pain, work restrictions), age, "
        "ethnic origin or nationality, religion, political opinion, sexual orientation or sex life, trade-union "
        "membership, family status, criminal record, immigration status or social-welfare clienthood (refer to the "
        "candidate by the pseudonymous id; names are not detected automatically, so do not write them either). Found: %(kinds)s."
    ),
    N_(
        "Must not contain an identifier: no personal identity code, e-mail address, phone number or bank "
        "account number (IBAN). Found: %(kinds)s."
    ),
    # a pilot's id and name (outside tester 28, T28-8: shared.pii.GROUP_NAME_REFUSAL)
    N_(
        "A name shown beside each jobseeker it concerns may state the rule of who takes part (age, education, "
        "unemployment) but no health, origin, religion, family status or other special category of personal data "
        "about them. Found: %(kinds)s."
    ),
    N_("A person's name or user id: letters, spaces and . ' - _ @ only, no digits, at most 100 characters."),
    N_("Must not contain a personal identity code (a job ad names no jobseeker). Found: %(kinds)s."),
    # the kinds those two name (shared.pii), in words in fi and sv; English keeps the ids
    N_("personal_identity_code"),
    N_("email"),
    N_("phone"),
    N_("street_address"),
    N_("iban"),
    N_("birth_date"),
    N_("health_data"),
    N_("age"),
    N_("ethnic_origin"),
    N_("religion"),
    N_("sexual_orientation"),
    N_("trade_union_membership"),
    N_("family_status"),
    N_("political_opinion"),
    N_("criminal_record"),
    N_("immigration_status"),
    N_("social_welfare_client"),
    N_("Not a registered organisation (the operator keeps the registry)."),
    # shared.auth
    N_("A bearer token is required."),
    N_("The bearer token is not valid."),
    N_("The bearer token has expired."),
    N_("The identity provider's keys are unavailable; try again shortly."),
    N_("Role %(role)s may not do this."),
    N_(
        "Role %(role)s of an organisation of kind %(kind)s may not do this: only the employment services' "
        "coaches own jobseekers' profiles."
    ),
    N_("The token's organisation is not registered in this deployment."),
    N_("Role %(role)s is not held in an organisation of kind %(kind)s."),
    N_("Sign-in links from other sites are not accepted: paste the token here yourself."),
    # shared.http's input guard
    N_("Text must be valid Unicode (a lone surrogate was sent)."),
    N_("Control characters are not allowed here."),
    N_("Give this parameter once."),
    N_("Not an instant that exists in UTC (years 1–9999)."),
    N_("%(name)s is not JSON."),
    N_("The body is not UTF-8."),
    N_("JSON nested deeper than %(depth)s levels."),
    N_("Invalid JSON body."),
    N_("The key %(key)s appears more than once."),
    N_("The JSON body holds more than %(max)s values."),
    N_("A JSON object holds more than %(max)s keys."),
    N_("A JSON array holds more than %(max)s items."),
    N_("The first %(listed)s of %(count)s field errors are listed."),
)
