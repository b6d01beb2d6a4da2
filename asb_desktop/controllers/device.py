"""This laptop's identity on the team share, and the fix for a copied profile.

When IT copies a laptop's profile folder to a second machine, both profiles
hold one device id and one case-reference code. Sync finds out the first time
both copies have reached the share (``sync.push``) and stops on the copy that
finds out. ``DeviceController.reenrol`` then makes that copy a device of its
own, keeping everything it holds.
"""

from __future__ import annotations

import json
import platform
import uuid
from dataclasses import dataclass, replace
from datetime import UTC

import sqlalchemy as sa
from sqlalchemy.orm import Session
from sqlalchemy.orm.attributes import flag_modified

from asb_desktop.controllers.errors import UserError
from asb_desktop.domain.hlc import HybridClock, Stamp
from asb_desktop.domain.references import case_reference, new_device_code
from asb_desktop.store import meta
from asb_desktop.store.models import AuditEntry, Case, Change, Device, Meta, SyncPeer
from asb_desktop.store.unit import Unit
from asb_desktop.sync import keys
from asb_desktop.sync import share as shares
from asb_desktop.sync.device_keys import PROFILE_DEVICE_KEY
from asb_desktop.sync.push import (
    FIRST_KEY,
    FORK_KEY,
    FORMER_KEY,
    HASH_KEY,
    SEQ_KEY,
    Fork,
    recorded_fork,
)
from asb_desktop.sync.service import connect, enrolment
from asb_desktop.sync.transport import FolderTransport, ShareFS
from asb_desktop.sync.trust import establish

#: Draws of a new case-reference code before giving up (32**4 codes; a team has a few dozen).
_CODE_TRIES = 200


@dataclass(frozen=True)
class Reenrolled:
    """What re-enrolment changed, for the officer and for the audit row."""

    old_device_id: str
    new_device_id: str
    old_code: str
    new_code: str
    #: Changes saved here that had not reached the team and now go from the new device.
    to_send: int
    #: (old reference, new reference) of cases renumbered with the new code.
    renumbered: list[tuple[str, str]]

    def summary(self) -> str:
        text = (f"This laptop is now a device of its own on the team share, with case-reference "
                f"code {self.new_code} (the other copy keeps {self.old_code}). Nothing was lost: "
                f"{self.to_send} change(s) saved here go to the share at the next sync, and this "
                "laptop then receives what the other copy has sent. The others apply what it "
                "sends once a supervisor enrols it as a new laptop (Sync ▸ Team devices…).")
        if self.renumbered:
            pairs = ", ".join(f"{old} is now {new}" for old, new in self.renumbered)
            text += (f" Case references changed so they cannot clash with the other copy's: "
                     f"{pairs}.")
        else:
            text += " No case reference needed to change."
        return text


class DeviceController:
    def __init__(self, unit: Unit, fs: ShareFS | None = None) -> None:
        self._unit = unit
        self._fs = fs

    def copied(self) -> str | None:
        """What to tell the officer while this profile is a copy that has not been
        re-enrolled yet; None when sync has found nothing of the kind."""
        with self._unit.read() as s:
            fork = recorded_fork(s)
        return None if fork is None else fork.message

    def _codes_in_use(self, transport: FolderTransport) -> set[str]:
        used: set[str] = set()
        for device in transport.devices():
            raw = transport.read_enrolment(device)
            try:
                code = json.loads(raw).get("device_code") if raw else None
            except (ValueError, AttributeError):
                continue
            if isinstance(code, str):
                used.add(code)
        with self._unit.read() as s:
            used.update(s.scalars(sa.select(Device.code)))
        return used

    def reenrol(self) -> Reenrolled:
        """Make this copy of the profile a new device on the team share.

        The share is written first (the new device's enrolment, which also
        checks its code is free): if that fails nothing here has changed. Then
        one audited write gives the profile its new identity: a new device row
        and code, this device's bundle position restarted for its new folder,
        the other copy's folder followed from the last bundle both copies share
        (so this laptop receives what the other wrote after they parted), every
        change that never reached the team moved to the new identity to be sent
        from the new folder, and cases opened here that the team has not seen
        renumbered with the new code (their unsent change rows are rewritten,
        so no device ever sees the clashing reference).

        The running app takes the new identity at once: every controller, the
        window and sync share this one ``Unit``, so replacing its actor and
        clock is enough, and the officer can carry on and sync without a
        restart. A restart would be worse: until then every edit would be
        captured under the old identity. A write that began on another thread
        just before the switch, and so was captured under the old identity,
        is taken over by the next push (``sync.push.take_over_former``).
        """
        unit = self._unit
        old = unit.actor.device_id
        with unit.read() as s:
            fork = recorded_fork(s)
            old_code = meta.get(s, "device_code") or ""
        if fork is None:
            raise UserError("Sync has not found another copy of this profile, so this laptop "
                            "does not need to become a new device. Nothing was changed.")
        root, share_id = enrolment(unit)
        transport = connect(root, share_id, self._fs)
        key = keys.team_key(unit, share_id)
        used = self._codes_in_use(transport)
        code = next((c for c in (new_device_code() for _ in range(_CODE_TRIES)) if c not in used),
                    None)
        if code is None:
            raise UserError("No free case-reference code could be found for this laptop. "
                            "Nothing was changed; ask your administrator.")
        new = str(uuid.uuid4())
        shares.enrol(transport, share_id, key, new, code)
        done, last = self._take_identity(fork, old, old_code, new, code)
        physical = int(unit.clock.now().replace(tzinfo=UTC).timestamp() * 1000)
        latest = max(last, unit.hlc.now(physical)) if last else unit.hlc.now(physical)
        unit.actor = replace(unit.actor, device_id=new)
        unit.hlc = HybridClock(new, latest)
        # The new identity asks to be enrolled with keys of its own: a supervisor enrols it.
        establish(unit, transport)
        return done

    def _take_identity(self, fork: Fork, old: str, old_code: str, new: str,
                       code: str) -> tuple[Reenrolled, Stamp | None]:
        unit = self._unit
        with unit.write("device.reenrolled") as tx:
            s = tx.session
            again = recorded_fork(s)
            if again is None or again.device_id != old:
                raise UserError("This laptop has already been made a new device. "
                                "Nothing more was changed.")
            # Known before any row is marked to go again: with no record of where the
            # replaced bundle began (a profile that last pushed before this was kept),
            # everything is sent again, but only cases the team never had are renumbered.
            clashing = self._unshared_cases(s, old, fork.resend_from or None)
            if fork.resend_from is not None:
                # The other copy's bundle replaced ours: what it held must go again.
                s.execute(sa.update(Change).where(
                    Change.device_id == old, Change.pushed == sa.true(),
                    Change.seq >= fork.resend_from).values(pushed=False))
            unsent = (sa.select(Change).where(Change.device_id == old, Change.pushed == sa.false())
                      .order_by(Change.seq))
            to_send = s.scalar(sa.select(sa.func.count()).select_from(unsent.subquery())) or 0
            renumbered = self._renumber(s, old, code, clashing)
            s.add(Device(id=new, code=code, name=platform.node() or "", user_id=unit.actor.user_id,
                         created_at=tx.now))
            meta.put(s, "device_id", new)
            meta.put(s, "device_code", code)
            meta.put(s, PROFILE_DEVICE_KEY, "")  # the copy's keys are the other laptop's too
            meta.put(s, SEQ_KEY, "0")
            meta.put(s, HASH_KEY, "")
            meta.put(s, FIRST_KEY, "")
            meta.put(s, FORK_KEY, "")
            meta.put(s, FORMER_KEY, old)
            s.execute(sa.delete(SyncPeer).where(SyncPeer.device_id == old))
            s.add(SyncPeer(device_id=old, last_seq=fork.shared_seq, last_hash=fork.shared_hash,
                           updated_at=tx.now))
            done = Reenrolled(old, new, old_code, code, int(to_send), renumbered)
            moved = "; ".join(f"{a} → {b}" for a, b in renumbered) or "none"
            tx.audit("device", new,
                     f"This laptop's profile was found to be a copy of device {old[:8]} "
                     f"(code {old_code}); it became device {new[:8]} with code {code}. "
                     f"{to_send} unsent change(s) move to the new device. Cases renumbered: {moved}.")
            s.flush()
            # Everything not yet on the share, this write's own rows included, is sent
            # from the new folder; the old folder is the other copy's from now on.
            s.execute(sa.update(Change).where(Change.device_id == old, Change.pushed == sa.false())
                      .values(device_id=new))
            self._own_audit_rows(s, old, new)
            last = s.scalar(sa.select(sa.func.max(Change.hlc)))
        return done, Stamp.decode(last) if last else None

    @staticmethod
    def _own_audit_rows(s: Session, old: str, new: str) -> None:
        """Audit rows not yet sent say they were written on the new device.

        They were written on this laptop, which is the new device from now on
        (the old identity is the other copy's); other devices accept an audit row
        only from the device it names, so they must name the one that sends them.
        """
        for seq, entity_id, fields in s.execute(
            sa.select(Change.seq, Change.entity_id, Change.fields).where(
                Change.device_id == new, Change.pushed == sa.false(), Change.entity == "audit")
        ).all():
            if (fields or {}).get("device_id") == old:
                s.execute(sa.update(Change).where(Change.seq == seq)
                          .values(fields={**fields, "device_id": new}))
                s.execute(sa.update(AuditEntry).where(AuditEntry.id == entity_id,
                                                      AuditEntry.device_id == old)
                          .values(device_id=new).execution_options(synchronize_session=False))

    @staticmethod
    def _unshared_cases(s: Session, old: str, since: int | None) -> list[str]:
        """Cases first written here whose creation the team never received: unsent,
        or (``since``) in the bundle of ours that the other copy's replaced."""
        first = (sa.select(Change.entity_id, sa.func.min(Change.seq).label("first"))
                 .where(Change.entity == "cases").group_by(Change.entity_id).subquery())
        never = Change.pushed == sa.false()
        if since is not None:
            never = sa.or_(never, Change.seq >= since)
        return list(s.scalars(
            sa.select(Change.entity_id).join(first, Change.seq == first.c.first)
            .where(Change.device_id == old, never)))

    @staticmethod
    def _renumber(s: Session, old: str, code: str, ids: list[str]) -> list[tuple[str, str]]:
        """These cases get references with the new code.

        The other copy numbers its cases with the shared code from the same
        counter, so their references may already be taken there. The per-year
        counters start again for the new code, which no one has used. A case's
        unsent change rows are rewritten, so a device that never had it never
        sees the old reference; the renumbering is also a change of its own, so
        a device that did have it (a replaced bundle it had already read) follows.
        """
        for counter in s.scalars(sa.select(Meta).where(Meta.key.like("case\\_seq:%", escape="\\"))):
            counter.value = "0"
        s.flush()
        renumbered: list[tuple[str, str]] = []
        cases: list[Case] = (list(s.scalars(sa.select(Case).where(Case.id.in_(ids))
                                            .order_by(Case.opened_at, Case.id))) if ids else [])
        for case in cases:
            year = case.opened_at.year
            before = case.reference
            case.reference = case_reference(year, code, meta.next_sequence(s, f"case_seq:{year}"))
            renumbered.append((before, case.reference))
            for row in s.scalars(sa.select(Change).where(
                    Change.entity == "cases", Change.entity_id == case.id,
                    Change.device_id == old, Change.pushed == sa.false())):
                if "reference" in row.fields:
                    row.fields = {**row.fields, "reference": case.reference}
                    flag_modified(row, "fields")
        return renumbered
