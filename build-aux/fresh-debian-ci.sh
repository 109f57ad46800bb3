#!/usr/bin/env bash
# Runs CI (.ci/run) the way a new user meets it: on a fresh, minimal Debian 12
# (debootstrap --variant=minbase with git, ca-certificates and sudo), in a
# clean clone, as root, with a read-only copy of ../shared beside the clone.
#
# The system is entered with private mount, PID and IPC namespaces and
# pivot_root, not chroot: the kernel refuses user namespaces, which
# `flatpak run` (bubblewrap) needs, to a chrooted process. The network is the
# host's, so apt-get inside uses the host's Debian mirror.
#
# usage: build-aux/fresh-debian-ci.sh [OPTIONS] [CHECKOUT]
#   CHECKOUT       git checkout to test (default: the one this script is in);
#                  its HEAD commit is cloned, uncommitted changes are not.
#   --rev REV      test REV instead of HEAD
#   --from-scratch make the minimal system again with debootstrap (it is
#                  otherwise made once and copied for each run)
#   --reuse        run again in the system of the previous run (packages,
#                  build folders and stand-in runtime kept); for quick re-checks
#   --shell        open a shell in the system instead of running CI
#
#   env FRESH_CI_DIR  work folder (default /var/tmp/cost-ops-bench-fresh-debian);
#                     the system of the last run stays in FRESH_CI_DIR/root and
#                     its output in FRESH_CI_DIR/ci.log
#
# Needs root on a Linux host with debootstrap (installed with apt-get if
# missing). Exits with the status of .ci/run.
set -euo pipefail

suite=bookworm
include=git,ca-certificates,sudo
work=${FRESH_CI_DIR:-/var/tmp/cost-ops-bench-fresh-debian}
# Where CI lays things out: the clone and, beside it, shared/.
ci_dir=/srv/ci
clone_name=cost-ops-bench

die() { printf 'fresh-debian-ci: %s\n' "$*" >&2; exit 1; }
say() { printf '== %s\n' "$*"; }

# --- inside the namespaces: mount, pivot_root, run -----------------------------
if [ "${1:-}" = "--inside" ]; then
  root=$2 shared_src=$3 mode=$4
  # Nothing mounted here reaches the host (unshare made the mounts private).
  mount --bind "$root" "$root"          # pivot_root needs a mount point
  mount -t proc proc "$root/proc"        # this PID namespace's processes
  mount -t sysfs sysfs "$root/sys" 2>/dev/null || mount --rbind /sys "$root/sys"
  mount --rbind /dev "$root/dev"
  mount -t devpts -o newinstance,ptmxmode=0666,mode=0620,gid=5 devpts "$root/dev/pts"
  mount --bind "$root/dev/pts/ptmx" "$root/dev/ptmx"
  mount -t tmpfs -o mode=1777,nosuid,nodev tmpfs "$root/dev/shm"
  mount -t tmpfs -o mode=1777,nosuid,nodev tmpfs "$root/tmp"
  mount -t tmpfs -o mode=0755,nosuid,nodev tmpfs "$root/run"
  mkdir -p "$root/run/lock"
  if [ -n "$shared_src" ]; then
    mount --bind "$root$ci_dir/shared" "$root$ci_dir/shared"
    mount -o remount,bind,ro "$root$ci_dir/shared"
  fi
  cd "$root"
  mkdir -p .old-root
  pivot_root . .old-root
  cd /
  umount -l /.old-root
  rmdir /.old-root
  # A clean environment, as on a fresh login (no locale is set up).
  env=(HOME=/root USER=root LOGNAME=root SHELL=/bin/bash TERM="${TERM:-dumb}"
       PATH=/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin)
  for var in http_proxy https_proxy no_proxy HTTP_PROXY HTTPS_PROXY NO_PROXY; do
    [ -n "${!var:-}" ] && env+=("$var=${!var}")
  done
  if ! env -i "${env[@]}" unshare --user --map-root-user true; then
    echo "fresh-debian-ci: user namespaces do not work after pivot_root; flatpak run will fail" >&2
  fi
  cd "$ci_dir/$clone_name"
  if [ "$mode" = shell ]; then
    env -i "${env[@]}" bash -l
    exit $?
  fi
  # Not exec: this shell is PID 1 of the namespace and reaps orphans.
  env -i "${env[@]}" CI=true bash .ci/run
  exit $?
fi

# --- on the host ------------------------------------------------------------------
here=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
checkout=$(dirname "$here")
rev=HEAD from_scratch=false reuse=false mode=ci
while [ $# -gt 0 ]; do
  case "$1" in
    --rev) rev=${2:?--rev needs a revision}; shift ;;
    --from-scratch) from_scratch=true ;;
    --reuse) reuse=true ;;
    --shell) mode=shell ;;
    -h|--help) sed -n '2,/^set -euo/p' "$0" | sed '$d; s/^# \{0,1\}//'; exit 0 ;;
    -*) die "unknown option $1 (see --help)" ;;
    *) checkout=$1 ;;
  esac
  shift
done
[ "$(id -u)" -eq 0 ] || die "needs root (debootstrap, mounts, pivot_root)"
checkout=$(cd "$checkout" && git rev-parse --show-toplevel) || die "$checkout is not a git checkout"
commit=$(git -C "$checkout" rev-parse --verify "$rev^{commit}") || die "no commit $rev in $checkout"
shared_src=$(dirname "$checkout")/shared
[ -d "$shared_src" ] || { echo "no $shared_src; running without shared/" >&2; shared_src=""; }

# The host's Debian mirror and apt sources (other repositories, which a fresh
# machine would not have, are left out).
sources=()
for file in /etc/apt/sources.list /etc/apt/sources.list.d/*.list /etc/apt/sources.list.d/*.sources; do
  [ -f "$file" ] && grep -Eq '^[^#]*(deb |URIs:).*debian' "$file" && sources+=("$file")
done
[ ${#sources[@]} -gt 0 ] || die "no Debian sources in /etc/apt"
mirror=$(sed -n 's/^URIs:[[:space:]]*//p' "${sources[@]}" 2>/dev/null | grep -v security | head -n 1)
[ -n "$mirror" ] || mirror=$(awk '$1 == "deb" && $0 !~ /security/ { print $2; exit }' "${sources[@]}")
[ -n "$mirror" ] || die "no Debian mirror found in ${sources[*]}"

for tool in debootstrap:debootstrap unshare:util-linux pivot_root:util-linux; do
  command -v "${tool%%:*}" >/dev/null && continue
  echo "installing ${tool#*:}"
  apt-get update -qq
  DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends "${tool#*:}" >/dev/null
done

mkdir -p "$work"
exec 9>"$work/lock"
flock -n 9 || die "another run is using $work (FRESH_CI_DIR picks another folder)"
root=$work/root
base=$work/base
# Never delete a tree something is still mounted in.
mounted_under() { awk -v p="$1" '$5 == p || index($5, p "/") == 1 { found = 1 } END { exit !found }' /proc/self/mountinfo; }
for dir in "$root" "$base"; do
  ! mounted_under "$dir" || die "something is mounted under $dir; unmount it first"
done

start=$(date +%s)
stamp="$suite minbase $include"
if $from_scratch || [ "$(cat "$base/.fresh-debian-ci-base" 2>/dev/null)" != "$stamp" ]; then
  say "debootstrap --variant=minbase --include=$include $suite ($mirror)"
  rm -rf "$base" "$base.tmp"
  mkdir -p "$work/debs"
  if ! debootstrap --variant=minbase --include="$include" --cache-dir="$work/debs" \
      "$suite" "$base.tmp" "$mirror" >"$work/debootstrap.log" 2>&1; then
    tail -n 30 "$work/debootstrap.log"; die "debootstrap failed (log: $work/debootstrap.log)"
  fi
  echo "$stamp" >"$base.tmp/.fresh-debian-ci-base"
  mv "$base.tmp" "$base"
else
  say "minimal $suite system: $base (made $(date -r "$base/.fresh-debian-ci-base" '+%F %R'); --from-scratch makes it again)"
fi

if $reuse && [ -d "$root$ci_dir/$clone_name/.git" ]; then
  say "reusing the system of the previous run in $root"
  git -C "$root$ci_dir/$clone_name" fetch -q "$checkout" "$commit"
  git -C "$root$ci_dir/$clone_name" checkout -q --detach "$commit"
else
  say "fresh copy of the minimal system in $root"
  rm -rf "$root"
  cp -a "$base" "$root"
  rm -f "$root/etc/apt/sources.list"
  for file in "${sources[@]}"; do
    case "$file" in
      /etc/apt/sources.list) cp "$file" "$root/etc/apt/sources.list" ;;
      *) cp "$file" "$root/etc/apt/sources.list.d/" ;;
    esac
  done
  cp -L /etc/resolv.conf "$root/etc/resolv.conf"
  echo fresh-debian-ci >"$root/etc/hostname"
  git clone -q --no-local "$checkout" "$root$ci_dir/$clone_name"
  git -C "$root$ci_dir/$clone_name" checkout -q --detach "$commit"
fi
if [ -n "$shared_src" ]; then
  rm -rf "$root$ci_dir/shared"
  cp -a "$shared_src" "$root$ci_dir/shared"
fi
say "testing $(git -C "$checkout" log -1 --format='%h %s' "$commit")"
[ -z "$(git -C "$checkout" status --porcelain --untracked-files=no)" ] ||
  echo "(uncommitted changes in $checkout are not included)"

# Private mount, PID and IPC namespaces; the host's network. The mounts go away
# with the namespace when the run ends, and so does every process it started.
enter=(unshare --mount --propagation private --pid --ipc --fork
       bash "$here/fresh-debian-ci.sh" --inside "$root" "$shared_src" "$mode")
set +e
if [ "$mode" = shell ]; then
  say "entering with unshare and pivot_root: a shell in $ci_dir/$clone_name"
  "${enter[@]}"
  status=$?
else
  log=$work/ci.log
  say "entering with unshare and pivot_root: CI=true bash .ci/run (output also in $log)"
  "${enter[@]}" 2>&1 | tee "$log"
  status=${PIPESTATUS[0]}
fi
set -e
elapsed=$(( $(date +%s) - start ))
say "exit status $status after $((elapsed / 60)) min $((elapsed % 60)) s; the system stays in $root"
exit "$status"
