#!/usr/bin/env python3
# SPDX-License-Identifier: GPL-3.0-or-later
"""Runs cost-ops in German (LANGUAGE=de with a German UTF-8 locale; translations
from the build tree) and checks that its help, run output and errors come out
as po/de.po says, and that the same commands in the C locale stay English.
(A German locale is needed: see l10n.german_locale.)

usage: check-cli-german.py COST_OPS_BUILD_LOCALE DE_PO
"""
import json
import os
import re
import subprocess
import sys
import tempfile

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from l10n import german_locale, read_po, session_env  # noqa: E402


GERMAN = {}   # the environment of a German session


def run(binary, args, language):
    env = session_env(GERMAN if language == "de" else {"LC_ALL": "C.UTF-8"})
    return subprocess.run([binary, *args], capture_output=True, text=True, env=env)


def pattern(msg: str) -> re.Pattern:
    """A printf format as a regular expression: each %s/%u matches a value."""
    parts = re.split(r"%(?:\d+\$)?[su]", msg.rstrip("\n"))
    return re.compile(".+?".join(re.escape(p) for p in parts))


def main() -> int:
    binary, po_path = sys.argv[1:3]
    german = read_po(po_path)
    problems = []
    locales = tempfile.TemporaryDirectory()
    german_env, why_not = german_locale(locales.name)
    if why_not:
        print(f"SKIP: {why_not}")
        return 77
    GERMAN.update(german_env)
    print("German session: " + " ".join(f"{k}={v}" for k, v in GERMAN.items()))

    def de(msgid: str) -> str:
        text = german.get(msgid)
        if not text:
            problems.append(f"po/de.po has no translation of {msgid!r}")
            return msgid
        if text == msgid:
            problems.append(f"the test needs a message whose German differs: {msgid!r}")
        return text

    def expect(output: str, msgid: str, where: str) -> None:
        text = de(msgid)
        if not pattern(text).search(output):
            problems.append(f"{where}: German {text!r} missing in:\n{output}")
        if pattern(msgid).search(output):
            problems.append(f"{where}: English {msgid!r} still shown")

    # Help of the program and of a command: summaries and option descriptions.
    top = run(binary, ["--help"], "de")
    if top.returncode != 0:
        problems.append(f"cost-ops --help exited with {top.returncode}: {top.stderr}")
    for msgid in ("Benchmarks of the LLM cost-operations engine.", "Commands:",
                  "Run benchmark targets and write their results", "List the benchmark targets"):
        expect(top.stdout, msgid, "cost-ops --help")
    run_help = run(binary, ["run", "--help"], "de").stdout
    for msgid in ("Do not write summary.md", "Measure for about 0.1 s per target instead of 0.5 s"):
        expect(run_help, msgid, "cost-ops run --help")

    # Target descriptions come from targets/ through N_() and the CLI's _().
    listing = run(binary, ["list"], "de").stdout
    expect(listing, "zstd level 3 round trip of 10,000 cost records as JSON", "cost-ops list")

    # A real run: the per-target line and the summary line.
    with tempfile.TemporaryDirectory() as out:
        result = run(binary, ["run", "--quick", "--targets", "aggregator", "--output", out], "de")
        if result.returncode != 0:
            problems.append(f"cost-ops run exited with {result.returncode}: {result.stderr}")
        expect(result.stdout, "✓ %s - %s ops/sec", "cost-ops run")
        expect(result.stdout, "Summary written to %s\n", "cost-ops run")
        # The files are for machines and CI logs: the same in every language,
        # in particular no decimal commas from a German locale's printf.
        summary = open(os.path.join(out, "summary.md"), encoding="utf-8").read()
        for line in summary.splitlines():
            if re.search(r"\d,\d", line) and not line.startswith(("- CPU", "- Host", "- Kernel")):
                problems.append(f"summary.md written in a German session has a decimal comma: {line}")
        with open(os.path.join(out, "raw", "aggregator.json"), encoding="utf-8") as f:
            if not json.load(f)["metrics"]["operations_per_second"] > 0:
                problems.append("raw/aggregator.json written in a German session has no ops/sec")

        # A usage error: exit 2 and the German hint.
        bad = run(binary, ["run", "--no-such-option"], "de")
        if bad.returncode != 2:
            problems.append(f"an unknown option should exit with 2, exited with {bad.returncode}")
        expect(bad.stderr, "Try “%s” for more information.\n", "cost-ops run --no-such-option")

        # In the C locale the same run stays English.
        english = run(binary, ["run", "--quick", "--targets", "aggregator", "--output", out], "C")
        if not pattern("Summary written to %s\n").search(english.stdout):
            problems.append(f"in the C locale the output should be English:\n{english.stdout}")

    for problem in problems:
        print(problem)
    if not problems:
        print("cost-ops speaks German in a German session and English in the C locale")
    return 1 if problems else 0


if __name__ == "__main__":
    sys.exit(main())
