/* Unit tests of src/aws/http.c against the loopback test server. */
#include "config.h"
#include "../lib/unit.h"
#include "../lib/testsrv.h"
#include "aws/http.h"

#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

static int setup(void **state)
{
	struct testsrv *s = testsrv_start();

	if (!s)
		return -1;
	*state = s;
	return 0;
}

static int teardown(void **state)
{
	testsrv_stop(*state);
	return 0;
}

static const struct http_header json_headers[] = {
	{ "Content-Type", "application/x-amz-json-1.1" },
	{ "X-Amz-Target", "SageMaker.GetScalingConfigurationRecommendation" },
};

static enum http_status post(struct http_client *c, const char *url, const char *body,
			     atomic_bool *cancel, struct http_response *r)
{
	return http_post(c, url, json_headers, 2, body, strlen(body), cancel, r);
}

static void test_success_and_headers(void **state)
{
	struct testsrv *s = *state;
	struct http_client *c = http_client_new(NULL);
	struct http_response r;

	testsrv_push(s, &(struct testsrv_response){
				.status = 201,
				.body = "{\"ok\":true}",
				.headers = "X-Amzn-RequestId: req-123\nX-Mixed-CASE: Some Value" });
	assert_int_equal(post(c, testsrv_url(s), "{\"a\":1}", NULL, &r), HTTP_OK);
	assert_int_equal(r.status, 201);
	assert_string_equal(r.body, "{\"ok\":true}");
	assert_int_equal(r.body_len, 11);
	assert_null(r.error);
	assert_string_equal(http_response_header(&r, "x-amzn-requestid"), "req-123");
	assert_string_equal(http_response_header(&r, "x-mixed-case"), "Some Value");
	assert_null(http_response_header(&r, "x-absent"));
	bool lower = false;
	for (size_t i = 0; i < r.nheaders; i++)
		if (strcmp(r.headers[i].name, "x-mixed-case") == 0)
			lower = true;
	assert_true(lower);

	/* What the server saw. */
	assert_int_equal(testsrv_count(s), 1);
	const struct testsrv_request *q = testsrv_request(s, 0);
	assert_string_equal(q->method, "POST");
	assert_string_equal(q->body, "{\"a\":1}");
	assert_string_equal(testsrv_header(q, "x-amz-target"),
			    "SageMaker.GetScalingConfigurationRecommendation");
	assert_string_equal(testsrv_header(q, "content-type"), "application/x-amz-json-1.1");
	assert_null(testsrv_header(q, "expect"));
	http_response_free(&r);
	http_client_free(c);
}

static void test_connection_reuse(void **state)
{
	struct testsrv *s = *state;
	struct http_client *c = http_client_new(NULL);
	struct http_response r;

	for (int i = 0; i < 3; i++) {
		assert_int_equal(post(c, testsrv_url(s), "{}", NULL, &r), HTTP_OK);
		assert_int_equal(r.status, 200);
		http_response_free(&r);
	}
	assert_int_equal(http_client_connects(c), 1);
	/* The server closes after this one: the next needs a new connection. */
	testsrv_push(s, &(struct testsrv_response){ .body = "{}", .mode = TESTSRV_CLOSE });
	assert_int_equal(post(c, testsrv_url(s), "{}", NULL, &r), HTTP_OK);
	http_response_free(&r);
	assert_int_equal(post(c, testsrv_url(s), "{}", NULL, &r), HTTP_OK);
	http_response_free(&r);
	assert_int_equal(http_client_connects(c), 2);
	assert_int_equal(testsrv_count(s), 5);
	http_client_free(c);
}

static char *big_body(size_t n)
{
	char *b = malloc(n + 1);

	memset(b, 'x', n);
	b[n] = '\0';
	return b;
}

static void check_too_large(struct testsrv *s, enum testsrv_mode mode)
{
	struct http_client *c =
		http_client_new(&(struct http_options){ .max_response_bytes = 1000 });
	struct http_response r;
	char *body = big_body(5000);

	testsrv_push(s, &(struct testsrv_response){ .body = body, .mode = mode });
	assert_int_equal(post(c, testsrv_url(s), "{}", NULL, &r), HTTP_ERR_TOO_LARGE);
	assert_non_null(r.error);
	assert_non_null(strstr(r.error, "1000 bytes"));
	assert_true(r.body_len <= 1000);
	http_response_free(&r);
	/* Exactly at the limit is fine. */
	body[1000] = '\0';
	testsrv_push(s, &(struct testsrv_response){ .body = body, .mode = mode });
	assert_int_equal(post(c, testsrv_url(s), "{}", NULL, &r), HTTP_OK);
	assert_int_equal(r.body_len, 1000);
	http_response_free(&r);
	free(body);
	http_client_free(c);
}

static void test_size_cap_content_length(void **state)
{
	check_too_large(*state, TESTSRV_NORMAL);
}

static void test_size_cap_chunked(void **state)
{
	check_too_large(*state, TESTSRV_CHUNKED);
}

static void test_timeout(void **state)
{
	struct testsrv *s = *state;
	struct http_client *c = http_client_new(&(struct http_options){ .timeout_ms = 300 });
	struct http_response r;

	testsrv_push(s, &(struct testsrv_response){ .body = "{}", .delay_ms = 5000 });
	double t0 = testsrv_now_ms();
	assert_int_equal(post(c, testsrv_url(s), "{}", NULL, &r), HTTP_ERR_TIMEOUT);
	double dt = testsrv_now_ms() - t0;
	assert_true(dt >= 250 && dt < 1500);
	assert_non_null(strstr(r.error, "300 ms"));
	http_response_free(&r);
	http_client_free(c);
}

static void test_connect_refused(void **state)
{
	struct http_client *c = http_client_new(NULL);
	struct http_response r;
	int port = testsrv_closed_port();
	char url[64], want[64];

	snprintf(url, sizeof(url), "http://127.0.0.1:%d/", port);
	snprintf(want, sizeof(want), "could not connect to 127.0.0.1:%d: ", port);
	assert_int_equal(post(c, url, "{}", NULL, &r), HTTP_ERR_CONNECT);
	assert_non_null(strstr(r.error, want));
	assert_non_null(strstr(r.error, "Connection refused"));
	http_response_free(&r);
	http_client_free(c);
}

static void test_truncated_body(void **state)
{
	struct testsrv *s = *state;
	struct http_client *c = http_client_new(NULL);
	struct http_response r;
	char *body = big_body(4000);

	testsrv_push(s, &(struct testsrv_response){ .body = body, .mode = TESTSRV_TRUNCATE });
	assert_int_equal(post(c, testsrv_url(s), "{}", NULL, &r), HTTP_ERR_IO);
	assert_non_null(r.error);
	http_response_free(&r);
	free(body);
	/* The client recovers on a fresh connection. */
	assert_int_equal(post(c, testsrv_url(s), "{}", NULL, &r), HTTP_OK);
	assert_string_equal(r.body, "{}");
	http_response_free(&r);
	http_client_free(c);
}

static void test_dropped_connection(void **state)
{
	struct testsrv *s = *state;
	struct http_client *c = http_client_new(NULL);
	struct http_response r;

	testsrv_push(s, &(struct testsrv_response){ .mode = TESTSRV_DROP });
	assert_int_equal(post(c, testsrv_url(s), "{}", NULL, &r), HTTP_ERR_IO);
	assert_non_null(strstr(r.error, "127.0.0.1"));
	http_response_free(&r);
	http_client_free(c);
}

struct canceller {
	atomic_bool *flag;
	double at;
};

static void *cancel_later(void *arg)
{
	struct canceller *k = arg;
	struct timespec ts = { 0, 150 * 1000000L };

	nanosleep(&ts, NULL);
	k->at = testsrv_now_ms();
	atomic_store(k->flag, true);
	return NULL;
}

static void test_cancel_from_thread(void **state)
{
	struct testsrv *s = *state;
	struct http_client *c = http_client_new(NULL);
	struct http_response r;
	atomic_bool cancel = false;
	struct canceller k = { &cancel, 0 };
	pthread_t th;

	testsrv_push(s, &(struct testsrv_response){ .body = "{}", .delay_ms = 5000 });
	pthread_create(&th, NULL, cancel_later, &k);
	assert_int_equal(post(c, testsrv_url(s), "{}", &cancel, &r), HTTP_ERR_CANCELLED);
	double done = testsrv_now_ms();
	pthread_join(th, NULL);
	assert_true(done - k.at < 200);
	assert_non_null(r.error);
	http_response_free(&r);
	/* Still usable afterwards. */
	atomic_store(&cancel, false);
	assert_int_equal(post(c, testsrv_url(s), "{}", &cancel, &r), HTTP_OK);
	http_response_free(&r);
	/* Already cancelled: nothing is sent. */
	size_t before = testsrv_count(s);
	atomic_store(&cancel, true);
	assert_int_equal(post(c, testsrv_url(s), "{}", &cancel, &r), HTTP_ERR_CANCELLED);
	assert_int_equal(testsrv_count(s), before);
	http_response_free(&r);
	http_client_free(c);
}

static void test_tls_errors(void **state)
{
	struct testsrv *s = *state;
	struct http_client *c = http_client_new(NULL);
	struct http_response r;
	char url[64];

	/* TLS to a plain-HTTP port: the handshake fails. */
	snprintf(url, sizeof(url), "https://127.0.0.1:%d/", testsrv_port(s));
	assert_int_equal(post(c, url, "{}", NULL, &r), HTTP_ERR_TLS);
	assert_non_null(strstr(r.error, "TLS"));
	http_response_free(&r);
	http_client_free(c);

	/* A CA bundle that does not exist is an error, never "no verification". */
	c = http_client_new(&(struct http_options){ .ca_bundle = "/nonexistent/ca.pem" });
	assert_int_equal(post(c, url, "{}", NULL, &r), HTTP_ERR_TLS);
	http_response_free(&r);
	http_client_free(c);
}

/* Runs one debug request and returns what went to stderr. */
static char *capture_debug(struct testsrv *s, const struct http_header *h, size_t n)
{
	struct http_client *c = http_client_new(&(struct http_options){ .debug = true });
	struct http_response r;
	struct testsrv_capture cap;

	testsrv_capture_stderr(&cap);
	enum http_status st = http_post(c, testsrv_url(s), h, n, "{}", 2, NULL, &r);
	char *out = testsrv_captured(&cap);

	assert_int_equal(st, HTTP_OK);
	http_response_free(&r);
	http_client_free(c);
	return out;
}

static void test_debug_redaction(void **state)
{
	struct testsrv *s = *state;
	const struct http_header h[] = {
		{ "Authorization",
		  "AWS4-HMAC-SHA256 Credential=AKIDEXAMPLE/20150830/us-east-1/"
		  "sagemaker/aws4_request, SignedHeaders=host;x-amz-date, "
		  "Signature=5fa00fa31553b73ebf1942676e86291e8372ff2a2260956d9b8aae1d763fbf31" },
		{ "X-Amz-Security-Token", "TOKENSECRETVALUE" },
		{ "X-Amz-Target", "SageMaker.Test\x1b[31m" },
	};

	testsrv_push(s, &(struct testsrv_response){ .status = 418,
						    .body = "{}",
						    .headers = "X-Amzn-RequestId: rid-42" });
	char *log = capture_debug(s, h, 3);
	assert_non_null(strstr(log, "POST http://127.0.0.1:"));
	assert_non_null(strstr(log, "Credential=AKIDEXAMPLE/20150830/us-east-1/sagemaker"));
	assert_non_null(strstr(log, "Signature=[redacted]"));
	assert_null(strstr(log, "5fa00fa3"));
	assert_null(strstr(log, "TOKENSECRETVALUE"));
	assert_non_null(strstr(log, "X-Amz-Security-Token: [redacted]"));
	assert_non_null(strstr(log, "418"));
	assert_non_null(strstr(log, "rid-42"));
	assert_null(strchr(log, '\x1b'));
	assert_non_null(strstr(log, "SageMaker.Test\\x1b[31m"));
	free(log);
}

static char *write_temp(const char *text)
{
	const char *dir = getenv("TMPDIR");
	char *path = malloc(256);

	snprintf(path, 256, "%s/sagescale-unit-http.XXXXXX", dir && *dir ? dir : "/tmp");
	int fd = mkstemp(path);
	assert_true(fd >= 0);
	assert_int_equal(write(fd, text, strlen(text)), (ssize_t)strlen(text));
	close(fd);
	return path;
}

static void test_tls_verification(void **state)
{
	char *cert, *key;

	assert_int_equal(testsrv_make_cert("IP:127.0.0.1", &cert, &key), 0);
	struct testsrv *s = testsrv_start_tls(cert, key);
	if (!s) {
		free(cert);
		free(key);
		skip();
	}
	char *ca = write_temp(cert);
	struct http_response r;
	char url[64];

	/* A self-signed certificate is refused with the system store. */
	struct http_client *c = http_client_new(NULL);
	assert_int_equal(post(c, testsrv_url(s), "{}", NULL, &r), HTTP_ERR_TLS);
	http_response_free(&r);
	http_client_free(c);

	/* Trusted through ca_bundle: the request goes through. */
	c = http_client_new(&(struct http_options){ .ca_bundle = ca });
	testsrv_push(s, &(struct testsrv_response){ .body = "{\"tls\":1}" });
	assert_int_equal(post(c, testsrv_url(s), "{}", NULL, &r), HTTP_OK);
	assert_int_equal(r.status, 200);
	assert_string_equal(r.body, "{\"tls\":1}");
	http_response_free(&r);
	/* The same certificate for another name: the host check refuses it. */
	snprintf(url, sizeof(url), "https://localhost:%d/", testsrv_port(s));
	assert_int_equal(post(c, url, "{}", NULL, &r), HTTP_ERR_TLS);
	http_response_free(&r);
	http_client_free(c);

	assert_int_equal(testsrv_count(s), 1);
	testsrv_stop(s);
	unlink(ca);
	free(ca);
	free(cert);
	free(key);
}

static void test_proxy_from_environment(void **state)
{
	struct testsrv *s = *state;
	struct http_client *c = http_client_new(NULL);
	struct http_response r;
	char proxy[64];

	/* A dead proxy does not matter for loopback endpoints. */
	snprintf(proxy, sizeof(proxy), "http://127.0.0.1:%d", testsrv_closed_port());
	setenv("http_proxy", proxy, 1);
	assert_int_equal(post(c, testsrv_url(s), "{}", NULL, &r), HTTP_OK);
	http_response_free(&r);
	/* Plain http:// never goes through a proxy (issue 17: a signed
	 * request would reach it in clear text), even to a host that is not
	 * loopback by the decision (a number in hex, which libcurl connects to
	 * 127.0.0.1): it arrives direct, in origin form, not as a proxy's
	 * absolute URL. */
	setenv("http_proxy", testsrv_url(s), 1);
	snprintf(proxy, sizeof(proxy), "http://0x7f000001:%d/x", testsrv_port(s));
	assert_int_equal(post(c, proxy, "{}", NULL, &r), HTTP_OK);
	http_response_free(&r);
	assert_int_equal(testsrv_count(s), 2);
	assert_string_equal(testsrv_request(s, 1)->url, "/x");
	/* https:// to other hosts goes through the proxy libcurl found in the
	 * environment, as a CONNECT tunnel (TLS end to end). */
	setenv("https_proxy", testsrv_url(s), 1);
	(void)post(c, "https://api.sagescale.invalid/x", "{}", NULL, &r);
	http_response_free(&r);
	unsetenv("http_proxy");
	unsetenv("https_proxy");
	http_client_free(c);
	assert_int_equal(testsrv_count(s), 3);
	const struct testsrv_request *q = testsrv_request(s, 2);
	assert_string_equal(q->method, "CONNECT");
	assert_non_null(strstr(q->url, "api.sagescale.invalid"));
}

static void test_large_request_body(void **state)
{
	struct testsrv *s = *state;
	struct http_client *c = http_client_new(NULL);
	struct http_response r;
	char *body = big_body(300000);

	double t0 = testsrv_now_ms();
	assert_int_equal(post(c, testsrv_url(s), body, NULL, &r), HTTP_OK);
	/* No "Expect: 100-continue" pause (curl waits up to 1 s for it). */
	assert_true(testsrv_now_ms() - t0 < 900);
	http_response_free(&r);
	const struct testsrv_request *q = testsrv_request(s, 0);
	assert_int_equal(q->body_len, 300000);
	assert_memory_equal(q->body, body, 300000);
	assert_null(testsrv_header(q, "expect"));
	free(body);
	http_client_free(c);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test_setup_teardown(test_success_and_headers, setup, teardown),
		cmocka_unit_test_setup_teardown(test_connection_reuse, setup, teardown),
		cmocka_unit_test_setup_teardown(test_size_cap_content_length, setup, teardown),
		cmocka_unit_test_setup_teardown(test_size_cap_chunked, setup, teardown),
		cmocka_unit_test_setup_teardown(test_timeout, setup, teardown),
		cmocka_unit_test(test_connect_refused),
		cmocka_unit_test_setup_teardown(test_truncated_body, setup, teardown),
		cmocka_unit_test_setup_teardown(test_dropped_connection, setup, teardown),
		cmocka_unit_test_setup_teardown(test_cancel_from_thread, setup, teardown),
		cmocka_unit_test_setup_teardown(test_tls_errors, setup, teardown),
		cmocka_unit_test_setup_teardown(test_debug_redaction, setup, teardown),
		cmocka_unit_test(test_tls_verification),
		cmocka_unit_test_setup_teardown(test_proxy_from_environment, setup, teardown),
		cmocka_unit_test_setup_teardown(test_large_request_body, setup, teardown),
	};

	/* Loopback only: no proxy from the environment may intercept. */
	testsrv_no_proxy();
	http_global_init();
	int rc = cmocka_run_group_tests_name("http", tests, NULL, NULL);
	http_global_cleanup();
	return rc;
}
