/* What the printers of src/cli/output*.c share and nobody else needs. */
#ifndef SAGESCALE_OUTPUT_INT_H
#define SAGESCALE_OUTPUT_INT_H
#include <stddef.h>
#include "util/buf.h"

struct json_object;

/* Appends Python's repr(float) of x ("0.5", "1e+16", "NaN", "Infinity"),
 * as json.dumps and str() print a float. */
void output_py_float(struct buf *b, double x);

/* Parses one JSON document (nothing but white space after it).  NULL with
 * *err a translated sentence when it does not parse. */
struct json_object *output_parse_json(const char *json, size_t len, char **err);

#endif
