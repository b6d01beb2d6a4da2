"""Team snapshots: how a new laptop starts from the team's data without replaying
every bundle ever written. When a device writes one, how it writes it, and how a
device joins (or catches up) from one; the file itself is ``snapshot_file``.

A snapshot holds exactly the state its watermarks describe. The writer takes it
in one read transaction and only when none of its own changes are unpushed and
no change is set aside as unappliable, so every row in it came from a bundle it
covers and a joiner that continues from those watermarks neither misses nor
doubles anything. Retention purges have run first (``forget_purged``), and any
change of a row a purge erased, other than the purge's own tombstone, is left
out as well.
"""

from __future__ import annotations

import json
import os
from dataclasses import dataclass, field
from datetime import UTC, datetime

import sqlalchemy as sa
from sqlalchemy.orm import Session

from asb_desktop.domain.hlc import Stamp
from asb_desktop.store.capture import CaptureContext
from asb_desktop.store.models import Base, Change, SyncPeer, SyncSetAside, new_id
from asb_desktop.store.models.system import LOCAL_ACTIONS
from asb_desktop.store.purge import (
    PURGE_BASE,
    ROW_BASE,
    SCRUBBED_KEY,
    erase_orphans,
    erase_unseen,
    finish_following,
    forget_purged,
    plan_purge,
)
from asb_desktop.store.unit import Unit
from asb_desktop.sync import bundle as wire
from asb_desktop.sync.device_keys import DeviceKeys
from asb_desktop.sync.merge import (
    CONFLICT_FIELDS,
    apply_changes,
    arriving_purges,
    chunks,
    local_bases,
)
from asb_desktop.sync.push import HASH_KEY, SEQ_KEY
from asb_desktop.sync.sealing import STUB_BLANKS
from asb_desktop.sync.snapshot_file import (
    CONFLICTS,
    SUFFIX,
    Header,
    SnapshotRejected,
    SnapshotShare,
    Vouch,
    attached,
    discard,
    encode,
    open_snapshot,
    quote,
    read_header,
    schema_of,
    scratch,
    snap_columns,
    synced_tables,
    where,
)
from asb_desktop.sync.trust import Trust

#: Changes newer than the newest snapshot after which a device writes a new one.
#: Big enough that a team writes one every day or two, small enough that a new
#: laptop never replays more than this many changes from bundles.
SNAPSHOT_CHANGES = 20_000
#: Changes merged per call when a device behind the archive catches up.
CATCH_UP_CHUNK = 5000
#: Page cache (KiB) while a new device loads a snapshot, in place of the usual 64 MiB.
#: Every page the load writes is encrypted as it leaves the cache; one that stays
#: until the commit is encrypted and written once, one spilled early is written, read
#: back (decrypted) and written again. 256 MiB holds a 5,000-case team's profile whole
#: and most of a 20,000-case one; it is given back when the load commits.
LOAD_CACHE_KIB = 256 * 1024


# -- writing ----------------------------------------------------------------------------


def _compacted_away(conn: sa.Connection) -> list[int]:
    """Change rows (by local seq) whose every field a later-stamped change of the same
    row has overwritten: no merge can ever pick them again. Deletes and changes to
    safety-critical fields are kept (conflict detection reads their bases), as is
    any change not followed by a later-stamped edit."""
    rows = conn.exec_driver_sql(
        "SELECT c.seq, c.entity, c.entity_id, c.op, c.fields, c.hlc FROM main.changes c "
        "JOIN (SELECT entity, entity_id FROM main.changes GROUP BY entity, entity_id "
        "HAVING count(*) > 1) m ON m.entity = c.entity AND m.entity_id = c.entity_id "
        "ORDER BY c.entity, c.entity_id, c.hlc DESC"
    )
    dropped: list[int] = []
    key: tuple[str, str] | None = None
    covered: set[str] = set()
    group: list[tuple[str, set[str]]] = []
    group_hlc = ""
    later_edit = False
    for seq, entity, entity_id, op, fields_json, hlc in rows:
        if (entity, entity_id) != key:
            key, covered, group, group_hlc, later_edit = (entity, entity_id), set(), [], hlc, False
        if hlc != group_hlc:
            for gop, gfields in group:
                covered |= gfields
                later_edit = later_edit or gop == "upsert"
            group, group_hlc = [], hlc
        fields = set(json.loads(fields_json or "{}"))
        group.append((op, fields))
        watched = CONFLICT_FIELDS.get(entity, ())
        if op == "upsert" and later_edit and fields <= covered and not fields & set(watched):
            dropped.append(int(seq))
    return dropped


def _own_bases(conn: sa.Connection) -> dict[str, dict[str, str]]:
    """Bases for the changes that have none stored (this device's own), from the full
    history, as a push would send them: the joiner reads them as imported changes."""
    with Session(bind=conn, join_transaction_mode="create_savepoint") as s:
        rows = list(s.scalars(
            sa.select(Change).where(~sa.exists().where(
                Base.metadata.tables["sync_received"].c.change_id == Change.change_id))
            .where(sa.or_(Change.op == "delete", Change.entity.in_(list(CONFLICT_FIELDS))))
        ))
        return local_bases(s, rows)


def _fill(conn: sa.Connection, unit: Unit, share_id: str) -> Header | str:
    """The inner database, or why no snapshot can be taken right now."""
    me = unit.actor.device_id
    unpushed = conn.scalar(sa.select(sa.func.count()).select_from(Change).where(
        Change.pushed == sa.false(), Change.device_id == me)) or 0
    if unpushed:
        return "this device has changes it has not sent yet"
    aside = conn.scalar(sa.select(sa.func.count()).select_from(SyncSetAside).where(
        SyncSetAside.kind == "unappliable")) or 0
    if aside:
        return "changes are set aside on this device for a supervisor"
    covers: dict[str, int] = {}
    hashes: dict[str, str] = {}
    for p in conn.execute(sa.select(SyncPeer.device_id, SyncPeer.last_seq, SyncPeer.last_hash)):
        if p.last_seq > 0:
            covers[p.device_id], hashes[p.device_id] = p.last_seq, p.last_hash
    meta_t = Base.metadata.tables["meta"]
    mine = {str(k): str(v) for k, v in conn.execute(
        sa.select(meta_t.c.key, meta_t.c.value).where(meta_t.c.key.in_([SEQ_KEY, HASH_KEY])))}
    if int(mine.get(SEQ_KEY, "0") or 0) > 0:
        covers[me], hashes[me] = int(mine[SEQ_KEY]), mine.get(HASH_KEY, "")
    if not covers:
        return "nothing has been sent to the share yet"
    local = ", ".join(f"'{a}'" for a in LOCAL_ACTIONS)
    for table in synced_tables():
        where = f" WHERE action NOT IN ({local})" if table.name == "audit" else ""
        conn.exec_driver_sql(
            f"CREATE TABLE snap.{quote(table.name)} AS SELECT * FROM main.{quote(table.name)}{where}")
    conn.exec_driver_sql("CREATE TABLE snap.dropped (seq INTEGER PRIMARY KEY)")
    dropped = _compacted_away(conn)
    if dropped:
        conn.exec_driver_sql("INSERT INTO snap.dropped (seq) VALUES (?)", [(n,) for n in dropped])
    # Rows a purge erased keep only the purge's tombstone; forget_purged has already
    # removed the rest, and this makes sure nothing else of theirs is copied.
    conn.exec_driver_sql(
        "CREATE TABLE snap.purged AS SELECT c.entity, c.entity_id FROM main.changes c "
        "JOIN main.sync_received r ON r.change_id = c.change_id "
        f"WHERE c.op = 'delete' AND json_extract(r.bases, '$.\"{ROW_BASE}\"') = '{PURGE_BASE}'")
    conn.exec_driver_sql("CREATE INDEX snap.ix_purged ON purged (entity, entity_id)")
    conn.exec_driver_sql(
        "CREATE TABLE snap.changes AS SELECT c.change_id, c.entity, c.entity_id, c.op, c.fields, "
        "c.hlc, c.device_id, c.user_id FROM main.changes c "
        "WHERE c.seq NOT IN (SELECT seq FROM snap.dropped) AND (c.op = 'delete' OR NOT EXISTS "
        "(SELECT 1 FROM snap.purged p WHERE p.entity = c.entity AND p.entity_id = c.entity_id)) "
        "ORDER BY c.seq")
    conn.exec_driver_sql("DROP TABLE snap.dropped")
    conn.exec_driver_sql("DROP TABLE snap.purged")
    _leave_out_restricted(conn)
    # Every change travels as an imported one: stored bases, or for this device's own
    # changes the bases a push would send; "{}" for the rest, as a bundle carries them.
    conn.exec_driver_sql("CREATE TABLE snap.own (change_id VARCHAR(36) PRIMARY KEY, bases JSON)")
    own = _own_bases(conn)
    if own:
        conn.exec_driver_sql("INSERT INTO snap.own (change_id, bases) VALUES (?, ?)",
                             [(cid, json.dumps(b)) for cid, b in own.items()])
    conn.exec_driver_sql(
        "CREATE TABLE snap.received AS SELECT c.change_id, coalesce(o.bases, r.bases, '{}') AS bases "
        "FROM snap.changes c LEFT JOIN main.sync_received r ON r.change_id = c.change_id "
        "LEFT JOIN snap.own o ON o.change_id = c.change_id ORDER BY c.rowid")
    conn.exec_driver_sql("DROP TABLE snap.own")
    conn.exec_driver_sql(f"CREATE TABLE snap.{CONFLICTS} AS SELECT * FROM main.{CONFLICTS}")
    total = conn.exec_driver_sql("SELECT count(*), max(hlc) FROM snap.changes").one()
    return Header(share_id, me, covers, hashes, str(total[1] or ""), schema_of(conn), 0,
                  int(total[0]), datetime.now(UTC).isoformat(timespec="seconds"))


def _leave_out_restricted(conn: sa.Connection) -> None:
    """A team snapshot is read by whichever laptop joins next, so a restricted case
    goes in as the caseload may show it and nothing more: its row keeps the stub
    fields (``sealing.STUB_FIELDS``) and everything else of it (parties, people known
    only from it, reports, contacts, audit rows about them, and the changes that
    wrote them) is left out. Allowed laptops have it from the sealed sections."""
    with Session(bind=conn) as s:
        restricted = list(s.scalars(sa.select(Base.metadata.tables["cases"].c.id).where(
            Base.metadata.tables["cases"].c.restricted.is_(True))))
        if not restricted:
            return
        plan = plan_purge(s, restricted)
    snap_cases = Base.metadata.tables["cases"].to_metadata(sa.MetaData(), schema="snap")
    for part in chunks(sorted(plan.rows["cases"])):
        conn.execute(sa.update(snap_cases).where(snap_cases.c.id.in_(part)).values(STUB_BLANKS))
    everything = {i for ids in plan.rows.values() for i in ids}
    for table, ids in plan.rows.items():
        for part in chunks(sorted(ids)):
            if table != "cases":
                conn.execute(sa.delete(sa.table(table, sa.column("id"), schema="snap"))
                             .where(sa.column("id").in_(part)))
            conn.execute(sa.delete(sa.table("changes", sa.column("entity"), sa.column("entity_id"),
                                            schema="snap"))
                         .where(sa.column("entity") == table, sa.column("entity_id").in_(part)))
    audit = sa.table("audit", sa.column("id"), sa.column("entity_id"), schema="snap")
    for part in chunks(sorted(everything)):
        about = sa.select(audit.c.id).where(audit.c.entity_id.in_(part)).scalar_subquery()
        conn.execute(sa.delete(sa.table("changes", sa.column("entity"), sa.column("entity_id"),
                                        schema="snap"))
                     .where(sa.column("entity") == "audit", sa.column("entity_id").in_(about)))
        conn.execute(sa.delete(audit).where(audit.c.entity_id.in_(part)))


def write_snapshot(unit: Unit, share: SnapshotShare, key: bytes, share_id: str,
                   signer: DeviceKeys | None = None) -> str | None:
    """Take a snapshot and put it on the share; returns its name, or None when this
    device cannot take an exact one right now (it tries again next sync)."""
    path = scratch(unit)
    inner_key = os.urandom(32)
    try:
        with attached(unit, path, inner_key, write=False) as conn:
            made = _fill(conn, unit, share_id)
        if isinstance(made, str):
            return None
        body = path.read_bytes()
    finally:
        discard(path)
    header = Header(made.share_id, made.writer, made.covers, made.hashes, made.hlc, made.schema,
                    len(body), made.changes, made.made_at)
    coverage = sum(made.covers.values())
    name = (f"{coverage:012d}-{datetime.now(UTC):%Y%m%dT%H%M%S%f}Z-"
            f"{unit.actor.device_id.replace('-', '')[:8]}{SUFFIX}")
    share.put(name, encode(header, inner_key, body, key, signer))
    return name


def snapshot_due(unit: Unit, share: SnapshotShare, key: bytes, share_id: str,
                 threshold: int | None = None, vouch: Vouch | None = None) -> bool:
    """Whether enough has changed since the newest snapshot to write another."""
    limit = SNAPSHOT_CHANGES if threshold is None else threshold
    since = ""
    for name in share.names():
        try:
            since = read_header(share, name, key, share_id, vouch).hlc
            break
        except SnapshotRejected:
            continue
    ch = Base.metadata.tables["changes"]
    newer = sa.select(ch.c.seq).where(ch.c.hlc > since).limit(limit).subquery()
    with unit.read() as s:
        return (s.scalar(sa.select(sa.func.count()).select_from(newer)) or 0) >= limit


def write_if_due(unit: Unit, share: SnapshotShare, key: bytes, share_id: str,
                 trust: Trust | None = None) -> str | None:
    """Called after each sync; a purge's leftovers are forgotten first so none travel.
    Only a laptop the others take snapshots from (``Trust.writes_snapshots``) writes one."""
    if trust is not None and not trust.writes_snapshots:
        return None
    vouch = trust.vouch() if trust is not None else None
    if not snapshot_due(unit, share, key, share_id, vouch=vouch):
        return None
    with unit.store.write_sessions() as s, s.begin():
        forget_purged(s)
    return write_snapshot(unit, share, key, share_id, trust.keys if trust is not None else None)


# -- starting from a snapshot --------------------------------------------------------------


@dataclass
class Joined:
    name: str = ""
    changes: int = 0
    notices: list[str] = field(default_factory=list)


def start_point(unit: Unit, share: SnapshotShare) -> str | None:
    """"new" for a device that has applied nothing yet, "behind" for one whose next
    bundle from some device has been archived; None to pull bundles as usual.

    A device is behind the archive when, for some other device, its watermark is
    below the highest archived bundle of that device: the bundles it needs are no
    longer in the device folder. Archiving moves only bundles the newest snapshot
    covers, so that snapshot holds everything such a device is missing.
    """
    me = unit.actor.device_id
    with unit.read() as s:
        peers = {p.device_id: p.last_seq for p in s.scalars(sa.select(SyncPeer))}
        # Asked only without watermarks: with no index on the device, it walks this
        # device's own changes until it meets another's.
        imported = None if peers else s.scalar(
            sa.select(Change.seq).where(Change.device_id != me).limit(1))
    if not peers and imported is None:
        return "new" if share.names() else None
    archived = share.archived()
    if any(d != me and peers.get(d, 0) < top for d, top in archived.items()):
        return "behind"
    return None


def join(unit: Unit, share: SnapshotShare, key: bytes, share_id: str, how: str,
         vouch: Vouch | None = None) -> Joined:
    """The newest snapshot that verifies, loaded in one transaction; failing that the
    next older one, and failing all, the bundles as before. Each failure is said plainly."""
    joined = Joined()
    for name in share.names():
        path = scratch(unit)
        try:
            opened = open_snapshot(share.read(name), key, share_id, name, vouch)
            # Still the SQLCipher file under its random key: nothing readable lands here.
            path.write_bytes(opened.body)
            with attached(unit, path, opened.inner_key, write=True,
                          cache_kib=LOAD_CACHE_KIB if how == "new" else None) as conn:
                if schema_of(conn) != opened.header.schema:
                    raise SnapshotRejected(f"{where(name)} was written by another version of "
                                           "asb-desktop.")
                if how == "new":
                    joined.changes = _load(conn, unit, opened.header)
                else:
                    joined.changes = _catch_up(conn, unit, opened.header)
                _watermarks(conn, unit, opened.header, name)
        except SnapshotRejected as exc:
            joined.notices.append(f"{exc} This device fetched the bundles instead.")
            continue
        except (sa.exc.DBAPIError, ValueError, KeyError) as exc:
            joined.notices.append(
                f"{where(name)} could not be loaded ({getattr(exc, 'orig', exc)}); nothing from it "
                "was saved, and this device fetched the bundles instead.")
            continue
        finally:
            discard(path)
        if opened.header.hlc:
            physical = int(unit.clock.now().replace(tzinfo=UTC).timestamp() * 1000)
            unit.hlc.observe(Stamp.decode(opened.header.hlc), physical)
        joined.name = name
        return joined
    return joined


def _load(conn: sa.Connection, unit: Unit, header: Header) -> int:
    """A device with nothing yet: straight copies. Rows it already holds (its own,
    when its first bundles are among those covered) are kept as they are."""
    tables = synced_tables()
    for table in tables:
        if set(snap_columns(conn, table.name)) != {c.name for c in table.c}:
            raise SnapshotRejected(f"The team snapshot's {table.name} table does not match this "
                                   "version of asb-desktop.")
    before, after = _copy(conn, unit, tables)
    # The snapshot was scrubbed of purged data before it was written.
    conn.exec_driver_sql("INSERT OR REPLACE INTO main.meta (key, value) VALUES (?, ?)",
                         (SCRUBBED_KEY, str(after)))
    return after - before


def _copy(conn: sa.Connection, unit: Unit, tables: list[sa.Table]) -> tuple[int, int]:
    """Rows, changes, their bases and the conflicts; the highest change seq before and after."""
    for table in tables:
        names = ", ".join(quote(c.name) for c in table.c)
        conn.exec_driver_sql(f"INSERT OR IGNORE INTO main.{quote(table.name)} ({names}) "
                             f"SELECT {names} FROM snap.{quote(table.name)}")
    before = conn.scalar(sa.select(sa.func.max(Change.seq))) or 0
    conn.exec_driver_sql(
        "INSERT OR IGNORE INTO main.changes (change_id, entity, entity_id, op, fields, hlc, "
        "device_id, user_id, pushed) SELECT change_id, entity, entity_id, op, fields, hlc, "
        "device_id, user_id, 1 FROM snap.changes ORDER BY rowid")
    # In change_id order: both the lookups and the inserts walk their index in order.
    conn.exec_driver_sql(
        "INSERT OR IGNORE INTO main.sync_received (change_id, bases) "
        "SELECT r.change_id, r.bases FROM snap.received r JOIN main.changes c "
        "ON c.change_id = r.change_id WHERE c.device_id != ? ORDER BY r.change_id",
        (unit.actor.device_id,))
    listed = ", ".join(quote(c.name) for c in Base.metadata.tables[CONFLICTS].c)
    conn.exec_driver_sql(f"INSERT OR IGNORE INTO main.{CONFLICTS} ({listed}) "
                         f"SELECT {listed} FROM snap.{CONFLICTS}")
    after = conn.scalar(sa.select(sa.func.max(Change.seq))) or 0
    return int(before), int(after)


def _catch_up(conn: sa.Connection, unit: Unit, header: Header) -> int:
    """A device that already holds data: the snapshot's changes it lacks go through the
    ordinary merge (bases, conflicts, purges), as if they had come in bundles."""
    rows = conn.exec_driver_sql(
        "SELECT c.change_id, c.entity, c.entity_id, c.op, c.fields, c.hlc, c.device_id, "
        "c.user_id, r.bases FROM snap.changes c LEFT JOIN snap.received r "
        "ON r.change_id = c.change_id WHERE c.device_id != ? "
        "AND NOT EXISTS (SELECT 1 FROM main.changes m WHERE m.change_id = c.change_id) "
        "AND NOT EXISTS (SELECT 1 FROM main.sync_set_aside a WHERE a.change_id = c.change_id) "
        "ORDER BY c.rowid", (unit.actor.device_id,)).all()
    changes = [wire.WireChange(r[0], r[1], r[2], r[3], json.loads(r[4] or "{}"), r[5], r[6], r[7],
                               json.loads(r[8] or "{}")) for r in rows]
    now = unit.now()
    applied = 0
    with unit.store.write_sessions(bind=conn, join_transaction_mode="create_savepoint") as s:
        s.info["capture"] = CaptureContext(unit.actor.device_id, unit.actor.user_id, unit.stamp)
        for i in range(0, len(changes), CATCH_UP_CHUNK):
            part = changes[i : i + CATCH_UP_CHUNK]
            purges = arriving_purges(part)
            plan = erase_unseen(s, purges) if purges else None
            done = apply_changes(s, part, now, 0)
            if plan is not None:
                finish_following(s, plan)
            erase_orphans(s, done.orphans)
            s.flush()
            applied += done.changes
        s.commit()
    return applied


def _watermarks(conn: sa.Connection, unit: Unit, header: Header, name: str) -> None:
    """Continue each device's chain where the snapshot left it (never backwards)."""
    peers = Base.metadata.tables["sync_peers"]
    here = {r.device_id: r.last_seq for r in conn.execute(sa.select(peers))}
    now = unit.now()
    for device, seq in header.covers.items():
        if device == unit.actor.device_id or here.get(device, 0) >= seq:
            continue
        conn.execute(sa.delete(peers).where(peers.c.device_id == device))
        conn.execute(sa.insert(peers).values(device_id=device, last_seq=seq,
                                             last_hash=header.hashes.get(device, ""),
                                             updated_at=now))
    conn.execute(sa.insert(Base.metadata.tables["audit"]).values(
        id=new_id(), at=now, user_id=unit.actor.user_id, device_id=unit.actor.device_id,
        action=LOCAL_ACTIONS[0], entity="snapshot", entity_id=header.writer,
        detail=f"Started from the team snapshot {name} written by device {header.writer[:8]} "
               f"({header.changes} changes)"))
