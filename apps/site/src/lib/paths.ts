// One place that builds internal URLs, so every link and asset respects the deploy base path
// (I2DL_BASE), whether or not the base was configured with a trailing slash.

const rawBase = import.meta.env.BASE_URL;
/** The site's base path, always ending in `/`. */
export const base = rawBase.endsWith('/') ? rawBase : `${rawBase}/`;

/** An internal URL for `path` (no leading slash needed), under the base path. */
export function href(path = ''): string {
  return `${base}${path.replace(/^\/+/, '')}`;
}

export const examHref = (examId: string, anchor?: string) => href(`exams/${examId}/${anchor ? `#${anchor}` : ''}`);
export const topicHref = (topicId: string) => href(`topics/${topicId}/`);
export const mockHref = (examId: string) => href(`mock/${examId}/`);

/** The HTML id of a question, stable so topic pages and search results can link to it. */
export function questionAnchor(questionId: string): string {
  return `q-${questionId.replace(/[^A-Za-z0-9_-]+/g, '-')}`;
}

/** The HTML id of a problem. */
export function problemAnchor(problemId: string): string {
  return `problem-${problemId.replace(/[^A-Za-z0-9_-]+/g, '-')}`;
}
