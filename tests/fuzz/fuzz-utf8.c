/* Fuzzes the terminal sanitiser: whatever the bytes, the output must be
 * valid UTF-8 without a single unsafe code point, and sanitising it again
 * must change nothing. */
#include "config.h"

#include <string.h>

#include "util/sanitize.h"
#include "fuzz.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	char *out = sanitize_text((const char *)data, size);
	size_t n = strlen(out), i = 0;

	while (i < n) {
		uint32_t cp;
		size_t k = utf8_decode(out + i, n - i, &cp);
		FUZZ_CHECK(k > 0);
		FUZZ_CHECK(!sanitize_is_unsafe(cp));
		i += k;
	}
	char *again = sanitize_text(out, n);
	FUZZ_CHECK(strcmp(again, out) == 0);
	free(again);
	free(out);

	/* The NUL-terminated variant stops at the first NUL. */
	char *s = fuzz_cstr(data, size);
	char *a = sanitize_str(s);
	char *b = sanitize_text(s, strlen(s));
	FUZZ_CHECK(strcmp(a, b) == 0);
	free(a);
	free(b);
	free(s);
	return 0;
}
