"""The retrieval-augmented compliance assistant."""
