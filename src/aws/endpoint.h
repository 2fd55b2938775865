/* Endpoints as botocore resolves them: the partition of a region (the table
 * in data/partitions.def), each service's endpoint rules (FIPS, dual-stack,
 * regional or global STS), and endpoint URLs taken apart for sending.
 * Pure functions: no configuration files, no environment, no network; the
 * configured URLs (flags, AWS_ENDPOINT_URL_*, services sections) are
 * chosen in config.c, which calls aws_endpoint_resolve for the rest. */
#ifndef SAGESCALE_AWS_ENDPOINT_H
#define SAGESCALE_AWS_ENDPOINT_H
#include <stdbool.h>

/* The services sagescale talks to.  The order is fixed (arrays indexed by it). */
enum aws_service {
	AWS_SVC_SAGEMAKER,
	AWS_SVC_AUTOSCALING, /* Application Auto Scaling */
	AWS_SVC_MONITORING,  /* CloudWatch */
	AWS_SVC_STS,
	AWS_SVC_SSO,      /* IAM Identity Center portal (GetRoleCredentials) */
	AWS_SVC_SSO_OIDC, /* IAM Identity Center OIDC (CreateToken) */
	AWS_SVC_COUNT
};

/* What a service is called where.  All static strings. */
struct aws_service_names {
	const char *id;         /* what aws_call takes, the signing name: "sagemaker",
				   "application-autoscaling", "monitoring", "sts",
				   "awsssoportal", "sso-oauth" */
	const char *env;        /* AWS_ENDPOINT_URL_SAGEMAKER, ..._APPLICATION_AUTO_SCALING,
				   ..._CLOUDWATCH, ..._STS, ..._SSO, ..._SSO_OIDC */
	const char *config_key; /* key in a [services NAME] section: sagemaker,
				   application_auto_scaling, cloudwatch, sts, sso, sso_oidc */
};

const struct aws_service_names *aws_service_names(enum aws_service svc);
/* The service whose id (or botocore client name: "cloudwatch", "sso",
 * "sso-oidc") is name; -1 when none. */
int aws_service_from_name(const char *name);

/* The settings that choose a default endpoint. */
struct aws_endpoint_params {
	const char *region; /* required */
	bool fips;          /* use_fips_endpoint / AWS_USE_FIPS_ENDPOINT */
	bool dualstack;     /* use_dualstack_endpoint / AWS_USE_DUALSTACK_ENDPOINT */
	bool sts_global;    /* sts_regional_endpoints = legacy */
};

struct aws_endpoint {
	char *url;            /* "https://api.sagemaker.us-east-1.amazonaws.com" */
	char *signing_region; /* the region to sign with ("us-east-1" for global STS) */
};

/* The endpoint botocore's rules give for svc with p.  Returns 0, or -1 with
 * *err one translated sentence (no region; a partition without FIPS or
 * dual-stack).  Free out with aws_endpoint_free. */
int aws_endpoint_resolve(enum aws_service svc, const struct aws_endpoint_params *p,
			 struct aws_endpoint *out, char **err);
void aws_endpoint_free(struct aws_endpoint *e);

/* The partition of a region as botocore's aws.partition() picks it: listed
 * by name, else by its form, else "aws".  Static strings. */
struct aws_partition {
	const char *id;                   /* "aws", "aws-cn", "aws-us-gov", "aws-iso", ... */
	const char *dns_suffix;           /* "amazonaws.com" */
	const char *dualstack_dns_suffix; /* "api.aws" */
	bool fips, dualstack;             /* whether it has FIPS / dual-stack endpoints */
	const char *global_region;        /* its implicit global region */
};

const struct aws_partition *aws_partition_of(const char *region);
/* The regions the table lists by name, NULL-terminated (for tests and the
 * differential test's region list). */
const char *const *aws_known_regions(void);

/* An endpoint URL taken apart for sending. */
struct aws_url {
	bool https;
	char *host;     /* as written, IPv6 with its brackets */
	char *hostport; /* the Host header: host, plus ":port" when not the default */
	char *path;     /* "/" at least */
	char *url;      /* what is sent: scheme://authority/path */
};

/* Parses scheme://host[:port][/path].  Userinfo, queries and fragments have
 * no business in an API endpoint and are refused.  Returns NULL, or a
 * translated reason (static) and u is left empty. */
const char *aws_url_parse(const char *url, struct aws_url *u);
void aws_url_free(struct aws_url *u);

/* The regional default endpoint of a service by its name ("sagemaker",
 * "sts", ...; no FIPS, no dual-stack), or NULL for an unknown service or
 * region (caller frees); see aws_endpoint_resolve for the rest. */
char *aws_endpoint_default(const char *service, const char *region);

#endif
