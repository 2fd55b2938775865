/* What the printers of src/cli/output*.c share and nobody else needs. */
#ifndef SAGESCALE_OUTPUT_INT_H
#define SAGESCALE_OUTPUT_INT_H
#include <stdbool.h>
#include <stddef.h>
#include "util/buf.h"

struct json_object;

/* Parses one JSON document (nothing but white space after it).  NULL with
 * *err a translated sentence when it does not parse. */
struct json_object *output_parse_json(const char *json, size_t len, char **err);

/* Shared by the text and table printers (src/cli/output.c). */
/* A sorted, de-duplicated list of strings (Python's sorted(set(...))). */
struct strset {
	char **v;
	size_t n, cap;
};
bool out_is_scalar(struct json_object *o);
bool out_is_empty(struct json_object *o); /* Python's falsiness */
void out_put_int(struct buf *b, struct json_object *o);
void out_py_str(struct buf *b, struct json_object *o);  /* str(value) */
void out_py_repr(struct buf *b, struct json_object *o); /* repr(value) */
char *out_cell(struct json_object *o); /* str(value), terminal-safe; caller frees */
bool out_strset_has(const struct strset *s, const char *k);
void out_strset_add(struct strset *s, const char *k); /* k borrowed */
void out_strset_sort(struct strset *s);
void out_strset_free(struct strset *s);
/* Scalar and non-scalar keys of one object, each sorted. */
void out_group_keys(struct json_object *o, struct strset *scalars, struct strset *more);

#endif
