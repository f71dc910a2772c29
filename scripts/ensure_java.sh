#!/bin/sh
# Make sure a Java 17+ runtime is installed for the Spark tests (pytests/test_spark.py: dbt-spark's
# `method: session` starts PySpark, which runs in a JVM). Idempotent: silent when `java` on the
# PATH is version 17 or newer. Installs Debian's openjdk-17-jre-headless otherwise, as root or
# through sudo (scripts/apt_install.sh).
set -eu

java_major() {
    java -version 2>&1 | sed -n 's/.*version "\([0-9][0-9]*\).*/\1/p' | head -n 1
}

if command -v java >/dev/null 2>&1 && [ "$(java_major)" -ge 17 ] 2>/dev/null; then
    exit 0
fi

sh "$(dirname "$0")/apt_install.sh" ensure_java "Java 17 is missing" \
    "install a Java 17 runtime (apt-get install openjdk-17-jre-headless)" openjdk-17-jre-headless

if ! command -v java >/dev/null 2>&1; then
    echo "ensure_java: openjdk-17-jre-headless is installed but java is not on the PATH" >&2
    exit 1
fi
echo "ensure_java: installed $(java -version 2>&1 | head -n 1)"
