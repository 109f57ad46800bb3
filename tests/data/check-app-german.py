#!/usr/bin/python3
# SPDX-License-Identifier: GPL-3.0-or-later
"""Starts the app in German (translations from the build tree), checks through
AT-SPI that its controls carry the German names po/de.po gives them, runs the
selected targets quickly and saves screenshots of the window before and after
the run and of the History view into the build folder (look at them for clipped or overflowing labels:
German words are long).

usage: check-app-german.py APP SCHEMA_DIR DE_PO OUTPUT_DIR
Needs a display and a session bus (xvfb-run -a dbus-run-session -- meson test),
dogtail, and ImageMagick's import; skips (exit 77) with the reason without them.
"""
import os
import shutil
import subprocess
import sys
import tempfile
import time

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from l10n import german_locale, read_po, session_env  # noqa: E402

SKIP = 77


def skip(reason):
    print(f"SKIP: {reason}")
    sys.exit(SKIP)


def wait_until(predicate, timeout, what):
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if predicate():
            return
        time.sleep(0.2)
    raise AssertionError(f"timed out after {timeout} s waiting for {what}")


def screenshot(window_name: str, path: str) -> None:
    """The app's main window as a PNG: the largest mapped window of that name
    (GDK gives the same title to a hidden leader window and to popups)."""
    tree = subprocess.run(["xwininfo", "-root", "-tree"], capture_output=True, text=True).stdout
    best, best_area = None, 0
    for line in tree.splitlines():
        if f'"{window_name}"' not in line:
            continue
        window = line.split()[0]
        info = subprocess.run(["xwininfo", "-id", window], capture_output=True, text=True).stdout
        area = int(info.split("Width:")[1].split()[0]) * int(info.split("Height:")[1].split()[0])
        if "IsViewable" in info and area > best_area:
            best, best_area = window, area
    if best is None:
        raise AssertionError(f"no mapped window named {window_name!r}")
    subprocess.run(["import", "-window", best, path], check=True)
    print(f"screenshot: {path}")


def main() -> int:
    app_path, schema_dir, po_path, output_dir = sys.argv[1:5]
    if not os.environ.get("DISPLAY"):
        skip("no X display: DISPLAY is unset (run under xvfb-run)")
    if not os.environ.get("DBUS_SESSION_BUS_ADDRESS"):
        skip("no session bus for AT-SPI (run under dbus-run-session)")
    for tool in ("import", "xwininfo", "gsettings"):
        if shutil.which(tool) is None:
            skip(f"{tool} is not installed")
    try:
        import gi  # noqa: F401
        import dogtail  # noqa: F401
    except ImportError as error:
        skip(f"dogtail is not available to {sys.executable}: {error}")

    german = read_po(po_path)
    workdir = tempfile.mkdtemp(prefix="cob-german-")
    locale_env, why_not = german_locale(workdir)
    if why_not:
        skip(why_not)
    out = os.path.join(workdir, "output")
    env = session_env(dict(locale_env,
                           GSETTINGS_BACKEND="keyfile",
                           XDG_CONFIG_HOME=os.path.join(workdir, "config"),
                           GSETTINGS_SCHEMA_DIR=schema_dir))
    env.pop("NO_AT_BRIDGE", None)
    env.pop("GTK_A11Y", None)
    os.environ.update({k: env[k] for k in ("GSETTINGS_BACKEND", "XDG_CONFIG_HOME", "GSETTINGS_SCHEMA_DIR")})
    for schema, name, value in [("org.gnome.desktop.interface", "toolkit-accessibility", "true"),
                                ("io.github.costops.Bench", "quick", "true")]:
        subprocess.run(["gsettings", "set", schema, name, value], check=True, env=env)

    problems = []
    app = subprocess.Popen([app_path, "--output-dir", out], env=env)
    try:
        from dogtail import tree
        from dogtail.config import config
        config.searchCutoffCount = 40
        config.defaultDelay = 0.2

        wait_until(lambda: any(a.name == "cost-ops-bench" for a in tree.root.applications()),
                   30, "the app on the accessibility bus")
        node = tree.root.application("cost-ops-bench")
        names = {n.name for n in node.findChildren(lambda n: bool(n.name))}

        # Controls in German, and not in English: a label, a group title, the
        # empty state and the Run button (its mnemonic underscore is not in the name).
        for msgid in ("Targets", "Output Folder", "No Results Yet", "_Run"):
            text = german.get(msgid)
            if text is None:
                problems.append(f"po/de.po does not translate {msgid!r}")
                continue
            if text.replace("_", "") not in names:
                problems.append(f"the app shows no {text.replace('_', '')!r} (German of {msgid!r})")
            if msgid.replace("_", "") in names:
                problems.append(f"the app still shows the English {msgid.replace('_', '')!r}")
        title = german["CostOps Bench"]
        time.sleep(1)
        screenshot(title, os.path.join(output_dir, "app-german-before.png"))

        # GTK 4.8 names a button "<label with mnemonic> <label>": match the end.
        run_label = german["_Run"].replace("_", "")

        def is_run_button(n):
            return n.roleName == "push button" and n.name.endswith(run_label)

        node.findChild(is_run_button, retry=True).doActionNamed("click")
        summary = os.path.join(out, "summary.md")
        wait_until(lambda: os.path.exists(summary), 120, "the run to write summary.md")
        wait_until(lambda: node.findChild(is_run_button, retry=False, requireResult=False) is not None,
                   30, "the Run button to come back")
        time.sleep(1)
        screenshot(title, os.path.join(output_dir, "app-german-after.png"))
        # The History view: its switcher button, then the page itself.
        history = german["History"]
        switch = node.findChild(lambda n: n.name == history and n.roleName in
                                ("toggle button", "push button", "radio button", "page tab"),
                                retry=True, requireResult=False)
        if switch is None:
            problems.append(f"the app has no {history!r} view switch (German of 'History')")
        else:
            actions = list(switch.actions.keys())
            if actions:
                switch.doActionNamed("click" if "click" in actions else actions[0])
            else:
                switch.click()
            time.sleep(1)
            screenshot(title, os.path.join(output_dir, "app-german-history.png"))

        names = {n.name for n in node.findChildren(lambda n: bool(n.name))}
        for msgid in ("Ops/sec", "Spread", "Notes"):
            if german[msgid] not in names:
                problems.append(f"the results table shows no column {german[msgid]!r} (German of {msgid!r})")
    finally:
        if app.poll() is None:
            app.terminate()
            app.wait(timeout=10)
        shutil.rmtree(workdir, ignore_errors=True)

    for problem in problems:
        print(problem)
    if not problems:
        print("the app shows German names; look at the screenshots for clipped labels")
    return 1 if problems else 0


if __name__ == "__main__":
    sys.exit(main())
