/* POSIX shell quoting and AWS CLI command lines built from a request's
 * JSON body, so that an exported command is safe to paste and to run. */
#ifndef SAGESCALE_EXPORT_SHELL_H
#define SAGESCALE_EXPORT_SHELL_H
#include "util/buf.h"

/* Appends s as one shell word that any POSIX sh reads back byte for byte.
 * Printable text goes inside single quotes ('\'' for a quote); characters
 * that could act on a terminal or a line editor when shown or pasted
 * (controls but newline, DEL, C1, bidi overrides, invalid UTF-8) are
 * written as "$(printf '\ooo')" next to it, so the exported text itself
 * holds no such character.  A newline stays literal inside the quotes. */
void shell_quote_buf(struct buf *b, const char *s);
char *shell_quote(const char *s);

/* "TargetCpuUtilizationPerCore" -> "target-cpu-utilization-per-core",
 * "RoleARN" -> "role-arn", as the AWS CLI names operations and options. */
char *shell_kebab(const char *camel);

/* The AWS CLI command for one call: `aws SERVICE OP` then one
 * `--member value` line per top-level member of json_body, in its order
 * (objects and arrays as compact JSON), then --region when region is not
 * NULL.  Lines are joined with " \" continuations; ends with a newline.
 * Returns NULL when json_body is not a JSON object. */
char *shell_aws_command(const char *service, const char *op, const char *json_body,
			const char *region);
/* The same with --profile after --region when profile is not NULL, so that
 * the script writes to the account it was made for. */
char *shell_aws_command_pinned(const char *service, const char *op, const char *json_body,
			       const char *region, const char *profile);

#endif
