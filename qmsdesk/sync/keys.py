"""Where private keys and tokens live: the OS keyring, or a passphrase-protected key file when none is safe.

The OS keyring (Windows Credential Manager, Secret Service on Linux desktops) is used through
`keyring`, imported lazily because choosing a backend costs ~0.1 s. A headless machine has no usable
backend; worse, with `keyrings.alt` installed `keyring` silently picks a plaintext file, and
PYTHON_KEYRING_BACKEND or keyringrc.cfg can select one too. Such a file backend is refused — secrets go
to `keys.qmskey` in the data folder, encrypted with a passphrase the user chooses (scrypt n=2**17 +
AES-256-GCM) — unless the user names that very backend in QMSDESK_PLAINTEXT_KEYRING (README); it is
then described as what it is, a plaintext file, never as a system keyring.
"""

from __future__ import annotations

import json
import os
import sys
import tempfile
from dataclasses import dataclass
from pathlib import Path
from typing import Protocol

from cryptography.exceptions import InvalidTag
from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey
from cryptography.hazmat.primitives.asymmetric.x25519 import X25519PrivateKey
from cryptography.hazmat.primitives.ciphers.aead import AESGCM
from cryptography.hazmat.primitives.kdf.scrypt import Scrypt

from qmsdesk import config
from qmsdesk.errors import QmsError
from qmsdesk.i18n import msg
from qmsdesk.sync import crypto

SERVICE = "qmsdesk"
KEY_FILE_NAME = "keys.qmskey"
PASSPHRASE_ENV = config.QMSDESK_KEY_PASSPHRASE.name
MIN_PASSPHRASE = 8
SCRYPT_N = 2**17
_SCRYPT_R, _SCRYPT_P = 8, 1
_KEYFILE_FORMAT = "qmsdesk-keyfile"
_KEYFILE_AAD = b"qmsdesk keyfile v1"

_plaintext_accepted = False


class KeyStoreError(QmsError):
    """A secret cannot be stored or read (no keyring, wrong passphrase, damaged key file, missing key)."""


class PassphraseRequired(KeyStoreError):
    """No safe OS keyring: the passphrase key file must be used, and its passphrase is needed.

    `reason` says why the keyring was refused; `key_file` is the file; `creating` is True when the
    file does not exist yet (ask for a new passphrase twice) and False when it must be unlocked.
    """

    def __init__(self, reason: str, key_file: Path, creating: bool) -> None:
        self.reason = reason
        self.key_file = key_file
        self.creating = creating
        way = msg(
            "请设置一个口令（至少 {n} 个字符）用来保护密钥文件 {f}；口令请妥善保管，遗失后需要重新登记。"
            "命令行可通过环境变量 {env} 提供口令。",
            "Choose a passphrase (at least {n} characters) to protect the key file {f}; keep it safe — losing it "
            "means enrolling again. On the command line it can be given in the environment variable {env}.",
            n=MIN_PASSPHRASE, f=key_file, env=PASSPHRASE_ENV,
        ) if creating else msg(
            "请输入密钥文件 {f} 的口令（命令行可通过环境变量 {env} 提供）。",
            "Enter the passphrase of the key file {f} (on the command line: environment variable {env}).",
            f=key_file, env=PASSPHRASE_ENV,
        )
        super().__init__(f"{reason}{way}")


class SecretStore(Protocol):
    description: str

    def get(self, name: str) -> str | None: ...

    def set(self, name: str, value: str) -> None: ...

    def delete(self, name: str) -> None: ...


# --- the OS keyring ----------------------------------------------------------------------------

def _keyring():
    """The keyring package, without the one backend module that cannot work here.

    keyring imports every backend to choose one. Off macOS, its macOS backend still loads its Security
    framework binding at import, through ctypes.util.find_library (which runs ldconfig and a compiler
    to look: ~60 ms of every `qmsdesk submit`), only to be refused with "macOS required". Marking that
    binding absent makes the import fail at once, as keyring's own code already expects it may.
    """
    if sys.platform != "darwin":
        sys.modules.setdefault("keyring.backends.macOS.api", None)  # type: ignore[assignment]
    import keyring

    return keyring


def use_keyring_backend(backend, *, accept_plaintext: bool = False) -> None:
    """Choose a keyring backend in code (tests). A plaintext file backend is still refused unless
    `accept_plaintext` says so, as QMSDESK_PLAINTEXT_KEYRING does for a user."""
    global _plaintext_accepted
    _keyring().set_keyring(backend)
    _plaintext_accepted = accept_plaintext


def is_plaintext_backend(backend) -> bool:
    """keyrings.alt's file backends: the secret lands in a file readable to anyone who can read the user's files."""
    return type(backend).__module__.startswith("keyrings.alt")


def _named_by_user(backend) -> bool:
    named = (config.env(config.QMSDESK_PLAINTEXT_KEYRING) or "").strip()
    kind = type(backend)
    return bool(named) and named in (kind.__name__, f"{kind.__module__}.{kind.__name__}")


def _first(backend):
    """The backend that really stores: a chainer writes to its first (highest-priority) one."""
    from keyring.backends import chainer, fail

    if isinstance(backend, chainer.ChainerBackend):
        chained = backend.backends
        return chained[0] if chained else fail.Keyring()
    return backend


def _active_backend():
    return _first(_keyring().get_keyring())


def keyring_problem() -> str | None:
    """Why the active keyring backend must not hold our keys, or None when it is fit."""
    from keyring.backends import fail, null

    try:
        backend = _active_backend()
    except (RuntimeError, ImportError, ValueError) as exc:  # keyring's own errors for a bad keyringrc / env name
        return msg("系统钥匙串的配置有误（{e}），无法使用。", "The keyring configuration is wrong ({e}), so it cannot be used. ",
                   e=exc)
    if isinstance(backend, fail.Keyring | null.Keyring):
        return msg("本机没有可用的系统钥匙串（例如没有桌面会话的服务器），无法把私钥存入系统钥匙串。",
                   "This computer has no usable system keyring (for example a server without a desktop "
                   "session), so the private key cannot be kept there. ")
    if is_plaintext_backend(backend) and not (_plaintext_accepted or _named_by_user(backend)):
        return msg("当前选中的钥匙串后端（{b}）不是系统钥匙串：它把密钥以明文或弱保护形式写入文件，已拒绝使用"
                   "（如确要使用，需设置环境变量 {env}={b}）。",
                   "The keyring backend in use ({b}) is not a system keyring: it writes secrets to a file in "
                   "plaintext or weakly protected, so it is refused (to use it anyway, set {env}={b}). ",
                   b=type(backend).__name__, env=config.QMSDESK_PLAINTEXT_KEYRING.name)
    return None


def _describe(backend) -> str:
    """The store as the user should read it: a plaintext file is called a plaintext file."""
    backend = _first(backend)
    name = f"{type(backend).__module__.rsplit('.', 1)[-1]}.{type(backend).__name__}"  # SecretService.Keyring
    if is_plaintext_backend(backend):
        return msg("明文文件钥匙串（{b}，未加密，私钥以 base64 明文写在 {f}）",
                   "plaintext file keyring ({b}, not encrypted: the private key is written as base64 in {f})",
                   b=name, f=getattr(backend, "file_path", "?"))
    return msg("系统钥匙串（{b}）", "system keyring ({b})", b=name)


class KeyringStore:
    """Secrets in the OS keyring under service "qmsdesk"."""

    def __init__(self, backend=None) -> None:
        self._backend = backend or _keyring().get_keyring()
        self.description = _describe(self._backend)

    def _call(self, fn, *args):
        from keyring.errors import KeyringError

        try:
            return fn(SERVICE, *args)
        except KeyringError as exc:
            raise KeyStoreError(msg("系统钥匙串出错：{e}", "The system keyring failed: {e}", e=exc)) from exc

    def get(self, name: str) -> str | None:
        return self._call(self._backend.get_password, name)

    def set(self, name: str, value: str) -> None:
        self._call(self._backend.set_password, name, value)

    def delete(self, name: str) -> None:
        from keyring.errors import PasswordDeleteError

        try:
            self._call(self._backend.delete_password, name)
        except PasswordDeleteError:
            return


# --- the passphrase key file -------------------------------------------------------------------

def _derive(passphrase: str, salt: bytes) -> bytes:
    return Scrypt(salt=salt, length=32, n=SCRYPT_N, r=_SCRYPT_R, p=_SCRYPT_P).derive(passphrase.encode("utf-8"))


def write_atomically(path: Path, data: bytes, mode: int = 0o600) -> None:
    """Write via a temporary name + fsync + rename, so a crash never leaves half a file."""
    path.parent.mkdir(parents=True, exist_ok=True)
    fd, tmp = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".tmp", dir=path.parent)
    try:
        with os.fdopen(fd, "wb") as fh:
            fh.write(data)
            fh.flush()
            os.fsync(fh.fileno())
        os.chmod(tmp, mode)
        os.replace(tmp, path)
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise


class PassphraseFileStore:
    """Secrets in one JSON file, encrypted as a whole with a key derived from the user's passphrase."""

    def __init__(self, path: Path, passphrase: str) -> None:
        self.path = Path(path)
        self.description = msg("口令保护的密钥文件（{p}）", "passphrase-protected key file ({p})", p=self.path)
        if self.path.exists():
            self._salt, self._key, self._secrets = self._unlock(passphrase)
        else:
            if len(passphrase) < MIN_PASSPHRASE:
                raise KeyStoreError(msg("口令太短：至少需要 {n} 个字符。", "The passphrase is too short: at least {n} characters.",
                                        n=MIN_PASSPHRASE))
            self._salt, self._secrets = os.urandom(16), {}
            self._key = _derive(passphrase, self._salt)

    def _damaged(self, detail: object) -> KeyStoreError:
        return KeyStoreError(msg("密钥文件 {p} 已损坏（{d}），无法读取。可从备份恢复该文件，或重新导入登记文件生成新密钥。",
                                 "The key file {p} is damaged ({d}). Restore it from a backup, or enroll again to "
                                 "make a new key.", p=self.path, d=detail))

    def _unlock(self, passphrase: str) -> tuple[bytes, bytes, dict[str, str]]:
        try:
            doc = json.loads(self.path.read_text(encoding="utf-8"))
            if doc.get("format") != _KEYFILE_FORMAT:
                raise ValueError("format")
            salt = crypto.b64d(doc["kdf"]["salt"])
            nonce, ciphertext = crypto.b64d(doc["nonce"]), crypto.b64d(doc["ciphertext"])
        except (OSError, ValueError, KeyError, TypeError, crypto.CryptoError) as exc:
            raise self._damaged(exc) from exc
        key = _derive(passphrase, salt)
        try:
            plain = AESGCM(key).decrypt(nonce, ciphertext, _KEYFILE_AAD)
        except InvalidTag as exc:
            raise KeyStoreError(msg("密钥文件口令不正确，请重新输入（注意大小写和输入法）。忘记口令只能重新登记并生成新密钥。",
                                    "Wrong passphrase for the key file; try again (check caps lock and input method). "
                                    "A forgotten passphrase means enrolling again with a new key.")) from exc
        return salt, key, json.loads(plain.decode("utf-8"))

    def _save(self) -> None:
        nonce = os.urandom(12)
        plain = json.dumps(self._secrets, sort_keys=True).encode("utf-8")
        doc = {
            "format": _KEYFILE_FORMAT, "format_version": 1, "cipher": "AES-256-GCM",
            "kdf": {"name": "scrypt", "n": SCRYPT_N, "r": _SCRYPT_R, "p": _SCRYPT_P, "salt": crypto.b64e(self._salt)},
            "nonce": crypto.b64e(nonce),
            "ciphertext": crypto.b64e(AESGCM(self._key).encrypt(nonce, plain, _KEYFILE_AAD)),
        }
        write_atomically(self.path, json.dumps(doc, indent=1).encode("utf-8"))

    def get(self, name: str) -> str | None:
        return self._secrets.get(name)

    def set(self, name: str, value: str) -> None:
        self._secrets[name] = value
        self._save()

    def delete(self, name: str) -> None:
        if self._secrets.pop(name, None) is not None:
            self._save()


def key_file_path(data_dir: Path | None = None) -> Path:
    from qmsdesk.config import data_dir as default_dir

    return (data_dir or default_dir()) / KEY_FILE_NAME


def open_key_store(*, passphrase: str | None = None, data_dir: Path | None = None) -> SecretStore:
    """The store for this machine: the OS keyring when it is safe, else the passphrase key file.

    Raises PassphraseRequired (with the reason) when the key file is needed and no passphrase was
    given here or in QMSDESK_KEY_PASSPHRASE; the window asks for one and calls again.
    """
    problem = keyring_problem()
    if problem is None:
        return KeyringStore()
    path = key_file_path(data_dir)
    passphrase = passphrase if passphrase is not None else config.env(config.QMSDESK_KEY_PASSPHRASE)
    if not passphrase:
        raise PassphraseRequired(problem, path, creating=not path.exists())
    return PassphraseFileStore(path, passphrase)


# --- the keys themselves -----------------------------------------------------------------------

def unit_secret_name(hospital_code: str, department_code: str, kind: str) -> str:
    return f"unit/{hospital_code}/{department_code}/{kind}"


OFFICE_SIGNING = "office/signing-key"
OFFICE_ENCRYPTION = "office/encryption-key"


@dataclass(frozen=True)
class PublicKeyExport:
    """A public key as it is shown and exchanged."""

    key_b64: str
    fingerprint: str


def public_export(key) -> PublicKeyExport:
    raw = crypto.raw_public(key)
    return PublicKeyExport(crypto.b64e(raw), crypto.fingerprint(raw))


def create_unit_key(store: SecretStore, hospital_code: str, department_code: str, *,
                    replace: bool = False) -> Ed25519PrivateKey:
    """The unit's Ed25519 signing key, made now unless one exists (re-enrolling keeps the office's trust)."""
    name = unit_secret_name(hospital_code, department_code, "signing-key")
    existing = store.get(name)
    if existing and not replace:
        return crypto.signing_key(existing)
    key = crypto.new_signing_key()
    store.set(name, crypto.b64e(crypto.raw_private(key)))
    return key


def load_unit_key(store: SecretStore, hospital_code: str, department_code: str) -> Ed25519PrivateKey:
    value = store.get(unit_secret_name(hospital_code, department_code, "signing-key"))
    if not value:
        raise KeyStoreError(msg(
            "在{s}中找不到本科室（{h}/{d}）的签名密钥。请先导入质控办发放的登记文件（qmsdesk enroll 登记文件）。",
            "No signing key for this unit ({h}/{d}) in the {s}. Import the enrollment file from the quality "
            "office first (qmsdesk enroll FILE).", s=store.description, h=hospital_code, d=department_code))
    return crypto.signing_key(value)


def set_upload_token(store: SecretStore, hospital_code: str, department_code: str, token: str) -> None:
    store.set(unit_secret_name(hospital_code, department_code, "upload-token"), token)


def get_upload_token(store: SecretStore, hospital_code: str, department_code: str) -> str | None:
    return store.get(unit_secret_name(hospital_code, department_code, "upload-token"))


@dataclass(frozen=True)
class OfficeKeys:
    """The quality office's key pair: Ed25519 to sign enrollments and receipts, X25519 to receive packages."""

    signing: Ed25519PrivateKey
    encryption: X25519PrivateKey

    @property
    def signing_public(self) -> PublicKeyExport:
        return public_export(self.signing)

    @property
    def encryption_public(self) -> PublicKeyExport:
        return public_export(self.encryption)


def generate_office_keys() -> OfficeKeys:
    return OfficeKeys(crypto.new_signing_key(), crypto.new_encryption_key())


def save_office_keys(store: SecretStore, keys: OfficeKeys) -> None:
    store.set(OFFICE_SIGNING, crypto.b64e(crypto.raw_private(keys.signing)))
    store.set(OFFICE_ENCRYPTION, crypto.b64e(crypto.raw_private(keys.encryption)))


def load_office_keys(store: SecretStore) -> OfficeKeys | None:
    signing, encryption = store.get(OFFICE_SIGNING), store.get(OFFICE_ENCRYPTION)
    if not signing or not encryption:
        return None
    return OfficeKeys(crypto.signing_key(signing), crypto.encryption_private_key(encryption))


def export_office_key_file(keys: OfficeKeys, path: Path, passphrase: str) -> None:
    """A passphrase-protected copy of the office keys (backup, or `package show --key FILE`)."""
    path = Path(path)
    if path.exists():
        raise KeyStoreError(msg("文件 {p} 已存在，不会覆盖。", "{p} already exists and is not overwritten.", p=path))
    save_office_keys(PassphraseFileStore(path, passphrase), keys)


def load_office_key_file(path: Path, passphrase: str) -> OfficeKeys:
    path = Path(path)
    if not path.is_file():
        raise KeyStoreError(msg("找不到质控办密钥文件 {p}。", "Office key file {p} not found.", p=path))
    keys = load_office_keys(PassphraseFileStore(path, passphrase))
    if keys is None:
        raise KeyStoreError(msg("文件 {p} 中没有质控办密钥。", "{p} holds no quality office keys.", p=path))
    return keys
