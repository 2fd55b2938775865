/* credential_process: runs the profile's command (split into words as
 * botocore's shlex.split does, no shell), reads
 * its JSON (Version 1, AccessKeyId, SecretAccessKey, optional SessionToken
 * and Expiration) from stdout; its stderr passes through to ours. */
#ifndef SAGESCALE_AWS_CREDPROC_H
#define SAGESCALE_AWS_CREDPROC_H
#include <stddef.h>
#include "aws/config.h"

/* Output larger than this is refused (a credential document is < 4 KiB). */
#define CREDPROC_MAX_OUTPUT (64 * 1024)
/* Deeper JSON nesting is refused. */
#define CREDPROC_JSON_DEPTH 32

/* The command must finish within this (milliseconds), or within
 * $SAGESCALE_CREDENTIAL_PROCESS_TIMEOUT seconds: then it is stopped with
 * its whole process group (SIGTERM, then SIGKILL).  botocore has no such
 * timeout: a hung command hangs the AWS CLI. */
#define CREDPROC_TIMEOUT_MS 60000L

/* Runs command for profile, in its own process group; the group is
 * killed on timeout, when we exit, and when a signal that would end us
 * arrives while it runs.  On success fills out (source and, when the
 * process printed Expiration, expiration set) and returns
 * 0; otherwise returns -1 and sets *err to one translated sentence that
 * names the profile and never contains the process's output. */
int credproc_run(const char *command, const char *profile, struct aws_credentials *out, char **err);
/* Kills the process group of a command still running (exit paths). */
void credproc_kill_running(void);

/* The command line as words (free with credproc_argv_free), or NULL when a
 * quote is not closed or it ends in a backslash. */
char **credproc_split(const char *command);
void credproc_argv_free(char **argv);

/* Parses the process's stdout; now is the current time (seconds, UTC) that
 * Expiration is checked against.  Same contract as credproc_run. */
int credproc_parse(const char *json, size_t len, const char *profile, long long now,
		   struct aws_credentials *out, char **err);

#endif
