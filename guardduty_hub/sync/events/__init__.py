"""Near-real-time findings: GuardDuty's EventBridge events, read from SQS by a long-running
consumer (`manage.py consume_findings`) and written with the sync's own upsert."""
