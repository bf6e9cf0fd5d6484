//! The bundled CJK fonts (BudgetSansSC, SIL OFL 1.1, see
//! `assets/fonts/OFL.txt`): Regular for all text, Bold as its own family
//! because egui has no synthetic bold.

use egui::{FontData, FontDefinitions, FontFamily};
use std::sync::Arc;

const REGULAR: &[u8] = include_bytes!("../../assets/fonts/BudgetSansSC-Regular.ttf");
const BOLD: &[u8] = include_bytes!("../../assets/fonts/BudgetSansSC-Bold.ttf");

/// Name of the bold font family, for [`bold`] and `RichText::family`.
pub const BOLD_FAMILY: &str = "bold";

/// The bold family.
pub fn bold() -> FontFamily {
    FontFamily::Name(BOLD_FAMILY.into())
}

/// Installs the bundled fonts on a context: Regular first for proportional and
/// monospace text (egui's own fonts stay as fallback for symbols), Bold as
/// the family [`BOLD_FAMILY`].
pub fn install_fonts(ctx: &egui::Context) {
    let mut fonts = FontDefinitions::default();
    fonts.font_data.insert(
        "BudgetSansSC-Regular".into(),
        Arc::new(FontData::from_static(REGULAR)),
    );
    fonts.font_data.insert(
        "BudgetSansSC-Bold".into(),
        Arc::new(FontData::from_static(BOLD)),
    );
    let defaults = fonts
        .families
        .get(&FontFamily::Proportional)
        .cloned()
        .unwrap_or_default();
    for family in [FontFamily::Proportional, FontFamily::Monospace] {
        fonts
            .families
            .entry(family)
            .or_default()
            .insert(0, "BudgetSansSC-Regular".into());
    }
    let mut bold = vec![
        "BudgetSansSC-Bold".to_string(),
        "BudgetSansSC-Regular".to_string(),
    ];
    bold.extend(defaults);
    fonts.families.insert(self::bold(), bold);
    ctx.set_fonts(fonts);
}
