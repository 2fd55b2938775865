#!/bin/sh
# The Terraform export: HCL that terraform itself reads and finds in its
# canonical format (`terraform fmt -check`, when terraform is installed:
# no provider or network is needed for it), a small HCL reader here
# (blocks, attributes, HCL's string escapes) that finds in it exactly the
# values of the CloudFormation export of the same recommendation, and the
# hostile golden file's strings decoded back to the hostile input.
. "$top_srcdir/tests/lib/lib.sh"

TOOL=$top_builddir/tests/lib/export-tool
[ -x "$TOOL" ] || tap_skip_all "tests/lib/export-tool not built"
command -v python3 >/dev/null 2>&1 || tap_skip_all "python3 is needed"
sim_start --quiet || tap_skip_all "the simulator did not start"
cd "$TEST_TMP" || exit 1

JOB=churn-xgboost-default
REC=churn-xgboost-default/7c3e1a90
"$SAGESCALE" recommend --job "$JOB" --recommendation-id "$REC" --cpu 60 \
    --min-invocations 100 --max-invocations 5000 >resp.json 2>err
check "a recommendation to export" test -s resp.json
echo '{}' >req.json
"$TOOL" terraform resp.json req.json churn-prod primary - us-east-1 >main.tf 2>err
check "export-tool terraform: exit 0" test $? = 0
"$TOOL" cloudformation resp.json req.json churn-prod primary - us-east-1 >cfn.json 2>err
cp "$top_srcdir/tests/data/golden/hostile-terraform.tf" hostile.tf

if command -v terraform >/dev/null 2>&1; then
    for f in main.tf hostile.tf; do
        mkdir -p "fmt-$f" && cp "$f" "fmt-$f/main.tf"
        TF_CLI_CONFIG_FILE=/dev/null TF_IN_AUTOMATION=1 terraform fmt -check -diff "fmt-$f/main.tf" >fmt.out 2>&1
        rc=$?
        check "terraform fmt -check $f: HCL it reads, in its canonical format" test "$rc" = 0
        [ "$rc" = 0 ] || sed 's/^/# /' fmt.out | head -20
    done
    mkdir -p bad && printf 'x = "a\\q"\n' >bad/main.tf
    TF_CLI_CONFIG_FILE=/dev/null terraform fmt -check bad/main.tf >/dev/null 2>&1
    check "(terraform fmt refuses HCL that is wrong: the check can fail)" test $? = 2
else
    skip "terraform is not installed"; skip "terraform is not installed"; skip "terraform is not installed"
fi

cat >hcl.py <<'EOF2'
# A small reader of the HCL the export writes: resource blocks, nested
# blocks (repeated ones become lists), attributes with quoted strings
# (HCL's escapes, $${ and %%{), numbers, true/false and references.
import json, re, sys

def unquote(s, i):
    assert s[i] == '"'
    out, i = [], i + 1
    while s[i] != '"':
        c = s[i]
        if c == '\\':
            e = s[i + 1]
            if e in 'nrt"\\':
                out.append({'n': '\n', 'r': '\r', 't': '\t', '"': '"', '\\': '\\'}[e]); i += 2
            elif e == 'u':
                out.append(chr(int(s[i + 2:i + 6], 16))); i += 6
            elif e == 'U':
                out.append(chr(int(s[i + 2:i + 10], 16))); i += 10
            else:
                raise ValueError("bad escape \\" + e)
        elif s.startswith('$${', i) or s.startswith('%%{', i):
            out.append(c + '{'); i += 3
        elif s.startswith('${', i) or s.startswith('%{', i):
            raise ValueError("template sequence in a string")
        elif c == '\n':
            raise ValueError("newline in a string")
        else:
            out.append(c); i += 1
    return ''.join(out), i + 1

def parse(text):
    lines = [l for l in text.split('\n') if l.strip() and not l.strip().startswith('#')]
    root, stack = {}, []
    cur = root
    for l in lines:
        t = l.strip()
        m = re.match(r'^resource "([a-z_]+)" "([a-z0-9_]+)" \{$', t)
        if m:
            blk = {}
            root.setdefault(m.group(1), {})[m.group(2)] = blk
            stack.append(cur); cur = blk; continue
        m = re.match(r'^([a-z_]+) \{$', t)
        if m:
            blk = {}
            cur.setdefault(m.group(1), []).append(blk)
            stack.append(cur); cur = blk; continue
        if t == '}':
            cur = stack.pop(); continue
        m = re.match(r'^([a-z_]+) += (.*)$', t)
        assert m, "not HCL the export writes: " + t
        k, v = m.group(1), m.group(2)
        if v.startswith('"'):
            val, end = unquote(v, 0)
            assert end == len(v), "text after a string: " + t
        elif v in ('true', 'false'):
            val = v == 'true'
        elif re.match(r'^-?[0-9]+$', v):
            val = int(v)
        elif re.match(r'^-?[0-9.]+([eE][-+]?[0-9]+)?$', v):
            val = float(v)
        else:
            assert re.match(r'^[a-z_]+\.[a-z0-9_]+\.[a-z_]+$', v), "unknown value " + v
            val = ('ref', v)
        cur[k] = val
    assert not stack, "unclosed block"
    return root

if __name__ == '__main__':
    print(json.dumps(parse(open(sys.argv[1]).read()), default=str))
EOF2

if python3 - <<'EOF2' >py.out 2>&1
import json, sys
sys.path.insert(0, '.')
from hcl import parse
tf = parse(open('main.tf').read())
cfn = json.load(open('cfn.json'))['Resources']
t = tf['aws_appautoscaling_target']['sagemaker_variant']
ct = cfn['ScalableTarget']['Properties']
assert (t['service_namespace'], t['resource_id'], t['scalable_dimension'], t['min_capacity'], t['max_capacity']) == \
       (ct['ServiceNamespace'], ct['ResourceId'], ct['ScalableDimension'], ct['MinCapacity'], ct['MaxCapacity']), (t, ct)
pols = tf['aws_appautoscaling_policy']
assert len(pols) == 2, pols.keys()
for i in (1, 2):
    p, c = pols['policy_%d' % i], cfn['ScalingPolicy%d' % i]['Properties']
    assert p['name'] == c['PolicyName'] and p['policy_type'] == c['PolicyType']
    assert p['resource_id'] == ('ref', 'aws_appautoscaling_target.sagemaker_variant.resource_id')
    tt, ctt = p['target_tracking_scaling_policy_configuration'][0], c['TargetTrackingScalingPolicyConfiguration']
    assert tt['target_value'] == ctt['TargetValue'] and tt['scale_in_cooldown'] == ctt['ScaleInCooldown'] \
        and tt['scale_out_cooldown'] == ctt['ScaleOutCooldown'], (tt, ctt)
    if 'PredefinedMetricSpecification' in ctt:
        assert tt['predefined_metric_specification'][0]['predefined_metric_type'] == ctt['PredefinedMetricSpecification']['PredefinedMetricType']
    else:
        cm, ccm = tt['customized_metric_specification'][0], ctt['CustomizedMetricSpecification']
        assert (cm['metric_name'], cm['namespace'], cm['statistic']) == (ccm['MetricName'], ccm['Namespace'], ccm['Statistic'])
        assert [{'Name': d['name'], 'Value': d['value']} for d in cm['dimensions']] == ccm['Dimensions']
EOF2
then ok "the HCL holds exactly the CloudFormation export's values (target, 2 policies, metrics, dimensions)"
else fail "the HCL holds exactly the CloudFormation export's values (target, 2 policies, metrics, dimensions)"; sed 's/^/# /' py.out | tail -5; fi

if python3 - <<'EOF2' >py.out 2>&1
import sys
sys.path.insert(0, '.')
from hcl import parse
tf = parse(open('hostile.tf').read())
t = tf['aws_appautoscaling_target']['sagemaker_variant']
assert t['resource_id'] == "endpoint/ep'$(touch /tmp/pwned)`x`/variant/v\"\n\t\u202e", repr(t['resource_id'])
p = tf['aws_appautoscaling_policy']['policy_1']
assert p['name'] == "p\\'\r-1", repr(p['name'])
EOF2
then ok "the hostile golden file: quotes, backslashes, controls and bidi marks decode back to the input"
else fail "the hostile golden file: quotes, backslashes, controls and bidi marks decode back to the input"; sed 's/^/# /' py.out | tail -5; fi
tap_done
