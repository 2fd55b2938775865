/* Provider "config-file": keys in the profile's section of ~/.aws/config
 * (AWS_CONFIG_FILE), as botocore's ConfigProvider.  Long-term keys. */
#include "config.h"
#include "aws/cred-files.h"
#include "util/i18n.h"
#include "util/xalloc.h"

static int config_resolve(const struct aws_cred_ctx *ctx, struct aws_credentials *out, void **state,
			  char **err)
{
	(void)state;
	if (!ctx->config_section)
		return AWS_CRED_NONE;
	return aws_cred_from_section(
		ctx->config, ctx->config_section, ctx->config_path, ctx->profile,
		xasprintf(_("config file (profile %s)"), ctx->profile), out, err);
}

const struct aws_cred_provider aws_cred_config_file = {
	.method = "config-file",
	.tried = N_("~/.aws/config"),
	.resolve = config_resolve,
};
