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

# Commands every version has; the rest are read from `cost-ops --help`.
BASE_COMMANDS = ("run", "list", "calculate")


def commands_of(top_help: str) -> list:
    """The commands of the "Commands:" section of `cost-ops --help`."""
    section = top_help.split("Commands:", 1)[1] if "Commands:" in top_help else ""
    names = []
    for line in section.splitlines()[1:]:
        match = re.match(r"^  ([a-z][a-z-]*)\s{2,}\S", line)
        if match:
            names.append(match.group(1))
        elif line.strip() == "":
            break
    return names


def help_text(binary: str, *args: str) -> str:
    env = dict(os.environ, LANGUAGE="C", LC_ALL="C.UTF-8")
    result = subprocess.run([binary, *args, "--help"], capture_output=True, text=True, env=env)
    if result.returncode != 0:
        raise SystemExit(f"{binary} {' '.join(args)} --help exited with {result.returncode}:\n"
                         f"{result.stdout}{result.stderr}")
    return result.stdout


def long_options(text: str) -> set:
    return set(re.findall(r"(?<![\w-])--[a-z][a-z0-9-]*", text))


def short_options(text: str) -> set:
    """Short options as --help lists them: "  -t, --targets=ID"."""
    return set(re.findall(r"^\s+(-[A-Za-z]), --", text, re.M))


def exit_codes(text: str) -> set:
    """The numbers of the "Exit status: 0 when …, 1 when …" sentence of --help."""
    match = re.search(r"Exit status:(.*?)(?:\n\n|$)", text, re.S)
    return set(re.findall(r"(?<![\w.])(\d+) (?:when|for)", match.group(1))) if match else set()


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
    shorts, codes = short_options(top), exit_codes(top)
    commands = commands_of(top)
    for command in BASE_COMMANDS:
        if command not in commands:
            problems.append(f"`cost-ops --help` does not list the command {command}")
    for command in commands:
        if not re.search(rf'^\.SS "cost\\-ops {command}"$', source, re.M):
            problems.append(f"the manual page has no section .SS \"cost\\-ops {command}\"")
        command_help = help_text(binary, command)
        options |= long_options(command_help)
        shorts |= short_options(command_help)
        codes |= exit_codes(command_help)
    # GOption's own help variants are not worth documenting one by one.
    options -= {"--help-all", "--help-gapplication"}
    for option in sorted(options - documented):
        problems.append(f"the manual page does not document {option}")
    for option in sorted(documented - options - {"--help"}):
        problems.append(f"the manual page documents {option}, which cost-ops does not have")

    for short in sorted(shorts):
        if not re.search(r"^\.BR \\" + short + r" \",", source, re.M):
            problems.append(f"the manual page does not document the short option {short}")
    exit_section = source[source.find(".SH EXIT STATUS"):]
    exit_section = exit_section[:exit_section.find(".SH", 4)]
    if not codes:
        problems.append("`cost-ops COMMAND --help` names no exit status")
    for code in sorted(codes, key=int):
        if not re.search(rf"^\.B {code}$", exit_section, re.M):
            problems.append(f"the EXIT STATUS section does not explain exit status {code}")

    for problem in problems:
        print(problem)
    if not problems:
        print(f"{page} documents {len(options)} options ({len(shorts)} short) of "
              f"{len(commands)} commands and exit statuses {sorted(codes, key=int)}")
    return 1 if problems else 0


if __name__ == "__main__":
    sys.exit(main())
