//! Where a merged document came from: the units' files it was summed from,
//! as stored in the file (merging itself is `yusuan_files::merge`).

use super::budget::{Amounts, unique_keys};
use serde::{Deserialize, Serialize};
use std::collections::BTreeMap;

/// One unit a merged document was summed from.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct MergeSource {
    /// The unit's file: relative to the merged file's folder when it lies
    /// under it, else absolute.
    pub file: String,
    /// The unit's name (its 部门名称 field).
    pub unit: String,
    /// `yusuan_files::merge::fingerprint` of the file's bytes at the time of the merge.
    pub hash: String,
    /// The unit's 收支预算 at the time of the merge, summed over its lines
    /// by (资金来源, 支出类型): what a table with one row per 单位 prints.
    /// Money like every other amount of the document (converted, rounded
    /// and compared with them). Absent from files merged before it was
    /// recorded.
    #[serde(
        default,
        deserialize_with = "unique_keys",
        skip_serializing_if = "BTreeMap::is_empty"
    )]
    pub amounts: Amounts,
}
