/* JMESPath (jmespath.org): compiles an expression once, then searches
 * json-c documents with it, as `aws ... --query` and jmespath.py do.
 * Errors carry the specification's type and the byte offset where the
 * expression is wrong.  Work is bounded: an expression nests at most
 * JP_MAX_DEPTH levels and one search builds at most JP_MAX_ELEMENTS array
 * elements, so no input can overflow the stack or exhaust memory. */
#ifndef SAGESCALE_JMESPATH_H
#define SAGESCALE_JMESPATH_H
#include <stddef.h>
#include <json.h>

/* Deepest expression tree accepted (parser and evaluator recurse once per
 * level, a few hundred bytes of stack each). */
#define JP_MAX_DEPTH 256
/* Array elements one search may create, all arrays together. */
#define JP_MAX_ELEMENTS (16L * 1024 * 1024)
/* Longest string one search may create (to_string, join). */
#define JP_MAX_STRING (64L * 1024 * 1024)

/* The specification's error types, plus our own limits. */
enum jp_error_kind {
	JP_ERR_NONE,
	JP_ERR_SYNTAX,
	JP_ERR_INVALID_TYPE,
	JP_ERR_INVALID_VALUE,
	JP_ERR_INVALID_ARITY,
	JP_ERR_UNKNOWN_FUNCTION,
	JP_ERR_LIMIT, /* JP_MAX_DEPTH, JP_MAX_ELEMENTS or JP_MAX_STRING */
};

struct jp_error {
	enum jp_error_kind kind;
	size_t pos; /* byte offset into the expression */
	char *msg;  /* translated detail, owned; NULL when kind is NONE */
};

struct jp_expr;

/* Compiles expr (len bytes, need not be NUL-terminated).  Unknown
 * functions, wrong argument counts and slice steps of 0 are found here,
 * before any document is seen.  Returns the expression (free with
 * jp_free), or NULL with *err filled (free with jp_error_clear). */
struct jp_expr *jp_compile(const char *expr, size_t len, struct jp_error *err);
void jp_free(struct jp_expr *e);
/* The text e was compiled from (len bytes), for messages. */
const char *jp_source(const struct jp_expr *e, size_t *len);

/* Searches doc (borrowed; NULL is JSON null).  Returns 0 and *result, a
 * new reference the caller puts (NULL for a null result), or -1 with *err
 * (invalid-type and the limits are found while searching). */
int jp_search(const struct jp_expr *e, struct json_object *doc, struct json_object **result,
	      struct jp_error *err);

/* The specification's name of a kind: "syntax", "invalid-type", ... */
const char *jp_error_kind_name(enum jp_error_kind kind);
/* A translated label for messages: "syntax error", "invalid type", ... */
const char *jp_error_kind_label(enum jp_error_kind kind);
/* The 1-based column (in characters) of a byte offset, for messages. */
size_t jp_error_column(const char *expr, size_t len, size_t pos);
/* One translated line: "column 5: syntax error: unexpected "]"". */
char *jp_error_format(const char *expr, size_t len, const struct jp_error *err);
void jp_error_clear(struct jp_error *err);

#endif
