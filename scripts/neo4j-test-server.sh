#!/usr/bin/env bash
# A real Neo4j 5.26 (community) server for ea's tests, built from Maven Central, no Docker.
#
#   bash scripts/neo4j-test-server.sh build    # compile tools/neo4j-server (skipped when up to date)
#   bash scripts/neo4j-test-server.sh start    # build if needed, start, print bolt://127.0.0.1:PORT
#   bash scripts/neo4j-test-server.sh stop
#   bash scripts/neo4j-test-server.sh status   # exit 0 when running
#
# State lives in .neo4j/ at the repo root: uri, pid, user, password, server.log, build.log, home/.
# Environment: NEO4J_TEST_STATE_DIR (another state dir: a second server side by side),
# NEO4J_TEST_KEEP_DATA=1 (start on the data left by the last stop instead of an empty home/),
# NEO4J_TEST_PORT (default: a free port), NEO4J_TEST_USER (neo4j),
# NEO4J_TEST_PASSWORD (ea-test-password), NEO4J_TEST_HEAP (1g), NEO4J_TEST_START_TIMEOUT (180),
# NEO4J_TEST_WATCH_PID (server exits when that process is gone), NEO4J_TEST_JAVA_OPTS (extra).
# See docs/neo4j-test-server.md.
set -euo pipefail

ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
TOOL="$ROOT/tools/neo4j-server"
TARGET="$TOOL/target"
JAR="$TARGET/neo4j-test-server.jar"
STAMP="$TARGET/.ea-build-stamp"
STATE="${NEO4J_TEST_STATE_DIR:-$ROOT/.neo4j}"
LOG="$STATE/server.log"
MAIN_MARK="neo4j-test-server.jar"   # how we recognise our own java process in /proc/PID/cmdline

USER_NAME="${NEO4J_TEST_USER:-neo4j}"
PASSWORD="${NEO4J_TEST_PASSWORD:-ea-test-password}"
HEAP="${NEO4J_TEST_HEAP:-1g}"
START_TIMEOUT="${NEO4J_TEST_START_TIMEOUT:-180}"

say() { printf 'neo4j-test-server: %s\n' "$*" >&2; }
die() { say "$*"; exit 1; }

java_bin() {
    if [[ -n "${JAVA_HOME:-}" && -x "$JAVA_HOME/bin/java" ]]; then
        echo "$JAVA_HOME/bin/java"
    elif command -v java >/dev/null 2>&1; then
        command -v java
    else
        die "java not found: install a JDK 17 or 21 (Debian: apt-get install openjdk-17-jdk-headless)"
    fi
}

# Serialise build/start/stop between concurrent callers (CI script, pytest workers).
with_lock() {
    mkdir -p "$STATE"
    exec 9>"$STATE/.lock"
    if command -v flock >/dev/null 2>&1; then
        flock -w 600 9 || die "could not get $STATE/.lock within 600 s"
    fi
    "$@"
}

source_hash() {
    (
        cd "$TOOL"
        { echo pom.xml; find src -type f | LC_ALL=C sort; } | while read -r f; do
            sha256sum "$f"
        done
    ) | sha256sum | cut -d' ' -f1
}

is_built() {
    [[ -f "$JAR" && -d "$TARGET/lib" && -f "$STAMP" ]] || return 1
    [[ -n "$(ls "$TARGET/lib" 2>/dev/null)" ]] || return 1
    [[ "$(cat "$STAMP")" == "$(source_hash)" ]]
}

do_build() {
    if is_built; then
        say "build is up to date ($JAR)"
        return 0
    fi
    command -v mvn >/dev/null 2>&1 || die "mvn not found: install Maven 3.8+ (Debian: apt-get install maven)"
    java_bin >/dev/null
    mkdir -p "$STATE"
    say "building $TOOL with Maven (log: $STATE/build.log) ..."
    local t0=$SECONDS
    # Old jars in target/lib would otherwise linger on the classpath after a version bump.
    rm -rf "$TARGET/lib" "$STAMP"
    if ! mvn -B -ntp -f "$TOOL/pom.xml" package >"$STATE/build.log" 2>&1; then
        tail -n 40 "$STATE/build.log" >&2 || true
        die "Maven build failed (full log: $STATE/build.log)"
    fi
    source_hash >"$STAMP"
    say "built in $((SECONDS - t0)) s"
}

# Prints the pid of our running server, or fails.
running_pid() {
    [[ -f "$STATE/pid" ]] || return 1
    local pid
    pid="$(cat "$STATE/pid")"
    [[ "$pid" =~ ^[0-9]+$ ]] || return 1
    kill -0 "$pid" 2>/dev/null || return 1
    tr '\0' ' ' <"/proc/$pid/cmdline" 2>/dev/null | grep -q -- "$MAIN_MARK" || return 1
    echo "$pid"
}

free_port() {
    if command -v python3 >/dev/null 2>&1; then
        python3 -c 'import socket; s = socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1]); s.close()'
        return
    fi
    local p
    for _ in $(seq 1 50); do
        p=$((20000 + RANDOM % 40000))
        if ! (exec 3<>"/dev/tcp/127.0.0.1/$p") 2>/dev/null; then
            echo "$p"
            return
        fi
    done
    die "no free port found"
}

show_failure_logs() {
    say "last lines of $LOG:"
    tail -n 40 "$LOG" >&2 2>/dev/null || true
    if [[ -f "$STATE/home/logs/debug.log" ]]; then
        say "last lines of $STATE/home/logs/debug.log:"
        grep -E 'ERROR|WARN|Exception|Caused by' "$STATE/home/logs/debug.log" | tail -n 20 >&2 || true
    fi
}

# One attempt: 0 = ready, 1 = failed, 2 = failed because the port was taken.
start_once() {
    local port="$1" java pid deadline
    java="$(java_bin)"
    if [[ "${NEO4J_TEST_KEEP_DATA:-}" != 1 ]]; then
        rm -rf "$STATE/home"   # every start is a fresh, empty DBMS
    fi
    : >"$LOG"
    # shellcheck disable=SC2086
    NEO4J_TEST_USER="$USER_NAME" NEO4J_TEST_PASSWORD="$PASSWORD" \
        setsid nohup "$java" \
        "-Xmx$HEAP" -Xms256m \
        -XX:+ExitOnOutOfMemoryError \
        --add-opens=java.base/java.nio=ALL-UNNAMED \
        --add-opens=java.base/java.io=ALL-UNNAMED \
        --add-opens=java.base/sun.nio.ch=ALL-UNNAMED \
        -Dio.netty.tryReflectionSetAccessible=true \
        -Djdk.nio.maxCachedBufferSize=1024 \
        -Dlog4j2.disable.jmx=true \
        ${NEO4J_TEST_JAVA_OPTS:-} \
        -jar "$JAR" --port "$port" --home "$STATE/home" \
        >>"$LOG" 2>&1 </dev/null 9>&- &   # 9>&-: the server must not hold our lock
    pid=$!
    echo "$pid" >"$STATE/pid"
    deadline=$((SECONDS + START_TIMEOUT))
    while ((SECONDS < deadline)); do
        if grep -q '^NEO4J READY ' "$LOG"; then
            grep '^NEO4J READY ' "$LOG" | head -n1 | cut -d' ' -f3 >"$STATE/uri"
            printf '%s\n' "$USER_NAME" >"$STATE/user"
            (umask 077 && printf '%s\n' "$PASSWORD" >"$STATE/password")
            return 0
        fi
        if ! kill -0 "$pid" 2>/dev/null; then
            wait "$pid" 2>/dev/null || true
            rm -f "$STATE/pid"
            if grep -qiE 'address already in use|BindException|port .* in use' "$LOG"; then
                return 2
            fi
            return 1
        fi
        sleep 0.5
    done
    say "no ready line within $START_TIMEOUT s; killing pid $pid"
    kill -TERM "$pid" 2>/dev/null || true
    sleep 5
    kill -KILL "$pid" 2>/dev/null || true
    rm -f "$STATE/pid"
    return 1
}

do_start() {
    local pid port rc attempt
    if pid="$(running_pid)" && [[ -f "$STATE/uri" ]]; then
        say "already running (pid $pid)"
        cat "$STATE/uri"
        return 0
    fi
    rm -f "$STATE/uri" "$STATE/pid"
    do_build
    local t0=$SECONDS
    for attempt in 1 2 3; do
        port="${NEO4J_TEST_PORT:-$(free_port)}"
        say "starting Neo4j on 127.0.0.1:$port (log: $LOG) ..."
        rc=0
        start_once "$port" || rc=$?
        if ((rc == 0)); then
            say "ready in $((SECONDS - t0)) s, pid $(cat "$STATE/pid")"
            cat "$STATE/uri"
            return 0
        fi
        if ((rc == 2)) && [[ -z "${NEO4J_TEST_PORT:-}" ]]; then
            say "port $port was taken; trying another (attempt $attempt)"
            continue
        fi
        break
    done
    show_failure_logs
    die "Neo4j did not start"
}

do_stop() {
    local pid
    if ! pid="$(running_pid)"; then
        say "not running"
        rm -f "$STATE/uri" "$STATE/pid"
        return 0
    fi
    say "stopping pid $pid ..."
    kill -TERM "$pid" 2>/dev/null || true
    local i
    for i in $(seq 1 120); do
        kill -0 "$pid" 2>/dev/null || break
        sleep 0.5
    done
    if kill -0 "$pid" 2>/dev/null; then
        say "still alive after 60 s; sending SIGKILL"
        kill -KILL "$pid" 2>/dev/null || true
    fi
    rm -f "$STATE/uri" "$STATE/pid"
    say "stopped"
}

do_status() {
    local pid
    if pid="$(running_pid)" && [[ -f "$STATE/uri" ]]; then
        echo "running $(cat "$STATE/uri") pid $pid"
        return 0
    fi
    echo "not running"
    return 1
}

case "${1:-}" in
    build) with_lock do_build ;;
    start) with_lock do_start ;;
    stop) with_lock do_stop ;;
    status) do_status ;;
    *)
        echo "usage: $0 build|start|stop|status" >&2
        exit 2
        ;;
esac
