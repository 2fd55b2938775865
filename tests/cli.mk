# tests/cli.mk
