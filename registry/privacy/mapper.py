"""A mapper that encrypts the personal fields of a subject's events with that subject's key.

Only the named fields are sealed, each on its own (AES-GCM, the subject id and field name
as associated data), so event types, purposes, times and positions stay readable for
replay and audit. A field whose key was erased reads back as `ERASED` (None).
"""

from __future__ import annotations

import base64
import json
import os
from collections.abc import Mapping
from typing import Any
from uuid import UUID

from cryptography.hazmat.primitives.ciphers.aead import AESGCM
from eventsourcing.domain import DomainEventProtocol
from eventsourcing.persistence import Cipher, Compressor, Mapper, StoredEvent, Transcoder
from eventsourcing.utils import get_topic

from registry.privacy.keystore import SubjectKeyStore

SEALED = "\u0000sealed:v1:"
_COMPACT = json.JSONEncoder(separators=(",", ":"), ensure_ascii=False)
ERASED = None


class PersonalDataMapper(Mapper[UUID]):
    def __init__(
        self,
        transcoder: Transcoder,
        keys: SubjectKeyStore,
        personal_fields: Mapping[str, frozenset[str]],
        *,
        compressor: Compressor | None = None,
        cipher: Cipher | None = None,
    ) -> None:
        """`personal_fields` maps a topic prefix (an aggregate's topic + '.') to the
        fields of its events that hold personal data. `cipher`, when given, encrypts every
        stored event as a whole as well (optional whole-store encryption)."""
        super().__init__(transcoder, compressor=compressor, cipher=cipher)
        self.keys = keys
        self.personal_fields = dict(personal_fields)

    def fields_of(self, topic: str) -> frozenset[str]:
        for prefix, fields in self.personal_fields.items():
            if topic.startswith(prefix):
                return fields
        return frozenset()

    def to_stored_event(self, domain_event: DomainEventProtocol[UUID]) -> StoredEvent:
        fields = self.fields_of(get_topic(type(domain_event)))
        if not fields or not fields & vars(domain_event).keys():
            return super().to_stored_event(domain_event)
        subject_id = domain_event.originator_id
        key = self.keys.key(subject_id)
        if key is None:
            self.keys.ensure([subject_id])
            key = self.keys.key(subject_id)
        if key is None:
            raise ValueError(f"subject {subject_id} was erased: no personal data can be stored")
        state = dict(vars(domain_event))
        aead = AESGCM(key)
        for field in fields & state.keys():
            if state[field] is not None:
                state[field] = self._seal(aead, subject_id, field, state[field])
        sealed_event = object.__new__(type(domain_event))
        object.__setattr__(sealed_event, "__dict__", state)
        return super().to_stored_event(sealed_event)

    def to_domain_event(self, stored_event: StoredEvent) -> DomainEventProtocol[UUID]:
        domain_event = super().to_domain_event(stored_event)
        fields = self.fields_of(stored_event.topic)
        state = vars(domain_event)
        sealed = [
            f for f in fields if isinstance(state.get(f), str) and state[f].startswith(SEALED)
        ]
        if sealed:
            subject_id = domain_event.originator_id
            key = self.keys.key(subject_id)
            for field in sealed:
                state[field] = (
                    ERASED if key is None else self._open(key, subject_id, field, state[field])
                )
        return domain_event

    def _seal(self, aead: AESGCM, subject_id: UUID, field: str, value: Any) -> str:
        # A string (most personal fields) encodes as the transcoder would, without its
        # per-call set-up; anything else (a birth date) goes through the transcoder.
        plain = (
            _COMPACT.encode({"v": value}).encode()
            if type(value) is str
            else self.transcoder.encode({"v": value})
        )
        nonce = os.urandom(12)
        sealed = aead.encrypt(nonce, plain, subject_id.bytes + field.encode())
        return SEALED + base64.b64encode(nonce + sealed).decode()

    def _open(self, key: bytes, subject_id: UUID, field: str, text: str) -> Any:
        raw = base64.b64decode(text[len(SEALED) :])
        plain = AESGCM(key).decrypt(raw[:12], raw[12:], subject_id.bytes + field.encode())
        return self.transcoder.decode(plain)["v"]
