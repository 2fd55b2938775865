/* Text sanitising for the terminal and stdout (see sanitize.h). */
#include "config.h"
#include "util/sanitize.h"
#include "util/buf.h"

#include <string.h>

bool sanitize_is_unsafe(uint32_t cp)
{
	if (cp < 0x20 || cp == 0x7f)
		return true;			/* C0 controls, ESC, DEL */
	if (cp >= 0x80 && cp <= 0x9f)
		return true;			/* C1 controls (CSI, OSC, ...) */
	if (cp == 0x061c || cp == 0x200e || cp == 0x200f)
		return true;			/* bidi marks */
	if (cp >= 0x202a && cp <= 0x202e)
		return true;			/* LRE, RLE, PDF, LRO, RLO */
	if (cp >= 0x2066 && cp <= 0x2069)
		return true;			/* LRI, RLI, FSI, PDI */
	return false;
}

size_t utf8_decode(const char *str, size_t n, uint32_t *cp)
{
	const unsigned char *s = (const unsigned char *)str;
	size_t len, i;
	uint32_t c, min;

	if (n == 0)
		return 0;
	if (s[0] < 0x80) {
		*cp = s[0];
		return 1;
	} else if ((s[0] & 0xe0) == 0xc0) {
		len = 2; c = s[0] & 0x1f; min = 0x80;
	} else if ((s[0] & 0xf0) == 0xe0) {
		len = 3; c = s[0] & 0x0f; min = 0x800;
	} else if ((s[0] & 0xf8) == 0xf0) {
		len = 4; c = s[0] & 0x07; min = 0x10000;
	} else {
		return 0;
	}
	if (n < len)
		return 0;
	for (i = 1; i < len; i++) {
		if ((s[i] & 0xc0) != 0x80)
			return 0;
		c = (c << 6) | (s[i] & 0x3f);
	}
	if (c < min || c > 0x10ffff || (c >= 0xd800 && c <= 0xdfff))
		return 0;
	*cp = c;
	return len;
}

char *sanitize_text(const char *s, size_t len)
{
	struct buf b = BUF_INIT;
	size_t i = 0;

	while (i < len) {
		uint32_t cp;
		size_t n = utf8_decode(s + i, len - i, &cp);

		if (n == 0) {
			buf_printf(&b, "\\x%02x", (unsigned char)s[i]);
			i++;
		} else if (sanitize_is_unsafe(cp)) {
			if (cp < 0x100)
				buf_printf(&b, "\\x%02x", (unsigned)cp);
			else
				buf_printf(&b, "\\u%04x", (unsigned)cp);
			i += n;
		} else {
			buf_append(&b, s + i, n);
			i += n;
		}
	}
	return buf_steal(&b);
}

char *sanitize_str(const char *s)
{
	return s ? sanitize_text(s, strlen(s)) : sanitize_text("", 0);
}
