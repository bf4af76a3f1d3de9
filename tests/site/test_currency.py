"""The guide is true today: today's facts stay on their pages with their sources, 2007-era terms are
marked as history with what replaced them, and review dates come before the changes facts face."""

from __future__ import annotations

import re
from datetime import date
from pathlib import Path

import lxml.html
import yaml

from tests.conftest import ROOT, site_pages
from tests.site.test_site_build import front_matter, markdown_pages

# ---- 1. Today's facts, each with its source on the same page -----------------------------------
# (page in the built site, the fact as a pattern over the page's text, the start of its source's
# address, which must be a link on that page, and the day a person last read the source and found the
# fact still there). Add a line here whenever a page states a new fact; when you check a source again
# (`make linkcheck` lists every external address with its status), move its date on.
OLD = date(2026, 11, 30)  # the facts sheet (../shared/FACTS-TODAY.md) read the sources by this day
NEW = date(2026, 12, 7)  # read again for issue 26
RECHECK_AFTER_DAYS = 365
TODAY_FACTS = [
    ("duty/today/", r"in England only", "https://www.legislation.gov.uk/ukpga/2006/40/notes/division/6/3/7", OLD),
    (
        "duty/today/",
        r"applied since 1 September 2007",
        "https://www.legislation.gov.uk/ukpga/2006/40/notes/division/6/3/7",
        OLD,
    ),
    (
        "duty/today/",
        r"stayed\. The Department for Education",
        "https://www.gov.uk/government/publications/community-cohesion",
        OLD,
    ),
    ("duty/today/", r"Academies Act 2010, section 1A", "https://www.legislation.gov.uk/ukpga/2010/32/", NEW),
    ("duty/today/", r"came into force on 29 September 2014", "https://www.legislation.gov.uk/uksi/2014/2374", OLD),
    (
        "duty/today/",
        r"democracy, the rule of law, individual liberty, and mutual respect",
        "https://www.gov.uk/government/publications/promoting-fundamental-british-values-through-smsc",
        NEW,
    ),
    ("duty/today/", r"applied since 5 April 2011", "https://www.legislation.gov.uk/uksi/2011/1066", NEW),
    ("duty/today/", r"foster good relations", "https://www.legislation.gov.uk/ukpga/2010/15/section/149", NEW),
    ("duty/today/", r"publish information each year", "https://www.legislation.gov.uk/uksi/2017/353/regulation/4", NEW),
    ("duty/today/", r"at least every four years", "https://legislation.gov.uk/uksi/2011/2260", OLD),
    ("duty/today/", r"applied to schools since 1 July 2015", "https://www.legislation.gov.uk/ukpga/2015/6/part/5", NEW),
    ("duty/today/", r"since 31 December 2023", "https://www.gov.uk/government/publications/prevent-duty-guidance", NEW),
    (
        "duty/today/",
        r"Sections 406 and 407 of the Education Act 1996",
        "https://www.legislation.gov.uk/ukpga/1996/56/part/V",
        OLD,
    ),
    (
        "duty/today/",
        r"\(February 2022\)",
        "https://www.gov.uk/government/publications/political-impartiality-in-schools",
        OLD,
    ),
    (
        "duty/today/",
        r"Since September 2020 relationships education",
        "https://gov.uk/government/publications/relationships-education-relationships-and-sex-education-rse-and-health-education/annex-a",
        NEW,
    ),
    (
        "duty/today/",
        r"Since 1 September 2026 schools must follow the statutory guidance the DfE issued on 15 July 2025",
        "https://www.gov.uk/government/publications/relationships-education-relationships-and-sex-education-rse-and-health-education",
        NEW,
    ),
    ("duty/today/", r"became law on 29 April 2026", "https://www.legislation.gov.uk/ukpga/2026/21/", OLD),
    ("duty/today/", r"Not settled\.", "https://legislation.gov.uk/uksi/2007/2979/", OLD),
    ("duty/today/", r"Community cohesion is a devolved matter", "https://lordslibrary.parliament.uk/", OLD),
    (
        "duty/ofsted-today/",
        r"began on 10 November 2025",
        "https://gov.uk/government/publications/school-inspection-toolkit-operating-guide-and-information/",
        OLD,
    ),
    (
        "duty/ofsted-today/",
        r"exceptional strong standard expected standard needs attention urgent improvement",
        "https://www.gov.uk/government/news/ofsted-confirms-changes-to-education-inspection",
        OLD,
    ),
    (
        "duty/ofsted-today/",
        r"no single overall grade",
        "https://www.gov.uk/government/news/ofsted-confirms-changes-to-education-inspection",
        OLD,
    ),
    (
        "duty/ofsted-today/",
        r"as met or not met",
        "https://www.gov.uk/government/news/ofsted-confirms-changes-to-education-inspection",
        NEW,
    ),
    ("duty/ofsted-today/", r"equal chances for all", "https://www.lancashire.gov.uk/", NEW),
    (
        "duty/policy-context/",
        r"5 December 2016",
        "https://www.gov.uk/government/news/casey-calls-for-integration-plan",
        OLD,
    ),
    (
        "duty/policy-context/",
        r"14 March 2018",
        "https://www.gov.uk/government/news/new-government-action-to-create-stronger-more-integrated-britain",
        OLD,
    ),
    ("duty/policy-context/", r"over 70 actions", "https://parallelparliament.co.uk/debate/2019-02-11/", OLD),
    ("duty/policy-context/", r"25 March 2024", "https://www.gov.uk/government/publications/the-khan-review", OLD),
    (
        "duty/policy-context/",
        r"lead cross-government work on community cohesion",
        "https://hansard.parliament.uk/commons/2024-09-02/",
        OLD,
    ),
    (
        "duty/policy-context/",
        r"25 September 2025",
        "https://www.gov.uk/government/publications/pride-in-place-strategy",
        OLD,
    ),
    (
        "duty/policy-context/",
        r"£2\.87 million Common Ground Resilience Fund",
        "https://parallelparliament.co.uk/question/81507/",
        OLD,
    ),
    (
        "duty/policy-context/",
        r"citizenship compulsory at key stages 1 and 2",
        "https://parallelparliament.co.uk/question/HL11934/",
        OLD,
    ),
    ("duty/policy-context/", r"27 January 2026", "https://www.belongnetwork.co.uk/", OLD),
    ("duty/why/", r"published in December 2001", "https://www.theguardian.com/uk/2001/dec/11/", OLD),
    (
        "duty/why/",
        r"In January 2005 the government launched",
        "https://publications.parliament.uk/pa/cm200405/cmhansrd/vo050119/",
        OLD,
    ),
    ("duty/why/", r"published on 14 June 2007", "https://webarchive.nationalarchives.gov.uk/", OLD),
    ("duty/why/", r"25\.7%", "https://explore-education-statistics.service.gov.uk/", OLD),
    (
        "duty/",
        r"The DfE confirmed that the duty itself stays",
        "https://www.gov.uk/government/publications/community-cohesion",
        OLD,
    ),
    (
        "duty/governors/",
        r"\bage\b.*?disability.*?gender reassignment.*?marriage and civil partnership.*?pregnancy and "
        r"maternity.*?\brace\b.*?religion or belief.*?\bsex\b.*?sexual orientation",
        "https://www.legislation.gov.uk/ukpga/2010/15/section/4",
        NEW,
    ),
    (
        "duty/governors/",
        r"apply to schools as employers, not to the way they treat pupils",
        "https://www.legislation.gov.uk/ukpga/2010/15/section/84",
        NEW,
    ),
    (
        "duty/governors/",
        r"section 33 of the Education Act 2011",
        "https://legislation.gov.uk/ukpga/2011/21/notes/",
        OLD,
    ),
    (
        "duty/inspection/",
        r"asked Ofsted to scrap it",
        "https://www.gov.uk/government/news/education-secretary-michael-gove",
        OLD,
    ),
    ("duty/inspection/", r"ended its use in 2011", "https://www.theyworkforyou.com/wrans/?id=2011-01-19b", OLD),
    ("duty/strands/", r"over £1 billion", "https://hansard.parliament.uk/Commons/2009-07-20/", OLD),
    (
        "planning/self-evaluation/",
        r"25\.7% in January 2025",
        "https://explore-education-statistics.service.gov.uk/find-statistics/school-pupils-and-their-characteristics/2024-25",
        NEW,
    ),
    ("support/", r"Schools linking began in Bradford in 2001", "https://thelinkingnetwork.org.uk/", OLD),
    # added on 7 December 2026 (issue 26)
    (
        "duty/today/",
        r"16 to 19 academies \(section 1B\).*?not schools in law",
        "https://legislation.gov.uk/ukpga/2011/21/schedule/13/paragraph/9",
        NEW,
    ),
    ("duty/today/", r"it is a condition in section 1A\(1\)", "https://www.legislation.gov.uk/ukpga/2010/32/", NEW),
    (
        "duty/today/",
        r"It does not apply to 16 to 19 academies",
        "https://legislation.gov.uk/uksi/2014/3283/regulation/3",
        NEW,
    ),
    (
        "duty/today/",
        r"Settled: yes, through the authority",
        "https://www.legislation.gov.uk/ukpga/2010/15/schedule/19",
        NEW,
    ),
    (
        "duty/today/",
        r"specified authorities in Schedule 6",
        "http://legislation.gov.uk/id/ukpga/2015/6/schedule/6",
        NEW,
    ),
    (
        "duty/today/",
        r"apply these subjects to pupil referral units",
        "https://gov.uk/government/publications/relationships-education-relationships-and-sex-education-rse-and-health-education/annex-a",
        NEW,
    ),
    ("duty/today/", r"does not list community cohesion", "https://www.legislation.gov.uk/ukpga/2026/21/enacted", NEW),
    (
        "duty/today/",
        r"required academy schools to follow the national curriculum",
        "https://www.theyworkforyou.com/pbc/2024-25/",
        NEW,
    ),
    ("duty/today/", r"first teaching from September 2028", "https://schoolsnortheast.org/", NEW),
    (
        "planning/self-evaluation/",
        r"A school at the January 2025 national average just meets the threshold",
        "https://polimapper.neea.co.uk/",
        NEW,
    ),
    (
        "planning/self-evaluation/",
        r"holds a school-level data set for 2025/26",
        "https://explore-education-statistics.service.gov.uk/data-catalogue/data-set/7e8c04bd",
        NEW,
    ),
    (
        "support/",
        r"850 classes in 27 local authority areas",
        "https://thelinkingnetwork.org.uk/the-linking-network-celebrates/",
        NEW,
    ),
    (
        "duty/tension/",
        r"4,103 antisemitic incidents in 2023, 2,699 of them on or after 7 October",
        "https://cst.org.uk/news/blog/2024/02/15/",
        NEW,
    ),
    (
        "duty/tension/",
        r"1,202 anti-Muslim cases between 7 October and 30 November 2023",
        "https://tellmamauk.org/tell-mama-recorded-1202",
        NEW,
    ),
    (
        "duty/tension/",
        r"ministers of the previous government wrote to schools",
        "https://educationhub.blog.gov.uk/2023/10/",
        NEW,
    ),
    (
        "duty/tension/",
        r"final judgment on 26 November 2019",
        "https://caselaw.nationalarchives.gov.uk/ewhc/qb/2019/3217",
        NEW,
    ),
    (
        "duty/tension/",
        r"let down by the trust, the council and the police",
        "https://schoolsweek.co.uk/khan-review",
        NEW,
    ),
    ("duty/tension/", r"True Vision", "https://www.report-it.org.uk/", NEW),
    (
        "duty/governors-inspection/",
        r"special category data under Article 9",
        "https://ico.org.uk/for-organisations/uk-gdpr-guidance-and-resources/",
        NEW,
    ),
    (
        "duty/governors-inspection/",
        r"a condition for special category data",
        "http://www.gov.uk/guidance/data-protection-in-schools",
        NEW,
    ),
    (
        "duty/governors-inspection/",
        r"focused monitoring inspections",
        "https://www.gov.uk/government/publications/school-inspection-toolkit-operating-guide-and-information/",
        NEW,
    ),
    (
        "duty/parents/",
        r"wholly or partly, until the parent withdraws the request",
        "https://www.legislation.gov.uk/ukpga/1998/31/section/71",
        NEW,
    ),
    (
        "duty/parents/",
        r"Relationships education and health education No",
        "https://www.gov.uk/government/publications/relationships-education",
        NEW,
    ),
    (
        "duty/parents/",
        r"Education Act 2002, section 29",
        "https://www.legislation.gov.uk/ukpga/2002/32/section/29",
        NEW,
    ),
    (
        "duty/parents/",
        r"Part 7 of the Independent School Standards",
        "https://www.legislation.gov.uk/uksi/2014/3283/schedule/part/7",
        NEW,
    ),
    (
        "duty/parents/",
        r"sections 406 and 407 of the Education Act 1996 forbid",
        "https://www.legislation.gov.uk/ukpga/1996/56/part/V",
        NEW,
    ),
    (
        "duty/parents/",
        r"\(17 February 2022\)",
        "https://www.gov.uk/government/publications/political-impartiality-in-schools",
        NEW,
    ),
    # checked again, or added, on 7 December 2026 after the expert review of issue 26's pages
    (
        "duty/today/",
        r"the two sections extend to England and Wales",
        "https://www.legislation.gov.uk/ukpga/1996/56/part/V",
        NEW,
    ),
    (
        "duty/today/",
        r"No legal requirement: the 2019 Regulations reach academies through the Independent School Standards",
        "https://gov.uk/government/publications/relationships-education-relationships-and-sex-education-rse-and-health-education/annex-a",
        NEW,
    ),
    (
        "duty/today/",
        r"The Education Act 2011 removed Ofsted's duty to report",
        "https://www.gov.uk/government/publications/community-cohesion",
        NEW,
    ),
    (
        "duty/ofsted-today/",
        r"Ofsted published updated versions of the toolkit and its guides in June 2026",
        "https://schoolgovernors.thekeysupport.com/",
        NEW,
    ),
    (
        "duty/policy-context/",
        r"published with the government's response to the consultation",
        "https://gov.uk/government/consultations/integrated-communities-strategy-green-paper",
        NEW,
    ),
    (
        "duty/policy-context/",
        r"Revised Prevent duty guidance, issued on 7 September 2023, comes into force",
        "https://www.gov.uk/government/publications/prevent-duty-guidance",
        NEW,
    ),
    (
        "duty/policy-context/",
        r"schools must follow it from 1 September 2026",
        "https://www.gov.uk/government/publications/relationships-education-relationships-and-sex-education-rse-and-health-education",
        NEW,
    ),
    (
        "support/",
        r"evaluated The Linking Network's national programme in 2018",
        "https://thelinkingnetwork.org.uk/evaluation/",
        NEW,
    ),
    ("duty/tension/", r"Anti-Terrorist Hotline on 0800 789 321", "https://report-extremism.education.gov.uk/", NEW),
    (
        "duty/tension/",
        r"020 7340 7264, Monday to Friday, 11am to 3pm",
        "https://www.educateagainsthate.com/what-action-should-be-taken-if-a-member-of-staff",
        NEW,
    ),
    ("duty/tension/", r"Find your local council on GOV.UK", "https://www.gov.uk/find-local-council", NEW),
    ("duty/tension/", r"sees it as driven by hostility or prejudice", "https://www.cps.gov.uk/hate-crime", NEW),
    (
        "duty/tension/",
        r"can set conditions on a public assembly",
        "https://www.legislation.gov.uk/ukpga/1986/64/section/14",
        NEW,
    ),
    (
        "duty/tension/",
        r"public spaces protection order",
        "https://www.legislation.gov.uk/ukpga/2014/12/section/59",
        NEW,
    ),
    ("duty/tension/", r"did not use the image to cause offence", "https://batleymat.co.uk/", NEW),
    (
        "duty/governors-inspection/",
        r"appropriate policy document",
        "https://www.legislation.gov.uk/ukpga/2018/12/schedule/1/part/2/crossheading/requirement-for-an-appropriate-policy-document",
        NEW,
    ),
    (
        "duty/governors-inspection/",
        r"the school then records it as refused",
        "https://parallelparliament.co.uk/question/HL2697/",
        NEW,
    ),
    (
        "duty/governors-inspection/",
        r"list a pupil's ethnic group and first language, but not religion",
        "https://www.legislation.gov.uk/uksi/2013/2094/schedules/made",
        NEW,
    ),
    (
        "duty/governors-inspection/",
        r"Ofsted published updated versions of the toolkit",
        "https://schoolgovernors.thekeysupport.com/",
        NEW,
    ),
    (
        "duty/parents/",
        r"The school must excuse the child for as long as the parent asks",
        "https://www.legislation.gov.uk/ukpga/1996/56/part/V/chapter/IV/crossheading/sex-education",
        NEW,
    ),
    ("duty/parents/", r"up to three terms before the child turns 16", "https://schoolleaders.thekeysupport.com/", NEW),
    (
        "duty/parents/",
        r"at least three people who were not directly involved",
        "https://www.legislation.gov.uk/uksi/2014/3283/schedule/part/7",
        NEW,
    ),
    (
        "duty/parents/",
        r"checks whether the academy handled the complaint properly",
        "https://www.gov.uk/government/publications/complain-about-an-academy",
        NEW,
    ),
    (
        "duty/parents/",
        r"acted unreasonably or failed to carry out a legal duty",
        "https://www.legislation.gov.uk/ukpga/1996/56/part/IX",
        NEW,
    ),
    (
        "duty/parents/",
        r"contract terms forbidding it cannot be enforced",
        "https://hansard.parliament.uk/Commons/2023-10-24/",
        NEW,
    ),
    (
        "duty/tension/",
        r"media literacy is taught today in citizenship",
        "https://parallelparliament.co.uk/question/111412/",
        NEW,
    ),
    (
        "duty/ofsted-today/",
        r"ended the single overall grade for state schools",
        "https://www.gov.uk/government/news/single-headline-ofsted-grades-scrapped-in-landmark-school-reform",
        NEW,
    ),
    ("duty/today/", r"Wales has its own curriculum law", "https://www.legislation.gov.uk/asc/2021/4", NEW),
    (
        "duty/today/",
        r"some made before 2010 have a section on it",
        "https://davidwolfe.org.uk/wordpress/archives/237",
        NEW,
    ),
    # the 2026 Act's commencement, read in section 78 as enacted on 7 December 2026
    (
        "duty/today/",
        r"On the day it passed, 29 April 2026: the powers in Parts 1 and 2 to make regulations",
        "https://www.legislation.gov.uk/ukpga/2026/21/section/78",
        NEW,
    ),
    (
        "duty/today/",
        r"from 29 June 2026: sections 5, 22, 31, 36, 51, 55, 56, 58, 59 \(with Schedule 3, apart from its paragraph 6\), 60 and 61",
        "https://www.legislation.gov.uk/ukpga/2026/21/section/78",
        NEW,
    ),
    (
        "duty/today/",
        r"section 28, sections 37 to 42 and Schedule 2 start in Wales when the Welsh Ministers",
        "https://www.legislation.gov.uk/ukpga/2026/21/section/78",
        NEW,
    ),
    (
        "duty/today/",
        r"Everything else: on days the Secretary of State sets by regulations",
        "https://www.legislation.gov.uk/ukpga/2026/21/section/78",
        NEW,
    ),
    (
        "duty/policy-context/",
        r"eleven listed sections two months later \(from 29 June 2026\)",
        "https://www.legislation.gov.uk/ukpga/2026/21/section/78",
        NEW,
    ),
    # Ofsted's operating guide and its information for schools (GOV.UK), and a council's notice of the 2026 toolkits, read on 7 December 2026
    (
        "duty/governors-inspection/",
        r"published on 9 September 2025",
        "https://gov.uk/government/publications/school-inspection-toolkit-operating-guide-and-information/school-inspection-operating-guide",
        NEW,
    ),
    (
        "duty/governors-inspection/",
        r"whether they achieve\b.*?whether they belong\b.*?whether they thrive\b",
        "https://gov.uk/government/publications/school-inspection-toolkit-operating-guide-and-information/school-inspection-operating-guide",
        NEW,
    ),
    (
        "duty/governors-inspection/",
        r"the toolkit holds the standards they grade against",
        "https://www.gov.uk/government/publications/school-inspection-toolkit-operating-guide-and-information/inspection-information",
        NEW,
    ),
    (
        "duty/governors-inspection/",
        r"education toolkits, in force from September 2026",
        "https://thelink.slough.gov.uk/news/",
        NEW,
    ),
]

# ---- 2. Historic terms, and what each page must say replaced them ------------------------------
# A page that uses a term must hold, on the same page, a historic marker (a `!!! historic` box, or an
# element with class `cc-historic`) that names the term and says what replaced it (the second pattern).
HISTORIC_TERMS = {
    "Every Child Matters": (r"Every Child Matters|\bECM\b", r"well-being"),
    "the extended services programme": (
        r"(?i)extended services programme|core offer|extended schools",
        r"no national (extended services )?programme",
    ),
    "the cross-curriculum dimensions": (r"(?i)cross-curricul(um|ar) dimensions?", r"national curriculum"),
    "the TDA": (r"\bTDA\b|Training and Development Agency", r"Teaching Agency"),
    "the SEF": (r"\bSEF\b|(?i:self-evaluation form)", r"own self-evaluation|evaluates itself"),
    "CVA": (r"\bCVA\b|(?i:contextual value added)", r"ended its use"),
    "School Improvement Partners": (r"\bSIPs?\b|School Improvement Partner", r"Education Act 2011"),
    "TeacherNet": (r"TeacherNet", r"UK Government Web Archive"),
    "the 2007 citizenship strand": (r"Identity and diversity: living together in the UK", r"national curriculum"),
}
MARKER = (
    './/*[contains(concat(" ", normalize-space(@class), " "), " historic ")'
    ' or contains(concat(" ", normalize-space(@class), " "), " cc-historic ")]'
)

# ---- 3. Known changes a page's facts face: its review must come first ---------------------------
KNOWN_CHANGES = [
    (
        r"(?i)report card|evaluation area",
        date(2027, 9, 1),
        "Ofsted updates its inspection toolkit, usually once a year",
    ),
    (r"25\.7%|January 2025", date(2027, 6, 30), "DfE publishes new school census figures each summer"),
    (
        r"Curriculum and Assessment Review|compulsory at key stages 1 and 2",
        date(2027, 6, 30),
        "the new national curriculum is due to be published in 2027",
    ),
    (r"Children's Wellbeing and Schools Act", date(2027, 4, 29), "most of the 2026 Act starts on dates set later"),
    (
        r"revised national curriculum|first teaching from September 2028",
        date(2027, 6, 30),
        "the revised national curriculum is due to be published by spring 2027",
    ),
]


def words(text: str) -> str:
    return re.sub(r"\s+", " ", text.replace("\u00a0", " ")).strip()


def article(site: Path, page: str):
    """The main content of a built page (Material's <article>), without the navigation around it."""
    html = site / page / "index.html" if not page.endswith(".html") else site / page
    tree = lxml.html.fromstring(html.read_text(encoding="utf-8"))
    found = tree.xpath("//article")
    assert found, f"{page}: no <article> in the built page"
    return found[0]


def list_text(node) -> str:
    """A node's text with list items and table cells separated by a space, so a list reads as a run."""
    return words(" ".join(node.itertext()))


def fact_problems(site: Path, facts=TODAY_FACTS) -> list[str]:
    problems = []
    for page, pattern, source, *_ in facts:
        if not (site / page / "index.html").is_file():
            problems.append(f"{page}: the page is missing")
            continue
        body = article(site, page)
        if not re.search(pattern, list_text(body)):
            problems.append(f"{page}: no longer states {pattern!r}")
        if not any(href.startswith(source) for href in body.xpath(".//a/@href")):
            problems.append(f"{page}: states {pattern!r} but no longer links its source {source}")
    return problems


def historic_problems(site: Path, pages: list[str]) -> list[str]:
    problems = []
    for page in pages:
        body = article(site, page if page else "")
        text = list_text(body)
        markers = [list_text(m) for m in body.xpath(MARKER)]
        for name, (term, replaced_by) in HISTORIC_TERMS.items():
            if not re.search(term, text):
                continue
            if not any(re.search(term, m) and re.search(replaced_by, m) for m in markers):
                problems.append(
                    f"{page or '(home)'}: uses {name} with no historic marker naming it and saying "
                    f"what replaced it (a '!!! historic' box, or class 'cc-historic', matching {replaced_by!r})"
                )
    return problems


def review_problems(pages: list[Path]) -> list[str]:
    problems = []
    for page in pages:
        text = page.read_text(encoding="utf-8")
        due = date.fromisoformat(str(front_matter(page)["review_due"]))
        for pattern, change, why in KNOWN_CHANGES:
            if re.search(pattern, text) and due > change:
                name = page.relative_to(ROOT) if page.is_relative_to(ROOT) else page.name
                problems.append(f"{name}: review_due {due} comes after {change}, when {why}")
    return problems


# ---- the real site ----------------------------------------------------------------------------


def test_the_facts_list_is_substantial():
    assert len(TODAY_FACTS) >= 70
    assert len({page for page, *_ in TODAY_FACTS}) >= 13


def stale_sources(facts=TODAY_FACTS, today: date | None = None) -> list[str]:
    today = today or date.today()
    return [
        f"{page}: {source} was last checked on {checked}, over {RECHECK_AFTER_DAYS} days ago: read it again"
        for page, _, source, checked in facts
        if (today - checked).days > RECHECK_AFTER_DAYS
    ]


def test_every_source_records_when_it_was_last_checked_and_none_is_over_a_year_old():
    assert all(isinstance(fact[3], date) for fact in TODAY_FACTS)
    assert not (problems := stale_sources()), "\n".join(problems)


def test_a_source_not_checked_for_over_a_year_is_reported():
    facts = [
        ("p/", "x", "https://example.org/a", date(2025, 1, 1)),
        ("p/", "y", "https://example.org/b", date(2026, 6, 1)),
    ]
    assert stale_sources(facts, today=date(2026, 12, 7)) == [
        "p/: https://example.org/a was last checked on 2025-01-01, over 365 days ago: read it again"
    ]


def test_every_fact_of_today_is_on_its_page_with_its_source_linked(built_site):
    problems = fact_problems(built_site)
    assert not problems, "\n".join(problems)


def test_no_page_uses_a_historic_term_without_a_historic_marker(built_site):
    pages = [p for p in site_pages(built_site) if p not in ("404.html",)]
    problems = historic_problems(built_site, pages)
    assert not problems, "\n".join(problems)


def test_every_page_is_reviewed_before_the_changes_its_facts_face():
    problems = review_problems(markdown_pages())
    assert not problems, "\n".join(problems)


def test_support_page_shows_the_authoritys_strategy_apart_from_national_organisations(built_site):
    local = yaml.safe_load((ROOT / "local.yml").read_text(encoding="utf-8"))
    body = article(built_site, "support/")
    strategy = body.xpath('.//*[@id="authority-strategy"]/following-sibling::ul[1]//a')
    assert strategy and strategy[0].get("href") == local["strategy"]["url"]
    assert words(strategy[0].text_content()) == local["strategy"]["title"]
    national = body.xpath('.//*[@id="national"]/following-sibling::dl[1]')
    assert national, "the support page has no list of national organisations"
    national_text = list_text(national[0])
    for org in ("The Linking Network", "Belong", "Show Racism the Red Card", "Near Neighbours", "Educate Against Hate"):
        assert org in national_text
    for contact in local["contacts"]:  # the authority's own contacts are not among the national ones
        assert contact["name"] not in national_text


# ---- the checks fail when the behaviour breaks ---------------------------------------------------


def _page(tmp_path: Path, body: str) -> Path:
    (tmp_path / "p").mkdir(exist_ok=True)
    (tmp_path / "p" / "index.html").write_text(f"<html><body><nav>TDA</nav><article>{body}</article></body></html>")
    return tmp_path


def test_a_historic_term_without_a_marker_is_reported(tmp_path):
    site = _page(tmp_path, "<p>Link each aim to the Every Child Matters outcomes.</p>")
    assert historic_problems(site, ["p/"]) and "Every Child Matters" in historic_problems(site, ["p/"])[0]


def test_a_marker_that_does_not_say_what_replaced_the_term_is_not_enough(tmp_path):
    site = _page(tmp_path, '<div class="admonition historic"><p>Every Child Matters was a programme.</p></div>')
    assert historic_problems(site, ["p/"])


def test_a_marker_naming_the_term_and_its_replacement_passes_and_navigation_is_ignored(tmp_path):
    site = _page(
        tmp_path,
        '<div class="admonition historic"><p>Every Child Matters ended; use pupils\' '
        "well-being today.</p></div><p>Every Child Matters again.</p>",
    )
    assert historic_problems(site, ["p/"]) == []
    inline = _page(
        tmp_path, '<p><span class="cc-historic">TeacherNet closed; see the UK Government Web Archive</span></p>'
    )
    assert historic_problems(inline, ["p/"]) == []


def test_a_fact_whose_source_link_is_gone_is_reported(tmp_path):
    site = _page(tmp_path, "<p>The duty has applied since 1 September 2007.</p>")
    facts = [("p/", r"since 1 September 2007", "https://www.legislation.gov.uk/")]
    assert fact_problems(site, facts) == [
        "p/: states 'since 1 September 2007' but no longer links its source https://www.legislation.gov.uk/"
    ]
    linked = _page(
        tmp_path, '<p>It has applied since 1 September 2007 (<a href="https://www.legislation.gov.uk/x">law</a>).</p>'
    )
    assert fact_problems(linked, facts) == []


def test_a_review_date_after_a_known_change_is_reported(tmp_path):
    late = tmp_path / "late.md"
    late.write_text("---\ntitle: x\nlast_reviewed: 2026-12-04\nreview_due: 2028-01-01\n---\nOfsted report cards.\n")
    problems = review_problems([late])
    assert len(problems) == 1 and problems[0].startswith("late.md: review_due 2028-01-01 comes after 2027-09-01")
    late.write_text("---\ntitle: x\nlast_reviewed: 2026-12-04\nreview_due: 2027-08-01\n---\nOfsted report cards.\n")
    assert review_problems([late]) == []


def test_local_yml_strategy_link_must_be_an_https_address_with_a_title():
    import json

    from jsonschema import Draft202012Validator

    schema = json.loads((ROOT / "model_policies" / "local.schema.json").read_text(encoding="utf-8"))
    local = yaml.safe_load((ROOT / "local.yml").read_text(encoding="utf-8"))
    check = Draft202012Validator(schema)
    assert not list(check.iter_errors(local))
    for bad in ({"title": "Our strategy", "url": "http://www.example.org/s"}, {"url": "https://www.example.org/s"}):
        assert list(check.iter_errors({**local, "strategy": bad})), f"the schema accepted strategy {bad}"
