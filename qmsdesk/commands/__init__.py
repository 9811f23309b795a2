"""Sub-commands of `qmsdesk`, one module per area, each with `register(subparsers)`."""
