/**
 * axe-core in a playwright page. The participant pages allow only their own script by hash
 * (content security policy), so axe can be injected only in a browser context created with
 * `bypassCSP: true`: use such a context for the scans and nothing else, so every other test
 * runs the pages under their real policy.
 */
import axe from 'axe-core';
import type { Page } from 'playwright-core';

/** Browser context options for the accessibility scans (CSP bypassed to inject axe, see above). */
export const AXE_CONTEXT = { bypassCSP: true } as const;

/** One rule broken on a page, with the elements that break it. */
export interface AxeFinding {
  readonly page: string;
  readonly rule: string;
  readonly impact: string;
  readonly help: string;
  readonly nodes: readonly { readonly target: string; readonly html: string; readonly why: string }[];
}

/**
 * Runs axe on the page as it is: the default rules (WCAG 2.0, 2.1 and 2.2 A and AA, best
 * practices) plus `target-size` (WCAG 2.2 AA 2.5.8), which axe leaves off by default.
 */
export async function scanPage(page: Page, label: string): Promise<AxeFinding[]> {
  if (!(await page.evaluate<boolean>(`typeof axe !== 'undefined'`))) await page.addScriptTag({ content: axe.source });
  const results = await page.evaluate<axe.AxeResults>(
    `axe.run(document, { resultTypes: ['violations'], rules: { 'target-size': { enabled: true } } })`,
  );
  return results.violations.map((violation) => ({
    page: label,
    rule: violation.id,
    impact: violation.impact ?? 'unknown',
    help: violation.help,
    nodes: violation.nodes.map((node) => ({
      target: node.target.join(' '),
      html: node.html,
      why: node.failureSummary ?? '',
    })),
  }));
}

/** Serious and critical findings only: the ones the participant pages must not have. */
export function seriousOrCritical(findings: readonly AxeFinding[]): AxeFinding[] {
  return findings.filter((finding) => finding.impact === 'serious' || finding.impact === 'critical');
}

/** A readable list of findings for an assertion message. */
export function describeFindings(findings: readonly AxeFinding[]): string {
  return findings
    .map((finding) => {
      const nodes = finding.nodes.map(
        (node) => `  ${node.target}: ${node.html}\n    ${node.why.replace(/\n/g, '\n    ')}`,
      );
      return `${finding.page}: ${finding.rule} (${finding.impact}) ${finding.help}\n${nodes.join('\n')}`;
    })
    .join('\n');
}
