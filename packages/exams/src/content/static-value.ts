import type { Expression, Node, Program } from 'estree';

/** A JSON-like literal value read from a prop. */
export type StaticValue = string | number | boolean | null | StaticValue[] | { [key: string]: StaticValue };

/** The outcome of reading a prop's expression without running it. */
export type StaticResult = { ok: true; value: StaticValue } | { ok: false; message: string };

class NotStatic extends Error {}

/**
 * Evaluates a prop's expression statically from its estree: string/number/boolean/null literals,
 * arrays, objects with plain keys, and unary minus (or plus) on a number. Anything else (identifiers,
 * calls, template strings with expressions, spreads, computed keys) is refused with a message.
 */
export function evaluateStatic(program: Program | undefined): StaticResult {
  const statement = program?.body[0];
  if (program?.body.length !== 1 || statement?.type !== 'ExpressionStatement') {
    return { ok: false, message: 'expected one literal value' };
  }
  try {
    return { ok: true, value: evaluate(statement.expression) };
  } catch (error) {
    if (error instanceof NotStatic) return { ok: false, message: error.message };
    throw error;
  }
}

function evaluate(node: Expression | Node): StaticValue {
  switch (node.type) {
    case 'Literal': {
      const value = (node as { value: unknown }).value;
      if (value === null || ['string', 'number', 'boolean'].includes(typeof value)) return value as StaticValue;
      throw new NotStatic(
        'only string, number, boolean and null literals are allowed (no regular expressions or bigints)',
      );
    }
    case 'TemplateLiteral':
      if (node.expressions.length === 0) return node.quasis.map((q) => q.value.cooked ?? q.value.raw).join('');
      throw new NotStatic('template strings with placeholders are computed; write a plain string');
    case 'UnaryExpression': {
      if (node.operator !== '-' && node.operator !== '+')
        throw new NotStatic(`the operator "${node.operator}" is not allowed; props are literals`);
      const value = evaluate(node.argument);
      if (typeof value !== 'number') throw new NotStatic(`"${node.operator}" applies to numbers only`);
      return node.operator === '-' ? -value : value;
    }
    case 'ArrayExpression':
      return node.elements.map((element) => {
        if (element === null) throw new NotStatic('an array has an empty slot');
        if (element.type === 'SpreadElement')
          throw new NotStatic('spreads (...) are not allowed; write the values out');
        return evaluate(element);
      });
    case 'ObjectExpression': {
      const out: Record<string, StaticValue> = {};
      for (const property of node.properties) {
        if (property.type === 'SpreadElement')
          throw new NotStatic('spreads (...) are not allowed; write the values out');
        if (property.computed || property.kind !== 'init' || property.method) {
          throw new NotStatic('object keys must be plain names or strings');
        }
        if (property.shorthand)
          throw new NotStatic(`{ ${keyName(property.key)} } refers to a variable; write key: value`);
        const key = keyName(property.key);
        if (key === '__proto__' || key === 'constructor' || key === 'prototype') {
          throw new NotStatic(`the key "${key}" is not allowed`);
        }
        out[key] = evaluate(property.value);
      }
      return out;
    }
    case 'Identifier':
      if (node.name === 'undefined') throw new NotStatic('undefined is not a value; leave the prop out');
      throw new NotStatic(`"${node.name}" is a variable; props must be literals (strings, numbers, arrays, objects)`);
    default:
      throw new NotStatic(
        `${describe(node.type)} is not allowed; props must be literals (strings, numbers, arrays, objects)`,
      );
  }
}

function keyName(key: Node): string {
  if (key.type === 'Identifier') return key.name;
  if (key.type === 'Literal' && (typeof key.value === 'string' || typeof key.value === 'number'))
    return String(key.value);
  throw new NotStatic('object keys must be plain names or strings');
}

function describe(type: string): string {
  const names: Record<string, string> = {
    CallExpression: 'a function call',
    BinaryExpression: 'arithmetic',
    LogicalExpression: 'a logical expression',
    MemberExpression: 'property access',
    ArrowFunctionExpression: 'a function',
    FunctionExpression: 'a function',
    ConditionalExpression: 'a condition',
    NewExpression: '"new"',
    AssignmentExpression: 'an assignment',
    JSXElement: 'JSX',
    ImportExpression: 'import()',
  };
  return names[type] ?? `a ${type}`;
}
