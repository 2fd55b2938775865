/* Traffic series for the replay: invocations per minute from a synthetic
 * shape (seeded), a CSV file, or datapoints fetched elsewhere (CloudWatch),
 * with what was read described (range, points, gaps).  A minute without
 * data stays NAN: nothing is invented for it.  Curses-free, network-free. */
#ifndef SAGESCALE_REPLAY_TRAFFIC_H
#define SAGESCALE_REPLAY_TRAFFIC_H
#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

/* Bounds that keep every input's work bounded (stated in the man page). */
#define TRAFFIC_MAX_MINUTES (366 * 1440) /* one year at one minute */
#define TRAFFIC_MAX_ROWS 2000000         /* CSV rows (a year at 15 s) */
#define TRAFFIC_MAX_VALUE 1e12           /* invocations in one row */
#define TRAFFIC_MAX_LINE 4096

struct traffic {
	long long start; /* epoch seconds of minute 0 (a whole minute) */
	size_t n;        /* minutes */
	double *v;       /* invocations in each minute; NAN: no data */
	size_t points;   /* data points read */
	size_t gaps;     /* runs of minutes without data */
	size_t gap_minutes;
	int period_s; /* the source's period (60 unless the file said otherwise) */
	char *source; /* what it came from, for the summary (sanitised) */
};

/* "7d", "36h", "90m", "2w" or a number of minutes -> minutes (1 to
 * TRAFFIC_MAX_MINUTES).  -1 with *err naming the text. */
int traffic_parse_duration(const char *text, long long *minutes, char **err);
/* "2026-11-02T09:14:00Z" (seconds, Z or +00:00 optional; a space for the
 * T), "2026-11-02" or epoch seconds -> epoch seconds.  -1 when invalid. */
int traffic_parse_time(const char *text, long long *epoch);
/* A window of traffic: a duration as above (*from = 0: the caller says
 * where it ends) or "FROM..TO", two times as traffic_parse_time takes them
 * (*from rounded down to its minute, *minutes up to TO), 1 minute to
 * TRAFFIC_MAX_MINUTES long.  -1 with *err naming the text. */
int traffic_parse_window(const char *text, long long *minutes, long long *from, char **err);
/* "2026-11-02 09:14" in UTC. */
char *traffic_format_time(long long epoch);

enum traffic_shape { TRAFFIC_DIURNAL, TRAFFIC_STEP, TRAFFIC_SPIKE, TRAFFIC_RAMP };

struct traffic_synth {
	enum traffic_shape shape;
	/* diurnal: period and the time of day of the peak (minutes), noise %;
	 * step: at (minutes from the start), from, to;
	 * spike: at, length (minutes), peak; ramp: from, to. */
	long long period, phase, at, length;
	double noise, from, to, peak;
	bool has_from_to; /* diurnal and spike take min/max from the objective */
};

/* Parses diurnal[:PERIOD[:PEAK_TIME[:NOISE%]]], step:AT:FROM:TO,
 * spike:AT:LENGTH:PEAK, ramp:FROM:TO.  -1 with *err. */
int traffic_synth_parse(const char *text, struct traffic_synth *s, char **err);
/* Makes minutes of traffic from start: diurnal between lo and hi (the
 * objective's min and max invocations per minute), spike over a base of
 * lo; seeded noise (the same seed gives the same series).  Never fails. */
void traffic_synth_make(const struct traffic_synth *s, double lo, double hi, long long start,
			long long minutes, uint64_t seed, struct traffic *t);

/* Reads "timestamp,invocations" rows (a header line is allowed; # starts
 * a comment) from path ("-": standard input).  Timestamps strictly
 * increasing; the period is the smallest step and must divide 60 s or be
 * a multiple of it: rows below a minute are summed, a longer period's
 * value is spread evenly over its minutes.  -1 with *err naming the line. */
int traffic_csv_load(const char *path, struct traffic *t, char **err);

/* Bins datapoints (epoch seconds, values; any order, one per minute at
 * most) of period_s = 60 into minutes [start, end).  Values outside the
 * range are dropped.  For CloudWatch answers. */
void traffic_from_points(const long long *times, const double *values, size_t n, long long start,
			 long long end, struct traffic *t);

/* Counts gaps and gap minutes from t->v (the loaders call it). */
void traffic_count_gaps(struct traffic *t);
/* One translated line: source, range, minutes, points, gaps. */
char *traffic_describe(const struct traffic *t);
void traffic_free(struct traffic *t);

#endif
