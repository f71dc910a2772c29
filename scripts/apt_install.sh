#!/bin/sh
# Install Debian/Ubuntu packages for a scripts/ensure_*.sh that found its tool missing, as
# root or through sudo; one line naming what to do when neither apt-get nor root is there.
# Usage: sh scripts/apt_install.sh CALLER "WHAT IS MISSING" "WHAT TO DO BY HAND" PACKAGE...
set -eu

caller="$1" missing="$2" by_hand="$3"
shift 3

if [ "$(id -u)" -eq 0 ]; then
    SUDO=""
elif command -v sudo >/dev/null 2>&1; then
    SUDO="sudo"
else
    echo "$caller: $missing and we are not root (no sudo): $by_hand" >&2
    exit 1
fi

if ! command -v apt-get >/dev/null 2>&1; then
    echo "$caller: $missing and this system has no apt-get: $by_hand" >&2
    exit 1
fi

echo "$caller: $missing; installing $* with apt-get"
$SUDO env DEBIAN_FRONTEND=noninteractive apt-get update -qq
$SUDO env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends "$@"
