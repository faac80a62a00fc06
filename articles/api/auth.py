"""Partners authenticate with a bearer token the desk made for them."""

from ninja.errors import AuthenticationError
from ninja.security import HttpBearer

from articles.api.selectors import api_token_find
from articles.models import ApiToken
from articles.services.api_tokens import api_token_touch

# Tokens the desk makes are 46 characters; a longer one is not worth hashing.
MAX_TOKEN_LENGTH = 100
MISSING = (
    "This API needs a token. Send it in the Authorization header: "
    '"Authorization: Bearer <token>". An editor makes one in the desk (API tokens).'
)
UNKNOWN = "This token is not one this site issued. Check it was copied whole."
REVOKED = "This token was revoked. Ask the newsroom for a new one."


class TokenRefused(AuthenticationError):
    """401 with a reason; ``presented`` says whether a token came at all (for WWW-Authenticate)."""

    def __init__(self, message: str, *, presented: bool):
        self.presented = presented
        super().__init__(status_code=401, message=message)


class ApiTokenAuth(HttpBearer):
    """``Authorization: Bearer <token>``; the answer is the token's row, as ``request.auth``."""

    def __call__(self, request) -> ApiToken:
        scheme, _, key = request.headers.get("Authorization", "").partition(" ")
        key = key.strip()
        if scheme.lower() != "bearer" or not key:
            raise TokenRefused(MISSING, presented=False)
        return self.authenticate(request, key)

    def authenticate(self, request, token: str) -> ApiToken:
        found = api_token_find(key=token) if len(token) <= MAX_TOKEN_LENGTH else None
        if found is None:
            raise TokenRefused(UNKNOWN, presented=True)
        if not found.is_active:
            raise TokenRefused(REVOKED, presented=True)
        api_token_touch(token=found)
        return found
