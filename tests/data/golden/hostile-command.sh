aws sagemaker get-scaling-configuration-recommendation \
    --inference-recommendations-job-name 'job'\''$(id)`id`' \
    --endpoint-name 'e
'"$(printf '\033')"']52;c;eA=='"$(printf '\007')" \
    --scaling-policy-objective '{"MaxInvocationsPerMinute":5}' \
    --region 'us-east-1'
