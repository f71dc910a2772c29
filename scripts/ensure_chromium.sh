#!/bin/sh
# Make sure a headless Chromium is installed for the report tests (pytests/test_report.py
# renders each page to a screenshot). Idempotent: silent when `chromium` is on the PATH.
# Installs the Debian/Ubuntu packages chromium and fonts-dejavu-core (the pages' text) otherwise,
# as root or through sudo (scripts/apt_install.sh).
set -eu

if command -v chromium >/dev/null 2>&1; then
    exit 0
fi

sh "$(dirname "$0")/apt_install.sh" ensure_chromium "chromium is missing" \
    "install Chromium (apt-get install chromium)" chromium fonts-dejavu-core

if ! command -v chromium >/dev/null 2>&1; then
    echo "ensure_chromium: the chromium package is installed but chromium is not on the PATH" >&2
    exit 1
fi
echo "ensure_chromium: installed $(chromium --version 2>/dev/null || echo chromium)"
