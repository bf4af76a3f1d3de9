"""The review's question pages ("Review your school's work"), worked out from audit.schema.json and the
practices in audit_practices.yml: a page about the review, then one page per practice, strand by strand.

As for the policy builder (questions.py), the browser draws each question from this description and holds
no list of its own: a practice an authority adds to audit_practices.yml becomes a page, and the schema's
`title`, `x-hint`, `x-labels` and `x-name` are the words every page and message uses.
"""

from __future__ import annotations

from typing import Any

from cohesion_guide.builder.questions import field, resolved
from cohesion_guide.inputs.audit import audit_schema, strands

ABOUT = "about"  # the page about the review itself: who led it, and when it was finished


def review_pages(root: dict | None = None) -> list[dict[str, Any]]:
    """Each page: {id, path, title, hint, caption, fields}; a practice's page has its strand too
    ({strand, strand_title}), and the action the plan suggests when the school writes none of its own."""
    root = root or audit_schema()
    top = root["properties"]
    pages: list[dict[str, Any]] = [
        {
            "id": ABOUT,
            "path": [],
            "title": "About this review",
            "hint": "",
            "caption": "About the review",
            "fields": [
                field((key,), resolved(top[key], root), key in root.get("required", []))
                for key in ("completed_by", "completed_on")
            ],
        }
    ]
    practice = resolved({"$ref": "#/$defs/practice"}, root)
    for strand in strands():
        for number, p in enumerate(strand.practices, 1):
            fields = []
            for key, part in practice["properties"].items():
                asked = field(("practices", p.id, key), part, key in practice.get("required", []))
                if key == "next_step":
                    asked["hint"] = f"{asked['hint']} For this practice it suggests: {p.action}"
                fields.append(asked)
            pages.append(
                {
                    "id": p.id,
                    "path": ["practices", p.id],
                    "title": p.title,
                    "hint": "",
                    "caption": f"{strand.title}: practice {number} of {len(strand.practices)}",
                    "strand": strand.id,
                    "strand_title": strand.title,
                    "fields": fields,
                }
            )
    return pages
