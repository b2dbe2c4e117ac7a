"""Roles, duties, units, staff and permissions (the org block).

Permissions follow from responsibilities: a duty that makes a role responsible (R) or
accountable (A) for an action is the right to perform it. ``Organization.may(who, action)``
returns a ``Decision`` with ``allowed`` and ``reason``.
"""

from . import _core

Decision = _core.org.Decision
Duty = _core.org.Duty
Grant = _core.org.Grant
Holder = _core.org.Holder
Organization = _core.org.Organization
Raci = _core.org.Raci
Responsibility = _core.org.Responsibility
Role = _core.org.Role
Staff = _core.org.Staff
Subject = _core.org.Subject
SubjectKind = _core.org.SubjectKind
Unit = _core.org.Unit

for _cls in (Decision, Duty, Grant, Holder, Organization, Raci, Responsibility, Role, Staff,
             Subject, SubjectKind, Unit):
    _cls.__module__ = "charter.org"
del _cls

__all__ = ["Decision", "Duty", "Grant", "Holder", "Organization", "Raci", "Responsibility", "Role",
           "Staff", "Subject", "SubjectKind", "Unit"]
