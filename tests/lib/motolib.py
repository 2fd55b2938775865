# Helpers for tests/cli/target-moto.sh: the moto set-up (IAM users, SageMaker
# model, endpoint configs and endpoints, CloudWatch metric data) and a
# loopback proxy that sends the Inference Recommender operations, which
# moto does not have, to a sagescale simulator and everything else to moto,
# byte for byte (the Host header too, so that signatures still verify).
import http.client, http.server, json, re, sys, threading

def setup(moto_url, out_dir):
    import boto3
    def c(svc, ak="testing", sk="testing"):
        return boto3.client(svc, endpoint_url=moto_url, region_name="us-east-1",
                            aws_access_key_id=ak, aws_secret_access_key=sk)
    iam = c("iam")
    keys = {}
    for user, policy in (
        ("admin", {"Effect": "Allow", "Action": "*", "Resource": "*"}),
        ("limited", None),
    ):
        iam.create_user(UserName=user)
        k = iam.create_access_key(UserName=user)["AccessKey"]
        keys[user] = (k["AccessKeyId"], k["SecretAccessKey"])
        stmts = [{"Effect": "Allow", "Action": "*", "Resource": "*"}]
        if user == "limited":
            stmts.append({"Effect": "Deny", "Action": "application-autoscaling:PutScalingPolicy",
                          "Resource": "*"})
        iam.put_user_policy(UserName=user, PolicyName="p",
                            PolicyDocument=json.dumps({"Version": "2012-10-17", "Statement": stmts}))
    return keys

def create(moto_url, ak, sk):
    import boto3, datetime
    def c(svc):
        return boto3.client(svc, endpoint_url=moto_url, region_name="us-east-1",
                            aws_access_key_id=ak, aws_secret_access_key=sk)
    sm, cw = c("sagemaker"), c("cloudwatch")
    role = "arn:aws:iam::123456789012:role/sm"
    for ep, variants in (("churn-prod", [("primary", "ml.c5.large")]),
                         ("bert-prod", [("AllTraffic", "ml.g4dn.xlarge")])):
        sm.create_model(ModelName=ep + "-model", ExecutionRoleArn=role,
                        PrimaryContainer={"Image": "123456789012.dkr.ecr.us-east-1.amazonaws.com/m:1"})
        sm.create_endpoint_config(EndpointConfigName=ep + "-config", ProductionVariants=[
            {"VariantName": v, "ModelName": ep + "-model", "InitialInstanceCount": 2,
             "InstanceType": t, "InitialVariantWeight": 1.0} for v, t in variants])
        sm.create_endpoint(EndpointName=ep, EndpointConfigName=ep + "-config")
    now = datetime.datetime.now(datetime.timezone.utc)
    # churn-prod publishes its CPU metric; bert-prod only invocations.
    for ep, var, ns, name in (("churn-prod", "primary", "/aws/sagemaker/Endpoints", "CPUUtilizationNormalized"),
                              ("churn-prod", "primary", "AWS/SageMaker", "InvocationsPerInstance"),
                              ("bert-prod", "AllTraffic", "AWS/SageMaker", "InvocationsPerInstance")):
        cw.put_metric_data(Namespace=ns, MetricData=[{
            "MetricName": name, "Timestamp": now, "Value": 12.0,
            "Dimensions": [{"Name": "EndpointName", "Value": ep}, {"Name": "VariantName", "Value": var}]}])
    ms = cw.list_metrics(Namespace="/aws/sagemaker/Endpoints")["Metrics"]
    assert len(ms) == 1, ms

RECOMMENDER = ("SageMaker.GetScalingConfigurationRecommendation",
               "SageMaker.DescribeInferenceRecommendationsJob")

def proxy(port_file, moto_port, sims):
    """sims: {access key id: simulator port}."""
    class H(http.server.BaseHTTPRequestHandler):
        def do_POST(self):
            body = self.rfile.read(int(self.headers.get("Content-Length", 0)))
            port = moto_port
            if self.headers.get("X-Amz-Target") in RECOMMENDER:
                m = re.search(r"Credential=([^/]+)/", self.headers.get("Authorization", ""))
                port = sims.get(m.group(1) if m else "", moto_port)
            conn = http.client.HTTPConnection("127.0.0.1", port, timeout=30)
            conn.putrequest("POST", self.path, skip_host=True, skip_accept_encoding=True)
            for k, v in self.headers.items():
                conn.putheader(k, v)
            conn.endheaders(body)
            r = conn.getresponse()
            data = r.read()
            self.send_response(r.status)
            for k, v in r.getheaders():
                if k.lower() not in ("transfer-encoding", "connection", "content-length", "server", "date"):
                    self.send_header(k, v)
            self.send_header("Content-Length", str(len(data)))
            self.end_headers()
            self.wfile.write(data)
            conn.close()
        def log_message(self, *a):
            pass
    srv = http.server.ThreadingHTTPServer(("127.0.0.1", 0), H)
    open(port_file, "w").write(str(srv.server_address[1]))
    srv.serve_forever()

if __name__ == "__main__":
    cmd = sys.argv[1]
    if cmd == "setup":
        keys = setup(sys.argv[2], sys.argv[3])
        for u, (ak, sk) in keys.items():
            open("%s/%s.keys" % (sys.argv[3], u), "w").write("%s %s\n" % (ak, sk))
    elif cmd == "create":
        create(sys.argv[2], sys.argv[3], sys.argv[4])
    elif cmd == "proxy":
        sims = dict(a.split("=") for a in sys.argv[4:])
        proxy(sys.argv[2], int(sys.argv[3]), {k: int(v) for k, v in sims.items()})
