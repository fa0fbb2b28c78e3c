"""Outside tester 37, K5: municipalities merged before 2005 and those of the area ceded in 1944, on the real
data/geo files. "Hiittinen" (merged into Kemiö in 1969, today 322 Kemiönsaari) got "did you mean
'Huittinen' (102)", 150 km away; "Pieksämäen mlk" (2004) was refused while "Jyväskylän maalaiskunta" was read."""

import pytest

from shared.geography import CEDED_YEAR, UnknownPlaceError, fold
from shared.reference import geography, read_csv, reference_data_dir

FINLAND = geography()
GEO = reference_data_dir() / "geo"
BEFORE_2005 = list(read_csv(GEO / "merged_municipalities_before_2005.csv"))


def test_the_table_before_2005_holds_only_codes_and_names_no_other_table_has():
    since_2005 = {r["old_code"] for r in read_csv(GEO / "merged_municipalities.csv")}
    current = {fold(n) for m in FINLAND.municipalities.values() for n in (m.name_fi, m.name_sv)}
    forms = {fold(r["form"]) for r in read_csv(GEO / "municipality_forms_fi.csv")}
    codes = [r["old_code"] for r in BEFORE_2005]
    assert len(codes) == len(set(codes)) == 166
    assert not set(codes) & (since_2005 | set(FINLAND.municipalities))
    assert not {fold(r["old_name"]) for r in BEFORE_2005} & (current | forms)
    for r in BEFORE_2005:
        # a merger names a municipality of 2025 (chains followed), the ceded area none, and the year fits
        assert (
            (r["merged_into_code"] in FINLAND.municipalities)
            if r["merged_into_code"]
            else r["year"] == "1944"
        )
        assert int(r["year"]) < 2005


@pytest.mark.parametrize(
    "row", [r for r in BEFORE_2005 if r["merged_into_code"]], ids=lambda r: r["old_name"]
)
def test_every_municipality_merged_before_2005_is_read_as_todays_by_name_and_code_with_its_year(row):
    for given in (row["old_name"], row["old_code"]):
        found = FINLAND.municipality(given)
        assert found.code == row["merged_into_code"], given
        assert found.notice and f"1.1.{row['year']}" in found.notice and row["old_name"] in found.notice


@pytest.mark.parametrize(
    ("text", "code", "former"),
    [
        ("Hiittinen", "322", "Hiittinen"),
        ("Pieksämäen mlk", "593", "Pieksämäen mlk"),
        ("Pieksämäen mlk.", "593", "Pieksämäen mlk"),
        ("Pieksämäen maalaiskunta", "593", "Pieksämäen mlk"),
        ("Pieksämäki mlk", "593", "Pieksämäen mlk"),
        ("Pieksämäki landskommun", "593", "Pieksämäen mlk"),
        ("Jyväskylä lk", "179", "Jyväskylän mlk"),  # as LIPAS writes the Swedish name
        ("Jyväskylä landskommun", "179", "Jyväskylän mlk"),
        ("Borgå landskommun", "638", "Porvoon mlk"),
        ("Porvoon maalaiskunta", "638", "Porvoon mlk"),
        # two rural municipalities lie in 710 Raasepori today: the one of the town named
        ("Karis landskommun", "710", "Karjaan mlk"),
        ("Ekenäs landskommun", "710", "Tammisaaren mlk"),
        ("Tammisaaren maalaiskunta", "710", "Tammisaaren mlk"),
        ("Rovaniemen maalaiskunta", "698", "Rovaniemen mlk"),
        ("Rovaniemi landskommun", "698", "Rovaniemen mlk"),
    ],
)
def test_a_rural_municipality_is_read_in_its_finnish_and_swedish_forms(text, code, former):
    found = FINLAND.municipality(text)
    assert found.code == code and f"({former})" in (found.notice or ""), found


@pytest.mark.parametrize("text", ["Tampere mlk", "Helsingin maalaiskunta", "Kemiön mlk", "Vasa landskommun"])
def test_a_rural_municipality_that_never_was_is_refused_and_never_read_as_another(text):
    with pytest.raises(UnknownPlaceError) as err:
        FINLAND.municipality(text)
    assert "abolished" not in str(err.value)


@pytest.mark.parametrize(
    "text", ["Viipuri", "Viipurin mlk", "Sortavala", "Petsamo", "Salmi", "929", "Kyyrölä"]
)
def test_a_municipality_of_the_ceded_area_is_refused_saying_so_and_suggesting_no_place(text):
    with pytest.raises(UnknownPlaceError) as err:
        FINLAND.municipality(text)
    assert f"ceded in {CEDED_YEAR}" in str(err.value) and "did you mean" not in str(err.value)


@pytest.mark.parametrize(("typo", "former"), [("Hiitinen", "'Hiittinen' (094)"), ("Hiitis", "'Hitis' (094)")])
def test_a_typo_of_a_former_name_is_pointed_to_that_name_and_no_less_close_place(typo, former):
    with pytest.raises(UnknownPlaceError) as err:
        FINLAND.municipality(typo)
    assert f"did you mean {former}?" in str(err.value)


@pytest.mark.parametrize("typo", ["Viipur", "Salmy", "Längelmäk"])
def test_a_typo_of_a_refused_former_name_gets_no_hint_neither_that_name_nor_a_less_close_place(typo):
    # geo37 (tester 37b, L3): a suggestion is never a name that is itself refused ("Salmis" got 'Salmi');
    # imports37 had 'Viipuri' (929) suggested here, which the next request refused as ceded
    with pytest.raises(UnknownPlaceError) as err:
        FINLAND.municipality(typo)
    assert "did you mean" not in str(err.value)


@pytest.mark.parametrize("text", ["Atlantis", "Hervanta"])
def test_former_names_make_no_far_fetched_suggestion(text):
    with pytest.raises(UnknownPlaceError) as err:
        FINLAND.municipality(text)
    assert "did you mean" not in str(err.value)


def test_a_district_that_was_a_municipality_is_read_as_the_municipality_holding_it_today():
    assert FINLAND.municipality("Messukylä, Tampere").code == "837"
    assert FINLAND.municipality("Tampere (Teisko)").code == "837"
    assert FINLAND.municipality("Oulunkylä").code == "091"


def test_former_codes_have_the_region_and_the_point_of_their_successor_and_ceded_ones_none():
    regions, points = FINLAND.home_regions(), FINLAND.coordinates(with_abolished=True)
    assert regions["094"] == regions["322"] and points["094"] == points["322"]
    assert "929" not in regions and "929" not in points
