/* A growable byte buffer, always NUL-terminated, for building strings. */
#ifndef SAGESCALE_BUF_H
#define SAGESCALE_BUF_H
#include <stddef.h>

struct buf {
	char *data; /* NUL-terminated; NULL until the first append */
	size_t len;
	size_t cap;
};

#define BUF_INIT           \
	{                  \
		NULL, 0, 0 \
	}

void buf_append(struct buf *b, const void *data, size_t len);
void buf_puts(struct buf *b, const char *s);
void buf_putc(struct buf *b, char c);
void buf_printf(struct buf *b, const char *fmt, ...) __attribute__((format(printf, 2, 3)));
void buf_reset(struct buf *b);            /* len = 0, keeps the memory */
char *buf_steal(struct buf *b);           /* returns the string ("" if empty), b is reset */
const char *buf_str(const struct buf *b); /* "" when empty */
void buf_free(struct buf *b);
/* Wipes the contents (for buffers that held secrets) and frees. */
void buf_free_secret(struct buf *b);

#endif
