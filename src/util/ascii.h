/* Locale-independent character functions for protocol text (header names,
 * flags, enum values, dates): what <ctype.h> and strcasecmp do in the "C"
 * locale, whatever setlocale said.  Under tr_TR.UTF-8 tolower('I') is not
 * 'i', so protocol code must never use the locale's versions. */
#ifndef SAGESCALE_ASCII_H
#define SAGESCALE_ASCII_H
#include <stdbool.h>
#include <stddef.h>

static inline bool ascii_isupper(int c)
{
	return c >= 'A' && c <= 'Z';
}
static inline bool ascii_islower(int c)
{
	return c >= 'a' && c <= 'z';
}
static inline bool ascii_isalpha(int c)
{
	return ascii_isupper(c) || ascii_islower(c);
}
static inline bool ascii_isdigit(int c)
{
	return c >= '0' && c <= '9';
}
static inline bool ascii_isalnum(int c)
{
	return ascii_isalpha(c) || ascii_isdigit(c);
}
static inline bool ascii_isspace(int c)
{
	return c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\f' || c == '\v';
}
static inline bool ascii_isxdigit(int c)
{
	return ascii_isdigit(c) || (c >= 'a' && c <= 'f') || (c >= 'A' && c <= 'F');
}
/* The value of a hexadecimal digit, or -1 when c is not one. */
static inline int ascii_hexval(int c)
{
	if (ascii_isdigit(c))
		return c - '0';
	if (c >= 'a' && c <= 'f')
		return c - 'a' + 10;
	if (c >= 'A' && c <= 'F')
		return c - 'A' + 10;
	return -1;
}
static inline int ascii_tolower(int c)
{
	return ascii_isupper(c) ? c - 'A' + 'a' : c;
}
static inline int ascii_toupper(int c)
{
	return ascii_islower(c) ? c - 'a' + 'A' : c;
}

int ascii_strcasecmp(const char *a, const char *b);
int ascii_strncasecmp(const char *a, const char *b, size_t n);
/* The first place of needle in haystack, ASCII case ignored, or NULL. */
char *ascii_strcasestr(const char *haystack, const char *needle);
/* s lowercased in place (ASCII letters only); returns s. */
char *ascii_strlower(char *s);

#endif
