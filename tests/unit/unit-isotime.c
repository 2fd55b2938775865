/* Unit tests of src/util/isotime.c, the one ISO 8601 parser: the forms
 * each of its callers relies on (STS and the AWS CLI's cache, credential
 * expirations, the SSO cache, CSV traffic, CloudWatch, the simulator's
 * fixtures) and what each flag refuses. */
#include "config.h"
#include "../lib/unit.h"
#include "util/isotime.h"

#include <stddef.h>

struct tcase {
	const char *text;
	int flags;
	int rc;
	long long epoch;
	double frac;
};

/* 1573306481 is 2019-11-09T13:34:41Z. */
static const struct tcase cases[] = {
	{ "2019-11-09T13:34:41Z", 0, 0, 1573306481LL, 0 },
	{ "2019-11-09t13:34:41z", 0, 0, 1573306481LL, 0 },
	{ "2019-11-09 13:34:41", 0, 0, 1573306481LL, 0 },
	{ "2019-11-09T13:34:41UTC", 0, 0, 1573306481LL, 0 },
	{ "2019-11-09T14:34:41.123+01:00", 0, 0, 1573306481LL, 0.123 },
	{ "2019-11-09T14:34:41+0100", 0, 0, 1573306481LL, 0 },
	{ "2019-11-09T08:34:41-05:00", 0, 0, 1573306481LL, 0 },
	{ "2019-11-09T13:34Z", 0, 0, 1573306440LL, 0 },
	{ "2019-11-09T13:34:41.5Z", ISOTIME_STRICT, 0, 1573306481LL, 0.5 },
	{ "2019-11-09", ISOTIME_DATE_ONLY, 0, 1573257600LL, 0 },
	{ "1970-01-01T00:00:00Z", ISOTIME_STRICT | ISOTIME_UTC, 0, 0, 0 },
	{ "2019-11-09T13:34:41+00:00", ISOTIME_UTC, 0, 1573306481LL, 0 },
	/* refused */
	{ "2019-11-09", 0, -1, 0, 0 },
	{ "2019-11-09T13:34:41 PST", 0, -1, 0, 0 },
	{ "2019-11-09T13:34:41Zjunk", 0, -1, 0, 0 },
	{ "2019-11-09T13:34:41.Z", 0, -1, 0, 0 },
	{ "2019-13-09T13:34:41Z", 0, -1, 0, 0 },
	{ "2019-11-32T13:34:41Z", 0, -1, 0, 0 },
	{ "2019-11-09T24:00:00Z", 0, -1, 0, 0 },
	{ "2019-11-09T13:60:00Z", 0, -1, 0, 0 },
	{ "2019-11-09T13:34:41+24:00", 0, -1, 0, 0 },
	{ "2019-1-09T13:34:41Z", 0, -1, 0, 0 },
	{ "2019-11-09T 1:34:41Z", 0, -1, 0, 0 },
	{ "+019-11-09T13:34:41Z", 0, -1, 0, 0 },
	{ "", ISOTIME_DATE_ONLY, -1, 0, 0 },
	{ "2019-11-09 13:34:41Z", ISOTIME_STRICT, -1, 0, 0 },
	{ "2019-11-09T13:34Z", ISOTIME_STRICT, -1, 0, 0 },
	{ "2019-11-09T13:34:41", ISOTIME_STRICT, -1, 0, 0 },
	{ "2019-11-09T13:34:41UTC", ISOTIME_STRICT, -1, 0, 0 },
	{ "2019-11-09T14:34:41+0100", ISOTIME_STRICT, -1, 0, 0 },
	{ "2019-11-09T14:34:41+01:00", ISOTIME_UTC, -1, 0, 0 },
};

static void test_cases(void **state)
{
	(void)state;
	for (size_t i = 0; i < sizeof(cases) / sizeof(cases[0]); i++) {
		const struct tcase *c = &cases[i];
		long long t = -42;
		double f = -1;
		int rc = isotime_parse(c->text, c->flags, &t, &f);

		if (rc != c->rc)
			fail_msg("\"%s\" (flags %d): rc %d, want %d", c->text, c->flags, rc, c->rc);
		if (rc == 0 && (t != c->epoch || f < c->frac - 1e-9 || f > c->frac + 1e-9))
			fail_msg("\"%s\": %lld + %g, want %lld + %g", c->text, t, f, c->epoch,
				 c->frac);
		if (rc != 0 && t != -42)
			fail_msg("\"%s\": refused but wrote %lld", c->text, t);
	}
	assert_int_equal(isotime_parse(NULL, 0, &(long long){ 0 }, NULL), -1);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_cases),
	};

	return cmocka_run_group_tests_name("isotime", tests, NULL, NULL);
}
