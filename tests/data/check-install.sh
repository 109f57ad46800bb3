#!/usr/bin/env bash
# SPDX-License-Identifier: GPL-3.0-or-later
# Installs the build into a temporary DESTDIR, checks the installed tree, runs
# the installed cost-ops, and starts the installed app under the X server of
# the test run (skipped, with the reason, when there is none).
#
# usage: check-install.sh BUILD_ROOT SOURCE_ROOT PREFIX BINDIR DATADIR MANDIR APP_ID GUI(true|false)
set -uo pipefail
build=$1 source=$2 prefix=$3 bindir=$4 datadir=$5 mandir=$6 app_id=$7 gui=$8

destdir=$(mktemp -d "${TMPDIR:-/tmp}/cost-ops-install.XXXXXX")
app_pid=""
cleanup() {
  # The app runs in its own session: end it and its private bus together.
  [ -n "$app_pid" ] && kill -TERM -- "-$app_pid" 2>/dev/null
  rm -rf "$destdir"
}
trap cleanup EXIT

failures=0
fail() { echo "FAIL: $*"; failures=$((failures + 1)); }

if ! meson install -C "$build" --destdir "$destdir" --no-rebuild --quiet >"$destdir.log" 2>&1; then
  cat "$destdir.log"; rm -f "$destdir.log"
  echo "FAIL: meson install"; exit 1
fi
rm -f "$destdir.log"

root=$destdir$prefix
share=$root/$datadir
expect=(
  "$bindir/cost-ops"
  "libexec/cost-ops-worker"
  "$datadir/glib-2.0/schemas/$app_id.gschema.xml"
  "$datadir/dbus-1/services/$app_id.service"
  "$datadir/icons/hicolor/scalable/apps/$app_id.svg"
  "$datadir/icons/hicolor/symbolic/apps/$app_id-symbolic.svg"
  "$datadir/metainfo/$app_id.metainfo.xml"
  "$datadir/applications/$app_id.desktop"
  "$mandir/man1/cost-ops.1"
)
[ "$gui" = true ] && expect+=("$bindir/cost-ops-bench")
while read -r lang; do
  case "$lang" in ''|'#'*) continue ;; esac
  expect+=("$datadir/locale/$lang/LC_MESSAGES/cost-ops-bench.mo")
done < "$source/po/LINGUAS"
for file in "${expect[@]}"; do
  [ -s "$root/$file" ] || fail "$prefix/$file was not installed"
done
for exe in "$bindir/cost-ops" "$bindir/cost-ops-bench" "libexec/cost-ops-worker"; do
  [ -e "$root/$exe" ] && { [ -x "$root/$exe" ] || fail "$prefix/$exe is not executable"; }
done
grep -qx "Exec=$prefix/$bindir/cost-ops-bench --gapplication-service" \
  "$share/dbus-1/services/$app_id.service" 2>/dev/null ||
  fail "the D-Bus service does not start $prefix/$bindir/cost-ops-bench"

# meson skips the post-install steps under DESTDIR; the schema must compile as
# glib-compile-schemas will compile it on the target system.
schemas=$destdir/compiled-schemas
mkdir -p "$schemas"
glib-compile-schemas --strict --targetdir="$schemas" "$share/glib-2.0/schemas" ||
  fail "the installed schema does not compile"

# The installed command line tool works from the DESTDIR (it needs nothing installed).
out=$(mktemp -d "$destdir/run.XXXXXX")
if version=$("$root/$bindir/cost-ops" --version 2>&1); then
  echo "installed cost-ops --version: $version"
else
  fail "installed cost-ops --version failed: $version"
fi
if "$root/$bindir/cost-ops" run --quick --targets aggregator --output "$out" >"$out.log" 2>&1 &&
   [ -s "$out/raw/aggregator.json" ] && [ -s "$out/summary.md" ]; then
  echo "installed cost-ops run wrote $out/raw/aggregator.json and summary.md"
else
  cat "$out.log"; fail "installed cost-ops run --quick --targets aggregator"
fi

if [ "$failures" -ne 0 ]; then
  echo "$failures problems in the installed tree"; exit 1
fi
echo "installed tree under $destdir$prefix is complete"

if [ "$gui" != true ]; then
  echo "SKIP: the app part: built with -Dgui=false"; exit 77
fi
if [ -z "${DISPLAY:-}" ] || ! command -v xwininfo >/dev/null || ! command -v dbus-run-session >/dev/null; then
  echo "SKIP: starting the installed app needs an X display (run under xvfb-run), xwininfo and dbus-run-session"
  exit 77
fi

# Start the installed app with only the installed schema and data, on a private
# session bus so that no other instance of the application id answers instead.
export GSETTINGS_SCHEMA_DIR="$schemas"
export GSETTINGS_BACKEND=memory
export XDG_DATA_DIRS="$share:${XDG_DATA_DIRS:-/usr/local/share:/usr/share}"
export NO_AT_BRIDGE=1
home=$(mktemp -d "$destdir/home.XXXXXX")
HOME=$home XDG_CONFIG_HOME=$home/.config XDG_DATA_HOME=$home/.local/share \
  setsid dbus-run-session -- "$root/$bindir/cost-ops-bench" --output-dir "$out" >"$home/app.log" 2>&1 &
app_pid=$!
# The window titled "CostOps Bench" that is mapped and has a real size (GDK also
# creates a hidden 1x1 leader window with the same title).
find_window() {
  xwininfo -root -tree 2>/dev/null | awk '/"CostOps Bench"/ {
      if (match($0, /[0-9]+x[0-9]+[+-]/)) {
        split(substr($0, RSTART, RLENGTH - 1), size, "x")
        if (size[1] >= 200 && size[2] >= 200) print $1
      }
    }' | while read -r id; do
      xwininfo -id "$id" 2>/dev/null | grep -q 'Map State: IsViewable' && { echo "$id"; break; }
    done
}
for _ in $(seq 1 100); do
  win=$(find_window)
  if [ -n "$win" ]; then
    echo "the installed app shows its window:"
    xwininfo -id "$win" | grep -E 'Window id|Width|Height|Map State'
    exit 0
  fi
  kill -0 "$app_pid" 2>/dev/null || break
  sleep 0.1
done
cat "$home/app.log"
echo "FAIL: the installed app did not show a window titled \"CostOps Bench\" within 10 s"
exit 1
