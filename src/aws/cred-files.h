/* What the key-reading providers (env, shared-credentials-file,
 * config-file) share: a key pair with its "partial credentials" check. */
#ifndef SAGESCALE_AWS_CRED_FILES_H
#define SAGESCALE_AWS_CRED_FILES_H
#include "aws/cred.h"

/* AWS_CRED_FOUND with *c filled (source taken), AWS_CRED_NONE when neither
 * key is set (source freed), AWS_CRED_ERROR when only one is (where names
 * the place, ak_name/sk_name the keys, in the message). */
int aws_cred_pair(const char *ak, const char *sk, const char *token, const char *where,
		  const char *ak_name, const char *sk_name, struct aws_credentials *c, char **err,
		  char *source);

/* The keys of section in ini (read at path for profile): aws_access_key_id,
 * aws_secret_access_key, aws_session_token or aws_security_token. */
int aws_cred_from_section(const struct ini *ini, const char *section, const char *path,
			  const char *profile, char *source, struct aws_credentials *c, char **err);

#endif
