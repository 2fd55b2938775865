/* Provider "custom-process": the profile's credential_process, as botocore's
 * ProcessProvider.  With an Expiration the credentials are refreshed by
 * running the command again (botocore does the same). */
#include "config.h"
#include "aws/cred.h"
#include "aws/credproc.h"
#include "util/i18n.h"
#include "util/xalloc.h"

#include <stdlib.h>

struct process_state {
	char *command, *profile;
};

static int process_resolve(const struct aws_cred_ctx *ctx, struct aws_credentials *out,
			   void **state, char **err)
{
	const char *command = aws_cred_profile_get(ctx, "credential_process");
	struct process_state *st;

	if (!command || !*command)
		return AWS_CRED_NONE;
	if (credproc_run(command, ctx->profile, out, err) < 0)
		return AWS_CRED_ERROR;
	if (out->expiration) {
		st = xcalloc(1, sizeof(*st));
		st->command = xstrdup(command);
		st->profile = xstrdup(ctx->profile);
		*state = st;
	}
	return AWS_CRED_FOUND;
}

static int process_refresh(void *state, struct aws_credentials *out, char **err)
{
	struct process_state *st = state;

	if (!st)
		return AWS_CRED_NONE;
	if (credproc_run(st->command, st->profile, out, err) < 0)
		return AWS_CRED_ERROR;
	return AWS_CRED_FOUND;
}

static void process_state_free(void *state)
{
	struct process_state *st = state;

	free(st->command);
	free(st->profile);
	free(st);
}

const struct aws_cred_provider aws_cred_process = {
	.method = "custom-process",
	.tried = N_("credential_process"),
	.resolve = process_resolve,
	.refresh = process_refresh,
	.state_free = process_state_free,
};
