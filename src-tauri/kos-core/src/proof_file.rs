//! Employment-proof files (在职证明/劳动合同, B-10) at rest: recognised by their magic bytes only, at most
//! 10 MB, encrypted with AES-256-GCM under a key derived from the installation key, named by the SHA-256 of
//! the plaintext (content-addressed). A file on disk is `KOSPROOF1` + 96-bit random nonce + ciphertext+tag;
//! the plaintext's SHA-256 is the associated data, so a file cannot be passed off under another name.

use aes_gcm::aead::{Aead, KeyInit, Payload};
use aes_gcm::{Aes256Gcm, Nonce};
use sha2::{Digest, Sha256};

use crate::error::{CoreError, CoreResult};
use crate::secrets::Secrets;

/// The largest proof accepted (B-10).
pub const MAX_PROOF_BYTES: u64 = 10 * 1024 * 1024;
pub const EXTENSION: &str = "kosproof";
const HEADER: &[u8] = b"KOSPROOF1";
const NONCE_LEN: usize = 12;
const KEY_PURPOSE: &str = "employment_proof_file_v1";

/// The file kinds accepted, by their first bytes (the name's extension is not trusted).
pub fn sniff_mime(bytes: &[u8]) -> Option<&'static str> {
    if bytes.starts_with(b"%PDF-") {
        Some("application/pdf")
    } else if bytes.starts_with(&[0x89, b'P', b'N', b'G', 0x0D, 0x0A, 0x1A, 0x0A]) {
        Some("image/png")
    } else if bytes.starts_with(&[0xFF, 0xD8, 0xFF]) {
        Some("image/jpeg")
    } else {
        None
    }
}

pub fn sha256_hex(bytes: &[u8]) -> String {
    hex::encode(Sha256::digest(bytes))
}

/// A proof id is the lower-case hex SHA-256 of the plaintext.
pub fn is_proof_id(s: &str) -> bool {
    s.len() == 64 && s.bytes().all(|b| b.is_ascii_digit() || (b'a'..=b'f').contains(&b))
}

fn cipher(secrets: &Secrets) -> Aes256Gcm {
    let key = secrets.derive_key(KEY_PURPOSE);
    Aes256Gcm::new(&key.into())
}

fn crypto_error(reason_en: &str) -> CoreError {
    CoreError::File {
        path: String::new(),
        reason_zh: format!("在职证明文件无法加解密（{reason_en}）"),
        reason_en: format!("The employment proof cannot be encrypted or decrypted ({reason_en})"),
    }
}

/// Encrypts a plaintext whose SHA-256 is `sha256` with a fresh random nonce.
pub fn seal(secrets: &Secrets, sha256: &str, plaintext: &[u8]) -> CoreResult<Vec<u8>> {
    let mut nonce = [0u8; NONCE_LEN];
    getrandom::fill(&mut nonce).map_err(|_| crypto_error("no random nonce"))?;
    let ct = cipher(secrets)
        .encrypt(Nonce::from_slice(&nonce), Payload { msg: plaintext, aad: sha256.as_bytes() })
        .map_err(|_| crypto_error("encrypt"))?;
    let mut out = Vec::with_capacity(HEADER.len() + NONCE_LEN + ct.len());
    out.extend_from_slice(HEADER);
    out.extend_from_slice(&nonce);
    out.extend_from_slice(&ct);
    Ok(out)
}

/// Decrypts a stored file and checks that it is the proof named `sha256`.
pub fn open(secrets: &Secrets, sha256: &str, stored: &[u8]) -> CoreResult<Vec<u8>> {
    let body = stored.strip_prefix(HEADER).ok_or_else(|| crypto_error("not a KOS proof file"))?;
    if body.len() < NONCE_LEN {
        return Err(crypto_error("truncated"));
    }
    let (nonce, ct) = body.split_at(NONCE_LEN);
    let plain = cipher(secrets)
        .decrypt(Nonce::from_slice(nonce), Payload { msg: ct, aad: sha256.as_bytes() })
        .map_err(|_| crypto_error("authentication failed"))?;
    if sha256_hex(&plain) != sha256 {
        return Err(crypto_error("content does not match its name"));
    }
    Ok(plain)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn b10_magic_bytes_decide_the_kind() {
        assert_eq!(sniff_mime(b"%PDF-1.7\n..."), Some("application/pdf"));
        assert_eq!(sniff_mime(&[0x89, b'P', b'N', b'G', 0x0D, 0x0A, 0x1A, 0x0A, 0]), Some("image/png"));
        assert_eq!(sniff_mime(&[0xFF, 0xD8, 0xFF, 0xE0]), Some("image/jpeg"));
        assert_eq!(sniff_mime(b"PK\x03\x04 a zip called contract.pdf"), None);
        assert_eq!(sniff_mime(b""), None);
    }

    #[test]
    fn sealed_files_round_trip_and_hide_the_plaintext() {
        let s = Secrets::from_key([7; 32]);
        let plain = b"%PDF-1.4 labour contract of a test employee".to_vec();
        let sha = sha256_hex(&plain);
        let a = seal(&s, &sha, &plain).unwrap();
        let b = seal(&s, &sha, &plain).unwrap();
        assert_ne!(a, b, "a fresh nonce per file");
        assert!(!a.windows(12).any(|w| w == &plain[..12]));
        assert_eq!(open(&s, &sha, &a).unwrap(), plain);
        let other = sha256_hex(b"x");
        assert!(open(&s, &other, &a).is_err(), "bound to its name");
        assert!(open(&Secrets::from_key([8; 32]), &sha, &a).is_err(), "another installation's key fails");
        let mut tampered = a.clone();
        let last = tampered.len() - 1;
        tampered[last] ^= 1;
        assert!(open(&s, &sha, &tampered).is_err());
        assert!(is_proof_id(&sha) && !is_proof_id("../etc/passwd"));
    }
}
