import { create, type MathNode, parseDependencies } from 'mathjs';
import { fail, ok, type ParseResult, readText, unbalancedBrackets } from './result.js';

// Only mathjs's parser is instantiated: nothing it produces is ever evaluated by mathjs. The tree is
// copied into the plain ExprTree below through a whitelist, so no input can reach JavaScript objects.
const { parse } = create({ parseDependencies });

/** A parsed, whitelisted expression: plain JSON data. */
export type ExprTree =
  | { type: 'num'; value: number }
  | { type: 'var'; name: string }
  | { type: 'op'; op: BinaryOp | UnaryOp; args: ExprTree[] }
  | { type: 'call'; fn: FunctionName; args: ExprTree[] };

type BinaryOp = 'add' | 'subtract' | 'multiply' | 'divide' | 'pow';
type UnaryOp = 'unaryMinus' | 'unaryPlus';

const OPERATORS = new Set<string>(['add', 'subtract', 'multiply', 'divide', 'pow', 'unaryMinus', 'unaryPlus']);

/** Functions an expression may call, with their arity [min, max]. */
const FUNCTIONS = {
  sqrt: [1, 1],
  exp: [1, 1],
  log: [1, 2],
  ln: [1, 1],
  log2: [1, 1],
  log10: [1, 1],
  sin: [1, 1],
  cos: [1, 1],
  tan: [1, 1],
  sinh: [1, 1],
  cosh: [1, 1],
  tanh: [1, 1],
  sigmoid: [1, 1],
  abs: [1, 1],
  max: [2, 8],
  min: [2, 8],
  pow: [2, 2],
} as const satisfies Record<string, readonly [number, number]>;
type FunctionName = keyof typeof FUNCTIONS;

/** The names of the functions an expression may use. */
export const expressionFunctions = Object.keys(FUNCTIONS) as FunctionName[];

const CONSTANTS = new Map<string, number>([
  ['pi', Math.PI],
  ['π', Math.PI],
  ['e', Math.E],
]);

const isFunctionName = (name: string): name is FunctionName => Object.hasOwn(FUNCTIONS, name);

/** Reads an expression over the given variables; never throws, never evaluates anything outside the whitelist. */
export function parseExpression(raw: unknown, variables: readonly string[]): ParseResult<ExprTree> {
  const text = readText(raw, 'enter an expression');
  if (!text.ok) return text;
  const source = text.value.replace(/\*\*/g, '^');
  const unsafe = unsafeSyntax(source);
  if (unsafe) return fail(unsafe);
  const unbalanced = unbalancedBrackets(source);
  if (unbalanced) return fail(unbalanced);
  let node: MathNode;
  try {
    node = parse(source);
  } catch (error) {
    return fail(`could not read the expression: ${(error as Error).message}`);
  }
  try {
    return ok(toTree(node, new Set(variables)));
  } catch (error) {
    if (error instanceof ExpressionError) return fail(error.message);
    return fail('could not read the expression');
  }
}

class ExpressionError extends Error {}

/** Rejects syntax that could only be an attempt at code, with a message naming it. */
function unsafeSyntax(text: string): string | null {
  if (/[=]/.test(text)) return 'assignments and comparisons are not allowed in an answer';
  if (/\.\s*[\p{L}_$]/u.test(text)) return 'property access (".name") is not allowed in an answer';
  const bad = text.match(/[^\p{L}\p{N}_ .+\-*/^(),]/u);
  if (bad)
    return `the character "${bad[0]}" is not allowed; use numbers, variables, + - * / ^, parentheses and functions`;
  return null;
}

function toTree(node: MathNode, variables: ReadonlySet<string>): ExprTree {
  const n = node as MathNode & Record<string, unknown>;
  switch (node.type) {
    case 'ConstantNode': {
      if (typeof n.value !== 'number' || !Number.isFinite(n.value)) {
        throw new ExpressionError(`${String(n.value)} is not a finite number`);
      }
      return { type: 'num', value: n.value };
    }
    case 'SymbolNode': {
      const name = String(n.name);
      if (variables.has(name)) return { type: 'var', name };
      const constant = CONSTANTS.get(name);
      if (constant !== undefined) return { type: 'num', value: constant };
      if (isFunctionName(name)) throw new ExpressionError(`${name} is a function: write ${name}(...)`);
      const known = variables.size > 0 ? `; the variables are ${[...variables].join(', ')}` : '; no variables here';
      throw new ExpressionError(`unknown symbol "${name}"${known}`);
    }
    case 'ParenthesisNode':
      return toTree(n.content as MathNode, variables);
    case 'OperatorNode': {
      const fn = String(n.fn);
      if (!OPERATORS.has(fn)) throw new ExpressionError(`the operator "${String(n.op)}" is not allowed`);
      const args = (n.args as MathNode[]).map((a) => toTree(a, variables));
      return { type: 'op', op: fn as BinaryOp | UnaryOp, args };
    }
    case 'FunctionNode': {
      const callee = n.fn as MathNode & { name?: unknown };
      const name = callee.type === 'SymbolNode' ? String(callee.name) : '';
      if (!isFunctionName(name)) {
        throw new ExpressionError(
          `unknown function "${name || 'expression'}"; allowed: ${expressionFunctions.join(', ')}`,
        );
      }
      const args = (n.args as MathNode[]).map((a) => toTree(a, variables));
      const [min, max] = FUNCTIONS[name];
      if (args.length < min || args.length > max) {
        throw new ExpressionError(`${name} takes ${min === max ? min : `${min} to ${max}`} argument(s)`);
      }
      return { type: 'call', fn: name, args };
    }
    default:
      throw new ExpressionError(`${describeNode(node.type)} is not allowed in an answer`);
  }
}

function describeNode(type: string): string {
  const names: Record<string, string> = {
    AccessorNode: 'property access',
    AssignmentNode: 'assignment',
    FunctionAssignmentNode: 'a function definition',
    ArrayNode: 'a list',
    ObjectNode: 'an object',
    BlockNode: 'several statements',
    ConditionalNode: 'a condition',
    RangeNode: 'a range',
    RelationalNode: 'a comparison',
    IndexNode: 'indexing',
  };
  return names[type] ?? type;
}

const sigmoid = (x: number) => 1 / (1 + Math.exp(-x));
const IMPLEMENTATIONS: Record<FunctionName, (...a: number[]) => number> = {
  sqrt: Math.sqrt,
  exp: Math.exp,
  log: (x, base) => (base === undefined ? Math.log(x) : Math.log(x) / Math.log(base)),
  ln: Math.log,
  log2: Math.log2,
  log10: Math.log10,
  sin: Math.sin,
  cos: Math.cos,
  tan: Math.tan,
  sinh: Math.sinh,
  cosh: Math.cosh,
  tanh: Math.tanh,
  sigmoid,
  abs: Math.abs,
  max: Math.max,
  min: Math.min,
  pow: Math.pow,
};

/** Evaluates a parsed expression; variables missing from `scope` evaluate to NaN. */
export function evaluateExpression(tree: ExprTree, scope: Readonly<Record<string, number>>): number {
  switch (tree.type) {
    case 'num':
      return tree.value;
    case 'var':
      return Object.hasOwn(scope, tree.name) ? scope[tree.name] : Number.NaN;
    case 'call':
      return IMPLEMENTATIONS[tree.fn](...tree.args.map((a) => evaluateExpression(a, scope)));
    case 'op': {
      const [a, b] = tree.args.map((x) => evaluateExpression(x, scope));
      switch (tree.op) {
        case 'add':
          return a + b;
        case 'subtract':
          return a - b;
        case 'multiply':
          return a * b;
        case 'divide':
          return a / b;
        case 'pow':
          return a ** b;
        case 'unaryMinus':
          return -a;
        case 'unaryPlus':
          return a;
      }
    }
  }
}

/** Renders an expression tree back to text (for feedback). */
export function formatExpression(tree: ExprTree): string {
  switch (tree.type) {
    case 'num':
      return String(tree.value);
    case 'var':
      return tree.name;
    case 'call':
      return `${tree.fn}(${tree.args.map(formatExpression).join(', ')})`;
    case 'op': {
      const symbols: Record<string, string> = { add: '+', subtract: '-', multiply: '*', divide: '/', pow: '^' };
      const [a, b] = tree.args.map((x) => (x.type === 'op' ? `(${formatExpression(x)})` : formatExpression(x)));
      if (tree.op === 'unaryMinus') return `-${a}`;
      if (tree.op === 'unaryPlus') return a;
      return `${a} ${symbols[tree.op]} ${b}`;
    }
  }
}
