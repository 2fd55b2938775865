/* --output json: json.dumps(indent=4, ensure_ascii=False) as awscli's
 * formatter writes it, terminal-unsafe characters as \u escapes. */
#include "config.h"
#include "cli/output.h"
#include "cli/output-int.h"
#include "util/json.h"
#include "util/buf.h"
#include "util/sanitize.h"

#include <json.h>
#include <stdlib.h>
#include <string.h>

/* ---- json ---- */

static void json_string(struct buf *b, const char *s, size_t n)
{
	size_t i = 0, k;
	uint32_t cp;

	buf_putc(b, '"');
	while (i < n) {
		unsigned char c = (unsigned char)s[i];
		switch (c) {
		case '"':
			buf_puts(b, "\\\"");
			i++;
			continue;
		case '\\':
			buf_puts(b, "\\\\");
			i++;
			continue;
		case '\n':
			buf_puts(b, "\\n");
			i++;
			continue;
		case '\r':
			buf_puts(b, "\\r");
			i++;
			continue;
		case '\t':
			buf_puts(b, "\\t");
			i++;
			continue;
		case '\b':
			buf_puts(b, "\\b");
			i++;
			continue;
		case '\f':
			buf_puts(b, "\\f");
			i++;
			continue;
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
	case json_type_int: out_put_int(b, o); break;
	case json_type_double: jsonutil_py_float(b, json_object_get_double(o)); break;
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
		json_object_object_foreach(o, k, v)
		{
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
