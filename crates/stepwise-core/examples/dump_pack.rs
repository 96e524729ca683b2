//! Prints a pack as the importer reads it (`{:#?}`), for comparing two versions of the importer:
//! `cargo run -p stepwise-core --features import --example dump_pack -- content/huaweicloud`
fn main() {
    let dir = std::env::args().nth(1).expect("usage: dump_pack <pack dir>");
    match stepwise_core::import::import_dir(std::path::Path::new(&dir)) {
        Ok(i) => println!("{:#?}\n{:#?}", i.pack, i.warnings),
        Err(p) => println!("{p:#?}"),
    }
}
