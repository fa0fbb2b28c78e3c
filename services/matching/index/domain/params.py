"""Named, documented parameters of the ranking and of the candidate index.

Values marked "tuned" were chosen with `python -m benchmarks.quality --tune` (the NDCG@10 figures
quoted are from that run: 10,000 candidates, 300 vacancies, changing one group of parameters at a
time from these defaults). It generates its data with the tuning seed from the tuning half of the
ESCO occupations; the figures reported in docs/benchmarks.md come from the separate evaluation
seed and the other half of the occupations.
"""

from __future__ import annotations

from dataclasses import dataclass

from .model import SKILL_LEVELS


@dataclass(frozen=True, slots=True)
class RankingParams:
    """How vacancies and candidates become skill vectors, and how a shortlist is scored."""

    # -- the vacancy's vector ------------------------------------------------------------------
    chosen_essential_weight: float = 1.0
    """Weight of a skill the employer marked essential: the reference weight."""

    chosen_optional_weight: float = 0.5
    """Weight of a skill the employer listed as nice to have: half an essential one."""

    suggested_skill_weight: float = 0.3
    """Weight of a skill the recogniser suggested from the vacancy text and nobody confirmed;
    low because a suggestion can be wrong, and never counted as essential."""

    occupation_essential_weight: float = 1.0
    """Weight of an essential ESCO skill of the vacancy's occupation that the employer did not
    list: full weight, as the issue asks; ESCO says the job needs it."""

    occupation_optional_weight: float = 0.25
    """Weight of an optional ESCO skill of the vacancy's occupation: optional skills vary between
    jobs of the same occupation, so they count for much less. Tuned: NDCG@10 0.844 at 0, 0.851
    at 0.25, 0.853 at 0.5 (within noise of 0.25, which keeps them clearly below essentials)."""

    # -- the candidate's vector ----------------------------------------------------------------
    level_weights: tuple[float, ...] = (0.6, 0.8, 1.0, 1.0)
    """Weight of a claimed skill per level in `SKILL_LEVELS` (basic … expert). Weights stay <= 1
    so that one claim is at most full evidence; expert counts like advanced because the levels
    are self- or coach-assessed and the top two are hard to tell apart."""

    suggested_claim_factor: float = 0.5
    """Multiplier for a skill the recogniser suggested from a coach's notes that the jobseeker
    has not confirmed."""

    experience_essential_weight: float = 0.3
    """Weight given to each essential skill of an occupation in the work history (recent, at
    least `experience_full_years` long): someone who worked as a welder can weld, even if the
    profile does not say so, but a claim of the skill is stronger evidence, and an occupation
    brings 20-odd skills that would otherwise swamp the 15 or so a person lists. Tuned (with the
    optional weight below): NDCG@10 0.845 without expansion, 0.851 at 0.3/0.1, 0.842 at
    0.5/0.2, 0.830 at 0.8/0.3."""

    experience_optional_weight: float = 0.1
    """Same for the occupation's optional skills: the person may or may not have used them."""

    experience_half_life_years: float = 5.0
    """Recency: experience that ended this many years ago counts half; a current job counts
    fully. Skills fade and the labour market changes; five years is a common horizon in CV
    screening."""

    experience_full_years: float = 2.0
    """Years in an occupation after which it counts fully; shorter spells scale linearly down to
    `experience_min_factor`."""

    experience_min_factor: float = 0.5
    """Share of the weight that even a short spell (a few months) in an occupation earns."""

    # -- related skills ------------------------------------------------------------------------
    related_skill_credit: float = 0.5
    """Credit for a skill linked to the wanted one by an ESCO skill-to-skill relation. Tuned
    together with the next two: NDCG@10 0.843 without related credit, 0.851 at 0.3/0.3/0.2 and
    at 0.5/0.5/0.35, 0.848 at 0.7/0.7/0.5; the middle keeps a related skill clearly below half
    of the real thing in coverage while still lifting the candidate above one without it."""

    hierarchy_credit: float = 0.5
    """Credit for a directly broader or narrower skill in the ESCO skills hierarchy."""

    same_group_credit: float = 0.35
    """Credit for a skill under the same direct broader concept (skill group or broader skill)."""

    max_group_size: int = 40
    """Siblings in groups larger than this earn no credit: big groups ("advise others", 271
    skills) are too broad to say anything about a particular skill (tuned: 10, 40 and 100 give
    NDCG@10 0.848, 0.851, 0.850)."""

    max_related_per_skill: int = 5
    """Each wanted skill gives credit to at most this many related skills: the highest credit,
    then the most specific (used by the fewest occupations). Beyond a handful, related skills
    add nothing to quality but a lot to query time, as each is a posting list to walk (tuned:
    0, 3, 5, 10, 20 give NDCG@10 0.843, 0.849, 0.851, 0.850, 0.848)."""

    # -- the score -----------------------------------------------------------------------------
    similarity_weight: float = 0.9
    """Share of the score from the cosine similarity of the IDF-weighted skill vectors (the
    vacancy's expanded with related skills), in [0, 1]."""

    coverage_weight: float = 0.1
    """Share of the score from essential-skill coverage (the weighted fraction of the vacancy's
    essential skills the candidate has, related skills counting partially). Coverage is what
    recruiters check first and what the explanation lists, but on the synthetic benchmark it
    does not improve the ranking: NDCG@10 0.854 at 0, 0.851 at 0.1, 0.847 at 0.2, 0.835 at 0.4
    (cosine already rewards the same evidence, normalised for how much else a person lists).
    It stays small: enough to order otherwise similar candidates by their must-haves, which
    synthetic relevance labels cannot reward."""

    experience_match_weight: float = 0.1
    """Bonus for having worked in the vacancy's own occupation, times that experience's
    recency x duration weight: "has worked as a welder" is what recruiters look for first.
    Tuned: NDCG@10 0.841 at 0, 0.848 at 0.05, 0.851 at 0.1, 0.853 at 0.2, 0.851 at 0.3; 0.1
    is the smallest value with the full gain, so skills still decide among the experienced."""

    occupation_essential_coverage: float = 0.5
    """Coverage weight of an essential skill of the vacancy's occupation that the employer did
    not list, relative to 1.0 for one the employer marked essential."""

    # -- hard filters --------------------------------------------------------------------------
    road_factor: float = 1.3
    """Road distance / great-circle distance between municipality centroids. Finnish road
    networks give detour indices of about 1.2–1.4; 1.3 is the usual planning figure."""

    include_unknown_distance: bool = True
    """When either municipality has no coordinates, keep the candidate (with `distance_km` NaN)
    rather than silently hiding a jobseeker because of a data-quality gap."""

    def __post_init__(self) -> None:
        if len(self.level_weights) != len(SKILL_LEVELS):
            raise ValueError("level_weights needs one weight per SKILL_LEVELS entry")
        if self.similarity_weight < 0 or self.coverage_weight < 0:
            raise ValueError("score weights must be non-negative")


@dataclass(frozen=True, slots=True)
class IndexParams:
    """How the engine stores candidates and answers shortlist queries."""

    delta_max_rows: int = 2048
    """Updates go to a small delta segment that is merged into the main one when it reaches this
    many rows. A merge rebuilds the main index (seconds at 1M profiles) without blocking reads."""

    delta_max_share: float = 0.02
    """…or when the delta holds this share of the main segment, so small pools (tests, start-up)
    merge often and their IDF stays current."""

    rerank_pool: int = 2
    """Stage 2 first scores exactly the `rerank_pool * k` eligible candidates with the best stage-1
    upper bounds, then, a batch of that size at a time, every candidate whose bound still reaches
    the k-th exact score, until the bound proves the top k exact. Measured at a million profiles
    (same queries, interleaved in one process): 2 is 3% faster at p50 and 5-10% at p99 than 4 or 1;
    the shortlist is the same whatever the value."""

    occupation_prune_bound: float = 0.03
    """Stage 1 skips the work-history occupations whose skills barely overlap the vacancy, as
    long as all skipped ones together could add at most this much to a candidate's score; the
    bound is added back when checking that the top k is exact, so results do not change, only
    the work: at a million profiles a median of 100k of the 900k occupation postings are
    walked. Smaller values walk more postings (0.015: 160k), larger ones make the exactness
    check fail more often and widen the stage-2 pool (at 0.03 about one query in six widens
    once, at 0.05 most do); 0.015 and 0.03 measured within noise of each other."""

    stage1_threads: int = 2
    """Threads that walk the inverted index for one shortlist (the caller and, for large pools,
    one helper; see `kernels.range_bounds`). 1 keeps each shortlist on one core."""

    dense_languages: tuple[str, ...] = ("fi", "sv", "en")
    """Languages stored as one byte per candidate; others in a sparse per-language list."""
