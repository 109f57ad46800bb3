#!/usr/bin/env bash
# SPDX-License-Identifier: GPL-3.0-or-later
# Offline check of the Flatpak: builds and installs the unmodified manifest with
# flatpak-builder (tests run during the build), starts the installed app under
# Xvfb and checks a screenshot of its window, then runs the sandboxed cost-ops
# and checks the files it wrote. Run as `bash flatpak/check.sh` from the
# checkout, as root on Debian 12 (it installs what it needs with apt-get).
#
# Runtime: a real org.gnome.Platform//50 + org.gnome.Sdk//50 if one is
# installed (system or user); otherwise the stand-in built from Debian packages
# by ../shared/tools/flatpak-standin-runtime (see flatpak/README.md).
#
# env FLATPAK_CHECK_DIR  work folder (default /var/tmp/cost-ops-bench-flatpak-check)
set -euo pipefail

app_id=io.github.costops.Bench
branch=50
targets=(cost_calculator aggregator forecasting compression export storage)

here=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
checkout=$(dirname "$here")
manifest=$here/$app_id.json
work=${FLATPAK_CHECK_DIR:-/var/tmp/cost-ops-bench-flatpak-check}

say() { printf '\n== %s\n' "$*"; }
die() { printf 'FAIL: %s\n' "$*" >&2; exit 1; }

# --- the part that runs inside xvfb-run + dbus-run-session ------------------
if [ "${1:-}" = "--in-session" ]; then
  shot=$2 log=$3
  flatpak run "$app_id" >"$log" 2>&1 &
  app=$!
  trap 'kill "$app" 2>/dev/null || true; wait "$app" 2>/dev/null || true' EXIT
  # The mapped window titled "CostOps Bench" with a real size (GDK also makes a
  # hidden 1x1 leader window with the same title).
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
  win=""
  for _ in $(seq 1 300); do
    win=$(find_window)
    [ -n "$win" ] && break
    kill -0 "$app" 2>/dev/null || { cat "$log"; die "the app exited before showing its window"; }
    sleep 0.1
  done
  [ -n "$win" ] || { cat "$log"; die "no window titled \"CostOps Bench\" within 30 s"; }
  sleep 2   # let the first frames settle before the screenshot
  info=$(xwininfo -id "$win")
  echo "$info" | grep -q 'Map State: IsViewable' || die "the app window is not viewable"
  w=$(echo "$info" | awk '/^ *Width:/ { print $2 }')
  h=$(echo "$info" | awk '/^ *Height:/ { print $2 }')
  x=$(echo "$info" | awk '/Absolute upper-left X:/ { print $4 }')
  y=$(echo "$info" | awk '/Absolute upper-left Y:/ { print $4 }')
  echo "window $win: ${w}x${h}+${x}+${y}"
  [ "$w" -ge 360 ] && [ "$h" -ge 300 ] || die "the window is only ${w}x${h}"
  import -window root "$shot"
  # The window area must show drawn widgets: many colors and real contrast,
  # not a blank or single-color surface.
  read -r colors stddev < <(convert "$shot" -crop "${w}x${h}+${x}+${y}" +repage \
    -format '%k %[fx:standard_deviation]\n' info:)
  echo "window screenshot $shot: $colors colors, standard deviation $stddev"
  [ "$colors" -ge 64 ] || die "the window shows only $colors colors"
  awk -v s="$stddev" 'BEGIN { exit !(s >= 0.05) }' || die "the window is nearly uniform (deviation $stddev)"
  kill -0 "$app" 2>/dev/null || die "the app exited after showing its window"
  exit 0
fi

# --- packages ----------------------------------------------------------------
say "packages"
need=()
for pair in flatpak:flatpak flatpak-builder:flatpak-builder xvfb-run:xvfb xauth:xauth \
            dbus-run-session:dbus xwininfo:x11-utils import:imagemagick python3:python3; do
  command -v "${pair%%:*}" >/dev/null || need+=("${pair#*:}")
done
if [ ${#need[@]} -gt 0 ]; then
  [ "$(id -u)" -eq 0 ] || die "missing ${need[*]}; run as root to install them"
  echo "installing ${need[*]}"
  apt-get update -qq
  DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends "${need[@]}" >/dev/null
fi

# --- the host can validate the exported icon -----------------------------------
# flatpak validates every exported icon on the host, with the host's gdk-pixbuf
# (flatpak-validate-icon), not the SDK's. Our icon is an SVG, so the host needs
# gdk-pixbuf's SVG loader from librsvg2-common: only a recommendation of GTK
# and adwaita-icon-theme, so a system installed with --no-install-recommends
# lacks it and flatpak-builder would fail at the export with "Format not
# recognized".
say "host SVG loader for gdk-pixbuf (icon validation)"
icon=$checkout/data/icons/hicolor/scalable/apps/$app_id.svg
svg_loader() { grep -qs '^"svg" ' /usr/lib/*/gdk-pixbuf-2.0/2.10.0/loaders.cache; }
if ! svg_loader && [ "$(id -u)" -eq 0 ]; then
  echo "the host's gdk-pixbuf has no SVG loader: installing librsvg2-common"
  apt-get update -qq
  DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends librsvg2-common >/dev/null
fi
svg_loader || die "the host has no SVG loader for gdk-pixbuf, which flatpak needs to validate the exported icon $icon: install librsvg2-common"
validator=$(ls /usr/libexec/flatpak-validate-icon /usr/lib/flatpak/flatpak-validate-icon 2>/dev/null | head -n 1 || true)
if [ -n "$validator" ]; then
  # As flatpak runs it, without the sandbox (which would hide the reason).
  "$validator" 512 512 "$icon" >/dev/null ||
    die "flatpak-validate-icon cannot read $icon with the host's gdk-pixbuf; is librsvg2-common installed and its loader in /usr/lib/*/gdk-pixbuf-2.0/2.10.0/loaders.cache?"
fi
echo "the host's gdk-pixbuf reads $(basename "$icon")"

# --- runtime -----------------------------------------------------------------
say "runtime org.gnome.Platform//$branch"
has_runtime() {
  flatpak info "org.gnome.Platform//$branch" >/dev/null 2>&1 &&
    flatpak info "org.gnome.Sdk//$branch" >/dev/null 2>&1
}
# flatpak-builder 1.2 (Debian 12) runs appstream-compose from the SDK to export
# the metainfo and icon for software centers (1.4 and later run appstreamcli
# compose); it loads the SVG icon through gdk-pixbuf's SVG loader.
sdk_can_compose() {
  case "$(flatpak-builder --version)" in
    *" 1.2."*|*" 1.0."*)
      flatpak run --command=sh "org.gnome.Sdk//$branch" -c \
        'command -v appstream-compose && ls /usr/lib/*/gdk-pixbuf-2.0/*/loaders/*svg*' >/dev/null 2>&1 ;;
    *) return 0 ;;
  esac
}
standin_extras="appstream-util librsvg2-common"
standin=$checkout/../shared/tools/flatpak-standin-runtime
use_standin() { # [WORK folder]: build (or find) the stand-in, with appstream-compose in its SDK
  [ -x "$standin" ] || die "no usable org.gnome.Platform//$branch installed and no $standin to build a stand-in"
  [ "$(id -u)" -eq 0 ] || die "building the stand-in runtime needs root"
  if [ -n "${1:-}" ]; then
    export WORK=$1 FLATPAK_USER_DIR=$1/user
  fi
  # shellcheck disable=SC2086 # two package names
  FLATPAK_USER_DIR=$("$standin" "$branch" $standin_extras | tail -n 1)
  export FLATPAK_USER_DIR
  has_runtime || die "the stand-in runtime is not installed in $FLATPAK_USER_DIR"
  echo "using the stand-in runtime in FLATPAK_USER_DIR=$FLATPAK_USER_DIR"
}
if has_runtime; then
  echo "using the installed GNOME $branch runtime"
else
  use_standin
fi
if ! sdk_can_compose; then
  if flatpak remote-list --user 2>/dev/null | grep -q '^standin'; then
    # A stand-in made earlier without these packages: make one that has them,
    # beside it, so that whoever uses the first one is not disturbed.
    echo "this stand-in SDK cannot run appstream-compose (with an SVG icon), which $(flatpak-builder --version) runs"
    use_standin /var/tmp/standin-flatpak-compose
  fi
  sdk_can_compose || die "the SDK has no appstream-compose or no SVG pixbuf loader, which $(flatpak-builder --version) needs;
use flatpak-builder 1.4 or later (flatpak run org.flatpak.Builder) with the real SDK"
fi

# --- manifest ----------------------------------------------------------------
say "flatpak-builder --show-manifest"
mkdir -p "$work"
if ! flatpak-builder --show-manifest "$manifest" >"$work/manifest.out" 2>"$work/manifest.err"; then
  cat "$work/manifest.err"; die "flatpak-builder cannot read $manifest"
fi
if [ -s "$work/manifest.err" ]; then
  cat "$work/manifest.err"; die "flatpak-builder --show-manifest printed warnings"
fi
echo "no warnings"

# --- build, test, install ------------------------------------------------------
say "flatpak-builder: build, run the tests, install"
# State and build folders stay outside the checkout: the "dir" source copies it.
flatpak-builder --user --install --force-clean --disable-rofiles-fuse \
  --state-dir="$work/state" "$work/build" "$manifest" 2>&1 | tee "$work/build.log" ||
  die "flatpak-builder failed (log: $work/build.log)"
grep -Eq '^(Ok|Fail|Expected Fail|Unexpected Pass|Skipped|Timeout):' "$work/build.log" ||
  die "the tests did not run during the build"
flatpak info "$app_id" >/dev/null || die "$app_id is not installed"
flatpak info --show-permissions "$app_id"

# --- the app shows its window ---------------------------------------------------
say "flatpak run $app_id under Xvfb"
shot=$work/window.png
xvfb-run -a -s '-screen 0 1280x1024x24' \
  dbus-run-session -- bash "$here/check.sh" --in-session "$shot" "$work/app.log"
echo "screenshot: $shot"

# --- the sandboxed command line tool writes its files -----------------------------
say "flatpak run --command=cost-ops $app_id run --quick"
# A folder inside the sandbox: the app's own data folder, visible to the host.
out=$HOME/.var/app/$app_id/data/check-run
rm -rf "$out"
flatpak run --command=cost-ops "$app_id" run --quick --output "$out" | tee "$work/cli.log" ||
  die "cost-ops run --quick failed in the sandbox"
python3 - "$out" "${targets[@]}" <<'PY' || die "the files written by cost-ops are wrong"
import json, os, sys
out, targets = sys.argv[1], sys.argv[2:]
raw = sorted(os.listdir(os.path.join(out, "raw")))
expected = sorted(t + ".json" for t in targets)
if raw != expected:
    sys.exit(f"raw/ holds {raw}, expected {expected}")
for target in targets:
    with open(os.path.join(out, "raw", target + ".json"), encoding="utf-8") as f:
        result = json.load(f)
    ops = result["metrics"]["operations_per_second"]
    if result["target_id"] != target or not ops > 0 or not result["timestamp"].endswith("Z"):
        sys.exit(f"raw/{target}.json is not a result of {target}: {result}")
    print(f"raw/{target}.json: {ops:,.0f} ops/sec")
summary = open(os.path.join(out, "summary.md"), encoding="utf-8").read()
if "| Target | Operations/sec | Avg Duration (ns) | Notes |" not in summary:
    sys.exit("summary.md has no results table")
missing = [t for t in targets if f"### {t}" not in summary]
if missing:
    sys.exit(f"summary.md has no section for {missing}")
print(f"summary.md: {len(summary.splitlines())} lines, a section per target")
PY

say "the Flatpak builds, installs, shows its window and runs cost-ops"
