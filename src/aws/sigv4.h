/* AWS Signature Version 4 (OpenSSL HMAC-SHA256 / SHA-256).  One signer
 * serves the client and the simulator's verifier. */
#ifndef SAGESCALE_SIGV4_H
#define SAGESCALE_SIGV4_H
#include <stddef.h>

struct sigv4_header {
	const char *name;  /* any case; lowercased when canonicalised */
	const char *value; /* trimmed, inner runs of spaces folded */
};

struct sigv4_request {
	const char *method;                 /* "POST" */
	const char *path;                   /* raw path as sent, e.g. "/" */
	const char *query;                  /* raw query string without '?', or NULL */
	const struct sigv4_header *headers; /* the headers to sign (host and x-amz-date included) */
	size_t nheaders;
	const void *body;
	size_t body_len;
};

struct sigv4_credentials {
	const char *access_key_id;
	const char *secret_access_key;
	const char *session_token; /* NULL for long-term keys */
};

struct sigv4_result {
	char *canonical_request;
	char *string_to_sign;
	char *authorization; /* the whole Authorization header value */
	char signature[65];  /* lowercase hex */
};

/* Signs req at amz_date ("20150830T123600Z") for region and service.  The
 * signing key is cached per (secret, date, region, service), thread-safely.
 * Returns 0, or -1 on invalid input (res untouched). */
int sigv4_sign(const struct sigv4_request *req, const struct sigv4_credentials *creds,
	       const char *region, const char *service, const char *amz_date,
	       struct sigv4_result *res);
void sigv4_result_free(struct sigv4_result *res);

/* "20150830T123600Z" for t (UTC) into out[17]. */
void sigv4_format_date(long long t, char out[17]);

/* Parses an Authorization header value of the form
 * "AWS4-HMAC-SHA256 Credential=AK/DATE/REGION/SERVICE/aws4_request,
 *  SignedHeaders=a;b, Signature=hex" (for the verifier).  Returns 0 or -1. */
struct sigv4_authz {
	char *access_key_id, *date, *region, *service;
	char *signed_headers; /* "host;x-amz-date" */
	char *signature;
};
int sigv4_parse_authorization(const char *value, struct sigv4_authz *out);
void sigv4_authz_free(struct sigv4_authz *a);

/* Lowercase hex SHA-256 of data into out[65]. */
void sigv4_sha256_hex(const void *data, size_t len, char out[65]);

/* The signing key for date ("20150830"), region and service, taken from the
 * cache or derived and cached.  Returns 0, or -1 on invalid input. */
int sigv4_signing_key(const char *secret, const char *date8, const char *region,
		      const char *service, unsigned char key[32]);

/* Cache counters and control, for tests and the benchmark. */
struct sigv4_cache_stats {
	unsigned long hits, misses;
};
void sigv4_cache_stats(struct sigv4_cache_stats *st);
void sigv4_cache_set_enabled(int on); /* on by default; off derives every time */
void sigv4_cache_clear(void);         /* wipes every cached key and the counters */

#endif
