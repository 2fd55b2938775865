/* Fuzzes how the client classifies an answer (client.c's classify_answer:
 * the small JSON reader, error code cleaning, x-amzn-ErrorType, messages
 * and request ids).  Input: the status code on the first line, then
 * "name: value" header lines up to an empty line, then the body.  What
 * reaches the user (code, message, request id) must be terminal-safe.
 * client.c is included to reach its static functions; the library's
 * client.o is then not linked. */
#include "config.h"

#include "aws/client.c"

#include "fuzz.h"

static void check_safe(const char *s)
{
	if (!s)
		return;
	size_t n = strlen(s), i = 0;
	while (i < n) {
		uint32_t cp;
		size_t k = utf8_decode(s + i, n - i, &cp);
		FUZZ_CHECK(k > 0 && !sanitize_is_unsafe(cp));
		i += k;
	}
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	const char *p = (const char *)data, *end = p + size;
	struct http_header hdrs[16];
	size_t nh = 0;
	struct http_response hr;
	struct aws_result res;

	memset(&hr, 0, sizeof hr);
	memset(&res, 0, sizeof res);
	const char *nl = memchr(p, '\n', (size_t)(end - p));
	char *status = xstrndup(p, nl ? (size_t)(nl - p) : (size_t)(end - p));
	hr.status = strtol(status, NULL, 10);
	free(status);
	p = nl ? nl + 1 : end;
	while (p < end && nh < 16) {
		nl = memchr(p, '\n', (size_t)(end - p));
		size_t l = nl ? (size_t)(nl - p) : (size_t)(end - p);
		if (l == 0) {
			p++;
			break;
		}
		const char *colon = memchr(p, ':', l);
		size_t kl = colon ? (size_t)(colon - p) : l;
		char *name = xstrndup(p, kl);
		for (char *c = name; *c; c++)
			*c = (char)tolower((unsigned char)*c);
		hdrs[nh].name = name;
		hdrs[nh].value =
			colon ? xstrndup(colon + 1 + (colon + 1 < p + l && colon[1] == ' '),
					 l - kl - 1 - (colon + 1 < p + l && colon[1] == ' '))
			      : xstrdup("");
		nh++;
		p = nl ? nl + 1 : end;
	}
	hr.headers = hdrs;
	hr.nheaders = nh;
	hr.body_len = (size_t)(end - p);
	hr.body = xstrndup(p, hr.body_len);
	hr.body_len = strlen(hr.body);

	classify_answer(HTTP_OK, &hr, &res);
	FUZZ_CHECK(res.kind == AWS_OK || res.kind == AWS_ERR_SERVICE ||
		   res.kind == AWS_ERR_RESPONSE);
	if (res.kind != AWS_OK)
		FUZZ_CHECK(res.error_message != NULL);
	check_safe(res.error_code);
	check_safe(res.error_message);
	check_safe(res.request_id);
	aws_error_hint(&res);
	if (res.error_code)
		aws_is_throttling_code(res.error_code);

	aws_result_free(&res);
	free(hr.body);
	for (size_t i = 0; i < nh; i++) {
		free(hdrs[i].name);
		free(hdrs[i].value);
	}
	return 0;
}
