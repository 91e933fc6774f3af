//! WCAG 2.x colour contrast (relative luminance and contrast ratio), in integers.
//!
//! The page lets a council bring its own colours (the data file's `branding` section); a
//! pair that fails WCAG 2.2 AA is refused with its ratio, never used. The sRGB transfer
//! function (`((c/255 + 0.055) / 1.055)^2.4`) has no exact decimal form, so rather than
//! floating point the engine works it out in fixed-point integers ([`linear`]): each 8-bit
//! channel value's linear light, times 10^8, rounded half up (a test checks all 256 against
//! the formula and 50-digit decimal values; a 256-entry table was 0.7 kB more in the page's
//! first download). Luminance is then
//! an exact integer sum (× 10^12: the weights 0.2126, 0.7152 and 0.0722 are whole
//! ten-thousandths), and the pass/fail test is an exact integer comparison, so a ratio is
//! never rounded up to a pass: 4.499:1 fails 4.5:1. The rounding to 10^-8 moves a
//! luminance by at most 5 × 10^-9, far below any ratio that is shown (hundredths). WCAG 2.x writes the transfer's threshold as 0.03928 and sRGB as 0.04045:
//! no 8-bit value lies between them, so both give this table.

/// A colour written `#rrggbb`.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Rgb(pub u8, pub u8, pub u8);

impl Rgb {
    /// Reads `#rrggbb` (six hex digits, either case); anything else is None.
    pub fn parse(text: &str) -> Option<Rgb> {
        // By hand, not str::parse or from_str_radix: the page's first download stays small.
        let hex = text.strip_prefix('#')?.as_bytes();
        let nibble = |b: u8| (b as char).to_digit(16).map(|d| d as u8);
        let byte = |i: usize| Some(nibble(*hex.get(i)?)? * 16 + nibble(*hex.get(i + 1)?)?);
        (hex.len() == 6).then_some(())?;
        Some(Rgb(byte(0)?, byte(2)?, byte(4)?))
    }

    /// Relative luminance × 10^12 (0 for black, 10^12 for white).
    pub fn luminance(self) -> u64 {
        2126 * linear(self.0) + 7152 * linear(self.1) + 722 * linear(self.2)
    }
}

impl std::fmt::Display for Rgb {
    /// `#rrggbb`, lower case (by hand: no padded hex formatting in the first download).
    fn fmt(&self, f: &mut std::fmt::Formatter) -> std::fmt::Result {
        use std::fmt::Write;
        let hex = |n: u8| char::from(b"0123456789abcdef"[usize::from(n & 15)]);
        f.write_char('#')?;
        for c in [self.0, self.1, self.2] {
            f.write_char(hex(c >> 4))?;
            f.write_char(hex(c))?;
        }
        Ok(())
    }
}

/// What a colour pair is used for, and so the contrast WCAG 2.2 AA asks of it.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Use {
    /// Text of normal size: 4.5:1 (success criterion 1.4.3).
    Text,
    /// Large text, user interface components and focus indicators: 3:1 (1.4.3, 1.4.11).
    Graphic,
}

impl Use {
    /// The least ratio, in tenths (45 is 4.5:1).
    fn tenths(self) -> u64 {
        match self {
            Use::Text => 45,
            Use::Graphic => 30,
        }
    }

    fn words(self) -> &'static str {
        match self {
            Use::Text => "text needs at least 4.5:1",
            Use::Graphic => "a user interface component or focus indicator needs at least 3:1",
        }
    }
}

/// `L + 0.05`, × 10^12.
fn lifted(l: u64) -> u64 {
    l + 50_000_000_000
}

/// The contrast ratio of two colours in hundredths, rounded half up (454 is 4.54:1).
pub fn ratio_hundredths(a: Rgb, b: Rgb) -> u64 {
    let (x, y) = (lifted(a.luminance()), lifted(b.luminance()));
    let (hi, lo) = (x.max(y), x.min(y));
    // (hi / lo) × 100, rounded half up: (200·hi + lo) / (2·lo). hi ≤ 1.05 × 10^12, so no overflow.
    (200 * hi + lo) / (2 * lo)
}

/// Whether the pair meets `need`: exactly, with no rounding (hi / lo ≥ tenths / 10).
pub fn meets(a: Rgb, b: Rgb, need: Use) -> bool {
    let (x, y) = (lifted(a.luminance()), lifted(b.luminance()));
    10 * x.max(y) >= need.tenths() * x.min(y)
}

/// Why `fore` on `back` is refused for `need`, or None if it passes:
/// `#7fbf7f on #ffffff is 2.17:1; text needs at least 4.5:1`. A failing ratio that would
/// round up to the limit is shown rounded down (4.49, not 4.5), so the message never reads
/// as a pass.
pub fn contrast_problem(fore: Rgb, back: Rgb, need: Use) -> Option<String> {
    if meets(fore, back, need) {
        return None;
    }
    let shown = ratio_hundredths(fore, back).min(need.tenths() * 10 - 1);
    Some(format!(
        "{fore} on {back} is {}:1; {}",
        hundredths(shown),
        need.words()
    ))
}

/// 454 → "4.54", 210 → "2.1", 2100 → "21".
pub fn hundredths(n: u64) -> String {
    let (whole, part) = (n / 100, n % 100);
    // By hand (the whole part is at most 21): no integer formatting in the first download.
    let digit = |n: u64| char::from(b'0' + (n % 10) as u8);
    let mut out = String::new();
    if whole >= 10 {
        out.push(digit(whole / 10));
    }
    out.push(digit(whole));
    if part > 0 {
        out.push('.');
        out.push(char::from(b'0' + (part / 10) as u8));
        if part % 10 > 0 {
            out.push(char::from(b'0' + (part % 10) as u8));
        }
    }
    out
}

/// Fixed-point scale for [`linear`]'s working: 10^15.
const S: u128 = 1_000_000_000_000_000;

/// `a × b` of two fixed-point numbers at scale [`S`], rounded half up.
fn mul(a: u128, b: u128) -> u128 {
    (a * b + S / 2) / S
}

/// Linear light of an 8-bit sRGB channel value, × 10^8, rounded half up: `c/255/12.92` up
/// to 10, else `((c/255 + 0.055) / 1.055)^2.4`. In integers: v = (1000c + 14025) / 269025
/// exactly; v^2.4 = v^2 × (v^2)^(1/5), the fifth root found by bisection at scale 10^15
/// (v^2 is at least 0.0087, so the working keeps 12 or more significant digits, far
/// beyond the 8 kept).
pub fn linear(c: u8) -> u64 {
    let c = u128::from(c);
    if c <= 10 {
        // c × 10^8 / (255 × 12.92) = c × 10^10 / 329460.
        return ((2 * c * 10_000_000_000 + 329_460) / 658_920) as u64;
    }
    let v = (2 * (1000 * c + 14_025) * S + 269_025) / 538_050;
    let v2 = mul(v, v);
    let (mut lo, mut hi) = (0u128, S);
    while lo < hi {
        let mid = (lo + hi).div_ceil(2);
        let m2 = mul(mid, mid);
        if mul(mul(m2, m2), mid) <= v2 {
            lo = mid;
        } else {
            hi = mid - 1;
        }
    }
    let y = mul(v2, lo);
    ((y + 5_000_000) / 10_000_000) as u64
}

#[cfg(test)]
mod tests {
    use super::*;

    const WHITE: Rgb = Rgb(255, 255, 255);
    const BLACK: Rgb = Rgb(0, 0, 0);

    fn rgb(s: &str) -> Rgb {
        Rgb::parse(s).unwrap()
    }

    #[test]
    fn known_wcag_pairs() {
        // The grey that is the usual example of "just passes" and its neighbour that fails.
        assert_eq!(ratio_hundredths(rgb("#767676"), WHITE), 454);
        assert!(meets(rgb("#767676"), WHITE, Use::Text));
        assert_eq!(ratio_hundredths(rgb("#777777"), WHITE), 448);
        assert!(!meets(rgb("#777777"), WHITE, Use::Text));
        assert!(meets(rgb("#777777"), WHITE, Use::Graphic));
        // Black on white is 21:1, the greatest; a colour on itself 1:1.
        assert_eq!(ratio_hundredths(BLACK, WHITE), 2100);
        assert_eq!(ratio_hundredths(WHITE, BLACK), 2100);
        assert_eq!(ratio_hundredths(rgb("#1d70b8"), rgb("#1d70b8")), 100);
        // GOV.UK's link blue on white (5.17:1) and its text on its focus yellow.
        assert_eq!(ratio_hundredths(rgb("#1d70b8"), WHITE), 517);
        assert!(meets(rgb("#0b0c0c"), rgb("#ffdd00"), Use::Text));
        // #949494 on white is 3.03:1: passes 3:1, fails 4.5:1. #959595 is 2.99:1.
        assert_eq!(ratio_hundredths(rgb("#949494"), WHITE), 303);
        assert!(meets(rgb("#949494"), WHITE, Use::Graphic));
        assert!(!meets(rgb("#959595"), WHITE, Use::Graphic));
    }

    #[test]
    fn a_failing_pair_is_named_with_its_ratio() {
        assert_eq!(
            contrast_problem(rgb("#7fbf7f"), WHITE, Use::Text).as_deref(),
            Some("#7fbf7f on #ffffff is 2.17:1; text needs at least 4.5:1")
        );
        assert_eq!(contrast_problem(rgb("#767676"), WHITE, Use::Text), None);
        assert_eq!(
            contrast_problem(rgb("#959595"), WHITE, Use::Graphic).as_deref(),
            Some("#959595 on #ffffff is 2.99:1; a user interface component or focus indicator needs at least 3:1")
        );
    }

    #[test]
    fn a_near_miss_is_never_shown_as_the_limit() {
        // Find a pair that fails 4.5:1 but whose ratio rounds to 4.50; its message says 4.49.
        let near = (0..=255u8)
            .flat_map(|g| (0..=255u8).map(move |b| Rgb(0, g, b)))
            .find(|&c| !meets(c, WHITE, Use::Text) && ratio_hundredths(c, WHITE) == 450)
            .expect("some blue-green just misses 4.5:1");
        let message = contrast_problem(near, WHITE, Use::Text).unwrap();
        assert!(message.contains(" is 4.49:1;"), "{message}");
    }

    #[test]
    fn reads_only_six_digit_hex() {
        assert_eq!(Rgb::parse("#1D70b8"), Some(Rgb(0x1d, 0x70, 0xb8)));
        for bad in [
            "1d70b8", "#1d70b", "#1d70b80", "#fff", "#gggggg", "red", "", "#",
        ] {
            assert_eq!(Rgb::parse(bad), None, "{bad}");
        }
        assert_eq!(Rgb(0x1d, 0x70, 0xb8).to_string(), "#1d70b8");
    }

    #[test]
    fn the_fixed_point_transfer_is_the_srgb_formula() {
        // Recomputed here in floating point (tests only: the engine never uses it), to
        // within the rounding to 10^-8.
        let all: Vec<u64> = (0..=255u8).map(linear).collect();
        for (c, &fixed) in all.iter().enumerate() {
            let s = c as f64 / 255.0;
            let v = if s <= 0.04045 {
                s / 12.92
            } else {
                ((s + 0.055) / 1.055).powf(2.4)
            };
            assert!(
                (v * 1e8 - fixed as f64).abs() <= 0.5 + 1e-6,
                "{c}: {fixed} vs {}",
                v * 1e8
            );
        }
        assert!(all.windows(2).all(|w| w[0] < w[1]));
        // The first and last values, from 50-digit decimal arithmetic.
        assert_eq!(
            &all[..12],
            &[
                0, 30353, 60705, 91058, 121411, 151763, 182116, 212469, 242822, 273174, 303527,
                334654
            ]
        );
        assert_eq!(all[255], 100_000_000);
        assert_eq!(WHITE.luminance(), 1_000_000_000_000);
    }
}
