//! Pure functions from the entered document to everything that is computed:
//! the published tables 表1–表8, 附件3's 当年 column, 表10's totals.

pub mod table;
