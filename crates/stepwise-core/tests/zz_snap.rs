#[test]
fn snap() {
    let Ok(out) = std::env::var("SNAP_DIR") else { return };
    let root = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("../..");
    for dir in ["content/huaweicloud", "tests/fixtures/packs/aliyun", "tests/fixtures/content/billing", "tests/fixtures/content/calendar", "tests/fixtures/content/no-refund", "tests/fixtures/content/xss"] {
        let r = stepwise_core::import::import_dir(&root.join(dir));
        let text = match r { Ok(i) => format!("{:#?}\n{:#?}", i.pack, i.warnings.iter().map(|w| w.to_string()).collect::<Vec<_>>()), Err(e) => format!("ERR {:#?}", e) };
        std::fs::write(format!("{out}/{}.txt", dir.replace('/', "_")), text).unwrap();
    }
}
