/* The AWS CLI's output layouts, reproduced from awscli's formatter.py,
 * table.py and text.py so that scripts and eyes used to `aws ... --output X`
 * read ours the same way.  Values print as Python's str() would. */
#include "config.h"
#include "cli/output.h"
#include "cli/eawidth.h"
#include "jmespath/jmespath.h"
#include "cli/output-int.h"
#include "util/buf.h"
#include "util/i18n.h"
#include "util/sanitize.h"
#include "util/utf8.h"
#include "util/xalloc.h"

#include <json.h>
#include <limits.h>
#include <math.h>
#include <stdlib.h>
#include <string.h>
#include <sys/ioctl.h>
#include <unistd.h>
#include <wctype.h>

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

/* Python's repr(float): the shortest digits that read back the same, in
 * fixed notation for 1e-4 <= |x| < 1e16 and exponent notation otherwise. */
void output_py_float(struct buf *b, double x)
{
	char tmp[40], digits[24];
	int p, exp = 0, nd = 0, decpt, i;
	char *e;

	if (isnan(x)) {
		buf_puts(b, "NaN");
		return;
	}
	if (isinf(x)) {
		buf_puts(b, x < 0 ? "-Infinity" : "Infinity");
		return;
	}
	if (signbit(x))
		buf_putc(b, '-');
	x = fabs(x);
	if (x == 0) {
		buf_puts(b, "0.0");
		return;
	}
	for (p = 1; p <= 17; p++) {
		snprintf(tmp, sizeof(tmp), "%.*e", p - 1, x);
		if (strtod(tmp, NULL) == x)
			break;
	}
	e = strchr(tmp, 'e');
	exp = atoi(e + 1);
	for (i = 0; tmp + i < e; i++)
		if (tmp[i] != '.')
			digits[nd++] = tmp[i];
	while (nd > 1 && digits[nd - 1] == '0')
		nd--;
	digits[nd] = '\0';
	decpt = exp + 1;
	if (decpt <= -4 || decpt > 16) {
		buf_putc(b, digits[0]);
		if (nd > 1) {
			buf_putc(b, '.');
			buf_puts(b, digits + 1);
		}
		buf_printf(b, "e%+03d", exp);
	} else if (decpt <= 0) {
		buf_puts(b, "0.");
		for (i = 0; i < -decpt; i++)
			buf_putc(b, '0');
		buf_puts(b, digits);
	} else if (decpt < nd) {
		buf_append(b, digits, decpt);
		buf_putc(b, '.');
		buf_puts(b, digits + decpt);
	} else {
		buf_puts(b, digits);
		for (i = nd; i < decpt; i++)
			buf_putc(b, '0');
		buf_puts(b, ".0");
	}
}

static bool is_scalar(struct json_object *o)
{
	return !json_object_is_type(o, json_type_object) &&
	       !json_object_is_type(o, json_type_array);
}

/* Python's falsiness, as `if not current` sees it. */
static bool is_empty(struct json_object *o)
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

static void py_repr(struct buf *b, struct json_object *o);

/* Python's str() of a value parsed from JSON. */
/* An integer as json-c holds it: int64, or uint64 above INT64_MAX (so
 * that 9223372036854775808..18446744073709551615 are not clamped). */
static void put_int(struct buf *b, struct json_object *o)
{
	int64_t v = json_object_get_int64(o);

	if (v == INT64_MAX)
		buf_printf(b, "%llu", (unsigned long long)json_object_get_uint64(o));
	else
		buf_printf(b, "%lld", (long long)v);
}

static void py_str(struct buf *b, struct json_object *o)
{
	switch (json_object_get_type(o)) {
	case json_type_null:
		buf_puts(b, "None");
		break;
	case json_type_boolean:
		buf_puts(b, json_object_get_boolean(o) ? "True" : "False");
		break;
	case json_type_int:
		put_int(b, o);
		break;
	case json_type_double:
		output_py_float(b, json_object_get_double(o));
		break;
	case json_type_string:
		buf_append(b, json_object_get_string(o), (size_t)json_object_get_string_len(o));
		break;
	default:
		py_repr(b, o);
		break;
	}
}

/* Python's repr() of dicts and lists (only reached by odd responses). */
static void py_repr(struct buf *b, struct json_object *o)
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
			py_repr(b, json_object_array_get_idx(o, i));
		}
		buf_putc(b, ']');
	} else if (json_object_is_type(o, json_type_object)) {
		buf_putc(b, '{');
		json_object_object_foreach(o, k, v) {
			if (!first)
				buf_puts(b, ", ");
			first = false;
			buf_printf(b, "'%s': ", k);
			py_repr(b, v);
		}
		buf_putc(b, '}');
	} else {
		py_str(b, o);
	}
}

/* str(value), made safe for the terminal. */
static char *cell(struct json_object *o)
{
	struct buf b = BUF_INIT;
	char *s;

	py_str(&b, o);
	s = sanitize_text(buf_str(&b), b.len);
	buf_free(&b);
	return s;
}

static int cmp_str(const void *a, const void *b)
{
	return strcmp(*(char *const *)a, *(char *const *)b);
}

/* A sorted, de-duplicated list of strings (Python's sorted(set(...))). */
struct strset {
	char **v;
	size_t n, cap;
};

static bool strset_has(const struct strset *s, const char *k)
{
	size_t i;

	for (i = 0; i < s->n; i++)
		if (strcmp(s->v[i], k) == 0)
			return true;
	return false;
}

static void strset_add(struct strset *s, const char *k)
{
	if (strset_has(s, k))
		return;
	if (s->n == s->cap) {
		s->cap = s->cap ? 2 * s->cap : 8;
		s->v = xrealloc(s->v, s->cap * sizeof(*s->v));
	}
	s->v[s->n++] = (char *)k;	/* borrowed from the document */
}

static void strset_sort(struct strset *s)
{
	if (s->n)
		qsort(s->v, s->n, sizeof(*s->v), cmp_str);
}

static void strset_free(struct strset *s)
{
	free(s->v);
	memset(s, 0, sizeof(*s));
}

/* Scalar and non-scalar keys of one object, each sorted. */
static void group_keys(struct json_object *o, struct strset *scalars, struct strset *more)
{
	json_object_object_foreach(o, k, v) {
		if (is_scalar(v))
			strset_add(scalars, k);
		else
			strset_add(more, k);
	}
	strset_sort(scalars);
	strset_sort(more);
}

/* ---- json ---- */

static void json_string(struct buf *b, const char *s, size_t n)
{
	size_t i = 0, k;
	uint32_t cp;

	buf_putc(b, '"');
	while (i < n) {
		unsigned char c = (unsigned char)s[i];
		switch (c) {
		case '"': buf_puts(b, "\\\""); i++; continue;
		case '\\': buf_puts(b, "\\\\"); i++; continue;
		case '\n': buf_puts(b, "\\n"); i++; continue;
		case '\r': buf_puts(b, "\\r"); i++; continue;
		case '\t': buf_puts(b, "\\t"); i++; continue;
		case '\b': buf_puts(b, "\\b"); i++; continue;
		case '\f': buf_puts(b, "\\f"); i++; continue;
		}
		k = utf8_decode(s + i, n - i, &cp);
		if (k == 0) {
			/* Not UTF-8: the character that stands for a lost one. */
			buf_puts(b, "\\ufffd");
			i++;
			continue;
		}
		if (sanitize_is_unsafe(cp))
			buf_printf(b, "\\u%04x", (unsigned)cp);
		else
			buf_append(b, s + i, k);
		i += k;
	}
	buf_putc(b, '"');
}

static void indent(struct buf *b, int level)
{
	int i;

	for (i = 0; i < level * 4; i++)
		buf_putc(b, ' ');
}

static void json_value(struct buf *b, struct json_object *o, int level)
{
	size_t i, n;
	bool first = true;

	switch (json_object_get_type(o)) {
	case json_type_null: buf_puts(b, "null"); break;
	case json_type_boolean: buf_puts(b, json_object_get_boolean(o) ? "true" : "false"); break;
	case json_type_int: put_int(b, o); break;
	case json_type_double: output_py_float(b, json_object_get_double(o)); break;
	case json_type_string:
		json_string(b, json_object_get_string(o), (size_t)json_object_get_string_len(o));
		break;
	case json_type_array:
		n = json_object_array_length(o);
		if (n == 0) {
			buf_puts(b, "[]");
			break;
		}
		buf_puts(b, "[\n");
		for (i = 0; i < n; i++) {
			if (i)
				buf_puts(b, ",\n");
			indent(b, level + 1);
			json_value(b, json_object_array_get_idx(o, i), level + 1);
		}
		buf_putc(b, '\n');
		indent(b, level);
		buf_putc(b, ']');
		break;
	case json_type_object:
		if (json_object_object_length(o) == 0) {
			buf_puts(b, "{}");
			break;
		}
		buf_puts(b, "{\n");
		json_object_object_foreach(o, k, v) {
			if (!first)
				buf_puts(b, ",\n");
			first = false;
			indent(b, level + 1);
			json_string(b, k, strlen(k));
			buf_puts(b, ": ");
			json_value(b, v, level + 1);
		}
		buf_putc(b, '\n');
		indent(b, level);
		buf_putc(b, '}');
		break;
	}
}

int output_json(FILE *out, const char *json, size_t len, char **err)
{
	struct json_object *o = output_parse_json(json, len, err);
	struct buf b = BUF_INIT;

	if (!o)
		return -1;
	/* Like the AWS CLI, an empty answer prints nothing. */
	if (!(json_object_is_type(o, json_type_object) && json_object_object_length(o) == 0)) {
		json_value(&b, o, 0);
		buf_putc(&b, '\n');
		fwrite(buf_str(&b), 1, b.len, out);
	}
	buf_free(&b);
	json_object_put(o);
	return 0;
}

/* ---- text (awscli/text.py) ---- */

static void text_item(struct buf *b, struct json_object *o, const char *ident,
		      const struct strset *scalar_keys);

/* identifier.upper(), as awscli writes it (sanitised first). */
static void put_ident(struct buf *b, const char *ident)
{
	char *s = sanitize_str(ident);
	size_t n = strlen(s), i = 0, k;
	uint32_t cp;

	while (i < n) {
		k = utf8_decode(s + i, n - i, &cp);
		if (k == 0) {
			buf_putc(b, s[i++]);
			continue;
		}
		if (cp < 0x80)
			buf_putc(b, (cp >= 'a' && cp <= 'z') ? (char)(cp - 'a' + 'A') : (char)cp);
		else
			utf8_buf_put(b, (uint32_t)towupper((wint_t)cp));
		i += k;
	}
	free(s);
}

static void put_cell(struct buf *b, struct json_object *o)
{
	char *s = cell(o);

	buf_puts(b, s);
	free(s);
}

static void text_scalar_list(struct buf *b, struct json_object **v, size_t n, const char *ident)
{
	size_t i;

	for (i = 0; i < n; i++) {
		if (ident) {
			put_ident(b, ident);
			buf_putc(b, '\t');
			put_cell(b, v[i]);
			buf_putc(b, '\n');
		} else {
			if (i)
				buf_putc(b, '\t');
			put_cell(b, v[i]);
		}
	}
	if (!ident)
		buf_putc(b, '\n');
}

static void text_list(struct buf *b, struct json_object *o, const char *ident)
{
	size_t i, n = json_object_array_length(o), ns = 0;
	bool any_dict = false, any_list = false;
	struct json_object **scalars;

	if (n == 0)
		return;
	for (i = 0; i < n; i++) {
		struct json_object *e = json_object_array_get_idx(o, i);
		any_dict |= json_object_is_type(e, json_type_object);
		any_list |= json_object_is_type(e, json_type_array);
	}
	if (any_dict) {
		struct strset keys = { 0 };
		for (i = 0; i < n; i++) {
			struct json_object *e = json_object_array_get_idx(o, i);
			if (!json_object_is_type(e, json_type_object))
				continue;
			json_object_object_foreach(e, k, v)
				if (is_scalar(v))
					strset_add(&keys, k);
		}
		strset_sort(&keys);
		for (i = 0; i < n; i++)
			text_item(b, json_object_array_get_idx(o, i), ident, &keys);
		strset_free(&keys);
		return;
	}
	scalars = xcalloc(n, sizeof(*scalars));
	for (i = 0; i < n; i++) {
		struct json_object *e = json_object_array_get_idx(o, i);
		if (is_scalar(e))
			scalars[ns++] = e;
	}
	if (!any_list) {
		text_scalar_list(b, scalars, ns, ident);
	} else {
		if (ns)
			text_scalar_list(b, scalars, ns, ident);
		for (i = 0; i < n; i++) {
			struct json_object *e = json_object_array_get_idx(o, i);
			if (!is_scalar(e))
				text_item(b, e, ident, NULL);
		}
	}
	free(scalars);
}

static void text_dict(struct buf *b, struct json_object *o, const char *ident,
		      const struct strset *scalar_keys)
{
	struct strset sc = { 0 }, more = { 0 };
	size_t i, nsc = 0;
	struct buf line = BUF_INIT;

	if (!scalar_keys) {
		group_keys(o, &sc, &more);
		for (i = 0; i < sc.n; i++, nsc++) {
			if (nsc)
				buf_putc(&line, '\t');
			put_cell(&line, json_object_object_get(o, sc.v[i]));
		}
	} else {
		for (i = 0; i < scalar_keys->n; i++, nsc++) {
			struct json_object *v;
			if (nsc)
				buf_putc(&line, '\t');
			if (json_object_object_get_ex(o, scalar_keys->v[i], &v))
				put_cell(&line, v);
		}
		json_object_object_foreach(o, k, v) {
			(void)v;
			if (!strset_has(scalar_keys, k))
				strset_add(&more, k);
		}
		strset_sort(&more);
	}
	if (nsc) {
		if (ident) {
			put_ident(b, ident);
			buf_putc(b, '\t');
		}
		buf_append(b, buf_str(&line), line.len);
		buf_putc(b, '\n');
	}
	for (i = 0; i < more.n; i++)
		text_item(b, json_object_object_get(o, more.v[i]), more.v[i], NULL);
	buf_free(&line);
	strset_free(&sc);
	strset_free(&more);
}

static void text_item(struct buf *b, struct json_object *o, const char *ident,
		      const struct strset *scalar_keys)
{
	if (json_object_is_type(o, json_type_object)) {
		text_dict(b, o, ident, scalar_keys);
	} else if (json_object_is_type(o, json_type_array)) {
		text_list(b, o, ident);
	} else {
		put_cell(b, o);
		buf_putc(b, '\n');
	}
}

int output_text(FILE *out, const char *json, size_t len, char **err)
{
	struct json_object *o = output_parse_json(json, len, err);
	struct buf b = BUF_INIT;

	if (!o)
		return -1;
	text_item(&b, o, NULL, NULL);
	fwrite(buf_str(&b), 1, b.len, out);
	buf_free(&b);
	json_object_put(o);
	return 0;
}

/* ---- table (awscli/table.py, TableFormatter) ---- */

static enum cli_color table_color = CLI_COLOR_AUTO;

void output_set_color(enum cli_color c)
{
	table_color = c;
}

struct section {
	char *title;
	char **headers;
	size_t nheaders;
	char ***rows;
	size_t nrows, rows_cap;
	int indent;
	long ncols;		/* -1 until the first header or row */
	int *max_widths;
	size_t nwidths;
};

struct table {
	struct section **s;
	size_t n, cap;
	struct section *cur;
};

/* Columns a character takes, as awscli counts them: 2 for East Asian wide,
 * full-width and ambiguous characters (binary search in eawidth.h). */
static int char_width(uint32_t cp)
{
	size_t lo = 0, hi = sizeof(eaw_wide) / sizeof(eaw_wide[0]);

	while (lo < hi) {
		size_t mid = (lo + hi) / 2;
		if (cp < eaw_wide[mid][0])
			hi = mid;
		else if (cp > eaw_wide[mid][1])
			lo = mid + 1;
		else
			return 2;
	}
	return 1;
}

static int text_width(const char *s)
{
	size_t n = strlen(s), i = 0, k;
	uint32_t cp;
	int w = 0;

	while (i < n) {
		k = utf8_decode(s + i, n - i, &cp);
		if (k == 0) {
			w++;
			i++;
			continue;
		}
		w += char_width(cp);
		i += k;
	}
	return w;
}

static void spaces(struct buf *b, long n)
{
	for (; n > 0; n--)
		buf_putc(b, ' ');
}

static void dashes(struct buf *b, long n)
{
	for (; n > 0; n--)
		buf_putc(b, '-');
}

static struct section *section_new(void)
{
	struct section *s = xcalloc(1, sizeof(*s));

	s->title = xstrdup("");
	s->ncols = -1;
	return s;
}

static void section_free(struct section *s)
{
	size_t i, j;

	free(s->title);
	for (i = 0; i < s->nheaders; i++)
		free(s->headers[i]);
	free(s->headers);
	for (i = 0; i < s->nrows; i++) {
		for (j = 0; j < (size_t)s->ncols; j++)
			free(s->rows[i][j]);
		free(s->rows[i]);
	}
	free(s->rows);
	free(s->max_widths);
	free(s);
}

static void update_widths(struct section *s, char **row, size_t n)
{
	size_t i;

	if (s->nwidths == 0) {
		free(s->max_widths);
		s->max_widths = xcalloc(n ? n : 1, sizeof(int));
		s->nwidths = n;
		for (i = 0; i < n; i++)
			s->max_widths[i] = text_width(row[i]);
		return;
	}
	for (i = 0; i < n && i < s->nwidths; i++) {
		int w = text_width(row[i]);
		if (w > s->max_widths[i])
			s->max_widths[i] = w;
	}
}

/* Takes ownership of the n strings in cells. */
static void section_add_header(struct section *s, char **cells, size_t n)
{
	size_t i;

	update_widths(s, cells, n);
	if (s->ncols < 0)
		s->ncols = (long)n;
	for (i = 0; i < s->nheaders; i++)
		free(s->headers[i]);
	free(s->headers);
	s->headers = cells;
	s->nheaders = n;
}

static void section_add_row(struct section *s, char **cells, size_t n)
{
	size_t i;

	if (s->ncols < 0)
		s->ncols = (long)n;
	if ((long)n != s->ncols) {
		/* awscli raises here; an odd response is shown, not fatal:
		 * pad or cut the row to the section's width. */
		for (i = (size_t)s->ncols; i < n; i++)
			free(cells[i]);	/* before the array shrinks */
		cells = xrealloc(cells, (size_t)(s->ncols ? s->ncols : 1) * sizeof(char *));
		for (i = n; i < (size_t)s->ncols; i++)
			cells[i] = xstrdup("");
		n = (size_t)s->ncols;
	}
	if (s->nrows == s->rows_cap) {
		s->rows_cap = s->rows_cap ? 2 * s->rows_cap : 4;
		s->rows = xrealloc(s->rows, s->rows_cap * sizeof(*s->rows));
	}
	s->rows[s->nrows++] = cells;
	update_widths(s, cells, n);
}

static void table_new_section(struct table *t, const char *title, int indent)
{
	struct section *s = section_new();

	free(s->title);
	s->title = sanitize_str(title);
	s->indent = indent;
	if (t->n == t->cap) {
		t->cap = t->cap ? 2 * t->cap : 8;
		t->s = xrealloc(t->s, t->cap * sizeof(*t->s));
	}
	t->s[t->n++] = s;
	t->cur = s;
}

static char **cells_new(size_t n)
{
	return xcalloc(n ? n : 1, sizeof(char *));
}

static void table_add_row(struct table *t, char **cells, size_t n)
{
	if (!t->cur)
		table_new_section(t, "", 0);
	section_add_row(t->cur, cells, n);
}

static void table_add_header(struct table *t, char **cells, size_t n)
{
	if (!t->cur)
		table_new_section(t, "", 0);
	section_add_header(t->cur, cells, n);
}

static char **keys_cells(const struct strset *k)
{
	char **c = cells_new(k->n);
	size_t i;

	for (i = 0; i < k->n; i++)
		c[i] = sanitize_str(k->v[i]);
	return c;
}

static bool build(struct table *t, const char *title, struct json_object *cur, int indent);

static void sub_table_from_dict(struct table *t, struct json_object *o, int indent)
{
	struct strset sc = { 0 }, more = { 0 };
	size_t i;

	group_keys(o, &sc, &more);
	if (sc.n == 1) {
		char **c = cells_new(2);
		c[0] = sanitize_str(sc.v[0]);
		c[1] = cell(json_object_object_get(o, sc.v[0]));
		table_add_row(t, c, 2);
	} else if (sc.n > 1) {
		char **c = cells_new(sc.n);
		table_add_header(t, keys_cells(&sc), sc.n);
		for (i = 0; i < sc.n; i++)
			c[i] = cell(json_object_object_get(o, sc.v[i]));
		table_add_row(t, c, sc.n);
	}
	for (i = 0; i < more.n; i++)
		build(t, more.v[i], json_object_object_get(o, more.v[i]), indent + 1);
	strset_free(&sc);
	strset_free(&more);
}

static void sub_table_from_list(struct table *t, struct json_object *list, int indent,
				const char *title)
{
	struct strset hd = { 0 }, more = { 0 };
	size_t i, j, n = json_object_array_length(list);
	bool first = true;

	for (i = 0; i < n; i++) {
		struct json_object *e = json_object_array_get_idx(list, i);
		if (!json_object_is_type(e, json_type_object))
			continue;
		json_object_object_foreach(e, k, v) {
			if (is_scalar(v))
				strset_add(&hd, k);
			else
				strset_add(&more, k);
		}
	}
	strset_sort(&hd);
	strset_sort(&more);
	table_add_header(t, keys_cells(&hd), hd.n);
	for (i = 0; i < n; i++) {
		struct json_object *e = json_object_array_get_idx(list, i), *v;
		char **c;

		if (!json_object_is_type(e, json_type_object))
			continue;
		if (!first && more.n) {
			table_new_section(t, title ? title : "", indent);
			table_add_header(t, keys_cells(&hd), hd.n);
		}
		first = false;
		c = cells_new(hd.n);
		for (j = 0; j < hd.n; j++)
			c[j] = json_object_object_get_ex(e, hd.v[j], &v) ? cell(v) : xstrdup("");
		table_add_row(t, c, hd.n);
		for (j = 0; j < more.n; j++)
			if (json_object_object_get_ex(e, more.v[j], &v))
				build(t, more.v[j], v, indent + 1);
	}
	strset_free(&hd);
	strset_free(&more);
}

/* An item of a list (not of objects) as one row, as the AWS CLI lays it
 * out: a scalar, a list of scalars, or a dict's keys.  False, and nothing
 * added, for a list holding containers. */
static bool add_item_row(struct table *t, struct json_object *item)
{
	size_t j, m;
	char **c;

	if (is_scalar(item)) {
		c = cells_new(1);
		c[0] = cell(item);
		table_add_row(t, c, 1);
		return true;
	}
	if (json_object_is_type(item, json_type_array)) {
		m = json_object_array_length(item);
		for (j = 0; j < m; j++)
			if (!is_scalar(json_object_array_get_idx(item, j)))
				return false;
		c = cells_new(m);
		for (j = 0; j < m; j++)
			c[j] = cell(json_object_array_get_idx(item, j));
		table_add_row(t, c, m);
		return true;
	}
	/* Iterating a dict gives its keys, all scalars. */
	m = (size_t)json_object_object_length(item);
	c = cells_new(m);
	j = 0;
	json_object_object_foreach(item, k, v) {
		(void)v;
		c[j++] = sanitize_str(k);
	}
	table_add_row(t, c, m);
	return true;
}

static bool build(struct table *t, const char *title, struct json_object *cur, int indent)
{
	if (!cur || is_empty(cur))
		return false;
	if (title)
		table_new_section(t, title, indent);
	if (json_object_is_type(cur, json_type_array)) {
		size_t n = json_object_array_length(cur);

		if (json_object_is_type(json_object_array_get_idx(cur, 0), json_type_object)) {
			sub_table_from_list(t, cur, indent, title);
			return true;
		}
		for (size_t i = 0; i < n; i++) {
			struct json_object *item = json_object_array_get_idx(cur, i);

			if (!add_item_row(t, item))
				build(t, NULL, item, 0);
		}
	}
	if (json_object_is_type(cur, json_type_object))
		sub_table_from_dict(t, cur, indent);
	return true;
}

static long section_total_width(const struct section *s, int padding, bool border, int outer)
{
	long total = 0, tw;
	size_t i;

	for (i = 0; i < s->nwidths; i++)
		total += s->max_widths[i] + padding;
	if (border)
		total += 2;
	total += 2 * outer;
	tw = text_width(s->title) + 2 + 2 * outer;
	return tw > total ? tw : total;
}

static long *column_widths(const struct section *s, int padding, long max_width)
{
	long *w = xcalloc(s->nwidths ? s->nwidths : 1, sizeof(long)), sum = 0, off;
	double scale;
	size_t i;

	for (i = 0; i < s->nwidths; i++)
		sum += s->max_widths[i] + padding;
	if (s->nwidths == 0 || sum == 0)
		return w;
	scale = (double)max_width / (double)sum;
	for (i = 0; i < s->nwidths; i++)
		w[i] = (long)rint(scale * (double)(s->max_widths[i] + padding));
	off = -max_width;
	for (i = 0; i < s->nwidths; i++)
		off += w[i];
	while (off != 0) {
		for (i = 0; i < s->nwidths; i++) {
			size_t k = off < 0 ? s->nwidths - 1 - i : i;
			if (off > 0) {
				w[k]--;
				off--;
			} else {
				w[k]++;
				off++;
			}
			if (off == 0)
				break;
		}
	}
	return w;
}

static long max_width_of(const struct table *t)
{
	long m = 0, w;
	size_t i;

	for (i = 0; i < t->n; i++) {
		w = section_total_width(t->s[i], 4, true, t->s[i]->indent);
		if (w > m)
			m = w;
	}
	return m;
}

static void to_vertical(struct table *t)
{
	size_t i, j;

	for (i = 0; i < t->n; i++) {
		struct section *s = t->s[i], *ns;
		if (s->nrows != 1 || s->nheaders == 0)
			continue;
		ns = section_new();
		free(ns->title);
		ns->title = xstrdup(s->title);
		ns->indent = s->indent;
		for (j = 0; j < s->nheaders && j < (size_t)s->ncols; j++) {
			char **c = cells_new(2);
			c[0] = xstrdup(s->headers[j]);
			c[1] = xstrdup(s->rows[0][j]);
			section_add_row(ns, c, 2);
		}
		section_free(s);
		t->s[i] = ns;
	}
}

/* awscli's ColorizedStyler (--color on, or auto on a terminal): cells
 * bright blue, the indentation bars dim yellow; and colorama, set to
 * reset after every write, adds a reset after each write of the table's
 * stream, which is four writes a line (left bars, text, right bars,
 * newline).  Reproduced so that the bytes are the AWS CLI's. */
#define COLOR_RESET "\033[0m"
#define COLOR_CELL "\033[1m\033[34m"
#define COLOR_BAR "\033[2m\033[33m|" COLOR_RESET

static bool color_now;	/* this table is coloured (set by output_table_width) */

/* center_text(): the arithmetic kept as awscli has it (even when negative). */
static void center(struct buf *b, const char *text, long length, const char *left,
		   const char *right)
{
	long tl = text_width(text), start = length / 2 - tl / 2 - 1, so_far;

	buf_puts(b, left);
	spaces(b, start);
	buf_puts(b, text);
	so_far = (long)strlen(left) + start + tl;
	spaces(b, length - (long)strlen(right) - so_far);
	buf_puts(b, right);
}

static void align_left(struct buf *b, const char *text, long length, const char *left,
		       const char *right)
{
	long tl = text_width(text), pad, so_far;

	pad = length - (tl + 2 + (long)strlen(left) + (long)strlen(right)) >= 0 ? 2 : 0;
	buf_puts(b, left);
	spaces(b, pad);
	if (color_now)
		buf_puts(b, COLOR_CELL);
	buf_puts(b, text);
	if (color_now)
		buf_puts(b, COLOR_RESET);
	so_far = (long)strlen(left) + pad + tl;
	spaces(b, length - so_far - (long)strlen(right));
	buf_puts(b, right);
}


/* IndentedStream.write() of one line (without its newline). */
static void put_line(struct buf *out, int indent, const struct buf *line)
{
	const char *bar = color_now ? COLOR_BAR : "|", *reset = color_now ? COLOR_RESET : "";
	int i;

	for (i = 0; i < indent; i++)
		buf_puts(out, bar);
	buf_puts(out, reset);
	buf_append(out, buf_str(line), line->len);
	buf_puts(out, reset);
	for (i = 0; i < indent; i++)
		buf_puts(out, bar);
	buf_puts(out, reset);
	buf_putc(out, '\n');
	buf_puts(out, reset);
}

static void line_break(struct buf *out, int indent, const long *w, size_t n)
{
	struct buf l = BUF_INIT;
	size_t i;

	for (i = 0; i < n; i++) {
		if (i == 0) {
			buf_putc(&l, '+');
			dashes(&l, w[i] - 2);
		} else {
			dashes(&l, w[i] - 1);
		}
		buf_putc(&l, '+');
	}
	put_line(out, indent, &l);
	buf_free(&l);
}

static void render_section(struct buf *out, const struct section *s, long max_width)
{
	struct buf l = BUF_INIT;
	long *w;
	size_t i, j;

	max_width -= s->indent * 2;
	if (s->title[0]) {
		center(&l, s->title, max_width, "|", "|");
		put_line(out, s->indent, &l);
		buf_reset(&l);
		if (s->nheaders == 0 && s->nrows == 0) {
			buf_putc(&l, '+');
			dashes(&l, max_width - 2);
			buf_putc(&l, '+');
			put_line(out, s->indent, &l);
			buf_reset(&l);
		}
	}
	w = column_widths(s, 4, max_width);
	if (s->nheaders) {
		for (i = 0; i < s->nheaders && i < s->nwidths; i++)
			center(&l, s->headers[i], w[i], i == 0 ? "|" : "", "|");
		line_break(out, s->indent, w, s->nwidths < s->nheaders ? s->nwidths : s->nheaders);
		put_line(out, s->indent, &l);
		buf_reset(&l);
	}
	if (s->nrows && s->nwidths) {
		size_t ncols = (size_t)s->ncols < s->nwidths ? (size_t)s->ncols : s->nwidths;
		line_break(out, s->indent, w, s->nwidths);
		for (i = 0; i < s->nrows; i++) {
			for (j = 0; j < ncols; j++)
				align_left(&l, s->rows[i][j], w[j], j == 0 ? "|" : "", "|");
			put_line(out, s->indent, &l);
			buf_reset(&l);
		}
		line_break(out, s->indent, w, s->nwidths);
	}
	free(w);
	buf_free(&l);
}

static long terminal_width(FILE *out)
{
	struct winsize ws;

	if (ioctl(fileno(out), TIOCGWINSZ, &ws) == 0 && ws.ws_col > 0)
		return ws.ws_col;
	return 80;
}

int output_table_width(FILE *out, long width, const char *title, const char *json, size_t len,
		       char **err)
{
	struct json_object *o = output_parse_json(json, len, err);
	struct table t = { 0 };
	struct buf b = BUF_INIT;
	long mw;
	size_t i;

	if (!o)
		return -1;
	if (width <= 0)
		width = terminal_width(out);
	color_now = table_color == CLI_COLOR_ON ||
		    (table_color == CLI_COLOR_AUTO && isatty(fileno(out)));
	if (build(&t, title, o, 0) && t.n) {
		mw = max_width_of(&t);
		if (mw > width) {
			to_vertical(&t);
			mw = max_width_of(&t);
		}
		dashes(&b, mw);
		buf_putc(&b, '\n');
		if (color_now)
			buf_puts(&b, COLOR_RESET);
		for (i = 0; i < t.n; i++)
			render_section(&b, t.s[i], mw);
		fwrite(buf_str(&b), 1, b.len, out);
	}
	for (i = 0; i < t.n; i++)
		section_free(t.s[i]);
	free(t.s);
	buf_free(&b);
	json_object_put(o);
	return 0;
}

int output_table(FILE *out, const char *title, const char *json, size_t len, char **err)
{
	return output_table_width(out, 0, title, json, len, err);
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
