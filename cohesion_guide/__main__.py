"""`python -m cohesion_guide`: the `cohesion` command, for when its script is not on the PATH."""

import sys

from cohesion_guide.cli import main

sys.exit(main())
