"""Customers and their consents: subjects, purposes, lawful bases, decisions, controllers."""
