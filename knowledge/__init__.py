"""The assistant's corpus: in-house policies and digests, official texts, chunking and indexing."""
