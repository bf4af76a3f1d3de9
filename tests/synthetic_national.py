"""A national register (GIAS) extract in the register's own format, with everything the national
edition must cope with, for its tests and `make bench-national`.

    python -m tests.synthetic_national OUT.csv [--schools 24000] [--authorities 150] [--seed 28]

About as England's is: open state-funded schools in authorities of very different sizes (from a
handful of schools to over 600), mostly primaries, academies in multi-academy trusts that cross
authorities, a third of primaries with a religious character and its diocese, nursery classes,
girls' and boys' schools, special schools and pupil referral units, figures the register does not
give. And its quirks: Windows-1252 text (curly apostrophes, accents), closed rows and rows proposed to
close or to open, independent schools and colleges, Welsh and overseas establishments to leave out,
and rows longer than the header (appended from a newer extract). Every school's and authority's
name says it is synthetic. Generated, never committed: 24,000 schools make about 45 MB.
"""

from __future__ import annotations

import argparse
import csv
import random
from pathlib import Path

from tests.synthetic_extract import header
from tests.synthetic_schools import MARK, PLACES, TOWNS

# Of the open state-funded schools: phase (the register's name), weight, the types it comes in (weighted)
PHASES = [
    ("Primary", 74, {"Community School": 30, "Voluntary Aided School": 11, "Voluntary Controlled School": 9,
                     "Foundation School": 2, "Academy Converter": 32, "Academy Sponsor Led": 12, "Free Schools": 4}),
    ("Secondary", 14, {"Academy Converter": 55, "Academy Sponsor Led": 22, "Community School": 7, "Foundation School": 4,
                       "Voluntary Aided School": 5, "Free Schools": 5, "University Technical College": 1,
                       "Studio Schools": 1}),
    ("Not applicable", 5, {"Community Special School": 40, "Academy Special Converter": 30,
                           "Academy Special Sponsor Led": 10, "Free Schools Special": 10, "Foundation Special School": 5,
                           "Pupil Referral Unit": 10, "Academy Alternative Provision Converter": 5,
                           "Free Schools - Alternative Provision": 3}),
    ("Nursery", 2, {"LA Nursery School": 1}),
    ("All-through", 2, {"Academy Converter": 3, "Free Schools": 2, "Community School": 1}),
    ("16 plus", 1, {"Academy 16-19 Converter": 2, "Free Schools - 16-19": 1}),
    ("Middle deemed secondary", 1, {"Community School": 1, "Academy Converter": 2}),
]  # fmt: skip
AGES = {"Primary": (4, 11), "Secondary": (11, 18), "Not applicable": (5, 16), "Nursery": (2, 5),
        "All-through": (4, 18), "16 plus": (16, 19), "Middle deemed secondary": (9, 13)}  # fmt: skip
ROLL = {"Primary": (40, 700), "Secondary": (500, 2000), "Not applicable": (20, 250), "Nursery": (30, 150),
        "All-through": (800, 2100), "16 plus": (200, 1500), "Middle deemed secondary": (250, 700)}  # fmt: skip
ENDINGS = {"Primary": ["Primary School", "Infant School", "Junior School", "Primary Academy", "CofE Primary School"],
           "Secondary": ["Academy", "High School", "School", "College"], "Nursery": ["Nursery School"],
           "All-through": ["All-through School"], "16 plus": ["Sixth Form College"],
           "Middle deemed secondary": ["Middle School"]}  # fmt: skip
FAITHS = {"Church of England": 66, "Roman Catholic": 28, "Methodist": 2, "Jewish": 1, "Muslim": 1, "Sikh": 1,
          "Hindu": 0.5, "Christian": 1}  # fmt: skip
SAINTS = ["St Mary", "St John", "St Peter", "St Thérèse", "St Joseph", "St Anne", "Holy Trinity", "St Michael"]
URBAN = ["(England/Wales) Urban city and town", "(England/Wales) Urban major conurbation",
         "(England/Wales) Rural town and fringe", "(England/Wales) Rural village", "(England/Wales) Rural hamlet"]  # fmt: skip
SEN = ["SLD - Severe Learning Difficulty", "ASD - Autistic Spectrum Disorder", "SEMH - Social, Emotional and Mental Health",
       "MLD - Moderate Learning Difficulty", "HI - Hearing Impairment", "SLCN - Speech, language and Communication"]  # fmt: skip
# Rows that are not open state-funded schools in England, as a share of those that are (a real
# extract has even more closed rows: it keeps every establishment that ever was).
OTHER_ROWS = {"closed": 0.12, "independent": 0.09, "college": 0.015, "welsh": 0.06, "overseas": 0.006,
              "proposed to open": 0.003}  # fmt: skip
PROPOSED_TO_CLOSE = 0.006  # of open schools: imported, with a warning in their policy
LONG_ROWS = 0.003  # rows longer than the header: their later columns out of line
SYLLABLES = (["Ash", "Bram", "Cal", "Dun", "Eld", "Fern", "Glen", "Hart", "Ivel", "Kest", "Lang", "Mar", "Nor",
              "Oak", "Pen", "Quen", "Rad", "Sel", "Thorn", "Ul", "Ver", "Wex", "Yar", "Zen"],
             ["mere", "wick", "ford", "ham", "ley", "shire", "stow", "field", "borough", "dale", "cross", "holm"])  # fmt: skip


def authority_sizes(schools: int, authorities: int, rng: random.Random) -> list[int]:
    """How many open schools each authority has: a few large counties (up to about 640), many
    middling boroughs, a few tiny authorities; adding up to `schools`."""
    weights = sorted((rng.lognormvariate(0, 0.7) for _ in range(authorities)), reverse=True)
    sizes = [max(1, round(schools * w / sum(weights))) for w in weights]
    ceiling = max(640, -(-schools // authorities))
    sizes = [min(s, ceiling) for s in sizes]
    if authorities > 3:
        sizes[-1], sizes[-2] = 1, 2  # an Isles of Scilly, a City of London
    at = 0
    while sum(sizes) != schools:  # spread the rounding (and the ceiling) over the middle of the list
        index = authorities // 4 + at % max(1, authorities // 2)
        step = 1 if sum(sizes) < schools else -1
        if sizes[index] + step >= 3 and sizes[index] + step <= ceiling:
            sizes[index] += step
        at += 1
    return sizes


def _pick(rng: random.Random, weights: dict) -> str:
    return rng.choices(list(weights), weights=list(weights.values()))[0]


def authority_names(count: int) -> list[str]:
    first, second = SYLLABLES
    names = [f"{a}{b}" for b in second for a in first]
    return [f"{names[(i * 7) % len(names)]} {MARK}" for i in range(count)]


class _Rows:
    def __init__(self, rng: random.Random):
        self.rng, self.urn, self.trusts = (
            rng,
            100000,
            [f"{p} {w} Trust {MARK}" for p in PLACES for w in ("Learning", "Academies", "Education", "Schools")],
        )

    def row(self, authority: tuple[str, str, int], **values) -> dict:
        self.urn += 1
        name, code, index = authority
        area = chr(65 + index % 26) + chr(65 + (index // 26) % 26)
        base = {
            "URN": str(self.urn), "LA (code)": code, "LA (name)": name,
            "EstablishmentStatus (name)": "Open", "ReasonEstablishmentClosed (name)": "Not applicable",
            "Town": f"{TOWNS[(index + self.rng.randrange(4)) % len(TOWNS)]}",
            "Postcode": f"{area}{self.rng.randrange(1, 30)} {self.rng.randrange(10)}{chr(65 + self.rng.randrange(26))}"
                        f"{chr(65 + self.rng.randrange(26))}",
            "Street": f"{self.rng.randrange(1, 200)} School Lane", "Locality": self.rng.choice(["", "", f"{self.rng.choice(PLACES)} End"]),
            "AdministrativeWard (name)": f"{self.rng.choice(PLACES)} Ward", "UrbanRural (name)": self.rng.choice(URBAN),
            "Country (name)": "", "Gender (name)": "Mixed", "NurseryProvision (name)": "Not applicable",
            "ReligiousCharacter (name)": "Does not apply", "Diocese (name)": "Not applicable",
            "HeadTitle (name)": "Ms", "HeadFirstName": "Firstname", "HeadLastName": "Lastname",
            "TelephoneNum": "01632960000", "TypeOfResourcedProvision (name)": "Not applicable",
        }  # fmt: skip
        base.update(values)
        return base

    def school(self, authority: tuple[str, str, int], closing: bool = False) -> dict:
        rng = self.rng
        phase, _, types = rng.choices(PHASES, weights=[p[1] for p in PHASES])[0]
        kind = _pick(rng, types)
        special = phase == "Not applicable"
        faith = "Does not apply"
        if (
            kind.startswith("Voluntary")
            or (phase == "Primary" and rng.random() < 0.12)
            or (phase == "Secondary" and rng.random() < 0.1)
        ):
            faith = _pick(rng, FAITHS)
        # a village or district of the town, and a feature of it: as varied as real names, which still collide at times
        first, second = SYLLABLES
        place = f"{rng.choice(first)}{rng.choice(second)} {rng.choice(PLACES)}"
        if special:
            ending = "Pupil Referral Unit" if "Alternative" in kind or "Referral" in kind else "Special School"
            name = f"{place} {ending}"
        elif faith in ("Church of England", "Roman Catholic"):
            saint = rng.choice(SAINTS)
            church = "Catholic" if faith == "Roman Catholic" else "Church of England"
            name = f"{saint}\u2019s {church} {ENDINGS[phase][0]}, {place}"
        else:
            name = f"{place} {rng.choice(ENDINGS[phase])}"
        low, high = AGES[phase]
        roll = rng.randrange(*ROLL[phase])
        academy = kind.startswith(("Academy", "Free", "University", "Studio"))
        values = {
            "EstablishmentName": f"{name} {MARK}",
            "TypeOfEstablishment (name)": kind,
            "PhaseOfEducation (name)": phase,
            "StatutoryLowAge": str(low),
            "StatutoryHighAge": str(high),
            "ReligiousCharacter (name)": faith,
            "Diocese (name)": f"Diocese of {rng.choice(TOWNS)} {MARK}" if faith in FAITHS and faith != "Does not apply"
            and faith in ("Church of England", "Roman Catholic") else "Not applicable",
            "NumberOfPupils": "" if rng.random() < 0.02 else str(roll),
            "PercentageFSM": "" if rng.random() < 0.03 else f"{rng.uniform(2, 55):.1f}",
            "Trusts (name)": rng.choice(self.trusts[: 40 + len(self.trusts) // 2]) if academy else "",
            "NurseryProvision (name)": ("Has Nursery Classes" if rng.random() < 0.3 else "No Nursery Classes")
            if phase == "Primary" else "Not applicable",
            "Gender (name)": rng.choices(["Mixed", "Girls", "Boys"], [90, 6, 4])[0] if phase == "Secondary" else "Mixed",
        }  # fmt: skip
        if special:
            values.update({f"SEN{n + 1} (name)": need for n, need in enumerate(rng.sample(SEN, rng.randrange(1, 4)))})
        elif rng.random() < 0.05:
            values["TypeOfResourcedProvision (name)"] = rng.choice(["Resourced provision", "SEN unit"])
            values["SEN1 (name)"] = rng.choice(SEN)
        if closing or rng.random() < PROPOSED_TO_CLOSE:
            values["EstablishmentStatus (name)"] = "Open, but proposed to close"
            values["ReasonEstablishmentClosed (name)"] = "Academy converter"
        return self.row(authority, **values)

    def other(self, kind: str, authority: tuple[str, str, int], welsh: tuple[str, str, int], overseas) -> dict:
        rng = self.rng
        place = rng.choice(PLACES)
        if kind == "closed":
            row = self.school(authority)
            row.update({"EstablishmentStatus (name)": "Closed", "ReasonEstablishmentClosed (name)": "Amalgamated"})
            return row
        if kind == "proposed to open":
            row = self.school(authority)
            row["EstablishmentStatus (name)"] = "Proposed to open"
            return row
        if kind == "independent":
            return self.row(authority, EstablishmentName=f"{place} Independent School {MARK}",
                            **{"TypeOfEstablishment (name)": "Other independent school",
                               "PhaseOfEducation (name)": "Not applicable"})  # fmt: skip
        if kind == "college":
            return self.row(authority, EstablishmentName=f"{place} College of Further Education {MARK}",
                            **{"TypeOfEstablishment (name)": "Further education", "PhaseOfEducation (name)": "16 plus"})  # fmt: skip
        if kind == "welsh":
            return self.row(welsh, EstablishmentName=f"Ysgol Gynradd {place} {MARK}", **{
                "TypeOfEstablishment (name)": "Welsh establishment", "PhaseOfEducation (name)": "Primary",
                "Country (name)": "Wales"})  # fmt: skip
        return self.row(overseas, EstablishmentName=f"British School of {place} {MARK}", **{
            "TypeOfEstablishment (name)": "British schools overseas", "PhaseOfEducation (name)": "Not applicable",
            "Country (name)": "Spain"})  # fmt: skip


def write_national_extract(
    path: Path, schools: int = 24_000, authorities: int = 150, *, seed: int = 28, quirks: bool = True
) -> Path:
    """Write an extract with `schools` open state-funded schools in `authorities` authorities (and, with
    `quirks`, the rows to leave out and the rows longer than the header), in Windows-1252, to `path`."""
    rng = random.Random(seed)
    sizes = authority_sizes(schools, authorities, rng)
    names = authority_names(authorities)
    places = [(names[i], str(201 + i), i) for i in range(authorities)]
    wales = [(f"{w} {MARK}", str(660 + i), i) for i, w in enumerate(["Sir Ddinbych", "Caerdydd", "Abertawe"])]
    overseas = ("Overseas establishments", "702", 0)
    rows = _Rows(rng)
    columns = header()
    order = [places[i] for i, size in enumerate(sizes) for _ in range(size)]
    rng.shuffle(order)  # the register is in URN order, not by authority
    # at least one row of each kind, however small the extract
    others = [
        (kind, rng.choice(places)) for kind, share in OTHER_ROWS.items() for _ in range(max(1, round(schools * share)))
    ]
    plan = [("school", a) for a in order] + (others if quirks else [])
    rng.shuffle(plan)
    at_school = [i for i, (kind, _) in enumerate(plan) if kind == "school"]
    long_at, closing_at = at_school[0], at_school[-1]  # at least one long row, and one school proposed to close
    with open(path, "w", encoding="cp1252", newline="") as out:
        writer = csv.writer(out, lineterminator="\r\n")
        writer.writerow(columns)
        for at, (kind, authority) in enumerate(plan):
            if kind == "school":
                values = rows.school(authority, closing=quirks and at == closing_at)
            else:
                values = rows.other(kind, authority, rng.choice(wales), overseas)
            line = [values.get(name, f"value {rows.urn % 97}" if name.startswith("Filler") else "") for name in columns]
            if quirks and (rng.random() < LONG_ROWS or at == long_at):
                line += [f"newer column {n}" for n in range(15)]
            writer.writerow(line)
    return path


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("out", type=Path)
    parser.add_argument("--schools", type=int, default=24_000)
    parser.add_argument("--authorities", type=int, default=150)
    parser.add_argument("--seed", type=int, default=28)
    args = parser.parse_args(argv)
    write_national_extract(args.out, args.schools, args.authorities, seed=args.seed)
    print(f"{args.out}: {args.out.stat().st_size / 1e6:.0f} MB")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
