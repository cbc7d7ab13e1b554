#!/bin/sh
# Installs the Debian packages listed in tools/system-packages.txt that are missing, and only those.
# `make test` and .ci/run both run it. As root it runs apt-get; otherwise, when something is missing, it
# prints one line saying what to install and exits non-zero. `--check` only checks; `--list` prints the list.
# SYSTEM_PACKAGES_LIST=<file> reads another list (the tests use it).
set -eu
list=${SYSTEM_PACKAGES_LIST:-"$(dirname "$0")/system-packages.txt"}
[ -r "$list" ] || { echo "tools/system-packages.sh: cannot read the package list $list" >&2; exit 2; }

missing() {
    # Every listed package whose condition fails, space-separated.
    found=""
    while read -r package condition; do
        case "$package" in ''|'#'*) continue ;; esac
        if ! sh -c "$condition" >/dev/null 2>&1; then found="$found $package"; fi
    done < "$list"
    echo "${found# }"
}

case "${1:-}" in
    --list) grep -v '^[[:space:]]*\(#\|$\)' "$list" | awk '{print $1}'; exit 0 ;;
    --check|'') ;;
    *) echo "usage: tools/system-packages.sh [--check|--list]" >&2; exit 2 ;;
esac

todo=$(missing)
[ -z "$todo" ] && exit 0
if [ "${1:-}" = --check ] || [ "$(id -u)" -ne 0 ]; then
    echo "Missing Debian packages: $todo — install them as root: apt-get install -y --no-install-recommends $todo (or run sudo tools/system-packages.sh)" >&2
    exit 1
fi
echo "Installing the missing Debian packages: $todo"
export DEBIAN_FRONTEND=noninteractive
# shellcheck disable=SC2086 # one word per package
apt-get update -qq && apt-get install -y -qq --no-install-recommends $todo
still=$(missing)
if [ -n "$still" ]; then
    echo "tools/system-packages.sh: still missing after apt-get install: $still" >&2
    exit 1
fi
