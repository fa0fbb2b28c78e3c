"""The matching service's pure domain core: taxonomy, skill recognition, vectors, ranking."""
