"""Named, documented parameters of the ranking and of the candidate index.

Values marked "tuned" were chosen with `python -m benchmarks.quality --tune`, which generates its
data with the tuning seed from the tuning half of the ESCO occupations; the figures reported in
docs/benchmarks.md come from the separate evaluation seed and the other half of the occupations.
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
    jobs of the same occupation, so they count for much less (tuned)."""

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
    profile does not say so, but a claim of the skill is stronger evidence."""

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
    """Credit for a skill linked to the wanted one by an ESCO skill-to-skill relation."""

    hierarchy_credit: float = 0.5
    """Credit for a directly broader or narrower skill in the ESCO skills hierarchy."""

    same_group_credit: float = 0.35
    """Credit for a skill under the same direct broader concept (skill group or broader skill)."""

    max_group_size: int = 40
    """Siblings in groups larger than this earn no credit: big groups ("advise others", 271
    skills) are too broad to say anything about a particular skill."""

    max_related_per_skill: int = 5
    """Each wanted skill gives credit to at most this many related skills: the highest credit,
    then the most specific (used by the fewest occupations). Beyond a handful, related skills
    add little to quality but a lot to query time (each is a posting list to walk)."""

    # -- the score -----------------------------------------------------------------------------
    similarity_weight: float = 0.9
    """Share of the score from the cosine similarity of the IDF-weighted skill vectors."""

    coverage_weight: float = 0.1
    """Share of the score from essential-skill coverage (the weighted fraction of the vacancy's
    essential skills the candidate has, related skills counting partially). Coverage is what
    recruiters check first; similarity also rewards the optional and occupation-typical skills."""

    experience_match_weight: float = 0.1
    """Bonus for having worked in the vacancy's own occupation, times that experience's
    recency x duration weight: "has worked as a welder" is what recruiters look for first
    (tuned)."""

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

    delta_max_rows: int = 4096
    """Updates go to a small delta segment that is merged into the main one when it reaches this
    many rows. A merge rebuilds the main index (seconds at 1M profiles) without blocking reads."""

    delta_max_share: float = 0.02
    """…or when the delta holds this share of the main segment, so small pools (tests, start-up)
    merge often and their IDF stays current."""

    rerank_pool: int = 4
    """Stage 2 scores exactly `rerank_pool * k` candidates chosen by a stage-1 upper bound, and
    widens the pool until the bound proves the top k exact."""

    occupation_prune_bound: float = 0.03
    """Stage 1 skips the work-history occupations whose skills barely overlap the vacancy, as
    long as all skipped ones together could add at most this much to a candidate's score; the
    bound is added back when checking that the top k is exact, so results do not change, only
    the work (about 3x fewer postings at a million profiles)."""

    dense_languages: tuple[str, ...] = ("fi", "sv", "en")
    """Languages stored as one byte per candidate; others in a sparse per-language list."""
