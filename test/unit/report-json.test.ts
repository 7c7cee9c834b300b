import { describe, expect, it } from 'vitest';
import { reportToJson } from '../../src/core/report-json';
import { load, report as reportOf, shopDowngrade } from './events';

const downgrade = shopDowngrade();

describe('reportToJson', () => {
  it('is the report itself, with the generator and version', () => {
    const parsed = JSON.parse(reportToJson(downgrade, '1.2.3')) as Record<string, unknown>;
    expect(parsed).toEqual({ generator: 'Portwatch', version: '1.2.3', ...downgrade });
    expect(JSON.parse(reportToJson(downgrade))).not.toHaveProperty('version');
  });

  it('writes angle brackets as escapes, so pasted JSON cannot close a script element', () => {
    const report = reportOf(load({ chain: ['http://evil.example/</script><script>x</script>'] }));
    const json = reportToJson(report);
    expect(json).not.toMatch(/[<>]/);
    expect(JSON.stringify(JSON.parse(json))).toContain('</script><script>');
  });
});
