"""Rio Desktop: an offline AI desk tool for public administration."""

__version__ = "0.1.0"
APP_ID = "rio-desktop"
APP_NAME = "Rio Desktop"
ORGANIZATION = "Rio Desktop"
