/* Column arithmetic for UTF-8 text on a terminal (wcwidth), without curses,
 * so that clipping and horizontal scrolling are unit-tested. */
#ifndef SAGESCALE_TUI_TEXT_H
#define SAGESCALE_TUI_TEXT_H
#include <stddef.h>

/* Columns that s (UTF-8) takes; invalid bytes and unprintables count 1. */
size_t text_width(const char *s);
/* The same for the first n bytes. */
size_t text_width_n(const char *s, size_t n);
/* Finds the bytes of s that fill columns [skip, skip + width): *start is
 * their offset, the return value their length.  A double-width character
 * cut by either edge is left out, so the result never exceeds width; *lead
 * is then the blank columns to leave before the text (0 or 1). */
size_t text_clip(const char *s, size_t skip, size_t width, size_t *start, size_t *lead);

/* Word wrapping: the first line of s that fits width columns, breaking
 * after a space when it can.  Returns its length in bytes; *next is where
 * the following line starts (spaces at the break skipped). */
size_t text_wrap(const char *s, size_t width, size_t *next);

#endif
