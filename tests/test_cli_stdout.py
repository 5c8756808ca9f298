"""``-``: ``--output -`` is standard output, as ``--events -`` is standard input, closed or not."""

from __future__ import annotations

from pathlib import Path

import pytest

from compliance.cli import main

COMMANDS = {
    "report": ["report", "--as-of", "2022-01-01"],
    "report-csv": ["report", "--as-of", "2022-01-01", "--format", "csv"],
    "timeline": ["timeline", "--from", "2021-01-01", "--to", "2021-03-01"],
    "activity": ["activity", "--from", "2021-01-01", "--to", "2021-03-01"],
    "diff": ["diff", "--from", "2021-01-01", "--to", "2021-03-01"],
    "lineage": ["lineage", "ts2020-1-ceasefire-aze", "--as-of", "2022-01-01"],
}


@pytest.mark.parametrize("command", list(COMMANDS))
def test_output_dash__writes_to_standard_output_and_no_file(
    command: str, tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    """``--output -`` wrote a file named ``-`` (and a report's pictures ``--heatmap.svg`` and
    ``--breaches.svg``) in the working folder, and standard output stayed empty. It is standard
    output, and what is written there is what the command writes without ``--output``."""
    monkeypatch.chdir(tmp_path)
    assert main([*COMMANDS[command]]) == 0
    expected = capsys.readouterr().out
    assert main([*COMMANDS[command], "--output", "-"]) == 0
    assert capsys.readouterr().out == expected != ""
    assert sorted(p.name for p in tmp_path.iterdir()) == []


@pytest.mark.parametrize("argv", [["validate", "-"], ["report", "--events", "-", "--as-of", "2022-01-01"]])
def test_events_dash__closed_standard_input_is_a_message_not_a_traceback(
    argv: list[str], monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    """Started with standard input closed (``0<&-``, a cron job or a service), ``-`` ended in a
    traceback (``AttributeError: 'NoneType' object has no attribute 'buffer'``). It is one
    line naming ``-`` and the cause, and exit 1, as for a file that cannot be read."""
    monkeypatch.setattr("sys.stdin", None)
    assert main(argv) == 1
    captured = capsys.readouterr()
    assert "-: cannot read: standard input is closed" in captured.err
    assert "Traceback" not in captured.err
    assert captured.out == ""


@pytest.mark.parametrize(
    "argv",
    [
        ["report", "--events", ""],
        ["report", "--agreement-file", ""],
        ["report", "--parties", ""],
        ["report", "--output", ""],
        ["validate", ""],
        ["validate", "agreements/parties.toml", "--reporters", "agreements/reporters.toml", ""],
    ],
)
def test_empty_path__is_a_usage_error_naming_it(argv: list[str], capsys: pytest.CaptureFixture[str]) -> None:
    """An empty file name (``--events "$FILE"`` with ``FILE`` unset) is ``.``, the working folder,
    to ``Path``: the run said "compliance: .: cannot read: a directory", naming no file the user
    gave, and ``--output ""`` "cannot write .". It is a usage error saying the name is empty."""
    with pytest.raises(SystemExit) as stop:
        main(argv)
    assert stop.value.code == 2
    err = capsys.readouterr().err
    assert "an empty file name (an unset shell variable?)" in err
    assert "cannot read" not in err
