"""Sync between one writer's own devices: clock, change log, merge, remotes. No UI imports."""
