/* The AWS CLI's cache of assumed-role sessions (~/.aws/cli/cache): the file
 * name is the SHA-1 of the AssumeRole arguments as botocore's
 * BaseAssumeRoleCredentialFetcher._create_cache_key computes it (Python's
 * json.dumps(args, sort_keys=True), the generated session name left out),
 * the content the AssumeRole answer as JSON, written 0600 through a
 * temporary file and a rename, as JSONFileCache does.  So sagescale and the
 * AWS CLI reuse each other's sessions, and an MFA code is asked once per
 * session lifetime. */
#ifndef SAGESCALE_AWS_CLICACHE_H
#define SAGESCALE_AWS_CLICACHE_H
#include <stdbool.h>
#include <stddef.h>
#include "aws/sts.h"

/* botocore's CachedCredentialFetcher: a cached session with less than this
 * left is not used. */
#define CLICACHE_EXPIRY_WINDOW_S (15 * 60)

/* One argument of the key: a string, or a number when is_num. */
struct clicache_arg {
	const char *name; /* "RoleArn", "DurationSeconds", ... */
	const char *str;
	long num;
	bool is_num;
};

/* json.dumps(args, sort_keys=True) of the arguments (malloc'd). */
char *clicache_args_json(const struct clicache_arg *args, size_t n);
/* Its lowercase hex SHA-1: the file name without ".json" (malloc'd). */
char *clicache_key(const struct clicache_arg *args, size_t n);
/* $HOME/.aws/cli/cache (malloc'd). */
char *clicache_dir(void);

/* 1 and *out filled (keys, token, expiration, arn) when dir/key.json holds
 * a session with at least CLICACHE_EXPIRY_WINDOW_S left at now; 0 when
 * there is none, it is expired, or the file does not parse (then it is
 * treated as absent and overwritten by the next store). */
int clicache_load(const char *dir, const char *key, long long now, struct sts_assumed *out);
/* Writes the answer to dir/key.json (dir created 0700 when missing).
 * Returns 0, or -1 with *err (translated, names the file). */
int clicache_store(const char *dir, const char *key, const struct sts_assumed *a, bool web,
		   char **err);

#endif
