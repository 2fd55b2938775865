# tests/whatif.mk
