//! The 情况说明 text as patterns: a section's body is blocks of pieces whose
//! text holds `{名}` placeholders over named figures the program computes
//! (listed here, with what they mean, in [`FIGURES`] and [`LISTS`]) and
//! helpers it provides ([`HELPERS`]). This module is the language: its
//! shapes, the grammar of placeholders and conditions, and
//! [`problems`], which a template is checked with before it is used. The
//! figures' values and the evaluator are in `crate::narrative`.

use super::spec::TemplateSpec;
use serde::Deserialize;
use std::collections::BTreeSet;
use std::fmt;

/// One block of a section's body: zero or more paragraphs.
#[derive(Clone, Debug, PartialEq, Deserialize)]
pub enum Block {
    /// One paragraph of one text: `S("{年度}年……")`.
    S(String),
    /// One paragraph made of pieces, printed one after the other.
    P(Vec<Piece>),
    /// One paragraph per item of a list; the item's fields (`{名称}`,
    /// `{金额}` …) can be used in the pieces besides every figure.
    Each {
        /// The list's name (see [`LISTS`]).
        list: String,
        /// The paragraph printed for each item.
        p: Vec<Piece>,
    },
    /// The `then` blocks when the condition holds, else the `else` ones.
    When {
        /// The condition (see [`Condition`]).
        #[serde(rename = "if")]
        cond: String,
        /// Printed when it holds.
        then: Vec<Block>,
        /// Printed when it does not.
        #[serde(default, rename = "else")]
        otherwise: Vec<Block>,
    },
}

/// A piece of a paragraph.
#[derive(Clone, Debug, PartialEq, Deserialize)]
pub enum Piece {
    /// Text with placeholders.
    T(String),
    /// A list's items, each worded by `item`, joined by `sep`, between
    /// `before` and `after`; `empty` instead when the list has no item.
    Join {
        /// The list's name (see [`LISTS`]).
        list: String,
        /// How one item is worded.
        item: Vec<Piece>,
        /// Between two items, e.g. `；` or `、`.
        #[serde(default)]
        sep: String,
        /// Before the first item (not printed for an empty list).
        #[serde(default)]
        before: String,
        /// After the last item (not printed for an empty list).
        #[serde(default)]
        after: String,
        /// Printed instead when the list is empty.
        #[serde(default)]
        empty: String,
    },
    /// The `then` pieces when the condition holds, else the `else` ones.
    If {
        /// The condition (see [`Condition`]).
        #[serde(rename = "if")]
        cond: String,
        /// Printed when it holds.
        then: Vec<Piece>,
        /// Printed when it does not.
        #[serde(default, rename = "else")]
        otherwise: Vec<Piece>,
    },
}

/// What a named figure is.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum FigureKind {
    /// An amount, printed in the text's unit with its unit word.
    Money,
    /// A whole number (a count, a year).
    Count,
    /// A text.
    Text,
    /// Names, printed joined with `、`.
    Names,
    /// A share in percent (`12.50%`), largest-remainder within its list.
    Share,
}

impl FigureKind {
    fn label(self) -> &'static str {
        match self {
            FigureKind::Money => "金额",
            FigureKind::Count => "数",
            FigureKind::Text => "文字",
            FigureKind::Names => "名称列表",
            FigureKind::Share => "占比",
        }
    }
}

/// A named figure: its name, kind and meaning.
#[derive(Clone, Copy, Debug)]
pub struct FigureInfo {
    /// The name written in braces.
    pub name: &'static str,
    /// What it is.
    pub kind: FigureKind,
    /// What it means, for `docs/templates.md`.
    pub about: &'static str,
}

const fn fig(name: &'static str, kind: FigureKind, about: &'static str) -> FigureInfo {
    FigureInfo { name, kind, about }
}

use FigureKind::{Count, Money, Names, Share, Text};

/// Every named figure the program computes for the text.
pub const FIGURES: &[FigureInfo] = &[
    fig("年度", Count, "预算年度，如 2021"),
    fig("上年", Count, "预算年度的上一年，如 2020"),
    fig("部门名称", Text, "部门（单位）名称"),
    fig("单位", Text, "“部门”或“单位”，随文件的主体"),
    fig(
        "收支总预算",
        Money,
        "收支总预算（全部资金来源、全部支出类型），上年为上年预算总额",
    ),
    fig(
        "财政拨款收入合计",
        Money,
        "财政拨款（一般公共预算+政府性基金+国有资本经营预算）；上年为各行上年预算数之和（文件有分行上年数时）",
    ),
    fig("事业收入", Money, "事业收入"),
    fig("事业单位经营收入", Money, "事业单位经营收入"),
    fig(
        "其他收入",
        Money,
        "财政拨款、事业收入、事业单位经营收入以外的各项收入之和（上海的“其他收入”）",
    ),
    fig(
        "一般公共预算支出",
        Money,
        "一般公共预算财政拨款支出；上年同“财政拨款收入合计”",
    ),
    fig(
        "一般公共预算基本支出",
        Money,
        "一般公共预算财政拨款基本支出",
    ),
    fig(
        "一般公共预算项目支出",
        Money,
        "一般公共预算财政拨款项目支出",
    ),
    fig("基本支出", Money, "全部资金来源的基本支出"),
    fig("项目支出", Money, "全部资金来源的项目支出"),
    fig(
        "政府性基金预算支出",
        Money,
        "政府性基金预算财政拨款；上年同“财政拨款收入合计”",
    ),
    fig(
        "国有资本经营预算支出",
        Money,
        "国有资本经营预算财政拨款；上年同“财政拨款收入合计”",
    ),
    fig("人员经费", Money, "基本支出中的人员经费（经济分类）"),
    fig("公用经费", Money, "基本支出中的公用经费（经济分类）"),
    fig("人员经费类名称", Names, "人员经费用到的经济分类类名称"),
    fig("公用经费类名称", Names, "公用经费用到的经济分类类名称"),
    fig("公用经费科目名称", Names, "公用经费用到的经济分类科目名称"),
    fig(
        "三公经费",
        Money,
        "“三公”经费合计（按“三公”表的单位），上年为文件存的上年“三公”",
    ),
    fig("因公出国（境）费", Money, "“三公”：因公出国（境）费"),
    fig(
        "公务用车购置及运行费",
        Money,
        "“三公”：公务用车购置及运行费",
    ),
    fig("公务用车购置费", Money, "“三公”：公务用车购置费"),
    fig("公务用车运行费", Money, "“三公”：公务用车运行费"),
    fig("公务接待费", Money, "“三公”：公务接待费"),
    fig(
        "机关运行经费",
        Money,
        "机关运行经费（公用经费，按“三公”表的单位）",
    ),
    fig(
        "会议费",
        Money,
        "会议费（经济分类 30215）：有财政拨款经济分类分解时为其中基本、项目支出之和，否则为基本支出经济分类中的数",
    ),
    fig("培训费", Money, "培训费（经济分类 30216），取数同会议费"),
    fig(
        "政府采购预算",
        Money,
        "政府采购预算合计（有政府采购明细时为明细之和）",
    ),
    fig(
        "政府性基金三公经费",
        Money,
        "政府性基金预算安排的“三公”经费合计（按“三公”表的单位）",
    ),
    fig("车辆数", Count, "上年末车辆数"),
    fig(
        "绩效目标项目金额",
        Money,
        "设置了绩效目标的项目的财政拨款合计",
    ),
    fig("变动原因", Text, "填报人填写：收支总预算增减的原因"),
    fig("资产说明", Text, "填报人填写：国有资产占有使用情况"),
    fig("编制人数", Count, "概况：总编制人数"),
    fig("实有人数", Count, "概况：在职实有人数"),
    fig("离退休人数", Count, "概况：离退休人员数"),
    fig(
        "人员构成",
        Text,
        "概况的人员构成句：“…总编制人数12人，其中：…。在职实有人数…。”，未填时空",
    ),
];

/// Fields every list item has besides its own: its place in the list.
pub const ITEM_FIELDS: &[FigureInfo] = &[
    fig("序号", Count, "项在列表中的序号：1、2、3…"),
    fig(
        "中文序号",
        Text,
        "同上，中文：一、二、三…（写成“（{中文序号}）”即（一）（二））",
    ),
];

/// A list the program computes: one item per 类, project, source …
#[derive(Clone, Copy, Debug)]
pub struct ListInfo {
    /// The list's name.
    pub name: &'static str,
    /// What each item has.
    pub fields: &'static [FigureInfo],
    /// What it lists, for `docs/templates.md`.
    pub about: &'static str,
}

const NAME: FigureInfo = fig("名称", Text, "名称");
const AMOUNT: FigureInfo = fig("金额", Money, "金额");
const SHARE: FigureInfo = fig("占比", Share, "在本列表中的占比");
/// A 功能科目 项 with the names of its 类 and 款, before its amount.
const ITEM_CODE: FigureInfo = fig("编码", Text, "功能分类项编码");
const CLASS_NAME: FigureInfo = fig("类名称", Text, "所属类的名称");
const SECTION_NAME: FigureInfo = fig("款名称", Text, "所属款的名称");

/// Every list the program computes for the text.
pub const LISTS: &[ListInfo] = &[
    ListInfo {
        name: "财政拨款来源",
        fields: &[fig("名称", Text, "如“一般公共预算财政拨款”"), AMOUNT],
        about: "有金额的财政拨款资金来源",
    },
    ListInfo {
        name: "收入来源",
        fields: &[
            fig("名称", Text, "资金来源名称"),
            fig(
                "收入名称",
                Text,
                "作为收入的名称，如“一般公共预算财政拨款收入”",
            ),
            AMOUNT,
            SHARE,
        ],
        about: "有金额的资金来源（全部）",
    },
    ListInfo {
        name: "收入种类",
        fields: &[NAME],
        about: "财政拨款收入（有时）及其他有金额的非财政资金来源",
    },
    ListInfo {
        name: "支出类型",
        fields: &[NAME, AMOUNT, SHARE],
        about: "有金额的支出类型（基本支出、项目支出…）",
    },
    ListInfo {
        name: "功能类",
        fields: &[
            fig("编码", Text, "功能分类类编码"),
            NAME,
            fig("金额", Money, "一般公共预算金额；上年为上年预算数"),
            SHARE,
        ],
        about: "一般公共预算支出按功能分类的类",
    },
    ListInfo {
        name: "人员经费经济类",
        fields: &[
            NAME,
            AMOUNT,
            fig("占比", Share, "在基本支出各经济类中的占比"),
            fig("科目", Names, "该类下的科目名称"),
        ],
        about: "人员经费按经济分类的类",
    },
    ListInfo {
        name: "公用经费经济类",
        fields: &[
            NAME,
            AMOUNT,
            fig("占比", Share, "在基本支出各经济类中的占比"),
            fig("科目", Names, "该类下的科目名称"),
        ],
        about: "公用经费按经济分类的类",
    },
    ListInfo {
        name: "项目",
        fields: &[
            NAME,
            fig("金额", Money, "财政拨款"),
            fig("资金总额", Money, "全部资金来源"),
            fig("用途", Text, "填报人填写的用途（去掉句末的“。”）"),
            fig("实施单位", Text, "填报人填写的实施单位"),
            fig("开始", Text, "项目起始时间，照填写的写法（如 2025.01.01）"),
            fig("结束", Text, "项目结束时间，照填写的写法"),
            fig("年度目标", Text, "填报人填写的年度目标（去掉句末的“。”）"),
        ],
        about: "项目支出的项目，按填报顺序",
    },
    ListInfo {
        name: "一般公共预算项",
        fields: &[ITEM_CODE, NAME, CLASS_NAME, SECTION_NAME, AMOUNT],
        about: "有一般公共预算金额的功能分类项，按编码",
    },
    ListInfo {
        name: "财政拨款项",
        fields: &[
            ITEM_CODE,
            NAME,
            CLASS_NAME,
            SECTION_NAME,
            fig("金额", Money, "财政拨款（三个财政拨款来源之和）"),
        ],
        about: "有财政拨款金额的功能分类项，按编码",
    },
    ListInfo {
        name: "政府采购项",
        fields: &[fig("名称", Text, "货物类、工程类或服务类"), AMOUNT],
        about: "有金额的政府采购类别（有政府采购明细时按采购类型加出）",
    },
    ListInfo {
        name: "政府采购明细",
        fields: &[
            fig("名称", Text, "采购项目"),
            fig("采购类型", Text, "货物、工程或服务"),
            AMOUNT,
        ],
        about: "填报的政府采购明细，每个采购项目一项，按填报顺序（政府采购表为空时为空）",
    },
    ListInfo {
        name: "预算单位",
        fields: &[NAME, fig("类型", Text, "单位类型，如“行政单位”")],
        about: "预算单位构成",
    },
    ListInfo {
        name: "主要职能",
        fields: &[fig("内容", Text, "一条职能")],
        about: "填报人填写的主要职能，一条一项",
    },
    ListInfo {
        name: "名词解释",
        fields: &[
            fig("名词", Text, "名词，如“一般公共预算财政拨款收入”"),
            fig(
                "解释",
                Text,
                "解释；“本部门使用的主要支出功能分类科目(项级)”一项的解释是所用的科目，以“；”分开",
            ),
        ],
        about: "文件的名词解释，按填报顺序",
    },
    ListInfo {
        name: "有绩效目标项目",
        fields: &[NAME, fig("金额", Money, "财政拨款")],
        about: "填了年度目标和指标的项目",
    },
];

/// A helper the program provides: `{同比(收支总预算)}`.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Helper {
    /// `比2020年预算增加X万元，增长5.00%` / `减少…，下降…` / `与2020年预算持平` /
    /// `2020年无可比预算数`; the prior figure is the denominator.
    Change,
    /// `增长12.50%` / `下降3.00%` / `持平` / `新增` (zero base); empty when
    /// the prior figure is unknown.
    ChangeRate,
    /// The size of the change from the prior-year figure (`9508.03万元`,
    /// never signed: the wording says which way); empty when the prior
    /// figure is unknown. Compared in conditions, it is signed.
    ChangeAmount,
    /// `增加` / `减少` / `持平` against the prior-year figure; empty when it
    /// is unknown.
    ChangeWord,
    /// The prior-year figure of an amount.
    Prior,
    /// True when the prior-year figure of an amount is known (conditions).
    HasPrior,
    /// How many items a list has.
    Count,
}

/// Every helper: name, what it takes, what it gives.
pub const HELPERS: &[(&str, Helper, &str)] = &[
    (
        "同比",
        Helper::Change,
        "金额的增减：“比2020年预算增加X万元，增长5.00%”“减少…，下降…”“与2020年预算持平”，无上年数时“2020年无可比预算数”",
    ),
    (
        "同比率",
        Helper::ChangeRate,
        "金额的增减率：“增长12.50%”“下降3.00%”“持平”，上年为零时“新增”，无上年数时空",
    ),
    (
        "增减",
        Helper::ChangeWord,
        "金额比上年数“增加”“减少”或“持平”，无上年数时空",
    ),
    (
        "增减额",
        Helper::ChangeAmount,
        "金额与上年数之差的绝对值：“9508.03万元”，无上年数时空；在条件里是带正负号的差（`增减额(收支总预算) < 0` 即减少），不为零时成立",
    ),
    ("上年", Helper::Prior, "金额的上年数"),
    ("有上年", Helper::HasPrior, "条件里用：金额有上年数时成立"),
    ("个数", Helper::Count, "列表的项数"),
];

impl Helper {
    /// The helper named `name`.
    pub fn named(name: &str) -> Option<Helper> {
        HELPERS.iter().find(|h| h.0 == name).map(|h| h.1)
    }

    /// True when its argument is a list, not an amount.
    fn takes_list(self) -> bool {
        self == Helper::Count
    }
}

/// The figure named `name`, if any.
pub fn figure(name: &str) -> Option<&'static FigureInfo> {
    FIGURES.iter().find(|f| f.name == name)
}

/// The list named `name`, if any.
pub fn list(name: &str) -> Option<&'static ListInfo> {
    LISTS.iter().find(|l| l.name == name)
}

/// One segment of a text: literal text or a placeholder's expression.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Segment<'a> {
    /// Printed as is.
    Lit(String),
    /// The inside of `{…}`.
    Slot(Expr<'a>),
}

/// A placeholder's expression.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Expr<'a> {
    /// A figure, a list item's field or a list.
    Name(&'a str),
    /// `helper(argument)`.
    Call(&'a str, &'a str),
    /// A whole number (conditions only).
    Int(i64),
}

/// Splits a text into literal text and placeholders; `{{` and `}}` print
/// a brace. `Err` names what is malformed.
pub fn segments(text: &str) -> Result<Vec<Segment<'_>>, String> {
    let mut out = Vec::new();
    let mut lit = String::new();
    let mut rest = text;
    while let Some(c) = rest.chars().next() {
        if let Some(r) = rest.strip_prefix("{{") {
            lit.push('{');
            rest = r;
        } else if let Some(r) = rest.strip_prefix("}}") {
            lit.push('}');
            rest = r;
        } else if c == '}' {
            return Err(format!("多余的“}}”：{}", excerpt(rest)));
        } else if c == '{' {
            let inner = &rest[1..];
            let end = inner
                .find(['{', '}'])
                .filter(|&i| inner[i..].starts_with('}'))
                .ok_or_else(|| format!("“{{”没有配对的“}}”：{}", excerpt(rest)))?;
            if !lit.is_empty() {
                out.push(Segment::Lit(std::mem::take(&mut lit)));
            }
            out.push(Segment::Slot(expr(&inner[..end])?));
            rest = &inner[end + 1..];
        } else {
            lit.push(c);
            rest = &rest[c.len_utf8()..];
        }
    }
    if !lit.is_empty() {
        out.push(Segment::Lit(lit));
    }
    Ok(out)
}

fn excerpt(s: &str) -> String {
    s.chars().take(12).collect()
}

/// Parses `名`, `助手(名)` or a whole number.
pub fn expr(s: &str) -> Result<Expr<'_>, String> {
    let s = s.trim();
    if s.is_empty() {
        return Err("空的“{}”".into());
    }
    if let Ok(n) = s.parse::<i64>() {
        return Ok(Expr::Int(n));
    }
    // Names may hold brackets themselves (`因公出国（境）费`), also as a
    // helper's argument (`同比(因公出国（境）费)`).
    let known = |s: &str| {
        figure(s).is_some()
            || list(s).is_some()
            || LISTS.iter().any(|l| l.fields.iter().any(|f| f.name == s))
            || ITEM_FIELDS.iter().any(|f| f.name == s)
    };
    if known(s) {
        return Ok(Expr::Name(s));
    }
    match s.find(['(', '（']) {
        None => {
            if s.contains([')', '）', ',', '，']) {
                Err(format!("无法理解“{s}”"))
            } else {
                Ok(Expr::Name(s))
            }
        }
        Some(open) => {
            let inner = s[open..]
                .strip_suffix([')', '）'])
                .ok_or_else(|| format!("“{s}”缺少右括号"))?;
            let open_len = s[open..].chars().next().map_or(1, char::len_utf8);
            let arg = inner[open_len..].trim();
            let helper = s[..open].trim();
            let brackets = arg.contains(['(', '（', ')', '）']) && !known(arg);
            if arg.is_empty() || brackets || helper.is_empty() {
                return Err(format!("无法理解“{s}”"));
            }
            Ok(Expr::Call(helper, arg))
        }
    }
}

/// A comparison in a condition.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Compare {
    /// `==`
    Eq,
    /// `!=`
    Ne,
    /// `>`
    Gt,
    /// `>=`
    Ge,
    /// `<`
    Lt,
    /// `<=`
    Le,
}

/// One test of a condition: `名` (holds when the figure is not zero or
/// empty), `!名`, or `名 > 1`, `名 == 名`.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Test<'a> {
    /// The expression is not zero, not empty, not false.
    Holds(Expr<'a>),
    /// The expression is zero, empty or false.
    Not(Expr<'a>),
    /// Two numbers or amounts compared.
    Compare(Expr<'a>, Compare, Expr<'a>),
}

/// A condition: tests joined by `&&` (all hold) and `||` (any holds; `&&`
/// binds first). No parentheses.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Condition<'a> {
    /// Alternatives, each a list of tests that must all hold.
    pub any: Vec<Vec<Test<'a>>>,
}

/// Parses a condition.
pub fn condition(s: &str) -> Result<Condition<'_>, String> {
    let mut any = Vec::new();
    for alt in s.split("||") {
        let mut all = Vec::new();
        for t in alt.split("&&") {
            all.push(test(t)?);
        }
        any.push(all);
    }
    Ok(Condition { any })
}

fn test(s: &str) -> Result<Test<'_>, String> {
    let s = s.trim();
    const OPS: [(&str, Compare); 6] = [
        ("==", Compare::Eq),
        ("!=", Compare::Ne),
        (">=", Compare::Ge),
        ("<=", Compare::Le),
        (">", Compare::Gt),
        ("<", Compare::Lt),
    ];
    for (op, c) in OPS {
        if let Some(i) = s.find(op) {
            return Ok(Test::Compare(expr(&s[..i])?, c, expr(&s[i + op.len()..])?));
        }
    }
    match s.strip_prefix(['!', '！']) {
        Some(r) => Ok(Test::Not(expr(r)?)),
        None => Ok(Test::Holds(expr(s)?)),
    }
}

/// Longest text of one piece, in characters.
pub const MAX_TEXT_CHARS: usize = 2_000;
/// Most blocks and pieces in one section, counted through every nesting.
pub const MAX_NODES: usize = 400;
/// Deepest nesting of `When`/`If`.
pub const MAX_DEPTH: usize = 8;

/// A problem in a template's text part, naming the section.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct TextProblem {
    /// The section's id (or heading when it has none).
    pub section: String,
    /// What is wrong.
    pub kind: TextProblemKind,
}

/// What is wrong with a section's patterns.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum TextProblemKind {
    /// A placeholder or condition names no figure, list or item field.
    UnknownName(String),
    /// `Each`/`Join` names no list.
    UnknownList(String),
    /// A helper that does not exist.
    UnknownHelper(String),
    /// A helper given what it does not take (`同比` of a text …).
    WrongArgument {
        /// The helper.
        helper: String,
        /// What it was given.
        argument: String,
    },
    /// A list used as a text (`{项目}`), or a number in a text.
    NotPrintable(String),
    /// Unmatched braces or an expression that does not parse.
    Malformed(String),
    /// A condition that does not parse.
    BadCondition(String),
    /// A list inside a list's item: it would multiply without bound.
    NestedList(String),
    /// Too long a text, too many pieces or too deep a nesting.
    TooLarge(String),
}

impl fmt::Display for TextProblem {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "情况说明“{}”：", self.section)?;
        match &self.kind {
            TextProblemKind::UnknownName(n) => write!(
                f,
                "没有名为“{n}”的数字或文字（可用的名称见 docs/templates.md 第 3 节）"
            ),
            TextProblemKind::UnknownList(n) => write!(f, "没有名为“{n}”的列表"),
            TextProblemKind::UnknownHelper(n) => write!(
                f,
                "没有名为“{n}”的函数（可用：{}）",
                HELPERS.iter().map(|h| h.0).collect::<Vec<_>>().join("、")
            ),
            TextProblemKind::WrongArgument { helper, argument } => {
                write!(f, "“{helper}”不能用于“{argument}”")
            }
            TextProblemKind::NotPrintable(n) => {
                write!(f, "“{n}”是列表，不能直接印出（用 Join 或 Each）")
            }
            TextProblemKind::Malformed(m) => write!(f, "花括号写错：{m}"),
            TextProblemKind::BadCondition(m) => write!(f, "条件写错：{m}"),
            TextProblemKind::NestedList(n) => {
                write!(f, "列表“{n}”写在另一个列表的每一项里，会无限展开，不允许")
            }
            TextProblemKind::TooLarge(m) => write!(f, "过大：{m}"),
        }
    }
}

/// Every problem in the text part of `spec`: unknown names, helpers and
/// lists, malformed braces and conditions, lists nested in lists, and
/// sections too large. Empty for a template the evaluator prints as
/// written.
pub fn problems(spec: &TemplateSpec) -> Vec<TextProblem> {
    check(spec).0
}

/// The fields of list items the text of `spec` prints or tests, as
/// `(list, field)`: `("项目", "实施单位")` where 上海's 项目经费情况说明
/// names each project's 实施单位 (the app then does not mark it 不公开).
pub fn item_fields_used(spec: &TemplateSpec) -> BTreeSet<(&'static str, &'static str)> {
    check(spec).1
}

fn check(spec: &TemplateSpec) -> (Vec<TextProblem>, BTreeSet<(&'static str, &'static str)>) {
    let mut out = Vec::new();
    let mut used = BTreeSet::new();
    for part in spec.text_parts() {
        for s in &part.sections {
            let mut c = Checker {
                section: s.name().to_string(),
                out: &mut out,
                used: &mut used,
                nodes: 0,
            };
            c.text(&s.heading, None);
            c.blocks(&s.body, None, 0);
        }
    }
    (out, used)
}

struct Checker<'o> {
    section: String,
    out: &'o mut Vec<TextProblem>,
    /// Item fields met, with their list.
    used: &'o mut BTreeSet<(&'static str, &'static str)>,
    nodes: usize,
}

impl Checker<'_> {
    fn push(&mut self, kind: TextProblemKind) {
        self.out.push(TextProblem {
            section: self.section.clone(),
            kind,
        });
    }

    /// Counts one node; false (with one problem) once the section is too
    /// large, so checking stays bounded too.
    fn count(&mut self, depth: usize) -> bool {
        self.nodes += 1;
        if self.nodes == MAX_NODES + 1 {
            self.push(TextProblemKind::TooLarge(format!(
                "一节最多 {MAX_NODES} 个段落与片段"
            )));
        }
        if depth > MAX_DEPTH {
            self.push(TextProblemKind::TooLarge(format!(
                "条件最多嵌套 {MAX_DEPTH} 层"
            )));
            return false;
        }
        self.nodes <= MAX_NODES
    }

    fn blocks(&mut self, bs: &[Block], item: Option<&ListInfo>, depth: usize) {
        for b in bs {
            if !self.count(depth) {
                return;
            }
            match b {
                Block::S(t) => self.text(t, item),
                Block::P(ps) => self.pieces(ps, item, depth),
                Block::Each { list, p } => {
                    let l = self.list(list, item);
                    self.pieces(p, l.or(item), depth + 1);
                }
                Block::When {
                    cond,
                    then,
                    otherwise,
                } => {
                    self.condition(cond, item);
                    self.blocks(then, item, depth + 1);
                    self.blocks(otherwise, item, depth + 1);
                }
            }
        }
    }

    fn pieces(&mut self, ps: &[Piece], item: Option<&ListInfo>, depth: usize) {
        for p in ps {
            if !self.count(depth) {
                return;
            }
            match p {
                Piece::T(t) => self.text(t, item),
                Piece::Join {
                    list,
                    item: each,
                    sep,
                    before,
                    after,
                    empty,
                } => {
                    for t in [sep, before, after, empty] {
                        self.text(t, item);
                    }
                    let l = self.list(list, item);
                    self.pieces(each, l.or(item), depth + 1);
                }
                Piece::If {
                    cond,
                    then,
                    otherwise,
                } => {
                    self.condition(cond, item);
                    self.pieces(then, item, depth + 1);
                    self.pieces(otherwise, item, depth + 1);
                }
            }
        }
    }

    fn list(&mut self, name: &str, item: Option<&ListInfo>) -> Option<&'static ListInfo> {
        if item.is_some() {
            self.push(TextProblemKind::NestedList(name.into()));
        }
        let l = list(name);
        if l.is_none() {
            self.push(TextProblemKind::UnknownList(name.into()));
        }
        l
    }

    fn text(&mut self, t: &str, item: Option<&ListInfo>) {
        if t.chars().count() > MAX_TEXT_CHARS {
            self.push(TextProblemKind::TooLarge(format!(
                "一段文字最多 {MAX_TEXT_CHARS} 字"
            )));
            return;
        }
        match segments(t) {
            Err(m) => self.push(TextProblemKind::Malformed(m)),
            Ok(segs) => {
                for s in segs {
                    if let Segment::Slot(e) = s {
                        if let Expr::Name(n) = e
                            && resolve(n, item) == Resolved::List
                        {
                            self.push(TextProblemKind::NotPrintable(n.into()));
                            continue;
                        }
                        self.expr(e, item);
                    }
                }
            }
        }
    }

    fn condition(&mut self, c: &str, item: Option<&ListInfo>) {
        match condition(c) {
            Err(m) => self.push(TextProblemKind::BadCondition(m)),
            Ok(c) => {
                for t in c.any.iter().flatten() {
                    match *t {
                        Test::Holds(e) | Test::Not(e) => self.expr(e, item),
                        Test::Compare(a, _, b) => {
                            self.expr(a, item);
                            self.expr(b, item);
                        }
                    }
                }
            }
        }
    }

    /// Notes `name` when it is a field of `item`'s list.
    fn note(&mut self, name: &str, item: Option<&ListInfo>) {
        if let Some(l) = item
            && let Some(f) = l.fields.iter().find(|f| f.name == name)
        {
            self.used.insert((l.name, f.name));
        }
    }

    fn expr(&mut self, e: Expr<'_>, item: Option<&ListInfo>) {
        match e {
            Expr::Int(_) => {}
            Expr::Name(n) => {
                self.note(n, item);
                if resolve(n, item) == Resolved::Unknown {
                    self.push(TextProblemKind::UnknownName(n.into()));
                }
            }
            Expr::Call(h, a) => match Helper::named(h) {
                None => self.push(TextProblemKind::UnknownHelper(h.into())),
                Some(helper) => {
                    self.note(a, item);
                    let r = resolve(a, item);
                    let ok = if helper.takes_list() {
                        r == Resolved::List
                    } else {
                        r == Resolved::Figure(FigureKind::Money)
                    };
                    if r == Resolved::Unknown {
                        self.push(TextProblemKind::UnknownName(a.into()));
                    } else if !ok {
                        self.push(TextProblemKind::WrongArgument {
                            helper: h.into(),
                            argument: a.into(),
                        });
                    }
                }
            },
        }
    }
}

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Resolved {
    Figure(FigureKind),
    List,
    Unknown,
}

/// What `name` means inside a list item (its fields first) or outside.
fn resolve(name: &str, item: Option<&ListInfo>) -> Resolved {
    if let Some(f) = item.and_then(|l| l.fields.iter().chain(ITEM_FIELDS).find(|f| f.name == name))
    {
        return Resolved::Figure(f.kind);
    }
    if let Some(f) = figure(name) {
        return Resolved::Figure(f.kind);
    }
    if list(name).is_some() {
        return Resolved::List;
    }
    Resolved::Unknown
}

/// `docs/templates.md`'s list of figures, lists and helpers, generated from
/// the tables above so the documentation cannot drift (a test compares).
pub fn reference_markdown() -> String {
    let mut s = String::from("| 名称 | 种类 | 含义 |\n|---|---|---|\n");
    for f in FIGURES {
        s += &format!("| `{}` | {} | {} |\n", f.name, f.kind.label(), f.about);
    }
    s += "\n| 列表 | 每项的字段 | 含义 |\n|---|---|---|\n";
    for l in LISTS {
        let fields: Vec<String> = l
            .fields
            .iter()
            .map(|f| format!("`{}`（{}）", f.name, f.kind.label()))
            .collect();
        s += &format!("| `{}` | {} | {} |\n", l.name, fields.join("、"), l.about);
    }
    let fields: Vec<String> = ITEM_FIELDS
        .iter()
        .map(|f| format!("`{}`（{}：{}）", f.name, f.kind.label(), f.about))
        .collect();
    s += &format!("\n每个列表的每一项还有：{}。\n", fields.join("；"));
    s += "\n| 函数 | 作用 |\n|---|---|\n";
    for (n, _, about) in HELPERS {
        s += &format!("| `{n}(…)` | {about} |\n");
    }
    s
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn segments_split_placeholders_and_refuse_bad_braces() {
        let s = segments("{年度}年{{字}}{同比(收支总预算)}。").unwrap();
        assert_eq!(
            s,
            vec![
                Segment::Slot(Expr::Name("年度")),
                Segment::Lit("年{字}".into()),
                Segment::Slot(Expr::Call("同比", "收支总预算")),
                Segment::Lit("。".into()),
            ]
        );
        assert!(segments("{年度").is_err());
        assert!(segments("年度}").is_err());
        assert!(segments("{年{度}}").is_err());
        assert!(segments("{}").is_err());
        assert!(segments("{同比(a(b))}").is_err());
        // A name with brackets of its own is a helper's argument too.
        assert_eq!(
            expr("增减额(因公出国（境）费)"),
            Ok(Expr::Call("增减额", "因公出国（境）费"))
        );
        assert!(expr("增减额(因公出国（境费)").is_err());
    }

    /// `docs/templates.md` lists every figure, list and helper exactly as
    /// the program knows them (`YUSUAN_BLESS=1` rewrites the list).
    #[test]
    fn the_documentation_lists_every_figure_and_helper() {
        let path = concat!(env!("CARGO_MANIFEST_DIR"), "/../../docs/templates.md");
        let doc = std::fs::read_to_string(path).unwrap();
        let (start, end) = ("<!-- figures:begin -->\n", "<!-- figures:end -->");
        let a = doc.find(start).unwrap() + start.len();
        let b = doc.find(end).unwrap();
        let want = reference_markdown();
        if std::env::var_os("YUSUAN_BLESS").is_some() {
            std::fs::write(path, format!("{}{want}{}", &doc[..a], &doc[b..])).unwrap();
            return;
        }
        assert_eq!(
            doc[a..b],
            want,
            "rerun with YUSUAN_BLESS=1 to update docs/templates.md"
        );
    }

    /// The app asks which project fields the text publishes: those the
    /// text prints or tests inside the items of `项目`, not a figure of the
    /// same name outside them.
    #[test]
    fn the_item_fields_a_text_uses_are_known() {
        let spec = crate::template::parse_spec(
            r#"(name: "项目", cover: "", toc_title: "", table_caption: "{title}",
                parts: [(kind: Narrative, heading: "七、项目经费情况说明", sections: [
                    (id: "p", heading: "", body: [
                        Each(list: "项目", p: [T("{名称}"), If(if: "实施单位", then: [T("：{实施单位}")])]),
                        P([Join(list: "项目", item: [T("{增减额(资金总额)}")])]),
                        S("{年度}"),
                    ]),
                ])],
                tables: [(number: 1, title: "表", query: Row(columns: [(header: "合计", measure: Figure(ThreePublic))]))])"#,
        )
        .unwrap();
        let used = item_fields_used(&spec);
        assert!(used.contains(&("项目", "名称")));
        assert!(used.contains(&("项目", "实施单位")));
        assert!(used.contains(&("项目", "资金总额")));
        assert!(!used.iter().any(|(_, f)| *f == "年度目标" || *f == "年度"));
        assert!(spec.text_uses("项目", "实施单位"));
        assert!(!spec.text_uses("项目", "年度目标"));
    }

    #[test]
    fn conditions_parse_tests_and_comparisons() {
        let c = condition("个数(功能类) > 1 && !项目 || 车辆数").unwrap();
        assert_eq!(
            c.any,
            vec![
                vec![
                    Test::Compare(Expr::Call("个数", "功能类"), Compare::Gt, Expr::Int(1)),
                    Test::Not(Expr::Name("项目")),
                ],
                vec![Test::Holds(Expr::Name("车辆数"))],
            ]
        );
        assert!(condition("a == ").is_err());
    }

    proptest::proptest! {
        /// Any text, however malformed, is split or refused without a
        /// panic, and every placeholder found parses again on its own.
        #[test]
        fn any_text_is_read_or_refused(t in "[{}()（）!=<>&|a-z年度同比 ,0-9]{0,40}") {
            if let Ok(segs) = segments(&t) {
                for s in segs {
                    if let Segment::Slot(Expr::Name(n)) = s {
                        proptest::prop_assert_eq!(expr(n), Ok(Expr::Name(n)));
                    }
                }
            }
            let _ = condition(&t);
        }
    }
}
