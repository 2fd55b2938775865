/* Fuzzes the loopback decision against the HTTP layer's reading of the
 * same URL.  The client allows plain http only when loopback_host says the
 * host it parsed (aws_url_parse) is loopback; the HTTP layer bypasses the
 * proxy for what libcurl reads.  Whatever the bytes: when the client would
 * send to a loopback host, libcurl's host is loopback by the same decision
 * and the request goes direct, and a plain http:// URL never uses a proxy. */
#include "config.h"

#include <string.h>

#include "aws/endpoint.h"
#include "aws/http.h"
#include "aws/loopback.h"
#include "fuzz.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	char *s = fuzz_cstr(data, size);
	struct aws_url u;

	/* loopback_host on the raw bytes: any string, no crash. */
	(void)loopback_host(s);
	memset(&u, 0, sizeof(u));
	if (strlen(s) == size && !aws_url_parse(s, &u)) {
		bool client_loop = loopback_host(u.host);
		char *host = http_url_host(u.url);

		if (client_loop) {
			FUZZ_CHECK(host != NULL);
			FUZZ_CHECK(loopback_host(host));
			FUZZ_CHECK(http_url_direct(u.url));
		}
		if (!u.https)
			FUZZ_CHECK(http_url_direct(u.url));
		free(host);
		aws_url_free(&u);
	}
	free(s);
	return 0;
}
