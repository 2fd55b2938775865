/* Provider "sso": IAM Identity Center, as botocore's SSOProvider,
 * SSOCredentialFetcher, SSOTokenLoader and SSOTokenProvider.
 *   - A profile with sso_account_id or sso_role_name uses it; with
 *     sso_session it takes sso_start_url and sso_region from the
 *     [sso-session NAME] section (a value in both must agree), else from the
 *     profile itself (the legacy form).
 *   - The access token is read from ~/.aws/sso/cache/<sha1>.json, the key
 *     being sha1(session name), or sha1(start URL) for the legacy form, as
 *     `aws sso login` writes it.
 *   - sso_session form: when less than 15 minutes are left and the cache
 *     holds a refresh token and an unexpired client registration, SSO-OIDC
 *     CreateToken (POST /token) gets a new one, and the cache file is
 *     written back as botocore writes it (same members, atomically, 0600).
 *     Legacy form: never refreshed; an expired token is refused before any
 *     call, as botocore does.
 *   - GetRoleCredentials (GET /federation/credentials, unsigned, the token in
 *     x-amz-sso_bearer_token) gives the role's credentials.
 * Endpoints: AWS_ENDPOINT_URL_SSO / AWS_ENDPOINT_URL_SSO_OIDC (see
 * aws_cred_endpoint), else https://portal.sso.REGION.amazonaws.com and
 * https://oidc.REGION.amazonaws.com. */
#include "config.h"
#include "aws/cred-http.h"
#include "aws/cred-sso.h"
#include "aws/cred.h"
#include "util/isotime.h"
#include "util/buf.h"
#include "util/i18n.h"
#include "util/sanitize.h"
#include "util/xalloc.h"

#include <errno.h>
#include <fcntl.h>
#include <openssl/evp.h>
#include <stdatomic.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>

#define SSO_REFRESH_WINDOW_S (15 * 60)
#define SSO_TIMEOUT_MS 10000
#define SSO_CACHE_MAX (256 * 1024)

struct sso_state {
	char *profile;
	char *session; /* sso_session name, or NULL (legacy) */
	char *start_url, *region, *account_id, *role_name;
	char *cache_path;
	char *portal_url, *oidc_url;
	char *ca_bundle;
	_Atomic long long token_expiration; /* of the access token, for the TUI */
};

static void sso_state_free(void *state)
{
	struct sso_state *st = state;

	if (!st)
		return;
	free(st->profile);
	free(st->session);
	free(st->start_url);
	free(st->region);
	free(st->account_id);
	free(st->role_name);
	free(st->cache_path);
	free(st->portal_url);
	free(st->oidc_url);
	free(st->ca_bundle);
	free(st);
}

char *aws_sso_cache_key(const char *start_url, const char *session_name)
{
	const char *in = session_name ? session_name : start_url;
	unsigned char md[EVP_MAX_MD_SIZE];
	unsigned int n = 0;
	char *hex;

	EVP_Digest(in, strlen(in), md, &n, EVP_sha1(), NULL);
	hex = xmalloc(2 * n + 1);
	for (unsigned int i = 0; i < n; i++)
		snprintf(hex + 2 * i, 3, "%02x", md[i]);
	return hex;
}

/* "2026-12-02T05:00:00Z", also the "...UTC" form older CLIs wrote. */
static int parse_token_time(const char *s, long long *out)
{
	size_t n = s ? strlen(s) : 0;

	if (n > 3 && strcmp(s + n - 3, "UTC") == 0) {
		char *z = xasprintf("%.*sZ", (int)(n - 3), s);
		int rc = isotime_parse(z, 0, out, NULL);

		free(z);
		return rc;
	}
	return s ? isotime_parse(s, 0, out, NULL) : -1;
}

static char *login_hint(const struct sso_state *st, const char *why)
{
	char *sp = sanitize_str(st->profile);
	char *m = xasprintf(_("%s: run `aws sso login --profile %s` first."), why, sp);

	free(sp);
	return m;
}

/* ---- the token cache ---- */

static char *read_file(const char *path, size_t *len, int *e)
{
	FILE *f = fopen(path, "r");
	struct buf b = BUF_INIT;
	char chunk[4096];
	size_t n;

	if (!f) {
		*e = errno;
		return NULL;
	}
	while ((n = fread(chunk, 1, sizeof chunk, f)) > 0 && b.len <= SSO_CACHE_MAX)
		buf_append(&b, chunk, n);
	fclose(f);
	*len = b.len;
	return buf_steal(&b);
}

int aws_sso_parse_cache(const char *text, size_t len, struct json_object **doc,
			const char **access_token, long long *expires_at)
{
	const char *exp;

	*doc = len <= SSO_CACHE_MAX ? aws_cred_json_parse(text, len) : NULL;
	if (!*doc)
		return -1;
	*access_token = aws_cred_json_str(*doc, "accessToken");
	exp = aws_cred_json_str(*doc, "expiresAt");
	if (!*access_token || !**access_token || parse_token_time(exp, expires_at) < 0) {
		aws_cred_json_free(*doc);
		*doc = NULL;
		return -2;
	}
	return 0;
}

static void format_utc(long long t, char *buf, size_t size)
{
	time_t tt = (time_t)t;
	struct tm tm;

	if (!gmtime_r(&tt, &tm) || !strftime(buf, size, "%Y-%m-%dT%H:%M:%SZ", &tm))
		snprintf(buf, size, "1970-01-01T00:00:00Z");
}

/* Writes doc to path through a temporary file in the same directory,
 * created 0600, synced, then renamed over it (botocore's JSONFileCache). */
static int write_cache(const char *path, struct json_object *doc)
{
	const char *text = json_object_to_json_string_ext(
		doc, JSON_C_TO_STRING_PLAIN | JSON_C_TO_STRING_NOSLASHESCAPE);
	char *tmp = xasprintf("%s.XXXXXX.tmp", path);
	size_t n = strlen(text), off = 0;
	int fd = mkstemps(tmp, 4), rc = -1;

	if (fd < 0)
		goto out;
	fchmod(fd, 0600);
	while (off < n) {
		ssize_t w = write(fd, text + off, n - off);

		if (w < 0 && errno == EINTR)
			continue;
		if (w <= 0)
			break;
		off += (size_t)w;
	}
	if (off == n && fsync(fd) == 0 && close(fd) == 0) {
		fd = -1;
		rc = rename(tmp, path);
	}
	if (fd >= 0)
		close(fd);
	if (rc < 0)
		unlink(tmp);
out:
	free(tmp);
	return rc;
}

/* RFC 3986 percent-encoding of a query value (unreserved kept). */
static char *query_escape(const char *s)
{
	struct buf b = BUF_INIT;

	for (const unsigned char *p = (const unsigned char *)s; *p; p++) {
		if ((*p >= 'A' && *p <= 'Z') || (*p >= 'a' && *p <= 'z') ||
		    (*p >= '0' && *p <= '9') || *p == '-' || *p == '_' || *p == '.' || *p == '~')
			buf_putc(&b, (char)*p);
		else
			buf_printf(&b, "%%%02X", *p);
	}
	return buf_steal(&b);
}

/* base + "/" + path, with one slash between them. */
static char *join_url(const char *base, const char *path)
{
	size_t n = strlen(base);

	while (n && base[n - 1] == '/')
		n--;
	return xasprintf("%.*s/%s", (int)n, base, path);
}

/* ---- the calls ---- */

/* SSO-OIDC CreateToken with the cached refresh token; on success a new
 * cache document (botocore's members) replaces *doc and is written. */
static bool refresh_token(struct sso_state *st, struct json_object **doc)
{
	const char *keys[] = { "refreshToken", "clientId", "clientSecret",
			       "registrationExpiresAt" };
	const char *v[4];
	long long reg_exp;
	bool ok = false;

	for (size_t i = 0; i < 4; i++)
		if (!(v[i] = aws_cred_json_str(*doc, keys[i])))
			return false;
	if (parse_token_time(v[3], &reg_exp) < 0 || reg_exp <= (long long)time(NULL))
		return false;

	struct json_object *req = json_object_new_object();

	json_object_object_add(req, "grantType", json_object_new_string("refresh_token"));
	json_object_object_add(req, "clientId", json_object_new_string(v[1]));
	json_object_object_add(req, "clientSecret", json_object_new_string(v[2]));
	json_object_object_add(req, "refreshToken", json_object_new_string(v[0]));
	const char *body = json_object_to_json_string_ext(req, JSON_C_TO_STRING_PLAIN);
	char *url = join_url(st->oidc_url, "token");
	struct http_header h[2] = {
		{ "Content-Type", "application/json" },
		{ "User-Agent", "sagescale/" PACKAGE_VERSION },
	};
	struct http_client *hc =
		aws_cred_http_client(st->ca_bundle, SSO_TIMEOUT_MS, SSO_TIMEOUT_MS);
	struct http_response r;

	enum http_status hs = http_request(hc, "POST", url, h, 2, body, strlen(body), NULL, &r);
	struct json_object *ans =
		hs == HTTP_OK && r.status == 200 ? aws_cred_json_parse(r.body, r.body_len) : NULL;
	const char *access = aws_cred_json_str(ans, "accessToken");
	struct json_object *expires_in;

	if (access && *access && json_object_object_get_ex(ans, "expiresIn", &expires_in) &&
	    json_object_is_type(expires_in, json_type_int)) {
		long long now = (long long)time(NULL);
		long long exp = now + json_object_get_int64(expires_in);
		char when[32];
		const char *new_refresh = aws_cred_json_str(ans, "refreshToken");
		struct json_object *nd = json_object_new_object();

		format_utc(exp, when, sizeof when);
		json_object_object_add(nd, "startUrl", json_object_new_string(st->start_url));
		json_object_object_add(nd, "region", json_object_new_string(st->region));
		json_object_object_add(nd, "accessToken", json_object_new_string(access));
		json_object_object_add(nd, "expiresAt", json_object_new_string(when));
		json_object_object_add(nd, "clientId", json_object_new_string(v[1]));
		json_object_object_add(nd, "clientSecret", json_object_new_string(v[2]));
		json_object_object_add(nd, "registrationExpiresAt", json_object_new_string(v[3]));
		json_object_object_add(nd, "refreshToken",
				       json_object_new_string(new_refresh ? new_refresh : v[0]));
		/* A cache that cannot be written back still leaves a usable token. */
		write_cache(st->cache_path, nd);
		aws_cred_json_free(*doc);
		*doc = nd;
		ok = true;
	}
	aws_cred_json_free(ans);
	if (r.body)
		aws_cred_wipe(&r.body);
	http_response_free(&r);
	http_client_free(hc);
	free(url);
	aws_cred_json_free(req);
	return ok;
}

/* GetRoleCredentials.  AWS_CRED_FOUND or AWS_CRED_ERROR with *err. */
static int role_credentials(struct sso_state *st, const char *token, struct aws_credentials *out,
			    char **err)
{
	char *role = query_escape(st->role_name), *acct = query_escape(st->account_id);
	char *path = xasprintf("federation/credentials?role_name=%s&account_id=%s", role, acct);
	char *url = join_url(st->portal_url, path);
	struct http_header h[2] = {
		{ "x-amz-sso_bearer_token", (char *)token },
		{ "User-Agent", "sagescale/" PACKAGE_VERSION },
	};
	struct http_client *hc =
		aws_cred_http_client(st->ca_bundle, SSO_TIMEOUT_MS, SSO_TIMEOUT_MS);
	struct http_response r;
	enum http_status hs = http_request(hc, "GET", url, h, 2, NULL, 0, NULL, &r);
	int rc = AWS_CRED_ERROR;

	if (hs != HTTP_OK) {
		char *e = sanitize_str(r.error ? r.error : "");

		*err = xasprintf(_("SSO GetRoleCredentials failed: %s."), e);
		free(e);
	} else if (r.status == 401 || r.status == 403) {
		*err = login_hint(st, _("The SSO session has expired or is not valid"));
	} else if (r.status != 200) {
		*err = xasprintf(_("SSO GetRoleCredentials failed with HTTP status %ld."),
				 r.status);
	} else {
		rc = aws_sso_parse_role_credentials(r.body, r.body_len, out,
						    xasprintf(_("SSO (profile %s)"), st->profile));
		if (rc != AWS_CRED_FOUND)
			*err = xstrdup(_("SSO GetRoleCredentials answered with a body that is not "
					 "its JSON (roleCredentials)."));
	}
	if (r.body)
		aws_cred_wipe(&r.body);
	http_response_free(&r);
	http_client_free(hc);
	free(url);
	free(path);
	free(role);
	free(acct);
	return rc;
}

int aws_sso_parse_role_credentials(const char *body, size_t len, struct aws_credentials *out,
				   char *source)
{
	struct json_object *doc = aws_cred_json_parse(body, len), *rc, *exp;
	const char *ak, *sk, *tok;
	int ret = AWS_CRED_ERROR;

	if (doc && json_object_object_get_ex(doc, "roleCredentials", &rc) &&
	    json_object_is_type(rc, json_type_object) &&
	    (ak = aws_cred_json_str(rc, "accessKeyId")) && *ak &&
	    (sk = aws_cred_json_str(rc, "secretAccessKey")) && *sk &&
	    (tok = aws_cred_json_str(rc, "sessionToken")) &&
	    json_object_object_get_ex(rc, "expiration", &exp) &&
	    (json_object_is_type(exp, json_type_int) ||
	     json_object_is_type(exp, json_type_double))) {
		/* milliseconds since 1970 */
		double ms = json_object_get_double(exp);

		if (ms > 0 && ms < 1e15) {
			aws_cred_set(out, ak, sk, tok, (long long)(ms / 1000.0), source);
			source = NULL;
			ret = AWS_CRED_FOUND;
		}
	}
	free(source);
	aws_cred_json_free(doc);
	return ret;
}

static int sso_fetch(struct sso_state *st, struct aws_credentials *out, char **err)
{
	struct json_object *doc = NULL;
	const char *token;
	long long exp;
	size_t len = 0;
	int e = 0, rc;
	char *text = read_file(st->cache_path, &len, &e);

	if (!text) {
		*err = login_hint(st, e == ENOENT ? _("No SSO token is cached for this profile")
						  : _("The SSO token cache cannot be read"));
		return AWS_CRED_ERROR;
	}
	rc = aws_sso_parse_cache(text, len, &doc, &token, &exp);
	aws_cred_wipe(&text);
	if (rc < 0) {
		char *sp = sanitize_str(st->cache_path);
		char *why = xasprintf(_("The SSO token cache %s is not valid"), sp);

		*err = login_hint(st, why);
		free(why);
		free(sp);
		return AWS_CRED_ERROR;
	}
	if (st->session && exp - (long long)time(NULL) < SSO_REFRESH_WINDOW_S &&
	    refresh_token(st, &doc)) {
		token = aws_cred_json_str(doc, "accessToken");
		parse_token_time(aws_cred_json_str(doc, "expiresAt"), &exp);
	}
	atomic_store(&st->token_expiration, exp);
	if (exp <= (long long)time(NULL)) {
		/* Legacy: botocore refuses before the call; sso_session: its
		 * refresh failed, and the portal would refuse the token. */
		*err = login_hint(st, _("The SSO session has expired"));
		aws_cred_json_free(doc);
		return AWS_CRED_ERROR;
	}
	rc = role_credentials(st, token, out, err);
	aws_cred_json_free(doc);
	return rc;
}

/* ---- configuration ---- */

static const char *pick(const struct aws_cred_ctx *ctx, const char *section, const char *key,
			char **err, bool *bad)
{
	const char *p = aws_cred_config_get(ctx, key);
	const char *s = section ? aws_cred_section_get(ctx, section, key) : NULL;

	if (p && s && strcmp(p, s) != 0) {
		char *sk = sanitize_str(key);

		*err = xasprintf(_("The value for %s is different in the profile and in its "
				   "sso-session section."),
				 sk);
		free(sk);
		*bad = true;
	}
	return s ? s : p;
}

static char *default_url(const char *host, const char *region)
{
	return xasprintf("https://%s.%s.%s", host, region,
			 strncmp(region, "cn-", 3) == 0 ? "amazonaws.com.cn" : "amazonaws.com");
}

static int sso_resolve(const struct aws_cred_ctx *ctx, struct aws_credentials *out, void **state,
		       char **err)
{
	const char *session = aws_cred_config_get(ctx, "sso_session");
	char *section = NULL;
	bool bad = false;
	struct buf missing = BUF_INIT;
	struct sso_state *st;
	const char *v[4];
	static const char *const keys[4] = { "sso_role_name", "sso_account_id", "sso_start_url",
					     "sso_region" };

	if (!aws_cred_config_get(ctx, "sso_role_name") &&
	    !aws_cred_config_get(ctx, "sso_account_id"))
		return AWS_CRED_NONE;
	if (session) {
		section = xasprintf("sso-session %s", session);
		if (!ini_has_section(ctx->config, section)) {
			char *ss = sanitize_str(session);

			*err = xasprintf(
				_("The sso-session \"%s\" named by the profile does not exist "
				  "in ~/.aws/config."),
				ss);
			free(ss);
			free(section);
			return AWS_CRED_ERROR;
		}
	}
	for (int i = 0; i < 4 && !bad; i++) {
		v[i] = pick(ctx, section, keys[i], err, &bad);
		if (!v[i] || !*v[i]) {
			if (missing.len)
				buf_puts(&missing, ", ");
			buf_puts(&missing, keys[i]);
		}
	}
	free(section);
	if (bad) {
		buf_free(&missing);
		return AWS_CRED_ERROR;
	}
	if (missing.len) {
		char *sp = sanitize_str(ctx->profile);

		*err = xasprintf(_("The profile (%s) is configured to use SSO but is missing %s."),
				 sp, buf_str(&missing));
		free(sp);
		buf_free(&missing);
		return AWS_CRED_ERROR;
	}
	buf_free(&missing);

	st = xcalloc(1, sizeof(*st));
	st->profile = xstrdup(ctx->profile);
	st->session = session ? xstrdup(session) : NULL;
	st->role_name = xstrdup(v[0]);
	st->account_id = xstrdup(v[1]);
	st->start_url = xstrdup(v[2]);
	st->region = xstrdup(v[3]);
	char *home = aws_cred_home(), *key = aws_sso_cache_key(st->start_url, st->session);

	st->cache_path = xasprintf("%s/.aws/sso/cache/%s.json", home, key);
	free(home);
	free(key);
	char *dp = default_url("portal.sso", st->region), *doi = default_url("oidc", st->region);

	st->portal_url = aws_cred_endpoint(ctx, "SSO", dp);
	st->oidc_url = aws_cred_endpoint(ctx, "SSO_OIDC", doi);
	free(dp);
	free(doi);
	st->ca_bundle = ctx->ca_bundle ? xstrdup(ctx->ca_bundle) : NULL;

	int rc = sso_fetch(st, out, err);

	if (rc != AWS_CRED_FOUND) {
		sso_state_free(st);
		return AWS_CRED_ERROR;
	}
	*state = st;
	return AWS_CRED_FOUND;
}

static int sso_refresh(void *state, struct aws_credentials *out, char **err)
{
	return sso_fetch(state, out, err);
}

static long long sso_session_expiration(void *state)
{
	struct sso_state *st = state;

	return st ? atomic_load(&st->token_expiration) : 0;
}

const struct aws_cred_provider aws_cred_sso = {
	.method = "sso",
	.tried = N_("SSO (sso_session, sso_start_url)"),
	.resolve = sso_resolve,
	.refresh = sso_refresh,
	.state_free = sso_state_free,
	.session_expiration = sso_session_expiration,
};
