// An expression tree (from @i2dl/exams' parser, so the preview shows exactly what the grader
// will read) as TeX for the live KaTeX preview.
import type { ExprTree } from '@i2dl/exams';

const PRECEDENCE: Record<string, number> = {
  add: 1,
  subtract: 1,
  multiply: 2,
  divide: 3,
  unaryMinus: 4,
  unaryPlus: 4,
  pow: 5,
};
const FUNCTION_TEX: Record<string, string> = {
  exp: '\\exp',
  log: '\\log',
  ln: '\\ln',
  sin: '\\sin',
  cos: '\\cos',
  tan: '\\tan',
  sinh: '\\sinh',
  cosh: '\\cosh',
  tanh: '\\tanh',
  max: '\\max',
  min: '\\min',
  sigmoid: '\\sigma',
  log2: '\\log_2',
  log10: '\\log_{10}',
};

const variable = (name: string) => (name.length === 1 ? name : `\\mathrm{${name}}`);

function precedence(tree: ExprTree): number {
  return tree.type === 'op' ? (PRECEDENCE[tree.op] ?? 9) : 9;
}

/** TeX for `tree`, with parentheses only where precedence needs them. */
export function exprToTex(tree: ExprTree): string {
  switch (tree.type) {
    case 'num':
      return String(tree.value);
    case 'var':
      return tree.name === 'pi' || tree.name === 'π' ? '\\pi' : variable(tree.name);
    case 'call': {
      const args = tree.args.map(exprToTex);
      if (tree.fn === 'sqrt') return `\\sqrt{${args[0]}}`;
      if (tree.fn === 'abs') return `\\left|${args[0]}\\right|`;
      if (tree.fn === 'pow') return `{${args[0]}}^{${args[1]}}`;
      const name = FUNCTION_TEX[tree.fn] ?? `\\operatorname{${tree.fn}}`;
      return `${name}\\left(${args.join(', ')}\\right)`;
    }
    case 'op': {
      const own = precedence(tree);
      const wrap = (arg: ExprTree, strict = false) => {
        const tex = exprToTex(arg);
        const inner = precedence(arg);
        return inner < own || (strict && inner === own) ? `\\left(${tex}\\right)` : tex;
      };
      const [a, b] = tree.args;
      switch (tree.op) {
        case 'divide':
          return `\\frac{${exprToTex(a)}}{${exprToTex(b)}}`;
        case 'pow':
          return `{${wrap(a, true)}}^{${exprToTex(b)}}`;
        case 'multiply':
          return `${wrap(a)} \\cdot ${wrap(b)}`;
        case 'add':
          return `${wrap(a)} + ${wrap(b)}`;
        case 'subtract':
          return `${wrap(a)} - ${wrap(b, true)}`;
        case 'unaryMinus':
          return `-${wrap(a)}`;
        default:
          return wrap(a);
      }
    }
  }
}
