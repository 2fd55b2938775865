# SageMaker endpoint variant autoscaling from a scaling configuration
# recommendation (sagescale), for the AWS provider, region us-east-1.
# 1 scaling policy(ies) of a kind sagescale cannot translate were left out.

resource "aws_appautoscaling_target" "sagemaker_variant" {
  service_namespace  = "sagemaker"
  resource_id        = "endpoint/ep'$(touch /tmp/pwned)`x`/variant/v\"\n\t\u202e"
  scalable_dimension = "sagemaker:variant:DesiredInstanceCount"
  min_capacity       = 2
  max_capacity       = 3
}

resource "aws_appautoscaling_policy" "policy_1" {
  name               = "p\\'\r-1"
  policy_type        = "TargetTrackingScaling"
  service_namespace  = aws_appautoscaling_target.sagemaker_variant.service_namespace
  resource_id        = aws_appautoscaling_target.sagemaker_variant.resource_id
  scalable_dimension = aws_appautoscaling_target.sagemaker_variant.scalable_dimension

  target_tracking_scaling_policy_configuration {
    target_value = 0.1
    predefined_metric_specification {
      predefined_metric_type = "a'b\tc\u009b\u202e$(x)"
    }
  }
}

resource "aws_appautoscaling_policy" "policy_2" {
  name               = "p\\'\r-2"
  policy_type        = "TargetTrackingScaling"
  service_namespace  = aws_appautoscaling_target.sagemaker_variant.service_namespace
  resource_id        = aws_appautoscaling_target.sagemaker_variant.resource_id
  scalable_dimension = aws_appautoscaling_target.sagemaker_variant.scalable_dimension

  target_tracking_scaling_policy_configuration {
    target_value = 100.0
    customized_metric_specification {
      metric_name = "`rm -rf ~`"
      namespace   = "ns\r\n"
      statistic   = "'\\\""
      dimensions {
        name  = "EndpointName"
        value = "ep'$(touch /tmp/pwned)`x`"
      }
      dimensions {
        name  = "VariantName"
        value = "v\"\n\t\u202e"
      }
    }
  }
}
