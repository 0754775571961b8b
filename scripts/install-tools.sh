#!/usr/bin/env bash
# Installs what the in-VS Code test suite needs and the project's npm dependencies do not bring:
# Debian Chromium and the native build tools, and two real VS Codes from npm (code-server), each with
# the Node it requires: the current one and the oldest that package.json's engines.vscode accepts.
# See docs/testing.md#tools for why each piece is needed.
#
# Idempotent: each step checks a version or a marker first, so a second run takes a second or two.
# The tools live OUTSIDE the repository (hundreds of MB) so fresh CI clones on the same machine reuse
# them; set FLIGHTHUB_TOOLS to put them elsewhere. The test runner reads $FLIGHTHUB_TOOLS/tools.env.
set -euo pipefail

# The current VS Code: code-server 4.139.1 ships VS Code 1.139 and requires Node 24.
NODE_VERSION=24.21.0
CODE_SERVER_VERSION=4.139.1
# The oldest VS Code we support (engines.vscode ^1.100.0): code-server 4.100.3 ships VS Code 1.100.3
# and its postinstall.sh refuses any Node but 20. npm has no code-server for 1.101 or 1.102, which is
# why the minimum is 1.100 and not 1.101 (docs/COMPATIBILITY.md).
NODE_MIN_VERSION=20.20.2
CODE_SERVER_MIN_VERSION=4.100.3
# code-server 4.100.3's VS Code depends on @vscode/ripgrep 1.15.11, whose postinstall downloads rg
# v13.0.0-10 from GitHub (unreachable here); @vscode/ripgrep-universal on npm ships the rg binaries.
OLD_RIPGREP_PACKAGE_VERSION=1.15.11
OLD_RIPGREP_RELEASE=v13.0.0-10
RIPGREP_UNIVERSAL_VERSION=1.18.0
# iproute2: the livestream browser test builds its own network namespace (test/helpers/netns.ts).
APT_PACKAGES=(chromium libkrb5-dev pkg-config build-essential python3 iproute2)

TOOLS="${FLIGHTHUB_TOOLS:-${HOME:-/root}/.cache/flighthub-workbench-tools}"

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
node_home() { echo "$TOOLS/node-v$1/node_modules/node-linux-$(node_arch)"; }
node_bin() { echo "$(node_home "$1")/bin/node"; }
cs_entry() { echo "$TOOLS/code-server-$1/node_modules/code-server/out/node/entry.js"; }

install_node() {
  local version=$1 prefix="$TOOLS/node-v$1" bin
  bin="$(node_bin "$version")"
  if [[ -x "$bin" && "$("$bin" --version)" == "v$version" ]]; then
    log "node $version present"
    return
  fi
  log "installing node $version into $prefix"
  mkdir -p "$prefix"
  inner_npm install --prefix "$prefix" --no-audit --no-fund --no-save "node-linux-$(node_arch)@$version"
  [[ "$("$bin" --version)" == "v$version" ]] || die "node $version did not install"
}

# @vscode/ripgrep's postinstall (lib/download.js in that package) first looks for the release archive
# in os.tmpdir()/vscode-ripgrep-cache-<package version>/ and downloads only when it is missing; an
# archive of the rg that @vscode/ripgrep-universal ships is put there, in the install's own TMPDIR.
seed_ripgrep_cache() {
  local tmp=$1 prefix="$TOOLS/ripgrep-universal-$RIPGREP_UNIVERSAL_VERSION" target rg_dir
  case "$(node_arch)" in
    x64) target=x86_64-unknown-linux-musl ;;
    arm64) target=aarch64-unknown-linux-musl ;;
  esac
  rg_dir="$prefix/node_modules/@vscode/ripgrep-universal/bin/linux-$(node_arch)"
  if [[ ! -x "$rg_dir/rg" ]]; then
    mkdir -p "$prefix"
    inner_npm install --prefix "$prefix" --no-audit --no-fund --no-save \
      "@vscode/ripgrep-universal@$RIPGREP_UNIVERSAL_VERSION"
  fi
  [[ -x "$rg_dir/rg" ]] || die "@vscode/ripgrep-universal has no $rg_dir/rg"
  mkdir -p "$tmp/vscode-ripgrep-cache-$OLD_RIPGREP_PACKAGE_VERSION"
  tar czf "$tmp/vscode-ripgrep-cache-$OLD_RIPGREP_PACKAGE_VERSION/ripgrep-$OLD_RIPGREP_RELEASE-$target.tar.gz" \
    -C "$rg_dir" rg
}

# install_code_server CODE_SERVER_VERSION NODE_VERSION
install_code_server() {
  local version=$1 node_version=$2 prefix="$TOOLS/code-server-$1" entry home
  entry="$(cs_entry "$version")"
  home="$(node_home "$node_version")"
  # Written only after a complete install: a run killed half way leaves no marker and is redone.
  local marker="$prefix/.installed-with-node-$node_version"
  if [[ -f "$marker" && -f "$entry" ]]; then
    log "code-server $version present"
    return
  fi
  log "installing code-server $version into $prefix (a few minutes)"
  mkdir -p "$prefix"
  # A package.json of its own, because npm 11 runs a dependency's install scripts only with a notice
  # unless `allowScripts` approves them (and may block them outright later); code-server's postinstall
  # is what builds VS Code's native modules, so it must run. `--allow-scripts` on the command line is
  # rejected for project-scoped installs, hence the file.
  cat >"$prefix/package.json" <<JSON
{
  "name": "flighthub-workbench-code-server",
  "private": true,
  "dependencies": { "code-server": "$version" },
  "allowScripts": { "code-server@$version": true, "argon2": true }
}
JSON
  # code-server's postinstall refuses any Node but the one it was built for, and its native modules
  # must build against that Node's headers; the machine's npm config points nodedir at the system
  # Node's headers instead. Older code-server postinstalls (4.100) also stop when run as root unless
  # npm_config_unsafe_perm is "true", a setting npm 11 no longer has and so never exports itself.
  # Its node-pty's post-install runs `npx node-gyp …`, which without a terminal installs nothing unless
  # npm_config_yes says so.
  local tmp="$prefix/tmp"
  mkdir -p "$tmp"
  seed_ripgrep_cache "$tmp"
  PATH="$home/bin:$PATH" TMPDIR="$tmp" npm_config_unsafe_perm=true npm_config_yes=true inner_npm --nodedir="$home" \
    install --prefix "$prefix" --no-audit --no-fund
  rm -rf "$tmp"
  [[ -f "$entry" ]] || die "code-server $version did not install: $entry is missing"
  touch "$marker"
}

# A small shell-syntax file the test runner (test/vscode/toolsConfig.ts) reads, so the layout above is
# defined in one place only.
write_manifest() {
  local tmp="$TOOLS/tools.env.tmp"
  {
    printf 'NODE24=%s\n' "$(node_bin "$NODE_VERSION")"
    printf 'CODE_SERVER_ENTRY=%s\n' "$(cs_entry "$CODE_SERVER_VERSION")"
    printf 'CODE_SERVER_VERSION=%s\n' "$CODE_SERVER_VERSION"
    printf 'NODE_MIN=%s\n' "$(node_bin "$NODE_MIN_VERSION")"
    printf 'CODE_SERVER_MIN_ENTRY=%s\n' "$(cs_entry "$CODE_SERVER_MIN_VERSION")"
    printf 'CODE_SERVER_MIN_VERSION=%s\n' "$CODE_SERVER_MIN_VERSION"
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
  timed install_node "$NODE_VERSION"
  timed install_code_server "$CODE_SERVER_VERSION" "$NODE_VERSION"
  timed install_node "$NODE_MIN_VERSION"
  timed install_code_server "$CODE_SERVER_MIN_VERSION" "$NODE_MIN_VERSION"
  write_manifest
  log "tools folder:     $TOOLS"
  log "current:          code-server $CODE_SERVER_VERSION with node $NODE_VERSION"
  log "minimum:          code-server $CODE_SERVER_MIN_VERSION with node $NODE_MIN_VERSION"
  log "chromium:         $(command -v chromium) ($(chromium --version 2>/dev/null || echo '?'))"
  log "manifest:         $TOOLS/tools.env"
}

main "$@"
