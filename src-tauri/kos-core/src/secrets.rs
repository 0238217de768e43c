//! The keyed HMAC used for ID numbers (PIPL: never stored in plain text). The key lives in the operating
//! system's key store (or an explicit key file outside the database's folder), never inside or beside the
//! database: a copy of the database folder alone cannot be matched against ID numbers (crate::vault).

use std::path::{Path, PathBuf};

use hmac::{Hmac, Mac};
use sha2::Sha256;

use crate::error::{CoreError, CoreResult};

#[derive(Clone)]
pub struct Secrets {
    key: [u8; 32],
}

impl std::fmt::Debug for Secrets {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str("Secrets(..)")
    }
}

pub fn key_path_for(db_path: &Path) -> PathBuf {
    let mut p = db_path.as_os_str().to_owned();
    p.push(".key");
    PathBuf::from(p)
}

impl Secrets {
    pub fn from_key(key: [u8; 32]) -> Self {
        Secrets { key }
    }

    /// Reads a key file of the kind older installs kept beside the database (`<db>.key`, 64 hex digits).
    /// Never creates one: a missing key is the vault's to decide (crate::vault).
    pub fn read_key_file(path: &Path) -> CoreResult<Self> {
        let fail = |reason: String| CoreError::KeyFile { path: path.display().to_string(), reason };
        let text = std::fs::read_to_string(path).map_err(|e| fail(e.to_string()))?;
        let bytes = hex::decode(text.trim()).map_err(|e| fail(e.to_string()))?;
        let key: [u8; 32] = bytes.try_into().map_err(|_| fail("密钥长度应为 32 字节".into()))?;
        Ok(Secrets { key })
    }

    /// The raw key, for the vault to store and the backup to seal; nothing else encrypts with it.
    pub fn key_bytes(&self) -> &[u8; 32] {
        &self.key
    }

    /// HMAC-SHA256 of a normalised value, hex-encoded, with a purpose label so the same value hashed for
    /// different purposes never matches across them.
    pub fn hmac(&self, purpose: &str, value: &str) -> String {
        #[allow(clippy::expect_used)]
        let mut mac = <Hmac<Sha256> as Mac>::new_from_slice(&self.key).expect("HMAC takes keys of any length");
        mac.update(purpose.as_bytes());
        mac.update(&[0]);
        mac.update(value.as_bytes());
        hex::encode(mac.finalize().into_bytes())
    }

    pub fn id_number_hmac(&self, normalised_id: &str) -> String {
        self.hmac("id_number", normalised_id)
    }

    /// A 256-bit key for one purpose (e.g. encrypting employment-proof files), derived from the key file
    /// with HMAC-SHA256 over a purpose label, so the HMAC key itself never encrypts anything.
    pub fn derive_key(&self, purpose: &str) -> [u8; 32] {
        #[allow(clippy::expect_used)]
        let mut mac = <Hmac<Sha256> as Mac>::new_from_slice(&self.key).expect("HMAC takes keys of any length");
        mac.update(b"kos-desk derived key\0");
        mac.update(purpose.as_bytes());
        mac.finalize().into_bytes().into()
    }

    /// The account holder's real-name record (B-14, B-22): name and normalised ID number together.
    pub fn real_name_hmac(&self, name: &str, normalised_id: &str) -> String {
        self.hmac("real_name", &format!("{}|{normalised_id}", name.trim()))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_legacy_key_file_is_read_never_created() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("kos.db.key");
        assert!(Secrets::read_key_file(&path).is_err(), "a missing key file is an error, not a new key");
        assert!(!path.exists());
        std::fs::write(&path, hex::encode([5u8; 32])).unwrap();
        let a = Secrets::read_key_file(&path).unwrap();
        assert_eq!(a.key_bytes(), &[5u8; 32]);
        assert_ne!(a.id_number_hmac("11010519491231002X"), a.hmac("other", "11010519491231002X"));
        std::fs::write(&path, "abcd").unwrap();
        assert!(Secrets::read_key_file(&path).is_err());
    }

    #[test]
    fn different_keys_give_different_hashes() {
        let a = Secrets::from_key([1; 32]);
        let b = Secrets::from_key([2; 32]);
        assert_ne!(a.id_number_hmac("x"), b.id_number_hmac("x"));
    }
}
