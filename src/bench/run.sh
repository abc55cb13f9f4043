#!/usr/bin/env bash
# The benchmark: bash src/bench/run.sh (from anywhere; it works in the project folder). How to run it and
# read it: src/site/markdown/performance.md. Run it on an otherwise idle machine: wrk shares the cores
# with the server, and anything else running moves every figure.
#
# Builds the WAR when it is missing or older than src/main (mvn -B -q package -DskipTests, which also
# copies target/payara-micro.jar and target/lib/postgresql.jar), installs Debian's wrk when it is
# missing, starts the WAR on Payara Micro on a free loopback port with its own data folder under
# target/bench, seeds what it needs, runs each scenario with wrk (warm-up passes until the JIT has
# settled, then several measured rounds), prints one line per scenario and the ratios, writes the same
# to target/bench/results.txt and results.json, and stops what it started (servers, wrk, PostgreSQL)
# however it ends. It reports numbers and never fails on a missed target (PASS/MISS next to each
# ratio); it exits non-zero only when it cannot run (build, start-up, seeding, or a cluster that does
# not form).
#
# Phases:
#   1. a fresh server (H2) makes the schema (Flyway), the signing keys and the administrator
#      (tokenauth.admin.*); over HTTP: the bench user, its API token, and the administrator's API token
#      scoped to tokens:introspect; server stopped
#   2. refresh tokens for the refresh scenario, straight into H2; server started (start-up timed):
#      baseline, me_bearer, me_token, introspect, refresh, then the cost of one Argon2id hash (the
#      server's own PasswordHashes, one thread, while the server idles) for the login limit, and
#      login; stopped
#   3. 100,000 users, 1,000,000 API tokens, 100,000 login sessions straight into H2; server started
#      (start-up timed): baseline_big, me_bearer_big, me_token_big, then the login flood; stopped
#   4. only with BENCH_NODES=2 or more: a throw-away PostgreSQL server (.ci/postgres, as CI starts
#      it), then that many nodes clustered on loopback (one Payara data grid, one database, one
#      key-encryption key), started one after the other; once every node's log says the grid has them
#      all: the bench user and its API token made on node 1, then on each node N in turn
#      baseline_nodeN, me_bearer_nodeN and me_token_nodeN with node 1's credentials; all stopped
#
# Each scenario (wrk, BENCH_THREADS x BENCH_CONNECTIONS): a JVM serves at a fraction of its speed until
# the JIT has warmed up, so the scenario first runs warm-up passes of BENCH_WARMUP seconds (the same load,
# not measured) until the 2xx requests per second of two passes in a row agree within BENCH_WARMUP_AGREE
# percent, at most BENCH_WARMUP_MAX_PASSES passes (then the report warns that it did not settle); then
# BENCH_ROUNDS measured rounds of BENCH_DURATION back to back. Its rps is the median of the rounds, given
# with their min, max and spread ((max - min) / median); each ratio is of the medians, with its range
# from the rounds' min and max. The flood is one run, without warm-up.
#
# Scenarios:
#   baseline     GET /api/auth/jwks: public, no authentication, no database
#   me_bearer    GET /api/me with an access token (JWT)
#   me_token     GET /api/me with an API token
#   introspect   POST /api/auth/introspect, form token=<the bench user's API token> (RFC 7662), by the
#                administrator's API token that holds tokens:introspect; checked active once before
#   refresh      POST /api/auth/jwt/refresh, each request with a refresh token never used before
#   login        POST /api/auth/jwt with the right password
#   *_big        the same after seeding the big tables (phase 3)
#   *_nodeN      the same on node N of the cluster (phase 4)
#   flood        BENCH_FLOOD_CONNECTIONS connections of wrong-password logins, with GET /api/me beside
#
# Targets (PASS/MISS):
#   me_bearer / baseline, me_token / baseline, introspect / baseline        >= 0.85
#   me_token_big / me_token, me_bearer_big / me_bearer                      >= 0.9
#   me_bearer_nodeN / baseline_nodeN, me_token_nodeN / baseline_nodeN       >= 0.85 (same node, same run)
#   login / hash-bound limit (cores / the time of one hash alone)           >= 0.9
#   start-up with the big tables (process start to /health/ready UP)        < 20 s
#   flood: answers other than 401/429/503, and /api/me answers other than 200: none
#
# Settings (environment):
#   BENCH_DURATION=10        seconds of each measured round
#   BENCH_ROUNDS=3           measured rounds of each scenario, back to back
#   BENCH_WARMUP=10          seconds of each warm-up pass (same load, not measured): the JIT compiles
#                            the request's code during them; 0 for no warm-up at all
#   BENCH_LOGIN_WARMUP=20    the same for login, which runs a few dozen requests a second: its code
#                            (the hash, the database's inserts, RSA signing) needs longer passes for
#                            the JIT to settle
#   BENCH_WARMUP_AGREE=5     percent: the warm-up ends once two passes in a row are this close (the
#                            difference of their 2xx rps, in percent of the larger)
#   BENCH_WARMUP_MAX_PASSES=8  warm-up passes at most (2 or more)
#   BENCH_THREADS=2          wrk threads
#   BENCH_CONNECTIONS=16     wrk connections
#   BENCH_TIMEOUT=10         seconds before wrk counts a request as timed out
#   BENCH_FLOOD_DURATION=30  seconds of the wrong-password flood
#   BENCH_FLOOD_CONNECTIONS=200
#   BENCH_HASHES=20          Argon2id hashes timed
#   BENCH_REFRESH_TOKENS=    refresh tokens made for the refresh scenario (default: enough for
#                            2,000 refreshes a second over the most warm-up passes and every round;
#                            each pass and round gets its own share, in proportion to its seconds)
#   BENCH_BIG=1              0 skips phase 3's seeding and scenarios (a quick run); the flood then
#                            runs at the end of phase 2
#   BENCH_NODES=1            2 (up to 9) adds phase 4, a cluster of that many nodes on PostgreSQL
#                            (installs Debian's postgresql when it is missing)
#   BENCH_GRID_TIMEOUT=180   seconds the nodes may take, once all serve, to show one data grid
#   BENCH_HEAP=1g            each server's -Xmx
#   BENCH_PORT=              the single server's HTTP port (default: a free one); the nodes of phase 4
#                            and PostgreSQL always take free ones
#   BENCH_H2_JAR=            the H2 jar that seeds the database (default: h2 2.2.224, the version in
#                            Payara Micro, from ~/.m2 or fetched by Maven)
# The Argon2id cost is the server's configured one: TOKENAUTH_PASSWORD_ARGON2_MEMORY_KIB,
# _ITERATIONS and _PARALLELISM when set (the server sees them too), else the WAR's defaults
# (PasswordSettings).
set -euo pipefail

cd "$(dirname "$0")/../.."
ROOT=$PWD
BENCH_DIR=$ROOT/target/bench
LUA_DIR=$ROOT/src/bench
DATA_DIR=$BENCH_DIR/data

DURATION=${BENCH_DURATION:-10}
WARMUP=${BENCH_WARMUP:-10}
LOGIN_WARMUP=${BENCH_LOGIN_WARMUP:-20}
THREADS=${BENCH_THREADS:-2}
CONNECTIONS=${BENCH_CONNECTIONS:-16}
TIMEOUT=${BENCH_TIMEOUT:-10}
FLOOD_DURATION=${BENCH_FLOOD_DURATION:-30}
FLOOD_CONNECTIONS=${BENCH_FLOOD_CONNECTIONS:-200}
HASHES=${BENCH_HASHES:-20}
WARMUP_AGREE=${BENCH_WARMUP_AGREE:-5}
WARMUP_MAX_PASSES=${BENCH_WARMUP_MAX_PASSES:-8}
ROUNDS=${BENCH_ROUNDS:-3}
[[ $DURATION =~ ^[1-9][0-9]*$ ]] || { echo "BENCH_DURATION must be a whole number of seconds, 1 or more" >&2; exit 2; }
[[ $WARMUP =~ ^[0-9]+$ && $LOGIN_WARMUP =~ ^[0-9]+$ ]] || { echo "BENCH_WARMUP and BENCH_LOGIN_WARMUP must be whole numbers of seconds" >&2; exit 2; }
[[ $WARMUP_AGREE =~ ^[0-9]+([.][0-9]+)?$ ]] || { echo "BENCH_WARMUP_AGREE must be a number (percent)" >&2; exit 2; }
[[ $WARMUP_MAX_PASSES =~ ^[0-9]+$ ]] && (( WARMUP_MAX_PASSES >= 2 )) || { echo "BENCH_WARMUP_MAX_PASSES must be 2 or more" >&2; exit 2; }
[[ $ROUNDS =~ ^[1-9][0-9]*$ ]] || { echo "BENCH_ROUNDS must be 1 or more" >&2; exit 2; }
# refresh uses each token once: the pool covers every warm-up pass refresh may run and every round
REFRESH_SECONDS=$((WARMUP * WARMUP_MAX_PASSES + DURATION * ROUNDS))
REFRESH_TOKENS=${BENCH_REFRESH_TOKENS:-$((2000 * REFRESH_SECONDS))}
BIG=${BENCH_BIG:-1}
HEAP=${BENCH_HEAP:-1g}
NODES=${BENCH_NODES:-1}
GRID_TIMEOUT=${BENCH_GRID_TIMEOUT:-180}
[[ $NODES =~ ^[1-9]$ ]] || { echo "BENCH_NODES must be a number from 1 to 9" >&2; exit 2; }

BENCH_USER=bench
BENCH_PASSWORD='bench password 2026'
# the first administrator, made by the server at start: only an administrator's token may introspect
ADMIN_USER=benchadmin
ADMIN_PASSWORD='bench admin password 2026'
STARTUP_TARGET=20

SERVER_PIDS=()      # the Payara Micro processes running now
BACKGROUND_PIDS=()

log() { printf '%s %s\n' "$(date +%H:%M:%S)" "$*" >&2; }
die() { log "FAILED: $*"; exit 1; }

# stops every server this script started and waits for each (SIGTERM, then SIGKILL after 30 s)
stop_server() {
    local pid
    for pid in "${SERVER_PIDS[@]}"; do
        kill -TERM "$pid" 2>/dev/null || true
    done
    for pid in "${SERVER_PIDS[@]}"; do
        for _ in $(seq 1 300); do
            kill -0 "$pid" 2>/dev/null || break
            sleep 0.1
        done
        if kill -0 "$pid" 2>/dev/null; then
            log "the server $pid did not stop in 30 s; killing it"
            kill -KILL "$pid" 2>/dev/null || true
        fi
        wait "$pid" 2>/dev/null || true
    done
    SERVER_PIDS=()
}

# phase 4's PostgreSQL server: a throw-away one of our own, made and stopped by .ci/postgres as CI does
PG_DIR=
stop_postgresql() {
    if [[ -n $PG_DIR ]]; then
        "$ROOT/.ci/postgres" stop "$PG_DIR" || true
        rm -rf "$PG_DIR"
        PG_DIR=
    fi
}

cleanup() {
    local pid
    for pid in "${BACKGROUND_PIDS[@]}"; do
        kill -TERM "$pid" 2>/dev/null || true
    done
    stop_server
    stop_postgresql
}
trap cleanup EXIT
trap 'exit 130' INT TERM

# --- tools and artefacts ------------------------------------------------------------------------

if ! command -v wrk >/dev/null || ! command -v curl >/dev/null; then
    log "installing wrk and curl (Debian packages)"
    if [[ $(id -u) -eq 0 ]]; then
        apt-get update -qq && apt-get install -y -qq wrk curl >/dev/null
    else
        sudo apt-get update -qq && sudo apt-get install -y -qq wrk curl >/dev/null
    fi
fi
command -v java >/dev/null || die "java is missing (Java 17 is needed)"
# the JDK's certificate authorities, which the run command gives Payara (its own copy holds expired ones)
JAVA_CACERTS=$(dirname "$(dirname "$(readlink -f "$(command -v java)")")")/lib/security/cacerts
[[ -f $JAVA_CACERTS ]] || JAVA_CACERTS=${JAVA_HOME:-}/lib/security/cacerts

WAR=$ROOT/target/token-auth.war
MICRO=$ROOT/target/payara-micro.jar
if [[ ! -f $WAR || ! -f $MICRO || ! -f $ROOT/target/lib/postgresql.jar || -n $(find src/main pom.xml -newer "$WAR" -type f -print -quit) ]]; then
    log "building the WAR (mvn -B -q package -DskipTests; it also copies payara-micro.jar)"
    mkdir -p "$ROOT/target"
    mvn -B -q package -DskipTests >"$ROOT/target/bench-build.log" 2>&1 || { tail -40 "$ROOT/target/bench-build.log"; die "the build failed"; }
fi
[[ -f $MICRO && -f $ROOT/target/lib/postgresql.jar ]] || die "target/payara-micro.jar or target/lib/postgresql.jar is missing after the build"

CLASSES=$ROOT/target/token-auth/WEB-INF/classes
BCPROV=$(ls "$ROOT"/target/token-auth/WEB-INF/lib/bcprov-*.jar 2>/dev/null | head -1)
[[ -d $CLASSES && -n $BCPROV ]] || die "target/token-auth (the exploded WAR) is missing; run mvn package"
H2_JAR=${BENCH_H2_JAR:-$HOME/.m2/repository/com/h2database/h2/2.2.224/h2-2.2.224.jar}
if [[ ! -f $H2_JAR ]]; then
    mkdir -p "$ROOT/target/bench-lib"
    mvn -B -q dependency:copy -Dartifact=com.h2database:h2:2.2.224 -DoutputDirectory="$ROOT/target/bench-lib" >/dev/null
    H2_JAR=$ROOT/target/bench-lib/h2-2.2.224.jar
fi

# the Argon2id cost the server uses: the one configured in the environment (the server sees it too), else the
# defaults written in PasswordSettings, read from the built classes by BenchTool
bench_tool() { java -cp "$CLASSES:$BCPROV" "$LUA_DIR/BenchTool.java" "$@"; }
read -r DEFAULT_M DEFAULT_T DEFAULT_P < <(bench_tool argon2-defaults) || die "BenchTool argon2-defaults failed"
ARGON_M=${TOKENAUTH_PASSWORD_ARGON2_MEMORY_KIB:-$DEFAULT_M}
ARGON_T=${TOKENAUTH_PASSWORD_ARGON2_ITERATIONS:-$DEFAULT_T}
ARGON_P=${TOKENAUTH_PASSWORD_ARGON2_PARALLELISM:-$DEFAULT_P}

CORES=$(nproc)
CPU_MODEL=$(sed -n 's/^model name[[:space:]]*: //p' /proc/cpuinfo | head -1)
JAVA_VERSION=$(java -version 2>&1 | head -1)
STARTED_AT=$(date -u +%Y-%m-%dT%H:%M:%SZ)
LOAD_START=$(cut -d' ' -f1-3 /proc/loadavg)

rm -rf "$BENCH_DIR"
mkdir -p "$BENCH_DIR"
declare -A R   # every result, by key, for the report

calc() { awk "BEGIN { printf \"%.${2:-2}f\", $1 }"; }

# The Argon2id limit: timed in its own JVM on one thread, right before the login scenario while the
# server idles, so that both see the same machine (other processes on it included). Then, for
# information, as many threads as cores hashing at once: what the machine really does when every
# core hashes (on a small VM the hashes' memory competes for the shared cache).
time_argon2() {
    log "timing $HASHES Argon2id hashes (m=$ARGON_M,t=$ARGON_T,p=$ARGON_P) on one thread"
    local line
    line=$(bench_tool argon2 "$ARGON_M" "$ARGON_T" "$ARGON_P" "$HASHES")
    HASH_S=$(sed -n 's/.*seconds_per_hash=\([0-9.]*\).*/\1/p' <<<"$line")
    HASH_MIN_S=$(sed -n 's/.*min=\([0-9.]*\).*/\1/p' <<<"$line")
    HASH_LIMIT=$(calc "$CORES / $HASH_S" 1)
    log "one hash: median $(calc "$HASH_S * 1000" 1) ms (min $(calc "$HASH_MIN_S * 1000" 1) ms): hash-bound limit $HASH_LIMIT logins/s on $CORES cores"
    line=$(bench_tool argon2 "$ARGON_M" "$ARGON_T" "$ARGON_P" "$HASHES" "$CORES")
    PARALLEL_HASH_S=$(sed -n 's/.*seconds_per_hash=\([0-9.]*\).*/\1/p' <<<"$line")
    PARALLEL_RATE=$(sed -n 's/.*hashes_per_second=\([0-9.]*\).*/\1/p' <<<"$line")
    log "$CORES hashes at once: median $(calc "$PARALLEL_HASH_S * 1000" 1) ms each, $PARALLEL_RATE hashes/s in all"
}

# The server's own timer of each hash (tokenauth_password_hash_seconds), read around the measured
# login run: the hash as it runs there, two or more at once, beside everything else the server does.
hash_metric() {
    curl -s --max-time 10 -H 'Accept: text/plain' "$BASE/metrics" |
        sed -n "s/^tokenauth_password_hash_seconds_$1{[^}]*} \([0-9.eE+-]*\)\$/\1/p" | head -1 || true
}
hashes_so_far() {
    HASH_COUNT0=$(hash_metric count)
    HASH_SUM0=$(hash_metric sum)
}
server_hash_time() {
    local count sum
    count=$(hash_metric count)
    sum=$(hash_metric sum)
    if [[ -n $count && -n $sum && -n ${HASH_COUNT0:-} && -n ${HASH_SUM0:-} ]] && awk "BEGIN { exit !($count > $HASH_COUNT0) }"; then
        SERVER_HASHES=$(calc "$count - $HASH_COUNT0" 0)
        SERVER_HASH_S=$(calc "($sum - $HASH_SUM0) / ($count - $HASH_COUNT0)" 6)
        log "in the server during login: $SERVER_HASHES hashes, $(calc "$SERVER_HASH_S * 1000" 1) ms each on average"
    else
        SERVER_HASHES=0
        SERVER_HASH_S=0
        log "warning: tokenauth_password_hash_seconds not found in /metrics"
    fi
}

# --- the server ----------------------------------------------------------------------------------

free_port() { # a port that nothing on the loopback listens on
    local port
    while :; do
        port=$((20000 + RANDOM % 30000))
        (exec 3<>"/dev/tcp/127.0.0.1/$port") 2>/dev/null || { echo "$port"; return; }
    done
}
PORT=${BENCH_PORT:-$(free_port)}
BASE=http://127.0.0.1:$PORT

# launch NAME PORT DATA_FOLDER [Payara Micro option...]: starts one server in the background, as the README's run
# command and the integration tests (PayaraMicroServer) start it: the JDK's certificate authorities, the
# boot commands of server-config/payara-micro (the HTTP listener; the data source jdbc/tokenauth, H2 in
# the data folder unless TOKENAUTH_DB_* say otherwise), the PostgreSQL driver beside the WAR, and the
# options given (--nohazelcast for a single node, the cluster flags for a node of two). Each start gets
# a fresh --rootdir: Payara Micro first loads the application it finds in a reused one, then redeploys
# the WAR given with --deploy, and answers 404 and 500 in between. The configuration goes in through the
# environment (MicroProfile Config): the data folder, the administrator whose token introspects, and
# whatever SERVER_ENV holds (VAR=value words: the database and cluster settings of phase 4). Sets
# LAUNCHED_PID.
SERVER_ENV=()
launch() {
    local name=$1 port=$2 data=$3
    shift 3
    rm -rf "$BENCH_DIR/root-$name"
    mkdir -p "$data"
    env TOKENAUTH_DATA_DIR="$data" \
        TOKENAUTH_ADMIN_USERNAME="$ADMIN_USER" TOKENAUTH_ADMIN_PASSWORD="$ADMIN_PASSWORD" "${SERVER_ENV[@]}" \
        java -Xmx"$HEAP" -Djavax.net.ssl.trustStore="$JAVA_CACERTS" "${SERVER_JVM_OPTIONS[@]}" \
        -jar "$MICRO" --deploy "$WAR" --contextroot / --port "$port" \
        --prebootcommandfile "$ROOT/server-config/payara-micro/pre-boot-commands.asadmin" \
        --postbootcommandfile "$ROOT/server-config/payara-micro/post-boot-commands.asadmin" \
        --addlibs "$ROOT/target/lib/postgresql.jar" --rootdir "$BENCH_DIR/root-$name" "$@" \
        >"$BENCH_DIR/server-$name.log" 2>&1 &
    LAUNCHED_PID=$!
    SERVER_PIDS+=("$LAUNCHED_PID")
}
SERVER_JVM_OPTIONS=()

# wait_serving NAME PORT PID STARTED_NS: waits until the server serves. Sets R[startup_NAME], the
# seconds from the process's start to the first 200 of /health/ready that carries the application's own
# check (while the WAR deploys, Payara answers 200 UP with no checks at all), and R[serving_NAME], to when
# GET /api/auth/jwks answers 200 and an empty login 400: for a few seconds after ready, Payara still
# answers its own HTML 404, 500 or 503 there, so no scenario starts before that.
wait_serving() {
    local name=$1 base=http://127.0.0.1:$2 pid=$3 started=$4 now body
    while :; do
        body=$(curl -s -f --max-time 2 "$base/health/ready" || true)
        [[ $body == *'"name":"token-auth","status":"UP"'* ]] && break
        kill -0 "$pid" 2>/dev/null || { tail -30 "$BENCH_DIR/server-$name.log"; die "the server ($name) exited during start-up"; }
        now=$(date +%s%N)
        (( (now - started) / 1000000000 < 600 )) || die "the server ($name) was not ready after 600 s (see $BENCH_DIR/server-$name.log)"
        sleep 0.1
    done
    now=$(date +%s%N)
    R[startup_$name]=$(calc "($now - $started) / 1e9" 1)
    while [[ $(curl -s -o /dev/null -w '%{http_code}' --max-time 2 "$base/api/auth/jwks" || true) != 200 ||
             $(curl -s -o /dev/null -w '%{http_code}' --max-time 2 -X POST "$base/api/auth/jwt" \
                   -H 'Content-Type: application/json' -d '{}' || true) != 400 ]]; do
        now=$(date +%s%N)
        (( (now - started) / 1000000000 < 600 )) || die "the server ($name) did not serve /api/auth/jwks after 600 s"
        sleep 0.1
    done
    now=$(date +%s%N)
    R[serving_$name]=$(calc "($now - $started) / 1e9" 1)
    log "server ($name) ready in ${R[startup_$name]} s, serving in ${R[serving_$name]} s, on port $2"
}

# start_server NAME: the single node of phases 1 to 3, on PORT with the data folder DATA_DIR (H2)
start_server() {
    local started
    started=$(date +%s%N)
    launch "$1" "$PORT" "$DATA_DIR" --nohazelcast
    wait_serving "$1" "$PORT" "$LAUNCHED_PID" "$started"
}

json_field() { sed -n "s/.*\"$1\":\"\([^\"]*\)\".*/\1/p"; }

post_json() { curl -s --max-time 30 -X POST "$BASE$1" -H 'Content-Type: application/json' -d "$2"; }

new_jwt() {
    post_json /api/auth/jwt "{\"username\":\"$BENCH_USER\",\"password\":\"$BENCH_PASSWORD\"}" | json_field access_token
}

run_sql() {
    (cd "$ROOT" && java -Xmx2g -cp "$H2_JAR" org.h2.tools.RunScript \
        -url "jdbc:h2:$DATA_DIR/tokenauth;MODE=LEGACY;CACHE_SIZE=524288" -user tokenauth -password tokenauth -script "$1") \
        >"$BENCH_DIR/sql.log" 2>&1 || { tail -20 "$BENCH_DIR/sql.log"; die "$1 failed"; }
}

# --- wrk -----------------------------------------------------------------------------------------

# reads key=value from the BENCH line of a wrk output file
bench_value() { sed -n "s/^BENCH.* $2=\([0-9]*\).*/\1/p" "$1" | head -1; }

# the 2xx requests per second of a wrk output file
rps_of() {
    calc "($(bench_value "$1" requests) - $(bench_value "$1" non2xx)) / ($(bench_value "$1" duration_us) / 1e6)" 1
}

# apart A B: how far apart two rates are, in percent of the larger one (0 when both are 0)
apart() { awk -v a="$1" -v b="$2" 'BEGIN { m = a > b ? a : b; d = a > b ? a - b : b - a; printf "%.1f", (m > 0 ? 100 * d / m : 0) }'; }

# median, smallest and largest of numbers (one decimal): the median of an even count is the mean of the middle two
median() { printf '%s\n' "$@" | sort -g | awk '{ v[NR] = $1 } END { printf "%.1f", NR % 2 ? v[(NR + 1) / 2] : (v[NR / 2] + v[NR / 2 + 1]) / 2 }'; }
smallest() { printf '%s\n' "$@" | sort -g | head -1; }
largest() { printf '%s\n' "$@" | sort -g | tail -1; }

# wrk_once OUT PHASE SECONDS SCRIPT PATH [VAR=VALUE...]: one wrk run of the scenario's load into OUT
# (PHASE warmup counts every status, run does not); SCENARIO_BEFORE_WRK, when set, is a function called
# first with PHASE and SECONDS (refresh gives each run its own part of the token pool)
wrk_once() {
    local out=$1 phase=$2 seconds=$3 script=$4 path=$5
    shift 5
    [[ -z ${SCENARIO_BEFORE_WRK:-} ]] || "$SCENARIO_BEFORE_WRK" "$phase" "$seconds"
    local count=()
    [[ $phase == warmup ]] && count=(BENCH_COUNT_STATUSES=1)
    env "$@" BENCH_LUA_DIR="$LUA_DIR" BENCH_THREADS="$THREADS" BENCH_PHASE="$phase" "${count[@]}" \
        wrk -t"$THREADS" -c"$CONNECTIONS" -d"${seconds}s" --timeout "${TIMEOUT}s" -s "$LUA_DIR/$script" "$BASE$path" \
        >"$out" 2>&1 || return 1
    grep -q '^BENCH ' "$out"
}

# scenario NAME SCRIPT PATH [VAR=VALUE...]: warm-up passes, then the measured rounds; sets R[NAME.*].
# Warm-up: passes of BENCH_WARMUP seconds (SCENARIO_WARMUP=seconds before it overrides that for one
# scenario), the same load, not measured, until the 2xx requests per second of two passes in a row are
# within BENCH_WARMUP_AGREE percent of the larger one, or BENCH_WARMUP_MAX_PASSES passes have run (then
# the warm-up has not settled, and the report says so). Then BENCH_ROUNDS rounds of BENCH_DURATION
# back to back: the scenario's rps is their median, with their smallest, largest and spread
# ((max - min) / median). SCENARIO_BEFORE_RUN=a function to call between the warm-up and the rounds.
scenario() {
    local name=$1 script=$2 path=$3 warmup=${SCENARIO_WARMUP:-$WARMUP}
    shift 3
    local pass=0 rps prev= settled=false gap= warm_rps=() warm
    while (( warmup > 0 && pass < WARMUP_MAX_PASSES )); do
        pass=$((pass + 1))
        warm=$BENCH_DIR/wrk-$name-warmup$pass.txt
        wrk_once "$warm" warmup "$warmup" "$script" "$path" "$@" || { cat "$warm"; die "wrk failed (warm-up pass $pass of $name)"; }
        if grep -q '^BENCH.* status_[013-9][0-9]*=' "$warm"; then
            log "warning: $name's warm-up pass $pass had answers other than 2xx: $(grep -o 'status_[0-9]*=[0-9]*' "$warm" | tr '\n' ' ')"
        fi
        [[ -z $(bench_value "$warm" pool_exhausted) ]] ||
            log "warning: $name's warm-up pass $pass ran out of refresh tokens in $(bench_value "$warm" pool_exhausted) wrk threads"
        rps=$(rps_of "$warm")
        warm_rps+=("$rps")
        if [[ -n $prev ]]; then
            gap=$(apart "$prev" "$rps")
            log "$name warm-up pass $pass: $rps rps, $gap% from pass $((pass - 1))"
            if awk "BEGIN { exit !($gap <= $WARMUP_AGREE) }"; then
                settled=true
                break
            fi
        else
            log "$name warm-up pass $pass: $rps rps"
        fi
        prev=$rps
    done
    if [[ $settled == false ]]; then
        if (( warmup > 0 )); then
            log "warning: $name's warm-up did not settle: $pass passes of ${warmup}s, the last two $gap% apart (more than $WARMUP_AGREE%)"
        else
            log "warning: $name has no warm-up"
        fi
    fi
    R[$name.warmup_s]=$warmup
    R[$name.warmup_passes]=$pass
    R[$name.warmup_settled]=$settled
    R[$name.warmup_gap]=${gap:-null}
    R[$name.warmup_rps]="${warm_rps[*]}"
    [[ -z ${SCENARIO_BEFORE_RUN:-} ]] || "$SCENARIO_BEFORE_RUN"
    local round out ran_out rounds_rps=() p50s=() p99s=() requests=0 non2xx=0 errors=0 exhausted=0
    for round in $(seq 1 "$ROUNDS"); do
        out=$BENCH_DIR/wrk-$name-round$round.txt
        wrk_once "$out" run "$DURATION" "$script" "$path" "$@" || { cat "$out"; die "no result from wrk ($name, round $round)"; }
        rps=$(rps_of "$out")
        rounds_rps+=("$rps")
        p50s+=("$(calc "$(bench_value "$out" p50_us) / 1000" 1)")
        p99s+=("$(calc "$(bench_value "$out" p99_us) / 1000" 1)")
        requests=$((requests + $(bench_value "$out" requests)))
        non2xx=$((non2xx + $(bench_value "$out" non2xx)))
        errors=$((errors + $(bench_value "$out" socket_errors) + $(bench_value "$out" timeouts)))
        ran_out=$(bench_value "$out" pool_exhausted)
        exhausted=$((exhausted + ${ran_out:-0}))
        log "$name round $round of $ROUNDS: $rps rps"
    done
    R[$name.rps]=$(median "${rounds_rps[@]}")
    R[$name.rps_min]=$(smallest "${rounds_rps[@]}")
    R[$name.rps_max]=$(largest "${rounds_rps[@]}")
    R[$name.spread]=$(awk -v lo="${R[$name.rps_min]}" -v hi="${R[$name.rps_max]}" -v m="${R[$name.rps]}" \
        'BEGIN { if (m > 0) printf "%.1f", 100 * (hi - lo) / m; else print "null" }')
    R[$name.rounds_rps]="${rounds_rps[*]}"
    R[$name.p50]=$(median "${p50s[@]}")
    R[$name.p99]=$(median "${p99s[@]}")
    R[$name.non2xx]=$non2xx
    R[$name.requests]=$requests
    R[$name.errors]=$errors
    R[$name.exhausted]=$exhausted
    SCENARIOS+=("$name")
    scenario_line "$name" >&2
}
SCENARIOS=()

# one line of the report: the median rps with the rounds' range and spread, the medians of the rounds'
# latencies, the sums of their non-2xx answers and errors, and the warm-up
scenario_line() {
    local n=$1 extra= warm
    (( ${R[$n.errors]} > 0 )) && extra+="  socket_errors+timeouts=${R[$n.errors]}"
    (( ${R[$n.exhausted]} > 0 )) && extra+="  refresh_pool_exhausted_in=${R[$n.exhausted]}_threads"
    if [[ ${R[$n.warmup_settled]} == true ]]; then
        warm="warm-up ${R[$n.warmup_passes]}x${R[$n.warmup_s]}s"
    elif (( ${R[$n.warmup_passes]} > 0 )); then
        warm="warm-up ${R[$n.warmup_passes]}x${R[$n.warmup_s]}s NOT SETTLED (last two ${R[$n.warmup_gap]}% apart)"
    else
        warm="no warm-up"
    fi
    printf '%-16s rps=%-8s [%s..%s, spread %s%%, %s rounds]  p50=%sms  p99=%sms  non2xx=%s  %s%s\n' "$n" "${R[$n.rps]}" \
        "${R[$n.rps_min]}" "${R[$n.rps_max]}" "${R[$n.spread]}" "$ROUNDS" "${R[$n.p50]}" "${R[$n.p99]}" "${R[$n.non2xx]}" "$warm" "$extra"
}

# --- phase 1: schema, user, API token ------------------------------------------------------------

mkdir -p "$DATA_DIR"
start_server setup
ACCOUNT_ID=$(post_json /api/auth/register \
    "{\"username\":\"$BENCH_USER\",\"email\":\"bench@example.com\",\"password\":\"$BENCH_PASSWORD\"}" | json_field id)
[[ -n $ACCOUNT_ID ]] || die "registering the bench user failed"
API_TOKEN=$(post_json /api/auth/tokens \
    "{\"username\":\"$BENCH_USER\",\"password\":\"$BENCH_PASSWORD\",\"name\":\"bench\"}" | json_field token)
[[ $API_TOKEN == tka_* ]] || die "making the API token failed"
SERVICE_TOKEN=$(post_json /api/auth/tokens \
    "{\"username\":\"$ADMIN_USER\",\"password\":\"$ADMIN_PASSWORD\",\"name\":\"bench introspection\",\"scopes\":[\"tokens:introspect\"]}" |
    json_field token)
[[ $SERVICE_TOKEN == tka_* ]] || die "making the administrator's introspection token failed"
stop_server

# --- phase 2: the scenarios on small tables ------------------------------------------------------

log "making $REFRESH_TOKENS refresh tokens (one login session each) for the refresh scenario"
bench_tool refresh-pool "$REFRESH_TOKENS" "$ACCOUNT_ID" \
    "$BENCH_DIR/refresh-pool.csv" "$BENCH_DIR/refresh-pool.txt"
run_sql "$LUA_DIR/refresh-pool.sql"
sync
# refresh_slice PHASE SECONDS: each warm-up pass and each round of refresh gets the next tokens of the
# pool, none used before, as many as its share of REFRESH_SECONDS (refresh.lua reads refresh-PHASE.txt)
REFRESH_NEXT=1
refresh_slice() {
    local count=$((REFRESH_TOKENS * $2 / REFRESH_SECONDS))
    if (( count > 0 )); then
        sed -n "${REFRESH_NEXT},$((REFRESH_NEXT + count - 1))p" "$BENCH_DIR/refresh-pool.txt" >"$BENCH_DIR/refresh-$1.txt"
    else
        : >"$BENCH_DIR/refresh-$1.txt"
    fi
    REFRESH_NEXT=$((REFRESH_NEXT + count))
}

# One introspection before the scenario: the answer must say active, or the scenario would measure the
# inactive path (and the throttle's 429 after tokenauth.throttle.max-inactive-introspections).
check_introspection() {
    local answer
    answer=$(curl -s --max-time 30 -X POST "$BASE/api/auth/introspect" -H "Authorization: Token $SERVICE_TOKEN" \
        --data-urlencode "token=$API_TOKEN")
    [[ $answer == *'"active":true'* ]] || die "introspecting the bench user's API token did not answer active: $answer"
}

flood() {
    log "flood: $FLOOD_CONNECTIONS connections of wrong-password logins for ${FLOOD_DURATION}s, with GET /api/me beside it"
    local bearer me_out=$BENCH_DIR/wrk-flood-me.txt flood_out=$BENCH_DIR/wrk-flood.txt me_pid
    bearer=$(new_jwt)
    [[ -n $bearer ]] || die "no JWT for the /api/me client"
    env BENCH_LUA_DIR="$LUA_DIR" BENCH_BEARER="Bearer $bearer" BENCH_TOKEN="Token $API_TOKEN" \
        wrk -t1 -c1 -d"${FLOOD_DURATION}s" --timeout 5s -s "$LUA_DIR/me_watch.lua" "$BASE/api/me" >"$me_out" 2>&1 &
    me_pid=$!
    BACKGROUND_PIDS+=("$me_pid")
    env BENCH_LUA_DIR="$LUA_DIR" \
        wrk -t1 -c"$FLOOD_CONNECTIONS" -d"${FLOOD_DURATION}s" --timeout 30s -s "$LUA_DIR/flood.lua" "$BASE/api/auth/jwt" \
        >"$flood_out" 2>&1 || die "wrk failed (flood)"
    wait "$me_pid" || die "wrk failed (/api/me during the flood)"
    local mix="" unexpected=0 code n
    for code in $(grep -o 'status_[0-9]*=' "$flood_out" | tr -dc '0-9\n'); do
        n=$(bench_value "$flood_out" "status_$code")
        mix+="${mix:+ }$code:$n"
        [[ $code == 401 || $code == 429 || $code == 503 ]] || unexpected=$((unexpected + n))
    done
    R[flood.mix]=$mix
    R[flood.requests]=$(bench_value "$flood_out" requests)
    R[flood.unexpected]=$unexpected
    R[flood.status500]=$(bench_value "$flood_out" status_500)
    R[flood.errors]=$(( $(bench_value "$flood_out" socket_errors) + $(bench_value "$flood_out" timeouts) ))
    local me_ok me_requests me_errors
    me_ok=$(bench_value "$me_out" status_200)
    me_requests=$(bench_value "$me_out" requests)
    me_errors=$(( $(bench_value "$me_out" socket_errors) + $(bench_value "$me_out" timeouts) ))
    R[flood.me_requests]=$me_requests
    R[flood.me_non200]=$(( me_requests - ${me_ok:-0} + me_errors ))
    R[flood.me_p50]=$(calc "$(bench_value "$me_out" p50_us) / 1000" 1)
    R[flood.me_p99]=$(calc "$(bench_value "$me_out" p99_us) / 1000" 1)
    R[flood.me_max]=$(calc "$(bench_value "$me_out" max_us) / 1000" 1)
    R[flood.ready_after]=$(curl -s -o /dev/null -w '%{http_code}' --max-time 10 "$BASE/health/ready" || true)
}

start_server small
scenario baseline get.lua /api/auth/jwks
scenario me_bearer get.lua /api/me BENCH_AUTH="Bearer $(new_jwt)"
scenario me_token get.lua /api/me BENCH_AUTH="Token $API_TOKEN"
check_introspection
scenario introspect introspect.lua /api/auth/introspect BENCH_AUTH="Token $SERVICE_TOKEN" BENCH_TOKEN="$API_TOKEN"
SCENARIO_BEFORE_WRK=refresh_slice scenario refresh refresh.lua /api/auth/jwt/refresh BENCH_REFRESH_DIR="$BENCH_DIR"
time_argon2
SCENARIO_WARMUP=$LOGIN_WARMUP SCENARIO_BEFORE_RUN=hashes_so_far \
    scenario login login.lua /api/auth/jwt BENCH_USERNAME="$BENCH_USER" BENCH_PASSWORD="$BENCH_PASSWORD"
server_hash_time
(( BIG == 1 )) || flood
stop_server

# --- phase 3: the big tables ---------------------------------------------------------------------

if (( BIG == 1 )); then
    log "seeding 100,000 users, 1,000,000 API tokens and 100,000 login sessions into H2"
    seed_started=$(date +%s%N)
    {
        cat "$LUA_DIR/seed-big.sql"
        for chunk in 0 1 2 3 4 5 6 7 8 9; do
            echo "SET @FIRST_NO = $((chunk * 100000 + 1)); SET @LAST_NO = $(((chunk + 1) * 100000));"
            cat "$LUA_DIR/seed-big-tokens.sql"
        done
        echo "SHUTDOWN COMPACT;"
    } >"$BENCH_DIR/seed.sql"
    run_sql "$BENCH_DIR/seed.sql"
    R[seeding]=$(calc "($(date +%s%N) - $seed_started) / 1e9" 0)
    R[db_mb]=$(( $(stat -c %s "$DATA_DIR/tokenauth.mv.db") / 1048576 ))
    log "seeded in ${R[seeding]} s; the database is ${R[db_mb]} MB"
    # the kernel would otherwise still be writing the new file out while the big scenarios run
    sync

    start_server big
    scenario baseline_big get.lua /api/auth/jwks
    scenario me_bearer_big get.lua /api/me BENCH_AUTH="Bearer $(new_jwt)"
    scenario me_token_big get.lua /api/me BENCH_AUTH="Token $API_TOKEN"
    flood
    stop_server
fi

# --- phase 4: a cluster of BENCH_NODES nodes on one PostgreSQL database -------------------------

# grid_size NAME: the size of the data grid as the node's log last gave it ("DG Size: N" in Payara's
# Data Grid Status, logged at start and whenever a member comes or goes), 0 before it says
grid_size() {
    sed 's/\x1b\[[0-9;]*m//g' "$BENCH_DIR/server-$1.log" | sed -n 's/.*DG Size: \([0-9]*\).*/\1/p' | tail -1 | grep . || echo 0
}

if (( NODES > 1 )); then
    PG_PORT=$(free_port)
    PG_DIR=$(mktemp -d /tmp/tokenauth-bench-pg.XXXXXX)
    log "starting PostgreSQL on 127.0.0.1:$PG_PORT for $NODES nodes ($PG_DIR)"
    "$ROOT/.ci/postgres" start "$PG_DIR" "$PG_PORT" >&2 || die "PostgreSQL did not start"
    # what every node shares: the database, the key that encrypts the signing keys in it (a node of a
    # cluster refuses to start without one), and a grid of its own name on loopback ports
    SERVER_ENV=(TOKENAUTH_DB_URL="jdbc:postgresql://127.0.0.1:$PG_PORT/tokenauth" TOKENAUTH_DB_USER=tokenauth
                TOKENAUTH_DB_PASSWORD=tokenauth TOKENAUTH_DB_DATASOURCE_CLASS=org.postgresql.ds.PGSimpleDataSource
                TOKENAUTH_JWT_KEY_ENCRYPTION_KEY="$(head -c 32 /dev/urandom | base64)")
    # Hazelcast would otherwise listen on every interface, whatever --interfaces says
    SERVER_JVM_OPTIONS=(-Dhazelcast.socket.bind.any=false)
    CLUSTER_NAME=tokenauth-bench-$(head -c 4 /dev/urandom | od -An -tx1 | tr -d ' \n')
    NODE_PORTS=() GRID_PORTS=() MEMBERS=
    for n in $(seq 1 "$NODES"); do
        while :; do   # ports of their own, none given twice
            p=$(free_port); g=$(free_port)
            [[ $p != "$g" && " ${NODE_PORTS[*]} ${GRID_PORTS[*]} $PORT " != *" $p "* && " ${NODE_PORTS[*]} ${GRID_PORTS[*]} $PORT " != *" $g "* ]] && break
        done
        NODE_PORTS+=("$p"); GRID_PORTS+=("$g")
        MEMBERS+="${MEMBERS:+,}127.0.0.1:$g"
    done
    # One node after the other, each once the one before serves: nodes started at the same moment can
    # each begin a grid of their own, which merge only minutes later. The first one makes the schema,
    # the signing keys and the administrator; the others find them.
    for n in $(seq 1 "$NODES"); do
        started=$(date +%s%N)
        launch "node$n" "${NODE_PORTS[n-1]}" "$BENCH_DIR/data-node$n" \
            --clustername "$CLUSTER_NAME" --clustermode "tcpip:$MEMBERS" --interfaces 127.0.0.1 \
            --startport "${GRID_PORTS[n-1]}" --nohostaware
        wait_serving "node$n" "${NODE_PORTS[n-1]}" "$LAUNCHED_PID" "$started"
    done
    grid_started=$(date +%s%N)
    while :; do
        formed=1
        for n in $(seq 1 "$NODES"); do
            [[ $(grid_size "node$n") == "$NODES" ]] || formed=0
        done
        (( formed )) && break
        (( ($(date +%s%N) - grid_started) / 1000000000 < GRID_TIMEOUT )) ||
            die "the $NODES nodes did not form one data grid in $GRID_TIMEOUT s (grid sizes: $(for n in $(seq 1 "$NODES"); do printf 'node%s=%s ' "$n" "$(grid_size "node$n")"; done); see $BENCH_DIR/server-node*.log)"
        sleep 0.5
    done
    log "the $NODES nodes formed one data grid ($CLUSTER_NAME)"

    # the bench user and its API token, made on node 1 and used on every node: a node that did not
    # issue a credential still has to accept it (the JWT's key and the token's row are in the database)
    BASE=http://127.0.0.1:${NODE_PORTS[0]}
    CLUSTER_ACCOUNT_ID=$(post_json /api/auth/register \
        "{\"username\":\"$BENCH_USER\",\"email\":\"bench@example.com\",\"password\":\"$BENCH_PASSWORD\"}" | json_field id)
    [[ -n $CLUSTER_ACCOUNT_ID ]] || die "registering the bench user on node 1 failed"
    CLUSTER_TOKEN=$(post_json /api/auth/tokens \
        "{\"username\":\"$BENCH_USER\",\"password\":\"$BENCH_PASSWORD\",\"name\":\"bench\"}" | json_field token)
    [[ $CLUSTER_TOKEN == tka_* ]] || die "making the API token on node 1 failed"
    NODE1_BASE=$BASE
    for n in $(seq 1 "$NODES"); do
        BASE=http://127.0.0.1:${NODE_PORTS[n-1]}
        scenario "baseline_node$n" get.lua /api/auth/jwks
        scenario "me_bearer_node$n" get.lua /api/me BENCH_AUTH="Bearer $(BASE=$NODE1_BASE new_jwt)"
        scenario "me_token_node$n" get.lua /api/me BENCH_AUTH="Token $CLUSTER_TOKEN"
    done
    BASE=http://127.0.0.1:$PORT
    # one more look: a node that left the grid during the run would have said so
    for n in $(seq 1 "$NODES"); do
        R[grid_node$n]=$(grid_size "node$n")
    done
    stop_server
    stop_postgresql
fi

# --- the report ----------------------------------------------------------------------------------

LOAD_END=$(cut -d' ' -f1-3 /proc/loadavg)
RATIO_LINES=()
RATIO_JSON=()

# ratio NAME NUMERATOR DENOMINATOR TARGET, each of the two a scenario's name (or hash_limit): the ratio
# of the medians, PASS or MISS on it, and its range over the rounds (the smallest numerator over the
# largest denominator .. the largest over the smallest): "x/y = 0.93 [0.90..0.96] (target >= 0.9) PASS"
ratio() {
    local name=$1 num=$2 den=$3 target=$4 value low=null high=null verdict
    [[ -n ${R[$num.rps]:-} && -n ${R[$den.rps]:-} ]] || return 0
    if awk "BEGIN { exit !(${R[$den.rps]} > 0) }"; then
        value=$(calc "${R[$num.rps]} / ${R[$den.rps]}" 3)
        low=$(calc "${R[$num.rps_min]} / ${R[$den.rps_max]}" 3)
        if awk "BEGIN { exit !(${R[$den.rps_min]} > 0) }"; then
            high=$(calc "${R[$num.rps_max]} / ${R[$den.rps_min]}" 3)
        fi
        verdict=$(awk "BEGIN { print ($value >= $target) ? \"PASS\" : \"MISS\" }")
    else
        value=null verdict="MISS (nothing to compare with)"
    fi
    RATIO_LINES+=("$(printf '%-32s %-6s [%s..%s]  (target >= %s)  %s' "$name" "$value" "$low" "$high" "$target" "$verdict")")
    RATIO_JSON+=("\"$name\": {\"value\": $value, \"min\": $low, \"max\": $high, \"target\": $target, \"pass\": $([[ $verdict == PASS ]] && echo true || echo false)}")
}
ratio "me_bearer/baseline" me_bearer baseline 0.85
ratio "me_token/baseline" me_token baseline 0.85
ratio "introspect/baseline" introspect baseline 0.85
if (( BIG == 1 )); then
    ratio "me_token_big/me_token" me_token_big me_token 0.9
    ratio "me_bearer_big/me_bearer" me_bearer_big me_bearer 0.9
fi
# The two *_big ratios compare runs minutes apart, on another server process: on a shared machine the
# load changes in between. Each phase has its own baseline, so the same ratios divided by the ratio of
# the baselines are printed too (information only: no target of their own).
NORMALISED=()
normalised() {
    local name=$1 big=$2 small=$3
    [[ -n ${R[$big.rps]} && -n ${R[$small.rps]} ]] || return 0
    awk "BEGIN { exit !(${R[$small.rps]} > 0 && ${R[baseline.rps]} > 0 && ${R[baseline_big.rps]} > 0) }" || return 0
    NORMALISED+=("$name $(calc "(${R[$big.rps]} / ${R[baseline_big.rps]}) / (${R[$small.rps]} / ${R[baseline.rps]})" 3)")
}
if (( BIG == 1 )); then
    normalised "me_token_big/me_token" me_token_big me_token
    normalised "me_bearer_big/me_bearer" me_bearer_big me_bearer
fi
if (( NODES > 1 )); then
    for n in $(seq 1 "$NODES"); do
        ratio "me_bearer_node$n/baseline_node$n" "me_bearer_node$n" "baseline_node$n" 0.85
        ratio "me_token_node$n/baseline_node$n" "me_token_node$n" "baseline_node$n" 0.85
    done
fi
# the hash-bound limit is one figure, not rounds: login's range is its own rounds'
R[hash_limit.rps]=$HASH_LIMIT R[hash_limit.rps_min]=$HASH_LIMIT R[hash_limit.rps_max]=$HASH_LIMIT
ratio "login/hash-bound limit" login hash_limit 0.9

flood_verdict() {
    [[ ${R[flood.unexpected]} == 0 && ${R[flood.me_non200]} == 0 ]] && echo PASS || echo MISS
}

{
    echo
    echo "token-auth benchmark, $STARTED_AT: $CORES cores ($CPU_MODEL), $JAVA_VERSION"
    echo "wrk -t$THREADS -c$CONNECTIONS; per scenario warm-up passes of ${WARMUP}s (login ${LOGIN_WARMUP}s) until two in a row agree within $WARMUP_AGREE% (at most $WARMUP_MAX_PASSES), then $ROUNDS rounds of ${DURATION}s: rps is the median of the rounds, [min..max] beside it; load average $LOAD_START at start, $LOAD_END at the end"
    echo
    for name in "${SCENARIOS[@]}"; do
        scenario_line "$name"
    done
    for name in "${SCENARIOS[@]}"; do
        if [[ ${R[$name.warmup_settled]} == false ]] && (( ${R[$name.warmup_passes]} > 0 )); then
            echo "warning: $name's warm-up did not settle in ${R[$name.warmup_passes]} passes of ${R[$name.warmup_s]}s (the last two ${R[$name.warmup_gap]}% apart, more than $WARMUP_AGREE%): its figures may still have been rising"
        fi
    done
    echo
    echo "Argon2id m=$ARGON_M,t=$ARGON_T,p=$ARGON_P: $(calc "$HASH_S * 1000" 1) ms per hash (median of $HASHES; min $(calc "$HASH_MIN_S * 1000" 1) ms) -> hash-bound limit $HASH_LIMIT logins/s"
    echo "  ($CORES at once in one JVM: $(calc "$PARALLEL_HASH_S * 1000" 1) ms each, $PARALLEL_RATE hashes/s; login / that = $(calc "${R[login.rps]} / $PARALLEL_RATE" 3), information only)"
    if awk "BEGIN { exit !($SERVER_HASH_S > 0) }"; then
        echo "  (in the server during login: $SERVER_HASHES hashes, $(calc "$SERVER_HASH_S * 1000" 1) ms each -> $CORES cores / that = $(calc "$CORES / $SERVER_HASH_S" 1)/s; login / that = $(calc "${R[login.rps]} * $SERVER_HASH_S / $CORES" 3), information only)"
    fi
    for line in "${RATIO_LINES[@]}"; do
        echo "$line"
    done
    if (( ${#NORMALISED[@]} > 0 )); then
        echo "normalised by each phase's baseline (baseline_big/baseline = $(calc "${R[baseline_big.rps]} / ${R[baseline.rps]}" 3)):"
        for line in "${NORMALISED[@]}"; do
            printf '  %-30s %s\n' "${line% *}" "${line##* }"
        done
    fi
    echo
    echo "start-up (process start to the first 200 of /health/ready; in brackets, to serving the API): small tables ${R[startup_small]} s (${R[serving_small]} s)$(
        (( BIG == 1 )) && echo "; big tables ${R[startup_big]} s (${R[serving_big]} s), target < $STARTUP_TARGET s: $(awk "BEGIN { print (${R[startup_big]} < $STARTUP_TARGET) ? \"PASS\" : \"MISS\" }")")"
    (( BIG == 1 )) && echo "seeding the big tables: ${R[seeding]} s; database ${R[db_mb]} MB"
    if (( NODES > 1 )); then
        printf '%s nodes on one PostgreSQL database, one data grid:' "$NODES"
        for n in $(seq 1 "$NODES"); do
            printf '%s node%s start-up %s s (%s s), grid size at the end %s' "$([[ $n == 1 ]] || echo ';')" "$n" \
                "${R[startup_node$n]}" "${R[serving_node$n]}" "${R[grid_node$n]}"
        done
        echo
    fi
    echo "flood ($FLOOD_CONNECTIONS connections, ${FLOOD_DURATION}s of wrong passwords): ${R[flood.requests]} answers, statuses ${R[flood.mix]:-none}; unexpected (not 401/429/503): ${R[flood.unexpected]}; socket errors+timeouts ${R[flood.errors]}"
    echo "GET /api/me during the flood: ${R[flood.me_requests]} requests, non-200: ${R[flood.me_non200]}, p50=${R[flood.me_p50]}ms p99=${R[flood.me_p99]}ms max=${R[flood.me_max]}ms; /health/ready after: ${R[flood.ready_after]}  $(flood_verdict)"
} | tee "$BENCH_DIR/results.txt"

# --- results.json --------------------------------------------------------------------------------

json_list() { local words=($1); local IFS=,; printf '%s' "${words[*]}"; }
json_string() { local s=${1//\\/\\\\}; s=${s//\"/\\\"}; printf '"%s"' "$s"; }
{
    echo "{"
    echo "  \"date\": \"$STARTED_AT\","
    echo "  \"machine\": {\"nproc\": $CORES, \"cpu\": $(json_string "$CPU_MODEL"), \"java\": $(json_string "$JAVA_VERSION"), \"wrk\": $(json_string "$(wrk --version 2>&1 | head -1 | cut -d' ' -f1-2)"), \"loadavg_start\": \"$LOAD_START\", \"loadavg_end\": \"$LOAD_END\"},"
    echo "  \"settings\": {\"threads\": $THREADS, \"connections\": $CONNECTIONS, \"warmup_s\": $WARMUP, \"login_warmup_s\": $LOGIN_WARMUP, \"warmup_agree_pct\": $WARMUP_AGREE, \"warmup_max_passes\": $WARMUP_MAX_PASSES, \"duration_s\": $DURATION, \"rounds\": $ROUNDS, \"refresh_tokens\": $REFRESH_TOKENS, \"big_tables\": $([[ $BIG == 1 ]] && echo true || echo false), \"nodes\": $NODES},"
    echo "  \"scenarios\": {"
    sep=""
    for name in "${SCENARIOS[@]}"; do
        printf '%s    "%s": {"rps_2xx": %s, "rps_2xx_min": %s, "rps_2xx_max": %s, "spread_pct": %s, "rounds_rps_2xx": [%s],\n' \
            "$sep" "$name" "${R[$name.rps]}" "${R[$name.rps_min]}" "${R[$name.rps_max]}" "${R[$name.spread]}" "$(json_list "${R[$name.rounds_rps]}")"
        printf '      "p50_ms": %s, "p99_ms": %s, "non2xx": %s, "requests": %s, "socket_errors_and_timeouts": %s,\n' \
            "${R[$name.p50]}" "${R[$name.p99]}" "${R[$name.non2xx]}" "${R[$name.requests]}" "${R[$name.errors]}"
        printf '      "warmup_pass_s": %s, "warmup_passes": %s, "warmup_settled": %s, "warmup_rps_2xx": [%s], "warmup_last_gap_pct": %s}' \
            "${R[$name.warmup_s]}" "${R[$name.warmup_passes]}" "${R[$name.warmup_settled]}" "$(json_list "${R[$name.warmup_rps]}")" "${R[$name.warmup_gap]}"
        sep=$',\n'
    done
    echo
    echo "  },"
    echo "  \"argon2\": {\"memory_kib\": $ARGON_M, \"iterations\": $ARGON_T, \"parallelism\": $ARGON_P, \"hashes\": $HASHES, \"seconds_per_hash_median\": $HASH_S, \"seconds_per_hash_min\": $HASH_MIN_S, \"hash_bound_limit_rps\": $HASH_LIMIT,"
    echo "             \"all_cores_at_once\": {\"threads\": $CORES, \"seconds_per_hash_median\": $PARALLEL_HASH_S, \"hashes_per_second\": $PARALLEL_RATE},"
    echo "             \"in_server_during_login\": {\"hashes\": $SERVER_HASHES, \"seconds_per_hash_mean\": $SERVER_HASH_S}},"
    if (( ${#NORMALISED[@]} > 0 )); then
        printf '  "ratios_normalised_by_baseline": {'
        sep=""
        for line in "${NORMALISED[@]}"; do
            printf '%s"%s": %s' "$sep" "${line% *}" "${line##* }"
            sep=", "
        done
        echo "},"
    fi
    echo "  \"ratios\": {"
    sep=""
    for line in "${RATIO_JSON[@]}"; do
        printf '%s    %s' "$sep" "$line"
        sep=$',\n'
    done
    echo
    echo "  },"
    if (( BIG == 1 )); then
        echo "  \"startup_s\": {\"small\": ${R[startup_small]}, \"big\": ${R[startup_big]}, \"target_big\": $STARTUP_TARGET, \"pass\": $(awk "BEGIN { print (${R[startup_big]} < $STARTUP_TARGET) ? \"true\" : \"false\" }"),"
        echo "                \"serving_small\": ${R[serving_small]}, \"serving_big\": ${R[serving_big]}},"
        echo "  \"seeding\": {\"seconds\": ${R[seeding]}, \"database_mb\": ${R[db_mb]}, \"users\": 100000, \"api_tokens\": 1000000, \"login_sessions\": 100000},"
    else
        echo "  \"startup_s\": {\"small\": ${R[startup_small]}, \"serving_small\": ${R[serving_small]}},"
    fi
    if (( NODES > 1 )); then
        printf '  "cluster": {"nodes": %s, "database": "postgresql", "startup_s": {' "$NODES"
        for n in $(seq 1 "$NODES"); do printf '%s"node%s": %s' "$([[ $n == 1 ]] || echo ', ')" "$n" "${R[startup_node$n]}"; done
        printf '}, "serving_s": {'
        for n in $(seq 1 "$NODES"); do printf '%s"node%s": %s' "$([[ $n == 1 ]] || echo ', ')" "$n" "${R[serving_node$n]}"; done
        printf '}, "grid_size_at_end": {'
        for n in $(seq 1 "$NODES"); do printf '%s"node%s": %s' "$([[ $n == 1 ]] || echo ', ')" "$n" "${R[grid_node$n]}"; done
        echo '}},'
    fi
    flood_statuses=$(for pair in ${R[flood.mix]}; do printf '"%s": %s, ' "${pair%%:*}" "${pair#*:}"; done)
    echo "  \"flood\": {\"connections\": $FLOOD_CONNECTIONS, \"duration_s\": $FLOOD_DURATION, \"responses\": ${R[flood.requests]}, \"statuses\": {${flood_statuses%, }}, \"unexpected_statuses\": ${R[flood.unexpected]}, \"socket_errors_and_timeouts\": ${R[flood.errors]},"
    echo "            \"me\": {\"requests\": ${R[flood.me_requests]}, \"non200\": ${R[flood.me_non200]}, \"p50_ms\": ${R[flood.me_p50]}, \"p99_ms\": ${R[flood.me_p99]}, \"max_ms\": ${R[flood.me_max]}}, \"ready_after\": \"${R[flood.ready_after]}\", \"pass\": $([[ $(flood_verdict) == PASS ]] && echo true || echo false)}"
    echo "}"
} >"$BENCH_DIR/results.json"
log "results: target/bench/results.json (wrk outputs and server logs beside it)"
