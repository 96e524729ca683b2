//! The importer's speed on large and pathological pages, next to a baseline measured in the
//! same run: pulldown-cmark parsing the same text (the floor: the importer parses it once,
//! then walks what it got). Prints each case's time (best of 3) and its ratio to the floor;
//! not a test. The budget (issue 8): each case at most 2 s.
//!
//!   cargo run --release -p stepwise-core --features import --example bench_import

use std::time::Instant;

use stepwise_core::import::{import, Manifest};

const MANIFEST: &str = r#"
locales = ["zh-CN"]
default_locale = "zh-CN"
docs_base = "https://docs.test/docs"
"#;

fn best_of<T>(n: usize, mut f: impl FnMut() -> T) -> f64 {
    (0..n)
        .map(|_| {
            let t = Instant::now();
            std::hint::black_box(f());
            t.elapsed().as_secs_f64()
        })
        .fold(f64::INFINITY, f64::min)
}

fn main() {
    let manifest = Manifest::parse("pack.toml", MANIFEST).unwrap();
    let big: String = std::iter::once("# 帮助\n\n".to_owned())
        .chain((0..19_000).map(|i| {
            format!(
                "## 主题 {i} {{#p{i}}}\n\n介绍“按钮{i}”。\n\n1. 登录控制台，打开 **费用** 菜单\n2. 在“我的订单”中，选择 云市场->退订管理->退订{i}\n   ![截图 {i}](https://libs.test/{i}.png \"=1280x720\")\n3. 完成，参见 [文档](/zh/page{i}.html#x)\n\n"
            )
        }))
        .collect();
    let path = format!("# T\n\n## A {{#p0}}\n\n1. 打开 {}a\n", "a->".repeat(70_000));
    let cases = [("5 MB page, 19,000 procedures", big), ("200 KB menu path a->a->…", path)];
    println!("{:<34}{:>10}{:>12}{:>12}{:>9}", "case", "size", "parse (ms)", "import (ms)", "ratio");
    for (name, md) in cases {
        let parse = best_of(3, || pulldown_cmark::Parser::new(&md).count());
        let sources = [("zh-CN".to_owned(), "zh-CN.md".to_owned(), md.clone())];
        let imported = best_of(3, || import("bench", &manifest, &sources).map(|i| i.pack.locales.len()).expect("the bench pages import"));
        println!("{name:<34}{:>9}K{:>12.1}{:>12.1}{:>8.1}×", md.len() / 1024, parse * 1e3, imported * 1e3, imported / parse);
    }
}
