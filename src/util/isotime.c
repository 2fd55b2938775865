/* One ISO 8601 parser (see isotime.h).  Fixed-width digits are read by
 * hand rather than with sscanf, whose %2d would take " 1" or "+1". */
#include "config.h"
#include "util/isotime.h"

#include <stdbool.h>
#include <stddef.h>
#include <string.h>
#include <time.h>

/* n decimal digits at *p into *out, advancing *p; false if any is not one. */
static bool digits(const char **p, int n, int *out)
{
	int v = 0;

	for (int i = 0; i < n; i++) {
		char c = (*p)[i];

		if (c < '0' || c > '9')
			return false;
		v = v * 10 + (c - '0');
	}
	*p += n;
	*out = v;
	return true;
}

static bool eat(const char **p, char c)
{
	if (**p != c)
		return false;
	(*p)++;
	return true;
}

/* [.digits] as a fraction of a second; a dot needs at least one digit. */
static bool fraction(const char **p, double *frac)
{
	double scale = 0.1;

	*frac = 0;
	if (!eat(p, '.'))
		return true;
	if (**p < '0' || **p > '9')
		return false;
	for (; **p >= '0' && **p <= '9'; (*p)++, scale /= 10)
		*frac += (**p - '0') * scale;
	return true;
}

/* The zone: its offset east of UTC in seconds. */
static bool zone(const char **p, int flags, bool *seen, long long *offset)
{
	int oh = 0, om = 0;

	*offset = 0;
	*seen = true;
	if (eat(p, 'Z') || eat(p, 'z'))
		return true;
	if (!(flags & ISOTIME_STRICT) && strcmp(*p, "UTC") == 0) {
		*p += 3;
		return true;
	}
	if (**p != '+' && **p != '-') {
		*seen = false;
		return true;
	}
	int sign = *(*p)++ == '+' ? 1 : -1;

	if (!digits(p, 2, &oh))
		return false;
	if (!eat(p, ':') && (flags & ISOTIME_STRICT))
		return false;
	if (!digits(p, 2, &om) || oh > 23 || om > 59)
		return false;
	if ((flags & ISOTIME_UTC) && (oh || om))
		return false;
	*offset = sign * (oh * 3600LL + om * 60LL);
	return true;
}

int isotime_parse(const char *s, int flags, long long *epoch, double *frac)
{
	struct tm tm = { 0 };
	int y, mo, d, h = 0, mi = 0, sec = 0;
	long long offset = 0;
	double f = 0;
	bool has_zone = false, has_sec = false;
	const char *p = s;

	if (!s || !digits(&p, 4, &y) || !eat(&p, '-') || !digits(&p, 2, &mo) || !eat(&p, '-') ||
	    !digits(&p, 2, &d))
		return -1;
	if (*p == 'T' || *p == 't' || (*p == ' ' && !(flags & ISOTIME_STRICT))) {
		p++;
		if (!digits(&p, 2, &h) || !eat(&p, ':') || !digits(&p, 2, &mi))
			return -1;
		has_sec = eat(&p, ':');
		if (has_sec && (!digits(&p, 2, &sec) || !fraction(&p, &f)))
			return -1;
		if (!zone(&p, flags, &has_zone, &offset))
			return -1;
	} else if (!(flags & ISOTIME_DATE_ONLY) || *p) {
		return -1;
	}
	if (*p || ((flags & ISOTIME_STRICT) && (!has_sec || !has_zone)))
		return -1;
	if (mo < 1 || mo > 12 || d < 1 || d > 31 || h > 23 || mi > 59 || sec > 60)
		return -1;
	tm.tm_year = y - 1900;
	tm.tm_mon = mo - 1;
	tm.tm_mday = d;
	tm.tm_hour = h;
	tm.tm_min = mi;
	tm.tm_sec = sec;
	*epoch = (long long)timegm(&tm) - offset;
	if (frac)
		*frac = f;
	return 0;
}
