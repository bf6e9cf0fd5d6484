//! Which template edition a document is published in, as the file records
//! it. What the edition prints (its spec, names, parsing a name) is
//! `crate::template`'s.

use serde::{Deserialize, Serialize};

/// A template edition a document is published in.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub enum Template {
    /// 武汉 2021: 表1–表8, 附件3, 表10; 万元.
    #[default]
    Wuhan2021,
    /// 武汉 2022: 11 tables, 部门 totals first, 项目支出表, numbered 绩效 tables.
    Wuhan2022,
    /// 上海 2025: 9 tables in 元 (三公 in 万元), 名词解释 and 编制说明 first.
    Shanghai2025,
}

impl Template {
    /// Every edition, oldest first.
    pub const ALL: [Template; 3] = [
        Template::Wuhan2021,
        Template::Wuhan2022,
        Template::Shanghai2025,
    ];

    /// The identifier used in files and on the command line (`Wuhan2021`).
    pub fn id(self) -> &'static str {
        match self {
            Template::Wuhan2021 => "Wuhan2021",
            Template::Wuhan2022 => "Wuhan2022",
            Template::Shanghai2025 => "Shanghai2025",
        }
    }
}
