// Live preview of the reply templates on the settings page: the only script Porter's pages load (same origin, no
// inline script; the page's policy allows 'self' for this page alone). Without it, the Preview button does the same.
(() => {
  const form = document.getElementById('templates-form');
  const output = document.getElementById('live-preview');
  if (!form || !output) return;
  let timer;
  const render = async () => {
    const body = new FormData(form);
    body.delete('preview');
    const response = await fetch('/dashboard/settings?handler=PreviewJson', { method: 'POST', body, credentials: 'same-origin' });
    if (!response.ok) return;
    const result = await response.json();
    output.textContent = result.problem ? `Problem: ${result.problem}` : `Subject: ${result.subject}\n\n${result.body}`;
    output.dataset.state = result.problem ? 'problem' : 'ok';
  };
  form.addEventListener('input', () => { clearTimeout(timer); timer = setTimeout(render, 250); });
  render();
})();
