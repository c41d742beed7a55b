#!/usr/bin/env bash
# System packages the full test suite needs, from Debian's archive:
#   - chromium + chromium-driver: the browser tests open the maps in a real headless Chromium;
#   - a JDK 17 and Maven: the real Neo4j test server is built from Maven Central artifacts.
# Installs only what is missing; needs root (or sudo) for apt-get.
set -euo pipefail

need=()
command -v chromium >/dev/null 2>&1 || need+=(chromium)
command -v chromedriver >/dev/null 2>&1 || need+=(chromium-driver)
command -v java >/dev/null 2>&1 || need+=(openjdk-17-jdk-headless)
command -v mvn >/dev/null 2>&1 || need+=(maven)
if ((${#need[@]} == 0)); then
    exit 0
fi
SUDO=""
if [[ $(id -u) -ne 0 ]]; then
    command -v sudo >/dev/null 2>&1 || { echo "system-deps: need root to install: ${need[*]}" >&2; exit 1; }
    SUDO="sudo"
fi
echo "system-deps: installing ${need[*]}" >&2
export DEBIAN_FRONTEND=noninteractive
$SUDO apt-get update -qq
$SUDO apt-get install -y -qq --no-install-recommends "${need[@]}" >/dev/null
