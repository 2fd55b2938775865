/* AWS JSON 1.1 calls: build and sign the request, send it over http.c, retry
 * (what and how long: retry.c), and classify the answer (json-c).  The
 * endpoint URL comes resolved from config.c and is taken apart by
 * endpoint.c. */
#include "config.h"
#include "aws/client.h"
#include "aws/endpoint.h"
#include "aws/loopback.h"
#include "aws/retry.h"
#include "aws/credstore.h"
#include "aws/sigv4.h"
#include "util/ascii.h"
#include "util/buf.h"
#include "util/i18n.h"
#include "util/sanitize.h"
#include "util/xalloc.h"

#include <arpa/inet.h>
#include <ctype.h>
#include <json-c/json.h>
#include <netinet/in.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <time.h>

#define AWS_DEFAULT_TIMEOUT_MS 60000L
#define AWS_DEADLINE_SLACK_MS 50
#define AWS_SLEEP_SLICE_MS 10
#define AWS_JSON_MAX_DEPTH 64

struct aws_client {
	struct aws_client_options opts;
	struct http_client *http;
};

/* ---- The answer's JSON (json-c) ---- */

/* Members of an error object we care about. */
struct js_error {
	char *type;    /* __type, else code / Code */
	char *message; /* message, else Message */
};

/* body as one JSON object, or NULL: anything else (an array, a number,
 * trailing bytes after the object, nesting deeper than the limit) is not
 * what the JSON 1.1 protocol sends. */
static json_object *parse_object(const char *body, size_t len)
{
	struct json_tokener *tok = json_tokener_new_ex(AWS_JSON_MAX_DEPTH);
	json_object *o;
	size_t end;

	if (!tok)
		return NULL;
	json_tokener_set_flags(tok, JSON_TOKENER_STRICT);
	o = len <= INT32_MAX ? json_tokener_parse_ex(tok, body, (int)len) : NULL;
	end = json_tokener_get_parse_end(tok);
	if (o && json_tokener_get_error(tok) == json_tokener_success) {
		while (end < len && strchr(" \t\r\n", body[end]))
			end++;
	}
	if (!o || end != len || !json_object_is_type(o, json_type_object)) {
		json_object_put(o);
		o = NULL;
	}
	json_tokener_free(tok);
	return o;
}

static char *member_string(json_object *o, const char *key)
{
	json_object *v;

	if (json_object_object_get_ex(o, key, &v) && json_object_is_type(v, json_type_string))
		return xstrndup(json_object_get_string(v), (size_t)json_object_get_string_len(v));
	return NULL;
}

/* True when body is one well-formed JSON object; fills *err when asked. */
static bool json_object_scan(const char *body, size_t len, struct js_error *err)
{
	json_object *o = parse_object(body, len);
	bool ok = o != NULL;

	if (o && err) {
		if (!(err->type = member_string(o, "__type")) &&
		    !(err->type = member_string(o, "code")))
			err->type = member_string(o, "Code");
		if (!(err->message = member_string(o, "message")))
			err->message = member_string(o, "Message");
	}
	json_object_put(o);
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
	while (start < raw + n && ascii_isspace((unsigned char)*start))
		start++;
	while (n > (size_t)(start - raw) && ascii_isspace((unsigned char)raw[n - 1]))
		n--;
	return xstrndup(start, n - (size_t)(start - raw));
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
		res->error_message =
			xasprintf(_("HTTP %ld %s"), hr->status, reason_phrase(hr->status));
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
	ho.read_timeout_ms = opts->read_timeout_ms;
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

/* One signed POST.  Returns the transport status; *hr is filled. */
static enum http_status send_once(struct aws_client *c, const struct aws_url *ep,
				  const char *service, const char *target, const char *ctype,
				  const char *body, atomic_bool *cancel, struct http_response *hr,
				  char **sign_err)
{
	const struct aws_config *cfg = c->opts.cfg;
	const struct aws_credentials *cr = &cfg->creds;
	struct aws_credentials current = { 0 };
	char *cred_err = NULL;
	char date[17];

	/* Every attempt signs with the current credentials: the store refreshes
	 * temporary ones before they expire and never hands out expired ones. */
	if (cfg->credstore) {
		if (aws_credstore_get(cfg->credstore, &current, &cred_err) < 0) {
			*sign_err = xasprintf(_("no valid credentials: %s"), cred_err);
			free(cred_err);
			memset(hr, 0, sizeof(*hr));
			return HTTP_OK;
		}
		cr = &current;
	}
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
		.method = "POST",
		.path = ep->path,
		.query = NULL,
		.headers = sh,
		.nheaders = nsigned,
		.body = body,
		.body_len = blen,
	};
	struct sigv4_credentials sc = {
		cr->access_key_id,
		cr->secret_access_key,
		nsigned == 5 ? cr->session_token : NULL,
	};
	struct sigv4_result sr;

	if (sigv4_sign(&req, &sc, cfg->region, service, date, &sr) != 0) {
		*sign_err = xstrdup(_("the request could not be signed (check the access key, "
				      "the secret key and the region)"));
		memset(hr, 0, sizeof(*hr));
		aws_credentials_free(&current);
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
	aws_credentials_free(&current);
	return st;
}

/* Turns one exchange (transport status st, answer hr) into res, replacing
 * what an earlier attempt left there; takes hr's body. */
static void classify_answer(enum http_status st, struct http_response *hr, struct aws_result *res)
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
	int svc = aws_service_from_name(service);

	return svc < 0 ? NULL : aws_config_endpoint(cfg, (enum aws_service)svc);
}

/* Checks what must hold before anything is sent; a message or NULL. */
static char *check_call(struct aws_client *c, const char *service, struct aws_url *ep)
{
	const struct aws_config *cfg = c->opts.cfg;

	if (!cfg)
		return xstrdup(_("no configuration to make the call with"));
	const char *url = service_endpoint(cfg, service);
	if (!url || !*url)
		return xasprintf(_("no endpoint for the service \"%s\""), service);
	const char *why = aws_url_parse(url, ep);
	if (why) {
		char *su = sanitize_str(url);
		char *m = xasprintf(_("invalid endpoint URL \"%s\": %s"), su, why);
		free(su);
		return m;
	}
	if (!ep->https && !c->opts.allow_http && !loopback_host(ep->host)) {
		char *sh = sanitize_str(ep->host);
		char *m = xasprintf(_("refusing to send a signed request over plain http:// to %s "
				      "(only loopback hosts may use http): use https://, or pass "
				      "--allow-http to accept the risk"),
				    sh);
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

int aws_call(struct aws_client *c, const char *service, const char *target, const char *json_body,
	     atomic_bool *cancel, struct aws_result *res)
{
	return aws_call_proto(c, service, target, AWS_JSON_1_1, json_body, cancel, res);
}

/* ---- the call: attempts, retries, one deadline ---- */

static long long mono_ms(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (long long)ts.tv_sec * 1000 + ts.tv_nsec / 1000000;
}

/* What one call keeps across its attempts. */
struct call {
	struct aws_client *c;
	const struct aws_url *ep;
	const char *service, *target, *ctype, *body;
	atomic_bool *cancel;
	int svc; /* enum aws_service, for the shared quota and limiter */
	enum aws_retry_mode mode;
	int max;
	long budget_ms;     /* the whole request's deadline (--timeout) */
	long long deadline; /* mono_ms() by which it ends */
	int quota_taken;    /* what the last retry took from the quota */
	bool expired;       /* the deadline ended the last attempt */
};

static long remaining_ms(const struct call *k)
{
	long long r = k->deadline - mono_ms();

	return r > 0 ? (long)r : 0;
}

/* The request ran out of its deadline: one message with the real figures. */
static void deadline_error(const struct call *k, struct aws_result *res)
{
	char *host = sanitize_str(k->ep->hostport);

	res->kind = AWS_ERR_NETWORK;
	res->net_status = HTTP_ERR_TIMEOUT;
	free(res->error_message);
	res->error_message = xasprintf(P_("no complete answer from %s within %ld ms (the whole "
					  "request, %d attempt)",
					  "no complete answer from %s within %ld ms (the whole "
					  "request, %d attempts)",
					  res->attempts),
				       host, k->budget_ms, res->attempts);
	free(host);
}

/* Adaptive mode: wait for the shared rate limiter's token.  False when the
 * call was cancelled or ran out of time meanwhile. */
static bool wait_for_token(struct call *k, struct aws_result *res)
{
	double wait;

	while (k->mode == AWS_RETRY_ADAPTIVE && (wait = aws_rate_limiter_acquire(k->svc)) > 0) {
		long ms = (long)(wait * 1000) + 1;

		if (ms >= remaining_ms(k)) {
			deadline_error(k, res);
			return false;
		}
		if (!sleep_interruptible(ms > 50 ? 50 : ms, k->cancel)) {
			aws_result_set_error(res, AWS_ERR_CANCELLED,
					     xstrdup(_("request cancelled")));
			return false;
		}
	}
	return true;
}

/* One attempt: signed, sent with what is left of the deadline, classified.
 * False when nothing more can be done (signing failed). */
static bool attempt(struct call *k, struct aws_result *res, enum http_status *st)
{
	struct http_response hr;
	char *sign_err = NULL;

	res->attempts++;
	if (k->c->opts.debug)
		fprintf(stderr, "sagescale: %s (attempt %d of %d)\n", k->target, res->attempts,
			k->max);
	http_client_set_timeout(k->c->http, remaining_ms(k));
	*st = send_once(k->c, k->ep, k->service, k->target, k->ctype, k->body, k->cancel, &hr,
			&sign_err);
	if (sign_err) {
		aws_result_set_error(res, AWS_ERR_CONFIG, sign_err);
		return false;
	}
	classify_answer(*st, &hr, res);
	http_response_free(&hr);
	if (k->mode == AWS_RETRY_ADAPTIVE && res->kind != AWS_ERR_CANCELLED)
		aws_rate_limiter_update(k->svc, res->kind == AWS_ERR_SERVICE &&
							(aws_is_throttling_code(res->error_code)));
	/* A transfer cut by the deadline says so with the whole figure (curl
	 * may give up a few milliseconds early), and nothing follows it. */
	if (*st == HTTP_ERR_TIMEOUT && remaining_ms(k) < AWS_DEADLINE_SLACK_MS) {
		deadline_error(k, res);
		k->expired = true;
	}
	return true;
}

/* Whether to try again, and after how long (*delay); takes the quota. */
static bool may_retry(struct call *k, struct aws_result *res, enum http_status st, long *delay)
{
	if (k->expired || res->attempts >= k->max || !aws_retry_should_mode(k->mode, res, st))
		return false;
	if (k->mode != AWS_RETRY_LEGACY) {
		int got = aws_retry_quota_acquire(k->svc, st == HTTP_ERR_TIMEOUT);

		if (!got) {
			if (k->c->opts.debug)
				fprintf(stderr, "%s",
					_("sagescale: the retry quota is used up: "
					  "no retry\n"));
			return false;
		}
		k->quota_taken = got;
	}
	*delay = aws_retry_delay_ms(k->mode, res->attempts - 1,
				    k->c->opts.jitter ? k->c->opts.jitter()
						      : aws_retry_random_unit());
	if (k->c->opts.no_backoff_sleep)
		*delay = 0;
	if (*delay >= remaining_ms(k)) {
		deadline_error(k, res);
		return false;
	}
	if (k->c->opts.debug) {
		char *why = sanitize_str(res->error_code ? res->error_code : res->error_message);

		fprintf(stderr, "sagescale: %s\n", why);
		fprintf(stderr, _("sagescale: retrying in %ld ms\n"), *delay);
		free(why);
	}
	return true;
}

static void run_call(struct call *k, struct aws_result *res)
{
	enum http_status st;
	long delay;

	for (;;) {
		if (!wait_for_token(k, res) || !attempt(k, res, &st))
			return;
		if (res->kind == AWS_OK) {
			/* A call that worked pays the quota back. */
			if (k->mode != AWS_RETRY_LEGACY)
				aws_retry_quota_release(
					k->svc, k->quota_taken ? k->quota_taken
							       : AWS_RETRY_NO_RETRY_INCREMENT);
			return;
		}
		if (res->kind == AWS_ERR_CANCELLED || !may_retry(k, res, st, &delay))
			return;
		if (!sleep_interruptible(delay, k->cancel) ||
		    (k->cancel && atomic_load(k->cancel))) {
			aws_result_set_error(res, AWS_ERR_CANCELLED,
					     xstrdup(_("request cancelled")));
			return;
		}
	}
}

int aws_call_proto(struct aws_client *c, const char *service, const char *target,
		   const char *content_type, const char *json_body, atomic_bool *cancel,
		   struct aws_result *res)
{
	struct aws_url ep = { 0 };
	char *err;

	memset(res, 0, sizeof(*res));
	if ((err = check_call(c, service, &ep))) {
		aws_url_free(&ep);
		aws_result_set_error(res, AWS_ERR_CONFIG, err);
		return res->kind;
	}
	struct call k = {
		.c = c,
		.ep = &ep,
		.service = service,
		.target = target,
		.ctype = content_type,
		.body = json_body ? json_body : "{}",
		.cancel = cancel,
		.svc = aws_service_from_name(service),
		.mode = aws_retry_mode_parse(c->opts.cfg->retry_mode),
		.budget_ms = c->opts.timeout_ms > 0 ? c->opts.timeout_ms : AWS_DEFAULT_TIMEOUT_MS,
	};

	k.max = c->opts.cfg->max_attempts > 0 ? c->opts.cfg->max_attempts
					      : aws_retry_default_attempts(k.mode);
	k.deadline = mono_ms() + k.budget_ms;
	run_call(&k, res);
	aws_url_free(&ep);
	return res->kind;
}
