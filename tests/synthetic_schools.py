"""Synthetic but realistic school profiles and audits, for the benchmark and the scale tests."""

from __future__ import annotations

import random
import shutil
from pathlib import Path

import yaml

from cohesion_guide.documents.commitments import and_list
from cohesion_guide.inputs.audit import STATUSES, practices
from cohesion_guide.inputs.governance import type_group
from cohesion_guide.inputs.profiles import SEND_NEEDS, slug_for

# Weights roughly as a county's schools fall: mostly primaries, some secondaries, a few of the rest.
PHASES = {
    "primary": 58,
    "infant": 6,
    "junior": 6,
    "secondary": 12,
    "nursery": 3,
    "middle": 2,
    "all-through": 2,
    "special": 6,
    "pru": 2,
    "16-plus": 3,
}
TYPES = {
    "infant": ["Community School", "Voluntary Controlled School", "Academy Converter"],
    "junior": ["Community School", "Foundation School", "Academy Converter"],
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
    "infant": "Infant School",
    "junior": "Junior School",
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
    "infant": (80, 360),
    "junior": (120, 480),
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


# Statutory ages a school of each phase may have, as GIAS gives them (low, high).
AGES = {
    "primary": [(4, 11), (3, 11), (2, 11)],
    "infant": [(4, 7), (3, 7)],
    "junior": [(7, 11)],
    "secondary": [(11, 16), (11, 18)],
    "nursery": [(2, 5), (3, 5)],
    "middle": [(9, 13), (8, 12)],
    "all-through": [(4, 18), (3, 18), (4, 16)],
    "special": [(2, 19), (4, 19), (11, 19), (4, 11), (7, 16)],
    "pru": [(11, 16), (5, 16), (14, 16)],
    "16-plus": [(16, 19)],
}
# What a special school (or a mainstream school's resourced provision) is for, as the census codes them.
SPECIAL_NEEDS = [
    ["sld", "pmld", "asd"],
    ["semh"],
    ["asd", "slcn"],
    ["mld", "asd", "slcn"],
    ["pmld", "msi", "pd"],
    ["hi"],
    ["sld", "asd"],
    ["mld", "spld"],
]
PROVISION_NEEDS = [["asd"], ["hi"], ["slcn"], ["asd", "slcn"], ["pd"], ["vi"], ["semh"]]
# Ethos statements, in the words such schools use: a school with a religious character quotes its own.
ETHOS_OPENINGS = {
    "Church of England": [
        "As a Church of England school, we are rooted in the Christian values of love, forgiveness and hope.",
        "Our church school vision is that every child may have life in all its fullness.",
        "Let your light shine: as a church school we want each child to grow in confidence and kindness.",
    ],
    "Roman Catholic": [
        "As a Catholic school, we follow Christ's example of love for every person.",
        "We are a Catholic community where each child is known, loved and valued as made in the image of God.",
        "Faith, hope and love are at the heart of our Catholic school.",
    ],
    "Methodist": ["As a Methodist school, we hold that everyone is welcome and everyone matters."],
    "Jewish": ["Our Jewish ethos teaches us to welcome the stranger and to care for the world we share."],
    "Muslim": ["Our Islamic ethos teaches mercy, justice and respect for every neighbour."],
    "Sikh": ["Guided by Sikh values of service, equality and sharing, we serve everyone who comes to us."],
    "Hindu": ["Our Hindu ethos teaches respect for all life and that the whole world is one family."],
    "Christian": ["As a Christian school, we seek to love our neighbours as ourselves."],
}
ETHOS_CLOSINGS = [
    "We welcome families of every faith and of none, and we learn from one another.",
    "We want our pupils to treat every neighbour, near and far, with dignity and respect.",
    "Everyone who joins our community is welcome, whatever their background or belief.",
    "We serve the whole of our local community, not only the families who share our faith.",
    "",
]
COMMUNITY_PARTNERS = [
    ("{town} Library", "{years} visit on {day}s each {when} for story sessions and to borrow books."),
    ("{town} Library", "Runs a {day} reading club and homework club for {pupils} and their families."),
    (
        "{town} Rovers Football Club",
        "Coaches run free sessions on {day}s after school, and {years} play in its {season} tournament.",
    ),
    ("{town} Cricket Club", "Coaching for {years} in the {season} term, and a family day at the {town} ground."),
    ("{town} Athletics Club", "A {day} running club for {years}, and the yearly {town} fun run."),
    (
        "{town} Food Bank",
        "{Pupils} collect and sort donations at harvest; families learn from the {family} how to get help.",
    ),
    (
        "{place} Court Care Home",
        "{years} visit residents each {when} to read, sing and talk about how {town} has changed.",
    ),
    ("{town} Youth Service", "Youth workers run a {day} club at the school and help {pupils} join groups near home."),
    ("{town} Credit Union", "A {day} savings club at school, and money lessons for {years}."),
    (
        "{town} Building Society",
        "Staff volunteer as reading partners for {years}, and sponsor our enterprise week in the {season} term.",
    ),
    (
        "{town} Engineering Works",
        "Workplace visits and mentoring for {years}, with a week's work experience in the {season} term.",
    ),
    ("{town} Community Centre", "Lends its hall for our {season} fair, and hosts family learning classes on {day}s."),
    (
        "{town} Fire Station",
        "{years} visit in the {season} term to learn about safety, and families come to its open day.",
    ),
    (
        "{town} Allotment Society",
        "Helps run our {day} growing club, and gives the school a plot on the {town} allotments.",
    ),
    ("{town} Heritage Museum", "A local history project with {years} each {season}, with an exhibition of their work."),
    (
        "{town} Interfaith Forum",
        "{years} visit local places of worship each {season}, and forum members visit our classes.",
    ),
    (
        "{town} Refugee Welcome Group",
        "Helps new families settle in {town}, and runs a drop-in at the school on {day} mornings.",
    ),
]
FAITH_PARTNERS = {
    "Church of England": (
        "St {saint}'s Parish Church, {town}",
        "The vicar leads worship on {day}s, and we hold our {season} festival in the church.",
    ),
    "Roman Catholic": (
        "Our Lady and St {saint} Parish, {town}",
        "The parish priest visits on {day}s, and families join Mass with us at the start and end of the year.",
    ),
    "Methodist": (
        "{town} Methodist Church",
        "The minister leads our {day} assembly, and the church hosts our harvest and Christmas services.",
    ),
    "Jewish": ("{town} Synagogue", "The rabbi visits each {when}, and leads our festival assemblies."),
    "Muslim": (
        "{town} Mosque",
        "The imam visits each {when}, and the mosque welcomes {years} for our interfaith week.",
    ),
    "Sikh": ("{town} Gurdwara", "{years} visit each {season} and share langar with the sangat."),
    "Hindu": ("{town} Mandir", "{years} visit each {season}, and we celebrate Diwali together."),
    "Christian": (
        "{town} Community Church",
        "Church members run a {day} lunchtime club, and the church hosts our carol service.",
    ),
}
SAINTS = ["Mary", "John", "Peter", "Andrew", "Joseph", "Michael", "Anne", "Paul", "Margaret", "Thomas"]
# Partners for older pupils only: not for a nursery or infant school's young children.
OLDER_PARTNERS = frozenset({"{town} Credit Union", "{town} Building Society", "{town} Youth Service"})
WORK_PARTNERS = frozenset({"{town} Engineering Works"})  # for secondary-age pupils
SCHOOL_PARTNER_WHAT = {
    "young": [
        "{years} visit each {when}, with their families, before they move up.",
        "Shared stay-and-play mornings on {day}s each {when}, and a joint {season} picnic for families.",
    ],
    "primary": [
        "{years} visit each {when}, with a shared class blog in between.",
        "A pen-friend project for {years}, and a shared sports day in the {season} term.",
        "Joint science days for {years}, and a shared choir for the {town} festival.",
    ],
    "secondary": [
        "Year 6 pupils visit us in the {season} term, and our {years} run reading clubs there.",
        "A shared sixth-form timetable, and joint debating and sports fixtures on {day}s.",
        "{years} from both schools work on a joint project on the history of {town}.",
    ],
    "special": [
        "Shared music and drama sessions on {day}s each {when}, planned by staff of both schools.",
        "{years} from both schools learn together in a {day} inclusion class.",
    ],
    "pru": [
        "Shared plans for each {pupil}'s return, with visits back to their home school before a move.",
        "Taster days in the {season} term, and a key worker for each {pupil} moving on to college.",
    ],
}
INTERNATIONAL = [
    (
        "A partner school in Kraków, Poland",
        "Letters and video calls each {when}, and a shared project on {town} and Kraków.",
    ),
    ("A partner school in Nairobi, Kenya", "{years} share a project on water, food and farming each {season}."),
    (
        "A partner school in Lahore, Pakistan",
        "{years} exchange letters, and both schools show their art in the {season} term.",
    ),
    ("A partner school in Lyon, France", "A language exchange by video for {years}, and a visit for older {pupils}."),
    ("A partner school in Accra, Ghana", "{years} work with their partners on trade and fairness, online each {when}."),
]

SPARSE_SHARE = 0.2  # about one school in five fills in only the fields a profile must have
NUMBERS = ["no", "one", "two", "three", "four", "five", "six"]
SIDES = ["north", "south", "east", "west"]
URBAN_AREAS = [
    "a neighbourhood of terraced streets close to the town centre",
    "a post-war estate on the edge of town, with its own shops and health centre",
    "a busy area of shops and flats by the ring road",
    "a growing area where new housing has brought many young families",
    "an area of older housing, much of it rented, where families often move on",
]
INTAKE_LINES = {
    "mono-cultural": [
        "Most of our families have lived in and around {town} for generations.",
        "Few of our {pupils} meet people from other backgrounds in their daily lives.",
    ],
    "mixed": [
        "Over the last ten years families from many countries have settled in {town}, and our school has changed with the town.",
        "Most families are long-settled, and a growing number have moved here from Eastern Europe and South Asia.",
        "Our {pupils} come from the older streets of {town} and from its new estates.",
    ],
    "diverse": [
        "Our families come from many parts of the world, and many have lived in {town} for two or three generations.",
        "No single community is a majority here: our {pupils} bring many languages, faiths and traditions.",
        "Many families have arrived in {town} within the last five years, and some move on within a year or two.",
    ],
    "high-eal-fsm": [
        "Many families are new to the country, and a number are seeking asylum or have refugee status.",
        "Many families face hardship, and a large number of our {pupils} join us partway through the year.",
        "A large share of our {pupils} arrive speaking little English, and many families live in temporary housing.",
    ],
}
RURAL_LINES = ["Many families work on local farms or travel to work in the nearest city."]
CHURCHES = frozenset({"Church of England", "Roman Catholic", "Methodist", "Christian"})
FAITH_LINES = [
    "The parish church is next to the school, and the clergy are often with us.",
    "Our {faith} foundation shapes our worship and our care for each other; families of every faith and none are welcome.",
    "About half of our families share the school's {faith} faith, and many others choose us for our ethos.",
]
GOVERNOR_LEADS = {
    "maintained": [
        "Chair of governors",
        "Vice-chair of governors",
        "Governor for equality and inclusion",
        "Chair of the curriculum committee",
        "Link governor for personal development",
        "Parent governor for community links",
    ],
    "academy": [
        "Chair of the local governing body",
        "Local governor for personal development",
        "Local governor for equality and community",
        "Vice-chair of the local governing body",
    ],
    "pru": [
        "Chair of the management committee",
        "Management committee member for reintegration",
        "Vice-chair of the management committee",
    ],
    "other": ["Chair of governors", "Governor for equality and inclusion"],
}
STAFF_LEADS = {
    "headteacher": [
        "Deputy headteacher",
        "Assistant headteacher for inclusion",
        "PSHE lead",
        "RE and PSHE co-ordinator",
    ],
    "secondary headteacher": [
        "Deputy headteacher (personal development)",
        "Assistant headteacher for behaviour and culture",
        "Head of PSHE and citizenship",
    ],
    "executive headteacher": ["Head of school", "Deputy headteacher"],
    "head of school": ["Deputy head of school", "Assistant headteacher for inclusion"],
    "principal": [
        "Vice principal (personal development)",
        "Assistant principal for inclusion",
        "Director of personal development",
    ],
    "head of centre": ["Deputy head of centre", "Reintegration manager", "Pastoral lead"],
    "head of the unit": ["Deputy head of the unit", "Reintegration manager", "Pastoral lead"],
}
OTHER_LEADS = [
    ("SENCo", lambda s: s["phase"] not in ("special", "pru")),
    ("PSHE lead", lambda s: not s["secondary"]),
    ("Head of citizenship", lambda s: s["secondary"]),
    ("Careers lead", lambda s: s["secondary"] or s["phase"] == "pru"),
    ("EAL co-ordinator", lambda s: s["eal"] >= 20),
    ("Family liaison officer", lambda s: s["phase"] != "16-plus"),
    ("Early years lead", lambda s: s["young"] or s["nursery"]),
    ("RE lead", lambda s: s["faith"] != "None"),
    ("Speech and language therapy lead", lambda s: s["phase"] == "special"),
    ("Reintegration lead", lambda s: s["phase"] == "pru"),
    ("Sports co-ordinator", lambda s: s["phase"] not in ("nursery", "pru")),
    ("Head of sixth form", lambda s: s["phase"] in ("16-plus", "all-through")),
]
HEADS = {
    "maintained": lambda rng, phase: "executive headteacher" if rng.random() < 0.1 else "headteacher",
    "academy": lambda rng, phase: rng.choice(
        ["principal", "headteacher"]
        if phase in ("secondary", "all-through", "16-plus", "pru")
        else ["headteacher", "headteacher", "head of school"]
    ),
    "pru": lambda rng, phase: rng.choice(["head of centre", "head of the unit", "headteacher"]),
    "other": lambda rng, phase: "headteacher",
}
TRUSTS = [
    "{town} {faith} Trust",
    "Vale of {town} Academies Trust",
    "Exampleshire {faith} Partnership",
    "{town} and District Schools Trust",
]
DIOCESE = {"Church of England": "Diocesan Academies", "Roman Catholic": "Catholic Academy"}
APPROVERS = {
    "maintained": ["Full governing body", "Governing body", "Curriculum and standards committee"],
    "academy": ["Local governing body", "Local governing body, for the trust board"],
    "pru": ["Management committee"],
    "other": ["Governing body"],
}
YEARS = {
    "primary": ["year 4 pupils", "year 5 and 6 pupils", "year 2 pupils", "pupils in key stage 2"],
    "infant": ["reception children", "year 1 and 2 children"],
    "junior": ["year 3 pupils", "year 5 and 6 pupils"],
    "nursery": ["our pre-school children", "children and their parents"],
    "middle": ["year 6 pupils", "year 7 and 8 pupils"],
    "secondary": ["year 9 students", "sixth-form students", "year 10 students"],
    "all-through": ["year 5 pupils", "year 9 students", "sixth-form students"],
    "special": ["pupils in the upper school", "our youngest pupils", "the sixth-form group"],
    "pru": ["key stage 4 pupils", "pupils preparing to move on"],
    "16-plus": ["first-year students", "students on vocational courses"],
}
RELATED = [
    "equality policy and objectives",
    "behaviour and relationships policy",
    "anti-bullying policy",
    "safeguarding and child protection policy",
    "admissions policy",
    "curriculum statement",
    "PSHE and RSHE policy",
    "attendance policy",
    "complaints procedure",
    "online safety policy",
    "educational visits policy",
    "charging and remissions policy",
    "accessibility plan",
    "parental engagement strategy",
]


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


def _short(name_parts: list[str]) -> str:
    return " ".join(part for part in name_parts if part)


def _fill(text: str, **values) -> str:
    """A pool's text with the school's own words in it; the first letter capitalised."""
    out = text.format(**values)
    return out[:1].upper() + out[1:]


def _context(rng: random.Random, s: dict) -> str:
    """A few paragraphs in the school's own words, made from its own attributes."""
    town, short, phase, roll = s["town"], s["short"], s["phase"], s["roll"]
    first = []
    if phase in ("primary", "infant", "junior"):
        forms = max(1, round(roll / (210 if phase == "primary" else 90)))
        if roll < 150:
            first.append(f"{short} is a small school with {NUMBERS[max(2, roll // 28)]} mixed-age classes.")
        else:
            entry = ["one", "two", "three", "four"][min(forms, 4) - 1]
            first.append(f"{short} is a {entry}-form entry {phase} school on the {rng.choice(SIDES)} side of {town}.")
    elif phase == "nursery":
        first.append(f"{short} is a maintained nursery school with {roll} children, open from 8am to 6pm all year.")
    elif phase == "middle":
        first.append(
            f"{short} takes pupils from the first schools around {town} and sends them on to the upper school."
        )
    elif phase in ("secondary", "all-through"):
        if s["setting"] == "rural":
            first.append(f"{short} is the only {phase} school for {town} and the villages around it.")
        else:
            first.append(f"{short} is one of {rng.randint(2, 6)} {phase} schools in {town}, with {roll} students.")
    elif phase == "special":
        first.append(f"{short} is a special school for pupils aged {s['ages'][0]} to {s['ages'][1]} with {s['needs']}.")
    elif phase == "pru":
        first.append(
            f"{short} teaches pupils who have been excluded, or are at risk of exclusion, from schools across "
            f"{rng.choice(['the north', 'the south', 'the east', 'the west'])} of {AUTHORITY}."
        )
        first.append(f"Most stay with us for {rng.choice(['two or three terms', 'a term or two', 'up to a year'])}.")
    else:
        first.append(f"{short} is a sixth-form centre for students from {rng.randint(3, 9)} schools around {town}.")
    if s["setting"] == "rural":
        first.append(
            f"{town} is {rng.randint(4, 16)} miles from the nearest large town, and "
            f"{rng.choice(['there is one bus a day', 'buses run twice a day', 'there is no bus on Sundays', 'most families need a car'])}."
        )
    elif s["ward"]:
        first.append(f"{s['ward']} is {rng.choice(URBAN_AREAS)}.")
    lines = INTAKE_LINES[s["intake"]] + (RURAL_LINES if s["setting"] == "rural" else [])
    second = [_fill(rng.choice(lines), town=town, pupils=s["pupils"])]
    if s["faith"] != "None" and rng.random() < 0.7:
        lines = FAITH_LINES if s["faith"] in CHURCHES else FAITH_LINES[1:]  # a parish church is a church's
        second.append(_fill(rng.choice(lines), town=town, faith=s["faith"]))
    if s.get("trust"):
        second.append(f"We joined {s['trust']} in {rng.randint(2012, 2024)}.")
    if s.get("catchment") == "transported":
        second.append(f"Most {s['pupils']} travel to us by school transport, some for an hour each way.")
    elif s.get("catchment") == "wide":
        second.append(f"Our {s['pupils']} come from across {AUTHORITY}, not only from {town}.")
    return " ".join(first) + "\n\n" + " ".join(second) + "\n"


def _partnerships(rng: random.Random, index: int, s: dict) -> list[dict]:
    words = {
        "town": s["town"],
        "place": rng.choice(PLACES),
        "pupils": s["pupils"],
        "Pupils": s["pupils"].capitalize(),
        "pupil": s["pupils"][:-1],
        "years": s["years"],
        "when": rng.choice(["term", "half term", "month"]),
        "saint": rng.choice(SAINTS),
        "day": rng.choice(["Monday", "Tuesday", "Wednesday", "Thursday", "Friday"]),
        "season": rng.choice(["autumn", "spring", "summer"]),
        "family": rng.choice(["family liaison officer", "office team", "pastoral team"]),
    }
    out = []
    if rng.random() < 0.75:
        partner_phase = {"infant": "junior", "junior": "infant", "nursery": "primary"}.get(s["phase"], s["phase"])
        pool = {"16-plus": "secondary", "all-through": "secondary", "secondary": "secondary", "special": "special"}
        pool = "young" if s["young"] else pool.get(s["phase"], "pru" if s["phase"] == "pru" else "primary")
        what = rng.choice(SCHOOL_PARTNER_WHAT[pool])
        partner = TOWNS[(index + rng.randint(1, len(TOWNS) - 1)) % len(TOWNS)]
        ending = (
            NAME_ENDINGS.get(partner_phase, "School")
            if s["phase"] not in ("special", "pru")
            else rng.choice(["Academy", "High School"] if s["ages"][0] >= 11 else ["Primary School", "Academy"])
        )
        out.append(
            {"name": f"{partner} {rng.choice(PLACES)} {ending} {MARK}", "kind": "school", "what": _fill(what, **words)}
        )
    if s["faith"] in FAITH_PARTNERS and rng.random() < 0.8:
        name, what = FAITH_PARTNERS[s["faith"]]
        out.append({"name": f"{name.format(**words)} {MARK}", "kind": "community", "what": _fill(what, **words)})
    community = [
        (name, what)
        for name, what in COMMUNITY_PARTNERS
        if not (name in OLDER_PARTNERS and s["young"])
        and (name not in WORK_PARTNERS or s["secondary"] or s["phase"] == "pru")
    ]
    for name, what in rng.sample(community, rng.choice([0, 1, 1, 2, 2, 3])):
        if all(p["name"] != f"{name.format(**words)} {MARK}" for p in out):
            out.append({"name": f"{name.format(**words)} {MARK}", "kind": "community", "what": _fill(what, **words)})
    if s["phase"] != "nursery" and rng.random() < 0.2:  # a link abroad is for some schools only
        name, what = rng.choice(INTERNATIONAL[:3] if s["young"] else INTERNATIONAL)
        out.append({"name": f"{name} {MARK}", "kind": "international", "what": _fill(what, **words)})
    return out


def _leads(rng: random.Random, s: dict) -> dict:
    group = s["group"]
    governors = list(GOVERNOR_LEADS[group])
    if group == "maintained" and s["faith"] != "None":
        governors += ["Foundation governor for collective worship and RE", "Foundation governor for ethos and values"]
    head = s["head"]
    staff = list(STAFF_LEADS[head])
    if head == "headteacher" and s["phase"] in ("secondary", "all-through", "middle"):
        staff = STAFF_LEADS["secondary headteacher"]
    if head == "headteacher" and s["roll"] < 150 and s["phase"] in ("primary", "infant", "junior", "nursery"):
        staff = ["Headteacher", "Deputy headteacher", "Senior teacher"]
    leads = {"governor": rng.choice(governors), "staff": rng.choice(staff)}
    pool = [role for role, wanted in OTHER_LEADS if wanted(s) and role != leads["staff"]]
    if pool and rng.random() < 0.7:
        leads["others"] = rng.sample(pool, min(len(pool), rng.randint(1, 3)))
    return leads


def _languages(rng: random.Random, intake: str, eal: float) -> list[str]:
    if intake == "mono-cultural":
        return ["English", *rng.sample(LANGUAGES[1:], rng.choice([0, 1, 1, 2]))]
    others = rng.sample(LANGUAGES[1:], {"mixed": 3, "diverse": 5, "high-eal-fsm": 7}[intake] + rng.randint(-1, 1))
    if eal >= 50:  # where most pupils speak another language at home, English is not the first of them
        return [*others[:2], "English", *others[2:]]
    return ["English", *others]


def profile_data(index: int, rng: random.Random) -> dict:
    """One school's profile: the same index and seed always give the same school. About one school in
    five fills in only what it must; the rest write their own context, partners, leads and languages,
    as a school does when it fills its profile in."""
    phase = _pick(rng, PHASES)
    town = TOWNS[index % len(TOWNS)]
    place = PLACES[(index // len(TOWNS)) % len(PLACES)]
    ward = f"{PLACES[index % len(PLACES)]} ward"
    intake = _pick(rng, INTAKES)
    setting = "rural" if intake == "mono-cultural" and rng.random() < 0.6 else "urban"
    faiths_allowed = ("primary", "infant", "junior", "secondary", "all-through")
    faith = _pick(rng, FAITHS) if phase in faiths_allowed and rng.random() < 0.3 else "None"
    saint = "St Mary's" if faith in ("Church of England", "Roman Catholic") and rng.random() < 0.5 else ""
    kind = {"Church of England": "CofE", "Roman Catholic": "Catholic"}.get(faith, "") if not saint else ""
    short = _short([saint, town, place])
    school_type = rng.choice(TYPES[phase])
    if faith != "None" and school_type in ("Community School", "Foundation School"):
        school_type = rng.choice(["Voluntary Aided School", "Voluntary Controlled School"])
    elif faith == "None" and school_type.startswith("Voluntary"):  # a voluntary school has a foundation
        school_type = "Community School"
    if faith == "Roman Catholic" and school_type == "Voluntary Controlled School":
        school_type = "Voluntary Aided School"  # Catholic maintained schools are voluntary aided
    ending = NAME_ENDINGS[phase]
    if phase == "secondary" and type_group(school_type) != "academy":
        ending = "High School"  # "Academy" is for academies
    name = f"{_short([short, kind])} {ending} {index + 1} {MARK}"
    group = type_group(school_type)
    eal = {"mono-cultural": (0, 8), "mixed": (5, 20), "diverse": (20, 55), "high-eal-fsm": (35, 75)}[intake]
    fsm = {"mono-cultural": (4, 30), "mixed": (10, 30), "diverse": (15, 40), "high-eal-fsm": (30, 60)}[intake]
    roll = rng.randint(*ROLL[phase])
    eal_percent = round(rng.uniform(*eal), 1)
    sparse = rng.random() < SPARSE_SHARE
    school = {
        "name": name,
        "urn": f"{950000 + index:06d}",
        "phase": phase,
        "type": school_type,
        "religious_character": faith if faith != "None" or group != "pru" else "Does not apply",
        "local_authority": AUTHORITY,
    }
    data = {
        "school": school,
        "location": {"town": town, "ward": ward, "setting": setting},
        "pupils": {
            "number_on_roll": roll,
            "eal_percent": eal_percent,
            "fsm_percent": round(rng.uniform(*fsm), 1),
            "ethnicity": _ethnicity(rng, intake),
        },
    }
    needs = rng.choice(SPECIAL_NEEDS) if phase == "special" else []
    ages = rng.choice(AGES[phase])
    catchment = None
    if phase in ("special", "pru") or (phase == "16-plus" and rng.random() < 0.5):
        catchment = rng.choice(["wide", "transported"] if phase == "special" else ["wide"])
    elif setting == "rural" and rng.random() < 0.3:
        catchment = "transported"
    elif rng.random() < 0.3:
        catchment = "local"
    head = HEADS[group](rng, phase)
    if sparse:
        head = "head of the unit" if group == "pru" else "headteacher"  # no head_title: the type's usual title
        # What the register and the census give (the GIAS import fills in the ages), and nothing in
        # the school's own words: the rest is left for the school to fill in later.
        if rng.random() < 0.5:
            del data["location"]["ward"]
        if rng.random() < 0.5:
            school["statutory_low_age"], school["statutory_high_age"] = ages
        if rng.random() < 0.5:
            data["pupils"]["home_languages"] = _languages(rng, intake, eal_percent)
        data["leads"] = {"governor": rng.choice(GOVERNOR_LEADS[group]), "staff": rng.choice(STAFF_LEADS[head])}
        data["document"] = {"approved_by": rng.choice(APPROVERS[group]), "date_adopted": "2026-09-01"}
        if needs:
            school["send_needs"] = needs
        return data

    school["statutory_low_age"], school["statutory_high_age"] = ages
    if head != "headteacher" and not (group == "pru" and head == "head of the unit"):
        school["head_title"] = head
    trust = None
    if group == "academy" and rng.random() < 0.7:
        trust = rng.choice(TRUSTS).format(town=town, faith=DIOCESE.get(faith, "Learning")) + f" {MARK}"
        school["trust"] = trust
    elif group == "maintained" and phase in ("primary", "infant", "junior") and rng.random() < 0.12:
        school["accountable_body"] = f"the governing board of the {town} Schools Federation {MARK}"
    if faith != "None" and rng.random() < 0.75:
        opening = rng.choice(ETHOS_OPENINGS[faith])
        school["ethos_statement"] = _short([opening, rng.choice(ETHOS_CLOSINGS)])
    if needs:
        school["send_needs"] = needs
    elif phase not in ("nursery", "pru", "16-plus") and rng.random() < 0.08:
        school["resourced_provision"] = rng.choice(["Resourced provision", "SEN unit"])
        school["send_needs"] = rng.choice(PROVISION_NEEDS)
    if catchment:
        data["location"]["catchment"] = catchment
    pupils_word = "students" if phase in ("secondary", "16-plus") else "pupils"
    data["pupils"]["home_languages"] = _languages(rng, intake, eal_percent)
    if needs and "hi" in needs:
        data["pupils"]["home_languages"].insert(1, "British Sign Language")
    if rng.random() < 0.7:
        beliefs = ["Christian", "Muslim", "Hindu", "Sikh", "Jewish", "Buddhist", "No religion"]
        data["pupils"]["faiths"] = rng.sample(beliefs, rng.randint(2, 5))
    if rng.random() < 0.6:  # many schools know their ward's figures; some do not
        area = {"name": rng.choice([ward, f"{town}", f"{town} and district"])}
        if rng.random() < 0.8:
            area["eal_percent"] = round(max(0.0, eal_percent + rng.uniform(-10, 10)), 1)
        area["fsm_percent"] = round(rng.uniform(5, 35), 1)
        if rng.random() < 0.6:
            area["ethnicity"] = _ethnicity(rng, intake)
        data["local_area"] = area
    facts = {
        "town": town,
        "ward": data["location"].get("ward"),
        "short": short,
        "phase": phase,
        "roll": roll,
        "setting": setting,
        "intake": intake,
        "faith": faith,
        "trust": trust,
        "catchment": catchment,
        "pupils": pupils_word,
        "ages": ages,
        "group": group,
        "head": head,
        "needs": and_list([SEND_NEEDS[n] for n in needs]) if needs else "",
        "years": rng.choice(YEARS[phase]),
        "eal": eal_percent,
        "young": ages[1] <= 7 or phase == "nursery",
        "nursery": ages[0] <= 3,
        "secondary": phase in ("secondary", "all-through", "16-plus"),
        "provision": bool(needs) or "resourced_provision" in school,
    }
    if rng.random() < 0.95:
        data["context"] = _context(rng, facts)
    partners = _partnerships(rng, index, facts)
    if partners:
        data["partnerships"] = partners
    if rng.random() < 0.25:
        chosen = set(RELATED[:4]) | set(rng.sample(RELATED[4:], rng.randint(2, 5)))
        data["related_policies"] = [policy for policy in RELATED if policy in chosen]  # the school's own list
    data["leads"] = _leads(rng, facts)
    data["document"] = {
        "approved_by": rng.choice(APPROVERS[group] if "accountable_body" not in school else ["Governing board"]),
        "date_adopted": "2026-09-01",
        "status": rng.choice(["draft", "approved"]),
        "review_cycle_years": rng.choice([1, 2, 3]),
    }
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
