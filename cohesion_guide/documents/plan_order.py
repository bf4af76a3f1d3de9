"""First things first: the order in which an action plan takes up what its audit and its profile call for.

Every topic a plan can act on (an audit practice's id, or a profile rule's topic) belongs to one band, and the bands
run: pupils' safety and prejudice, then fairness for groups who may miss out, then the voices of pupils and families,
then the curriculum, then links with others, then enrichment. Prejudice comes with safety: recording and answering
prejudice-related incidents, a plan for when tension rises, staff ready to answer the prejudice pupils meet online,
and lessons that challenge prejudice never wait behind clubs, trips or links. A topic with no band is an error, never
quietly last: a new practice or rule is placed here on purpose.
"""

from __future__ import annotations

BANDS = (
    ("safety and prejudice", {"prejudice-incidents", "tension-response", "online-hostility", "shared-values-lessons"}),
    (
        "fairness for groups who may miss out",
        {
            "exclusions-by-group",
            "progress-by-group",
            "admissions",
            "eal-support",
            "mid-year-arrivals",
            "barriers-to-taking-part",
        },
    ),
    (
        "the voices of pupils and families",
        {"engaging-parents", "pupil-voice", "stakeholder-views", "local-agencies", "governing-body-reflects-community"},
    ),
    ("the curriculum", {"citizenship-re-pshe"}),
    ("links with others", {"links-other-schools", "faith-links", "visits-other-communities"}),
    ("enrichment", {"global-links", "shared-facilities", "extended-services"}),
)
SAFETY = 0  # the band that always comes first, in rank and in the first year
# Safety in time as well: an incident check or a plan for when tension rises is due in the plan's first term.
FIRST_TERM = {"prejudice-incidents", "tension-response"}
# What pupils are taught: the plan never puts all of it off to the next plan.
CURRICULUM = {"shared-values-lessons", "citizenship-re-pshe", "online-hostility"}


def band(topic: str) -> int:
    """How early an action on this topic comes (0: first)."""
    for n, (_, topics) in enumerate(BANDS):
        if topic in topics:
            return n
    raise ValueError(f"the action plan has no place for the topic {topic!r}: add it to a band in plan_order.BANDS")
