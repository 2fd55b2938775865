/* Provider "assume-role", as botocore's AssumeRoleProvider: a profile with
 * role_arn (and no web_identity_token_file) gets STS AssumeRole credentials,
 * signed with those of its source_profile (itself a role profile, to any
 * depth; a loop is an error naming it) or of its credential_source
 * (Environment, Ec2InstanceMetadata, EcsContainer); role_session_name,
 * external_id, duration_seconds and mfa_serial are honoured.  Every level
 * goes through the AWS CLI's cache (~/.aws/cli/cache), as the CLI does. */
#include "config.h"
#include "aws/clicache.h"
#include "aws/cred-sts.h"
#include "aws/cred.h"
#include "util/buf.h"
#include "util/i18n.h"
#include "util/sanitize.h"
#include "util/xalloc.h"

#include <errno.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#define ASSUME_MAX_DEPTH 32

/* One role of the chain and what signs its AssumeRole. */
struct role {
	char *profile;
	char *role_arn, *session_name, *external_id, *mfa_serial;
	int duration; /* 0: not configured */
	char *cache_key;
	struct role *src_role; /* the source profile is itself a role */
	/* ...or another provider (the source profile's keys, SSO, process,
	 * or the credential_source) with its state and current credentials */
	const struct aws_cred_provider *src;
	void *src_state;
	struct aws_credentials src_creds;
	struct aws_credentials cur; /* this role's current credentials */
};

struct assume_state {
	struct role *top;
	struct cred_sts_where where;
};

static void role_free(struct role *r)
{
	if (!r)
		return;
	role_free(r->src_role);
	if (r->src && r->src->state_free && r->src_state)
		r->src->state_free(r->src_state);
	aws_credentials_free(&r->src_creds);
	aws_credentials_free(&r->cur);
	free(r->profile);
	free(r->role_arn);
	free(r->session_name);
	free(r->external_id);
	free(r->mfa_serial);
	free(r->cache_key);
	free(r);
}

static void assume_state_free(void *state)
{
	struct assume_state *st = state;

	if (!st)
		return;
	role_free(st->top);
	cred_sts_where_free(&st->where);
	free(st);
}

/* ---- profiles ---- */

/* ctx narrowed to another profile of the same files. */
struct sub_ctx {
	struct aws_cred_ctx ctx;
	char *section;
};

static bool profile_exists(const struct aws_cred_ctx *base, const char *name, struct sub_ctx *out)
{
	char *named = xasprintf("profile %s", name);

	out->ctx = *base;
	out->ctx.profile = name;
	out->section = NULL;
	if (ini_has_section(base->config, named))
		out->section = named;
	else
		free(named);
	if (!out->section && strcmp(name, "default") == 0 &&
	    ini_has_section(base->config, "default"))
		out->section = xstrdup("default");
	out->ctx.config_section = out->section;
	return out->section || ini_has_section(base->credentials, name);
}

static const char *get(const struct aws_cred_ctx *ctx, const char *key)
{
	const char *v = aws_cred_profile_get(ctx, key);

	return v && *v ? v : NULL;
}

static bool has_static_keys(const struct aws_cred_ctx *ctx)
{
	return get(ctx, "aws_access_key_id") || get(ctx, "aws_secret_access_key");
}

static bool is_role_profile(const struct aws_cred_ctx *ctx)
{
	return get(ctx, "role_arn") && !get(ctx, "web_identity_token_file");
}

/* botocore's InfiniteLoopConfigError, with the path walked. */
static char *loop_error(char **visited, size_t n, const char *again)
{
	struct buf b = BUF_INIT;
	char *out;

	for (size_t i = 0; i < n; i++) {
		char *s = sanitize_str(visited[i]);
		buf_printf(&b, "%s -> ", s);
		free(s);
	}
	char *s = sanitize_str(again);
	buf_puts(&b, s);
	out = xasprintf(_("The source_profile settings form a loop: %s (profile %s is reached "
			  "twice); make one of them end at a profile with credentials."),
			buf_str(&b), s);
	free(s);
	buf_free(&b);
	return out;
}

/* ---- resolving the chain ---- */

static int resolve_role(const struct aws_cred_ctx *ctx, struct cred_sts_where *w, char **visited,
			size_t nvisited, struct role **out, char **err);

/* The credential_source of a profile: one provider, credentials now. */
static int from_credential_source(const struct aws_cred_ctx *ctx, const char *source,
				  struct role *r, char **err)
{
	static const struct {
		const char *name;
		const struct aws_cred_provider *p;
	} sources[] = {
		{ "Environment", &aws_cred_env },
		{ "Ec2InstanceMetadata", &aws_cred_imds },
		{ "EcsContainer", &aws_cred_container },
	};
	char *sp = sanitize_str(ctx->profile), *ss = sanitize_str(source);
	int rc = AWS_CRED_ERROR;

	for (size_t i = 0; i < sizeof(sources) / sizeof(sources[0]); i++) {
		if (strcmp(source, sources[i].name) != 0)
			continue;
		struct aws_cred_ctx c = *ctx;
		c.profile_explicit = false; /* credential_source = Environment reads it */
		r->src = sources[i].p;
		rc = r->src->resolve(&c, &r->src_creds, &r->src_state, err);
		if (rc == AWS_CRED_NONE) {
			*err = xasprintf(
				_("No credentials found in credential_source %s referenced "
				  "in profile (%s)."),
				ss, sp);
			rc = AWS_CRED_ERROR;
		}
		goto out;
	}
	*err = xasprintf(_("The credential_source \"%s\" referenced in profile (%s) is not valid: "
			   "use Environment, Ec2InstanceMetadata or EcsContainer."),
			 ss, sp);
out:
	free(sp);
	free(ss);
	return rc;
}

/* A source profile that is not a role: its own chain, without the
 * environment (botocore's ProfileProviderBuilder, disable_env_vars). */
static int from_profile_chain(const struct aws_cred_ctx *ctx, struct role *r, char **err)
{
	const struct aws_cred_provider *const chain[] = {
		&aws_cred_web_identity, &aws_cred_sso,         &aws_cred_shared_file,
		&aws_cred_process,      &aws_cred_config_file,
	};
	struct aws_cred_ctx c = *ctx;

	c.profile_explicit = true;
	for (size_t i = 0; i < sizeof(chain) / sizeof(chain[0]); i++) {
		int rc = chain[i]->resolve(&c, &r->src_creds, &r->src_state, err);
		if (rc == AWS_CRED_FOUND) {
			r->src = chain[i];
			r->src_creds.method = chain[i]->method;
			return rc;
		}
		if (r->src_state && chain[i]->state_free)
			chain[i]->state_free(r->src_state);
		r->src_state = NULL;
		aws_credentials_free(&r->src_creds);
		if (rc == AWS_CRED_ERROR)
			return rc;
	}
	char *sp = sanitize_str(ctx->profile);
	*err = xasprintf(_("The source profile (%s) must have credentials."), sp);
	free(sp);
	return AWS_CRED_ERROR;
}

static int resolve_source_profile(const struct aws_cred_ctx *ctx, struct cred_sts_where *w,
				  const char *name, char **visited, size_t nvisited, struct role *r,
				  char **err)
{
	struct sub_ctx sub;
	int rc;

	if (!profile_exists(ctx, name, &sub)) {
		char *sn = sanitize_str(name), *sp = sanitize_str(ctx->profile);
		*err = xasprintf(_("The source_profile \"%s\" referenced in the profile (%s) does "
				   "not exist."),
				 sn, sp);
		free(sn);
		free(sp);
		free(sub.section);
		return AWS_CRED_ERROR;
	}
	/* A profile may name itself when it has keys of its own; any other
	 * profile seen before is a loop. */
	bool seen = false;
	for (size_t i = 0; i < nvisited; i++)
		seen |= strcmp(visited[i], name) == 0;
	if (seen && (strcmp(name, ctx->profile) != 0 || !has_static_keys(&sub.ctx))) {
		*err = loop_error(visited, nvisited, name);
		free(sub.section);
		return AWS_CRED_ERROR;
	}
	if (nvisited >= ASSUME_MAX_DEPTH) {
		*err = xasprintf(_("The chain of source_profile settings is deeper than %d."),
				 ASSUME_MAX_DEPTH);
		free(sub.section);
		return AWS_CRED_ERROR;
	}
	visited[nvisited++] = (char *)name;
	if (has_static_keys(&sub.ctx) || !is_role_profile(&sub.ctx))
		rc = from_profile_chain(&sub.ctx, r, err);
	else
		rc = resolve_role(&sub.ctx, w, visited, nvisited, &r->src_role, err);
	free(sub.section);
	return rc;
}

static void add_arg(struct clicache_arg *a, size_t *n, const char *name, const char *v)
{
	if (v)
		a[(*n)++] = (struct clicache_arg){ .name = name, .str = v };
}

/* The cache key as botocore's: the arguments it would send, less a
 * session name it generated itself. */
static char *role_cache_key(const struct role *r)
{
	struct clicache_arg a[5];
	size_t n = 0;

	add_arg(a, &n, "RoleArn", r->role_arn);
	add_arg(a, &n, "RoleSessionName", r->session_name);
	add_arg(a, &n, "ExternalId", r->external_id);
	add_arg(a, &n, "SerialNumber", r->mfa_serial);
	if (r->duration)
		a[n++] = (struct clicache_arg){ .name = "DurationSeconds",
						.num = r->duration,
						.is_num = true };
	return clicache_key(a, n);
}

/* duration_seconds as botocore reads it: int() or ignored. */
static int read_duration(const char *v)
{
	char *end;
	long d;

	if (!v)
		return 0;
	errno = 0;
	d = strtol(v, &end, 10);
	while (*end == ' ' || *end == '\t')
		end++;
	return errno || end == v || *end || d <= 0 || d > 129600 ? 0 : (int)d;
}

static int fetch(struct role *r, const struct cred_sts_where *w, char **err);

static int resolve_role(const struct aws_cred_ctx *ctx, struct cred_sts_where *w, char **visited,
			size_t nvisited, struct role **out, char **err)
{
	struct role *r = xcalloc(1, sizeof(*r));
	const char *source_profile = get(ctx, "source_profile");
	const char *credential_source = get(ctx, "credential_source");
	char *sp = sanitize_str(ctx->profile);
	int rc = AWS_CRED_ERROR;

	r->profile = xstrdup(ctx->profile);
	r->role_arn = xstrdup(get(ctx, "role_arn"));
	r->session_name =
		get(ctx, "role_session_name") ? xstrdup(get(ctx, "role_session_name")) : NULL;
	r->external_id = get(ctx, "external_id") ? xstrdup(get(ctx, "external_id")) : NULL;
	r->mfa_serial = get(ctx, "mfa_serial") ? xstrdup(get(ctx, "mfa_serial")) : NULL;
	r->duration = read_duration(get(ctx, "duration_seconds"));
	r->cache_key = role_cache_key(r);
	if (source_profile && credential_source)
		*err = xasprintf(_("The profile (%s) contains both source_profile and "
				   "credential_source: keep one."),
				 sp);
	else if (!source_profile && !credential_source)
		*err = xasprintf(_("The profile (%s) has role_arn but neither source_profile nor "
				   "credential_source: add one of them."),
				 sp);
	else if (credential_source)
		rc = from_credential_source(ctx, credential_source, r, err);
	else
		rc = resolve_source_profile(ctx, w, source_profile, visited, nvisited, r, err);
	if (rc == AWS_CRED_FOUND)
		rc = fetch(r, w, err);
	free(sp);
	if (rc != AWS_CRED_FOUND) {
		role_free(r);
		return AWS_CRED_ERROR;
	}
	*out = r;
	return rc;
}

/* ---- fetching and refreshing ---- */

static bool fresh(const struct aws_credentials *c, long long now)
{
	return c->access_key_id &&
	       (!c->expiration || c->expiration - now >= CLICACHE_EXPIRY_WINDOW_S);
}

/* The source's current credentials, refreshed when they run short. */
static const struct aws_credentials *source_creds(struct role *r, const struct cred_sts_where *w,
						  char **err)
{
	long long now = (long long)time(NULL);

	if (r->src_role)
		return fetch(r->src_role, w, err) == AWS_CRED_FOUND ? &r->src_role->cur : NULL;
	if (fresh(&r->src_creds, now) || !r->src->refresh)
		return &r->src_creds;
	struct aws_credentials got = { 0 };
	if (r->src->refresh(r->src_state, &got, err) != AWS_CRED_FOUND) {
		aws_credentials_free(&got);
		if (r->src_creds.expiration > now) /* still good: use them */
			return &r->src_creds;
		return NULL;
	}
	aws_credentials_free(&r->src_creds);
	r->src_creds = got;
	r->src_creds.method = r->src->method;
	return &r->src_creds;
}

/* This role's credentials: kept while fresh, else from the cache or STS. */
static int fetch(struct role *r, const struct cred_sts_where *w, char **err)
{
	if (fresh(&r->cur, (long long)time(NULL)))
		return AWS_CRED_FOUND;
	const struct aws_credentials *src = source_creds(r, w, err);
	if (!src)
		return AWS_CRED_ERROR;
	char *generated = r->session_name ? NULL : cred_sts_session_name();
	struct sts_assume_args args = {
		.role_arn = r->role_arn,
		.role_session_name = r->session_name ? r->session_name : generated,
		.external_id = r->external_id,
		.serial_number = r->mfa_serial,
		.duration_seconds = r->duration,
	};
	struct aws_credentials got = { 0 };
	int rc =
		cred_sts_fetch(w, STS_ASSUME_ROLE, &args, src, r->cache_key, r->profile, &got, err);

	free(generated);
	if (rc != AWS_CRED_FOUND)
		return rc;
	aws_credentials_free(&r->cur);
	r->cur = got;
	return AWS_CRED_FOUND;
}

static int assume_resolve(const struct aws_cred_ctx *ctx, struct aws_credentials *out, void **state,
			  char **err)
{
	char *visited[ASSUME_MAX_DEPTH + 1];
	struct assume_state *st;

	if (!is_role_profile(ctx))
		return AWS_CRED_NONE;
	st = xcalloc(1, sizeof(*st));
	cred_sts_where_init(&st->where, ctx);
	visited[0] = (char *)ctx->profile;
	if (resolve_role(ctx, &st->where, visited, 1, &st->top, err) != AWS_CRED_FOUND) {
		assume_state_free(st);
		return AWS_CRED_ERROR;
	}
	aws_credentials_copy(out, &st->top->cur);
	*state = st;
	return AWS_CRED_FOUND;
}

static int assume_refresh(void *state, struct aws_credentials *out, char **err)
{
	struct assume_state *st = state;
	int rc = fetch(st->top, &st->where, err);

	if (rc == AWS_CRED_FOUND)
		aws_credentials_copy(out, &st->top->cur);
	return rc;
}

const struct aws_cred_provider aws_cred_assume_role = {
	.method = "assume-role",
	.tried = NULL, /* only runs for role_arn profiles, which it always answers */
	.resolve = assume_resolve,
	.refresh = assume_refresh,
	.state_free = assume_state_free,
};
