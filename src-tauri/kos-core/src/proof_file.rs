//! Employment-proof files (在职证明/劳动合同, B-10) at rest: recognised by their magic bytes, then validated
//! as whole files (an image decodes to its end marker with nothing after it, a PDF parses and has a page), at
//! most 10 MB, encrypted with AES-256-GCM under a key derived from the installation key, named by the SHA-256 of
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

/// A proof as a whole file: its kind by the first bytes, then the whole content checked as that kind. A PNG
/// or JPEG must decode completely and end at its end marker (a PNG followed by an HTML page is refused); a
/// PDF must parse (its compressed streams bounded) and have at least one page. Returns the MIME type.
pub fn validate(bytes: &[u8]) -> CoreResult<&'static str> {
    let mime = sniff_mime(bytes).ok_or_else(|| {
        CoreError::invalid(
            "path",
            "在职证明/劳动合同只接受 PDF、JPEG 或 PNG 文件（按文件内容识别，改扩展名无效）(B-10)",
            "Employment proofs must be PDF, JPEG or PNG files (recognised by content, not by name) (B-10)",
        )
    })?;
    match mime {
        "image/png" => check_png(bytes)?,
        "image/jpeg" => check_jpeg(bytes)?,
        _ => check_pdf(bytes)?,
    }
    Ok(mime)
}

/// The widest or tallest image accepted, in pixels (a page scanned at 600 dpi is about 7,000).
pub const MAX_IMAGE_SIDE: u32 = 12_000;

fn not_valid(kind_zh: &str, kind_en: &str, why_zh: &str, why_en: &str) -> CoreError {
    CoreError::invalid(
        "path",
        format!("文件不是有效的 {kind_zh}：{why_zh}。请用原软件重新导出，或拍照/截图另存为 PDF、JPEG、PNG 后再上传 (B-10)"),
        format!("The file is not a valid {kind_en}: {why_en}. Export it again, or save a photo or screenshot as PDF, JPEG or PNG, and upload that (B-10)"),
    )
}

fn trailing(kind_zh: &str, kind_en: &str, extra: usize) -> CoreError {
    not_valid(
        kind_zh,
        kind_en,
        &format!("图片结束之后还有 {extra} 字节的其他内容（例如附带的视频或网页），可能被篡改"),
        &format!("{extra} bytes of other content follow the end of the image (such as an attached video or a web page); it may have been tampered with"),
    )
}

fn check_png(bytes: &[u8]) -> CoreResult<()> {
    let bad = |e: &dyn std::fmt::Display| {
        not_valid(
            "PNG 图片",
            "PNG image",
            &format!("无法完整解码（{e}）"),
            &format!("it does not decode completely ({e})"),
        )
    };
    // the chunks, from the signature to IEND: nothing may follow it
    let mut at = 8usize;
    let end = loop {
        let Some(head) = bytes.get(at..at + 8) else {
            return Err(bad(&"truncated before IEND"));
        };
        let len = u32::from_be_bytes([head[0], head[1], head[2], head[3]]) as usize;
        let next = at.checked_add(12).and_then(|x| x.checked_add(len)).filter(|n| *n <= bytes.len());
        let Some(next) = next else {
            return Err(bad(&"a chunk runs past the end of the file"));
        };
        if &head[4..8] == b"IEND" {
            break next;
        }
        at = next;
    };
    if end < bytes.len() {
        return Err(trailing("PNG 图片", "PNG image", bytes.len() - end));
    }
    // every pixel row decoded (CRCs and compressed data checked), one row in memory at a time
    let mut decoder = png::Decoder::new(std::io::Cursor::new(bytes));
    decoder.set_limits(png::Limits { bytes: 64 * 1024 * 1024 });
    let mut reader = decoder.read_info().map_err(|e| bad(&e))?;
    let info = reader.info();
    if info.width > MAX_IMAGE_SIDE || info.height > MAX_IMAGE_SIDE {
        return Err(bad(&format!("{} × {} pixels, over {MAX_IMAGE_SIDE}", info.width, info.height)));
    }
    while reader.next_row().map_err(|e| bad(&e))?.is_some() {}
    reader.finish().map_err(|e| bad(&e))?;
    Ok(())
}

/// Where a JPEG's EOI marker ends, walking its segments and entropy-coded scans.
fn jpeg_end(bytes: &[u8]) -> Option<usize> {
    let mut i = 2;
    loop {
        if *bytes.get(i)? != 0xFF {
            return None;
        }
        while *bytes.get(i)? == 0xFF {
            i += 1;
        }
        let marker = bytes[i];
        i += 1;
        match marker {
            0xD9 => return Some(i),
            0x01 | 0xD0..=0xD7 => continue,
            _ => {
                let len = usize::from(u16::from_be_bytes([*bytes.get(i)?, *bytes.get(i + 1)?]));
                if len < 2 {
                    return None;
                }
                i += len;
                if marker == 0xDA {
                    // entropy-coded data up to the next marker that is not a stuffed byte or a restart
                    loop {
                        let j = i + bytes.get(i..)?.iter().position(|&b| b == 0xFF)?;
                        match *bytes.get(j + 1)? {
                            0x00 | 0xD0..=0xD7 => i = j + 2,
                            0xFF => i = j + 1,
                            _ => {
                                i = j;
                                break;
                            }
                        }
                    }
                }
            }
        }
    }
}

fn check_jpeg(bytes: &[u8]) -> CoreResult<()> {
    use zune_jpeg::zune_core::{colorspace::ColorSpace, options::DecoderOptions};
    let bad = |e: &dyn std::fmt::Display| {
        not_valid(
            "JPEG 图片",
            "JPEG image",
            &format!("无法完整解码（{e}）"),
            &format!("it does not decode completely ({e})"),
        )
    };
    let end = jpeg_end(bytes).ok_or_else(|| bad(&"no end marker"))?;
    // zero padding after the end marker is what some scanners write; anything else is another file
    if bytes[end..].iter().any(|&b| b != 0) {
        return Err(trailing("JPEG 图片", "JPEG image", bytes.len() - end));
    }
    let side = MAX_IMAGE_SIDE as usize;
    // decoded to grey: every coefficient of every scan is still read, in a third of the memory
    let options = DecoderOptions::default()
        .set_max_width(side)
        .set_max_height(side)
        .set_strict_mode(true)
        .jpeg_set_out_colorspace(ColorSpace::Luma);
    let mut decoder = zune_jpeg::JpegDecoder::new_with_options(std::io::Cursor::new(bytes), options);
    decoder.decode().map_err(|e| bad(&e))?;
    Ok(())
}

/// The most one compressed stream of a PDF may unpack to while it is parsed (object and cross-reference
/// streams are small; page content is not unpacked here).
const MAX_PDF_STREAM: usize = 16 * 1024 * 1024;

fn check_pdf(bytes: &[u8]) -> CoreResult<()> {
    let bad = |why_zh: &str, why_en: &str| not_valid("PDF 文件", "PDF file", why_zh, why_en);
    let options = lopdf::LoadOptions { max_decompressed_size: Some(MAX_PDF_STREAM), ..Default::default() };
    let doc = lopdf::Document::load_mem_with_options(bytes, options).map_err(|e| {
        bad(
            &format!("无法解析，可能已损坏或设置了打开密码（{e}）"),
            &format!("it does not parse; it may be damaged or password-protected ({e})"),
        )
    })?;
    if doc.get_pages().is_empty() {
        return Err(bad("没有任何页面", "it has no pages"));
    }
    // after the last end-of-file marker only white space may follow
    let eof = bytes.windows(5).rposition(|w| w == b"%%EOF").map(|i| i + 5);
    match eof {
        None => {
            return Err(bad("缺少文件结束标记 %%EOF，文件不完整", "it has no %%EOF marker; the file is incomplete"))
        }
        Some(e) if bytes[e..].iter().any(|b| !b.is_ascii_whitespace() && *b != 0) => {
            let extra = bytes.len() - e;
            return Err(bad(
                &format!("文件结束标记之后还有 {extra} 字节的其他内容，可能被篡改"),
                &format!("{extra} bytes of other content follow its end; it may have been tampered with"),
            ));
        }
        Some(_) => {}
    }
    Ok(())
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
