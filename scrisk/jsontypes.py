"""The type of JSON data: what a JSON text reads to and what scrisk's documents write.

:data:`JsonValue` is any JSON value (recursive); :data:`JsonObject` a JSON object.
Used where data really is raw JSON (keys kept as read, a stored report's unknown
keys, the policy as plain tables); a shape scrisk knows is a typed dataclass instead.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from typing import TYPE_CHECKING, ForwardRef, TypeAlias, Union

JsonScalar: TypeAlias = str | int | float | bool | None
if TYPE_CHECKING:
    JsonValue: TypeAlias = Union[JsonScalar, Mapping[str, "JsonValue"], Sequence["JsonValue"]]  # noqa: UP007
else:  # at run time the recursion resolves here, in whatever module reads the hints
    _SELF = ForwardRef("JsonValue", module=__name__)
    JsonValue = Union[JsonScalar, Mapping[str, _SELF], Sequence[_SELF]]  # noqa: UP007
JsonObject: TypeAlias = Mapping[str, JsonValue]

__all__ = ["JsonObject", "JsonScalar", "JsonValue"]
