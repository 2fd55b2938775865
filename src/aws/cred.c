/* The credential chain (a table in botocore's order) and what the
 * providers share: profile look-ups, times, the "nothing found" message. */
#include "config.h"
#include "aws/cred.h"
#include "util/ascii.h"
#include "util/buf.h"
#include "util/i18n.h"
#include "util/sanitize.h"
#include "util/xalloc.h"

#include <openssl/crypto.h>
#include <pwd.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <time.h>
#include <unistd.h>

/* botocore's create_credential_resolver: env, assume-role, then the profile
 * providers (web identity, sso, shared file, login, process, config file),
 * then container and instance metadata.  (botocore's ec2-credentials-file
 * and boto-config, for the old boto 2 files, are not part of this chain.) */
const struct aws_cred_provider *const aws_cred_chain[] = {
	&aws_cred_env,
	&aws_cred_assume_role,
	&aws_cred_web_identity,
	&aws_cred_sso,
	&aws_cred_shared_file,
	&aws_cred_login,
	&aws_cred_process,
	&aws_cred_config_file,
	&aws_cred_container,
	&aws_cred_imds,
	NULL,
};

/* Profile keys that need a provider this chain may lack: when the chain has
 * no provider of that method, the profile gets a message naming it instead
 * of being silently served by a later source (botocore would use it). */
static const struct {
	const char *key;	/* profile key, or environment variable when env */
	bool env;
	const char *method;
	const char *what;	/* N_() */
} needs[] = {
	{ "role_arn", false, "assume-role", N_("assume-role profiles (role_arn)") },
	{ "web_identity_token_file", false, "assume-role-with-web-identity",
	  N_("web identity (web_identity_token_file)") },
	{ "AWS_WEB_IDENTITY_TOKEN_FILE", true, "assume-role-with-web-identity",
	  N_("web identity (AWS_WEB_IDENTITY_TOKEN_FILE)") },
};

static bool chain_has(const char *method)
{
	for (size_t i = 0; aws_cred_chain[i]; i++)
		if (strcmp(aws_cred_chain[i]->method, method) == 0)
			return true;
	return false;
}

static int check_needs(const struct aws_cred_ctx *ctx, char **err)
{
	for (size_t i = 0; i < sizeof needs / sizeof *needs; i++) {
		const char *v;

		if (needs[i].env)
			v = ctx->profile_explicit ? NULL : aws_cred_env_get(needs[i].key);
		else
			v = aws_cred_profile_get(ctx, needs[i].key);
		if (!v || !*v || chain_has(needs[i].method))
			continue;
		char *sp = sanitize_str(ctx->profile);

		*err = xasprintf(_("The profile (%s) uses %s, which this version of sagescale "
				   "does not support: use a profile with keys, sso_session or "
				   "credential_process."), sp, _(needs[i].what));
		free(sp);
		return -1;
	}
	return 0;
}

static char *nothing_found(const struct aws_cred_ctx *ctx, const struct buf *tried)
{
	char *sp = sanitize_str(ctx->profile);
	char *out;

	if (strcmp(ctx->profile, "default") == 0)
		out = xasprintf(_("Unable to locate credentials (tried: %s): set AWS_ACCESS_KEY_ID "
				  "and AWS_SECRET_ACCESS_KEY, add a profile to ~/.aws/credentials "
				  "(or sso_session or credential_process to ~/.aws/config), or "
				  "choose one with --profile."), buf_str(tried));
	else
		out = xasprintf(_("Unable to locate credentials for profile (%s) (tried: %s): set "
				  "aws_access_key_id and aws_secret_access_key in its section of "
				  "~/.aws/credentials, or sso_session or credential_process in "
				  "~/.aws/config, set AWS_ACCESS_KEY_ID and AWS_SECRET_ACCESS_KEY, or "
				  "choose another profile with --profile."), sp, buf_str(tried));
	free(sp);
	return out;
}

int aws_cred_resolve(const struct aws_cred_ctx *ctx, struct aws_credentials *out,
		     const struct aws_cred_provider **provider, void **state, char **err)
{
	struct buf tried = BUF_INIT;

	memset(out, 0, sizeof(*out));
	*provider = NULL;
	*state = NULL;
	if (check_needs(ctx, err) < 0)
		return -1;
	for (size_t i = 0; aws_cred_chain[i]; i++) {
		const struct aws_cred_provider *p = aws_cred_chain[i];
		void *st = NULL;
		int rc;

		/* botocore drops the environment provider under an explicit profile. */
		if (p == &aws_cred_env && ctx->profile_explicit)
			continue;
		rc = p->resolve(ctx, out, &st, err);
		if (rc == AWS_CRED_FOUND) {
			out->method = p->method;
			*provider = p;
			*state = st;
			buf_free(&tried);
			return AWS_CRED_FOUND;
		}
		if (st && p->state_free)
			p->state_free(st);
		aws_credentials_free(out);
		if (rc == AWS_CRED_ERROR) {
			*provider = p;
			buf_free(&tried);
			return -1;
		}
		if (p->tried) {
			if (tried.len)
				buf_puts(&tried, ", ");
			buf_puts(&tried, _(p->tried));
		}
	}
	*err = nothing_found(ctx, &tried);
	buf_free(&tried);
	return -1;
}

/* ---- helpers ---- */

const char *aws_cred_env_get(const char *name)
{
	const char *v = getenv(name);

	return v && *v ? v : NULL;
}

const char *aws_cred_profile_get(const struct aws_cred_ctx *ctx, const char *key)
{
	const char *v = ctx->credentials ? ini_get(ctx->credentials, ctx->profile, key) : NULL;

	if (v)
		return v;
	return aws_cred_config_get(ctx, key);
}

const char *aws_cred_config_get(const struct aws_cred_ctx *ctx, const char *key)
{
	if (ctx->config && ctx->config_section)
		return ini_get(ctx->config, ctx->config_section, key);
	return NULL;
}

const char *aws_cred_section_get(const struct aws_cred_ctx *ctx, const char *section,
				 const char *key)
{
	return ctx->config ? ini_get(ctx->config, section, key) : NULL;
}

bool aws_cred_true(const char *v)
{
	return v && ascii_strcasecmp(v, "true") == 0;
}

char *aws_cred_home(void)
{
	const char *h = aws_cred_env_get("HOME");
	struct passwd *pw;

	if (h)
		return xstrdup(h);
	pw = getpwuid(getuid());
	return xstrdup(pw && pw->pw_dir ? pw->pw_dir : "/");
}

/* "~/x" as botocore's os.path.expanduser does (only the leading "~/"). */
char *aws_cred_expand_home(const char *path)
{
	if (path[0] == '~' && (path[1] == '/' || path[1] == '\0')) {
		char *home = aws_cred_home();
		char *out = xasprintf("%s%s", home, path + 1);

		free(home);
		return out;
	}
	return xstrdup(path);
}

void aws_cred_format_time(long long t, char *buf, size_t size)
{
	time_t tt = (time_t)t;
	struct tm tm;

	if (!gmtime_r(&tt, &tm) || !strftime(buf, size, "%Y-%m-%d %H:%M:%S UTC", &tm))
		snprintf(buf, size, "?");
}

char *aws_cred_endpoint(const struct aws_cred_ctx *ctx, const char *service_id,
			const char *default_url)
{
	const char *ign = aws_cred_env_get("AWS_IGNORE_CONFIGURED_ENDPOINT_URLS");
	char *var = xasprintf("AWS_ENDPOINT_URL_%s", service_id);
	const char *v = NULL;

	(void)ctx;
	if (!aws_cred_true(ign)) {
		v = aws_cred_env_get(var);
		if (!v)
			v = aws_cred_env_get("AWS_ENDPOINT_URL");
	}
	free(var);
	return xstrdup(v ? v : default_url);
}

void aws_cred_wipe(char **s)
{
	if (*s) {
		OPENSSL_cleanse(*s, strlen(*s));
		free(*s);
		*s = NULL;
	}
}

void aws_credentials_copy(struct aws_credentials *dst, const struct aws_credentials *src)
{
	dst->access_key_id = src->access_key_id ? xstrdup(src->access_key_id) : NULL;
	dst->secret_access_key = src->secret_access_key ? xstrdup(src->secret_access_key) : NULL;
	dst->session_token = src->session_token ? xstrdup(src->session_token) : NULL;
	dst->source = src->source ? xstrdup(src->source) : NULL;
	dst->method = src->method;
	dst->expiration = src->expiration;
}

void aws_cred_set(struct aws_credentials *c, const char *ak, const char *sk, const char *token,
		  long long expiration, char *source)
{
	c->access_key_id = xstrdup(ak);
	c->secret_access_key = xstrdup(sk);
	c->session_token = token && *token ? xstrdup(token) : NULL;
	c->expiration = expiration;
	c->source = source;
}
