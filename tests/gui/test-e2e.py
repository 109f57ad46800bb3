#!/usr/bin/python3
# SPDX-License-Identifier: GPL-3.0-or-later
"""End-to-end: drives the real cost-ops-bench through accessibility (dogtail
and AT-SPI). Selects two targets, runs them, waits, checks the files in the
output folder and the chart's accessible description, quits with Ctrl+Q.

Usage: test-e2e.py APP SCHEMA_DIR. Needs a display and a session bus (CI:
xvfb-run -a dbus-run-session -- meson test); skips (exit 77) without them.
"""
import json
import os
import re
import shutil
import subprocess
import sys
import tempfile
import time

SKIP = 77
TARGETS = [('aggregator', 'Aggregator'), ('storage', 'Storage')]
CONTROL_ROLES = {'push button', 'toggle button', 'check box', 'radio button', 'combo box',
                 'page tab', 'menu item', 'spin button', 'slider', 'text'}


def skip(reason):
    print(f'SKIP: {reason}')
    sys.exit(SKIP)


def wait_until(predicate, timeout, what):
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if predicate():
            return
        time.sleep(0.2)
    raise AssertionError(f'timed out after {timeout} s waiting for {what}')


def main():
    if len(sys.argv) != 3:
        print(__doc__)
        return 2
    app_path, schema_dir = sys.argv[1], sys.argv[2]
    if not (os.environ.get('DISPLAY') or os.environ.get('WAYLAND_DISPLAY')):
        skip('no display: DISPLAY and WAYLAND_DISPLAY are unset (run under xvfb-run)')
    if not os.environ.get('DBUS_SESSION_BUS_ADDRESS'):
        skip('no session bus for AT-SPI (run under dbus-run-session)')
    try:
        import gi  # noqa: F401
        import dogtail  # noqa: F401
    except ImportError as error:
        skip(f'dogtail is not available to {sys.executable}: {error}')

    workdir = tempfile.mkdtemp(prefix='cob-e2e-')
    out = os.path.join(workdir, 'output')
    # Settings of this test only: a keyfile backend in a private folder,
    # readable by dogtail (which checks toolkit-accessibility) and the app.
    env = dict(os.environ,
               GSETTINGS_BACKEND='keyfile',
               XDG_CONFIG_HOME=os.path.join(workdir, 'config'),
               GSETTINGS_SCHEMA_DIR=schema_dir)
    env.pop('GTK_A11Y', None)
    os.environ.update(env)
    for schema, name, value in [('org.gnome.desktop.interface', 'toolkit-accessibility', 'true'),
                                ('io.github.costops.Bench', 'quick', 'true')]:
        subprocess.run(['gsettings', 'set', schema, name, value], check=True, env=env)

    app = subprocess.Popen([app_path, '--output-dir', out], env=env)
    try:
        from dogtail import predicate, rawinput, tree
        from dogtail.config import config
        config.searchCutoffCount = 40
        config.defaultDelay = 0.2

        wait_until(lambda: any(a.name == 'cost-ops-bench' for a in tree.root.applications()),
                   30, 'the app on the accessibility bus')
        node = tree.root.application('cost-ops-bench')

        def button(label):
            return node.findChild(predicate.GenericPredicate(roleName='push button', name=label),
                                  retry=True)

        def find_button_containing(text):
            return node.findChild(lambda n: n.roleName == 'push button' and text in n.name,
                                  retry=True)

        checks = {c.name.split()[0]: c for c in
                  node.findChildren(predicate.GenericPredicate(roleName='check box'))}

        find_button_containing('Select No Target').doActionNamed('click')
        wait_until(lambda: not any(c.checked for name, c in checks.items() if name != 'Quick'),
                   10, 'Select None to clear every target')
        for _, title in TARGETS:
            checks[title].click()
        wait_until(lambda: all(checks[title].checked for _, title in TARGETS), 10,
                   'the two targets to be checked')
        assert sum(1 for name, c in checks.items() if c.checked and name != 'Quick') == 2

        find_button_containing('Run').doActionNamed('click')
        summary = os.path.join(out, 'summary.md')
        wait_until(lambda: os.path.exists(summary), 120, 'summary.md')
        wait_until(lambda: node.findChild(lambda n: n.roleName == 'push button' and
                                          n.name.endswith('Run'), retry=False,
                                          requireResult=False) is not None,
                   30, 'the Run button to come back')

        # Every control has one clean name, the toast's buttons included
        # (GTK 4.8 read "_Open Open" and a nameless close button).
        toast_open = node.findChild(predicate.GenericPredicate(roleName='push button', name='Open'),
                                    retry=True)
        assert toast_open is not None
        node.findChild(predicate.GenericPredicate(roleName='push button', name='Dismiss'),
                       retry=True)
        unnamed = []
        for control in node.findChildren(lambda n: n.roleName in CONTROL_ROLES):
            name = control.name or ''
            if (not name or name.startswith(('Gtk', 'Adw')) or
                    re.search(r'(^|\s)_\w', name) or re.fullmatch(r'(.+) \1', name)):
                unnamed.append(f'{control.roleName} {name!r}')
        assert not unnamed, f'controls without one clean accessible name: {unnamed}'

        # The files the CLI writes, through the same framework code.
        raw = sorted(os.listdir(os.path.join(out, 'raw')))
        assert raw == sorted(f'{target}.json' for target, _ in TARGETS), raw
        for target, _ in TARGETS:
            with open(os.path.join(out, 'raw', f'{target}.json'), encoding='utf-8') as handle:
                result = json.load(handle)
            assert result['target_id'] == target, result
            assert result['metrics']['operations_per_second'] > 0, result
            assert result['timestamp'].endswith('Z'), result
        with open(summary, encoding='utf-8') as handle:
            text = handle.read()
        assert '| Target | Operations/sec | Avg Duration (ns) | Notes |' in text
        for target, _ in TARGETS:
            assert f'### {target}' in text, text

        # The chart describes what it shows.
        # By its name: the view switcher's icons are images too, and come first.
        chart = node.findChild(predicate.GenericPredicate(roleName='image',
                                                          name='Operations per second chart'),
                               retry=True)
        description = chart.description
        print('chart description:', description)
        for _, title in TARGETS:
            assert title in description, description
        assert 'Forecasting' not in description, description

        # Ctrl+Q quits.
        rawinput.keyCombo('<Control>q')
        app.wait(timeout=15)
        assert app.returncode == 0, app.returncode
        print('ok: two targets ran, files and chart description checked')
        return 0
    finally:
        if app.poll() is None:
            app.terminate()
            app.wait(timeout=10)
        shutil.rmtree(workdir, ignore_errors=True)


if __name__ == '__main__':
    sys.exit(main())
