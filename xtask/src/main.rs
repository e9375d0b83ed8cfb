//! Project tasks that need nothing but cargo.
//!
//! `cargo run -p xtask -- build-spa [--out DIR]` builds the Leptos SPA for wasm32, runs wasm-bindgen
//! (the library, pinned to the lock file's wasm-bindgen version, so no separate CLI install) and writes
//! a ready-to-serve bundle: `index.html` (the customers' app: `portal_frontend-<hash>.js` and
//! `portal_frontend_bg-<hash>.wasm`, without the staff screens) and `staff.html` (the whole app with
//! the `staff` feature: `portal_staff-…`), their `boot-<hash>.js`, and `style-<hash>.css`,
//! `favicon-<hash>.svg`; each file beside its brotli (`.br`) and gzip (`.gz`) form. The server sends the smallest form the browser accepts, and
//! lets browsers keep hashed files for a year (a new build has new names); `index.html` is always
//! revalidated.

use std::io::Write as _;
use std::path::{Path, PathBuf};
use std::process::Command;

use anyhow::{bail, Context as _, Result};

const FRONTEND_PACKAGE: &str = "portal-frontend";
/// Name of the generated JS/wasm files (cargo names the binary after the package, with a hyphen).
const WASM_NAME: &str = "portal_frontend";
const PROFILE: &str = "wasm-release";
const TARGET: &str = "wasm32-unknown-unknown";

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
            let root = workspace_root()?;
            let out = out.unwrap_or_else(|| root.join("dist"));
            build_spa(&root, &out)
        }
        _ => {
            eprintln!("usage: cargo run -p xtask -- build-spa [--out DIR]");
            std::process::exit(2);
        }
    }
}

/// The workspace root of the project the command runs in, found at run time: several clones of the
/// project may share one target directory (and so one compiled xtask), and each must build its own
/// web app. `cargo locate-project --workspace` answers for the current directory, as cargo would.
fn workspace_root() -> Result<PathBuf> {
    let cargo = std::env::var_os("CARGO").unwrap_or_else(|| "cargo".into());
    let out = Command::new(cargo)
        .args(["locate-project", "--workspace", "--message-format", "plain"])
        .output()
        .context("running cargo locate-project")?;
    if !out.status.success() {
        bail!("cargo locate-project: {}", String::from_utf8_lossy(&out.stderr).trim());
    }
    let manifest = PathBuf::from(String::from_utf8(out.stdout).context("cargo locate-project output")?.trim());
    let root = manifest.parent().context("the workspace manifest has no folder")?.to_path_buf();
    if !root.join("frontend").join("Cargo.toml").is_file() {
        bail!(
            "{} is not the cloudpack+ PORTAL workspace (no frontend/Cargo.toml); run this inside the project",
            root.display()
        );
    }
    Ok(root)
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

/// One web app bundle: the sign-in pages' (`signin.html`, the first page a visitor loads), the
/// customers' (`index.html`) or the staff's (`staff.html`, served for `/admin/…`). Customers never
/// download the staff screens, and the first page carries only signing in (issue 8).
struct Variant {
    /// Cargo features of the frontend crate.
    features: &'static [&'static str],
    /// Name of the generated JS/wasm files.
    name: &'static str,
    html: &'static str,
}

const VARIANTS: [Variant; 3] = [
    Variant { features: &["signin"], name: "portal_signin", html: "signin.html" },
    Variant { features: &[], name: WASM_NAME, html: "index.html" },
    Variant { features: &["staff"], name: "portal_staff", html: "staff.html" },
];

/// Leptos's `erase_components` type-erases each component's view: the same app in about 18% less
/// compressed WebAssembly (measured: 362,734 → 298,686 bytes brotli), at no cost we could see in
/// the browser. Given as the wasm target's flags so that host builds (xtask itself) are untouched.
const WASM_RUSTFLAGS: &str = "--cfg erase_components";

fn build_spa(root: &Path, out: &Path) -> Result<()> {
    std::fs::create_dir_all(out).with_context(|| format!("creating {}", out.display()))?;
    remove_previous_bundle(out)?;
    let frontend = root.join("frontend");
    let mut written = Vec::new();
    let mut place = |name: &str, ext: &str, bytes: Vec<u8>| -> Result<String> {
        let file = format!("{name}-{}.{ext}", short_hash(&bytes));
        std::fs::write(out.join(&file), &bytes).with_context(|| format!("writing {file}"))?;
        written.push(file.clone());
        Ok(format!("/{file}"))
    };
    let css_url = place("style", "css", std::fs::read(frontend.join("style.css"))?)?;
    let icon_url = place("favicon", "svg", std::fs::read(frontend.join("favicon.svg"))?)?;
    let boot_template = std::fs::read_to_string(frontend.join("boot.js"))?;
    let mut pages = Vec::new();

    for variant in &VARIANTS {
        let wasm = build_wasm(root, variant.features)?;
        let staging = out.join(".bindgen");
        std::fs::create_dir_all(&staging)?;
        wasm_bindgen_cli_support::Bindgen::new()
            .input_path(&wasm)
            .out_name(variant.name)
            .web(true)?
            .typescript(false)
            .remove_name_section(true)
            .generate(&staging)
            .context("wasm-bindgen")?;
        let name = variant.name;
        let wasm_url = place(&format!("{name}_bg"), "wasm", std::fs::read(staging.join(format!("{name}_bg.wasm")))?)?;
        let js_url = place(name, "js", std::fs::read(staging.join(format!("{name}.js")))?)?;
        std::fs::remove_dir_all(&staging)?;
        let boot = boot_template
            .replace("'/portal_frontend.js'", &format!("'{js_url}'"))
            .replace("'/portal_frontend_bg.wasm'", &format!("'{wasm_url}'"));
        if !boot.contains(&js_url) || !boot.contains(&wasm_url) {
            bail!("frontend/boot.js must import '/portal_frontend.js' and pass '/portal_frontend_bg.wasm'");
        }
        let boot_url = place("boot", "js", boot.into_bytes())?;
        let html = INDEX_HTML
            .replace("/style.css", &css_url)
            .replace("/favicon.svg", &icon_url)
            .replace("/boot.js", &boot_url);
        std::fs::write(out.join(variant.html), html).with_context(|| format!("writing {}", variant.html))?;
        pages.push((variant.html, [variant.html.to_owned(), boot_url, js_url, wasm_url, css_url.clone()]));
    }
    written.extend(pages.iter().map(|(html, _)| html.to_string()));

    println!("{:<44} {:>10} {:>10} {:>10}", "file", "raw", "gzip -9", "brotli 11");
    let mut brotli_size = std::collections::HashMap::new();
    for file in &written {
        let bytes = std::fs::read(out.join(file))?;
        let gz = gzip(&bytes)?;
        let br = brotli(&bytes)?;
        println!("{file:<44} {:>10} {:>10} {:>10}", bytes.len(), gz.len(), br.len());
        brotli_size.insert(format!("/{}", file.trim_start_matches('/')), br.len());
        std::fs::write(out.join(format!("{file}.gz")), gz)?;
        std::fs::write(out.join(format!("{file}.br")), br)?;
    }
    for (html, files) in &pages {
        let total: usize = files
            .iter()
            .map(|f| brotli_size.get(&format!("/{}", f.trim_start_matches('/'))).copied().unwrap_or(0))
            .sum();
        println!("{html}: the page and what it loads, brotli: {total} bytes");
    }
    println!("SPA written to {}", out.display());
    Ok(())
}

fn build_wasm(root: &Path, features: &[&str]) -> Result<PathBuf> {
    let cargo = std::env::var_os("CARGO").unwrap_or_else(|| "cargo".into());
    let mut cmd = Command::new(cargo);
    cmd.current_dir(root).env("CARGO_TARGET_WASM32_UNKNOWN_UNKNOWN_RUSTFLAGS", WASM_RUSTFLAGS).args([
        "build",
        "--profile",
        PROFILE,
        "--target",
        TARGET,
        "-p",
        FRONTEND_PACKAGE,
    ]);
    if !features.is_empty() {
        cmd.args(["--features", &features.join(",")]);
    }
    let status = cmd.status().context("running cargo build for the frontend")?;
    if !status.success() {
        bail!("cargo build of {FRONTEND_PACKAGE} failed ({status})");
    }
    let wasm = target_dir(root).join(TARGET).join(PROFILE).join(format!("{FRONTEND_PACKAGE}.wasm"));
    if !wasm.is_file() {
        bail!("built module not found at {}", wasm.display());
    }
    Ok(wasm)
}

/// 16 hex digits of the content's SHA-256: a new build of a changed file gets a new name.
fn short_hash(bytes: &[u8]) -> String {
    use sha2::Digest as _;
    let digest = sha2::Sha256::digest(bytes);
    digest.iter().take(8).map(|b| format!("{b:02x}")).collect()
}

fn gzip(bytes: &[u8]) -> Result<Vec<u8>> {
    let mut gz = flate2::write::GzEncoder::new(Vec::new(), flate2::Compression::best());
    gz.write_all(bytes)?;
    Ok(gz.finish()?)
}

fn brotli(bytes: &[u8]) -> Result<Vec<u8>> {
    let mut out = Vec::new();
    let params = brotli::enc::BrotliEncoderParams { quality: 11, lgwin: 24, ..Default::default() };
    brotli::BrotliCompress(&mut std::io::Cursor::new(bytes), &mut out, &params)?;
    Ok(out)
}

/// The files an earlier build wrote (hashed names change with every build; old ones would pile up).
fn remove_previous_bundle(out: &Path) -> Result<()> {
    let ours = |name: &str| {
        ["boot", "style", "favicon"].iter().any(|p| name.starts_with(p))
            || VARIANTS.iter().any(|v| name.starts_with(v.html) || name.starts_with(v.name))
    };
    for entry in std::fs::read_dir(out)? {
        let entry = entry?;
        let name = entry.file_name().to_string_lossy().into_owned();
        if entry.file_type()?.is_file() && ours(&name) {
            std::fs::remove_file(entry.path())?;
        }
    }
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
