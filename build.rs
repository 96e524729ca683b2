//! Imports every content pack under `content/` (or `$STEPWISE_CONTENT_DIR`) and writes them
//! as Rust statics to `$OUT_DIR/packs.rs`. A pack the importer refuses fails the build with
//! each problem as `file:line: message`.

use std::path::{Path, PathBuf};

use stepwise_core::codegen::packs_to_rust;
use stepwise_core::import::import_dir;

fn main() {
    let root = PathBuf::from(std::env::var("CARGO_MANIFEST_DIR").expect("cargo sets CARGO_MANIFEST_DIR"));
    println!("cargo:rerun-if-env-changed=STEPWISE_CONTENT_DIR");
    let content = std::env::var_os("STEPWISE_CONTENT_DIR").map_or_else(|| root.join("content"), PathBuf::from);
    println!("cargo:rerun-if-changed={}", content.display());
    let mut dirs: Vec<PathBuf> = std::fs::read_dir(&content)
        .unwrap_or_else(|e| fail(&[format!("{}: cannot read the content directory: {e}", content.display())]))
        .filter_map(|e| e.ok().map(|e| e.path()))
        .filter(|p| p.join("pack.toml").is_file())
        .collect();
    dirs.sort();
    let mut packs = Vec::new();
    for dir in &dirs {
        watch(dir);
        match import_dir(dir) {
            Ok(imported) => {
                for w in imported.warnings {
                    println!("cargo:warning={w}");
                }
                packs.push(imported.pack);
            }
            Err(problems) => fail(&problems.iter().map(|p| p.to_string()).collect::<Vec<_>>()),
        }
    }
    if packs.is_empty() {
        fail(&[format!("{}: no content pack (a folder with pack.toml)", content.display())]);
    }
    let out = PathBuf::from(std::env::var("OUT_DIR").expect("cargo sets OUT_DIR")).join("packs.rs");
    std::fs::write(&out, packs_to_rust(&packs)).unwrap_or_else(|e| fail(&[format!("{}: {e}", out.display())]));
}

fn watch(dir: &Path) {
    if let Ok(entries) = std::fs::read_dir(dir) {
        for e in entries.flatten() {
            println!("cargo:rerun-if-changed={}", e.path().display());
        }
    }
}

fn fail(problems: &[String]) -> ! {
    eprintln!("Stepwise content refused:");
    for p in problems {
        eprintln!("  {p}");
    }
    std::process::exit(1);
}
