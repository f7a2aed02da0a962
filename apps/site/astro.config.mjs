// The study site: static output, MDX exams from ../../content/exams, math through the unified
// Markdown processor. Astro 7's default processor (Sätteri) ignores remark and rehype plugins,
// so remark-math and rehype-katex only run because the unified processor is chosen here.

import { unified } from '@astrojs/markdown-remark';
import mdx from '@astrojs/mdx';
import preact from '@astrojs/preact';
import { defineConfig } from 'astro/config';
import rehypeKatex from 'rehype-katex';
import remarkMath from 'remark-math';

// Deploy under a sub-path (GitHub Pages and the like) with I2DL_BASE=/i2dl/.
const base = process.env.I2DL_BASE ?? '/';
// The browser tests build into their own folder (with the fixture exam), never over dist/.
const outDir = process.env.I2DL_OUT_DIR ?? './dist';

export default defineConfig({
  base,
  outDir,
  output: 'static',
  trailingSlash: 'always',
  markdown: {
    processor: unified({ remarkPlugins: [remarkMath], rehypePlugins: [rehypeKatex] }),
  },
  integrations: [mdx(), preact()],
  // @i2dl/core's matmul worker is an ES module with top-level await: bundle workers as ES modules.
  vite: { worker: { format: 'es' } },
  server: { host: '127.0.0.1', port: 4321 },
  preview: { host: '127.0.0.1', port: 4321 },
});
