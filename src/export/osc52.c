/* OSC 52 clipboard sequences (see osc52.h). */
#include "config.h"

#include <stdlib.h>
#include <openssl/evp.h>

#include "export/osc52.h"
#include "util/buf.h"
#include "util/xalloc.h"

char *osc52_base64(const void *data, size_t len)
{
	char *out = xmalloc(4 * ((len + 2) / 3) + 1);

	EVP_EncodeBlock((unsigned char *)out, data, (int)len);
	return out;
}

bool osc52_in_tmux(void)
{
	const char *t = getenv("TMUX");

	return t && *t;
}

char *osc52_sequence(const void *data, size_t len, bool tmux)
{
	if (len > OSC52_MAX_BYTES)
		return NULL;
	char *b64 = osc52_base64(data, len);
	struct buf b = BUF_INIT;

	if (tmux)
		buf_puts(&b, "\033Ptmux;\033\033]52;c;");
	else
		buf_puts(&b, "\033]52;c;");
	buf_puts(&b, b64);
	buf_puts(&b, "\a");
	if (tmux)
		buf_puts(&b, "\033\\");
	free(b64);
	return buf_steal(&b);
}
