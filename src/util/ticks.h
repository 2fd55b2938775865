/* Round axis ticks for the charts: a step such as 1, 2, 5, 150 or 2500
 * that divides an axis from 0 to a little above the largest value into a
 * few equal intervals, so that every label is a round number. */
#ifndef SAGESCALE_TICKS_H
#define SAGESCALE_TICKS_H
#include <stdbool.h>

/* The step and the axis top (*top, a multiple of the step, >= vmax) that
 * waste the least of the axis, with 2 to max_intervals intervals (2 when
 * max_intervals is smaller; at a tie, the most intervals).  Steps are 1, 1.5, 2, 2.5, 3, 4 or 5
 * times a power of ten; whole numbers only when integral.  vmax <= 0 is
 * taken as 1. */
double ticks_step(double vmax, int max_intervals, bool integral, double *top);

#endif
