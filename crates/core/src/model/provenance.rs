//! Where a merged document came from: the units' files it was summed from,
//! as stored in the file (merging itself is `yusuan_files::merge`).

use serde::{Deserialize, Serialize};

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
}
