/* Slow clients kept from blocking the simulator (see guard.h). */
#include "config.h"

#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/socket.h>
#include <time.h>

#include "sim/guard.h"
#include "util/xalloc.h"

struct slot {
	int fd;
	long long since; /* when its current request began (ms) */
	bool reading;    /* a request not yet received whole */
	bool cut;
};

struct log_kind {
	char key[96];
	long long last;
	size_t dropped;
};

struct sim_guard {
	pthread_mutex_t lock;
	pthread_cond_t wake;
	pthread_t reaper;
	bool stop, log;
	struct slot *slots;
	size_t n, cap, cuts;
	struct log_kind kinds[8];
};

static long long now_ms(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (long long)ts.tv_sec * 1000 + ts.tv_nsec / 1000000;
}

/* One line per kind of message (key) per interval, with the count left
 * out.  Under g->lock. */
static void say(struct sim_guard *g, const char *key, const char *text)
{
	long long t = now_ms();
	struct log_kind *k = NULL, *oldest = &g->kinds[0];

	if (!g->log)
		return;
	for (size_t i = 0; i < sizeof(g->kinds) / sizeof(g->kinds[0]); i++) {
		if (strncmp(g->kinds[i].key, key, sizeof(g->kinds[i].key) - 1) == 0) {
			k = &g->kinds[i];
			break;
		}
		if (g->kinds[i].last < oldest->last)
			oldest = &g->kinds[i];
	}
	if (!k) {
		k = oldest;
		snprintf(k->key, sizeof(k->key), "%s", key);
		k->last = 0;
		k->dropped = 0;
	}
	if (k->last && t - k->last < GUARD_LOG_INTERVAL_MS) {
		k->dropped++;
		return;
	}
	if (k->dropped)
		fprintf(stderr, "sim: %s (and %zu more like it)\n", text, k->dropped);
	else
		fprintf(stderr, "sim: %s\n", text);
	k->last = t;
	k->dropped = 0;
}

/* Cuts what is past its deadline: the request deadline always, the short
 * grace under pressure, oldest first.  Under g->lock. */
static void reap(struct sim_guard *g)
{
	long long t = now_ms();
	bool pressure = g->n >= GUARD_PRESSURE_AT;
	size_t cut = 0;

	for (size_t i = 0; i < g->n; i++) {
		struct slot *s = &g->slots[i];
		long long age = t - s->since;

		if (s->cut || !s->reading)
			continue;
		if (age >= GUARD_REQUEST_DEADLINE_MS ||
		    (pressure && age >= GUARD_PRESSURE_GRACE_MS)) {
			/* The connection's thread sees the socket fail and
			 * closes it: its slot is freed the ordinary way. */
			shutdown(s->fd, SHUT_RDWR);
			s->cut = true;
			cut++;
		}
	}
	/* Near the limit even young unfinished requests go, oldest first, so
	 * that a flood opening connections faster than the grace period
	 * passes never takes the last slots from a well-behaved client. */
	size_t live = 0;

	for (size_t i = 0; i < g->n; i++)
		live += !g->slots[i].cut;
	while (live > GUARD_MAX_CONNECTIONS - GUARD_HEADROOM) {
		struct slot *oldest = NULL;

		for (size_t i = 0; i < g->n; i++) {
			struct slot *s = &g->slots[i];

			if (!s->cut && s->reading && (!oldest || s->since < oldest->since))
				oldest = s;
		}
		if (!oldest)
			break;
		shutdown(oldest->fd, SHUT_RDWR);
		oldest->cut = true;
		cut++;
		live--;
	}
	g->cuts += cut;
	if (cut) {
		char line[96];

		snprintf(line, sizeof(line),
			 "cut %zu slow connection(s) (request not in within %d ms)", cut,
			 pressure ? GUARD_PRESSURE_GRACE_MS : GUARD_REQUEST_DEADLINE_MS);
		say(g, "cut", line);
	}
}

static void *reaper_main(void *arg)
{
	struct sim_guard *g = arg;

	pthread_mutex_lock(&g->lock);
	while (!g->stop) {
		struct timespec ts;

		clock_gettime(CLOCK_REALTIME, &ts);
		ts.tv_nsec += 100 * 1000000L;
		if (ts.tv_nsec >= 1000000000L) {
			ts.tv_sec++;
			ts.tv_nsec -= 1000000000L;
		}
		pthread_cond_timedwait(&g->wake, &g->lock, &ts);
		if (!g->stop)
			reap(g);
	}
	pthread_mutex_unlock(&g->lock);
	return NULL;
}

struct sim_guard *guard_new(bool log)
{
	struct sim_guard *g = xcalloc(1, sizeof(*g));

	g->log = log;
	pthread_mutex_init(&g->lock, NULL);
	pthread_cond_init(&g->wake, NULL);
	if (pthread_create(&g->reaper, NULL, reaper_main, g) != 0)
		xfatal("%s", "pthread_create");
	return g;
}

void guard_free(struct sim_guard *g)
{
	if (!g)
		return;
	pthread_mutex_lock(&g->lock);
	g->stop = true;
	pthread_cond_signal(&g->wake);
	pthread_mutex_unlock(&g->lock);
	pthread_join(g->reaper, NULL);
	pthread_cond_destroy(&g->wake);
	pthread_mutex_destroy(&g->lock);
	free(g->slots);
	free(g);
}

static struct slot *find(struct sim_guard *g, int fd)
{
	for (size_t i = 0; i < g->n; i++)
		if (g->slots[i].fd == fd)
			return &g->slots[i];
	return NULL;
}

void guard_open(struct sim_guard *g, int fd)
{
	pthread_mutex_lock(&g->lock);
	if (g->n == g->cap) {
		g->cap = g->cap ? g->cap * 2 : 64;
		g->slots = xrealloc(g->slots, g->cap * sizeof(*g->slots));
	}
	g->slots[g->n++] = (struct slot){ fd, now_ms(), true, false };
	if (g->n >= GUARD_PRESSURE_AT)
		reap(g); /* at once: a slot for who comes next */
	pthread_mutex_unlock(&g->lock);
}

void guard_close(struct sim_guard *g, int fd)
{
	pthread_mutex_lock(&g->lock);
	struct slot *s = find(g, fd);

	if (s)
		*s = g->slots[--g->n];
	pthread_mutex_unlock(&g->lock);
}

void guard_request_read(struct sim_guard *g, int fd)
{
	pthread_mutex_lock(&g->lock);
	struct slot *s = find(g, fd);

	if (s)
		s->reading = false;
	pthread_mutex_unlock(&g->lock);
}

void guard_request_done(struct sim_guard *g, int fd)
{
	pthread_mutex_lock(&g->lock);
	struct slot *s = find(g, fd);

	if (s) {
		s->reading = true; /* the next request (keep-alive) */
		s->since = now_ms();
	}
	pthread_mutex_unlock(&g->lock);
}

void guard_cut_all(struct sim_guard *g)
{
	pthread_mutex_lock(&g->lock);
	for (size_t i = 0; i < g->n; i++)
		shutdown(g->slots[i].fd, SHUT_RDWR);
	pthread_mutex_unlock(&g->lock);
}

size_t guard_count(struct sim_guard *g)
{
	pthread_mutex_lock(&g->lock);
	size_t n = g->n;

	pthread_mutex_unlock(&g->lock);
	return n;
}

size_t guard_cuts(struct sim_guard *g)
{
	pthread_mutex_lock(&g->lock);
	size_t n = g->cuts;

	pthread_mutex_unlock(&g->lock);
	return n;
}

void guard_mhd_log(void *cls, const char *fmt, va_list ap)
{
	struct sim_guard *g = cls;
	char line[256];

	vsnprintf(line, sizeof(line), fmt, ap);
	line[strcspn(line, "\n")] = '\0';
	pthread_mutex_lock(&g->lock);
	say(g, fmt, line);
	pthread_mutex_unlock(&g->lock);
}
