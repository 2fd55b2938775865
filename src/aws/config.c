/* Resolves profile, region, endpoints, retry settings and credentials the way
 * the AWS CLI does: flags, then environment, then the shared files. */
#include "config.h"
#include "aws/config.h"
#include "aws/credproc.h"
#include "aws/ini.h"
#include "util/i18n.h"
#include "util/sanitize.h"
#include "util/xalloc.h"

#include <errno.h>
#include <openssl/crypto.h>
#include <pwd.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <unistd.h>

struct files {
	struct ini config, credentials;
	char *config_path, *credentials_path;
	const char *profile;
	char *config_section;	/* the profile's section in the config file */
};

/* Unset and empty are the same: AWS_REGION= must not mean region "". */
static const char *env(const char *name)
{
	const char *v = getenv(name);

	return v && *v ? v : NULL;
}

static char *home_dir(void)
{
	const char *h = env("HOME");
	struct passwd *pw;

	if (h)
		return xstrdup(h);
	pw = getpwuid(getuid());
	return xstrdup(pw && pw->pw_dir ? pw->pw_dir : "/");
}

/* "~/x" as botocore's os.path.expanduser does (only the leading "~/"). */
static char *expand_home(const char *path)
{
	if (path[0] == '~' && (path[1] == '/' || path[1] == '\0')) {
		char *home = home_dir();
		char *out = xasprintf("%s%s", home, path + 1);

		free(home);
		return out;
	}
	return xstrdup(path);
}

static char *shared_path(const char *var, const char *name)
{
	const char *v = env(var);
	char *home, *out;

	if (v)
		return expand_home(v);
	home = home_dir();
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

	if (!r)
		r = env("AWS_REGION");
	if (!r)
		r = env("AWS_DEFAULT_REGION");
	if (!r)
		r = profile_get(f, "region");
	if (!r || !*r) {
		*err = xstrdup(_("You must specify a region: use --region, set AWS_REGION, "
				 "or set region in ~/.aws/config."));
		return -1;
	}
	if (!region_valid(r)) {
		char *safe = sanitize_str(r);

		*err = xasprintf(_("The region \"%s\" is not valid: a region looks like us-east-1."), safe);
		free(safe);
		return -1;
	}
	cfg->region = xstrdup(r);
	return 0;
}

char *aws_endpoint_default(const char *service, const char *region)
{
	const char *suffix = strncmp(region, "cn-", 3) == 0 ? "amazonaws.com.cn" : "amazonaws.com";

	if (strcmp(service, "sagemaker") == 0)
		return xasprintf("https://api.sagemaker.%s.%s", region, suffix);
	return xasprintf("https://%s.%s.%s", service, region, suffix);
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
			   "https://host[:port]/."), what, safe);
	free(safe);
	return -1;
}

/* One service's endpoint: flag, service variable, AWS_ENDPOINT_URL, the
 * profile's endpoint_url, else the regional default. */
static int resolve_endpoint(const struct aws_config_flags *fl, const struct files *f,
			    const char *service, const char *service_var, const char *region,
			    char **out, bool *explicit, char **err)
{
	bool ignore = env("AWS_IGNORE_CONFIGURED_ENDPOINT_URLS") &&
		      strcasecmp(env("AWS_IGNORE_CONFIGURED_ENDPOINT_URLS"), "true") == 0;
	const char *what = NULL, *url = NULL;

	if (fl->endpoint_url && *fl->endpoint_url) {
		what = "--endpoint-url";
		url = fl->endpoint_url;
	} else if (!ignore && env(service_var)) {
		what = service_var;
		url = env(service_var);
	} else if (!ignore && env("AWS_ENDPOINT_URL")) {
		what = "AWS_ENDPOINT_URL";
		url = env("AWS_ENDPOINT_URL");
	} else if (!ignore && profile_get(f, "endpoint_url") && *profile_get(f, "endpoint_url")) {
		what = "endpoint_url";
		url = profile_get(f, "endpoint_url");
	}
	if (!url) {
		*out = aws_endpoint_default(service, region);
		return 0;
	}
	if (check_url(what, url, err) < 0)
		return -1;
	*out = xstrdup(url);
	*explicit = true;
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
	cfg->ca_bundle = v && *v ? expand_home(v) : NULL;

	/* max_attempts: a whole number >= 1, default 3. */
	what = "AWS_MAX_ATTEMPTS";
	v = env(what);
	if (!v) {
		what = "max_attempts";
		v = profile_get(f, what);
	}
	cfg->max_attempts = 3;
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

		*err = xasprintf(_("%s must be standard, legacy or adaptive, not \"%s\"."), what, safe);
		free(safe);
		return -1;
	}
	cfg->retry_mode = xstrdup(v);
	return 0;
}

/* ---- credentials ---- */

static void creds_set(struct aws_credentials *c, const char *ak, const char *sk,
		      const char *token, char *source)
{
	c->access_key_id = xstrdup(ak);
	c->secret_access_key = xstrdup(sk);
	c->session_token = token && *token ? xstrdup(token) : NULL;
	c->source = source;
}

/* 1 found, 0 none, -1 error (only one of the pair given). */
static int creds_pair(const char *ak, const char *sk, const char *token, const char *where,
		      const char *ak_name, const char *sk_name, struct aws_credentials *c,
		      char **err, char *source)
{
	if (ak && !*ak)
		ak = NULL;
	if (sk && !*sk)
		sk = NULL;
	if (!ak && !sk) {
		free(source);
		return 0;
	}
	if (!ak || !sk) {
		*err = xasprintf(_("Partial credentials found in %s: %s is missing."), where,
				 ak ? sk_name : ak_name);
		free(source);
		return -1;
	}
	creds_set(c, ak, sk, token, source);
	return 1;
}

static int creds_from_env(struct aws_credentials *c, char **err)
{
	const char *token = env("AWS_SESSION_TOKEN");

	if (!token)
		token = env("AWS_SECURITY_TOKEN");	/* the older name, still honoured */
	return creds_pair(env("AWS_ACCESS_KEY_ID"), env("AWS_SECRET_ACCESS_KEY"), token,
			  _("the environment"), "AWS_ACCESS_KEY_ID", "AWS_SECRET_ACCESS_KEY", c, err,
			  xstrdup(_("environment")));
}

static int creds_from_section(const struct ini *ini, const char *section, const char *where,
			      char *source, struct aws_credentials *c, char **err)
{
	const char *token = ini_get(ini, section, "aws_session_token");

	if (!token)
		token = ini_get(ini, section, "aws_security_token");
	return creds_pair(ini_get(ini, section, "aws_access_key_id"),
			  ini_get(ini, section, "aws_secret_access_key"), token, where,
			  "aws_access_key_id", "aws_secret_access_key", c, err, source);
}

/* Order as botocore's resolver: environment (not when --profile is given),
 * shared credentials file, credential_process, config file keys. */
/* creds_from_section for a section of the file at path, read for profile:
 * its place named "PATH (profile P)" in messages. */
static int creds_from_file(const struct ini *ini, const char *section, const char *path,
			   const char *profile, char *source, struct aws_credentials *c, char **err)
{
	char *spath = sanitize_str(path);
	char *where = xasprintf(_("%s (profile %s)"), spath, profile);
	int rc = creds_from_section(ini, section, where, source, c, err);

	free(where);
	free(spath);
	return rc;
}

static int resolve_credentials(const struct aws_config_flags *fl, const struct files *f,
			       struct aws_credentials *c, char **err)
{
	bool profile_flag = fl->profile && *fl->profile;
	int rc;

	if (!profile_flag && (rc = creds_from_env(c, err)) != 0)
		return rc < 0 ? -1 : 0;

	rc = creds_from_file(&f->credentials, f->profile, f->credentials_path, f->profile,
			     xasprintf(_("shared credentials file (profile %s)"), f->profile), c, err);
	if (rc)
		return rc < 0 ? -1 : 0;

	const char *process = profile_get(f, "credential_process");

	if (process && *process)
		return credproc_run(process, f->profile, c, err) < 0 ? -1 : 0;

	if (f->config_section) {
		rc = creds_from_file(&f->config, f->config_section, f->config_path, f->profile,
				     xasprintf(_("config file (profile %s)"), f->profile), c, err);
		if (rc)
			return rc < 0 ? -1 : 0;
	}

	if (strcmp(f->profile, "default") == 0)
		*err = xstrdup(_("Unable to locate credentials: set AWS_ACCESS_KEY_ID and "
				 "AWS_SECRET_ACCESS_KEY, add a profile to ~/.aws/credentials, "
				 "or choose one with --profile."));
	else
		*err = xasprintf(_("Unable to locate credentials for profile (%s): set "
				   "aws_access_key_id and aws_secret_access_key in its section of "
				   "~/.aws/credentials, set AWS_ACCESS_KEY_ID and AWS_SECRET_ACCESS_KEY, "
				   "or choose another profile with --profile."), f->profile);
	return -1;
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

	profile = flags->profile && *flags->profile ? flags->profile : env("AWS_PROFILE");
	if (!profile)
		profile = env("AWS_DEFAULT_PROFILE");
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

	if (resolve_region(flags, &f, cfg, &e) < 0 ||
	    resolve_endpoint(flags, &f, "sagemaker", "AWS_ENDPOINT_URL_SAGEMAKER", cfg->region,
			     &cfg->endpoint_sagemaker, &cfg->endpoint_explicit, &e) < 0 ||
	    resolve_endpoint(flags, &f, "application-autoscaling",
			     "AWS_ENDPOINT_URL_APPLICATION_AUTO_SCALING", cfg->region,
			     &cfg->endpoint_autoscaling, &cfg->endpoint_explicit, &e) < 0 ||
	    resolve_endpoint(flags, &f, "monitoring", "AWS_ENDPOINT_URL_CLOUDWATCH", cfg->region,
			     &cfg->endpoint_monitoring, &cfg->endpoint_explicit, &e) < 0 ||
	    resolve_settings(flags, &f, cfg, &e) < 0 ||
	    resolve_credentials(flags, &f, &cfg->creds, &e) < 0)
		goto fail;
	files_free(&f);
	return 0;
fail:
	files_free(&f);
	aws_config_free(cfg);
	*err = e;
	return -1;
}

static void wipe_str(char **s)
{
	if (*s) {
		OPENSSL_cleanse(*s, strlen(*s));
		free(*s);
		*s = NULL;
	}
}

void aws_credentials_free(struct aws_credentials *c)
{
	if (!c)
		return;
	free(c->access_key_id);
	wipe_str(&c->secret_access_key);
	wipe_str(&c->session_token);
	free(c->source);
	memset(c, 0, sizeof *c);
}

void aws_config_free(struct aws_config *cfg)
{
	if (!cfg)
		return;
	free(cfg->profile);
	free(cfg->region);
	free(cfg->endpoint_sagemaker);
	free(cfg->endpoint_autoscaling);
	free(cfg->endpoint_monitoring);
	free(cfg->ca_bundle);
	free(cfg->retry_mode);
	aws_credentials_free(&cfg->creds);
	memset(cfg, 0, sizeof *cfg);
}
