"""The policy has every section, the school's facts and the authority's contacts; templates run strict and sandboxed."""

from __future__ import annotations

import re
from datetime import date

import jinja2
import pytest
from jinja2.sandbox import SecurityError

from cohesion_guide.documents import render
from cohesion_guide.documents.render import escape_markdown, next_review, render_policy, render_template
from cohesion_guide.export.html import markdown_to_html
from cohesion_guide.inputs.local_config import load_local
from cohesion_guide.inputs.profiles import load_profiles
from tests.conftest import ROOT
from tests.documents.test_tailoring import make_profile, section

SECTIONS = [
    "## Introduction and legal basis",
    "## Our aims",
    "## What community cohesion means",
    "## Our school's context",
    "## Our communities",
    "### Our school community",
    "### Our local community",
    "### The UK and the wider world",
    "## What we will do",
    "### Teaching, learning and the curriculum",
    "### Equity and excellence",
    "### Working with families and the community",  # the 2007 strand, "engagement and extended services", today
    "## Roles and responsibilities",
    "### Parents and carers",  # every policy says something to all its families
    "## Monitoring, evaluation and review",
    "## Links to related policies",
    "## Where to get support",
    "## Approval",
]


def test_page_one_says_where_the_policy_stands_and_the_end_has_lines_to_sign(tmp_path, local):
    profile = make_profile(tmp_path)
    draft = render_policy(profile, local)
    status = draft.split("\n## ", 1)[0]  # everything before the first section: page one's top
    assert "| Status | Draft |" in status
    assert "| To be approved by | " in status and "| Next review |" in status
    approved = render_policy(
        make_profile(
            tmp_path,
            {"document": {"approved_by": "Full governing body", "date_adopted": "2026-09-01", "status": "approved"}},
        ),
        local,
    )
    top = approved.split("\n## ", 1)[0]
    assert "| Status | Approved |" in top and "| Approved by | Full governing body, 1 September 2026 |" in top
    approval = draft.split("## Approval", 1)[1]
    assert "| Chair of the governing body |" in approval and "| Headteacher |" in approval


def test_contacts_are_working_links_in_word_and_pdf(tmp_path, local):
    import zipfile

    import pypdf

    from cohesion_guide.documents.policy import write_school_documents
    from cohesion_guide.inputs.profiles import load_profile

    profile = load_profile(ROOT / "schools" / "riverside-primary.yml")
    made = write_school_documents(profile, local, tmp_path, ["docx", "pdf"])
    contact = local["contacts"][0]
    with zipfile.ZipFile(made["docx"]) as package:
        rels = package.read("word/_rels/document.xml.rels").decode("utf-8")
        body = package.read("word/document.xml").decode("utf-8")
    assert f'Target="{contact["url"]}" TargetMode="External"' in rels
    assert f'Target="mailto:{contact["email"]}" TargetMode="External"' in rels
    assert body.count("<w:hyperlink ") >= 2
    links = [
        annot.get_object()["/A"]["/URI"]
        for page in pypdf.PdfReader(str(made["pdf"])).pages
        for annot in page.get("/Annots") or []
        if "/A" in annot.get_object()
    ]
    assert contact["url"] in links and f"mailto:{contact['email']}" in links


@pytest.fixture(scope="module")
def local():
    return load_local(ROOT)


@pytest.fixture
def policy(tmp_path, local):
    school = make_profile(
        tmp_path,
        {
            "school": {"name": "Brook Lane Primary School", "urn": "123456"},
            "location": {"ward": "Brook Lane"},
            "pupils": {"home_languages": ["English", "Gujarati"], "faiths": ["Christian", "Hindu", "No religion"]},
            "local_area": {"name": "Brook Lane ward", "eal_percent": 12.5, "fsm_percent": 18},
            "context": "We are a small school.\n\nOur hall is used by a youth club\nthree evenings a week.",
            "document": {"date_adopted": "2026-10-15", "review_cycle_years": 2},
        },
    )
    return render_policy(school, local)


def test_every_section_in_order(policy):
    places = [policy.find(heading + "\n") for heading in SECTIONS]
    assert -1 not in places, [h for h, at in zip(SECTIONS, places, strict=False) if at == -1]
    assert places == sorted(places)
    assert policy.startswith("# Community cohesion policy: Brook Lane Primary School\n")


def test_communities_are_named_for_the_school(policy):
    local_community = section(policy, "### Our local community")
    assert "Brook Lane ward, and the wider Testford area" in local_community
    assert "Testshire" in local_community
    assert "Our 200 pupils, their families, our staff and our governors." in section(policy, "### Our school community")


def test_context_has_the_schools_words_and_figures(policy):
    context = section(policy, "## Our school's context")
    assert "We are a small school.\n\nOur hall is used by a youth club three evenings a week." in context
    assert "200 pupils on roll" not in context  # said once, in the introduction
    assert "We have 200 pupils on roll." in section(policy, "## Introduction and legal basis")
    # the census counts a first language, not how well a pupil speaks English (cold read, R07)
    assert (
        "Pupils whose first language is known or believed to be other than English: 10%; in Brook Lane ward, 12.5%."
        in context
    )
    assert "learning English" not in context
    assert "free school meals: 10%; in Brook Lane ward, 18%." in context
    # the census's "any other ..." categories are not ranked among the largest groups (cold read, imported-school-1)
    assert (
        "Our largest ethnic groups: White British (70%), Black African (10%), Indian (10%). Also recorded: any other White "
        "background (10%)." in context
    )
    assert "English and Gujarati" in context
    assert "Christian, Hindu and no religion" in context


def test_roles_name_the_leads(policy):
    roles = section(policy, "## Roles and responsibilities")
    for who in (
        "The governing body",
        "Headteacher",
        "Vice-chair of governors",
        "Assistant headteacher",
        "All staff",
    ):
        assert f"**{who}" in roles, who
    assert "\n### Pupils\n" in roles


def test_monitoring_asks_the_three_questions(policy):
    monitoring = section(policy, "## Monitoring, evaluation and review")
    for question in ("how well we know the communities we serve", "what we have done", "what difference it has made"):
        assert question in " ".join(monitoring.split())
    assert "every 2 years" in monitoring


def test_related_policies(policy):
    related = section(policy, "## Links to related policies")
    for name in ("equality", "anti-bullying", "behaviour", "curriculum", "accessibility plan"):
        assert name in related
    assert "admissions" not in related  # a community school's policy makes no commitment on them


def test_support_comes_from_local_yml(tmp_path, local):
    school = make_profile(tmp_path, {"school": {"local_authority": local["authority"]["short_name"]}})
    support = section(render_policy(school, local), "## Where to get support")
    assert escape_markdown(local["authority"]["name"]) in support
    for contact in local["contacts"]:
        assert escape_markdown(contact["name"]) in support
        if "phone" in contact:
            assert contact["phone"] in support


@pytest.mark.parametrize(
    "changes, anchor",
    [
        ({}, "#maintained"),
        ({"school": {"type": "Academy Converter"}}, "#academies"),
        ({"school": {"type": "Pupil Referral Unit", "phase": "pru"}}, "#prus"),
        ({"school": {"type": "Other Independent School"}}, "#independent"),
    ],
)
def test_the_guides_pages_are_linked_by_full_address_or_not_at_all(tmp_path, local, changes, anchor):
    home = {"local_authority": local["authority"]["short_name"]}
    school = make_profile(tmp_path, {**changes, "school": {**changes.get("school", {}), **home}})
    site = "https://cohesion.testshire.example.net/"
    linked = render_policy(school, {**local, "site_url": site})
    assert f"](https://cohesion.testshire.example.net/duty/today/{anchor})" in linked
    assert "](https://cohesion.testshire.example.net/duty/meaning/)" in linked
    assert "](https://cohesion.testshire.example.net/support/)" in linked
    plain = render_policy(school, local)
    assert "The guide's page" not in plain and "](/" not in plain and "index.md" not in plain


def test_the_policy_says_who_drafts_the_action_plan_who_approves_it_and_who_reports_on_it(policy):
    """The cold read (R01): the plan the policy reports against is set up by the policy itself, in short sentences."""
    monitoring = " ".join(section(policy, "## Monitoring, evaluation and review").split())
    assert (
        "The assistant headteacher will draft our community cohesion action plan, for the governing body to approve."
        in monitoring
    )
    assert (
        "Each year the vice-chair of governors will report to the governing body on progress against the plan, saying "
        "how well we know" in monitoring
    )


@pytest.mark.parametrize(
    "role, expected",
    [("Chair of governors", "chair of governors"), ("RE governor", "RE governor"), ("SENCo", "SENCo"), ("", "")],
)
def test_a_role_mid_sentence_keeps_its_initialisms(role, expected):
    assert render.mid_sentence(role) == expected


def test_the_status_block_is_the_only_control_table(policy):
    """Page one's table says what the document control table used to, once."""
    table = markdown_to_html(policy.split("\n## ", 1)[0])
    for row in (
        "<td>To be approved by</td>\n<td>Full governing body, 15 October 2026</td>",
        "<td>Next review</td>\n<td>15 October 2028 (every 2 years)</td>",
        "<td>School</td>\n<td>Brook Lane Primary School (URN 123456)</td>",
        "<td>Accountable body</td>\n<td>The governing body</td>",
        "<td>Lead governor</td>\n<td>Vice-chair of governors</td>",
        "<td>Staff lead</td>\n<td>Assistant headteacher</td>",
    ):
        assert row in table
    assert "Document control" not in policy and policy.count("(URN 123456)") == 1


def test_without_its_own_cycle_a_policy_suggests_the_authoritys_for_the_governors_to_confirm(tmp_path, local):
    """The authority's cycle is a suggestion, never stated as the governors' own (third cold read, R14)."""
    home = make_profile(tmp_path, {"school": {"local_authority": "Exampleshire"}})
    policy = render_policy(home, {**local, "policies": {"review_cycle_years": 3}})
    authority = local["authority"]["name"]
    assert f"| Next review | 1 September 2029 (every 3 years, as {authority} suggests) |" in policy
    assert (
        f"{authority} suggests reviewing this policy every 3 years. The governing body will decide how often" in policy
    )
    assert "will review this policy every 3 years" not in policy
    assert "How often the policy is reviewed: to be confirmed" in policy


def test_another_authoritys_school_is_told_the_guide_suggests_the_cycle_not_its_own_authority(tmp_path, local):
    policy = render_policy(make_profile(tmp_path), local)  # Testshire: not local.yml's authority
    # the guide is named: "the guide this policy was made with" told a governor nothing (N8), and another
    # authority's name, fictional in the demonstration copy, says nothing of this school's cycle (fifth read)
    assert "| Next review | 1 September 2027 (every year, as the Community Cohesion Guide suggests) |" in policy
    assert "The Community Cohesion Guide suggests reviewing this policy every year." in policy
    assert "this policy was made with" not in policy and local["authority"]["name"] not in policy


def test_a_copy_no_authority_publishes_names_the_guide_itself(tmp_path):
    policy = render_policy(make_profile(tmp_path), {"authority": {"name": ""}, "contacts": []})
    assert "(every year, as the Community Cohesion Guide suggests)" in policy


def test_review_cycle_defaults_to_one_year(tmp_path, local):
    policy = render_policy(make_profile(tmp_path), {**local, "policies": {}})
    assert re.search(r"\| Next review \| 1 September 2027 \(every year, as [^|]+ suggests\) \|", policy)


def test_next_review_on_29_february():
    assert next_review("2028-02-29", 1) == date(2029, 2, 28)
    assert next_review("2028-02-29", 3) == date(2031, 2, 28)
    assert next_review("2026-09-01", 2) == date(2028, 9, 1)


def test_the_policy_converts_to_html_with_its_table_and_lists(policy):
    page = markdown_to_html(policy)
    assert page.count("<h2") == len([s for s in SECTIONS if s.startswith("## ")])
    assert "<table>" in page and "<ul>" in page


def test_an_undefined_name_in_a_template_stops_the_run(tmp_path):
    (tmp_path / "typo.md.j2").write_text("Hello {{ shcool.name }}\n", encoding="utf-8")
    with pytest.raises(jinja2.UndefinedError):
        render_template("typo.md.j2", {"school": {"name": "x"}}, tmp_path)


def test_templates_run_in_a_sandbox(tmp_path):
    (tmp_path / "escape.md.j2").write_text("{{ ''.__class__.__mro__[1].__subclasses__() }}\n", encoding="utf-8")
    with pytest.raises(SecurityError):
        render_template("escape.md.j2", {}, tmp_path)


def test_every_value_a_template_prints_is_escaped_even_without_a_filter(tmp_path):
    (tmp_path / "plain.md.j2").write_text("{{ name }} / {{ name | md }} / {{ 3 }}\n", encoding="utf-8")
    out = render_template("plain.md.j2", {"name": "*Big* <b>"}, tmp_path)
    assert out == "&#42;Big&#42; &lt;b&gt; / &#42;Big&#42; &lt;b&gt; / 3\n"


def test_a_forks_own_template_is_used(tmp_path, local):
    """An authority's edited template in its own model_policies/ replaces the shipped one."""
    (tmp_path / "templates").mkdir()
    (tmp_path / "templates" / render.POLICY_TEMPLATE).write_text(
        "# Our own policy for {{ school.name }}\n", encoding="utf-8"
    )
    out = render_policy(make_profile(tmp_path), local, tmp_path / "templates")
    assert out == "# Our own policy for Test Primary School\n"


@pytest.mark.parametrize(
    "value, expected",
    [
        ("- not a list", "&#45; not a list"),
        ("+ nor this", "&#43; nor this"),
        ("1. nor a number", "1\\. nor a number"),
        ("12) nor this", "12\\) nor this"),
        ("# not a heading", "&#35; not a heading"),
        ("> not a quote", "&gt; not a quote"),
        (": not a definition", "&#58; not a definition"),
        ("!!! note", "&#33;!! note"),
        ("a - b 1. c", "a - b 1. c"),
        ("line one\n\n    line two", "line one line two"),
        ("[link](https://example.org)", "&#91;link&#93;(https://example.org)"),
        ('Tom & Jerry\'s "film"', 'Tom &amp; Jerry\'s "film"'),
        ("a|b_c*d`e{f}g\\h", "a&#124;b&#95;c&#42;d&#96;e&#123;f&#125;g&#92;h"),
    ],
)
def test_escape_markdown(value, expected):
    assert escape_markdown(value) == expected


def test_escaped_value_is_not_escaped_twice():
    once = escape_markdown("a & b")
    assert escape_markdown(once) == once == "a &amp; b"


def test_a_faith_keeps_its_capital_and_no_religion_does_not():
    from cohesion_guide.documents.render import beliefs

    assert (
        beliefs(["No religion", "Christian", "Any other religion"]) == "no religion, Christian and any other religion"
    )
    assert beliefs(["Sikh", "Nonconformist"]) == "Sikh and Nonconformist"


@pytest.mark.parametrize(
    "lead, signs",
    [
        ("Chair of governors", "Chair of governors"),
        ("Chair of the Curriculum Committee", "Chair of the governing body"),  # a committee's chair does not sign
        ("Link governor for inclusion", "Chair of the governing body"),
    ],
)
def test_the_chair_of_the_body_that_adopts_the_policy_signs_it(lead, signs):
    from cohesion_guide.documents.render import chair_who_signs

    assert chair_who_signs(lead, "the governing body") == signs
    assert chair_who_signs("Link governor", "our local governing body") == "Chair of the local governing body"


@pytest.mark.parametrize(
    "ward, words",
    [
        ("Castle", "Castle ward"),
        ("Heaton Grove (fictional)", "Heaton Grove ward (fictional)"),
        ("Ward End", "Ward End"),
        ("Edwardstone", "Edwardstone ward"),
    ],
)
def test_a_ward_reads_as_a_ward(ward, words):
    from cohesion_guide.documents.render import ward_words

    assert ward_words(ward) == words


def test_other_christian_keeps_its_capital():
    from cohesion_guide.documents.render import beliefs

    assert (
        beliefs(["Roman Catholic", "Other Christian", "No religion"])
        == "Roman Catholic, other Christian and no religion"
    )


BLOCK_START = re.compile(r"^(?:[-|#>]|\d+\.|\s)")


def broken_lines(markdown: str) -> list[str]:
    """Lines of a paragraph that carry on from the line before: a hard line break inside a sentence, which
    Markdown hides but a clerk who copies the text into Word or an email keeps (cold read, R04)."""
    lines = markdown.splitlines()
    return [
        after
        for before, after in zip(lines, lines[1:], strict=False)
        if before.strip() and after.strip() and not BLOCK_START.match(before) and not BLOCK_START.match(after)
    ]


@pytest.mark.parametrize(
    "folder", [ROOT / "schools", ROOT / "tests" / "documents" / "kinds"], ids=["examples", "the cold-read kit"]
)
def test_no_sentence_is_broken_across_lines(folder, local):
    for profile in load_profiles(folder):
        markdown = render_policy(profile, local)
        assert broken_lines(markdown) == [], profile.slug


def test_the_check_for_broken_lines_sees_one():
    assert broken_lines("A sentence broken\nacross two lines.\n\n- a list\n- item") == ["across two lines."]
