"""Which schools the guide can write a policy for: schools in England, where the duty applies.

Section 21(5)(b) of the Education Act 2002 limits the community cohesion duty to schools in England;
Wales, Scotland and Northern Ireland have their own law and guidance. A profile of a school outside
England is refused by `cohesion validate` (profiles.problems_in) rather than given a policy that
states the wrong law.
"""

from __future__ import annotations

# Types of establishment on the national register that are not schools in England.
OUTSIDE_ENGLAND_TYPES = {
    "Welsh Establishment": "Wales",
    "British Schools Overseas": "another country",
    "Offshore Schools": "another country",
    "Service Childrens Education": "another country (a forces school abroad)",
}

# Local authorities outside England, as a profile might name them.
WELSH_AUTHORITIES = frozenset(
    {
        "Blaenau Gwent",
        "Bridgend",
        "Caerphilly",
        "Cardiff",
        "Carmarthenshire",
        "Ceredigion",
        "Conwy",
        "Denbighshire",
        "Flintshire",
        "Gwynedd",
        "Isle of Anglesey",
        "Anglesey",
        "Merthyr Tydfil",
        "Monmouthshire",
        "Neath Port Talbot",
        "Newport",
        "Pembrokeshire",
        "Powys",
        "Rhondda Cynon Taf",
        "Swansea",
        "Torfaen",
        "Vale of Glamorgan",
        "Wrexham",
    }
)
SCOTTISH_AUTHORITIES = frozenset(
    {
        "Aberdeen City",
        "Aberdeenshire",
        "Angus",
        "Argyll and Bute",
        "City of Edinburgh",
        "Edinburgh",
        "Clackmannanshire",
        "Dumfries and Galloway",
        "Dundee City",
        "East Ayrshire",
        "East Dunbartonshire",
        "East Lothian",
        "East Renfrewshire",
        "Falkirk",
        "Fife",
        "Glasgow City",
        "Glasgow",
        "Highland",
        "Inverclyde",
        "Midlothian",
        "Moray",
        "Na h-Eileanan Siar",
        "North Ayrshire",
        "North Lanarkshire",
        "Orkney Islands",
        "Perth and Kinross",
        "Renfrewshire",
        "Scottish Borders",
        "Shetland Islands",
        "South Ayrshire",
        "South Lanarkshire",
        "Stirling",
        "West Dunbartonshire",
        "West Lothian",
    }
)
NORTHERN_IRISH_AUTHORITIES = frozenset(
    {
        "Education Authority",
        "Belfast",
        "Antrim and Newtownabbey",
        "Ards and North Down",
        "Armagh City, Banbridge and Craigavon",
        "Causeway Coast and Glens",
        "Derry City and Strabane",
        "Fermanagh and Omagh",
        "Lisburn and Castlereagh",
        "Mid and East Antrim",
        "Mid Ulster",
        "Newry, Mourne and Down",
    }
)
_NATIONS = (
    ("Wales", WELSH_AUTHORITIES),
    ("Scotland", SCOTTISH_AUTHORITIES),
    ("Northern Ireland", NORTHERN_IRISH_AUTHORITIES),
)


def _plain(name: str) -> str:
    words = name.casefold().replace(" council", "").replace(" county borough", "").replace("county of ", "")
    return " ".join(words.split())


_BY_NAME = {_plain(name): nation for nation, names in _NATIONS for name in names}


def nation_outside_england(school_type: str, local_authority: str) -> str | None:
    """Where the school is when that is not England ('Wales', ...), from its type or its authority; None for England."""
    if school_type in OUTSIDE_ENGLAND_TYPES:
        return OUTSIDE_ENGLAND_TYPES[school_type]
    return _BY_NAME.get(_plain(local_authority))


def refusal(where: str) -> str:
    """What `cohesion validate` says about a school outside England."""
    advice = {
        "Wales": " Schools in Wales can use the Welsh Government's own guidance on community cohesion.",
    }.get(where, "")
    return (
        f"this looks like a school in {where}. The guide writes policies only for schools in England: the duty it "
        "is built on, section 21(5)(b) of the Education Act 2002, applies to schools in England, and the other "
        "nations have their own law." + advice + " If the school is in England, correct this field; allowed: a "
        "local authority in England and a type of establishment in England"
    )
