/* The simulator's defence against slow clients (slowloris): every open
 * connection with the time its current request began.  A request must be
 * received whole (headers and body) within a deadline that bytes do not
 * extend; when connections pile up, the oldest unfinished ones are cut
 * after a short grace, so that a well-behaved client always finds a slot.
 * The per-client limit itself is libmicrohttpd's (per IP address).  What
 * it logs about all this is rate-limited. */
#ifndef SAGESCALE_SIM_GUARD_H
#define SAGESCALE_SIM_GUARD_H
#include <stdarg.h>
#include <stdbool.h>
#include <stddef.h>

#define GUARD_REQUEST_DEADLINE_MS 10000 /* a whole request, from its start */
#define GUARD_PRESSURE_GRACE_MS 1000    /* the same under pressure */
#define GUARD_MAX_CONNECTIONS 512       /* in all */
#define GUARD_PRESSURE_AT 384           /* open connections that mean pressure */
#define GUARD_PER_CLIENT 64             /* connections from one IP address */
#define GUARD_HEADROOM 64               /* slots kept free below the limit for who comes next */
#define GUARD_LOG_INTERVAL_MS 1000      /* one line per kind per interval */

struct sim_guard;

/* log: whether lines are written to stderr at all. */
struct sim_guard *guard_new(bool log);
/* Stops the reaper; the connections must be gone (guard_cut_all). */
void guard_free(struct sim_guard *g);

void guard_open(struct sim_guard *g, int fd);         /* a connection accepted */
void guard_close(struct sim_guard *g, int fd);        /* ... and closed */
void guard_request_read(struct sim_guard *g, int fd); /* its request is in: no deadline */
void guard_request_done(struct sim_guard *g, int fd); /* answered: the next one's clock */
/* Hangs up on every connection (sim_stop). */
void guard_cut_all(struct sim_guard *g);
size_t guard_count(struct sim_guard *g);
/* How many connections were cut for the deadline so far. */
size_t guard_cuts(struct sim_guard *g);

/* A libmicrohttpd logger (MHD_OPTION_EXTERNAL_LOGGER): the same message
 * at most once per interval, then a count of those left out. */
void guard_mhd_log(void *cls, const char *fmt, va_list ap);

#endif
