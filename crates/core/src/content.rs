//! What a document prints besides its entered fields: the derived tables
//! and the 情况说明 text, computed once per document state by
//! [`crate::narrative::parts`] and consumed by the page composer
//! (`yusuan_print::compose`), which never derives again.

use crate::derive::CurrentYear;
use crate::derive::table::Table;
use crate::model::Document;

/// One section of 第三部分 情况说明: a heading (`一、…`) and its paragraphs.
#[derive(Clone, Debug, PartialEq, Eq, Default)]
pub struct NarrativeSection {
    /// Heading including its number, e.g. `一、财政拨款收支预算总体情况`.
    pub heading: String,
    /// Paragraphs.
    pub paragraphs: Vec<String>,
    /// Which of the template's narrative parts it belongs to (0 = the
    /// first; 上海 has two: 编制说明 and 其他相关情况说明).
    pub part: usize,
}

/// What the composer prints besides the entered document: figures and text
/// computed elsewhere ([`crate::derive`], the narrative).
#[derive(Clone, Debug, PartialEq, Default)]
pub struct Parts {
    /// The published data tables in template order
    /// ([`crate::derive::published_tables`]).
    pub tables: Vec<Table>,
    /// 第三部分 情况说明.
    pub narrative: Vec<NarrativeSection>,
    /// 名词解释 (四): the 功能科目 used, one line each
    /// (`一般公共服务(类)宣传事务(款)事业运行(项)`).
    pub function_codes_used: Vec<String>,
    /// What the 绩效 forms print: the document in the tables' printed unit
    /// (at 2 decimals, 尾差 rule), when that differs from the entered one.
    pub form_copy: Option<Document>,
    /// 附件3's 当年 column, from the figures the forms print.
    pub form_year: CurrentYear,
}

impl Parts {
    /// The document as the forms print it: [`Parts::form_copy`], or `doc`
    /// itself when it is entered in the printed unit.
    pub fn form_document<'a>(&'a self, doc: &'a Document) -> &'a Document {
        self.form_copy.as_ref().unwrap_or(doc)
    }
}
