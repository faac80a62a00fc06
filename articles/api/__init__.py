"""The read API: published stories as ninjs 2.1 JSON for apps and partners (django-ninja).

``urls`` builds the API and mounts it; ``views`` parses each request and
answers it; ``selectors`` are its reads, ``ninjs`` turns a story into ninjs,
``schemas`` are the JSON shapes (and so the OpenAPI schema); ``auth``,
``throttling`` and ``cursors`` are the tokens, the rate limits and the pages.
"""
