#!/bin/sh
# Writes OUTPUT with the commit and tree state of SRCDIR. Meson runs this at
# every build (config.h is made only at configure time, so a commit made
# since would be reported wrong); OUTPUT is replaced only when the values
# change, so nothing is recompiled without need.
# Usage: git-version.sh SRCDIR OUTPUT
set -eu
src=$1
out=$2
commit=unknown
state=unknown
if found=$(git -C "$src" rev-parse --short=12 HEAD 2>/dev/null); then
  commit=$found
  if [ -z "$(git -C "$src" status --porcelain --untracked-files=no 2>/dev/null)" ]; then
    state=clean
  else
    state=dirty
  fi
fi
tmp="$out.tmp"
{
  echo '/* Made at every build by build-aux/git-version.sh. */'
  echo '#pragma once'
  echo "#define GIT_COMMIT \"$commit\""
  echo "#define GIT_TREE_STATE \"$state\""
} > "$tmp"
if cmp -s "$tmp" "$out" 2>/dev/null; then
  rm -f "$tmp"
else
  mv "$tmp" "$out"
fi
