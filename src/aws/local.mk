# src/aws: sources of this area, added to the convenience library
