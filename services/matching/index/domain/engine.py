"""The matching engine: an in-memory candidate index answering ranked, explained shortlists.

A shortlist is a straight line of stages, each in its own module, called in order by `shortlist`:
`query` (the vacancy's skill vector, prepared when the vacancy is applied, with the index's IDF),
`pool` (the candidates within commuting distance and an upper bound of each one's score from the
inverted index), `filters` (the hard filters over the best bounds), `scoring` (exact scores until
the top k are certain) and `explain` (matched, related and missing skills). Segments (`segment`)
hold the candidates; `vectors` builds the skill space and compacts candidates.

Concurrency: readers never lock. Every write builds a new immutable `_Snapshot` (the large main
segment is shared; only its small "present" mask and the delta segment are new) and publishes
it with one attribute assignment, so a shortlist sees either all of an update or none of it.
Writers serialise on a lock. When the delta segment grows past `IndexParams`, the writer merges
it into a new main segment (seconds at a million profiles) while readers keep using the old one.
"""

from __future__ import annotations

import logging
import threading
from collections import Counter, OrderedDict
from collections.abc import Callable, Collection, Iterable, Mapping
from dataclasses import dataclass
from datetime import date
from typing import Any

import numpy as np

from services.kernel.calendar import today as finnish_today

from .columns import Layout, OrgRegistry, consents
from .explain import explanations, shortlist_entries
from .filters import (
    DEFAULT_AVAILABILITY_WINDOW_DAYS,
    Exclusions,
    FilterSpec,
    Request,
    Scope,
    ViewerArg,
    count_exclusions,
    count_with_bits,
    counted_reasons,
    eligible,
    explain_failures,
    failure_bits,
    failure_key,
    filter_spec,
)
from .geo import MunicipalityTable
from .kernels import warm_up
from .model import Candidate, ShortlistEntry, Vacancy
from .params import IndexParams, RankingParams
from .pool import (
    NearRows,
    Pool,
    candidate_pools,
    evidence_rows,
    near_rows_of,
    positive_rows,
    reach_evidence_rows,
    upper_bounds,
)
from .query import PreparedVacancy, QueryWeights, prepare, query_weights
from .scoring import EPS, exact_scores, score_rows, top_k
from .segment import (
    Segment,
    build_segment,
    encode_id,
    merge_segments,
    with_shared_structure,
    with_trade_fall,
    with_vector_max,
)
from .spoken import warm_up as warm_up_languages
from .taxonomy import Taxonomy
from .text_digests import text_digest
from .titles import TitleReader
from .vectors import (
    CompactCandidate,
    SkillSpace,
    build_skill_space,
    compact_candidate,
    occupation_inv_norms,
    with_inferred,
)

log = logging.getLogger(__name__)

BULK_CHUNK = 100_000  # candidates compacted per block in bulk_load, bounding transient memory

WEIGHTS_CACHE_VACANCIES = 64
"""Prepared vacancies whose query weights (`MatchingEngine._weights`, about 0.2 MB each) the engine
keeps: the API asks for the same vacancy's shortlist again and again (pages, refreshes, the meeting
page's explanations), and the weights cost 1-2 ms to make (a tenth of a shortlist at 200,000
profiles)."""

NEAR_CACHE = 64
"""Prepared vacancies whose near rows in the main segment (`pool.near_ranges`, 0.1-0.3 ms to find
at 1,000,000 profiles) the engine keeps, the most recently used, each for the main segment it was
found in (a merge makes a new one; the small delta segment's are found on every request)."""

BOUNDS_CACHE = 2 * WEIGHTS_CACHE_VACANCIES
"""Stage-1 bounds of prepared vacancies' near rows in the main segment (`pool.upper_bounds`, the
walk of the inverted index: a third of a first request's CPU, 2-4 ms at 1,000,000 profiles) the
engine keeps, the most recently used, each for the weights (pruned or not: two per vacancy) and
the main segment it was walked with: `warm` makes them when the vacancy is applied, so its first
shortlist only reads them, and a delta write keeps them (the main segment and the weights do not
change; the present mask and the delta segment's rows are applied per request). 4 bytes per near
row: 0.24 MB an entry on average at 1,000,000 profiles (measured 2026-12-03, 64 vacancies of
`benchmarks.generate`), about 30 MB for 128; the sorted rows with evidence that counting reads
(`_positive`), kept with the unpruned ones, add about 0.08 MB a vacancy."""


FAILURES_PER_BOUNDS = 4
"""Days (or other terms: an availability window, a scope) of `filters.failure_bits` the engine
keeps with each kept stage-1 bounds of the main segment (`MatchingEngine._failures`): one byte
per row with evidence within reach (about 0.02 MB a vacancy at 1,000,000 profiles)."""

HOMES_CACHE = 64
"""Viewers' home-municipality masks the engine keeps (`MatchingEngine._homes`): one per set of
regions some organisation serves."""

RESULTS_CACHE = 8
"""Answers of `MatchingEngine.rank` (for a prepared vacancy, as the API asks) the engine keeps, the
most recently used, each only for the index snapshot it was computed over: the same request over
an unchanged index (a recruiter reloading a shortlist, the team page and the API asking for the
same vacancy) costs a dictionary lookup instead of a shortlist (5-10 ms of CPU at 1,000,000
profiles). About 0.2 MB each at k = 50. Few, because a kept answer costs every other request
something: its entries (about 300 objects the cyclic garbage collector tracks, at k = 50) are
walked by the collector's young generations as long as they live, and with 32 kept most of them
reached the second generation; measured at 1,000,000 profiles (session 22, first requests with
counts, load 6): 8 instead of 32 cut the collector's CPU in the slowest 5 % of requests from
2.9-3.2 to 0.8-0.9 ms and their p99 CPU from 11.8-14.0 to 9.5-11.2 ms."""


@dataclass(frozen=True, slots=True)
class RankedShortlist:
    """A shortlist (`MatchingEngine.rank`): its entries best first, and what the hard filters
    removed (None when not counted)."""

    entries: list[ShortlistEntry]
    exclusions: Exclusions | None
    more: bool = False  # another candidate follows the last entry (a next page exists)


@dataclass(frozen=True, eq=False)
class IndexImage:
    """The state of an index that a snapshot stores (see `MatchingEngine.image`)."""

    main: Segment  # every indexed candidate, sorted by id, ranking columns computed with `idf`
    idf: np.ndarray  # (n_skills,) float32
    orgs: list[str]  # organisation codes in the consent column's order


@dataclass(frozen=True, eq=False)
class _Snapshot:
    main: Segment
    present: np.ndarray  # (len(main),) bool: False for removed or superseded rows
    n_present: int
    delta: Segment
    idf: np.ndarray
    occupation_inv_norm: np.ndarray  # 1 / ||occupation skill vector * idf||, for stage-1 bounds
    delta_present: np.ndarray  # all True: every delta row is current

    @property
    def max_occupations(self) -> int:
        return max(self.main.max_occupations, self.delta.max_occupations)


class MatchingEngine:
    """Candidates in, ranked and explained shortlists out. Thread-safe (see module docstring).

    `clock` gives "today" for experience recency when a profile is indexed. `titles` reads the job
    titles of vacancies without an occupation (default: exact ESCO labels only; the service passes
    `reference.load_title_reader`'s, which also reads titles in any language with the
    multilingual model). `road_networks`: municipality code → its road network where it is not the
    mainland's (``shared.geography.Geography.road_networks``: Åland's); a distance between networks
    crosses the sea, passes no maximum commute and is shown with `sea_crossing` (`prepare`).
    """

    def __init__(
        self,
        taxonomy: Taxonomy,
        municipalities: Mapping[str, tuple[float, float]],
        params: RankingParams | None = None,
        *,
        index_params: IndexParams | None = None,
        clock: Callable[[], date] = finnish_today,
        titles: TitleReader | None = None,
        road_networks: Mapping[str, str] | None = None,
    ) -> None:
        self.taxonomy = taxonomy
        self.params = params or RankingParams()
        self.index_params = index_params or IndexParams()
        self._space: SkillSpace = build_skill_space(taxonomy, self.params, titles)
        self._municipalities = MunicipalityTable(municipalities, road_networks)
        self._orgs = OrgRegistry()
        self._homes_cache: dict[frozenset[str], np.ndarray] = {}
        self._layout = Layout(self._municipalities, self._orgs, self.index_params.dense_languages)
        self._clock = clock
        self._lock = threading.Lock()
        self._weights_lock = threading.Lock()
        self._results: OrderedDict[tuple[Any, ...], tuple[PreparedVacancy, _Snapshot, RankedShortlist]] = (
            OrderedDict()
        )
        self._weights_cache: OrderedDict[int, tuple[PreparedVacancy, list[tuple[Any, ...]]]] = OrderedDict()
        self._near_cache: OrderedDict[tuple[int, bool], tuple[PreparedVacancy, Segment, NearRows]] = (
            OrderedDict()
        )
        self._bounds_cache: OrderedDict[
            tuple[int, int], tuple[PreparedVacancy, QueryWeights, Segment, NearRows, np.ndarray]
        ] = OrderedDict()
        self._positive_cache: dict[int, tuple[np.ndarray, np.ndarray]] = {}  # id(kept bounds) -> rows
        # (id(kept bounds), `filters.failure_key`) -> (bounds, `filters.failure_bits` of their rows)
        self._failures_cache: dict[tuple[int, tuple[Any, ...]], tuple[np.ndarray, np.ndarray]] = {}
        self._delta_rows: dict[str, CompactCandidate] = {}
        # keyed digest of a withdrawn id (`text_digests`) -> its last version, so stale replays stay
        # removed: the process keeps no list of who withdrew (erase39; the database keeps keyed markers)
        self._removed: dict[bytes, int] = {}
        self.stats: Counter[str] = Counter()
        empty = self._segment([], None)
        idf = np.ones(taxonomy.n_skills, dtype=np.float32)
        self._snapshot = self._make_snapshot(empty, np.zeros(0, bool), 0, empty, idf, None)
        warm_up()  # compile the stage-1 kernel now, not in the first shortlist
        warm_up_languages(taxonomy)  # and read the language registry: not in the first language vacancy

    # -- writes -------------------------------------------------------------------------------
    def upsert_candidate(self, candidate: Candidate) -> bool:
        """Index a candidate; False (and no change) when this or a newer version is indexed."""
        return self.upsert_candidates([candidate])[0]

    def upsert_candidates(self, candidates: Iterable[Candidate]) -> list[bool]:
        """`upsert_candidate` for a batch (e.g. one Kafka poll), published as one update: much
        cheaper per candidate than one call each, since the delta segment is rebuilt once."""
        year = self._clock().year
        rows = with_inferred([compact_candidate(c, self._space, year) for c in candidates], self._space)
        applied = []
        with self._lock:
            snap = self._snapshot
            present, n_present = snap.present, snap.n_present
            for row in rows:
                key = row.candidate_id
                current = self._version(snap, key)
                if current is not None and row.version <= current:
                    self.stats["stale_updates"] += 1
                    applied.append(False)
                    continue
                present, n_present = self._tombstone(snap.main, present, n_present, key)
                self._removed.pop(text_digest(key), None)
                self._delta_rows[key] = row
                self.stats["unknown_uris"] += row.unknown_uris
                applied.append(True)
            if any(applied):
                self._publish(snap, present, n_present)
        return applied

    def remove_candidate(self, candidate_id: str) -> bool:
        """Withdraw a candidate; False when it is not indexed."""
        return self.remove_candidates([candidate_id])[0]

    def remove_candidates(self, candidate_ids: Iterable[str]) -> list[bool]:
        """`remove_candidate` for several ids, published as one update (one delta rebuild)."""
        removed = []
        with self._lock:
            snap = self._snapshot
            present, n_present = snap.present, snap.n_present
            for candidate_id in candidate_ids:
                seg, row = self._locate(snap, candidate_id)
                if row >= 0 and seg is snap.main and not present[row]:
                    row = -1  # removed earlier in this batch
                if row < 0 and candidate_id not in self._delta_rows:
                    removed.append(False)
                    continue
                version = (
                    self._delta_rows[candidate_id].version
                    if candidate_id in self._delta_rows
                    else int(seg.versions[row])
                )
                present, n_present = self._tombstone(snap.main, present, n_present, candidate_id)
                self._delta_rows.pop(candidate_id, None)
                self._removed[text_digest(candidate_id)] = version
                removed.append(True)
            if any(removed):
                self._publish(snap, present, n_present)
        return removed

    def bulk_load(self, candidates: Iterable[Candidate]) -> int:
        """Index many candidates at once (rebuilds, benchmarks); returns how many were new or
        newer than what was indexed. Same version rules as `upsert_candidate`."""
        builder = self.bulk_builder()
        builder.add(candidates)
        return builder.finish()

    def bulk_builder(self) -> BulkBuilder:
        """A `BulkBuilder` for this engine: candidates added to it are compacted in blocks and
        indexed by one merge in `BulkBuilder.finish` (the index's cold rebuild from the topics)."""
        return BulkBuilder(self)

    def image(self) -> IndexImage:
        """What an index snapshot stores: the delta and the removals folded into the main segment
        first (so withdrawn candidates' rows are gone, not only masked), then the main segment, its
        IDF and the organisations numbered by the consent column."""
        self.merge()
        snap = self._snapshot
        return IndexImage(snap.main, snap.idf, self._orgs.names())

    def restore(self, image: IndexImage) -> None:
        """Serve `image` (from `image()`, possibly of another process with the same taxonomy,
        municipalities and parameters: the snapshot's fingerprint checks that). Only on an empty
        index; raises ValueError otherwise."""
        with self._lock:
            if len(self) or self._orgs.names():
                raise ValueError("restore needs an empty index")
            for org in image.orgs:
                self._orgs.index(org)
            self._removed.clear()
            self._delta_rows.clear()
            main = with_vector_max(with_shared_structure(image.main), self._space)
            self._install(with_trade_fall(main, self._space, image.idf), image.idf)

    def merge(self) -> None:
        """Fold the delta segment (and removals) into the main segment now, recomputing the IDF.
        Writes do this by themselves when the delta grows (see `IndexParams`); call it after a
        burst of updates, or before measuring. Reads are not blocked meanwhile."""
        with self._lock:
            snap = self._snapshot
            if self._delta_rows or snap.n_present < len(snap.main):
                self._merge(snap, snap.present)

    # -- reads --------------------------------------------------------------------------------
    def __len__(self) -> int:
        snap = self._snapshot
        return snap.n_present + len(snap.delta)

    def indexed_version(self, candidate_id: str) -> int | None:
        """The version of ``candidate_id`` the index serves; None when it serves none (never seen, or
        withdrawn). For operators comparing replicas and for the fault-injection suite."""
        seg, row = self._locate(self._snapshot, candidate_id)
        return int(seg.versions[row]) if row >= 0 else None

    def __contains__(self, candidate_id: object) -> bool:
        return isinstance(candidate_id, str) and self._locate(self._snapshot, candidate_id)[1] >= 0

    def title_occupations(self, title: str, min_confidence: float = 1.0) -> tuple[str, ...]:
        """URIs of the ESCO occupations a job title names (`titles.TitleReader`, in any language),
        best first, those read with at least `min_confidence` (0-1; 1: a label, exactly, of any
        language or through the job-title glossary); () when it names none."""
        space = self._space
        return tuple(
            space.taxonomy.occupation_uris[t.occupation]
            for t in space.titles.read(title)
            if t.confidence >= min_confidence
        )

    def prepare(self, vacancy: Vacancy) -> PreparedVacancy:
        """Stage 1's part that depends only on the vacancy: call it when the vacancy is applied and
        pass the result to `shortlist` and `explain` instead of the vacancy."""
        return prepare(vacancy, self._space, self._municipalities)

    def warm(self, prepared: PreparedVacancy) -> None:
        """Make the stage-1 weights of `prepared` for the current index state now, pruned and
        unpruned (kept as `_weights` keeps them, for the `WEIGHTS_CACHE_VACANCIES` most recently
        used vacancies), its near rows in the main segment (`NEAR_CACHE`) and their stage-1 bounds
        with both weights (`BOUNDS_CACHE`), so that its first shortlist need not: call it where the vacancy
        is applied, off the request path. The weights are those of the state they were made of
        (a later state makes new ones), so every answer stays the same; a merge of the index
        (new IDF) makes the next request build them again."""
        snap = self._snapshot
        pruned = self._weights(snap, prepared, prune=True)  # a shortlist alone (the meeting page)
        unpruned = self._weights(snap, prepared, prune=False)  # with counts within reach (the default)
        if len(snap.main):
            near = self._near(prepared, self.params.include_unknown_distance)(snap.main)
            threads = self.index_params.stage1_threads
            for qw in dict.fromkeys((unpruned, pruned)):  # the same object when nothing is pruned
                ub = self._bounds(prepared, qw, threads)(snap.main, near)
                if qw is unpruned:  # what counting within reach reads
                    rows = self._positive(snap.main, near, ub)
                    if rows is not None:  # and which filters those rows fail today (any viewer)
                        spec = filter_spec(self._request(prepared, self._clock(), None))
                        self._failures(snap.main, ub, rows, spec, Scope.REACH)

    def rewarm(self) -> int:
        """`warm` again every vacancy whose kept weights are of an older index state (after a merge:
        a new IDF), so that their next shortlists need not make them; the others cost a lookup.
        Call it after writes, off the request path (the state does after each batch). Returns how
        many were warmed: at most `WEIGHTS_CACHE_VACANCIES`, about 2 ms of CPU each for the weights
        and 2-4 ms for each of the two stage-1 walks (`BOUNDS_CACHE`) at 1,000,000 profiles."""
        snap = self._snapshot
        with self._weights_lock:
            stale = [
                held[0]
                for held in self._weights_cache.values()  # least recently used first: kept in order
                if not any(e[0] is snap.idf and e[1] is snap.occupation_inv_norm for e in held[1])
            ]
        for prepared in stale:
            self.warm(prepared)
        return len(stale)

    def shortlist(
        self,
        vacancy: Vacancy | PreparedVacancy,
        *,
        k: int = 50,
        viewer_org: ViewerArg,
        today: date,
        exclude: Collection[str] = (),
        available_within_days: int = DEFAULT_AVAILABILITY_WINDOW_DAYS,
    ) -> list[ShortlistEntry]:
        """The k best eligible candidates for `vacancy`, best first, each explained: `rank`'s
        entries without counting exclusions."""
        return self.rank(
            vacancy,
            k=k,
            viewer_org=viewer_org,
            today=today,
            exclude=exclude,
            available_within_days=available_within_days,
            count_exclusions=False,
        ).entries

    def rank(
        self,
        vacancy: Vacancy | PreparedVacancy,
        *,
        k: int = 50,
        offset: int = 0,
        viewer_org: ViewerArg,
        today: date,
        exclude: Collection[str] = (),
        available_within_days: int = DEFAULT_AVAILABILITY_WINDOW_DAYS,
        count_exclusions: bool = True,
        exclusion_scope: Scope = Scope.REACH,
    ) -> RankedShortlist:
        """The k best eligible candidates for `vacancy`, best first, each explained, and (with
        `count_exclusions`) what the hard filters removed (`filters.Exclusions`) over the candidates
        of `exclusion_scope` (`filters.Scope`).

        Paging: `offset` skips the first `offset` candidates; the entries keep their real ranks
        (offset + 1, ...) and `more` says whether a candidate follows the last one. The order is
        total and stable (score desc, essential coverage desc, candidate id asc), so the pages of
        one index state never overlap or skip anyone.

        viewer_org None: no consent filter (the system operator's view: every candidate); an
        organisation id: only candidates who consented to it; a `filters.ViewerScope`: those and
        the residents of its municipalities (``shared.entitlement.viewer``). `exclude`: candidate ids already
        hired or rejected for this vacancy. `available_within_days`: for a vacancy without a start
        date, candidates available within this many days of `today` pass the availability filter
        (`filters.available_by`; a vacancy with a start date keeps it). Candidates without any skill
        evidence for the vacancy (score 0) are not listed. An empty index gives an empty shortlist.

        The stages run in order: the vacancy query (`query`), the candidate pool with stage-1
        bounds (`pool`), the hard filters over the best bounds (`filters`), exact scores
        (`scoring`), explanations (`explain`). Rarely the filters and scoring stages run again
        for more rows, or the pool too with unpruned occupation columns (see `scoring.Ranked`).
        With a `PreparedVacancy` (as the API passes), the same request over the same index snapshot
        is answered from a small cache (`RESULTS_CACHE`): the entries are then the same objects as
        before, so callers must not change them (they are frozen, but for their dictionaries).
        Counting exclusions within commuting reach reads the pools' bounds (and walks the occupation
        columns stage 1 left to a bound over the same near rows: `pool.reach_evidence_rows`);
        over the country it walks the query's columns over the whole index once more
        (`pool.evidence_rows`).
        """
        snap = self._snapshot
        if offset < 0:
            raise ValueError(f"offset must be >= 0, got {offset}")
        asked: tuple[Any, ...] = (k, offset, viewer_org, today, frozenset(exclude), available_within_days)
        asked += (count_exclusions, exclusion_scope)
        if isinstance(vacancy, PreparedVacancy):
            found_before = self._cached_result(vacancy, snap, asked)
            if found_before is not None:
                return found_before
        prepared, ip = self._prepared(vacancy), self.index_params
        # Counting within reach needs every column's evidence over the near rows: stage 1 then
        # walks the unpruned columns once (what `reach_evidence_rows` would walk a second time,
        # the occupation columns pruning leaves to a bound). The unpruned bound is a valid bound
        # too (no pruned part: `pruned_bound` 0), and `top_k` is exact for any valid bound (it
        # equals a full exact scan), so the shortlist is the same.
        reach_counts = count_exclusions and exclusion_scope is Scope.REACH
        qw = self._weights(snap, prepared, prune=not reach_counts)
        request = self._request(prepared, today, viewer_org, available_within_days)
        segments = [
            (s, a) for s, a in ((snap.main, snap.present), (snap.delta, snap.delta_present)) if len(s)
        ]
        entries: list[ShortlistEntry] = []
        pools: list[Pool] = []
        walked = qw  # the weights the pools were walked with
        more = False
        depth = offset + k + 1  # one more than the page: is there a next page?
        if k > 0 and segments:
            for attempt in range(2):
                if attempt:  # evidence only in pruned columns may matter: repeat without pruning
                    qw = self._weights(snap, prepared, prune=False)
                pools = candidate_pools(
                    segments,
                    qw,
                    prepared.distances,
                    request.include_unknown_distance,
                    exclude,
                    threads=ip.stage1_threads,
                    near_of=self._near(prepared, request.include_unknown_distance),
                    bounds_of=self._bounds(prepared, qw, ip.stage1_threads),
                )
                walked = qw
                need = max(ip.rerank_pool * depth, depth)
                found = eligible(pools, request, need)
                ranked = top_k(found, qw, self.params, depth)
                while not ranked.done:
                    need *= 4
                    found = eligible(pools, request, need, found)
                    ranked = top_k(found, qw, self.params, depth, ranked)
                if ranked.best is not None:
                    break
            assert ranked.best is not None  # unpruned weights always give an exact answer
            more = len(ranked.best) > offset + k
            page = ranked.best[offset : offset + k]
            entries = shortlist_entries(
                page, qw, self._space, prepared.km, first_rank=offset + 1, crossings=prepared.crossings
            )
        exclusions = None
        if count_exclusions:
            # Unpruned weights: which columns a page needed (pruned or not) depends on k and
            # offset, and the counts must not (the same candidates are counted for every page).
            counting = self._weights(snap, prepared, prune=False)
            if exclusion_scope is Scope.REACH and len(pools) < len(segments):  # k = 0: no pools yet
                pools, walked = (
                    candidate_pools(
                        segments,
                        counting,
                        prepared.distances,
                        request.include_unknown_distance,
                        exclude,
                        near_of=self._near(prepared, request.include_unknown_distance),
                        bounds_of=self._bounds(prepared, counting, 1),
                    ),
                    counting,
                )
            exclusions = self._exclusions(
                segments, pools, walked, counting, request, exclude, exclusion_scope
            )
        ranked_shortlist = RankedShortlist(entries, exclusions, more)
        if isinstance(vacancy, PreparedVacancy):
            self._keep_result(vacancy, snap, asked, ranked_shortlist)
        return ranked_shortlist

    def _cached_result(
        self, prepared: PreparedVacancy, snap: _Snapshot, asked: tuple[Any, ...]
    ) -> RankedShortlist | None:
        """The answer `rank` gave for this prepared vacancy and these arguments over this very
        snapshot, if kept (`RESULTS_CACHE`): every write publishes a new snapshot, so an answer
        is never served over another index state (an update or a withdrawal is seen at once)."""
        key = (id(prepared), asked)
        with self._weights_lock:
            held = self._results.get(key)
            if held is None or held[0] is not prepared or held[1] is not snap:
                return None
            self._results.move_to_end(key)
            self.stats["shortlists_reused"] += 1
            found = held[2]
        return RankedShortlist(list(found.entries), found.exclusions, found.more)

    def _keep_result(
        self, prepared: PreparedVacancy, snap: _Snapshot, asked: tuple[Any, ...], found: RankedShortlist
    ) -> None:
        with self._weights_lock:
            for key in [key for key, held in self._results.items() if held[1] is not self._snapshot]:
                del self._results[key]  # over an older index state: never served again
            if snap is not self._snapshot:
                return  # a write came meanwhile
            self._results[(id(prepared), asked)] = (
                prepared,
                snap,
                RankedShortlist(list(found.entries), found.exclusions, found.more),
            )
            while len(self._results) > RESULTS_CACHE:
                self._results.popitem(last=False)

    def _exclusions(
        self,
        segments: list[tuple[Segment, np.ndarray]],
        pools: list[Pool],
        walked: QueryWeights,
        qw: QueryWeights,
        request: Request,
        exclude: Collection[str],
        scope: Scope,
    ) -> Exclusions:
        """What the hard filters removed, over every segment (see `filters.Exclusions`): `pools`
        were walked with `walked`, `qw` are the same query's unpruned weights."""
        spec = filter_spec(request)
        keys = [encode_id(c) for c in exclude]
        reasons = counted_reasons(scope)
        considered, excluded = 0, 0
        counts = np.zeros(len(reasons), dtype=np.int64)
        for i, (seg, present) in enumerate(segments):
            if scope is Scope.REACH:
                pool = pools[i]
                kept = self._positive(seg, pool.near, pool.ub) if walked is qw else None
                if kept is not None:  # which filters the kept rows fail, kept too: the viewer's apply
                    bits = self._failures(seg, pool.ub, kept, spec, scope)
                    keep = pool.present[kept]
                    if len(pool.excluded_rows):
                        keep &= ~np.isin(kept, pool.excluded_rows)
                    c, e, per = count_with_bits(seg.columns, kept, bits, keep, spec, scope)
                    considered, excluded, counts = considered + c, excluded + e, counts + per
                    continue
                rows = reach_evidence_rows(pool, walked, qw, kept)
            else:
                if i < len(pools):
                    excluded_rows = pools[i].excluded_rows
                else:
                    excluded_rows = np.asarray([r for r in map(seg.find, keys) if r >= 0], dtype=np.int64)
                rows = evidence_rows(seg, qw, present, excluded_rows)
            c, e, per = count_exclusions(seg.columns, rows, spec, scope)
            considered, excluded, counts = considered + c, excluded + e, counts + per
        return Exclusions(
            considered,
            excluded,
            {r.value: n for r, n in zip(reasons, counts.tolist(), strict=True)},
            scope,
        )

    def explain(
        self,
        vacancy: Vacancy | PreparedVacancy,
        candidate_id: str,
        *,
        today: date,
        viewer_org: ViewerArg = None,
        available_within_days: int = DEFAULT_AVAILABILITY_WINDOW_DAYS,
    ) -> ShortlistEntry | None:
        """One candidate's score and explanation for `vacancy`, whether or not shortlisted;
        `filters` lists the hard filters the candidate fails (rank is 0). None if unknown."""
        return self.explain_many(
            vacancy,
            [candidate_id],
            today=today,
            viewer_org=viewer_org,
            available_within_days=available_within_days,
        ).get(candidate_id)

    def explain_many(
        self,
        vacancy: Vacancy | PreparedVacancy,
        candidate_ids: Iterable[str],
        *,
        today: date,
        viewer_org: ViewerArg = None,
        available_within_days: int = DEFAULT_AVAILABILITY_WINDOW_DAYS,
    ) -> dict[str, ShortlistEntry]:
        """`explain` for several candidates at once (unknown ids are left out). The same stages as
        a shortlist, for the given candidates only."""
        snap = self._snapshot
        prepared = vacancy if isinstance(vacancy, PreparedVacancy) else self.prepare(vacancy)
        qw = self._weights(snap, prepared, prune=False)
        found: dict[int, tuple[Segment, list[int], list[str]]] = {}
        for candidate_id in dict.fromkeys(candidate_ids):
            seg, row = self._locate(snap, candidate_id)
            if row >= 0:
                group = found.setdefault(id(seg), (seg, [], []))
                group[1].append(row)
                group[2].append(candidate_id)
        groups = list(found.values())
        failures = explain_failures(
            self._request(prepared, today, viewer_org, available_within_days),
            [(seg, row) for seg, rows, _ in groups for row in rows],
        )
        scored = score_rows([(seg, np.asarray(rows)) for seg, rows, _ in groups], qw, self.params)
        entries = explanations(scored, qw, self._space, prepared.km, failures, crossings=prepared.crossings)
        return dict(zip([c for _, _, ids in groups for c in ids], entries, strict=True))

    def rank_of(
        self,
        vacancy: Vacancy | PreparedVacancy,
        candidate_id: str,
        *,
        today: date,
        viewer_org: ViewerArg = None,
        exclude: Collection[str] = (),
        available_within_days: int = DEFAULT_AVAILABILITY_WINDOW_DAYS,
    ) -> int | None:
        """The candidate's real rank on the shortlist of `vacancy` with these arguments (1 = first),
        as deep as it goes; None when the candidate would not be listed at all (unknown, failing a
        hard filter, in `exclude`, or without skill evidence).

        1 + the number of eligible candidates ordered before them (score desc, coverage desc, id
        asc): every eligible candidate whose stage-1 bound reaches the candidate's score is scored
        exactly (unpruned columns, so no bound is left out). Costs one shortlist's stages over the
        near rows at most: meant for one explanation, not for every row."""
        snap = self._snapshot
        prepared = self._prepared(vacancy)
        request = self._request(prepared, today, viewer_org, available_within_days)
        seg, row = self._locate(snap, candidate_id)
        if row < 0 or candidate_id in exclude:
            return None
        qw = self._weights(snap, prepared, prune=False)
        if explain_failures(request, [(seg, row)])[0]:
            return None
        (_, own), *_ = score_rows([(seg, np.asarray([row]))], qw, self.params)
        score, coverage = float(own.score[0]), float(own.coverage[0])
        if score <= 0:
            return None
        segments = [
            (s, a) for s, a in ((snap.main, snap.present), (snap.delta, snap.delta_present)) if len(s)
        ]
        pools = candidate_pools(
            segments, qw, prepared.distances, request.include_unknown_distance, exclude, threads=1
        )
        found = eligible(pools, request, need=sum(p.near.size for p in pools) + 1)
        key = encode_id(candidate_id)
        before = 0
        for s, rows, bounds in zip(found.segments, found.rows, found.bounds, strict=True):
            maybe = np.sort(rows[bounds + qw.pruned_bound + EPS >= score].astype(np.int64))
            if not len(maybe):
                continue
            ex = exact_scores(s, maybe, qw, self.params)
            ids = s.ids[maybe]
            ahead = (ex.score > score) | (
                (ex.score == score) & ((ex.coverage > coverage) | ((ex.coverage == coverage) & (ids < key)))
            )
            before += int(ahead.sum())
        return before + 1

    def home(self, candidate_id: str) -> tuple[str, float] | None:
        """The candidate's home municipality code ("" when unknown) and maximum commute in km;
        None when the candidate is not in the index."""
        seg, row = self._locate(self._snapshot, candidate_id)
        if row < 0:
            return None
        place = int(seg.municipality[row])
        code = self._municipalities.codes[place] if place >= 0 else ""
        return code, float(seg.max_commute_km[row])

    def consents_to(self, candidate_id: str, org: str) -> bool | None:
        """Whether the candidate consented to ``org`` (the candidates topic's ``consented_orgs``);
        None when the candidate is not in the index."""
        snap = self._snapshot
        seg, row = self._locate(snap, candidate_id)
        if row < 0:
            return None
        bits = seg.columns["consent"]
        return bool(consents(bits, self._orgs.find(org), np.asarray([row], dtype=np.int64))[0])

    def memory_bytes(self) -> int:
        """Bytes held by the index arrays (segments and masks)."""
        snap = self._snapshot
        return snap.main.nbytes() + snap.present.nbytes + snap.delta.nbytes() + snap.idf.nbytes

    # -- internals ----------------------------------------------------------------------------
    def _prepared(self, vacancy: Vacancy | PreparedVacancy) -> PreparedVacancy:
        return vacancy if isinstance(vacancy, PreparedVacancy) else self.prepare(vacancy)

    def _weights(self, snap: _Snapshot, prepared: PreparedVacancy, *, prune: bool) -> QueryWeights:
        """Stage 1 for one request: the prepared query with the snapshot's IDF; with `prune`,
        occupation columns that could add little are left to a bound (see `query_weights`).

        Kept per prepared vacancy (`WEIGHTS_CACHE_VACANCIES` of them, the most recently used) for
        the snapshot state the weights were made of: its IDF and occupation norms (both new
        after every merge; the same objects while only the delta changes) and, when pruning, the
        most work-history occupations of any row. Another state makes new weights, so they
        always equal `query_weights` of the current snapshot. The weights hold no candidate
        (no row, id or score): an update or a withdrawal changes shortlists at once."""
        # A declared language adds to rows with other evidence only (`spoken`): their stage-1
        # bound must see all of it, so a vacancy with ESCO language skills walks every column.
        prune = prune and not prepared.query.languages
        max_occupations = snap.max_occupations if prune else 0
        bound = self.index_params.occupation_prune_bound if prune else 0.0
        key = id(prepared)
        same_state: QueryWeights | None = None  # weights of this state with other pruning
        with self._weights_lock:
            held = self._weights_cache.get(key)
            if held is not None and held[0] is prepared:
                self._weights_cache.move_to_end(key)
                for idf, inv_norm, max_occ, b, cached in held[1]:
                    if idf is snap.idf and inv_norm is snap.occupation_inv_norm:
                        if max_occ == max_occupations and b == bound:
                            return cached  # type: ignore[no-any-return]
                        same_state = cached
        if same_state is not None and not prune:  # the same query and IDF: only the pruning differs
            qw = same_state.unpruned(snap.occupation_inv_norm, self._space)
        else:
            qw = query_weights(
                prepared.query,
                snap.idf,
                snap.occupation_inv_norm,
                self._space,
                max_occupations=max_occupations,
                prune_bound=bound,
            )
        entry = (snap.idf, snap.occupation_inv_norm, max_occupations, bound, qw)
        with self._weights_lock:
            held = self._weights_cache.get(key)
            kept = [
                e
                for e in (held[1] if held is not None and held[0] is prepared else ())
                if e[0] is snap.idf and e[1] is snap.occupation_inv_norm  # other states are stale
            ]
            self._weights_cache[key] = (prepared, [*kept[-1:], entry])  # pruned and unpruned
            self._weights_cache.move_to_end(key)
            while len(self._weights_cache) > WEIGHTS_CACHE_VACANCIES:
                self._weights_cache.popitem(last=False)
        return qw

    def _near(self, prepared: PreparedVacancy, include_unknown: bool) -> Callable[[Segment], NearRows]:
        """`pool.near_rows_of` for `prepared`'s distances, kept for the main segment (`NEAR_CACHE`:
        the same arrays, read only, as long as that segment is the snapshot's main one)."""

        def near_of(seg: Segment) -> NearRows:
            if seg is not self._snapshot.main:  # the delta: small, new after every write
                return near_rows_of(seg, prepared.distances, include_unknown)
            key = (id(prepared), include_unknown)
            with self._weights_lock:
                held = self._near_cache.get(key)
                if held is not None and held[0] is prepared and held[1] is seg:
                    self._near_cache.move_to_end(key)
                    return held[2]
            near = near_rows_of(seg, prepared.distances, include_unknown)
            for part in (near.lo, near.hi, near.block, near.base):
                part.flags.writeable = False  # shared by the requests about this vacancy
            with self._weights_lock:
                if seg is self._snapshot.main:  # (not a main segment a merge just replaced)
                    self._near_cache[key] = (prepared, seg, near)
                    self._near_cache.move_to_end(key)
                    while len(self._near_cache) > NEAR_CACHE:
                        self._near_cache.popitem(last=False)
            return near

        return near_of

    def _bounds(
        self, prepared: PreparedVacancy, qw: QueryWeights, threads: int
    ) -> Callable[[Segment, NearRows], np.ndarray]:
        """`pool.upper_bounds` of `prepared`'s near rows with the weights `qw` (made by `_weights`),
        kept for the main segment (`BOUNDS_CACHE`: the same array, read only, as long as that
        segment is the snapshot's main one, these weights are the ones `_weights` keeps and the
        near rows are the ones `_near` keeps)."""

        def bounds_of(seg: Segment, near: NearRows) -> np.ndarray:
            if seg is not self._snapshot.main:  # the delta: small, new after every write
                return upper_bounds(seg, qw, near, threads=threads)
            key = (id(prepared), id(qw))
            with self._weights_lock:
                held = self._bounds_cache.get(key)
                if held is not None and held[0] is prepared and held[1] is qw and held[2:4] == (seg, near):
                    self._bounds_cache.move_to_end(key)
                    return held[4]
            ub = upper_bounds(seg, qw, near, threads=threads)
            ub.flags.writeable = False  # shared by the requests about this vacancy
            with self._weights_lock:
                if seg is self._snapshot.main:  # (not a main segment a merge just replaced)
                    self._bounds_cache[key] = (prepared, qw, seg, near, ub)
                    self._bounds_cache.move_to_end(key)
                    while len(self._bounds_cache) > BOUNDS_CACHE:
                        self._bounds_cache.popitem(last=False)
            return ub

        return bounds_of

    def _positive(self, seg: Segment, near: NearRows, ub: np.ndarray) -> np.ndarray | None:
        """`pool.positive_rows` of bounds `ub` of the main segment's near rows that `_bounds` keeps
        (`BOUNDS_CACHE`), kept with them (read only); None for other bounds (the caller walks)."""
        with self._weights_lock:
            held = self._positive_cache.get(id(ub))
            if held is not None and held[0] is ub:
                return held[1]
            if seg is not self._snapshot.main or not any(e[4] is ub for e in self._bounds_cache.values()):
                return None
        rows = positive_rows(seg, near, ub)
        rows.flags.writeable = False
        with self._weights_lock:
            kept = {id(e[4]) for e in self._bounds_cache.values()}
            for stale in [key for key in self._positive_cache if key not in kept]:
                del self._positive_cache[stale]  # its bounds are no longer kept
            if id(ub) in kept:
                self._positive_cache[id(ub)] = (ub, rows)
        return rows

    def _failures(
        self, seg: Segment, ub: np.ndarray, rows: np.ndarray, spec: FilterSpec, scope: Scope
    ) -> np.ndarray:
        """`filters.failure_bits` of `rows` (the kept `_positive` rows of bounds `ub` of the main
        segment) for `spec` (its terms but the viewer's), kept with those bounds per day and
        terms (`FAILURES_PER_BOUNDS`): `warm` makes today's, so a vacancy's first count reads
        them, and so do its later pages and other viewers' requests that day."""
        key = (id(ub), failure_key(spec, scope))
        with self._weights_lock:
            held = self._failures_cache.get(key)
            if held is not None and held[0] is ub:
                return held[1]
        bits = failure_bits(seg.columns, rows.astype(np.int64), spec, scope)
        bits.flags.writeable = False
        with self._weights_lock:
            kept = {id(e[0]) for e in self._positive_cache.values()}
            for stale in [k for k in self._failures_cache if k[0] not in kept]:
                del self._failures_cache[stale]  # its bounds are no longer kept
            if id(ub) in kept:
                mine = [k for k in self._failures_cache if k[0] == id(ub)]
                for old in mine[: max(0, len(mine) - FAILURES_PER_BOUNDS + 1)]:
                    del self._failures_cache[old]  # the oldest days first
                self._failures_cache[key] = (ub, bits)
        return bits

    def _request(
        self,
        prepared: PreparedVacancy,
        today: date,
        viewer_org: ViewerArg,
        window_days: int = DEFAULT_AVAILABILITY_WINDOW_DAYS,
    ) -> Request:
        if window_days < 0:
            raise ValueError(f"availability window must be >= 0 days, got {window_days}")
        homes = None
        if viewer_org is None:
            org = None
        elif isinstance(viewer_org, str):
            org = self._orgs.find(viewer_org)
        else:
            org = self._orgs.find(viewer_org.org)
            homes = self._homes(viewer_org.municipalities)
        return Request(
            prepared.vacancy,
            today,
            org,
            prepared.distances,
            self.params.include_unknown_distance,
            window_days,
            homes,
        )

    def _homes(self, municipalities: frozenset[str]) -> np.ndarray | None:
        """(len(municipalities table) + 1,) bool: True at the positions of `municipalities`; the
        last entry (unknown, position -1) False. None for an empty set. Kept per set (a handful:
        one per region combination the organisations serve), so a request only looks it up."""
        if not municipalities:
            return None
        found = self._homes_cache.get(municipalities)
        if found is None:
            found = np.zeros(len(self._municipalities) + 1, dtype=bool)
            at = [i for i in map(self._municipalities.index, municipalities) if i >= 0]
            found[np.asarray(at, dtype=np.int64)] = True
            found.setflags(write=False)
            if len(self._homes_cache) >= HOMES_CACHE:
                self._homes_cache.clear()
            self._homes_cache[municipalities] = found
        return found

    def _filter_spec(
        self,
        vacancy: Vacancy,
        today: date,
        viewer_org: ViewerArg,
        window_days: int = DEFAULT_AVAILABILITY_WINDOW_DAYS,
    ) -> FilterSpec:
        """The filter spec of a request (tests and benchmarks look at it)."""
        return filter_spec(self._request(self.prepare(vacancy), today, viewer_org, window_days))

    def _segment(self, rows: list[CompactCandidate], idf: np.ndarray | None) -> Segment:
        return build_segment(rows, self._space, idf, self._layout)

    def _delta_segment(self, idf: np.ndarray | None) -> Segment:
        rows = [self._delta_rows[key] for key in sorted(self._delta_rows)]
        return self._segment(rows, idf)

    def _locate(self, snap: _Snapshot, candidate_id: str) -> tuple[Segment, int]:
        key = encode_id(candidate_id)
        row = snap.delta.find(key)
        if row >= 0:
            return snap.delta, row
        row = snap.main.find(key)
        if row >= 0 and snap.present[row]:
            return snap.main, row
        return snap.main, -1

    def _version(self, snap: _Snapshot, candidate_id: str) -> int | None:
        if candidate_id in self._delta_rows:
            return self._delta_rows[candidate_id].version
        seg, row = self._locate(snap, candidate_id)
        if row >= 0:
            return int(seg.versions[row])
        return self._removed.get(text_digest(candidate_id))

    def _tombstone(
        self, main: Segment, present: np.ndarray, n_present: int, candidate_id: str
    ) -> tuple[np.ndarray, int]:
        """`present` without the main row of `candidate_id` (copied on first change)."""
        row = main.find(encode_id(candidate_id))
        if row < 0 or not present[row]:
            return present, n_present
        if present is self._snapshot.present:
            present = present.copy()
        present[row] = False
        return present, n_present - 1

    def _publish(self, snap: _Snapshot, present: np.ndarray, n_present: int) -> None:
        ip = self.index_params
        limit = max(1, min(ip.delta_max_rows, int(ip.delta_max_share * n_present)))
        if len(self._delta_rows) >= limit or n_present < len(snap.main) // 2:
            self._merge(snap, present)
            return
        delta = self._delta_segment(snap.idf)
        self._snapshot = self._make_snapshot(
            snap.main, present, n_present, delta, snap.idf, snap.occupation_inv_norm
        )
        self._forget_answers()

    def _merge(self, snap: _Snapshot, present: np.ndarray) -> None:
        merged, idf, _ = merge_segments(
            [(snap.main, present), (self._delta_segment(None), None)], self._space
        )
        self._delta_rows.clear()
        self._install(merged, idf)

    def _install(self, main: Segment, idf: np.ndarray) -> None:
        empty = self._segment([], idf)
        self.stats["merges"] += 1
        self._snapshot = self._make_snapshot(main, np.ones(len(main), bool), len(main), empty, idf, None)
        self._forget_answers()

    def _forget_answers(self) -> None:
        """Drop the kept answers (`RESULTS_CACHE`) once a new snapshot is published: they are never
        served over it, and an answer keeps its snapshot (every row of it) alive, so a withdrawn
        candidate's row and id would stay in memory until the next shortlist (erasure at once)."""
        with self._weights_lock:
            self._results.clear()
            main = self._snapshot.main
            for key in [key for key, held in self._near_cache.items() if held[1] is not main]:
                del self._near_cache[key]  # of a main segment a merge replaced: free its memory
            for stale in [key for key, held in self._bounds_cache.items() if held[2] is not main]:
                del self._bounds_cache[stale]
            kept = {id(e[4]) for e in self._bounds_cache.values()}
            for gone in [key for key in self._positive_cache if key not in kept]:
                del self._positive_cache[gone]
            for gone_bits in [key for key in self._failures_cache if key[0] not in kept]:
                del self._failures_cache[gone_bits]

    def _make_snapshot(  # type: ignore[no-untyped-def]
        self, main, present, n_present, delta, idf, occupation_inv_norm
    ) -> _Snapshot:
        if occupation_inv_norm is None:
            occupation_inv_norm = occupation_inv_norms(self._space, idf)
        return _Snapshot(
            main,
            present,
            n_present,
            delta,
            idf,
            occupation_inv_norm,
            np.ones(len(delta), dtype=bool),
        )


class BulkBuilder:
    """Candidates added in any number of calls, indexed by one merge at `finish` (same version
    rules as `MatchingEngine.upsert_candidate`); a short batch (at most `IndexParams.delta_max_rows`,
    e.g. the tail read after a snapshot) goes to the delta segment instead. Candidates are kept per block of `BULK_CHUNK`
    (the newest version of each id), compacted when the block is full; a candidate the index
    cannot take (`InvalidRecordError`, ...) is logged and left out. `remove` withdraws an id
    added earlier (or indexed before): applied at `finish`, unless a later `add` brings it back.
    Not thread-safe: one writer (the index feed) uses it; readers keep the index served before.
    """

    def __init__(self, engine: MatchingEngine) -> None:
        self.engine = engine
        self._year = engine._clock().year
        self._blocks: list[Segment] = []
        self._chunk: dict[str, Candidate] = {}
        self._removed: set[str] = set()
        self._unknown = 0
        self.added = 0

    def add(self, candidates: Iterable[Candidate]) -> None:
        removed = self.engine._removed
        for c in candidates:
            if removed and c.version <= removed.get(text_digest(c.candidate_id), -(2**63)):
                continue
            self._removed.discard(c.candidate_id)
            old = self._chunk.get(c.candidate_id)
            if old is None or c.version > old.version:
                self._chunk[c.candidate_id] = c
            self.added += 1
            if len(self._chunk) >= BULK_CHUNK:
                self._seal()

    def remove(self, candidate_id: str) -> None:
        self._chunk.pop(candidate_id, None)
        self._removed.add(candidate_id)

    def _seal(self) -> None:
        space, rows = self.engine._space, []
        for key in sorted(self._chunk):
            try:
                rows.append(compact_candidate(self._chunk[key], space, self._year))
            except Exception:
                log.exception("candidate not indexed", extra={"candidate_id": key})
        self._chunk = {}
        self._unknown += sum(r.unknown_uris for r in rows)
        self._blocks.append(self.engine._segment(rows, idf=None))

    def finish(self) -> int:
        """Index what was added (one merge), then apply the removals; returns how many added
        candidates were new or newer than what was indexed. The builder is spent afterwards."""
        engine = self.engine
        if not self._blocks and len(self._chunk) <= engine.index_params.delta_max_rows:
            # a short tail (a start from a snapshot): the delta takes it, no merge of the main segment
            batch = [self._chunk[key] for key in sorted(self._chunk)]
            self._chunk = {}
            loaded = sum(_upserts_or_log(engine, batch))
            self._apply_removals()
            return loaded
        if self._chunk:
            self._seal()
        loaded = 0
        if self._blocks:
            with engine._lock:
                snap = engine._snapshot
                parts = [(snap.main, snap.present), (engine._delta_segment(None), None)]
                parts += [(block, None) for block in self._blocks]
                merged, idf, kept = merge_segments(parts, engine._space)
                loaded = sum(kept[2:])
                for block in self._blocks if engine._removed else ():  # loaded ids are no longer removed
                    for key in block.ids:
                        engine._removed.pop(text_digest(key.decode("utf-8")), None)
                engine._delta_rows.clear()
                engine._install(merged, idf)
                engine.stats["unknown_uris"] += self._unknown
        self._blocks = []
        self._apply_removals()
        return loaded

    def _apply_removals(self) -> None:
        if self._removed:
            self.engine.remove_candidates(sorted(self._removed))
        self._removed = set()


def _upserts_or_log(engine: MatchingEngine, batch: list[Candidate]) -> list[bool]:
    """`engine.upsert_candidates(batch)`, or one by one when a candidate cannot be indexed (logged
    and left out)."""
    try:
        return engine.upsert_candidates(batch)
    except Exception:
        applied = []
        for candidate in batch:
            try:
                applied.append(engine.upsert_candidate(candidate))
            except Exception:
                log.exception("candidate not indexed", extra={"candidate_id": candidate.candidate_id})
        return applied
