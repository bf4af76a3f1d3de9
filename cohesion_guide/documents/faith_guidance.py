"""What a faith tradition's own national bodies have published about its schools and the wider community.

Only what a body has said in a source a reader can open, in the project's own words, with the source
linked: the policy of a school with a religious character quotes it beside its own ethos statement.
A tradition with no such source here is not spoken for: its schools' policies say only what their
profiles give (the religious character, the diocese or religious authority, the ethos statement).
Each source was read with the project's search tool in December 2026; check it before changing a word. Each
sentence dates its source (the year it was published, the event it followed, or, for a body's standing web page with
no date, when the project read it) and says who said it: the body's own points, never one official's remark.
"""

from __future__ import annotations

import re
from dataclasses import dataclass


@dataclass(frozen=True)
class Tradition:
    name: str  # for tests and for anyone tracing a sentence
    matches: re.Pattern  # the register's religious characters the tradition covers
    said: str  # what the body has said, as a sentence of the policy, ending before the link
    source: str  # the link's words: who published it
    url: str


TRADITIONS = (
    Tradition(
        "Church of England",
        re.compile(r"church of england|anglican", re.I),
        # the vision (2016) is for the good of the whole community, welcomes diversity and respects freedom of
        # religion and belief: said in the project's own words, never the vision's
        "The Church of England's vision for education, *Deeply Christian, Serving the Common Good* (2016), asks its "
        "schools to serve everyone in their community, to welcome diversity and to respect freedom of religion and "
        "belief",
        "Church of England: vision for education",
        "https://www.churchofengland.org/about/education-and-schools/vision-education",
    ),
    Tradition(
        "Catholic",
        re.compile(r"catholic", re.I),
        "The Catholic Education Service, for the Catholic bishops of England and Wales, said in *Catholic Schools, "
        "Children of Other Faiths and Community Cohesion* (2008) that promoting community cohesion is central to "
        "Catholic education",
        "Catholic Bishops' Conference of England and Wales",
        "https://www.cbcew.org.uk/catholic-schools-children-of-other-faiths-and-community-cohesion-loving-tenderly-"
        "acting-justly-walking-humbly/",
    ),
    Tradition(
        "Methodist",
        re.compile(r"methodist", re.I),
        "The Methodist Church said in 2012, when its Conference agreed to open more schools, that its schools serve "
        "their local communities and welcome pupils of all faiths and of none",
        "Methodist Church",
        "https://www.methodist.org.uk/about-us/news/latest-news/all-news/"
        "methodist-church-plans-to-build-schools-in-deprived-areas/",
    ),
    Tradition(
        "Jewish",
        re.compile(r"jewish", re.I),
        # the points the Board says it made at a meeting with the Education Secretary on promoting cohesion, which
        # followed the Government's proposal of September 2016 on faith admissions to faith free schools (the Board's
        # own page of 9 September 2016:
        # https://bod.org.uk/bod-news/board-of-deputies-welcomes-government-decision-to-remove-50-per-cent-cap-on-faith-
        # based-admission-to-faith-schools/): the Board's points ("we made two key points"), not one official's view.
        # The meeting's own page carries no date, so it is dated by that proposal. The proposal itself, on new free
        # schools' admissions, does not concern most Jewish schools (a voluntary aided school, for one) and is not
        # named: the sentence is what the Board said about cohesion (fourth cold read).
        "The Board of Deputies of British Jews told the Education Secretary, at a meeting on community cohesion after "
        "September 2016, that cohesion is a high priority for the Jewish community and that every Jewish school should "
        "play its part in promoting it, in a way that suits the school",
        "Board of Deputies of British Jews",
        "https://bod.org.uk/bod-news/board-of-deputies-discusses-community-cohesion-in-roundtable-discussion-with-"
        "justine-greening/",
    ),
    Tradition(
        "Muslim",
        re.compile(r"muslim|islam|sunni", re.I),
        # a standing page with no date of its own: dated by when the project read it (a stored copy, December 2026)
        "The Association of Muslim Schools UK said on its website (as checked in December 2026) that it and its member "
        "schools are committed to community cohesion, and that Muslim schools bring up their pupils in the belief "
        "that a good Muslim must also be a good citizen",
        "Association of Muslim Schools UK",
        "http://ams-uk.org/about-us/community-cohesion/",
    ),
)


def traditions(religious_character: str) -> list[Tradition]:
    """The traditions a religious character names, in the register's order of words ('Church of England/Methodist'
    is both); none for a character no source here speaks for (Sikh, Hindu, Quaker, ...)."""
    found = [(t.matches.search(religious_character), t) for t in TRADITIONS]
    return [t for match, t in sorted(((m, t) for m, t in found if m), key=lambda pair: pair[0].start())]


def guidance_markdown(tradition: Tradition) -> str:
    """The tradition's sentence with its source linked, as the policy prints it (the project's own Markdown)."""
    return f"{tradition.said} ([{tradition.source}]({tradition.url}))."
