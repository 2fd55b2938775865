/* ISO 8601 timestamps as AWS and the people who feed sagescale write them:
 * one parser for the STS and credential expirations, the SSO cache, CSV
 * traffic, CloudWatch answers and the simulator's fixtures, so that they
 * agree on what a timestamp is. */
#ifndef SAGESCALE_ISOTIME_H
#define SAGESCALE_ISOTIME_H

enum isotime_flags {
	/* "2026-12-02" alone is midnight UTC (otherwise the time is needed). */
	ISOTIME_DATE_ONLY = 1,
	/* RFC 3339 only: "T", seconds and a zone (Z or +hh:mm) required. */
	ISOTIME_STRICT = 2,
	/* UTC only: a zone other than Z, UTC or +00:00 is refused. */
	ISOTIME_UTC = 4,
};

/* Parses YYYY-MM-DD, then "T", "t" or a space and hh:mm[:ss[.fraction]],
 * then "Z", "z", "UTC", +hh:mm, +hhmm, -hh:mm, -hhmm or nothing (UTC).
 * Returns 0 with *epoch (seconds since 1970, the fraction dropped) and,
 * when frac is not NULL, *frac (0 <= *frac < 1); or -1 when s is NULL,
 * malformed, out of range or has anything after the zone. */
int isotime_parse(const char *s, int flags, long long *epoch, double *frac);

#endif
