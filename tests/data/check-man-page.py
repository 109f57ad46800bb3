#!/usr/bin/env python3
# SPDX-License-Identifier: GPL-3.0-or-later
"""Checks the cost-ops(1) manual page: groff formats it without warnings, its
version is the project version, and it documents every command and every long
option that `cost-ops --help` and `cost-ops COMMAND --help` show, and no option
the program does not have.

usage: check-man-page.py MAN_PAGE COST_OPS_BINARY PROJECT_VERSION
"""
import os
import re
import shutil
import subprocess
import sys

COMMANDS = ("run", "list", "calculate")


def help_text(binary: str, *args: str) -> str:
    env = dict(os.environ, LANGUAGE="C", LC_ALL="C.UTF-8")
    result = subprocess.run([binary, *args, "--help"], capture_output=True, text=True, env=env)
    if result.returncode != 0:
        raise SystemExit(f"{binary} {' '.join(args)} --help exited with {result.returncode}:\n"
                         f"{result.stdout}{result.stderr}")
    return result.stdout


def long_options(text: str) -> set:
    return set(re.findall(r"(?<![\w-])--[a-z][a-z0-9-]*", text))


def main() -> int:
    page, binary, version = sys.argv[1:4]
    problems = []
    source = open(page, encoding="utf-8").read()
    # The page source escapes minus signs: \-\-targets means --targets.
    documented = long_options(source.replace("\\-", "-"))

    groff = shutil.which("groff")
    if groff:
        result = subprocess.run([groff, "-man", "-ww", "-z", "-Tutf8", page], capture_output=True, text=True)
        if result.returncode != 0 or result.stderr.strip():
            problems.append(f"groff warnings:\n{result.stderr.strip()}")
    else:
        print("groff is not installed: formatting not checked")

    th = re.search(r'^\.TH\s+COST-OPS\s+1\s+"[^"]*"\s+"CostOps Bench ([^"]+)"', source, re.M)
    if not th or th.group(1) != version:
        problems.append(f"the .TH line should name CostOps Bench {version}")

    top = help_text(binary)
    options = long_options(top)
    for command in COMMANDS:
        if not re.search(rf"^\s+{command}\b", top, re.M):
            problems.append(f"`cost-ops --help` does not list the command {command}")
        if not re.search(rf"^\.B {command}$", source, re.M):
            problems.append(f"the manual page does not describe the command {command}")
        options |= long_options(help_text(binary, command))
    # GOption's own help variants are not worth documenting one by one.
    options -= {"--help-all", "--help-gapplication"}
    for option in sorted(options - documented):
        problems.append(f"the manual page does not document {option}")
    for option in sorted(documented - options - {"--help"}):
        problems.append(f"the manual page documents {option}, which cost-ops does not have")

    for problem in problems:
        print(problem)
    if not problems:
        print(f"{page} documents {len(options)} options of {len(COMMANDS)} commands")
    return 1 if problems else 0


if __name__ == "__main__":
    sys.exit(main())
