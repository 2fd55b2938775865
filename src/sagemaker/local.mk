# src/sagemaker: sources of this area, added to the convenience library
libsagescale_a_SOURCES += \
	src/sagemaker/jobs.c src/sagemaker/jobs.h \
	src/sagemaker/autoscaling.c src/sagemaker/autoscaling.h
libsagescale_a_SOURCES += src/sagemaker/scaling.c src/sagemaker/scaling.h
libsagescale_a_SOURCES += src/sagemaker/paging.c src/sagemaker/paging.h
libsagescale_a_SOURCES += src/sagemaker/recvalid.c src/sagemaker/recvalid.h
libsagescale_a_SOURCES += src/sagemaker/endpoints.c src/sagemaker/endpoints.h
libsagescale_a_SOURCES += src/sagemaker/cloudwatch.c src/sagemaker/cloudwatch.h
libsagescale_a_SOURCES += src/sagemaker/scalestate.c src/sagemaker/scalestate.h
libsagescale_a_SOURCES += src/sagemaker/metricdata.c src/sagemaker/metricdata.h
libsagescale_a_SOURCES += src/sagemaker/undo.c src/sagemaker/undo.h
