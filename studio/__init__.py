"""Image Studio: a desktop studio for OpenAI-compatible image APIs."""

from importlib.metadata import PackageNotFoundError, version

try:
    __version__ = version("image-studio")
except PackageNotFoundError:  # running from a bundle without metadata
    __version__ = "0.1.0"

APP_NAME = "Image Studio"
APP_ID = "image-studio"
ORG_NAME = "ImageStudio"
ORG_DOMAIN = "imagestudio.app"
