/* HTTP over libcurl: the only module that includes curl.  One client owns
 * one easy handle, kept between requests so connections are reused. */
#ifndef SAGESCALE_HTTP_H
#define SAGESCALE_HTTP_H
#include <stdatomic.h>
#include <stdbool.h>
#include <stddef.h>

struct http_client;

struct http_header {
	char *name;
	char *value;
};

struct http_options {
	const char *ca_bundle;     /* NULL: system store; verification is always on */
	long connect_timeout_ms;   /* 0: default 5000; < 0: none (bounded by timeout_ms) */
	long timeout_ms;           /* whole request, default 60000 */
	long read_timeout_ms;      /* no byte for this long ends it (whole seconds); 0: none */
	size_t max_response_bytes; /* default 8 MiB */
	bool debug;                /* log requests to stderr, secrets redacted */
};

enum http_status {
	HTTP_OK = 0,      /* a response arrived (any status code) */
	HTTP_ERR_CONNECT, /* could not connect (refused, DNS, unreachable) */
	HTTP_ERR_TIMEOUT,
	HTTP_ERR_TLS,       /* certificate or handshake */
	HTTP_ERR_TOO_LARGE, /* response over max_response_bytes */
	HTTP_ERR_IO,        /* reset, truncated, other transfer error */
	HTTP_ERR_CANCELLED,
};

struct http_response {
	long status; /* HTTP status code */
	char *body;  /* NUL-terminated */
	size_t body_len;
	struct http_header *headers; /* names lowercased */
	size_t nheaders;
	char *error; /* human-readable when status != HTTP_OK */
};

struct http_client *http_client_new(const struct http_options *opts);
void http_client_free(struct http_client *c);
/* New connections the client has opened so far (reuse keeps this at 1). */
long http_client_connects(const struct http_client *c);
/* The time the next requests may take in all (the caller's remaining
 * deadline); 0 or less: the client's timeout_ms again. */
void http_client_set_timeout(struct http_client *c, long timeout_ms);

/* POSTs body to url with headers.  *cancel, when non-NULL and set by another
 * thread, aborts the transfer promptly (HTTP_ERR_CANCELLED). */
enum http_status http_post(struct http_client *c, const char *url,
			   const struct http_header *headers, size_t nheaders, const char *body,
			   size_t body_len, atomic_bool *cancel, struct http_response *resp);
/* The same with another method: "GET" (body ignored), "PUT" or "POST".
 * A client whose answers hold secrets (credential endpoints) must be made
 * with debug off: --debug logs response bodies. */
enum http_status http_request(struct http_client *c, const char *method, const char *url,
			      const struct http_header *headers, size_t nheaders, const char *body,
			      size_t body_len, atomic_bool *cancel, struct http_response *resp);
void http_response_free(struct http_response *r);
const char *http_response_header(const struct http_response *r, const char *lname);

/* The host of url as libcurl reads it ("[::1]" bracketed), or NULL. */
char *http_url_host(const char *url);
/* True unless url is https:// (what libcurl cannot parse counts as plain). */
bool http_url_is_plain(const char *url);
/* True when url is sent without any proxy: loopback hosts (loopback_host,
 * the one decision the client also uses), and every plain http:// URL, so
 * that a signed request never goes in clear text to a proxy.  https://
 * elsewhere may use HTTPS_PROXY (a CONNECT tunnel: TLS end to end). */
bool http_url_direct(const char *url);
/* The host of url (IPv6 without brackets) and, when scheme is not NULL,
 * its scheme in lower case; NULL when url does not parse. */
char *http_url_parts(const char *url, char **scheme);

/* Global libcurl set-up, once at start (not thread-safe). */
void http_global_init(void);
void http_global_cleanup(void);

#endif
