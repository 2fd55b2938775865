#!/bin/sh
# Applies a SageMaker scaling recommendation with Application Auto Scaling.
set -e
aws application-autoscaling register-scalable-target \
    --service-namespace 'sagemaker' \
    --resource-id 'endpoint/demo-endpoint/variant/AllTraffic' \
    --scalable-dimension 'sagemaker:variant:DesiredInstanceCount' \
    --min-capacity '1' \
    --max-capacity '4' \
    --region 'us-east-1'
aws application-autoscaling put-scaling-policy \
    --policy-name 'sagescale-demo-endpoint-AllTraffic-1' \
    --service-namespace 'sagemaker' \
    --resource-id 'endpoint/demo-endpoint/variant/AllTraffic' \
    --scalable-dimension 'sagemaker:variant:DesiredInstanceCount' \
    --policy-type 'TargetTrackingScaling' \
    --target-tracking-scaling-policy-configuration '{"TargetValue":600.0,"PredefinedMetricSpecification":{"PredefinedMetricType":"SageMakerVariantInvocationsPerInstance"},"ScaleOutCooldown":60,"ScaleInCooldown":300}' \
    --region 'us-east-1'
aws application-autoscaling put-scaling-policy \
    --policy-name 'sagescale-demo-endpoint-AllTraffic-2' \
    --service-namespace 'sagemaker' \
    --resource-id 'endpoint/demo-endpoint/variant/AllTraffic' \
    --scalable-dimension 'sagemaker:variant:DesiredInstanceCount' \
    --policy-type 'TargetTrackingScaling' \
    --target-tracking-scaling-policy-configuration '{"TargetValue":50.0,"CustomizedMetricSpecification":{"MetricName":"CPUUtilizationNormalized","Namespace":"/aws/sagemaker/Endpoints","Dimensions":[{"Name":"EndpointName","Value":"demo-endpoint"},{"Name":"VariantName","Value":"AllTraffic"}],"Statistic":"Average"},"ScaleOutCooldown":60,"ScaleInCooldown":300}' \
    --region 'us-east-1'
