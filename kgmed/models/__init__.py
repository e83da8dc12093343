"""Learned components: the transformer text encoder (and, later, graph encoders)."""

from kgmed.models.encoder import TextEncoder, default_model_path

__all__ = ["TextEncoder", "default_model_path"]
