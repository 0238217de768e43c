//! The keyed HMAC used for ID numbers (PIPL: never stored in plain text). The key lives in its own file
//! beside the database (`<db>.key`, mode 0600), never inside it: a copy of the database alone cannot be
//! matched against ID numbers.

use std::io::Write;
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

    /// Reads the key file, creating it with a fresh random key when missing.
    pub fn load_or_create(path: &Path) -> CoreResult<Self> {
        let fail = |reason: String| CoreError::KeyFile { path: path.display().to_string(), reason };
        match std::fs::read_to_string(path) {
            Ok(text) => {
                let bytes = hex::decode(text.trim()).map_err(|e| fail(e.to_string()))?;
                let key: [u8; 32] = bytes.try_into().map_err(|_| fail("密钥长度应为 32 字节".into()))?;
                Ok(Secrets { key })
            }
            Err(e) if e.kind() == std::io::ErrorKind::NotFound => {
                let mut key = [0u8; 32];
                getrandom::fill(&mut key).map_err(|e| fail(e.to_string()))?;
                let mut opts = std::fs::OpenOptions::new();
                opts.write(true).create_new(true);
                #[cfg(unix)]
                {
                    use std::os::unix::fs::OpenOptionsExt;
                    opts.mode(0o600);
                }
                let mut f = opts.open(path).map_err(|e| fail(e.to_string()))?;
                f.write_all(hex::encode(key).as_bytes()).map_err(|e| fail(e.to_string()))?;
                Ok(Secrets { key })
            }
            Err(e) => Err(fail(e.to_string())),
        }
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
    fn key_file_is_created_once_and_reused() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("kos.db.key");
        let a = Secrets::load_or_create(&path).unwrap();
        let b = Secrets::load_or_create(&path).unwrap();
        assert_eq!(a.id_number_hmac("11010519491231002X"), b.id_number_hmac("11010519491231002X"));
        assert_ne!(a.id_number_hmac("11010519491231002X"), a.hmac("other", "11010519491231002X"));
        #[cfg(unix)]
        {
            use std::os::unix::fs::PermissionsExt;
            assert_eq!(std::fs::metadata(&path).unwrap().permissions().mode() & 0o777, 0o600);
        }
    }

    #[test]
    fn different_keys_give_different_hashes() {
        let a = Secrets::from_key([1; 32]);
        let b = Secrets::from_key([2; 32]);
        assert_ne!(a.id_number_hmac("x"), b.id_number_hmac("x"));
    }
}
