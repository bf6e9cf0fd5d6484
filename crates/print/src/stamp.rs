//! The time an output is stamped with, the same for every writer.

/// Seconds since 1970 (UTC) to stamp an output (PDF, xlsx) with: `SOURCE_DATE_EPOCH` when
/// set (reproducible builds and byte-identical test output), else now.
pub fn export_time() -> i64 {
    std::env::var("SOURCE_DATE_EPOCH")
        .ok()
        .and_then(|s| s.trim().parse::<i64>().ok())
        .unwrap_or_else(|| {
            std::time::SystemTime::now()
                .duration_since(std::time::UNIX_EPOCH)
                .map_or(0, |d| d.as_secs() as i64)
        })
}
