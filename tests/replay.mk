# tests/replay.mk: the replay model, traffic series and replay sets (unit),
# the replay command and CloudWatch GetMetricData (shell, against the
# simulator and moto).
UNIT_TESTS += tests/unit-replay tests/unit-traffic tests/unit-metricdata tests/unit-replay-chart

TESTS += tests/replay.sh
EXTRA_DIST += tests/replay.sh

TESTS += tests/replay-cloudwatch.sh
EXTRA_DIST += tests/replay-cloudwatch.sh

TESTS += tests/replay-tui.sh
EXTRA_DIST += tests/replay-tui.sh
