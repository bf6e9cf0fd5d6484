//! The template files compiled into the program, and the reader of one.

use super::check::{RECURSION_LIMIT, ReadError, caps, count_caps, read_error};
use super::spec::TemplateSpec;

/// The bundled template files, in [`Template::ALL`] order.
///
/// [`Template::ALL`]: crate::model::Template::ALL
pub(crate) const BUNDLED: [(&str, &str); 11] = [
    (
        "wuhan-2021.ron",
        include_str!("../../../../assets/templates/wuhan-2021.ron"),
    ),
    (
        "wuhan-2022.ron",
        include_str!("../../../../assets/templates/wuhan-2022.ron"),
    ),
    (
        "shanghai-2025.ron",
        include_str!("../../../../assets/templates/shanghai-2025.ron"),
    ),
    (
        "hunan-2025.ron",
        include_str!("../../../../assets/templates/hunan-2025.ron"),
    ),
    (
        "zhongyang-2024.ron",
        include_str!("../../../../assets/templates/zhongyang-2024.ron"),
    ),
    (
        "guizhou-2025.ron",
        include_str!("../../../../assets/templates/guizhou-2025.ron"),
    ),
    (
        "henan-2025.ron",
        include_str!("../../../../assets/templates/henan-2025.ron"),
    ),
    (
        "tianjin-2026.ron",
        include_str!("../../../../assets/templates/tianjin-2026.ron"),
    ),
    (
        "beijing-2025.ron",
        include_str!("../../../../assets/templates/beijing-2025.ron"),
    ),
    (
        "beijing-2026.ron",
        include_str!("../../../../assets/templates/beijing-2026.ron"),
    ),
    (
        "sichuan-2025.ron",
        include_str!("../../../../assets/templates/sichuan-2025.ron"),
    ),
];

/// The text of the bundled template `id` (exact id, as files name it).
pub fn bundled_text(id: &str) -> Option<&'static str> {
    let i = crate::model::Template::ALL
        .iter()
        .position(|t| t.id() == id)?;
    BUNDLED.get(i).map(|(_, text)| *text)
}

/// Parses one template file (no caps: for the bundled files and tests). A
/// query is written `Tree(facts: …)` rather than `Tree((facts: …))`: RON's
/// unwrapped newtype variants; an optional field takes its value as it is
/// (`id: "xmzc"`) as well as `Some("xmzc")`, which a template author does
/// not guess (the error said only “Expected option”).
pub(crate) fn parse_spec(text: &str) -> Result<TemplateSpec, ron::error::SpannedError> {
    use ron::extensions::Extensions;
    ron::Options::default()
        .with_default_extension(Extensions::UNWRAP_VARIANT_NEWTYPES | Extensions::IMPLICIT_SOME)
        .with_recursion_limit(RECURSION_LIMIT)
        .from_str(text)
}

/// Reads one template file a user wrote: the size cap before reading, the
/// count caps after, errors in Chinese with line and column.
pub(crate) fn read(text: &str) -> Result<TemplateSpec, ReadError> {
    caps(text)?;
    let spec = parse_spec(text).map_err(|e| read_error(&e))?;
    count_caps(&spec)?;
    Ok(spec)
}
