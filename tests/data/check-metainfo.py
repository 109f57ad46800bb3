#!/usr/bin/env python3
# SPDX-License-Identifier: GPL-3.0-or-later
"""Validates the built metainfo with `appstreamcli validate --no-net --pedantic --explain`
and fails on any error or warning, and on any info or pedantic hint that is not
explained below. Also checks what the validator cannot see offline: that every
screenshot URL points into this repository at a file that exists, and that the
newest release is the project version.

usage: check-metainfo.py METAINFO_FILE SOURCE_ROOT PROJECT_VERSION
"""
import pathlib
import re
import shutil
import subprocess
import sys
import xml.etree.ElementTree as ET

HOMEPAGE = "https://github.com/costops/cost-ops-bench"
SCREENSHOT_PREFIX = HOMEPAGE + "/raw/main/"
# Hints that are accepted on purpose:
ACCEPTED = {
    # The application id io.github.costops.Bench is fixed (D-Bus name, GSettings, Flatpak).
    "cid-contains-uppercase-letter",
    # AppStream < 1.0 does not know <developer>; AppStream >= 1.0 wants it, so both are there.
    "unknown-tag developer",
    "developer-name-tag-deprecated",
}


def main() -> int:
    metainfo, root, version = sys.argv[1], pathlib.Path(sys.argv[2]), sys.argv[3]
    problems = []

    tool = shutil.which("appstreamcli")
    if tool is None:
        print("SKIP: appstreamcli is not installed (package appstream)")
        return 77
    result = subprocess.run([tool, "validate", "--no-net", "--pedantic", "--explain", metainfo],
                            capture_output=True, text=True)
    print(result.stdout + result.stderr)
    for line in result.stdout.splitlines():
        match = re.match(r"^([EWIP]): [^:]+(?::\d+)?: (.*)$", line)
        if not match:
            continue
        level, what = match.groups()
        tag = what.split(" ")[0]
        if level in "EW":
            problems.append(f"appstreamcli {level}: {what}")
        elif tag not in ACCEPTED and what.strip() not in ACCEPTED:
            problems.append(f"appstreamcli {level} not accepted in check-metainfo.py: {what}")
    if result.returncode != 0:
        problems.append(f"appstreamcli validate exited with {result.returncode}")

    tree = ET.parse(metainfo).getroot()
    images = [image.text.strip() for image in tree.iter("image")]
    if not images:
        problems.append("no screenshot")
    for url in images:
        if not url.startswith(SCREENSHOT_PREFIX):
            problems.append(f"screenshot {url} is not under {SCREENSHOT_PREFIX}")
        elif not (root / url[len(SCREENSHOT_PREFIX):]).is_file():
            problems.append(f"screenshot {url} has no file {url[len(SCREENSHOT_PREFIX):]} in the repository")
    for screenshot in tree.iter("screenshot"):
        if screenshot.find("caption") is None:
            problems.append("a screenshot has no caption")
    releases = tree.findall("releases/release")
    if not releases or releases[0].get("version") != version:
        problems.append(f"the newest release should be {version}, the project version")
    if not any(c.get("{http://www.w3.org/XML/1998/namespace}lang") == "de" for c in tree.iter("summary")):
        problems.append("no German summary: translations were not merged from po/")

    for problem in problems:
        print(problem)
    return 1 if problems else 0


if __name__ == "__main__":
    sys.exit(main())
