#!/usr/bin/env python3
# SPDX-License-Identifier: GPL-3.0-or-later
"""Fails when a file with translatable strings is missing from po/POTFILES.in,
or when POTFILES.in lists a file that does not exist (xgettext would stop).

usage: check-potfiles.py SOURCE_ROOT
"""
import pathlib
import re
import sys

SCANNED_DIRS = ("src", "targets", "data")
# C: _("..."), N_("..."), C_("ctx", "..."), NC_(), ngettext() and the g_d*gettext family.
C_MARKERS = re.compile(r'(?<![A-Za-z0-9_])(?:_|N_|C_|NC_|Q_|ngettext|g_dngettext|g_dgettext|g_dpgettext2?)\s*\(\s*"')
UI_MARKER = re.compile(r'translatable\s*=\s*"(?:yes|true|1)"')
# Data files whose whole point is translatable text.
ALWAYS_TRANSLATABLE = (".desktop.in", ".metainfo.xml.in", ".gschema.xml")


def strip_c_comments(text: str) -> str:
    text = re.sub(r"/\*.*?\*/", " ", text, flags=re.S)
    return re.sub(r"//[^\n]*", " ", text)


def has_translatable_strings(path: pathlib.Path) -> bool:
    name = path.name
    if name.endswith(ALWAYS_TRANSLATABLE):
        return True
    if name.endswith((".c", ".h")):
        return bool(C_MARKERS.search(strip_c_comments(path.read_text(encoding="utf-8", errors="replace"))))
    if name.endswith((".ui", ".blp", ".xml")):
        return bool(UI_MARKER.search(path.read_text(encoding="utf-8", errors="replace")))
    return False


def main() -> int:
    root = pathlib.Path(sys.argv[1]).resolve()
    listed = []
    for line in (root / "po" / "POTFILES.in").read_text(encoding="utf-8").splitlines():
        line = line.strip()
        if line and not line.startswith("#"):
            listed.append(line)

    problems = []
    for entry in listed:
        if not (root / entry).is_file():
            problems.append(f"po/POTFILES.in lists {entry}, which does not exist")
    if len(set(listed)) != len(listed):
        problems.append("po/POTFILES.in lists a file twice")

    found = []
    for folder in SCANNED_DIRS:
        for path in sorted((root / folder).rglob("*")):
            if path.is_file() and has_translatable_strings(path):
                found.append(path.relative_to(root).as_posix())
    for entry in found:
        if entry not in listed:
            problems.append(f"{entry} has translatable strings but is not in po/POTFILES.in")

    print(f"{len(found)} files with translatable strings, {len(listed)} listed in po/POTFILES.in")
    for problem in problems:
        print(problem)
    return 1 if problems else 0


if __name__ == "__main__":
    sys.exit(main())
