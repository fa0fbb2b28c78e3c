"""Named, documented parameters of the ranking and of the candidate index.

Values marked "tuned" were chosen with `python -m benchmarks.quality --tune` (the NDCG@10 figures
quoted are from that run: 10,000 candidates, 300 vacancies, changing one group of parameters at a
time from these defaults). It generates its data with the tuning seed from the tuning half of the
ESCO occupations; the figures reported in docs/benchmarks.md come from the separate evaluation
seed and the other half of the occupations.
"""

from __future__ import annotations

import math
from dataclasses import dataclass
from itertools import pairwise

from .model import SKILL_LEVELS

# fmt: off
_OCCUPATION_SCALE: tuple[tuple[float, ...], tuple[float, ...]] = (
    (0.124, 0.151, 0.297, 0.351, 0.362, 0.373, 0.379, 0.392, 0.407, 0.424, 0.444, 0.454,
     0.464, 0.477, 0.495, 0.517, 0.55, 0.616, 0.757, 0.826, 0.856, 0.878, 0.907, 0.936,
     0.955, 0.975, 0.993, 1.0),
    (0.1, 0.5, 0.7, 0.8, 1.0, 1.7, 1.9, 2.2, 2.7, 4.1, 4.9, 8.0, 9.4, 10.9, 11.5, 13.1,
     14.3, 25.7, 50.8, 59.8, 61.9, 62.8, 65.0, 69.0, 72.1, 78.6, 85.9, 91.9),
)
# fmt: on
"""The match scale of a vacancy naming its occupation and, since session 32, of a text read surely as
one ("text-read"): `RankingParams.match_scales` holds it for both (outside tester 31, F12)."""


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

    occupation_optional_weight: float = 1.0
    """Weight of an optional ESCO skill of the vacancy's occupation. On the honest benchmark
    (docs/benchmarks.md, tuning half) 0.25 cost about 0.04 NDCG@10 against IDF-cosine on
    occupation-only vacancies; 0.5 and 1.0 are within noise of each other (tuning sweep
    2026-11-30: +0.231 vs +0.232 over IDF-cosine), so the occupation's profile counts whole, as
    the prototype (`benchmarks/ranking_model.py`) that the report tables measure."""

    # -- the candidate's vector ----------------------------------------------------------------
    level_weights: tuple[float, ...] = (0.6, 0.8, 1.0, 1.0)
    """Weight of a claimed skill per level in `SKILL_LEVELS` (basic … expert). Weights stay <= 1
    so that one claim is at most full evidence; expert counts like advanced because the levels
    are self- or coach-assessed and the top two are hard to tell apart. Positive and never lower
    for a higher level (`ValueError` otherwise): a higher level never reads lower (outside tester
    36, H1)."""

    occupation_claim_levels: tuple[float, ...] = (1.0, 1.0, 1.0, 1.0)
    """Evidence weight of a claimed skill per level in `SKILL_LEVELS` in the occupation inference
    (`vectors.claim_evidence`; a suggestion as a claim of its level position: see
    `suggested_claim_factor`). A claim at any level
    says the person uses the skill, and so is as much evidence of what they do: the level says how
    well, which `level_weights` counts in the similarity and coverage. `level_weights` here (before
    session 26) tempered a basic claim's evidence to its 0.6th power, so people claiming a few
    skills at low levels read as spread over many occupations: one basic claim of "keep records of
    passports" gave passport officer 0.54 (at 1: 0.99), three claims of a night auditor's skills
    0.83 (0.97); the benchmark's levels are drawn independently of the occupation, so that spread
    was noise. Tuning half (seed 1101, 20,000 candidates, 200 vacancies per variant, paired against
    `level_weights`; docs/benchmarks.md, session 26, helper `rank28`): partial-25 occupation +0.0011 ±
    0.0006, team-1 / team-2 occupation +0.0044 / +0.0043, no cell below -0.0009."""

    suggested_claim_factor: float = 0.5
    """A skill the recogniser suggested from a coach's notes and nobody confirmed weighs this times
    the lowest claim's weight (`level_weights[0]`): 0.3, half a basic claim, the weight a
    suggestion has on the vacancy's side too (`suggested_skill_weight`), and below a confirmed
    claim at every level (in [0, 1): `ValueError` otherwise), so confirming a suggestion never
    lowers the skill similarity, the coverage or the related credit (`vectors.claim_table`). A
    suggestion has no level (nobody stated one), so its weight is one for all.

    In the occupation inference it counts as a claim (`vectors.claim_evidence`), not less: the
    inference is no monotone function of a claim's evidence weight, as stronger evidence sharpens
    the posterior onto the occupation the skills fit best, so a suggestion at half evidence left
    the posterior spread onto the vacancy's own occupation and the five suggested skills of a
    bakery ad read as 0.447 agreement with the baker, confirmed 0.431 (confectioner 0.996): the
    unconfirmed profile ranked first, the confirmed ones 2nd to 7th at every level (outside tester
    36, H1; 0.5 of a claim's evidence from session 26 to 36). Read in the coach's own notes about
    the person, a suggestion says what the person does as much as a claim; that it may be wrong
    is what its lower weight above says."""

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
    """How current: experience that ended this many years ago counts half in the experience part
    of the score (`experience_match_weight`, `vectors.experience_tenure`), the tie-break between
    people of the same occupation; a current job counts fully. Skills fade and the labour market
    changes; five years is a common horizon in CV screening. Not what the person *is*: that is
    the spell's identity weight (`experience_identity_half_life_years`, `vectors.experience_weight`)."""

    experience_identity_half_life_years: float = 20.0
    """Who the person is: a stated spell in an occupation is evidence that the person is of it
    (the occupation inference's history evidence, the work-history agreement
    `history_agreement_scale`, the occupation's skills the spell implies), and that evidence
    fades only slowly: a spell that ended this many years ago counts half
    (`vectors.experience_weight`). A long-term unemployed welder who worked as a welder is still a
    welder (outside tester 26, T26-7: with the 5-year half-life of `experience_half_life_years`
    one year as a welder ended in 2020 weighed 0.33 and the README's welder read as a spot welder,
    4.3 / 100 on a welder vacancy). Chosen on the ranking benchmark's tuning half (docs/benchmarks.md,
    session 25)."""

    experience_full_years: float = 2.0
    """Years in an occupation after which its identity weight counts fully; shorter spells scale
    linearly down to `experience_min_factor`."""

    experience_min_factor: float = 0.8
    """Share of the identity weight that even a short spell (a few months) in an occupation earns:
    a coach who states that a person worked as a welder says the person is a welder, whether for
    one year or ten (0.5 before session 25, outside tester 26, T26-7)."""

    former_spell_share: float = 0.75
    """The share of a long spell's identity weight (`vectors.experience_weight`) that later work in
    other trades never takes away (`vectors.former_floor`): the career change's halving every
    `experience_half_life_years` tends to this floor, not to 0, for a spell of the second of
    `former_spell_years` or more. A recruiter reads nine years of plumbing that ended ten years ago,
    then ten years in a warehouse, as a plumber, rusty: below a current one, far above a career
    changer and a gamer (outside tester 32: it weighed 0.18, below `held_spell_weight`, none of the
    plumber's essential skills showed, and the person read 0.5 on a plumber ad, below a gamer
    claiming four building trades' essential skills, 0.6; then 0.49 (0.57 since session 35), all 21 shown, 4.0 on the
    plumber ad in `tests/unit/matching/test_former_trade.py`'s pool, raw score 0.34 against the
    gamer's 0.19; thirteen years then six in a warehouse 0.70, 35.0). Chosen on the tester's
    inputs: at 0.5 the nine years read 0.39, 0.7 points, by a hair above the gamer. 0 before session
    33 (the change halved without floor)."""

    former_spell_years: tuple[float, float] = (5.0, 5.5)
    """(from, to) years of a spell: no floor up to the first, `former_spell_share` whole from the
    second, linear between. Five years is the usual "experienced" of Finnish ads (as
    `experience_tenure_years`): a trade of more than five years is the person's trade, whatever
    they did since; a shorter one left for another fades as before. (5, 10) before session 35:
    outside tester 35, F1, an early years teacher of 5.7 years (ended 2023, all 27 essential skills
    held) kept a floor of 0.1 and weighed 0.59 after 3.5 years as a healthcare assistant (28.8 / 100 on
    a text-only daycare-teacher ad with `vectors.calendar_shares`, below a claims-only profile holding
    5 of the 27, 34.6); now 0.81 (60.4; `tests/unit/matching/test_career_change_f1.py`). Chosen on
    the tester's input: the ranking benchmark cannot choose the upper end, its history-only family's
    earlier jobs being 0.5-5 years (tuning half, seed 1101, 5,000 candidates, 60 vacancies: no cell
    moved; docs/benchmarks.md, session 35), and (4, 5) or (2, 5), which reach them, cost
    history-only 0.004-0.021 NDCG@10. Session 33's measurement: tuning half (seed 1101, 20,000
    candidates, 100 vacancies, history-only family, whose people have 0-2 earlier jobs of 0.5-5
    years before their current one; docs/benchmarks.md, session 33): a floor from 0 years, linear to
    10 (share 0.75), cost history-only sparse / text -0.0024 / -0.0024 NDCG@10 (about 1.4 paired
    s.e.; 0.5: text -0.0024), since the earlier jobs, graded 0 or 1, then outweighed a current job
    of the vacancy's sub-major group."""

    change_of_job_keeps_years: bool = True
    """At a change of job whose new job began before the old one ended, the old spell keeps the years
    they share and the career change counts them as later work in the new trade
    (`vectors.calendar_shares`); False: the new job takes them whole (`vectors.overlap_shares`, before
    session 35), and the earlier the new job ended, the more it took (outside tester 35, F1: an ended
    later job read 0.9 / 100, the same job still going on 24.1). Tuning half (seed 1101, 5,000
    candidates, 60 vacancies; docs/benchmarks.md, session 35): history-only occupation / skills /
    sparse / text -0.0011 ± 0.0009 / +0.0024 ± 0.0019 / +0.0020 ± 0.0014 / -0.0025 ± 0.0012 NDCG@10
    (the family's earlier jobs overlapping the current one are graded by the current job alone),
    every other family unchanged: the lead's call."""

    nested_spell_years: tuple[float, float] | None = (5.0, 5.5)
    """(from, to) years of a spell within a longer later job (the only other spell of those years, begun
    no later and ending later): what it keeps of the years they share (`vectors.calendar_shares`). As
    work beside that job, not a career change: none up to the first, all from the second, linear
    between (a trade of more than five years, as `former_spell_years`: a cleaner's evening job beside
    teaching is real). What a shorter one does not keep: its own again, as a change of job (the
    career change counts them as later work in the other trade), when the outer job has ended, and
    the outer job's while it goes on (a claimed spell inside what the person does now). So an
    ended later job never weighs an earlier spell below the same job still going on, at any length
    (before, with `overlap_shares`' calendar, a teacher of 5.7 years inside eight years as a
    healthcare assistant ended last year weighed 0, with the same eight years going on 0.75: 0 and
    52.6 / 100 on a daycare-teacher ad, now 0.85 and 62.0; `tests/unit/matching/test_nested_spells35.py`).
    None: `overlap_shares` for such spells, session 35's calendar before this rule. Tuning half (seed
    1101, 20,000 candidates, 100 vacancies, history-only and two-occupations; docs/benchmarks.md,
    session 35, `nested35`): history-only text -0.0011 ± 0.0011 NDCG@10 (one vacancy), skills /
    sparse +0.0004, every other cell unchanged per vacancy (the family's earlier jobs are at most five
    years, and one inside the current job keeps sharing as before)."""

    trade_continuity: tuple[float, float] | None = (0.25, 0.75)
    """(lo, hi): how far later work continues the trade of an earlier spell rather than changing career
    (`vectors.continued_years`): the specificity-weighted share c of the earlier occupation's
    essential skills the later one's ESCO profile lists (`SkillSpace.trade_continuity`) read as
    (c - lo) / (hi - lo), clipped to [0, 1]. Continued years neither age the spell nor count as a
    career change. Outside tester 32: a plumber of 13 years, then a plumbing supervisor for six,
    read 13.2 on a plumber ad with all 21 essential skills held: the supervisor's ISCO group, 3123,
    is not the plumber's, 7126, and the six years halved the plumbing's weight twice over (0.37, now
    1.0). On real ESCO c is 0.84 plumber -> plumbing supervisor, 0.86 cook -> chef, 0.78 / 0.83
    carpenter / bricklayer -> their supervisors, 0.75 hairdresser -> barber (continued whole), 0.65
    cook -> kitchen assistant (0.8), 0.50 cook -> head chef (0.5), 0.32 plumber -> carpenter, 0.33
    bus driver -> taxi driver, 0.34 welder -> welding coordinator (0.14-0.18: a change of trade
    sharing construction- or driving-generic skills), 0.17 electrician -> electrical engineer and 0
    plumber -> warehouse worker (0). None turns it off (before session 33)."""

    trade_closeness: tuple[float, float] | None = (0.35, 0.55)
    """(lo, hi): how far later work in a trade close to an earlier spell's is no career change away from
    it (`vectors.close_years`): `SkillSpace.trade_closeness`, the larger share c of either
    occupation's specificity-weighted essential skills the other's ESCO profile lists, read as
    (c - lo) / (hi - lo), clipped to [0, 1]; that share of the later years not continued
    (`trade_continuity`) is taken out of the career change's halving (`vectors.experience_weight`),
    while the spell still ages by them (it is not the trade continued). None turns it off."""

    experience_tenure_years: float = 5.0
    """Years in an occupation after which the experience part of the score
    (`experience_match_weight`, `vectors.experience_tenure`) counts fully: length x recency, with
    length years / this capped at 1. A recruiter reads two years and six years apart (outside
    tester 21, Q5), five and ten hardly: five years is the usual "experienced" in Finnish job ads
    ("vähintään 5 vuoden kokemus")."""

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
    occupation_weight: float = 0.6
    """Share of the score from occupation agreement: the chance, by the candidate's inferred
    occupations and unit groups (`occupations.OccupationModel`, top `inferred_occupations` and
    `inferred_unit_groups` kept in the index), that the candidate is of the vacancy's occupation
    (given, or inferred from its skills and title), at the levels of `occupation_level_weights`.
    Tuning sweep (tuning half, 2026-11-30): mean NDCG@10 over IDF-cosine +0.213 at 0.35, +0.232
    at 0.5, +0.237 at 0.65. 0.6 since 2026-12-01 (with similarity 0.3 and the Bayes level weights
    below), chosen on the tuning half (seed 1101, 20,000 candidates, 200 vacancies per variant,
    all 27 family x vacancy cells, `benchmarks.ranking_quality` with extra engine rankers): against
    the previous 0.5 / 0.4 / (4, 2, 0.5, 1), both with 2 unit groups, -0.0005 ... +0.018 NDCG@10 per
    cell (occupation-only -0.0005 ... +0.0034, title and text +0.0001 ... +0.018); 0.6 with the old
    level weights measured the same within 0.002; 0.7 with similarity 0.2 gained a little more on
    text (+0.012 on partial-25) and nothing on occupation-only, so 0.6 stays."""

    occupation_level_weights: tuple[float, float, float, float] = (4.0, 1.75, 0.25, 1.0)
    """Relative weight of agreeing on the same ESCO occupation, the same ISCO-08 unit group,
    minor group and sub-major group (normalised to sum 1; the levels nest, so a candidate of
    the vacancy's very occupation earns all four). (4, 2, 0, 1) is the expected gain a recruiter
    who grades a candidate 3 (same occupation), 2 (same unit group), 1 (same sub-major group)
    gets with gains 2^grade - 1, the grades and gains of NDCG in docs/benchmarks.md: 7 P(same
    occupation) + 3 P(unit only) + 1 P(sub-major only) = 4 P(occupation) + 2 P(unit) + 1
    P(sub-major); ranking by expected gain under a calibrated posterior maximises expected
    DCG. Before 2026-12-01 (4, 2, 0.5, 1); same occupation only, (1, 0, 0, 0), lost 0.04
    NDCG@10 on the tuning half. (4, 1.75, 0.25, 1) since session 29 (outside tester 29, F5; issue
    11: "same occupation > same ISCO unit group > same minor group"): the minor group graded
    (1.25/7 against the sub-major group's 1/7: a sheet metal worker, 7213, above a CNC operator,
    7223, on a welder's ad, 7212) while the occupation (1) and the unit group (3/7) earn what they
    did; kept below a spell of the vacancy's very occupation down-weighted by a career change (a
    building cleaner of 8 years ended 2015, 0.196, above a domestic cleaner of the same minor
    group: outside tester 29, F2; 1.5/7 = 0.214 put it below). docs/benchmarks.md, session 29."""

    occupation_lineage_share: float = 0.9
    """The share of the same-occupation level of `occupation_level_weights` an occupation earns that
    ESCO places broader or narrower than the vacancy's (transitively, within its ISCO-08 unit
    group: `Taxonomy.occupation_lineage`, ESCO's `broaderRelationsOccPillar.csv`), on top of the
    unit group's levels: (3 + 4 x this) / 7 = 0.943, between the unit group's 3/7 and the
    occupation's own 1 (`query.lineage_target`; only for a vacancy of that occupation surely,
    `occupation_lineage_sure`). A narrower occupation is a specialisation of the same job (a
    building electrician, rakennussähköasentaja, is an electrician, sähköasentaja): a recruiter puts
    them straight after the vacancy's own occupation's holders (outside tester 30, T30-1: a building
    electrician of 8 current years read 22.0 on an electrician's ad, below profiles of 3-4
    electrician claims and no history, 61.8-63.4). In the expected gain the level weights stand
    for (7 same occupation, 3 same unit group), this is the chance a recruiter grades the relative
    as the same occupation. Chosen on the tester's candidates (tests/unit/matching/
    test_narrower_occupation.py, named electrician ad): 0.5 (0.714) left the building electrician at
    54.2 below the claims-only profiles read as electricians (62.1), 0.75 (0.857) 1.8 points above
    them and below a graduate of 10 claims (68.4), 0.9 puts it at 73.0, above every profile that is
    not an electrician by work history, 23.6 points below an electrician of the same years and
    claims (96.6). Above `band_full` (4/7), so the band of other
    occupations (`scoring.band_order`) leaves them whole, as the vacancy's own. Siblings (two
    narrower occupations of one broader) are not joined: the unit group's 3/7. The benchmark's
    labels grade a relative 2 (same unit group): docs/benchmarks.md, session 30. 0 turns it off
    (the unit group's 3/7, before session 30)."""

    occupation_narrower_share: float = 0.95
    """`occupation_lineage_share` for work history in an occupation ESCO places *narrower* than the
    vacancy's (a specialisation of the job: a barber on a hairdresser's ad, a building electrician
    on an electrician's; `query.history_agreement`, `Taxonomy.occupation_narrower`); broader ones
    keep `occupation_lineage_share`: (3 + 4 x 0.95) / 7 = 0.971. Outside tester 32: a barber of
    eight current years holding 11 of a hairdresser's 17 essential skills read 65.0 on a hairdresser
    ad, below a claims-only graduate (73.3) whose claims the inference reads as the hairdresser at
    1.0; years in a specialisation of the trade weigh at least as much as claims of it (in
    `tests/unit/matching/test_former_trade.py`'s pool the barber now reads 74.3, above graduates
    claiming 11 of the 17, 70.1, and 13, 74.1). Tuning half (seed 1101, 20,000 candidates, 100 vacancies; docs/benchmarks.md,
    session 33): at 1 (the occupation's own) history-only occupation -0.0016 +- 0.0013 NDCG@10
    (current holders of a narrower occupation, graded 2, tied the vacancy's own), at 0.95 every
    history-only and two-occupations cell within its paired s.e. 0: `occupation_lineage_share` for
    both directions (before session 33)."""

    inferred_lineage_share: float = 0.0
    """`occupation_lineage_share` for the inferred occupations (`query.occupation_agreement`): an
    inferred occupation ESCO places broader or narrower than the vacancy's earns this share of the
    occupation level on top of the unit group's, by its probability. Outside tester 31, F2: a cook
    graduate claiming 12 of the cook's 16 essential skills, no history, read grill cook 0.68 (ESCO's
    grill cook asks for the cook's essential skills less one), cook 0.16, and 47.7 on a text-only
    cook ad, below "of it, holding none"; the same share as a spell's (a claims-only reading of a
    relative is as close to the same occupation as years in it); at 0.9 it reads 63.5. **Off (0)
    by default**: at 0.9 the tuning half's guard fails (team-1 / team-2 occupation -0.017 / -0.013
    NDCG@10, every claims-only family's occupation and text cells -0.001 to -0.016, ECE occupation
    0.86 -> 3.88 points: the benchmark grades a relative 2, and claims-only readings of ESCO's
    narrower occupations, whose profiles are near-subsets of the broader's, are common among true
    holders; docs/benchmarks.md, session 32). The lead's decision. 0: the unit group's 3/7 for them,
    the work history keeping `occupation_lineage_share`."""

    occupation_lineage_sure: float = 0.9
    """`occupation_lineage_share` applies to the vacancy's occupation named by the employer (1) or
    read at least this probable from a title and text alone, not to a target distribution spread
    over several occupations, nor to a vacancy that lists skills of its own without naming an
    occupation (`query.lineage_target`'s `related`): the occupation read from listed skills is their
    summary, and its ESCO relatives differ in exactly such skills (their profiles share most of
    the rest), so there the skills tell them apart, at the unit group's 3/7. Tuning half, session
    30, at share 0.9 against none: applied to every target, history-only skills / sparse -0.023 /
    -0.017 NDCG@10 and two-occupations -0.026 / -0.028 (spread targets nearly equalise an
    occupation and its relatives); to targets at least 0.9 probable, history-only skills still
    -0.0070 +/- 0.0058; as now: docs/benchmarks.md, session 30."""

    history_agreement_scale: float = 1.0
    """Work history counts in the occupation agreement directly, besides its evidence for the
    inferred occupations: agreement = max(inferred agreement, min(1, this x identity
    weight of a spell) x the spell's occupation's agreement at the occupation and unit-group
    levels (`query.history_agreement`)), best spell. A recruiter reads several recent years in an
    occupation as being of it, whatever else the person can do; the inferred posterior alone
    spread a single spell's evidence over ESCO's 3,000 occupations (3 years as a welder until last
    year: posterior 0.35; a warehouse worker claiming welding skills: inferred welder; outside
    tester 7, H2/H14). 0 turns it off (the score before 2026-12-01 evening)."""

    inferred_occupations: int = 3
    """Inferred occupations kept per candidate (with probabilities quantised to 1/255): the top
    three hold 0.94-1.00 of the cases where the true occupation is among the top four."""

    occupation_absence: tuple[float, float] = (0.25, 0.03)
    """Evidence, in nats per skill, of the essential / optional skills of an occupation's ESCO
    profile that a candidate claiming skills does not claim (`occupations.OccupationModel`'s
    `absence`): separates an occupation from its unit-group siblings when the claims fit both
    (the engine put a sibling of the same ISCO unit group above the vacancy's own occupation;
    helper `rank`, session 21: a generic Bayes ranker's whole edge over the engine was this
    evidence). The multinomial's size principle (1 / |E_o| per claimed skill) already counts
    part of it, so the best value is well below a Bernoulli model's -log(1 - keep) (0.69 at
    keep 0.5). Tuning half (seed 1101, 20,000 candidates, 200 vacancies per variant, the
    engine at each value on the same data, paired against (0, 0)), indep-2 occupation /
    skills / sparse / text: (0.15, 0.02) +0.0026 / +0.0028 / +0.0017 / +0.0029, **(0.25, 0.03)
    +0.0030 ± 0.0012 / +0.0031 ± 0.0012 / +0.0032 ± 0.0012 / +0.0027 ± 0.0015**, (0.35, 0.05)
    +0.0029 / +0.0033 / +0.0038 / +0.0025, (0.5, 0.05) +0.0027 / +0.0008 / +0.0019 / +0.0024,
    (0.35, 0) +0.0014 / +0.0027 / +0.0011 / +0.0012, (0.7, 0.1) +0.0006 / −0.0010 / −0.0034 /
    −0.0001, (1.2, 0.1) −0.0100 / −0.0167 / −0.0186 / −0.0075. At (0.25, 0.03) the other
    families move by −0.0010 … +0.0067 (team-1 occupation +0.0063 ± 0.0020, two-occupations
    skills +0.0057 ± 0.0015, partial-50 occupation +0.0013 ± 0.0008; docs/benchmarks.md,
    session 22). It costs the index's occupation inference about a quarter more CPU (0.97 ->
    1.21 CPU-s per 60,000 people), nothing per profile and nothing per query.
    (0, 0): only the skills present count (before session 22)."""

    occupation_history_anchor: float = 1.0
    """How many claims a spell of work history at identity weight 1 stands for, per skill of its
    occupation's ESCO profile (`occupations.OccupationModel`'s `anchor`; 0: off). A person with
    claims and work history is read as a mixture: each spell's share (its weight x its profile's
    size x this, against the claims' total evidence) goes to the spell's own occupation, the
    claims' share (the claims no spell's occupation lists) to what the claims alone say. Outside
    tester 30, T30-2: an electrical engineer of eight current years claiming five of an
    electrician's essential skills read electrician 0.91 (58.9 on an electrician ad); T30-3: six
    concurrent current jobs and two electrician claims read 0.61 electrician, above a real former
    electrician. Outside tester 31, F3: the spell's share went to the joint posterior within its
    unit and minor group, and two or three claims renamed the history as a sibling never held
    (a truck driver of ten years with three bus claims read trolley bus driver 0.44).

    What it costs (session 40, helper `hist40`; docs/benchmarks.md): a spell stands for its whole
    profile, essential and optional (an electrical engineer's 252 skills, a warehouse worker's 64),
    so claims of much of another trade keep about a fifth of the person: on the ranking benchmark's
    two-occupations family (tuning half, seed 1101, 20,000 candidates, 200 vacancies; `python -m
    benchmarks.ranking_current_job --tune --rankers "engine;anchor 0.5;anchor 0.25;anchor 0"`) the
    people labelled V who work now in an unrelated B (40 % of V's essential skills claimed) read V
    0.19 (median), below a sibling worker's 3/7 by work history: 0.08 of an occupation vacancy's top
    10, against 0.96 at 0, where the unit group's relatives fall from 0.48 to 0.26 (occupation NDCG@10
    label / label or current job +0.059 / +0.009, paired). At 0.5 +0.002 to +0.005 in all four
    variants under both readings (2.5-3.9 paired s.e.; 0.18 and 0.40 of the top 10), at 0.25 +0.004
    to +0.008; but every value below 1 tried breaks an outside tester's promise: 0.5 tester 31's F5
    (`test_band_share_order.py`: four bus claims beside a forklift operator's spell buy enough bus
    driver to rank above a taxi driver holding twice the essential skills, 0.096 against 0.076), 0.25
    F3 as well (`test_history_names_itself.py`: the cleaner's spell reads 0.761, below 0.8), 0 T30-2.
    So it stays 1; ranking such a person above a sibling trade's worker would need a reading of the
    claims beside the history apart from this mixture
    (`tests/unit/matching/test_retrained_against_sibling40.py`, a strict expected failure)."""

    held_spell_weight: float = 0.2
    """A skill only the work history shows is shown as held (`matched_essential`, `evidence`,
    `essential_held`) when it is essential to the occupation of a spell weighing at least this
    (`CompactCandidate.occupation_weights`: identity weight x share of the calendar). The score
    already reads the history's skills by the spell's weight; the display counted any spell whole:
    six concurrent current jobs, a sixth each, showed 19 of an electrician ad's 21 essential skills
    "from work history" (outside tester 30, T30-3). A fifth: six concurrent jobs do not show their
    skills, five (a fifth each) do, as do a spell that ended 20 years ago (about a half) and outside
    tester 29's former building cleaner (eight years ended 2015, then nine in a kitchen: 0.20,
    `tests/unit/matching/test_other_occupation_order.py`); 0 shows every spell's (before session 31)."""

    occupation_several: tuple[float, float] = (2.0, -100.0)
    """(lambda, log prior) of the occupation inference's "no single occupation" alternative
    (`occupations.OccupationModel`'s `several`): whether one occupation explains a person's claims
    at all. A person of an occupation makes about lambda claims outside its ESCO profile (more
    cost log Gamma(n + 1) - n log lambda beyond lambda: the breadth term), and claims drawn from
    the general skill distribution have prior odds e^prior; the alternative's share is taken
    from every occupation alike, so which occupation a person fits is as before. Outside tester
    29, F3: a coach's profile claiming all 187 essential and optional skills of cook, building
    cleaner and welder, no work history, read welder 1.0 (91.4 on a welder ad); now it keeps no
    occupation, while a person claiming one whole profile keeps it (cook 1.0). Chosen on the
    tuning half (seed 1101, 1,500 generated candidates per family, the inference alone: mean
    posterior of the true occupation, 2026-12-05): at (2, -100) every family as off to three
    places (partial-25 0.844, substituted 0.863, random-noise 0.925, two-occupations 0.794,
    indep-2 0.872, team-1 0.813, team-2 0.631), the three-trade profile welder 0.000 (off 1.000;
    at (2, -150) 0.943: about 50 nats to spare); (3, -60) team-2 0.623, (3, -100) the
    three-trade profile 0.001 (too close). Applying the breadth term to each occupation's
    posterior too (not only to the alternative's share) cost the team-2 family 0.003-0.004
    NDCG@10 in all four variants (beyond the paired s.e.: it reorders a noisy person's
    occupations towards larger profiles). A profile claiming two whole trades (cook and welder,
    about 120 skills) still reads as the one with more skills (welder): its other trade's
    skills are too few for the breadth. (0, ...) turns it off (before session 29)."""

    occupation_pair: float | None = -4.0
    """Log prior odds (nats) of the inference's second "no single occupation" alternative, a copy of
    two occupations' profiles (`occupations.OccupationModel`'s `pair`; None: off). The first is
    the person's best single occupation, claimed whole or in part (a graduate claims a whole
    trade); the second is read from the claims outside its profile: copied (each of its own
    essential skills, or of its whole profile, claimed with chance 0.95) against learnt (0.4).
    Outside tester 31, F1: every skill of cook + child care worker + bus driver (109 claims, no
    work history) read cook 1.0 (91.3 on a cook ad), cook + bus driver (85) cook 1.0 (92.9), the
    three trades' essential skills (56) bus driver 1.0 (69.2 on a bus ad, above a trolley-bus
    driver): the breadth term of `occupation_several` fires only when the claims outside the
    largest profile are very many. Log odds at 0 (the tuning half, seed 1101, 1,500 generated
    candidates per family, 2026-12-05): those three +30.3 / +30.3 / +13.8, cook's and child care
    worker's essential skills (24) +6.1; the two-occupations family (40 % of one occupation's
    essential skills, 25 % of another's) at most +0.1, every other family below -19 or not
    scored. At -4 the three gamers keep no occupation, the two trades' essentials keep 0.11 of
    theirs; the two-occupations family's largest share 0.02."""

    inferred_unit_groups: int = 2
    """ISCO-08 unit groups kept per candidate besides the occupations, each with the posterior
    mass of all its occupations; the unit, minor and sub-major levels of the agreement come from
    them (the occupation level from `inferred_occupations`). ESCO lists families of nearly
    identical occupations in one unit group (twenty "import export specialist in ..." trades,
    "technical sales representative in ..."): a candidate whose skills fit the whole family has
    about 1/20 on each, and the top three occupations alone held three twentieths of what is
    nearly all unit-group mass, so such a candidate ranked below one of a neighbouring unit
    group. Tuning half, seed 1101, 20,000 candidates, 200 vacancies per variant, the engine with 2
    unit groups against none (the same weights otherwise): occupation-only NDCG@10 +0.0027 ±
    0.0010 (partial-25), +0.0009 ± 0.0005 (partial-50), +0.0015 ± 0.0009 (indep-1), all 27 cells
    -0.0019 ... +0.0028; offline, 1 unit group gains about half of that, and 3 or all of them (no
    truncation) no more than 2. Memory: 2 x (int16 + uint8) and 2 postings per candidate, 409 ->
    425 B/profile at 1,000,000 profiles. 0 keeps every level on the inferred occupations (the
    score before 2026-12-01)."""

    vacancy_occupations: int = 10
    """A vacancy without an occupation keeps its ten most likely inferred occupations."""

    vacancy_listed_epsilon: float = 1e-4
    """How the skills an employer chose are read when the vacancy's occupation is inferred
    (`occupations.OccupationModel`, `listed`): as a sample of the occupation's ESCO profile, a
    skill chosen as essential has P(j | o) = (1 - eps) / |E_o| + eps for an occupation listing
    it as essential and eps otherwise (optional: the same over the optional profile), so an
    occupation that lists all of them explains them better the fewer skills it has (the size
    principle), and one that lists a skill chosen as essential only among its optional ones
    explains it no better than any other. Tuning half (seed 1101, 20,000 candidates, 200
    vacancies per variant, paired against 0; docs/benchmarks.md, session 25): skills / sparse
    vacancies gain in all 22 cells, e.g. partial-75 +0.0018 ± 0.0013 / +0.0010 ± 0.0016,
    partial-25 +0.012 / +0.007, indep-2 +0.004 / +0.010; 1e-5 the same within 0.003, 1e-3 less
    (partial-75 skills +0.0006). Occupation-only and text vacancies are not read this way (no
    chosen skills). 0: they are read like a jobseeker's claims (the mixture learnt on people's
    profiles, before session 25)."""

    title_weight: float = 1.0
    """An occupation the job title names exactly (ESCO label in en/fi/sv) counts like a current
    job of this weight when inferring the vacancy's occupation (without it, text-only vacancies
    lost 0.02-0.04 NDCG@10 on the tuning half)."""

    title_floor: float = 0.001
    """The job title's occupations are also the prior that a vacancy's skills weigh against
    (`occupations.vacancy_target`): any other occupation's posterior is multiplied by this, the
    title's by their confidence, so skills override the title only when they make another
    occupation 1000 times as likely (naive-Bayes skill evidence is that overconfident: one
    confirmed "perform cleaning duties" made the aircraft groomer 33 times as likely as the
    building cleaner of a "Laitoshuoltaja" ad, three cleaning skills a domestic cleaner more than
    100 times). 1 turns it off (before 2026-12-02: a confirmed cleaning skill turned a cleaner's
    ad into an aircraft groomer's; outside tester, session 13, P2). Title set, tuning half
    (`python -m benchmarks.title_occupations --tune`), dense reader: occupation 26/31 at 1,
    28/31 at 0.01, 29/31 at 0.001; ISCO unit group 39/40 throughout."""

    title_skill_correlation: float = 0.3
    """How far a vacancy's skills are one piece of evidence rather than many when they weigh
    against its title's occupations (`occupations.vacancy_target`): n skills (the sum of their
    weights) count as n / (1 + rho (n - 1)) independent ones, at most 1 / rho. They were mostly
    read from the title and the text about it or confirmed from those suggestions, and
    naive-Bayes evidence counts each as independent: three confirmed cleaning skills that ESCO
    lists for the train cleaner and not for the building cleaner made a "Laitoshuoltaja" ad a
    train cleaner's at 0.997 (session 13 outside tester, P2; 42 of the 120 ways of confirming
    three of that ad's ten suggestions, none at 0.25 or more; title only, 2 of 4 ways, none at
    0.3). At 0.3 a "Kokki" ad with ten confirmed welding skills is still a welder's (0.65; at
    0.35 a cook's 0.76, at 0.5 whatever the skills). Title set, tuning half, dense reader: unit
    39/40 -> 40/40, occupation 29/31 -> 30/31 at 0.25-1. 0: independent (before 2026-12-02
    evening)."""

    similarity_weight: float = 0.3
    """Share of the score from the cosine similarity of the IDF-weighted skill vectors, the
    vacancy's own skills only: related skills never enter the query vector or its norm, so they
    cannot dilute exact matches (they did: the issue measured NDCG@10 falling with them).
    0.4 before 2026-12-01 (see `occupation_weight`)."""

    outside_skill_weight: float = 1.0
    """Weight of a candidate's skills outside the vacancy's (other trades, and related skills) in
    the skill similarity (`scoring.similarity`: their squared IDF-weighted norm b^2 counts times
    this; the stage-1 bound, `kernels.similarity_bound_of`, takes the same weight). 1 counts them
    whole, as a cosine does. Measured on the tuning half (session 18, 2026-12-03, seed 1101,
    20,000 candidates, 100 vacancies per variant; docs/benchmarks.md): at 0.03 every complete
    candidate with 5-10 skills of other trades ranks above everyone holding three quarters of the
    essential skills or fewer (issue 11, item 4: at 1 a bus driver of eight years with ten noted
    skills of other trades scores 0.721, below 8 / 32 essential skills claimed and nothing else,
    0.735; `tests/unit/matching/test_complete_candidate.py`), and the partial, substituted,
    random-noise and indep-1 families move by at most 0.006 NDCG@10, but two-occupations loses
    0.076 (occupation) and 0.067 (skills): a career changer's claims of a second trade are what
    tells them from a candidate of that trade, and the outside part carried it. So it stays 1.
    Session 40 (`outside40`, 2026-12-06, tuning half, seed 1101, 20,000 candidates, 200 vacancies per
    variant, paired against 1; docs/benchmarks.md): two-occupations under the recruiter's reading
    (label or current job) falls in no cell at 0.3 / 0.1 / 0.03 and gains on occupation (+0.003 /
    +0.005 / +0.007, beyond 2 s.e. below 0.3); under the label its occupation cell falls -0.015 /
    -0.025 / -0.032 and text -0.010 / -0.017 / -0.019 (beyond s.e.); history-only text -0.007 +-
    0.003 at 0.1, partial-25 sparse -0.003 +- 0.002 at each value; the installed match scales read the lower weights' scores high (two-occupations
    ECE 13.5 -> 18.6 / 22.0 / 24.8 points). 0.03 passes every recruiter expectation of this weight
    (the tests above, F2 and H1), 0.1 all but the bus driver's and H1. Not measured: the families
    without work history, the speed at 1,000,000 profiles (the stage-1 bound reads this weight)."""

    trade_claim_units: float = 0.3
    """phi: a claim outside the vacancy's skills V that the candidate's own work history is evidence
    of, a skill of a spell's occupation or of another occupation of its ISCO-08 unit group (essential
    or optional; `vectors.trade_profiles`), counts in the skill similarity's outside part times phi
    beside that history, in the history's units (a claim of 1 as a full-weight spell holds each
    essential skill at `experience_essential_weight`): b'^2 = b^2 - sum over such claims of
    idf^2 c ((1 - phi^2) c + 2 (1 - phi) h), h what the row's spells give the skill
    (`scoring.exact_scores`). A claim of another trade, not in the profile of any unit group the
    person worked in, still counts whole, so a career changer working in B with claims of their
    first trade A is not read as B's own person on B's vacancies (what cost the two-occupations
    family -0.023 to -0.031 NDCG@10 when every claim was discounted, session 35, `outside35`). Both
    promises hold: a claim inside V is untouched, an outside claim still adds (phi c + h)^2 - h^2 >
    0 to b^2. Each row's fall over all its claims of its own trade is stored at index time
    (`Segment.trade_fall`, 8 B a profile while phi < 1): the exact score takes the claims inside V
    back out of it, and stage 1 bounds the outside part by b^2 less the row's fall (with
    `other_trades_outside` on, its stage-1 copy also holds that rule's most: `Segment.geo_trade_fall`)
    or phi^2 psi^2 b^2, if larger, so a row without such claims and of one occupation keeps its
    bound (`kernels.similarity_bound_of`). 1: off. 0.3
    (session 36, helper `f2on36`, on the tuning half, seed 1101, 20,000 candidates, 100 vacancies per
    variant): two-occupations skills / sparse +0.050 / +0.048 NDCG@10, occupation -0.003 +- 0.003
    paired, every other cell identical per vacancy; at 0.2 occupation fell beyond its paired s.e., at
    0.5 the gains were +0.036 / +0.032; at 1,000,000 profiles CPU per shortlist x 1.04, 443 B a
    profile (docs/benchmarks.md). Outside tester 34, F2's nurse is not
    reached by it: *use electronic health records management system* is in no profile of ISCO 5321
    (healthcare assistant, nurse assistant) nor of minor group 532, only of 3252, 3259, 3344 and
    4226 (real ESCO; docs/benchmarks.md, session 35, helper `f2rule35`)."""

    other_trades_outside: float = 0.1
    """psi: how much the implied skills of a person's other trades count in the skill similarity's
    outside part beside the spell that is the evidence of the vacancy's trade. Of a row with two or
    more work-history occupations, the spell s whose implied skills reach furthest into the vacancy
    (the largest weight x q^ . idf x its skills at the vacancy's own skills V) keeps its whole
    vector; every other spell o's implied skills outside V count times max(psi, min(1, (t_o /
    t_s)^`other_trades_power`)), t its length x recency (`vectors.experience_tenure`, saturating
    at five years): a short or old other trade beside a long one in the vacancy's trade does not
    dilute the evidence that the person meets it, while a trade as long and as recent as s's still
    counts whole
    (`vectors.other_trades_fall`). Claims, the part inside V and rows of one occupation are
    untouched, so the similarity only rises. Beside `trade_claim_units` (phi) the fall is computed
    on the vector with the row's own trade's claims already at phi, so together the outside part is
    exactly the sum over skills j outside V of idf_j^2 (phi_j c_j + a_j)^2 (phi_j phi for a claim
    of the row's trade, else 1; a_j the history with the other trades at their share), not less
    where a claim and another trade meet on one skill (session 36, helper `compose36`). Outside
    tester 35, F1: an early years teacher of 5.7 years holding 27 of 27 essential skills of a
    daycare-teacher ad read 92.7, with a later year as a healthcare assistant 64.1 (similarity
    0.300 -> 0.213 of its 0.3: the assistant's profile, implied by the year, outside the vacancy).
    Stage 1 bounds the outside part by b^2 less the row's stored most fall under both rules for
    any vacancy (`Segment.geo_trade_fall`, `vectors.other_trades_bound_falls`: other spells at
    max(psi, (t_o / t_max)^power), t_max the row's longest; no extra bytes, it replaces the trade
    rule's stage-1 copy) or `outside_skill_weight` x phi^2 x psi^2 of it, whichever is larger
    (`query.outside_bound_weight`: every coordinate keeps at least phi psi of itself). 0.1 (with
    `other_trades_power` 2, as measured): the teacher reads 86.7;
    on the tuning half (seed 1101, 20,000 candidates, 100 vacancies) only history-only moves,
    occupation / skills / sparse / text +0.0002 / +0.0011 / -0.0061 / -0.0005 NDCG@10, each within
    its paired s.e. (docs/benchmarks.md, session 36, helper `later36`; again in session 37, beside
    `trade_claim_units` 0.3: 40 of 44 cells identical per vacancy, history-only unchanged). Off in
    session 36 (`compose36`: composed with `trade_claim_units` 0.3 its per-request numpy fall took
    the 1,000,000-profile CPU p99 per shortlist past issue 11's 10 ms); on since session 37
    (`outside37`): a request reads the fall in one compiled pass over each row's spells, tenures
    and claims (`kernels.compiled_other_trades_fall`, the numpy `vectors.other_trades_fall` where
    numba is off), about 5x cheaper (docs/benchmarks.md). 1: off, exactly the rule-off scores."""

    other_trades_power: float = 2.0
    """How steeply another trade's implied skills count less beside the vacancy's trade the shorter
    or older it is (`other_trades_outside`: (t_o / t_s)^this, t length x recency). Only read while
    `other_trades_outside` < 1."""

    confirmed_agreement_power: float = 8.0
    """A candidate holding the essential skills the employer confirmed agrees with a vacancy whose
    occupation was read from its job title as `confirmed_agreement_share` of its best-agreeing
    occupation, as far as they hold them: agreement = max(inferred, work history, share x A x
    c^this), A the agreement of a candidate certainly of the vacancy's best-agreeing occupation
    (`query.confirmed_agreement`), c the weighted share of the confirmed essential skills held, each
    min(1, strength / the lowest claimed level's weight): a claim at any level holds a skill, work
    history (0.3 per essential skill of an occupation) 0.5 of it, related skills nothing
    (`scoring.exact_scores`). Outside tester 18, P1: an employer posted "Lähihoitaja, kotihoito" as
    text, confirmed seven essential skills, and a candidate claiming all seven without work history
    read 58 at rank 36, below candidates of the title's occupation by work history holding two of
    them: their skills infer home care aide, which agrees with the title's healthcare assistant only
    at the unit-group level (3/7). The employer's confirmed skills are the vacancy as posted; an
    occupation read from a title is weaker evidence than one the employer chose. The power keeps it
    to near-complete holders (6 / 7: 0.29, 5 / 7: 0.07 of it), so partial matches keep their
    occupation-based order (tuning half, 100 vacancies, 4 vs 8: within 0.001 of each other). 0
    turns it off (before session 19). Not for a vacancy naming its occupation (the employer chose
    it) nor, by default, for one without a title's occupation (`confirmed_agreement_titled`).
    Measured (session 19, 2026-12-03, tuning half, seed 1101, 20,000 candidates, 100 vacancies per
    variant; `benchmarks.ranking_quality`'s families with the skills and sparse variants' skills
    confirmed under the text variant's job title, which no variant of the benchmark has: the
    title names the occupation two times in three; docs/benchmarks.md): see
    `confirmed_agreement_share`. The benchmark's own 48 cells do not change (no variant has both a
    title read as an occupation and confirmed skills)."""

    confirmed_agreement_share: float = 0.75
    """The confirmed skills' agreement at full holding as a share of the agreement of the vacancy's
    best-agreeing occupation (`query.confirmed_agreement`). Titled skills / titled sparse vacancies
    (see above), paired NDCG@10 against off: 1.0 costs partial-50 -0.005 / -0.027 and partial-75
    -0.038 / -0.083 (a complete holder of another occupation that shares the skills ranks with the
    title's own people; the benchmark grades by occupation), 0.85 -0.001 / -0.009 and -0.010 /
    -0.013, 0.75 -0.0004 / -0.0008 and -0.0007 / -0.0036 (each within its paired s.e.), 0.6 +0.0000
    / +0.0001 and -0.0001 / +0.0018. 0.75: the smallest of them that ranks the tester's complete
    holder first (94.1, above the title's occupation's people by work history holding four of the
    seven, 92.5; at 0.6 fifth, 73.0). In score terms: 0.75 x 0.6 = 0.45 of occupation part, between
    another occupation of the title's unit group (3/7 x 0.6 = 0.26) and the title's own (0.6)."""

    confirmed_agreement_min_skills: int = 6
    """`confirmed_agreement_power` needs at least this many confirmed essential skills: a handful
    is weak evidence of fitting an occupation (three or four skills are shared by many). Titled
    sparse vacancies (3-5 confirmed, see `confirmed_agreement_share`) lost 0.002-0.008 NDCG@10 with
    it at 0.75 (partial-25 -0.0021 ± 0.0013, substituted -0.0057 ± 0.0030, random-noise -0.0084 ±
    0.0050, each within the cell's s.e. but all below 0), titled skills vacancies (5-10) within
    0.0007 of off; tester 18's employer confirmed seven. 6: more than `query.FEW_SKILLS`."""

    confirmed_agreement_titled: bool = True
    """`confirmed_agreement_power` applies only when the vacancy's occupation was read from its job
    title (True), or to every vacancy without an occupation that has confirmed essential skills
    (False: then the occupation is inferred from those very skills). False measured on the tuning
    half (20,000 candidates, 200 vacancies per variant, share 1): skills / sparse variants
    partial-50 -0.004 / -0.014, partial-75 -0.018 / -0.009 (the skills' own occupation inference
    already agrees with the candidates holding them; complete holders of other occupations gain)."""

    overlap_agreement: float = 0.3
    """The occupation agreement, in [0, 1], of a candidate holding every essential skill of the
    vacancy (by a claim at any level or by work history at full weight) whatever their occupation,
    times the share held to `overlap_agreement_power`, added to the ISCO closeness by
    `scoring.band_order` for a vacancy with essential skills whose confirmed skills' agreement is
    not used (`confirmed_agreement_power`: a vacancy with one keeps that). How a recruiter ranks
    candidates of other occupations: the same unit group first, then the share of the vacancy's
    essential skills held, the minor and sub-major groups breaking its ties
    (`band_closeness_share`). Below the unit group's 3/7 (`scoring.band_order` never lifts anyone
    past it). Outside tester 27, T27-3: on a cook ad a chef (ISCO 3434, 12 of the cook's 16
    essential skills from ten years' work history) read below a kitchen assistant (9 of 16); outside
    tester 31, F4/F5: a waiter holding 2 of 16 (sub-major 51 like the cook) above that chef, a
    forklift operator holding 6 of a bus driver's 32 above a taxi driver holding 12. 0.125 x share^2,
    below the sub-major group's 1/7, from session 28 to 31; 0.3 x share since session 32
    (docs/benchmarks.md). 0 turns it off."""

    overlap_agreement_power: float = 1.0
    """The power of the share held in `overlap_agreement` (at least 1). 1 since session 32: the share
    is the key below the unit group and a linear share keeps a difference of a few essential skills
    held visible at low shares (2 from session 28 to 31, when the overlap only ordered trades the
    hierarchy does not join)."""

    band_share_decay: float = 5.0
    """`scoring.band_order`: the skill overlap's agreement (`overlap_agreement` x share^power) is
    *added* to the ISCO closeness r (the agreement as a share of the vacancy's best) times
    max(0, 1 - r / `band_full`)^this: whole for a candidate the hierarchy does not join (r = 0),
    0.24 of it at the same sub-major group (0.030 at most, below the 0.036 up to the minor group),
    nothing from `band_full` on (the vacancy's own occupation). So the share held orders
    candidates of one ISCO level and never lifts one past the next (outside tester 29, F1: CNC
    operators of equal agreement holding 5/36 ranked above ones holding 13/36; before, the
    overlap was only the larger of it and the closeness, and so hidden for anyone of a shared
    ISCO group). 0 restores that (the larger of the two)."""

    band_similarity: float = 0.05
    """`scoring.band_order`: the factor on the similarity, related-skill and coverage parts of a
    candidate whose closeness r is at most the same unit group's (3/7), rising linearly to 1 at
    `band_full`: within the band of other occupations the share of essential skills held decides
    before the skill similarity, which only breaks its ties (outside tester 29, F1/F2: a chef
    holding 12/16 of a cook's essential skills below kitchen assistants holding 9/16, a building
    cleaner of 8 years holding 22/22 below a domestic cleaner holding 8/22). 1 turns it off.
    Lowering only: stage 1's bounds hold as they are."""

    band_unit_mass: float = 0.5
    """`scoring.band_order`: the shrink of the similarity (`band_similarity`) applies whole only
    to candidates whose inferred occupations put no probability on the vacancy's ISCO unit group
    (`scoring.unit_mass`); it eases linearly to none at this much probability there.
    A candidate whose posterior is split, part of it on the vacancy's occupation, keeps the
    similarity that calibrates the 0-100 match (session 29: shrinking every row below the unit
    group's closeness moved ECE on the tuning half 1.03 -> 2.69 points). 0.1 from session 29 to
    31; 0.5 since session 32 (outside tester 31, F5: four bus claims gave a forklift operator 0.09
    bus driver and so 0.9 of the similarity, which outweighed a taxi driver's twice the essential
    skills held). 0: no such exception."""

    band_closeness_share: float = 0.1
    """`scoring.closeness_kept`: the share of its inferred agreement a candidate keeps, on a vacancy
    with essential skills, whose inferred closeness (the inferred occupations' agreement over the
    vacancy's best) is at most halfway between the minor group's level (1.25/7) and the unit
    group's (3/7), rising linearly to whole at the unit group's. Below the unit group an ISCO group
    is a weak proxy for "could do this job", and a little inferred probability on the vacancy's
    occupation is what a few claims buy: the share of the vacancy's essential skills held
    (`overlap_agreement`, by a claim or work history) decides, and the minor or sub-major group
    breaks its ties (outside tester 31, F4/F5: a waiter, sub-major 51, holding 2 of a cook's 16
    essential skills above a chef holding 12; a healthcare assistant, sub-major 53, holding 3 of a
    child care worker's 8 above an early years teacher holding 4; a forklift operator with four bus
    claims, 6 of 32, above a taxi driver holding 12). Work history's own agreement (a spell of the
    vacancy's occupation or unit group, `history_agreement`) is kept whole. 1 turns it off (the
    sub-major group a band of its own above every unrelated trade, before session 32)."""

    band_full: float = 4.0 / 7.0
    """`scoring.band_order`: the closeness (share of the vacancy's best agreement) from which the
    share held adds nothing and the similarity counts whole (above the unit group's 3/7: candidates of the vacancy's occupation,
    or whose posterior gives it at least about a quarter)."""

    related_weight: float = 0.079
    """Share of the score from related-skill credit, kept apart from the similarity: the share of
    the vacancy's essential skills the candidate lacks but holds a related skill for (best
    credit each), capped at `related_cap` and divided by it. Tuning sweep: +0.236 over
    IDF-cosine at 0.1 vs +0.232 at 0 (within one s.e., consistent over the three families).
    0.1 until session 21, when it gave `coverage_weight` and `experience_match_weight` their
    0.021, so that the weights still add up to 1 (the raw score stays in [0, 1])."""

    related_cap: float = 0.5
    """Related-skill credit counts up to this share of the essential skills."""

    match_relative: bool = True
    """The match scales read the raw score as a share of the vacancy's ideal raw score
    (`query.ideal_score`, `match_score.scale_input`) rather than the raw score itself. Chosen on
    the tuning run of `match_scales` by the expected calibration error of scales fitted on one
    half of its vacancies and read on the other (2 folds), in points, on the run of 2026-12-03
    (target: fits x coverage alone): raw 0.1 / 1.3 / 0.7 / 0.7 (occupation / skills / sparse /
    text variants; all 0.7), share of the ideal 0.1 / 0.2 / 0.3 / 0.6 (all 0.2); with half for
    the occupation, share of the ideal 0.3 / 0.2 / 0.3 / 0.6 (all 0.2). Raw scores of vacancies of a few skills run low
    because their occupation is spread over every occupation asking for them; the share of the
    ideal does not."""

    # fmt: off
    match_scales: tuple[tuple[tuple[float, ...], tuple[float, ...]], ...] = (
        _OCCUPATION_SCALE,  # occupation
        (  # skills
            (0.122, 0.151, 0.301, 0.359, 0.367, 0.373, 0.379, 0.386, 0.393, 0.401, 0.409, 0.418,
             0.429, 0.44, 0.453, 0.471, 0.492, 0.52, 0.565, 0.625, 0.695, 0.757, 0.794, 0.821,
             0.844, 0.864, 0.882, 0.901, 0.921, 0.941, 0.963, 0.987, 0.999, 1.0),
            (0.3, 1.0, 1.1, 1.2, 1.5, 2.5, 2.6, 3.1, 3.3, 3.9, 4.5, 5.7, 6.9, 7.3, 9.3, 13.3, 16.2,
             26.5, 41.9, 47.0, 52.9, 59.1, 59.6, 59.8, 62.6, 65.5, 67.3, 69.7, 74.8, 77.9, 83.8,
             88.6, 92.9, 93.1),
        ),
        (  # few-skills
            (0.11, 0.127, 0.149, 0.319, 0.384, 0.392, 0.401, 0.409, 0.42, 0.431, 0.443, 0.457,
             0.475, 0.497, 0.526, 0.56, 0.6, 0.641, 0.684, 0.726, 0.766, 0.81, 0.843, 0.862, 0.88,
             0.897, 0.913, 0.93, 0.949, 0.968, 0.988, 0.999, 1.0),
            (0.4, 1.0, 1.8, 2.3, 2.4, 3.0, 3.6, 4.1, 5.8, 7.9, 8.1, 10.2, 12.1, 16.1, 27.0, 29.8,
             42.7, 50.5, 57.0, 58.1, 61.6, 62.0, 63.8, 65.6, 68.1, 69.9, 73.5, 76.6, 79.7, 83.7,
             87.9, 88.9, 91.4),
        ),
        (  # text (kept from 2026-12-03)
            (0.109, 0.127, 0.149, 0.326, 0.38, 0.385, 0.39, 0.395, 0.401, 0.407, 0.413, 0.423,
             0.434, 0.442, 0.453, 0.465, 0.535, 0.66, 0.717, 0.767, 0.808, 0.837, 0.86, 0.879,
             0.897, 0.916, 0.936, 0.975),
            (0.8, 1.3, 1.6, 3.2, 3.9, 4.8, 5.4, 5.7, 6.2, 7.5, 8.5, 14.0, 14.1, 15.8, 21.9, 27.7,
             29.2, 31.3, 42.6, 52.7, 56.9, 59.4, 61.7, 62.9, 65.7, 68.6, 71.7, 76.6),
        ),
        _OCCUPATION_SCALE,  # text-read: the occupation's (session 32, outside tester 31, F12)
    )
    # fmt: on
    """The 0-100 match score's calibration (`match_score.MatchScale`) per kind of vacancy, in
    `query.VACANCY_KINDS` order (occupation given; more than five skills chosen, no occupation; at
    most five; title and text only, its occupation unsure; title and text read surely as one
    occupation, "text-read"). **Session 32 (helper `scale32`, outside tester 31, F12): "text-read" reads
    the occupation's scale.** Since session 31 a surely read text's query is the named occupation's
    scaled (`query.vacancy_query`) and its ideal the same, so a candidate gets the same share of the
    ideal on both; with the text-read scale of session 23 a cook graduate holding 12 of 16 essential
    skills read 47.7 on a text-only cook ad and 23.2 on one naming the cook at the same share (0.58).
    That scale was fitted to another truth: the benchmark graded a text vacancy's candidates by the
    four to seven skills its text was written from, where the engine (and its shortlist's
    `essential_held`) asks a surely read text for its occupation's whole profile, so a sibling
    occupation listing those few skills "fitted" (`benchmarks.ranking_quality.target_variant` now
    grades text-read as the occupation). Tuning half, run of 2026-12-05 06:25-06:33 UTC (`--tune
    --rankers engine --candidates 20000 --vacancies 100 --json`, seed 1101, load 3-14 on the shared
    2-core VM), ECE in points against that grading: text-read 5.48 (its own scale) -> 1.43 (the
    occupation's), occupation 0.95 unchanged; against the old grading (written skills) 1.25 -> 5.67.
    A joint refit of both kinds' pairs (capped, cross-fitted in two folds of vacancies) read 0.56 /
    0.75 but 89.5 at the ideal (91.9 now): not installed, as it moves every documented figure near
    the top; docs/benchmarks.md, session 32. Session 23 (helper `score`, outside tester T5): all but the unsure text
    scale refitted on the tuning run of 2026-12-04 12:48-13:02 UTC (`python -m benchmarks.ranking_quality
    --tune --rankers engine --candidates 20000 --vacancies 100 --json`, load 3-12 on the shared 2-core
    VM; `python -m benchmarks.calibration_refit tune.json report.json --capped --keep text`: fitted on
    the input capped at the ideal, as before, read uncapped). ECE on the report half (seed 2202, same
    command), installed -> these, points (bootstrap s.e. of the difference over vacancies): occupation
    0.74 -> 0.45 (-0.28 +- 0.13), skills 1.21 -> 0.87 (-0.34 +- 0.14), few-skills 1.14 -> 1.06
    (-0.08 +- 0.23), text-read 2.57 -> 1.68 (-0.89 +- 0.40; it read the one text scale before), unsure
    text 5.25 kept (a refit read 5.56, +0.32 +- 1.21, its top knot at 0.906 of the ideal: too few pairs
    reach it). At the ideal: 91.9 / 93.1 / 91.4 / 91.3 for occupation / skills / few-skills / text-read
    (the report half's rank 1 at or above its ideal fits 93.3 / 92.2 / 91.3 / 92.3 %); the unsure
    text's about 77-80 reads high (the report half's 93 such rank-1s: 53.9 %). The scales below
    for the unsure text are the 2026-12-03 ones described next, fitted on every text vacancy. Knots (input, match) of an isotonic regression of the target
    on the raw score as a share of the vacancy's ideal raw score (`match_relative`,
    `query.ideal_score`: the best real candidate, a full-coverage profile of the best-agreeing
    occupation). The target (`benchmarks.ranking_quality.target`, the same for every kind): a
    candidate of the vacancy's occupation, or of one whose ESCO profile asks for every skill it
    asks for (`fits`), counts half for that and half times the share of the vacancy's essential
    skills they hold (the occupation's, the listed essential ones, those its text was written
    from); others count 0. So 100 is "of the right occupation and holding every essential skill",
    50 "of it and holding none" (or a mix), the same for four accepted skills as for a named
    occupation's 30 (outside tester 14, P10: before, the target was the occupation alone, so 3 / 88
    essential skills of a named occupation read 99.6, and the ideal assumed cosine 1, so 4 / 4
    accepted skills read 74.5). Why half (`benchmarks.ranking_quality.OCCUPATION_SHARE`): the
    raw score cannot tell skills outside the vacancy that dilute the skill similarity from missing
    ones; with coverage alone a bus driver of six years with noted skills read 33.8 against 88.2
    without them. Source: the tuning run of 2026-12-03 07:55-08:04 UTC, refitted when the skill
    similarity became the best trimmed cosine (`scoring.similarity`; outside tester 16, P1), knots
    within 0.6 points of the run before but the text scale (its fit had drifted with the dense
    title reader since the scales were last installed) (`python -m benchmarks.ranking_quality
    --tune --rankers engine --candidates 20000 --vacancies 100`: tuning half, 1,508 ESCO
    occupations, seed 1101, the 11 families, 100 vacancies per variant, the engine's top 50 per
    vacancy, 48 quantile bins plus one of the pairs at the ideal, `fit_scale`). Cross-fitted ECE
    (two folds of vacancies) 0.3 / 0.2 / 0.3 / 0.8 points (occupation / skills / sparse / text
    variants), all 0.3; in-sample mean match / target 18.8 / 18.7 %, 23.9 / 23.8 %, 29.3 /
    29.2 %, 22.3 / 22.3 %. At the ideal (input 1) the scales read 92.9 / 93.6 / 92.1 (text: 76.6,
    its top, at 0.975): the benchmark's candidates there are of a fitting occupation 97-99 % of
    the time and hold about 89 % of the essential skills, whatever the kind; for text vacancies,
    whose occupation the text tells less surely, 75 % and 83 %. Rank 1's match, median: 75 / 84 /
    87 / 73, since the benchmark's people hold a quarter to three quarters of an occupation's
    essential skills. (Coverage alone, same run: 88.2 / 88.6 / 86.8 / 68.2 at the ideal.) Report-half reliability in
    docs/benchmarks.md. (Earlier scales: of "fits the vacancy as posted", the occupation alone,
    2026-12-01 19:56-20:14 UTC; of "same occupation" on the raw score before that.) A scale
    depends on the score's parameters and on `ideal_score`: refit it when they change.
    Since session 17 the input is not capped at 1 (`match_score.scale_input`) and the scale rises
    on past its last knot (`MatchScale`; outside tester 17, P2/P3: capped, every candidate above the
    ideal read the top knot). Checked with the knots before the similarity's change (the cosine)
    on the tuning run of 2026-12-03 08:04-08:26 UTC (same command, `--json`; load 6-14): on the
    uncapped input in-sample ECE 0.2 / 0.2 / 0.3 / 0.5 points, all 0.15; the 3,492 pairs above the
    ideal read 91.5 against a target of 89.6 %; a refit on the uncapped input (top knots at 1.049 /
    1.016 / 1.035 / 0.984) read about the same (all 0.12) but only 87 at the ideal itself for an
    occupation. The knots above are the refit of the similarity's change on the capped input (run
    of 07:55-08:04 UTC); they read the uncapped input as they are (top knot at 1, then the line).
    Not yet checked on a tuning run of this code (helper `score`, session 17, ran out of time)."""

    coverage_weight: float = 0.02
    """Share of the score from essential-skill coverage: the weighted share of the vacancy's
    essential skills the candidate holds, each min(1, its strength): a claim 0.6-1 by level, a
    skill only the work history shows 0.3 x the spell's weight (`experience_essential_weight`), so
    an inferred-only skill counts about a third of a claimed one here. Outside tester 21, Q5: a
    bus driver claiming half the essential skills (the rest inferred from two years' history)
    scored exactly as one claiming all of them (similarity and occupation agreement saturate).
    Before, a larger share (NDCG@10 0.854 at 0, 0.851 at 0.1, 0.847 at 0.2, 0.835 at 0.4 on the
    old synthetic benchmark; about -0.01 at 0.1 on the honest one) cost ranking quality, so it was
    0 from issue 11 until session 21. 0.02 measured on the tuning half (session 21, 2026-12-03,
    seed 1101, 20,000 candidates, 200 vacancies; docs/benchmarks.md): with the related part at 0.08
    and no experience part, two-occupations -0.0006 ... +0.0026 NDCG@10 (each within its paired
    s.e.; 0.01 and 0.02 alike on 100 vacancies)."""

    experience_match_weight: float = 0.001
    """Share of the score from experience in the vacancy's occupation: how long and how recently
    the candidate worked in it (`scoring.experience_match`: length x recency,
    `vectors.experience_tenure`, saturating at `experience_tenure_years`), times the spell's
    occupation's agreement with the vacancy's (1 for its own occupation, 3/7 for another of its
    ISCO unit group, `query.history_agreement`; the occupation read from the title for a text
    vacancy). A tie-break: six years ended last year read above two years ended two years ago by
    0.0006 of raw score, and it moves no score by more than 0.001. Outside tester 21, Q5: 2 years
    and 6 years scored alike (the work-history agreement caps at 1). Kept this small because the
    benchmark costs it (tuning half, session 21, seed 1101, 20,000 candidates; docs/benchmarks.md):
    0.01 cost the two-occupations family 0.011-0.013 NDCG@10 in every variant (about 4 paired s.e.,
    100 vacancies), 0.002 0.001-0.004 and 0.001 0.000-0.003 (skills -0.0029 +- 0.0019, 200
    vacancies), the other ten families within their paired s.e. at 0.002. That family's generator
    gives half of the career changers a current job in their *second* occupation and grades them by
    the first, so work in the vacancy's occupation is a wrong signal there by construction. Before
    the occupation-aware score (issue 11) this was a 0.1 bonus on the recency x duration weight; 0
    from then until session 21."""

    occupation_essential_coverage: float = 0.5
    """Coverage weight of an essential skill of the vacancy's occupation that the employer did
    not list, relative to 1.0 for one the employer marked essential."""

    inferred_profile_share: float = 0.25
    """A vacancy with no occupation and no confirmed skill (title and text only, its skills the
    recogniser's suggestions) whose occupation is inferred with probability at least
    `inferred_profile_probability` asks for that occupation's ESCO profile as a named occupation
    does, at this share of its weights: its essential skills weigh this x
    `occupation_essential_weight` in the vector and count as the vacancy's essential skills at
    this x `occupation_essential_coverage` (so `matched_essential` / `missing_essential` list
    them), its optional skills this x `occupation_optional_weight`; the text's suggestions weigh
    this x `suggested_skill_weight` (since session 31; one in the profile keeps the larger weight), so
    the query is the named occupation's with the same suggestions, scaled (outside tester 30, T30-4:
    at their whole weight, above the profile's, the recogniser's guesses outside the profile, rare in
    the pool and so of high IDF, diluted a Swedish ad's complete holder to 77.8, where Finnish and
    English ads read 94.2 and 93.4: which guesses a text gives depends on its language). Outside tester 20, P2: on a Finnish text-only "Sähköasentaja" ad (electrician, p 1.0)
    the candidate holding 10 of the 21 essential skills ranked above the one holding all 21 with
    six years as an electrician (skill similarity 0.015-0.029 against the ten suggestions: an
    electrician's own skills outside them diluted), and no essential skill was shown. 0 turns it
    off (before session 20). Chosen on the text variant of `benchmarks.ranking_quality`'s tuning
    half (session 20, 2026-12-03, seed 1101, 20,000 candidates, 200 vacancies; docs/benchmarks.md),
    paired NDCG@10 against 0: 0.25, 0.5 and 1 within 0.002 of each other and of 0 on every family
    but partial-75 (-0.008 ± 0.004 at 0.25, -0.011 ± 0.005 at 1; the cell's s.e. 0.026), so the
    smallest share tried that puts the tester's electricians in order (87.7 / 87.7 / 72.5, plumber
    0.3): the profile counted a little below a suggestion (0.3) until session 31."""

    inferred_profile_probability: float = 0.9
    """The inferred occupation's probability (of the vacancy's target distribution,
    `occupations.vacancy_target`) from which `inferred_profile_share` applies: a title read as one
    occupation gives 1.0; several fitting occupations share it and none is used."""

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
        if len(self.occupation_claim_levels) != len(SKILL_LEVELS) or min(self.occupation_claim_levels) < 0:
            raise ValueError("occupation_claim_levels needs one non-negative weight per SKILL_LEVELS entry")
        if min(self.level_weights) <= 0 or any(b < a for a, b in pairwise(self.level_weights)):
            raise ValueError("level_weights must be positive and never lower for a higher level")
        if not 0 <= self.suggested_claim_factor < 1:
            raise ValueError("suggested_claim_factor must be in [0, 1): a suggestion below every claim")
        weights = (
            self.similarity_weight,
            self.coverage_weight,
            self.occupation_weight,
            self.related_weight,
            self.experience_match_weight,
        )
        if min(weights) < 0 or min(self.occupation_level_weights) < 0:
            raise ValueError("score weights must be non-negative")
        if not 0 < self.related_cap <= 1:
            raise ValueError("related_cap must be in (0, 1]")
        if self.confirmed_agreement_power != 0 and self.confirmed_agreement_power < 1:
            raise ValueError("confirmed_agreement_power must be 0 (off) or at least 1")
        if self.band_unit_mass < 0:
            raise ValueError("band_unit_mass must be >= 0")
        if self.band_share_decay < 0 or not 0 <= self.band_similarity <= 1 or not 0 < self.band_full <= 1:
            raise ValueError("band_share_decay >= 0, band_similarity in [0, 1], band_full in (0, 1]")
        if not 0 <= self.band_closeness_share <= 1:
            raise ValueError("band_closeness_share must be in [0, 1]")
        if not 0 <= self.overlap_agreement < 1:
            raise ValueError("overlap_agreement must be in [0, 1)")
        if not 0 < self.trade_claim_units <= 1:
            raise ValueError("trade_claim_units must be in (0, 1]")
        if not 0 < self.other_trades_outside <= 1:
            raise ValueError("other_trades_outside must be in (0, 1]")
        if self.other_trades_power < 0:
            raise ValueError("other_trades_power must be >= 0")
        if not 0 <= self.confirmed_agreement_share <= 1:
            raise ValueError("confirmed_agreement_share must be in [0, 1]")
        if not 0 <= self.occupation_narrower_share <= 1:
            raise ValueError("occupation_narrower_share must be in [0, 1]")
        if not 0 <= self.inferred_lineage_share <= 1:
            raise ValueError("inferred_lineage_share must be in [0, 1]")
        if not 0 <= self.occupation_lineage_share <= 1 or not 0.5 < self.occupation_lineage_sure <= 1:
            raise ValueError("occupation_lineage_share in [0, 1], occupation_lineage_sure in (0.5, 1]")
        if self.history_agreement_scale < 0:
            raise ValueError("history_agreement_scale must be non-negative")
        if not 0 <= self.inferred_profile_share <= 1:
            raise ValueError("inferred_profile_share must be in [0, 1]")
        if not 0 < self.inferred_profile_probability <= 1:
            raise ValueError("inferred_profile_probability must be in (0, 1]")
        if not 1 <= self.inferred_occupations <= 8:
            raise ValueError("inferred_occupations must be 1 to 8")
        if min(self.occupation_absence) < 0 or len(self.occupation_absence) != 2:
            raise ValueError("occupation_absence must be two non-negative numbers")
        if not 0 <= self.held_spell_weight <= 1:
            raise ValueError("held_spell_weight must be in [0, 1]")
        if self.occupation_history_anchor < 0:
            raise ValueError("occupation_history_anchor must be >= 0 (0: off)")
        if self.occupation_pair is not None and not math.isfinite(self.occupation_pair):
            raise ValueError("occupation_pair must be a finite log prior or None (off)")
        if len(self.occupation_several) != 2 or self.occupation_several[0] < 0:
            raise ValueError("occupation_several must be (lambda >= 0, log prior); lambda 0: off")
        if not 0 <= self.vacancy_listed_epsilon < 1:
            raise ValueError("vacancy_listed_epsilon must be in [0, 1)")
        if not 0 <= self.inferred_unit_groups <= 4:
            raise ValueError("inferred_unit_groups must be 0 to 4")
        if not 0 < self.experience_half_life_years <= self.experience_identity_half_life_years:
            # the tie-break's recency never above the identity's: `vectors.experience_tenure`
            # stays below `vectors.experience_weight`, which the stage-1 bound relies on
            raise ValueError(
                "experience_half_life_years must be positive and at most experience_identity_half_life_years"
            )
        if (
            not 0 <= self.former_spell_share <= 1
            or not 0 <= self.former_spell_years[0] <= self.former_spell_years[1]
        ):
            raise ValueError(
                "former_spell_share must be in [0, 1], former_spell_years (from, to) with 0 <= from <= to"
            )
        if self.trade_continuity is not None and not 0 <= self.trade_continuity[0] < self.trade_continuity[1]:
            raise ValueError("trade_continuity must be None (off) or (lo, hi) with 0 <= lo < hi")
        if self.trade_closeness is not None and not 0 <= self.trade_closeness[0] < self.trade_closeness[1]:
            raise ValueError("trade_closeness must be None (off) or (lo, hi) with 0 <= lo < hi")
        if not 0 <= self.experience_min_factor <= 1:
            raise ValueError("experience_min_factor must be in [0, 1]")


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


def minor_level(p: RankingParams) -> float:
    """The agreement, in [0, 1], of an occupation of the vacancy's ISCO minor group (not its unit
    group) relative to the vacancy's own (the minor and sub-major levels' share of
    `occupation_level_weights`; 1.25/7 with the defaults), below `closeness_floor`."""
    lw = [float(w) for w in p.occupation_level_weights]
    return sum(lw[2:]) / sum(lw) if sum(lw) > 0 else 0.0


def closeness_floor(p: RankingParams) -> float:
    """The closeness (the inferred agreement over the vacancy's best), in [0, 1], up to which
    `scoring.closeness_kept` keeps only `RankingParams.band_closeness_share` of the inferred
    agreement: halfway between `minor_level` and `unit_level` (about 0.30 with the defaults), where
    the closeness is mostly of the unit group's. Stage 1 bounds with the same floor
    (`query.BandBound.kept_floor`)."""
    return 0.5 * (minor_level(p) + unit_level(p))


def unit_level(p: RankingParams) -> float:
    """The agreement, in [0, 1], of another occupation of the vacancy's ISCO unit group relative to
    the vacancy's own (the unit, minor and sub-major levels' share of `occupation_level_weights`;
    3/7 with the defaults), the level `scoring.unit_mass`, `scoring.band_order` and stage 1's bound
    of the band (`query.BandBound`) measure closeness from."""
    lw = [float(w) for w in p.occupation_level_weights]
    return sum(lw[1:]) / sum(lw) if sum(lw) > 0 else 0.0
