#!/usr/bin/env python3
# SPDX-License-Identifier: GPL-3.0-or-later
"""Extracts the messages of every file in po/POTFILES.in with xgettext (the
keywords of glib/gi18n.h, as the build's glib preset) and checks that each
language in po/LINGUAS translates all of them, without fuzzy entries, with
matching printf formats and plural forms (msgfmt --check).

usage: check-po-complete.py SOURCE_ROOT
"""
import os
import pathlib
import shutil
import subprocess
import sys
import tempfile

KEYWORDS = ["_", "N_", "C_:1c,2", "NC_:1c,2", "g_dcgettext:2", "g_dngettext:2,3", "g_dpgettext2:2c,3"]


def main() -> int:
    root = pathlib.Path(sys.argv[1]).resolve()
    tools = {name: shutil.which(name) for name in ("xgettext", "msgcmp", "msgfmt")}
    if not all(tools.values()):
        print(f"SKIP: needs the gettext tools, missing {[n for n, p in tools.items() if not p]}")
        return 77
    problems = []
    with tempfile.TemporaryDirectory() as tmp:
        pot = os.path.join(tmp, "messages.pot")
        result = subprocess.run(
            [tools["xgettext"], "--package-name=cost-ops-bench", "--from-code=UTF-8", "--add-comments",
             *(f"--keyword={k}" for k in KEYWORDS), "--directory", str(root),
             "--files-from", str(root / "po" / "POTFILES.in"), "--output", pot],
            capture_output=True, text=True)
        if result.returncode != 0:
            print(result.stderr)
            return 1
        count = sum(1 for line in open(pot, encoding="utf-8") if line.startswith("msgid ")) - 1
        for lang in (root / "po" / "LINGUAS").read_text().split():
            po = root / "po" / f"{lang}.po"
            check = subprocess.run([tools["msgfmt"], "--check", "--statistics", "-o", os.devnull, str(po)],
                                   capture_output=True, text=True)
            stats = check.stderr.strip()
            print(f"{lang}.po: {stats}")
            if check.returncode != 0 or "fuzzy" in stats or "untranslated" in stats:
                problems.append(f"po/{lang}.po: msgfmt --check: {stats}")
            # msgcmp: every message of the sources must be translated (not fuzzy) in the .po.
            cmp = subprocess.run([tools["msgcmp"], str(po), pot], capture_output=True, text=True)
            if cmp.returncode != 0:
                problems.append(f"po/{lang}.po lacks translations of the current sources "
                                f"(run ninja cost-ops-bench-update-po and translate):\n{cmp.stderr.strip()}")
        print(f"{count} messages in the sources")
    for problem in problems:
        print(problem)
    return 1 if problems else 0


if __name__ == "__main__":
    sys.exit(main())
