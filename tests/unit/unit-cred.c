/* The credential chain and the current-credentials store: method names,
 * botocore's order, AWS_CREDENTIAL_EXPIRATION, the messages (sources tried,
 * unsupported profile keys, no secret), the command-line split of
 * credential_process (cases checked against Python's shlex.split), and the
 * refresh windows (advisory, mandatory, expired, many threads). */
#include "config.h"
#include "../lib/unit.h"
#include "../lib/testfile.h"
#include "aws/config.h"
#include "aws/cred.h"
#include "aws/cred-http.h"
#include "aws/credproc.h"
#include "aws/credstore.h"
#include "util/xalloc.h"

#include <pthread.h>
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
	"AWS_CREDENTIAL_EXPIRATION",
	"AWS_PROFILE",
	"AWS_DEFAULT_PROFILE",
	"AWS_REGION",
	"AWS_CONFIG_FILE",
	"AWS_SHARED_CREDENTIALS_FILE",
	"AWS_CONTAINER_CREDENTIALS_RELATIVE_URI",
	"AWS_CONTAINER_CREDENTIALS_FULL_URI",
	"AWS_WEB_IDENTITY_TOKEN_FILE",
	"AWS_ROLE_ARN",
	"AWS_EC2_METADATA_DISABLED",
};
#define NVARS (sizeof vars / sizeof *vars)
#define SECRET "wJalrXUtnFEMI/K7MDENG+bPxRfiCYEXAMPLEKEY"

static char *home;

static int setup(void **state)
{
	(void)state;
	for (size_t i = 0; i < NVARS; i++)
		unsetenv(vars[i]);
	/* Never a metadata probe off loopback from a unit test. */
	setenv("AWS_EC2_METADATA_DISABLED", "true", 1);
	setenv("AWS_REGION", "us-east-1", 1);
	home = testfile_tmpdir("unit-cred");
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
	return 0;
}

static void put(const char *rel, const char *text)
{
	free(testfile_put(home, rel, text));
}

static void load_ok(const char *profile, struct aws_config *cfg)
{
	struct aws_config_flags fl = { .profile = profile };
	char *err = NULL;

	if (aws_config_load(&fl, cfg, &err) != 0)
		fail_msg("aws_config_load failed: %s", err);
}

static char *load_err(const char *profile)
{
	struct aws_config_flags fl = { .profile = profile };
	struct aws_config cfg;
	char *err = NULL;

	assert_int_equal(aws_config_load(&fl, &cfg, &err), -1);
	assert_non_null(err);
	assert_null(strstr(err, SECRET));
	return err;
}

/* ---- the chain ---- */

static void test_methods(void **state)
{
	struct aws_config cfg;

	(void)state;
	setenv("AWS_ACCESS_KEY_ID", "AKIDENV", 1);
	setenv("AWS_SECRET_ACCESS_KEY", SECRET, 1);
	setenv("AWS_SECURITY_TOKEN", "OLDTOKEN", 1);
	setenv("AWS_CREDENTIAL_EXPIRATION", "2099-01-01T00:00:00Z", 1);
	load_ok(NULL, &cfg);
	assert_string_equal(cfg.creds.method, "env");
	assert_string_equal(aws_credstore_method(cfg.credstore), "env");
	assert_string_equal(cfg.creds.session_token, "OLDTOKEN");
	assert_true(cfg.creds.expiration == 4070908800LL);
	assert_true(aws_credstore_expiration(cfg.credstore) == 4070908800LL);
	aws_config_free(&cfg);

	setenv("AWS_CREDENTIAL_EXPIRATION", "soon", 1);
	char *err = load_err(NULL);

	assert_non_null(strstr(err, "AWS_CREDENTIAL_EXPIRATION"));
	free(err);
	unsetenv("AWS_CREDENTIAL_EXPIRATION");

	put(".aws/credentials",
	    "[a]\naws_access_key_id = AKIDA\naws_secret_access_key = " SECRET "\n");
	put(".aws/config", "[profile a]\n[profile b]\naws_access_key_id = AKIDB\n"
			   "aws_secret_access_key = " SECRET "\n"
			   "[profile c]\ncredential_process = echo '{\"Version\": 1, "
			   "\"AccessKeyId\": \"AKIDC\", \"SecretAccessKey\": \"x\"}'\n");
	/* --profile skips the environment (botocore drops EnvProvider). */
	load_ok("a", &cfg);
	assert_string_equal(cfg.creds.method, "shared-credentials-file");
	assert_true(cfg.creds.expiration == 0);
	aws_config_free(&cfg);
	load_ok("b", &cfg);
	assert_string_equal(cfg.creds.method, "config-file");
	aws_config_free(&cfg);
	load_ok("c", &cfg);
	assert_string_equal(cfg.creds.method, "custom-process");
	assert_string_equal(cfg.creds.access_key_id, "AKIDC");
	aws_config_free(&cfg);
	/* AWS_PROFILE does not skip the environment. */
	setenv("AWS_PROFILE", "a", 1);
	load_ok(NULL, &cfg);
	assert_string_equal(cfg.creds.method, "env");
	aws_config_free(&cfg);
}

static void test_process_expiration(void **state)
{
	struct aws_config cfg;
	char doc[512];

	(void)state;
	snprintf(doc, sizeof doc,
		 "[profile p]\ncredential_process = echo '{\"Version\": 1, \"AccessKeyId\": "
		 "\"AKIDP\", \"SecretAccessKey\": \"x\", \"SessionToken\": \"t\", "
		 "\"Expiration\": \"2099-06-01T12:00:00+02:00\"}'\n");
	put(".aws/config", doc);
	load_ok("p", &cfg);
	assert_true(cfg.creds.expiration == 4083991200LL);
	aws_config_free(&cfg);
}

static void test_messages(void **state)
{
	char *err;

	(void)state;
	err = load_err(NULL);
	assert_non_null(strstr(err, "tried: environment"));
	assert_non_null(strstr(err, "credential_process"));
	assert_non_null(strstr(err, "~/.aws/config"));
	free(err);

	/* Explicit profile: the environment is not among the sources tried. */
	put(".aws/config", "[profile empty]\n[profile role]\nrole_arn = arn:aws:iam::1:role/r\n"
			   "aws_access_key_id = AKID\naws_secret_access_key = " SECRET "\n"
			   "[profile console]\nlogin_session = arn:aws:iam::1:user/u\n");
	err = load_err("empty");
	assert_null(strstr(err, "environment"));
	assert_non_null(strstr(err, "(empty)"));
	free(err);

	/* login_session is named, not silently skipped. */
	err = load_err("console");
	assert_non_null(strstr(err, "login_session"));
	assert_non_null(strstr(err, "(console)"));
	free(err);
}

/* A profile with role_arn is never served by a later source with the
 * assume-role provider absent (botocore would assume the role). */
static void test_role_arn_named(void **state)
{
	(void)state;
	bool have = false;

	for (size_t i = 0; aws_cred_chain[i]; i++)
		if (strcmp(aws_cred_chain[i]->method, "assume-role") == 0)
			have = true;
	if (have)
		skip();
	put(".aws/config", "[profile role]\nrole_arn = arn:aws:iam::1:role/r\n"
			   "aws_access_key_id = AKID\naws_secret_access_key = " SECRET "\n");
	char *err = load_err("role");

	assert_non_null(strstr(err, "role_arn"));
	free(err);
}

/* The order of the table is botocore's. */
static void test_chain_order(void **state)
{
	static const char *const order[] = {
		"env",
		"assume-role",
		"assume-role-with-web-identity",
		"sso",
		"shared-credentials-file",
		"login",
		"custom-process",
		"config-file",
		"container-role",
		"iam-role",
	};
	size_t last = 0;

	(void)state;
	for (size_t i = 0; aws_cred_chain[i]; i++) {
		size_t k = 0;

		while (k < sizeof order / sizeof *order &&
		       strcmp(order[k], aws_cred_chain[i]->method))
			k++;
		assert_true(k < sizeof order / sizeof *order);
		if (i)
			assert_true(k > last);
		last = k;
	}
}

/* ---- credential_process command line ---- */

static void expect_split(const char *cmd, const char *const *want)
{
	char **argv = credproc_split(cmd);
	size_t i;

	assert_non_null(argv);
	for (i = 0; want[i]; i++) {
		assert_non_null(argv[i]);
		assert_string_equal(argv[i], want[i]);
	}
	assert_null(argv[i]);
	credproc_argv_free(argv);
}

static void test_split(void **state)
{
	(void)state;
	/* Expected words: Python's shlex.split of the same strings. */
	expect_split("a b  c", (const char *const[]){ "a", "b", "c", NULL });
	expect_split("echo '{\"V\": 1}'", (const char *const[]){ "echo", "{\"V\": 1}", NULL });
	expect_split("a\\ b \"c \\\" d\\x\" e'f g'h",
		     (const char *const[]){ "a b", "c \" d\\x", "ef gh", NULL });
	expect_split("\"\"", (const char *const[]){ "", NULL });
	expect_split("''x", (const char *const[]){ "x", NULL });
	expect_split("a\tb\nc", (const char *const[]){ "a", "b", "c", NULL });
	expect_split("  ", (const char *const[]){ NULL });
	assert_null(credproc_split("a 'b"));
	assert_null(credproc_split("a \"b"));
	assert_null(credproc_split("a b\\"));
}

/* ---- the store ---- */

static long long fake_now;
static long long clock_fake(void)
{
	return fake_now;
}

struct fake {
	int calls;
	bool fail;
	long long lifetime; /* of the credentials a refresh returns */
	pthread_mutex_t lock;
};

static int fake_refresh(void *state, struct aws_credentials *out, char **err)
{
	struct fake *f = state;
	char key[32];

	pthread_mutex_lock(&f->lock);
	f->calls++;
	snprintf(key, sizeof key, "AKID%d", f->calls);
	bool fail = f->fail;
	pthread_mutex_unlock(&f->lock);
	if (fail) {
		*err = xstrdup("the fake source is down");
		return AWS_CRED_ERROR;
	}
	aws_cred_set(out, key, "secret", "token", fake_now + f->lifetime, xstrdup("fake"));
	return AWS_CRED_FOUND;
}

static const struct aws_cred_provider fake_provider = {
	.method = "fake",
	.refresh = fake_refresh,
};

static struct aws_credstore *fake_store(struct fake *f, long long expires_in)
{
	struct aws_credentials c = { 0 };

	aws_cred_set(&c, "AKID0", "secret", "token", fake_now + expires_in, xstrdup("fake"));
	struct aws_credstore *s = aws_credstore_new(&c, &fake_provider, f);

	aws_credstore_set_clock(s, clock_fake);
	return s;
}

static void get_key(struct aws_credstore *s, const char *want)
{
	struct aws_credentials c;
	char *err = NULL;

	if (aws_credstore_get(s, &c, &err) != 0)
		fail_msg("get failed: %s", err);
	assert_string_equal(c.access_key_id, want);
	aws_credentials_free(&c);
}

static void test_windows(void **state)
{
	struct fake f = { .lifetime = 3600, .lock = PTHREAD_MUTEX_INITIALIZER };
	struct aws_credentials c;
	char *err = NULL;

	(void)state;
	fake_now = 1000000;
	/* 16 minutes left: outside both windows, no refresh. */
	struct aws_credstore *s = fake_store(&f, 16 * 60);

	get_key(s, "AKID0");
	assert_int_equal(f.calls, 0);
	/* 12 minutes left: advisory; a failure keeps the current ones. */
	fake_now += 4 * 60;
	f.fail = true;
	get_key(s, "AKID0");
	assert_int_equal(f.calls, 1);
	/* Advisory success swaps them in. */
	f.fail = false;
	get_key(s, "AKID2");
	assert_int_equal(f.calls, 2);
	assert_int_equal(aws_credstore_refreshes(s), 1);
	assert_true(aws_credstore_expiration(s) == fake_now + 3600);
	/* 9 minutes left: mandatory; a failure is the caller's error. */
	fake_now += 3600 - 9 * 60;
	f.fail = true;
	assert_int_equal(aws_credstore_get(s, &c, &err), -1);
	assert_non_null(strstr(err, "fake source is down"));
	free(err);
	err = NULL;
	/* Expired: never handed out. */
	fake_now += 10 * 60;
	assert_int_equal(aws_credstore_get(s, &c, &err), -1);
	free(err);
	err = NULL;
	/* A source whose credentials live 5 s is asked at every use, as
	 * botocore does (its windows are not scaled down). */
	f.fail = false;
	f.lifetime = 5;
	get_key(s, "AKID5");
	get_key(s, "AKID6");
	/* A refresh that returns expired credentials is an error. */
	f.lifetime = 0;
	assert_int_equal(aws_credstore_get(s, &c, &err), -1);
	assert_non_null(strstr(err, "expired"));
	free(err);
	aws_credstore_free(s);
}

struct racer {
	struct aws_credstore *s;
	int ok;
};

static void *race(void *arg)
{
	struct racer *r = arg;

	for (int i = 0; i < 200; i++) {
		struct aws_credentials c;
		char *err = NULL;

		if (aws_credstore_get(r->s, &c, &err) == 0) {
			r->ok++;
			aws_credentials_free(&c);
		}
		free(err);
	}
	return NULL;
}

/* Eight threads inside the mandatory window: one refresh, no failure. */
static void test_threads(void **state)
{
	struct fake f = { .lifetime = 3600, .lock = PTHREAD_MUTEX_INITIALIZER };
	pthread_t t[8];
	struct racer r[8];

	(void)state;
	fake_now = 2000000;
	struct aws_credstore *s = fake_store(&f, 60);

	for (int i = 0; i < 8; i++) {
		r[i] = (struct racer){ s, 0 };
		pthread_create(&t[i], NULL, race, &r[i]);
	}
	for (int i = 0; i < 8; i++) {
		pthread_join(t[i], NULL);
		assert_int_equal(r[i].ok, 200);
	}
	assert_int_equal(f.calls, 1);
	aws_credstore_free(s);
}

/* AWS_CONTAINER_CREDENTIALS_RELATIVE_URI: the URL botocore's full_url
 * builds (tests/cli/cred-botocore.sh checks botocore's for the same URIs);
 * 169.254.170.2 is not loopback, so no test fetches it. */
static void test_container_url(void **unused)
{
	static const char *const rel[] = { "/v2/credentials/abc", "/v2/credentials/abc?x=1&y=2",
					   "/" };
	char *u;

	(void)unused;
	for (size_t i = 0; i < sizeof rel / sizeof *rel; i++) {
		char want[128];

		snprintf(want, sizeof want, "http://169.254.170.2%s", rel[i]);
		u = aws_cred_container_url(rel[i], NULL);
		assert_string_equal(u, want);
		free(u);
	}
	/* The relative URI wins over the full one, as in botocore. */
	u = aws_cred_container_url("/x", "http://127.0.0.1:1/y");
	assert_string_equal(u, "http://169.254.170.2/x");
	free(u);
	u = aws_cred_container_url(NULL, "http://127.0.0.1:1/y");
	assert_string_equal(u, "http://127.0.0.1:1/y");
	free(u);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test_setup_teardown(test_methods, setup, teardown),
		cmocka_unit_test_setup_teardown(test_process_expiration, setup, teardown),
		cmocka_unit_test_setup_teardown(test_messages, setup, teardown),
		cmocka_unit_test_setup_teardown(test_role_arn_named, setup, teardown),
		cmocka_unit_test(test_chain_order),
		cmocka_unit_test(test_split),
		cmocka_unit_test(test_windows),
		cmocka_unit_test(test_threads),
		cmocka_unit_test(test_container_url),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
