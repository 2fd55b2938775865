/* STS calls over the Query protocol (see sts.h): the form body, SigV4 for
 * "sts", retries, and the XML answers and errors read with libxml2. */
#include "config.h"
#include "aws/sts.h"
#include "aws/http.h"
#include "aws/sigv4.h"
#include "util/ascii.h"
#include "util/buf.h"
#include "util/i18n.h"
#include "util/sanitize.h"
#include "util/isotime.h"
#include "util/xalloc.h"

#include <arpa/inet.h>
#include <libxml/parser.h>
#include <libxml/tree.h>
#include <netinet/in.h>
#include <openssl/crypto.h>
#include <pthread.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <sys/random.h>
#include <time.h>

#define STS_VERSION "2011-06-15"
#define STS_DEFAULT_ATTEMPTS 3
#define STS_BACKOFF_BASE_MS 100L
#define STS_BACKOFF_CAP_MS 20000L
/* STS answers are a few kilobytes; anything past this is not one. */
#define STS_MAX_ANSWER ((size_t)1 << 20)
#define STS_MAX_DEPTH 16

static atomic_ulong sts_sent;
static pthread_once_t xml_once = PTHREAD_ONCE_INIT;

unsigned long sts_requests_sent(void)
{
	return atomic_load(&sts_sent);
}

/* libxml2's global set-up must happen once, before threads parse. */
static void xml_init(void)
{
	xmlInitParser();
}

/* ---- form encoding ---- */

char *sts_form_encode(const char *s)
{
	static const char hex[] = "0123456789ABCDEF";
	struct buf b = BUF_INIT;

	for (const unsigned char *p = (const unsigned char *)s; *p; p++) {
		if ((*p >= 'A' && *p <= 'Z') || (*p >= 'a' && *p <= 'z') ||
		    (*p >= '0' && *p <= '9') || *p == '-' || *p == '_' || *p == '.' || *p == '~') {
			buf_putc(&b, (char)*p);
		} else {
			buf_putc(&b, '%');
			buf_putc(&b, hex[*p >> 4]);
			buf_putc(&b, hex[*p & 15]);
		}
	}
	return buf_steal(&b);
}

static void form_add(struct buf *b, const char *name, const char *value)
{
	if (!value)
		return;
	char *v = sts_form_encode(value);

	buf_printf(b, "&%s=%s", name, v);
	OPENSSL_cleanse(v, strlen(v)); /* may be a token or an MFA code */
	free(v);
}

/* ---- XML reading ---- */

static bool name_is(const xmlNode *n, const char *name)
{
	return n && n->type == XML_ELEMENT_NODE && strcmp((const char *)n->name, name) == 0;
}

static xmlNode *child(const xmlNode *parent, const char *name)
{
	for (xmlNode *n = parent ? parent->children : NULL; n; n = n->next)
		if (name_is(n, name))
			return n;
	return NULL;
}

/* The text of parent/name, trimmed, or NULL when absent or empty. */
static char *child_text(const xmlNode *parent, const char *name)
{
	xmlNode *n = child(parent, name);
	xmlChar *t = n ? xmlNodeGetContent(n) : NULL;
	char *out = NULL;

	if (t) {
		const char *s = (const char *)t;
		size_t len;

		while (*s == ' ' || *s == '\t' || *s == '\n' || *s == '\r')
			s++;
		len = strlen(s);
		while (len && strchr(" \t\r\n", s[len - 1]))
			len--;
		if (len)
			out = xstrndup(s, len);
		OPENSSL_cleanse(t, (size_t)xmlStrlen(t));
		xmlFree(t);
	}
	return out;
}

static int tree_depth(const xmlNode *n, int depth)
{
	int max = depth;

	for (; n; n = n->next) {
		if (n->type != XML_ELEMENT_NODE)
			continue;
		int d = n->children ? tree_depth(n->children, depth + 1) : depth + 1;
		if (d > max)
			max = d;
		if (max > STS_MAX_DEPTH)
			return max;
	}
	return max;
}

/* Parses xml into a document whose root is named root.  STS never sends a
 * DTD, so a document that has one (entity tricks) is refused, and nothing
 * is fetched from the network. */
static xmlDoc *read_doc(const char *xml, size_t len, const char *root, char **err)
{
	xmlParserCtxt *ctx;
	xmlDoc *doc = NULL;

	pthread_once(&xml_once, xml_init);
	if (!xml || len == 0) {
		*err = xstrdup(_("the STS answer is empty"));
		return NULL;
	}
	if (len > STS_MAX_ANSWER || len > INT32_MAX) {
		*err = xstrdup(_("the STS answer is too large"));
		return NULL;
	}
	ctx = xmlNewParserCtxt();
	if (ctx) {
		doc = xmlCtxtReadMemory(ctx, xml, (int)len, NULL, NULL,
					XML_PARSE_NONET | XML_PARSE_NOERROR | XML_PARSE_NOWARNING |
						XML_PARSE_NOCDATA);
		xmlFreeParserCtxt(ctx);
	}
	if (!doc) {
		*err = xstrdup(_("the STS answer is not well-formed XML (truncated?)"));
		return NULL;
	}
	xmlNode *r = xmlDocGetRootElement(doc);
	if (doc->intSubset || doc->extSubset) {
		*err = xstrdup(_(
			"the STS answer carries a document type declaration, which STS never sends"));
	} else if (!name_is(r, root)) {
		char *got = r ? sanitize_str((const char *)r->name) : xstrdup("");
		*err = xasprintf(_("the STS answer is <%s>, not <%s>"), got, root);
		free(got);
	} else if (tree_depth(r, 0) > STS_MAX_DEPTH) {
		*err = xstrdup(_("the STS answer is nested too deeply"));
	} else {
		return doc;
	}
	xmlFreeDoc(doc);
	return NULL;
}

static char *missing(const char *what)
{
	return xasprintf(_("the STS answer has no %s"), what);
}

int sts_parse_identity(const char *xml, size_t len, struct sts_identity *out, char **err)
{
	xmlDoc *doc = read_doc(xml, len, "GetCallerIdentityResponse", err);

	memset(out, 0, sizeof(*out));
	if (!doc)
		return -1;
	xmlNode *res = child(xmlDocGetRootElement(doc), "GetCallerIdentityResult");
	out->user_id = child_text(res, "UserId");
	out->account = child_text(res, "Account");
	out->arn = child_text(res, "Arn");
	xmlFreeDoc(doc);
	const char *lack = !res            ? "GetCallerIdentityResult"
			   : !out->arn     ? "Arn"
			   : !out->account ? "Account"
			   : !out->user_id ? "UserId"
					   : NULL;
	if (lack) {
		*err = missing(lack);
		sts_identity_free(out);
		return -1;
	}
	return 0;
}

int sts_parse_assumed(enum sts_op op, const char *xml, size_t len, struct sts_assumed *out,
		      char **err)
{
	bool web = op == STS_ASSUME_ROLE_WITH_WEB_IDENTITY;
	const char *root = web ? "AssumeRoleWithWebIdentityResponse" : "AssumeRoleResponse";
	const char *result = web ? "AssumeRoleWithWebIdentityResult" : "AssumeRoleResult";
	xmlDoc *doc = read_doc(xml, len, root, err);

	memset(out, 0, sizeof(*out));
	out->packed_policy_size = -1;
	if (!doc)
		return -1;
	xmlNode *top = xmlDocGetRootElement(doc);
	xmlNode *res = child(top, result);
	xmlNode *cr = child(res, "Credentials");
	xmlNode *user = child(res, "AssumedRoleUser");

	out->access_key_id = child_text(cr, "AccessKeyId");
	out->secret_access_key = child_text(cr, "SecretAccessKey");
	out->session_token = child_text(cr, "SessionToken");
	out->expiration = child_text(cr, "Expiration");
	out->assumed_role_id = child_text(user, "AssumedRoleId");
	out->arn = child_text(user, "Arn");
	out->source_identity = child_text(res, "SourceIdentity");
	char *pps = child_text(res, "PackedPolicySize");
	if (pps) {
		char *end;
		long v = strtol(pps, &end, 10);
		if (!*end && v >= 0)
			out->packed_policy_size = v;
		free(pps);
	}
	if (web) {
		out->subject = child_text(res, "SubjectFromWebIdentityToken");
		out->provider = child_text(res, "Provider");
		out->audience = child_text(res, "Audience");
	}
	out->request_id = child_text(child(top, "ResponseMetadata"), "RequestId");
	xmlFreeDoc(doc);

	const char *lack = !res                      ? result
			   : !cr                     ? "Credentials"
			   : !out->access_key_id     ? "AccessKeyId"
			   : !out->secret_access_key ? "SecretAccessKey"
			   : !out->session_token     ? "SessionToken"
			   : !out->expiration        ? "Expiration"
						     : NULL;
	if (lack) {
		*err = missing(lack);
	} else if (isotime_parse(out->expiration, 0, &out->expires, NULL) < 0) {
		char *safe = sanitize_str(out->expiration);
		*err = xasprintf(_("the STS answer's Expiration \"%s\" is not a time"), safe);
		free(safe);
	} else {
		return 0;
	}
	sts_assumed_free(out);
	return -1;
}

int sts_parse_error(const char *xml, size_t len, char **code, char **message, char **request_id)
{
	char *err = NULL;
	xmlDoc *doc = read_doc(xml, len, "ErrorResponse", &err);

	*code = *message = *request_id = NULL;
	free(err);
	if (!doc)
		return -1;
	xmlNode *top = xmlDocGetRootElement(doc);
	xmlNode *e = child(top, "Error");

	if (!e) /* <Errors><Error>, which botocore also reads (moto sends it) */
		e = child(child(top, "Errors"), "Error");
	*code = child_text(e, "Code");
	*message = child_text(e, "Message");
	*request_id = child_text(top, "RequestId");
	xmlFreeDoc(doc);
	return 0;
}

/* ---- freeing ---- */

static void wipe(char **s)
{
	if (*s) {
		OPENSSL_cleanse(*s, strlen(*s));
		free(*s);
		*s = NULL;
	}
}

void sts_identity_free(struct sts_identity *id)
{
	if (!id)
		return;
	free(id->user_id);
	free(id->account);
	free(id->arn);
	memset(id, 0, sizeof(*id));
}

void sts_assumed_free(struct sts_assumed *a)
{
	if (!a)
		return;
	free(a->access_key_id);
	wipe(&a->secret_access_key);
	wipe(&a->session_token);
	free(a->expiration);
	free(a->assumed_role_id);
	free(a->arn);
	free(a->source_identity);
	free(a->subject);
	free(a->provider);
	free(a->audience);
	free(a->request_id);
	memset(a, 0, sizeof(*a));
	a->packed_policy_size = -1;
}

/* ---- the call ---- */

struct sts_url {
	bool https;
	char *host;     /* as written (IPv6 with brackets) */
	char *hostport; /* the Host header */
	char *path;
	char *url;
};

static void url_free(struct sts_url *u)
{
	free(u->host);
	free(u->hostport);
	free(u->path);
	free(u->url);
}

/* scheme://host[:port][/path]; a reason when it is not one. */
static const char *url_parse(const char *url, struct sts_url *u)
{
	const char *auth, *end, *hend;

	memset(u, 0, sizeof(*u));
	if (!url || !*url)
		return _("there is no STS endpoint");
	for (const char *p = url; *p; p++)
		if ((unsigned char)*p <= ' ' || (unsigned char)*p >= 0x7f)
			return _("it contains spaces, control or non-ASCII characters");
	if (ascii_strncasecmp(url, "https://", 8) == 0) {
		u->https = true;
		auth = url + 8;
	} else if (ascii_strncasecmp(url, "http://", 7) == 0) {
		auth = url + 7;
	} else {
		return _("it must start with https:// or http://");
	}
	end = auth + strcspn(auth, "/?#");
	if (strpbrk(end, "?#"))
		return _("it must not contain a query or a fragment");
	if (memchr(auth, '@', (size_t)(end - auth)))
		return _("it must not contain a user name or password");
	if (*auth == '[') {
		hend = memchr(auth, ']', (size_t)(end - auth));
		if (!hend)
			return _("its IPv6 address is not closed by ']'");
		hend++;
	} else {
		hend = memchr(auth, ':', (size_t)(end - auth));
		if (!hend)
			hend = end;
	}
	if (hend == auth)
		return _("it has no host name");
	u->host = xstrndup(auth, (size_t)(hend - auth));
	/* The default port is left out of Host, as botocore does. */
	if (hend < end &&
	    !((u->https && strncmp(hend, ":443", 4) == 0 && hend + 4 == end) ||
	      (!u->https && strncmp(hend, ":80", 3) == 0 && hend + 3 == end)) &&
	    hend + 1 < end)
		u->hostport = xstrndup(auth, (size_t)(end - auth));
	else
		u->hostport = xstrdup(u->host);
	u->path = xstrdup(*end ? end : "/");
	u->url = xasprintf("%s://%s%s", u->https ? "https" : "http", u->hostport, u->path);
	return NULL;
}

static bool loopback(const char *host)
{
	unsigned char a[16];

	if (ascii_strcasecmp(host, "localhost") == 0)
		return true;
	if (inet_pton(AF_INET, host, a) == 1)
		return a[0] == 127;
	if (host[0] == '[' && strlen(host) > 2) {
		char *inner = xstrndup(host + 1, strlen(host) - 2);
		int ok = inet_pton(AF_INET6, inner, a);
		free(inner);
		return ok == 1 && memcmp(a, &in6addr_loopback, 16) == 0;
	}
	return false;
}

static void clear_answer(struct aws_result *res)
{
	free(res->body);
	free(res->request_id);
	free(res->error_code);
	free(res->error_message);
	res->body = res->request_id = res->error_code = res->error_message = NULL;
	res->body_len = 0;
}

/* One attempt: sign when there are credentials (cr), POST, and keep the
 * answer in *hr.  Returns the transport status, or -1 when signing failed. */
static int send_signed(const struct sts_conn *conn, const struct aws_credentials *cr,
		       struct http_client *http, const struct sts_url *u, const char *body,
		       struct http_response *hr)
{
	static const char ctype[] = "application/x-www-form-urlencoded; charset=utf-8";
	char date[17];
	size_t blen = strlen(body);
	bool token = cr && cr->session_token && *cr->session_token;

	sigv4_format_date((long long)time(NULL), date);
	struct sigv4_header sh[4] = {
		{ "Host", u->hostport },
		{ "Content-Type", ctype },
		{ "X-Amz-Date", date },
		{ "X-Amz-Security-Token", token ? cr->session_token : NULL },
	};
	size_t nsh = token ? 4 : 3;
	struct http_header h[6];
	size_t n = 0;
	struct sigv4_result sr = { 0 };

	for (size_t i = 0; i < nsh; i++)
		h[n++] = (struct http_header){ (char *)sh[i].name, (char *)sh[i].value };
	if (cr) {
		struct sigv4_request req = { "POST", u->path, NULL, sh, nsh, body, blen };
		struct sigv4_credentials sc = { cr->access_key_id, cr->secret_access_key,
						token ? cr->session_token : NULL };
		if (sigv4_sign(&req, &sc, conn->region, "sts", date, &sr) != 0)
			return -1;
		h[n++] = (struct http_header){ "Authorization", sr.authorization };
	}
	h[n++] = (struct http_header){ "User-Agent", "sagescale/" PACKAGE_VERSION };
	atomic_fetch_add(&sts_sent, 1);
	enum http_status st = http_post(http, u->url, h, n, body, blen, conn->cancel, hr);
	if (cr)
		sigv4_result_free(&sr);
	return (int)st;
}

/* send_signed with conn's credentials: the store's current ones when it
 * has a store.  -2 with *cred_err when the store has none valid. */
static int send_once(const struct sts_conn *conn, struct http_client *http, const struct sts_url *u,
		     const char *body, struct http_response *hr, char **cred_err)
{
	struct aws_credentials current = { 0 };
	int st;

	if (!conn->credstore)
		return send_signed(conn, conn->creds, http, u, body, hr);
	if (aws_credstore_get(conn->credstore, &current, cred_err) < 0)
		return -2;
	st = send_signed(conn, &current, http, u, body, hr);
	aws_credentials_free(&current);
	return st;
}

/* Fills res from a non-2xx answer: the <ErrorResponse>'s code and message,
 * or the HTTP status when the body is not one. */
static void service_error(const struct http_response *hr, struct aws_result *res)
{
	char *code, *msg, *rid;

	res->kind = AWS_ERR_SERVICE;
	if (sts_parse_error(hr->body, hr->body_len, &code, &msg, &rid) == 0) {
		res->error_code = code ? sanitize_str(code) : NULL;
		res->error_message = sanitize_str(msg ? msg : "");
		if (rid && !res->request_id)
			res->request_id = sanitize_str(rid);
		free(code);
		free(msg);
		free(rid);
	} else {
		size_t n = hr->body_len > 120 ? 120 : hr->body_len;
		char *ex = sanitize_text(hr->body ? hr->body : "", n);
		res->error_message =
			xasprintf(_("HTTP %ld (the body is not an STS error: \"%s%s\")"),
				  hr->status, ex, n < hr->body_len ? "..." : "");
		free(ex);
	}
}

static bool retryable(const struct aws_result *res, int st)
{
	if (res->kind == AWS_ERR_NETWORK)
		return st == HTTP_ERR_CONNECT || st == HTTP_ERR_TIMEOUT || st == HTTP_ERR_IO;
	if (res->kind != AWS_ERR_SERVICE)
		return false;
	if (aws_is_throttling_code(res->error_code) ||
	    (res->error_code && (strcmp(res->error_code, "IDPCommunicationError") == 0 ||
				 strcmp(res->error_code, "InternalFailure") == 0 ||
				 strcmp(res->error_code, "ServiceUnavailable") == 0)))
		return true;
	return res->http_status >= 500 && res->http_status != 501;
}

static long backoff_ms(int retry)
{
	long ceiling = STS_BACKOFF_BASE_MS;
	uint32_t r;

	for (int i = 0; i < retry && ceiling < STS_BACKOFF_CAP_MS; i++)
		ceiling *= 2;
	if (ceiling > STS_BACKOFF_CAP_MS)
		ceiling = STS_BACKOFF_CAP_MS;
	if (getrandom(&r, sizeof(r), GRND_NONBLOCK) != (ssize_t)sizeof(r))
		r = (uint32_t)rand();
	return (long)((double)r / 4294967296.0 * (double)ceiling);
}

static bool pause_ms(long ms, atomic_bool *cancel)
{
	while (ms > 0) {
		if (cancel && atomic_load(cancel))
			return false;
		long step = ms > 10 ? 10 : ms;
		struct timespec ts = { 0, step * 1000000L };
		nanosleep(&ts, NULL);
		ms -= step;
	}
	return !(cancel && atomic_load(cancel));
}

/* Checks the endpoint and the plain-http rule before anything is sent. */
static char *check_conn(const struct sts_conn *conn, struct sts_url *u)
{
	const char *why = url_parse(conn->endpoint, u);

	if (why) {
		char *s = sanitize_str(conn->endpoint ? conn->endpoint : "");
		char *m = xasprintf(_("invalid STS endpoint URL \"%s\": %s"), s, why);
		free(s);
		return m;
	}
	if (!u->https && !conn->allow_http && !loopback(u->host)) {
		char *s = sanitize_str(u->host);
		char *m = xasprintf(_("refusing to call STS over plain http:// at %s (only "
				      "loopback hosts may use http): use https://"),
				    s);
		free(s);
		return m;
	}
	if (!conn->region || !*conn->region)
		return xstrdup(_(
			"no AWS region to sign the STS call for: set AWS_REGION or use --region"));
	return NULL;
}

/* POSTs Action=action&Version=...&extra, with retries; on AWS_OK the raw
 * XML answer is returned in *xml (caller wipes and frees). */
static int sts_call(const struct sts_conn *conn, const char *action, const char *extra,
		    struct aws_result *res, struct buf *xml)
{
	struct sts_url u;
	char *err;
	int max = conn->max_attempts > 0 ? conn->max_attempts : STS_DEFAULT_ATTEMPTS;

	memset(res, 0, sizeof(*res));
	if ((err = check_conn(conn, &u))) {
		url_free(&u);
		aws_result_set_error(res, AWS_ERR_CONFIG, err);
		return res->kind;
	}
	struct http_options ho = { .ca_bundle = conn->ca_bundle,
				   .connect_timeout_ms = conn->connect_timeout_ms,
				   .timeout_ms = conn->timeout_ms,
				   .max_response_bytes = STS_MAX_ANSWER };
	/* Not http.c's debug log: these bodies hold tokens and secrets. */
	struct http_client *http = http_client_new(&ho);
	struct buf body = BUF_INIT;

	buf_printf(&body, "Action=%s&Version=%s%s", action, STS_VERSION, extra ? extra : "");
	for (;;) {
		struct http_response hr = { 0 };

		res->attempts++;
		char *cred_err = NULL;
		int st = send_once(conn, http, &u, buf_str(&body), &hr, &cred_err);
		clear_answer(res);
		if (st == -2) {
			aws_result_set_error(res, AWS_ERR_CONFIG,
					     xasprintf(_("no valid credentials: %s"), cred_err));
			free(cred_err);
			break;
		}
		if (st < 0) {
			http_response_free(&hr);
			aws_result_set_error(
				res, AWS_ERR_CONFIG,
				xstrdup(_("the STS request could not be signed (check the "
					  "access key, the secret key and the region)")));
			break;
		}
		res->http_status = hr.status;
		res->net_status = (enum http_status)st;
		const char *rid =
			st == HTTP_OK ? http_response_header(&hr, "x-amzn-requestid") : NULL;
		if (rid && *rid)
			res->request_id = sanitize_str(rid);
		if (st != HTTP_OK) {
			res->kind = st == HTTP_ERR_CANCELLED ? AWS_ERR_CANCELLED : AWS_ERR_NETWORK;
			res->error_message = xstrdup(hr.error ? hr.error : _("network error"));
		} else if (hr.status >= 200 && hr.status < 300) {
			res->kind = AWS_OK;
			buf_append(xml, hr.body ? hr.body : "", hr.body_len);
		} else {
			service_error(&hr, res);
		}
		if (hr.body)
			OPENSSL_cleanse(hr.body, hr.body_len);
		http_response_free(&hr);
		if (conn->debug) {
			char *code = res->error_code ? sanitize_str(res->error_code) : NULL;
			fprintf(stderr, "sagescale: STS %s (attempt %d of %d): HTTP %ld%s%s\n",
				action, res->attempts, max, res->http_status, code ? " " : "",
				code ? code : "");
			free(code);
		}
		if (res->kind == AWS_OK || res->attempts >= max || !retryable(res, st))
			break;
		long delay = backoff_ms(res->attempts - 1);

		if (!conn->no_backoff_sleep && !pause_ms(delay, conn->cancel)) {
			aws_result_set_error(res, AWS_ERR_CANCELLED,
					     xstrdup(_("request cancelled")));
			break;
		}
	}
	buf_free_secret(&body);
	http_client_free(http);
	url_free(&u);
	return res->kind;
}

/* A 2xx answer that cannot be read becomes AWS_ERR_RESPONSE with why. */
static int bad_answer(struct aws_result *res, char *why)
{
	aws_result_set_error(res, AWS_ERR_RESPONSE, why);
	return res->kind;
}

int sts_get_caller_identity(const struct sts_conn *conn, struct sts_identity *out,
			    struct aws_result *res)
{
	struct buf xml = BUF_INIT;
	char *err = NULL;

	memset(out, 0, sizeof(*out));
	if (sts_call(conn, "GetCallerIdentity", NULL, res, &xml) == AWS_OK &&
	    sts_parse_identity(xml.data, xml.len, out, &err) < 0)
		bad_answer(res, err);
	buf_free(&xml);
	return res->kind;
}

static char *assume_form(const struct sts_assume_args *a, bool web)
{
	struct buf b = BUF_INIT;

	form_add(&b, "RoleArn", a->role_arn);
	form_add(&b, "RoleSessionName", a->role_session_name);
	if (a->duration_seconds > 0)
		buf_printf(&b, "&DurationSeconds=%d", a->duration_seconds);
	if (web) {
		form_add(&b, "WebIdentityToken", a->web_identity_token);
	} else {
		form_add(&b, "ExternalId", a->external_id);
		form_add(&b, "SerialNumber", a->serial_number);
		if (a->serial_number)
			form_add(&b, "TokenCode", a->token_code);
	}
	return buf_steal(&b);
}

static int assume(const struct sts_conn *conn, enum sts_op op, const struct sts_assume_args *a,
		  struct sts_assumed *out, struct aws_result *res)
{
	bool web = op == STS_ASSUME_ROLE_WITH_WEB_IDENTITY;
	char *form = assume_form(a, web);
	struct buf xml = BUF_INIT;
	char *err = NULL;

	memset(out, 0, sizeof(*out));
	out->packed_policy_size = -1;
	if (sts_call(conn, web ? "AssumeRoleWithWebIdentity" : "AssumeRole", form, res, &xml) ==
		    AWS_OK &&
	    sts_parse_assumed(op, xml.data, xml.len, out, &err) < 0)
		bad_answer(res, err);
	OPENSSL_cleanse(form, strlen(form));
	free(form);
	buf_free_secret(&xml);
	return res->kind;
}

int sts_assume_role(const struct sts_conn *conn, const struct sts_assume_args *args,
		    struct sts_assumed *out, struct aws_result *res)
{
	return assume(conn, STS_ASSUME_ROLE, args, out, res);
}

int sts_assume_role_with_web_identity(const struct sts_conn *conn,
				      const struct sts_assume_args *args, struct sts_assumed *out,
				      struct aws_result *res)
{
	struct sts_conn unsigned_conn = *conn;

	unsigned_conn.creds = NULL; /* the token is the proof, as botocore sends it */
	return assume(&unsigned_conn, STS_ASSUME_ROLE_WITH_WEB_IDENTITY, args, out, res);
}

/* ---- messages ---- */

const char *sts_error_hint(const struct aws_result *res)
{
	const char *code = res && res->error_code ? res->error_code : "";

	if (!res || res->kind != AWS_ERR_SERVICE)
		return res ? aws_error_hint(res) : NULL;
	if (strcmp(code, "AccessDenied") == 0)
		return _("STS refused: the source credentials may not assume this role (check the "
			 "role's trust policy, external_id and mfa_serial, and the caller's "
			 "sts:AssumeRole permission)");
	if (strncmp(code, "ExpiredToken", 12) == 0)
		return _("the credentials used to call STS have expired: refresh the source "
			 "profile's credentials (or the web identity token) and try again");
	if (strcmp(code, "RegionDisabledException") == 0)
		return _("STS is not activated in this region for the account: activate it in "
			 "IAM (Account settings) or use another region");
	if (strcmp(code, "InvalidIdentityToken") == 0)
		return _("the web identity token was refused: check the token file and that the "
			 "role trusts its identity provider");
	if (strcmp(code, "IDPRejectedClaim") == 0 || strcmp(code, "IDPCommunicationError") == 0)
		return _("the identity provider's token was not accepted: check the token file "
			 "and the role's trust policy");
	if (strcmp(code, "MalformedPolicyDocument") == 0 ||
	    strcmp(code, "PackedPolicyTooLarge") == 0)
		return _("the session policy was refused by STS");
	if (strcmp(code, "ValidationError") == 0)
		return _("STS refused a parameter: check role_arn, role_session_name and "
			 "duration_seconds (900 to the role's maximum)");
	return aws_error_hint(res);
}
