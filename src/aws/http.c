/* HTTP (POST, and GET/PUT for the credential providers) over libcurl, the
 * only file that includes curl.  One client keeps
 * one easy handle inside one multi handle, so connections are reused between
 * requests, and drives it itself so that a cancel is noticed within ~50 ms. */
#include "config.h"
#include "aws/http.h"
#include "aws/loopback.h"
#include "util/ascii.h"
#include "util/buf.h"
#include "util/i18n.h"
#include "util/sanitize.h"
#include "util/xalloc.h"

#include <ctype.h>
#include <curl/curl.h>
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#define HTTP_DEFAULT_CONNECT_MS 5000L
#define HTTP_DEFAULT_TIMEOUT_MS 60000L
#define HTTP_DEFAULT_MAX_BYTES ((size_t)8 << 20)
/* An AWS answer's headers are well under 4 KiB; all of them together may
 * not pass this (curl's own limit is per line). */
#define HTTP_MAX_HEADER_BYTES ((size_t)16 << 10)
/* How long one wait may last before the cancel flag is looked at again. */
#define HTTP_POLL_SLICE_MS 50

struct http_client {
	CURLM *multi;
	CURL *easy;
	struct http_options opts;
	char *ca_bundle;
	long connects;   /* new connections opened over the client's life */
	long timeout_ms; /* this request's (http_client_set_timeout) */
};

/* State of one transfer, seen by the callbacks. */
struct http_xfer {
	struct http_client *c;
	struct buf body;
	struct http_header *headers;
	size_t nheaders;
	size_t cap_headers;
	bool too_large;
	bool headers_too_large; /* over HTTP_MAX_HEADER_BYTES: no retry can change that */
	bool stalled;           /* the read timeout ended it, not the whole one */
	curl_off_t seen;        /* bytes moved so far, both ways */
	struct timespec last;   /* when the last of them moved */
	size_t header_bytes;
	atomic_bool *cancel;
};

void http_global_init(void)
{
	curl_global_init(CURL_GLOBAL_DEFAULT);
}

void http_global_cleanup(void)
{
	curl_global_cleanup();
}

struct http_client *http_client_new(const struct http_options *opts)
{
	struct http_client *c = xcalloc(1, sizeof(*c));

	if (opts)
		c->opts = *opts;
	if (c->opts.connect_timeout_ms == 0)
		c->opts.connect_timeout_ms = HTTP_DEFAULT_CONNECT_MS;
	if (c->opts.timeout_ms <= 0)
		c->opts.timeout_ms = HTTP_DEFAULT_TIMEOUT_MS;
	c->timeout_ms = c->opts.timeout_ms;
	if (c->opts.max_response_bytes == 0)
		c->opts.max_response_bytes = HTTP_DEFAULT_MAX_BYTES;
	if (c->opts.ca_bundle && *c->opts.ca_bundle)
		c->ca_bundle = xstrdup(c->opts.ca_bundle);
	c->opts.ca_bundle = c->ca_bundle;
	c->multi = curl_multi_init();
	c->easy = curl_easy_init();
	if (!c->multi || !c->easy)
		xfatal("%s", _("could not initialise libcurl"));
	return c;
}

void http_client_free(struct http_client *c)
{
	if (!c)
		return;
	curl_easy_cleanup(c->easy);
	curl_multi_cleanup(c->multi);
	free(c->ca_bundle);
	free(c);
}

long http_client_connects(const struct http_client *c)
{
	return c->connects;
}

void http_client_set_timeout(struct http_client *c, long timeout_ms)
{
	c->timeout_ms = timeout_ms > 0 ? timeout_ms : c->opts.timeout_ms;
}

static void xfer_clear_headers(struct http_xfer *x)
{
	for (size_t i = 0; i < x->nheaders; i++) {
		free(x->headers[i].name);
		free(x->headers[i].value);
	}
	x->nheaders = 0;
}

static size_t on_body(char *data, size_t size, size_t nmemb, void *userp)
{
	struct http_xfer *x = userp;
	size_t n = size * nmemb;

	if (x->body.len + n > x->c->opts.max_response_bytes) {
		x->too_large = true;
		return 0; /* CURLE_WRITE_ERROR: the transfer stops here */
	}
	buf_append(&x->body, data, n);
	return n;
}

static size_t on_header(char *data, size_t size, size_t nmemb, void *userp)
{
	struct http_xfer *x = userp;
	size_t n = size * nmemb, len = n;

	x->header_bytes += n;
	if (x->header_bytes > HTTP_MAX_HEADER_BYTES) {
		x->too_large = x->headers_too_large = true;
		return 0;
	}
	while (len && (data[len - 1] == '\r' || data[len - 1] == '\n'))
		len--;
	/* A new status line (after "100 Continue") starts a new header set. */
	if (len >= 5 && strncmp(data, "HTTP/", 5) == 0) {
		xfer_clear_headers(x);
		return n;
	}
	const char *colon = memchr(data, ':', len);
	if (!colon || colon == data)
		return n;
	size_t nlen = (size_t)(colon - data);
	const char *v = colon + 1, *end = data + len;
	while (v < end && (*v == ' ' || *v == '\t'))
		v++;
	while (end > v && (end[-1] == ' ' || end[-1] == '\t'))
		end--;
	if (x->nheaders == x->cap_headers) {
		x->cap_headers = x->cap_headers ? 2 * x->cap_headers : 16;
		x->headers = xrealloc(x->headers, x->cap_headers * sizeof(*x->headers));
	}
	struct http_header *h = &x->headers[x->nheaders++];
	h->name = xstrndup(data, nlen);
	for (char *p = h->name; *p; p++)
		*p = (char)ascii_tolower((unsigned char)*p);
	h->value = xstrndup(v, (size_t)(end - v));
	/* Refuse early what is announced too big. */
	if (strcmp(h->name, "content-length") == 0) {
		char *e;
		unsigned long long cl = strtoull(h->value, &e, 10);
		if (e != h->value && cl > x->c->opts.max_response_bytes) {
			x->too_large = true;
			return 0;
		}
	}
	return n;
}

static int on_progress(void *userp, curl_off_t dltotal, curl_off_t dlnow, curl_off_t ultotal,
		       curl_off_t ulnow)
{
	struct http_xfer *x = userp;
	struct timespec now;

	if (x->cancel && atomic_load(x->cancel))
		return 1;
	/* The read timeout as a socket timeout: no byte for that long.  (curl's
	 * LOW_SPEED options average over seconds, so the request's own upload
	 * would hide a silent server.) */
	clock_gettime(CLOCK_MONOTONIC, &now);
	if (dlnow + ulnow != x->seen) {
		x->seen = dlnow + ulnow;
		x->last = now;
	} else if (x->c->opts.read_timeout_ms > 0 &&
		   (now.tv_sec - x->last.tv_sec) * 1000 +
				   (now.tv_nsec - x->last.tv_nsec) / 1000000 >=
			   x->c->opts.read_timeout_ms) {
		x->stalled = true;
		return 1;
	}
	return 0;
}

/* The Authorization value with its signature hidden: the credential scope
 * and signed header list stay, they help debugging and are not secret. */
static char *redact_authorization(const char *v)
{
	const char *sig = strstr(v, "Signature=");

	if (!sig)
		return xstrdup("[redacted]");
	return xasprintf("%.*sSignature=[redacted]", (int)(sig - v), v);
}

static void debug_header(const char *prefix, const char *name, const char *value)
{
	char *shown;

	if (ascii_strcasecmp(name, "authorization") == 0)
		shown = redact_authorization(value);
	else if (ascii_strcasecmp(name, "x-amz-security-token") == 0 ||
		 ascii_strcasecmp(name, "x-aws-ec2-metadata-token") == 0 ||
		 ascii_strcasecmp(name, "x-amz-sso_bearer_token") == 0)
		shown = xstrdup("[redacted]");
	else
		shown = xstrdup(value);
	char *sn = sanitize_str(name), *sv = sanitize_str(shown);
	fprintf(stderr, "%s%s: %s\n", prefix, sn, sv);
	free(sn);
	free(sv);
	free(shown);
}

static void debug_body(const char *prefix, const char *body, size_t len)
{
	char *s = sanitize_text(body ? body : "", body ? len : 0);

	fprintf(stderr, "%s%s\n", prefix, s);
	free(s);
}

static void debug_request(const char *method, const char *url, const struct http_header *h,
			  size_t n, const char *body, size_t body_len)
{
	char *su = sanitize_str(url);

	fprintf(stderr, "sagescale: > %s %s\n", method, su);
	free(su);
	for (size_t i = 0; i < n; i++)
		debug_header("sagescale: > ", h[i].name, h[i].value);
	debug_body("sagescale: > ", body, body_len);
}

static void debug_response(const struct http_response *r, double secs)
{
	fprintf(stderr, "sagescale: < HTTP %ld (%zu bytes, %.3f s)\n", r->status, r->body_len,
		secs);
	for (size_t i = 0; i < r->nheaders; i++)
		debug_header("sagescale: < ", r->headers[i].name, r->headers[i].value);
	debug_body("sagescale: < ", r->body, r->body_len);
}

static struct curl_slist *build_headers(const struct http_header *h, size_t n)
{
	struct curl_slist *list = NULL;

	for (size_t i = 0; i < n; i++) {
		char *line = xasprintf("%s: %s", h[i].name, h[i].value);
		struct curl_slist *l = curl_slist_append(list, line);
		free(line);
		if (!l)
			xfatal("%s", _("out of memory"));
		list = l;
	}
	/* No "Expect: 100-continue" round trip, and no Accept we did not ask for. */
	list = curl_slist_append(list, "Expect:");
	list = curl_slist_append(list, "Accept:");
	if (!list)
		xfatal("%s", _("out of memory"));
	return list;
}

char *http_url_host(const char *url)
{
	CURLU *u = curl_url();
	char *host = NULL, *out = NULL;

	if (u && curl_url_set(u, CURLUPART_URL, url, 0) == CURLUE_OK &&
	    curl_url_get(u, CURLUPART_HOST, &host, 0) == CURLUE_OK)
		out = xstrdup(host);
	curl_free(host);
	curl_url_cleanup(u);
	return out;
}

bool http_url_is_plain(const char *url)
{
	CURLU *u = curl_url();
	char *scheme = NULL;
	bool plain = true; /* what cannot be parsed is not known to be TLS */

	if (u && curl_url_set(u, CURLUPART_URL, url, 0) == CURLUE_OK &&
	    curl_url_get(u, CURLUPART_SCHEME, &scheme, 0) == CURLUE_OK)
		plain = ascii_strcasecmp(scheme, "https") != 0;
	curl_free(scheme);
	curl_url_cleanup(u);
	return plain;
}

bool http_url_direct(const char *url)
{
	char *host;
	bool loop;

	if (http_url_is_plain(url))
		return true;
	host = http_url_host(url);
	loop = loopback_host(host);
	free(host);
	return loop;
}

static void setup_easy(struct http_client *c, struct http_xfer *x, const char *method,
		       const char *url, struct curl_slist *hdrs, const char *body, size_t body_len,
		       char *errbuf)
{
	CURL *e = c->easy;

	curl_easy_reset(e);
	curl_easy_setopt(e, CURLOPT_URL, url);
#if LIBCURL_VERSION_NUM >= 0x075500
	curl_easy_setopt(e, CURLOPT_PROTOCOLS_STR, "http,https");
#else
	curl_easy_setopt(e, CURLOPT_PROTOCOLS, (long)(CURLPROTO_HTTP | CURLPROTO_HTTPS));
#endif
	curl_easy_setopt(e, CURLOPT_NOSIGNAL, 1L);
	if (strcmp(method, "GET") == 0) {
		curl_easy_setopt(e, CURLOPT_HTTPGET, 1L);
	} else {
		/* POST, or PUT sent the same way with its own request line. */
		curl_easy_setopt(e, CURLOPT_POST, 1L);
		curl_easy_setopt(e, CURLOPT_POSTFIELDS, body ? body : "");
		curl_easy_setopt(e, CURLOPT_POSTFIELDSIZE_LARGE, (curl_off_t)(body ? body_len : 0));
		if (strcmp(method, "POST") != 0)
			curl_easy_setopt(e, CURLOPT_CUSTOMREQUEST, method);
	}
	curl_easy_setopt(e, CURLOPT_HTTPHEADER, hdrs);
	curl_easy_setopt(e, CURLOPT_FOLLOWLOCATION, 0L);
	if (http_url_direct(url))
		curl_easy_setopt(e, CURLOPT_PROXY, "");
	curl_easy_setopt(e, CURLOPT_TCP_KEEPALIVE, 1L);
	/* Connecting never takes longer than the whole request may; a
	 * negative connect timeout is "none" (the AWS CLI's 0), bounded by it. */
	long conn = c->opts.connect_timeout_ms;

	if (conn < 0 || conn > c->timeout_ms)
		conn = c->timeout_ms;
	curl_easy_setopt(e, CURLOPT_CONNECTTIMEOUT_MS, conn);
	curl_easy_setopt(e, CURLOPT_TIMEOUT_MS, c->timeout_ms);

	/* Verification is always on; only the trust store can change. */
	curl_easy_setopt(e, CURLOPT_SSL_VERIFYPEER, 1L);
	curl_easy_setopt(e, CURLOPT_SSL_VERIFYHOST, 2L);
	if (c->ca_bundle)
		curl_easy_setopt(e, CURLOPT_CAINFO, c->ca_bundle);
	curl_easy_setopt(e, CURLOPT_WRITEFUNCTION, on_body);
	curl_easy_setopt(e, CURLOPT_WRITEDATA, x);
	curl_easy_setopt(e, CURLOPT_HEADERFUNCTION, on_header);
	curl_easy_setopt(e, CURLOPT_HEADERDATA, x);
	curl_easy_setopt(e, CURLOPT_XFERINFOFUNCTION, on_progress);
	curl_easy_setopt(e, CURLOPT_XFERINFODATA, x);
	curl_easy_setopt(e, CURLOPT_NOPROGRESS, 0L);
	curl_easy_setopt(e, CURLOPT_ERRORBUFFER, errbuf);
	errbuf[0] = '\0';
}

/* Runs the transfer on the multi handle, waking at least every slice to
 * look at the cancel flag.  Returns the easy handle's result. */
static CURLcode run_transfer(struct http_client *c, atomic_bool *cancel, bool *cancelled)
{
	CURLcode rc = CURLE_OK;
	int running = 1;

	*cancelled = false;
	if (curl_multi_add_handle(c->multi, c->easy) != CURLM_OK)
		return CURLE_FAILED_INIT;
	while (running) {
		if (curl_multi_perform(c->multi, &running) != CURLM_OK) {
			rc = CURLE_FAILED_INIT;
			break;
		}
		if (!running)
			break;
		if (cancel && atomic_load(cancel)) {
			*cancelled = true;
			break;
		}
		curl_multi_poll(c->multi, NULL, 0, HTTP_POLL_SLICE_MS, NULL);
	}
	int left;
	CURLMsg *m;
	while ((m = curl_multi_info_read(c->multi, &left)))
		if (m->msg == CURLMSG_DONE && m->easy_handle == c->easy)
			rc = m->data.result;
	curl_multi_remove_handle(c->multi, c->easy);
	return rc;
}

char *http_url_parts(const char *url, char **scheme)
{
	CURLU *u = curl_url();
	char *host = NULL, *sch = NULL, *out = NULL;

	if (scheme)
		*scheme = NULL;
	if (u && curl_url_set(u, CURLUPART_URL, url, 0) == CURLUE_OK &&
	    curl_url_get(u, CURLUPART_HOST, &host, 0) == CURLUE_OK &&
	    curl_url_get(u, CURLUPART_SCHEME, &sch, 0) == CURLUE_OK) {
		size_t n = strlen(host);

		/* "[fd00:ec2::23]" -> "fd00:ec2::23" */
		if (n >= 2 && host[0] == '[' && host[n - 1] == ']')
			out = xstrndup(host + 1, n - 2);
		else
			out = xstrdup(host);
		if (scheme)
			*scheme = xstrdup(sch);
	}
	curl_free(host);
	curl_free(sch);
	curl_url_cleanup(u);
	return out;
}

/* host and port of url, for messages ("127.0.0.1:8080"). */
static char *url_hostport(const char *url)
{
	CURLU *u = curl_url();
	char *host = NULL, *port = NULL, *out;

	if (u && curl_url_set(u, CURLUPART_URL, url, 0) == CURLUE_OK) {
		curl_url_get(u, CURLUPART_HOST, &host, 0);
		curl_url_get(u, CURLUPART_PORT, &port, CURLU_DEFAULT_PORT);
	}
	if (host)
		out = port ? xasprintf("%s:%s", host, port) : xstrdup(host);
	else
		out = xstrdup(url);
	curl_free(host);
	curl_free(port);
	curl_url_cleanup(u);
	char *s = sanitize_str(out);
	free(out);
	return s;
}

static bool is_tls_error(CURLcode rc)
{
	switch (rc) {
	case CURLE_SSL_CONNECT_ERROR:
	case CURLE_PEER_FAILED_VERIFICATION:
	case CURLE_SSL_CERTPROBLEM:
	case CURLE_SSL_CIPHER:
	case CURLE_SSL_CACERT_BADFILE:
	case CURLE_SSL_ENGINE_NOTFOUND:
	case CURLE_SSL_ENGINE_SETFAILED:
	case CURLE_SSL_ENGINE_INITFAILED:
	case CURLE_SSL_SHUTDOWN_FAILED:
	case CURLE_SSL_CRL_BADFILE:
	case CURLE_SSL_ISSUER_ERROR:
	case CURLE_SSL_PINNEDPUBKEYNOTMATCH:
	case CURLE_SSL_INVALIDCERTSTATUS:
	case CURLE_USE_SSL_FAILED: return true;
	default: return false;
	}
}

/* Maps a failed transfer to a class and one translated sentence. */
static enum http_status classify(struct http_client *c, const struct http_xfer *x, const char *url,
				 CURLcode rc, const char *errbuf, char **msg)
{
	char *hp = url_hostport(url);
	char *detail = sanitize_str(*errbuf ? errbuf : curl_easy_strerror(rc));
	long oserr = 0;
	curl_off_t connect_us = 0;
	enum http_status st;

	curl_easy_getinfo(c->easy, CURLINFO_OS_ERRNO, &oserr);
	curl_easy_getinfo(c->easy, CURLINFO_CONNECT_TIME_T, &connect_us);
	if (x->headers_too_large) {
		st = HTTP_ERR_TOO_LARGE;
		*msg = xasprintf(
			_("the response headers from %s are larger than the limit of %zu bytes"),
			hp, HTTP_MAX_HEADER_BYTES);
	} else if (x->too_large) {
		st = HTTP_ERR_TOO_LARGE;
		*msg = xasprintf(_("the response from %s is larger than the limit of %zu bytes"),
				 hp, c->opts.max_response_bytes);
	} else if (rc == CURLE_OUT_OF_MEMORY) {
		st = HTTP_ERR_TOO_LARGE; /* not retried either: another try needs as much */
		*msg = xasprintf(_("out of memory while receiving the answer from %s"), hp);
	} else if (rc == CURLE_ABORTED_BY_CALLBACK) {
		st = HTTP_ERR_CANCELLED;
		*msg = xstrdup(_("request cancelled"));
	} else if (rc == CURLE_COULDNT_RESOLVE_HOST || rc == CURLE_COULDNT_RESOLVE_PROXY) {
		st = HTTP_ERR_CONNECT;
		*msg = xasprintf(_("could not resolve %s: %s"), hp, detail);
	} else if (rc == CURLE_COULDNT_CONNECT) {
		st = HTTP_ERR_CONNECT;
		*msg = xasprintf(_("could not connect to %s: %s"), hp,
				 oserr ? strerror((int)oserr) : detail);
	} else if (rc == CURLE_OPERATION_TIMEDOUT) {
		st = HTTP_ERR_TIMEOUT;
		if (connect_us == 0 && c->opts.connect_timeout_ms <= c->timeout_ms)
			*msg = xasprintf(_("could not connect to %s within %ld ms"), hp,
					 c->opts.connect_timeout_ms);
		else
			*msg = xasprintf(_("no complete answer from %s within %ld ms"), hp,
					 c->timeout_ms);
	} else if (is_tls_error(rc)) {
		st = HTTP_ERR_TLS;
		*msg = xasprintf(_("TLS error with %s: %s"), hp, detail);
	} else {
		st = HTTP_ERR_IO;
		*msg = xasprintf(_("the connection to %s failed: %s"), hp, detail);
	}
	free(hp);
	free(detail);
	return st;
}

enum http_status http_post(struct http_client *c, const char *url,
			   const struct http_header *headers, size_t nheaders, const char *body,
			   size_t body_len, atomic_bool *cancel, struct http_response *resp)
{
	return http_request(c, "POST", url, headers, nheaders, body, body_len, cancel, resp);
}

enum http_status http_request(struct http_client *c, const char *method, const char *url,
			      const struct http_header *headers, size_t nheaders, const char *body,
			      size_t body_len, atomic_bool *cancel, struct http_response *resp)
{
	struct http_xfer x = { .c = c, .cancel = cancel };

	clock_gettime(CLOCK_MONOTONIC, &x.last);
	char errbuf[CURL_ERROR_SIZE];
	bool cancelled;
	enum http_status st = HTTP_OK;

	memset(resp, 0, sizeof(*resp));
	if (cancel && atomic_load(cancel)) {
		resp->body = xstrdup("");
		resp->error = xstrdup(_("request cancelled"));
		return HTTP_ERR_CANCELLED;
	}
	struct curl_slist *hdrs = build_headers(headers, nheaders);
	setup_easy(c, &x, method, url, hdrs, body, body_len, errbuf);
	if (c->opts.debug)
		debug_request(method, url, headers, nheaders, body, body_len);

	struct timespec t0, t1;
	clock_gettime(CLOCK_MONOTONIC, &t0);
	CURLcode rc = run_transfer(c, cancel, &cancelled);
	clock_gettime(CLOCK_MONOTONIC, &t1);

	long nconn = 0;
	curl_easy_getinfo(c->easy, CURLINFO_NUM_CONNECTS, &nconn);
	c->connects += nconn;
	if (x.stalled) {
		char *hp = url_hostport(url);

		st = HTTP_ERR_TIMEOUT;
		resp->error = xasprintf(_("no data from %s for %ld ms (the read timeout)"), hp,
					c->opts.read_timeout_ms);
		free(hp);
	} else if (cancelled || (rc == CURLE_ABORTED_BY_CALLBACK && !x.too_large)) {
		st = HTTP_ERR_CANCELLED;
		resp->error = xstrdup(_("request cancelled"));
	} else if (rc != CURLE_OK) {
		st = classify(c, &x, url, rc, errbuf, &resp->error);
	}
	curl_easy_getinfo(c->easy, CURLINFO_RESPONSE_CODE, &resp->status);
	resp->body_len = x.body.len;
	resp->body = buf_steal(&x.body);
	resp->headers = x.headers;
	resp->nheaders = x.nheaders;
	curl_slist_free_all(hdrs);
	/* The handle must not keep pointers into this call's stack. */
	curl_easy_setopt(c->easy, CURLOPT_ERRORBUFFER, NULL);
	curl_easy_setopt(c->easy, CURLOPT_HTTPHEADER, NULL);
	curl_easy_setopt(c->easy, CURLOPT_CUSTOMREQUEST, NULL);
	if (c->opts.debug) {
		double secs =
			(double)(t1.tv_sec - t0.tv_sec) + (double)(t1.tv_nsec - t0.tv_nsec) / 1e9;
		if (st == HTTP_OK)
			debug_response(resp, secs);
		else
			fprintf(stderr, "sagescale: < %s (%.3f s)\n", resp->error, secs);
	}
	return st;
}

void http_response_free(struct http_response *r)
{
	if (!r)
		return;
	for (size_t i = 0; i < r->nheaders; i++) {
		free(r->headers[i].name);
		free(r->headers[i].value);
	}
	free(r->headers);
	free(r->body);
	free(r->error);
	memset(r, 0, sizeof(*r));
}

const char *http_response_header(const struct http_response *r, const char *lname)
{
	for (size_t i = 0; i < r->nheaders; i++)
		if (ascii_strcasecmp(r->headers[i].name, lname) == 0)
			return r->headers[i].value;
	return NULL;
}
