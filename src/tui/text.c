/* UTF-8 column widths and clipping for drawing (see text.h). */
#include "config.h"
#include "tui/text.h"
#include "util/sanitize.h"

#include <string.h>
#include <wchar.h>

/* Width of the character at s: its length in bytes goes to *len. */
static int char_width(const char *s, size_t n, size_t *len)
{
	uint32_t cp;
	size_t l = utf8_decode(s, n, &cp);
	int w;

	if (l == 0) {
		*len = 1;
		return 1;
	}
	*len = l;
	w = wcwidth((wchar_t)cp);
	return w < 0 ? 1 : w;
}

size_t text_width(const char *s)
{
	return text_width_n(s, strlen(s));
}

size_t text_width_n(const char *s, size_t n)
{
	size_t i = 0, cols = 0;

	while (i < n) {
		size_t len;

		cols += (size_t)char_width(s + i, n - i, &len);
		i += len;
	}
	return cols;
}

size_t text_clip(const char *s, size_t skip, size_t width, size_t *start, size_t *lead)
{
	size_t n = strlen(s), i = 0, col = 0, from, used = 0;

	/* Skip whole characters until column skip; one that straddles it is dropped. */
	while (i < n && col < skip) {
		size_t len;

		col += (size_t)char_width(s + i, n - i, &len);
		i += len;
	}
	from = i;
	/* A wide character straddling the left edge is gone; its visible half
	 * becomes a blank so that the rest stays in its column. */
	used = col > skip ? col - skip : 0;
	*lead = used;
	while (i < n) {
		size_t len;
		size_t w = (size_t)char_width(s + i, n - i, &len);

		if (used + w > width)
			break;
		used += w;
		i += len;
	}
	*start = from;
	return i - from;
}

size_t text_wrap(const char *s, size_t width, size_t *next)
{
	size_t n = strlen(s), i = 0, col = 0, brk = 0;

	while (i < n) {
		size_t len;
		size_t w = (size_t)char_width(s + i, n - i, &len);

		if (col + w > width)
			break;
		if (s[i] == ' ')
			brk = i;
		col += w;
		i += len;
	}
	if (i < n && brk > 0 && s[i] != ' ') {
		i = brk; /* break at the last space */
	}
	*next = i;
	while (*next < n && s[*next] == ' ')
		(*next)++;
	if (i == 0 && n > 0 && *next == 0) {
		/* Not even one character fits: take one, never loop. */
		size_t len;

		char_width(s, n, &len);
		*next = len;
		return len;
	}
	return i;
}
