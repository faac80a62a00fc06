"""Every write Newsroom makes, one function per action (``entity_verb``).

Split by subject: ``imports`` (raw copy in), ``desk`` (findings, revisions,
publishing), ``moderation`` (comments), ``api_tokens`` (partners' keys to the
read API).
"""
