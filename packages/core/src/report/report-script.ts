/** The report's behaviour: filter by status and name, switch views, move the slider and mask opacity. */
export const reportScript = `
(() => {
  const main = document.querySelector('main');
  const entries = [...document.querySelectorAll('.entry')];
  const empty = document.querySelector('.empty');
  let status = 'all';
  let query = '';
  const apply = () => {
    let shown = 0;
    for (const entry of entries) {
      const visible = (status === 'all' || entry.dataset.status === status) && entry.dataset.name.includes(query);
      entry.hidden = !visible;
      if (visible) shown++;
    }
    empty.hidden = shown > 0;
  };
  const press = (buttons, pressed) => { for (const button of buttons) button.setAttribute('aria-pressed', String(button === pressed)); };
  const filters = [...document.querySelectorAll('[data-filter]')];
  for (const button of filters) button.addEventListener('click', () => { status = button.dataset.filter; press(filters, button); apply(); });
  const views = [...document.querySelectorAll('[data-view-choice]')];
  for (const button of views) button.addEventListener('click', () => { main.dataset.view = button.dataset.viewChoice; press(views, button); });
  document.querySelector('input[type=search]').addEventListener('input', (event) => { query = event.target.value.trim().toLowerCase(); apply(); });
  main.addEventListener('input', (event) => {
    const control = event.target.closest('[data-var]');
    if (!control) return;
    const unit = control.dataset.var === '--split' ? '%' : '';
    const value = control.dataset.var === '--split' ? control.value : String(control.value / 100);
    control.closest('.entry').style.setProperty(control.dataset.var, value + unit);
  });
  apply();
})();
`;
