/* AWS JSON 1.1 calls: build and sign the request, send it over http.c, retry
 * the way the SDKs' "standard" mode does, and classify the answer. */
#include "config.h"
#include "aws/client.h"
#include "aws/sigv4.h"
#include "util/buf.h"
#include "util/i18n.h"
#include "util/sanitize.h"
#include "util/xalloc.h"

#include <arpa/inet.h>
#include <ctype.h>
#include <netinet/in.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <sys/random.h>
#include <time.h>

#define AWS_BACKOFF_BASE_MS 100L
#define AWS_BACKOFF_CAP_MS 20000L
#define AWS_DEFAULT_ATTEMPTS 3
#define AWS_SLEEP_SLICE_MS 10
#define AWS_JSON_MAX_DEPTH 64

struct aws_client {
	struct aws_client_options opts;
	struct http_client *http;
};

/* An endpoint URL taken apart. */
struct endpoint {
	bool https;
	char *host;		/* as written, IPv6 with its brackets */
	char *hostport;		/* the Host header: host, plus ":port" when not the default */
	char *path;		/* "/" at least */
	char *url;		/* what is sent: scheme://authority/path */
};

static void endpoint_free(struct endpoint *e)
{
	free(e->host);
	free(e->hostport);
	free(e->path);
	free(e->url);
	memset(e, 0, sizeof(*e));
}

/* Parses scheme://host[:port][/path].  Userinfo, queries and fragments have
 * no business in an API endpoint and are refused.  On error returns a reason. */
static const char *endpoint_parse(const char *url, struct endpoint *e)
{
	const char *p, *auth, *auth_end, *host_end;

	memset(e, 0, sizeof(*e));
	for (p = url; *p; p++)
		if ((unsigned char)*p <= ' ' || (unsigned char)*p >= 0x7f)
			return _("it contains spaces, control or non-ASCII characters");
	if (strncasecmp(url, "https://", 8) == 0) {
		e->https = true;
		auth = url + 8;
	} else if (strncasecmp(url, "http://", 7) == 0) {
		auth = url + 7;
	} else {
		return _("it must start with https:// or http://");
	}
	auth_end = auth + strcspn(auth, "/?#");
	if (*auth_end == '?' || *auth_end == '#' || strpbrk(auth_end, "?#"))
		return _("it must not contain a query or a fragment");
	if (memchr(auth, '@', (size_t)(auth_end - auth)))
		return _("it must not contain a user name or password");
	if (*auth == '[') {
		host_end = memchr(auth, ']', (size_t)(auth_end - auth));
		if (!host_end || host_end == auth + 1)
			return _("its IPv6 address is not closed by ']'");
		host_end++;
	} else {
		host_end = memchr(auth, ':', (size_t)(auth_end - auth));
		if (!host_end)
			host_end = auth_end;
	}
	if (host_end == auth)
		return _("it has no host name");
	const char *port = NULL;
	if (host_end < auth_end) {
		if (*host_end != ':')
			return _("it has characters after the host name");
		port = host_end + 1;
		if (port == auth_end)
			port = NULL;	/* "host:" means the default port */
		else {
			long v = 0;
			for (const char *q = port; q < auth_end; q++) {
				if (!isdigit((unsigned char)*q) || v > 65535)
					return _("its port is not a number from 1 to 65535");
				v = v * 10 + (*q - '0');
			}
			if (v < 1 || v > 65535)
				return _("its port is not a number from 1 to 65535");
			if (v == (e->https ? 443 : 80))
				port = NULL;
		}
	}
	e->host = xstrndup(auth, (size_t)(host_end - auth));
	e->hostport = port ? xasprintf("%s:%.*s", e->host, (int)(auth_end - port), port)
			   : xstrdup(e->host);
	e->path = xstrdup(*auth_end ? auth_end : "/");
	e->url = xasprintf("%s://%s%s", e->https ? "https" : "http", e->hostport, e->path);
	return NULL;
}

static bool host_is_loopback(const char *host)
{
	unsigned char a[16];

	if (strcasecmp(host, "localhost") == 0)
		return true;
	if (inet_pton(AF_INET, host, a) == 1)
		return a[0] == 127;
	if (host[0] == '[') {
		char *inner = xstrndup(host + 1, strlen(host) - 2);
		int ok = inet_pton(AF_INET6, inner, a);
		free(inner);
		if (ok != 1)
			return false;
		static const unsigned char mapped[12] = { 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0xff, 0xff };
		return memcmp(a, &in6addr_loopback, 16) == 0 ||
		       (memcmp(a, mapped, 12) == 0 && a[12] == 127);
	}
	return false;
}

/* ---- A small JSON reader: just enough to take string members out of an
 * error object without pulling json-c into this layer. ---- */

struct jscan {
	const char *p, *end;
};

static void js_ws(struct jscan *s)
{
	while (s->p < s->end && (*s->p == ' ' || *s->p == '\t' || *s->p == '\n' || *s->p == '\r'))
		s->p++;
}

static int js_hex4(const char *p)
{
	int v = 0;

	for (int i = 0; i < 4; i++) {
		int c = p[i], d;
		if (c >= '0' && c <= '9')
			d = c - '0';
		else if (c >= 'a' && c <= 'f')
			d = c - 'a' + 10;
		else if (c >= 'A' && c <= 'F')
			d = c - 'A' + 10;
		else
			return -1;
		v = v * 16 + d;
	}
	return v;
}

static void js_put_utf8(struct buf *b, uint32_t cp)
{
	char u[4];

	if (cp < 0x80) {
		buf_putc(b, (char)cp);
	} else if (cp < 0x800) {
		u[0] = (char)(0xc0 | (cp >> 6));
		u[1] = (char)(0x80 | (cp & 0x3f));
		buf_append(b, u, 2);
	} else if (cp < 0x10000) {
		u[0] = (char)(0xe0 | (cp >> 12));
		u[1] = (char)(0x80 | ((cp >> 6) & 0x3f));
		u[2] = (char)(0x80 | (cp & 0x3f));
		buf_append(b, u, 3);
	} else {
		u[0] = (char)(0xf0 | (cp >> 18));
		u[1] = (char)(0x80 | ((cp >> 12) & 0x3f));
		u[2] = (char)(0x80 | ((cp >> 6) & 0x3f));
		u[3] = (char)(0x80 | (cp & 0x3f));
		buf_append(b, u, 4);
	}
}

/* A string at s->p (on its opening quote), decoded into out when non-NULL. */
static bool js_string(struct jscan *s, struct buf *out)
{
	if (s->p >= s->end || *s->p != '"')
		return false;
	s->p++;
	while (s->p < s->end) {
		unsigned char c = (unsigned char)*s->p++;
		if (c == '"')
			return true;
		if (c < 0x20)
			return false;
		if (c != '\\') {
			if (out)
				buf_putc(out, (char)c);
			continue;
		}
		if (s->p >= s->end)
			return false;
		char e = *s->p++, lit;
		switch (e) {
		case '"': lit = '"'; break;
		case '\\': lit = '\\'; break;
		case '/': lit = '/'; break;
		case 'b': lit = '\b'; break;
		case 'f': lit = '\f'; break;
		case 'n': lit = '\n'; break;
		case 'r': lit = '\r'; break;
		case 't': lit = '\t'; break;
		case 'u': {
			if (s->end - s->p < 4)
				return false;
			int v = js_hex4(s->p);
			if (v < 0)
				return false;
			s->p += 4;
			uint32_t cp = (uint32_t)v;
			if (cp >= 0xd800 && cp <= 0xdbff && s->end - s->p >= 6 &&
			    s->p[0] == '\\' && s->p[1] == 'u') {
				int lo = js_hex4(s->p + 2);
				if (lo >= 0xdc00 && lo <= 0xdfff) {
					cp = 0x10000 + ((cp - 0xd800) << 10) + ((uint32_t)lo - 0xdc00);
					s->p += 6;
				}
			}
			if (cp >= 0xd800 && cp <= 0xdfff)
				cp = 0xfffd;	/* a lone surrogate */
			if (out)
				js_put_utf8(out, cp);
			continue;
		}
		default:
			return false;
		}
		if (out)
			buf_putc(out, lit);
	}
	return false;
}

static bool js_value(struct jscan *s, int depth);

static bool js_container(struct jscan *s, int depth, char close, bool keyed)
{
	s->p++;
	js_ws(s);
	if (s->p < s->end && *s->p == close) {
		s->p++;
		return true;
	}
	for (;;) {
		if (keyed) {
			if (!js_string(s, NULL))
				return false;
			js_ws(s);
			if (s->p >= s->end || *s->p++ != ':')
				return false;
		}
		if (!js_value(s, depth + 1))
			return false;
		js_ws(s);
		if (s->p >= s->end)
			return false;
		char c = *s->p++;
		if (c == close)
			return true;
		if (c != ',')
			return false;
		js_ws(s);
	}
}

static bool js_value(struct jscan *s, int depth)
{
	js_ws(s);
	if (s->p >= s->end || depth > AWS_JSON_MAX_DEPTH)
		return false;
	char c = *s->p;
	if (c == '"')
		return js_string(s, NULL);
	if (c == '{')
		return js_container(s, depth, '}', true);
	if (c == '[')
		return js_container(s, depth, ']', false);
	static const char *const lits[] = { "true", "false", "null" };
	for (size_t i = 0; i < 3; i++) {
		size_t n = strlen(lits[i]);
		if ((size_t)(s->end - s->p) >= n && memcmp(s->p, lits[i], n) == 0) {
			s->p += n;
			return true;
		}
	}
	const char *start = s->p;
	while (s->p < s->end && strchr("+-0123456789.eE", *s->p))
		s->p++;
	return s->p > start;
}

/* Members of an error object we care about. */
struct js_error {
	char *type;		/* __type, else code / Code */
	char *message;		/* message, else Message */
};

/* True when body is one well-formed JSON object; fills *err when asked. */
static bool json_object_scan(const char *body, size_t len, struct js_error *err)
{
	struct jscan s = { body, body + len };
	char *code = NULL;

	js_ws(&s);
	if (s.p >= s.end || *s.p != '{')
		return false;
	s.p++;
	js_ws(&s);
	bool ok = true;
	if (s.p < s.end && *s.p == '}') {
		s.p++;
	} else {
		for (;;) {
			struct buf key = BUF_INIT;
			if (!js_string(&s, &key)) {
				buf_free(&key);
				ok = false;
				break;
			}
			js_ws(&s);
			if (s.p >= s.end || *s.p++ != ':') {
				buf_free(&key);
				ok = false;
				break;
			}
			js_ws(&s);
			const char *k = buf_str(&key);
			char **slot = NULL;
			if (err && strcmp(k, "__type") == 0)
				slot = &err->type;
			else if (err && (strcmp(k, "code") == 0 || strcmp(k, "Code") == 0))
				slot = &code;
			else if (err && (strcmp(k, "message") == 0 || strcmp(k, "Message") == 0))
				slot = &err->message;
			if (slot && !*slot && s.p < s.end && *s.p == '"') {
				struct buf v = BUF_INIT;
				ok = js_string(&s, &v);
				*slot = buf_steal(&v);
			} else {
				ok = js_value(&s, 1);
			}
			buf_free(&key);
			if (!ok)
				break;
			js_ws(&s);
			if (s.p >= s.end) {
				ok = false;
				break;
			}
			char c = *s.p++;
			if (c == '}')
				break;
			if (c != ',') {
				ok = false;
				break;
			}
			js_ws(&s);
		}
	}
	if (ok) {
		js_ws(&s);
		ok = s.p == s.end;
	}
	if (err && !err->type)
		err->type = code;
	else
		free(code);
	return ok;
}

/* ---- Error codes ---- */

char *aws_clean_error_code(const char *raw)
{
	if (!raw)
		return NULL;
	size_t n = strcspn(raw, ":");
	const char *start = raw;
	for (size_t i = 0; i < n; i++)
		if (raw[i] == '#')
			start = raw + i + 1;
	while (start < raw + n && isspace((unsigned char)*start))
		start++;
	while (n > (size_t)(start - raw) && isspace((unsigned char)raw[n - 1]))
		n--;
	return xstrndup(start, n - (size_t)(start - raw));
}

static bool in_list(const char *code, const char *const *list)
{
	for (; *list; list++)
		if (strcmp(code, *list) == 0)
			return true;
	return false;
}

static bool has_prefix(const char *s, const char *prefix)
{
	return strncmp(s, prefix, strlen(prefix)) == 0;
}

bool aws_is_throttling_code(const char *code)
{
	static const char *const throttling[] = {
		"ThrottlingException", "Throttling", "ThrottledException",
		"RequestThrottledException", "TooManyRequestsException",
		"ProvisionedThroughputExceededException", "TransactionInProgressException",
		"RequestLimitExceeded", "BandwidthLimitExceeded", "LimitExceededException",
		"RequestThrottled", "SlowDown", "PriorRequestNotComplete",
		"EC2ThrottledException", NULL,
	};

	return code && in_list(code, throttling);
}

static bool is_transient_code(const char *code)
{
	static const char *const transient[] = {
		"RequestTimeout", "RequestTimeoutException", "PriorRequestNotComplete",
		"InternalError", "InternalFailure", "ServiceUnavailable", NULL,
	};

	return code && in_list(code, transient);
}

/* Errors a retry cannot fix, whatever the status says. */
static bool is_final_code(const char *code)
{
	static const char *const final[] = {
		"ValidationException", "ValidationError", "SerializationException",
		"UnrecognizedClientException", "InvalidSignatureException",
		"SignatureDoesNotMatch", "IncompleteSignature", "InvalidClientTokenId",
		"RequestExpired", "UnknownOperationException", "InvalidAction", NULL,
	};

	return code && (in_list(code, final) || has_prefix(code, "AccessDenied") ||
			has_prefix(code, "ExpiredToken") ||
			has_prefix(code, "MissingAuthenticationToken") ||
			has_prefix(code, "ResourceNotFound"));
}

static bool should_retry(const struct aws_result *r, enum http_status hs)
{
	if (r->kind == AWS_ERR_NETWORK)
		return hs == HTTP_ERR_CONNECT || hs == HTTP_ERR_TIMEOUT || hs == HTTP_ERR_IO;
	if (r->kind != AWS_ERR_SERVICE)
		return false;
	const char *code = r->error_code;
	if (aws_is_throttling_code(code) || is_transient_code(code))
		return true;
	if (is_final_code(code))
		return false;
	switch (r->http_status) {
	case 500: case 502: case 503: case 504:
		return true;
	case 429:
		return !code;
	default:
		return false;
	}
}

static const char *reason_phrase(long status)
{
	switch (status) {
	case 400: return "Bad Request";
	case 401: return "Unauthorized";
	case 403: return "Forbidden";
	case 404: return "Not Found";
	case 405: return "Method Not Allowed";
	case 408: return "Request Timeout";
	case 413: return "Payload Too Large";
	case 429: return "Too Many Requests";
	case 500: return "Internal Server Error";
	case 502: return "Bad Gateway";
	case 503: return "Service Unavailable";
	case 504: return "Gateway Timeout";
	default: return "";
	}
}

/* A short, sanitised excerpt of a body that is not what we expected. */
static char *body_excerpt(const char *body, size_t len)
{
	size_t n = len > 120 ? 120 : len;
	char *s = sanitize_text(body, n);

	if (n < len) {
		char *t = xasprintf("%s...", s);
		free(s);
		s = t;
	}
	return s;
}

/* Fills res from an answer with a status outside 2xx. */
static void parse_service_error(const struct http_response *hr, struct aws_result *res)
{
	struct js_error je = { 0 };
	bool is_json = json_object_scan(hr->body, hr->body_len, &je);
	const char *hdr = http_response_header(hr, "x-amzn-errortype");
	char *raw = hdr && *hdr ? xstrdup(hdr) : je.type;

	if (raw != je.type)
		free(je.type);
	res->kind = AWS_ERR_SERVICE;
	if (raw) {
		char *clean = aws_clean_error_code(raw);
		res->error_code = sanitize_str(clean);
		free(clean);
		free(raw);
		if (!*res->error_code) {
			free(res->error_code);
			res->error_code = NULL;
		}
	}
	if (je.message) {
		res->error_message = sanitize_str(je.message);
		free(je.message);
	} else if (!is_json && hr->body_len) {
		char *ex = body_excerpt(hr->body, hr->body_len);
		res->error_message = xasprintf(_("HTTP %ld %s (the body is not JSON: \"%s\")"),
					       hr->status, reason_phrase(hr->status), ex);
		free(ex);
	} else {
		res->error_message = xasprintf(_("HTTP %ld %s"), hr->status,
					       reason_phrase(hr->status));
	}
}

/* ---- Client ---- */

struct aws_client *aws_client_new(const struct aws_client_options *opts)
{
	struct aws_client *c = xcalloc(1, sizeof(*c));
	struct http_options ho = { 0 };

	c->opts = *opts;
	ho.connect_timeout_ms = opts->connect_timeout_ms;
	ho.timeout_ms = opts->timeout_ms;
	ho.ca_bundle = opts->cfg ? opts->cfg->ca_bundle : NULL;
	ho.debug = opts->debug;
	c->http = http_client_new(&ho);
	return c;
}

void aws_client_free(struct aws_client *c)
{
	if (!c)
		return;
	http_client_free(c->http);
	free(c);
}

void aws_result_free(struct aws_result *res)
{
	if (!res)
		return;
	free(res->body);
	free(res->request_id);
	free(res->error_code);
	free(res->error_message);
	memset(res, 0, sizeof(*res));
}

static double random_unit(void)
{
	uint32_t r;

	if (getrandom(&r, sizeof(r), GRND_NONBLOCK) != (ssize_t)sizeof(r))
		r = (uint32_t)rand();
	return (double)r / 4294967296.0;
}

/* Full jitter: a uniform delay in [0, min(cap, base * 2^retry)). */
static long backoff_ms(const struct aws_client *c, int retry)
{
	long ceiling = AWS_BACKOFF_BASE_MS;

	for (int i = 0; i < retry && ceiling < AWS_BACKOFF_CAP_MS; i++)
		ceiling *= 2;
	if (ceiling > AWS_BACKOFF_CAP_MS)
		ceiling = AWS_BACKOFF_CAP_MS;
	double j = c->opts.jitter ? c->opts.jitter() : random_unit();
	if (j < 0)
		j = 0;
	if (j > 1)
		j = 1;
	return (long)(j * (double)ceiling);
}

/* Sleeps ms in small slices; false when *cancel was set meanwhile. */
static bool sleep_interruptible(long ms, atomic_bool *cancel)
{
	while (ms > 0) {
		if (cancel && atomic_load(cancel))
			return false;
		long step = ms > AWS_SLEEP_SLICE_MS ? AWS_SLEEP_SLICE_MS : ms;
		struct timespec ts = { 0, step * 1000000L };
		nanosleep(&ts, NULL);
		ms -= step;
	}
	return !(cancel && atomic_load(cancel));
}

static void set_error(struct aws_result *res, enum aws_result_kind kind, char *msg)
{
	res->kind = kind;
	free(res->error_message);
	res->error_message = msg;
}

/* One signed POST.  Returns the transport status; *hr is filled. */
static enum http_status send_once(struct aws_client *c, const struct endpoint *ep,
				  const char *service, const char *target, const char *ctype,
				  const char *body, atomic_bool *cancel,
				  struct http_response *hr, char **sign_err)
{
	const struct aws_config *cfg = c->opts.cfg;
	const struct aws_credentials *cr = &cfg->creds;
	char date[17];
	long long now = c->opts.fixed_time ? c->opts.fixed_time : (long long)time(NULL);
	size_t blen = strlen(body);

	sigv4_format_date(now, date);
	struct sigv4_header sh[5] = {
		{ "Host", ep->hostport },
		{ "X-Amz-Date", date },
		{ "X-Amz-Target", target },
		{ "Content-Type", ctype },
		{ "X-Amz-Security-Token", cr->session_token },
	};
	size_t nsigned = cr->session_token && *cr->session_token ? 5 : 4;
	struct sigv4_request req = {
		.method = "POST", .path = ep->path, .query = NULL,
		.headers = sh, .nheaders = nsigned, .body = body, .body_len = blen,
	};
	struct sigv4_credentials sc = {
		cr->access_key_id, cr->secret_access_key,
		nsigned == 5 ? cr->session_token : NULL,
	};
	struct sigv4_result sr;

	if (sigv4_sign(&req, &sc, cfg->region, service, date, &sr) != 0) {
		*sign_err = xstrdup(_("the request could not be signed (check the access key, "
				      "the secret key and the region)"));
		memset(hr, 0, sizeof(*hr));
		return HTTP_OK;
	}
	struct http_header h[7];
	size_t n = 0;
	for (size_t i = 0; i < nsigned; i++)
		h[n++] = (struct http_header){ (char *)sh[i].name, (char *)sh[i].value };
	h[n++] = (struct http_header){ "Authorization", sr.authorization };
	h[n++] = (struct http_header){ "User-Agent", "sagescale/" PACKAGE_VERSION };
	/* http.c logs headers and bodies (redacted, sanitised) when debug is on. */
	enum http_status st = http_post(c->http, ep->url, h, n, body, blen, cancel, hr);
	sigv4_result_free(&sr);
	return st;
}

/* Turns one exchange (transport status st, answer hr) into res, replacing
 * what an earlier attempt left there; takes hr's body. */
static void classify_answer(enum http_status st, struct http_response *hr,
			    struct aws_result *res)
{
	free(res->body);
	free(res->request_id);
	free(res->error_code);
	free(res->error_message);
	res->body = NULL;
	res->body_len = 0;
	res->request_id = NULL;
	res->error_code = NULL;
	res->error_message = NULL;
	res->http_status = hr->status;
	res->net_status = st;
	if (st != HTTP_OK) {
		res->kind = st == HTTP_ERR_CANCELLED ? AWS_ERR_CANCELLED : AWS_ERR_NETWORK;
		res->error_message = xstrdup(hr->error ? hr->error : _("network error"));
		return;
	}
	const char *rid = http_response_header(hr, "x-amzn-requestid");
	if (rid && *rid)
		res->request_id = sanitize_str(rid);
	if (hr->status >= 200 && hr->status < 300) {
		if (hr->body_len && !json_object_scan(hr->body, hr->body_len, NULL)) {
			char *ex = body_excerpt(hr->body, hr->body_len);
			res->kind = AWS_ERR_RESPONSE;
			res->error_message = xasprintf(
				_("the service answered HTTP %ld with a body that is not a JSON object: \"%s\""),
				hr->status, ex);
			free(ex);
		} else {
			res->kind = AWS_OK;
		}
	} else {
		parse_service_error(hr, res);
	}
	/* The body is kept either way: the raw answer, for --debug and errors. */
	res->body = hr->body;
	res->body_len = hr->body_len;
	hr->body = NULL;
}

static const char *service_endpoint(const struct aws_config *cfg, const char *service)
{
	if (strcmp(service, "sagemaker") == 0)
		return cfg->endpoint_sagemaker;
	if (strcmp(service, "application-autoscaling") == 0)
		return cfg->endpoint_autoscaling;
	if (strcmp(service, "monitoring") == 0)
		return cfg->endpoint_monitoring;
	return NULL;
}

/* Checks what must hold before anything is sent; a message or NULL. */
static char *check_call(struct aws_client *c, const char *service, struct endpoint *ep)
{
	const struct aws_config *cfg = c->opts.cfg;

	if (!cfg)
		return xstrdup(_("no configuration to make the call with"));
	const char *url = service_endpoint(cfg, service);
	if (!url || !*url)
		return xasprintf(_("no endpoint for the service \"%s\""), service);
	const char *why = endpoint_parse(url, ep);
	if (why) {
		char *su = sanitize_str(url);
		char *m = xasprintf(_("invalid endpoint URL \"%s\": %s"), su, why);
		free(su);
		return m;
	}
	if (!ep->https && !c->opts.allow_http && !host_is_loopback(ep->host)) {
		char *sh = sanitize_str(ep->host);
		char *m = xasprintf(_("refusing to send a signed request over plain http:// to %s "
				      "(only loopback hosts may use http): use https://, or pass "
				      "--allow-http to accept the risk"), sh);
		free(sh);
		return m;
	}
	if (!cfg->creds.access_key_id || !*cfg->creds.access_key_id ||
	    !cfg->creds.secret_access_key || !*cfg->creds.secret_access_key)
		return xstrdup(_("no AWS credentials: set AWS_ACCESS_KEY_ID and "
				 "AWS_SECRET_ACCESS_KEY, or use --profile"));
	if (!cfg->region || !*cfg->region)
		return xstrdup(_("no AWS region: set AWS_REGION or use --region"));
	return NULL;
}

int aws_call(struct aws_client *c, const char *service, const char *target,
	     const char *json_body, atomic_bool *cancel, struct aws_result *res)
{
	return aws_call_proto(c, service, target, AWS_JSON_1_1, json_body, cancel, res);
}

int aws_call_proto(struct aws_client *c, const char *service, const char *target,
		   const char *content_type, const char *json_body, atomic_bool *cancel,
		   struct aws_result *res)
{
	struct endpoint ep = { 0 };
	char *err;

	memset(res, 0, sizeof(*res));
	if ((err = check_call(c, service, &ep))) {
		endpoint_free(&ep);
		set_error(res, AWS_ERR_CONFIG, err);
		return res->kind;
	}
	int max = c->opts.cfg->max_attempts > 0 ? c->opts.cfg->max_attempts : AWS_DEFAULT_ATTEMPTS;
	for (;;) {
		struct http_response hr;
		char *sign_err = NULL;

		res->attempts++;
		if (c->opts.debug)
			fprintf(stderr, "sagescale: %s (attempt %d of %d)\n", target, res->attempts, max);
		enum http_status st = send_once(c, &ep, service, target, content_type,
						json_body ? json_body : "{}", cancel, &hr, &sign_err);
		if (sign_err) {
			set_error(res, AWS_ERR_CONFIG, sign_err);
			break;
		}
		classify_answer(st, &hr, res);
		http_response_free(&hr);
		if (res->kind == AWS_OK || res->attempts >= max || !should_retry(res, st))
			break;
		long delay = backoff_ms(c, res->attempts - 1);
		if (c->opts.debug) {
			char *why = sanitize_str(res->error_code ? res->error_code : res->error_message);
			fprintf(stderr, "sagescale: %s\n", why);
			fprintf(stderr, _("sagescale: retrying in %ld ms\n"), delay);
			free(why);
		}
		if (!c->opts.no_backoff_sleep && !sleep_interruptible(delay, cancel)) {
			set_error(res, AWS_ERR_CANCELLED, xstrdup(_("request cancelled")));
			break;
		}
		if (cancel && atomic_load(cancel)) {
			set_error(res, AWS_ERR_CANCELLED, xstrdup(_("request cancelled")));
			break;
		}
	}
	endpoint_free(&ep);
	return res->kind;
}

const char *aws_error_hint(const struct aws_result *res)
{
	if (res && res->kind == AWS_ERR_NETWORK) {
		switch (res->net_status) {
		case HTTP_ERR_TLS:
			return _("the server's certificate could not be verified: for a private "
				 "CA, pass --ca-bundle FILE or set AWS_CA_BUNDLE");
		case HTTP_ERR_CONNECT:
			return _("check the endpoint URL, the network and any proxy settings "
				 "(HTTPS_PROXY, NO_PROXY)");
		case HTTP_ERR_TIMEOUT:
			return _("the service did not answer in time: check the network and any "
				 "proxy, then try again");
		default:
			return NULL;
		}
	}
	if (!res || res->kind != AWS_ERR_SERVICE)
		return NULL;
	const char *code = res->error_code ? res->error_code : "";
	const char *msg = res->error_message ? res->error_message : "";

	if (strstr(msg, "Signature expired") || strstr(msg, "not yet current") ||
	    strcmp(code, "RequestExpired") == 0)
		return _("the clock of this computer looks wrong: set it right (for example "
			 "with NTP) and try again");
	if (has_prefix(code, "ExpiredToken"))
		return _("the session token has expired: get fresh credentials and try again");
	if (has_prefix(code, "ResourceNotFound"))
		return _("check the job name, the recommendation id or the endpoint name, "
			 "and the region");
	if (aws_is_throttling_code(code) || (!*code && res->http_status == 429))
		return _("the service is throttling requests: wait a little and try again "
			 "(AWS_MAX_ATTEMPTS allows more retries)");
	if (has_prefix(code, "AccessDenied"))
		return _("these credentials are not allowed to make this call: check the "
			 "IAM policy of the user or role");
	if (strcmp(code, "InvalidSignatureException") == 0 ||
	    strcmp(code, "SignatureDoesNotMatch") == 0 || strcmp(code, "IncompleteSignature") == 0)
		return _("the signature was refused: check the secret key and the clock");
	if (strcmp(code, "UnrecognizedClientException") == 0 ||
	    strcmp(code, "InvalidClientTokenId") == 0)
		return _("the access key id is not known: check the credentials, and that "
			 "the region is in the same partition");
	if (has_prefix(code, "MissingAuthenticationToken"))
		return _("the request reached the service unsigned: check the endpoint URL");
	return NULL;
}
