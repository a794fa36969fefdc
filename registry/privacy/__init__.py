"""Personal data in the event log: encrypted per subject, erased by destroying the key.

Each subject's personal fields are encrypted (AES-GCM) with a key of that subject before
events are stored; subject keys are kept wrapped by a master key in a key table. Erasure
deletes the subject's key: the events, their order and the hash chain stay, and the
personal fields can no longer be read by anyone.

Errors: `PrivacyError` and its tree, drawn in `registry.privacy.errors`.
"""

from registry.privacy.errors import MasterKeyError, PrivacyError
from registry.privacy.keys import MasterKey, load_master_key
from registry.privacy.keystore import SubjectKeyStore
from registry.privacy.mapper import ERASED, PersonalDataMapper

__all__ = [
    "ERASED",
    "MasterKey",
    "MasterKeyError",
    "PersonalDataMapper",
    "PrivacyError",
    "SubjectKeyStore",
    "load_master_key",
]
