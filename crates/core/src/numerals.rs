//! Chinese numbering for headings and list items: 一、 （一）.

const DIGITS: [&str; 10] = ["零", "一", "二", "三", "四", "五", "六", "七", "八", "九"];

/// 1 → 一, 10 → 十, 12 → 十二, 21 → 二十一, up to 99 (larger numbers print in
/// Arabic digits, which no real document reaches).
pub fn chinese_number(n: usize) -> String {
    match n {
        0..=9 => DIGITS[n].to_string(),
        10..=19 => format!("十{}", if n == 10 { "" } else { DIGITS[n - 10] }),
        20..=99 => format!(
            "{}十{}",
            DIGITS[n / 10],
            if n.is_multiple_of(10) {
                ""
            } else {
                DIGITS[n % 10]
            }
        ),
        _ => n.to_string(),
    }
}

/// `一、` (heading, `paren` false) or `（一）` (`paren` true).
pub fn chinese_ordinal(n: usize, paren: bool) -> String {
    if paren {
        format!("（{}）", chinese_number(n))
    } else {
        format!("{}、", chinese_number(n))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn numbers() {
        assert_eq!(chinese_number(1), "一");
        assert_eq!(chinese_number(10), "十");
        assert_eq!(chinese_number(12), "十二");
        assert_eq!(chinese_number(40), "四十");
        assert_eq!(chinese_ordinal(3, true), "（三）");
        assert_eq!(chinese_ordinal(9, false), "九、");
    }
}
