# SPDX-License-Identifier: GPL-3.0-or-later
"""A small reader of .po files for the translation tests."""
import ast


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
