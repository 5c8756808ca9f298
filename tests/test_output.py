"""The command line never destroys input, never leaves half a file, and fails in one line.

Each test builds its input in ``tmp_path``; the ones that need a real process (a closed standard
output, a broken pipe, a kill, a FIFO) start ``python -m compliance`` as a subprocess.
"""

from __future__ import annotations

import argparse
import csv
import errno
import io
import json
import os
import signal
import subprocess
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

import pytest

import agreements as bundled
import compliance.cli.writing
from compliance.cli import main
from compliance.cli.arguments import input_file, parser
from compliance.cli.commands import COMMANDS

ROOT = Path(__file__).resolve().parent.parent
ENV = {**os.environ, "PYTHONPATH": str(ROOT)}
AS_OF = ["--as-of", "2023-01-01"]


def run_cli(*args: str, **kwargs: object) -> subprocess.CompletedProcess[bytes]:
    return subprocess.run(
        [sys.executable, "-m", "compliance", *args], env=ENV, cwd=ROOT, timeout=120, check=False, **kwargs
    )  # type: ignore[call-overload, no-any-return]


def one_line(err: str) -> str:
    """The message, after checking it is exactly one line and not a traceback."""
    lines = err.splitlines()
    assert len(lines) == 1, err
    assert "Traceback" not in err
    return lines[0]


def copy_of_events(tmp_path: Path, copies: int = 1) -> Path:
    """The bundled accounts, ``copies`` times over with fresh ids: a run as large as wanted."""
    rows = list(csv.DictReader(io.StringIO(bundled.EVENTS_FILE.read_text(encoding="utf-8"))))
    out = io.StringIO()
    writer = csv.DictWriter(out, fieldnames=list(rows[0]), lineterminator="\n")
    writer.writeheader()
    for k in range(copies):
        for row in rows:
            suffix = f"-k{k}" if copies > 1 else ""
            incident = row.get("incident") or ""
            writer.writerow({**row, "id": row["id"] + suffix, "incident": incident and incident + suffix})
    path = tmp_path / "events.csv"
    path.write_text(out.getvalue(), encoding="utf-8")
    return path


# --------------------------------------------------------------------------- never destroy input


def test_output__naming_an_input_is_refused_before_any_work(tmp_path, capsys, monkeypatch):
    """--output naming an input (by any path, a link included) exits 2 before reading, the input intact."""
    events = copy_of_events(tmp_path)
    agreement = tmp_path / "trilateral-2020.toml"
    agreement.write_bytes((ROOT / "agreements" / "trilateral-2020.toml").read_bytes())
    link = tmp_path / "link.csv"
    link.symlink_to(events)
    before = {p: p.read_bytes() for p in (events, agreement)}
    called = []
    monkeypatch.setattr("compliance.linking.ledger.build_ledger", lambda *a, **k: called.append(a))
    cases = [
        ["report", "--events", str(events), "--output", str(events)],
        ["report", "--events", str(link), "--output", str(tmp_path / ".." / tmp_path.name / "events.csv")],
        ["report", "--events", str(events), "--agreement-file", str(agreement), "--output", str(agreement)],
        ["timeline", "--from", "2021-01-01", "--to", "2021-02-01", "--output", str(bundled.PARTIES_FILE)],
        ["diff", "--from", "2021-01-01", "--to", "2021-02-01", "--output", str(bundled.EVENTS_FILE)],
        ["agreements", "--output", str(ROOT / "agreements" / "trilateral-2020.toml")],
    ]
    for args in cases:
        assert main(args) == 2, args
        message = one_line(capsys.readouterr().err)
        assert "refusing to overwrite an input" in message
    assert called == []
    assert {p: p.read_bytes() for p in before} == before


# Arguments each command needs besides its inputs; a command with --output that is not here fails
# the test below, so a new command cannot go without its inputs being protected.
REQUIRED = {
    "agreements": [],
    "report": [],
    "timeline": ["--from", "2021-01-01", "--to", "2021-02-01"],
    "activity": ["--from", "2021-01-01", "--to", "2021-02-01"],
    "diff": ["--from", "2021-01-01", "--to", "2021-02-01"],
    "lineage": ["ts2020-1-ceasefire-aze"],
    "check": [],
}


def _commands_with_output() -> dict[str, argparse.ArgumentParser]:
    (sub,) = [a for a in parser()._actions if isinstance(a, argparse._SubParsersAction)]
    return {
        name: p for name, p in sub.choices.items() if any("--output" in a.option_strings for a in p._actions)
    }


def _named_input_arguments(command: argparse.ArgumentParser) -> list[tuple[str | None, str]]:
    """Each argument of a command that names a file it reads: (its flag, or None for a positional; its dest)."""
    return [
        (a.option_strings[0] if a.option_strings else None, a.dest)
        for a in command._actions
        if a.type in (Path, input_file) and a.dest != "output"
    ]


@pytest.fixture
def no_work(monkeypatch):
    """Every command replaced by one that records its call: a refusal must come before any of them."""
    called: list[str] = []
    for name in COMMANDS:
        monkeypatch.setitem(COMMANDS, name, lambda args, built: called.append(args.command) or 0)
    return called


def test_output__bundled_data_files_are_inputs_of_every_command(capsys, no_work):
    """Every bundled data file (the gazetteer places.toml too) is refused as --output by every command."""
    commands = _commands_with_output()
    assert set(commands) == set(REQUIRED)
    data = bundled.data_paths()
    assert bundled.PLACES_FILE in data
    for command in commands:
        for path in data:
            assert main([command, *REQUIRED[command], "--output", str(path)]) == 2, (command, path)
            message = one_line(capsys.readouterr().err)
            assert f"is the input file {path}: refusing to overwrite an input" in message
    assert no_work == []


def test_output__bundled_data_files_are_every_file_beside_the_bundled_agreements():
    """The list of bundled data files comes from the folder: a file added there is protected without more."""
    folder = Path(bundled.__file__).parent
    expected = {p for p in folder.iterdir() if p.is_file() and p.suffix not in (".py", ".pyc", ".typed")}
    listed = set(bundled.data_paths())
    assert listed == expected
    assert {bundled.PARTIES_FILE, bundled.REPORTERS_FILE, bundled.EVENTS_FILE, bundled.PLACES_FILE} <= listed
    assert set(bundled.agreement_paths()) <= listed


def test_output__every_named_input_of_every_command_is_refused(tmp_path, capsys, no_work):
    """Each file argument of each command with --output (check's FILE.toml, --gazetteer, --parties...) is protected."""
    source = ROOT / "agreements" / "sochi-2021.toml"
    tried = []
    for command, sub in _commands_with_output().items():
        for flag, dest in _named_input_arguments(sub):
            path = tmp_path / f"{command}-{dest}.toml"
            path.write_bytes(source.read_bytes())
            given = [str(path)] if flag is None else [flag, str(path)]
            args = [command, *REQUIRED[command], *given, "--output", str(path)]
            assert main(args) == 2, args
            message = one_line(capsys.readouterr().err)
            assert f"the output {path} is the input file {path}: refusing to overwrite an input" in message
            assert path.read_bytes() == source.read_bytes()
            tried.append((command, dest))
    assert ("check", "files") in tried
    assert ("check", "gazetteer") in tried
    assert ("lineage", "events") in tried
    assert no_work == []


@pytest.mark.parametrize("picture", ["heatmap", "breaches"])
def test_output__a_picture_beside_the_report_that_is_an_input_is_refused(tmp_path, capsys, no_work, picture):
    """report --output r.md also writes r-heatmap.svg and r-breaches.svg: neither may be an input."""
    events = copy_of_events(tmp_path)
    given = tmp_path / f"r-{picture}.svg"
    events.rename(given)
    before = given.read_bytes()
    assert main(["report", *AS_OF, "--events", str(given), "--output", str(tmp_path / "r.md")]) == 2
    message = one_line(capsys.readouterr().err)
    assert f"the picture {given} written beside the output {tmp_path / 'r.md'}" in message
    assert f"is the input file {given}: refusing to overwrite an input" in message
    assert given.read_bytes() == before
    assert not (tmp_path / "r.md").exists()
    assert no_work == []


def test_output__a_picture_that_is_the_report_itself_is_refused(tmp_path, capsys, no_work):
    """r-heatmap.svg a link to r.md: writing the picture would replace the report; refused before any work."""
    report = tmp_path / "r.md"
    report.write_bytes(b"old report\n")
    (tmp_path / "r-heatmap.svg").symlink_to(report)
    assert main(["report", *AS_OF, "--output", str(report)]) == 2
    message = one_line(capsys.readouterr().err)
    assert f"the picture {tmp_path / 'r-heatmap.svg'} written beside the output {report}" in message
    assert f"is the same file as {report}: refusing to write it twice" in message
    assert report.read_bytes() == b"old report\n"
    assert no_work == []


def test_output__the_file_on_standard_input_is_an_input(tmp_path):
    """``--events - --output mine.csv < mine.csv``: the file standard input reads is an input (exit 2);
    so is a picture beside the report linked to it. A pipe on standard input is no file to protect."""
    events = copy_of_events(tmp_path)
    before = events.read_bytes()
    (tmp_path / "r-heatmap.svg").symlink_to(events)
    for output in (events, tmp_path / "r.md"):
        with events.open("rb") as stdin:
            result = run_cli(
                "report", *AS_OF, "--events", "-", "--output", str(output), stdin=stdin, capture_output=True
            )
        assert result.returncode == 2
        message = one_line(result.stderr.decode())
        assert "is the file read from standard input (-): refusing to overwrite an input" in message
        assert events.read_bytes() == before
        assert not (tmp_path / "r.md").exists()
    (tmp_path / "r-heatmap.svg").unlink()
    piped = run_cli(
        "report",
        *AS_OF,
        "--events",
        "-",
        "--output",
        str(tmp_path / "r.md"),
        input=before,
        capture_output=True,
    )
    assert piped.returncode == 0, piped.stderr
    assert (tmp_path / "r.md").exists()


# --------------------------------------------------------------------------- atomic output


def _no_temporary_files(folder: Path) -> bool:
    return not [p for p in folder.iterdir() if p.name.endswith(".tmp")]


@pytest.mark.parametrize("failure", [OSError(errno.ENOSPC, "No space left on device"), KeyboardInterrupt()])
def test_output__failure_while_writing_keeps_the_old_file(tmp_path, capsys, monkeypatch, failure):
    """A full disk or Ctrl-C while writing leaves the old file and no temporary file; one line, exit 1 or 130."""
    target = tmp_path / "report.md"
    target.write_bytes(b"old report\n")

    def fail(fd: int) -> None:
        raise failure

    monkeypatch.setattr(compliance.cli.writing.os, "fsync", fail)
    code = main(["report", *AS_OF, "--output", str(target)])
    message = one_line(capsys.readouterr().err)
    if isinstance(failure, KeyboardInterrupt):
        assert (code, message) == (130, "compliance: interrupted")
    else:
        assert code == 1
        assert str(target) in message
        assert "No space left on device" in message
    assert target.read_bytes() == b"old report\n"
    assert _no_temporary_files(tmp_path)


def test_output__complete_report_replaces_the_old_one_with_its_mode(tmp_path, capsys):
    """A finished run replaces the old file whole, keeps its permissions and leaves no temporary file."""
    target = tmp_path / "report.json"
    target.write_bytes(b"old")
    target.chmod(0o640)
    assert main(["report", *AS_OF, "--format", "json", "--output", str(target)]) == 0
    capsys.readouterr()
    assert json.loads(target.read_text(encoding="utf-8"))["schema"].startswith("ceasefire-compliance/report/")
    assert target.stat().st_mode & 0o777 == 0o640
    assert _no_temporary_files(tmp_path)


@pytest.mark.parametrize("read_only", ["r.md", "r-breaches.svg"])
def test_output__a_read_only_file_is_not_replaced(tmp_path, capsys, read_only):
    """A read-only report or picture (chmod a-w) is refused as cp refuses it: exit 1 naming it, all three old files kept."""
    files = [tmp_path / name for name in ("r.md", "r-heatmap.svg", "r-breaches.svg")]
    for path in files:
        path.write_bytes(b"old\n")
    (tmp_path / read_only).chmod(0o444)
    assert main(["report", *AS_OF, "--output", str(files[0])]) == 1
    message = one_line(capsys.readouterr().err)
    assert (
        message
        == f"compliance: cannot write {tmp_path / read_only}: the file is read-only (Permission denied)"
    )
    assert [path.read_bytes() for path in files] == [b"old\n"] * 3
    assert (tmp_path / read_only).stat().st_mode & 0o777 == 0o444
    assert _no_temporary_files(tmp_path)


@pytest.mark.parametrize("failure", ["heatmap-is-a-folder", "disk-full-on-the-last-picture"])
def test_output__report_and_pictures_are_written_all_or_nothing(tmp_path, capsys, monkeypatch, failure):
    """A picture that cannot be written leaves the old report and the old pictures, and no temporary file."""
    report, heatmap, breaches = (tmp_path / name for name in ("r.md", "r-heatmap.svg", "r-breaches.svg"))
    report.write_bytes(b"old report\n")
    breaches.write_bytes(b"old breaches\n")
    if failure == "heatmap-is-a-folder":
        heatmap.mkdir()
        failing, cause = heatmap, "is a directory"
    else:
        heatmap.write_bytes(b"old heatmap\n")
        failing, cause = breaches, "No space left on device"
        mkstemp = tempfile.mkstemp

        def full_for_the_last_picture(*args: object, **kwargs: Any) -> tuple[int, str]:
            if "breaches" in str(kwargs.get("prefix", "")):
                raise OSError(errno.ENOSPC, "No space left on device")
            return mkstemp(*args, **kwargs)

        monkeypatch.setattr(tempfile, "mkstemp", full_for_the_last_picture)
    assert main(["report", *AS_OF, "--output", str(report)]) == 1
    message = one_line(capsys.readouterr().err)
    assert f"cannot write {failing}: " in message
    assert cause in message
    assert report.read_bytes() == b"old report\n"
    assert breaches.read_bytes() == b"old breaches\n"
    assert heatmap.is_dir() or heatmap.read_bytes() == b"old heatmap\n"
    assert _no_temporary_files(tmp_path)


def test_output__a_report_sent_to_a_device_has_no_pictures(tmp_path, capsys):
    """--output naming a device (/dev/null, /dev/stdout; here through a link) writes no picture beside it."""
    link = tmp_path / "out.md"
    link.symlink_to(os.devnull)
    assert main(["report", *AS_OF, "--output", str(link)]) == 0
    capsys.readouterr()
    assert sorted(p.name for p in tmp_path.iterdir()) == ["out.md"]
    to_stdout = tmp_path / "stdout.md"
    to_stdout.symlink_to("/dev/stdout")
    result = run_cli("report", *AS_OF, "--output", str(to_stdout), capture_output=True)
    plain = run_cli("report", *AS_OF, capture_output=True)
    assert result.returncode == 0
    assert result.stdout == plain.stdout
    assert b".svg" not in result.stdout
    assert sorted(p.name for p in tmp_path.iterdir()) == ["out.md", "stdout.md"]


def test_output__a_report_written_through_a_link_has_its_pictures_beside_the_file_written(tmp_path, capsys):
    """--output link.md, a link to reports/real.md (existing or not yet): the report goes to real.md and
    its pictures beside it, named after it, so the report's relative image paths lead to them."""
    folder = tmp_path / "reports"
    folder.mkdir()
    link = tmp_path / "link.md"
    link.symlink_to(folder / "real.md")  # not there yet: a dangling link
    for _ in range(2):  # then over the report the first run wrote
        assert main(["report", *AS_OF, "--output", str(link)]) == 0
        capsys.readouterr()
        assert link.is_symlink()
        assert sorted(p.name for p in tmp_path.iterdir()) == ["link.md", "reports"]
        assert sorted(p.name for p in folder.iterdir()) == [
            "real-breaches.svg",
            "real-heatmap.svg",
            "real.md",
        ]
        text = (folder / "real.md").read_text(encoding="utf-8")
        assert "(real-heatmap.svg)" in text
        assert "(real-breaches.svg)" in text


# --------------------------------------------------------------------------- --strict writes nothing

REJECTED_ROW = (
    "id,date,kind,reported_by,source_url\nX1,2021-02-30,armed-clash,Reuters,https://example.org/a\n"
)


@pytest.mark.parametrize("fmt", ["json", "markdown"])
def test_output__a_strict_run_with_errors_writes_no_report_and_no_picture(tmp_path, capsys, fmt):
    """--strict with a rejected row exits 1 and leaves the old report and pictures as they were.

    A report built from part of its input is what --strict refuses: replacing the old report
    with it (or writing new pictures beside it) would pass the partial report off as good.
    """
    events = tmp_path / "bad.csv"
    events.write_text(REJECTED_ROW, encoding="utf-8")
    report = tmp_path / f"r.{'md' if fmt == 'markdown' else 'json'}"
    report.write_bytes(b"old report\n")
    heatmap = tmp_path / "r-heatmap.svg"
    heatmap.write_bytes(b"old heatmap\n")
    argv = [
        "report",
        "--as-of",
        "2022-12-31",
        "--events",
        str(events),
        "--format",
        fmt,
        "--output",
        str(report),
    ]
    assert main([*argv, "--strict"]) == 1
    out, err = capsys.readouterr()
    assert out == ""
    assert f"{events}:2: " in err  # the problems are still printed
    assert report.read_bytes() == b"old report\n"
    assert heatmap.read_bytes() == b"old heatmap\n"
    assert sorted(p.name for p in tmp_path.iterdir()) == sorted(["bad.csv", report.name, heatmap.name])
    assert main(argv) == 0  # without --strict the same run replaces them
    capsys.readouterr()
    assert report.read_bytes() != b"old report\n"
    assert (tmp_path / "r-breaches.svg").exists() == (fmt == "markdown")


@pytest.mark.parametrize(
    "argv",
    [
        ["report", "--as-of", "2022-12-31"],
        ["report", "--as-of", "2022-12-31", "--format", "json"],
        ["timeline", "--from", "2021-01-01", "--to", "2021-06-30", "--format", "csv"],
        ["activity", "--from", "2021-01-01", "--to", "2021-06-30", "--format", "json"],
        ["diff", "--from", "2021-01-01", "--to", "2021-06-30"],
        ["lineage", "ts2020-2-aghdam", "--as-of", "2022-12-31", "--format", "json"],
    ],
)
def test_output__a_strict_run_with_errors_writes_nothing_to_a_file_or_standard_output(tmp_path, capsys, argv):
    """Every command with --strict and an input error: exit 1, problems on stderr, no output anywhere."""
    events = tmp_path / "bad.csv"
    events.write_text(REJECTED_ROW, encoding="utf-8")
    output = tmp_path / "out.txt"
    output.write_bytes(b"old output\n")
    strict = [*argv, "--events", str(events), "--strict"]
    assert main([*strict, "--output", str(output)]) == 1
    assert f"{events}:2: " in capsys.readouterr().err
    assert output.read_bytes() == b"old output\n"
    assert sorted(p.name for p in tmp_path.iterdir()) == ["bad.csv", "out.txt"]
    assert main(strict) == 1
    out, err = capsys.readouterr()
    assert out == ""
    assert f"{events}:2: " in err
    assert main(strict[:-1]) == 0  # the same run without --strict has output
    assert capsys.readouterr().out


def test_output__ctrl_c_anywhere_is_one_line_and_exit_130(capsys, monkeypatch):
    """Ctrl-C during the work (not only the writing) ends with 'compliance: interrupted', exit 130."""

    def interrupted(*args: object, **kwargs: object) -> None:
        raise KeyboardInterrupt

    monkeypatch.setattr("compliance.linking.ledger.build_ledger", interrupted)
    assert main(["report", *AS_OF]) == 130
    assert one_line(capsys.readouterr().err) == "compliance: interrupted"


def test_output__kill_at_any_moment_leaves_the_old_or_the_complete_new_file(tmp_path):
    """SIGKILL at points spread over a large report run: the target is the old bytes or the whole new report."""
    events = copy_of_events(tmp_path, copies=5)
    target = tmp_path / "report.md"
    old = b"# An earlier report\n\nStill here.\n"
    args = [
        sys.executable,
        "-m",
        "compliance",
        "report",
        "--events",
        str(events),
        *AS_OF,
        "--output",
        str(target),
    ]
    started = time.monotonic()
    subprocess.run(args, env=ENV, cwd=ROOT, timeout=300, check=True, capture_output=True)
    duration = time.monotonic() - started
    new = target.read_bytes()
    assert new.endswith(b"\n")
    assert b"## Sources" in new
    assert len(new) > 500_000
    outcomes = set()
    for fraction in (0.02, 0.5, 0.8, 0.9, 0.95, 1.0, 1.1):
        target.write_bytes(old)
        process = subprocess.Popen(
            args, env=ENV, cwd=ROOT, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL
        )
        time.sleep(duration * fraction)
        process.send_signal(signal.SIGKILL)
        process.wait(timeout=60)
        after = target.read_bytes()
        assert after in (old, new), f"killed at {fraction:.0%} of the run: {len(after)} bytes"
        outcomes.add(after == new)
    assert False in outcomes  # at least one kill landed before the rename


# --------------------------------------------------------------------------- output errors are messages


@pytest.mark.parametrize("where", ["missing-folder", "a-folder", "dev-full"])
def test_output__unwritable_target_is_one_line_naming_path_and_cause(tmp_path, capsys, where):
    """A missing folder, a folder, a full disk (/dev/full): one line naming the path and the cause, exit 1."""
    target, cause = {
        "missing-folder": (tmp_path / "no" / "report.md", "No such file or directory"),
        "a-folder": (tmp_path, "is a directory"),
        "dev-full": (Path("/dev/full"), "No space left on device"),
    }[where]
    assert main(["report", *AS_OF, "--output", str(target)]) == 1
    message = one_line(capsys.readouterr().err)
    assert str(target) in message
    assert cause in message


@pytest.mark.parametrize(
    ("command", "written", "existing"),
    [
        (["report", *AS_OF, "--format", "json"], "keep.csv/", "keep.csv"),
        (["report", *AS_OF], "keep.md/", "keep.md"),
        (["report", *AS_OF], "newdir/", None),
        (["report", *AS_OF], "newdir/.", None),
        (["agreements"], "keep.txt/", "keep.txt"),
        (["timeline", "--from", "2021-01-01", "--to", "2021-03-31", "--format", "csv"], "t.csv//", "t.csv"),
    ],
)
def test_output__a_name_ending_in_a_slash_is_refused_and_nothing_is_written(
    tmp_path, capsys, monkeypatch, command, written, existing
):
    """``keep.csv/`` named a folder, not the file ``keep.csv``: ``Path`` dropped the slash, so the
    file was replaced (exit 0), and ``newdir/`` became a file ``newdir`` with pictures beside it.
    Now a usage error naming the path as given; nothing in the folder changes."""
    monkeypatch.chdir(tmp_path)
    if existing is not None:
        (tmp_path / existing).write_bytes(b"kept\n")
    before = {p.name: p.read_bytes() for p in tmp_path.iterdir()}
    with pytest.raises(SystemExit) as exc:
        main([*command, "--output", written])
    assert exc.value.code == 2
    last = capsys.readouterr().err.splitlines()[-1]
    assert last.endswith(f"error: argument --output: cannot write {written}: not a file name")
    assert {p.name: p.read_bytes() for p in tmp_path.iterdir()} == before


def test_output__closed_stdout_is_one_line_exit_1():
    """Standard output closed before the run (``>&-``): one line on stderr, exit 1."""
    result = subprocess.run(
        ["bash", "-c", f'"{sys.executable}" -m compliance report --as-of 2023-01-01 >&-'],
        env=ENV, cwd=ROOT, capture_output=True, timeout=120, check=False,
    )  # fmt: skip
    lines = [line for line in result.stderr.decode().splitlines() if line.startswith("compliance:")]
    assert result.returncode == 1
    assert lines == ["compliance: cannot write to standard output: it is closed"]
    assert "Traceback" not in result.stderr.decode()


def test_output__broken_pipe_is_one_line_exit_1():
    """The reader of the pipe gone (EPIPE): one line on stderr, exit 1, no 'Exception ignored' at exit."""
    process = subprocess.Popen(
        [sys.executable, "-m", "compliance", "report", *AS_OF],
        env=ENV, cwd=ROOT, stdout=subprocess.PIPE, stderr=subprocess.PIPE,
    )  # fmt: skip
    assert process.stdout is not None
    assert process.stderr is not None
    process.stdout.close()
    err = process.stderr.read().decode()
    assert process.wait(timeout=120) == 1
    problems_printed = [line for line in err.splitlines() if not line.startswith("compliance:")]
    assert [line for line in err.splitlines() if line not in problems_printed] == [
        "compliance: cannot write to standard output: Broken pipe"
    ]
    assert "Traceback" not in err
    assert "Exception ignored" not in err


# --------------------------------------------------------------------------- inputs that cannot be read


@pytest.mark.parametrize("flag", ["--agreement-file", "--events"])
def test_inputs__missing_or_unreadable_file_exits_1(tmp_path, capsys, flag):
    """A missing input, a folder given as input: exit 1 with one line, no report written."""
    for path, cause in ((tmp_path / "missing.toml", "No such file"), (tmp_path, "a directory")):
        target = tmp_path / "out.md"
        assert main(["report", *AS_OF, flag, str(path), "--output", str(target)]) == 1
        message = one_line(capsys.readouterr().err)
        assert str(path) in message
        assert cause in message
        assert not target.exists()


@pytest.mark.parametrize("flag", ["--agreement-file", "--events"])
def test_inputs__fifo_without_writer_or_device_is_refused_not_waited_on(tmp_path, flag):
    """A FIFO nobody writes to and /dev/zero are refused at once (exit 1), never read."""
    fifo = tmp_path / "events.fifo"
    os.mkfifo(fifo)
    for path in (fifo, Path("/dev/zero")):
        result = run_cli("report", *AS_OF, flag, str(path), capture_output=True)
        assert result.returncode == 1
        assert "not a regular file" in one_line(result.stderr.decode())


def test_inputs__standard_input_is_read_when_named_dash():
    """``--events -`` reads standard input on purpose: the same report as from the file."""
    data = bundled.EVENTS_FILE.read_bytes()
    piped = run_cli("report", *AS_OF, "--events", "-", input=data, capture_output=True)
    from_file = run_cli("report", *AS_OF, "--events", str(bundled.EVENTS_FILE), capture_output=True)
    assert piped.returncode == 0

    def counts(out: bytes) -> list[bytes]:
        return [line for line in out.splitlines() if line.startswith(b"Agreements:")]

    assert counts(piped.stdout) == counts(from_file.stdout) != []


def test_validate__every_file_is_checked_past_a_missing_one(tmp_path, capsys):
    """``validate`` names every missing or unreadable file and still checks the good ones."""
    fifo = tmp_path / "pipe.csv"
    os.mkfifo(fifo)
    bad = tmp_path / "bad.csv"
    bad.write_text("id,date,kind,reported_by\nX1,2300-01-01,other,Reuters\n", encoding="utf-8")
    files = [tmp_path / "a-missing.csv", fifo, tmp_path / "missing.toml", bad]
    assert main(["validate", *map(str, files)]) == 1
    err = capsys.readouterr().err
    for path in files:
        assert f"{path}:" in err
    assert "year 2300 is outside 1900–2100" in err
