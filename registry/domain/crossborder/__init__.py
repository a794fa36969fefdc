"""Cross-border transfers: rule versions (CN 2024, CN 2022, EU), adequacy, duties, requests,
data flows, volumes and the transfer permission."""
