"""Governance registers: successions (company transfers), incidents, PIPIAs, classification."""
