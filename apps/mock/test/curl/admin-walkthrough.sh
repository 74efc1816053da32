#!/usr/bin/env bash
# The mock's control API (/__admin/) from a plain shell, with curl only: start `pnpm mock` on a free port, get a
# token, start two runs, move one to COMPLETED and one to ERROR, read the first's data and the second's failure,
# reset, and see no runs. Stops only the mock it started (its process group); exits 1 naming the failed check.
#   bash apps/mock/test/curl/admin-walkthrough.sh
# MOCK_PORT picks the port (default: a random free one); MOCK_CMD how to start the mock (default `pnpm mock`).
set -u
cd "$(dirname "$0")/../../../.." || exit 1

MOCK_CMD=${MOCK_CMD:-pnpm mock}
REPORT=ff808081529f4e3401529fd373730070
CLIENT_ID=8c9e3f42-0d5c-4f9e-a0f3-5d2c0b6e7a11
work=$(mktemp -d)
pid=""
checks=0
last=""

cleanup() {
  if [ -n "$pid" ]; then
    kill -TERM -- "-$pid" 2>/dev/null
    wait "$pid" 2>/dev/null
  fi
  rm -rf "$work"
}
trap cleanup EXIT

fail() {
  printf 'admin walk-through FAILED: %s\n' "$1" >&2
  [ -n "$last" ] && printf '  the answer was: %s\n' "$last" >&2
  printf '  the mock said:\n' >&2
  sed 's/^/    /' "$work/mock.log" >&2
  exit 1
}

# start <port>: `pnpm mock` in its own process group (job control), so that cleanup stops it and its children.
start() {
  port=$1
  M="http://127.0.0.1:$port"
  set -m
  MOCK_PORT=$port MOCK_PACE=poll MOCK_LOG=warn $MOCK_CMD >"$work/mock.log" 2>&1 &
  pid=$!
  set +m
}

# Waits until the mock answers HTTP (any status); 0 when it does, 1 when it exited first.
ready() {
  for _ in $(seq 1 240); do
    code=$(curl -s -o "$work/probe" -w '%{http_code}' "$M/__admin/runs")
    [ "$code" != "000" ] && return 0
    kill -0 "$pid" 2>/dev/null || return 1
    sleep 0.25
  done
  fail "the mock did not answer on $M within 60 s"
}

if [ -n "${MOCK_PORT:-}" ]; then
  start "$MOCK_PORT"
  ready || fail "the mock exited before it answered on $M"
else
  for _ in 1 2 3 4 5; do
    start $((20000 + RANDOM % 20000))
    ready && break
    grep -q "already in use" "$work/mock.log" || fail "the mock exited before it answered on $M"
    wait "$pid" 2>/dev/null
    pid=""
  done
  [ -n "$pid" ] || fail "found no free port in five tries"
fi

# req <what> <status> <method> <path> [<JSON body>]: one request; its body in $last; fails unless the status is it.
req() {
  local what=$1 want=$2 method=$3 path=$4
  local args=(-sS -X "$method" -o "$work/body" -w '%{http_code}' -H "Authorization: Bearer ${TOKEN:-none}")
  [ $# -ge 5 ] && args+=(-H 'Content-Type: application/json' -d "$5")
  code=$(curl "${args[@]}" "$M$path") || fail "$what: curl could not reach $M$path"
  last=$(cat "$work/body")
  checks=$((checks + 1))
  [ "$code" = "$want" ] || fail "$what: expected HTTP $want, got $code"
}

# has <what> <text>: the last answer contains the text.
has() {
  checks=$((checks + 1))
  case "$last" in
    *"$2"*) ;;
    *) fail "$1: expected the answer to contain $2" ;;
  esac
}

code=$(curl -sS -o "$work/body" -w '%{http_code}' -X POST "$M/oauth/token" \
  -d grant_type=client_credentials -d client_id=$CLIENT_ID -d client_secret=any)
last=$(cat "$work/body")
[ "$code" = 200 ] || fail "a token: expected HTTP 200, got $code"
TOKEN=$(printf '%s' "$last" | sed -n 's/.*"access_token":"\([^"]*\)".*/\1/p')
[ -n "$TOKEN" ] || fail "a token: no access_token in the answer"

req "the first run" 200 POST "/reports/$REPORT/reportrun?viewType=Detail"
DONE=$(printf '%s' "$last" | grep -o '[0-9a-f]\{32\}')
req "the second run" 200 POST "/reports/$REPORT/reportrun?viewType=Summary"
FAILED=$(printf '%s' "$last" | grep -o '[0-9a-f]\{32\}')
[ -n "$DONE" ] && [ -n "$FAILED" ] || fail "the runs: no reportRunId in the answers"

req "the runs listed" 200 GET /__admin/runs
has "the first run listed" "\"id\":\"$DONE\""
has "the second run listed" "\"id\":\"$FAILED\""

req "the first run to COMPLETED" 200 POST "/__admin/runs/$DONE/status" '{"status":"COMPLETED"}'
has "the first run to COMPLETED" '"status":"COMPLETED"'
req "the second run to ERROR" 200 POST "/__admin/runs/$FAILED/status" '{"status":"ERROR"}'
has "the second run to ERROR" '"status":"ERROR"'

req "the first run's data" 200 GET "/reportruns/reportdata/$DONE?offset=1&pageSize=2"
has "the first run's data" '"success":true'
has "the first run's data" '"total":2500'
req "the second run" 200 GET "/reportruns/$FAILED"
has "the second run" '"status":"ERROR"'
req "the second run's data" 400 GET "/reportruns/reportdata/$FAILED?offset=1&pageSize=2"
has "the second run's data" "has no data: its status is ERROR"
req "an impossible move" 400 POST "/__admin/runs/$FAILED/status" '{"status":"COMPLETED"}'
has "an impossible move" "has already finished with status ERROR"

req "the reset" 200 POST /__admin/reset
req "the runs after the reset" 200 GET /__admin/runs
[ "$last" = '{"runs":[]}' ] || fail "the runs after the reset: expected {\"runs\":[]}"
req "the first run after the reset" 400 GET "/reportruns/$DONE"
has "the first run after the reset" "does not exist"

printf 'admin walk-through: %d checks passed against %s\n' "$checks" "$M"
