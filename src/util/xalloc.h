/* Allocation that cannot fail: on exhaustion the program restores the
 * terminal (through the registered fatal hook) and exits. */
#ifndef SAGESCALE_XALLOC_H
#define SAGESCALE_XALLOC_H
#include <stdarg.h>
#include <stddef.h>

void *xmalloc(size_t n);
void *xcalloc(size_t nmemb, size_t size);
void *xrealloc(void *p, size_t n);
char *xstrdup(const char *s);
char *xstrndup(const char *s, size_t n);
char *xasprintf(const char *fmt, ...) __attribute__((format(printf, 1, 2)));
char *xvasprintf(const char *fmt, va_list ap) __attribute__((format(printf, 1, 0)));

/* Called before exiting on a fatal error (the TUI restores the terminal). */
void xalloc_set_fatal_hook(void (*hook)(void));
void xfatal(const char *fmt, ...) __attribute__((format(printf, 1, 2), noreturn));

#endif
