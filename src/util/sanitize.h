/* Untrusted text (anything that came from the network or a file) made safe
 * for a terminal: control characters (C0, DEL, C1, ESC) and bidirectional
 * overrides become visible escapes, invalid UTF-8 bytes become \xNN, so a
 * response can never drive the terminal. */
#ifndef SAGESCALE_SANITIZE_H
#define SAGESCALE_SANITIZE_H
#include <stddef.h>
#include <stdint.h>
#include <stdbool.h>

/* True for code points that must never reach a terminal raw. */
bool sanitize_is_unsafe(uint32_t cp);

/* Sanitising is built on decoding: users of one mostly need the other. */
#include "util/utf8.h"

/* Returns a newly allocated, sanitised copy: unsafe code points become
 * \xNN (below U+0100) or \uNNNN, invalid bytes become \xNN.  Never NULL. */
char *sanitize_text(const char *s, size_t len);
/* The same for a NUL-terminated string; NULL gives "". */
char *sanitize_str(const char *s);
/* JSON text (json-c's output) safe for a terminal and still the same JSON:
 * unsafe code points become \uNNNN escapes, invalid bytes \ufffd.  Caller
 * frees. */
char *sanitize_json_text(const char *json);

#endif
