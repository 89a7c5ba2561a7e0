"""Small named registries, in the spirit of spaCy's ``catalogue`` registries.

Built-in components register themselves here exactly as a plugin would, under a
versioned name (``rules.v1``). Plugins can also publish entry points in the group
``onrecord.<registry>`` (e.g. ``onrecord.stance_models``).
"""

from __future__ import annotations

from collections.abc import Callable
from importlib.metadata import entry_points
from typing import Generic, TypeVar

from .errors import OnrecordError

T = TypeVar("T")


class Registry(Generic[T]):
    def __init__(self, name: str) -> None:
        self.name = name
        self._items: dict[str, T] = {}

    def register(self, key: str) -> Callable[[T], T]:
        def deco(obj: T) -> T:
            self._items[key] = obj
            return obj

        return deco

    def add(self, key: str, obj: T) -> None:
        self._items[key] = obj

    def get(self, key: str) -> T:
        if key not in self._items:
            for ep in entry_points(group=f"onrecord.{self.name}"):
                if ep.name == key:
                    self._items[key] = ep.load()
        if key not in self._items:
            raise OnrecordError(
                "E402", f"no {self.name} named {key!r}; known: {', '.join(sorted(self._items)) or 'none'}"
            )
        return self._items[key]

    def names(self) -> list[str]:
        return sorted(self._items)


ingesters: Registry[object] = Registry("ingesters")
extractors: Registry[object] = Registry("extractors")
stance_models: Registry[object] = Registry("stance_models")
exporters: Registry[object] = Registry("exporters")
stores: Registry[object] = Registry("stores")
# who is who inside one article (the people layer's first half): a factory called as
# ``factory(doc, register, known_roles, quoted)`` that returns an :class:`onrecord.resolve.ArticlePeople`
article_resolvers: Registry[object] = Registry("article_resolvers")


# Built-in stance models that need optional extras register lazily: their module (and torch, or the HTTP
# client settings) loads only when one is selected by the ``stance_model`` setting.
def _minilm_stance() -> object:
    from .stance.trained import TrainedStance

    return TrainedStance()


def _minilm_stance_v2() -> object:
    from .stance.trained import v2

    return v2()


def _reader_stance() -> object:
    from .stance.reader import PositionReader

    return PositionReader()


def _llm_reader() -> object:
    from .stance.llm_reader import LLMReader

    return LLMReader()


def _llm_stance() -> object:
    from .stance.llm import LLMStance

    return LLMStance()


stance_models.add("minilm-stance.v1", _minilm_stance)
stance_models.add("minilm-stance.v2", _minilm_stance_v2)
stance_models.add("llm.v1", _llm_stance)
stance_models.add("llm-reader.v1", _llm_reader)
stance_models.add("rules.v2", _reader_stance)
