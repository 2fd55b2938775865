#!/bin/bash
# bench/cred.sh: what credential resolution costs.
#  1. An earlier source answers (environment, shared file, config file):
#     microseconds per resolution in process (bench/credres), and the whole
#     `recommend` with the metadata provider pointed at a loopback server
#     that never answers: a probe would cost its 1 s timeout (goal: <= 1 ms
#     added; the server's log shows no metadata request).
#  2. No source at all, the metadata endpoint a loopback "black hole" (it
#     accepts and never answers, as a laptop's 169.254.169.254 never
#     answers): how long sagescale and `aws` take to give up, same run,
#     same endpoint (goal: sagescale no later than the AWS CLI).
# Prints rows "figure|ours|peer|ratio|goal|met?" for bench/run.
#   SAGESCALE=./sagescale RUNS=20 bash bench/cred.sh
set -u
SAGESCALE=${SAGESCALE:-./sagescale}
builddir=${top_builddir:-$(dirname "$SAGESCALE")}
RUNS=${RUNS:-20}
tmp=$(mktemp -d "${TMPDIR:-/tmp}/sagescale-bench-cred.XXXXXX")
PIDS=
cleanup() { for p in $PIDS; do kill "$p" 2>/dev/null; done; wait 2>/dev/null; rm -rf "$tmp"; }
trap cleanup EXIT
export HOME=$tmp
mkdir -p "$HOME/.aws"
unset AWS_PROFILE AWS_DEFAULT_PROFILE AWS_CONFIG_FILE AWS_SHARED_CREDENTIALS_FILE AWS_SESSION_TOKEN \
      AWS_CONTAINER_CREDENTIALS_RELATIVE_URI AWS_CONTAINER_CREDENTIALS_FULL_URI AWS_ENDPOINT_URL
export AWS_REGION=us-east-1 AWS_DEFAULT_REGION=us-east-1
printf '[filep]\naws_access_key_id = AKIDSAGESCALEDEMO\naws_secret_access_key = sagescale-demo-secret\n' \
    >"$HOME/.aws/credentials"
printf '[profile filep]\nregion = us-east-1\n[profile confp]\nregion = us-east-1\naws_access_key_id = AKIDSAGESCALEDEMO\naws_secret_access_key = sagescale-demo-secret\n' \
    >"$HOME/.aws/config"

# A loopback black hole: accepts connections, never answers.
python3 - "$tmp/hole.port" >"$tmp/hole.out" <<'PY' &
import socket, sys, time
s = socket.socket(); s.bind(("127.0.0.1", 0)); s.listen(64)
open(sys.argv[1] + ".tmp", "w").write(str(s.getsockname()[1]))
import os; os.rename(sys.argv[1] + ".tmp", sys.argv[1])
conns = []
end = time.time() + 600
while time.time() < end:
    c, _ = s.accept(); conns.append(c)
    print("probe", flush=True)
PY
PIDS="$PIDS $!"
for _ in $(seq 100); do [ -s "$tmp/hole.port" ] && break; sleep 0.05; done
HOLE=http://127.0.0.1:$(cat "$tmp/hole.port")
export AWS_EC2_METADATA_SERVICE_ENDPOINT=$HOLE
unset AWS_EC2_METADATA_DISABLED

"$SAGESCALE" sim --port 0 --quiet >"$tmp/sim.log" 2>&1 &
PIDS="$PIDS $!"
URL=
for _ in $(seq 100); do
    URL=$(sed -n 's/^[^h]*\(http:\/\/127\.0\.0\.1:[0-9][0-9]*\).*/\1/p' "$tmp/sim.log" | head -1)
    [ -n "$URL" ] && break; sleep 0.05
done
[ -n "$URL" ] || { echo "bench/cred.sh: the simulator did not start" >&2; exit 1; }
JOB=churn-xgboost-default
REC=churn-xgboost-default/7c3e1a90

ms() { python3 -c 'import sys,time,subprocess
n=int(sys.argv[1]); t=time.perf_counter()
for _ in range(n): subprocess.run(sys.argv[2:], stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
print("%.2f" % ((time.perf_counter()-t)*1000/n))' "$@"; }

# 1a. in process
if [ -x "$builddir/bench/credres" ]; then
    AWS_ACCESS_KEY_ID=AKIDSAGESCALEDEMO AWS_SECRET_ACCESS_KEY=sagescale-demo-secret \
        "$builddir/bench/credres" 2000 | tee "$tmp/credres"
    for src in env shared-credentials-file config-file; do
        us=$(sed -n "s/^credres $src: \([0-9.]*\) us.*/\1/p" "$tmp/credres")
        echo "credential resolution ($src answers), us|$us|-|-|<= 1000 us|$(awk -v a="$us" 'BEGIN{print (a+0 <= 1000) ? "yes" : "no"}')"
    done
fi
# 1b. whole recommend: env credentials, metadata provider enabled (black
# hole) against disabled, interleaved, medians; and no probe at all.
probes0=$(grep -c probe "$tmp/hole.out")
read -r with without < <(AWS_ACCESS_KEY_ID=AKIDSAGESCALEDEMO AWS_SECRET_ACCESS_KEY=sagescale-demo-secret \
    python3 - "$RUNS" "$SAGESCALE" recommend --endpoint-url "$URL" --job $JOB --recommendation-id $REC <<'PY'
import os, statistics, subprocess, sys, time
n, cmd = int(sys.argv[1]), sys.argv[2:]
on, off = [], []
for _ in range(n):
    for env, out in ((dict(os.environ), on), (dict(os.environ, AWS_EC2_METADATA_DISABLED="true"), off)):
        t = time.perf_counter()
        subprocess.run(cmd, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        out.append((time.perf_counter() - t) * 1000)
print("%.2f %.2f" % (statistics.median(on), statistics.median(off)))
PY
)
probes=$(( $(grep -c probe "$tmp/hole.out") - probes0 ))
echo "recommend ms (median), env keys, metadata on; $probes metadata probes|$with|$without (metadata disabled)|$(awk -v a="$with" -v b="$without" 'BEGIN{printf "%+.2f ms", a-b}')|<= +1 ms, 0 probes|$(awk -v a="$with" -v b="$without" -v p="$probes" 'BEGIN{print (a-b <= 1 && p == 0) ? "yes" : "no"}')"

# 2. no source: give-up time, sagescale and aws
unset AWS_ACCESS_KEY_ID AWS_SECRET_ACCESS_KEY
rm -f "$HOME/.aws/credentials" "$HOME/.aws/config"
ours=$(ms 3 "$SAGESCALE" recommend --endpoint-url "$URL" --job $JOB --recommendation-id $REC)
"$SAGESCALE" recommend --endpoint-url "$URL" --job $JOB --recommendation-id $REC >/dev/null 2>"$tmp/ours.err"
echo "sagescale says: $(head -1 "$tmp/ours.err")" >&2
if command -v aws >/dev/null 2>&1; then
    peer=$(ms 3 aws sagemaker get-scaling-configuration-recommendation --endpoint-url "$URL" \
           --inference-recommendations-job-name $JOB --recommendation-id $REC)
    aws sagemaker get-scaling-configuration-recommendation --endpoint-url "$URL" \
        --inference-recommendations-job-name $JOB --recommendation-id $REC >/dev/null 2>"$tmp/aws.err"
    echo "aws says: $(grep . "$tmp/aws.err" | tail -1)" >&2
    echo "no credentials anywhere: give-up ms (metadata black hole)|$ours|$peer (aws cli)|$(awk -v a="$ours" -v b="$peer" 'BEGIN{printf "%.2f", a/b}')|<= aws|$(awk -v a="$ours" -v b="$peer" 'BEGIN{print (a+0 <= b+0) ? "yes" : "no"}')"
else
    echo "no credentials anywhere: give-up ms (metadata black hole)|$ours|-|-|<= aws|?"
fi
