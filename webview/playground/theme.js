// Applies ?theme=light|dark to the iframe page before the webview script runs (no inline script: CSP).
document.documentElement.dataset.theme = new URLSearchParams(location.search).get('theme') === 'light' ? 'light' : 'dark';
