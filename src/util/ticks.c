/* Round axis ticks (ticks.h). */
#include "config.h"
#include "util/ticks.h"

#include <math.h>
#include <stddef.h>

/* The smallest round number >= v (v > 0). */
static double round_up(double v, bool integral)
{
	static const double mult[] = { 1, 1.5, 2, 2.5, 3, 4, 5, 10 };
	double p = pow(10, floor(log10(v)));

	for (size_t i = 0; i < sizeof(mult) / sizeof(mult[0]); i++) {
		double s = mult[i] * p;

		if (integral && s != floor(s))
			continue;
		if (s >= v * (1 - 1e-12))
			return s;
	}
	return 10 * p;
}

double ticks_step(double vmax, int max_intervals, bool integral, double *top)
{
	double best_step = 1, best_top = INFINITY;

	if (!(vmax > 0))
		vmax = 1;
	if (max_intervals < 2)
		max_intervals = 2;
	for (int k = 2; k <= max_intervals; k++) {
		double step = round_up(vmax / k, integral);
		double t = fmax(ceil(vmax / step - 1e-9), 2) * step;

		/* Less of the axis wasted; at a tie, more labels. */
		if (t <= best_top * (1 + 1e-12)) {
			best_top = t;
			best_step = step;
		}
	}
	*top = best_top;
	return best_step;
}
