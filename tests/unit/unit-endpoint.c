/* The endpoint rules of src/aws/endpoint.c: partitions, FIPS, dual-stack,
 * the GovCloud and SageMaker exceptions, global and regional STS, and URL
 * parsing.  tests/cli/endpoints-botocore.sh compares every region with botocore;
 * these are the cases written down, so they hold without botocore too. */
#include "config.h"
#include "../lib/unit.h"
#include "aws/endpoint.h"

#include <stdlib.h>
#include <string.h>

static char *url_of(enum aws_service svc, const char *region, bool fips, bool ds, bool global)
{
	struct aws_endpoint_params p = { region, fips, ds, global };
	struct aws_endpoint ep;
	char *err = NULL;

	if (aws_endpoint_resolve(svc, &p, &ep, &err) < 0)
		fail_msg("resolve %d %s: %s", svc, region, err);
	free(ep.signing_region);
	return ep.url;
}

static void expect(enum aws_service svc, const char *region, bool fips, bool ds, const char *want)
{
	char *u = url_of(svc, region, fips, ds, false);

	assert_string_equal(u, want);
	free(u);
}

static void test_partitions(void **state)
{
	(void)state;
	assert_string_equal(aws_partition_of("us-east-1")->id, "aws");
	assert_string_equal(aws_partition_of("xx-new-9")->id, "aws");    /* the default */
	assert_string_equal(aws_partition_of("eu-future-7")->id, "aws"); /* by form */
	assert_string_equal(aws_partition_of("cn-north-1")->id, "aws-cn");
	assert_string_equal(aws_partition_of("us-gov-west-1")->id, "aws-us-gov");
	assert_string_equal(aws_partition_of("us-iso-east-1")->id, "aws-iso");
	assert_string_equal(aws_partition_of("us-isob-east-1")->id, "aws-iso-b");
	assert_string_equal(aws_partition_of("eu-isoe-west-1")->id, "aws-iso-e");
	assert_string_equal(aws_partition_of("us-isof-south-1")->id, "aws-iso-f");
	assert_string_equal(aws_partition_of("eusc-de-east-1")->id, "aws-eusc");
	assert_string_equal(aws_partition_of("cn-north-1")->dns_suffix, "amazonaws.com.cn");
	assert_string_equal(aws_partition_of("us-isob-east-1")->dns_suffix, "sc2s.sgov.gov");
	assert_string_equal(aws_partition_of("us-iso-east-1")->dualstack_dns_suffix,
			    "api.aws.ic.gov");
	size_t n = 0;

	for (const char *const *r = aws_known_regions(); *r; r++)
		n++;
	assert_true(n >= 40);
}

static void test_sagemaker(void **state)
{
	(void)state;
	expect(AWS_SVC_SAGEMAKER, "us-east-1", false, false,
	       "https://api.sagemaker.us-east-1.amazonaws.com");
	expect(AWS_SVC_SAGEMAKER, "us-east-1", true, false,
	       "https://api-fips.sagemaker.us-east-1.amazonaws.com");
	expect(AWS_SVC_SAGEMAKER, "us-east-1", false, true,
	       "https://api.sagemaker.us-east-1.api.aws");
	expect(AWS_SVC_SAGEMAKER, "us-east-1", true, true,
	       "https://api.sagemaker-fips.us-east-1.api.aws");
	expect(AWS_SVC_SAGEMAKER, "us-gov-west-1", true, false,
	       "https://api-fips.sagemaker.us-gov-west-1.amazonaws.com");
	expect(AWS_SVC_SAGEMAKER, "cn-north-1", true, false,
	       "https://api.sagemaker-fips.cn-north-1.amazonaws.com.cn");
	expect(AWS_SVC_SAGEMAKER, "cn-north-1", false, true,
	       "https://api.sagemaker.cn-north-1.api.amazonwebservices.com.cn");
	expect(AWS_SVC_SAGEMAKER, "us-iso-east-1", false, false,
	       "https://api.sagemaker.us-iso-east-1.c2s.ic.gov");
}

static void test_other_services(void **state)
{
	(void)state;
	expect(AWS_SVC_AUTOSCALING, "us-gov-east-1", true, false,
	       "https://application-autoscaling.us-gov-east-1.amazonaws.com");
	expect(AWS_SVC_AUTOSCALING, "eu-west-1", true, false,
	       "https://application-autoscaling-fips.eu-west-1.amazonaws.com");
	expect(AWS_SVC_MONITORING, "us-gov-west-1", true, true,
	       "https://monitoring.us-gov-west-1.api.aws");
	expect(AWS_SVC_MONITORING, "us-west-2", true, true,
	       "https://monitoring-fips.us-west-2.api.aws");
	expect(AWS_SVC_SSO, "eu-central-1", false, false,
	       "https://portal.sso.eu-central-1.amazonaws.com");
	expect(AWS_SVC_SSO_OIDC, "us-gov-west-1", true, false,
	       "https://oidc.us-gov-west-1.amazonaws.com");
	expect(AWS_SVC_SSO_OIDC, "ap-south-1", true, false,
	       "https://oidc-fips.ap-south-1.amazonaws.com");
	assert_int_equal(aws_service_from_name("sagemaker"), AWS_SVC_SAGEMAKER);
	assert_int_equal(aws_service_from_name("cloudwatch"), AWS_SVC_MONITORING);
	assert_int_equal(aws_service_from_name("monitoring"), AWS_SVC_MONITORING);
	assert_int_equal(aws_service_from_name("nope"), -1);
	assert_string_equal(aws_service_names(AWS_SVC_AUTOSCALING)->env,
			    "AWS_ENDPOINT_URL_APPLICATION_AUTO_SCALING");
}

static void test_sts(void **state)
{
	struct aws_endpoint_params p = { "eu-west-1", false, false, true };
	struct aws_endpoint ep;
	char *err = NULL;

	(void)state;
	expect(AWS_SVC_STS, "eu-west-1", false, false, "https://sts.eu-west-1.amazonaws.com");
	expect(AWS_SVC_STS, "aws-global", false, false, "https://sts.amazonaws.com");
	expect(AWS_SVC_STS, "us-gov-west-1", true, false,
	       "https://sts.us-gov-west-1.amazonaws.com");
	expect(AWS_SVC_STS, "us-east-2", true, false, "https://sts-fips.us-east-2.amazonaws.com");
	/* sts_regional_endpoints = legacy: the old global regions sign for us-east-1. */
	assert_int_equal(aws_endpoint_resolve(AWS_SVC_STS, &p, &ep, &err), 0);
	assert_string_equal(ep.url, "https://sts.amazonaws.com");
	assert_string_equal(ep.signing_region, "us-east-1");
	aws_endpoint_free(&ep);
	p.region = "ap-east-1"; /* not one of them */
	assert_int_equal(aws_endpoint_resolve(AWS_SVC_STS, &p, &ep, &err), 0);
	assert_string_equal(ep.url, "https://sts.ap-east-1.amazonaws.com");
	assert_string_equal(ep.signing_region, "ap-east-1");
	aws_endpoint_free(&ep);
	p.region = NULL;
	assert_int_equal(aws_endpoint_resolve(AWS_SVC_STS, &p, &ep, &err), -1);
	assert_non_null(strstr(err, "region"));
	free(err);
}

static void test_url_parse(void **state)
{
	struct aws_url u;

	(void)state;
	assert_null(aws_url_parse("https://h.example:443/x", &u));
	assert_string_equal(u.hostport, "h.example");
	assert_string_equal(u.path, "/x");
	aws_url_free(&u);
	assert_null(aws_url_parse("http://[::1]:8080", &u));
	assert_string_equal(u.host, "[::1]");
	assert_string_equal(u.hostport, "[::1]:8080");
	assert_string_equal(u.url, "http://[::1]:8080/");
	aws_url_free(&u);
	assert_non_null(aws_url_parse("https://u@h/", &u));
	assert_non_null(aws_url_parse("https://h/?q", &u));
	assert_non_null(aws_url_parse("ftp://h/", &u));
	assert_non_null(aws_url_parse("https://h:99999/", &u));
	assert_non_null(aws_url_parse("https://[::1/", &u));
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_partitions),     cmocka_unit_test(test_sagemaker),
		cmocka_unit_test(test_other_services), cmocka_unit_test(test_sts),
		cmocka_unit_test(test_url_parse),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
