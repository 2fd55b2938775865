/* SigV4 verification in the simulator (src/sim/auth.c): requests signed
 * by the project's signer, then tampered with one way at a time. */
#include "config.h"
#include "../lib/unit.h"
#include "aws/sigv4.h"
#include "sim/auth.h"

#include <stdlib.h>
#include <string.h>

#define NOW 1795000000LL /* 2026-11-18T11:06:40Z */
static const struct sim_auth_key key = { "AKIDSAGESCALEDEMO", "sagescale-demo-secret",
					 "us-east-1" };
static const char body[] = "{\"JobName\":\"a\"}";

struct signed_req {
	struct sim_header h[8];
	size_t n;
	char date[17];
	char *authz;
};

/* Signs a request at time t with secret for region/service. */
static void sign(struct signed_req *s, long long t, const char *akid, const char *secret,
		 const char *region, const char *service)
{
	struct sigv4_header sh[3];
	struct sigv4_result res;

	sigv4_format_date(t, s->date);
	sh[0] = (struct sigv4_header){ "Host", "127.0.0.1:8080" };
	sh[1] = (struct sigv4_header){ "X-Amz-Date", s->date };
	sh[2] = (struct sigv4_header){ "X-Amz-Target",
				       "SageMaker.DescribeInferenceRecommendationsJob" };
	struct sigv4_request req = { "POST", "/", NULL, sh, 3, body, strlen(body) };
	struct sigv4_credentials cr = { akid, secret, NULL };
	assert_int_equal(sigv4_sign(&req, &cr, region, service, s->date, &res), 0);
	s->authz = strdup(res.authorization);
	sigv4_result_free(&res);
	s->n = 0;
	s->h[s->n++] = (struct sim_header){ "Host", "127.0.0.1:8080" };
	s->h[s->n++] = (struct sim_header){ "X-Amz-Date", s->date };
	s->h[s->n++] = (struct sim_header){ "X-Amz-Target",
					    "SageMaker.DescribeInferenceRecommendationsJob" };
	s->h[s->n++] = (struct sim_header){ "Authorization", s->authz };
	s->h[s->n++] = (struct sim_header){ "Content-Type", "application/x-amz-json-1.1" };
}

static bool verify(struct signed_req *s, const char *b, double now, const char *service,
		   struct sim_reply *r)
{
	struct sim_auth_request q = { "POST", "/", NULL, s->h, s->n, b, strlen(b) };

	memset(r, 0, sizeof(*r));
	return sim_auth_verify(&q, &key, service, now, r);
}

static void expect(struct signed_req *s, const char *b, double now, int status, const char *code,
		   const char *text)
{
	struct sim_reply r;

	assert_false(verify(s, b, now, "sagemaker", &r));
	assert_int_equal(r.status, status);
	if (!strstr(r.error_type, code))
		fail_msg("error type %s, wanted %s", r.error_type, code);
	if (!strstr(r.body, text))
		fail_msg("%s lacks %s", r.body, text);
	sim_reply_free(&r);
}

static void test_good_signature(void **state)
{
	struct signed_req s;
	struct sim_reply r;

	sign(&s, NOW, "AKIDSAGESCALEDEMO", "sagescale-demo-secret", "us-east-1", "sagemaker");
	assert_true(verify(&s, body, NOW, "sagemaker", &r));
	assert_null(r.body);
	assert_true(verify(&s, body, NOW, NULL, &r)); /* unknown operation: either name */
	/* Header names in any case, extra unsigned headers: still good. */
	s.h[0].name = "host";
	s.h[s.n++] = (struct sim_header){ "User-Agent", "x" };
	assert_true(verify(&s, body, NOW, "sagemaker", &r));
	free(s.authz);
}

static void test_tampered(void **state)
{
	struct signed_req s;

	sign(&s, NOW, "AKIDSAGESCALEDEMO", "sagescale-demo-secret", "us-east-1", "sagemaker");
	expect(&s, "{\"JobName\":\"b\"}", NOW, 403, "InvalidSignatureException",
	       "The request signature we calculated does not match the signature you provided. Check your "
	       "AWS Secret Access Key and signing method. Consult the service documentation for details.");
	expect(&s, "{\"JobName\":\"b\"}", NOW, 403, "InvalidSignatureException",
	       "The Canonical String for this request should have been");
	s.h[2].value = "SageMaker.GetScalingConfigurationRecommendation";
	expect(&s, body, NOW, 403, "InvalidSignatureException", "does not match");
	free(s.authz);
	sign(&s, NOW, "AKIDSAGESCALEDEMO", "wrong-secret", "us-east-1", "sagemaker");
	expect(&s, body, NOW, 403, "InvalidSignatureException", "does not match");
	free(s.authz);
}

static void test_unknown_key_and_missing(void **state)
{
	struct signed_req s;

	sign(&s, NOW, "AKIDSOMEONEELSE", "sagescale-demo-secret", "us-east-1", "sagemaker");
	expect(&s, body, NOW, 403, "UnrecognizedClientException",
	       "\"message\":\"The security token included in the request is invalid.\"");
	s.n = 3; /* no Authorization */
	expect(&s, body, NOW, 400, "MissingAuthenticationTokenException",
	       "Missing Authentication Token");
	s.h[s.n++] = (struct sim_header){ "Authorization", "" };
	expect(&s, body, NOW, 400, "MissingAuthenticationTokenException",
	       "Missing Authentication Token");
	free(s.authz);
}

static void test_malformed(void **state)
{
	struct signed_req s;

	sign(&s, NOW, "AKIDSAGESCALEDEMO", "sagescale-demo-secret", "us-east-1", "sagemaker");
	s.h[3].value =
		"AWS4-HMAC-SHA256 Credential=AKIDSAGESCALEDEMO/20261118/us-east-1/sagemaker/aws4_request, SignedHeaders=host";
	expect(&s, body, NOW, 400, "IncompleteSignatureException",
	       "Authorization header requires 'Signature' parameter. Authorization=AWS4-HMAC-SHA256");
	s.h[3].value = "AWS3 foo";
	expect(&s, body, NOW, 400, "IncompleteSignatureException",
	       "Unsupported AWS 'algorithm': 'AWS3'");
	s.h[3].value = s.authz;
	s.h[1].name = "X-Nothing"; /* no date at all */
	expect(&s, body, NOW, 400, "IncompleteSignatureException",
	       "Authorization header requires existence of either a 'X-Amz-Date' or a 'Date' header.");
	s.h[1].name = "X-Amz-Date";
	s.h[1].value = "2026-11-18";
	expect(&s, body, NOW, 400, "IncompleteSignatureException",
	       "Date must be in ISO-8601 'basic format'. Got '2026-11-18'");
	free(s.authz);
}

static void test_clock(void **state)
{
	struct signed_req s;
	struct sim_reply r;

	sign(&s, NOW, "AKIDSAGESCALEDEMO", "sagescale-demo-secret", "us-east-1", "sagemaker");
	assert_true(verify(&s, body, NOW + 300, "sagemaker", &r));
	assert_true(verify(&s, body, NOW - 300, "sagemaker", &r));
	expect(&s, body, NOW + 301, 403, "InvalidSignatureException",
	       "Signature expired: 20261118T110640Z is now earlier than 20261118T110641Z (20261118T111141Z - 5 min.)");
	expect(&s, body, NOW - 301, 403, "InvalidSignatureException",
	       "Signature not yet current: 20261118T110640Z is still later than 20261118T110639Z (20261118T110139Z + 5 min.)");
	free(s.authz);
}

static void test_scope(void **state)
{
	struct signed_req s;
	struct sim_reply r;

	sign(&s, NOW, "AKIDSAGESCALEDEMO", "sagescale-demo-secret", "eu-west-1", "sagemaker");
	expect(&s, body, NOW, 403, "InvalidSignatureException",
	       "Credential should be scoped to a valid region, not 'eu-west-1'.");
	free(s.authz);
	sign(&s, NOW, "AKIDSAGESCALEDEMO", "sagescale-demo-secret", "us-east-1",
	     "application-autoscaling");
	expect(&s, body, NOW, 403, "InvalidSignatureException",
	       "Credential should be scoped to correct service: 'sagemaker'.");
	assert_true(verify(&s, body, NOW, "application-autoscaling", &r));
	free(s.authz);
	sign(&s, NOW, "AKIDSAGESCALEDEMO", "sagescale-demo-secret", "us-east-1", "s3");
	assert_false(verify(&s, body, NOW, NULL, &r));
	sim_reply_free(&r);
	free(s.authz);
	/* Scope date of another day than X-Amz-Date. */
	sign(&s, NOW, "AKIDSAGESCALEDEMO", "sagescale-demo-secret", "us-east-1", "sagemaker");
	char *other = strdup(s.authz);
	memcpy(strstr(other, "/20261118/") + 1, "20261117", 8);
	s.h[3].value = other;
	expect(&s, body, NOW, 403, "InvalidSignatureException",
	       "Date in Credential scope does not match YYYYMMDD from ISO-8601 version of date from HTTP: '20261117' != '20261118'");
	free(other);
	free(s.authz);
}

static void test_host_must_be_signed(void **state)
{
	struct signed_req s;

	sign(&s, NOW, "AKIDSAGESCALEDEMO", "sagescale-demo-secret", "us-east-1", "sagemaker");
	char *v = strdup(s.authz);
	char *p = strstr(v, "SignedHeaders=host;");
	memmove(p + 14, p + 19, strlen(p + 19) + 1);
	s.h[3].value = v;
	expect(&s, body, NOW, 403, "InvalidSignatureException", "'Host' must be a 'SignedHeader'");
	free(v);
	free(s.authz);
}

/* Without X-Amz-Date, the HTTP Date header dates the signature. */
static void test_date_header(void **state)
{
	struct sigv4_header sh[2] = { { "Host", "h" },
				      { "Date", "Wed, 18 Nov 2026 11:06:40 GMT" } };
	struct sigv4_request req = { "POST", "/", NULL, sh, 2, body, strlen(body) };
	struct sigv4_credentials cr = { "AKIDSAGESCALEDEMO", "sagescale-demo-secret", NULL };
	struct sigv4_result res;
	struct sim_reply r = { 0 };

	assert_int_equal(sigv4_sign(&req, &cr, "us-east-1", "sagemaker", "20261118T110640Z", &res),
			 0);
	struct sim_header h[3] = { { "Host", "h" },
				   { "Date", "Wed, 18 Nov 2026 11:06:40 GMT" },
				   { "Authorization", res.authorization } };
	struct sim_auth_request q = { "POST", "/", NULL, h, 3, body, strlen(body) };
	assert_true(sim_auth_verify(&q, &key, "sagemaker", NOW, &r));
	assert_false(sim_auth_verify(&q, &key, "sagemaker", NOW + 3600, &r));
	assert_non_null(strstr(r.body, "Signature expired: 20261118T110640Z"));
	sim_reply_free(&r);
	sigv4_result_free(&res);
}

static void test_amz_date(void **state)
{
	assert_int_equal(sim_auth_parse_amz_date("20261118T110640Z"), NOW);
	assert_int_equal(sim_auth_parse_amz_date("20261118T070640"), -1);
	assert_int_equal(sim_auth_parse_amz_date("20261318T070640Z"), -1);
	assert_int_equal(sim_auth_parse_amz_date(NULL), -1);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_good_signature),
		cmocka_unit_test(test_tampered),
		cmocka_unit_test(test_unknown_key_and_missing),
		cmocka_unit_test(test_malformed),
		cmocka_unit_test(test_clock),
		cmocka_unit_test(test_scope),
		cmocka_unit_test(test_host_must_be_signed),
		cmocka_unit_test(test_date_header),
		cmocka_unit_test(test_amz_date),
	};
	return cmocka_run_group_tests_name("sim-auth", tests, NULL, NULL);
}
