/* Printers for API responses in the AWS CLI's three layouts (json, table,
 * text), so `sagescale ... --output X` reads like `aws ... --output X`.
 * Everything printed is made terminal-safe. */
#ifndef SAGESCALE_OUTPUT_H
#define SAGESCALE_OUTPUT_H
#include <stdio.h>
#include "cli/options.h"

/* Writes the JSON document json (len bytes) indented by 4 spaces in its
 * own key order, like Python's json.dumps(indent=4, ensure_ascii=False)
 * as the AWS CLI does, except that characters unsafe for a terminal are
 * written as \u escapes.  Returns 0, or -1 with *err when json does not
 * parse. */
int output_json(FILE *out, const char *json, size_t len, char **err);
/* The AWS CLI's --output table: title is the operation name
 * ("GetScalingConfigurationRecommendation"). */
int output_table(FILE *out, const char *title, const char *json, size_t len, char **err);
/* The same for a given terminal width (0: the width of out's terminal, 80
 * when it is not one), as awscli's MultiTable does. */
int output_table_width(FILE *out, long width, const char *title, const char *json,
		       size_t len, char **err);
/* The AWS CLI's --output text. */
int output_text(FILE *out, const char *json, size_t len, char **err);
/* One of the above by format. */
int output_print(FILE *out, enum cli_output fmt, const char *title,
		 const char *json, size_t len, char **err);
/* Parses "json", "table" or "text".  Returns 0 or -1. */
int output_parse_format(const char *s, enum cli_output *fmt);

#endif
