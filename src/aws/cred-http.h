/* What the providers that fetch credentials over HTTP share (container,
 * instance metadata, SSO): a client that never logs (its answers hold
 * secrets), the JSON answer's parser, and the host checks. */
#ifndef SAGESCALE_AWS_CRED_HTTP_H
#define SAGESCALE_AWS_CRED_HTTP_H
#include <json-c/json.h>
#include <stdbool.h>
#include <stddef.h>
#include "aws/config.h"
#include "aws/http.h"

/* debug is always off: --debug would print the secret key. */
struct http_client *aws_cred_http_client(const char *ca_bundle, long connect_ms, long total_ms);

/* A JSON object (json-c, strict, at most 16 levels deep) and nothing after
 * it but white space; NULL otherwise.  Free with aws_cred_json_free, which
 * overwrites its strings first. */
struct json_object *aws_cred_json_parse(const char *text, size_t len);
/* The same with another nesting limit (credential_process's output). */
struct json_object *aws_cred_json_parse_depth(const char *text, size_t len, int depth);
void aws_cred_json_free(struct json_object *doc);
/* A string member or NULL. */
const char *aws_cred_json_str(struct json_object *obj, const char *key);

enum aws_cred_answer {
	AWS_ANSWER_OK = 0,
	AWS_ANSWER_NOT_JSON = -1, /* not one JSON object */
	AWS_ANSWER_MISSING = -2,  /* a required member is missing or not a string */
	AWS_ANSWER_BAD_TIME = -3, /* Expiration is not an ISO 8601 time */
};

/* The answer of the container endpoint and of the metadata service:
 * {"AccessKeyId", "SecretAccessKey", "Token", "Expiration", ...}; all four
 * required, as botocore requires them.  On AWS_ANSWER_OK fills *out (source
 * taken); otherwise source is freed and *missing (when not NULL) names
 * the member that is missing. */
enum aws_cred_answer aws_cred_parse_answer(const char *body, size_t len,
					   struct aws_credentials *out, char *source,
					   const char **missing);

/* An IP literal in 127.0.0.0/8 or ::1 (Python's ip_address().is_loopback). */
bool aws_cred_ip_is_loopback(const char *host);

/* The container endpoint's URL: http://169.254.170.2 followed by
 * AWS_CONTAINER_CREDENTIALS_RELATIVE_URI when relative is not NULL (as
 * botocore's ContainerMetadataFetcher.full_url), else full.  Caller frees. */
char *aws_cred_container_url(const char *relative, const char *full);

/* Sleeps ms milliseconds. */
void aws_cred_sleep_ms(long ms);

#endif
