/* Locale-independent case functions (see ascii.h). */
#include "config.h"
#include "util/ascii.h"

int ascii_strncasecmp(const char *a, const char *b, size_t n)
{
	for (size_t i = 0; i < n; i++) {
		int x = ascii_tolower((unsigned char)a[i]), y = ascii_tolower((unsigned char)b[i]);

		if (x != y)
			return x - y;
		if (!x)
			break;
	}
	return 0;
}

int ascii_strcasecmp(const char *a, const char *b)
{
	return ascii_strncasecmp(a, b, (size_t)-1);
}

char *ascii_strlower(char *s)
{
	for (char *p = s; p && *p; p++)
		*p = (char)ascii_tolower((unsigned char)*p);
	return s;
}

char *ascii_strcasestr(const char *haystack, const char *needle)
{
	size_t n = 0;

	while (needle[n])
		n++;
	for (const char *p = haystack; *p; p++)
		if (ascii_strncasecmp(p, needle, n) == 0)
			return (char *)p;
	return n == 0 ? (char *)haystack : NULL;
}
