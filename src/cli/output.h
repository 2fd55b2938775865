/* Printers for API responses in the AWS CLI's three layouts (json, table,
 * text), so `sagescale ... --output X` reads like `aws ... --output X`.
 * Everything printed is made terminal-safe. */
#ifndef SAGESCALE_OUTPUT_H
#define SAGESCALE_OUTPUT_H
#include <stdbool.h>
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
int output_table_width(FILE *out, long width, const char *title, const char *json, size_t len,
		       char **err);
/* The AWS CLI's --output text. */
int output_text(FILE *out, const char *json, size_t len, char **err);
/* One of the above by format, after the --query expression (if one was
 * set) is applied to the whole answer, as the AWS CLI does, whatever the
 * format.  Returns 0, -1 with *err, or OUTPUT_EQUERY with *err when the
 * expression fails on this answer (a usage error: exit 2). */
int output_print(FILE *out, enum cli_output fmt, const char *title, const char *json, size_t len,
		 char **err);
#define OUTPUT_EQUERY (-2)
/* The --query expression output_print applies (NULL: none); set by the
 * command-line parser, borrowed until it sets another. */
struct jp_expr;
void output_set_query(const struct jp_expr *q);
/* True once the expression failed on an answer: the command's exit status
 * is then 2 (the dispatcher sees to it). */
bool output_query_failed(void);
/* The AWS CLI v2's --output yaml (stream false) and yaml-stream (the
 * answer as a one-item list, so that pages printed one after another read
 * as one list), through libyaml (src/cli/output_yaml.c). */
int output_yaml(FILE *out, const char *json, size_t len, bool stream, char **err);
struct json_object;
int output_yaml_value(FILE *out, struct json_object *o, bool stream, char **err);
/* --color for the table printer (set once by the command-line parser):
 * on always colours cells and indentation as the AWS CLI does, auto only
 * when the output is a terminal. */
void output_set_color(enum cli_color c);
/* Parses "json", "table", "text", "yaml" or "yaml-stream".  Returns 0 or -1. */
int output_parse_format(const char *s, enum cli_output *fmt);

#endif
