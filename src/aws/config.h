/* Configuration as the AWS CLI resolves it: flags, then environment, then
 * the shared credentials and config files (profiles, credential_process). */
#ifndef SAGESCALE_AWS_CONFIG_H
#define SAGESCALE_AWS_CONFIG_H
#include <stdbool.h>
#include "aws/endpoint.h"

/* What the command line said; NULL means "not given". */
struct aws_config_flags {
	const char *profile;
	const char *region;
	const char *endpoint_url;
	const char *ca_bundle;
	/* `configure list`: no region, or no credential source at all, is not
	 * an error (the fields stay NULL, the endpoints too when there is no
	 * region); an invalid value or a failing source still is. */
	bool incomplete_ok;
};

struct aws_credentials {
	char *access_key_id;
	char *secret_access_key; /* wiped with OPENSSL_cleanse on free */
	char *session_token;     /* NULL for long-term keys */
	char *source; /* "environment", "shared credentials file (profile x)", ... (for messages) */
	const char *method;   /* botocore's name of the provider: "env",
					   "shared-credentials-file", "custom-process",
					   "config-file", ... (static; NULL: unknown) */
	long long expiration; /* epoch seconds; 0 for long-term keys */
};

/* Where a setting came from, for `configure list`: the AWS CLI's "Type"
 * ("manual" for a flag, "env", "config-file", "shared-credentials-file")
 * and "Location" (a variable or a file; may be NULL).  Static or owned by
 * the aws_config (freed with it). */
struct aws_source {
	const char *type; /* NULL: not set */
	char *location;
};

struct aws_credstore;

struct aws_config {
	char *profile; /* resolved profile name ("default") */
	char *region;
	/* Fully resolved endpoints: --endpoint-url for both, else for SageMaker
	 * AWS_ENDPOINT_URL_SAGEMAKER over AWS_ENDPOINT_URL, for Application
	 * Auto Scaling AWS_ENDPOINT_URL_APPLICATION_AUTO_SCALING over
	 * AWS_ENDPOINT_URL, else the regional default
	 * https://api.sagemaker.<region>.amazonaws.com (.amazonaws.com.cn for
	 * cn-*), https://application-autoscaling.<region>.amazonaws.com(.cn). */
	char *endpoint_sagemaker;
	char *endpoint_autoscaling;
	/* The same for CloudWatch, STS, IAM Identity Center (SSO) and its OIDC:
	 * use aws_config_endpoint() rather than the fields. */
	char *endpoint_monitoring, *endpoint_sts, *endpoint_sso, *endpoint_sso_oidc;
	char *sts_signing_region; /* "us-east-1" for the global STS endpoint, else region */
	bool endpoint_explicit;   /* given by flag, environment or profile endpoint_url */
	struct aws_source endpoint_source[AWS_SVC_COUNT];
	bool use_fips;      /* AWS_USE_FIPS_ENDPOINT / use_fips_endpoint */
	bool use_dualstack; /* AWS_USE_DUALSTACK_ENDPOINT / use_dualstack_endpoint */
	bool sts_global;    /* AWS_STS_REGIONAL_ENDPOINTS / sts_regional_endpoints = legacy */
	/* cli_connect_timeout / cli_read_timeout from the profile, in ms:
	 * -1 not set, 0 none (the AWS CLI's meaning of 0). */
	long cli_connect_timeout_ms, cli_read_timeout_ms;
	struct aws_source profile_source, region_source;
	char *ca_bundle;  /* NULL: system store */
	int max_attempts; /* AWS_MAX_ATTEMPTS / max_attempts, default 3 */
	char *retry_mode; /* "standard" (default), "legacy", "adaptive" */
	/* The credentials as first resolved (method and expiration included);
	 * signing takes the current ones from credstore, which refreshes them. */
	struct aws_credentials creds;
	struct aws_credstore *credstore; /* owned; NULL: sign with creds as they are */
};

/* Resolves everything.  On failure returns -1 and sets *err to one clear,
 * translated sentence naming what to set (caller frees).  Credentials and
 * region are both required. */
int aws_config_load(const struct aws_config_flags *flags, struct aws_config *cfg, char **err);
void aws_config_free(struct aws_config *cfg);
void aws_credentials_free(struct aws_credentials *c);

/* The resolved endpoint URL of svc (never NULL after a successful load,
 * except in a hand-made configuration such as the demo's). */
const char *aws_config_endpoint(const struct aws_config *cfg, enum aws_service svc);
/* svc's endpoint for another region than cfg->region (SSO's sso_region,
 * say): the configured URL when there is one (flag, AWS_ENDPOINT_URL_*,
 * services section, endpoint_url), else the rules for that region with
 * cfg's FIPS, dual-stack and STS settings.  Returns 0 and *url (caller
 * frees), or -1 and *err (caller frees). */
int aws_config_endpoint_in(const struct aws_config *cfg, enum aws_service svc, const char *region,
			   char **url, char **err);

#endif
