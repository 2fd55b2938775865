#!/bin/sh
# Applies a SageMaker scaling recommendation with Application Auto Scaling.
set -e
# 1 scaling policy(ies) of a kind sagescale cannot translate were left out.
aws application-autoscaling register-scalable-target \
    --service-namespace 'sagemaker' \
    --resource-id 'endpoint/ep'\''$(touch /tmp/pwned)`x`/variant/v"
'"$(printf '\011\342\200\256')" \
    --scalable-dimension 'sagemaker:variant:DesiredInstanceCount' \
    --min-capacity '2' \
    --max-capacity '3' \
    --region 'us-east-1'
aws application-autoscaling put-scaling-policy \
    --policy-name 'p\'\'''"$(printf '\015')"'-1' \
    --service-namespace 'sagemaker' \
    --resource-id 'endpoint/ep'\''$(touch /tmp/pwned)`x`/variant/v"
'"$(printf '\011\342\200\256')" \
    --scalable-dimension 'sagemaker:variant:DesiredInstanceCount' \
    --policy-type 'TargetTrackingScaling' \
    --target-tracking-scaling-policy-configuration '{"TargetValue":0.1,"PredefinedMetricSpecification":{"PredefinedMetricType":"a'\''b\tc\u009b\u202e$(x)"}}' \
    --region 'us-east-1'
aws application-autoscaling put-scaling-policy \
    --policy-name 'p\'\'''"$(printf '\015')"'-2' \
    --service-namespace 'sagemaker' \
    --resource-id 'endpoint/ep'\''$(touch /tmp/pwned)`x`/variant/v"
'"$(printf '\011\342\200\256')" \
    --scalable-dimension 'sagemaker:variant:DesiredInstanceCount' \
    --policy-type 'TargetTrackingScaling' \
    --target-tracking-scaling-policy-configuration '{"TargetValue":100.0,"CustomizedMetricSpecification":{"MetricName":"`rm -rf ~`","Namespace":"ns\r\n","Dimensions":[{"Name":"EndpointName","Value":"ep'\''$(touch /tmp/pwned)`x`"},{"Name":"VariantName","Value":"v\"\n\t\u202e"}],"Statistic":"'\''\\\""}}' \
    --region 'us-east-1'
