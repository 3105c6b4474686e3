//! The unified social credit code (统一社会信用代码), GB 32100-2015.
//!
//! 18 characters from a 31-character alphabet (digits and capital letters without I, O, S, V, Z):
//! 1 registration authority, 2 organisation type, 3–8 administrative division code (digits),
//! 9–17 organisation code, 18 check character. The check character makes
//! `Σ value(cᵢ)·3^(i−1) mod 31` over all 18 characters come out right (weights 1, 3, 9, 27, 19, …).
use serde::{Deserialize, Serialize};

const ALPHABET: &[u8; 31] = b"0123456789ABCDEFGHJKLMNPQRTUWXY";
const WEIGHTS: [u32; 17] = [1, 3, 9, 27, 19, 26, 16, 17, 20, 29, 25, 13, 8, 24, 10, 30, 28];

/// Why a string is not a valid credit code (positions count from 1).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, thiserror::Error)]
#[serde(rename_all = "snake_case")]
pub enum CreditCodeProblem {
    #[error("a credit code has 18 characters, this one has {len}")]
    Length { len: usize },
    #[error("character {position} ({found:?}) is not allowed (no I, O, S, V, Z, no lower case)")]
    Character { position: usize, found: char },
    #[error("characters 3 to 8 are the administrative division code and must be digits")]
    Division { position: usize },
    #[error("the check character should be {expected:?}, not {found:?}")]
    CheckDigit { expected: char, found: char },
}

fn value(c: u8) -> Option<u32> {
    ALPHABET.iter().position(|&a| a == c).map(|p| p as u32)
}

/// The check character for the first 17 characters (which must be in the alphabet).
pub fn check_char(first17: &[u8]) -> Option<char> {
    let mut sum = 0u32;
    for (c, w) in first17.iter().zip(WEIGHTS) {
        sum += value(*c)? * w;
    }
    let v = (31 - sum % 31) % 31;
    Some(ALPHABET[v as usize] as char)
}

/// Normalise (trim, upper-case) and validate a credit code.
pub fn validate(input: &str) -> Result<String, CreditCodeProblem> {
    let code: String = input.trim().to_uppercase();
    let len = code.chars().count();
    if len != 18 {
        return Err(CreditCodeProblem::Length { len });
    }
    let bytes = code.as_bytes();
    for (i, ch) in code.chars().enumerate() {
        if !ch.is_ascii() || value(ch as u8).is_none() {
            return Err(CreditCodeProblem::Character { position: i + 1, found: ch });
        }
    }
    if let Some(i) = (2..8).find(|&i| !bytes[i].is_ascii_digit()) {
        return Err(CreditCodeProblem::Division { position: i + 1 });
    }
    let expected = check_char(&bytes[..17]).expect("alphabet checked above");
    let found = bytes[17] as char;
    if expected != found {
        return Err(CreditCodeProblem::CheckDigit { expected, found });
    }
    Ok(code)
}

/// Complete 17 characters into a valid code (for demo data and generators).
pub fn complete(first17: &str) -> String {
    let c = check_char(first17.as_bytes()).expect("17 characters of the alphabet");
    format!("{first17}{c}")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_published_example_validates() {
        // A widely published sample code (its check character is correct per GB 32100-2015).
        assert_eq!(validate("91350100M000100Y43"), Ok("91350100M000100Y43".into()));
    }

    #[test]
    fn lower_case_and_spaces_are_normalised() {
        assert_eq!(validate(" 91350100m000100y43 "), Ok("91350100M000100Y43".into()));
    }

    #[test]
    fn a_wrong_check_character_says_which_one_is_expected() {
        assert_eq!(validate("91350100M000100Y44"), Err(CreditCodeProblem::CheckDigit { expected: '3', found: '4' }));
    }

    #[test]
    fn wrong_length_and_letters_are_explained() {
        assert_eq!(validate("9135"), Err(CreditCodeProblem::Length { len: 4 }));
        assert_eq!(validate("91350100M000100I43"), Err(CreditCodeProblem::Character { position: 16, found: 'I' }));
        assert_eq!(validate("913501A0M000100Y43"), Err(CreditCodeProblem::Division { position: 7 }));
    }

    #[test]
    fn completed_codes_validate() {
        let c = complete("91310104MA1FL0XY1");
        assert_eq!(validate(&c), Ok(c.clone()));
    }
}
