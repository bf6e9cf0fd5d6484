//! Money as an exact decimal in the document's unit ([`MoneyUnit`]), amounts
//! that carry their unit across boundaries ([`Amount`], [`Stated`]) with the
//! one conversion between units, parsing from what people type or paste,
//! and the one display rounding rule.
//!
//! Rounding rule (used everywhere a figure is shown): amounts and shares are
//! rounded half away from zero (四舍五入) to 2 decimals, once, at display.
//! Shares that must add up to 100.00% use the largest-remainder method, see
//! [`shares`].

use rust_decimal::{Decimal, RoundingStrategy};
use serde::{Deserialize, Serialize};
use std::fmt;
use std::iter::Sum;
use std::ops::{Add, AddAssign, Neg, Sub};
use std::str::FromStr;

/// An amount of money in the document's unit (`meta.unit`), stored exactly.
///
/// Serialised as a decimal string (`"1037.60"`) so that a file never holds a
/// binary float and keeps the scale the user typed.
///
/// Every amount that enters a document, typed or read from a file, is below
/// [`MAX_ABS`] in magnitude, so no sum, share or change computed from any
/// realistic number of them can overflow `Decimal`.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct Money(pub Decimal);

/// A unit money is entered or printed in.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub enum MoneyUnit {
    /// 万元.
    #[default]
    WanYuan,
    /// 元.
    Yuan,
}

impl MoneyUnit {
    /// Every unit, in the order the app offers them.
    pub const ALL: [MoneyUnit; 2] = [MoneyUnit::WanYuan, MoneyUnit::Yuan];

    /// `万元`, `元`.
    pub fn label(self) -> &'static str {
        match self {
            MoneyUnit::WanYuan => "万元",
            MoneyUnit::Yuan => "元",
        }
    }

    /// How many 元 one of this unit is.
    pub fn in_yuan(self) -> u32 {
        match self {
            MoneyUnit::WanYuan => 10_000,
            MoneyUnit::Yuan => 1,
        }
    }

    /// The unit named `name` (`万元`, `元`, `WanYuan`, `Yuan`).
    pub fn parse(name: &str) -> Result<MoneyUnit, UnknownUnit> {
        let n = name.trim();
        MoneyUnit::ALL
            .into_iter()
            .find(|u| u.label() == n || format!("{u:?}").eq_ignore_ascii_case(n))
            .ok_or_else(|| UnknownUnit(n.chars().take(40).collect()))
    }
}

/// A money unit name this build does not know.
#[derive(Clone, Debug, PartialEq, Eq, thiserror::Error)]
#[error("不认识的金额单位“{0}”。已知单位：万元（WanYuan）、元（Yuan）")]
pub struct UnknownUnit(pub String);

/// Integer digits an amount may have: below 10^13 万元 (a hundred thousand
/// times any national budget), far from `Decimal`'s 7.9 × 10^28, so sums of
/// millions of amounts and their ×10 000 share arithmetic stay exact.
pub(crate) const MAX_INTEGER_DIGITS: usize = 13;

/// Exclusive bound on an amount's magnitude: 10^[`MAX_INTEGER_DIGITS`].
pub const MAX_ABS: Decimal = Decimal::from_parts(1_316_134_912, 2_328, 0, false, 0);

impl Serialize for Money {
    fn serialize<S: serde::Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        // The exact decimal with the scale it was typed with: "1037.60".
        s.collect_str(&self.0)
    }
}

impl<'de> Deserialize<'de> for Money {
    fn deserialize<D: serde::Deserializer<'de>>(d: D) -> Result<Money, D::Error> {
        let text = std::borrow::Cow::<str>::deserialize(d)?;
        parse_stored(&text).map_err(serde::de::Error::custom)
    }
}

/// Parses an amount as stored in a file: plain `-?digits[.digits]`, nothing
/// else (no exponent, grouping, `NaN` or `inf`), magnitude below
/// [`MAX_ABS`]; `-0` reads as zero.
pub fn parse_stored(text: &str) -> Result<Money, AmountError> {
    let body = text.strip_prefix('-').unwrap_or(text);
    let (int, frac) = body.split_once('.').unwrap_or((body, "0"));
    let digits = |p: &str| !p.is_empty() && p.bytes().all(|b| b.is_ascii_digit());
    if !digits(int) || !digits(frac) {
        return Err(AmountError::NotANumber(text.chars().take(40).collect()));
    }
    let d = Decimal::from_str_exact(text).map_err(|_| AmountError::TooLarge)?;
    checked(d)
}

/// Applies the magnitude bound and folds negative zero into zero.
fn checked(mut d: Decimal) -> Result<Money, AmountError> {
    if d.abs() >= MAX_ABS {
        return Err(AmountError::TooLarge);
    }
    if d.is_zero() {
        d.set_sign_positive(true);
    }
    Ok(Money(d))
}

impl Money {
    /// Zero.
    pub const ZERO: Money = Money(Decimal::ZERO);

    /// Builds an amount from an integer number of 分 of 万元 (hundredths).
    pub fn from_cents(cents: i64) -> Money {
        Money(Decimal::new(cents, 2))
    }

    /// The exact value.
    pub fn value(self) -> Decimal {
        self.0
    }

    /// True when the amount is zero (including negative zero).
    pub fn is_zero(self) -> bool {
        self.0.is_zero()
    }

    /// True when the amount is below zero.
    pub(crate) fn is_negative(self) -> bool {
        self.0 < Decimal::ZERO
    }

    /// Number of decimal places the value carries beyond what is significant.
    pub fn decimals(self) -> u32 {
        self.0.normalize().scale()
    }

    /// Rounded to 2 decimals, half away from zero: the display rule.
    pub fn rounded(self) -> Decimal {
        let mut d = self
            .0
            .round_dp_with_strategy(2, RoundingStrategy::MidpointAwayFromZero);
        d.rescale(2);
        if d.is_zero() {
            d.set_sign_positive(true);
        }
        d
    }

    /// `1037.60`: two decimals, no grouping, as the published tables print.
    pub fn display(self) -> String {
        self.rounded().to_string()
    }

    /// Blank for zero, else [`Money::display`]: the seed's table convention.
    pub fn display_blank_zero(self) -> String {
        if self.rounded().is_zero() {
            String::new()
        } else {
            self.display()
        }
    }

    /// The shortest exact text (`1037.6`, `815`) for prose such as 附件3, which
    /// prints amounts as typed.
    pub fn display_plain(self) -> String {
        let d = self.0.normalize();
        if d.is_zero() {
            "0".into()
        } else {
            d.to_string()
        }
    }
}

impl fmt::Display for Money {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.display())
    }
}

impl Add for Money {
    type Output = Money;
    /// Exact addition (saturating at `Decimal`'s bounds, which amounts below
    /// [`MAX_ABS`] never reach). Derivation and the sum rules add tens of
    /// thousands of amounts per edit, mostly a zero to an amount or two
    /// amounts of the same scale: those take an integer path several times
    /// cheaper than `Decimal`'s general one, with the same result.
    #[inline]
    fn add(self, rhs: Money) -> Money {
        let (a, b) = (self.0, rhs.0);
        // As `Decimal` does: a zero operand gives the other unchanged.
        if a.is_zero() {
            return rhs;
        }
        if b.is_zero() {
            return self;
        }
        if a.scale() == b.scale() {
            // Mantissas are below 2^96, so their sum fits an i128; beyond
            // 2^96 the general path below rescales.
            if let Ok(d) = Decimal::try_from_i128_with_scale(a.mantissa() + b.mantissa(), a.scale())
            {
                return Money(d);
            }
        }
        Money(a.saturating_add(b))
    }
}

impl AddAssign for Money {
    fn add_assign(&mut self, rhs: Money) {
        *self = *self + rhs;
    }
}

impl Sub for Money {
    type Output = Money;
    fn sub(self, rhs: Money) -> Money {
        Money(self.0.saturating_sub(rhs.0))
    }
}

impl Neg for Money {
    type Output = Money;
    fn neg(self) -> Money {
        Money(-self.0)
    }
}

impl Sum for Money {
    fn sum<I: Iterator<Item = Money>>(iter: I) -> Money {
        iter.fold(Money::ZERO, Add::add)
    }
}

impl<'a> Sum<&'a Money> for Money {
    fn sum<I: Iterator<Item = &'a Money>>(iter: I) -> Money {
        iter.copied().sum()
    }
}

impl FromStr for Money {
    type Err = AmountError;
    /// [`parse_amount`].
    fn from_str(s: &str) -> Result<Money, AmountError> {
        parse_amount(s)
    }
}

/// Why a typed amount was not accepted. Messages are for the 填报人.
#[derive(Clone, Debug, PartialEq, Eq, thiserror::Error)]
pub enum AmountError {
    /// A character that cannot be part of a number.
    #[error("“{0}”不是数字，请输入如 1037.60 的金额")]
    NotANumber(String),
    /// Beyond [`MAX_ABS`] or more digits than an exact decimal holds.
    #[error("金额过大或位数过多（整数部分最多 {MAX_INTEGER_DIGITS} 位，小数最多 28 位）")]
    TooLarge,
}

/// Longest input considered; anything longer cannot be a sensible amount and
/// is rejected before any work is done on it.
const MAX_INPUT_CHARS: usize = 64;

/// A figure as written somewhere (typed, or in a spreadsheet cell): its
/// number and the unit suffix it carried, if any (`300万元`, `12.5 元`).
///
/// A suffix is never dropped: [`Stated::in_unit`] turns it into an
/// [`Amount`] in the unit it names, or in the place's own unit when it has none.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Stated {
    /// The number as written, exact.
    pub value: Decimal,
    /// The unit written after it.
    pub suffix: Option<MoneyUnit>,
}

impl Stated {
    /// The amount this figure states, where `place` is the unit of the field
    /// or sheet it was written in (used when it carries no suffix).
    pub fn in_unit(self, place: MoneyUnit) -> Amount {
        Amount::new(self.value, self.suffix.unwrap_or(place))
    }
}

/// An amount together with the unit it is in: what crosses a boundary (a
/// sheet cell read, a typed figure, a figure in another document). The one
/// conversion between units is [`Amount::to_unit`].
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Amount {
    /// The number, exact.
    pub value: Decimal,
    /// The unit it is in.
    pub unit: MoneyUnit,
}

impl Amount {
    /// `value` in `unit`.
    pub fn new(value: Decimal, unit: MoneyUnit) -> Amount {
        Amount { value, unit }
    }

    /// A document amount in `unit`.
    pub fn of(m: Money, unit: MoneyUnit) -> Amount {
        Amount::new(m.0, unit)
    }

    /// This amount as a figure in `unit`: exact (×10 000 or ÷10 000 without
    /// rounding), with at least 2 decimals as amounts are typed, and refused
    /// beyond [`MAX_ABS`]. The only place the program converts between units.
    pub fn to_unit(self, unit: MoneyUnit) -> Result<Money, AmountError> {
        let v = if self.unit == unit {
            self.value
        } else {
            let mut v = self.exactly_in(unit).ok_or(AmountError::TooLarge)?;
            if v.scale() < 2 {
                v.rescale(2);
            }
            v
        };
        checked(v)
    }

    /// The arithmetic of every conversion between units: ×/÷ 10 000,
    /// exact, trailing zeros dropped; `None` only past `Decimal`'s range.
    /// [`Amount::to_unit`] bounds and pads it for entry; the printed copy
    /// (`derive::printed::convert`) takes it as it is.
    pub(crate) fn exactly_in(self, unit: MoneyUnit) -> Option<Decimal> {
        if self.unit == unit {
            return Some(self.value);
        }
        let from = Decimal::from(self.unit.in_yuan());
        let to = Decimal::from(unit.in_yuan());
        Some(self.value.checked_mul(from)?.checked_div(to)?.normalize())
    }
}

impl fmt::Display for Amount {
    /// `3098600.00 元`: every digit, and its unit.
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{} {}", self.value, self.unit.label())
    }
}

/// Parses a bare figure where no unit is known: a `万元`/`元` suffix is
/// refused rather than dropped (use [`parse_amount_in`] where the field's
/// unit is known).
pub fn parse_amount(input: &str) -> Result<Money, AmountError> {
    let st = parse_stated(input)?;
    if st.suffix.is_some() {
        return Err(AmountError::NotANumber(
            input.trim().chars().take(40).collect(),
        ));
    }
    Ok(Money(st.value))
}

/// Parses an amount typed into a field whose unit is `unit`: a suffix
/// (`300万元` in a 元 field) is converted exactly, never ignored.
pub fn parse_amount_in(input: &str, unit: MoneyUnit) -> Result<Money, AmountError> {
    parse_stated(input)?.in_unit(unit).to_unit(unit)
}

/// Parses a figure as a 填报人 types or pastes it: `1037.6`, `1,037.60`,
/// `１０３７．６０` (full-width), `￥1,037.60`, ` 1037.60 万元`, `(12.5)` or
/// `-12.5` for negatives; blank or `-` alone means zero. A `万元` or `元`
/// suffix is returned with the number, not dropped.
pub fn parse_stated(input: &str) -> Result<Stated, AmountError> {
    if input.chars().count() > MAX_INPUT_CHARS {
        return Err(AmountError::TooLarge);
    }
    let mut s = String::with_capacity(input.len());
    for c in input.chars() {
        let c = match c {
            // Full-width ASCII block → ASCII.
            '，' | '、' => ',',
            '\u{FF01}'..='\u{FF5E}' => char::from_u32(c as u32 - 0xFEE0).unwrap_or(c),
            '。' => '.',
            '\u{2212}' | '\u{2013}' | '\u{2014}' => '-',
            _ => c,
        };
        if c.is_whitespace() || c == ',' || c == '¥' || c == '￥' {
            continue;
        }
        s.push(c);
    }
    let (s, suffix) = if let Some(rest) = s.strip_suffix("万元") {
        (rest, Some(MoneyUnit::WanYuan))
    } else if let Some(rest) = s.strip_suffix('元') {
        (rest, Some(MoneyUnit::Yuan))
    } else {
        (s.as_str(), None)
    };
    if s.is_empty() || s == "-" {
        return Ok(Stated {
            value: Decimal::ZERO,
            suffix,
        });
    }
    // Accounting negatives: (12.50)
    let (neg, body) = match s.strip_prefix('(').and_then(|r| r.strip_suffix(')')) {
        Some(inner) => (true, inner),
        None => (false, s),
    };
    let (neg, body) = match body.strip_prefix('-') {
        Some(rest) => (!neg, rest),
        None => (neg, body.strip_prefix('+').unwrap_or(body)),
    };
    let valid = !body.is_empty()
        && body.chars().all(|c| c.is_ascii_digit() || c == '.')
        && body.chars().filter(|&c| c == '.').count() <= 1
        && body.chars().any(|c| c.is_ascii_digit());
    if !valid {
        return Err(AmountError::NotANumber(input.trim().to_string()));
    }
    let body = if body.starts_with('.') {
        format!("0{body}")
    } else {
        body.to_string()
    };
    let body = body.strip_suffix('.').map(str::to_string).unwrap_or(body);
    let d = Decimal::from_str_exact(&body).map_err(|_| AmountError::TooLarge)?;
    let m = checked(if neg { -d } else { d })?;
    Ok(Stated { value: m.0, suffix })
}

/// A percentage rounded for display, e.g. `39.67` for 39.67%.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct Percent(pub Decimal);

impl Percent {
    /// `39.67%`; whole hundreds print as `100%` as the seed does.
    pub fn display(self) -> String {
        if self.0 == Decimal::ONE_HUNDRED {
            "100%".into()
        } else {
            format!("{}%", self.0)
        }
    }
}

impl fmt::Display for Percent {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.display())
    }
}

/// Shares of `parts` in their sum, in percent with 2 decimals, summing to
/// exactly 100.00 (largest-remainder method: every share is truncated to
/// 0.01, then the missing hundredths go to the largest remainders, ties to
/// the earlier part). All zero when the sum is zero or negative.
pub fn shares(parts: &[Money]) -> Vec<Percent> {
    let total: Money = parts.iter().sum();
    if total.0 <= Decimal::ZERO || parts.iter().any(|p| p.is_negative()) {
        return parts.iter().map(|_| Percent(Decimal::new(0, 2))).collect();
    }
    let hundred_hundredths = Decimal::from(10_000);
    let mut base = Vec::with_capacity(parts.len());
    let mut rem = Vec::with_capacity(parts.len());
    for p in parts {
        let exact = p.0 * hundred_hundredths / total.0;
        let floor = exact.trunc();
        base.push(floor);
        rem.push(exact - floor);
    }
    let assigned: Decimal = base.iter().sum();
    let missing = (hundred_hundredths - assigned)
        .to_string()
        .parse::<usize>()
        .unwrap_or(0);
    let mut order: Vec<usize> = (0..parts.len()).collect();
    order.sort_by(|&a, &b| rem[b].cmp(&rem[a]).then(a.cmp(&b)));
    for &i in order.iter().take(missing) {
        base[i] += Decimal::ONE;
    }
    base.into_iter()
        .map(|b| {
            let mut d = b / Decimal::ONE_HUNDRED;
            d.rescale(2);
            Percent(d)
        })
        .collect()
}

/// Change from `previous` to `current` as a percentage of `previous`, rounded
/// half away from zero to 2 decimals; `None` when there is no previous amount.
pub fn change_percent(previous: Money, current: Money) -> Option<Percent> {
    if previous.0 <= Decimal::ZERO {
        return None;
    }
    let mut d = ((current.0 - previous.0) * Decimal::ONE_HUNDRED / previous.0)
        .round_dp_with_strategy(2, RoundingStrategy::MidpointAwayFromZero);
    d.rescale(2);
    Some(Percent(d))
}

/// `d` rounded half away from zero (四舍五入) to `dp` decimals, with scale `dp`.
pub fn round_dp(d: Decimal, dp: u32) -> Decimal {
    let mut r = d.round_dp_with_strategy(dp, RoundingStrategy::MidpointAwayFromZero);
    r.rescale(dp);
    if r.is_zero() {
        r.set_sign_positive(true);
    }
    r
}

/// The 尾差 rule: splits `target` (already at `dp` decimals) over parts whose
/// exact values are `exact`, so that the printed parts add up to `target`
/// exactly. Each part is truncated down to a multiple of 10^-dp, then the
/// missing units go one each to the largest remainders (ties to the earlier
/// part). With `target` = the parent's printed value this is applied level
/// by level: 合计 → 类 → 款 → 项.
pub(crate) fn allocate(target: Decimal, exact: &[Decimal], dp: u32) -> Vec<Decimal> {
    let q = Decimal::new(1, dp);
    let mut base: Vec<Decimal> = exact
        .iter()
        .map(|e| {
            let mut f = e.round_dp_with_strategy(dp, RoundingStrategy::ToNegativeInfinity);
            f.rescale(dp);
            f
        })
        .collect();
    if base.is_empty() {
        return base;
    }
    let assigned: Decimal = base.iter().sum();
    let missing = rust_decimal::prelude::ToPrimitive::to_i64(&((target - assigned) / q).trunc())
        .and_then(|m| usize::try_from(m).ok())
        .unwrap_or(0)
        .min(base.len());
    let mut order: Vec<usize> = (0..base.len()).collect();
    order.sort_by(|&a, &b| {
        (exact[b] - base[b])
            .cmp(&(exact[a] - base[a]))
            .then(a.cmp(&b))
    });
    for &i in order.iter().take(missing) {
        base[i] += q;
    }
    for b in &mut base {
        if b.is_zero() {
            b.set_sign_positive(true);
        }
    }
    base
}

#[cfg(test)]
mod tests {
    /// The fast paths of `Money + Money` give what `Decimal` addition gives:
    /// the same value and scale, for zeros of several scales, equal and
    /// unequal scales, signs, and mantissas near 2^96.
    #[test]
    fn addition_fast_paths_equal_decimal_addition() {
        let near_max = Decimal::from_i128_with_scale((1i128 << 96) - 1, 4);
        let values = [
            Decimal::ZERO,
            Decimal::new(0, 2),
            Decimal::new(0, 5),
            Decimal::new(12345, 2),
            Decimal::new(-12345, 2),
            Decimal::new(7, 0),
            Decimal::new(-1, 3),
            Decimal::new(i64::MAX, 2),
            Decimal::new(i64::MIN + 1, 2),
            near_max,
            -near_max,
        ];
        for a in values {
            for b in values {
                let sum = (Money(a) + Money(b)).0;
                let expected = a.saturating_add(b);
                assert_eq!(sum, expected, "{a} + {b}");
                assert_eq!(sum.scale(), expected.scale(), "{a} + {b}: scale");
            }
        }
    }

    use super::*;

    fn m(s: &str) -> Money {
        parse_amount_in(s, MoneyUnit::WanYuan).unwrap()
    }

    #[test]
    fn a_unit_suffix_is_converted_never_dropped() {
        let yuan = |s: &str| parse_amount_in(s, MoneyUnit::Yuan).unwrap();
        assert_eq!(yuan("300万元").display_plain(), "3000000");
        assert_eq!(yuan("300元"), yuan("300"));
        assert_eq!(m("3,098,600 元").display_plain(), "309.86");
        assert_eq!(m("0.01元").0, Decimal::from_str_exact("0.000001").unwrap());
        assert!("300万元".parse::<Money>().is_err());
        assert!(parse_amount("300元").is_err());
        assert_eq!("1,037.60".parse::<Money>().unwrap(), m("1037.6"));
        // Converting there and back gives the figure again, exactly.
        let a = Amount::new(
            Decimal::from_str_exact("384000.45").unwrap(),
            MoneyUnit::Yuan,
        );
        let wan = a.to_unit(MoneyUnit::WanYuan).unwrap();
        assert_eq!(wan.display_plain(), "38.400045");
        let back = Amount::of(wan, MoneyUnit::WanYuan)
            .to_unit(MoneyUnit::Yuan)
            .unwrap();
        assert_eq!(back.0, a.value);
        let big = Amount::new(Decimal::from(999_999_999_999i64), MoneyUnit::WanYuan);
        assert_eq!(big.to_unit(MoneyUnit::Yuan), Err(AmountError::TooLarge));
    }

    #[test]
    fn parses_what_people_type() {
        assert_eq!(m("1037.6").display(), "1037.60");
        assert_eq!(m("1,037.60"), m("1037.60"));
        assert_eq!(m("１０３７．６０").display(), "1037.60");
        assert_eq!(m("￥1,037.60"), m("1037.6"));
        assert_eq!(m(" 12.5 万元"), m("12.5"));
        assert_eq!(m("(12.5)").display(), "-12.50");
        assert_eq!(m(""), Money::ZERO);
        assert_eq!(m("-"), Money::ZERO);
        assert_eq!(m(".5").display(), "0.50");
        assert!(!m("-0").0.is_sign_negative());
        assert!(parse_amount("abc").is_err());
        assert!(parse_amount("1.2.3").is_err());
        assert!(parse_amount("1e5").is_err());
        assert_eq!(parse_amount(&"9".repeat(40)), Err(AmountError::TooLarge));
        assert_eq!(parse_amount(&"9".repeat(14)), Err(AmountError::TooLarge));
        assert_eq!(m(&"9".repeat(13)).0, Decimal::from(9_999_999_999_999i64));
    }

    #[test]
    fn max_abs_is_ten_to_the_thirteenth() {
        assert_eq!(MAX_ABS, Decimal::from(10_000_000_000_000i64));
    }

    #[test]
    fn stored_amounts_are_strict() {
        assert_eq!(parse_stored("1037.60").unwrap().display(), "1037.60");
        assert_eq!(parse_stored("1037.60").unwrap().0.scale(), 2);
        let z = parse_stored("-0.00").unwrap();
        assert!(z.is_zero() && !z.0.is_sign_negative());
        for bad in [
            "NaN", "inf", "-inf", "1e5", "1,000", "", "-", ".5", "5.", " 1", "+1", "0x10", "１",
        ] {
            assert!(parse_stored(bad).is_err(), "{bad:?} accepted");
        }
        assert_eq!(parse_stored(&"1".repeat(40)), Err(AmountError::TooLarge));
        assert_eq!(parse_stored("10000000000000"), Err(AmountError::TooLarge));
        assert_eq!(
            parse_stored(&format!("0.{}", "1".repeat(40))),
            Err(AmountError::TooLarge)
        );
    }

    #[test]
    fn shares_sum_to_hundred() {
        let s = shares(&[m("411.62"), m("625.98")]);
        assert_eq!(s[0].display(), "39.67%");
        assert_eq!(s[1].display(), "60.33%");
        let s = shares(&[m("1"), m("1"), m("1")]);
        let total: Decimal = s.iter().map(|p| p.0).sum();
        assert_eq!(total, Decimal::ONE_HUNDRED);
        assert_eq!(s[0].display(), "33.34%");
        assert_eq!(shares(&[m("5")])[0].display(), "100%");
    }

    #[test]
    fn allocate_splits_a_printed_total_by_largest_remainder() {
        let d = |s: &str| Decimal::from_str_exact(s).unwrap();
        // 0.4 + 0.4 + 0.4 = 1.2 → prints 1: one part gets it, the earliest.
        let parts = [d("0.4"), d("0.4"), d("0.4")];
        let got = allocate(round_dp(parts.iter().sum(), 0), &parts, 0);
        assert_eq!(got, vec![d("1"), d("0"), d("0")]);
        // Largest remainder wins: 1.26 + 2.37 + 3.37 = 7.00 at 1 dp.
        let parts = [d("1.26"), d("2.37"), d("3.37")];
        let got = allocate(d("7.0"), &parts, 1);
        assert_eq!(got.iter().sum::<Decimal>(), d("7.0"));
        assert_eq!(got, vec![d("1.2"), d("2.4"), d("3.4")]);
        assert!(allocate(d("0"), &[], 2).is_empty());
    }

    #[test]
    fn change_matches_seed() {
        let p = change_percent(m("1170.83"), m("1037.60")).unwrap();
        assert_eq!(p.display(), "-11.38%");
    }
}
