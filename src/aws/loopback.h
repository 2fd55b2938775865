/* The one decision of what is loopback, for both the client (plain http is
 * allowed only to loopback) and the HTTP layer (loopback is never reached
 * through a proxy).  Two decisions once disagreed on [::ffff:127.0.0.1], and
 * a signed request went in clear text to an http_proxy. */
#ifndef SAGESCALE_LOOPBACK_H
#define SAGESCALE_LOOPBACK_H
#include <stdbool.h>
#include <sys/socket.h>

/* True when host, as it appears in a URL's authority, names only this
 * machine: an IPv4 address in 127.0.0.0/8 in dotted-quad form, [::1], an
 * IPv4-mapped [::ffff:127.x.y.z] (in either notation), or "localhost" when
 * every address the resolver answers for it is one of those (and it
 * answers at least one).  Anything else (other spellings of numbers, other
 * names, zone ids, a trailing dot) is not loopback: the safe answer. */
bool loopback_host(const char *host);
/* True for a loopback socket address (AF_INET 127/8, AF_INET6 ::1 or
 * ::ffff:127/104). */
bool loopback_sockaddr(const struct sockaddr *sa);

#endif
