/* The cached STS fetch shared by the assume-role and web-identity
 * providers (see cred-sts.h). */
#include "config.h"
#include "aws/cred-sts.h"
#include "aws/clicache.h"
#include "aws/endpoint.h"
#include "aws/mfa.h"
#include "util/i18n.h"
#include "util/sanitize.h"
#include "util/xalloc.h"

#include <openssl/crypto.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

void cred_sts_where_init(struct cred_sts_where *w, const struct aws_cred_ctx *ctx)
{
	const char *region = ctx->sts_region ? ctx->sts_region : ctx->region;

	memset(w, 0, sizeof(*w));
	if (ctx->sts_endpoint) {
		w->endpoint = xstrdup(ctx->sts_endpoint);
	} else {
		char *def = aws_endpoint_default("sts", region ? region : "us-east-1");
		w->endpoint = aws_cred_endpoint(ctx, "STS", def);
		free(def);
	}
	w->region = xstrdup(region ? region : "us-east-1");
	w->ca_bundle = ctx->ca_bundle ? xstrdup(ctx->ca_bundle) : NULL;
	w->connect_timeout_ms = ctx->connect_timeout_ms;
	w->timeout_ms = ctx->timeout_ms;
	w->cache_dir = clicache_dir();
}

void cred_sts_where_free(struct cred_sts_where *w)
{
	free(w->endpoint);
	free(w->region);
	free(w->ca_bundle);
	free(w->cache_dir);
	memset(w, 0, sizeof(*w));
}

char *cred_sts_session_name(void)
{
	return xasprintf("sagescale-session-%lld", (long long)time(NULL));
}

static char *describe_failure(enum sts_op op, const char *role, const char *profile,
			      const struct aws_result *res)
{
	const char *action = op == STS_ASSUME_ROLE ? "AssumeRole" : "AssumeRoleWithWebIdentity";
	const char *hint = sts_error_hint(res);
	char *sr = sanitize_str(role), *sp = sanitize_str(profile);
	char *what = res->kind == AWS_ERR_SERVICE
			     ? xasprintf("(%s) %s", res->error_code ? res->error_code : "?",
					 res->error_message ? res->error_message : "")
			     : xstrdup(res->error_message ? res->error_message : "");
	char *out = xasprintf(_("%s of %s for profile (%s) failed: %s%s%s"), action, sr, sp, what,
			      hint ? "; " : "", hint ? hint : "");

	free(sr);
	free(sp);
	free(what);
	return out;
}

int cred_sts_fetch(const struct cred_sts_where *w, enum sts_op op,
		   const struct sts_assume_args *args, const struct aws_credentials *src,
		   const char *cache_key, const char *profile, struct aws_credentials *out,
		   char **err)
{
	struct sts_assumed a;
	struct aws_result res;
	struct sts_assume_args call = *args;
	char *code = NULL, *cache_err = NULL;
	char *source = xasprintf(op == STS_ASSUME_ROLE ? _("assume-role (profile %s)")
						       : _("web identity (profile %s)"),
				 profile);

	if (clicache_load(w->cache_dir, cache_key, (long long)time(NULL), &a) == 1) {
		aws_cred_set(out, a.access_key_id, a.secret_access_key, a.session_token, a.expires,
			     source);
		sts_assumed_free(&a);
		return AWS_CRED_FOUND;
	}
	if (op == STS_ASSUME_ROLE && args->serial_number) {
		if (aws_mfa_ask(profile, args->serial_number, &code, err) < 0) {
			free(source);
			return AWS_CRED_ERROR;
		}
		call.token_code = code;
	}
	struct sts_conn conn = {
		.endpoint = w->endpoint,
		.region = w->region,
		.ca_bundle = w->ca_bundle,
		.connect_timeout_ms = w->connect_timeout_ms,
		.timeout_ms = w->timeout_ms,
		.creds = src,
	};
	int kind = op == STS_ASSUME_ROLE
			   ? sts_assume_role(&conn, &call, &a, &res)
			   : sts_assume_role_with_web_identity(&conn, &call, &a, &res);
	if (code) {
		OPENSSL_cleanse(code, strlen(code));
		free(code);
	}
	if (kind != AWS_OK) {
		*err = describe_failure(op, args->role_arn, profile, &res);
		aws_result_free(&res);
		free(source);
		return AWS_CRED_ERROR;
	}
	aws_result_free(&res);
	/* A cache that cannot be written costs a later STS call, not this one. */
	if (clicache_store(w->cache_dir, cache_key, &a, op != STS_ASSUME_ROLE, &cache_err) < 0)
		free(cache_err);
	aws_cred_set(out, a.access_key_id, a.secret_access_key, a.session_token, a.expires, source);
	sts_assumed_free(&a);
	return AWS_CRED_FOUND;
}
