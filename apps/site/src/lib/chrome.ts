// Behaviour of the site chrome: the dark-mode toggle and the search shortcut. Plain DOM code,
// loaded once per page by the layout, so it costs no framework.

const THEME_KEY = 'i2dl-theme';

/** Makes the theme toggle work and remembers the choice (without JavaScript, CSS hides it). */
export function installThemeToggle(): void {
  const button = document.querySelector<HTMLButtonElement>('.theme-toggle');
  if (!button) return;
  const root = document.documentElement;
  const sync = () => button.setAttribute('aria-pressed', String(root.dataset.theme === 'dark'));
  sync();
  button.addEventListener('click', () => {
    root.dataset.theme = root.dataset.theme === 'dark' ? 'light' : 'dark';
    try {
      localStorage.setItem(THEME_KEY, root.dataset.theme);
    } catch {
      // Private mode without storage: the toggle still works for this page.
    }
    sync();
  });
}

function isTyping(target: EventTarget | null): boolean {
  return (
    target instanceof HTMLElement &&
    (target.isContentEditable || ['INPUT', 'TEXTAREA', 'SELECT'].includes(target.tagName))
  );
}

/** `/` or Ctrl+K (Cmd+K) focuses the search field, on the search page its own field. */
export function installShortcuts(): void {
  document.addEventListener('keydown', (event) => {
    const slash = event.key === '/' && !event.ctrlKey && !event.metaKey && !event.altKey;
    const ctrlK = event.key.toLowerCase() === 'k' && (event.ctrlKey || event.metaKey);
    if (!slash && !ctrlK) return;
    if (slash && isTyping(event.target)) return;
    const field =
      document.querySelector<HTMLInputElement>('#search .pagefind-ui__search-input') ??
      document.querySelector<HTMLInputElement>('#header-search-input');
    if (!field) return;
    event.preventDefault();
    field.focus();
    field.select();
  });
}
