/* Provider "iam-role": the instance metadata service (IMDSv2), as botocore's
 * InstanceMetadataFetcher:
 *   PUT  /latest/api/token (X-aws-ec2-metadata-token-ttl-seconds: 21600)
 *        200: the token; 403/404/405, a timeout or no connection: no token
 *        (IMDSv1 then, unless AWS_EC2_METADATA_V1_DISABLED /
 *        ec2_metadata_v1_disabled, which makes it an error); 400: give up
 *   GET  /latest/meta-data/iam/security-credentials/        the role name
 *   GET  /latest/meta-data/iam/security-credentials/ROLE    the credentials
 * Each request gets AWS_METADATA_SERVICE_NUM_ATTEMPTS attempts (default 1)
 * of AWS_METADATA_SERVICE_TIMEOUT seconds (default 1); non-200 and empty
 * answers (and, for the credentials, non-JSON ones) are retried.  When the
 * service gives nothing the chain ends with "not found", as in botocore.
 * AWS_EC2_METADATA_DISABLED=true skips it.  The endpoint:
 * AWS_EC2_METADATA_SERVICE_ENDPOINT / ec2_metadata_service_endpoint, else
 * http://[fd00:ec2::254]/ with endpoint mode IPv6, else
 * http://169.254.169.254/.
 * Credentials that expire within botocore's refresh window (15 min) plus a
 * jitter of 2-10 min, expired ones included, get their expiry moved to now
 * plus that offset, as botocore's _evaluate_expiration does ("static
 * stability": an instance keeps working through a metadata service outage
 * that hands out stale credentials); the store refreshes them again before
 * that later expiry. */
#include "config.h"
#include "aws/cred-http.h"
#include "aws/cred.h"
#include "util/ascii.h"
#include "util/i18n.h"
#include "util/sanitize.h"
#include "util/xalloc.h"

#include <errno.h>
#include <openssl/rand.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <time.h>

#define IMDS_V4 "http://169.254.169.254/"
#define IMDS_V6 "http://[fd00:ec2::254]/"
#define IMDS_TOKEN_TTL "21600"
#define IMDS_ROLE_PATH "latest/meta-data/iam/security-credentials/"
/* botocore: ec2_credential_refresh_window (its advisory refresh timeout,
 * 15 min) plus random.randint(120, 600) seconds. */
#define IMDS_REFRESH_WINDOW 900
#define IMDS_JITTER_MIN 120
#define IMDS_JITTER_MAX 600

struct imds_state {
	char *base; /* ends in '/' */
	long timeout_ms;
	int attempts;
	bool v1_disabled;
};

enum step {
	STEP_OK,
	STEP_NONE,  /* nothing to be had: the chain goes on */
	STEP_ERROR, /* *err set */
};

static char *url_of(const struct imds_state *st, const char *path)
{
	return xasprintf("%s%s", st->base, path);
}

/* The token, or NULL (v1 fallback); *bad_request for a 400. */
static char *fetch_token(const struct imds_state *st, struct http_client *hc, bool *bad_request)
{
	char *url = url_of(st, "latest/api/token");
	struct http_header h[2] = {
		{ "x-aws-ec2-metadata-token-ttl-seconds", IMDS_TOKEN_TTL },
		{ "User-Agent", "sagescale/" PACKAGE_VERSION },
	};
	char *token = NULL;

	*bad_request = false;
	for (int i = 0; i < st->attempts; i++) {
		struct http_response r;
		enum http_status hs = http_request(hc, "PUT", url, h, 2, "", 0, NULL, &r);
		long status = r.status;

		if (hs == HTTP_OK && status == 200) {
			token = r.body;
			r.body = NULL;
		}
		http_response_free(&r);
		if (token || (hs == HTTP_OK && (status == 403 || status == 404 || status == 405)))
			break;
		if (hs == HTTP_OK && status == 400) {
			*bad_request = true;
			break;
		}
		/* A read timeout means "no IMDSv2 here" to botocore; a failed
		 * connection is retried, then also falls back. */
		if (hs == HTTP_ERR_TIMEOUT)
			break;
	}
	free(url);
	return token;
}

/* GET path; the body on 200 with content (and JSON when want_json). */
static char *get(const struct imds_state *st, struct http_client *hc, const char *path,
		 const char *token, bool want_json, size_t *len)
{
	char *url = url_of(st, path);
	struct http_header h[2] = {
		{ "User-Agent", "sagescale/" PACKAGE_VERSION },
		{ "x-aws-ec2-metadata-token", (char *)token },
	};
	char *body = NULL;

	for (int i = 0; i < st->attempts && !body; i++) {
		struct http_response r;
		enum http_status hs =
			http_request(hc, "GET", url, h, token ? 2 : 1, NULL, 0, NULL, &r);

		if (hs == HTTP_OK && r.status == 200 && r.body_len) {
			struct json_object *doc =
				want_json ? aws_cred_json_parse(r.body, r.body_len) : NULL;

			if (!want_json || doc) {
				body = r.body;
				*len = r.body_len;
				r.body = NULL;
			}
			aws_cred_json_free(doc);
		}
		if (r.body)
			aws_cred_wipe(&r.body);
		http_response_free(&r);
	}
	free(url);
	return body;
}

/* botocore's _evaluate_expiration: within the window plus jitter of its
 * expiry (or past it), the credentials are used until now plus that offset
 * instead of failing; a refresh is tried again before then. */
static void extend_expiration(struct aws_credentials *c)
{
	unsigned int r = 0;
	long long now = (long long)time(NULL), offset;

	if (!c->expiration)
		return;
	if (RAND_bytes((unsigned char *)&r, sizeof r) != 1)
		r = (unsigned int)now;
	offset = IMDS_REFRESH_WINDOW + IMDS_JITTER_MIN +
		 (long long)(r % (IMDS_JITTER_MAX - IMDS_JITTER_MIN + 1));
	if (now >= c->expiration - offset)
		c->expiration = now + offset;
}

static enum step imds_fetch(const struct imds_state *st, struct aws_credentials *out, char **err)
{
	struct http_client *hc = aws_cred_http_client(NULL, st->timeout_ms, st->timeout_ms);
	bool bad_request;
	char *token = fetch_token(st, hc, &bad_request), *role = NULL, *doc = NULL, *path = NULL;
	size_t len = 0;
	enum step rc = STEP_NONE;

	if (bad_request)
		goto out;
	if (!token && st->v1_disabled) {
		*err = xstrdup(_("The instance metadata service gave no IMDSv2 token, and IMDSv1 "
				 "is disabled (AWS_EC2_METADATA_V1_DISABLED or "
				 "ec2_metadata_v1_disabled)."));
		rc = STEP_ERROR;
		goto out;
	}
	role = get(st, hc, IMDS_ROLE_PATH, token, false, &len);
	if (!role)
		goto out;
	/* One role per instance profile; a name is one path segment. */
	role[strcspn(role, "\r\n")] = '\0';
	if (!*role || strchr(role, '/') || strchr(role, '?') || strchr(role, '#'))
		goto out;
	path = xasprintf(IMDS_ROLE_PATH "%s", role);
	doc = get(st, hc, path, token, true, &len);
	if (!doc)
		goto out;
	char *sr = sanitize_str(role);

	/* Missing members: botocore logs them and returns nothing. */
	if (aws_cred_parse_answer(doc, len, out, xasprintf(_("instance metadata (role %s)"), sr),
				  NULL) == AWS_ANSWER_OK) {
		rc = STEP_OK;
		extend_expiration(out);
	}
	free(sr);
out:
	aws_cred_wipe(&token);
	aws_cred_wipe(&doc);
	free(role);
	free(path);
	http_client_free(hc);
	return rc;
}

static int int_setting(const struct aws_cred_ctx *ctx, const char *var, const char *key, int def,
		       int min, char **err)
{
	const char *v = aws_cred_env_get(var), *what = var;
	char *end;
	long n;

	if (!v) {
		v = aws_cred_profile_get(ctx, key);
		what = key;
	}
	if (!v || !*v)
		return def;
	errno = 0;
	n = strtol(v, &end, 10);
	if (errno || end == v || *end || n < min || n > 3600) {
		char *sv = sanitize_str(v);

		*err = xasprintf(_("%s must be a whole number from %d to 3600, not \"%s\"."), what,
				 min, sv);
		free(sv);
		return -1;
	}
	return (int)n;
}

static void imds_state_free(void *state)
{
	struct imds_state *st = state;

	free(st->base);
	free(st);
}

static int imds_resolve(const struct aws_cred_ctx *ctx, struct aws_credentials *out, void **state,
			char **err)
{
	const char *dis = getenv("AWS_EC2_METADATA_DISABLED");
	const char *endpoint, *mode, *v1;
	struct imds_state *st;
	int timeout, attempts;

	if (dis && ascii_strcasecmp(dis, "true") == 0)
		return AWS_CRED_NONE;
	/* botocore: metadata_service_timeout (seconds, default 1) and
	 * metadata_service_num_attempts (default 1). */
	if ((timeout = int_setting(ctx, "AWS_METADATA_SERVICE_TIMEOUT", "metadata_service_timeout",
				   1, 1, err)) < 0 ||
	    (attempts = int_setting(ctx, "AWS_METADATA_SERVICE_NUM_ATTEMPTS",
				    "metadata_service_num_attempts", 1, 1, err)) < 0)
		return AWS_CRED_ERROR;
	endpoint = aws_cred_env_get("AWS_EC2_METADATA_SERVICE_ENDPOINT");
	if (!endpoint)
		endpoint = aws_cred_profile_get(ctx, "ec2_metadata_service_endpoint");
	mode = aws_cred_env_get("AWS_EC2_METADATA_SERVICE_ENDPOINT_MODE");
	if (!mode)
		mode = aws_cred_profile_get(ctx, "ec2_metadata_service_endpoint_mode");
	if (mode && ascii_strcasecmp(mode, "ipv4") && ascii_strcasecmp(mode, "ipv6")) {
		char *sm = sanitize_str(mode);

		*err = xasprintf(_("The metadata service endpoint mode must be IPv4 or IPv6, not "
				   "\"%s\"."),
				 sm);
		free(sm);
		return AWS_CRED_ERROR;
	}
	v1 = aws_cred_env_get("AWS_EC2_METADATA_V1_DISABLED");
	if (!v1)
		v1 = aws_cred_profile_get(ctx, "ec2_metadata_v1_disabled");

	st = xcalloc(1, sizeof(*st));
	if (endpoint && *endpoint) {
		char *scheme = NULL, *host = http_url_parts(endpoint, &scheme);
		bool ok = host && scheme && (!strcmp(scheme, "http") || !strcmp(scheme, "https"));

		free(host);
		free(scheme);
		if (!ok) {
			char *se = sanitize_str(endpoint);

			*err = xasprintf(
				_("The metadata service endpoint \"%s\" is not a valid URL."), se);
			free(se);
			imds_state_free(st);
			return AWS_CRED_ERROR;
		}
		size_t n = strlen(endpoint);

		st->base = xasprintf("%s%s", endpoint, n && endpoint[n - 1] == '/' ? "" : "/");
	} else {
		st->base = xstrdup(mode && ascii_strcasecmp(mode, "ipv6") == 0 ? IMDS_V6 : IMDS_V4);
	}
	st->timeout_ms = timeout * 1000L;
	st->attempts = attempts;
	st->v1_disabled = aws_cred_true(v1);

	switch (imds_fetch(st, out, err)) {
	case STEP_OK: *state = st; return AWS_CRED_FOUND;
	case STEP_ERROR: imds_state_free(st); return AWS_CRED_ERROR;
	default: imds_state_free(st); return AWS_CRED_NONE;
	}
}

static int imds_refresh(void *state, struct aws_credentials *out, char **err)
{
	enum step s = imds_fetch(state, out, err);

	if (s == STEP_NONE && !*err)
		*err = xstrdup(_("The instance metadata service gave no credentials."));
	return s == STEP_OK ? AWS_CRED_FOUND : AWS_CRED_ERROR;
}

const struct aws_cred_provider aws_cred_imds = {
	.method = "iam-role",
	.tried = N_("instance metadata"),
	.resolve = imds_resolve,
	.refresh = imds_refresh,
	.state_free = imds_state_free,
};
