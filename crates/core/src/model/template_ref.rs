//! Which template a document is published in, as the file records it: the
//! template's id, its edition, a hash of its content, and, for a template
//! that is not bundled with the program, the template's own text (and its
//! parents') so the document renders on a machine that lacks it. What the
//! template prints (its spec, parsing a name) is `crate::template`'s.

use serde::de::{self, EnumAccess, MapAccess, VariantAccess, Visitor};
use serde::ser::SerializeStructVariant;
use serde::{Deserialize, Serialize};
use std::borrow::Cow;
use std::fmt;
use std::sync::Arc;

/// A template a document is published in, by data: its id, edition and
/// content hash, and the template text the document carries.
///
/// Two references are equal when they name the same template (the id);
/// whether the content changed is [`Template::hash`]'s business.
#[derive(Clone, Debug)]
pub struct Template {
    id: Cow<'static, str>,
    edition: Option<String>,
    hash: Option<String>,
    carried: Option<Arc<[String]>>,
}

impl PartialEq for Template {
    fn eq(&self, other: &Template) -> bool {
        self.id == other.id
    }
}
impl Eq for Template {}

impl std::hash::Hash for Template {
    fn hash<H: std::hash::Hasher>(&self, state: &mut H) {
        self.id.hash(state);
    }
}

impl Default for Template {
    fn default() -> Template {
        Template::Wuhan2021
    }
}

#[allow(
    non_upper_case_globals,
    reason = "named like the enum variants they replace, so `Template::Wuhan2021` reads as before"
)]
impl Template {
    /// 武汉 2021: 表1–表8, 附件3, 表10; 万元.
    pub const Wuhan2021: Template = Template::bundled_id("Wuhan2021");
    /// 武汉 2022: 11 tables, 部门 totals first, 项目支出表, numbered 绩效 tables.
    pub const Wuhan2022: Template = Template::bundled_id("Wuhan2022");
    /// 上海 2025: 9 tables in 元 (三公 in 万元), 名词解释 and 编制说明 first.
    pub const Shanghai2025: Template = Template::bundled_id("Shanghai2025");
    /// 湖南 2025 (10 tables, text first, 一、二… table numbers); column
    /// headers inferred, see its provenance.
    pub const Hunan2025: Template = Template::bundled_id("Hunan2025");
    /// 中央部门 2024 (9 tables before the text, 绩效目标表 as 附件).
    pub const Zhongyang2024: Template = Template::bundled_id("Zhongyang2024");
    /// 贵州 县 2025 (every title prefixed with the department and year).
    pub const Guizhou2025: Template = Template::bundled_id("Guizhou2025");
    /// 河南 县 2025 (支出经济分类汇总表, no 国资 table, tables after the text).
    pub const Henan2025: Template = Template::bundled_id("Henan2025");
    /// 天津 区 2026 (a 说明 section per table, 关于空表的说明).
    pub const Tianjin2026: Template = Template::bundled_id("Tianjin2026");
    /// 北京 2025 (text first).
    pub const Beijing2025: Template = Template::bundled_id("Beijing2025");
    /// 北京 2026: an edition of [`Template::Beijing2025`] (项目支出表
    /// dropped, 财政拨款收支总表 moved, 绩效 renamed).
    pub const Beijing2026: Template = Template::bundled_id("Beijing2026");
    /// 四川 2025 (公开表1 … 7 numbering).
    pub const Sichuan2025: Template = Template::bundled_id("Sichuan2025");

    /// Every bundled template, in the order `template list` shows them.
    pub const ALL: [Template; 11] = [
        Template::Wuhan2021,
        Template::Wuhan2022,
        Template::Shanghai2025,
        Template::Hunan2025,
        Template::Zhongyang2024,
        Template::Guizhou2025,
        Template::Henan2025,
        Template::Tianjin2026,
        Template::Beijing2025,
        Template::Beijing2026,
        Template::Sichuan2025,
    ];

    const fn bundled_id(id: &'static str) -> Template {
        Template {
            id: Cow::Borrowed(id),
            edition: None,
            hash: None,
            carried: None,
        }
    }

    /// A reference with every part given; `crate::template::reference`
    /// builds these from a resolved template, so `hash` is the hash of
    /// `carried` (or of the bundled text).
    pub(crate) fn from_parts(
        id: String,
        edition: Option<String>,
        hash: Option<String>,
        carried: Option<Arc<[String]>>,
    ) -> Template {
        Template {
            id: Cow::Owned(id),
            edition,
            hash,
            carried,
        }
    }

    /// The identifier used in files and on the command line (`Wuhan2021`).
    pub fn id(&self) -> &str {
        &self.id
    }

    /// The edition as its template names it (`2026 版`), if it does.
    pub fn edition(&self) -> Option<&str> {
        self.edition.as_deref()
    }

    /// Hash of the template's content when the document was made (files
    /// from before templates were hashed have none).
    pub fn hash(&self) -> Option<&str> {
        self.hash.as_deref()
    }

    /// False when both references name the same template but record
    /// different content (the template was edited between the two, e.g. a
    /// region's file re-installed); true when they agree, or when either
    /// predates content hashes and nothing can be told.
    pub fn same_content(&self, other: &Template) -> bool {
        self.id != other.id
            || match (self.hash(), other.hash()) {
                (Some(a), Some(b)) => a == b,
                _ => true,
            }
    }

    /// The template texts the document carries, the template's own first
    /// and then each template it extends; `None` for a bundled template.
    pub fn carried(&self) -> Option<&[String]> {
        self.carried.as_deref()
    }
}

/// A stable hash of template texts (64-bit FNV-1a over each text and a
/// separator, as 16 hex digits): enough to tell that a template changed;
/// not a defence against someone forging a collision on purpose.
pub fn content_hash<S: AsRef<str>>(texts: &[S]) -> String {
    let mut h: u64 = 0xcbf2_9ce4_8422_2325;
    for t in texts {
        for b in t.as_ref().bytes().chain([0xff]) {
            h ^= u64::from(b);
            h = h.wrapping_mul(0x0000_0100_0000_01b3);
        }
    }
    format!("{h:016x}")
}

/// The variant name of the full form in a file: `Ref(id: …, hash: …)`.
/// Older files write the bare id (`template: Wuhan2021`), still read.
const REF: &str = "Ref";

#[derive(Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
struct RefFields {
    id: String,
    #[serde(default)]
    edition: Option<String>,
    #[serde(default)]
    hash: Option<String>,
    #[serde(default)]
    carried: Option<Vec<String>>,
}

impl Serialize for Template {
    fn serialize<S: serde::Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        // A bare bundled id, as older files write it, when that is all
        // there is to say.
        if self.edition.is_none()
            && self.hash.is_none()
            && self.carried.is_none()
            && let Some(t) = Template::ALL.iter().find(|t| t.id == self.id)
            && let Cow::Borrowed(id) = t.id
        {
            return s.serialize_unit_variant("Template", 0, id);
        }
        let mut v = s.serialize_struct_variant("Template", 0, REF, 4)?;
        v.serialize_field("id", &self.id)?;
        match &self.edition {
            Some(e) => v.serialize_field("edition", &Some(e))?,
            None => v.skip_field("edition")?,
        }
        match &self.hash {
            Some(h) => v.serialize_field("hash", &Some(h))?,
            None => v.skip_field("hash")?,
        }
        match self.carried.as_deref() {
            Some(c) => v.serialize_field("carried", &Some(c))?,
            None => v.skip_field("carried")?,
        }
        v.end()
    }
}

/// A variant name read as text (any id, not a fixed list).
struct Ident(String);

impl<'de> Deserialize<'de> for Ident {
    fn deserialize<D: serde::Deserializer<'de>>(d: D) -> Result<Ident, D::Error> {
        struct V;
        impl Visitor<'_> for V {
            type Value = Ident;
            fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
                f.write_str("模板名")
            }
            fn visit_str<E: de::Error>(self, s: &str) -> Result<Ident, E> {
                Ok(Ident(s.to_string()))
            }
        }
        d.deserialize_identifier(V)
    }
}

impl<'de> Deserialize<'de> for Template {
    fn deserialize<D: serde::Deserializer<'de>>(d: D) -> Result<Template, D::Error> {
        struct V;
        impl<'de> Visitor<'de> for V {
            type Value = Template;
            fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
                f.write_str("模板（如 Wuhan2021 或 Ref(id: …)）")
            }
            fn visit_enum<A: EnumAccess<'de>>(self, a: A) -> Result<Template, A::Error> {
                let (Ident(name), v) = a.variant()?;
                if name != REF {
                    v.unit_variant()?;
                    return Ok(Template::from_parts(name, None, None, None));
                }
                let f: RefFields =
                    v.struct_variant(&["id", "edition", "hash", "carried"], Fields)?;
                if let (Some(texts), Some(h)) = (&f.carried, &f.hash)
                    && content_hash(texts) != *h
                {
                    return Err(de::Error::custom(format!(
                        "文件所带的模板“{}”与其记录的 hash 不符（文件被改动过？）",
                        f.id
                    )));
                }
                let hash = match &f.carried {
                    Some(texts) => Some(content_hash(texts)),
                    None => f.hash,
                };
                Ok(Template::from_parts(
                    f.id,
                    f.edition,
                    hash,
                    f.carried.map(Arc::from),
                ))
            }
        }
        struct Fields;
        impl<'de> Visitor<'de> for Fields {
            type Value = RefFields;
            fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
                f.write_str("模板的 id、edition、hash、carried")
            }
            fn visit_map<A: MapAccess<'de>>(self, m: A) -> Result<RefFields, A::Error> {
                RefFields::deserialize(de::value::MapAccessDeserializer::new(m))
            }
        }
        d.deserialize_enum("Template", &[], V)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[derive(Debug, PartialEq, Serialize, Deserialize)]
    struct M {
        #[serde(default)]
        template: Template,
    }

    fn read(s: &str) -> Result<M, ron::error::SpannedError> {
        ron::from_str(s)
    }

    #[test]
    fn old_bare_ids_and_missing_fields_still_read_and_write_back_alike() {
        assert_eq!(
            read("(template: Wuhan2022)").unwrap().template.id(),
            "Wuhan2022"
        );
        assert_eq!(read("()").unwrap().template.id(), "Wuhan2021");
        let text = ron::to_string(&read("(template: Shanghai2025)").unwrap()).unwrap();
        assert_eq!(text, "(template:Shanghai2025)");
    }

    #[test]
    fn the_full_form_round_trips_and_a_tampered_text_is_refused() {
        let texts = vec!["(id: \"A\")".to_string()];
        let t = Template::from_parts(
            "A".into(),
            Some("2026 版".into()),
            Some(content_hash(&texts)),
            Some(Arc::from(texts)),
        );
        let text = ron::to_string(&M {
            template: t.clone(),
        })
        .unwrap();
        let back = read(&text).unwrap().template;
        assert_eq!(back.hash(), t.hash());
        assert_eq!(back.edition(), Some("2026 版"));
        assert_eq!(back.carried(), t.carried());
        let tampered = text.replace("(id: \\\"A\\\")", "(id: \\\"B\\\")");
        assert_ne!(tampered, text);
        let e = read(&tampered).unwrap_err().to_string();
        assert!(e.contains("hash"), "{e}");
    }
}
