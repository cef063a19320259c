class ImportRefused(Exception):
    """A source that cannot be imported; the message (Chinese) says why and what to do."""

    def __init__(self, message: str):
        super().__init__(message)
        self.message = message
