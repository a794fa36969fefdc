"""The event-sourced consent registry."""
