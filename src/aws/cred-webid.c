/* Provider "assume-role-with-web-identity", as botocore's
 * AssumeRoleWithWebIdentityProvider: web_identity_token_file and role_arn
 * (and role_session_name), each from AWS_WEB_IDENTITY_TOKEN_FILE,
 * AWS_ROLE_ARN, AWS_ROLE_SESSION_NAME first (not under --profile), else the
 * profile.  The call is unsigned; the token file is read again at every
 * refresh (EKS rotates it).  Sessions go through the AWS CLI's cache. */
#include "config.h"
#include "aws/clicache.h"
#include "aws/cred-sts.h"
#include "aws/cred.h"
#include "util/buf.h"
#include "util/fileio.h"
#include "util/i18n.h"
#include "util/sanitize.h"
#include "util/xalloc.h"

#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* STS takes tokens up to 20000 characters. */
#define WEBID_TOKEN_MAX 20000

struct webid_state {
	char *profile, *token_file, *role_arn, *session_name, *cache_key;
	struct cred_sts_where where;
};

static void webid_state_free(void *state)
{
	struct webid_state *st = state;

	if (!st)
		return;
	free(st->profile);
	free(st->token_file);
	free(st->role_arn);
	free(st->session_name);
	free(st->cache_key);
	cred_sts_where_free(&st->where);
	free(st);
}

static const char *setting(const struct aws_cred_ctx *ctx, const char *key, const char *var)
{
	const char *v = ctx->profile_explicit ? NULL : aws_cred_env_get(var);

	if (!v)
		v = aws_cred_profile_get(ctx, key);
	return v && *v ? v : NULL;
}

/* The token, as botocore's FileWebIdentityTokenLoader reads it: the whole
 * file. */
static char *read_token(const struct webid_state *st, char **err)
{
	char *path = aws_cred_expand_home(st->token_file);
	FILE *f = fopen(path, "r");
	struct buf b = BUF_INIT;
	int rc = f ? fileio_read_stream(f, WEBID_TOKEN_MAX, &b) : -1;
	int e = errno;

	if (f)
		fclose(f);
	if (rc < 0 || !b.len) {
		char *sp = sanitize_str(path);
		*err = rc < 0 && e == EFBIG
			       ? xasprintf(
					 _("The web identity token file %s is larger than %d bytes."),
					 sp, WEBID_TOKEN_MAX)
			       : xasprintf(_("Cannot read the web identity token file %s: %s."), sp,
					   rc < 0 ? strerror(e) : _("it is empty"));
		free(sp);
		free(path);
		buf_free_secret(&b);
		return NULL;
	}
	free(path);
	return buf_steal(&b);
}

static int webid_fetch(struct webid_state *st, struct aws_credentials *out, char **err)
{
	char *token = read_token(st, err);
	char *generated = st->session_name ? NULL : cred_sts_session_name();
	int rc;

	if (!token) {
		free(generated);
		return AWS_CRED_ERROR;
	}
	struct sts_assume_args args = {
		.role_arn = st->role_arn,
		.role_session_name = st->session_name ? st->session_name : generated,
		.web_identity_token = token,
	};
	rc = cred_sts_fetch(&st->where, STS_ASSUME_ROLE_WITH_WEB_IDENTITY, &args, NULL,
			    st->cache_key, st->profile, out, err);
	aws_cred_wipe(&token);
	free(generated);
	return rc;
}

static int webid_resolve(const struct aws_cred_ctx *ctx, struct aws_credentials *out, void **state,
			 char **err)
{
	const char *file = setting(ctx, "web_identity_token_file", "AWS_WEB_IDENTITY_TOKEN_FILE");
	const char *role = setting(ctx, "role_arn", "AWS_ROLE_ARN");
	const char *name = setting(ctx, "role_session_name", "AWS_ROLE_SESSION_NAME");
	struct clicache_arg a[2];
	size_t n = 0;

	if (!file)
		return AWS_CRED_NONE;
	if (!role) {
		char *sp = sanitize_str(ctx->profile);
		*err = xasprintf(
			_("The profile (%s) or the environment names a web identity token "
			  "file but no role: set role_arn in the profile or AWS_ROLE_ARN."),
			sp);
		free(sp);
		return AWS_CRED_ERROR;
	}
	struct webid_state *st = xcalloc(1, sizeof(*st));
	st->profile = xstrdup(ctx->profile);
	st->token_file = xstrdup(file);
	st->role_arn = xstrdup(role);
	st->session_name = name ? xstrdup(name) : NULL;
	a[n++] = (struct clicache_arg){ .name = "RoleArn", .str = st->role_arn };
	if (st->session_name)
		a[n++] =
			(struct clicache_arg){ .name = "RoleSessionName", .str = st->session_name };
	st->cache_key = clicache_key(a, n);
	cred_sts_where_init(&st->where, ctx);
	if (webid_fetch(st, out, err) != AWS_CRED_FOUND) {
		webid_state_free(st);
		return AWS_CRED_ERROR;
	}
	*state = st;
	return AWS_CRED_FOUND;
}

static int webid_refresh(void *state, struct aws_credentials *out, char **err)
{
	return webid_fetch(state, out, err);
}

const struct aws_cred_provider aws_cred_web_identity = {
	.method = "assume-role-with-web-identity",
	.tried = N_("web identity (AWS_WEB_IDENTITY_TOKEN_FILE)"),
	.resolve = webid_resolve,
	.refresh = webid_refresh,
	.state_free = webid_state_free,
};
