# tests/util.mk
