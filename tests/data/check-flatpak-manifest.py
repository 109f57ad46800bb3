#!/usr/bin/env python3
# SPDX-License-Identifier: GPL-3.0-or-later
"""Checks the Flatpak manifest for what flatpak/check.sh cannot see on a
machine without Flatpak: the runtime, the command, the local source, tests run
during the build, and a sandbox without broad filesystem or bus access.

usage: check-flatpak-manifest.py MANIFEST APP_ID
"""
import json
import sys

REQUIRED_ARGS = {"--share=ipc", "--socket=fallback-x11", "--socket=wayland", "--device=dri"}
# The only folder the app may be granted: the default output folder (see flatpak/README.md).
ALLOWED_FILESYSTEM = {"--filesystem=xdg-documents/CostOps Bench:create"}


def main() -> int:
    path, app_id = sys.argv[1:3]
    with open(path, encoding="utf-8") as f:
        manifest = json.load(f)
    problems = []
    expect = {"id": app_id, "runtime": "org.gnome.Platform", "runtime-version": "50",
              "sdk": "org.gnome.Sdk", "command": "cost-ops-bench"}
    for key, value in expect.items():
        if manifest.get(key) != value:
            problems.append(f"{key} should be {value!r}, is {manifest.get(key)!r}")

    args = manifest.get("finish-args", [])
    for arg in sorted(REQUIRED_ARGS - set(args)):
        problems.append(f"finish-args lacks {arg}")
    for arg in args:
        if arg in REQUIRED_ARGS or arg in ALLOWED_FILESYSTEM:
            continue
        if arg.startswith(("--filesystem", "--socket", "--device", "--share", "--talk-name",
                           "--system-talk-name", "--own-name", "--persist")):
            problems.append(f"finish-args grants {arg}, which the app does not need")
    if sum(arg.startswith("--filesystem") for arg in args) > 1:
        problems.append("more than one folder is granted")

    app_module = manifest["modules"][-1]
    if app_module.get("buildsystem") != "meson":
        problems.append("the app module should build with meson")
    if not any(source.get("type") == "dir" and source.get("path") == ".."
               for source in app_module.get("sources", [])):
        problems.append('the app module should build the local checkout ({"type": "dir", "path": ".."})')
    if not app_module.get("run-tests"):
        problems.append("the app module should run the tests during the build")

    for problem in problems:
        print(problem)
    if not problems:
        print(f"{path}: runtime, command, source, tests and sandbox are as intended")
    return 1 if problems else 0


if __name__ == "__main__":
    sys.exit(main())
