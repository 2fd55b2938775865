/* src/aws/loopback.c, the one decision of what is loopback, and its two
 * users: the client (plain http only to loopback) and the HTTP layer (no
 * proxy for loopback, nor for any plain http:// URL).  The last cases send
 * real signed requests with http_proxy pointing at a second loopback
 * server, which must see nothing: before the fix, [::ffff:127.0.0.1] was
 * loopback to the client but not to the HTTP layer, and the request, its
 * Authorization included, went in clear text to the proxy. */
#include "config.h"
#include "../lib/unit.h"
#include "../lib/testsrv.h"

#include <stdlib.h>
#include <string.h>
#include <netinet/in.h>
#include <arpa/inet.h>

#include "aws/client.h"
#include "aws/http.h"
#include "aws/loopback.h"
#include "util/xalloc.h"

static const struct {
	const char *host;
	bool loop;
} hosts[] = {
	{ "127.0.0.1", true },
	{ "127.255.255.254", true },
	{ "127.1.2.3", true },
	{ "[::1]", true },
	{ "[0:0:0:0:0:0:0:1]", true },
	{ "[::ffff:127.0.0.1]", true },
	{ "[::FFFF:127.9.8.7]", true },
	{ "[::ffff:7f00:1]", true },
	{ "localhost", true },
	{ "LOCALHOST", true },
	{ "LocalHost", true },
	{ "128.0.0.1", false },
	{ "126.255.255.255", false },
	{ "0.0.0.0", false },
	{ "10.0.0.1", false },
	{ "[::]", false },
	{ "[::2]", false },
	{ "[::ffff:128.0.0.1]", false },
	{ "[::127.0.0.1]", false },
	{ "[fe80::1%25lo]", false },
	{ "::1", false },
	{ "[::1", false },
	{ "::1]", false },
	{ "[]", false },
	{ "[", false },
	{ "localhost.", false },
	{ "localhost.example", false },
	{ "127.0.0.1.example", false },
	{ "127.1", false },
	{ "0x7f.0.0.1", false },
	{ "0177.0.0.1", false },
	{ "2130706433", false },
	{ "", false },
	{ "example.com", false },
};

static void test_hosts(void **state)
{
	(void)state;
	for (size_t i = 0; i < sizeof(hosts) / sizeof(hosts[0]); i++)
		if (loopback_host(hosts[i].host) != hosts[i].loop)
			fail_msg("%s: want %s", hosts[i].host, hosts[i].loop ? "loopback" : "not");
	assert_false(loopback_host(NULL));
}

static void test_sockaddr(void **state)
{
	(void)state;
	struct sockaddr_in v4 = { .sin_family = AF_INET };
	struct sockaddr_in6 v6 = { .sin6_family = AF_INET6 };

	inet_pton(AF_INET, "127.3.0.1", &v4.sin_addr);
	assert_true(loopback_sockaddr((struct sockaddr *)&v4));
	inet_pton(AF_INET, "192.0.2.1", &v4.sin_addr);
	assert_false(loopback_sockaddr((struct sockaddr *)&v4));
	inet_pton(AF_INET6, "::ffff:127.0.0.2", &v6.sin6_addr);
	assert_true(loopback_sockaddr((struct sockaddr *)&v6));
	inet_pton(AF_INET6, "::1", &v6.sin6_addr);
	assert_true(loopback_sockaddr((struct sockaddr *)&v6));
	inet_pton(AF_INET6, "2001:db8::1", &v6.sin6_addr);
	assert_false(loopback_sockaddr((struct sockaddr *)&v6));
}

/* The HTTP layer: loopback and every plain http:// URL go direct. */
static void test_direct(void **state)
{
	(void)state;
	assert_true(http_url_direct("http://127.0.0.1:1/"));
	assert_true(http_url_direct("https://127.0.0.1:1/"));
	assert_true(http_url_direct("https://[::ffff:127.0.0.1]:1/"));
	assert_true(http_url_direct("https://[::1]/"));
	assert_true(http_url_direct("http://api.sagemaker.us-east-1.amazonaws.com/"));
	assert_true(http_url_direct("HTTP://example.com/"));
	assert_false(http_url_direct("https://api.sagemaker.us-east-1.amazonaws.com/"));
	assert_false(http_url_direct("https://[::ffff:128.0.0.1]/"));
	assert_true(http_url_is_plain("not a url"));
	char *h = http_url_host("http://[::ffff:127.0.0.1]:8/x");

	assert_string_equal(h, "[::ffff:127.0.0.1]");
	free(h);
}

struct fixture {
	struct testsrv *srv, *proxy;
	struct aws_config cfg;
};

static int setup(void **state)
{
	struct fixture *f = xcalloc(1, sizeof(*f));

	f->srv = testsrv_start();
	f->proxy = testsrv_start();
	if (!f->srv || !f->proxy)
		return -1;
	testsrv_aws_config(f->srv, &f->cfg);
	f->cfg.max_attempts = 1;
	setenv("http_proxy", testsrv_url(f->proxy), 1);
	setenv("HTTPS_PROXY", testsrv_url(f->proxy), 1);
	setenv("https_proxy", testsrv_url(f->proxy), 1);
	setenv("ALL_PROXY", testsrv_url(f->proxy), 1);
	unsetenv("NO_PROXY");
	unsetenv("no_proxy");
	*state = f;
	return 0;
}

static int teardown(void **state)
{
	struct fixture *f = *state;

	testsrv_no_proxy();
	testsrv_stop(f->srv);
	testsrv_stop(f->proxy);
	aws_config_free(&f->cfg);
	free(f);
	return 0;
}

/* A signed call to url (allow_http as given); the aws_call result. */
static int call(struct fixture *f, const char *url, bool allow_http, struct aws_result *res)
{
	struct aws_client_options o = { .cfg = &f->cfg,
					.allow_http = allow_http,
					.no_backoff_sleep = true,
					.timeout_ms = 5000 };

	free(f->cfg.endpoint_sagemaker);
	f->cfg.endpoint_sagemaker = xstrdup(url);
	struct aws_client *c = aws_client_new(&o);
	int rc = aws_call(c, "sagemaker", "SageMaker.ListInferenceRecommendationsJobs", "{}", NULL,
			  res);

	aws_client_free(c);
	return rc;
}

static void test_mapped_never_via_proxy(void **state)
{
	struct fixture *f = *state;
	struct aws_result res;
	char *url = xasprintf("http://[::ffff:127.0.0.1]:%d/", testsrv_port(f->srv));

	memset(&res, 0, sizeof(res));
	assert_int_equal(call(f, url, false, &res), AWS_OK);
	assert_int_equal(testsrv_count(f->proxy), 0);
	assert_int_equal(testsrv_count(f->srv), 1);
	aws_result_free(&res);
	free(url);
}

/* --allow-http to a host that is not loopback by the decision (a number
 * spelt in hex, which libcurl still connects to 127.0.0.1): plain http, so
 * no proxy either. */
static void test_plain_http_never_via_proxy(void **state)
{
	struct fixture *f = *state;
	struct aws_result res;
	char *url = xasprintf("http://0x7f000001:%d/", testsrv_port(f->srv));

	memset(&res, 0, sizeof(res));
	assert_int_equal(call(f, url, false, &res), AWS_ERR_CONFIG);
	aws_result_free(&res);
	assert_int_equal(call(f, url, true, &res), AWS_OK);
	assert_int_equal(testsrv_count(f->proxy), 0);
	assert_int_equal(testsrv_count(f->srv), 1);
	aws_result_free(&res);
	free(url);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_hosts),
		cmocka_unit_test(test_sockaddr),
		cmocka_unit_test(test_direct),
		cmocka_unit_test_setup_teardown(test_mapped_never_via_proxy, setup, teardown),
		cmocka_unit_test_setup_teardown(test_plain_http_never_via_proxy, setup, teardown),
	};
	return cmocka_run_group_tests_name("loopback", tests, NULL, NULL);
}
