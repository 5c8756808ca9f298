"""The test suite: a package, so that `pytest` and `python -m pytest` both import `tests.support`."""
