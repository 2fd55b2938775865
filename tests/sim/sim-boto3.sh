#!/bin/bash
# Interoperability: boto3 (botocore's parsers and paginators) against
# `sagescale sim`.  Skips cleanly where boto3 is not installed.
. "$top_srcdir/tests/lib/lib.sh"
command -v python3 >/dev/null || tap_skip_all "python3 not installed"
python3 -c 'import boto3' 2>/dev/null || tap_skip_all "boto3 not installed"

sim_start --quiet || { fail "simulator starts"; tap_done; }
export AWS_EC2_METADATA_DISABLED=true
# The script prints TAP lines of its own ("ok - ..." / "not ok - ..."),
# numbered here.
timeout 120 python3 - "$SIM_URL" >"$TEST_TMP/py.out" 2>"$TEST_TMP/py.err" <<'PY'
import sys
import boto3, botocore.config, botocore.exceptions
url = sys.argv[1]
cfg = botocore.config.Config(retries={"max_attempts": 1}, connect_timeout=5, read_timeout=10)
def client(name, secret="sagescale-demo-secret"):
    return boto3.client(name, endpoint_url=url, region_name="us-east-1", config=cfg,
                        aws_access_key_id="AKIDSAGESCALEDEMO", aws_secret_access_key=secret)
def check(desc, cond):
    print(("ok" if cond else "not ok") + " - " + desc)
sm, aas = client("sagemaker"), client("application-autoscaling")

r = sm.get_scaling_configuration_recommendation(
    InferenceRecommendationsJobName="bert-ner-default", RecommendationId="bert-ner-default/4d8e0f17",
    TargetCpuUtilizationPerCore=40,
    ScalingPolicyObjective={"MinInvocationsPerMinute": 500, "MaxInvocationsPerMinute": 12000})
check("boto3 get_scaling_configuration_recommendation parses", "Metric" in r)
# floor(3260 * 40 / 41.5) = 3142; ceil(12000 / 3142) = 4; GPU cooldowns
check("... the model's figures", r["Metric"]["InvocationsPerInstance"] == 3142
      and r["DynamicScalingConfiguration"]["MaxCapacity"] == 4
      and r["DynamicScalingConfiguration"]["ScaleInCooldown"] == 600
      and r["DynamicScalingConfiguration"]["ScaleOutCooldown"] == 120)
check("... request id in the metadata", len(r["ResponseMetadata"]["RequestId"]) == 36)

pages = list(sm.get_paginator("list_inference_recommendations_jobs").paginate(PaginationConfig={"PageSize": 2}))
names = [j["JobName"] for p in pages for j in p["InferenceRecommendationsJobs"]]
check("the paginator follows NextToken through %d pages" % len(pages), len(pages) == 3 and len(set(names)) == 6)
check("... timestamps become datetimes", hasattr(pages[0]["InferenceRecommendationsJobs"][0]["CreationTime"], "year"))

d = sm.describe_inference_recommendations_job(JobName="resnet50-advanced")
check("describe_inference_recommendations_job parses", d["EndpointPerformances"][0]["EndpointInfo"]["EndpointName"] == "resnet50-prod")

def error_code(fn, **kw):
    try:
        fn(**kw)
    except botocore.exceptions.ClientError as e:
        return e.response["Error"]["Code"], e.response["ResponseMetadata"]["HTTPStatusCode"]
    return None, 200
check("unknown job: ResourceNotFound 400", error_code(sm.describe_inference_recommendations_job, JobName="nope") == ("ResourceNotFound", 400))
check("bad name: ValidationException 400", error_code(sm.describe_inference_recommendations_job, JobName="x y") == ("ValidationException", 400))
check("wrong secret: InvalidSignatureException 403 (namespaced code cleaned)",
      error_code(client("sagemaker", "wrong").list_inference_recommendations_jobs) == ("InvalidSignatureException", 403))

key = dict(ServiceNamespace="sagemaker", ResourceId="endpoint/bert/variant/AllTraffic",
           ScalableDimension="sagemaker:variant:DesiredInstanceCount")
aas.register_scalable_target(MinCapacity=1, MaxCapacity=4, **key)
aas.put_scaling_policy(PolicyName="inv", PolicyType="TargetTrackingScaling", **key,
    TargetTrackingScalingPolicyConfiguration={"TargetValue": 3142.0, "ScaleInCooldown": 600, "ScaleOutCooldown": 120,
        "PredefinedMetricSpecification": {"PredefinedMetricType": "SageMakerVariantInvocationsPerInstance"}})
p = aas.describe_scaling_policies(ServiceNamespace="sagemaker")["ScalingPolicies"]
check("application-autoscaling round trip", len(p) == 1 and p[0]["TargetTrackingScalingPolicyConfiguration"]["TargetValue"] == 3142.0)
check("put_scaling_policy without a target: ObjectNotFoundException",
      error_code(aas.put_scaling_policy, PolicyName="x", PolicyType="TargetTrackingScaling",
                 ServiceNamespace="sagemaker", ResourceId="endpoint/none/variant/v",
                 ScalableDimension="sagemaker:variant:DesiredInstanceCount",
                 TargetTrackingScalingPolicyConfiguration={"TargetValue": 1.0, "PredefinedMetricSpecification":
                     {"PredefinedMetricType": "SageMakerVariantInvocationsPerInstance"}}) == ("ObjectNotFoundException", 400))
PY
rc=$?
while IFS= read -r line; do
    case $line in
    "ok - "*) ok "${line#ok - }";;
    "not ok - "*) fail "${line#not ok - }";;
    esac
done <"$TEST_TMP/py.out"
if [ $rc -ne 0 ]; then fail "the boto3 script ran to its end"; sed 's/^/#   /' "$TEST_TMP/py.err" | tail -20; else ok "the boto3 script ran to its end"; fi
sim_stop "$SIM_PID"
tap_done
