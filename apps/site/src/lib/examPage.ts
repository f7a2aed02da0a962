// Page-level behaviour of an exam: printing with or without solutions (?solutions=1 or the
// toggle), and a notice when the URL names a variant scope this exam does not have.
import { urlScopes } from './variantUrl';

export function installExamPage(): void {
  const search = new URLSearchParams(location.search);
  const toggle = document.querySelector<HTMLInputElement>('#print-solutions');
  const setSolutions = (on: boolean) => document.body.classList.toggle('print-solutions', on);
  if (toggle) {
    toggle.checked = search.get('solutions') === '1';
    setSolutions(toggle.checked);
    toggle.addEventListener('change', () => setSolutions(toggle.checked));
  }
  // A closed <details> prints closed: open the solutions for the print, then restore them.
  let opened: HTMLDetailsElement[] = [];
  addEventListener('beforeprint', () => {
    if (!document.body.classList.contains('print-solutions')) return;
    opened = [
      ...document.querySelectorAll<HTMLDetailsElement>(
        'details.solution:not([open]), details.model-answer:not([open])',
      ),
    ];
    for (const d of opened) d.open = true;
  });
  addEventListener('afterprint', () => {
    for (const d of opened) d.open = false;
    opened = [];
  });

  const known = new Set(
    [...document.querySelectorAll<HTMLElement>('[data-problem-id], [data-question-id]')].map(
      (el) => el.dataset.problemId ?? el.dataset.questionId ?? '',
    ),
  );
  const unknown = urlScopes(search).filter((scope) => !known.has(scope));
  const notice = document.querySelector<HTMLElement>('#url-notice');
  if (unknown.length > 0 && notice) {
    notice.textContent = `The link names ${unknown.map((s) => `"${s}"`).join(', ')}, which this exam does not have; showing the default variant.`;
    notice.hidden = false;
    notice.dataset.variantNotice = '';
  }
}
