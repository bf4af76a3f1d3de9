"""Synthetic but realistic school profiles and audits, for the benchmark and the scale tests."""

from __future__ import annotations

import random
import shutil
from pathlib import Path

import yaml

from cohesion_guide.inputs.audit import STATUSES, practices
from cohesion_guide.inputs.profiles import slug_for

# Weights roughly as a county's schools fall: mostly primaries, some secondaries, a few of the rest.
PHASES = {
    "primary": 70,
    "secondary": 12,
    "nursery": 3,
    "middle": 2,
    "all-through": 2,
    "special": 6,
    "pru": 2,
    "16-plus": 3,
}
TYPES = {
    "primary": [
        "Community School",
        "Voluntary Controlled School",
        "Voluntary Aided School",
        "Academy Converter",
        "Foundation School",
    ],
    "secondary": ["Academy Converter", "Academy Sponsor Led", "Community School", "Foundation School", "Free Schools"],
    "nursery": ["LA Nursery School"],
    "middle": ["Community School", "Academy Converter"],
    "all-through": ["Academy Converter", "Free Schools"],
    "special": ["Community Special School", "Academy Special Converter", "Foundation Special School"],
    "pru": ["Pupil Referral Unit", "Academy Alternative Provision Converter"],
    "16-plus": ["Sixth Form Centres", "Academy 16-19 Converter"],
}
NAME_ENDINGS = {
    "primary": "Primary School",
    "secondary": "Academy",
    "nursery": "Nursery School",
    "middle": "Middle School",
    "all-through": "All-through School",
    "special": "Special School",
    "pru": "Short Stay School",
    "16-plus": "Sixth Form College",
}
ROLL = {
    "primary": (60, 630),
    "secondary": (600, 1800),
    "nursery": (40, 140),
    "middle": (250, 700),
    "all-through": (900, 2000),
    "special": (40, 250),
    "pru": (15, 90),
    "16-plus": (300, 1500),
}
# About a third of primaries have a religious character, and far fewer of the rest.
FAITHS = {
    "Church of England": 60,
    "Roman Catholic": 25,
    "Methodist": 4,
    "Jewish": 3,
    "Muslim": 3,
    "Sikh": 2,
    "Hindu": 1,
    "Christian": 2,
}
TOWNS = [
    "Ashford Vale",
    "Barnham",
    "Castlemere",
    "Dunstow",
    "Elmbridge Cross",
    "Fenwick",
    "Greyhaven",
    "Holmfirth End",
    "Ivybridge Green",
    "Kelbrook",
    "Longmarsh",
    "Millthorpe",
    "Northwick",
    "Oakhurst",
    "Pelham",
    "Queensbury Hill",
    "Redcliffe",
    "Stonebury",
    "Thornley",
    "Upwell",
    "Wexcombe",
    "Yarrowfield",
]
PLACES = [
    "Church",
    "Park",
    "Mill",
    "Meadow",
    "Hill",
    "Brook",
    "Castle",
    "Orchard",
    "Station",
    "Forest",
    "Valley",
    "Bridge",
    "Green",
    "Fields",
    "Heath",
    "Abbey",
    "Moor",
    "Riverside",
    "Westgate",
    "Eastfield",
]
LANGUAGES = [
    "English",
    "Polish",
    "Urdu",
    "Punjabi",
    "Bengali",
    "Somali",
    "Romanian",
    "Arabic",
    "Portuguese",
    "Gujarati",
    "Tamil",
    "Lithuanian",
    "Turkish",
    "Tigrinya",
    "Ukrainian",
]
# Intakes that the tailoring rules tell apart, with how often each is generated.
INTAKES = {"mono-cultural": 45, "mixed": 25, "diverse": 20, "high-eal-fsm": 10}
GROUPS = [
    "white_british",
    "any_other_white",
    "pakistani",
    "indian",
    "bangladeshi",
    "black_african",
    "black_caribbean",
    "white_and_black_caribbean",
    "white_and_asian",
    "any_other_mixed",
    "chinese",
    "any_other_asian",
    "gypsy_roma",
    "any_other_ethnic_group",
]
AUTHORITY = "Exampleshire"
MARK = "(synthetic)"  # every name says so: these schools do not exist


def _pick(rng: random.Random, weights: dict[str, int]) -> str:
    return rng.choices(list(weights), weights=list(weights.values()))[0]


def _percentages(rng: random.Random, shares: dict[str, float]) -> dict[str, int]:
    """Whole percentages that add up to exactly 100 (largest remainder)."""
    total = sum(shares.values())
    exact = {k: 100 * v / total for k, v in shares.items()}
    out = {k: int(v) for k, v in exact.items()}
    for k in sorted(exact, key=lambda k: exact[k] - out[k], reverse=True)[: 100 - sum(out.values())]:
        out[k] += 1
    return {k: v for k, v in out.items() if v > 0}


def _ethnicity(rng: random.Random, intake: str) -> dict[str, int]:
    if intake == "mono-cultural":
        largest = rng.uniform(82, 96)
        rest = rng.sample(GROUPS[1:], 4)
        shares = {"white_british": largest, **{g: rng.uniform(0.5, 4) for g in rest}}
    elif intake == "diverse" or intake == "high-eal-fsm":
        groups = rng.sample(GROUPS, rng.randint(6, 9))
        shares = {g: rng.uniform(6, 22) for g in groups}
    else:
        shares = {"white_british": rng.uniform(55, 75), **{g: rng.uniform(2, 10) for g in rng.sample(GROUPS[1:], 4)}}
    shares["unclassified"] = rng.uniform(0.5, 3)
    return _percentages(rng, shares)


def profile_data(index: int, rng: random.Random) -> dict:
    """One school's profile: the same index and seed always give the same school."""
    phase = _pick(rng, PHASES)
    town = TOWNS[index % len(TOWNS)]
    intake = _pick(rng, INTAKES)
    setting = "rural" if intake == "mono-cultural" and rng.random() < 0.6 else "urban"
    faith = _pick(rng, FAITHS) if phase in ("primary", "secondary", "all-through") and rng.random() < 0.3 else "None"
    saint = "St Mary's " if faith in ("Church of England", "Roman Catholic") and rng.random() < 0.5 else ""
    name = f"{saint}{town} {PLACES[(index // len(TOWNS)) % len(PLACES)]} {NAME_ENDINGS[phase]} {index + 1} {MARK}"
    eal = {"mono-cultural": (0, 8), "mixed": (5, 20), "diverse": (20, 55), "high-eal-fsm": (35, 75)}[intake]
    fsm = {"mono-cultural": (4, 30), "mixed": (10, 30), "diverse": (15, 40), "high-eal-fsm": (30, 60)}[intake]
    data = {
        "school": {
            "name": name,
            "urn": f"{950000 + index:06d}",
            "phase": phase,
            "type": rng.choice(TYPES[phase]),
            "religious_character": faith,
            "local_authority": AUTHORITY,
        },
        "location": {"town": town, "ward": f"{PLACES[index % len(PLACES)]} ward", "setting": setting},
        "pupils": {
            "number_on_roll": rng.randint(*ROLL[phase]),
            "eal_percent": round(rng.uniform(*eal), 1),
            "fsm_percent": round(rng.uniform(*fsm), 1),
            "ethnicity": _ethnicity(rng, intake),
            "home_languages": ["English", *rng.sample(LANGUAGES[1:], {"mono-cultural": 1}.get(intake, 4))],
            "faiths": rng.sample(["Christian", "Muslim", "Hindu", "Sikh", "Jewish", "No religion"], 3),
        },
        "context": f"A {setting} {phase} school in {town}, made up for a benchmark.\n\nIts figures are invented.\n",
        "partnerships": [
            {
                "name": f"{TOWNS[(index + 7) % len(TOWNS)]} partner school {MARK}",
                "kind": "school",
                "what": "Joint projects between classes and shared events each term.",
            }
        ],
        "leads": {"governor": "Chair of governors", "staff": "Deputy headteacher"},
        "document": {
            "approved_by": "Full governing body",
            "date_adopted": "2026-09-01",
            "review_cycle_years": rng.choice([1, 2, 3]),
        },
    }
    if rng.random() < 0.6:  # many schools know their ward's figures; some do not
        data["local_area"] = {
            "name": f"{town} area",
            "eal_percent": round(rng.uniform(0, 40), 1),
            "fsm_percent": round(rng.uniform(5, 35), 1),
            "ethnicity": _ethnicity(rng, _pick(rng, INTAKES)),
        }
    if rng.random() < 0.15:
        data["partnerships"].append(
            {
                "name": f"Twinned school abroad {MARK}",
                "kind": "international",
                "what": "Letters and video calls between pupils.",
            }
        )
    return data


def audit_data(rng: random.Random) -> dict:
    """An audit with every practice assessed, as a school part-way through its work would write it."""
    entries = {}
    for practice in practices():
        status = rng.choice(STATUSES)
        entry = {"status": status}
        if status != "not-yet":
            entry["where"] = "Minutes of the governing body; the school's own records"
        entries[practice.id] = entry
    return {"completed_on": "2026-10-05", "completed_by": "Deputy headteacher", "practices": entries}


def write_schools(project: Path, count: int, *, seed: int = 7, audit_share: float = 0.25) -> list[Path]:
    """Replace a project copy's schools/ and audits/ with `count` synthetic profiles (and audits for
    about `audit_share` of them). Return the profiles' paths. Never point this at the real project."""
    project = Path(project)
    if (project / "cohesion_guide").exists():  # the real project has its code beside its schools
        raise ValueError(f"{project} looks like the project itself; write synthetic schools only into a copy")
    rng = random.Random(seed)
    for folder in ("schools", "audits"):
        shutil.rmtree(project / folder, ignore_errors=True)
        (project / folder).mkdir()
    paths = []
    for index in range(count):
        data = profile_data(index, rng)
        slug = slug_for(data["school"]["name"])
        path = project / "schools" / f"{slug}.yml"
        path.write_text(yaml.safe_dump(data, sort_keys=False, allow_unicode=True), encoding="utf-8")
        paths.append(path)
        if rng.random() < audit_share:
            (project / "audits" / f"{slug}.yml").write_text(
                yaml.safe_dump(audit_data(rng), sort_keys=False), encoding="utf-8"
            )
    return paths
