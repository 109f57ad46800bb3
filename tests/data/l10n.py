# SPDX-License-Identifier: GPL-3.0-or-later
"""Helpers of the translation tests: a small .po reader and a German session."""
import ast
import os
import shutil
import subprocess


def read_po(path: str) -> dict:
    """Maps each msgid to its msgstr (the singular form for plural messages).
    Fuzzy entries count as untranslated and are left out."""
    messages, entry, field, fuzzy = {}, {}, None, False

    def finish():
        nonlocal entry, fuzzy
        if "msgid" in entry and not fuzzy:
            text = entry.get("msgstr", entry.get("msgstr[0]", ""))
            if text:
                messages[entry["msgid"]] = text
        entry, fuzzy = {}, False

    with open(path, encoding="utf-8") as f:
        for line in f:
            line = line.strip()
            if not line:
                finish()
            elif line.startswith("#,") and "fuzzy" in line:
                fuzzy = True
            elif line.startswith("#"):
                continue
            elif line.startswith('"'):
                entry[field] += ast.literal_eval(line)
            else:
                field, _, value = line.partition(" ")
                entry[field] = ast.literal_eval(value)
    finish()
    messages.pop("", None)
    return messages


def german_locale(tmp: str):
    """Returns (environment of a German session, None) or (None, why not).

    A German locale is needed because newer glibc (2.41 in the Flatpak SDK)
    ignores LANGUAGE in the C.UTF-8 locale. An installed de_DE.UTF-8 is used
    when there is one; otherwise one is compiled with localedef into @tmp and
    found through LOCPATH."""
    installed = subprocess.run(["locale", "-a"], capture_output=True, text=True).stdout.split()
    if any(name.lower() in ("de_de.utf8", "de_de.utf-8") for name in installed):
        return {"LC_ALL": "de_DE.UTF-8", "LANGUAGE": "de"}, None
    localedef = shutil.which("localedef")
    if localedef is None:
        return None, "no de_DE.UTF-8 locale is installed and localedef is missing"
    target = os.path.join(tmp, "de_DE.UTF-8")
    result = subprocess.run([localedef, "-i", "de_DE", "-f", "UTF-8", target],
                            capture_output=True, text=True)
    if not os.path.exists(os.path.join(target, "LC_MESSAGES")):
        return None, f"no de_DE.UTF-8 locale is installed and localedef cannot make one: {result.stderr.strip()}"
    return {"LC_ALL": "de_DE.UTF-8", "LANGUAGE": "de", "LOCPATH": tmp}, None


def session_env(extra: dict) -> dict:
    """os.environ without any language settings, plus @extra."""
    env = dict(os.environ)
    for name in ("LANG", "LANGUAGE", "LOCPATH", "LC_ALL", "LC_MESSAGES"):
        env.pop(name, None)
    env.update(extra)
    return env
