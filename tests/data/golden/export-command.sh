aws sagemaker get-scaling-configuration-recommendation \
    --inference-recommendations-job-name 'demo-job-1' \
    --recommendation-id 'rec-1' \
    --target-cpu-utilization-per-core '50' \
    --scaling-policy-objective '{"MinInvocationsPerMinute":100,"MaxInvocationsPerMinute":2000}' \
    --region 'us-east-1'
