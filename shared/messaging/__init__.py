"""Events in a versioned envelope, the transactional outbox, and the consumer loop with dead letters."""
