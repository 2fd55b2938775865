/* Provider "shared-credentials-file": the profile's keys in
 * ~/.aws/credentials (AWS_SHARED_CREDENTIALS_FILE), as botocore's
 * SharedCredentialProvider.  Long-term keys: nothing to refresh. */
#include "config.h"
#include "aws/cred-files.h"
#include "util/i18n.h"
#include "util/xalloc.h"

static int shared_resolve(const struct aws_cred_ctx *ctx, struct aws_credentials *out, void **state,
			  char **err)
{
	(void)state;
	return aws_cred_from_section(
		ctx->credentials, ctx->profile, ctx->credentials_path, ctx->profile,
		xasprintf(_("shared credentials file (profile %s)"), ctx->profile), out, err);
}

const struct aws_cred_provider aws_cred_shared_file = {
	.method = "shared-credentials-file",
	.tried = N_("~/.aws/credentials"),
	.resolve = shared_resolve,
};
