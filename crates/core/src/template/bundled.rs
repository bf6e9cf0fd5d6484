//! The template files compiled into the program, and the reader of one.

use super::spec::TemplateSpec;

/// The bundled template files, in [`Template::ALL`] order.
pub(crate) const BUNDLED: [(&str, &str); 3] = [
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
];

/// Parses one template file. A query is written `Tree(facts: …)` rather
/// than `Tree((facts: …))`: RON's unwrapped newtype variants.
pub(crate) fn parse_spec(text: &str) -> Result<TemplateSpec, ron::error::SpannedError> {
    ron::Options::default()
        .with_default_extension(ron::extensions::Extensions::UNWRAP_VARIANT_NEWTYPES)
        .from_str(text)
}
