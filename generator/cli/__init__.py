"""The command-line shell (``briefing``): commands, output formats, standalone configs."""

from generator.cli.commands import main

__all__ = ["main"]
