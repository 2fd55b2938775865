/* Configuration resolution: every precedence rule, profiles, endpoints,
 * credential_process, and the error messages (which never hold a secret).
 * Each case gets an empty temporary HOME and no AWS_* variables; the
 * environment of the run is restored at the end. */
#include "config.h"
#include "../lib/unit.h"
#include "../lib/testfile.h"
#include "aws/config.h"
#include "aws/credproc.h"
#include "aws/ini.h"
#include "util/xalloc.h"

#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>

static const char *const vars[] = {
	"HOME",
	"AWS_ACCESS_KEY_ID",
	"AWS_SECRET_ACCESS_KEY",
	"AWS_SESSION_TOKEN",
	"AWS_SECURITY_TOKEN",
	"AWS_PROFILE",
	"AWS_DEFAULT_PROFILE",
	"AWS_REGION",
	"AWS_DEFAULT_REGION",
	"AWS_ENDPOINT_URL",
	"AWS_ENDPOINT_URL_SAGEMAKER",
	"AWS_ENDPOINT_URL_APPLICATION_AUTO_SCALING",
	"AWS_IGNORE_CONFIGURED_ENDPOINT_URLS",
	"AWS_CA_BUNDLE",
	"AWS_MAX_ATTEMPTS",
	"AWS_RETRY_MODE",
	"AWS_CONFIG_FILE",
	"AWS_SHARED_CREDENTIALS_FILE",
	"AWS_USE_FIPS_ENDPOINT",
	"AWS_USE_DUALSTACK_ENDPOINT",
	"AWS_STS_REGIONAL_ENDPOINTS",
	"AWS_ENDPOINT_URL_STS",
	"AWS_ENDPOINT_URL_CLOUDWATCH",
	"AWS_ENDPOINT_URL_SSO",
	"AWS_ENDPOINT_URL_SSO_OIDC",
};
#define NVARS (sizeof vars / sizeof *vars)
static char *saved[NVARS];

#define SECRET "wJalrXUtnFEMI/K7MDENG+bPxRfiCYEXAMPLEKEY"
#define SECRET2 "s3cr3t-from-the-files-0123456789abcdef"

static char *home; /* this case's HOME */

static int group_setup(void **state)
{
	(void)state;
	for (size_t i = 0; i < NVARS; i++) {
		const char *v = getenv(vars[i]);

		saved[i] = v ? xstrdup(v) : NULL;
	}
	return 0;
}

static int group_teardown(void **state)
{
	(void)state;
	for (size_t i = 0; i < NVARS; i++) {
		if (saved[i])
			setenv(vars[i], saved[i], 1);
		else
			unsetenv(vars[i]);
		free(saved[i]);
	}
	return 0;
}

static int setup(void **state)
{
	(void)state;
	for (size_t i = 0; i < NVARS; i++)
		unsetenv(vars[i]);
	home = testfile_tmpdir("unit-config");
	setenv("HOME", home, 1);
	char *aws = xasprintf("%s/.aws", home);

	assert_int_equal(mkdir(aws, 0700), 0);
	free(aws);
	return 0;
}

static int teardown(void **state)
{
	(void)state;
	assert_int_equal(testfile_rmtree(home), 0);
	home = NULL;
	for (size_t i = 0; i < NVARS; i++)
		unsetenv(vars[i]);
	return 0;
}

/* Writes HOME/rel (rel such as ".aws/config"). */
static char *put(const char *rel, const char *text)
{
	return testfile_put(home, rel, text);
}

static void put_free(const char *rel, const char *text)
{
	free(put(rel, text));
}

/* Loads with flags; asserts success. */
static void load_ok(const struct aws_config_flags *fl, struct aws_config *cfg)
{
	char *err = NULL;

	if (aws_config_load(fl, cfg, &err) != 0)
		fail_msg("aws_config_load failed: %s", err);
	assert_null(err);
}

/* Loads and expects failure; returns the message, checked free of secrets. */
static char *load_err(const struct aws_config_flags *fl)
{
	struct aws_config cfg;
	char *err = NULL;

	assert_int_equal(aws_config_load(fl, &cfg, &err), -1);
	assert_non_null(err);
	assert_null(strstr(err, SECRET));
	assert_null(strstr(err, SECRET2));
	assert_null(strchr(err, '\n'));
	return err;
}

static void env_creds(void)
{
	setenv("AWS_ACCESS_KEY_ID", "AKIDENV", 1);
	setenv("AWS_SECRET_ACCESS_KEY", SECRET, 1);
}

/* ---- the basics ---- */

static void test_env_only(void **state)
{
	struct aws_config cfg;

	(void)state;
	env_creds();
	setenv("AWS_REGION", "us-east-1", 1);
	load_ok(NULL, &cfg);
	assert_string_equal(cfg.profile, "default");
	assert_string_equal(cfg.region, "us-east-1");
	assert_string_equal(cfg.creds.access_key_id, "AKIDENV");
	assert_string_equal(cfg.creds.secret_access_key, SECRET);
	assert_null(cfg.creds.session_token);
	assert_string_equal(cfg.creds.source, "environment");
	assert_string_equal(cfg.endpoint_sagemaker,
			    "https://api.sagemaker.us-east-1.amazonaws.com");
	assert_string_equal(cfg.endpoint_autoscaling,
			    "https://application-autoscaling.us-east-1.amazonaws.com");
	assert_false(cfg.endpoint_explicit);
	assert_null(cfg.ca_bundle);
	assert_int_equal(cfg.max_attempts, 3);
	assert_string_equal(cfg.retry_mode, "standard");
	aws_config_free(&cfg);
	assert_null(cfg.region);

	setenv("AWS_SESSION_TOKEN", "TOKENENV", 1);
	load_ok(NULL, &cfg);
	assert_string_equal(cfg.creds.session_token, "TOKENENV");
	aws_config_free(&cfg);

	/* An empty variable is as good as unset. */
	setenv("AWS_SESSION_TOKEN", "", 1);
	load_ok(NULL, &cfg);
	assert_null(cfg.creds.session_token);
	aws_config_free(&cfg);
}

static void test_region_precedence(void **state)
{
	struct aws_config_flags fl = { 0 };
	struct aws_config cfg;

	(void)state;
	env_creds();
	put_free(".aws/config", "[default]\nregion = eu-west-1\n");
	load_ok(&fl, &cfg);
	assert_string_equal(cfg.region, "eu-west-1");
	aws_config_free(&cfg);

	setenv("AWS_DEFAULT_REGION", "eu-west-2", 1);
	load_ok(&fl, &cfg);
	assert_string_equal(cfg.region, "eu-west-2");
	aws_config_free(&cfg);

	setenv("AWS_REGION", "eu-west-3", 1);
	load_ok(&fl, &cfg);
	assert_string_equal(cfg.region, "eu-west-3");
	aws_config_free(&cfg);

	fl.region = "ap-south-1";
	load_ok(&fl, &cfg);
	assert_string_equal(cfg.region, "ap-south-1");
	assert_string_equal(cfg.endpoint_sagemaker,
			    "https://api.sagemaker.ap-south-1.amazonaws.com");
	aws_config_free(&cfg);
}

static void test_region_missing_or_bad(void **state)
{
	struct aws_config_flags fl = { 0 };
	char *err;

	(void)state;
	env_creds();
	err = load_err(&fl);
	assert_non_null(strstr(err, "--region"));
	assert_non_null(strstr(err, "AWS_REGION"));
	assert_non_null(strstr(err, "~/.aws/config"));
	free(err);

	fl.region = "us-east-1/evil";
	err = load_err(&fl);
	assert_non_null(strstr(err, "us-east-1/evil"));
	free(err);

	/* A control character in a value is shown escaped, never raw. */
	fl.region = "us\x1b[31m";
	err = load_err(&fl);
	assert_null(strchr(err, '\x1b'));
	free(err);
}

/* ---- profiles ---- */

static void test_profiles(void **state)
{
	struct aws_config_flags fl = { 0 };
	struct aws_config cfg;

	(void)state;
	put_free(".aws/config", "[default]\nregion = us-west-1\n"
				"[profile dev]\nregion = eu-central-1\n"
				"[profile other]\nregion = sa-east-1\n");
	put_free(".aws/credentials",
		 "[default]\naws_access_key_id = AKIDDEFAULT\naws_secret_access_key = " SECRET2 "\n"
		 "[dev]\naws_access_key_id = AKIDDEV\naws_secret_access_key = " SECRET2 "\n"
		 "aws_session_token = TOKDEV\n"
		 "[other]\naws_access_key_id = AKIDOTHER\naws_secret_access_key = " SECRET2 "\n");

	load_ok(&fl, &cfg);
	assert_string_equal(cfg.profile, "default");
	assert_string_equal(cfg.region, "us-west-1");
	assert_string_equal(cfg.creds.access_key_id, "AKIDDEFAULT");
	assert_string_equal(cfg.creds.source, "shared credentials file (profile default)");
	assert_null(strstr(cfg.creds.source, SECRET2));
	aws_config_free(&cfg);

	setenv("AWS_PROFILE", "dev", 1);
	load_ok(&fl, &cfg);
	assert_string_equal(cfg.profile, "dev");
	assert_string_equal(cfg.region, "eu-central-1");
	assert_string_equal(cfg.creds.access_key_id, "AKIDDEV");
	assert_string_equal(cfg.creds.session_token, "TOKDEV");
	assert_string_equal(cfg.creds.source, "shared credentials file (profile dev)");
	aws_config_free(&cfg);

	/* --profile beats AWS_PROFILE. */
	fl.profile = "other";
	load_ok(&fl, &cfg);
	assert_string_equal(cfg.profile, "other");
	assert_string_equal(cfg.region, "sa-east-1");
	assert_string_equal(cfg.creds.access_key_id, "AKIDOTHER");
	aws_config_free(&cfg);
}

/* Environment keys beat the profile chosen by AWS_PROFILE, but a profile
 * chosen with --profile beats environment keys (as in botocore). */
static void test_env_keys_vs_profile(void **state)
{
	struct aws_config_flags fl = { .region = "us-east-1" };
	struct aws_config cfg;

	(void)state;
	put_free(".aws/credentials",
		 "[dev]\naws_access_key_id = AKIDDEV\naws_secret_access_key = " SECRET2 "\n");
	env_creds();
	setenv("AWS_PROFILE", "dev", 1);
	load_ok(&fl, &cfg);
	assert_string_equal(cfg.creds.access_key_id, "AKIDENV");
	assert_string_equal(cfg.creds.source, "environment");
	aws_config_free(&cfg);

	fl.profile = "dev";
	load_ok(&fl, &cfg);
	assert_string_equal(cfg.creds.access_key_id, "AKIDDEV");
	aws_config_free(&cfg);
}

static void test_profile_not_found(void **state)
{
	struct aws_config_flags fl = { .region = "us-east-1", .profile = "nope" };
	char *err;

	(void)state;
	env_creds();
	put_free(".aws/config", "[profile dev]\nregion = us-east-1\n[nope]\nregion = x\n");
	err = load_err(&fl);
	assert_string_equal(err, "The config profile (nope) could not be found");
	free(err);

	fl.profile = NULL;
	setenv("AWS_PROFILE", "missing", 1);
	err = load_err(&fl);
	assert_string_equal(err, "The config profile (missing) could not be found");
	free(err);

	/* Named explicitly, even "default" must exist. */
	fl.profile = "default";
	err = load_err(&fl);
	assert_string_equal(err, "The config profile (default) could not be found");
	free(err);

	/* A profile that only the credentials file has exists. */
	put_free(".aws/credentials", "[conly]\naws_access_key_id = A\naws_secret_access_key = B\n");
	fl.profile = "conly";
	struct aws_config cfg;

	load_ok(&fl, &cfg);
	assert_string_equal(cfg.creds.access_key_id, "A");
	aws_config_free(&cfg);
}

static void test_profile_default_sections(void **state)
{
	struct aws_config cfg;

	(void)state;
	env_creds();
	put_free(".aws/config", "[profile default]\nregion = us-east-2\n");
	load_ok(NULL, &cfg);
	assert_string_equal(cfg.region, "us-east-2");
	aws_config_free(&cfg);

	/* "[dev]" in the config file is not a profile (only [profile dev] is). */
	put_free(".aws/config", "[dev]\nregion = us-east-2\n");
	setenv("AWS_PROFILE", "dev", 1);
	char *err = load_err(NULL);

	assert_string_equal(err, "The config profile (dev) could not be found");
	free(err);
}

/* ---- credentials order ---- */

static void test_credentials_file_then_config(void **state)
{
	struct aws_config_flags fl = { .region = "us-east-1", .profile = "p" };
	struct aws_config cfg;

	(void)state;
	put_free(".aws/config",
		 "[profile p]\naws_access_key_id = AKIDCONFIG\naws_secret_access_key = " SECRET2
		 "\n");
	load_ok(&fl, &cfg);
	assert_string_equal(cfg.creds.access_key_id, "AKIDCONFIG");
	assert_string_equal(cfg.creds.source, "config file (profile p)");
	aws_config_free(&cfg);

	put_free(".aws/credentials",
		 "[p]\naws_access_key_id = AKIDCREDS\naws_secret_access_key = " SECRET2 "\n");
	load_ok(&fl, &cfg);
	assert_string_equal(cfg.creds.access_key_id, "AKIDCREDS");
	aws_config_free(&cfg);
}

static void test_file_variables(void **state)
{
	struct aws_config cfg;
	char *c, *k;

	(void)state;
	c = put("elsewhere-config", "[default]\nregion = me-south-1\n");
	k = put("elsewhere-creds",
		"[default]\naws_access_key_id = AKIDX\naws_secret_access_key = " SECRET2 "\n");
	/* The default files say otherwise and must not be read. */
	put_free(".aws/config", "[default]\nregion = us-east-1\n");
	put_free(".aws/credentials",
		 "[default]\naws_access_key_id = WRONG\naws_secret_access_key = W\n");
	setenv("AWS_CONFIG_FILE", c, 1);
	setenv("AWS_SHARED_CREDENTIALS_FILE", k, 1);
	load_ok(NULL, &cfg);
	assert_string_equal(cfg.region, "me-south-1");
	assert_string_equal(cfg.creds.access_key_id, "AKIDX");
	aws_config_free(&cfg);

	/* "~/" is expanded, like botocore does. */
	setenv("AWS_CONFIG_FILE", "~/elsewhere-config", 1);
	setenv("AWS_SHARED_CREDENTIALS_FILE", "~/elsewhere-creds", 1);
	load_ok(NULL, &cfg);
	assert_string_equal(cfg.region, "me-south-1");
	assert_string_equal(cfg.creds.access_key_id, "AKIDX");
	aws_config_free(&cfg);

	/* Absent files are simply empty. */
	setenv("AWS_CONFIG_FILE", "/nonexistent/config", 1);
	setenv("AWS_SHARED_CREDENTIALS_FILE", "/nonexistent/credentials", 1);
	env_creds();
	setenv("AWS_REGION", "us-east-1", 1);
	load_ok(NULL, &cfg);
	aws_config_free(&cfg);

	/* A file that exists but cannot be read is an error. */
	setenv("AWS_CONFIG_FILE", home, 1); /* a directory */
	char *err = load_err(NULL);

	assert_non_null(strstr(err, "Cannot read"));
	free(err);
	free(c);
	free(k);
}

static void test_missing_credentials(void **state)
{
	struct aws_config_flags fl = { .region = "us-east-1" };
	char *err;

	(void)state;
	err = load_err(&fl);
	assert_non_null(strstr(err, "AWS_ACCESS_KEY_ID"));
	assert_non_null(strstr(err, "AWS_SECRET_ACCESS_KEY"));
	assert_non_null(strstr(err, "~/.aws/credentials"));
	assert_non_null(strstr(err, "--profile"));
	free(err);

	put_free(".aws/config", "[profile empty]\nregion = us-east-1\n");
	fl.profile = "empty";
	err = load_err(&fl);
	assert_non_null(strstr(err, "(empty)"));
	assert_non_null(strstr(err, "--profile"));
	free(err);
}

static void test_partial_credentials(void **state)
{
	struct aws_config_flags fl = { .region = "us-east-1" };
	char *err;

	(void)state;
	setenv("AWS_SECRET_ACCESS_KEY", SECRET, 1);
	err = load_err(&fl);
	assert_non_null(strstr(err, "AWS_ACCESS_KEY_ID"));
	free(err);

	unsetenv("AWS_SECRET_ACCESS_KEY");
	setenv("AWS_ACCESS_KEY_ID", "AKIDENV", 1);
	err = load_err(&fl);
	assert_non_null(strstr(err, "AWS_SECRET_ACCESS_KEY"));
	free(err);

	unsetenv("AWS_ACCESS_KEY_ID");
	put_free(".aws/credentials", "[default]\naws_secret_access_key = " SECRET2 "\n");
	err = load_err(&fl);
	assert_non_null(strstr(err, "aws_access_key_id"));
	free(err);
}

/* ---- endpoints ---- */

static void test_endpoints(void **state)
{
	struct aws_config_flags fl = { .region = "us-east-1" };
	struct aws_config cfg;

	(void)state;
	env_creds();
	put_free(".aws/config", "[default]\nendpoint_url = http://127.0.0.1:1000\n");
	load_ok(&fl, &cfg);
	assert_string_equal(cfg.endpoint_sagemaker, "http://127.0.0.1:1000");
	assert_string_equal(cfg.endpoint_autoscaling, "http://127.0.0.1:1000");
	assert_true(cfg.endpoint_explicit);
	aws_config_free(&cfg);

	setenv("AWS_ENDPOINT_URL", "http://127.0.0.1:2000", 1);
	load_ok(&fl, &cfg);
	assert_string_equal(cfg.endpoint_sagemaker, "http://127.0.0.1:2000");
	assert_string_equal(cfg.endpoint_autoscaling, "http://127.0.0.1:2000");
	aws_config_free(&cfg);

	setenv("AWS_ENDPOINT_URL_SAGEMAKER", "http://127.0.0.1:3000", 1);
	load_ok(&fl, &cfg);
	assert_string_equal(cfg.endpoint_sagemaker, "http://127.0.0.1:3000");
	assert_string_equal(cfg.endpoint_autoscaling, "http://127.0.0.1:2000");
	aws_config_free(&cfg);

	setenv("AWS_ENDPOINT_URL_APPLICATION_AUTO_SCALING", "http://127.0.0.1:4000", 1);
	load_ok(&fl, &cfg);
	assert_string_equal(cfg.endpoint_sagemaker, "http://127.0.0.1:3000");
	assert_string_equal(cfg.endpoint_autoscaling, "http://127.0.0.1:4000");
	aws_config_free(&cfg);

	fl.endpoint_url = "https://localhost:5000/";
	load_ok(&fl, &cfg);
	assert_string_equal(cfg.endpoint_sagemaker, "https://localhost:5000/");
	assert_string_equal(cfg.endpoint_autoscaling, "https://localhost:5000/");
	assert_true(cfg.endpoint_explicit);
	aws_config_free(&cfg);

	/* AWS_IGNORE_CONFIGURED_ENDPOINT_URLS drops environment and profile. */
	fl.endpoint_url = NULL;
	setenv("AWS_IGNORE_CONFIGURED_ENDPOINT_URLS", "true", 1);
	load_ok(&fl, &cfg);
	assert_string_equal(cfg.endpoint_sagemaker,
			    "https://api.sagemaker.us-east-1.amazonaws.com");
	assert_false(cfg.endpoint_explicit);
	aws_config_free(&cfg);

	fl.endpoint_url = "localhost:5000";
	char *err = load_err(&fl);

	assert_non_null(strstr(err, "--endpoint-url"));
	assert_non_null(strstr(err, "localhost:5000"));
	free(err);
}

static void test_cn_endpoint(void **state)
{
	struct aws_config_flags fl = { .region = "cn-north-1" };
	struct aws_config cfg;
	char *s;

	(void)state;
	env_creds();
	load_ok(&fl, &cfg);
	assert_string_equal(cfg.endpoint_sagemaker,
			    "https://api.sagemaker.cn-north-1.amazonaws.com.cn");
	assert_string_equal(cfg.endpoint_autoscaling,
			    "https://application-autoscaling.cn-north-1.amazonaws.com.cn");
	aws_config_free(&cfg);

	s = aws_endpoint_default("sagemaker", "cn-northwest-1");
	assert_string_equal(s, "https://api.sagemaker.cn-northwest-1.amazonaws.com.cn");
	free(s);
	s = aws_endpoint_default("application-autoscaling", "eu-west-1");
	assert_string_equal(s, "https://application-autoscaling.eu-west-1.amazonaws.com");
	free(s);
}

/* ---- ca_bundle, max_attempts, retry_mode ---- */

/* ---- issue 11: profile order, services sections, variants ---- */

static void test_profile_order(void **state)
{
	struct aws_config_flags fl = { .region = "us-east-1" };
	struct aws_config cfg;

	(void)state;
	env_creds();
	put_free(".aws/config", "[profile a]\n[profile b]\n[profile c]\n"
				"aws_access_key_id = AKIDC\naws_secret_access_key = " SECRET2 "\n");
	setenv("AWS_PROFILE", "a", 1);
	load_ok(&fl, &cfg);
	assert_string_equal(cfg.profile, "a");
	assert_string_equal(cfg.profile_source.location, "AWS_PROFILE");
	aws_config_free(&cfg);
	/* botocore: AWS_DEFAULT_PROFILE before AWS_PROFILE. */
	setenv("AWS_DEFAULT_PROFILE", "b", 1);
	load_ok(&fl, &cfg);
	assert_string_equal(cfg.profile, "b");
	assert_string_equal(cfg.profile_source.type, "env");
	assert_string_equal(cfg.profile_source.location, "AWS_DEFAULT_PROFILE");
	aws_config_free(&cfg);
	fl.profile = "c";
	load_ok(&fl, &cfg);
	assert_string_equal(cfg.profile, "c");
	assert_string_equal(cfg.profile_source.type, "manual");
	aws_config_free(&cfg);
}

static void test_services_section(void **state)
{
	struct aws_config_flags fl = { .region = "eu-west-1" };
	struct aws_config cfg;
	char *err;

	(void)state;
	env_creds();
	put_free(".aws/config",
		 "[default]\nservices = local\nendpoint_url = http://127.0.0.1:9000\n"
		 "[services local]\nsagemaker =\n  endpoint_url = http://127.0.0.1:9001\n"
		 "application_auto_scaling =\n  endpoint_url = http://127.0.0.1:9002\n"
		 "sts =\n  endpoint_url = http://127.0.0.1:9003\n"
		 "[profile broken]\nservices = missing\n");
	load_ok(&fl, &cfg);
	assert_string_equal(cfg.endpoint_sagemaker, "http://127.0.0.1:9001");
	assert_string_equal(cfg.endpoint_autoscaling, "http://127.0.0.1:9002");
	assert_string_equal(aws_config_endpoint(&cfg, AWS_SVC_STS), "http://127.0.0.1:9003");
	/* Not in the section: the profile's endpoint_url. */
	assert_string_equal(aws_config_endpoint(&cfg, AWS_SVC_MONITORING), "http://127.0.0.1:9000");
	assert_string_equal(cfg.endpoint_source[AWS_SVC_SAGEMAKER].type, "config-file");
	aws_config_free(&cfg);
	/* The environment comes first. */
	setenv("AWS_ENDPOINT_URL_STS", "http://127.0.0.1:9004", 1);
	load_ok(&fl, &cfg);
	assert_string_equal(cfg.endpoint_sts, "http://127.0.0.1:9004");
	assert_string_equal(cfg.endpoint_source[AWS_SVC_STS].location, "AWS_ENDPOINT_URL_STS");
	aws_config_free(&cfg);
	/* ignore_configured_endpoint_urls in the config file drops them all. */
	put_free(".aws/config",
		 "[default]\nservices = local\nignore_configured_endpoint_urls = true\n"
		 "[services local]\nsagemaker =\n  endpoint_url = http://127.0.0.1:9001\n");
	load_ok(&fl, &cfg);
	assert_string_equal(cfg.endpoint_sagemaker,
			    "https://api.sagemaker.eu-west-1.amazonaws.com");
	assert_string_equal(cfg.endpoint_sts, "https://sts.eu-west-1.amazonaws.com");
	assert_false(cfg.endpoint_explicit);
	aws_config_free(&cfg);
	/* ... and the environment can say otherwise. */
	setenv("AWS_IGNORE_CONFIGURED_ENDPOINT_URLS", "false", 1);
	load_ok(&fl, &cfg);
	assert_string_equal(cfg.endpoint_sagemaker, "http://127.0.0.1:9001");
	aws_config_free(&cfg);
	unsetenv("AWS_IGNORE_CONFIGURED_ENDPOINT_URLS");
	unsetenv("AWS_ENDPOINT_URL_STS");
	put_free(".aws/config", "[profile broken]\nservices = missing\n");
	fl.profile = "broken";
	err = load_err(&fl);
	assert_non_null(strstr(err, "\"missing\" services configuration does not exist"));
	free(err);
}

static void test_fips_dualstack(void **state)
{
	struct aws_config_flags fl = { .region = "us-gov-west-1" };
	struct aws_config cfg;
	char *url, *err = NULL;

	(void)state;
	env_creds();
	put_free(".aws/config", "[default]\nuse_fips_endpoint = true\n"
				"sts_regional_endpoints = legacy\ncli_read_timeout = 0\n"
				"cli_connect_timeout = 7\n");
	load_ok(&fl, &cfg);
	assert_true(cfg.use_fips);
	assert_string_equal(cfg.endpoint_sagemaker,
			    "https://api-fips.sagemaker.us-gov-west-1.amazonaws.com");
	assert_string_equal(cfg.endpoint_autoscaling,
			    "https://application-autoscaling.us-gov-west-1.amazonaws.com");
	assert_int_equal(cfg.cli_read_timeout_ms, 0);
	assert_int_equal(cfg.cli_connect_timeout_ms, 7000);
	/* Another region, the same settings (SSO's sso_region). */
	assert_int_equal(aws_config_endpoint_in(&cfg, AWS_SVC_SSO, "us-east-1", &url, &err), 0);
	assert_string_equal(url, "https://portal.sso-fips.us-east-1.amazonaws.com");
	free(url);
	aws_config_free(&cfg);
	/* The environment beats the file; dual-stack alone. */
	setenv("AWS_USE_FIPS_ENDPOINT", "false", 1);
	setenv("AWS_USE_DUALSTACK_ENDPOINT", "TRUE", 1);
	fl.region = "us-west-2";
	load_ok(&fl, &cfg);
	assert_false(cfg.use_fips);
	assert_string_equal(cfg.endpoint_sagemaker, "https://api.sagemaker.us-west-2.api.aws");
	assert_string_equal(cfg.endpoint_sts, "https://sts.us-west-2.api.aws");
	aws_config_free(&cfg);
	unsetenv("AWS_USE_DUALSTACK_ENDPOINT");
	load_ok(&fl, &cfg);
	assert_string_equal(cfg.endpoint_sts, "https://sts.amazonaws.com"); /* legacy */
	assert_string_equal(cfg.sts_signing_region, "us-east-1");
	aws_config_free(&cfg);
	/* A configured endpoint is used as given, FIPS or not (as botocore). */
	setenv("AWS_USE_FIPS_ENDPOINT", "true", 1);
	setenv("AWS_ENDPOINT_URL", "http://127.0.0.1:7000", 1);
	load_ok(&fl, &cfg);
	assert_string_equal(cfg.endpoint_sagemaker, "http://127.0.0.1:7000");
	aws_config_free(&cfg);
	put_free(".aws/config", "[default]\nsts_regional_endpoints = sometimes\n");
	err = load_err(&fl);
	assert_non_null(strstr(err, "sts_regional_endpoints"));
	free(err);
	put_free(".aws/config", "[default]\ncli_read_timeout = soon\n");
	err = load_err(&fl);
	assert_non_null(strstr(err, "cli_read_timeout"));
	free(err);
}

static void test_ca_bundle(void **state)
{
	struct aws_config_flags fl = { .region = "us-east-1" };
	struct aws_config cfg;

	(void)state;
	env_creds();
	put_free(".aws/config", "[default]\nca_bundle = ~/profile.pem\n");
	load_ok(&fl, &cfg);
	char *want = xasprintf("%s/profile.pem", home);

	assert_string_equal(cfg.ca_bundle, want);
	free(want);
	aws_config_free(&cfg);

	setenv("AWS_CA_BUNDLE", "/env.pem", 1);
	load_ok(&fl, &cfg);
	assert_string_equal(cfg.ca_bundle, "/env.pem");
	aws_config_free(&cfg);

	fl.ca_bundle = "/flag.pem";
	load_ok(&fl, &cfg);
	assert_string_equal(cfg.ca_bundle, "/flag.pem");
	aws_config_free(&cfg);
}

static void test_max_attempts_retry_mode(void **state)
{
	struct aws_config_flags fl = { .region = "us-east-1" };
	struct aws_config cfg;
	char *err;

	(void)state;
	env_creds();
	put_free(".aws/config", "[default]\nmax_attempts = 7\nretry_mode = legacy\n");
	load_ok(&fl, &cfg);
	assert_int_equal(cfg.max_attempts, 7);
	assert_string_equal(cfg.retry_mode, "legacy");
	aws_config_free(&cfg);

	setenv("AWS_MAX_ATTEMPTS", "1", 1);
	setenv("AWS_RETRY_MODE", "adaptive", 1);
	load_ok(&fl, &cfg);
	assert_int_equal(cfg.max_attempts, 1);
	assert_string_equal(cfg.retry_mode, "adaptive");
	aws_config_free(&cfg);

	static const char *const bad[] = { "0", "-1", "abc", "3x", "99999999999999999999" };

	for (size_t i = 0; i < sizeof bad / sizeof *bad; i++) {
		setenv("AWS_MAX_ATTEMPTS", bad[i], 1);
		err = load_err(&fl);
		assert_non_null(strstr(err, "AWS_MAX_ATTEMPTS"));
		free(err);
	}
	unsetenv("AWS_MAX_ATTEMPTS");
	put_free(".aws/config", "[default]\nmax_attempts = 0\n");
	err = load_err(&fl);
	assert_non_null(strstr(err, "max_attempts"));
	free(err);

	put_free(".aws/config", "[default]\n");
	setenv("AWS_RETRY_MODE", "fast", 1);
	err = load_err(&fl);
	assert_non_null(strstr(err, "AWS_RETRY_MODE"));
	assert_non_null(strstr(err, "standard"));
	free(err);
}

/* ---- credential_process ---- */

/* Installs a profile "proc" whose credential_process runs script (sh). */
static void proc_profile(const char *script)
{
	char *path = put("proc.sh", script);
	char *cfg = xasprintf("[profile proc]\nregion = us-east-1\n"
			      "credential_process = /bin/sh %s --flag\n",
			      path);

	put_free(".aws/config", cfg);
	free(cfg);
	free(path);
}

static void test_credproc_success(void **state)
{
	struct aws_config_flags fl = { .profile = "proc" };
	struct aws_config cfg;
	char year[16];
	time_t t = time(NULL);
	struct tm tm;

	(void)state;
	gmtime_r(&t, &tm);
	snprintf(year, sizeof year, "%d", tm.tm_year + 1900 + 1);
	char *script = xasprintf(
		"test \"$1\" = --flag || exit 9\n"
		"echo 'progress on stderr' >&2\n"
		"cat <<EOF\n{\"Version\": 1, \"AccessKeyId\": \"AKIDPROC\",\n"
		" \"SecretAccessKey\": \"" SECRET2 "\", \"SessionToken\": \"TOK\\\\/PROC\",\n"
		" \"Expiration\": \"%s-01-01T00:00:00Z\", \"Extra\": [1, {\"a\": null}]}\nEOF\n",
		year);

	proc_profile(script);
	free(script);
	load_ok(&fl, &cfg);
	assert_string_equal(cfg.creds.access_key_id, "AKIDPROC");
	assert_string_equal(cfg.creds.secret_access_key, SECRET2);
	assert_string_equal(cfg.creds.session_token, "TOK/PROC");
	assert_string_equal(cfg.creds.source, "credential_process (profile proc)");
	aws_config_free(&cfg);

	/* Without token or expiration. */
	proc_profile("echo '{\"Version\":1,\"AccessKeyId\":\"A\",\"SecretAccessKey\":\"B\"}'\n");
	load_ok(&fl, &cfg);
	assert_string_equal(cfg.creds.access_key_id, "A");
	assert_null(cfg.creds.session_token);
	aws_config_free(&cfg);

	/* The credentials file comes before credential_process. */
	put_free(".aws/credentials",
		 "[proc]\naws_access_key_id = AKIDFILE\naws_secret_access_key = X\n");
	load_ok(&fl, &cfg);
	assert_string_equal(cfg.creds.access_key_id, "AKIDFILE");
	aws_config_free(&cfg);
}

/* credential_process comes before keys in the config file (botocore order). */
static void test_credproc_before_config_keys(void **state)
{
	struct aws_config_flags fl = { .profile = "proc" };
	struct aws_config cfg;

	(void)state;
	put_free(
		".aws/config",
		"[profile proc]\nregion = us-east-1\naws_access_key_id = AKIDCONFIG\n"
		"aws_secret_access_key = X\n"
		"credential_process = echo '{\"Version\":1,\"AccessKeyId\":\"AKIDPROC\",\"SecretAccessKey\":\"Y\"}'\n");
	load_ok(&fl, &cfg);
	assert_string_equal(cfg.creds.access_key_id, "AKIDPROC");
	aws_config_free(&cfg);
}

static void expect_proc_error(const char *script, const char *needle)
{
	struct aws_config_flags fl = { .profile = "proc" };
	char *err;

	proc_profile(script);
	err = load_err(&fl);
	if (!strstr(err, needle))
		fail_msg("message \"%s\" lacks \"%s\"", err, needle);
	assert_non_null(strstr(err, "(proc)"));
	free(err);
}

static void test_credproc_failures(void **state)
{
	(void)state;
	expect_proc_error(
		"echo 'the tool failed' >&2; "
		"echo '{\"Version\":1,\"AccessKeyId\":\"A\",\"SecretAccessKey\":\"" SECRET2
		"\"}'; exit 3\n",
		"exit status 3");
	expect_proc_error("echo 'not json " SECRET2 "'\n", "JSON");
	expect_proc_error(
		"echo '{\"Version\":1,\"AccessKeyId\":\"A\",\"SecretAccessKey\":\"" SECRET2 "\"'\n",
		"JSON");
	expect_proc_error(
		"echo '{\"Version\":1,\"AccessKeyId\":\"A\",\"SecretAccessKey\":\"" SECRET2
		"\"} x'\n",
		"JSON");
	expect_proc_error("echo '[1]'\n", "JSON");
	expect_proc_error("echo ''\n", "JSON");
	expect_proc_error(
		"echo '{\"Version\":2,\"AccessKeyId\":\"A\",\"SecretAccessKey\":\"" SECRET2
		"\"}'\n",
		"Version");
	expect_proc_error(
		"echo '{\"Version\":\"1\",\"AccessKeyId\":\"A\",\"SecretAccessKey\":\"" SECRET2
		"\"}'\n",
		"Version");
	expect_proc_error("echo '{\"AccessKeyId\":\"A\",\"SecretAccessKey\":\"" SECRET2 "\"}'\n",
			  "Version");
	expect_proc_error("echo '{\"Version\":1,\"SecretAccessKey\":\"" SECRET2 "\"}'\n",
			  "AccessKeyId");
	expect_proc_error("echo '{\"Version\":1,\"AccessKeyId\":\"A\"}'\n", "SecretAccessKey");
	expect_proc_error("echo '{\"Version\":1,\"AccessKeyId\":\"A\",\"SecretAccessKey\":5}'\n",
			  "SecretAccessKey");
	expect_proc_error(
		"echo '{\"Version\":1,\"AccessKeyId\":\"A\",\"SecretAccessKey\":\"" SECRET2 "\","
		"\"Expiration\":\"2020-01-01T00:00:00Z\"}'\n",
		"expired at 2020-01-01 00:00:00 UTC");
	expect_proc_error(
		"echo '{\"Version\":1,\"AccessKeyId\":\"A\",\"SecretAccessKey\":\"" SECRET2 "\","
		"\"Expiration\":\"tomorrow\"}'\n",
		"Expiration");
	/* Bounded output: a process that never stops talking is cut off. */
	expect_proc_error("yes '" SECRET2 "'\n", "KiB");
	expect_proc_error("exec /nonexistent/tool\n", "exit status 127");

	/* Killed by a signal: the command itself (sh -c) is the process killed.
	 * The command line is split into words as botocore splits it, without a
	 * shell, so the shell is named in it. */
	struct aws_config_flags fl = { .profile = "proc" };

	put_free(".aws/config",
		 "[profile proc]\nregion = us-east-1\ncredential_process = sh -c 'kill -9 $$'\n");
	char *err = load_err(&fl);

	assert_non_null(strstr(err, "signal 9"));
	free(err);
}

static void test_credproc_parse(void **state)
{
	struct aws_credentials c = { 0 };
	char *err = NULL;
	const char *doc =
		"  {\"Version\":1.0,\"AccessKeyId\":\"\\u0041K\\ud83d\\ude00\",\"SecretAccessKey\":\"s\\\"\\n\","
		"\"Expiration\":\"2030-06-01T12:00:00.123+02:00\",\"SessionToken\":\"\"}  \n";

	(void)state;
	assert_int_equal(credproc_parse(doc, strlen(doc), "x", 1700000000LL, &c, &err), 0);
	assert_string_equal(c.access_key_id, "AK\xf0\x9f\x98\x80");
	assert_string_equal(c.secret_access_key, "s\"\n");
	assert_null(c.session_token); /* empty means none */
	aws_credentials_free(&c);

	/* Expiration with an offset: 12:00+02:00 is 10:00Z. */
	const char *exp = "{\"Version\":1,\"AccessKeyId\":\"A\",\"SecretAccessKey\":\"B\","
			  "\"Expiration\":\"2030-06-01T12:00:00+02:00\"}";
	long long at = 1906538400LL; /* 2030-06-01T10:00:00Z */

	assert_int_equal(credproc_parse(exp, strlen(exp), "x", at - 1, &c, &err), 0);
	aws_credentials_free(&c);
	assert_int_equal(credproc_parse(exp, strlen(exp), "x", at, &c, &err), -1);
	assert_non_null(strstr(err, "expired"));
	free(err);

	static const char *const bad[] = {
		"{\"Version\":1,\"AccessKeyId\":\"A\",\"SecretAccessKey\":\"B\",}",
		"{\"Version\":1,\"AccessKeyId\":\"A\\x\",\"SecretAccessKey\":\"B\"}",
		"{\"Version\":1,\"AccessKeyId\":\"A\",\"SecretAccessKey\":\"B\"}{}",
		"{\"Version\":01,\"AccessKeyId\":\"A\",\"SecretAccessKey\":\"B\"}",
		"{\"Version\":1,\"AccessKeyId\":\"\\ud800\",\"SecretAccessKey\":\"B\"}",
		"{\"Version\":1,\"X\":[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]}",
	};
	for (size_t i = 0; i < sizeof bad / sizeof *bad; i++) {
		err = NULL;
		if (credproc_parse(bad[i], strlen(bad[i]), "x", 0, &c, &err) != -1)
			fail_msg("accepted: %s", bad[i]);
		assert_non_null(err);
		free(err);
	}
}

/* ---- the INI dialect ---- */

static void test_ini(void **state)
{
	struct ini ini = { 0 };
	const char *text = "# comment\n"
			   "orphan = ignored\n"
			   "; another comment\n"
			   "[default]\n"
			   "  region=us-east-1   \n"
			   "Region = upper\n"
			   "s3 =\n"
			   "    max_concurrent_requests = 10\n"
			   "    region = nested-must-not-win\n"
			   "output: json\n"
			   "empty =\n"
			   "url = http://x/?a=b\n"
			   "[profile   \"two words\"]\n"
			   "key = v # not a comment\n"
			   "[profile dup]\nregion = first\n[profile dup]\nregion = second\n"
			   "[broken\n"
			   "=novalue\n";

	(void)state;
	ini_parse(text, strlen(text), &ini);
	assert_null(ini_get(&ini, "default", "orphan"));
	assert_string_equal(ini_get(&ini, "default", "region"), "us-east-1");
	assert_string_equal(ini_get(&ini, "default", "Region"), "upper");
	assert_string_equal(ini_get(&ini, "default", "s3"), "");
	assert_null(ini_get(&ini, "default", "max_concurrent_requests"));
	assert_string_equal(ini_get(&ini, "default", "output"), "json");
	assert_string_equal(ini_get(&ini, "default", "empty"), "");
	assert_string_equal(ini_get(&ini, "default", "url"), "http://x/?a=b");
	assert_true(ini_has_section(&ini, "profile two words"));
	assert_string_equal(ini_get(&ini, "profile two words", "key"), "v # not a comment");
	assert_string_equal(ini_get(&ini, "profile dup", "region"), "second");
	assert_false(ini_has_section(&ini, "nothing"));
	ini_free(&ini);
	assert_int_equal(ini.n, 0);
}

/* Secrets never reach any message, from any source. */
static void test_secret_not_in_messages(void **state)
{
	struct aws_config_flags fl = { 0 };
	char *err;

	(void)state;
	/* Credentials fine, region missing. */
	env_creds();
	setenv("AWS_SESSION_TOKEN", SECRET2, 1);
	err = load_err(&fl); /* load_err checks SECRET and SECRET2 are absent */
	free(err);
	/* A secret typed where a region or URL goes is shown (it is what the
	 * user typed there), but the configured secret keys never are. */
	setenv("AWS_REGION", "us-east-1", 1);
	setenv("AWS_MAX_ATTEMPTS", "many", 1);
	err = load_err(&fl);
	free(err);
	unsetenv("AWS_MAX_ATTEMPTS");
	put_free(".aws/credentials", "[p]\naws_secret_access_key = " SECRET2 "\n");
	fl.profile = "p";
	err = load_err(&fl);
	free(err);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test_setup_teardown(test_env_only, setup, teardown),
		cmocka_unit_test_setup_teardown(test_region_precedence, setup, teardown),
		cmocka_unit_test_setup_teardown(test_region_missing_or_bad, setup, teardown),
		cmocka_unit_test_setup_teardown(test_profiles, setup, teardown),
		cmocka_unit_test_setup_teardown(test_env_keys_vs_profile, setup, teardown),
		cmocka_unit_test_setup_teardown(test_profile_not_found, setup, teardown),
		cmocka_unit_test_setup_teardown(test_profile_default_sections, setup, teardown),
		cmocka_unit_test_setup_teardown(test_credentials_file_then_config, setup, teardown),
		cmocka_unit_test_setup_teardown(test_file_variables, setup, teardown),
		cmocka_unit_test_setup_teardown(test_missing_credentials, setup, teardown),
		cmocka_unit_test_setup_teardown(test_partial_credentials, setup, teardown),
		cmocka_unit_test_setup_teardown(test_endpoints, setup, teardown),
		cmocka_unit_test_setup_teardown(test_cn_endpoint, setup, teardown),
		cmocka_unit_test_setup_teardown(test_profile_order, setup, teardown),
		cmocka_unit_test_setup_teardown(test_services_section, setup, teardown),
		cmocka_unit_test_setup_teardown(test_fips_dualstack, setup, teardown),
		cmocka_unit_test_setup_teardown(test_ca_bundle, setup, teardown),
		cmocka_unit_test_setup_teardown(test_max_attempts_retry_mode, setup, teardown),
		cmocka_unit_test_setup_teardown(test_credproc_success, setup, teardown),
		cmocka_unit_test_setup_teardown(test_credproc_before_config_keys, setup, teardown),
		cmocka_unit_test_setup_teardown(test_credproc_failures, setup, teardown),
		cmocka_unit_test(test_credproc_parse),
		cmocka_unit_test(test_ini),
		cmocka_unit_test_setup_teardown(test_secret_not_in_messages, setup, teardown),
	};

	return cmocka_run_group_tests_name("config", tests, group_setup, group_teardown);
}
