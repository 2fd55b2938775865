# src/sagemaker: sources of this area, added to the convenience library
