#!/bin/sh
# `sagescale replay --traffic cloudwatch:...`: GetMetricData (JSON 1.0,
# signing name monitoring) against the simulator, checked against boto3's
# own paginator over the same range, and against moto (moto_server on a
# free loopback port, checking signatures: INITIAL_NO_AUTH_ACTION_COUNT=0),
# after boto3 put_metric_data; a metric without data says so.
. "$top_srcdir/tests/lib/lib.sh"
command -v python3 >/dev/null 2>&1 || tap_skip_all "python3 not installed"
python3 -c 'import boto3' 2>/dev/null || tap_skip_all "boto3 not installed"

JOB=churn-xgboost-default
REC=churn-xgboost-default/7c3e1a90
OUT=$TEST_TMP/out
ERR=$TEST_TMP/err
T=$TEST_TMP
NOW=$(date +%s)
END=$((NOW - NOW % 60 - 86400))
START=$((END - 2 * 86400))

replay() { timeout 60 "$SAGESCALE" replay --job $JOB --recommendation-id $REC "$@" >"$OUT" 2>"$ERR"; }

# boto3_series URL KEY SECRET ENDPOINT VARIANT START END [MAXDP] > FILE:
# "epoch value" lines and, on stderr, the number of pages, from boto3's paginator.
boto3_series() {
    python3 - "$@" <<'EOF'
import sys, boto3, calendar
url, key, secret, ep, var, start, end = sys.argv[1:8]
maxdp = int(sys.argv[8]) if len(sys.argv) > 8 else None
cw = boto3.client("cloudwatch", endpoint_url=url, region_name="us-east-1",
                  aws_access_key_id=key, aws_secret_access_key=secret)
args = dict(MetricDataQueries=[{"Id": "inv", "MetricStat": {"Metric": {
    "Namespace": "AWS/SageMaker", "MetricName": "Invocations", "Dimensions": [
        {"Name": "EndpointName", "Value": ep}, {"Name": "VariantName", "Value": var}]},
    "Period": 60, "Stat": "Sum"}}], StartTime=int(start), EndTime=int(end),
    ScanBy="TimestampAscending")
if maxdp:
    args["MaxDatapoints"] = maxdp
pages = 0
for page in cw.get_paginator("get_metric_data").paginate(**args):
    pages += 1
    r = page["MetricDataResults"][0]
    for t, v in zip(r["Timestamps"], r["Values"]):
        print(calendar.timegm(t.utctimetuple()), "%.0f" % v)
sys.stderr.write("%d\n" % pages)
EOF
}

# timeline_series FILE: "epoch value" lines of the minutes with data.
timeline_series() {
    python3 - "$1" <<'EOF'
import sys, csv, calendar, time
for row in csv.DictReader(open(sys.argv[1])):
    if row["state"] != "gap":
        t = calendar.timegm(time.strptime(row["timestamp"], "%Y-%m-%dT%H:%M:%SZ"))
        print(t, row["invocations"])
EOF
}

# --- the simulator ---------------------------------------------------------------
if sim_start; then
    boto3_series "$SIM_URL" "$AWS_ACCESS_KEY_ID" "$AWS_SECRET_ACCESS_KEY" churn-prod primary \
        $START $END 1000 >"$T/boto3.sim" 2>"$T/boto3.pages"
    check "boto3 reads the simulator's series in several pages ($(cat "$T/boto3.pages"))" \
        [ "$(cat "$T/boto3.pages")" -gt 1 ]
    boto3_series "$SIM_URL" "$AWS_ACCESS_KEY_ID" "$AWS_SECRET_ACCESS_KEY" churn-prod primary \
        $START $END >"$T/boto3.sim1" 2>/dev/null
    check "pages of 1000 and one page give the same series" cmp -s "$T/boto3.sim" "$T/boto3.sim1"
    replay --traffic cloudwatch:churn-prod:primary --from $START --to $END \
        --timeline "$T/tl.sim" --debug; rc=$?
    check "replay from the simulator's CloudWatch succeeds" [ $rc -eq 0 ]
    contains "GetMetricData is sent as JSON 1.0" "$ERR" "Content-Type: application/x-amz-json-1.0"
    contains "with its X-Amz-Target" "$ERR" "X-Amz-Target: GraniteServiceVersion20100801.GetMetricData"
    contains "signed for monitoring" "$ERR" "/us-east-1/monitoring/aws4_request"
    contains "what was read is shown" "$ERR" \
        "Traffic: CloudWatch AWS/SageMaker Invocations of churn-prod/primary (1 page)"
    timeline_series "$T/tl.sim" >"$T/ours.sim"
    check "sagescale read the same minutes and values as boto3 ($(wc -l <"$T/boto3.sim") points)" \
        cmp -s "$T/boto3.sim" "$T/ours.sim"
    [ -s "$T/boto3.sim" ] || fail "boto3 read no points"
    points=$(wc -l <"$T/boto3.sim")
    contains "the points are counted" "$ERR" "2880 minutes, $points points"

    replay --traffic cloudwatch:churn-prod:no-such-variant --since 1d; rc=$?
    check "a variant without data: exit 1" [ $rc -eq 1 ]
    contains "a variant without data: said so" "$ERR" \
        "CloudWatch has no AWS/SageMaker Invocations for endpoint churn-prod, variant no-such-variant"
    contains "a variant without data: 0 points shown" "$ERR" "0 points"
    replay --traffic cloudwatch:churn-prod:primary --from $((NOW - 40 * 86400)) \
        --to $((NOW - 30 * 86400)); rc=$?
    check "a range older than the 15 days kept: exit 1" [ $rc -eq 1 ]
    sim_stop "$SIM_PID"
else
    fail "the simulator starts"
fi

# --- moto ------------------------------------------------------------------------
if ! command -v moto_server >/dev/null 2>&1; then
    skip "moto_server not installed"
    tap_done
fi
PORT=$(python3 -c 'import socket; s = socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])')
INITIAL_NO_AUTH_ACTION_COUNT=0 timeout 120 moto_server -H 127.0.0.1 -p "$PORT" >"$T/moto.log" 2>&1 &
MOTO_PID=$!
SIM_PIDS="$SIM_PIDS $MOTO_PID"
MOTO=http://127.0.0.1:$PORT
i=0
until python3 -c "import urllib.request; urllib.request.urlopen('$MOTO/moto-api/')" 2>/dev/null; do
    i=$((i + 1)); [ $i -gt 100 ] && break; sleep 0.1
done
# An IAM user with a key: the first three actions go unauthenticated, then
# every request's signature is checked.  Then 3 hours of Invocations but
# for a 5-minute gap, ending an hour ago.
MEND=$((NOW - NOW % 60 - 3600))
MSTART=$((MEND - 3 * 3600))
python3 - "$MOTO" $MSTART >"$T/moto.key" 2>"$T/moto.err" <<'EOF'
import sys, boto3, botocore.config, datetime, urllib.request
url, start = sys.argv[1], int(sys.argv[2])
urllib.request.urlopen(urllib.request.Request(url + "/moto-api/reset-auth", data=b"3",
                       method="POST", headers={"Content-Type": "text/plain"}))
iam = boto3.client("iam", endpoint_url=url, region_name="us-east-1",
                   aws_access_key_id="bootstrap", aws_secret_access_key="bootstrap")
iam.create_user(UserName="replay")
k = iam.create_access_key(UserName="replay")["AccessKey"]
iam.put_user_policy(UserName="replay", PolicyName="all", PolicyDocument=
    '{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Action":"*","Resource":"*"}]}')
# moto cannot read the gzip'd bodies boto3 sends for large PutMetricData.
cw = boto3.client("cloudwatch", endpoint_url=url, region_name="us-east-1",
                  aws_access_key_id=k["AccessKeyId"], aws_secret_access_key=k["SecretAccessKey"],
                  config=botocore.config.Config(disable_request_compression=True))
data = [{"MetricName": "Invocations", "Dimensions": [{"Name": "EndpointName", "Value": "moto-ep"},
         {"Name": "VariantName", "Value": "AllTraffic"}],
         "Timestamp": datetime.datetime.fromtimestamp(start + 60 * m, datetime.timezone.utc),
         "Value": float(1000 + 900 * (m % 60 >= 30) + m)}
        for m in range(180) if not 100 <= m < 105]
for i in range(0, len(data), 500):
    cw.put_metric_data(Namespace="AWS/SageMaker", MetricData=data[i:i + 500])
print(k["AccessKeyId"], k["SecretAccessKey"])
EOF
check "moto: a key made and data put" test -s "$T/moto.key"
[ -s "$T/moto.key" ] || { sed "s/^/#   /" "$T/moto.err" | tail -5; tail -5 "$T/moto.log" | sed "s/^/#   /"; }
read -r MKEY MSECRET <"$T/moto.key"
# The simulator answers SageMaker with the same key; CloudWatch is moto.
if sim_start --access-key "$MKEY" --secret-key "$MSECRET"; then
    AWS_ACCESS_KEY_ID=$MKEY; AWS_SECRET_ACCESS_KEY=$MSECRET
    unset AWS_ENDPOINT_URL
    AWS_ENDPOINT_URL_SAGEMAKER=$SIM_URL; AWS_ENDPOINT_URL_CLOUDWATCH=$MOTO
    export AWS_ENDPOINT_URL_SAGEMAKER AWS_ENDPOINT_URL_CLOUDWATCH
    boto3_series "$MOTO" "$MKEY" "$MSECRET" moto-ep AllTraffic $MSTART $MEND >"$T/boto3.moto" 2>/dev/null
    check "moto: boto3 reads 175 points back" [ "$(wc -l <"$T/boto3.moto")" -eq 175 ]
    replay --traffic cloudwatch:moto-ep --from $MSTART --to $MEND --timeline "$T/tl.moto"; rc=$?
    check "moto: replay succeeds" [ $rc -eq 0 ]
    [ $rc -eq 0 ] || sed 's/^/#   /' "$ERR" | head -5
    contains "moto: 180 minutes, 175 points, the 5-minute gap" "$ERR" \
        "180 minutes, 175 points, 1 gap (5 minutes without data"
    timeline_series "$T/tl.moto" >"$T/ours.moto"
    check "moto: the same minutes and values as boto3" cmp -s "$T/boto3.moto" "$T/ours.moto"
    replay --traffic cloudwatch:moto-ep:other --from $MSTART --to $MEND; rc=$?
    check "moto: a variant without data: exit 1" [ $rc -eq 1 ]
    contains "moto: a variant without data: said so" "$ERR" "CloudWatch has no AWS/SageMaker Invocations"
    AWS_SECRET_ACCESS_KEY=wrong-secret replay --traffic cloudwatch:moto-ep --from $MSTART --to $MEND
    rc=$?
    check "moto: a wrong secret is refused (moto checks the signature)" [ $rc -ne 0 ]
    contains "moto: the refusal is shown" "$ERR" "Signature"
fi
tap_done
