# SageMaker endpoint variant autoscaling from a scaling configuration
# recommendation (sagescale), for the AWS provider, region us-east-1.

resource "aws_appautoscaling_target" "sagemaker_variant" {
  service_namespace  = "sagemaker"
  resource_id        = "endpoint/demo-endpoint/variant/AllTraffic"
  scalable_dimension = "sagemaker:variant:DesiredInstanceCount"
  min_capacity       = 1
  max_capacity       = 4
}

resource "aws_appautoscaling_policy" "policy_1" {
  name               = "sagescale-demo-endpoint-AllTraffic-1"
  policy_type        = "TargetTrackingScaling"
  service_namespace  = aws_appautoscaling_target.sagemaker_variant.service_namespace
  resource_id        = aws_appautoscaling_target.sagemaker_variant.resource_id
  scalable_dimension = aws_appautoscaling_target.sagemaker_variant.scalable_dimension

  target_tracking_scaling_policy_configuration {
    target_value       = 600.0
    scale_in_cooldown  = 300
    scale_out_cooldown = 60
    predefined_metric_specification {
      predefined_metric_type = "SageMakerVariantInvocationsPerInstance"
    }
  }
}

resource "aws_appautoscaling_policy" "policy_2" {
  name               = "sagescale-demo-endpoint-AllTraffic-2"
  policy_type        = "TargetTrackingScaling"
  service_namespace  = aws_appautoscaling_target.sagemaker_variant.service_namespace
  resource_id        = aws_appautoscaling_target.sagemaker_variant.resource_id
  scalable_dimension = aws_appautoscaling_target.sagemaker_variant.scalable_dimension

  target_tracking_scaling_policy_configuration {
    target_value       = 50.0
    scale_in_cooldown  = 300
    scale_out_cooldown = 60
    customized_metric_specification {
      metric_name = "CPUUtilizationNormalized"
      namespace   = "/aws/sagemaker/Endpoints"
      statistic   = "Average"
      dimensions {
        name  = "EndpointName"
        value = "demo-endpoint"
      }
      dimensions {
        name  = "VariantName"
        value = "AllTraffic"
      }
    }
  }
}
