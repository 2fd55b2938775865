#!/usr/bin/env python3
"""botocore's own credential providers against the same loopback servers
as sagescale's tests (tests/lib/credsrv.py), for differential checks.
Prints one JSON object.

  credpeer.py imds URL ATTEMPTS [MODE]   InstanceMetadataProvider with
      ec2_metadata_service_endpoint URL, metadata_service_num_attempts
      ATTEMPTS, endpoint mode MODE (ipv4 or ipv6): {"method", "access_key",
      "token", "expiry" (epoch seconds)} or {"method": null}
  credpeer.py container-url RELATIVE_URI   the URL ContainerMetadataFetcher
      builds for AWS_CONTAINER_CREDENTIALS_RELATIVE_URI: {"url"}
  credpeer.py webid STS_URL TOKEN_FILE ROLE_ARN NEW_TOKEN
      AssumeRoleWithWebIdentityProvider: loads, writes NEW_TOKEN into
      TOKEN_FILE (the rotation), uses them again (short-lived: a refresh): {"first", "second"},
      the session tokens it got (the server logs which web token it read)
"""
import json
import sys

import botocore.credentials as bc
import botocore.session
import botocore.utils as bu


def imds(url, attempts, mode="ipv4"):
    fetcher = bu.InstanceMetadataFetcher(
        timeout=1, num_attempts=int(attempts),
        # As create_credential_resolver builds it: without the refresh
        # window the fetcher falls back to 10 min, not the 15 botocore uses.
        config={"ec2_metadata_service_endpoint": url,
                "ec2_metadata_service_endpoint_mode": mode,
                "ec2_credential_refresh_window": bc._DEFAULT_ADVISORY_REFRESH_TIMEOUT})
    creds = bc.InstanceMetadataProvider(iam_role_fetcher=fetcher).load()
    if creds is None:
        return {"method": None}
    return {"method": creds.method, "access_key": creds.access_key,
            "token": creds.token, "expiry": creds._expiry_time.timestamp()}


def container_url(rel):
    return {"url": bu.ContainerMetadataFetcher().full_url(rel)}


def webid(sts_url, token_file, role_arn, new_token):
    session = botocore.session.Session()
    session.set_config_variable("region", "us-east-1")

    def client_creator(service, **kw):
        return session.create_client(service, endpoint_url=sts_url, **kw)

    loader = bc.FileWebIdentityTokenLoader(token_file)
    fetcher = bc.AssumeRoleWithWebIdentityCredentialFetcher(
        client_creator=client_creator, web_identity_token_loader=loader,
        role_arn=role_arn, extra_args={"RoleSessionName": "pod"})
    creds = bc.DeferredRefreshableCredentials(
        method="assume-role-with-web-identity", refresh_using=fetcher.fetch_credentials)
    first = creds.get_frozen_credentials().token
    with open(token_file, "w") as f:
        f.write(new_token)
    # The server's credentials are short-lived (credsrv.py --lifetime), so
    # botocore's own windows make the next use a refresh.
    second = creds.get_frozen_credentials().token
    return {"first": first, "second": second}


def main():
    cmd, args = sys.argv[1], sys.argv[2:]
    out = {"imds": imds, "container-url": container_url, "webid": webid}[cmd](*args)
    print(json.dumps(out))


if __name__ == "__main__":
    main()
