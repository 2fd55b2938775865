/* --output text, as awscli/text.py lays it out. */
#include "config.h"
#include "cli/output.h"
#include "cli/output-int.h"
#include "util/buf.h"
#include "util/sanitize.h"
#include "util/xalloc.h"

#include <json.h>
#include <stdlib.h>
#include <string.h>
#include <wctype.h>

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
	char *s = out_cell(o);

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
			json_object_object_foreach(e, k, v) if (out_is_scalar(v))
				out_strset_add(&keys, k);
		}
		out_strset_sort(&keys);
		for (i = 0; i < n; i++)
			text_item(b, json_object_array_get_idx(o, i), ident, &keys);
		out_strset_free(&keys);
		return;
	}
	scalars = xcalloc(n, sizeof(*scalars));
	for (i = 0; i < n; i++) {
		struct json_object *e = json_object_array_get_idx(o, i);
		if (out_is_scalar(e))
			scalars[ns++] = e;
	}
	if (!any_list) {
		text_scalar_list(b, scalars, ns, ident);
	} else {
		if (ns)
			text_scalar_list(b, scalars, ns, ident);
		for (i = 0; i < n; i++) {
			struct json_object *e = json_object_array_get_idx(o, i);
			if (!out_is_scalar(e))
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
		out_group_keys(o, &sc, &more);
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
		json_object_object_foreach(o, k, v)
		{
			(void)v;
			if (!out_strset_has(scalar_keys, k))
				out_strset_add(&more, k);
		}
		out_strset_sort(&more);
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
	out_strset_free(&sc);
	out_strset_free(&more);
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
