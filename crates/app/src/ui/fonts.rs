//! The bundled CJK fonts (BudgetSansSC, SIL OFL 1.1, see
//! `assets/fonts/OFL.txt`): Regular for all text, Bold as its own family
//! because egui has no synthetic bold. Characters they lack (rare hanzi in
//! names) fall back on the system's CJK font, see
//! [`crate::platform::system_cjk_fonts`].

use egui::{FontData, FontDefinitions, FontFamily};
use std::sync::Arc;

const REGULAR: &[u8] = include_bytes!("../../../../assets/fonts/BudgetSansSC-Regular.ttf");
const BOLD: &[u8] = include_bytes!("../../../../assets/fonts/BudgetSansSC-Bold.ttf");

/// Name of the bold font family, for [`bold`] and `RichText::family`.
pub(crate) const BOLD_FAMILY: &str = "bold";

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
    if let Some(data) = system_fallback() {
        fonts
            .font_data
            .insert(SYSTEM_FALLBACK.into(), Arc::new(data));
        for list in fonts.families.values_mut() {
            list.push(SYSTEM_FALLBACK.into());
        }
    }
    ctx.set_fonts(fonts);
}

const SYSTEM_FALLBACK: &str = "system-cjk-fallback";

/// The first readable and valid system CJK font, last in every family.
/// Files larger than any real CJK font (64 MiB) are skipped, not read.
fn system_fallback() -> Option<FontData> {
    crate::platform::system_cjk_fonts()
        .into_iter()
        .find_map(|(path, index)| {
            let size = std::fs::metadata(&path).ok()?.len();
            if size > 64 * 1024 * 1024 {
                return None;
            }
            let bytes = std::fs::read(&path).ok()?;
            // egui panics on a font it cannot parse; a damaged system file
            // must not stop the app from starting.
            ttf_parser::Face::parse(&bytes, index).ok()?;
            let mut data = FontData::from_owned(bytes);
            data.index = index;
            Some(data)
        })
}
