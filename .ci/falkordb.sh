#!/usr/bin/env bash
# Makes FalkorDB available to the graph module's tests (FalkorGraphStoreTest starts and stops its
# own server on a free loopback port): valkey-server from bookworm-backports (Debian 12's
# redis-server 7.0 refuses the module) and falkordb.so from the npm package below, as
# /work/shared/SERVICES.md describes. Idempotent: apt runs only when valkey-server is missing,
# npm only when the module is not in the cache yet.
#
# Prints the two export lines on stdout (everything else goes to stderr) and writes them to
# $CACHE/env as well, so either works:
#   env=$(.ci/falkordb.sh) && eval "$env"
#   .ci/falkordb.sh >/dev/null && . "${XDG_CACHE_HOME:-$HOME/.cache}/quarry/falkordb/env"
#
# Without root and without valkey-server it says what to install and exits 1. FalkorDB is
# RSALv2 / SSPLv1 / AGPLv3: it is fetched here for tests, never bundled.
set -euo pipefail

PACKAGE='@falkordblite/linux-x64@8.2.3-falkordb.4.16.3'
CACHE="${XDG_CACHE_HOME:-$HOME/.cache}/quarry/falkordb"
MODULE="$CACHE/falkordb.so"

log() { echo "falkordb.sh: $*" >&2; }

# 1. valkey-server (reports itself as Redis 7.2.4, which the module accepts)
valkey="${QUARRY_VALKEY_SERVER:-}"
if [[ -z "$valkey" ]]; then
  valkey=$(command -v valkey-server || true)
fi
if [[ -z "$valkey" || ! -x "$valkey" ]]; then
  if (( EUID != 0 )); then
    log "valkey-server is missing and this is not root. As root, run this script, or:"
    log "  printf 'Types: deb\\nURIs: http://deb.debian.org/debian\\nSuites: bookworm-backports\\nComponents: main\\nSigned-By: /usr/share/keyrings/debian-archive-keyring.gpg\\n' > /etc/apt/sources.list.d/bookworm-backports.sources"
    log "  apt-get update && apt-get install -y -t bookworm-backports valkey-server libgomp1"
    log "Or set QUARRY_VALKEY_SERVER to a valkey-server >= 7.2 (Redis 7.0 refuses the module),"
    log "or QUARRY_SKIP_FALKORDB=1 to skip the FalkorDB tests."
    exit 1
  fi
  sources=/etc/apt/sources.list.d/bookworm-backports.sources
  if [[ ! -f "$sources" ]]; then
    # reuse the mirror already configured for Debian
    uri=$(grep -m1 '^URIs:' /etc/apt/sources.list.d/debian.sources 2>/dev/null | awk '{print $2}' || true)
    uri=${uri:-http://deb.debian.org/debian}
    log "adding bookworm-backports ($uri)"
    printf 'Types: deb\nURIs: %s\nSuites: bookworm-backports\nComponents: main\nSigned-By: /usr/share/keyrings/debian-archive-keyring.gpg\n' \
      "$uri" > "$sources"
  fi
  log "installing valkey-server and libgomp1"
  apt-get update -qq >&2
  DEBIAN_FRONTEND=noninteractive apt-get install -y -qq -t bookworm-backports \
    valkey-server libgomp1 >&2
  valkey=$(command -v valkey-server)
fi

# 2. falkordb.so (the package's own redis-server needs a newer glibc and is not used)
if [[ -n "${QUARRY_FALKORDB_MODULE:-}" && -f "$QUARRY_FALKORDB_MODULE" ]]; then
  MODULE="$QUARRY_FALKORDB_MODULE"
elif [[ ! -f "$MODULE" ]]; then
  command -v npm >/dev/null || { log "npm is needed to fetch $PACKAGE"; exit 1; }
  mkdir -p "$CACHE"
  work=$(mktemp -d)
  trap 'rm -rf "$work"' EXIT
  log "fetching $PACKAGE"
  (cd "$work" && npm pack --silent "$PACKAGE" >&2 && tar xzf falkordblite-linux-x64-*.tgz)
  # copy then rename, so an interrupted run never leaves half a module in the cache
  cp "$work/package/bin/falkordb.so" "$MODULE.part"
  mv "$MODULE.part" "$MODULE"
fi

# 3. what the module links (libgomp1 above all)
if ldd "$MODULE" | grep -q 'not found'; then
  if (( EUID == 0 )); then
    log "installing libgomp1 (falkordb.so links it)"
    DEBIAN_FRONTEND=noninteractive apt-get install -y -qq libgomp1 >&2
  fi
  if ldd "$MODULE" | grep -q 'not found'; then
    log "falkordb.so cannot load: $(ldd "$MODULE" | grep 'not found' | tr -s ' \t' ' ')"
    log "install the missing libraries (apt-get install -y libgomp1, as root)"
    exit 1
  fi
fi

mkdir -p "$CACHE"
lines=$(printf 'export QUARRY_FALKORDB_MODULE=%q\nexport QUARRY_VALKEY_SERVER=%q\n' "$MODULE" "$valkey")
printf '%s\n' "$lines" > "$CACHE/env"
log "module $MODULE, server $valkey ($("$valkey" --version | head -1))"
printf '%s\n' "$lines"
