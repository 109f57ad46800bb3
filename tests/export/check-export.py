#!/usr/bin/env python3
# SPDX-License-Identifier: GPL-3.0-or-later
"""Reads the export writers' output back with Python's own csv and json
modules and compares it with a report computed here, independently, from
the source records with exact Decimal sums.

usage: check-export.py EXPORT-HELPER
"""
import csv
import io
import json
import subprocess
import sys
import tempfile
from decimal import Decimal
from pathlib import Path

CURRENCY_ORDER = ["USD", "EUR", "GBP", "JPY"]
COLUMNS = ["date", "provider", "model", "organization_id", "project_id", "requests",
           "input_cost", "output_cost", "total_cost", "currency"]
TEN_PLACES = Decimal("1E-10")


def money(value: Decimal) -> str:
    return format(value.quantize(TEN_PLACES), "f")


def expected_rows(records):
    groups = {}
    for r in records:
        ts = r["timestamp"]
        assert ts.endswith("Z"), ts
        project = r["project_id"] or None
        key = (ts[:10], r["provider"], r["model"], r["organization_id"], project, r["currency"])
        g = groups.setdefault(key, [0, Decimal(0), Decimal(0), Decimal(0)])
        g[0] += 1
        g[1] += Decimal(r["input_cost"])
        g[2] += Decimal(r["output_cost"])
        g[3] += Decimal(r["total_cost"])

    def order(key):
        day, provider, model, org, project, currency = key
        # UTF-8 byte order is code point order, which is what str compares.
        return (day, provider, model, org, project is not None, project or "",
                CURRENCY_ORDER.index(currency))

    rows = []
    for key in sorted(groups, key=order):
        day, provider, model, org, project, currency = key
        n, i, o, t = groups[key]
        rows.append({"date": day, "provider": provider, "model": model,
                     "organization_id": org, "project_id": project, "requests": n,
                     "input_cost": money(i), "output_cost": money(o),
                     "total_cost": money(t), "currency": currency})
    return rows


def fail(message):
    print("FAIL:", message, file=sys.stderr)
    sys.exit(1)


def check_csv(path: Path, rows):
    raw = path.read_bytes()
    # Byte for byte what the csv module writes (RFC 4180 minimal quoting).
    buf = io.StringIO(newline="")
    writer = csv.writer(buf)
    writer.writerow(COLUMNS)
    for r in rows:
        writer.writerow([r[c] if r[c] is not None else "" for c in COLUMNS])
    if raw != buf.getvalue().encode("utf-8"):
        ours = raw.decode("utf-8").splitlines(keepends=True)
        theirs = buf.getvalue().splitlines(keepends=True)
        for a, b in zip(ours, theirs):
            if a != b:
                fail(f"CSV differs from csv.writer: ours {a!r} python {b!r}")
        fail(f"CSV differs from csv.writer in length: {len(raw)} vs {len(buf.getvalue())}")
    # And parsed back, every field survives.
    with path.open(newline="", encoding="utf-8") as f:
        parsed = list(csv.reader(f, strict=True))
    if parsed[0] != COLUMNS:
        fail(f"CSV header {parsed[0]}")
    if len(parsed) - 1 != len(rows):
        fail(f"CSV has {len(parsed) - 1} rows, expected {len(rows)}")
    for got, want in zip(parsed[1:], rows):
        want_fields = [str(want[c]) if want[c] is not None else "" for c in COLUMNS]
        if got != want_fields:
            fail(f"CSV row {got} != {want_fields}")


def check_json(path: Path, rows, n_records):
    doc = json.loads(path.read_text(encoding="utf-8"), parse_float=Decimal)
    if set(doc) != {"data", "metadata", "count"}:
        fail(f"JSON top-level keys {sorted(doc)}")
    if doc["count"] != len(rows) or doc["data"] != rows:
        fail("JSON data differs from the independently computed report")
    meta = doc["metadata"]
    if meta["source_records"] != n_records:
        fail(f"metadata source_records {meta['source_records']} != {n_records}")
    if meta["generated_at"] != "2025-03-04T05:06:07.500Z":
        fail(f"metadata generated_at {meta['generated_at']}")
    if (meta["first_day"], meta["last_day"]) != (rows[0]["date"], rows[-1]["date"]):
        fail("metadata first/last day")
    for total in meta["totals"]:
        mine = [r for r in rows if r["currency"] == total["currency"]]
        if total["requests"] != sum(r["requests"] for r in mine):
            fail(f"total requests for {total['currency']}")
        for field in ("input_cost", "output_cost", "total_cost"):
            if total[field] != money(sum(Decimal(r[field]) for r in mine)):
                fail(f"total {field} for {total['currency']}: {total[field]}")
    if sorted(t["currency"] for t in meta["totals"]) != sorted({r["currency"] for r in rows}):
        fail("metadata totals do not cover every currency")


def check_jsonl(path: Path, rows):
    text = path.read_text(encoding="utf-8")
    lines = text.split("\n")
    if lines[-1] != "":
        fail("JSON Lines output does not end with a newline")
    parsed = [json.loads(line) for line in lines[:-1]]
    if parsed != rows:
        fail("JSON Lines rows differ from the independently computed report")


def main():
    helper = sys.argv[1]
    with tempfile.TemporaryDirectory() as tmp:
        out = Path(tmp)
        subprocess.run([helper, "round-trip", tmp], check=True)
        records = json.loads((out / "records.json").read_text(encoding="utf-8"))
        rows = expected_rows(records)
        awkward = sum(1 for r in rows if any(ch in r["provider"] for ch in ",\"\n\r"))
        if awkward == 0 or not any(ord(ch) > 127 for r in rows for ch in r["model"]):
            fail("the round-trip data lost its awkward fields")
        check_csv(out / "report.csv", rows)
        check_json(out / "report.json", rows, len(records))
        check_jsonl(out / "report.jsonl", rows)
        print(f"ok: {len(records)} records, {len(rows)} rows read back by csv and json")


if __name__ == "__main__":
    main()
