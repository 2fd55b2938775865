/* The simulator's STS (see sts.h): a table of issued temporary keys and the
 * three operations, answered in STS's XML (built with libxml2). */
#include "config.h"
#include "sim/sts.h"
#include "util/ascii.h"
#include "util/buf.h"
#include "util/xalloc.h"

#include <json-c/json.h>
#include <libxml/tree.h>
#include <openssl/crypto.h>
#include <openssl/rand.h>
#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <time.h>

#define STS_NS "https://sts.amazonaws.com/doc/2011-06-15/"
/* Bounded, so that a client looping on AssumeRole cannot grow the server:
 * the oldest session goes first. */
#define STS_MAX_SESSIONS 4096
#define STS_DEFAULT_DURATION 3600
#define STS_MIN_DURATION 900
#define STS_MAX_DURATION 43200
#define DEMO_USER_ID "AIDASAGESCALEDEMOUSER"

struct session {
	char *access_key, *secret, *token, *arn, *user_id;
	double expires;
};

struct sim_sts {
	pthread_mutex_t lock;
	struct session *s;
	size_t n, cap;
	long max_duration;
};

struct sim_sts *sim_sts_new(long max_duration)
{
	struct sim_sts *t = xcalloc(1, sizeof(*t));

	pthread_mutex_init(&t->lock, NULL);
	t->max_duration = max_duration;
	return t;
}

static void wipe(char *s)
{
	if (s) {
		OPENSSL_cleanse(s, strlen(s));
		free(s);
	}
}

static void session_free(struct session *s)
{
	free(s->access_key);
	wipe(s->secret);
	wipe(s->token);
	free(s->arn);
	free(s->user_id);
}

void sim_sts_free(struct sim_sts *t)
{
	if (!t)
		return;
	for (size_t i = 0; i < t->n; i++)
		session_free(&t->s[i]);
	free(t->s);
	pthread_mutex_destroy(&t->lock);
	free(t);
}

bool sim_sts_find(struct sim_sts *t, const char *access_key, struct sim_sts_key *out)
{
	bool found = false;

	memset(out, 0, sizeof(*out));
	if (!t || !access_key)
		return false;
	pthread_mutex_lock(&t->lock);
	for (size_t i = 0; i < t->n && !found; i++) {
		const struct session *s = &t->s[i];
		if (strcmp(s->access_key, access_key) != 0)
			continue;
		out->secret = xstrdup(s->secret);
		out->token = xstrdup(s->token);
		out->arn = xstrdup(s->arn);
		out->user_id = xstrdup(s->user_id);
		out->expires = s->expires;
		found = true;
	}
	pthread_mutex_unlock(&t->lock);
	return found;
}

void sim_sts_key_free(struct sim_sts_key *k)
{
	wipe(k->secret);
	wipe(k->token);
	free(k->arn);
	free(k->user_id);
	memset(k, 0, sizeof(*k));
}

/* ---- the request ---- */

bool sim_sts_is_request(const char *target, const char *content_type)
{
	return !target && content_type &&
	       ascii_strncasecmp(content_type, "application/x-www-form-urlencoded", 33) == 0;
}

/* Percent- and plus-decoding; NULL when the value holds a NUL byte. */
static char *form_decode(const char *s, size_t n)
{
	struct buf b = BUF_INIT;
	bool nul = false;

	for (size_t i = 0; i < n; i++) {
		char c = s[i];

		if (c == '+') {
			c = ' ';
		} else if (c == '%' && i + 2 < n && ascii_hexval(s[i + 1]) >= 0 &&
			   ascii_hexval(s[i + 2]) >= 0) {
			c = (char)(ascii_hexval(s[i + 1]) * 16 + ascii_hexval(s[i + 2]));
			i += 2;
		}
		nul |= c == '\0';
		buf_putc(&b, c);
	}
	if (nul) {
		buf_free_secret(&b);
		return NULL;
	}
	return buf_steal(&b);
}

/* The value of name in an x-www-form-urlencoded body (malloc'd), or NULL.
 * A value holding a NUL byte counts as absent. */
static char *form_get(const char *form, size_t len, const char *name)
{
	for (size_t i = 0; i < len;) {
		size_t end = i;
		while (end < len && form[end] != '&')
			end++;
		const char *eq = memchr(form + i, '=', end - i);
		if (eq) {
			char *key = form_decode(form + i, (size_t)(eq - form - i));
			bool match = key && strcmp(key, name) == 0;
			free(key);
			if (match)
				return form_decode(eq + 1, end - (size_t)(eq + 1 - form));
		}
		i = end + 1;
	}
	return NULL;
}

char *sim_sts_action(const char *form, size_t len)
{
	return form ? form_get(form, len, "Action") : NULL;
}

/* ---- XML answers ---- */

static xmlNode *new_doc(xmlDoc **doc, const char *root)
{
	*doc = xmlNewDoc(BAD_CAST "1.0");
	xmlNode *r = xmlNewNode(NULL, BAD_CAST root);

	xmlNewNs(r, BAD_CAST STS_NS, NULL);
	xmlDocSetRootElement(*doc, r);
	return r;
}

static void text_child(xmlNode *parent, const char *name, const char *value)
{
	if (value)
		xmlNewTextChild(parent, NULL, BAD_CAST name, BAD_CAST value);
}

static void finish(struct sim_reply *r, xmlDoc *doc, xmlNode *root, int status)
{
	char rid[37];
	xmlChar *mem = NULL;
	int size = 0;

	sim_request_id(rid);
	if (status == 200) {
		xmlNode *md = xmlNewChild(root, NULL, BAD_CAST "ResponseMetadata", NULL);
		text_child(md, "RequestId", rid);
	} else {
		text_child(root, "RequestId", rid);
	}
	xmlDocDumpFormatMemoryEnc(doc, &mem, &size, "UTF-8", 1);
	free(r->body);
	free(r->error_type);
	r->body = xstrndup((const char *)mem, (size_t)size);
	r->error_type = NULL;
	r->status = status;
	r->content_type = "text/xml";
	if (mem) {
		OPENSSL_cleanse(mem, (size_t)size); /* may hold a secret key */
		xmlFree(mem);
	}
	xmlFreeDoc(doc);
}

void sim_sts_error(struct sim_reply *r, int status, const char *code, const char *message)
{
	static const char *const renames[][2] = {
		{ "InvalidSignatureException", "SignatureDoesNotMatch" },
		{ "UnrecognizedClientException", "InvalidClientTokenId" },
		{ "IncompleteSignatureException", "IncompleteSignature" },
		{ "MissingAuthenticationTokenException", "MissingAuthenticationToken" },
	};
	xmlDoc *doc;
	xmlNode *root = new_doc(&doc, "ErrorResponse");
	xmlNode *e = xmlNewChild(root, NULL, BAD_CAST "Error", NULL);

	for (size_t i = 0; i < sizeof(renames) / sizeof(renames[0]); i++)
		if (strcmp(code, renames[i][0]) == 0)
			code = renames[i][1];
	text_child(e, "Type", status >= 500 ? "Receiver" : "Sender");
	text_child(e, "Code", code);
	text_child(e, "Message", message);
	finish(r, doc, root, status);
}

void sim_sts_error_from_json(struct sim_reply *r)
{
	json_object *o = r->body ? json_tokener_parse(r->body) : NULL;
	json_object *m = NULL;
	char *code = r->error_type ? xstrndup(r->error_type, strcspn(r->error_type, ":"))
				   : xstrdup("InternalFailure");
	char *msg = xstrdup(
		o && json_object_object_get_ex(o, "message", &m) ? json_object_get_string(m) : "");

	json_object_put(o);
	sim_sts_error(r, r->status ? r->status : 400, code, msg);
	free(code);
	free(msg);
}

/* ---- issuing keys ---- */

static void random_chars(char *out, size_t n, const char *alphabet)
{
	unsigned char raw[256];
	size_t an = strlen(alphabet);

	if (RAND_bytes(raw, (int)n) != 1)
		for (size_t i = 0; i < n; i++)
			raw[i] = (unsigned char)rand();
	for (size_t i = 0; i < n; i++)
		out[i] = alphabet[raw[i] % an];
	out[n] = '\0';
	OPENSSL_cleanse(raw, sizeof(raw));
}

static const char upper_digits[] = "ABCDEFGHIJKLMNOPQRSTUVWXYZ234567";
static const char secret_chars[] =
	"ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";

/* Adds a session; the oldest is dropped when the table is full. */
static void add_session(struct sim_sts *t, struct session *s)
{
	pthread_mutex_lock(&t->lock);
	if (t->n == STS_MAX_SESSIONS) {
		session_free(&t->s[0]);
		memmove(t->s, t->s + 1, (t->n - 1) * sizeof(*t->s));
		t->n--;
	}
	if (t->n == t->cap)
		t->s = xrealloc(t->s, (t->cap = t->cap ? t->cap * 2 : 16) * sizeof(*t->s));
	t->s[t->n++] = *s;
	pthread_mutex_unlock(&t->lock);
}

static void format_time(double t, char out[32])
{
	time_t tt = (time_t)t;
	struct tm tm;

	gmtime_r(&tt, &tm);
	strftime(out, 32, "%Y-%m-%dT%H:%M:%SZ", &tm);
}

/* ---- checks, with STS's messages ---- */

static bool valid_session_name(const char *s)
{
	size_t n = s ? strlen(s) : 0;

	if (n < 2 || n > 64)
		return false;
	for (size_t i = 0; i < n; i++)
		if (!((s[i] >= 'a' && s[i] <= 'z') || (s[i] >= 'A' && s[i] <= 'Z') ||
		      (s[i] >= '0' && s[i] <= '9') || strchr("_+=,.@-", s[i])))
			return false;
	return true;
}

/* "arn:aws:iam::ACCOUNT:role/[path/]NAME": the account and the name. */
static bool parse_role_arn(const char *arn, char **account, char **name)
{
	const char *p = arn && strncmp(arn, "arn:aws:iam::", 13) == 0 ? arn + 13 : NULL;
	const char *colon = p ? strchr(p, ':') : NULL;

	if (!colon || colon - p != 12 || strncmp(colon + 1, "role/", 5) != 0)
		return false;
	for (const char *q = p; q < colon; q++)
		if (*q < '0' || *q > '9')
			return false;
	const char *nm = strrchr(colon + 6, '/');
	nm = nm ? nm + 1 : colon + 6;
	if (!*nm || strlen(nm) > 64)
		return false;
	*account = xstrndup(p, 12);
	*name = xstrdup(nm);
	return true;
}

struct assume_req {
	char *role_arn, *session_name, *duration, *external_id, *serial, *code, *token;
};

static void assume_req_free(struct assume_req *q)
{
	free(q->role_arn);
	free(q->session_name);
	free(q->duration);
	free(q->external_id);
	free(q->serial);
	wipe(q->code);
	wipe(q->token);
}

/* The lifetime asked for, or -1 after answering a ValidationError. */
static long duration_of(const struct sim_sts *t, const char *d, struct sim_reply *r)
{
	long v = STS_DEFAULT_DURATION;

	if (d) {
		char *end;
		v = strtol(d, &end, 10);
		if (!*d || *end || v < STS_MIN_DURATION || v > STS_MAX_DURATION) {
			char *msg = xasprintf(
				"1 validation error detected: Value '%s' at 'durationSeconds' "
				"failed to satisfy constraint: Member must have value "
				"greater than or equal to 900",
				d);
			sim_sts_error(r, 400, "ValidationError", msg);
			free(msg);
			return -1;
		}
	}
	if (t->max_duration > 0 && t->max_duration < v)
		v = t->max_duration;
	return v;
}

static bool check_common(const struct assume_req *q, struct sim_reply *r, char **account,
			 char **role)
{
	if (!q->role_arn || !q->session_name) {
		sim_sts_error(r, 400, "MissingParameter",
			      !q->role_arn
				      ? "The request must contain the parameter RoleArn"
				      : "The request must contain the parameter RoleSessionName");
		return false;
	}
	if (!valid_session_name(q->session_name)) {
		sim_sts_error(r, 400, "ValidationError",
			      "1 validation error detected: Value at 'roleSessionName' failed to "
			      "satisfy constraint: Member must satisfy regular expression pattern: "
			      "[\\w+=,.@-]*");
		return false;
	}
	if (!parse_role_arn(q->role_arn, account, role)) {
		sim_sts_error(r, 400, "ValidationError",
			      "1 validation error detected: Value at 'roleArn' is not a role ARN "
			      "(arn:aws:iam::ACCOUNT:role/NAME)");
		return false;
	}
	if (strcmp(*account, SIM_ACCOUNT) != 0) {
		char *msg = xasprintf(
			"User is not authorized to perform: sts:AssumeRole on resource: %s",
			q->role_arn);
		sim_sts_error(r, 403, "AccessDenied", msg);
		free(msg);
		return false; /* the caller frees *account and *role */
	}
	return true;
}

/* Issues a key for role/session and answers with it. */
static void issue(struct sim_sts *t, const struct sim_ctx *ctx, bool web, const char *role,
		  const char *session_name, long duration, struct sim_reply *r)
{
	struct session s = { 0 };
	char ak[21], sk[41], tok[161], rid[22], when[32];

	memcpy(ak, "ASIA", 4);
	random_chars(ak + 4, 16, upper_digits);
	random_chars(sk, 40, secret_chars);
	random_chars(tok, 160, secret_chars);
	memcpy(rid, "AROA", 4);
	random_chars(rid + 4, 17, upper_digits);
	s.access_key = xstrdup(ak);
	s.secret = xstrdup(sk);
	s.token = xstrdup(tok);
	s.user_id = xasprintf("%s:%s", rid, session_name);
	s.arn = xasprintf("arn:aws:sts::%s:assumed-role/%s/%s", SIM_ACCOUNT, role, session_name);
	s.expires = ctx->now + (double)duration;
	format_time(s.expires, when);

	xmlDoc *doc;
	xmlNode *root =
		new_doc(&doc, web ? "AssumeRoleWithWebIdentityResponse" : "AssumeRoleResponse");
	xmlNode *res = xmlNewChild(
		root, NULL, BAD_CAST(web ? "AssumeRoleWithWebIdentityResult" : "AssumeRoleResult"),
		NULL);
	if (web) {
		text_child(res, "SubjectFromWebIdentityToken", "sagescale-demo-subject");
		text_child(res, "Audience", "sts.amazonaws.com");
	}
	xmlNode *user = xmlNewChild(res, NULL, BAD_CAST "AssumedRoleUser", NULL);
	text_child(user, "AssumedRoleId", s.user_id);
	text_child(user, "Arn", s.arn);
	xmlNode *cr = xmlNewChild(res, NULL, BAD_CAST "Credentials", NULL);
	text_child(cr, "AccessKeyId", s.access_key);
	text_child(cr, "SecretAccessKey", s.secret);
	text_child(cr, "SessionToken", s.token);
	text_child(cr, "Expiration", when);
	if (web)
		text_child(res, "Provider", "sagescale.sim");
	else
		text_child(res, "PackedPolicySize", "6");
	add_session(t, &s);
	finish(r, doc, root, 200);
	OPENSSL_cleanse(sk, sizeof(sk));
	OPENSSL_cleanse(tok, sizeof(tok));
}

static void read_assume(const char *form, size_t len, struct assume_req *q)
{
	q->role_arn = form_get(form, len, "RoleArn");
	q->session_name = form_get(form, len, "RoleSessionName");
	q->duration = form_get(form, len, "DurationSeconds");
	q->external_id = form_get(form, len, "ExternalId");
	q->serial = form_get(form, len, "SerialNumber");
	q->code = form_get(form, len, "TokenCode");
	q->token = form_get(form, len, "WebIdentityToken");
}

static bool six_digits(const char *s)
{
	if (!s || strlen(s) != 6)
		return false;
	for (int i = 0; i < 6; i++)
		if (s[i] < '0' || s[i] > '9')
			return false;
	return true;
}

static void op_assume_role(struct sim_sts *t, const struct sim_ctx *ctx, const char *form,
			   size_t len, struct sim_reply *r)
{
	struct assume_req q = { 0 };
	char *account = NULL, *role = NULL;
	long d;

	read_assume(form, len, &q);
	if (!check_common(&q, r, &account, &role))
		goto out;
	if ((d = duration_of(t, q.duration, r)) < 0)
		goto out;
	/* The demo's MFA device takes any six digits; without them STS
	 * answers AccessDenied, as the real one does for a wrong code. */
	if (q.serial && !six_digits(q.code)) {
		sim_sts_error(
			r, 403, "AccessDenied",
			"MultiFactorAuthentication failed with invalid MFA one time pass code. ");
		goto out;
	}
	issue(t, ctx, false, role, q.session_name, d, r);
out:
	free(account);
	free(role);
	assume_req_free(&q);
}

/* A JWT is three base64url parts; the simulator trusts any that looks like one. */
static bool looks_like_jwt(const char *s)
{
	int dots = 0;
	size_t n = s ? strlen(s) : 0;

	/* botocore sends the token file as read, its newline included. */
	while (n && strchr(" \t\r\n", s[n - 1]))
		n--;
	if (n < 4 || n > 20000)
		return false;
	for (const char *end = s + n; s < end; s++) {
		if (*s == '.')
			dots++;
		else if (!((*s >= 'a' && *s <= 'z') || (*s >= 'A' && *s <= 'Z') ||
			   (*s >= '0' && *s <= '9') || *s == '-' || *s == '_' || *s == '='))
			return false;
	}
	return dots == 2;
}

static void op_assume_web(struct sim_sts *t, const struct sim_ctx *ctx, const char *form,
			  size_t len, struct sim_reply *r)
{
	struct assume_req q = { 0 };
	char *account = NULL, *role = NULL;
	long d;

	read_assume(form, len, &q);
	if (!check_common(&q, r, &account, &role))
		goto out;
	if (!q.token) {
		sim_sts_error(r, 400, "MissingParameter",
			      "The request must contain the parameter WebIdentityToken");
		goto out;
	}
	if (!looks_like_jwt(q.token)) {
		sim_sts_error(r, 400, "InvalidIdentityToken",
			      "The ID Token provided is not a valid JWT. (You may see this error "
			      "if you sent an Access Token)");
		goto out;
	}
	if ((d = duration_of(t, q.duration, r)) < 0)
		goto out;
	issue(t, ctx, true, role, q.session_name, d, r);
out:
	free(account);
	free(role);
	assume_req_free(&q);
}

static void op_caller_identity(const struct sim_sts_caller *caller, struct sim_reply *r)
{
	xmlDoc *doc;
	xmlNode *root = new_doc(&doc, "GetCallerIdentityResponse");
	xmlNode *res = xmlNewChild(root, NULL, BAD_CAST "GetCallerIdentityResult", NULL);

	if (caller->session) {
		text_child(res, "Arn", caller->session->arn);
		text_child(res, "UserId", caller->session->user_id);
	} else {
		char *arn = xasprintf("arn:aws:iam::%s:user/sagescale-demo", SIM_ACCOUNT);
		text_child(res, "Arn", arn);
		text_child(res, "UserId", DEMO_USER_ID);
		free(arn);
	}
	text_child(res, "Account", SIM_ACCOUNT);
	finish(r, doc, root, 200);
}

void sim_sts_serve(struct sim_sts *t, const struct sim_ctx *ctx,
		   const struct sim_sts_caller *caller, const char *form, size_t len,
		   struct sim_reply *r)
{
	char *action = sim_sts_action(form, len);
	char *version = form ? form_get(form, len, "Version") : NULL;

	if (!action) {
		sim_sts_error(r, 400, "MissingAction", "Missing Action");
	} else if (!version || strcmp(version, "2011-06-15") != 0) {
		sim_sts_error(r, 400, "InvalidAction", "Could not find operation for this version");
	} else if (strcmp(action, "AssumeRoleWithWebIdentity") == 0) {
		op_assume_web(t, ctx, form, len, r);
	} else if (!caller) {
		sim_sts_error(r, 403, "MissingAuthenticationToken",
			      "Request is missing Authentication Token");
	} else if (strcmp(action, "GetCallerIdentity") == 0) {
		op_caller_identity(caller, r);
	} else if (strcmp(action, "AssumeRole") == 0) {
		op_assume_role(t, ctx, form, len, r);
	} else {
		char *msg = xasprintf("Could not find operation %s for version 2011-06-15", action);
		sim_sts_error(r, 400, "InvalidAction", msg);
		free(msg);
	}
	free(action);
	free(version);
}
