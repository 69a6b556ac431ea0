"""The distributed engine: Celery workers on RabbitMQ, politeness and pass state in Redis, one
PostgreSQL; what `newsprism worker`, `--distributed` and `cluster status` run on (docs/cluster.md)."""
