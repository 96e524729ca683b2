//! Small text rules shared by the importer and the UI, a module each: inline labels and menu
//! paths (`menu_path`, with its grammar), which links may be rendered (`links`), bidirectional
//! and zero-width characters (`bidi`); and here slugs, UI names and step numbers.

mod bidi;
mod links;
mod menu_path;

pub use bidi::{is_bidi_control, is_zero_width, isolate_bidi};
pub use links::{http_url, is_http, is_relative, is_unsafe_in_url, resolve_href};
pub use menu_path::{inline_spans, join_chips, push_text};

#[cfg(test)]
use crate::model::{Span, Text};

#[cfg(test)]
fn owned(s: &str) -> Text {
    s.to_owned()
}

/// A URL-safe identifier: lower-case ASCII letters and digits, other letters kept, runs of
/// anything else turned into one `-`; at most [`crate::model::MAX_NAME`] bytes (a paragraph
/// pasted into a heading makes a slug of its first words, not one the app would refuse).
pub fn slugify(title: &str) -> String {
    let mut slug = String::new();
    for c in title.chars() {
        if slug.len() + c.len_utf8() * 3 > crate::model::MAX_NAME {
            break;
        }
        if c.is_alphanumeric() {
            slug.extend(c.to_lowercase());
        } else if !slug.is_empty() && !slug.ends_with('-') {
            slug.push('-');
        }
    }
    slug.trim_end_matches('-').to_owned()
}

/// Whether a bold run reads as a UI name (a menu, a tab, a button: `**费用**`,
/// `**Marketplace**`) rather than words in bold: at most 40 characters and 6 words, no
/// sentence punctuation (a colon makes it a lead-in, `**Note:**`, `**说明：**`), and no step
/// number in front (`**1. Log in…**`).
pub fn reads_as_ui_name(s: &str) -> bool {
    // Bytes first: a long run (nested emphasis grows one) is rejected without reading it.
    if s.len() > 40 * 4 + 16 {
        return false;
    }
    let s = s.trim();
    !s.is_empty()
        && s.chars().count() <= 40
        && s.split_whitespace().count() <= 6
        && !s.contains(['。', '！', '？', '；', '!', '?', ';', ':', '：', '，'])
        && !s.ends_with('.')
        && strip_step_number(s).len() == s.len()
}

/// A step's text without the number an author typed in front of it (`1. `, `2、`, `3) `,
/// `(4) `, `Step 5: `, `第6步：`, `步骤7 `); the text as it is when it has none.
pub fn strip_step_number(s: &str) -> &str {
    let t = s.trim_start();
    let digits = |t: &str| t.len() - t.trim_start_matches(|c: char| c.is_ascii_digit() || "一二三四五六七八九十".contains(c)).len();
    // "1. ", "1、", "1) ", "1）", "三、"
    let n = digits(t);
    if let Some(sep) = t[n..].chars().next().filter(|c| n > 0 && ['.', '、', ')', '）'].contains(c)) {
        let after = &t[n + sep.len_utf8()..];
        let ascii = sep == '.' || sep == ')';
        // "1.5 GB" is a number, not a step's: an ASCII separator needs a space after it; a
        // Chinese numeral needs "、".
        let number_ok = t[..n].bytes().all(|b| b.is_ascii_digit()) || sep == '、';
        if number_ok && (!ascii || after.starts_with(char::is_whitespace)) && !after.trim().is_empty() {
            return after.trim_start();
        }
    }
    // "(1) ", "（1）"
    if let Some(inner) = t.strip_prefix(['(', '（']) {
        let n = digits(inner);
        if n > 0 {
            if let Some(rest) = inner[n..].strip_prefix([')', '）']) {
                let rest = rest.trim_start();
                if !rest.is_empty() {
                    return rest;
                }
            }
        }
    }
    // "Step 1: ", "Step 1 - ", "第1步：", "步骤1："
    let lower = t.to_ascii_lowercase();
    for (prefix, suffix) in [("step", ""), ("第", "步"), ("步骤", "")] {
        if let Some(r) = lower.strip_prefix(prefix) {
            let at = t.len() - r.len();
            let r = t[at..].trim_start();
            let n = digits(r);
            if n == 0 {
                continue;
            }
            let Some(r) = r[n..].trim_start().strip_prefix(suffix) else { continue };
            let r = r.trim_start().trim_start_matches([':', '：', '.', '-', '—', '、']).trim_start();
            if !r.is_empty() {
                return r;
            }
        }
    }
    t
}

/// A heading's words without its step number: what [`strip_step_number`] finds, and the
/// outline numbers headings carry (`1 购买镜像`, `3.1 获取面板用户信息`, `2.` ): a heading's
/// number is never part of a sentence. The heading as it is when it has none.
pub fn strip_heading_number(s: &str) -> &str {
    let stripped = strip_step_number(s);
    if stripped.len() != s.trim_start().len() {
        return stripped;
    }
    let t = s.trim_start();
    // `1`, `3.1`, `2.4.1`, then an optional dot, then a space.
    let mut end = 0;
    let mut parts = 0;
    for part in t.split('.') {
        let digits = part.len() - part.trim_start_matches(|c: char| c.is_ascii_digit()).len();
        if digits == 0 || digits > 3 {
            break;
        }
        parts += 1;
        end += digits;
        if digits < part.len() {
            break;
        }
        end += 1;
    }
    if parts == 0 {
        return t;
    }
    let end = end.min(t.len());
    let rest = t[end..].trim_start_matches('.');
    match rest.strip_prefix(char::is_whitespace) {
        Some(r) if !r.trim().is_empty() => r.trim_start(),
        _ => t,
    }
}

#[cfg(test)]
mod step_numbers {
    use super::*;

    #[test]
    fn numbers_typed_before_a_step_are_found() {
        for (text, want) in [
            ("1. Log in", "Log in"),
            ("2、登录控制台", "登录控制台"),
            ("3) Open", "Open"),
            ("（4）选择", "选择"),
            ("Step 5: Launch", "Launch"),
            ("step 6 - Launch", "Launch"),
            ("第7步：付款", "付款"),
            ("第三步 付款", "付款"),
            ("第 1 步：软硬件环境需求", "软硬件环境需求"),
            ("步骤8：确认", "确认"),
            ("1.5 GB of disk", "1.5 GB of disk"),
            ("2024 plans", "2024 plans"),
            ("Steps to follow", "Steps to follow"),
            ("1.", "1."),
        ] {
            assert_eq!(strip_step_number(text), want, "{text}");
        }
    }

    #[test]
    fn headings_carry_outline_numbers() {
        for (text, want) in [("1 购买镜像", "购买镜像"), ("3.1 获取面板用户信息", "获取面板用户信息"), ("3. 使用步骤", "使用步骤"), ("2.4.1. Deep", "Deep"), ("Step 2: Plan", "Plan"), ("2024", "2024"), ("1Panel 安装", "1Panel 安装"), ("Overview", "Overview")] {
            assert_eq!(strip_heading_number(text), want, "{text}");
        }
    }

    #[test]
    fn a_bold_run_is_a_ui_name_only_when_it_reads_as_one() {
        for name in ["费用", "发票列表", "Marketplace", "full name", "Billing Center", "云市场"] {
            assert!(reads_as_ui_name(name), "{name}");
        }
        for not in ["Note:", "说明：", "1. Log in to the console and click 【ECS】", "Do not close the page.", "This is a long sentence that goes on and on", "为什么？"] {
            assert!(!reads_as_ui_name(not), "{not}");
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    #[test]
    fn http_urls_need_a_host_and_nothing_that_breaks_out() {
        // (given, normalised): scheme and host lower case, an empty path as `/`.
        for (given, want) in [
            ("https://docs.example/d", "https://docs.example/d"),
            ("HTTPS://Docs.Example:8443", "https://docs.example:8443/"),
            ("http://[::1]:8080/a?b#c", "http://[::1]:8080/a?b#c"),
            ("https://support.websoft9.com/docs/zh/a.html#切换操作系统部署", "https://support.websoft9.com/docs/zh/a.html#切换操作系统部署"),
            ("https://x.test?q=%E8%AE%A2", "https://x.test/?q=%E8%AE%A2"),
        ] {
            assert_eq!(http_url(given).as_deref(), Some(want), "{given}");
        }
        for bad in [
            "https://docs.example/d\"><img src=x onerror=alert(1)>",
            "http://",
            "https://",
            "http:///path",
            "https://:80/",
            "javascript:alert(1)",
            "https:/x.test",
            "ftp://x.test",
            "https://user:pw@x.test/",
            "https://x.test@evil.test/",
            "https://x .test/",
            "https://x.test/a b",
            "https://-x.test/",
            "https://x..test/",
            "https://x.test:99999/",
            "https://x.test:8o/",
            "https://x.test/%zz",
            "https://x.test/%4",
            "https://例子.测试/",
            "https://x.test/\u{202E}gpj.exe",
            "https://x.te\u{200B}st/",
            "https://x.test/a\\b",
            "https://[zz]/",
            "https://x.test/\n",
            "https://x.test/`",
        ] {
            assert_eq!(http_url(bad), None, "{bad:?}");
        }
        assert_eq!(
            resolve_href("https://docs.example/docs/", "/zh/a.html").as_deref(),
            Some("https://docs.example/docs/zh/a.html")
        );
        assert_eq!(resolve_href("https://docs.example/docs", "a b.html"), None);
        assert_eq!(resolve_href("http://", "a.html"), None);
    }

    #[test]
    fn bidi_controls_are_kept_but_cannot_reach_past_their_text() {
        assert_eq!(isolate_bidi("plain 订单"), "plain 订单");
        // An override left open is closed, and the whole isolated.
        assert_eq!(
            isolate_bidi("a\u{202E}gpj.exe"),
            "\u{2068}a\u{202E}gpj.exe\u{202C}\u{2069}"
        );
        // Stray closers are dropped (they would close the isolate around the text).
        assert_eq!(
            isolate_bidi("\u{2069}\u{202C}x\u{200F}"),
            "\u{2068}x\u{200F}\u{2069}"
        );
        // A PDI closes the embeddings opened inside its isolate.
        assert_eq!(
            isolate_bidi("\u{2067}\u{202B}a\u{2069}b"),
            "\u{2068}\u{2067}\u{202B}a\u{2069}b\u{2069}"
        );
    }

    /// Whether every opener in `s` is closed in order and nothing closes what is not open.
    fn balanced(s: &str) -> bool {
        let mut open: Vec<bool> = Vec::new();
        for c in s.chars() {
            match c {
                '\u{202A}'..='\u{202B}' | '\u{202D}'..='\u{202E}' => open.push(false),
                '\u{2066}'..='\u{2068}' => open.push(true),
                '\u{202C}' if open.last() == Some(&false) => {
                    open.pop();
                }
                '\u{2069}' if open.contains(&true) => while open.pop() == Some(false) {},
                '\u{202C}' | '\u{2069}' => return false,
                _ => {}
            }
        }
        open.is_empty()
    }

    proptest! {
        #[test]
        fn isolated_text_is_balanced_and_keeps_its_other_characters(s in "[a-z\u{202A}-\u{202E}\u{2066}-\u{2069}\u{200E}\u{200F} ]{0,24}") {
            let out = isolate_bidi(&s);
            prop_assert!(balanced(&out), "{:?} -> {:?}", s, out);
            let strip = |t: &str| t.chars().filter(|c| !is_bidi_control(*c)).collect::<String>();
            prop_assert_eq!(strip(&out), strip(&s));
        }

        #[test]
        fn any_text_is_a_url_or_not_without_panicking(s in "\\PC{0,40}") {
            if let Some(url) = http_url(&s) {
                // Normalised once is normalised.
                prop_assert_eq!(http_url(&url), Some(url.clone()));
                prop_assert!(!url.chars().any(|c| c.is_whitespace() || c == '"' || c == '<' || c == '>'));
            }
        }
    }

    fn t(s: &str) -> Span {
        Span::Text(owned(s))
    }
    fn l(s: &str) -> Span {
        Span::Label(owned(s))
    }
    fn p(segs: &[&str]) -> Span {
        Span::Path(segs.iter().map(|s| owned(s)).collect::<Vec<_>>())
    }

    #[test]
    fn labels_and_paths_from_the_seed() {
        assert_eq!(inline_spans("菜单下，打开“我的订单”"), vec![t("菜单下，打开"), l("我的订单")]);
        assert_eq!(inline_spans("依次打开：云市场->退订管理"), vec![t("依次打开："), p(&["云市场", "退订管理"])]);
        assert_eq!(inline_spans("访问：资源-> 我的云市场"), vec![t("访问："), p(&["资源", "我的云市场"])]);
        assert_eq!(
            inline_spans("退款流程：系统产生退款订单->Websoft9审批->华为云审批->退款结果"),
            vec![t("退款流程："), p(&["系统产生退款订单", "Websoft9审批", "华为云审批", "退款结果"])]
        );
        assert_eq!(
            inline_spans("then open: Marketplace -> Unsubscription Management."),
            vec![t("then open: "), p(&["Marketplace", "Unsubscription Management"]), t(".")]
        );
        assert_eq!(inline_spans("Open \"My Orders\" now"), vec![t("Open "), l("My Orders"), t(" now")]);
    }

    #[test]
    fn every_way_of_writing_a_path() {
        let want = vec![t("打开 "), p(&["费用", "我的订单"])];
        for s in ["打开 费用->我的订单", "打开 费用→我的订单", "打开 费用 > 我的订单", "打开 费用 › 我的订单", "打开 费用＞我的订单", "打开 【费用】>【我的订单】", "打开 “费用” -> “我的订单”", "打开 【费用】->我的订单", "打开 费用 > 【我的订单】"] {
            assert_eq!(inline_spans(s), want, "{s}");
        }
        assert_eq!(inline_spans("【A】 > 【B】 > 【C】"), vec![p(&["A", "B", "C"])]);
    }

    #[test]
    fn a_path_starts_at_its_first_name_not_at_the_verb() {
        assert_eq!(inline_spans("open All Services->Marketplace"), vec![t("open "), p(&["All Services", "Marketplace"])]);
        assert_eq!(inline_spans("Then go to the Billing Center > My Orders"), vec![t("Then go to the "), p(&["Billing Center", "My Orders"])]);
        assert_eq!(inline_spans("click orders -> details"), vec![t("click "), p(&["orders", "details"])]);
        assert_eq!(inline_spans("依次打开云市场->退订管理"), vec![t("依次打开"), p(&["云市场", "退订管理"])]);
        assert_eq!(inline_spans("进入 费用中心->订单管理"), vec![t("进入 "), p(&["费用中心", "订单管理"])]);
        // A name is never stripped to nothing, and a capitalised first word stays.
        assert_eq!(inline_spans("Open -> Close"), vec![p(&["Open", "Close"])]);
        assert_eq!(inline_spans("The system creates a refund order -> Websoft9 approves"), vec![p(&["The system creates a refund order", "Websoft9 approves"])]);
        // The last name ends where the sentence goes on.
        assert_eq!(inline_spans("open Billing -> Orders and click Refund"), vec![t("open "), p(&["Billing", "Orders"]), t(" and click Refund")]);
    }

    #[test]
    fn comparisons_and_dangling_arrows_are_not_paths() {
        for s in ["price > 100 yuan", "a>b", "x -> ", "a -> b ->", "a -> -> b", "-> y", "1 > 2 > 3"] {
            assert!(inline_spans(s).iter().all(|s| matches!(s, Span::Text(_))), "{s}: {:?}", inline_spans(s));
            assert_eq!(plain(&inline_spans(s)), s, "{s}");
        }
    }

    #[test]
    fn chips_joined_by_arrows_are_one_path() {
        let m = |s: &str| Span::Menu(owned(s));
        assert_eq!(join_chips(vec![m("费用"), t("->"), m("我的订单")]), vec![p(&["费用", "我的订单"])]);
        assert_eq!(join_chips(vec![t("open "), m("A"), t(" > "), l("B"), t(" > "), m("C")]), vec![t("open "), p(&["A", "B", "C"])]);
        assert_eq!(join_chips(vec![m("A"), t(" and "), m("B")]), vec![m("A"), t(" and "), m("B")]);
    }

    #[test]
    fn what_is_not_a_label_or_path_stays_text() {
        for s in ["a 5\" screen", "“ ”", "x -> ", "-> y", "plain", "“unclosed"] {
            assert_eq!(plain(&inline_spans(s)), s, "{s}");
            assert!(inline_spans(s).iter().all(|s| matches!(s, Span::Text(_))), "{s}");
        }
    }

    fn plain(spans: &[Span]) -> String {
        spans.iter().map(|s| match s { Span::Text(t) => t.to_string(), _ => String::from("?") }).collect()
    }

    #[test]
    fn slugs() {
        assert_eq!(slugify("Order number"), "order-number");
        assert_eq!(slugify("  E-contract!  "), "e-contract");
        assert_eq!(slugify("退订镜像"), "退订镜像");
    }

    #[test]
    fn only_http_links_are_rendered() {
        let base = "https://support.websoft9.com/docs";
        assert_eq!(
            resolve_href(base, "/zh/stack-deployment.html#切换操作系统部署").as_deref(),
            Some("https://support.websoft9.com/docs/zh/stack-deployment.html#切换操作系统部署")
        );
        assert_eq!(
            resolve_href("https://x.test/docs/", "a.html").as_deref(),
            Some("https://x.test/docs/a.html")
        );
        assert_eq!(
            resolve_href(base, "HTTP://A.test/x").as_deref(),
            Some("http://a.test/x")
        );
        for bad in [
            "javascript:alert(1)",
            "JavaScript:alert(1)",
            "data:text/html,x",
            "//evil.test/x",
            "mailto:a@b.c",
            "",
            "vbscript:x",
        ] {
            assert_eq!(resolve_href(base, bad), None, "{bad}");
        }
        assert_eq!(resolve_href("javascript:alert(1)//", "/x"), None);
    }
}

