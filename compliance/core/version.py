"""The library's version, written only here.

Users read it as ``compliance.__version__``; ``pyproject.toml`` reads this line when the package
is built (``[tool.setuptools.dynamic]``, without importing anything), and the reports name it
(``render/evidence.version``), so a report and the installed metadata cannot name two versions.
It lives on floor 0, not in ``compliance/__init__.py``: the renderers that name it may not import
the top floor, and ``import compliance`` loads no module of the package until a name is used.
"""

__version__ = "0.1.0"
