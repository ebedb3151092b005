/** SARIF 2.1.0 output for `fenjie check --format sarif`, for CI code-scanning tools. */
import type { Locale } from '../../core/src/messages';
import type { Diagnostic } from '../../core/src/model';

const LEVEL: Record<Diagnostic['severity'], string> = { error: 'error', warning: 'warning', info: 'note', hint: 'note' };

export function toSarif(results: { file: string; diagnostics: Diagnostic[] }[], locale: Locale): object {
  const codes = [...new Set(results.flatMap((r) => r.diagnostics.map((d) => d.code)))].sort();
  return {
    $schema: 'https://json.schemastore.org/sarif-2.1.0.json',
    version: '2.1.0',
    runs: [
      {
        tool: { driver: { name: 'fenjie', informationUri: 'https://github.com/fenjie/fenjie', rules: codes.map((id) => ({ id })) } },
        results: results.flatMap((r) =>
          r.diagnostics.map((d) => ({
            ruleId: d.code,
            level: LEVEL[d.severity],
            message: { text: d.message[locale] },
            locations: [
              {
                physicalLocation: {
                  artifactLocation: { uri: r.file },
                  region: { startLine: d.range.start.line + 1, startColumn: d.range.start.character + 1, endLine: d.range.end.line + 1, endColumn: d.range.end.character + 1 },
                },
              },
            ],
          })),
        ),
      },
    ],
  };
}
