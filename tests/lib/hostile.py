#!/usr/bin/env python3
"""Writes canned answers for tests/lib/faultsrv.py with hostile text in every
field a response can carry: ESC/CSI, OSC 52 (clipboard), OSC 8 (hyperlink),
C1 controls, bidi overrides and isolates, DEL, and a very long string.

    hostile.py DIR   writes DIR/ok (a 200 GetScalingConfigurationRecommendation
                     answer), DIR/error (a 400 with a hostile __type, message
                     and headers), DIR/html (a 503 whose body is not JSON, with
                     raw escape bytes), DIR/jobs and DIR/job (list and describe
                     answers), and DIR/ok.json (the ok body alone)."""
import json
import os
import sys

BAD = ("\x1b[2J\x1b[31mCSI\x1b[0m"
       "\x1b]52;c;aGFja2Vk\x07"
       "\x1b]8;;http://evil.example/\x1b\\link\x1b]8;;\x1b\\"
       "\u009b2J\u009d0;title\u009c\u0085"
       "\u202eevil\u202c\u2066iso\u2069\u200f"
       "\x7f\x08\r")


def bad(tag):
    return tag + BAD


def main():
    d = sys.argv[1]
    os.makedirs(d, exist_ok=True)
    long_text = "L" * 100000 + BAD
    ok = {
        "InferenceRecommendationsJobName": bad("job"),
        "RecommendationId": bad("rec"),
        "EndpointName": bad("ep"),
        "TargetCpuUtilizationPerCore": 50,
        "ScalingPolicyObjective": {"MinInvocationsPerMinute": 1, "MaxInvocationsPerMinute": 2},
        "Metric": {"InvocationsPerInstance": 240, "ModelLatency": 1200},
        "DynamicScalingConfiguration": {
            "MinCapacity": 1, "MaxCapacity": 5, "ScaleInCooldown": 300, "ScaleOutCooldown": 60,
            "ScalingPolicies": [
                {"TargetTracking": {"MetricSpecification": {"Predefined": {
                    "PredefinedMetricType": bad("pre")}}, "TargetValue": 240.0}},
                {"TargetTracking": {"MetricSpecification": {"Customized": {
                    "MetricName": bad("name"), "Namespace": bad("ns"),
                    "Statistic": long_text}}, "TargetValue": 50.0}},
                {bad("UnknownPolicy"): {bad("k"): bad("v")}},
                {"TargetTracking": {"MetricSpecification": {bad("UnknownMetric"): [bad("x")]}}},
            ]},
        bad("UnknownTopLevel"): bad("value"),
    }
    body = json.dumps(ok).encode()
    with open(os.path.join(d, "ok.json"), "wb") as f:
        f.write(body)
    with open(os.path.join(d, "ok"), "wb") as f:
        f.write(b"200\nContent-Type: application/x-amz-json-1.1\n"
                b"x-amzn-RequestId: rid\x1b[2J\x1b]52;c;aGk=\x07\n\n" + body)
    err = {"__type": "com.amazon#" + bad("ValidationException"), "message": long_text}
    with open(os.path.join(d, "error"), "wb") as f:
        f.write(b"400\nContent-Type: application/x-amz-json-1.1\n"
                b"x-amzn-RequestId: rid\x1b[2J\x9b31m\n\n" + json.dumps(err).encode())
    with open(os.path.join(d, "html"), "wb") as f:
        f.write(b"503\nContent-Type: text/html\n\n<html>\x1b[2J\x1b]52;c;aGk=\x07\xc2\x9b31m"
                b"\xe2\x80\xae busy</html>")
    jobs = {"InferenceRecommendationsJobs": [{
        "JobName": bad("job"), "JobDescription": bad("desc"), "JobType": "Default",
        "JobArn": bad("arn"), "Status": "COMPLETED", "CreationTime": 1795737600,
        "LastModifiedTime": 1795737600, "RoleArn": bad("role"), "ModelName": bad("model"),
        "FailureReason": long_text}]}
    with open(os.path.join(d, "jobs"), "wb") as f:
        f.write(b"200\nContent-Type: application/x-amz-json-1.1\n\n" + json.dumps(jobs).encode())
    job = {"JobName": bad("job"), "JobDescription": bad("desc"), "JobType": "Default",
           "JobArn": bad("arn"), "RoleArn": bad("role"), "Status": "COMPLETED",
           "CreationTime": 1795737600, "LastModifiedTime": 1795737600,
           "InputConfig": {"ModelPackageVersionArn": bad("pkg")},
           "InferenceRecommendations": [{
               "RecommendationId": bad("rec"),
               "Metrics": {"CostPerHour": 0.1, "CostPerInference": 0.001, "MaxInvocations": 100,
                           "ModelLatency": 10, "CpuUtilization": 50.0, "MemoryUtilization": 20.0},
               "EndpointConfiguration": {"EndpointName": bad("ep"), "VariantName": bad("var"),
                                         "InstanceType": bad("ml"), "InitialInstanceCount": 1},
               "ModelConfiguration": {}}]}
    with open(os.path.join(d, "job"), "wb") as f:
        f.write(b"200\nContent-Type: application/x-amz-json-1.1\n\n" + json.dumps(job).encode())


if __name__ == "__main__":
    main()
