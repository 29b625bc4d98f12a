"""Small builders shared by the client tests (providers and model tables)."""

from __future__ import annotations

from studio.core.capabilities import Endpoint, InputSpec, ModelCaps, ParamSpec, ParamType
from studio.core.providers import AuthStyle, Provider
from studio.core.request import Mode

#: an obvious test sentinel, never a real key
KEY = "sk-test-SENTINEL-key-0000"

_TYPES = {
    "n": ParamType.INT,
    "partial_images": ParamType.INT,
    "stream": ParamType.BOOL,
}


def provider(base_url: str, auth: AuthStyle = AuthStyle.BEARER, **headers: str) -> Provider:
    return Provider(
        id="test", name="Test provider", base_url=base_url, auth=auth, headers=dict(headers)
    )


def caps(
    model: str = "gpt-image-1",
    *,
    n_per_request: int = 10,
    n_max: int = 10,
    params: tuple[str, ...] = (
        "n",
        "size",
        "quality",
        "stream",
        "partial_images",
        "response_format",
    ),
) -> ModelCaps:
    """A permissive table entry: every listed param accepted in every mode."""
    return ModelCaps(
        id=model,
        family="test",
        display_name=model,
        endpoints=frozenset(Endpoint),
        prompt_max=32000,
        n_max=n_max,
        n_per_request=n_per_request,
        inputs=InputSpec(
            max_images=16,
            formats=("png", "jpeg", "webp"),
            max_bytes=50 * 1024 * 1024,
            mask=True,
        ),
        params={
            name: ParamSpec(name, _TYPES.get(name, ParamType.STRING), modes=frozenset(Mode))
            for name in params
        },
    )
