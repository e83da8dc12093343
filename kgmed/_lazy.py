"""Lazy attributes for package ``__init__`` modules (PEP 562), so that importing a package
does not import what its public names need (torch, pandas …) until a name is used."""

from __future__ import annotations

import importlib
from typing import Callable, Iterable, Mapping

__all__ = ["lazy_getattr"]


def lazy_getattr(package: str, names: Mapping[str, tuple[str, str]], namespace: dict,
                 submodules: Iterable[str] = ()) -> Callable[[str], object]:
    """A module ``__getattr__`` resolving ``names`` (``{name: (module, attribute)}``) and
    ``submodules`` of ``package`` on first use, caching each in ``namespace``."""
    subs = frozenset(submodules)

    def __getattr__(name: str):
        if name in names:
            module, attr = names[name]
            value = getattr(importlib.import_module(module), attr)
            namespace[name] = value
            return value
        if name in subs:
            return importlib.import_module(f"{package}.{name}")
        raise AttributeError(f"module {package!r} has no attribute {name!r}")

    return __getattr__
