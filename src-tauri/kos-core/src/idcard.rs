//! Chinese resident ID numbers (居民身份证号码) per GB 11643-1999 (B-10): 6-digit region code, 8-digit birth
//! date, 3-digit sequence, ISO 7064 MOD 11-2 check character (0-9 or X).

use chrono::NaiveDate;

const WEIGHTS: [u32; 17] = [7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2];
const CHECK_CHARS: [char; 11] = ['1', '0', 'X', '9', '8', '7', '6', '5', '4', '3', '2'];

/// Province-level prefixes (first two digits) in use.
const PROVINCES: [u32; 34] = [
    11, 12, 13, 14, 15, 21, 22, 23, 31, 32, 33, 34, 35, 36, 37, 41, 42, 43, 44, 45, 46, 50, 51, 52, 53, 54, 61, 62, 63,
    64, 65, 71, 81, 82,
];

/// Why an ID number is not valid; each has a Chinese message for the form.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum IdCardError {
    Length,
    Characters,
    Region,
    BirthDate,
    CheckDigit,
}

impl IdCardError {
    pub fn message_zh(self) -> &'static str {
        match self {
            Self::Length => "身份证号码应为 18 位",
            Self::Characters => "身份证号码前 17 位须为数字，最后一位为数字或 X",
            Self::Region => "身份证号码的地区码无效",
            Self::BirthDate => "身份证号码中的出生日期无效",
            Self::CheckDigit => "身份证号码校验位不正确，请核对",
        }
    }
    pub fn message_en(self) -> &'static str {
        match self {
            Self::Length => "An ID number has 18 characters",
            Self::Characters => "The first 17 characters must be digits and the last a digit or X",
            Self::Region => "The region code of the ID number is not valid",
            Self::BirthDate => "The birth date in the ID number is not valid",
            Self::CheckDigit => "The check character of the ID number is wrong",
        }
    }
}

/// The MOD 11-2 check character for the first 17 digits.
pub fn check_char(first17: &[u8]) -> char {
    let sum: u32 = first17.iter().zip(WEIGHTS).map(|(d, w)| u32::from(d - b'0') * w).sum();
    CHECK_CHARS[(sum % 11) as usize]
}

/// Normalises (trims, upper-cases a trailing x) and validates an ID number; `today` bounds the birth date.
pub fn validate(raw: &str, today: NaiveDate) -> Result<String, IdCardError> {
    let id = raw.trim().to_ascii_uppercase();
    if id.chars().count() != 18 {
        return Err(IdCardError::Length);
    }
    let b = id.as_bytes();
    if !b[..17].iter().all(u8::is_ascii_digit) || !(b[17].is_ascii_digit() || b[17] == b'X') {
        return Err(IdCardError::Characters);
    }
    let province = u32::from(b[0] - b'0') * 10 + u32::from(b[1] - b'0');
    if !PROVINCES.contains(&province) || &id[2..6] == "0000" {
        return Err(IdCardError::Region);
    }
    let birth = NaiveDate::parse_from_str(&id[6..14], "%Y%m%d").map_err(|_| IdCardError::BirthDate)?;
    if birth > today || birth < NaiveDate::from_ymd_opt(1900, 1, 1).unwrap_or(birth) {
        return Err(IdCardError::BirthDate);
    }
    if check_char(&b[..17]) != char::from(b[17]) {
        return Err(IdCardError::CheckDigit);
    }
    Ok(id)
}

/// Display form: the last 4 characters only (`**************002X`). Region and birth date are hidden too:
/// with them, trying the few thousand remaining sequences against a leaked hash recovers the number.
pub fn mask(id: &str) -> String {
    let chars: Vec<char> = id.chars().collect();
    if chars.len() != 18 {
        return "*".repeat(chars.len());
    }
    let tail: String = chars[14..].iter().collect();
    format!("{}{tail}", "*".repeat(14))
}

/// Builds a valid ID number from a region code, a birth date and a 3-digit sequence (demo and tests).
pub fn compose(region: u32, birth: NaiveDate, sequence: u32) -> String {
    let first17 = format!("{:06}{}{:03}", region % 1_000_000, birth.format("%Y%m%d"), sequence % 1000);
    let c = check_char(first17.as_bytes());
    format!("{first17}{c}")
}

#[cfg(test)]
mod tests {
    use super::*;

    fn today() -> NaiveDate {
        NaiveDate::from_ymd_opt(2026, 11, 26).unwrap()
    }

    #[test]
    fn b10_accepts_the_standard_example_with_x() {
        // GB 11643-1999's appendix example
        assert_eq!(validate("11010519491231002x", today()), Ok("11010519491231002X".into()));
    }

    #[test]
    fn b10_rejects_each_kind_of_error() {
        assert_eq!(validate("1101051949123100", today()), Err(IdCardError::Length));
        assert_eq!(validate("11010519491231A02X", today()), Err(IdCardError::Characters));
        assert_eq!(validate("99010519491231002X", today()), Err(IdCardError::Region));
        assert_eq!(
            validate(&compose(110105, today(), 1).replace("2026", "2027"), today()),
            Err(IdCardError::BirthDate)
        );
        assert_eq!(validate("110105194902300021", today()), Err(IdCardError::BirthDate));
        assert_eq!(validate("110105194912310021", today()), Err(IdCardError::CheckDigit));
    }

    #[test]
    fn b10_compose_round_trips() {
        let birth = NaiveDate::from_ymd_opt(1995, 2, 28).unwrap();
        for seq in [0, 7, 123, 999] {
            let id = compose(310104, birth, seq);
            assert_eq!(validate(&id, today()), Ok(id.clone()));
        }
    }

    #[test]
    fn masks_birth_date_and_sequence() {
        assert_eq!(mask("11010519491231002X"), "**************002X");
        assert_eq!(mask("110105194912310"), "***************");
    }
}
