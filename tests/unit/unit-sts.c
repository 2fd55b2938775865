/* The STS client's XML readers (src/aws/sts.c): answers as STS writes them,
 * moto's variant of the error, unknown fields, truncation, DTD tricks,
 * missing fields; the form encoding and the time formats. */
#include "config.h"
#include "../lib/unit.h"
#include "util/isotime.h"
#include "aws/sts.h"

#include <stdlib.h>
#include <string.h>

static const char identity[] =
	"<GetCallerIdentityResponse xmlns=\"https://sts.amazonaws.com/doc/2011-06-15/\">\n"
	"  <GetCallerIdentityResult>\n"
	"    <Arn>arn:aws:iam::123456789012:user/Alice</Arn>\n"
	"    <UserId>AKIAI44QH8DHBEXAMPLE</UserId>\n"
	"    <Account>123456789012</Account>\n"
	"  </GetCallerIdentityResult>\n"
	"  <ResponseMetadata><RequestId>01234567-89ab</RequestId></ResponseMetadata>\n"
	"</GetCallerIdentityResponse>\n";

static const char assumed[] =
	"<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n"
	"<AssumeRoleResponse xmlns=\"https://sts.amazonaws.com/doc/2011-06-15/\">\n"
	"  <AssumeRoleResult>\n"
	"    <SourceIdentity>Alice</SourceIdentity>\n"
	"    <AssumedRoleUser>\n"
	"      <Arn>arn:aws:sts::123456789012:assumed-role/demo/TestAR</Arn>\n"
	"      <AssumedRoleId>ARO123EXAMPLE123:TestAR</AssumedRoleId>\n"
	"    </AssumedRoleUser>\n"
	"    <Credentials>\n"
	"      <AccessKeyId>ASIAIOSFODNN7EXAMPLE</AccessKeyId>\n"
	"      <SecretAccessKey>wJalrXUtnFEMI/K7MDENG/bPxRfiCYzEXAMPLEKEY</SecretAccessKey>\n"
	"      <SessionToken>AQoDYXdzEPT//////////wEXAMPLEtc764</SessionToken>\n"
	"      <Expiration>2019-11-09T13:34:41Z</Expiration>\n"
	"    </Credentials>\n"
	"    <PackedPolicySize>6</PackedPolicySize>\n"
	"    <SomethingNew><Nested>x</Nested></SomethingNew>\n"
	"  </AssumeRoleResult>\n"
	"  <ResponseMetadata><RequestId>c6104cbe-af31</RequestId></ResponseMetadata>\n"
	"</AssumeRoleResponse>\n";

static void test_identity(void **state)
{
	struct sts_identity id;
	char *err = NULL;

	(void)state;
	assert_int_equal(sts_parse_identity(identity, strlen(identity), &id, &err), 0);
	assert_string_equal(id.account, "123456789012");
	assert_string_equal(id.arn, "arn:aws:iam::123456789012:user/Alice");
	assert_string_equal(id.user_id, "AKIAI44QH8DHBEXAMPLE");
	sts_identity_free(&id);
}

static void test_assumed(void **state)
{
	struct sts_assumed a;
	char *err = NULL;

	(void)state;
	assert_int_equal(sts_parse_assumed(STS_ASSUME_ROLE, assumed, strlen(assumed), &a, &err), 0);
	assert_string_equal(a.access_key_id, "ASIAIOSFODNN7EXAMPLE");
	assert_string_equal(a.secret_access_key, "wJalrXUtnFEMI/K7MDENG/bPxRfiCYzEXAMPLEKEY");
	assert_string_equal(a.session_token, "AQoDYXdzEPT//////////wEXAMPLEtc764");
	assert_string_equal(a.expiration, "2019-11-09T13:34:41Z");
	assert_int_equal(a.expires, 1573306481LL);
	assert_string_equal(a.arn, "arn:aws:sts::123456789012:assumed-role/demo/TestAR");
	assert_string_equal(a.assumed_role_id, "ARO123EXAMPLE123:TestAR");
	assert_int_equal(a.packed_policy_size, 6);
	assert_string_equal(a.source_identity, "Alice");
	assert_string_equal(a.request_id, "c6104cbe-af31");
	sts_assumed_free(&a);
	/* The same answer is not one of AssumeRoleWithWebIdentity. */
	assert_int_equal(sts_parse_assumed(STS_ASSUME_ROLE_WITH_WEB_IDENTITY, assumed,
					   strlen(assumed), &a, &err),
			 -1);
	assert_non_null(strstr(err, "AssumeRoleResponse"));
	free(err);
}

/* Every prefix of a good answer is refused with a message, never a crash. */
static void test_truncated(void **state)
{
	(void)state;
	for (size_t n = 0; n < strlen(assumed) - 2; n++) {
		struct sts_assumed a;
		char *err = NULL;

		assert_int_equal(sts_parse_assumed(STS_ASSUME_ROLE, assumed, n, &a, &err), -1);
		assert_non_null(err);
		free(err);
	}
	struct sts_identity id;
	char *err = NULL;
	assert_int_equal(sts_parse_identity(identity, 120, &id, &err), -1);
	assert_non_null(strstr(err, "truncated"));
	free(err);
}

static void expect_fail(const char *xml, const char *why)
{
	struct sts_assumed a;
	char *err = NULL;

	assert_int_equal(sts_parse_assumed(STS_ASSUME_ROLE, xml, strlen(xml), &a, &err), -1);
	assert_non_null(err);
	if (!strstr(err, why))
		fail_msg("\"%s\" does not say \"%s\"", err, why);
	free(err);
}

static void test_bad_answers(void **state)
{
	(void)state;
	expect_fail("<AssumeRoleResponse><AssumeRoleResult><Credentials>"
		    "<AccessKeyId>A</AccessKeyId><SecretAccessKey>S</SecretAccessKey>"
		    "<Expiration>2019-11-09T13:34:41Z</Expiration>"
		    "</Credentials></AssumeRoleResult></AssumeRoleResponse>",
		    "SessionToken");
	expect_fail("<AssumeRoleResponse><AssumeRoleResult><Credentials>"
		    "<AccessKeyId>A</AccessKeyId><SecretAccessKey>S</SecretAccessKey>"
		    "<SessionToken>T</SessionToken><Expiration>soon</Expiration>"
		    "</Credentials></AssumeRoleResult></AssumeRoleResponse>",
		    "soon");
	expect_fail("<AssumeRoleResponse/>", "AssumeRoleResult");
	expect_fail("{\"Credentials\": {}}", "XML");
	expect_fail("<html><body>502 Bad Gateway</body></html>", "<html>");
	/* Entities from a DTD (billion laughs and friends): refused outright. */
	expect_fail("<?xml version=\"1.0\"?><!DOCTYPE r [<!ENTITY a \"aaaaaaaaaa\">"
		    "<!ENTITY b \"&a;&a;&a;&a;&a;&a;&a;&a;&a;&a;\">]>"
		    "<AssumeRoleResponse><AssumeRoleResult><Credentials><AccessKeyId>&b;"
		    "</AccessKeyId></Credentials></AssumeRoleResult></AssumeRoleResponse>",
		    "document type");
	expect_fail("<?xml version=\"1.0\"?><!DOCTYPE r SYSTEM \"http://127.0.0.1:1/x.dtd\">"
		    "<AssumeRoleResponse/>",
		    "document type");
}

static void test_errors(void **state)
{
	char *code, *msg, *rid;
	static const char sts[] =
		"<ErrorResponse xmlns=\"https://sts.amazonaws.com/doc/2011-06-15/\">"
		"<Error><Type>Sender</Type><Code>AccessDenied</Code>"
		"<Message>User: x is not authorized to perform: sts:AssumeRole</Message></Error>"
		"<RequestId>rid-1</RequestId></ErrorResponse>";
	static const char moto[] =
		"<?xml version=\"1.0\" encoding=\"utf-8\"?>\n<ErrorResponse><Errors><Error>"
		"<Code>InvalidClientTokenId</Code><Message>The security token included in the "
		"request is invalid.</Message><Type>Sender</Type></Error></Errors></ErrorResponse>";

	(void)state;
	assert_int_equal(sts_parse_error(sts, strlen(sts), &code, &msg, &rid), 0);
	assert_string_equal(code, "AccessDenied");
	assert_non_null(strstr(msg, "not authorized"));
	assert_string_equal(rid, "rid-1");
	free(code), free(msg), free(rid);
	assert_int_equal(sts_parse_error(moto, strlen(moto), &code, &msg, &rid), 0);
	assert_string_equal(code, "InvalidClientTokenId");
	assert_null(rid);
	free(code), free(msg), free(rid);
	assert_int_equal(sts_parse_error("<ErrorRes", 9, &code, &msg, &rid), -1);
}

static void test_hints(void **state)
{
	static const char *const codes[] = { "AccessDenied", "ExpiredToken",
					     "RegionDisabledException", "InvalidIdentityToken",
					     "Throttling" };
	(void)state;
	for (size_t i = 0; i < sizeof(codes) / sizeof(codes[0]); i++) {
		struct aws_result r = { .kind = AWS_ERR_SERVICE,
					.http_status = 400,
					.error_code = (char *)codes[i] };
		assert_non_null(sts_error_hint(&r));
	}
}

static void test_form_and_time(void **state)
{
	long long t;
	char *e;

	(void)state;
	e = sts_form_encode("arn:aws:iam::1:role/a b+c~d_e.f-g=h&i");
	assert_string_equal(e, "arn%3Aaws%3Aiam%3A%3A1%3Arole%2Fa%20b%2Bc~d_e.f-g%3Dh%26i");
	free(e);
	e = sts_form_encode("\xc3\xa9");
	assert_string_equal(e, "%C3%A9");
	free(e);
	assert_int_equal(isotime_parse("2019-11-09T13:34:41Z", 0, &t, NULL), 0);
	assert_int_equal(t, 1573306481LL);
	/* The AWS CLI's cache writes strftime('%Z') of a UTC time. */
	assert_int_equal(isotime_parse("2019-11-09T13:34:41UTC", 0, &t, NULL), 0);
	assert_int_equal(t, 1573306481LL);
	assert_int_equal(isotime_parse("2019-11-09T14:34:41.123+01:00", 0, &t, NULL), 0);
	assert_int_equal(t, 1573306481LL);
	assert_int_equal(isotime_parse("2019-11-09", 0, &t, NULL), -1);
	assert_int_equal(isotime_parse("2019-11-09T13:34:41 PST", 0, &t, NULL), -1);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_identity),      cmocka_unit_test(test_assumed),
		cmocka_unit_test(test_truncated),     cmocka_unit_test(test_bad_answers),
		cmocka_unit_test(test_errors),        cmocka_unit_test(test_hints),
		cmocka_unit_test(test_form_and_time),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
