/* The AWS CLI's pagination of a listing command: --no-paginate,
 * --page-size, --max-items and --starting-token with botocore's paginator
 * semantics, its resume token (base64 of a JSON object holding the
 * service's NextToken and boto_truncate_amount) so that tokens pass between
 * the AWS CLI and sagescale both ways, and its printing: the merged answer
 * (with NextToken when the listing stopped early) for json, table and
 * yaml; page by page for text (then "NEXTTOKEN <token>") and yaml-stream. */
#ifndef SAGESCALE_CLI_PAGINATE_H
#define SAGESCALE_CLI_PAGINATE_H
#include <stdbool.h>

#include "cli/options.h"
#include "cli/session.h"
#include "sagemaker/paging.h"

/* A decoded --starting-token. */
struct cli_token {
	char *next;     /* the service's NextToken to send, NULL: none */
	long long skip; /* items of the first page already seen */
};

/* Decodes a token as botocore does: base64 of a JSON object with
 * NextToken and boto_truncate_amount, else the older "TOKEN___N" or a bare
 * service token.  -1 with *err (translated, names --starting-token) when
 * the token holds members this listing does not take (a token of another
 * command) or malformed values. */
int cli_token_decode(const char *token, struct cli_token *out, char **err);
/* The AWS CLI's token for (next, truncate) ; truncate < 0: no
 * boto_truncate_amount member. */
char *cli_token_encode(const char *next, long long truncate);
void cli_token_free(struct cli_token *t);

/* The whole-command rules of the paging flags (--no-paginate with the
 * others is refused, as by the AWS CLI) and the token's format.  0, or
 * CLI_EXIT_USAGE after printing one line. */
int cli_paging_check(const struct cli_args *a);

/* Lists with spec (its request builder already holds the page size), each
 * page's text passed through the command's timestamp setting, and prints
 * as a->output says under the title (the operation name, for tables).
 * Returns the exit code, after reporting any failure. */
int cli_paginate_print(struct session *s, const struct cli_args *a, const struct paging_spec *spec,
		       const char *title);

#endif
