import { isMap, parseDocument } from 'yaml';
import { type ExamFrontmatter, examFrontmatterSchema } from '../schema/exam.js';
import { didYouMean } from './did-you-mean.js';
import type { ContentIssue, MdNode, SourcePosition } from './types.js';

/** The validated frontmatter with the line of each top-level key, and what is wrong with it. */
export interface FrontmatterResult {
  value?: ExamFrontmatter;
  position?: Record<string, SourcePosition>;
  issues: ContentIssue[];
}

/** Reads and validates the YAML frontmatter node; issues point at the offending key's line. */
export function readFrontmatter(node: MdNode | undefined, file: string): FrontmatterResult {
  const issues: ContentIssue[] = [];
  const error = (at: SourcePosition, field: string, message: string) =>
    issues.push({ file, line: at.line, column: at.column, field, message, severity: 'error' });
  if (!node || typeof node.value !== 'string') {
    error({ line: 1, column: 1 }, 'frontmatter', 'the file must start with YAML frontmatter between --- lines');
    return { issues };
  }
  const yamlText = node.value;
  const firstLine = (node.position?.start.line ?? 1) + 1;
  const lineOf = (offset: number) => firstLine + yamlText.slice(0, offset).split('\n').length - 1;
  const doc = parseDocument(yamlText, { prettyErrors: false });
  if (doc.errors.length > 0) {
    for (const yamlError of doc.errors) {
      const at = yamlError.linePos?.[0];
      const line = at ? firstLine + at.line - 1 : firstLine;
      error({ line, column: at?.col ?? 1 }, 'frontmatter', `invalid YAML: ${yamlError.message.split('\n')[0]}`);
    }
    return { issues };
  }
  const position: Record<string, SourcePosition> = {};
  if (isMap(doc.contents)) {
    for (const pair of doc.contents.items) {
      const key = pair.key as { value?: unknown; range?: [number, number, number] } | null;
      if (key?.range) position[String(key.value)] = { line: lineOf(key.range[0]), column: 1 };
    }
  }
  const parsed = examFrontmatterSchema.safeParse(doc.toJS());
  if (!parsed.success) {
    for (const issue of parsed.error.issues) {
      const keys = (issue as { keys?: string[] }).keys;
      const top = String(issue.path[0] ?? keys?.[0] ?? '');
      const where = position[top] ?? { line: firstLine, column: 1 };
      const field = issue.path.length > 0 ? `frontmatter field "${issue.path.join('.')}"` : 'frontmatter';
      const message = keys
        ? `unknown field${keys.length > 1 ? 's' : ''} ${keys.join(', ')}${didYouMean(keys[0], Object.keys(examFrontmatterSchema.shape))}`
        : issue.message;
      error(where, keys ? `frontmatter field "${keys[0]}"` : field, message);
    }
    return { issues };
  }
  return { value: parsed.data, position, issues };
}
