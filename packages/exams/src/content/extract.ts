import remarkFrontmatter from 'remark-frontmatter';
import remarkMath from 'remark-math';
import remarkMdx from 'remark-mdx';
import remarkParse from 'remark-parse';
import { unified } from 'unified';
import type { z } from 'zod';
import { topicsOf } from '../schema/exam.js';
import { type Question, type QuestionKind, questionKinds, questionSchema } from '../schema/question.js';
import { didYouMean } from './did-you-mean.js';
import { readFrontmatter } from './frontmatter.js';
import { evaluateStatic, type StaticValue } from './static-value.js';
import type {
  ContentIssue,
  ExtractedErratum,
  ExtractedExam,
  ExtractedFigure,
  ExtractedProblem,
  ExtractedQuestion,
  ExtractedSteps,
  MdNode,
  Point,
  SourcePosition,
} from './types.js';
import {
  allowedChildren,
  type ComponentName,
  chartKinds,
  componentNames,
  componentProps,
  isComponentName,
  kindProps,
} from './vocabulary.js';

const processor = unified().use(remarkParse).use(remarkMdx).use(remarkMath).use(remarkFrontmatter, ['yaml']);

const JSX = new Set(['mdxJsxFlowElement', 'mdxJsxTextElement']);
const EXPRESSION = new Set(['mdxFlowExpression', 'mdxTextExpression']);

/**
 * Reads an exam's MDX statically: frontmatter, problems, questions, their props (JSON-like literals,
 * evaluated from the estree, never run), Markdown texts and positions. Every problem found is a
 * ContentIssue; `exam` is returned when the file parses and its frontmatter is valid.
 */
export function extractExam(source: string, file: string): { exam?: ExtractedExam; issues: ContentIssue[] } {
  return new Extractor(source, file).run();
}

class Extractor {
  readonly issues: ContentIssue[] = [];
  private readonly seenProblemIds = new Map<string, SourcePosition>();
  private readonly seenQuestionIds = new Map<string, SourcePosition>();

  constructor(
    private readonly source: string,
    private readonly file: string,
  ) {}

  run(): { exam?: ExtractedExam; issues: ContentIssue[] } {
    let tree: MdNode;
    try {
      tree = processor.parse(this.source) as unknown as MdNode;
    } catch (error) {
      const e = error as { line?: number; column?: number; reason?: string; message?: string };
      this.error(
        { line: e.line ?? 1, column: e.column ?? 1 },
        'MDX',
        `cannot parse the file: ${e.reason ?? e.message}`,
      );
      return { issues: this.issues };
    }
    const children = tree.children ?? [];
    const yamlNode = children.find((n) => n.type === 'yaml');
    const frontmatter = readFrontmatter(yamlNode, this.file);
    this.issues.push(...frontmatter.issues);
    const problems: ExtractedProblem[] = [];
    const { elements } = this.partition(
      children.filter((n) => n !== yamlNode),
      'root',
    );
    for (const element of elements) {
      if (element.name === 'Problem') {
        const problem = this.readProblem(element);
        if (problem) problems.push(problem);
      }
    }
    if (problems.length === 0) this.error({ line: 1, column: 1 }, 'exam', 'the exam has no <Problem>');
    if (!frontmatter.value || !frontmatter.position) return { issues: this.issues };
    const { value, position } = frontmatter;
    const sum = problems.reduce((s, p) => s + p.credits, 0);
    const complete = problems.length === elements.filter((e) => e.name === 'Problem').length;
    if (complete && problems.length > 0 && !closeTo(sum, value.totalCredits)) {
      this.error(
        position.totalCredits ?? position.id,
        'frontmatter field "totalCredits"',
        `the problems' credits add up to ${sum}, not totalCredits ${value.totalCredits}`,
      );
    }
    const exam: ExtractedExam = {
      ...value,
      file: this.file,
      problems,
      topics: topicsOf(problems.flatMap((p) => p.questions)),
      position: position.id ?? { line: 1, column: 1 },
    };
    return { exam, issues: this.issues };
  }

  // ---- problems and questions ----

  private readProblem(node: MdNode): ExtractedProblem | undefined {
    const position = pos(node);
    const props = this.readProps(node, 'Problem', 'Problem');
    const id = typeof props.id === 'string' ? props.id : undefined;
    const owner = id ? `Problem "${id}"` : 'Problem';
    const positions = this.propPositions(node);
    if (!id) this.error(position, `${owner} field "id"`, 'a <Problem> needs an id, e.g. id="p1"');
    if (typeof props.credits !== 'number') {
      this.error(positions.credits ?? position, `${owner} field "credits"`, 'a <Problem> needs credits={number}');
    }
    if (props.title !== undefined && typeof props.title !== 'string') {
      this.error(positions.title ?? position, `${owner} field "title"`, 'the title is text');
    }
    this.checkSolverProps(props, owner, positions, position);
    if (id) this.checkUnique(this.seenProblemIds, id, position, owner, 'problem');
    const { elements, markdown } = this.partition(node.children ?? [], 'Problem');
    const problem: ExtractedProblem = {
      id: id ?? '',
      title: typeof props.title === 'string' ? props.title : '',
      credits: typeof props.credits === 'number' ? props.credits : 0,
      text: markdown,
      solver: typeof props.solver === 'string' ? props.solver : undefined,
      params: isRecord(props.params) ? props.params : undefined,
      topics: [],
      questions: [],
      props,
      position,
      positions,
      figures: [],
      errata: [],
    };
    for (const element of elements) {
      if (element.name === 'Question') {
        const question = this.readQuestion(element, problem);
        if (question) problem.questions.push(question);
      } else if (element.name === 'Figure') problem.figures.push(this.readFigure(element));
      else if (element.name === 'Erratum') problem.errata.push(this.readErratum(element));
    }
    problem.topics = topicsOf(problem.questions);
    const sum = problem.questions.reduce((s, q) => s + q.credits, 0);
    // A question that could not be read was reported already; summing the others would only add noise.
    const complete = problem.questions.length === elements.filter((e) => e.name === 'Question').length;
    if (
      id &&
      typeof props.credits === 'number' &&
      complete &&
      problem.questions.length > 0 &&
      !closeTo(sum, props.credits)
    ) {
      this.error(
        positions.credits ?? position,
        `${owner} field "credits"`,
        `the questions' credits add up to ${sum}, not the problem's ${props.credits}`,
      );
    }
    if (!elements.some((e) => e.name === 'Question'))
      this.error(position, owner, 'a <Problem> needs at least one <Question>');
    return id ? problem : undefined;
  }

  private readQuestion(node: MdNode, problem: ExtractedProblem): ExtractedQuestion | undefined {
    const position = pos(node);
    const unreadable = new Set<string>();
    const props = this.readProps(node, 'Question', 'Question', unreadable);
    const positions = this.propPositions(node);
    const id = typeof props.id === 'string' ? props.id : undefined;
    const owner = id ? `Question "${id}"` : 'Question';
    if (id) this.checkUnique(this.seenQuestionIds, id, position, owner, 'question');
    const kind = props.kind;
    if (typeof kind !== 'string' || !(questionKinds as readonly string[]).includes(kind)) {
      const hint = typeof kind === 'string' ? didYouMean(kind, questionKinds) : '';
      this.error(
        positions.kind ?? position,
        `${owner} field "kind"`,
        kind === undefined
          ? `a <Question> needs a kind: ${questionKinds.join(', ')}`
          : `unknown kind ${JSON.stringify(kind)}${hint}; kinds are ${questionKinds.join(', ')}`,
      );
      return undefined;
    }
    const common = ['id', 'kind', 'credits', 'topics', 'solver', 'params', 'consequential'];
    for (const name of Object.keys(props)) {
      if (!common.includes(name) && !kindProps[kind as QuestionKind].includes(name)) {
        this.error(
          positions[name] ?? position,
          `${owner} field "${name}"`,
          `${name} does not apply to a ${kind} question`,
        );
      }
    }
    this.checkSolverProps(props, owner, positions, position);

    const candidate: Record<string, unknown> = { ...props };
    const content = this.readQuestionChildren(node, owner, candidate, positions);
    const ownSolver = typeof props.solver === 'string';
    candidate.solver = ownSolver ? props.solver : problem.solver;
    const params = ownSolver
      ? props.params
      : { ...(problem.params ?? {}), ...(isRecord(props.params) ? props.params : {}) };
    candidate.params = isRecord(params) && (ownSolver || problem.solver || props.params) ? params : undefined;
    if (isRecord(props.consequential)) candidate.consequential = [props.consequential];

    const parsed = questionSchema.safeParse(candidate);
    if (!parsed.success) {
      // A prop that could not be read was reported already; its "missing" follow-up would only repeat it.
      const issues = parsed.error.issues.filter((i) => !unreadable.has(String(i.path[0])));
      this.reportSchemaIssues(issues, owner, positions, position);
      return undefined;
    }
    this.checkInnerCredits(parsed.data, owner, positions, position);
    return {
      ...parsed.data,
      problemId: problem.id,
      solverInherited: !ownSolver && problem.solver !== undefined,
      props,
      position,
      positions,
      figures: content.figures,
      errata: content.errata,
      steps: content.steps,
    };
  }

  /** Reads options, items, blanks, rubric, model answer, solution and mistakes into the candidate. */
  private readQuestionChildren(
    node: MdNode,
    owner: string,
    candidate: Record<string, unknown>,
    positions: Record<string, SourcePosition>,
  ) {
    const { elements, markdown } = this.partition(node.children ?? [], 'Question');
    candidate.text = markdown;
    const figures: ExtractedFigure[] = [];
    const errata: ExtractedErratum[] = [];
    const steps: ExtractedSteps[] = [];
    const lists: Record<string, Record<string, unknown>[]> = { options: [], items: [], blanks: [], mistakes: [] };
    const ids: Record<string, Set<string>> = {
      options: new Set(),
      items: new Set(),
      blanks: new Set(),
      rubric: new Set(),
    };
    const addTo = (
      list: 'options' | 'items' | 'blanks' | 'mistakes',
      element: MdNode,
      entry: Record<string, unknown>,
    ) => {
      positions[`${list}.${lists[list].length}`] = pos(element);
      lists[list].push(entry);
      const id = entry.id;
      if (list !== 'mistakes' && typeof id === 'string') this.checkChildId(ids[list], id, element, owner, list);
    };
    for (const element of elements) {
      const name = element.name as ComponentName;
      const props = this.readProps(element, name, `${owner} <${name}>`);
      switch (name) {
        case 'Option': {
          const parts = this.partition(element.children ?? [], 'Option');
          const why = parts.elements.find((e) => e.name === 'Why');
          const entry: Record<string, unknown> = { ...props, text: parts.markdown, correct: props.correct ?? false };
          if (why) entry.why = this.partition(why.children ?? [], 'Why').markdown;
          else this.warning(pos(element), `${owner} <Option>`, 'no <Why>: every option says why it is right or wrong');
          addTo('options', element, entry);
          break;
        }
        case 'Item':
          addTo('items', element, { ...props, text: this.partition(element.children ?? [], 'Item').markdown });
          break;
        case 'Blank':
          addTo('blanks', element, { ...props });
          break;
        case 'Mistake':
          addTo('mistakes', element, {
            ...props,
            feedback: this.partition(element.children ?? [], 'Mistake').markdown,
          });
          break;
        case 'ModelAnswer': {
          const parts = this.partition(element.children ?? [], 'ModelAnswer');
          candidate.modelAnswer = parts.markdown;
          for (const f of parts.elements) figures.push(this.readFigure(f));
          break;
        }
        case 'Rubric': {
          positions.rubric = pos(element);
          const criteria = this.partition(element.children ?? [], 'Rubric').elements;
          candidate.rubric = criteria.map((criterion, i) => {
            const cprops = this.readProps(criterion, 'Criterion', `${owner} <Criterion>`);
            positions[`rubric.${i}`] = pos(criterion);
            const id = typeof cprops.id === 'string' ? cprops.id : `c${i + 1}`;
            this.checkChildId(ids.rubric, id, criterion, owner, 'rubric');
            return { ...cprops, id, text: this.partition(criterion.children ?? [], 'Criterion').markdown };
          });
          break;
        }
        case 'Solution': {
          if (candidate.solution !== undefined) this.error(pos(element), owner, 'a question has one <Solution>');
          const parts = this.partition(element.children ?? [], 'Solution');
          candidate.solution = parts.markdown;
          for (const inner of parts.elements) {
            if (inner.name === 'Steps') {
              const only = this.readProps(inner, 'Steps', `${owner} <Steps>`).only;
              steps.push({ position: pos(inner), ...(Array.isArray(only) ? { only: only.map(String) } : {}) });
            } else if (inner.name === 'Figure') figures.push(this.readFigure(inner));
            else if (inner.name === 'Erratum') errata.push(this.readErratum(inner));
          }
          break;
        }
        case 'Figure':
          figures.push(this.readFigure(element));
          break;
        case 'Erratum':
          errata.push(this.readErratum(element));
          break;
      }
    }
    const kind = candidate.kind;
    if (kind === 'multiple-choice' || kind === 'single-choice') candidate.options = lists.options;
    else if (lists.options.length > 0)
      this.error(positions['options.0'], owner, `<Option> does not apply to a ${kind} question`);
    if (kind === 'ordering') candidate.items = lists.items;
    else if (lists.items.length > 0)
      this.error(positions['items.0'], owner, `<Item> does not apply to a ${kind} question`);
    if (kind === 'blanks') candidate.blanks = lists.blanks;
    else if (lists.blanks.length > 0)
      this.error(positions['blanks.0'], owner, `<Blank> does not apply to a ${kind} question`);
    if (kind !== 'free-text' && (candidate.rubric || candidate.modelAnswer !== undefined)) {
      this.error(positions.rubric ?? pos(node), owner, `<Rubric> and <ModelAnswer> apply to free-text questions only`);
      delete candidate.rubric;
      delete candidate.modelAnswer;
    }
    candidate.mistakes = lists.mistakes;
    if (candidate.solution === undefined) {
      this.warning(pos(node), owner, 'no <Solution>: every question explains its answer for students');
    }
    return { figures, errata, steps };
  }

  /** Rubric criteria add up to the question's credits; explicit blank credits do not exceed them. */
  private checkInnerCredits(q: Question, owner: string, positions: Record<string, SourcePosition>, at: SourcePosition) {
    if (q.kind === 'free-text') {
      const sum = q.rubric.reduce((s, c) => s + c.credits, 0);
      if (!closeTo(sum, q.credits)) {
        this.error(
          positions.rubric ?? at,
          `${owner} field "rubric"`,
          `the criteria's credits add up to ${sum}, not the question's ${q.credits}`,
        );
      }
    }
    if (q.kind === 'blanks') {
      const explicit = q.blanks.filter((b) => b.credits !== undefined);
      const sum = explicit.reduce((s, b) => s + (b.credits ?? 0), 0);
      const allExplicit = explicit.length === q.blanks.length;
      if (allExplicit ? !closeTo(sum, q.credits) : sum > q.credits + 1e-9) {
        this.error(
          positions['blanks.0'] ?? at,
          `${owner} field "blanks"`,
          `the blanks' credits add up to ${sum}, ${allExplicit ? 'not' : 'more than'} the question's ${q.credits}`,
        );
      }
    }
  }

  private readFigure(node: MdNode): ExtractedFigure {
    const props = this.readProps(node, 'Figure', 'Figure');
    const figure: ExtractedFigure = { reconstructed: props.reconstructed === true, props, position: pos(node) };
    if (typeof props.chart === 'string') figure.chart = props.chart;
    if (props.data !== undefined) figure.data = props.data;
    if (typeof props.caption === 'string') figure.caption = props.caption;
    if (typeof props.assumption === 'string') figure.assumption = props.assumption;
    if (figure.reconstructed && !figure.assumption) {
      this.error(
        figure.position,
        'Figure field "assumption"',
        'a reconstructed figure says what was assumed: add assumption="..."',
      );
    }
    if (props.chart !== undefined && !(chartKinds as readonly unknown[]).includes(props.chart)) {
      const hint = typeof props.chart === 'string' ? didYouMean(props.chart, chartKinds) : '';
      this.error(
        figure.position,
        'Figure field "chart"',
        `unknown chart kind ${JSON.stringify(props.chart)}${hint}; kinds are ${chartKinds.join(', ')}`,
      );
    } else if (props.chart === undefined && props.data !== undefined && typeof props.data !== 'string') {
      this.error(
        figure.position,
        'Figure field "chart"',
        `literal data needs its chart kind: chart="line" (${chartKinds.join(', ')})`,
      );
    }
    if (figure.data === undefined)
      this.error(figure.position, 'Figure field "data"', 'a <Figure> needs data (a solver chart name or literal data)');
    return figure;
  }

  private readErratum(node: MdNode): ExtractedErratum {
    const props = this.readProps(node, 'Erratum', 'Erratum');
    const erratum: ExtractedErratum = {
      text: this.partition(node.children ?? [], 'Erratum').markdown,
      position: pos(node),
    };
    if (props.printed !== undefined) erratum.printed = props.printed;
    if (typeof props.answer === 'string') erratum.answer = props.answer;
    return erratum;
  }

  // ---- props ----

  /** Reads a component's props: known names only, values evaluated statically. */
  private readProps(
    node: MdNode,
    component: ComponentName,
    owner: string,
    failed = new Set<string>(),
  ): Record<string, StaticValue> {
    const allowed: readonly string[] = componentProps[component];
    const props: Record<string, StaticValue> = {};
    const idAttribute = node.attributes?.find((a) => a.name === 'id' && typeof a.value === 'string');
    // "Question" becomes 'Question "1.3"' as soon as the id is known; nested owners already carry theirs.
    const described = idAttribute && !owner.includes('"') ? `${owner} "${idAttribute.value}"` : owner;
    for (const attribute of node.attributes ?? []) {
      const at = attribute.position ? point(attribute.position.start) : pos(node);
      if (attribute.type !== 'mdxJsxAttribute' || !attribute.name) {
        this.error(at, described, 'spread props {...x} are not allowed; write each prop as a literal');
        continue;
      }
      const name = attribute.name;
      if (!allowed.includes(name)) {
        const known =
          allowed.length > 0 ? `; <${component}> takes ${allowed.join(', ')}` : `; <${component}> takes no props`;
        this.error(at, `${described} field "${name}"`, `unknown prop "${name}"${didYouMean(name, allowed)}${known}`);
        continue;
      }
      const value = attribute.value;
      if (value === null || value === undefined) props[name] = true;
      else if (typeof value === 'string') props[name] = value;
      else {
        const result = evaluateStatic(value.data?.estree);
        if (result.ok) props[name] = result.value;
        else {
          failed.add(name);
          this.error(at, `${described} field "${name}"`, `${result.message} (in {${value.value.trim()}})`);
        }
      }
    }
    return props;
  }

  private propPositions(node: MdNode): Record<string, SourcePosition> {
    const positions: Record<string, SourcePosition> = {};
    for (const attribute of node.attributes ?? []) {
      if (attribute.name && attribute.position) positions[attribute.name] = point(attribute.position.start);
    }
    return positions;
  }

  private checkSolverProps(
    props: Record<string, StaticValue>,
    owner: string,
    positions: Record<string, SourcePosition>,
    fallback: SourcePosition,
  ) {
    if (props.solver !== undefined && typeof props.solver !== 'string') {
      this.error(
        positions.solver ?? fallback,
        `${owner} field "solver"`,
        'solver is a name, e.g. solver="conv-output"',
      );
    }
    if (props.params !== undefined && !isRecord(props.params)) {
      this.error(
        positions.params ?? fallback,
        `${owner} field "params"`,
        'params is an object, e.g. params={{ k: 3 }}',
      );
    }
  }

  private reportSchemaIssues(
    issues: z.core.$ZodIssue[],
    owner: string,
    positions: Record<string, SourcePosition>,
    fallback: SourcePosition,
  ) {
    for (const issue of issues) {
      const path = issue.path.map(String);
      let at = fallback;
      for (let n = path.length; n > 0; n--) {
        const found = positions[path.slice(0, n).join('.')];
        if (found) {
          at = found;
          break;
        }
      }
      const field = path.length > 0 ? `${owner} field "${path.join('.')}"` : owner;
      this.error(at, field, issue.message);
    }
  }

  private checkUnique(seen: Map<string, SourcePosition>, id: string, at: SourcePosition, owner: string, what: string) {
    const first = seen.get(id);
    if (first) this.error(at, `${owner} field "id"`, `duplicate ${what} id "${id}" (first used on line ${first.line})`);
    else seen.set(id, at);
  }

  private checkChildId(seen: Set<string>, id: string, node: MdNode, owner: string, list: string) {
    if (seen.has(id)) {
      const what = { options: 'option', items: 'item', blanks: 'blank', rubric: 'criterion' }[list] ?? list;
      this.error(pos(node), `${owner} field "${list}"`, `duplicate ${what} id "${id}"`);
    }
    seen.add(id);
  }

  // ---- markdown and nesting ----

  /**
   * Splits children into our components (including those nested inside Markdown, such as a <Blank>
   * in a sentence) and the Markdown text around them. Components in the wrong place, unknown
   * components, imports and JS expressions are issues.
   */
  private partition(nodes: MdNode[], parent: ComponentName | 'root'): { elements: MdNode[]; markdown: string } {
    const elements: MdNode[] = [];
    const chunks: string[] = [];
    const phrasing = nodes.every(
      (n) => n.type !== 'paragraph' && !n.type.endsWith('FlowElement') && n.type !== 'heading',
    );
    for (const node of nodes) {
      if (this.isOurs(node)) {
        if (this.acceptChild(node, parent)) elements.push(node);
        continue;
      }
      if (node.type === 'mdxjsEsm') {
        this.error(pos(node), 'MDX', 'no import or export lines: the site and the validator provide the components');
        continue;
      }
      if (EXPRESSION.has(node.type)) {
        this.checkExpression(node);
        continue;
      }
      const removed: MdNode[] = [];
      this.collectNested(node, parent, elements, removed);
      const text = this.sliceWithout(node, removed);
      if (text) chunks.push(text);
    }
    return { elements, markdown: chunks.join(phrasing ? '' : '\n\n').trim() };
  }

  private isOurs(node: MdNode): boolean {
    if (!JSX.has(node.type)) return false;
    const name = node.name ?? '';
    // Lowercase names are HTML (<sub>, <br/>) and fragments have no name: both are Markdown.
    if (!/^[A-Z]/.test(name)) return false;
    if (!isComponentName(name)) {
      this.error(pos(node), `component "${name}"`, `unknown component <${name}>${didYouMean(name, componentNames)}`);
      return false;
    }
    return true;
  }

  private acceptChild(node: MdNode, parent: ComponentName | 'root'): boolean {
    const name = node.name as ComponentName;
    if (allowedChildren[parent].includes(name)) return true;
    const where = parent === 'root' ? 'at the top level' : `inside <${parent}>`;
    const fix = parent === 'root' ? '; put it inside a <Problem>' : '';
    this.error(pos(node), `component "${name}"`, `<${name}> cannot be ${where}${fix}`);
    return false;
  }

  private collectNested(node: MdNode, parent: ComponentName | 'root', elements: MdNode[], removed: MdNode[]) {
    for (const child of node.children ?? []) {
      if (EXPRESSION.has(child.type)) {
        this.checkExpression(child);
        removed.push(child);
      } else if (this.isOurs(child)) {
        removed.push(child);
        if (this.acceptChild(child, parent)) elements.push(child);
      } else if (JSX.has(child.type) && /^[A-Z]/.test(child.name ?? '')) {
        removed.push(child);
      } else this.collectNested(child, parent, elements, removed);
    }
  }

  private checkExpression(node: MdNode) {
    const program = node.data?.estree;
    if (program && program.body.length === 0) return; // a {/* comment */}
    this.error(pos(node), 'MDX', 'JavaScript expressions are not allowed in content; only {/* comments */}');
  }

  /** The node's source text with nested components cut out (a <Blank> leaves [its label]). */
  private sliceWithout(node: MdNode, removed: MdNode[]): string {
    const start = node.position?.start.offset;
    const end = node.position?.end.offset;
    if (start === undefined || end === undefined) return '';
    let text = '';
    let cursor = start;
    for (const cut of removed) {
      const from = cut.position?.start.offset ?? cursor;
      const to = cut.position?.end.offset ?? cursor;
      text += this.source.slice(cursor, from);
      if (cut.name === 'Blank') {
        const label = cut.attributes?.find((a) => a.name === 'label') ?? cut.attributes?.find((a) => a.name === 'id');
        text += `[${typeof label?.value === 'string' ? label.value : 'blank'}]`;
      }
      cursor = to;
    }
    return (text + this.source.slice(cursor, end)).trim();
  }

  // ---- issues ----

  private error(at: SourcePosition | undefined, field: string, message: string) {
    this.issues.push({
      file: this.file,
      line: at?.line ?? 1,
      column: at?.column ?? 1,
      field,
      message,
      severity: 'error',
    });
  }

  private warning(at: SourcePosition, field: string, message: string) {
    this.issues.push({ file: this.file, line: at.line, column: at.column, field, message, severity: 'warning' });
  }
}

function pos(node: MdNode): SourcePosition {
  return node.position ? point(node.position.start) : { line: 1, column: 1 };
}

function point(p: Point): SourcePosition {
  return { line: p.line, column: p.column };
}

function isRecord(value: unknown): value is Record<string, StaticValue> {
  return value !== null && typeof value === 'object' && !Array.isArray(value);
}

function closeTo(a: number, b: number): boolean {
  return Math.abs(a - b) < 1e-9;
}
