"""scrisk.slotmake: objects of a frozen dataclass made by plain slot stores are the
objects the class makes, still frozen; a class it cannot make is said so (None)."""

from __future__ import annotations

import dataclasses
from dataclasses import dataclass, field

import pytest

from scrisk.slotmake import slot_maker, twin


@dataclass(frozen=True, slots=True)
class Point:
    x: int
    y: int = 0
    tags: list[str] = field(default_factory=list)


@dataclass(frozen=True, slots=True)
class Base:
    a: int


@dataclass(frozen=True, slots=True)
class Derived(Base):
    b: str


@dataclass(frozen=True)
class Plain:  # no slots: nothing to store into
    x: int


def test_made_objects_are_the_class_objects_and_stay_frozen():
    make = slot_maker(
        Point,
        ["x", "y=_d_y", "tags=None"],
        before=["if tags is None: tags = []"],
        scope={"_d_y": 0},
    )
    assert make is not None
    made = make(3, tags=["a"])
    assert type(made) is Point and made == Point(3, 0, ["a"])
    assert make(5) == Point(5) and make(5).tags is not make(5).tags  # a fresh default each
    with pytest.raises(dataclasses.FrozenInstanceError):
        made.x = 4  # type: ignore[misc]


def test_a_subclass_stores_the_fields_it_is_given_including_its_bases():
    make = slot_maker(Derived, ["a", "b"], names=["a", "b"])
    assert make is not None and make(1, "one") == Derived(1, "one")
    # its own slots only, when not told: the base's field is then never set
    partial = slot_maker(Derived, ["a", "b"])
    assert partial is not None
    with pytest.raises(AttributeError):
        _ = partial(1, "one").a


def test_a_class_without_slots_has_no_twin():
    assert twin(Plain) is None and slot_maker(Plain, ["x"]) is None
    assert twin(Point) is not None and twin(Point) is not Point
