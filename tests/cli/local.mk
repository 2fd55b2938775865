# tests/cli/: the batch commands, end to end, against loopback peers (the
# simulator, moto, botocore and the AWS CLI for differential checks), and
# the tree's own checks (translations, man page).
cli_tests = tests/cli/recommend.sh tests/cli/recommend-sim.sh tests/cli/configure-list.sh \
	tests/cli/endpoints-botocore.sh tests/cli/retry-modes.sh \
	tests/cli/cred-http.sh tests/cli/cred-botocore.sh tests/cli/cred-sso.sh tests/cli/credproc-timeout.sh \
	tests/cli/sts-moto.sh tests/cli/sts-assume.sh tests/cli/whoami-refresh.sh \
	tests/cli/action-quote.sh tests/cli/action-jobs.sh tests/cli/action-apply.sh \
	tests/cli/action-export.sh tests/cli/apply-validate.sh \
	tests/cli/target-status.sh tests/cli/target-apply.sh tests/cli/target-terraform.sh \
	tests/cli/target-moto.sh \
	tests/cli/whatif-sweep.sh tests/cli/replay.sh tests/cli/replay-cloudwatch.sh \
	tests/cli/jmespath-compliance.sh tests/cli/query-sort.sh tests/cli/query-awscli.sh \
	tests/cli/query-diff.sh \
	tests/cli/output-yaml.sh tests/cli/paginate.sh tests/cli/skeleton.sh \
	tests/cli/completion.sh \
	tests/cli/fault.sh tests/cli/security.sh tests/cli/valgrind-recommend.sh \
	tests/cli/listing-cap.sh tests/cli/soak.sh tests/cli/locale.sh \
	tests/cli/i18n-potfiles.sh tests/cli/i18n-catalog.sh tests/cli/i18n-de.sh \
	tests/cli/i18n-manpage.sh
TESTS += $(cli_tests)
EXTRA_DIST += $(cli_tests)

# Slow (builds, checks, installs and removes the Debian package): not in
# TESTS; .ci/run runs it as `make check TESTS=tests/cli/package.sh`.
EXTRA_DIST += tests/cli/package.sh
