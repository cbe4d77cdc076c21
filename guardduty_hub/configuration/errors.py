"""What the configuration services refuse before calling AWS."""


class ConfigurationError(Exception):
    """A change the hub refuses before calling AWS; `problems` lists what to fix, in words."""

    def __init__(self, message: str, problems: list[str] | None = None) -> None:
        super().__init__(message)
        self.message = message
        self.problems = problems or []
