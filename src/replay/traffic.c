/* Traffic series (see traffic.h): durations and times, the synthetic
 * shapes, the CSV reader, binning into minutes and the summary line. */
#include "config.h"
#include "replay/traffic.h"
#include "util/i18n.h"
#include "util/sanitize.h"
#include "util/isotime.h"
#include "util/xalloc.h"

#include <ctype.h>
#include <errno.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

/* ---- durations and times ---- */

int traffic_parse_duration(const char *text, long long *minutes, char **err)
{
	char *end;
	long long mul = 1;

	errno = 0;
	long long v = text && isdigit((unsigned char)text[0]) ? strtoll(text, &end, 10) : -1;
	if (v >= 0 && errno == 0) {
		if (*end == 'm' || *end == '\0')
			mul = 1;
		else if (*end == 'h')
			mul = 60;
		else if (*end == 'd')
			mul = 1440;
		else if (*end == 'w')
			mul = 7 * 1440;
		else
			v = -1;
		if (v >= 0 && *end && end[1])
			v = -1;
	} else {
		v = -1;
	}
	if (v < 1 || v > TRAFFIC_MAX_MINUTES / mul) {
		char *s = sanitize_str(text);
		*err = xasprintf(_("invalid duration \"%s\": expected minutes or a number with "
				   "m, h, d or w, from 1 minute to %d days"),
				 s, TRAFFIC_MAX_MINUTES / 1440);
		free(s);
		return -1;
	}
	*minutes = v * mul;
	return 0;
}

int traffic_parse_time(const char *text, long long *epoch)
{
	char *end;
	long long t;

	if (!text || !*text)
		return -1;
	errno = 0;
	long long v = strtoll(text, &end, 10);
	if (*end == '\0' && errno == 0 && v >= 0 && v < 253402300800LL) { /* < year 10000 */
		*epoch = v;
		return 0;
	}
	/* A date alone is midnight; a fraction of a second is dropped; times
	 * are UTC (a series with offsets would need them all converted). */
	if (isotime_parse(text, ISOTIME_DATE_ONLY | ISOTIME_UTC, &t, NULL) < 0 || t < 0)
		return -1;
	*epoch = t;
	return 0;
}

/* One end of a window, its spaces trimmed (a time may hold one inside). */
static int window_end(const char *a, size_t len, long long *epoch)
{
	char b[64];

	while (len && *a == ' ') {
		a++;
		len--;
	}
	while (len && a[len - 1] == ' ')
		len--;
	if (len == 0 || len >= sizeof(b))
		return -1;
	memcpy(b, a, len);
	b[len] = '\0';
	return traffic_parse_time(b, epoch);
}

int traffic_parse_window(const char *text, long long *minutes, long long *from, char **err)
{
	const char *dots = text ? strstr(text, "..") : NULL;
	long long a, b;

	if (!dots) {
		*from = 0;
		return traffic_parse_duration(text, minutes, err);
	}
	if (window_end(text, (size_t)(dots - text), &a) < 0 ||
	    window_end(dots + 2, strlen(dots + 2), &b) < 0 || b - a < 60 ||
	    b - a > (long long)TRAFFIC_MAX_MINUTES * 60) {
		char *s = sanitize_str(text);
		*err = xasprintf(
			_("invalid window \"%s\": expected FROM..TO (ISO 8601 UTC or epoch "
			  "seconds), from 1 minute to %d days"),
			s, TRAFFIC_MAX_MINUTES / 1440);
		free(s);
		return -1;
	}
	*from = a - a % 60;
	*minutes = (b - *from) / 60;
	return 0;
}

char *traffic_format_time(long long epoch)
{
	time_t t = (time_t)epoch;
	struct tm tm;
	char b[32];

	if (!gmtime_r(&t, &tm) || strftime(b, sizeof(b), "%Y-%m-%d %H:%M", &tm) == 0)
		return xstrdup("-");
	return xstrdup(b);
}

/* ---- synthetic shapes ---- */

static bool parse_num(const char *s, double *v)
{
	char *end;

	errno = 0;
	*v = strtod(s, &end);
	return *s && *end == '\0' && errno == 0 && isfinite(*v) && *v >= 0 &&
	       *v <= TRAFFIC_MAX_VALUE;
}

/* Splits text at ':' into at most 5 fields (copies in f, count in *n). */
static int split(const char *text, char f[5][64], int *n)
{
	*n = 0;
	for (const char *p = text;; (*n)++) {
		const char *c = strchr(p, ':');
		size_t l = c ? (size_t)(c - p) : strlen(p);
		if (*n == 5 || l >= 64)
			return -1;
		memcpy(f[*n], p, l);
		f[*n][l] = '\0';
		if (!c) {
			(*n)++;
			return 0;
		}
		p = c + 1;
	}
}

static int synth_bad(const char *text, const char *why, char **err)
{
	char *s = sanitize_str(text);
	*err = xasprintf(_("invalid --traffic \"%s\": %s"), s, why);
	free(s);
	return -1;
}

int traffic_synth_parse(const char *text, struct traffic_synth *s, char **err)
{
	char f[5][64], *e = NULL;
	int n;

	memset(s, 0, sizeof(*s));
	s->period = 1440;
	s->phase = 14 * 60;
	s->noise = 10;
	if (!text || split(text, f, &n) < 0)
		return synth_bad(text ? text : "", _("too many or too long parts"), err);
	if (strcmp(f[0], "diurnal") == 0 && n <= 4) {
		s->shape = TRAFFIC_DIURNAL;
		if ((n > 1 && traffic_parse_duration(f[1], &s->period, &e) < 0) ||
		    (n > 2 && traffic_parse_duration(f[2], &s->phase, &e) < 0 &&
		     strcmp(f[2], "0") != 0)) {
			free(e);
			return synth_bad(
				text, _("PERIOD and PEAK are durations such as 24h or 14h"), err);
		}
		if (n > 2 && strcmp(f[2], "0") == 0)
			s->phase = 0;
		if (n > 3 && (!parse_num(f[3], &s->noise) || s->noise > 100))
			return synth_bad(text, _("NOISE is a percentage from 0 to 100"), err);
		return 0;
	}
	if (strcmp(f[0], "step") == 0 && n == 4) {
		s->shape = TRAFFIC_STEP;
		s->has_from_to = true;
		if (traffic_parse_duration(f[1], &s->at, &e) < 0 || !parse_num(f[2], &s->from) ||
		    !parse_num(f[3], &s->to)) {
			free(e);
			return synth_bad(text, _("expected step:AT:FROM:TO, e.g. step:2h:500:3000"),
					 err);
		}
		return 0;
	}
	if (strcmp(f[0], "spike") == 0 && n == 4) {
		s->shape = TRAFFIC_SPIKE;
		if (traffic_parse_duration(f[1], &s->at, &e) < 0 ||
		    traffic_parse_duration(f[2], &s->length, &e) < 0 ||
		    !parse_num(f[3], &s->peak)) {
			free(e);
			return synth_bad(text,
					 _("expected spike:AT:LENGTH:PEAK, e.g. spike:3d:30m:9000"),
					 err);
		}
		return 0;
	}
	if (strcmp(f[0], "ramp") == 0 && n == 3) {
		s->shape = TRAFFIC_RAMP;
		s->has_from_to = true;
		if (!parse_num(f[1], &s->from) || !parse_num(f[2], &s->to))
			return synth_bad(text, _("expected ramp:FROM:TO, e.g. ramp:100:5000"), err);
		return 0;
	}
	return synth_bad(text,
			 _("expected diurnal[:PERIOD[:PEAK[:NOISE]]], step:AT:FROM:TO, "
			   "spike:AT:LENGTH:PEAK, ramp:FROM:TO, csv:FILE or "
			   "cloudwatch:ENDPOINT[:VARIANT]"),
			 err);
}

/* splitmix64: small, seedable, the same on every platform. */
static uint64_t next_rand(uint64_t *x)
{
	uint64_t z = (*x += 0x9E3779B97F4A7C15ULL);
	z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9ULL;
	z = (z ^ (z >> 27)) * 0x94D049BB133111EBULL;
	return z ^ (z >> 31);
}

/* Roughly normal, mean 0, sd 1 (sum of four uniforms, scaled). */
static double noise_unit(uint64_t *x)
{
	double sum = 0;

	for (int i = 0; i < 4; i++)
		sum += (double)(next_rand(x) >> 11) / 9007199254740992.0;
	return (sum - 2.0) * 1.7320508;
}

static double shape_at(const struct traffic_synth *s, double lo, double hi, long long start,
		       long long m, long long minutes)
{
	switch (s->shape) {
	case TRAFFIC_DIURNAL: {
		long long tod = ((start / 60 + m) % s->period + s->period) % s->period;
		double x = 2 * M_PI * (double)(tod - s->phase) / (double)s->period;
		return lo + (hi - lo) * (1 + cos(x)) / 2;
	}
	case TRAFFIC_STEP: return m < s->at ? s->from : s->to;
	case TRAFFIC_SPIKE: return m >= s->at && m < s->at + s->length ? s->peak : lo;
	case TRAFFIC_RAMP:
		return s->from +
		       (s->to - s->from) * (double)m / (double)(minutes > 1 ? minutes - 1 : 1);
	}
	return 0;
}

void traffic_synth_make(const struct traffic_synth *s, double lo, double hi, long long start,
			long long minutes, uint64_t seed, struct traffic *t)
{
	static const char *const names[] = { "diurnal", "step", "spike", "ramp" };
	uint64_t x = seed;

	memset(t, 0, sizeof(*t));
	if (minutes < 1)
		minutes = 1;
	if (minutes > TRAFFIC_MAX_MINUTES)
		minutes = TRAFFIC_MAX_MINUTES;
	t->start = start - start % 60;
	t->n = (size_t)minutes;
	t->v = xcalloc(t->n, sizeof(double));
	t->period_s = 60;
	t->points = t->n;
	/* Only the diurnal shape is noisy: step, spike and ramp are for
	 * seeing the model's reactions, which noise would blur. */
	double noise = s->shape == TRAFFIC_DIURNAL ? s->noise / 100.0 : 0;
	for (long long m = 0; m < minutes; m++) {
		double v = shape_at(s, lo, hi, t->start, m, minutes);
		if (noise > 0)
			v *= 1 + noise * noise_unit(&x);
		t->v[m] = v > 0 ? floor(v + 0.5) : 0;
	}
	t->source =
		xasprintf(_("synthetic %s (seed %llu)"), names[s->shape], (unsigned long long)seed);
}

/* ---- binning ---- */

void traffic_count_gaps(struct traffic *t)
{
	bool in_gap = false;

	t->gaps = t->gap_minutes = 0;
	for (size_t i = 0; i < t->n; i++) {
		bool g = isnan(t->v[i]);
		if (g) {
			t->gap_minutes++;
			if (!in_gap)
				t->gaps++;
		}
		in_gap = g;
	}
}

void traffic_from_points(const long long *times, const double *values, size_t n, long long start,
			 long long end, struct traffic *t)
{
	memset(t, 0, sizeof(*t));
	t->start = start - ((start % 60) + 60) % 60;
	long long span = (end - t->start + 59) / 60;
	if (span < 0)
		span = 0;
	if (span > TRAFFIC_MAX_MINUTES)
		span = TRAFFIC_MAX_MINUTES;
	t->n = (size_t)span;
	t->v = xcalloc(t->n ? t->n : 1, sizeof(double));
	t->period_s = 60;
	for (size_t i = 0; i < t->n; i++)
		t->v[i] = NAN;
	for (size_t i = 0; i < n; i++) {
		if (times[i] < t->start || !isfinite(values[i]))
			continue;
		size_t m = (size_t)((times[i] - t->start) / 60);
		if (m >= t->n)
			continue;
		t->v[m] = isnan(t->v[m]) ? values[i] : t->v[m] + values[i];
		t->points++;
	}
	traffic_count_gaps(t);
}

/* ---- CSV ---- */

struct rows {
	long long *t;
	double *v;
	size_t n, cap;
};

static int csv_fail(char **err, const char *path, size_t line, char *msg)
{
	char *p = sanitize_str(path);
	*err = xasprintf(_("%s, line %zu: %s"), p, line, msg);
	free(p);
	free(msg);
	return -1;
}

/* Strips the line end and surrounding blanks of a field in place. */
static char *trim(char *s)
{
	while (*s == ' ' || *s == '\t')
		s++;
	char *e = s + strlen(s);
	while (e > s && strchr(" \t\r\n", e[-1]))
		*--e = '\0';
	return s;
}

/* One data row into r; -1 with *msg. */
static int csv_row(char *line, struct rows *r, char **msg)
{
	char *comma = strchr(line, ',');
	long long ts;
	double v;

	if (!comma) {
		*msg = xstrdup(_("expected timestamp,invocations"));
		return -1;
	}
	*comma = '\0';
	char *a = trim(line), *b = trim(comma + 1);
	if (strchr(b, ','))
		*strchr(b, ',') = '\0'; /* further columns are ignored */
	b = trim(b);
	if (traffic_parse_time(a, &ts) < 0) {
		char *s = sanitize_str(a);
		*msg = xasprintf(_("\"%s\" is not a timestamp (ISO 8601 UTC or epoch seconds)"), s);
		free(s);
		return -1;
	}
	char *end;
	errno = 0;
	v = strtod(b, &end);
	if (!*b || *end || errno || !isfinite(v) || v < 0 || v > TRAFFIC_MAX_VALUE) {
		char *s = sanitize_str(b);
		*msg = xasprintf(_("\"%s\" is not a number of invocations from 0 to %.0e"), s,
				 TRAFFIC_MAX_VALUE);
		free(s);
		return -1;
	}
	if (r->n && ts <= r->t[r->n - 1]) {
		*msg = xstrdup(
			ts == r->t[r->n - 1]
				? _("the same timestamp as the row before (rows must be in time order, "
				    "one per timestamp)")
				: _("earlier than the row before (rows must be in time order)"));
		return -1;
	}
	if (r->n && ts - r->t[0] >= (long long)TRAFFIC_MAX_MINUTES * 60) {
		*msg = xasprintf(_("the series spans more than %d days, the most a replay takes"),
				 TRAFFIC_MAX_MINUTES / 1440);
		return -1;
	}
	if (r->n >= TRAFFIC_MAX_ROWS) {
		*msg = xasprintf(_("more than %d rows, the most a replay reads"), TRAFFIC_MAX_ROWS);
		return -1;
	}
	if (r->n == r->cap) {
		r->cap = r->cap ? r->cap * 2 : 4096;
		r->t = xrealloc(r->t, r->cap * sizeof(*r->t));
		r->v = xrealloc(r->v, r->cap * sizeof(*r->v));
	}
	r->t[r->n] = ts;
	r->v[r->n++] = v;
	return 0;
}

static long long gcd_ll(long long a, long long b)
{
	while (b) {
		long long t = a % b;
		a = b;
		b = t;
	}
	return a;
}

/* The rows into minutes.  -1 with *msg for a period that does not fit. */
static int csv_bin(const struct rows *r, struct traffic *t, char **msg)
{
	long long p = 0;

	for (size_t i = 1; i < r->n; i++)
		p = gcd_ll(r->t[i] - r->t[i - 1], p);
	if (p == 0)
		p = 60;
	if (60 % p != 0 && p % 60 != 0) {
		*msg = xasprintf(_("the timestamps are %lld s apart: the period must divide "
				   "60 s or be a multiple of it"),
				 p);
		return -1;
	}
	long long cover = p > 60 ? p : 60;
	t->start = r->t[0] - r->t[0] % 60;
	long long end = r->t[r->n - 1] - r->t[r->n - 1] % 60 + cover;
	t->n = (size_t)((end - t->start) / 60);
	if (t->n > TRAFFIC_MAX_MINUTES)
		t->n = TRAFFIC_MAX_MINUTES;
	t->v = xmalloc(t->n * sizeof(double));
	for (size_t i = 0; i < t->n; i++)
		t->v[i] = NAN;
	t->period_s = (int)p;
	t->points = r->n;
	long long per = cover / 60;
	for (size_t i = 0; i < r->n; i++) {
		size_t m = (size_t)((r->t[i] - t->start) / 60);
		/* A longer period's sum is spread evenly over its minutes. */
		for (long long k = 0; k < per && m + (size_t)k < t->n; k++) {
			double *d = &t->v[m + (size_t)k];
			double part = r->v[i] / (double)per;
			*d = isnan(*d) ? part : *d + part;
		}
	}
	traffic_count_gaps(t);
	return 0;
}

static bool header_line(const char *line)
{
	return strncasecmp(line, "timestamp", 9) == 0 || strncasecmp(line, "time", 4) == 0;
}

int traffic_csv_load(const char *path, struct traffic *t, char **err)
{
	bool std = strcmp(path, "-") == 0;
	FILE *f = std ? stdin : fopen(path, "r");
	struct rows r = { 0 };
	char line[TRAFFIC_MAX_LINE + 2], *msg = NULL;
	size_t lineno = 0;
	int rc = 0;

	memset(t, 0, sizeof(*t));
	if (!f) {
		char *p = sanitize_str(path);
		*err = xasprintf(_("cannot read %s: %s"), p, strerror(errno));
		free(p);
		return -1;
	}
	while (fgets(line, sizeof(line), f)) {
		lineno++;
		size_t l = strlen(line);
		if (l > TRAFFIC_MAX_LINE) {
			rc = csv_fail(err, path, lineno,
				      xasprintf(_("longer than %d bytes"), TRAFFIC_MAX_LINE));
			break;
		}
		char *s = trim(line);
		if (!*s || *s == '#' || (r.n == 0 && lineno <= 1 && header_line(s)))
			continue;
		if (csv_row(s, &r, &msg) < 0) {
			rc = csv_fail(err, path, lineno, msg);
			break;
		}
	}
	if (rc == 0 && ferror(f)) {
		char *p = sanitize_str(path);
		*err = xasprintf(_("cannot read %s: %s"), p, strerror(errno));
		free(p);
		rc = -1;
	}
	if (!std)
		fclose(f);
	if (rc == 0 && r.n == 0) {
		char *p = sanitize_str(path);
		*err = xasprintf(_("%s has no rows of timestamp,invocations"), p);
		free(p);
		rc = -1;
	}
	if (rc == 0 && csv_bin(&r, t, &msg) < 0)
		rc = csv_fail(err, path, lineno, msg);
	if (rc == 0) {
		char *p = sanitize_str(path);
		t->source = xasprintf(_("file %s"), p);
		free(p);
	} else {
		traffic_free(t);
	}
	free(r.t);
	free(r.v);
	return rc;
}

/* ---- the summary ---- */

char *traffic_describe(const struct traffic *t)
{
	char *from = traffic_format_time(t->start);
	char *to = traffic_format_time(t->start + (long long)t->n * 60);
	char *gaps =
		t->gaps == 0
			? xstrdup(_("no gaps"))
			: xasprintf(
				  P_("%zu gap (%zu minutes without data, not replayed as traffic)",
				     "%zu gaps (%zu minutes without data, not replayed as traffic)",
				     t->gaps),
				  t->gaps, t->gap_minutes);
	char *period = t->period_s == 60 ? xstrdup("") : xasprintf(_(", period %d s"), t->period_s);
	char *s = xasprintf(_("Traffic: %s, %s to %s UTC, %zu minutes, %zu points%s, %s"),
			    t->source ? t->source : "-", from, to, t->n, t->points, period, gaps);
	free(from);
	free(to);
	free(gaps);
	free(period);
	return s;
}

void traffic_free(struct traffic *t)
{
	if (!t)
		return;
	free(t->v);
	free(t->source);
	memset(t, 0, sizeof(*t));
}
