"""Everything that meets the outside world: the shared service, settings, CLI and platform adapters."""
