/* --output table, as awscli/table.py (TableFormatter, MultiTable) lays it
 * out: sections, column widths, the vertical fallback, colour. */
#include "config.h"
#include "cli/output.h"
#include "cli/output-int.h"
#include "cli/eawidth.h"
#include "util/buf.h"
#include "util/sanitize.h"
#include "util/xalloc.h"

#include <json.h>
#include <math.h>
#include <stdlib.h>
#include <string.h>
#include <sys/ioctl.h>
#include <unistd.h>

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
	long ncols; /* -1 until the first header or row */
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
			free(cells[i]); /* before the array shrinks */
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

	out_group_keys(o, &sc, &more);
	if (sc.n == 1) {
		char **c = cells_new(2);
		c[0] = sanitize_str(sc.v[0]);
		c[1] = out_cell(json_object_object_get(o, sc.v[0]));
		table_add_row(t, c, 2);
	} else if (sc.n > 1) {
		char **c = cells_new(sc.n);
		table_add_header(t, keys_cells(&sc), sc.n);
		for (i = 0; i < sc.n; i++)
			c[i] = out_cell(json_object_object_get(o, sc.v[i]));
		table_add_row(t, c, sc.n);
	}
	for (i = 0; i < more.n; i++)
		build(t, more.v[i], json_object_object_get(o, more.v[i]), indent + 1);
	out_strset_free(&sc);
	out_strset_free(&more);
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
		json_object_object_foreach(e, k, v)
		{
			if (out_is_scalar(v))
				out_strset_add(&hd, k);
			else
				out_strset_add(&more, k);
		}
	}
	out_strset_sort(&hd);
	out_strset_sort(&more);
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
			c[j] = json_object_object_get_ex(e, hd.v[j], &v) ? out_cell(v)
									 : xstrdup("");
		table_add_row(t, c, hd.n);
		for (j = 0; j < more.n; j++)
			if (json_object_object_get_ex(e, more.v[j], &v))
				build(t, more.v[j], v, indent + 1);
	}
	out_strset_free(&hd);
	out_strset_free(&more);
}

/* An item of a list (not of objects) as one row, as the AWS CLI lays it
 * out: a scalar, a list of scalars, or a dict's keys.  False, and nothing
 * added, for a list holding containers. */
static bool add_item_row(struct table *t, struct json_object *item)
{
	size_t j, m;
	char **c;

	if (out_is_scalar(item)) {
		c = cells_new(1);
		c[0] = out_cell(item);
		table_add_row(t, c, 1);
		return true;
	}
	if (json_object_is_type(item, json_type_array)) {
		m = json_object_array_length(item);
		for (j = 0; j < m; j++)
			if (!out_is_scalar(json_object_array_get_idx(item, j)))
				return false;
		c = cells_new(m);
		for (j = 0; j < m; j++)
			c[j] = out_cell(json_object_array_get_idx(item, j));
		table_add_row(t, c, m);
		return true;
	}
	/* Iterating a dict gives its keys, all scalars. */
	m = (size_t)json_object_object_length(item);
	c = cells_new(m);
	j = 0;
	json_object_object_foreach(item, k, v)
	{
		(void)v;
		c[j++] = sanitize_str(k);
	}
	table_add_row(t, c, m);
	return true;
}

static bool build(struct table *t, const char *title, struct json_object *cur, int indent)
{
	if (!cur || out_is_empty(cur))
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

static bool color_now; /* this table is coloured (set by output_table_width) */

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
