/* The simulator's STS operations (src/sim/ops-sts.c) called directly: each
 * operation and its errors, the keys it issues found again (and not after
 * the table evicted them), the XML read back with the client's own reader. */
#include "config.h"
#include <stdio.h>
#include "../lib/unit.h"
#include "aws/sts.h"
#include "sim/sts.h"

#include <stdlib.h>
#include <string.h>

static struct sim_ctx ctx = { NULL, NULL, "us-east-1", 1700000000.0 };
static const struct sim_sts_caller demo = { "AKIDSAGESCALEDEMO", NULL };

static void serve(struct sim_sts *t, const struct sim_sts_caller *c, const char *form,
		  struct sim_reply *r)
{
	memset(r, 0, sizeof(*r));
	sim_sts_serve(t, &ctx, c, form, strlen(form), r);
	assert_non_null(r->body);
	assert_string_equal(r->content_type, "text/xml");
}

static void expect_error(struct sim_sts *t, const struct sim_sts_caller *c, const char *form,
			 int status, const char *code)
{
	struct sim_reply r;
	char *got, *msg, *rid;

	serve(t, c, form, &r);
	assert_int_equal(r.status, status);
	assert_int_equal(sts_parse_error(r.body, strlen(r.body), &got, &msg, &rid), 0);
	assert_string_equal(got, code);
	assert_non_null(rid);
	free(got), free(msg), free(rid);
	sim_reply_free(&r);
}

static void test_assume_and_find(void **state)
{
	struct sim_sts *t = sim_sts_new(60);
	struct sim_reply r;
	struct sts_assumed a;
	struct sim_sts_key k;
	char *err = NULL;

	(void)state;
	serve(t, &demo,
	      "Action=AssumeRole&Version=2011-06-15&RoleArn=arn%3Aaws%3Aiam%3A%3A"
	      "123456789012%3Arole%2Fdemo&RoleSessionName=s1&DurationSeconds=3600",
	      &r);
	assert_int_equal(r.status, 200);
	assert_int_equal(sts_parse_assumed(STS_ASSUME_ROLE, r.body, strlen(r.body), &a, &err), 0);
	assert_int_equal(a.expires, 1700000060LL); /* capped by max_duration */
	assert_string_equal(a.arn, "arn:aws:sts::123456789012:assumed-role/demo/s1");
	assert_true(sim_sts_find(t, a.access_key_id, &k));
	assert_string_equal(k.secret, a.secret_access_key);
	assert_string_equal(k.token, a.session_token);
	assert_true(k.expires == 1700000060.0);

	/* GetCallerIdentity signed with the issued key names the session. */
	struct sim_sts_caller as = { a.access_key_id, &k };
	struct sim_reply r2;
	struct sts_identity id;
	serve(t, &as, "Action=GetCallerIdentity&Version=2011-06-15", &r2);
	assert_int_equal(sts_parse_identity(r2.body, strlen(r2.body), &id, &err), 0);
	assert_string_equal(id.arn, a.arn);
	assert_string_equal(id.account, "123456789012");
	sts_identity_free(&id);
	sim_reply_free(&r2);
	sim_sts_key_free(&k);
	sts_assumed_free(&a);
	sim_reply_free(&r);
	assert_false(sim_sts_find(t, "ASIANOTISSUED", &k));
	sim_sts_free(t);
}

static void test_errors(void **state)
{
	struct sim_sts *t = sim_sts_new(0);
	const char *arn = "RoleArn=arn%3Aaws%3Aiam%3A%3A123456789012%3Arole%2Fdemo";
	char form[512];

	(void)state;
	expect_error(t, &demo, "Version=2011-06-15", 400, "MissingAction");
	expect_error(t, &demo, "Action=AssumeRole&Version=2010-01-01", 400, "InvalidAction");
	expect_error(t, &demo, "Action=Nope&Version=2011-06-15", 400, "InvalidAction");
	expect_error(t, NULL, "Action=GetCallerIdentity&Version=2011-06-15", 403,
		     "MissingAuthenticationToken");
	expect_error(t, &demo, "Action=AssumeRole&Version=2011-06-15&RoleSessionName=ss", 400,
		     "MissingParameter");
	snprintf(form, sizeof(form), "Action=AssumeRole&Version=2011-06-15&%s", arn);
	expect_error(t, &demo, form, 400, "MissingParameter");
	snprintf(form, sizeof(form),
		 "Action=AssumeRole&Version=2011-06-15&%s&RoleSessionName=a%%20b", arn);
	expect_error(t, &demo, form, 400, "ValidationError");
	snprintf(form, sizeof(form),
		 "Action=AssumeRole&Version=2011-06-15&%s&RoleSessionName=ss&DurationSeconds=10",
		 arn);
	expect_error(t, &demo, form, 400, "ValidationError");
	snprintf(form, sizeof(form),
		 "Action=AssumeRole&Version=2011-06-15&%s&RoleSessionName=ss"
		 "&SerialNumber=arn%%3Aaws%%3Aiam%%3A%%3A123456789012%%3Amfa%%2Fd",
		 arn);
	expect_error(t, &demo, form, 403, "AccessDenied");
	expect_error(t, &demo,
		     "Action=AssumeRole&Version=2011-06-15&RoleSessionName=ss&RoleArn="
		     "arn%3Aaws%3Aiam%3A%3A999999999999%3Arole%2Fx",
		     403, "AccessDenied");
	expect_error(t, &demo, "Action=AssumeRole&Version=2011-06-15&RoleSessionName=ss&RoleArn=x",
		     400, "ValidationError");
	snprintf(form, sizeof(form),
		 "Action=AssumeRoleWithWebIdentity&Version=2011-06-15&%s"
		 "&RoleSessionName=ss&WebIdentityToken=nope",
		 arn);
	expect_error(t, NULL, form, 400, "InvalidIdentityToken");
	snprintf(form, sizeof(form),
		 "Action=AssumeRoleWithWebIdentity&Version=2011-06-15&%s"
		 "&RoleSessionName=ss",
		 arn);
	expect_error(t, NULL, form, 400, "MissingParameter");
	/* A NUL byte inside a value: the value counts as absent. */
	expect_error(t, &demo,
		     "Action=AssumeRole&Version=2011-06-15&RoleSessionName=s%00s&RoleArn=x", 400,
		     "MissingParameter");
	/* The SigV4 checker's JSON codes, renamed as STS names them. */
	struct sim_reply r = { 0 };
	sim_reply_coral(&r, 403, "InvalidSignatureException", "bad");
	sim_sts_error_from_json(&r);
	assert_non_null(strstr(r.body, "<Code>SignatureDoesNotMatch</Code>"));
	assert_null(r.error_type);
	sim_reply_free(&r);
	sim_sts_free(t);
}

/* The table is bounded: past its size the oldest key is forgotten. */
static void test_bounded(void **state)
{
	struct sim_sts *t = sim_sts_new(0);
	char *first = NULL;
	struct sim_sts_key k;

	(void)state;
	for (int i = 0; i < 4097; i++) {
		struct sim_reply r;
		struct sts_assumed a;
		char *err = NULL;
		serve(t, NULL,
		      "Action=AssumeRoleWithWebIdentity&Version=2011-06-15&RoleArn=arn%3Aaws"
		      "%3Aiam%3A%3A123456789012%3Arole%2Fweb&RoleSessionName=pod&WebIdentityToken=a.b.c",
		      &r);
		assert_int_equal(sts_parse_assumed(STS_ASSUME_ROLE_WITH_WEB_IDENTITY, r.body,
						   strlen(r.body), &a, &err),
				 0);
		if (i == 0)
			first = strdup(a.access_key_id);
		sts_assumed_free(&a);
		sim_reply_free(&r);
	}
	assert_false(sim_sts_find(t, first, &k));
	free(first);
	sim_sts_free(t);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_assume_and_find),
		cmocka_unit_test(test_errors),
		cmocka_unit_test(test_bounded),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
