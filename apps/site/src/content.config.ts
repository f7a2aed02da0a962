// The exams collection: every MDX file under content/exams (outside the app, shared with the
// validator), its frontmatter checked by the same schema the validator uses. I2DL_FIXTURES=1
// adds the browser tests' fixture exam (every question kind once); only the e2e build sets it.

import { defineCollection } from 'astro:content';
import { examFrontmatterSchema } from '@i2dl/exams';
import { glob } from 'astro/loaders';

// I2DL_EXAMS narrows the build to some exams (a glob under content/exams), e.g. while writing one.
const patterns = [`content/exams/${process.env.I2DL_EXAMS ?? '**/*.mdx'}`];
if (process.env.I2DL_FIXTURES === '1') patterns.push('apps/site/e2e/fixtures/exams/**/*.mdx');

export const collections = {
  exams: defineCollection({
    loader: glob({
      pattern: patterns,
      base: '../..',
      // The frontmatter id is the URL (CONTRIBUTING.md), whatever the file or folder is called.
      generateId: ({ data, entry }) =>
        typeof data.id === 'string' ? data.id : entry.replace(/^.*\//, '').replace(/\.mdx$/, ''),
    }),
    schema: examFrontmatterSchema,
  }),
};
