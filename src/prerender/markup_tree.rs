//! The widget's prerendered panel as data, not HTML: a tree of `[tag, {attribute: value},
//! ...children]` arrays with text as strings, in JSON. The embed runtime builds it element by
//! element (`createElement`, `setAttribute`, text nodes), so showing it parses no HTML and needs
//! no Trusted Types policy: a host page whose CSP allows none (`trusted-types 'none'`) sees no
//! violation.
//!
//! The input is Yew's server-rendered markup, our own components' output: elements, quoted
//! attributes, escaped text. Anything else (a comment aside) is a bug of ours and fails the
//! build, as does an event-handler attribute (`on…`), which the runtime would set as given.

use serde_json::{Map, Value};

/// Elements without an end tag.
const VOID: &[&str] = &["area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta", "source", "track", "wbr"];

/// The tree of `html` (one or more top-level nodes) as a JSON array of nodes.
pub fn to_json(html: &str) -> Result<String, String> {
    let mut reader = Reader { html, at: 0 };
    let nodes = reader.children(None)?;
    Ok(Value::Array(nodes).to_string())
}

struct Reader<'a> {
    html: &'a str,
    at: usize,
}

impl<'a> Reader<'a> {
    fn rest(&self) -> &'a str {
        &self.html[self.at..]
    }

    fn fail(&self, what: &str) -> String {
        let near: String = self.rest().chars().take(40).collect();
        format!("prerendered panel, byte {}: {what} (at {near:?})", self.at)
    }

    /// The nodes up to the end tag of `parent` (or the end of the input when `None`).
    fn children(&mut self, parent: Option<&str>) -> Result<Vec<Value>, String> {
        let mut nodes = Vec::new();
        loop {
            let rest = self.rest();
            if rest.is_empty() {
                return match parent {
                    None => Ok(nodes),
                    Some(tag) => Err(self.fail(&format!("<{tag}> is not closed"))),
                };
            }
            if let Some(after) = rest.strip_prefix("<!--") {
                let end = after.find("-->").ok_or_else(|| self.fail("a comment is not closed"))?;
                self.at += 4 + end + 3;
            } else if let Some(after) = rest.strip_prefix("</") {
                let end = after.find('>').ok_or_else(|| self.fail("an end tag is not closed"))?;
                let tag = &after[..end];
                if parent != Some(tag) {
                    return Err(self.fail(&format!("</{tag}> closes nothing open")));
                }
                self.at += 2 + end + 1;
                return Ok(nodes);
            } else if rest.starts_with('<') {
                nodes.push(self.element()?);
            } else {
                let end = rest.find('<').unwrap_or(rest.len());
                nodes.push(Value::String(unescape(&rest[..end]).map_err(|e| self.fail(&e))?));
                self.at += end;
            }
        }
    }

    /// An element, from its `<`.
    fn element(&mut self) -> Result<Value, String> {
        self.at += 1;
        let tag = self.name();
        if tag.is_empty() {
            return Err(self.fail("a `<` that starts no tag"));
        }
        let tag = tag.to_ascii_lowercase();
        let mut attributes = Map::new();
        loop {
            self.at += self.rest().len() - self.rest().trim_start().len();
            let rest = self.rest();
            if let Some(after) = rest.strip_prefix("/>").or_else(|| rest.strip_prefix('>')) {
                self.at = self.html.len() - after.len();
                break;
            }
            let name = self.name().to_ascii_lowercase();
            if name.is_empty() {
                return Err(self.fail(&format!("<{tag}> has a malformed attribute")));
            }
            if name.starts_with("on") {
                return Err(self.fail(&format!("<{tag}> has an event-handler attribute, {name}")));
            }
            let value = match self.rest().strip_prefix("=\"") {
                Some(after) => {
                    let end = after.find('"').ok_or_else(|| self.fail("an attribute value is not closed"))?;
                    self.at += 2 + end + 1;
                    unescape(&after[..end]).map_err(|e| self.fail(&e))?
                }
                None if self.rest().starts_with('=') => return Err(self.fail("an attribute value without double quotes")),
                // A boolean attribute (`hidden`).
                None => String::new(),
            };
            attributes.insert(name, Value::String(value));
        }
        let mut node = vec![Value::String(tag.clone()), Value::Object(attributes)];
        if !VOID.contains(&tag.as_str()) {
            node.extend(self.children(Some(&tag))?);
        }
        Ok(Value::Array(node))
    }

    /// A tag's or attribute's name at the cursor (possibly empty), read past.
    fn name(&mut self) -> &'a str {
        let start = self.at;
        let len = self.rest().find(|c: char| c.is_whitespace() || matches!(c, '>' | '/' | '=' | '"' | '<')).unwrap_or(self.rest().len());
        self.at += len;
        &self.html[start..start + len]
    }
}

/// Text with its character references (the ones an HTML serializer writes) turned back into
/// characters.
fn unescape(text: &str) -> Result<String, String> {
    let mut out = String::with_capacity(text.len());
    let mut rest = text;
    while let Some(amp) = rest.find('&') {
        out.push_str(&rest[..amp]);
        let after = &rest[amp + 1..];
        let end = after.find(';').filter(|&e| e <= 10).ok_or_else(|| format!("a bare & in {text:?}"))?;
        let name = &after[..end];
        let c = match name {
            "amp" => '&',
            "lt" => '<',
            "gt" => '>',
            "quot" => '"',
            "apos" => '\'',
            "nbsp" => '\u{a0}',
            _ => {
                let code = if let Some(hex) = name.strip_prefix("#x").or_else(|| name.strip_prefix("#X")) {
                    u32::from_str_radix(hex, 16).ok()
                } else if let Some(dec) = name.strip_prefix('#') {
                    dec.parse().ok()
                } else {
                    None
                };
                code.and_then(char::from_u32).ok_or_else(|| format!("an unknown character reference &{name};"))?
            }
        };
        out.push(c);
        rest = &after[end + 1..];
    }
    out.push_str(rest);
    Ok(out)
}

/// The tree written back as HTML, as a serializer writes it (tests compare it with the markup).
#[cfg(test)]
pub(crate) fn to_html(nodes: &[Value]) -> String {
    let escape = |s: &str| s.replace('&', "&amp;").replace('<', "&lt;").replace('>', "&gt;");
    nodes
        .iter()
        .map(|n| match n {
            Value::String(text) => escape(text),
            Value::Array(parts) => {
                let tag = parts[0].as_str().unwrap();
                let attributes: String = parts[1]
                    .as_object()
                    .unwrap()
                    .iter()
                    .map(|(k, v)| format!(" {k}=\"{}\"", escape(v.as_str().unwrap()).replace('"', "&quot;")))
                    .collect();
                let inner = to_html(&parts[2..]);
                if VOID.contains(&tag) {
                    format!("<{tag}{attributes}>")
                } else {
                    format!("<{tag}{attributes}>{inner}</{tag}>")
                }
            }
            _ => unreachable!(),
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn tree(html: &str) -> Vec<Value> {
        serde_json::from_str::<Vec<Value>>(&to_json(html).unwrap()).unwrap()
    }

    #[test]
    fn elements_attributes_and_text() {
        let html = r#"<dialog aria-labelledby="t" class="panel"><h2 id="t">Help &amp; more</h2><input value="" id="q" type="search"><p>a &lt;b&gt; "c" 中文</p></dialog>"#;
        let t = tree(html);
        assert_eq!(t[0][0], "dialog");
        assert_eq!(t[0][1]["class"], "panel");
        assert_eq!(t[0][2][2], "Help & more");
        assert_eq!(t[0][3][0], "input");
        assert_eq!(t[0][3].as_array().unwrap().len(), 2, "a void element has no children");
        assert_eq!(t[0][4][2], "a <b> \"c\" 中文");
        assert_eq!(to_html(&t), html);
    }

    #[test]
    fn references_booleans_and_comments() {
        let t = tree(r#"<p hidden title="x&#39;y&#x4e2d;">&nbsp;<!-- a note --></p>"#);
        assert_eq!(t[0][1]["hidden"], "");
        assert_eq!(t[0][1]["title"], "x'y中");
        assert_eq!(t[0][2], "\u{a0}");
        assert_eq!(t[0].as_array().unwrap().len(), 3, "the comment is dropped");
    }

    #[test]
    fn what_is_not_our_markup_fails() {
        for bad in ["<p>open", "<p></div>", "</p>", "<p a=b></p>", "<p onclick=\"x()\"></p>", "a & b", "&bogus;", "<p title=\"x></p>", "< p>"] {
            assert!(to_json(bad).is_err(), "{bad}");
        }
    }
}
