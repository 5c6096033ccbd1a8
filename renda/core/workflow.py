"""Workflows as data: states, the transitions allowed between them, and who may take each.

An app declares its workflow as one ``Workflow`` table; actions call ``check`` before moving a
state, which raises ``IllegalTransition`` naming both states when the table has no such move.
Steps that some congresses use and others do not are switched by a per-congress rule.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from renda.core.errors import IllegalTransition, NotPermitted, ValidationError
from renda.core.roles import Role


def require_status(obj, *allowed: str) -> None:
    """A guard for steps that are not transitions (casting while a vote is open, reporting on a
    chosen project): a clear error naming the object's state and the states the step needs."""
    if obj.status not in allowed:
        labels = "、".join(type(obj).Status(s).label for s in allowed)
        raise ValidationError({"status": f"“{obj}”现为{obj.get_status_display()}，此操作只能在{labels}时进行"})


@dataclass(frozen=True)
class Transition:
    source: str
    target: str
    action: str
    roles: frozenset[Role]
    label: str
    # A rule key (bool) that must be on in the congress for this transition to exist.
    enabled_by: str | None = None


@dataclass
class Workflow:
    name: str
    states: dict[str, str]
    transitions: list[Transition] = field(default_factory=list)

    def __post_init__(self) -> None:
        for t in self.transitions:
            if t.source not in self.states or t.target not in self.states:
                raise ValueError(f"{self.name}: transition {t.source}→{t.target} names an unknown state")

    def label(self, state: str) -> str:
        return self.states.get(state, state)

    def _enabled(self, transition: Transition, congress) -> bool:
        if transition.enabled_by is None or congress is None:
            return True
        from renda.core import rules

        return bool(rules.get(congress, transition.enabled_by))

    def available(self, source: str, roles: frozenset[Role], congress=None) -> list[Transition]:
        return [
            t for t in self.transitions
            if t.source == source and t.roles & roles and self._enabled(t, congress)
        ]

    def check(self, source: str, target: str, roles: frozenset[Role], congress=None, action: str | None = None) -> Transition:
        """The transition source → target (taken by ``action``, when given), or IllegalTransition."""
        for t in self.transitions:
            if t.source == source and t.target == target and (action is None or t.action == action) \
                    and self._enabled(t, congress):
                if not t.roles & roles:
                    raise NotPermitted(f"您没有权限把状态从“{self.label(source)}”改为“{self.label(target)}”")
                return t
        raise IllegalTransition(
            f"{self.name}：不能从“{self.label(source)}”变为“{self.label(target)}”",
            code="illegal_transition",
        )
