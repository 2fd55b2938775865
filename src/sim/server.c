/* The simulator's HTTP server (libmicrohttpd, one thread per connection so
 * that a slow client never holds up another): body collection with a 1 MiB
 * cap, faults, SigV4, routing, and AWS-shaped answers. */
#include "config.h"
#include "sim/sim.h"
#include "sim/guard.h"
#include "sim/auth.h"
#include "sim/fixtures.h"
#include "sim/ops.h"
#include "sim/reply.h"
#include "sim/sts.h"
#include "aws/sigv4.h"
#include "util/ascii.h"
#include "util/buf.h"
#include "util/i18n.h"
#include "util/sanitize.h"
#include "util/xalloc.h"

#include <arpa/inet.h>
#include <errno.h>
#include <microhttpd.h>
#include <netinet/in.h>
#include <openssl/crypto.h>
#include <pthread.h>
#include <signal.h>
#include <stdatomic.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/socket.h>
#include <time.h>
#include <unistd.h>

#define BODY_LIMIT (1024 * 1024)
/* Past this much we stop draining and answer at once (closing). */
#define DRAIN_LIMIT (64 * 1024 * 1024)
#define OVERSIZED_BYTES (16 * 1024 * 1024)

struct sim {
	struct MHD_Daemon *d;
	struct sim_fixtures *fx;
	struct sim_aas *aas;
	struct sim_sts *sts; /* STS and the temporary keys it issued */
	char *access_key, *secret_key, *region, *url;
	char *cert_pem, *key_pem;
	atomic_int drop, throttle, err500, err503, truncate, non_json, oversized;
	int latency_ms;
	/* --rate-limit: a token bucket of rate_limit tokens a second holding
	 * at most one second's worth, as a service's request rate limit. */
	int rate_limit;
	double tokens, refilled;
	pthread_mutex_t rate_lock;
	long clock_skew;
	int port;
	int log;
	/* Open connections: the slow ones are cut (guard.h), and sim_stop
	 * closes them all before MHD_stop_daemon (see there). */
	struct sim_guard *guard;
};

struct conn_req {
	char *uri; /* raw request target, as sent */
	struct buf body;
	size_t received;
	bool started; /* the headers-only first call was seen */
	bool too_big;
};

void sim_options_init(struct sim_options *o)
{
	memset(o, 0, sizeof(*o));
	o->bind = "127.0.0.1";
	o->access_key = SIM_DEMO_ACCESS_KEY;
	o->secret_key = SIM_DEMO_SECRET_KEY;
	o->region = SIM_DEMO_REGION;
}

/* Takes one from a fault counter; true when this request gets the fault. */
static bool take(atomic_int *n)
{
	int v = atomic_load(n);

	while (v > 0)
		if (atomic_compare_exchange_weak(n, &v, v - 1))
			return true;
	return false;
}

static double server_now(const struct sim *s)
{
	struct timespec ts;

	clock_gettime(CLOCK_REALTIME, &ts);
	return (double)ts.tv_sec + ts.tv_nsec / 1e9 + (double)s->clock_skew;
}

static int conn_fd(struct MHD_Connection *c)
{
	const union MHD_ConnectionInfo *ci =
		MHD_get_connection_info(c, MHD_CONNECTION_INFO_CONNECTION_FD);

	return ci ? ci->connect_fd : -1;
}

static void *on_uri(void *cls, const char *uri, struct MHD_Connection *c)
{
	struct conn_req *r = xcalloc(1, sizeof(*r));

	r->uri = xstrdup(uri ? uri : "/");
	return r;
}

static void on_completed(void *cls, struct MHD_Connection *c, void **con_cls,
			 enum MHD_RequestTerminationCode toe)
{
	struct conn_req *r = *con_cls;
	struct sim *s = cls;

	guard_request_done(s->guard, conn_fd(c));
	if (!r)
		return;
	free(r->uri);
	buf_free(&r->body);
	free(r);
	*con_cls = NULL;
}

static enum MHD_Result queue(struct MHD_Connection *c, struct MHD_Response *resp, int status,
			     const char *content_type, const char *error_type)
{
	char rid[37];

	sim_request_id(rid);
	MHD_add_response_header(resp, "x-amzn-RequestId", rid);
	MHD_add_response_header(resp, MHD_HTTP_HEADER_CONTENT_TYPE, content_type);
	if (error_type)
		MHD_add_response_header(resp, "x-amzn-ErrorType", error_type);
	enum MHD_Result ret = MHD_queue_response(c, (unsigned int)status, resp);
	MHD_destroy_response(resp);
	return ret;
}

static enum MHD_Result send_reply(struct MHD_Connection *c, struct sim_reply *rep)
{
	size_t len = strlen(rep->body);
	struct MHD_Response *resp =
		MHD_create_response_from_buffer(len, rep->body, MHD_RESPMEM_MUST_FREE);
	rep->body = NULL;
	enum MHD_Result ret =
		queue(c, resp, rep->status,
		      rep->content_type ? rep->content_type : "application/x-amz-json-1.1",
		      rep->error_type);
	sim_reply_free(rep);
	return ret;
}

/* ---- faults that shape the body itself ---- */

static const char truncated_body[] =
	"{\"InferenceRecommendationsJobName\":\"truncated\",\"Metric\":{\"InvocationsPerInstance\":1234,"
	"\"ModelLatency\":12},\"DynamicScalingConfiguration\":{\"MinCapacity\":1,\"MaxCapacity\":4}}";

static ssize_t truncated_reader(void *cls, uint64_t pos, char *out, size_t max)
{
	size_t half = sizeof(truncated_body) / 2;

	if (pos >= half)
		return MHD_CONTENT_READER_END_WITH_ERROR; /* closes mid-body */
	size_t n = half - pos < max ? half - pos : max;
	memcpy(out, truncated_body + pos, n);
	return (ssize_t)n;
}

static ssize_t oversized_reader(void *cls, uint64_t pos, char *out, size_t max)
{
	static const char head[] = "{\"Padding\":\"";
	const uint64_t total = OVERSIZED_BYTES;
	size_t n = 0;

	if (pos >= total)
		return MHD_CONTENT_READER_END_OF_STREAM;
	for (; n < max && pos + n < total; n++) {
		uint64_t at = pos + n;
		out[n] = at < sizeof(head) - 1 ? head[at]
			 : at == total - 2     ? '"'
			 : at == total - 1     ? '}'
					       : 'x';
	}
	return (ssize_t)n;
}

static double mono_s(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (double)ts.tv_sec + (double)ts.tv_nsec / 1e9;
}

/* True when the request fits the rate limit (it takes a token). */
static bool rate_ok(struct sim *s)
{
	bool ok;
	double t;

	if (s->rate_limit <= 0)
		return true;
	pthread_mutex_lock(&s->rate_lock);
	t = mono_s();
	s->tokens += (t - s->refilled) * s->rate_limit;
	if (s->tokens > s->rate_limit)
		s->tokens = s->rate_limit;
	s->refilled = t;
	ok = s->tokens >= 1;
	if (ok)
		s->tokens -= 1;
	pthread_mutex_unlock(&s->rate_lock);
	return ok;
}

/* Returns true (and *ret) when a fault answered this request. */
static bool apply_faults(struct sim *s, struct MHD_Connection *c, enum MHD_Result *ret,
			 const char **what)
{
	struct sim_reply rep = { 0 };
	struct MHD_Response *resp;

	if (take(&s->drop)) {
		*what = "fault: dropped";
		*ret = MHD_NO; /* libmicrohttpd closes the connection unanswered */
		return true;
	}
	if (take(&s->throttle)) {
		sim_reply_error(&rep, 400, "ThrottlingException", "Rate exceeded");
	} else if (take(&s->err500)) {
		sim_reply_error(&rep, 500, "InternalFailure",
				"We encountered an internal error. Please try again.");
	} else if (take(&s->err503)) {
		sim_reply_error(&rep, 503, "ServiceUnavailable",
				"Service is unavailable. Please try again later.");
	} else if (take(&s->truncate)) {
		*what = "fault: truncated";
		resp = MHD_create_response_from_callback(sizeof(truncated_body) - 1, 1024,
							 truncated_reader, NULL, NULL);
		*ret = queue(c, resp, 200, "application/x-amz-json-1.1", NULL);
		return true;
	} else if (take(&s->non_json)) {
		static const char html[] = "<html><head><title>502 Bad Gateway</title></head>"
					   "<body><h1>502 Bad Gateway</h1></body></html>\n";
		*what = "fault: non-JSON";
		resp = MHD_create_response_from_buffer(sizeof(html) - 1, (void *)html,
						       MHD_RESPMEM_PERSISTENT);
		*ret = queue(c, resp, 200, "text/html", NULL);
		return true;
	} else if (take(&s->oversized)) {
		*what = "fault: oversized";
		resp = MHD_create_response_from_callback(OVERSIZED_BYTES, 64 * 1024,
							 oversized_reader, NULL, NULL);
		*ret = queue(c, resp, 200, "application/x-amz-json-1.1", NULL);
		return true;
	} else {
		return false;
	}
	*what = rep.status == 400   ? "fault: throttled"
		: rep.status == 500 ? "fault: 500"
				    : "fault: 503";
	*ret = send_reply(c, &rep);
	return true;
}

/* ---- a complete request ---- */

struct header_list {
	struct sim_header *h;
	size_t n, cap;
};

static enum MHD_Result collect_header(void *cls, enum MHD_ValueKind kind, const char *key,
				      const char *value)
{
	struct header_list *l = cls;

	if (l->n == l->cap)
		l->h = xrealloc(l->h, (l->cap = l->cap ? l->cap * 2 : 16) * sizeof(*l->h));
	l->h[l->n].name = key;
	l->h[l->n++].value = value ? value : "";
	return MHD_YES;
}

static void parse_body(const struct conn_req *cr, json_object **out, struct sim_reply *rep)
{
	if (cr->body.len == 0) {
		*out = json_object_new_object(); /* AWS reads an empty body as {} */
		return;
	}
	struct json_tokener *tok = json_tokener_new_ex(64);
	json_object *o = json_tokener_parse_ex(tok, cr->body.data, (int)cr->body.len);
	enum json_tokener_error e = json_tokener_get_error(tok);
	size_t used = json_tokener_get_parse_end(tok);

	json_tokener_free(tok);
	/* Whatever follows the value must be white space. */
	while (e == json_tokener_success && used < cr->body.len && cr->body.data[used] &&
	       strchr(" \t\r\n", cr->body.data[used]))
		used++;
	if (e != json_tokener_success || used != cr->body.len) {
		sim_reply_coral(rep, 400, "SerializationException",
				"Could not parse the request body as JSON: %s",
				e != json_tokener_success ? json_tokener_error_desc(e)
							  : "unexpected data after the value");
		json_object_put(o);
		return;
	}
	if (!json_object_is_type(o, json_type_object)) {
		sim_reply_coral(
			rep, 400, "SerializationException",
			json_object_is_type(o, json_type_array)
				? "Start of list found where not expected"
				: "Unexpected value type in payload: expected a JSON object");
		json_object_put(o);
		return;
	}
	*out = o;
}

/* The key a request is checked against: the simulator's own, or one its
 * STS issued (then *session holds it and true is returned). */
static bool request_key(const struct sim *s, const struct header_list *hl, struct sim_auth_key *key,
			struct sim_sts_key *session, char **akid)
{
	struct sigv4_authz a = { 0 };
	const char *authz = NULL;

	*akid = NULL;
	for (size_t i = 0; i < hl->n; i++)
		if (ascii_strcasecmp(hl->h[i].name, "Authorization") == 0)
			authz = hl->h[i].value;
	if (!authz || sigv4_parse_authorization(authz, &a) < 0)
		return false;
	bool issued = strcmp(a.access_key_id, s->access_key) != 0 &&
		      sim_sts_find(s->sts, a.access_key_id, session);
	if (issued) {
		*akid = xstrdup(a.access_key_id);
		key->access_key = *akid;
		key->secret_key = session->secret;
	}
	sigv4_authz_free(&a);
	return issued;
}

/* A signature made with an issued key also needs its session token, and
 * holds only until the key expires (ExpiredToken(Exception) after). */
static bool check_session(struct MHD_Connection *c, const struct sim_sts_key *k, double now,
			  bool sts, struct sim_reply *rep)
{
	const char *tok = MHD_lookup_connection_value(c, MHD_HEADER_KIND, "X-Amz-Security-Token");
	static const char invalid[] = "The security token included in the request is invalid.";
	static const char expired[] = "The security token included in the request is expired";

	if (!tok || strlen(tok) != strlen(k->token) ||
	    CRYPTO_memcmp(tok, k->token, strlen(tok)) != 0) {
		if (sts)
			sim_sts_error(rep, 403, "InvalidClientTokenId", invalid);
		else
			sim_reply_error(rep, 403, "UnrecognizedClientException", "%s", invalid);
		return false;
	}
	if (now >= k->expires) {
		if (sts)
			sim_sts_error(rep, 400, "ExpiredToken", expired);
		else
			sim_reply_error(rep, 400, "ExpiredTokenException", "%s", expired);
		return false;
	}
	return true;
}

/* For the request log: a static name per STS action. */
static const char *sts_log_name(const char *action)
{
	static const char *const names[] = { "STS.GetCallerIdentity", "STS.AssumeRole",
					     "STS.AssumeRoleWithWebIdentity" };

	for (size_t i = 0; action && i < sizeof(names) / sizeof(names[0]); i++)
		if (strcmp(action, names[i] + 4) == 0)
			return names[i];
	return "STS";
}

/* An STS request: signed for "sts" (AssumeRoleWithWebIdentity may come
 * unsigned), errors in STS's XML. */
static void handle_sts(struct sim *s, struct MHD_Connection *c, const struct conn_req *cr,
		       const struct sim_auth_request *ar, const struct sim_auth_key *key,
		       const struct sim_sts_key *session, struct sim_reply *rep,
		       const char **target_out)
{
	const char *body = cr->body.data ? cr->body.data : "";
	char *action = sim_sts_action(body, cr->body.len);
	bool has_authz = MHD_lookup_connection_value(c, MHD_HEADER_KIND, "Authorization") != NULL;
	struct sim_ctx ctx = { s->fx, s->aas, s->region, server_now(s) };
	struct sim_sts_caller caller = { key->access_key, session };

	*target_out = sts_log_name(action);
	if (strcmp(ar->method, "POST") != 0) {
		sim_sts_error(rep, 400, "InvalidAction", "STS operations are called with POST");
	} else if (!has_authz && action && strcmp(action, "AssumeRoleWithWebIdentity") == 0) {
		sim_sts_serve(s->sts, &ctx, NULL, body, cr->body.len, rep);
	} else if (!sim_auth_verify(ar, key, "sts", ctx.now, rep)) {
		sim_sts_error_from_json(rep);
	} else if (!session || check_session(c, session, ctx.now, true, rep)) {
		sim_sts_serve(s->sts, &ctx, &caller, body, cr->body.len, rep);
	}
	free(action);
}

static void handle(struct sim *s, struct MHD_Connection *c, const char *method, struct conn_req *cr,
		   struct sim_reply *rep, const char **target_out)
{
	struct header_list hl = { 0 };
	const char *target = MHD_lookup_connection_value(c, MHD_HEADER_KIND, "X-Amz-Target");
	const char *ctype =
		MHD_lookup_connection_value(c, MHD_HEADER_KIND, MHD_HTTP_HEADER_CONTENT_TYPE);
	const struct sim_op *op = sim_route(target);
	struct sim_sts_key session = { 0 };
	char *akid = NULL;

	*target_out = target ? target : "-";
	if (cr->too_big) {
		sim_reply_error(rep, 413, "RequestEntityTooLargeException",
				"Request body exceeds the maximum size of %d bytes.", BODY_LIMIT);
		return;
	}
	MHD_get_connection_values(c, MHD_HEADER_KIND, collect_header, &hl);
	char *path = xstrndup(cr->uri, strcspn(cr->uri, "?"));
	const char *q = strchr(cr->uri, '?');
	struct sim_auth_request ar = { method,      path, q ? q + 1 : NULL,
				       hl.h,        hl.n, cr->body.data ? cr->body.data : "",
				       cr->body.len };
	struct sim_auth_key key = { s->access_key, s->secret_key, s->region };
	bool issued = request_key(s, &hl, &key, &session, &akid);
	bool authed = false;

	if (sim_sts_is_request(target, ctype))
		handle_sts(s, c, cr, &ar, &key, issued ? &session : NULL, rep, target_out);
	else
		authed = sim_auth_verify(&ar, &key, op ? op->service : sim_route_service(target),
					 server_now(s), rep) &&
			 (!issued || check_session(c, &session, server_now(s), false, rep));
	free(path);
	free(hl.h);
	free(akid);
	sim_sts_key_free(&session);
	if (!authed)
		return;
	if (!op || strcmp(method, "POST") != 0) {
		sim_reply_coral(rep, 400, "UnknownOperationException", "%s",
				!target ? "Missing X-Amz-Target header"
				: !op   ? "Unknown operation"
					: "Operations are called with POST");
		return;
	}
	json_object *req = NULL;
	parse_body(cr, &req, rep);
	if (!req)
		return;
	struct sim_ctx ctx = { s->fx, s->aas, s->region, server_now(s) };
	op->fn(&ctx, req, rep);
	json_object_put(req);
}

/* One line per request on stderr; what the client sent is untrusted text. */
static void log_request(const struct sim *s, const char *method, const char *what,
			const char *outcome)
{
	if (!s->log)
		return;
	char *m = sanitize_str(method), *w = sanitize_str(what);
	fprintf(stderr, "sim: %s %s -> %s\n", m, w, outcome);
	free(m);
	free(w);
}

static enum MHD_Result on_request(void *cls, struct MHD_Connection *c, const char *url,
				  const char *method, const char *version, const char *upload,
				  size_t *upload_size, void **con_cls)
{
	struct sim *s = cls;
	struct conn_req *cr = *con_cls;

	if (!cr) /* no URI callback ran: cannot happen, but be safe */
		*con_cls = cr = on_uri(NULL, url, c);
	if (!cr->started) {
		cr->started = true;
		const char *cl = MHD_lookup_connection_value(c, MHD_HEADER_KIND,
							     MHD_HTTP_HEADER_CONTENT_LENGTH);
		if (cl && strtoull(cl, NULL, 10) > BODY_LIMIT)
			cr->too_big = true;
		const char *expect =
			MHD_lookup_connection_value(c, MHD_HEADER_KIND, MHD_HTTP_HEADER_EXPECT);
		/* Refuse before the body is sent when the client waits for a
		 * 100 Continue, or when it is not worth draining. */
		if ((cr->too_big && expect && ascii_strcasestr(expect, "100-continue")) ||
		    (cl && strtoull(cl, NULL, 10) > DRAIN_LIMIT))
			goto respond;
		return MHD_YES;
	}
	if (*upload_size) {
		cr->received += *upload_size;
		if (cr->received > BODY_LIMIT)
			cr->too_big = true;
		if (cr->too_big)
			buf_free(&cr->body); /* keep draining, never buffer past the cap */
		else
			buf_append(&cr->body, upload, *upload_size);
		*upload_size = 0;
		if (cr->received > DRAIN_LIMIT)
			goto respond;
		return MHD_YES;
	}
respond:
	guard_request_read(s->guard, conn_fd(c));
	struct sim_reply rep = { 0 };
	const char *target = "-", *fault = NULL;
	enum MHD_Result ret;

	bool within_rate = rate_ok(s); /* counted on arrival, as a service does */

	if (s->latency_ms > 0)
		usleep((useconds_t)s->latency_ms * 1000);
	if (!within_rate) {
		sim_reply_error(&rep, 400, "ThrottlingException", "Rate exceeded");
		log_request(s, method, cr->uri, "fault: rate limit");
		return send_reply(c, &rep);
	}
	/* The fault flags model SageMaker and Application Auto Scaling: an STS
	 * call (the TUI's account lookup, a role refresh) never takes one. */
	bool sts = sim_sts_is_request(
		MHD_lookup_connection_value(c, MHD_HEADER_KIND, "X-Amz-Target"),
		MHD_lookup_connection_value(c, MHD_HEADER_KIND, MHD_HTTP_HEADER_CONTENT_TYPE));
	if (!sts && apply_faults(s, c, &ret, &fault)) {
		log_request(s, method, cr->uri, fault);
		return ret;
	}
	handle(s, c, method, cr, &rep, &target);
	if (s->log) {
		char *what = xasprintf("%d %.*s", rep.status,
				       rep.error_type ? (int)strcspn(rep.error_type, ":") : 0,
				       rep.error_type ? rep.error_type : "");
		log_request(s, method, target, what);
		free(what);
	}
	return send_reply(c, &rep);
}

/* ---- start and stop ---- */

/* Every open connection goes to the guard.  The socket stays open until
 * after the CLOSED call returns, so a socket the guard holds is still
 * this connection's. */
static void on_connection(void *cls, struct MHD_Connection *c, void **socket_context,
			  enum MHD_ConnectionNotificationCode toe)
{
	struct sim *s = cls;
	int fd = conn_fd(c);

	if (fd < 0)
		return;
	if (toe == MHD_CONNECTION_NOTIFY_STARTED)
		guard_open(s->guard, fd);
	else
		guard_close(s->guard, fd);
}

static char *read_file(const char *path, char **err)
{
	FILE *fp = fopen(path, "rb");
	struct buf b = BUF_INIT;
	char chunk[4096];
	size_t n;

	if (!fp) {
		*err = xasprintf(_("cannot open %s: %s"), path, strerror(errno));
		return NULL;
	}
	while ((n = fread(chunk, 1, sizeof(chunk), fp)) > 0)
		buf_append(&b, chunk, n);
	fclose(fp);
	return buf_steal(&b);
}

static void sim_free(struct sim *s)
{
	if (!s)
		return;
	guard_free(s->guard);
	sim_fixtures_free(s->fx);
	sim_aas_free(s->aas);
	sim_sts_free(s->sts);
	free(s->access_key);
	if (s->secret_key) {
		OPENSSL_cleanse(s->secret_key, strlen(s->secret_key));
		free(s->secret_key);
	}
	free(s->region);
	free(s->url);
	free(s->cert_pem);
	if (s->key_pem) {
		OPENSSL_cleanse(s->key_pem, strlen(s->key_pem));
		free(s->key_pem);
	}
	free(s);
}

static void set_err(char **err, char *msg)
{
	if (err)
		*err = msg;
	else
		free(msg);
}

/* The listening address: IPv4 or IPv6 literal ("localhost" allowed). */
struct listen_addr {
	struct sockaddr_in sin;
	struct sockaddr_in6 sin6;
	bool v6;
	const char *text;
};

static bool parse_bind(const struct sim_options *o, struct listen_addr *a, char **err)
{
	a->text = o->bind && *o->bind ? o->bind : "127.0.0.1";
	if (strcmp(a->text, "localhost") == 0)
		a->text = "127.0.0.1";
	if (o->port < 0 || o->port > 65535) {
		set_err(err, xasprintf(_("port out of range: %d"), o->port));
		return false;
	}
	if (inet_pton(AF_INET, a->text, &a->sin.sin_addr) == 1) {
		a->sin.sin_family = AF_INET;
		a->sin.sin_port = htons((uint16_t)o->port);
		return true;
	}
	if (inet_pton(AF_INET6, a->text, &a->sin6.sin6_addr) == 1) {
		a->sin6.sin6_family = AF_INET6;
		a->sin6.sin6_port = htons((uint16_t)o->port);
		a->v6 = true;
		return true;
	}
	set_err(err, xasprintf(_("not an IP address: %s"), a->text));
	return false;
}

/* Credentials, fixtures and fault counters. */
static bool setup_state(struct sim *s, const struct sim_options *o, char **err)
{
	char *e = NULL;

	if (!o->access_key || !*o->access_key || !o->secret_key || !*o->secret_key || !o->region ||
	    !*o->region) {
		set_err(err,
			xstrdup(_("the simulator needs an access key, a secret key and a region")));
		return false;
	}
	s->fx = o->data_file ? sim_fixtures_load(o->data_file, &e) : sim_fixtures_demo(&e);
	if (!s->fx) {
		set_err(err, e);
		return false;
	}
	s->aas = sim_aas_new();
	if (o->demo_scaling)
		sim_aas_seed_demo(s->aas, o->region, (double)time(NULL));
	s->sts = sim_sts_new(o->sts_duration);
	s->access_key = xstrdup(o->access_key);
	s->secret_key = xstrdup(o->secret_key);
	s->region = xstrdup(o->region);
	atomic_init(&s->drop, o->faults.drop);
	atomic_init(&s->throttle, o->faults.throttle);
	atomic_init(&s->err500, o->faults.err500);
	atomic_init(&s->err503, o->faults.err503);
	atomic_init(&s->truncate, o->faults.truncate);
	atomic_init(&s->non_json, o->faults.non_json);
	atomic_init(&s->oversized, o->faults.oversized);
	s->latency_ms = o->faults.latency_ms;
	s->rate_limit = o->faults.rate_limit;
	s->tokens = s->rate_limit;
	s->refilled = mono_s();
	pthread_mutex_init(&s->rate_lock, NULL);
	s->clock_skew = o->faults.clock_skew;
	s->log = o->log;
	return true;
}

static bool load_tls(struct sim *s, const struct sim_options *o, char **err)
{
	char *e = NULL;

	if (!o->tls_cert || !o->tls_key) {
		set_err(err, xstrdup(_("--tls-cert and --tls-key go together")));
		return false;
	}
	if (MHD_is_feature_supported(MHD_FEATURE_TLS) != MHD_YES) {
		set_err(err, xstrdup(_("this libmicrohttpd was built without TLS support")));
		return false;
	}
	if (!(s->cert_pem = read_file(o->tls_cert, &e)) ||
	    !(s->key_pem = read_file(o->tls_key, &e))) {
		set_err(err, e);
		return false;
	}
	return true;
}

static struct MHD_Daemon *start_daemon(struct sim *s, const struct listen_addr *a, bool tls)
{
	unsigned int flags = MHD_USE_INTERNAL_POLLING_THREAD | MHD_USE_THREAD_PER_CONNECTION |
			     MHD_USE_POLL | MHD_USE_ITC | (tls ? MHD_USE_TLS : 0) |
			     (a->v6 ? MHD_USE_IPv6 : 0) | MHD_USE_ERROR_LOG;
	const struct sockaddr *sa =
		a->v6 ? (const struct sockaddr *)&a->sin6 : (const struct sockaddr *)&a->sin;
	struct MHD_OptionItem tls_opts[] = {
		{ MHD_OPTION_HTTPS_MEM_CERT, 0, s->cert_pem },
		{ MHD_OPTION_HTTPS_MEM_KEY, 0, s->key_pem },
		{ MHD_OPTION_END, 0, NULL },
	};
	sigset_t all, old;

	/* The server's threads must never take the host program's signals
	 * (the TUI's SIGWINCH, SIGINT...): they inherit this mask. */
	sigfillset(&all);
	pthread_sigmask(SIG_BLOCK, &all, &old);
	struct MHD_Daemon *d = MHD_start_daemon(
		flags, 0, NULL, NULL, on_request, s, MHD_OPTION_SOCK_ADDR, sa,
		MHD_OPTION_URI_LOG_CALLBACK, on_uri, s, MHD_OPTION_NOTIFY_COMPLETED, on_completed,
		s, MHD_OPTION_NOTIFY_CONNECTION, on_connection, s,
		/* a client silent this long is dropped; a slow
				 * one is cut by the guard, bytes or not */
		MHD_OPTION_CONNECTION_TIMEOUT, (unsigned int)15, MHD_OPTION_CONNECTION_LIMIT,
		(unsigned int)GUARD_MAX_CONNECTIONS, MHD_OPTION_PER_IP_CONNECTION_LIMIT,
		(unsigned int)GUARD_PER_CLIENT,
		/* its lines (the limits reached...) rate-limited */
		MHD_OPTION_EXTERNAL_LOGGER, guard_mhd_log, s->guard, MHD_OPTION_ARRAY,
		tls ? tls_opts : &tls_opts[2], MHD_OPTION_END);
	pthread_sigmask(SIG_SETMASK, &old, NULL);
	return d;
}

struct sim *sim_start(const struct sim_options *o, char **err)
{
	struct sim *s = xcalloc(1, sizeof(*s));
	struct listen_addr a = { 0 };
	bool tls = o->tls_cert || o->tls_key;

	s->guard = guard_new(o->log);
	if (!parse_bind(o, &a, err) || !setup_state(s, o, err) || (tls && !load_tls(s, o, err)))
		goto fail;
	if (!(s->d = start_daemon(s, &a, tls))) {
		set_err(err,
			xasprintf(
				_("cannot start the simulator on %s port %d (port in use, or a bad TLS certificate or key?)"),
				a.text, o->port));
		goto fail;
	}
	const union MHD_DaemonInfo *info = MHD_get_daemon_info(s->d, MHD_DAEMON_INFO_BIND_PORT);
	s->port = info ? info->port : o->port;
	/* A wildcard bind is still reached through loopback from here. */
	const char *host = strcmp(a.text, "0.0.0.0") == 0 ? "127.0.0.1"
			   : strcmp(a.text, "::") == 0    ? "::1"
							  : a.text;
	s->url = xasprintf("%s://%s%s%s:%d", tls ? "https" : "http", a.v6 ? "[" : "", host,
			   a.v6 ? "]" : "", s->port);
	return s;
fail:
	sim_free(s);
	return NULL;
}

int sim_port(const struct sim *s)
{
	return s->port;
}

const char *sim_url(const struct sim *s)
{
	return s->url;
}

/* Number of connections libmicrohttpd still holds (threads not yet reaped). */
static unsigned int open_connections(struct sim *s)
{
	const union MHD_DaemonInfo *info =
		MHD_get_daemon_info(s->d, MHD_DAEMON_INFO_CURRENT_CONNECTIONS);

	return info ? info->num_connections : 0;
}

/* libmicrohttpd 0.9.75 can crash in MHD_stop_daemon while connection
 * threads are still running or closing (tests/unit/unit-sim-stop reproduced it
 * in about half of its runs).  So stop accepting, hang up on every client
 * ourselves, and let the daemon reap all connection threads the ordinary
 * way (bounded: 3 s) before stopping it with no connection left. */
void sim_stop(struct sim *s)
{
	if (!s)
		return;
	MHD_socket lsock = MHD_quiesce_daemon(s->d);

	for (int i = 0; i < 1500 && open_connections(s) > 0; i++) {
		guard_cut_all(s->guard);
		struct timespec ts = { 0, 2 * 1000000L };
		nanosleep(&ts, NULL);
	}
	MHD_stop_daemon(s->d);
	if (lsock != MHD_INVALID_SOCKET)
		close(lsock);
	sim_free(s);
}
