/* What loopback is, decided once (see loopback.h). */
#include "config.h"

#include <netdb.h>
#include <netinet/in.h>
#include <arpa/inet.h>
#include <stdlib.h>
#include <string.h>

#include "aws/loopback.h"
#include "util/ascii.h"

static bool v4_loopback(const unsigned char *a)
{
	return a[0] == 127;
}

static bool v6_loopback(const unsigned char *a)
{
	static const unsigned char mapped[12] = { 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0xff, 0xff };

	return memcmp(a, &in6addr_loopback, 16) == 0 ||
	       (memcmp(a, mapped, 12) == 0 && v4_loopback(a + 12));
}

bool loopback_sockaddr(const struct sockaddr *sa)
{
	if (sa->sa_family == AF_INET)
		return v4_loopback(
			(const unsigned char *)&((const struct sockaddr_in *)(const void *)sa)
				->sin_addr);
	if (sa->sa_family == AF_INET6)
		return v6_loopback(
			((const struct sockaddr_in6 *)(const void *)sa)->sin6_addr.s6_addr);
	return false;
}

/* "localhost" as the resolver answers it: loopback only when every answer
 * is (a hosts file may point it elsewhere). */
static bool resolver_loopback(const char *name)
{
	struct addrinfo hints, *res = NULL;
	bool all = true;

	memset(&hints, 0, sizeof(hints));
	hints.ai_family = AF_UNSPEC;
	hints.ai_socktype = SOCK_STREAM;
	if (getaddrinfo(name, NULL, &hints, &res) != 0 || !res)
		return false;
	for (struct addrinfo *ai = res; ai; ai = ai->ai_next)
		all = all && ai->ai_addr && loopback_sockaddr(ai->ai_addr);
	freeaddrinfo(res);
	return all;
}

bool loopback_host(const char *host)
{
	unsigned char a[16];
	char inner[64];
	size_t n;

	if (!host || !*host)
		return false;
	if (ascii_strcasecmp(host, "localhost") == 0)
		return resolver_loopback("localhost");
	if (inet_pton(AF_INET, host, a) == 1)
		return v4_loopback(a);
	n = strlen(host);
	if (host[0] != '[' || host[n - 1] != ']' || n - 2 >= sizeof(inner))
		return false;
	memcpy(inner, host + 1, n - 2);
	inner[n - 2] = '\0';
	return inet_pton(AF_INET6, inner, a) == 1 && v6_loopback(a);
}
