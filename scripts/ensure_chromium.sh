#!/bin/sh
# Make sure a headless Chromium is installed for the report tests (pytests/test_report.py
# renders each page to a screenshot). Idempotent: silent when `chromium` is on the PATH.
# Installs the Debian/Ubuntu packages chromium and fonts-dejavu-core (the pages' text) otherwise,
# as root or through sudo.
set -eu

if command -v chromium >/dev/null 2>&1; then
    exit 0
fi

if [ "$(id -u)" -eq 0 ]; then
    SUDO=""
elif command -v sudo >/dev/null 2>&1; then
    SUDO="sudo"
else
    echo "ensure_chromium: chromium is missing and we are not root (no sudo):" >&2
    echo "  install it (apt-get install chromium)" >&2
    exit 1
fi

if ! command -v apt-get >/dev/null 2>&1; then
    echo "ensure_chromium: chromium is missing and this system has no apt-get: install Chromium" >&2
    exit 1
fi

echo "ensure_chromium: chromium is missing; installing it with apt-get"
$SUDO env DEBIAN_FRONTEND=noninteractive apt-get update -qq
$SUDO env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends chromium fonts-dejavu-core

if ! command -v chromium >/dev/null 2>&1; then
    echo "ensure_chromium: the chromium package is installed but chromium is not on the PATH" >&2
    exit 1
fi
echo "ensure_chromium: installed $(chromium --version 2>/dev/null || echo chromium)"
