/* JMESPath's view of json-c values: truthiness, equality (1 == 1.0, never
 * true == 1), ordering, type names, and Python's compact JSON for
 * to_string(), so that results match jmespath.py's. */
#include "config.h"
#include "jmespath/jp-int.h"
#include "util/json.h"
#include "util/buf.h"

#include <math.h>
#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* A table made as json_object_new_object() makes its own, whose hash
 * function is the one every object's table uses. */
static struct lh_table *proto;
static pthread_once_t proto_once = PTHREAD_ONCE_INIT;

static void proto_make(void)
{
	proto = lh_kchar_table_new(1, NULL);
}

unsigned long jp_key_hash(const char *name)
{
	pthread_once(&proto_once, proto_make);
	return lh_get_hash(proto, name);
}

struct json_object *jp_member(struct json_object *v, const char *name, unsigned long hash)
{
	/* (json_object_get_object is NULL for anything but an object) */
	struct lh_table *t = json_object_get_object(v);
	struct lh_entry *e = t ? lh_table_lookup_entry_w_hash(t, name, hash) : NULL;

	return e ? (struct json_object *)lh_entry_v(e) : NULL;
}

/* The value of a node that needs nothing built (@, literals, fields and
 * indexes, chains of them), borrowed from v or the tree: no reference
 * counts are touched, which is most of the work over a large listing.
 * False when the node needs a full evaluation. */
bool jp_peek(const struct jp_node *n, struct json_object *v, struct json_object **out)
{
	struct json_object *l;
	int64_t len, i;

	switch (n->type) {
	case JP_N_IDENTITY:
	case JP_N_CURRENT: *out = v; return true;
	case JP_N_LITERAL: *out = n->literal; return true;
	case JP_N_FIELD: *out = jp_member(v, n->name, n->hash); return true;
	case JP_N_INDEX:
		*out = NULL;
		if (json_object_get_type(v) != json_type_array)
			return true;
		len = (int64_t)json_object_array_length(v);
		i = n->idx < 0 ? n->idx + len : n->idx;
		if (i >= 0 && i < len)
			*out = json_object_array_get_idx(v, (size_t)i);
		return true;
	case JP_N_SUBEXPR: return jp_peek(n->kids[0], v, &l) && jp_peek(n->kids[1], l, out);
	default: return false;
	}
}

struct json_object **jp_items(struct json_object *a, size_t *n)
{
	struct array_list *al = json_object_get_array(a);

	*n = al ? al->length : 0;
	return al ? (struct json_object **)al->array : NULL;
}

bool jp_truthy(struct json_object *v)
{
	switch (json_object_get_type(v)) {
	case json_type_null: return false;
	case json_type_boolean: return json_object_get_boolean(v);
	case json_type_string: return json_object_get_string_len(v) > 0;
	case json_type_array: return json_object_array_length(v) > 0;
	case json_type_object: return json_object_object_length(v) > 0;
	default: return true; /* numbers, 0 included */
	}
}

bool jp_is_number(struct json_object *v)
{
	return json_object_is_type(v, json_type_int) || json_object_is_type(v, json_type_double);
}

/* json-c keeps integers above INT64_MAX as uint64. */
static bool is_big(struct json_object *v)
{
	return json_object_is_type(v, json_type_int) && json_object_get_int64(v) == INT64_MAX &&
	       json_object_get_uint64(v) > (uint64_t)INT64_MAX;
}

double jp_number(struct json_object *v)
{
	if (json_object_is_type(v, json_type_double))
		return json_object_get_double(v);
	if (is_big(v))
		return (double)json_object_get_uint64(v);
	return (double)json_object_get_int64(v);
}

/* An integer (uint64 when big, else int64) against a double, exactly, as
 * Python compares an int with a float: 2^53 + 1 > 2.0^53, though both are
 * the same double.  (NaN, which JSON cannot hold, compares equal.) */
static int int_dbl_cmp(struct json_object *a, double y)
{
	double fy;

	if (isnan(y))
		return 0;
	if (is_big(a)) {
		uint64_t x = json_object_get_uint64(a);
		if (y >= 18446744073709551616.0)
			return -1;
		if (y < 9223372036854775808.0)
			return 1;
		fy = floor(y);
		return x != (uint64_t)fy ? (x < (uint64_t)fy ? -1 : 1) : -(fy < y);
	}
	int64_t x = json_object_get_int64(a);
	if (y >= 9223372036854775808.0)
		return -1;
	if (y < -9223372036854775808.0)
		return 1;
	fy = floor(y);
	return x != (int64_t)fy ? (x < (int64_t)fy ? -1 : 1) : -(fy < y);
}

static int num_cmp(struct json_object *a, struct json_object *b)
{
	bool ia = json_object_is_type(a, json_type_int), ib = json_object_is_type(b, json_type_int);

	if (ia && ib) {
		if (is_big(a) || is_big(b)) {
			if (!is_big(a) || !is_big(b))
				return is_big(a) ? 1 : -1;
			uint64_t x = json_object_get_uint64(a), y = json_object_get_uint64(b);
			return x < y ? -1 : x > y;
		}
		int64_t x = json_object_get_int64(a), y = json_object_get_int64(b);
		return x < y ? -1 : x > y;
	}
	if (ia)
		return int_dbl_cmp(a, json_object_get_double(b));
	if (ib)
		return -int_dbl_cmp(b, json_object_get_double(a));
	double x = json_object_get_double(a), y = json_object_get_double(b);
	return x < y ? -1 : x > y;
}

static int str_cmp(struct json_object *a, struct json_object *b)
{
	size_t la = (size_t)json_object_get_string_len(a),
	       lb = (size_t)json_object_get_string_len(b);
	/* Byte order of UTF-8 is code point order, as Python compares str. */
	int c = memcmp(json_object_get_string(a), json_object_get_string(b), la < lb ? la : lb);
	if (c)
		return c < 0 ? -1 : 1;
	return la < lb ? -1 : la > lb;
}

int jp_compare(struct json_object *a, struct json_object *b)
{
	if (jp_is_number(a))
		return num_cmp(a, b);
	return str_cmp(a, b);
}

static bool is_num_type(enum json_type t)
{
	return t == json_type_int || t == json_type_double;
}

bool jp_equal(struct json_object *a, struct json_object *b)
{
	enum json_type ta = json_object_get_type(a), tb = json_object_get_type(b);
	const char *sa, *sb;
	int la, lb;

	if (is_num_type(ta) && is_num_type(tb))
		return jp_number(a) == jp_number(b) && num_cmp(a, b) == 0;
	if (ta != tb)
		return false;
	switch (ta) {
	case json_type_null: return true;
	case json_type_boolean: return json_object_get_boolean(a) == json_object_get_boolean(b);
	case json_type_string:
		/* (the lengths first: most strings a filter compares differ) */
		la = json_object_get_string_len(a), lb = json_object_get_string_len(b);
		sa = json_object_get_string(a), sb = json_object_get_string(b);
		return la == lb && memcmp(sa, sb, (size_t)la) == 0;
	case json_type_array: {
		size_t n = json_object_array_length(a);
		if (n != json_object_array_length(b))
			return false;
		for (size_t i = 0; i < n; i++)
			if (!jp_equal(json_object_array_get_idx(a, i),
				      json_object_array_get_idx(b, i)))
				return false;
		return true;
	}
	case json_type_object: {
		struct json_object *w;
		if (json_object_object_length(a) != json_object_object_length(b))
			return false;
		json_object_object_foreach(a, k, v)
		{
			if (!json_object_object_get_ex(b, k, &w) || !jp_equal(v, w))
				return false;
		}
		return true;
	}
	default: return false;
	}
}

const char *jp_type_name(struct json_object *v)
{
	switch (json_object_get_type(v)) {
	case json_type_null: return "null";
	case json_type_boolean: return "boolean";
	case json_type_string: return "string";
	case json_type_array: return "array";
	case json_type_object: return "object";
	default: return "number";
	}
}

struct json_object *jp_new_integral(double d)
{
	if (d >= -9223372036854775808.0 && d < 9223372036854775808.0)
		return json_object_new_int64((int64_t)d);
	return json_object_new_double(d);
}

/* A JSON string with ensure_ascii's escapes: everything outside printable
 * ASCII as \uXXXX (surrogate pairs above U+FFFF). */
static void py_string(struct buf *b, const char *s, size_t n)
{
	buf_putc(b, '"');
	for (size_t i = 0; i < n;) {
		unsigned char c = (unsigned char)s[i];
		uint32_t cp = c;
		size_t k = 1;

		if (c >= 0x80) {
			int more = c >= 0xF0 ? 3 : c >= 0xE0 ? 2 : c >= 0xC0 ? 1 : 0;
			cp = more == 3 ? c & 7 : more == 2 ? c & 15 : c & 31;
			for (int j = 0; j < more && i + k < n; j++, k++)
				cp = (cp << 6) | ((unsigned char)s[i + k] & 63);
		}
		i += k;
		switch (cp) {
		case '"': buf_puts(b, "\\\""); continue;
		case '\\': buf_puts(b, "\\\\"); continue;
		case '\n': buf_puts(b, "\\n"); continue;
		case '\r': buf_puts(b, "\\r"); continue;
		case '\t': buf_puts(b, "\\t"); continue;
		case '\b': buf_puts(b, "\\b"); continue;
		case '\f': buf_puts(b, "\\f"); continue;
		}
		if (cp >= 0x20 && cp < 0x7F)
			buf_putc(b, (char)cp);
		else if (cp >= 0x10000)
			buf_printf(b, "\\u%04x\\u%04x", 0xD800 + ((cp - 0x10000) >> 10),
				   0xDC00 + ((cp - 0x10000) & 0x3FF));
		else
			buf_printf(b, "\\u%04x", cp);
	}
	buf_putc(b, '"');
}

int jp_dump_compact(struct buf *b, struct json_object *v, size_t max)
{
	size_t i, n;

	if (b->len > max)
		return -1;
	switch (json_object_get_type(v)) {
	case json_type_null: buf_puts(b, "null"); break;
	case json_type_boolean: buf_puts(b, json_object_get_boolean(v) ? "true" : "false"); break;
	case json_type_int:
		if (is_big(v))
			buf_printf(b, "%llu", (unsigned long long)json_object_get_uint64(v));
		else
			buf_printf(b, "%lld", (long long)json_object_get_int64(v));
		break;
	case json_type_double: jsonutil_py_float(b, json_object_get_double(v)); break;
	case json_type_string:
		py_string(b, json_object_get_string(v), (size_t)json_object_get_string_len(v));
		break;
	case json_type_array:
		buf_putc(b, '[');
		n = json_object_array_length(v);
		for (i = 0; i < n; i++) {
			if (i)
				buf_putc(b, ',');
			if (jp_dump_compact(b, json_object_array_get_idx(v, i), max) < 0)
				return -1;
		}
		buf_putc(b, ']');
		break;
	case json_type_object:
		buf_putc(b, '{');
		i = 0;
		json_object_object_foreach(v, k, val)
		{
			if (i++)
				buf_putc(b, ',');
			py_string(b, k, strlen(k));
			buf_putc(b, ':');
			if (jp_dump_compact(b, val, max) < 0)
				return -1;
		}
		buf_putc(b, '}');
		break;
	}
	return b->len > max ? -1 : 0;
}
