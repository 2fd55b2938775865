/* The AWS CLI's output layouts, reproduced from awscli's formatter.py,
 * table.py and text.py so that scripts and eyes used to `aws ... --output X`
 * read ours the same way.  Values print as Python's str() would. */
#include "config.h"
#include "cli/output.h"
#include "jmespath/jmespath.h"
#include "cli/output-int.h"
#include "util/json.h"
#include "util/buf.h"
#include "util/i18n.h"
#include "util/sanitize.h"
#include "util/xalloc.h"

#include <json.h>
#include <limits.h>
#include <math.h>
#include <stdlib.h>
#include <string.h>

/* --query (set once by the command-line parser). */
static const struct jp_expr *query;
static bool query_failed; /* it failed on an answer (exit 2) */

void output_set_query(const struct jp_expr *q)
{
	query = q;
	query_failed = false;
}

bool output_query_failed(void)
{
	return query_failed;
}

/* The answer with --query applied, as JSON text for the printers (*text,
 * the caller frees).  Returns 0, -1 with *err when the answer does not
 * parse, or OUTPUT_EQUERY with *err when the expression fails on it (a
 * type error that only a document can reveal). */
static int apply_query(const char *json, size_t len, char **text, char **err)
{
	struct json_object *doc = output_parse_json(json, len, err), *res = NULL;
	struct jp_error e;
	int rc = 0;

	*text = NULL;
	if (!doc)
		return -1;
	if (jp_search(query, doc, &res, &e) < 0) {
		size_t n;
		const char *src = jp_source(query, &n);
		char *m = jp_error_format(src, n, &e);
		*err = xasprintf("--query: %s", m);
		free(m);
		jp_error_clear(&e);
		rc = OUTPUT_EQUERY;
		query_failed = true;
	} else {
		*text = xstrdup(json_object_to_json_string_ext(
			res, JSON_C_TO_STRING_PLAIN | JSON_C_TO_STRING_NOSLASHESCAPE));
	}
	json_object_put(res);
	json_object_put(doc);
	return rc;
}

static int print_as(FILE *out, enum cli_output fmt, const char *title, const char *json, size_t len,
		    char **err)
{
	switch (fmt) {
	case CLI_OUTPUT_TABLE: return output_table(out, title, json, len, err);
	case CLI_OUTPUT_TEXT: return output_text(out, json, len, err);
	case CLI_OUTPUT_YAML: return output_yaml(out, json, len, false, err);
	case CLI_OUTPUT_YAML_STREAM: return output_yaml(out, json, len, true, err);
	default: return output_json(out, json, len, err);
	}
}

/* A null result, which the printers (reading JSON text with json-c, whose
 * null is no object) do not take: what the AWS CLI prints for None. */
static int print_null(FILE *out, enum cli_output fmt, char **err)
{
	switch (fmt) {
	case CLI_OUTPUT_TABLE: return 0; /* awscli's table prints nothing for a falsy answer */
	case CLI_OUTPUT_TEXT:
		fputs("None\n", out); /* str(None) */
		return 0;
	case CLI_OUTPUT_YAML:
	case CLI_OUTPUT_YAML_STREAM:
		return output_yaml_value(out, NULL, fmt == CLI_OUTPUT_YAML_STREAM, err);
	default: fputs("null\n", out); return 0;
	}
}

int output_print(FILE *out, enum cli_output fmt, const char *title, const char *json, size_t len,
		 char **err)
{
	char *queried;
	int rc;

	/* As the AWS CLI: the whole (merged) answer, before any layout. */
	if (!query)
		return print_as(out, fmt, title, json, len, err);
	*err = NULL;
	if ((rc = apply_query(json, len, &queried, err)) != 0)
		return rc;
	if (strcmp(queried, "null") == 0)
		rc = print_null(out, fmt, err);
	else
		rc = print_as(out, fmt, title, queried, strlen(queried), err);
	free(queried);
	return rc;
}

int output_parse_format(const char *s, enum cli_output *fmt)
{
	if (strcmp(s, "json") == 0)
		*fmt = CLI_OUTPUT_JSON;
	else if (strcmp(s, "table") == 0)
		*fmt = CLI_OUTPUT_TABLE;
	else if (strcmp(s, "text") == 0)
		*fmt = CLI_OUTPUT_TEXT;
	else if (strcmp(s, "yaml") == 0)
		*fmt = CLI_OUTPUT_YAML;
	else if (strcmp(s, "yaml-stream") == 0)
		*fmt = CLI_OUTPUT_YAML_STREAM;
	else
		return -1;
	return 0;
}
