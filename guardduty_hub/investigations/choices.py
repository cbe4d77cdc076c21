"""The kinds of indicator the hub pulls out of findings, with their words, in one place."""

from django.db import models


class IndicatorKind(models.TextChoices):
    # The value is also the URL's kind segment (/investigate/ip/203.0.113.7/).
    IP = "ip", "IP address"
    ACCESS_KEY = "access_key", "Access key"
    PRINCIPAL = "principal", "IAM principal"
    INSTANCE = "instance", "EC2 instance"
    BUCKET = "bucket", "S3 bucket"
    EKS_CLUSTER = "eks_cluster", "EKS cluster"
    DOMAIN = "domain", "Domain"
