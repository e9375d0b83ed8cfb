//! Project tasks that need nothing but cargo.
//!
//! `cargo run -p xtask -- build-spa [--out DIR]` builds the Leptos SPA for wasm32, runs wasm-bindgen
//! (the library, pinned to the lock file's wasm-bindgen version, so no separate CLI install) and writes
//! a ready-to-serve bundle: `index.html`, `boot.js`, `style.css`, `favicon.svg`, `portal_frontend.js`,
//! `portal_frontend_bg.wasm`.

use std::io::Write as _;
use std::path::{Path, PathBuf};
use std::process::Command;

use anyhow::{bail, Context as _, Result};

const FRONTEND_PACKAGE: &str = "portal-frontend";
/// Name of the generated JS/wasm files (cargo names the binary after the package, with a hyphen).
const WASM_NAME: &str = "portal_frontend";
const PROFILE: &str = "wasm-release";
const TARGET: &str = "wasm32-unknown-unknown";
/// Files of `frontend/` served as they are, next to index.html.
const STATIC_FILES: [&str; 3] = ["style.css", "boot.js", "favicon.svg"];

fn main() -> Result<()> {
    let mut args = std::env::args().skip(1);
    match args.next().as_deref() {
        Some("build-spa") => {
            let mut out = None;
            while let Some(arg) = args.next() {
                match arg.as_str() {
                    "--out" => out = Some(PathBuf::from(args.next().context("--out needs a directory")?)),
                    other => bail!("unknown argument to build-spa: {other}"),
                }
            }
            let root = workspace_root();
            let out = out.unwrap_or_else(|| root.join("dist"));
            build_spa(&root, &out)
        }
        _ => {
            eprintln!("usage: cargo run -p xtask -- build-spa [--out DIR]");
            std::process::exit(2);
        }
    }
}

/// The workspace root: xtask lives one level below it.
fn workspace_root() -> PathBuf {
    let manifest_dir = PathBuf::from(env!("CARGO_MANIFEST_DIR"));
    manifest_dir.parent().map(Path::to_path_buf).unwrap_or(manifest_dir)
}

fn target_dir(root: &Path) -> PathBuf {
    match std::env::var_os("CARGO_TARGET_DIR") {
        Some(dir) if !dir.is_empty() => {
            let dir = PathBuf::from(dir);
            if dir.is_absolute() {
                dir
            } else {
                root.join(dir)
            }
        }
        _ => root.join("target"),
    }
}

fn build_spa(root: &Path, out: &Path) -> Result<()> {
    let cargo = std::env::var_os("CARGO").unwrap_or_else(|| "cargo".into());
    let status = Command::new(cargo)
        .current_dir(root)
        .args(["build", "--profile", PROFILE, "--target", TARGET, "-p", FRONTEND_PACKAGE])
        .status()
        .context("running cargo build for the frontend")?;
    if !status.success() {
        bail!("cargo build of {FRONTEND_PACKAGE} failed ({status})");
    }

    let wasm = target_dir(root).join(TARGET).join(PROFILE).join(format!("{FRONTEND_PACKAGE}.wasm"));
    if !wasm.is_file() {
        bail!("built module not found at {}", wasm.display());
    }

    std::fs::create_dir_all(out).with_context(|| format!("creating {}", out.display()))?;
    wasm_bindgen_cli_support::Bindgen::new()
        .input_path(&wasm)
        .out_name(WASM_NAME)
        .web(true)?
        .typescript(false)
        .remove_name_section(true)
        .generate(out)
        .context("wasm-bindgen")?;

    std::fs::write(out.join("index.html"), INDEX_HTML).context("writing index.html")?;
    for file in STATIC_FILES {
        std::fs::copy(root.join("frontend").join(file), out.join(file)).with_context(|| format!("copying {file}"))?;
    }

    let bundle = out.join(format!("{WASM_NAME}_bg.wasm"));
    let bytes = std::fs::read(&bundle).with_context(|| format!("reading {}", bundle.display()))?;
    let mut gz = flate2::write::GzEncoder::new(Vec::new(), flate2::Compression::best());
    gz.write_all(&bytes)?;
    let gzipped = gz.finish()?.len();
    println!("wasm: {} bytes raw, {} bytes gzip", bytes.len(), gzipped);
    println!("SPA written to {}", out.display());
    Ok(())
}

/// Served for `/` and every deep link. Absolute asset paths, so a reload on `/mfa/enroll` still works.
/// No inline script, style, style attribute or event handler and no `data:` URL: the page runs under
/// `default-src 'self'; script-src 'self' 'wasm-unsafe-eval'` (the server's Content-Security-Policy), so
/// the start-up code is `boot.js` and every style is in `style.css`.
const INDEX_HTML: &str = r#"<!DOCTYPE html>
<html lang="ja">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>cloudpack+ PORTAL</title>
<link rel="stylesheet" href="/style.css">
<link rel="icon" href="/favicon.svg" type="image/svg+xml">
<script type="module" src="/boot.js"></script>
</head>
<body>
<noscript><p class="noscript">cloudpack+ PORTAL を利用するには JavaScript を有効にしてください。 / Please enable JavaScript to use cloudpack+ PORTAL.</p></noscript>
<div id="boot" role="status"><i></i><span>読み込み中… / Loading…</span></div>
</body>
</html>
"#;
