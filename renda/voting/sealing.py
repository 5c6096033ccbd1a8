"""Secret ballots sealed to the tellers (监票人) while a vote is open.

When an electronic secret vote opens, a fresh key pair is made. The public half is kept on the vote;
every ballot is sealed to it the moment it is cast (a libsodium sealed box: only the private half can
open it, and two ballots with the same marks look unrelated). The private half is never stored: it is
derived from a 16-byte secret that is split at once (Shamir) into one key slip per teller, any
``quorum`` of which rebuild it. At the close the tellers type their slips, the ballots are opened in
memory, and written out in random order in one transaction (``actions._finish``).

So whatever storage holds while the vote is open (the database file, its WAL, dead rows, a backup)
is ciphertext in casting order, which says nothing without the slips; and what it holds after the
close is plaintext in an order that has nothing to do with the order of casting. docs/security.md
states the guarantee and its limits.

Ballots are padded to a fixed block (4 KiB) before sealing, so the length of a sealed ballot does not tell a
"满意" from a "基本满意".
"""

from __future__ import annotations

import base64
import hashlib
import json
import logging
import secrets
from dataclasses import dataclass

from Crypto.Protocol.SecretSharing import Shamir
from django.db import DatabaseError, connection, transaction
from nacl.exceptions import CryptoError
from nacl.public import PrivateKey, PublicKey, SealedBox

from renda.core.errors import ValidationError

log = logging.getLogger(__name__)

BLOCK = 4096  # bytes a ballot is padded to (a multiple of): room for 10 write-ins and a long list of candidates
_SECRET_BYTES = 16  # what pycryptodome's Shamir splits; the key pair is derived from it
_TYPO = str.maketrans({"0": "O", "1": "I", "8": "B"})  # digits people type for letters base32 lacks


@dataclass(frozen=True)
class TellerKeys:
    public_key: bytes
    slips: list[str]  # shown once, one per teller; never stored


def _private_key(secret: bytes) -> PrivateKey:
    return PrivateKey(hashlib.blake2b(secret, digest_size=32, person=b"renda-ballots").digest())


def _check(index: int, share: bytes) -> str:
    digest = hashlib.blake2b(bytes([index]) + share, digest_size=2).digest()
    return base64.b32encode(digest).decode()[:2]


def _slip(index: int, share: bytes) -> str:
    body = base64.b32encode(share).decode().rstrip("=") + _check(index, share)
    return f"{index}-" + "-".join(body[i:i + 4] for i in range(0, len(body), 4))


def make_keys(tellers: int, quorum: int) -> TellerKeys:
    """A key pair for one vote; the private half split into ``tellers`` slips, any ``quorum`` of which open."""
    secret = secrets.token_bytes(_SECRET_BYTES)
    slips = [_slip(index, share) for index, share in Shamir.split(quorum, tellers, secret, ssss=False)]
    return TellerKeys(public_key=bytes(_private_key(secret).public_key), slips=slips)


def seal(public_key: bytes, content: dict) -> bytes:
    text = json.dumps(content, sort_keys=True, ensure_ascii=False, separators=(",", ":")).encode()
    padded = text.ljust(-(-len(text) // BLOCK) * BLOCK)
    return SealedBox(PublicKey(public_key)).encrypt(padded)


def parse_slip(text: str, number: int) -> tuple[int, bytes]:
    """One typed slip → (teller index, share). ``number`` is its place in the form, for the message."""
    index_text, _, body = "-".join(str(text).split()).upper().partition("-")
    body = body.replace("-", "").translate(_TYPO)
    wrong = ValidationError({"teller_keys": f"第 {number} 张监票人密钥条有误，请逐字核对（形如 2-ABCD-EFGH-…）"})
    if not index_text.isascii() or not index_text.isdecimal() or len(body) != 28 or not 1 <= int(index_text) <= 255:
        raise wrong
    try:
        share = base64.b32decode(body[:26] + "======")
    except ValueError:
        raise wrong from None
    index = int(index_text)
    if len(share) != _SECRET_BYTES or _check(index, share) != body[26:]:
        raise wrong
    return index, share


def open_ballots(public_key: bytes, slips: list[str], quorum: int, sealed: list[bytes]) -> list[dict]:
    """The ballots' contents, opened with the tellers' slips; refused unless they rebuild this vote's key."""
    shares: dict[int, bytes] = {}
    for number, text in enumerate((s for s in slips if str(s).strip()), start=1):
        index, share = parse_slip(text, number)
        if index in shares:
            raise ValidationError({"teller_keys": f"第 {number} 张与前面一张是同一张密钥条（第 {index} 号），"
                                                  "须由不同的监票人各输入自己的一张"})
        shares[index] = share
    if len(shares) < quorum:
        raise ValidationError({"teller_keys": f"须有 {quorum} 名监票人分别输入各自的密钥条，现有 {len(shares)} 张"})
    private = _private_key(Shamir.combine(list(shares.items())[:quorum], ssss=False))
    if bytes(private.public_key) != public_key:
        raise ValidationError({"teller_keys": "监票人密钥条与本次表决不符，请核对是否为本次表决的密钥条"})
    box = SealedBox(private)
    try:
        return [json.loads(box.decrypt(b)) for b in sealed]
    except (CryptoError, ValueError):
        raise ValidationError({"teller_keys": "有选票无法用本次表决的密钥打开，请联系系统管理员"}) from None


def remove_residue(using=None) -> None:
    """Clear what deleting the sealed ballots left behind. SQLite already zeroes freed pages
    (secure_delete, settings.py); here the WAL is checkpointed and truncated so that no copy of the
    old pages stays in it. PostgreSQL keeps deleted rows as dead tuples until a vacuum: vacuum the
    table now. Both are clean-up of ciphertext nobody can open without the tellers' slips; a busy
    database that cannot do it now loses nothing of the guarantee, so a failure is logged, not raised."""
    db = using or connection
    if db.in_atomic_block:  # VACUUM and a truncating checkpoint need to be outside a transaction
        return
    from renda.voting.models import SealedBallot

    try:
        with db.cursor() as cursor:
            if db.vendor == "sqlite":
                cursor.execute("PRAGMA wal_checkpoint(TRUNCATE)")
            elif db.vendor == "postgresql":
                cursor.execute(f"VACUUM {db.ops.quote_name(SealedBallot._meta.db_table)}")
    except DatabaseError:
        log.warning("could not clear the residue of sealed ballots", exc_info=True)


def remove_residue_after_commit() -> None:
    transaction.on_commit(remove_residue)
