#!/bin/bash
# `sagescale sim --tls-cert --tls-key`: HTTPS with a throwaway CA made here.
# curl and sagescale succeed when given the CA (--cacert, --ca-bundle,
# AWS_CA_BUNDLE) and fail with a clear TLS error without it.
. "$top_srcdir/tests/lib/lib.sh"
command -v curl >/dev/null || tap_skip_all "curl not installed"
command -v openssl >/dev/null || tap_skip_all "openssl not installed"

cd "$TEST_TMP" || exit 1
mk() {
    openssl req -x509 -newkey ec -pkeyopt ec_paramgen_curve:prime256v1 -nodes -keyout ca.key -out ca.pem \
        -days 2 -subj /CN=sagescale-test-ca &&
    openssl req -newkey ec -pkeyopt ec_paramgen_curve:prime256v1 -nodes -keyout srv.key -out srv.csr \
        -subj /CN=127.0.0.1 &&
    printf 'subjectAltName=IP:127.0.0.1,DNS:localhost\nbasicConstraints=CA:FALSE\nextendedKeyUsage=serverAuth\n' >ext &&
    openssl x509 -req -in srv.csr -CA ca.pem -CAkey ca.key -CAcreateserial -out srv.pem -days 2 -extfile ext
}
mk >openssl.log 2>&1 || { diag "openssl failed:"; sed 's/^/#   /' openssl.log; tap_skip_all "cannot make a test CA"; }
# Another CA, which did not sign the server's certificate.
openssl req -x509 -newkey ec -pkeyopt ec_paramgen_curve:prime256v1 -nodes -keyout other.key -out other.pem \
    -days 2 -subj /CN=other-ca >/dev/null 2>&1

OUT=$TEST_TMP/out
sim_start --quiet --tls-cert srv.pem --tls-key srv.key || { fail "TLS simulator starts"; tap_done; }
case $SIM_URL in https://127.0.0.1:*) ok "prints an https URL ($SIM_URL)";; *) fail "prints an https URL ($SIM_URL)";; esac
call() {
    curl -s -o "$OUT" -w '%{http_code}' --max-time 10 --aws-sigv4 "aws:amz:us-east-1:sagemaker" \
        --user AKIDSAGESCALEDEMO:sagescale-demo-secret -H 'X-Amz-Target: SageMaker.ListInferenceRecommendationsJobs' \
        -H 'Content-Type: application/x-amz-json-1.1' --data-binary '{}' "$@" "$SIM_URL/"
}
code=$(call --cacert ca.pem); rc=$?
if [ "$code" = 200 ] && [ $rc -eq 0 ]; then ok "curl --cacert: 200 over TLS"; else fail "curl --cacert: 200 over TLS"; diag "code $code rc $rc"; fi
contains "curl --cacert: the jobs" "$OUT" '"InferenceRecommendationsJobs"'
call >/dev/null; rc=$?
if [ $rc -eq 60 ]; then ok "curl without the CA: certificate refused (60)"; else fail "curl without the CA: certificate refused (60)"; diag "curl exit $rc"; fi
call --cacert other.pem >/dev/null; rc=$?
if [ $rc -eq 60 ]; then ok "curl with another CA: refused (60)"; else fail "curl with another CA: refused (60)"; diag "curl exit $rc"; fi
code=$(curl -s -o /dev/null -w '%{http_code}' --max-time 5 "http://${SIM_URL#https://}/"); rc=$?
check "plain HTTP to the TLS port gets no answer" test "$code" != 200

# sagescale's own client, when it is built.
REC="--endpoint-url $SIM_URL --region us-east-1 --job churn-xgboost-default --recommendation-id churn-xgboost-default/0b9f42d1 --output json"
if "$SAGESCALE" recommend --help >/dev/null 2>&1; then
    "$SAGESCALE" recommend $REC --ca-bundle ca.pem >rec.out 2>rec.err; rc=$?
    check "sagescale recommend --ca-bundle: succeeds" test $rc -eq 0
    contains "sagescale recommend --ca-bundle: the answer" rec.out '"InvocationsPerInstance": 3567'
    AWS_CA_BUNDLE=$TEST_TMP/ca.pem "$SAGESCALE" recommend $REC >rec.out 2>rec.err; rc=$?
    check "sagescale recommend with AWS_CA_BUNDLE: succeeds" test $rc -eq 0
    "$SAGESCALE" recommend $REC >rec.out 2>rec.err; rc=$?
    check "sagescale recommend without the CA: fails (exit 3)" test $rc -eq 3
    if grep -qiE 'certificate|TLS|SSL' rec.err; then ok "without the CA: a clear TLS error"
    else fail "without the CA: a clear TLS error"; sed 's/^/#   /' rec.err; fi
    check "without the CA: nothing on stdout" test ! -s rec.out
else
    skip "sagescale recommend not built"; skip "-"; skip "-"; skip "-"; skip "-"; skip "-"
fi
sim_stop "$SIM_PID"

"$SAGESCALE" sim --port 0 --tls-cert srv.pem --tls-key /nonexistent.key >/dev/null 2>err; rc=$?
check "a missing key file: exit 3" test $rc -eq 3
contains "a missing key file: says which" err "/nonexistent.key"
timeout 10 "$SAGESCALE" sim --port 0 --tls-cert ca.key --tls-key srv.pem >/dev/null 2>err; rc=$?
check "a certificate that is not one: exit 3, not a crash" test $rc -eq 3
# Under ASan/UBSan (CI), what the simulator processes reported at exit.
if cat "$TEST_TMP"/sim.*.out 2>/dev/null | grep -qE 'Sanitizer|runtime error'; then
    fail "no sanitizer report from the simulator"; cat "$TEST_TMP"/sim.*.out | grep -A15 -E 'Sanitizer|runtime error' | head -40 | sed 's/^/#   /'
else ok "no sanitizer report from the simulator"; fi
tap_done
