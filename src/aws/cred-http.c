/* Helpers of the HTTP credential providers (see cred-http.h). */
#include "config.h"
#include "aws/cred-http.h"
#include "aws/cred.h"
#include "util/isotime.h"
#include "util/xalloc.h"

#include <arpa/inet.h>
#include <openssl/crypto.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#define ANSWER_JSON_DEPTH 16

struct http_client *aws_cred_http_client(const char *ca_bundle, long connect_ms, long total_ms)
{
	struct http_options o = {
		.ca_bundle = ca_bundle,
		.connect_timeout_ms = connect_ms,
		.timeout_ms = total_ms,
		.max_response_bytes = 64 * 1024, /* a credential document is < 4 KiB */
		.debug = false,
	};

	return http_client_new(&o);
}

struct json_object *aws_cred_json_parse(const char *text, size_t len)
{
	return aws_cred_json_parse_depth(text, len, ANSWER_JSON_DEPTH);
}

struct json_object *aws_cred_json_parse_depth(const char *text, size_t len, int depth)
{
	json_tokener *tok;
	struct json_object *doc;
	size_t end;

	if (!text || len > INT32_MAX || memchr(text, '\0', len))
		return NULL;
	tok = json_tokener_new_ex(depth);
	if (!tok)
		return NULL;
	json_tokener_set_flags(tok, JSON_TOKENER_STRICT);
	doc = json_tokener_parse_ex(tok, text, (int)len);
	end = json_tokener_get_parse_end(tok);
	if (doc && json_tokener_get_error(tok) == json_tokener_success)
		while (end < len && strchr(" \t\r\n", text[end]))
			end++;
	if (!doc || json_tokener_get_error(tok) != json_tokener_success || end != len ||
	    !json_object_is_type(doc, json_type_object)) {
		json_object_put(doc);
		doc = NULL;
	}
	json_tokener_free(tok);
	return doc;
}

static void wipe(struct json_object *o, int depth)
{
	if (depth > ANSWER_JSON_DEPTH + 1)
		return;
	if (json_object_is_type(o, json_type_string)) {
		const char *s = json_object_get_string(o);

		OPENSSL_cleanse((char *)s, strlen(s));
	} else if (json_object_is_type(o, json_type_object)) {
		json_object_object_foreach(o, k, v)
		{
			(void)k;
			wipe(v, depth + 1);
		}
	} else if (json_object_is_type(o, json_type_array)) {
		for (size_t i = 0; i < json_object_array_length(o); i++)
			wipe(json_object_array_get_idx(o, i), depth + 1);
	}
}

void aws_cred_json_free(struct json_object *doc)
{
	if (!doc)
		return;
	wipe(doc, 0);
	json_object_put(doc);
}

const char *aws_cred_json_str(struct json_object *obj, const char *key)
{
	struct json_object *v;

	if (!obj || !json_object_object_get_ex(obj, key, &v) ||
	    !json_object_is_type(v, json_type_string))
		return NULL;
	return json_object_get_string(v);
}

enum aws_cred_answer aws_cred_parse_answer(const char *body, size_t len,
					   struct aws_credentials *out, char *source,
					   const char **missing)
{
	static const char *const required[] = { "AccessKeyId", "SecretAccessKey", "Token",
						"Expiration" };
	struct json_object *doc = aws_cred_json_parse(body, len);
	const char *v[4];
	long long exp;

	if (missing)
		*missing = NULL;
	if (!doc) {
		free(source);
		return AWS_ANSWER_NOT_JSON;
	}
	for (size_t i = 0; i < 4; i++) {
		v[i] = aws_cred_json_str(doc, required[i]);
		if (!v[i] || !*v[i]) {
			if (missing)
				*missing = required[i];
			aws_cred_json_free(doc);
			free(source);
			return AWS_ANSWER_MISSING;
		}
	}
	if (isotime_parse(v[3], 0, &exp, NULL) < 0) {
		aws_cred_json_free(doc);
		free(source);
		return AWS_ANSWER_BAD_TIME;
	}
	aws_cred_set(out, v[0], v[1], v[2], exp, source);
	aws_cred_json_free(doc);
	return AWS_ANSWER_OK;
}

bool aws_cred_ip_is_loopback(const char *host)
{
	struct in_addr a4;
	struct in6_addr a6;

	if (inet_pton(AF_INET, host, &a4) == 1)
		return (ntohl(a4.s_addr) >> 24) == 127;
	if (inet_pton(AF_INET6, host, &a6) == 1)
		return IN6_IS_ADDR_LOOPBACK(&a6);
	return false;
}

void aws_cred_sleep_ms(long ms)
{
	struct timespec ts = { ms / 1000, (ms % 1000) * 1000000L };

	while (nanosleep(&ts, &ts) < 0)
		;
}
