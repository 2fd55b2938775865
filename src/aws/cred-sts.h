/* What the assume-role and web-identity providers share: where STS is (kept
 * in their state for refreshes), and one cached fetch: the AWS CLI's cache
 * first, else the MFA code when the role needs one and the STS call, whose
 * answer then goes into the cache. */
#ifndef SAGESCALE_AWS_CRED_STS_H
#define SAGESCALE_AWS_CRED_STS_H
#include "aws/cred.h"
#include "aws/sts.h"

struct cred_sts_where {
	char *endpoint, *region, *ca_bundle;
	long connect_timeout_ms, timeout_ms;
	char *cache_dir; /* ~/.aws/cli/cache */
};

void cred_sts_where_init(struct cred_sts_where *w, const struct aws_cred_ctx *ctx);
void cred_sts_where_free(struct cred_sts_where *w);

/* Gets the credentials of args (AssumeRole, signed with src, or
 * AssumeRoleWithWebIdentity when op says so) under cache_key: from the
 * cache when it holds at least 15 minutes of them, else from STS (asking
 * the MFA code for args->serial_number first) and then cached.  profile
 * names the profile in messages.  AWS_CRED_FOUND with *out, or
 * AWS_CRED_ERROR with *err (the STS error and its hint; no secret). */
int cred_sts_fetch(const struct cred_sts_where *w, enum sts_op op,
		   const struct sts_assume_args *args, const struct aws_credentials *src,
		   const char *cache_key, const char *profile, struct aws_credentials *out,
		   char **err);

/* A session name as botocore makes one when none is configured. */
char *cred_sts_session_name(void);

#endif
