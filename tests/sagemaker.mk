# tests/sagemaker.mk
