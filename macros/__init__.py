"""The Community Cohesion Guide's engine: profiles, rendering, exporters and the thin MkDocs glue."""
from pathlib import Path

# Where the shipped templates and schemas live: the repository (or fork) this package runs from.
PROJECT_ROOT = Path(__file__).resolve().parent.parent
MODEL_POLICIES = PROJECT_ROOT / "model_policies"
