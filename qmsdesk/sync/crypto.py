"""Signing and encryption primitives for packages, receipts and enrollment files (Ed25519, X25519, AES-GCM).

Keys travel as raw 32-byte values in base64; a fingerprint (first 16 hex digits of the SHA-256 of the
raw public key, in groups of four) is what people compare on the phone or on paper.
"""

from __future__ import annotations

import base64
import binascii
import hashlib
import os
from dataclasses import dataclass

from cryptography.exceptions import InvalidSignature, InvalidTag
from cryptography.hazmat.primitives import hashes, serialization
from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey, Ed25519PublicKey
from cryptography.hazmat.primitives.asymmetric.x25519 import X25519PrivateKey, X25519PublicKey
from cryptography.hazmat.primitives.ciphers.aead import AESGCM
from cryptography.hazmat.primitives.kdf.hkdf import HKDF

from qmsdesk.errors import QmsError
from qmsdesk.i18n import msg

SCHEME = "x25519-hkdf-sha256-aes256gcm"
_HKDF_INFO = b"qmsdesk package encryption v1"
_NONCE_BYTES = 12

_RAW = serialization.Encoding.Raw
_RAW_PUB = serialization.PublicFormat.Raw
_RAW_PRIV = serialization.PrivateFormat.Raw


class CryptoError(QmsError):
    """A key cannot be read, or sealed data cannot be opened with the key given."""


def b64e(data: bytes) -> str:
    return base64.b64encode(data).decode("ascii")


def b64d(text: str, what: str = "") -> bytes:
    try:
        return base64.b64decode(text.encode("ascii"), validate=True)
    except (binascii.Error, UnicodeEncodeError, AttributeError) as exc:
        raise CryptoError(msg("{w}不是有效的 base64 文本。", "{w} is not valid base64 text.", w=what or "密钥")) from exc


def fingerprint(raw_public: bytes) -> str:
    """Short, readable identity of a public key: first 16 hex digits of its SHA-256, grouped by four."""
    digest = hashlib.sha256(raw_public).hexdigest()[:16].upper()
    return " ".join(digest[i:i + 4] for i in range(0, 16, 4))


def raw_public(key: Ed25519PrivateKey | Ed25519PublicKey | X25519PrivateKey | X25519PublicKey) -> bytes:
    if isinstance(key, Ed25519PrivateKey | X25519PrivateKey):
        key = key.public_key()
    return key.public_bytes(_RAW, _RAW_PUB)


def raw_private(key: Ed25519PrivateKey | X25519PrivateKey) -> bytes:
    return key.private_bytes(_RAW, _RAW_PRIV, serialization.NoEncryption())


def _load(loader, data: bytes | str, what: str):
    raw = b64d(data, what) if isinstance(data, str) else data
    try:
        return loader(raw)
    except ValueError as exc:
        raise CryptoError(msg("{w}格式不正确（应为 32 字节）。", "{w} is malformed (32 bytes expected).", w=what)) from exc


def signing_key(data: bytes | str) -> Ed25519PrivateKey:
    return _load(Ed25519PrivateKey.from_private_bytes, data, "签名私钥")


def verify_key(data: bytes | str) -> Ed25519PublicKey:
    return _load(Ed25519PublicKey.from_public_bytes, data, "签名公钥")


def encryption_private_key(data: bytes | str) -> X25519PrivateKey:
    return _load(X25519PrivateKey.from_private_bytes, data, "加密私钥")


def encryption_public_key(data: bytes | str) -> X25519PublicKey:
    return _load(X25519PublicKey.from_public_bytes, data, "加密公钥")


def new_signing_key() -> Ed25519PrivateKey:
    return Ed25519PrivateKey.generate()


def new_encryption_key() -> X25519PrivateKey:
    return X25519PrivateKey.generate()


def sign(key: Ed25519PrivateKey, data: bytes) -> bytes:
    return key.sign(data)


def verify(public: Ed25519PublicKey | bytes | str, data: bytes, signature: bytes) -> bool:
    """True when `signature` is `public`'s signature over exactly `data`."""
    if not isinstance(public, Ed25519PublicKey):
        public = verify_key(public)
    try:
        public.verify(signature, data)
    except InvalidSignature:
        return False
    return True


def _derive(shared: bytes, ephemeral_pub: bytes, recipient_pub: bytes) -> bytes:
    # Binding both public keys into the salt ties the key to this exact sender/recipient pair.
    return HKDF(algorithm=hashes.SHA256(), length=32, salt=ephemeral_pub + recipient_pub,
                info=_HKDF_INFO).derive(shared)


@dataclass
class Sealer:
    """Encrypts the members of one package to one recipient with a fresh ephemeral X25519 key."""

    recipient: X25519PublicKey

    def __post_init__(self) -> None:
        ephemeral = X25519PrivateKey.generate()
        self.ephemeral_public = raw_public(ephemeral)
        self.recipient_public = raw_public(self.recipient)
        self._aes = AESGCM(_derive(ephemeral.exchange(self.recipient), self.ephemeral_public, self.recipient_public))

    def seal(self, name: str, plaintext: bytes) -> bytes:
        """nonce || ciphertext+tag; the member name is authenticated so members cannot be swapped."""
        nonce = os.urandom(_NONCE_BYTES)
        return nonce + self._aes.encrypt(nonce, plaintext, name.encode("utf-8"))


class Opener:
    """Decrypts members sealed by a `Sealer`, given the recipient's private key."""

    def __init__(self, private: X25519PrivateKey, ephemeral_public: bytes) -> None:
        recipient_pub = raw_public(private)
        peer = X25519PublicKey.from_public_bytes(ephemeral_public)
        self._aes = AESGCM(_derive(private.exchange(peer), ephemeral_public, recipient_pub))

    def open(self, name: str, blob: bytes) -> bytes:
        if len(blob) < _NONCE_BYTES + 16:
            raise CryptoError(msg("加密内容“{n}”不完整。", "Encrypted member '{n}' is incomplete.", n=name))
        try:
            return self._aes.decrypt(blob[:_NONCE_BYTES], blob[_NONCE_BYTES:], name.encode("utf-8"))
        except InvalidTag as exc:
            raise CryptoError(msg("无法解密“{n}”：密钥不对或内容已被改动。",
                                  "Cannot decrypt '{n}': wrong key or altered content.", n=name)) from exc
