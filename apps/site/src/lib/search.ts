// The search page: Pagefind's UI, loaded at run time from the index the build wrote into
// dist/pagefind (so it is not bundled), under the site's base path. A ?q= from the header
// form (which works without JavaScript) starts the search.

interface PagefindUIOptions {
  element: string;
  bundlePath: string;
  baseUrl: string;
  showSubResults: boolean;
  showImages: boolean;
  autofocus: boolean;
}
interface PagefindUIInstance {
  triggerSearch(term: string): void;
}
declare global {
  interface Window {
    PagefindUI?: new (options: PagefindUIOptions) => PagefindUIInstance;
  }
}

function loadScript(src: string): Promise<void> {
  return new Promise((resolve, reject) => {
    const script = document.createElement('script');
    script.src = src;
    script.onload = () => resolve();
    script.onerror = () => reject(new Error(`could not load ${src}`));
    document.head.append(script);
  });
}

export async function installSearch(): Promise<void> {
  const root = document.querySelector<HTMLElement>('#search');
  if (!root) return;
  const bundle = root.dataset.bundle ?? '/pagefind/';
  try {
    await loadScript(`${bundle}pagefind-ui.js`);
  } catch {
    root.innerHTML =
      '<p class="error-box" role="alert">The search index is missing: build the site with <code>pnpm build</code> (it runs Pagefind).</p>';
    return;
  }
  if (!window.PagefindUI) return;
  const ui = new window.PagefindUI({
    element: '#search',
    bundlePath: bundle,
    baseUrl: root.dataset.base ?? '/',
    showSubResults: true,
    showImages: false,
    autofocus: true,
  });
  const query = new URLSearchParams(location.search).get('q');
  if (query) ui.triggerSearch(query);
}
