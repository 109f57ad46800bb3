#!/usr/bin/env python3
# SPDX-License-Identifier: GPL-3.0-or-later
"""Validates the built desktop entry with desktop-file-validate and checks that it
and the D-Bus service file agree, as D-Bus activation needs.

usage: check-desktop.py DESKTOP_FILE SERVICE_FILE APP_ID
"""
import configparser
import os
import shutil
import subprocess
import sys


def read_ini(path: str, group: str) -> dict:
    parser = configparser.RawConfigParser(strict=True, interpolation=None)
    parser.optionxform = str
    parser.read(path, encoding="utf-8")
    return dict(parser[group])


def main() -> int:
    desktop_path, service_path, app_id = sys.argv[1:4]
    problems = []

    validator = shutil.which("desktop-file-validate")
    if validator is None:
        print("SKIP: desktop-file-validate is not installed (package desktop-file-utils)")
        return 77
    result = subprocess.run([validator, desktop_path], capture_output=True, text=True)
    output = (result.stdout + result.stderr).strip()
    if result.returncode != 0 or output:
        problems.append(f"desktop-file-validate:\n{output}")

    entry = read_ini(desktop_path, "Desktop Entry")
    service = read_ini(service_path, "D-BUS Service")
    if os.path.basename(desktop_path) != app_id + ".desktop":
        problems.append("a D-Bus activatable desktop file must be named after the application id")
    if entry.get("DBusActivatable") != "true":
        problems.append("DBusActivatable=true is missing")
    if entry.get("Icon") != app_id:
        problems.append(f"Icon should be {app_id}, is {entry.get('Icon')}")
    if not any(key.startswith("Name[de]") for key in entry):
        problems.append("no German Name: translations were not merged from po/")
    if service.get("Name") != app_id:
        problems.append(f"D-Bus service Name should be {app_id}, is {service.get('Name')}")
    exec_line = service.get("Exec", "").split()
    if len(exec_line) != 2 or os.path.basename(exec_line[0]) != "cost-ops-bench" \
            or not os.path.isabs(exec_line[0]) or exec_line[1] != "--gapplication-service":
        problems.append(f"D-Bus service Exec should be /abs/path/cost-ops-bench --gapplication-service, "
                        f"is {service.get('Exec')}")
    if entry.get("Exec", "").split()[0] != "cost-ops-bench":
        problems.append(f"desktop Exec should start the app, is {entry.get('Exec')}")

    for problem in problems:
        print(problem)
    if not problems:
        print(f"{desktop_path} and {service_path} are valid")
    return 1 if problems else 0


if __name__ == "__main__":
    sys.exit(main())
