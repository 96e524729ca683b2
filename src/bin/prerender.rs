//! `stepwise-prerender <build dir>`: writes the standalone page's prerendered pages into a
//! build (run by `scripts/post-build.mjs`, after the pack files and before the service worker's
//! list of files). Reads the build's pack index (its binary copy, `packs/index.swpi`) and pack
//! files, the content the app will fetch, and its `index.html` as the template ([`stepwise::prerender`]).

use std::path::{Path, PathBuf};

use stepwise_core::model::Pack;
use stepwise_core::pack_index::decode_index;
use stepwise_core::packfile::decode;

fn main() {
    let Some(dir) = std::env::args_os().nth(1).map(PathBuf::from) else {
        eprintln!("usage: stepwise-prerender <build directory>");
        std::process::exit(2);
    };
    if let Err(e) = run(&dir) {
        eprintln!("stepwise-prerender: {e}");
        std::process::exit(1);
    }
}

fn run(dir: &Path) -> Result<(), String> {
    let read = |p: &Path| std::fs::read(p).map_err(|e| format!("{}: {e}", p.display()));
    let index_path = dir.join(stepwise_core::protocol::PACK_INDEX);
    // The index as the app reads it: its binary copy.
    let folder = index_path.parent().unwrap_or(dir);
    let binary = folder.join(stepwise_core::protocol::BINARY_INDEX);
    let index = decode_index(&read(&binary)?).map_err(|e| format!("{}: {e:?}", binary.display()))?;
    let mut packs: Vec<std::rc::Rc<Pack>> = Vec::new();
    for (id, entry) in &index.packs {
        // Every locale at hand, assembled as the app assembles what it fetched.
        let mut pack = Pack::unfetched(id);
        for (_, file) in &entry.locales {
            let name = &file.file;
            let file = decode(&read(&folder.join(name))?).map_err(|e| format!("{name}: {e:?}"))?;
            pack = pack.with_locale(&file.pack, &file.content);
        }
        if pack.locales.is_empty() {
            return Err(format!("pack {id}: no locales"));
        }
        packs.push(std::rc::Rc::new(pack));
    }
    let template = String::from_utf8(read(&dir.join("index.html"))?).map_err(|e| format!("index.html: {e}"))?;
    let pages = stepwise::prerender::pages(&packs);
    for page in &pages {
        let path = dir.join(&page.file);
        if let Some(parent) = path.parent() {
            std::fs::create_dir_all(parent).map_err(|e| format!("{}: {e}", parent.display()))?;
        }
        std::fs::write(&path, stepwise::prerender::fill(&template, page)?).map_err(|e| format!("{}: {e}", path.display()))?;
    }
    let panels = stepwise::prerender::panels(&packs)?;
    for (file, markup) in &panels {
        std::fs::write(dir.join(file), markup).map_err(|e| format!("{file}: {e}"))?;
    }
    println!("prerendered {} pages and {} widget panels", pages.len(), panels.len());
    Ok(())
}
