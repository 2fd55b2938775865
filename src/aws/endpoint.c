/* Endpoint rules: partitions from data/partitions.def, and per service the
 * host names botocore's endpoint rule sets give (FIPS, dual-stack, the
 * GovCloud exceptions, global STS).  The rules are written as a table, one
 * row per service, because the six rule sets differ only in those names. */
#include "config.h"
#include "aws/endpoint.h"
#include "util/ascii.h"
#include "util/i18n.h"
#include "util/sanitize.h"
#include "util/xalloc.h"

#include <ctype.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

struct partition_row {
	struct aws_partition p;
	const char *prefixes; /* "us|eu|ap": regions PREFIX-WORD-NUMBER */
};

static const struct partition_row partitions[] = {
#define PARTITION(id, pre, dns, ds, fips, dual, global) \
	{ { id, dns, ds, fips, dual, global }, pre },
#define REGION(name, part)
#include "../../data/partitions.def"
#undef PARTITION
#undef REGION
};

struct region_row {
	const char *name, *partition;
};

static const struct region_row regions[] = {
#define PARTITION(id, pre, dns, ds, fips, dual, global)
#define REGION(name, part) { name, part },
#include "../../data/partitions.def"
#undef PARTITION
#undef REGION
};

static const char *const region_names[] = {
#define PARTITION(id, pre, dns, ds, fips, dual, global)
#define REGION(name, part) name,
#include "../../data/partitions.def"
#undef PARTITION
#undef REGION
	NULL
};

#define NPARTITIONS (sizeof(partitions) / sizeof(partitions[0]))
#define NREGIONS (sizeof(regions) / sizeof(regions[0]))

const char *const *aws_known_regions(void)
{
	return region_names;
}

static bool is_word(char c)
{
	return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') ||
	       c == '_';
}

/* rest is WORD-NUMBER (botocore's \w+\-\d+$; \w has no '-', so the split
 * is at the first '-'). */
static bool word_dash_number(const char *rest)
{
	const char *p = rest;

	while (is_word(*p))
		p++;
	if (p == rest || *p != '-')
		return false;
	const char *d = ++p;

	while (*p >= '0' && *p <= '9')
		p++;
	return p > d && *p == '\0';
}

static bool matches_form(const char *region, const char *prefixes)
{
	const char *p = prefixes;

	while (*p) {
		size_t n = strcspn(p, "|");

		if (strncmp(region, p, n) == 0 && region[n] == '-' &&
		    word_dash_number(region + n + 1))
			return true;
		p += n;
		if (*p == '|')
			p++;
	}
	return false;
}

static bool listed_in(const char *region, const char *partition)
{
	for (size_t i = 0; i < NREGIONS; i++)
		if (strcmp(regions[i].partition, partition) == 0 &&
		    strcmp(regions[i].name, region) == 0)
			return true;
	return false;
}

const struct aws_partition *aws_partition_of(const char *region)
{
	for (size_t i = 0; region && i < NPARTITIONS; i++)
		if (listed_in(region, partitions[i].p.id) ||
		    matches_form(region, partitions[i].prefixes))
			return &partitions[i].p;
	return &partitions[0].p;
}

/* ---- services ---- */

/* One service's rule set, reduced to its host names.  Every rule set has
 * the same shape: FIPS and dual-stack together, FIPS alone (with the
 * exceptions below), dual-stack alone, neither. */
struct service_rules {
	struct aws_service_names names;
	const char *client;    /* botocore's client name, when it differs from id */
	const char *host;      /* "api.sagemaker": HOST.REGION.SUFFIX */
	const char *fips_host; /* "api.sagemaker-fips" */
	/* FIPS without dual-stack in these partitions ("aws|aws-us-gov") uses
	 * this host instead (SageMaker's api-fips.sagemaker, the GovCloud
	 * endpoints that are FIPS already). */
	const char *fips_exception_partitions, *fips_exception_host;
	/* CloudWatch: the GovCloud exception holds with dual-stack too. */
	bool exception_with_dualstack;
	bool sts; /* the global endpoint rules */
};

static const struct service_rules services[AWS_SVC_COUNT] = {
	[AWS_SVC_SAGEMAKER] = { { "sagemaker", "AWS_ENDPOINT_URL_SAGEMAKER", "sagemaker" },
				NULL,
				"api.sagemaker",
				"api.sagemaker-fips",
				"aws|aws-us-gov",
				"api-fips.sagemaker",
				false,
				false },
	[AWS_SVC_AUTOSCALING] = { { "application-autoscaling",
				    "AWS_ENDPOINT_URL_APPLICATION_AUTO_SCALING",
				    "application_auto_scaling" },
				  NULL,
				  "application-autoscaling",
				  "application-autoscaling-fips",
				  "aws-us-gov",
				  "application-autoscaling",
				  false,
				  false },
	[AWS_SVC_MONITORING] = { { "monitoring", "AWS_ENDPOINT_URL_CLOUDWATCH", "cloudwatch" },
				 "cloudwatch",
				 "monitoring",
				 "monitoring-fips",
				 "aws-us-gov",
				 "monitoring",
				 true,
				 false },
	[AWS_SVC_STS] = { { "sts", "AWS_ENDPOINT_URL_STS", "sts" },
			  NULL,
			  "sts",
			  "sts-fips",
			  "aws-us-gov",
			  "sts",
			  false,
			  true },
	[AWS_SVC_SSO] = { { "sso", "AWS_ENDPOINT_URL_SSO", "sso" },
			  NULL,
			  "portal.sso",
			  "portal.sso-fips",
			  "aws-us-gov",
			  "portal.sso",
			  false,
			  false },
	[AWS_SVC_SSO_OIDC] = { { "sso-oidc", "AWS_ENDPOINT_URL_SSO_OIDC", "sso_oidc" },
			       NULL,
			       "oidc",
			       "oidc-fips",
			       "aws-us-gov",
			       "oidc",
			       false,
			       false },
};

const struct aws_service_names *aws_service_names(enum aws_service svc)
{
	if ((int)svc < 0 || svc >= AWS_SVC_COUNT)
		return NULL;
	return &services[svc].names;
}

int aws_service_from_name(const char *name)
{
	for (int i = 0; name && i < AWS_SVC_COUNT; i++)
		if (strcmp(services[i].names.id, name) == 0 ||
		    (services[i].client && strcmp(services[i].client, name) == 0))
			return i;
	return -1;
}

/* The regions whose STS answered on sts.amazonaws.com before regional STS
 * became the default (sts_regional_endpoints = legacy keeps them there). */
static bool sts_legacy_global(const char *region)
{
	static const char *const global[] = {
		"ap-northeast-1", "ap-south-1",   "ap-southeast-1", "ap-southeast-2", "aws-global",
		"ca-central-1",   "eu-central-1", "eu-north-1",     "eu-west-1",      "eu-west-2",
		"eu-west-3",      "sa-east-1",    "us-east-1",      "us-east-2",      "us-west-1",
		"us-west-2",      NULL,
	};

	for (size_t i = 0; global[i]; i++)
		if (strcmp(global[i], region) == 0)
			return true;
	return false;
}

static bool in_bar_list(const char *id, const char *list)
{
	size_t n = strlen(id);

	for (const char *p = list; p && *p;) {
		size_t l = strcspn(p, "|");

		if (l == n && strncmp(p, id, n) == 0)
			return true;
		p += l;
		if (*p == '|')
			p++;
	}
	return false;
}

static int variant_error(const char *what, const struct aws_partition *part, char **err)
{
	*err = xasprintf(_("%s is enabled, but the partition %s has no such endpoints."), what,
			 part->id);
	return -1;
}

/* The host (without "https://") and suffix for p, or -1. */
static int pick_host(const struct service_rules *r, const struct aws_partition *part,
		     const struct aws_endpoint_params *p, const char **host, const char **suffix,
		     char **err)
{
	bool exception =
		r->fips_exception_partitions && in_bar_list(part->id, r->fips_exception_partitions);

	if (p->fips && p->dualstack && !(exception && r->exception_with_dualstack)) {
		if (!part->fips || !part->dualstack)
			return variant_error(_("FIPS with dual-stack"), part, err);
		*host = r->fips_host;
		*suffix = part->dualstack_dns_suffix;
	} else if (p->fips) {
		if (!part->fips)
			return variant_error(_("FIPS"), part, err);
		*host = exception ? r->fips_exception_host : r->fips_host;
		*suffix = p->dualstack ? part->dualstack_dns_suffix : part->dns_suffix;
	} else if (p->dualstack) {
		if (!part->dualstack)
			return variant_error(_("Dual-stack"), part, err);
		*host = r->host;
		*suffix = part->dualstack_dns_suffix;
	} else {
		*host = r->host;
		*suffix = part->dns_suffix;
	}
	return 0;
}

int aws_endpoint_resolve(enum aws_service svc, const struct aws_endpoint_params *p,
			 struct aws_endpoint *out, char **err)
{
	const struct service_rules *r;
	const struct aws_partition *part;
	const char *host = NULL, *suffix = NULL;

	memset(out, 0, sizeof(*out));
	if ((int)svc < 0 || svc >= AWS_SVC_COUNT) {
		*err = xstrdup(_("unknown service"));
		return -1;
	}
	if (!p->region || !*p->region) {
		*err = xstrdup(_("You must specify a region: use --region, set AWS_REGION, "
				 "or set region in ~/.aws/config."));
		return -1;
	}
	r = &services[svc];
	part = aws_partition_of(p->region);
	/* STS: the global endpoint, signed for us-east-1, for aws-global and
	 * (with sts_regional_endpoints = legacy) the old global regions. */
	if (r->sts && !p->fips && !p->dualstack &&
	    (strcmp(p->region, "aws-global") == 0 ||
	     (p->sts_global && sts_legacy_global(p->region)))) {
		out->url = xstrdup("https://sts.amazonaws.com");
		out->signing_region = xstrdup("us-east-1");
		return 0;
	}
	if (pick_host(r, part, p, &host, &suffix, err) < 0)
		return -1;
	out->url = xasprintf("https://%s.%s.%s", host, p->region, suffix);
	out->signing_region = xstrdup(p->region);
	return 0;
}

void aws_endpoint_free(struct aws_endpoint *e)
{
	if (!e)
		return;
	free(e->url);
	free(e->signing_region);
	memset(e, 0, sizeof(*e));
}

/* ---- URLs ---- */

void aws_url_free(struct aws_url *u)
{
	free(u->host);
	free(u->hostport);
	free(u->path);
	free(u->url);
	memset(u, 0, sizeof(*u));
}

/* The port after "host:" up to end: NULL for the scheme's default, or a
 * reason. */
static const char *parse_port(const char *port, const char *end, bool https, const char **out)
{
	long v = 0;

	*out = NULL;
	if (port == end)
		return NULL; /* "host:" means the default port */
	for (const char *q = port; q < end; q++) {
		if (*q < '0' || *q > '9' || v > 65535)
			return _("its port is not a number from 1 to 65535");
		v = v * 10 + (*q - '0');
	}
	if (v < 1 || v > 65535)
		return _("its port is not a number from 1 to 65535");
	if (v != (https ? 443 : 80))
		*out = port;
	return NULL;
}

static const char *split_authority(const char *auth, const char *auth_end, const char **host_end)
{
	if (memchr(auth, '@', (size_t)(auth_end - auth)))
		return _("it must not contain a user name or password");
	if (*auth == '[') {
		*host_end = memchr(auth, ']', (size_t)(auth_end - auth));
		if (!*host_end || *host_end == auth + 1)
			return _("its IPv6 address is not closed by ']'");
		(*host_end)++;
	} else {
		*host_end = memchr(auth, ':', (size_t)(auth_end - auth));
		if (!*host_end)
			*host_end = auth_end;
	}
	if (*host_end == auth)
		return _("it has no host name");
	if (*host_end < auth_end && **host_end != ':')
		return _("it has characters after the host name");
	return NULL;
}

const char *aws_url_parse(const char *url, struct aws_url *u)
{
	const char *auth, *auth_end, *host_end = NULL, *port = NULL, *why;
	bool https = false;

	memset(u, 0, sizeof(*u));
	for (const char *p = url; *p; p++)
		if ((unsigned char)*p <= ' ' || (unsigned char)*p >= 0x7f)
			return _("it contains spaces, control or non-ASCII characters");
	if (ascii_strncasecmp(url, "https://", 8) == 0) {
		https = true;
		auth = url + 8;
	} else if (ascii_strncasecmp(url, "http://", 7) == 0) {
		auth = url + 7;
	} else {
		return _("it must start with https:// or http://");
	}
	auth_end = auth + strcspn(auth, "/?#");
	if (strpbrk(auth_end, "?#"))
		return _("it must not contain a query or a fragment");
	if ((why = split_authority(auth, auth_end, &host_end)))
		return why;
	if (host_end < auth_end && (why = parse_port(host_end + 1, auth_end, https, &port)))
		return why;
	u->https = https;
	u->host = xstrndup(auth, (size_t)(host_end - auth));
	u->hostport = port ? xasprintf("%s:%.*s", u->host, (int)(auth_end - port), port)
			   : xstrdup(u->host);
	u->path = xstrdup(*auth_end ? auth_end : "/");
	u->url = xasprintf("%s://%s%s", https ? "https" : "http", u->hostport, u->path);
	return NULL;
}

char *aws_endpoint_default(const char *service, const char *region)
{
	struct aws_endpoint_params p = { .region = region };
	struct aws_endpoint ep;
	char *err = NULL;
	int svc = aws_service_from_name(service);

	if (svc < 0 || aws_endpoint_resolve((enum aws_service)svc, &p, &ep, &err) < 0) {
		free(err);
		return NULL;
	}
	free(ep.signing_region);
	return ep.url;
}
