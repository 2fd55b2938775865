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

/* ---- shared ---- */

struct json_object *output_parse_json(const char *json, size_t len, char **err)
{
	struct json_tokener *tok;
	struct json_object *o;
	enum json_tokener_error e;
	size_t end;
	bool at_end = false;

	if (len > INT_MAX) {
		*err = xstrdup(_("response too large to print"));
		return NULL;
	}
	tok = json_tokener_new();
	if (!tok)
		xfatal("out of memory");
	o = json_tokener_parse_ex(tok, json, (int)len);
	e = json_tokener_get_error(tok);
	/* A bare number at the end of the text ("42") waits for more digits:
	 * the end of the text ends it. */
	if (!o && e == json_tokener_continue) {
		o = json_tokener_parse_ex(tok, "", 1);
		e = json_tokener_get_error(tok);
		at_end = true;
	}
	end = o && e == json_tokener_success && !at_end ? json_tokener_get_parse_end(tok) : len;
	while (end < len && strchr(" \t\r\n", json[end]))
		end++;
	if (!o || e != json_tokener_success || end < len) {
		*err = xasprintf(_("the response is not valid JSON: %s"),
				 e == json_tokener_continue ? _("unexpected end of input") :
				 e == json_tokener_success ? _("text after the end of the document") :
				 json_tokener_error_desc(e));
		if (o)
			json_object_put(o);
		o = NULL;
	}
	json_tokener_free(tok);
	return o;
}


bool out_is_scalar(struct json_object *o)
{
	return !json_object_is_type(o, json_type_object) &&
	       !json_object_is_type(o, json_type_array);
}

/* Python's falsiness, as `if not current` sees it. */
bool out_is_empty(struct json_object *o)
{
	switch (json_object_get_type(o)) {
	case json_type_null: return true;
	case json_type_boolean: return !json_object_get_boolean(o);
	case json_type_int: return json_object_get_int64(o) == 0;
	case json_type_double: return json_object_get_double(o) == 0;
	case json_type_string: return json_object_get_string_len(o) == 0;
	case json_type_object: return json_object_object_length(o) == 0;
	case json_type_array: return json_object_array_length(o) == 0;
	}
	return false;
}

void out_py_repr(struct buf *b, struct json_object *o);

/* Python's str() of a value parsed from JSON. */
/* An integer as json-c holds it: int64, or uint64 above INT64_MAX (so
 * that 9223372036854775808..18446744073709551615 are not clamped). */
void out_put_int(struct buf *b, struct json_object *o)
{
	int64_t v = json_object_get_int64(o);

	if (v == INT64_MAX)
		buf_printf(b, "%llu", (unsigned long long)json_object_get_uint64(o));
	else
		buf_printf(b, "%lld", (long long)v);
}

void out_py_str(struct buf *b, struct json_object *o)
{
	switch (json_object_get_type(o)) {
	case json_type_null:
		buf_puts(b, "None");
		break;
	case json_type_boolean:
		buf_puts(b, json_object_get_boolean(o) ? "True" : "False");
		break;
	case json_type_int:
		out_put_int(b, o);
		break;
	case json_type_double:
		jsonutil_py_float(b, json_object_get_double(o));
		break;
	case json_type_string:
		buf_append(b, json_object_get_string(o), (size_t)json_object_get_string_len(o));
		break;
	default:
		out_py_repr(b, o);
		break;
	}
}

/* Python's repr() of dicts and lists (only reached by odd responses). */
void out_py_repr(struct buf *b, struct json_object *o)
{
	size_t i, n;
	bool first = true;

	if (json_object_is_type(o, json_type_string)) {
		const char *s = json_object_get_string(o);
		buf_putc(b, '\'');
		for (; *s; s++) {
			if (*s == '\'' || *s == '\\')
				buf_putc(b, '\\');
			buf_putc(b, *s);
		}
		buf_putc(b, '\'');
	} else if (json_object_is_type(o, json_type_array)) {
		buf_putc(b, '[');
		n = json_object_array_length(o);
		for (i = 0; i < n; i++) {
			if (i)
				buf_puts(b, ", ");
			out_py_repr(b, json_object_array_get_idx(o, i));
		}
		buf_putc(b, ']');
	} else if (json_object_is_type(o, json_type_object)) {
		buf_putc(b, '{');
		json_object_object_foreach(o, k, v) {
			if (!first)
				buf_puts(b, ", ");
			first = false;
			buf_printf(b, "'%s': ", k);
			out_py_repr(b, v);
		}
		buf_putc(b, '}');
	} else {
		out_py_str(b, o);
	}
}

/* str(value), made safe for the terminal. */
char *out_cell(struct json_object *o)
{
	struct buf b = BUF_INIT;
	char *s;

	out_py_str(&b, o);
	s = sanitize_text(buf_str(&b), b.len);
	buf_free(&b);
	return s;
}

static int cmp_str(const void *a, const void *b)
{
	return strcmp(*(char *const *)a, *(char *const *)b);
}


bool out_strset_has(const struct strset *s, const char *k)
{
	size_t i;

	for (i = 0; i < s->n; i++)
		if (strcmp(s->v[i], k) == 0)
			return true;
	return false;
}

void out_strset_add(struct strset *s, const char *k)
{
	if (out_strset_has(s, k))
		return;
	if (s->n == s->cap) {
		s->cap = s->cap ? 2 * s->cap : 8;
		s->v = xrealloc(s->v, s->cap * sizeof(*s->v));
	}
	s->v[s->n++] = (char *)k;	/* borrowed from the document */
}

void out_strset_sort(struct strset *s)
{
	if (s->n)
		qsort(s->v, s->n, sizeof(*s->v), cmp_str);
}

void out_strset_free(struct strset *s)
{
	free(s->v);
	memset(s, 0, sizeof(*s));
}

/* Scalar and non-scalar keys of one object, each sorted. */
void out_group_keys(struct json_object *o, struct strset *scalars, struct strset *more)
{
	json_object_object_foreach(o, k, v) {
		if (out_is_scalar(v))
			out_strset_add(scalars, k);
		else
			out_strset_add(more, k);
	}
	out_strset_sort(scalars);
	out_strset_sort(more);
}

/* --query (set once by the command-line parser). */
static const struct jp_expr *query;
static bool query_failed;	/* it failed on an answer (exit 2) */

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
		*text = xstrdup(json_object_to_json_string_ext(res, JSON_C_TO_STRING_PLAIN |
							       JSON_C_TO_STRING_NOSLASHESCAPE));
	}
	json_object_put(res);
	json_object_put(doc);
	return rc;
}

static int print_as(FILE *out, enum cli_output fmt, const char *title,
		    const char *json, size_t len, char **err)
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
	case CLI_OUTPUT_TABLE:
		return 0;		/* awscli's table prints nothing for a falsy answer */
	case CLI_OUTPUT_TEXT:
		fputs("None\n", out);	/* str(None) */
		return 0;
	case CLI_OUTPUT_YAML:
	case CLI_OUTPUT_YAML_STREAM:
		return output_yaml_value(out, NULL, fmt == CLI_OUTPUT_YAML_STREAM, err);
	default:
		fputs("null\n", out);
		return 0;
	}
}

int output_print(FILE *out, enum cli_output fmt, const char *title,
		 const char *json, size_t len, char **err)
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
