#!/usr/bin/env bash
# tools/bootstrap.sh — install every Debian package gostep needs.
#
# Idempotent: when every package is already installed it prints one line and
# touches nothing (no apt-get update, no network). Run as root on Debian 12;
# as a non-root user it only reports what is missing.
#
# Packages and why:
#   g++ cmake ninja-build make   the build (C++20, CMake >= 3.25 presets)
#   libboost-context-dev         goroutine fibers (Boost.Context fcontext)
#   libboost-dev                 Boost.Lockfree (header-only) for exploration queues
#   doctest-dev                  unit tests
#   libbenchmark-dev             micro-benchmarks (bench/)
#   libcli11-dev                 the gostep command line
#   nlohmann-json3-dev           event log / trace JSON (tests parse it back)
#   libfmt-dev                   formatting of Go-style output
#   golang-1.19-go golang-1.19-src   the real Go 1.19: differential-test oracle and bench baselines
#   time                         /usr/bin/time -v for peak-RSS measurements in bench/
set -euo pipefail

PACKAGES=(
  g++ cmake ninja-build make
  libboost-context-dev libboost-dev
  doctest-dev libbenchmark-dev
  libcli11-dev nlohmann-json3-dev libfmt-dev
  golang-1.19-go golang-1.19-src
  time
)

missing=()
for p in "${PACKAGES[@]}"; do
  if ! dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed"; then
    missing+=("$p")
  fi
done

if [ ${#missing[@]} -eq 0 ]; then
  echo "bootstrap: all ${#PACKAGES[@]} packages present"
  exit 0
fi

if [ "$(id -u)" -ne 0 ]; then
  echo "bootstrap: missing packages: ${missing[*]}" >&2
  echo "bootstrap: run as root (or: sudo $0) to install them" >&2
  exit 1
fi

echo "bootstrap: installing ${missing[*]}"
export DEBIAN_FRONTEND=noninteractive
apt-get update -qq
apt-get install -y -qq --no-install-recommends "${missing[@]}"
echo "bootstrap: done"
