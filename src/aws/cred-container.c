/* Provider "container-role": ECS task roles and EKS Pod Identity, as
 * botocore's ContainerProvider and ContainerMetadataFetcher.
 *   AWS_CONTAINER_CREDENTIALS_RELATIVE_URI  -> http://169.254.170.2<uri>
 *   AWS_CONTAINER_CREDENTIALS_FULL_URI      -> that URL; over http only to a
 *     loopback address, 169.254.170.2, 169.254.170.23, fd00:ec2::23 or
 *     localhost; any host over https
 *   AWS_CONTAINER_AUTHORIZATION_TOKEN_FILE (re-read at every fetch; EKS
 *     rotates it) or AWS_CONTAINER_AUTHORIZATION_TOKEN -> Authorization
 * GET with a 2 s timeout, 3 attempts 1 s apart.  Once configured, a failure
 * is an error (botocore raises; the chain does not go on). */
#include "config.h"
#include "aws/cred-http.h"
#include "aws/cred.h"
#include "util/buf.h"
#include "util/i18n.h"
#include "util/sanitize.h"
#include "util/xalloc.h"

#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define CONTAINER_HOST "169.254.170.2"
#define CONTAINER_TIMEOUT_MS 2000
#define CONTAINER_ATTEMPTS 3
#define CONTAINER_SLEEP_MS 1000
#define TOKEN_FILE_MAX (16 * 1024)

struct container_state {
	char *url;
	char *token_file; /* re-read at each fetch */
	char *token;      /* AWS_CONTAINER_AUTHORIZATION_TOKEN, when no file */
	char *ca_bundle;
};

static bool host_allowed(const char *url)
{
	static const char *const hosts[] = { CONTAINER_HOST, "169.254.170.23", "fd00:ec2::23",
					     "localhost" };
	char *scheme = NULL, *host = http_url_parts(url, &scheme);
	bool ok = false;

	if (host && scheme) {
		ok = strcmp(scheme, "https") == 0 || aws_cred_ip_is_loopback(host);
		for (size_t i = 0; !ok && i < sizeof hosts / sizeof *hosts; i++)
			ok = strcmp(host, hosts[i]) == 0;
	}
	free(host);
	free(scheme);
	return ok;
}

/* The token file's whole text, as botocore reads it. */
static char *read_token_file(const char *path, char **err)
{
	FILE *f = fopen(path, "r");
	struct buf b = BUF_INIT;
	char chunk[1024];
	size_t n;

	if (!f) {
		char *sp = sanitize_str(path);

		*err = xasprintf(_("Cannot read AWS_CONTAINER_AUTHORIZATION_TOKEN_FILE %s: %s."),
				 sp, strerror(errno));
		free(sp);
		return NULL;
	}
	while ((n = fread(chunk, 1, sizeof chunk, f)) > 0 && b.len < TOKEN_FILE_MAX)
		buf_append(&b, chunk, n);
	fclose(f);
	return buf_steal(&b);
}

static enum http_status get_once(struct http_client *hc, const char *url, const char *auth,
				 struct http_response *resp)
{
	struct http_header h[3] = {
		{ "Accept", "application/json" },
		{ "User-Agent", "sagescale/" PACKAGE_VERSION },
		{ "Authorization", (char *)auth },
	};

	return http_request(hc, "GET", url, h, auth ? 3 : 2, NULL, 0, NULL, resp);
}

static int container_fetch(struct container_state *st, struct aws_credentials *out, char **err)
{
	char *auth = NULL, *why = NULL;
	int rc = AWS_CRED_ERROR;

	if (st->token_file) {
		if (!(auth = read_token_file(st->token_file, err)))
			return AWS_CRED_ERROR;
	} else if (st->token) {
		auth = xstrdup(st->token);
	}
	if (auth && strpbrk(auth, "\r\n")) {
		*err = xstrdup(_("The container authorization token holds a line break, which is "
				 "not a legal header value."));
		aws_cred_wipe(&auth);
		return AWS_CRED_ERROR;
	}
	struct http_client *hc =
		aws_cred_http_client(st->ca_bundle, CONTAINER_TIMEOUT_MS, CONTAINER_TIMEOUT_MS);

	for (int attempt = 1; attempt <= CONTAINER_ATTEMPTS; attempt++) {
		struct http_response r;
		enum http_status hs = get_once(hc, st->url, auth, &r);
		const char *missing = NULL;

		free(why);
		why = NULL;
		if (hs != HTTP_OK) {
			why = xstrdup(r.error ? r.error : _("network error"));
		} else if (r.status != 200) {
			why = xasprintf(_("HTTP status %ld"), r.status);
		} else {
			switch (aws_cred_parse_answer(r.body, r.body_len, out,
						      xstrdup(_("container credentials endpoint")),
						      &missing)) {
			case AWS_ANSWER_OK: rc = AWS_CRED_FOUND; break;
			case AWS_ANSWER_MISSING:
				/* botocore's KeyError: not retried. */
				*err = xasprintf(_("The container credentials endpoint answered "
						   "without %s."),
						 missing);
				http_response_free(&r);
				goto out;
			case AWS_ANSWER_BAD_TIME:
				*err = xstrdup(_("The container credentials endpoint answered with "
						 "an Expiration that is not an ISO 8601 time."));
				http_response_free(&r);
				goto out;
			default: why = xstrdup(_("the answer is not a JSON object"));
			}
		}
		http_response_free(&r);
		if (rc == AWS_CRED_FOUND)
			goto out;
		if (attempt < CONTAINER_ATTEMPTS)
			aws_cred_sleep_ms(CONTAINER_SLEEP_MS);
	}
	char *su = sanitize_str(st->url);

	*err = xasprintf(_("No credentials from the container credentials endpoint %s after %d "
			   "attempts: %s."),
			 su, CONTAINER_ATTEMPTS, why);
	free(su);
out:
	free(why);
	http_client_free(hc);
	aws_cred_wipe(&auth);
	return rc;
}

static void container_state_free(void *state)
{
	struct container_state *st = state;

	free(st->url);
	free(st->token_file);
	aws_cred_wipe(&st->token);
	free(st->ca_bundle);
	free(st);
}

char *aws_cred_container_url(const char *relative, const char *full)
{
	/* botocore's full_url: the address and the URI as given, no '/' added. */
	return relative ? xasprintf("http://" CONTAINER_HOST "%s", relative) : xstrdup(full);
}

static int container_resolve(const struct aws_cred_ctx *ctx, struct aws_credentials *out,
			     void **state, char **err)
{
	/* botocore tests presence ("in os.environ"): set but empty still counts. */
	const char *rel = getenv("AWS_CONTAINER_CREDENTIALS_RELATIVE_URI");
	const char *full = getenv("AWS_CONTAINER_CREDENTIALS_FULL_URI");
	struct container_state *st;
	int rc;

	if (!rel && !full)
		return AWS_CRED_NONE;
	st = xcalloc(1, sizeof(*st));
	st->url = aws_cred_container_url(rel, full);
	if (!rel && !host_allowed(st->url)) {
		char *su = sanitize_str(st->url);

		*err = xasprintf(_("AWS_CONTAINER_CREDENTIALS_FULL_URI %s is not allowed: over "
				   "http only a loopback address, 169.254.170.2, 169.254.170.23, "
				   "fd00:ec2::23 or localhost; any host over https."),
				 su);
		free(su);
		container_state_free(st);
		return AWS_CRED_ERROR;
	}
	if (getenv("AWS_CONTAINER_AUTHORIZATION_TOKEN_FILE"))
		st->token_file = xstrdup(getenv("AWS_CONTAINER_AUTHORIZATION_TOKEN_FILE"));
	else if (getenv("AWS_CONTAINER_AUTHORIZATION_TOKEN"))
		st->token = xstrdup(getenv("AWS_CONTAINER_AUTHORIZATION_TOKEN"));
	st->ca_bundle = ctx->ca_bundle ? xstrdup(ctx->ca_bundle) : NULL;
	rc = container_fetch(st, out, err);
	if (rc != AWS_CRED_FOUND) {
		container_state_free(st);
		return rc;
	}
	*state = st;
	return rc;
}

static int container_refresh(void *state, struct aws_credentials *out, char **err)
{
	return container_fetch(state, out, err);
}

const struct aws_cred_provider aws_cred_container = {
	.method = "container-role",
	.tried = N_("container endpoint (AWS_CONTAINER_CREDENTIALS_RELATIVE_URI)"),
	.resolve = container_resolve,
	.refresh = container_refresh,
	.state_free = container_state_free,
};
