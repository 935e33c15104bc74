//! Embeds every seed data file (`seeds/actors`, `seeds/lexicon`) in the
//! binary, so geokg works from any directory and a new data file needs no
//! code change: this script lists the files for `include_str!`.

use std::fs;
use std::path::{Path, PathBuf};

fn collect(dir: &Path, out: &mut Vec<PathBuf>) {
    let Ok(entries) = fs::read_dir(dir) else {
        return;
    };
    let mut paths: Vec<PathBuf> = entries.filter_map(|e| e.ok().map(|e| e.path())).collect();
    paths.sort();
    for path in paths {
        if path.is_dir() {
            collect(&path, out);
        } else if path
            .extension()
            .is_some_and(|e| e == "tsv" || e == "txt" || e == "toml")
        {
            out.push(path);
        }
    }
}

fn main() {
    let root =
        PathBuf::from(std::env::var("CARGO_MANIFEST_DIR").expect("cargo sets CARGO_MANIFEST_DIR"));
    let seeds = root.join("seeds");
    println!("cargo:rerun-if-changed=seeds");
    let mut files = Vec::new();
    for sub in ["actors", "lexicon"] {
        println!("cargo:rerun-if-changed=seeds/{sub}");
        collect(&seeds.join(sub), &mut files);
    }
    let mut code = String::from(
        "/// Seed data files, relative to `seeds/`, with their content.\npub static SEED_FILES: &[(&str, &str)] = &[\n",
    );
    for file in &files {
        if let Some(parent) = file.parent() {
            println!("cargo:rerun-if-changed={}", parent.display());
        }
        let rel = file.strip_prefix(&seeds).expect("file under seeds/");
        code.push_str(&format!(
            "    ({:?}, include_str!({:?})),\n",
            rel.to_string_lossy().replace('\\', "/"),
            file.display().to_string()
        ));
    }
    code.push_str("];\n");
    // migrations/ and queries/: SQL the binary carries
    for (dir, name) in [("migrations", "MIGRATIONS"), ("queries", "QUERIES")] {
        println!("cargo:rerun-if-changed={dir}");
        let mut sql = Vec::new();
        if let Ok(entries) = fs::read_dir(root.join(dir)) {
            sql = entries
                .filter_map(|e| e.ok().map(|e| e.path()))
                .filter(|p| p.extension().is_some_and(|e| e == "sql"))
                .collect();
        }
        sql.sort();
        code.push_str(&format!("/// `{dir}/*.sql`: file name and content, in name order.\npub static {name}: &[(&str, &str)] = &[\n"));
        for file in &sql {
            let file_name = file
                .file_name()
                .expect("a file name")
                .to_string_lossy()
                .into_owned();
            code.push_str(&format!(
                "    ({:?}, include_str!({:?})),\n",
                file_name,
                file.display().to_string()
            ));
        }
        code.push_str("];\n");
    }
    let out = PathBuf::from(std::env::var("OUT_DIR").expect("cargo sets OUT_DIR")).join("seeds.rs");
    fs::write(out, code).expect("write seeds.rs");
}
