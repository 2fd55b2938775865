/* POSIX shell quoting and AWS CLI command lines (see shell.h). */
#include "config.h"

#include <ctype.h>
#include <stdlib.h>
#include <string.h>
#include <json-c/json.h>

#include "export/export.h"
#include "export/shell.h"
#include "util/ascii.h"
#include "util/sanitize.h"
#include "util/xalloc.h"

/* Length of the character at s that must not appear raw (0: it may). */
static size_t unsafe_len(const char *s, size_t n)
{
	uint32_t cp;
	size_t len = utf8_decode(s, n, &cp);

	if (len == 0)
		return 1; /* invalid byte */
	if (cp == '\n')
		return 0;
	if (cp == '\t' || sanitize_is_unsafe(cp))
		return len;
	return 0;
}

void shell_quote_buf(struct buf *b, const char *s)
{
	size_t n = strlen(s), i = 0;
	bool open = false;

	if (n == 0) {
		buf_puts(b, "''");
		return;
	}
	while (i < n) {
		size_t u = unsafe_len(s + i, n - i);

		if (u) {
			if (open)
				buf_putc(b, '\'');
			open = false;
			buf_puts(b, "\"$(printf '");
			while (i < n && (u = unsafe_len(s + i, n - i)) != 0) {
				for (size_t k = 0; k < u; k++)
					buf_printf(b, "\\%03o", (unsigned char)s[i + k]);
				i += u;
			}
			buf_puts(b, "')\"");
			continue;
		}
		if (!open)
			buf_putc(b, '\'');
		open = true;
		if (s[i] == '\'') {
			buf_puts(b, "'\\''");
			i++;
			continue;
		}
		uint32_t cp;
		size_t len = utf8_decode(s + i, n - i, &cp);

		buf_append(b, s + i, len);
		i += len;
	}
	if (open)
		buf_putc(b, '\'');
}

char *shell_quote(const char *s)
{
	struct buf b = BUF_INIT;

	shell_quote_buf(&b, s);
	return buf_steal(&b);
}

char *shell_kebab(const char *camel)
{
	struct buf b = BUF_INIT;
	size_t n = strlen(camel);

	for (size_t i = 0; i < n; i++) {
		unsigned char c = (unsigned char)camel[i];

		if (i > 0 && ascii_isupper(c)) {
			unsigned char p = (unsigned char)camel[i - 1];
			bool next_lower = i + 1 < n && ascii_islower((unsigned char)camel[i + 1]);

			if (ascii_islower(p) || ascii_isdigit(p) ||
			    (ascii_isupper(p) && next_lower))
				buf_putc(&b, '-');
		}
		buf_putc(&b, (char)ascii_tolower(c));
	}
	return buf_steal(&b);
}

static void value_text(struct buf *b, json_object *v)
{
	if (json_object_is_type(v, json_type_string))
		shell_quote_buf(b, json_object_get_string(v));
	else {
		/* \u escapes keep the JSON's value and its text printable */
		char *j = sanitize_json_text(json_object_to_json_string_ext(
			v, JSON_C_TO_STRING_PLAIN | JSON_C_TO_STRING_NOSLASHESCAPE));

		shell_quote_buf(b, j);
		free(j);
	}
}

char *shell_aws_command(const char *service, const char *op, const char *json_body,
			const char *region)
{
	return shell_aws_command_pinned(service, op, json_body, region, NULL);
}

char *shell_aws_command_pinned(const char *service, const char *op, const char *json_body,
			       const char *region, const char *profile)
{
	json_object *o = json_tokener_parse(json_body);

	if (!o || !json_object_is_type(o, json_type_object)) {
		json_object_put(o);
		return NULL;
	}
	struct buf b = BUF_INIT;
	char *kop = shell_kebab(op);

	buf_printf(&b, "aws %s %s", service, kop);
	free(kop);
	json_object_object_foreach(o, key, val)
	{
		char *opt = shell_kebab(key);

		buf_printf(&b, " \\\n    --%s ", opt);
		free(opt);
		value_text(&b, val);
	}
	if (region) {
		buf_puts(&b, " \\\n    --region ");
		shell_quote_buf(&b, region);
	}
	if (profile) {
		buf_puts(&b, " \\\n    --profile ");
		shell_quote_buf(&b, profile);
	}
	buf_putc(&b, '\n');
	json_object_put(o);
	return buf_steal(&b);
}
