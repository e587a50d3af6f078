#!/usr/bin/env bash
# Makes a headless browser available to the web page's test (WebPageTest drives it with
# Selenium): Debian's chromium and chromium-driver. Idempotent: apt runs only when either is
# missing. Prints the export lines on stdout (the rest goes to stderr):
#   env=$(.ci/chromium.sh) && eval "$env"
# Without root and without the packages it says what to install and exits 1; set
# QUARRY_SKIP_BROWSER=1 to skip the browser test instead.
set -euo pipefail

log() { echo "chromium.sh: $*" >&2; }

chromium="${QUARRY_CHROMIUM:-$(command -v chromium || true)}"
driver="${QUARRY_CHROMEDRIVER:-$(command -v chromedriver || true)}"
if [[ -z "$chromium" || -z "$driver" ]]; then
  if (( EUID != 0 )); then
    log "chromium or chromedriver is missing and this is not root. As root:"
    log "  apt-get update && apt-get install -y chromium chromium-driver"
    log "or set QUARRY_CHROMIUM and QUARRY_CHROMEDRIVER, or QUARRY_SKIP_BROWSER=1."
    exit 1
  fi
  log "installing chromium and chromium-driver"
  apt-get update -qq >&2
  DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends chromium chromium-driver >&2
  chromium=$(command -v chromium)
  driver=$(command -v chromedriver)
fi
log "chromium $("$chromium" --version 2>/dev/null | head -1), driver at $driver"
echo "export QUARRY_CHROMIUM=$chromium"
echo "export QUARRY_CHROMEDRIVER=$driver"
