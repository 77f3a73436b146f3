#!/usr/bin/env bash
# Installs the toolchain StoreOps needs outside node_modules, into a cache outside the
# repo so that a fresh clone (and CI on the same machine) reuses it. Idempotent: a
# second run only checks. Nothing is downloaded at run time by the app or the tests;
# everything comes from the package registries through their normal clients.
#
#   Temporal CLI (dev server + Web UI)  go install from the Go module proxy
#   Temporal Java test server           Maven Central (time-skipping workflow tests)
#   PostgreSQL 15, pgBackRest           Debian packages
#   Chromium (the console's browser test, driven by playwright-core)  Debian package
#   schemathesis (API fuzzer)            PyPI, into a venv (scripts/fuzz-api.ts)
#
# With --cluster (npm test, npm run start:cluster), also what the production-shaped
# topology needs, built or installed only when missing:
#   Temporal server + temporal-sql-tool  go install go.temporal.io/server (Go module proxy)
#   Temporal Web UI server              go install github.com/temporalio/ui-server/v2
#   HAProxy (reverse proxy)             Debian package
#
# Writes "$STOREOPS_CACHE/toolchain.env" (and cluster-toolchain.env) with the paths the
# launchers and tests use.
set -euo pipefail

with_cluster=0
for arg in "$@"; do
  case "$arg" in
    --cluster) with_cluster=1 ;;
    *) printf '[bootstrap] unknown option %s (known: --cluster)\n' "$arg" >&2; exit 2 ;;
  esac
done
# Opt-out for machines that never run the cluster topology (its test then says it skipped).
if [ "${STOREOPS_SKIP_CLUSTER:-0}" = 1 ]; then with_cluster=0; fi

TEMPORAL_CLI_VERSION=1.5.1
# The server version the CLI above embeds in its dev server, and the UI it embeds.
TEMPORAL_SERVER_VERSION=1.29.1
TEMPORAL_UI_SERVER_VERSION=2.42.1
TEST_SERVER_VERSION=1.31.0
PG_MAJOR=15
SCHEMATHESIS_VERSION=4.32.5

CACHE="${STOREOPS_CACHE:-${XDG_CACHE_HOME:-$HOME/.cache}/storeops}"
mkdir -p "$CACHE"

step() { printf '\033[1m[bootstrap]\033[0m %s\n' "$*"; }
fail() { printf '\033[31m[bootstrap] FAILED:\033[0m %s\n' "$*" >&2; exit 1; }

apt_updated=0
apt_install() {
  if ! command -v apt-get >/dev/null 2>&1; then return 1; fi
  local sudo=""
  if [ "$(id -u)" -ne 0 ]; then
    command -v sudo >/dev/null 2>&1 || return 1
    sudo="sudo"
  fi
  if [ "$apt_updated" -eq 0 ]; then
    step "apt-get update"
    $sudo env DEBIAN_FRONTEND=noninteractive apt-get update -qq || return 1
    apt_updated=1
  fi
  step "apt-get install $*"
  $sudo env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq "$@" >/dev/null || return 1
}

# --- Temporal CLI -------------------------------------------------------------------
temporal_cli=""
if command -v temporal >/dev/null 2>&1; then
  temporal_cli=$(command -v temporal)
  step "Temporal CLI: using $temporal_cli from PATH"
else
  cli_dir="$CACHE/temporal-cli/$TEMPORAL_CLI_VERSION"
  temporal_cli="$cli_dir/temporal"
  if [ -x "$temporal_cli" ]; then
    step "Temporal CLI $TEMPORAL_CLI_VERSION: cached at $temporal_cli"
  else
    command -v go >/dev/null 2>&1 || fail "the Temporal CLI is missing and Go is not installed.
  Either install Go (https://go.dev/doc/install, or 'apt-get install golang') and run 'npm run bootstrap' again,
  or install the CLI itself ('brew install temporal', or 'curl -sSf https://temporal.download/cli.sh | sh') so that 'temporal' is on PATH."
    step "Temporal CLI $TEMPORAL_CLI_VERSION: building with 'go install' (a few minutes the first time)"
    mkdir -p "$cli_dir"
    GOBIN="$cli_dir" CGO_ENABLED=0 GOFLAGS=-mod=mod go install \
      -ldflags "-X github.com/temporalio/cli/temporalcli.Version=$TEMPORAL_CLI_VERSION" \
      "github.com/temporalio/cli/cmd/temporal@v$TEMPORAL_CLI_VERSION" \
      || fail "go install of the Temporal CLI failed (see the Go output above)"
  fi
fi

# --- Temporal Java test server ------------------------------------------------------
ts_dir="$CACHE/temporal-test-server/$TEST_SERVER_VERSION"
test_server="$ts_dir/temporal-test-server"
if [ -x "$test_server" ] && [ -f "$ts_dir/lib/temporal-test-server-$TEST_SERVER_VERSION.jar" ]; then
  step "Temporal test server $TEST_SERVER_VERSION: cached at $test_server"
else
  command -v java >/dev/null 2>&1 && command -v mvn >/dev/null 2>&1 || fail "the Temporal time-skipping test server needs Java 17+ and Maven.
  Install them with 'apt-get install openjdk-17-jre-headless maven' (or 'brew install openjdk maven') and run 'npm run bootstrap' again."
  step "Temporal test server $TEST_SERVER_VERSION: fetching io.temporal:temporal-test-server from Maven Central"
  mkdir -p "$ts_dir"
  cat >"$ts_dir/pom.xml" <<POM
<project xmlns="http://maven.apache.org/POM/4.0.0">
  <modelVersion>4.0.0</modelVersion>
  <groupId>storeops</groupId><artifactId>temporal-test-server-fetch</artifactId><version>1</version>
  <packaging>pom</packaging>
  <dependencies>
    <dependency>
      <groupId>io.temporal</groupId><artifactId>temporal-test-server</artifactId>
      <version>$TEST_SERVER_VERSION</version>
    </dependency>
  </dependencies>
</project>
POM
  (cd "$ts_dir" && mvn -B -q dependency:copy-dependencies -DoutputDirectory=lib -DincludeScope=runtime) \
    || fail "Maven could not fetch the test server (see the Maven output above)"
  # The SDK kills the process it started, so the wrapper must exec the JVM. The flags keep
  # JVM start-up short: the SDK waits only a few seconds for the server to answer.
  cat >"$test_server" <<'SH'
#!/bin/sh
dir=$(cd "$(dirname "$0")" && pwd)
exec java -XX:TieredStopAtLevel=1 -XX:+UseSerialGC -Xss512k -cp "$dir/lib/*" io.temporal.testserver.TestServer "$@"
SH
  chmod +x "$test_server"
fi

# --- PostgreSQL and pgBackRest ------------------------------------------------------
find_pg_bin() {
  local dir
  for dir in "${PG_BIN_DIR:-}" /usr/lib/postgresql/*/bin /usr/local/opt/postgresql@*/bin /opt/homebrew/opt/postgresql@*/bin; do
    if [ -n "$dir" ] && [ -x "$dir/initdb" ] && [ -x "$dir/pg_ctl" ]; then
      local major
      major=$("$dir/pg_ctl" --version | sed -E 's/[^0-9]*([0-9]+).*/\1/')
      if [ "$major" -ge "$PG_MAJOR" ]; then echo "$dir"; return 0; fi
    fi
  done
  if command -v initdb >/dev/null 2>&1; then dirname "$(command -v initdb)"; return 0; fi
  return 1
}
pg_bin=$(find_pg_bin || true)
if [ -z "$pg_bin" ]; then
  apt_install "postgresql-$PG_MAJOR" || fail "PostgreSQL $PG_MAJOR is missing and could not be installed.
  Install it with 'apt-get install postgresql-$PG_MAJOR' (or 'brew install postgresql@$PG_MAJOR'), or point DATABASE_URL at an existing server."
  pg_bin=$(find_pg_bin) || fail "PostgreSQL was installed but initdb/pg_ctl were not found"
fi
step "PostgreSQL: $("$pg_bin/pg_ctl" --version) in $pg_bin"

# Prints the path of a required tool on PATH, installing the Debian package of the same
# name when it is missing (apt's output goes to stderr, the path alone to stdout); fails
# naming the install commands when it cannot. Serves pgBackRest and HAProxy alike.
required_tool() { # <command, also the apt/brew package> <display name>
  local bin
  bin=$(command -v "$1" || true)
  if [ -z "$bin" ]; then
    apt_install "$1" >&2 || fail "$2 is missing and could not be installed.
  Install it with 'apt-get install $1' (or 'brew install $1')."
    bin=$(command -v "$1")
  fi
  echo "$bin"
}

pgbackrest_bin=$(required_tool pgbackrest pgBackRest)
step "pgBackRest: $("$pgbackrest_bin" version) at $pgbackrest_bin"

# The console's browser test drives Debian's Chromium through playwright-core; never a
# browser download. Without it only that test is skipped, so it is not fatal here.
chromium_bin=$(command -v chromium || true)
if [ -z "$chromium_bin" ]; then
  if apt_install chromium; then chromium_bin=$(command -v chromium || true); fi
fi
if [ -n "$chromium_bin" ]; then
  step "Chromium: $("$chromium_bin" --version 2>/dev/null || echo unknown version) at $chromium_bin"
else
  step "Chromium: missing (apt-get install chromium); the console browser test will be skipped"
fi

# --- schemathesis (the API fuzzer the test command runs after jest) ------------------
st_dir="$CACHE/schemathesis/$SCHEMATHESIS_VERSION"
schemathesis_bin="$st_dir/bin/schemathesis"
if [ -x "$schemathesis_bin" ]; then
  step "schemathesis $SCHEMATHESIS_VERSION: cached at $schemathesis_bin"
else
  python=$(command -v python3 || true)
  [ -n "$python" ] && "$python" -c 'import sys, venv; sys.exit(sys.version_info < (3, 10))' 2>/dev/null \
    || apt_install python3 python3-venv || true
  python=$(command -v python3 || true)
  [ -n "$python" ] && "$python" -c 'import sys, venv, ensurepip; sys.exit(sys.version_info < (3, 10))' 2>/dev/null \
    || fail "schemathesis needs Python 3.10+ with venv. Install it with 'apt-get install python3 python3-venv' and run 'npm run bootstrap' again."
  step "schemathesis $SCHEMATHESIS_VERSION: pip install from PyPI into $st_dir"
  rm -rf "$st_dir"
  "$python" -m venv "$st_dir" || fail "could not make a Python venv in $st_dir"
  "$st_dir/bin/pip" install --quiet --disable-pip-version-check "schemathesis==$SCHEMATHESIS_VERSION" \
    || { rm -rf "$st_dir"; fail "pip could not install schemathesis==$SCHEMATHESIS_VERSION (see the pip output above)"; }
fi

cat >"$CACHE/toolchain.env" <<ENV
TEMPORAL_CLI=$temporal_cli
TEMPORAL_TEST_SERVER=$test_server
PG_BIN_DIR=$pg_bin
PGBACKREST=$pgbackrest_bin
CHROMIUM=$chromium_bin
SCHEMATHESIS=$schemathesis_bin
ENV
step "toolchain ready: $CACHE/toolchain.env"

[ "$with_cluster" -eq 1 ] || exit 0

# --- Cluster topology: Temporal server, SQL tool, Web UI server, HAProxy -------------
# go install puts each main package under its directory's name (server, sql); they are
# renamed after the tools they are.
go_install_renamed() { # <dir> <module@version> <built name> <final name> [<module@version> <built> <final>]...
  local dir=$1; shift
  mkdir -p "$dir"
  local packages=() renames=()
  while [ $# -gt 0 ]; do packages+=("$1"); renames+=("$2:$3"); shift 3; done
  GOBIN="$dir" CGO_ENABLED=0 GOFLAGS=-mod=mod go install "${packages[@]}" || return 1
  local pair
  for pair in "${renames[@]}"; do mv -f "$dir/${pair%%:*}" "$dir/${pair##*:}"; done
}
need_go() {
  command -v go >/dev/null 2>&1 || fail "$1 is missing and Go is not installed.
  Install Go (https://go.dev/doc/install, or 'apt-get install golang') and run 'npm run bootstrap -- --cluster' again,
  or set STOREOPS_SKIP_CLUSTER=1 to run without the cluster topology (npm run start:cluster and its test)."
}

server_dir="$CACHE/temporal-server/$TEMPORAL_SERVER_VERSION"
temporal_server="$server_dir/temporal-server"
sql_tool="$server_dir/temporal-sql-tool"
if [ -x "$temporal_server" ] && [ -x "$sql_tool" ]; then
  step "Temporal server $TEMPORAL_SERVER_VERSION and temporal-sql-tool: cached in $server_dir"
else
  need_go "the Temporal server"
  step "Temporal server $TEMPORAL_SERVER_VERSION and temporal-sql-tool: building with 'go install' (several minutes the first time)"
  go_install_renamed "$server_dir" \
    "go.temporal.io/server/cmd/server@v$TEMPORAL_SERVER_VERSION" server temporal-server \
    "go.temporal.io/server/cmd/tools/sql@v$TEMPORAL_SERVER_VERSION" sql temporal-sql-tool \
    || fail "go install of the Temporal server failed (see the Go output above)"
fi

ui_dir="$CACHE/temporal-ui-server/$TEMPORAL_UI_SERVER_VERSION"
ui_server="$ui_dir/temporal-ui-server"
if [ -x "$ui_server" ]; then
  step "Temporal Web UI server $TEMPORAL_UI_SERVER_VERSION: cached at $ui_server"
else
  need_go "the Temporal Web UI server"
  step "Temporal Web UI server $TEMPORAL_UI_SERVER_VERSION: building with 'go install' (a few minutes the first time)"
  go_install_renamed "$ui_dir" \
    "github.com/temporalio/ui-server/v2/cmd/server@v$TEMPORAL_UI_SERVER_VERSION" server temporal-ui-server \
    || fail "go install of the Temporal Web UI server failed (see the Go output above)"
fi

haproxy_bin=$(required_tool haproxy HAProxy)
step "HAProxy: $("$haproxy_bin" -v | head -n 1) at $haproxy_bin"

cat >"$CACHE/cluster-toolchain.env" <<ENV
TEMPORAL_SERVER=$temporal_server
TEMPORAL_SQL_TOOL=$sql_tool
TEMPORAL_UI_SERVER=$ui_server
HAPROXY=$haproxy_bin
ENV
step "cluster toolchain ready: $CACHE/cluster-toolchain.env"
