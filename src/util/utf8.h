/* UTF-8 decoding and encoding: the one place that knows the byte layout
 * (the sanitiser, the printers, the chart and the TUI's widths use it). */
#ifndef SAGESCALE_UTF8_H
#define SAGESCALE_UTF8_H
#include <stddef.h>
#include <stdint.h>

struct buf;

/* Decodes one UTF-8 sequence at s (n bytes available).  Returns its length
 * and stores the code point; returns 0 for an invalid or truncated sequence
 * (overlong forms and surrogates are invalid). */
size_t utf8_decode(const char *s, size_t n, uint32_t *cp);
/* Encodes cp (at most U+10FFFF) into out; returns the length, 1 to 4. */
size_t utf8_encode(uint32_t cp, char out[4]);
/* Appends cp, encoded, to b. */
void utf8_buf_put(struct buf *b, uint32_t cp);

#endif
