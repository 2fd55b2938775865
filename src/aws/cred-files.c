/* Key pairs from the environment or a section of the shared files (for
 * cred-env.c, cred-shared.c and cred-config.c). */
#include "config.h"
#include "aws/cred-files.h"
#include "util/i18n.h"
#include "util/sanitize.h"
#include "util/xalloc.h"

#include <stdlib.h>

int aws_cred_pair(const char *ak, const char *sk, const char *token, const char *where,
		  const char *ak_name, const char *sk_name, struct aws_credentials *c, char **err,
		  char *source)
{
	if (ak && !*ak)
		ak = NULL;
	if (sk && !*sk)
		sk = NULL;
	if (!ak && !sk) {
		free(source);
		return AWS_CRED_NONE;
	}
	if (!ak || !sk) {
		*err = xasprintf(_("Partial credentials found in %s: %s is missing."), where,
				 ak ? sk_name : ak_name);
		free(source);
		return AWS_CRED_ERROR;
	}
	aws_cred_set(c, ak, sk, token, 0, source);
	return AWS_CRED_FOUND;
}

/* Its place named "PATH (profile P)" in messages. */
int aws_cred_from_section(const struct ini *ini, const char *section, const char *path,
			  const char *profile, char *source, struct aws_credentials *c, char **err)
{
	const char *token = ini_get(ini, section, "aws_session_token");
	char *spath = sanitize_str(path);
	char *where = xasprintf(_("%s (profile %s)"), spath, profile);
	int rc;

	if (!token)
		token = ini_get(ini, section, "aws_security_token");
	rc = aws_cred_pair(ini_get(ini, section, "aws_access_key_id"),
			   ini_get(ini, section, "aws_secret_access_key"), token, where,
			   "aws_access_key_id", "aws_secret_access_key", c, err, source);
	free(where);
	free(spath);
	return rc;
}
