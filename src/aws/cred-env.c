/* Provider "env": AWS_ACCESS_KEY_ID, AWS_SECRET_ACCESS_KEY, AWS_SESSION_TOKEN
 * (or the older AWS_SECURITY_TOKEN) and AWS_CREDENTIAL_EXPIRATION, as
 * botocore's EnvProvider.  With an expiration, refreshing reads the
 * environment again (as botocore does); it does not change inside one
 * process, so expired environment credentials end in a clear error. */
#include "config.h"
#include "aws/cred.h"
#include "aws/cred-files.h"
#include "util/isotime.h"
#include "util/i18n.h"
#include "util/xalloc.h"

#include <stdlib.h>

static int env_read(struct aws_credentials *out, char **err)
{
	const char *token = aws_cred_env_get("AWS_SESSION_TOKEN");
	const char *exp = aws_cred_env_get("AWS_CREDENTIAL_EXPIRATION");
	long long at = 0;
	int rc;

	if (!token)
		token = aws_cred_env_get("AWS_SECURITY_TOKEN"); /* the older name, still honoured */
	rc = aws_cred_pair(aws_cred_env_get("AWS_ACCESS_KEY_ID"),
			   aws_cred_env_get("AWS_SECRET_ACCESS_KEY"), token, _("the environment"),
			   "AWS_ACCESS_KEY_ID", "AWS_SECRET_ACCESS_KEY", out, err,
			   xstrdup(_("environment")));
	if (rc == AWS_CRED_FOUND && exp) {
		if (isotime_parse(exp, 0, &at, NULL) < 0) {
			aws_credentials_free(out);
			*err = xstrdup(_("AWS_CREDENTIAL_EXPIRATION is not an ISO 8601 time "
					 "(like 2026-11-27T12:00:00Z)."));
			return AWS_CRED_ERROR;
		}
		out->expiration = at;
	}
	return rc;
}

static int env_resolve(const struct aws_cred_ctx *ctx, struct aws_credentials *out, void **state,
		       char **err)
{
	(void)ctx;
	(void)state;
	return env_read(out, err);
}

static int env_refresh(void *state, struct aws_credentials *out, char **err)
{
	(void)state;
	return env_read(out, err);
}

const struct aws_cred_provider aws_cred_env = {
	.method = "env",
	.tried = N_("environment (AWS_ACCESS_KEY_ID)"),
	.resolve = env_resolve,
	.refresh = env_refresh,
};
