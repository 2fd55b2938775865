/* Common includes for the cmocka unit tests (cmocka needs these first). */
#ifndef SAGESCALE_TESTS_UNIT_H
#define SAGESCALE_TESTS_UNIT_H
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <cmocka.h>
#endif
