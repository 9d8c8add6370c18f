//! Checks `driver/ipsecov2.natvis` (the WinDbg / Visual Studio visualizers of the SA table)
//! against the sources, so that it cannot silently drift from them:
//!
//! * it is XML with the root `AutoVisualizer` in the natvis namespace;
//! * every `Type Name` is a `crate::module::Type` path of this workspace whose module file
//!   declares that struct or enum;
//! * every expression of a visualizer (display strings, items, sizes, pointers, conditions,
//!   list variables) starts from a field that the struct declares in the source, or from a
//!   variable the visualizer declares;
//! * no expression mentions key material: no identifier containing `key`, none of the key
//!   schedule members (`crypto`, `confidentiality`, `integrity`), and nothing but the length in
//!   the visualizer of `Key`, which must exist and hide its raw view (so that expanding an SA
//!   never falls back to showing key bytes);
//! * the slot-state decoding (generation = high 32 bits, state = low byte; FREE, BUILDING, LIVE,
//!   DYING) matches the constants of `crates/ipsecov2-core/src/sa/table.rs`.

use std::collections::{BTreeMap, BTreeSet};
use std::path::{Path, PathBuf};

const NATVIS_NAMESPACE: &str = "http://schemas.microsoft.com/vstudio/debugger/natvis/2010";

/// Identifiers no expression may contain (lowercased substring match for `key`, exact match for
/// the members that hold key schedules).
const KEY_SCHEDULE_MEMBERS: &[&str] = &["crypto", "confidentiality", "integrity"];

/// Words of the natvis expression language that are not member names.
const EXPRESSION_WORDS: &[&str] = &[
    "unsigned", "signed", "int", "char", "short", "long", "__int64", "bool", "void", "sizeof",
    "true", "false", "this",
];

/// The visualizers the bring-up guide relies on.
const REQUIRED_TYPES: &[&str] = &[
    "ipsecov2_core::sa::table::SaTable",
    "ipsecov2_core::sa::table::Slot",
    "ipsecov2_core::sa::table::SaEntry",
    "ipsecov2_core::sa::table::SaCounters",
    "ipsecov2_core::sa::seq::SeqState",
    "ipsecov2_core::sa::spec::ElementSpec",
    "ipsecov2_core::sa::spec::Key",
];

fn root() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
}

/// The source directory of a crate of this workspace, by its Rust name.
fn crate_dir(krate: &str) -> Option<PathBuf> {
    match krate {
        "ipsecov2" => Some(root().join("driver")),
        "ipsecov2_core" => Some(root().join("crates/ipsecov2-core/src")),
        "ndis_sys" => Some(root().join("crates/ndis-sys/src")),
        _ => None,
    }
}

/// The file of module `modules` of the crate in `dir` (`a/b.rs` or `a/b/mod.rs`; the crate root
/// for no module).
fn module_file(dir: &Path, modules: &[&str]) -> Option<PathBuf> {
    if modules.is_empty() {
        return Some(dir.join("lib.rs")).filter(|p| p.is_file());
    }
    let joined = modules.join("/");
    [
        dir.join(format!("{joined}.rs")),
        dir.join(&joined).join("mod.rs"),
    ]
    .into_iter()
    .find(|p| p.is_file())
}

fn is_ident_char(c: char) -> bool {
    c.is_ascii_alphanumeric() || c == '_' || c == '$'
}

/// Byte offsets just after each `struct NAME` / `enum NAME` declaration in `source`.
fn declarations(source: &str, keyword: &str, name: &str) -> Vec<usize> {
    let needle = format!("{keyword} {name}");
    source
        .match_indices(&needle)
        .filter(|(at, _)| {
            // A declaration starts its line, after an optional visibility.
            let line_start = source[..*at].rfind('\n').map_or(0, |i| i + 1);
            let prefix = source[line_start..*at].trim();
            let prefix_ok = prefix.is_empty()
                || prefix == "pub"
                || (prefix.starts_with("pub(") && prefix.ends_with(')'));
            let end = at + needle.len();
            let after_ok = source[end..]
                .chars()
                .next()
                .is_none_or(|c| !is_ident_char(c));
            prefix_ok && after_ok
        })
        .map(|(at, _)| at + needle.len())
        .collect()
}

/// The named fields of the braced `struct name { ... }` in `source`, in order.
fn struct_fields(source: &str, name: &str) -> Option<Vec<String>> {
    for start in declarations(source, "struct", name) {
        let rest = &source[start..];
        let open = rest.find(['{', '(', ';'])?;
        if !rest[open..].starts_with('{') {
            continue;
        }
        let body = &rest[open + 1..];
        let mut fields = Vec::new();
        let mut depth = 0i32;
        let mut chunk = String::new();
        let mut chars = body.chars().peekable();
        while let Some(c) = chars.next() {
            // Comments: `//` to the end of the line.
            if c == '/' && chars.peek() == Some(&'/') {
                for d in chars.by_ref() {
                    if d == '\n' {
                        break;
                    }
                }
                chunk.push('\n');
                continue;
            }
            match c {
                '{' | '(' | '[' | '<' => depth += 1,
                ')' | ']' | '>' if !chunk.ends_with('-') => depth -= 1,
                '}' if depth == 0 => {
                    fields.extend(field_name(&chunk));
                    return Some(fields);
                }
                '}' => depth -= 1,
                ',' if depth == 0 => {
                    fields.extend(field_name(&chunk));
                    chunk.clear();
                    continue;
                }
                _ => {}
            }
            chunk.push(c);
        }
    }
    None
}

/// The field name of one `attrs vis name: Type` chunk of a struct body.
fn field_name(chunk: &str) -> Option<String> {
    let text: String = chunk
        .lines()
        .map(str::trim)
        .filter(|l| !l.starts_with("#[") && !l.is_empty())
        .collect::<Vec<_>>()
        .join(" ");
    let colon = text
        .char_indices()
        .find(|&(i, c)| c == ':' && !text[i + 1..].starts_with(':') && !text[..i].ends_with(':'))?;
    let before = text[..colon.0].trim();
    let name = before.rsplit([' ', ')']).next()?.trim();
    (!name.is_empty() && name.chars().all(is_ident_char)).then(|| name.to_string())
}

/// The expressions inside `{...}` of a display string (`{{` and `}}` are literal braces).
fn braced_expressions(text: &str) -> Vec<String> {
    let mut out = Vec::new();
    let mut chars = text.chars().peekable();
    while let Some(c) = chars.next() {
        match c {
            '{' if chars.peek() == Some(&'{') => {
                chars.next();
            }
            '}' if chars.peek() == Some(&'}') => {
                chars.next();
            }
            '{' => {
                let mut expression = String::new();
                for d in chars.by_ref() {
                    if d == '}' {
                        break;
                    }
                    expression.push(d);
                }
                out.push(expression);
            }
            _ => {}
        }
    }
    out
}

/// The expression without its format specifier (`spi,x` -> `spi`): text after the last comma
/// outside parentheses and brackets.
fn without_format(expression: &str) -> &str {
    let mut depth = 0i32;
    let mut cut = expression.len();
    for (i, c) in expression.char_indices() {
        match c {
            '(' | '[' => depth += 1,
            ')' | ']' => depth -= 1,
            ',' if depth == 0 => cut = i,
            _ => {}
        }
    }
    &expression[..cut]
}

#[derive(Debug, PartialEq)]
enum Token {
    Ident(String),
    Number,
    Punct(String),
}

fn tokens(expression: &str) -> Vec<Token> {
    let mut out = Vec::new();
    let chars: Vec<char> = expression.chars().collect();
    let mut i = 0;
    while i < chars.len() {
        let c = chars[i];
        if c.is_whitespace() {
            i += 1;
        } else if c.is_ascii_digit() {
            while i < chars.len() && is_ident_char(chars[i]) {
                i += 1;
            }
            out.push(Token::Number);
        } else if is_ident_char(c) {
            let start = i;
            while i < chars.len() && is_ident_char(chars[i]) {
                i += 1;
            }
            out.push(Token::Ident(chars[start..i].iter().collect()));
        } else {
            let two: String = chars[i..(i + 2).min(chars.len())].iter().collect();
            if two == "::" || two == "->" {
                out.push(Token::Punct(two));
                i += 2;
            } else {
                out.push(Token::Punct(c.to_string()));
                i += 1;
            }
        }
    }
    out
}

/// Identifiers that start a member access from the visualized object: not after `.`, `->` or
/// `::`, not before `::` (a type path in a cast), not a word of the expression language.
fn root_identifiers(expression: &str) -> Vec<String> {
    let tokens = tokens(without_format(expression));
    let mut out = Vec::new();
    for (i, token) in tokens.iter().enumerate() {
        let Token::Ident(name) = token else { continue };
        let after_access = i > 0
            && matches!(&tokens[i - 1], Token::Punct(p) if p == "." || p == "->" || p == "::");
        let before_path = matches!(tokens.get(i + 1), Some(Token::Punct(p)) if p == "::");
        if !after_access && !before_path && !EXPRESSION_WORDS.contains(&name.as_str()) {
            out.push(name.clone());
        }
    }
    out
}

fn all_identifiers(expression: &str) -> Vec<String> {
    tokens(without_format(expression))
        .into_iter()
        .filter_map(|t| match t {
            Token::Ident(name) => Some(name),
            _ => None,
        })
        .collect()
}

/// Every expression of one `Type` element (with the element it came from, for messages), and
/// the variables its list items declare.
fn type_expressions(ty: roxmltree::Node) -> (Vec<(String, String)>, BTreeSet<String>) {
    let mut expressions = Vec::new();
    let mut variables = BTreeSet::new();
    for node in ty.descendants().filter(|n| n.is_element()) {
        let element = node.tag_name().name().to_string();
        for attribute in ["Condition", "InitialValue"] {
            if let Some(value) = node.attribute(attribute) {
                expressions.push((format!("{element}/@{attribute}"), value.to_string()));
            }
        }
        if let Some(name) = node.attribute("Name") {
            if element == "Variable" {
                variables.insert(name.to_string());
            } else {
                for e in braced_expressions(name) {
                    expressions.push((format!("{element}/@Name"), e));
                }
            }
        }
        let text: String = node
            .children()
            .filter(|c| c.is_text())
            .filter_map(|c| c.text())
            .collect();
        let text = text.trim();
        if text.is_empty() {
            continue;
        }
        match element.as_str() {
            "DisplayString" => {
                for e in braced_expressions(text) {
                    expressions.push((element.clone(), e));
                }
            }
            "Item" | "ExpandedItem" | "Size" | "ValuePointer" | "Exec" | "StringView"
            | "HeadPointer" | "NextPointer" | "ValueNode" | "LeftPointer" | "RightPointer" => {
                expressions.push((element.clone(), text.to_string()));
            }
            _ => {}
        }
    }
    (expressions, variables)
}

/// `const NAME: u64 = N;` values of `source`.
fn u64_constants(source: &str) -> BTreeMap<String, u64> {
    source
        .lines()
        .filter_map(|line| {
            let rest = line.trim().strip_prefix("const ")?;
            let (name, rest) = rest.split_once(':')?;
            let value = rest.trim().strip_prefix("u64")?.trim().strip_prefix('=')?;
            let value = value.trim().strip_suffix(';')?.trim();
            Some((name.trim().to_string(), value.parse().ok()?))
        })
        .collect()
}

#[test]
fn natvis_matches_the_sources_and_hides_keys() {
    let path = root().join("driver/ipsecov2.natvis");
    let text = std::fs::read_to_string(&path).expect("driver/ipsecov2.natvis is readable");
    let document = roxmltree::Document::parse(&text).expect("the natvis file is well-formed XML");
    let top = document.root_element();
    assert_eq!(top.tag_name().name(), "AutoVisualizer", "root element");
    assert_eq!(
        top.tag_name().namespace(),
        Some(NATVIS_NAMESPACE),
        "root namespace"
    );

    let mut errors: Vec<String> = Vec::new();
    let mut names = BTreeSet::new();
    let mut checked = 0usize;
    for node in top.descendants().filter(|n| n.is_element()) {
        if node.tag_name().namespace() != Some(NATVIS_NAMESPACE) {
            errors.push(format!(
                "<{}> is outside the natvis namespace",
                node.tag_name().name()
            ));
        }
    }
    for ty in top.children().filter(|n| n.has_tag_name("Type")) {
        let Some(name) = ty.attribute("Name") else {
            errors.push("a <Type> without a Name".into());
            continue;
        };
        if !names.insert(name.to_string()) {
            errors.push(format!("{name}: visualized twice"));
        }
        let segments: Vec<&str> = name.split("::").collect();
        let (krate, modules, type_name) = match segments.as_slice() {
            [krate, modules @ .., type_name] if !modules.is_empty() || *krate == "ipsecov2" => {
                (*krate, modules, *type_name)
            }
            _ => {
                errors.push(format!("{name}: not a crate::module::Type path"));
                continue;
            }
        };
        if !type_name.chars().all(is_ident_char) {
            errors.push(format!(
                "{name}: only plain (non-generic) types of this workspace"
            ));
            continue;
        }
        let Some(dir) = crate_dir(krate) else {
            errors.push(format!("{name}: {krate} is not a crate of this workspace"));
            continue;
        };
        let Some(file) = module_file(&dir, modules) else {
            errors.push(format!(
                "{name}: no source file for module {}",
                modules.join("::")
            ));
            continue;
        };
        let source = std::fs::read_to_string(&file).expect("source file is readable");
        let is_enum = !declarations(&source, "enum", type_name).is_empty();
        let fields = struct_fields(&source, type_name);
        if fields.is_none() && !is_enum {
            errors.push(format!(
                "{name}: no `struct {type_name} {{ .. }}` or `enum {type_name}` in {}",
                file.display()
            ));
            continue;
        }
        let fields: BTreeSet<String> = fields.unwrap_or_default().into_iter().collect();

        let (expressions, variables) = type_expressions(ty);
        for (origin, expression) in &expressions {
            checked += 1;
            for ident in all_identifiers(expression) {
                let lower = ident.to_ascii_lowercase();
                if lower.contains("key") || KEY_SCHEDULE_MEMBERS.contains(&ident.as_str()) {
                    errors.push(format!(
                        "{name} {origin}: `{expression}` reads key material ({ident})"
                    ));
                }
                if type_name == "Key"
                    && ident != "len"
                    && !EXPRESSION_WORDS.contains(&ident.as_str())
                {
                    errors.push(format!(
                        "{name} {origin}: `{expression}`: the Key visualizer may show its length only"
                    ));
                }
            }
            for ident in root_identifiers(expression) {
                if !fields.contains(&ident) && !variables.contains(&ident) {
                    errors.push(format!(
                        "{name} {origin}: `{expression}` uses `{ident}`, which is not a field of \
                         {type_name} in {} (fields: {fields:?})",
                        file.display()
                    ));
                }
            }
        }
        if type_name == "Key" || type_name == "ElementCrypto" {
            let hides_raw = ty
                .children()
                .find(|c| c.has_tag_name("Expand"))
                .and_then(|e| e.attribute("HideRawView"))
                == Some("true");
            if !hides_raw {
                errors.push(format!(
                    "{name}: its <Expand> must set HideRawView=\"true\""
                ));
            }
        }
    }
    for required in REQUIRED_TYPES {
        if !names.contains(*required) {
            errors.push(format!("{required}: no visualizer"));
        }
    }

    // The slot state word, as table.rs encodes it.
    let table_rs = root().join("crates/ipsecov2-core/src/sa/table.rs");
    let table = std::fs::read_to_string(&table_rs).expect("table.rs is readable");
    for needle in [
        "(u64::from(generation) << 32) | state",
        "word & 0xFF",
        "(word >> 32) as u32",
    ] {
        if !table.contains(needle) {
            errors.push(format!(
                "table.rs no longer contains `{needle}`: update the Slot visualizer's decoding"
            ));
        }
    }
    let states = u64_constants(&table);
    let slot = top
        .children()
        .find(|n| n.attribute("Name") == Some("ipsecov2_core::sa::table::Slot"));
    for state in ["FREE", "BUILDING", "LIVE", "DYING"] {
        let Some(value) = states.get(state) else {
            errors.push(format!("table.rs defines no `const {state}: u64`"));
            continue;
        };
        let condition = format!("(state.v.value & 0xff) == {value}");
        let shown = slot.is_some_and(|slot| {
            slot.children().any(|d| {
                d.has_tag_name("DisplayString")
                    && d.attribute("Condition") == Some(condition.as_str())
                    && d.text().is_some_and(|t| t.starts_with(state))
            })
        });
        if !shown {
            errors.push(format!(
                "Slot: no DisplayString \"{state} ...\" with Condition \"{condition}\""
            ));
        }
    }

    println!(
        "natvis: {} types, {checked} expressions checked, {} problems",
        names.len(),
        errors.len()
    );
    assert!(errors.is_empty(), "{}", errors.join("\n"));
}

#[test]
fn expression_helpers() {
    assert_eq!(braced_expressions("{{ a={x,x} b={y} }}"), ["x,x", "y"]);
    assert_eq!(without_format("spi,x"), "spi");
    assert_eq!(without_format("f(a, b)"), "f(a, b)");
    assert_eq!(
        root_identifiers("(ipsecov2_core::sa::table::Slot *)slots.buf.inner.ptr"),
        ["slots"]
    );
    assert_eq!(
        root_identifiers("(unsigned int)(state.v.value >> 32)"),
        ["state"]
    );
    assert_eq!(root_identifiers("base[i].state"), ["base", "i"]);
    assert_eq!(
        struct_fields(
            "pub struct S {\n    /// doc, with a comma\n    pub a: Vec<(u8, u16)>,\n    #[x]\n    b: fn() -> u8,\n    pub(crate) c: u32,\n}",
            "S"
        ),
        Some(vec!["a".to_string(), "b".to_string(), "c".to_string()])
    );
    assert_eq!(
        u64_constants("const LIVE: u64 = 2;\nconst X: u32 = 1;"),
        BTreeMap::from([("LIVE".to_string(), 2)])
    );
}
