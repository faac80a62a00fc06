"""The moderators' side of the admin: the comment queue, blocked senders, the decision log, settings.

Every decision, in bulk or one by one, goes through one service function in
``articles.services.moderation``; nothing here deletes a comment. Only users
with ``articles.can_moderate`` get the actions.
"""

from articles.admin.moderation import comments, others  # noqa: F401
