//! The one evaluator of the text patterns: a section's blocks and pieces
//! over [`Figures`]. Bounded whatever the template says: a list expands
//! only outside another list's item (the nested one prints nothing), and
//! nesting is cut at [`MAX_DEPTH`]; `template check` reports both
//! ([`crate::template::text_problems`]).

use super::figures::{Figures, Item, Value};
use crate::money::Money;
use crate::template::pattern::{
    Block, Compare, Expr, Helper, MAX_DEPTH, Piece, Segment, Test, condition, segments,
};
use std::cmp::Ordering;

/// Evaluates patterns for one document.
pub(super) struct Eval<'a> {
    pub figures: &'a Figures,
}

/// The list item whose fields are in scope, if any.
type Scope<'s> = Option<&'s Item>;

impl Eval<'_> {
    /// The paragraphs of a body.
    pub fn blocks(&self, bs: &[Block]) -> Vec<String> {
        let mut out = Vec::new();
        self.blocks_into(bs, 0, &mut out);
        out
    }

    fn blocks_into(&self, bs: &[Block], depth: usize, out: &mut Vec<String>) {
        if depth > MAX_DEPTH {
            return;
        }
        for b in bs {
            match b {
                Block::S(t) => out.push(self.text(t, None)),
                Block::P(ps) => {
                    let mut s = String::new();
                    self.pieces(ps, None, depth, &mut s);
                    out.push(s);
                }
                Block::Each { list, p } => {
                    for item in self.figures.list(list).unwrap_or_default() {
                        let mut s = String::new();
                        self.pieces(p, Some(item), depth + 1, &mut s);
                        out.push(s);
                    }
                }
                Block::When {
                    cond,
                    then,
                    otherwise,
                } => {
                    let next = if self.holds(cond, None) {
                        then
                    } else {
                        otherwise
                    };
                    self.blocks_into(next, depth + 1, out);
                }
            }
        }
    }

    fn pieces(&self, ps: &[Piece], scope: Scope<'_>, depth: usize, out: &mut String) {
        if depth > MAX_DEPTH {
            return;
        }
        for p in ps {
            match p {
                Piece::T(t) => out.push_str(&self.text(t, scope)),
                Piece::Join {
                    list,
                    item,
                    sep,
                    before,
                    after,
                    empty,
                } => {
                    // A list inside a list's item would multiply; it prints
                    // nothing (and `template check` refuses it).
                    let items = match scope {
                        None => self.figures.list(list).unwrap_or_default(),
                        Some(_) => &[],
                    };
                    if items.is_empty() {
                        out.push_str(&self.text(empty, scope));
                        continue;
                    }
                    out.push_str(&self.text(before, scope));
                    for (n, it) in items.iter().enumerate() {
                        if n > 0 {
                            out.push_str(&self.text(sep, scope));
                        }
                        self.pieces(item, Some(it), depth + 1, out);
                    }
                    out.push_str(&self.text(after, scope));
                }
                Piece::If {
                    cond,
                    then,
                    otherwise,
                } => {
                    let next = if self.holds(cond, scope) {
                        then
                    } else {
                        otherwise
                    };
                    self.pieces(next, scope, depth + 1, out);
                }
            }
        }
    }

    /// A text with its placeholders filled. A malformed text prints as
    /// written, an unknown name as `{名}`: visible, never a panic.
    fn text(&self, t: &str, scope: Scope<'_>) -> String {
        let Ok(segs) = segments(t) else {
            return t.to_string();
        };
        let mut s = String::new();
        for seg in segs {
            match seg {
                Segment::Lit(l) => s.push_str(&l),
                Segment::Slot(e) => s.push_str(&self.print(e, scope)),
            }
        }
        s
    }

    fn print(&self, e: Expr<'_>, scope: Scope<'_>) -> String {
        match e {
            Expr::Int(n) => n.to_string(),
            Expr::Name(n) => match self.value(n, scope) {
                Some(v) => print_value(v),
                None => format!("{{{n}}}"),
            },
            Expr::Call(h, a) => {
                let fig = match self.value(a, scope) {
                    Some(Value::Money(f)) => Some(f),
                    _ => None,
                };
                match (Helper::named(h), fig) {
                    (Some(Helper::Change), Some(f)) => self.change_words(f),
                    (Some(Helper::ChangeRate), Some(f)) => f.rate.words(),
                    (Some(Helper::ChangeAmount), Some(f)) => f
                        .prior
                        .map(|p| f.words.money(Money((f.shown - p).0.abs())))
                        .unwrap_or_default(),
                    (Some(Helper::ChangeWord), Some(f)) => f
                        .prior
                        .map(|p| match f.shown.cmp(&p) {
                            Ordering::Greater => "增加",
                            Ordering::Less => "减少",
                            Ordering::Equal => "持平",
                        })
                        .unwrap_or_default()
                        .into(),
                    (Some(Helper::Prior), Some(f)) => {
                        f.prior.map(|p| f.words.money(p)).unwrap_or_default()
                    }
                    (Some(Helper::HasPrior), Some(f)) => {
                        if f.prior.is_some() { "是" } else { "否" }.into()
                    }
                    (Some(Helper::Count), _) => self.count(a, scope).to_string(),
                    _ => format!("{{{h}({a})}}"),
                }
            }
        }
    }

    /// `比2020年预算增加…，增长…%`, `与2020年预算持平`, `2020年无可比预算数`.
    fn change_words(&self, f: &super::figures::Fig) -> String {
        let prev = self.figures.year - 1;
        let Some(prior) = f.prior else {
            return format!("{prev}年无可比预算数");
        };
        let change = f.shown - prior;
        match f.pct {
            _ if change.is_zero() => format!("与{prev}年预算持平"),
            None => format!("比{prev}年预算新增{}", f.words.money(change)),
            Some(p) if change.is_negative() => format!(
                "比{prev}年预算减少{}，下降{}%",
                f.words.money(-change),
                p.0.abs()
            ),
            Some(p) => format!("比{prev}年预算增加{}，增长{}%", f.words.money(change), p.0),
        }
    }

    fn value<'v>(&'v self, name: &str, scope: Scope<'v>) -> Option<&'v Value> {
        scope
            .and_then(|it| it.iter().find(|(n, _)| *n == name).map(|(_, v)| v))
            .or_else(|| self.figures.value(name))
    }

    fn count(&self, list: &str, _scope: Scope<'_>) -> usize {
        self.figures.list(list).map_or(0, <[Item]>::len)
    }

    fn holds(&self, cond: &str, scope: Scope<'_>) -> bool {
        let Ok(c) = condition(cond) else {
            return false;
        };
        c.any
            .iter()
            .any(|all| all.iter().all(|t| self.test(*t, scope)))
    }

    fn test(&self, t: Test<'_>, scope: Scope<'_>) -> bool {
        match t {
            Test::Holds(e) => self.truthy(e, scope),
            Test::Not(e) => !self.truthy(e, scope),
            Test::Compare(a, op, b) => {
                let (Some(a), Some(b)) = (self.number(a, scope), self.number(b, scope)) else {
                    return false;
                };
                let o = a.cmp(&b);
                match op {
                    Compare::Eq => o == Ordering::Equal,
                    Compare::Ne => o != Ordering::Equal,
                    Compare::Gt => o == Ordering::Greater,
                    Compare::Ge => o != Ordering::Less,
                    Compare::Lt => o == Ordering::Less,
                    Compare::Le => o != Ordering::Greater,
                }
            }
        }
    }

    /// Not zero, not empty: an amount, a count, a text, names or a list.
    fn truthy(&self, e: Expr<'_>, scope: Scope<'_>) -> bool {
        match e {
            Expr::Int(n) => n != 0,
            Expr::Name(n) => match self.value(n, scope) {
                Some(v) => match v {
                    Value::Money(f) => !f.shown.is_zero(),
                    Value::Count(c) => *c != 0,
                    Value::Text(t) => !t.is_empty(),
                    Value::Names(ns) => !ns.is_empty(),
                    Value::Share(p) => !p.0.is_zero(),
                },
                None => self.count(n, scope) > 0,
            },
            Expr::Call(h, a) => match Helper::named(h) {
                Some(Helper::HasPrior) => {
                    matches!(self.value(a, scope), Some(Value::Money(f)) if f.prior.is_some())
                }
                Some(Helper::Prior) => matches!(
                    self.value(a, scope),
                    Some(Value::Money(f)) if f.prior.is_some_and(|p| !p.is_zero())
                ),
                Some(Helper::ChangeRate) => !self.print(e, scope).is_empty(),
                Some(Helper::ChangeAmount) => matches!(
                    self.value(a, scope),
                    Some(Value::Money(f)) if f.prior.is_some_and(|p| p != f.shown)
                ),
                Some(Helper::ChangeWord) => {
                    matches!(self.value(a, scope), Some(Value::Money(f)) if f.prior.is_some())
                }
                Some(Helper::Change) => true,
                Some(Helper::Count) => self.count(a, scope) > 0,
                None => false,
            },
        }
    }

    /// A number to compare: counts and amounts (in cents of the printed
    /// figure).
    fn number(&self, e: Expr<'_>, scope: Scope<'_>) -> Option<rust_decimal::Decimal> {
        match e {
            Expr::Int(n) => Some(n.into()),
            Expr::Name(n) => match self.value(n, scope)? {
                Value::Money(f) => Some(f.shown.value()),
                Value::Count(c) => Some((*c).into()),
                Value::Share(p) => Some(p.0),
                _ => None,
            },
            Expr::Call(h, a) => match Helper::named(h)? {
                Helper::Count => Some(self.count(a, scope).into()),
                Helper::Prior => match self.value(a, scope)? {
                    Value::Money(f) => f.prior.map(Money::value),
                    _ => None,
                },
                Helper::ChangeAmount => match self.value(a, scope)? {
                    Value::Money(f) => f.prior.map(|p| (f.shown - p).value()),
                    _ => None,
                },
                _ => None,
            },
        }
    }
}

fn print_value(v: &Value) -> String {
    match v {
        Value::Money(f) => f.words.money(f.shown),
        Value::Count(c) => c.to_string(),
        Value::Text(t) => t.clone(),
        Value::Names(ns) => ns.join("、"),
        Value::Share(p) => p.to_string(),
    }
}
