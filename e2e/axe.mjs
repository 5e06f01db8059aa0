// Accessibility audits with axe-core run inside the page: WCAG 2.0 and 2.1, levels A and AA.
// The script goes in through the DevTools protocol (page.evaluate), so a page's
// Content-Security-Policy does not stand in its way.
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';

const axeSource = readFileSync(createRequire(import.meta.url).resolve('axe-core/axe.min.js'), 'utf8');
const tags = ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa'];

/**
 * Audits the page (or only what `include` selects) and resolves to a list of violations as
 * readable lines: the rule, its impact, what it asks, and where.
 */
export async function violations(page, include) {
  if (!(await page.evaluate(() => typeof window.axe === 'object'))) await page.evaluate(axeSource);
  return page.evaluate(async ([include, tags]) => {
    const context = include ? { include: [include] } : document;
    const result = await window.axe.run(context, { runOnly: { type: 'tag', values: tags }, resultTypes: ['violations'] });
    return result.violations.map((v) =>
      `${v.id} (${v.impact}): ${v.help} at ${v.nodes.slice(0, 4).map((n) => n.target.join(' ')).join(', ')}`);
  }, [include ?? null, tags]);
}

/** `audit(what, include?)` records an audit's violations through `check`. */
export const auditor = (page, check) => async (what, include) => {
  const found = await violations(page, include);
  check(`axe: no WCAG 2.1 A/AA violation on ${what}`, found.length === 0, `\n    ${found.join('\n    ')}`);
};
