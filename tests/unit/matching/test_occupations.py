"""Occupation inference: a person's skills and work history give a small distribution over ESCO
occupations, and agreement with a vacancy's occupation is counted at the ISCO-08 levels."""

from __future__ import annotations

import numpy as np
import pytest
import scipy.sparse as sp
from sklearn.base import clone

from services.matching.index.domain.occupations import (
    FITTED_SKILL_SHARES,
    OccupationModel,
    fitted_model,
    group_agreement,
    occupation_profiles,
    vacancy_target,
)
from services.matching.index.domain.taxonomy import Taxonomy


def evidence(taxonomy: Taxonomy, rows: list[dict[str, float]]) -> sp.csr_matrix:
    """Rows of {skill or occupation URI: weight} in the model's (skills, then occupations) layout."""
    n_s = taxonomy.n_skills
    r, c, v = [], [], []
    for i, row in enumerate(rows):
        for uri, w in row.items():
            j = taxonomy.skill_index.get(uri)
            r.append(i)
            c.append(j if j is not None else n_s + taxonomy.occupation_index[uri])
            v.append(w)
    return sp.csr_matrix((v, (r, c)), shape=(len(rows), n_s + taxonomy.n_occupations))


@pytest.fixture(scope="module")
def model(taxonomy: Taxonomy) -> OccupationModel:
    return OccupationModel(occupation_profiles(taxonomy), learn_shares=False, learn_temperature=False).fit()


def test_claimed_skills_point_to_the_occupation_whose_profile_holds_them(taxonomy, model):
    x = evidence(
        taxonomy,
        [
            {"s:weld": 1.0, "s:mig": 0.8, "s:blue": 1.0},
            {"s:care": 1.0, "s:meds": 0.6},
            {"s:cook": 1.0, "s:hygiene": 1.0, "s:team": 0.8},
        ],
    )
    occ, prob = model.predict_top(x, k=3)
    assert occ.shape == prob.shape == (3, 3)
    assert occ.dtype == np.int32 and prob.dtype == np.float32
    names = [taxonomy.occupation_uris[o] for o in occ[:, 0]]
    assert names == ["o:welder", "o:practical-nurse", "o:cook"]
    assert np.all(np.diff(prob, axis=1) <= 0)
    assert np.all(prob.sum(axis=1) <= 1.0 + 1e-6)
    assert prob[0, 0] > 0.5


def test_a_skill_in_the_essential_profile_counts_more_than_an_optional_one(taxonomy, model):
    # "weld" is essential for both welder and plater; "mig" only for the welder
    occ, _ = model.predict_top(evidence(taxonomy, [{"s:weld": 1.0, "s:blue": 1.0}]), k=2)
    both = {taxonomy.occupation_uris[o] for o in occ[0]}
    assert both == {"o:welder", "o:plater"}
    # the plater's profile is smaller, so the same two essential skills weigh more there
    assert taxonomy.occupation_uris[occ[0, 0]] == "o:plater"


def test_work_history_alone_gives_the_past_occupation(taxonomy, model):
    occ, prob = model.predict_top(evidence(taxonomy, [{"o:cook": 1.0}]), k=2)
    assert taxonomy.occupation_uris[occ[0, 0]] == "o:cook"
    assert prob[0, 0] > prob[0, 1]


def test_no_evidence_gives_no_occupation(taxonomy, model):
    occ, prob = model.predict_top(evidence(taxonomy, [{}]), k=2)
    assert occ.tolist() == [[-1, -1]]
    assert prob.tolist() == [[0.0, 0.0]]
    assert model.predict(evidence(taxonomy, [{}])).tolist() == [-1]


def test_fit_learns_mixture_weights_and_temperature_from_labelled_profiles(taxonomy):
    rng = np.random.default_rng(3)
    prof = occupation_profiles(taxonomy)
    rows, labels = [], []
    for _ in range(200):
        o = int(rng.integers(taxonomy.n_occupations))
        ess = prof.essential[o].indices
        if not len(ess):
            continue
        row = {taxonomy.skill_uris[j]: 1.0 for j in ess if rng.random() < 0.7}
        row[taxonomy.occupation_uris[o]] = 1.0  # everyone currently works in their occupation
        rows.append(row)
        labels.append(o)
    m = OccupationModel(prof, skill_shares=(0.25, 0.25, 0.0, 0.5)).fit(
        evidence(taxonomy, rows), np.asarray(labels)
    )
    assert m.skill_shares_.sum() == pytest.approx(1.0)
    assert m.history_shares_.sum() == pytest.approx(1.0)
    # only essential skills and only the own occupation were observed
    assert m.skill_shares_[0] > 0.9
    assert m.history_shares_[0] > 0.9
    assert 0.5 <= m.temperature_ <= 8.0
    assert (m.predict(evidence(taxonomy, rows)) == np.asarray(labels)).mean() > 0.9


def test_the_model_follows_scikit_learn_conventions(taxonomy):
    m = OccupationModel(occupation_profiles(taxonomy), top_k=2)
    twin = clone(m)
    assert twin.get_params()["top_k"] == 2
    assert not hasattr(twin, "skill_shares_")
    with pytest.raises(ValueError):
        OccupationModel().fit()


def test_agreement_counts_same_occupation_unit_minor_and_sub_major_group(taxonomy):
    prof = occupation_profiles(taxonomy)
    ix = taxonomy.occupation_index
    occ = np.asarray([[ix["o:welder"], ix["o:cook"]]], dtype=np.int32)
    prob = np.asarray([[0.75, 0.25]], dtype=np.float32)
    plater = np.zeros(taxonomy.n_occupations)
    plater[ix["o:plater"]] = 1.0  # ISCO 7214: welder 7212 shares minor group 721 and sub-major 72
    welder = np.zeros(taxonomy.n_occupations)
    welder[ix["o:welder"]] = 1.0
    got = group_agreement(occ, prob, plater, prof)
    assert got[0].tolist() == pytest.approx([0.0, 0.0, 0.75, 0.75])
    got = group_agreement(occ, prob, welder, prof)
    assert got[0].tolist() == pytest.approx([0.75, 0.75, 0.75, 0.75])


def test_the_fitted_model_infers_without_training(taxonomy):
    m = fitted_model(occupation_profiles(taxonomy), top_k=2)
    assert m.skill_shares_.tolist() == pytest.approx(list(FITTED_SKILL_SHARES))
    x = evidence(taxonomy, [{"s:care": 1.0, "s:meds": 1.0}])
    assert taxonomy.occupation_uris[m.predict(x)[0]] == "o:practical-nurse"


def test_a_vacancy_names_its_occupation_or_gets_one_inferred_from_skills_and_title(taxonomy):
    m = fitted_model(occupation_profiles(taxonomy))
    ix = taxonomy.occupation_index
    given = vacancy_target(m, np.zeros(taxonomy.n_skills), occupation=ix["o:cook"])
    assert given[ix["o:cook"]] == 1.0 and given.sum() == 1.0
    skills = np.zeros(taxonomy.n_skills)
    skills[[taxonomy.skill_index["s:weld"], taxonomy.skill_index["s:mig"]]] = 1.0
    inferred = vacancy_target(m, skills)
    assert int(np.argmax(inferred)) == ix["o:welder"]
    assert 0 < inferred.sum() <= 1.0 + 1e-6
    # a title naming the plater outweighs two welding skills shared by both occupations
    skills[taxonomy.skill_index["s:mig"]] = 0.0
    titled = vacancy_target(m, skills, (ix["o:plater"],), title_weight=2.0)
    assert int(np.argmax(titled)) == ix["o:plater"]
    assert not vacancy_target(m, np.zeros(taxonomy.n_skills)).any()


def _lexsort_top(r, p, o, n, k):
    """The reference order the selection must reproduce: highest p first, equal p by lower o."""
    occ, prob = np.full((n, k), -1, np.int32), np.zeros((n, k), np.float32)
    order = np.lexsort((o, -p, r))
    r, p, o = r[order], p[order], o[order]
    slot = np.arange(len(r)) - np.searchsorted(r, r)
    top = slot < k
    occ[r[top], slot[top]] = o[top]
    prob[r[top], slot[top]] = p[top]
    return occ, prob


@pytest.mark.parametrize("k", [1, 3, 5])
def test_top_k_selection_is_the_sorted_order_ties_included(k):
    from services.matching.index.domain.occupations import _take_top

    rng = np.random.default_rng(k)
    n = 400
    counts = rng.integers(0, 12, n)  # rows with none, fewer than k and more than k entries
    r = np.repeat(np.arange(n), counts)
    o = np.concatenate([np.sort(rng.choice(50, c, replace=False)) for c in counts]).astype(np.int32)
    p = rng.choice([0.5, 0.25, 0.125, 0.1, 0.05], len(r))  # many equal probabilities
    occ, prob = np.full((n, k), -1, np.int32), np.zeros((n, k), np.float32)
    _take_top(r, p, o, k, occ, prob)
    want_occ, want_prob = _lexsort_top(r, p, o, n, k)
    assert np.array_equal(occ, want_occ) and np.array_equal(prob, want_prob)


def test_a_batch_infers_what_each_person_alone_gets_whatever_the_chunk(taxonomy, model):
    rng = np.random.default_rng(7)
    width = taxonomy.n_skills + taxonomy.n_occupations
    x = sp.random(300, width, density=0.15, format="csr", random_state=rng, dtype=np.float64)
    x.data = np.round(x.data * 4) / 4  # repeated weights: ties between occupations
    occ, prob = model.predict_top(x, k=3)
    for chunk in (1, 7, 64):
        o, p = model.predict_top(x, k=3, chunk=chunk)
        assert np.array_equal(o, occ) and np.array_equal(p, prob)
    for i in range(0, 300, 37):
        o, p = model.predict_top(x[i : i + 1], k=3)
        assert np.array_equal(o[0], occ[i]) and np.array_equal(p[0], prob[i])


def test_a_unit_group_keeps_the_posterior_mass_of_all_its_occupations(taxonomy, model):
    rng = np.random.default_rng(11)
    width = taxonomy.n_skills + taxonomy.n_occupations
    x = sp.random(200, width, density=0.15, format="csr", random_state=rng, dtype=np.float64)
    prof = model.profiles
    n_occ = prof.n_occupations
    every, p_every = model.predict_top(x, k=n_occ)  # the whole posterior
    occ, prob, units, mass = model.predict_top_groups(x, k=3, k_units=2)
    top_o, top_p = model.predict_top(x, k=3)
    assert np.array_equal(occ, top_o) and np.array_equal(prob, top_p)  # the same top occupations
    assert units.shape == mass.shape == (200, 2) and units.dtype == np.int32 and mass.dtype == np.float32
    for i in range(200):
        ok = (every[i] >= 0) & (prof.unit[np.maximum(every[i], 0)] >= 0)
        total = np.bincount(prof.unit[every[i][ok]], p_every[i][ok].astype(np.float64), prof.n_units)
        best = np.lexsort((np.arange(prof.n_units), -total))[:2]
        best = best[total[best] > 0]
        assert units[i, : len(best)].tolist() == best.tolist()
        assert mass[i, : len(best)] == pytest.approx(total[best], abs=1e-5)
        assert mass[i].sum() <= 1 + 1e-5 and mass[i, 0] >= prob[i, 0] - 1e-6  # a group holds its top one
    # without evidence, nothing
    none = model.predict_top_groups(evidence(taxonomy, [{}]), k=2, k_units=2)
    assert none[2].tolist() == [[-1, -1]] and none[3].tolist() == [[0.0, 0.0]]
    # chunks do not change the answer
    again = model.predict_top_groups(x, k=3, k_units=2, chunk=7)
    assert all(np.array_equal(a, b) for a, b in zip(again, (occ, prob, units, mass), strict=True))


def test_confirmed_skills_choose_among_the_titles_occupations_and_do_not_override_it(taxonomy):
    """Outside tester, session 13, P2: confirming "perform cleaning duties" on a cleaner's ad made
    it an aircraft groomer's, the occupation with the fewest skills that holds it."""
    m = fitted_model(occupation_profiles(taxonomy))
    ix, si = taxonomy.occupation_index, taxonomy.skill_index
    skills = np.zeros(taxonomy.n_skills)
    skills[[si["s:weld"], si["s:mig"], si["s:tig"]]] = 1.0  # the welder's, and welding the plater's too
    plater = (ix["o:plater"],)
    assert int(np.argmax(vacancy_target(m, skills, plater))) == ix["o:welder"]  # one current job: overridden
    kept = vacancy_target(m, skills, plater, title_floor=0.001)
    assert int(np.argmax(kept)) == ix["o:plater"] and kept[ix["o:plater"]] > 0.5
    assert 0 < kept.sum() <= 1.0 + 1e-6
    # the title names both: the skills choose between them
    both = vacancy_target(m, skills, (ix["o:plater"], ix["o:welder"]), title_floor=0.001)
    assert int(np.argmax(both)) == ix["o:welder"]
    # a title occupation named less surely weighs less: skills of the other win
    cook = np.zeros(taxonomy.n_skills)
    cook[[si["s:cook"], si["s:hygiene"]]] = 1.0
    unsure = vacancy_target(
        m, cook, (ix["o:welder"], ix["o:cook"]), title_confidences=(1.0, 0.5), title_floor=0.001
    )
    assert int(np.argmax(unsure)) == ix["o:cook"]


def test_a_vacancys_skills_weigh_against_its_title_as_correlated_evidence(taxonomy):
    """Session 13 tester: three confirmed cleaning skills made a "Laitoshuoltaja" ad another
    cleaner's: skills mostly read from the title and its text, or confirmed from those
    suggestions, counted as independent evidence against it. n skills (summed weights) count as
    n / (1 + rho (n - 1)) against a title read exactly; otherwise they are as before."""
    m = fitted_model(occupation_profiles(taxonomy))
    ix, si = taxonomy.occupation_index, taxonomy.skill_index
    skills = np.zeros(taxonomy.n_skills)
    skills[[si["s:weld"], si["s:mig"], si["s:tig"]]] = 1.0
    skills[si["s:blue"]] = 0.5
    plater = (ix["o:plater"],)
    rho, n = 0.3, 3.5
    tempered = vacancy_target(m, skills, plater, title_floor=0.001, title_skill_correlation=rho)
    scaled = vacancy_target(m, skills / (1 + rho * (n - 1)), plater, title_floor=0.001)
    np.testing.assert_allclose(tempered, scaled)
    independent = vacancy_target(m, skills, plater, title_floor=0.001)
    assert tempered[ix["o:plater"]] > independent[ix["o:plater"]]  # the title weighs more
    # no title, no title prior, or a title the multilingual model only guesses: as before
    guessed = {"title_floor": 0.001, "title_confidences": (0.7,)}
    for args, kw in (((), {}), ((plater,), {"title_floor": 1.0}), ((plater,), guessed)):
        np.testing.assert_array_equal(
            vacancy_target(m, skills, *args, title_skill_correlation=rho, **kw),
            vacancy_target(m, skills, *args, **kw),
        )


# -- evidence of the skills a person does not claim (`OccupationModel.absence`) ---------------
ABSENCE = (0.7, 0.1)


@pytest.fixture(scope="module")
def absent_model(taxonomy: Taxonomy) -> OccupationModel:
    return fitted_model(occupation_profiles(taxonomy), absence=ABSENCE)


def _exact_posterior(model: OccupationModel, x: sp.csr_matrix) -> np.ndarray:
    """(n, n_occupations) the posterior of every occupation, dense, from the definition: the
    multinomial's log-likelihood ratios plus, for a person claiming any skill, a_E (claimed
    essential skills of o, by weight) - a_E |E_o| and the same over the optional profile, and
    for each past occupation h of weight w, w (a_E |E_h| + a_O |O_h|) to h (its profile is held)."""
    prof = model.profiles
    n_s = prof.n_skills
    a_e, a_o = model.absence
    ess = (prof.essential > 0).toarray().astype(np.float64)
    opt = (prof.optional > 0).toarray().astype(np.float64)
    dense = x.toarray()
    scores = model.decision_function(x).toarray()
    claims = dense[:, :n_s]
    sizes = a_e * ess.sum(axis=1) + a_o * opt.sum(axis=1)
    absence = a_e * (claims @ ess.T) + a_o * (claims @ opt.T) - sizes + dense[:, n_s:] * sizes
    scores = (scores + np.where((claims > 0).any(axis=1)[:, None], absence, 0.0)) / model.temperature_
    scores -= scores.max(axis=1, keepdims=True)
    p = np.exp(scores)
    return p / p.sum(axis=1, keepdims=True)


def test_absence_evidence_gives_the_posterior_of_its_definition(taxonomy, absent_model):
    x = evidence(
        taxonomy,
        [
            {"s:weld": 1.0, "s:blue": 1.0},
            {"s:weld": 1.0, "s:mig": 1.0, "s:blue": 1.0, "s:safety": 0.6},
            {"s:care": 1.0, "s:team": 0.8, "o:cook": 1.0},
            {"o:welder": 1.0},
            {"s:sheet": 1.0},  # in no profile: background only
        ],
    )
    tempered = OccupationModel(
        absent_model.profiles, temperature=2.0, learn_shares=False, learn_temperature=False, absence=ABSENCE
    ).fit()
    for m in (absent_model, tempered):
        want = _exact_posterior(m, x)
        occ, prob = m.predict_top(x, k=3)
        assert (occ[:4, 0] >= 0).all()
        for i in range(x.shape[0]):
            for o, p in zip(occ[i], prob[i], strict=True):
                if o >= 0:
                    assert p == pytest.approx(want[i, o], rel=1e-5, abs=1e-7)
        g_occ, g_prob, _, _ = m.predict_top_groups(x, 3, 2)
        assert np.array_equal(g_occ, occ) and np.array_equal(g_prob, prob)


def test_an_occupation_whose_profile_the_person_mostly_leaves_out_loses_to_its_sibling(
    taxonomy, model, absent_model
):
    # weld + blue: the plater's whole essential profile, half of the welder's (no mig, no safety)
    x = evidence(taxonomy, [{"s:weld": 1.0, "s:blue": 1.0}])
    plater = taxonomy.occupation_index["o:plater"]
    welder = taxonomy.occupation_index["o:welder"]
    shares = []
    for m in (model, absent_model):
        occ, prob = m.predict_top(x, k=2)
        got = dict(zip(occ[0].tolist(), prob[0].tolist(), strict=True))
        shares.append(got[plater] / got[welder])
    assert shares[1] > shares[0] * np.exp(ABSENCE[0] * 2)  # two essential skills left out
    # claiming the welder's whole profile makes the welder the likelier again
    occ, _ = absent_model.predict_top(
        evidence(taxonomy, [{"s:weld": 1.0, "s:mig": 1.0, "s:blue": 1.0, "s:safety": 1.0}]), k=1
    )
    assert occ[0, 0] == welder


def test_absence_leaves_work_history_alone_and_vacancies_alone(taxonomy, model):
    plain = fitted_model(occupation_profiles(taxonomy))
    absent = fitted_model(occupation_profiles(taxonomy), absence=ABSENCE)
    history = evidence(taxonomy, [{"o:welder": 1.0}, {"o:cook": 0.5, "o:practical-nurse": 1.0}])
    for a, b in zip(plain.predict_top(history, k=3), absent.predict_top(history, k=3), strict=True):
        assert np.array_equal(a, b)
    # a vacancy's skills are chosen, not kept at random: its reading does not count absence
    row = evidence(taxonomy, [{"s:weld": 1.0, "s:blue": 1.0}]).toarray()[0]
    for a, b in zip(plain.predict_top_one(row, 3), absent.predict_top_one(row, 3), strict=True):
        assert np.array_equal(a, b)
    rows = evidence(taxonomy, [{"s:weld": 1.0, "s:blue": 1.0}, {"s:care": 1.0, "o:cook": 1.0}])
    for a, b in zip(plain.predict_top(rows, 3), absent.predict_top(rows, 3, people=False), strict=True):
        assert np.array_equal(a, b)


def test_absence_must_be_non_negative():
    from services.matching.index.domain.params import RankingParams

    with pytest.raises(ValueError, match="occupation_absence"):
        RankingParams(occupation_absence=(-0.1, 0.0))
