#!/usr/bin/env bash
# Builds everything (installing missing packages) and runs every test under a
# virtual X server and a private D-Bus session. Ends with "N passed, N failed".
# BUILD_DIR (default _build) and extra `meson test` arguments can be given.
set -uo pipefail
cd "$(dirname "$0")/.."
build=${BUILD_DIR:-_build}
build-aux/ensure-packages.sh || exit 1
setup_args=()
# CI treats every warning as an error.
[ "${CI:-}" = "true" ] && setup_args+=(-Dwerror=true)
if [ ! -f "$build/build.ninja" ]; then
  meson setup "$build" "${setup_args[@]}" || exit 1
fi
ninja -C "$build" || exit 1
rm -f "$build/meson-logs/testlog.json"
xvfb-run -a -s '-screen 0 1280x1024x24' \
  dbus-run-session -- meson test -C "$build" --print-errorlogs "$@"
status=$?
# EXTRA_PASSED / EXTRA_FAILED let CI count checks that run outside meson.
python3 - "$build/meson-logs/testlog.json" "${EXTRA_PASSED:-0}" "${EXTRA_FAILED:-0}" <<'PY'
import json, sys
passed, failed, skipped = int(sys.argv[2]), int(sys.argv[3]), 0
try:
    with open(sys.argv[1]) as log:
        for line in log:
            if not line.strip():
                continue
            result = json.loads(line)["result"]
            if result in ("OK", "EXPECTEDFAIL"):
                passed += 1
            elif result == "SKIP":
                skipped += 1
            else:
                failed += 1
except FileNotFoundError:
    failed = 1
print(f"{passed} passed, {failed} failed, {skipped} skipped")
PY
[ "${EXTRA_FAILED:-0}" -eq 0 ] || status=1
exit $status
