#!/usr/bin/env bash
# Writes the version and the source commit a build was made from (build-info.properties), for
# `ridgeline --version` and the provenance of every model card. Outside a git checkout the commit is
# "unknown"; "modified" says whether tracked files differed from that commit when the jar was built, or
# untracked files (not ignored) lay among the sources that go into it (a new class is in the jar, not the commit).
set -euo pipefail
out=$1
version=$2
shift 2
# The rest: NAME=VERSION of each library that reads the data (shaded jars keep no pom.properties of theirs).
libraries=("$@")
here=$(dirname "$0")
commit=unknown
modified=unknown
if git -C "$here" rev-parse --verify -q HEAD >/dev/null 2>&1; then
  commit=$(git -C "$here" rev-parse HEAD)
  top=$(git -C "$here" rev-parse --show-toplevel)
  # Glob pathspecs: a plain 'java/*/src/main' matches that path itself, not the files below it. The whole list is
  # taken (no `| head`): under pipefail, git killed by SIGPIPE on a long list had failed the build.
  # A listing that fails leaves "unknown".
  if untracked=$(git -C "$top" ls-files --others --exclude-standard -- pom.xml ':(glob)java/*/pom.xml' \
      ':(glob)java/*/*.sh' ':(glob)java/*/src/main/**' native CMakeLists.txt 2>/dev/null); then
    if git -C "$here" diff --quiet HEAD -- 2>/dev/null && [ -z "$untracked" ]; then modified=false; else modified=true; fi
  fi
fi
mkdir -p "$(dirname "$out")"
printf 'version=%s\ncommit=%s\nmodified=%s\n' "$version" "$commit" "$modified" > "$out.tmp"
for library in ${libraries[@]+"${libraries[@]}"}; do
  printf 'library.%s\n' "$library" >> "$out.tmp"
done
mv "$out.tmp" "$out"
