# Differential test against botocore (run by tests/cli/endpoints-botocore.sh):
#  1. data/partitions.def against botocore's partitions (suffixes, FIPS and
#     dual-stack support, listed regions, the region forms);
#  2. configuration scenarios: botocore's credential method, region and
#     endpoints against `sagescale configure list --output json`;
#  3. every region botocore knows x FIPS x dual-stack: the SageMaker,
#     Application Auto Scaling and STS endpoint URLs.
# botocore's URL is the one its request goes to (a before-send handler stops
# the request there), not client.meta.endpoint_url: for the pseudo-regions
# aws-cn-global, aws-iso-b-global, ... meta.endpoint_url comes from the
# legacy endpoints.json and differs from where botocore sends requests.
# Prints TAP lines without numbers ("ok - ...", "not ok - ...", "# ...").
import json, os, re, shutil, subprocess, sys, tempfile

import botocore, botocore.credentials, botocore.tokens, botocore.session, botocore.config, botocore.endpoint_provider, botocore.exceptions

SAGESCALE, PARTITIONS_DEF = sys.argv[1], sys.argv[2]
# Loopback peers for the providers that fetch (the wrapper starts them;
# empty when they did not start): the simulator's STS, tests/lib/credsrv.py's
# container endpoint, instance metadata and SSO portal.
STS_URL = sys.argv[3] if len(sys.argv) > 3 else ""
CRED_URL = sys.argv[4] if len(sys.argv) > 4 else ""
TMP = tempfile.mkdtemp(prefix="endpoints-botocore.")
failures = 0


def check(desc, cond, *detail):
    global failures
    print(("ok" if cond else "not ok") + " - " + desc)
    if not cond:
        failures += 1
        for d in detail:
            for line in str(d).splitlines():
                print("#   " + line)


# ---- 1. the partition table ----

def read_def(path):
    parts, regions = [], {}
    for line in open(path):
        m = re.match(r'PARTITION\("([^"]*)", "([^"]*)", "([^"]*)", "([^"]*)", (\d), (\d), "([^"]*)"\)', line)
        if m:
            parts.append(dict(id=m[1], prefixes=m[2].split("|"), dns=m[3], ds=m[4],
                              fips=m[5] == "1", dual=m[6] == "1", glob=m[7]))
        m = re.match(r'REGION\("([^"]*)", "([^"]*)"\)', line)
        if m:
            regions.setdefault(m[2], []).append(m[1])
    return parts, regions


ours, our_regions = read_def(PARTITIONS_DEF)
data = json.load(open(os.path.join(os.path.dirname(botocore.__file__), "data", "partitions.json")))
theirs = data["partitions"]
check("the partitions, in botocore's order", [p["id"] for p in ours] == [p["id"] for p in theirs],
      [p["id"] for p in ours], [p["id"] for p in theirs])
probe = ["us-east-1", "us-future-9", "eu-x_y-12", "cn-north-1", "cn-new-3", "us-gov-east-1",
         "us-gov-new-1", "us-iso-east-1", "us-isob-west-7", "eu-isoe-west-1", "us-isof-south-1",
         "eusc-de-east-1", "eusc-fr-east-1", "mx-central-1", "xx-east-1", "us-east", "us-east-1a",
         "US-EAST-1", "il-central-2", "ap-southeast-12"]
for o, t in zip(ours, theirs):
    out = t["outputs"]
    check("partition %s: suffixes and variants" % o["id"],
          (o["dns"], o["ds"], o["fips"], o["dual"], o["glob"]) ==
          (out["dnsSuffix"], out["dualStackDnsSuffix"], out["supportsFIPS"],
           out["supportsDualStack"], out["implicitGlobalRegion"]), o, out)
    check("partition %s: its listed regions" % o["id"],
          sorted(our_regions.get(o["id"], [])) == sorted(t["regions"]))
    rx = re.compile(t["regionRegex"])
    mine = [r for r in probe + list(t["regions"])
            if any(re.fullmatch(re.escape(p) + r"-[A-Za-z0-9_]+-[0-9]+", r) for p in o["prefixes"])]
    want = [r for r in probe + list(t["regions"]) if rx.match(r)]
    check("partition %s: the region form matches as botocore's regex" % o["id"], mine == want,
          mine, want)


# ---- 2. configuration scenarios ----

AWS_VARS = [k for k in os.environ if k.startswith("AWS_")]
CONFIG_VARS = dict(AWS_CONFIG_FILE=None, AWS_SHARED_CREDENTIALS_FILE=None)
CREDPROC = os.path.join(TMP, "credproc.sh")
with open(CREDPROC, "w") as f:
    f.write('#!/bin/sh\necho \'{"Version": 1, "AccessKeyId": "AKIDPROCESS0000WXYZ", '
            '"SecretAccessKey": "process-secret"}\'\n')
os.chmod(CREDPROC, 0o755)


def scenario_env(s, home):
    env = {k: v for k, v in os.environ.items() if not k.startswith("AWS_")}
    env.update(HOME=home, AWS_EC2_METADATA_DISABLED="true",
               AWS_CONFIG_FILE=os.path.join(home, "config"),
               AWS_SHARED_CREDENTIALS_FILE=os.path.join(home, "credentials"))
    env.update(s.get("env", {}))
    return env


class Captured(Exception):
    pass


def _capture(request, **kw):
    raise Captured(request.url)


# A cheap operation per service; its request is stopped before it is sent.
PROBE = {"sagemaker": ("list_inference_recommendations_jobs", {}),
         "application-autoscaling": ("describe_scalable_targets", {"ServiceNamespace": "sagemaker"}),
         "sts": ("get_caller_identity", {})}


def request_url(client, svc):
    """The URL botocore sends the request to (its endpoint rule set, with
    every setting applied): a before-send handler stops it there."""
    client.meta.events.register("before-send", _capture)
    op, args = PROBE[svc]
    try:
        getattr(client, op)(**args)
    except Captured as e:
        u = str(e.args[0])
        return u[:-1] if u.endswith("/") else u
    return "error: sent"


def norm(u):
    return u[:-1] if isinstance(u, str) and u.endswith("/") else u


def ours_for(s, env):
    argv = [SAGESCALE, "configure", "list", "--output", "json"]
    if s.get("profile"):
        argv += ["--profile", s["profile"]]
    if s.get("region"):
        argv += ["--region", s["region"]]
    if s.get("endpoint_url"):
        argv += ["--endpoint-url", s["endpoint_url"]]
    p = subprocess.run(argv, env=env, capture_output=True, text=True, timeout=30)
    if p.returncode != 0:
        return {"error": p.stderr.strip()}
    return json.loads(p.stdout)


def botocore_for(s, env):
    saved = dict(os.environ)
    os.environ.clear()
    os.environ.update(env)
    # botocore fixes its SSO token cache directory at import time, from the
    # HOME of then: point it at this scenario's.
    botocore.credentials.SSOProvider._SSO_TOKEN_CACHE_DIR = os.path.join(
        env["HOME"], ".aws", "sso", "cache")
    botocore.tokens.SSOTokenProvider._SSO_TOKEN_CACHE_DIR = os.path.join(
        env["HOME"], ".aws", "sso", "cache")
    try:
        sess = botocore.session.Session(profile=s.get("profile"))
        creds = sess.get_credentials()
        kw = dict(region_name=s.get("region"), endpoint_url=s.get("endpoint_url"))
        out = {"credential_method": creds.method if creds else None}
        for key, svc in (("endpoint_url", "sagemaker"),
                         ("application_autoscaling_endpoint_url", "application-autoscaling"),
                         ("sts_endpoint_url", "sts")):
            c = sess.create_client(svc, aws_access_key_id="x", aws_secret_access_key="y", **kw) \
                if not creds else sess.create_client(svc, **kw)
            out[key] = request_url(c, svc)
            out["region"] = c.meta.region_name
        return out
    except Exception as e:  # botocore refuses: so must we
        return {"error": "%s: %s" % (type(e).__name__, e)}
    finally:
        os.environ.clear()
        os.environ.update(saved)


KEYS = "[default]\naws_access_key_id = AKIDDEFAULT00001234\naws_secret_access_key = s1\n"
SCENARIOS = [
    dict(name="environment keys and region", env=dict(AWS_ACCESS_KEY_ID="AKIDENV000000000ABCD",
         AWS_SECRET_ACCESS_KEY="e", AWS_DEFAULT_REGION="eu-west-1")),
    dict(name="shared credentials file, region in config", credentials=KEYS,
         config="[default]\nregion = us-west-2\n"),
    dict(name="keys in the config file", config="[default]\nregion = ap-south-1\n"
         "aws_access_key_id = AKIDCONFIG0000005678\naws_secret_access_key = c\n"),
    dict(name="credential_process", config="[default]\nregion = eu-central-1\n"
         "credential_process = %s\n" % CREDPROC),
    dict(name="environment keys beat the credentials file", credentials=KEYS,
         env=dict(AWS_ACCESS_KEY_ID="AKIDENV000000000ABCD", AWS_SECRET_ACCESS_KEY="e",
                  AWS_DEFAULT_REGION="us-east-2")),
    dict(name="--profile beats environment keys", profile="dev",
         credentials=KEYS + "[dev]\naws_access_key_id = AKIDDEV0000000009999\naws_secret_access_key = d\n",
         config="[profile dev]\nregion = sa-east-1\n",
         env=dict(AWS_ACCESS_KEY_ID="AKIDENV000000000ABCD", AWS_SECRET_ACCESS_KEY="e")),
    dict(name="credentials file beats credential_process", credentials=KEYS,
         config="[default]\nregion = eu-west-3\ncredential_process = %s\n" % CREDPROC),
    dict(name="credential_process beats config-file keys", config="[default]\nregion = eu-west-3\n"
         "credential_process = %s\naws_access_key_id = AKIDCONFIG0000005678\n"
         "aws_secret_access_key = c\n" % CREDPROC),
    dict(name="AWS_PROFILE", env=dict(AWS_PROFILE="p1"),
         config="[profile p1]\nregion = ca-central-1\naws_access_key_id = AKIDP1000000001111\n"
         "aws_secret_access_key = p\n"),
    dict(name="AWS_DEFAULT_PROFILE beats AWS_PROFILE", env=dict(AWS_PROFILE="p1", AWS_DEFAULT_PROFILE="p2"),
         config="[profile p1]\nregion = ca-central-1\naws_access_key_id = AKIDP1000000001111\n"
         "aws_secret_access_key = p\n[profile p2]\nregion = eu-north-1\n"
         "aws_access_key_id = AKIDP2000000002222\naws_secret_access_key = q\n"),
    dict(name="--profile beats AWS_DEFAULT_PROFILE", profile="p1", env=dict(AWS_DEFAULT_PROFILE="p2"),
         config="[profile p1]\nregion = ca-central-1\naws_access_key_id = AKIDP1000000001111\n"
         "aws_secret_access_key = p\n[profile p2]\nregion = eu-north-1\n"),
    dict(name="--region beats everything", region="ap-northeast-2", credentials=KEYS,
         config="[default]\nregion = us-west-2\n", env=dict(AWS_DEFAULT_REGION="eu-west-1")),
    dict(name="AWS_DEFAULT_REGION beats the profile's region", credentials=KEYS,
         config="[default]\nregion = us-west-2\n", env=dict(AWS_DEFAULT_REGION="eu-south-1")),
    dict(name="AWS_ENDPOINT_URL", credentials=KEYS, config="[default]\nregion = us-east-1\n",
         env=dict(AWS_ENDPOINT_URL="http://127.0.0.1:4566")),
    dict(name="per-service variables beat AWS_ENDPOINT_URL", credentials=KEYS,
         config="[default]\nregion = us-east-1\n",
         env=dict(AWS_ENDPOINT_URL="http://127.0.0.1:4566",
                  AWS_ENDPOINT_URL_SAGEMAKER="http://127.0.0.1:1111",
                  AWS_ENDPOINT_URL_STS="http://127.0.0.1:3333")),
    dict(name="--endpoint-url beats the variables", credentials=KEYS, endpoint_url="http://127.0.0.1:9999",
         config="[default]\nregion = us-east-1\n", env=dict(AWS_ENDPOINT_URL_SAGEMAKER="http://127.0.0.1:1111")),
    dict(name="the profile's endpoint_url", credentials=KEYS,
         config="[default]\nregion = us-east-1\nendpoint_url = http://127.0.0.1:5555\n"),
    dict(name="a services section", credentials=KEYS,
         config="[default]\nregion = us-east-1\nservices = loc\nendpoint_url = http://127.0.0.1:5555\n"
         "[services loc]\nsagemaker =\n  endpoint_url = http://127.0.0.1:6001\n"
         "application_auto_scaling =\n  endpoint_url = http://127.0.0.1:6002\n"),
    dict(name="the environment beats the services section", credentials=KEYS,
         config="[default]\nregion = us-east-1\nservices = loc\n"
         "[services loc]\nsagemaker =\n  endpoint_url = http://127.0.0.1:6001\n"
         "sts =\n  endpoint_url = http://127.0.0.1:6003\n",
         env=dict(AWS_ENDPOINT_URL="http://127.0.0.1:4566")),
    dict(name="ignore_configured_endpoint_urls in the config file", credentials=KEYS,
         config="[default]\nregion = us-east-1\nignore_configured_endpoint_urls = true\n"
         "endpoint_url = http://127.0.0.1:5555\n",
         env=dict(AWS_ENDPOINT_URL_SAGEMAKER="http://127.0.0.1:1111")),
    dict(name="AWS_IGNORE_CONFIGURED_ENDPOINT_URLS, --endpoint-url still used", credentials=KEYS,
         endpoint_url="http://127.0.0.1:9999", config="[default]\nregion = us-east-1\n",
         env=dict(AWS_IGNORE_CONFIGURED_ENDPOINT_URLS="true", AWS_ENDPOINT_URL="http://127.0.0.1:4566")),
    dict(name="AWS_IGNORE_CONFIGURED_ENDPOINT_URLS=false beats the file", credentials=KEYS,
         config="[default]\nregion = us-east-1\nignore_configured_endpoint_urls = true\n"
         "endpoint_url = http://127.0.0.1:5555\n",
         env=dict(AWS_IGNORE_CONFIGURED_ENDPOINT_URLS="false")),
    dict(name="use_fips_endpoint in the config file", credentials=KEYS,
         config="[default]\nregion = us-east-1\nuse_fips_endpoint = true\n"),
    dict(name="AWS_USE_FIPS_ENDPOINT in GovCloud", credentials=KEYS,
         config="[default]\nregion = us-gov-west-1\n", env=dict(AWS_USE_FIPS_ENDPOINT="true")),
    dict(name="AWS_USE_FIPS_ENDPOINT=false beats the file", credentials=KEYS,
         config="[default]\nregion = us-east-1\nuse_fips_endpoint = true\n",
         env=dict(AWS_USE_FIPS_ENDPOINT="false")),
    dict(name="use_dualstack_endpoint", credentials=KEYS,
         config="[default]\nregion = eu-west-1\nuse_dualstack_endpoint = true\n"),
    dict(name="FIPS and dual-stack together", credentials=KEYS,
         config="[default]\nregion = us-east-2\n",
         env=dict(AWS_USE_FIPS_ENDPOINT="true", AWS_USE_DUALSTACK_ENDPOINT="true")),
    dict(name="FIPS with a configured endpoint", credentials=KEYS,
         config="[default]\nregion = us-east-1\nuse_fips_endpoint = true\n",
         env=dict(AWS_ENDPOINT_URL="http://127.0.0.1:4566")),
    dict(name="China", credentials=KEYS, config="[default]\nregion = cn-north-1\n"),
    dict(name="China, dual-stack", credentials=KEYS, config="[default]\nregion = cn-northwest-1\n",
         env=dict(AWS_USE_DUALSTACK_ENDPOINT="true")),
    dict(name="ISO", credentials=KEYS, config="[default]\nregion = us-iso-east-1\n"),
    dict(name="ISO-B, FIPS", credentials=KEYS, config="[default]\nregion = us-isob-east-1\n",
         env=dict(AWS_USE_FIPS_ENDPOINT="true")),
    dict(name="ISO-E, ISO-F and EUSC by --region", credentials=KEYS, region="eu-isoe-west-1"),
    dict(name="a region nobody knows yet", credentials=KEYS, region="us-future-7"),
    dict(name="sts_regional_endpoints = legacy", credentials=KEYS,
         config="[default]\nregion = eu-west-1\nsts_regional_endpoints = legacy\n"),
    dict(name="AWS_STS_REGIONAL_ENDPOINTS=legacy, a newer region", credentials=KEYS,
         config="[default]\nregion = ap-east-1\n", env=dict(AWS_STS_REGIONAL_ENDPOINTS="legacy")),
    dict(name="a named profile's settings", profile="gov",
         config="[profile gov]\nregion = us-gov-east-1\nuse_fips_endpoint = true\n"
         "services = s\naws_access_key_id = AKIDGOV00000000AAAA\naws_secret_access_key = g\n"
         "[services s]\nsts =\n  endpoint_url = http://127.0.0.1:7003\n"),
]
# The providers that need a peer: botocore names the method without calling
# (assume-role, web identity, SSO are deferred) or fetches from the same
# loopback peer (container, instance metadata); sagescale fetches.
DEMO = "[default]\naws_access_key_id = AKIDSAGESCALEDEMO\naws_secret_access_key = sagescale-demo-secret\n"
TOKEN_FILE = os.path.join(TMP, "web-identity-token")
with open(TOKEN_FILE, "w") as f:
    f.write("eyJhbGciOiJub25lIn0.eyJzdWIiOiJ0ZXN0In0.")
PEER_SCENARIOS = []
if STS_URL:
    PEER_SCENARIOS += [
        dict(name="assume-role with source_profile", profile="r", credentials=DEMO,
             config="[profile r]\nregion = us-east-1\nrole_arn = arn:aws:iam::123456789012:role/demo\n"
             "source_profile = default\n", env=dict(AWS_ENDPOINT_URL_STS=STS_URL)),
        dict(name="assume-role, credential_source = Environment", profile="r",
             config="[profile r]\nregion = us-east-1\nrole_arn = arn:aws:iam::123456789012:role/demo\n"
             "credential_source = Environment\n",
             env=dict(AWS_ENDPOINT_URL_STS=STS_URL, AWS_ACCESS_KEY_ID="AKIDSAGESCALEDEMO",
                      AWS_SECRET_ACCESS_KEY="sagescale-demo-secret")),
        dict(name="assume-role beats the profile's own keys", profile="r",
             credentials=DEMO + "[r]\naws_access_key_id = AKIDOWN0000000000001\naws_secret_access_key = o\n",
             config="[profile r]\nregion = us-east-1\nrole_arn = arn:aws:iam::123456789012:role/demo\n"
             "source_profile = default\n", env=dict(AWS_ENDPOINT_URL_STS=STS_URL)),
        dict(name="web identity in the profile", profile="w",
             config="[profile w]\nregion = us-east-1\nrole_arn = arn:aws:iam::123456789012:role/web\n"
             "web_identity_token_file = %s\n" % TOKEN_FILE, env=dict(AWS_ENDPOINT_URL_STS=STS_URL)),
        dict(name="web identity from the environment", config="[default]\nregion = us-east-1\n",
             env=dict(AWS_ENDPOINT_URL_STS=STS_URL, AWS_WEB_IDENTITY_TOKEN_FILE=TOKEN_FILE,
                      AWS_ROLE_ARN="arn:aws:iam::123456789012:role/web")),
        dict(name="environment keys beat web identity", config="[default]\nregion = us-east-1\n",
             env=dict(AWS_ENDPOINT_URL_STS=STS_URL, AWS_WEB_IDENTITY_TOKEN_FILE=TOKEN_FILE,
                      AWS_ROLE_ARN="arn:aws:iam::123456789012:role/web",
                      AWS_ACCESS_KEY_ID="AKIDENV000000000ABCD", AWS_SECRET_ACCESS_KEY="e")),
    ]
if CRED_URL:
    PEER_SCENARIOS += [
        dict(name="container credentials (full URI on loopback)", config="[default]\nregion = us-east-1\n",
             env=dict(AWS_CONTAINER_CREDENTIALS_FULL_URI=CRED_URL + "/container")),
        dict(name="the credentials file beats the container", credentials=KEYS,
             config="[default]\nregion = us-east-1\n",
             env=dict(AWS_CONTAINER_CREDENTIALS_FULL_URI=CRED_URL + "/container")),
        dict(name="instance metadata (IMDSv2)", config="[default]\nregion = us-east-1\n",
             env=dict(AWS_EC2_METADATA_DISABLED="false", AWS_EC2_METADATA_SERVICE_ENDPOINT=CRED_URL + "/")),
        dict(name="the container beats instance metadata", config="[default]\nregion = us-east-1\n",
             env=dict(AWS_EC2_METADATA_DISABLED="false", AWS_EC2_METADATA_SERVICE_ENDPOINT=CRED_URL + "/",
                      AWS_CONTAINER_CREDENTIALS_FULL_URI=CRED_URL + "/container")),
        dict(name="SSO (sso_session, a cached token)", profile="s", sso=True,
             config="[profile s]\nsso_session = corp\nsso_account_id = 123456789012\n"
             "sso_role_name = ReadOnly\nregion = us-east-1\n[sso-session corp]\n"
             "sso_start_url = https://corp.awsapps.com/start\nsso_region = us-east-1\n",
             env=dict(AWS_ENDPOINT_URL_SSO=CRED_URL)),
    ]
SCENARIOS += PEER_SCENARIOS
if not STS_URL:
    print("# no simulator: the assume-role and web identity scenarios are left out")
if not CRED_URL:
    print("# no credsrv.py: the container, instance metadata and SSO scenarios are left out")

COMPARED = ("credential_method", "region", "endpoint_url",
            "application_autoscaling_endpoint_url", "sts_endpoint_url")

for i, s in enumerate(SCENARIOS):
    home = os.path.join(TMP, "s%d" % i)
    os.makedirs(home)
    for fname in ("config", "credentials"):
        if s.get(fname):
            with open(os.path.join(home, fname), "w") as f:
                f.write(s[fname])
    if s.get("sso"):   # the token `aws sso login` would have cached
        import datetime, hashlib
        cache = os.path.join(home, ".aws", "sso", "cache")
        os.makedirs(cache)
        exp = datetime.datetime.now(datetime.timezone.utc) + datetime.timedelta(hours=1)
        with open(os.path.join(cache, hashlib.sha1(b"corp").hexdigest() + ".json"), "w") as f:
            json.dump({"startUrl": "https://corp.awsapps.com/start", "region": "us-east-1",
                       "accessToken": "sso-access-cached",
                       "expiresAt": exp.strftime("%Y-%m-%dT%H:%M:%SZ")}, f)
    env = scenario_env(s, home)
    b, o = botocore_for(s, env), ours_for(s, env)
    if "error" in b or "error" in o:
        check("scenario %d (%s): both refuse" % (i + 1, s["name"]), "error" in b and "error" in o,
              "botocore: %s" % b, "sagescale: %s" % o)
        continue
    diff = {k: (b.get(k), o.get(k)) for k in COMPARED if norm(b.get(k)) != norm(o.get(k))}
    check("scenario %d (%s): method, region, endpoints as botocore" % (i + 1, s["name"]),
          not diff, "differs (botocore, sagescale): %s" % diff)
print("# %d configuration scenarios" % len(SCENARIOS))


# ---- 3. every region x FIPS x dual-stack ----

sess = botocore.session.Session()
regions = set()
for p in theirs:
    regions.update(p["regions"])
for part in sess.get_available_partitions():
    for svc in ("sagemaker", "application-autoscaling", "sts"):
        regions.update(sess.get_available_regions(svc, partition_name=part))
regions = sorted(regions)
home = os.path.join(TMP, "regions")
os.makedirs(home)
loader = sess.get_component("data_loader")
providers = {}


def ruleset_url(svc, region, fips, ds):
    if svc not in providers:
        providers[svc] = botocore.endpoint_provider.EndpointProvider(
            loader.load_service_model(svc, "endpoint-rule-set-1"), loader.load_data("partitions"))
    params = dict(Region=region, UseFIPS=fips, UseDualStack=ds)
    if svc == "sts":
        params["UseGlobalEndpoint"] = False
    return norm(providers[svc].resolve_endpoint(**params).url)


bad, n, legacy_refused = [], 0, []
for region in regions:
    for fips in (False, True):
        for ds in (False, True):
            env = scenario_env({}, home)
            env.update(AWS_ACCESS_KEY_ID="AKIDREGIONS00000000", AWS_SECRET_ACCESS_KEY="r",
                       AWS_USE_FIPS_ENDPOINT=str(fips).lower(),
                       AWS_USE_DUALSTACK_ENDPOINT=str(ds).lower())
            o = ours_for({"region": region}, env)
            cfg = botocore.config.Config(use_fips_endpoint=fips, use_dualstack_endpoint=ds)
            for key, svc in (("endpoint_url", "sagemaker"),
                             ("application_autoscaling_endpoint_url", "application-autoscaling"),
                             ("sts_endpoint_url", "sts")):
                n += 1
                try:
                    want = request_url(sess.create_client(svc, region_name=region, config=cfg,
                                                          aws_access_key_id="x",
                                                          aws_secret_access_key="y"), svc)
                except botocore.exceptions.EndpointVariantError:
                    # botocore's client refuses a variant its legacy
                    # endpoints.json lacks (dual-stack in aws-iso-e and
                    # aws-iso-f) before its rule set is asked; sagescale
                    # follows the rule set, so compare with that.
                    legacy_refused.append("%s %s fips=%s dualstack=%s" % (svc, region, fips, ds))
                    want = ruleset_url(svc, region, fips, ds)
                except Exception as e:
                    want = "error: %s" % type(e).__name__
                got = norm(o.get(key, "error: %s" % o.get("error")))
                if want != got and not (want.startswith("error") and got.startswith("error")):
                    bad.append("%s fips=%s dualstack=%s %s: botocore %s, sagescale %s"
                               % (region, fips, ds, svc, want, got))
check("%d regions x FIPS x dual-stack, SageMaker, Application Auto Scaling and STS: "
      "%d endpoint URLs as botocore's" % (len(regions), n), not bad, *bad[:20])
print("# of which %d where botocore's client refuses what its rule set answers"
      " (compared with the rule set): %s" % (len(legacy_refused), "; ".join(legacy_refused[:6])))
shutil.rmtree(TMP)
sys.exit(0)
