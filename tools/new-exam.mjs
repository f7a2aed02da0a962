#!/usr/bin/env node
// Scaffolds content/exams/<id>.mdx: a small exam that passes `pnpm validate`, with comments that show the
// vocabulary (CONTRIBUTING.md). Usage: pnpm new-exam <id> [--dir <folder>]
import { existsSync, mkdirSync, writeFileSync } from 'node:fs';
import { join, relative, resolve } from 'node:path';

const ID = /^[a-z0-9]+(-[a-z0-9]+)*$/;

function usage(message) {
  console.error(
    `${message}\n\nUsage: pnpm new-exam <exam-id> [--dir <folder>]\n  e.g. pnpm new-exam my-course-2025-final`,
  );
  process.exit(1);
}

const args = process.argv.slice(2);
let dir = resolve(import.meta.dirname, '..', 'content', 'exams');
const positional = [];
for (let i = 0; i < args.length; i++) {
  if (args[i] === '--dir') {
    if (!args[i + 1]) usage('--dir needs a folder');
    dir = resolve(args[++i]);
  } else if (args[i].startsWith('-')) usage(`unknown option ${args[i]}`);
  else positional.push(args[i]);
}
if (positional.length !== 1) usage('give exactly one exam id');
const [id] = positional;
if (!ID.test(id)) {
  usage(
    `"${id}" is not a valid exam id: use kebab-case (lowercase letters, digits, single dashes), e.g. tum-i2dl-2024-endterm`,
  );
}

const file = join(dir, `${id}.mdx`);
for (const existing of [file, join(dir, id, 'index.mdx')]) {
  if (existsSync(existing)) {
    console.error(`${relative(process.cwd(), existing)} already exists; not overwriting it.`);
    process.exit(1);
  }
}

const template = `---
id: ${id}
title: Exam title as printed
course: { code: COURSE-CODE, name: Course name as printed }
institution: { name: University name, inferred: false }   # inferred: true when the exam does not say it
date: null                # YYYY-MM-DD as printed (or YYYY-MM, YYYY); null when the exam does not say
examiners: []
durationMinutes: null     # minutes as printed; null when the exam does not say
totalCredits: 8           # the validator checks that the problems add up to this
allowedResources: []
instructions: []
scoring: { multipleChoice: all-or-nothing }   # or net-correct, each-answer, coverage
source: { officialSolution: false, notes: Describe where the text came from. }
---

{/*
  One <Problem> per printed problem, questions in the printed order. Keep the exam's wording; math in $...$.
  Numbers, shapes and formulas are never typed: they come from a solver (see packages/exams/README.md).
  Run \`pnpm validate\` after every change: it names the file, line and field of every mistake.
*/}

<Problem id="p1" title="Convolutions" credits={8} solver="conv-output" params={{ channels: 3, height: 32, width: 32, kernel: 5, padding: 2, filters: 8 }}>

{/* The problem's solver and params are shared by its questions; a question can bring its own. */}

An input of shape $3 \\times 32 \\times 32$ goes through a convolution with 8 filters of size $5 \\times 5$,
stride 1 and padding 2.

<Question id="1.1" kind="multiple-choice" credits={2} topics={["cnn"]}>

Which statements are true?

{/* Any number of options can be correct, zero included. Every option says why it is right or wrong. */}

<Option id="a" correct>Padding 2 keeps the spatial size at 32.<Why>$(32 + 2 \\cdot 2 - 5)/1 + 1 = 32$.</Why></Option>
<Option id="b">Each filter has 25 weights.<Why>A filter spans all 3 input channels: $3 \\cdot 5 \\cdot 5 = 75$ weights.</Why></Option>

<Solution>
Only (a): the output size is $(H + 2p - k)/s + 1$, and every filter spans all input channels.
</Solution>

</Question>

<Question id="1.2" kind="shape" credits={2} topics={["cnn"]} answer="outputShape">

What is the shape of the output?

{/* answer="outputShape" reads the solver's answers; a <Mistake> explains a typical wrong answer. */}

<Mistake answer="outputShapeWithoutPadding">That is the size without padding: padding 2 adds 4 pixels to each side length.</Mistake>

<Solution>
<Steps />
</Solution>

</Question>

<Question id="1.3" kind="integer" credits={2} topics={["cnn"]} answer="params">

How many learnable parameters does the layer have?

<Mistake answer="paramsWithoutBias">Each filter also has a bias.</Mistake>

<Solution>
Each filter has $3 \\cdot 5 \\cdot 5$ weights and one bias.
</Solution>

</Question>

<Question id="1.4" kind="free-text" credits={2} topics={["cnn"]}>

Why do convolutional layers need fewer parameters than fully connected layers on images?

<ModelAnswer>
A filter is shared across all positions of the image (weight sharing) and only sees a small neighbourhood
(local connectivity), so its parameter count does not grow with the image size.
</ModelAnswer>

{/* The criteria's credits add up to the question's. */}

<Rubric>
<Criterion credits={1}>Names weight sharing across positions.</Criterion>
<Criterion credits={1}>Names local connectivity (small kernels).</Criterion>
</Rubric>

<Solution>
See the model answer.
</Solution>

</Question>

</Problem>
`;

mkdirSync(dir, { recursive: true });
writeFileSync(file, template, { flag: 'wx' });
console.log(`Created ${relative(process.cwd(), file)}. Next: transcribe the exam, then run pnpm validate.`);
