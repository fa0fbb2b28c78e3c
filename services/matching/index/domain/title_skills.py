"""The skills a job title alone suggests: the most central essential skills of the occupations it
names.

A vacancy with a title and no chosen occupation or skill gets skills suggested from its title
(`recognition.enrich_vacancy`). Reading the title's words as text suggested look-alikes of a
title word rather than the job's skills (an outside tester, P10: "Practical nurse" → "nurse
plants", "Kokki" → "cook seafood" first every time, "Kiinteistönhoitaja" → "value properties",
"Henkilökohtainen avustaja" → "personal development"). When the title names an occupation, it
says which ESCO profile the job has; the suggestions are that profile's essential skills, the most
central first.

ESCO lists an occupation's essential skills in no order. Centrality here (`centrality`):
- with label embeddings, each essential skill's cosine to the mean of all of them (how typical it
  is of the profile: "use cooking techniques" for the cook, not "control of expenses") plus its
  cosine to the occupation's own label ("manoeuvre bus" for the bus driver) and to the centre of
  its ISCO-08 unit group's essential skills (the trade's common ground: the building cleaner's
  floors before façades, the welder's MIG welding before welding under pressure; session 27);
- without them (`structural_centrality`), the share of the occupation's neighbours (its ISCO-08
  unit group) that list the skill too, then the fewer occupations list it at all, the more it
  says of this one.
"""

from __future__ import annotations

from collections.abc import Sequence

import numpy as np
import scipy.sparse as sp

TITLE_SKILLS = 5
"""How many skills a title alone suggests (`recognition.enrich_vacancy`): an occupation's profile
has 9-40 essential skills, and suggestions weigh in the ranking (`suggested_skill_weight`). They
come after the skills the description names (these say what this job needs) and score the
recogniser's confidence line, `CONFIDENT_SCORE`: the occupation is read exactly, whether this job
needs each of its essential skills is not known."""


def centrality(
    skill_vectors: np.ndarray,
    occupation_vector: np.ndarray | None = None,
    group_vector: np.ndarray | None = None,
) -> np.ndarray:
    """How central each of an occupation's essential skills is to it: (n,) float32, higher first.

    `skill_vectors`: (n, dim) label embeddings of its n essential skills (any scale; normalised
    here); `occupation_vector`: (dim,) embedding of the occupation's label from the same model, or
    None; `group_vector`: (dim,) the mean embedding of the essential skills of the occupation's ISCO-08
    unit group (its own and its neighbours'), or None. Each skill's cosine to the normalised mean of
    the n (the profile's centre), plus its cosine to the occupation's label and to the group's centre
    when given. n = 0 gives an empty array.

    The group's centre (session 27, tester 28's T28-9) holds back a skill that is the occupation's
    in one setting only: the building cleaner's *clean building facade* (2nd → 5th; the toilet
    attendant, room attendant and train cleaner of its group clean inside), the welder's *weld in
    hyperbaric conditions* (3rd → 6th) and the nurse's *general medicine* (6th → out of the first
    ten); *manoeuvre bus* stays the bus driver's first and *provide basic support to patients*
    rises from 5th to 3rd for the healthcare assistant.

    (Adding the share of the occupation's neighbours listing each skill, `structural_centrality`,
    put "weld in hyperbaric conditions" after the welder's MIG welding but also dropped "manoeuvre
    bus" from the bus driver's first five: the tram and trolley-bus drivers do not list it.)"""
    v = np.asarray(skill_vectors, dtype=np.float32)
    if not len(v):
        return np.zeros(0, dtype=np.float32)
    v = v / np.maximum(np.linalg.norm(v, axis=1, keepdims=True), 1e-12)
    centre = v.mean(axis=0)
    score = v @ (centre / max(float(np.linalg.norm(centre)), 1e-12))
    for extra in (occupation_vector, group_vector):
        if extra is not None:
            o = np.asarray(extra, dtype=np.float32)
            score = score + v @ (o / max(float(np.linalg.norm(o)), 1e-12))
    return score.astype(np.float32)


def structural_centrality(links: sp.csr_matrix, occupation: int, neighbours: np.ndarray) -> np.ndarray:
    """Centrality without embeddings, for each skill of `links` (n_occupations, n_skills) CSR
    (1: the occupation lists the skill, essential or optional): the share of `neighbours`
    (occupation positions, `occupation` itself left out) listing it, plus a tie-break below 1/n
    that favours skills few occupations list. (n_skills,) float64; only the essential skills'
    entries are read."""
    others = np.asarray([o for o in np.asarray(neighbours).tolist() if o != occupation], dtype=np.int64)
    counts = np.asarray((links > 0).sum(axis=0)).ravel().astype(np.float64)
    share = (
        np.asarray((links[others] > 0).sum(axis=0)).ravel() / len(others)
        if len(others)
        else np.zeros(links.shape[1])
    )
    rarity = 1.0 / (1.0 + counts)  # in (0, 1]
    return share + rarity / (len(others) + 2)


def fuse(rankings: Sequence[Sequence[str]], k: int) -> tuple[str, ...]:
    """The first `k` items of `rankings` (each best first) fused by reciprocal rank: an item scores
    the sum of 1 / (rank + 2) over the rankings holding it (rank from 0), ties in the order first
    met. A title naming several occupations suggests the skills they share ("Kuljettaja": "drive
    vehicles" for the bus, van, lorry and taxi drivers alike) and the central ones of each
    ("Hitsaaja-levyseppä"), not one occupation's before the others'."""
    score: dict[str, float] = {}
    for ranking in rankings:
        for rank, item in enumerate(ranking):
            score[item] = score.get(item, 0.0) + 1.0 / (rank + 2)
    return tuple(sorted(score, key=lambda item: -score[item])[: max(k, 0)])
