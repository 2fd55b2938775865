/* What the credential providers share (cred.h): the environment and
 * profile look-ups, the home directory, times, endpoints, and the
 * credentials struct itself (set, copy, wipe, free).  Nothing here calls a
 * provider or the chain. */
#include "config.h"
#include "aws/config.h"
#include "aws/cred.h"
#include "aws/endpoint.h"
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

void aws_credentials_free(struct aws_credentials *c)
{
	if (!c)
		return;
	free(c->access_key_id);
	aws_cred_wipe(&c->secret_access_key);
	aws_cred_wipe(&c->session_token);
	free(c->source);
	memset(c, 0, sizeof *c);
}
