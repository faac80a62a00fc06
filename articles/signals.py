"""Side work hooked to model changes: cache invalidation and the like.

Connected in ``ArticlesConfig.ready()``. State changes never happen here;
they belong to the services.
"""
