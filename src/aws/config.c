/* Resolves profile, region, endpoints, retry settings and credentials the way
 * the AWS CLI does: flags, then environment, then the shared files. */
#include "config.h"
#include "aws/config.h"
#include "aws/endpoint.h"
#include "aws/cred.h"
#include "aws/credstore.h"
#include "aws/ini.h"
#include "util/ascii.h"
#include "util/i18n.h"
#include "util/sanitize.h"
#include "util/xalloc.h"

#include <errno.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <unistd.h>

struct files {
	struct ini config, credentials;
	char *config_path, *credentials_path;
	const char *profile;
	char *config_section; /* the profile's section in the config file */
};

static const char *env(const char *name)
{
	return aws_cred_env_get(name);
}

static char *shared_path(const char *var, const char *name)
{
	const char *v = env(var);
	char *home, *out;

	if (v)
		return aws_cred_expand_home(v);
	home = aws_cred_home();
	out = xasprintf("%s/.aws/%s", home, name);
	free(home);
	return out;
}

static int load_file(const char *path, struct ini *ini, char **err)
{
	if (ini_load(path, ini) >= 0)
		return 0;
	char *safe = sanitize_str(path);

	*err = xasprintf(_("Cannot read %s: %s."), safe, strerror(errno));
	free(safe);
	return -1;
}

/* A value of the profile: the credentials file's section wins over the
 * config file's, as botocore merges them. */
static const char *profile_get(const struct files *f, const char *key)
{
	const char *v = ini_get(&f->credentials, f->profile, key);

	if (v)
		return v;
	if (f->config_section)
		return ini_get(&f->config, f->config_section, key);
	return NULL;
}

/* "[profile NAME]", or "[default]" for the default profile. */
static void find_config_section(struct files *f)
{
	char *named = xasprintf("profile %s", f->profile);

	if (ini_has_section(&f->config, named)) {
		f->config_section = named;
		return;
	}
	free(named);
	if (strcmp(f->profile, "default") == 0 && ini_has_section(&f->config, "default"))
		f->config_section = xstrdup("default");
}

static bool profile_exists(const struct files *f)
{
	return f->config_section || ini_has_section(&f->credentials, f->profile);
}

static void files_free(struct files *f)
{
	ini_free(&f->config);
	ini_free(&f->credentials);
	free(f->config_path);
	free(f->credentials_path);
	free(f->config_section);
}

/* ---- region, endpoints, settings ---- */

/* botocore's check: a DNS label of letters, digits and hyphens. */
static bool region_valid(const char *r)
{
	size_t n = strlen(r);

	if (n == 0 || n > 63 || r[0] == '-' || r[n - 1] == '-')
		return false;
	for (size_t i = 0; i < n; i++)
		if (!((r[i] >= 'a' && r[i] <= 'z') || (r[i] >= 'A' && r[i] <= 'Z') ||
		      (r[i] >= '0' && r[i] <= '9') || r[i] == '-'))
			return false;
	return true;
}

static int resolve_region(const struct aws_config_flags *fl, const struct files *f,
			  struct aws_config *cfg, char **err)
{
	const char *r = fl->region && *fl->region ? fl->region : NULL;
	struct aws_source *src = &cfg->region_source;

	if (r) {
		src->type = "manual";
		src->location = xstrdup("--region");
	} else if ((r = env("AWS_REGION")) || (r = env("AWS_DEFAULT_REGION"))) {
		src->type = "env";
		src->location = xstrdup(env("AWS_REGION") ? "AWS_REGION" : "AWS_DEFAULT_REGION");
	} else if ((r = profile_get(f, "region")) && *r) {
		bool in_creds = ini_get(&f->credentials, f->profile, "region") != NULL;

		src->type = in_creds ? "shared-credentials-file" : "config-file";
		src->location = sanitize_str(in_creds ? f->credentials_path : f->config_path);
	}
	if (!r || !*r) {
		*err = xstrdup(_("You must specify a region: use --region, set AWS_REGION, "
				 "or set region in ~/.aws/config."));
		return -1;
	}
	if (!region_valid(r)) {
		char *safe = sanitize_str(r);

		*err = xasprintf(
			_("The region \"%s\" is not valid: a region looks like us-east-1."), safe);
		free(safe);
		return -1;
	}
	cfg->region = xstrdup(r);
	return 0;
}

static int check_url(const char *what, const char *url, char **err)
{
	if (strncmp(url, "http://", 7) == 0 || strncmp(url, "https://", 8) == 0) {
		const char *host = url + (url[4] == 's' ? 8 : 7);

		if (*host && *host != '/' && !strpbrk(url, " \t\r\n"))
			return 0;
	}
	char *safe = sanitize_str(url);

	*err = xasprintf(_("Bad value for %s \"%s\": an endpoint URL looks like "
			   "https://host[:port]/."),
			 what, safe);
	free(safe);
	return -1;
}

/* botocore's ensure_boolean: only "true" (any case) is true. */
static bool is_true(const char *v)
{
	return v && ascii_strcasecmp(v, "true") == 0;
}

/* A setting from the environment, else from the profile; *where names it. */
static const char *setting(const struct files *f, const char *var, const char *key,
			   const char **where)
{
	const char *v = env(var);

	*where = var;
	if (v)
		return v;
	*where = key;
	return profile_get(f, key);
}

/* The profile's services section's endpoint_url for svc, or NULL.  A
 * profile naming a section that does not exist is an error, as in botocore
 * (raised only when the section is looked at). */
static int services_endpoint(const struct files *f, enum aws_service svc, const char **url,
			     char **location, char **err)
{
	const char *name = profile_get(f, "services");

	*url = NULL;
	if (!name || !*name)
		return 0;
	char *section = xasprintf("services %s", name);

	if (!ini_has_section(&f->config, section)) {
		char *safe = sanitize_str(name);

		*err = xasprintf(_("The profile is configured to use the services section but "
				   "the \"%s\" services configuration does not exist."),
				 safe);
		free(safe);
		free(section);
		return -1;
	}
	char *key = xasprintf("%s.endpoint_url", aws_service_names(svc)->config_key);

	*url = ini_get(&f->config, section, key);
	if (*url && !**url)
		*url = NULL;
	if (*url)
		*location = xasprintf("[%s] %s", section, key);
	free(key);
	free(section);
	return 0;
}

/* The configured URL of one service, botocore's order: --endpoint-url, the
 * service's variable, AWS_ENDPOINT_URL, the services section, the
 * profile's endpoint_url; none of the last four when
 * ignore_configured_endpoint_urls is true.  *url NULL: none configured. */
static int configured_endpoint(const struct aws_config_flags *fl, const struct files *f,
			       bool ignore, enum aws_service svc, const char **url,
			       struct aws_source *src, char **err)
{
	const char *var = aws_service_names(svc)->env;
	char *loc = NULL;

	*url = NULL;
	if (fl->endpoint_url && *fl->endpoint_url) {
		*url = fl->endpoint_url;
		src->type = "manual";
		loc = xstrdup("--endpoint-url");
	} else if (ignore) {
		return 0;
	} else if (env(var) || env("AWS_ENDPOINT_URL")) {
		const char *name = env(var) ? var : "AWS_ENDPOINT_URL";

		*url = env(name);
		src->type = "env";
		loc = xstrdup(name);
	} else {
		if (services_endpoint(f, svc, url, &loc, err) < 0)
			return -1;
		if (!*url && (*url = profile_get(f, "endpoint_url")) && !**url)
			*url = NULL;
		if (*url && !loc)
			loc = xasprintf(_("profile %s: endpoint_url"), f->profile);
		if (*url)
			src->type = "config-file";
	}
	if (*url && check_url(loc, *url, err) < 0) {
		free(loc);
		src->type = NULL;
		return -1;
	}
	src->location = loc;
	return 0;
}

static char **endpoint_field(struct aws_config *cfg, enum aws_service svc)
{
	switch (svc) {
	case AWS_SVC_SAGEMAKER: return &cfg->endpoint_sagemaker;
	case AWS_SVC_AUTOSCALING: return &cfg->endpoint_autoscaling;
	case AWS_SVC_MONITORING: return &cfg->endpoint_monitoring;
	case AWS_SVC_STS: return &cfg->endpoint_sts;
	case AWS_SVC_SSO: return &cfg->endpoint_sso;
	default: return &cfg->endpoint_sso_oidc;
	}
}

const char *aws_config_endpoint(const struct aws_config *cfg, enum aws_service svc)
{
	if ((int)svc < 0 || svc >= AWS_SVC_COUNT)
		return NULL;
	return *endpoint_field((struct aws_config *)cfg, svc);
}

int aws_config_endpoint_in(const struct aws_config *cfg, enum aws_service svc, const char *region,
			   char **url, char **err)
{
	struct aws_endpoint_params p = {
		.region = region,
		.fips = cfg->use_fips,
		.dualstack = cfg->use_dualstack,
		.sts_global = cfg->sts_global,
	};
	struct aws_endpoint ep;

	*url = NULL;
	if ((int)svc < 0 || svc >= AWS_SVC_COUNT) {
		*err = xstrdup(_("unknown service"));
		return -1;
	}
	if (cfg->endpoint_source[svc].type && aws_config_endpoint(cfg, svc)) {
		*url = xstrdup(aws_config_endpoint(cfg, svc));
		return 0;
	}
	if (aws_endpoint_resolve(svc, &p, &ep, err) < 0)
		return -1;
	free(ep.signing_region);
	*url = ep.url;
	return 0;
}

/* The variant settings (FIPS, dual-stack, STS) and every service's endpoint. */
static int resolve_endpoints(const struct aws_config_flags *fl, const struct files *f,
			     struct aws_config *cfg, char **err)
{
	const char *where, *v;
	bool ignore;

	cfg->use_fips = is_true(setting(f, "AWS_USE_FIPS_ENDPOINT", "use_fips_endpoint", &where));
	cfg->use_dualstack =
		is_true(setting(f, "AWS_USE_DUALSTACK_ENDPOINT", "use_dualstack_endpoint", &where));
	ignore = is_true(setting(f, "AWS_IGNORE_CONFIGURED_ENDPOINT_URLS",
				 "ignore_configured_endpoint_urls", &where));
	v = setting(f, "AWS_STS_REGIONAL_ENDPOINTS", "sts_regional_endpoints", &where);
	if (v && *v && strcmp(v, "regional") && strcmp(v, "legacy")) {
		char *safe = sanitize_str(v);

		*err = xasprintf(_("%s must be regional or legacy, not \"%s\"."), where, safe);
		free(safe);
		return -1;
	}
	cfg->sts_global = v && strcmp(v, "legacy") == 0;
	for (int i = 0; i < AWS_SVC_COUNT; i++) {
		enum aws_service svc = (enum aws_service)i;
		struct aws_endpoint_params p = {
			.region = cfg->region,
			.fips = cfg->use_fips,
			.dualstack = cfg->use_dualstack,
			.sts_global = cfg->sts_global,
		};
		struct aws_endpoint ep = { 0 };
		const char *url;

		if (configured_endpoint(fl, f, ignore, svc, &url, &cfg->endpoint_source[svc], err) <
		    0)
			return -1;
		if (url) {
			*endpoint_field(cfg, svc) = xstrdup(url);
			if (svc == AWS_SVC_SAGEMAKER || svc == AWS_SVC_AUTOSCALING ||
			    svc == AWS_SVC_MONITORING)
				cfg->endpoint_explicit = true;
			if (svc == AWS_SVC_STS)
				cfg->sts_signing_region = xstrdup(cfg->region);
			continue;
		}
		if (aws_endpoint_resolve(svc, &p, &ep, err) < 0)
			return -1;
		*endpoint_field(cfg, svc) = ep.url;
		if (svc == AWS_SVC_STS)
			cfg->sts_signing_region = ep.signing_region;
		else
			free(ep.signing_region);
	}
	return 0;
}

/* cli_connect_timeout / cli_read_timeout: whole seconds as the AWS CLI
 * reads them (int()), 0 meaning none. */
static int timeout_setting(const struct files *f, const char *key, long *ms, char **err)
{
	const char *v = profile_get(f, key);
	char *end;
	long n;

	*ms = -1;
	if (!v || !*v)
		return 0;
	errno = 0;
	n = strtol(v, &end, 10);
	if (errno || end == v || *end || n < 0 || n > 86400) {
		char *safe = sanitize_str(v);

		*err = xasprintf(_("%s must be a whole number of seconds from 0 to 86400, not "
				   "\"%s\"."),
				 key, safe);
		free(safe);
		return -1;
	}
	*ms = n * 1000;
	return 0;
}

static int resolve_settings(const struct aws_config_flags *fl, const struct files *f,
			    struct aws_config *cfg, char **err)
{
	const char *v, *what;

	/* ca_bundle: flag > AWS_CA_BUNDLE > profile. */
	v = fl->ca_bundle && *fl->ca_bundle ? fl->ca_bundle : env("AWS_CA_BUNDLE");
	if (!v)
		v = profile_get(f, "ca_bundle");
	cfg->ca_bundle = v && *v ? aws_cred_expand_home(v) : NULL;

	/* max_attempts: a whole number >= 1. */
	what = "AWS_MAX_ATTEMPTS";
	v = env(what);
	if (!v) {
		what = "max_attempts";
		v = profile_get(f, what);
	}
	cfg->max_attempts = 0; /* the mode's default, below */
	if (v && *v) {
		char *end;
		long n;

		errno = 0;
		n = strtol(v, &end, 10);
		if (errno || end == v || *end || n < 1 || n > 1000) {
			char *safe = sanitize_str(v);

			*err = xasprintf(_("%s must be a whole number from 1 to 1000, not \"%s\"."),
					 what, safe);
			free(safe);
			return -1;
		}
		cfg->max_attempts = (int)n;
	}

	/* retry_mode: standard (default), legacy or adaptive. */
	what = "AWS_RETRY_MODE";
	v = env(what);
	if (!v) {
		what = "retry_mode";
		v = profile_get(f, what);
	}
	if (!v || !*v)
		v = "standard";
	if (strcmp(v, "standard") && strcmp(v, "legacy") && strcmp(v, "adaptive")) {
		char *safe = sanitize_str(v);

		*err = xasprintf(_("%s must be standard, legacy or adaptive, not \"%s\"."), what,
				 safe);
		free(safe);
		return -1;
	}
	cfg->retry_mode = xstrdup(v);
	/* botocore's defaults: legacy 5 attempts (_retry.json), else 3. */
	if (!cfg->max_attempts)
		cfg->max_attempts = strcmp(v, "legacy") == 0 ? 5 : 3;
	if (timeout_setting(f, "cli_connect_timeout", &cfg->cli_connect_timeout_ms, err) < 0 ||
	    timeout_setting(f, "cli_read_timeout", &cfg->cli_read_timeout_ms, err) < 0)
		return -1;
	return 0;
}

/* ---- credentials: the provider chain (cred.c) ---- */

static int resolve_credentials(const struct aws_config_flags *fl, const struct files *f,
			       struct aws_config *cfg, char **err)
{
	struct aws_cred_ctx ctx = {
		.profile = f->profile,
		.profile_explicit = fl->profile && *fl->profile,
		.config = &f->config,
		.credentials = &f->credentials,
		.config_path = f->config_path,
		.credentials_path = f->credentials_path,
		.config_section = f->config_section,
		.region = cfg->region,
		.ca_bundle = cfg->ca_bundle,
		.sts_endpoint = aws_config_endpoint(cfg, AWS_SVC_STS),
		.sts_region = cfg->sts_signing_region,
	};
	struct aws_credentials got;
	const struct aws_cred_provider *provider;
	void *state;

	if (aws_cred_resolve(&ctx, &got, &provider, &state, err) < 0) {
		/* configure list tells "no source" (method NULL) from a failed one. */
		cfg->creds.method = provider ? provider->method : NULL;
		return -1;
	}
	aws_credentials_copy(&cfg->creds, &got);
	cfg->credstore = aws_credstore_new(&got, provider, state);
	return 0;
}

/* ---- the whole resolution ---- */

int aws_config_load(const struct aws_config_flags *flags, struct aws_config *cfg, char **err)
{
	static const struct aws_config_flags none;
	struct files f = { 0 };
	const char *profile;
	bool explicit;
	char *e = NULL;

	if (!flags)
		flags = &none;
	memset(cfg, 0, sizeof *cfg);
	*err = NULL;

	/* botocore's order: --profile, AWS_DEFAULT_PROFILE, AWS_PROFILE. */
	profile = flags->profile && *flags->profile ? flags->profile : NULL;
	if (profile) {
		cfg->profile_source.type = "manual";
		cfg->profile_source.location = xstrdup("--profile");
	} else {
		const char *var =
			env("AWS_DEFAULT_PROFILE") ? "AWS_DEFAULT_PROFILE" : "AWS_PROFILE";

		if ((profile = env(var))) {
			cfg->profile_source.type = "env";
			cfg->profile_source.location = xstrdup(var);
		}
	}
	explicit = profile != NULL;
	cfg->profile = xstrdup(profile ? profile : "default");
	f.profile = cfg->profile;

	f.config_path = shared_path("AWS_CONFIG_FILE", "config");
	f.credentials_path = shared_path("AWS_SHARED_CREDENTIALS_FILE", "credentials");
	if (load_file(f.config_path, &f.config, &e) < 0 ||
	    load_file(f.credentials_path, &f.credentials, &e) < 0)
		goto fail;
	find_config_section(&f);
	if (explicit && !profile_exists(&f)) {
		char *safe = sanitize_str(cfg->profile);

		e = xasprintf(_("The config profile (%s) could not be found"), safe);
		free(safe);
		goto fail;
	}

	if (resolve_region(flags, &f, cfg, &e) < 0) {
		/* configure list shows a missing region as not set. */
		if (!flags->incomplete_ok || cfg->region_source.type)
			goto fail;
		free(e);
		e = NULL;
	} else if (resolve_endpoints(flags, &f, cfg, &e) < 0) {
		goto fail;
	}
	if (resolve_settings(flags, &f, cfg, &e) < 0)
		goto fail;
	if (resolve_credentials(flags, &f, cfg, &e) < 0) {
		/* ... and so are credentials that no source has (a source
		 * that fails is still an error). */
		if (!flags->incomplete_ok || cfg->creds.method)
			goto fail;
		aws_credentials_free(&cfg->creds);
		free(e);
		e = NULL;
	}
	files_free(&f);
	return 0;
fail:
	files_free(&f);
	aws_config_free(cfg);
	*err = e;
	return -1;
}

void aws_config_free(struct aws_config *cfg)
{
	if (!cfg)
		return;
	free(cfg->profile);
	free(cfg->region);
	for (int i = 0; i < AWS_SVC_COUNT; i++) {
		free(*endpoint_field(cfg, (enum aws_service)i));
		free(cfg->endpoint_source[i].location);
	}
	free(cfg->sts_signing_region);
	free(cfg->profile_source.location);
	free(cfg->region_source.location);
	free(cfg->ca_bundle);
	free(cfg->retry_mode);
	aws_credentials_free(&cfg->creds);
	aws_credstore_free(cfg->credstore);
	memset(cfg, 0, sizeof *cfg);
}
