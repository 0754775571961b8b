#!/usr/bin/env bash
# Installs what the in-VS Code test suite needs and the project's npm dependencies do not bring:
# Debian Chromium and the native build tools, Node 24 and code-server (a real VS Code from npm).
# See docs/testing.md#tools for why each piece is needed.
#
# Idempotent: each step checks a version or a marker first, so a second run takes a second or two.
# The tools live OUTSIDE the repository (hundreds of MB) so fresh CI clones on the same machine reuse
# them; set FLIGHTHUB_TOOLS to put them elsewhere. The test runner reads $FLIGHTHUB_TOOLS/tools.env.
set -euo pipefail

NODE_VERSION=24.21.0
CODE_SERVER_VERSION=4.139.1
# iproute2: the livestream browser test builds its own network namespace (test/helpers/netns.ts).
APT_PACKAGES=(chromium libkrb5-dev pkg-config build-essential python3 iproute2)

TOOLS="${FLIGHTHUB_TOOLS:-${HOME:-/root}/.cache/flighthub-workbench-tools}"
NODE_PREFIX="$TOOLS/node-v$NODE_VERSION"
CS_PREFIX="$TOOLS/code-server-$CODE_SERVER_VERSION"

log() { printf '[install-tools] %s\n' "$*"; }
die() { printf '[install-tools] error: %s\n' "$*" >&2; exit 1; }

as_root() {
  if [[ $EUID -eq 0 ]]; then "$@"
  elif command -v sudo >/dev/null; then sudo "$@"
  else die "need root (or sudo) to run: $*"
  fi
}

# dpkg knows a package is installed only with status "install ok installed"; a removed package can
# still be listed with config files left behind.
is_installed() {
  [[ "$(dpkg-query -W -f='${Status}' "$1" 2>/dev/null)" == "install ok installed" ]]
}

install_debian_packages() {
  local wanted=("${APT_PACKAGES[@]}") missing=() pkg
  # A bare Debian has no npm; the machine image normally has a newer one, which we leave alone.
  command -v npm >/dev/null || wanted+=(nodejs npm)
  for pkg in "${wanted[@]}"; do is_installed "$pkg" || missing+=("$pkg"); done
  if [[ ${#missing[@]} -eq 0 ]]; then
    log "debian packages present: ${wanted[*]}"
    return
  fi
  log "installing debian packages: ${missing[*]}"
  as_root env DEBIAN_FRONTEND=noninteractive apt-get update -q
  as_root env DEBIAN_FRONTEND=noninteractive apt-get install -y -q "${missing[@]}"
}

# Runs npm for an install of our own, without what an outer `npm run` (as in `npm test`) exports about
# itself: its user agent names the outer Node (code-server's postinstall reads the Node version from it
# and refuses anything but 24), its project (local_prefix, prefix, package and lifecycle variables),
# its node-gyp and its allowScripts. The user's own settings (registry, cache, proxies, cafile) stay:
# the inner npm reads the same .npmrc files again, and variables the user set are left alone.
OUTER_NPM_VARS=(npm_config_user_agent npm_config_npm_version npm_config_node_gyp npm_config_nodedir
  npm_config_local_prefix npm_config_prefix npm_config_global_prefix npm_config_allow_scripts
  npm_command npm_execpath npm_node_execpath)
inner_npm() {
  local unset=() name
  for name in "${OUTER_NPM_VARS[@]}"; do unset+=(-u "$name"); done
  while IFS= read -r name; do unset+=(-u "$name"); done < <(compgen -e | grep -E '^npm_(package|lifecycle)_' || true)
  env "${unset[@]}" npm "$@"
}

node_arch() {
  case "$(uname -m)" in
    x86_64) echo x64 ;;
    aarch64 | arm64) echo arm64 ;;
    *) die "no node-linux package for $(uname -m)" ;;
  esac
}

# The npm package node-linux-<arch> ships the Node binary and its C headers, which code-server's native
# modules are compiled against.
NODE_HOME="$NODE_PREFIX/node_modules/node-linux-$(node_arch)"
NODE_BIN="$NODE_HOME/bin/node"

install_node() {
  if [[ -x "$NODE_BIN" && "$("$NODE_BIN" --version)" == "v$NODE_VERSION" ]]; then
    log "node $NODE_VERSION present"
    return
  fi
  log "installing node $NODE_VERSION into $NODE_PREFIX"
  mkdir -p "$NODE_PREFIX"
  inner_npm install --prefix "$NODE_PREFIX" --no-audit --no-fund --no-save \
    "node-linux-$(node_arch)@$NODE_VERSION"
  [[ "$("$NODE_BIN" --version)" == "v$NODE_VERSION" ]] || die "node $NODE_VERSION did not install"
}

CS_ENTRY="$CS_PREFIX/node_modules/code-server/out/node/entry.js"
# Written only after a complete install: a run killed half way leaves no marker and is redone.
CS_MARKER="$CS_PREFIX/.installed-with-node-$NODE_VERSION"

install_code_server() {
  if [[ -f "$CS_MARKER" && -f "$CS_ENTRY" ]]; then
    log "code-server $CODE_SERVER_VERSION present"
    return
  fi
  log "installing code-server $CODE_SERVER_VERSION into $CS_PREFIX (a few minutes)"
  mkdir -p "$CS_PREFIX"
  # A package.json of its own, because npm 11 runs a dependency's install scripts only with a notice
  # unless `allowScripts` approves them (and may block them outright later); code-server's postinstall
  # is what builds VS Code's native modules, so it must run. `--allow-scripts` on the command line is
  # rejected for project-scoped installs, hence the file.
  cat >"$CS_PREFIX/package.json" <<JSON
{
  "name": "flighthub-workbench-code-server",
  "private": true,
  "dependencies": { "code-server": "$CODE_SERVER_VERSION" },
  "allowScripts": { "code-server@$CODE_SERVER_VERSION": true, "argon2": true }
}
JSON
  # code-server's postinstall refuses any Node but 24, and its native modules must build against
  # Node 24's headers; the machine's npm config points nodedir at the system Node's headers instead.
  PATH="$NODE_HOME/bin:$PATH" inner_npm --nodedir="$NODE_HOME" \
    install --prefix "$CS_PREFIX" --no-audit --no-fund
  [[ -f "$CS_ENTRY" ]] || die "code-server did not install: $CS_ENTRY is missing"
  touch "$CS_MARKER"
}

# A small shell-syntax file the test runner (test/vscode/toolsConfig.ts) reads, so the layout above is
# defined in one place only.
write_manifest() {
  local tmp="$TOOLS/tools.env.tmp"
  {
    printf 'NODE24=%s\n' "$NODE_BIN"
    printf 'CODE_SERVER_ENTRY=%s\n' "$CS_ENTRY"
    printf 'CODE_SERVER_VERSION=%s\n' "$CODE_SERVER_VERSION"
    printf 'CHROMIUM=%s\n' "$(command -v chromium || echo /usr/bin/chromium)"
  } >"$tmp"
  mv "$tmp" "$TOOLS/tools.env"
}

timed() {
  local start=$SECONDS
  "$@"
  log "  ($1: $((SECONDS - start)) s)"
}

main() {
  mkdir -p "$TOOLS"
  timed install_debian_packages
  timed install_node
  timed install_code_server
  write_manifest
  log "tools folder:     $TOOLS"
  log "node 24:          $NODE_BIN"
  log "code-server:      $CS_ENTRY"
  log "chromium:         $(command -v chromium) ($(chromium --version 2>/dev/null || echo '?'))"
  log "manifest:         $TOOLS/tools.env"
}

main "$@"
