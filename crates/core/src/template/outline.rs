//! A template's outline in words: its header, then each part with its
//! tables (number and title) or text sections.

use super::spec::{PartKind, TemplateSpec};

impl TemplateSpec {
    /// `北京 2026（2026 版）  北京市 2026  13 张表`: what a list of
    /// templates shows for one.
    pub fn describe(&self) -> String {
        let place = match (&self.region, self.year) {
            (Some(r), Some(y)) => format!("{r} {y}"),
            (Some(r), None) => r.clone(),
            (None, Some(y)) => y.to_string(),
            (None, None) => "—".into(),
        };
        let edition = self
            .edition
            .as_deref()
            .map(|e| format!("（{e}）"))
            .unwrap_or_default();
        format!(
            "{}{}  {}  {} 张表",
            self.name,
            edition,
            place,
            self.tables.len()
        )
    }

    /// The outline of the template, as `template show` and the app's import
    /// preview print it.
    pub fn outline(&self) -> String {
        let s = self;
        let mut out = format!("模板：{}（{}）\n", s.name, s.id);
        if let Some(e) = &s.edition {
            out += &format!("版本：{e}\n");
        }
        if let Some(p) = &s.extends {
            out += &format!("继承自：{p}\n");
        }
        if let (Some(r), Some(y)) = (&s.region, s.year) {
            out += &format!("地区/年度：{r} {y}\n");
        }
        out += &format!("表数：{}\n", s.tables.len());
        for part in &s.parts {
            let heading = if part.heading.is_empty() {
                "（无标题）"
            } else {
                &part.heading
            };
            out += &format!("{heading}\n");
            match part.kind {
                PartKind::Tables => {
                    for t in s.data_tables() {
                        out += &format!("  表{}  {}\n", t.number, t.title);
                    }
                }
                PartKind::Forms => {
                    for t in s.forms() {
                        out += &format!("  表{}  {}\n", t.number, t.title);
                    }
                }
                _ => {
                    for (i, sec) in part.sections.iter().enumerate() {
                        out += &format!("  {}. {}\n", i + 1, sec.heading);
                    }
                }
            }
        }
        out
    }
}
