// Reordering the items of an ordering question, which are server HTML: by drag and drop, and by
// the up/down buttons (keyboard), with each move announced for screen readers.

export function installOrdering(section: HTMLElement, announce: (text: string) => void): () => void {
  const items = () => [...section.querySelectorAll<HTMLElement>('[data-item]')];
  const label = (item: HTMLElement) =>
    item.querySelector('.order-text')?.textContent?.trim().slice(0, 60) ?? item.dataset.item;
  const number = () => {
    items().forEach((item, i) => {
      const position = item.querySelector('.order-position');
      if (position) position.textContent = `${i + 1}.`;
    });
  };
  const moved = (item: HTMLElement) => {
    number();
    announce(`Moved "${label(item)}" to position ${items().indexOf(item) + 1} of ${items().length}.`);
  };

  const onClick = (event: Event) => {
    const button = (event.target as HTMLElement).closest<HTMLButtonElement>('[data-move]');
    const item = button?.closest<HTMLElement>('[data-item]');
    if (!button || !item) return;
    const list = items();
    const index = list.indexOf(item);
    if (button.dataset.move === 'up' && index > 0) list[index - 1].before(item);
    else if (button.dataset.move === 'down' && index < list.length - 1) list[index + 1].after(item);
    else return;
    button.focus();
    moved(item);
  };

  let dragged: HTMLElement | null = null;
  const onDragStart = (event: DragEvent) => {
    dragged = (event.target as HTMLElement).closest<HTMLElement>('[data-item]');
    if (!dragged) return;
    dragged.classList.add('dragging');
    event.dataTransfer?.setData('text/plain', dragged.dataset.item ?? '');
    if (event.dataTransfer) event.dataTransfer.effectAllowed = 'move';
  };
  const onDragOver = (event: DragEvent) => {
    const over = (event.target as HTMLElement).closest<HTMLElement>('[data-item]');
    if (!dragged || !over || over === dragged) return;
    event.preventDefault();
    const box = over.getBoundingClientRect();
    if (event.clientY < box.top + box.height / 2) over.before(dragged);
    else over.after(dragged);
  };
  const onDragEnd = () => {
    if (!dragged) return;
    dragged.classList.remove('dragging');
    moved(dragged);
    dragged = null;
  };

  section.addEventListener('click', onClick);
  section.addEventListener('dragstart', onDragStart);
  section.addEventListener('dragover', onDragOver);
  section.addEventListener('drop', (e) => e.preventDefault());
  section.addEventListener('dragend', onDragEnd);
  number();
  return () => {
    section.removeEventListener('click', onClick);
    section.removeEventListener('dragstart', onDragStart);
    section.removeEventListener('dragover', onDragOver);
    section.removeEventListener('dragend', onDragEnd);
  };
}
