"""``python -m compliance`` runs the command line."""

import sys

from compliance.cli import run_process

sys.exit(run_process())
