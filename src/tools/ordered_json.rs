//! JSON values that keep their members in the order written, and print the way people write
//! policies (`Sid`, `Effect`, `Action`, `Resource`, `Condition`; `name` before `policies`).
//!
//! The crate's `serde_json` sorts object keys, which reads badly for generated scenarios and
//! policy statements; this small type is used for the text the playground writes (imported
//! scenarios, bundles, suggested fixes).
//!
//! ```
//! use iam_playground::tools::ordered_json::J;
//!
//! let v = J::obj([("Effect", J::str("Allow")), ("Action", J::str("s3:GetObject"))]);
//! assert_eq!(v.compact(), r#"{"Effect": "Allow", "Action": "s3:GetObject"}"#);
//! assert_eq!(v.pretty("  ", 0), "{\n  \"Effect\": \"Allow\",\n  \"Action\": \"s3:GetObject\"\n}");
//! ```

/// A JSON value with ordered object members.
#[derive(Debug, Clone, PartialEq)]
pub enum J {
    /// `null`.
    Null,
    /// `true` / `false`.
    Bool(bool),
    /// A number, as written.
    Num(String),
    /// A string.
    Str(String),
    /// An array.
    Arr(Vec<J>),
    /// An object, members in order.
    Obj(Vec<(String, J)>),
}

impl J {
    /// A string value.
    pub fn str(s: impl Into<String>) -> J {
        J::Str(s.into())
    }

    /// An object from `(key, value)` pairs.
    pub fn obj<K: Into<String>>(members: impl IntoIterator<Item = (K, J)>) -> J {
        J::Obj(members.into_iter().map(|(k, v)| (k.into(), v)).collect())
    }

    /// A string, or an array of strings when there are several (as policies write values).
    pub fn one_or_many(values: &[String]) -> J {
        match values {
            [one] => J::str(one.clone()),
            many => J::Arr(many.iter().cloned().map(J::Str).collect()),
        }
    }

    /// Adds a member to an object (no effect on other values).
    pub fn push(&mut self, key: impl Into<String>, value: J) {
        if let J::Obj(members) = self {
            members.push((key.into(), value));
        }
    }

    /// Converts from a `serde_json` value (its object order is kept as iterated).
    pub fn from_value(v: &serde_json::Value) -> J {
        match v {
            serde_json::Value::Null => J::Null,
            serde_json::Value::Bool(b) => J::Bool(*b),
            serde_json::Value::Number(n) => J::Num(n.to_string()),
            serde_json::Value::String(s) => J::Str(s.clone()),
            serde_json::Value::Array(a) => J::Arr(a.iter().map(J::from_value).collect()),
            serde_json::Value::Object(o) => J::Obj(
                o.iter()
                    .map(|(k, v)| (k.clone(), J::from_value(v)))
                    .collect(),
            ),
        }
    }

    /// Converts from the span-keeping reader's value: members keep the order written, numbers
    /// their text.
    pub fn from_json(v: &crate::parse::json::Json) -> J {
        use crate::parse::json::JsonKind;
        match &v.kind {
            JsonKind::Null => J::Null,
            JsonKind::Bool(b) => J::Bool(*b),
            JsonKind::Number(n) => J::Num(n.to_string()),
            JsonKind::String(s) => J::Str(s.to_string()),
            JsonKind::Array(items) => J::Arr(items.iter().map(J::from_json).collect()),
            JsonKind::Object(members) => J::Obj(
                members
                    .iter()
                    .map(|m| (m.key.to_string(), J::from_json(&m.value)))
                    .collect(),
            ),
        }
    }

    /// On one line, with a space after `:` and `,`.
    pub fn compact(&self) -> String {
        let mut out = String::new();
        self.write(&mut out, None, 0);
        out
    }

    /// Over several lines: each level indented by `unit`, the first line at the current
    /// position and the following ones at `depth` levels.
    pub fn pretty(&self, unit: &str, depth: usize) -> String {
        let mut out = String::new();
        self.write(&mut out, Some(unit), depth);
        out
    }

    fn write(&self, out: &mut String, unit: Option<&str>, depth: usize) {
        match self {
            J::Null => out.push_str("null"),
            J::Bool(b) => out.push_str(if *b { "true" } else { "false" }),
            J::Num(n) => out.push_str(n),
            J::Str(s) => out.push_str(&quote(s)),
            J::Arr(items) => {
                // Arrays of scalars stay on one line: `["a", "b"]`.
                let flat = items.iter().all(|i| !matches!(i, J::Arr(_) | J::Obj(_)));
                write_seq(
                    out,
                    '[',
                    ']',
                    items.len(),
                    unit.filter(|_| !flat),
                    depth,
                    |out, i, unit, depth| {
                        if let Some(item) = items.get(i) {
                            item.write(out, unit, depth);
                        }
                    },
                );
            }
            J::Obj(members) => {
                write_seq(
                    out,
                    '{',
                    '}',
                    members.len(),
                    unit,
                    depth,
                    |out, i, unit, depth| {
                        if let Some((k, v)) = members.get(i) {
                            out.push_str(&quote(k));
                            out.push_str(": ");
                            v.write(out, unit, depth);
                        }
                    },
                );
            }
        }
    }
}

fn write_seq(
    out: &mut String,
    open: char,
    close: char,
    len: usize,
    unit: Option<&str>,
    depth: usize,
    mut item: impl FnMut(&mut String, usize, Option<&str>, usize),
) {
    out.push(open);
    if len == 0 {
        out.push(close);
        return;
    }
    for i in 0..len {
        if i > 0 {
            out.push(',');
            if unit.is_none() {
                out.push(' ');
            }
        }
        if let Some(u) = unit {
            out.push('\n');
            out.push_str(&u.repeat(depth + 1));
        }
        item(out, i, unit, depth + 1);
    }
    if let Some(u) = unit {
        out.push('\n');
        out.push_str(&u.repeat(depth));
    }
    out.push(close);
}

/// A JSON string literal.
pub fn quote(s: &str) -> String {
    serde_json::to_string(s).unwrap_or_else(|_| "\"\"".to_string())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn prints_nested_values_in_order() {
        let v = J::obj([
            ("name", J::str("x")),
            ("policies", J::obj([("identity", J::Arr(vec![]))])),
            ("list", J::Arr(vec![J::str("a"), J::str("b")])),
            ("objs", J::Arr(vec![J::obj([("k", J::Bool(true))])])),
        ]);
        assert_eq!(
            v.pretty("  ", 0),
            "{\n  \"name\": \"x\",\n  \"policies\": {\n    \"identity\": []\n  },\n  \"list\": [\"a\", \"b\"],\n  \"objs\": [\n    {\n      \"k\": true\n    }\n  ]\n}"
        );
        assert_eq!(
            v.compact(),
            r#"{"name": "x", "policies": {"identity": []}, "list": ["a", "b"], "objs": [{"k": true}]}"#
        );
        // What it prints is JSON that reads back to the same value.
        let back: serde_json::Value = serde_json::from_str(&v.pretty("    ", 2)).unwrap();
        assert_eq!(J::from_value(&back).compact().len(), v.compact().len());
    }

    #[test]
    fn escapes_strings() {
        assert_eq!(J::str("a\"b\n").compact(), r#""a\"b\n""#);
    }
}
