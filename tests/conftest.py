"""Shared test set-up: the Hypothesis profiles (``dev`` by default, ``ci`` when ``CI`` is set)."""

from __future__ import annotations

import os

from hypothesis import settings

settings.register_profile("dev", max_examples=30, deadline=None)
settings.register_profile(
    "ci",
    max_examples=300,
    deadline=None,
    derandomize=True,
    database=None,
    print_blob=True,
)  # every health check stays on: under CI=true no test needs one suppressed (a test that does says why beside it)
settings.load_profile(os.environ.get("HYPOTHESIS_PROFILE") or ("ci" if os.environ.get("CI") else "dev"))
