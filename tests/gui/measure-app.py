#!/usr/bin/python3
# SPDX-License-Identifier: GPL-3.0-or-later
"""Measures the app's figures of issue 4 under Xvfb (not a test: the lead
and CI read the numbers). Run from a build folder:

  xvfb-run -a dbus-run-session -- /usr/bin/python3 tests/gui/measure-app.py \
      _build/src/gui/cost-ops-bench _build/data [launches]

1. launch to first drawn frame: the app, with COB_MEASURE_FIRST_FRAME set,
   prints CLOCK_MONOTONIC at its first frame's after-paint and quits; this
   script notes the same clock just before it starts the process.
2. largest main-loop stall during a full run of all targets (default length)
   and the second after it (results, history reload, baseline comparison):
   COB_MEASURE_STALLS makes a 10 ms timer record the longest gap between its
   calls; Run is pressed through AT-SPI (dogtail).
3. RSS of the idle window two seconds after that run.
Runs 2 and 3 are repeated [launches] times too (one fresh app each): one
run says little on a shared two-core machine.

COB_MEASURE_STALLS=trace in this script's environment makes the app print,
for every gap over 50 ms, what the main loop did inside it (frame clock
phases, progress deliveries, snapshots) and the paint phase's mean and max;
the app logs are kept in the work folder printed at the end.

Under Xvfb there is no GPU device, so the app turns GL off and GTK draws
with cairo (src/gui/cob-renderer-policy.c). To measure GTK's GL renderer on
Mesa's software GL (llvmpipe) instead, set GSK_RENDERER=ngl in this script's
environment: that costs ~150 MB more RSS and 50-190 ms per frame on two busy
cores.
"""
import os
import re
import statistics
import subprocess
import sys
import tempfile
import time


def first_frame_ms(app_path, env):
    start = time.clock_gettime(time.CLOCK_MONOTONIC)
    proc = subprocess.run([app_path], env=dict(env, COB_MEASURE_FIRST_FRAME='1'),
                          capture_output=True, text=True, timeout=60)
    match = re.search(r'first-frame-monotonic-us (\d+)', proc.stdout)
    if not match:
        raise RuntimeError(f'no first frame reported: {proc.stdout!r} {proc.stderr[-500:]!r}')
    return int(match.group(1)) / 1000.0 - start * 1000.0


def rss_mb(pid):
    with open(f'/proc/{pid}/status', encoding='ascii') as handle:
        for line in handle:
            if line.startswith('VmRSS:'):
                return int(line.split()[1]) / 1024.0
    return float('nan')


def full_run(app_path, env, out, index=0):
    from dogtail import tree
    from dogtail.config import config
    config.defaultDelay = 0.1

    log = open(os.path.join(out, f'app-{index}.log'), 'w+', encoding='utf-8')
    run_dir = os.path.join(out, f'run-{index}')
    stalls = os.environ.get('COB_MEASURE_STALLS', '1')
    proc = subprocess.Popen([app_path, '--output-dir', run_dir],
                            env=dict(env, COB_MEASURE_STALLS=stalls), stderr=log, stdout=log)
    try:
        deadline = time.monotonic() + 30
        while not any(a.name == 'cost-ops-bench' for a in tree.root.applications()):
            if time.monotonic() > deadline:
                raise RuntimeError('the app did not appear on the accessibility bus')
            time.sleep(0.2)
        node = tree.root.application('cost-ops-bench')
        node.findChild(lambda n: n.roleName == 'push button' and n.name.endswith('Run'),
                       retry=True).doActionNamed('click')
        summary = os.path.join(run_dir, 'summary.md')
        deadline = time.monotonic() + 300
        while not os.path.exists(summary):
            if time.monotonic() > deadline:
                raise RuntimeError('the run did not finish')
            time.sleep(0.2)
        # The probe reports one second after the run; RSS two seconds after.
        time.sleep(2.0)
        rss = rss_mb(proc.pid)
        log.flush()
        log.seek(0)
        text = log.read()
        match = re.search(r'Largest main-loop gap during the run and the second after it: ([\d.]+) ms', text)
        stall = float(match.group(1)) if match else float('nan')
        return stall, rss
    finally:
        proc.terminate()
        proc.wait(timeout=10)
        log.close()


def main():
    app_path, schema_dir = sys.argv[1], sys.argv[2]
    launches = int(sys.argv[3]) if len(sys.argv) > 3 else 5
    workdir = tempfile.mkdtemp(prefix='cob-measure-')
    env = dict(os.environ, GSETTINGS_BACKEND='keyfile',
               XDG_CONFIG_HOME=os.path.join(workdir, 'config'),
               GSETTINGS_SCHEMA_DIR=schema_dir)
    os.environ.update(env)
    subprocess.run(['gsettings', 'set', 'org.gnome.desktop.interface',
                    'toolkit-accessibility', 'true'], check=True, env=env)

    frames = [first_frame_ms(app_path, env) for _ in range(launches)]
    print(f'launch to first frame: median {statistics.median(frames):.0f} ms, '
          f'min {min(frames):.0f} ms, max {max(frames):.0f} ms ({launches} launches)')
    stalls, rsses = [], []
    for index in range(launches):
        stall, rss = full_run(app_path, env, workdir, index)
        print(f'  run {index + 1}: largest gap {stall:.1f} ms, idle RSS {rss:.1f} MB', flush=True)
        stalls.append(stall)
        rsses.append(rss)
    print(f'largest main-loop gap during a full run: median {statistics.median(stalls):.1f} ms, '
          f'min {min(stalls):.1f} ms, max {max(stalls):.1f} ms (10 ms timer, {launches} runs)')
    print(f'idle RSS after the run: median {statistics.median(rsses):.1f} MB, '
          f'max {max(rsses):.1f} MB ({launches} runs)')
    print(f'app logs: {workdir}')
    return 0


if __name__ == '__main__':
    sys.exit(main())
