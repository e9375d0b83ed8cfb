// Starts the SPA: loads the wasm module, then removes the boot spinner of index.html. A file rather
// than an inline script, so the Content-Security-Policy needs no 'unsafe-inline'.
import init from '/portal_frontend.js';

function boot() {
  return document.getElementById('boot');
}

init({ module_or_path: '/portal_frontend_bg.wasm' })
  .then(() => {
    const el = boot();
    if (el) el.remove();
  })
  .catch((e) => {
    console.error(e);
    const el = boot();
    if (el) el.textContent = '読み込みに失敗しました / Failed to load the application.';
  });
