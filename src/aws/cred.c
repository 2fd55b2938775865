/* The credential chain: a table in botocore's order, tried in turn, and
 * the "nothing found" message.  What the providers share is in
 * cred-util.c, so that they never call back into the chain. */
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
	const char *key; /* profile key, or environment variable when env */
	bool env;
	const char *method;
	const char *what; /* N_() */
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
				   "credential_process."),
				 sp, _(needs[i].what));
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
				  "choose one with --profile."),
				buf_str(tried));
	else
		out = xasprintf(
			_("Unable to locate credentials for profile (%s) (tried: %s): set "
			  "aws_access_key_id and aws_secret_access_key in its section of "
			  "~/.aws/credentials, or sso_session or credential_process in "
			  "~/.aws/config, set AWS_ACCESS_KEY_ID and AWS_SECRET_ACCESS_KEY, or "
			  "choose another profile with --profile."),
			sp, buf_str(tried));
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
