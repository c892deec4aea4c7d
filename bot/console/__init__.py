"""The terminal adapter: reads answers from a stream, renders the service's views as text."""
