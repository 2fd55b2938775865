# Shared helpers for the shell tests: TAP output, a private simulator,
# hermetic environment.  Source it; every test is a sequence of `ok`/`fail`.
set -u
: "${top_srcdir:?run through make check}" "${SAGESCALE:?run through make check}"

TAP_N=0
TAP_FAILED=0
tap_plan() { echo "1..$1"; }
tap_skip_all() { echo "1..0 # SKIP $*"; exit 0; }
ok() { TAP_N=$((TAP_N + 1)); echo "ok $TAP_N - $*"; }
fail() { TAP_N=$((TAP_N + 1)); TAP_FAILED=$((TAP_FAILED + 1)); echo "not ok $TAP_N - $*"; }
skip() { TAP_N=$((TAP_N + 1)); echo "ok $TAP_N # SKIP $*"; }
diag() { printf '%s\n' "$@" | sed 's/^/# /'; }
# check DESCRIPTION COMMAND...: ok when COMMAND succeeds.
check() { d=$1; shift; if "$@"; then ok "$d"; else fail "$d"; fi; }
# contains DESCRIPTION FILE STRING: ok when FILE has STRING (fixed string).
contains() { if grep -qF -- "$3" "$2"; then ok "$1"; else fail "$1"; diag "missing: $3" "in $2:"; sed 's/^/#   /' "$2" | head -40; fi; }
lacks() { if grep -qF -- "$3" "$2"; then fail "$1"; diag "unexpected: $3"; else ok "$1"; fi; }
tap_done() { echo "1..$TAP_N"; exit 0; }

# A private, hermetic home and temporary directory, removed on exit.
TEST_TMP=$(mktemp -d "${TMPDIR:-/tmp}/sagescale-test.XXXXXX")
HOME=$TEST_TMP/home; mkdir -p "$HOME"; export HOME
XDG_STATE_HOME=$HOME/.local/state; export XDG_STATE_HOME
TZ=UTC; export TZ
unset AWS_ACCESS_KEY_ID AWS_SECRET_ACCESS_KEY AWS_SESSION_TOKEN AWS_PROFILE \
      AWS_REGION AWS_DEFAULT_REGION AWS_ENDPOINT_URL AWS_ENDPOINT_URL_SAGEMAKER \
      AWS_CA_BUNDLE AWS_MAX_ATTEMPTS AWS_RETRY_MODE AWS_CONFIG_FILE \
      AWS_SHARED_CREDENTIALS_FILE LANGUAGE NO_COLOR \
      AWS_CONTAINER_CREDENTIALS_RELATIVE_URI AWS_CONTAINER_CREDENTIALS_FULL_URI \
      AWS_CONTAINER_AUTHORIZATION_TOKEN AWS_CONTAINER_AUTHORIZATION_TOKEN_FILE \
      AWS_EC2_METADATA_SERVICE_ENDPOINT AWS_CREDENTIAL_EXPIRATION 2>/dev/null || true
# The instance metadata service is not on loopback: never probed by a test
# unless it points the provider at its own server.
AWS_EC2_METADATA_DISABLED=true; export AWS_EC2_METADATA_DISABLED
SIM_PIDS=""
lib_cleanup() {
    for p in $SIM_PIDS; do kill "$p" 2>/dev/null; done
    for p in $SIM_PIDS; do wait "$p" 2>/dev/null; done
    rm -rf "$TEST_TMP"
}
trap lib_cleanup EXIT

# sim_start [sim flags...]: starts `sagescale sim --port 0` in the background,
# sets SIM_URL and SIM_PID and the demo credentials in the environment.
sim_start() {
    _log=$TEST_TMP/sim.$$.$TAP_N.$RANDOM.out
    : >"$_log"
    "$SAGESCALE" sim --port 0 "$@" >"$_log" 2>&1 &
    SIM_PID=$!
    SIM_PIDS="$SIM_PIDS $SIM_PID"
    _i=0
    SIM_URL=
    while [ $_i -lt 100 ]; do
        SIM_URL=$(sed -n 's/^[^h]*\(https\{0,1\}:\/\/127\.0\.0\.1:[0-9][0-9]*\).*/\1/p' "$_log" | head -1)
        [ -n "$SIM_URL" ] && break
        kill -0 "$SIM_PID" 2>/dev/null || break
        sleep 0.05; _i=$((_i + 1))
    done
    if [ -z "$SIM_URL" ]; then diag "simulator did not start:"; sed 's/^/#   /' "$_log"; return 1; fi
    AWS_ACCESS_KEY_ID=AKIDSAGESCALEDEMO; AWS_SECRET_ACCESS_KEY=sagescale-demo-secret
    AWS_REGION=us-east-1; AWS_ENDPOINT_URL=$SIM_URL
    export AWS_ACCESS_KEY_ID AWS_SECRET_ACCESS_KEY AWS_REGION AWS_ENDPOINT_URL
    return 0
}
sim_stop() { kill "$1" 2>/dev/null; wait "$1" 2>/dev/null; }
