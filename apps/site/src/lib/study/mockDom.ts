// The inputs of a question section on the mock page, read into plain fields and put back on
// resume. The names follow the markup of the MDX wrappers and the question island: option
// inputs, true/false radios, the typed answer, matrix cells and blanks.

/** Field name → how to find its inputs. */
const FIELDS: { selector: string; name: (input: HTMLInputElement) => string; checkable: boolean }[] = [
  { selector: 'input.option-input', name: (i) => `opt:${i.value}`, checkable: true },
  { selector: 'input[data-tf]', name: (i) => `tf:${i.dataset.tf}`, checkable: true },
  { selector: 'input[data-answer-input]', name: () => 'answer', checkable: false },
  { selector: 'input[data-cell]', name: (i) => `cell:${i.dataset.cell}`, checkable: false },
  { selector: 'input[data-blank]', name: (i) => `blank:${i.dataset.blank}`, checkable: false },
];

/** The current state of a section's inputs. */
export function readFields(section: Element): Record<string, string | boolean> {
  const fields: Record<string, string | boolean> = {};
  for (const field of FIELDS) {
    for (const input of section.querySelectorAll<HTMLInputElement>(field.selector)) {
      fields[field.name(input)] = field.checkable ? input.checked : input.value;
    }
  }
  return fields;
}

/** The order of an ordering question's items. */
export const readOrder = (section: Element) =>
  [...section.querySelectorAll<HTMLElement>('[data-item]')].map((item) => item.dataset.item ?? '');

/**
 * Puts saved values into the inputs that exist now and have not been restored yet, firing the
 * events the island listens to so its own state follows. Inputs the island renders later
 * (after hydration) are restored by calling this again.
 */
export function applyFields(section: Element, fields: Record<string, string | boolean>): void {
  for (const field of FIELDS) {
    for (const input of section.querySelectorAll<HTMLInputElement>(field.selector)) {
      if (input.dataset.mockRestored) continue;
      input.dataset.mockRestored = '1';
      const saved = fields[field.name(input)];
      if (saved === undefined) continue;
      if (field.checkable) {
        if (input.checked === saved) continue;
        input.checked = saved === true;
        input.dispatchEvent(new Event('change', { bubbles: true }));
        // Preact's onChange on radios listens to "change"; "click" is not needed.
      } else if (input.value !== saved) {
        input.value = String(saved);
        input.dispatchEvent(new Event('input', { bubbles: true }));
      }
    }
  }
}

/** Moves an ordering question's items into the saved order. */
export function applyOrder(section: Element, order: string[]): void {
  const list = [...section.querySelectorAll<HTMLElement>('[data-item]')];
  const parent = list[0]?.parentElement;
  if (!parent) return;
  // Re-inserted where the list ends, so text after the items stays after them.
  const after = list[list.length - 1].nextSibling;
  const items = new Map(list.map((el) => [el.dataset.item ?? '', el]));
  for (const id of order) {
    const item = items.get(id);
    if (item) parent.insertBefore(item, after);
  }
}
