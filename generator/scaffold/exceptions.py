"""The two ways ``briefing new`` refuses besides bad content: bad options, failed write."""

from __future__ import annotations


class UsageProblem(Exception):
    """Bad options: the user must change the command (exit 2)."""

    def __init__(self, message: str, option: str | None = None) -> None:
        super().__init__(message)
        self.option = option


class WriteFailed(Exception):
    """The written file did not read back as expected; the original was restored."""
