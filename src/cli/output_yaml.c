/* --output yaml and yaml-stream, laid out as the AWS CLI v2 lays them out
 * (its YAMLDumper: a safe dump in block style, keys sorted, Unicode
 * written as it is), emitted by libyaml: we only decide, for each string,
 * whether it may stay plain (YAML 1.1's implicit types, as PyYAML resolves
 * them), and libyaml chooses the quoting and the line folding. */
#include "config.h"
#include "cli/output.h"
#include "cli/output-int.h"
#include "util/json.h"
#include "util/buf.h"
#include "util/i18n.h"
#include "util/sanitize.h"
#include "util/xalloc.h"

#include <json.h>
#include <pthread.h>
#include <regex.h>
#include <stdlib.h>
#include <string.h>
#include <yaml.h>

#define TAG_STR "tag:yaml.org,2002:str"
#define TAG_INT "tag:yaml.org,2002:int"
#define TAG_FLOAT "tag:yaml.org,2002:float"
#define TAG_BOOL "tag:yaml.org,2002:bool"
#define TAG_NULL "tag:yaml.org,2002:null"

/* ---- YAML 1.1's implicit scalar types ----
 * A string that would read back as a bool, number, null, timestamp, merge
 * or value key must not be written plain.  These are the types of the YAML
 * 1.1 type repository (yaml.org/type), which PyYAML and the AWS CLI's
 * readers apply; quoting a YAML-1.1-only form (yes, 0777) is harmless to a
 * YAML 1.2 reader. */
static const char *const implicit_patterns[] = {
	/* bool */
	"^(yes|Yes|YES|no|No|NO|true|True|TRUE|false|False|FALSE|on|On|ON|off|Off|OFF)$",
	/* float */
	"^([-+]?([0-9][0-9_]*)\\.[0-9_]*([eE][-+][0-9]+)?|\\.[0-9][0-9_]*([eE][-+][0-9]+)?"
	"|[-+]?[0-9][0-9_]*(:[0-5]?[0-9])+\\.[0-9_]*|[-+]?\\.(inf|Inf|INF)|\\.(nan|NaN|NAN))$",
	/* int */
	"^([-+]?0b[0-1_]+|[-+]?0[0-7_]+|[-+]?(0|[1-9][0-9_]*)|[-+]?0x[0-9a-fA-F_]+"
	"|[-+]?[1-9][0-9_]*(:[0-5]?[0-9])+)$",
	/* merge, value */
	"^(<<|=)$",
	/* null (the empty string too) */
	"^(~|null|Null|NULL|)$",
	/* timestamp */
	"^([0-9][0-9][0-9][0-9]-[0-9][0-9]-[0-9][0-9]"
	"|[0-9][0-9][0-9][0-9]-[0-9][0-9]?-[0-9][0-9]?([Tt]|[ \t]+)[0-9][0-9]?:[0-9][0-9]:[0-9][0-9]"
	"(\\.[0-9]*)?([ \t]*(Z|[-+][0-9][0-9]?(:[0-9][0-9])?))?)$",
};
#define NPATTERNS (sizeof(implicit_patterns) / sizeof(implicit_patterns[0]))

static regex_t implicit_re[NPATTERNS];
static pthread_once_t implicit_once = PTHREAD_ONCE_INIT;

static void implicit_compile(void)
{
	for (size_t i = 0; i < NPATTERNS; i++)
		if (regcomp(&implicit_re[i], implicit_patterns[i], REG_EXTENDED | REG_NOSUB) != 0)
			xfatal("yaml: bad implicit-type pattern %zu", i);
}

/* True when s, written plain, would read back as something else than a
string (s is NUL-terminated; one with a NUL inside is never plain). */
static bool reads_as_other(const char *s, size_t n)
{
	if (strlen(s) != n)
		return false;
	pthread_once(&implicit_once, implicit_compile);
	for (size_t i = 0; i < NPATTERNS; i++)
		if (regexec(&implicit_re[i], s, 0, NULL, 0) == 0)
			return true;
	return false;
}

/* ---- terminal safety ----
 * libyaml escapes what YAML calls non-printable (C0, DEL, C1...), but lets
 * other characters unsafe for a terminal (bidirectional overrides, ...)
 * through when it writes Unicode.  A document holding one is written in
 * ASCII mode instead, where libyaml escapes every non-ASCII character in
 * double quotes: the value still reads back the same. */
/* What libyaml writes as it is in Unicode mode (YAML's printable set). */
static bool yaml_printable(uint32_t cp)
{
	return cp == 0x0A || (cp >= 0x20 && cp <= 0x7E) || cp == 0x85 ||
	       (cp >= 0xA0 && cp <= 0xD7FF) || (cp >= 0xE000 && cp <= 0xFFFD && cp != 0xFEFF) ||
	       (cp >= 0x10000 && cp <= 0x10FFFF);
}

static bool text_unsafe(const char *s, size_t n)
{
	size_t i = 0, k;
	uint32_t cp;

	while (i < n) {
		k = utf8_decode(s + i, n - i, &cp);
		if (k == 0) {
			i++; /* becomes U+FFFD, which is safe */
			continue;
		}
		if (cp != '\n' && sanitize_is_unsafe(cp) && yaml_printable(cp))
			return true;
		i += k;
	}
	return false;
}

static bool doc_unsafe(struct json_object *o)
{
	size_t i, n;

	switch (json_object_get_type(o)) {
	case json_type_string:
		return text_unsafe(json_object_get_string(o),
				   (size_t)json_object_get_string_len(o));
	case json_type_array:
		n = json_object_array_length(o);
		for (i = 0; i < n; i++)
			if (doc_unsafe(json_object_array_get_idx(o, i)))
				return true;
		return false;
	case json_type_object: {
		json_object_object_foreach(o, k, v)
		{
			if (text_unsafe(k, strlen(k)) || doc_unsafe(v))
				return true;
		}
		return false;
	}
	default: return false;
	}
}

/* The text with each byte that does not start valid UTF-8 replaced by
 * U+FFFD (libyaml refuses invalid UTF-8; the JSON printer does the same). */
static char *valid_utf8(const char *s, size_t n, size_t *outlen)
{
	struct buf b = BUF_INIT;
	size_t i = 0, k;
	uint32_t cp;

	while (i < n) {
		k = utf8_decode(s + i, n - i, &cp);
		if (k == 0) {
			buf_puts(&b, "\xef\xbf\xbd");
			i++;
		} else {
			buf_append(&b, s + i, k);
			i += k;
		}
	}
	*outlen = b.len;
	return buf_steal(&b);
}

/* ---- emitting ---- */

struct emit {
	yaml_emitter_t e;
	bool failed;
};

static void emit(struct emit *em, yaml_event_t *ev)
{
	if (em->failed) {
		yaml_event_delete(ev);
		return;
	}
	/* yaml_emitter_emit takes the event, also when it fails. */
	if (!yaml_emitter_emit(&em->e, ev))
		em->failed = true;
}

static void emit_scalar(struct emit *em, const char *tag, const char *v, size_t n,
			bool plain_implicit, bool quoted_implicit)
{
	yaml_event_t ev;

	if (!yaml_scalar_event_initialize(&ev, NULL, (yaml_char_t *)tag, (yaml_char_t *)v, (int)n,
					  plain_implicit, quoted_implicit, YAML_ANY_SCALAR_STYLE))
		xfatal("out of memory");
	emit(em, &ev);
}

static void emit_string(struct emit *em, const char *s, size_t n)
{
	size_t len;
	char *v = valid_utf8(s, n, &len);

	emit_scalar(em, TAG_STR, v, len, !reads_as_other(v, len), true);
	free(v);
}

/* Python's yaml float: repr() in lower case, ".0" before a bare exponent,
 * .inf and .nan. */
static void emit_double(struct emit *em, double d)
{
	struct buf b = BUF_INIT;
	char *e;

	jsonutil_py_float(&b, d);
	if (strcmp(buf_str(&b), "NaN") == 0 || strcmp(buf_str(&b), "Infinity") == 0 ||
	    strcmp(buf_str(&b), "-Infinity") == 0) {
		const char *s = buf_str(&b)[0] == 'N'   ? ".nan"
				: buf_str(&b)[0] == '-' ? "-.inf"
							: ".inf";
		emit_scalar(em, TAG_FLOAT, s, strlen(s), true, false);
		buf_free(&b);
		return;
	}
	e = strchr(buf_str(&b), 'e');
	if (e && !strchr(buf_str(&b), '.')) {
		struct buf c = BUF_INIT;
		buf_append(&c, buf_str(&b), (size_t)(e - buf_str(&b)));
		buf_puts(&c, ".0");
		buf_puts(&c, e);
		buf_free(&b);
		b = c;
	}
	emit_scalar(em, TAG_FLOAT, buf_str(&b), b.len, true, false);
	buf_free(&b);
}

static int cmp_key(const void *a, const void *b)
{
	return strcmp(*(char *const *)a, *(char *const *)b);
}

static void emit_value(struct emit *em, struct json_object *o);

static void emit_object(struct emit *em, struct json_object *o)
{
	size_t n = (size_t)json_object_object_length(o), i = 0;
	char **keys = xcalloc(n + 1, sizeof(*keys));
	yaml_event_t ev;

	json_object_object_foreach(o, k, v)
	{
		(void)v;
		keys[i++] = k;
	}
	/* Sorted by code point, as Python's sorted() of the keys. */
	qsort(keys, n, sizeof(*keys), cmp_key);
	if (!yaml_mapping_start_event_initialize(&ev, NULL, NULL, 1, YAML_BLOCK_MAPPING_STYLE))
		xfatal("out of memory");
	emit(em, &ev);
	for (i = 0; i < n; i++) {
		emit_string(em, keys[i], strlen(keys[i]));
		emit_value(em, json_object_object_get(o, keys[i]));
	}
	yaml_mapping_end_event_initialize(&ev);
	emit(em, &ev);
	free(keys);
}

static void emit_array(struct emit *em, struct json_object *o)
{
	size_t n = json_object_array_length(o);
	yaml_event_t ev;

	if (!yaml_sequence_start_event_initialize(&ev, NULL, NULL, 1, YAML_BLOCK_SEQUENCE_STYLE))
		xfatal("out of memory");
	emit(em, &ev);
	for (size_t i = 0; i < n; i++)
		emit_value(em, json_object_array_get_idx(o, i));
	yaml_sequence_end_event_initialize(&ev);
	emit(em, &ev);
}

static void emit_value(struct emit *em, struct json_object *o)
{
	char num[32];

	switch (json_object_get_type(o)) {
	case json_type_null: emit_scalar(em, TAG_NULL, "null", 4, true, false); break;
	case json_type_boolean:
		if (json_object_get_boolean(o))
			emit_scalar(em, TAG_BOOL, "true", 4, true, false);
		else
			emit_scalar(em, TAG_BOOL, "false", 5, true, false);
		break;
	case json_type_int:
		if (json_object_get_int64(o) == INT64_MAX)
			snprintf(num, sizeof(num), "%llu",
				 (unsigned long long)json_object_get_uint64(o));
		else
			snprintf(num, sizeof(num), "%lld", (long long)json_object_get_int64(o));
		emit_scalar(em, TAG_INT, num, strlen(num), true, false);
		break;
	case json_type_double: emit_double(em, json_object_get_double(o)); break;
	case json_type_string:
		emit_string(em, json_object_get_string(o), (size_t)json_object_get_string_len(o));
		break;
	case json_type_array: emit_array(em, o); break;
	case json_type_object: emit_object(em, o); break;
	}
}

static int write_buf(void *data, unsigned char *bytes, size_t size)
{
	buf_append(data, bytes, size);
	return 1;
}

/* One YAML document (one dump() call of the AWS CLI) into b. */
static int yaml_document(struct buf *b, struct json_object *o, char **err)
{
	struct emit em = { .failed = false };
	yaml_event_t ev;

	if (!yaml_emitter_initialize(&em.e))
		xfatal("out of memory");
	yaml_emitter_set_output(&em.e, write_buf, b);
	yaml_emitter_set_unicode(&em.e, !doc_unsafe(o));
	yaml_emitter_set_width(&em.e, 80);
	yaml_emitter_set_indent(&em.e, 2);
	yaml_stream_start_event_initialize(&ev, YAML_UTF8_ENCODING);
	emit(&em, &ev);
	yaml_document_start_event_initialize(&ev, NULL, NULL, NULL, 1);
	emit(&em, &ev);
	emit_value(&em, o);
	yaml_document_end_event_initialize(&ev, 1);
	emit(&em, &ev);
	yaml_stream_end_event_initialize(&ev);
	emit(&em, &ev);
	if (!em.failed)
		yaml_emitter_flush(&em.e);
	if (em.failed)
		*err = xasprintf(_("cannot write the answer as YAML: %s"),
				 em.e.problem ? em.e.problem : "?");
	yaml_emitter_delete(&em.e);
	return em.failed ? -1 : 0;
}

int output_yaml_value(FILE *out, struct json_object *o, bool stream, char **err)
{
	struct buf b = BUF_INIT;
	int rc = 0;

	if (stream) {
		/* yaml-stream: each answer (page) a one-item list, so that the
		 * pages printed one after another read as one list. */
		struct json_object *list = json_object_new_array();
		json_object_array_add(list, json_object_get(o));
		rc = yaml_document(&b, list, err);
		json_object_put(list);
	} else if (!(json_object_is_type(o, json_type_object) &&
		     json_object_object_length(o) == 0)) {
		/* Like the AWS CLI, an empty answer prints nothing. */
		rc = yaml_document(&b, o, err);
	}
	if (rc == 0)
		fwrite(buf_str(&b), 1, b.len, out);
	buf_free(&b);
	return rc;
}

int output_yaml(FILE *out, const char *json, size_t len, bool stream, char **err)
{
	struct json_object *o = output_parse_json(json, len, err);
	int rc;

	if (!o)
		return -1;
	rc = output_yaml_value(out, o, stream, err);
	json_object_put(o);
	return rc;
}
