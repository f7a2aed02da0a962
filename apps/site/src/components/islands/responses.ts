// The current raw responses of the questions on a page, for consequential marking: a later
// question is graded against the student's own earlier answer. Each question island registers
// a reader of its inputs; only the islands on this page share the registry.

const readers = new Map<string, () => unknown>();

/** Registers how to read question `id`'s current response; returns the unregister function. */
export function registerResponse(id: string, read: () => unknown): () => void {
  readers.set(id, read);
  return () => {
    if (readers.get(id) === read) readers.delete(id);
  };
}

/** The current raw responses of the given questions (those not on the page are left out). */
export function currentResponses(ids: readonly string[]): Record<string, unknown> {
  return Object.fromEntries(ids.flatMap((id) => (readers.has(id) ? [[id, readers.get(id)?.()]] : [])));
}
