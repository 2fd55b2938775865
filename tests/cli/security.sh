#!/bin/sh
# Security tests, batch side, against loopback servers (tests/lib/faultsrv.py):
#  1. hostile text in every response field is inert on stdout and stderr
#     (JSON keeps it intact as \u escapes; table and text show escapes);
#  2. the secret key and session token appear in no output, log or file,
#     --debug included;
#  3. TLS verification cannot be switched off by the environment;
#  4. plain http:// to a host other than loopback is refused without
#     --allow-http.
. "$top_srcdir/tests/lib/lib.sh"
. "$top_srcdir/tests/lib/faultlib.sh"
command -v python3 >/dev/null 2>&1 || tap_skip_all "python3 not installed"
demo_creds
AWS_MAX_ATTEMPTS=1; export AWS_MAX_ATTEMPTS
H=$TEST_TMP/hostile
python3 "$top_srcdir/tests/lib/hostile.py" "$H" || tap_skip_all "could not write the hostile answers"

# inert NAME FILE...: no raw control character in any of the files (CSV
# files may end their lines with CRLF).
inert() {
    _n=$1; shift
    for _f in "$@"; do
        case $_f in *csv) _crlf=crlf ;; *) _crlf= ;; esac
        if has_raw_controls "$_f" $_crlf; then
            fail "$_n: no raw control characters in $(basename "$_f")"
            od -c "$_f" | grep -m3 '033\|302 23' | sed 's/^/#   /'
            return
        fi
    done
    ok "$_n: no raw control characters"
}
recommend() {
    "$SAGESCALE" recommend --job job-1 --recommendation-id r-1 "$@"
}

# ---- 1. Hostile text ----
fault_start canned "$H/ok"
recommend --endpoint-url "$FAULT_URL" --output json >"$TEST_TMP/o.json" 2>"$TEST_TMP/e.json"
check "hostile answer, --output json: exit 0" test $? -eq 0
inert "hostile answer, --output json" "$TEST_TMP/o.json" "$TEST_TMP/e.json"
check "hostile answer, --output json: the data is intact (same JSON value)" python3 -c '
import json, sys
a = json.load(open(sys.argv[1])); b = json.load(open(sys.argv[2]))
sys.exit(0 if a == b else 1)' "$TEST_TMP/o.json" "$H/ok.json"
contains "hostile answer, --output json: ESC as \\u001b" "$TEST_TMP/o.json" '\u001b]52;c;'
for fmt in table text; do
    recommend --endpoint-url "$FAULT_URL" --output $fmt >"$TEST_TMP/o.$fmt" 2>"$TEST_TMP/e.$fmt"
    check "hostile answer, --output $fmt: exit 0" test $? -eq 0
    inert "hostile answer, --output $fmt" "$TEST_TMP/o.$fmt" "$TEST_TMP/e.$fmt"
    contains "hostile answer, --output $fmt: OSC 52 shown as a visible escape" "$TEST_TMP/o.$fmt" '\x1b]52;c;aGFja2Vk'
    contains "hostile answer, --output $fmt: bidi override shown as a visible escape" "$TEST_TMP/o.$fmt" '\u202e'
done
recommend --endpoint-url "$FAULT_URL" --debug >"$TEST_TMP/o.dbg" 2>"$TEST_TMP/e.dbg"
check "hostile answer, --debug: exit 0" test $? -eq 0
inert "hostile answer, --debug log" "$TEST_TMP/o.dbg" "$TEST_TMP/e.dbg"
sim_stop "$FAULT_PID"

fault_start canned "$H/error"
recommend --endpoint-url "$FAULT_URL" --debug >"$TEST_TMP/o.err" 2>"$TEST_TMP/e.err"
check "hostile error answer: exit 1" test $? -eq 1
inert "hostile error answer (code, message, request id, --debug)" "$TEST_TMP/o.err" "$TEST_TMP/e.err"
contains "hostile error answer: the code is shown" "$TEST_TMP/e.err" 'ValidationException'
sim_stop "$FAULT_PID"

fault_start canned "$H/html"
recommend --endpoint-url "$FAULT_URL" >"$TEST_TMP/o.html" 2>"$TEST_TMP/e.html"
rc=$?
check "hostile non-JSON error body: an error exit (got $rc)" test $rc -ne 0 -a $rc -ne 2
inert "hostile non-JSON error body" "$TEST_TMP/o.html" "$TEST_TMP/e.html"
sim_stop "$FAULT_PID"

# The jobs commands (list and describe) with the same kind of answers.
for cmd in jobs job; do
    fault_start canned "$H/$cmd"
    if [ $cmd = job ]; then set -- job job-1; else set -- jobs; fi
    for fmt in json table text; do
        "$SAGESCALE" "$@" --endpoint-url "$FAULT_URL" --output $fmt \
            >"$TEST_TMP/o.$cmd.$fmt" 2>"$TEST_TMP/e.$cmd.$fmt"
        rc=$?
        if [ $rc -eq 2 ] && grep -qi 'unknown command\|usage' "$TEST_TMP/e.$cmd.$fmt"; then
            skip "sagescale $cmd --output $fmt: command not available"
            continue
        fi
        check "hostile $cmd answer, --output $fmt: exit 0 (got $rc)" test $rc -eq 0
        inert "hostile $cmd answer, --output $fmt" "$TEST_TMP/o.$cmd.$fmt" "$TEST_TMP/e.$cmd.$fmt"
    done
    sim_stop "$FAULT_PID"
done

# The sweep (every point gets the hostile answer), each output and the chart.
fault_start canned "$H/ok"
for fmt in json table csv; do
    "$SAGESCALE" sweep --job job-1 --recommendation-id r-1 --cpu 10:30:10 --output $fmt \
        --endpoint-url "$FAULT_URL" >"$TEST_TMP/o.sweep.$fmt" 2>"$TEST_TMP/e.sweep.$fmt"
    rc=$?
    check "hostile sweep, --output $fmt: exit 0 (got $rc)" test $rc -eq 0
    inert "hostile sweep, --output $fmt" "$TEST_TMP/o.sweep.$fmt" "$TEST_TMP/e.sweep.$fmt"
done
check "hostile sweep, --output json: every point's data intact" python3 -c '
import json, sys
pts = json.load(open(sys.argv[1])); want = json.load(open(sys.argv[2]))
sys.exit(0 if len(pts) == 3 and all(p == want for p in pts) else 1)' "$TEST_TMP/o.sweep.json" "$H/ok.json"
"$SAGESCALE" sweep --job job-1 --recommendation-id r-1 --cpu 10:30:10 --output table --chart \
    --endpoint-url "$FAULT_URL" >"$TEST_TMP/o.chart" 2>"$TEST_TMP/e.chart"
inert "hostile sweep, --chart" "$TEST_TMP/o.chart" "$TEST_TMP/e.chart"
sim_stop "$FAULT_PID"

# ---- 2. Secrets ----
SECRET=sEcReT-sentinel-7f3a9c; TOKEN=ToKeN-sentinel-41d2be
AWS_SECRET_ACCESS_KEY=$SECRET; AWS_SESSION_TOKEN=$TOKEN
export AWS_SECRET_ACCESS_KEY AWS_SESSION_TOKEN
LOGDIR=$TEST_TMP/serverlogs; mkdir -p "$LOGDIR"
FAULTSRV_LOG=$LOGDIR/requests; export FAULTSRV_LOG
OUT=$TEST_TMP/secret-out; mkdir -p "$OUT"
i=0
run_all() {   # every command and output we have, --debug, against $FAULT_URL
    for fmt in json table text; do
        i=$((i + 1))
        recommend --endpoint-url "$FAULT_URL" --debug --output $fmt >"$OUT/$i.out" 2>"$OUT/$i.err"
    done
    i=$((i + 1))
    "$SAGESCALE" jobs --endpoint-url "$FAULT_URL" --debug >"$OUT/$i.out" 2>"$OUT/$i.err"
}
for c in ok error html; do
    fault_start canned "$H/$c"
    run_all
    sim_stop "$FAULT_PID"
done
port=$(closed_port)
recommend --endpoint-url "http://127.0.0.1:$port" --debug >"$OUT/closed.out" 2>"$OUT/closed.err"
recommend --endpoint-url "http://192.0.2.1:9" --debug >"$OUT/http.out" 2>"$OUT/http.err"
# Through the shared files and credential_process as well.
unset AWS_ACCESS_KEY_ID AWS_SECRET_ACCESS_KEY AWS_SESSION_TOKEN
mkdir -p "$HOME/.aws"
cat >"$HOME/.aws/credentials" <<EOC
[default]
aws_access_key_id = AKIDSAGESCALEDEMO
aws_secret_access_key = $SECRET
aws_session_token = $TOKEN
EOC
cat >"$TEST_TMP/credproc.sh" <<EOC
#!/bin/sh
printf '{"Version": 1, "AccessKeyId": "AKIDPROC", "SecretAccessKey": "$SECRET", "SessionToken": "$TOKEN"}'
EOC
chmod +x "$TEST_TMP/credproc.sh"
cat >"$HOME/.aws/config" <<EOC
[profile proc]
credential_process = $TEST_TMP/credproc.sh
region = us-east-1
[profile badproc]
credential_process = $TEST_TMP/credproc.sh --version 2
region = us-east-1
EOC
fault_start canned "$H/ok"
run_all
AWS_PROFILE=proc; export AWS_PROFILE
run_all
sim_stop "$FAULT_PID"
fault_start canned "$H/error"
run_all
unset AWS_PROFILE
sim_stop "$FAULT_PID"

check "secrets: the session token was sent (the test exercised it)" grep -q "$TOKEN" "$LOGDIR/requests"
check "secrets: --debug logged the requests" grep -q 'X-Amz-Target' "$OUT/1.err"
check "secrets: --debug shows that a token was sent, redacted" grep -qi 'x-amz-security-token' "$OUT/1.err"
found=$(grep -rlF -e "$SECRET" -e "$TOKEN" "$OUT" "$HOME" "$TEST_TMP"/*.out 2>/dev/null \
        | grep -v "^$HOME/.aws/" || true)
if [ -z "$found" ]; then ok "secrets: in no output, log or file (--debug, every format, errors)"
else fail "secrets: in no output, log or file"; diag "found in:" $found; fi
unset FAULTSRV_LOG

# ---- 3. TLS verification ----
demo_creds
if command -v openssl >/dev/null 2>&1 &&
   openssl req -x509 -newkey rsa:2048 -nodes -keyout "$TEST_TMP/key.pem" -out "$TEST_TMP/cert.pem" \
       -days 2 -subj /CN=127.0.0.1 -addext "subjectAltName=IP:127.0.0.1" >/dev/null 2>&1 &&
   openssl req -x509 -newkey rsa:2048 -nodes -keyout "$TEST_TMP/wkey.pem" -out "$TEST_TMP/wrong.pem" \
       -days 2 -subj /CN=example.invalid -addext "subjectAltName=DNS:example.invalid" >/dev/null 2>&1
then
    FAULTSRV_CERT=$TEST_TMP/cert.pem FAULTSRV_KEY=$TEST_TMP/key.pem fault_start canned "$H/ok"
    TLS_URL=$FAULT_URL
    FAULTSRV_CERT=$TEST_TMP/wrong.pem FAULTSRV_KEY=$TEST_TMP/wkey.pem fault_start canned "$H/ok"
    WRONG_URL=$FAULT_URL
    recommend --endpoint-url "$TLS_URL" --ca-bundle "$TEST_TMP/cert.pem" >/dev/null 2>"$TEST_TMP/tls.err"
    check "TLS: our certificate through --ca-bundle works (control)" test $? -eq 0
    AWS_CA_BUNDLE=$TEST_TMP/cert.pem recommend --endpoint-url "$TLS_URL" >/dev/null 2>&1
    check "TLS: our certificate through AWS_CA_BUNDLE works (control)" test $? -eq 0
    # Every variable that other tools read to weaken verification.
    weaken="CURL_CA_BUNDLE=$TEST_TMP/cert.pem SSL_CERT_FILE=$TEST_TMP/cert.pem SSL_CERT_DIR=$TEST_TMP
            CURL_INSECURE=1 CURLOPT_SSL_VERIFYPEER=0 AWS_VERIFY_SSL=false AWS_NO_VERIFY_SSL=1
            PYTHONHTTPSVERIFY=0 NODE_TLS_REJECT_UNAUTHORIZED=0 GIT_SSL_NO_VERIFY=1
            SSL_NO_VERIFY=1 CURL_SSL_NO_VERIFY=1 OPENSSL_CONF=/dev/null"
    tls_refused() {   # DESCRIPTION URL [env...]: the call must fail with exit 3
        _d=$1 _u=$2; shift 2
        env "$@" "$SAGESCALE" recommend --job job-1 --recommendation-id r-1 --endpoint-url "$_u" \
            >"$TEST_TMP/tls.out" 2>"$TEST_TMP/tls.err"
        _rc=$?
        if [ $_rc -eq 3 ] && [ ! -s "$TEST_TMP/tls.out" ]; then ok "TLS: $_d: refused (exit 3)"
        else fail "TLS: $_d: refused (exit 3, got $_rc)"; sed 's/^/#   /' "$TEST_TMP/tls.err"; fi
    }
    tls_refused "self-signed, not trusted" "$TLS_URL"
    tls_refused "self-signed, with every 'insecure' variable set" "$TLS_URL" $weaken
    tls_refused "AWS_CA_BUNDLE=/dev/null" "$TLS_URL" AWS_CA_BUNDLE=/dev/null
    tls_refused "AWS_CA_BUNDLE= (empty)" "$TLS_URL" AWS_CA_BUNDLE=
    tls_refused "AWS_CA_BUNDLE=/nonexistent" "$TLS_URL" AWS_CA_BUNDLE=/nonexistent
    tls_refused "AWS_CA_BUNDLE=/dev/null with every 'insecure' variable" "$TLS_URL" AWS_CA_BUNDLE=/dev/null $weaken
    tls_refused "trusted certificate for another name" "$WRONG_URL" AWS_CA_BUNDLE=$TEST_TMP/wrong.pem
    tls_refused "another name, with every 'insecure' variable" "$WRONG_URL" AWS_CA_BUNDLE=$TEST_TMP/wrong.pem $weaken
    cat >"$HOME/.aws/config" <<EOC
[default]
ca_bundle = /dev/null
EOC
    tls_refused "ca_bundle = /dev/null in the config file" "$TLS_URL"
    env AWS_CA_BUNDLE="$TEST_TMP/cert.pem" "$SAGESCALE" recommend --job job-1 --recommendation-id r-1 \
        --endpoint-url "$TLS_URL" --ca-bundle /dev/null >/dev/null 2>&1
    check "TLS: --ca-bundle /dev/null wins over a good AWS_CA_BUNDLE: refused" test $? -eq 3
    rm -f "$HOME/.aws/config"
else
    skip "TLS: openssl cannot make a test certificate"
fi

# ---- 4. Plain http:// ----
t0=$(date +%s)
recommend --endpoint-url http://192.0.2.1:9/ >"$TEST_TMP/h.out" 2>"$TEST_TMP/h.err"
rc=$?
check "http to a non-loopback host: refused (exit 3)" test $rc -eq 3
contains "http to a non-loopback host: says how to allow it" "$TEST_TMP/h.err" "--allow-http"
check "http to a non-loopback host: refused before connecting (< 2 s)" test $(( $(date +%s) - t0 )) -lt 2
for u in http://127.0.0.1.nip.io:9/ http://localhost.evil.example:9/ 'http://[::ffff:10.0.0.1]:9/'; do
    recommend --endpoint-url "$u" >/dev/null 2>"$TEST_TMP/h.err"
    rc=$?
    if [ $rc -eq 3 ] && grep -q -- --allow-http "$TEST_TMP/h.err"; then ok "http to $u: refused"
    else fail "http to $u: refused (exit $rc)"; sed 's/^/#   /' "$TEST_TMP/h.err"; fi
done
recommend --endpoint-url http://192.0.2.1:9/ --allow-http --connect-timeout 1 >/dev/null 2>"$TEST_TMP/h.err"
lacks "http with --allow-http: not refused (it tries, and fails to connect here)" "$TEST_TMP/h.err" "--allow-http"
fault_start canned "$H/ok"
port=${FAULT_URL##*:}
recommend --endpoint-url "http://localhost:$port/" >/dev/null 2>"$TEST_TMP/h.err"
check "http to localhost (loopback) is allowed" test $? -eq 0
sim_stop "$FAULT_PID"

tap_done
