/* Provider "login": a profile with login_session (console credentials that
 * `aws login` caches in ~/.aws/login/cache).  botocore refreshes them with a
 * DPoP-signed call to the sign-in service, which this build does not
 * implement; the profile gets a message naming what it uses instead of
 * falling through to a later source as if nothing were configured. */
#include "config.h"
#include "aws/cred.h"
#include "util/i18n.h"
#include "util/sanitize.h"
#include "util/xalloc.h"

#include <stdlib.h>

static int login_resolve(const struct aws_cred_ctx *ctx, struct aws_credentials *out, void **state,
			 char **err)
{
	const char *session = aws_cred_config_get(ctx, "login_session");
	char *sp;

	(void)out;
	(void)state;
	if (!session || !*session)
		return AWS_CRED_NONE;
	sp = sanitize_str(ctx->profile);
	*err = xasprintf(_("The profile (%s) uses login_session (console credentials of `aws "
			   "login`), which sagescale does not support: use sso_session, "
			   "credential_process or keys in this profile."),
			 sp);
	free(sp);
	return AWS_CRED_ERROR;
}

const struct aws_cred_provider aws_cred_login = {
	.method = "login",
	.tried = NULL, /* only ever answers with its message */
	.resolve = login_resolve,
};
