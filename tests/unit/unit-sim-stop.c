/* Stopping the simulator is safe whatever its clients are doing: it is
 * started and stopped in-process many times while connections sit idle
 * after a keep-alive answer, hold half a request, send garbage or a TLS
 * ClientHello to the plain port, or hang up at the very moment of the stop.
 * (libmicrohttpd 0.9.75 was seen crashing in MHD_stop_daemon while a
 * connection thread was still closing.) */
#include "config.h"
#include "../lib/unit.h"
#include "sim/sim.h"

#include <arpa/inet.h>
#include <errno.h>
#include <netinet/in.h>
#include <netinet/tcp.h>
#include <poll.h>
#include <pthread.h>
#include <signal.h>
#include <stdatomic.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/socket.h>
#include <time.h>
#include <unistd.h>

/* SIM_STOP_ROUNDS overrides the number of start/stop rounds (e.g. fewer
 * under valgrind, more when hunting a rare crash). */
static int rounds(int dflt)
{
	const char *e = getenv("SIM_STOP_ROUNDS");
	int n = e ? atoi(e) : 0;

	return n > 0 ? n : dflt;
}

static unsigned long long rng = 0x2545f4914f6cdd1dULL;

static unsigned rnd(unsigned n)
{
	rng ^= rng << 13;
	rng ^= rng >> 7;
	rng ^= rng << 17;
	return (unsigned)(rng % n);
}

static int dial(int port)
{
	struct sockaddr_in sa = { 0 };
	int fd = socket(AF_INET, SOCK_STREAM | SOCK_CLOEXEC, 0), one = 1;

	assert_true(fd >= 0);
	sa.sin_family = AF_INET;
	sa.sin_port = htons((uint16_t)port);
	sa.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
	if (connect(fd, (struct sockaddr *)&sa, sizeof(sa)) != 0)
		fail_msg("connect to 127.0.0.1:%d: %s", port, strerror(errno));
	setsockopt(fd, IPPROTO_TCP, TCP_NODELAY, &one, sizeof(one));
	return fd;
}

static void put(int fd, const void *p, size_t n)
{
	/* The peer may already be gone: that is part of the game. */
	(void)!send(fd, p, n, MSG_NOSIGNAL);
}

/* Reads until a complete status line and blank line arrived, or 2 s. */
static bool read_head(int fd, char *out, size_t cap)
{
	size_t len = 0;

	while (len + 1 < cap) {
		struct pollfd p = { fd, POLLIN, 0 };
		if (poll(&p, 1, 2000) <= 0)
			return false;
		ssize_t n = recv(fd, out + len, cap - 1 - len, 0);
		if (n <= 0)
			break;
		len += (size_t)n;
		out[len] = '\0';
		if (strstr(out, "\r\n\r\n"))
			return true;
	}
	out[len] = '\0';
	return false;
}

static const char full_req[] =
	"POST / HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Type: application/x-amz-json-1.1\r\n"
	"X-Amz-Target: SageMaker.ListInferenceRecommendationsJobs\r\nContent-Length: 2\r\n\r\n{}";

/* A TLS 1.2 ClientHello's first bytes: record header, handshake header,
 * version, part of the random. */
static const unsigned char client_hello[] = {
	0x16, 0x03, 0x01, 0x00, 0xa5, 0x01, 0x00, 0x00, 0xa1, 0x03, 0x03, 0x5a, 0x5b, 0x5c,
	0x5d, 0x5e, 0x5f, 0x60, 0x61, 0x62, 0x63, 0x64, 0x65, 0x66, 0x67, 0x68, 0x69, 0x6a,
	0x6b, 0x6c, 0x6d, 0x6e, 0x6f, 0x70, 0x71, 0x72, 0x73, 0x74, 0x75, 0x76, 0x77, 0x78,
	0x79, 0x00, 0x00, 0x20, 0xc0, 0x2b, 0xc0, 0x2f, 0x00, 0x9e, 0xcc, 0xa9, 0x01, 0x00,
};

enum { KEEPALIVE, HALF_HEADERS, HALF_BODY, GARBAGE, HELLO, SILENT, NKINDS };

/* Opens one client of the given kind; the connection stays open. */
static int client(int port, int kind)
{
	int fd = dial(port);
	char head[4096];
	static const char half_headers[] = "POST / HTTP/1.1\r\nHost: 127.0.0.1\r\nX-Amz-Tar";
	static const char half_body[] = "POST / HTTP/1.1\r\nHost: 127.0.0.1\r\n"
					"Content-Length: 100\r\n\r\n{\"Job";
	static const char garbage[] = "\x01\x02\xff\xfe GARBAGE \r\n\r\n\x7f";

	switch (kind) {
	case KEEPALIVE:
		put(fd, full_req, sizeof(full_req) - 1);
		if (!read_head(fd, head, sizeof(head)))
			fail_msg("no answer on a keep-alive connection: '%s'", head);
		/* Unsigned: refused, but answered and the connection kept. */
		assert_non_null(strstr(head, "HTTP/1.1 "));
		break;
	case HALF_HEADERS: put(fd, half_headers, sizeof(half_headers) - 1); break;
	case HALF_BODY: put(fd, half_body, sizeof(half_body) - 1); break;
	case GARBAGE: put(fd, garbage, sizeof(garbage) - 1); break;
	case HELLO: put(fd, client_hello, sizeof(client_hello)); break;
	default: break;
	}
	return fd;
}

/* Hangs up on some clients while the main thread is stopping the server. */
struct hangup {
	int *fds;
	size_t n;
	unsigned delay_us;
	atomic_bool go;
};

static void *hangup_main(void *cls)
{
	struct hangup *h = cls;

	while (!atomic_load(&h->go))
		sched_yield();
	if (h->delay_us)
		usleep(h->delay_us);
	for (size_t i = 0; i < h->n; i++) {
		if (i % 2) /* abortive close (RST) for half of them */
			setsockopt(h->fds[i], SOL_SOCKET, SO_LINGER, &(struct linger){ 1, 0 },
				   sizeof(struct linger));
		close(h->fds[i]);
		h->fds[i] = -1;
	}
	return NULL;
}

static double now_s(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (double)ts.tv_sec + ts.tv_nsec / 1e9;
}

static struct sim *start(void)
{
	struct sim_options o;
	char *err = NULL;

	sim_options_init(&o);
	struct sim *s = sim_start(&o, &err);
	if (!s)
		fail_msg("sim_start: %s", err ? err : "?");
	return s;
}

/* Every kind of client open, some hung up during the stop, the rest after. */
static void stop_with_clients(void **state)
{
	int n = rounds(200);
	double worst = 0;

	for (int r = 0; r < n; r++) {
		struct sim *s = start();
		int port = sim_port(s);
		int mine[NKINDS + 2], theirs[NKINDS];
		struct hangup h = { theirs, NKINDS, rnd(4) ? rnd(300) : 0 };
		pthread_t t;

		for (int k = 0; k < NKINDS; k++) {
			mine[k] = client(port, k);
			theirs[k] = client(port, k);
		}
		/* Just before the stop: a hello and garbage whose connections
		 * are being closed by the server while it stops. */
		mine[NKINDS] = client(port, HELLO);
		mine[NKINDS + 1] = client(port, GARBAGE);
		assert_int_equal(pthread_create(&t, NULL, hangup_main, &h), 0);
		atomic_store(&h.go, true);
		double t0 = now_s();
		sim_stop(s);
		double took = now_s() - t0;
		worst = took > worst ? took : worst;
		pthread_join(t, NULL);
		for (int k = 0; k < NKINDS + 2; k++)
			close(mine[k]);
		/* Clients never stall a stop for long. */
		if (took > 3.0)
			fail_msg("round %d: sim_stop took %.2f s", r, took);
	}
	print_message("# %d rounds, slowest stop %.3f s\n", n, worst);
}

/* A stop right after the hello, with nothing else going on (the case seen
 * crashing), and a stop with no clients at all. */
static void stop_after_hello(void **state)
{
	int n = rounds(200);

	for (int r = 0; r < n; r++) {
		struct sim *s = start();
		int fd = r % 4 == 3 ? -1 : client(sim_port(s), r % 2 ? HELLO : GARBAGE);

		if (r % 3 == 1 && fd >= 0) /* give the server time to answer 400 and close */
			usleep(rnd(2000));
		sim_stop(s);
		if (fd >= 0)
			close(fd);
	}
}

/* A keep-alive client keeps asking while the server stops under it: each
 * request is answered or the connection is closed, nothing hangs. */
struct asker {
	int fd;
	atomic_bool stop;
	int answered;
};

static void *asker_main(void *cls)
{
	struct asker *a = cls;
	char head[4096];
	int fd = a->fd;

	for (int i = 0; i < 100000 && !atomic_load(&a->stop); i++) {
		put(fd, full_req, sizeof(full_req) - 1);
		if (!read_head(fd, head, sizeof(head)))
			break;
		a->answered++;
		/* skip the body: read_head may have read part of it */
		struct pollfd p = { fd, POLLIN, 0 };
		while (poll(&p, 1, 0) > 0 && recv(fd, head, sizeof(head), MSG_DONTWAIT) > 0)
			;
	}
	return NULL;
}

static void stop_while_asked(void **state)
{
	int n = rounds(200) / 4, answered = 0;

	for (int r = 0; r < n; r++) {
		struct sim *s = start();
		struct asker a = { dial(sim_port(s)) };
		pthread_t t;

		assert_int_equal(pthread_create(&t, NULL, asker_main, &a), 0);
		usleep(500 + rnd(3000));
		sim_stop(s);
		atomic_store(&a.stop, true);
		pthread_join(t, NULL);
		close(a.fd);
		answered += a.answered;
	}
	print_message("# %d rounds, %d requests answered before the stops\n", n, answered);
	assert_true(answered > 0);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(stop_with_clients),
		cmocka_unit_test(stop_after_hello),
		cmocka_unit_test(stop_while_asked),
	};

	signal(SIGPIPE, SIG_IGN);
	return cmocka_run_group_tests_name("sim-stop", tests, NULL, NULL);
}
