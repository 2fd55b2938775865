/* Text sanitising for the terminal and stdout (see sanitize.h). */
#include "config.h"
#include "util/sanitize.h"
#include "util/buf.h"
#include "util/utf8.h"

#include <string.h>

bool sanitize_is_unsafe(uint32_t cp)
{
	if (cp < 0x20 || cp == 0x7f)
		return true; /* C0 controls, ESC, DEL */
	if (cp >= 0x80 && cp <= 0x9f)
		return true; /* C1 controls (CSI, OSC, ...) */
	if (cp == 0x061c || cp == 0x200e || cp == 0x200f)
		return true; /* bidi marks */
	if (cp >= 0x202a && cp <= 0x202e)
		return true; /* LRE, RLE, PDF, LRO, RLO */
	if (cp >= 0x2066 && cp <= 0x2069)
		return true; /* LRI, RLI, FSI, PDI */
	/* Invisible format characters and separators that can hide, join or
	 * reorder text: soft hyphen, Mongolian vowel separator, zero-width
	 * space/joiners, line and paragraph separators, word joiner and the
	 * invisible operators, deprecated format controls, BOM / zero-width
	 * no-break space, interlinear annotation, tag characters. */
	if (cp == 0x00ad || cp == 0x180e || (cp >= 0x200b && cp <= 0x200d))
		return true;
	if (cp == 0x2028 || cp == 0x2029 || (cp >= 0x2060 && cp <= 0x2064) ||
	    (cp >= 0x206a && cp <= 0x206f))
		return true;
	if (cp == 0xfeff || (cp >= 0xfff9 && cp <= 0xfffb) || (cp >= 0xe0000 && cp <= 0xe007f))
		return true;
	return false;
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

char *sanitize_json_text(const char *json)
{
	struct buf b = BUF_INIT;
	size_t n = strlen(json), i = 0;

	while (i < n) {
		uint32_t cp;
		size_t len = utf8_decode(json + i, n - i, &cp);

		if (len == 0) {
			buf_puts(&b, "\\ufffd");
			i++;
		} else if (cp != '\n' && sanitize_is_unsafe(cp)) {
			/* raw controls but newline cannot be in json-c's output
			 * outside strings; inside strings \u is the same value */
			buf_printf(&b, "\\u%04x", (unsigned)cp);
			i += len;
		} else {
			buf_append(&b, json + i, len);
			i += len;
		}
	}
	return buf_steal(&b);
}
