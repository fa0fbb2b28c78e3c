"""The local Apache Kafka broker (from Maven Central jars) and Kohtaanto's topic definitions."""
