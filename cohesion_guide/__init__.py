"""The Community Cohesion Guide's engine: school profiles in, policies and the site's pages out.

Layers, each a subpackage, each importing only the ones above it in this list (tests/test_layers.py)
and the three modules every layer may use, errors.py, files.py and generated_record.py (which
files in docs/ the site build made, read by the case studies' checks, the site and the MkDocs glue):
    inputs     read and check every YAML file and page date: profiles, audits, case studies, local.yml
    export     Markdown to HTML, Word and PDF, written whole or not at all
    documents  a school's documents: tailoring rules and templates make the Markdown; export writes it
    gias       import schools from the national register (GIAS) and the school census
    builder    the policy builder in the browser: the engine calls it makes, its questions, its zip
    builder    what the policy builder runs in the browser (Pyodide), and the questions it asks
    site       the pages and files a site build adds (no MkDocs import: macros/ holds that glue)
    national   the national edition: one register extract, one site per authority, in shards, under one home
    cli        the `cohesion` command, one module per sub-command
"""

from pathlib import Path

PACKAGE_DIR = Path(__file__).resolve().parent
_BESIDE = PACKAGE_DIR.parent / "model_policies"

# The templates and schemas: model_policies/ beside the package in a checkout (or an editable
# install), else the same files installed inside the package. A fork's own model_policies/
# still takes precedence where a command is given a project (documents.policy.templates_for).
MODEL_POLICIES = _BESIDE if (_BESIDE / "profile.schema.json").is_file() else PACKAGE_DIR / "model_policies"

# The copy of the guide this engine came with, when it runs from one (None once installed).
CHECKOUT = PACKAGE_DIR.parent if (PACKAGE_DIR.parent / "local.yml").is_file() else None
