"""The demo's service paths, voucher pilot, training catalogue and a week of satisfaction ratings
(issue 13), loaded through the services' own APIs like everything else in ``make demo``.

* a vocational school's training catalogue (invented courses for the region's shortage
  occupations), imported as a CSV file the way an operator would;
* a service-voucher pilot for highly educated jobseekers over 50 with three providers: vouchers
  issued, providers chosen, a few hires and a withdrawal;
* service paths of Tampere jobseekers: one with a handover to the school waiting for acknowledgement,
  one acknowledged by a partner agency, one step past its planned end, one with no step at all;
* a week of ratings: jobseekers (through their coach) and employers rating referrals and path steps.

Every person is invented (the demo's generated profiles).
"""

from __future__ import annotations

import random
import time
import urllib.request
from datetime import UTC, date, datetime, timedelta
from typing import Any

from deploy.http_client import call
from services.kernel.calendar import local_day

REGION = "pirkanmaa"
COACH_ORG = "tampere-tyollisyys"
SCHOOL = "pirkan-ammattiopisto"
PROVIDERS = ("pirkan-rekry-oy", "uravalmennus-oy", "osaamispolku-oy")
PILOT = "yli50-korkeakoulutetut"
ESCO = "http://data.europa.eu/esco/occupation/"
#: occupation label (demo_data.OCCUPATIONS) → Finnish and Swedish names used in course titles
COURSE_NAMES = {
    "welder": ("Hitsaaja", "Svetsare"),
    "sheet metal worker": ("Ohutlevyseppä", "Tunnplåtslagare"),
    "computer numerical control machine operator": ("CNC-koneistaja", "CNC-operatör"),
    "healthcare assistant": ("Lähihoitaja", "Närvårdare"),
    "nurse responsible for general care": ("Sairaanhoitaja", "Sjukskötare"),
    "cook": ("Kokki", "Kock"),
    "kitchen assistant": ("Keittiötyöntekijä", "Köksbiträde"),
    "early years teacher": ("Varhaiskasvatuksen opettaja", "Lärare inom småbarnspedagogik"),
    "building cleaner": ("Toimitilahuoltaja", "Lokalvårdare"),
}
HEADER = ("course_id;provider;title_fi;title_sv;skills;length_weeks;municipality;online;apprenticeship;"
          "start_dates;url")  # fmt: skip


def _fi(day: date) -> str:
    return f"{day.day}.{day.month}.{day.year}"


def catalogue_csv(taxonomy: Any, today: date) -> bytes:
    """The school's catalogue as Finnish Excel saves CSV: ';'-separated, UTF-8 with BOM, CRLF."""
    from deploy.demo_data import OCCUPATIONS

    lines = [HEADER]
    for n, (label, (fi, sv)) in enumerate(COURSE_NAMES.items()):
        essential = list(taxonomy.occupation_skills(ESCO + OCCUPATIONS[label][0])[0])
        if not essential:
            continue
        third = max(1, len(essential) // 3)
        starts = [today + timedelta(days=21 + 7 * (n % 3)), today + timedelta(days=77 + 7 * (n % 4))]
        for k in range(3):
            part = essential[k * third : (k + 1) * third] if k < 2 else essential[2 * third :]
            if part:
                lines.append(
                    f"{n:02d}-T{k + 1};{SCHOOL};{fi}: täydennyskoulutus {k + 1}/3;{sv}: fortbildning {k + 1}/3;"
                    f"{' | '.join(part)};{6 + 2 * k};{'Tampere' if k != 1 else 'Nokia'};ei;ei;"
                    f"{' | '.join(_fi(d) for d in starts)};"
                )
        lines.append(
            f"{n:02d}-OPPI;{SCHOOL};{fi}: oppisopimuskoulutus;{sv}: läroavtalsutbildning;"
            f"{' | '.join(essential)};52;Tampere;ei;kyllä;jatkuva haku;"
        )
        lines.append(
            f"{n:02d}-VERKKO;{SCHOOL};{fi}: perusteet verkossa;{sv}: grunderna på nätet;"
            f"{' | '.join(essential[:3])};3;;kyllä;ei;{_fi(today + timedelta(days=10))};"
        )
    return ("\ufeff" + "\r\n".join(lines) + "\r\n").encode()


class JourneyDemo:
    def __init__(
        self, stack: Any, loader: Any, taxonomy: Any, people: list[tuple[str, str, dict[str, Any]]]
    ) -> None:
        self.stack, self.loader, self.taxonomy = stack, loader, taxonomy
        self.profile, self.matching = stack.url("profile"), stack.url("matching")
        self.people = [(pid, body) for org, pid, body in people if org == COACH_ORG]
        self.coach = loader.token(_role("coach"), COACH_ORG, "valmentaja@tampere")
        self.operator = loader.token(_role("operator"), "kohtaanto", "operaattori@kohtaanto")
        self.rng = random.Random(13)
        self.today = local_day(datetime.now(UTC))
        self.path_people: list[str] = []
        self.rated = 0

    def say(self, message: str) -> None:
        print(f"demo: {message}", flush=True)

    def run(self, fresh: bool, week: str, pseudonym: Any) -> dict[str, str]:
        """Load everything once (``fresh``) and then prepare this week's meeting again so that it shows
        the paths, the courses and the ratings; on a later run leave the meeting as it is (the team may
        have prepared and discussed it: outside tester 19, P10). Returns what to print."""
        links: dict[str, str] = {}
        if fresh:
            self.import_catalogue()
            self.voucher_pilot()
            links.update(self.paths())
            self.prepare(week)
            link, self.rated = self.ratings({pseudonym(pid): pid for pid, _ in self.people})
            if link:
                links["rating_link"] = link
            self.wait_and_prepare(week)
        return links

    def prepare(self, week: str) -> dict[str, Any]:
        return self.loader.call(
            "POST", f"{self.matching}/api/v1/meetings/{REGION}/{week}/prepare", self.coach
        )

    def wait_and_prepare(self, week: str, timeout: float = 90.0) -> None:
        """Prepare the meeting again once matching has the paths and ratings (they travel over Kafka)."""
        deadline = time.monotonic() + timeout
        while True:
            self.prepare(week)
            content = self.loader.call(
                "GET", f"{self.matching}/meetings/{REGION}/{week}/content.json", self.coach
            )["content"]
            paths, sat = content.get("paths") or {}, content.get("satisfaction") or {}
            if (
                paths.get("followed", 0) >= 12 and sat.get("total", {}).get("count", 0) >= 10
            ) or time.monotonic() > deadline:
                break
            time.sleep(2)
        self.say(
            f"prepared the {REGION} meeting of {week} again: {paths.get('needing_attention', 0)} of "
            f"{paths.get('followed', 0)} jobseekers on a service path need someone to act; "
            f"{sat.get('total', {}).get('count', 0)} ratings"
        )

    # -- the training catalogue ------------------------------------------------------------------------
    def import_catalogue(self) -> None:
        request = urllib.request.Request(
            f"{self.matching}/api/v1/training/catalogue",
            data=catalogue_csv(self.taxonomy, self.today),
            method="POST",
            headers={"Content-Type": "text/csv", "Authorization": f"Bearer {self.operator}"},
        )
        with urllib.request.urlopen(request, timeout=60) as response:
            import json

            done = json.loads(response.read())
        self.say(
            f"imported the training catalogue of {SCHOOL}: {done['courses']} courses ({done['read_as']})"
        )

    # -- the voucher pilot -----------------------------------------------------------------------------
    def voucher_pilot(self) -> None:
        body = {
            "name": "Yli 50-vuotiaat korkeakoulutetut, palveluseteli (Pirkanmaa)",
            "rule": {
                "min_age": 50,
                "min_education": "bachelor",
                "min_unemployed_months": 3,
                "max_unemployed_months": 6,
            },
            "voucher_months": 4,
            "providers": list(PROVIDERS),
            "starts_on": (self.today - timedelta(days=60)).isoformat(),
            "ends_on": (self.today + timedelta(days=300)).isoformat(),
            "region": REGION,
        }
        self.loader.call("PUT", f"{self.profile}/api/v1/pilots/{PILOT}", self.operator, body)
        eligible = [pid for pid, b in self.people if b["education_level"] == "bachelor"][:24]
        issued = chosen = hired = 0
        for i, pid in enumerate(eligible):
            voucher = self.loader.call(
                "POST",
                f"{self.profile}/api/v1/profiles/{pid}/vouchers",
                self.coach,
                {
                    "pilot_id": PILOT,
                    "age_years": self.rng.randint(50, 62),
                    "unemployed_since": (self.today - timedelta(days=self.rng.randint(95, 175))).isoformat(),
                    "takes_part": True,
                },
            )
            issued += 1
            if i >= 20:
                continue  # still choosing
            provider = PROVIDERS[0] if i < 9 else PROVIDERS[1] if i < 16 else PROVIDERS[2]
            self.loader.call(
                "POST",
                f"{self.profile}/api/v1/vouchers/{voucher['id']}/choice",
                self.coach,
                {"provider": provider},
            )
            chosen += 1
            if i in (0, 3, 9):
                recruiter = self.loader.token(_role("recruiter"), provider, f"rekrytoija@{provider}")
                self.loader.call(
                    "POST", f"{self.profile}/api/v1/vouchers/{voucher['id']}/hired", recruiter, {}
                )
                hired += 1
            elif i == 12:
                self.loader.call(
                    "POST", f"{self.profile}/api/v1/vouchers/{voucher['id']}/withdraw", self.coach
                )
        self.say(f"voucher pilot {PILOT}: {issued} vouchers issued, {chosen} providers chosen, {hired} hired")

    # -- service paths ---------------------------------------------------------------------------------
    def paths(self) -> dict[str, str]:
        t = self.today
        people = [pid for pid, b in self.people if b["education_level"] != "bachelor"][:12]
        self.path_people = people

        def step(kind: str, org: str, start: int, end: int, person: str | None = None) -> dict[str, Any]:
            return {
                "kind": kind,
                "org": org,
                "starts_on": (t + timedelta(days=start)).isoformat(),
                "planned_end": (t + timedelta(days=end)).isoformat(),
                **({"person": person} if person else {}),
            }

        def open_path(
            pid: str, group: str, first: dict[str, Any] | None, work_ability: bool = False
        ) -> dict[str, Any]:
            body = {
                "group": group,
                "partial_work_ability": work_ability,
                **({"first_step": first} if first else {}),
            }
            return self.loader.call("POST", f"{self.profile}/api/v1/profiles/{pid}/path", self.coach, body)

        coaching = step("coaching", COACH_ORG, -45, 30, "valmentaja@tampere")
        waiting = open_path(people[0], "young_people", coaching)
        handover = self.loader.call(
            "POST",
            f"{self.profile}/api/v1/paths/{waiting['id']}/handovers",
            self.coach,
            {
                "from_step": waiting["steps"][0]["id"],
                "to": step("training", SCHOOL, 14, 120),
                "consent": True,
                "shared": ["name", "contact", "skills", "languages"],
                "note": "Kiinnostunut hitsauksesta; aloitus toivottavasti tammikuussa.",
            },
        )
        acked = open_path(
            people[1], "recently_laid_off", step("coaching", COACH_ORG, -30, 20, "valmentaja@tampere")
        )
        h2 = self.loader.call(
            "POST",
            f"{self.profile}/api/v1/paths/{acked['id']}/handovers",
            self.coach,
            {"from_step": acked["steps"][0]["id"], "to": step("recruitment_by_provider", PROVIDERS[0], 0, 90),
             "consent": True, "shared": ["name", "contact", "skills", "work_history"]},
        )  # fmt: skip
        provider = self.loader.token(_role("recruiter"), PROVIDERS[0], f"rekrytoija@{PROVIDERS[0]}")
        self.loader.call("POST", f"{self.profile}/api/v1/handovers/{h2['id']}/acknowledge", provider, {})
        open_path(
            people[2], "immigrants", step("language_training", COACH_ORG, -90, -9, "valmentaja@tampere")
        )
        gap = open_path(
            people[3],
            "long_term_unemployed",
            step("coaching", COACH_ORG, -60, 10, "valmentaja@tampere"),
            True,
        )
        self.loader.call(
            "POST",
            f"{self.profile}/api/v1/paths/{gap['id']}/steps/{gap['steps'][0]['id']}/end",
            self.coach,
            {"reason": "interrupted", "ended_on": (t - timedelta(days=12)).isoformat()},
        )
        open_path(people[4], "young_people", None)
        groups = ["young_people", "immigrants", "long_term_unemployed", "recently_laid_off"]
        for i, pid in enumerate(people[5:12]):
            open_path(pid, groups[i % 4], step("coaching", COACH_ORG, -20 - i, 40 + i, "valmentaja@tampere"))
        self.say(
            "service paths: 12 Tampere jobseekers; a handover to the school waits for acknowledgement, "
            "one was acknowledged by a partner agency, one step is past its end, two paths have no open step"
        )
        return {"handover": handover["id"], "path_profile": people[0]}

    # -- a week of ratings -----------------------------------------------------------------------------
    def ratings(self, candidate_to_profile: dict[str, str]) -> tuple[str | None, int]:
        """Referrals from this week's shortlists (recorded as proposed), rated by the jobseekers
        (through the coach) and by the employers; the path steps rated by their jobseekers."""
        week = _iso_week(self.today)
        content = self.loader.call(
            "GET", f"{self.matching}/meetings/{REGION}/{week}/content.json", self.coach
        )["content"]
        recruiter_org = PROVIDERS[0]
        recruiter = self.loader.token(_role("recruiter"), recruiter_org, f"rekrytoija@{recruiter_org}")
        proposed: list[tuple[str, str, str]] = []  # (vacancy, employer, candidate)
        for v in content["vacancies"]:
            for c in v["candidates"][:3]:
                if c["candidate_id"] in candidate_to_profile and len(proposed) < 18:
                    r = call("POST", f"{self.matching}/api/v1/vacancies/{v['vacancy_id']}/outcomes", recruiter,
                             {"candidate_id": c["candidate_id"], "status": "proposed"})  # fmt: skip
                    if r.status == 201:
                        proposed.append((v["vacancy_id"], v["employer_org"], c["candidate_id"]))
        link = None
        deadline = time.monotonic() + 60
        rated = 0
        # the last referral is left for the jobseeker to rate through the link the demo prints
        for_link, pending = (
            (proposed[-1], list(proposed[:-1])) if len(proposed) > 1 else (None, list(proposed))
        )
        while pending and time.monotonic() < deadline:
            vacancy_id, employer, candidate = pending[0]
            pid = candidate_to_profile[candidate]
            body = {
                "subject": {"kind": "referral", "vacancy_id": vacancy_id},
                "score": self.rng.choice([3, 4, 4, 5, 5, 2]),
            }
            r = call("POST", f"{self.profile}/api/v1/profiles/{pid}/ratings", self.coach, body)
            if r.status == 422:  # the referral has not reached the profile service yet
                time.sleep(0.5)
                continue
            pending.pop(0)
            rated += r.status == 201
            employer_token = self.loader.token(_role("employer"), employer, f"rekrytointi@{employer}")
            e = call("POST", f"{self.profile}/api/v1/ratings", employer_token,
                     {**body, "candidate_id": candidate, "score": self.rng.choice([4, 4, 5, 3])})  # fmt: skip
            rated += e.status == 201
        while for_link and link is None and time.monotonic() < deadline:
            vacancy_id, _, candidate = for_link
            made = call("POST", f"{self.profile}/api/v1/profiles/{candidate_to_profile[candidate]}/rating-links",
                        self.coach, {"subject": {"kind": "referral", "vacancy_id": vacancy_id}})  # fmt: skip
            if made.status == 201:
                link = made.json()["url"]
            elif made.status == 422:  # the referral has not reached the profile service yet
                time.sleep(0.5)
            else:
                break
        for pid in self.path_people:
            got = call("GET", f"{self.profile}/api/v1/profiles/{pid}/ratings", self.coach)
            if got.status != 200:
                continue
            for item in got.json()["to_rate"]:
                if item["kind"] == "path_step":
                    body = {
                        "subject": {"kind": "path_step", "step_id": item["ref"]},
                        "score": self.rng.choice([4, 5, 5, 3]),
                    }
                    rated += (
                        call("POST", f"{self.profile}/api/v1/profiles/{pid}/ratings", self.coach, body).status
                        == 201
                    )
        self.say(f"a week of satisfaction ratings: {rated} ratings of referrals and path steps")
        return link, rated


def _role(name: str) -> Any:
    from shared.auth import Role

    return Role(name)


def _iso_week(day: date) -> str:
    iso = day.isocalendar()
    return f"{iso.year}-W{iso.week:02d}"
