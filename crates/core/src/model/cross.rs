//! 财政拨款支出 by 功能科目 × 部门预算经济分类: the facts of 四川 公开表2-1
//! 财政拨款支出预算表（部门经济分类科目）, entered once.
//!
//! The contract: each row splits one 收支预算 line's 财政拨款 spending (the
//! three 财政拨款 sources) by one 经济科目 款, into its 基本支出 and 项目支出
//! parts. The split is entered at 款 (what the 一体化 platform's workbook
//! gives), so a table may print 类 or 款 columns. The rules hold it to what is
//! entered elsewhere (X11: per 功能科目 the split adds up to the line's
//! 财政拨款 spending; X12: per 款 the 基本支出 part adds up to the
//! 一般公共预算基本支出 经济分类 row). The list is empty by default and absent
//! from files that have none, so older files load unchanged and files without
//! it save byte for byte as before; its amounts travel with every other amount
//! through [`super::Document::for_each_amount`].

use super::codes::{EconomicCode, FunctionCode};
use crate::money::Money;
use serde::{Deserialize, Serialize};

/// One 功能科目 (项) × 经济科目 (款) cell of the 财政拨款 split.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
pub struct CrossLine {
    /// 7-digit 功能科目 项 code (one of the 收支预算 lines).
    pub code: FunctionCode,
    /// 5-digit 部门预算经济分类 款 code.
    pub economic_code: EconomicCode,
    /// 财政拨款基本支出 of the line paid under this 款.
    #[serde(default)]
    pub basic: Money,
    /// 财政拨款项目支出 (and any other 财政拨款 spending that is not 基本支出).
    #[serde(default)]
    pub project: Money,
}

impl CrossLine {
    /// 基本 + 项目.
    pub fn total(&self) -> Money {
        self.basic + self.project
    }
}

/// 部门预算经济分类 款 of 会议费.
pub const MEETINGS: &str = "30215";
/// 部门预算经济分类 款 of 培训费.
pub const TRAINING: &str = "30216";

impl super::Document {
    /// What is spent under one 部门预算经济分类 款 (`30215` 会议费), as far
    /// as the document holds it: where the 财政拨款 split by 经济分类 is
    /// entered, its 基本 and 项目 parts under the code (all 财政拨款
    /// spending); else the 一般公共预算基本支出 of the 经济分类 line (the
    /// only 经济分类 the document has then).
    pub fn economic_spending(&self, code: &str) -> Money {
        if self.fiscal_by_economic.is_empty() {
            self.basic_by_economic
                .iter()
                .filter(|l| l.code.as_str() == code)
                .map(|l| l.amount)
                .sum()
        } else {
            self.fiscal_by_economic
                .iter()
                .filter(|r| r.economic_code.as_str() == code)
                .map(CrossLine::total)
                .sum()
        }
    }
}
