/* What the printers share (output-int.h): parsing the answer once, and
 * the Python str()/repr() and key grouping that awscli's text and table
 * formatters use.  It calls none of the printers, so that they and
 * output.c, which chooses among them, form no cycle. */
#include "config.h"
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
				 e == json_tokener_continue ? _("unexpected end of input")
				 : e == json_tokener_success
					 ? _("text after the end of the document")
					 : json_tokener_error_desc(e));
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
	case json_type_null: buf_puts(b, "None"); break;
	case json_type_boolean: buf_puts(b, json_object_get_boolean(o) ? "True" : "False"); break;
	case json_type_int: out_put_int(b, o); break;
	case json_type_double: jsonutil_py_float(b, json_object_get_double(o)); break;
	case json_type_string:
		buf_append(b, json_object_get_string(o), (size_t)json_object_get_string_len(o));
		break;
	default: out_py_repr(b, o); break;
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
		json_object_object_foreach(o, k, v)
		{
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
	s->v[s->n++] = (char *)k; /* borrowed from the document */
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
	json_object_object_foreach(o, k, v)
	{
		if (out_is_scalar(v))
			out_strset_add(scalars, k);
		else
			out_strset_add(more, k);
	}
	out_strset_sort(scalars);
	out_strset_sort(more);
}
